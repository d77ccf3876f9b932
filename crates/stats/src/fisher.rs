//! Fisher's exact test of two rates: with both group sizes and the total
//! number of events held fixed, the number of events in the first group
//! follows the hypergeometric distribution. The two-sided p-value adds the
//! probability of every table no more probable than the one observed (the
//! definition of R's `fisher.test` and scipy's `fisher_exact`); "no more
//! probable" allows a relative tolerance of 1e-7 so that tables equal in
//! exact arithmetic are counted together despite rounding. The mid-p counts
//! the tables exactly as probable as the observed one half (Lancaster,
//! 1961), which removes most of the test's conservatism in small groups.
//!
//! Probabilities are computed from log-factorials (Stirling's series), one
//! table at a time and relative to the most probable one, so groups of
//! 100,000 people cost a few milliseconds.

use serde::{Deserialize, Serialize};

use crate::Count;
use crate::special::ln_factorial;

/// Relative tolerance for "as probable as the observed table".
const TIE_TOLERANCE: f64 = 1e-7;

/// The two-sided p-values of Fisher's exact test.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FisherExact {
    /// Probability of the tables no more probable than the observed one.
    pub p_value: f64,
    /// The same with the tables as probable as the observed one counted half.
    pub mid_p: f64,
}

/// Fisher's exact test of "the two groups have the same rate". With a
/// single possible table (no events at all, everyone an event, or an empty
/// group) p is 1 and mid-p is ½.
pub fn fisher_exact(a: Count, b: Count) -> FisherExact {
    let (a, b) = canonical(a, b);
    let n1 = u64::from(a.total());
    let total = n1 + u64::from(b.total());
    let events = u64::from(a.events()) + u64::from(b.events());
    // P(k) = C(events, k)·C(total − events, n1 − k) / C(total, n1); the
    // factorials that do not depend on k are left out.
    let ln_p = |k: u64| {
        -ln_factorial(k)
            - ln_factorial(events - k)
            - ln_factorial(n1 - k)
            - ln_factorial(total + k - events - n1)
    };
    let lowest = (n1 + events).saturating_sub(total);
    let highest = events.min(n1);
    // Probabilities relative to the most probable table (the mode of the
    // hypergeometric distribution), divided by their sum.
    let mode = ((n1 + 1) * (events + 1) / (total + 2)).clamp(lowest, highest);
    let top = ln_p(mode);
    let observed = ln_p(u64::from(a.events()));
    let tolerance = TIE_TOLERANCE.ln_1p();
    let (mut all, mut p, mut ties) = (0.0, 0.0, 0.0);
    for k in lowest..=highest {
        let l = ln_p(k);
        let prob = (l - top).exp();
        all += prob;
        if l <= observed + tolerance {
            p += prob;
            if l >= observed - tolerance {
                ties += prob;
            }
        }
    }
    let (p, ties) = (p / all, ties / all);
    FisherExact {
        p_value: p.min(1.0),
        mid_p: (p - ties / 2.0).clamp(0.0, 1.0),
    }
}

/// The same 2×2 table read four ways (either group first, events or
/// non-events counted) has one p-value; computing it always from the same
/// reading makes the four answers equal to the last bit, where rounding in
/// the log-factorials of large groups would otherwise differ by 1e-12.
fn canonical(a: Count, b: Count) -> (Count, Count) {
    let flip = Count::flipped;
    let key = |(x, y): &(Count, Count)| (x.total(), x.events(), y.total(), y.events());
    [(a, b), (b, a), (flip(a), flip(b)), (flip(b), flip(a))]
        .into_iter()
        .min_by_key(key)
        .unwrap_or((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fisher(x1: u32, n1: u32, x2: u32, n2: u32) -> FisherExact {
        fisher_exact(Count::new(x1, n1).unwrap(), Count::new(x2, n2).unwrap())
    }

    #[test]
    fn the_lady_tasting_tea() {
        // Fisher (1935): 3 of 4 cups right against 1 of 4; P(3) = 16/70 and
        // P(4) = 1/70 on each side, so p = 34/70; mid-p = (2 + 16)/70.
        let f = fisher(3, 4, 1, 4);
        assert!((f.p_value - 34.0 / 70.0).abs() < 1e-12, "{}", f.p_value);
        assert!((f.mid_p - 18.0 / 70.0).abs() < 1e-12, "{}", f.mid_p);
    }

    #[test]
    fn seven_of_seven_against_1451_of_2000_is_not_significant() {
        // Issue 13: "Fisher's exact p is 0.20"; scipy.stats.fisher_exact gives
        // 0.20032753220229482.
        let f = fisher(7, 7, 1451, 2000);
        assert!(
            (f.p_value - 0.200_327_532_202_294_8).abs() < 1e-9,
            "{}",
            f.p_value
        );
        assert!(f.mid_p < f.p_value);
    }

    #[test]
    fn one_of_one_against_174_of_2000_is_not_significant() {
        // scipy.stats.fisher_exact([[1, 0], [174, 1826]]) = 0.08745627186406796.
        let f = fisher(1, 1, 174, 2000);
        assert!(
            (f.p_value - 0.087_456_271_864_067_96).abs() < 1e-9,
            "{}",
            f.p_value
        );
        // With one table per side the mid-p is half the observed probability.
        assert!((f.mid_p - 0.087_456_271_864_067_96 / 2.0).abs() < 1e-9);
    }

    #[test]
    fn zero_of_forty_against_30_of_100_is_significant() {
        // scipy.stats.fisher_exact([[0, 40], [30, 70]]) = 1.5842621910451318e-05.
        let f = fisher(0, 40, 30, 100);
        assert!((f.p_value - 1.584_262_191_045_131_8e-5).abs() < 1e-12);
    }

    #[test]
    fn the_four_readings_of_one_table_give_one_p_to_the_last_bit() {
        // Found by the property test: read with the large group first, the
        // log-factorials of 2,847 rounded to a p-value 1e-12 away.
        let f = fisher(0, 3, 733, 2847);
        for other in [
            fisher(733, 2847, 0, 3),
            fisher(3, 3, 2114, 2847),
            fisher(2114, 2847, 3, 3),
        ] {
            assert_eq!(f, other);
        }
    }

    #[test]
    fn a_single_possible_table_gives_one() {
        for f in [
            fisher(0, 10, 0, 12),
            fisher(10, 10, 20, 20),
            fisher(0, 0, 3, 5),
        ] {
            assert_eq!(f.p_value, 1.0);
            assert_eq!(f.mid_p, 0.5);
        }
    }
}
