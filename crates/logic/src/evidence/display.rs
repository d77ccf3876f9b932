//! The evidence in words, cell by cell, for the terminal table of
//! `progress --evidence` and the "Evidence of impact" section of `report
//! cohort`: both print these strings, so the two never disagree.

use serde::Serialize;

use super::words::{self, one_decimal, p_number, points, signed, times};
use super::{Comparing, Evidence, Figure, Ratio, Reading, SurveyChange};

/// What a missing cell prints as.
pub const DASH: &str = "—";

/// One figure, in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureView {
    pub measure: &'static str,
    pub label: String,
    /// `2 of 7 (29%)`.
    pub participants: String,
    /// `8% to 64%`.
    pub interval: String,
    /// `Kaplan–Meier, log-log interval` or `Wilson interval`.
    pub method: &'static str,
    /// `1 year from 2020-01-01, closed 2021-01-01`; `open: 7 months of 1 year, closes …`.
    pub window: String,
    pub comparisons: Vec<ComparisonView>,
    pub conclusion: String,
    pub caution: Option<String>,
    pub suppressed: bool,
}

/// One comparison, in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonView {
    pub label: String,
    pub rate: String,
    /// `1.38× (0.89× to 1.42×)`.
    pub ratio: String,
    /// `+27 points (-1 to +36)`.
    pub difference: String,
    pub fisher_p: String,
    pub mid_p: String,
    /// `higher`, `lower`, `no clear difference`, `not compared`.
    pub verdict: &'static str,
    /// `tenure band and department`, empty without a stratified ratio.
    pub stratified_by: String,
    pub stratified: String,
    pub conclusion: String,
}

/// One paired change, in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeView {
    /// The question, or the competency.
    pub name: String,
    pub n: String,
    pub pre: String,
    pub post: String,
    pub change: String,
    pub interval: String,
    pub wilcoxon_p: String,
    pub only_before: String,
    pub only_after: String,
    pub conclusion: String,
}

/// A ratio cell: `1.38× (0.89× to 1.42×)`, `∞ (from 0.26×)`.
pub fn ratio_cell(r: Option<&Ratio>) -> String {
    let Some(r) = r else {
        return DASH.to_string();
    };
    let value = match (r.value, r.point) {
        (Some(v), _) => times(v),
        (None, "infinite") => "∞".to_string(),
        _ => return DASH.to_string(),
    };
    match (r.low, r.high) {
        (Some(l), Some(h)) => format!("{value} ({} to {})", times(l), times(h)),
        (Some(l), None) => format!("{value} ({} to ∞)", times(l)),
        _ => value,
    }
}

fn window(f: &Figure, e: &Evidence) -> String {
    if let (Reading::NotStarted, Some(start)) = (f.reading, e.start) {
        return format!("not started (the program starts on {start})");
    }
    let (Some(w), Some(start)) = (f.window, e.start) else {
        return format!("as of {}", e.as_of);
    };
    match f.reading {
        Reading::NotStarted => format!("not started (the program starts on {start})"),
        Reading::SoFar => format!(
            "open: {} of {} so far, closes {}",
            words::span(start, e.as_of),
            words::years(w.years),
            w.closes
        ),
        Reading::Final => format!(
            "{} from {start}, closed {}",
            words::years(w.years),
            w.closes
        ),
    }
}

fn comparison(c: &Comparing) -> ComparisonView {
    let d = c.difference.as_ref();
    let s = c.stratified.as_ref();
    ComparisonView {
        label: c.label.clone(),
        rate: c.proportion.text.clone(),
        ratio: ratio_cell(c.ratio.as_ref()),
        difference: d.map_or(DASH.to_string(), |d| {
            format!(
                "{} ({} to {})",
                points(d.value),
                points(d.low).trim_end_matches(" points"),
                points(d.high).trim_end_matches(" points")
            )
        }),
        fisher_p: c.fisher.map_or(DASH.to_string(), |t| p_number(t.p_value)),
        mid_p: c.fisher.map_or(DASH.to_string(), |t| p_number(t.mid_p)),
        verdict: match c.verdict {
            super::Verdict::Higher => "higher",
            super::Verdict::Lower => "lower",
            super::Verdict::NoClearDifference => "no clear difference",
            super::Verdict::NotCompared => "not compared",
        },
        stratified_by: s.map_or(String::new(), |s| s.by.join(" and ")),
        stratified: s.map_or(DASH.to_string(), |s| {
            if s.strata_used == 0 {
                "no stratum in common".to_string()
            } else {
                ratio_cell(s.ratio.as_ref())
            }
        }),
        conclusion: c.conclusion.clone(),
    }
}

/// Every figure of `e`, in words.
pub fn figures(e: &Evidence) -> Vec<FigureView> {
    e.figures
        .iter()
        .map(|f| {
            let p = &f.participants;
            let interval = f.interval_words().unwrap_or_else(|| DASH.to_string());
            let method = match &f.survival {
                _ if p.suppressed || p.rate.is_none() => "",
                Some(s) if s.interval == "wilson" => "Kaplan–Meier, Wilson interval",
                Some(_) => "Kaplan–Meier, log-log interval",
                None => "Wilson interval",
            };
            FigureView {
                measure: f.measure,
                label: f.label.clone(),
                participants: p.text.clone(),
                interval,
                method,
                window: window(f, e),
                comparisons: f.comparisons.iter().map(comparison).collect(),
                conclusion: f.conclusion.clone(),
                caution: f.caution.clone(),
                suppressed: f.suppressed,
            }
        })
        .collect()
}

/// A paired change in words.
pub fn change(name: &str, q: &SurveyChange) -> ChangeView {
    let one = |x: Option<f64>| x.map_or(DASH.to_string(), one_decimal);
    let n = |k: Option<u32>| k.map_or("<5".to_string(), |k| k.to_string());
    ChangeView {
        name: name.to_string(),
        n: n(q.n),
        pre: one(q.pre_mean),
        post: one(q.post_mean),
        change: q.change.map_or(DASH.to_string(), signed),
        interval: match (q.low, q.high) {
            (Some(l), Some(h)) => format!("{} to {}", signed(l), signed(h)),
            _ => DASH.to_string(),
        },
        wilcoxon_p: q.wilcoxon_p.map_or(DASH.to_string(), p_number),
        only_before: n(q.only_pre),
        only_after: n(q.only_post),
        conclusion: q.conclusion.clone(),
    }
}

/// Every survey question's change, in words.
pub fn surveys(e: &Evidence) -> Vec<ChangeView> {
    e.surveys.iter().map(|q| change(&q.question, q)).collect()
}

/// Every competency a survey asks about, in words.
pub fn competencies(e: &Evidence) -> Vec<ChangeView> {
    e.competencies
        .iter()
        .filter(|c| c.question.is_some())
        .map(|c| change(&c.competency, &c.paired))
        .collect()
}
