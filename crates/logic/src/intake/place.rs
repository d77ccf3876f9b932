//! A problem at a cell of an export, said the way a coordinator finds it:
//! in a CSV file at its line and character with the line shown and a caret
//! (`a.csv:3:48: row 3, "Hired": …`), in a workbook at its sheet, row and
//! column letter (`a.xlsx: sheet "Form1", row 3, column E ("Hired"): …`).

use std::path::Path;

use mentorkit_sheet::{Row, Table};

use crate::error::Problem;

/// `message` about column `column` of `row`, led by the row and the
/// column's title.
pub fn cell_problem(table: &Table, row: &Row, column: usize, message: &str) -> Problem {
    let spot = table.spot(row, column);
    match spot.sheet_words {
        Some(words) => Problem::file(table.file(), format!("{words}: {message}")),
        None => {
            let title = spot
                .header
                .map_or_else(|| format!("column {}", column + 1), |h| format!("\"{h}\""));
            located(
                table,
                Problem::file(
                    table.file(),
                    format!("row {}, {title}: {message}", spot.row),
                ),
                spot.line,
                spot.char,
            )
        }
    }
}

/// `message` placed at the cell itself, with no words before it (a text
/// file's line and caret; a workbook's sheet, row and column).
pub fn at_cell(table: &Table, row: &Row, column: usize, message: &str) -> Problem {
    let spot = table.spot(row, column);
    match spot.sheet_words {
        Some(words) => Problem::file(table.file(), format!("{words}: {message}")),
        None => located(
            table,
            Problem::file(table.file(), message.to_string()),
            spot.line,
            spot.char,
        ),
    }
}

/// The file of an export's problems, as the user named it.
pub fn export_path(table: &Table) -> &Path {
    Path::new(table.file())
}

fn located(table: &Table, p: Problem, line: Option<usize>, char: Option<usize>) -> Problem {
    match (table.text(), line) {
        (Some(text), Some(line)) => p.at(text, line, char.unwrap_or(1)),
        (None, Some(line)) => {
            let mut p = p;
            p.line = Some(line);
            p.column = char;
            p
        }
        _ => p,
    }
}
