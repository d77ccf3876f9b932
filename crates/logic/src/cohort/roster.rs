//! Who is in the cohort, and the one note every output that rests on the
//! roster prints when the roster is not yet what screening will make it.

use serde::Serialize;

use super::Cohort;
use crate::model::Folder;
use crate::model::screening::Screening;

/// How the roster was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RosterBasis {
    /// The mentees `screening.yaml` accepted.
    Screened,
    /// No `screening.yaml` yet: every mentee.
    NotScreened,
}

/// The words every output prints when the folder has not been screened.
pub const NOT_SCREENED: &str =
    "no screening.yaml yet: every mentee is counted as accepted (run `mentorkit screen`)";

impl RosterBasis {
    pub(super) fn of(screening: Option<&Screening>) -> RosterBasis {
        match screening {
            Some(_) => RosterBasis::Screened,
            None => RosterBasis::NotScreened,
        }
    }
}

/// The mentees a screening does not name (they applied after it ran);
/// none before screening, when every mentee is in the roster.
pub(super) fn unscreened<'a>(folder: &'a Folder, screening: Option<&Screening>) -> Vec<&'a str> {
    match screening {
        Some(s) => folder
            .mentees()
            .filter(|(id, _)| s.outcome(id).is_none())
            .map(|(id, _)| id.as_str())
            .collect(),
        None => Vec::new(),
    }
}

impl Cohort<'_> {
    /// What every output that depends on the roster prints when the roster
    /// is not what screening will make it: the folder has not been screened,
    /// or mentees applied after it was.
    pub fn roster_note(&self) -> Option<String> {
        if self.basis == RosterBasis::NotScreened {
            return Some(NOT_SCREENED.to_string());
        }
        match self.unscreened.as_slice() {
            [] => None,
            ids => Some(format!(
                "{} not in screening.yaml, so not in the cohort ({}): run `mentorkit screen`",
                crate::model::error::count(ids.len(), "mentee is", "mentees are"),
                ids.join(", ")
            )),
        }
    }
}
