//! The table every export becomes: a header row and data rows whose cells
//! each know their place; where it came from (encoding and delimiter, or
//! workbook and sheet), and the lookup of a column by its header.

use std::borrow::Cow;
use std::sync::Arc;

use crate::csv::Delimiter;

mod columns;
mod spot;
use crate::error::SheetError;
use crate::kind::Format;
use crate::place::{At, Place};
use crate::text::Encoding;
use crate::value::{Cell, Value};
pub use spot::Spot;

/// Where a table came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A text file: the encoding assumed, the delimiter used and the text
    /// as decoded (without a byte order mark), for showing a source line.
    Text {
        encoding: Encoding,
        delimiter: Delimiter,
        text: String,
    },
    /// A workbook: the sheet read, and every sheet in workbook order.
    Workbook { sheet: String, sheets: Vec<String> },
}

/// One column's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Trimmed; empty when the column has none.
    pub text: String,
    pub place: Place,
}

/// One data row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row's position among the data rows, from 0.
    pub index: usize,
    /// Where the row starts: the line its record starts on (a quoted line
    /// break does not move it), or its sheet row.
    pub at: At,
    /// Its cells; `cells[i]` is in column `i`. A row may be shorter than the
    /// header (the rest is empty) or longer (cells without a header).
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in column `i`.
    pub fn get(&self, i: usize) -> Option<&Cell> {
        self.cells.get(i)
    }

    /// The value in column `i` (empty past the row's end).
    pub fn value(&self, i: usize) -> &Value {
        self.cells.get(i).map_or(&Value::Empty, |c| &c.value)
    }

    /// The trimmed text in column `i` (empty past the row's end).
    pub fn text(&self, i: usize) -> Cow<'_, str> {
        match self.value(i).to_text() {
            Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
            Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
        }
    }

    /// Whether no cell holds anything but white space.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.value.is_blank())
    }

    /// The line (text) or sheet row (workbook) where the row starts.
    pub fn number(&self) -> usize {
        match self.at {
            At::Line { line, .. } => line,
            At::Sheet { row, .. } => row as usize,
        }
    }
}

/// A whole export read.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    file: Arc<str>,
    format: Format,
    source: Source,
    header_at: At,
    headers: Vec<Header>,
    rows: Vec<Row>,
}

/// Lower-cased, trimmed, inner runs of white space as one space: the rule
/// by which a header is found.
pub fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Table {
    /// The file as the user named it.
    pub fn file(&self) -> &str {
        &self.file
    }

    pub fn format(&self) -> Format {
        self.format
    }

    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The encoding of a text file.
    pub fn encoding(&self) -> Option<Encoding> {
        match &self.source {
            Source::Text { encoding, .. } => Some(*encoding),
            Source::Workbook { .. } => None,
        }
    }

    /// The delimiter of a text file.
    pub fn delimiter(&self) -> Option<Delimiter> {
        match &self.source {
            Source::Text { delimiter, .. } => Some(*delimiter),
            Source::Workbook { .. } => None,
        }
    }

    /// The decoded text of a text file, for a source line under a message.
    pub fn text(&self) -> Option<&str> {
        match &self.source {
            Source::Text { text, .. } => Some(text),
            Source::Workbook { .. } => None,
        }
    }

    /// The sheet read from a workbook.
    pub fn sheet(&self) -> Option<&str> {
        match &self.source {
            Source::Workbook { sheet, .. } => Some(sheet),
            Source::Text { .. } => None,
        }
    }

    /// Where the header row is.
    pub fn header_at(&self) -> &At {
        &self.header_at
    }

    pub fn headers(&self) -> &[Header] {
        &self.headers
    }

    /// The header texts, in column order.
    pub fn header_texts(&self) -> impl Iterator<Item = &str> {
        self.headers.iter().map(|h| h.text.as_str())
    }

    /// The data rows, blank ones included (a text file's blank lines are
    /// not rows; a workbook's empty rows are not either).
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The place of column `column` of `row`, whether or not the row has a
    /// cell there (past a text record's end: where the record starts).
    pub fn place(&self, row: &Row, column: usize) -> Place {
        if let Some(cell) = row.cells.get(column) {
            return cell.place.clone();
        }
        let at = match &row.at {
            At::Sheet { sheet, row, .. } => At::Sheet {
                sheet: sheet.clone(),
                row: *row,
                column: self.sheet_column(column),
            },
            other => other.clone(),
        };
        Place {
            file: self.file.clone(),
            at,
            column,
            header: self.header_of(column),
        }
    }

    /// The sheet column (from 1) of table column `column`.
    fn sheet_column(&self, column: usize) -> u32 {
        let first = match self.headers.first().map(|h| &h.place.at) {
            Some(At::Sheet { column, .. }) => *column,
            _ => 1,
        };
        first.saturating_add(u32::try_from(column).unwrap_or(u32::MAX))
    }

    fn header_of(&self, column: usize) -> Option<Arc<str>> {
        self.headers
            .get(column)
            .and_then(|h| h.place.header.clone())
    }
}

/// One cell as a reader found it, before the header gives it a column name.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawCell {
    pub(crate) value: Value,
    pub(crate) at: At,
}

/// One row as a reader found it: `cells[i]` is in column `i`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawRow {
    pub(crate) at: At,
    pub(crate) cells: Vec<RawCell>,
}

impl RawRow {
    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.value.is_blank())
    }
}

/// The table from a reader's rows: the first row with anything in it is
/// the header, the rest are data; each cell is given its place.
pub(crate) fn assemble(
    file: Arc<str>,
    format: Format,
    source: Source,
    rows: Vec<RawRow>,
) -> Result<Table, SheetError> {
    let mut rows = rows.into_iter().skip_while(RawRow::is_blank);
    let Some(header) = rows.next() else {
        let sheet = match &source {
            Source::Workbook { sheet, .. } => Some(sheet.clone()),
            Source::Text { .. } => None,
        };
        return Err(SheetError::Empty { file, sheet });
    };
    let names: Vec<Option<Arc<str>>> = header.cells.iter().map(header_name).collect();
    let place = |column: usize, at: At| Place {
        file: file.clone(),
        at,
        column,
        header: names.get(column).cloned().flatten(),
    };
    let headers = header
        .cells
        .into_iter()
        .enumerate()
        .map(|(i, c)| Header {
            text: c.value.to_text().trim().to_string(),
            place: place(i, c.at),
        })
        .collect();
    let rows = rows
        .enumerate()
        .map(|(index, r)| Row {
            index,
            at: r.at,
            cells: r
                .cells
                .into_iter()
                .enumerate()
                .map(|(i, c)| Cell {
                    value: c.value,
                    place: place(i, c.at),
                })
                .collect(),
        })
        .collect();
    Ok(Table {
        file: file.clone(),
        format,
        source,
        header_at: header.at,
        headers,
        rows,
    })
}

/// A header cell's text, trimmed, when it has any.
fn header_name(cell: &RawCell) -> Option<Arc<str>> {
    let text = cell.value.to_text();
    let text = text.trim();
    (!text.is_empty()).then(|| Arc::from(text))
}
