//! `schedule`, `schedule suggest`, `attend` and the `--ics` export.

use std::fs;
use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::{Run, Test, repo};

/// The same folder again, for a second command.
fn again(run: Run) -> Test {
    let mut t = Test::new();
    t.tmp = run.tmp;
    t
}

/// The career example without its session files.
fn career_without_sessions() -> Test {
    let t = Test::example("career-development");
    fs::remove_dir_all(t.path().join("sessions")).unwrap();
    t
}

const CAREER_IDS: [&str; 9] = [
    "2016-01-12-career-personality-assessments",
    "2016-02-09-career-research-decision-making",
    "2016-03-08-smart-goal-setting",
    "2016-04-12-personal-swot-analysis-mission-statements",
    "2016-05-10-resume-cover-letter-development",
    "2016-06-14-mock-interviews",
    "2016-08-09-leaders-across-the-profession",
    "2016-09-13-vision-board-creation",
    "2016-10-11-reflections-celebration",
];

fn sessions_in(run: &Run) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(run.path().join("sessions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn career_example_nine_second_tuesdays_with_july_skipped() {
    let run = career_without_sessions().args(["schedule"]).run().ok();
    let want: Vec<String> = CAREER_IDS.iter().map(|id| format!("{id}.yaml")).collect();
    assert_eq!(sessions_in(&run), want);
    assert!(run.stderr.starts_with(
        "9 workshops, 2016-01-12 to 2016-10-11: the curriculum is used up\n\
         closure 2016-07-12: its workshop moves to the next date of the rule\n\
         create sessions/2016-01-12-career-personality-assessments.yaml\n"
    ));
    assert!(
        run.stderr
            .ends_with("9 created, 0 completed, 0 unchanged\n")
    );
    assert_eq!(
        run.read("sessions/2016-01-12-career-personality-assessments.yaml"),
        "title: \"Career & Personality Assessments\"\n\
         kind: workshop\n\
         date: 2016-01-12\n\
         time: \"14:00\"\n\
         duration: 2h30m\n\
         location: Central Library, Meeting Room B\n\
         online: https://groupspaces.example.org/anytown-career\n\
         topics: [MBTI, Holland Codes]\n\
         activities: [journaling, peer discussion]\n"
    );
    assert!(
        run.read("sessions/2016-08-09-leaders-across-the-profession.yaml")
            .contains("speakers: [Director of Public Services, Technical Services Manager]\n")
    );
    // What it wrote passes `check`.
    again(run).args(["check"]).run().ok();
}

#[test]
fn the_example_as_shipped_is_left_byte_for_byte() {
    let run = Test::example("career-development")
        .args(["schedule"])
        .run()
        .ok()
        .stderr_has("0 created, 0 completed, 9 unchanged\n");
    for id in CAREER_IDS {
        let rel = format!("sessions/{id}.yaml");
        let shipped = fs::read_to_string(repo().join("examples/career-development").join(&rel));
        assert_eq!(run.read(&rel), shipped.unwrap(), "{rel}");
    }
}

#[test]
fn rerun_keeps_edits_and_comments_and_adds_only_what_is_missing() {
    let run = career_without_sessions().args(["schedule"]).run().ok();
    let rel = "sessions/2016-03-08-smart-goal-setting.yaml";
    // A coordinator moves the room (with a comment), adds notes and
    // attendance, and deletes the time by mistake.
    let edited = run
        .read(rel)
        .replace(
            "location: Central Library, Meeting Room B\n",
            "# the big room was booked\nlocation: Branch Library, Room 1  # upstairs\n",
        )
        .replace("time: \"14:00\"\n", "")
        + "attendance:\n  - aisha-khan  # came late\n  - tom-nguyen\nnotes: |\n  Good energy.\n";
    fs::write(run.path().join(rel), &edited).unwrap();

    let run = again(run)
        .args(["schedule", "--dry-run"])
        .run()
        .ok()
        .stderr_has(
            "sessions/2016-03-08-smart-goal-setting.yaml: keeps location `Branch Library, Room 1` \
             (the layout says `Central Library, Meeting Room B`)\n\
             would add time to sessions/2016-03-08-smart-goal-setting.yaml\n\
             dry run: 0 created, 1 completed, 8 unchanged, 1 edited value kept\n",
        );
    assert_eq!(run.read(rel), edited, "--dry-run writes nothing");

    let run = again(run).args(["schedule"]).run().ok();
    // Byte for byte what the coordinator wrote, plus the missing time.
    assert_eq!(run.read(rel), format!("{edited}time: \"14:00\"\n"));
    let run = again(run)
        .args(["schedule"])
        .run()
        .ok()
        .stderr_has("0 created, 0 completed, 9 unchanged, 1 edited value kept\n");
    assert_eq!(run.read(rel), format!("{edited}time: \"14:00\"\n"));
    again(run).args(["check"]).run().ok();
}

#[test]
fn sessions_it_did_not_lay_out_are_never_touched() {
    let extra = "# a visit we planned by hand\ntitle: Tour of the Bindery\nkind: workshop\ndate: 2016-05-20\n";
    let run = Test::example("career-development")
        .file("sessions/2016-05-20-bindery-tour.yaml", extra)
        .args(["schedule"])
        .run()
        .ok()
        .stderr_has(
            "note: sessions/2016-05-20-bindery-tour.yaml is not in the layout; left as it is\n",
        );
    assert_eq!(run.read("sessions/2016-05-20-bindery-tour.yaml"), extra);
}

const SHORT_RULE: &str = "[program]\nname = \"Short\"\nstarts = 2016-01-01\nends = 2016-12-31\n\
timezone = \"America/Chicago\"\n\n[schedule]\nfirst = 2016-01-12\n\
repeat = \"FREQ=MONTHLY;BYDAY=2TU;COUNT=3\"\ntime = \"14:00\"\nduration = \"90\"\n\n\
[[curriculum]]\ntitle = \"One\"\n[[curriculum]]\ntitle = \"Two\"\n[[curriculum]]\n\
title = \"Three\"\n[[curriculum]]\ntitle = \"Four\"\n[[curriculum]]\ntitle = \"Five\"\n";

#[test]
fn a_rule_with_fewer_dates_than_the_curriculum_is_said() {
    let run = Test::new()
        .file("program.toml", SHORT_RULE)
        .args(["schedule"])
        .run()
        .ok()
        .stderr_has(
            "3 workshops, 2016-01-12 to 2016-03-08: the rule has no more dates\n\
             warning: the curriculum does not fit: 3 of 5 entries have a date; without one: Four; Five\n",
        );
    assert_eq!(
        sessions_in(&run),
        [
            "2016-01-12-one.yaml",
            "2016-02-09-two.yaml",
            "2016-03-08-three.yaml"
        ]
    );
    assert!(
        run.read("sessions/2016-01-12-one.yaml")
            .contains("duration: 1h30m\n")
    );
}

#[test]
fn the_rule_stops_at_ends_and_a_bad_rule_is_refused_before_any_write() {
    let program = SHORT_RULE.replace("FREQ=MONTHLY;BYDAY=2TU;COUNT=3", "FREQ=MONTHLY;BYDAY=2TU");
    let run = Test::new()
        .file("program.toml", &program)
        .file("sessions/.keep", "")
        .args(["schedule", "--ics", "-"])
        .run()
        .ok();
    // Without COUNT it ends with the program: 5 entries, all placed.
    assert_eq!(sessions_in(&run).len(), 6);
    let run = Test::new()
        .file("program.toml", program.replace("BYDAY=2TU", "BYDAY=2XX"))
        .args(["schedule"])
        .run()
        .code(1);
    assert!(run.stderr.contains("repeat"), "{}", run.stderr);
    assert!(!run.exists("sessions"));
}

/// Python's icalendar reads the file; `None` where it is not installed (a
/// failure when `CI` is set).
fn python_check(ics: &str) -> Option<String> {
    let script = repo().join("tests/ics_check.py");
    let Ok(mut child) = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
    else {
        mentorkit_testkit::missing_tool("the independent iCalendar check", "python3");
        return None;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ics.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    if out.status.code() == Some(3) {
        mentorkit_testkit::missing_tool(
            "the independent iCalendar check",
            "Python's icalendar (python3 -m pip install icalendar)",
        );
        return None;
    }
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "icalendar refused the file:\n{stdout}"
    );
    Some(stdout)
}

#[test]
fn ics_export_is_read_back_by_an_independent_parser() {
    let run = Test::example("career-development")
        .args(["schedule", "--ics", "out/calendar.ics"])
        .run()
        .ok()
        .stderr_has("wrote out/calendar.ics: 9 events, 9 new or changed\n");
    let ics = run.read("out/calendar.ics");
    assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:America/Chicago\r\n"));
    assert!(ics.contains("DTSTART;TZID=America/Chicago:20160112T140000\r\n"));
    assert!(ics.ends_with("\r\n"));
    assert!(
        ics.split_terminator("\r\n")
            .all(|l| l.len() <= 75 && !l.contains('\n'))
    );
    if let Some(report) = python_check(&ics) {
        let lines: Vec<&str> = report.lines().collect();
        assert_eq!(lines.len(), 10);
        assert_eq!(lines[9], "calendar ok 9 events");
        // Winter at -6h, summer at -5h: 14:00 on the local clock either way.
        assert_eq!(
            lines[0],
            "2016-01-12-career-personality-assessments 2016-01-12T20:00:00+00:00 -21600 -21600"
        );
        assert_eq!(
            lines[3],
            "2016-04-12-personal-swot-analysis-mission-statements 2016-04-12T19:00:00+00:00 -18000 -18000"
        );
        assert_eq!(
            lines[8],
            "2016-10-11-reflections-celebration 2016-10-11T19:00:00+00:00 -18000 -18000"
        );
    }
}

#[test]
fn ics_same_bytes_and_sequence_rises_on_change() {
    let run = Test::example("career-development")
        .args(["schedule", "--ics", "cal.ics"])
        .run()
        .ok();
    let first = run.read("cal.ics");
    let state = run.read("ics-sequence.yaml");
    assert!(state.starts_with("# Generated by mentorkit"));
    let run = again(run)
        .args(["schedule", "--ics", "cal.ics"])
        .run()
        .ok()
        .stderr_has("wrote cal.ics: 9 events, 0 new or changed\n");
    assert_eq!(run.read("cal.ics"), first);
    assert_eq!(run.read("ics-sequence.yaml"), state);

    // A new room for one workshop: that event, and only it, gets SEQUENCE:1.
    let rel = "sessions/2016-06-14-mock-interviews.yaml";
    let moved = run
        .read(rel)
        .replace("Central Library, Meeting Room B", "Branch Library, Room 1");
    fs::write(run.path().join(rel), moved).unwrap();
    let run = again(run)
        .args(["schedule", "--ics", "cal.ics"])
        .run()
        .ok()
        .stderr_has("wrote cal.ics: 9 events, 1 new or changed\n");
    let ics = run.read("cal.ics");
    assert_eq!(ics.matches("SEQUENCE:1\r\n").count(), 1);
    assert_eq!(ics.matches("SEQUENCE:0\r\n").count(), 8);
    let unfolded = ics.replace("\r\n ", "");
    let mock = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("UID:2016-06-14-mock-interviews-"))
        .unwrap();
    assert!(mock.contains("LOCATION:Branch Library\\, Room 1\r\n"));
    assert!(mock.contains("SEQUENCE:1\r\n"));
}

