//! `progress` (rows, at-risk flags, `--evidence`), `goal`, `deliverable`,
//! `outcome` and `survey import`, driven through the binary on a fixture
//! cohort whose figures are worked out by hand below.
//!
//! The fixture (tests/fixtures/progress/cohort): five accepted mentees (ann,
//! ben, cat, dan, eve; fay is waitlisted), four workshops (2020-01-14,
//! 02-11, 03-10, 04-14), three mentor meetings, meetings due every four
//! weeks from 2020-01-14, and a comparison group of twelve staff.

use serde_json::Value;

use crate::support::{Test, copy_tree, repo};

/// A copy of the fixture cohort.
fn cohort() -> Test {
    let t = Test::new();
    copy_tree(&repo().join("tests/fixtures/progress/cohort"), t.path());
    t
}

const ROWS_TABLE: &str = "\
Progress as of 2020-04-20: 5 mentees, 2 at risk

 id    attendance        deliverables   goals                   survey     at risk
───── ───────────────── ────────────── ─────────────────────── ────────── ─────────────────────────────────────────────
 ann   4/4               2/2            1 done, 1 in progress   post 3.5
 ben   3/4               1/2            1 in progress           post 3.0   goal overdue, no meeting
 cat   4/4               2/2            —                       post 4.0
 dan   1/4               0/2            1 not started           pre 1.5    missed sessions, low attendance, no meeting
 eve   3/4 (1 excused)   1/2            1 dropped               post 4.5

