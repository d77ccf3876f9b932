//! The figures a program is judged by, computed from model values alone:
//! attendance, completion by the `[completion]` rule, the funnel, survey
//! means and changes, deliverable and goal counts, outcomes. Reports and
//! `progress` share them so that both always tell the same story.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::screening::{Outcome, Screening};
use crate::model::values::fold;
use crate::model::{
    Completion, Curriculum, DeliverableRule, DeliverableStatus, GoalStatus, Participant, Role,
    Session, SessionKind,
};

/// Whether a session has been held: a workshop (not a pair or group meeting)
/// whose attendance has been recorded (someone attended, was absent or excused).
/// A session with nothing recorded is still to come.
pub fn is_held_workshop(s: &Session) -> bool {
    s.kind() == SessionKind::Workshop
        && !(s.attendance.is_empty() && s.absent.is_empty() && s.excused.is_empty())
}

/// One person's record over the workshops held.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Attendance {
    /// Workshops the person attended.
    pub attended: u32,
    /// Workshops held (the denominator of the rate).
    pub held: u32,
    /// Workshops the person was excused from. Counted apart: an excused
    /// absence is not an attendance, and the workshop still counts as held.
    pub excused: u32,
    /// Workshops the person was recorded absent from.
    pub absent: u32,
}

impl Attendance {
    /// Attended over held, `None` before any workshop is held.
    pub fn rate(&self) -> Option<f64> {
        (self.held > 0).then(|| f64::from(self.attended) / f64::from(self.held))
    }
}

/// Every person's attendance over the workshops held, in one pass over the
/// sessions; read one person's with [`AttendanceBook::of`].
pub fn attendance(sessions: &BTreeMap<String, Session>) -> AttendanceBook {
    let mut book = AttendanceBook::default();
    for s in sessions.values().filter(|s| is_held_workshop(s)) {
        book.held += 1;
        let mut seen = BTreeSet::new();
        for id in &s.attendance {
            if seen.insert(id.as_str()) {
                book.by_person.entry(id.clone()).or_default().attended += 1;
            }
        }
        for id in &s.excused {
            if seen.insert(id.as_str()) {
                book.by_person.entry(id.clone()).or_default().excused += 1;
            }
        }
        for id in &s.absent {
            if seen.insert(id.as_str()) {
                book.by_person.entry(id.clone()).or_default().absent += 1;
            }
        }
    }
    book
}

/// Attendance for everyone, from [`attendance`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttendanceBook {
    /// Workshops held.
    pub held: u32,
    by_person: BTreeMap<String, Attendance>,
}

impl AttendanceBook {
    /// One person's attendance (zero attended when they were never recorded).
    pub fn of(&self, id: &str) -> Attendance {
        let mut a = self.by_person.get(id).copied().unwrap_or_default();
        a.held = self.held;
        a
    }
}

/// The deliverables `rule` asks of a person: `all` is every deliverable the
/// curriculum names plus any the person's record lists; `none` is nothing.
/// Names compare case-insensitively, as in `progress`; sorted, each once
/// (as first written).
pub fn required_deliverables(
    p: &Participant,
    rule: &DeliverableRule,
    curriculum: &[Curriculum],
) -> Vec<String> {
    let names: Vec<&String> = match rule {
        DeliverableRule::None => Vec::new(),
        DeliverableRule::Named(names) => names.iter().collect(),
        DeliverableRule::All => curriculum
            .iter()
            .flat_map(|c| c.deliverables.iter())
            .chain(p.deliverables.keys())
            .collect(),
    };
    let mut by_fold: BTreeMap<String, String> = BTreeMap::new();
    for n in names {
        by_fold
            .entry(fold(n))
            .or_insert_with(|| n.trim().to_string());
    }
    let mut out: Vec<String> = by_fold.into_values().collect();
    out.sort();
    out
}

/// A person's status of a deliverable, its name compared case-insensitively.
pub fn deliverable_status(p: &Participant, name: &str) -> Option<DeliverableStatus> {
    let want = fold(name);
    p.deliverables
        .iter()
        .find(|(k, _)| fold(k) == want)
        .map(|(_, s)| *s)
}

/// Whether a person completed the program, and why not.
#[derive(Debug, Clone, PartialEq)]
pub struct CompletionCheck {
    pub attendance: Attendance,
    /// The share of workshops the rule asks for.
    pub min_attendance: f64,
    /// Whether attendance meets the rule (never before a workshop is held,
    /// unless the rule asks for none).
    pub attendance_met: bool,
    /// The deliverables the rule asks for.
    pub required: Vec<String>,
    /// Required deliverables not done, with their status (`None`: not in the record).
    pub missing: Vec<(String, Option<DeliverableStatus>)>,
    /// Attendance met and nothing missing.
    pub completed: bool,
}

