//! The Wilcoxon signed-rank test of "no change" for paired differences
//! (Wilcoxon, 1945), as suits answers on a 1–5 scale, where ties and zeros
//! are the rule:
//!
//! - zero differences are dropped (Wilcoxon's own treatment);
//! - the remaining absolute differences are ranked, tied values getting the
//!   mean of the ranks they span (midranks); ties are exact equality;
//! - the statistic is T⁺, the sum of the ranks of the positive differences;
//! - with at most [`EXACT_LIMIT`] non-zero differences, the p-value comes
//!   from the exact distribution of T⁺ over the 2ⁿ equally likely sign
//!   patterns given these ranks. Midranks are multiples of ½, so doubled
//!   ranks are integers and the distribution is counted by a dynamic
//!   programme over their sums (counts up to 2⁵⁰ fit in a u64);
//! - above that, the normal approximation: mean n(n+1)/4, variance
//!   n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over the groups of t tied values, no
//!   continuity correction.
//!
//! The two-sided p-value is min(1, 2·min(P(T⁺ ≤ t), P(T⁺ ≥ t))). With no
//! non-zero difference there is one sign pattern and p is 1.

use serde::{Deserialize, Serialize};

use crate::StatsError;
use crate::special::normal_sf;

/// Up to this many non-zero differences the p-value is exact.
pub const EXACT_LIMIT: usize = 50;

/// How the p-value was found.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignedRankMethod {
    /// The exact conditional distribution.
    Exact,
    /// The normal approximation, with its z statistic.
    Normal { z: f64 },
}

/// The test's result.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SignedRank {
    /// Differences left after dropping zeros: the n of the test.
    pub nonzero: u32,
    /// Zero differences dropped.
    pub zeros: u32,
    /// T⁺: the sum of the (mid)ranks of the positive differences.
    pub rank_sum_positive: f64,
    pub p_value: f64,
    pub method: SignedRankMethod,
}

/// The two-sided signed-rank test of `differences` (after − before).
/// Refused when a difference is not finite.
pub fn wilcoxon_signed_rank(differences: &[f64]) -> Result<SignedRank, StatsError> {
    if let Some((index, &value)) = differences.iter().enumerate().find(|(_, d)| !d.is_finite()) {
        return Err(StatsError::NotFinite {
            what: "difference",
            index,
            value,
        });
    }
    let mut nonzero: Vec<f64> = differences.iter().copied().filter(|&d| d != 0.0).collect();
    nonzero.sort_by(|x, y| x.abs().total_cmp(&y.abs()));
    let doubled = doubled_midranks(&nonzero);
    let positive: u64 = nonzero
        .iter()
        .zip(&doubled)
        .filter(|(d, _)| **d > 0.0)
        .map(|(_, r)| *r)
        .sum();
    let n = nonzero.len();
    let (p_value, method) = if n <= EXACT_LIMIT {
        (exact_p(&doubled, positive), SignedRankMethod::Exact)
    } else {
        let z = normal_z(&nonzero, &doubled, positive);
        (
            (2.0 * normal_sf(z.abs())).min(1.0),
            SignedRankMethod::Normal { z },
        )
    };
    Ok(SignedRank {
        nonzero: n as u32,
        zeros: (differences.len() - n) as u32,
        rank_sum_positive: positive as f64 / 2.0,
        p_value,
        method,
    })
}

/// Twice the midrank of each value of `sorted` (sorted by absolute value):
/// a run of equal |d| over positions i..=j (from 0) gets i + j + 2.
fn doubled_midranks(sorted: &[f64]) -> Vec<u64> {
    let mut ranks = Vec::with_capacity(sorted.len());
    let mut start = 0;
    for run in sorted.chunk_by(|x, y| x.abs() == y.abs()) {
        let end = start + run.len() - 1;
        ranks.extend(std::iter::repeat_n((start + end + 2) as u64, run.len()));
        start = end + 1;
    }
    ranks
}

