//! Deliverables: the one rule for comparing their names, which the program
//! names, when each falls due, each person's state of each, and the counts.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, Kind, Result, Unknown};
use crate::model::{
    DeliverableRule, DeliverableStatus, Participant, ProgramFile, Session, SessionKind,
};

/// The key a deliverable's name is compared by: case, spacing, dashes and
/// underscores ignored, so `Resume`, ` resume ` and `career_plan` /
/// `Career Plan` / `career-plan` name one deliverable each.
pub fn name_key(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A deliverable the program names: its key and its name as first written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub key: String,
    pub name: String,
}

/// The deliverables of the program: those the curriculum names, in order,
/// then those only `[completion] deliverables` names; each once.
pub fn catalog(program: &ProgramFile) -> Vec<Named> {
    let mut out: Vec<Named> = Vec::new();
    let mut add = |n: &str| {
        let key = name_key(n);
        if !key.is_empty() && !out.iter().any(|x| x.key == key) {
            out.push(Named {
                key,
                name: n.trim().to_string(),
            });
        }
    };
    for c in &program.curriculum {
        c.deliverables.iter().for_each(|d| add(d));
    }
    if let DeliverableRule::Named(v) = &program.completion.deliverables {
        v.iter().for_each(|d| add(d));
    }
    out
}

/// The day each curriculum entry's workshop is held: the workshop with its
/// title, else the workshop at its place in date order.
pub fn curriculum_dates(
    program: &ProgramFile,
    sessions: &BTreeMap<String, Session>,
) -> Vec<Option<NaiveDate>> {
    let mut workshops: Vec<&Session> = sessions
        .values()
        .filter(|s| s.kind() == SessionKind::Workshop)
        .collect();
    workshops.sort_by_key(|s| s.date);
    program
        .curriculum
        .iter()
        .enumerate()
        .map(|(i, c)| {
            workshops
                .iter()
                .find(|s| name_key(&s.title) == name_key(&c.title))
                .or_else(|| workshops.get(i))
                .map(|s| s.date)
        })
        .collect()
}

/// The deliverable `name` names for person `p`: the person's own spelling
/// first, then the program's (case and spacing aside); a refusal that lists
/// the known names otherwise. `deliverable` and the dashboard both ask this.
pub fn resolve(p: &Participant, program: &ProgramFile, name: &str) -> Result<String> {
    let catalog = catalog(program);
    let known: Vec<&str> = p
        .deliverables
        .keys()
        .map(String::as_str)
        .chain(catalog.iter().map(|n| n.name.as_str()))
        .collect();
    let want = name_key(name);
    if let Some(found) = known.iter().find(|k| name_key(k) == want) {
        return Ok((*found).to_string());
    }
    let otherwise = if known.is_empty() {
        "name the deliverables in program.toml ([[curriculum]] deliverables or [completion] deliverables)".to_string()
    } else {
        let mut names = known.clone();
        names.sort();
        names.dedup();
        format!("the deliverables are: {}", names.join(", "))
    };
    Err(Error::Unknown(
        Unknown::new(Kind::Deliverable, &[name], known.iter().copied())
            .scope(" in this program")
            .otherwise(otherwise),
    ))
}

/// The deliverables due on a day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Due {
    /// Keys of the program's deliverables that are due.
    pub keys: BTreeSet<String>,
    /// The program has ended: every deliverable is due, a person's own too.
    pub ended: bool,
}

/// The deliverables due by `as_of`: a curriculum entry's once its workshop's
/// day has come; all of them once the program has ended.
pub fn due(
    program: &ProgramFile,
    sessions: &BTreeMap<String, Session>,
    as_of: NaiveDate,
    ended: bool,
) -> Due {
    let mut due = Due::default();
    let dates = curriculum_dates(program, sessions);
    for (c, date) in program.curriculum.iter().zip(dates) {
        if date.is_some_and(|d| d <= as_of) {
            due.keys.extend(c.deliverables.iter().map(|d| name_key(d)));
        }
    }
    if ended {
        due.keys.extend(catalog(program).into_iter().map(|n| n.key));
        due.ended = true;
    }
    due
}

/// One person's state of one deliverable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeliverableState {
    /// As the program writes it, else as the person's record does.
    pub name: String,
    #[serde(skip)]
    pub key: String,
    /// `None`: not in the person's record (counted as not started).
    pub status: Option<DeliverableStatus>,
    /// The `[completion]` rule asks for it.
    pub required: bool,
    /// It has fallen due by the day.
    pub due: bool,
}

impl DeliverableState {
    /// Whether it is done.
    pub fn done(&self) -> bool {
        self.status == Some(DeliverableStatus::Done)
    }
}