/// Applies the `[completion]` rule to one person.
pub fn completion(
    p: &Participant,
    attendance: Attendance,
    rule: &Completion,
    curriculum: &[Curriculum],
) -> CompletionCheck {
    let attendance_met = match attendance.rate() {
        Some(rate) => rate + 1e-9 >= rule.min_attendance,
        None => rule.min_attendance <= 0.0,
    };
    let required = required_deliverables(p, &rule.deliverables, curriculum);
    let missing: Vec<(String, Option<DeliverableStatus>)> = required
        .iter()
        .filter_map(|name| match deliverable_status(p, name) {
            Some(DeliverableStatus::Done) => None,
            other => Some((name.clone(), other)),
        })
        .collect();
    let completed = attendance_met && missing.is_empty();
    CompletionCheck {
        attendance,
        min_attendance: rule.min_attendance,
        attendance_met,
        required,
        missing,
        completed,
    }
}

/// Who is in the cohort: the mentees screening accepted when there is a
/// screening (`accepted`), else the mentees recorded in any session, else
/// every mentee. Sorted by id.
pub fn roster<'a>(
    participants: &'a BTreeMap<String, Participant>,
    sessions: &BTreeMap<String, Session>,
    accepted: Option<&BTreeSet<String>>,
) -> Vec<&'a str> {
    let mentees = participants
        .iter()
        .filter(|(_, p)| p.role == Role::Mentee)
        .map(|(id, _)| id.as_str());
    if let Some(accepted) = accepted {
        return mentees.filter(|id| accepted.contains(*id)).collect();
    }
    let recorded: BTreeSet<&str> = sessions
        .values()
        .flat_map(|s| {
            s.attendance
                .iter()
                .chain(&s.absent)
                .chain(&s.excused)
                .chain(&s.mentees)
        })
        .map(String::as_str)
        .collect();
    if recorded.is_empty() {
        return mentees.collect();
    }
    mentees.filter(|id| recorded.contains(id)).collect()
}

/// Applied → eligible → accepted → completed. Eligible and accepted are
/// known only once the folder has been screened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Funnel {
    pub applied: usize,
    pub eligible: Option<usize>,
    pub accepted: Option<usize>,
    pub completed: usize,
}

/// Whether screening found a person eligible (accepted or waitlisted).
pub fn is_eligible(outcome: Outcome) -> bool {
    matches!(outcome, Outcome::Accepted | Outcome::Waitlisted)
}

/// The funnel: `applied` counts every mentee; eligible and accepted come from
/// `screening.yaml` when the folder has been screened; `completed` is how
/// many of the roster completed by the rule.
pub fn funnel(
    participants: &BTreeMap<String, Participant>,
    screening: Option<&Screening>,
    completed: usize,
) -> Funnel {
    let mentee_ids = || {
        participants
            .iter()
            .filter(|(_, p)| p.role == Role::Mentee)
            .map(|(id, _)| id)
    };
    let count = |want: fn(Outcome) -> bool| {
        screening.map(|s| {
            mentee_ids()
                .filter(|id| s.outcome(id).is_some_and(want))
                .count()
        })
    };
    Funnel {
        applied: mentee_ids().count(),
        eligible: count(is_eligible),
        accepted: count(|o| o == Outcome::Accepted),
        completed,
    }
}

/// One survey question before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionChange {
    pub question: String,
    /// Mean answer in the first survey, over those who answered it.
    pub before: Option<f64>,
    pub before_n: usize,
    /// Mean answer in the second survey, over those who answered it.
    pub after: Option<f64>,
    pub after_n: usize,
    /// `after − before`, when both are known.
    pub change: Option<f64>,
}

/// Means per question of two surveys (usually `pre` and `post`) over
/// `people`, with their change; questions sorted by name.
pub fn survey_changes<'a>(
    people: impl IntoIterator<Item = &'a Participant>,
    before: &str,
    after: &str,
) -> Vec<QuestionChange> {
    let mut sums: BTreeMap<&str, [(u32, usize); 2]> = BTreeMap::new();
    for p in people {
        for (slot, survey) in [before, after].into_iter().enumerate() {
            if let Some(answers) = p.surveys.get(survey) {
                for (q, v) in answers {
                    let entry = sums.entry(q.as_str()).or_default();
                    entry[slot].0 += u32::from(*v);
                    entry[slot].1 += 1;
                }
            }
        }
    }
    let mean = |(sum, n): (u32, usize)| (n > 0).then(|| f64::from(sum) / n as f64);
    sums.into_iter()
        .map(|(q, [b, a])| {
            let (before, after) = (mean(b), mean(a));
            QuestionChange {
                question: q.to_string(),
                before,
                before_n: b.1,
                after,
                after_n: a.1,
                change: before.zip(after).map(|(b, a)| a - b),
            }
        })
        .collect()
}

