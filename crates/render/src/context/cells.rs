//! Counts of people as a document shows them: the number, or, in a document
//! anonymized for sharing outside, `under 5` for any count under 5 people (none
//! included), and no rate that would reveal one.

use serde_json::{Value, json};

use super::Reports;
use crate::logic::evidence::MIN_CELL;

/// What a suppressed count prints as.
pub(super) const HIDDEN: &str = "under 5";

impl Reports<'_> {
    /// Whether a count is hidden.
    pub(super) fn hidden(&self, n: usize) -> bool {
        self.anonymize && n < MIN_CELL as usize
    }

    /// A count of people.
    pub(super) fn cell(&self, n: usize) -> Value {
        if self.hidden(n) {
            json!(HIDDEN)
        } else {
            json!(n)
        }
    }

    /// A count that may not be known yet.
    pub(super) fn cell_opt(&self, n: Option<usize>) -> Value {
        n.map_or(Value::Null, |n| self.cell(n))
    }

    /// `part / whole`, unless either cell of the share is hidden.
    pub(super) fn rate(&self, part: usize, whole: usize) -> Option<f64> {
        if self.hidden(part) || self.hidden(whole.saturating_sub(part)) {
            return None;
        }
        crate::logic::cohort::share(part, whole)
    }
}
