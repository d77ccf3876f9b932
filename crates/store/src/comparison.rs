//! The comparison group named by `[evaluation] comparison`: a CSV of
//! non-participants (an HR export) with the day each was hired and, where it
//! happened, promoted and left; optionally each one's department (for the
//! stratified comparison) and certifications earned (`Name: YYYY-MM-DD`,
//! several separated by `;`). It is read by the one export reader
//! (`export.rs`): CSV in any common encoding and delimiter, or a workbook.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use mentorkit_sheet::{Row, Table};

use super::export::{ReadExport, encoding_note, read_export};
use super::private::{Fence, Fenced, is_plain_relative};
use super::{Folder, PROGRAM_FILE};
use crate::error::Problem;
use crate::model::Career;
use crate::model::values::fold;

/// One non-participant from the comparison file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRecord {
    pub line: u64,
    pub name: Option<String>,
    pub email: Option<String>,
    pub hired: NaiveDate,
    pub promoted: Option<NaiveDate>,
    pub left: Option<NaiveDate>,
    /// `None` when the file has no department column, or the cell is empty.
    pub department: Option<String>,
    /// The days certifications were earned, sorted; `None` when the file has
    /// no certifications column.
    pub certifications: Option<Vec<NaiveDate>>,
}

impl StaffRecord {
    /// The dates the evidence counts.
    pub fn career(&self) -> Career {
        Career {
            hired: Some(self.hired),
            promoted: self.promoted,
            left: self.left,
            department: self.department.clone(),
            certifications: self.certifications.clone(),
        }
    }
}

/// The headers each column may have in an HR export.
const HIRED: &[&str] = &[
    "hired",
    "hire date",
    "hire_date",
    "date hired",
    "start date",
];
const PROMOTED: &[&str] = &[
    "promoted",
    "promotion date",
    "promotion_date",
    "date promoted",
];
const LEFT: &[&str] = &[
    "left",
    "left on",
    "separation date",
    "separation_date",
    "termination date",
    "end date",
];

const DEPARTMENT: &[&str] = &["department", "dept", "department name"];
const CERTIFICATIONS: &[&str] = &["certifications", "certification", "certified"];

/// The comparison file's name as written in program.toml, and its path.
pub fn comparison_path(folder: &Folder) -> Option<(String, PathBuf)> {
    let name = folder.program.evaluation.comparison.as_deref()?.trim();
    Some((name.to_string(), folder.root.join(name)))
}

/// Reads the comparison group, when program.toml names one; every problem
/// in it otherwise.
pub fn load(folder: &Folder) -> Result<Option<(String, Vec<StaffRecord>)>, Vec<Problem>> {
    Ok(load_noted(folder)?.map(|(name, staff, _)| (name, staff)))
}

/// As [`load`], with the note on the encoding assumed when the file was
/// text in another encoding than UTF-8 (`read staff.csv as Windows-1252`).
#[allow(clippy::type_complexity)]
pub fn load_noted(
    folder: &Folder,
) -> Result<Option<(String, Vec<StaffRecord>, Option<String>)>, Vec<Problem>> {
    let Some((name, path)) = comparison_path(folder) else {
        return Ok(None);
    };
    fenced(folder, &name, &path).map_err(|p| vec![p])?;
    let shown = PathBuf::from(&name);
    let table = read_export(&path, &shown, &ReadExport::default()).map_err(|p| {
        if p.line.is_some() {
            return vec![p];
        }
        // The file as a whole cannot be read: point at the key that names it.
        let rel = Path::new(PROGRAM_FILE);
        let mut problem = Problem::file(rel, format!("{name} {}", p.message))
            .field("comparison")
            .help(p.help.unwrap_or_else(|| {
                "put the comparison group's CSV there (columns hired, promoted, left), or remove the key"
                    .to_string()
            }));
        if let Some(text) = folder.sources.get(rel)
            && let Some(line) = toml_key_line(text, "comparison")
        {
            let column = text
                .lines()
                .nth(line - 1)
                .map_or(1, |l| l.len() - l.trim_start().len() + 1);
            problem = problem.at(text, line, column);
        }
        vec![problem]
    })?;
    let note = encoding_note(&table);
    parse_staff(folder, &shown, &table).map(|staff| Some((name, staff, note)))
}

/// Refuses a comparison path that leads out of the folder (absolute, with
/// `..`, or through a link) or into `private/` (by real path or inode),
/// placed at the key in program.toml.
fn fenced(folder: &Folder, name: &str, path: &Path) -> Result<(), Problem> {
    let outside = || {
        at_comparison_key(
            folder,
            Problem::file(
                PROGRAM_FILE,
                format!(
                    "{name} is outside the program folder; a path in program.toml is read only inside it"
                ),
            )
            .help("copy the file into the program folder and name it from there, such as staff.csv"),
        )
    };
    if !is_plain_relative(Path::new(name)) {
        return Err(outside());
    }
    match Fence::of(&folder.root).check(path) {
        Ok(()) => Ok(()),
        Err(Fenced::Outside) => Err(outside()),
        Err(_) => Err(at_comparison_key(
            folder,
            Problem::file(
                PROGRAM_FILE,
                format!("{name} is under private/, which mentorkit never reads"),
            )
            .help("keep the comparison file in the program folder outside private/, such as staff.csv"),
        )),
    }
}

/// The problem placed at `comparison = …` in program.toml.
fn at_comparison_key(folder: &Folder, problem: Problem) -> Problem {
    let problem = problem.field("comparison");
    let rel = Path::new(PROGRAM_FILE);
    match folder.sources.get(rel).and_then(|text| {
        toml_key_line(text, "comparison").map(|line| {
            let column = text
                .lines()
                .nth(line - 1)
                .map_or(1, |l| l.len() - l.trim_start().len() + 1);
            (text, line, column)
        })
    }) {
        Some((text, line, column)) => problem.at(text, line, column),
        None => problem,
    }
}

