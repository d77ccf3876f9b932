//! Where output may land: an output path given on the command line is judged
//! by where it really leads (through links, `..` and absolute paths), and
//! refused on `program.toml`, on the files mentorkit generates and reads
//! back, inside the folders of records, templates and private notes, and on
//! anything that is not a regular file (FIFOs, devices, folders). The file a
//! write replaces is looked at only after a stat, and at most its length
//! plus one byte is read.

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, FileKind, OutputMiss, OutputOption, Result};
use crate::{MATCHES_FILE, PARTICIPANTS_DIR, PROGRAM_FILE, SCREENING_FILE, SESSIONS_DIR};

/// The calendar's memory of SEQUENCE numbers, written by `schedule --ics`.
pub const ICS_SEQUENCE_FILE: &str = "ics-sequence.yaml";

/// Files of the folder that output never replaces: the settings, and what
/// mentorkit generates and reads back.
const PROTECTED_FILES: [&str; 4] = [
    PROGRAM_FILE,
    SCREENING_FILE,
    MATCHES_FILE,
    ICS_SEQUENCE_FILE,
];

/// Folders of the program folder that output never lands in.
const PROTECTED_FOLDERS: [&str; 4] = [PARTICIPANTS_DIR, SESSIONS_DIR, "templates", "private"];

/// Refuses an output path (`given`, as on the command line) that leads onto
/// a protected file or into a protected folder of the program folder `root`,
/// or onto something that is not a regular file (for a folder option: not a
/// folder). A missing path is fine. Nothing is read or written.
pub fn check_output(root: &Path, option: OutputOption, given: &Path) -> Result<()> {
    let real_root =
        fs::canonicalize(root).map_err(|e| Error::io(root, "finding the program folder", e))?;
    let real = real_path(given).map_err(|e| Error::io(given, "finding where it leads", e))?;
    if let Ok(rel) = real.strip_prefix(&real_root) {
        let refuse = |why| Error::Output {
            option,
            given: given.to_path_buf(),
            why,
        };
        if let Some(file) = PROTECTED_FILES.iter().find(|f| rel == Path::new(f)) {
            return Err(refuse(OutputMiss::Protected { file }));
        }
        let first = rel.components().next();
        if let Some(folder) = PROTECTED_FOLDERS
            .iter()
            .find(|f| first == Some(Component::Normal(f.as_ref())))
        {
            return Err(refuse(OutputMiss::Inside { folder }));
        }
    }
    let want = if option.folder {
        FileKind::Folder
    } else {
        FileKind::Regular
    };
    match fs::metadata(given) {
        Ok(meta) => {
            let kind = kind_of(&meta.file_type());
            if kind == want {
                Ok(())
            } else {
                Err(Error::NotRegular {
                    path: given.to_path_buf(),
                    kind,
                    want,
                })
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(given, "looking at the output path", e)),
    }
}

/// Where `path` really leads: its longest existing part with every link
/// resolved, then the rest, which does not exist yet (so holds no link),
/// with `..` taken lexically, as creating it would.
fn real_path(path: &Path) -> std::io::Result<PathBuf> {
    let mut base = None;
    for ancestor in path.ancestors() {
        let here = if ancestor.as_os_str().is_empty() {
            Path::new(".")
        } else {
            ancestor
        };
        if let Ok(real) = fs::canonicalize(here) {
            base = Some((real, path.strip_prefix(ancestor).unwrap_or(path)));
            break;
        }
    }
    let Some((mut real, rest)) = base else {
        return std::env::current_dir().map(|cwd| cwd.join(path));
    };
    for part in rest.components() {
        match part {
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(name) => real.push(name),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    Ok(real)
}

/// What kind of file a file type is.
pub(crate) fn kind_of(t: &fs::FileType) -> FileKind {
    use std::os::unix::fs::FileTypeExt;
    if t.is_file() {
        FileKind::Regular
    } else if t.is_dir() {
        FileKind::Folder
    } else if t.is_fifo() {
        FileKind::Fifo
    } else if t.is_char_device() {
        FileKind::CharDevice
    } else if t.is_block_device() {
        FileKind::BlockDevice
    } else if t.is_socket() {
        FileKind::Socket
    } else {
        FileKind::Other
    }
}

/// A path as the user finds it: relative to the current folder when inside it.
pub(crate) fn shown(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
}

/// Whether the file at `path` already holds exactly `contents`, so a write
/// can leave it alone. Refuses what is not a regular file (through a link
/// too): a FIFO would block, a device would be replaced, `/dev/zero` never
/// ends. Reads at most the new length plus one byte, and only when the
/// lengths agree.
pub(crate) fn unchanged(path: &Path, contents: &[u8]) -> Result<bool> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        // Missing, or a link to nothing: the write makes a new file.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(Error::io(shown(path), "looking at the file", e)),
    };
    let kind = kind_of(&meta.file_type());
    if kind != FileKind::Regular {
        return Err(Error::NotRegular {
            path: shown(path),
            kind,
            want: FileKind::Regular,
        });
    }
    if meta.len() != contents.len() as u64 {
        return Ok(false);
    }
    let mut old = Vec::with_capacity(contents.len());
    let read =
        fs::File::open(path).and_then(|f| f.take(contents.len() as u64 + 1).read_to_end(&mut old));
    Ok(read.is_ok() && old == contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ICS: OutputOption = OutputOption {
        flag: "--ics",
        folder: false,
        example: "calendar.ics",
    };

    #[test]
    fn real_paths_resolve_links_and_dots_of_what_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir(root.join("participants")).unwrap();
        std::os::unix::fs::symlink("participants", root.join("link")).unwrap();
        assert_eq!(
            real_path(&root.join("link/new/x.ics")).unwrap(),
            root.join("participants/new/x.ics")
        );
        assert_eq!(
            real_path(&root.join("missing/../participants/x")).unwrap(),
            root.join("participants/x")
        );
    }

    #[test]
    fn protected_places_are_refused_and_others_allowed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("private")).unwrap();
        let refused = |p: &str| check_output(root, ICS, &root.join(p)).is_err();
        assert!(refused("program.toml"));
        assert!(refused("matches.yaml"));
        assert!(refused("private/cal.ics"));
        assert!(refused("templates/new/cal.ics"));
        assert!(refused("sessions/../private/x.ics"));
        assert!(!refused("calendar.ics"));
        assert!(!refused("exports/calendar.ics"));
        assert!(!refused("participants-old.ics"));
    }

    #[test]
    fn only_regular_files_are_compared() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        assert!(!unchanged(&path, b"a").unwrap());
        fs::write(&path, b"abc").unwrap();
        assert!(unchanged(&path, b"abc").unwrap());
        assert!(!unchanged(&path, b"abd").unwrap());
        assert!(!unchanged(&path, b"ab").unwrap());
        assert!(matches!(
            unchanged(dir.path(), b"x"),
            Err(Error::NotRegular {
                kind: FileKind::Folder,
                ..
            })
        ));
        assert!(matches!(
            unchanged(Path::new("/dev/zero"), b"x"),
            Err(Error::NotRegular {
                kind: FileKind::CharDevice,
                ..
            })
        ));
    }
}