/// A person's state of every deliverable: the program's, in its order, then
/// the person's own others, by name. A name the person wrote twice in two
/// spellings counts once, with the better state.
pub fn states(
    p: &Participant,
    catalog: &[Named],
    rule: &DeliverableRule,
    due: &Due,
) -> Vec<DeliverableState> {
    let mut own: BTreeMap<String, (String, DeliverableStatus)> = BTreeMap::new();
    for (name, status) in &p.deliverables {
        let key = name_key(name);
        if key.is_empty() {
            continue;
        }
        let entry = own
            .entry(key)
            .or_insert_with(|| (name.trim().to_string(), *status));
        entry.1 = entry.1.max(*status);
    }
    let named: BTreeSet<String> = match rule {
        DeliverableRule::Named(v) => v.iter().map(|n| name_key(n)).collect(),
        _ => BTreeSet::new(),
    };
    let required = |key: &str| match rule {
        DeliverableRule::All => true,
        DeliverableRule::None => false,
        DeliverableRule::Named(_) => named.contains(key),
    };
    let mut out: Vec<DeliverableState> = catalog
        .iter()
        .map(|n| DeliverableState {
            name: n.name.clone(),
            key: n.key.clone(),
            status: own.get(&n.key).map(|(_, s)| *s),
            required: required(&n.key),
            due: due.keys.contains(&n.key),
        })
        .collect();
    for (key, (name, status)) in own {
        if catalog.iter().any(|n| n.key == key) {
            continue;
        }
        out.push(DeliverableState {
            due: due.ended,
            required: required(&key),
            name,
            key,
            status: Some(status),
        });
    }
    out
}

/// The one name each deliverable is shown by, by key: the program's
/// spelling for the deliverables it names, else the first spelling among
/// `people` (in the order given, by id), so that every document of the
/// cohort calls a deliverable the same.
pub fn one_name_each<'a>(
    catalog: &[Named],
    people: impl IntoIterator<Item = &'a [DeliverableState]>,
) -> BTreeMap<String, String> {
    let mut names: BTreeMap<String, String> = catalog
        .iter()
        .map(|n| (n.key.clone(), n.name.clone()))
        .collect();
    for states in people {
        for s in states {
            names.entry(s.key.clone()).or_insert_with(|| s.name.clone());
        }
    }
    names
}

/// Shows each state by its deliverable's one name.
pub fn rename(states: &mut [DeliverableState], names: &BTreeMap<String, String>) {
    for s in states {
        if let Some(shown) = names.get(&s.key) {
            s.name.clone_from(shown);
        }
    }
}

/// Deliverables done of those due, for `progress`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Deliverables {
    pub done: u32,
    pub due: u32,
    /// Due and not done, by name.
    pub overdue: Vec<String>,
}

/// Done of due, from a person's states.
pub fn done_of_due(states: &[DeliverableState]) -> Deliverables {
    let mut out = Deliverables::default();
    for s in states.iter().filter(|s| s.due) {
        out.due += 1;
        if s.done() {
            out.done += 1;
        } else {
            out.overdue.push(s.name.clone());
        }
    }
    out
}

/// How many people stand at each status of one deliverable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DeliverableCount {
    pub name: String,
    pub not_started: usize,
    pub draft: usize,
    pub done: usize,
}

/// Per deliverable (by name as shown, compared by key), the count at each
/// status over the given people's states; a deliverable of the program that
/// is missing from a record counts as not started. Sorted by key.
pub fn counts<'a>(
    people: impl IntoIterator<Item = &'a [DeliverableState]>,
) -> Vec<DeliverableCount> {
    let mut by: BTreeMap<String, DeliverableCount> = BTreeMap::new();
    for states in people {
        for s in states {
            let c = by.entry(s.key.clone()).or_insert_with(|| DeliverableCount {
                name: s.name.clone(),
                ..DeliverableCount::default()
            });
            match s.status {
                Some(DeliverableStatus::Done) => c.done += 1,
                Some(DeliverableStatus::Draft) => c.draft += 1,
                Some(DeliverableStatus::NotStarted) | None => c.not_started += 1,
            }
        }
    }
    by.into_values().collect()
}

/// One name for each deliverable across the members (as most of them
/// wrote it), given to every member's states and completion rule.
pub(super) fn settle_names(
    catalog: &[Named],
    members: &mut [super::Member<'_>],
) -> BTreeMap<String, String> {
    let names = one_name_each(catalog, members.iter().map(|m| m.deliverables.as_slice()));
    for m in members.iter_mut() {
        rename(&mut m.deliverables, &names);
        for (name, _) in &mut m.completion.rule.missing {
            if let Some(shown) = names.get(&name_key(name)) {
                name.clone_from(shown);
            }
        }
        for name in &mut m.completion.rule.required {
            if let Some(shown) = names.get(&name_key(name)) {
                name.clone_from(shown);
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_by_one_key() {
        for (a, b) in [
            ("Resume", "resume"),
            (" resume ", "resume"),
            ("Career Plan", "career-plan"),
            ("career_plan", "career  plan"),
            ("Vision-Board", "vision board"),
        ] {
            assert_eq!(name_key(a), name_key(b), "{a} / {b}");
        }
        assert_ne!(name_key("resume"), name_key("resumes"));
    }
}
