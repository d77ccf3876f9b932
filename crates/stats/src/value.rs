//! The values the methods take and give: a confidence level, a count of
//! events in a group, a point estimate that may be infinite or undefined
//! (never NaN), and an interval whose upper bound may be +∞.
//!
//! In JSON an infinite bound is written as the string `"inf"` (`"-inf"`),
//! because JSON has no number for it; a finite bound is a plain number.

use serde::{Deserialize, Serialize};

use crate::StatsError;
use crate::special::normal_quantile;

/// A two-sided confidence level, strictly between 0 and 1 (default 0.95).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Level(f64);

impl Level {
    /// The 95% level every report uses.
    pub const NINETY_FIVE: Level = Level(0.95);

    /// A level such as 0.90, 0.95 or 0.99.
    pub fn new(level: f64) -> Result<Level, StatsError> {
        if level > 0.0 && level < 1.0 {
            Ok(Level(level))
        } else {
            Err(StatsError::InvalidLevel { level })
        }
    }

    /// The share, e.g. 0.95.
    pub fn get(self) -> f64 {
        self.0
    }

    /// The normal quantile z with P(|Z| ≤ z) = level (1.959964 at 95%).
    pub fn z(self) -> f64 {
        -normal_quantile((1.0 - self.0) / 2.0)
    }
}

impl Default for Level {
    fn default() -> Level {
        Level::NINETY_FIVE
    }
}

impl TryFrom<f64> for Level {
    type Error = StatsError;
    fn try_from(level: f64) -> Result<Level, StatsError> {
        Level::new(level)
    }
}

impl From<Level> for f64 {
    fn from(level: Level) -> f64 {
        level.0
    }
}

/// `events` people out of `total` (events never above total).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawCount")]
pub struct Count {
    events: u32,
    total: u32,
}

#[derive(Deserialize)]
struct RawCount {
    events: u32,
    total: u32,
}

impl TryFrom<RawCount> for Count {
    type Error = StatsError;
    fn try_from(raw: RawCount) -> Result<Count, StatsError> {
        Count::new(raw.events, raw.total)
    }
}

impl Count {
    /// Refuses more events than people.
    pub fn new(events: u32, total: u32) -> Result<Count, StatsError> {
        if events > total {
            return Err(StatsError::CountAboveTotal { events, total });
        }
        Ok(Count { events, total })
    }

    pub fn events(self) -> u32 {
        self.events
    }

    pub fn total(self) -> u32 {
        self.total
    }

    /// People without the event.
    pub fn non_events(self) -> u32 {
        self.total - self.events
    }

    /// The same people with events and non-events exchanged.
    pub(crate) fn flipped(self) -> Count {
        Count {
            events: self.non_events(),
            total: self.total,
        }
    }

    /// events / total; `None` for an empty group.
    pub fn rate(self) -> Option<f64> {
        (self.total > 0).then(|| f64::from(self.events) / f64::from(self.total))
    }
}

/// A point estimate. A ratio is infinite when only its denominator is zero
/// and undefined when both are.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Point {
    Finite(f64),
    Infinite,
    Undefined,
}

impl Point {
    /// The number, when there is one.
    pub fn finite(self) -> Option<f64> {
        match self {
            Point::Finite(x) => Some(x),
            Point::Infinite | Point::Undefined => None,
        }
    }
}

/// A confidence interval: `lower ≤ upper`, neither NaN; `upper` may be +∞
/// (a ratio with no events in its reference group).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawInterval")]
pub struct Interval {
    #[serde(with = "extended")]
    lower: f64,
    #[serde(with = "extended")]
    upper: f64,
    level: Level,
}

#[derive(Deserialize)]
struct RawInterval {
    #[serde(with = "extended")]
    lower: f64,
    #[serde(with = "extended")]
    upper: f64,
    level: Level,
}

