//! What the layout tells the coordinator: why it stops, and what looks off.

use std::fmt;

use chrono::{NaiveDate, NaiveTime};

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
                "the curriculum is used up on {last}; the rule has {} up to {ends}",
                crate::error::count(*unused, "more date", "more dates")
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
