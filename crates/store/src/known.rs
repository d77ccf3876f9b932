//! Who a reference may name: every participant loaded, and every participant
//! whose file is in `participants/` but failed to load. That file's problem
//! is reported once; the sessions, pins, preferences and generated files
//! that name the person are not reported again (and nobody is told to
//! `apply` a person who is already there).

use std::collections::BTreeSet;

use super::{Folder, PARTICIPANTS_DIR};
use crate::model::is_valid_id;

/// The ids references may name in a folder.
#[derive(Debug)]
pub struct Known<'a> {
    folder: &'a Folder,
    /// Ids of `participants/<id>.yaml` files that did not load.
    unreadable: BTreeSet<String>,
}

impl<'a> Known<'a> {
    /// The people of `folder`, with the files on disk it could not load.
    pub fn of(folder: &'a Folder) -> Known<'a> {
        let dir = folder.root.join(PARTICIPANTS_DIR);
        let unreadable = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let id = name.strip_suffix(".yaml")?.to_string();
                (is_valid_id(&id) && !folder.participants.contains_key(&id)).then_some(id)
            })
            .collect();
        Known { folder, unreadable }
    }

    /// Whether `id` names a participant of the folder, loaded or not.
    pub fn person(&self, id: &str) -> bool {
        self.folder.participants.contains_key(id) || self.unreadable.contains(id)
    }
}
