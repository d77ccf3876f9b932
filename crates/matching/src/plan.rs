//! From a folder's people and `[matching]` to [`Matches`]: who takes part,
//! which pairs are allowed and what they score, the solver for the mode, and
//! why anyone is left over. Pure: model values in, model values out.

use std::collections::{BTreeMap, BTreeSet, HashSet};

pub use super::budget::{CIRCLE_PAIR_BUDGET, GROUP_PAIR_BUDGET, PEER_PAIR_BUDGET, TooLarge};
use super::score::Profiles;
use super::{Edge, PinError, assignment, circles, general, group};
use crate::model::matches::{Matches, Parts};
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

/// Why a matching was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// A pin cannot hold.
    Pin(PinProblem),
    /// Past the solver's size budget.
    TooLarge(TooLarge),
}

impl From<PinProblem> for PlanError {
    fn from(p: PinProblem) -> Self {
        PlanError::Pin(p)
    }
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
    pub(crate) pins: Vec<(usize, usize)>,
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

/// What a solver found: the arrangement, whether it is proven optimal, and
/// otherwise the best bound.
struct Solved {
    arrangement: Arrangement,
    optimal: bool,
    bound: Option<i64>,
}

/// A finished matching run.
#[derive(Debug)]
pub struct Plan<'a> {
    pub cohort: Cohort<'a>,
    pub arrangement: Arrangement,
    pub matches: Matches,
}

/// Matches the candidates of `input` by its mode; refuses, before any
/// work, a cohort past its solver's size budget.
pub fn plan<'a>(input: &'a Input<'a>) -> Result<Plan<'a>, PlanError> {
    let cohort = Cohort::new(input)?;
    if let Some(too_large) = cohort.too_large() {
        return Err(PlanError::TooLarge(too_large));
    }
    let solved = cohort.solve(input)?;
    let matches = cohort.matches(&solved.arrangement, solved.optimal, solved.bound);
    Ok(Plan {
        cohort,
        arrangement: solved.arrangement,
        matches,
    })
}

impl<'a> Cohort<'a> {
    pub(crate) fn new(input: &'a Input<'a>) -> Result<Self, PinProblem> {
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

    /// Runs the mode's solver.
    fn solve(&self, input: &Input<'_>) -> Result<Solved, PinProblem> {
        let solved = if self.circles() {
            self.solve_circles()
        } else {
            match self.mode {
                MatchMode::Peer => self.solve_peers(),
                MatchMode::Group => self.solve_groups(),
                MatchMode::OneToOne | MatchMode::Reverse => self.solve_pairs(),
            }
        };
        solved.map_err(|e| self.pin_problem(input, e))
    }

    fn solve_pairs(&self) -> Result<Solved, PinError> {
        let capacity = (0..self.mentors()).map(|t| self.capacity(t)).collect();
        let edges = self.mentor_edges();
        let p = assignment::Problem {
            mentees: self.mentees,
            capacity,
            edges,
            pins: self.pins.clone(),
        };
        let r = assignment::solve(&p)?;
        let slot = vec![None; self.mentors()];
        let arrangement = Arrangement::Mentors {
            mentor_of: r.mentor_of,
            slot,
        };
        Ok(Solved {
            arrangement,
            optimal: true,
            bound: None,
        })
    }

    fn solve_peers(&self) -> Result<Solved, PinError> {
        let p = general::Problem {
            people: self.mentees,
            edges: self.peer_edges(),
            pins: self.pins.clone(),
        };
        let r = general::solve(&p)?;
        Ok(Solved {
            arrangement: Arrangement::Peers { partner: r.partner },
            optimal: true,
            bound: None,
        })
    }

    fn solve_groups(&self) -> Result<Solved, PinError> {
        let p = group::Problem {
            mentee_slots: (0..self.mentees).map(|i| self.slot_mask(i)).collect(),
            mentor_slots: (self.mentees..self.ids.len())
                .map(|i| self.slot_mask(i))
                .collect(),
            capacity: (0..self.mentors()).map(|t| self.capacity(t)).collect(),
            edges: self.mentor_edges(),
            pins: self.pins.clone(),
        };
        let r = group::solve(&p)?;
        let slot = r.slot.iter().map(|s| s.map(slot_of_bit)).collect();
        let arrangement = Arrangement::Mentors {
            mentor_of: r.mentor_of,
            slot,
        };
        Ok(Solved {
            arrangement,
            optimal: r.exact,
            bound: (!r.exact).then_some(r.bound),
        })
    }

    fn solve_circles(&self) -> Result<Solved, PinError> {
        let p = circles::Problem {
            slots: (0..self.mentees).map(|i| self.slot_mask(i)).collect(),
            edges: self.peer_edges(),
            group_size: self.group_size as usize,
            pins: self.pins.clone(),
        };
        let r = circles::solve(&p)?;
        let circles = r
            .circles
            .into_iter()
            .map(|c| (slot_of_bit(c.slot), c.members))
            .collect();
        let arrangement = Arrangement::Circles { circles };
        Ok(Solved {
            arrangement,
            optimal: r.exact,
            bound: (!r.exact).then_some(r.bound),
        })
    }
}

/// The slot at bit `bit` (`Slot::index`).
fn slot_of_bit(bit: u32) -> Slot {
    Slot::all()
        .nth(bit as usize)
        .unwrap_or(Slot { day: 0, part: 0 })
}

impl Plan<'_> {
    /// The total score of another arrangement of the same people under this
    /// plan's weights.
    pub fn score_of(&self, arr: &Arrangement) -> i64 {
        let c = &self.cohort;
        match arr {
            Arrangement::Mentors { mentor_of, .. } => mentor_of
                .iter()
                .enumerate()
                .filter_map(|(m, t)| t.and_then(|t| c.mentor_pair(m, t).ok()))
                .map(|p| p.total())
                .sum(),
            Arrangement::Peers { partner } => partner
                .iter()
                .enumerate()
                .filter_map(|(a, b)| b.filter(|&b| a < b).and_then(|b| c.peer_pair(a, b).ok()))
                .map(|p| p.total())
                .sum(),
            Arrangement::Circles { circles } => circles
                .iter()
                .flat_map(|(_, m)| {
                    m.iter()
                        .enumerate()
                        .flat_map(move |(i, &a)| m[i + 1..].iter().map(move |&b| (a, b)))
                })
                .filter_map(|(a, b)| c.peer_pair(a, b).ok())
                .map(|p| p.total())
                .sum(),
        }
    }
}
