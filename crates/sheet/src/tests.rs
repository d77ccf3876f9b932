//! The whole reader on exports as Forms, Excel and LibreOffice write them:
//! workbooks built here, text in each encoding and delimiter, hostile
//! sizes.

use std::io::Write;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use rust_xlsxwriter::{ExcelDateTime, Format as XlFormat, Formula, Workbook};

use super::*;
use crate::datetime::{DateOrder, stamp_of};

fn texts(t: &Table) -> Vec<Vec<String>> {
    t.rows()
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text().into_owned()).collect())
        .collect()
}

fn opts() -> Options {
    Options::default()
}

/// A Microsoft Forms-like workbook: a title row left empty, the table
/// from B2, typed cells, an error value, a second sheet.
fn forms_xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let stamp = XlFormat::new().set_num_format("m/d/yy h:mm:ss");
    let clock = XlFormat::new().set_num_format("h:mm");
    let sheet = book.add_worksheet();
    sheet.set_name("Form1").unwrap();
    for (i, h) in [
        "ID",
        "Completion time",
        "Email",
        "Name",
        "Score",
        "Manager",
        "Meet at",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(1, 1 + i as u16, *h).unwrap();
    }
    let t = ExcelDateTime::from_ymd(2026, 11, 3)
        .unwrap()
        .and_hms(9, 41, 12)
        .unwrap();
    sheet.write_number(2, 1, 1).unwrap();
    sheet.write_datetime_with_format(2, 2, &t, &stamp).unwrap();
    sheet.write_string(2, 3, "sean@x.org").unwrap();
    sheet.write_string(2, 4, "Seán O'Brien").unwrap();
    sheet.write_number(2, 5, 4.5).unwrap();
    sheet.write_boolean(2, 6, true).unwrap();
    let half_past = ExcelDateTime::from_hms(9, 30, 0).unwrap();
    sheet
        .write_datetime_with_format(2, 7, &half_past, &clock)
        .unwrap();
    sheet.write_number(4, 1, 2).unwrap();
    sheet
        .write_formula(4, 3, Formula::new("=NA()").set_result("#N/A"))
        .unwrap();
    sheet.write_string(4, 4, "Zoë").unwrap();
    book.add_worksheet()
        .set_name("Summary")
        .unwrap()
        .write_string(0, 0, "Total")
        .unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn an_xlsx_keeps_types_and_places() {
    let t = read(&forms_xlsx(), "responses.xlsx", &opts()).unwrap();
    assert_eq!(t.format(), Format::Xlsx);
    assert_eq!(t.sheet(), Some("Form1"));
    assert_eq!(
        t.source(),
        &Source::Workbook {
            sheet: "Form1".into(),
            sheets: vec!["Form1".into(), "Summary".into()]
        }
    );
    assert_eq!(t.encoding(), None);
    let headers: Vec<&str> = t.header_texts().collect();
    assert_eq!(
        headers,
        [
            "ID",
            "Completion time",
            "Email",
            "Name",
            "Score",
            "Manager",
            "Meet at"
        ]
    );
    // The empty row 4 is no row.
    assert_eq!(t.rows().len(), 2);
    let first = &t.rows()[0];
    let day = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
    assert_eq!(
        first
            .cells
            .iter()
            .map(|c| c.value.clone())
            .collect::<Vec<_>>(),
        [
            Value::Number(1.0),
            Value::DateTime(day.and_hms_opt(9, 41, 12).unwrap()),
            Value::Text("sean@x.org".into()),
            Value::Text("Seán O'Brien".into()),
            Value::Number(4.5),
            Value::Bool(true),
            Value::Time(NaiveTime::from_hms_opt(9, 30, 0).unwrap()),
        ]
    );
    assert_eq!(first.number(), 3);
    assert_eq!(
        first.cells[2].place.to_string(),
        "responses.xlsx: sheet \"Form1\", row 3, column D (\"Email\")"
    );
    // The cell date is read as the same stamp as the text would be.
    let stamp = stamp_of(first.value(1), DateOrder::Mdy).unwrap().unwrap();
    assert_eq!(stamp.date(Tz::America__Chicago), Ok(day));
    let second = &t.rows()[1];
    assert_eq!(second.number(), 5);
    assert_eq!(second.value(2), &Value::Error(CellError::NotAvailable));
    match second.cells[2].checked() {
        Err(SheetError::CellError { place, error }) => {
            assert_eq!(error, CellError::NotAvailable);
            assert_eq!(
                place.to_string(),
                "responses.xlsx: sheet \"Form1\", row 5, column D (\"Email\")"
            );
        }
        other => panic!("{other:?}"),
    }
    // A missing cell still has a place.
    assert_eq!(
        t.place(second, 6).to_string(),
        "responses.xlsx: sheet \"Form1\", row 5, column H (\"Meet at\")"
    );
}

