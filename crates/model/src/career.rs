//! The dates a career is measured by, for participants and for the staff
//! they are compared with alike.

use chrono::NaiveDate;

/// Where a person's career stands: the dates the figures are counted from,
/// and what the comparisons stratify by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Career {
    pub hired: Option<NaiveDate>,
    pub promoted: Option<NaiveDate>,
    pub left: Option<NaiveDate>,
    /// The department as written; `None` when the source has none.
    pub department: Option<String>,
    /// The days certifications were earned, sorted; `None` when the source
    /// does not list certifications at all (a staff file without the column).
    pub certifications: Option<Vec<NaiveDate>>,
}
