//! Promises that need many runs to prove: a command killed at any moment
//! leaves every file old or new and the folder valid; commands run at once
//! never lose an update. Counts come from `MENTORKIT_CRASH_RUNS` and
//! `MENTORKIT_CONCURRENT_RUNS` (the long runs reported in the README set
//! them higher).

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{copy_tree, repo, snapshot};

fn runs(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The binary as a process to kill or run beside others (the folder is
/// set by each caller with `current_dir`).
fn bin() -> Command {
    let mut c = crate::support::process(Path::new("."));
    c.env("MENTORKIT_TODAY", "2016-01-05");
    c
}

/// A tiny deterministic generator for the kill times.
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// What a crash run found.
#[derive(Debug, Default)]
struct CrashReport {
    kills: usize,
    mid_run: usize,
    corrupt: Vec<String>,
}

impl CrashReport {
    fn add(&mut self, other: CrashReport) {
        self.kills += other.kills;
        self.mid_run += other.mid_run;
        self.corrupt.extend(other.corrupt);
    }
}

/// A fresh copy of the career development example, as it was before
/// `screen` and `match` ran (the example ships with both files), so that
/// those commands have something to write.
fn career_example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("examples/career-development"), dir.path());
    for generated in ["screening.yaml", "matches.yaml"] {
        fs::remove_file(dir.path().join(generated)).unwrap();
    }
    dir
}

/// `check` passes on the folder.
fn assert_checks(dir: &Path) {
    let ok = bin()
        .current_dir(dir)
        .arg("check")
        .status()
        .unwrap()
        .success();
    assert!(ok, "check fails in {}", dir.display());
}

/// Runs `args` on copies of `base` and kills it (SIGKILL) at random moments;
/// after each kill every file must be the version from before the command or
/// the one a complete run writes, and `check` must pass.
fn crash(base: &Path, args: &[&str], kills: usize, seed: u64) -> CrashReport {
    let scratch = tempfile::tempdir().unwrap();
    let before = snapshot(base);
    // One complete run gives the "after" versions and the time a run takes.
    let full = scratch.path().join("full");
    copy_tree(base, &full);
    let start = Instant::now();
    let status = bin().current_dir(&full).args(args).status().unwrap();
    let took = start.elapsed();
    assert!(status.success(), "the command itself fails: {args:?}");
    let after = snapshot(&full);
    assert_ne!(before, after, "the command wrote nothing: {args:?}");

    let mut rng = Lcg(seed);
    let mut report = CrashReport::default();
    let window = (took.as_micros() as u64 * 12 / 10).max(1);
    for i in 0..kills {
        let dir = scratch.path().join(format!("kill-{i}"));
        copy_tree(base, &dir);
        let mut child = bin().current_dir(&dir).args(args).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(window)));
        if child.try_wait().unwrap().is_none() {
            report.mid_run += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        report.kills += 1;
        for (rel, bytes) in snapshot(&dir) {
            let ok = before.get(&rel) == Some(&bytes) || after.get(&rel) == Some(&bytes);
            if !ok {
                report.corrupt.push(format!(
                    "kill {i}: {} is neither old nor new",
                    rel.display()
                ));
            }
        }
        let check = bin().current_dir(&dir).arg("check").status().unwrap();
        if !check.success() {
            report.corrupt.push(format!("kill {i}: check fails"));
        }
        let _ = fs::remove_dir_all(&dir);
    }
    eprintln!(
        "{args:?}: {} kills, {} while running, {} corrupt",
        report.kills,
        report.mid_run,
        report.corrupt.len()
    );
    report
}

fn career_with_import() -> tempfile::TempDir {
    let dir = career_example();
    for name in ["google.csv", "google-map.toml"] {
        fs::copy(
            repo().join("tests/fixtures/intake").join(name),
            dir.path().join(name),
        )
        .unwrap();
    }
    dir
}

