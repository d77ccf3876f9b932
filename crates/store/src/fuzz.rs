//! Property-driven fuzzing of the loaders: arbitrary text, and valid records
//! cut, spliced and corrupted at random, must give a value or a located
//! problem — never a panic, a hang or unbounded memory. The case count comes
//! from `PROPTEST_CASES` (CI runs the default; the long run sets it higher).

use std::path::Path;

use proptest::prelude::*;

use super::diag::locate;
use super::load::{parse_participant, parse_program_all, parse_session};

const PARTICIPANT: &str =
    include_str!("../../../examples/career-development/participants/maria-gonzalez.yaml");
const SESSION: &str = include_str!(
    "../../../examples/career-development/sessions/2016-08-09-leaders-across-the-profession.yaml"
);
const PROGRAM: &str = include_str!("../../../examples/career-development/program.toml");

/// Bytes that make YAML and TOML parsers work hardest.
const NASTY: &[&str] = &[
    "&a ",
    "*a",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "\t",
    "\n",
    "\r\n",
    "'",
    "\"",
    "#",
    "!!str ",
    "<<: *a",
    "---\n",
    "...\n",
    "|\n",
    ">\n",
    "?",
    "\u{feff}",
    "\u{0}",
    "\\",
    "%YAML 1.2\n",
    "9999999999999999999999",
    "-1",
    "2015-02-30",
    "1e309",
    "~",
    "null",
    "é",
    "李",
    "[[[[[[[[",
    "]]]]]]]]",
];

fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    mentorkit_testkit::mutated(base, NASTY)
}

fn all_loaders(text: &str) {
    let rel = Path::new("participants/x.yaml");
    let _ = parse_participant(rel, text).map_err(|p| p.to_string());
    let _ = parse_session(Path::new("sessions/x.yaml"), text).map_err(|p| p.to_string());
    let (_, problems) = parse_program_all(Path::new("program.toml"), text);
    let _: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let _ = locate(text, "email", Some("x"));
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        all_loaders(&text);
    }

    #[test]
    fn corrupted_participants_never_panic(text in mutated(PARTICIPANT)) {
        all_loaders(&text);
    }

    #[test]
    fn corrupted_sessions_never_panic(text in mutated(SESSION)) {
        all_loaders(&text);
    }

    #[test]
    fn corrupted_programs_never_panic(text in mutated(PROGRAM)) {
        all_loaders(&text);
    }

    #[test]
    fn truncated_records_never_panic(cut in 0..PARTICIPANT.len()) {
        let mut end = cut;
        while !PARTICIPANT.is_char_boundary(end) {
            end -= 1;
        }
        all_loaders(&PARTICIPANT[..end]);
    }
}
