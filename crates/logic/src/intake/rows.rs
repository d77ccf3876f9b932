//! The rows of a form export read through a map: each row's answers, or
//! every problem in it at its cell; then one applicant per email, the
//! latest submission winning.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use mentorkit_sheet::datetime::{self, Stamp};
use mentorkit_sheet::{Row, Table};

use super::map::{Bound, ImportMap};
use super::place::{at_cell, cell_problem};
use super::values::{self, day_name, read_slots, stamp_message};
use super::{Answers, Field, Kind, Value, read_value};
use crate::error::Problem;
use crate::model::values::fold;

/// One person's answers from the row that counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Applicant {
    pub answers: Answers,
    /// The email as written (trimmed).
    pub email: String,
    /// The submission time on the program's clock, when the map gives
    /// `applied`.
    pub stamp: Option<NaiveDateTime>,
    /// The row in a spreadsheet (the header is row 1).
    pub row: usize,
    /// The row's position among the table's rows.
    pub index: usize,
    /// The column of each mapped field's first cell.
    pub places: BTreeMap<Field, usize>,
    /// The column title of each mapped field (the first, for several).
    pub titles: BTreeMap<Field, String>,
    /// Every row this person sent, in order, when more than one.
    pub rows: Vec<usize>,
    /// What was read but not wholly understood (an availability answer
    /// kept in part), to be shown as warnings.
    pub warnings: Vec<Problem>,
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

/// Reads every data row of `table`; timestamps with a zone are converted
/// to the program's zone `tz` before their date is taken.
pub fn read_rows(table: &Table, map: &ImportMap, bound: &[Bound], tz: Tz) -> Rows {
    let mut out = Rows::default();
    let mut good = Vec::new();
    for row in table.rows() {
        let number = table.row_number(row);
        let filled = bound.iter().any(|b| !row.value(b.index).is_blank());
        if !filled {
            out.blank.push(number);
            continue;
        }
        match read_row(table, map, bound, row, tz) {
            Ok(a) => good.push(a),
            Err(problems) => out.bad.push(BadRow {
                row: number,
                problems,
            }),
        }
    }
    out.applicants = latest(good);
    out
}