#[test]
fn ics_to_stdout_and_dry_run() {
    let run = Test::example("career-development")
        .args(["schedule", "--ics", "-"])
        .run()
        .ok();
    assert!(run.stdout.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(run.stdout.ends_with("END:VCALENDAR\r\n"));
    let run = Test::example("career-development")
        .args(["schedule", "--ics", "cal.ics", "--dry-run"])
        .run()
        .ok()
        .stderr_has("dry run: would write cal.ics: 9 events, 9 new or changed; nothing written\n");
    assert!(!run.exists("cal.ics"));
    assert!(!run.exists("ics-sequence.yaml"));
}

const TECH_MATCHES: &str = concat!(
    "# Generated by mentorkit; edits here are replaced the next time it runs.\n",
    "mode: group\n",
    "total: 0\n",
    "optimal: false\n",
    "weights: {competency: 10, cross_department: 3, availability: 2, modality: 2, preference: 0}\n",
    "matches:\n",
    "  - mentor: noah-fischer\n",
    "    mentees: [ava-martin, grace-obi]\n",
    "    slot: thu-pm\n",
    "    score: 0\n    parts: {competency: 0, cross_department: 0, availability: 0, modality: 0, preference: 0}\n",
    "  - mentor: olivia-chen\n",
    "    mentees: [ben-okafor]\n",
    "    score: 0\n    parts: {competency: 0, cross_department: 0, availability: 0, modality: 0, preference: 0}\n",
    "  - members: [mia-santos, kim-larsen]\n",
    "    score: 0\n    parts: {competency: 0, cross_department: 0, availability: 0, modality: 0, preference: 0}\n",
);

#[test]
fn meetings_at_the_matched_slot_with_modality_and_link() {
    let run = Test::example("tech-mentoring")
        .file("matches.yaml", TECH_MATCHES)
        .args(["schedule", "--meetings", "--ics", "cal.ics"])
        .run()
        .ok()
        .stderr_has(
            "warning: Mia Santos, Kim Larsen share no weekly slot; no meetings laid out for them\n",
        )
        .stderr_has("42 meetings for 2 matches, 2025-09-17 to 2026-06-30\n");
    // The group meets on Thursday afternoons, every other week.
    assert_eq!(
        run.read("sessions/2025-09-18-meeting-noah-fischer.yaml"),
        "title: \"Mentoring: Noah Fischer with Ava Martin, Grace Obi\"\n\
         kind: meeting\n\
         date: 2025-09-18\n\
         time: \"14:00\"\n\
         duration: 1h\n\
         online: https://meet.example.org/riverside-tech\n\
         modality: hybrid\n\
         mentor: noah-fischer\n\
         mentees: [ava-martin, grace-obi]\n"
    );
    assert!(run.exists("sessions/2025-10-02-meeting-noah-fischer.yaml"));
    // The pair meets at the best slot they share: Tuesday afternoon.
    assert!(run.exists("sessions/2025-09-23-meeting-olivia-chen.yaml"));
    let ics = run.read("cal.ics").replace("\r\n ", "");
    assert!(ics.contains("URL:https://meet.example.org/riverside-tech\r\n"));
    assert!(
        ics.contains("Participants: Noah Fischer\\, Ava Martin\\, Grace Obi\\nModality: hybrid")
    );
    if let Some(report) = python_check(&run.read("cal.ics")) {
        assert!(report.ends_with("calendar ok 48 events\n"), "{report}");
    }
    again(run).args(["check"]).run().ok();
}

#[test]
fn meetings_need_matches() {
    Test::example("tech-mentoring")
        .args(["schedule", "--meetings"])
        .run()
        .code(1)
        .stderr_has("--meetings needs matches.yaml; run `mentorkit match` first\n");
}

#[test]
fn suggest_ranks_slots_with_who_cannot() {
    let run = Test::example("tech-mentoring")
        .args(["schedule", "suggest", "--format", "csv"])
        .run()
        .ok();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "rank,slot,available,mentors,unavailable,cannot");
    assert_eq!(lines.len(), 22);
    assert!(lines[1].starts_with("1,wed-am,"), "{}", lines[1]);
    let run = Test::example("tech-mentoring")
        .args([
            "schedule",
            "suggest",
            "--for",
            "olivia-chen",
            "ben-okafor",
            "--format",
            "json",
        ])
        .run()
        .ok();
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(rows[0]["slot"], "tue-pm");
    assert_eq!(rows[0]["available"], 2);
    assert_eq!(rows[1]["slot"], "wed-am");
    assert_eq!(rows[2]["cannot"], serde_json::json!(["ben-okafor"]));
    Test::example("tech-mentoring")
        .args(["schedule", "suggest", "--for", "olivia-chn"])
        .run()
        .code(1)
        .stderr_is("error: no participant `olivia-chn`; did you mean `olivia-chen`?\n");
}