#[test]
fn killed_writers_leave_every_file_old_or_new() {
    let kills = runs("MENTORKIT_CRASH_RUNS", 25);
    let base = career_with_import();
    let commands: Vec<Vec<&str>> = vec![
        vec![
            "apply",
            "--from-csv",
            "google.csv",
            "--map",
            "google-map.toml",
        ],
        vec!["screen"],
        vec!["match"],
        vec!["attend", "2016-10-11-reflections-celebration", "tom-nguyen"],
    ];
    let mut total = CrashReport::default();
    for (n, args) in commands.iter().enumerate() {
        let r = crash(base.path(), args, kills, 7 + n as u64);
        total.add(r);
    }
    // A folder with no sessions yet: `schedule` writes them all, and the calendar.
    let fresh = tempfile::tempdir().unwrap();
    copy_tree(base.path(), fresh.path());
    fs::remove_dir_all(fresh.path().join("sessions")).unwrap();
    let r = crash(
        fresh.path(),
        &["schedule", "--ics", "calendar.ics"],
        kills,
        99,
    );
    total.add(r);
    eprintln!(
        "total: {} kills, {} while running, {} corrupt",
        total.kills,
        total.mid_run,
        total.corrupt.len()
    );
    assert!(total.corrupt.is_empty(), "{:#?}", total.corrupt);
}

/// Starts every command at once in `dir` and waits for all of them.
fn all_at_once(dir: &Path, commands: &[Vec<String>]) -> Vec<bool> {
    let children: Vec<_> = commands
        .iter()
        .map(|args| bin().current_dir(dir).args(args).spawn().unwrap())
        .collect();
    children
        .into_iter()
        .map(|mut c| c.wait().unwrap().success())
        .collect()
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

#[test]
fn four_edits_of_one_file_at_once_lose_nothing() {
    let rounds = runs("MENTORKIT_CONCURRENT_RUNS", 15);
    let commands = vec![
        strings(&["deliverable", "robert-olsen", "resume", "done"]),
        strings(&["deliverable", "robert-olsen", "vision-board", "draft"]),
        strings(&[
            "outcome",
            "robert-olsen",
            "--new-position",
            "Acquisitions Specialist",
        ]),
        strings(&["outcome", "robert-olsen", "--promoted", "2016-12-01"]),
    ];
    for round in 0..rounds {
        let dir = career_example();
        let results = all_at_once(dir.path(), &commands);
        assert!(
            results.iter().all(|ok| *ok),
            "round {round}: a command failed: {results:?}"
        );
        let text = fs::read_to_string(dir.path().join("participants/robert-olsen.yaml")).unwrap();
        for piece in [
            "resume: done",
            "vision-board: draft",
            "new_position: Acquisitions Specialist",
            "promoted: 2016-12-01",
        ] {
            assert!(
                text.contains(piece),
                "round {round}: lost `{piece}`:\n{text}"
            );
        }
        assert_checks(dir.path());
    }
}

#[test]
fn two_applications_at_once_get_two_files() {
    let rounds = runs("MENTORKIT_CONCURRENT_RUNS", 15);
    let person = |email: &str| {
        strings(&[
            "apply",
            "--no-input",
            "--name",
            "Ana Ruiz",
            "--email",
            email,
            "--role",
            "mentee",
            "--department",
            "Circulation",
            "--hired",
            "2012-03-01",
        ])
    };
    for round in 0..rounds {
        let dir = career_example();
        // Two people with one name: two files. The same email twice: one refused.
        let results = all_at_once(
            dir.path(),
            &[
                person("ana.1@x.org"),
                person("ana.2@x.org"),
                person("ana.1@x.org"),
            ],
        );
        assert_eq!(
            results.iter().filter(|ok| **ok).count(),
            2,
            "round {round}: {results:?}"
        );
        let p = dir.path().join("participants");
        assert!(p.join("ana-ruiz.yaml").exists() && p.join("ana-ruiz-2.yaml").exists());
        assert!(
            !p.join("ana-ruiz-3.yaml").exists(),
            "round {round}: the same email twice"
        );
        assert_checks(dir.path());
    }
}

/// Every way the folder's data leaves mentorkit: documents in every format,
/// their template context, and every listing in every format.
const EXITS: &[&[&str]] = &[
    &["report", "cohort"],
    &["report", "career-plan"],
    &["report", "resume"],
    &["report", "handouts"],
    &["report", "cohort", "--context"],
    &["report", "career-plan", "--context"],
    &["report", "resume", "--context"],
    &["report", "handouts", "--context"],
    &["list", "participants", "--format", "table"],
    &["list", "participants", "--format", "json"],
    &["list", "participants", "--format", "csv"],
    &["list", "sessions", "--format", "csv"],
    &["list", "sessions", "--format", "json"],
    &["progress", "--format", "table"],
    &["progress", "--format", "json"],
    &["progress", "--format", "csv"],
    &["progress", "--evidence", "--format", "csv"],
    &["progress", "--evidence", "--format", "json"],
    &["screen", "--format", "csv"],
];

#[test]
fn no_private_text_unconsented_quote_or_live_payload_reaches_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(&repo().join("examples/career-development"), root);
    fs::write(root.join("private/notes.md"), "LEAK-PRIVATE-5d1e\n").unwrap();
    let aisha = root.join("participants/aisha-khan.yaml");
    let text = fs::read_to_string(&aisha).unwrap();
    fs::write(
        &aisha,
        text.replace(
            "I was not ready to share this yet.",
            "LEAK-UNCONSENTED-0c4b",
        ),
    )
    .unwrap();
    fs::write(
        root.join("participants/zed-payload.yaml"),
        "name: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"\nemail: zed@x.org\nrole: mentee\ndepartment: \"<script>alert(1)</script>\"\nposition: \"@SUM(A1:A9)\"\nbranch: \"+cmd|' /C calc'!A0\"\nhired: 2010-01-04\napplied: 2015-11-20\ncareer_goal: \"<img src=x onerror=alert(2)>\"\ntestimonial:\n  quote: LEAK-UNCONSENTED-9e7f\n  consent: false\n",
    )
    .unwrap();
    let mut payloads_tried = 0;
    for args in EXITS {
        let out = bin()
            .current_dir(root)
            .args(*args)
            .stdout(Stdio::piped())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut seen = vec![(format!("stdout of {args:?}"), stdout)];
        for entry in walkdir::WalkDir::new(root.join("out")) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let text = fs::read_to_string(entry.path()).unwrap();
                seen.push((entry.path().display().to_string(), text));
            }
        }
        for (what, text) in &seen {
            for marker in [
                "LEAK-PRIVATE-5d1e",
                "LEAK-UNCONSENTED-0c4b",
                "LEAK-UNCONSENTED-9e7f",
                "PRIVATE-JOURNAL-MARKER",
            ] {
                payloads_tried += 1;
                assert!(!text.contains(marker), "{marker} reached {what}");
            }
            // JSON and terminal output carry the text as data; documents must escape it.
            if !what.starts_with("stdout") {
                for live in ["<script>alert(1)", "<img src=x"] {
                    payloads_tried += 1;
                    assert!(!text.contains(live), "a live `{live}` reached {what}");
                }
            }
            if args.contains(&"csv") && what.starts_with("stdout") {
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(text.as_bytes());
                for record in reader.records() {
                    for cell in record.unwrap().iter() {
                        payloads_tried += 1;
                        let risky = cell.starts_with(['=', '+', '@', '\t', '\r'])
                            || (cell.starts_with('-') && cell.parse::<f64>().is_err());
                        assert!(!risky, "a formula cell `{cell}` reached {what}");
                    }
                }
            }
        }
    }
    eprintln!(
        "{payloads_tried} payload checks over {} outputs",
        EXITS.len()
    );
}

