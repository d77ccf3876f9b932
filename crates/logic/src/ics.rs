//! The program's sessions as an RFC 5545 calendar that Google, Outlook and
//! Apple import: times with TZID and a VTIMEZONE built from the tz database,
//! CRLF lines folded at 75 octets, escaped text, and the same bytes for the
//! same inputs.
//!
//! - UID: `<session id>-<8 hex of FNV-1a(organization, program name)>@mentorkit`,
//!   the same on every run and machine.
//! - SEQUENCE: from `model::ics_sequence::SequenceState`, which rises when an event's
//!   content changes (see that module for the file that remembers it).
//! - DTSTAMP: the caller's fixed stamp (the command uses midnight UTC of the
//!   program's first day), never the clock.
//! - DTEND is the start plus the duration in elapsed time, written on the local
//!   clock, so a session that spans a clock change still lasts as long.
//!
//! The icalendar crate writes the events (escaping, CRLF); it adds a DTSTAMP
//! and a random UID to every component it writes, so the VTIMEZONE block is
//! written here with the crate's property formatting. Its folding lets the last
//! piece of a long line reach 76 octets (0.17.17), so the finished text is
//! unfolded and folded again here, at 75 octets on character boundaries.

#[cfg(test)]
mod python_check;
pub mod vtimezone;

use std::fmt::Write as _;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::{CalendarDateTime, Component, EventLike, Property};

use crate::model::ics_sequence::{SequenceState, fnv1a};

/// The calendar as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarInfo {
    pub program: String,
    pub organization: Option<String>,
    pub timezone: Tz,
    /// DTSTAMP of every event.
    pub stamp: DateTime<Utc>,
}

/// One session as an event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IcsEvent {
    /// The session id; the UID is made from it.
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
    /// `None`: an all-day event (a session file without a time).
    pub time: Option<NaiveTime>,
    pub duration_minutes: u32,
    pub location: Option<String>,
    /// Link for online or hybrid sessions: URL, and in the description.
    pub online: Option<String>,
    pub topics: Vec<String>,
    pub activities: Vec<String>,
    pub facilitator: Option<String>,
    pub speakers: Vec<String>,
    /// Names of the mentor and mentees, for pair and group meetings.
    pub people: Vec<String>,
    /// `in-person`, `virtual` or `hybrid`, when the session says.
    pub modality: Option<String>,
}

/// The UID of session `id` in this program.
pub fn uid(info: &CalendarInfo, id: &str) -> String {
    let owner = format!(
        "{}\n{}",
        info.organization.as_deref().unwrap_or(""),
        info.program
    );
    // Eight hex digits are plenty to tell programs apart.
    let tag = fnv1a(owner.as_bytes()) >> 32;
    format!("{id}-{tag:08x}@mentorkit")
}

/// The DESCRIPTION: what the session covers, who leads it, how to join.
pub fn description(event: &IcsEvent) -> String {
    let mut lines = Vec::new();
    let mut list = |label: &str, items: &[String]| {
        if !items.is_empty() {
            lines.push(format!("{label}: {}", items.join(", ")));
        }
    };
    list("Topics", &event.topics);
    list("Activities", &event.activities);
    list("Speakers", &event.speakers);
    list("Participants", &event.people);
    if let Some(f) = &event.facilitator {
        lines.push(format!("Facilitator: {f}"));
    }
    if let Some(m) = &event.modality {
        lines.push(format!("Modality: {m}"));
    }
    if let Some(link) = &event.online {
        lines.push(format!("Join online: {link}"));
    }
    lines.join("\n")
}

/// Text as iCalendar TEXT wants it before escaping: `\n` line breaks only.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .to_owned()
}

/// Start and end on the program's clock; an all-day event runs from
/// midnight to midnight.
pub fn local_span(zone: Tz, event: &IcsEvent) -> (NaiveDateTime, NaiveDateTime) {
    let Some(time) = event.time else {
        let day = event.date.and_time(NaiveTime::MIN);
        return (day, day + Duration::days(1));
    };
    let start = NaiveDateTime::new(event.date, time);
    let length = Duration::minutes(i64::from(event.duration_minutes));
    let instant = match zone.from_local_datetime(&start) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => Some(t),
        // In a spring-forward gap the clock shows the time an hour later.
        chrono::LocalResult::None => zone
            .from_local_datetime(&(start + Duration::hours(1)))
            .earliest(),
    };
    let end = instant.map_or(start + length, |t| (t + length).naive_local());
    (start, end)
}

