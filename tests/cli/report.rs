//! `report`: every built-in template snapshotted on the career-development
//! example, escaping and privacy on hostile input, overrides, errors, and
//! the same bytes for the same folder.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::support::{Test, repo};

/// Every file under `dir`, by path relative to it.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .display()
                .to_string();
            out.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    out
}

/// Renders every kind into `out/` of a copy of the example.
fn render_all(mut t: Test) -> crate::support::Run {
    for kind in ["cohort", "career-plan", "resume", "handouts"] {
        t = t.args(["report", kind]).run().ok().then();
    }
    t.args(["report", "cohort", "--format", "md"]).run().ok()
}

#[test]
fn every_built_in_template_on_the_example() {
    let run = render_all(Test::example("career-development"));
    let session = "handouts/2016-08-09-leaders-across-the-profession";
    for (snapshot, file) in [
        ("cohort.md", "cohort.md".to_string()),
        ("cohort.html", "cohort.html".to_string()),
        (
            "career-plan.md",
            "career-plans/maria-gonzalez.md".to_string(),
        ),
        (
            "career-plan.html",
            "career-plans/maria-gonzalez.html".to_string(),
        ),
        (
            "career-plan-to-fill-in.md",
            "career-plans/robert-olsen.md".to_string(),
        ),
        ("resume.md", "resumes/maria-gonzalez.md".to_string()),
        ("resume.html", "resumes/maria-gonzalez.html".to_string()),
        (
            "resume-to-fill-in.md",
            "resumes/robert-olsen.md".to_string(),
        ),
        ("agenda.md", format!("{session}-agenda.md")),
        ("agenda.html", format!("{session}-agenda.html")),
        ("sign-in.md", format!("{session}-sign-in.md")),
        ("sign-in.html", format!("{session}-sign-in.html")),
        (
            "certificate.md",
            "certificates/maria-gonzalez.md".to_string(),
        ),
        (
            "certificate.html",
            "certificates/maria-gonzalez.html".to_string(),
        ),
    ] {
        insta::assert_snapshot!(snapshot, run.read(&format!("out/{file}")));
    }
}

#[test]
fn trends_across_the_two_examples() {
    let t = Test::new();
    super::support::copy_tree(
        &repo().join("examples/career-development"),
        &t.path().join("cd"),
    );
    super::support::copy_tree(
        &repo().join("examples/tech-mentoring"),
        &t.path().join("tech"),
    );
    let run = t
        .args(["report", "trends", "tech", "cd"])
        .run()
        .ok()
        .stdout_is("out/trends.md\nout/trends.html\n")
        .stderr_is("wrote 2 files in out\n");
    insta::assert_snapshot!("trends.md", run.read("out/trends.md"));
    insta::assert_snapshot!("trends.html", run.read("out/trends.html"));
}

#[test]
fn the_same_folder_gives_the_same_bytes() {
    let first = render_all(Test::example("career-development"));
    let second = render_all(Test::example("career-development"));
    let (a, b) = (
        files(&first.path().join("out")),
        files(&second.path().join("out")),
    );
    // Screened: the 7 accepted mentees are the cohort (7 career plans and resumes).
    assert_eq!(a.len(), 2 + 7 * 2 + 7 * 2 + 9 * 4 + 4 * 2);
    assert_eq!(a, b);
    // A second run over the same folder changes nothing.
    first
        .then()
        .args(["report", "career-plan"])
        .run()
        .ok()
        .stderr_is("wrote 14 files in out (14 unchanged)\n");
}

#[test]
fn formats_out_person_and_dry_run() {
    Test::example("career-development")
        .args([
            "report",
            "career-plan",
            "--person",
            "linda-park",
            "--format",
            "html",
            "--out",
            "print",
        ])
        .run()
        .ok()
        .stdout_is("print/career-plans/linda-park.html\n")
        .stderr_is("wrote 1 file in print\n");
    let run = Test::example("career-development")
        .args(["report", "handouts", "--dry-run"])
        .run()
        .ok();
    assert!(!run.exists("out"));
    assert_eq!(run.stdout.lines().count(), 9 * 4 + 4 * 2);
    assert!(run.stdout.contains("out/certificates/keisha-brown.md\n"));
    assert_eq!(
        run.stderr,
        "dry run: would write 44 files in out; nothing written\n"
    );
}

