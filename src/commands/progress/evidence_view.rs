//! `mentorkit progress --evidence`: the figures of `evidence` as a table for
//! people, JSON (the `Evidence` struct, every number at full precision) or
//! one flat CSV.

mod flat;

use serde_json::json;

use crate::cli::Format;
use crate::error::Result;
use crate::evidence::display::{self, ChangeView, DASH, FigureView};
use crate::evidence::{Evidence, words};
use crate::output::{Table, print_out};

/// Prints the evidence.
pub(super) fn run(e: &Evidence, format: Format) -> Result<()> {
    match format {
        Format::Json => crate::output::print_json(e),
        Format::Csv => flat::flat(e).print(Format::Csv),
        Format::Table => print_out(&table(e)?),
    }
}

fn heading(e: &Evidence) -> String {
    let mentees = match e.cohort {
        Some(1) => "1 accepted mentee".to_string(),
        Some(n) => format!("{n} accepted mentees"),
        None => "fewer than 5 accepted mentees".to_string(),
    };
    let mut out = match (e.start, e.followed_years) {
        (Some(s), Some(_)) => format!(
            "Evidence of impact as of {}: {mentees}, counted from {s} ({} so far)\n",
            e.as_of,
            words::span(s, e.as_of)
        ),
        (Some(s), None) => format!(
            "Evidence of impact as of {}: {mentees}; the program starts on {s}\n",
            e.as_of
        ),
        (None, _) => format!("Evidence of impact as of {}: {mentees}\n", e.as_of),
    };
    for g in &e.groups {
        let n = |k: Option<u32>| k.map_or("fewer than 5".to_string(), |k| k.to_string());
        let extra = match (g.waitlisted, g.ineligible) {
            (None, None) if g.group != crate::evidence::GroupKind::Applicants => String::new(),
            (w, i) => format!(" ({} waitlisted, {} ineligible)", n(w), n(i)),
        };
        out.push_str(&format!(
            "Comparison group: {}{extra}, {} of {} listed were employed at the start\n",
            g.label,
            n(g.at_start),
            n(g.listed)
        ));
    }
    for note in &e.notes {
        out.push_str(&format!("Note: {note}\n"));
    }
    out
}

/// One row per figure and comparison group, and one per stratified ratio.
fn figure_rows(t: &mut Table, f: &FigureView) {
    let ours = [json!(f.label), json!(f.participants), json!(f.interval)];
    if f.comparisons.is_empty() {
        let mut row = ours.to_vec();
        row.extend([json!(DASH), json!(DASH), json!(DASH), json!(DASH)]);
        t.push(row);
    }
    for (i, c) in f.comparisons.iter().enumerate() {
        let mut row = if i == 0 {
            ours.to_vec()
        } else {
            vec![json!(""), json!(""), json!("")]
        };
        row.extend([
            json!(c.label),
            json!(c.rate),
            json!(c.ratio),
            json!(c.fisher_p),
        ]);
        t.push(row);
        if !c.stratified_by.is_empty() {
            t.push(vec![
                json!(""),
                json!(""),
                json!(""),
                json!(format!("  within {}", c.stratified_by)),
                json!(""),
                json!(c.stratified),
                json!(""),
            ]);
        }
    }
}

/// The terminal view: the rates, the survey changes, each with its sentences.
fn table(e: &Evidence) -> Result<String> {
    let mut out = heading(e);
    out.push('\n');
    let mut t = Table::new(&[
        "measure",
        "participants",
        "95% interval",
        "compared with",
        "their rate",
        "ratio (95% interval)",
        "Fisher p",
    ]);
    let figures = display::figures(e);
    for f in &figures {
        figure_rows(&mut t, f);
    }
    out.push_str(&t.render(Format::Table)?);
    for f in &figures {
        out.push_str(&format!("  {}: {}\n", f.label, f.conclusion));
    }
    let surveys = display::surveys(e);
    if surveys.is_empty() {
        out.push_str("\nNo pre or post survey answers yet.\n");
    } else {
        out.push('\n');
        out.push_str(&changes_table("question", &surveys)?);
        for q in &surveys {
            out.push_str(&format!("  {}: {}\n", q.name, q.conclusion));
        }
    }
    let asked = display::competencies(e);
    if !asked.is_empty() {
        out.push_str("\nProficiency per competency (the mentees who chose it):\n");
        out.push_str(&changes_table("competency", &asked)?);
        for c in &asked {
            out.push_str(&format!("  {}: {}\n", c.name, c.conclusion));
        }
    }
    Ok(out)
}

fn changes_table(first: &'static str, rows: &[ChangeView]) -> Result<String> {
    let mut s = Table::new(&[
        first,
        "n",
        "pre",
        "post",
        "change",
        "95% interval",
        "Wilcoxon p",
        "only before/after",
    ]);
    for q in rows {
        s.push(vec![
            json!(q.name),
            json!(q.n),
            json!(q.pre),
            json!(q.post),
            json!(q.change),
            json!(q.interval),
            json!(q.wilcoxon_p),
            json!(format!("{}/{}", q.only_before, q.only_after)),
        ]);
    }
    s.render(Format::Table)
}