/// The VEVENT for `event`, without SEQUENCE.
fn vevent(info: &CalendarInfo, event: &IcsEvent) -> icalendar::Event {
    let tzid = info.timezone.name().to_owned();
    let (start, end) = local_span(info.timezone, event);
    let mut e = icalendar::Event::new();
    e.uid(&uid(info, &event.id))
        .timestamp(info.stamp)
        .summary(&clean(&event.title));
    if event.time.is_some() {
        e.starts(CalendarDateTime::WithTimezone {
            date_time: start,
            tzid: tzid.clone(),
        })
        .ends(CalendarDateTime::WithTimezone {
            date_time: end,
            tzid,
        });
    } else {
        e.starts(start.date()).ends(end.date());
    }
    let location = event
        .location
        .as_deref()
        .map(clean)
        .filter(|l| !l.is_empty())
        .or_else(|| event.online.as_deref().map(clean));
    if let Some(location) = location {
        e.location(&location);
    }
    let text = clean(&description(event));
    if !text.is_empty() {
        e.description(&text);
    }
    if let Some(link) = &event.online {
        e.url(link.trim());
    }
    e
}

/// A finished calendar and the SEQUENCE memory to keep for the next export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub text: String,
    pub state: SequenceState,
}

/// The calendar of `events` (any order: they are written sorted by id), with
/// SEQUENCE continued from `previous`.
pub fn export(info: &CalendarInfo, events: &[IcsEvent], previous: &SequenceState) -> Export {
    let mut state = previous.clone();
    let mut sorted: Vec<&IcsEvent> = events.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));

    let mut text = String::new();
    line(&mut text, "BEGIN", "VCALENDAR");
    line(&mut text, "VERSION", "2.0");
    line(&mut text, "PRODID", "-//mentorkit//mentorkit//EN");
    line(&mut text, "CALSCALE", "GREGORIAN");
    line(&mut text, "METHOD", "PUBLISH");
    line(&mut text, "X-WR-CALNAME", &clean(&info.program));
    line(&mut text, "X-WR-TIMEZONE", info.timezone.name());

    let years = sorted.iter().filter(|e| e.time.is_some()).map(|e| {
        let (start, end) = local_span(info.timezone, e);
        (start.date(), end.date())
    });
    let first = years.clone().map(|(s, _)| s).min();
    let last = years.map(|(_, e)| e).max();
    if let (Some(first), Some(last)) = (first, last) {
        use chrono::Datelike;
        for (key, value) in vtimezone::vtimezone_lines(info.timezone, first.year(), last.year()) {
            line(&mut text, &key, &value);
        }
    }

    for event in sorted {
        let mut e = vevent(info, event);
        let body = without_stamp(&e.try_into_string().unwrap_or_default());
        let uid = uid(info, &event.id);
        let sequence = state.advance(&uid, fnv1a(body.as_bytes()));
        e.sequence(sequence);
        text.push_str(&e.try_into_string().unwrap_or_default());
    }
    line(&mut text, "END", "VCALENDAR");
    Export {
        text: refold(&text),
        state,
    }
}

/// Folds every content line to at most 75 octets, never inside a UTF-8
/// character; continuation lines start with one space (RFC 5545, 3.1).
pub fn refold(text: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(text.len() + text.len() / 25);
    for line in text.replace("\r\n ", "").split_terminator("\r\n") {
        let mut rest = line;
        let mut room = LIMIT;
        while rest.len() > room {
            let mut cut = room;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            room = LIMIT - 1;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}

/// One property, formatted, escaped and folded by the icalendar crate.
fn line(out: &mut String, key: &str, value: &str) {
    let property = Property::new(key, value);
    // Writing to a String cannot fail; fall back to the bare line regardless.
    match TryInto::<String>::try_into(property) {
        Ok(text) => out.push_str(&text),
        Err(_) => {
            let _ = write!(out, "{key}:{value}\r\n");
        }
    }
}

/// The event's unfolded lines other than DTSTAMP: what its hash is taken over.
fn without_stamp(event: &str) -> String {
    event
        .replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.starts_with("DTSTAMP:"))
        .collect::<Vec<_>>()
        .join("\r\n")
}

#[cfg(test)]
mod tests;
