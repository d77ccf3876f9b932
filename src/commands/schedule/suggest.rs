//! `schedule suggest`: the 21 weekly slots ranked by how many of the accepted
//! mentees and the mentors can meet then, with who cannot; `--for ID…` ranks
//! for one pair or group.
//!
//! Accepted means accepted in `screening.yaml` (the same reader as
//! `progress`); before `screen` has run, every mentee counts, and a note
//! says so.

use crate::output::say;
use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::cli::SuggestArgs;
use crate::cohort::Cohort;
use crate::commands::Ctx;
use crate::error::{Error, Kind, Result, Unknown};
use crate::model::Role;
use crate::output::Table;
use crate::schedule::slots::{Availability, Side, rank_slots};

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
    let root = ctx.root()?;
    let folder = crate::store::load(&root)?;
    let screening = crate::store::load_screening(&root)?;
    let cohort = ctx.cohort(&folder, screening.as_ref(), None);
    let people = who(&cohort, &args.for_ids)?;
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
fn who(cohort: &Cohort<'_>, for_ids: &[String]) -> Result<Vec<Availability>> {
    let folder = cohort.folder;
    let ids: Vec<String> = if for_ids.is_empty() {
        if let Some(note) = cohort.roster_note() {
            say!("note: {note}");
        }
        let mut ids: Vec<String> = cohort.roster().iter().map(|id| (*id).to_owned()).collect();
        ids.extend(folder.mentors().map(|(id, _)| id.clone()));
        ids.sort();
        ids
    } else {
        let unknown: Vec<&str> = for_ids
            .iter()
            .filter(|id| !folder.participants.contains_key(*id))
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            return Err(Error::Unknown(Unknown::new(
                Kind::Participant,
                &unknown,
                folder.participants.keys().map(String::as_str),
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
