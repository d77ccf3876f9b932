//! What a cell holds, with its type kept: a workbook's numbers, booleans,
//! dates and error values stay what they are; a text file gives text.

use std::borrow::Cow;
use std::fmt;

use chrono::{NaiveDateTime, NaiveTime, TimeDelta};

use crate::error::SheetError;
use crate::place::Place;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No value (an empty field of a text file, an empty cell).
    Empty,
    /// Text as written; a text file's fields are all text.
    Text(String),
    /// A workbook's number (whole numbers too).
    Number(f64),
    Bool(bool),
    /// A workbook cell holding a date, or a date and time. Workbooks keep
    /// no time zone: the time is as the form's owner saw it.
    DateTime(NaiveDateTime),
    /// A workbook cell holding only a time of day.
    Time(NaiveTime),
    /// A workbook cell holding a span of time (`[h]:mm`, an ODS duration).
    Duration(TimeDelta),
    /// An error value in the cell (`#N/A`, `#DIV/0!`, …).
    Error(CellError),
}

/// The error values a spreadsheet cell may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellError {
    /// `#DIV/0!`
    DivisionByZero,
    /// `#N/A`
    NotAvailable,
    /// `#NAME?`
    Name,
    /// `#NULL!`
    Null,
    /// `#NUM!`
    Number,
    /// `#REF!`
    Reference,
    /// `#VALUE!`
    Value,
    /// `#DATA!` (data still being fetched when the file was saved)
    GettingData,
}

impl CellError {
    /// Every error value.
    pub const ALL: [CellError; 8] = [
        CellError::DivisionByZero,
        CellError::NotAvailable,
        CellError::Name,
        CellError::Null,
        CellError::Number,
        CellError::Reference,
        CellError::Value,
        CellError::GettingData,
    ];

    /// The error value a spreadsheet shows as `code`.
    pub fn from_code(code: &str) -> Option<CellError> {
        CellError::ALL.into_iter().find(|e| e.code() == code)
    }

    /// As the spreadsheet shows it.
    pub fn code(self) -> &'static str {
        match self {
            CellError::DivisionByZero => "#DIV/0!",
            CellError::NotAvailable => "#N/A",
            CellError::Name => "#NAME?",
            CellError::Null => "#NULL!",
            CellError::Number => "#NUM!",
            CellError::Reference => "#REF!",
            CellError::Value => "#VALUE!",
            CellError::GettingData => "#DATA!",
        }
    }
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Value {
    /// Whether there is nothing in the cell but white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as text, as a spreadsheet would show it plainly: whole
    /// numbers without a decimal point, `TRUE`/`FALSE`, dates as
    /// `YYYY-MM-DD` (with `THH:MM:SS` when there is a time), error codes.
    pub fn to_text(&self) -> Cow<'_, str> {
        match self {
            Value::Empty => Cow::Borrowed(""),
            Value::Text(t) => Cow::Borrowed(t),
            Value::Number(n) => Cow::Owned(number_text(*n)),
            Value::Bool(true) => Cow::Borrowed("TRUE"),
            Value::Bool(false) => Cow::Borrowed("FALSE"),
            Value::DateTime(t) if t.time() == NaiveTime::MIN => {
                Cow::Owned(t.date().format("%Y-%m-%d").to_string())
            }
            Value::DateTime(t) => Cow::Owned(t.format("%Y-%m-%dT%H:%M:%S").to_string()),
            Value::Time(t) => Cow::Owned(t.format("%H:%M:%S").to_string()),
            Value::Duration(d) => Cow::Owned(duration_text(*d)),
            Value::Error(e) => Cow::Borrowed(e.code()),
        }
    }
}

/// Whole numbers (within the range where f64 counts exactly) without a
/// fraction; the rest as Rust's shortest round-trip form.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// `H:MM:SS`, hours past 24 kept (`30:00:00`).
fn duration_text(d: TimeDelta) -> String {
    let secs = d.num_seconds();
    let sign = if secs < 0 { "-" } else { "" };
    let secs = secs.unsigned_abs();
    format!(
        "{sign}{}:{:02}:{:02}",
        secs / 3600,
        (secs / 60) % 60,
        secs % 60
    )
}

/// One cell of a table and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: Value,
    pub place: Place,
}

impl Cell {
    /// The value as text (see [`Value::to_text`]).
    pub fn text(&self) -> Cow<'_, str> {
        self.value.to_text()
    }

    /// The value, or the cell's error value as an error at its place.
    pub fn checked(&self) -> Result<&Value, SheetError> {
        match &self.value {
            Value::Error(error) => Err(SheetError::CellError {
                place: self.place.clone(),
                error: *error,
            }),
            v => Ok(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn values_as_text() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        let cases = [
            (Value::Empty, ""),
            (Value::Text(" Ana ".into()), " Ana "),
            (Value::Number(3.0), "3"),
            (Value::Number(-12.0), "-12"),
            (Value::Number(2.5), "2.5"),
            (Value::Number(5551234567.0), "5551234567"),
            (Value::Bool(true), "TRUE"),
            (
                Value::DateTime(day.and_hms_opt(0, 0, 0).unwrap()),
                "2026-11-03",
            ),
            (
                Value::DateTime(day.and_hms_opt(9, 41, 12).unwrap()),
                "2026-11-03T09:41:12",
            ),
            (
                Value::Time(NaiveTime::from_hms_opt(9, 5, 0).unwrap()),
                "09:05:00",
            ),
            (Value::Duration(TimeDelta::hours(30)), "30:00:00"),
            (Value::Error(CellError::NotAvailable), "#N/A"),
        ];
        for (value, want) in cases {
            assert_eq!(value.to_text(), want, "{value:?}");
        }
        assert!(Value::Text("  ".into()).is_blank());
        for e in CellError::ALL {
            assert_eq!(CellError::from_code(&e.to_string()), Some(e));
        }
        assert_eq!(CellError::from_code("N/A"), None);
        assert!(!Value::Number(0.0).is_blank());
    }
}
