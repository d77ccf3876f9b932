//! The cohort report's context: the funnel, departments, matches,
//! attendance, deliverables, goals, surveys, outcomes, the evidence of
//! impact, consented testimonials and the charts. Anonymized for sharing
//! outside, people appear by pseudonym, quotes are left out, and every
//! count under 5 people is `<5` (see `cells`).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::{Document, DocumentInfo, PersonRef, ProgramCtx, Reports, by_name};
use crate::charts;
use crate::logic::cohort::{self, SessionState};
use crate::model::screening::Outcome;
use crate::model::values::fold;
use crate::model::{Completion, DeliverableRule, Role};

#[derive(Serialize)]
struct Report<'a> {
    document: DocumentInfo,
    program: ProgramCtx,
    /// The day the figures are counted to.
    as_of: String,
    /// Set when the folder has not been screened: who the roster is.
    roster_note: Option<&'static str>,
    /// Whether `screening.yaml` was read (eligible and accepted are known).
    screened: bool,
    /// How many are in the cohort.
    roster_size: Value,
    /// Pseudonyms, no quotes, counts under 5 suppressed.
    anonymized: bool,
    /// The sentence an anonymized page prints.
    anonymized_statement: Option<&'static str>,
    completion_rule: RuleCtx,
    funnel: FunnelCtx,
    departments: Vec<DepartmentCtx>,
    matches: MatchesCtx,
    workshops_held: u32,
    sessions: Vec<SessionRow>,
    people: Vec<PersonRow>,
    deliverables: Vec<DeliverableRow>,
    goals: GoalsCtx,
    surveys: Vec<SurveyRow>,
    /// The mean of the survey changes.
    survey_change: Option<f64>,
    outcomes: OutcomesCtx,
    /// The evidence of impact: `null` when it was not computed.
    evidence: Option<super::impact::Impact<'a>>,
    testimonials: Vec<TestimonialCtx>,
    charts: ChartsCtx,
}

#[derive(Serialize)]
struct RuleCtx {
    min_attendance: f64,
    /// `all`, `none` or `named`.
    deliverables: &'static str,
    named: Vec<String>,
}

#[derive(Serialize)]
struct FunnelCtx {
    applied: Value,
    eligible: Value,
    accepted: Value,
    completed: Value,
}

#[derive(Serialize)]
struct DepartmentCtx {
    name: String,
    applied: Value,
    eligible: Value,
    accepted: Value,
    in_cohort: Value,
    completed: Value,
}

/// Counts per department, before they are shown.
#[derive(Default)]
struct DepartmentCount {
    name: String,
    applied: usize,
    eligible: Option<usize>,
    accepted: Option<usize>,
    in_cohort: usize,
    completed: usize,
}

#[derive(Serialize)]
struct MatchesCtx {
    /// Whether `matches.yaml` was read.
    present: bool,
    mode: String,
    groups: Vec<GroupCtx>,
    /// Members of the cohort in no pair or group.
    unmatched: Vec<PersonRef>,
}

#[derive(Serialize)]
struct GroupCtx {
    mentor: Option<PersonRef>,
    mentees: Vec<PersonRef>,
    slot: Option<String>,
}

#[derive(Serialize)]
struct SessionRow {
    id: String,
    title: String,
    kind: &'static str,
    date: String,
    held: bool,
    /// `held`, `not-recorded` (its day passed with nothing recorded) or `to-come`.
    state: SessionState,
    attended: Value,
    absent: Value,
    excused: Value,
    /// Attended over the cohort (workshops) or over those named (meetings).
    rate: Option<f64>,
}

#[derive(Serialize)]
struct PersonRow {
    id: String,
    name: String,
    department: String,
    attended: u32,
    held: u32,
    excused: u32,
    absent: u32,
    rate: Option<f64>,
    deliverables_done: usize,
    deliverables_required: usize,
    completed: bool,
    /// Whether completion is known yet (recorded, or the program has ended).
    completion_known: bool,
}

