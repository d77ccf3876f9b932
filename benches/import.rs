//! A first import of 5,000 applications (`apply --from`, a Google Forms
//! download with zoned timestamps) against the disk's floor for the same
//! records: `cp -r` of the participants folder the import wrote, then one
//! `sync`. Both are timed in the same run, alternating which goes first,
//! each on a fresh folder and after a `sync` of its own (so that neither
//! pays for the other's writes). Run with `cargo bench --bench import`
//! (`MENTORKIT_BENCH_RUNS` runs of each, 7 by default).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::fs;
use std::process::{Command, Stdio};

/// Applications in the export.
const ROWS: usize = 5_000;

fn main() {
    let runs: usize = std::env::var("MENTORKIT_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base");
    fs::create_dir_all(&base).unwrap();
    fs::write(
        base.join("program.toml"),
        "[program]\nname = \"Benchmark Program\"\nstarts = 2027-01-01\nends = 2027-12-31\ntimezone = \"America/Chicago\"\n",
    )
    .unwrap();
    support::forms_export(&base.join("responses.csv"), ROWS, 2026);
    fs::write(base.join("map.toml"), support::FORMS_MAP).unwrap();
    let bin = env!("CARGO_BIN_EXE_mentorkit");
    let fresh = |name: &str| {
        let to = dir.path().join(name);
        fs::create_dir_all(&to).unwrap();
        for f in ["program.toml", "responses.csv", "map.toml"] {
            fs::copy(base.join(f), to.join(f)).unwrap();
        }
        to
    };
    let import = |folder: &std::path::Path| {
        let mut c = Command::new(bin);
        c.current_dir(folder)
            .args(["apply", "--from", "responses.csv", "--map", "map.toml"])
            .env("MENTORKIT_TODAY", "2026-12-01")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    };
    // A warm-up import, whose records the floor copies.
    let written = fresh("warm-up");
    support::run_once(import(&written));
    let count = fs::read_dir(written.join("participants")).unwrap().count();
    assert_eq!(count, ROWS, "the import wrote every applicant");
    let (mut t_import, mut t_floor, mut peak) = (Vec::new(), Vec::new(), 0);
    let settle = || support::run_once(Command::new("sync"));
    for run in 0..runs {
        let folder = fresh(&format!("import-{run}"));
        let mut cp = Command::new("sh");
        cp.arg("-c").arg(format!(
            "cp -r '{}' '{}' && sync",
            written.join("participants").display(),
            dir.path().join(format!("floor-{run}")).display()
        ));
        settle();
        if run % 2 == 0 {
            let (t, rss) = support::run_once(import(&folder));
            t_import.push(t);
            peak = peak.max(rss);
            settle();
            t_floor.push(support::run_once(cp).0);
        } else {
            t_floor.push(support::run_once(cp).0);
            settle();
            let (t, rss) = support::run_once(import(&folder));
            t_import.push(t);
            peak = peak.max(rss);
        }
    }
    let (t_import, t_floor) = (support::median(t_import), support::median(t_floor));
    let ratio = t_import.as_secs_f64() / t_floor.as_secs_f64();
    println!("first import of {ROWS} applications (median of {runs}):");
    println!(
        "  mentorkit apply --from   {:>8.1} ms   peak memory {:.1} MB",
        t_import.as_secs_f64() * 1e3,
        peak as f64 / 1024.0
    );
    println!(
        "  cp -r + sync (floor)     {:>8.1} ms",
        t_floor.as_secs_f64() * 1e3
    );
    println!("  ratio                    {ratio:>8.2}x   (target: within 2x)");
}
