//! In-place edits of files people wrote: one edit changes one value, the
//! result passes `check`, comments stay where they were, and what is written
//! reads the same in every YAML reader.

use std::fs;

use super::{assert_checks, cmd, read, write};
use crate::support::Test;

/// The refusal to edit `field` in `rel`, whose value carries the anchor
/// `&name` on the line of `text` that holds it.
fn anchor_refusal(rel: &str, text: &str, field: &str, name: &str) -> String {
    let mark = format!("&{name}");
    let (i, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(&mark))
        .unwrap();
    let n = (i + 1).to_string();
    let col = line[..line.find(&mark).unwrap()].chars().count() + 1;
    format!(
        "error: {rel}:{n}:{col}: `{field}` is the YAML anchor `&{name}`, repeated elsewhere in the file by `*{name}`; changing it here would change those too\n \
         {n} | {line}\n \
         {pad} | {lead}^\n  \
         = help: write the value out in full in each place, then run the command again\n",
        pad = " ".repeat(n.len()),
        lead = " ".repeat(col - 1),
    )
}

/// Replaces the first `from` with `to` in `dir/rel`; the new text.
fn edit(dir: &std::path::Path, rel: &str, pairs: &[(&str, &str)]) -> String {
    let mut text = read(dir, rel);
    for (from, to) in pairs {
        assert!(text.contains(from), "{rel} lacks {from:?}");
        text = text.replacen(from, to, 1);
    }
    write(dir, rel, &text);
    text
}

// Broke: `deliverable` on a value that is a YAML anchor changed it and the
// alias that repeats it, and reported one change.
#[test]
fn deliverable_on_an_anchored_value_is_refused() {
    let t = Test::example("career-development");
    let dir = t.path();
    let rel = "participants/robert-olsen.yaml";
    let text = edit(
        dir,
        rel,
        &[
            ("  career-plan: done", "  career-plan: &st done"),
            ("  mission-statement: done", "  mission-statement: *st"),
        ],
    );
    assert_checks(dir);
    cmd(
        dir,
        &["deliverable", "robert-olsen", "career-plan", "draft"],
    )
    .code(1)
    .stderr_is(&anchor_refusal(
        rel,
        &text,
        "deliverables.career-plan",
        "st",
    ));
    assert_eq!(read(dir, rel), text, "the file changed");
}

// Broke: `goal` on a status that is a YAML anchor changed the alias too
// (here the second goal's status): two goals changed, one reported.
#[test]
fn goal_on_an_anchored_value_is_refused() {
    let t = Test::example("career-development");
    let dir = t.path();
    let rel = "participants/maria-gonzalez.yaml";
    let text = edit(
        dir,
        rel,
        &[
            ("    status: done", "    status: &s done"),
            ("    status: in-progress", "    status: *s"),
        ],
    );
    assert_checks(dir);
    cmd(dir, &["goal", "maria-gonzalez", "1", "in-progress"])
        .code(1)
        .stderr_is(&anchor_refusal(rel, &text, "smart_goals.1.status", "s"));
    assert_eq!(read(dir, rel), text, "the file changed");
}

// Broke: a re-import that updated an anchored value (`position: &title …`,
// repeated in `experience`) changed both and reported "position".
#[test]
fn a_reimport_onto_an_anchored_value_is_refused() {
    let t = Test::example("career-development");
    let dir = t.path();
    let rel = "participants/maria-gonzalez.yaml";
    let text = edit(
        dir,
        rel,
        &[
            (
                "position: Library Assistant II",
                "position: &title Library Assistant II",
            ),
            ("  - title: Library Assistant II", "  - title: *title"),
        ],
    );
    assert_checks(dir);
    write(
        dir,
        "form.csv",
        "Timestamp,Email Address,Full name,Department,Position\n11/20/2015 10:00:00,maria.gonzalez@anytownlibrary.org,María González,Circulation,Circulation Lead\n",
    );
    write(
        dir,
        "form-map.toml",
        "name = \"Full name\"\nemail = \"Email Address\"\ndepartment = \"Department\"\nposition = \"Position\"\napplied = \"Timestamp\"\n",
    );
    let run = cmd(
        dir,
        &["apply", "--from-csv", "form.csv", "--map", "form-map.toml"],
    )
    .code(1);
    // The import says which row asked for the change.
    let want = anchor_refusal(rel, &text, "position", "title").replacen(
        "would change those too\n",
        "would change those too (from row 2 of form.csv)\n",
        1,
    );
    assert!(
        run.stderr.starts_with(&want),
        "stderr:\n{}\nwanted it to start with:\n{want}",
        run.stderr
    );
    assert_eq!(read(dir, rel), text, "the file changed");
}