#[test]
fn a_workbook_named_csv_is_read_as_a_workbook() {
    let t = read(&forms_xlsx(), "responses.csv", &opts()).unwrap();
    assert_eq!(t.format(), Format::Xlsx);
    assert_eq!(t.rows()[0].text(3), "Seán O'Brien");
}

#[test]
fn a_sheet_is_chosen_by_name() {
    let mut o = opts();
    o.sheet = Some("summary".into());
    let t = read(&forms_xlsx(), "responses.xlsx", &o).unwrap();
    assert_eq!(t.sheet(), Some("Summary"));
    assert_eq!(t.header_texts().collect::<Vec<_>>(), ["Total"]);
    assert!(t.rows().is_empty());
    o.sheet = Some("Fomr1".into());
    match read(&forms_xlsx(), "responses.xlsx", &o) {
        Err(SheetError::UnknownSheet {
            sheets, nearest, ..
        }) => {
            assert_eq!(sheets, ["Form1", "Summary"]);
            assert_eq!(nearest.as_deref(), Some("Form1"));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        read(b"a,b\n", "a.csv", &o),
        Err(SheetError::SheetOfText { .. })
    ));
}

/// A small OpenDocument spreadsheet, written part by part as LibreOffice
/// lays it out (the `mimetype` first and stored).
fn responses_ods() -> Vec<u8> {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3">
<office:body><office:spreadsheet>
<table:table table:name="Responses">
<table:table-row>
<table:table-cell office:value-type="string"><text:p>Timestamp</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Email</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Score</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Meet at</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Check</text:p></table:table-cell>
</table:table-row>
<table:table-row>
<table:table-cell office:value-type="date" office:date-value="2026-11-03T09:41:12"><text:p>11/03/26 09:41</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>zoe@x.org</text:p></table:table-cell>
<table:table-cell office:value-type="float" office:value="4"><text:p>4</text:p></table:table-cell>
<table:table-cell office:value-type="time" office:time-value="PT09H30M00S"><text:p>09:30</text:p></table:table-cell>
<table:table-cell table:formula="of:=NA()" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#N/A</text:p></table:table-cell>
</table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="5"/></table:table-row>
<table:table-row>
<table:table-cell office:value-type="date" office:date-value="2026-11-04"><text:p>11/04/26</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Line one</text:p><text:p>line two</text:p></table:table-cell>
<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>
</table:table-row>
</table:table>
<table:table table:name="Notes"><table:table-row><table:table-cell office:value-type="string"><text:p>n</text:p></table:table-cell></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>"#;
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    // LibreOffice writes no white space between elements (and calamine
    // takes none between cells); the lines above are for reading.
    zip.write_all(content.replace(">\n<", "><").as_bytes())
        .unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_ods_keeps_types_and_places() {
    let t = read(&responses_ods(), "responses.ods", &opts()).unwrap();
    assert_eq!(t.format(), Format::Ods);
    assert_eq!(t.sheet(), Some("Responses"));
    let day = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
    let rows: Vec<Vec<Value>> = t
        .rows()
        .iter()
        .map(|r| r.cells.iter().map(|c| c.value.clone()).collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec![
                Value::DateTime(day.and_hms_opt(9, 41, 12).unwrap()),
                Value::Text("zoe@x.org".into()),
                Value::Number(4.0),
                Value::Time(NaiveTime::from_hms_opt(9, 30, 0).unwrap()),
                Value::Error(CellError::NotAvailable),
            ],
            vec![
                Value::DateTime(day.succ_opt().unwrap().and_hms_opt(0, 0, 0).unwrap()),
                Value::Text("Line one\nline two".into()),
                Value::Bool(true),
            ],
        ]
    );
    assert_eq!(
        t.rows()[1].cells[1].place.to_string(),
        "responses.ods: sheet \"Responses\", row 4, column B (\"Email\")"
    );
    // Named .xlsx, the mimetype still says OpenDocument.
    assert_eq!(
        read(&responses_ods(), "responses.xlsx", &opts())
            .unwrap()
            .format(),
        Format::Ods
    );
}

