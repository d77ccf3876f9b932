//! Pair and group meetings: each match meets on its own cadence at its weekly
//! slot, from the program's first date to its last, with its modality and link.
//! Closures cancel a meeting rather than move it: meetings carry no curriculum,
//! and the next date already has one. Meetings keep clear of the workshops:
//! one that would overlap a workshop starts when the workshop ends, if it
//! still fits in its part of the day, else a week later, else it is not held
//! (see `clear_of_workshops`).

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;

use super::slots::{DayPart, Slot, weekday};
use super::{PlannedSession, Recurrence, ScheduleError, expand, session_id};

/// How often matches meet: one rule for all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cadence {
    /// An RRULE without BYDAY, e.g. `FREQ=WEEKLY;INTERVAL=2`; the slot's
    /// weekday is added (for MONTHLY: the first such weekday of the month).
    pub rule: String,
    pub from: NaiveDate,
    pub ends: NaiveDate,
    pub timezone: Tz,
    pub duration_minutes: u32,
    /// Closures: no meeting on these dates.
    pub skip: Vec<NaiveDate>,
    /// Start times of `am`, `pm` and `eve`.
    pub starts: [NaiveTime; 3],
    /// The workshops, whose times meetings keep clear of.
    pub workshops: Vec<Workshop>,
}

impl Cadence {
    pub fn start_of(&self, part: DayPart) -> NaiveTime {
        self.starts[part as usize]
    }
}

/// A workshop's place in the calendar, which meetings keep clear of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workshop {
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
    /// `None`: the workshop has no time, and takes the whole day.
    pub time: Option<NaiveTime>,
    pub duration_minutes: u32,
}

impl Workshop {
    /// Minutes from midnight when it starts and ends (the whole day when it
    /// has no time).
    fn span(&self) -> (u32, u32) {
        match self.time {
            Some(t) => {
                let start = minutes_of(t);
                (start, start + self.duration_minutes)
            }
            None => (0, DAY_MINUTES),
        }
    }

    /// Whether a meeting on `date` from `start` for `minutes` overlaps it.
    fn overlaps(&self, date: NaiveDate, start: u32, minutes: u32) -> bool {
        let (a, b) = self.span();
        self.date == date && start < b && a < start + minutes.max(1)
    }
}

/// Minutes in a day.
const DAY_MINUTES: u32 = 24 * 60;

/// Minutes from midnight.
fn minutes_of(t: NaiveTime) -> u32 {
    use chrono::Timelike;
    t.hour() * 60 + t.minute()
}

/// The time `minutes` after midnight.
fn time_of(minutes: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).unwrap_or(NaiveTime::MIN)
}

/// How a meeting was moved off a workshop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shift {
    /// The same day, starting when the workshop ends; `was` the time it had.
    After { was: NaiveTime },
    /// A week later, at its time; `was` the date it had.
    NextWeek { was: NaiveDate },
}

/// A meeting moved so as not to overlap a workshop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub workshop: Workshop,
    pub shift: Shift,
}

/// A meeting that overlapped a workshop and found no free time to move to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotHeld {
    /// The id the meeting would have had.
    pub id: String,
    pub workshop: Workshop,
}

/// The meetings of every group, and those left out for a workshop.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MeetingPlan {
    /// Sorted by date then id.
    pub meetings: Vec<PlannedMeeting>,
    pub not_held: Vec<NotHeld>,
}

/// One pair or group, as `matches.yaml` has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingGroup {
    /// Names the meetings: the mentor's id, or the first member's for peers.
    pub key: String,
    pub title: String,
    pub mentor: Option<String>,
    pub mentees: Vec<String>,
    pub slot: Slot,
    /// `in-person`, `virtual` or `hybrid`.
    pub modality: String,
    pub location: Option<String>,
    pub online: Option<String>,
}

/// A meeting with its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedMeeting {
    pub session: PlannedSession,
    pub mentor: Option<String>,
    pub mentees: Vec<String>,
    pub modality: String,
    /// Set when the meeting was moved off a workshop.
    pub clash: Option<Clash>,
}

