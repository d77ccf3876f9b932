//! The dates a career is measured by, for participants and for the staff
//! they are compared with alike.

use chrono::NaiveDate;

/// Where a person's career stands: the dates the figures are counted from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Career {
    pub hired: Option<NaiveDate>,
    pub promoted: Option<NaiveDate>,
    pub left: Option<NaiveDate>,
}
