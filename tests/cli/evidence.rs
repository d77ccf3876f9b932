//! `progress --evidence` verified independently: each test writes a program
//! folder, runs the real binary (`progress --evidence --format json`), and
//! has `tests/oracle/evidence_oracle.py` read the same folder and compute
//! every figure again with scipy and statsmodels; every number must agree
//! to 1e-6. The cases of issue 13 come first, then generated folders. When
//! python3, PyYAML, scipy or statsmodels is missing the tests say they were
//! skipped, and fail instead when `CI` is set.
//!
//! Also here: `report cohort` shows the same evidence as `progress
//! --evidence`, anonymized or not.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::process::Command;
use std::sync::OnceLock;

use serde_json::{Map, Value, json};

use crate::support::{Run, Test, repo};

mod cases;
mod generate;

use generate::{Folder, Person, Rng};

/// Whether the oracle can run; panics under CI when it cannot.
fn oracle_available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| {
        let probe = Command::new("python3")
            .args(["-c", "import scipy, statsmodels, yaml, tomllib"])
            .output();
        let missing = match probe {
            Ok(out) if out.status.success() => return true,
            Ok(out) => String::from_utf8_lossy(&out.stderr).trim().to_string(),
            Err(e) => format!("python3 could not be started: {e}"),
        };
        let help = "install them with `python3 -m pip install pyyaml scipy statsmodels` (Python 3.11 or later)";
        if std::env::var_os("CI").is_some() {
            panic!(
                "the evidence oracle needs python3 with PyYAML, scipy and statsmodels ({missing}); {help}"
            );
        }
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: the evidence oracle needs python3 with PyYAML, scipy and statsmodels ({missing}); {help}"
        );
        false
    })
}

/// The binary's evidence of a folder, as JSON.
pub(super) fn binary(t: Test, as_of: &str) -> (Value, Run) {
    let run = t
        .args([
            "progress",
            "--evidence",
            "--format",
            "json",
            "--as-of",
            as_of,
        ])
        .run()
        .ok();
    let e = serde_json::from_str(&run.stdout).unwrap();
    (e, run)
}

