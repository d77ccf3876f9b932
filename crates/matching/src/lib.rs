//! Pairing and grouping people for the highest total score.
//!
//! Two layers, both pure (values in, values out, no files):
//!
//! - [`plan`] takes model values (participants, `[matching]`, the accepted
//!   mentees) and returns [`crate::model::matches::Matches`]: who takes part,
//!   the pair scores ([`score`]), pins, the unmatched with reasons, and
//!   `--explain`.
//! - The solvers take plain indices, integer scores and capacities and return
//!   plain indices, so they are tested against brute force without a folder:
//!   [`assignment`] (one-to-one, reverse: min-cost flow), [`general`] (peers:
//!   Edmonds' blossom algorithm), [`group`] (one slot per mentor's group) and
//!   [`circles`] (groups of peers). Forbidden pairs are edges the caller leaves
//!   out; pins are forced edges, checked and honoured by each solver.
//!
//! Ties: every solver maximises, in this order, the total score, the number of
//! people matched (a 0-score pair that shares a slot beats no pair), and an id
//! preference that pairs earlier ids with earlier ids. The three are packed into
//! one integer per edge (see `weight.rs`), so equal-total optima resolve the same
//! way whatever the algorithm's internals; input is given sorted by id.

use mentorkit_model as model;

pub mod assignment;
mod blossom;
#[cfg(test)]
mod brute;
mod budget;
pub mod circles;
mod entries;
mod explain;
mod flow;
pub mod general;
pub mod group;
mod pins;
pub mod plan;
mod reasons;
pub mod score;
mod weight;

/// A pair score; weights are small integers, so sums fit comfortably.
pub type Score = i64;

/// An allowed pair and its score: `a` and `b` index the two people (mentee and
/// mentor in the bipartite modes, two peers in peer mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edge {
    pub a: usize,
    pub b: usize,
    pub score: Score,
}

impl Edge {
    pub fn new(a: usize, b: usize, score: Score) -> Self {
        Edge { a, b, score }
    }
}

/// A pin the solver could not honour, by the indices the caller gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PinError {
    /// The pinned pair is not an allowed edge: no shared slot, forbidden, or
    /// (reverse mode) the mentor is not junior to the mentee.
    NoEdge { a: usize, b: usize },
    /// The person is pinned more than once (mentee twice, or a peer twice).
    Twice { person: usize },
    /// More pins name this mentor than it has room for.
    OverCapacity { mentor: usize, capacity: u32 },
    /// A pin names a person or mentor index that does not exist.
    OutOfRange { a: usize, b: usize },
    /// Group mode: the mentees pinned to this mentor share no meeting slot with
    /// it and each other; peer circles: the people pinned together with this
    /// one share no slot.
    NoCommonSlot { mentor: usize },
    /// Peer circles: pins put more people together with this one than a circle
    /// holds.
    CircleTooLarge { person: usize, limit: usize },
}
