//! Delimited text as Google and Microsoft Forms, Excel and LibreOffice
//! write it (RFC 4180 and its variants): quoted cells with line breaks and
//! doubled quotes, CRLF, LF or CR line ends, a comma, semicolon (European
//! locales) or tab (a TSV download) between cells. Every cell keeps the
//! line and character where it starts, every record the line where it
//! starts, so that a message can point at it with a caret.
//!
//! The `csv` crate parses too, but locates records only, by byte; a cell's
//! own line and character are what a coordinator needs to find it.

use std::iter::Peekable;
use std::str::Chars;
use std::sync::Arc;

use crate::error::{CsvFault, SheetError};
use crate::place::At;
use crate::table::{RawCell, RawRow, Source, Table, assemble};
use crate::text::Decoded;
use crate::value::Value;
use crate::{Format, Options};

/// What separates the cells of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    /// Every delimiter, in the order a tie is broken.
    pub const ALL: [Delimiter; 3] = [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab];

    /// The character.
    pub fn char(self) -> char {
        match self {
            Delimiter::Comma => ',',
            Delimiter::Semicolon => ';',
            Delimiter::Tab => '\t',
        }
    }

    /// The word for it: `comma`, `semicolon`, `tab`.
    pub fn word(self) -> &'static str {
        match self {
            Delimiter::Comma => "comma",
            Delimiter::Semicolon => "semicolon",
            Delimiter::Tab => "tab",
        }
    }

    /// The delimiter a word or character names (`comma`, `,`, `tab`, `\t`…).
    pub fn from_word(s: &str) -> Option<Delimiter> {
        match s.trim_matches(' ').to_ascii_lowercase().as_str() {
            "comma" | "," => Some(Delimiter::Comma),
            "semicolon" | ";" => Some(Delimiter::Semicolon),
            "tab" | "\t" | "\\t" => Some(Delimiter::Tab),
            _ => None,
        }
    }
}

/// Reads decoded text into a table.
pub(crate) fn read(
    decoded: Decoded,
    file: Arc<str>,
    options: &Options,
) -> Result<Table, SheetError> {
    let Decoded { text, encoding } = decoded;
    let delimiter = options.delimiter.unwrap_or_else(|| sniff(&text));
    let rows = parse(&text, delimiter, &file, options.budget.max_rows)?;
    let source = Source::Text {
        encoding,
        delimiter,
        text,
    };
    assemble(file, Format::Csv, source, rows)
}

/// The delimiter of a text: the one found most often in its first record
/// (after any blank lines), outside quotes; a comma on a tie or when the
/// header has a single column.
pub(crate) fn sniff(text: &str) -> Delimiter {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut started = false;
    for c in text.chars() {
        match c {
            '\r' | '\n' if !started => continue,
            '\r' | '\n' if !quoted => break,
            '"' => quoted = !quoted,
            _ if quoted => {}
            _ => {
                if let Some(i) = Delimiter::ALL.iter().position(|d| d.char() == c) {
                    counts[i] += 1;
                }
            }
        }
        started = true;
    }
    let mut best = Delimiter::Comma;
    let mut most = 0;
    for (d, n) in Delimiter::ALL.into_iter().zip(counts) {
        if n > most {
            best = d;
            most = n;
        }
    }
    best
}

/// A cursor over the text that counts lines and characters.
struct Cursor<'a> {
    chars: Peekable<Chars<'a>>,
    line: usize,
    char: usize,
}

impl Cursor<'_> {
    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }

    /// The next character; a line end (CRLF, LF or CR) comes as one `\n`.
    fn next(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\r' || c == '\n' {
            if c == '\r' && self.peek() == Some('\n') {
                self.chars.next();
            }
            self.line += 1;
            self.char = 1;
            return Some('\n');
        }
        self.char += 1;
        Some(c)
    }
}

