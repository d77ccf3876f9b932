//! The memory behind SEQUENCE: calendars take an event with the same UID as an
//! update only when its SEQUENCE rises, so each export compares every event
//! with what the previous export wrote.
//!
//! That memory is `ics-sequence.yaml` at the root of the program folder, a
//! generated file meant to be committed with the folder, so every machine
//! continues from the same numbers. One line per UID:
//! `"<uid>": { sequence: 2, hash: "89ab…" }`, where `hash` is FNV-1a 64 of the
//! event's content lines other than SEQUENCE and DTSTAMP. An unchanged event
//! keeps its number, a changed one gets the next, a new one starts at 0.
//! UIDs that vanish stay in the file so that an event coming back continues
//! its count instead of starting over.

use std::collections::BTreeMap;

/// The file's name at the program root.
pub const FILE_NAME: &str = "ics-sequence.yaml";

/// Written under the store's "generated" first line.
const HEADER: &str =
    "# `schedule --ics` keeps each event's SEQUENCE here; commit it with the folder.\n";

/// What the last export wrote for one UID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub sequence: u32,
    #[serde(with = "hex")]
    pub hash: u64,
}

mod hex {
    use serde::{Deserialize, Deserializer, de::Error};

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        let text = String::deserialize(d)?;
        u64::from_str_radix(&text, 16).map_err(|_| D::Error::custom("hash must be 16 hex digits"))
    }
}

/// Every UID's entry, sorted by UID.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(transparent)]
pub struct SequenceState {
    pub events: BTreeMap<String, Entry>,
}

/// `ics-sequence.yaml` could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{FILE_NAME} is not readable ({reason}); delete it to start every SEQUENCE at 0 again")]
pub struct BadState {
    pub reason: String,
}

impl SequenceState {
    /// Reads the file's text; an empty text is an empty state.
    pub fn parse(text: &str) -> Result<Self, BadState> {
        let body: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        if body.trim().is_empty() {
            return Ok(Self::default());
        }
        serde_saphyr::from_str(text).map_err(|e| BadState {
            reason: e.to_string(),
        })
    }

    /// The file's body (the store adds the "generated" first line): a
    /// comment, then one line per UID.
    pub fn render(&self) -> String {
        let mut out = String::from(HEADER);
        for (uid, entry) in &self.events {
            out.push_str(&format!(
                "\"{}\": {{ sequence: {}, hash: \"{:016x}\" }}\n",
                uid.replace('\\', "\\\\").replace('"', "\\\""),
                entry.sequence,
                entry.hash
            ));
        }
        out
    }

    /// The SEQUENCE for `uid` whose content now hashes to `hash`, remembered.
    pub fn advance(&mut self, uid: &str, hash: u64) -> u32 {
        let entry = self
            .events
            .entry(uid.to_owned())
            .and_modify(|e| {
                if e.hash != hash {
                    e.sequence += 1;
                    e.hash = hash;
                }
            })
            .or_insert(Entry { sequence: 0, hash });
        entry.sequence
    }
}

/// FNV-1a, 64 bits: the same on every machine and every Rust release, unlike
/// the standard library's hasher.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_known_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn sequence_rises_only_on_change() {
        let mut state = SequenceState::default();
        assert_eq!(state.advance("a@x", 1), 0);
        assert_eq!(state.advance("a@x", 1), 0);
        assert_eq!(state.advance("a@x", 2), 1);
        assert_eq!(state.advance("a@x", 2), 1);
        assert_eq!(state.advance("a@x", 1), 2);
        assert_eq!(state.advance("b@x", 9), 0);
    }

    #[test]
    fn render_and_parse_round_trip() {
        let mut state = SequenceState::default();
        state.advance("2016-02-09-smart-goals-1a2b3c4d@mentorkit", 7);
        state.advance("2016-01-12-career-1a2b3c4d@mentorkit", u64::MAX);
        state.advance("2016-01-12-career-1a2b3c4d@mentorkit", 3);
        let text = state.render();
        assert_eq!(
            text,
            "# `schedule --ics` keeps each event's SEQUENCE here; commit it with the folder.\n\
             \"2016-01-12-career-1a2b3c4d@mentorkit\": { sequence: 1, hash: \"0000000000000003\" }\n\
             \"2016-02-09-smart-goals-1a2b3c4d@mentorkit\": { sequence: 0, hash: \"0000000000000007\" }\n"
        );
        assert_eq!(SequenceState::parse(&text).unwrap(), state);
    }

    #[test]
    fn empty_or_header_only_is_empty() {
        assert_eq!(SequenceState::parse("").unwrap(), SequenceState::default());
        assert_eq!(
            SequenceState::parse(HEADER).unwrap(),
            SequenceState::default()
        );
    }

    #[test]
    fn garbage_is_refused_with_a_way_out() {
        let err = SequenceState::parse("\"a\": { sequence: -1, hash: \"zz\" }\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("ics-sequence.yaml is not readable ("),
            "{err}"
        );
        assert!(
            err.to_string()
                .ends_with("delete it to start every SEQUENCE at 0 again")
        );
    }
}
