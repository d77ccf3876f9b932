//! Workbooks through calamine: the first sheet unless one is named, cells
//! with their types kept (text, number, boolean, date and time, error
//! values). `.xlsx` and `.xlsb` sheets are streamed cell by cell, so a
//! single far-away cell costs one cell, not a dense grid up to it; `.ods`
//! and `.xls` come as calamine's ranges (which it caps for `.ods`).

use std::collections::BTreeMap;
use std::io::Cursor;
use std::sync::Arc;

use calamine::{Data, Ods, Reader, Xls, Xlsb, Xlsx};

use crate::error::{Cause, SheetError};
use crate::kind::Format;
use crate::place::At;
use crate::table::{RawCell, RawRow, Source, Table, assemble};
use crate::value::{CellError, Value};

mod cells;
use crate::{Budget, Options};
use cells::{from_data, from_ref};

type Bytes<'a> = Cursor<&'a [u8]>;

/// Reads a zip-based workbook of `format`.
pub(crate) fn read(
    bytes: &[u8],
    file: Arc<str>,
    format: Format,
    options: &Options,
) -> Result<Table, SheetError> {
    let fail = Failure {
        file: &file,
        format,
    };
    let wanted = options.sheet.as_deref();
    let budget = options.budget;
    let (sheet, sheets, rows) = match format {
        Format::Xlsb => {
            let mut book = Xlsb::new(Cursor::new(bytes)).map_err(|e| fail.of(e))?;
            let sheets = book.sheet_names();
            let sheet = choose(&file, &sheets, wanted)?;
            let mut grid = Grid::new(&file, &sheet, budget);
            let mut cells = book
                .worksheet_cells_reader(&sheet)
                .map_err(|e| fail.of(e))?;
            while let Some(cell) = cells.next_cell().map_err(|e| fail.of(e))? {
                let (row, column) = cell.get_position();
                grid.add(row, column, from_ref(cell.get_value()))?;
            }
            (sheet, sheets, grid.rows())
        }
        Format::Ods => {
            let mut book: Ods<Bytes<'_>> = Ods::new(Cursor::new(bytes)).map_err(|e| fail.of(e))?;
            let sheets = book.sheet_names();
            let sheet = choose(&file, &sheets, wanted)?;
            let range = book.worksheet_range(&sheet).map_err(|e| fail.of(e))?;
            let rows = from_range(&file, &sheet, budget, &range, Format::Ods)?;
            (sheet, sheets, rows)
        }
        _ => {
            let mut book: Xlsx<Bytes<'_>> =
                Xlsx::new(Cursor::new(bytes)).map_err(|e| fail.of(e))?;
            let sheets = book.sheet_names();
            let sheet = choose(&file, &sheets, wanted)?;
            let mut grid = Grid::new(&file, &sheet, budget);
            match book.worksheet_cells_reader(&sheet) {
                Ok(mut cells) => {
                    while let Some(cell) = cells.next_cell().map_err(|e| fail.of(e))? {
                        let (row, column) = cell.get_position();
                        grid.add(row, column, from_ref(cell.get_value()))?;
                    }
                }
                // A chart sheet has no cells.
                Err(calamine::XlsxError::NotAWorksheet(_)) => {}
                Err(e) => return Err(fail.of(e)),
            }
            (sheet, sheets, grid.rows())
        }
    };
    let source = Source::Workbook { sheet, sheets };
    assemble(file, format, source, rows)
}

/// Reads an OLE file as an `.xls` workbook; `None` when it is not one
/// (then it is read as text, and refused if it is not text either).
pub(crate) fn read_xls(
    bytes: &[u8],
    file: Arc<str>,
    options: &Options,
) -> Result<Option<Table>, SheetError> {
    let mut book: Xls<Bytes<'_>> = match Xls::new(Cursor::new(bytes)) {
        Ok(book) => book,
        Err(calamine::XlsError::Password) => {
            return Err(SheetError::Protected {
                file,
                format: Format::Xls,
            });
        }
        Err(_) => return Ok(None),
    };
    let fail = Failure {
        file: &file,
        format: Format::Xls,
    };
    let sheets = book.sheet_names();
    let sheet = choose(&file, &sheets, options.sheet.as_deref())?;
    let range = book.worksheet_range(&sheet).map_err(|e| fail.of(e))?;
    let rows = from_range(&file, &sheet, options.budget, &range, Format::Xls)?;
    let source = Source::Workbook { sheet, sheets };
    assemble(file, Format::Xls, source, rows).map(Some)
}

/// Turns calamine's errors into ours.
struct Failure<'a> {
    file: &'a Arc<str>,
    format: Format,
}

impl Failure<'_> {
    fn of<E: Fault>(&self, e: E) -> SheetError {
        if e.is_password() {
            return SheetError::Protected {
                file: self.file.clone(),
                format: self.format,
            };
        }
        let source: Cause = Box::new(e);
        SheetError::Damaged {
            file: self.file.clone(),
            format: self.format,
            source,
        }
    }
}

/// calamine's error of one format.
trait Fault: std::error::Error + Send + Sync + 'static {
    /// Whether it says the workbook is password protected.
    fn is_password(&self) -> bool;
}

impl Fault for calamine::XlsxError {
    fn is_password(&self) -> bool {
        matches!(self, calamine::XlsxError::Password)
    }
}

impl Fault for calamine::XlsbError {
    fn is_password(&self) -> bool {
        matches!(self, calamine::XlsbError::Password)
    }
}

impl Fault for calamine::OdsError {
    fn is_password(&self) -> bool {
        matches!(self, calamine::OdsError::Password)
    }
}

