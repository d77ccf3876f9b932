//! `check` on valid and hostile folders: every problem, exact wording, exit 1.

use crate::support::Test;

const ANA: &str = "name: Ana Ruiz\nemail: ana@x.org\nrole: mentee\ndepartment: Circulation\n";

#[test]
fn examples_pass_check() {
    Test::example("career-development")
        .args(["check"])
        .run()
        .ok()
        .stdout_is("ok: 8 mentees, 2 mentors, 9 sessions\n");
    Test::example("tech-mentoring")
        .args(["check"])
        .run()
        .ok()
        .stdout_is("ok: 13 mentees, 5 mentors, 0 sessions\n");
}

#[test]
fn finds_the_folder_by_walking_up_and_with_dash_c() {
    let t = Test::example("career-development");
    std::fs::create_dir_all(t.path().join("private/deeper")).unwrap();
    t.cwd("private/deeper").args(["check"]).run().ok();
    let outside = Test::new();
    outside
        .args(["check"])
        .run()
        .code(1)
        .stderr_has("no program.toml in ");
}

#[test]
fn unknown_field_suggests_the_nearest() {
    Test::program()
        .file("participants/ana-ruiz.yaml", format!("{ANA}departmnet: x\n"))
        .args(["check"])
        .run()
        .code(1)
        .stderr_is(
            "error: participants/ana-ruiz.yaml:5:1: unknown field `departmnet`\n 5 | departmnet: x\n   | ^\n  = help: did you mean `department`?\n",
        );
}

#[test]
fn every_problem_is_reported_in_one_pass() {
    let run = Test::program()
        .file("participants/ana-ruiz.yaml", ANA)
        .file("participants/bo.yaml", "name: Bo\nemail: ANA@x.org\nrole: mentee\ndepartment: C\n")
        .file("participants/cy.yaml", "name: Cy\nemail: cy@x.org\nrole: boss\ndepartment: C\n")
        .file("participants/di.yaml", "name: Di\nemail: di@x.org\nrole: mentee\ndepartment: C\nhired: 2015-02-30\n")
        .file("participants/ed.yaml", "name: Ed\nemail: ed@x.org\nrole: mentor\ndepartment: C\ncapacity: 0\navailability: [tue-pm]\n")
        .file("participants/fay.yaml", "name: Fay\nemail: fay@x.org\nrole: mentee\ndepartment: C\navailability: [tue-noon]\n")
        .file("sessions/s1.yaml", "title: W\ndate: 2016-03-01\nattendance: [ana-ruiz, ghost, ana-ruz]\n")
        .args(["check"])
        .run()
        .code(1);
    assert_eq!(
        run.stderr,
        "error: participants/bo.yaml:2:1: ANA@x.org is also the email of `ana-ruiz`
 2 | email: ANA@x.org
   | ^
  = help: each person has one file; merge this one into participants/ana-ruiz.yaml
error: participants/cy.yaml:3:7: `boss` is not allowed here; use one of: mentee, mentor
 3 | role: boss
   |       ^
error: participants/di.yaml:5:8: `2015-02-30` is not a date that exists; write it as YYYY-MM-DD
 5 | hired: 2015-02-30
   |        ^
error: participants/ed.yaml:5:1: capacity must be at least 1
 5 | capacity: 0
   | ^
  = help: a mentor who can take no one should not be in this cohort
error: participants/fay.yaml:5:16: `tue-noon` is not a weekly slot; write a day and a part of it, from mon-am, mon-pm, mon-eve … to sun-eve
 5 | availability: [tue-noon]
   |                ^
error: sessions/s1.yaml:3:24: no participant `ghost`
 3 | attendance: [ana-ruiz, ghost, ana-ruz]
   |                        ^
  = help: add the person with `mentorkit apply`, or correct the id
error: sessions/s1.yaml:3:31: no participant `ana-ruz`
 3 | attendance: [ana-ruiz, ghost, ana-ruz]
   |                               ^
  = help: did you mean `ana-ruiz`?
7 problems found
"
    );
}

/// Runs `check` on a minimal program with one extra participant file and
/// returns stderr.
fn check_one(rel: &str, contents: &[u8]) -> String {
    Test::program()
        .file(rel, contents)
        .args(["check"])
        .run()
        .code(1)
        .stderr
}

