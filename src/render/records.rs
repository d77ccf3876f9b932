//! `matches.yaml`, read tolerantly for the reports.
//!
//! HOOK: `match` writes this file and will own its serde type in `model/`.
//! Until reports switch to it, this module reads only what the reports need
//! — each mentor's mentees — and ignores every other field: `matches:` (or
//! `groups:`/`pairs:`) as a list of `{mentor, mentees}`, or of plain id lists
//! for peers.

use std::path::Path;

use serde::Deserialize;

use crate::error::Problem;
use crate::model::values::one_or_many;

/// The file `match` writes.
pub const MATCHES_FILE: &str = "matches.yaml";

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
