//! Helpers for the tests of every mentorkit crate, so that each fuzz target
//! corrupts its input the same way.

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
