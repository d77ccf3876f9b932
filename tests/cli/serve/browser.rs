//! The dashboard in a real browser (headless chromium through
//! chromedriver): the overview shows the figures `report cohort` has, a tap
//! on a sign-in page records the mark at once, a changed weight changes the
//! matches on the page, Save writes matches.yaml, and the folder still
//! passes `mentorkit check`. Every page is photographed (PNG, in
//! `MENTORKIT_SCREENSHOTS` or the test target folder) and every control must
//! have a label. Without chromium or chromedriver the test fails when `CI`
//! is set, and says it was skipped otherwise.

use std::path::PathBuf;

use fantoccini::key::Key;
use serde_json::json;

use super::webdriver::{Browser, find};
use super::{Server, TODAY, changed_lines};
use crate::support::Test;

fn tools(test: &str) -> Option<(PathBuf, PathBuf)> {
    let Some(chromium) = find(&["chromium", "chromium-browser"]) else {
        mentorkit_testkit::missing_tool(test, "chromium");
        return None;
    };
    let Some(driver) = find(&["chromedriver"]) else {
        mentorkit_testkit::missing_tool(test, "chromedriver (Debian's chromium-driver)");
        return None;
    };
    Some((driver, chromium))
}

fn shots() -> PathBuf {
    let dir = std::env::var_os("MENTORKIT_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-screenshots"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every visible form control on the page has a label a screen reader reads.
fn all_labelled(b: &Browser) {
    let unlabelled = b.script(
        "return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))\
           .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label'))\
           .map(e => e.id || e.name);",
        json!([]),
    );
    assert_eq!(
        unlabelled,
        json!([]),
        "controls without labels on {}",
        b.url()
    );
    let h1 = b.script("return document.querySelectorAll('h1').length;", json!([]));
    assert_eq!(h1, json!(1), "one h1 on {}", b.url());
}

#[test]
fn a_coordinator_works_through_the_dashboard_in_a_browser() {
    let Some((driver, chromium)) =
        tools("serve::browser::a_coordinator_works_through_the_dashboard_in_a_browser")
    else {
        return;
    };
    let s = Server::example(&[]);
    let b = Browser::start(&driver, &chromium, 1280, 900);
    let dir = shots();
    let shot = |name: &str| {
        all_labelled(&b);
        b.screenshot(&dir.join(format!("{name}.png")));
    };

    // The overview: the funnel as the cohort report counts it.
    b.goto(&s.url("/"));
    assert_eq!(b.text("h1"), "Overview");
    let report = Test::new()
        .args(["-C", s.dir.to_str().unwrap(), "--today", TODAY])
        .args(["report", "cohort", "--context"])
        .run()
        .ok();
    let ctx: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
    let funnel = b.text(".funnel");
    let applied = ctx["funnel"]["applied"].to_string();
    let completed = ctx["funnel"]["completed"].to_string();
    assert!(
        funnel.contains(&format!("Applied\n{applied}"))
            && funnel.contains(&format!("Completed\n{completed}")),
        "{funnel} against {}",
        ctx["funnel"]
    );
    let at_risk = Test::new()
        .args(["-C", s.dir.to_str().unwrap(), "--today", TODAY])
        .args(["progress", "--at-risk", "--format", "json"])
        .run()
        .ok();
    let n = serde_json::from_str::<serde_json::Value>(&at_risk.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .len();
    assert_eq!(b.text("#risk-h"), format!("At risk ({n})"));
    shot("overview");

    b.goto(&s.url("/people"));
    b.script(
        "document.getElementById('f-decision').value = 'ineligible';",
        json!([]),
    );
    b.click(".filters button[type=submit]");
    b.wait_text("#count", |t| t == "Showing 1 of 10.");
    assert!(b.url().contains("decision=ineligible"), "{}", b.url());
    shot("people");
    b.click("tbody th a");
    assert_eq!(b.text("h1"), "Daniel Reyes");
    b.goto(&s.url("/people/aisha-khan"));
    shot("person");
    // A goal's status changed on the page is one line in the file.
    let file = "participants/aisha-khan.yaml";
    let before = s.read(file);
    b.script(
        "document.getElementById('goal-status-1').value = 'in-progress';",
        json!([]),
    );
    b.click("#goal-1 button[type=submit]");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while s.read(file) == before {
        assert!(
            std::time::Instant::now() < deadline,
            "the goal was not saved"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(
        changed_lines(&before, &s.read(file)),
        [(
            "    status: done".to_string(),
            "    status: in-progress".to_string()
        )]
    );
    // The page loaded afresh shows what the file now holds.
    b.goto(&s.url("/people/aisha-khan"));
    let shown = b.script(
        "return document.getElementById('goal-status-1').value;",
        json!([]),
    );
    assert_eq!(shown, json!("in-progress"));

    // A tap on a sign-in page records the mark at once, without a reload.
    let session = "2016-05-10-resume-cover-letter-development";
    b.goto(&s.url(&format!("/sessions/{session}")));
    let page = b.url();
    b.click("#person-tom-nguyen button[value=excused]");
    b.wait_text("#now-tom-nguyen", |t| t == "excused");
    assert_eq!(b.url(), page, "the page did not reload");
    let folder = mentorkit::store::load(&s.dir).unwrap();
    let roll = mentorkit::store::change::roll(&folder.sessions[session]);
    assert_eq!(
        roll.mark_of("tom-nguyen"),
        Some(mentorkit::attendance::Mark::Excused)
    );
    let pressed = b.script(
        "return document.querySelector('#person-tom-nguyen button[value=excused]').getAttribute('aria-pressed');",
        json!([]),
    );
    assert_eq!(pressed, json!("true"));
    // By keyboard alone: the first Tab reaches the skip link; Enter on a
    // mark records it.
    b.goto(&page);
    b.keys("body", &Key::Tab);
    let first = b.script("return document.activeElement.className;", json!([]));
    assert_eq!(first, json!("skip"));
    b.keys("#person-aisha-khan button[value=present]", &Key::Enter);
    b.wait_text("#now-aisha-khan", |t| t == "present");
    shot("sign-in");
    b.goto(&s.url("/sessions"));
    shot("sessions");

    // Save the optimum under program.toml, then try another weight.
    b.goto(&s.url("/matching"));
    b.click("#save");
    b.wait_text("#saved", |t| t.starts_with("Saved: matches.yaml now holds"));
    assert!(b.url().contains("saved=1"), "{}", b.url());
    assert!(s.read("matches.yaml").contains("weights: {competency: 10,"));
    let before = b.text("#whatif-total");
    b.type_into("#w-competency", "0");
    b.type_into("#w-availability", "0");
    let changes = b.wait_text("#whatif-changes", |t| t.contains("would change"));
    assert_eq!(changes, "2 of 7 would change; 5 keep their match.");
    let after = b.text("#whatif-total");
    assert_ne!(before, after, "the total follows the weights");
    let gone = b.script("return document.getElementById('saved');", json!([]));
    assert_eq!(gone, json!(null), "a recomputed what-if is not yet saved");
    shot("matching");
    b.click("#save");
    b.wait_text("#saved", |t| t.contains(&format!("(total score {after})")));
    shot("matching-saved");
    let saved = s.read("matches.yaml");
    assert!(
        saved.contains("weights: {competency: 0, cross_department: 3, availability: 0,"),
        "{saved}"
    );
    assert!(saved.contains(&format!("total: {after}\n")), "{saved}");
    b.click("a.why");
    assert!(b.text("h1").starts_with("Why this match: "));
    shot("explain");

    b.goto(&s.url("/documents"));
    assert_eq!(b.text("#doc-h"), "Cohort report");
    shot("documents");
    b.goto(&s.url("/documents/file/cohort.html"));
    assert!(
        b.text("h1")
            .contains("Career Development Mentorship Program")
    );

    s.check();
    eprintln!("screenshots in {}", dir.display());
}
