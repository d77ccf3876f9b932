//! A new session file written whole, in the style of the examples: keys in
//! the order of the specification, short lists in flow style, strings
//! spelled by the one YAML writer (`yaml`).

use crate::model::Session;
use crate::yaml::{flow, quoted, scalar};

/// A new session file, in the style of the examples.
pub fn session_yaml(s: &Session) -> String {
    let mut out = String::new();
    let mut line = |key: &str, value: String| {
        out.push_str(key);
        out.push_str(": ");
        out.push_str(&value);
        out.push('\n');
    };
    line("title", quoted(&s.title));
    if let Some(kind) = s.kind {
        line("kind", kind.to_string());
    }
    line("date", s.date.to_string());
    if let Some(time) = s.time {
        line("time", quoted(&time.to_string()));
    }
    if let Some(d) = s.duration {
        line("duration", d.to_string());
    }
    for (key, value) in [("location", &s.location), ("online", &s.online)] {
        if let Some(v) = value {
            line(key, scalar(v));
        }
    }
    if let Some(m) = s.modality {
        line("modality", m.to_string());
    }
    if let Some(f) = &s.facilitator {
        line("facilitator", scalar(f));
    }
    for (key, items) in [
        ("speakers", &s.speakers),
        ("topics", &s.topics),
        ("activities", &s.activities),
    ] {
        if !items.is_empty() {
            line(key, flow(items));
        }
    }
    if let Some(m) = &s.mentor {
        line("mentor", crate::yaml::item(m));
    }
    if !s.mentees.is_empty() {
        line("mentees", flow(&s.mentees));
    }
    if let Some(notes) = &s.notes {
        line("notes", quoted(notes));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentorkit_testkit::sample_session as session;
    use std::path::Path;

    #[test]
    fn new_files_read_back_as_written() {
        let s = session();
        let text = session_yaml(&s);
        assert_eq!(
            text,
            "title: \"Career & Personality Assessments\"\n\
             kind: workshop\n\
             date: 2016-01-12\n\
             time: \"14:00\"\n\
             duration: 2h30m\n\
             location: Central Library, Meeting Room B\n\
             online: https://groupspaces.example.org/anytown-career?x=1#top\n\
             speakers: [\"Dr. O'Neil, PhD\", \"yes\", \"[x]\"]\n\
             topics: [MBTI, Holland Codes]\n\
             activities: [journaling, peer discussion]\n"
        );
        let back = crate::parse_session(Path::new("sessions/x.yaml"), &text).unwrap();
        assert_eq!(back, s);
    }
}
