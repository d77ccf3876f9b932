//! Eligibility screening: the `[eligibility]` rules, overrides and capacity
//! turn the mentees into decisions (accepted, waitlisted, ineligible) with
//! their reasons in words. Pure: model values in, a `Screening` out.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};

use crate::model::screening::{Decision, Outcome, Screening};
use crate::model::values::fold;
use crate::model::{Eligibility, OverrideDecision, Participant, ProgramFile, Role, Waitlist};

/// Where the day years of service are counted to came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOfSource {
    /// `[eligibility] as_of`.
    Setting,
    /// `[program] starts`.
    ProgramStart,
    /// Neither is set: the day screening ran.
    Today,
}

/// The day years of service are counted to: `as_of`, else the program's
/// start, else today.
pub fn as_of(program: &ProgramFile, today: NaiveDate) -> (NaiveDate, AsOfSource) {
    if let Some(d) = program.eligibility.as_of {
        (d, AsOfSource::Setting)
    } else if let Some(d) = program.program.starts {
        (d, AsOfSource::ProgramStart)
    } else {
        (today, AsOfSource::Today)
    }
}

/// Screens every mentee of `participants`; mentors are left out.
pub fn screen(
    rules: &Eligibility,
    as_of: NaiveDate,
    participants: &BTreeMap<String, Participant>,
) -> Screening {
    let mut decisions = BTreeMap::new();
    let mut eligible: Vec<(&String, &Participant)> = Vec::new();
    for (id, p) in participants.iter().filter(|(_, p)| p.role == Role::Mentee) {
        let broken = rule_reasons(rules, as_of, p);
        let (is_eligible, reasons) = match &p.override_ {
            Some(o) => {
                let said = match o.reason.as_deref().map(str::trim) {
                    Some(r) if !r.is_empty() => format!("override: {r}"),
                    _ => "override".to_string(),
                };
                match o.decision {
                    OverrideDecision::Eligible => {
                        let mut reasons = vec![said];
                        reasons.extend(broken.into_iter().map(|r| format!("overridden: {r}")));
                        (true, reasons)
                    }
                    OverrideDecision::Ineligible => {
                        let mut reasons = vec![said];
                        reasons.extend(broken);
                        (false, reasons)
                    }
                }
            }
            None => (broken.is_empty(), broken),
        };
        if is_eligible {
            eligible.push((id, p));
        }
        decisions.insert(
            id.clone(),
            Decision {
                decision: if is_eligible {
                    Outcome::Accepted
                } else {
                    Outcome::Ineligible
                },
                reasons,
                waitlist: None,
            },
        );
    }
    let order = match rules.waitlist {
        Waitlist::FirstCome => first_come(eligible),
        Waitlist::Lottery => lottery(eligible, rules.seed),
    };
    if let Some(capacity) = rules.capacity {
        for (place, id) in order.iter().skip(capacity as usize).enumerate() {
            if let Some(d) = decisions.get_mut(*id) {
                d.decision = Outcome::Waitlisted;
                d.reasons.push(format!("beyond the capacity of {capacity}"));
                d.waitlist = Some(u32::try_from(place + 1).unwrap_or(u32::MAX));
            }
        }
    }
    Screening {
        as_of: Some(as_of),
        decisions,
    }
}

/// Every rule a mentee breaks, in words, in the order of `[eligibility]`.
pub fn rule_reasons(rules: &Eligibility, as_of: NaiveDate, p: &Participant) -> Vec<String> {
    let mut reasons = Vec::new();
    if rules.exclude_managers && p.is_manager() {
        reasons.push("manager".to_string());
    }
    let min = rules.min_years_of_service;
    if min > 0.0 {
        match p.hired {
            None => reasons.push("no hire date".to_string()),
            Some(hired) if !served(hired, as_of, min) => reasons.push(format!(
                "{:.1} years of service, {} required",
                shown_years(hired, as_of),
                min
            )),
            Some(_) => {}
        }
    }
    let held: Vec<String> = p
        .degrees
        .iter()
        .chain(p.education.iter().map(|e| &e.degree))
        .map(|d| degree_key(d))
        .collect();
    for excluded in &rules.exclude_degrees {
        let key = degree_key(excluded);
        if !key.is_empty() && held.contains(&key) {
            reasons.push(format!("holds {}", excluded.trim()));
        }
    }
    reasons
}

