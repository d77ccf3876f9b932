//! Invariants of every method over random inputs: intervals hold their
//! estimate and stay in range, bounds move the right way with the counts,
//! tests are symmetric in the groups, and the exact tests equal brute-force
//! enumeration on small inputs.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use mentorkit_stats::{
    Bounds, Count, Estimate, Level, Observation, Point, Reading, SignedRankMethod, Stratum,
    fisher_exact, kaplan_meier, mantel_haenszel, paired_change, risk_difference, risk_ratio,
    wilcoxon_signed_rank, wilson,
};
use proptest::prelude::*;

fn count(events: u32, total: u32) -> Count {
    Count::new(events, total).unwrap()
}

/// A group: total 1..=max, events 0..=total.
fn group(max: u32) -> impl Strategy<Value = Count> {
    (1..=max).prop_flat_map(|n| (0..=n).prop_map(move |x| count(x, n)))
}

fn level() -> impl Strategy<Value = Level> {
    prop_oneof![Just(0.95), Just(0.90), Just(0.99), 0.5..0.999_f64]
        .prop_map(|l| Level::new(l).unwrap())
}

fn bounds(e: &Estimate) -> (f64, f64) {
    (e.interval.lower(), e.interval.upper())
}

fn holds_its_point(e: &Estimate) -> bool {
    e.point.finite().is_none_or(|p| e.interval.contains(p))
}

proptest! {
    #[test]
    fn wilson_holds_its_rate_and_rises_with_the_count(c in group(500), level in level()) {
        let e = wilson(c, level).unwrap();
        let (l, h) = bounds(&e);
        prop_assert!(holds_its_point(&e) && 0.0 <= l && h <= 1.0);
        if c.events() < c.total() {
            let next = wilson(count(c.events() + 1, c.total()), level).unwrap();
            prop_assert!(next.interval.lower() > l && next.interval.upper() >= h);
        }
    }

    #[test]
    fn koopman_holds_its_ratio_and_rises_with_the_first_count(
        a in group(300), b in group(300), level in level()
    ) {
        let e = risk_ratio(a, b, level).unwrap();
        let (l, h) = bounds(&e);
        prop_assert!(holds_its_point(&e) && l >= 0.0, "{e:?}");
        prop_assert_eq!(l == 0.0, a.events() == 0);
        prop_assert_eq!(h == f64::INFINITY, b.events() == 0);
        if a.events() < a.total() {
            let up = risk_ratio(count(a.events() + 1, a.total()), b, level).unwrap();
            prop_assert!(up.interval.lower() >= l * (1.0 - 1e-12), "{up:?} {e:?}");
            prop_assert!(up.interval.upper() >= h * (1.0 - 1e-12), "{up:?} {e:?}");
        }
        if b.events() < b.total() {
            let down = risk_ratio(a, count(b.events() + 1, b.total()), level).unwrap();
            prop_assert!(down.interval.lower() <= l * (1.0 + 1e-12));
            prop_assert!(down.interval.upper() <= h * (1.0 + 1e-12));
        }
    }

    #[test]
    fn koopman_swapped_is_the_reciprocal(a in group(200), b in group(200)) {
        let (l, h) = bounds(&risk_ratio(a, b, Level::NINETY_FIVE).unwrap());
        let (sl, sh) = bounds(&risk_ratio(b, a, Level::NINETY_FIVE).unwrap());
        prop_assert!((l * sh - 1.0).abs() < 1e-9 || (l == 0.0 && sh.is_infinite()));
        prop_assert!((h * sl - 1.0).abs() < 1e-9 || (sl == 0.0 && h.is_infinite()));
    }

    #[test]
    fn newcombe_holds_its_difference_within_minus_one_and_one(
        a in group(400), b in group(400), level in level()
    ) {
        let e = risk_difference(a, b, level).unwrap();
        let (l, h) = bounds(&e);
        prop_assert!(holds_its_point(&e) && -1.0 <= l && h <= 1.0);
        let (sl, sh) = bounds(&risk_difference(b, a, level).unwrap());
        prop_assert!((l + sh).abs() < 1e-12 && (h + sl).abs() < 1e-12);
    }

    #[test]
    fn fisher_is_a_probability_and_ignores_which_group_is_first(
        a in group(3000), b in group(3000)
    ) {
        let f = fisher_exact(a, b);
        prop_assert!((0.0..=1.0).contains(&f.p_value) && 0.0 <= f.mid_p && f.mid_p <= f.p_value);
        let swapped = fisher_exact(b, a);
        prop_assert!((f.p_value - swapped.p_value).abs() < 1e-12);
        prop_assert!((f.mid_p - swapped.mid_p).abs() < 1e-12);
        let flipped = fisher_exact(count(a.non_events(), a.total()), count(b.non_events(), b.total()));
        prop_assert!((f.p_value - flipped.p_value).abs() < 1e-12);
    }

    #[test]
    fn fisher_equals_the_sum_over_tables_by_exact_binomials(a in group(30), b in group(30)) {
        let f = fisher_exact(a, b);
        let (p, mid) = fisher_by_enumeration(a, b);
        prop_assert!((f.p_value - p).abs() < 1e-12, "{f:?} {p}");
        prop_assert!((f.mid_p - mid).abs() < 1e-12, "{f:?} {mid}");
    }

    #[test]
    fn mantel_haenszel_of_one_stratum_is_the_crude_ratio(
        a in group(200), b in group(200), copies in 1_usize..5
    ) {
        let strata = vec![Stratum { a, b }; copies];
        let m = mantel_haenszel(&strata, Level::NINETY_FIVE);
        match (a.events(), b.events()) {
            (0, 0) => prop_assert_eq!(m.point, Point::Undefined),
            (_, 0) => prop_assert_eq!(m.point, Point::Infinite),
            _ => {
                let crude = a.rate().unwrap() / b.rate().unwrap();
                let p = m.point.finite().unwrap();
                prop_assert!((p - crude).abs() <= 1e-12 * crude.max(1.0));
            }
        }
        if let (Some(i), Some(p)) = (m.interval, m.point.finite()) {
            prop_assert!(i.contains(p) && i.lower() > 0.0);
        }
    }

    #[test]
    fn kaplan_meier_never_rises_and_holds_its_curve(
        obs in prop::collection::vec((0_u32..40, any::<bool>()), 1..80), level in level()
    ) {
        let obs: Vec<Observation> = obs
            .iter()
            .map(|&(t, e)| if e { Observation::event(t) } else { Observation::censored(t) })
            .collect();
        let km = kaplan_meier(&obs, level).unwrap();
        let mut previous = (1.0, u32::MAX);
        for s in km.steps() {
            prop_assert!(s.survival <= previous.0 && s.at_risk < previous.1);
            prop_assert!((0.0..=1.0).contains(&s.survival) && s.interval.contains(s.survival));
            prop_assert!(0.0 <= s.interval.lower() && s.interval.upper() <= 1.0);
            previous = (s.survival, s.at_risk);
        }
        if obs.iter().all(|o| o.event) {
            // Without censoring, the curve is the share still without the event.
            for t in 0..40 {
                let left = obs.iter().filter(|o| o.time > f64::from(t)).count() as f64;
                if let Reading::Known { estimate, .. } = km.at(f64::from(t)) {
                    let s = estimate.point.finite().unwrap();
                    prop_assert!((s - left / obs.len() as f64).abs() < 1e-12);
                }
            }
        }
    }

    #[test]
    fn paired_interval_holds_the_mean_and_the_scale(
        d in prop::collection::vec(-4_i32..=4, 2..40), level in level()
    ) {
        let d: Vec<f64> = d.into_iter().map(f64::from).collect();
        let scale = Bounds::change_on_scale(1.0, 5.0).unwrap();
        let c = paired_change(&d, level, Some(scale)).unwrap();
        let i = c.interval.unwrap();
        prop_assert!(i.contains(c.mean) && i.lower() >= -4.0 && i.upper() <= 4.0);
    }

    #[test]
    fn wilcoxon_exact_equals_all_sign_flips(d in prop::collection::vec(-3_i32..=3, 0..=12)) {
        let d: Vec<f64> = d.into_iter().map(f64::from).collect();
        let w = wilcoxon_signed_rank(&d).unwrap();
        prop_assert_eq!(w.method, SignedRankMethod::Exact);
        let brute = wilcoxon_by_enumeration(&d);
        prop_assert!((w.p_value - brute).abs() < 1e-14, "{} {}", w.p_value, brute);
    }
}