/// The mean of the known changes, `None` when there is none.
pub fn mean_change(changes: &[QuestionChange]) -> Option<f64> {
    let known: Vec<f64> = changes.iter().filter_map(|c| c.change).collect();
    (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64)
}

/// What became of the roster.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcomes {
    /// Completed by the `[completion]` rule.
    pub completed: usize,
    /// Have a promotion date.
    pub promoted: usize,
    /// Have a new position.
    pub new_position: usize,
    /// Have a date they left the library.
    pub left: usize,
}

/// Counts outcomes over `people`; `completed` is passed in because it
/// follows the rule, not the record.
pub fn outcomes<'a>(
    people: impl IntoIterator<Item = &'a Participant>,
    completed: usize,
) -> Outcomes {
    let mut o = Outcomes {
        completed,
        ..Outcomes::default()
    };
    for p in people {
        if let Some(out) = &p.outcome {
            o.promoted += usize::from(out.promoted.is_some());
            o.new_position += usize::from(out.new_position.is_some());
            o.left += usize::from(out.left.is_some());
        }
    }
    o
}

/// How many deliverables of each name stand at each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub not_started: usize,
    pub draft: usize,
    pub done: usize,
}

/// Per deliverable name (sorted), the count at each status over `people`.
/// A required deliverable missing from a record counts as not started.
pub fn deliverable_counts<'a>(
    people: impl IntoIterator<Item = &'a Participant>,
    rule: &DeliverableRule,
    curriculum: &[Curriculum],
) -> BTreeMap<String, StatusCounts> {
    let mut out: BTreeMap<String, StatusCounts> = BTreeMap::new();
    for p in people {
        let mut names: BTreeSet<String> = p.deliverables.keys().cloned().collect();
        names.extend(required_deliverables(p, rule, curriculum));
        for name in names {
            let c = out.entry(name.clone()).or_default();
            match p.deliverables.get(&name) {
                Some(DeliverableStatus::Done) => c.done += 1,
                Some(DeliverableStatus::Draft) => c.draft += 1,
                Some(DeliverableStatus::NotStarted) | None => c.not_started += 1,
            }
        }
    }
    out
}

/// SMART goals by status over `people`, in the order of [`GoalStatus::WORDS`].
pub fn goal_counts<'a>(
    people: impl IntoIterator<Item = &'a Participant>,
) -> BTreeMap<GoalStatus, usize> {
    let mut out: BTreeMap<GoalStatus, usize> = [
        GoalStatus::NotStarted,
        GoalStatus::InProgress,
        GoalStatus::Done,
        GoalStatus::Dropped,
    ]
    .into_iter()
    .map(|s| (s, 0))
    .collect();
    for p in people {
        for g in &p.smart_goals {
            *out.entry(g.status()).or_default() += 1;
        }
    }
    out
}

