//! Escaping for Markdown output. Markdown viewers render raw HTML, so text
//! people wrote must not reach a `.md` document as markup: `<`, `>` and
//! entity-like `&` become HTML entities, Markdown's own marks are
//! backslash-escaped, and line breaks fold into spaces so a value can never
//! start a heading, a list or a new table row. Tera calls [`escape_markdown`]
//! for every `{{ value }}` in a `.md` template, as it escapes HTML in `.html`.

use std::io::{self, Write};

/// Tera's escape function for `.md` templates.
pub fn escape_markdown(input: &str, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(markdown(input).as_bytes())
}

/// `input` escaped for Markdown (see the module documentation).
pub fn markdown(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    let chars: Vec<char> = input.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if looks_like_entity(&chars[i + 1..]) => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' | '\t' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
        i += 1;
    }
    let trimmed = out.trim_start();
    let lead = out.len() - trimmed.len();
    let mut out = out[lead..].to_string();
    // What would start a block if the value began a line: a heading, a
    // list item, a setext underline, an ordered list item.
    let breaks = |rest: &str, mark: char| {
        rest.is_empty() || rest.starts_with(char::is_whitespace) || rest.starts_with(mark)
    };
    let first = out.chars().next();
    if first == Some('#') {
        out.insert(0, '\\');
    } else if let Some(mark @ ('-' | '+' | '=')) = first
        && breaks(&out[1..], mark)
    {
        out.insert(0, '\\');
    } else if let Some(pos) = out.find(|c: char| !c.is_ascii_digit())
        && pos > 0
        && out[pos..].starts_with(['.', ')'])
        && breaks(&out[pos + 1..], ' ')
    {
        out.insert(pos, '\\');
    }
    out
}

/// `&name;`, `&#123;` or `&#x1F;` follows.
fn looks_like_entity(rest: &[char]) -> bool {
    let body: String = rest.iter().take(33).take_while(|c| **c != ';').collect();
    body.len() < rest.len().min(33)
        && !body.is_empty()
        && body.chars().all(|c| c.is_ascii_alphanumeric() || c == '#')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_marks_are_escaped() {
        let cases = [
            ("<b>Liu</b>", "&lt;b&gt;Liu&lt;/b&gt;"),
            (
                "<script>alert(1)</script>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            ("Career & Personality", "Career & Personality"),
            ("&lt;b&gt;", "&amp;lt;b&amp;gt;"),
            ("R&D", "R&D"),
            ("&#60;", "&amp;#60;"),
            ("*bold* _it_", "\\*bold\\* \\_it\\_"),
            ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
            ("a | b", "a \\| b"),
            ("`code`", "\\`code\\`"),
            ("back\\slash", "back\\\\slash"),
            ("~~gone~~", "\\~\\~gone\\~\\~"),
            ("line one\nline two", "line one line two"),
            ("a\r\n\r\nb", "a b"),
            ("# Heading", "\\# Heading"),
            ("- item", "\\- item"),
            ("1. first", "1\\. first"),
            ("2016) year", "2016\\) year"),
            ("2016 was good", "2016 was good"),
            ("2.3", "2.3"),
            ("1.", "1\\."),
            ("-0.5", "-0.5"),
            ("---", "\\---"),
            ("+ plus", "\\+ plus"),
            ("#hashtag", "\\#hashtag"),
            ("\n# sneaky", "\\# sneaky"),
            ("bell\u{7}", "bell\u{fffd}"),
            ("María González", "María González"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(markdown(input), want, "{input:?}");
        }
    }

    #[test]
    fn escape_fn_writes_the_same() {
        let mut buf = Vec::new();
        escape_markdown("<i>", &mut buf).unwrap();
        assert_eq!(buf, b"&lt;i&gt;");
    }
}
