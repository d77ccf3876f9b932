//! `screening.yaml` and `matches.yaml`, read tolerantly for the reports.
//!
//! HOOK: `screen` and `match` write these files and will own their serde
//! types in `model/`. Until reports switch to those types, this module reads
//! only what the reports need — each person's decision, and each mentor's
//! mentees — and ignores every other field, so either shape works:
//! `decisions: {id: {decision: accepted}}` or a list of `{id, decision}`;
//! `matches:` (or `groups:`/`pairs:`) as a list of `{mentor, mentees}`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::Problem;
use crate::metrics::Decision;
use crate::model::values::one_or_many;

/// The file `screen` writes.
pub const SCREENING_FILE: &str = "screening.yaml";
/// The file `match` writes.
pub const MATCHES_FILE: &str = "matches.yaml";

#[derive(Deserialize)]
struct ScreeningRaw {
    #[serde(default)]
    decisions: Option<DecisionsRaw>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum DecisionsRaw {
    ById(BTreeMap<String, DecisionRaw>),
    List(Vec<DecisionEntry>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum DecisionRaw {
    Word(String),
    Record { decision: String },
}

#[derive(Deserialize)]
struct DecisionEntry {
    id: String,
    decision: String,
}

/// Each person's screening decision, by id. A decision word we do not know
/// is a problem at the file.
pub fn parse_screening(rel: &Path, text: &str) -> Result<BTreeMap<String, Decision>, Problem> {
    let raw: ScreeningRaw = parse(rel, text)?;
    let pairs: Vec<(String, String)> = match raw.decisions {
        None => Vec::new(),
        Some(DecisionsRaw::ById(map)) => map
            .into_iter()
            .map(|(id, d)| match d {
                DecisionRaw::Word(w) | DecisionRaw::Record { decision: w } => (id, w),
            })
            .collect(),
        Some(DecisionsRaw::List(list)) => list.into_iter().map(|e| (e.id, e.decision)).collect(),
    };
    let mut out = BTreeMap::new();
    for (id, word) in pairs {
        let decision = Decision::from_word(&word).ok_or_else(|| {
            Problem::file(
                rel,
                format!("`{word}` is not a screening decision (for `{id}`)"),
            )
            .field("decision")
            .help("use accepted, waitlisted or ineligible; or run `mentorkit screen` again")
        })?;
        out.insert(id, decision);
    }
    Ok(out)
}

/// One pair or group: a mentor (none for peers) and their mentees.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct MatchGroup {
    #[serde(default)]
    pub mentor: Option<String>,
    #[serde(
        default,
        alias = "members",
        alias = "peers",
        deserialize_with = "one_or_many"
    )]
    pub mentees: Vec<String>,
    /// The shared meeting slot of a group, when written.
    #[serde(default)]
    pub slot: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum MatchesRaw {
    Map {
        #[serde(default)]
        mode: Option<String>,
        #[serde(default, alias = "groups", alias = "pairs")]
        matches: Vec<EntryRaw>,
    },
    List(Vec<EntryRaw>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum EntryRaw {
    // First: serde would read a plain list into the struct's fields in order.
    Ids(Vec<String>),
    Group(MatchGroup),
}

/// The matches: the mode when the file says it, and the groups in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matches {
    pub mode: Option<String>,
    pub groups: Vec<MatchGroup>,
}

/// Reads `matches.yaml`: one entry per mentor with `mentees` (a peer pair may
/// be written as a plain list of two ids).
pub fn parse_matches(rel: &Path, text: &str) -> Result<Matches, Problem> {
    let raw: MatchesRaw = parse(rel, text)?;
    let (mode, entries) = match raw {
        MatchesRaw::Map { mode, matches } => (mode, matches),
        MatchesRaw::List(list) => (None, list),
    };
    let groups = entries
        .into_iter()
        .map(|e| match e {
            EntryRaw::Group(g) => g,
            EntryRaw::Ids(ids) => MatchGroup {
                mentees: ids,
                ..MatchGroup::default()
            },
        })
        .filter(|g| g.mentor.is_some() || !g.mentees.is_empty())
        .collect();
    Ok(Matches { mode, groups })
}

fn parse<T: for<'de> Deserialize<'de>>(rel: &Path, text: &str) -> Result<T, Problem> {
    if text.trim().is_empty()
        || text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        // An empty file reads as an empty map.
        return serde_saphyr::from_str("{}").map_err(|e| Problem::file(rel, e.to_string()));
    }
    serde_saphyr::from_str(text).map_err(|e| {
        let inner = e.without_snippet();
        let full = inner.to_string();
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full.clone(),
        };
        let p = Problem::file(rel, message).help(
            "this file is written by mentorkit; run the command that writes it again, or fix it by hand",
        );
        match inner.location() {
            Some(l) => p.at(text, l.line() as usize, l.column() as usize),
            None => p,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screening(text: &str) -> Result<BTreeMap<String, Decision>, Problem> {
        parse_screening(Path::new(SCREENING_FILE), text)
    }

    #[test]
    fn screening_in_either_shape_ignoring_other_fields() {
        let by_id = "# Generated by mentorkit\nas_of: 2015-12-01\ndecisions:\n  ana:\n    decision: accepted\n    reasons: [fine]\n  bo:\n    decision: ineligible\n  cy: waitlisted\n";
        let d = screening(by_id).unwrap();
        assert_eq!(d["ana"], Decision::Accepted);
        assert_eq!(d["bo"], Decision::Ineligible);
        assert_eq!(d["cy"], Decision::Waitlisted);
        let list = "decisions:\n  - id: ana\n    decision: accepted\n    order: 1\n";
        assert_eq!(screening(list).unwrap()["ana"], Decision::Accepted);
        assert!(screening("").unwrap().is_empty());
    }

    #[test]
    fn screening_with_an_unknown_word_is_a_problem() {
        let p = screening("decisions:\n  ana: {decision: maybe}\n").unwrap_err();
        assert_eq!(p.message, "`maybe` is not a screening decision (for `ana`)");
        let p = screening("decisions: [\n").unwrap_err();
        assert_eq!(p.file, Path::new(SCREENING_FILE));
        assert!(p.line.is_some());
    }

    #[test]
    fn matches_in_the_shapes_we_know() {
        let text = "mode: group\nmatches:\n  - mentor: pat\n    mentees: [ana, bo]\n    slot: tue-pm\n    score: 40\n  - mentor: sam\n    mentees: cy\n";
        let m = parse_matches(Path::new(MATCHES_FILE), text).unwrap();
        assert_eq!(m.mode.as_deref(), Some("group"));
        assert_eq!(m.groups.len(), 2);
        assert_eq!(m.groups[0].mentees, ["ana", "bo"]);
        assert_eq!(m.groups[0].slot.as_deref(), Some("tue-pm"));
        assert_eq!(m.groups[1].mentees, ["cy"]);
        let peers = "pairs:\n  - [ana, bo]\n  - members: [cy, di]\n";
        let m = parse_matches(Path::new(MATCHES_FILE), peers).unwrap();
        assert_eq!(m.groups[0].mentor, None);
        assert_eq!(m.groups[1].mentees, ["cy", "di"]);
    }
}
