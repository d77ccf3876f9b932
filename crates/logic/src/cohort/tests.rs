use std::collections::BTreeMap;
use std::path::PathBuf;

use super::*;
use crate::attendance::Mark;
use crate::model::screening::Decision;
use crate::model::{DeliverableStatus, Outcome as Out, SessionKind, SmartGoal};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn program(extra: &str) -> ProgramFile {
    toml::from_str(&format!(
        "[program]\nname = \"P\"\nstarts = 2016-01-01\nends = 2016-10-31\ntimezone = \"America/Chicago\"\n{extra}"
    ))
    .unwrap()
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// A workshop on `date`: who attended, was absent, was excused.
fn workshop(title: &str, date: &str, came: &[&str], absent: &[&str], excused: &[&str]) -> Session {
    Session {
        title: title.into(),
        date: day(date),
        attendance: ids(came),
        absent: ids(absent),
        excused: ids(excused),
        ..Session::default()
    }
}

fn meeting(date: &str, mentees: &[&str], came: &[&str]) -> Session {
    Session {
        title: "Pair meeting".into(),
        kind: Some(SessionKind::Meeting),
        date: day(date),
        mentor: Some("tess".into()),
        mentees: ids(mentees),
        attendance: ids(came),
        ..Session::default()
    }
}

fn sessions(list: Vec<Session>) -> BTreeMap<String, Session> {
    list.into_iter()
        .enumerate()
        .map(|(i, s)| (format!("s{i:02}"), s))
        .collect()
}

fn person() -> Participant {
    Participant {
        name: "Ana".into(),
        email: "ana@x.org".into(),
        department: "Circulation".into(),
        ..Participant::default()
    }
}

fn folder(
    program: ProgramFile,
    people: Vec<(&str, Participant)>,
    s: BTreeMap<String, Session>,
) -> Folder {
    Folder {
        root: PathBuf::from("."),
        program,
        participants: people
            .into_iter()
            .map(|(id, p)| (id.to_string(), p))
            .collect(),
        sessions: s,
        sources: BTreeMap::new(),
    }
}

fn derive<'a>(f: &'a Folder, screening: Option<&'a Screening>, as_of: &str) -> Cohort<'a> {
    Cohort::derive(Inputs {
        folder: f,
        screening,
        as_of: day(as_of),
    })
}

#[test]
fn attendance_counts_recorded_workshops_held_by_the_day() {
    let s = sessions(vec![
        workshop("W1", "2016-01-12", &["ana"], &[], &[]),
        workshop("W2", "2016-02-09", &["bo"], &[], &["ana"]),
        workshop("W3", "2016-03-08", &["bo"], &["ana"], &[]),
        // Nothing recorded yet: not counted as missed.
        workshop("W4", "2016-04-12", &[], &[], &[]),
        workshop("W5", "2016-05-10", &["ana"], &[], &[]),
        // A meeting is not a workshop.
        meeting("2016-02-20", &["ana"], &["ana"]),
    ]);
    let r = Register::new(&s, day("2016-04-30"));
    let a = r.attendance("ana");
    assert_eq!((a.attended, a.excused, a.missed, a.held), (1, 1, 1, 3));
    assert_eq!(a.rate, Some(1.0 / 3.0));
    let a = Register::new(&s, day("2016-05-10")).attendance("ana");
    assert_eq!((a.attended, a.held), (2, 4));
    assert_eq!(
        Register::new(&s, day("2016-01-01")).attendance("ana").rate,
        None
    );
    // Someone never listed at an open workshop missed it.
    let nobody = Register::new(&s, day("2016-05-10")).attendance("nobody");
    assert_eq!((nobody.attended, nobody.missed, nobody.held), (0, 4, 4));
    assert_eq!(
        register::state(&s["s03"], day("2016-05-01")),
        SessionState::NotRecorded
    );
    assert_eq!(
        register::state(&s["s04"], day("2016-05-01")),
        SessionState::ToCome
    );
}

#[test]
fn two_missed_in_a_row_is_a_flag_only_while_it_lasts() {
    let s = sessions(vec![
        workshop("W1", "2016-01-12", &["ana"], &[], &[]),
        workshop("W2", "2016-02-09", &["bo"], &["ana"], &[]),
        // Excused: neither breaks nor extends the run.
        workshop("W3", "2016-03-08", &["bo"], &[], &["ana"]),
        workshop("W4", "2016-04-12", &["bo"], &[], &[]),
        workshop("W5", "2016-05-10", &["ana"], &[], &[]),
    ]);
    let text = |as_of: &str| {
        risk::missed_in_a_row(&Register::new(&s, day(as_of)).missed_run("ana")).map(|f| f.text)
    };
    assert_eq!(text("2016-02-28"), None, "one miss is not a run");
    assert_eq!(
        text("2016-04-30").as_deref(),
        Some("missed the last 2 sessions in a row (since 2016-02-09)")
    );
    assert_eq!(text("2016-05-10"), None, "attending ends the run");
}

/// Regression: 2 of 3 workshops (67%) under a 75% rule was not flagged.
#[test]
fn attendance_below_the_completion_rule_is_an_at_risk_reason() {
    let f = folder(
        program("[completion]\nmin_attendance = 0.75\n"),
        vec![("ana", person())],
        sessions(vec![
            workshop("W1", "2016-01-12", &["ana"], &[], &[]),
            workshop("W2", "2016-02-09", &["ana"], &[], &[]),
            workshop("W3", "2016-03-08", &["bo"], &[], &[]),
        ]),
    );
    let c = derive(&f, None, "2016-03-31");
    let flags: Vec<&str> = c.members[0].flags.iter().map(|f| f.kind).collect();
    assert_eq!(flags, ["low-attendance"]);
    assert_eq!(
        c.members[0].flags[0].text,
        "attended 2 of 3 workshops (67%), below the 75% the [completion] rule asks for"
    );
}

#[test]
fn goals_past_their_target_and_not_done_are_flagged() {
    let goal = |g: &str, target: &str, status: GoalStatus| SmartGoal {
        goal: g.into(),
        measure: None,
        target: Some(day(target)),
        status: Some(status),
    };
    let mut p = person();
    p.smart_goals = vec![
        goal("Lead a training", "2016-03-31", GoalStatus::InProgress),
        goal("Shadow a librarian", "2016-03-31", GoalStatus::Done),
        goal("Apply for MLS", "2016-03-31", GoalStatus::Dropped),
        goal("Present the pilot", "2016-04-30", GoalStatus::NotStarted),
    ];
    let texts: Vec<String> = risk::overdue_goals(&p, day("2016-04-30"))
        .into_iter()
        .map(|f| f.text)
        .collect();
    assert_eq!(
        texts,
        ["goal 1 \"Lead a training\" was due 2016-03-31 and is in-progress"]
    );
    assert_eq!(risk::overdue_goals(&p, day("2016-05-01")).len(), 2);
    let g = GoalCounts::of(&p);
    assert_eq!(
        (g.not_started, g.in_progress, g.done, g.dropped, g.total()),
        (1, 1, 1, 1, 4)
    );
}

#[test]
fn a_closed_meeting_period_without_a_meeting_is_flagged() {
    let prog = program(
        "[schedule]\nfirst = 2016-01-06\nrepeat = \"FREQ=MONTHLY;BYDAY=2TU\"\ntime = \"14:00\"\nduration = \"2h\"\nmeetings = \"FREQ=WEEKLY;INTERVAL=2\"\n",
    );
    let s = sessions(vec![
        meeting("2016-01-08", &["ana"], &["ana"]),
        meeting("2016-01-22", &["ana"], &[]),
    ]);
    let flag = |as_of: &str| {
        let r = Register::new(&s, day(as_of));
        let last = r.last_meeting("ana");
        risk::meeting_window(&prog, &r, day(as_of))
            .and_then(|w| risk::no_meeting(&w, last))
            .map(|f| f.text)
    };
    // Periods start 01-06, 01-20, 02-03 …; the first closes on 01-20.
    assert_eq!(flag("2016-01-19"), None, "no period has closed yet");
    assert_eq!(
        flag("2016-02-02"),
        None,
        "met on 01-08, in the last closed period"
    );
    assert_eq!(
        flag("2016-02-03").as_deref(),
        Some(
            "no meeting with their mentor since 2016-01-20 (last met 2016-01-08; [schedule] meetings = \"FREQ=WEEKLY;INTERVAL=2\")"
        )
    );
}

#[test]
fn deliverables_fall_due_with_their_workshop_or_at_the_end() {
    let prog = program(
        "[completion]\ndeliverables = [\"career-plan\", \"resume\", \"vision-board\"]\n\
         [[curriculum]]\ntitle = \"Goals\"\ndeliverables = [\"career-plan\"]\n\
         [[curriculum]]\ntitle = \"Resume Writing\"\ndeliverables = [\"resume\"]\n",
    );
    // The second workshop's title differs: its place in the order counts.
    let s = sessions(vec![
        workshop("goals", "2016-02-09", &["ana"], &[], &[]),
        workshop("Resumes", "2016-03-08", &["ana"], &[], &[]),
    ]);
    let keys = |as_of: &str| {
        let ended = program_ended(&prog, &s, day(as_of));
        deliverables::due(&prog, &s, day(as_of), ended)
            .keys
            .into_iter()
            .collect::<Vec<_>>()
    };
    assert!(keys("2016-02-08").is_empty());
    assert_eq!(keys("2016-02-09"), ["career plan"]);
    assert_eq!(keys("2016-03-08"), ["career plan", "resume"]);
    assert_eq!(
        keys("2016-11-01"),
        ["career plan", "resume", "vision board"]
    );
    let mut p = person();
    p.deliverables = [
        ("Career-Plan".to_string(), DeliverableStatus::Done),
        ("resume".to_string(), DeliverableStatus::Draft),
        ("portfolio".to_string(), DeliverableStatus::Done),
    ]
    .into_iter()
    .collect();
    let f = folder(prog, vec![("ana", p)], s);
    let d = derive(&f, None, "2016-03-08").members[0].done_of_due();
    assert_eq!(
        (d.done, d.due, d.overdue),
        (1, 2, vec!["resume".to_string()])
    );
    // After the end, the person's own extra deliverable is due as well.
    let d = derive(&f, None, "2016-11-01").members[0].done_of_due();
    assert_eq!(
        (d.done, d.due, d.overdue),
        (2, 4, vec!["resume".to_string(), "vision-board".to_string()])
    );
}

/// Regression: `Resume: done` in a record was counted done as "Resume" and
/// not started as "resume" for the same person.
#[test]
fn one_deliverable_whatever_its_spelling() {
    let mut p = person();
    p.deliverables = [("Resume".to_string(), DeliverableStatus::Done)]
        .into_iter()
        .collect();
    let mut q = person();
    q.deliverables = [("career_plan".to_string(), DeliverableStatus::Draft)]
        .into_iter()
        .collect();
    let f = folder(
        program("[[curriculum]]\ntitle = \"W\"\ndeliverables = [\"resume\", \"Career Plan\"]\n"),
        vec![("ana", p), ("bo", q)],
        sessions(vec![workshop("W", "2016-01-12", &["ana", "bo"], &[], &[])]),
    );
    let c = derive(&f, None, "2016-12-01");
    let counts: Vec<(String, usize, usize, usize)> = c
        .deliverables
        .iter()
        .map(|d| (d.name.clone(), d.not_started, d.draft, d.done))
        .collect();
    assert_eq!(
        counts,
        [
            ("Career Plan".to_string(), 1, 1, 0),
            ("resume".to_string(), 1, 0, 1)
        ]
    );
    assert!(
        c.members[0]
            .completion
            .rule
            .missing
            .iter()
            .all(|(n, _)| n != "resume")
    );
}

#[test]
fn the_completion_rule_needs_attendance_and_deliverables() {
    use DeliverableStatus::*;
    let rule = |min: f64, d: &str| -> ProgramFile {
        program(&format!(
            "[completion]\nmin_attendance = {min}\ndeliverables = {d}\n[[curriculum]]\ntitle = \"W\"\ndeliverables = [\"plan\"]\n"
        ))
    };
    let s = sessions(vec![
        workshop("W", "2016-01-12", &["ana"], &[], &[]),
        workshop("W2", "2016-02-09", &["ana"], &[], &[]),
        workshop("W3", "2016-03-08", &["ana"], &[], &[]),
        workshop("W4", "2016-04-12", &[], &["ana"], &[]),
    ]);
    let mut p = person();
    p.deliverables = [("plan".to_string(), Done), ("resume".to_string(), Draft)]
        .into_iter()
        .collect();
    // (rule, completed, missing)
    let cases = [
        (rule(0.75, "\"none\""), true, vec![]),
        (rule(0.8, "\"none\""), false, vec![]),
        (
            rule(0.75, "\"all\""),
            false,
            vec![("resume".to_string(), Some(Draft))],
        ),
        (rule(0.75, "[\"Plan\"]"), true, vec![]),
        (
            rule(0.0, "[\"vision\"]"),
            false,
            vec![("vision".to_string(), None)],
        ),
    ];
    for (i, (prog, done, missing)) in cases.into_iter().enumerate() {
        let f = folder(prog, vec![("ana", p.clone())], s.clone());
        let c = derive(&f, None, "2016-12-01");
        let m = &c.members[0];
        assert_eq!(m.completion.completed, Some(done), "case {i}");
        assert_eq!(m.completion.basis, Basis::Rule, "case {i}");
        assert_eq!(m.completion.rule.missing, missing, "case {i}");
    }
    // Before the end, and with no record, completion is not known yet.
    let f = folder(rule(0.75, "\"none\""), vec![("ana", p)], s);
    let c = derive(&f, None, "2016-06-01");
    assert_eq!(
        (
            c.members[0].completion.completed,
            c.outcomes.completion_unknown
        ),
        (None, 1)
    );
}

/// Regression: a recorded `outcome.completed: false` and the rule's "done"
/// gave 4 of 7 in one output and 5 of 7 in another, with no word.
#[test]
fn a_record_that_contradicts_the_rule_stands_and_warns() {
    let mut p = person();
    p.outcome = Some(Out {
        completed: Some(false),
        ..Out::default()
    });
    let f = folder(
        program("[completion]\nmin_attendance = 0.5\ndeliverables = \"none\"\n"),
        vec![("robert-olsen", p)],
        sessions(vec![workshop(
            "W",
            "2016-01-12",
            &["robert-olsen"],
            &[],
            &[],
        )]),
    );
    let c = derive(&f, None, "2016-12-01");
    assert_eq!(c.members[0].completion.completed, Some(false));
    assert_eq!(c.completed(), 0);
    assert_eq!(c.warnings.len(), 1);
    assert_eq!(
        c.warnings[0].message,
        "outcome.completed is false, but by the [completion] rule they completed (attended 1 of 1 workshops and did every required deliverable); the recorded false is used"
    );
    // Before the end, no warning: the rule's verdict is not final.
    assert!(derive(&f, None, "2016-06-01").warnings.is_empty());
}

#[test]
fn latest_survey_is_post_then_others_then_pre() {
    let mut p = person();
    let answers = |v: &[(&str, u8)]| {
        v.iter()
            .map(|(k, n)| (k.to_string(), *n))
            .collect::<BTreeMap<_, _>>()
    };
    p.surveys.insert("pre".into(), answers(&[("joy", 2)]));
    assert_eq!(
        surveys::latest_survey(&p).map(|s| s.name),
        Some("pre".into())
    );
    p.surveys
        .insert("mid".into(), answers(&[("joy", 3), ("clarity", 4)]));
    let s = surveys::latest_survey(&p).unwrap();
    assert_eq!((s.name.as_str(), s.answered, s.mean), ("mid", 2, Some(3.5)));
    p.surveys.insert("post".into(), answers(&[("joy", 5)]));
    assert_eq!(
        surveys::latest_survey(&p).map(|s| s.name),
        Some("post".into())
    );
}

/// Regression: an unpaired mean let a drop-out with low first answers
/// inflate the change (+1.40 in one output, +1.17 in another).
#[test]
fn survey_changes_are_paired() {
    let with = |pre: &[(&str, u8)], post: &[(&str, u8)]| {
        let mut p = person();
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
    let c = surveys::paired_changes(&people);
    assert_eq!(c.len(), 2);
    let joy = &c[0];
    assert_eq!(
        (joy.question.as_str(), joy.n, joy.only_pre, joy.only_post),
        ("joy", 2, 1, 0)
    );
    assert_eq!(
        (joy.pre_mean, joy.post_mean, joy.change),
        (Some(2.5), Some(4.5), Some(2.0))
    );
    assert_eq!(joy.diffs, [2, 2]);
    let skill = &c[1];
    assert_eq!(
        (skill.n, skill.only_pre, skill.only_post, skill.change),
        (0, 1, 1, None)
    );
    assert_eq!(surveys::mean_change(&c), Some(2.0));
}

#[test]
fn outcome_dates_that_cannot_all_be_true() {
    let mut p = person();
    p.hired = Some(day("2012-01-09"));
    p.outcome = Some(Out {
        promoted: Some(day("2017-03-01")),
        left: Some(day("2011-11-30")),
        ..Out::default()
    });
    let messages: Vec<String> = crate::model::outcome_rules::outcome_issues(&p)
        .into_iter()
        .map(|i| i.message)
        .collect();
    assert_eq!(
        messages,
        [
            "left 2011-11-30, before being hired (2012-01-09)",
            "promoted 2017-03-01, after leaving (2011-11-30)"
        ]
    );
}

#[test]
fn no_flags_for_people_who_have_left() {
    let s = sessions(vec![
        workshop("W1", "2016-01-12", &["bo"], &["ana"], &[]),
        workshop("W2", "2016-02-09", &["bo"], &["ana"], &[]),
    ]);
    let mut p = person();
    let f = folder(program(""), vec![("ana", p.clone())], s.clone());
    assert!(derive(&f, None, "2016-03-01").members[0].at_risk());
    p.outcome = Some(Out {
        left: Some(day("2016-02-15")),
        ..Out::default()
    });
    let f = folder(program(""), vec![("ana", p)], s);
    let c = derive(&f, None, "2016-03-01");
    let m = &c.members[0];
    assert_eq!((m.at_risk(), m.left), (false, Some(day("2016-02-15"))));
    assert_eq!(c.outcomes.left, 1);
}

#[test]
fn the_register_knows_who_was_expected_where() {
    let mut w = workshop("Small group", "2016-01-12", &["bo"], &[], &[]);
    w.mentees = ids(&["ana", "bo"]);
    let s = sessions(vec![
        w,
        // ana listed twice (mentees and attendance): she came.
        meeting("2016-01-20", &["ana", "cy"], &["ana"]),
        workshop("All", "2016-02-09", &["cy"], &[], &["bo"]),
    ]);
    let r = Register::new(&s, day("2016-03-01"));
    let marks = |id: &str| {
        r.sessions_of(id)
            .into_iter()
            .map(|(s, m)| (s.date.to_string(), m))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        marks("ana"),
        [
            ("2016-01-12".to_string(), Mark::Absent),
            ("2016-01-20".to_string(), Mark::Present),
            ("2016-02-09".to_string(), Mark::Absent)
        ]
    );
    assert_eq!(
        marks("cy"),
        [
            ("2016-01-20".to_string(), Mark::Absent),
            ("2016-02-09".to_string(), Mark::Present)
        ]
    );
    assert_eq!(marks("dee"), [("2016-02-09".to_string(), Mark::Absent)]);
    let bo = r.attendance("bo");
    assert_eq!((bo.attended, bo.excused, bo.held), (1, 1, 2));
    assert_eq!(r.last_meeting("ana"), Some(day("2016-01-20")));
    assert_eq!(r.missed_run("cy"), Vec::<NaiveDate>::new());
}

#[test]
fn the_roster_is_the_accepted_mentees_or_every_mentee() {
    let mut mentor = person();
    mentor.role = Role::Mentor;
    let people = vec![
        ("a", person()),
        ("b", person()),
        ("c", person()),
        ("m", mentor),
    ];
    let f = folder(program(""), people, BTreeMap::new());
    let c = derive(&f, None, "2016-12-01");
    assert_eq!(c.roster(), ["a", "b", "c"]);
    assert_eq!(c.roster_note().as_deref(), Some(NOT_SCREENED));
    let decide = |decision| Decision {
        decision,
        reasons: Vec::new(),
        waitlist: None,
    };
    let screening = Screening {
        as_of: None,
        decisions: [
            ("a", Outcome::Accepted),
            ("b", Outcome::Waitlisted),
            ("c", Outcome::Ineligible),
            ("zz", Outcome::Accepted),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), decide(v)))
        .collect(),
    };
    let c = derive(&f, Some(&screening), "2016-12-01");
    assert_eq!(c.roster(), ["a"]);
    assert_eq!(c.roster_note(), None);
    assert!(c.unscreened.is_empty());
    // A mentee the screening does not name applied after it: outside the
    // roster, and named.
    let mut later = screening.clone();
    later.decisions.remove("b");
    later.decisions.remove("c");
    let c = derive(&f, Some(&later), "2016-12-01");
    assert_eq!(c.roster(), ["a"]);
    assert_eq!(c.unscreened, ["b", "c"]);
    assert_eq!(
        c.roster_note().as_deref(),
        Some(
            "2 mentees are not in screening.yaml, so not in the cohort (b, c): run `mentorkit screen`"
        )
    );
    let c = derive(&f, Some(&screening), "2016-12-01");
    assert_eq!(
        c.funnel,
        Funnel {
            applied: 3,
            eligible: Some(2),
            accepted: Some(1),
            // No workshop held: the 75% attendance rule is not met.
            completed: 0
        }
    );
    assert_eq!(derive(&f, None, "2016-12-01").funnel.eligible, None);
}
