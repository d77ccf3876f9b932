//! The folder as one request sees it, read from disk at that request (an
//! edit made in an editor shows on the next load; unchanged files are not
//! parsed again), and the pages' templates:
//! tera with HTML escaping on, as the `.html` reports are, and the reports'
//! filters. What a page answers ([`Answer`]) and how a refusal is worded and
//! which HTTP status it gets are decided here, once.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Serialize;
use tera::Tera;

use crate::error::{Error, Kind, Result, ServeMiss};
use crate::guard::Shared;
use crate::logic::cohort::{Cohort, Inputs};
use crate::model::Folder;
use crate::model::match_groups::{self, Matches as Groups};
use crate::model::matches::Matches;
use crate::model::screening::Screening;
use crate::model::values::Clock;

/// The page templates, embedded in the binary.
const PAGES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("error.html", include_str!("../templates/error.html")),
    ("overview.html", include_str!("../templates/overview.html")),
    ("people.html", include_str!("../templates/people.html")),
    ("person.html", include_str!("../templates/person.html")),
    ("matching.html", include_str!("../templates/matching.html")),
    ("explain.html", include_str!("../templates/explain.html")),
    ("sessions.html", include_str!("../templates/sessions.html")),
    ("sign-in.html", include_str!("../templates/sign-in.html")),
    (
        "documents.html",
        include_str!("../templates/documents.html"),
    ),
    (
        "matches-table.html",
        include_str!("../templates/matches-table.html"),
    ),
];

/// The style sheet and the small script every page links.
pub(crate) const STYLE: &str = include_str!("../assets/style.css");
pub(crate) const SCRIPT: &str = include_str!("../assets/app.js");

/// The page templates, ready to render.
pub(crate) struct Templates {
    tera: Tera,
}

impl Templates {
    pub(crate) fn new() -> Result<Templates> {
        let mut tera = Tera::new();
        crate::render::filters::register(&mut tera);
        tera.autoescape_on([".html"]);
        tera.add_raw_templates(PAGES.iter().copied())
            .map_err(|e| Error::Bug(crate::render::with_causes(&e)))?;
        Ok(Templates { tera })
    }

    /// Renders page template `name` with `context`.
    pub(crate) fn render(&self, name: &str, context: &impl Serialize) -> Result<String> {
        let ctx = tera::Context::from_serialize(context)
            .map_err(|e| Error::Bug(crate::render::with_causes(&e)))?;
        self.tera
            .render(name, &ctx)
            .map_err(|e| Error::Bug(format!("page {name}: {}", crate::render::with_causes(&e))))
    }
}

/// The folder, its screening and its matches, as on disk now.
pub(crate) struct Loaded {
    pub folder: Folder,
    pub screening: Option<Screening>,
    pub matches: Option<Matches>,
    /// The matches as the reports read them.
    pub groups: Option<Groups>,
    pub as_of: NaiveDate,
    /// What is wrong with the generated files, shown on every page: a stale
    /// screening or matching is used with a warning, a matches.yaml that
    /// cannot be read is left out (so that the dashboard can still make the
    /// matching that rewrites it), and a command that was interrupted before
    /// it wrote all its files is named, as the commands name it.
    pub warnings: Vec<String>,
}

impl Loaded {
    /// The cohort's facts, derived once for this request.
    pub(crate) fn cohort(&self) -> Cohort<'_> {
        Cohort::derive(Inputs {
            folder: &self.folder,
            screening: self.screening.as_ref(),
            as_of: self.as_of,
        })
    }
}

/// Reads the folder as it is on disk now (a record file unchanged since an
/// earlier request is not parsed again).
pub(crate) fn load(shared: &Shared) -> Result<Loaded> {
    let folder = crate::store::load_cached(&shared.root, &shared.cache)?;
    let screening = crate::store::load_screening(&shared.root)?;
    let mut warnings: Vec<String> = crate::store::screening_problems(&folder)
        .iter()
        .map(ToString::to_string)
        .collect();
    warnings.extend(
        crate::store::journal::interrupted(&shared.root)
            .iter()
            .map(ToString::to_string),
    );
    let matches = match crate::store::load_matches(&shared.root) {
        Ok(found) => {
            warnings.extend(
                crate::store::matches_problems(&folder)
                    .iter()
                    .map(ToString::to_string),
            );
            found
        }
        Err(Error::Invalid(problems)) => {
            warnings.extend(problems.iter().map(ToString::to_string));
            warnings.push(format!(
                "the pages leave the matches out until a new matching is saved to {}",
                crate::store::MATCHES_FILE
            ));
            None
        }
        Err(e) => return Err(e),
    };
    let groups = matches.as_ref().map(match_groups::from_model);
    let as_of = today(shared, &folder);
    Ok(Loaded {
        folder,
        screening,
        matches,
        groups,
        as_of,
        warnings,
    })
}

/// `--today`, else today in the program's time zone.
pub(crate) fn today(shared: &Shared, folder: &Folder) -> NaiveDate {
    shared.today.unwrap_or_else(|| {
        let tz = crate::model::recurrence::zone(&folder.program.program.timezone);
        chrono::Utc::now().with_timezone(&tz).date_naive()
    })
}

/// Which section of the site a page belongs to, for the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Section {
    Overview,
    People,
    Matching,
    Sessions,
    Documents,
}

