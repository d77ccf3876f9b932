//! A note left in the program folder while a command writes many files
//! (an import, the documents of a report, the sessions of a schedule): each
//! file is old or new, never half-written, but a kill between two files
//! leaves some written and some not. The note stays behind then, and the
//! next command that takes the lock says which run was interrupted, so the
//! coordinator runs it again (each of these commands writes the same files
//! again from the same input, so a second run finishes the first).

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::write_atomic;

/// The name of a note: `.mentorkit-journal-<command>`.
const PREFIX: &str = ".mentorkit-journal-";

/// The largest note read back.
const MAX_NOTE_BYTES: u64 = 16 * 1024;

/// The note of a run under way; `finish` removes it.
#[derive(Debug)]
#[must_use = "finish the journal once every file is written"]
pub struct Journal {
    path: PathBuf,
}

/// A run that did not finish, as its note tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interrupted {
    /// The command line of the run.
    pub command: String,
    /// How many files it was to write.
    pub files: usize,
}

impl Journal {
    /// Notes (and syncs) in `root` that `command` is about to write `files`
    /// files; `key` names the kind of run (`apply`, `report`, `schedule`),
    /// one note each. Take the folder's lock first.
    pub fn begin(root: &Path, key: &str, command: &str, files: usize) -> Result<Journal> {
        let path = root.join(format!("{PREFIX}{key}"));
        let one_line: String = command
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let text = format!(
            "# mentorkit notes here a run that writes many files; it is removed when the run ends.\ncommand: {one_line}\nfiles: {files}\n"
        );
        write_atomic(&path, text.as_bytes())?;
        Ok(Journal { path })
    }

    /// Every file is written: the note goes.
    pub fn finish(self) -> Result<()> {
        match fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io(&self.path, "removing the note of the run", e)),
        }
    }
}

/// The runs whose notes are in `root`: each was killed (or failed) before
/// it wrote all its files. Sorted by command.
pub fn interrupted(root: &Path) -> Vec<Interrupted> {
    let Ok(entries) = fs::read_dir(root) else {
        return Vec::new();
    };
    let mut found: Vec<Interrupted> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(PREFIX))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let rel = PathBuf::from(e.file_name());
            let text = crate::read_text(&e.path(), &rel, MAX_NOTE_BYTES).ok()?;
            let field = |key: &str| {
                text.lines()
                    .find_map(|l| l.strip_prefix(key))
                    .map(|v| v.trim().to_string())
            };
            Some(Interrupted {
                command: field("command:").unwrap_or_else(|| "mentorkit".into()),
                files: field("files:").and_then(|n| n.parse().ok()).unwrap_or(0),
            })
        })
        .collect();
    found.sort_by(|a, b| a.command.cmp(&b.command));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_stays_until_the_run_finishes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert!(interrupted(root).is_empty());
        let run = Journal::begin(root, "apply", "mentorkit apply --from-csv a.csv", 300).unwrap();
        let left = interrupted(root);
        assert_eq!(
            left,
            [Interrupted {
                command: "mentorkit apply --from-csv a.csv".into(),
                files: 300
            }]
        );
        run.finish().unwrap();
        assert!(interrupted(root).is_empty());
    }
}
