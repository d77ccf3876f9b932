//! `match --weights FILE [--compare]`: other weights from a TOML file, and
//! how the matches and the total would change under them.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::error::{Error, Problem, Result, suggestion};
use crate::matching::plan::Plan;
use crate::model::Weights;
use crate::model::matches::Parts;

/// The weights in `path`, over `base`: keys of `[matching.weights]`, written
/// under that table, under `[weights]`, or at the top of the file; a key left
/// out keeps its value from program.toml.
pub(super) fn read_weights(path: &Path, base: Weights) -> Result<Weights> {
    let bad = |message: String| Error::problem(Problem::file(path, message));
    // Checked and bounded: a FIFO or a device is refused, not read.
    let text = crate::store::read_text(path, path, crate::store::MAX_RECORD_BYTES)
        .map_err(Error::problem)?;
    let doc: toml::Table = toml::from_str(&text).map_err(|e| bad(e.message().to_string()))?;
    let table = match (doc.get("matching"), doc.get("weights")) {
        (Some(m), _) => m.get("weights").and_then(|w| w.as_table()),
        (None, Some(w)) => w.as_table(),
        (None, None) => Some(&doc),
    };
    let Some(table) = table else {
        return Err(bad(
            "no weights; write `competency = 10` and the like under [matching.weights]".into(),
        ));
    };
    let mut w = base;
    for (key, value) in table {
        let slot = match key.as_str() {
            "competency" => &mut w.competency,
            "cross_department" => &mut w.cross_department,
            "availability" => &mut w.availability,
            "modality" => &mut w.modality,
            "preference" => &mut w.preference,
            _ => {
                let p = Problem::file(path, format!("unknown weight `{key}`")).field(key.as_str());
                return Err(Error::problem(match suggestion(key, Parts::NAMES) {
                    Some(hint) => p.help(hint),
                    None => p.help(format!("the weights are: {}", Parts::NAMES.join(", "))),
                }));
            }
        };
        let max = crate::store::MAX_WEIGHT;
        *slot = value
            .as_integer()
            .and_then(|v| u32::try_from(v).ok())
            .filter(|v| *v <= max)
            .ok_or_else(|| bad(format!("`{key}` must be a whole number from 0 to {max}")))?;
    }
    Ok(w)
}

/// What changes from `now` to `alt`: the weights, the totals, and each
/// person whose match differs.
pub(super) fn report(now: &Plan<'_>, alt: &Plan<'_>) -> String {
    let (a, b) = (now.cohort.weights, alt.cohort.weights);
    let changed: Vec<String> = Parts::NAMES
        .iter()
        .zip(weight_values(&a).iter().zip(weight_values(&b)))
        .filter(|(_, (x, y))| x != &y)
        .map(|(k, (x, y))| format!("{k} {x} → {y}"))
        .collect();
    let mut out = String::new();
    let weights = if changed.is_empty() {
        "the same as in program.toml".to_string()
    } else {
        changed.join(", ")
    };
    let _ = writeln!(out, "weights: {weights}");
    let rescored = alt.score_of(&now.arrangement);
    let _ = writeln!(
        out,
        "total: {} now; {} under the new weights (the current matches would score {rescored} under them)",
        now.matches.total, alt.matches.total
    );
    let (before, after) = (partners(now), partners(alt));
    let moves: Vec<(&String, &String, &String)> = before
        .iter()
        .filter_map(|(id, x)| after.get(id).filter(|y| *y != x).map(|y| (id, x, y)))
        .collect();
    if moves.is_empty() {
        out.push_str("no match changes\n");
        return out;
    }
    out.push_str("changes:\n");
    for (id, x, y) in &moves {
        let _ = writeln!(out, "  {id:<24}{x} → {y}");
    }
    let _ = writeln!(
        out,
        "{} of {} keep their match",
        before.len() - moves.len(),
        before.len()
    );
    out
}

fn weight_values(w: &Weights) -> [u32; 5] {
    [
        w.competency,
        w.cross_department,
        w.availability,
        w.modality,
        w.preference,
    ]
}

/// Each candidate's match in words: a mentor, a partner, or a circle.
fn partners(plan: &Plan<'_>) -> BTreeMap<String, String> {
    let c = &plan.cohort;
    let mut out: BTreeMap<String, String> = c.ids[..c.mentees]
        .iter()
        .map(|id| (id.to_string(), "(unmatched)".to_string()))
        .collect();
    for e in &plan.matches.matches {
        for id in e.people() {
            let others: Vec<&str> = e
                .people()
                .iter()
                .filter(|x| *x != id)
                .map(String::as_str)
                .collect();
            let text = match &e.mentor {
                Some(m) => m.clone(),
                None if others.len() == 1 => others[0].to_string(),
                None => format!("circle with {}", others.join(", ")),
            };
            out.insert(id.clone(), text);
        }
    }
    out
}
