//! The "Evidence of impact" section of the cohort report: the evidence as
//! `progress --evidence --format json` prints it (the same keys and
//! numbers, so the two outputs never disagree), the same figures in the
//! same words as its table, and the retention chart.

use serde::Serialize;

use super::Reports;
use crate::charts;
use crate::logic::evidence::display::{self, ChangeView, FigureView};
use crate::logic::evidence::{Evidence, STATEMENT, words};

#[derive(Serialize)]
pub(super) struct Impact<'a> {
    /// Every key of `progress --evidence --format json`.
    #[serde(flatten)]
    data: &'a Evidence,
    /// The figures in words, cell by cell.
    view: View,
    /// `4.0 years`: from the start to the as-of day.
    follow_up: Option<String>,
    /// The retention curves as SVG.
    chart: Option<String>,
    /// The sentence an anonymized page prints.
    statement: Option<&'static str>,
}

#[derive(Serialize)]
struct View {
    /// Whether any figure has a comparison group.
    compared: bool,
    figures: Vec<FigureView>,
    surveys: Vec<ChangeView>,
    competencies: Vec<ChangeView>,
}

/// The section's context; `None` when no evidence was computed.
pub(super) fn impact<'a>(c: &Reports<'a>) -> Result<Option<Impact<'a>>, String> {
    let Some(e) = c.evidence else {
        return Ok(None);
    };
    Ok(Some(Impact {
        data: e,
        view: View {
            compared: e.figures.iter().any(|f| !f.comparisons.is_empty()),
            figures: display::figures(e),
            surveys: display::surveys(e),
            competencies: display::competencies(e),
        },
        follow_up: e
            .start
            .filter(|&s| s <= e.as_of)
            .map(|s| words::span(s, e.as_of)),
        chart: charts::retention(&e.curves)?,
        statement: e.anonymized.then_some(STATEMENT),
    }))
}
