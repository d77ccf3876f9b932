//! Matching benchmark: the solvers on generated cohorts (run with
//! `cargo bench --bench matching`).

mod generator;

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

fn main() {
    // `MATCHING_ONLY=peer cargo bench --bench matching` runs just that part.
    let only = std::env::var("MATCHING_ONLY").unwrap_or_default();
    let run = |name: &str| only.is_empty() || name.contains(only.as_str());
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
