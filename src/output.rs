//! Listings printed as an aligned table, JSON with stable keys, or CSV that is
//! safe to open in a spreadsheet.

use std::io::Write;

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
                Ok(s)
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
            t.add_row(shown.iter().map(|&i| printable(&short(&row[i]))));
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
        print_out(&self.render(format)?)
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

/// Control characters shown visibly in a terminal table, so a name cannot
/// move the cursor or change colours.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

/// Neutralises a CSV cell that a spreadsheet would run as a formula: a cell
/// that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading apostrophe, unless it is a plain number such as `-0.5`.
pub fn safe_cell(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(s) {
        format!("'{s}")
    } else {
        s.to_string()
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

/// Prints to stdout; a closed pipe (`mentorkit list | head`) ends quietly.
pub fn print_out(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(Error::io("<stdout>", "writing", e)),
    }
}

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
            ("+3", "+3"),
            ("Ana", "Ana"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(safe_cell(input), want, "{input:?}");
        }
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
