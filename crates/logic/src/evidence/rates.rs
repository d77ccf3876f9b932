//! The rates counted over a window from the program start (retention after
//! 1 and 3 years, promotion within 3 years, certification within 1 year),
//! each beside every comparison group, and completion. A window still open
//! on the as-of day is read on that day and says "so far"; an as-of day
//! before the start gives "not started".

use chrono::{Months, NaiveDate};

use mentorkit_stats::Count;

use super::compare::{Comparing, Phrase};
use super::curve::{self, Curve};
use super::groups::{Group, GroupKind};
use super::words::{self, of, span, years};
use super::{Figure, Proportion, Reading, SMALL_N, Window, count};
use crate::cohort::Cohort;
use crate::model::Career;

/// What a rate counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Retention,
    Promotion,
    Certification,
}

impl Kind {
    fn state(self) -> &'static str {
        match self {
            Kind::Retention => "still employed",
            Kind::Promotion => "promoted",
            Kind::Certification => "certified",
        }
    }

    /// `after 1 year`, `within 3 years`.
    fn within(self, n: u32) -> String {
        match self {
            Kind::Retention => format!("after {}", years(n)),
            _ => format!("within {}", years(n)),
        }
    }

    /// Whether a career counts by `on`, for a window from `start`.
    pub(super) fn counts(self, c: &Career, start: NaiveDate, on: NaiveDate) -> bool {
        let inside = |d: NaiveDate| d >= start && d <= on;
        match self {
            Kind::Retention => c.left.is_none_or(|l| l > on),
            Kind::Promotion => c.promoted.is_some_and(inside),
            Kind::Certification => c
                .certifications
                .as_ref()
                .is_some_and(|days| days.iter().copied().any(inside)),
        }
    }
}

/// One windowed rate.
pub(super) struct Measure {
    pub measure: &'static str,
    pub kind: Kind,
    pub years: u32,
}

pub(super) const MEASURES: [Measure; 4] = [
    Measure {
        measure: "retention-1y",
        kind: Kind::Retention,
        years: 1,
    },
    Measure {
        measure: "retention-3y",
        kind: Kind::Retention,
        years: 3,
    },
    Measure {
        measure: "promotion-3y",
        kind: Kind::Promotion,
        years: 3,
    },
    Measure {
        measure: "certification-1y",
        kind: Kind::Certification,
        years: 1,
    },
];

/// What every windowed figure is counted in.
pub(super) struct Setting<'a> {
    pub start: NaiveDate,
    pub as_of: NaiveDate,
    pub participants: &'a Group<'a>,
    pub others: &'a [Group<'a>],
}

pub(super) fn count_of(kind: Kind, people: &[&Career], start: NaiveDate, on: NaiveDate) -> Count {
    let k = people.iter().filter(|c| kind.counts(c, start, on)).count() as u32;
    count(k, people.len() as u32)
}

/// The figure of one windowed rate.
pub(super) fn window_figure(m: &Measure, s: &Setting<'_>) -> Figure {
    let closes = s
        .start
        .checked_add_months(Months::new(12 * m.years))
        .unwrap_or(s.start);
    let window = Window {
        years: m.years,
        closes,
        open: s.as_of < closes,
    };
    let within = m.kind.within(m.years);
    if s.as_of < s.start {
        return Figure::not_started(
            m.measure,
            format!("{} {within} (not started)", m.kind.state()),
            (s.start, s.as_of),
            Some(window),
            Some(closes),
        );
    }
    let on = closes.min(s.as_of);
    let (label, when, reading) = if window.open {
        let so_far = span(s.start, on);
        (
            format!("{} so far ({so_far} of {})", m.kind.state(), years(m.years)),
            format!("so far ({so_far})"),
            Reading::SoFar,
        )
    } else {
        (
            format!("{} {within}", m.kind.state()),
            within.clone(),
            Reading::Final,
        )
    };
    let phrase = Phrase {
        state: m.kind.state(),
        when: &when,
    };
    let ours_at = s.participants.at_start(s.start);
    let ours = count_of(m.kind, &ours_at, s.start, on);
    let survival = (m.kind == Kind::Retention)
        .then(|| curve::fit(&ours_at, s.start, s.as_of))
        .flatten()
        .and_then(|km| curve::read(&km, s.start, on));
    let comparisons: Vec<Comparing> = s
        .others
        .iter()
        .filter(|g| m.kind != Kind::Certification || g.lists_certifications)
        .map(|g| super::fair::against(m.kind, &phrase, ours, &ours_at, g, s, on))
        .collect();
    let participants = Proportion::of(ours);
    let mut parts = vec![(
        rate_sentence(&participants, &phrase, survival.as_ref()),
        None,
    )];
    if window.open && ours.total() > 0 {
        parts.push((
            format!(
                "The {}-year window closes on {closes}: until then the figure is provisional.",
                m.years
            ),
            None,
        ));
    }
    let mut sentences: Vec<String> = parts.iter().map(|(s, _)| s.clone()).collect();
    sentences.extend(comparisons.iter().map(|c| c.conclusion.clone()));
    let caution = caution(ours.total());
    sentences.extend(caution.clone());
    let staff = comparisons.iter().find(|c| c.group == GroupKind::Staff);
    Figure {
        measure: m.measure,
        label,
        comparison: staff.map(|c| c.proportion.clone()),
        ratio: staff.and_then(|c| c.ratio),
        participants,
        final_on: Some(closes),
        provisional: window.open,
        conclusion: sentences.join(" "),
        reading,
        window: Some(window),
        counted_to: Some(on),
        survival,
        comparisons,
        small_sample: ours.total() < SMALL_N,
        caution,
        suppressed: false,
        parts,
    }
}

