//! The in-place changes that the commands and the dashboard make to files
//! people edit: a person's goal, deliverable or outcome, and a session's
//! attendance lists. Each starts from the text read under the folder lock
//! (see [`crate::open`]), changes only the values it must, re-parses the
//! result so that an edit never writes an invalid file, and is written
//! atomically. Both front ends call these, so `git diff` shows the same one
//! line whichever made the change.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::edit::{Scalar, YamlDoc};
use crate::error::{Error, Kind, Result, Unknown};
use crate::model::attendance::{Edit, Mark, Roll};
use crate::model::{
    DeliverableStatus, Folder, GoalStatus, Outcome, PARTICIPANTS_DIR, Participant, SESSIONS_DIR,
    Session,
};
use crate::{MAX_RECORD_BYTES, parse_participant, parse_session, read_text, write_atomic};

/// The file of participant `id`, relative to the folder.
pub fn participant_rel(id: &str) -> PathBuf {
    Path::new(PARTICIPANTS_DIR).join(format!("{id}.yaml"))
}

/// The file of session `id`, relative to the folder.
pub fn session_rel(id: &str) -> PathBuf {
    Path::new(SESSIONS_DIR).join(format!("{id}.yaml"))
}

/// The participant `id`, or a refusal that suggests the nearest id.
pub fn participant<'f>(folder: &'f Folder, id: &str) -> Result<&'f Participant> {
    folder.participants.get(id).ok_or_else(|| {
        Error::Unknown(Unknown::new(
            Kind::Participant,
            &[id],
            folder.participants.keys().map(String::as_str),
        ))
    })
}

/// The session `id`, or a refusal that suggests the nearest id.
pub fn session<'f>(folder: &'f Folder, id: &str) -> Result<&'f Session> {
    folder.sessions.get(id).ok_or_else(|| {
        Error::Unknown(Unknown::new(
            Kind::Session,
            &[id],
            folder.sessions.keys().map(String::as_str),
        ))
    })
}

/// A person's file after an edit: the new text, the record it parses to,
/// and whether anything changed.
#[derive(Debug, Clone)]
pub struct Edited {
    pub id: String,
    pub text: String,
    pub record: Participant,
    pub changed: bool,
}

/// The text of a record as it was loaded, else as it is on disk now.
fn source(folder: &Folder, rel: &Path) -> Result<String> {
    match folder.sources.get(rel) {
        Some(text) => Ok(text.clone()),
        None => read_text(&folder.root.join(rel), rel, MAX_RECORD_BYTES).map_err(Error::problem),
    }
}

/// Applies `change` to the file of `id` as it was read under the lock and
/// re-parses the result, so an edit never writes an invalid file.
pub fn edit_participant(
    folder: &Folder,
    id: &str,
    change: impl FnOnce(&YamlDoc) -> Result<()>,
) -> Result<Edited> {
    let rel = participant_rel(id);
    let doc = YamlDoc::parse(&rel, &source(folder, &rel)?)?;
    change(&doc)?;
    let (text, changed) = doc.finish();
    crate::record_fits(&rel, &text)?;
    let record = parse_participant(&rel, &text).map_err(|p| Error::EditInvalid {
        file: rel.clone(),
        message: p.message,
    })?;
    Ok(Edited {
        id: id.to_string(),
        text,
        record,
        changed,
    })
}

/// Writes an edited person's file when it changed; whether it was written.
pub fn write_participant(folder: &Folder, edited: &Edited) -> Result<bool> {
    if !edited.changed {
        return Ok(false);
    }
    write_atomic(
        &folder.root.join(participant_rel(&edited.id)),
        edited.text.as_bytes(),
    )
}

