//! An import at a terminal: a progress bar on stderr that moves as the
//! files are written and gives a sensible time left, then the one summary
//! line. Runs the binary under util-linux `script`, which gives it a
//! terminal; without it the test says it was skipped (and fails under CI).

use std::fs;
use std::process::Command;

use super::MAP;
use crate::support::Test;

/// Rows of the import: enough for it to run past the bar's one second.
const ROWS: usize = 5_000;

/// The times left the bar showed, in seconds (`(86m left)`, `(7s left)`).
fn times_left(screen: &str) -> Vec<u64> {
    screen
        .split('(')
        .filter_map(|part| part.split_once(" left)").map(|(t, _)| t))
        .filter_map(|t| {
            let (n, unit) = t.split_at(t.len().checked_sub(1)?);
            let n: u64 = n.parse().ok()?;
            match unit {
                "s" => Some(n),
                "m" => Some(n * 60),
                "h" => Some(n * 3600),
                _ => None,
            }
        })
        .collect()
}

// Broke: the bar of a 5,000-row import sat at 1/5000 with "86m left" while
// the files were written (it counted only the renames after the one sync),
// then jumped to the end.
#[test]
fn a_long_import_at_a_terminal_shows_a_bar_that_moves_with_the_writing() {
    if Command::new("script").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "util-linux `script` is needed under CI to give the import a terminal"
        );
        eprintln!("SKIPPED a_long_import_at_a_terminal_…: no `script` to give it a terminal");
        return;
    }
    let t = Test::example("career-development");
    let mut csv = String::from("Timestamp,Email,Name,Department,Hired,Manager,Availability\n");
    for i in 0..ROWS {
        csv.push_str(&format!(
            "11/3/2015 9:41,bar{i}@x.org,Bar Person {i},Circulation,2012-04-02,No,Tuesday afternoon\n"
        ));
    }
    fs::write(t.path().join("responses.csv"), csv).unwrap();
    fs::write(t.path().join("m.toml"), MAP).unwrap();
    let screen = t.path().join("screen.txt");
    let line = format!(
        "{} apply --from responses.csv --map m.toml",
        env!("CARGO_BIN_EXE_mentorkit")
    );
    let status = Command::new("script")
        .args(["-q", "-e", "-c", &line])
        .arg(&screen)
        .current_dir(t.path())
        .env("MENTORKIT_TODAY", "2026-12-01")
        // The bar at once: on a quick machine the import is done within
        // the usual second.
        .env("MENTORKIT_PROGRESS_AFTER", "0")
        .status()
        .unwrap();
    assert!(status.success());
    let screen = fs::read_to_string(&screen).unwrap();
    assert!(
        screen.contains(&format!(
            "{ROWS} rows: {ROWS} added, 0 updated, 0 unchanged"
        )),
        "no summary line:\n{screen}"
    );
    assert!(
        !screen.contains("added bar-person-1 "),
        "a line per person without --verbose"
    );
    let writing: Vec<u64> = screen
        .split("writing [")
        .skip(1)
        .filter_map(|s| s.split_once("] ")?.1.split_once('/')?.0.parse().ok())
        .collect();
    assert!(
        writing.iter().any(|&n| n > 10 && n < ROWS as u64 - 10),
        "the bar never showed the writing part-way: {writing:?}"
    );
    let left = times_left(&screen);
    assert!(
        left.iter().all(|&s| s < 10 * 60),
        "the bar said hours of work for seconds: {left:?}"
    );
}