#[test]
fn certificates_only_for_those_who_completed() {
    let run = Test::example("career-development")
        .args(["report", "handouts", "--format", "md"])
        .run()
        .ok();
    let certs: Vec<String> = files(&run.path().join("out/certificates"))
        .into_keys()
        .collect();
    assert_eq!(
        certs,
        [
            "james-carter.md",
            "keisha-brown.md",
            "linda-park.md",
            "maria-gonzalez.md"
        ]
    );
    Test::example("career-development")
        .args(["report", "handouts", "--person", "tom-nguyen"])
        .run()
        .code(1)
        .stderr_is("error: no certificate for `tom-nguyen`: their record has outcome.completed: false, and the [completion] rule agrees (attended 5 of 9 workshops, and the rule asks for 75%; vision-board is not-started)\n");
    // Screening finds daniel-reyes, a manager, ineligible.
    Test::example("career-development")
        .args(["screen"])
        .run()
        .ok()
        .then()
        .args(["report", "handouts", "--person", "daniel-reyes"])
        .run()
        .code(1)
        .stderr_is("error: no certificate for `daniel-reyes`: they are not in the cohort\n");
    Test::example("career-development")
        .args(["report", "handouts", "--person", "maria-gonzales"])
        .run()
        .code(1)
        .stderr_is("error: no participant `maria-gonzales`; did you mean `maria-gonzalez`?\n");
}

#[test]
fn wrong_usage_exits_2() {
    let cases = [
        (
            vec!["report", "trends"],
            "error: `report trends` compares cohort folders; name them: mentorkit report trends FOLDER FOLDER…\n",
        ),
        (
            vec!["report", "cohort", "elsewhere"],
            "error: `report cohort` takes no folders (only `report trends` does); use -C DIR for the program folder\n",
        ),
        (
            vec!["report", "cohort", "--person", "ana"],
            "error: --person does not apply to `report cohort`; it selects one person's career plan, resume or certificate\n",
        ),
    ];
    for (args, stderr) in cases {
        Test::example("career-development")
            .args(args)
            .run()
            .code(2)
            .stderr_is(stderr);
    }
}

const HOSTILE: &str = r##"name: "<b>Liu</b>"
email: liu@x.org
role: mentee
department: "<i>Dept</i> | x"
position: "*Clerk* [me](javascript:alert(1))"
motivation: "<script>alert('motivation')</script>"
career_goal: "# Heading\n- item"
mission_statement: "<img src=x onerror=alert(1)>"
skills: ["<script>s</script>", "`tick`"]
swot:
  strengths: ["<u>u</u>"]
smart_goals:
  - goal: "<a href='javascript:alert(1)'>go</a>"
    measure: "&lt;already&gt;"
deliverables:
  career-plan: done
  resume: done
  mission-statement: done
  vision-board: done
surveys:
  pre: {"<q>": 1}
  post: {"<q>": 5}
testimonial:
  quote: UNCONSENTED-QUOTE-7f3a
  consent: false
"##;

const HOSTILE_SESSION: &str = r#"title: "<script>alert('title')</script>"
date: 2016-10-25
time: "14:00"
location: "<b>Room</b>"
online: "javascript:alert(1)"
topics: ["<i>t</i>"]
attendance: [liu]
"#;

/// The example with a hostile participant, session and private journal.
fn hostile() -> Test {
    // Unscreened, so that liu, recorded in a session, is in the cohort.
    Test::unscreened_example("career-development")
        .file("participants/liu.yaml", HOSTILE)
        .file("sessions/2016-10-25-x.yaml", HOSTILE_SESSION)
        .file("private/liu-journal.md", "PRIVATE-NOTE-91c2\n")
        .file(
            "participants/aisha-khan.yaml",
            fs::read_to_string(
                repo().join("examples/career-development/participants/aisha-khan.yaml"),
            )
            .unwrap()
            .replace(
                "I was not ready to share this yet.",
                "UNCONSENTED-QUOTE-2b8e",
            ),
        )
        .file(
            "participants/linda-park.yaml",
            fs::read_to_string(
                repo().join("examples/career-development/participants/linda-park.yaml"),
            )
            .unwrap()
            .replace(
                "Writing a mission statement changed how I talk about my work.",
                "<script>alert('quote')</script> *really*",
            ),
        )
}

