//! A fast reader for the plain YAML that records are written in: block
//! mappings and sequences indented with spaces, one-line flow lists and
//! maps, plain and simply quoted scalars, whole-line comments. The general
//! parser takes about 55 µs for a 600-byte record, most of `check` on a
//! large folder; this one a few. It never decides anything the general
//! parser would decide otherwise: a text with anything outside that shape
//! (anchors, aliases, tags, block scalars, continuation lines, escapes,
//! trailing comments, tabs, CRLF, duplicate keys, a scalar whose type the
//! two could read differently such as `yes`, `0x1F` or `007`) gives `None`,
//! and so does a value the record type refuses; the caller then asks the
//! general parser, which also words every error. The tests compare the two
//! on every example file and on generated texts.

mod de;

use serde::de::DeserializeOwned;

/// Deepest nesting read here (the general parser allows 32).
const MAX_DEPTH: usize = 16;

/// Most keys of one mapping read here (duplicates are looked for by
/// comparing each key with those before it).
const MAX_KEYS: usize = 256;

/// A value read, borrowing the text's strings.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    /// Non-negative and negative integers, as a YAML parser hands them on.
    Unsigned(u64),
    Negative(i64),
    Float(f64),
    Str(&'a str),
    Seq(Vec<Node<'a>>),
    Map(Vec<(&'a str, Node<'a>)>),
}

/// `text` as `T`, when it is plain YAML that `T` accepts.
pub(crate) fn read<T: DeserializeOwned>(text: &str) -> Option<T> {
    T::deserialize(de::De(tree(text)?)).ok()
}

/// `text` as a tree of values, when it is a plain YAML mapping.
pub(crate) fn tree(text: &str) -> Option<Node<'_>> {
    let mut lines = Vec::with_capacity(text.len() / 16);
    for raw in text.split('\n') {
        if !(raw.bytes().all(|b| (b' '..=b'~').contains(&b)) || raw.chars().all(printable)) {
            return None;
        }
        let content = raw.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        lines.push(Line {
            indent: raw.len() - content.len(),
            text: content.trim_end_matches(' '),
        });
    }
    if lines.is_empty() || lines[0].indent != 0 || !is_key_line(lines[0].text) {
        return None;
    }
    let mut at = 0;
    let doc = mapping(&mut lines, &mut at, 0, 0)?;
    (at == lines.len()).then_some(doc)
}

/// A line that holds something, without its indentation.
struct Line<'a> {
    indent: usize,
    text: &'a str,
}

/// Characters both parsers take as they are (no tab, no CR, no control).
fn printable(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fefe}' | '\u{ff00}'..='\u{fffd}' | '\u{10000}'..)
}

/// The block node starting at `lines[*at]`, indented `indent`.
fn node<'a>(
    lines: &mut [Line<'a>],
    at: &mut usize,
    indent: usize,
    depth: usize,
) -> Option<Node<'a>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let text = lines.get(*at)?.text;
    if is_item(text) {
        sequence(lines, at, indent, depth)
    } else if is_key_line(text) {
        mapping(lines, at, indent, depth)
    } else {
        None
    }
}

fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// Whether a line starts `key:` with a plain key.
fn is_key_line(text: &str) -> bool {
    split_key(text).is_some()
}

/// `key: rest` → (`key`, `rest`), the key plain and simple.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let colon = text.find(':')?;
    let (key, rest) = (&text[..colon], &text[colon + 1..]);
    if !(rest.is_empty() || rest.starts_with(' ')) || !plain_key(key) {
        return None;
    }
    Some((key, rest.trim_start_matches(' ')))
}

/// A key both parsers read as the same string.
fn plain_key(key: &str) -> bool {
    !key.is_empty()
        && !key.ends_with(' ')
        && !key.contains(['#', '"', '\'', ',', '[', ']', '{', '}'])
        && !key.starts_with(|c: char| "-?:&*!|>%@`<= ".contains(c))
        && matches!(scalar(key, false), Some(Node::Str(_)))
}

/// The mapping whose keys are at `indent`, from `lines[*at]`.
fn mapping<'a>(
    lines: &mut [Line<'a>],
    at: &mut usize,
    indent: usize,
    depth: usize,
) -> Option<Node<'a>> {
    let mut map: Vec<(&'a str, Node<'a>)> = Vec::new();
    while let Some(line) = lines.get(*at) {
        if line.indent < indent {
            break;
        }
        if line.indent > indent {
            return None;
        }
        let (key, rest) = split_key(line.text)?;
        *at += 1;
        let value = match rest {
            "" => match lines.get(*at) {
                Some(next) if next.indent > indent => {
                    let deeper = next.indent;
                    node(lines, at, deeper, depth + 1)?
                }
                Some(next) if next.indent == indent && is_item(next.text) => {
                    sequence(lines, at, indent, depth + 1)?
                }
                _ => Node::Null,
            },
            _ => {
                let v = inline(rest)?;
                if lines.get(*at).is_some_and(|next| next.indent > indent) {
                    return None;
                }
                v
            }
        };
        if map.len() >= MAX_KEYS || map.iter().any(|(k, _)| *k == key) {
            return None;
        }
        map.push((key, value));
    }
    Some(Node::Map(map))
}

