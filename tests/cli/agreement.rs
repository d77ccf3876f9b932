//! One folder, one set of figures: random program folders are generated,
//! every output that shows a figure is run on each (through the binary),
//! and the figures must agree: roster size, completion count, each survey
//! question's change, each deliverable's count. A fact computed twice in
//! two ways fails here on some folder.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::Value;

use crate::support::Test;

/// Spellings of one deliverable that name it once (case, spacing, dashes).
const SPELLINGS: &[&[&str]] = &[
    &["resume", "Resume", " resume ", "RESUME"],
    &["career plan", "career-plan", "Career_Plan", "Career  Plan"],
    &["vision board", "vision-board", "Vision Board"],
];
const QUESTIONS: &[&str] = &["confidence", "clarity", "satisfaction"];
const STATUSES: &[&str] = &["not-started", "draft", "done"];

/// Pre and post answers to one question (absent when `None`).
type Answers = (Option<u8>, Option<u8>);

/// One generated mentee.
#[derive(Debug, Clone)]
struct Mentee {
    /// Spelling index and status index per deliverable written in the record.
    deliverables: Vec<(usize, usize, usize)>,
    /// Pre and post answers per question (absent when `None`).
    surveys: Vec<Answers>,
    completed: Option<bool>,
    accepted: bool,
}

#[derive(Debug, Clone)]
struct Folder {
    mentees: Vec<Mentee>,
    /// Per workshop, per mentee: 0 absent, 1 present, 2 excused, 3 not listed.
    workshops: Vec<Vec<u8>>,
    /// How the curriculum spells each deliverable it names.
    curriculum: Vec<usize>,
    screened: bool,
    ended: bool,
    min_attendance: u8,
}

fn mentee() -> impl Strategy<Value = Mentee> {
    (
        prop::collection::vec((0..3usize, 0..4usize, 0..3usize), 0..4),
        prop::collection::vec(
            (prop::option::of(1..=5u8), prop::option::of(1..=5u8)),
            QUESTIONS.len(),
        ),
        prop::option::of(any::<bool>()),
        any::<bool>(),
    )
        .prop_map(|(deliverables, surveys, completed, accepted)| Mentee {
            deliverables,
            surveys,
            completed,
            accepted,
        })
}

fn folder() -> impl Strategy<Value = Folder> {
    (1..7usize).prop_flat_map(|n| {
        (
            prop::collection::vec(mentee(), n),
            prop::collection::vec(prop::collection::vec(0..4u8, n), 0..5),
            prop::collection::vec(0..4usize, 0..3),
            any::<bool>(),
            any::<bool>(),
            0..=4u8,
        )
            .prop_map(
                |(mentees, workshops, curriculum, screened, ended, min)| Folder {
                    mentees,
                    workshops,
                    curriculum,
                    screened,
                    ended,
                    min_attendance: min,
                },
            )
    })
}

fn id(i: usize) -> String {
    format!("m{i}")
}

