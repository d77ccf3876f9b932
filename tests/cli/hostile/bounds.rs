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
