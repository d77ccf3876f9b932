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

pub mod meetings;
pub mod slots;

use std::collections::BTreeSet;
use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;
use rrule::{RRule, RRuleSet, Unvalidated};

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

/// Why the calendar stops where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanEnd {
    /// Every curriculum entry has a date.
    CurriculumUsedUp,
    /// The rule has no more dates up to `ends`; entries are left over.
    EndsReached,
    /// The rule itself stops (COUNT or UNTIL) before the curriculum does.
    RuleExhausted,
}

impl fmt::Display for PlanEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PlanEnd::CurriculumUsedUp => "the curriculum is used up",
            PlanEnd::EndsReached => "the program ends",
            PlanEnd::RuleExhausted => "the rule has no more dates",
        })
    }
}

/// Something the coordinator should hear about the layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanNote {
    /// Entries of the curriculum got no date.
    CurriculumDoesNotFit {
        scheduled: usize,
        entries: usize,
        left_out: Vec<String>,
    },
    /// The rule has more dates up to `ends` than the curriculum has entries.
    DatesLeftOver {
        unused: usize,
        last: NaiveDate,
        ends: NaiveDate,
    },
    /// A closure moved this workshop past the program's last day.
    PastEnds {
        id: String,
        date: NaiveDate,
        ends: NaiveDate,
    },
    /// A closure that is not a date of the rule, so it moves nothing.
    SkipNotOnRule { date: NaiveDate },
    /// `first` does not match the rule; the rule's first date is used.
    FirstNotOnRule { first: NaiveDate, starts: NaiveDate },
    /// The start time does not exist on that day (the clock jumps forward).
    TimeInGap { date: NaiveDate, time: NaiveTime },
    /// The start time happens twice on that day (the clock falls back).
    TimeAmbiguous { date: NaiveDate, time: NaiveTime },
}

impl PlanNote {
    /// Warnings deserve attention; the rest is information.
    pub fn is_warning(&self) -> bool {
        !matches!(self, PlanNote::DatesLeftOver { .. })
    }
}

