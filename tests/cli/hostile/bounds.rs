//! Numbers bounded to what a program can mean.

use super::{cmd, read, write};
use crate::support::Test;

// Broke: a session of `duration: 4294967295` (minutes: 8,000 years) passed
// `check`, and `schedule --ics` wrote an end date of year +101821126, which
// no calendar reads.
#[test]
fn a_4294967295_minute_duration_is_refused_by_check() {
    let t = Test::example("career-development");
    let dir = t.path();
    let rel = "sessions/2016-10-11-reflections-celebration.yaml";
    let text = read(dir, rel).replace("duration: 2h30m", "duration: 4294967295");
    write(dir, rel, &text);
    let line = 1 + text
        .lines()
        .position(|l| l.starts_with("duration:"))
        .unwrap();
    let pad = " ".repeat(line.to_string().len());
    let want = format!(
        "error: {rel}:{line}:11: `4294967295` minutes is too long for a session; a session lasts at most 24 hours (1440 minutes)\n \
         {line} | duration: 4294967295\n \
         {pad} |           ^\n"
    );
    cmd(dir, &["check"]).code(1).stderr_is(&want);
    cmd(dir, &["schedule", "--ics", "calendar.ics"])
        .code(1)
        .stderr_is(&want);
    assert!(
        !dir.join("calendar.ics").exists(),
        "an invalid calendar was written"
    );
}

// Broke: a year of 1011, a weight of 4,000,000,000 and a group of 10,000
// passed `check`: values no program means, found later as an overflow or a
// solver that never ends. Each is refused at its place.
#[test]
fn years_weights_and_sizes_past_what_a_program_means_are_refused() {
    let t = Test::example("career-development");
    let dir = t.path();
    let rel = "participants/maria-gonzalez.yaml";
    write(
        dir,
        rel,
        read(dir, rel).replace("hired: 2011-03-14", "hired: 1011-03-14"),
    );
    write(
        dir,
        "program.toml",
        read(dir, "program.toml")
            .replace("competency = 10", "competency = 4000000000")
            .replace("group_size = 4", "group_size = 10000"),
    );
    let run = cmd(dir, &["check"]).code(1);
    for piece in [
        "participants/maria-gonzalez.yaml:8:8: 1011-03-14 is not a date a program can mean: the year is outside 1900 to 2200\n",
        ": the weight competency = 4000000000 is more than the largest, 1000\n",
        ": group_size 10000 is more than the largest group, 50\n",
    ] {
        assert!(
            run.stderr.contains(piece),
            "lacks {piece:?}:\n{}",
            run.stderr
        );
    }
}