/// The rule of `cadence` pinned to `day`.
pub fn rule_for_day(rule: &str, day: Weekday) -> String {
    let rule = rule.trim();
    let rule = rule.strip_prefix("RRULE:").unwrap_or(rule);
    let upper = rule.to_ascii_uppercase();
    if upper.contains("BYDAY=") {
        return rule.to_owned();
    }
    let code = &day.to_string().to_ascii_uppercase()[..2];
    if upper.contains("FREQ=MONTHLY") || upper.contains("FREQ=YEARLY") {
        format!("{rule};BYDAY=1{code}")
    } else {
        format!("{rule};BYDAY={code}")
    }
}

/// Every meeting of every group, sorted by date then id, kept clear of
/// the workshops.
pub fn plan_meetings(
    cadence: &Cadence,
    groups: &[MeetingGroup],
) -> Result<MeetingPlan, ScheduleError> {
    let skip: BTreeSet<NaiveDate> = cadence.skip.iter().copied().collect();
    let mut plan = MeetingPlan::default();
    for group in groups {
        let day = weekday(group.slot);
        let part = DayPart::of(group.slot);
        let first = next_weekday(cadence.from, day);
        let recurrence = Recurrence {
            first,
            rule: rule_for_day(&cadence.rule, day),
            time: cadence.start_of(part),
            timezone: cadence.timezone,
            skip: Vec::new(),
            ends: Some(cadence.ends),
        };
        let dates: Vec<NaiveDate> = expand(&recurrence, 0)?
            .dates
            .into_iter()
            .filter(|d| *d <= cadence.ends && !skip.contains(d))
            .collect();
        let taken: BTreeSet<NaiveDate> = dates.iter().copied().collect();
        let mut number = 0;
        for date in dates {
            let wanted = Wanted {
                date,
                start: minutes_of(recurrence.time),
                minutes: cadence.duration_minutes,
                part_ends: part_end(part),
            };
            let (date, time, clash) = match clear_of_workshops(cadence, &skip, &taken, wanted) {
                Ok(placed) => placed,
                Err(workshop) => {
                    plan.not_held.push(NotHeld {
                        id: session_id(date, &format!("meeting {}", group.key)),
                        workshop,
                    });
                    continue;
                }
            };
            number += 1;
            plan.meetings.push(PlannedMeeting {
                session: PlannedSession {
                    id: session_id(date, &format!("meeting {}", group.key)),
                    number,
                    title: group.title.clone(),
                    date,
                    time,
                    duration_minutes: cadence.duration_minutes,
                    location: group.location.clone(),
                    online: group.online.clone(),
                    topics: Vec::new(),
                    activities: Vec::new(),
                    speakers: Vec::new(),
                    facilitator: None,
                },
                mentor: group.mentor.clone(),
                mentees: group.mentees.clone(),
                modality: group.modality.clone(),
                clash,
            });
        }
    }
    plan.meetings
        .sort_by(|a, b| a.session.id.cmp(&b.session.id));
    plan.not_held.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(plan)
}

/// A meeting's wanted place: its date, start and length in minutes, and the
/// minute its part of the day ends.
#[derive(Debug, Clone, Copy)]
struct Wanted {
    date: NaiveDate,
    start: u32,
    minutes: u32,
    part_ends: u32,
}

/// When a part of the day ends, in minutes from midnight: a meeting moved
/// after a workshop must end by then (noon, 6 pm, 10 pm).
fn part_end(part: DayPart) -> u32 {
    match part {
        DayPart::Am => 12 * 60,
        DayPart::Pm => 18 * 60,
        DayPart::Eve => 22 * 60,
    }
}