/// What every page's frame shows.
#[derive(Serialize)]
struct Frame<'a> {
    program: &'a str,
    organization: Option<&'a str>,
    /// How times print (`[program] clock`, else from the time zone), as
    /// on the printed documents.
    clock: &'static str,
    as_of: String,
    section: Option<Section>,
    title: &'a str,
    csrf: &'a str,
    read_only: bool,
    warnings: &'a [String],
}

/// What a request gets back.
pub(crate) enum Answer {
    Html(String),
    /// 303 to another page of ours (after a form without the script).
    SeeOther(String),
    Json(serde_json::Value),
    /// A document as a file: its type, its text, and a file name when it
    /// is to be downloaded rather than shown.
    File {
        content_type: &'static str,
        body: String,
        download: Option<String>,
    },
}

/// Renders page `template` of `section`, titled `title`, seeing `page`.
pub(crate) fn page(
    shared: &Shared,
    loaded: &Loaded,
    section: Section,
    title: &str,
    template: &str,
    page: &impl Serialize,
) -> Result<Answer> {
    let p = &loaded.folder.program.program;
    let frame = Frame {
        program: &p.name,
        organization: p.organization.as_deref(),
        clock: p.clock().as_str(),
        as_of: loaded.as_of.to_string(),
        section: Some(section),
        title,
        csrf: &shared.csrf,
        read_only: shared.read_only,
        warnings: &loaded.warnings,
    };
    let html = shared.templates.render(
        template,
        &serde_json::json!({ "site": frame, "page": page }),
    )?;
    Ok(Answer::Html(html))
}

/// The HTTP status of a refusal.
fn status(e: &Error) -> StatusCode {
    match e {
        Error::Serve(miss) => match miss {
            ServeMiss::Host { .. } => StatusCode::MISDIRECTED_REQUEST,
            ServeMiss::Token => StatusCode::UNAUTHORIZED,
            ServeMiss::Csrf | ServeMiss::ReadOnly => StatusCode::FORBIDDEN,
            ServeMiss::Form { .. } => StatusCode::BAD_REQUEST,
            ServeMiss::NotFound { .. } => StatusCode::NOT_FOUND,
            ServeMiss::NeedsToken { .. } | ServeMiss::WeakToken { .. } => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        },
        Error::Unknown(_) => StatusCode::NOT_FOUND,
        Error::Invalid(_) => StatusCode::CONFLICT,
        Error::Locked { .. } => StatusCode::SERVICE_UNAVAILABLE,
        Error::NotAllowed { .. }
        | Error::Argument { .. }
        | Error::Usage(_)
        | Error::Outcome { .. }
        | Error::Edit { .. }
        | Error::EditInvalid { .. }
        | Error::Goal { .. }
        | Error::NotMatched(_) => StatusCode::BAD_REQUEST,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

#[derive(Serialize)]
struct ErrorPage<'a> {
    status: u16,
    reason: &'a str,
    message: String,
}

/// A refusal in words for someone at the dashboard, who may never open a
/// terminal: an unknown id points to the page that lists the real ones.
fn words(e: &Error) -> String {
    match e {
        Error::Unknown(u) => {
            let page = match u.kind {
                Kind::Participant => "the People page lists everyone",
                Kind::Session => "the Sessions page lists every session",
                Kind::Deliverable => "the person's page lists their deliverables",
            };
            Error::Unknown(u.clone().otherwise(page)).to_string()
        }
        other => other.to_string(),
    }
}

/// A refusal as a page (or, for the script, as JSON), with its status.
pub(crate) fn refusal(shared: &Shared, e: &Error, json: bool) -> Response {
    let code = status(e);
    let message = words(e);
    if json {
        let body = serde_json::json!({ "ok": false, "error": message });
        return with_type(code, "application/json", body.to_string());
    }
    let frame = Frame {
        program: "mentorkit",
        organization: None,
        clock: Clock::TwentyFour.as_str(),
        as_of: String::new(),
        section: None,
        title: code.canonical_reason().unwrap_or("Error"),
        csrf: &shared.csrf,
        read_only: shared.read_only,
        warnings: &[],
    };
    let page = ErrorPage {
        status: code.as_u16(),
        reason: code.canonical_reason().unwrap_or("Error"),
        message: message.clone(),
    };
    let html = shared
        .templates
        .render(
            "error.html",
            &serde_json::json!({ "site": frame, "page": page }),
        )
        .unwrap_or(message);
    with_type(code, "text/html; charset=utf-8", html)
}

fn with_type(code: StatusCode, content_type: &'static str, body: String) -> Response {
    let mut r = (code, body).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

/// An answer, or the refusal, as the response.
pub(crate) fn respond(shared: &Shared, answer: Result<Answer>, json: bool) -> Response {
    match answer {
        Ok(Answer::Html(html)) => with_type(StatusCode::OK, "text/html; charset=utf-8", html),
        Ok(Answer::Json(v)) => with_type(StatusCode::OK, "application/json", v.to_string()),
        Ok(Answer::SeeOther(to)) => {
            let mut r = StatusCode::SEE_OTHER.into_response();
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        Ok(Answer::File {
            content_type,
            body,
            download,
        }) => {
            let mut r = with_type(StatusCode::OK, content_type, body);
            if let Some(name) = download
                && let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
            {
                r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
            }
            r
        }
        Err(e) => refusal(shared, &e, json),
    }
}

/// A form or query field that cannot be used.
pub(crate) fn bad_field(field: &str, why: impl Into<String>) -> Error {
    Error::Serve(ServeMiss::Form {
        field: field.to_string(),
        why: why.into(),
    })
}
