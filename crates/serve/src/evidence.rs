//! The evidence of impact on the overview: whatever `logic::evidence`
//! returns for the derived cohort (against the comparison group that
//! `[evaluation] comparison` names), turned into rows of words through its
//! own structs and its own wording helpers, never recomputed. This is the one
//! file that knows the shape of `Evidence`.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::logic::cohort::Cohort;
use crate::logic::evidence::{
    self, Career, Comparison, Evidence, Proportion, one_decimal, percent, signed, times,
};

/// The figures as the overview shows them.
#[derive(Debug, Serialize)]
pub(crate) struct View {
    pub cohort: u32,
    pub comparison: Option<String>,
    pub figures: Vec<FigureRow>,
    pub surveys: Vec<SurveyRow>,
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct FigureRow {
    pub label: String,
    pub n: u32,
    /// `2 of 7 (29%)`.
    pub participants: String,
    /// `8% to 64%`, empty without an interval.
    pub interval: String,
    pub comparison: Option<String>,
    pub ratio: Option<String>,
    pub provisional: bool,
    pub conclusion: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct SurveyRow {
    pub question: String,
    pub n: u32,
    pub pre: String,
    pub post: String,
    pub change: String,
    pub interval: String,
    pub conclusion: String,
}

/// Every figure of impact for a derived cohort, as `progress --evidence`
/// counts it.
pub(crate) fn of(cohort: &Cohort<'_>) -> Result<Evidence> {
    let folder = cohort.folder;
    let staff = crate::store::comparison::load(folder).map_err(Error::Invalid)?;
    let careers: Option<(String, Vec<Career>)> =
        staff.map(|(name, rows)| (name, rows.iter().map(|r| r.career()).collect()));
    let members = evidence::members(cohort);
    let comparison = careers
        .as_ref()
        .map(|(file, staff)| Comparison { file, staff });
    let start = evidence::start_day(&folder.program, &folder.sessions);
    let mut e = evidence::evidence(&members, &cohort.surveys, comparison, start, cohort.as_of);
    // The overview says once, at its top, that the folder is not screened.
    Ok(e)
}

fn share(p: &Proportion) -> String {
    match p.rate {
        Some(r) => format!("{} of {} ({})", p.count, p.n, percent(r)),
        None => format!("{} of {}", p.count, p.n),
    }
}

fn interval(p: &Proportion) -> String {
    match (p.low, p.high) {
        (Some(l), Some(h)) => format!("{} to {}", percent(l), percent(h)),
        _ => String::new(),
    }
}

fn mean(x: Option<f64>) -> String {
    x.map(one_decimal).unwrap_or_else(|| "—".to_string())
}

/// The rows of `e`.
pub(crate) fn view(e: &Evidence) -> View {
    View {
        cohort: e.cohort,
        comparison: e.comparison.as_ref().map(|c| {
            format!(
                "{}: {} listed, {} employed at the start",
                c.file, c.listed, c.at_start
            )
        }),
        figures: e
            .figures
            .iter()
            .map(|f| FigureRow {
                label: f.label.to_string(),
                n: f.participants.n,
                participants: share(&f.participants),
                interval: interval(&f.participants),
                comparison: f.comparison.as_ref().map(share),
                ratio: f
                    .ratio
                    .map(|r| format!("{} ({} to {})", times(r.value), times(r.low), times(r.high))),
                provisional: f.provisional,
                conclusion: f.conclusion.clone(),
            })
            .collect(),
        surveys: e
            .surveys
            .iter()
            .map(|s| SurveyRow {
                question: s.question.clone(),
                n: s.n,
                pre: mean(s.pre_mean),
                post: mean(s.post_mean),
                change: s.change.map(signed).unwrap_or_else(|| "—".to_string()),
                interval: match (s.low, s.high) {
                    (Some(l), Some(h)) => format!("{} to {}", signed(l), signed(h)),
                    _ => String::new(),
                },
                conclusion: s.conclusion.clone(),
            })
            .collect(),
        notes: e.notes.clone(),
    }
}