/// Writes the generated folder.
fn write(f: &Folder) -> Test {
    let ends = if f.ended { "2016-06-30" } else { "2017-06-30" };
    let curriculum: Vec<String> = f
        .curriculum
        .iter()
        .enumerate()
        .map(|(i, &spelling)| {
            format!(
                "[[curriculum]]\ntitle = \"Workshop {i}\"\ndeliverables = [\"{}\"]\n",
                SPELLINGS[i % SPELLINGS.len()][spelling % SPELLINGS[i % SPELLINGS.len()].len()]
            )
        })
        .collect();
    let mut t = Test::new().file(
        "program.toml",
        format!(
            "[program]\nname = \"Generated\"\nstarts = 2016-01-01\nends = {ends}\ntimezone = \"America/Chicago\"\n\n\
             [completion]\nmin_attendance = {}\ndeliverables = \"all\"\n\n{}",
            f64::from(f.min_attendance) / 4.0,
            curriculum.join("\n")
        ),
    );
    for (i, m) in f.mentees.iter().enumerate() {
        let mut text = format!(
            "name: Mentee {i}\nemail: m{i}@example.org\nrole: mentee\ndepartment: Circulation\nhired: 2010-01-01\n"
        );
        if !m.deliverables.is_empty() {
            text.push_str("deliverables:\n");
            let mut seen = std::collections::BTreeSet::new();
            for &(d, spelling, status) in &m.deliverables {
                let name = SPELLINGS[d][spelling % SPELLINGS[d].len()];
                if seen.insert(name) {
                    text.push_str(&format!("  \"{name}\": {}\n", STATUSES[status]));
                }
            }
        }
        let answers = |pick: fn(&Answers) -> Option<u8>| {
            let parts: Vec<String> = QUESTIONS
                .iter()
                .zip(&m.surveys)
                .filter_map(|(q, a)| pick(a).map(|v| format!("{q}: {v}")))
                .collect();
            parts.join(", ")
        };
        let (pre, post) = (answers(|a| a.0), answers(|a| a.1));
        if !pre.is_empty() || !post.is_empty() {
            text.push_str("surveys:\n");
            if !pre.is_empty() {
                text.push_str(&format!("  pre: {{{pre}}}\n"));
            }
            if !post.is_empty() {
                text.push_str(&format!("  post: {{{post}}}\n"));
            }
        }
        if let Some(c) = m.completed {
            text.push_str(&format!("outcome:\n  completed: {c}\n"));
        }
        t = t.file(&format!("participants/{}.yaml", id(i)), text);
    }
    for (w, marks) in f.workshops.iter().enumerate() {
        let list = |want: u8| {
            let ids: Vec<String> = marks
                .iter()
                .enumerate()
                .filter(|(_, m)| **m == want)
                .map(|(i, _)| id(i))
                .collect();
            format!("[{}]", ids.join(", "))
        };
        t = t.file(
            &format!("sessions/2016-0{}-10-w{w}.yaml", w + 1),
            format!(
                "title: Workshop {w}\nkind: workshop\ndate: 2016-0{}-10\nattendance: {}\nabsent: {}\nexcused: {}\n",
                w + 1,
                list(1),
                list(0),
                list(2)
            ),
        );
    }
    if f.screened {
        let mut text = String::from(
            "# Generated by mentorkit; edits here are replaced the next time it runs.\ndecisions:\n",
        );
        let mut place = 0;
        for (i, m) in f.mentees.iter().enumerate() {
            if m.accepted {
                text.push_str(&format!("  {}:\n    decision: accepted\n", id(i)));
            } else {
                place += 1;
                text.push_str(&format!(
                    "  {}:\n    decision: waitlisted\n    waitlist: {place}\n",
                    id(i)
                ));
            }
        }
        t = t.file("screening.yaml", text);
    }
    t
}

/// Runs one command on a copy of the folder and parses its JSON output.
fn json(f: &Folder, args: &[&str]) -> Value {
    let run = write(f)
        .args(args.iter().copied())
        .env("MENTORKIT_TODAY", "2016-12-01")
        .run();
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}\n{}", run.stdout))
}

fn round(x: &Value) -> Option<i64> {
    x.as_f64().map(|v| (v * 1e6).round() as i64)
}

