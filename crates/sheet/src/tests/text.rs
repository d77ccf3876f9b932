//! Text exports: each encoding, each delimiter, Google's zoned download,
//! quoted line breaks, headers and columns.

use chrono_tz::Tz;

use super::{opts, texts};
use crate::datetime::DateOrder;
use crate::*;

#[test]
fn windows_1252_is_assumed_and_told() {
    let bytes = b"Name,Email\r\nSe\xe1n O'Brien,sean@x.org\r\nZo\xeb,zoe@x.org\r\n";
    let t = read(bytes, "excel.csv", &opts()).unwrap();
    assert_eq!(t.encoding(), Some(Encoding::Windows1252));
    assert_eq!(
        t.encoding().map(|e| e.to_string()).as_deref(),
        Some("Windows-1252")
    );
    assert_eq!(
        texts(&t),
        [vec!["Seán O'Brien", "sean@x.org"], vec!["Zoë", "zoe@x.org"]]
    );
}

#[test]
fn utf16_with_its_mark_is_decoded() {
    // Excel's "Unicode Text": UTF-16LE with a mark, tab-separated.
    let text = "Name\tEmail\r\nSeán\tsean@x.org\r\nZoë\tzoe@x.org\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let t = read(&bytes, "unicode.txt", &opts()).unwrap();
    assert_eq!(t.encoding(), Some(Encoding::Utf16Le));
    assert_eq!(t.delimiter(), Some(Delimiter::Tab));
    assert_eq!(
        texts(&t),
        [vec!["Seán", "sean@x.org"], vec!["Zoë", "zoe@x.org"]]
    );
}

#[test]
fn semicolon_and_tab_exports() {
    let cases = [
        (
            "Name;Email;Note\r\nAna;a@x.org;\"one; two\"\r\n",
            Delimiter::Semicolon,
        ),
        (
            "Name\tEmail\tNote\nAna\ta@x.org\tone; two\n",
            Delimiter::Tab,
        ),
        (
            "\u{feff}Name,Email,Note\nAna,a@x.org,one; two\n",
            Delimiter::Comma,
        ),
    ];
    for (text, delimiter) in cases {
        let t = read(text.as_bytes(), "x.csv", &opts()).unwrap();
        assert_eq!(t.delimiter(), Some(delimiter), "{text:?}");
        assert_eq!(t.encoding(), Some(Encoding::Utf8));
        assert_eq!(
            t.header_texts().collect::<Vec<_>>(),
            ["Name", "Email", "Note"]
        );
        assert_eq!(texts(&t), [vec!["Ana", "a@x.org", "one; two"]], "{text:?}");
    }
    // The caller can say the delimiter instead.
    let mut o = opts();
    o.delimiter = Some(Delimiter::Semicolon);
    let t = read(b"a,b;c\n1,2;3\n", "x.csv", &o).unwrap();
    assert_eq!(t.header_texts().collect::<Vec<_>>(), ["a,b", "c"]);
}

