//! The evidence as one CSV for a spreadsheet: `section` says what a row is.
//! `rate` rows keep the columns they always had (the staff file's rate and
//! ratio beside the participants'), then the window, the Kaplan–Meier
//! reading and the caution; `comparison` rows give each comparison group in
//! full (ratio, difference, Fisher's p and mid-p, the stratified ratio);
//! `survey` and `competency` rows the paired changes.

use serde_json::{Value, json};

use crate::evidence::{Comparing, Evidence, Figure, Proportion, Ratio, SurveyChange};
use crate::output::Table;

fn num(x: Option<f64>) -> Value {
    x.map_or(Value::Null, |x| json!((x * 10_000.0).round() / 10_000.0))
}

fn int(x: Option<u32>) -> Value {
    x.map_or(Value::Null, |x| json!(x))
}

fn yes(b: bool) -> Value {
    json!(if b { "yes" } else { "no" })
}

const KEYS: &[&str] = &[
    "section",
    "measure",
    "label",
    "count",
    "n",
    "rate",
    "low",
    "high",
    "comparison_count",
    "comparison_n",
    "comparison_rate",
    "comparison_low",
    "comparison_high",
    "ratio",
    "ratio_low",
    "ratio_high",
    "pre_mean",
    "post_mean",
    "change",
    "change_low",
    "change_high",
    "provisional",
    "conclusion",
    // Added with the exact methods; every row has them, empty where they
    // do not apply.
    "group",
    "reading",
    "window_years",
    "counted_to",
    "survival",
    "survival_low",
    "survival_high",
    "difference",
    "difference_low",
    "difference_high",
    "fisher_p",
    "mid_p",
    "stratified_by",
    "stratified_ratio",
    "stratified_low",
    "stratified_high",
    "wilcoxon_p",
    "only_pre",
    "only_post",
    "small_sample",
    "caution",
    "suppressed",
];

/// Every figure, comparison and change as rows.
pub(super) fn flat(e: &Evidence) -> Table {
    let mut t = Table::new(KEYS);
    for f in &e.figures {
        t.push(rate_row(f));
        for c in &f.comparisons {
            t.push(comparison_row(f, c));
        }
    }
    for s in &e.surveys {
        t.push(change_row("survey", &s.question, &s.question, s));
    }
    for c in &e.competencies {
        let label = c.question.clone().unwrap_or_default();
        t.push(change_row("competency", &c.competency, &label, &c.paired));
    }
    t
}

fn share(p: Option<&Proportion>) -> [Value; 5] {
    [
        int(p.and_then(|p| p.count)),
        int(p.and_then(|p| p.n)),
        num(p.and_then(|p| p.rate)),
        num(p.and_then(|p| p.low)),
        num(p.and_then(|p| p.high)),
    ]
}

fn ratio(r: Option<&Ratio>) -> [Value; 3] {
    [
        num(r.and_then(|r| r.value)),
        num(r.and_then(|r| r.low)),
        num(r.and_then(|r| r.high)),
    ]
}

fn nulls(n: usize) -> impl Iterator<Item = Value> {
    std::iter::repeat_n(Value::Null, n)
}

fn rate_row(f: &Figure) -> Vec<Value> {
    let mut row = vec![json!("rate"), json!(f.measure), json!(f.label)];
    row.extend(share(Some(&f.participants)));
    row.extend(share(f.comparison.as_ref()));
    row.extend(ratio(f.ratio.as_ref()));
    row.extend(nulls(5));
    row.extend([yes(f.provisional), json!(f.conclusion)]);
    let s = f.survival.as_ref();
    row.extend([
        json!("participants"),
        json!(f.reading),
        f.window.map_or(Value::Null, |w| json!(w.years)),
        f.counted_to.map_or(Value::Null, |d| json!(d.to_string())),
        num(s.map(|s| s.estimate)),
        num(s.map(|s| s.low)),
        num(s.map(|s| s.high)),
    ]);
    row.extend(nulls(10));
    row.extend(nulls(2));
    row.extend([
        yes(f.small_sample),
        f.caution.as_ref().map_or(Value::Null, |c| json!(c)),
        yes(f.suppressed),
    ]);
    row
}

fn comparison_row(f: &Figure, c: &Comparing) -> Vec<Value> {
    let mut row = vec![json!("comparison"), json!(f.measure), json!(f.label)];
    row.extend(share(Some(&f.participants)));
    row.extend(share(Some(&c.proportion)));
    row.extend(ratio(c.ratio.as_ref()));
    row.extend(nulls(5));
    row.extend([yes(f.provisional), json!(c.conclusion)]);
    row.extend([
        json!(c.label),
        json!(f.reading),
        f.window.map_or(Value::Null, |w| json!(w.years)),
        f.counted_to.map_or(Value::Null, |d| json!(d.to_string())),
    ]);
    row.extend(nulls(3));
    let d = c.difference.as_ref();
    row.extend([
        num(d.map(|d| d.value)),
        num(d.map(|d| d.low)),
        num(d.map(|d| d.high)),
        num(c.fisher.map(|t| t.p_value)),
        num(c.fisher.map(|t| t.mid_p)),
    ]);
    let s = c.stratified.as_ref();
    row.push(s.map_or(Value::Null, |s| json!(s.by.join(" and "))));
    row.extend(ratio(s.and_then(|s| s.ratio.as_ref())));
    row.extend(nulls(3));
    row.extend([yes(c.small_sample), Value::Null, yes(c.suppressed)]);
    row
}

fn change_row(section: &str, name: &str, label: &str, s: &SurveyChange) -> Vec<Value> {
    let mut row = vec![json!(section), json!(name), json!(label)];
    row.extend([int(s.improved), int(s.n)]);
    row.extend(nulls(11));
    row.extend([
        num(s.pre_mean),
        num(s.post_mean),
        num(s.change),
        num(s.low),
        num(s.high),
        yes(false),
        json!(s.conclusion),
    ]);
    row.extend(nulls(16));
    row.extend([num(s.wilcoxon_p), int(s.only_pre), int(s.only_post)]);
    row.extend([
        yes(s.small_sample),
        s.caution.as_ref().map_or(Value::Null, |c| json!(c)),
        yes(s.suppressed),
    ]);
    row
}
