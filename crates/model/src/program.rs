//! `program.toml`: the program, its eligibility rules, matching, schedule,
//! curriculum, completion rule and evaluation settings.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, de};

use super::values::{Clock, ClockTime, MatchMode, Minutes, ProgramKind, Waitlist};

/// The whole `program.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramFile {
    pub program: Program,
    #[serde(default)]
    pub eligibility: Eligibility,
    #[serde(default)]
    pub matching: Matching,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub curriculum: Vec<Curriculum>,
    #[serde(default)]
    pub completion: Completion,
    #[serde(default)]
    pub evaluation: Evaluation,
}

/// `[program]`: what the program is and when it runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ProgramKind>,
    #[serde(
        default,
        deserialize_with = "opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub starts: Option<NaiveDate>,
    #[serde(
        default,
        deserialize_with = "opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub ends: Option<NaiveDate>,
    #[serde(default = "default_timezone")]
    pub timezone: String,
    /// How times print on documents; by default from the time zone
    /// (`Clock::for_zone`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock: Option<Clock>,
}

impl Program {
    /// The clock documents print times with: `clock` when set, else the
    /// time zone's custom.
    pub fn clock(&self) -> Clock {
        self.clock
            .unwrap_or_else(|| Clock::for_zone(&self.timezone))
    }
}

fn default_timezone() -> String {
    "UTC".to_string()
}

/// `[eligibility]`: who may take part as a mentee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Eligibility {
    #[serde(deserialize_with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    pub min_years_of_service: f64,
    pub exclude_managers: bool,
    pub exclude_degrees: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    pub waitlist: Waitlist,
    pub seed: u64,
}

impl Default for Eligibility {
    fn default() -> Self {
        Eligibility {
            as_of: None,
            min_years_of_service: 0.0,
            exclude_managers: false,
            exclude_degrees: Vec::new(),
            capacity: None,
            waitlist: Waitlist::FirstCome,
            seed: 0,
        }
    }
}

/// `[matching]`: how mentees are paired or grouped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Matching {
    pub mode: MatchMode,
    pub group_size: u32,
    pub weights: Weights,
    /// Pairs that must be matched: `[mentee, mentor]` (or two peers).
    pub pins: Vec<Vec<String>>,
    /// Pairs that must never be matched.
    pub forbid: Vec<Vec<String>>,
}

impl Default for Matching {
    fn default() -> Self {
        Matching {
            mode: MatchMode::OneToOne,
            group_size: 4,
            weights: Weights::default(),
            pins: Vec::new(),
            forbid: Vec::new(),
        }
    }
}

/// `[matching.weights]`: the parts of the pair score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    pub competency: u32,
    pub cross_department: u32,
    pub availability: u32,
    pub modality: u32,
    pub preference: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            competency: 10,
            cross_department: 3,
            availability: 2,
            modality: 2,
            preference: 0,
        }
    }
}

/// `[schedule]`: when the workshops meet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    #[serde(deserialize_with = "date")]
    pub first: NaiveDate,
    /// An RFC 5545 RRULE, e.g. `FREQ=MONTHLY;BYDAY=2TU`.
    pub repeat: String,
    pub time: ClockTime,
    pub duration: Minutes,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online: Option<String>,
    /// Closures: a workshop on one of these dates moves to the next date of the rule.
    #[serde(
        default,
        deserialize_with = "dates",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub skip: Vec<NaiveDate>,
    /// How often pairs and groups meet, as an RRULE (e.g. `FREQ=WEEKLY;INTERVAL=2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meetings: Option<String>,
    /// How long a pair or group meeting lasts (default 1h).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_duration: Option<Minutes>,
}

/// `[[curriculum]]`: one workshop's content, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Curriculum {
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facilitator: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deliverables: Vec<String>,
}

/// `[completion]`: who has completed the program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Completion {
    /// Share of the workshops held that a mentee attended, 0 to 1.
    pub min_attendance: f64,
    /// `"all"`, `"none"`, or a list of deliverable names that must be done.
    pub deliverables: DeliverableRule,
}

impl Default for Completion {
    fn default() -> Self {
        Completion {
            min_attendance: 0.75,
            deliverables: DeliverableRule::All,
        }
    }
}

/// Which deliverables completion requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliverableRule {
    All,
    None,
    Named(Vec<String>),
}

impl Serialize for DeliverableRule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            DeliverableRule::All => s.serialize_str("all"),
            DeliverableRule::None => s.serialize_str("none"),
            DeliverableRule::Named(v) => v.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for DeliverableRule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Word(String),
            List(Vec<String>),
        }
        match Raw::deserialize(d)? {
            Raw::Word(w) if w == "all" => Ok(DeliverableRule::All),
            Raw::Word(w) if w == "none" => Ok(DeliverableRule::None),
            Raw::Word(w) => Err(de::Error::custom(format!(
                "`{w}` is not allowed here; use \"all\", \"none\" or a list of deliverable names"
            ))),
            Raw::List(v) => Ok(DeliverableRule::Named(v)),
        }
    }
}

/// `[evaluation]`: what to compare the cohort with.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Evaluation {
    /// A CSV of non-participants (name, hired, promoted, left), relative to the folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<String>,
}

