//! From a folder's people and `[matching]` to [`Matches`]: who takes part,
//! which pairs are allowed and what they score, the solver for the mode, and
//! why anyone is left over. Pure: model values in, model values out.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::score::Profiles;
use super::{Edge, PinError, assignment, circles, general, group};
use crate::model::matches::{Match, Matches, PairScore, Parts};
use crate::model::{MatchMode, Matching, Participant, Role, Slot, Weights};

/// What matching starts from.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    pub participants: &'a BTreeMap<String, Participant>,
    pub matching: &'a Matching,
    /// The weights to score with (`[matching.weights]`, or others to compare).
    pub weights: Weights,
    /// The accepted mentees; `None` (no screening yet) takes every mentee.
    pub accepted: Option<BTreeSet<String>>,
}

/// A pin that cannot hold: the pin as written and why, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinProblem {
    pub pin: Vec<String>,
    pub message: String,
}

/// Why a pair may not be matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Block {
    /// They share no weekly slot.
    NoSlot,
    /// `[matching] forbid` names them.
    Forbidden,
    /// Reverse mode: the mentor has as many or more years of service.
    Senior,
    /// Reverse mode: a hired date is missing, so years cannot be compared.
    NoHired,
}

/// The people of one matching run, in id order: mentees first, then mentors.
#[derive(Debug)]
pub struct Cohort<'a> {
    pub mode: MatchMode,
    pub ids: Vec<&'a str>,
    pub people: Vec<&'a Participant>,
    /// How many of `ids` are mentees (the rest are mentors).
    pub mentees: usize,
    pub weights: Weights,
    pub group_size: u32,
    pub(crate) profiles: Profiles,
    forbid: HashSet<(usize, usize)>,
    /// Pins as indices (mentee, mentor) or (peer, peer).
    pins: Vec<(usize, usize)>,
    /// What was set aside, in words (a pin naming a mentor in peer mode).
    pub notes: Vec<String>,
}

/// Who ended up with whom, by index into [`Cohort::ids`].
#[derive(Debug, Clone)]
pub enum Arrangement {
    /// Mentor of each mentee, and each mentor's meeting slot (group mode).
    Mentors {
        mentor_of: Vec<Option<usize>>,
        slot: Vec<Option<Slot>>,
    },
    /// Partner of each peer.
    Peers { partner: Vec<Option<usize>> },
    /// Circles with their slot and members.
    Circles { circles: Vec<(Slot, Vec<usize>)> },
}

/// A finished matching run.
#[derive(Debug)]
pub struct Plan<'a> {
    pub cohort: Cohort<'a>,
    pub arrangement: Arrangement,
    pub matches: Matches,
}

/// Matches the candidates of `input` by its mode.
pub fn plan<'a>(input: &'a Input<'a>) -> Result<Plan<'a>, PinProblem> {
    let cohort = Cohort::new(input)?;
    let (arrangement, optimal, bound) = cohort.solve(input)?;
    let matches = cohort.matches(&arrangement, optimal, bound);
    Ok(Plan {
        cohort,
        arrangement,
        matches,
    })
}

impl<'a> Cohort<'a> {
    fn new(input: &'a Input<'a>) -> Result<Self, PinProblem> {
        let accepted = |id: &str| input.accepted.as_ref().is_none_or(|a| a.contains(id));
        let mut ids: Vec<&str> = Vec::new();
        let mut people: Vec<&Participant> = Vec::new();
        for (id, p) in input.participants {
            if p.role == Role::Mentee && accepted(id) {
                ids.push(id);
                people.push(p);
            }
        }
        let mentees = ids.len();
        if input.matching.mode != MatchMode::Peer {
            for (id, p) in input.participants {
                if p.role == Role::Mentor {
                    ids.push(id);
                    people.push(p);
                }
            }
        }
        let pairs: Vec<(&str, &Participant)> =
            ids.iter().copied().zip(people.iter().copied()).collect();
        let index: BTreeMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let mut forbid = HashSet::new();
        for pair in &input.matching.forbid {
            if let [a, b] = pair.as_slice()
                && let (Some(&x), Some(&y)) = (index.get(a.as_str()), index.get(b.as_str()))
            {
                forbid.insert((x.min(y), x.max(y)));
            }
        }
        let mut cohort = Cohort {
            mode: input.matching.mode,
            ids,
            people,
            mentees,
            weights: input.weights,
            group_size: input.matching.group_size,
            profiles: Profiles::new(&pairs),
            forbid,
            pins: Vec::new(),
            notes: Vec::new(),
        };
        let pins = cohort.pin_indices(input, &index)?;
        cohort.pins = pins;
        Ok(cohort)
    }

    /// True when mentees meet in peer circles: group mode without mentors.
    pub fn circles(&self) -> bool {
        self.mode == MatchMode::Group && self.mentors() == 0
    }

    pub fn mentors(&self) -> usize {
        self.ids.len() - self.mentees
    }

