//! The memory behind SEQUENCE: calendars take an event with the same UID as an
//! update only when its SEQUENCE rises, so each export compares every event
//! with what the previous export wrote.
//!
//! That memory is `ics-sequence.yaml` at the root of the program folder
//! (the store reads and writes its text), a generated file meant to be committed with the folder, so every machine
//! continues from the same numbers. One line per UID:
//! `"<uid>": { sequence: 2, hash: "89ab…" }`, where `hash` is FNV-1a 64 of the
//! event's content lines other than SEQUENCE and DTSTAMP. An unchanged event
//! keeps its number, a changed one gets the next, a new one starts at 0.
//! UIDs that vanish stay in the file so that an event coming back continues
//! its count instead of starting over.

use std::collections::BTreeMap;

/// The file's name at the program root.
pub const FILE_NAME: &str = "ics-sequence.yaml";

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

impl SequenceState {
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
}
