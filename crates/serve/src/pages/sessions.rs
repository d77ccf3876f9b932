//! The sessions: a calendar by month, and a sign-in page per session for a
//! tablet at the door: one row per person expected, with big buttons that
//! record present, absent or excused at once (see `writes::mark`).

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Person, SessionRow, known};
use crate::error::{Kind, Result};
use crate::guard::Shared;
use crate::render::context::{PersonRef, by_name};
use crate::site::{self, Answer, Loaded, Section};
use crate::store::change;

#[derive(Serialize)]
struct Calendar {
    months: Vec<Month>,
}

#[derive(Serialize)]
struct Month {
    /// `2016-01`, for the month_year filter.
    month: String,
    sessions: Vec<SessionRow>,
}

/// `GET /sessions`.
pub(crate) fn calendar(shared: &Shared) -> Result<Answer> {
    let loaded = site::load(shared)?;
    let mut months: BTreeMap<String, Vec<SessionRow>> = BTreeMap::new();
    for (id, s) in &loaded.folder.sessions {
        months
            .entry(s.date.format("%Y-%m-01").to_string())
            .or_default()
            .push(SessionRow::of(id, s, loaded.as_of));
    }
    let months = months
        .into_iter()
        .map(|(month, mut sessions)| {
            sessions.sort_by(|a, b| (&a.date, &a.time, &a.id).cmp(&(&b.date, &b.time, &b.id)));
            Month { month, sessions }
        })
        .collect();
    site::page(
        shared,
        &loaded,
        Section::Sessions,
        "Sessions",
        "sessions.html",
        &Calendar { months },
    )
}

#[derive(Serialize)]
struct SignIn {
    session: SessionRow,
    modality: Option<String>,
    online: Option<String>,
    facilitator: Option<String>,
    rows: Vec<SignRow>,
    present: usize,
    marks: [&'static str; 3],
}

#[derive(Serialize)]
pub(crate) struct SignRow {
    pub person: Person,
    pub department: String,
    /// `present`, `absent`, `excused`, or none yet.
    pub mark: Option<String>,
}

/// Who is expected at session `id` (the cohort's rule, as the printed
/// sign-in sheet has it), sorted by name as a reader looks them up, with
/// what is recorded for each.
pub(crate) fn expected(loaded: &Loaded, id: &str) -> Vec<SignRow> {
    let folder = &loaded.folder;
    let s = &folder.sessions[id];
    let roll = change::roll(s);
    let cohort = loaded.cohort();
    let mut refs: Vec<PersonRef> = cohort
        .expected_at(s)
        .into_iter()
        .map(|pid| PersonRef {
            id: pid.to_string(),
            name: folder
                .participants
                .get(pid)
                .map_or_else(|| pid.to_string(), |p| p.name.clone()),
        })
        .collect();
    refs.sort_by(by_name);
    refs.into_iter()
        .map(|r| SignRow {
            department: folder
                .participants
                .get(&r.id)
                .map(|p| p.department.clone())
                .unwrap_or_default(),
            mark: roll.mark_of(&r.id).map(|m| m.to_string()),
            person: Person {
                id: r.id,
                name: r.name,
            },
        })
        .collect()
}

/// `GET /sessions/{id}`.
pub(crate) fn sign_in(shared: &Shared, id: &str) -> Result<Answer> {
    let loaded = site::load(shared)?;
    known(Kind::Session, id, loaded.folder.sessions.keys())?;
    let s = &loaded.folder.sessions[id];
    let rows = expected(&loaded, id);
    let page = SignIn {
        session: SessionRow::of(id, s, loaded.as_of),
        modality: s.modality.map(|m| m.as_str().to_string()),
        online: s.online.clone(),
        facilitator: s.facilitator.clone(),
        present: rows
            .iter()
            .filter(|r| r.mark.as_deref() == Some("present"))
            .count(),
        rows,
        marks: ["present", "absent", "excused"],
    };
    let title = format!("Sign in: {}", s.title);
    site::page(
        shared,
        &loaded,
        Section::Sessions,
        &title,
        "sign-in.html",
        &page,
    )
}