#[test]
fn attendance_from_two_shells_at_once_keeps_both() {
    let rounds = runs("MENTORKIT_CONCURRENT_RUNS", 15);
    let session = "2016-10-11-reflections-celebration";
    for round in 0..rounds {
        let dir = career_example();
        let results = all_at_once(
            dir.path(),
            &[
                strings(&["attend", session, "tom-nguyen"]),
                strings(&["attend", session, "daniel-reyes", "--excused"]),
            ],
        );
        assert!(results.iter().all(|ok| *ok), "round {round}: {results:?}");
        let text = fs::read_to_string(dir.path().join(format!("sessions/{session}.yaml"))).unwrap();
        assert!(
            text.contains("- tom-nguyen"),
            "round {round}: lost tom:\n{text}"
        );
        assert!(
            text.contains("daniel-reyes"),
            "round {round}: lost daniel:\n{text}"
        );
        assert_checks(dir.path());
    }
}

/// A lock held by another process (the `flock` tool takes the same kind of
/// lock on the folder) makes a writer wait, then refuse; once that process is
/// killed, the lock is gone with it and the next command goes ahead.
#[cfg(target_os = "linux")]
#[test]
fn a_lock_held_by_a_killed_process_is_released() {
    if Command::new("flock").arg("--version").output().is_err() {
        eprintln!("flock(1) is not installed; skipping");
        return;
    }
    let dir = career_example();
    // -o: the lock stays with flock itself, not with the `sleep` it starts.
    let mut holder = Command::new("flock")
        .arg("-o")
        .arg(dir.path())
        .args(["sleep", "20"])
        // Its `sleep` outlives it: keep it off the test's output pipes.
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let session = "2016-10-11-reflections-celebration";
    let out = bin()
        .current_dir(dir.path())
        .env("MENTORKIT_LOCK_WAIT", "1")
        .args(["attend", session, "tom-nguyen"])
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("another mentorkit command is writing to"),
        "{stderr}"
    );
    holder.kill().unwrap();
    holder.wait().unwrap();
    let started = Instant::now();
    let ok = bin()
        .current_dir(dir.path())
        .env("MENTORKIT_LOCK_WAIT", "5")
        .args(["attend", session, "tom-nguyen"])
        .status()
        .unwrap();
    assert!(ok.success());
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "it waited for a dead process"
    );
}

