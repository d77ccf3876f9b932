//! What participants wrote reaches terminals and spreadsheets: control,
//! escape and bidi characters shown visibly, formulas neutralised.

use super::{assert_shown_visibly, cmd, write};
use crate::support::Test;

/// Clear the screen, retitle the window (ended by BEL), reverse the text.
const PAYLOAD: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}";

/// The payload as a YAML double-quoted escape sequence.
const PAYLOAD_YAML: &str = "\\e[2J\\e]0;pwned\\a\\u202E";

/// Whether a spreadsheet would run `cell` as a formula once the control
/// characters it ignores are gone.
fn runs_as_formula(cell: &str) -> bool {
    let visible: String = cell.chars().filter(|c| !c.is_control()).collect();
    let number = visible.parse::<f64>().is_ok();
    visible.starts_with(['=', '+', '-', '@']) && !number && !cell.starts_with('\'')
}

/// Every cell of a CSV text is safe to open in a spreadsheet.
fn assert_safe_csv(text: &str, what: &str) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut cells = 0;
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            cells += 1;
            assert!(
                !runs_as_formula(cell),
                "{what}: the cell {:?} runs as a formula",
                cell
            );
        }
    }
    assert!(cells > 0, "{what}: no cells");
}

// Broke: a name `\0=HYPERLINK(…)` was exported unprefixed: the NUL hid the
// `=` from the check, and LibreOffice dropped the NUL and ran the formula.
// It arrives from a Forms answer too.
#[test]
fn csv_cell_starting_with_nul_then_a_formula_is_neutralised() {
    let t = Test::example("career-development");
    let dir = t.path();
    // Unscreened, every mentee is in the cohort, the new ones too.
    std::fs::remove_file(dir.join("screening.yaml")).unwrap();
    write(
        dir,
        "participants/nul-payload.yaml",
        "name: \"\\0=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"\nemail: nul@x.org\nrole: mentee\ndepartment: \"\\x01+cmd|' /C calc'!A0\"\nposition: \"\\x7f@SUM(A1:A9)\"\nhired: 2010-01-04\napplied: 2015-11-20\n",
    );
    write(
        dir,
        "form.csv",
        "Timestamp,Email Address,Full name,Department\n11/20/2015 10:00:00,nul2@x.org,\0=HYPERLINK(\"http://evil.example\"),\t-2+3\n",
    );
    write(
        dir,
        "form-map.toml",
        "name = \"Full name\"\nemail = \"Email Address\"\ndepartment = \"Department\"\napplied = \"Timestamp\"\n",
    );
    cmd(
        dir,
        &["apply", "--from-csv", "form.csv", "--map", "form-map.toml"],
    )
    .finished();
    for args in [
        &["list", "participants", "--format", "csv"][..],
        &["progress", "--format", "csv"],
        &["screen", "--format", "csv", "--dry-run"],
    ] {
        let run = cmd(dir, args).ok();
        assert!(run.stdout.contains("HYPERLINK") || args[0] == "screen");
        assert_safe_csv(&run.stdout, &args.join(" "));
    }
}

// Broke: an import error quoted the CSV row as it was: escape sequences in
// an answer cleared the screen and retitled the window.
#[test]
fn escapes_in_an_import_error_are_shown_visibly() {
    let t = Test::example("career-development");
    let dir = t.path();
    write(
        dir,
        "form.csv",
        format!(
            "Timestamp,Email Address,Full name,Department,Date you started at the library\n\
             11/20/2015 10:00:00,evil@x.org,Evil {PAYLOAD} Name,Circulation,{PAYLOAD}soon\n"
        ),
    );
    write(
        dir,
        "form-map.toml",
        "name = \"Full name\"\nemail = \"Email Address\"\ndepartment = \"Department\"\nhired = \"Date you started at the library\"\napplied = \"Timestamp\"\n",
    );
    let run = cmd(
        dir,
        &["apply", "--from-csv", "form.csv", "--map", "form-map.toml"],
    )
    .code(1);
    assert_shown_visibly(&run.stderr, "Evil", "apply --from-csv");
}

