//! Who came to which session, indexed once for a whole cohort, so that each
//! person's attendance, last meeting and run of misses cost one pass over the
//! sessions held rather than a search of every attendance list.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::{Attendance, held};
use crate::model::{Session, SessionKind};

/// How a person stands at one session they were expected at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// Expected (listed under `mentees`, or absent) and did not come.
    Missed,
    Excused,
    Came,
}

/// The sessions held by a day and each person's marks at them.
#[derive(Debug, Clone)]
pub struct Register<'a> {
    /// Held sessions (date passed, attendance recorded), in date order.
    held: Vec<&'a Session>,
    /// Per person: (index into `held`, mark), in `held` order, one per session.
    marks: HashMap<&'a str, Vec<(usize, Mark)>>,
    /// Held workshops that list no mentees: everyone is expected there.
    open: Vec<usize>,
}

impl<'a> Register<'a> {
    /// Indexes the sessions held by `as_of`.
    pub fn new(sessions: &'a BTreeMap<String, Session>, as_of: NaiveDate) -> Register<'a> {
        let held: Vec<&Session> = held(sessions, as_of).into_iter().map(|(_, s)| s).collect();
        let mut marks: HashMap<&str, Vec<(usize, Mark)>> = HashMap::new();
        let mut open = Vec::new();
        for (i, s) in held.iter().enumerate() {
            if s.kind() == SessionKind::Workshop && s.mentees.is_empty() {
                open.push(i);
            }
            let lists = [
                (&s.mentees, Mark::Missed),
                (&s.absent, Mark::Missed),
                (&s.excused, Mark::Excused),
                (&s.attendance, Mark::Came),
            ];
            for (list, mark) in lists {
                for id in list {
                    let v = marks.entry(id.as_str()).or_default();
                    match v.last_mut() {
                        // The same session again: the better mark stands.
                        Some((j, m)) if *j == i => *m = (*m).max(mark),
                        _ => v.push((i, mark)),
                    }
                }
            }
        }
        Register { held, marks, open }
    }

    /// Every held session `id` was expected at, in date order, with the mark.
    pub fn sessions_of(&self, id: &str) -> Vec<(&'a Session, Mark)> {
        let own: &[(usize, Mark)] = self.marks.get(id).map_or(&[], Vec::as_slice);
        let (mut a, mut b) = (0, 0);
        let mut out = Vec::with_capacity(own.len() + self.open.len());
        // Merge the open workshops with the person's own marks, by index.
        while a < self.open.len() || b < own.len() {
            let next_open = self.open.get(a).copied();
            let next_own = own.get(b).copied();
            match (next_open, next_own) {
                (Some(o), Some((i, m))) if i == o => {
                    out.push((i, m));
                    a += 1;
                    b += 1;
                }
                (Some(o), Some((i, m))) if i < o => {
                    out.push((i, m));
                    b += 1;
                }
                (Some(o), _) => {
                    out.push((o, Mark::Missed));
                    a += 1;
                }
                (None, Some((i, m))) => {
                    out.push((i, m));
                    b += 1;
                }
                (None, None) => break,
            }
        }
        out.into_iter().map(|(i, m)| (self.held[i], m)).collect()
    }

    /// Workshop attendance of `id`.
    pub fn attendance(&self, id: &str) -> Attendance {
        let mut a = Attendance::default();
        for (s, mark) in self.sessions_of(id) {
            if s.kind() != SessionKind::Workshop {
                continue;
            }
            a.held += 1;
            match mark {
                Mark::Came => a.attended += 1,
                Mark::Excused => a.excused += 1,
                Mark::Missed => a.missed += 1,
            }
        }
        a.rate = (a.held > 0).then(|| f64::from(a.attended) / f64::from(a.held));
        a
    }

    /// The last meeting (`kind: meeting`) `id` attended.
    pub fn last_meeting(&self, id: &str) -> Option<NaiveDate> {
        self.sessions_of(id)
            .into_iter()
            .filter(|(s, m)| s.kind() == SessionKind::Meeting && *m == Mark::Came)
            .map(|(s, _)| s.date)
            .max()
    }

    /// The dates of the trailing run of sessions `id` missed, latest first;
    /// excused sessions neither break nor extend it.
    pub fn missed_run(&self, id: &str) -> Vec<NaiveDate> {
        let mut run = Vec::new();
        for (s, mark) in self.sessions_of(id).into_iter().rev() {
            match mark {
                Mark::Excused => continue,
                Mark::Came => break,
                Mark::Missed => run.push(s.date),
            }
        }
        run
    }
}
