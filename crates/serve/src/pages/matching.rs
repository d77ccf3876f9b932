//! The matching page: the current matches (matches.yaml) with each entry's
//! score parts; the what-if panel, where other weights, pins and forbidden
//! pairs give the exact optimum again on each change, with what differs
//! from the current matches; and `--explain` as a page.

use serde::Serialize;

use super::{Person, known};
use crate::error::{Error, Kind, Result};
use crate::form::Fields;
use crate::guard::Shared;
use crate::matching::changes::{UNMATCHED, moves, partners};
use crate::model::Folder;
use crate::model::matches::{Matches, Parts};
use crate::site::{self, Answer, Section};
use crate::whatif::{self, Settings};

#[derive(Serialize)]
struct Page {
    mode: String,
    settings: SettingsView,
    current: Option<MatchesView>,
    what_if: Option<WhatIf>,
    error: Option<String>,
    notes: Vec<String>,
    /// Just saved (`saved=1`, where Save sends the browser back).
    saved: bool,
}

#[derive(Serialize)]
struct SettingsView {
    weights: Vec<Weight>,
    pins: String,
    forbid: String,
    /// The same on one line each, for the Save form's hidden fields.
    pins_inline: String,
    forbid_inline: String,
    /// As in program.toml.
    program: bool,
    query: String,
}

#[derive(Serialize)]
struct Weight {
    name: &'static str,
    label: String,
    value: u32,
    program: u32,
}

#[derive(Serialize)]
pub(crate) struct MatchesView {
    total: i64,
    optimal: bool,
    bound: Option<i64>,
    weights: Vec<u32>,
    rows: Vec<Row>,
    unmatched: Vec<Unmatched>,
    idle_mentors: Vec<Person>,
}

#[derive(Serialize)]
struct Row {
    mentor: Option<Person>,
    people: Vec<Person>,
    slot: Option<String>,
    score: i64,
    parts: Vec<i64>,
    pinned: Vec<String>,
}

#[derive(Serialize)]
struct Unmatched {
    person: Person,
    reason: String,
}

#[derive(Serialize)]
struct WhatIf {
    result: MatchesView,
    millis: String,
    /// The what-if's total minus the current one.
    gain: Option<i64>,
    changes: Vec<Change>,
    kept: usize,
    candidates: usize,
}

#[derive(Serialize)]
struct Change {
    person: Person,
    before: String,
    after: String,
}

pub(crate) fn view(folder: &Folder, m: &Matches) -> MatchesView {
    let w = &m.weights;
    MatchesView {
        total: m.total,
        optimal: m.optimal,
        bound: m.bound,
        weights: vec![
            w.competency,
            w.cross_department,
            w.availability,
            w.modality,
            w.preference,
        ],
        rows: m
            .matches
            .iter()
            .map(|e| Row {
                mentor: e.mentor.as_deref().map(|id| Person::of(folder, id)),
                people: e.people().iter().map(|id| Person::of(folder, id)).collect(),
                slot: e.slot.map(|s| s.to_string()),
                score: e.score,
                parts: e.parts.values().to_vec(),
                pinned: e.pinned.clone(),
            })
            .collect(),
        unmatched: m
            .unmatched
            .iter()
            .map(|u| Unmatched {
                person: Person::of(folder, &u.id),
                reason: u.reason.clone(),
            })
            .collect(),
        idle_mentors: m
            .idle_mentors
            .iter()
            .map(|id| Person::of(folder, id))
            .collect(),
    }
}

/// A match in words, with names: `Ana Ruiz (ana-ruiz)`.
fn named(folder: &Folder, text: &str) -> String {
    match folder.participants.get(text) {
        Some(p) => format!("{} ({text})", p.name),
        None if text == UNMATCHED => "unmatched".to_string(),
        None => text.to_string(),
    }
}

fn settings_view(folder: &Folder, s: &Settings) -> SettingsView {
    let program = Settings::of_program(&folder.program.matching);
    SettingsView {
        weights: Parts::NAMES
            .iter()
            .zip(s.weight_values().into_iter().zip(program.weight_values()))
            .map(|(name, (value, program))| Weight {
                name,
                label: crate::render::filters::label(name),
                value,
                program,
            })
            .collect(),
        pins: Settings::lines(&s.pins),
        forbid: Settings::lines(&s.forbid),
        pins_inline: Settings::inline(&s.pins),
        forbid_inline: Settings::inline(&s.forbid),
        program: *s == program,
        query: s.query(),
    }
}

