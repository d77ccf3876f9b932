//! The difference of two rates, rate(a) − rate(b), with Newcombe's hybrid
//! score interval (Newcombe, 1998, method 10): each bound moves away from
//! the difference by the root of the squared distances from each rate to
//! the relevant end of its own Wilson interval. It inherits Wilson's good
//! behaviour at 0% and 100% and always lies inside [−1, 1].

use crate::proportion::wilson_bounds;
use crate::{Count, Estimate, Interval, Level, Point, StatsError};

/// rate(a) − rate(b) with Newcombe's interval; refused when either group is
/// empty.
pub fn risk_difference(a: Count, b: Count, level: Level) -> Result<Estimate, StatsError> {
    let (Some(p1), Some(p2)) = (a.rate(), b.rate()) else {
        return Err(StatsError::Empty {
            what: "one of the two groups",
        });
    };
    let z = level.z();
    let (l1, u1) = wilson_bounds(a, z);
    let (l2, u2) = wilson_bounds(b, z);
    let d = p1 - p2;
    let lower = d - (p1 - l1).hypot(u2 - p2);
    let upper = d + (u1 - p1).hypot(p2 - l2);
    Ok(Estimate {
        point: Point::Finite(d),
        interval: Interval::ordered(lower.clamp(-1.0, d), upper.clamp(d, 1.0), level),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_newcombes_worked_examples() {
        // Newcombe (1998, Stat. Med. 17:873–890), table II, method 10; the
        // same figures from statsmodels' confint_proportions_2indep(method="newcomb").
        let cases = [
            ((56, 70, 48, 80), (0.052_431_472, 0.333_872_654)),
            ((9, 10, 3, 10), (0.170_522_724, 0.809_017_974)),
            ((6, 7, 2, 7), (0.058_227_927, 0.806_249_638)),
            ((5, 56, 0, 29), (-0.038_137_148, 0.192_560_014)),
        ];
        for ((x1, n1, x2, n2), (lo, hi)) in cases {
            let (a, b) = (Count::new(x1, n1).unwrap(), Count::new(x2, n2).unwrap());
            let e = risk_difference(a, b, Level::NINETY_FIVE).unwrap();
            let (l, h) = (e.interval.lower(), e.interval.upper());
            assert!(
                (l - lo).abs() < 1e-8 && (h - hi).abs() < 1e-8,
                "{x1}/{n1}: {l} {h}"
            );
        }
    }

    #[test]
    fn all_against_none_reaches_exactly_one() {
        let (a, b) = (Count::new(10, 10).unwrap(), Count::new(0, 20).unwrap());
        let e = risk_difference(a, b, Level::NINETY_FIVE).unwrap();
        assert_eq!(e.point, Point::Finite(1.0));
        assert_eq!(e.interval.upper(), 1.0);
        assert!((e.interval.lower() - 0.679_086_037).abs() < 1e-8);
    }
}
