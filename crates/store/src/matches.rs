//! `matches.yaml` on disk: written by `match` in a stable shape that reads well
//! in a diff (an entry per mentor, a pair's score on one line), read back by
//! `list matches`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::load::{MAX_RECORD_BYTES, parse_yaml, read_text};
use super::{Folder, write_generated};
use crate::error::{Error, Problem, Result};
use crate::model::matches::{Matches, PairScore, Parts};
use crate::yaml::{flow, item, quoted};

/// The file `match` writes, in the program folder.
pub const MATCHES_FILE: &str = "matches.yaml";

/// Reads `matches.yaml`: `None` when `match` has not run.
pub fn load_matches(root: &Path) -> Result<Option<Matches>> {
    let path = root.join(MATCHES_FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    let rel = PathBuf::from(MATCHES_FILE);
    let text = read_text(&path, &rel, MAX_RECORD_BYTES * 256).map_err(Error::problem)?;
    let matches = parse_yaml(&rel, &text, "matches").map_err(Error::problem)?;
    Ok(Some(matches))
}

/// Problems with `matches.yaml`: a file that does not parse, or names people
/// who are not in the folder (it is stale: `mentorkit match` rewrites it).
/// `check` refuses a folder for them; `report` warns and goes on, and
/// `schedule --meetings`, which would lay out meetings of those people,
/// refuses.
pub fn matches_problems(folder: &Folder) -> Vec<Problem> {
    let matches = match load_matches(&folder.root) {
        Ok(Some(m)) => m,
        Ok(None) => return Vec::new(),
        Err(Error::Invalid(problems)) => return problems,
        Err(e) => return vec![Problem::file(MATCHES_FILE, e.to_string())],
    };
    let known = super::Known::of(folder);
    let mut names: Vec<&str> = Vec::new();
    for m in &matches.matches {
        names.extend(m.mentor.as_deref());
        names.extend(m.mentees.iter().map(String::as_str));
        names.extend(m.members.iter().map(String::as_str));
    }
    names.extend(matches.idle_mentors.iter().map(String::as_str));
    names.extend(matches.unmatched.iter().map(|u| u.id.as_str()));
    names.sort_unstable();
    names.dedup();
    let text = std::fs::read_to_string(folder.root.join(MATCHES_FILE)).unwrap_or_default();
    names
        .into_iter()
        .filter(|id| !known.person(id))
        .map(|id| {
            let p = Problem::file(MATCHES_FILE, format!("no participant `{id}`"))
                .help("the folder changed since matching; run `mentorkit match` again");
            let place = text.lines().enumerate().find_map(|(i, l)| {
                l.match_indices(id)
                    .find(|(at, _)| {
                        let before = l[..*at].chars().last();
                        let after = l[at + id.len()..].chars().next();
                        let edge =
                            |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || c == '-');
                        edge(before) && edge(after)
                    })
                    .map(|(at, _)| (i + 1, l[..at].chars().count() + 1))
            });
            match place {
                Some((line, col)) => p.at(&text, line, col),
                None => p,
            }
        })
        .collect()
}

/// Writes `matches.yaml` (with the generated header); whether it changed.
pub fn write_matches(root: &Path, matches: &Matches) -> Result<bool> {
    write_generated(&root.join(MATCHES_FILE), &matches_text(matches))
}

/// The YAML of the matches, without the header: fields in a fixed order,
/// entries in the order given (by mentor or first peer), ids sorted.
pub fn matches_text(m: &Matches) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "mode: {}", m.mode);
    let _ = writeln!(out, "total: {}", m.total);
    let _ = writeln!(out, "optimal: {}", m.optimal);
    if let Some(bound) = m.bound {
        let _ = writeln!(out, "bound: {bound}");
    }
    let w = &m.weights;
    let _ = writeln!(
        out,
        "weights: {{competency: {}, cross_department: {}, availability: {}, modality: {}, preference: {}}}",
        w.competency, w.cross_department, w.availability, w.modality, w.preference
    );
    if m.matches.is_empty() {
        out.push_str("matches: []\n");
    } else {
        out.push_str("matches:\n");
    }
    for e in &m.matches {
        let mut first = true;
        let mut field = |out: &mut String, text: String| {
            let lead = if first { "  - " } else { "    " };
            first = false;
            let _ = writeln!(out, "{lead}{text}");
        };
        if let Some(mentor) = &e.mentor {
            field(&mut out, format!("mentor: {}", item(mentor)));
            field(&mut out, format!("mentees: {}", flow(&e.mentees)));
        }
        if !e.members.is_empty() {
            field(&mut out, format!("members: {}", flow(&e.members)));
        }
        if let Some(slot) = e.slot {
            field(&mut out, format!("slot: {slot}"));
        }
        field(&mut out, format!("score: {}", e.score));
        field(&mut out, format!("parts: {}", flow_parts(&e.parts)));
        if !e.pairs.is_empty() {
            field(&mut out, "pairs:".to_string());
            for (id, pair) in &e.pairs {
                let _ = writeln!(out, "      {}: {}", item(id), pair_score(pair));
            }
        }
        if !e.pinned.is_empty() {
            field(&mut out, format!("pinned: {}", flow(&e.pinned)));
        }
    }
    if !m.idle_mentors.is_empty() {
        let _ = writeln!(out, "idle_mentors: {}", flow(&m.idle_mentors));
    }
    if m.unmatched.is_empty() {
        out.push_str("unmatched: []\n");
    } else {
        out.push_str("unmatched:\n");
        for u in &m.unmatched {
            let _ = writeln!(out, "  - id: {}", item(&u.id));
            let _ = writeln!(out, "    reason: {}", quoted(&u.reason));
        }
    }
    out
}