/// The rate in words: `7 of 7 (100%) still employed after 1 year (95%
/// interval 65% to 100%).`
fn rate_sentence(
    p: &Proportion,
    phrase: &Phrase<'_>,
    survival: Option<&curve::Survival>,
) -> String {
    if p.n == Some(0) {
        return "No participant was employed at the start: nothing to count.".to_string();
    }
    let interval = match survival {
        Some(s) => format!(
            ", 95% interval {} to {} (Kaplan–Meier{})",
            words::percent(s.low),
            words::percent(s.high),
            if s.interval == "wilson" {
                "; Wilson's interval, as no one or everyone has left"
            } else {
                ""
            }
        ),
        None => p
            .interval_words()
            .map_or(String::new(), |i| format!(", 95% interval {i}")),
    };
    format!("{} {} {}{interval}.", p.text, phrase.state, phrase.when)
}

/// The small-sample caution for a group of `n`.
pub(super) fn caution(n: u32) -> Option<String> {
    (n > 0 && n < SMALL_N).then(|| {
        format!(
            "Small group: n = {n}, under {SMALL_N}; one person more or fewer moves the rate by {} points, so read it as an indication, not a finding.",
            (100.0 / f64::from(n)).round()
        )
    })
}

/// The retention curves of the participants and each group.
pub(super) fn curves(s: &Setting<'_>) -> Vec<Curve> {
    std::iter::once(s.participants)
        .chain(s.others.iter())
        .filter_map(|g| {
            let km = curve::fit(&g.at_start(s.start), s.start, s.as_of)?;
            Some(curve::curve(g, &km))
        })
        .collect()
}

/// Notes on what the groups do not record.
pub(super) fn notes(s: &Setting<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for g in s.others {
        if !g.lists_certifications {
            out.push(match g.kind {
                GroupKind::Staff => format!(
                    "{} has no certifications column: certifications are not compared with it",
                    g.label
                ),
                _ => format!(
                    "no record of the {} lists a certification: certifications are not compared with them",
                    g.label
                ),
            });
        }
        if g.has_hire_dates() && !g.has_departments() {
            out.push(format!(
                "{} lists no departments: its stratified comparison holds alike the tenure band only",
                g.label
            ));
        }
        if !g.has_hire_dates() {
            out.push(format!(
                "{} has no hire dates: no stratified comparison with it",
                g.label
            ));
        }
    }
    out
}

/// Completion: of those whose completion is known.
pub(super) fn completion_figure(cohort: &Cohort<'_>) -> Figure {
    if let Some(start) = cohort.start.filter(|&s| cohort.as_of < s) {
        return Figure::not_started(
            "completion",
            "completed the program (not started)".to_string(),
            (start, cohort.as_of),
            None,
            None,
        );
    }
    let known: Vec<bool> = cohort
        .members
        .iter()
        .filter_map(|m| m.completion.completed)
        .collect();
    let done = known.iter().filter(|&&c| c).count() as u32;
    let count = count(done, known.len() as u32);
    let participants = Proportion::of(count);
    let unknown = cohort.members.len() - known.len();
    let mut parts = Vec::new();
    if unknown > 0 {
        let who = if unknown == 1 { "person" } else { "people" };
        parts.push((
            format!(
                "{unknown} {who} not known yet (no outcome.completed, and the program has not ended)."
            ),
            Some(unknown as u32),
        ));
    }
    parts.push((
        if known.is_empty() {
            "No completion known yet: nothing to count.".to_string()
        } else {
            format!(
                "{} completed the program{}.",
                of(done, known.len() as u32),
                participants
                    .interval_words()
                    .map_or(String::new(), |i| format!(", 95% interval {i}"))
            )
        },
        None,
    ));
    let caution = caution(count.total());
    let mut sentences: Vec<String> = parts.iter().map(|(s, _)| s.clone()).collect();
    sentences.extend(caution.clone());
    Figure {
        measure: "completion",
        label: "completed the program".to_string(),
        participants,
        comparison: None,
        ratio: None,
        final_on: None,
        provisional: unknown > 0,
        conclusion: sentences.join(" "),
        reading: if unknown > 0 {
            Reading::SoFar
        } else {
            Reading::Final
        },
        window: None,
        counted_to: Some(cohort.as_of),
        survival: None,
        comparisons: Vec::new(),
        small_sample: count.total() < SMALL_N,
        caution,
        suppressed: false,
        parts,
    }
}

impl Figure {
    /// A figure of a program that has not started by the as-of day: nothing
    /// counted, and it says so.
    fn not_started(
        measure: &'static str,
        label: String,
        (start, as_of): (NaiveDate, NaiveDate),
        window: Option<Window>,
        final_on: Option<NaiveDate>,
    ) -> Figure {
        Figure {
            measure,
            label,
            participants: Proportion::not_started(),
            comparison: None,
            ratio: None,
            final_on,
            provisional: true,
            conclusion: format!(
                "Not started: the program starts on {start}, after the as-of day ({as_of}); nothing to count yet."
            ),
            reading: Reading::NotStarted,
            window,
            counted_to: None,
            survival: None,
            comparisons: Vec::new(),
            small_sample: false,
            caution: None,
            suppressed: false,
            parts: Vec::new(),
        }
    }
}
