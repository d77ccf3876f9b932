//! A lock on the program folder, held by every command that writes, so that
//! two commands at once never write blind. The operating system releases it
//! when the process ends, so a killed command leaves no stale lock; whoever
//! takes it next removes the temporary files a killed command left.

use std::fs::{File, TryLockError};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long a command waits for another to finish before refusing.
const WAIT: Duration = Duration::from_secs(30);

/// The folder lock; released on drop.
#[derive(Debug)]
pub struct Lock {
    _file: File,
    recovered: Option<crate::write::Recovered>,
}

impl Lock {
    /// Takes the lock on `root`, waiting up to 30 seconds (or the seconds in
    /// `MENTORKIT_LOCK_WAIT`) for another command to finish.
    pub fn acquire(root: &Path) -> Result<Lock> {
        let wait = std::env::var("MENTORKIT_LOCK_WAIT")
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .map(Duration::from_secs)
            .unwrap_or(WAIT);
        Lock::acquire_within(root, wait)
    }

    /// Takes the lock on `root`, waiting at most `wait`.
    pub fn acquire_within(root: &Path, wait: Duration) -> Result<Lock> {
        // The folder itself is locked (flock on its descriptor): nothing is
        // left behind in the folder, and the lock dies with the process.
        let file =
            File::open(root).map_err(|e| Error::io(root, "opening the folder to lock it", e))?;
        let start = Instant::now();
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => {
                    // No other writer now. A batch a killed command left
                    // half renamed is finished first (its staged files are
                    // temporary files too); what else it left is stale.
                    let recovered = crate::write::recover(root)?;
                    crate::sweep::sweep(root);
                    return Ok(Lock {
                        _file: file,
                        recovered,
                    });
                }
                Err(TryLockError::WouldBlock) => {
                    if start.elapsed() >= wait {
                        return Err(Error::Locked {
                            path: PathBuf::from(root),
                            waited_secs: wait.as_secs(),
                        });
                    }
                    if !told {
                        let _ = writeln!(
                            std::io::stderr(),
                            "waiting for another mentorkit command to finish writing…"
                        );
                        told = true;
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TryLockError::Error(e)) => {
                    return Err(Error::io(root, "locking the folder", e));
                }
            }
        }
    }

    /// The batch an interrupted command left, finished when the lock was
    /// taken, for the command to say (through its terminal-safe printer).
    pub fn recovered(&self) -> Option<&crate::write::Recovered> {
        self.recovered.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_then_refuses_and_succeeds_after_release() {
        let dir = tempfile::tempdir().unwrap();
        let first = Lock::acquire_within(dir.path(), Duration::ZERO).unwrap();
        let second = Lock::acquire_within(dir.path(), Duration::from_millis(200));
        assert!(matches!(second, Err(Error::Locked { .. })));
        drop(first);
        assert!(Lock::acquire_within(dir.path(), Duration::ZERO).is_ok());
    }
}
