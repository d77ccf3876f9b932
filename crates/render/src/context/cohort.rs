//! The cohort report's context: the funnel, departments, matches,
//! attendance, deliverables, goals, surveys, outcomes, consented
//! testimonials and the charts.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Document, DocumentInfo, PersonRef, ProgramCtx, Reports, by_name};
use crate::charts;
use crate::logic::cohort::{self, SessionState};
use crate::model::screening::Outcome;
use crate::model::values::fold;
use crate::model::{Completion, DeliverableRule, Role};

#[derive(Serialize)]
struct Report {
    document: DocumentInfo,
    program: ProgramCtx,
    /// The day the figures are counted to.
    as_of: String,
    /// Set when the folder has not been screened: who the roster is.
    roster_note: Option<&'static str>,
    /// Whether `screening.yaml` was read (eligible and accepted are known).
    screened: bool,
    /// How many are in the cohort.
    roster_size: usize,
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
    applied: usize,
    eligible: Option<usize>,
    accepted: Option<usize>,
    completed: usize,
}

#[derive(Serialize)]
struct DepartmentCtx {
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
    attended: usize,
    absent: usize,
    excused: usize,
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
    not_started: usize,
    draft: usize,
    done: usize,
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
    n: usize,
    pre: Option<f64>,
    pre_n: usize,
    post: Option<f64>,
    post_n: usize,
    change: Option<f64>,
    /// Answered only the first survey, or only the second.
    only_pre: usize,
    only_post: usize,
}

#[derive(Serialize)]
struct OutcomesCtx {
    completed: usize,
    /// Completion not known yet (no record, program not ended).
    completion_unknown: usize,
    promoted: usize,
    new_position: usize,
    left: usize,
    completion_rate: Option<f64>,
    retention_rate: Option<f64>,
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
    let sessions = session_rows(c);
    let charts = ChartsCtx {
        funnel: charts::funnel(&funnel)?,
        attendance: charts::attendance(
            &sessions
                .iter()
                .filter(|r| r.held && r.kind == "workshop")
                .map(|r| (r.date.as_str(), r.attended))
                .collect::<Vec<_>>(),
            f.members.len(),
        )?,
        surveys: charts::surveys(&f.surveys)?,
    };
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
        roster_size: f.members.len(),
        completion_rule: rule_ctx(&c.folder.program.completion),
        funnel: FunnelCtx {
            applied: funnel.applied,
            eligible: funnel.eligible,
            accepted: funnel.accepted,
            completed: funnel.completed,
        },
        departments: departments(c),
        matches: matches(c),
        workshops_held: f.workshops_held(),
        sessions,
        people: people(c),
        deliverables: f
            .deliverables
            .iter()
            .map(|d| DeliverableRow {
                name: d.name.clone(),
                not_started: d.not_started,
                draft: d.draft,
                done: d.done,
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
            .map(|q| SurveyRow {
                question: q.question.clone(),
                n: q.n,
                pre: q.pre_mean,
                pre_n: q.n,
                post: q.post_mean,
                post_n: q.n,
                change: q.change,
                only_pre: q.only_pre,
                only_post: q.only_post,
            })
            .collect(),
        outcomes: outcomes_ctx(f),
        testimonials: testimonials(c),
        charts,
    };
    Document::new("cohort", "cohort".into(), report)
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

fn outcomes_ctx(f: &cohort::Cohort<'_>) -> OutcomesCtx {
    let o = f.outcomes;
    let size = f.members.len();
    OutcomesCtx {
        completed: o.completed,
        completion_unknown: o.completion_unknown,
        promoted: o.promoted,
        new_position: o.new_position,
        left: o.left,
        completion_rate: cohort::share(o.completed, size),
        retention_rate: cohort::share(size - o.left.min(size), size),
    }
}

/// Applicants, eligible, accepted, in the cohort and completed per
/// department; departments compare case-insensitively and print as first written.
fn departments(c: &Reports<'_>) -> Vec<DepartmentCtx> {
    let screening = c.facts.screening;
    let mut by: BTreeMap<String, DepartmentCtx> = BTreeMap::new();
    for (id, p) in c
        .folder
        .participants
        .iter()
        .filter(|(_, p)| p.role == Role::Mentee)
    {
        let d = by
            .entry(fold(&p.department))
            .or_insert_with(|| DepartmentCtx {
                name: p.department.trim().to_string(),
                applied: 0,
                eligible: screening.map(|_| 0),
                accepted: screening.map(|_| 0),
                in_cohort: 0,
                completed: 0,
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
    by.into_values().collect()
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
            SessionRow {
                id: id.clone(),
                title: s.title.clone(),
                kind: s.kind().as_str(),
                date: s.date.to_string(),
                held,
                state,
                attended: s.attendance.len(),
                absent: s.absent.len(),
                excused: s.excused.len(),
                rate: if held {
                    cohort::share(s.attendance.len(), expected)
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
            let row = PersonRow {
                id: m.id.to_string(),
                name: m.person.name.clone(),
                department: m.person.department.clone(),
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
            (c.person_ref(m.id), row)
        })
        .collect();
    rows.sort_by(|a, b| by_name(&a.0, &b.0));
    rows.into_iter().map(|(_, r)| r).collect()
}

/// Quotes of everyone who consented, by name. A quote without consent is
/// never copied into any context.
fn testimonials(c: &Reports<'_>) -> Vec<TestimonialCtx> {
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