// Broke: with `excused: maria-gonzalez` (one value where a list belongs),
// `attend … maria-gonzalez` wrote her under attendance too, exited 0, and
// `check` then refused the session. Every edit must refuse (naming the
// file, the line and the field) or write a file `check` accepts.
#[test]
fn attend_with_excused_written_as_one_value_refuses_or_writes_a_valid_file() {
    let session = "2016-10-11-reflections-celebration";
    let rel = format!("sessions/{session}.yaml");
    for flags in [&[][..], &["--absent"], &["--excused"]] {
        let t = Test::example("career-development");
        let dir = t.path();
        let mut text = read(dir, &rel).replace("  - maria-gonzalez\n", "");
        text.push_str("excused: maria-gonzalez\n");
        write(dir, &rel, &text);
        assert_checks(dir);
        let line = text.lines().count();
        let who = if flags == ["--excused"] {
            "patricia-wells"
        } else {
            "maria-gonzalez"
        };
        let mut args = vec!["attend", session, who];
        args.extend_from_slice(flags);
        let run = cmd(dir, &args).finished();
        match run.code {
            Some(0) => assert_checks(dir),
            Some(1) => {
                assert!(
                    run.stderr.contains(&format!("{rel}:{line}:"))
                        && run.stderr.contains("excused"),
                    "{args:?}: the refusal must name {rel}:{line} and `excused`:\n{}",
                    run.stderr
                );
                assert_eq!(read(dir, &rel), text, "{args:?}: refused, yet changed");
            }
            other => panic!("{args:?}: exit {other:?}"),
        }
    }
}

/// `text` ends with the comment `comment`, and `key:` comes before it.
fn assert_before_trailing_comment(text: &str, key: &str, comment: &str, what: &str) {
    assert!(
        text.ends_with(&format!("{comment}\n")),
        "{what}: the trailing comment is no longer last:\n{text}"
    );
    let key_at = text.find(&format!("\n{key}:"));
    let comment_at = text.rfind(comment);
    assert!(
        key_at.is_some() && key_at < comment_at,
        "{what}: `{key}` is not before the trailing comment:\n{text}"
    );
}

// Broke: a key a command added (`deliverables`, `outcome`, `excused`) was
// appended after the comment that closes the file.
#[test]
fn new_keys_land_before_a_trailing_comment() {
    let t = Test::example("career-development");
    let dir = t.path();
    let person = "participants/samuel-lee.yaml";
    let note = "# Reviewed by HR, 2016-01-03.";
    write(dir, person, format!("{}{note}\n", read(dir, person)));
    cmd(dir, &["deliverable", "samuel-lee", "resume", "draft"]).ok();
    assert_before_trailing_comment(&read(dir, person), "deliverables", note, "deliverable");
    cmd(
        dir,
        &["outcome", "samuel-lee", "--new-position", "Director"],
    )
    .ok();
    assert_before_trailing_comment(&read(dir, person), "outcome", note, "outcome");
    let session = "sessions/2016-10-11-reflections-celebration.yaml";
    let door = "# Taken at the door.";
    write(dir, session, format!("{}{door}\n", read(dir, session)));
    cmd(
        dir,
        &[
            "attend",
            "2016-10-11-reflections-celebration",
            "samuel-lee",
            "--excused",
        ],
    )
    .ok();
    assert_before_trailing_comment(&read(dir, session), "excused", door, "attend --excused");
    assert_checks(dir);
}

// Broke: `schedule` completed a session that lacked its time with
// `time: 14:00`, unquoted: YAML 1.1 readers (PyYAML, many others) read the
// sexagesimal number 840.
#[test]
fn a_time_added_by_schedule_is_quoted() {
    let t = Test::example("career-development");
    let dir = t.path();
    let rel = "sessions/2016-10-11-reflections-celebration.yaml";
    let text = read(dir, rel).replace("time: \"14:00\"\n", "");
    write(dir, rel, &text);
    cmd(dir, &["schedule"]).ok();
    let after = read(dir, rel);
    let time: Vec<&str> = after.lines().filter(|l| l.starts_with("time:")).collect();
    assert!(
        time == ["time: \"14:00\""] || time == ["time: '14:00'"],
        "the time is written {time:?}:\n{after}"
    );
    assert_checks(dir);
}

// Broke: a `%YAML` directive the loader did not expect gave the parser's
// own words ("did not find expected <document start>", "duplicate version
// directive", "while scanning a YAML directive, …").
#[test]
fn a_yaml_directive_gets_a_clear_message() {
    let rel = "participants/samuel-lee.yaml";
    let cases = [
        (
            "%YAML 1.2\n",
            "error: participants/samuel-lee.yaml:1:1: the `%YAML` directive is not followed by a `---` line\n \
             1 | %YAML 1.2\n   | ^\n  \
             = help: records need no directive: remove the line (or add `---` after it)\n",
        ),
        (
            "%YAML\n---\n",
            "error: participants/samuel-lee.yaml:1:1: the `%YAML` directive has no version\n \
             1 | %YAML\n   | ^\n  \
             = help: records need no directive: remove the line (or write `%YAML 1.2`)\n",
        ),
        (
            "%YAML 1.2\n%YAML 1.2\n---\n",
            "error: participants/samuel-lee.yaml:2:1: the `%YAML` directive is written twice\n \
             2 | %YAML 1.2\n   | ^\n  \
             = help: records need no directive: remove both lines\n",
        ),
    ];
    for (head, want) in cases {
        let t = Test::example("career-development");
        let dir = t.path();
        let body = fs::read_to_string(dir.join(rel)).unwrap();
        write(dir, rel, format!("{head}{body}"));
        cmd(dir, &["check"]).code(1).stderr_is(want);
    }
}
