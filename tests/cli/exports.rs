//! Real exports in (issue 14): the .xlsx Microsoft Forms downloads, Excel's
//! Windows-1252 and UTF-16 CSV, Google's own download with zoned
//! timestamps, semicolon and tab files for every reader (`apply`, `survey
//! import`, the comparison file); and the files an import writes: modes,
//! links, a kill in the middle.

mod delimiters;
mod files;
mod terminal;
mod texts;
mod workbooks;

/// A map for the columns most tests use.
pub(crate) const MAP: &str = "applied = \"Timestamp\"\nemail = \"Email\"\nname = \"Name\"\ndepartment = \"Department\"\nhired = \"Hired\"\nmanager = \"Manager\"\navailability = \"Availability\"\n";
