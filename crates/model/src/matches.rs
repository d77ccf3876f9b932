//! `matches.yaml`: what `mentorkit match` decided. One entry per mentor (or
//! per peer pair or circle) with its people, a group's meeting slot, the score
//! and its parts, each pair's score, and who stays unmatched and why. It is
//! generated; reports and `list matches` read it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::program::Weights;
use super::values::{MatchMode, Slot};

/// The whole `matches.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Matches {
    pub mode: MatchMode,
    /// The sum of the pair scores: mentor and mentee (each member of a group),
    /// or every two peers of a pair or circle.
    pub total: i64,
    /// Whether no other arrangement scores more under these weights.
    pub optimal: bool,
    /// When `optimal` is false: no arrangement scores more than this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<i64>,
    /// The weights the scores were computed with.
    pub weights: Weights,
    #[serde(default)]
    pub matches: Vec<Match>,
    /// Mentors left without mentees, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub idle_mentors: Vec<String>,
    #[serde(default)]
    pub unmatched: Vec<Unmatched>,
}

/// A mentor with their mentees, or peers paired or in a circle.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Match {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentor: Option<String>,
    /// A mentor's mentees, by id (empty when nobody was matched to them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentees: Vec<String>,
    /// Peers of a pair or circle, by id (`members`, as the reports and the
    /// calendar read it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// Where a group or circle meets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slot: Option<Slot>,
    pub score: i64,
    /// The parts of `score`, summed over the entry's pairs.
    pub parts: Parts,
    /// A mentor's score with each mentee, by mentee id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pairs: BTreeMap<String, PairScore>,
    /// People here because `[matching] pins` says so.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pinned: Vec<String>,
}

impl Match {
    /// The people matched here besides the mentor.
    pub fn people(&self) -> &[String] {
        if self.members.is_empty() {
            &self.mentees
        } else {
            &self.members
        }
    }
}

/// The weighted parts of a score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parts {
    pub competency: i64,
    pub cross_department: i64,
    pub availability: i64,
    pub modality: i64,
    pub preference: i64,
}

impl Parts {
    /// The part names, in the order they are written.
    pub const NAMES: [&'static str; 5] = [
        "competency",
        "cross_department",
        "availability",
        "modality",
        "preference",
    ];

    pub fn total(&self) -> i64 {
        self.values().iter().sum()
    }

    /// The parts in [`Parts::NAMES`] order.
    pub fn values(&self) -> [i64; 5] {
        [
            self.competency,
            self.cross_department,
            self.availability,
            self.modality,
            self.preference,
        ]
    }

    pub fn add(&mut self, other: &Parts) {
        self.competency += other.competency;
        self.cross_department += other.cross_department;
        self.availability += other.availability;
        self.modality += other.modality;
        self.preference += other.preference;
    }
}

/// One pair's score and its parts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairScore {
    pub score: i64,
    pub competency: i64,
    pub cross_department: i64,
    pub availability: i64,
    pub modality: i64,
    pub preference: i64,
}

impl From<Parts> for PairScore {
    fn from(p: Parts) -> Self {
        PairScore {
            score: p.total(),
            competency: p.competency,
            cross_department: p.cross_department,
            availability: p.availability,
            modality: p.modality,
            preference: p.preference,
        }
    }
}

/// Someone left without a match, and why in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unmatched {
    pub id: String,
    pub reason: String,
}
