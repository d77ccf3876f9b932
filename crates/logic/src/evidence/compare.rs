//! One rate of the participants against one comparison group: the ratio
//! with Koopman's score interval, the difference with Newcombe's interval,
//! Fisher's exact test with its mid-p, and the same ratio pooled within
//! strata of like people (Mantel–Haenszel), all from mentorkit-stats. The
//! words follow the test: a difference is claimed only when Fisher's exact
//! p is under 5%, and a disagreement between the test and the interval is
//! said, not hidden.

use serde::Serialize;

use mentorkit_stats::{
    Count, Estimate, Level, Point, Stratum, fisher_exact, mantel_haenszel, risk_difference,
    risk_ratio,
};

use super::groups::GroupKind;
use super::words::{of, p_relation, p_value, times};
use super::{ALPHA, Proportion, SMALL_N};

/// A ratio of rates with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ratio {
    /// `null` when the ratio is infinite or undefined (see `point`).
    pub value: Option<f64>,
    pub low: Option<f64>,
    /// `null` when the interval has no upper bound.
    pub high: Option<f64>,
    /// `finite`, `infinite` (the comparison group has no events) or
    /// `undefined` (no one in either group has).
    pub point: &'static str,
}

impl Ratio {
    fn of(e: &Estimate) -> Ratio {
        Ratio {
            value: e.point.finite(),
            low: Some(e.interval.lower()),
            high: Some(e.interval.upper()).filter(|h| h.is_finite()),
            point: point_word(e.point),
        }
    }

    /// `participants were 1.38× as likely (95% interval 0.89× to 1.42×)`.
    pub fn words(&self) -> String {
        let low = self.low.map_or(String::new(), times);
        match (self.value, self.point) {
            (Some(v), _) => match (self.low, self.high) {
                (Some(_), Some(h)) => format!(
                    "participants were {} as likely (95% interval {low} to {})",
                    times(v),
                    times(h)
                ),
                (Some(_), None) => format!(
                    "participants were {} as likely (95% interval from {low}, with no upper bound)",
                    times(v)
                ),
                _ => format!("participants were {} as likely (no interval)", times(v)),
            },
            (None, "infinite") if self.low.is_some() => format!(
                "none of the comparison group had it, so the ratio has no upper bound (95% interval from {low})"
            ),
            (None, "infinite") => {
                "none of the comparison group had it, so the ratio has no upper bound".to_string()
            }
            _ => "no one in either group had it: no ratio".to_string(),
        }
    }
}

fn point_word(p: Point) -> &'static str {
    match p {
        Point::Finite(_) => "finite",
        Point::Infinite => "infinite",
        Point::Undefined => "undefined",
    }
}

/// A difference of rates (participants − comparison), in shares.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Difference {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

/// Fisher's exact test, two-sided.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Test {
    pub p_value: f64,
    pub mid_p: f64,
}

/// What the comparison shows, in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Fisher's p under 5%: participants' rate is higher.
    Higher,
    /// Fisher's p under 5%: lower.
    Lower,
    /// Fisher's p 5% or more.
    NoClearDifference,
    /// One of the groups is empty.
    NotCompared,
}

/// The ratio within strata of like people.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stratified {
    /// What the strata hold alike: `tenure band`, `department`.
    pub by: Vec<&'static str>,
    pub ratio: Option<Ratio>,
    /// Strata with people of both groups, and those with one group only.
    pub strata_used: usize,
    pub strata_skipped: usize,
    /// People left out for lack of a hire date (or a department).
    pub participants_left_out: u32,
    pub comparison_left_out: u32,
    pub conclusion: String,
}

/// The participants against one group on one rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparing {
    pub group: GroupKind,
    pub label: String,
    pub proportion: Proportion,
    pub ratio: Option<Ratio>,
    pub difference: Option<Difference>,
    pub fisher: Option<Test>,
    pub verdict: Verdict,
    /// The stratified ratio, when the groups have hire dates.
    pub stratified: Option<Stratified>,
    /// The comparison group has fewer than the small-sample n.
    pub small_sample: bool,
    pub conclusion: String,
    /// Hidden by `--anonymize`.
    pub suppressed: bool,
}

/// What a rate counts, for sentences: "to be still employed after 1 year".
pub struct Phrase<'a> {
    /// `still employed`, `promoted`, `certified`.
    pub state: &'a str,
    /// `after 1 year`, `within 3 years`, `so far (2.5 years)`.
    pub when: &'a str,
}

/// The comparison of `ours` (participants) with `theirs`.
pub fn compare(
    phrase: &Phrase<'_>,
    ours: Count,
    theirs: Count,
    group: GroupKind,
    label: &str,
    stratified: Option<Stratified>,
) -> Comparing {
    let proportion = Proportion::of(theirs);
    let small_sample = theirs.total() < SMALL_N;
    let base = Comparing {
        group,
        label: label.to_string(),
        proportion,
        ratio: None,
        difference: None,
        fisher: None,
        verdict: Verdict::NotCompared,
        stratified: None,
        small_sample,
        conclusion: String::new(),
        suppressed: false,
    };
    if ours.total() == 0 || theirs.total() == 0 {
        let who = if ours.total() == 0 {
            "no participant"
        } else {
            "no one in the group"
        };
        return Comparing {
            conclusion: format!(
                "Against {label}: {who} was employed at the start, so there is no comparison."
            ),
            ..base
        };
    }
    let level = Level::NINETY_FIVE;
    let ratio = risk_ratio(ours, theirs, level).ok().map(|e| Ratio::of(&e));
    let difference = risk_difference(ours, theirs, level).ok().and_then(|e| {
        Some(Difference {
            value: e.point.finite()?,
            low: e.interval.lower(),
            high: e.interval.upper(),
        })
    });
    let f = fisher_exact(ours, theirs);
    let test = Test {
        p_value: f.p_value,
        mid_p: f.mid_p,
    };
    let verdict = if f.p_value >= ALPHA {
        Verdict::NoClearDifference
    } else if ours.rate() > theirs.rate() {
        Verdict::Higher
    } else {
        Verdict::Lower
    };
    let conclusion = words(
        phrase,
        label,
        theirs,
        verdict,
        test,
        ratio.as_ref(),
        stratified.as_ref(),
    );
    Comparing {
        ratio,
        difference,
        fisher: Some(test),
        verdict,
        stratified,
        conclusion,
        ..base
    }
}

