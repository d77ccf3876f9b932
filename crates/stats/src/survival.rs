//! Survival (for mentorkit: still employed) over time from right-censored
//! durations, by the Kaplan–Meier product limit (Kaplan & Meier, 1958).
//! At each distinct time with n people still at risk, d events and c
//! censored, survival is multiplied by 1 − d/n; people censored at a time
//! are counted at risk at that time (events before censoring, the usual
//! convention). Greenwood's variance is S²·Σ d/(n(n − d)); the interval is
//! the log(−log) one, S^exp(±z·√(Σ d/(n(n−d)))/|ln S|), which cannot leave
//! [0, 1]. At S = 1 (no event yet) the interval is [1, 1]; once S reaches 0
//! (everyone left at risk had the event) the variance and interval are 0.

use serde::{Deserialize, Serialize};

use crate::{Estimate, Interval, Level, Point, StatsError};

/// One person's duration (e.g. days since the program start) and whether
/// it ended with the event (`true`) or was censored (`false`: still
/// employed on the as-of day).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    pub time: f64,
    pub event: bool,
}

impl Observation {
    /// An event after `time` (days as `u32` or `f64`).
    pub fn event(time: impl Into<f64>) -> Observation {
        Observation {
            time: time.into(),
            event: true,
        }
    }

    /// Followed for `time` without the event.
    pub fn censored(time: impl Into<f64>) -> Observation {
        Observation {
            time: time.into(),
            event: false,
        }
    }
}

/// One step of the curve: the state just after `time`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub time: f64,
    /// People whose duration is `time` or longer.
    pub at_risk: u32,
    pub events: u32,
    pub censored: u32,
    pub survival: f64,
    /// Greenwood's variance of `survival`.
    pub variance: f64,
    /// The log(−log) interval.
    pub interval: Interval,
}

/// The fitted curve: one step per distinct time, in time order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KaplanMeier {
    steps: Vec<Step>,
    level: Level,
}

/// The curve read at a time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    /// A negative time (or NaN): before the clock started.
    BeforeStart,
    /// Survival at the time, its interval, and how many people are still
    /// followed past it (the n behind the figure).
    Known { estimate: Estimate, followed: u32 },
    /// Later than anyone was followed while survival was still above 0:
    /// not reached. `last` is the curve at `last_time`, the longest
    /// follow-up, which is all that is known.
    BeyondFollowUp { last_time: f64, last: Estimate },
}

/// Fits the curve; refused for no observations, negative or non-finite
/// durations.
pub fn kaplan_meier(observations: &[Observation], level: Level) -> Result<KaplanMeier, StatsError> {
    if observations.is_empty() {
        return Err(StatsError::Empty {
            what: "the durations",
        });
    }
    for (index, o) in observations.iter().enumerate() {
        if !o.time.is_finite() {
            return Err(StatsError::NotFinite {
                what: "duration",
                index,
                value: o.time,
            });
        }
        if o.time < 0.0 {
            return Err(StatsError::NegativeTime {
                index,
                time: o.time,
            });
        }
    }
    let mut sorted = observations.to_vec();
    sorted.sort_by(|x, y| x.time.total_cmp(&y.time));
    let z = level.z();
    let mut steps = Vec::new();
    let (mut survival, mut greenwood) = (1.0_f64, 0.0_f64);
    let mut at_risk = sorted.len() as u32;
    for group in sorted.chunk_by(|x, y| x.time == y.time) {
        let events = group.iter().filter(|o| o.event).count() as u32;
        let censored = group.len() as u32 - events;
        if events > 0 {
            survival *= 1.0 - f64::from(events) / f64::from(at_risk);
            if events < at_risk {
                greenwood += f64::from(events) / (f64::from(at_risk) * f64::from(at_risk - events));
            } else {
                survival = 0.0;
            }
        }
        let (variance, interval) = spread(survival, greenwood, z, level);
        steps.push(Step {
            time: group[0].time,
            at_risk,
            events,
            censored,
            survival,
            variance,
            interval,
        });
        at_risk -= group.len() as u32;
    }
    Ok(KaplanMeier { steps, level })
}

/// Greenwood's variance and the log(−log) interval of `survival`.
fn spread(survival: f64, greenwood: f64, z: f64, level: Level) -> (f64, Interval) {
    if survival <= 0.0 {
        return (0.0, Interval::ordered(0.0, 0.0, level));
    }
    if survival >= 1.0 {
        return (0.0, Interval::ordered(1.0, 1.0, level));
    }
    let sigma = greenwood.sqrt() / survival.ln().abs();
    let lower = survival.powf((z * sigma).exp());
    let upper = survival.powf((-z * sigma).exp());
    (
        survival * survival * greenwood,
        Interval::ordered(lower.min(survival), upper.max(survival), level),
    )
}

impl KaplanMeier {
    /// The steps, in time order.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The longest follow-up.
    pub fn last_time(&self) -> f64 {
        self.steps.last().map_or(0.0, |s| s.time)
    }

    /// Survival at `t` (right-continuous: a step at `t` counts). Before the
    /// first step survival is 1; past the longest follow-up it is known only
    /// if it had already reached 0.
    pub fn at(&self, t: f64) -> Reading {
        if t.is_nan() || t < 0.0 {
            return Reading::BeforeStart;
        }
        let passed = self.steps.partition_point(|s| s.time <= t);
        let followed = self.steps.get(passed).map_or(0, |s| s.at_risk);
        let Some(step) = passed.checked_sub(1).map(|i| &self.steps[i]) else {
            return Reading::Known {
                estimate: finite(1.0, Interval::ordered(1.0, 1.0, self.level)),
                followed,
            };
        };
        let estimate = finite(step.survival, step.interval);
        if t > step.time && passed == self.steps.len() && step.survival > 0.0 {
            Reading::BeyondFollowUp {
                last_time: step.time,
                last: estimate,
            }
        } else {
            Reading::Known { estimate, followed }
        }
    }
}

fn finite(survival: f64, interval: Interval) -> Estimate {
    Estimate {
        point: Point::Finite(survival),
        interval,
    }
}

#[cfg(test)]
#[path = "survival_tests.rs"]
mod tests;
