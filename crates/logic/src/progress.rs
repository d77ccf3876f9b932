//! Where each mentee stands on a given day: attendance, deliverables done of
//! those due, SMART goals by status, the latest survey, and who is at risk
//! and why, in words. Pure: model values in, rows out; "today" is an input.
//!
//! The rules, as the README documents them:
//! - A session counts once its date has come (`date <= as_of`) and someone
//!   recorded its attendance (anyone under attendance, absent or excused);
//!   a past session with nothing recorded is left out rather than counted
//!   as missed.
//! - Attendance is over workshops: attended of held, excused apart (an
//!   excused workshop still counts as held; the rate is attended / held, the
//!   share `[completion] min_attendance` is compared with).
//! - A deliverable named by a `[[curriculum]]` entry is due once that entry's
//!   workshop has been held: the workshop with the entry's title, or else the
//!   entry's place in the date order of the workshops. A deliverable named
//!   only in `[completion] deliverables` (or only in the person's own file)
//!   is due when the program has ended.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::values::fold;
use crate::model::{GoalStatus, Participant, ProgramFile, Session, SessionKind};

/// One mentee's progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressRow {
    pub id: String,
    pub name: String,
    pub attendance: Attendance,
    pub deliverables: Deliverables,
    pub goals: GoalCounts,
    /// The most recent survey the person answered.
    pub latest_survey: Option<SurveySummary>,
    /// The last meeting (kind: meeting) the person attended.
    pub last_meeting: Option<NaiveDate>,
    /// The day the person left the library, when it has passed: no risk
    /// flags are raised for them after that.
    pub left: Option<NaiveDate>,
    pub at_risk: bool,
    pub flags: Vec<Flag>,
}

/// Workshops attended of those held, excused apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Attendance {
    pub attended: u32,
    pub excused: u32,
    /// Held, expected, and neither attended nor excused.
    pub missed: u32,
    pub held: u32,
    /// attended / held; `None` before the first workshop.
    pub rate: Option<f64>,
}

/// SMART goals by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct GoalCounts {
    pub not_started: u32,
    pub in_progress: u32,
    pub done: u32,
    pub dropped: u32,
}

impl GoalCounts {
    /// All goals.
    pub fn total(&self) -> u32 {
        self.not_started + self.in_progress + self.done + self.dropped
    }
}

/// A survey's name, how many questions were answered and their mean.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveySummary {
    pub name: String,
    pub answered: u32,
    pub mean: Option<f64>,
}

/// Why a mentee is at risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// `missed-in-a-row`, `goal-overdue` or `no-meeting`.
    pub kind: &'static str,
    /// The reason in words.
    pub text: String,
}

/// What every row is computed against.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub program: &'a ProgramFile,
    pub sessions: &'a BTreeMap<String, Session>,
    pub as_of: NaiveDate,
}

/// One row per mentee given (in the order given).
pub fn rows<'a>(
    ctx: &Context<'_>,
    mentees: impl IntoIterator<Item = (&'a str, &'a Participant)>,
) -> Vec<ProgressRow> {
    let due = due_deliverables(ctx.program, ctx.sessions, ctx.as_of);
    let window = meeting_window(ctx);
    let register = Register::new(ctx.sessions, ctx.as_of);
    mentees
        .into_iter()
        .map(|(id, p)| row(ctx, &register, &due, window.as_ref(), id, p))
        .collect()
}

fn row(
    ctx: &Context<'_>,
    register: &Register<'_>,
    due: &Due,
    window: Option<&MeetingWindow>,
    id: &str,
    p: &Participant,
) -> ProgressRow {
    let attendance = register.attendance(id);
    let last_meeting = register.last_meeting(id);
    let left = p
        .outcome
        .as_ref()
        .and_then(|o| o.left)
        .filter(|&d| d <= ctx.as_of);
    let mut flags = Vec::new();
    if left.is_none() {
        flags.extend(missed_in_a_row(&register.missed_run(id)));
        flags.extend(overdue_goals(p, ctx.as_of));
        flags.extend(window.and_then(|w| no_meeting(w, last_meeting)));
    }
    ProgressRow {
        id: id.to_string(),
        name: p.name.clone(),
        attendance,
        deliverables: deliverables(p, due),
        goals: goal_counts(p),
        latest_survey: latest_survey(p),
        last_meeting,
        left,
        at_risk: !flags.is_empty(),
        flags,
    }
}

/// Whether anything was recorded for a session: someone attended, was absent
/// or excused.
pub fn recorded(s: &Session) -> bool {
    !(s.attendance.is_empty() && s.absent.is_empty() && s.excused.is_empty())
}

/// The sessions held by `as_of` with attendance recorded, in date order (id
/// order within a day).
pub fn held(sessions: &BTreeMap<String, Session>, as_of: NaiveDate) -> Vec<(&str, &Session)> {
    let mut v: Vec<(&str, &Session)> = sessions
        .iter()
        .filter(|(_, s)| s.date <= as_of && recorded(s))
        .map(|(id, s)| (id.as_str(), s))
        .collect();
    v.sort_by(|a, b| (a.1.date, a.0).cmp(&(b.1.date, b.0)));
    v
}

