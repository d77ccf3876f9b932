//! Temporary files a killed run left behind (`.mentorkit-XXXXXX.tmp`, each a
//! half-written file beside the one it was to replace) are removed by the
//! next command that takes the folder's lock: while the lock is held no
//! other mentorkit command writes in the folder, so every one is stale.

use std::fs;
use std::path::Path;

use crate::{PARTICIPANTS_DIR, SESSIONS_DIR};

/// The folders where mentorkit writes under the lock; `out/` is searched
/// to this depth too (`out/career-plans/…`).
const FOLDERS: [&str; 3] = ["", PARTICIPANTS_DIR, SESSIONS_DIR];
const OUT_DIR: &str = "out";
const OUT_DEPTH: usize = 2;

/// Whether a file name is one of our temporary files.
pub(crate) fn is_temporary(name: &str) -> bool {
    name.starts_with(".mentorkit-") && name.ends_with(".tmp")
}

/// Removes the stale temporary files of the program folder `root`; how
/// many. Only regular files are removed, never a link's target; a file
/// that cannot be removed is left (the next run tries again).
pub(crate) fn sweep(root: &Path) -> usize {
    let mut removed = 0;
    for dir in FOLDERS {
        removed += sweep_dir(&root.join(dir), 0);
    }
    removed + sweep_dir(&root.join(OUT_DIR), OUT_DEPTH)
}

fn sweep_dir(dir: &Path, depth: usize) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && depth > 0 {
            removed += sweep_dir(&entry.path(), depth - 1);
        } else if kind.is_file()
            && is_temporary(&entry.file_name().to_string_lossy())
            && fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_temporary_files_go() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for rel in [
            ".mentorkit-a1.tmp",
            "participants/.mentorkit-b2.tmp",
            "sessions/.mentorkit-c3.tmp",
            "out/career-plans/.mentorkit-d4.tmp",
            "participants/ana.yaml",
            "private/.mentorkit-e5.tmp",
            ".mentorkit-notes.md",
        ] {
            let path = root.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        assert_eq!(sweep(root), 4);
        assert!(root.join("participants/ana.yaml").exists());
        assert!(root.join("private/.mentorkit-e5.tmp").exists());
        assert!(root.join(".mentorkit-notes.md").exists());
        assert_eq!(sweep(root), 0);
    }
}
