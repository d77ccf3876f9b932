//! The records of a program folder as serde types, and the folder itself as
//! values once loaded. Each type denies unknown fields; rules that span fields
//! or files live in the store's validation. Nothing here touches the disk.

pub mod attendance;
mod career;
pub mod error;
mod folder;
pub mod ics_sequence;
pub mod match_groups;
pub mod matches;
pub mod outcome_rules;
pub mod participant;
pub mod program;
pub mod recurrence;
pub mod screening;
pub mod session;
pub mod values;

pub use career::Career;
pub use folder::{Folder, PARTICIPANTS_DIR, PROGRAM_FILE, SESSIONS_DIR};
pub use participant::{
    Assessment, Certification, Education, Experience, Outcome, Override, Participant, SmartGoal,
    Swot, Testimonial,
};
pub use program::{
    Completion, Curriculum, DeliverableRule, Eligibility, Evaluation, Matching, Program,
    ProgramFile, Schedule, Weights,
};
pub use session::Session;
pub use values::{
    Clock, ClockTime, DeliverableStatus, GoalStatus, MatchMode, Minutes, Modality,
    OverrideDecision, ProgramKind, Role, SessionKind, Slot, Text, Waitlist,
};

/// Whether `id` follows the id rule: lowercase ASCII letters, digits and
/// single dashes, not starting or ending with a dash.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Makes an id from a name: `Ana Ruiz` → `ana-ruiz`, accents folded,
/// apostrophes dropped (`Seán O'Brien` → `sean-obrien`, not `o-brien`),
/// every other run of non-letters one dash.
pub fn slug(name: &str) -> String {
    let kept: String = name.chars().filter(|c| !is_apostrophe(*c)).collect();
    let ascii = deunicode::deunicode(&kept).to_ascii_lowercase();
    // deunicode writes some letters with an apostrophe (Cyrillic soft sign).
    let ascii: String = ascii.chars().filter(|c| !is_apostrophe(*c)).collect();
    let mut out = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(60);
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The apostrophes names are written with: typed, typographic (’ ‘),
/// the modifier letter (ʼ, as in Hawaiian names), a backtick or an acute.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        for ok in ["ana-ruiz", "ana-ruiz-2", "a", "2016-01-12-smart-goals"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in [
            "../x",
            "Bad..Name",
            "",
            "-a",
            "a-",
            "a--b",
            "Ana",
            "a_b",
            "a.b",
            "a/b",
        ] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Ana Ruiz"), "ana-ruiz");
        assert_eq!(slug("  José  Núñez-García "), "jose-nunez-garcia");
        assert_eq!(slug("O'Brien, Liam"), "obrien-liam");
        assert_eq!(slug("Seán O'Brien"), "sean-obrien");
        assert_eq!(slug("Seán O\u{2019}Brien"), "sean-obrien");
        assert_eq!(slug("Ana 'Annie' Ruiz"), "ana-annie-ruiz");
        assert_eq!(slug("D`Angelo"), "dangelo");
        assert_eq!(slug("李小龍"), "li-xiao-long");
    }
}
