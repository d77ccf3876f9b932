//! The program folder once loaded: the program, every participant and
//! session by id, and the text each record was read from (to place problems
//! found after parsing).

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::{Participant, ProgramFile, Role, Session};

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
            .filter(|(_, p)| p.role == Role::Mentee)
    }

    /// Mentors, sorted by id.
    pub fn mentors(&self) -> impl Iterator<Item = (&String, &Participant)> {
        self.participants
            .iter()
            .filter(|(_, p)| p.role == Role::Mentor)
    }
}
