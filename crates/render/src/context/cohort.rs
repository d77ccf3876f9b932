//! The cohort report's context: the funnel, departments, matches,
//! attendance, deliverables, goals, surveys, outcomes, the evidence of
//! impact, consented testimonials and the charts. Anonymized for sharing
//! outside, people appear by pseudonym, quotes are left out, and every
//! count under 5 people is `under 5` (see `cells`).

mod rows;

use serde::Serialize;
use serde_json::Value;

use super::{Document, DocumentInfo, ProgramCtx, Reports};
use crate::charts;
use crate::logic::cohort::{self, SessionState};
use crate::model::{Completion, DeliverableRule};
use rows::{
    DepartmentCtx, MatchesCtx, MeetingRow, PersonRow, SessionRow, TestimonialCtx, departments,
    matches, meeting_rows, people, session_rows, testimonials,
};

#[derive(Serialize)]
struct Report<'a> {
    document: DocumentInfo,
    program: ProgramCtx,
    /// The day the figures are counted to.
    as_of: String,
    /// Set when the folder has not been screened: who the roster is.
    roster_note: Option<String>,
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
    /// Every session, workshops and meetings, by id.
    sessions: Vec<SessionRow>,
    /// The workshops only, by id: the report's attendance table.
    workshops: Vec<SessionRow>,
    /// Pair and group meetings, a line per pair or group.
    meetings: Vec<MeetingRow>,
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
        workshops: session_rows(c)
            .into_iter()
            .filter(|s| s.is_workshop())
            .collect(),
        meetings: meeting_rows(c),
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
