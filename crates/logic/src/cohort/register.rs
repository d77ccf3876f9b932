//! Which sessions were held, and who came to each: the one rule for "held",
//! indexed once for a whole cohort, so that each person's attendance, last
//! meeting and run of misses cost one pass over the sessions held rather
//! than a search of every attendance list.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use crate::attendance::Mark;
use crate::model::{Session, SessionKind};

/// Whether anything was recorded for a session: someone attended, was absent
/// or excused.
pub fn recorded(s: &Session) -> bool {
    !(s.attendance.is_empty() && s.absent.is_empty() && s.excused.is_empty())
}

/// Whether a session was held by `as_of`: its day has come and its
/// attendance is recorded. A past session with nothing recorded is "not
/// recorded", never counted as missed by everyone.
pub fn is_held(s: &Session, as_of: NaiveDate) -> bool {
    s.date <= as_of && recorded(s)
}

/// Where a session stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SessionState {
    /// Held, attendance recorded.
    Held,
    /// Its day has passed but nothing was recorded.
    NotRecorded,
    /// Still to come.
    ToCome,
}

/// The state of a session on `as_of`.
pub fn state(s: &Session, as_of: NaiveDate) -> SessionState {
    if is_held(s, as_of) {
        SessionState::Held
    } else if s.date <= as_of {
        SessionState::NotRecorded
    } else {
        SessionState::ToCome
    }
}

/// Workshops attended of those held, excused apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Attendance {
    pub attended: u32,
    pub excused: u32,
    /// Held, expected, and neither attended nor excused.
    pub missed: u32,
    /// Held workshops the person was expected at (the denominator of the rate).
    pub held: u32,
    /// attended / held; `None` before the first workshop.
    pub rate: Option<f64>,
}

/// The sessions held by a day and each person's marks at them.
#[derive(Debug, Clone)]
pub struct Register<'a> {
    /// Held sessions (date passed, attendance recorded), in date order (id
    /// order within a day), with their ids.
    held: Vec<(&'a str, &'a Session)>,
    /// Per person: (index into `held`, mark), in `held` order, one per session.
    marks: HashMap<&'a str, Vec<(usize, Mark)>>,
    /// Held workshops that list no mentees: everyone is expected there.
    open: Vec<usize>,
}

impl<'a> Register<'a> {
    /// Indexes the sessions held by `as_of`.
    pub fn new(sessions: &'a BTreeMap<String, Session>, as_of: NaiveDate) -> Register<'a> {
        let mut held: Vec<(&str, &Session)> = sessions
            .iter()
            .filter(|(_, s)| is_held(s, as_of))
            .map(|(id, s)| (id.as_str(), s))
            .collect();
        held.sort_by(|a, b| (a.1.date, a.0).cmp(&(b.1.date, b.0)));
        let mut marks: HashMap<&str, Vec<(usize, Mark)>> = HashMap::new();
        let mut open = Vec::new();
        for (i, (_, s)) in held.iter().enumerate() {
            if s.kind() == SessionKind::Workshop && s.mentees.is_empty() {
                open.push(i);
            }
            let lists = [
                (&s.mentees, Mark::Absent),
                (&s.absent, Mark::Absent),
                (&s.excused, Mark::Excused),
                (&s.attendance, Mark::Present),
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

    /// The held sessions, in date order, with their ids.
    pub fn held(&self) -> &[(&'a str, &'a Session)] {
        &self.held
    }

    /// How many workshops were held.
    pub fn workshops_held(&self) -> u32 {
        self.held
            .iter()
            .filter(|(_, s)| s.kind() == SessionKind::Workshop)
            .count() as u32
    }

    /// Every held session `id` was expected at, in date order, with the mark.
    pub fn sessions_of(&self, id: &str) -> Vec<(&'a Session, Mark)> {
        let own: &[(usize, Mark)] = self.marks.get(id).map_or(&[], Vec::as_slice);
        let (mut a, mut b) = (0, 0);
        let mut out: Vec<(usize, Mark)> = Vec::with_capacity(own.len() + self.open.len());
        // Merge the open workshops with the person's own marks, by index.
        while a < self.open.len() || b < own.len() {
            match (self.open.get(a).copied(), own.get(b).copied()) {
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
                    out.push((o, Mark::Absent));
                    a += 1;
                }
                (None, Some((i, m))) => {
                    out.push((i, m));
                    b += 1;
                }
                (None, None) => break,
            }
        }
        out.into_iter().map(|(i, m)| (self.held[i].1, m)).collect()
    }

    /// Workshop attendance of `id`.
    pub fn attendance(&self, id: &str) -> Attendance {
        attendance_in(&self.sessions_of(id))
    }

    /// The last meeting (`kind: meeting`) `id` attended.
    pub fn last_meeting(&self, id: &str) -> Option<NaiveDate> {
        last_meeting_in(&self.sessions_of(id))
    }

    /// The dates of the trailing run of sessions `id` missed, latest first;
    /// excused sessions neither break nor extend it.
    pub fn missed_run(&self, id: &str) -> Vec<NaiveDate> {
        missed_run_in(&self.sessions_of(id))
    }

    /// Whether any meeting's attendance is recorded by the day.
    pub fn meetings_recorded(&self) -> bool {
        self.held
            .iter()
            .any(|(_, s)| s.kind() == SessionKind::Meeting)
    }
}

/// Workshop attendance in a person's held sessions (`sessions_of`).
pub fn attendance_in(sessions: &[(&Session, Mark)]) -> Attendance {
    let mut a = Attendance::default();
    for (s, mark) in sessions {
        if s.kind() != SessionKind::Workshop {
            continue;
        }
        a.held += 1;
        match mark {
            Mark::Present => a.attended += 1,
            Mark::Excused => a.excused += 1,
            Mark::Absent => a.missed += 1,
        }
    }
    a.rate = (a.held > 0).then(|| f64::from(a.attended) / f64::from(a.held));
    a
}

/// The last meeting attended in a person's held sessions.
pub fn last_meeting_in(sessions: &[(&Session, Mark)]) -> Option<NaiveDate> {
    sessions
        .iter()
        .filter(|(s, m)| s.kind() == SessionKind::Meeting && *m == Mark::Present)
        .map(|(s, _)| s.date)
        .max()
}

/// The trailing run of misses in a person's held sessions, latest first.
pub fn missed_run_in(sessions: &[(&Session, Mark)]) -> Vec<NaiveDate> {
    let mut run = Vec::new();
    for (s, mark) in sessions.iter().rev() {
        match mark {
            Mark::Excused => continue,
            Mark::Present => break,
            Mark::Absent => run.push(s.date),
        }
    }
    run
}