/// Fisher's p and mid-p from exact binomial coefficients (u128), with the
/// tables compared as exact fractions over the same denominator.
fn fisher_by_enumeration(a: Count, b: Count) -> (f64, f64) {
    fn choose(n: u32, k: u32) -> u128 {
        (0..k).fold(1_u128, |acc, i| acc * u128::from(n - i) / u128::from(i + 1))
    }
    let (n1, n2) = (a.total(), b.total());
    let events = a.events() + b.events();
    let weight = |k: u32| choose(n1, k) * choose(n2, events - k);
    let ks = events.saturating_sub(n2)..=events.min(n1);
    let all: u128 = ks.clone().map(weight).sum();
    let observed = weight(a.events());
    let less: u128 = ks.clone().map(weight).filter(|&w| w < observed).sum();
    let equal: u128 = ks.map(weight).filter(|&w| w == observed).sum();
    let all = all as f64;
    (
        (less + equal) as f64 / all,
        (less as f64 + equal as f64 / 2.0) / all,
    )
}

/// The two-sided signed-rank p by flipping every sign, ranks by brute force.
fn wilcoxon_by_enumeration(d: &[f64]) -> f64 {
    let nz: Vec<f64> = d.iter().copied().filter(|&x| x != 0.0).collect();
    // Midrank of |x|: (number smaller) + (number equal + 1) / 2.
    let rank = |x: f64| {
        let smaller = nz.iter().filter(|y| y.abs() < x.abs()).count() as f64;
        let equal = nz.iter().filter(|y| y.abs() == x.abs()).count() as f64;
        smaller + (equal + 1.0) / 2.0
    };
    let ranks: Vec<f64> = nz.iter().map(|&x| rank(x)).collect();
    let observed: f64 = nz
        .iter()
        .zip(&ranks)
        .filter(|(x, _)| **x > 0.0)
        .map(|(_, r)| r)
        .sum();
    let n = nz.len();
    let (mut le, mut ge) = (0_u32, 0_u32);
    for mask in 0_u32..(1 << n) {
        let t: f64 = (0..n)
            .filter(|i| mask >> i & 1 == 1)
            .map(|i| ranks[i])
            .sum();
        le += u32::from(t <= observed);
        ge += u32::from(t >= observed);
    }
    (2.0 * f64::from(le.min(ge)) / f64::from(1_u32 << n)).min(1.0)
}
