//! Text as Excel and Google really write it: Windows-1252 (Excel's default
//! "CSV (Comma delimited)"), UTF-16 with its mark ("Unicode Text"),
//! Google's own download with `GMT-6` after every time; and answers that
//! are only partly understood.

use super::MAP;
use crate::support::Test;

// Broke: Excel's default CSV is Windows-1252, and `Seán` was refused as
// not UTF-8; `Seán O'Brien` became `sean-o-brien`.
#[test]
fn a_windows_1252_export_is_read_and_says_so() {
    // 0xE1 is á, 0x92 Excel's typographic apostrophe in Windows-1252.
    let mut csv = b"Timestamp,Email,Name,Department,Hired,Manager,Availability\r\n".to_vec();
    csv.extend(
        b"11/3/2026 9:41,sean@x.org,Se\xe1n O'Brien,Circulation,4/2/2012,No,Tuesday afternoon\r\n",
    );
    csv.extend(b"11/3/2026 9:45,cait@x.org,Cait\xedn O\x92Neill,Circulation,4/2/2012,No,Monday morning\r\n");
    let run = Test::program()
        .file("responses.csv", csv)
        .file("m.toml", MAP)
        .args(["apply", "--from", "responses.csv", "--map", "m.toml"])
        .run()
        .ok()
        .stderr_is("read responses.csv as Windows-1252\n2 rows: 2 added, 0 updated, 0 unchanged\n");
    assert!(
        run.read("participants/sean-obrien.yaml")
            .starts_with("name: Seán O'Brien\n")
    );
    assert!(
        run.read("participants/caitin-oneill.yaml")
            .starts_with("name: \"Caitín O\u{2019}Neill\"\n")
    );
}

#[test]
fn a_utf16_tab_separated_export_is_read_and_says_so() {
    // Excel's "Unicode Text": UTF-16LE with its mark, tabs between cells.
    let text = "Timestamp\tEmail\tName\tDepartment\tHired\tManager\tAvailability\r\n11/3/2026 9:41\tzoe@x.org\tZoë Adams\tCirculation\t2010-09-15\tNo\tThursday morning\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let run = Test::program()
        .file("responses.txt", bytes)
        .file("m.toml", MAP)
        .args(["apply", "--from", "responses.txt", "--map", "m.toml"])
        .run()
        .ok()
        .stderr_is("read responses.txt as UTF-16LE\n1 row: 1 added, 0 updated, 0 unchanged\n");
    assert!(
        run.read("participants/zoe-adams.yaml")
            .contains("availability: [thu-am]\n")
    );
}

