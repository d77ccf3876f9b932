//! Reading an export someone downloaded — a Forms CSV in whatever encoding,
//! an `.xlsx` or `.ods` workbook, an HR staff list — through the one
//! positioned reader (mentorkit-sheet): the bytes read here within a budget,
//! the table handed to the logic, and every reason a file cannot be read
//! said as a problem that names the file, the place and what to do.

use std::path::Path;

use mentorkit_sheet::{self as sheet, Budget, Encoding, Options, SheetError};

pub use mentorkit_sheet::Table;

use crate::error::{Problem, did_you_mean_quoted};

/// The largest export read (64 MiB): hundreds of thousands of answers.
pub const MAX_EXPORT_BYTES: u64 = 64 * 1024 * 1024;

/// What to read: the sheet of a workbook (the first when `None`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadExport<'a> {
    pub sheet: Option<&'a str>,
}

/// Reads the export at `path`, named `shown` in messages, into a table.
pub fn read_export(path: &Path, shown: &Path, how: &ReadExport<'_>) -> Result<Table, Problem> {
    let name = shown.display().to_string();
    let options = Options {
        sheet: how.sheet.map(str::to_string),
        delimiter: None,
        budget: Budget {
            max_bytes: MAX_EXPORT_BYTES,
            ..Budget::default()
        },
    };
    let bytes = sheet::read_bytes(path, &name, options.budget.max_bytes)
        .map_err(|e| sheet_problem(shown, &e, None))?;
    sheet::read(&bytes, &name, &options).map_err(|e| sheet_problem(shown, &e, Some(&bytes)))
}

/// `read responses.csv as Windows-1252`, when the export was text in
/// another encoding than UTF-8; `None` for UTF-8 and for workbooks.
pub fn encoding_note(table: &Table) -> Option<String> {
    match table.encoding()? {
        Encoding::Utf8 => None,
        other => Some(format!("read {} as {other}", table.file())),
    }
}