/// `part / whole`, `None` when `whole` is 0.
pub fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Outcome, SmartGoal};

    fn session(attended: &[&str], absent: &[&str], excused: &[&str]) -> Session {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect();
        Session {
            title: "W".into(),
            date: chrono::NaiveDate::from_ymd_opt(2016, 1, 12).unwrap_or_default(),
            attendance: v(attended),
            absent: v(absent),
            excused: v(excused),
            ..Session::default()
        }
    }

    fn sessions(list: Vec<Session>) -> BTreeMap<String, Session> {
        list.into_iter()
            .enumerate()
            .map(|(i, s)| (format!("s{i}"), s))
            .collect()
    }

    fn mentee(deliverables: &[(&str, DeliverableStatus)]) -> Participant {
        Participant {
            name: "A".into(),
            deliverables: deliverables
                .iter()
                .map(|(k, v)| (k.to_string(), *v))
                .collect(),
            ..Participant::default()
        }
    }

    #[test]
    fn attendance_counts_held_workshops_and_keeps_excused_apart() {
        let mut meeting = session(&["a"], &[], &[]);
        meeting.kind = Some(SessionKind::Meeting);
        let ss = sessions(vec![
            session(&["a", "b"], &[], &[]),
            session(&["b"], &["c"], &["a"]),
            session(&[], &[], &[]), // not held yet
            meeting,
        ]);
        let book = attendance(&ss);
        assert_eq!(book.held, 2);
        let a = book.of("a");
        assert_eq!((a.attended, a.held, a.excused, a.absent), (1, 2, 1, 0));
        assert_eq!(a.rate(), Some(0.5));
        assert_eq!(book.of("b").rate(), Some(1.0));
        assert_eq!(book.of("nobody").attended, 0);
        assert_eq!(book.of("nobody").held, 2);
        assert_eq!(AttendanceBook::default().of("a").rate(), None);
    }

    #[test]
    fn completion_follows_the_rule() {
        use DeliverableStatus::*;
        let curriculum = vec![Curriculum {
            title: "x".into(),
            topics: vec![],
            activities: vec![],
            speakers: vec![],
            facilitator: None,
            deliverables: vec!["plan".into()],
        }];
        let att = |attended, held| Attendance {
            attended,
            held,
            ..Attendance::default()
        };
        let rule = |min: f64, d: DeliverableRule| Completion {
            min_attendance: min,
            deliverables: d,
        };
        let p = mentee(&[("plan", Done), ("resume", Draft)]);
        // (attendance, rule, completed, missing)
        let cases = [
            (att(3, 4), rule(0.75, DeliverableRule::None), true, vec![]),
            (att(2, 4), rule(0.75, DeliverableRule::None), false, vec![]),
            (
                att(4, 4),
                rule(0.75, DeliverableRule::All),
                false,
                vec![("resume".to_string(), Some(Draft))],
            ),
            (
                att(4, 4),
                rule(0.75, DeliverableRule::Named(vec!["plan".into()])),
                true,
                vec![],
            ),
            (
                att(4, 4),
                rule(0.0, DeliverableRule::Named(vec!["vision".into()])),
                false,
                vec![("vision".to_string(), None)],
            ),
            (att(0, 0), rule(0.5, DeliverableRule::None), false, vec![]),
            (att(0, 0), rule(0.0, DeliverableRule::None), true, vec![]),
            // 2 of 3 is 0.666…: meets two thirds despite rounding.
            (
                att(2, 3),
                rule(2.0 / 3.0, DeliverableRule::None),
                true,
                vec![],
            ),
        ];
        for (i, (a, r, done, missing)) in cases.into_iter().enumerate() {
            let c = completion(&p, a, &r, &curriculum);
            assert_eq!(c.completed, done, "case {i}");
            assert_eq!(c.missing, missing, "case {i}");
        }
    }

    /// `progress` has its own reading of the rule (for its at-risk flags and
    /// evidence); the certificates must never disagree with it.
    #[test]
    fn completion_agrees_with_progress() {
        use DeliverableStatus::*;
        let mut program: crate::model::ProgramFile = toml::from_str(
            "[program]\nname = \"P\"\n[[curriculum]]\ntitle = \"W\"\ndeliverables = [\"Plan\"]\n",
        )
        .unwrap();
        let people = [
            mentee(&[("plan", Done), ("resume", Done)]),
            mentee(&[("PLAN", Done), ("resume", Draft)]),
            mentee(&[("resume", Done)]),
            mentee(&[]),
        ];
        let ss = sessions(vec![
            session(&["a", "b"], &[], &["c"]),
            session(&["a"], &["b"], &[]),
            session(&["a", "b", "c"], &[], &[]),
        ]);
        let book = attendance(&ss);
        let far = chrono::NaiveDate::from_ymd_opt(2100, 1, 1).unwrap();
        for rule in [
            DeliverableRule::All,
            DeliverableRule::None,
            DeliverableRule::Named(vec!["Resume".into()]),
            DeliverableRule::Named(vec!["plan".into(), "vision".into()]),
        ] {
            for min in [0.0, 0.5, 2.0 / 3.0, 1.0] {
                program.completion = Completion {
                    min_attendance: min,
                    deliverables: rule.clone(),
                };
                for id in ["a", "b", "c", "z"] {
                    let theirs = crate::progress::attendance(id, &ss, far);
                    let ours = book.of(id);
                    assert_eq!(
                        (theirs.attended, theirs.held, theirs.excused),
                        (ours.attended, ours.held, ours.excused),
                        "{id}"
                    );
                    for (i, p) in people.iter().enumerate() {
                        let mine = completion(p, ours, &program.completion, &program.curriculum);
                        let progress = crate::progress::meets_completion_rule(&program, p, &theirs);
                        assert_eq!(mine.completed, progress, "{rule:?} {min} {id} person {i}");
                    }
                }
            }
        }
    }

    #[test]
    fn roster_prefers_screening_then_sessions_then_everyone() {
        let mut people = BTreeMap::new();
        for id in ["a", "b", "c"] {
            people.insert(id.to_string(), mentee(&[]));
        }
        let mut mentor = mentee(&[]);
        mentor.role = Role::Mentor;
        people.insert("m".to_string(), mentor);
        let ss = sessions(vec![session(&["a", "m"], &["b"], &[])]);
        assert_eq!(roster(&people, &ss, None), ["a", "b"]);
        assert_eq!(roster(&people, &BTreeMap::new(), None), ["a", "b", "c"]);
        let accepted: BTreeSet<String> = ["c".to_string()].into();
        assert_eq!(roster(&people, &ss, Some(&accepted)), ["c"]);
    }

    #[test]
    fn funnel_counts_decisions_of_mentees_only() {
        use crate::model::screening::{Decision, Outcome as O};
        let mut people = BTreeMap::new();
        for id in ["a", "b", "c", "d"] {
            people.insert(id.to_string(), mentee(&[]));
        }
        let decide = |decision| Decision {
            decision,
            reasons: Vec::new(),
            waitlist: None,
        };
        let screening = Screening {
            as_of: None,
            decisions: [
                ("a", O::Accepted),
                ("b", O::Waitlisted),
                ("c", O::Ineligible),
                ("zz", O::Accepted),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), decide(v)))
            .collect(),
        };
        let f = funnel(&people, Some(&screening), 1);
        assert_eq!(
            f,
            Funnel {
                applied: 4,
                eligible: Some(2),
                accepted: Some(1),
                completed: 1
            }
        );
        assert_eq!(funnel(&people, None, 0).eligible, None);
    }

    #[test]
    fn survey_means_and_change() {
        let with = |pre: &[(&str, u8)], post: &[(&str, u8)]| {
            let mut p = mentee(&[]);
            let m = |x: &[(&str, u8)]| x.iter().map(|(k, v)| (k.to_string(), *v)).collect();
            p.surveys.insert("pre".into(), m(pre));
            if !post.is_empty() {
                p.surveys.insert("post".into(), m(post));
            }
            p
        };
        let people = [
            with(&[("joy", 2), ("skill", 1)], &[("joy", 4)]),
            with(&[("joy", 3)], &[("joy", 5), ("skill", 3)]),
            with(&[("joy", 1)], &[]),
        ];
        let c = survey_changes(&people, "pre", "post");
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].question, "joy");
        assert_eq!((c[0].before, c[0].before_n), (Some(2.0), 3));
        assert_eq!((c[0].after, c[0].after_n), (Some(4.5), 2));
        assert_eq!(c[0].change, Some(2.5));
        assert_eq!(c[1].change, Some(2.0));
        assert_eq!(mean_change(&c), Some(2.25));
        assert_eq!(mean_change(&[]), None);
    }

    #[test]
    fn outcome_goal_and_deliverable_counts() {
        use DeliverableStatus::*;
        let mut a = mentee(&[("plan", Done), ("resume", Draft)]);
        a.outcome = Some(Outcome {
            completed: Some(true),
            promoted: chrono::NaiveDate::from_ymd_opt(2017, 2, 1),
            new_position: Some("Supervisor".into()),
            left: None,
        });
        a.smart_goals = vec![SmartGoal {
            goal: "g".into(),
            measure: None,
            target: None,
            status: Some(GoalStatus::Done),
        }];
        let mut b = mentee(&[("plan", NotStarted)]);
        b.outcome = Some(Outcome {
            left: chrono::NaiveDate::from_ymd_opt(2016, 11, 30),
            ..Outcome::default()
        });
        b.smart_goals = vec![SmartGoal {
            goal: "h".into(),
            measure: None,
            target: None,
            status: None,
        }];
        let people = [a, b];
        let o = outcomes(&people, 1);
        assert_eq!(
            (o.completed, o.promoted, o.new_position, o.left),
            (1, 1, 1, 1)
        );
        let g = goal_counts(&people);
        assert_eq!(g[&GoalStatus::Done], 1);
        assert_eq!(g[&GoalStatus::NotStarted], 1);
        assert_eq!(g[&GoalStatus::Dropped], 0);
        let d = deliverable_counts(&people, &DeliverableRule::Named(vec!["vision".into()]), &[]);
        assert_eq!(d["plan"].done, 1);
        assert_eq!(d["plan"].not_started, 1);
        assert_eq!(d["resume"].draft, 1);
        assert_eq!(d["vision"].not_started, 2);
        assert_eq!(share(1, 4), Some(0.25));
        assert_eq!(share(1, 0), None);
    }
}
