//! `sessions/<id>.yaml`: one workshop or meeting, with its attendance.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::values::{ClockTime, Minutes, Modality, SessionKind, one_or_many};

/// A workshop or a pair or group meeting.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SessionKind>,
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<ClockTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Minutes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modality: Option<Modality>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facilitator: Option<String>,
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub speakers: Vec<String>,
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub topics: Vec<String>,
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub activities: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentor: Option<String>,
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub mentees: Vec<String>,
    /// Who came.
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub attendance: Vec<String>,
    /// Who was expected and did not come.
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub absent: Vec<String>,
    /// Who was excused in advance.
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub excused: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl Session {
    /// Workshop unless the file says meeting.
    pub fn kind(&self) -> SessionKind {
        self.kind.unwrap_or(SessionKind::Workshop)
    }
}

/// The names of the session fields, for near-miss suggestions.
pub const SESSION_FIELDS: &[&str] = &[
    "title",
    "kind",
    "date",
    "time",
    "duration",
    "location",
    "online",
    "modality",
    "facilitator",
    "speakers",
    "topics",
    "activities",
    "mentor",
    "mentees",
    "attendance",
    "absent",
    "excused",
    "notes",
];
