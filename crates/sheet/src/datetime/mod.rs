//! Timestamps as Forms and spreadsheets write them — Google's own CSV
//! download (`2026/11/03 9:41:12 AM GMT-6`), Google Sheets' export
//! (`11/3/2026 9:41:12`), Microsoft Forms (`11/3/26 9:41 AM`), ISO 8601
//! with or without an offset — in the date order the caller says, and
//! converted to the program's time zone before the date is taken. A time
//! written without a zone is taken as already in the program's zone; so is
//! a workbook's date cell, since workbooks keep no zone.

mod zone;

#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone};
use chrono_tz::Tz;

use crate::value::{CellError, Value};

pub use zone::Zone;

/// The order of day, month and year in a form's dates. A date whose first
/// part has four digits is year-month-day whatever the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DateOrder {
    /// Month/day/year, as US forms export (the default).
    #[default]
    Mdy,
    /// Day/month/year.
    Dmy,
    /// Year-month-day.
    Ymd,
}

impl DateOrder {
    /// The words that name an order.
    pub const WORDS: &'static [&'static str] = &["mdy", "dmy", "ymd"];

    /// The order a word names (`mdy`, `dmy`, `ymd`, any case).
    pub fn from_word(s: &str) -> Option<DateOrder> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mdy" => Some(DateOrder::Mdy),
            "dmy" => Some(DateOrder::Dmy),
            "ymd" => Some(DateOrder::Ymd),
            _ => None,
        }
    }

    /// The word: `mdy`, `dmy`, `ymd`.
    pub fn word(self) -> &'static str {
        match self {
            DateOrder::Mdy => "mdy",
            DateOrder::Dmy => "dmy",
            DateOrder::Ymd => "ymd",
        }
    }

    /// In words: `month/day/year`, `day/month/year`, `year-month-day`.
    pub fn describe(self) -> &'static str {
        match self {
            DateOrder::Mdy => "month/day/year",
            DateOrder::Dmy => "day/month/year",
            DateOrder::Ymd => "year-month-day",
        }
    }

    /// The order a date is read in when this one fails, for a hint.
    fn other(self) -> Option<DateOrder> {
        match self {
            DateOrder::Mdy => Some(DateOrder::Dmy),
            DateOrder::Dmy => Some(DateOrder::Mdy),
            DateOrder::Ymd => None,
        }
    }
}

/// A timestamp as written: its date and time, and its zone when it names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub written: NaiveDateTime,
    pub zone: Option<Zone>,
    /// Whether a time was written (a date alone is midnight).
    pub has_time: bool,
}

/// Why a timestamp cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StampError {
    /// Not a date in the order given; `reads_as` is the other order in
    /// which it is one, for a hint.
    #[error("`{text}` is not a date in {} order{}", .order.describe(), reads_as_text(*.reads_as))]
    NotADate {
        text: String,
        order: DateOrder,
        reads_as: Option<DateOrder>,
    },
    #[error("`{text}` has a time that cannot be read; write it as 14:03 or 2:03 PM")]
    BadTime { text: String },
    /// A zone word that cannot be known (`EST5`, `Mars`), named.
    #[error(
        "`{text}`: the time zone `{word}` is not known; write it as UTC, GMT-6, GMT+5:30, -06:00 or a name such as America/Chicago"
    )]
    UnknownZone { text: String, word: String },
    /// A local time that the named zone's clocks skipped.
    #[error("`{text}` does not exist in {zone}: the clocks skipped that hour")]
    NoSuchTime { text: String, zone: Tz },
    /// A workbook cell of another type (a number, a time alone, …).
    #[error("the cell holds {shown}, which is not a date")]
    NotADateCell { shown: String },
    #[error("the cell holds the error {error}")]
    CellError { error: CellError },
}

fn reads_as_text(other: Option<DateOrder>) -> String {
    other.map_or(String::new(), |o| format!("; it reads as {}", o.describe()))
}

impl Stamp {
    /// A workbook's date-time cell: no zone, so the program's own.
    pub fn of_cell(t: NaiveDateTime) -> Stamp {
        Stamp {
            written: t,
            zone: None,
            has_time: t.time() != NaiveTime::MIN,
        }
    }

    /// The moment, in the program's zone `tz` (for ordering submissions).
    /// A local time that a named zone's clocks skipped (or, without a zone,
    /// that `tz`'s clocks skipped) is an error naming the time as written.
    pub fn in_zone(&self, tz: Tz) -> Result<DateTime<Tz>, StampError> {
        let utc = match self.zone {
            None => {
                return tz
                    .from_local_datetime(&self.written)
                    .earliest()
                    .ok_or_else(|| self.no_such_time(tz));
            }
            Some(Zone::Fixed(offset)) => {
                self.written - TimeDelta::seconds(i64::from(offset.local_minus_utc()))
            }
            Some(Zone::Named(zone)) => zone
                .from_local_datetime(&self.written)
                .earliest()
                .ok_or_else(|| self.no_such_time(zone))?
                .naive_utc(),
        };
        Ok(tz.from_utc_datetime(&utc))
    }

    /// The date and time on the program's clock in `tz`. A stamp without a
    /// zone is as written, even in an hour the clocks skipped.
    pub fn local(&self, tz: Tz) -> Result<NaiveDateTime, StampError> {
        match self.zone {
            None => Ok(self.written),
            Some(_) => self.in_zone(tz).map(|t| t.naive_local()),
        }
    }

    /// The date on the program's calendar in `tz`.
    pub fn date(&self, tz: Tz) -> Result<NaiveDate, StampError> {
        self.local(tz).map(|t| t.date())
    }