/// Every record, blank lines skipped, refused past `max_rows` data rows.
pub(crate) fn parse(
    text: &str,
    delimiter: Delimiter,
    file: &Arc<str>,
    max_rows: usize,
) -> Result<Vec<RawRow>, SheetError> {
    let sep = delimiter.char();
    let mut cur = Cursor {
        chars: text.chars().peekable(),
        line: 1,
        char: 1,
    };
    let fault = |line, char, what| SheetError::Csv {
        file: file.clone(),
        line,
        char,
        what,
    };
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let mut record_line = 1;
    loop {
        let (line, char) = (cur.line, cur.char);
        let quoted = cur.peek() == Some('"');
        let text = if quoted {
            quoted_cell(&mut cur, sep).map_err(|(l, c, what)| fault(l, c, what))?
        } else {
            plain_cell(&mut cur, sep)
        };
        cells.push((text, quoted, At::Line { line, char }));
        match cur.next() {
            Some(c) if c == sep => continue,
            end => {
                let blank = cells.len() == 1 && !cells[0].1 && cells[0].0.is_empty();
                if !blank {
                    if rows.len() > max_rows {
                        return Err(SheetError::TooManyRows {
                            file: file.clone(),
                            limit: max_rows,
                        });
                    }
                    rows.push(RawRow {
                        at: At::Line {
                            line: record_line,
                            char: 1,
                        },
                        cells: cells.drain(..).map(raw_cell).collect(),
                    });
                }
                cells.clear();
                record_line = cur.line;
                if end.is_none() || cur.peek().is_none() {
                    break;
                }
            }
        }
    }
    Ok(rows)
}

fn raw_cell((text, _, at): (String, bool, At)) -> RawCell {
    let value = if text.is_empty() {
        Value::Empty
    } else {
        Value::Text(text)
    };
    RawCell { value, at }
}

/// An unquoted cell: up to the delimiter or the line end.
fn plain_cell(cur: &mut Cursor<'_>, sep: char) -> String {
    let mut cell = String::new();
    while let Some(c) = cur.peek() {
        if c == sep || c == '\r' || c == '\n' {
            break;
        }
        cell.push(c);
        cur.next();
    }
    cell
}

