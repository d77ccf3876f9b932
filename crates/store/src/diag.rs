//! Turns parser errors (serde-saphyr, toml) into `Problem`s that name the
//! file, line, column and field, in words a coordinator understands.

use std::path::Path;

use crate::error::{Problem, nearest};

/// Where and what a parser reported.
pub(crate) struct RawError<'a> {
    pub line: usize,
    pub column: usize,
    pub message: &'a str,
}

/// The key written at the start of `line` (`  capacity: -3` → `capacity`).
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let t = l.trim_start().trim_start_matches("- ").trim_start();
    let (key, _) = t.split_once(':')?;
    let key = key.trim().trim_matches('"').trim_matches('\'');
    let ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == ' ' || c == '.');
    ok.then(|| key.to_string())
}

/// The value written at a line and column, up to the end of the line or a comment.
fn value_at(text: &str, line: usize, column: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let rest: String = l.chars().skip(column.saturating_sub(1)).collect();
    let rest = match rest.find(" #") {
        Some(i) => &rest[..i],
        None => &rest[..],
    };
    let v = rest
        .trim()
        .trim_end_matches(',')
        .trim_end_matches(']')
        .trim_matches('"')
        .trim_matches('\'')
        .trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// Takes `expected one of a, b, c` out of a serde message.
fn expected_list(message: &str) -> Vec<&str> {
    message
        .split_once("expected one of ")
        .map(|(_, rest)| {
            rest.split(", ")
                .map(|s| s.trim().trim_matches('`'))
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn backticked(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

/// Builds the problem for one parser error in `file`, whose text is `text`.
/// `what` names the record (`participant`, `session`, `program`).
pub(crate) fn problem(file: &Path, text: &str, raw: RawError<'_>, what: &str) -> Problem {
    let RawError {
        line,
        column,
        message,
    } = raw;
    let key = key_on_line(text, line);
    let value = value_at(text, line, column);
    let value_text = value.clone().unwrap_or_default();
    let mut help = None;
    let mut field = key.clone();
    let msg: String = if let Some(rest) = message.strip_prefix("unknown field ") {
        let name = backticked(rest).unwrap_or(rest).to_string();
        field = Some(name.clone());
        let known = expected_list(message);
        help = Some(match nearest(&name, known.iter().copied()) {
            Some(near) => crate::error::did_you_mean(near),
            None if known.is_empty() => format!("remove it; a {what} has no such field"),
            None => format!("remove it, or use one of: {}", known.join(", ")),
        });
        format!("unknown field `{name}`")
    } else if message.starts_with("missing field ") {
        let name = backticked(message).unwrap_or("?").to_string();
        help = Some(if what == "program" {
            format!("add `{name} = …` to this table")
        } else {
            format!("add `{name}: …` to the {what}")
        });
        field = Some(name.clone());
        format!("missing field `{name}`")
    } else if message.starts_with("unknown variant ") {
        let known = expected_list(message);
        let word = backticked(message).unwrap_or(&value_text);
        let near = match nearest(word, known.iter().copied()) {
            Some(near) => format!("; did you mean `{near}`?"),
            None => String::new(),
        };
        format!(
            "`{word}` is not allowed here; use one of: {}{near}",
            known.join(", ")
        )
    } else if message.starts_with("duplicate mapping key") || message.contains("duplicate key") {
        help = Some("keep one of them".into());
        format!("`{}` is written twice", key.clone().unwrap_or_default())
    } else if message.starts_with("invalid type: integer")
        || message.starts_with("invalid value: integer")
        || message.contains("number too large")
        || message.contains("out of range integral")
    {
        format!("`{value_text}` is out of range for this field")
    } else if message.starts_with("invalid date") || message.starts_with("invalid datetime") {
        format!("`{value_text}` is not a date that exists; write it as YYYY-MM-DD")
    } else if message.starts_with("invalid u") || message.starts_with("invalid i") {
        if !value_text.is_empty() && value_text.bytes().all(|b| b.is_ascii_digit()) {
            format!("`{value_text}` is too large for this field")
        } else {
            format!("`{value_text}` is not a whole number")
        }
    } else if message == "invalid boolean" {
        help = Some("write true or false".into());
        format!("`{value_text}` is not true or false")
    } else if message.contains("out of range")
        || message.contains("invalid characters")
        || message.contains("premature end of input")
        || message.contains("trailing input")
    {
        format!("`{value_text}` is not a date that exists; write it as YYYY-MM-DD")
    } else if message.contains("found a tab") || message.contains("tabs") {
        if let Some(i) = text.lines().position(|l| l.starts_with('\t')) {
            let mut p = Problem::file(file, "a tab indents this line; YAML indents with spaces")
                .at(text, i + 1, 1)
                .help("replace the tab with spaces");
            p.field = key_on_line(text, i + 1);
            return p;
        }
        field = None;
        "a tab is used where YAML needs spaces".to_string()
    } else if message.contains("budget breached")
        && ["Alias", "Anchor", "MergeKeys"]
            .iter()
            .any(|w| message.contains(w))
    {
        help =
            Some("write the values out instead of repeating them with `&name` and `*name`".into());
        field = None;
        "the file expands to too many values through its anchors and aliases; refused".to_string()
    } else if message.contains("budget breached") {
        help = Some(
            "a record file holds one person or session; check that the right file is here".into(),
        );
        field = None;
        "the file holds more values than a file of its size can; refused".to_string()
    } else if message.contains("recursion limit") || message.contains("depth") {
        field = None;
        "the file is nested too deeply to be a record; refused".to_string()
    } else if message == "expected mapping start" && line <= 1 {
        field = None;
        format!("this is not a {what} record: expected `field: value` lines")
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        match rest.split_once(", expected ") {
            Some((found, expected)) => format!("expected {expected}, found {found}"),
            None => message.to_string(),
        }
    } else if message.contains("did not match any variant") {
        format!("`{value_text}` is not a value this field takes")
    } else if message == "expected string scalar" {
        format!(
            "expected a single value for `{}`",
            key.clone().unwrap_or_default()
        )
    } else if message == "expected sequence start" {
        format!("`{value_text}` should be a list")
    } else if message == "unexpected end of input" && text.trim().is_empty() {
        field = None;
        help = Some(format!("write the {what}'s fields, or delete the file"));
        "the file is empty".to_string()
    } else {
        message.to_string()
    };
    // A near miss that a value's parser put in its message goes under help.
    let msg = match msg.split_once("; did you mean ") {
        Some((what, near)) if help.is_none() => {
            help = Some(format!("did you mean {near}"));
            what.to_string()
        }
        _ => msg,
    };
    let mut p = Problem::file(file, msg).at(text, line, column);
    p.field = field;
    p.help = help;
    p
}

/// A problem with the `%` directives that open a YAML file, in words: the
/// parser's own ("did not find expected <document start>") say little to
/// someone who pasted a `%YAML 1.2` line. `None` when they are fine.
pub(crate) fn directive_problem(file: &Path, text: &str) -> Option<Problem> {
    let mut yaml_at = None;
    let mut last = None;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_end();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let Some(directive) = t.strip_prefix('%') else {
            if t.starts_with("---") {
                return None;
            }
            break;
        };
        let n = i + 1;
        let at = |message: String, help: &str| {
            Some(Problem::file(file, message).at(text, n, 1).help(help))
        };
        let mut words = directive.split_whitespace();
        let name = words.next().unwrap_or_default();
        if name == "YAML" {
            if yaml_at.is_some() {
                return at(
                    "the `%YAML` directive is written twice".into(),
                    "records need no directive: remove both lines",
                );
            }
            if words.next().is_none() {
                return at(
                    "the `%YAML` directive has no version".into(),
                    "records need no directive: remove the line (or write `%YAML 1.2`)",
                );
            }
            yaml_at = Some(n);
        }
        last = Some((n, name.to_string()));
    }
    let (n, name) = last?;
    let n = yaml_at.unwrap_or(n);
    let name = if yaml_at.is_some() {
        "YAML"
    } else {
        name.as_str()
    };
    Some(
        Problem::file(
            file,
            format!("the `%{name}` directive is not followed by a `---` line"),
        )
        .at(text, n, 1)
        .help("records need no directive: remove the line (or add `---` after it)"),
    )
}

/// A serde-saphyr error as a problem.
pub(crate) fn yaml_problem(
    file: &Path,
    text: &str,
    err: &serde_saphyr::Error,
    what: &str,
) -> Problem {
    let inner = err.without_snippet();
    let full = inner.to_string();
    let (line, column) = inner
        .location()
        .map(|l| (l.line() as usize, l.column() as usize))
        .unwrap_or((1, 1));
    // The message ends with " at line N, column M"; drop it, we print the place ourselves.
    let message = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => &full[..],
    };
    // Alias errors add where the anchor was defined and used; the caret shows it.
    let message = match message.find(" (defined at ") {
        Some(i) => &message[..i],
        None => message,
    };
    problem(
        file,
        text,
        RawError {
            line: line.max(1),
            column: column.max(1),
            message,
        },
        what,
    )
}

/// A toml error as a problem.
pub(crate) fn toml_problem(file: &Path, text: &str, err: &toml::de::Error) -> Problem {
    let (line, column) = err
        .span()
        .map(|s| line_col(text, s.start))
        .unwrap_or((1, 1));
    let message = err.message().trim().trim_end_matches('.');
    let mut p = problem(
        file,
        text,
        RawError {
            line,
            column,
            message,
        },
        "program",
    );
    if p.field.is_none() {
        p.field = key_on_line(text, line);
    }
    p
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count() + 1)
        .unwrap_or(1);
    (line, col)
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The line and column where `key:` is written (the first time at or after
/// line `from`), and of `value` after it when given; for problems found after
/// loading, such as a duplicate email or an unknown id in a list.
pub fn locate(text: &str, key: &str, value: Option<&str>) -> Option<(usize, usize)> {
    let mut found_key = None;
    for (i, l) in text.lines().enumerate() {
        let trimmed = l.trim_start();
        let t = trimmed.trim_start_matches("- ");
        if found_key.is_none() {
            let after_key = t.strip_prefix(key).map(str::trim_start);
            if after_key.is_some_and(|a| a.starts_with(':') || a.starts_with('=')) {
                let col = l.len() - t.len() + 1;
                found_key = Some((i + 1, col));
                if let Some(v) = value {
                    let after = &l[l.len() - t.len() + key.len()..];
                    if let Some(pos) = after.find(v) {
                        let byte = l.len() - after.len() + pos;
                        return Some((i + 1, l[..byte].chars().count() + 1));
                    }
                } else {
                    return found_key;
                }
            }
        } else if let Some(v) = value {
            if !l.starts_with(' ') && !l.starts_with('-') && !l.trim().is_empty() {
                break;
            }
            if let Some(pos) = l.find(v) {
                return Some((i + 1, l[..pos].chars().count() + 1));
            }
        }
    }
    if found_key.is_none() {
        // A key inside a flow mapping (`pre: {q1: 9}`): find `key:` anywhere.
        let needle = format!("{key}:");
        for (i, l) in text.lines().enumerate() {
            if let Some(pos) = l.find(&needle) {
                return Some((i + 1, l[..pos].chars().count() + 1));
            }
        }
    }
    found_key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_key_and_list_item() {
        let text = "name: Ana\nattendance:\n  - bo\n  - ghost\nnotes: x\n";
        assert_eq!(locate(text, "name", None), Some((1, 1)));
        assert_eq!(locate(text, "attendance", Some("ghost")), Some((4, 5)));
        assert_eq!(
            locate("attendance: [a, ghost]\n", "attendance", Some("ghost")),
            Some((1, 17))
        );
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncé d", 7), (2, 4));
    }
}
