//! The dashboard's forms change the files as the commands do: one value in
//! place, so a diff shows one line; a refusal names the field; an edit made
//! in an editor shows on the next page; two tablets signing people in at
//! once lose no mark; Save writes the what-if's matches, also over a broken
//! matches.yaml.

use std::fmt::Write as _;

use super::{Server, changed_lines};
use crate::support::Test;

#[test]
fn a_goal_a_deliverable_and_an_outcome_each_change_one_line() {
    let s = Server::example(&[]);
    let csrf = s.csrf();
    let file = "participants/aisha-khan.yaml";
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, (&'a str, &'a str));
    let cases: [Case<'_>; 3] = [
        (
            "/people/aisha-khan/goal",
            vec![("number", "1"), ("status", "in-progress")],
            ("    status: done", "    status: in-progress"),
        ),
        (
            "/people/aisha-khan/deliverable",
            vec![("name", "Mission Statement"), ("status", "done")],
            ("  mission-statement: draft", "  mission-statement: done"),
        ),
        (
            "/people/aisha-khan/outcome",
            vec![
                ("completed", "yes"),
                ("promoted", ""),
                ("new_position", ""),
                ("left", ""),
            ],
            ("  completed: false", "  completed: true"),
        ),
    ];
    for (path, fields, (old, new)) in cases {
        let before = s.read(file);
        let r = s.post(path, &fields, &csrf);
        assert_eq!(r.status, 303, "{path}: {}", r.body);
        assert_eq!(
            changed_lines(&before, &s.read(file)),
            [(old.to_string(), new.to_string())],
            "{path}"
        );
    }
    let page = s.get("/people/aisha-khan").body;
    assert!(
        page.contains("<option value=\"in-progress\" selected>"),
        "{page}"
    );
    s.check();
}

#[test]
fn refusals_name_the_field_and_change_nothing() {
    let s = Server::example(&[]);
    let csrf = s.csrf();
    let before = s.read("participants/aisha-khan.yaml");
    let r = s.post(
        "/people/aisha-khan/goal",
        &[("number", "1"), ("status", "finished")],
        &csrf,
    );
    assert_eq!(r.status, 400);
    assert!(
        r.body
            .contains("`status` must be one of: not-started, in-progress, done, dropped"),
        "{}",
        r.body
    );
    let r = s.post("/people/aisha-khan/goal", &[("number", "7")], &csrf);
    assert_eq!(r.status, 400);
    assert!(
        r.body.contains("must be a goal number from 1 to 1"),
        "{}",
        r.body
    );
    let r = s.post(
        "/people/aisha-khan/outcome",
        &[("promoted", "2015-06-01")],
        &csrf,
    );
    assert_eq!(r.status, 400);
    assert!(r.body.contains("before the program started"), "{}", r.body);
    let r = s.post("/people/aisha-kahn/goal", &[("number", "1")], &csrf);
    assert_eq!(r.status, 404);
    assert!(r.body.contains("did you mean `aisha-khan`?"), "{}", r.body);
    assert_eq!(s.read("participants/aisha-khan.yaml"), before);
    let r = s.get("/people/..%2Fprogram");
    assert_eq!(r.status, 404);
    // In the dashboard's words, not a command's.
    let r = s.get("/people/nobody-at-all");
    assert_eq!(r.status, 404);
    assert!(
        r.body
            .contains("no participant `nobody-at-all`; the People page lists everyone"),
        "{}",
        r.body
    );
}

#[test]
fn an_edit_in_an_editor_shows_on_the_next_load() {
    let s = Server::example(&[]);
    assert!(
        !s.get("/people/aisha-khan")
            .body
            .contains("Head of Programs")
    );
    let file = s.dir.join("participants/aisha-khan.yaml");
    let text = std::fs::read_to_string(&file).unwrap().replace(
        "position: Library Assistant I",
        "position: Head of Programs",
    );
    std::fs::write(&file, text).unwrap();
    assert!(
        s.get("/people/aisha-khan")
            .body
            .contains("Head of Programs")
    );
    // A broken file is shown as the problems `check` reports, not a crash.
    std::fs::write(&file, "name: [unclosed\n").unwrap();
    let r = s.get("/");
    assert_eq!(r.status, 409);
    assert!(
        r.body.contains("participants/aisha-khan.yaml"),
        "{}",
        r.body
    );
}

/// A folder of `n` mentees and one workshop, for the sign-in load test.
fn crowd(n: usize) -> Test {
    let mut t = Test::new().file(
        "program.toml",
        "[program]\nname = \"Load\"\ntimezone = \"America/Chicago\"\n",
    );
    for i in 0..n {
        let mut y = String::new();
        writeln!(y, "name: Person {i:03}\nemail: p{i}@library.example.org").unwrap();
        writeln!(y, "role: mentee\ndepartment: Circulation").unwrap();
        t = t.file(&format!("participants/p-{i:03}.yaml"), &y);
    }
    t.file(
        "sessions/2016-04-12-workshop.yaml",
        "# The April workshop.\ntitle: Workshop\ndate: 2016-04-12\n",
    )
}