#[test]
fn hostile_record_files_each_get_a_clear_error() {
    let bomb = {
        let mut s = String::from(
            "name: Ana\nemail: e@x.org\nrole: mentee\ndepartment: C\nassessments:\n  a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n",
        );
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(",");
            s.push_str(&format!("  a{i}: &a{i} [{refs}]\n"));
        }
        s
    };
    let deep = format!(
        "name: Ana\nemail: g@x.org\nrole: mentee\ndepartment: C\nassessments:\n  x: {}{}\n",
        "[".repeat(3000),
        "]".repeat(3000)
    );
    let deep_want = format!(
        "error: participants/ana.yaml:6:261: the file is nested too deeply to be a record; refused\n 6 | …{}…\n   | {}^\n",
        "[".repeat(100),
        " ".repeat(51)
    );
    let cases: Vec<(&str, &str, Vec<u8>, &str)> = vec![
        (
            "empty file",
            "participants/ana.yaml",
            b"".to_vec(),
            "error: participants/ana.yaml:1:1: the file is empty\n  = help: write the participant's fields, or delete the file\n",
        ),
        (
            "invalid UTF-8",
            "participants/ana.yaml",
            b"name: Ana\nemail: \xff\xfe\n".to_vec(),
            "error: participants/ana.yaml:2:8: is not UTF-8 text\n  = help: save the file as UTF-8 (most editors offer it under \"Save with encoding\")\n",
        ),
        (
            "not YAML at all",
            "participants/ana.yaml",
            b"just some words".to_vec(),
            "error: participants/ana.yaml:1:1: this is not a participant record: expected `field: value` lines\n 1 | just some words\n   | ^\n",
        ),
        (
            "truncated YAML",
            "participants/ana.yaml",
            b"name: [Ana\n".to_vec(),
            "error: participants/ana.yaml:1:7: expected a single value for `name`\n 1 | name: [Ana\n   |       ^\n",
        ),
        (
            "wrong type",
            "participants/ana.yaml",
            b"name: Ana\nemail: a@x.org\nrole: mentor\ndepartment: C\ncapacity: many\n".to_vec(),
            "error: participants/ana.yaml:5:11: `many` is not a whole number\n 5 | capacity: many\n   |           ^\n",
        ),
        (
            "huge number",
            "participants/ana.yaml",
            b"name: Ana\nemail: a@x.org\nrole: mentor\ndepartment: C\ncapacity: 99999999999999999999\n".to_vec(),
            "error: participants/ana.yaml:5:11: `99999999999999999999` is too large for this field\n 5 | capacity: 99999999999999999999\n   |           ^\n",
        ),
        (
            "duplicate key",
            "participants/ana.yaml",
            b"name: Ana\nemail: a@x.org\nrole: mentee\ndepartment: C\nname: Bob\n".to_vec(),
            "error: participants/ana.yaml:5:1: `name` is written twice\n 5 | name: Bob\n   | ^\n  = help: keep one of them\n",
        ),
        (
            "tab indentation",
            "participants/ana.yaml",
            b"name: Ana\n\temail: a@x.org\n".to_vec(),
            "error: participants/ana.yaml:2:1: a tab indents this line; YAML indents with spaces\n 2 | \temail: a@x.org\n   | ^\n  = help: replace the tab with spaces\n",
        ),
        (
            "alias bomb",
            "participants/ana.yaml",
            bomb.into_bytes(),
            "error: participants/ana.yaml:7:12: expected a single value, found sequence\n 7 |   a1: &a1 [*a0,*a0,*a0,*a0,*a0,*a0,*a0,*a0,*a0,*a0]\n   |            ^\n",
        ),
        (
            "nesting thousands deep",
            "participants/ana.yaml",
            deep.into_bytes(),
            &deep_want,
        ),
        (
            "id that is a path",
            "participants/Bad..Name.yaml",
            b"name: Ana\n".to_vec(),
            "error: participants/Bad..Name.yaml: `Bad..Name` is not a valid id\n  = help: ids are lowercase letters, digits and dashes; rename it to bad-name.yaml\n",
        ),
        (
            "not a yaml file",
            "participants/ana.yml",
            b"name: Ana\n".to_vec(),
            "error: participants/ana.yml: is not a .yaml record\n  = help: rename it to ana.yaml\n",
        ),
        (
            "impossible date in a session",
            "sessions/s1.yaml",
            b"title: W\ndate: 2015-02-30\n".to_vec(),
            "error: sessions/s1.yaml:2:7: `2015-02-30` is not a date that exists; write it as YYYY-MM-DD\n 2 | date: 2015-02-30\n   |       ^\n",
        ),
        (
            "time like 25:00",
            "sessions/s1.yaml",
            b"title: W\ndate: 2016-03-01\ntime: \"25:00\"\n".to_vec(),
            "error: sessions/s1.yaml:3:7: `25:00` is not a time of day; write it as HH:MM on a 24-hour clock, like `14:00`\n 3 | time: \"25:00\"\n   |       ^\n",
        ),
        (
            "negative duration",
            "sessions/s1.yaml",
            b"title: W\ndate: 2016-03-01\nduration: -5m\n".to_vec(),
            "error: sessions/s1.yaml:3:11: `-5m` is not a duration; write hours and minutes like `2h30m`, `90m` or `2h`, or a number of minutes\n 3 | duration: -5m\n   |           ^\n",
        ),
        (
            "session outside the program",
            "sessions/s1.yaml",
            b"title: W\ndate: 2019-03-01\n".to_vec(),
            "error: sessions/s1.yaml:2:1: 2019-03-01 is outside the program (2016-01-01 to 2016-12-31)\n 2 | date: 2019-03-01\n   | ^\n  = help: correct the date, or the program's starts/ends in program.toml\n",
        ),
        (
            "an attendance id that is a path",
            "sessions/s1.yaml",
            b"title: W\ndate: 2016-03-01\nattendance: [../x]\n".to_vec(),
            "error: sessions/s1.yaml:3:14: `../x` is not a participant id\n 3 | attendance: [../x]\n   |              ^\n  = help: ids are file names in participants/ without .yaml: lowercase letters, digits and dashes\n",
        ),
    ];
    for (name, rel, contents, want) in cases {
        assert_eq!(check_one(rel, &contents), want, "case: {name}");
    }
}

