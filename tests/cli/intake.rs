//! `apply`: one person from flags, and Google and Microsoft Forms exports
//! through a map, with every quirk real exports carry.

use crate::support::{Test, repo};

/// A fixture from `tests/fixtures/intake/`.
fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(repo().join("tests/fixtures/intake").join(name)).unwrap()
}

/// A program folder with the fixtures beside program.toml.
fn with_fixtures(t: Test) -> Test {
    let mut t = t;
    for name in [
        "google.csv",
        "google-map.toml",
        "microsoft.csv",
        "microsoft-map.toml",
        "bad.csv",
        "bad-map.toml",
    ] {
        t = t.file(name, fixture(name));
    }
    t
}

/// The Google import, with a line per person (`--verbose`).
const GOOGLE: [&str; 6] = [
    "apply",
    "--from-csv",
    "google.csv",
    "--map",
    "google-map.toml",
    "--verbose",
];

#[test]
fn google_export_with_every_quirk() {
    let run = with_fixtures(Test::program()).args(GOOGLE).run().ok();
    assert_eq!(
        run.stderr,
        "Ana.Ruiz@anytownlibrary.org sent the form 2 times (rows 2, 5); row 5, the latest, is used
deshawn.miller@anytownlibrary.org sent the form 2 times (rows 4, 7); row 4, the latest, is used
added ana-ruiz (row 5)
added bo-chen (row 3)
added deshawn-miller (row 4)
added jose-nunez (row 6)
added ana-ruiz-2 (row 9)
8 rows: 5 added, 0 updated, 0 unchanged, 1 blank
"
    );
    // The resubmission's answers, the first submission's date; checkbox
    // answers split; availability in words; a timestamp as the date applied.
    assert_eq!(
        run.read("participants/ana-ruiz.yaml"),
        "name: Ana Ruiz
email: Ana.Ruiz@anytownlibrary.org
role: mentee
department: Circulation
position: Library Assistant II
branch: Central Library
hired: 2014-09-15
manager: false
degrees: [BA]
applied: 2015-11-02
availability: [tue-pm, fri-am]
career_goal: Plan adult programs.
motivation: \"Resubmitted: I was promoted.\"
"
    );
    // Empty cells leave fields out; Yes is true; dots in degrees are kept as written.
    assert_eq!(
        run.read("participants/bo-chen.yaml"),
        "name: Bo Chen
email: bo.chen@anytownlibrary.org
role: mentee
department: Technical Services
hired: 2010-03-01
manager: true
degrees: [BS, M.L.I.S.]
applied: 2015-11-03
availability: [mon-eve]
"
    );
    // The later timestamp wins even when its row comes first.
    let deshawn = run.read("participants/deshawn-miller.yaml");
    assert!(
        deshawn.contains("position: Youth Services Associate\n"),
        "{deshawn}"
    );
    assert!(
        deshawn.contains("availability: [wed-am, wed-pm]\n"),
        "{deshawn}"
    );
    // Accents folded in the id, spaces in the name tidied.
    let jose = run.read("participants/jose-nunez.yaml");
    assert!(jose.starts_with("name: José Núñez\n"), "{jose}");
    assert!(
        jose.contains("availability: [tue-eve, thu-eve]\n"),
        "{jose}"
    );
    assert!(run.exists("participants/ana-ruiz-2.yaml"));
}

#[test]
fn quoted_cells_with_line_breaks_and_quotes_survive() {
    // Row 2 alone (no resubmission) keeps its two-line answer with quotes.
    let csv = String::from_utf8(fixture("google.csv")).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    let only_first = format!("{}\r\n{}\r\n{}\r\n", lines[0], lines[1], lines[2]);
    let run = with_fixtures(Test::program())
        .file("google.csv", only_first)
        .args(GOOGLE)
        .run()
        .ok();
    let ana = run.read("participants/ana-ruiz.yaml");
    assert!(
        ana.ends_with(
            "motivation: |-\n  I want to know what I am good at.\n  My supervisor said: \"apply!\"\n"
        ),
        "{ana}"
    );
    assert!(ana.contains("availability: [tue-pm, thu-am]\n"), "{ana}");
}

