//! The one set of facts about a cohort, derived once per run from the loaded
//! folder, its screening and a day: who is in the cohort, which sessions were
//! held, each member's attendance, deliverables, goals, completion, latest
//! survey and risk flags, and the cohort's counts, paired survey changes,
//! funnel and outcomes. Every listing, document and figure reads these;
//! nothing else recomputes them, so two outputs of one folder never disagree.
//! Pure: values in, values out.
//!
//! Who is in the cohort: the mentees `screening.yaml` accepted; before the
//! folder is screened, every mentee (and [`Cohort::roster_note`] says so,
//! for every output that depends on it to print). The applicants screening
//! did not accept are kept too, with their careers: they are the built-in
//! comparison group of the evidence.

pub mod careers;
pub mod competencies;
pub mod completion;
pub mod deliverables;
pub mod meetings;
pub mod pseudonyms;
pub mod register;
mod risk;
mod roster;
mod spread;
pub mod surveys;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::screening::{Outcome, Screening};
use crate::model::{Career, Folder, GoalStatus, Participant, ProgramFile, Role, Session};

pub use careers::{Applicant, start_day};
pub use competencies::CompetencyChange;
pub use completion::{Basis, Completion, RuleCheck};
pub use deliverables::{DeliverableCount, DeliverableState, Deliverables, name_key};
pub use register::{Attendance, Register, SessionState};
pub use risk::{Flag, MeetingWindow};
pub use roster::{NOT_SCREENED, RosterBasis};
pub use surveys::{QuestionChange, SurveySummary};

/// What a cohort is derived from.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    pub folder: &'a Folder,
    /// `screening.yaml`, when the folder has been screened.
    pub screening: Option<&'a Screening>,
    /// The day the facts are counted to: today, `--today` or `--as-of`.
    pub as_of: NaiveDate,
}

/// SMART goals by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct GoalCounts {
    pub not_started: u32,
    pub in_progress: u32,
    pub done: u32,
    pub dropped: u32,
}

impl GoalCounts {
    /// The goals of one person.
    pub fn of(p: &Participant) -> GoalCounts {
        let mut c = GoalCounts::default();
        for g in &p.smart_goals {
            match g.status() {
                GoalStatus::NotStarted => c.not_started += 1,
                GoalStatus::InProgress => c.in_progress += 1,
                GoalStatus::Done => c.done += 1,
                GoalStatus::Dropped => c.dropped += 1,
            }
        }
        c
    }

    /// All goals.
    pub fn total(&self) -> u32 {
        self.not_started + self.in_progress + self.done + self.dropped
    }

    fn add(&mut self, o: &GoalCounts) {
        self.not_started += o.not_started;
        self.in_progress += o.in_progress;
        self.done += o.done;
        self.dropped += o.dropped;
    }
}

/// One member of the cohort, with every fact about them.
#[derive(Debug, Clone)]
pub struct Member<'a> {
    pub id: &'a str,
    pub person: &'a Participant,
    pub attendance: Attendance,
    /// Every deliverable of the program, and the person's own others.
    pub deliverables: Vec<DeliverableState>,
    pub goals: GoalCounts,
    pub completion: Completion,
    /// The most recent survey they answered.
    pub latest_survey: Option<SurveySummary>,
    /// The last meeting (`kind: meeting`) they attended.
    pub last_meeting: Option<NaiveDate>,
    /// The day they left the library, when it has passed by the day counted
    /// to: no risk flags are raised for them after that.
    pub left: Option<NaiveDate>,
    pub flags: Vec<Flag>,
    /// Hired, promoted, left (as recorded, even after the day), department
    /// and certifications: what the evidence counts.
    pub career: Career,
}

impl Member<'_> {
    /// Whether anything puts them at risk.
    pub fn at_risk(&self) -> bool {
        !self.flags.is_empty()
    }

    /// Deliverables done of those due.
    pub fn done_of_due(&self) -> Deliverables {
        deliverables::done_of_due(&self.deliverables)
    }
}

/// Applied → eligible → accepted → completed. Eligible and accepted are
/// known only once the folder has been screened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Funnel {
    pub applied: usize,
    pub eligible: Option<usize>,
    pub accepted: Option<usize>,
    pub completed: usize,
}

/// What became of the roster by the day counted to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Outcomes {
    /// Completed, as it stands (see [`completion`]).
    pub completed: usize,
    /// Completion not known yet.
    pub completion_unknown: usize,
    /// Have a promotion date.
    pub promoted: usize,
    /// Have a new position.
    pub new_position: usize,
    /// Left the library by the day.
    pub left: usize,
}

/// Something in the folder that is valid but contradicts itself: printed by
/// `check` and `progress`, never an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The participant it is about.
    pub id: String,
    /// The field, e.g. `outcome.completed`.
    pub field: &'static str,
    pub message: String,
    pub help: String,
}