/// A quoted cell, from its opening quote; its line ends become `\n`.
fn quoted_cell(cur: &mut Cursor<'_>, sep: char) -> Result<String, (usize, usize, CsvFault)> {
    let start = (cur.line, cur.char);
    cur.next();
    let mut cell = String::new();
    loop {
        match cur.next() {
            None => return Err((start.0, start.1, CsvFault::UnclosedQuote)),
            Some('"') if cur.peek() == Some('"') => {
                cur.next();
                cell.push('"');
            }
            Some('"') => break,
            Some(c) => cell.push(c),
        }
    }
    match cur.peek() {
        None | Some('\r') | Some('\n') => Ok(cell),
        Some(c) if c == sep => Ok(cell),
        Some(_) => Err((cur.line, cur.char, CsvFault::TextAfterQuote)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<Vec<String>> {
        let file: Arc<str> = Arc::from("x.csv");
        parse(text, sniff(text), &file, 100)
            .unwrap()
            .into_iter()
            .map(|r| {
                r.cells
                    .into_iter()
                    .map(|c| c.value.to_text().into_owned())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn quirks_of_form_exports() {
        let text = "\"Timestamp\",\"Full name\",\"Why?\"\r\n\"11/2/2015 14:03:22\",\"Ana \"\"Annie\"\" Ruiz\",\"Line one\r\nline two, with a comma\"\r\n\r\n11/3/2015,Bo,\r\n";
        assert_eq!(
            texts(text),
            [
                vec!["Timestamp", "Full name", "Why?"],
                vec![
                    "11/2/2015 14:03:22",
                    "Ana \"Annie\" Ruiz",
                    "Line one\nline two, with a comma"
                ],
                vec!["11/3/2015", "Bo", ""],
            ]
        );
    }

    #[test]
    fn cells_and_records_know_where_they_start() {
        let file: Arc<str> = Arc::from("x.csv");
        let rows = parse(
            "a,b,c\n\"x\ny\",zé,\"w\"\n\n\"p\r\nq\r\nr\",s\n",
            Delimiter::Comma,
            &file,
            10,
        )
        .unwrap();
        let places: Vec<At> = rows[1].cells.iter().map(|c| c.at.clone()).collect();
        assert_eq!(
            places,
            [
                At::Line { line: 2, char: 1 },
                At::Line { line: 3, char: 4 },
                At::Line { line: 3, char: 7 }
            ]
        );
        let starts: Vec<At> = rows.iter().map(|r| r.at.clone()).collect();
        assert_eq!(
            starts,
            [
                At::Line { line: 1, char: 1 },
                At::Line { line: 2, char: 1 },
                At::Line { line: 5, char: 1 }
            ]
        );
    }

    #[test]
    fn line_ends_and_delimiters() {
        let cases: [(&str, &[&[&str]]); 6] = [
            ("a,b\n1,2", &[&["a", "b"], &["1", "2"]]),
            ("a;b\r1;2\r", &[&["a", "b"], &["1", "2"]]),
            ("a\tb\n1\t2\n", &[&["a", "b"], &["1", "2"]]),
            ("\n\nsolo\nx\n", &[&["solo"], &["x"]]),
            // A comma inside a semicolon export's header.
            (
                "Name;Why, really?;Email\nAna;x;a@x\n",
                &[&["Name", "Why, really?", "Email"], &["Ana", "x", "a@x"]],
            ),
            // Delimiters inside quotes do not count.
            ("\"a;b;c\",d\n1,2\n", &[&["a;b;c", "d"], &["1", "2"]]),
        ];
        for (text, want) in cases {
            assert_eq!(texts(text), want, "{text:?}");
        }
    }

    #[test]
    fn sniffing_counts_outside_quotes() {
        let cases = [
            ("a,b,c\n", Delimiter::Comma),
            ("a;b;c\n", Delimiter::Semicolon),
            ("a\tb\tc\n", Delimiter::Tab),
            ("\"x, y\";z\n", Delimiter::Semicolon),
            ("\"x\ty\",z\n", Delimiter::Comma),
            ("a;b,c\n", Delimiter::Comma),
            ("single\n", Delimiter::Comma),
            ("\r\n\r\na\tb\n", Delimiter::Tab),
            ("\"multi\nline; header\"\tb\n", Delimiter::Tab),
        ];
        for (text, want) in cases {
            assert_eq!(sniff(text), want, "{text:?}");
        }
        assert_eq!(Delimiter::from_word(" Tab "), Some(Delimiter::Tab));
        assert_eq!(Delimiter::from_word(";"), Some(Delimiter::Semicolon));
        assert_eq!(Delimiter::from_word("pipe"), None);
    }

    #[test]
    fn broken_quotes_are_located() {
        let file: Arc<str> = Arc::from("x.csv");
        let fault = |text: &str| match parse(text, Delimiter::Comma, &file, 10) {
            Err(SheetError::Csv {
                line, char, what, ..
            }) => (line, char, what),
            other => panic!("{other:?}"),
        };
        assert_eq!(fault("a,b\n1,\"open\n"), (2, 3, CsvFault::UnclosedQuote));
        assert_eq!(fault("a,b\n\"x\"y,2\n"), (2, 4, CsvFault::TextAfterQuote));
    }

    #[test]
    fn rows_past_the_budget_are_refused() {
        let file: Arc<str> = Arc::from("x.csv");
        assert_eq!(
            parse("h\n1\n2\n", Delimiter::Comma, &file, 2)
                .unwrap()
                .len(),
            3
        );
        assert!(matches!(
            parse("h\n1\n2\n3\n", Delimiter::Comma, &file, 2),
            Err(SheetError::TooManyRows { limit: 2, .. })
        ));
    }
}
