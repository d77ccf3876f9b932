//! `.xlsx` workbooks made here as Microsoft Forms makes them: date cells
//! used as dates, the first sheet unless `--sheet`, problems named by
//! sheet, row and column letter.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::MAP;
use crate::support::Test;

/// A Microsoft Forms download: the answers on "Form1" (typed cells: a
/// completion time and a hire date as dates, a Yes/No as a boolean), a
/// second sheet "Late answers" with one more person. `manager` is what the
/// second person answered for "Manager".
fn forms_workbook(manager: &str) -> Vec<u8> {
    let mut book = Workbook::new();
    let stamp = Format::new().set_num_format("m/d/yy h:mm:ss");
    let day = Format::new().set_num_format("m/d/yyyy");
    let header = [
        "ID",
        "Timestamp",
        "Email",
        "Name",
        "Department",
        "Manager",
        "Hired",
        "Availability",
    ];
    let sheet = book.add_worksheet();
    sheet.set_name("Form1").unwrap();
    for (i, h) in header.iter().enumerate() {
        sheet.write_string(0, i as u16, *h).unwrap();
    }
    /// Email, name, hire date, availability.
    type Answer<'a> = (&'a str, &'a str, (u16, u8, u8), &'a str);
    let rows: [Answer<'_>; 2] = [
        (
            "sean@x.org",
            "Seán O'Brien",
            (2012, 4, 2),
            "Tuesday afternoon",
        ),
        ("zoe@x.org", "Zoë Adams", (2010, 9, 15), "Thursday morning"),
    ];
    for (r, (email, name, (y, m, d), slots)) in rows.iter().enumerate() {
        let row = r as u32 + 1;
        let done = ExcelDateTime::from_ymd(2026, 11, 3 + r as u8)
            .unwrap()
            .and_hms(14, 5, 0)
            .unwrap();
        let hired = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
        sheet.write_number(row, 0, f64::from(row)).unwrap();
        sheet
            .write_datetime_with_format(row, 1, &done, &stamp)
            .unwrap();
        sheet.write_string(row, 2, *email).unwrap();
        sheet.write_string(row, 3, *name).unwrap();
        sheet.write_string(row, 4, "Circulation").unwrap();
        if r == 0 {
            sheet.write_boolean(row, 5, false).unwrap();
        } else {
            sheet.write_string(row, 5, manager).unwrap();
        }
        sheet
            .write_datetime_with_format(row, 6, &hired, &day)
            .unwrap();
        sheet.write_string(row, 7, *slots).unwrap();
    }
    let late = book.add_worksheet();
    late.set_name("Late answers").unwrap();
    for (i, h) in header.iter().enumerate() {
        late.write_string(0, i as u16, *h).unwrap();
    }
    late.write_number(1, 0, 3).unwrap();
    late.write_string(1, 1, "11/20/2026 9:00").unwrap();
    late.write_string(1, 2, "bo@x.org").unwrap();
    late.write_string(1, 3, "Bo Chen").unwrap();
    late.write_string(1, 4, "Youth Services").unwrap();
    late.write_string(1, 5, "No").unwrap();
    late.write_string(1, 6, "2014-03-01").unwrap();
    late.write_string(1, 7, "Friday evening").unwrap();
    book.save_to_buffer().unwrap()
}

// Broke: `apply --from-csv responses.xlsx` said the file "is not UTF-8"
// and advised saving it as UTF-8, never that it is a workbook.
#[test]
fn an_xlsx_is_read_with_its_date_cells_as_dates() {
    let run = Test::program()
        .file("responses.xlsx", forms_workbook("No"))
        .file("m.toml", MAP)
        .args(["apply", "--from", "responses.xlsx", "--map", "m.toml"])
        .run()
        .ok()
        .stderr_is("2 rows: 2 added, 0 updated, 0 unchanged\n");
    assert_eq!(
        run.read("participants/sean-obrien.yaml"),
        "name: Seán O'Brien\nemail: sean@x.org\nrole: mentee\ndepartment: Circulation\nhired: 2012-04-02\nmanager: false\napplied: 2026-11-03\navailability: [tue-pm]\n"
    );
    let zoe = run.read("participants/zoe-adams.yaml");
    assert!(
        zoe.contains("hired: 2010-09-15\n") && zoe.contains("applied: 2026-11-04\n"),
        "{zoe}"
    );
}

#[test]
fn sheet_names_another_sheet_and_a_wrong_one_is_named_back() {
    let run = Test::program()
        .file("responses.xlsx", forms_workbook("No"))
        .file("m.toml", MAP)
        .args([
            "apply",
            "--from",
            "responses.xlsx",
            "--sheet",
            "Late answers",
            "--map",
            "m.toml",
        ])
        .run()
        .ok();
    assert!(run.exists("participants/bo-chen.yaml"));
    assert!(!run.exists("participants/sean-obrien.yaml"));
    let bo = run.read("participants/bo-chen.yaml");
    assert!(bo.contains("applied: 2026-11-20\n"), "{bo}");
    run.then()
        .args([
            "apply",
            "--from",
            "responses.xlsx",
            "--sheet",
            "Late answer",
            "--map",
            "m.toml",
        ])
        .run()
        .code(1)
        .stderr_is(
            "error: responses.xlsx: has no sheet \"Late answer\"\n  = help: did you mean \"Late answers\"?\n",
        );
}

#[test]
fn a_bad_cell_of_a_workbook_is_named_by_sheet_row_and_column() {
    let run = Test::program()
        .file("responses.xlsx", forms_workbook("Sometimes"))
        .file("m.toml", MAP)
        .args(["apply", "--from", "responses.xlsx", "--map", "m.toml"])
        .run()
        .code(1)
        .stderr_is(
            "error: responses.xlsx: sheet \"Form1\", row 3, column F (\"Manager\"): `Sometimes` is not yes or no\n  = help: nothing was written; correct the rows (or the map) and run the import again, or give --skip-bad to import the good rows\n",
        );
    assert!(!run.exists("participants"));
}

#[test]
fn a_survey_comes_in_from_a_workbook() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Form1").unwrap();
    for (i, h) in ["Email", "How confident are you?"].iter().enumerate() {
        sheet.write_string(0, i as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "ana@x.org").unwrap();
    sheet.write_number(1, 1, 4).unwrap();
    sheet.write_string(2, 0, "ana@x.org").unwrap();
    sheet.write_string(2, 1, "Very").unwrap();
    let map = "email = \"Email\"\n[questions]\nconfidence = \"How confident are you?\"\n[answers]\nVery = 5\nSomewhat = 3\n";
    let run = Test::program()
        .file(
            "participants/ana.yaml",
            "name: Ana\nemail: ana@x.org\nrole: mentee\ndepartment: C\n",
        )
        .file("post.xlsx", book.save_to_buffer().unwrap())
        .file("map.toml", map)
        .args(["survey", "import", "post", "--from", "post.xlsx", "--map", "map.toml"])
        .run()
        .ok()
        .stdout_is("survey post: 1 person updated, 0 already up to date, 0 rows not matched\n")
        .stderr_is("warning: post.xlsx: sheet \"Form1\", row 2: ana@x.org answered again on row 3; the later answers count\n");
    assert!(
        run.read("participants/ana.yaml")
            .ends_with("surveys:\n  post:\n    confidence: 5\n"),
        "{}",
        run.read("participants/ana.yaml")
    );
}
