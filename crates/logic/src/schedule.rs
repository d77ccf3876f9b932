//! The workshop calendar as pure values: the `[schedule]` RRULE expanded in the
//! program's time zone, closures moved to the next date of the rule, and the
//! curriculum handed out date by date. No file system here; see
//! `commands::schedule` for the glue.
//!
//! How closures and `ends` meet: a closure moves its workshop, it does not
//! cancel it. The program keeps as many workshops as the rule has dates from
//! `first` up to `ends` (closures included), so when closures push the last
//! workshops past `ends` they are still held on the following dates of the rule,
//! and each such workshop is reported with [`PlanNote::PastEnds`]. A coordinator
//! who would rather drop them shortens the curriculum.

mod ids;
pub mod meetings;
mod notes;
pub mod slots;

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;
use rrule::RRuleSet;

use ids::unique_id;
pub use ids::{session_id, slug};
pub use notes::{PlanEnd, PlanNote};

/// The most dates of a rule looked at before giving up: twenty years of weekly
/// meetings. A rule with no end and no curriculum to stop it hits this.
pub const MAX_DATES: usize = 1040;

/// When and how often: the recurrence part of `[schedule]`, with the program's
/// zone and last day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    /// The first date; also the rule's DTSTART.
    pub first: NaiveDate,
    /// An RFC 5545 RRULE, with or without the `RRULE:` prefix.
    pub rule: String,
    /// Local start time in `timezone`.
    pub time: NaiveTime,
    /// The program's IANA time zone.
    pub timezone: Tz,
    /// Closures: a workshop that falls on one moves to the next date of the rule.
    pub skip: Vec<NaiveDate>,
    /// The program's last day, if it has one.
    pub ends: Option<NaiveDate>,
}

/// What every workshop shares unless its curriculum entry says otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkshopDefaults {
    pub duration_minutes: u32,
    pub location: Option<String>,
    pub online: Option<String>,
}

/// One `[[curriculum]]` entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CurriculumItem {
    pub title: String,
    pub topics: Vec<String>,
    pub activities: Vec<String>,
    pub speakers: Vec<String>,
    pub facilitator: Option<String>,
}

/// A workshop with its date: what `schedule` writes to `sessions/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedSession {
    /// `YYYY-MM-DD-<slug of the title>`: sorts by date.
    pub id: String,
    /// 1-based place in the curriculum.
    pub number: usize,
    pub title: String,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub duration_minutes: u32,
    pub location: Option<String>,
    pub online: Option<String>,
    pub topics: Vec<String>,
    pub activities: Vec<String>,
    pub speakers: Vec<String>,
    pub facilitator: Option<String>,
}

/// The laid-out calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub sessions: Vec<PlannedSession>,
    pub end: PlanEnd,
    /// Closures that moved at least one workshop.
    pub closures: Vec<NaiveDate>,
    pub notes: Vec<PlanNote>,
}

/// Why a schedule cannot be laid out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("the rule `{rule}` is not a valid RRULE: {reason}")]
    BadRule { rule: String, reason: String },
    #[error(
        "the rule yields more than {limit} dates; give it an end (UNTIL or COUNT) or set the program's `ends`"
    )]
    TooManyDates { limit: usize },
}

/// Expands `recurrence` and gives the n-th usable date to the n-th entry of
/// `curriculum`.
pub fn plan_workshops(
    recurrence: &Recurrence,
    defaults: &WorkshopDefaults,
    curriculum: &[CurriculumItem],
) -> Result<Plan, ScheduleError> {
    let skip: BTreeSet<NaiveDate> = recurrence.skip.iter().copied().collect();
    // Enough dates for every entry plus the closures, or all of them up to `ends`.
    let expansion = expand(recurrence, curriculum.len() + skip.len())?;
    let dates = &expansion.dates;
    let mut notes = rule_notes(recurrence, dates, &skip);

    // Workshops allowed: the rule's dates up to `ends`, closures included.
    let allowed = match recurrence.ends {
        Some(ends) => dates.iter().filter(|&&d| d <= ends).count(),
        None => usize::MAX,
    };
    let usable: Vec<NaiveDate> = dates
        .iter()
        .copied()
        .filter(|d| !skip.contains(d))
        .collect();
    let count = curriculum.len().min(allowed).min(usable.len());

    let mut ids = BTreeSet::new();
    let mut sessions = Vec::with_capacity(count);
    for (index, (item, &date)) in curriculum.iter().zip(&usable).take(count).enumerate() {
        let session = planned(
            index,
            item,
            date,
            unique_id(&mut ids, date, &item.title),
            defaults,
            recurrence,
        );
        if let Some(ends) = recurrence.ends
            && date > ends
        {
            notes.push(PlanNote::PastEnds {
                id: session.id.clone(),
                date,
                ends,
            });
        }
        notes.extend(local_time_note(recurrence.timezone, date, recurrence.time));
        sessions.push(session);
    }

    let last_held = sessions.last().map(|s| s.date);
    let closures = skip
        .iter()
        .copied()
        .filter(|d| dates.contains(d) && last_held.is_some_and(|last| *d < last))
        .collect();
    let rule_ran_out = expansion.exhausted
        && match (recurrence.ends, dates.last()) {
            (Some(ends), Some(&last)) => last <= ends,
            _ => true,
        };
    let end = if count == curriculum.len() {
        PlanEnd::CurriculumUsedUp
    } else if rule_ran_out {
        PlanEnd::RuleExhausted
    } else {
        PlanEnd::EndsReached
    };
    notes.extend(fit_note(recurrence, curriculum, count, &usable, last_held));
    Ok(Plan {
        sessions,
        end,
        closures,
        notes,
    })
}

