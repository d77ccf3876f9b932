//! The lexicographic objective (score, then people matched, then an id
//! preference) packed into one integer per edge, and the integer types the
//! solvers run on.
//!
//! With `S2` above any possible sum of id bonuses and `S1` above any possible
//! sum of `S2 + bonus`, maximising `Σ (score·S1 + S2 + bonus)` maximises the
//! score first, then the count, then the bonus. The solvers run on `i64` when the
//! packed weights leave enough headroom and on `i128` otherwise.

use std::fmt::Debug;
use std::ops::{Add, Neg, Sub};

use super::Score;

/// The integer arithmetic a solver needs; implemented for `i64` and `i128`.
pub(crate) trait Weight:
    Copy + Ord + Default + Debug + Add<Output = Self> + Sub<Output = Self> + Neg<Output = Self>
{
    const MAX: Self;
    const ZERO: Self;
    fn from_i128(v: i128) -> Self;
    /// Half, rounded toward zero (the blossom solver halves only even values).
    fn half(self) -> Self;
}

impl Weight for i64 {
    const MAX: Self = i64::MAX;
    const ZERO: Self = 0;
    fn from_i128(v: i128) -> Self {
        // Callers check the range first (see `fits_i64`); saturate rather than wrap.
        v.clamp(i64::MIN as i128, i64::MAX as i128) as i64
    }
    fn half(self) -> Self {
        self / 2
    }
}

impl Weight for i128 {
    const MAX: Self = i128::MAX;
    const ZERO: Self = 0;
    fn from_i128(v: i128) -> Self {
        v
    }
    fn half(self) -> Self {
        self / 2
    }
}

/// True when solvers may use `i64` for weights up to `max_abs`: potentials and
/// tentative distances stay within a small multiple of the largest weight.
pub(crate) fn fits_i64(max_abs: i128) -> bool {
    max_abs <= (i64::MAX as i128) / 64
}

/// How scores, the matched count and the id bonus share one integer.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Packing {
    s1: i128,
    s2: i128,
}

impl Packing {
    /// `max_pairs` bounds how many edges any solution holds, `max_bonus` the bonus
    /// of one edge.
    pub(crate) fn new(max_pairs: usize, max_bonus: i128) -> Self {
        let k = max_pairs.max(1) as i128;
        let s2 = k.saturating_mul(max_bonus.max(0)).saturating_add(1);
        let s1 = k
            .saturating_mul(s2.saturating_add(max_bonus.max(0)))
            .saturating_add(1);
        Packing { s1, s2 }
    }

    pub(crate) fn weight(&self, score: Score, bonus: i128) -> i128 {
        (score as i128)
            .saturating_mul(self.s1)
            .saturating_add(self.s2)
            .saturating_add(bonus)
    }

    /// The score part of a packed total (exact: the rest is below `S1`).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn score_of(&self, total: i128) -> i128 {
        total.div_euclid(self.s1)
    }
}

/// The id bonus of the bipartite pair (a, b) among `na` × `nb`: larger for
/// earlier ids on both sides, so equal-score ties pair earlier with earlier.
pub(crate) fn pair_bonus(a: usize, b: usize, na: usize, nb: usize) -> i128 {
    (na.saturating_sub(a) as i128) * (nb.saturating_sub(b) as i128)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_orders_score_then_count_then_bonus() {
        let p = Packing::new(3, 100);
        // One pair of score 1 beats three pairs of score 0 with top bonuses.
        let one = p.weight(1, 0);
        let three_zero = 3 * p.weight(0, 100);
        assert!(one > three_zero);
        // Two pairs of score 0 beat one pair of score 0 with the top bonus.
        assert!(2 * p.weight(0, 0) > p.weight(0, 100));
        assert_eq!(p.score_of(p.weight(5, 7) + p.weight(2, 100)), 7);
        assert_eq!(p.score_of(p.weight(-2, 7)), -2);
    }
}