/// A degree compared ignoring case, dots and spaces: `m.l.s.` is `MLS`.
pub fn degree_key(degree: &str) -> String {
    degree
        .chars()
        .filter(|c| *c != '.' && !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether `min` years have passed from `hired` to `as_of`: whole years are
/// anniversaries (a year to the day counts; someone hired on 29 February has
/// an anniversary on 28 February), fractions count in whole months.
pub fn served(hired: NaiveDate, as_of: NaiveDate, min: f64) -> bool {
    let months = (min * 12.0).round();
    if months <= 0.0 {
        return true;
    }
    match hired.checked_add_months(Months::new(months as u32)) {
        Some(due) => due <= as_of,
        None => false,
    }
}

/// Years from `hired` to `as_of`: whole anniversaries plus the share of the
/// year since the last one, rounded down to a tenth so that a day short of a
/// year shows as 0.9, never 1.0. Zero when hired after `as_of`.
pub fn shown_years(hired: NaiveDate, as_of: NaiveDate) -> f64 {
    if as_of <= hired {
        return 0.0;
    }
    let anniversary = |n: u32| hired.checked_add_months(Months::new(n.saturating_mul(12)));
    let mut years = 0u32;
    while anniversary(years + 1).is_some_and(|d| d <= as_of) {
        years += 1;
    }
    let (Some(last), Some(next)) = (anniversary(years), anniversary(years + 1)) else {
        return f64::from(years);
    };
    let share = (as_of - last).num_days() as f64 / (next - last).num_days().max(1) as f64;
    ((f64::from(years) + share) * 10.0).floor() / 10.0
}

/// First come, first served: by `applied` (those without a date last), then id.
fn first_come<'a>(mut eligible: Vec<(&'a String, &Participant)>) -> Vec<&'a String> {
    eligible.sort_by(|(a_id, a), (b_id, b)| {
        (a.applied.is_none(), a.applied, a_id).cmp(&(b.applied.is_none(), b.applied, b_id))
    });
    eligible.into_iter().map(|(id, _)| id).collect()
}

/// A seeded lottery: the eligible sorted by id, then shuffled with
/// Fisher–Yates driven by SplitMix64 from `seed` (see [`shuffle`]).
fn lottery<'a>(mut eligible: Vec<(&'a String, &Participant)>, seed: u64) -> Vec<&'a String> {
    eligible.sort_by(|a, b| a.0.cmp(b.0));
    let mut ids: Vec<&String> = eligible.into_iter().map(|(id, _)| id).collect();
    shuffle(&mut ids, seed);
    ids
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit state advanced by the
/// golden-ratio constant and mixed. Written here, not taken from a crate, so
/// that a seed gives the same lottery on every platform and in every version.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number below `bound` (> 0): draws below 2^64 mod `bound`
    /// are thrown away so that every result is equally likely.
    pub fn below(&mut self, bound: u64) -> u64 {
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let r = self.next_u64();
            if r >= threshold {
                return r % bound;
            }
        }
    }
}

/// Fisher–Yates (Durstenfeld): for i from the last index down to 1, swap
/// item i with item `below(i + 1)`.
pub fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut rng = SplitMix64::new(seed);
    for i in (1..items.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        items.swap(i, j);
    }
}

/// One row of the funnel: a department, or every department together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FunnelRow {
    /// The department as first written (by id), or `None` for the total.
    pub department: Option<String>,
    pub applied: usize,
    pub eligible: usize,
    pub accepted: usize,
    pub waitlisted: usize,
    pub ineligible: usize,
}

impl FunnelRow {
    fn count(&mut self, outcome: Outcome) {
        self.applied += 1;
        match outcome {
            Outcome::Accepted => self.accepted += 1,
            Outcome::Waitlisted => self.waitlisted += 1,
            Outcome::Ineligible => self.ineligible += 1,
        }
        if outcome != Outcome::Ineligible {
            self.eligible += 1;
        }
    }
}

/// The funnel by department (compared ignoring case), sorted, then the total.
pub fn funnel(
    screening: &Screening,
    participants: &BTreeMap<String, Participant>,
) -> Vec<FunnelRow> {
    let mut by_dept: BTreeMap<String, FunnelRow> = BTreeMap::new();
    let mut total = FunnelRow::default();
    for (id, d) in &screening.decisions {
        let Some(p) = participants.get(id) else {
            continue;
        };
        let row = by_dept
            .entry(fold(&p.department))
            .or_insert_with(|| FunnelRow {
                department: Some(p.department.trim().to_string()),
                ..FunnelRow::default()
            });
        row.count(d.decision);
        total.count(d.decision);
    }
    let mut rows: Vec<FunnelRow> = by_dept.into_values().collect();
    rows.push(total);
    rows
}

#[cfg(test)]
mod tests;
