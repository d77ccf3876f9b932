//! Who came to a session: present (`attendance`), `absent` or `excused`, one
//! state per person. Marking is computed here as a list of edits to the
//! session's three lists, so the command can apply them in place and an
//! unchanged roll means no write at all.

use std::collections::HashSet;
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

/// The edits that record `mark` for every id of `ids`: the id leaves the
/// other lists and joins this one. An id already marked so gives no edit, so
/// repeated runs change nothing. Linear in the lists and the ids: a session
/// of 20,000 attendees takes 20,000 more in one pass.
pub fn record(roll: &Roll, ids: &[String], mark: Mark) -> Vec<Edit> {
    let sets: Vec<(Mark, HashSet<&str>)> = Mark::ALL
        .into_iter()
        .map(|m| (m, roll.list(m).iter().map(String::as_str).collect()))
        .collect();
    let mut done: HashSet<&str> = HashSet::new();
    let mut edits = Vec::new();
    for id in ids {
        let already = sets
            .iter()
            .any(|(m, set)| *m == mark && set.contains(id.as_str()));
        if already || !done.insert(id.as_str()) {
            continue;
        }
        edits.extend(
            sets.iter()
                .filter(|(m, set)| *m != mark && set.contains(id.as_str()))
                .map(|(list, _)| Edit::Remove {
                    list: *list,
                    id: id.clone(),
                }),
        );
        edits.push(Edit::Add {
            list: mark,
            id: id.clone(),
        });
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    fn roll(present: &[&str], absent: &[&str], excused: &[&str]) -> Roll {
        Roll {
            attendance: ids(present),
            absent: ids(absent),
            excused: ids(excused),
        }
    }

    #[test]
    fn present_joins_at_the_end() {
        let before = roll(&["ana", "cy"], &[], &[]);
        let edits = record(&before, &ids(&["bo", "dee"]), Mark::Present);
        assert_eq!(
            edits,
            [
                Edit::Add {
                    list: Mark::Present,
                    id: "bo".to_owned()
                },
                Edit::Add {
                    list: Mark::Present,
                    id: "dee".to_owned()
                },
            ]
        );
        let mut after = before;
        after.apply(&edits);
        assert_eq!(after.attendance, ["ana", "cy", "bo", "dee"]);
    }

    #[test]
    fn repeated_runs_change_nothing() {
        let mut r = roll(&[], &[], &[]);
        let want = ids(&["bo", "ana"]);
        let edits = record(&r, &want, Mark::Excused);
        r.apply(&edits);
        assert_eq!(r.excused, ["bo", "ana"]);
        assert!(record(&r, &want, Mark::Excused).is_empty());
        // Naming someone twice in one run is one edit.
        let twice = record(&roll(&[], &[], &[]), &ids(&["ana", "ana"]), Mark::Present);
        assert_eq!(twice.len(), 1);
    }

    #[test]
    fn a_person_has_one_state() {
        let before = roll(&["ana", "bo"], &["cy"], &["bo"]);
        let edits = record(&before, &ids(&["bo", "cy"]), Mark::Absent);
        let mut after = before;
        after.apply(&edits);
        assert_eq!(after, roll(&["ana"], &["cy", "bo"], &[]));
        assert_eq!(after.mark_of("bo"), Some(Mark::Absent));
        assert_eq!(after.mark_of("zed"), None);
        assert_eq!(
            edits[0],
            Edit::Remove {
                list: Mark::Present,
                id: "bo".to_owned()
            }
        );
    }

    #[test]
    fn keys_and_names() {
        let keys: Vec<&str> = Mark::ALL.iter().map(|m| m.key()).collect();
        assert_eq!(keys, ["attendance", "absent", "excused"]);
        assert_eq!(Mark::Excused.to_string(), "excused");
    }
}