/// The exact two-sided p-value of the doubled positive rank sum.
fn exact_p(doubled: &[u64], observed: u64) -> f64 {
    let total: u64 = doubled.iter().sum();
    // ways[s]: sign patterns whose doubled positive rank sum is s.
    let mut ways = vec![0_u64; total as usize + 1];
    ways[0] = 1;
    let mut reach = 0;
    for &r in doubled {
        let r = r as usize;
        for s in (r..=reach + r).rev() {
            ways[s] += ways[s - r];
        }
        reach += r;
    }
    let patterns = (doubled.len() as f64).exp2();
    let observed = observed as usize;
    let at_most: u64 = ways[..=observed].iter().sum();
    let at_least: u64 = ways[observed..].iter().sum();
    (2.0 * at_most.min(at_least) as f64 / patterns).min(1.0)
}

/// z of the normal approximation with the tie correction.
fn normal_z(sorted: &[f64], doubled: &[u64], positive: u64) -> f64 {
    let n = sorted.len() as f64;
    let ties: f64 = sorted
        .chunk_by(|x, y| x.abs() == y.abs())
        .map(|run| {
            let t = run.len() as f64;
            t * t * t - t
        })
        .sum();
    debug_assert_eq!(doubled.len(), sorted.len());
    let variance = n * (n + 1.0) * (2.0 * n + 1.0) / 24.0 - ties / 48.0;
    (positive as f64 / 2.0 - n * (n + 1.0) / 4.0) / variance.sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn students_sleep_data_drops_its_zero_and_keeps_its_tie() {
        // Student's (1908) sleep data: nine positive differences, one zero,
        // one tie (1.3, 1.3). All nine positive is 1 pattern in 2⁹, so the
        // two-sided p is 2/512 = 0.00390625 (as scipy.stats.wilcoxon).
        let d = [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4];
        let w = wilcoxon_signed_rank(&d).unwrap();
        assert_eq!((w.nonzero, w.zeros), (9, 1));
        assert_eq!(w.rank_sum_positive, 45.0);
        assert_eq!(w.p_value, 2.0 / 512.0);
        assert_eq!(w.method, SignedRankMethod::Exact);
    }

    #[test]
    fn tied_ranks_by_hand() {
        // |d| = 1, 1, 2 → midranks 1.5, 1.5, 3; T⁺ = 4.5. Over the 8 sign
        // patterns the sums are 0, 1.5, 1.5, 3, 3, 4.5, 4.5, 6: P(T⁺ ≥ 4.5) = 3/8.
        let w = wilcoxon_signed_rank(&[1.0, -1.0, 2.0]).unwrap();
        assert_eq!(w.rank_sum_positive, 4.5);
        assert_eq!(w.p_value, 0.75);
    }

    #[test]
    fn five_increases_without_ties() {
        // The smallest n where one-sided 1/32 exists: p = 2/32.
        let w = wilcoxon_signed_rank(&[1.0, 2.0, 3.0, 4.0, 5.0]).unwrap();
        assert_eq!(w.p_value, 0.0625);
    }

    #[test]
    fn no_change_at_all_gives_one() {
        let w = wilcoxon_signed_rank(&[0.0, 0.0]).unwrap();
        assert_eq!((w.nonzero, w.zeros, w.p_value), (0, 2, 1.0));
    }

    #[test]
    fn above_fifty_the_normal_approximation_is_used_with_the_tie_correction() {
        // 60 answers that all moved up by one point: every |d| tied at
        // midrank 30.5, T⁺ = 1830, variance = 60·61·121/24 − (60³ − 60)/48.
        let w = wilcoxon_signed_rank(&[1.0; 60]).unwrap();
        let variance = 60.0 * 61.0 * 121.0 / 24.0 - (216_000.0 - 60.0) / 48.0;
        let z = (1830.0 - 915.0) / f64::sqrt(variance);
        let SignedRankMethod::Normal { z: got } = w.method else {
            panic!("60 differences are past the exact limit");
        };
        assert!((got - z).abs() < 1e-12, "{got}");
        assert!((w.p_value - 2.0 * normal_sf(z)).abs() < 1e-20 && w.p_value < 1e-13);
    }
}
