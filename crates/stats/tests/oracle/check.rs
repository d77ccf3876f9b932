//! Each case computed by the crate and set against the oracle's figures;
//! every disagreement beyond 1e-6 (relative above 1) is written down.

use mentorkit_stats::{
    Bounds, Count, Estimate, Level, Observation, Point, Reading, Stratum, fisher_exact,
    kaplan_meier, mantel_haenszel, paired_change, risk_difference, risk_ratio, student_t_quantile,
    wilcoxon_signed_rank, wilson,
};
use serde_json::Value;

use crate::cases::Case;

pub(crate) const TOLERANCE: f64 = 1e-6;

/// The disagreements of one case with the oracle's `expected`.
pub(crate) fn check(case: &Case, expected: &Value) -> Vec<String> {
    let mut c = Checker {
        failures: Vec::new(),
        expected,
    };
    match case {
        Case::Wilson { x, n, level } => {
            let e = wilson(count(*x, *n), lvl(*level)).unwrap();
            c.bounds("", &e);
        }
        Case::Ratio {
            x1,
            n1,
            x2,
            n2,
            level,
        } => {
            let e = risk_ratio(count(*x1, *n1), count(*x2, *n2), lvl(*level)).unwrap();
            c.point("point", e.point, &expected["point"]);
            c.bounds("", &e);
        }
        Case::Difference {
            x1,
            n1,
            x2,
            n2,
            level,
        } => {
            let e = risk_difference(count(*x1, *n1), count(*x2, *n2), lvl(*level)).unwrap();
            c.bounds("", &e);
        }
        Case::Fisher { x1, n1, x2, n2 } => {
            let f = fisher_exact(count(*x1, *n1), count(*x2, *n2));
            c.number("p", f.p_value, &expected["p"]);
            c.number("mid_p", f.mid_p, &expected["mid_p"]);
        }
        Case::MantelHaenszel { strata, level } => mh(&mut c, strata, *level),
        Case::KaplanMeier {
            times,
            events,
            reads,
            level,
        } => km(&mut c, times, events, reads, *level),
        Case::Paired { d, bounds, level } => paired(&mut c, d, *bounds, *level),
        Case::TQuantile { df, level } => {
            c.number("t", student_t_quantile(*df, *level), &expected["t"]);
        }
        Case::Wilcoxon { d } => signed_rank(&mut c, d),
    }
    c.failures
}

fn paired(c: &mut Checker<'_>, d: &[f64], bounds: Option<(f64, f64)>, level: f64) {
    let bounds = bounds.map(|(lo, hi)| Bounds::new(lo, hi).unwrap());
    let p = paired_change(d, lvl(level), bounds).unwrap();
    let e = c.expected;
    c.number("mean", p.mean, &e["mean"]);
    let i = p.interval.unwrap();
    c.number("lower", i.lower(), &e["lower"]);
    c.number("upper", i.upper(), &e["upper"]);
}

fn signed_rank(c: &mut Checker<'_>, d: &[f64]) {
    let w = wilcoxon_signed_rank(d).unwrap();
    let e = c.expected;
    if e["p"].is_null() {
        // scipy has no p without a non-zero difference; ours is 1.
        if (w.nonzero, w.p_value) != (0, 1.0) {
            c.fail(format!("no non-zero difference, yet {w:?}"));
        }
    } else {
        c.number("p", w.p_value, &e["p"]);
    }
}

fn mh(c: &mut Checker<'_>, strata: &[[u32; 4]], level: f64) {
    let strata: Vec<Stratum> = strata
        .iter()
        .map(|s| Stratum {
            a: count(s[0], s[1]),
            b: count(s[2], s[3]),
        })
        .collect();
    let m = mantel_haenszel(&strata, lvl(level));
    let e = c.expected;
    c.point("point", m.point, &e["point"]);
    if e["used"].as_u64() != Some(m.strata_used as u64) {
        c.fail(format!(
            "strata used {} against {}",
            m.strata_used, e["used"]
        ));
    }
    match m.interval {
        Some(i) => {
            c.number("lower", i.lower(), &e["lower"]);
            c.number("upper", i.upper(), &e["upper"]);
        }
        None if e["lower"].is_null() => {}
        None => c.fail(format!(
            "no interval, the oracle has {} to {}",
            e["lower"], e["upper"]
        )),
    }
}

