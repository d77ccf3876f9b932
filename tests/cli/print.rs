//! The handouts printed to PDF by a real browser (headless Chromium), then
//! read back with poppler (`pdfinfo`, `pdftotext`): one certificate per
//! landscape page, an agenda and a sign-in sheet per page, and a long
//! sign-in sheet that breaks between rows and repeats its heading and header. Without
//! chromium or poppler the tests fail when `CI` is set, and are reported as
//! skipped otherwise.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Test;

/// The browser, when one is installed.
fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find_map(|name| {
            let ok = Command::new(name)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            ok.then(|| PathBuf::from(name))
        })
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// The browser, when it and poppler are installed; else the test is
/// skipped, or fails when `CI` is set.
fn tools(test: &str) -> Option<PathBuf> {
    let Some(browser) = chromium() else {
        mentorkit_testkit::missing_tool(test, "chromium");
        return None;
    };
    if !have("pdfinfo") || !have("pdftotext") {
        mentorkit_testkit::missing_tool(test, "poppler-utils (pdfinfo, pdftotext)");
        return None;
    }
    Some(browser)
}

/// Prints `html` to `pdf` (waiting at most a minute).
fn print(browser: &Path, html: &Path, pdf: &Path, profile: &Path) {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed on {}", html.display());
            break;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium took more than a minute on {}", html.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(pdf.is_file(), "no PDF for {}", html.display());
}

/// Pages and page size (`612 x 792 pts (letter)`) from `pdfinfo`.
fn info(pdf: &Path) -> (usize, String) {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    (field("Pages:").parse().unwrap(), field("Page size:"))
}

/// The text of one page (1-based).
fn page_text(pdf: &Path, page: usize) -> String {
    let n = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-layout", "-f", &n, "-l", &n])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const LETTER: &str = "612 x 792 pts (letter)";
const LETTER_LANDSCAPE: &str = "792 x 612 pts (letter)";

#[test]
fn handouts_print_one_per_page_in_chromium() {
    let Some(browser) = tools("handouts_print_one_per_page_in_chromium") else {
        return;
    };
    let run = Test::example("career-development")
        .args(["report", "handouts", "--format", "html"])
        .run()
        .ok();
    let out = run.path().join("out");
    let pdfs = run.path().join("pdf");
    std::fs::create_dir_all(&pdfs).unwrap();
    let profile = run.path().join("chromium-profile");
    let session = "2016-08-09-leaders-across-the-profession";

    let cert = pdfs.join("certificate.pdf");
    print(
        &browser,
        &out.join("certificates/maria-gonzalez.html"),
        &cert,
        &profile,
    );
    assert_eq!(info(&cert), (1, LETTER_LANDSCAPE.to_string()));
    let text = page_text(&cert, 1);
    for piece in [
        "Certificate",
        "COMPLETION",
        "María González",
        "Career Development Mentorship Program",
        "attending 9 of 9 workshops",
        "Awarded October 31, 2016",
        "PROGRAM COORDINATOR",
        "DIRECTOR",
    ] {
        assert!(text.contains(piece), "certificate lacks {piece:?}:\n{text}");
    }

    let agenda = pdfs.join("agenda.pdf");
    print(
        &browser,
        &out.join(format!("handouts/{session}-agenda.html")),
        &agenda,
        &profile,
    );
    assert_eq!(info(&agenda), (1, LETTER.to_string()));
    let text = page_text(&agenda, 1);
    for piece in [
        "Leaders Across the Profession",
        // America/Chicago: a 12-hour clock.
        "Tuesday, August 9, 2016, 2:00 PM–4:30 PM",
        "Central Library, Meeting Room B",
        "Director of Public Services",
    ] {
        assert!(text.contains(piece), "agenda lacks {piece:?}:\n{text}");
    }

    let sheet = pdfs.join("sign-in.pdf");
    print(
        &browser,
        &out.join(format!("handouts/{session}-sign-in.html")),
        &sheet,
        &profile,
    );
    assert_eq!(info(&sheet), (1, LETTER.to_string()));
    let text = page_text(&sheet, 1);
    let names = [
        "Aisha Khan",
        "James Carter",
        "Keisha Brown",
        "Linda Park",
        "María González",
        "Robert Olsen",
        "Tom Nguyen",
    ];
    let places: Vec<usize> = names
        .iter()
        .map(|n| {
            text.find(n)
                .unwrap_or_else(|| panic!("sign-in lacks {n}:\n{text}"))
        })
        .collect();
    assert!(
        places.windows(2).all(|w| w[0] < w[1]),
        "sorted by name:\n{text}"
    );
}

#[test]
fn a_long_sign_in_sheet_breaks_between_rows_and_repeats_its_header() {
    let Some(browser) = tools("a_long_sign_in_sheet_breaks_between_rows_and_repeats_its_header")
    else {
        return;
    };
    let mut t = Test::program();
    let mut ids = Vec::new();
    for i in 1..=45 {
        let id = format!("mentee-{i:02}");
        t = t.file(
            &format!("participants/{id}.yaml"),
            format!(
                "name: Mentee {i:02}\nemail: m{i}@x.org\nrole: mentee\ndepartment: Circulation\n"
            ),
        );
        ids.push(id);
    }
    let t = t.file(
        "sessions/2016-03-08-kickoff.yaml",
        format!(
            "title: Kick-off\ndate: 2016-03-08\ntime: \"14:00\"\nduration: 2h\nlocation: Main Library\nattendance: [{}]\n",
            ids.join(", ")
        ),
    );
    let run = t
        .args(["report", "handouts", "--format", "html"])
        .run()
        .ok();
    let pdf = run.path().join("sign-in.pdf");
    print(
        &browser,
        &run.path()
            .join("out/handouts/2016-03-08-kickoff-sign-in.html"),
        &pdf,
        &run.path().join("chromium-profile"),
    );
    let (pages, size) = info(&pdf);
    assert_eq!(size, LETTER);
    assert!((2..=4).contains(&pages), "{pages} pages");
    let mut seen = Vec::new();
    for page in 1..=pages {
        let text = page_text(&pdf, page);
        assert!(
            text.contains("Name") && text.contains("Signature"),
            "page {page} repeats the header:\n{text}"
        );
        // Regression: the second page did not say which session it was for.
        assert!(
            text.contains("Kick-off") && text.contains("Tuesday, March 8, 2016, 2:00 PM–4:00 PM"),
            "page {page} repeats the session and its date:\n{text}"
        );
        for line in text.lines() {
            // A whole row is its number and its name on one line.
            if let Some(at) = line.find("Mentee ") {
                let name = line[at..at + 9].to_string();
                let number: usize = line[..at].trim().parse().unwrap_or(0);
                assert_eq!(number, seen.len() + 1, "page {page}: {line}");
                seen.push(name);
            }
        }
    }
    let want: Vec<String> = (1..=45).map(|i| format!("Mentee {i:02}")).collect();
    assert_eq!(seen, want, "every row once, in order, none cut");
}