/// The figures every output shows, checked against each other.
fn agree(f: &Folder) {
    let progress = json(f, &["progress", "--format", "json"]);
    let evidence = json(f, &["progress", "--evidence", "--format", "json"]);
    let cohort = json(f, &["report", "cohort", "--context"]);
    let plans = json(f, &["report", "career-plan", "--context"]);
    let rows = progress.as_array().map_or(0, Vec::len);

    // Roster size.
    assert_eq!(cohort["roster_size"].as_u64(), Some(rows as u64));
    assert_eq!(cohort["people"].as_array().map(Vec::len), Some(rows));
    assert_eq!(evidence["cohort"].as_u64(), Some(rows as u64));
    let plan_count = match &plans {
        Value::Array(a) => a.len(),
        Value::Object(_) => 1,
        _ => 0,
    };
    assert_eq!(plan_count, rows, "a career plan per member");

    // Completion.
    let completed = progress
        .as_array()
        .map_or(0, |a| a.iter().filter(|r| r["completed"] == true).count());
    assert_eq!(
        cohort["funnel"]["completed"].as_u64(),
        Some(completed as u64)
    );
    assert_eq!(
        cohort["outcomes"]["completed"].as_u64(),
        Some(completed as u64)
    );
    let completion = evidence["figures"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["measure"] == "completion"))
        .map(|x| x["participants"]["count"].as_u64());
    assert_eq!(completion, Some(Some(completed as u64)));
    let cohort_people_done = cohort["people"]
        .as_array()
        .map_or(0, |a| a.iter().filter(|r| r["completed"] == true).count());
    assert_eq!(cohort_people_done, completed);

    // Each survey question's change.
    let changes = |v: &Value| -> BTreeMap<String, Option<i64>> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|q| {
                        (
                            q["question"].as_str().unwrap_or_default().to_string(),
                            round(&q["change"]),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(changes(&cohort["surveys"]), changes(&evidence["surveys"]));
    // The cohort report's evidence of impact is `progress --evidence`'s.
    assert_eq!(cohort["evidence"]["figures"], evidence["figures"]);
    assert_eq!(cohort["evidence"]["surveys"], evidence["surveys"]);

    // Each deliverable's count: the cohort report against the career plans.
    let mut from_plans: BTreeMap<String, [u64; 3]> = BTreeMap::new();
    let plan_list: Vec<&Value> = match &plans {
        Value::Array(a) => a.iter().collect(),
        one => vec![one],
    };
    for plan in plan_list {
        for d in plan["person"]["deliverables"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let name = d["name"].as_str().unwrap_or_default().to_string();
            let slot = match d["status"].as_str() {
                Some("done") => 2,
                Some("draft") => 1,
                _ => 0,
            };
            from_plans.entry(name).or_default()[slot] += 1;
        }
    }
    let from_report: BTreeMap<String, [u64; 3]> = cohort["deliverables"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            let n = |k: &str| d[k].as_u64().unwrap_or(0);
            (
                d["name"].as_str().unwrap_or_default().to_string(),
                [n("not_started"), n("draft"), n("done")],
            )
        })
        .collect();
    assert_eq!(from_report, from_plans);
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(24),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Every output that shows a figure shows the same figure.
    #[test]
    fn every_output_shows_the_same_figures(f in folder()) {
        agree(&f);
    }
}

/// Regression: the unscreened example counted 8 mentees in `progress` and 7
/// in the cohort report, and two survey changes for "confidence".
#[test]
fn the_career_example_agrees_with_itself() {
    let run = |args: &[&str]| {
        let r = Test::example("career-development")
            .args(args.iter().copied())
            .run()
            .ok();
        serde_json::from_str::<Value>(&r.stdout).unwrap()
    };
    let progress = run(&["progress", "--format", "json"]);
    let evidence = run(&["progress", "--evidence", "--format", "json"]);
    let cohort = run(&["report", "cohort", "--context"]);
    let n = progress.as_array().unwrap().len() as u64;
    assert_eq!(cohort["roster_size"].as_u64(), Some(n));
    assert_eq!(evidence["cohort"].as_u64(), Some(n));
    let confidence = |v: &Value| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|q| q["question"] == "confidence")
            .and_then(|q| round(&q["change"]))
    };
    assert_eq!(
        confidence(&cohort["surveys"]),
        confidence(&evidence["surveys"])
    );
}

/// Before screening every mentee is in the cohort, and every output whose
/// figures depend on who is in it says so.
#[test]
fn every_roster_output_says_when_the_folder_is_not_screened() {
    const NOTE: &str =
        "no screening.yaml yet: every mentee is counted as accepted (run `mentorkit screen`)";
    for args in [
        &["progress"][..],
        &["progress", "--evidence"],
        &["report", "cohort", "--dry-run"],
        &["report", "career-plan", "--dry-run"],
        &["list", "participants"],
        &["schedule", "suggest"],
    ] {
        let run = Test::unscreened_example("career-development")
            .args(args.iter().copied())
            .run()
            .ok();
        assert!(
            run.stdout.contains(NOTE) || run.stderr.contains(NOTE),
            "{args:?}: {}\n{}",
            run.stdout,
            run.stderr
        );
    }
    let matched = Test::unscreened_example("career-development")
        .args(["match", "--dry-run"])
        .run()
        .ok();
    assert!(
        matched
            .stderr
            .contains("no screening.yaml, so every mentee is matched"),
        "{}",
        matched.stderr
    );
}
