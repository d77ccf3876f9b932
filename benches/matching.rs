//! Matching benchmark (`cargo bench --bench matching`): `mentorkit match` end
//! to end (load, score, solve, write) on generated folders against the script
//! a data analyst would write instead (benches/matching_baseline.py: PyYAML's C
//! loader, scipy's linear_sum_assignment on the capacity-expanded matrix,
//! networkx's max_weight_matching for peers), then the solvers alone.
//! `MATCHING_ONLY=e2e` (or one-to-one, peer, group, circles) runs one part.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::cohort as generator;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use mentorkit::matching::{Edge, assignment, circles, general, group};

fn time<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    println!(
        "{label:<48} {:>9.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    out
}

fn one_to_one(mentees: usize, mentors: usize) {
    let (a, b) = generator::cohort(mentees, mentors, 2016);
    let edges: Vec<Edge> = time(&format!("score {mentees}x{mentors}"), || {
        let mut edges = Vec::new();
        for (i, m) in a.iter().enumerate() {
            for (j, t) in b.iter().enumerate() {
                if let Some(s) = generator::pair_score(m, t, false) {
                    edges.push(Edge::new(i, j, s));
                }
            }
        }
        edges
    });
    let capacity = b.iter().map(|t| t.capacity).collect();
    let problem = assignment::Problem {
        mentees,
        capacity,
        edges,
        pins: vec![],
    };
    let n = problem.edges.len();
    if let Ok(r) = time(
        &format!("one-to-one solve {mentees}x{mentors} ({n} edges)"),
        || assignment::solve(&problem),
    ) {
        println!("  matched {} score {}", r.matched, r.score);
    }
}

fn peers(n: usize) {
    let (a, _) = generator::cohort(n, 0, 2016);
    let mut edges = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            if let Some(s) = generator::pair_score(&a[i], &a[j], true) {
                edges.push(Edge::new(i, j, s));
            }
        }
    }
    let problem = general::Problem {
        people: n,
        edges,
        pins: vec![],
    };
    let m = problem.edges.len();
    if let Ok(r) = time(&format!("peer solve {n} ({m} edges)"), || {
        general::solve(&problem)
    }) {
        println!("  pairs {} score {}", r.pairs, r.score);
    }
}

fn mask(slots: &[usize]) -> u64 {
    slots.iter().fold(0, |m, &s| m | 1 << s)
}

fn groups(mentees: usize, mentors: usize) {
    let (a, b) = generator::cohort(mentees, mentors, 2016);
    let mut edges = Vec::new();
    for (i, m) in a.iter().enumerate() {
        for (j, t) in b.iter().enumerate() {
            if let Some(s) = generator::pair_score(m, t, false) {
                edges.push(Edge::new(i, j, s));
            }
        }
    }
    let problem = group::Problem {
        mentee_slots: a.iter().map(|p| mask(&p.slots)).collect(),
        mentor_slots: b.iter().map(|p| mask(&p.slots)).collect(),
        capacity: b.iter().map(|t| t.capacity.max(2)).collect(),
        edges,
        pins: vec![],
    };
    if let Ok(r) = time(&format!("group solve {mentees}x{mentors}"), || {
        group::solve(&problem)
    }) {
        println!(
            "  matched {} score {} bound {} exact {}",
            r.matched, r.score, r.bound, r.exact
        );
    }
}

fn peer_circles(n: usize, size: usize) {
    let (a, _) = generator::cohort(n, 0, 2016);
    let mut edges = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            if let Some(s) = generator::pair_score(&a[i], &a[j], true) {
                edges.push(Edge::new(i, j, s));
            }
        }
    }
    let problem = circles::Problem {
        slots: a.iter().map(|p| mask(&p.slots)).collect(),
        edges,
        group_size: size,
        pins: vec![],
    };
    if let Ok(r) = time(&format!("circles solve {n} (size {size})"), || {
        circles::solve(&problem)
    }) {
        println!(
            "  matched {} score {} bound {} exact {}",
            r.matched, r.score, r.bound, r.exact
        );
    }
}

/// The `total:` line of a matches file.
fn total_in(path: &Path) -> Option<i64> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("total: "))
        .and_then(|t| t.trim().parse().ok())
}

/// One end-to-end comparison on a generated folder.
fn end_to_end(root: &Path, mentees: usize, mentors: usize, mode: &str, python_runs: usize) {
    let dir = root.join(format!("{mode}-{mentees}"));
    generator::write_folder(&dir, mentees, mentors, mode, 2016);
    let bin = env!("CARGO_BIN_EXE_mentorkit");
    let ours = || {
        let mut c = Command::new(bin);
        c.arg("-C")
            .arg(&dir)
            .arg("match")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    };
    let (t_ours, mem) = support::time_command(ours, 7);
    let baseline = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/matching_baseline.py");
    let python = || {
        let mut c = Command::new("python3");
        c.arg(baseline).arg(&dir).stdout(Stdio::null());
        c
    };
    let (t_py, _) = support::time_command(python, python_runs);
    let (a, b) = (
        total_in(&dir.join("matches.yaml")),
        total_in(&dir.join("matches-baseline.yaml")),
    );
    let who = if mode == "peer" {
        format!("{mentees} peers")
    } else {
        format!("{mentees} mentees / {mentors} mentors")
    };
    println!("{mode}, {who}:");
    println!(
        "  mentorkit match   {:>9.1} ms   peak {:.0} MB   total {}",
        t_ours.as_secs_f64() * 1e3,
        mem as f64 / 1024.0,
        a.unwrap_or(-1)
    );
    println!(
        "  python baseline   {:>9.1} ms                total {}",
        t_py.as_secs_f64() * 1e3,
        b.unwrap_or(-1)
    );
    let same = if a == b {
        "same optimum"
    } else {
        "TOTALS DIFFER"
    };
    println!(
        "  {:.1}x faster, {same}",
        t_py.as_secs_f64() / t_ours.as_secs_f64()
    );
}

fn main() {
    let only = std::env::var("MATCHING_ONLY").unwrap_or_default();
    let run = |name: &str| only.is_empty() || name.contains(only.as_str());
    if run("e2e") {
        let python_ok = Command::new("python3")
            .args(["-c", "import yaml, scipy, networkx"])
            .status()
            .is_ok_and(|s| s.success());
        if python_ok {
            // MENTORKIT_BENCH_KEEP=DIR keeps the generated folders there.
            let tmp = tempfile::tempdir().unwrap();
            let root = std::env::var_os("MENTORKIT_BENCH_KEEP")
                .map_or(tmp.path().to_path_buf(), Into::into);
            println!("end to end (median wall time; python: pip install pyyaml scipy networkx):");
            end_to_end(&root, 300, 75, "one-to-one", 5);
            end_to_end(&root, 3000, 750, "one-to-one", 3);
            end_to_end(&root, 500, 0, "peer", 1);
        } else {
            println!("end to end skipped: python3 with pyyaml, scipy and networkx is needed");
        }
    }
    if run("one-to-one") {
        one_to_one(300, 75);
        one_to_one(3000, 750);
    }
    if run("peer") {
        peers(500);
    }
    if run("group") {
        groups(40, 8);
        groups(300, 75);
        groups(3000, 750);
    }
    if run("circles") {
        peer_circles(12, 4);
        peer_circles(500, 4);
    }
}
