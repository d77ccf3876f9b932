//! One person's page: their record, risk, goals, deliverables, attendance
//! and outcome, with a form for each change the commands `goal`,
//! `deliverable` and `outcome` make.

use std::collections::HashMap;

use serde::Serialize;

use super::{Person, decision, known};
use crate::error::{Kind, Result};
use crate::guard::Shared;
use crate::model::{DeliverableStatus, GoalStatus, Participant, Session};
use crate::site::{self, Answer, Loaded, Section};

#[derive(Serialize)]
struct Page {
    person: Person,
    record: Vec<Field>,
    decision: &'static str,
    in_cohort: bool,
    matched: Vec<Person>,
    reasons: Vec<String>,
    attendance: Option<String>,
    goals: Vec<Goal>,
    goal_words: &'static [&'static str],
    deliverables: Vec<Deliverable>,
    deliverable_words: &'static [&'static str],
    sessions: Vec<Attended>,
    outcome: OutcomeForm,
}

#[derive(Serialize)]
struct Field {
    label: &'static str,
    value: String,
}

#[derive(Serialize)]
struct Goal {
    /// 1 for the first, as `mentorkit goal` numbers them.
    number: usize,
    goal: String,
    measure: Option<String>,
    target: Option<String>,
    status: &'static str,
}

#[derive(Serialize)]
struct Deliverable {
    name: String,
    status: &'static str,
    required: bool,
    due: bool,
}

#[derive(Serialize)]
struct Attended {
    id: String,
    date: String,
    title: String,
    mark: String,
}

#[derive(Serialize)]
struct OutcomeForm {
    completed: Option<bool>,
    promoted: Option<String>,
    new_position: Option<String>,
    left: Option<String>,
}

fn record(p: &Participant) -> Vec<Field> {
    let mut out = Vec::new();
    let mut add = |label, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            out.push(Field { label, value: v });
        }
    };
    let list = |v: &[String]| (!v.is_empty()).then(|| v.join(", "));
    add("Email", Some(p.email.clone()));
    add("Role", Some(p.role.as_str().to_string()));
    add("Department", Some(p.department.clone()));
    add("Position", p.position.clone());
    add("Branch", p.branch.clone());
    add("Hired", p.hired.map(|d| d.to_string()));
    add("Applied", p.applied.map(|d| d.to_string()));
    add("Degrees", list(&p.degrees));
    add("Competencies", list(&p.competencies));
    add("Skills", list(&p.skills));
    let slots: Vec<String> = p.availability.iter().map(|s| s.to_string()).collect();
    add("Availability", list(&slots));
    add("Modality", Some(p.modality().as_str().to_string()));
    add("Capacity", p.capacity.map(|c| c.to_string()));
    add("Career goal", p.career_goal.clone());
    add("Mission statement", p.mission_statement.clone());
    out
}

/// Who `id` is matched with, from matches.yaml.
fn matched(loaded: &Loaded, id: &str) -> Vec<Person> {
    let Some(groups) = &loaded.groups else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for g in &groups.groups {
        let here = g.mentor.as_deref() == Some(id) || g.mentees.iter().any(|m| m == id);
        if here {
            out.extend(
                g.mentor
                    .iter()
                    .chain(&g.mentees)
                    .filter(|x| *x != id)
                    .map(|x| Person::of(&loaded.folder, x)),
            );
        }
    }
    out
}

/// `GET /people/{id}`.
pub(crate) fn page(shared: &Shared, id: &str) -> Result<Answer> {
    let loaded = site::load(shared)?;
    known(Kind::Participant, id, loaded.folder.participants.keys())?;
    let cohort = loaded.cohort();
    let folder = &loaded.folder;
    let p = &folder.participants[id];
    let member = cohort.member(id);
    let states = match member {
        Some(m) => m.deliverables.clone(),
        None => cohort.deliverables_of(p),
    };
    let ids: HashMap<*const Session, &str> = folder
        .sessions
        .iter()
        .map(|(k, s)| (s as *const Session, k.as_str()))
        .collect();
    let sessions = cohort
        .register
        .sessions_of(id)
        .into_iter()
        .map(|(s, mark)| Attended {
            id: ids
                .get(&(s as *const Session))
                .map(|x| x.to_string())
                .unwrap_or_default(),
            date: s.date.to_string(),
            title: s.title.clone(),
            mark: mark.to_string(),
        })
        .collect();
    let o = p.outcome.clone().unwrap_or_default();
    let page = Page {
        person: Person::of(folder, id),
        record: record(p),
        decision: decision(&loaded, id),
        in_cohort: member.is_some(),
        matched: matched(&loaded, id),
        reasons: member
            .map(|m| m.flags.iter().map(|f| f.text.clone()).collect())
            .unwrap_or_default(),
        attendance: member.map(|m| {
            let a = &m.attendance;
            let rate = a
                .rate
                .map(|r| format!(" ({:.0}%)", r * 100.0))
                .unwrap_or_default();
            format!(
                "attended {} of {} workshops held{rate}; {} excused",
                a.attended, a.held, a.excused
            )
        }),
        goals: p
            .smart_goals
            .iter()
            .enumerate()
            .map(|(i, g)| Goal {
                number: i + 1,
                goal: g.goal.trim().to_string(),
                measure: g.measure.clone(),
                target: g.target.map(|d| d.to_string()),
                status: g.status().as_str(),
            })
            .collect(),
        goal_words: GoalStatus::WORDS,
        deliverables: states
            .iter()
            .map(|d| Deliverable {
                name: d.name.clone(),
                status: d.status.unwrap_or(DeliverableStatus::NotStarted).as_str(),
                required: d.required,
                due: d.due,
            })
            .collect(),
        deliverable_words: DeliverableStatus::WORDS,
        sessions,
        outcome: OutcomeForm {
            completed: o.completed,
            promoted: o.promoted.map(|d| d.to_string()),
            new_position: o.new_position,
            left: o.left.map(|d| d.to_string()),
        },
    };
    let title = p.name.clone();
    site::page(
        shared,
        &loaded,
        Section::People,
        &title,
        "person.html",
        &page,
    )
}