#[test]
fn a_100_mb_file_is_refused_without_reading_it() {
    let t = Test::program();
    let f = std::fs::File::create(t.path().join("participants-big.yaml")).unwrap();
    drop(f);
    std::fs::create_dir_all(t.path().join("participants")).unwrap();
    let f = std::fs::File::create(t.path().join("participants/big.yaml")).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    t.args(["check"]).run().code(1).stderr_is(
        "error: participants/big.yaml: is 104857600 bytes, more than the 1048576 a record may have; refused\n  = help: a record file holds one person or session; check that the right file is here\n",
    );
}

#[cfg(unix)]
#[test]
fn dangling_and_looping_links_are_named() {
    let t = Test::program();
    std::fs::create_dir_all(t.path().join("participants")).unwrap();
    std::os::unix::fs::symlink("nowhere.yaml", t.path().join("participants/gone.yaml")).unwrap();
    std::os::unix::fs::symlink("loop.yaml", t.path().join("participants/loop.yaml")).unwrap();
    t.args(["check"]).run().code(1).stderr_is(
        "error: participants/gone.yaml: cannot be read: it is missing, or a link to nothing\nerror: participants/loop.yaml: a symbolic link that loops\n2 problems found\n",
    );
}

#[test]
fn program_toml_errors_are_located() {
    let cases = [
        (
            "[program\nname = \"T\"\n",
            "error: program.toml:1:9: unclosed table, expected `]`\n 1 | [program\n   |         ^\n",
        ),
        (
            "[program]\nname = \"T\"\n[matchng]\n",
            "error: program.toml:3:2: unknown field `matchng`\n 3 | [matchng]\n   |  ^\n  = help: did you mean `matching`?\n",
        ),
        (
            "[program]\nname = \"T\"\nstarts = 2016-02-30\n",
            "error: program.toml:3:10: `2016-02-30` is not a date that exists; write it as YYYY-MM-DD\n 3 | starts = 2016-02-30\n   |          ^\n",
        ),
        (
            // A value that does not parse no longer hides the rules checked
            // after parsing: every problem of the file in one pass.
            "[program]\nname = \"T\"\ntimezone = \"America/Chicgo\"\n[schedule]\nfirst = 2016-01-12\nrepeat = \"FREQ=MONTHLY;BYDAY=2XX\"\ntime = \"14:00\"\nduration = \"2h30m\"\n[eligibility]\ncapacity = 0\n[matching]\nmode = \"trio\"\n",
            "error: program.toml:3:1: `America/Chicgo` is not a time zone\n 3 | timezone = \"America/Chicgo\"\n   | ^\n  = help: did you mean `America/Chicago`?\nerror: program.toml:6:1: `FREQ=MONTHLY;BYDAY=2XX` is not a recurrence rule rrule accepts: RRule parsing error: `2XX` is not a valid weekday. Valid values are `MO`, `TU`, `WE`, `TH`, `FR`, `SA` and `SU`.\n 6 | repeat = \"FREQ=MONTHLY;BYDAY=2XX\"\n   | ^\n  = help: write an RFC 5545 RRULE such as FREQ=MONTHLY;BYDAY=2TU\nerror: program.toml:10:1: capacity must be at least 1\n 10 | capacity = 0\n    | ^\n  = help: leave it out for no limit\nerror: program.toml:12:8: `trio` is not allowed here; use one of: one-to-one, peer, reverse, group\n 12 | mode = \"trio\"\n    |        ^\n4 problems found\n",
        ),
        (
            "[program]\nname = \"T\"\nclock = \"24\"\n[eligibility]\ncapcity = 8\nseed = 1\n[matching]\nmode = \"grop\"\n",
            "error: program.toml:3:9: `24` is not allowed here; use one of: 12h, 24h\n 3 | clock = \"24\"\n   |         ^\n  = help: did you mean `24h`?\nerror: program.toml:5:1: unknown field `capcity`\n 5 | capcity = 8\n   | ^\n  = help: did you mean `capacity`?\nerror: program.toml:8:8: `grop` is not allowed here; use one of: one-to-one, peer, reverse, group\n 8 | mode = \"grop\"\n   |        ^\n  = help: did you mean `group`?\n3 problems found\n",
        ),
        (
            "[program]\nstarts = 2016-01-01\n",
            "error: program.toml:1:1: missing field `name`\n 1 | [program]\n   | ^\n  = help: add `name = …` to this table\n",
        ),
        (
            "[program]\nname = \"T\"\ntimezone = \"America/Chicgo\"\n[schedule]\nfirst = 2016-01-12\nrepeat = \"FREQ=MONTHLY;BYDAY=2XX\"\ntime = \"14:00\"\nduration = \"2h30m\"\n[eligibility]\ncapacity = 0\n",
            "error: program.toml:3:1: `America/Chicgo` is not a time zone\n 3 | timezone = \"America/Chicgo\"\n   | ^\n  = help: did you mean `America/Chicago`?\nerror: program.toml:6:1: `FREQ=MONTHLY;BYDAY=2XX` is not a recurrence rule rrule accepts: RRule parsing error: `2XX` is not a valid weekday. Valid values are `MO`, `TU`, `WE`, `TH`, `FR`, `SA` and `SU`.\n 6 | repeat = \"FREQ=MONTHLY;BYDAY=2XX\"\n   | ^\n  = help: write an RFC 5545 RRULE such as FREQ=MONTHLY;BYDAY=2TU\nerror: program.toml:10:1: capacity must be at least 1\n 10 | capacity = 0\n    | ^\n  = help: leave it out for no limit\n3 problems found\n",
        ),
    ];
    for (toml, want) in cases {
        Test::new()
            .file("program.toml", toml)
            .args(["check"])
            .run()
            .code(1)
            .stderr_is(want);
    }
}