const FIRST: &str = "sessions/2016-01-12-career-personality-assessments.yaml";

#[test]
fn attend_records_in_place_and_twice_changes_nothing() {
    let shipped =
        fs::read_to_string(repo().join("examples/career-development").join(FIRST)).unwrap();
    let run = Test::example("career-development")
        .args([
            "attend",
            "2016-01-12-career-personality-assessments",
            "samuel-lee",
        ])
        .run()
        .ok()
        .stderr_is(&format!("{FIRST}: recorded present: samuel-lee\n"));
    let once = run.read(FIRST);
    assert_eq!(once, format!("{shipped}  - samuel-lee\n"));
    let run = again(run)
        .args([
            "attend",
            "2016-01-12-career-personality-assessments",
            "samuel-lee",
        ])
        .run()
        .ok()
        .stderr_is(&format!("{FIRST}: already present: samuel-lee\n"));
    assert_eq!(run.read(FIRST), once);

    // Absent moves the person from one list to the other.
    let run = again(run)
        .args(["attend", FIRST, "tom-nguyen", "--absent"])
        .run()
        .ok();
    let after = run.read(FIRST);
    assert!(!after.contains("  - tom-nguyen\n"));
    assert!(after.ends_with("absent:\n- tom-nguyen\n"), "{after}");
    let run = again(run)
        .args(["attend", FIRST, "tom-nguyen", "--excused", "--dry-run"])
        .run()
        .ok()
        .stderr_is(&format!(
            "{FIRST}: would have recorded excused: tom-nguyen\n"
        ));
    assert_eq!(run.read(FIRST), after);
    again(run).args(["check"]).run().ok();
}

