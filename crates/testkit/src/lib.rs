//! Helpers for the tests of every mentorkit crate: the one mutation strategy
//! of every fuzz target, and sample records shared by tests in two crates.

use proptest::prelude::*;

/// A valid export changed by a few random edits.
pub fn mutated(
    base: &'static str,
    pieces: &'static [&'static str],
) -> impl Strategy<Value = String> {
    let len = base.len();
    proptest::collection::vec((0..=len, 0..6usize, prop::sample::select(pieces)), 1..6).prop_map(
        move |edits| {
            let mut s = base.to_string();
            for (at, cut, insert) in edits {
                let mut at = at.min(s.len());
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + cut).min(s.len());
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                s.replace_range(at..end, insert);
            }
            s
        },
    )
}

/// A workshop with text that needs care in YAML, for the file tests.
pub fn sample_session() -> mentorkit_model::Session {
    mentorkit_model::Session {
        title: "Career & Personality Assessments".into(),
        kind: Some(mentorkit_model::SessionKind::Workshop),
        date: "2016-01-12".parse().unwrap_or_default(),
        time: "14:00".parse().ok(),
        duration: "2h30m".parse().ok(),
        location: Some("Central Library, Meeting Room B".into()),
        online: Some("https://groupspaces.example.org/anytown-career?x=1#top".into()),
        topics: vec!["MBTI".into(), "Holland Codes".into()],
        activities: vec!["journaling".into(), "peer discussion".into()],
        speakers: vec!["Dr. O'Neil, PhD".into(), "yes".into(), "[x]".into()],
        ..mentorkit_model::Session::default()
    }
}

/// A test needs an outside tool (chromium, poppler, Python and its
/// packages) that is not here: with `CI` set this fails the test, since CI
/// installs every tool (`.ci/run`); elsewhere it says clearly, on the
/// terminal and past the test harness's capture, that the test was skipped.
pub fn missing_tool(test: &str, tool: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{test}: {tool} is missing and CI is set; .ci/run installs it");
    }
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: {tool} is not installed (CI installs it; see .ci/run)"
    );
}
