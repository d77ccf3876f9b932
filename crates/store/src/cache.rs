//! Parsed records kept between loads of one folder by a process that runs
//! for long (the dashboard): a record file whose size, modification time
//! and inode are what they were is not read or parsed again; any other is.
//! Everything else is done as [`crate::load`] does it, validation of the
//! whole folder included, so a cached load gives the folder as it is on
//! disk now. Writes never use it: they read again under the lock.

use std::collections::HashMap;
use std::fs::Metadata;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::SystemTime;

use crate::model::{Participant, Session};

/// What tells a file changed: its size, modification time and (on Unix)
/// inode and change time; an atomic replace gives a new inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
    changed: (i64, i64),
}

impl Stamp {
    pub(crate) fn of(meta: &Metadata) -> Stamp {
        #[cfg(unix)]
        let (inode, changed) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ino(), (meta.ctime(), meta.ctime_nsec()))
        };
        #[cfg(not(unix))]
        let (inode, changed) = (0, (0, 0));
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
            changed,
        }
    }
}

type Kept<T> = Mutex<HashMap<PathBuf, (Stamp, String, T)>>;

/// The records parsed so far, by file relative to the folder.
#[derive(Debug, Default)]
pub struct Cache {
    participants: Kept<Participant>,
    sessions: Kept<Session>,
}

impl Cache {
    /// An empty cache.
    pub fn new() -> Cache {
        Cache::default()
    }
}

/// A record kind the cache keeps.
pub(crate) trait Cached: Clone + Send + Sized {
    fn kept(cache: &Cache) -> &Kept<Self>;
}

impl Cached for Participant {
    fn kept(cache: &Cache) -> &Kept<Participant> {
        &cache.participants
    }
}

impl Cached for Session {
    fn kept(cache: &Cache) -> &Kept<Session> {
        &cache.sessions
    }
}

/// The record and text kept for `rel`, when its file is still `stamp`.
pub(crate) fn get<T: Cached>(cache: &Cache, rel: &PathBuf, stamp: Stamp) -> Option<(T, String)> {
    let kept = T::kept(cache).lock().ok()?;
    let (s, text, value) = kept.get(rel)?;
    (*s == stamp).then(|| (value.clone(), text.clone()))
}

/// Keeps what was parsed from `rel` when it was `stamp`.
pub(crate) fn put<T: Cached>(cache: &Cache, rel: PathBuf, stamp: Stamp, text: &str, value: &T) {
    if let Ok(mut kept) = T::kept(cache).lock() {
        kept.insert(rel, (stamp, text.to_string(), value.clone()));
    }
}

/// Forgets the files of kind `T` not in `seen` (removed or renamed).
pub(crate) fn keep_only<T: Cached>(cache: &Cache, seen: &[PathBuf]) {
    if let Ok(mut kept) = T::kept(cache).lock() {
        let seen: std::collections::HashSet<&PathBuf> = seen.iter().collect();
        kept.retain(|rel, _| seen.contains(rel));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_load_sees_every_change_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("participants")).unwrap();
        std::fs::write(
            root.join("program.toml"),
            "[program]\nname = \"P\"\ntimezone = \"America/Chicago\"\n",
        )
        .unwrap();
        let person =
            |name: &str| format!("name: {name}\nemail: a@x.org\nrole: mentee\ndepartment: IT\n");
        std::fs::write(root.join("participants/ana.yaml"), person("Ana")).unwrap();
        let cache = Cache::new();
        let first = crate::load_cached(root, &cache).unwrap();
        assert_eq!(first.participants["ana"].name, "Ana");
        // Same length, rewritten: the stamp differs.
        std::fs::write(root.join("participants/ana.yaml"), person("Ann")).unwrap();
        assert_eq!(
            crate::load_cached(root, &cache).unwrap().participants["ana"].name,
            "Ann"
        );
        // Replaced atomically, as mentorkit writes.
        crate::write_atomic(
            &root.join("participants/ana.yaml"),
            person("Anya").as_bytes(),
        )
        .unwrap();
        let now = crate::load_cached(root, &cache).unwrap();
        assert_eq!(now.participants["ana"].name, "Anya");
        assert_eq!(now.sources, crate::load(root).unwrap().sources);
        // Broken, then removed: as `load` says.
        std::fs::write(root.join("participants/ana.yaml"), "name: [\n").unwrap();
        assert!(crate::load_cached(root, &cache).is_err());
        std::fs::remove_file(root.join("participants/ana.yaml")).unwrap();
        assert!(
            crate::load_cached(root, &cache)
                .unwrap()
                .participants
                .is_empty()
        );
        assert!(cache.participants.lock().unwrap().is_empty());
    }
}
