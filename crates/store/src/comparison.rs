//! The comparison group named by `[evaluation] comparison`: a CSV of
//! non-participants (an HR export) with the day each was hired and, where it
//! happened, promoted and left; optionally each one's department (for the
//! stratified comparison) and certifications earned (`Name: YYYY-MM-DD`,
//! several separated by `;`). Also the CSV reading every Forms or HR export
//! shares: a byte order mark, CRLF line ends and quoted newlines are fine.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::private::{Fence, Fenced, is_plain_relative};
use super::{Folder, PROGRAM_FILE};
use crate::error::Problem;
use crate::model::Career;
use crate::model::values::fold;

/// The largest export read (50 MiB): a staff list or a survey is far smaller.
pub const MAX_CSV_BYTES: u64 = 50 * 1024 * 1024;

pub use crate::model::table::{CsvRow, CsvTable, squash};

/// Reads a CSV export at `path`, named `shown` in problems.
pub fn read_csv(path: &Path, shown: &Path) -> Result<CsvTable, Problem> {
    let text = super::read_text(path, shown, MAX_CSV_BYTES).map_err(|mut p| {
        if p.message == "is not a file" {
            p.help = None;
        }
        p
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    // The line a record starts on, counted here: the reader's own count
    // skips the line breaks inside quoted cells, and its position of a
    // record can be on the line break before it.
    let bytes = text.as_bytes();
    let line_of = |byte: u64| {
        let mut end = (byte as usize).min(bytes.len());
        while end < bytes.len() && matches!(bytes[end], b'\r' | b'\n') {
            end += 1;
        }
        bytes[..end].iter().filter(|&&b| b == b'\n').count() as u64 + 1
    };
    let located = |e: csv::Error| {
        let mut p = Problem::file(shown, format!("cannot be read as CSV: {e}"));
        if let Some(pos) = e.position() {
            p.line = Some(line_of(pos.byte()) as usize);
        }
        p
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(located)?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(Problem::file(shown, "has no header row")
            .help("the first line names the columns, as Forms and spreadsheets export it"));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(located)?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push(CsvRow {
            line: record.position().map_or(0, |p| line_of(p.byte())),
            cells: record.iter().map(str::to_string).collect(),
        });
    }
    Ok(CsvTable { headers, rows })
}

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
    let Some((name, path)) = comparison_path(folder) else {
        return Ok(None);
    };
    fenced(folder, &name, &path).map_err(|p| vec![p])?;
    let shown = PathBuf::from(&name);
    let table = read_csv(&path, &shown).map_err(|p| {
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
    parse_staff(folder, &shown, &table).map(|staff| Some((name, staff)))
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

fn find(table: &CsvTable, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| table.column(n))
}

fn parse_staff(
    folder: &Folder,
    shown: &Path,
    table: &CsvTable,
) -> Result<Vec<StaffRecord>, Vec<Problem>> {
    let Some(hired_col) = find(table, HIRED) else {
        return Err(vec![
            Problem::file(shown, "has no `hired` column")
                .help(format!(
                    "name the columns hired, promoted and left (dates as YYYY-MM-DD); the file has: {}",
                    table.headers.join(", ")
                ))
                .field("hired"),
        ]);
    };
    let promoted_col = find(table, PROMOTED);
    let left_col = find(table, LEFT);
    let department_col = find(table, DEPARTMENT);
    let certifications_col = find(table, CERTIFICATIONS);
    let name_col = table.column("name");
    let email_col = table.column("email");
    let mentees: std::collections::BTreeMap<String, &String> = folder
        .mentees()
        .map(|(id, p)| (fold(&p.email), id))
        .collect();
    let mut problems = Vec::new();
    let mut staff = Vec::new();
    for row in &table.rows {
        let mut date = |col: Option<usize>, required: bool| -> Option<NaiveDate> {
            let i = col?;
            let text = row.cell(i);
            if text.is_empty() {
                if required {
                    problems.push(row_problem(shown, row, &table.headers[i], "no date given"));
                }
                return None;
            }
            let parsed = NaiveDate::parse_from_str(text, "%Y-%m-%d");
            if parsed.is_err() {
                problems.push(row_problem(
                    shown,
                    row,
                    &table.headers[i],
                    &format!("`{text}` is not a date; write it as YYYY-MM-DD"),
                ));
            }
            parsed.ok()
        };
        let hired = date(Some(hired_col), true);
        let promoted = date(promoted_col, false);
        let left = date(left_col, false);
        let certifications = certifications_col.map(|i| {
            certification_dates(row.cell(i)).unwrap_or_else(|bad| {
                problems.push(
                    row_problem(
                        shown,
                        row,
                        &table.headers[i],
                        &format!("`{bad}` is not a certification with a date"),
                    )
                    .help("write each as `Name: YYYY-MM-DD` (or the date alone), several separated by `;`"),
                );
                Vec::new()
            })
        });
        let department = department_col
            .map(|i| row.cell(i).trim().to_string())
            .filter(|s| !s.is_empty());
        let email = email_col
            .map(|i| row.cell(i).to_string())
            .filter(|s| !s.is_empty());
        if let Some(id) = email.as_ref().and_then(|e| mentees.get(&fold(e))) {
            problems.push(
                row_problem(
                    shown,
                    row,
                    &table.headers[email_col.unwrap_or_default()],
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
                row,
                &table.headers[left_col.unwrap_or_default()],
                &format!("left {l}, before being hired ({h})"),
            ));
        }
        if let Some(hired) = hired {
            staff.push(StaffRecord {
                line: row.line,
                name: name_col
                    .map(|i| row.cell(i).to_string())
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

fn row_problem(shown: &Path, row: &CsvRow, column: &str, message: &str) -> Problem {
    let mut p = Problem::file(shown, format!("{column}: {message}")).field(column);
    p.line = Some(row.line as usize);
    p
}

/// The comparison group's problems, for `check`.
pub(crate) fn problems(folder: &Folder) -> Vec<Problem> {
    load(folder).err().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_know_their_line_through_quoted_newlines_crlf_and_a_bom() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::write(
            &path,
            "\u{feff}Email,Note\r\na@x.org,\"two\r\nlines\"\r\nb@x.org,one\r\n\r\nc@x.org,\r\n",
        )
        .unwrap();
        let t = read_csv(&path, Path::new("x.csv")).unwrap();
        assert_eq!(t.headers, ["Email", "Note"]);
        let lines: Vec<u64> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 6]);
        assert_eq!(t.rows[0].cell(1), "two\r\nlines");
        assert_eq!(t.column(" email "), Some(0));
    }

    #[test]
    fn certification_cells_give_their_dates() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(certification_dates(""), Ok(vec![]));
        assert_eq!(
            certification_dates("Notary (2018-01-02); ALA CLSS: 2017-05-12 ;2019-03-04"),
            Ok(vec![
                day("2017-05-12"),
                day("2018-01-02"),
                day("2019-03-04")
            ])
        );
        assert_eq!(
            certification_dates("CLSS: 2017-05-12; CPR"),
            Err("CPR".to_string())
        );
        assert_eq!(certification_dates("é"), Err("é".to_string()));
    }
}