impl fmt::Display for PlanNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanNote::CurriculumDoesNotFit {
                scheduled,
                entries,
                left_out,
            } => write!(
                f,
                "the curriculum does not fit: {scheduled} of {entries} entries have a date; \
                 without one: {}",
                left_out.join("; ")
            ),
            PlanNote::DatesLeftOver { unused, last, ends } => write!(
                f,
                "the curriculum is used up on {last}; the rule has {unused} more date(s) up to {ends}"
            ),
            PlanNote::PastEnds { id, date, ends } => write!(
                f,
                "closures push `{id}` to {date}, after the program ends on {ends}"
            ),
            PlanNote::SkipNotOnRule { date } => write!(
                f,
                "skip date {date} is not a date of the rule, so it moves nothing"
            ),
            PlanNote::FirstNotOnRule { first, starts } => write!(
                f,
                "first = {first} is not a date of the rule; the first workshop is on {starts}"
            ),
            PlanNote::TimeInGap { date, time } => write!(
                f,
                "{} does not exist on {date} (clocks spring forward); calendars will move it",
                time.format("%H:%M")
            ),
            PlanNote::TimeAmbiguous { date, time } => write!(
                f,
                "{} happens twice on {date} (clocks fall back); the first one is meant",
                time.format("%H:%M")
            ),
        }
    }
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
    let mut notes = Vec::new();
    let skip: BTreeSet<NaiveDate> = recurrence.skip.iter().copied().collect();
    // Enough dates for every entry plus the closures, or all of them up to `ends`.
    let wanted = curriculum.len() + skip.len();
    let expansion = expand(recurrence, wanted)?;
    let dates = expansion.dates;
    let rule_ran_out = expansion.exhausted
        && match (recurrence.ends, dates.last()) {
            (Some(ends), Some(&last)) => last <= ends,
            _ => true,
        };

    if let Some(&starts) = dates.first()
        && starts != recurrence.first
    {
        notes.push(PlanNote::FirstNotOnRule {
            first: recurrence.first,
            starts,
        });
    }
    let on_rule: BTreeSet<NaiveDate> = dates.iter().copied().collect();
    for &date in &skip {
        let before_end = dates.last().is_some_and(|&last| date <= last);
        if !on_rule.contains(&date) && before_end {
            notes.push(PlanNote::SkipNotOnRule { date });
        }
    }

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
        let id = unique_id(&mut ids, date, &item.title);
        if let Some(ends) = recurrence.ends
            && date > ends
        {
            notes.push(PlanNote::PastEnds {
                id: id.clone(),
                date,
                ends,
            });
        }
        if let Some(note) = local_time_note(recurrence.timezone, date, recurrence.time) {
            notes.push(note);
        }
        sessions.push(PlannedSession {
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
        });
    }

    let last_held = sessions.last().map(|s| s.date);
    let closures = skip
        .iter()
        .copied()
        .filter(|d| on_rule.contains(d) && last_held.is_some_and(|last| *d < last))
        .collect();

    let end = if count == curriculum.len() {
        PlanEnd::CurriculumUsedUp
    } else if rule_ran_out {
        PlanEnd::RuleExhausted
    } else {
        PlanEnd::EndsReached
    };
    if count < curriculum.len() {
        notes.push(PlanNote::CurriculumDoesNotFit {
            scheduled: count,
            entries: curriculum.len(),
            left_out: curriculum[count..]
                .iter()
                .map(|c| c.title.clone())
                .collect(),
        });
    } else if let (Some(ends), Some(last)) = (recurrence.ends, last_held) {
        let unused = usable.iter().filter(|&&d| d > last && d <= ends).count();
        if unused > 0 {
            notes.push(PlanNote::DatesLeftOver { unused, last, ends });
        }
    }

    Ok(Plan {
        sessions,
        end,
        closures,
        notes,
    })
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
/// in the program's zone.
fn rule_set(recurrence: &Recurrence) -> Result<RRuleSet, ScheduleError> {
    let text = recurrence.rule.trim();
    let text = text.strip_prefix("RRULE:").unwrap_or(text);
    let bad = |reason: String| ScheduleError::BadRule {
        rule: recurrence.rule.clone(),
        reason,
    };
    let rule: RRule<Unvalidated> = text
        .parse()
        .map_err(|e: rrule::RRuleError| bad(e.to_string()))?;
    let zone = rrule::Tz::Tz(recurrence.timezone);
    let local = recurrence.first.and_time(recurrence.time);
    let start = zone
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            zone.from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .ok_or_else(|| bad(format!("{local} does not exist in {}", recurrence.timezone)))?;
    let rule = rule.validate(start).map_err(|e| bad(e.to_string()))?;
    Ok(RRuleSet::new(start).rrule(rule).limit())
}

/// A note when `time` on `date` is skipped or repeated by a clock change.
pub fn local_time_note(zone: Tz, date: NaiveDate, time: NaiveTime) -> Option<PlanNote> {
    match zone.from_local_datetime(&NaiveDateTime::new(date, time)) {
        chrono::LocalResult::Single(_) => None,
        chrono::LocalResult::None => Some(PlanNote::TimeInGap { date, time }),
        chrono::LocalResult::Ambiguous(..) => Some(PlanNote::TimeAmbiguous { date, time }),
    }
}

/// `2016-01-12-career-personality-assessments`, with `-2`, `-3` … when taken.
fn unique_id(taken: &mut BTreeSet<String>, date: NaiveDate, title: &str) -> String {
    let base = session_id(date, title);
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// A session id: the date, then the slug of the title (`workshop` if it has none).
pub fn session_id(date: NaiveDate, title: &str) -> String {
    let slug = slug(title, 60);
    let slug = if slug.is_empty() {
        "workshop".to_owned()
    } else {
        slug
    };
    format!("{}-{slug}", date.format("%Y-%m-%d"))
}

/// Lowercase ASCII letters and digits joined by single dashes, cut at a dash
/// to at most `max` characters.
pub fn slug(text: &str, max: usize) -> String {
    let ascii = deunicode::deunicode(text).to_ascii_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        let extra = word.len() + usize::from(!out.is_empty());
        if !out.is_empty() && out.len() + extra > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out.truncate(max);
    out
}

#[cfg(test)]
mod tests;
