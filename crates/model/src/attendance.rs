//! Who came to a session, as the session file holds it: present
//! (`attendance`), `absent` or `excused`, one state per person, and one
//! change to one of those lists. The logic computes the changes; the store
//! makes them in place in the file.

use std::fmt;

use serde::Serialize;

/// How a participant stands at one session: recorded present (under
/// `attendance`), `absent` or `excused`. The register counts someone who was
/// expected and is on no list as absent. Ordered from worst to best, so
/// that when a person is listed twice for one session the better mark stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    Absent,
    Excused,
    Present,
}

impl Mark {
    pub const ALL: [Mark; 3] = [Mark::Present, Mark::Absent, Mark::Excused];

    /// The session file's key for the list of this state.
    pub fn key(self) -> &'static str {
        match self {
            Mark::Present => "attendance",
            Mark::Absent => "absent",
            Mark::Excused => "excused",
        }
    }
}

impl fmt::Display for Mark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mark::Present => "present",
            Mark::Absent => "absent",
            Mark::Excused => "excused",
        })
    }
}

/// A session's three lists as they are in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roll {
    pub attendance: Vec<String>,
    pub absent: Vec<String>,
    pub excused: Vec<String>,
}

impl Roll {
    pub fn list(&self, mark: Mark) -> &Vec<String> {
        match mark {
            Mark::Present => &self.attendance,
            Mark::Absent => &self.absent,
            Mark::Excused => &self.excused,
        }
    }

    fn list_mut(&mut self, mark: Mark) -> &mut Vec<String> {
        match mark {
            Mark::Present => &mut self.attendance,
            Mark::Absent => &mut self.absent,
            Mark::Excused => &mut self.excused,
        }
    }

    /// What is recorded for `id`, if anything.
    pub fn mark_of(&self, id: &str) -> Option<Mark> {
        Mark::ALL
            .into_iter()
            .find(|m| self.list(*m).iter().any(|x| x == id))
    }

    /// Applies `edits` in order, as the command does to the file.
    pub fn apply(&mut self, edits: &[Edit]) {
        for edit in edits {
            match edit {
                Edit::Add { list, id } => self.list_mut(*list).push(id.clone()),
                Edit::Remove { list, id } => self.list_mut(*list).retain(|x| x != id),
            }
        }
    }
}

/// One change to one list. New ids go at the end, as people add them by
/// hand, so a list keeps the order its writer chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Add { list: Mark, id: String },
    Remove { list: Mark, id: String },
}

impl std::str::FromStr for Mark {
    type Err = ();

    /// `present`, `absent` or `excused`, as the marks are written.
    fn from_str(s: &str) -> Result<Mark, ()> {
        Mark::ALL
            .into_iter()
            .find(|m| m.to_string() == s.trim())
            .ok_or(())
    }
}
