//! Session files for the layout: new ones written whole, existing ones only
//! completed. A file whose name is a laid-out id is that session: fields it
//! lacks are added in place (comments, order and every other byte kept), and
//! values the coordinator changed are kept and reported. Files with other
//! names are never touched.

use crate::output::say;
use std::collections::{BTreeMap, BTreeSet};

use std::path::PathBuf;

use crate::error::{Result, count};
use crate::meter::Meter;
use crate::model::{Session, SessionKind};
use crate::store::Folder;
use crate::store::edit::{Scalar, YamlDoc};

use super::rel_path;
use crate::store::session_yaml as render;

/// Writes what is missing, as one batch; returns every session of the
/// folder as it is after the layout (the existing ones completed, the new
/// ones added). What was done is said after it was done.
pub(super) fn lay_out(
    folder: &Folder,
    wanted: &[(String, Session)],
    dry_run: bool,
) -> Result<BTreeMap<String, Session>> {
    let would = if dry_run { "would " } else { "" };
    let mut sessions = folder.sessions.clone();
    let (mut created, mut completed, mut kept) = (0, 0, 0);
    let mut writes: Vec<(PathBuf, String)> = Vec::new();
    let mut said: Vec<String> = Vec::new();
    for (id, planned) in wanted {
        let rel = rel_path(id);
        let merged = match folder.sessions.get(id) {
            None => {
                writes.push((folder.root.join(&rel), render(planned)));
                said.push(format!("{would}create {}", rel.display()));
                created += 1;
                planned.clone()
            }
            Some(existing) => {
                let done = complete(folder, id, existing, planned, dry_run, &mut said)?;
                if let Some(text) = done.text {
                    writes.push((folder.root.join(&rel), text));
                }
                completed += usize::from(done.changed);
                kept += done.differing;
                done.merged
            }
        };
        sessions.insert(id.clone(), merged);
    }
    if !dry_run {
        let mut meter = Meter::new(writes.len(), "writing sessions");
        crate::store::write_batch(&folder.root, Some("schedule"), &writes, &mut || {
            meter.tick()
        })?;
    }
    for line in &said {
        say!("{line}");
    }
    let laid_out: BTreeSet<&String> = wanted.iter().map(|(id, _)| id).collect();
    for (id, s) in &folder.sessions {
        if s.kind() == SessionKind::Workshop && !laid_out.contains(id) {
            say!(
                "note: {} is not in the layout; left as it is",
                rel_path(id).display()
            );
        }
    }
    say!(
        "{}{created} created, {completed} completed, {} unchanged{}",
        if dry_run { "dry run: " } else { "" },
        wanted.len() - created - completed,
        if kept > 0 {
            format!(", {} kept", count(kept, "edited value", "edited values"))
        } else {
            String::new()
        }
    );
    Ok(sessions)
}

/// An existing session completed from the layout.
struct Completed {
    merged: Session,
    changed: bool,
    /// The file's new text, to write (none when unchanged).
    text: Option<String>,
    /// How many edited values were kept.
    differing: usize,
}

/// Adds the fields `existing` lacks to its file, in place, and says (into
/// `said`) the values that differ from the layout.
fn complete(
    folder: &Folder,
    id: &str,
    existing: &Session,
    planned: &Session,
    dry_run: bool,
    said: &mut Vec<String>,
) -> Result<Completed> {
    let rel = rel_path(id);
    let source = folder.sources.get(&rel).cloned().unwrap_or_default();
    let doc = YamlDoc::parse(&rel, &source)?;
    let mut merged = existing.clone();
    let mut added = Vec::new();
    for field in fill(&mut merged, planned) {
        match field.value {
            Value::One(text) => doc.set_scalar(&[], field.key, Scalar::Str(&text))?,
            Value::Raw(text) => doc.set_scalar(&[], field.key, Scalar::Raw(&text))?,
            Value::Quoted(text) => doc.set_scalar(&[], field.key, Scalar::Quoted(&text))?,
            Value::Many(items) => {
                doc.add_all_to_list(field.key, &items)?;
            }
        }
        added.push(field.key);
    }
    let differing = differences(existing, planned);
    for (key, theirs, ours) in &differing {
        said.push(format!(
            "{}: keeps {key} {theirs} (the layout says {ours})",
            rel.display()
        ));
    }
    let (text, changed) = doc.finish();
    if changed {
        // What is written must read back as the session it completes.
        crate::store::record_fits(&rel, &text)?;
        crate::store::parse_session(&rel, &text).map_err(|p| crate::error::Error::EditInvalid {
            file: rel.clone(),
            message: p.message,
        })?;
        let would = if dry_run { "would " } else { "" };
        said.push(format!(
            "{would}add {} to {}",
            added.join(", "),
            rel.display()
        ));
    }
    Ok(Completed {
        merged,
        changed,
        text: changed.then_some(text),
        differing: differing.len(),
    })
}

/// A value to add to a file.
enum Value {
    /// Text, quoted as YAML needs.
    One(String),
    /// Written plain: words and durations.
    Raw(String),
    /// Written in double quotes: a time (`"14:00"`), which YAML 1.1 readers
    /// would read as the number 840 unquoted.
    Quoted(String),
    Many(Vec<String>),
}

