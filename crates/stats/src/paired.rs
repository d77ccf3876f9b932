//! The mean of paired changes (after − before, one per person who answered
//! both times) with Student's t interval (Student, 1908):
//! mean ± t(n − 1)·s/√n, the t quantile computed exactly. A change on a
//! 1–5 scale lies in [−4, 4], and an interval from a small or spread-out
//! sample can reach past that; `bounds` clamps it to what is possible and
//! says so.

use serde::{Deserialize, Serialize};

use crate::special::student_t_quantile;
use crate::{Interval, Level, StatsError};

/// The range a change can take: [lo, hi], finite, lo ≤ hi.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bounds {
    lo: f64,
    hi: f64,
}

impl Bounds {
    pub fn new(lo: f64, hi: f64) -> Result<Bounds, StatsError> {
        if lo.is_finite() && hi.is_finite() && lo <= hi {
            Ok(Bounds { lo, hi })
        } else {
            Err(StatsError::InvalidBounds { lo, hi })
        }
    }

    /// The changes possible between answers on a `lowest`–`highest` scale:
    /// 1–5 gives [−4, 4].
    pub fn change_on_scale(lowest: f64, highest: f64) -> Result<Bounds, StatsError> {
        let width = highest - lowest;
        Bounds::new(-width, width)
    }

    pub fn lo(self) -> f64 {
        self.lo
    }

    pub fn hi(self) -> f64 {
        self.hi
    }
}

/// The mean change and its interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PairedChange {
    pub n: u32,
    pub mean: f64,
    /// The sample standard deviation (n − 1 in the denominator); `None` for
    /// one pair.
    pub sd: Option<f64>,
    /// `None` for one pair: one difference says nothing about its spread.
    pub interval: Option<Interval>,
    /// Whether `bounds` cut the interval.
    pub clamped: bool,
}

/// The mean of `differences` (after − before) with Student's t interval,
/// clamped to `bounds` when given. Refused when empty, when a difference is
/// not finite or lies outside `bounds`.
pub fn paired_change(
    differences: &[f64],
    level: Level,
    bounds: Option<Bounds>,
) -> Result<PairedChange, StatsError> {
    validate(differences, bounds)?;
    let n = differences.len() as f64;
    let mean = differences.iter().sum::<f64>() / n;
    if differences.len() == 1 {
        return Ok(PairedChange {
            n: 1,
            mean,
            sd: None,
            interval: None,
            clamped: false,
        });
    }
    let ss: f64 = differences.iter().map(|d| (d - mean) * (d - mean)).sum();
    let sd = (ss / (n - 1.0)).sqrt();
    let half = student_t_quantile(n - 1.0, level.get()) * sd / n.sqrt();
    let (mut lower, mut upper) = (mean - half, mean + half);
    let mut clamped = false;
    if let Some(b) = bounds {
        clamped = lower < b.lo || upper > b.hi;
        lower = lower.max(b.lo);
        upper = upper.min(b.hi);
    }
    Ok(PairedChange {
        n: differences.len() as u32,
        mean,
        sd: Some(sd),
        interval: Some(Interval::ordered(lower, upper, level)),
        clamped,
    })
}

/// Every difference finite and within `bounds`, and at least one.
fn validate(differences: &[f64], bounds: Option<Bounds>) -> Result<(), StatsError> {
    for (index, &value) in differences.iter().enumerate() {
        if !value.is_finite() {
            return Err(StatsError::NotFinite {
                what: "difference",
                index,
                value,
            });
        }
        if let Some(b) = bounds
            && !(b.lo..=b.hi).contains(&value)
        {
            return Err(StatsError::OutsideBounds {
                index,
                value,
                lo: b.lo,
                hi: b.hi,
            });
        }
    }
    if differences.is_empty() {
        return Err(StatsError::Empty {
            what: "the paired answers",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Student's (1908) sleep data: extra hours of sleep, drug 2 − drug 1.
    const SLEEP: [f64; 10] = [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4];

    #[test]
    fn reproduces_students_sleep_data() {
        // R: t.test(extra ~ group, data = sleep, paired = TRUE) gives a mean
        // difference of 1.58 with 95% interval 0.7001142 to 2.4598858.
        let c = paired_change(&SLEEP, Level::NINETY_FIVE, None).unwrap();
        let i = c.interval.unwrap();
        assert!((c.mean - 1.58).abs() < 1e-12);
        assert!(
            (i.lower() - 0.700_114_236_723_017).abs() < 1e-9,
            "{}",
            i.lower()
        );
        assert!(
            (i.upper() - 2.459_885_763_276_982).abs() < 1e-9,
            "{}",
            i.upper()
        );
        assert!(!c.clamped);
    }

    #[test]
    fn a_wide_interval_is_clamped_to_the_scale() {
        // Three people on a 1–5 scale: +4, +4, 0. The t interval runs past +4.
        let bounds = Bounds::change_on_scale(1.0, 5.0).unwrap();
        let c = paired_change(&[4.0, 4.0, 0.0], Level::NINETY_FIVE, Some(bounds)).unwrap();
        let i = c.interval.unwrap();
        assert!(c.clamped);
        assert_eq!(i.upper(), 4.0);
        assert!(i.lower() > -4.0 && i.lower() < 0.0);
    }

    #[test]
    fn one_pair_has_no_interval_and_no_spread_has_a_point_interval() {
        let one = paired_change(&[2.0], Level::NINETY_FIVE, None).unwrap();
        assert_eq!((one.sd, one.interval), (None, None));
        let same = paired_change(&[1.0, 1.0, 1.0], Level::NINETY_FIVE, None).unwrap();
        let i = same.interval.unwrap();
        assert_eq!((i.lower(), i.upper()), (1.0, 1.0));
    }

    #[test]
    fn off_scale_and_missing_answers_are_refused() {
        let bounds = Bounds::change_on_scale(1.0, 5.0).ok();
        assert_eq!(
            paired_change(&[1.0, 6.0], Level::NINETY_FIVE, bounds),
            Err(StatsError::OutsideBounds {
                index: 1,
                value: 6.0,
                lo: -4.0,
                hi: 4.0
            })
        );
        assert!(paired_change(&[], Level::NINETY_FIVE, None).is_err());
        assert!(paired_change(&[f64::NAN], Level::NINETY_FIVE, None).is_err());
        assert!(Bounds::new(2.0, 1.0).is_err());
    }
}
