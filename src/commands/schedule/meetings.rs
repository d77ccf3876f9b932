//! `schedule --meetings`: each pair's or group's meetings from `matches.yaml`,
//! on the program's meeting cadence, at the group's slot (or the best slot the
//! pair shares), with the modality they can all meet in and the link, kept
//! clear of the workshops (a moved meeting says so, on stderr and in its
//! file's `notes`).
//!
//! `matches.yaml` is read tolerantly, as a list of entries under `matches`,
//! `pairs` or `groups` (or at the top): each with `mentor` (absent for
//! peers), `mentees` or `members`, and optionally `slot`, `modality`,
//! `online` and `location`.

use crate::output::say;
use std::path::Path;

use chrono_tz::Tz;

use std::collections::BTreeMap;

use crate::error::{Error, Problem, Result, count};
use crate::model::{Clock, Minutes, Modality, Schedule, Session, SessionKind, Slot};
use crate::schedule::meetings::{
    Cadence, Clash, MeetingGroup, PlannedMeeting, Shift, Workshop, plan_meetings,
};
use crate::schedule::slots::{Availability, DayPart, Side, shared_slot};
use crate::store::{Folder, PROGRAM_FILE};

/// The cadence when `[schedule] meetings` is not set: every other week.
pub(crate) const DEFAULT_CADENCE: &str = "FREQ=WEEKLY;INTERVAL=2";
/// The file `match` writes.
const MATCHES: &str = "matches.yaml";

/// One entry of `matches.yaml`, as much as meetings need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct MatchEntry {
    pub mentor: Option<String>,
    pub mentees: Vec<String>,
    pub slot: Option<String>,
    pub modality: Option<String>,
    pub online: Option<String>,
    pub location: Option<String>,
}

/// The entries of the matches `mentorkit match` wrote.
pub(crate) fn entries(matches: &crate::model::matches::Matches) -> Vec<MatchEntry> {
    matches
        .matches
        .iter()
        .map(|m| MatchEntry {
            mentor: m.mentor.clone(),
            mentees: m.mentees.iter().chain(&m.members).cloned().collect(),
            slot: m.slot.map(|s| s.to_string()),
            ..MatchEntry::default()
        })
        .filter(|m| !m.mentees.is_empty() || m.mentor.is_some())
        .collect()
}

/// The workshops as they will be after the layout: each session file of
/// kind workshop as it is written (edits are kept), and the laid-out ones
/// that have no file yet.
pub(super) fn workshops(
    folder: &Folder,
    schedule: &Schedule,
    laid_out: &[(String, Session)],
) -> Vec<Workshop> {
    let mut all: BTreeMap<&str, &Session> =
        laid_out.iter().map(|(id, s)| (id.as_str(), s)).collect();
    for (id, s) in &folder.sessions {
        if s.kind() == SessionKind::Workshop {
            all.insert(id, s);
        } else {
            all.remove(id.as_str());
        }
    }
    all.into_iter()
        .map(|(id, s)| Workshop {
            id: id.to_owned(),
            title: s.title.clone(),
            date: s.date,
            time: s.time.map(super::clock),
            duration_minutes: s.duration.unwrap_or(schedule.duration).0,
        })
        .collect()
}

/// The meetings of every match, as `(id, session)`, clear of `workshops`.
pub(super) fn plan(
    folder: &Folder,
    schedule: &Schedule,
    zone: Tz,
    workshops: Vec<Workshop>,
) -> Result<Vec<(String, Session)>> {
    let matches = crate::store::load_matches(&folder.root)?.ok_or(Error::Needs {
        noun: "matches",
        file: MATCHES,
        by: Some("--meetings"),
        run: "mentorkit match",
    })?;
    // A stale matches.yaml would lay out meetings of people who left.
    let stale = crate::store::matches_problems(folder);
    if !stale.is_empty() {
        return Err(Error::Invalid(stale));
    }
    let entries = entries(&matches);
    let ends = folder.program.program.ends.ok_or_else(|| {
        Error::problem(
            Problem::file(
                PROGRAM_FILE,
                "[program] has no `ends`; meetings need the program's last day",
            )
            .field("ends"),
        )
    })?;
    let mut groups = Vec::new();
    for entry in &entries {
        if let Some(group) = group(folder, schedule, entry)? {
            groups.push(group);
        }
    }
    let cadence = Cadence {
        rule: schedule
            .meetings
            .clone()
            .unwrap_or_else(|| DEFAULT_CADENCE.to_owned()),
        from: schedule.first,
        ends,
        timezone: zone,
        duration_minutes: schedule.meeting_duration.map_or(60, |m| m.0),
        skip: schedule.skip.clone(),
        starts: DayPart::ALL.map(DayPart::default_start),
        workshops,
    };
    let planned = plan_meetings(&cadence, &groups).map_err(|e| {
        Error::problem(crate::store::problem_at(
            folder,
            Path::new(PROGRAM_FILE),
            "meetings",
            None,
            format!("[schedule] meetings: {e}"),
        ))
    })?;
    say!(
        "{} for {}, {} to {}",
        count(planned.meetings.len(), "meeting", "meetings"),
        count(groups.len(), "match", "matches"),
        cadence.from,
        ends
    );
    let clock = folder.program.program.clock();
    let moved = planned
        .meetings
        .iter()
        .filter(|m| m.clash.is_some())
        .count();
    if moved > 0 {
        eprintln!(
            "{} moved off workshop times:",
            count(moved, "meeting", "meetings")
        );
    }
    for m in &planned.meetings {
        if let Some(note) = moved_note(m, clock) {
            eprintln!("  {}: {note}", m.session.id);
        }
    }
    for n in &planned.not_held {
        eprintln!(
            "warning: {} is not held: it falls on the workshop {} and there is no free time after it or a week later",
            n.id, n.workshop.id
        );
    }
    Ok(planned
        .meetings
        .into_iter()
        .map(|m| {
            let notes = moved_note(&m, clock);
            let s = m.session;
            let session = Session {
                title: s.title,
                kind: Some(SessionKind::Meeting),
                date: s.date,
                time: Some(super::model_time(s.time)),
                duration: Some(Minutes(s.duration_minutes)),
                location: s.location,
                online: s.online,
                modality: m.modality.parse().ok(),
                mentor: m.mentor,
                mentees: m.mentees,
                notes,
                ..Session::default()
            };
            (s.id, session)
        })
        .collect())
}

