//! The one YAML writer: how every file mentorkit writes whole (new
//! participant and session records, screening.yaml, matches.yaml) spells a
//! value. One quoting rule: a string is written plain only when every YAML
//! reader (1.1 and 1.2) reads it back as the same string; otherwise it is
//! double-quoted (JSON's escapes are YAML's too), or, for text with line
//! breaks, a literal block when that keeps it exactly.

/// A double-quoted YAML string.
pub fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.replace(['"', '\\'], "'")))
}

/// Whether `s` can be written without quotes and read back as this string,
/// in a block (`key: value`) or inside a flow list (`[a, b]`). Kept strict:
/// a letter first, a short list of safe punctuation, none of the words YAML
/// 1.1 reads as booleans or null, nothing that reads as a number or a time.
pub fn plain_ok(s: &str, in_flow: bool) -> bool {
    const WORDS: &[&str] = &[
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~",
    ];
    let Some(first) = s.chars().next() else {
        return false;
    };
    let allowed = |c: char| {
        c.is_alphanumeric()
            || c == ' '
            || "-_./()&+'".contains(c)
            || (!in_flow && ":?=#%@!$*;,~".contains(c))
    };
    first.is_alphabetic()
        && !s.ends_with(' ')
        && !WORDS.contains(&s.to_lowercase().as_str())
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && s.chars().all(allowed)
}

/// A string after `key: `: plain, a literal block for several lines, or
/// double-quoted.
pub fn scalar(s: &str) -> String {
    if plain_ok(s, false) {
        return s.to_string();
    }
    if s.contains('\n') && literal_ok(s) {
        let mut out = String::from("|-");
        for l in s.split('\n') {
            out.push('\n');
            if !l.is_empty() {
                out.push_str("  ");
                out.push_str(l);
            }
        }
        return out;
    }
    quoted(s)
}

/// A string inside a flow list, or a mapping key such as an id.
pub fn item(s: &str) -> String {
    if plain_ok(s, true) {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// A list in flow style: `[a, b]`.
pub fn flow<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<String> = items.iter().map(|s| item(s.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

/// Whether a literal block keeps the text exactly: no control characters,
/// no leading space on the first line, no trailing line break or spaces.
fn literal_ok(s: &str) -> bool {
    !s.starts_with([' ', '\t'])
        && !s.ends_with(char::is_whitespace)
        && !s.chars().any(|c| c.is_control() && c != '\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every awkward string reads back as itself, in a block and in a list.
    #[test]
    fn awkward_strings_read_back() {
        for text in [
            "yes",
            "No",
            "null",
            "~",
            "12",
            "1e3",
            "0x1F",
            "2016-01-12",
            "14:00",
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
            "a\\b",
            "",
        ] {
            let doc = format!("a: {}\nb: {}\n", scalar(text), flow(&[text]));
            let back: std::collections::BTreeMap<String, serde_json::Value> =
                serde_saphyr::from_str(&doc).unwrap_or_else(|e| panic!("{text:?}: {e}\n{doc}"));
            assert_eq!(back["a"], serde_json::json!(text), "{doc}");
            assert_eq!(back["b"], serde_json::json!([text]), "{doc}");
        }
    }

    #[test]
    fn plain_where_people_write_plain() {
        assert_eq!(
            scalar("Central Library, Meeting Room B"),
            "Central Library, Meeting Room B"
        );
        assert_eq!(flow(&["MBTI", "Holland Codes"]), "[MBTI, Holland Codes]");
        assert_eq!(item("2016-bo"), "\"2016-bo\"");
        assert_eq!(item("ana-ruiz"), "ana-ruiz");
        assert_eq!(scalar("14:00"), "\"14:00\"");
    }
}