/// Where a meeting goes so as not to overlap a workshop: where it is when
/// nothing overlaps; else the same day from the end of the workshop, if it
/// ends by the end of its part of the day and overlaps nothing there; else
/// a week later at its time, if that day is in the program, not a closure,
/// not already one of the group's meetings, and free. `Err`: the workshop
/// that leaves it no room.
fn clear_of_workshops(
    cadence: &Cadence,
    skip: &BTreeSet<NaiveDate>,
    taken: &BTreeSet<NaiveDate>,
    w: Wanted,
) -> Result<(NaiveDate, NaiveTime, Option<Clash>), Workshop> {
    let first_overlap = |date: NaiveDate, start: u32| {
        cadence
            .workshops
            .iter()
            .find(|ws| ws.overlaps(date, start, w.minutes))
    };
    let Some(workshop) = first_overlap(w.date, w.start) else {
        return Ok((w.date, time_of(w.start), None));
    };
    // Later the same day: past every workshop it would run into.
    let mut start = w.start;
    while let Some(ws) = first_overlap(w.date, start) {
        start = ws.span().1;
    }
    if start + w.minutes <= w.part_ends {
        let shift = Shift::After {
            was: time_of(w.start),
        };
        let clash = Clash {
            workshop: workshop.clone(),
            shift,
        };
        return Ok((w.date, time_of(start), Some(clash)));
    }
    let later = w.date + chrono::Days::new(7);
    let free = later <= cadence.ends
        && !skip.contains(&later)
        && !taken.contains(&later)
        && first_overlap(later, w.start).is_none();
    if free {
        let clash = Clash {
            workshop: workshop.clone(),
            shift: Shift::NextWeek { was: w.date },
        };
        return Ok((later, time_of(w.start), Some(clash)));
    }
    Err(workshop.clone())
}

