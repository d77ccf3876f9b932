//! `screening.yaml`: what `mentorkit screen` decided for each mentee, and
//! why. It is generated; `match` reads it to find the accepted mentees.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The whole `screening.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Screening {
    /// The day years of service were counted to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    /// One decision per mentee, by participant id. Mentors are not screened
    /// and do not appear.
    #[serde(default)]
    pub decisions: BTreeMap<String, Decision>,
}

impl Screening {
    /// The ids of the accepted mentees, sorted.
    pub fn accepted(&self) -> impl Iterator<Item = &str> {
        self.with(Outcome::Accepted)
    }

    /// The ids with this outcome, sorted by id.
    pub fn with(&self, outcome: Outcome) -> impl Iterator<Item = &str> {
        self.decisions
            .iter()
            .filter(move |(_, d)| d.decision == outcome)
            .map(|(id, _)| id.as_str())
    }

    /// The waitlisted ids in waitlist order.
    pub fn waitlist(&self) -> Vec<&str> {
        let mut w: Vec<(u32, &str)> = self
            .decisions
            .iter()
            .filter(|(_, d)| d.decision == Outcome::Waitlisted)
            .map(|(id, d)| (d.waitlist.unwrap_or(u32::MAX), id.as_str()))
            .collect();
        w.sort();
        w.into_iter().map(|(_, id)| id).collect()
    }

    /// The outcome for one participant, if screened.
    pub fn outcome(&self, id: &str) -> Option<Outcome> {
        self.decisions.get(id).map(|d| d.decision)
    }
}

/// The decision for one mentee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub decision: Outcome,
    /// Every reason, in words: `manager`, `0.9 years of service, 1 required`,
    /// `holds MLS`, `override: …`. Empty for a plain acceptance.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
    /// Place on the waitlist, from 1, for the waitlisted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waitlist: Option<u32>,
}

/// What screening decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Eligible and within the capacity.
    Accepted,
    /// Eligible, beyond the capacity.
    Waitlisted,
    /// Excluded by the rules or by an override.
    Ineligible,
}

impl Outcome {
    /// The word written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Accepted => "accepted",
            Outcome::Waitlisted => "waitlisted",
            Outcome::Ineligible => "ineligible",
        }
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
