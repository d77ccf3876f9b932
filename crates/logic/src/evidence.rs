//! Evidence of impact an evaluator would sign: for the accepted mentees,
//! retention after one and three years (Kaplan–Meier from the program
//! start), promotion within three years, certifications within one year,
//! completion, and the pre/post change per survey question and per chosen
//! competency; each with its n, a 95% interval, its window and how far it
//! has run, beside every comparison group there is (the staff file of
//! `[evaluation] comparison`, and the applicants screening did not accept),
//! with Fisher's exact test, the ratio and the difference, and the ratio
//! within strata of like people. Every figure under [`SMALL_N`] people
//! carries a caution; every conclusion follows its test. The statistics come
//! from mentorkit-stats; the facts about people from the cohort. Pure: the
//! cohort and the staff file come in, figures go out.
//!
//! Every group is counted alike: the people employed on the day the program
//! started; the clock starts that day, and a window still open on the as-of
//! day is read "so far".

mod anonymize;
mod changes;
pub mod compare;
pub mod curve;
pub mod display;
mod fair;
pub mod groups;
mod rates;
pub mod words;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::Serialize;

use mentorkit_stats::{Count, Level, wilson};

use crate::cohort::Cohort;
use crate::model::Career;
use crate::model::screening::Outcome;

pub use anonymize::{MIN_CELL, STATEMENT, SUPPRESSED};
pub use changes::{CompetencyFigure, SurveyChange};
pub use compare::{Comparing, Difference, Ratio, Stratified, Test, Verdict};
pub use curve::{Curve, CurveStep, Survival};
pub use groups::{Group, GroupKind};
pub use words::{one_decimal, percent, signed, times};

/// Under this many people a figure carries a caution, whatever its interval says.
pub const SMALL_N: u32 = 30;
/// A test's p under this is a difference.
pub const ALPHA: f64 = 0.05;

/// The comparison group of `[evaluation] comparison`: the file and its people.
#[derive(Debug, Clone, Copy)]
pub struct Staff<'a> {
    pub file: &'a str,
    pub careers: &'a [Career],
}

/// Every figure, ready to print or render.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub as_of: NaiveDate,
    /// The day the program started, from which the windows are counted.
    pub start: Option<NaiveDate>,
    /// Years from the start to the as-of day; `null` before the start.
    pub followed_years: Option<f64>,
    /// The accepted mentees (`null` when suppressed).
    pub cohort: Option<u32>,
    /// The staff file's size.
    pub comparison: Option<ComparisonSummary>,
    /// Every comparison group: the staff file and the applicants not accepted.
    pub groups: Vec<GroupSummary>,
    /// `retention-1y`, `retention-3y`, `promotion-3y`, `certification-1y`, `completion`.
    pub figures: Vec<Figure>,
    /// One per survey question, sorted by question.
    pub surveys: Vec<SurveyChange>,
    /// One per competency the mentees chose, sorted.
    pub competencies: Vec<CompetencyFigure>,
    /// The retention curves: the participants first, then each group.
    pub curves: Vec<Curve>,
    /// The small-sample n and the test level the words use.
    pub small_sample_n: u32,
    pub alpha: f64,
    /// Counts under 5 people are suppressed (`--anonymize`).
    pub anonymized: bool,
    /// What limits the figures, in words.
    pub notes: Vec<String>,
}

/// The staff file's size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComparisonSummary {
    pub file: String,
    /// Rows in the file (`null` when suppressed).
    pub listed: Option<u32>,
    /// Employed on the start day: the people compared.
    pub at_start: Option<u32>,
}

/// A comparison group's size and what it records.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSummary {
    pub group: GroupKind,
    pub label: String,
    pub listed: Option<u32>,
    pub at_start: Option<u32>,
    /// Applicants only: how many were waitlisted, and ineligible.
    pub waitlisted: Option<u32>,
    pub ineligible: Option<u32>,
    pub hire_dates: bool,
    pub departments: bool,
    pub certifications: bool,
}

