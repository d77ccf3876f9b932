//! The fence around `private/` and around the program folder: a record, a
//! template or a path named in program.toml is read only when it really
//! lies inside the folder and outside `private/`, judged by its real path
//! (through every link) and by its inode (a hard link is the same file
//! under a second name). Paths given on the command line are the user's
//! own choice and are not fenced.

use std::collections::HashSet;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use crate::error::Problem;

/// The folder of journals and notes that mentorkit never reads.
pub const PRIVATE_DIR: &str = "private";

/// Why a path may not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fenced {
    /// Its real path is under `private/`.
    IntoPrivate,
    /// It is the same file (inode) as this one under `private/`.
    SameAs(PathBuf),
    /// It leads outside the program folder.
    Outside,
}

/// What is under `private/` of one program folder, looked at once.
#[derive(Debug)]
pub struct Fence {
    root: Option<PathBuf>,
    private: Option<PathBuf>,
    /// (device, inode) → the private file's path relative to the folder;
    /// gathered the first time a file with several names is met.
    inodes: OnceLock<Vec<((u64, u64), PathBuf)>>,
}

impl Fence {
    /// The fence of the program folder `root`.
    pub fn of(root: &Path) -> Fence {
        Fence {
            root: fs::canonicalize(root).ok(),
            private: fs::canonicalize(root.join(PRIVATE_DIR)).ok(),
            inodes: OnceLock::new(),
        }
    }

    /// Whether `path` (inside the folder by name) may be read: its real path
    /// must stay in the folder and out of `private/`, and it must not be a
    /// private file under a second name.
    pub fn check(&self, path: &Path) -> Result<(), Fenced> {
        let Ok(real) = fs::canonicalize(path) else {
            // Missing, or a link to nothing: the reader says so itself.
            return Ok(());
        };
        if !real.is_dir() && !real.is_file() {
            // A device or a FIFO is never read: the reader refuses it.
            return Ok(());
        }
        if let Some(private) = &self.private
            && real.starts_with(private)
        {
            return Err(Fenced::IntoPrivate);
        }
        if let Some(root) = &self.root
            && !real.starts_with(root)
        {
            return Err(Fenced::Outside);
        }
        match fs::metadata(&real) {
            Ok(meta) if meta.is_file() && meta.nlink() > 1 => {
                let key = (meta.dev(), meta.ino());
                match self.private_inodes().iter().find(|(k, _)| *k == key) {
                    Some((_, rel)) => Err(Fenced::SameAs(rel.clone())),
                    None => Ok(()),
                }
            }
            _ => Ok(()),
        }
    }

    /// `check`, for an entry of a folder already checked: a link is
    /// followed to where it leads; a plain file only needs a look at its
    /// number of names (most have one, and then it is no private file).
    pub fn check_entry(&self, path: &Path, is_link: bool) -> Result<(), Fenced> {
        if is_link {
            return self.check(path);
        }
        match fs::metadata(path) {
            Ok(meta) if meta.is_file() && meta.nlink() > 1 => self.check(path),
            _ => Ok(()),
        }
    }

    /// The files under `private/` with several names, by inode.
    fn private_inodes(&self) -> &[((u64, u64), PathBuf)] {
        self.inodes.get_or_init(|| {
            let Some(private) = &self.private else {
                return Vec::new();
            };
            let mut found = Vec::new();
            let mut seen = HashSet::new();
            for entry in walkdir::WalkDir::new(private)
                .follow_links(false)
                .max_depth(16)
                .into_iter()
                .flatten()
            {
                let Ok(meta) = entry.metadata() else { continue };
                if meta.is_file() && meta.nlink() > 1 && seen.insert((meta.dev(), meta.ino())) {
                    let rel = entry.path().strip_prefix(private).unwrap_or(entry.path());
                    found.push(((meta.dev(), meta.ino()), Path::new(PRIVATE_DIR).join(rel)));
                }
            }
            found
        })
    }
}

impl Fenced {
    /// The refusal of `rel`, which `reader` (`mentorkit`, `reports`) never
    /// reads, with what to do.
    pub fn problem(&self, rel: &Path, reader: &str, help: &str) -> Problem {
        let message = match self {
            Fenced::IntoPrivate => format!(
                "leads into private/, which {reader} never read{s}",
                s = s(reader)
            ),
            Fenced::SameAs(file) => format!(
                "is the same file as {} (a hard link into private/), which {reader} never read{s}",
                file.display(),
                s = s(reader)
            ),
            Fenced::Outside => format!(
                "leads outside the program folder, which {reader} never read{s} through a link",
                s = s(reader)
            ),
        };
        Problem::file(rel, message).help(help)
    }
}

/// `reads` for one reader, `read` for several (`reports`).
fn s(reader: &str) -> &'static str {
    if reader.ends_with('s') { "" } else { "s" }
}

/// Whether a path written in program.toml stays inside the folder by its
/// words: relative, with no `..`.
pub(crate) fn is_plain_relative(name: &Path) -> bool {
    name.components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_and_second_names_into_private_are_fenced() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("private/notes")).unwrap();
        fs::create_dir_all(root.join("participants")).unwrap();
        fs::write(root.join("private/notes/j.md"), "secret").unwrap();
        fs::write(root.join("participants/ana.yaml"), "name: Ana").unwrap();
        symlink("../private/notes/j.md", root.join("participants/soft.yaml")).unwrap();
        fs::hard_link(
            root.join("private/notes/j.md"),
            root.join("participants/hard.yaml"),
        )
        .unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("o.yaml"), "x").unwrap();
        symlink(
            outside.path().join("o.yaml"),
            root.join("participants/out.yaml"),
        )
        .unwrap();
        let fence = Fence::of(root);
        let p = |rel: &str| fence.check(&root.join(rel));
        assert_eq!(p("participants/ana.yaml"), Ok(()));
        assert_eq!(p("participants/soft.yaml"), Err(Fenced::IntoPrivate));
        assert_eq!(
            p("participants/hard.yaml"),
            Err(Fenced::SameAs(PathBuf::from("private/notes/j.md")))
        );
        assert_eq!(p("participants/out.yaml"), Err(Fenced::Outside));
        assert_eq!(p("participants/missing.yaml"), Ok(()));
        assert_eq!(
            Fenced::IntoPrivate
                .problem(Path::new("t.md"), "reports", "h")
                .message,
            "leads into private/, which reports never read"
        );
        assert_eq!(
            Fenced::IntoPrivate
                .problem(Path::new("t.md"), "mentorkit", "h")
                .message,
            "leads into private/, which mentorkit never reads"
        );
        assert!(is_plain_relative(Path::new("data/staff.csv")));
        assert!(!is_plain_relative(Path::new("../staff.csv")));
        assert!(!is_plain_relative(Path::new("/etc/shadow")));
    }
}
