//! The fair comparison: the participants against one group on one rate,
//! raw and, when the group has hire dates, within strata of like people
//! (tenure band on the start day, and department when both groups record
//! it), pooled by Mantel–Haenszel.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use mentorkit_stats::{Count, Stratum};

use super::compare::{self, Comparing, Phrase, Stratified, Verdict};
use super::groups::{Group, Strata};
use super::rates::{Kind, Setting, count_of};
use crate::model::Career;

/// The participants against one group, with the stratified ratio when the
/// groups have hire dates.
pub(super) fn against(
    kind: Kind,
    phrase: &Phrase<'_>,
    ours: Count,
    ours_at: &[&Career],
    g: &Group<'_>,
    s: &Setting<'_>,
    on: NaiveDate,
) -> Comparing {
    let theirs_at = g.at_start(s.start);
    let theirs = count_of(kind, &theirs_at, s.start, on);
    let raw = compare::compare(phrase, ours, theirs, g.kind, &g.label, None);
    if !g.has_hire_dates() || ours.total() == 0 || theirs.total() == 0 {
        return raw;
    }
    let strata = Strata {
        department: g.has_departments() && s.participants.has_departments(),
    };
    let st = stratify(kind, strata, ours_at, &theirs_at, s.start, on, raw.verdict);
    compare::compare(phrase, ours, theirs, g.kind, &g.label, Some(st))
}

/// The Mantel–Haenszel comparison within strata of like people.
fn stratify(
    kind: Kind,
    strata: Strata,
    ours: &[&Career],
    theirs: &[&Career],
    start: NaiveDate,
    on: NaiveDate,
    raw: Verdict,
) -> Stratified {
    // stratum → [participants (events, total), comparison (events, total)]
    let mut cells: BTreeMap<(usize, String), [(u32, u32); 2]> = BTreeMap::new();
    let mut left_out = [0u32; 2];
    for (side, people) in [ours, theirs].into_iter().enumerate() {
        for c in people {
            match strata.key(c, start) {
                Some(key) => {
                    let cell = &mut cells.entry(key).or_default()[side];
                    cell.0 += u32::from(kind.counts(c, start, on));
                    cell.1 += 1;
                }
                None => left_out[side] += 1,
            }
        }
    }
    let table: Vec<Stratum> = cells
        .values()
        .filter_map(|[a, b]| {
            Some(Stratum {
                a: Count::new(a.0, a.1).ok()?,
                b: Count::new(b.0, b.1).ok()?,
            })
        })
        .collect();
    compare::stratified(
        &table,
        strata.names(),
        (left_out[0], left_out[1]),
        Some(raw),
    )
}