/// Why a meeting is not at its usual time, in words: `moved from 2:00 PM
/// to 4:30 PM, after the workshop “SMART Goal Setting” (2:00 PM–4:30 PM)`.
fn moved_note(m: &PlannedMeeting, clock: Clock) -> Option<String> {
    let Clash { workshop, shift } = m.clash.as_ref()?;
    let at = |t: chrono::NaiveTime| {
        use chrono::Timelike;
        clock.format(t.hour() as u8, t.minute() as u8)
    };
    let when = match workshop.time {
        Some(t) => {
            let end = t + chrono::Duration::minutes(i64::from(workshop.duration_minutes));
            format!("{}–{}", at(t), at(end))
        }
        None => "all day".to_owned(),
    };
    let moved = match shift {
        Shift::After { was } => format!(
            "moved from {} to {}, after the workshop",
            at(*was),
            at(m.session.time)
        ),
        Shift::NextWeek { was } => format!(
            "moved from {was} to {} (a week later), clear of the workshop",
            m.session.date
        ),
    };
    Some(format!("{moved} “{}” ({when})", workshop.title))
}

/// One match as a meeting group; `None` (with a warning) when it has no slot.
fn group(folder: &Folder, schedule: &Schedule, entry: &MatchEntry) -> Result<Option<MeetingGroup>> {
    let mut members: Vec<&String> = entry.mentor.iter().chain(&entry.mentees).collect();
    members.dedup();
    let mut people = Vec::new();
    let mut names = Vec::new();
    for id in &members {
        let p = folder.participants.get(*id).ok_or_else(|| {
            Error::problem(
                Problem::file(MATCHES, format!("`{id}` is not a participant"))
                    .help("the folder changed since matching; run `mentorkit match` again"),
            )
        })?;
        names.push(p.name.clone());
        people.push((
            p,
            Availability {
                id: (*id).clone(),
                side: if entry.mentor.as_ref() == Some(*id) {
                    Side::Mentor
                } else {
                    Side::Mentee
                },
                slots: p.availability.clone(),
            },
        ));
    }
    let key = members.first().map(|s| (*s).clone()).unwrap_or_default();
    let availability: Vec<Availability> = people.iter().map(|(_, a)| a.clone()).collect();
    let slot = match &entry.slot {
        Some(text) => Some(
            text.parse::<Slot>()
                .map_err(|e| Error::problem(Problem::file(MATCHES, e).field("slot")))?,
        ),
        None => shared_slot(&availability),
    };
    let Some(slot) = slot else {
        say!(
            "warning: {} share no weekly slot; no meetings laid out for them",
            names.join(", ")
        );
        return Ok(None);
    };
    let modality = match &entry.modality {
        Some(m) => m.clone(),
        None => common_modality(people.iter().map(|(p, _)| p.modality())).to_string(),
    };
    let online = entry.online.clone().or_else(|| {
        (modality != Modality::InPerson.as_str())
            .then(|| schedule.online.clone())
            .flatten()
    });
    let mentor_branch = entry
        .mentor
        .as_ref()
        .and_then(|m| folder.participants.get(m))
        .and_then(|p| p.branch.clone());
    let location = entry.location.clone().or_else(|| {
        (modality != Modality::Virtual.as_str())
            .then_some(mentor_branch)
            .flatten()
    });
    let title = match names.split_first() {
        Some((first, rest)) if !rest.is_empty() && entry.mentor.is_some() => {
            format!("Mentoring: {first} with {}", rest.join(", "))
        }
        _ => format!("Mentoring: {}", names.join(", ")),
    };
    Ok(Some(MeetingGroup {
        key,
        title,
        mentor: entry.mentor.clone(),
        mentees: entry.mentees.clone(),
        slot,
        modality,
        location,
        online,
    }))
}

/// How a group meets: the one modality all share; otherwise hybrid.
fn common_modality(all: impl Iterator<Item = Modality>) -> Modality {
    let all: Vec<Modality> = all.collect();
    match all.first() {
        Some(first) if all.iter().all(|m| m == first) => *first,
        _ => Modality::Hybrid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modality_in_common() {
        use Modality::*;
        assert_eq!(common_modality([Virtual, Virtual].into_iter()), Virtual);
        assert_eq!(common_modality([Virtual, InPerson].into_iter()), Hybrid);
        assert_eq!(common_modality(std::iter::empty()), Hybrid);
    }
}
