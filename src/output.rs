//! Listings printed as an aligned table, JSON with stable keys, or CSV that is
//! safe to open in a spreadsheet; and the one terminal-safe printer that
//! every line for stdout or stderr goes through (`print_out`, `print_data`,
//! `say!`), so that no record text moves a cursor, retitles a window or
//! reverses a line, and a closed pipe never panics.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use comfy_table::{ContentArrangement, ContentLineStyle, LineStyle, Table as Comfy, TableStyle};

/// Columns separated by spaces, a rule under the header, no row lines.
const PLAIN: TableStyle = TableStyle::new()
    .header_lines(ContentLineStyle::none().junction(' '))
    .header_separator(LineStyle::none().fill('─').junction(' '))
    .content_lines(ContentLineStyle::none().junction(' '));
use serde_json::{Map, Value};

use crate::cli::Format;
use crate::error::{Error, Result};

/// Rows with named columns. Keys are the JSON keys and CSV headers.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub keys: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
    /// The columns the terminal table shows (all when empty); JSON and CSV
    /// always carry every column.
    pub brief: Vec<&'static str>,
}

impl Table {
    /// A table with these column keys.
    pub fn new(keys: &[&'static str]) -> Table {
        Table {
            keys: keys.to_vec(),
            rows: Vec::new(),
            brief: Vec::new(),
        }
    }

    /// Limits the terminal table to these columns.
    pub fn brief(mut self, keys: &[&'static str]) -> Table {
        self.brief = keys.to_vec();
        self
    }

    /// Adds a row; it must have one value per key.
    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.keys.len());
        self.rows.push(row);
    }

    /// The table in the requested format, as text.
    pub fn render(&self, format: Format) -> Result<String> {
        match format {
            Format::Table => Ok(self.render_table()),
            Format::Json => {
                let rows: Vec<Value> = self
                    .rows
                    .iter()
                    .map(|row| {
                        let mut m = Map::new();
                        for (k, v) in self.keys.iter().zip(row) {
                            m.insert((*k).to_string(), v.clone());
                        }
                        Value::Object(m)
                    })
                    .collect();
                let mut s = serde_json::to_string_pretty(&rows).map_err(Error::json)?;
                s.push('\n');
                Ok(json_safe(&s).into_owned())
            }
            Format::Csv => {
                let mut w = csv::Writer::from_writer(Vec::new());
                let header: Vec<String> = self.keys.iter().map(|k| safe_cell(k)).collect();
                w.write_record(&header).map_err(csv_err)?;
                for row in &self.rows {
                    let cells: Vec<String> = row.iter().map(|v| safe_cell(&plain(v))).collect();
                    w.write_record(&cells).map_err(csv_err)?;
                }
                let bytes = w.into_inner().map_err(Error::csv)?;
                Ok(String::from_utf8_lossy(&bytes).into_owned())
            }
        }
    }

    fn render_table(&self) -> String {
        let shown: Vec<usize> = (0..self.keys.len())
            .filter(|&i| self.brief.is_empty() || self.brief.contains(&self.keys[i]))
            .collect();
        let mut t = Comfy::new();
        t.load_style(PLAIN)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(shown.iter().map(|&i| self.keys[i].replace('_', " ")));
        for row in &self.rows {
            t.add_row(shown.iter().map(|&i| one_line(&short(&row[i]))));
        }
        let mut s = String::new();
        for line in t.to_string().lines() {
            s.push_str(line.trim_end());
            s.push('\n');
        }
        s
    }

    /// Prints the table to stdout.
    pub fn print(&self, format: Format) -> Result<()> {
        let text = self.render(format)?;
        match format {
            Format::Csv => print_data(&text),
            Format::Table | Format::Json => print_out(&text),
        }
    }
}

fn csv_err(e: csv::Error) -> Error {
    Error::csv(e)
}

/// A JSON value as one line of text: lists joined with `, `, null empty.
pub fn plain(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// A value for a terminal cell: a long list shows its first items and a count.
fn short(v: &Value) -> String {
    match v {
        Value::Array(items) if items.len() > 3 => format!(
            "{} +{}",
            items[..2].iter().map(plain).collect::<Vec<_>>().join(", "),
            items.len() - 2
        ),
        other => plain(other),
    }
}

/// Neutralises a CSV cell that a spreadsheet would run as a formula. Control
/// characters other than line breaks and tabs are dropped first (a
/// spreadsheet ignores a NUL, so `\0=1+1` is a formula); then a cell whose
/// first visible character is `=`, `+`, `-` or `@`, or that starts with a
/// tab or a carriage return, gets a leading apostrophe, unless it is a plain
/// number such as `-0.5`.
pub fn safe_cell(s: &str) -> String {
    let kept = |c: char| !c.is_control() || matches!(c, '\n' | '\r' | '\t');
    let s: Cow<'_, str> = if s.chars().all(kept) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|&c| kept(c)).collect())
    };
    let first = s
        .trim_start_matches(|c: char| c.is_whitespace())
        .chars()
        .next();
    let risky =
        s.starts_with(['\t', '\r']) || first.is_some_and(|c| matches!(c, '=' | '+' | '-' | '@'));
    if risky && !is_plain_number(s.trim()) {
        format!("'{s}")
    } else {
        s.into_owned()
    }
}