/// Sets goal `index` (from 0) to a new status and, or, target day.
pub fn set_goal(
    doc: &YamlDoc,
    index: usize,
    status: Option<GoalStatus>,
    target: Option<NaiveDate>,
) -> Result<()> {
    if let Some(s) = status {
        doc.set_in_item("smart_goals", index, "status", Scalar::Str(s.as_str()))?;
    }
    if let Some(t) = target {
        doc.set_in_item("smart_goals", index, "target", Scalar::Raw(&t.to_string()))?;
    }
    Ok(())
}

/// Sets deliverable `name` (as the person or the program spells it) to `status`.
pub fn set_deliverable(doc: &YamlDoc, name: &str, status: DeliverableStatus) -> Result<()> {
    doc.set_scalar(&["deliverables"], name, Scalar::Str(status.as_str()))
}

/// A field of a person's `outcome`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum OutcomeField {
    Completed,
    Promoted,
    NewPosition,
    Left,
}

impl OutcomeField {
    /// The key under `outcome:`.
    pub fn key(self) -> &'static str {
        match self {
            OutcomeField::Completed => "completed",
            OutcomeField::Promoted => "promoted",
            OutcomeField::NewPosition => "new_position",
            OutcomeField::Left => "left",
        }
    }
}

/// What to set and what to remove in a person's `outcome`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutcomeChange {
    pub completed: Option<bool>,
    pub promoted: Option<NaiveDate>,
    pub new_position: Option<String>,
    pub left: Option<NaiveDate>,
    pub clear: Vec<OutcomeField>,
}

impl OutcomeChange {
    /// Whether it sets nothing and removes nothing.
    pub fn is_empty(&self) -> bool {
        self.sets().is_empty() && self.clear.is_empty()
    }

    /// The fields it gives a value.
    pub fn sets(&self) -> Vec<OutcomeField> {
        [
            (OutcomeField::Completed, self.completed.is_some()),
            (OutcomeField::Promoted, self.promoted.is_some()),
            (OutcomeField::NewPosition, self.new_position.is_some()),
            (OutcomeField::Left, self.left.is_some()),
        ]
        .into_iter()
        .filter_map(|(f, set)| set.then_some(f))
        .collect()
    }

    /// Whether it leaves nothing of `old`: only removals, of every field there.
    fn clears_all(&self, old: Option<&Outcome>) -> bool {
        let o = old.cloned().unwrap_or_default();
        let kept = |field, present: bool| present && !self.clear.contains(&field);
        !self.clear.is_empty()
            && self.sets().is_empty()
            && !kept(OutcomeField::Completed, o.completed.is_some())
            && !kept(OutcomeField::Promoted, o.promoted.is_some())
            && !kept(OutcomeField::NewPosition, o.new_position.is_some())
            && !kept(OutcomeField::Left, o.left.is_some())
    }

    /// Refuses a new position that is empty or not on one line, and a field
    /// both set and removed.
    pub fn check(&self) -> Result<()> {
        if let Some(text) = &self.new_position {
            if text.trim().is_empty() {
                return Err(Error::Argument {
                    flag: "--new-position",
                    why: "is empty; to remove it, use --clear new-position",
                });
            }
            if text.chars().any(char::is_control) {
                return Err(Error::Argument {
                    flag: "--new-position",
                    why: "is a job title on one line; remove the line breaks and tabs",
                });
            }
        }
        match self.clear.iter().find(|f| self.sets().contains(f)) {
            Some(field) => Err(Error::Usage(format!(
                "--clear {} and a new value for it at once; give one of them",
                field.key().replace('_', "-")
            ))),
            None => Ok(()),
        }
    }
}

