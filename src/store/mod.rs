//! The program folder on disk: finding it, loading and validating every file,
//! and writing safely (atomic replace, a folder lock, in-place YAML edits).
//! Only this module and `commands/` touch the file system.

pub mod comparison;
mod diag;
pub mod edit;
mod load;
mod lock;
pub mod screening;
mod validate;
mod write;

#[cfg(test)]
mod fuzz;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Problem, Result};
use crate::model::{Participant, ProgramFile, Session};

pub use diag::locate;
pub use load::{MAX_RECORD_BYTES, parse_participant, parse_session, read_text};
pub use lock::Lock;
pub use screening::{SCREENING_FILE, load_screening, screening_text, write_screening};
pub use validate::check_rrule;
pub use write::{GENERATED_HEADER, write_atomic, write_generated};

/// The file that marks a program folder.
pub const PROGRAM_FILE: &str = "program.toml";
/// The folder of participant records.
pub const PARTICIPANTS_DIR: &str = "participants";
/// The folder of session records.
pub const SESSIONS_DIR: &str = "sessions";

/// A loaded program folder.
#[derive(Debug, Clone)]
pub struct Folder {
    /// The folder that holds `program.toml`.
    pub root: PathBuf,
    pub program: ProgramFile,
    /// By id (the file stem), sorted.
    pub participants: BTreeMap<String, Participant>,
    /// By id (the file stem), sorted.
    pub sessions: BTreeMap<String, Session>,
    /// The text of every record read, by path relative to the root, to place
    /// problems found after parsing.
    pub sources: BTreeMap<PathBuf, String>,
}

impl Folder {
    /// Loads and validates the folder; any problem is an error listing them all.
    pub fn load(root: &Path) -> Result<Folder> {
        let (folder, problems) = Folder::load_all(root)?;
        match folder {
            Some(f) if problems.is_empty() => Ok(f),
            _ => Err(Error::Invalid(problems)),
        }
    }

    /// Loads what can be loaded and returns every problem found; `None` when
    /// `program.toml` itself cannot be read.
    pub fn load_all(root: &Path) -> Result<(Option<Folder>, Vec<Problem>)> {
        let (loaded, mut problems) = load::load(root)?;
        let Some(folder) = loaded else {
            problems.sort();
            return Ok((None, problems));
        };
        problems.extend(validate::validate(&folder));
        problems.sort();
        problems.dedup();
        Ok((Some(folder), problems))
    }

    /// The cross-field and cross-file problems of the folder as it is in
    /// memory: a command that changed records checks them before writing.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = validate::validate(self);
        problems.sort();
        problems.dedup();
        problems
    }

    /// Path of a participant's file.
    pub fn participant_path(&self, id: &str) -> PathBuf {
        self.root.join(PARTICIPANTS_DIR).join(format!("{id}.yaml"))
    }

    /// Path of a session's file.
    pub fn session_path(&self, id: &str) -> PathBuf {
        self.root.join(SESSIONS_DIR).join(format!("{id}.yaml"))
    }

    /// Mentees, sorted by id.
    pub fn mentees(&self) -> impl Iterator<Item = (&String, &Participant)> {
        self.participants
            .iter()
            .filter(|(_, p)| p.role == crate::model::Role::Mentee)
    }

    /// Mentors, sorted by id.
    pub fn mentors(&self) -> impl Iterator<Item = (&String, &Participant)> {
        self.participants
            .iter()
            .filter(|(_, p)| p.role == crate::model::Role::Mentor)
    }

    /// A problem placed at `key` (and `value` after it) in a loaded record.
    pub fn problem_at(
        &self,
        rel: &Path,
        key: &str,
        value: Option<&str>,
        message: impl Into<String>,
    ) -> Problem {
        let p = Problem::file(rel, message).field(key);
        match self
            .sources
            .get(rel)
            .and_then(|text| locate(text, key, value).map(|(l, c)| (text, l, c)))
        {
            Some((text, line, col)) => p.at(text, line, col),
            None => p,
        }
    }
}

/// Finds the program folder: `dir` itself when given (it must hold
/// `program.toml`), else the nearest folder upwards from the current one.
pub fn find_root(dir: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = dir {
        if dir.join(PROGRAM_FILE).is_file() {
            return Ok(dir.to_path_buf());
        }
        return Err(Error::Refused(format!(
            "{}: no {PROGRAM_FILE} here; give -C the program folder, or run `mentorkit init {}`",
            dir.display(),
            dir.display()
        )));
    }
    let cwd =
        std::env::current_dir().map_err(|e| Error::io(".", "reading the current folder", e))?;
    let mut here = cwd.as_path();
    loop {
        if here.join(PROGRAM_FILE).is_file() {
            return Ok(here.to_path_buf());
        }
        match here.parent() {
            Some(parent) => here = parent,
            None => {
                return Err(Error::Refused(format!(
                    "no {PROGRAM_FILE} in {} or any folder above it; run this inside a program folder, give -C DIR, or start one with `mentorkit init DIR`",
                    cwd.display()
                )));
            }
        }
    }
}