/// The answers of one row, or every problem in it.
fn read_row(
    table: &Table,
    map: &ImportMap,
    bound: &[Bound],
    row: &Row,
    tz: Tz,
) -> Result<Applicant, Vec<Problem>> {
    let mut problems = Vec::new();
    let header_len = table.headers().len();
    if !table.format().is_workbook() && row.cells.len() > header_len {
        problems.push(
            at_cell(
                table,
                row,
                header_len,
                &format!(
                    "row {} has {} cells; the header has {header_len} columns",
                    table.row_number(row),
                    row.cells.len()
                ),
            )
            .help("a cell with a comma or a line break must be in double quotes"),
        );
    }
    let mut a = Applicant {
        answers: Answers::default(),
        email: String::new(),
        stamp: None,
        row: table.row_number(row),
        index: row.index,
        places: BTreeMap::new(),
        titles: BTreeMap::new(),
        rows: Vec::new(),
        warnings: Vec::new(),
    };
    let mut availability = Availability::default();
    for b in bound {
        a.places.entry(b.field).or_insert(b.index);
        a.titles.entry(b.field).or_insert_with(|| b.title.clone());
        let problem =
            |message: String| cell_problem(table, row, b.index, &message).field(b.field.key());
        if let mentorkit_sheet::Value::Error(e) = row.value(b.index) {
            problems.push(problem(format!("the cell holds the error {e}")));
            continue;
        }
        if b.field.kind() == Kind::Date {
            match datetime::stamp_of(row.value(b.index), map.dates).and_then(|s| dated(s, tz)) {
                Ok(None) => {}
                Ok(Some((when, day))) => {
                    if b.field == Field::Applied {
                        a.stamp = Some(when);
                    }
                    a.answers.put(b.field, Value::Date(day));
                }
                Err(e) => problems.push(problem(stamp_message(&e))),
            }
            continue;
        }
        let raw = row.text(b.index);
        if b.field == Field::Availability {
            availability.read(table, row, b, &raw);
            continue;
        }
        match read_value(b.field, &raw, map.dates, b.day) {
            Ok(Some(v)) => a.answers.put(b.field, v),
            Ok(None) => {}
            Err(e) => problems.push(problem(anonymous_hint(b.field, &raw, e))),
        }
    }
    availability.settle(&mut a, &mut problems);
    for f in [Field::Name, Field::Email] {
        let given = a.answers.values.contains_key(&f)
            || problems.iter().any(|p| p.field.as_deref() == Some(f.key()));
        if !given {
            let column = a.places.get(&f).copied().unwrap_or(0);
            let what = if f == Field::Email {
                "an email"
            } else {
                "a name"
            };
            problems.push(
                cell_problem(
                    table,
                    row,
                    column,
                    &format!("empty; every row needs {what}"),
                )
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

/// A stamp on the program's clock, and its date; `None` for no answer.
fn dated(
    stamp: Option<Stamp>,
    tz: Tz,
) -> Result<Option<(NaiveDateTime, NaiveDate)>, datetime::StampError> {
    match stamp {
        None => Ok(None),
        Some(s) => {
            let local = s.local(tz)?;
            Ok(Some((local, local.date())))
        }
    }
}

/// The availability answers of one row, gathered over its columns (a grid
/// has one per day) before it is decided what they give.
#[derive(Default)]
struct Availability {
    slots: Vec<crate::model::values::Slot>,
    /// Items not wholly understood, for the note.
    note: Vec<String>,
    /// A problem per item not understood at all, and one per item kept in
    /// part (for warnings), with whether it was kept in part.
    unread: Vec<(Problem, bool)>,
    answered: bool,
}

impl Availability {
    fn read(&mut self, table: &Table, row: &Row, b: &Bound, raw: &str) {
        let reading = read_slots(raw, b.day);
        self.answered |= !raw.trim().is_empty();
        self.slots.extend(reading.slots);
        for u in reading.unread {
            let item = match b.day {
                Some(d) if !names_a_day(&u.item) => format!("{}: {}", day_name(d), u.item),
                _ => u.item.clone(),
            };
            self.note.push(item);
            let p = cell_problem(table, row, b.index, &u.why).field(Field::Availability.key());
            self.unread.push((p, u.partly));
        }
    }

    /// The slots and the note into the answers; with no slot at all from
    /// an answer, each item not understood is a problem of the row.
    fn settle(self, a: &mut Applicant, problems: &mut Vec<Problem>) {
        if self.slots.is_empty() {
            if self.answered {
                problems.extend(self.unread.into_iter().map(|(p, _)| p));
            }
            return;
        }
        let mut slots = self.slots;
        slots.sort();
        slots.dedup();
        let kept: Vec<String> = slots.iter().map(|s| s.to_string()).collect();
        a.answers.put(Field::Availability, Value::Slots(slots));
        if self.note.is_empty() {
            return;
        }
        let note = self.note.join("; ");
        for (mut p, _) in self.unread {
            p.message = format!(
                "{}; kept {} and wrote the answer to availability_note",
                p.message,
                kept.join(", ")
            );
            a.warnings.push(p);
        }
        let note = match a.answers.text(Field::AvailabilityNote) {
            Some(given) if !given.is_empty() => format!("{given}; {note}"),
            _ => note,
        };
        a.answers
            .values
            .insert(Field::AvailabilityNote, Value::Text(note));
    }
}

/// Whether an item names a day itself (so a grid column's day is not
/// written before it in the note).
fn names_a_day(item: &str) -> bool {
    item.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| values::day_word(&w.to_ascii_lowercase()).is_some())
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
