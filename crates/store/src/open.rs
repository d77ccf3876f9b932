//! The one way a command opens the program folder: take the folder lock
//! when it will write (not for a dry run, not to read), then load and
//! validate every record. Every writing command goes through here, so no
//! command can load, think, and write without holding the lock.

use std::path::Path;

use crate::error::{Error, Result};
use crate::lock::Lock;
use crate::model::Folder;

/// What a command will do with the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Only read: no lock.
    Read,
    /// Write (unless `dry_run`): hold the lock from before loading until the
    /// opened folder is dropped.
    Write { dry_run: bool },
}

/// A loaded folder, with the lock when the command writes.
#[derive(Debug)]
pub struct Opened {
    pub folder: Folder,
    lock: Option<Lock>,
}

/// Holds the folder lock, when there is one, until dropped: keep it alive
/// until the last write.
#[derive(Debug)]
pub struct Guard {
    _lock: Option<Lock>,
}

impl Opened {
    /// Whether the command holds the lock (it will write).
    pub fn locked(&self) -> bool {
        self.lock.is_some()
    }

    /// The batch an interrupted command left, finished when the lock was
    /// taken, if any.
    pub fn recovered(&self) -> Option<&crate::write::Recovered> {
        self.lock.as_ref().and_then(Lock::recovered)
    }

    /// The folder, and the guard that holds the lock.
    pub fn into_parts(self) -> (Folder, Guard) {
        (self.folder, Guard { _lock: self.lock })
    }
}

/// Locks (for a write that is not a dry run) and loads the folder at `root`.
pub fn open(root: &Path, access: Access) -> Result<Opened> {
    open_rewriting(root, access, None)
}

/// As [`open`], for a process that opens one folder again and again (the
/// dashboard): the lock is taken first, then every file is looked at again;
/// a record file whose size, times and inode are unchanged since this cache
/// last read it is not parsed again (any write to a file changes its change
/// time, which no program can set back), so what is loaded under the lock is
/// the folder as it is on disk now.
pub fn open_cached(root: &Path, access: Access, cache: &crate::cache::Cache) -> Result<Opened> {
    let lock = match access {
        Access::Write { dry_run: false } => Some(Lock::acquire(root)?),
        Access::Write { dry_run: true } | Access::Read => None,
    };
    let folder = crate::load_cached(root, cache)?;
    Ok(Opened { folder, lock })
}

/// As [`open`], for a command that rewrites the generated file `rewrites`:
/// problems in that file do not stop it, since it is about to be replaced.
pub fn open_rewriting(root: &Path, access: Access, rewrites: Option<&str>) -> Result<Opened> {
    let lock = match access {
        Access::Write { dry_run: false } => Some(Lock::acquire(root)?),
        Access::Write { dry_run: true } | Access::Read => None,
    };
    let (folder, problems) = crate::load_all(root)?;
    let problems: Vec<_> = problems
        .into_iter()
        .filter(|p| rewrites.is_none_or(|file| p.file != Path::new(file)))
        .collect();
    match folder {
        Some(folder) if problems.is_empty() => Ok(Opened { folder, lock }),
        _ => Err(Error::Invalid(problems)),
    }
}
