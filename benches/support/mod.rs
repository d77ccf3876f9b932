//! Generators of large program folders for the benchmarks, and a timer for
//! whole commands (the binary as a user runs it).

#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub mod cohort;

const DEPARTMENTS: [&str; 6] = [
    "Circulation",
    "Technical Services",
    "Youth Services",
    "Reference",
    "IT",
    "Branch Services",
];
const COMPETENCIES: [&str; 12] = [
    "leadership",
    "metadata",
    "python",
    "social media",
    "cybersecurity",
    "budgeting",
    "instruction",
    "customer service",
    "ILS reports",
    "digitization",
    "event planning",
    "data visualization",
];
const SLOTS: [&str; 18] = [
    "mon-am", "mon-pm", "mon-eve", "tue-am", "tue-pm", "tue-eve", "wed-am", "wed-pm", "wed-eve",
    "thu-am", "thu-pm", "thu-eve", "fri-am", "fri-pm", "fri-eve", "sat-am", "sat-pm", "sat-eve",
];

/// A small deterministic generator (SplitMix64), so every run builds the same folder.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in lo..=hi.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    /// `k` distinct sorted values below `n`.
    pub fn subset(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..k {
            let j = i + (self.next() % (n - i) as u64) as usize;
            all.swap(i, j);
        }
        let mut out = all[..k].to_vec();
        out.sort_unstable();
        out
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, from: &[&'a str], k: usize) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        while out.len() < k.min(from.len()) {
            let x = from[self.below(from.len())];
            if !out.contains(&x) {
                out.push(x);
            }
        }
        out
    }
}

