//! Pins: `[matching] pins` turned into indices for the solvers, and a pin
//! that cannot hold turned into words, with the pin it is about.

use std::collections::BTreeMap;

use super::PinError;
use super::plan::{Block, Cohort, Input, PinProblem};
use crate::model::Role;

impl Cohort<'_> {
    /// `[matching] pins` as (mentee, mentor) or (peer, peer) indices; in the
    /// peer modes a pin that names a mentor is set aside, with a note.
    pub(crate) fn pin_indices(
        &mut self,
        input: &Input<'_>,
        index: &BTreeMap<&str, usize>,
    ) -> Result<Vec<(usize, usize)>, PinProblem> {
        let is_mentor = |id: &String| {
            input
                .participants
                .get(id)
                .is_some_and(|p| p.role == Role::Mentor)
        };
        let mut out = Vec::new();
        for pin in &input.matching.pins {
            let [a, b] = pin.as_slice() else { continue };
            if !self.with_mentors() && (is_mentor(a) || is_mentor(b)) {
                let mode = if self.circles() {
                    "peer circles have"
                } else {
                    "peer mode has"
                };
                self.notes.push(format!(
                    "the pin [\"{a}\", \"{b}\"] names a mentor, and {mode} none: set aside"
                ));
                continue;
            }
            let pair = self
                .pin_pair(input, index, a, b)
                .map_err(|message| PinProblem {
                    pin: pin.clone(),
                    message,
                })?;
            out.push(pair);
        }
        Ok(out)
    }

    /// One pin as indices, or what is wrong with it.
    fn pin_pair(
        &self,
        input: &Input<'_>,
        index: &BTreeMap<&str, usize>,
        a: &str,
        b: &str,
    ) -> Result<(usize, usize), String> {
        let find = |id: &str| {
            index
                .get(id)
                .copied()
                .ok_or_else(|| match input.participants.get(id).map(|p| p.role) {
                    Some(Role::Mentee) => format!("`{id}` is not an accepted mentee"),
                    Some(Role::Mentor) => {
                        format!("`{id}` is a mentor, and {} mode has none", self.mode)
                    }
                    _ => format!("`{id}` cannot be matched"),
                })
        };
        let (x, y) = (find(a)?, find(b)?);
        if !self.with_mentors() {
            return Ok((x, y));
        }
        match (x < self.mentees, y < self.mentees) {
            (true, false) => Ok((x, y - self.mentees)),
            (false, true) => Ok((y, x - self.mentees)),
            (true, true) => Err(format!(
                "`{a}` and `{b}` are both mentees; a pin names a mentee and a mentor"
            )),
            (false, false) => Err(format!(
                "`{a}` and `{b}` are both mentors; a pin names a mentee and a mentor"
            )),
        }
    }

    /// A solver's pin error in words, with the pin it is about.
    pub(crate) fn pin_problem(&self, input: &Input<'_>, e: PinError) -> PinProblem {
        let (people, message) = self.describe(&e);
        PinProblem {
            pin: which_pin(&input.matching.pins, &people, &e),
            message,
        }
    }

    /// The people a pin error is about, by id, and what is wrong.
    fn describe(&self, e: &PinError) -> (Vec<String>, String) {
        let id = |i: usize| self.ids.get(i).copied().unwrap_or("?").to_string();
        let mentor = |t: usize| id(self.mentees + t);
        match *e {
            PinError::NoEdge { a, b } => self.no_edge(a, b),
            PinError::Twice { person } => (
                vec![id(person)],
                format!("`{}` is pinned more than once", id(person)),
            ),
            PinError::OverCapacity {
                mentor: t,
                capacity,
            } => (
                vec![mentor(t)],
                format!(
                    "pins give `{}` more mentees than their capacity ({capacity})",
                    mentor(t)
                ),
            ),
            PinError::NoCommonSlot { mentor: t } if self.with_mentors() => (
                vec![mentor(t)],
                format!(
                    "the mentees pinned to `{}` share no weekly slot with them and each other",
                    mentor(t)
                ),
            ),
            PinError::NoCommonSlot { mentor: p } => (
                vec![id(p)],
                format!(
                    "the peers pinned together with `{}` share no weekly slot",
                    id(p)
                ),
            ),
            PinError::CircleTooLarge { person, limit } => (
                vec![id(person)],
                format!(
                    "pins put more than group_size ({limit}) peers in one circle with `{}`",
                    id(person)
                ),
            ),
            PinError::OutOfRange { .. } => (
                Vec::new(),
                "a pin names someone who cannot be matched".to_string(),
            ),
        }
    }

    /// A pinned pair that may not be matched, and why.
    fn no_edge(&self, a: usize, b: usize) -> (Vec<String>, String) {
        let (x, y, block) = if self.with_mentors() {
            (
                self.ids[a],
                self.ids[self.mentees + b],
                self.mentor_pair(a, b).err(),
            )
        } else {
            (self.ids[a], self.ids[b], self.peer_pair(a, b).err())
        };
        let why = match block {
            Some(Block::NoSlot) | None => "they share no weekly slot".to_string(),
            Some(Block::Forbidden) => "`forbid` names the same pair".to_string(),
            Some(Block::Senior) => format!(
                "in reverse mode the mentor has fewer years of service, and `{y}` has as many or more than `{x}`"
            ),
            Some(Block::NoHired) => format!(
                "reverse mode compares years of service, and `{x}` or `{y}` has no `hired` date"
            ),
        };
        (
            vec![x.to_string(), y.to_string()],
            format!("`{x}` and `{y}` cannot be matched: {why}"),
        )
    }
}

/// The pin that broke the rule: the one naming both people, or the k-th
/// naming the person (the second pin of someone pinned twice, the pin past a
/// mentor's capacity), else the last naming them.
fn which_pin(pins: &[Vec<String>], people: &[String], e: &PinError) -> Vec<String> {
    let nth = match *e {
        PinError::Twice { .. } => Some(1),
        PinError::OverCapacity { capacity, .. } => Some(capacity as usize),
        _ => None,
    };
    let naming: Vec<&Vec<String>> = pins
        .iter()
        .filter(|pin| people.iter().all(|p| pin.contains(p)))
        .collect();
    let pin = match (nth, people.len()) {
        (Some(k), _) => naming.get(k).or(naming.last()),
        (None, 2) => naming.first(),
        (None, _) => naming.last(),
    };
    pin.map(|p| (*p).clone()).unwrap_or_default()
}
