//! Nothing under private/ (by real path and by inode), and nothing outside
//! the program folder, is read through a record, a template or a path in
//! program.toml.

use std::fs;
use std::os::unix::fs::symlink;

use super::{cmd, write};
use crate::support::Test;

/// The marker in the example's private journal.
const JOURNAL_MARKER: &str = "PRIVATE-JOURNAL-MARKER";
const JOURNAL: &str = "private/maria-gonzalez-journal.md";

// Broke: a link in participants/ to a private journal was read as a record,
// and `check` quoted its first line ("unknown field
// `PRIVATE-JOURNAL-MARKER`").
#[test]
fn a_record_linked_into_private_is_not_read() {
    let t = Test::example("career-development");
    let dir = t.path();
    symlink(
        "../private/maria-gonzalez-journal.md",
        dir.join("participants/journal.yaml"),
    )
    .unwrap();
    cmd(dir, &["check"])
        .code(1)
        .stderr_is(
            "error: participants/journal.yaml: leads into private/, which mentorkit never reads\n  \
             = help: remove the link: what is in private/ stays there\n",
        )
        .stderr_lacks(JOURNAL_MARKER);
    cmd(dir, &["list", "participants", "--format", "json"])
        .code(1)
        .stderr_lacks(JOURNAL_MARKER);
}

/// Sets `[evaluation] comparison` of the example to `path`; the line it is on.
fn compare_with(dir: &std::path::Path, path: &str) -> usize {
    let text = fs::read_to_string(dir.join("program.toml")).unwrap();
    let text = text.replace(
        "comparison = \"staff.csv\"",
        &format!("comparison = \"{path}\""),
    );
    write(dir, "program.toml", &text);
    1 + text
        .lines()
        .position(|l| l.starts_with("comparison ="))
        .unwrap()
}

// Broke: `[evaluation] comparison = "private/staff.csv"` was read, and its
// figures printed by `progress --evidence` and the cohort report.
#[test]
fn a_comparison_under_private_is_refused() {
    let t = Test::example("career-development");
    let dir = t.path();
    fs::copy(dir.join("staff.csv"), dir.join("private/staff.csv")).unwrap();
    let line = compare_with(dir, "private/staff.csv");
    let pad = " ".repeat(line.to_string().len());
    let want = format!(
        "error: program.toml:{line}:1: private/staff.csv is under private/, which mentorkit never reads\n \
         {line} | comparison = \"private/staff.csv\"\n \
         {pad} | ^\n  \
         = help: keep the comparison file in the program folder outside private/, such as staff.csv\n"
    );
    cmd(dir, &["check"]).code(1).stderr_is(&want);
    cmd(dir, &["progress", "--evidence"])
        .code(1)
        .stderr_is(&want);
}

// Broke: `comparison = "/etc/shadow"` (any absolute path outside the
// folder) was read through program.toml.
#[test]
fn a_comparison_outside_the_folder_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("outside.csv");
    fs::copy(
        crate::support::repo().join("examples/career-development/staff.csv"),
        &secret,
    )
    .unwrap();
    let t = Test::example("career-development");
    let dir = t.path();
    let shown = secret.display().to_string();
    let line = compare_with(dir, &shown);
    let pad = " ".repeat(line.to_string().len());
    let want = format!(
        "error: program.toml:{line}:1: {shown} is outside the program folder; a path in program.toml is read only inside it\n \
         {line} | comparison = \"{shown}\"\n \
         {pad} | ^\n  \
         = help: copy the file into the program folder and name it from there, such as staff.csv\n"
    );
    cmd(dir, &["check"]).code(1).stderr_is(&want);
    cmd(dir, &["progress", "--evidence"]).code(1);
}

// Broke: a template hard-linked to a private journal (one inode, two
// names) was rendered: the journal came out as out/cohort.md.
#[test]
fn a_template_hard_linked_to_a_private_file_is_not_read() {
    let t = Test::example("career-development");
    let dir = t.path();
    fs::create_dir_all(dir.join("templates")).unwrap();
    fs::hard_link(dir.join(JOURNAL), dir.join("templates/cohort.md")).unwrap();
    cmd(dir, &["report", "cohort", "--format", "md"])
        .code(1)
        .stderr_is(&format!(
            "error: templates/cohort.md: is the same file as {JOURNAL} (a hard link into private/), which reports never read\n  \
             = help: copy the template into templates/ instead of linking to it\n"
        ))
        .stderr_lacks(JOURNAL_MARKER);
    let leaked = fs::read_to_string(dir.join("out/cohort.md")).unwrap_or_default();
    assert!(!leaked.contains(JOURNAL_MARKER), "the journal was rendered");
}

// Holds today (a guard): a template that is a symbolic link into private/
// is refused by its real path.
#[test]
fn a_template_linked_into_private_is_not_read() {
    let t = Test::example("career-development");
    let dir = t.path();
    fs::create_dir_all(dir.join("templates")).unwrap();
    symlink(
        "../private/maria-gonzalez-journal.md",
        dir.join("templates/cohort.md"),
    )
    .unwrap();
    cmd(dir, &["report", "cohort", "--format", "md"])
        .code(1)
        .stderr_is(
            "error: templates/cohort.md: leads into private/, which reports never read\n  \
             = help: copy the template into templates/ instead of linking to it\n",
        )
        .stderr_lacks(JOURNAL_MARKER);
    let leaked = fs::read_to_string(dir.join("out/cohort.md")).unwrap_or_default();
    assert!(!leaked.contains(JOURNAL_MARKER), "the journal was rendered");
}

// Broke: a record that is a link to a file outside the program folder was
// read as a record (and quoted by `check`); records live in the folder.
#[test]
fn a_record_linked_outside_the_folder_is_not_read() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("elsewhere.yaml");
    fs::write(&secret, "OUTSIDE-MARKER: 1\n").unwrap();
    let t = Test::example("career-development");
    let dir = t.path();
    symlink(&secret, dir.join("participants/elsewhere.yaml")).unwrap();
    cmd(dir, &["check"])
        .code(1)
        .stderr_is(
            "error: participants/elsewhere.yaml: leads outside the program folder, which mentorkit never reads through a link\n  \
             = help: move the file into the program folder instead of linking to it\n",
        )
        .stderr_lacks("OUTSIDE-MARKER");
}

// Broke: a program.toml that is a link into private/ was read, and its
// lines quoted in problems.
#[test]
fn a_program_toml_linked_into_private_is_not_read() {
    let t = Test::example("career-development");
    let dir = t.path();
    fs::rename(dir.join("program.toml"), dir.join("private/program.toml")).unwrap();
    fs::write(
        dir.join("private/program.toml"),
        format!("{JOURNAL_MARKER} = 1\n"),
    )
    .unwrap();
    symlink("private/program.toml", dir.join("program.toml")).unwrap();
    cmd(dir, &["check"])
        .code(1)
        .stderr_is(
            "error: program.toml: leads into private/, which mentorkit never reads\n  \
             = help: remove the link: what is in private/ stays there\n",
        )
        .stderr_lacks(JOURNAL_MARKER);
}
