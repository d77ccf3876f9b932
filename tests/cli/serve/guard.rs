//! What the dashboard refuses: another Host (DNS rebinding), a change
//! without this run's form token or from another site, every change under
//! `--read-only`, a request without the token, an address off this machine
//! without one; and it never serves `private/` or anything by path. Its
//! writes take the folder lock, as the commands do.

use super::{Server, request};
use crate::support::Test;

#[test]
fn serve_answers_only_for_its_own_address() {
    let s = Server::example(&[]);
    assert_eq!(s.get("/").status, 200);
    let port = s.host.rsplit(':').next().unwrap();
    let local = format!("localhost:{port}");
    for (host, want) in [
        ("evil.example", 421),
        (&*format!("evil.example:{port}"), 421),
        (&*local, 200),
        ("127.0.0.1:1", 421),
    ] {
        let r = request(&s.host, "GET", "/", &[("Host", host)], None);
        assert_eq!(r.status, want, "Host: {host}");
    }
    let r = request(&s.host, "GET", "/", &[("Host", "rebound.example")], None);
    assert!(
        r.body.contains("this dashboard serves 127.0.0.1:"),
        "{}",
        r.body
    );
    assert_eq!(r.header("x-frame-options"), Some("SAMEORIGIN"));
    assert!(r.header("content-security-policy").is_some());
}

#[test]
fn serve_never_serves_private_notes_or_files_by_path() {
    let s = Server::example(&[]);
    std::fs::write(s.dir.join("private/secret.md"), "Journal: SECRET-WORDS\n").unwrap();
    for path in [
        "/private/secret.md",
        "/private/",
        "/assets/../private/secret.md",
        "/documents/file/../private/secret.md",
        "/documents/file/private/secret.md",
        "/documents/file/..%2Fprivate%2Fsecret.md",
        "/participants/aisha-khan.yaml",
        "/people/..%2Fprivate%2Fsecret",
    ] {
        let r = s.get(path);
        assert!(r.status == 404, "{path}: {}", r.status);
        assert!(!r.body.contains("SECRET-WORDS"), "{path}");
    }
    // Every page together does not show it either.
    for path in ["/", "/people", "/documents", "/documents/file/cohort.html"] {
        assert!(!s.get(path).body.contains("SECRET-WORDS"), "{path}");
    }
}

#[test]
fn a_change_needs_the_form_token_and_comes_from_the_dashboard() {
    let s = Server::example(&[]);
    let before = s.read("sessions/2016-05-10-resume-cover-letter-development.yaml");
    let path = "/sessions/2016-05-10-resume-cover-letter-development/mark";
    let fields = [("person", "daniel-reyes"), ("mark", "present")];
    let r = s.post(path, &fields, "");
    assert_eq!(r.status, 403);
    assert!(r.body.contains("reload the page"), "{}", r.body);
    let r = s.post(path, &fields, "00000000000000000000000000000000");
    assert_eq!(r.status, 403);
    let form = format!("csrf={}&person=daniel-reyes&mark=present", s.csrf());
    let r = request(
        &s.host,
        "POST",
        path,
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", "http://evil.example"),
        ],
        Some(&form),
    );
    assert_eq!(r.status, 403, "another site's form");
    assert_eq!(
        s.read("sessions/2016-05-10-resume-cover-letter-development.yaml"),
        before
    );
    let r = s.post(path, &fields, &s.csrf());
    assert_eq!(r.status, 303, "{}", r.body);
    assert_ne!(
        s.read("sessions/2016-05-10-resume-cover-letter-development.yaml"),
        before
    );
}