/// The sequence whose dashes are at `indent`, from `lines[*at]`.
fn sequence<'a>(
    lines: &mut [Line<'a>],
    at: &mut usize,
    indent: usize,
    depth: usize,
) -> Option<Node<'a>> {
    let mut items = Vec::new();
    while let Some(line) = lines.get(*at) {
        if line.indent != indent || !is_item(line.text) {
            if line.indent > indent {
                return None;
            }
            break;
        }
        let rest = line.text[1..].trim_start_matches(' ');
        if rest.is_empty() {
            *at += 1;
            items.push(match lines.get(*at) {
                Some(next) if next.indent > indent => {
                    let deeper = next.indent;
                    node(lines, at, deeper, depth + 1)?
                }
                _ => Node::Null,
            });
        } else if is_key_line(rest) {
            // `- key: value` opens a mapping at the key's column.
            let column = indent + (line.text.len() - rest.len());
            lines[*at] = Line {
                indent: column,
                text: rest,
            };
            items.push(mapping(lines, at, column, depth + 1)?);
        } else if is_item(rest) {
            return None;
        } else {
            *at += 1;
            if lines.get(*at).is_some_and(|next| next.indent > indent) {
                return None;
            }
            items.push(inline(rest)?);
        }
    }
    Some(Node::Seq(items))
}

/// A value written on the line: a flow list or map, or a scalar.
fn inline(text: &str) -> Option<Node<'_>> {
    if let Some(inner) = text.strip_prefix('[') {
        let inner = inner.strip_suffix(']')?;
        let items = flow_items(inner)?;
        return items
            .into_iter()
            .map(|item| scalar(item, true))
            .collect::<Option<Vec<_>>>()
            .map(Node::Seq);
    }
    if let Some(inner) = text.strip_prefix('{') {
        let inner = inner.strip_suffix('}')?;
        let mut map = Vec::new();
        for item in flow_items(inner)? {
            let (key, rest) = split_key(item)?;
            if rest.is_empty() || map.iter().any(|(k, _)| *k == key) {
                return None;
            }
            map.push((key, scalar(rest, true)?));
        }
        return Some(Node::Map(map));
    }
    scalar(text, false)
}

/// The comma-separated items of a one-line flow collection, trimmed; a
/// trailing comma is allowed, nested collections and quotes are not.
fn flow_items(inner: &str) -> Option<Vec<&str>> {
    if inner.contains(['[', ']', '{', '}', '"', '\'', '#']) {
        return None;
    }
    if inner.trim().is_empty() {
        return Some(Vec::new());
    }
    let mut items: Vec<&str> = inner.split(',').map(str::trim).collect();
    if items.last() == Some(&"") {
        items.pop();
    }
    if items.iter().any(|i| i.is_empty()) {
        return None;
    }
    Some(items)
}

/// A scalar as both parsers read it, or `None` when they might differ.
fn scalar(text: &str, flow: bool) -> Option<Node<'_>> {
    if let Some(inner) = text.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        return (!inner.contains(['"', '\\'])).then_some(Node::Str(inner));
    }
    if let Some(inner) = text.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        return (!inner.contains('\'')).then_some(Node::Str(inner));
    }
    // A comment, a key, a collection, or in a flow an item's end.
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let refused = match b {
            b'[' | b']' | b'{' | b'}' => true,
            b',' => flow,
            b':' => flow || bytes.get(i + 1).is_none_or(|&next| next == b' '),
            b'#' => i > 0 && bytes[i - 1] == b' ',
            _ => false,
        };
        if refused {
            return None;
        }
    }
    if text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c)) {
        return number(text);
    }
    match text {
        "true" => return Some(Node::Bool(true)),
        "false" => return Some(Node::Bool(false)),
        "null" | "~" => return Some(Node::Null),
        _ => {}
    }
    // Every other spelling of a boolean or null (`yes`, `No`, `TRUE`, …).
    const WORDS: [&str; 9] = ["true", "false", "yes", "no", "on", "off", "y", "n", "null"];
    if text.len() <= 5 && WORDS.iter().any(|w| w.eq_ignore_ascii_case(text)) {
        return None;
    }
    if text.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '+') {
        if let Some(n) = number(text) {
            return Some(n);
        }
        if is_date(text) || has_no_number_letter(text) {
            return Some(Node::Str(text));
        }
        return None;
    }
    Some(Node::Str(text))
}

/// A plain decimal integer (at most 18 digits, no leading zero) or a plain
/// decimal fraction; anything else that looks like a number is `None`.
fn number(text: &str) -> Option<Node<'_>> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let decimal = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !decimal(whole) || whole.len() > 18 || (whole.len() > 1 && whole.starts_with('0')) {
        return None;
    }
    match fraction {
        None => match text.parse::<i64>().ok()? {
            n if n >= 0 => Some(Node::Unsigned(n.unsigned_abs())),
            n => Some(Node::Negative(n)),
        },
        Some(f) if decimal(f) && whole.len() + f.len() <= 15 => {
            text.parse::<f64>().ok().map(Node::Float)
        }
        Some(_) => None,
    }
}

/// `2026-11-03`: a date, which both read as a string.
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// Whether a text that starts with a digit holds a letter that no way of
/// writing a number uses (`2h30m`, `2020-04-17-workshop-1`), and none of
/// the signs a number or a time could hold past its first character.
fn has_no_number_letter(text: &str) -> bool {
    !text.contains([':', '_', '.', '+', ','])
        && text
            .chars()
            .any(|c| c.is_ascii_alphabetic() && !"abcdefABCDEFoOxXbB".contains(c))
}

#[cfg(test)]
mod tests;
