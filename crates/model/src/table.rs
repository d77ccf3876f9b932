//! A table read from an export (a Forms CSV, an HR staff list): headers and
//! rows, each row with the line it starts on.

use crate::error::nearest;

/// A CSV file read whole: its headers and its rows, each with the line it
/// starts on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvTable {
    pub headers: Vec<String>,
    pub rows: Vec<CsvRow>,
}

/// One row of a CSV file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvRow {
    /// The line the row starts on, from 1 (the header is line 1).
    pub line: u64,
    pub cells: Vec<String>,
}

impl CsvTable {
    /// The index of the column whose header is `name` (compared trimmed,
    /// case-insensitive, runs of spaces as one).
    pub fn column(&self, name: &str) -> Option<usize> {
        let want = squash(name);
        self.headers.iter().position(|h| squash(h) == want)
    }

    /// The header nearest to `name`, for a "did you mean": a near miss, or
    /// the one header that holds the name or is held in it.
    pub fn nearest_header(&self, name: &str) -> Option<&str> {
        if let Some(near) = nearest(name, self.headers.iter().map(String::as_str)) {
            return Some(near);
        }
        let want = squash(name);
        let holding: Vec<&str> = self
            .headers
            .iter()
            .filter(|h| {
                let h = squash(h);
                !h.is_empty() && !want.is_empty() && (h.contains(&want) || want.contains(&h))
            })
            .map(String::as_str)
            .collect();
        match holding.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }
}

impl CsvRow {
    /// The trimmed cell at `i` (empty when the row is short).
    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |s| s.trim())
    }
}

/// Lower-cased, trimmed, inner runs of white space as one space.
pub fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