/// Makes `change` to the `outcome` of a person whose outcome was `old`;
/// removing its last field removes `outcome:` itself.
pub fn change_outcome(doc: &YamlDoc, old: Option<&Outcome>, change: &OutcomeChange) -> Result<()> {
    let at = &["outcome"];
    if let Some(c) = change.completed {
        doc.set_scalar(at, "completed", Scalar::Bool(c))?;
    }
    if let Some(d) = change.promoted {
        doc.set_scalar(at, "promoted", Scalar::Raw(&d.to_string()))?;
    }
    if let Some(t) = &change.new_position {
        doc.set_scalar(at, "new_position", Scalar::Str(t.trim()))?;
    }
    if let Some(d) = change.left {
        doc.set_scalar(at, "left", Scalar::Raw(&d.to_string()))?;
    }
    for field in &change.clear {
        doc.remove(at, field.key())?;
    }
    if change.clears_all(old) {
        doc.remove(&[], "outcome")?;
    }
    Ok(())
}

/// Refuses an outcome that `check` would report: dates that cannot all be
/// true, or a promotion before the program started.
pub fn check_outcome(folder: &Folder, p: &Participant) -> Result<()> {
    let mut why: Vec<String> = crate::model::outcome_rules::outcome_issues(p)
        .into_iter()
        .map(|i| i.message)
        .collect();
    if let (Some(promoted), Some(starts)) = (
        p.outcome.as_ref().and_then(|o| o.promoted),
        folder.program.program.starts,
    ) && promoted < starts
    {
        why.insert(
            0,
            format!("promoted {promoted}, before the program started ({starts})"),
        );
    }
    match why.is_empty() {
        true => Ok(()),
        false => Err(Error::Outcome { reasons: why }),
    }
}

/// The three attendance lists of a session as loaded.
pub fn roll(session: &Session) -> Roll {
    Roll {
        attendance: session.attendance.clone(),
        absent: session.absent.clone(),
        excused: session.excused.clone(),
    }
}

/// A session's file after attendance edits.
#[derive(Debug, Clone)]
pub struct SessionEdited {
    /// The file, relative to the folder.
    pub rel: PathBuf,
    pub text: String,
    pub changed: bool,
}

/// Applies attendance `edits` (from `attendance::record`) to the file of
/// session `id` as it was read under the lock: the removals from each list,
/// then the additions, each list in one pass. What would be written is
/// checked first: it must fit the size a record may have, read back as a
/// session, and pass the checks `check` makes of a session (it is put in
/// `folder` for them), or nothing is written.
pub fn edit_session(folder: &mut Folder, id: &str, edits: &[Edit]) -> Result<SessionEdited> {
    let rel = session_rel(id);
    let doc = YamlDoc::parse(&rel, &source(folder, &rel)?)?;
    let ids = |list: Mark, add: bool| -> Vec<String> {
        edits
            .iter()
            .filter_map(|e| match e {
                Edit::Add { list: l, id } if add && *l == list => Some(id.clone()),
                Edit::Remove { list: l, id } if !add && *l == list => Some(id.clone()),
                _ => None,
            })
            .collect()
    };
    for add in [false, true] {
        for list in Mark::ALL {
            let these = ids(list, add);
            match (these.is_empty(), add) {
                (true, _) => 0,
                (false, false) => doc.remove_all_from_list(list.key(), &these)?,
                (false, true) => doc.add_all_to_list(list.key(), &these)?,
            };
        }
    }
    let (text, changed) = doc.finish();
    crate::record_fits(&rel, &text)?;
    let session = parse_session(&rel, &text).map_err(|p| Error::EditInvalid {
        file: rel.clone(),
        message: p.message,
    })?;
    folder.sessions.insert(id.to_string(), session);
    folder.sources.insert(rel.clone(), text.clone());
    if let Some(p) = crate::session_problems(folder, id).into_iter().next() {
        return Err(Error::EditInvalid {
            file: rel,
            message: p.to_string(),
        });
    }
    Ok(SessionEdited { rel, text, changed })
}

/// Writes an edited session's file when it changed; whether it was written.
pub fn write_session(folder: &Folder, edited: &SessionEdited) -> Result<bool> {
    if !edited.changed {
        return Ok(false);
    }
    write_atomic(&folder.root.join(&edited.rel), edited.text.as_bytes())
}

#[cfg(test)]
mod tests;