#[test]
fn attend_refuses_unknown_sessions_and_people_with_the_nearest_match() {
    Test::example("career-development")
        .args([
            "attend",
            "2016-01-12-career-personality-assesments",
            "tom-nguyen",
        ])
        .run()
        .code(1)
        .stderr_is(
            "error: no session `2016-01-12-career-personality-assesments`; \
             did you mean `2016-01-12-career-personality-assessments`?\n",
        );
    let run = Test::example("career-development")
        .args([
            "attend",
            "2016-01-12-career-personality-assessments",
            "tom-nguyan",
            "zzz",
            "aisha-khan",
        ])
        .run()
        .code(1)
        .stderr_is(
            "error: no participant `tom-nguyan` (did you mean `tom-nguyen`?), `zzz`; \
             nothing was recorded (see `mentorkit list participants`)\n",
        );
    let shipped =
        fs::read_to_string(repo().join("examples/career-development").join(FIRST)).unwrap();
    assert_eq!(run.read(FIRST), shipped);
    Test::example("career-development")
        .args([
            "attend",
            "2016-01-12-career-personality-assessments",
            "--absent",
            "--excused",
            "x",
        ])
        .run()
        .code(2);
}

#[test]
fn schedule_without_a_schedule_says_what_to_add() {
    Test::program().args(["schedule"]).run().code(1).stderr_is(
        "error: program.toml: has no [schedule]\n  = help: add one with first, repeat, time and duration\n",
    );
}

