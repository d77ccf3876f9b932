//! Where each person's career stands, for the evidence: the day the program
//! started (from which every window is counted), each member's hire,
//! promotion, leaving, department and certifications, and the applicants
//! screening did not accept (waitlisted or ineligible), who are the built-in
//! comparison group.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::screening::{Outcome, Screening};
use crate::model::{Career, Folder, Participant, ProgramFile, Session};

/// The day the windows start: `[program] starts`, else the schedule's first
/// day, else the first session.
pub fn start_day(program: &ProgramFile, sessions: &BTreeMap<String, Session>) -> Option<NaiveDate> {
    program
        .program
        .starts
        .or_else(|| program.schedule.as_ref().map(|s| s.first))
        .or_else(|| sessions.values().map(|s| s.date).min())
}

/// A participant's career as their record has it. Certifications are always
/// listed (an empty list is none earned).
pub fn career(p: &Participant) -> Career {
    let outcome = p.outcome.as_ref();
    let mut certifications: Vec<NaiveDate> = p.certifications.iter().map(|c| c.date).collect();
    certifications.sort();
    let department = p.department.trim();
    Career {
        hired: p.hired,
        promoted: outcome.and_then(|o| o.promoted),
        left: outcome.and_then(|o| o.left),
        department: (!department.is_empty()).then(|| department.to_string()),
        certifications: Some(certifications),
    }
}

/// An applicant screening did not accept.
#[derive(Debug, Clone)]
pub struct Applicant<'a> {
    pub id: &'a str,
    pub person: &'a Participant,
    /// Waitlisted or ineligible.
    pub outcome: Outcome,
    pub career: Career,
}

/// The waitlisted and ineligible mentees, by id; none before screening.
pub fn applicants<'a>(folder: &'a Folder, screening: Option<&Screening>) -> Vec<Applicant<'a>> {
    let Some(s) = screening else {
        return Vec::new();
    };
    folder
        .mentees()
        .filter_map(|(id, p)| {
            let outcome = s.outcome(id)?;
            (outcome != Outcome::Accepted).then(|| Applicant {
                id: id.as_str(),
                person: p,
                outcome,
                career: career(p),
            })
        })
        .collect()
}
