//! Where a cell is, in the words a coordinator uses to find it: a line of a
//! CSV file and its column's header, or a workbook's sheet, row and column
//! letter.

use std::fmt;
use std::sync::Arc;

/// The place of one cell (or of a row, at its first column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file as the user named it.
    pub file: Arc<str>,
    pub at: At,
    /// The column in the table, from 0 (the first column of the header).
    pub column: usize,
    /// The header of that column, when it has one.
    pub header: Option<Arc<str>>,
}

/// Where in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// A text file: the line the cell starts on (from 1) and the character
    /// on that line where it starts (from 1, counted in characters), for a
    /// caret under the source line.
    Line { line: usize, char: usize },
    /// A workbook: the sheet, the row (from 1) and the sheet's own column
    /// (from 1: A is 1), which differs from `Place::column` when the table
    /// does not start in column A.
    Sheet {
        sheet: Arc<str>,
        row: u32,
        column: u32,
    },
}

impl Place {
    /// The line of a text file.
    pub fn line(&self) -> Option<usize> {
        match self.at {
            At::Line { line, .. } => Some(line),
            At::Sheet { .. } => None,
        }
    }

    /// The character on the line of a text file where the cell starts.
    pub fn char(&self) -> Option<usize> {
        match self.at {
            At::Line { char, .. } => Some(char),
            At::Sheet { .. } => None,
        }
    }

    /// The sheet of a workbook.
    pub fn sheet(&self) -> Option<&str> {
        match &self.at {
            At::Sheet { sheet, .. } => Some(sheet),
            At::Line { .. } => None,
        }
    }

    /// The row of a workbook, from 1.
    pub fn row(&self) -> Option<u32> {
        match self.at {
            At::Sheet { row, .. } => Some(row),
            At::Line { .. } => None,
        }
    }

    /// The column as a person counts it, from 1: in a workbook the sheet's
    /// column (A is 1), in a text file the field's position in its record.
    pub fn column_number(&self) -> usize {
        match self.at {
            At::Sheet { column, .. } => column as usize,
            At::Line { .. } => self.column + 1,
        }
    }

    /// The column letter of a workbook (`A`, …, `Z`, `AA`).
    pub fn column_letter(&self) -> Option<String> {
        match self.at {
            At::Sheet { column, .. } => Some(column_letters(column)),
            At::Line { .. } => None,
        }
    }
}

/// A spreadsheet's column letters for a column counted from 1: 1 is `A`,
/// 26 `Z`, 27 `AA`, 16384 `XFD`. 0 has none (an empty string).
pub fn column_letters(mut column: u32) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let rest = (column - 1) % 26;
        letters.push(char::from(b'A' + rest as u8));
        column = (column - 1) / 26;
    }
    letters.iter().rev().collect()
}

impl fmt::Display for Place {
    /// `responses.csv:7: column "Email"`, or
    /// `responses.xlsx: sheet "Form1", row 7, column C ("Email")`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.at {
            At::Line { line, .. } => {
                write!(f, "{}:{line}: column ", self.file)?;
                match &self.header {
                    Some(h) => write!(f, "\"{h}\""),
                    None => write!(f, "{}", self.column + 1),
                }
            }
            At::Sheet { sheet, row, column } => {
                write!(
                    f,
                    "{}: sheet \"{sheet}\", row {row}, column {}",
                    self.file,
                    column_letters(*column)
                )?;
                match &self.header {
                    Some(h) => write!(f, " (\"{h}\")"),
                    None => Ok(()),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_count_like_a_spreadsheet() {
        let cases = [
            (1, "A"),
            (2, "B"),
            (26, "Z"),
            (27, "AA"),
            (52, "AZ"),
            (53, "BA"),
            (702, "ZZ"),
            (703, "AAA"),
            (16384, "XFD"),
            (0, ""),
        ];
        for (n, want) in cases {
            assert_eq!(column_letters(n), want, "{n}");
        }
    }

    #[test]
    fn places_read_as_a_person_says_them() {
        let csv = |header: Option<&str>| Place {
            file: Arc::from("responses.csv"),
            at: At::Line { line: 7, char: 12 },
            column: 2,
            header: header.map(Arc::from),
        };
        let sheet = |header: Option<&str>| Place {
            file: Arc::from("responses.xlsx"),
            at: At::Sheet {
                sheet: Arc::from("Form1"),
                row: 7,
                column: 3,
            },
            column: 2,
            header: header.map(Arc::from),
        };
        let cases = [
            (csv(Some("Email")), "responses.csv:7: column \"Email\""),
            (csv(None), "responses.csv:7: column 3"),
            (
                sheet(Some("Email")),
                "responses.xlsx: sheet \"Form1\", row 7, column C (\"Email\")",
            ),
            (
                sheet(None),
                "responses.xlsx: sheet \"Form1\", row 7, column C",
            ),
        ];
        for (place, want) in cases {
            assert_eq!(place.to_string(), want);
        }
        assert_eq!(csv(None).line(), Some(7));
        assert_eq!(csv(None).char(), Some(12));
        assert_eq!(csv(None).column_number(), 3);
        assert_eq!(sheet(None).row(), Some(7));
        assert_eq!(sheet(None).sheet(), Some("Form1"));
        assert_eq!(sheet(None).column_letter().as_deref(), Some("C"));
        assert_eq!(csv(None).column_letter(), None);
    }
}
