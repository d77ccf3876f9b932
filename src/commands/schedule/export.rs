//! `schedule --ics FILE`: every session of the folder as an iCalendar file
//! (`-` for standard output), and `ics-sequence.yaml` updated so that changed
//! sessions reach calendars as updates.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::commands::Ctx;
use crate::error::{Error, Result, count, dry_run as dry_run_words};
use crate::ics::{CalendarInfo, IcsEvent, export};
use crate::model::Session;
use crate::model::ics_sequence::{FILE_NAME, SequenceState};
use crate::store::{
    Folder, parse_sequence, read_text, sequence_text, write_atomic, write_generated,
};

/// Meetings and workshops without a duration last this long.
const DEFAULT_MINUTES: u32 = 60;

/// Writes the calendar (and the SEQUENCE memory) unless `dry_run`.
pub(super) fn write(
    ctx: &Ctx,
    folder: &Folder,
    sessions: &BTreeMap<String, Session>,
    zone: Tz,
    target: &Path,
    dry_run: bool,
) -> Result<()> {
    let info = info(folder, sessions, zone);
    let state_path = folder.root.join(FILE_NAME);
    let previous = match read_text(&state_path, Path::new(FILE_NAME), 1 << 24) {
        Ok(text) => parse_sequence(&text).map_err(Error::problem)?,
        Err(_) if !state_path.exists() => SequenceState::default(),
        Err(problem) => return Err(Error::problem(problem)),
    };
    let events: Vec<IcsEvent> = sessions
        .iter()
        .map(|(id, s)| event(folder, id, s))
        .collect();
    let out = export(&info, &events, &previous);
    let changed = out
        .state
        .events
        .iter()
        .filter(|(uid, e)| previous.events.get(*uid) != Some(e))
        .count();
    let to_stdout = target.as_os_str() == "-";
    let shown = if to_stdout {
        "standard output".to_owned()
    } else {
        ctx.user_path(target).display().to_string()
    };
    if dry_run {
        eprintln!(
            "{}",
            dry_run_words(&format!(
                "write {shown}: {}, {changed} new or changed",
                count(events.len(), "event", "events")
            ))
        );
        return Ok(());
    }
    if to_stdout {
        crate::output::print_out(&out.text)?;
    } else {
        write_atomic(&ctx.user_path(target), out.text.as_bytes())?;
    }
    if out.state != previous {
        write_generated(&state_path, &sequence_text(&out.state))?;
    }
    eprintln!(
        "wrote {shown}: {}, {changed} new or changed",
        count(events.len(), "event", "events")
    );
    Ok(())
}

/// The calendar's name, zone and fixed DTSTAMP: midnight UTC of the
/// program's first day (or of its first session), never the clock.
fn info(folder: &Folder, sessions: &BTreeMap<String, Session>, zone: Tz) -> CalendarInfo {
    let p = &folder.program.program;
    let day = p
        .starts
        .or_else(|| sessions.values().map(|s| s.date).min())
        .unwrap_or_default();
    CalendarInfo {
        program: p.name.clone(),
        organization: p.organization.clone(),
        timezone: zone,
        stamp: Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN)),
    }
}

/// A session as an event; meeting participants by name.
fn event(folder: &Folder, id: &str, s: &Session) -> IcsEvent {
    let name = |id: &String| {
        folder
            .participants
            .get(id)
            .map_or_else(|| id.clone(), |p| p.name.clone())
    };
    IcsEvent {
        id: id.to_owned(),
        title: s.title.clone(),
        date: s.date,
        time: s.time.map(super::clock),
        duration_minutes: s.duration.map_or(DEFAULT_MINUTES, |d| d.0),
        location: s.location.clone(),
        online: s.online.clone(),
        topics: s.topics.clone(),
        activities: s.activities.clone(),
        facilitator: s.facilitator.clone(),
        speakers: s.speakers.clone(),
        people: s.mentor.iter().chain(&s.mentees).map(name).collect(),
        modality: s.modality.map(|m| m.to_string()),
    }
}
