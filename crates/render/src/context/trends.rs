//! Trends across cohorts: per cohort its size and completion, and the
//! figures of its evidence aligned on equal follow-up windows (retention
//! after 1 and 3 years, promotion within 3 years, certification within 1
//! year), each counted from that cohort's own start. A cohort whose window
//! has not closed is too young for the figure, and says how long it has
//! run instead of showing a shorter count beside the others' full ones.

use serde::Serialize;
use serde_json::Value;

use super::{Document, DocumentInfo, Reports};
use crate::charts;
use crate::logic::evidence::{Figure, Reading, STATEMENT, words};

#[derive(Serialize)]
struct Trends {
    document: DocumentInfo,
    cohorts: Vec<CohortRow>,
    /// The windowed figures the columns show, in order: measure and label.
    measures: Vec<MeasureCtx>,
    /// SVG: completion and the closed-window rates per cohort.
    chart: Option<String>,
    anonymized: bool,
    statement: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
struct MeasureCtx {
    measure: &'static str,
    label: String,
}

#[derive(Debug, Clone, Serialize)]
struct CohortRow {
    /// The folder as given on the command line.
    folder: String,
    name: String,
    organization: Option<String>,
    starts: Option<String>,
    ends: Option<String>,
    /// The day the figures are counted to, and how long the cohort has run.
    as_of: String,
    followed: Option<String>,
    size: Value,
    completed: Value,
    completion_rate: Option<f64>,
    /// One per measure, in the order of `measures`.
    figures: Vec<WindowCtx>,
    /// The mean change of the pre/post survey questions.
    survey_change: Option<f64>,
}

/// One windowed figure of one cohort.
#[derive(Debug, Clone, Serialize)]
struct WindowCtx {
    measure: &'static str,
    /// `final`, `too-young` or `not-started` (or `no-start`: no start day).
    status: &'static str,
    /// What the cell prints: `4 of 5 (80%)`, `too young (2.5 years of 3)`.
    text: String,
    /// The 95% interval in words, for a final figure.
    interval: Option<String>,
    rate: Option<f64>,
}

const MEASURES: [(&str, &str); 4] = [
    ("retention-1y", "Still employed after 1 year"),
    ("retention-3y", "Still employed after 3 years"),
    ("promotion-3y", "Promoted within 3 years"),
    ("certification-1y", "Certified within 1 year"),
];

/// The trends document over `cohorts` (a label for each, usually the folder
/// as given), sorted by start date; cohorts without one keep their order, last.
pub fn trends(cohorts: &[(String, Reports<'_>)]) -> Result<Document, String> {
    let mut rows: Vec<CohortRow> = cohorts.iter().map(|(label, c)| row(label, c)).collect();
    rows.sort_by(|a, b| (a.starts.is_none(), &a.starts).cmp(&(b.starts.is_none(), &b.starts)));
    let chart = charts::trends(
        &chart_labels(&rows)
            .into_iter()
            .zip(&rows)
            .map(|(label, r)| {
                let rate = |i: usize| r.figures.get(i).and_then(|f| f.rate);
                (label, [r.completion_rate, rate(0), rate(1), rate(2)])
            })
            .collect::<Vec<_>>(),
    )?;
    let anonymized = cohorts.iter().any(|(_, c)| c.anonymize);
    Document::new(
        "trends",
        "trends".into(),
        Trends {
            document: DocumentInfo {
                kind: "trends",
                name: "trends".into(),
            },
            cohorts: rows,
            measures: MEASURES
                .iter()
                .map(|(measure, label)| MeasureCtx {
                    measure,
                    label: (*label).to_string(),
                })
                .collect(),
            chart,
            anonymized,
            statement: anonymized.then_some(STATEMENT),
        },
    )
}

fn window(measure: &'static str, f: Option<&Figure>, start: Option<&str>) -> WindowCtx {
    let Some(f) = f else {
        return WindowCtx {
            measure,
            status: "no-start",
            text: if start.is_none() {
                "no start day".to_string()
            } else {
                "—".to_string()
            },
            interval: None,
            rate: None,
        };
    };
    match f.reading {
        Reading::Final => WindowCtx {
            measure,
            status: "final",
            text: f.participants.text.clone(),
            interval: f.interval_words(),
            rate: f.participants.rate,
        },
        Reading::SoFar => WindowCtx {
            measure,
            status: "too-young",
            text: match (f.label.find("so far ("), f.window) {
                (Some(at), _) => format!("too young ({}", &f.label[at + "so far (".len()..]),
                _ => "too young".to_string(),
            },
            interval: None,
            rate: None,
        },
        Reading::NotStarted => WindowCtx {
            measure,
            status: "not-started",
            text: "not started".to_string(),
            interval: None,
            rate: None,
        },
    }
}

fn row(label: &str, c: &Reports<'_>) -> CohortRow {
    let f = c.facts;
    let size = f.members.len();
    let completed = f.completed();
    let p = &c.folder.program.program;
    let starts = p.starts.map(|d| d.to_string());
    let figures = MEASURES
        .iter()
        .map(|(measure, _)| {
            let fig = c
                .evidence
                .and_then(|e| e.figures.iter().find(|x| x.measure == *measure));
            window(measure, fig, starts.as_deref())
        })
        .collect();
    CohortRow {
        folder: label.to_string(),
        name: p.name.clone(),
        organization: p.organization.clone(),
        ends: p.ends.map(|d| d.to_string()),
        as_of: f.as_of.to_string(),
        followed: f
            .start
            .filter(|&s| s <= f.as_of)
            .map(|s| words::span(s, f.as_of)),
        starts,
        size: c.cell(size),
        completed: c.cell(completed),
        completion_rate: c.rate(completed, size),
        figures,
        survey_change: f
            .surveys
            .iter()
            .all(|q| !c.hidden(q.n))
            .then(|| f.survey_change())
            .flatten(),
    }
}

/// A label per cohort for the chart: the program's name and its year
/// (the chart wraps long names); cohorts that would share a label are told
/// apart by their folder.
fn chart_labels(rows: &[CohortRow]) -> Vec<String> {
    let plain: Vec<String> = rows
        .iter()
        .map(|r| match &r.starts {
            Some(s) => format!("{} ({})", r.name, &s[..4.min(s.len())]),
            None => r.name.clone(),
        })
        .collect();
    plain
        .iter()
        .zip(rows)
        .map(|(label, r)| {
            if plain.iter().filter(|l| *l == label).count() > 1 {
                format!("{label} · {}", r.folder)
            } else {
                label.clone()
            }
        })
        .collect()
}