/// Regression: the career example's groups meet on Tuesday afternoons, as
/// the workshops do, and `schedule --meetings` booked 10 of its 40 meetings
/// on top of a workshop. Now none overlaps a workshop, and each moved one
/// says so.
#[test]
fn meetings_keep_clear_of_the_workshops() {
    let run = Test::example("career-development")
        .args(["schedule", "--meetings"])
        .run()
        .ok()
        .stderr_has("40 meetings for 2 matches, 2016-01-12 to 2016-10-31\n")
        .stderr_has("10 meetings moved off workshop times:\n")
        .stderr_has("  2016-03-08-meeting-samuel-lee: moved from 2:00 PM to 4:30 PM, after the workshop “SMART Goal Setting” (2:00 PM–4:30 PM)\n");
    let span = |text: &str| -> (String, u32, u32) {
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{key}: ")))
                .unwrap_or_default()
                .trim_matches('"')
                .to_string()
        };
        let (h, m) = field("time")
            .split_once(':')
            .map(|(h, m)| (h.parse::<u32>().unwrap(), m.parse::<u32>().unwrap()))
            .unwrap();
        let minutes = match field("duration").as_str() {
            "1h" => 60,
            "2h30m" => 150,
            other => panic!("duration {other}"),
        };
        (field("date"), h * 60 + m, h * 60 + m + minutes)
    };
    let (mut workshops, mut meetings) = (Vec::new(), Vec::new());
    for entry in fs::read_dir(run.path().join("sessions")).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        if text.contains("kind: meeting") {
            meetings.push(span(&text));
        } else {
            workshops.push(span(&text));
        }
    }
    assert_eq!((workshops.len(), meetings.len()), (9, 40));
    for (day, start, end) in &meetings {
        for (wday, wstart, wend) in &workshops {
            assert!(
                !(day == wday && start < wend && wstart < end),
                "a meeting on {day} at {start} overlaps a workshop"
            );
        }
    }
    let moved = run.read("sessions/2016-03-08-meeting-samuel-lee.yaml");
    assert!(moved.contains("time: \"16:30\"\n"), "{moved}");
    assert!(
        moved.contains("notes: \"moved from 2:00 PM to 4:30 PM, after the workshop “SMART Goal Setting” (2:00 PM–4:30 PM)\"\n"),
        "{moved}"
    );
    again(run).args(["check"]).run().ok();
}
