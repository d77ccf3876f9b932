//! The arrangement a solver found, as `matches.yaml` holds it: one entry per
//! mentor (with each mentee's pair score and its parts), pair or circle.

use std::collections::BTreeSet;

use super::plan::{Arrangement, Cohort};
use crate::model::Slot;
use crate::model::matches::{Match, Matches, PairScore};

impl Cohort<'_> {
    /// The arrangement as `matches.yaml` holds it.
    pub(crate) fn matches(&self, arr: &Arrangement, optimal: bool, bound: Option<i64>) -> Matches {
        let mut matches = match arr {
            Arrangement::Mentors { mentor_of, slot } => self.mentor_entries(mentor_of, slot),
            Arrangement::Peers { partner } => partner
                .iter()
                .enumerate()
                .filter_map(|(a, b)| b.filter(|&b| a < b).map(|b| self.peer_entry(None, &[a, b])))
                .collect(),
            Arrangement::Circles { circles } => circles
                .iter()
                .map(|(slot, members)| self.peer_entry(Some(*slot), members))
                .collect(),
        };
        if !self.with_mentors() {
            matches.sort_by(|x, y| x.members.cmp(&y.members));
        }
        // Mentors nobody was matched with are listed apart, so that readers of
        // `matches` (reports, meetings) see only real pairs and groups.
        let (matches, idle): (Vec<Match>, Vec<Match>) = matches
            .into_iter()
            .partition(|e| e.mentor.is_none() || !e.mentees.is_empty());
        let idle_mentors = idle.into_iter().filter_map(|e| e.mentor).collect();
        let total = matches.iter().map(|m| m.score).sum();
        Matches {
            mode: self.mode,
            total,
            optimal,
            bound: if optimal { None } else { bound },
            weights: self.weights,
            idle_mentors,
            unmatched: self.unmatched(arr),
            matches,
        }
    }

    fn mentor_entries(&self, mentor_of: &[Option<usize>], slot: &[Option<Slot>]) -> Vec<Match> {
        let pinned: BTreeSet<(usize, usize)> = self.pins.iter().copied().collect();
        let mut entries: Vec<Match> = (0..self.mentors())
            .map(|t| Match {
                mentor: Some(self.ids[self.mentees + t].to_string()),
                slot: slot[t],
                ..Match::default()
            })
            .collect();
        for (m, t) in mentor_of.iter().enumerate() {
            let Some(t) = *t else { continue };
            let parts = self.mentor_pair(m, t).unwrap_or_default();
            let e = &mut entries[t];
            let id = self.ids[m].to_string();
            e.mentees.push(id.clone());
            e.score += parts.total();
            e.parts.add(&parts);
            if pinned.contains(&(m, t)) {
                e.pinned.push(id.clone());
            }
            e.pairs.insert(id, PairScore::from(parts));
        }
        entries
    }

    fn peer_entry(&self, slot: Option<Slot>, members: &[usize]) -> Match {
        let mut e = Match {
            slot,
            ..Match::default()
        };
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                let parts = self.peer_pair(a, b).unwrap_or_default();
                e.score += parts.total();
                e.parts.add(&parts);
            }
        }
        let mut peers: Vec<&str> = members.iter().map(|&i| self.ids[i]).collect();
        peers.sort_unstable();
        e.members = peers.iter().map(|s| s.to_string()).collect();
        e.pinned = peers
            .iter()
            .filter(|id| {
                self.pins
                    .iter()
                    .any(|&(a, b)| self.ids[a] == **id || self.ids[b] == **id)
            })
            .map(|s| s.to_string())
            .collect();
        e
    }
}