impl TryFrom<RawInterval> for Interval {
    type Error = StatsError;
    fn try_from(raw: RawInterval) -> Result<Interval, StatsError> {
        Interval::new(raw.lower, raw.upper, raw.level)
    }
}

impl Interval {
    /// Refuses NaN and bounds out of order.
    pub fn new(lower: f64, upper: f64, level: Level) -> Result<Interval, StatsError> {
        if lower.is_nan() || upper.is_nan() || lower > upper {
            return Err(StatsError::InvalidInterval { lower, upper });
        }
        Ok(Interval {
            lower,
            upper,
            level,
        })
    }

    /// For the methods' own bounds, which are ordered by construction; a
    /// rounding inversion of the last bit is put back in order.
    pub(crate) fn ordered(a: f64, b: f64, level: Level) -> Interval {
        debug_assert!(!a.is_nan() && !b.is_nan(), "NaN bound {a} {b}");
        Interval {
            lower: a.min(b),
            upper: a.max(b),
            level,
        }
    }

    pub fn lower(&self) -> f64 {
        self.lower
    }

    pub fn upper(&self) -> f64 {
        self.upper
    }

    pub fn level(&self) -> Level {
        self.level
    }

    /// Whether `x` lies in the closed interval.
    pub fn contains(&self, x: f64) -> bool {
        self.lower <= x && x <= self.upper
    }
}

/// A point estimate with its interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub point: Point,
    pub interval: Interval,
}

/// Serde for a bound that may be infinite: a number, or `"inf"` / `"-inf"`.
mod extended {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub(super) fn serialize<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        if x.is_finite() {
            s.serialize_f64(*x)
        } else if *x > 0.0 {
            s.serialize_str("inf")
        } else {
            s.serialize_str("-inf")
        }
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Number(f64),
        Text(String),
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        match Repr::deserialize(d)? {
            Repr::Number(x) => Ok(x),
            Repr::Text(t) if t == "inf" => Ok(f64::INFINITY),
            Repr::Text(t) if t == "-inf" => Ok(f64::NEG_INFINITY),
            Repr::Text(t) => Err(D::Error::custom(format!(
                "`{t}` is not a bound: write a number, \"inf\" or \"-inf\""
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_infinite_bound_round_trips_through_json_as_a_string() {
        let i = Interval::new(2.5, f64::INFINITY, Level::NINETY_FIVE).unwrap();
        let json = serde_json::to_string(&i).unwrap();
        assert_eq!(json, r#"{"lower":2.5,"upper":"inf","level":0.95}"#);
        assert_eq!(serde_json::from_str::<Interval>(&json).unwrap(), i);
    }

    #[test]
    fn json_cannot_smuggle_in_a_reversed_interval_or_a_bad_count() {
        assert!(serde_json::from_str::<Interval>(r#"{"lower":2,"upper":1,"level":0.95}"#).is_err());
        assert!(serde_json::from_str::<Interval>(r#"{"lower":0,"upper":1,"level":1.5}"#).is_err());
        assert!(serde_json::from_str::<Count>(r#"{"events":3,"total":2}"#).is_err());
    }

    #[test]
    fn points_serialise_by_kind() {
        let json = serde_json::to_string(&[Point::Finite(1.5), Point::Infinite, Point::Undefined]);
        assert_eq!(json.unwrap(), r#"[{"finite":1.5},"infinite","undefined"]"#);
    }

    #[test]
    fn levels_outside_zero_and_one_are_refused() {
        for bad in [0.0, 1.0, -0.5, 95.0, f64::NAN] {
            assert!(Level::new(bad).is_err(), "{bad}");
        }
        assert!((Level::NINETY_FIVE.z() - 1.959_963_984_540_054).abs() < 1e-14);
    }

    #[test]
    fn more_events_than_people_is_refused() {
        assert_eq!(
            Count::new(3, 2),
            Err(StatsError::CountAboveTotal {
                events: 3,
                total: 2
            })
        );
    }
}