// Broke: `check` quoted the source line of a problem as it was, escape
// sequences and bidi overrides included.
#[test]
fn escapes_in_a_quoted_source_line_are_shown_visibly() {
    let t = Test::example("career-development");
    let dir = t.path();
    write(
        dir,
        "participants/evil.yaml",
        format!(
            "name: Evil\nemail: evil@x.org\nrole: mentee\ndepartment: Circulation\ndepartmnet: x {PAYLOAD} y\n"
        ),
    );
    let run = cmd(dir, &["check"]).code(1);
    assert_shown_visibly(&run.stderr, "departmnet: x", "check");
}

// Broke: `match --explain` printed departments and competencies as written.
#[test]
fn escapes_in_match_explain_are_shown_visibly() {
    let t = Test::example("career-development");
    let dir = t.path();
    let rel = "participants/maria-gonzalez.yaml";
    let text = std::fs::read_to_string(dir.join(rel)).unwrap();
    write(
        dir,
        rel,
        text.replace(
            "department: Circulation",
            &format!("department: \"Circ{PAYLOAD_YAML}ulation\""),
        ),
    );
    cmd(dir, &["screen"]).ok();
    let run = cmd(dir, &["match", "--explain", "maria-gonzalez"]).ok();
    assert_shown_visibly(&run.stdout, "Circ", "match --explain");
}

// Broke: `progress --evidence` printed survey question names (keys people
// wrote) as they were.
#[test]
fn escapes_in_progress_evidence_are_shown_visibly() {
    let t = Test::example("career-development");
    let dir = t.path();
    let rel = "participants/maria-gonzalez.yaml";
    let text = std::fs::read_to_string(dir.join(rel)).unwrap();
    let key = format!("\"morale{PAYLOAD_YAML}check\"");
    write(
        dir,
        rel,
        text.replace("  pre: {", &format!("  pre: {{{key}: 3, "))
            .replace("  post: {", &format!("  post: {{{key}: 4, ")),
    );
    let run = cmd(dir, &["progress", "--evidence"]).ok();
    assert_shown_visibly(
        &format!("{}{}", run.stdout, run.stderr),
        "morale",
        "progress --evidence",
    );
}

// Broke: `schedule` printed a location edited into a session ("keeps
// location `…`") as it was.
#[test]
fn escapes_in_schedule_messages_are_shown_visibly() {
    let t = Test::example("career-development");
    let dir = t.path();
    let rel = "sessions/2016-10-11-reflections-celebration.yaml";
    let text = std::fs::read_to_string(dir.join(rel)).unwrap();
    write(
        dir,
        rel,
        text.replace(
            "location: Central Library, Meeting Room B",
            &format!("location: \"Annex {PAYLOAD_YAML} room\""),
        ),
    );
    let run = cmd(dir, &["schedule"]).ok();
    assert_shown_visibly(&run.stderr, "Annex", "schedule");
}

// Broke: the terminal table replaced control characters, but a bidi
// override (U+202E, not a control character) went through and reversed
// the rest of the line.
#[test]
fn a_bidi_override_in_a_listed_name_is_shown_visibly() {
    let t = Test::example("career-development");
    write(
        t.path(),
        "participants/bidi.yaml",
        "name: \"Evil \\u202Egnp.exe\"\nemail: bidi@x.org\nrole: mentee\ndepartment: Circulation\n",
    );
    let run = cmd(t.path(), &["list", "participants"]).ok();
    assert_shown_visibly(&run.stdout, "Evil", "list participants");
}

// Broke: JSON listings escaped C0 controls (serde_json does) but let DEL,
// C1 controls and bidi overrides through raw. They are written as `\u`
// escapes now, which read back as the same text.
#[test]
fn json_listings_escape_bidi_and_c1_characters() {
    let t = Test::example("career-development");
    write(
        t.path(),
        "participants/bidi.yaml",
        "name: \"Evil \\u202Egnp\\x7F\\x9B.exe\"\nemail: bidi@x.org\nrole: mentee\ndepartment: Circulation\n",
    );
    let run = cmd(t.path(), &["list", "participants", "--format", "json"]).ok();
    let bad: Vec<char> = run
        .stdout
        .chars()
        .filter(|&c| super::is_unsafe_for_terminal(c))
        .collect();
    assert!(bad.is_empty(), "raw {bad:?} in the JSON");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert!(
        rows.iter()
            .any(|r| r["name"] == "Evil \u{202e}gnp\u{7f}\u{9b}.exe"),
        "the name does not read back as written"
    );
}
