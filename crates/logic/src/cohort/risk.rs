//! Who is at risk and why, in words: a run of missed sessions, attendance
//! below what the `[completion]` rule asks for, a SMART goal past its target,
//! no meeting with their mentor in the last closed period of `[schedule]
//! meetings`. No flags are raised for someone after the day they left.

use chrono::NaiveDate;
use serde::Serialize;

use super::register::{Attendance, Register};
use crate::model::recurrence;
use crate::model::{GoalStatus, Participant, ProgramFile};

/// Why a mentee is at risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// `missed-in-a-row`, `low-attendance`, `goal-overdue` or `no-meeting`.
    pub kind: &'static str,
    /// The reason in words.
    pub text: String,
}

/// The flags of one person.
pub(super) fn flags(
    p: &Participant,
    attendance: &Attendance,
    missed_run: &[NaiveDate],
    last_meeting: Option<NaiveDate>,
    program: &ProgramFile,
    window: Option<&MeetingWindow>,
    as_of: NaiveDate,
) -> Vec<Flag> {
    let mut flags = Vec::new();
    flags.extend(missed_in_a_row(missed_run));
    flags.extend(low_attendance(
        attendance,
        program.completion.min_attendance,
    ));
    flags.extend(overdue_goals(p, as_of));
    flags.extend(window.and_then(|w| no_meeting(w, last_meeting)));
    flags
}

/// A flag for a trailing run of two or more missed sessions (dates latest first).
pub(super) fn missed_in_a_row(run: &[NaiveDate]) -> Option<Flag> {
    let first = *run.last()?;
    (run.len() >= 2).then(|| Flag {
        kind: "missed-in-a-row",
        text: format!(
            "missed the last {} sessions in a row (since {first})",
            run.len()
        ),
    })
}

/// Attendance so far below the share the completion rule asks for.
pub(super) fn low_attendance(a: &Attendance, min: f64) -> Option<Flag> {
    let rate = a.rate?;
    (rate + 1e-9 < min).then(|| Flag {
        kind: "low-attendance",
        text: format!(
            "attended {} of {} workshops ({}), below the {} the [completion] rule asks for",
            a.attended,
            a.held,
            percent(rate),
            percent(min)
        ),
    })
}

fn percent(x: f64) -> String {
    format!("{:.0}%", (x * 100.0).round())
}

pub(super) fn overdue_goals(p: &Participant, as_of: NaiveDate) -> Vec<Flag> {
    p.smart_goals
        .iter()
        .enumerate()
        .filter_map(|(i, g)| {
            let target = g.target?;
            let open = !matches!(g.status(), GoalStatus::Done | GoalStatus::Dropped);
            (open && target < as_of).then(|| Flag {
                kind: "goal-overdue",
                text: format!(
                    "goal {} \"{}\" was due {target} and is {}",
                    i + 1,
                    g.goal.trim(),
                    g.status()
                ),
            })
        })
        .collect()
}

/// The `[schedule] meetings` rule asks for a meeting in every period between
/// two of its dates. Once a period has closed (its end is on or before
/// `as_of`, and within the program), a mentee with no meeting attended from
/// that period's start to `as_of` is flagged.
pub(super) fn no_meeting(window: &MeetingWindow, last: Option<NaiveDate>) -> Option<Flag> {
    let MeetingWindow { from, rule } = window;
    if last.is_some_and(|d| d >= *from) {
        return None;
    }
    let last = match last {
        Some(d) => format!("last met {d}"),
        None => "no meeting recorded yet".to_string(),
    };
    Some(Flag {
        kind: "no-meeting",
        text: format!(
            "no meeting with their mentor since {from} ({last}; [schedule] meetings = \"{rule}\")"
        ),
    })
}

/// The start of the last closed period of `[schedule] meetings`, from which
/// a meeting is expected; the same for every mentee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingWindow {
    pub from: NaiveDate,
    pub rule: String,
}

/// Whether meetings are asked for and a period has closed, whatever is recorded.
pub(super) fn closed_period(program: &ProgramFile, as_of: NaiveDate) -> Option<MeetingWindow> {
    let schedule = program.schedule.as_ref()?;
    let rule = schedule.meetings.as_deref()?;
    let cap = match program.program.ends {
        Some(end) => as_of.min(end),
        None => as_of,
    };
    let zone = recurrence::zone(&program.program.timezone);
    let dates = recurrence::dates_until(rule, schedule.first, zone, cap, u16::MAX);
    let [.., from, _closed] = dates.as_slice() else {
        return None;
    };
    Some(MeetingWindow {
        from: *from,
        rule: rule.trim().to_string(),
    })
}

/// The window to flag against: a closed period, when some meeting's
/// attendance is recorded (else the program does not track meetings here).
pub(super) fn meeting_window(
    program: &ProgramFile,
    register: &Register<'_>,
    as_of: NaiveDate,
) -> Option<MeetingWindow> {
    closed_period(program, as_of).filter(|_| register.meetings_recorded())
}
