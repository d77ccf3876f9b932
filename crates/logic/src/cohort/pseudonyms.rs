//! Pseudonyms for documents shared outside the library (`--anonymize`):
//! every participant becomes "Participant 1", "Participant 2", … numbered in
//! an order that follows a seeded hash of their id, not the alphabet, so the
//! number says nothing about the name. The same folder always gives the
//! same numbers, so every document of one run agrees.

use std::collections::BTreeMap;

use crate::model::Folder;

/// A person's pseudonym by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pseudonyms {
    by_id: BTreeMap<String, String>,
}

impl Pseudonyms {
    /// Numbers every participant of the folder, seeded by `[eligibility]
    /// seed` and the program's name.
    pub fn of(folder: &Folder) -> Pseudonyms {
        let seed = format!(
            "{}\u{0}{}",
            folder.program.eligibility.seed, folder.program.program.name
        );
        let mut order: Vec<(u64, &str)> = folder
            .participants
            .keys()
            .map(|id| (fnv1a(&seed, id), id.as_str()))
            .collect();
        order.sort();
        Pseudonyms {
            by_id: order
                .into_iter()
                .enumerate()
                .map(|(i, (_, id))| (id.to_string(), format!("Participant {}", i + 1)))
                .collect(),
        }
    }

    /// The pseudonym of `id`; "Participant" for an id outside the folder.
    pub fn of_id(&self, id: &str) -> String {
        self.by_id
            .get(id)
            .cloned()
            .unwrap_or_else(|| "Participant".to_string())
    }

    /// The number behind a pseudonym, for sorting (0 for none).
    pub fn number(&self, id: &str) -> usize {
        self.by_id
            .get(id)
            .and_then(|p| p.rsplit(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    }
}

/// The 64-bit FNV-1a hash of `seed`, a zero byte and `id`.
fn fnv1a(seed: &str, id: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET;
    for b in seed.bytes().chain([0]).chain(id.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(PRIME);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_fnv1a() {
        // FNV-1a of "a" is the published test vector af63dc4c8601ec8c.
        let mut a: u64 = 0xcbf2_9ce4_8422_2325;
        a ^= u64::from(b'a');
        assert_eq!(a.wrapping_mul(0x0000_0100_0000_01b3), 0xaf63_dc4c_8601_ec8c);
        // With an empty seed the input is "\0a".
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in [0u8, b'a'] {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        assert_eq!(fnv1a("", "a"), h);
        assert_ne!(fnv1a("1", "a"), fnv1a("2", "a"));
    }
}