#[test]
fn importing_again_changes_nothing() {
    let run = with_fixtures(Test::program()).args(GOOGLE).run().ok();
    let before: Vec<String> = [
        "ana-ruiz",
        "bo-chen",
        "deshawn-miller",
        "jose-nunez",
        "ana-ruiz-2",
    ]
    .iter()
    .map(|id| run.read(&format!("participants/{id}.yaml")))
    .collect();
    let run = run.then().args(GOOGLE).run().ok();
    assert!(
        run.stderr
            .ends_with("8 rows: 0 added, 0 updated, 5 unchanged, 1 blank\n")
    );
    let after: Vec<String> = [
        "ana-ruiz",
        "bo-chen",
        "deshawn-miller",
        "jose-nunez",
        "ana-ruiz-2",
    ]
    .iter()
    .map(|id| run.read(&format!("participants/{id}.yaml")))
    .collect();
    assert_eq!(before, after);
    assert!(!run.exists("participants/ana-ruiz-3.yaml"));
}

#[test]
fn microsoft_export_through_a_map() {
    let run = with_fixtures(Test::program())
        .args([
            "apply",
            "--from-csv",
            "microsoft.csv",
            "--map",
            "microsoft-map.toml",
            "--verbose",
        ])
        .run()
        .ok();
    assert_eq!(
        run.stderr,
        "LIAM.OBRIEN@anytownlibrary.org sent the form 2 times (rows 2, 4); row 4, the latest, is used
added liam-obrien (row 4)
added priya-shah (row 3)
added mei-wong (row 5)
4 rows: 3 added, 0 updated, 0 unchanged
"
    );
    // `11/2/15 2:03:22 PM`, two-digit years, answers joined by `;`,
    // `Either` and `Online` as modalities.
    assert_eq!(
        run.read("participants/liam-obrien.yaml"),
        "name: Liam O'Brien
email: LIAM.OBRIEN@anytownlibrary.org
role: mentee
department: Circulation
position: Library Clerk
hired: 2014-11-30
manager: false
degrees: [BA]
applied: 2015-11-02
competencies: [Public speaking, Technology]
availability: [tue-pm, fri-eve]
modality: hybrid
"
    );
    let priya = run.read("participants/priya-shah.yaml");
    assert!(priya.contains("degrees: [BA, MLS]\n"), "{priya}");
    assert!(priya.ends_with("modality: virtual\n"), "{priya}");
}

#[test]
fn day_month_year_exports_need_the_option() {
    let csv = "Timestamp,Email Address,Full name,Department,Date you started at the library\n\
               25/11/2015 09:00:00,ana@x.org,Ana Ruiz,Circulation,15/9/2014\n";
    let map = "name = \"Full name\"\nemail = \"Email Address\"\ndepartment = \"Department\"\n\
               hired = \"Date you started at the library\"\napplied = \"Timestamp\"\n";
    let args = ["apply", "--from-csv", "a.csv", "--map", "m.toml"];
    Test::program()
        .file("a.csv", csv)
        .file("m.toml", map)
        .args(args)
        .run()
        .code(1)
        .stderr_is(
            "error: a.csv:2:1: row 2, \"Timestamp\": `25/11/2015 09:00:00` is not a date in month/day/year order (the map's dates = \"mdy\"); it reads as day/month/year: set dates = \"dmy\" in the map's [options]
 2 | 25/11/2015 09:00:00,ana@x.org,Ana Ruiz,Circulation,15/9/2014
   | ^
error: a.csv:2:52: row 2, \"Date you started at the library\": `15/9/2014` is not a date in month/day/year order (the map's dates = \"mdy\"); it reads as day/month/year: set dates = \"dmy\" in the map's [options]
 2 | 25/11/2015 09:00:00,ana@x.org,Ana Ruiz,Circulation,15/9/2014
   |                                                    ^
  = help: nothing was written; correct the rows (or the map) and run the import again, or give --skip-bad to import the good rows
2 problems found
",
        );
    let run = Test::program()
        .file("a.csv", csv)
        .file("m.toml", format!("{map}[options]\ndates = \"dmy\"\n"))
        .args(args)
        .run()
        .ok();
    let ana = run.read("participants/ana-ruiz.yaml");
    assert!(
        ana.contains("hired: 2014-09-15\n") && ana.contains("applied: 2015-11-25\n"),
        "{ana}"
    );
}