/// The n-th workshop: entry `index` of the curriculum on `date`.
fn planned(
    index: usize,
    item: &CurriculumItem,
    date: NaiveDate,
    id: String,
    defaults: &WorkshopDefaults,
    recurrence: &Recurrence,
) -> PlannedSession {
    PlannedSession {
        id,
        number: index + 1,
        title: item.title.clone(),
        date,
        time: recurrence.time,
        duration_minutes: defaults.duration_minutes,
        location: defaults.location.clone(),
        online: defaults.online.clone(),
        topics: item.topics.clone(),
        activities: item.activities.clone(),
        speakers: item.speakers.clone(),
        facilitator: item.facilitator.clone(),
    }
}

/// What looks like a slip in the rule's inputs: a `first` off the rule, a
/// closure that is not a date of the rule.
fn rule_notes(
    recurrence: &Recurrence,
    dates: &[NaiveDate],
    skip: &BTreeSet<NaiveDate>,
) -> Vec<PlanNote> {
    let mut notes = Vec::new();
    if let Some(&starts) = dates.first()
        && starts != recurrence.first
    {
        notes.push(PlanNote::FirstNotOnRule {
            first: recurrence.first,
            starts,
        });
    }
    for &date in skip {
        let before_end = dates.last().is_some_and(|&last| date <= last);
        if before_end && !dates.contains(&date) {
            notes.push(PlanNote::SkipNotOnRule { date });
        }
    }
    notes
}

/// Whether the curriculum and the dates fit: entries without a date, or
/// dates left over before `ends`.
fn fit_note(
    recurrence: &Recurrence,
    curriculum: &[CurriculumItem],
    count: usize,
    usable: &[NaiveDate],
    last_held: Option<NaiveDate>,
) -> Option<PlanNote> {
    if count < curriculum.len() {
        return Some(PlanNote::CurriculumDoesNotFit {
            scheduled: count,
            entries: curriculum.len(),
            left_out: curriculum[count..]
                .iter()
                .map(|c| c.title.clone())
                .collect(),
        });
    }
    let (ends, last) = (recurrence.ends?, last_held?);
    let unused = usable.iter().filter(|&&d| d > last && d <= ends).count();
    (unused > 0).then_some(PlanNote::DatesLeftOver { unused, last, ends })
}

/// The dates a rule yields, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    pub dates: Vec<NaiveDate>,
    /// The rule ran out by itself (COUNT or UNTIL).
    pub exhausted: bool,
}

/// The dates of `recurrence.rule` from `first`: all of them up to `ends`, and
/// at least `at_least` of them (past `ends` if need be, so that closures can
/// move workshops there). Closures are not removed here.
pub fn expand(recurrence: &Recurrence, at_least: usize) -> Result<Expansion, ScheduleError> {
    let set = rule_set(recurrence)?;
    let mut dates = Vec::new();
    let mut exhausted = true;
    for occurrence in &set {
        let date = occurrence.date_naive();
        let past_end = recurrence.ends.is_none_or(|ends| date > ends);
        if past_end && dates.len() >= at_least {
            exhausted = false;
            break;
        }
        if dates.len() >= MAX_DATES {
            return Err(ScheduleError::TooManyDates { limit: MAX_DATES });
        }
        if dates.last() != Some(&date) {
            dates.push(date);
        }
    }
    Ok(Expansion { dates, exhausted })
}

/// The rrule crate's set for `recurrence`, with DTSTART at `first` and `time`
/// in the program's zone: the model's one reading of a rule.
fn rule_set(recurrence: &Recurrence) -> Result<RRuleSet, ScheduleError> {
    crate::model::recurrence::rule_set(
        &recurrence.rule,
        recurrence.first,
        recurrence.time,
        recurrence.timezone,
    )
    .map_err(|e| ScheduleError::BadRule {
        rule: recurrence.rule.clone(),
        reason: e.to_string(),
    })
}

/// A note when `time` on `date` is skipped or repeated by a clock change.
pub fn local_time_note(zone: Tz, date: NaiveDate, time: NaiveTime) -> Option<PlanNote> {
    match zone.from_local_datetime(&NaiveDateTime::new(date, time)) {
        chrono::LocalResult::Single(_) => None,
        chrono::LocalResult::None => Some(PlanNote::TimeInGap { date, time }),
        chrono::LocalResult::Ambiguous(..) => Some(PlanNote::TimeAmbiguous { date, time }),
    }
}

#[cfg(test)]
mod tests;