/// A reason an export cannot be read, as a problem of the file `shown`;
/// `bytes` give the source line under a CSV syntax error.
pub fn sheet_problem(shown: &Path, e: &SheetError, bytes: Option<&[u8]>) -> Problem {
    let p = |message: String| Problem::file(shown, message);
    match e {
        SheetError::Open { source, .. } => {
            let why = match source.raw_os_error() {
                Some(40) => "a symbolic link that loops".to_string(),
                _ if source.kind() == std::io::ErrorKind::NotFound => {
                    "cannot be read: it is missing, or a link to nothing".to_string()
                }
                _ => format!("cannot be read: {source}"),
            };
            p(why)
        }
        SheetError::NotAFile { .. } => p("is a folder, not a file".into()),
        SheetError::TooLarge { limit, .. } => p(format!(
            "is larger than {limit} bytes, more than any form export; refused"
        ))
        .help("check that the right file is named"),
        SheetError::TooManyRows { limit, .. } => {
            p(format!("has more than {limit} rows; refused")).help("check that the right file is named")
        }
        SheetError::Unpacks { size, limit, .. } => p(format!(
            "would unpack to {size} bytes, more than the {limit} a workbook may; refused"
        )),
        SheetError::Empty { sheet: Some(s), .. } => p(format!(
            "sheet \"{s}\" is empty: a form export starts with a row of column titles"
        ))
        .help("name the sheet that holds the answers with --sheet NAME"),
        SheetError::Empty { sheet: None, .. } => p(
            "is empty: a form export starts with a row of column titles".into(),
        ),
        SheetError::NotText { named: Some(format), .. } => p(format!(
            "is named as a {format} workbook but is neither a workbook nor text"
        ))
        .help("it may be damaged or half downloaded; download it again"),
        SheetError::NotText { named: None, .. } => p("is neither a spreadsheet nor text".into())
            .help("save it as CSV UTF-8 or as an .xlsx workbook (UTF-16 text needs its byte order mark)"),
        SheetError::BadText { encoding, .. } => p(format!(
            "is marked as {encoding} text, but its bytes are not {encoding}"
        ))
        .help("save it again as CSV UTF-8"),
        SheetError::NotAWorkbook { mimetype, .. } => {
            let what = match mimetype {
                Some(m) if !m.is_empty() => format!("is a zip archive of {m}, not a workbook"),
                _ => "is a zip archive, not a workbook".to_string(),
            };
            p(what).help("download the responses as .xlsx, .ods or CSV")
        }
        SheetError::Protected { format, .. } => p(format!(
            "is a password-protected {format} workbook"
        ))
        .help("save a copy without the password and import that copy"),
        SheetError::Damaged { format, source, .. } => {
            p(format!("is a damaged {format} workbook: {source}"))
                .help("open it and save it again, or download the responses as CSV")
        }
        SheetError::UnknownSheet {
            name,
            sheets,
            nearest,
            ..
        } => {
            let help = match nearest {
                Some(n) => did_you_mean_quoted(n),
                None => format!("its sheets are: {}", quoted(sheets)),
            };
            p(format!("has no sheet \"{name}\"")).help(help)
        }
        SheetError::SheetOfText { sheet, .. } => p(format!(
            "is text, not a workbook, so it has no sheet \"{sheet}\""
        ))
        .help("leave out --sheet for a CSV file"),
        SheetError::Csv {
            line, char, what, ..
        } => {
            let message = match what {
                sheet::CsvFault::UnclosedQuote => "a quoted cell is never closed".to_string(),
                sheet::CsvFault::TextAfterQuote => "text follows the closing quote of a cell; a quote inside a quoted cell is written twice (\"\")".to_string(),
            };
            let text = bytes.and_then(|b| sheet::decode(b, &shown.display().to_string()).ok());
            match text {
                Some((text, _)) => p(message).at(&text, *line, *char),
                None => {
                    let mut problem = p(message);
                    problem.line = Some(*line);
                    problem.column = Some(*char);
                    problem
                }
            }
        }
        SheetError::CellError { place, error } => cell_error(shown, place, *error),
        SheetError::NoColumn {
            name,
            nearest,
            headers,
            ..
        } => {
            let help = match nearest {
                Some(n) => did_you_mean_quoted(n),
                None => format!("the columns are: {}", quoted(headers)),
            };
            p(format!("has no column \"{name}\"")).help(help)
        }
        SheetError::DuplicateColumn { name, places, .. } => p(format!(
            "has {} columns titled \"{name}\"",
            places.len()
        ))
        .help("give the columns different titles"),
        SheetError::EmptyHeader { place } => {
            p(format!("{}: the column has data but no title", where_words(place)))
        }
        SheetError::DuplicateHeader { header, places } => p(format!(
            "{} columns are titled \"{header}\"",
            places.len()
        )),
    }
}

/// `"A", "B"`.
fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A place without its file: `line 7, column "Email"`, or
/// `sheet "Form1", row 7, column C ("Email")`.
fn where_words(place: &sheet::Place) -> String {
    let header = place.header.as_deref();
    match (&place.at, header) {
        (sheet::At::Line { line, .. }, Some(h)) => format!("line {line}, column \"{h}\""),
        (sheet::At::Line { line, .. }, None) => {
            format!("line {line}, column {}", place.column_number())
        }
        (sheet::At::Sheet { sheet, row, column }, h) => {
            let mut words = format!(
                "sheet \"{sheet}\", row {row}, column {}",
                sheet::column_letters(*column)
            );
            if let Some(h) = h {
                words.push_str(&format!(" (\"{h}\")"));
            }
            words
        }
    }
}

/// A cell that holds a spreadsheet error value (`#N/A`).
fn cell_error(shown: &Path, place: &sheet::Place, error: sheet::CellError) -> Problem {
    Problem::file(
        shown,
        format!("{}: the cell holds the error {error}", where_words(place)),
    )
    .help("fix the formula in the workbook, or clear the cell")
}
