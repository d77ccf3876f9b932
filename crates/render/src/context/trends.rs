//! Trends across cohorts: per cohort its size, completion, retention,
//! promotions and survey change, in one table and one chart.

use serde::Serialize;

use super::{Document, DocumentInfo, Reports};
use crate::charts;
use crate::logic::cohort;

#[derive(Serialize)]
struct Trends {
    document: DocumentInfo,
    cohorts: Vec<CohortRow>,
    /// SVG: completion, retention and promotion rates per cohort.
    chart: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct CohortRow {
    /// The folder as given on the command line.
    folder: String,
    name: String,
    organization: Option<String>,
    starts: Option<String>,
    ends: Option<String>,
    size: usize,
    completed: usize,
    completion_rate: Option<f64>,
    retained: usize,
    retention_rate: Option<f64>,
    promoted: usize,
    promotion_rate: Option<f64>,
    /// The mean change of the pre/post survey questions.
    survey_change: Option<f64>,
}

/// The trends document over `cohorts` (a label for each, usually the folder
/// as given), sorted by start date; cohorts without one keep their order, last.
pub fn trends(cohorts: &[(String, Reports<'_>)]) -> Result<Document, String> {
    let mut rows: Vec<CohortRow> = cohorts.iter().map(|(label, c)| row(label, c)).collect();
    rows.sort_by(|a, b| (a.starts.is_none(), &a.starts).cmp(&(b.starts.is_none(), &b.starts)));
    let chart = charts::trends(
        &rows
            .iter()
            .map(|r| {
                let label = match &r.starts {
                    Some(s) => format!("{} ({})", short(&r.name), &s[..4.min(s.len())]),
                    None => short(&r.name),
                };
                (
                    label,
                    [r.completion_rate, r.retention_rate, r.promotion_rate],
                )
            })
            .collect::<Vec<_>>(),
    )?;
    Document::new(
        "trends",
        "trends".into(),
        Trends {
            document: DocumentInfo {
                kind: "trends",
                name: "trends".into(),
            },
            cohorts: rows,
            chart,
        },
    )
}

fn row(label: &str, c: &Reports<'_>) -> CohortRow {
    let f = c.facts;
    let size = f.members.len();
    let completed = f.completed();
    let retained = size - f.outcomes.left.min(size);
    let p = &c.folder.program.program;
    CohortRow {
        folder: label.to_string(),
        name: p.name.clone(),
        organization: p.organization.clone(),
        starts: p.starts.map(|d| d.to_string()),
        ends: p.ends.map(|d| d.to_string()),
        size,
        completed,
        completion_rate: cohort::share(completed, size),
        retained,
        retention_rate: cohort::share(retained, size),
        promoted: f.outcomes.promoted,
        promotion_rate: cohort::share(f.outcomes.promoted, size),
        survey_change: f.survey_change(),
    }
}

/// A program name short enough for a chart label.
fn short(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut out = String::new();
    for w in words {
        if out.chars().count() + w.chars().count() > 22 {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}
