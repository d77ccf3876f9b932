//! The evidence for sharing outside the library (`--anonymize`): a count of
//! people under [`MIN_CELL`] is suppressed, with every rate, interval, test
//! and sentence that would reveal it. A share is a table of two cells, those
//! who had it and those who did not, so it is suppressed when either cell is
//! under 5, none included ("all 7 stayed" says something about each of the
//! 7). A count that stands alone (answered only before) is suppressed from 1
//! to 4. Retention curves are coarsened to whole years and kept only when
//! every point counts 5 or more people either way.

use super::changes::{self, CompetencyFigure, SurveyChange};
use super::compare::{Comparing, Verdict};
use super::curve::{Curve, CurveStep};
use super::{Evidence, Figure, Proportion};

/// The fewest people a shown count may stand for.
pub const MIN_CELL: u32 = 5;

/// What a suppressed figure says.
pub const SUPPRESSED: &str = "suppressed (under 5)";

/// The sentence printed on every anonymized page.
pub const STATEMENT: &str = "Anonymized for sharing: people appear as Participant 1, 2, …; no quotes; every count under 5 people (none included, for a share) is suppressed, with the rates, intervals and tests that would reveal it.";

fn small(k: u32) -> bool {
    k < MIN_CELL
}

/// A share with both of its cells at 5 or more.
fn share_shown(p: &Proportion) -> bool {
    match (p.count, p.n) {
        (Some(k), Some(n)) => !small(k) && !small(n - k),
        _ => false,
    }
}

fn suppress_share(p: &Proportion) -> Proportion {
    if p.count.is_none() && p.n.is_none() {
        return p.clone();
    }
    if share_shown(p) {
        return p.clone();
    }
    Proportion {
        count: None,
        n: p.n.filter(|&n| !small(n)),
        rate: None,
        low: None,
        high: None,
        text: SUPPRESSED.to_string(),
        suppressed: true,
    }
}

/// A standalone count, suppressed from 1 to 4.
fn alone(k: Option<u32>) -> Option<u32> {
    k.filter(|&k| k == 0 || !small(k))
}

/// A count that is a cell of a table, suppressed under 5.
fn cell(k: Option<u32>) -> Option<u32> {
    k.filter(|&k| !small(k))
}

pub(super) fn anonymized(e: &Evidence) -> Evidence {
    let mut out = e.clone();
    out.anonymized = true;
    out.cohort = cell(e.cohort);
    if let Some(c) = &mut out.comparison {
        c.listed = cell(c.listed);
        c.at_start = cell(c.at_start);
    }
    for g in &mut out.groups {
        g.listed = cell(g.listed);
        g.at_start = cell(g.at_start);
        g.waitlisted = cell(g.waitlisted);
        g.ineligible = cell(g.ineligible);
    }
    out.figures = e.figures.iter().map(figure).collect();
    out.surveys = e.surveys.iter().map(survey).collect();
    out.competencies = e.competencies.iter().map(competency).collect();
    out.curves = e.curves.iter().filter_map(curve).collect();
    out.notes.push(STATEMENT.to_string());
    out
}

fn figure(f: &Figure) -> Figure {
    let mut out = f.clone();
    out.participants = suppress_share(&f.participants);
    let ours_shown = !out.participants.suppressed;
    out.comparisons = f
        .comparisons
        .iter()
        .map(|c| comparing(c, ours_shown))
        .collect();
    let staff = out
        .comparisons
        .iter()
        .find(|c| c.group == super::GroupKind::Staff);
    out.comparison = staff.map(|c| c.proportion.clone());
    out.ratio = staff.and_then(|c| c.ratio);
    if !ours_shown && out.participants.text == SUPPRESSED {
        out.suppressed = true;
        out.survival = None;
        out.caution = None;
        out.conclusion = format!("Suppressed: a count under {MIN_CELL} people.");
        return out;
    }
    let mut sentences: Vec<String> = f
        .parts
        .iter()
        .map(|(s, k)| match k {
            Some(k) if *k > 0 && small(*k) => {
                "Some of the figures behind it are not known yet.".to_string()
            }
            _ => s.clone(),
        })
        .collect();
    sentences.extend(out.comparisons.iter().map(|c| c.conclusion.clone()));
    sentences.extend(out.caution.clone());
    out.conclusion = sentences.join(" ");
    out
}

fn comparing(c: &Comparing, ours_shown: bool) -> Comparing {
    let proportion = suppress_share(&c.proportion);
    if ours_shown && !proportion.suppressed {
        return Comparing {
            proportion,
            ..c.clone()
        };
    }
    Comparing {
        proportion,
        ratio: None,
        difference: None,
        fisher: None,
        verdict: Verdict::NotCompared,
        stratified: None,
        conclusion: format!(
            "Against {}: suppressed, a count under {MIN_CELL} people.",
            c.label
        ),
        suppressed: true,
        ..c.clone()
    }
}

fn survey(s: &SurveyChange) -> SurveyChange {
    let mut out = s.clone();
    if s.n.is_none_or(small) && s.n != Some(0) {
        out = SurveyChange {
            n: None,
            pre_mean: None,
            post_mean: None,
            change: None,
            low: None,
            high: None,
            clamped: false,
            improved: None,
            unchanged: None,
            declined: None,
            wilcoxon_p: None,
            wilcoxon_method: None,
            caution: None,
            suppressed: true,
            ..s.clone()
        };
    } else {
        out.improved = cell(s.improved);
        out.unchanged = cell(s.unchanged);
        out.declined = cell(s.declined);
    }
    out.only_pre = alone(s.only_pre);
    out.only_post = alone(s.only_post);
    let question_missing = s.conclusion == "No survey question asks about it.";
    out.conclusion = if question_missing {
        s.conclusion.clone()
    } else {
        changes::words(&out)
    };
    out
}

fn competency(c: &CompetencyFigure) -> CompetencyFigure {
    CompetencyFigure {
        chosen: cell(c.chosen),
        paired: survey(&c.paired),
        ..c.clone()
    }
}

/// A curve coarsened to whole years (and its last follow-up), kept only
/// when every point counts 5 or more either way.
fn curve(c: &Curve) -> Option<Curve> {
    let at_start = c.steps.first()?.at_risk?;
    let last = c.steps.last()?;
    let mut points: Vec<f64> = (0..)
        .map(f64::from)
        .take_while(|&y| y * 365.25 <= last.days)
        .map(|y| y * 365.25)
        .collect();
    if points.last() != Some(&last.days) {
        points.push(last.days);
    }
    let mut steps = Vec::new();
    for t in points {
        let s = c.steps.iter().rev().find(|s| s.days <= t)?;
        let kept = (s.survival * f64::from(at_start)).round() as u32;
        let left = at_start - kept;
        if small(kept) || (small(left) && !(left == 0 && t == 0.0)) {
            return None;
        }
        steps.push(CurveStep {
            days: t,
            years: t / 365.25,
            at_risk: None,
            events: None,
            censored: None,
            ..s.clone()
        });
    }
    Some(Curve { steps, ..c.clone() })
}