/// `GET /matching`: the what-if runs on every load, with the query's
/// settings or program.toml's.
pub(crate) fn page(shared: &Shared, q: &Fields, _json: bool) -> Result<Answer> {
    let loaded = site::load(shared)?;
    let folder = &loaded.folder;
    let cohort = loaded.cohort();
    let current = loaded.matches.as_ref().map(|m| view(folder, m));
    let (settings, mut error) = match whatif::settings(folder, q) {
        Ok(s) => (s, None),
        Err(e) => (
            Settings::of_program(&folder.program.matching),
            Some(e.to_string()),
        ),
    };
    let mut notes = Vec::new();
    let what_if = whatif::plan_with(folder, &settings, &cohort, |planned, took| match planned {
        Ok(plan) => {
            notes.extend(plan.cohort.notes.iter().cloned());
            let ids = &plan.cohort.ids[..plan.cohort.mentees];
            let after = partners(&plan.matches, ids.iter().copied());
            let before = loaded
                .matches
                .as_ref()
                .map(|m| partners(m, ids.iter().copied()));
            let changes: Vec<Change> = before
                .as_ref()
                .map(|b| moves(b, &after))
                .unwrap_or_default()
                .into_iter()
                .map(|m| Change {
                    person: super::Person::of(folder, &m.id),
                    before: named(folder, &m.before),
                    after: named(folder, &m.after),
                })
                .collect();
            Some(WhatIf {
                gain: loaded
                    .matches
                    .as_ref()
                    .map(|m| plan.matches.total - m.total),
                kept: ids.len() - changes.len(),
                candidates: ids.len(),
                changes,
                millis: format!("{:.1}", took.as_secs_f64() * 1000.0),
                result: view(folder, &plan.matches),
            })
        }
        Err(p) => {
            error.get_or_insert(whatif::plan_words(&p));
            None
        }
    });
    if let Some(note) = cohort
        .roster_note()
        .filter(|_| !cohort.unscreened.is_empty())
    {
        notes.push(format!("left out of the matching: {note}"));
    } else if cohort.roster_note().is_some() {
        notes.push("no screening.yaml, so every mentee is matched; run `mentorkit screen` first to match only the accepted ones".to_string());
    }
    let mut shown = settings_view(folder, &settings);
    if error.is_some() {
        // What was typed stays, to be corrected.
        for (field, text) in [("pins", &mut shown.pins), ("forbid", &mut shown.forbid)] {
            if q.has(field) {
                *text = q.get(field).unwrap_or("").to_string();
            }
        }
    }
    let page = Page {
        mode: folder.program.matching.mode.to_string(),
        settings: shown,
        current,
        what_if,
        error,
        notes,
        saved: q.has("saved"),
    };
    site::page(
        shared,
        &loaded,
        Section::Matching,
        "Matching",
        "matching.html",
        &page,
    )
}

#[derive(Serialize)]
struct Explain {
    person: Person,
    text: String,
    query: String,
    program: bool,
    weights: String,
}

/// `GET /matching/explain/{id}`: `match --explain ID` under the page's settings.
pub(crate) fn explain(shared: &Shared, id: &str, q: &Fields) -> Result<Answer> {
    let loaded = site::load(shared)?;
    let folder = &loaded.folder;
    known(Kind::Participant, id, folder.participants.keys())?;
    let cohort = loaded.cohort();
    let settings = whatif::settings(folder, q)?;
    let text = whatif::plan_with(folder, &settings, &cohort, |planned, _| {
        planned
            .map_err(whatif::plan_error)?
            .explain(id)
            .ok_or_else(|| {
                Error::NotMatched(format!(
                    "`{id}` is not being matched: {}",
                    super::decision(&loaded, id)
                ))
            })
    })?;
    let page = Explain {
        person: Person::of(folder, id),
        text,
        query: settings.query(),
        program: settings == Settings::of_program(&folder.program.matching),
        weights: Parts::NAMES
            .iter()
            .zip(settings.weight_values())
            .map(|(n, v)| format!("{} {v}", crate::render::filters::words(n)))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let title = format!("Why this match: {}", page.person.name);
    site::page(
        shared,
        &loaded,
        Section::Matching,
        &title,
        "explain.html",
        &page,
    )
}
