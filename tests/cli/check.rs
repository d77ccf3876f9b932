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
