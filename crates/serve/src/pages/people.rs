//! The people list, filtered by department, screening decision, role and
//! risk through the query string (a plain GET form, so a filter is a link).

use std::collections::BTreeSet;

use serde::Serialize;

use super::{Person, decision};
use crate::error::Result;
use crate::form::Fields;
use crate::guard::Shared;
use crate::site::{self, Answer, Section, bad_field};

/// The decisions a filter can ask for.
const DECISIONS: &[&str] = &[
    "accepted",
    "waitlisted",
    "ineligible",
    "not screened",
    "mentor",
];

#[derive(Serialize)]
struct List {
    filter: Filter,
    departments: Vec<String>,
    decisions: &'static [&'static str],
    rows: Vec<Row>,
    total: usize,
}

#[derive(Serialize, Default)]
struct Filter {
    department: Option<String>,
    decision: Option<String>,
    risk: Option<String>,
}

#[derive(Serialize)]
struct Row {
    person: Person,
    role: &'static str,
    department: String,
    decision: &'static str,
    in_cohort: bool,
    attendance: Option<String>,
    deliverables: Option<String>,
    at_risk: bool,
    reasons: Vec<String>,
}

fn filter(q: &Fields) -> Result<Filter> {
    let f = Filter {
        department: q.get("department").map(str::to_string),
        decision: q.get("decision").map(str::to_string),
        risk: q.get("risk").map(str::to_string),
    };
    if let Some(d) = &f.decision
        && !DECISIONS.contains(&d.as_str())
    {
        return Err(bad_field(
            "decision",
            format!("must be one of: {}", DECISIONS.join(", ")),
        ));
    }
    if let Some(r) = &f.risk
        && !matches!(r.as_str(), "yes" | "no")
    {
        return Err(bad_field("risk", "must be yes or no"));
    }
    Ok(f)
}

/// `GET /people`.
pub(crate) fn list(shared: &Shared, q: &Fields) -> Result<Answer> {
    let loaded = site::load(shared)?;
    let cohort = loaded.cohort();
    let folder = &loaded.folder;
    let f = filter(q)?;
    let departments: BTreeSet<String> = folder
        .participants
        .values()
        .map(|p| p.department.trim().to_string())
        .collect();
    let rows: Vec<Row> = folder
        .participants
        .iter()
        .map(|(id, p)| {
            let m = cohort.member(id);
            Row {
                person: Person::of(folder, id),
                role: p.role.as_str(),
                department: p.department.trim().to_string(),
                decision: decision(&loaded, id),
                in_cohort: m.is_some(),
                attendance: m.map(|m| {
                    let a = &m.attendance;
                    format!("{} of {}", a.attended, a.held)
                }),
                deliverables: m.map(|m| {
                    let d = m.done_of_due();
                    format!("{} of {}", d.done, d.due)
                }),
                at_risk: m.is_some_and(|m| m.at_risk()),
                reasons: m
                    .map(|m| m.flags.iter().map(|f| f.text.clone()).collect())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let total = rows.len();
    let rows = rows
        .into_iter()
        .filter(|r| {
            f.department
                .as_ref()
                .is_none_or(|d| d.eq_ignore_ascii_case(&r.department))
                && f.decision.as_ref().is_none_or(|d| d == r.decision)
                && f.risk
                    .as_ref()
                    .is_none_or(|want| (want == "yes") == r.at_risk)
        })
        .collect();
    let page = List {
        filter: f,
        departments: departments.into_iter().collect(),
        decisions: DECISIONS,
        rows,
        total,
    };
    site::page(
        shared,
        &loaded,
        Section::People,
        "People",
        "people.html",
        &page,
    )
}