#[test]
fn a_zip_that_is_no_workbook_is_named_so() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", o).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.text")
        .unwrap();
    let odt = zip.finish().unwrap().into_inner();
    match read(&odt, "letter.csv", &opts()) {
        Err(SheetError::NotAWorkbook { mimetype, .. }) => assert_eq!(
            mimetype.as_deref(),
            Some("application/vnd.oasis.opendocument.text")
        ),
        other => panic!("{other:?}"),
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("a.csv", o).unwrap();
    zip.write_all(b"a,b\n").unwrap();
    let plain = zip.finish().unwrap().into_inner();
    assert!(matches!(
        read(&plain, "exports.zip", &opts()),
        Err(SheetError::NotAWorkbook { mimetype: None, .. })
    ));
}

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

fn small(max_bytes: u64, max_rows: usize, max_unpacked_bytes: u64) -> Options {
    Options {
        budget: Budget {
            max_bytes,
            max_rows,
            max_unpacked_bytes,
        },
        ..Options::default()
    }
}

#[test]
fn budgets_refuse_what_is_too_big() {
    let text = b"h\n1\n2\n3\n";
    assert!(matches!(
        read(text, "x.csv", &small(4, 10, 1 << 20)),
        Err(SheetError::TooLarge { limit: 4, .. })
    ));
    assert_eq!(
        read(text, "x.csv", &small(100, 3, 1 << 20))
            .unwrap()
            .rows()
            .len(),
        3
    );
    assert!(matches!(
        read(text, "x.csv", &small(100, 2, 1 << 20)),
        Err(SheetError::TooManyRows { limit: 2, .. })
    ));
    let xlsx = forms_xlsx();
    assert!(matches!(
        read(&xlsx, "r.xlsx", &small(1 << 20, 1, 1 << 30)),
        Err(SheetError::TooManyRows { limit: 1, .. })
    ));
    assert!(matches!(
        read(&xlsx, "r.xlsx", &small(1 << 20, 10, 1000)),
        Err(SheetError::Unpacks { limit: 1000, .. })
    ));
}

#[test]
fn files_are_read_within_the_budget() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.csv");
    std::fs::write(&path, "Name,Email\nAna,a@x.org\n").unwrap();
    let t = read_path(&path, "r.csv", &opts()).unwrap();
    assert_eq!(t.file(), "r.csv");
    assert_eq!(texts(&t), [vec!["Ana", "a@x.org"]]);
    assert!(matches!(
        read_path(&path, "r.csv", &small(10, 10, 10)),
        Err(SheetError::TooLarge { limit: 10, .. })
    ));
    assert!(matches!(
        read_path(dir.path(), "dir", &opts()),
        Err(SheetError::NotAFile { .. })
    ));
    match read_path(&dir.path().join("missing.csv"), "missing.csv", &opts()) {
        Err(SheetError::Open { source, .. }) => {
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound)
        }
        other => panic!("{other:?}"),
    }
}

#[cfg(unix)]
#[test]
fn a_link_to_an_endless_device_stops_at_the_budget() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("responses.csv");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let started = std::time::Instant::now();
    assert!(matches!(
        read_bytes(&link, "responses.csv", 1 << 20),
        Err(SheetError::TooLarge { limit, .. }) if limit == 1 << 20
    ));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}