/// `from` itself if it is a `day`, else the next `day` after it.
fn next_weekday(from: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (7 + day.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from + chrono::Days::new(u64::from(ahead))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn cadence(rule: &str) -> Cadence {
        Cadence {
            rule: rule.to_owned(),
            from: date("2016-01-01"),
            ends: date("2016-02-29"),
            timezone: chrono_tz::America::Chicago,
            duration_minutes: 60,
            skip: vec![date("2016-01-19")],
            starts: DayPart::ALL.map(DayPart::default_start),
            workshops: Vec::new(),
        }
    }

    fn workshop(day: &str, time: Option<&str>, minutes: u32) -> Workshop {
        Workshop {
            id: format!("{day}-w"),
            title: "W".to_owned(),
            date: date(day),
            time: time.map(|t| t.parse().unwrap()),
            duration_minutes: minutes,
        }
    }

    fn group(key: &str, slot: &str) -> MeetingGroup {
        MeetingGroup {
            key: key.to_owned(),
            title: format!("Mentoring: {key}"),
            mentor: Some(key.to_owned()),
            mentees: vec!["m1".to_owned()],
            slot: slot.parse().unwrap(),
            modality: "virtual".to_owned(),
            location: None,
            online: Some("https://meet.example.org/x".to_owned()),
        }
    }

    #[test]
    fn the_slot_day_is_added_to_the_rule() {
        assert_eq!(
            rule_for_day("FREQ=WEEKLY;INTERVAL=2", Weekday::Tue),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
        );
        assert_eq!(
            rule_for_day("RRULE:FREQ=MONTHLY", Weekday::Thu),
            "FREQ=MONTHLY;BYDAY=1TH"
        );
        assert_eq!(
            rule_for_day("FREQ=MONTHLY;BYDAY=3WE", Weekday::Thu),
            "FREQ=MONTHLY;BYDAY=3WE"
        );
    }

    #[test]
    fn next_weekday_counts_from_the_day_itself() {
        assert_eq!(
            next_weekday(date("2016-01-01"), Weekday::Fri),
            date("2016-01-01")
        );
        assert_eq!(
            next_weekday(date("2016-01-01"), Weekday::Tue),
            date("2016-01-05")
        );
        assert_eq!(
            next_weekday(date("2016-01-01"), Weekday::Thu),
            date("2016-01-07")
        );
    }

    #[test]
    fn fortnightly_meetings_at_the_slot_skip_closures() {
        let meetings = plan_meetings(
            &cadence("FREQ=WEEKLY;INTERVAL=2"),
            &[group("cy", "tue-eve")],
        )
        .unwrap()
        .meetings;
        let dates: Vec<String> = meetings
            .iter()
            .map(|m| m.session.date.to_string())
            .collect();
        // 2016-01-19 is a closure: that meeting is not held.
        assert_eq!(dates, ["2016-01-05", "2016-02-02", "2016-02-16"]);
        let first = &meetings[0];
        assert_eq!(first.session.id, "2016-01-05-meeting-cy");
        assert_eq!(first.session.time.to_string(), "18:00:00");
        assert_eq!(first.session.number, 1);
        assert_eq!(first.modality, "virtual");
    }

    #[test]
    fn monthly_meetings_take_the_first_weekday() {
        let meetings = plan_meetings(&cadence("FREQ=MONTHLY"), &[group("di", "thu-am")])
            .unwrap()
            .meetings;
        let dates: Vec<String> = meetings
            .iter()
            .map(|m| m.session.date.to_string())
            .collect();
        assert_eq!(dates, ["2016-01-07", "2016-02-04"]);
    }

    #[test]
    fn groups_interleave_by_date() {
        let meetings = plan_meetings(
            &cadence("FREQ=MONTHLY"),
            &[group("zed", "mon-am"), group("amy", "fri-pm")],
        )
        .unwrap()
        .meetings;
        let ids: Vec<&str> = meetings.iter().map(|m| m.session.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "2016-01-01-meeting-amy",
                "2016-01-04-meeting-zed",
                "2016-02-01-meeting-zed",
                "2016-02-05-meeting-amy"
            ]
        );
    }

    #[test]
    fn a_meeting_on_a_workshop_moves_after_it_or_a_week_on() {
        let mut c = cadence("FREQ=WEEKLY;INTERVAL=2");
        c.workshops = vec![
            // 14:00–16:30: the pm meeting starts at 16:30 instead.
            workshop("2016-01-05", Some("14:00"), 150),
            // 13:00–17:30: no room after it by 18:00; a week later.
            workshop("2016-02-02", Some("13:00"), 270),
            // Ends before the meeting starts: no clash.
            workshop("2016-02-16", Some("12:00"), 120),
        ];
        let plan = plan_meetings(&c, &[group("cy", "tue-pm")]).unwrap();
        let placed: Vec<(String, String)> = plan
            .meetings
            .iter()
            .map(|m| (m.session.date.to_string(), m.session.time.to_string()))
            .collect();
        let at = |d: &str, t: &str| (d.to_string(), t.to_string());
        assert_eq!(
            placed,
            [
                at("2016-01-05", "16:30:00"),
                at("2016-02-09", "14:00:00"),
                at("2016-02-16", "14:00:00")
            ]
        );
        assert_eq!(
            plan.meetings[0].clash.as_ref().map(|c| &c.shift),
            Some(&Shift::After {
                was: "14:00:00".parse().unwrap()
            })
        );
        assert_eq!(
            plan.meetings[1].clash.as_ref().map(|c| &c.shift),
            Some(&Shift::NextWeek {
                was: date("2016-02-02")
            })
        );
        assert_eq!(plan.meetings[1].session.id, "2016-02-09-meeting-cy");
        assert!(plan.meetings[2].clash.is_none());
        assert!(plan.not_held.is_empty());
    }

    #[test]
    fn a_meeting_with_no_free_time_is_not_held() {
        // Weekly: a week later is the group's next meeting; an all-day
        // workshop leaves no time after it.
        let mut c = cadence("FREQ=WEEKLY");
        c.workshops = vec![workshop("2016-01-12", None, 0)];
        let plan = plan_meetings(&c, &[group("cy", "tue-am")]).unwrap();
        assert_eq!(plan.not_held.len(), 1);
        assert_eq!(plan.not_held[0].id, "2016-01-12-meeting-cy");
        assert!(
            plan.meetings
                .iter()
                .all(|m| m.session.date != date("2016-01-12"))
        );
        let numbers: Vec<usize> = plan.meetings.iter().map(|m| m.session.number).collect();
        assert_eq!(numbers, (1..=plan.meetings.len()).collect::<Vec<_>>());
    }
}
