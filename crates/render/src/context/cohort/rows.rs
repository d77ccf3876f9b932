//! The cohort report's tables of people and sessions: departments,
//! matches, attendance by session and by person, testimonials. Anonymized,
//! people appear by pseudonym, departments leave the person rows (a small
//! department would name its member), meeting titles (which may name their
//! people) become "Meeting", and quotes are left out.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::super::{PersonRef, Reports, by_name};
use crate::logic::cohort::{self, SessionState};
use crate::model::Role;
use crate::model::screening::Outcome;
use crate::model::values::fold;

#[derive(Serialize)]
pub(super) struct DepartmentCtx {
    name: String,
    applied: Value,
    eligible: Value,
    accepted: Value,
    in_cohort: Value,
    completed: Value,
}

/// Counts per department, before they are shown.
#[derive(Default)]
struct DepartmentCount {
    name: String,
    applied: usize,
    eligible: Option<usize>,
    accepted: Option<usize>,
    in_cohort: usize,
    completed: usize,
}

#[derive(Serialize)]
pub(super) struct MatchesCtx {
    /// Whether `matches.yaml` was read.
    present: bool,
    mode: String,
    groups: Vec<GroupCtx>,
    /// Members of the cohort in no pair or group.
    unmatched: Vec<PersonRef>,
}

#[derive(Serialize)]
pub(super) struct GroupCtx {
    mentor: Option<PersonRef>,
    mentees: Vec<PersonRef>,
    slot: Option<String>,
}

#[derive(Serialize)]
pub(super) struct SessionRow {
    id: String,
    title: String,
    kind: &'static str,
    date: String,
    held: bool,
    /// `held`, `not-recorded` (its day passed with nothing recorded) or `to-come`.
    state: SessionState,
    attended: Value,
    absent: Value,
    excused: Value,
    /// Attended over the cohort (workshops) or over those named (meetings).
    rate: Option<f64>,
}

/// One pair or group's meetings, summed up.
#[derive(Serialize)]
pub(super) struct MeetingRow {
    mentor: Option<PersonRef>,
    mentees: Vec<PersonRef>,
    planned: usize,
    held: usize,
    /// Past, with nothing recorded.
    not_recorded: usize,
    to_come: usize,
    /// Present of expected at the meetings held.
    rate: Option<f64>,
    last_held: Option<String>,
    next: Option<String>,
}

pub(super) fn meeting_rows(c: &Reports<'_>) -> Vec<MeetingRow> {
    c.facts
        .meetings
        .iter()
        .map(|g| {
            let mut mentees: Vec<PersonRef> = g.mentees.iter().map(|id| c.person_ref(id)).collect();
            mentees.sort_by(by_name);
            MeetingRow {
                mentor: g.mentor.map(|id| c.person_ref(id)),
                mentees,
                planned: g.planned,
                held: g.held,
                not_recorded: g.not_recorded,
                to_come: g.to_come,
                rate: g.rate(),
                last_held: g.last_held.map(|d| d.to_string()),
                next: g.next.map(|d| d.to_string()),
            }
        })
        .collect()
}

#[derive(Serialize)]
pub(super) struct PersonRow {
    id: String,
    name: String,
    department: String,
    attended: u32,
    held: u32,
    excused: u32,
    absent: u32,
    rate: Option<f64>,
    deliverables_done: usize,
    deliverables_required: usize,
    completed: bool,
    /// Whether completion is known yet (recorded, or the program has ended).
    completion_known: bool,
}

#[derive(Serialize)]
pub(super) struct TestimonialCtx {
    name: String,
    department: String,
    quote: String,
}

/// Applicants, eligible, accepted, in the cohort and completed per
/// department; departments compare case-insensitively and print as first written.
pub(super) fn departments(c: &Reports<'_>) -> Vec<DepartmentCtx> {
    let screening = c.facts.screening;
    let mut by: BTreeMap<String, DepartmentCount> = BTreeMap::new();
    for (id, p) in c
        .folder
        .participants
        .iter()
        .filter(|(_, p)| p.role == Role::Mentee)
    {
        let d = by
            .entry(fold(&p.department))
            .or_insert_with(|| DepartmentCount {
                name: p.department.trim().to_string(),
                eligible: screening.map(|_| 0),
                accepted: screening.map(|_| 0),
                ..DepartmentCount::default()
            });
        d.applied += 1;
        if let Some(outcome) = screening.and_then(|s| s.outcome(id)) {
            if cohort::is_eligible(outcome) {
                d.eligible = d.eligible.map(|n| n + 1);
            }
            if outcome == Outcome::Accepted {
                d.accepted = d.accepted.map(|n| n + 1);
            }
        }
        if let Some(m) = c.facts.member(id) {
            d.in_cohort += 1;
            d.completed += usize::from(m.completion.is_completed());
        }
    }
    by.into_values()
        .map(|d| DepartmentCtx {
            name: d.name,
            applied: c.cell(d.applied),
            eligible: c.cell_opt(d.eligible),
            accepted: c.cell_opt(d.accepted),
            in_cohort: c.cell(d.in_cohort),
            completed: c.cell(d.completed),
        })
        .collect()
}