fn flow_parts(p: &Parts) -> String {
    let values: Vec<String> = Parts::NAMES
        .iter()
        .zip(p.values())
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    format!("{{{}}}", values.join(", "))
}

fn pair_score(p: &PairScore) -> String {
    let parts = Parts {
        competency: p.competency,
        cross_department: p.cross_department,
        availability: p.availability,
        modality: p.modality,
        preference: p.preference,
    };
    let inner = flow_parts(&parts);
    format!("{{score: {}, {}", p.score, &inner[1..])
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::match_groups::from_model;
    use crate::model::matches::{Match, Unmatched};
    use crate::model::{MatchMode, Weights};

    fn sample() -> Matches {
        let parts = Parts {
            competency: 20,
            cross_department: 3,
            availability: 4,
            modality: 2,
            preference: 0,
        };
        let mut pairs = BTreeMap::new();
        pairs.insert("ana-ruiz".to_string(), PairScore::from(parts));
        Matches {
            mode: MatchMode::Group,
            total: 29,
            optimal: false,
            bound: Some(31),
            weights: Weights::default(),
            matches: vec![Match {
                mentor: Some("pat-lee".into()),
                mentees: vec!["ana-ruiz".into()],
                slot: "tue-pm".parse().ok(),
                score: 29,
                parts,
                pairs,
                pinned: vec!["ana-ruiz".into()],
                ..Match::default()
            }],
            idle_mentors: vec!["no".into()],
            unmatched: vec![Unmatched {
                id: "2016-bo".into(),
                reason: "no mentor shares a \"slot\"".into(),
            }],
        }
    }

    #[test]
    fn text_is_stable_and_reads_back() {
        let m = sample();
        let text = matches_text(&m);
        assert_eq!(
            text,
            "mode: group\ntotal: 29\noptimal: false\nbound: 31\n\
             weights: {competency: 10, cross_department: 3, availability: 2, modality: 2, preference: 0}\n\
             matches:\n  - mentor: pat-lee\n    mentees: [ana-ruiz]\n    slot: tue-pm\n    score: 29\n\
             \x20   parts: {competency: 20, cross_department: 3, availability: 4, modality: 2, preference: 0}\n\
             \x20   pairs:\n      ana-ruiz: {score: 29, competency: 20, cross_department: 3, availability: 4, modality: 2, preference: 0}\n\
             \x20   pinned: [ana-ruiz]\n\
             idle_mentors: [\"no\"]\n\
             unmatched:\n  - id: \"2016-bo\"\n    reason: \"no mentor shares a \\\"slot\\\"\"\n"
        );
        let back: Matches = parse_yaml(Path::new(MATCHES_FILE), &text, "matches").unwrap();
        assert_eq!(back, m);
    }

    /// The reports' view of what match writes.
    #[test]
    fn reports_read_what_match_writes() {
        let back: Matches =
            parse_yaml(Path::new(MATCHES_FILE), &matches_text(&sample()), "matches").unwrap();
        let read = from_model(&back);
        assert_eq!(read.mode.as_deref(), Some("group"));
        assert_eq!(read.groups[0].mentor.as_deref(), Some("pat-lee"));
        assert_eq!(read.groups[0].mentees, vec!["ana-ruiz".to_string()]);
        assert_eq!(read.groups[0].slot.as_deref(), Some("tue-pm"));
    }
}
