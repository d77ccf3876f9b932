//! The documents: every kind `report` renders (the cohort report, career
//! plans, resumes, agendas, sign-in sheets, certificates, and the trends of
//! this one cohort), rendered by the same templates (the folder's own
//! `templates/` first) into the page, printable, and as files to download
//! in HTML or Markdown.

use serde::Serialize;

use crate::error::{Error, Result, ServeMiss};
use crate::form::Fields;
use crate::guard::Shared;
use crate::render::{Document, Format, Override, Renderer, Reports};
use crate::site::{self, Answer, Loaded, Section};

#[derive(Serialize)]
struct Page {
    groups: Vec<Group>,
    shown: Option<Shown>,
}

#[derive(Serialize)]
struct Group {
    title: &'static str,
    docs: Vec<Link>,
}

#[derive(Serialize)]
struct Link {
    name: String,
    label: String,
}

#[derive(Serialize)]
struct Shown {
    name: String,
    label: String,
}

/// Every document name of the folder, by kind, with a label for each.
fn catalogue(loaded: &Loaded) -> Vec<Group> {
    let cohort = loaded.cohort();
    let folder = &loaded.folder;
    let name_of = |id: &str| {
        folder
            .participants
            .get(id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    };
    let roster = cohort.roster();
    let people = |dir: &str, what: &str| -> Vec<Link> {
        roster
            .iter()
            .map(|id| Link {
                name: format!("{dir}/{id}"),
                label: format!("{what}: {}", name_of(id)),
            })
            .collect()
    };
    let mut sessions = Vec::new();
    for (id, s) in &folder.sessions {
        for (suffix, what) in [("agenda", "Agenda"), ("sign-in", "Sign-in sheet")] {
            sessions.push(Link {
                name: format!("handouts/{id}-{suffix}"),
                label: format!("{what}: {} ({})", s.title, s.date),
            });
        }
    }
    let certificates = cohort
        .members
        .iter()
        .filter(|m| m.completion.is_completed())
        .map(|m| Link {
            name: format!("certificates/{}", m.id),
            label: format!("Certificate: {}", name_of(m.id)),
        })
        .collect();
    let one = |name: &str, label: &str| Link {
        name: name.to_string(),
        label: label.to_string(),
    };
    vec![
        Group {
            title: "Reports",
            docs: vec![
                one("cohort", "Cohort report"),
                one("trends", "Trends (this cohort)"),
            ],
        },
        Group {
            title: "Career plans",
            docs: people("career-plans", "Career plan"),
        },
        Group {
            title: "Resumes",
            docs: people("resumes", "Resume"),
        },
        Group {
            title: "Handouts",
            docs: sessions,
        },
        Group {
            title: "Certificates",
            docs: certificates,
        },
    ]
}

/// `GET /documents?doc=NAME`: the list, and the document asked for in a frame.
pub(crate) fn page(shared: &Shared, q: &Fields) -> Result<Answer> {
    let loaded = site::load(shared)?;
    let groups = catalogue(&loaded);
    let want = q.get("doc").unwrap_or("cohort");
    let shown = groups
        .iter()
        .flat_map(|g| &g.docs)
        .find(|d| d.name == want)
        .map(|d| Shown {
            name: d.name.clone(),
            label: d.label.clone(),
        });
    if shown.is_none() && q.get("doc").is_some() {
        return Err(not_found(want));
    }
    site::page(
        shared,
        &loaded,
        Section::Documents,
        "Documents",
        "documents.html",
        &Page { groups, shown },
    )
}

fn not_found(name: &str) -> Error {
    Error::Serve(ServeMiss::NotFound {
        path: format!(
            "/documents/file/{}",
            name.chars().take(100).collect::<String>()
        ),
    })
}

/// The one document called `name` (`career-plans/ana-ruiz`), built from the
/// same contexts `report` renders.
fn document(loaded: &Loaded, name: &str) -> Result<Document> {
    let cohort = loaded.cohort();
    let reports = Reports::new(&cohort, loaded.groups.as_ref());
    let roster = cohort.roster();
    let person = |dir: &str| {
        name.strip_prefix(dir)
            .and_then(|rest| rest.strip_prefix('/'))
            .and_then(|id| roster.iter().copied().find(|r| *r == id))
    };
    let docs = if name == "cohort" {
        // With the evidence of impact, as `report cohort` renders it.
        let e = crate::evidence::of(&cohort)?;
        Reports::new(&cohort, loaded.groups.as_ref())
            .with_evidence(&e)
            .cohort_report()
            .map(|d| vec![d])
    } else if name == "trends" {
        // `report trends` counts each cohort without a staff file.
        let e = crate::logic::evidence::evidence(&cohort, None);
        let label = loaded.folder.root.display().to_string();
        let one = Reports::new(&cohort, loaded.groups.as_ref()).with_evidence(&e);
        crate::render::context::trends(&[(label, one)]).map(|d| vec![d])
    } else if let Some(id) = person("career-plans") {
        reports.career_plans(&[id])
    } else if let Some(id) = person("resumes") {
        reports.resumes(&[id])
    } else if let Some(id) = person("certificates") {
        match cohort.member(id) {
            Some(m) if m.completion.is_completed() => reports.handouts(false, &[id]),
            _ => return Err(not_found(name)),
        }
    } else if name.starts_with("handouts/") {
        reports.handouts(true, &[])
    } else {
        return Err(not_found(name));
    };
    docs.map_err(Error::Bug)?
        .into_iter()
        .find(|d| d.name == name)
        .ok_or_else(|| not_found(name))
}

/// `GET /documents/file/NAME.html` (or `.md`), shown, or with `?download=1`
/// as a file to save.
pub(crate) fn file(shared: &Shared, path: &str, q: &Fields) -> Result<Answer> {
    let (name, format) = if let Some(n) = path.strip_suffix(".html") {
        (n, Format::Html)
    } else if let Some(n) = path.strip_suffix(".md") {
        (n, Format::Md)
    } else {
        return Err(not_found(path));
    };
    let loaded = site::load(shared)?;
    let doc = document(&loaded, name)?;
    let overrides: Vec<Override> = crate::store::template_overrides(&loaded.folder.root)?
        .into_iter()
        .map(|t| Override {
            name: t.name,
            text: t.text,
        })
        .collect();
    let renderer = Renderer::new(&overrides).map_err(Error::Invalid)?;
    let body = renderer
        .render(&doc, format)
        .map_err(|p| Error::Invalid(vec![p]))?;
    let file_name = format!(
        "{}.{}",
        name.rsplit('/').next().unwrap_or(name),
        format.ext()
    );
    Ok(Answer::File {
        content_type: match format {
            Format::Html => "text/html; charset=utf-8",
            Format::Md => "text/markdown; charset=utf-8",
        },
        body,
        download: q.get("download").map(|_| file_name),
    })
}