#[derive(Serialize)]
struct DeliverableRow {
    name: String,
    not_started: Value,
    draft: Value,
    done: Value,
}

#[derive(Serialize)]
struct GoalsCtx {
    not_started: usize,
    in_progress: usize,
    done: usize,
    dropped: usize,
    total: usize,
}

/// One question, paired: the means are over the `n` people who answered it
/// both times (`pre_n` and `post_n` are both `n`).
#[derive(Serialize)]
struct SurveyRow {
    question: String,
    n: Value,
    pre: Option<f64>,
    pre_n: Value,
    post: Option<f64>,
    post_n: Value,
    change: Option<f64>,
    /// Answered only the first survey, or only the second.
    only_pre: Value,
    only_post: Value,
}

/// What became of the roster. (Retention is in the evidence, from the
/// program start with censoring; `left` is only a count.)
#[derive(Serialize)]
struct OutcomesCtx {
    completed: Value,
    /// Completion not known yet (no record, program not ended).
    completion_unknown: Value,
    promoted: Value,
    new_position: Value,
    left: Value,
    completion_rate: Option<f64>,
}

#[derive(Serialize)]
struct TestimonialCtx {
    name: String,
    department: String,
    quote: String,
}

/// SVG documents; `null` when there is nothing to draw.
#[derive(Serialize)]
struct ChartsCtx {
    funnel: Option<String>,
    attendance: Option<String>,
    surveys: Option<String>,
}

pub(super) fn document(c: &Reports<'_>) -> Result<Document, String> {
    let f = c.facts;
    let funnel = f.funnel;
    let g = f.goals;
    let report = Report {
        document: DocumentInfo {
            kind: "cohort",
            name: "cohort".into(),
        },
        program: c.program(),
        as_of: f.as_of.to_string(),
        roster_note: f.roster_note(),
        screened: f.screening.is_some(),
        roster_size: c.cell(f.members.len()),
        anonymized: c.anonymize,
        anonymized_statement: c.anonymize.then_some(crate::logic::evidence::STATEMENT),
        completion_rule: rule_ctx(&c.folder.program.completion),
        funnel: FunnelCtx {
            applied: c.cell(funnel.applied),
            eligible: c.cell_opt(funnel.eligible),
            accepted: c.cell_opt(funnel.accepted),
            completed: c.cell(funnel.completed),
        },
        departments: departments(c),
        matches: matches(c),
        workshops_held: f.workshops_held(),
        sessions: session_rows(c),
        people: people(c),
        deliverables: f
            .deliverables
            .iter()
            .map(|d| DeliverableRow {
                name: d.name.clone(),
                not_started: c.cell(d.not_started),
                draft: c.cell(d.draft),
                done: c.cell(d.done),
            })
            .collect(),
        goals: GoalsCtx {
            not_started: g.not_started as usize,
            in_progress: g.in_progress as usize,
            done: g.done as usize,
            dropped: g.dropped as usize,
            total: g.total() as usize,
        },
        survey_change: f.survey_change(),
        surveys: f
            .surveys
            .iter()
            .map(|q| {
                let shown = !c.hidden(q.n);
                SurveyRow {
                    question: q.question.clone(),
                    n: c.cell(q.n),
                    pre: q.pre_mean.filter(|_| shown),
                    pre_n: c.cell(q.n),
                    post: q.post_mean.filter(|_| shown),
                    post_n: c.cell(q.n),
                    change: q.change.filter(|_| shown),
                    only_pre: c.cell(q.only_pre),
                    only_post: c.cell(q.only_post),
                }
            })
            .collect(),
        outcomes: outcomes_ctx(c),
        evidence: super::impact::impact(c)?,
        testimonials: testimonials(c),
        charts: charts_ctx(c)?,
    };
    Document::new("cohort", "cohort".into(), report)
}

