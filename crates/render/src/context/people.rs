//! Documents for one person: the career plan, the resume skeleton and the
//! certificate of completion. They share one `person` object: what the
//! person wrote about their career, never their testimonial, surveys,
//! outcome or a coordinator's override.

use serde::Serialize;

use super::{Document, DocumentInfo, ProgramCtx, Reports};
use crate::logic::cohort::DeliverableState;
use crate::model::{Assessment, DeliverableStatus, GoalStatus, Participant};

/// A person, as their documents see them.
#[derive(Debug, Clone, Serialize)]
pub(super) struct PersonCtx {
    id: String,
    name: String,
    email: String,
    role: &'static str,
    department: String,
    position: Option<String>,
    branch: Option<String>,
    hired: Option<String>,
    career_goal: Option<String>,
    motivation: Option<String>,
    mission_statement: Option<String>,
    assessments: Vec<AssessmentCtx>,
    swot: SwotCtx,
    smart_goals: Vec<GoalCtx>,
    experience: Vec<ExperienceCtx>,
    education: Vec<EducationCtx>,
    skills: Vec<String>,
    deliverables: Vec<DeliverableCtx>,
}

/// An assessment result: `mbti` → `ISFJ`; `holland` → `S, E, C` with the
/// words the letters stand for.
#[derive(Debug, Clone, Serialize)]
pub(super) struct AssessmentCtx {
    key: String,
    label: String,
    result: String,
    detail: Option<String>,
}

/// The four lists of a personal SWOT; `empty` when none has an entry.
#[derive(Debug, Clone, Serialize)]
pub(super) struct SwotCtx {
    empty: bool,
    strengths: Vec<String>,
    weaknesses: Vec<String>,
    opportunities: Vec<String>,
    threats: Vec<String>,
}

/// A SMART goal; `open` when it is neither done nor dropped.
#[derive(Debug, Clone, Serialize)]
pub(super) struct GoalCtx {
    goal: String,
    measure: Option<String>,
    target: Option<String>,
    status: &'static str,
    open: bool,
}

/// A job held.
#[derive(Debug, Clone, Serialize)]
pub(super) struct ExperienceCtx {
    title: String,
    organization: Option<String>,
    start: Option<String>,
    end: Option<String>,
    highlights: Vec<String>,
}

/// A degree or course.
#[derive(Debug, Clone, Serialize)]
pub(super) struct EducationCtx {
    degree: String,
    institution: Option<String>,
    year: Option<String>,
}

/// A deliverable and its status.
#[derive(Debug, Clone, Serialize)]
pub(super) struct DeliverableCtx {
    name: String,
    status: &'static str,
    done: bool,
}

/// The words of the Holland (RIASEC) letters.
fn holland_word(letter: &str) -> Option<&'static str> {
    Some(match letter.trim().to_ascii_uppercase().as_str() {
        "R" => "Realistic",
        "I" => "Investigative",
        "A" => "Artistic",
        "S" => "Social",
        "E" => "Enterprising",
        "C" => "Conventional",
        _ => return None,
    })
}

fn assessment(key: &str, a: &Assessment) -> AssessmentCtx {
    let folded = key.to_ascii_lowercase();
    let (label, detail) = match folded.as_str() {
        "mbti" => ("MBTI type".to_string(), None),
        "holland" => {
            let words: Option<Vec<&str>> = match a {
                Assessment::Codes(codes) => codes.iter().map(|c| holland_word(&c.0)).collect(),
                Assessment::Result(t) if t.0.chars().all(|c| c.is_ascii_alphabetic()) => {
                    t.0.chars().map(|c| holland_word(&c.to_string())).collect()
                }
                Assessment::Result(_) => None,
            };
            ("Holland code".to_string(), words.map(|w| w.join(", ")))
        }
        _ => (crate::filters::label(key), None),
    };
    AssessmentCtx {
        key: key.to_string(),
        label,
        result: a.display(),
        detail,
    }
}