#[test]
fn read_only_refuses_every_change_and_shows_no_forms() {
    let s = Server::example(&["--read-only"]);
    let before = s.read("participants/aisha-khan.yaml");
    let matches = s.read("matches.yaml");
    let csrf = s.csrf();
    for (path, fields) in [
        (
            "/people/aisha-khan/goal",
            vec![("number", "1"), ("status", "dropped")],
        ),
        (
            "/people/aisha-khan/deliverable",
            vec![("name", "resume"), ("status", "draft")],
        ),
        ("/people/aisha-khan/outcome", vec![("completed", "yes")]),
        (
            "/sessions/2016-05-10-resume-cover-letter-development/mark",
            vec![("person", "aisha-khan"), ("mark", "present")],
        ),
        ("/matching/save", vec![("competency", "0")]),
    ] {
        let r = s.post(path, &fields, &csrf);
        assert_eq!(r.status, 403, "{path}");
        assert!(r.body.contains("--read-only"), "{path}: {}", r.body);
    }
    assert_eq!(s.read("participants/aisha-khan.yaml"), before);
    assert_eq!(s.read("matches.yaml"), matches);
    let page = s.get("/people/aisha-khan").body;
    assert!(!page.contains("<button type=\"submit\">Save"), "{page}");
}

#[test]
fn a_token_guards_every_request() {
    let token = "correct-horse-battery-staple";
    let s = Server::example(&["--token", token]);
    assert_eq!(s.get("/").status, 401);
    assert_eq!(s.get("/assets/style.css").status, 401);
    let r = s.get(&format!("/people?token={token}&risk=yes"));
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/people?risk=yes"));
    let cookie = r
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert!(cookie.ends_with(token), "{cookie}");
    let r = request(
        &s.host,
        "GET",
        "/people?risk=yes",
        &[("Cookie", &cookie)],
        None,
    );
    assert_eq!(r.status, 200);
    let r = request(
        &s.host,
        "GET",
        "/",
        &[("Cookie", "mentorkit_token=correct-horse-battery-stapler")],
        None,
    );
    assert_eq!(r.status, 401);
    let bearer = format!("Bearer {token}");
    let r = request(&s.host, "GET", "/", &[("Authorization", &bearer)], None);
    assert_eq!(r.status, 200);
}

#[test]
fn serving_beyond_this_machine_needs_a_token() {
    Test::example("career-development")
        .args(["serve", "--bind", "0.0.0.0", "--port", "0"])
        .run()
        .code(1)
        .stderr_is("error: --bind 0.0.0.0 lets other machines reach the dashboard; give --token TOKEN as well (every request must then carry it)\n");
    Test::example("career-development")
        .args(["serve", "--token", "short", "--port", "0"])
        .run()
        .code(1)
        .stderr_is("error: --token must be at least 16 characters of letters, digits, `-` and `_`, so that it cannot be guessed and travels in a URL unchanged\n");
}

/// A change waits for the folder lock that a command holds, and is refused
/// (nothing written) when the command keeps it past the wait.
#[test]
fn a_change_waits_for_the_folder_lock_a_command_holds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("career");
    crate::support::copy_tree(
        &crate::support::repo().join("examples/career-development"),
        &dir,
    );
    let s = Server::start_with(&dir, &[], &[("MENTORKIT_LOCK_WAIT", "1")]);
    let csrf = s.csrf();
    let file = "sessions/2016-05-10-resume-cover-letter-development.yaml";
    let path = "/sessions/2016-05-10-resume-cover-letter-development/mark";
    let fields = [("person", "daniel-reyes"), ("mark", "present")];
    let before = s.read(file);
    let held = mentorkit::store::Lock::acquire(&dir).unwrap();
    let r = s.post(path, &fields, &csrf);
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(r.body.contains("another mentorkit command"), "{}", r.body);
    assert_eq!(s.read(file), before, "nothing written without the lock");
    // Pages still load while a command writes.
    assert_eq!(s.get("/sessions").status, 200);
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(held);
    });
    let start = std::time::Instant::now();
    let r = s.post(path, &fields, &csrf);
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(start.elapsed() >= std::time::Duration::from_millis(250));
    release.join().unwrap();
    assert!(s.read(file).contains("daniel-reyes"));
}
