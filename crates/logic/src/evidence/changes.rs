//! Change from the `pre` to the `post` survey, per question and per chosen
//! competency, over the people who answered both (the cohort's paired
//! changes): the mean change with Student's t interval cut to what a 1–5
//! scale allows (±4), and the Wilcoxon signed-rank test, which suits ranked
//! answers and decides the words.

use serde::Serialize;

use mentorkit_stats::{Bounds, Level, SignedRankMethod, paired_change, wilcoxon_signed_rank};

use super::words::{p_value, signed};
use super::{ALPHA, SMALL_N};
use crate::cohort::{CompetencyChange, QuestionChange};

/// The lowest and highest answer.
const SCALE: (f64, f64) = (1.0, 5.0);

/// One question before and after, paired.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyChange {
    pub question: String,
    /// Answered both surveys (`null` when suppressed).
    pub n: Option<u32>,
    pub pre_mean: Option<f64>,
    pub post_mean: Option<f64>,
    /// Mean of post − pre.
    pub change: Option<f64>,
    /// Student's t 95% interval of the mean change, cut to ±4; `null` for
    /// one answer, or when every change is the same.
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Whether the scale cut the interval.
    pub clamped: bool,
    pub improved: Option<u32>,
    pub unchanged: Option<u32>,
    pub declined: Option<u32>,
    /// The Wilcoxon signed-rank test's two-sided p (zeros dropped).
    pub wilcoxon_p: Option<f64>,
    /// `exact` (up to 50 non-zero changes) or `normal`.
    pub wilcoxon_method: Option<&'static str>,
    /// Answered only the first survey, or only the second: not counted.
    pub only_pre: Option<u32>,
    pub only_post: Option<u32>,
    pub small_sample: bool,
    pub caution: Option<String>,
    pub conclusion: String,
    pub suppressed: bool,
}

/// One competency the mentees chose: their own answers to its question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompetencyFigure {
    pub competency: String,
    /// Mentees who chose it (`null` when suppressed).
    pub chosen: Option<u32>,
    /// The survey question that asks about it; `null` when none does.
    pub question: Option<String>,
    /// Pre → post over those who chose it and answered both.
    pub paired: SurveyChange,
}

/// Every question's change.
pub(super) fn survey_changes(changes: &[QuestionChange]) -> Vec<SurveyChange> {
    changes.iter().map(change).collect()
}

/// Every competency's change.
pub(super) fn competency_figures(changes: &[CompetencyChange]) -> Vec<CompetencyFigure> {
    changes
        .iter()
        .map(|c| {
            let mut paired = change(&c.change);
            if c.question.is_none() {
                paired.conclusion = "No survey question asks about it.".to_string();
            }
            CompetencyFigure {
                competency: c.competency.clone(),
                chosen: Some(c.chosen as u32),
                question: c.question.clone(),
                paired,
            }
        })
        .collect()
}

/// One question's change.
pub(super) fn change(q: &QuestionChange) -> SurveyChange {
    let n = q.n as u32;
    let diffs: Vec<f64> = q.diffs.iter().map(|&d| f64::from(d)).collect();
    let bounds = Bounds::change_on_scale(SCALE.0, SCALE.1).ok();
    let t = paired_change(&diffs, Level::NINETY_FIVE, bounds).ok();
    // With no spread (everyone moved alike) the t interval has no width,
    // which would claim a certainty a few answers cannot give: none then.
    let interval = t
        .filter(|t| t.sd.is_some_and(|sd| sd > 0.0))
        .and_then(|t| t.interval);
    let w = (n > 0).then(|| wilcoxon_signed_rank(&diffs).ok()).flatten();
    let caution = (n > 0 && n < SMALL_N).then(|| {
        format!("Few answers: n = {n}, under {SMALL_N}; read it as an indication, not a finding.")
    });
    let mut c = SurveyChange {
        question: q.question.clone(),
        n: Some(n),
        pre_mean: q.pre_mean,
        post_mean: q.post_mean,
        change: q.change,
        low: interval.map(|i| i.lower()),
        high: interval.map(|i| i.upper()),
        clamped: interval.is_some() && t.is_some_and(|t| t.clamped),
        improved: Some(diffs.iter().filter(|&&x| x > 0.0).count() as u32),
        unchanged: Some(diffs.iter().filter(|&&x| x == 0.0).count() as u32),
        declined: Some(diffs.iter().filter(|&&x| x < 0.0).count() as u32),
        wilcoxon_p: w.map(|w| w.p_value),
        wilcoxon_method: w.map(|w| match w.method {
            SignedRankMethod::Exact => "exact",
            SignedRankMethod::Normal { .. } => "normal",
        }),
        only_pre: Some(q.only_pre as u32),
        only_post: Some(q.only_post as u32),
        small_sample: n < SMALL_N,
        caution,
        conclusion: String::new(),
        suppressed: false,
    };
    c.conclusion = words(&c);
    c
}

/// The sentences of a change: the mean and interval, the verdict of the
/// rank test, who was not counted, the caution.
pub(super) fn words(c: &SurveyChange) -> String {
    let mut out = Vec::new();
    match (c.n, c.change) {
        (None, _) => out.push(format!(
            "Suppressed: fewer than {} people answered it on both surveys.",
            super::anonymize::MIN_CELL
        )),
        (Some(0), _) | (_, None) => out.push("No one answered it on both surveys.".to_string()),
        (Some(1), Some(d)) => out.push(format!(
            "One person answered it on both surveys and moved by {}: no interval and no test.",
            signed(d)
        )),
        (Some(n), Some(d)) => {
            let p = c.wilcoxon_p.unwrap_or(1.0);
            let interval = match (c.low, c.high) {
                (Some(l), Some(h)) => format!(
                    "95% interval {} to {}{}",
                    signed(l),
                    signed(h),
                    if c.clamped {
                        ", cut to the ±4 a 1–5 scale allows"
                    } else {
                        ""
                    }
                ),
                _ => "every change the same, so no t interval".to_string(),
            };
            let verdict = if p >= ALPHA {
                "no clear change"
            } else if d > 0.0 {
                "a clear rise"
            } else {
                "a clear fall"
            };
            out.push(format!(
                "Mean change {} over {n} people ({interval}); {verdict} by the Wilcoxon signed-rank test ({}).",
                signed(d),
                p_value(p)
            ));
            let t_excludes = c.low.is_some_and(|l| l > 0.0) || c.high.is_some_and(|h| h < 0.0);
            if t_excludes && p >= ALPHA {
                out.push(
                    "The t interval excludes no change, but the rank test, which suits 1–5 answers, does not reach 5%."
                        .to_string(),
                );
            }
        }
    }
    let shown = |k: Option<u32>| k.map_or("a few".to_string(), |k| k.to_string());
    match (c.only_pre, c.only_post) {
        (Some(0), Some(0)) => {}
        (a, b) => out.push(format!(
            "{} answered only before and {} only after; they are not counted.",
            shown(a),
            shown(b)
        )),
    }
    out.extend(c.caution.clone());
    out.join(" ")
}