/// A share of people with its Wilson 95% interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proportion {
    /// `null` when suppressed.
    pub count: Option<u32>,
    pub n: Option<u32>,
    pub rate: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// In words: `2 of 7 (29%)`.
    pub text: String,
    pub suppressed: bool,
}

impl Proportion {
    /// `count` with its rate and Wilson interval.
    pub fn of(c: Count) -> Proportion {
        let w = wilson(c, Level::NINETY_FIVE).ok();
        Proportion {
            count: Some(c.events()),
            n: Some(c.total()),
            rate: c.rate(),
            low: w.map(|e| e.interval.lower()),
            high: w.map(|e| e.interval.upper()),
            text: words::of(c.events(), c.total()),
            suppressed: false,
        }
    }

    /// No figure yet: the program has not started.
    fn not_started() -> Proportion {
        Proportion {
            count: None,
            n: None,
            rate: None,
            low: None,
            high: None,
            text: "not started".to_string(),
            suppressed: false,
        }
    }

    /// `8% to 64%`, or nothing without an interval.
    pub fn interval_words(&self) -> Option<String> {
        Some(format!("{} to {}", percent(self.low?), percent(self.high?)))
    }
}

/// How far a figure's window has run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reading {
    /// The window has closed: the figure is final.
    Final,
    /// The window is still open: the figure is read on the as-of day.
    SoFar,
    /// The as-of day is before the program start.
    NotStarted,
}

/// A window counted from the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub years: u32,
    /// The day it closes.
    pub closes: NaiveDate,
    pub open: bool,
}

/// One rate of the participants, beside every comparison group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub measure: &'static str,
    /// `still employed after 1 year`; `still employed so far (2.5 years of 3)`
    /// while the window is open.
    pub label: String,
    pub participants: Proportion,
    /// The staff file's rate, and the participants' ratio to it.
    pub comparison: Option<Proportion>,
    pub ratio: Option<Ratio>,
    /// The day the window closes and the figure becomes final.
    pub final_on: Option<NaiveDate>,
    pub provisional: bool,
    /// Every sentence of the figure: the rate, each comparison, the caution.
    pub conclusion: String,
    pub reading: Reading,
    pub window: Option<Window>,
    /// The day the figure is read: the window's close, or the as-of day.
    pub counted_to: Option<NaiveDate>,
    /// Retention: the Kaplan–Meier curve read on `counted_to`.
    pub survival: Option<Survival>,
    /// Against each comparison group.
    pub comparisons: Vec<Comparing>,
    /// Under [`SMALL_N`] participants.
    pub small_sample: bool,
    pub caution: Option<String>,
    pub suppressed: bool,
    /// The sentences before the comparisons, each with the count of people
    /// it names (for `--anonymize` to judge).
    #[serde(skip)]
    parts: Vec<(String, Option<u32>)>,
}

impl Figure {
    /// The interval the figure is read with, in words: Kaplan–Meier's for
    /// retention, Wilson's otherwise.
    pub fn interval_words(&self) -> Option<String> {
        match &self.survival {
            Some(s) => Some(format!("{} to {}", percent(s.low), percent(s.high))),
            None => self.participants.interval_words(),
        }
    }
}