/// The person object of the documents.
pub(super) fn person(id: &str, p: &Participant, deliverables: &[DeliverableState]) -> PersonCtx {
    let swot = p.swot.clone().unwrap_or_default();
    let goals: Vec<GoalCtx> = p
        .smart_goals
        .iter()
        .map(|g| GoalCtx {
            goal: g.goal.clone(),
            measure: g.measure.clone(),
            target: g.target.map(|d| d.to_string()),
            status: g.status().as_str(),
            open: !matches!(g.status(), GoalStatus::Done | GoalStatus::Dropped),
        })
        .collect();
    PersonCtx {
        id: id.to_string(),
        name: p.name.clone(),
        email: p.email.clone(),
        role: p.role.as_str(),
        department: p.department.clone(),
        position: p.position.clone(),
        branch: p.branch.clone(),
        hired: p.hired.map(|d| d.to_string()),
        career_goal: p.career_goal.clone(),
        motivation: p.motivation.clone(),
        mission_statement: p.mission_statement.clone(),
        assessments: p
            .assessments
            .iter()
            .map(|(k, a)| assessment(k, a))
            .collect(),
        swot: SwotCtx {
            empty: swot.strengths.is_empty()
                && swot.weaknesses.is_empty()
                && swot.opportunities.is_empty()
                && swot.threats.is_empty(),
            strengths: swot.strengths,
            weaknesses: swot.weaknesses,
            opportunities: swot.opportunities,
            threats: swot.threats,
        },
        smart_goals: goals,
        experience: p
            .experience
            .iter()
            .map(|e| ExperienceCtx {
                title: e.title.clone(),
                organization: e.organization.clone(),
                start: e.start.as_ref().map(|t| t.0.clone()),
                end: e.end.as_ref().map(|t| t.0.clone()),
                highlights: e.highlights.clone(),
            })
            .collect(),
        education: p
            .education
            .iter()
            .map(|e| EducationCtx {
                degree: e.degree.clone(),
                institution: e.institution.clone(),
                year: e.year.as_ref().map(|t| t.0.clone()),
            })
            .collect(),
        skills: p.skills.clone(),
        deliverables: deliverables
            .iter()
            .map(|d| {
                let status = d.status.unwrap_or(DeliverableStatus::NotStarted);
                DeliverableCtx {
                    name: d.name.clone(),
                    status: status.as_str(),
                    done: status == DeliverableStatus::Done,
                }
            })
            .collect(),
    }
}

impl Reports<'_> {
    /// The person object of someone's documents, with their deliverables
    /// as the cohort counts them.
    fn person(&self, id: &str, p: &Participant) -> PersonCtx {
        match self.facts.member(id) {
            Some(m) => person(id, p, &m.deliverables),
            None => person(id, p, &self.facts.deliverables_of(p)),
        }
    }
}

/// What a career plan's next steps are made of: open goals (soonest target
/// first) and deliverables not yet done.
#[derive(Debug, Clone, Serialize)]
pub(super) struct NextSteps {
    goals: Vec<GoalCtx>,
    deliverables: Vec<DeliverableCtx>,
    empty: bool,
}

#[derive(Serialize)]
struct CareerPlan {
    document: DocumentInfo,
    program: ProgramCtx,
    person: PersonCtx,
    next_steps: NextSteps,
}

#[derive(Serialize)]
struct Resume {
    document: DocumentInfo,
    program: ProgramCtx,
    person: PersonCtx,
    /// The experience as written; when there is none, the current position
    /// at the program's organization, from the year hired to the present.
    jobs: Vec<ExperienceCtx>,
}

fn jobs(person: &PersonCtx, program: &ProgramCtx, p: &Participant) -> Vec<ExperienceCtx> {
    if !person.experience.is_empty() {
        return person.experience.clone();
    }
    p.position
        .iter()
        .map(|title| ExperienceCtx {
            title: title.clone(),
            organization: program.organization.clone(),
            start: p.hired.map(|d| d.format("%Y").to_string()),
            end: Some("present".into()),
            highlights: Vec::new(),
        })
        .collect()
}