#[test]
fn hostile_text_prints_as_text() {
    let run = render_all(hostile());
    let out = files(&run.path().join("out"));
    let liu: Vec<&String> = out
        .keys()
        .filter(|k| k.contains("liu") || k.contains("2016-10-25"))
        .collect();
    assert_eq!(liu.len(), 2 + 2 + 4, "{liu:?}");
    for (name, bytes) in &out {
        let text = String::from_utf8(bytes.clone()).unwrap();
        for raw in [
            "<script",
            "<b>Liu",
            "<i>",
            "<img",
            "<u>",
            "<a href='javascript",
            "href=\"javascript",
            "<q>",
        ] {
            assert!(!text.contains(raw), "{name} has {raw}");
        }
        if name.ends_with(".md") {
            // Markdown viewers render raw HTML: it arrives as entities.
            assert!(!text.contains("<b>"), "{name}");
        }
    }
    let plan = run.read("out/career-plans/liu.html");
    assert!(plan.contains("&lt;b&gt;Liu&lt;/b&gt;"), "{plan}");
    assert!(
        plan.contains("&lt;script&gt;alert(&#39;motivation&#39;)&lt;/script&gt;"),
        "{plan}"
    );
    let plan = run.read("out/career-plans/liu.md");
    assert!(
        plan.contains("# Career plan: &lt;b&gt;Liu&lt;/b&gt;\n"),
        "{plan}"
    );
    assert!(plan.contains("\\# Heading - item"), "{plan}");
    assert!(
        plan.contains("\\*Clerk\\* \\[me\\](javascript:alert(1))"),
        "{plan}"
    );
    assert!(plan.contains("&amp;lt;already&amp;gt;"), "{plan}");
    let sheet = run.read("out/handouts/2016-10-25-x-sign-in.md");
    assert!(
        sheet.contains("| &lt;i&gt;Dept&lt;/i&gt; \\| x |"),
        "{sheet}"
    );
    let agenda = run.read("out/handouts/2016-10-25-x-agenda.html");
    assert!(agenda.contains("javascript:alert(1)"), "shown as text");
    assert!(!agenda.contains("<a href"), "never a link: {agenda}");
    let cohort = run.read("out/cohort.md");
    assert!(
        cohort.contains("> “&lt;script&gt;alert('quote')&lt;/script&gt; \\*really\\*”"),
        "{cohort}"
    );
    let cohort = run.read("out/cohort.html");
    assert!(
        cohort.contains("&lt;q&gt;"),
        "the survey question in the chart is text"
    );
}

#[test]
fn private_notes_and_unconsented_quotes_never_appear() {
    let mut t = hostile();
    let mut seen = String::new();
    for kind in ["cohort", "career-plan", "resume", "handouts"] {
        let run = t.args(["report", kind, "--context"]).run().ok();
        seen.push_str(&run.stdout);
        t = run.then();
    }
    let run = render_all(t);
    assert!(
        seen.contains("For the first time I had a plan"),
        "consented quotes are there"
    );
    for bytes in files(&run.path().join("out")).values() {
        seen.push_str(&String::from_utf8_lossy(bytes));
    }
    for secret in [
        "UNCONSENTED-QUOTE-7f3a",
        "UNCONSENTED-QUOTE-2b8e",
        "PRIVATE-NOTE-91c2",
        "maria-gonzalez-journal",
    ] {
        assert!(!seen.contains(secret), "{secret} leaked");
    }
}

#[test]
fn a_template_that_leads_into_private_is_refused() {
    let t =
        Test::example("career-development").file("private/cohort.md", "{{ program.name }} PRIVATE");
    fs::create_dir_all(t.path().join("templates")).unwrap();
    std::os::unix::fs::symlink(
        t.path().join("private/cohort.md"),
        t.path().join("templates/cohort.md"),
    )
    .unwrap();
    t.args(["report", "cohort"])
        .run()
        .code(1)
        .stderr_is("error: templates/cohort.md: leads into private/, which reports never read\n  = help: copy the template into templates/ instead of linking to it\n");
}

#[test]
fn an_override_in_templates_wins() {
    let run = Test::example("career-development")
        .file("templates/career-plan.md", "Plan for {{ person.name }}: {{ person.career_goal }}\n")
        .file(
            "templates/base.html",
            "<html><title>{% block title %}{% endblock %}</title><style>{% block style %}{% endblock %}</style><body class=\"ours\">{% block body %}{% endblock %}</body></html>\n",
        )
        .file("templates/notes.txt", "not a template")
        .args(["report", "career-plan", "--person", "maria-gonzalez"])
        .run()
        .ok();
    assert_eq!(
        run.read("out/career-plans/maria-gonzalez.md"),
        "Plan for María González: Become a circulation supervisor within three years.\n"
    );
    let html = run.read("out/career-plans/maria-gonzalez.html");
    assert!(
        html.starts_with("<html><title>Career plan: María González</title>"),
        "{html}"
    );
    assert!(html.contains("<body class=\"ours\">"), "{html}");
    assert!(
        html.contains("<h1>María González</h1>"),
        "the built-in body, in our layout"
    );
}

