//! How two matchings of one cohort differ, person by person: each
//! candidate's match in words (a mentor, a partner, a circle, or none), and
//! who moves from one to another. `match --compare` and the dashboard's
//! what-if panel both print these.

use std::collections::BTreeMap;

use crate::model::matches::Matches;

/// The words for a candidate no entry names.
pub const UNMATCHED: &str = "(unmatched)";

/// Each of `candidates`' match in `m`, in words: their mentor's id, their
/// peer's id, `circle with a, b`, or [`UNMATCHED`].
pub fn partners<'a>(
    m: &Matches,
    candidates: impl IntoIterator<Item = &'a str>,
) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = candidates
        .into_iter()
        .map(|id| (id.to_string(), UNMATCHED.to_string()))
        .collect();
    for e in &m.matches {
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

/// One person whose match differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub id: String,
    pub before: String,
    pub after: String,
}

/// Everyone in both `before` and `after` whose match differs, by id.
pub fn moves(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) -> Vec<Move> {
    before
        .iter()
        .filter_map(|(id, x)| {
            after.get(id).filter(|y| *y != x).map(|y| Move {
                id: id.clone(),
                before: x.clone(),
                after: y.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::matches::{Match, Parts};
    use crate::model::{MatchMode, Weights};

    fn matches(entries: Vec<Match>) -> Matches {
        Matches {
            mode: MatchMode::OneToOne,
            total: 0,
            optimal: true,
            bound: None,
            weights: Weights::default(),
            matches: entries,
            idle_mentors: Vec::new(),
            unmatched: Vec::new(),
        }
    }

    fn mentor(t: &str, mentees: &[&str]) -> Match {
        Match {
            mentor: Some(t.into()),
            mentees: mentees.iter().map(|s| s.to_string()).collect(),
            parts: Parts::default(),
            ..Match::default()
        }
    }

    #[test]
    fn moves_name_each_person_whose_match_differs() {
        let a = matches(vec![mentor("t1", &["ana"]), mentor("t2", &["bo"])]);
        let b = matches(vec![mentor("t1", &["bo"])]);
        let who = ["ana", "bo", "cy"];
        let (x, y) = (partners(&a, who), partners(&b, who));
        assert_eq!(x["cy"], UNMATCHED);
        assert_eq!(
            moves(&x, &y),
            [
                Move {
                    id: "ana".into(),
                    before: "t1".into(),
                    after: UNMATCHED.into()
                },
                Move {
                    id: "bo".into(),
                    before: "t2".into(),
                    after: "t1".into()
                }
            ]
        );
        let circle = matches(vec![Match {
            members: vec!["ana".into(), "bo".into(), "cy".into()],
            ..Match::default()
        }]);
        assert_eq!(partners(&circle, who)["ana"], "circle with bo, cy");
    }
}
