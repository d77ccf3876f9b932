//! A share of a group with its Wilson score interval (Wilson, 1927): the
//! proportions p whose score test at level `level` accepts the count. It
//! never leaves [0, 1], and unlike the textbook p ± z·se it is not empty at
//! 0 or n events.

use crate::{Count, Estimate, Interval, Level, Point, StatsError};

/// `count.events()` of `count.total()` with its Wilson interval; refused for
/// an empty group.
pub fn wilson(count: Count, level: Level) -> Result<Estimate, StatsError> {
    if count.total() == 0 {
        return Err(StatsError::Empty { what: "the group" });
    }
    let (lower, upper) = wilson_bounds(count, level.z());
    Ok(Estimate {
        point: Point::Finite(f64::from(count.events()) / f64::from(count.total())),
        interval: Interval::ordered(lower, upper, level),
    })
}

/// The Wilson bounds at normal quantile `z` for a non-empty group: exactly
/// 0 at 0 events and exactly 1 at `total` events.
pub(crate) fn wilson_bounds(count: Count, z: f64) -> (f64, f64) {
    let (x, n) = (f64::from(count.events()), f64::from(count.total()));
    let z2 = z * z;
    let p = x / n;
    let centre = (x + z2 / 2.0) / (n + z2);
    let half = z * n.sqrt() / (n + z2) * (p * (1.0 - p) + z2 / (4.0 * n)).sqrt();
    let lower = if count.events() == 0 {
        0.0
    } else {
        (centre - half).clamp(0.0, p)
    };
    let upper = if count.events() == count.total() {
        1.0
    } else {
        (centre + half).clamp(p, 1.0)
    };
    (lower, upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(x: u32, n: u32) -> (f64, f64) {
        let e = wilson(Count::new(x, n).unwrap(), Level::NINETY_FIVE).unwrap();
        (e.interval.lower(), e.interval.upper())
    }

    #[test]
    fn matches_newcombes_worked_examples() {
        // Newcombe (1998, Stat. Med. 17:857–872), table II, method 3 (Wilson):
        // 81/263 → 0.2553–0.3662, 15/148 → 0.0624–0.1605, 0/20 → 0–0.1611,
        // 1/29 → 0.0061–0.1718.
        let cases = [
            (81, 263, 0.2553, 0.3662),
            (15, 148, 0.0624, 0.1605),
            (0, 20, 0.0, 0.1611),
            (1, 29, 0.0061, 0.1718),
        ];
        for (x, n, lo, hi) in cases {
            let (l, h) = bounds(x, n);
            assert!(
                (l - lo).abs() < 5e-5 && (h - hi).abs() < 5e-5,
                "{x}/{n}: {l} {h}"
            );
        }
    }

    #[test]
    fn is_exact_at_none_and_all() {
        assert_eq!(bounds(0, 40).0, 0.0);
        assert_eq!(bounds(7, 7).1, 1.0);
        // One person: the whole interval is still informative, not [0, 1].
        let (l, h) = bounds(1, 1);
        assert!((l - 0.206_549).abs() < 1e-6 && h == 1.0, "{l}");
    }

    #[test]
    fn a_higher_level_widens_the_interval() {
        let c = Count::new(3, 10).unwrap();
        let i90 = wilson(c, Level::new(0.90).unwrap()).unwrap().interval;
        let i99 = wilson(c, Level::new(0.99).unwrap()).unwrap().interval;
        assert!(i99.lower() < i90.lower() && i99.upper() > i90.upper());
    }

    #[test]
    fn an_empty_group_is_refused() {
        assert!(wilson(Count::new(0, 0).unwrap(), Level::NINETY_FIVE).is_err());
    }
}
