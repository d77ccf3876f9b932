//! The size each matching solver is made for, checked before any work:
//! past it a run would take minutes and gigabytes, so `match` says so, with
//! the size it found, instead of starting. Sizes are counted on the slot
//! masks alone (no scoring), so the check costs next to nothing.

use std::collections::BTreeMap;

use super::plan::Cohort;
use crate::model::MatchMode;

/// The most mentee–mentor pairs sharing a slot that group matching with
/// mentors takes on. Measured (release, 2 shared cores): 2,000 mentees and
/// 1,000 mentors all free on one slot (2,000,000 pairs) in 1.5 s and
/// 155 MB; the README's 3,000 / 750 (912,000 pairs) in 1.6 s. Past this the
/// search's work and memory grow with the pairs (100,000 mentees took
/// minutes and 7 GB).
pub const GROUP_PAIR_BUDGET: u64 = 2_000_000;

/// The most pairs of peers sharing a slot that peer matching takes on: an
/// exact general matching, whose time grows faster than the pairs. Measured:
/// 500,000 pairs (1,000 peers on one slot) in 8 s, 980,000 in 24 s,
/// 2,000,000 in 77 s.
pub const PEER_PAIR_BUDGET: u64 = 500_000;

/// The most pairs of peers sharing a slot that peer circles take on; memory
/// grows with them (about 90 bytes a pair). Measured: 1,800,000 pairs (3,000
/// peers, 1–5 of 18 slots each) in 2 s, 4,500,000 (3,000 on one slot) in
/// 24 s and 400 MB, 7,350,000 in 7 s and 670 MB.
pub const CIRCLE_PAIR_BUDGET: u64 = 5_000_000;

/// A matching larger than its solver is sized for, found before it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge {
    pub mode: MatchMode,
    pub mentees: usize,
    pub mentors: usize,
    /// The pairs the solver would look at.
    pub pairs: u64,
    /// The most it takes.
    pub budget: u64,
}

impl Cohort<'_> {
    /// The size of the work, when past the budget of the mode's solver:
    /// for groups with mentors the pairs that share a slot (counted on the
    /// slot masks, with no scoring); for peers and circles every pair.
    /// One-to-one and reverse are exact assignments that scale to any
    /// folder mentorkit reads.
    pub fn too_large(&self) -> Option<TooLarge> {
        let (pairs, budget) = if self.mode == MatchMode::Group && !self.circles() {
            let mentor_slots: Vec<u32> = (self.mentees..self.ids.len())
                .map(|i| self.profiles.slots(i))
                .collect();
            let pairs: u64 = (0..self.mentees)
                .map(|m| {
                    let sm = self.profiles.slots(m);
                    mentor_slots.iter().filter(|&&st| st & sm != 0).count() as u64
                })
                .sum();
            (pairs, GROUP_PAIR_BUDGET)
        } else if self.mode == MatchMode::Peer || self.circles() {
            let budget = if self.circles() {
                CIRCLE_PAIR_BUDGET
            } else {
                PEER_PAIR_BUDGET
            };
            (self.peer_pairs_sharing_a_slot(), budget)
        } else {
            return None;
        };
        (pairs > budget).then_some(TooLarge {
            mode: self.mode,
            mentees: self.mentees,
            mentors: self.mentors(),
            pairs,
            budget,
        })
    }

    /// How many pairs of peers share a slot, counted over the distinct slot
    /// masks (a few thousand at most), not over the pairs.
    fn peer_pairs_sharing_a_slot(&self) -> u64 {
        let mut masks: BTreeMap<u32, u64> = BTreeMap::new();
        for i in 0..self.mentees {
            *masks.entry(self.profiles.slots(i)).or_default() += 1;
        }
        let masks: Vec<(u32, u64)> = masks.into_iter().collect();
        let mut pairs = 0u64;
        for (i, &(a, na)) in masks.iter().enumerate() {
            if a != 0 {
                pairs += na * (na - 1) / 2;
            }
            for &(b, nb) in &masks[i + 1..] {
                if a & b != 0 {
                    pairs += na * nb;
                }
            }
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::{Matching, Participant, Role, Weights};
    use crate::plan::Input;

    fn peer(slots: &[&str]) -> Participant {
        Participant {
            name: "X".into(),
            email: "x@example.org".into(),
            role: Role::Mentee,
            department: "D".into(),
            availability: slots.iter().map(|s| s.parse().unwrap()).collect(),
            ..Participant::default()
        }
    }

    #[test]
    fn pairs_sharing_a_slot_are_counted_on_the_masks() {
        let sets: [&[&str]; 6] = [
            &["tue-pm"],
            &["tue-pm", "wed-am"],
            &["wed-am"],
            &["fri-eve"],
            &["tue-pm"],
            &[],
        ];
        let people: BTreeMap<String, Participant> = sets
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("p-{i}"), peer(s)))
            .collect();
        let matching = Matching {
            mode: MatchMode::Peer,
            ..Matching::default()
        };
        let input = Input {
            participants: &people,
            matching: &matching,
            weights: Weights::default(),
            accepted: None,
        };
        let cohort = Cohort::new(&input).unwrap();
        let brute = (0..sets.len())
            .flat_map(|a| (a + 1..sets.len()).map(move |b| (a, b)))
            .filter(|&(a, b)| sets[a].iter().any(|s| sets[b].contains(s)))
            .count() as u64;
        assert_eq!(brute, 4);
        assert_eq!(cohort.peer_pairs_sharing_a_slot(), brute);
        assert!(cohort.too_large().is_none());
    }
}