impl ProgramFile {
    /// What can be read of a `program.toml` that does not parse as a whole:
    /// each table that parses on its own is kept and the others take their
    /// defaults (a `[program]` that does not parse keeps the keys that do),
    /// so that the records can still be checked against it in the same pass.
    /// The error that made the whole fail is reported by its caller.
    pub fn partial(table: &toml::Table) -> ProgramFile {
        fn section<T: de::DeserializeOwned>(table: &toml::Table, key: &str) -> Option<T> {
            table.get(key).and_then(|v| v.clone().try_into().ok())
        }
        let program = section(table, "program").unwrap_or_else(|| {
            let keys = table.get("program").and_then(toml::Value::as_table);
            let key = |k: &str| keys.and_then(|t| t.get(k)).cloned();
            let date = |k: &str| {
                key(k)
                    .and_then(|v| v.try_into::<toml::value::Datetime>().ok())
                    .and_then(|d| d.to_string().parse().ok())
            };
            Program {
                name: key("name")
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                organization: key("organization").and_then(|v| v.as_str().map(str::to_string)),
                kind: key("kind").and_then(|v| v.try_into().ok()),
                starts: date("starts"),
                ends: date("ends"),
                timezone: key("timezone")
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_else(default_timezone),
                clock: key("clock").and_then(|v| v.try_into().ok()),
            }
        });
        let matching = section(table, "matching").unwrap_or_else(|| {
            let mode = table
                .get("matching")
                .and_then(|m| m.get("mode"))
                .and_then(|v| v.clone().try_into().ok());
            Matching {
                mode: mode.unwrap_or(MatchMode::OneToOne),
                ..Matching::default()
            }
        });
        ProgramFile {
            program,
            eligibility: section(table, "eligibility").unwrap_or_default(),
            matching,
            schedule: section(table, "schedule"),
            curriculum: section(table, "curriculum").unwrap_or_default(),
            completion: section(table, "completion").unwrap_or_default(),
            evaluation: section(table, "evaluation").unwrap_or_default(),
        }
    }
}

/// The names of every table and key, for near-miss suggestions.
pub const PROGRAM_KEYS: &[&str] = &[
    "program",
    "eligibility",
    "matching",
    "schedule",
    "curriculum",
    "completion",
    "evaluation",
    "name",
    "organization",
    "kind",
    "starts",
    "ends",
    "timezone",
    "clock",
    "as_of",
    "min_years_of_service",
    "exclude_managers",
    "exclude_degrees",
    "capacity",
    "waitlist",
    "seed",
    "mode",
    "group_size",
    "weights",
    "pins",
    "forbid",
    "competency",
    "cross_department",
    "availability",
    "modality",
    "preference",
    "first",
    "repeat",
    "time",
    "duration",
    "location",
    "online",
    "skip",
    "meetings",
    "meeting_duration",
    "title",
    "topics",
    "activities",
    "speakers",
    "facilitator",
    "deliverables",
    "min_attendance",
    "comparison",
];

/// A date written as a TOML local date (`2016-01-12`) or a quoted string.
fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Toml(toml::value::Datetime),
        Text(String),
    }
    let text = match Raw::deserialize(d)? {
        Raw::Toml(dt) => {
            if dt.time.is_some() || dt.offset.is_some() {
                return Err(de::Error::custom(format!(
                    "`{dt}` has a time; write a date only, like 2016-01-12"
                )));
            }
            dt.to_string()
        }
        Raw::Text(s) => s,
    };
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        de::Error::custom(format!(
            "`{text}` is not a date that exists; write it as YYYY-MM-DD"
        ))
    })
}

fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    date(d).map(Some)
}

fn dates<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
    struct Item(NaiveDate);
    impl<'de> Deserialize<'de> for Item {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            date(d).map(Item)
        }
    }
    Vec::<Item>::deserialize(d).map(|v| v.into_iter().map(|i| i.0).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_program_keeps_the_tables_that_parse() {
        let table: toml::Table = "[program]\nname = \"T\"\nstarts = 2016-01-01\nbogus = 1\n\
             [eligibility]\ncapcity = 8\n[matching]\nmode = \"peer\"\ngroup_size = \"x\"\n\
             [completion]\nmin_attendance = 0.5\n"
            .parse()
            .unwrap();
        let p = ProgramFile::partial(&table);
        assert_eq!(p.program.name, "T");
        assert_eq!(p.program.starts, NaiveDate::from_ymd_opt(2016, 1, 1));
        assert_eq!(p.eligibility, Eligibility::default());
        assert_eq!(p.matching.mode, MatchMode::Peer);
        assert_eq!(p.completion.min_attendance, 0.5);
    }

    #[test]
    fn the_clock_defaults_from_the_zone() {
        let mut p = ProgramFile::partial(&toml::Table::new()).program;
        assert_eq!(p.clock(), Clock::TwentyFour);
        p.timezone = "America/Chicago".into();
        assert_eq!(p.clock(), Clock::Twelve);
        p.clock = Some(Clock::TwentyFour);
        assert_eq!(p.clock(), Clock::TwentyFour);
    }
}
