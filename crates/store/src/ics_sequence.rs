//! The text of `ics-sequence.yaml`, the generated memory behind each
//! event's SEQUENCE (the model's `ics_sequence` says what it means): one
//! line per UID, spelled by the one YAML writer, read back by the loader.

use std::path::Path;

use crate::error::Problem;
use crate::model::ics_sequence::{FILE_NAME, SequenceState};
use crate::yaml::quoted;

/// Written under the store's "generated" first line.
const HEADER: &str =
    "# `schedule --ics` keeps each event's SEQUENCE here; commit it with the folder.\n";

/// Reads the file's text; an empty text (or only comments) is an empty state.
pub fn parse_sequence(text: &str) -> Result<SequenceState, Problem> {
    let body_is_empty = text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if body_is_empty {
        return Ok(SequenceState::default());
    }
    crate::load::parse_yaml(Path::new(FILE_NAME), text, "the SEQUENCE memory").map_err(|p| {
        p.help("delete it to start every SEQUENCE at 0 again; calendars will then take each event as new")
    })
}

/// The file's body (the store adds the "generated" first line): a comment,
/// then one line per UID.
pub fn sequence_text(state: &SequenceState) -> String {
    let mut out = String::from(HEADER);
    for (uid, entry) in &state.events {
        out.push_str(&format!(
            "{}: {{ sequence: {}, hash: \"{:016x}\" }}\n",
            quoted(uid),
            entry.sequence,
            entry.hash
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_parse_round_trip() {
        let mut state = SequenceState::default();
        state.advance("2016-02-09-smart-goals-1a2b3c4d@mentorkit", 7);
        state.advance("2016-01-12-career-1a2b3c4d@mentorkit", u64::MAX);
        state.advance("2016-01-12-career-1a2b3c4d@mentorkit", 3);
        let text = sequence_text(&state);
        assert_eq!(
            text,
            "# `schedule --ics` keeps each event's SEQUENCE here; commit it with the folder.\n\
             \"2016-01-12-career-1a2b3c4d@mentorkit\": { sequence: 1, hash: \"0000000000000003\" }\n\
             \"2016-02-09-smart-goals-1a2b3c4d@mentorkit\": { sequence: 0, hash: \"0000000000000007\" }\n"
        );
        assert_eq!(parse_sequence(&text).unwrap(), state);
        assert_eq!(parse_sequence("").unwrap(), SequenceState::default());
        assert_eq!(parse_sequence(HEADER).unwrap(), SequenceState::default());
    }

    #[test]
    fn garbage_is_refused_with_a_way_out() {
        let p = parse_sequence("\"a\": { sequence: -1, hash: \"zz\" }\n").unwrap_err();
        assert_eq!(p.file, Path::new(FILE_NAME));
        assert!(
            p.help
                .as_deref()
                .is_some_and(|h| h.starts_with("delete it")),
            "{p}"
        );
    }
}
