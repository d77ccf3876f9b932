//! Evidence of impact a director can trust: retention at one and three
//! years, promotion within three years, completion and the pre/post change
//! per survey question, each with its n and a 95% interval, beside a
//! comparison group of non-participants where there is one, and a plain
//! sentence when the numbers are too few to conclude anything. Pure: the
//! cohort, the comparison group and "today" come in, figures go out.
//!
//! Both groups are counted the same way: the people employed on the day the
//! program started (hired by then, not yet left); the clock starts that day.
//! A figure whose window has not closed yet is marked provisional.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::cohort::{Cohort, QuestionChange};
use crate::model::{ProgramFile, Session};

pub use crate::model::Career;

/// A participant as the evidence sees them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Member {
    pub career: Career,
    /// As the cohort settled it (see `cohort::completion`); `None` while unknown.
    pub completed: Option<bool>,
}

/// The comparison group: the file it came from and its people.
#[derive(Debug, Clone, Copy)]
pub struct Comparison<'a> {
    pub file: &'a str,
    pub staff: &'a [Career],
}

/// Every figure, ready to print or render.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub as_of: NaiveDate,
    /// The day the program started, from which the windows are counted.
    pub start: Option<NaiveDate>,
    /// The accepted mentees.
    pub cohort: u32,
    pub comparison: Option<ComparisonSummary>,
    /// `retention-1y`, `retention-3y`, `promotion-3y`, `completion`.
    pub figures: Vec<Figure>,
    /// One per survey question, sorted by question.
    pub surveys: Vec<SurveyChange>,
    /// What limits the figures, in words.
    pub notes: Vec<String>,
}

/// The comparison group's size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComparisonSummary {
    pub file: String,
    /// Rows in the file.
    pub listed: u32,
    /// Employed on the start day: the people compared.
    pub at_start: u32,
}

/// One rate: participants, the comparison group, their ratio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub measure: &'static str,
    pub label: &'static str,
    pub participants: Proportion,
    pub comparison: Option<Proportion>,
    pub ratio: Option<Ratio>,
    /// The day the window closes and the figure becomes final.
    pub final_on: Option<NaiveDate>,
    pub provisional: bool,
    /// What the figure does and does not show, in words.
    pub conclusion: String,
}

/// The change from the `pre` to the `post` survey on one question, over the
/// people who answered it both times.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyChange {
    pub question: String,
    pub n: u32,
    pub pre_mean: Option<f64>,
    pub post_mean: Option<f64>,
    /// Mean of post − pre.
    pub change: Option<f64>,
    /// 95% interval of the mean change (Student's t).
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub improved: u32,
    pub unchanged: u32,
    pub declined: u32,
    pub conclusion: String,
}

/// The members of a cohort as the evidence sees them.
pub fn members(cohort: &Cohort<'_>) -> Vec<Member> {
    cohort
        .members
        .iter()
        .map(|m| {
            let outcome = m.person.outcome.clone().unwrap_or_default();
            Member {
                career: Career {
                    hired: m.person.hired,
                    promoted: outcome.promoted,
                    left: outcome.left,
                },
                completed: m.completion.completed,
            }
        })
        .collect()
}

/// The day the windows start: `[program] starts`, else the schedule's first
/// day, else the first session.
pub fn start_day(program: &ProgramFile, sessions: &BTreeMap<String, Session>) -> Option<NaiveDate> {
    program
        .program
        .starts
        .or_else(|| program.schedule.as_ref().map(|s| s.first))
        .or_else(|| sessions.values().map(|s| s.date).min())
}

