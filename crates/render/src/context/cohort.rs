//! The cohort report's context: the funnel, departments, matches,
//! attendance, deliverables, goals, surveys, outcomes, consented
//! testimonials and the charts.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Cohort, Document, DocumentInfo, PersonRef, ProgramCtx, by_name};
use crate::charts;
use crate::logic::metrics;
use crate::model::screening::Outcome;
use crate::model::values::fold;
use crate::model::{Completion, DeliverableRule, GoalStatus, Participant, Role};

#[derive(Serialize)]
struct Report {
    document: DocumentInfo,
    program: ProgramCtx,
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

#[derive(Serialize)]
struct SurveyRow {
    question: String,
    pre: Option<f64>,
    pre_n: usize,
    post: Option<f64>,
    post_n: usize,
    change: Option<f64>,
}

#[derive(Serialize)]
struct OutcomesCtx {
    completed: usize,
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

pub(super) fn document(c: &Cohort<'_>) -> Result<Document, String> {
    let folder = c.folder;
    let members: Vec<_> = c.members().map(|(_, p)| p).collect();
    let completed = c.completed();
    let funnel = metrics::funnel(&folder.participants, c.screening, completed);
    let sessions = session_rows(c);
    let changes = metrics::survey_changes(members.iter().copied(), "pre", "post");
    let rule = &folder.program.completion;
    let charts = ChartsCtx {
        funnel: charts::funnel(&funnel)?,
        attendance: charts::attendance(
            &sessions
                .iter()
                .filter(|r| r.held && r.kind == "workshop")
                .map(|r| (r.date.as_str(), r.attended))
                .collect::<Vec<_>>(),
            c.roster.len(),
        )?,
        surveys: charts::surveys(&changes)?,
    };
    let report = Report {
        document: DocumentInfo {
            kind: "cohort",
            name: "cohort".into(),
        },
        program: c.program(),
        screened: c.screening.is_some(),
        roster_size: c.roster.len(),
        completion_rule: rule_ctx(rule),
        funnel: FunnelCtx {
            applied: funnel.applied,
            eligible: funnel.eligible,
            accepted: funnel.accepted,
            completed: funnel.completed,
        },
        departments: departments(c),
        matches: matches(c),
        workshops_held: c.attendance.held,
        sessions,
        people: people(c),
        deliverables: metrics::deliverable_counts(
            members.iter().copied(),
            &rule.deliverables,
            &folder.program.curriculum,
        )
        .into_iter()
        .map(|(name, n)| DeliverableRow {
            name,
            not_started: n.not_started,
            draft: n.draft,
            done: n.done,
        })
        .collect(),
        goals: goals_ctx(&members),
        survey_change: metrics::mean_change(&changes),
        surveys: changes
            .into_iter()
            .map(|q| SurveyRow {
                question: q.question,
                pre: q.before,
                pre_n: q.before_n,
                post: q.after,
                post_n: q.after_n,
                change: q.change,
            })
            .collect(),
        outcomes: outcomes_ctx(&members, completed),
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

fn goals_ctx(members: &[&Participant]) -> GoalsCtx {
    let goals = metrics::goal_counts(members.iter().copied());
    let goal = |s: GoalStatus| goals.get(&s).copied().unwrap_or(0);
    GoalsCtx {
        not_started: goal(GoalStatus::NotStarted),
        in_progress: goal(GoalStatus::InProgress),
        done: goal(GoalStatus::Done),
        dropped: goal(GoalStatus::Dropped),
        total: goals.values().sum(),
    }
}

fn outcomes_ctx(members: &[&Participant], completed: usize) -> OutcomesCtx {
    let o = metrics::outcomes(members.iter().copied(), completed);
    let size = members.len();
    OutcomesCtx {
        completed: o.completed,
        promoted: o.promoted,
        new_position: o.new_position,
        left: o.left,
        completion_rate: metrics::share(o.completed, size),
        retention_rate: metrics::share(size - o.left.min(size), size),
    }
}

/// Applicants, eligible, accepted, in the cohort and completed per
/// department; departments compare case-insensitively and print as first written.
fn departments(c: &Cohort<'_>) -> Vec<DepartmentCtx> {
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
                eligible: c.screening.map(|_| 0),
                accepted: c.screening.map(|_| 0),
                in_cohort: 0,
                completed: 0,
            });
        d.applied += 1;
        if let Some(outcome) = c.screening.and_then(|s| s.outcome(id)) {
            if metrics::is_eligible(outcome) {
                d.eligible = d.eligible.map(|n| n + 1);
            }
            if outcome == Outcome::Accepted {
                d.accepted = d.accepted.map(|n| n + 1);
            }
        }
        if let Some(check) = c.completion.get(id.as_str()) {
            d.in_cohort += 1;
            d.completed += usize::from(check.completed);
        }
    }
    by.into_values().collect()
}

fn matches(c: &Cohort<'_>) -> MatchesCtx {
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
                .roster
                .iter()
                .filter(|id| {
                    !m.groups.iter().any(|g| {
                        g.mentees.iter().any(|x| x == *id) || g.mentor.as_deref() == Some(**id)
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

fn session_rows(c: &Cohort<'_>) -> Vec<SessionRow> {
    let roster = c.roster.len();
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
            let held = !(s.attendance.is_empty() && s.absent.is_empty() && s.excused.is_empty());
            SessionRow {
                id: id.clone(),
                title: s.title.clone(),
                kind: s.kind().as_str(),
                date: s.date.to_string(),
                held,
                attended: s.attendance.len(),
                absent: s.absent.len(),
                excused: s.excused.len(),
                rate: if held {
                    metrics::share(s.attendance.len(), expected)
                } else {
                    None
                },
            }
        })
        .collect()
}

fn people(c: &Cohort<'_>) -> Vec<PersonRow> {
    let mut rows: Vec<(PersonRef, PersonRow)> = c
        .members()
        .filter_map(|(id, p)| {
            let check = c.completion.get(id)?;
            let a = check.attendance;
            let row = PersonRow {
                id: id.to_string(),
                name: p.name.clone(),
                department: p.department.clone(),
                attended: a.attended,
                held: a.held,
                excused: a.excused,
                absent: a.absent,
                rate: a.rate(),
                deliverables_done: check.required.len() - check.missing.len(),
                deliverables_required: check.required.len(),
                completed: check.completed,
            };
            Some((c.person_ref(id), row))
        })
        .collect();
    rows.sort_by(|a, b| by_name(&a.0, &b.0));
    rows.into_iter().map(|(_, r)| r).collect()
}

/// Quotes of everyone who consented, by name. A quote without consent is
/// never copied into any context.
fn testimonials(c: &Cohort<'_>) -> Vec<TestimonialCtx> {
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
