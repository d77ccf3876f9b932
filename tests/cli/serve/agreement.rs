//! Where the dashboard and a command show one thing, they agree: the
//! overview and `report cohort` or `progress`, the people filters and
//! `progress --at-risk`, the documents page and the files `report` writes.

use super::Server;
use crate::support::Test;

/// Where the dashboard and a command show one figure, they agree: the
/// evidence as `progress --evidence` prints it, and who is at risk.
#[test]
fn the_overview_shows_the_figures_the_commands_print() {
    let s = Server::example(&[]);
    let page = s.get("/").body;
    let dir = s.dir.to_str().unwrap();
    let run = |args: &[&str]| {
        let out = Test::new()
            .args(["-C", dir, "--today", super::TODAY])
            .args(args.iter().copied())
            .run()
            .ok();
        serde_json::from_str::<serde_json::Value>(&out.stdout).unwrap()
    };
    let evidence = run(&["progress", "--evidence", "--format", "json"]);
    let figures = evidence["figures"].as_array().unwrap();
    assert!(figures.len() >= 4);
    for f in figures {
        let text = f["participants"]["text"].as_str().unwrap();
        assert!(
            page.contains(&format!("<td>{text}</td>")),
            "{} {text}",
            f["measure"]
        );
    }
    let at_risk = run(&["progress", "--at-risk", "--format", "json"]);
    let n = at_risk.as_array().unwrap().len();
    assert!(page.contains(&format!("At risk ({n})")), "{n}");
    for row in at_risk.as_array().unwrap() {
        let id = row["id"].as_str().unwrap();
        assert!(page.contains(&format!("href=\"/people/{id}\"")), "{id}");
    }
}

/// Text as the pages escape it (tera's HTML escaping).
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The cells of `keys` of `v`, each opened with `td`, escaped as the pages are.
fn cells(v: &serde_json::Value, keys: &[&str], td: &str) -> String {
    keys.iter()
        .map(|k| format!("{td}{}</td>", escaped(v[*k].as_str().unwrap())))
        .collect()
}

/// The overview holds the numbers of `report cohort`, from the same model:
/// the funnel, and every evidence figure with its n, its interval, each
/// comparison and its conclusion in words, and every paired survey change.
/// Regression: the overview printed each figure's caution twice.
#[test]
fn the_overview_holds_the_numbers_of_report_cohort() {
    let s = Server::example(&[]);
    let page = s.get("/").body;
    let out = Test::new()
        .args(["-C", s.dir.to_str().unwrap(), "--today", super::TODAY])
        .args(["report", "cohort", "--context"])
        .run()
        .ok();
    let ctx: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let text = |v: &serde_json::Value| escaped(v.as_str().unwrap());
    for step in ["applied", "eligible", "accepted", "completed"] {
        let label = format!("{}{}", step[..1].to_uppercase(), &step[1..]);
        let cell = format!("<dt>{label}</dt><dd>{}</dd>", ctx["funnel"][step]);
        assert!(page.contains(&cell), "{cell}");
    }
    let view = &ctx["evidence"]["view"];
    let figures = view["figures"].as_array().unwrap();
    assert!(figures.len() >= 4, "{view}");
    for f in figures {
        let shown = cells(f, &["participants"], "<td>") + &format!("<td>{}", text(&f["interval"]));
        assert!(page.contains(&shown), "{}: {shown}", f["label"]);
        let conclusion = text(&f["conclusion"]);
        assert_eq!(page.matches(&conclusion).count(), 1, "{conclusion}");
        let caution = text(&f["caution"]);
        assert_eq!(
            page.matches(&caution).count(),
            figures
                .iter()
                .filter(|g| g["caution"] == f["caution"])
                .count(),
            "each caution once, inside its conclusion: {caution}"
        );
        for c in f["comparisons"].as_array().unwrap() {
            let row = cells(c, &["label", "rate", "ratio", "difference"], "<td>")
                + &format!("<td>{} ({})</td>", text(&c["fisher_p"]), text(&c["mid_p"]));
            assert!(page.contains(&row), "{row}");
        }
    }
    let surveys = view["surveys"].as_array().unwrap();
    assert!(!surveys.is_empty());
    for q in surveys {
        let row = cells(q, &["n", "pre", "post", "change"], "<td class=\"num\">")
            + &format!("<td>{}</td>", text(&q["interval"]));
        assert!(page.contains(&row), "{row}");
        assert!(
            page.contains(&text(&q["conclusion"])),
            "{}",
            q["conclusion"]
        );
    }
}
/// The documents page offers every document `report` writes, and each one,
/// shown alone to print or downloaded, is the same bytes as the file the
/// command writes (HTML and Markdown); the trends of this one cohort too.
#[test]
fn every_document_report_writes_is_on_the_documents_page_byte_for_byte() {
    let s = Server::example(&[]);
    let dir = s.dir.to_str().unwrap();
    let out = tempfile::tempdir().unwrap();
    let to = out.path().to_str().unwrap();
    let kinds: [&[&str]; 5] = [
        &["cohort"],
        &["career-plan"],
        &["resume"],
        &["handouts"],
        &["trends", dir],
    ];
    for kind in kinds {
        Test::new()
            .args(["-C", dir, "--today", super::TODAY, "report"])
            .args(kind.iter().copied())
            .args(["--out", to])
            .run()
            .ok();
    }
    let page = s.get("/documents").body;
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(out.path()) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(out.path()).unwrap();
        let rel = rel.to_str().unwrap();
        let (name, ext) = rel.rsplit_once('.').unwrap();
        assert!(
            page.contains(&format!("href=\"/documents?doc={name}\"")),
            "{name} is not listed"
        );
        let r = s.get(&format!("/documents/file/{rel}?download=1"));
        assert_eq!(r.status, 200, "{rel}");
        let file = rel.rsplit('/').next().unwrap();
        assert_eq!(
            r.header("content-disposition"),
            Some(format!("attachment; filename=\"{file}\"").as_str()),
            "{rel}"
        );
        let want = std::fs::read_to_string(entry.path()).unwrap();
        assert!(r.body == want, "{rel} differs from what report writes");
        if ext == "html" {
            let shown = s.get(&format!("/documents/file/{rel}"));
            assert_eq!(shown.body, want, "{rel} to print");
            assert_eq!(shown.header("content-disposition"), None, "{rel}");
        }
        seen += 1;
    }
    // The cohort report, trends, 7 career plans, 7 resumes, 18 handouts,
    // and the certificates, each as HTML and Markdown.
    assert!(seen >= 2 * (2 + 7 + 7 + 18), "{seen}");
}

