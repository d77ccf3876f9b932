//! `schedule suggest`: the 21 weekly slots ranked by how many of the accepted
//! mentees and the mentors can meet then, with who cannot; `--for ID…` ranks
//! for one pair or group.
//!
//! Accepted means `accepted` in `screening.yaml`; before `screen` has run,
//! every mentee counts (and a note says so).

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::cli::SuggestArgs;
use crate::commands::Ctx;
use crate::error::{Error, Result, nearest};
use crate::model::Role;
use crate::output::Table;
use crate::schedule::slots::{Availability, Side, rank_slots};
use crate::store::Folder;

/// The JSON keys of `schedule suggest`, in order (documented in the README).
pub(crate) const SUGGEST_KEYS: &[&str] = &[
    "rank",
    "slot",
    "available",
    "mentors",
    "unavailable",
    "cannot",
];

/// Runs `schedule suggest`.
pub(super) fn run(ctx: &Ctx, args: SuggestArgs) -> Result<()> {
    let folder = Folder::load(&ctx.root()?)?;
    let people = who(&folder, &args.for_ids)?;
    table(&people).print(args.format)
}

/// The ranking as a table.
pub(crate) fn table(people: &[Availability]) -> Table {
    let mut t = Table::new(SUGGEST_KEYS).brief(&["rank", "slot", "available", "mentors", "cannot"]);
    for (n, r) in rank_slots(people).iter().enumerate() {
        t.push(vec![
            json!(n + 1),
            json!(r.slot.to_string()),
            json!(r.can.len()),
            json!(r.mentors),
            json!(r.cannot.len()),
            Value::Array(r.cannot.iter().map(|id| json!(id)).collect()),
        ]);
    }
    t
}

/// Whose availability counts.
fn who(folder: &Folder, for_ids: &[String]) -> Result<Vec<Availability>> {
    let ids: Vec<String> = if for_ids.is_empty() {
        let accepted = accepted(folder);
        if accepted.is_none() {
            eprintln!(
                "note: no screening.yaml yet; counting every mentee (run `mentorkit screen` to count the accepted ones)"
            );
        }
        folder
            .participants
            .iter()
            .filter(|(id, p)| {
                p.role == Role::Mentor || accepted.as_ref().is_none_or(|a| a.contains(*id))
            })
            .map(|(id, _)| id.clone())
            .collect()
    } else {
        let unknown: Vec<String> = for_ids
            .iter()
            .filter(|id| !folder.participants.contains_key(*id))
            .map(
                |id| match nearest(id, folder.participants.keys().map(String::as_str)) {
                    Some(near) => format!("`{id}` (did you mean `{near}`?)"),
                    None => format!("`{id}`"),
                },
            )
            .collect();
        if !unknown.is_empty() {
            return Err(Error::Refused(format!(
                "no participant {}; see `mentorkit list participants`",
                unknown.join(", ")
            )));
        }
        let unique: BTreeSet<&String> = for_ids.iter().collect();
        unique.into_iter().cloned().collect()
    };
    Ok(ids
        .iter()
        .filter_map(|id| folder.participants.get(id).map(|p| (id, p)))
        .map(|(id, p)| Availability {
            id: id.clone(),
            side: if p.role == Role::Mentor {
                Side::Mentor
            } else {
                Side::Mentee
            },
            slots: p.availability.clone(),
        })
        .collect())
}

/// The ids `screening.yaml` accepts, read tolerantly: a map or list of
/// entries whose `decision` is `accepted`. `None` when there is no such file.
pub(crate) fn accepted(folder: &Folder) -> Option<BTreeSet<String>> {
    let text = std::fs::read_to_string(folder.root.join("screening.yaml")).ok()?;
    let value: Value = serde_saphyr::from_str(&text).ok()?;
    Some(accepted_in(&value))
}

fn accepted_in(value: &Value) -> BTreeSet<String> {
    let is_accepted = |v: &Value| {
        v.get("decision").and_then(Value::as_str) == Some("accepted")
            || v.as_str() == Some("accepted")
    };
    let mut out = BTreeSet::new();
    let mut visit = |container: &Value| match container {
        Value::Object(map) => {
            for (id, v) in map {
                if is_accepted(v) {
                    out.insert(id.clone());
                }
            }
        }
        Value::Array(items) => {
            for v in items {
                if let (true, Some(id)) = (is_accepted(v), v.get("id").and_then(Value::as_str)) {
                    out.insert(id.to_owned());
                }
            }
        }
        _ => {}
    };
    for key in ["decisions", "participants", "screening"] {
        if let Some(inner) = value.get(key) {
            visit(inner);
        }
    }
    visit(value);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &str) -> Vec<String> {
        let value: Value = serde_saphyr::from_str(v).unwrap();
        accepted_in(&value).into_iter().collect()
    }

    #[test]
    fn screening_is_read_in_several_shapes() {
        assert_eq!(
            ids("decisions:\n  ana: {decision: accepted}\n  bo: {decision: waitlisted}\n"),
            ["ana"]
        );
        assert_eq!(
            ids(
                "participants:\n  - id: ana\n    decision: accepted\n  - id: cy\n    decision: ineligible\n"
            ),
            ["ana"]
        );
        assert_eq!(ids("ana: accepted\nbo: ineligible\n"), ["ana"]);
    }
}