At risk:
  ben: goal 1 \"Shadow the branch manager\" was due 2020-03-31 and is in-progress
  ben: no meeting with their mentor since 2020-03-10 (last met 2020-02-15; [schedule] meetings = \"FREQ=WEEKLY;INTERVAL=4\")
  dan: missed the last 3 sessions in a row (since 2020-02-11)
  dan: attended 1 of 4 workshops (25%), below the 75% the [completion] rule asks for
  dan: no meeting with their mentor since 2020-03-10 (no meeting recorded yet; [schedule] meetings = \"FREQ=WEEKLY;INTERVAL=4\")
";

#[test]
fn rows_as_of_a_day_match_the_hand_count() {
    // Held by 04-20: all four workshops. ann came to all; ben missed 03-10;
    // dan came only to the first; eve was excused on 02-11.
    // Due: plan (its workshop 02-11) and resume (03-10).
    // ben's goal was due 03-31; the last closed meeting period began 03-10,
    // and only ann, cat and eve met after it; dan missed 02-11, 03-10, 04-14,
    // so his 25% is also below the 75% the completion rule asks for.
    cohort()
        .args(["progress", "--as-of", "2020-04-20"])
        .run()
        .ok()
        .stdout_is(ROWS_TABLE);
}

#[test]
fn json_rows_have_stable_keys_and_the_same_figures() {
    let run = cohort()
        .args(["progress", "--as-of", "2020-04-20", "--format", "json"])
        .run()
        .ok();
    let rows: Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["ann", "ben", "cat", "dan", "eve"],
        "sorted, fay left out"
    );
    let eve = &rows[4];
    assert_eq!(eve["attendance"]["attended"], 3);
    assert_eq!(eve["attendance"]["excused"], 1);
    assert_eq!(eve["attendance"]["held"], 4);
    assert_eq!(eve["attendance"]["rate"], 0.75);
    assert_eq!(eve["deliverables"]["overdue"][0], "plan");
    assert_eq!(eve["goals"]["dropped"], 1);
    let dan = &rows[3];
    assert_eq!(dan["attendance"]["missed"], 3);
    assert_eq!(dan["latest_survey"]["name"], "pre");
    assert_eq!(dan["latest_survey"]["mean"], 1.5);
    assert_eq!(dan["flags"][0]["kind"], "missed-in-a-row");
    assert_eq!(dan["flags"][1]["kind"], "low-attendance");
    assert_eq!(dan["flags"][2]["kind"], "no-meeting");
    assert_eq!(dan["completed"], false, "as recorded");
    assert_eq!(rows[0]["last_meeting"], "2020-03-20");
}

#[test]
fn csv_of_the_mentees_at_risk() {
    cohort()
        .args(["progress", "--as-of", "2020-04-20", "--format", "csv", "--at-risk"])
        .run()
        .ok()
        .stdout_is(
            "id,name,attended,held,excused,missed,attendance_rate,deliverables_done,deliverables_due,deliverables_overdue,goals_not_started,goals_in_progress,goals_done,goals_dropped,latest_survey,latest_survey_mean,last_meeting,left,completed,at_risk,flags
ben,Ben Burns,3,4,0,1,0.75,1,2,resume,0,1,0,0,post,3.0,2020-02-15,,yes,yes,\"goal 1 \"\"Shadow the branch manager\"\" was due 2020-03-31 and is in-progress; no meeting with their mentor since 2020-03-10 (last met 2020-02-15; [schedule] meetings = \"\"FREQ=WEEKLY;INTERVAL=4\"\")\"
dan,Dan Diaz,1,4,0,3,0.25,0,2,plan; resume,1,0,0,0,pre,1.5,,,no,yes,\"missed the last 3 sessions in a row (since 2020-02-11); attended 1 of 4 workshops (25%), below the 75% the [completion] rule asks for; no meeting with their mentor since 2020-03-10 (no meeting recorded yet; [schedule] meetings = \"\"FREQ=WEEKLY;INTERVAL=4\"\")\"
",
        );
}

#[test]
fn early_in_the_program_nothing_is_due_and_no_one_is_at_risk() {
    // 2020-01-31: one workshop held, nothing due, one meeting period open.
    let run = cohort()
        .args(["progress", "--as-of", "2020-01-31", "--format", "json"])
        .run()
        .ok();
    let rows: Value = serde_json::from_str(&run.stdout).unwrap();
    for r in rows.as_array().unwrap() {
        assert_eq!(r["attendance"]["held"], 1, "{r}");
        assert_eq!(r["deliverables"]["due"], 0, "{r}");
        assert_eq!(r["at_risk"], false, "{r}");
    }
}

#[test]
fn people_who_have_left_carry_no_flags() {
    // dan left 2020-09-30; as of 2020-10-01 he is shown as gone.
    let run = cohort()
        .args(["progress", "--as-of", "2020-10-01"])
        .run()
        .ok();
    assert!(run.stdout.contains(" dan   1/4"), "{}", run.stdout);
    assert!(run.stdout.contains("(left 2020-09-30)"), "{}", run.stdout);
    assert!(!run.stdout.contains("dan: missed"), "{}", run.stdout);
}

#[test]
fn without_screening_every_mentee_counts() {
    let run = cohort()
        .remove("screening.yaml")
        .args(["progress", "--as-of", "2020-04-20"])
        .run()
        .ok();
    assert!(
        run.stdout.starts_with(
            "Progress as of 2020-04-20: 6 mentees, 3 at risk\nNote: no screening.yaml yet: every mentee is counted as accepted (run `mentorkit screen`)\n"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(" fay   0/4"), "{}", run.stdout);
}

#[test]
fn a_broken_screening_file_is_named() {
    cohort()
        .file("screening.yaml", "decisions:\n  ann: [accepted\n")
        .args(["progress", "--as-of", "2020-04-20"])
        .run()
        .code(1)
        .stderr_has("error: screening.yaml:");
}

#[test]
fn as_of_must_be_a_date() {
    cohort()
        .args(["progress", "--as-of", "2020-02-30"])
        .run()
        .code(2)
        .stderr_has("`2020-02-30` is not a date; write it as YYYY-MM-DD");
}

const EVIDENCE_TABLE: &str = "\
Evidence of impact as of 2024-01-01: 5 accepted mentees, counted from 2020-01-01 (4.0 years so far)
Comparison group: staff.csv, 10 of 12 listed were employed at the start
Comparison group: applicants not accepted (1 waitlisted, 0 ineligible), 1 of 1 listed were employed at the start
Note: staff.csv has no certifications column: certifications are not compared with it
Note: no record of the applicants not accepted lists a certification: certifications are not compared with them
Note: a comparison is not proof of cause: people who join a mentorship program may differ from those who do not (in tenure, department, ambition), and the stratified figures hold alike only what they name

 measure                        participants   95% interval   compared with                         their rate      ratio (95% interval)     Fisher p
────────────────────────────── ────────────── ────────────── ───────────────────────────────────── ─────────────── ──────────────────────── ──────────
 still employed after 1 year    4 of 5 (80%)   20% to 97%     staff.csv                             8 of 10 (80%)   1.00× (0.45× to 1.75×)   1.00
                                                                within tenure band and department                   0.82× (0.26× to 2.58×)
                                                              applicants not accepted               1 of 1 (100%)   0.80× (0.38× to 4.00×)   1.00
                                                                within tenure band and department                   0.00×
 still employed after 3 years   3 of 5 (60%)   13% to 88%     staff.csv                             6 of 10 (60%)   1.00× (0.35× to 2.27×)   1.00
                                                                within tenure band and department                   0.82× (0.26× to 2.58×)
                                                              applicants not accepted               1 of 1 (100%)   0.60× (0.23× to 3.16×)   1.00
                                                                within tenure band and department                   0.00×
 promoted within 3 years        2 of 5 (40%)   12% to 77%     staff.csv                             1 of 10 (10%)   4.00× (0.61× to 26.4×)   0.24
                                                                within tenure band and department                   1.50× (0.18× to 12.5×)
                                                              applicants not accepted               0 of 1 (0%)     ∞ (0.26× to ∞)           1.00
                                                                within tenure band and department                   —
 certified within 1 year        0 of 5 (0%)    0% to 43%      —                                     —               —                        —
 completed the program          3 of 5 (60%)   23% to 88%     —                                     —               —                        —
  still employed after 1 year: 4 of 5 (80%) still employed after 1 year, 95% interval 20% to 97% (Kaplan–Meier). Against staff.csv, 8 of 10 (80%): no clear difference (Fisher's exact p = 1.00, mid-p = 0.75). Participants were 1.00× as likely (95% interval 0.45× to 1.75×). Within like people (the same tenure band and department, Mantel–Haenszel): participants were 0.82× as likely (95% interval 0.26× to 2.58×): no clear difference. A small comparison group: 10 people. Against applicants not accepted, 1 of 1 (100%): no clear difference (Fisher's exact p = 1.00, mid-p = 0.58). Participants were 0.80× as likely (95% interval 0.38× to 4.00×). Within like people (the same tenure band and department): participants were 0.00× as likely; with no events in one group there is no interval. A small comparison group: 1 person. Small group: n = 5, under 30; one person more or fewer moves the rate by 20 points, so read it as an indication, not a finding.
  still employed after 3 years: 3 of 5 (60%) still employed after 3 years, 95% interval 13% to 88% (Kaplan–Meier). Against staff.csv, 6 of 10 (60%): no clear difference (Fisher's exact p = 1.00, mid-p = 0.79). Participants were 1.00× as likely (95% interval 0.35× to 2.27×). Within like people (the same tenure band and department, Mantel–Haenszel): participants were 0.82× as likely (95% interval 0.26× to 2.58×): no clear difference. A small comparison group: 10 people. Against applicants not accepted, 1 of 1 (100%): no clear difference (Fisher's exact p = 1.00, mid-p = 0.67). Participants were 0.60× as likely (95% interval 0.23× to 3.16×). Within like people (the same tenure band and department): participants were 0.00× as likely; with no events in one group there is no interval. A small comparison group: 1 person. Small group: n = 5, under 30; one person more or fewer moves the rate by 20 points, so read it as an indication, not a finding.
  promoted within 3 years: 2 of 5 (40%) promoted within 3 years, 95% interval 12% to 77%. Against staff.csv, 1 of 10 (10%): no clear difference (Fisher's exact p = 0.24, mid-p = 0.13). Participants were 4.00× as likely (95% interval 0.61× to 26.4×). Within like people (the same tenure band and department, Mantel–Haenszel): participants were 1.50× as likely (95% interval 0.18× to 12.5×): no clear difference. A small comparison group: 10 people. Against applicants not accepted, 0 of 1 (0%): no clear difference (Fisher's exact p = 1.00, mid-p = 0.67). None of the comparison group had it, so the ratio has no upper bound (95% interval from 0.26×). Within like people (the same tenure band and department): no one in either group had it. A small comparison group: 1 person. Small group: n = 5, under 30; one person more or fewer moves the rate by 20 points, so read it as an indication, not a finding.
  certified within 1 year: 0 of 5 (0%) certified within 1 year, 95% interval 0% to 43%. Small group: n = 5, under 30; one person more or fewer moves the rate by 20 points, so read it as an indication, not a finding.
  completed the program: 3 of 5 (60%) completed the program, 95% interval 23% to 88%. Small group: n = 5, under 30; one person more or fewer moves the rate by 20 points, so read it as an indication, not a finding.

 question     n   pre   post   change   95% interval   Wilcoxon p   only before/after
──────────── ─── ───── ────── ──────── ────────────── ──────────── ───────────────────
 clarity      4   2.3   3.5    +1.3     +0.5 to +2.0   0.12         1/0
 confidence   4   2.3   4.0    +1.8     -0.3 to +3.8   0.25         1/0
  clarity: Mean change +1.3 over 4 people (95% interval +0.5 to +2.0); no clear change by the Wilcoxon signed-rank test (p = 0.12). The t interval excludes no change, but the rank test, which suits 1–5 answers, does not reach 5%. 1 answered only before and 0 only after; they are not counted. Few answers: n = 4, under 30; read it as an indication, not a finding.
  confidence: Mean change +1.8 over 4 people (95% interval -0.3 to +3.8); no clear change by the Wilcoxon signed-rank test (p = 0.25). 1 answered only before and 0 only after; they are not counted. Few answers: n = 4, under 30; read it as an indication, not a finding.
";

#[test]
fn evidence_figures_match_the_hand_count() {
    // Start 2020-01-01. Participants: dan left 2020-09-30 (within a year),
    // ben 2022-05-31 (within three); ann and cat were promoted in 2021 and
    // 2020. Completed: ann, ben, cat recorded yes, dan no; eve has no record,
    // so the rule decides: 3 of 4 workshops is 0.75, but her plan is a draft.
    // Staff employed on 2020-01-01: 10 of 12 (quin was hired in March 2020,
    // rae left the day before). Left within a year: ida, jon; within three:
    // also kim, lou. Promoted within three years: hal (max's was in 2015).
    let run = cohort()
        .args([
            "progress",
            "--evidence",
            "--as-of",
            "2024-01-01",
            "--format",
            "json",
        ])
        .run()
        .ok();
    let e: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(e["cohort"], 5);
    assert_eq!(e["start"], "2020-01-01");
    assert_eq!(e["comparison"]["at_start"], 10);
    let figure = |m: &str| {
        e["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["measure"] == m)
            .unwrap()
            .clone()
    };
    let pair = |p: &Value| (p["count"].as_u64().unwrap(), p["n"].as_u64().unwrap());
    let r1 = figure("retention-1y");
    assert_eq!(pair(&r1["participants"]), (4, 5));
    assert_eq!(pair(&r1["comparison"]), (8, 10));
    assert_eq!(r1["survival"]["estimate"], 0.8);
    let r3 = figure("retention-3y");
    assert_eq!(pair(&r3["participants"]), (3, 5));
    assert_eq!(pair(&r3["comparison"]), (6, 10));
    let p3 = figure("promotion-3y");
    assert_eq!(pair(&p3["participants"]), (2, 5));
    assert_eq!(pair(&p3["comparison"]), (1, 10));
    assert_eq!(p3["participants"]["text"], "2 of 5 (40%)");
    assert_eq!(p3["ratio"]["value"], 4.0);
    // Wilson, 2 of 5: (0.4 + 1.9208/5) / (1 + 3.8415/5) = 0.4434 ± 0.3258.
    let close = |v: &Value, want: f64| (v.as_f64().unwrap() - want).abs() < 5e-4;
    assert!(close(&p3["participants"]["low"], 0.1176), "{p3}");
    assert!(close(&p3["participants"]["high"], 0.7693), "{p3}");
    // Koopman's score interval (the oracle test checks it to 1e-6), and
    // Fisher's exact test: 2 of 5 against 1 of 10 is p = 0.2418.
    assert!(p3["ratio"]["low"].as_f64().unwrap() < 1.0, "{p3}");
    let staff = &p3["comparisons"][0];
    assert_eq!(staff["group"], "staff");
    assert!(close(&staff["fisher"]["p_value"], 0.2418), "{staff}");
    assert_eq!(staff["verdict"], "no-clear-difference");
    assert_eq!(p3["provisional"], false);
    assert_eq!(p3["reading"], "final");
    assert_eq!(p3["small_sample"], true);
    let c = figure("completion");
    assert_eq!(pair(&c["participants"]), (3, 5));
    assert!(c["comparison"].is_null());
    // clarity: +1, +1, +1, +2 → mean 1.25, sd 0.5, ± 3.182 × 0.25; the
    // signed-rank test of four rises is 2/16 = 0.125.
    let clarity = &e["surveys"][0];
    assert_eq!(clarity["question"], "clarity");
    assert_eq!(clarity["n"], 4);
    assert_eq!(clarity["change"], 1.25);
    assert!(close(&clarity["low"], 0.4545) && close(&clarity["high"], 2.0455));
    assert_eq!(clarity["improved"], 4);
    assert_eq!(clarity["wilcoxon_p"], 0.125);
    assert_eq!(
        (clarity["only_pre"].as_u64(), clarity["only_post"].as_u64()),
        (Some(1), Some(0))
    );
}

#[test]
fn evidence_table_says_when_n_is_too_small() {
    cohort()
        .args(["progress", "--evidence", "--as-of", "2024-01-01"])
        .run()
        .ok()
        .stdout_is(EVIDENCE_TABLE);
}

#[test]
fn evidence_before_the_windows_close_is_provisional() {
    let run = cohort()
        .args([
            "progress",
            "--evidence",
            "--as-of",
            "2021-06-30",
            "--format",
            "csv",
        ])
        .run()
        .ok();
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("rate,promotion-3y"))
        .unwrap();
    // By 2021-06-30 ann (2021-03-01) and cat were promoted; hal not yet.
    assert!(
        line.starts_with("rate,promotion-3y,promoted so far (1.5 years of 3 years),2,5,0.4,"),
        "{line}"
    );
    assert!(
        line.contains(",yes,\"2 of 5 (40%) promoted so far (1.5 years), 95% interval 12% to 77%. The 3-year window closes on 2023-01-01: until then the figure is provisional. Against staff.csv, 0 of 10 (0%): no clear difference"),
        "{line}"
    );
    assert!(
        line.contains(",participants,so-far,3,2021-06-30,"),
        "{line}"
    );
    assert!(!line.contains("after 3 years"), "{line}");
}

#[test]
fn evidence_of_an_empty_cohort() {
    let run = cohort()
        .file("screening.yaml", "decisions: {}\n")
        .args(["progress", "--evidence", "--as-of", "2024-01-01"])
        .run()
        .ok();
    assert!(
        run.stdout.starts_with(
            "Evidence of impact as of 2024-01-01: 0 accepted mentees, counted from 2020-01-01 (4.0 years so far)\nComparison group: staff.csv, 10 of 12 listed were employed at the start\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Note: no accepted mentees: nothing to count\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(" promoted within 3 years        none of 0      —              staff.csv       1 of 10 (10%)   —                      —"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "  promoted within 3 years: No participant was employed at the start: nothing to count. Against staff.csv: no participant was employed at the start, so there is no comparison."
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("\nNo pre or post survey answers yet.\n"),
        "{}",
        run.stdout
    );
    cohort()
        .file("screening.yaml", "decisions: {}\n")
        .args(["progress", "--as-of", "2024-01-01"])
        .run()
        .ok()
        .stdout_is(
            "Progress as of 2024-01-01: no accepted mentees\nNote: 6 mentees are not in \
             screening.yaml, so not in the cohort (ann, ben, cat, dan, eve, fay): run `mentorkit screen`\n",
        );
}

#[test]
fn evidence_when_no_one_has_a_post_survey() {
    let mut t = cohort();
    for id in ["ann", "ben", "cat", "eve"] {
        let rel = format!("participants/{id}.yaml");
        let text = std::fs::read_to_string(t.path().join(&rel)).unwrap();
        let kept: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("post:"))
            .map(|l| format!("{l}\n"))
            .collect();
        t = t.file(&rel, kept);
    }
    let run = t
        .args([
            "progress",
            "--evidence",
            "--as-of",
            "2024-01-01",
            "--format",
            "json",
        ])
        .run()
        .ok();
    let e: Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(
        e["notes"].as_array().unwrap().contains(&Value::from(
            "no one has answered both the pre and the post survey yet"
        )),
        "{}",
        e["notes"]
    );
    for q in e["surveys"].as_array().unwrap() {
        assert_eq!(q["n"], 0);
        assert!(q["change"].is_null() && q["wilcoxon_p"].is_null());
        assert!(
            q["conclusion"]
                .as_str()
                .unwrap()
                .starts_with("No one answered it on both surveys."),
            "{q}"
        );
    }
}

#[test]
fn the_career_example_compares_with_its_staff() {
    let run = Test::example("career-development")
        .args(["progress", "--evidence", "--as-of", "2026-01-01"])
        .run()
        .ok();
    assert!(
        run.stdout
            .contains("Comparison group: staff.csv, 28 of 30 listed were employed at the start\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            // The example ships screened: the 7 accepted mentees.
            .contains(" promoted within 3 years        2 of 7 (29%)   8% to 64%      staff.csv                             3 of 28 (11%)    2.67× (0.58× to 10.8×)   0.26"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_reports_a_broken_comparison_group() {
    cohort()
        .file(
            "staff.csv",
            "name,email,hired,promoted,left\nGil,gil@t.org,2011-04-04,,\nHal,ann@testville.org,3/14/2011,,\nIda,ida@t.org,2014-02-03,,2013-07-31\n",
        )
        .args(["check"])
        .run()
        .code(1)
        .stderr_is(
            "error: staff.csv:3: email: ann@testville.org is the email of mentee `ann`
  = help: the comparison group lists non-participants only; remove the row
error: staff.csv:3: hired: `3/14/2011` is not a date; write it as YYYY-MM-DD
error: staff.csv:4: left: left 2013-07-31, before being hired (2014-02-03)
3 problems found
",
        );
    cohort()
        .remove("staff.csv")
        .args(["check"])
        .run()
        .code(1)
        .stderr_is(
        "error: program.toml:22:1: staff.csv cannot be read: it is missing, or a link to nothing
 22 | comparison = \"staff.csv\"
    | ^
  = help: put the comparison group's CSV there (columns hired, promoted, left), or remove the key
",
    );
}

#[test]
fn goal_changes_one_value_and_keeps_comments() {
    let before = std::fs::read_to_string(
        repo().join("tests/fixtures/progress/cohort/participants/ann.yaml"),
    )
    .unwrap();
    let run = cohort()
        .args(["goal", "ann", "supervisor", "done", "--target", "2020-07-31"])
        .run()
        .ok()
        .stdout_is("ann: goal 2 \"Apply for the supervisor post\": status in-progress → done, target 2020-06-30 → 2020-07-31\n");
    assert_eq!(
        run.read("participants/ann.yaml"),
        before.replace(
            "    target: 2020-06-30\n    status: in-progress",
            "    target: 2020-07-31\n    status: done"
        )
    );
    assert!(
        run.read("participants/ann.yaml")
            .contains("# posted in May")
    );
}

#[test]
fn goal_lists_and_refuses_in_words() {
    cohort()
        .args(["goal", "ann"])
        .run()
        .ok()
        .stdout_is("ann: 2 SMART goals\n  1. Finish the career plan — done, target 2020-03-31\n  2. Apply for the supervisor post — in-progress, target 2020-06-30\n");
    cohort()
        .args(["goal", "anne", "1", "done"])
        .run()
        .code(1)
        .stderr_is("error: no participant `anne`; did you mean `ann`?\n");
    cohort()
        .args(["goal", "ann", "1", "finished"])
        .run()
        .code(1)
        .stderr_is("error: `finished` is not a goal status; use one of: not-started, in-progress, done, dropped\n");
    cohort()
        .args(["goal", "ann", "3", "done"])
        .run()
        .code(1)
        .stderr_is("error: ann has no goal 3; give a number from 1 to 2:\n  1. Finish the career plan — done, target 2020-03-31\n  2. Apply for the supervisor post — in-progress, target 2020-06-30\n");
    cohort()
        .args(["goal", "ann", "the", "done"])
        .run()
        .code(1)
        .stderr_is("error: `the` is in 2 goals of ann; give the number:\n  1. Finish the career plan — done, target 2020-03-31\n  2. Apply for the supervisor post — in-progress, target 2020-06-30\n");
    cohort()
        .args(["goal", "ann", "2"])
        .run()
        .code(2)
        .stderr_is("error: give goal 2 a new status (not-started, in-progress, done, dropped) or --target DATE\n");
}

#[test]
fn deliverable_sets_a_status_in_place() {
    let run = cohort()
        .args(["deliverable", "eve", "plan", "done"])
        .run()
        .ok()
        .stdout_is("eve: deliverable plan: draft → done\n");
    assert!(
        run.read("participants/eve.yaml")
            .contains("deliverables:\n  plan: done\n  resume: done\n")
    );
    // Someone with no deliverables yet gets the section.
    let run = cohort()
        .args(["deliverable", "dan", "Resume", "draft"])
        .run()
        .ok()
        .stdout_is("dan: deliverable resume: draft\n");
    assert!(
        run.read("participants/dan.yaml")
            .ends_with("deliverables:\n  resume: draft\n")
    );
    let run = cohort()
        .args(["deliverable", "ben", "resume", "done", "--dry-run"])
        .run()
        .ok()
        .stdout_is("ben: deliverable resume: draft → done (dry run: nothing written)\n");
    assert!(run.read("participants/ben.yaml").contains("resume: draft"));
    cohort()
        .args(["deliverable", "ben", "resme", "done"])
        .run()
        .code(1)
        .stderr_is("error: no deliverable `resme` in this program; did you mean `resume`?\n");
    cohort()
        .args(["deliverable", "ben", "resume", "finished"])
        .run()
        .code(1)
        .stderr_is(
            "error: `finished` is not a deliverable status; use one of: not-started, draft, done\n",
        );
}

#[test]
fn writers_wait_for_the_folder_lock() {
    let t = cohort();
    let held = std::fs::File::open(t.path()).unwrap();
    held.lock().unwrap();
    let run = t
        .env("MENTORKIT_LOCK_WAIT", "0")
        .args(["deliverable", "eve", "plan", "done"])
        .run()
        .code(1)
        .stderr_has("another mentorkit command is writing to ");
    assert!(run.read("participants/eve.yaml").contains("plan: draft"));
    drop(held);
}

#[test]
fn outcome_records_and_refuses_dates_that_cannot_be() {
    let run = cohort()
        .args([
            "outcome",
            "eve",
            "--completed",
            "yes",
            "--promoted",
            "2021-02-01",
            "--new-position",
            "Cataloger",
        ])
        .run()
        .ok()
        .stdout_is("eve: completed, promoted 2021-02-01, new position Cataloger\n");
    assert!(run.read("participants/eve.yaml").ends_with(
        "outcome:\n  completed: true\n  promoted: 2021-02-01\n  new_position: Cataloger\n"
    ));
    cohort()
        .args(["outcome", "dan"])
        .run()
        .ok()
        .stdout_is("dan: did not complete, left 2020-09-30\n");
    cohort()
        .args(["outcome", "ben", "--left", "2015-01-01"])
        .run()
        .code(1)
        .stderr_is(
            "error: left 2015-01-01, before being hired (2016-07-11); nothing was written\n",
        );
    cohort()
        .args(["outcome", "cat", "--promoted", "2019-06-01"])
        .run()
        .code(1)
        .stderr_is("error: promoted 2019-06-01, before the program started (2020-01-01); nothing was written\n");
    let run = cohort()
        .args(["outcome", "dan", "--clear", "left", "--clear", "completed"])
        .run()
        .ok()
        .stdout_is("dan: no outcome recorded\n");
    assert!(!run.read("participants/dan.yaml").contains("outcome"));
}

#[test]
fn check_flags_outcomes_that_contradict_the_record() {
    cohort()
        .file(
            "participants/cat.yaml",
            "name: Cat Chu\nemail: cat@testville.org\nrole: mentee\ndepartment: Circulation\nhired: 2012-01-09\noutcome:\n  promoted: 2021-05-01\n  left: 2011-12-31\n",
        )
        .args(["check"])
        .run()
        .code(1)
        .stderr_is(
            "error: participants/cat.yaml:7:3: promoted 2021-05-01, after leaving (2011-12-31)
 7 |   promoted: 2021-05-01
   |   ^
  = help: a better post at another library counts from the day they left; check the dates
error: participants/cat.yaml:8:3: left 2011-12-31, before being hired (2012-01-09)
 8 |   left: 2011-12-31
   |   ^
  = help: check the dates of `left` and `hired`
2 problems found
",
        );
}

const MAP: &str = "# Post-program survey (Google Forms)
email = \"Email Address\"

[questions]
confidence = \"How confident do you feel about your next career step?\"
clarity = \"I have a clear plan for my career.\"

[answers]
\"Strongly disagree\" = 1
Disagree = 2
Neutral = 3
Agree = 4
\"Strongly agree\" = 5

[answers.confidence]
\"Not at all confident\" = 1
\"Somewhat confident\" = 3
\"Very confident\" = 5
";

/// A Forms export as Windows writes it: a byte order mark, CRLF, and a
/// comment with a line break inside quotes.
fn export(rows: &[&str]) -> Vec<u8> {
    let mut text = String::from(
        "\u{feff}Timestamp,Email Address,How confident do you feel about your next career step?,I have a clear plan for my career.,Comments\r\n",
    );
    for r in rows {
        text.push_str(r);
        text.push_str("\r\n");
    }
    text.into_bytes()
}

#[test]
fn survey_import_matches_by_email_and_reports_the_rest() {
    let csv = export(&[
        "2020/06/20 2:15:30 PM CST,DAN@testville.org,Somewhat confident,Agree,\"Thanks!\r\nSee you\"",
        "2020/06/20 3:01:10 PM CST,stranger@x.org,Very confident,Agree,",
        "2020/06/21 9:00:00 AM CST,dan@testville.org,Very confident,Strongly agree,",
        "2020/06/21 9:05:00 AM CST,,Very confident,Agree,",
        "2020/06/22 10:00:00 AM CST,ann@testville.org,Very confident,Neutral,",
    ]);
    let run = cohort()
        .file("post.csv", csv)
        .file("map.toml", MAP)
        .args(["survey", "import", "post", "--from-csv", "post.csv", "--map", "map.toml", "--verbose"])
        .run()
        .ok()
        .stdout_is("ann: post: clarity 3, confidence 5\ndan: post: clarity 5, confidence 5\nsurvey post: 2 people updated, 0 already up to date, 2 rows not matched\n")
        .stderr_is("warning: post.csv:6: no email; row skipped
warning: post.csv:2: DAN@testville.org answered again on line 5; the later answers count
warning: post.csv:4: no participant has the email stranger@x.org; row skipped
");
    // ann's flow mapping keeps its style; dan gets a new block.
    assert!(
        run.read("participants/ann.yaml")
            .contains("  post: {confidence: 5, clarity: 3}\n")
    );
    assert!(run.read("participants/dan.yaml").contains(
        "surveys:\n  pre: {confidence: 2, clarity: 1}\n  post:\n    clarity: 5\n    confidence: 5\n"
    ));
}

#[test]
fn survey_import_dry_run_writes_nothing() {
    let csv = export(&["2020/06/22,eve@testville.org,Somewhat confident,Neutral,"]);
    let run = cohort()
        .file("post.csv", csv)
        .file("map.toml", MAP)
        .args(["survey", "import", "post", "--from-csv", "post.csv", "--map", "map.toml", "--dry-run", "-v"])
        .run()
        .ok()
        .stdout_is("eve: post: clarity 3, confidence 3\nsurvey post: 1 person updated, 0 already up to date, 0 rows not matched (dry run: nothing written)\n");
    assert!(
        run.read("participants/eve.yaml")
            .contains("post: {confidence: 5, clarity: 4}")
    );
}

#[test]
fn survey_import_refuses_every_unreadable_answer_and_writes_nothing() {
    let csv = export(&[
        "2020/06/22,eve@testville.org,Kind of,Agree,",
        "2020/06/22,ann@testville.org,Very confident,7,",
    ]);
    let run = cohort()
        .file("post.csv", csv)
        .file("map.toml", MAP)
        .args(["survey", "import", "post", "--from-csv", "post.csv", "--map", "map.toml"])
        .run()
        .code(1)
        .stderr_is("error: post.csv:2: confidence: `Kind of` is not an answer the map knows
  = help: add it to [answers] in the map; it knows \"not at all confident\" = 1, \"strongly disagree\" = 1, \"disagree\" = 2, \"neutral\" = 3, \"somewhat confident\" = 3, \"agree\" = 4, \"strongly agree\" = 5, \"very confident\" = 5
error: post.csv:3: clarity: 7 is outside the 1–5 scale
  = help: add it to [answers] in the map; it knows \"strongly disagree\" = 1, \"disagree\" = 2, \"neutral\" = 3, \"agree\" = 4, \"strongly agree\" = 5
2 problems found
");
    assert!(
        run.read("participants/ann.yaml")
            .contains("post: {confidence: 4, clarity: 3}")
    );
}

#[test]
fn survey_import_names_map_mistakes() {
    cohort()
        .file("post.csv", export(&[]))
        .file("map.toml", MAP.replace("email =", "emial ="))
        .args(["survey", "import", "post", "--from-csv", "post.csv", "--map", "map.toml"])
        .run()
        .code(1)
        .stderr_is("error: map.toml:2:1: unknown field `emial`\n 2 | emial = \"Email Address\"\n   | ^\n  = help: did you mean `email`?\n");
    cohort()
        .file("post.csv", export(&[]))
        .file("map.toml", MAP.replace("I have a clear plan for my career.", "I have a clear plan"))
        .args(["survey", "import", "post", "--from-csv", "post.csv", "--map", "map.toml"])
        .run()
        .code(1)
        .stderr_is("error: map.toml: [questions] clarity names the column \"I have a clear plan\", which the export does not have; did you mean \"I have a clear plan for my career.\"?\n");
    cohort()
        .args(["survey", "import", "post/x", "--from-csv", "post.csv", "--map", "map.toml"])
        .run()
        .code(1)
        .stderr_is("error: `post/x` cannot be a survey name; use letters, digits, - and _, such as pre or post\n");
}

#[test]
fn meetings_no_one_records_flag_no_one() {
    // tech-mentoring asks for a meeting every two weeks but records none:
    // one note, not thirteen flags.
    let run = Test::example("tech-mentoring")
        .args(["progress", "--as-of", "2025-12-01"])
        .run()
        .ok();
    assert!(
        run.stdout
            .starts_with("Progress as of 2025-12-01: 13 mentees, 0 at risk\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with(
        "\nNote: [schedule] meetings is set, but no meeting's attendance is recorded yet, so no one is flagged for missing meetings; record meetings with `mentorkit attend`\n"
    ), "{}", run.stdout);
}

#[test]
fn control_characters_in_a_goal_do_not_reach_the_terminal() {
    // A goal pasted with a terminal escape in it is shown, not obeyed.
    let text = std::fs::read_to_string(
        repo().join("tests/fixtures/progress/cohort/participants/ben.yaml"),
    )
    .unwrap()
    .replace("Shadow the branch manager", "Shadow \\u001b[31mthe manager");
    let run = cohort()
        .file(
            "participants/ben.yaml",
            text.replace("goal: Shadow", "goal: \"Shadow")
                .replace("manager\n", "manager\"\n"),
        )
        .args(["progress", "--as-of", "2020-04-20"])
        .run()
        .ok();
    assert!(
        run.stdout
            .contains("ben: goal 1 \"Shadow \u{fffd}[31mthe manager\""),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains('\u{1b}'));
    let run = cohort()
        .file(
            "participants/ben.yaml",
            text.replace("goal: Shadow", "goal: \"Shadow")
                .replace("manager\n", "manager\"\n"),
        )
        .args(["goal", "ben"])
        .run()
        .ok();
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
}
