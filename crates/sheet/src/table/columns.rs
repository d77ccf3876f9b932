//! Finding a column by its header, with the near miss for a "did you
//! mean", and the strict header rule for callers that want it.

use super::{Table, squash};
use crate::error::SheetError;
use crate::place::{At, Place};

impl Table {
    /// Every column whose header is `name` (by [`squash`]).
    pub fn columns_named(&self, name: &str) -> Vec<usize> {
        let want = squash(name);
        self.headers
            .iter()
            .enumerate()
            .filter(|(_, h)| squash(&h.text) == want)
            .map(|(i, _)| i)
            .collect()
    }

    /// The one column whose header is `name`; none or several is an error
    /// (with the nearest header, or every place of the duplicates).
    pub fn column(&self, name: &str) -> Result<usize, SheetError> {
        match self.columns_named(name).as_slice() {
            [one] => Ok(*one),
            [] => Err(SheetError::NoColumn {
                file: self.file.clone(),
                name: name.to_string(),
                nearest: self.nearest_header(name).map(str::to_string),
                headers: self.header_texts().map(str::to_string).collect(),
            }),
            several => Err(SheetError::DuplicateColumn {
                file: self.file.clone(),
                name: name.to_string(),
                places: several
                    .iter()
                    .map(|&i| self.headers[i].place.clone())
                    .collect(),
            }),
        }
    }

    /// The header nearest to `name`, for a "did you mean": a near miss by
    /// edit distance, or else the one header that holds the name or is
    /// held in it.
    pub fn nearest_header(&self, name: &str) -> Option<&str> {
        let want = squash(name);
        if want.is_empty() {
            return None;
        }
        let near = self
            .header_texts()
            .filter(|h| !h.is_empty())
            .map(|h| (strsim::damerau_levenshtein(&want, &squash(h)), h))
            .filter(|(d, h)| *d <= (h.chars().count() / 3).max(2))
            .min();
        if let Some((_, h)) = near {
            return Some(h);
        }
        let holding: Vec<&str> = self
            .header_texts()
            .filter(|h| {
                let h = squash(h);
                !h.is_empty() && (h.contains(&want) || want.contains(&h))
            })
            .collect();
        match holding.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The strict header rule, for callers that want it: every column with
    /// data has a header, and no two headers are the same (by [`squash`]).
    /// Reading itself accepts both, as Forms exports can have them.
    pub fn check_headers(&self) -> Result<(), Vec<SheetError>> {
        let mut problems = Vec::new();
        let width = self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        for i in 0..width.max(self.headers.len()) {
            let named = self.headers.get(i).is_some_and(|h| !h.text.is_empty());
            let used = self.rows.iter().any(|r| !r.value(i).is_blank());
            if !named && used {
                let place = match self.headers.get(i) {
                    Some(h) => h.place.clone(),
                    None => self.header_place(i),
                };
                problems.push(SheetError::EmptyHeader { place });
            }
        }
        let mut seen: Vec<String> = Vec::new();
        for h in &self.headers {
            let key = squash(&h.text);
            if key.is_empty() || seen.contains(&key) {
                continue;
            }
            let same = self.columns_named(&h.text);
            if same.len() > 1 {
                problems.push(SheetError::DuplicateHeader {
                    header: h.text.clone(),
                    places: same
                        .iter()
                        .map(|&i| self.headers[i].place.clone())
                        .collect(),
                });
            }
            seen.push(key);
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// The place in the header row of a column past the last header.
    fn header_place(&self, column: usize) -> Place {
        let at = match &self.header_at {
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
            header: None,
        }
    }
}
