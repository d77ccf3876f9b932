//! The groups the evidence counts: the participants, the staff file of
//! `[evaluation] comparison`, and the applicants screening did not accept.
//! Every group is counted alike: the people employed on the day the program
//! started (hired by then, or not known; not yet left), each placed in a
//! stratum of tenure band and department for the fair comparison.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::Career;
use crate::model::values::fold;

/// Which group a figure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupKind {
    /// The accepted mentees.
    Participants,
    /// The non-participants of `[evaluation] comparison`.
    Staff,
    /// The mentees screening waitlisted or found ineligible.
    Applicants,
}

/// People counted together.
#[derive(Debug, Clone)]
pub struct Group<'a> {
    pub kind: GroupKind,
    /// How the group is named in sentences: `staff.csv`, `applicants not accepted`.
    pub label: String,
    pub careers: Vec<&'a Career>,
    /// Whether certifications are recorded for this group at all.
    pub lists_certifications: bool,
}

impl<'a> Group<'a> {
    /// The people employed on `start`.
    pub fn at_start(&self, start: NaiveDate) -> Vec<&'a Career> {
        self.careers
            .iter()
            .copied()
            .filter(|c| employed_on(c, start))
            .collect()
    }

    /// Whether any of the group has a department.
    pub fn has_departments(&self) -> bool {
        self.careers.iter().any(|c| c.department.is_some())
    }

    /// Whether any of the group has a hire date.
    pub fn has_hire_dates(&self) -> bool {
        self.careers.iter().any(|c| c.hired.is_some())
    }
}

/// Hired by `day` (or not known) and not left before it.
pub fn employed_on(c: &Career, day: NaiveDate) -> bool {
    c.hired.is_none_or(|h| h <= day) && c.left.is_none_or(|l| l >= day)
}

/// The tenure bands, by full years of service on the start day.
pub const TENURE_BANDS: [&str; 4] = [
    "under 2 years",
    "2 to 5 years",
    "5 to 10 years",
    "10 years or more",
];

/// The tenure band of a career on `start`; `None` without a hire date.
pub fn tenure_band(c: &Career, start: NaiveDate) -> Option<usize> {
    let years = start.years_since(c.hired?).unwrap_or(0);
    Some(match years {
        0..=1 => 0,
        2..=4 => 1,
        5..=9 => 2,
        _ => 3,
    })
}

/// What the fair comparison holds alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Strata {
    pub department: bool,
}

impl Strata {
    /// The names of what is held alike, for the JSON and the sentences.
    pub fn names(self) -> Vec<&'static str> {
        if self.department {
            vec!["tenure band", "department"]
        } else {
            vec!["tenure band"]
        }
    }

    /// The stratum of a career; `None` when it lacks what the strata need.
    pub fn key(self, c: &Career, start: NaiveDate) -> Option<(usize, String)> {
        let band = tenure_band(c, start)?;
        let department = if self.department {
            fold(c.department.as_deref()?)
        } else {
            String::new()
        };
        Some((band, department))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn bands_count_full_years_on_the_start_day() {
        let start = day("2020-01-01");
        let hired = |d: &str| Career {
            hired: Some(day(d)),
            ..Career::default()
        };
        assert_eq!(tenure_band(&hired("2018-01-02"), start), Some(0));
        assert_eq!(tenure_band(&hired("2018-01-01"), start), Some(1));
        assert_eq!(tenure_band(&hired("2015-01-01"), start), Some(2));
        assert_eq!(tenure_band(&hired("2010-01-01"), start), Some(3));
        assert_eq!(tenure_band(&Career::default(), start), None);
        // Hired after the start: not employed on it, and band 0 if asked.
        assert!(!employed_on(&hired("2020-01-02"), start));
        assert_eq!(tenure_band(&hired("2020-01-02"), start), Some(0));
    }
}
