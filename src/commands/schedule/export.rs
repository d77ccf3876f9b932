//! `schedule --ics FILE`: every session of the folder as an iCalendar file
//! (`-` for standard output), and `ics-sequence.yaml` updated so that changed
//! sessions reach calendars as updates.

use crate::output::say;
use std::collections::BTreeMap;
use std::path::Path;

use chrono::{NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::commands::Ctx;
use crate::error::{Error, OutputOption, Result, count, dry_run as dry_run_words};
use crate::ics::{CalendarInfo, IcsEvent, export};
use crate::model::Session;
use crate::model::ics_sequence::{FILE_NAME, SequenceState};
use crate::store::{
    Folder, parse_sequence, read_text, sequence_text, write_atomic, write_generated,
};

/// Meetings and workshops without a duration last this long.
const DEFAULT_MINUTES: u32 = 60;

/// `--ics FILE`, as its refusals name it.
pub(super) const ICS_OPTION: OutputOption = OutputOption {
    flag: "--ics",
    folder: false,
    example: "calendar.ics",
};

/// Whether `--ics` names standard output: `-`, or one of the names the
/// system gives it (written to as a stream, never renamed over).
pub(super) fn is_stdout(target: &Path) -> bool {
    ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]
        .iter()
        .any(|name| target.as_os_str() == *name)
}

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
    let previous = previous_state(&state_path)?;
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
    let to_stdout = is_stdout(target);
    let shown = if to_stdout {
        "standard output".to_owned()
    } else {
        ctx.user_path(target).display().to_string()
    };
    if dry_run {
        say!(
            "{}",
            dry_run_words(&format!(
                "write {shown}: {}, {changed} new or changed",
                count(events.len(), "event", "events")
            ))
        );
        return Ok(());
    }
    if to_stdout {
        crate::output::print_data(&out.text)?;
    } else {
        write_atomic(&ctx.user_path(target), out.text.as_bytes())?;
    }
    if out.state != previous {
        write_generated(&state_path, &sequence_text(&out.state))?;
    }
    say!(
        "wrote {shown}: {}, {changed} new or changed",
        count(events.len(), "event", "events")
    );
    Ok(())
}

/// What `ics-sequence.yaml` remembers. It is this command's own file: one
/// that cannot be read never stops the export that rewrites it (a warning
/// says the numbers start again); only what is not a file is refused.
fn previous_state(path: &Path) -> Result<SequenceState> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(SequenceState::default());
    }
    let text = read_text(path, Path::new(FILE_NAME), 1 << 26).map_err(Error::problem)?;
    match parse_sequence(&text) {
        Ok(state) => Ok(state),
        Err(mut p) => {
            p.help = Some(format!(
                "{FILE_NAME} is written again now: every SEQUENCE starts at 0, and calendars take each event as new once"
            ));
            say!("warning: {p}");
            Ok(SequenceState::default())
        }
    }
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