    fn no_such_time(&self, zone: Tz) -> StampError {
        StampError::NoSuchTime {
            text: self.written.format("%Y-%m-%d %H:%M:%S").to_string(),
            zone,
        }
    }
}

/// Reads a timestamp or a date.
pub fn parse(text: &str, order: DateOrder) -> Result<Stamp, StampError> {
    let t = text.trim();
    let split = t
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || *c == 'T' || *c == 't');
    let (date_part, rest) = match split {
        Some((i, c)) => (&t[..i], t[i + c.len_utf8()..].trim()),
        None => (t, ""),
    };
    // `11/3/2026, 9:41:12 AM`, as a browser's locale writes it.
    let date_part = date_part.strip_suffix(',').unwrap_or(date_part);
    let date = read_date(date_part, order).ok_or_else(|| StampError::NotADate {
        text: t.to_string(),
        order,
        reads_as: order.other().filter(|o| read_date(date_part, *o).is_some()),
    })?;
    if rest.is_empty() {
        return Ok(Stamp {
            written: date.and_time(NaiveTime::MIN),
            zone: None,
            has_time: false,
        });
    }
    let (time, zone_text) = read_time(rest).ok_or_else(|| StampError::BadTime {
        text: t.to_string(),
    })?;
    let zone = if zone_text.is_empty() {
        None
    } else {
        Some(
            zone::parse(zone_text).ok_or_else(|| StampError::UnknownZone {
                text: t.to_string(),
                word: zone_text.to_string(),
            })?,
        )
    };
    Ok(Stamp {
        written: date.and_time(time),
        zone,
        has_time: true,
    })
}

/// Reads a timestamp and gives it on the program's clock in `tz`.
pub fn local(text: &str, order: DateOrder, tz: Tz) -> Result<NaiveDateTime, StampError> {
    parse(text, order)?.local(tz)
}

/// Reads a timestamp or date and gives the date on the program's calendar.
pub fn date(text: &str, order: DateOrder, tz: Tz) -> Result<NaiveDate, StampError> {
    parse(text, order)?.date(tz)
}

/// The timestamp a cell holds: a workbook's date-time cell as it is, text
/// as [`parse`] reads it; `None` for an empty cell.
pub fn stamp_of(value: &Value, order: DateOrder) -> Result<Option<Stamp>, StampError> {
    match value {
        v if v.is_blank() => Ok(None),
        Value::Text(t) => parse(t, order).map(Some),
        Value::DateTime(t) => Ok(Some(Stamp::of_cell(*t))),
        Value::Error(error) => Err(StampError::CellError { error: *error }),
        other => Err(StampError::NotADateCell {
            shown: other.to_text().into_owned(),
        }),
    }
}

/// A date in `order`: `11/3/2026`, `3.11.2026`, `2026-11-03`, `2026/11/03`,
/// `11/3/26`. Two-digit years are 2000–2069 or 1970–1999.
fn read_date(s: &str, order: DateOrder) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let digits = |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if ![a, b, c].iter().all(|p| digits(p)) || b.len() > 2 {
        return None;
    }
    let num = |p: &str| p.parse::<u32>().ok();
    let year = |p: &str| -> Option<i32> {
        let n = i32::try_from(num(p)?).ok()?;
        match p.len() {
            4 => Some(n),
            1 | 2 => Some(if n < 70 { 2000 + n } else { 1900 + n }),
            _ => None,
        }
    };
    let (y, m, d) = if a.len() == 4 {
        (year(a)?, num(b)?, num(c)?)
    } else {
        if a.len() > 2 || c.len() == 3 {
            return None;
        }
        match order {
            DateOrder::Mdy => (year(c)?, num(a)?, num(b)?),
            DateOrder::Dmy => (year(c)?, num(b)?, num(a)?),
            DateOrder::Ymd => return None,
        }
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A clock time (`14:03`, `9:41:12`, `09:41:12.517`, with `AM`/`PM` or
/// `a.m.`/`p.m.`), and the text after it (the zone, trimmed).
fn read_time(s: &str) -> Option<(NaiveTime, &str)> {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.' || c == ','))
        .unwrap_or(s.len());
    let (clock, rest) = s.split_at(end);
    let mut parts = clock.split(':');
    let two = |p: Option<&str>| -> Option<u32> {
        let p = p?;
        (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())?
    };
    let h = two(parts.next())?;
    let m = two(parts.next())?;
    let (sec, milli) = match parts.next() {
        Some(p) => {
            let (whole, fraction) = p.split_once(['.', ',']).unwrap_or((p, ""));
            if !fraction.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let milli = format!("{fraction:0<3}").get(..3)?.parse::<u32>().ok()?;
            (two(Some(whole))?, milli)
        }
        None => (0, 0),
    };
    if parts.next().is_some() {
        return None;
    }
    let (meridiem, rest) = meridiem(rest.trim_start());
    let h = match meridiem {
        Some(add) if (1..=12).contains(&h) => h % 12 + add,
        Some(_) => return None,
        None => h,
    };
    Some((
        NaiveTime::from_hms_milli_opt(h, m, sec, milli)?,
        rest.trim(),
    ))
}

/// `AM`/`PM` (any case, with or without dots; `p. m.` as Spanish-language
/// forms write it) at the start of `s`: the hours it adds, and what follows.
fn meridiem(s: &str) -> (Option<u32>, &str) {
    let words = [
        ("a. m.", 0),
        ("p. m.", 12),
        ("a.m.", 0),
        ("p.m.", 12),
        ("am", 0),
        ("pm", 12),
    ];
    for (word, add) in words {
        if let Some(head) = s.get(..word.len())
            && head.eq_ignore_ascii_case(word)
        {
            let rest = &s[word.len()..];
            if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
                return (Some(add), rest);
            }
        }
    }
    (None, s)
}