    /// How many mentees mentor `t` takes: its capacity, in group mode by
    /// default the group size, else 1.
    pub fn capacity(&self, t: usize) -> u32 {
        let p = self.people[self.mentees + t];
        if self.mode == MatchMode::Group {
            p.capacity.unwrap_or(self.group_size)
        } else {
            p.capacity()
        }
    }

    /// True in the modes where mentees are matched with mentors.
    pub fn with_mentors(&self) -> bool {
        self.mode != MatchMode::Peer && !self.circles()
    }

    fn pin_indices(
        &mut self,
        input: &Input<'_>,
        index: &BTreeMap<&str, usize>,
    ) -> Result<Vec<(usize, usize)>, PinProblem> {
        let mut out = Vec::new();
        for pin in &input.matching.pins {
            let fail = |message: String| PinProblem {
                pin: pin.clone(),
                message,
            };
            let [a, b] = pin.as_slice() else { continue };
            let is_mentor = |id: &String| {
                input
                    .participants
                    .get(id)
                    .is_some_and(|p| p.role == Role::Mentor)
            };
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
            let find = |id: &String| -> Result<usize, PinProblem> {
                index.get(id.as_str()).copied().ok_or_else(|| {
                    let role = input.participants.get(id).map(|p| p.role);
                    fail(match role {
                        Some(Role::Mentee) => format!("`{id}` is not an accepted mentee"),
                        Some(Role::Mentor) => {
                            format!("`{id}` is a mentor, and {} mode has none", self.mode)
                        }
                        _ => format!("`{id}` cannot be matched"),
                    })
                })
            };
            let (x, y) = (find(a)?, find(b)?);
            let pair = if self.with_mentors() {
                match (x < self.mentees, y < self.mentees) {
                    (true, false) => (x, y - self.mentees),
                    (false, true) => (y, x - self.mentees),
                    (true, true) => {
                        return Err(fail(format!(
                            "`{a}` and `{b}` are both mentees; a pin names a mentee and a mentor"
                        )));
                    }
                    (false, false) => {
                        return Err(fail(format!(
                            "`{a}` and `{b}` are both mentors; a pin names a mentee and a mentor"
                        )));
                    }
                }
            } else {
                (x, y)
            };
            out.push(pair);
        }
        Ok(out)
    }

    /// The score of mentee `m` with mentor `t` (an index among the mentors).
    pub(crate) fn mentor_pair(&self, m: usize, t: usize) -> Result<Parts, Block> {
        let ti = self.mentees + t;
        let parts = self
            .profiles
            .mentor_pair(&self.weights, m, ti)
            .ok_or(Block::NoSlot)?;
        self.allowed(m, ti)?;
        if self.mode == MatchMode::Reverse {
            match (self.people[m].hired, self.people[ti].hired) {
                (Some(mentee), Some(mentor)) if mentor > mentee => {}
                (Some(_), Some(_)) => return Err(Block::Senior),
                _ => return Err(Block::NoHired),
            }
        }
        Ok(parts)
    }

    /// The score of peers `a` and `b`.
    pub(crate) fn peer_pair(&self, a: usize, b: usize) -> Result<Parts, Block> {
        let parts = self
            .profiles
            .peer_pair(&self.weights, a, b)
            .ok_or(Block::NoSlot)?;
        self.allowed(a, b)?;
        Ok(parts)
    }

    fn allowed(&self, a: usize, b: usize) -> Result<(), Block> {
        if !self.forbid.is_empty() && self.forbid.contains(&(a.min(b), a.max(b))) {
            return Err(Block::Forbidden);
        }
        Ok(())
    }

    fn mentor_edges(&self) -> Vec<Edge> {
        let slots: Vec<u32> = (0..self.ids.len())
            .map(|i| self.profiles.slots(i))
            .collect();
        let (mentee_slots, mentor_slots) = slots.split_at(self.mentees);
        // Most pairs share no slot: count the rest first, then score only them.
        let shared = |m: usize| {
            mentor_slots
                .iter()
                .filter(move |&&s| s & mentee_slots[m] != 0)
        };
        let count = (0..self.mentees).map(|m| shared(m).count()).sum();
        let mut edges = Vec::with_capacity(count);
        for (m, &sm) in mentee_slots.iter().enumerate() {
            for (t, &st) in mentor_slots.iter().enumerate() {
                if sm & st == 0 {
                    continue;
                }
                if let Ok(parts) = self.mentor_pair(m, t) {
                    edges.push(Edge::new(m, t, parts.total()));
                }
            }
        }
        edges
    }

    fn peer_edges(&self) -> Vec<Edge> {
        let mut edges = Vec::new();
        for a in 0..self.mentees {
            for b in a + 1..self.mentees {
                if let Ok(parts) = self.peer_pair(a, b) {
                    edges.push(Edge::new(a, b, parts.total()));
                }
            }
        }
        edges
    }

    fn slot_mask(&self, i: usize) -> u64 {
        u64::from(self.profiles.slots(i))
    }

