//! Who completed: the `[completion]` rule applied to a person's attendance
//! and deliverables, the `outcome.completed` a coordinator recorded, and
//! which of the two stands.
//!
//! The rule: attendance of at least `min_attendance` of the workshops held
//! (never met before a workshop is held, unless the rule asks for none), and
//! every deliverable it requires done. A recorded `outcome.completed` wins
//! over the rule (the coordinator may know of make-up work the folder does
//! not show); once the program has ended, a recorded value that contradicts
//! the rule is a warning naming the person and both values. Without a record,
//! completion is known once the program has ended, by the rule.

use serde::Serialize;

use super::deliverables::DeliverableState;
use super::register::Attendance;
use crate::model::{Completion as Rule, DeliverableStatus};

/// The rule applied to one person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleCheck {
    /// The share of workshops the rule asks for.
    pub min_attendance: f64,
    pub attendance_met: bool,
    /// The deliverables the rule asks for, by name.
    pub required: Vec<String>,
    /// Required and not done, with their status (`None`: not in the record).
    pub missing: Vec<(String, Option<DeliverableStatus>)>,
    /// Attendance met and nothing missing.
    pub met: bool,
}

/// Applies the rule.
pub fn check(attendance: &Attendance, states: &[DeliverableState], rule: &Rule) -> RuleCheck {
    let attendance_met = match attendance.rate {
        Some(rate) => rate + 1e-9 >= rule.min_attendance,
        None => rule.min_attendance <= 0.0,
    };
    let required: Vec<&DeliverableState> = states.iter().filter(|s| s.required).collect();
    let missing: Vec<(String, Option<DeliverableStatus>)> = required
        .iter()
        .filter(|s| !s.done())
        .map(|s| (s.name.clone(), s.status))
        .collect();
    RuleCheck {
        min_attendance: rule.min_attendance,
        attendance_met,
        met: attendance_met && missing.is_empty(),
        required: required.iter().map(|s| s.name.clone()).collect(),
        missing,
    }
}

/// Where a person's completion comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// `outcome.completed` in their record.
    Recorded,
    /// The `[completion]` rule, the program having ended.
    Rule,
    /// Not known yet: no record, and the program has not ended.
    NotYet,
}

/// Whether a person completed, and on what basis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Completion {
    pub rule: RuleCheck,
    /// `outcome.completed` as recorded.
    pub recorded: Option<bool>,
    /// The value that stands: the record, else the rule once the program
    /// has ended; `None` while not known.
    pub completed: Option<bool>,
    pub basis: Basis,
    /// The program has ended and the record contradicts the rule.
    pub conflict: bool,
}

impl Completion {
    /// Settles completion from the rule and the record.
    pub fn settle(rule: RuleCheck, recorded: Option<bool>, ended: bool) -> Completion {
        let (completed, basis) = match recorded {
            Some(r) => (Some(r), Basis::Recorded),
            None if ended => (Some(rule.met), Basis::Rule),
            None => (None, Basis::NotYet),
        };
        Completion {
            conflict: ended && recorded.is_some_and(|r| r != rule.met),
            rule,
            recorded,
            completed,
            basis,
        }
    }

    /// Completed, as it stands.
    pub fn is_completed(&self) -> bool {
        self.completed == Some(true)
    }

    /// What the rule found, in words: `attended 6 of 9 workshops, and the
    /// rule asks for 75%; resume is draft`.
    pub fn rule_words(&self, attendance: &Attendance) -> String {
        let mut why = Vec::new();
        if !self.rule.attendance_met {
            why.push(format!(
                "attended {} of {} workshops, and the rule asks for {}",
                attendance.attended,
                attendance.held,
                percent(self.rule.min_attendance)
            ));
        }
        for (name, status) in &self.rule.missing {
            why.push(match status {
                Some(s) => format!("{name} is {s}"),
                None => format!("{name} is not in their record"),
            });
        }
        if why.is_empty() {
            format!(
                "attended {} of {} workshops and did every required deliverable",
                attendance.attended, attendance.held
            )
        } else {
            why.join("; ")
        }
    }
}

/// A share as a whole percent, halves rounded up.
fn percent(x: f64) -> String {
    format!("{:.0}%", (x * 100.0).round())
}