/// The derived cohort.
#[derive(Debug, Clone)]
pub struct Cohort<'a> {
    pub folder: &'a Folder,
    pub screening: Option<&'a Screening>,
    pub as_of: NaiveDate,
    pub basis: RosterBasis,
    /// Mentees the screening does not name (they applied after it ran), so
    /// not in the roster until `screen` runs again; empty before screening.
    pub unscreened: Vec<&'a str>,
    /// The day the program started, from which the evidence counts its
    /// windows (see [`start_day`]).
    pub start: Option<NaiveDate>,
    /// The program has ended by the day (see [`program_ended`]).
    pub ended: bool,
    /// The sessions held by the day and who came.
    pub register: Register<'a>,
    /// The roster, by id.
    pub members: Vec<Member<'a>>,
    /// The program's deliverables, in the order the program names them.
    pub catalog: Vec<deliverables::Named>,
    /// Which of them are due by the day.
    pub due: deliverables::Due,
    /// The one name each deliverable is shown by, by key: the program's
    /// spelling, else the first member's (by id).
    pub names: std::collections::BTreeMap<String, String>,
    /// Per deliverable, how many members stand at each status.
    pub deliverables: Vec<DeliverableCount>,
    pub goals: GoalCounts,
    /// Paired pre/post change per question.
    pub surveys: Vec<QuestionChange>,
    /// Pre → post per competency the members chose, over those who chose it.
    pub competencies: Vec<CompetencyChange>,
    /// The mentees screening waitlisted or found ineligible, by id.
    pub applicants: Vec<Applicant<'a>>,
    pub funnel: Funnel,
    pub outcomes: Outcomes,
    pub warnings: Vec<Warning>,
    /// Pair and group meetings, a line per pair or group.
    pub meetings: Vec<meetings::MeetingGroup<'a>>,
    /// `[schedule] meetings` asks for meetings and a period has closed, but
    /// no meeting's attendance is recorded: no one is flagged for meetings.
    pub meetings_untracked: bool,
}

/// Whether the program has ended by `as_of`: its `ends` day has passed; with
/// no `ends`, its last session's day has passed.
pub fn program_ended(
    program: &ProgramFile,
    sessions: &std::collections::BTreeMap<String, Session>,
    as_of: NaiveDate,
) -> bool {
    match program.program.ends {
        Some(end) => end < as_of,
        None => sessions
            .values()
            .map(|s| s.date)
            .max()
            .is_some_and(|d| d < as_of),
    }
}