#[test]
fn two_tablets_signing_in_at_once_lose_no_mark() {
    const PEOPLE: usize = 60;
    let t = crowd(PEOPLE);
    let s = Server::start(t.tmp.path(), &[]);
    let csrf = s.csrf();
    let path = "/sessions/2016-04-12-workshop/mark";
    let start = std::time::Instant::now();
    std::thread::scope(|scope| {
        for (tablet, mark) in [(0, "present"), (1, "excused")] {
            let (s, csrf) = (&s, &csrf);
            scope.spawn(move || {
                let mine: Vec<String> = (0..PEOPLE)
                    .filter(|i| i % 2 == tablet)
                    .map(|i| format!("p-{i:03}"))
                    .collect();
                for id in &mine {
                    let r = s.post(path, &[("person", id), ("mark", mark)], csrf);
                    assert_eq!(r.status, 303, "{id}: {}", r.body);
                }
                // Then each tablet corrects its first five to absent.
                for id in &mine[..5] {
                    let r = s.post(path, &[("person", id), ("mark", "absent")], csrf);
                    assert_eq!(r.status, 303, "{id}: {}", r.body);
                }
            });
        }
    });
    let took = start.elapsed();
    let text = s.read("sessions/2016-04-12-workshop.yaml");
    assert!(text.starts_with("# The April workshop.\n"), "{text}");
    let folder = mentorkit::store::load(t.tmp.path()).unwrap();
    let session = &folder.sessions["2016-04-12-workshop"];
    let roll = mentorkit::store::change::roll(session);
    for i in 0..PEOPLE {
        let id = format!("p-{i:03}");
        let want = match (i % 2, i / 2 < 5) {
            (_, true) => "absent",
            (0, false) => "present",
            _ => "excused",
        };
        let got = roll.mark_of(&id).map(|m| m.to_string());
        assert_eq!(got.as_deref(), Some(want), "{id}");
    }
    assert_eq!(
        session.attendance.len() + session.absent.len() + session.excused.len(),
        PEOPLE
    );
    eprintln!(
        "two tablets: {} marks in {:.2} s",
        PEOPLE + 10,
        took.as_secs_f64()
    );
    s.check();
}

#[test]
fn what_if_takes_pins_and_forbidden_pairs_and_save_writes_them_out() {
    let s = Server::example(&[]);
    let csrf = s.csrf();
    assert_eq!(s.post("/matching/save", &[], &csrf).status, 303);
    let now = s.read("matches.yaml");
    assert!(
        now.contains("mentees: [aisha-khan, linda-park, maria-gonzalez, robert-olsen]"),
        "{now}"
    );
    let page = s.get("/matching?forbid=aisha-khan%2C+patricia-wells").body;
    assert!(
        page.contains("<th scope=\"row\"><a href=\"/people/aisha-khan\">Aisha Khan</a></th><td>Patricia Wells (patricia-wells)</td><td>Samuel Lee (samuel-lee)</td>"),
        "{page}"
    );
    let page = s.get("/matching?pins=nobody-here%2C+samuel-lee").body;
    assert!(
        page.contains("`pins` pair 1: no participant `nobody-here`"),
        "{page}"
    );
    assert!(
        page.contains(">nobody-here, samuel-lee</textarea>"),
        "what was typed stays to be corrected: {page}"
    );
    let r = s.post(
        "/matching/save",
        &[(
            "forbid",
            "aisha-khan, patricia-wells; james-carter, samuel-lee",
        )],
        &csrf,
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let saved = s.read("matches.yaml");
    assert_ne!(saved, now);
    let m: mentorkit::model::matches::Matches = serde_saphyr::from_str(&saved).unwrap();
    for e in &m.matches {
        let t = e.mentor.as_deref().unwrap();
        assert!(!(t == "patricia-wells" && e.mentees.iter().any(|x| x == "aisha-khan")));
        assert!(!(t == "samuel-lee" && e.mentees.iter().any(|x| x == "james-carter")));
    }
    s.check();
}
/// A stale generated file never blocks the page that rewrites it: with a
/// matches.yaml that does not parse, every page loads with a warning, the
/// matches are left out, and Save writes a good one back.
#[test]
fn a_broken_matches_yaml_is_shown_as_a_warning_and_save_rewrites_it() {
    let s = Server::example(&[]);
    std::fs::write(s.dir.join("matches.yaml"), "mode: [one-to-one\n").unwrap();
    for path in ["/", "/people", "/matching", "/sessions", "/documents"] {
        let r = s.get(path);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert!(
            r.body.contains("<div class=\"warn\" role=\"alert\">")
                && r.body.contains("matches.yaml:")
                && r.body.contains(
                    "the pages leave the matches out until a new matching is saved to matches.yaml"
                ),
            "{path}: {}",
            r.body
        );
    }
    let r = s.post("/matching/save", &[], &s.csrf());
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(
        s.read("matches.yaml")
            .contains("mentees: [aisha-khan, linda-park, maria-gonzalez, robert-olsen]")
    );
    assert!(!s.get("/").body.contains("class=\"warn\""));
    s.check();
}

/// A command killed between two of its files left its note: every page
/// says which run to finish, in the words the commands use.
#[test]
fn an_interrupted_run_is_named_on_every_page() {
    let s = Server::example(&[]);
    std::fs::write(
        s.dir.join(".mentorkit-journal-report"),
        "command: mentorkit report handouts\nfiles: 22\n",
    )
    .unwrap();
    for path in ["/", "/sessions"] {
        let page = s.get(path).body;
        assert!(
            page.contains("the last run of `mentorkit report handouts` was interrupted before it wrote all of its 22 files; run it again to finish it"),
            "{path}: {page}"
        );
    }
}