/// Every figure for a cohort.
pub fn evidence(
    cohort: &[Member],
    changes: &[QuestionChange],
    comparison: Option<Comparison<'_>>,
    start: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Evidence {
    let mut notes = Vec::new();
    let mut figures = Vec::new();
    let own: Vec<Career> = cohort.iter().map(|m| m.career).collect();
    let summary = comparison.map(|c| ComparisonSummary {
        file: c.file.to_string(),
        listed: c.staff.len() as u32,
        at_start: start.map_or(0, |s| at_start(c.staff, s).count() as u32),
    });
    match start {
        Some(start) => {
            let staff = comparison.map(|c| c.staff);
            for window in &WINDOWS {
                figures.push(window_figure(window, &own, staff, start, as_of));
            }
        }
        None => notes.push(
            "no start date: set [program] starts in program.toml to count retention and promotion"
                .to_string(),
        ),
    }
    figures.push(completion_figure(cohort));
    let surveys = survey_changes(changes);
    if cohort.is_empty() {
        notes.push("no accepted mentees: nothing to count".to_string());
    } else if surveys.iter().all(|s| s.n == 0) {
        notes.push("no one has answered both the pre and the post survey yet".to_string());
    }
    Evidence {
        as_of,
        start,
        cohort: cohort.len() as u32,
        comparison: summary,
        figures,
        surveys,
        notes,
    }
}

/// A rate counted over a window from the start.
struct Window {
    measure: &'static str,
    label: &'static str,
    /// "as likely to be …"
    likely: &'static str,
    months: u32,
    /// Whether a career counts, measured on a day, for a window from `start`.
    counts: fn(&Career, NaiveDate, NaiveDate) -> bool,
}

const WINDOWS: [Window; 3] = [
    Window {
        measure: "retention-1y",
        label: "still employed after 1 year",
        likely: "still employed after 1 year",
        months: 12,
        counts: retained,
    },
    Window {
        measure: "retention-3y",
        label: "still employed after 3 years",
        likely: "still employed after 3 years",
        months: 36,
        counts: retained,
    },
    Window {
        measure: "promotion-3y",
        label: "promoted within 3 years",
        likely: "promoted within 3 years",
        months: 36,
        counts: promoted,
    },
];

fn retained(c: &Career, _start: NaiveDate, on: NaiveDate) -> bool {
    c.left.is_none_or(|l| l > on)
}

fn promoted(c: &Career, start: NaiveDate, on: NaiveDate) -> bool {
    c.promoted.is_some_and(|p| p >= start && p <= on)
}

/// The people employed on `start`: hired by then (or not known), not left before.
fn at_start(people: &[Career], start: NaiveDate) -> impl Iterator<Item = &Career> {
    people
        .iter()
        .filter(move |c| c.hired.is_none_or(|h| h <= start) && c.left.is_none_or(|l| l >= start))
}

fn rate_of(people: &[Career], w: &Window, start: NaiveDate, on: NaiveDate) -> Proportion {
    let base: Vec<&Career> = at_start(people, start).collect();
    let count = base.iter().filter(|c| (w.counts)(c, start, on)).count();
    proportion(count as u32, base.len() as u32)
}

fn window_figure(
    w: &Window,
    cohort: &[Career],
    staff: Option<&[Career]>,
    start: NaiveDate,
    as_of: NaiveDate,
) -> Figure {
    let final_on = start.checked_add_months(Months::new(w.months));
    let on = final_on.map_or(as_of, |f| f.min(as_of));
    let provisional = final_on.is_none_or(|f| as_of < f);
    let participants = rate_of(cohort, w, start, on);
    let comparison = staff.map(|s| rate_of(s, w, start, on));
    let ratio = comparison.and_then(|c| risk_ratio(&participants, &c));
    let mut conclusion = compare_words(w.likely, &participants, comparison.as_ref(), ratio);
    if provisional && participants.n > 0 {
        let until = final_on.map(|f| f.to_string()).unwrap_or_default();
        conclusion = format!("provisional until {until}, counted to {on}; {conclusion}");
    }
    Figure {
        measure: w.measure,
        label: w.label,
        participants,
        comparison,
        ratio,
        final_on,
        provisional,
        conclusion,
    }
}

fn completion_figure(cohort: &[Member]) -> Figure {
    let known: Vec<bool> = cohort.iter().filter_map(|m| m.completed).collect();
    let done = known.iter().filter(|&&c| c).count() as u32;
    let participants = proportion(done, known.len() as u32);
    let mut conclusion = compare_words("", &participants, None, None);
    let unknown = cohort.len() - known.len();
    if unknown > 0 {
        let who = if unknown == 1 { "person" } else { "people" };
        conclusion = format!(
            "{unknown} {who} not known yet (no outcome.completed, and the program has not ended); {conclusion}"
        );
    }
    Figure {
        measure: "completion",
        label: "completed the program",
        participants,
        comparison: None,
        ratio: None,
        final_on: None,
        provisional: unknown > 0,
        conclusion,
    }
}

fn interval_words(p: &Proportion) -> String {
    match (p.low, p.high) {
        (Some(l), Some(h)) => format!("{} to {}", percent(l), percent(h)),
        _ => String::new(),
    }
}

/// The sentence under a rate: whether it says anything at this n.
fn compare_words(
    likely: &str,
    ours: &Proportion,
    theirs: Option<&Proportion>,
    ratio: Option<Ratio>,
) -> String {
    if ours.n == 0 {
        return "no one to count".to_string();
    }
    let Some(theirs) = theirs else {
        return if ours.n < 10 {
            format!(
                "n = {} is small: the 95% interval runs from {}",
                ours.n,
                interval_words(ours)
            )
        } else {
            format!("95% interval {}", interval_words(ours))
        };
    };
    if theirs.n == 0 {
        return "no one in the comparison group was employed at the start: no comparison"
            .to_string();
    }
    let Some(r) = ratio else {
        return format!("no one in the comparison group was {likely}: no ratio");
    };
    let span = format!("{} to {}", times(r.low), times(r.high));
    if r.low > 1.0 || r.high < 1.0 {
        format!(
            "participants were {} as likely to be {likely} (95% interval {span})",
            times(r.value)
        )
    } else if ours.n.min(theirs.n) < 30 {
        format!(
            "too few people to tell the groups apart: the ratio's 95% interval, {span}, includes 1"
        )
    } else {
        format!("no clear difference: the ratio's 95% interval, {span}, includes 1")
    }
}

/// Pre/post change per question, over the people with both answers (the
/// cohort's paired changes), with its interval and conclusion.
pub fn survey_changes(changes: &[QuestionChange]) -> Vec<SurveyChange> {
    changes.iter().map(change).collect()
}

fn mean(v: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = v.fold((0.0, 0u32), |(s, n), x| (s + x, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

fn change(q: &QuestionChange) -> SurveyChange {
    let n = q.n as u32;
    let diffs: Vec<f64> = q.diffs.iter().map(|&d| f64::from(d)).collect();
    let d = mean(diffs.iter().copied());
    // With no spread at all (everyone moved by the same amount) the t
    // interval has no width, which would claim a certainty a few answers
    // cannot give: then there is no interval.
    let spread = d.map(|d| diffs.iter().map(|x| (x - d).powi(2)).sum::<f64>());
    let interval = d
        .zip(spread)
        .filter(|(_, ss)| n >= 2 && *ss > 0.0)
        .map(|(d, ss)| {
            let half = t975(n - 1) * (ss / f64::from(n - 1) / f64::from(n)).sqrt();
            (d - half, d + half)
        });
    let conclusion = match (n, interval, d) {
        (0, _, _) => "no one answered it on both surveys".to_string(),
        (1, _, _) => "one person answered it on both surveys: no interval".to_string(),
        (n, None, Some(d)) if n < 10 => format!(
            "all {n} moved by {}: with no spread there is no interval, and {n} answers are too few to generalise",
            signed(d)
        ),
        (n, None, Some(d)) => format!(
            "all {n} moved by {}: with no spread there is no interval",
            signed(d)
        ),
        (_, None, None) => String::new(),
        (n, Some((l, h)), _) => {
            let span = format!("{} to {}", signed(l), signed(h));
            if l > 0.0 {
                format!("a clear rise (95% interval {span})")
            } else if h < 0.0 {
                format!("a clear fall (95% interval {span})")
            } else if n < 10 {
                format!("too few answers to conclude: the 95% interval, {span}, includes no change")
            } else {
                format!("no clear change: the 95% interval, {span}, includes no change")
            }
        }
    };
    SurveyChange {
        question: q.question.clone(),
        n,
        pre_mean: q.pre_mean,
        post_mean: q.post_mean,
        change: d,
        low: interval.map(|i| i.0),
        high: interval.map(|i| i.1),
        improved: diffs.iter().filter(|&&x| x > 0.0).count() as u32,
        unchanged: diffs.iter().filter(|&&x| x == 0.0).count() as u32,
        declined: diffs.iter().filter(|&&x| x < 0.0).count() as u32,
        conclusion,
    }
}

mod stats;

pub use stats::{
    Proportion, Ratio, Z95, one_decimal, percent, proportion, risk_ratio, signed, t975, times,
    wilson,
};

#[cfg(test)]
mod tests;