    /// Runs the mode's solver: the arrangement, whether it is proven optimal,
    /// and otherwise the best bound.
    fn solve(&self, input: &Input<'_>) -> Result<(Arrangement, bool, Option<i64>), PinProblem> {
        let pin_error = |e: PinError| self.pin_problem(input, e);
        if self.circles() {
            let p = circles::Problem {
                slots: (0..self.mentees).map(|i| self.slot_mask(i)).collect(),
                edges: self.peer_edges(),
                group_size: self.group_size as usize,
                pins: self.pins.clone(),
            };
            let r = circles::solve(&p).map_err(pin_error)?;
            let circles = r
                .circles
                .into_iter()
                .map(|c| (slot_of_bit(c.slot), c.members))
                .collect();
            return Ok((
                Arrangement::Circles { circles },
                r.exact,
                (!r.exact).then_some(r.bound),
            ));
        }
        match self.mode {
            MatchMode::Peer => {
                let p = general::Problem {
                    people: self.mentees,
                    edges: self.peer_edges(),
                    pins: self.pins.clone(),
                };
                let r = general::solve(&p).map_err(pin_error)?;
                Ok((Arrangement::Peers { partner: r.partner }, true, None))
            }
            MatchMode::Group => {
                let capacity = (0..self.mentors()).map(|t| self.capacity(t)).collect();
                let p = group::Problem {
                    mentee_slots: (0..self.mentees).map(|i| self.slot_mask(i)).collect(),
                    mentor_slots: (self.mentees..self.ids.len())
                        .map(|i| self.slot_mask(i))
                        .collect(),
                    capacity,
                    edges: self.mentor_edges(),
                    pins: self.pins.clone(),
                };
                let r = group::solve(&p).map_err(pin_error)?;
                let slot = r.slot.iter().map(|s| s.map(slot_of_bit)).collect();
                let bound = (!r.exact).then_some(r.bound);
                Ok((
                    Arrangement::Mentors {
                        mentor_of: r.mentor_of,
                        slot,
                    },
                    r.exact,
                    bound,
                ))
            }
            MatchMode::OneToOne | MatchMode::Reverse => {
                let capacity = (0..self.mentors()).map(|t| self.capacity(t)).collect();
                let p = assignment::Problem {
                    mentees: self.mentees,
                    capacity,
                    edges: self.mentor_edges(),
                    pins: self.pins.clone(),
                };
                let r = assignment::solve(&p).map_err(pin_error)?;
                let slot = vec![None; self.mentors()];
                Ok((
                    Arrangement::Mentors {
                        mentor_of: r.mentor_of,
                        slot,
                    },
                    true,
                    None,
                ))
            }
        }
    }

    /// A solver's pin error in words, with the pin it is about.
    fn pin_problem(&self, input: &Input<'_>, e: PinError) -> PinProblem {
        let id = |i: usize| self.ids.get(i).copied().unwrap_or("?").to_string();
        let mentor = |t: usize| id(self.mentees + t);
        let (people, message) = match e.clone() {
            PinError::NoEdge { a, b } => {
                let (x, y) = if self.with_mentors() {
                    (id(a), mentor(b))
                } else {
                    (id(a), id(b))
                };
                let block = if self.with_mentors() {
                    self.mentor_pair(a, b).err()
                } else {
                    self.peer_pair(a, b).err()
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
                    vec![x.clone(), y.clone()],
                    format!("`{x}` and `{y}` cannot be matched: {why}"),
                )
            }
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
        };
        // The pin that broke the rule: the one naming both, or the k-th naming
        // the person (the second pin of someone pinned twice, the pin past a
        // mentor's capacity), else the last naming them.
        let nth = match e {
            PinError::Twice { .. } => Some(1),
            PinError::OverCapacity { capacity, .. } => Some(capacity as usize),
            _ => None,
        };
        let naming: Vec<&Vec<String>> = input
            .matching
            .pins
            .iter()
            .filter(|pin| people.iter().all(|p| pin.contains(p)))
            .collect();
        let pin = match (nth, people.len()) {
            (Some(k), _) => naming.get(k).or(naming.last()),
            (None, 2) => naming.first(),
            (None, _) => naming.last(),
        }
        .map(|p| (*p).clone())
        .unwrap_or_default();
        PinProblem { pin, message }
    }

    /// The arrangement as `matches.yaml` holds it.
    fn matches(&self, arr: &Arrangement, optimal: bool, bound: Option<i64>) -> Matches {
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
            matches.sort_by(|x, y| x.peers.cmp(&y.peers));
        }
        let total = matches.iter().map(|m| m.score).sum();
        Matches {
            mode: self.mode,
            total,
            optimal,
            bound: if optimal { None } else { bound },
            weights: self.weights,
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
        e.peers = peers.iter().map(|s| s.to_string()).collect();
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

/// The slot at bit `bit` (`Slot::index`).
fn slot_of_bit(bit: u32) -> Slot {
    Slot::all()
        .nth(bit as usize)
        .unwrap_or(Slot { day: 0, part: 0 })
}
