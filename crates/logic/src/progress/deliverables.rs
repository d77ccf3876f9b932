//! Deliverables: which the program names, when each falls due, how many of
//! those due a person has done, and the `[completion]` rule.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::Attendance;
use crate::model::values::fold;
use crate::model::{
    DeliverableRule, DeliverableStatus, Participant, ProgramFile, Session, SessionKind,
};

/// Deliverables done of those due.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Deliverables {
    pub done: u32,
    pub due: u32,
    /// Due and not done, by name.
    pub overdue: Vec<String>,
}

/// The deliverables of the program: those the curriculum names, in order,
/// then those only `[completion] deliverables` names.
pub fn program_deliverables(program: &ProgramFile) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut add = |n: &str| {
        if !names.iter().any(|x| fold(x) == fold(n)) {
            names.push(n.to_string());
        }
    };
    for c in &program.curriculum {
        c.deliverables.iter().for_each(|d| add(d));
    }
    if let DeliverableRule::Named(v) = &program.completion.deliverables {
        v.iter().for_each(|d| add(d));
    }
    names
}

/// The day each curriculum entry's workshop is held: the workshop with its
/// title, else the workshop at its place in date order.
pub fn curriculum_dates(
    program: &ProgramFile,
    sessions: &BTreeMap<String, Session>,
) -> Vec<Option<NaiveDate>> {
    let mut workshops: Vec<&Session> = sessions
        .values()
        .filter(|s| s.kind() == SessionKind::Workshop)
        .collect();
    workshops.sort_by_key(|s| s.date);
    program
        .curriculum
        .iter()
        .enumerate()
        .map(|(i, c)| {
            workshops
                .iter()
                .find(|s| fold(&s.title) == fold(&c.title))
                .or_else(|| workshops.get(i))
                .map(|s| s.date)
        })
        .collect()
}

/// The deliverables due on a day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Due {
    /// Folded names of the program's deliverables that are due.
    pub names: BTreeSet<String>,
    /// The program has ended: every deliverable a person's file names is due too.
    pub ended: bool,
}

/// The deliverables due by `as_of` (see the module notes).
pub fn due_deliverables(
    program: &ProgramFile,
    sessions: &BTreeMap<String, Session>,
    as_of: NaiveDate,
) -> Due {
    let mut due = Due::default();
    let dates = curriculum_dates(program, sessions);
    for (c, date) in program.curriculum.iter().zip(dates) {
        if date.is_some_and(|d| d <= as_of) {
            due.names.extend(c.deliverables.iter().map(|d| fold(d)));
        }
    }
    if program_ended(program, as_of) {
        due.names
            .extend(program_deliverables(program).iter().map(|d| fold(d)));
        due.ended = true;
    }
    due
}

/// Whether the program's last day has passed by `as_of`.
pub fn program_ended(program: &ProgramFile, as_of: NaiveDate) -> bool {
    program.program.ends.is_some_and(|e| e < as_of)
}

/// Done of due for one person.
pub fn deliverables(p: &Participant, due: &Due) -> Deliverables {
    let mut names: BTreeMap<String, String> =
        due.names.iter().map(|d| (d.clone(), d.clone())).collect();
    // The person's own spelling of a name, and their extra ones once the program has ended.
    for name in p.deliverables.keys() {
        if names.contains_key(&fold(name)) || due.ended {
            names.insert(fold(name), name.clone());
        }
    }
    let status = |folded: &str| {
        p.deliverables
            .iter()
            .find(|(k, _)| fold(k) == folded)
            .map(|(_, s)| *s)
    };
    let mut out = Deliverables::default();
    for (folded, shown) in names {
        out.due += 1;
        if status(&folded) == Some(DeliverableStatus::Done) {
            out.done += 1;
        } else {
            out.overdue.push(shown);
        }
    }
    out
}

/// Whether a person meets `[completion]`: attendance at least
/// `min_attendance`, and the required deliverables done (`all`: every
/// deliverable of the program and of their own file).
pub fn meets_completion_rule(program: &ProgramFile, p: &Participant, a: &Attendance) -> bool {
    // One rule for the whole program: the report's certificates use it too.
    let attendance = crate::metrics::Attendance {
        attended: a.attended,
        held: a.held,
        excused: a.excused,
        absent: a.missed,
    };
    crate::metrics::completion(p, attendance, &program.completion, &program.curriculum).completed
}
