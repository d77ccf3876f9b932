//! Pair and group meetings: each match meets on its own cadence at its weekly
//! slot, from the program's first date to its last, with its modality and link.
//! Closures cancel a meeting rather than move it: meetings carry no curriculum,
//! and the next date already has one.

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
}

impl Cadence {
    pub fn start_of(&self, part: DayPart) -> NaiveTime {
        self.starts[part as usize]
    }
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

/// Every meeting of every group, sorted by date then id.
pub fn plan_meetings(
    cadence: &Cadence,
    groups: &[MeetingGroup],
) -> Result<Vec<PlannedMeeting>, ScheduleError> {
    let skip: BTreeSet<NaiveDate> = cadence.skip.iter().copied().collect();
    let mut out = Vec::new();
    for group in groups {
        let day = weekday(group.slot);
        let first = next_weekday(cadence.from, day);
        let recurrence = Recurrence {
            first,
            rule: rule_for_day(&cadence.rule, day),
            time: cadence.start_of(DayPart::of(group.slot)),
            timezone: cadence.timezone,
            skip: Vec::new(),
            ends: Some(cadence.ends),
        };
        let dates = expand(&recurrence, 0)?.dates;
        let held = dates
            .into_iter()
            .filter(|d| *d <= cadence.ends && !skip.contains(d));
        for (index, date) in held.enumerate() {
            out.push(PlannedMeeting {
                session: PlannedSession {
                    id: session_id(date, &format!("meeting {}", group.key)),
                    number: index + 1,
                    title: group.title.clone(),
                    date,
                    time: recurrence.time,
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
            });
        }
    }
    out.sort_by(|a, b| a.session.id.cmp(&b.session.id));
    Ok(out)
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
        .unwrap();
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
        let meetings = plan_meetings(&cadence("FREQ=MONTHLY"), &[group("di", "thu-am")]).unwrap();
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
        .unwrap();
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
}
