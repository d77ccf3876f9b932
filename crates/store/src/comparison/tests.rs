use super::*;

/// A program folder naming `staff` (written as `bytes`) as its comparison.
fn folder_with(staff: &str, bytes: &[u8]) -> (tempfile::TempDir, Folder) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("program.toml"),
        format!(
            "[program]\nname = \"P\"\nstarts = 2016-01-01\nends = 2016-12-31\ntimezone = \"America/Chicago\"\n\n[evaluation]\ncomparison = \"{staff}\"\n"
        ),
    )
    .unwrap();
    std::fs::write(dir.path().join(staff), bytes).unwrap();
    let (folder, _) = crate::load_all(dir.path()).unwrap();
    (dir, folder.unwrap())
}

#[test]
fn semicolons_tabs_and_windows_1252_are_read_and_told() {
    // Excel's "CSV (Comma delimited)" in a European locale: `;` between
    // cells, `Seán` in Windows-1252 (0xE1 is á).
    let semicolon = b"Name;Email;Hired;Promoted\r\nSe\xe1n Ryan;sean@x.org;2010-03-01;2014-05-01\r\n;;;\r\nBo;bo@x.org;2012-01-09;\r\n";
    let (_dir, folder) = folder_with("staff.csv", semicolon);
    let (name, staff, note) = load_noted(&folder).unwrap().unwrap();
    assert_eq!(name, "staff.csv");
    assert_eq!(note.as_deref(), Some("read staff.csv as Windows-1252"));
    let names: Vec<Option<&str>> = staff.iter().map(|s| s.name.as_deref()).collect();
    assert_eq!(names, [Some("Seán Ryan"), Some("Bo")]);
    assert_eq!(staff[0].line, 2);
    assert_eq!(
        staff[1].line, 4,
        "the blank row is skipped, lines still count"
    );
    assert_eq!(staff[0].promoted, NaiveDate::from_ymd_opt(2014, 5, 1));

    let tab = "Email\tHire date\tLeft\na@x.org\t2011-02-03\t\nb@x.org\t2011-02-03\t2010-01-01\n";
    let (_dir, folder) = folder_with("staff.tsv", tab.as_bytes());
    let problems = load(&folder).unwrap_err();
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        text,
        ["staff.tsv:3: Left: left 2010-01-01, before being hired (2011-02-03)"]
    );
    assert!(load_noted(&folder).is_err());
}

#[test]
fn a_utf16_file_is_read_and_a_missing_one_points_at_program_toml() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "hired,email\n2015-06-01,zoë@x.org\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let (_dir, folder) = folder_with("staff.csv", &bytes);
    let (_, staff, note) = load_noted(&folder).unwrap().unwrap();
    assert_eq!(note.as_deref(), Some("read staff.csv as UTF-16LE"));
    assert_eq!(staff[0].email.as_deref(), Some("zoë@x.org"));

    let (dir, folder) = folder_with("staff.csv", b"hired\n");
    std::fs::remove_file(dir.path().join("staff.csv")).unwrap();
    let problems = load(&folder).unwrap_err();
    assert_eq!(
        problems[0].to_string(),
        "program.toml:8:1: staff.csv cannot be read: it is missing, or a link to nothing\n 8 | comparison = \"staff.csv\"\n   | ^\n  = help: put the comparison group's CSV there (columns hired, promoted, left), or remove the key"
    );
}

#[test]
fn certification_cells_give_their_dates() {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(certification_dates(""), Ok(vec![]));
    assert_eq!(
        certification_dates("Notary (2018-01-02); ALA CLSS: 2017-05-12 ;2019-03-04"),
        Ok(vec![
            day("2017-05-12"),
            day("2018-01-02"),
            day("2019-03-04")
        ])
    );
    assert_eq!(
        certification_dates("CLSS: 2017-05-12; CPR"),
        Err("CPR".to_string())
    );
    assert_eq!(certification_dates("é"), Err("é".to_string()));
}
