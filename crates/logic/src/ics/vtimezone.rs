//! VTIMEZONE from the tz database that chrono-tz carries: the icalendar crate
//! writes TZID references but no zone definition, and Outlook needs one.
//!
//! The offset changes are found by sampling the zone every 12 hours and
//! bisecting to the second. Changes that repeat year after year on the same
//! rule (e.g. the second Sunday of March, 02:00) become one observance with a
//! yearly RRULE, as Outlook writes them itself; anything irregular stays a
//! dated observance. The definition covers the years of the events, plus the
//! change in force when the first year begins.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Weekday};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// One change of a zone's offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    /// The instant of the change, UTC.
    pub at: NaiveDateTime,
    /// Seconds east of UTC before and after.
    pub from: i32,
    pub to: i32,
    /// Daylight saving time in force after the change.
    pub daylight: bool,
    /// The abbreviation after the change, e.g. `CDT`.
    pub name: String,
}

impl Transition {
    /// The wall-clock time of the change, read on the clock before it.
    pub fn onset(&self) -> NaiveDateTime {
        self.at + Duration::seconds(i64::from(self.from))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct State {
    offset: i32,
    daylight: bool,
    name: String,
}

fn state_at(zone: Tz, utc: NaiveDateTime) -> State {
    let offset = zone.offset_from_utc_datetime(&utc);
    State {
        offset: offset.fix().local_minus_utc(),
        daylight: !offset.dst_offset().is_zero(),
        name: offset.abbreviation().unwrap_or("").to_owned(),
    }
}

fn at_second(seconds: i64) -> NaiveDateTime {
    DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .naive_utc()
}

fn same_rule(a: &State, b: &State) -> bool {
    a.offset == b.offset && a.daylight == b.daylight
}

/// Every change of `zone` in `[from, to)` (UTC), in order.
pub fn transitions(zone: Tz, from: NaiveDateTime, to: NaiveDateTime) -> Vec<Transition> {
    let step = Duration::hours(12);
    let mut out = Vec::new();
    let mut t = from;
    let mut state = state_at(zone, t);
    while t < to {
        let next = (t + step).min(to);
        let next_state = state_at(zone, next);
        if !same_rule(&state, &next_state) {
            // Bisect: `lo` still has the old rule, `hi` the new one.
            // Whole seconds: the tz database has no finer changes.
            let (mut lo, mut hi) = (t.and_utc().timestamp(), next.and_utc().timestamp());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if same_rule(&state_at(zone, at_second(mid)), &state) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let hi = at_second(hi);
            let after = state_at(zone, hi);
            out.push(Transition {
                at: hi,
                from: state.offset,
                to: after.offset,
                daylight: after.daylight,
                name: after.name.clone(),
            });
            state = after;
            // A second change inside the same step is found on the next turn.
            t = hi;
            continue;
        }
        state = next_state;
        t = next;
    }
    out
}

/// `-0600`, `+0530`, `+001730` (seconds only when there are some).
pub fn format_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// One STANDARD or DAYLIGHT block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observance {
    pub daylight: bool,
    /// Local onset of the first change it describes.
    pub start: NaiveDateTime,
    pub from: i32,
    pub to: i32,
    pub name: String,
    /// `FREQ=YEARLY;BYMONTH=3;BYDAY=2SU`, with `;UNTIL=…Z` when a later
    /// observance of the same kind takes over.
    pub rule: Option<String>,
}

/// The changes that define `zone` for events in the years `first..=last`.
pub fn observances(zone: Tz, first: i32, last: i32) -> Vec<Observance> {
    let year_start = |y: i32| {
        NaiveDate::from_ymd_opt(y, 1, 1)
            .unwrap_or(NaiveDate::MIN)
            .and_time(chrono::NaiveTime::MIN)
    };
    let begin = year_start(first);
    let mut changes = Vec::new();
    // The change in force on 1 January of the first year, if it is recent.
    if let Some(prior) = transitions(zone, year_start(first - 1), begin).pop() {
        changes.push(prior);
    }
    changes.extend(transitions(zone, begin, year_start(last + 1)));
    if changes.is_empty() {
        // A zone without changes in those years: one fixed observance.
        let state = state_at(zone, begin);
        return vec![Observance {
            daylight: state.daylight,
            start: year_start(1970),
            from: state.offset,
            to: state.offset,
            name: state.name,
            rule: None,
        }];
    }
    let mut out = Vec::new();
    for daylight in [false, true] {
        let kind: Vec<&Transition> = changes.iter().filter(|t| t.daylight == daylight).collect();
        out.extend(group_yearly(&kind));
    }
    out.sort_by_key(|o| o.start);
    out
}

/// How a change's day can be written in a yearly rule: `2SU` and, in the
/// last week of the month, `-1SU`.
fn day_codes(onset: NaiveDateTime) -> Vec<i32> {
    let date = onset.date();
    let nth = (date.day() as i32 - 1) / 7 + 1;
    let mut codes = Vec::new();
    if nth <= 4 {
        codes.push(nth);
    }
    let next_month_same_weekday = date + Duration::days(7);
    if next_month_same_weekday.month() != date.month() {
        codes.push(-1);
    }
    codes
}

fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// Runs of changes one year apart on the same rule become one observance.
fn group_yearly(changes: &[&Transition]) -> Vec<Observance> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < changes.len() {
        let head = changes[i];
        let onset = head.onset();
        let mut codes = day_codes(onset);
        let mut j = i + 1;
        while j < changes.len() {
            let (prev, next) = (changes[j - 1].onset(), changes[j].onset());
            let fits = next.year() == prev.year() + 1
                && next.month() == onset.month()
                && next.weekday() == onset.weekday()
                && next.time() == onset.time()
                && changes[j].from == head.from
                && changes[j].to == head.to
                && changes[j].name == head.name;
            let shared: Vec<i32> = if fits {
                let theirs = day_codes(next);
                codes
                    .iter()
                    .copied()
                    .filter(|c| theirs.contains(c))
                    .collect()
            } else {
                Vec::new()
            };
            if shared.is_empty() {
                break;
            }
            codes = shared;
            j += 1;
        }
        let run = &changes[i..j];
        let rule = (run.len() > 1).then(|| {
            let code = codes.first().copied().unwrap_or(-1);
            let mut rule = format!(
                "FREQ=YEARLY;BYMONTH={};BYDAY={code}{}",
                onset.month(),
                weekday_code(onset.weekday())
            );
            if j < changes.len() {
                // A later observance of this kind takes over: end this one.
                let last = run[run.len() - 1].at;
                rule.push_str(&format!(";UNTIL={}", last.format("%Y%m%dT%H%M%SZ")));
            }
            rule
        });
        out.push(Observance {
            daylight: head.daylight,
            start: onset,
            from: head.from,
            to: head.to,
            name: head.name.clone(),
            rule,
        });
        i = j;
    }
    out
}

/// The VTIMEZONE block as content lines, without line endings.
pub fn vtimezone_lines(zone: Tz, first: i32, last: i32) -> Vec<(String, String)> {
    let mut lines = vec![
        ("BEGIN".to_owned(), "VTIMEZONE".to_owned()),
        ("TZID".to_owned(), zone.name().to_owned()),
    ];
    for o in observances(zone, first, last) {
        let kind = if o.daylight { "DAYLIGHT" } else { "STANDARD" };
        lines.push(("BEGIN".to_owned(), kind.to_owned()));
        lines.push((
            "DTSTART".to_owned(),
            o.start.format("%Y%m%dT%H%M%S").to_string(),
        ));
        if let Some(rule) = o.rule {
            lines.push(("RRULE".to_owned(), rule));
        }
        lines.push(("TZOFFSETFROM".to_owned(), format_offset(o.from)));
        lines.push(("TZOFFSETTO".to_owned(), format_offset(o.to)));
        if !o.name.is_empty() {
            lines.push(("TZNAME".to_owned(), o.name));
        }
        lines.push(("END".to_owned(), kind.to_owned()));
    }
    lines.push(("END".to_owned(), "VTIMEZONE".to_owned()));
    lines
}

#[cfg(test)]
mod tests;