/// The oracle's figures of each folder, as of its day (one Python run).
fn oracle(folders: &[(&Run, &str)]) -> Vec<Value> {
    let script = repo().join("tests/oracle/evidence_oracle.py");
    let out = Command::new("python3")
        .arg(script)
        .args(
            folders
                .iter()
                .map(|(run, as_of)| format!("{}={as_of}", run.path().display())),
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the oracle failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all: Value = serde_json::from_slice(&out.stdout).unwrap();
    all.as_array().unwrap().clone()
}

/// A JSON array of objects as an object keyed by `key`.
fn keyed(v: &Value, key: &str, f: impl Fn(&Value) -> Value) -> Value {
    let mut m = Map::new();
    for item in v.as_array().unwrap() {
        m.insert(item[key].as_str().unwrap().to_string(), f(item));
    }
    Value::Object(m)
}

/// The binary's JSON in the oracle's shape: figures, comparisons, questions,
/// competencies and curves keyed; curves only at their events.
fn reshape(e: &Value) -> Value {
    let mut out = e.clone();
    out["figures"] = keyed(&e["figures"], "measure", |f| {
        let mut f = f.clone();
        f["comparisons"] = keyed(&f["comparisons"], "group", Value::clone);
        f
    });
    out["surveys"] = keyed(&e["surveys"], "question", Value::clone);
    out["competencies"] = keyed(&e["competencies"], "competency", Value::clone);
    out["curves"] = keyed(&e["curves"], "group", |c| {
        c["steps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["events"].as_u64() > Some(0))
            .map(|s| json!({"days": s["days"], "survival": s["survival"], "low": s["low"], "high": s["high"]}))
            .collect()
    });
    out
}

/// Every value the oracle gives must be in ours, numbers to 1e-6 (relative
/// above 1).
fn agree(path: &str, theirs: &Value, ours: Option<&Value>, failures: &mut Vec<String>) {
    let Some(ours) = ours else {
        failures.push(format!("{path}: missing (oracle: {theirs})"));
        return;
    };
    match theirs {
        Value::Object(m) => {
            for (k, v) in m {
                agree(&format!("{path}.{k}"), v, ours.get(k), failures);
            }
        }
        Value::Array(items) => match ours.as_array() {
            Some(o) if o.len() == items.len() => {
                for (i, (a, b)) in items.iter().zip(o).enumerate() {
                    agree(&format!("{path}[{i}]"), a, Some(b), failures);
                }
            }
            _ => failures.push(format!("{path}: oracle {theirs}, ours {ours}")),
        },
        Value::Number(n) => {
            let want = n.as_f64().unwrap();
            match ours.as_f64() {
                Some(got) if (got - want).abs() <= 1e-6 * want.abs().max(1.0) => {}
                _ => failures.push(format!("{path}: oracle {want}, ours {ours}")),
            }
        }
        other => {
            if other != ours {
                failures.push(format!("{path}: oracle {other}, ours {ours}"));
            }
        }
    }
}

/// Runs the binary and the oracle on folders and asserts agreement; the
/// binary's JSON of each, or `None` when the oracle was skipped.
pub(super) fn verified_all(folders: &[Folder]) -> Option<Vec<Value>> {
    let runs: Vec<(Value, Run)> = folders
        .iter()
        .map(|f| binary(f.write(), &f.as_of))
        .collect();
    if !oracle_available() {
        return None;
    }
    let cases: Vec<(&Run, &str)> = runs
        .iter()
        .zip(folders)
        .map(|((_, run), f)| (run, f.as_of.as_str()))
        .collect();
    let answers = oracle(&cases);
    assert_eq!(answers.len(), folders.len());
    for ((f, (e, _)), o) in folders.iter().zip(&runs).zip(&answers) {
        let mut failures = Vec::new();
        agree("evidence", o, Some(&reshape(e)), &mut failures);
        assert!(
            failures.is_empty(),
            "{} disagreements with the oracle on {} (as of {}), the first ones:\n{}",
            failures.len(),
            f.name,
            f.as_of,
            failures[..failures.len().min(20)].join("\n")
        );
    }
    Some(runs.into_iter().map(|(e, _)| e).collect())
}

pub(super) fn figure<'e>(e: &'e Value, measure: &str) -> &'e Value {
    e["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["measure"] == measure)
        .unwrap()
}

pub(super) fn comparison<'e>(f: &'e Value, group: &str) -> &'e Value {
    f["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["group"] == group)
        .unwrap()
}

pub(super) fn close(v: &Value, want: f64, tolerance: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - want).abs() <= tolerance)
}

/// `n` people, the first `k` made by `yes`, the rest by `no`.
fn split(
    n: usize,
    k: usize,
    yes: impl Fn(usize) -> Person,
    no: impl Fn(usize) -> Person,
) -> Vec<Person> {
    (0..n).map(|i| if i < k { yes(i) } else { no(i) }).collect()
}