/// Every figure of a cohort, against the staff file when there is one.
pub fn evidence(cohort: &Cohort<'_>, staff: Option<Staff<'_>>) -> Evidence {
    let mut notes: Vec<String> = cohort.roster_note().into_iter().collect();
    let participants = Group {
        kind: GroupKind::Participants,
        label: "participants".to_string(),
        careers: cohort.members.iter().map(|m| &m.career).collect(),
        lists_certifications: true,
    };
    let mut others = Vec::new();
    if let Some(s) = staff {
        others.push(Group {
            kind: GroupKind::Staff,
            label: s.file.to_string(),
            careers: s.careers.iter().collect(),
            lists_certifications: s.careers.iter().any(|c| c.certifications.is_some()),
        });
    }
    if !cohort.applicants.is_empty() {
        others.push(Group {
            kind: GroupKind::Applicants,
            label: "applicants not accepted".to_string(),
            careers: cohort.applicants.iter().map(|a| &a.career).collect(),
            lists_certifications: cohort.applicants.iter().any(|a| {
                a.career
                    .certifications
                    .as_ref()
                    .is_some_and(|c| !c.is_empty())
            }),
        });
    }
    let start = cohort.start;
    let as_of = cohort.as_of;
    let mut figures = Vec::new();
    let mut curves = Vec::new();
    match start {
        Some(start) => {
            let setting = rates::Setting {
                start,
                as_of,
                participants: &participants,
                others: &others,
            };
            for m in &rates::MEASURES {
                figures.push(rates::window_figure(m, &setting));
            }
            curves = rates::curves(&setting);
            if as_of < start {
                notes.push(format!(
                    "not started: the program starts on {start}, after the as-of day ({as_of}); nothing to count yet"
                ));
            }
            notes.extend(rates::notes(&setting));
        }
        None => notes.push(
            "no start date: set [program] starts in program.toml to count retention, promotion and certifications"
                .to_string(),
        ),
    }
    figures.push(rates::completion_figure(cohort));
    let surveys = changes::survey_changes(&cohort.surveys);
    let competencies = changes::competency_figures(&cohort.competencies);
    if cohort.members.is_empty() {
        notes.push("no accepted mentees: nothing to count".to_string());
    } else if surveys.iter().all(|s| s.n == Some(0)) {
        notes.push("no one has answered both the pre and the post survey yet".to_string());
    }
    if !others.is_empty() {
        notes.push(NOT_CAUSE.to_string());
    }
    Evidence {
        as_of,
        start,
        followed_years: start
            .filter(|&s| s <= as_of)
            .map(|s| words::years_between(s, as_of)),
        cohort: Some(cohort.members.len() as u32),
        comparison: staff.map(|s| ComparisonSummary {
            file: s.file.to_string(),
            listed: Some(s.careers.len() as u32),
            at_start: Some(start.map_or(0, |d| {
                s.careers
                    .iter()
                    .filter(|c| groups::employed_on(c, d))
                    .count() as u32
            })),
        }),
        groups: others.iter().map(|g| summary(g, cohort, start)).collect(),
        figures,
        surveys,
        competencies,
        curves,
        small_sample_n: SMALL_N,
        alpha: ALPHA,
        anonymized: false,
        notes,
    }
}

/// `k` of `n` people, `k` capped at `n`: the counts here are counted among
/// the `n`, so the cap never bites, and the constructor cannot refuse.
pub(crate) fn count(k: u32, n: u32) -> Count {
    Count::new(k.min(n), n).unwrap_or_else(|_| unreachable!("{k} is capped at {n}"))
}

/// The sentence every comparison carries once.
pub const NOT_CAUSE: &str = "a comparison is not proof of cause: people who join a mentorship program may differ from those who do not (in tenure, department, ambition), and the stratified figures hold alike only what they name";

fn summary(g: &Group<'_>, cohort: &Cohort<'_>, start: Option<NaiveDate>) -> GroupSummary {
    let applicants = g.kind == GroupKind::Applicants;
    let count = |o: Outcome| {
        applicants.then(|| cohort.applicants.iter().filter(|a| a.outcome == o).count() as u32)
    };
    GroupSummary {
        group: g.kind,
        label: g.label.clone(),
        listed: Some(g.careers.len() as u32),
        at_start: start.map(|s| g.at_start(s).len() as u32),
        waitlisted: count(Outcome::Waitlisted),
        ineligible: count(Outcome::Ineligible),
        hire_dates: g.has_hire_dates(),
        departments: g.has_departments(),
        certifications: g.lists_certifications,
    }
}

impl Evidence {
    /// The same evidence for sharing outside: counts under 5 people, and
    /// every figure that would reveal them, suppressed.
    pub fn anonymized(&self) -> Evidence {
        anonymize::anonymized(self)
    }
}