fn is_plain_number(s: &str) -> bool {
    let t = s.strip_prefix(['-', '+']).unwrap_or(s);
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.chars().filter(|&c| c == '.').count() <= 1
        && !t.starts_with('.')
        && !t.ends_with('.')
}

/// Whether a character must not reach a terminal as it is: C0 and C1
/// control characters (but a line break and a tab), DEL, and the
/// bidirectional embeddings, overrides, isolates and marks, which reorder
/// the rest of a line.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Text for a terminal: every unsafe character (see `is_unsafe`) shown as
/// U+FFFD, one character for one, so a caret under a quoted line stays in
/// its column.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_unsafe(c) { '\u{fffd}' } else { c })
            .collect(),
    )
}

/// One table cell: terminal-safe, and line breaks and tabs shown too.
fn one_line(text: &str) -> String {
    terminal(text)
        .chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

/// JSON whose strings carry no unsafe character as it is: each is written
/// as a `\uXXXX` escape, which reads back as the same text. (serde_json
/// escapes C0 controls itself; this covers DEL, C1 and the bidi controls,
/// which can only occur inside strings.)
pub fn json_safe(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Prints a value as pretty JSON with a final line break, its strings'
/// unsafe characters escaped (`json_safe`): the same data, safe on a
/// terminal.
pub fn print_json(value: &impl serde::Serialize) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value).map_err(Error::json)?;
    text.push('\n');
    print_out(&json_safe(&text))
}

/// Set once stdout is a closed pipe: nothing more is written there.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Prints text for people to stdout, terminal-safe. A closed pipe
/// (`mentorkit list | head`) ends the output quietly: the call returns, the
/// command finishes what it does, and the exit status stays that of the
/// work. Any other failure is an error.
pub fn print_out(text: &str) -> Result<()> {
    write_stdout(&terminal(text))
}

/// Prints data (CSV, a calendar, a document) to stdout: as it is when
/// stdout is a file or a pipe, terminal-safe when it is a terminal.
pub fn print_data(text: &str) -> Result<()> {
    if std::io::stdout().is_terminal() {
        print_out(text)
    } else {
        write_stdout(text)
    }
}

fn write_stdout(text: &str) -> Result<()> {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        Err(e) => Err(Error::io("<stdout>", "writing", e)),
    }
}

/// Writes a message to stderr as it is given (no line break added),
/// terminal-safe. A closed or failing stderr is ignored: there is nowhere
/// left to say anything, and the work is done or refused already.
pub fn say_text(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err
        .write_all(terminal(text).as_bytes())
        .and_then(|_| err.flush());
}

/// A line on stderr, terminal-safe, never a panic: `say!("wrote {file}")`.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::output::say_text(&format!("{}\n", format_args!($($arg)*)))
    };
}
pub(crate) use say;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        let cases = [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+1+2", "'+1+2"),
            ("-2+3", "'-2+3"),
            ("@cmd", "'@cmd"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-0.5", "-0.5"),
            ("\0=HYPERLINK(1)", "'=HYPERLINK(1)"),
            ("\u{1}+cmd", "'+cmd"),
            ("\u{7f}@SUM(A1)", "'@SUM(A1)"),
            (" =1+1", "' =1+1"),
            ("a\0b", "ab"),
            ("line\nbreak", "line\nbreak"),
            ("+3", "+3"),
            ("Ana", "Ana"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(safe_cell(input), want, "{input:?}");
        }
    }

    #[test]
    fn unsafe_characters_are_shown_visibly_one_for_one() {
        let text = "a\u{1b}[2J\u{7}b\u{202e}c\u{2066}d\u{200f}e\u{85}f\u{7f}g\n\th";
        assert_eq!(
            terminal(text),
            "a\u{fffd}[2J\u{fffd}b\u{fffd}c\u{fffd}d\u{fffd}e\u{fffd}f\u{fffd}g\n\th"
        );
        assert_eq!(terminal(text).chars().count(), text.chars().count());
        assert!(matches!(terminal("plain é"), Cow::Borrowed(_)));
        assert_eq!(one_line("a\nb\tc"), "a\u{fffd}b\u{fffd}c");
    }

    #[test]
    fn json_keeps_the_text_and_escapes_what_is_unsafe() {
        let mut t = Table::new(&["name"]);
        t.push(vec!["Evil \u{202e}gnp\u{7f}\u{1b}".into()]);
        let json = t.render(Format::Json).unwrap();
        assert!(!json.chars().any(is_unsafe), "{json:?}");
        let back: Vec<serde_json::Map<String, Value>> = serde_json::from_str(&json).unwrap();
        assert_eq!(back[0]["name"], "Evil \u{202e}gnp\u{7f}\u{1b}");
    }

    #[test]
    fn json_keys_follow_column_order() {
        let mut t = Table::new(&["id", "name"]);
        t.push(vec!["a".into(), "Ana".into()]);
        let json = t.render(Format::Json).unwrap();
        assert_eq!(
            json,
            "[\n  {\n    \"id\": \"a\",\n    \"name\": \"Ana\"\n  }\n]\n"
        );
    }
}