/// The people list's filters pick out whom `progress` and `screen` name:
/// by department, by decision, and who is at risk, with why on the page.
#[test]
fn the_people_filters_agree_with_the_commands() {
    let s = Server::example_on("2016-10-01");
    let count = |path: &str| {
        let page = s.get(path).body;
        let at = page.find("id=\"count\" role=\"status\">").unwrap() + 25;
        page[at..].split('<').next().unwrap().to_string()
    };
    assert_eq!(count("/people"), "Showing 10 of 10.");
    assert_eq!(
        count("/people?department=Technical+Services"),
        "Showing 3 of 10."
    );
    assert_eq!(count("/people?decision=ineligible"), "Showing 1 of 10.");
    let out = Test::new()
        .args(["-C", s.dir.to_str().unwrap(), "--today", "2016-10-01"])
        .args(["progress", "--at-risk", "--format", "json"])
        .run()
        .ok();
    let risky: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(risky.len(), 2);
    let page = s.get("/people?risk=yes").body;
    assert!(page.contains("Showing 2 of 10."), "{page}");
    for row in &risky {
        let id = row["id"].as_str().unwrap();
        assert!(page.contains(&format!("href=\"/people/{id}\"")), "{id}");
    }
    assert_eq!(count("/people?risk=no"), "Showing 8 of 10.");
    let overview = s.get("/").body;
    assert!(overview.contains("At risk (2)"), "{overview}");
}

/// Times read as on the printed handouts: the program's clock (12-hour for
/// a US zone unless `[program] clock` says otherwise), on the calendar and
/// on the tablet's sign-in page.
#[test]
fn the_calendar_and_sign_in_page_print_times_as_the_handouts_do() {
    for (clock, want, not) in [
        (None, "2:00 PM", ">14:00<"),
        (Some("24h"), "14:00", "2:00 PM"),
    ] {
        let t = Test::example("career-development");
        if let Some(clock) = clock {
            let program = t.path().join("program.toml");
            let text = std::fs::read_to_string(&program).unwrap().replace(
                "timezone = \"America/Chicago\"",
                &format!("timezone = \"America/Chicago\"\nclock = \"{clock}\""),
            );
            std::fs::write(&program, text).unwrap();
        }
        let out = t.path().join("out");
        Test::new()
            .args([
                "-C",
                t.path().to_str().unwrap(),
                "report",
                "handouts",
                "--format",
                "md",
            ])
            .args(["--out", out.to_str().unwrap()])
            .run()
            .ok();
        let sheet = std::fs::read_to_string(
            out.join("handouts/2016-01-12-career-personality-assessments-sign-in.md"),
        )
        .unwrap();
        assert!(
            sheet.contains(want),
            "the handout, clock {clock:?}:\n{sheet}"
        );
        let s = Server::start(t.path(), &[]);
        for path in [
            "/sessions",
            "/sessions/2016-01-12-career-personality-assessments",
        ] {
            let body = s.get(path).body;
            assert!(
                body.contains(want) && !body.contains(not),
                "{path} with clock {clock:?} must print {want}:\n{body}"
            );
        }
    }
}

/// A mentee who applied after the screening is named on the overview and
/// left out of the matching, in the words the commands print.
#[test]
fn the_dashboard_names_a_mentee_who_applied_after_screening() {
    let t = Test::example("career-development");
    Test::new()
        .args([
            "-C",
            t.path().to_str().unwrap(),
            "apply",
            "--name",
            "Seán O'Brien",
        ])
        .args(["--email", "sean@anytownlibrary.org", "--role", "mentee"])
        .args(["--department", "Reference", "--no-input"])
        .run()
        .ok();
    let s = Server::start(t.path(), &[]);
    let note = "1 mentee is not in screening.yaml, so not in the cohort (sean-obrien)";
    assert!(
        s.get("/").body.contains(note),
        "the overview must name the newcomer"
    );
    let matching = s.get("/matching").body;
    assert!(
        matching.contains(&format!("left out of the matching: {note}")),
        "{matching}"
    );
}