impl Fault for calamine::XlsError {
    fn is_password(&self) -> bool {
        matches!(self, calamine::XlsError::Password)
    }
}

/// The sheet to read: the first, or the one named (exactly, else the one
/// that matches ignoring case and surrounding spaces).
pub(crate) fn choose(
    file: &Arc<str>,
    sheets: &[String],
    wanted: Option<&str>,
) -> Result<String, SheetError> {
    let Some(wanted) = wanted else {
        return sheets.first().cloned().ok_or_else(|| SheetError::Empty {
            file: file.clone(),
            sheet: None,
        });
    };
    if let Some(s) = sheets.iter().find(|s| *s == wanted) {
        return Ok(s.clone());
    }
    let fold = |s: &str| s.trim().to_lowercase();
    let loose: Vec<&String> = sheets.iter().filter(|s| fold(s) == fold(wanted)).collect();
    if let [one] = loose.as_slice() {
        return Ok((*one).clone());
    }
    let nearest = sheets
        .iter()
        .map(|s| (strsim::damerau_levenshtein(&fold(wanted), &fold(s)), s))
        .filter(|(d, s)| *d <= (s.chars().count() / 3).max(2))
        .min()
        .map(|(_, s)| s.clone());
    Err(SheetError::UnknownSheet {
        file: file.clone(),
        name: wanted.to_string(),
        sheets: sheets.to_vec(),
        nearest,
    })
}

/// The non-empty cells of a sheet, by row, within the row budget.
struct Grid<'a> {
    file: &'a Arc<str>,
    sheet: Arc<str>,
    max_rows: usize,
    rows: BTreeMap<u32, Vec<(u32, Value)>>,
}

impl<'a> Grid<'a> {
    fn new(file: &'a Arc<str>, sheet: &str, budget: Budget) -> Grid<'a> {
        Grid {
            file,
            sheet: Arc::from(sheet),
            max_rows: budget.max_rows,
            rows: BTreeMap::new(),
        }
    }

    /// A cell at its 0-based row and column.
    fn add(&mut self, row: u32, column: u32, value: Value) -> Result<(), SheetError> {
        if value == Value::Empty {
            return Ok(());
        }
        self.rows.entry(row).or_default().push((column, value));
        // The header and `max_rows` data rows.
        if self.rows.len() > self.max_rows.saturating_add(1) {
            return Err(SheetError::TooManyRows {
                file: self.file.clone(),
                limit: self.max_rows,
            });
        }
        Ok(())
    }

    /// The rows, each from the sheet's first used column to its own last
    /// cell, gaps filled with empty cells.
    fn rows(self) -> Vec<RawRow> {
        let first = self
            .rows
            .values()
            .flat_map(|r| r.iter().map(|(c, _)| *c))
            .min()
            .unwrap_or(0);
        let sheet = self.sheet;
        let at = |row: u32, column: u32| At::Sheet {
            sheet: sheet.clone(),
            row: row + 1,
            column: column + 1,
        };
        self.rows
            .into_iter()
            .map(|(row, mut cells)| {
                cells.sort_by_key(|(c, _)| *c);
                let last = cells.last().map_or(first, |(c, _)| *c);
                let mut out: Vec<RawCell> = (first..=last)
                    .map(|c| RawCell {
                        value: Value::Empty,
                        at: at(row, c),
                    })
                    .collect();
                for (c, value) in cells {
                    out[(c - first) as usize].value = value;
                }
                RawRow {
                    at: at(row, first),
                    cells: out,
                }
            })
            .collect()
    }
}

/// The rows of a calamine range (`.ods`, `.xls`). calamine gives an
/// `.ods` error value as its text (`#N/A`), which is taken back as the
/// error it shows.
fn from_range(
    file: &Arc<str>,
    sheet: &str,
    budget: Budget,
    range: &calamine::Range<Data>,
    format: Format,
) -> Result<Vec<RawRow>, SheetError> {
    let mut grid = Grid::new(file, sheet, budget);
    let (top, left) = range.start().unwrap_or((0, 0));
    for (r, c, data) in range.used_cells() {
        let row = top.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
        let column = left.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
        let value = match from_data(data) {
            Value::Text(t) if format == Format::Ods => match CellError::from_code(&t) {
                Some(e) => Value::Error(e),
                None => Value::Text(t),
            },
            v => v,
        };
        grid.add(row, column, value)?;
    }
    Ok(grid.rows())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheets_are_chosen_by_name_with_a_near_miss() {
        let file: Arc<str> = Arc::from("r.xlsx");
        let sheets = vec!["Form1".to_string(), "Summary".to_string()];
        assert_eq!(choose(&file, &sheets, None).unwrap(), "Form1");
        assert_eq!(choose(&file, &sheets, Some("Summary")).unwrap(), "Summary");
        assert_eq!(
            choose(&file, &sheets, Some(" summary ")).unwrap(),
            "Summary"
        );
        match choose(&file, &sheets, Some("From1")) {
            Err(SheetError::UnknownSheet {
                name,
                sheets,
                nearest,
                ..
            }) => {
                assert_eq!(name, "From1");
                assert_eq!(sheets, ["Form1", "Summary"]);
                assert_eq!(nearest.as_deref(), Some("Form1"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            choose(&file, &sheets, Some("Responses")),
            Err(SheetError::UnknownSheet { nearest: None, .. })
        ));
        assert!(matches!(
            choose(&file, &[], None),
            Err(SheetError::Empty { sheet: None, .. })
        ));
    }
}