/// A career plan per id (ids the caller has checked exist).
pub(super) fn career_plans(c: &Reports<'_>, ids: &[&str]) -> Result<Vec<Document>, String> {
    ids.iter()
        .filter_map(|id| c.folder.participants.get(*id).map(|p| (*id, p)))
        .map(|(id, p)| {
            let person = c.person(id, p);
            let mut goals: Vec<GoalCtx> = person
                .smart_goals
                .iter()
                .filter(|g| g.open)
                .cloned()
                .collect();
            // Soonest target first; goals without a target last, in the person's order.
            goals.sort_by(|a, b| {
                (a.target.is_none(), &a.target).cmp(&(b.target.is_none(), &b.target))
            });
            let deliverables: Vec<DeliverableCtx> = person
                .deliverables
                .iter()
                .filter(|d| !d.done)
                .cloned()
                .collect();
            let name = format!("career-plans/{id}");
            Document::new(
                "career-plan",
                name.clone(),
                CareerPlan {
                    document: DocumentInfo {
                        kind: "career-plan",
                        name,
                    },
                    program: c.program(),
                    next_steps: NextSteps {
                        empty: goals.is_empty() && deliverables.is_empty(),
                        goals,
                        deliverables,
                    },
                    person,
                },
            )
        })
        .collect()
}

/// A resume skeleton per id.
pub(super) fn resumes(c: &Reports<'_>, ids: &[&str]) -> Result<Vec<Document>, String> {
    ids.iter()
        .filter_map(|id| c.folder.participants.get(*id).map(|p| (*id, p)))
        .map(|(id, p)| {
            let name = format!("resumes/{id}");
            let program = c.program();
            let person = c.person(id, p);
            Document::new(
                "resume",
                name.clone(),
                Resume {
                    document: DocumentInfo {
                        kind: "resume",
                        name,
                    },
                    jobs: jobs(&person, &program, p),
                    program,
                    person,
                },
            )
        })
        .collect()
}

/// How the person met the completion rule, for the certificate.
#[derive(Debug, Clone, Serialize)]
pub(super) struct CompletionCtx {
    attended: u32,
    held: u32,
    rate: Option<f64>,
    deliverables: Vec<String>,
}

#[derive(Serialize)]
struct Certificate {
    document: DocumentInfo,
    program: ProgramCtx,
    person: PersonCtx,
    completion: CompletionCtx,
    /// The date printed on the certificate: the program's end, or the last
    /// workshop held when the program has no end date.
    issued: Option<String>,
}

/// A certificate per id that completed; others are skipped (the command
/// refuses them before asking).
pub(super) fn certificates(c: &Reports<'_>, ids: &[&str]) -> Result<Vec<Document>, String> {
    let last_held = c
        .facts
        .register
        .held()
        .iter()
        .filter(|(_, s)| s.kind() == crate::model::SessionKind::Workshop)
        .map(|(_, s)| s.date)
        .max();
    let issued = c
        .folder
        .program
        .program
        .ends
        .or(last_held)
        .map(|d| d.to_string());
    ids.iter()
        .filter_map(|id| {
            let m = c.facts.member(id).filter(|m| m.completion.is_completed())?;
            Some((*id, m))
        })
        .map(|(id, m)| {
            let name = format!("certificates/{id}");
            Document::new(
                "certificate",
                name.clone(),
                Certificate {
                    document: DocumentInfo {
                        kind: "certificate",
                        name,
                    },
                    program: c.program(),
                    person: person(id, m.person, &m.deliverables),
                    completion: CompletionCtx {
                        attended: m.attendance.attended,
                        held: m.attendance.held,
                        rate: m.attendance.rate,
                        deliverables: m.completion.rule.required.clone(),
                    },
                    issued: issued.clone(),
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Text;

    #[test]
    fn holland_letters_get_their_words() {
        let codes = Assessment::Codes(vec![Text("S".into()), Text("e".into()), Text("C".into())]);
        let a = assessment("holland", &codes);
        assert_eq!(a.result, "S, e, C");
        assert_eq!(
            a.detail.as_deref(),
            Some("Social, Enterprising, Conventional")
        );
        let a = assessment("Holland", &Assessment::Result(Text("IRC".into())));
        assert_eq!(
            a.detail.as_deref(),
            Some("Investigative, Realistic, Conventional")
        );
        let a = assessment("holland", &Assessment::Result(Text("XYZ".into())));
        assert_eq!(a.detail, None);
        let a = assessment(
            "strengths_finder",
            &Assessment::Result(Text("Learner".into())),
        );
        assert_eq!(a.label, "Strengths finder");
    }
}
