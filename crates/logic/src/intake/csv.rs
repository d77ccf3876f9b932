//! A CSV reader for form exports that keeps where each cell starts (line and
//! column), so that a bad answer is reported at its place with a caret. It
//! reads RFC 4180 as Google and Microsoft Forms write it: quoted cells with
//! line breaks and doubled quotes, CRLF or LF, a byte order mark; a header
//! without commas but with semicolons or tabs (a spreadsheet saved in a
//! European locale, or a TSV download) sets that separator instead.
//!
//! The `csv` crate parses as well, but reports positions per record only;
//! a cell's own line and column are what a coordinator needs to find it.

/// One cell and where it starts (1-based line, column in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub line: usize,
    pub column: usize,
}

/// One record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub cells: Vec<Cell>,
    /// The line the record starts on.
    pub line: usize,
}

/// A CSV syntax error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Reads every record; blank lines are skipped.
pub fn parse(text: &str) -> Result<Vec<Record>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sep = separator(text);
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let (mut line, mut column) = (1usize, 1usize);
    let mut cells: Vec<Cell> = Vec::new();
    let mut record_line = 1;
    loop {
        // At the start of a cell.
        let start = (line, column);
        let mut cell = String::new();
        let quoted = chars.peek() == Some(&'"');
        if quoted {
            chars.next();
            column += 1;
            loop {
                match chars.next() {
                    None => {
                        return Err(CsvError {
                            line: start.0,
                            column: start.1,
                            message: "a quoted cell is never closed".into(),
                        });
                    }
                    Some('"') => {
                        column += 1;
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            column += 1;
                            cell.push('"');
                        } else {
                            break;
                        }
                    }
                    Some('\r') => {
                        if chars.peek() == Some(&'\n') {
                            chars.next();
                        }
                        cell.push('\n');
                        line += 1;
                        column = 1;
                    }
                    Some('\n') => {
                        cell.push('\n');
                        line += 1;
                        column = 1;
                    }
                    Some(c) => {
                        cell.push(c);
                        column += 1;
                    }
                }
            }
            match chars.peek() {
                None | Some('\r') | Some('\n') => {}
                Some(c) if *c == sep => {}
                Some(_) => {
                    return Err(CsvError {
                        line,
                        column,
                        message: "text follows the closing quote of a cell; a quote inside a quoted cell is written twice (\"\")".into(),
                    });
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == sep || c == '\r' || c == '\n' {
                    break;
                }
                cell.push(c);
                chars.next();
                column += 1;
            }
        }
        cells.push(Cell {
            text: cell,
            line: start.0,
            column: start.1,
        });
        // After a cell: a separator, the end of the record, or the end.
        match chars.next() {
            Some(c) if c == sep => {
                column += 1;
            }
            end => {
                if end == Some('\r') && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                let blank = cells.len() == 1 && cells[0].text.is_empty() && !quoted;
                if !blank {
                    records.push(Record {
                        cells: std::mem::take(&mut cells),
                        line: record_line,
                    });
                }
                cells.clear();
                if end.is_none() {
                    break;
                }
                line += 1;
                column = 1;
                record_line = line;
                if chars.peek().is_none() {
                    break;
                }
            }
        }
    }
    Ok(records)
}

/// The separator: a comma, unless the first line has none and has
/// semicolons or tabs.
fn separator(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    if first.contains(',') {
        ','
    } else if first.contains(';') {
        ';'
    } else if first.contains('\t') {
        '\t'
    } else {
        ','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<Vec<String>> {
        parse(text)
            .unwrap()
            .into_iter()
            .map(|r| r.cells.into_iter().map(|c| c.text).collect())
            .collect()
    }

    #[test]
    fn quirks_of_form_exports() {
        let text = "\u{feff}\"Timestamp\",\"Full name\",\"Why?\"\r\n\"11/2/2015 14:03:22\",\"Ana \"\"Annie\"\" Ruiz\",\"Line one\r\nline two, with a comma\"\r\n\r\n11/3/2015,Bo,\r\n";
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
    fn cells_know_where_they_start() {
        let recs = parse("a,b\n\"x\ny\",zé,\"w\"\n").unwrap();
        let places: Vec<(usize, usize)> =
            recs[1].cells.iter().map(|c| (c.line, c.column)).collect();
        assert_eq!(places, [(2, 1), (3, 4), (3, 7)]);
        assert_eq!(recs[1].line, 2);
    }

    #[test]
    fn no_final_newline_and_other_separators() {
        assert_eq!(texts("a,b\n1,2"), [vec!["a", "b"], vec!["1", "2"]]);
        assert_eq!(texts("a;b\r1;2\r"), [vec!["a", "b"], vec!["1", "2"]]);
        assert_eq!(texts("a\tb\n1\t2\n"), [vec!["a", "b"], vec!["1", "2"]]);
    }

    #[test]
    fn broken_quotes_are_located() {
        assert_eq!(
            parse("a,b\n1,\"open\n").unwrap_err(),
            CsvError {
                line: 2,
                column: 3,
                message: "a quoted cell is never closed".into()
            }
        );
        assert_eq!(parse("a,b\n\"x\"y,2\n").unwrap_err().column, 4);
    }
}