/// The charts; anonymized, a bar that stands for fewer than 5 people is
/// left out, and the funnel is drawn only when every step has 5 or more.
fn charts_ctx(c: &Reports<'_>) -> Result<ChartsCtx, String> {
    let f = c.facts;
    let funnel = f.funnel;
    let hidden = [
        Some(funnel.applied),
        funnel.eligible,
        funnel.accepted,
        Some(funnel.completed),
    ]
    .into_iter()
    .flatten()
    .any(|n| c.hidden(n));
    // In the order of the sessions' ids, as the table lists them.
    let held: Vec<(String, Option<usize>)> = c
        .folder
        .sessions
        .values()
        .filter(|s| {
            s.kind() == crate::model::SessionKind::Workshop
                && cohort::register::state(s, f.as_of) == SessionState::Held
        })
        .map(|s| {
            let n = s.attendance.len();
            (s.date.to_string(), (!c.hidden(n)).then_some(n))
        })
        .collect();
    let surveys: Vec<cohort::QuestionChange> = f
        .surveys
        .iter()
        .map(|q| {
            let mut q = q.clone();
            if c.hidden(q.n) {
                (q.pre_mean, q.post_mean) = (None, None);
            }
            q
        })
        .collect();
    Ok(ChartsCtx {
        funnel: if hidden {
            None
        } else {
            charts::funnel(&funnel)?
        },
        attendance: charts::attendance(&held, f.members.len())?,
        surveys: charts::surveys(&surveys)?,
    })
}

fn rule_ctx(rule: &Completion) -> RuleCtx {
    let (deliverables, named) = match &rule.deliverables {
        DeliverableRule::All => ("all", Vec::new()),
        DeliverableRule::None => ("none", Vec::new()),
        DeliverableRule::Named(v) => ("named", v.clone()),
    };
    RuleCtx {
        min_attendance: rule.min_attendance,
        deliverables,
        named,
    }
}

fn outcomes_ctx(c: &Reports<'_>) -> OutcomesCtx {
    let f = c.facts;
    let o = f.outcomes;
    OutcomesCtx {
        completed: c.cell(o.completed),
        completion_unknown: c.cell(o.completion_unknown),
        promoted: c.cell(o.promoted),
        new_position: c.cell(o.new_position),
        left: c.cell(o.left),
        completion_rate: c.rate(o.completed, f.members.len()),
    }
}

/// Applicants, eligible, accepted, in the cohort and completed per
/// department; departments compare case-insensitively and print as first written.
fn departments(c: &Reports<'_>) -> Vec<DepartmentCtx> {
    let screening = c.facts.screening;
    let mut by: BTreeMap<String, DepartmentCount> = BTreeMap::new();
    for (id, p) in c
        .folder
        .participants
        .iter()
        .filter(|(_, p)| p.role == Role::Mentee)
    {
        let d = by
            .entry(fold(&p.department))
            .or_insert_with(|| DepartmentCount {
                name: p.department.trim().to_string(),
                eligible: screening.map(|_| 0),
                accepted: screening.map(|_| 0),
                ..DepartmentCount::default()
            });
        d.applied += 1;
        if let Some(outcome) = screening.and_then(|s| s.outcome(id)) {
            if cohort::is_eligible(outcome) {
                d.eligible = d.eligible.map(|n| n + 1);
            }
            if outcome == Outcome::Accepted {
                d.accepted = d.accepted.map(|n| n + 1);
            }
        }
        if let Some(m) = c.facts.member(id) {
            d.in_cohort += 1;
            d.completed += usize::from(m.completion.is_completed());
        }
    }
    by.into_values()
        .map(|d| DepartmentCtx {
            name: d.name,
            applied: c.cell(d.applied),
            eligible: c.cell_opt(d.eligible),
            accepted: c.cell_opt(d.accepted),
            in_cohort: c.cell(d.in_cohort),
            completed: c.cell(d.completed),
        })
        .collect()
}