#[test]
fn template_errors_name_the_file_and_line() {
    Test::example("career-development")
        .file("templates/cohort.md", "# Report\n{{ program.nope }}\n")
        .args(["report", "cohort"])
        .run()
        .code(1)
        .stderr_is("error: templates/cohort.md:2:12: Field `nope` is not defined. Available fields: clock, ends, kind, name, organization, starts, timezone\n 2 | {{ program.nope }}\n   |            ^\n");
    let run = Test::example("career-development")
        .file(
            "templates/resume.html",
            "<p>\n{{ person.name | shout }}\n{% for x in %}\n",
        )
        .args(["report", "resume"])
        .run()
        .code(1);
    assert!(
        run.stderr
            .starts_with("error: templates/resume.html:3:13: "),
        "{}",
        run.stderr
    );
    assert!(
        !run.exists("out"),
        "nothing is written when a template fails"
    );
}

#[test]
fn screening_and_matches_are_read_when_present() {
    let t = Test::example("career-development").file(
        "matches.yaml",
        concat!(
            "mode: group\ntotal: 0\noptimal: false\n",
            "weights: {competency: 10, cross_department: 3, availability: 2, modality: 2, preference: 0}\n",
            "matches:\n  - mentor: patricia-wells\n    mentees: [maria-gonzalez, aisha-khan]\n    slot: tue-pm\n",
            "    score: 0\n    parts: {competency: 0, cross_department: 0, availability: 0, modality: 0, preference: 0}\n",
            "  - mentor: samuel-lee\n    mentees: [james-carter, linda-park, keisha-brown]\n    slot: tue-pm\n",
            "    score: 0\n    parts: {competency: 0, cross_department: 0, availability: 0, modality: 0, preference: 0}\n",
        ),
    );
    let run = t
        .args(["screen"])
        .run()
        .ok()
        .then()
        .args(["report", "cohort", "--format", "md"])
        .run()
        .ok();
    let md = run.read("out/cohort.md");
    // Daniel Reyes manages a desk: 8 applied, 7 eligible, all 7 accepted.
    assert!(md.contains("| 8 | 7 | 7 | 4 |"), "{md}");
    assert!(md.contains("| Circulation | 5 | 4 | 4 | 4 | 2 |"), "{md}");
    assert!(md.contains("· 7 in the cohort ·"), "{md}");
    assert!(
        md.contains("| Patricia Wells | Aisha Khan, María González | Tuesday afternoon |"),
        "{md}"
    );
    assert!(
        md.contains("Not matched: Robert Olsen, Tom Nguyen."),
        "{md}"
    );
    // A matches.yaml that cannot be read does not stop the report, which does
    // without matches before `match` has run (issue 15): it is left out, and
    // a warning says why.
    Test::example("career-development")
        .file("matches.yaml", "matches: [\n")
        .args(["report", "cohort"])
        .run()
        .ok()
        .stderr_has("warning: matches.yaml:")
        .stderr_has("note: the report leaves the matches out");
}

/// Regression: after `schedule --meetings` the tech cohort report ran to
/// pages of meeting rows, each "to come" though its day had passed. Past
/// sessions with nothing recorded say "not recorded", and meetings are
/// summed up per pair or group.
#[test]
fn meetings_are_summed_up_and_past_sessions_say_not_recorded() {
    let run = Test::example("tech-mentoring")
        .args(["screen"])
        .run()
        .ok()
        .then()
        .args(["match"])
        .run()
        .ok()
        .then()
        .env("MENTORKIT_TODAY", "2026-12-01")
        .args(["schedule", "--meetings"])
        .run()
        .ok()
        .then()
        .env("MENTORKIT_TODAY", "2026-12-01")
        .args(["report", "cohort", "--format", "md"])
        .run()
        .ok();
    let md = run.read("out/cohort.md");
    assert!(!md.contains("to come"), "{md}");
    assert!(
        md.contains("| Sep 17, 2025 | Kick-off: Skills Inventory | not recorded |"),
        "{md}"
    );
    let meetings: Vec<&str> = md
        .split("## Pair and group meetings")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Mentor"))
        .collect();
    assert_eq!(meetings.len(), 5, "one line per group: {meetings:?}");
    assert!(
        meetings[0].starts_with(
            "| Noah Fischer | Ava Martin, Grace Obi, Henry Walsh | 0 of 21 (21 not recorded) |"
        ),
        "{meetings:?}"
    );
}
