//! Pair and group meetings summed up per pair or group: how many were
//! planned, held, past with nothing recorded, and still to come; how many
//! of those expected came to the ones held; when they last met and meet
//! next. A report lists a line per pair or group rather than one per
//! meeting, which at a fortnightly rhythm runs to pages.

use chrono::NaiveDate;
use serde::Serialize;

use super::register::{SessionState, state};
use crate::model::{Session, SessionKind};

/// One pair or group's meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingGroup<'a> {
    pub mentor: Option<&'a str>,
    /// Sorted by id.
    pub mentees: Vec<&'a str>,
    pub planned: usize,
    pub held: usize,
    pub not_recorded: usize,
    pub to_come: usize,
    /// People recorded present, summed over the meetings held.
    pub attended: usize,
    /// People expected (the mentor and mentees), summed over the meetings held.
    pub expected: usize,
    pub last_held: Option<NaiveDate>,
    pub next: Option<NaiveDate>,
}

impl MeetingGroup<'_> {
    /// Present of expected at the meetings held; `None` before any is held.
    pub fn rate(&self) -> Option<f64> {
        (self.expected > 0).then(|| self.attended as f64 / self.expected as f64)
    }
}

/// The meetings of `sessions` (kind `meeting`) by pair or group, sorted by
/// mentor then mentees.
pub fn groups<'a>(
    sessions: impl IntoIterator<Item = &'a Session>,
    as_of: NaiveDate,
) -> Vec<MeetingGroup<'a>> {
    let mut out: Vec<MeetingGroup<'a>> = Vec::new();
    for s in sessions
        .into_iter()
        .filter(|s| s.kind() == SessionKind::Meeting)
    {
        let mut mentees: Vec<&str> = s.mentees.iter().map(String::as_str).collect();
        mentees.sort_unstable();
        mentees.dedup();
        let mentor = s.mentor.as_deref();
        let at = match out
            .iter()
            .position(|g| g.mentor == mentor && g.mentees == mentees)
        {
            Some(at) => at,
            None => {
                out.push(MeetingGroup {
                    mentor,
                    mentees,
                    planned: 0,
                    held: 0,
                    not_recorded: 0,
                    to_come: 0,
                    attended: 0,
                    expected: 0,
                    last_held: None,
                    next: None,
                });
                out.len() - 1
            }
        };
        let g = &mut out[at];
        g.planned += 1;
        match state(s, as_of) {
            SessionState::Held => {
                g.held += 1;
                g.attended += s.attendance.len();
                g.expected += g.mentees.len() + usize::from(g.mentor.is_some());
                g.last_held = g.last_held.max(Some(s.date));
            }
            SessionState::NotRecorded => g.not_recorded += 1,
            SessionState::ToCome => {
                g.to_come += 1;
                g.next = Some(g.next.map_or(s.date, |n| n.min(s.date)));
            }
        }
    }
    out.sort_by(|a, b| (a.mentor, &a.mentees).cmp(&(b.mentor, &b.mentees)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting(date: &str, mentees: &[&str], came: &[&str]) -> Session {
        Session {
            title: "Pair meeting".into(),
            kind: Some(SessionKind::Meeting),
            date: date.parse().unwrap_or_default(),
            mentor: Some("tess".into()),
            mentees: mentees.iter().map(|s| s.to_string()).collect(),
            attendance: came.iter().map(|s| s.to_string()).collect(),
            ..Session::default()
        }
    }

    #[test]
    fn one_line_per_pair_or_group() {
        let sessions = [
            meeting("2016-01-08", &["ana"], &["ana", "tess"]),
            meeting("2016-01-22", &["ana"], &[]),
            meeting("2016-02-05", &["ana"], &[]),
            meeting("2016-01-15", &["cy", "bo"], &["bo", "tess"]),
        ];
        let day = "2016-01-30".parse().unwrap_or_default();
        let g = groups(&sessions, day);
        assert_eq!(g.len(), 2);
        let ana = &g[0];
        assert_eq!(ana.mentees, ["ana"]);
        assert_eq!(
            (ana.planned, ana.held, ana.not_recorded, ana.to_come),
            (3, 1, 1, 1)
        );
        assert_eq!((ana.attended, ana.expected, ana.rate()), (2, 2, Some(1.0)));
        assert_eq!(ana.next, "2016-02-05".parse().ok());
        let group = &g[1];
        assert_eq!(group.mentees, ["bo", "cy"]);
        assert_eq!((group.attended, group.expected), (2, 3));
        assert_eq!(group.last_held, "2016-01-15".parse().ok());
    }
}