/// Writes a program folder of `mentees` mentees, `mentors` mentors and
/// `sessions` sessions with attendance.
pub fn program_folder(dir: &Path, mentees: usize, mentors: usize, sessions: usize, seed: u64) {
    let mut rng = Rng::new(seed);
    fs::create_dir_all(dir.join("participants")).unwrap();
    fs::create_dir_all(dir.join("sessions")).unwrap();
    fs::write(
        dir.join("program.toml"),
        "[program]\nname = \"Benchmark Program\"\nstarts = 2020-01-01\nends = 2030-12-31\ntimezone = \"America/Chicago\"\n\n[eligibility]\nas_of = 2020-01-01\nmin_years_of_service = 1\nexclude_managers = true\nexclude_degrees = [\"MLS\"]\n\n[matching]\nmode = \"one-to-one\"\n",
    )
    .unwrap();
    let mut ids = Vec::new();
    for i in 0..mentees + mentors {
        let mentor = i >= mentees;
        let id = if mentor {
            format!("mentor-{i:05}")
        } else {
            format!("mentee-{i:05}")
        };
        let mut y = String::new();
        let _ = writeln!(y, "# Applied through the spring form.");
        let _ = writeln!(y, "name: Person {i}");
        let _ = writeln!(y, "email: {id}@library.example.org");
        let _ = writeln!(y, "role: {}", if mentor { "mentor" } else { "mentee" });
        let _ = writeln!(
            y,
            "department: {}",
            DEPARTMENTS[rng.below(DEPARTMENTS.len())]
        );
        let _ = writeln!(y, "position: Library Assistant");
        let _ = writeln!(y, "branch: Branch {}", rng.below(12));
        let _ = writeln!(
            y,
            "hired: {}-{:02}-{:02}",
            1995 + rng.below(23),
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let _ = writeln!(y, "manager: {}", rng.below(10) == 0);
        let _ = writeln!(
            y,
            "degrees: [{}]",
            if rng.below(5) == 0 { "BA, MLS" } else { "BA" }
        );
        let _ = writeln!(y, "applied: 2019-11-{:02}", 1 + rng.below(28));
        let k = 1 + rng.below(4);
        let _ = writeln!(
            y,
            "competencies: [{}]",
            rng.pick(&COMPETENCIES, k).join(", ")
        );
        let k = 1 + rng.below(5);
        let _ = writeln!(y, "availability: [{}]", rng.pick(&SLOTS, k).join(", "));
        let _ = writeln!(
            y,
            "modality: {}",
            ["in-person", "virtual", "hybrid"][rng.below(3)]
        );
        if mentor {
            let _ = writeln!(y, "capacity: {}", 1 + rng.below(5));
        } else {
            let _ = writeln!(y, "career_goal: Grow into a new role within three years.");
            let _ = writeln!(
                y,
                "smart_goals:\n  - goal: Finish a certificate\n    measure: certificate earned\n    target: 2020-09-30\n    status: in-progress"
            );
            let _ = writeln!(y, "deliverables:\n  career-plan: done\n  resume: draft");
            let _ = writeln!(
                y,
                "surveys:\n  pre: {{confidence: {}, clarity: {}}}",
                1 + rng.below(5),
                1 + rng.below(5)
            );
        }
        fs::write(dir.join("participants").join(format!("{id}.yaml")), y).unwrap();
        ids.push(id);
    }
    for s in 0..sessions {
        let mut y = String::new();
        let day = 1 + s % 28;
        let month = 1 + (s / 28) % 12;
        let year = 2020 + s / (28 * 12);
        let _ = writeln!(y, "title: Workshop {s}");
        let _ = writeln!(y, "kind: workshop");
        let _ = writeln!(y, "date: {year}-{month:02}-{day:02}");
        let _ = writeln!(
            y,
            "time: \"14:00\"\nduration: 2h30m\nlocation: Central Library"
        );
        let _ = writeln!(y, "topics: [Careers, Goals]");
        let _ = writeln!(y, "attendance:");
        for _ in 0..20 {
            let _ = writeln!(y, "  - {}", ids[rng.below(mentees.max(1))]);
        }
        let mut attendance: Vec<&str> = y.lines().filter(|l| l.starts_with("  - ")).collect();
        attendance.sort();
        attendance.dedup();
        let head: String = y
            .lines()
            .take_while(|l| *l != "attendance:")
            .map(|l| format!("{l}\n"))
            .collect();
        let body = format!("{head}attendance:\n{}\n", attendance.join("\n"));
        fs::write(
            dir.join("sessions")
                .join(format!("{year}-{month:02}-{day:02}-workshop-{s}.yaml")),
            body,
        )
        .unwrap();
    }
}

/// The header of a Google Forms download, as `forms_export` writes it.
pub const FORMS_HEADER: &str = "Timestamp,Email Address,Full name,Department,Date you started at the library,Do you supervise staff?,Degrees held,When could you meet?,What would you like to learn?";

/// The import map for `forms_export`'s columns.
pub const FORMS_MAP: &str = "applied = \"Timestamp\"\nemail = \"Email Address\"\nname = \"Full name\"\ndepartment = \"Department\"\nhired = \"Date you started at the library\"\nmanager = \"Do you supervise staff?\"\ndegrees = \"Degrees held\"\navailability = \"When could you meet?\"\ncompetencies = \"What would you like to learn?\"\n";

/// Writes a Google Forms download ("Download responses (.csv)") of `rows`
/// applications, drawn from the same tables and generator as
/// `program_folder`: timestamps with Google's zone (`GMT-6`), availability
/// in words, checkbox answers joined by commas.
pub fn forms_export(path: &Path, rows: usize, seed: u64) {
    let mut rng = Rng::new(seed);
    let mut csv = String::with_capacity(rows * 200);
    let _ = writeln!(csv, "{FORMS_HEADER}");
    let day = |s: &str| match &s[..3] {
        "mon" => "Monday",
        "tue" => "Tuesday",
        "wed" => "Wednesday",
        "thu" => "Thursday",
        "fri" => "Friday",
        _ => "Saturday",
    };
    let part = |s: &str| match &s[4..] {
        "am" => "morning",
        "pm" => "afternoon",
        _ => "evening",
    };
    for i in 0..rows {
        let hour = 1 + rng.below(12);
        let _ = write!(
            csv,
            "2026/11/{:02} {hour}:{:02}:{:02} {} GMT-6,",
            1 + rng.below(28),
            rng.below(60),
            rng.below(60),
            if rng.below(2) == 0 { "AM" } else { "PM" }
        );
        let _ = write!(
            csv,
            "applicant{i}@library.example.org,Applicant {i} Example,"
        );
        let _ = write!(csv, "{},", DEPARTMENTS[rng.below(DEPARTMENTS.len())]);
        let _ = write!(
            csv,
            "{}/{}/{},",
            1 + rng.below(12),
            1 + rng.below(28),
            1995 + rng.below(25)
        );
        let _ = write!(csv, "{},", if rng.below(10) == 0 { "Yes" } else { "No" });
        let _ = write!(
            csv,
            "{},",
            if rng.below(5) == 0 {
                "\"BA, MLS\""
            } else {
                "BA"
            }
        );
        let k = 1 + rng.below(3);
        let slots: Vec<String> = rng
            .pick(&SLOTS, k)
            .iter()
            .map(|s| format!("{} {}", day(s), part(s)))
            .collect();
        let k = 1 + rng.below(3);
        let _ = writeln!(
            csv,
            "\"{}\",\"{}\"",
            slots.join(", "),
            rng.pick(&COMPETENCIES, k).join(", ")
        );
    }
    fs::write(path, csv).unwrap();
}

/// The wall time and peak resident memory (KiB) of one run of a command,
/// which must succeed.
pub fn run_once(mut command: Command) -> (Duration, u64) {
    let start = Instant::now();
    let mut child = command.spawn().unwrap();
    let (ok, rss) = wait_with_rusage(&mut child);
    let took = start.elapsed();
    assert!(ok, "benchmark run failed: {command:?}");
    (took, rss)
}

/// The median of some durations.
pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The median wall time of `runs` runs of a command, after one warm-up run,
/// and the largest peak resident memory (KiB) seen in any run.
pub fn time_command(make: impl Fn() -> Command, runs: usize) -> (Duration, u64) {
    let status = make().status().unwrap();
    assert!(status.success(), "warm-up run failed");
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let mut child = make().spawn().unwrap();
        let (ok, rss) = wait_with_rusage(&mut child);
        times.push(start.elapsed());
        assert!(ok, "benchmark run failed");
        peak = peak.max(rss);
    }
    times.sort();
    (times[times.len() / 2], peak)
}

/// Waits for a child and reads its own peak resident set size (KiB).
fn wait_with_rusage(child: &mut std::process::Child) -> (bool, u64) {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let ok = r == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    (ok, usage.ru_maxrss as u64)
}
