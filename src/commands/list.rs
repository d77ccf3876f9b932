//! `mentorkit list participants|sessions|matches`.

use serde_json::{Value, json};

use super::Ctx;
use crate::cli::{ListArgs, ListWhat};
use crate::cohort::Cohort;
use crate::cohort::register::{self, SessionState};
use crate::error::{Error, Result};
use crate::output::{Table, say};
use crate::store::load_matches;

/// The JSON keys of `list participants`, in order (documented in the README).
pub const PARTICIPANT_KEYS: &[&str] = &[
    "id",
    "name",
    "email",
    "role",
    "department",
    "position",
    "branch",
    "hired",
    "manager",
    "degrees",
    "competencies",
    "skills",
    "availability",
    "modality",
    "capacity",
    "decision",
    "in_cohort",
];

/// The JSON keys of `list sessions`, in order (documented in the README).
pub const SESSION_KEYS: &[&str] = &[
    "id", "title", "kind", "date", "time", "duration", "location", "online", "attended", "absent",
    "excused", "state",
];

/// Runs the command.
pub fn run(ctx: &Ctx, args: ListArgs) -> Result<()> {
    let root = ctx.root()?;
    let folder = crate::store::load(&root)?;
    let screening = crate::store::load_screening(&root)?;
    let cohort = ctx.cohort(&folder, screening.as_ref(), None);
    let table = match args.what {
        ListWhat::Participants => {
            if let Some(note) = cohort.roster_note() {
                say!("note: in_cohort: {note}");
            }
            participants(&cohort)
        }
        ListWhat::Sessions => sessions(&cohort),
        ListWhat::Matches => match load_matches(&folder.root)? {
            Some(m) => super::match_cmd::table(&m),
            None => {
                return Err(Error::Needs {
                    noun: "matches",
                    file: crate::store::MATCHES_FILE,
                    by: None,
                    run: "mentorkit match",
                });
            }
        },
    };
    table.print(args.format)
}

fn opt<T: ToString>(v: &Option<T>) -> Value {
    v.as_ref()
        .map_or(Value::Null, |x| Value::String(x.to_string()))
}

fn list<T: ToString>(v: &[T]) -> Value {
    Value::Array(v.iter().map(|x| Value::String(x.to_string())).collect())
}

/// A row per participant, by id, with their screening decision and whether
/// the cohort counts them (the same roster as every other output).
pub fn participants(cohort: &Cohort<'_>) -> Table {
    let folder = cohort.folder;
    let mut t = Table::new(PARTICIPANT_KEYS).brief(&[
        "id",
        "name",
        "role",
        "department",
        "position",
        "availability",
    ]);
    for (id, p) in &folder.participants {
        let capacity = match p.role {
            crate::model::Role::Mentor => json!(p.capacity()),
            crate::model::Role::Mentee => Value::Null,
        };
        t.push(vec![
            json!(id),
            json!(p.name),
            json!(p.email),
            json!(p.role.as_str()),
            json!(p.department),
            opt(&p.position),
            opt(&p.branch),
            opt(&p.hired),
            json!(p.is_manager()),
            list(&p.degrees),
            list(&p.competencies),
            list(&p.skills),
            list(&p.availability),
            json!(p.modality().as_str()),
            capacity,
            cohort
                .screening
                .and_then(|s| s.outcome(id))
                .map_or(Value::Null, |o| json!(o.as_str())),
            json!(cohort.member(id).is_some()),
        ]);
    }
    t
}

/// A row per session, by id (ids sort by date), with whether it was held
/// (the cohort's one rule).
pub fn sessions(cohort: &Cohort<'_>) -> Table {
    let mut t = Table::new(SESSION_KEYS).brief(&["id", "date", "time", "title", "attended"]);
    for (id, s) in &cohort.folder.sessions {
        t.push(vec![
            json!(id),
            json!(s.title),
            json!(s.kind().as_str()),
            json!(s.date.to_string()),
            opt(&s.time),
            opt(&s.duration),
            opt(&s.location),
            opt(&s.online),
            list(&s.attendance),
            list(&s.absent),
            list(&s.excused),
            json!(state_word(register::state(s, cohort.as_of))),
        ]);
    }
    t
}

fn state_word(s: SessionState) -> &'static str {
    match s {
        SessionState::Held => "held",
        SessionState::NotRecorded => "not-recorded",
        SessionState::ToCome => "to-come",
    }
}
