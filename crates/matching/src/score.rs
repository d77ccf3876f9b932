//! The pair score of SPEC "Matching", part by part, for a mentor and a mentee
//! and for two peers. Competencies, skills and departments compare
//! case-insensitively and trimmed, and a list counts each entry once; slots
//! are already normalised by the model.
//!
//! People are first turned into [`Profiles`] (words as bit sets, slots as a
//! mask), so scoring a million pairs costs a few bit operations each.

use std::collections::HashMap;

use crate::model::matches::Parts;
use crate::model::{Modality, Participant, Weights};

/// Everyone who may be matched, prepared for scoring; indices follow the
/// order they were given in.
#[derive(Debug, Clone, Default)]
pub struct Profiles {
    /// 64-bit words per word set.
    words: usize,
    competencies: Vec<u64>,
    skills: Vec<u64>,
    department: Vec<u32>,
    slots: Vec<u32>,
    modality: Vec<Modality>,
    /// Indices of the people each one prefers.
    prefers: Vec<Vec<usize>>,
}

/// A word as compared: trimmed, lowercase.
pub fn normal(s: &str) -> String {
    s.trim().to_lowercase()
}

impl Profiles {
    /// Profiles of `people` (id and record); `prefers` ids that are not among
    /// them are ignored.
    pub fn new(people: &[(&str, &Participant)]) -> Self {
        let mut vocabulary: HashMap<String, usize> = HashMap::new();
        let mut departments: HashMap<String, u32> = HashMap::new();
        for (_, p) in people {
            for w in p.competencies.iter().chain(&p.skills) {
                let next = vocabulary.len();
                vocabulary.entry(normal(w)).or_insert(next);
            }
        }
        let words = vocabulary.len().div_ceil(64).max(1);
        let index: HashMap<&str, usize> = people
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        let mut out = Profiles {
            words,
            ..Profiles::default()
        };
        for (_, p) in people {
            for (list, into) in [
                (&p.competencies, &mut out.competencies),
                (&p.skills, &mut out.skills),
            ] {
                let mut set = vec![0u64; words];
                for w in list {
                    if let Some(&bit) = vocabulary.get(&normal(w)) {
                        set[bit / 64] |= 1 << (bit % 64);
                    }
                }
                into.extend(set);
            }
            let next = departments.len() as u32;
            out.department
                .push(*departments.entry(normal(&p.department)).or_insert(next));
            out.slots
                .push(p.availability.iter().fold(0, |m, s| m | 1 << s.index()));
            out.modality.push(p.modality());
            let mut prefers: Vec<usize> = p
                .prefers
                .iter()
                .filter_map(|id| index.get(id.trim()).copied())
                .collect();
            prefers.sort_unstable();
            prefers.dedup();
            out.prefers.push(prefers);
        }
        out
    }

    /// Weekly slots of person `i` as bits (`Slot::index`).
    pub fn slots(&self, i: usize) -> u32 {
        self.slots[i]
    }

    fn common(&self, sets: &[u64], a: usize, other: &[u64], b: usize) -> i64 {
        if self.words == 1 {
            return i64::from((sets[a] & other[b]).count_ones());
        }
        let (x, y) = (
            &sets[a * self.words..(a + 1) * self.words],
            &other[b * self.words..(b + 1) * self.words],
        );
        x.iter()
            .zip(y)
            .map(|(p, q)| i64::from((p & q).count_ones()))
            .sum()
    }

    fn prefers(&self, a: usize, b: usize) -> bool {
        !self.prefers[a].is_empty() && self.prefers[a].binary_search(&b).is_ok()
    }

    /// The parts every pair score shares: department, slots, modality; None
    /// when the two share no slot.
    fn shared(&self, w: &Weights, a: usize, b: usize) -> Option<Parts> {
        let slots = self.slots[a] & self.slots[b];
        if slots == 0 {
            return None;
        }
        let (ma, mb) = (self.modality[a], self.modality[b]);
        let modality = ma == mb || ma == Modality::Hybrid || mb == Modality::Hybrid;
        Some(Parts {
            competency: 0,
            cross_department: weight(w.cross_department)
                * i64::from(self.department[a] != self.department[b]),
            availability: weight(w.availability) * i64::from(slots.count_ones()),
            modality: weight(w.modality) * i64::from(modality),
            preference: 0,
        })
    }

