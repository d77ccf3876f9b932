//! Where a cell is, for a message that already names the file: a text
//! file's line and character (and the line itself, for a caret), or a
//! workbook's sheet, row and column letter in words. The row is counted as
//! a spreadsheet counts it, so "row 7" is the row a coordinator scrolls to.

use super::{Row, Table};
use crate::place::{At, column_letters};

/// One cell's place, ready for a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot<'a> {
    /// The row as a spreadsheet numbers it: a workbook's own row, or in a
    /// text file the record's position with the header as row 1.
    pub row: usize,
    /// The column's header (trimmed; `None` when it has none).
    pub header: Option<&'a str>,
    /// A text file: the line (from 1) and character (from 1) where the
    /// cell starts.
    pub line: Option<usize>,
    pub char: Option<usize>,
    /// A workbook: `sheet "Form1", row 7, column C ("Email")`.
    pub sheet_words: Option<String>,
}

impl Table {
    /// The row as a spreadsheet numbers it (see [`Spot::row`]).
    pub fn row_number(&self, row: &Row) -> usize {
        match &row.at {
            At::Line { .. } => row.index + 2,
            At::Sheet { row, .. } => *row as usize,
        }
    }

    /// The spot of column `column` of `row`.
    pub fn spot(&self, row: &Row, column: usize) -> Spot<'_> {
        let place = self.place(row, column);
        let header = self
            .headers
            .get(column)
            .map(|h| h.text.as_str())
            .filter(|h| !h.is_empty());
        match &place.at {
            At::Line { line, char } => Spot {
                row: self.row_number(row),
                header,
                line: Some(*line),
                char: Some(*char),
                sheet_words: None,
            },
            At::Sheet {
                sheet,
                row: at_row,
                column: at_column,
            } => {
                let mut words = format!(
                    "sheet \"{sheet}\", row {at_row}, column {}",
                    column_letters(*at_column)
                );
                if let Some(h) = header {
                    words.push_str(&format!(" (\"{h}\")"));
                }
                Spot {
                    row: *at_row as usize,
                    header,
                    line: None,
                    char: None,
                    sheet_words: Some(words),
                }
            }
        }
    }
}

impl Table {
    /// Where a row is, file included: `responses.csv:7` (its first line),
    /// or `responses.xlsx: sheet "Form1", row 7`.
    pub fn row_words(&self, row: &Row) -> String {
        match &row.at {
            At::Line { line, .. } => format!("{}:{line}", self.file),
            At::Sheet { sheet, row, .. } => format!("{}: sheet \"{sheet}\", row {row}", self.file),
        }
    }

    /// What a row's number counts: `line` in a text file, `row` in a sheet.
    pub fn row_noun(&self) -> &'static str {
        if self.format.is_workbook() {
            "row"
        } else {
            "line"
        }
    }
}
