//! Each page of `mentorkit serve` on a generated cohort of 500 people (450
//! mentees, 50 mentors, 24 workshops with attendance), asked for over HTTP
//! on loopback as a browser asks: every page reads the folder from disk and
//! derives the cohort at its request. The target is under 50 ms a page
//! (median); the bench exits non-zero when a page misses it. Then the
//! what-if's exact optimum on a cohort of 300 (240 mentees, 60 mentors) in
//! each matching mode, whose target is under a second.
//!
//! `cargo bench --bench serve`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The target, per page.
const TARGET: Duration = Duration::from_millis(50);
const RUNS: usize = 21;

/// One request on its own connection; the status and the body.
fn ask(host: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(host).unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nOrigin: http://{host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let status = raw
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, raw)
}

/// Median and slowest of `RUNS` requests, after two to warm up; a POST's
/// bodies are sent in turn (`|` apart), so that each one changes the file.
fn time(host: &str, method: &str, path: &str, bodies: &str) -> (Duration, Duration) {
    let bodies: Vec<&str> = bodies.split('|').collect();
    let mut times = Vec::with_capacity(RUNS);
    for i in 0..RUNS + 2 {
        let body = bodies[i % bodies.len()];
        let start = Instant::now();
        let (status, raw) = ask(host, method, path, body);
        let took = start.elapsed();
        assert!(
            status == 200 || status == 303,
            "{method} {path}: {status}\n{}",
            &raw[..raw.len().min(2000)]
        );
        if i >= 2 {
            times.push(took);
        }
    }
    times.sort();
    (times[RUNS / 2], times[RUNS - 1])
}

/// Prints one row of figures; `name` joins `missed` when its median is
/// over `target`.
fn timed(
    name: &str,
    (median, slowest): (Duration, Duration),
    target: Duration,
    missed: &mut Vec<String>,
) {
    println!(
        "{name:<48} {:>7.1} ms {:>7.1} ms",
        median.as_secs_f64() * 1e3,
        slowest.as_secs_f64() * 1e3
    );
    if median > target {
        missed.push(name.to_string());
    }
}

/// What every page costs before it shows anything: reading and checking
/// the folder, and deriving the cohort (median of `RUNS`).
fn floor(root: &std::path::Path) {
    let median = |f: &dyn Fn()| {
        let mut t: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let s = Instant::now();
                f();
                s.elapsed()
            })
            .collect();
        t.sort();
        t[RUNS / 2]
    };
    let load = median(&|| {
        mentorkit::store::load(root).unwrap();
    });
    let cache = mentorkit::store::cache::Cache::new();
    let cached = median(&|| {
        mentorkit::store::load_cached(root, &cache).unwrap();
    });
    let folder = mentorkit::store::load(root).unwrap();
    let derive = median(&|| {
        let c = mentorkit::cohort::Cohort::derive(mentorkit::cohort::Inputs {
            folder: &folder,
            screening: None,
            as_of: "2020-06-01".parse().unwrap(),
        });
        std::hint::black_box(c.members.len());
    });
    let cohort = mentorkit::cohort::Cohort::derive(mentorkit::cohort::Inputs {
        folder: &folder,
        screening: None,
        as_of: "2020-06-01".parse().unwrap(),
    });
    let evidence = median(&|| {
        std::hint::black_box(mentorkit::evidence::evidence(&cohort, None));
    });
    println!(
        "{:<48} {:>7.1} ms\n{:<48} {:>7.1} ms\n{:<48} {:>7.1} ms\n{:<48} {:>7.1} ms",
        "(floor) read and check the folder",
        load.as_secs_f64() * 1e3,
        "(floor) the same, unchanged files not parsed again",
        cached.as_secs_f64() * 1e3,
        "(floor) derive the cohort",
        derive.as_secs_f64() * 1e3,
        "(floor) the evidence",
        evidence.as_secs_f64() * 1e3
    );
}

/// Serves `root` on a free port; the address.
fn serve(root: &std::path::Path) -> String {
    let mut options = mentorkit_serve::Options::new(root.to_path_buf());
    options.port = 0;
    options.today = "2020-06-01".parse().ok();
    let bound = mentorkit_serve::bind(options).unwrap();
    let host = format!("127.0.0.1:{}", bound.port());
    std::thread::spawn(move || bound.run());
    host
}

/// The what-if page under other weights, in each mode, on 300 people;
/// the modes past the target.
fn what_if_by_mode() -> Vec<String> {
    const WHAT_IF: Duration = Duration::from_secs(1);
    println!("the what-if's exact optimum, 240 mentees + 60 mentors");
    let mut missed = Vec::new();
    for mode in ["one-to-one", "reverse", "peer", "group"] {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("cohort");
        support::program_folder(&root, 240, 60, 4, 2026);
        let program = root.join("program.toml");
        let text = std::fs::read_to_string(&program).unwrap();
        let text = text.replace(
            "mode = \"one-to-one\"\n",
            &format!("mode = \"{mode}\"\ngroup_size = 4\n"),
        );
        std::fs::write(&program, text).unwrap();
        let host = serve(&root);
        let path = "/matching?competency=0&availability=5";
        let name = format!("{mode}: GET {path}");
        timed(&name, time(&host, "GET", path, ""), WHAT_IF, &mut missed);
    }
    missed
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("cohort");
    support::program_folder(&root, 450, 50, 24, 2026);
    let host = serve(&root);
    let (_, home) = ask(&host, "GET", "/", "");
    let at = home.find("data-csrf=\"").unwrap() + 11;
    let csrf = home[at..at + 32].to_string();
    let session = "2020-01-05-workshop-4";
    assert!(root.join(format!("sessions/{session}.yaml")).is_file());
    let mark = format!(
        "csrf={csrf}&person=mentee-00007&mark=absent|csrf={csrf}&person=mentee-00007&mark=present"
    );
    let pages: [(&str, &str, &str); 12] = [
        ("GET", "/", ""),
        ("GET", "/people", ""),
        ("GET", "/people?department=IT&risk=yes", ""),
        ("GET", "/people/mentee-00007", ""),
        ("GET", "/matching", ""),
        ("GET", "/matching?competency=0&availability=5", ""),
        ("GET", "/matching/explain/mentee-00007", ""),
        ("GET", "/sessions", ""),
        ("GET", "/sessions/2020-01-05-workshop-4", ""),
        ("GET", "/documents", ""),
        ("GET", "/documents/file/cohort.html", ""),
        ("POST", "/sessions/2020-01-05-workshop-4/mark", &mark),
    ];
    println!("mentorkit serve, 450 mentees + 50 mentors, 24 sessions; {RUNS} requests each");
    floor(&root);
    println!("{:<48} {:>10} {:>10}", "page", "median", "slowest");
    let mut missed = Vec::new();
    for (method, path, bodies) in pages {
        let name = format!("{method} {path}");
        timed(
            &name,
            time(&host, method, path, bodies),
            TARGET,
            &mut missed,
        );
    }
    let slow_what_if = what_if_by_mode();
    if !missed.is_empty() || !slow_what_if.is_empty() {
        eprintln!(
            "over {} ms: {}; over 1 s: {}",
            TARGET.as_millis(),
            missed.join(", "),
            slow_what_if.join(", ")
        );
        std::process::exit(1);
    }
}
