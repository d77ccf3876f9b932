//! `mentorkit progress --evidence`: the figures of `evidence` as a table for
//! people, JSON (the `Evidence` struct) or one flat CSV.

use serde_json::{Value, json};

use crate::cli::Format;
use crate::cohort::Cohort;
use crate::error::{Error, Result};
use crate::evidence::{Evidence, Figure, Proportion, one_decimal, percent, signed, times};
use crate::output::{Table, print_out};

/// Prints the evidence for the folder as of a day.
pub(super) fn run(cohort: &Cohort<'_>, format: Format) -> Result<()> {
    let e = super::evidence_for(cohort)?;
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&e).map_err(Error::json)?;
            s.push('\n');
            print_out(&s)
        }
        Format::Csv => flat(&e).print(Format::Csv),
        Format::Table => print_out(&table(&e)?),
    }
}

fn num(x: Option<f64>) -> Value {
    x.map_or(Value::Null, |x| json!((x * 10_000.0).round() / 10_000.0))
}

const FLAT_KEYS: &[&str] = &[
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
];

/// Rates and survey changes in one CSV: `section` says which a row is.
fn flat(e: &Evidence) -> Table {
    let mut t = Table::new(FLAT_KEYS);
    for f in &e.figures {
        let c = f.comparison.as_ref();
        t.push(vec![
            json!("rate"),
            json!(f.measure),
            json!(f.label),
            json!(f.participants.count),
            json!(f.participants.n),
            num(f.participants.rate),
            num(f.participants.low),
            num(f.participants.high),
            c.map_or(Value::Null, |c| json!(c.count)),
            c.map_or(Value::Null, |c| json!(c.n)),
            num(c.and_then(|c| c.rate)),
            num(c.and_then(|c| c.low)),
            num(c.and_then(|c| c.high)),
            num(f.ratio.map(|r| r.value)),
            num(f.ratio.map(|r| r.low)),
            num(f.ratio.map(|r| r.high)),
            Value::Null,
            Value::Null,
            Value::Null,
            Value::Null,
            Value::Null,
            json!(if f.provisional { "yes" } else { "no" }),
            json!(f.conclusion),
        ]);
    }
    for s in &e.surveys {
        let mut row = vec![json!("survey"), json!(s.question), json!(s.question)];
        row.extend([json!(s.improved), json!(s.n)]);
        row.extend(std::iter::repeat_n(Value::Null, 11));
        row.extend([
            num(s.pre_mean),
            num(s.post_mean),
            num(s.change),
            num(s.low),
            num(s.high),
            json!("no"),
            json!(s.conclusion),
        ]);
        t.push(row);
    }
    t
}

fn share(p: &Proportion) -> String {
    match p.rate {
        Some(r) => format!("{}/{} ({})", p.count, p.n, percent(r)),
        None => "—".to_string(),
    }
}

fn interval(p: &Proportion) -> String {
    match (p.low, p.high) {
        (Some(l), Some(h)) => format!("{} to {}", percent(l), percent(h)),
        _ => "—".to_string(),
    }
}

fn ratio(f: &Figure) -> String {
    f.ratio.map_or("—".to_string(), |r| times(r.value))
}

fn heading(e: &Evidence) -> String {
    let mentees = match e.cohort {
        1 => "1 accepted mentee".to_string(),
        n => format!("{n} accepted mentees"),
    };
    let mut out = match e.start {
        Some(s) => format!(
            "Evidence of impact as of {}: {mentees}, counted from {s}\n",
            e.as_of
        ),
        None => format!("Evidence of impact as of {}: {mentees}\n", e.as_of),
    };
    if let Some(c) = &e.comparison {
        out.push_str(&format!(
            "Comparison group: {}, {} of {} listed were employed at the start\n",
            c.file, c.at_start, c.listed
        ));
    }
    for n in &e.notes {
        out.push_str(&format!("Note: {n}\n"));
    }
    out
}

/// The terminal view: the rates, the survey changes, each with its sentence.
fn table(e: &Evidence) -> Result<String> {
    let mut out = heading(e);
    out.push('\n');
    let compared = e.comparison.is_some();
    let keys: &[&'static str] = if compared {
        &[
            "measure",
            "participants",
            "95% interval",
            "comparison",
            "95% interval",
            "ratio",
        ]
    } else {
        &["measure", "participants", "95% interval"]
    };
    let mut t = Table::new(keys);
    for f in &e.figures {
        let mut row = vec![
            json!(f.label),
            json!(share(&f.participants)),
            json!(interval(&f.participants)),
        ];
        if compared {
            let c = f.comparison.as_ref();
            row.push(json!(c.map_or("—".to_string(), share)));
            row.push(json!(c.map_or("—".to_string(), interval)));
            row.push(json!(ratio(f)));
        }
        t.push(row);
    }
    out.push_str(&t.render(Format::Table)?);
    for f in &e.figures {
        out.push_str(&format!("  {}: {}\n", f.label, f.conclusion));
    }
    if e.surveys.is_empty() {
        out.push_str("\nNo pre or post survey answers yet.\n");
        return Ok(out);
    }
    out.push('\n');
    let mut s = Table::new(&[
        "question",
        "n",
        "pre",
        "post",
        "change",
        "95% interval",
        "improved",
    ]);
    let one = |x: Option<f64>| x.map_or("—".to_string(), one_decimal);
    let sign = |x: Option<f64>| x.map_or("—".to_string(), signed);
    for q in &e.surveys {
        s.push(vec![
            json!(q.question),
            json!(q.n),
            json!(one(q.pre_mean)),
            json!(one(q.post_mean)),
            json!(sign(q.change)),
            json!(match (q.low, q.high) {
                (Some(l), Some(h)) => format!("{} to {}", signed(l), signed(h)),
                _ => "—".to_string(),
            }),
            json!(if q.n == 0 {
                "—".to_string()
            } else {
                format!("{} of {}", q.improved, q.n)
            }),
        ]);
    }
    out.push_str(&s.render(Format::Table)?);
    for q in &e.surveys {
        out.push_str(&format!("  {}: {}\n", q.question, q.conclusion));
    }
    Ok(out)
}
