//! The in-place changes against records with comments: one line each.

use super::*;
use crate::model::attendance::Mark;

fn folder(dir: &Path) -> Folder {
    std::fs::create_dir_all(dir.join("participants")).unwrap();
    std::fs::create_dir_all(dir.join("sessions")).unwrap();
    std::fs::write(
        dir.join("program.toml"),
        "[program]\nname = \"P\"\ntimezone = \"America/Chicago\"\nstarts = 2016-01-01\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("participants/ana.yaml"),
        "# Ana's record\nname: Ana\nemail: ana@x.org\nrole: mentee\ndepartment: Circulation\nhired: 2010-01-01\nsmart_goals:\n  - goal: Finish\n    status: not-started # for now\ndeliverables:\n  resume: draft\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("participants/bo.yaml"),
        "name: Bo\nemail: bo@x.org\nrole: mentee\ndepartment: IT\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("sessions/s1.yaml"),
        "title: One\ndate: 2016-01-12\n# who came\nattendance: [bo]\n",
    )
    .unwrap();
    crate::load(dir).unwrap()
}

#[test]
fn a_goal_a_deliverable_and_an_outcome_change_one_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let f = folder(dir.path());
    let e = edit_participant(&f, "ana", |d| set_goal(d, 0, Some(GoalStatus::Done), None)).unwrap();
    assert!(e.changed);
    assert!(
        e.text.contains("    status: done # for now\n"),
        "{}",
        e.text
    );
    assert!(e.text.starts_with("# Ana's record\n"));
    let e = edit_participant(&f, "ana", |d| {
        set_deliverable(d, "resume", DeliverableStatus::Done)
    })
    .unwrap();
    assert!(e.text.contains("  resume: done\n"), "{}", e.text);
    let change = OutcomeChange {
        completed: Some(true),
        ..OutcomeChange::default()
    };
    let e = edit_participant(&f, "ana", |d| change_outcome(d, None, &change)).unwrap();
    assert_eq!(e.record.outcome.as_ref().unwrap().completed, Some(true));
    assert!(write_participant(&f, &e).unwrap());
}

#[test]
fn clearing_the_last_outcome_field_removes_the_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let f = folder(dir.path());
    let set = OutcomeChange {
        left: Some("2017-01-01".parse().unwrap()),
        ..OutcomeChange::default()
    };
    let e = edit_participant(&f, "ana", |d| change_outcome(d, None, &set)).unwrap();
    write_participant(&f, &e).unwrap();
    let f = crate::load(dir.path()).unwrap();
    let old = f.participants["ana"].outcome.clone();
    let clear = OutcomeChange {
        clear: vec![OutcomeField::Left],
        ..OutcomeChange::default()
    };
    let e = edit_participant(&f, "ana", |d| change_outcome(d, old.as_ref(), &clear)).unwrap();
    assert!(!e.text.contains("outcome"), "{}", e.text);
    assert_eq!(
        OutcomeChange {
            left: set.left,
            clear: vec![OutcomeField::Left],
            ..OutcomeChange::default()
        }
        .check()
        .unwrap_err()
        .to_string(),
        "--clear left and a new value for it at once; give one of them"
    );
}

#[test]
fn a_promotion_before_the_start_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = folder(dir.path());
    let mut p = f.participants["ana"].clone();
    p.outcome = Some(Outcome {
        promoted: Some("2015-06-01".parse().unwrap()),
        ..Outcome::default()
    });
    assert_eq!(
        check_outcome(&f, &p).unwrap_err().to_string(),
        "promoted 2015-06-01, before the program started (2016-01-01); nothing was written"
    );
}

#[test]
fn attendance_edits_keep_comments() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = folder(dir.path());
    let edits = [
        Edit::Remove {
            list: Mark::Present,
            id: "bo".into(),
        },
        Edit::Add {
            list: Mark::Excused,
            id: "bo".into(),
        },
    ];
    let e = edit_session(&mut f, "s1", &edits).unwrap();
    assert!(e.changed);
    assert!(e.text.contains("# who came\n"), "{}", e.text);
    assert!(e.text.contains("excused"), "{}", e.text);
    assert!(write_session(&f, &e).unwrap());
    let s = &crate::load(dir.path()).unwrap().sessions["s1"];
    assert_eq!(roll(s).mark_of("bo"), Some(Mark::Excused));
    assert!(session(&f, "s2").is_err());
    assert!(participant(&f, "ana").is_ok());
}
