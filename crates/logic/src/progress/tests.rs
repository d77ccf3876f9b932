use super::*;
use crate::model::{DeliverableStatus, Outcome, SessionKind, SmartGoal};

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
    let a = attendance("ana", &s, day("2016-04-30"));
    assert_eq!((a.attended, a.excused, a.missed, a.held), (1, 1, 1, 3));
    assert_eq!(a.rate, Some(1.0 / 3.0));
    let a = attendance("ana", &s, day("2016-05-10"));
    assert_eq!((a.attended, a.held), (2, 4));
    assert_eq!(attendance("ana", &s, day("2016-01-01")).rate, None);
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
        missed_in_a_row(&Register::new(&s, day(as_of)).missed_run("ana")).map(|f| f.text)
    };
    assert_eq!(text("2016-02-28"), None, "one miss is not a run");
    assert_eq!(
        text("2016-04-30").as_deref(),
        Some("missed the last 2 sessions in a row (since 2016-02-09)")
    );
    assert_eq!(text("2016-05-10"), None, "attending ends the run");
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
    let texts: Vec<String> = overdue_goals(&p, day("2016-04-30"))
        .into_iter()
        .map(|f| f.text)
        .collect();
    assert_eq!(
        texts,
        ["goal 1 \"Lead a training\" was due 2016-03-31 and is in-progress"]
    );
    assert_eq!(overdue_goals(&p, day("2016-05-01")).len(), 2);
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
        let ctx = Context {
            program: &prog,
            sessions: &s,
            as_of: day(as_of),
        };
        let last = Register::new(&s, day(as_of)).last_meeting("ana");
        meeting_window(&ctx)
            .and_then(|w| no_meeting(&w, last))
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
    // After the program ends, periods stop at its last day.
    assert_eq!(
        occurrences(
            "FREQ=WEEKLY;INTERVAL=2",
            day("2016-01-06"),
            "America/Chicago",
            day("2016-02-03")
        ),
        [day("2016-01-06"), day("2016-01-20"), day("2016-02-03")]
    );
    assert!(occurrences("FREQ=NEVER", day("2016-01-06"), "UTC", day("2016-02-03")).is_empty());
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
    let names = |as_of: &str| {
        due_deliverables(&prog, &s, day(as_of))
            .names
            .into_iter()
            .collect::<Vec<_>>()
    };
    assert!(names("2016-02-08").is_empty());
    assert_eq!(names("2016-02-09"), ["career-plan"]);
    assert_eq!(names("2016-03-08"), ["career-plan", "resume"]);
    assert_eq!(
        names("2016-11-01"),
        ["career-plan", "resume", "vision-board"]
    );
    let mut p = person();
    p.deliverables = [
        ("Career-Plan".to_string(), DeliverableStatus::Done),
        ("resume".to_string(), DeliverableStatus::Draft),
        ("portfolio".to_string(), DeliverableStatus::Done),
    ]
    .into_iter()
    .collect();
    let d = deliverables(&p, &due_deliverables(&prog, &s, day("2016-03-08")));
    assert_eq!(
        (d.done, d.due, d.overdue),
        (1, 2, vec!["resume".to_string()])
    );
    // After the end, the person's own extra deliverable is due as well.
    let d = deliverables(&p, &due_deliverables(&prog, &s, day("2016-11-01")));
    assert_eq!(
        (d.done, d.due, d.overdue),
        (2, 4, vec!["resume".to_string(), "vision-board".to_string()])
    );
}

#[test]
fn the_completion_rule_needs_attendance_and_deliverables() {
    let prog = program("[completion]\nmin_attendance = 0.75\ndeliverables = [\"resume\"]\n");
    let mut p = person();
    let a = |attended, held| Attendance {
        attended,
        held,
        rate: Some(f64::from(attended) / f64::from(held)),
        ..Attendance::default()
    };
    assert!(
        !meets_completion_rule(&prog, &p, &a(3, 4)),
        "resume not done"
    );
    p.deliverables
        .insert("resume".into(), DeliverableStatus::Done);
    assert!(meets_completion_rule(&prog, &p, &a(3, 4)));
    assert!(!meets_completion_rule(&prog, &p, &a(2, 4)));
    assert!(!meets_completion_rule(&prog, &p, &Attendance::default()));
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
    assert_eq!(latest_survey(&p).map(|s| s.name), Some("pre".into()));
    p.surveys
        .insert("mid".into(), answers(&[("joy", 3), ("clarity", 4)]));
    let s = latest_survey(&p).unwrap();
    assert_eq!((s.name.as_str(), s.answered, s.mean), ("mid", 2, Some(3.5)));
    p.surveys.insert("post".into(), answers(&[("joy", 5)]));
    assert_eq!(latest_survey(&p).map(|s| s.name), Some("post".into()));
}

#[test]
fn outcome_dates_that_cannot_all_be_true() {
    let mut p = person();
    p.hired = Some(day("2012-01-09"));
    p.outcome = Some(Outcome {
        promoted: Some(day("2017-03-01")),
        left: Some(day("2011-11-30")),
        ..Outcome::default()
    });
    let messages: Vec<String> = outcome_issues(&p).into_iter().map(|i| i.message).collect();
    assert_eq!(
        messages,
        [
            "left 2011-11-30, before being hired (2012-01-09)",
            "promoted 2017-03-01, after leaving (2011-11-30)"
        ]
    );
    p.outcome = Some(Outcome {
        promoted: Some(day("2017-03-01")),
        left: Some(day("2017-03-01")),
        ..Outcome::default()
    });
    assert!(outcome_issues(&p).is_empty());
}

#[test]
fn rows_skip_flags_for_people_who_have_left() {
    let prog = program("");
    let s = sessions(vec![
        workshop("W1", "2016-01-12", &["bo"], &["ana"], &[]),
        workshop("W2", "2016-02-09", &["bo"], &["ana"], &[]),
    ]);
    let mut p = person();
    let ctx = Context {
        program: &prog,
        sessions: &s,
        as_of: day("2016-03-01"),
    };
    let r = &rows(&ctx, [("ana", &p)])[0];
    assert!(r.at_risk);
    p.outcome = Some(Outcome {
        left: Some(day("2016-02-15")),
        ..Outcome::default()
    });
    let r = &rows(&ctx, [("ana", &p)])[0];
    assert_eq!((r.at_risk, r.left), (false, Some(day("2016-02-15"))));
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
            ("2016-01-12".to_string(), Mark::Missed),
            ("2016-01-20".to_string(), Mark::Came),
            ("2016-02-09".to_string(), Mark::Missed)
        ]
    );
    assert_eq!(
        marks("cy"),
        [
            ("2016-01-20".to_string(), Mark::Missed),
            ("2016-02-09".to_string(), Mark::Came)
        ]
    );
    assert_eq!(marks("dee"), [("2016-02-09".to_string(), Mark::Missed)]);
    let bo = r.attendance("bo");
    assert_eq!((bo.attended, bo.excused, bo.held), (1, 1, 2));
    assert_eq!(r.last_meeting("ana"), Some(day("2016-01-20")));
    assert_eq!(r.missed_run("cy"), Vec::<NaiveDate>::new());
}