#[test]
fn a_bad_row_stops_the_import_and_names_row_and_column() {
    let run = with_fixtures(Test::program())
        .args(["apply", "--from-csv", "bad.csv", "--map", "bad-map.toml"])
        .run()
        .code(1);
    assert_eq!(
        run.stderr,
        "error: bad.csv:3:48: row 3, \"Date you started at the library\": `25/12/2014` is not a date in month/day/year order (the map's dates = \"mdy\"); it reads as day/month/year: set dates = \"dmy\" in the map's [options]
 3 | 11/3/2015 9:15:00,bo@x.org,Bo Chen,Circulation,25/12/2014,Sometimes,Tuesday lunch
   |                                                ^
error: bad.csv:3:59: row 3, \"Do you supervise staff?\": `Sometimes` is not yes or no
 3 | 11/3/2015 9:15:00,bo@x.org,Bo Chen,Circulation,25/12/2014,Sometimes,Tuesday lunch
   |                                                           ^
error: bad.csv:3:69: row 3, \"When could you meet?\": `Tuesday lunch`: `lunch` is not a day or a part of the day (morning, afternoon, evening)
 3 | 11/3/2015 9:15:00,bo@x.org,Bo Chen,Circulation,25/12/2014,Sometimes,Tuesday lunch
   |                                                                     ^
error: bad.csv:4:19: row 4, \"Email Address\": empty; every row needs an email
 4 | 11/4/2015 9:15:00,,Cy Diaz,,1/2/2013,No,Monday morning
   |                   ^
error: bad.csv:5:38: row 5, \"Department\": empty; di@x.org is new to the folder, and a new person needs a department
 5 | 11/5/2015 10:00:00,di@x.org,Di Evans,,1/2/2013,No,Monday morning
   |                                      ^
  = help: nothing was written; correct the rows (or the map) and run the import again, or give --skip-bad to import the good rows
5 problems found
"
    );
    assert!(!run.exists("participants"));
}

