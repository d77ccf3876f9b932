//! Closed pipes, FIFOs and devices where mentorkit reads or writes: a write
//! is never lost, nothing panics, nothing hangs, nothing reads without end.

use std::fs;
use std::os::unix::fs::symlink;

use super::{cmd, mkfifo, not_regular, write};
use crate::support::Test;

/// The exit status of a run whose stdout nobody reads must be the same for
/// every command: 0 (a closed pipe ends quietly) or 1, never a panic.
fn quiet_or_refused(code: Option<i32>) -> bool {
    matches!(code, Some(0) | Some(1))
}

// Broke: `mentorkit screen | true` exited 0 and wrote no screening.yaml: the
// funnel was printed before the file was written, and the closed pipe ended
// the run.
#[test]
fn screen_into_a_closed_stdout_still_writes_screening_yaml() {
    let t = Test::example("career-development");
    // The example ships screened: the file must come from this run.
    fs::remove_file(t.path().join("screening.yaml")).unwrap();
    let run = cmd(t.path(), &["screen"]).closed_stdout().finished();
    assert!(
        t.path().join("screening.yaml").exists(),
        "screen | true wrote no screening.yaml (exit {:?})",
        run.code
    );
    assert!(quiet_or_refused(run.code), "exit {:?}", run.code);
}

// Broke: `mentorkit match | true` exited 0 and wrote no matches.yaml, for
// the same reason; and the two commands must agree on the exit status.
#[test]
fn match_into_a_closed_stdout_still_writes_matches_yaml() {
    let t = Test::example("career-development");
    let dir = t.path();
    fs::remove_file(dir.join("matches.yaml")).unwrap();
    cmd(dir, &["screen"]).ok();
    let matched = cmd(dir, &["match"]).closed_stdout().finished();
    assert!(
        dir.join("matches.yaml").exists(),
        "match | true wrote no matches.yaml (exit {:?})",
        matched.code
    );
    let listed = cmd(dir, &["list", "participants"])
        .closed_stdout()
        .finished();
    assert!(quiet_or_refused(matched.code), "exit {:?}", matched.code);
    assert_eq!(
        matched.code, listed.code,
        "a closed stdout ends `match` and `list` with different statuses"
    );
}

// Broke: `mentorkit check 2>&1 | head -2` panicked (exit 101) once head had
// gone: the problems were printed with eprintln!.
#[test]
fn check_into_a_closed_stderr_does_not_panic() {
    let t = Test::example("career-development");
    let dir = t.path();
    for i in 0..20 {
        write(
            dir,
            &format!("participants/bad-{i}.yaml"),
            "name: x\nemial: y\n",
        );
    }
    cmd(dir, &["check"]).closed_stderr().code(1);
    // A command that writes, then talks on stderr, keeps its write.
    let t = Test::example("career-development");
    fs::remove_file(t.path().join("screening.yaml")).unwrap();
    let run = cmd(t.path(), &["screen"]).closed_stderr().finished();
    assert!(quiet_or_refused(run.code), "exit {:?}", run.code);
    assert!(t.path().join("screening.yaml").exists());
}

// Broke: with a FIFO at screening.yaml, `screen` hung: the file it replaces
// was read in full first, and a FIFO with no writer never ends. The file is
// written before anything is printed, so the refusal is all there is to say.
#[test]
fn a_fifo_at_screening_yaml_does_not_hang_screen() {
    let t = Test::example("career-development");
    fs::remove_file(t.path().join("screening.yaml")).unwrap();
    mkfifo(&t.path().join("screening.yaml"));
    cmd(t.path(), &["screen"])
        .within(10)
        .code(1)
        .stderr_is(&not_regular("screening.yaml", "FIFO"));
}

// Broke: with a FIFO at out/cohort.md, `report cohort` hung the same way.
#[test]
fn a_fifo_at_out_cohort_md_does_not_hang_report() {
    let t = Test::example("career-development");
    std::fs::create_dir_all(t.path().join("out")).unwrap();
    mkfifo(&t.path().join("out/cohort.md"));
    cmd(t.path(), &["report", "cohort", "--format", "md"])
        .within(10)
        .code(1)
        .stderr_is(&not_regular("out/cohort.md", "FIFO"));
}

// Broke: `schedule --ics /dev/stdout | wc -c` hung: the old "file" was read
// first, and it is the pipe mentorkit itself holds open. (The test names
// the same thing /dev/fd/1: if /dev/stdout were used, a mentorkit that
// renames over it would replace the machine's /dev/stdout when run as root.)
#[test]
fn ics_to_its_own_stdout_does_not_hang() {
    let t = Test::example("career-development");
    let run = cmd(t.path(), &["schedule", "--ics", "/dev/fd/1"])
        .within(10)
        .finished();
    match run.code {
        Some(0) => assert!(
            run.stdout.starts_with("BEGIN:VCALENDAR"),
            "exit 0, but no calendar on stdout:\n{}",
            run.stdout
        ),
        Some(1) => assert!(
            run.stderr.contains("/dev/fd/1"),
            "refused without naming /dev/fd/1:\n{}",
            run.stderr
        ),
        other => panic!("exit {other:?}:\n{}", run.stderr),
    }
}

// Holds today (a guard): a record that is a link to /dev/zero is refused at
// once, not read.
#[test]
fn a_record_linked_to_dev_zero_is_refused_quickly() {
    let t = Test::example("career-development");
    symlink("/dev/zero", t.path().join("participants/zero.yaml")).unwrap();
    cmd(t.path(), &["check"])
        .within(10)
        .code(1)
        .quicker_than(5)
        .stderr_has("error: participants/zero.yaml: is not a file\n");
}

// Broke: a screening.yaml or out/cohort.md that is a link to /dev/zero was
// read "in full" before being replaced: gigabytes, without end.
#[test]
fn a_generated_file_linked_to_dev_zero_is_not_read() {
    let t = Test::example("career-development");
    fs::remove_file(t.path().join("screening.yaml")).unwrap();
    symlink("/dev/zero", t.path().join("screening.yaml")).unwrap();
    cmd(t.path(), &["screen"])
        .within(10)
        .code(1)
        .quicker_than(5)
        .stderr_has(&not_regular("screening.yaml", "character device"));
    let t = Test::example("career-development");
    std::fs::create_dir_all(t.path().join("out")).unwrap();
    symlink("/dev/zero", t.path().join("out/cohort.md")).unwrap();
    cmd(t.path(), &["report", "cohort", "--format", "md"])
        .within(10)
        .code(1)
        .quicker_than(5)
        .stderr_is(&not_regular("out/cohort.md", "character device"));
}

// Broke: `match --weights` read a FIFO (hung) or /dev/zero (without end):
// the weights file was read with read_to_string, no check, no bound.
#[test]
fn match_weights_from_a_fifo_or_dev_zero_is_refused_quickly() {
    let t = Test::example("career-development");
    let dir = t.path();
    cmd(dir, &["screen"]).ok();
    mkfifo(&dir.join("w.fifo"));
    for path in ["w.fifo", "/dev/zero"] {
        cmd(dir, &["match", "--weights", path, "--compare"])
            .within(10)
            .code(1)
            .quicker_than(5)
            .stderr_has(&format!("error: {path}: is not a file\n"));
    }
}
