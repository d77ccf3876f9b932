//! Properties over any input: nothing panics, and whatever CSV we write
//! with any cells in it reads back cell for cell, each record at its line.

use proptest::prelude::*;

use crate::datetime::{self, DateOrder};
use crate::*;

/// A cell as a spreadsheet writes it: quoted when it holds a delimiter,
/// a quote or a line break, or starts with white space.
fn quote(cell: &str, sep: char) -> String {
    if cell.contains([sep, '"', '\n', '\r']) || cell.starts_with(char::is_whitespace) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

fn small() -> Options {
    Options {
        budget: Budget {
            max_bytes: 1 << 16,
            max_rows: 1000,
            max_unpacked_bytes: 1 << 20,
        },
        ..Options::default()
    }
}

proptest! {
    #[test]
    fn any_text_is_a_stamp_or_a_reason(text in "\\PC{0,40}", order in 0..3usize) {
        let order = [DateOrder::Mdy, DateOrder::Dmy, DateOrder::Ymd][order];
        let _ = datetime::local(&text, order, chrono_tz::Tz::America__Chicago);
    }

    #[test]
    fn any_bytes_are_a_table_or_a_reason(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = read(&bytes, "x.csv", &small());
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend(&bytes);
        let _ = read(&zipped, "x.xlsx", &small());
    }

    #[test]
    fn what_is_written_reads_back(
        header in proptest::collection::vec("[A-Za-z][A-Za-z ]{0,8}", 1..4),
        rows in proptest::collection::vec(
            proptest::collection::vec("[a-zé ,;\t\"\r\n]{0,6}", 1..4), 0..6),
        sep in 0..3usize,
        crlf in any::<bool>(),
    ) {
        let delimiter = Delimiter::ALL[sep];
        let d = delimiter.char();
        let end = if crlf { "\r\n" } else { "\n" };
        let line = |cells: &[String]| {
            cells.iter().map(|c| quote(c, d)).collect::<Vec<_>>().join(&d.to_string())
        };
        let mut text = line(&header) + end;
        let mut starts = Vec::new();
        let mut want = Vec::new();
        for r in &rows {
            let written = line(r);
            // A record of one empty unquoted cell is a blank line, no row.
            if written.is_empty() {
                text.push_str(end);
                continue;
            }
            starts.push(text.matches('\n').count() + text.matches('\r').count()
                - text.matches("\r\n").count() + 1);
            want.push(r.iter().map(|c| c.replace("\r\n", "\n").replace('\r', "\n")).collect::<Vec<_>>());
            text.push_str(&written);
            text.push_str(end);
        }
        let mut o = small();
        o.delimiter = Some(delimiter);
        let t = read(text.as_bytes(), "x.csv", &o).unwrap();
        let got: Vec<Vec<String>> = t.rows().iter()
            .map(|r| r.cells.iter().map(|c| c.text().into_owned()).collect())
            .collect();
        prop_assert_eq!(got, want);
        let lines: Vec<usize> = t.rows().iter().map(Row::number).collect();
        prop_assert_eq!(lines, starts);
        let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        prop_assert_eq!(t.header_texts().collect::<Vec<_>>(), headers);
    }
}