    /// The score of mentee `m` with mentor `t`: what `m` wants to develop that
    /// `t` offers, and whether `m` prefers `t`.
    pub fn mentor_pair(&self, w: &Weights, m: usize, t: usize) -> Option<Parts> {
        let mut parts = self.shared(w, m, t)?;
        parts.competency =
            weight(w.competency) * self.common(&self.competencies, m, &self.competencies, t);
        parts.preference = weight(w.preference) * i64::from(self.prefers(m, t));
        Some(parts)
    }

    /// The score of peers `a` and `b`: what each wants to develop that the other
    /// lists as a skill, and each one's preference for the other.
    pub fn peer_pair(&self, w: &Weights, a: usize, b: usize) -> Option<Parts> {
        let mut parts = self.shared(w, a, b)?;
        let learns = self.common(&self.competencies, a, &self.skills, b)
            + self.common(&self.competencies, b, &self.skills, a);
        parts.competency = weight(w.competency) * learns;
        let prefers = i64::from(self.prefers(a, b)) + i64::from(self.prefers(b, a));
        parts.preference = weight(w.preference) * prefers;
        Some(parts)
    }
}

fn weight(w: u32) -> i64 {
    i64::from(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Role, Slot};

    fn person(
        dept: &str,
        comps: &[&str],
        skills: &[&str],
        slots: &[&str],
        modality: Modality,
    ) -> Participant {
        Participant {
            name: "X".into(),
            email: "x@example.org".into(),
            role: Role::Mentee,
            department: dept.into(),
            competencies: comps.iter().map(|s| s.to_string()).collect(),
            skills: skills.iter().map(|s| s.to_string()).collect(),
            availability: slots
                .iter()
                .filter_map(|s| s.parse::<Slot>().ok())
                .collect(),
            modality: Some(modality),
            ..Participant::default()
        }
    }

    #[test]
    fn mentor_pair_follows_the_formula() {
        let mut m = person(
            "Circulation",
            &["Cataloging ", "metadata", "metadata"],
            &[],
            &["tue-pm", "wed-am"],
            Modality::Virtual,
        );
        m.prefers = vec!["t".into()];
        let t = person(
            " circulation",
            &["cataloging", "METADATA", "outreach"],
            &[],
            &["tue-pm", "wed-am", "fri-eve"],
            Modality::Hybrid,
        );
        let p = Profiles::new(&[("m", &m), ("t", &t)]);
        let w = Weights {
            competency: 10,
            cross_department: 3,
            availability: 2,
            modality: 2,
            preference: 5,
        };
        let parts = p.mentor_pair(&w, 0, 1);
        let want = Parts {
            competency: 20,
            cross_department: 0,
            availability: 4,
            modality: 2,
            preference: 5,
        };
        assert_eq!(parts, Some(want));
        assert_eq!(want.total(), 31);
    }

    #[test]
    fn no_shared_slot_no_pair() {
        let a = person("A", &["x"], &["x"], &["mon-am"], Modality::Hybrid);
        let b = person("B", &["x"], &["x"], &["mon-pm"], Modality::Hybrid);
        let p = Profiles::new(&[("a", &a), ("b", &b)]);
        assert_eq!(p.mentor_pair(&Weights::default(), 0, 1), None);
        assert_eq!(p.peer_pair(&Weights::default(), 0, 1), None);
    }

    #[test]
    fn peers_learn_from_each_others_skills() {
        let a = person(
            "A",
            &["python", "sql"],
            &["cataloging"],
            &["mon-am"],
            Modality::InPerson,
        );
        let b = person(
            "B",
            &["Cataloging"],
            &["SQL", "excel"],
            &["mon-am"],
            Modality::Virtual,
        );
        let p = Profiles::new(&[("a", &a), ("b", &b)]);
        let w = Weights::default();
        let want = Parts {
            competency: 20,
            cross_department: 3,
            availability: 2,
            modality: 0,
            preference: 0,
        };
        assert_eq!(p.peer_pair(&w, 0, 1), Some(want));
        assert_eq!(p.peer_pair(&w, 1, 0), Some(want));
    }
}
