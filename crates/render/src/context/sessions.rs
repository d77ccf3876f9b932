//! Documents for one session: the agenda and the sign-in sheet.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{Document, DocumentInfo, PersonRef, ProgramCtx, Reports, by_name};
use crate::logic::cohort::register::{self, SessionState};
use crate::model::{ClockTime, Session};

/// A session as its handouts see it (coordinator notes are left out).
#[derive(Debug, Clone, Serialize)]
pub(super) struct SessionCtx {
    id: String,
    title: String,
    kind: &'static str,
    date: String,
    time: Option<String>,
    /// When it ends, from the time and the duration.
    end_time: Option<String>,
    /// As written: `2h30m`.
    duration: Option<String>,
    duration_minutes: Option<u32>,
    location: Option<String>,
    /// The online link as written.
    online: Option<String>,
    /// The same link when it is a web address (http or https), safe to make
    /// clickable; `null` for anything else.
    online_href: Option<String>,
    facilitator: Option<String>,
    speakers: Vec<String>,
    topics: Vec<String>,
    activities: Vec<String>,
    mentor: Option<PersonRef>,
    mentees: Vec<PersonRef>,
    /// Whether it was held: its day has come and attendance is recorded.
    held: bool,
    /// `held`, `not-recorded` (its day passed with nothing recorded) or `to-come`.
    state: SessionState,
}

/// A link that is safe to make clickable: `http://` or `https://` only.
pub(super) fn web_href(url: &str) -> Option<String> {
    let t = url.trim();
    let lower = t.to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && !t.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then(|| t.to_string())
}

fn end_time(start: ClockTime, minutes: u32) -> String {
    let total = (u32::from(start.hour) * 60 + u32::from(start.minute) + minutes) % (24 * 60);
    format!("{:02}:{:02}", total / 60, total % 60)
}

/// The session object of the handouts.
pub(super) fn session(c: &Reports<'_>, id: &str, s: &Session) -> SessionCtx {
    let minutes = s.duration.map(|d| d.0);
    let state = register::state(s, c.facts.as_of);
    SessionCtx {
        id: id.to_string(),
        title: s.title.clone(),
        kind: s.kind().as_str(),
        date: s.date.to_string(),
        time: s.time.map(|t| t.to_string()),
        end_time: s.time.zip(minutes).map(|(t, m)| end_time(t, m)),
        duration: s.duration.map(|d| d.to_string()),
        duration_minutes: minutes,
        location: s.location.clone(),
        online: s.online.clone(),
        online_href: s.online.as_deref().and_then(web_href),
        facilitator: s.facilitator.clone(),
        speakers: s.speakers.clone(),
        topics: s.topics.clone(),
        activities: s.activities.clone(),
        mentor: s.mentor.as_deref().map(|m| c.person_ref(m)),
        mentees: s.mentees.iter().map(|m| c.person_ref(m)).collect(),
        held: state == SessionState::Held,
        state,
    }
}

/// A line of the sign-in sheet.
#[derive(Debug, Clone, Serialize)]
pub(super) struct SignInName {
    id: String,
    name: String,
    department: Option<String>,
    position: Option<String>,
}

/// Who is expected at a session: a meeting's mentor and mentees when it
/// names them, else the cohort; plus anyone whose attendance was recorded.
/// Sorted by name.
pub(super) fn expected(c: &Reports<'_>, s: &Session) -> Vec<SignInName> {
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    if s.mentor.is_some() || !s.mentees.is_empty() {
        ids.extend(s.mentor.as_deref());
        ids.extend(s.mentees.iter().map(String::as_str));
    } else {
        ids.extend(c.facts.members.iter().map(|m| m.id));
    }
    ids.extend(
        s.attendance
            .iter()
            .chain(&s.absent)
            .chain(&s.excused)
            .map(String::as_str),
    );
    let mut refs: Vec<PersonRef> = ids.into_iter().map(|id| c.person_ref(id)).collect();
    refs.sort_by(by_name);
    refs.into_iter()
        .map(|r| {
            let p = c.folder.participants.get(&r.id);
            SignInName {
                department: p.map(|p| p.department.clone()),
                position: p.and_then(|p| p.position.clone()),
                id: r.id,
                name: r.name,
            }
        })
        .collect()
}

#[derive(Serialize)]
struct Agenda {
    document: DocumentInfo,
    program: ProgramCtx,
    session: SessionCtx,
}

#[derive(Serialize)]
struct SignIn {
    document: DocumentInfo,
    program: ProgramCtx,
    session: SessionCtx,
    names: Vec<SignInName>,
    /// Empty lines to add for walk-ins.
    extra_lines: u32,
}

/// An agenda and a sign-in sheet per session, by session id.
pub(super) fn handouts(c: &Reports<'_>) -> Result<Vec<Document>, String> {
    let mut docs = Vec::new();
    for (id, s) in &c.folder.sessions {
        let ctx = session(c, id, s);
        let name = format!("handouts/{id}-agenda");
        docs.push(Document::new(
            "agenda",
            name.clone(),
            Agenda {
                document: DocumentInfo {
                    kind: "agenda",
                    name,
                },
                program: c.program(),
                session: ctx.clone(),
            },
        )?);
        let name = format!("handouts/{id}-sign-in");
        docs.push(Document::new(
            "sign-in",
            name.clone(),
            SignIn {
                document: DocumentInfo {
                    kind: "sign-in",
                    name,
                },
                program: c.program(),
                session: ctx,
                extra_lines: walk_in_lines(expected(c, s).len()),
                names: expected(c, s),
            },
        )?);
    }
    Ok(docs)
}

/// Empty lines for walk-ins under `names` expected: at least 3, and enough
/// that a short sheet still has about a dozen lines to sign on.
fn walk_in_lines(names: usize) -> u32 {
    const AT_LEAST: usize = 3;
    const SHEET: usize = 12;
    AT_LEAST.max(SHEET.saturating_sub(names)) as u32
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_short_sheet_gets_more_lines_for_walk_ins() {
        assert_eq!(super::walk_in_lines(1), 11);
        assert_eq!(super::walk_in_lines(7), 5);
        assert_eq!(super::walk_in_lines(9), 3);
        assert_eq!(super::walk_in_lines(30), 3);
    }

    use super::*;

    #[test]
    fn only_web_links_are_clickable() {
        let cases = [
            (
                "https://meet.example.org/x",
                Some("https://meet.example.org/x"),
            ),
            (" HTTP://a.b ", Some("HTTP://a.b")),
            ("javascript:alert(1)", None),
            ("data:text/html,<b>", None),
            ("https://a.b/ x", None),
            ("Room B", None),
        ];
        for (url, want) in cases {
            assert_eq!(web_href(url).as_deref(), want, "{url}");
        }
    }

    #[test]
    fn end_times_wrap_at_midnight() {
        let t = |h, m| ClockTime { hour: h, minute: m };
        assert_eq!(end_time(t(14, 0), 150), "16:30");
        assert_eq!(end_time(t(23, 30), 60), "00:30");
    }
}
