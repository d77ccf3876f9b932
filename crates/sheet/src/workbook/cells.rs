//! calamine's cell values as ours: numbers, text, booleans, error values,
//! and the dates, times and spans that Excel keeps as serials and
//! OpenDocument as ISO 8601 text.

use calamine::{Data, DataRef, ExcelDateTime};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

use crate::value::{CellError, Value};

pub(super) fn from_ref(d: &DataRef<'_>) -> Value {
    match d {
        DataRef::Int(i) => Value::Number(*i as f64),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::String(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(t) => excel_datetime(t),
        DataRef::DateTimeIso(s) => iso_datetime(s),
        DataRef::DurationIso(s) => iso_duration(s),
        DataRef::Error(e) => Value::Error(cell_error(e)),
        DataRef::Empty => Value::Empty,
    }
}

pub(super) fn from_data(d: &Data) -> Value {
    match d {
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::String(s) => text(s),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(t) => excel_datetime(t),
        Data::DateTimeIso(s) => iso_datetime(s),
        Data::DurationIso(s) => iso_duration(s),
        Data::Error(e) => Value::Error(cell_error(e)),
        Data::Empty => Value::Empty,
    }
}

fn text(s: &str) -> Value {
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s.to_string())
    }
}

fn cell_error(e: &calamine::CellErrorType) -> CellError {
    use calamine::CellErrorType as E;
    match e {
        E::Div0 => CellError::DivisionByZero,
        E::NA => CellError::NotAvailable,
        E::Name => CellError::Name,
        E::Null => CellError::Null,
        E::Num => CellError::Number,
        E::Ref => CellError::Reference,
        E::Value => CellError::Value,
        E::GettingData => CellError::GettingData,
    }
}

/// A cell serial: a span for duration formats, a time of day for a serial
/// under one day, else a date and time.
fn excel_datetime(t: &ExcelDateTime) -> Value {
    if t.is_duration() {
        return t
            .as_duration()
            .map_or(Value::Number(t.as_f64()), Value::Duration);
    }
    match t.as_datetime() {
        Some(dt) if (0.0..1.0).contains(&t.as_f64()) => Value::Time(dt.time()),
        Some(dt) => Value::DateTime(dt),
        None => Value::Number(t.as_f64()),
    }
}

/// An OpenDocument `date-value`: a date, or a date and time.
fn iso_datetime(s: &str) -> Value {
    if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Value::DateTime(t);
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Value::DateTime(d.and_time(NaiveTime::MIN));
    }
    Value::Text(s.to_string())
}

/// An OpenDocument `time-value` (`PT09H41M12S`, `P1DT2H`): a time of day
/// when under a day, else a span; kept as text when it cannot be read.
fn iso_duration(s: &str) -> Value {
    match parse_iso_duration(s) {
        Some(d) if d >= TimeDelta::zero() && d < TimeDelta::days(1) => {
            let time = NaiveTime::MIN + d;
            Value::Time(time)
        }
        Some(d) => Value::Duration(d),
        None => Value::Text(s.to_string()),
    }
}

fn parse_iso_duration(s: &str) -> Option<TimeDelta> {
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let s = s.strip_prefix('P')?;
    let (days, time) = match s.split_once('T') {
        Some((d, t)) => (d, t),
        None => (s, ""),
    };
    let mut millis: i64 = 0;
    let mut add = |part: &str, units: &[(char, f64)]| -> Option<()> {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' || c == ',' {
                number.push(if c == ',' { '.' } else { c });
                continue;
            }
            let (_, ms) = units.iter().find(|(u, _)| *u == c)?;
            let n: f64 = number.parse().ok()?;
            millis = millis.checked_add((n * ms).round() as i64)?;
            number.clear();
        }
        number.is_empty().then_some(())
    };
    add(days, &[('D', 86_400_000.0), ('W', 604_800_000.0)])?;
    add(time, &[('H', 3_600_000.0), ('M', 60_000.0), ('S', 1000.0)])?;
    let d = TimeDelta::try_milliseconds(millis)?;
    Some(if negative { -d } else { d })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opendocument_dates_and_times() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        let cases = [
            (
                "2026-11-03",
                Value::DateTime(day.and_hms_opt(0, 0, 0).unwrap()),
            ),
            (
                "2026-11-03T09:41:12",
                Value::DateTime(day.and_hms_opt(9, 41, 12).unwrap()),
            ),
            (
                "2026-11-03T09:41:12.5",
                Value::DateTime(day.and_hms_milli_opt(9, 41, 12, 500).unwrap()),
            ),
            ("soon", Value::Text("soon".into())),
        ];
        for (s, want) in cases {
            assert_eq!(iso_datetime(s), want, "{s}");
        }
        let durations = [
            (
                "PT09H41M12S",
                Value::Time(NaiveTime::from_hms_opt(9, 41, 12).unwrap()),
            ),
            ("PT0S", Value::Time(NaiveTime::MIN)),
            ("PT30H", Value::Duration(TimeDelta::hours(30))),
            ("P1DT2H", Value::Duration(TimeDelta::hours(26))),
            ("-PT1H", Value::Duration(TimeDelta::hours(-1))),
            (
                "PT1.5S",
                Value::Time(NaiveTime::from_hms_milli_opt(0, 0, 1, 500).unwrap()),
            ),
            ("PT9X", Value::Text("PT9X".into())),
            ("9H", Value::Text("9H".into())),
        ];
        for (s, want) in durations {
            assert_eq!(iso_duration(s), want, "{s}");
        }
    }
}
