//! Workbooks built in the test: a Microsoft Forms-like .xlsx and a small
//! .ods written part by part.

use std::io::Write;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use rust_xlsxwriter::{ExcelDateTime, Format as XlFormat, Formula, Workbook};

use super::opts;
use crate::datetime::{DateOrder, stamp_of};
use crate::*;

/// A Microsoft Forms-like workbook: a title row left empty, the table
/// from B2, typed cells, an error value, a second sheet.
pub(super) fn forms_xlsx() -> Vec<u8> {
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
fn an_old_xls_is_read() {
    // Written by tests/fixtures/make-xls.py.
    let bytes = include_bytes!("../../tests/fixtures/responses.xls");
    let t = read(bytes, "responses.xls", &opts()).unwrap();
    assert_eq!(t.format(), Format::Xls);
    assert_eq!(
        t.source(),
        &Source::Workbook {
            sheet: "Form1".into(),
            sheets: vec!["Form1".into(), "Notes".into()]
        }
    );
    let day = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
    let first: Vec<Value> = t.rows()[0].cells.iter().map(|c| c.value.clone()).collect();
    assert_eq!(
        first,
        [
            Value::DateTime(day.and_hms_opt(9, 41, 12).unwrap()),
            Value::Text("zoe@x.org".into()),
            Value::Text("Zoë Seán".into()),
            Value::Number(4.0),
            Value::Bool(true),
        ]
    );
    assert_eq!(
        t.rows()[1].cells[1].place.to_string(),
        "responses.xls: sheet \"Form1\", row 4, column B (\"Email\")"
    );
    // Named .csv, it is still a workbook.
    assert_eq!(
        read(bytes, "responses.csv", &opts()).unwrap().format(),
        Format::Xls
    );
}

#[test]
fn a_far_away_cell_costs_one_cell() {
    // calamine's dense range would hold 17 billion cells for this sheet;
    // the stream holds two rows.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Email").unwrap();
    sheet.write_string(1_048_575, 16_383, "far").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let t = read(&bytes, "far.xlsx", &opts()).unwrap();
    let row = &t.rows()[0];
    assert_eq!(row.cells.len(), 16_384);
    assert_eq!(
        row.cells[16_383].place.to_string(),
        "far.xlsx: sheet \"Sheet1\", row 1048576, column XFD"
    );
}

#[test]
fn an_empty_sheet_is_named() {
    let mut book = Workbook::new();
    book.add_worksheet();
    book.add_worksheet().write_string(0, 0, "Email").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    match read(&bytes, "r.xlsx", &opts()) {
        Err(SheetError::Empty { sheet, .. }) => assert_eq!(sheet.as_deref(), Some("Sheet1")),
        other => panic!("{other:?}"),
    }
    let mut o = opts();
    o.sheet = Some("Sheet2".into());
    assert_eq!(
        read(&bytes, "r.xlsx", &o)
            .unwrap()
            .header_texts()
            .collect::<Vec<_>>(),
        ["Email"]
    );
}
