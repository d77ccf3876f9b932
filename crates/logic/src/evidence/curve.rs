//! Retention as a survival curve: the Kaplan–Meier estimate (mentorkit-stats)
//! of still being employed, with the clock started on the program's first
//! day for everyone employed then. Leaving by the as-of day is the event;
//! everyone still employed on the as-of day is censored there (a `left`
//! date after it is not known yet on that day).
//!
//! Because the clock starts on one day for everyone and censoring happens
//! only on the as-of day, the curve read at any time up to the as-of day is
//! exactly the share still employed then; the figures' tests can therefore
//! compare counts. Past the as-of day the curve is not known, and the
//! figure says "so far".

use chrono::NaiveDate;
use serde::Serialize;

use mentorkit_stats::{Count, KaplanMeier, Level, Observation, Reading, kaplan_meier, wilson};

use super::groups::{Group, GroupKind};
use crate::model::Career;

/// The curve read at one time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Survival {
    /// Years from the start to the reading.
    pub years: f64,
    /// Kaplan–Meier: the share still employed.
    pub estimate: f64,
    pub low: f64,
    pub high: f64,
    /// `log-log` (Greenwood's variance, Kalbfleisch–Prentice) while the
    /// estimate is strictly between 0 and 1; `wilson` (of the people
    /// followed) at 0 or 1, where Greenwood's variance is 0 and the log-log
    /// interval would claim certainty.
    pub interval: &'static str,
    /// Employed on the start day: the people the curve starts with.
    pub at_start: u32,
    /// Still followed after the reading (not left, not censored by then).
    pub followed: u32,
}

/// A group's whole curve, for the chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Curve {
    pub group: GroupKind,
    pub label: String,
    pub steps: Vec<CurveStep>,
}

/// The curve just after a time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurveStep {
    pub days: f64,
    pub years: f64,
    pub survival: f64,
    /// The log-log interval (`[1, 1]` before anyone has left).
    pub low: f64,
    pub high: f64,
    /// `null` in an anonymized curve (coarsened to whole years).
    pub at_risk: Option<u32>,
    pub events: Option<u32>,
    pub censored: Option<u32>,
}

/// One person's time from the start: an event on the day they left, by the
/// as-of day; censored on the as-of day otherwise.
pub fn observations(at_start: &[&Career], start: NaiveDate, as_of: NaiveDate) -> Vec<Observation> {
    let follow = (as_of - start).num_days().max(0) as f64;
    at_start
        .iter()
        .map(|c| match c.left.filter(|&l| l <= as_of) {
            Some(l) => Observation::event((l - start).num_days().max(0) as f64),
            None => Observation::censored(follow),
        })
        .collect()
}

/// The fitted curve of the people employed on the start day; `None` when
/// there are none, or the as-of day is before the start.
pub fn fit(at_start: &[&Career], start: NaiveDate, as_of: NaiveDate) -> Option<KaplanMeier> {
    if as_of < start {
        return None;
    }
    kaplan_meier(&observations(at_start, start, as_of), Level::NINETY_FIVE).ok()
}

/// The curve read `on` a day (no later than the as-of day).
pub fn read(km: &KaplanMeier, start: NaiveDate, on: NaiveDate) -> Option<Survival> {
    let t = (on - start).num_days() as f64;
    let at_start = km.steps().first().map_or(0, |s| s.at_risk);
    let Reading::Known { estimate, followed } = km.at(t) else {
        return None;
    };
    let s = estimate.point.finite()?;
    let (low, high, interval) = if s > 0.0 && s < 1.0 {
        (
            estimate.interval.lower(),
            estimate.interval.upper(),
            "log-log",
        )
    } else {
        // S is 0 or 1 only when no one, or everyone, has left by `on`.
        let kept = (s * f64::from(at_start)).round() as u32;
        let w = Count::new(kept, at_start)
            .ok()
            .and_then(|c| wilson(c, Level::NINETY_FIVE).ok())?;
        (w.interval.lower(), w.interval.upper(), "wilson")
    };
    Some(Survival {
        years: super::words::years_between(start, on),
        estimate: s,
        low,
        high,
        interval,
        at_start,
        followed,
    })
}

/// A group's curve for the chart.
pub fn curve(group: &Group<'_>, km: &KaplanMeier) -> Curve {
    Curve {
        group: group.kind,
        label: group.label.clone(),
        steps: km
            .steps()
            .iter()
            .map(|s| CurveStep {
                days: s.time,
                years: s.time / 365.25,
                survival: s.survival,
                low: s.interval.lower(),
                high: s.interval.upper(),
                at_risk: Some(s.at_risk),
                events: Some(s.events),
                censored: Some(s.censored),
            })
            .collect(),
    }
}