/// The line where a TOML `key = …` is written, from 1.
fn toml_key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

fn find(table: &Table, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| table.column(n).ok())
}

/// The header of column `i`.
fn header(table: &Table, i: usize) -> &str {
    table.headers().get(i).map_or("", |h| h.text.as_str())
}

fn parse_staff(
    folder: &Folder,
    shown: &Path,
    table: &Table,
) -> Result<Vec<StaffRecord>, Vec<Problem>> {
    let Some(hired_col) = find(table, HIRED) else {
        return Err(vec![
            Problem::file(shown, "has no `hired` column")
                .help(format!(
                    "name the columns hired, promoted and left (dates as YYYY-MM-DD); the file has: {}",
                    table.header_texts().collect::<Vec<_>>().join(", ")
                ))
                .field("hired"),
        ]);
    };
    let promoted_col = find(table, PROMOTED);
    let left_col = find(table, LEFT);
    let department_col = find(table, DEPARTMENT);
    let certifications_col = find(table, CERTIFICATIONS);
    let name_col = table.column("name").ok();
    let email_col = table.column("email").ok();
    let mentees: std::collections::BTreeMap<String, &String> = folder
        .mentees()
        .map(|(id, p)| (fold(&p.email), id))
        .collect();
    let mut problems = Vec::new();
    let mut staff = Vec::new();
    for row in table.rows().iter().filter(|r| !r.is_blank()) {
        let mut date = |col: Option<usize>, required: bool| -> Option<NaiveDate> {
            let i = col?;
            let text = row.text(i);
            if text.is_empty() {
                if required {
                    problems.push(row_problem(shown, table, row, i, "no date given"));
                }
                return None;
            }
            let parsed = NaiveDate::parse_from_str(&text, "%Y-%m-%d");
            if parsed.is_err() {
                problems.push(row_problem(
                    shown,
                    table,
                    row,
                    i,
                    &format!("`{text}` is not a date; write it as YYYY-MM-DD"),
                ));
            }
            parsed.ok()
        };
        let hired = date(Some(hired_col), true);
        let promoted = date(promoted_col, false);
        let left = date(left_col, false);
        let certifications = certifications_col.map(|i| {
            certification_dates(&row.text(i)).unwrap_or_else(|bad| {
                problems.push(
                    row_problem(
                        shown,
                        table,
                        row,
                        i,
                        &format!("`{bad}` is not a certification with a date"),
                    )
                    .help("write each as `Name: YYYY-MM-DD` (or the date alone), several separated by `;`"),
                );
                Vec::new()
            })
        });
        let department = department_col
            .map(|i| row.text(i).into_owned())
            .filter(|s| !s.is_empty());
        let email = email_col
            .map(|i| row.text(i).into_owned())
            .filter(|s| !s.is_empty());
        if let Some(id) = email.as_ref().and_then(|e| mentees.get(&fold(e))) {
            problems.push(
                row_problem(
                    shown,
                    table,
                    row,
                    email_col.unwrap_or_default(),
                    &format!(
                        "{} is the email of mentee `{id}`",
                        email.as_deref().unwrap_or("")
                    ),
                )
                .help("the comparison group lists non-participants only; remove the row"),
            );
        }
        if let (Some(l), Some(h)) = (left, hired)
            && l < h
        {
            problems.push(row_problem(
                shown,
                table,
                row,
                left_col.unwrap_or_default(),
                &format!("left {l}, before being hired ({h})"),
            ));
        }
        if let Some(hired) = hired {
            staff.push(StaffRecord {
                line: row.number() as u64,
                name: name_col
                    .map(|i| row.text(i).into_owned())
                    .filter(|s| !s.is_empty()),
                email,
                hired,
                promoted,
                left,
                department,
                certifications,
            });
        }
    }
    if problems.is_empty() {
        Ok(staff)
    } else {
        Err(problems)
    }
}

/// The days in a certifications cell: items separated by `;`, each ending
/// in its date (`ALA CLSS: 2017-05-12`, `Notary (2018-01-02)`, `2019-03-04`);
/// an empty cell is none. The item that has no date is the error.
fn certification_dates(cell: &str) -> Result<Vec<NaiveDate>, String> {
    let mut days = Vec::new();
    for item in cell.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        let bare = item.trim_end_matches(')').trim_end();
        let date = bare
            .char_indices()
            .rev()
            .nth(9)
            .and_then(|(at, _)| NaiveDate::parse_from_str(&bare[at..], "%Y-%m-%d").ok())
            .ok_or_else(|| item.to_string())?;
        days.push(date);
    }
    days.sort();
    Ok(days)
}

/// A problem with one cell: at its line in a text file (`staff.csv:4:
/// hired: …`), at its sheet, row and column in a workbook.
fn row_problem(shown: &Path, table: &Table, row: &Row, column: usize, message: &str) -> Problem {
    let title = header(table, column);
    let spot = table.spot(row, column);
    let mut p = match spot.sheet_words {
        Some(words) => Problem::file(shown, format!("{words}: {message}")),
        None => Problem::file(shown, format!("{title}: {message}")),
    }
    .field(title);
    p.line = spot.line;
    p
}

/// The comparison group's problems, for `check`.
pub(crate) fn problems(folder: &Folder) -> Vec<Problem> {
    load(folder).err().unwrap_or_default()
}

#[cfg(test)]
mod tests;
