//! The what-if of the matching page: other weights, pins and forbidden
//! pairs, read from the query (or the Save form), and the exact optimum
//! under them from the same planner `mentorkit match` runs, for the same
//! candidates (the cohort's roster).

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::error::Result;
use crate::form::Fields;
use crate::logic::cohort::Cohort;
use crate::matching::plan::{Input, PinProblem, Plan, PlanError, plan};
use crate::model::matches::Parts;
use crate::model::{Folder, Matching, Weights};
use crate::site::bad_field;

/// The settings a what-if runs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Settings {
    pub weights: Weights,
    pub pins: Vec<Vec<String>>,
    pub forbid: Vec<Vec<String>>,
}

impl Settings {
    /// `[matching]` as program.toml has it.
    pub(crate) fn of_program(m: &Matching) -> Settings {
        Settings {
            weights: m.weights,
            pins: m.pins.clone(),
            forbid: m.forbid.clone(),
        }
    }

    /// The weights in [`Parts::NAMES`] order.
    pub(crate) fn weight_values(&self) -> [u32; 5] {
        let w = &self.weights;
        [
            w.competency,
            w.cross_department,
            w.availability,
            w.modality,
            w.preference,
        ]
    }

    /// Pairs as the text box shows them: one `a, b` a line.
    pub(crate) fn lines(pairs: &[Vec<String>]) -> String {
        pairs
            .iter()
            .map(|p| p.join(", "))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Pairs on one line, `a, b; c, d`, for a hidden field or a link.
    pub(crate) fn inline(pairs: &[Vec<String>]) -> String {
        pairs
            .iter()
            .map(|p| p.join(", "))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The settings as query fields, to link the explain pages and to send
    /// with Save.
    pub(crate) fn query(&self) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (name, value) in Parts::NAMES.iter().zip(self.weight_values()) {
            s.append_pair(name, &value.to_string());
        }
        s.append_pair("pins", &Settings::inline(&self.pins));
        s.append_pair("forbid", &Settings::inline(&self.forbid));
        s.finish()
    }
}

/// The settings in `q`: each weight, pin and forbidden pair given replaces
/// program.toml's; a field left out keeps program.toml's value.
pub(crate) fn settings(folder: &Folder, q: &Fields) -> Result<Settings> {
    let mut s = Settings::of_program(&folder.program.matching);
    let w = &mut s.weights;
    let slots = [
        &mut w.competency,
        &mut w.cross_department,
        &mut w.availability,
        &mut w.modality,
        &mut w.preference,
    ];
    for (name, slot) in Parts::NAMES.iter().zip(slots) {
        if let Some(v) = q.get(name) {
            *slot = v
                .parse::<u32>()
                .ok()
                .filter(|v| *v <= 1000)
                .ok_or_else(|| bad_field(name, "must be a whole number from 0 to 1000"))?;
        }
    }
    if q.has("pins") {
        s.pins = pairs(folder, "pins", q.get("pins").unwrap_or(""))?;
    }
    if q.has("forbid") {
        s.forbid = pairs(folder, "forbid", q.get("forbid").unwrap_or(""))?;
    }
    Ok(s)
}

/// Pairs of ids, one pair a line (or apart by `;`), the two ids apart by a
/// comma or spaces.
fn pairs(folder: &Folder, field: &str, text: &str) -> Result<Vec<Vec<String>>> {
    let mut out = Vec::new();
    for (n, line) in text.split(['\n', ';']).enumerate() {
        let ids: Vec<&str> = line
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .collect();
        match ids.as_slice() {
            [] => continue,
            [a, b] => {
                for id in [a, b] {
                    if !folder.participants.contains_key(*id) {
                        let shown: String = id.chars().take(60).collect();
                        return Err(bad_field(
                            field,
                            format!("pair {}: no participant `{shown}`", n + 1),
                        ));
                    }
                }
                out.push(vec![a.to_string(), b.to_string()]);
            }
            _ => {
                return Err(bad_field(
                    field,
                    format!(
                        "line {}: write two ids, such as `ana-ruiz, james-carter`",
                        n + 1
                    ),
                ));
            }
        }
    }
    Ok(out)
}

/// The candidates `mentorkit match` matches: the cohort's roster.
fn candidates(cohort: &Cohort<'_>) -> Option<BTreeSet<String>> {
    Some(cohort.roster().into_iter().map(String::from).collect())
}

/// `[matching]` with the what-if's weights, pins and forbidden pairs.
fn matching(folder: &Folder, s: &Settings) -> Matching {
    Matching {
        weights: s.weights,
        pins: s.pins.clone(),
        forbid: s.forbid.clone(),
        ..folder.program.matching.clone()
    }
}

/// Plans the cohort's candidates under `settings`, exactly as `mentorkit
/// match` would under them, and hands the plan (or why there is none) and
/// the time it took to `then`: a plan borrows what it was made from.
pub(crate) fn plan_with<T>(
    folder: &Folder,
    settings: &Settings,
    cohort: &Cohort<'_>,
    then: impl FnOnce(Result<Plan<'_>, PlanError>, Duration) -> T,
) -> T {
    let matching = matching(folder, settings);
    let input = Input {
        participants: &folder.participants,
        matching: &matching,
        weights: settings.weights,
        accepted: candidates(cohort),
    };
    let start = Instant::now();
    let planned = plan(&input);
    then(planned, start.elapsed())
}

/// A pin that cannot hold, in words.
fn pin_words(p: &PinProblem) -> String {
    format!("the pin [{}] cannot hold: {}", p.pin.join(", "), p.message)
}

/// Why no matching was made, in words for the page.
pub(crate) fn plan_words(e: &PlanError) -> String {
    match e {
        PlanError::Pin(p) => pin_words(p),
        PlanError::TooLarge(t) => crate::error::Error::from(t.clone()).to_string(),
    }
}

/// Why no matching was made, as the refusal of a request.
pub(crate) fn plan_error(e: PlanError) -> crate::error::Error {
    match e {
        PlanError::Pin(p) => crate::site::bad_field("pins", pin_words(&p)),
        PlanError::TooLarge(t) => t.into(),
    }
}