#[test]
fn bom_crlf_and_unicode_names_are_valid() {
    Test::program()
        .file(
            "participants/emile-zoe.yaml",
            "\u{feff}name: Émile Zoë 李小龍\r\nemail: emile@x.org\r\nrole: mentee\r\ndepartment: Circulation\r\n",
        )
        .args(["check"])
        .run()
        .ok()
        .stdout_is("ok: 1 mentee, 0 mentors, 0 sessions\n");
}

#[test]
fn a_stale_matches_file_and_a_name_listed_twice_are_reported() {
    // Unscreened, `match` groups every mentee, daniel-reyes too.
    let matched = Test::unscreened_example("career-development")
        .args(["match"])
        .run()
        .ok();
    let session = "sessions/2016-03-08-smart-goal-setting.yaml";
    let text = matched.read(session);
    let out = matched
        .then()
        .remove("participants/daniel-reyes.yaml")
        .file(
            session,
            text.replace("  - tom-nguyen\n", "  - tom-nguyen\n  - tom-nguyen\n"),
        )
        .args(["check"])
        .run()
        .code(1);
    let stderr = out.stderr;
    assert!(stderr.contains("sessions/2016-03-08-smart-goal-setting.yaml:18:5: `tom-nguyen` is listed twice under attendance"), "{stderr}");
    assert!(stderr.contains("error: matches.yaml:"), "{stderr}");
    assert!(
        stderr.contains("no participant `daniel-reyes`\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("  = help: the folder changed since matching; run `mentorkit match` again"),
        "{stderr}"
    );
}

/// Regression: one misspelled field in a person's file gave 1 real error and
/// 9 "no participant `aisha-khan`" errors, each advising `apply` (which
/// would have made a duplicate). A person whose file does not load is still
/// known by id.
#[test]
fn a_person_whose_file_fails_is_still_known_by_id() {
    let t = Test::example("career-development");
    let aisha = t.path().join("participants/aisha-khan.yaml");
    let text = std::fs::read_to_string(&aisha).unwrap();
    t.file(
        "participants/aisha-khan.yaml",
        text.replace("department:", "departmnet:"),
    )
    .args(["check"])
    .run()
    .code(1)
    .stderr_is(
        "error: participants/aisha-khan.yaml:4:1: unknown field `departmnet`
 4 | departmnet: Circulation
   | ^
  = help: did you mean `department`?
",
    );
}

/// Regression: an error in program.toml hid every problem of the records
/// until it was fixed.
#[test]
fn program_toml_and_record_problems_in_one_pass() {
    let t = Test::example("career-development");
    let program = std::fs::read_to_string(t.path().join("program.toml")).unwrap();
    let session = "sessions/2016-03-08-smart-goal-setting.yaml";
    let attendance = std::fs::read_to_string(t.path().join(session)).unwrap();
    t.file(
        "program.toml",
        program.replace("capacity = 8", "capcity = 8"),
    )
    .file(
        session,
        attendance.replace("  - tom-nguyen\n", "  - tom-ngyuen\n"),
    )
    .args(["check"])
    .run()
    .code(1)
    .stderr_is(
        "error: program.toml:18:1: unknown field `capcity`
 18 | capcity = 8
    | ^
  = help: did you mean `capacity`?
error: sessions/2016-03-08-smart-goal-setting.yaml:18:5: no participant `tom-ngyuen`
 18 |   - tom-ngyuen
    |     ^
  = help: did you mean `tom-nguyen`?
2 problems found
",
    );
}

#[test]
fn certifications_have_a_name_a_date_and_no_repeats() {
    Test::program()
        .file(
            "participants/ana-ruiz.yaml",
            format!(
                "{ANA}certifications:\n  - {{name: \" \", date: 2017-02-01}}\n  - {{name: CLSS, date: 2017-05-12}}\n  - {{name: clss, date: 2017-05-12}}\n"
            ),
        )
        .file(
            "participants/bo.yaml",
            "name: Bo\nemail: bo@x.org\nrole: mentee\ndepartment: C\ncertifications:\n  - {name: CLSS, earned: 2017-05-12}\n",
        )
        .args(["check"])
        .run()
        .code(1)
        .stderr_is(
            "error: participants/ana-ruiz.yaml:6:23: certification 1 (2017-02-01) has no name
 6 |   - {name: \" \", date: 2017-02-01}
   |                       ^
  = help: write it as `- {name: ALA Certified Library Support Staff, date: 2017-05-12}`
error: participants/ana-ruiz.yaml:8:12: certification 3 (clss, 2017-05-12) repeats certification 2
 8 |   - {name: clss, date: 2017-05-12}
   |            ^
  = help: list each certification once; remove the repeat
error: participants/bo.yaml:6:18: unknown field `earned`
 6 |   - {name: CLSS, earned: 2017-05-12}
   |                  ^
  = help: remove it, or use one of: name, date
3 problems found
",
        );
}

#[test]
fn a_comparison_file_with_a_bad_certification_is_reported() {
    Test::program()
        .file("participants/ana-ruiz.yaml", ANA)
        .file(
            "program.toml",
            "[program]\nname = \"T\"\nstarts = 2016-01-01\ntimezone = \"America/Chicago\"\n\n[evaluation]\ncomparison = \"staff.csv\"\n",
        )
        .file(
            "staff.csv",
            "name,hired,department,certifications\nGil,2011-04-04,Circulation,CLSS: 2017-05-12; Notary (2018-01-02)\nHal,2012-01-01,,CPR\n",
        )
        .args(["check"])
        .run()
        .code(1)
        .stderr_has("staff.csv:3: certifications: `CPR` is not a certification with a date");
}
