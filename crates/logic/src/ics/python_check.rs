//! Test helper: runs `tests/ics_check.py` (Python's icalendar, an independent
//! parser) on an export. `None` where it is not installed: the test is
//! skipped, or fails when `CI` is set.

use std::io::Write;
use std::process::{Command, Stdio};

const SCRIPT: &str = include_str!("../../../../tests/ics_check.py");

/// The script's report, or `None` when Python or its icalendar is missing.
pub(crate) fn run(ics: &str) -> Option<String> {
    let child = Command::new("python3")
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        mentorkit_testkit::missing_tool("the independent iCalendar check", "python3");
        return None;
    };
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(ics.as_bytes())
        .expect("python reads the calendar");
    let out = child.wait_with_output().expect("python runs");
    if out.status.code() == Some(3) {
        mentorkit_testkit::missing_tool(
            "the independent iCalendar check",
            "Python's icalendar (python3 -m pip install icalendar)",
        );
        return None;
    }
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "icalendar refused the export:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(stdout)
}
