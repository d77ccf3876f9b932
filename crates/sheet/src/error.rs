//! Why an export cannot be read, as values (file, place, what) for the
//! program's one renderer; `Display` gives a plain sentence for the rest.

use std::sync::Arc;

use crate::kind::Format;
use crate::place::Place;
use crate::text::Encoding;
use crate::value::CellError;

/// A dependency's own error, kept as the cause.
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// What went wrong reading an export.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// The file cannot be opened or read (missing, a dangling link, …).
    #[error("{file} cannot be read: {source}")]
    Open {
        file: Arc<str>,
        #[source]
        source: std::io::Error,
    },
    #[error("{file} is a folder, not a file")]
    NotAFile { file: Arc<str> },
    #[error("{file} is larger than {limit} bytes; refused")]
    TooLarge { file: Arc<str>, limit: u64 },
    #[error("{file} has more than {limit} rows; refused")]
    TooManyRows { file: Arc<str>, limit: usize },
    /// A workbook whose parts would unpack past the budget.
    #[error("{file} would unpack to {size} bytes, more than {limit}; refused")]
    Unpacks {
        file: Arc<str>,
        size: u64,
        limit: u64,
    },
    /// No row with anything in it (in the sheet read, for a workbook).
    #[error("{file} has no rows")]
    Empty {
        file: Arc<str>,
        sheet: Option<String>,
    },
    /// Bytes that are neither a workbook nor text (they hold NUL bytes).
    /// `named` is the workbook format its extension claims, if any.
    #[error("{file} is neither a spreadsheet nor text")]
    NotText {
        file: Arc<str>,
        named: Option<Format>,
    },
    /// Text whose byte order mark names an encoding its bytes break.
    #[error("{file} is marked as {encoding} but is not valid {encoding}")]
    BadText { file: Arc<str>, encoding: Encoding },
    /// A zip archive that is not a workbook (a `.docx`, a zip of files);
    /// `mimetype` is what an OpenDocument file says it is.
    #[error("{file} is a zip archive, not a workbook")]
    NotAWorkbook {
        file: Arc<str>,
        mimetype: Option<String>,
    },
    #[error("{file} is a password-protected workbook")]
    Protected { file: Arc<str>, format: Format },
    /// A workbook that the reader cannot make sense of.
    #[error("{file} is a damaged {format} workbook: {source}")]
    Damaged {
        file: Arc<str>,
        format: Format,
        #[source]
        source: Cause,
    },
    #[error("{file} has no sheet \"{name}\"")]
    UnknownSheet {
        file: Arc<str>,
        name: String,
        /// Every sheet, in the workbook's order.
        sheets: Vec<String>,
        nearest: Option<String>,
    },
    /// A sheet was asked for, but the file is text.
    #[error("{file} is text, which has no sheet \"{sheet}\"")]
    SheetOfText { file: Arc<str>, sheet: String },
    /// The syntax of a CSV file, at the character where it breaks.
    #[error("{file}:{line}:{char}: {what}")]
    Csv {
        file: Arc<str>,
        line: usize,
        char: usize,
        what: CsvFault,
    },
    /// A cell holding an error value such as `#N/A`.
    #[error("{place}: the cell holds the error {error}")]
    CellError { place: Place, error: CellError },
    /// No column with that header.
    #[error("{file} has no column \"{name}\"")]
    NoColumn {
        file: Arc<str>,
        name: String,
        nearest: Option<String>,
        headers: Vec<String>,
    },
    /// More than one column with that header.
    #[error("{file} has {} columns \"{name}\"", places.len())]
    DuplicateColumn {
        file: Arc<str>,
        name: String,
        places: Vec<Place>,
    },
    /// A column with data below it but no header (from `check_headers`).
    #[error("{place}: the column has no header")]
    EmptyHeader { place: Place },
    /// Two headers the same (from `check_headers`), at every place.
    #[error("{} columns are titled \"{header}\"", places.len())]
    DuplicateHeader { header: String, places: Vec<Place> },
}

/// How a CSV record is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CsvFault {
    #[error("a quoted cell is never closed")]
    UnclosedQuote,
    #[error("text follows the closing quote of a cell")]
    TextAfterQuote,
}

impl SheetError {
    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            SheetError::Open { file, .. }
            | SheetError::NotAFile { file }
            | SheetError::TooLarge { file, .. }
            | SheetError::TooManyRows { file, .. }
            | SheetError::Unpacks { file, .. }
            | SheetError::Empty { file, .. }
            | SheetError::NotText { file, .. }
            | SheetError::BadText { file, .. }
            | SheetError::NotAWorkbook { file, .. }
            | SheetError::Protected { file, .. }
            | SheetError::Damaged { file, .. }
            | SheetError::UnknownSheet { file, .. }
            | SheetError::SheetOfText { file, .. }
            | SheetError::Csv { file, .. }
            | SheetError::NoColumn { file, .. }
            | SheetError::DuplicateColumn { file, .. } => file,
            SheetError::CellError { place, .. } | SheetError::EmptyHeader { place } => &place.file,
            SheetError::DuplicateHeader { places, .. } => places.first().map_or("", |p| &p.file),
        }
    }
}