#[test]
fn generated_folders_agree_with_the_oracle() {
    let mut rng = Rng::new(13);
    let folders: Vec<Folder> = (0..16)
        .map(|i| generate::random(&mut rng, &format!("generated-{i}")))
        .collect();
    let Some(all) = verified_all(&folders) else {
        return;
    };
    // The draws reach what they should: comparisons of both kinds, open
    // and closed windows, surveys and competencies, a start not reached.
    let seen = |f: &dyn Fn(&Value) -> bool| all.iter().any(f);
    assert!(seen(&|e| e["groups"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["group"] == "applicants")));
    assert!(seen(&|e| figure(e, "retention-3y")["reading"] == "so-far"));
    assert!(seen(&|e| figure(e, "retention-3y")["reading"] == "final"));
    assert!(seen(
        &|e| figure(e, "retention-1y")["reading"] == "not-started"
    ));
    assert!(seen(&|e| !figure(e, "certification-1y")["comparisons"]
        .as_array()
        .unwrap()
        .is_empty()));
    assert!(seen(&|e| e["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["paired"]["n"].as_u64() > Some(1))));
}

/// The evidence in a report context, without the keys only the page has.
fn report_evidence(t: Test, anonymize: bool) -> Value {
    let mut args = vec!["report", "cohort", "--context", "--today", "2024-01-01"];
    if anonymize {
        args.push("--anonymize");
    }
    let run = t.args(args).run().ok();
    let context: Value = serde_json::from_str(&run.stdout).unwrap();
    let mut e = context["evidence"].clone();
    let m = e.as_object_mut().unwrap();
    for page_only in ["view", "chart", "follow_up", "statement"] {
        assert!(m.remove(page_only).is_some(), "{page_only}");
    }
    e
}

#[test]
fn the_cohort_report_shows_the_same_evidence_as_progress() {
    let mut rng = Rng::new(2016);
    let f = generate::random(&mut rng, "same-numbers");
    let f = Folder {
        as_of: "2024-01-01".into(),
        ..f
    };
    for anonymize in [false, true] {
        let mut args = vec![
            "progress",
            "--evidence",
            "--format",
            "json",
            "--as-of",
            "2024-01-01",
        ];
        if anonymize {
            args.push("--anonymize");
        }
        let run = f.write().args(args).run().ok();
        let progress: Value = serde_json::from_str(&run.stdout).unwrap();
        let report = report_evidence(f.write(), anonymize);
        assert_eq!(report, progress, "anonymize: {anonymize}");
        assert_eq!(progress["anonymized"], anonymize);
    }
}

#[test]
fn an_anonymized_report_names_no_one_and_quotes_no_one() {
    let mut rng = Rng::new(7);
    let mut f = generate::random(&mut rng, "anonymized");
    f.as_of = "2024-01-01".into();
    f.mentees[0].quote = Some("The program changed my year.".into());
    let run = f
        .write()
        .args(["report", "cohort", "--anonymize", "--today", "2024-01-01"])
        .run()
        .ok();
    let md = run.read("out/cohort.md");
    let html = run.read("out/cohort.html");
    for (i, p) in f.mentees.iter().enumerate() {
        let name = p.name(i);
        assert!(!md.contains(&name) && !html.contains(&name), "{name}");
    }
    assert!(!md.contains("changed my year") && !html.contains("changed my year"));
    assert!(md.contains("Participant 1"), "{md}");
    assert!(md.contains("Anonymized for sharing"), "{md}");
    // Every count under 5 is `under 5`.
    assert!(
        html.contains(">under 5<") && md.contains("| under 5 |"),
        "{html}"
    );
    let mut seen = BTreeMap::new();
    for line in md.lines().filter(|l| l.starts_with("| Participant")) {
        *seen
            .entry(line.split('|').nth(1).unwrap().trim().to_string())
            .or_insert(0) += 1;
    }
    assert_eq!(seen.len(), f.mentees.len(), "{md}");
}

#[test]
fn anonymize_is_for_the_documents_about_the_cohort() {
    Test::example("career-development")
        .args(["report", "career-plan", "--anonymize"])
        .run()
        .code(2)
        .stderr_is("error: --anonymize applies to `report cohort` and `report trends` only: the documents of `report career-plan` are about named people\n");
    Test::example("career-development")
        .args(["progress", "--anonymize"])
        .run()
        .code(2)
        .stderr_has("--evidence");
}

#[test]
fn trends_say_when_a_cohort_is_too_young_and_anonymize_its_counts() {
    let old = Test::example("career-development");
    let young = Test::example("tech-mentoring");
    let run = Test::new()
        .args([
            "report".to_string(),
            "trends".to_string(),
            old.path().display().to_string(),
            young.path().display().to_string(),
            "--context".to_string(),
            "--anonymize".to_string(),
            "--today".to_string(),
            "2026-12-01".to_string(),
        ])
        .run()
        .ok();
    let t: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(t["anonymized"], true);
    let cohorts = t["cohorts"].as_array().unwrap();
    let tech = &cohorts[1]["figures"];
    assert_eq!(tech[0]["measure"], "retention-1y");
    assert_eq!(tech[0]["status"], "final");
    assert_eq!(tech[1]["status"], "too-young");
    assert_eq!(tech[1]["text"], "too young (1.2 years of 3 years)");
    assert!(tech[1]["rate"].is_null());
    // 13 of 13 still employed after a year: the other cell is 0, suppressed.
    assert_eq!(tech[0]["text"], "suppressed (under 5)");
    // The example ships screened: its 7 accepted mentees.
    assert_eq!(cohorts[0]["size"], 7);
}