pub(super) fn matches(c: &Reports<'_>) -> MatchesCtx {
    let mode = c
        .matches
        .and_then(|m| m.mode.clone())
        .unwrap_or_else(|| c.folder.program.matching.mode.as_str().to_string());
    let groups: Vec<GroupCtx> = c
        .matches
        .map(|m| {
            m.groups
                .iter()
                .map(|g| {
                    let mut mentees: Vec<PersonRef> =
                        g.mentees.iter().map(|id| c.person_ref(id)).collect();
                    mentees.sort_by(by_name);
                    GroupCtx {
                        mentor: g.mentor.as_deref().map(|id| c.person_ref(id)),
                        mentees,
                        slot: g.slot.clone(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let unmatched = match c.matches {
        None => Vec::new(),
        Some(m) => {
            let mut refs: Vec<PersonRef> = c
                .facts
                .members
                .iter()
                .map(|member| member.id)
                .filter(|id| {
                    !m.groups.iter().any(|g| {
                        g.mentees.iter().any(|x| x == id) || g.mentor.as_deref() == Some(*id)
                    })
                })
                .map(|id| c.person_ref(id))
                .collect();
            refs.sort_by(by_name);
            refs
        }
    };
    MatchesCtx {
        present: c.matches.is_some(),
        mode,
        groups,
        unmatched,
    }
}

impl SessionRow {
    pub(super) fn is_workshop(&self) -> bool {
        self.kind == crate::model::SessionKind::Workshop.as_str()
    }
}

pub(super) fn session_rows(c: &Reports<'_>) -> Vec<SessionRow> {
    let roster = c.facts.members.len();
    let as_of = c.facts.as_of;
    c.folder
        .sessions
        .iter()
        .map(|(id, s)| {
            let meeting_size = s.mentees.len() + usize::from(s.mentor.is_some());
            let expected = if meeting_size > 0 {
                meeting_size
            } else {
                roster
            };
            let state = cohort::register::state(s, as_of);
            let held = state == SessionState::Held;
            // A meeting's title may name its people.
            let meeting = s.kind() == crate::model::SessionKind::Meeting;
            SessionRow {
                id: id.clone(),
                title: if c.anonymize && meeting {
                    "Meeting".to_string()
                } else {
                    s.title.clone()
                },
                kind: s.kind().as_str(),
                date: s.date.to_string(),
                held,
                state,
                attended: c.cell(s.attendance.len()),
                absent: c.cell(s.absent.len()),
                excused: c.cell(s.excused.len()),
                rate: if held {
                    c.rate(s.attendance.len(), expected)
                } else {
                    None
                },
            }
        })
        .collect()
}

pub(super) fn people(c: &Reports<'_>) -> Vec<PersonRow> {
    let mut rows: Vec<(PersonRef, PersonRow)> = c
        .facts
        .members
        .iter()
        .map(|m| {
            let a = m.attendance;
            let check = &m.completion.rule;
            let who = c.person_ref(m.id);
            let row = PersonRow {
                id: who.id.clone(),
                name: who.name.clone(),
                // A small department would name the person.
                department: if c.anonymize {
                    String::new()
                } else {
                    m.person.department.clone()
                },
                attended: a.attended,
                held: a.held,
                excused: a.excused,
                absent: a.missed,
                rate: a.rate,
                deliverables_done: check.required.len() - check.missing.len(),
                deliverables_required: check.required.len(),
                completed: m.completion.is_completed(),
                completion_known: m.completion.completed.is_some(),
            };
            (who, row)
        })
        .collect();
    rows.sort_by(|a, b| by_name(&a.0, &b.0));
    rows.into_iter().map(|(_, r)| r).collect()
}

/// Quotes of everyone who consented, by name. A quote without consent is
/// never copied into any context, nor any quote into an anonymized one.
pub(super) fn testimonials(c: &Reports<'_>) -> Vec<TestimonialCtx> {
    if c.anonymize {
        return Vec::new();
    }
    let mut out: Vec<(PersonRef, TestimonialCtx)> = c
        .folder
        .participants
        .iter()
        .filter_map(|(id, p)| {
            let t = p.testimonial.as_ref().filter(|t| t.consent)?;
            let quote = t.quote.trim();
            (!quote.is_empty()).then(|| {
                (
                    c.person_ref(id),
                    TestimonialCtx {
                        name: p.name.clone(),
                        department: p.department.clone(),
                        quote: quote.to_string(),
                    },
                )
            })
        })
        .collect();
    out.sort_by(|a, b| by_name(&a.0, &b.0));
    out.into_iter().map(|(_, t)| t).collect()
}