impl<'a> Cohort<'a> {
    /// Derives every fact, once.
    pub fn derive(inputs: Inputs<'a>) -> Cohort<'a> {
        let Inputs {
            folder,
            screening,
            as_of,
        } = inputs;
        let program = &folder.program;
        let ended = program_ended(program, &folder.sessions, as_of);
        let register = Register::new(&folder.sessions, as_of);
        let catalog = deliverables::catalog(program);
        let due = deliverables::due(program, &folder.sessions, as_of, ended);
        let window = risk::meeting_window(program, &register, as_of);
        let basis = RosterBasis::of(screening);
        let unscreened = roster::unscreened(folder, screening);
        let chosen: Vec<(&'a String, &'a Participant)> = folder
            .participants
            .iter()
            .filter(|(id, p)| {
                p.role == Role::Mentee
                    && screening.is_none_or(|s| s.outcome(id) == Some(Outcome::Accepted))
            })
            .collect();
        let members: Vec<Member<'a>> = spread::map(&chosen, |&(id, p)| {
            let held = register.sessions_of(id);
            let attendance = register::attendance_in(&held);
            let states = deliverables::states(p, &catalog, &program.completion.deliverables, &due);
            let rule = completion::check(&attendance, &states, &program.completion);
            let recorded = p.outcome.as_ref().and_then(|o| o.completed);
            let last_meeting = register::last_meeting_in(&held);
            let left = p
                .outcome
                .as_ref()
                .and_then(|o| o.left)
                .filter(|&d| d <= as_of);
            let flags = match left {
                Some(_) => Vec::new(),
                None => risk::flags(
                    p,
                    &attendance,
                    &register::missed_run_in(&held),
                    last_meeting,
                    program,
                    window.as_ref(),
                    as_of,
                ),
            };
            Member {
                id: id.as_str(),
                person: p,
                completion: Completion::settle(rule, recorded, ended),
                deliverables: states,
                goals: GoalCounts::of(p),
                latest_survey: surveys::latest_survey(p),
                attendance,
                last_meeting,
                left,
                flags,
                career: careers::career(p),
            }
        });
        let mut members = members;
        // The answers' totals need only the people; the deliverables'
        // names are settled meanwhile.
        let people: Vec<&Participant> = members.iter().map(|m| m.person).collect();
        let ((surveys, competencies, applicants), names) = spread::join(
            || {
                (
                    surveys::paired_changes(people.iter().copied()),
                    competencies::proficiency(people.iter().copied()),
                    careers::applicants(folder, screening),
                )
            },
            || deliverables::settle_names(&catalog, &mut members),
        );
        let meetings_untracked = risk::closed_period(program, as_of).is_some()
            && !register.meetings_recorded()
            && !members.is_empty();
        let mut cohort = Cohort {
            folder,
            screening,
            as_of,
            basis,
            unscreened,
            start: start_day(program, &folder.sessions),
            ended,
            deliverables: deliverables::counts(members.iter().map(|m| m.deliverables.as_slice())),
            surveys,
            competencies,
            applicants,
            goals: GoalCounts::default(),
            funnel: Funnel::default(),
            outcomes: Outcomes::default(),
            warnings: Vec::new(),
            meetings: meetings::groups(folder.sessions.values(), as_of),
            register,
            catalog,
            due,
            names,
            members,
            meetings_untracked,
        };
        cohort.count();
        cohort
    }

    /// The cohort's totals, from the members.
    fn count(&mut self) {
        let mut goals = GoalCounts::default();
        let mut o = Outcomes::default();
        for m in &self.members {
            goals.add(&m.goals);
            match m.completion.completed {
                Some(true) => o.completed += 1,
                Some(false) => {}
                None => o.completion_unknown += 1,
            }
            if let Some(out) = &m.person.outcome {
                o.promoted += usize::from(out.promoted.is_some());
                o.new_position += usize::from(out.new_position.is_some());
            }
            o.left += usize::from(m.left.is_some());
        }
        self.goals = goals;
        self.outcomes = o;
        self.funnel = funnel(self.folder, self.screening, o.completed);
        self.warnings = self.members.iter().filter_map(conflict_warning).collect();
    }

    /// One member by id.
    pub fn member(&self, id: &str) -> Option<&Member<'a>> {
        self.members
            .binary_search_by(|m| m.id.cmp(id))
            .ok()
            .map(|i| &self.members[i])
    }

    /// The roster's ids, sorted.
    pub fn roster(&self) -> Vec<&'a str> {
        self.members.iter().map(|m| m.id).collect()
    }

    /// How many of the roster completed, as it stands.
    pub fn completed(&self) -> usize {
        self.outcomes.completed
    }

    /// Anyone's state of every deliverable, by the same rule as the members'
    /// (for documents of people outside the roster, such as mentors).
    pub fn deliverables_of(&self, p: &Participant) -> Vec<DeliverableState> {
        let mut states = deliverables::states(
            p,
            &self.catalog,
            &self.folder.program.completion.deliverables,
            &self.due,
        );
        deliverables::rename(&mut states, &self.names);
        states
    }

    /// Who is expected at session `s`: a meeting's mentor and mentees when
    /// it names them, else the roster; and anyone whose attendance was
    /// recorded there. By id. The printed sign-in sheet and the dashboard's
    /// sign-in page both list these.
    pub fn expected_at<'s>(&'s self, s: &'s Session) -> Vec<&'s str> {
        let mut ids: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
        if s.mentor.is_some() || !s.mentees.is_empty() {
            ids.extend(s.mentor.as_deref());
            ids.extend(s.mentees.iter().map(String::as_str));
        } else {
            ids.extend(self.members.iter().map(|m| m.id));
        }
        ids.extend(
            s.attendance
                .iter()
                .chain(&s.absent)
                .chain(&s.excused)
                .map(String::as_str),
        );
        ids.into_iter().collect()
    }

    /// Workshops held by the day.
    pub fn workshops_held(&self) -> u32 {
        self.register.workshops_held()
    }

    /// The mean of the questions' paired changes.
    pub fn survey_change(&self) -> Option<f64> {
        surveys::mean_change(&self.surveys)
    }
}

/// Whether screening found a person eligible (accepted or waitlisted).
pub fn is_eligible(outcome: Outcome) -> bool {
    matches!(outcome, Outcome::Accepted | Outcome::Waitlisted)
}

/// The funnel: `applied` counts every mentee; eligible and accepted come from
/// `screening.yaml` when the folder has been screened.
fn funnel(folder: &Folder, screening: Option<&Screening>, completed: usize) -> Funnel {
    let count = |want: fn(Outcome) -> bool| {
        screening.map(|s| {
            folder
                .mentees()
                .filter(|(id, _)| s.outcome(id).is_some_and(want))
                .count()
        })
    };
    Funnel {
        applied: folder.mentees().count(),
        eligible: count(is_eligible),
        accepted: count(|o| o == Outcome::Accepted),
        completed,
    }
}

/// A recorded `outcome.completed` that contradicts the rule, once the
/// program has ended.
fn conflict_warning(m: &Member<'_>) -> Option<Warning> {
    let c = &m.completion;
    let recorded = c.recorded.filter(|_| c.conflict)?;
    let rule = if c.rule.met {
        "completed"
    } else {
        "not completed"
    };
    Some(Warning {
        id: m.id.to_string(),
        field: "outcome.completed",
        message: format!(
            "outcome.completed is {recorded}, but by the [completion] rule they {rule} ({}); the recorded {recorded} is used",
            c.rule_words(&m.attendance)
        ),
        help: format!(
            "if the record is out of date, run `mentorkit outcome {id} --completed {}`, or `mentorkit outcome {id} --clear completed` to let the rule decide",
            if c.rule.met { "yes" } else { "no" },
            id = m.id,
        ),
    })
}

/// `part / whole`, `None` when `whole` is 0.
pub fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}
