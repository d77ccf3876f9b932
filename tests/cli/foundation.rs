//! `init`, `list`, `completions` and `man` driven through the binary.

use crate::support::Test;

#[test]
fn init_writes_a_folder_that_passes_check_for_every_template() {
    for template in ["career-development", "peer", "reverse", "group"] {
        let t = Test::new();
        let run = t
            .args(["init", "cohort", "--template", template])
            .run()
            .ok();
        assert!(run.exists("cohort/program.toml"));
        assert!(run.read("cohort/.gitignore").contains("private/"));
        assert!(run.read("cohort/.gitignore").contains("out/"));
        let check = run.then().args(["-C", "cohort", "check"]).run();
        assert_eq!(check.code, 0, "{template}: {}", check.stderr);
    }
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    Test::new()
        .file("cohort/notes.txt", "mine")
        .args(["init", "cohort"])
        .run()
        .code(1)
        .stderr_is("error: cohort is not empty; init writes only into a new or empty folder\n");
}

#[test]
fn list_participants_json_has_stable_keys() {
    let run = Test::example("career-development")
        .args(["list", "participants", "--format", "json"])
        .run()
        .ok();
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let first = &rows[0];
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "availability",
            "branch",
            "capacity",
            "competencies",
            "decision",
            "degrees",
            "department",
            "email",
            "hired",
            "id",
            "in_cohort",
            "manager",
            "modality",
            "name",
            "position",
            "role",
            "skills"
        ]
    );
    assert_eq!(first["id"], "aisha-khan");
    assert_eq!(rows.as_array().unwrap().len(), 10);
}

#[test]
fn csv_export_neutralises_formulas() {
    let run = Test::program()
        .file(
            "participants/eve.yaml",
            "name: \"=HYPERLINK(\\\"http://x\\\")\"\nemail: eve@x.org\nrole: mentee\ndepartment: \"@Circulation\"\nposition: \"-2+3\"\n",
        )
        .args(["list", "participants", "--format", "csv"])
        .run()
        .ok();
    let mut lines = run.stdout.lines();
    lines.next();
    let row = lines.next().unwrap();
    assert!(
        row.starts_with(
            "eve,\"'=HYPERLINK(\"\"http://x\"\")\",eve@x.org,mentee,'@Circulation,'-2+3,"
        ),
        "{row}"
    );
}

#[test]
fn completions_and_man_come_from_the_command_tree() {
    Test::new()
        .args(["completions", "bash"])
        .run()
        .ok()
        .stdout_has("mentorkit");
    Test::new()
        .args(["man"])
        .run()
        .ok()
        .stdout_has(".TH mentorkit")
        .stdout_has(".SH COMMANDS\n");
    // Regression: the page listed mentorkit-init(1) and the rest, which
    // nothing wrote. --out writes every page it lists, making the folder.
    let run = Test::new()
        .args(["man", "--out", "share/man/man1"])
        .run()
        .ok()
        .stderr_is("wrote 19 man pages in share/man/man1\n");
    let main = run.read("share/man/man1/mentorkit.1");
    let named: Vec<String> = main
        .lines()
        .filter_map(|l| l.strip_suffix("(1)"))
        .map(|page| format!("share/man/man1/{}.1", page.replace("\\-", "-")))
        .collect();
    assert_eq!(named.len(), 16, "{main}");
    for page in &named {
        assert!(run.exists(page), "{page}");
    }
    assert!(run.exists("share/man/man1/mentorkit-schedule-suggest.1"));
}

#[test]
fn wrong_usage_exits_2() {
    Test::new().args(["list", "people"]).run().code(2);
}

/// One clock: `--today` and `MENTORKIT_TODAY` set the day every command
/// counts to, and a value that is not a date is wrong usage, never ignored.
#[test]
fn one_clock_for_every_command() {
    Test::example("career-development")
        .args(["progress", "--today", "2016-02-01"])
        .run()
        .ok()
        .stdout_has("Progress as of 2016-02-01:");
    Test::example("career-development")
        .env("MENTORKIT_TODAY", "2016-03-01")
        .args(["progress"])
        .run()
        .ok()
        .stdout_has("Progress as of 2016-03-01:");
    for (flag, env) in [(Some("2016-13-40"), None), (None, Some("garbage"))] {
        let mut t = Test::example("career-development").args(["check"]);
        if let Some(value) = flag {
            t = t.args(["--today", value]);
        }
        if let Some(value) = env {
            t = t.env("MENTORKIT_TODAY", value);
        }
        t.run()
            .code(2)
            .stderr_has("is not a date; write it as YYYY-MM-DD");
    }
}