fn matches(c: &Reports<'_>) -> MatchesCtx {
    let mode = c
        .matches
        .and_then(|m| m.mode.clone())
        .unwrap_or_else(|| c.folder.program.matching.mode.as_str().to_string());
    let groups: Vec<GroupCtx> = c
        .matches
        .map(|m| {
            m.groups
                .iter()
                .map(|g| {
                    let mut mentees: Vec<PersonRef> =
                        g.mentees.iter().map(|id| c.person_ref(id)).collect();
                    mentees.sort_by(by_name);
                    GroupCtx {
                        mentor: g.mentor.as_deref().map(|id| c.person_ref(id)),
                        mentees,
                        slot: g.slot.clone(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let unmatched = match c.matches {
        None => Vec::new(),
        Some(m) => {
            let mut refs: Vec<PersonRef> = c
                .facts
                .members
                .iter()
                .map(|member| member.id)
                .filter(|id| {
                    !m.groups.iter().any(|g| {
                        g.mentees.iter().any(|x| x == id) || g.mentor.as_deref() == Some(*id)
                    })
                })
                .map(|id| c.person_ref(id))
                .collect();
            refs.sort_by(by_name);
            refs
        }
    };
    MatchesCtx {
        present: c.matches.is_some(),
        mode,
        groups,
        unmatched,
    }
}

fn session_rows(c: &Reports<'_>) -> Vec<SessionRow> {
    let roster = c.facts.members.len();
    let as_of = c.facts.as_of;
    c.folder
        .sessions
        .iter()
        .map(|(id, s)| {
            let meeting_size = s.mentees.len() + usize::from(s.mentor.is_some());
            let expected = if meeting_size > 0 {
                meeting_size
            } else {
                roster
            };
            let state = cohort::register::state(s, as_of);
            let held = state == SessionState::Held;
            // A meeting's title may name its people.
            let meeting = s.kind() == crate::model::SessionKind::Meeting;
            SessionRow {
                id: id.clone(),
                title: if c.anonymize && meeting {
                    "Meeting".to_string()
                } else {
                    s.title.clone()
                },
                kind: s.kind().as_str(),
                date: s.date.to_string(),
                held,
                state,
                attended: c.cell(s.attendance.len()),
                absent: c.cell(s.absent.len()),
                excused: c.cell(s.excused.len()),
                rate: if held {
                    c.rate(s.attendance.len(), expected)
                } else {
                    None
                },
            }
        })
        .collect()
}

fn people(c: &Reports<'_>) -> Vec<PersonRow> {
    let mut rows: Vec<(PersonRef, PersonRow)> = c
        .facts
        .members
        .iter()
        .map(|m| {
            let a = m.attendance;
            let check = &m.completion.rule;
            let who = c.person_ref(m.id);
            let row = PersonRow {
                id: who.id.clone(),
                name: who.name.clone(),
                // A small department would name the person.
                department: if c.anonymize {
                    String::new()
                } else {
                    m.person.department.clone()
                },
                attended: a.attended,
                held: a.held,
                excused: a.excused,
                absent: a.missed,
                rate: a.rate,
                deliverables_done: check.required.len() - check.missing.len(),
                deliverables_required: check.required.len(),
                completed: m.completion.is_completed(),
                completion_known: m.completion.completed.is_some(),
            };
            (who, row)
        })
        .collect();
    rows.sort_by(|a, b| by_name(&a.0, &b.0));
    rows.into_iter().map(|(_, r)| r).collect()
}

/// Quotes of everyone who consented, by name. A quote without consent is
/// never copied into any context, nor any quote into an anonymized one.
fn testimonials(c: &Reports<'_>) -> Vec<TestimonialCtx> {
    if c.anonymize {
        return Vec::new();
    }
    let mut out: Vec<(PersonRef, TestimonialCtx)> = c
        .folder
        .participants
        .iter()
        .filter_map(|(id, p)| {
            let t = p.testimonial.as_ref().filter(|t| t.consent)?;
            let quote = t.quote.trim();
            (!quote.is_empty()).then(|| {
                (
                    c.person_ref(id),
                    TestimonialCtx {
                        name: p.name.clone(),
                        department: p.department.clone(),
                        quote: quote.to_string(),
                    },
                )
            })
        })
        .collect();
    out.sort_by(|a, b| by_name(&a.0, &b.0));
    out.into_iter().map(|(_, t)| t).collect()
}