#[test]
fn a_google_download_with_zoned_stamps() {
    let text = "\"Timestamp\",\"Email Address\",\"Why?\"\r\n\
        \"2026/11/03 9:41:12 AM GMT-6\",\"ana@x.org\",\"Because\"\r\n\
        \"2026/11/03 11:15:00 PM GMT-6\",\"bo@x.org\",\"Late\"\r\n\
        \"2026/11/04 10:02:00 AM GMT+5:30\",\"cy@x.org\",\"\"\r\n";
    let t = read(text.as_bytes(), "google.csv", &opts()).unwrap();
    let col = t.column("timestamp").unwrap();
    let dates: Vec<String> = t
        .rows()
        .iter()
        .map(|r| {
            datetime::date(&r.text(col), DateOrder::Mdy, Tz::America__Chicago)
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(dates, ["2026-11-03", "2026-11-03", "2026-11-03"]);
    // In UTC the evening answer is the next day.
    let utc: Vec<String> = t
        .rows()
        .iter()
        .map(|r| {
            datetime::date(&r.text(col), DateOrder::Mdy, Tz::UTC)
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(utc, ["2026-11-03", "2026-11-04", "2026-11-04"]);
}

#[test]
fn a_multi_line_answer_keeps_each_records_line() {
    let text = "Email,Why?,Score\r\na@x.org,\"Line one\r\nline two\r\nline three\",4\r\nb@x.org,Short,5\r\n";
    let t = read(text.as_bytes(), "r.csv", &opts()).unwrap();
    let starts: Vec<usize> = t.rows().iter().map(Row::number).collect();
    assert_eq!(starts, [2, 5]);
    assert_eq!(t.rows()[0].text(1), "Line one\nline two\nline three");
    // A cell after the multi-line one starts on the record's last line.
    let score = &t.rows()[0].cells[2].place;
    assert_eq!((score.line(), score.char()), (Some(4), Some(13)));
    assert_eq!(score.to_string(), "r.csv:4: column \"Score\"");
    assert_eq!(t.text(), Some(text));
}

#[test]
fn headers_are_the_first_row_with_anything_in_it() {
    let t = read(
        b"\n,,\n Name , Email,\nAna,a@x.org,extra,more\n,,\nBo\n",
        "x.csv",
        &opts(),
    )
    .unwrap();
    assert_eq!(t.header_texts().collect::<Vec<_>>(), ["Name", "Email", ""]);
    assert_eq!(t.header_at(), &At::Line { line: 3, char: 1 });
    let rows = t.rows();
    assert_eq!(rows.len(), 3);
    assert!(rows[1].is_blank());
    assert_eq!(rows[0].cells[3].place.to_string(), "x.csv:4: column 4");
    assert_eq!(rows[2].text(1), "");
    assert_eq!(
        t.place(&rows[2], 1).to_string(),
        "x.csv:6: column \"Email\""
    );
    assert!(matches!(
        read(b"\n\r\n,,\n", "x.csv", &opts()),
        Err(SheetError::Empty { sheet: None, .. })
    ));
}

#[test]
fn columns_are_found_by_header() {
    let t = read(
        b"Email,Full  Name,Email,,Date you started at the library\n",
        "x.csv",
        &opts(),
    )
    .unwrap();
    assert_eq!(t.column(" full name ").ok(), Some(1));
    assert_eq!(t.columns_named("EMAIL"), [0, 2]);
    match t.column("email") {
        Err(SheetError::DuplicateColumn { places, .. }) => {
            let shown: Vec<String> = places.iter().map(|p| p.to_string()).collect();
            assert_eq!(
                shown,
                ["x.csv:1: column \"Email\"", "x.csv:1: column \"Email\""]
            );
            assert_eq!(places[1].column_number(), 3);
        }
        other => panic!("{other:?}"),
    }
    match t.column("Fulll name") {
        Err(SheetError::NoColumn {
            nearest, headers, ..
        }) => {
            assert_eq!(nearest.as_deref(), Some("Full  Name"));
            assert_eq!(headers.len(), 5);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        t.nearest_header("date you started"),
        Some("Date you started at the library")
    );
    assert_eq!(t.nearest_header("phone"), None);
}

#[test]
fn the_strict_header_rule_is_there_for_who_wants_it() {
    let t = read(b"Email,Name,email,\na@x.org,Ana,,oops\n", "x.csv", &opts()).unwrap();
    let problems: Vec<String> = t
        .check_headers()
        .unwrap_err()
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert_eq!(
        problems,
        [
            "x.csv:1: column 4: the column has no header",
            "2 columns are titled \"Email\"",
        ]
    );
    assert!(
        read(b"a,b\n1,2\n", "x.csv", &opts())
            .unwrap()
            .check_headers()
            .is_ok()
    );
}

#[test]
fn csv_syntax_errors_are_located() {
    match read(b"a,b\n1,\"open\n", "x.csv", &opts()) {
        Err(e @ SheetError::Csv { .. }) => {
            assert_eq!(e.to_string(), "x.csv:2:3: a quoted cell is never closed");
            assert_eq!(e.file(), "x.csv");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn binary_bytes_are_not_text() {
    assert!(matches!(
        read(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "photo.xlsx", &opts()),
        Err(SheetError::NotText {
            named: Some(Format::Xlsx),
            ..
        })
    ));
    // An OLE file that is no workbook falls back to text, and is not text.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0u8; 600]);
    assert!(matches!(
        read(&ole, "old.xls", &opts()),
        Err(SheetError::NotText {
            named: Some(Format::Xls),
            ..
        })
    ));
}
