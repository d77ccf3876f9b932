//! A new session file written whole, in the style of the examples: keys in
//! the order of the specification, short lists in flow style, strings plain
//! where YAML reads them back unchanged and double-quoted otherwise.

use crate::model::Session;

/// A new session file, in the style of the examples.
pub(super) fn render(s: &Session) -> String {
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
        line("mentor", m.clone());
    }
    if !s.mentees.is_empty() {
        line("mentees", flow(&s.mentees));
    }
    if let Some(notes) = &s.notes {
        line("notes", quoted(notes));
    }
    out
}

/// A double-quoted YAML string (JSON's escapes are YAML's too).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.replace('"', "'")))
}

/// Plain when YAML reads it back as the same string, else double-quoted.
fn scalar(s: &str) -> String {
    if plain_ok(s, false) {
        s.to_owned()
    } else {
        quoted(s)
    }
}

/// `[a, b]`, each item plain when safe inside a flow list.
fn flow(items: &[String]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|s| {
            if plain_ok(s, true) {
                s.clone()
            } else {
                quoted(s)
            }
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// Whether `s` can be written without quotes and read back as this string.
fn plain_ok(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let special_word = matches!(
        s.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "~"
    );
    let allowed = |c: char| {
        c.is_alphanumeric()
            || c == ' '
            || "-_./()&+'".contains(c)
            || (!in_flow && ":?=#%@!$*;,~".contains(c))
    };
    first.is_alphabetic()
        && !s.ends_with(' ')
        && !special_word
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && s.chars().all(allowed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    use super::super::sample_session as session;

    #[test]
    fn new_files_read_back_as_written() {
        let s = session();
        let text = render(&s);
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
        let back = crate::store::parse_session(Path::new("sessions/x.yaml"), &text).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn awkward_strings_survive() {
        for text in [
            "yes",
            "No",
            "null",
            "12",
            "2016-01-12",
            "a: b",
            "a #b",
            "#x",
            "- x",
            "x:",
            " x",
            "x ",
            "'q'",
            "\"q\"",
            "tab\there",
            "line\nbreak",
            "é à",
            "100%",
            "[x]",
            "{x}",
            "*a",
            "&a",
            "!a",
            "@a",
            "`a`",
            "x, y",
        ] {
            let mut s = session();
            s.location = Some(text.into());
            s.topics = vec![text.into()];
            let back = crate::store::parse_session(Path::new("sessions/x.yaml"), &render(&s))
                .unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(back.location.as_deref(), Some(text), "{text:?}");
            assert_eq!(back.topics, [text], "{text:?}");
        }
    }
}