struct Field {
    key: &'static str,
    value: Value,
}

/// Fills the fields `session` lacks from `planned`; returns what was filled,
/// in the order of the session fields.
fn fill(session: &mut Session, planned: &Session) -> Vec<Field> {
    let mut out = Vec::new();
    let mut one = |key: &'static str, have: bool, want: Option<Value>| {
        if let (false, Some(value)) = (have, want) {
            out.push(Field { key, value });
        }
    };
    let raw = |v: Option<String>| v.map(Value::Raw);
    let text = |v: &Option<String>| v.clone().map(Value::One);
    one(
        "kind",
        session.kind.is_some(),
        raw(planned.kind.map(|k| k.to_string())),
    );
    one(
        "time",
        session.time.is_some(),
        planned.time.map(|t| Value::Quoted(t.to_string())),
    );
    one(
        "duration",
        session.duration.is_some(),
        raw(planned.duration.map(|d| d.to_string())),
    );
    one(
        "location",
        session.location.is_some(),
        text(&planned.location),
    );
    one("online", session.online.is_some(), text(&planned.online));
    one(
        "modality",
        session.modality.is_some(),
        raw(planned.modality.map(|m| m.to_string())),
    );
    one(
        "facilitator",
        session.facilitator.is_some(),
        text(&planned.facilitator),
    );
    one("mentor", session.mentor.is_some(), text(&planned.mentor));
    let mut many = |key: &'static str, have: &[String], want: &[String]| {
        if have.is_empty() && !want.is_empty() {
            out.push(Field {
                key,
                value: Value::Many(want.to_vec()),
            });
        }
    };
    many("speakers", &session.speakers, &planned.speakers);
    many("topics", &session.topics, &planned.topics);
    many("activities", &session.activities, &planned.activities);
    many("mentees", &session.mentees, &planned.mentees);

    let s = session;
    s.kind = s.kind.or(planned.kind);
    s.time = s.time.or(planned.time);
    s.duration = s.duration.or(planned.duration);
    s.modality = s.modality.or(planned.modality);
    for (mine, theirs) in [
        (&mut s.location, &planned.location),
        (&mut s.online, &planned.online),
        (&mut s.facilitator, &planned.facilitator),
        (&mut s.mentor, &planned.mentor),
    ] {
        if mine.is_none() {
            mine.clone_from(theirs);
        }
    }
    for (mine, theirs) in [
        (&mut s.speakers, &planned.speakers),
        (&mut s.topics, &planned.topics),
        (&mut s.activities, &planned.activities),
        (&mut s.mentees, &planned.mentees),
    ] {
        if mine.is_empty() {
            mine.clone_from(theirs);
        }
    }
    out
}

/// Values the file has that differ from the layout: `(key, file, layout)`.
fn differences(have: &Session, want: &Session) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    let mut cmp = |key: &'static str, a: Option<String>, b: Option<String>| {
        if let (Some(a), Some(b)) = (a, b)
            && a != b
        {
            out.push((key, quote(&a), quote(&b)));
        }
    };
    cmp("title", Some(have.title.clone()), Some(want.title.clone()));
    cmp(
        "date",
        Some(have.date.to_string()),
        Some(want.date.to_string()),
    );
    cmp(
        "time",
        have.time.map(|t| t.to_string()),
        want.time.map(|t| t.to_string()),
    );
    cmp(
        "duration",
        have.duration.map(|d| d.to_string()),
        want.duration.map(|d| d.to_string()),
    );
    cmp("location", have.location.clone(), want.location.clone());
    cmp("online", have.online.clone(), want.online.clone());
    out
}

fn quote(s: &str) -> String {
    format!("`{s}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    use mentorkit_testkit::sample_session as session;

    #[test]
    fn filling_takes_only_what_is_missing() {
        let planned = session();
        let mut have = Session {
            title: "Assessments (moved)".into(),
            date: planned.date,
            location: Some("Branch Library, Room 1".into()),
            topics: vec!["MBTI".into()],
            ..Session::default()
        };
        let filled: Vec<&str> = fill(&mut have, &planned).iter().map(|f| f.key).collect();
        assert_eq!(
            filled,
            [
                "kind",
                "time",
                "duration",
                "online",
                "speakers",
                "activities"
            ]
        );
        assert_eq!(have.location.as_deref(), Some("Branch Library, Room 1"));
        assert_eq!(have.topics, ["MBTI"]);
        assert_eq!(have.time, planned.time);
        let before = Session {
            title: "Assessments (moved)".into(),
            date: planned.date,
            location: Some("Branch Library, Room 1".into()),
            ..Session::default()
        };
        let diff = differences(&before, &planned);
        assert_eq!(
            diff,
            [
                (
                    "title",
                    "`Assessments (moved)`".to_owned(),
                    "`Career & Personality Assessments`".to_owned()
                ),
                (
                    "location",
                    "`Branch Library, Room 1`".to_owned(),
                    "`Central Library, Meeting Room B`".to_owned()
                ),
            ]
        );
    }
}