#[test]
fn skip_bad_imports_the_good_rows_and_says_what_it_skipped() {
    let run = with_fixtures(Test::program())
        .args([
            "apply",
            "--from-csv",
            "bad.csv",
            "--map",
            "bad-map.toml",
            "--skip-bad",
            "--verbose",
        ])
        .run()
        .ok();
    assert!(
        run.stderr
            .starts_with("skipped: bad.csv:3:48: row 3, \"Date you started"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("skipped: bad.csv:5:38: row 5, \"Department\": empty;")
    );
    assert!(
        run.stderr.ends_with(
            "added ana-ruiz (row 2)\n4 rows: 1 added, 0 updated, 0 unchanged, 3 skipped\n"
        ),
        "{}",
        run.stderr
    );
    let names: Vec<String> = std::fs::read_dir(run.path().join("participants"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["ana-ruiz.yaml"]);
}

#[test]
fn dry_run_shows_the_files_and_writes_nothing() {
    let run = with_fixtures(Test::program())
        .args([
            "apply",
            "--from-csv",
            "microsoft.csv",
            "--map",
            "microsoft-map.toml",
            "--dry-run",
        ])
        .run()
        .ok();
    assert!(
        run.stdout
            .starts_with("# participants/liam-obrien.yaml (new)\nname: Liam O'Brien\n")
    );
    assert!(run.stdout.contains("# participants/mei-wong.yaml (new)\n"));
    assert!(
        run.stderr
            .ends_with("dry run: would write 3 files; nothing written\n"),
        "{}",
        run.stderr
    );
    assert!(!run.exists("participants"));
}

#[test]
fn an_existing_person_is_updated_in_place_keeping_comments_and_hand_edits() {
    let csv = "Timestamp,Email Address,Full name,Department,When could you meet?,Skills,Why?\r\n\
               11/20/2015 10:00:00,Maria.Gonzalez@anytownlibrary.org,María González,Circulation,\"Tuesday afternoon, Friday morning\",\"Spanish, scheduling\",\"Two\r\nlines\"\r\n";
    let map = "name = \"Full name\"\nemail = \"Email Address\"\ndepartment = \"Department\"\n\
               availability = \"When could you meet?\"\nskills = \"Skills\"\nmotivation = \"Why?\"\napplied = \"Timestamp\"\n";
    let t = Test::example("career-development")
        .file("a.csv", csv)
        .file("m.toml", map);
    let before =
        std::fs::read_to_string(t.path().join("participants/maria-gonzalez.yaml")).unwrap();
    let run = t
        .args(["apply", "--from-csv", "a.csv", "--map", "m.toml", "-v"])
        .run()
        .ok()
        .stderr_is(
            "updated maria-gonzalez (row 2): availability, motivation, skills\n1 row: 0 added, 1 updated, 0 unchanged\n",
        );
    let want = before
        .replace(
            "availability: [tue-pm, thu-am]",
            "availability: [tue-pm, thu-am, fri-am]",
        )
        .replace(
            "motivation: I know every part of the desk but I do not know how to move up.",
            "motivation: |-\n  Two\n  lines",
        )
        .replace(
            "skills: [ILS circulation, Spanish, conflict resolution]",
            "skills: [ILS circulation, Spanish, conflict resolution, scheduling]",
        );
    assert_ne!(want, before);
    assert_eq!(run.read("participants/maria-gonzalez.yaml"), want);
    // The applied date stays the earlier one; check still passes.
    assert!(want.contains("applied: 2015-11-02\n"));
    run.then().args(["check"]).run().ok();
}

#[test]
fn map_problems_are_located_with_the_nearest_name() {
    Test::program()
        .file(
            "a.csv",
            "Full name,Email Address,Department\nAna,a@x.org,C\n",
        )
        .file(
            "m.toml",
            "name = \"Full name\"\nemail = \"Email Adress\"\ndepartmnet = \"Department\"\n",
        )
        .args(["apply", "--from-csv", "a.csv", "--map", "m.toml"])
        .run()
        .code(1)
        .stderr_is(
            "error: m.toml:3:14: unknown field `departmnet`
 3 | departmnet = \"Department\"
   |              ^
  = help: did you mean `department`?
error: m.toml: the map does not say which column holds `department`
  = help: add department = \"<the question as the form shows it>\"
2 problems found
",
        );
    Test::program()
        .file(
            "a.csv",
            "Full name,Email Address,Department\nAna,a@x.org,C\n",
        )
        .file(
            "m.toml",
            "name = \"Full name\"\nemail = \"Email Adress\"\ndepartment = \"Department\"\n",
        )
        .args(["apply", "--from-csv", "a.csv", "--map", "m.toml"])
        .run()
        .code(1)
        .stderr_is(
            "error: m.toml:2:9: no column \"Email Adress\" in a.csv
 2 | email = \"Email Adress\"
   |         ^
  = help: did you mean \"Email Address\"?
",
        );
}

#[test]
fn a_broken_quote_in_the_export_is_located() {
    Test::program()
        .file(
            "a.csv",
            "Full name,Email Address,Department\n\"Ana,a@x.org,C\n",
        )
        .file(
            "m.toml",
            "name = \"Full name\"\nemail = \"Email Address\"\ndepartment = \"Department\"\n",
        )
        .args(["apply", "--from-csv", "a.csv", "--map", "m.toml"])
        .run()
        .code(1)
        .stderr_is(
            "error: a.csv:2:1: a quoted cell is never closed\n 2 | \"Ana,a@x.org,C\n   | ^\n",
        );
}

#[test]
fn from_csv_needs_a_map_and_no_person_flags() {
    Test::program()
        .file("a.csv", "x\n")
        .args(["apply", "--from-csv", "a.csv"])
        .run()
        .code(2)
        .stderr_is("error: --from needs --map MAP.toml, the file that says which column fills which field; `mentorkit init` writes one to start from (applications-map.toml)\n");
    Test::program()
        .file("a.csv", "x\n")
        .args([
            "apply",
            "--from-csv",
            "a.csv",
            "--map",
            "m.toml",
            "--name",
            "Ana",
        ])
        .run()
        .code(2);
}

#[test]
fn one_person_from_flags() {
    let run = Test::program()
        .args([
            "apply",
            "--name",
            "Ána Ruíz",
            "--email",
            "ana@x.org",
            "--role",
            "mentee",
            "--department",
            "Circulation",
            "--hired",
            "2014-09-15",
            "--degrees",
            "BA,MLS",
            "--availability",
            "Tuesday afternoon",
            "--availability",
            "thu-am",
            "--manager",
            "no",
            "--applied",
            "2015-11-01",
        ])
        .run()
        .ok()
        .stdout_is("ana-ruiz\n")
        .stderr_is("added ana-ruiz: participants/ana-ruiz.yaml\n");
    assert_eq!(
        run.read("participants/ana-ruiz.yaml"),
        "name: Ána Ruíz
email: ana@x.org
role: mentee
department: Circulation
hired: 2014-09-15
manager: false
degrees: [BA, MLS]
applied: 2015-11-01
availability: [tue-pm, thu-am]
"
    );
}

#[test]
fn the_same_name_gets_the_next_id_and_the_same_email_is_refused() {
    let ana = "name: Ana Ruiz\nemail: ana@x.org\nrole: mentee\ndepartment: Circulation\n";
    let add = |email: &str| {
        Test::program()
            .file("participants/ana-ruiz.yaml", ana)
            .env("MENTORKIT_TODAY", "2015-11-03")
            .args([
                "apply",
                "--name",
                "Ana Ruiz",
                "--email",
                email,
                "--role",
                "mentee",
                "--department",
                "Circulation",
            ])
            .run()
    };
    let run = add("ana.ruiz@x.org").ok().stdout_is("ana-ruiz-2\n");
    assert_eq!(
        run.read("participants/ana-ruiz-2.yaml"),
        "name: Ana Ruiz\nemail: ana.ruiz@x.org\nrole: mentee\ndepartment: Circulation\napplied: 2015-11-03\n"
    );
    add("ANA@x.org").code(1).stderr_is(
        "error: ANA@x.org is already in participants/ana-ruiz.yaml; edit that file, or import a form export to update it\n",
    );
}

#[test]
fn without_a_terminal_every_missing_field_is_listed() {
    Test::program()
        .args(["apply", "--name", "Ana Ruiz"])
        .run()
        .code(2)
        .stderr_is("error: missing --email, --role (mentee, mentor), --department: give them as flags, or run apply at a terminal without --no-input to be asked\n");
    Test::program()
        .args(["apply", "--no-input", "--email", "a@x.org", "--role", "mentor"])
        .run()
        .code(2)
        .stderr_is("error: missing --name, --department: give them as flags, or run apply at a terminal without --no-input to be asked\n");
}

#[test]
fn bad_flag_values_are_all_reported() {
    Test::program()
        .args([
            "apply", "--name", "Ana", "--email", "ana", "--role", "boss", "--department", "C",
            "--hired", "9/15/2014", "--availability", "noon",
        ])
        .run()
        .code(2)
        .stderr_is(
            "error: --email: `ana` is not an email address
error: --role: `boss` is not allowed here; use one of: mentee, mentor
error: --hired: `9/15/2014` is not a date; write it as YYYY-MM-DD
error: --availability: `noon`: `noon` is not a day or a part of the day (morning, afternoon, evening)
",
        );
}

#[test]
fn the_new_person_must_leave_the_folder_valid() {
    Test::program()
        .args([
            "apply",
            "--name",
            "Ana Ruiz",
            "--email",
            "ana@x.org",
            "--role",
            "mentee",
            "--department",
            "C",
            "--prefers",
            "ghost",
            "--dry-run",
        ])
        .run()
        .code(1)
        .stderr_is(
            "error: participants/ana-ruiz.yaml:6:11: no participant `ghost`
 6 | prefers: [ghost]
   |           ^
  = help: add the person with `mentorkit apply`, or correct the id
",
        );
}

#[test]
fn init_then_import_with_the_template_map_then_screen() {
    let screen = Test::new()
        .args(["init", "cohort"])
        .run()
        .ok()
        .then()
        .file("cohort/google.csv", fixture("google.csv"))
        .cwd("cohort")
        .args([
            "apply",
            "--from-csv",
            "google.csv",
            "--map",
            "applications-map.toml",
        ])
        .run()
        .ok()
        .then()
        .cwd("cohort")
        .args(["screen", "--format", "csv"])
        .run()
        .ok();
    assert!(
        screen.stdout.ends_with("All departments,5,4,4,0,1\n"),
        "{}",
        screen.stdout
    );
}

#[test]
fn a_checkbox_grid_and_a_semicolon_separated_file() {
    // Google's checkbox grid: one column per day, the parts as answers; the
    // file saved by a spreadsheet in a European locale, with `;` between cells.
    let csv = "Name;Email;Department;Meet [Tuesday];Meet [Thursday]\r\n\
               Ana Ruiz;ana@x.org;Circulation;Morning, Evening;Afternoon\r\n";
    let map = "name = \"Name\"\nemail = \"Email\"\ndepartment = \"Department\"\n\
               availability = [\"Meet [Tuesday]\", \"Meet [Thursday]\"]\n";
    let run = Test::program()
        .file("a.csv", csv)
        .file("m.toml", map)
        .args(["apply", "--from-csv", "a.csv", "--map", "m.toml"])
        .run()
        .ok();
    let ana = run.read("participants/ana-ruiz.yaml");
    assert!(
        ana.contains("availability: [tue-am, tue-eve, thu-pm]\n"),
        "{ana}"
    );
}

// A hand-written single value (`degrees: BA`) is a list of one, as the
// loader reads it: an import adds to it (once refused as "not a list").
#[test]
fn anonymous_microsoft_answers_are_explained_and_hand_written_scalars_grow() {
    let csv = "ID,Start time,Completion time,Email,Name,Department,Degrees\n\
               1,11/2/15 1:58:10 PM,11/2/15 2:03:22 PM,ana@x.org,Ana,C,MLS;\n\
               2,11/2/15 1:58:10 PM,11/2/15 2:03:22 PM,anonymous,Bo,C,\n";
    let map = "name = \"Name\"\nemail = \"Email\"\ndepartment = \"Department\"\n\
               degrees = \"Degrees\"\napplied = \"Completion time\"\n";
    let ana = "name: Ana\nemail: ana@x.org\nrole: mentee\ndepartment: C\ndegrees: BA  # by hand\n";
    Test::program()
        .file("participants/ana.yaml", ana)
        .file("a.csv", csv)
        .file("m.toml", map)
        .args(["apply", "--from-csv", "a.csv", "--map", "m.toml"])
        .run()
        .code(1)
        .stderr_is(
            "error: a.csv:3:41: row 3, \"Email\": `anonymous` is not an email address; Microsoft Forms writes this when the form does not record who answered: map a question that asks for the email instead
 3 | 2,11/2/15 1:58:10 PM,11/2/15 2:03:22 PM,anonymous,Bo,C,
   |                                         ^
  = help: nothing was written; correct the rows (or the map) and run the import again, or give --skip-bad to import the good rows
",
        );
    let run = Test::program()
        .file("participants/ana.yaml", ana)
        .file("a.csv", csv)
        .file("m.toml", map)
        .args([
            "apply",
            "--from-csv",
            "a.csv",
            "--map",
            "m.toml",
            "--skip-bad",
        ])
        .run()
        .ok();
    assert!(
        run.read("participants/ana.yaml")
            .contains("\ndegrees: [BA, MLS]  # by hand\n"),
        "{}",
        run.read("participants/ana.yaml")
    );
}
