//! Semicolons (a spreadsheet saved in a European locale) and tabs (a TSV
//! download) between cells, in each of the three readers: `apply`,
//! `survey import` and the `[evaluation] comparison` staff file. Each gives
//! what the comma file gives.

use super::MAP;
use crate::support::Test;

/// The same rows with `sep` between cells (no cell holds one).
fn joined(rows: &[&[&str]], sep: &str) -> String {
    rows.iter()
        .map(|r| format!("{}\r\n", r.join(sep)))
        .collect()
}

const APPLICANTS: &[&[&str]] = &[
    &[
        "Timestamp",
        "Email",
        "Name",
        "Department",
        "Hired",
        "Manager",
        "Availability",
    ],
    &[
        "11/3/2026 9:41",
        "ana@x.org",
        "Ana Ruiz",
        "Circulation",
        "2012-04-02",
        "Yes",
        "Tuesday afternoon",
    ],
    &[
        "11/4/2026 10:00",
        "bo@x.org",
        "Bo Chen",
        "Youth Services",
        "2010-09-15",
        "No",
        "Friday evening",
    ],
];

#[test]
fn apply_reads_comma_semicolon_and_tab_exports_alike() {
    let mut seen = Vec::new();
    for sep in [",", ";", "\t"] {
        let run = Test::program()
            .file("responses.csv", joined(APPLICANTS, sep))
            .file("m.toml", MAP)
            .args(["apply", "--from", "responses.csv", "--map", "m.toml"])
            .run()
            .ok()
            .stderr_is("2 rows: 2 added, 0 updated, 0 unchanged\n");
        seen.push((
            run.read("participants/ana-ruiz.yaml"),
            run.read("participants/bo-chen.yaml"),
        ));
    }
    assert!(seen[0].0.contains("manager: true\n"), "{}", seen[0].0);
    assert_eq!(seen[0], seen[1], "semicolons");
    assert_eq!(seen[0], seen[2], "tabs");
}

#[test]
fn survey_import_reads_semicolon_and_tab_exports_alike() {
    let rows: &[&[&str]] = &[
        &["Timestamp", "Email", "How confident are you?"],
        &["1/12/2026", "ana@x.org", "Very"],
        &["1/12/2026", "nobody@x.org", "Somewhat"],
    ];
    let map = "email = \"Email\"\n[questions]\nconfidence = \"How confident are you?\"\n[answers]\nVery = 5\nSomewhat = 3\n";
    for sep in [";", "\t"] {
        let run = Test::program()
            .file(
                "participants/ana.yaml",
                "name: Ana\nemail: ana@x.org\nrole: mentee\ndepartment: C\n",
            )
            .file("post.csv", joined(rows, sep))
            .file("map.toml", map)
            .args([
                "survey",
                "import",
                "post",
                "--from-csv",
                "post.csv",
                "--map",
                "map.toml",
            ])
            .run()
            .ok()
            .stdout_is("survey post: 1 person updated, 0 already up to date, 1 row not matched\n")
            .stderr_is(
                "warning: post.csv:3: no participant has the email nobody@x.org; row skipped\n",
            );
        assert!(
            run.read("participants/ana.yaml")
                .ends_with("surveys:\n  post:\n    confidence: 5\n")
        );
    }
}

#[test]
fn the_comparison_file_gives_the_same_evidence_in_any_delimiter_and_encoding() {
    let evidence = ["progress", "--evidence", "--format", "json"];
    let comma = Test::example("career-development")
        .args(evidence)
        .run()
        .ok();
    let staff = std::fs::read_to_string(
        crate::support::repo().join("examples/career-development/staff.csv"),
    )
    .unwrap();
    assert!(!staff.contains(';') && !staff.contains('\t'));
    for sep in [";", "\t"] {
        let text = staff.replace(',', sep);
        let run = Test::example("career-development")
            .file("staff.csv", &text)
            .args(evidence)
            .run()
            .ok();
        assert_eq!(run.stdout, comma.stdout, "the evidence with {sep:?}");
        assert_eq!(run.stderr, comma.stderr);
    }
    // Saved by Excel in Windows-1252 (0xC1 is Á): the same figures, and it
    // says so.
    let (head, tail) = staff.split_once("Angela").unwrap();
    let mut latin: Vec<u8> = head.replace(',', ";").into_bytes();
    latin.push(0xC1);
    latin.extend(format!("ngela{}", tail.replace(',', ";")).into_bytes());
    let run = Test::example("career-development")
        .file("staff.csv", latin)
        .args(evidence)
        .run()
        .ok();
    assert_eq!(run.stdout, comma.stdout);
    assert_eq!(
        run.stderr,
        format!("note: read staff.csv as Windows-1252\n{}", comma.stderr)
    );
    // A bad date in a tab file is named by its line and column.
    let bad = staff
        .replace(',', "\t")
        .replacen("2009-04-13", "13/04/2009", 1);
    Test::example("career-development")
        .file("staff.csv", bad)
        .args(["check"])
        .run()
        .code(1)
        .stderr_is(
            "error: staff.csv:2: hired: `13/04/2009` is not a date; write it as YYYY-MM-DD\n",
        );
}