/// The comments of a YAML text, in order, and its top-level keys, in order.
fn comments_and_keys(text: &str) -> (Vec<String>, Vec<String>) {
    let comments = text
        .lines()
        .filter_map(|l| l.find('#').map(|i| l[i..].to_string()))
        .collect();
    let keys = text
        .lines()
        .filter(|l| !l.starts_with([' ', '#', '-']) && l.contains(':'))
        .filter_map(|l| l.split(':').next().map(str::to_string))
        .collect();
    (comments, keys)
}

/// Every command that changes a file people edit keeps its comments and the
/// order of the keys it does not change.
#[test]
fn commands_that_edit_in_place_keep_comments_and_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(&repo().join("examples/career-development"), root);
    // Comment every line of one person's and one session's file.
    let annotate = |rel: &str| {
        let path = root.join(rel);
        let text = fs::read_to_string(&path).unwrap();
        let mut out = String::new();
        for (i, line) in text.lines().enumerate() {
            if !line.starts_with(' ') && !line.starts_with('-') && !line.starts_with('#') {
                out.push_str(&format!("# comment {i} above\n"));
            }
            out.push_str(line);
            if !line.contains('#') && !line.trim_end().ends_with(':') && !line.contains('"') {
                out.push_str(&format!("  # inline {i}"));
            }
            out.push('\n');
        }
        fs::write(&path, out).unwrap();
    };
    let person = "participants/maria-gonzalez.yaml";
    let session = "sessions/2016-10-11-reflections-celebration.yaml";
    annotate(person);
    annotate(session);
    assert_checks(root);
    let cases: Vec<(&[&str], &str, &[&str])> = vec![
        (
            &["goal", "maria-gonzalez", "2", "done"],
            person,
            &["smart_goals"],
        ),
        (
            &["deliverable", "maria-gonzalez", "resume", "draft"],
            person,
            &["deliverables"],
        ),
        (
            &[
                "outcome",
                "maria-gonzalez",
                "--new-position",
                "Circulation Lead",
            ],
            person,
            &["outcome"],
        ),
        (
            &[
                "attend",
                "2016-10-11-reflections-celebration",
                "daniel-reyes",
            ],
            session,
            &["attendance"],
        ),
        (
            &[
                "attend",
                "2016-10-11-reflections-celebration",
                "patricia-wells",
                "--excused",
            ],
            session,
            &["excused"],
        ),
    ];
    for (args, rel, changed) in cases {
        let before = fs::read_to_string(root.join(rel)).unwrap();
        let ok = bin()
            .current_dir(root)
            .args(args)
            .status()
            .unwrap()
            .success();
        assert!(ok, "{args:?} failed");
        let after = fs::read_to_string(root.join(rel)).unwrap();
        assert_ne!(before, after, "{args:?} changed nothing");
        let (c0, k0) = comments_and_keys(&before);
        let (c1, k1) = comments_and_keys(&after);
        let mut at = 0;
        for c in &c0 {
            let found = c1[at..].iter().position(|x| x == c);
            assert!(found.is_some(), "{args:?} lost or moved {c:?}:\n{after}");
            at += found.unwrap() + 1;
        }
        let untouched = |keys: Vec<String>| -> Vec<String> {
            keys.into_iter()
                .filter(|k| !changed.contains(&k.as_str()))
                .collect()
        };
        assert_eq!(untouched(k0), untouched(k1), "{args:?} reordered keys");
    }
    assert_checks(root);
}