fn km(c: &mut Checker<'_>, times: &[f64], events: &[bool], reads: &[f64], level: f64) {
    let obs: Vec<Observation> = times
        .iter()
        .zip(events)
        .map(|(&time, &event)| Observation { time, event })
        .collect();
    let fit = kaplan_meier(&obs, lvl(level)).unwrap();
    let e = c.expected;
    let ours: Vec<_> = fit.steps().iter().filter(|s| s.events > 0).collect();
    let theirs = e["steps"].as_array().cloned().unwrap_or_default();
    if ours.len() != theirs.len() {
        c.fail(format!(
            "{} event times against {}",
            ours.len(),
            theirs.len()
        ));
        return;
    }
    for (s, t) in ours.iter().zip(&theirs) {
        let at = format!("t={} ", s.time);
        c.number(&format!("{at}time"), s.time, &t["time"]);
        c.number(&format!("{at}at_risk"), f64::from(s.at_risk), &t["at_risk"]);
        c.number(&format!("{at}events"), f64::from(s.events), &t["events"]);
        c.number(&format!("{at}survival"), s.survival, &t["survival"]);
        c.number(&format!("{at}se"), s.variance.sqrt(), &t["se"]);
        c.number(&format!("{at}lower"), s.interval.lower(), &t["lower"]);
        c.number(&format!("{at}upper"), s.interval.upper(), &t["upper"]);
    }
    let expected_reads = e["reads"].as_array().cloned().unwrap_or_default();
    for (&t, r) in reads.iter().zip(&expected_reads) {
        let beyond = r["beyond"].as_bool() == Some(true);
        match (fit.at(t), beyond) {
            (Reading::BeforeStart, _) if t < 0.0 => {}
            (Reading::Known { estimate, .. }, false) => {
                c.number(&format!("S({t})"), survival(&estimate), &r["survival"]);
                c.number(
                    &format!("S({t}) lower"),
                    estimate.interval.lower(),
                    &r["lower"],
                );
                c.number(
                    &format!("S({t}) upper"),
                    estimate.interval.upper(),
                    &r["upper"],
                );
            }
            (Reading::BeyondFollowUp { last, .. }, true) => {
                c.number(&format!("S(last) for {t}"), survival(&last), &r["survival"]);
            }
            (got, _) => c.fail(format!("reading at {t}: {got:?} against {r}")),
        }
    }
}

fn survival(e: &Estimate) -> f64 {
    e.point.finite().unwrap_or(f64::NAN)
}

fn count(x: u32, n: u32) -> Count {
    Count::new(x, n).unwrap()
}

fn lvl(level: f64) -> Level {
    Level::new(level).unwrap()
}

struct Checker<'a> {
    failures: Vec<String>,
    expected: &'a Value,
}

impl Checker<'_> {
    fn fail(&mut self, message: String) {
        self.failures.push(message);
    }

    fn bounds(&mut self, prefix: &str, e: &Estimate) {
        let ex = self.expected;
        self.number(&format!("{prefix}lower"), e.interval.lower(), &ex["lower"]);
        self.number(&format!("{prefix}upper"), e.interval.upper(), &ex["upper"]);
    }

    fn point(&mut self, name: &str, ours: Point, theirs: &Value) {
        match ours {
            Point::Finite(x) => self.number(name, x, theirs),
            Point::Infinite if theirs == "inf" => {}
            Point::Undefined if theirs.is_null() => {}
            other => self.fail(format!("{name}: {other:?} against {theirs}")),
        }
    }

    fn number(&mut self, name: &str, ours: f64, theirs: &Value) {
        let theirs_f = match theirs {
            Value::Number(n) => n.as_f64(),
            Value::String(s) if s == "inf" => Some(f64::INFINITY),
            Value::String(s) if s == "-inf" => Some(f64::NEG_INFINITY),
            _ => None,
        };
        let agree =
            theirs_f.is_some_and(|t| ours == t || (ours - t).abs() <= TOLERANCE * t.abs().max(1.0));
        if !agree {
            self.fail(format!("{name}: ours {ours:e}, oracle {theirs}"));
        }
    }
}
