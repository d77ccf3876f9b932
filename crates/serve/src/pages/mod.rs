//! What each page shows, as plain values for its template: every figure
//! read from the one derived cohort, every document from the reports.

pub(crate) mod documents;
pub(crate) mod matching;
pub(crate) mod overview;
pub(crate) mod people;
pub(crate) mod person;
pub(crate) mod sessions;

use serde::Serialize;

use crate::error::{Error, Kind, Result, Unknown};
use crate::model::{Folder, Session};
use crate::site::Loaded;

/// An id from an address: it must name a record (never a path).
pub(crate) fn known<'a>(
    kind: Kind,
    id: &str,
    ids: impl Iterator<Item = &'a String> + Clone,
) -> Result<()> {
    if crate::model::is_valid_id(id) && ids.clone().any(|x| x == id) {
        return Ok(());
    }
    let shown: String = id.chars().take(100).collect();
    Err(Error::Unknown(Unknown::new(
        kind,
        &[&shown],
        ids.map(String::as_str),
    )))
}

/// A person named on a page: id and name.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Person {
    pub id: String,
    pub name: String,
}

impl Person {
    pub(crate) fn of(folder: &Folder, id: &str) -> Person {
        Person {
            id: id.to_string(),
            name: folder
                .participants
                .get(id)
                .map_or_else(|| id.to_string(), |p| p.name.clone()),
        }
    }
}

/// What screening decided for `id`, in its word; `not screened` before
/// `screening.yaml` exists, `mentor` for mentors.
pub(crate) fn decision(loaded: &Loaded, id: &str) -> &'static str {
    let Some(p) = loaded.folder.participants.get(id) else {
        return "unknown";
    };
    if p.role == crate::model::Role::Mentor {
        return "mentor";
    }
    match &loaded.screening {
        None => "not screened",
        Some(s) => s.outcome(id).map_or("not listed", |o| o.as_str()),
    }
}

/// One session as the calendar and the overview list it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SessionRow {
    pub id: String,
    pub title: String,
    pub date: String,
    pub time: Option<String>,
    pub kind: &'static str,
    pub location: Option<String>,
    /// `held`, `not-recorded` or `to-come`.
    pub state: crate::logic::cohort::SessionState,
    pub present: usize,
    pub absent: usize,
    pub excused: usize,
}

impl SessionRow {
    pub(crate) fn of(id: &str, s: &Session, as_of: chrono::NaiveDate) -> SessionRow {
        SessionRow {
            id: id.to_string(),
            title: s.title.clone(),
            date: s.date.to_string(),
            time: s.time.map(|t| t.to_string()),
            kind: s.kind().as_str(),
            location: s.location.clone(),
            state: crate::logic::cohort::register::state(s, as_of),
            present: s.attendance.len(),
            absent: s.absent.len(),
            excused: s.excused.len(),
        }
    }
}
