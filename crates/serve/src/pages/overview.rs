//! The overview: the funnel, who is at risk and why, the next sessions, and
//! the evidence figures with their n and intervals, all from the one cohort
//! (the same numbers `report cohort` and `progress --evidence` print).

use serde::Serialize;

use super::{Person, SessionRow};
use crate::error::Result;
use crate::guard::Shared;
use crate::logic::cohort::Funnel;
use crate::site::{self, Answer, Section};

/// How many upcoming sessions the overview lists.
const NEXT: usize = 5;

#[derive(Serialize)]
struct Overview {
    roster_note: Option<String>,
    roster: usize,
    workshops_held: u32,
    funnel: Funnel,
    at_risk: Vec<AtRisk>,
    next_sessions: Vec<SessionRow>,
    evidence: crate::evidence::View,
    warnings: Vec<String>,
    untracked: bool,
}

#[derive(Serialize)]
struct AtRisk {
    person: Person,
    department: String,
    reasons: Vec<String>,
}

/// `GET /`.
pub(crate) fn page(shared: &Shared) -> Result<Answer> {
    let loaded = site::load(shared)?;
    let cohort = loaded.cohort();
    let folder = &loaded.folder;
    let at_risk = cohort
        .members
        .iter()
        .filter(|m| m.at_risk())
        .map(|m| AtRisk {
            person: Person::of(folder, m.id),
            department: m.person.department.clone(),
            reasons: m.flags.iter().map(|f| f.text.clone()).collect(),
        })
        .collect();
    let mut next: Vec<SessionRow> = folder
        .sessions
        .iter()
        .filter(|(_, s)| s.date >= loaded.as_of)
        .map(|(id, s)| SessionRow::of(id, s, loaded.as_of))
        .collect();
    next.sort_by(|a, b| (&a.date, &a.time, &a.id).cmp(&(&b.date, &b.time, &b.id)));
    next.truncate(NEXT);
    let evidence = crate::evidence::view(
        &crate::evidence::of(&cohort)?,
        cohort.roster_note().as_deref(),
    );
    let page = Overview {
        roster_note: cohort.roster_note(),
        roster: cohort.members.len(),
        workshops_held: cohort.workshops_held(),
        funnel: cohort.funnel,
        at_risk,
        next_sessions: next,
        evidence,
        warnings: cohort
            .warnings
            .iter()
            .map(|w| format!("{}: {}", w.id, w.message))
            .collect(),
        untracked: cohort.meetings_untracked,
    };
    site::page(
        shared,
        &loaded,
        Section::Overview,
        "Overview",
        "overview.html",
        &page,
    )
}