/// Workshop attendance of `id` up to `as_of` (for many people, build one
/// [`Register`] and ask it).
pub fn attendance(id: &str, sessions: &BTreeMap<String, Session>, as_of: NaiveDate) -> Attendance {
    Register::new(sessions, as_of).attendance(id)
}

/// A flag for a trailing run of two or more missed sessions (dates latest first).
fn missed_in_a_row(run: &[NaiveDate]) -> Option<Flag> {
    let first = *run.last()?;
    (run.len() >= 2).then(|| Flag {
        kind: "missed-in-a-row",
        text: format!(
            "missed the last {} sessions in a row (since {first})",
            run.len()
        ),
    })
}

fn overdue_goals(p: &Participant, as_of: NaiveDate) -> Vec<Flag> {
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
fn no_meeting(window: &MeetingWindow, last: Option<NaiveDate>) -> Option<Flag> {
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
struct MeetingWindow {
    from: NaiveDate,
    rule: String,
}

/// Whether `[schedule] meetings` asks for meetings and a period has closed,
/// but no meeting's attendance is recorded anywhere in the folder: then no
/// one is flagged for it (the program does not track meetings here yet).
pub fn meetings_untracked(ctx: &Context<'_>) -> bool {
    closed_period(ctx).is_some() && !meetings_recorded(ctx)
}

fn meetings_recorded(ctx: &Context<'_>) -> bool {
    ctx.sessions
        .values()
        .any(|s| s.kind() == SessionKind::Meeting && s.date <= ctx.as_of && recorded(s))
}

fn meeting_window(ctx: &Context<'_>) -> Option<MeetingWindow> {
    closed_period(ctx).filter(|_| meetings_recorded(ctx))
}

fn closed_period(ctx: &Context<'_>) -> Option<MeetingWindow> {
    let schedule = ctx.program.schedule.as_ref()?;
    let rule = schedule.meetings.as_deref()?;
    let cap = match ctx.program.program.ends {
        Some(end) => ctx.as_of.min(end),
        None => ctx.as_of,
    };
    let dates = occurrences(rule, schedule.first, &ctx.program.program.timezone, cap);
    let [.., from, _closed] = dates.as_slice() else {
        return None;
    };
    Some(MeetingWindow {
        from: *from,
        rule: rule.trim().to_string(),
    })
}

/// The dates of a recurrence rule from `first` up to `until`, inclusive.
/// A rule that does not parse gives none (`check` reports it).
pub fn occurrences(rule: &str, first: NaiveDate, zone: &str, until: NaiveDate) -> Vec<NaiveDate> {
    let tz = zone.parse::<chrono_tz::Tz>().unwrap_or(chrono_tz::UTC);
    let text = rule.trim().trim_start_matches("RRULE:");
    if text.contains('\n') || until < first {
        return Vec::new();
    }
    let spec = format!(
        "DTSTART;TZID={}:{}T000000\nRRULE:{}",
        tz.name(),
        first.format("%Y%m%d"),
        text
    );
    let Ok(set) = spec.parse::<rrule::RRuleSet>() else {
        return Vec::new();
    };
    let Some(end) = until
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|d| d.and_local_timezone(rrule::Tz::Tz(tz)).earliest())
    else {
        return Vec::new();
    };
    set.before(end)
        .all(u16::MAX)
        .dates
        .into_iter()
        .map(|d| d.date_naive())
        .filter(|&d| d <= until)
        .collect()
}

fn goal_counts(p: &Participant) -> GoalCounts {
    let mut c = GoalCounts::default();
    for g in &p.smart_goals {
        match g.status() {
            GoalStatus::NotStarted => c.not_started += 1,
            GoalStatus::InProgress => c.in_progress += 1,
            GoalStatus::Done => c.done += 1,
            GoalStatus::Dropped => c.dropped += 1,
        }
    }
    c
}

/// The order surveys are taken in: `pre` first, `post` last, any other name
/// between them, alphabetically.
pub fn survey_rank(name: &str) -> (u8, String) {
    match fold(name).as_str() {
        "pre" => (0, String::new()),
        "post" => (2, String::new()),
        other => (1, other.to_string()),
    }
}

fn latest_survey(p: &Participant) -> Option<SurveySummary> {
    let (name, answers) = p
        .surveys
        .iter()
        .filter(|(_, a)| !a.is_empty())
        .max_by_key(|(n, _)| survey_rank(n))?;
    let answered = answers.len() as u32;
    let sum: u32 = answers.values().map(|&v| u32::from(v)).sum();
    Some(SurveySummary {
        name: name.clone(),
        answered,
        mean: (answered > 0).then(|| f64::from(sum) / f64::from(answered)),
    })
}

mod deliverables;
mod register;

pub use crate::model::outcome_rules::{OutcomeIssue, outcome_issues};
pub use deliverables::{
    Deliverables, Due, curriculum_dates, deliverables, due_deliverables, meets_completion_rule,
    program_deliverables, program_ended,
};
pub use register::{Mark, Register};

#[cfg(test)]
mod tests;
