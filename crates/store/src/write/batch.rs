//! Many files at once (an import of thousands of people, a report of a
//! thousand documents) at the disk's pace: every file is written to a
//! temporary file beside its target, a journal naming each temporary file
//! and its target is put in the program folder, everything is made durable
//! with one sync, then each temporary file is renamed over its target and
//! the folders are synced; the journal goes last.
//!
//! A kill before the journal is in place leaves the old files (and
//! temporary files for the next command to clear away); a kill after it is
//! finished by the next command that takes the folder's lock, which renames
//! what was not yet renamed (`recover`) and says so. Either way each file
//! is old or new, and the batch lands whole.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Target, durable, temporary};
use crate::error::{Error, Result};

/// The journal of a batch being renamed into place.
pub(crate) const JOURNAL: &str = ".mentorkit-batch.journal";

/// Temporary files of a batch start so (every temporary file of mentorkit
/// starts with `.mentorkit-`).
const PREFIX: &str = ".mentorkit-batch-";

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Journal {
    /// What wrote the batch, for the message of the command that finishes it.
    pub(crate) what: String,
    /// Each temporary file and the file it replaces.
    pub(crate) files: Vec<(PathBuf, PathBuf)>,
}

/// Writes every `(path, contents)` of `files`; unchanged files are left
/// alone. `root` is the program folder: the journal goes there when the
/// batch has one, named by `journal` (the command, for the message of the
/// one that finishes it), so that the batch lands whole as the module says;
/// without one (documents in `out/`), each file is still old or new.
/// `tick` is called once per file, as it is written (before the sync and
/// the renames). The number of files written is returned.
pub fn write_batch<C: AsRef<[u8]>>(
    root: &Path,
    journal: Option<&str>,
    files: &[(PathBuf, C)],
    tick: &mut dyn FnMut(),
) -> Result<usize> {
    let mut staged = Vec::new();
    let mut folders = BTreeSet::new();
    for (path, contents) in files {
        let contents = contents.as_ref();
        let target = Target::of(path)?;
        if target.unchanged(contents)? {
            tick();
            continue;
        }
        let folder = target.folder().to_path_buf();
        if folders.insert(folder.clone()) {
            fs::create_dir_all(&folder)
                .map_err(|e| Error::io(&folder, "creating the folder", e))?;
        }
        let mut tmp = temporary(&target, PREFIX)?;
        // The plain file: its error names no temporary file.
        tmp.as_file_mut()
            .write_all(contents)
            .map_err(|e| Error::io(path, "writing", e))?;
        // Closed now (thousands of open files would pass the process's
        // limit); the path still removes the file if the batch fails.
        staged.push((target, tmp.into_temp_path()));
        // Writing is the work that takes the time, file by file; the one
        // sync and the renames after it are quick.
        tick();
    }
    if staged.is_empty() {
        return Ok(0);
    }
    let journal_tmp = match journal {
        Some(what) => {
            let journal = Journal {
                what: what.to_string(),
                files: staged
                    .iter()
                    .map(|(t, tmp)| (tmp.to_path_buf(), t.real.clone()))
                    .collect(),
            };
            Some(put_journal(root, &journal)?)
        }
        None => None,
    };
    let mut paths: Vec<&Path> = staged.iter().map(|(_, tmp)| -> &Path { tmp }).collect();
    if let Some(j) = &journal_tmp {
        paths.push(j);
    }
    durable::sync_files(root, &paths)
        .map_err(|e| Error::io(root, "syncing the files to disk", e))?;
    if let Some(journal_tmp) = journal_tmp {
        journal_tmp
            .persist(root.join(JOURNAL))
            .map_err(|e| Error::io(root.join(JOURNAL), "writing", e.error))?;
        durable::sync_folder(root);
    }
    let total = staged.len();
    for (done, (target, tmp)) in staged.into_iter().enumerate() {
        if let Err(e) = tmp.persist(&target.real) {
            if journal.is_some() {
                let _ = fs::remove_file(root.join(JOURNAL));
            }
            return Err(Error::PartWritten {
                path: target.named,
                source: e.error,
                done,
                total,
            });
        }
    }
    for folder in &folders {
        durable::sync_folder(folder);
    }
    if journal.is_some() {
        let _ = fs::remove_file(root.join(JOURNAL));
    }
    Ok(total)
}

/// The journal in a temporary file of the program folder, not yet synced.
fn put_journal(root: &Path, journal: &Journal) -> Result<tempfile::TempPath> {
    let text = serde_json::to_vec(journal).map_err(Error::json)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(PREFIX)
        .suffix(".tmp")
        .tempfile_in(root)
        .map_err(|e| Error::io(root.join(JOURNAL), "creating", e))?;
    tmp.as_file_mut()
        .write_all(&text)
        .map_err(|e| Error::io(root.join(JOURNAL), "writing", e))?;
    Ok(tmp.into_temp_path())
}

/// A batch that an interrupted command left half renamed, finished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    /// What wrote it.
    pub what: String,
    /// How many files the batch had.
    pub total: usize,
    /// How many of them this finish put in place.
    pub finished: usize,
}

impl std::fmt::Display for Recovered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` was interrupted while putting its {} in place; finished it ({} put in place now)",
            self.what,
            crate::error::count(self.total, "file", "files"),
            crate::error::count(self.finished, "file", "files"),
        )
    }
}

/// Finishes a batch that a killed command left behind in `root`, if any:
/// renames every temporary file the journal names that is still there.
/// Called with the folder's lock held, before anything else is written.
pub fn recover(root: &Path) -> Result<Option<Recovered>> {
    let path = root.join(JOURNAL);
    let text = match fs::read(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(&path, "reading", e)),
    };
    // The journal is renamed into place whole; one that does not parse is
    // not ours to act on.
    let Ok(journal) = serde_json::from_slice::<Journal>(&text) else {
        return Ok(None);
    };
    let mut finished = 0;
    let mut folders = BTreeSet::new();
    for (tmp, target) in &journal.files {
        if !tmp.exists() {
            continue;
        }
        fs::rename(tmp, target)
            .map_err(|e| Error::io(target, "finishing the interrupted write of", e))?;
        finished += 1;
        if let Some(folder) = target.parent() {
            folders.insert(folder.to_path_buf());
        }
    }
    for folder in &folders {
        durable::sync_folder(folder);
    }
    fs::remove_file(&path).map_err(|e| Error::io(&path, "removing", e))?;
    Ok(Some(Recovered {
        what: journal.what,
        total: journal.files.len(),
        finished,
    }))
}
