//! `participants/<id>.yaml`: one person, applicant, mentee or mentor.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::values::{
    DeliverableStatus, GoalStatus, Modality, OverrideDecision, Role, Slot, Text, one_or_many,
};

/// A person in the program, as written in their file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub name: String,
    pub email: String,
    pub role: Role,
    pub department: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hired: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager: Option<bool>,
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub degrees: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied: Option<NaiveDate>,
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub competencies: Vec<String>,
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub availability: Vec<Slot>,
    /// What an availability answer said that is not a slot (`Saturday
    /// mornings before 10`): kept for the coordinator, never matched on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability_note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modality: Option<Modality>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub career_goal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motivation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mission_statement: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub assessments: BTreeMap<String, Assessment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub swot: Option<Swot>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub smart_goals: Vec<SmartGoal>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experience: Vec<Experience>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub education: Vec<Education>,
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub skills: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub deliverables: BTreeMap<String, DeliverableStatus>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub surveys: BTreeMap<String, BTreeMap<String, u8>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub testimonial: Option<Testimonial>,
    #[serde(default, rename = "override", skip_serializing_if = "Option::is_none")]
    pub override_: Option<Override>,
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub prefers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certifications: Vec<Certification>,
}

impl Participant {
    /// The modality, hybrid by default.
    pub fn modality(&self) -> Modality {
        self.modality.unwrap_or_default()
    }

    /// How many mentees a mentor takes at once (default 1).
    pub fn capacity(&self) -> u32 {
        self.capacity.unwrap_or(1)
    }

    /// Whether the person is a manager (default no).
    pub fn is_manager(&self) -> bool {
        self.manager.unwrap_or(false)
    }
}

/// The names of the participant fields, for near-miss suggestions.
pub const PARTICIPANT_FIELDS: &[&str] = &[
    "name",
    "email",
    "role",
    "department",
    "position",
    "branch",
    "hired",
    "manager",
    "degrees",
    "applied",
    "competencies",
    "availability",
    "availability_note",
    "modality",
    "capacity",
    "career_goal",
    "motivation",
    "mission_statement",
    "assessments",
    "swot",
    "smart_goals",
    "experience",
    "education",
    "skills",
    "deliverables",
    "surveys",
    "outcome",
    "testimonial",
    "override",
    "prefers",
    "certifications",
];

/// An assessment result: a type like `ISFJ` or a code list like `[S, C, A]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Assessment {
    Codes(Vec<Text>),
    Result(Text),
}

impl<'de> Deserialize<'de> for Assessment {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A list of codes, or one result; errors inside a list keep their place.
        let mut items = one_or_many::<D, Text>(d)?;
        if items.len() == 1 {
            return Ok(Assessment::Result(items.remove(0)));
        }
        Ok(Assessment::Codes(items))
    }
}

impl Assessment {
    /// The result as one line of text (`S, C, A`).
    pub fn display(&self) -> String {
        match self {
            Assessment::Result(t) => t.0.clone(),
            Assessment::Codes(c) => c
                .iter()
                .map(|t| t.0.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// A personal SWOT analysis.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Swot {
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub strengths: Vec<String>,
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub weaknesses: Vec<String>,
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub opportunities: Vec<String>,
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub threats: Vec<String>,
}

/// A SMART goal: specific, measurable, with a target date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmartGoal {
    pub goal: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<GoalStatus>,
}

impl SmartGoal {
    /// The status, not started when left out.
    pub fn status(&self) -> GoalStatus {
        self.status.unwrap_or(GoalStatus::NotStarted)
    }
}

/// A job held, for the resume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Experience {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Text>,
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub highlights: Vec<String>,
}

/// A degree or course, for the resume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Education {
    pub degree: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<Text>,
}

/// What became of a participant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promoted: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_position: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<NaiveDate>,
}

/// A certification earned: an outcome the evaluation counts (within a year
/// of the program start, against the comparison group).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    pub name: String,
    /// The day it was earned.
    pub date: NaiveDate,
}

/// A quote for the report, used only with consent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Testimonial {
    pub quote: String,
    #[serde(default)]
    pub consent: bool,
}

/// A coordinator's decision that beats the eligibility rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub decision: OverrideDecision,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}