/// The sentence of a comparison: the verdict of the test first, then the
/// sizes, and where the interval and the test disagree, that.
#[allow(clippy::too_many_arguments)]
fn words(
    phrase: &Phrase<'_>,
    label: &str,
    theirs: Count,
    verdict: Verdict,
    test: Test,
    ratio: Option<&Ratio>,
    stratified: Option<&Stratified>,
) -> String {
    let tests = format!(
        "Fisher's exact {}, mid-p {}",
        p_value(test.p_value),
        p_relation(test.mid_p)
    );
    let head = match verdict {
        Verdict::Higher | Verdict::Lower => format!(
            "Against {label}, {}: participants were {} likely to be {} {} ({tests}).",
            of(theirs.events(), theirs.total()),
            if verdict == Verdict::Higher {
                "more"
            } else {
                "less"
            },
            phrase.state,
            phrase.when
        ),
        _ => format!(
            "Against {label}, {}: no clear difference ({tests}).",
            of(theirs.events(), theirs.total())
        ),
    };
    let mut out = head;
    if let Some(r) = ratio {
        out.push_str(&format!(" {}.", capital(&r.words())));
        let excludes_one = r.low.is_some_and(|l| l > 1.0) || r.high.is_some_and(|h| h < 1.0);
        match verdict {
            Verdict::NoClearDifference if excludes_one => out.push_str(
                " The score interval, an approximation, excludes 1, but the exact test does not reach 5%: the words follow the exact test.",
            ),
            Verdict::Higher | Verdict::Lower if !excludes_one => out.push_str(
                " The exact test reaches 5% while the score interval still includes 1: weak evidence.",
            ),
            _ => {}
        }
    }
    if let Some(s) = stratified {
        out.push(' ');
        out.push_str(&s.conclusion);
    }
    if theirs.total() < SMALL_N {
        out.push_str(&format!(
            " A small comparison group: {}.",
            match theirs.total() {
                1 => "1 person".to_string(),
                n => format!("{n} people"),
            }
        ));
    }
    out
}

/// The sentence with its first letter in capitals.
fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The Mantel–Haenszel ratio of `strata` (participants, comparison) with its
/// sentence; `raw` is the verdict of the comparison it stands beside.
pub fn stratified(
    strata: &[Stratum],
    by: Vec<&'static str>,
    left_out: (u32, u32),
    raw: Option<Verdict>,
) -> Stratified {
    let m = mantel_haenszel(strata, Level::NINETY_FIVE);
    // Everyone alike within each stratum (all had it, or none): the
    // variance is 0 and an interval of no width would claim certainty.
    let interval = m.interval.filter(|i| i.lower() < i.upper());
    let ratio = match (m.point, interval) {
        (Point::Undefined, _) => None,
        (point, interval) => Some(Ratio {
            value: point.finite(),
            low: interval.map(|i| i.lower()),
            high: interval.map(|i| i.upper()).filter(|h| h.is_finite()),
            point: point_word(point),
        }),
    };
    let like = format!("the same {}", by.join(" and "));
    let conclusion = match &ratio {
        _ if m.strata_used == 0 => format!(
            "Within like people ({like}): no stratum has people of both groups, so there is no stratified comparison."
        ),
        None => format!("Within like people ({like}): no one in either group had it."),
        Some(r) if r.low.is_none() && m.interval.is_some() => format!(
            "Within like people ({like}): {}; with everyone alike within each stratum there is no interval.",
            r.words().replace(" (no interval)", "")
        ),
        Some(r) if r.low.is_none() => format!(
            "Within like people ({like}): {}; with no events in one group there is no interval.",
            r.words().replace(" (no interval)", "")
        ),
        Some(r) => {
            let excludes_one = r.low.is_some_and(|l| l > 1.0) || r.high.is_some_and(|h| h < 1.0);
            let raw_differs = matches!(raw, Some(Verdict::Higher | Verdict::Lower));
            let tail = match (excludes_one, raw_differs) {
                (false, true) => {
                    ": the raw difference may come from who joined (their tenure and department) rather than from the program"
                }
                (false, false) => ": no clear difference",
                (true, true) => ": a difference remains within like people",
                (true, false) => {
                    ": the interval excludes 1, but the exact test of the raw counts does not reach 5% and this interval, an approximation, runs narrow when a group is at 0% or 100%: no conclusion"
                }
            };
            format!(
                "Within like people ({like}, Mantel–Haenszel): {}{tail}.",
                r.words()
            )
        }
    };
    Stratified {
        by,
        ratio,
        strata_used: m.strata_used,
        strata_skipped: m.strata_skipped,
        participants_left_out: left_out.0,
        comparison_left_out: left_out.1,
        conclusion,
    }
}