// Broke: Google Forms' "Download responses (.csv)" writes
// `2026/11/03 9:41:12 AM GMT-6`, and every row was refused ("has a time
// that cannot be read"), nothing written.
#[test]
fn a_google_download_with_zones_is_converted_to_the_program_zone() {
    let program = "[program]\nname = \"P\"\nstarts = 2027-01-01\nends = 2027-12-31\ntimezone = \"America/New_York\"\n";
    // 11:30 PM at GMT-6 is 00:30 the next day in New York (EST, UTC-5).
    // Ana answered twice: 9:00 AM GMT-6 (15:00 UTC) is later than
    // 10:00 AM GMT+5:30 (04:30 UTC), whatever the clocks read.
    let csv = "Timestamp,Email,Name,Department,Hired,Manager,Availability\n\
               2026/11/03 9:41:12 AM GMT-6,bo@x.org,Bo Chen,Circulation,2012/04/02,No,Monday morning\n\
               2026/11/03 11:30:00 PM GMT-6,cy@x.org,Cy Diaz,Circulation,2012/04/02,No,Monday morning\n\
               2026/11/05 9:00:00 AM GMT-6,ana@x.org,Ana Ruiz,Circulation,2012/04/02,No,Friday evening\n\
               2026/11/05 10:00:00 AM GMT+5:30,ana@x.org,Ana Ruiz,Circulation,2012/04/02,No,Monday morning\n\
               2026-11-06T14:00:00Z,di@x.org,Di Evans,Circulation,2012/04/02,No,Monday morning\n";
    let run = Test::new()
        .file("program.toml", program)
        .file("responses.csv", csv)
        .file("m.toml", MAP)
        .args(["apply", "--from", "responses.csv", "--map", "m.toml", "-v"])
        .run()
        .ok();
    assert!(
        run.stderr.starts_with(
            "ana@x.org sent the form 2 times (rows 4, 5); row 4, the latest, is used\n"
        ),
        "{}",
        run.stderr
    );
    let applied = |id: &str| {
        let text = run.read(&format!("participants/{id}.yaml"));
        text.lines()
            .find_map(|l| l.strip_prefix("applied: ").map(str::to_string))
            .unwrap()
    };
    assert_eq!(applied("bo-chen"), "2026-11-03");
    assert_eq!(applied("cy-diaz"), "2026-11-04");
    assert_eq!(applied("di-evans"), "2026-11-06");
    assert!(
        run.read("participants/ana-ruiz.yaml")
            .contains("availability: [fri-eve]\n")
    );
    // A zone word that cannot be known is a row error that names it.
    let bad = "Timestamp,Email,Name,Department\n2026/11/03 9:41:12 AM GMT-6 Mars,bo@x.org,Bo Chen,Circulation\n";
    Test::program()
        .file("responses.csv", bad)
        .file("m.toml", "applied = \"Timestamp\"\nemail = \"Email\"\nname = \"Name\"\ndepartment = \"Department\"\n")
        .args(["apply", "--from", "responses.csv", "--map", "m.toml"])
        .run()
        .code(1)
        .stderr_is("error: responses.csv:2:1: row 2, \"Timestamp\": `2026/11/03 9:41:12 AM GMT-6 Mars`: the time zone `GMT-6 Mars` is not known; write it as UTC, GMT-6, GMT+5:30, -06:00 or a name such as America/Chicago
 2 | 2026/11/03 9:41:12 AM GMT-6 Mars,bo@x.org,Bo Chen,Circulation
   | ^
  = help: nothing was written; correct the rows (or the map) and run the import again, or give --skip-bad to import the good rows
");
}

// Broke: an availability "Other" answer such as `Saturday mornings before
// 10` stopped the whole import.
#[test]
fn availability_partly_understood_keeps_its_slots_and_notes_the_rest() {
    let csv = "Timestamp,Email,Name,Department,Hired,Manager,Availability\n\
               11/3/2026,a@x.org,Ana Ruiz,C,2012-04-02,No,\"Tuesday afternoon, Saturday mornings before 10\"\n\
               11/3/2026,b@x.org,Bo Chen,C,2012-04-02,No,Lunch on Fridays\n";
    let run = Test::program()
        .file("responses.csv", csv)
        .file("m.toml", MAP)
        .args([
            "apply",
            "--from",
            "responses.csv",
            "--map",
            "m.toml",
            "--skip-bad",
        ])
        .run()
        .ok();
    assert_eq!(
        run.stderr,
        "warning: responses.csv:2:44: row 2, \"Availability\": `Saturday mornings before 10`: `before` is not a day or a part of the day (morning, afternoon, evening); kept tue-pm, sat-am and wrote the answer to availability_note
 2 | 11/3/2026,a@x.org,Ana Ruiz,C,2012-04-02,No,\"Tuesday afternoon, Saturday mornings before 10\"
   |                                            ^
skipped: responses.csv:3:43: row 3, \"Availability\": `Lunch on Fridays`: `lunch` is not a day or a part of the day (morning, afternoon, evening)
 3 | 11/3/2026,b@x.org,Bo Chen,C,2012-04-02,No,Lunch on Fridays
   |                                           ^
2 rows: 1 added, 0 updated, 0 unchanged, 1 skipped
"
    );
    assert_eq!(
        run.read("participants/ana-ruiz.yaml"),
        "name: Ana Ruiz\nemail: a@x.org\nrole: mentee\ndepartment: C\nhired: 2012-04-02\nmanager: false\napplied: 2026-11-03\navailability: [tue-pm, sat-am]\navailability_note: Saturday mornings before 10\n"
    );
    // The note is part of the record: check reads it back.
    run.then().args(["check"]).run().ok();
}
