//! The rows of a form export read through a map: each row's answers, or
//! every problem in it at its cell; then one applicant per email, the
//! latest submission winning.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};

use super::csv::{Cell, Record};
use super::map::{Bound, ImportMap};
use super::values::{self};
use super::{Answers, Field, Value, read_value};
use crate::error::Problem;
use crate::model::values::fold;

/// One person's answers from the row that counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Applicant {
    pub answers: Answers,
    /// The email as written (trimmed).
    pub email: String,
    /// The submission time, when the map gives `applied`.
    pub stamp: Option<NaiveDateTime>,
    /// The row in a spreadsheet (the header is row 1).
    pub row: usize,
    /// Where each mapped field's first cell is (line, column).
    pub places: BTreeMap<Field, (usize, usize)>,
    /// The column title of each mapped field (the first, for several).
    pub titles: BTreeMap<Field, String>,
    /// Every row this person sent, in order, when more than one.
    pub rows: Vec<usize>,
}

/// A row that cannot be imported, with every problem in it.
#[derive(Debug, Clone, PartialEq)]
pub struct BadRow {
    pub row: usize,
    pub problems: Vec<Problem>,
}

/// The rows read: the applicants (one per email, in the order each first
/// appears) and the bad rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    pub applicants: Vec<Applicant>,
    pub bad: Vec<BadRow>,
    /// Rows with no answer in any mapped column, skipped.
    pub blank: Vec<usize>,
}

/// Reads every data record (`records` without the header).
pub fn read_rows(
    rel: &Path,
    text: &str,
    map: &ImportMap,
    bound: &[Bound],
    header_len: usize,
    records: &[Record],
) -> Rows {
    let mut out = Rows::default();
    let mut good = Vec::new();
    for (i, rec) in records.iter().enumerate() {
        let row = i + 2;
        let filled = bound.iter().any(|b| {
            rec.cells
                .get(b.index)
                .is_some_and(|c| !c.text.trim().is_empty())
        });
        if !filled {
            out.blank.push(row);
            continue;
        }
        match read_row(rel, text, map, bound, header_len, rec, row) {
            Ok(a) => good.push(a),
            Err(problems) => out.bad.push(BadRow { row, problems }),
        }
    }
    out.applicants = latest(good);
    out
}

fn read_row(
    rel: &Path,
    text: &str,
    map: &ImportMap,
    bound: &[Bound],
    header_len: usize,
    rec: &Record,
    row: usize,
) -> Result<Applicant, Vec<Problem>> {
    let mut problems = Vec::new();
    if rec.cells.len() > header_len {
        let extra = &rec.cells[header_len];
        problems.push(
            Problem::file(
                rel,
                format!(
                    "row {row} has {} cells; the header has {header_len} columns",
                    rec.cells.len()
                ),
            )
            .at(text, extra.line, extra.column)
            .help("a cell with a comma or a line break must be in double quotes"),
        );
    }
    let empty = Cell {
        text: String::new(),
        line: rec.line,
        column: 1,
    };
    let mut a = Applicant {
        answers: Answers::default(),
        email: String::new(),
        stamp: None,
        row,
        places: BTreeMap::new(),
        titles: BTreeMap::new(),
        rows: Vec::new(),
    };
    for b in bound {
        let cell = rec.cells.get(b.index).unwrap_or(&empty);
        a.places.entry(b.field).or_insert((cell.line, cell.column));
        a.titles.entry(b.field).or_insert_with(|| b.title.clone());
        let problem = |message: String| {
            Problem::file(rel, format!("row {row}, \"{}\": {message}", b.title))
                .at(text, cell.line, cell.column)
                .field(b.field.key())
        };
        if b.field == Field::Applied && !cell.text.trim().is_empty() {
            match values::parse_stamp(&cell.text, map.dates) {
                Ok(t) => {
                    a.stamp = Some(t);
                    a.answers.put(Field::Applied, Value::Date(t.date()));
                }
                Err(e) => problems.push(problem(e)),
            }
            continue;
        }
        match read_value(b.field, &cell.text, map.dates, b.day) {
            Ok(Some(v)) => a.answers.put(b.field, v),
            Ok(None) => {}
            Err(e) => problems.push(problem(anonymous_hint(b.field, &cell.text, e))),
        }
    }
    for f in [Field::Name, Field::Email] {
        let given = a.answers.values.contains_key(&f)
            || problems.iter().any(|p| p.field.as_deref() == Some(f.key()));
        if !given {
            let (line, column) = a.places.get(&f).copied().unwrap_or((rec.line, 1));
            let title = a.titles.get(&f).cloned().unwrap_or_default();
            problems.push(
                Problem::file(
                    rel,
                    format!(
                        "row {row}, \"{title}\": empty; every row needs {}",
                        if f == Field::Email {
                            "an email"
                        } else {
                            "a name"
                        }
                    ),
                )
                .at(text, line, column)
                .field(f.key()),
            );
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| (p.line, p.column));
        return Err(problems);
    }
    a.email = a.answers.text(Field::Email).unwrap_or_default().to_string();
    Ok(a)
}

/// Microsoft Forms writes `anonymous` in its Email column when the form
/// does not record who answered; say so.
fn anonymous_hint(field: Field, raw: &str, message: String) -> String {
    if field == Field::Email && raw.trim().eq_ignore_ascii_case("anonymous") {
        format!(
            "{message}; Microsoft Forms writes this when the form does not record who answered: map a question that asks for the email instead"
        )
    } else {
        message
    }
}

/// One applicant per email (ignoring case): the answers of the latest
/// submission (by timestamp, then by row), with `applied` the date of the
/// first, so that a correction does not lose a place in the queue. Ordered
/// by each person's first row.
pub fn latest(rows: Vec<Applicant>) -> Vec<Applicant> {
    let mut groups: BTreeMap<String, Vec<Applicant>> = BTreeMap::new();
    for a in rows {
        groups.entry(fold(&a.email)).or_default().push(a);
    }
    let mut out: Vec<(usize, Applicant)> = Vec::new();
    for (_, group) in groups {
        let first_row = group.iter().map(|a| a.row).min().unwrap_or(0);
        let first_applied: Option<NaiveDate> = group
            .iter()
            .filter_map(|a| match a.answers.values.get(&Field::Applied) {
                Some(Value::Date(d)) => Some(*d),
                _ => None,
            })
            .min();
        let mut all_rows: Vec<usize> = group.iter().map(|a| a.row).collect();
        all_rows.sort();
        let Some(mut winner) = group.into_iter().max_by_key(|a| (a.stamp, a.row)) else {
            continue;
        };
        if let Some(d) = first_applied {
            winner.answers.values.insert(Field::Applied, Value::Date(d));
        }
        if all_rows.len() > 1 {
            winner.rows = all_rows;
        }
        out.push((first_row, winner));
    }
    out.sort_by_key(|(first, _)| *first);
    out.into_iter().map(|(_, a)| a).collect()
}
