//! One reader for every form export mentorkit takes in: a CSV file in
//! whatever encoding Excel or a browser wrote it, or an `.xlsx`, `.ods` or
//! old `.xls` workbook, read into one table whose every cell knows where it
//! is (file, line or sheet, row, column, header). It knows nothing of
//! participants or surveys; `datetime` reads the timestamps Forms write.
//!
//! ```text
//! bytes + file name ──kind──┬─ text ─ decode ─ csv ──┐
//!                           └─ zip/OLE ─ workbook ───┴─ Table { headers, rows of Cells with Places }
//! ```

mod csv;
pub mod datetime;
mod error;
mod kind;
mod place;
mod table;
mod text;
mod value;
mod workbook;

#[cfg(test)]
mod tests;

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

pub use csv::Delimiter;
pub use error::{Cause, CsvFault, SheetError};
pub use kind::Format;
pub use place::{At, Place, column_letters};
pub use table::{Header, Row, Source, Spot, Table, squash};
pub use text::Encoding;
pub use value::{Cell, CellError, Value};

/// Limits against hostile or mistaken inputs, set by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// The largest file read, in bytes; a larger one (or an endless one,
    /// such as a link to `/dev/zero`) is refused after reading one byte more.
    pub max_bytes: u64,
    /// The most data rows (after the header) a table may have.
    pub max_rows: usize,
    /// For workbooks (zip archives): the most bytes their parts may unpack
    /// to, as the archive declares them (the zip reader holds each part to
    /// its declared size), so that a small file cannot unpack to gigabytes.
    pub max_unpacked_bytes: u64,
}

impl Default for Budget {
    /// 64 MiB of file, a million rows, 1 GiB unpacked: far above any form
    /// export, far below what would exhaust a laptop.
    fn default() -> Budget {
        Budget {
            max_bytes: 64 * 1024 * 1024,
            max_rows: 1_000_000,
            max_unpacked_bytes: 1024 * 1024 * 1024,
        }
    }
}

/// How to read a file: which sheet, which delimiter, what budget.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The sheet of a workbook to read (the first when `None`); an error
    /// for a text file.
    pub sheet: Option<String>,
    /// The delimiter of a text file, instead of the one sniffed from its
    /// header line.
    pub delimiter: Option<Delimiter>,
    pub budget: Budget,
}

/// Reads a whole export from its bytes. `file` names it in places and
/// errors (as the user wrote it) and its extension is the second guess of
/// the kind, after the content.
pub fn read(bytes: &[u8], file: &str, options: &Options) -> Result<Table, SheetError> {
    let file: Arc<str> = Arc::from(file);
    if bytes.len() as u64 > options.budget.max_bytes {
        return Err(SheetError::TooLarge {
            file,
            limit: options.budget.max_bytes,
        });
    }
    match kind::sniff(bytes, &file, options.budget)? {
        kind::Kind::Zip(format) => workbook::read(bytes, file, format, options),
        kind::Kind::Ole => match workbook::read_xls(bytes, file.clone(), options)? {
            Some(table) => Ok(table),
            None => read_text(bytes, file, options),
        },
        kind::Kind::Text => read_text(bytes, file, options),
    }
}

fn read_text(bytes: &[u8], file: Arc<str>, options: &Options) -> Result<Table, SheetError> {
    if let Some(sheet) = &options.sheet {
        return Err(SheetError::SheetOfText {
            file,
            sheet: sheet.clone(),
        });
    }
    let decoded = text::decode(bytes, &file)?;
    csv::read(decoded, file, options)
}

/// Decodes a text file's bytes as [`read`] does (UTF-8, UTF-16 with its
/// mark, else Windows-1252), for a caller that shows a source line.
pub fn decode(bytes: &[u8], file: &str) -> Result<(String, Encoding), SheetError> {
    let decoded = text::decode(bytes, &Arc::from(file))?;
    Ok((decoded.text, decoded.encoding))
}

/// Reads the file at `path` (named `file` in messages) within the budget,
/// then [`read`]s it.
pub fn read_path(path: &Path, file: &str, options: &Options) -> Result<Table, SheetError> {
    let bytes = read_bytes(path, file, options.budget.max_bytes)?;
    read(&bytes, file, options)
}

/// The bytes of the file at `path`, never more than `max_bytes` of them:
/// a larger file, a device or a pipe that goes on is refused after one
/// byte more has been read. A folder is refused as such.
pub fn read_bytes(path: &Path, file: &str, max_bytes: u64) -> Result<Vec<u8>, SheetError> {
    let open = |source| SheetError::Open {
        file: Arc::from(file),
        source,
    };
    let meta = std::fs::metadata(path).map_err(open)?;
    if meta.is_dir() {
        return Err(SheetError::NotAFile {
            file: Arc::from(file),
        });
    }
    if meta.is_file() && meta.len() > max_bytes {
        return Err(SheetError::TooLarge {
            file: Arc::from(file),
            limit: max_bytes,
        });
    }
    let capacity = if meta.is_file() { meta.len() } else { 0 };
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    std::fs::File::open(path)
        .and_then(|f| f.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(open)?;
    if bytes.len() as u64 > max_bytes {
        return Err(SheetError::TooLarge {
            file: Arc::from(file),
            limit: max_bytes,
        });
    }
    Ok(bytes)
}
