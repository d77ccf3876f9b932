//! `mentorkit check` on a generated folder of 10,000 participants and 500
//! sessions, against reading the same files with `cat` (the I/O floor).
//! Run with `cargo bench --bench check`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::process::{Command, Stdio};

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let root = match std::env::var_os("MENTORKIT_BENCH_KEEP") {
        Some(keep) => std::path::PathBuf::from(keep),
        None => dir.path().join("cohort"),
    };
    support::program_folder(&root, 9_000, 1_000, 500, 2026);
    let bin = env!("CARGO_BIN_EXE_mentorkit");
    let check = || {
        let mut c = Command::new(bin);
        c.args(["-C", root.to_str().unwrap(), "check"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    };
    let cat = || {
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg("cat program.toml participants/*.yaml sessions/*.yaml > /dev/null")
            .current_dir(&root);
        c
    };
    let runs = 7;
    let (t_check, mem_check) = support::time_command(check, runs);
    let (t_cat, _) = support::time_command(cat, runs);
    let ratio = t_check.as_secs_f64() / t_cat.as_secs_f64();
    println!("check, 10,000 participants + 500 sessions (median of {runs}):");
    println!(
        "  mentorkit check   {:>8.1} ms   peak memory {:.1} MB",
        t_check.as_secs_f64() * 1e3,
        mem_check as f64 / 1024.0
    );
    println!("  cat (I/O floor)   {:>8.1} ms", t_cat.as_secs_f64() * 1e3);
    println!("  ratio             {ratio:>8.2}x   (target: within 2x, under 200 MB)");
}
