//! How long `report career-plan` takes on a large cohort, against the time
//! it takes to load the folder: the target is rendering 1,000 career plans
//! (Markdown and HTML) in under twice the load time.
//!
//! `cargo bench --bench report`. The folder is generated once, in a
//! temporary directory: 1,000 mentees with every career-plan field filled
//! in, 10 mentors (100 mentees each) and 9 workshops that everyone attended.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::sync::LazyLock;

use mentorkit::cohort::{Cohort, Inputs};
use mentorkit::render::{Format, Renderer, Reports};
use tempfile::TempDir;

/// Mentees in the generated folder.
const MENTEES: usize = 1_000;

fn main() {
    divan::main();
}

static FOLDER: LazyLock<TempDir> = LazyLock::new(|| {
    let dir = TempDir::new().unwrap();
    generate(dir.path(), MENTEES);
    dir
});

/// Writes a program folder of `mentees` mentees with full records.
fn generate(root: &Path, mentees: usize) {
    fs::create_dir_all(root.join("participants")).unwrap();
    fs::create_dir_all(root.join("sessions")).unwrap();
    fs::write(
        root.join("program.toml"),
        "[program]\nname = \"Career Development Mentorship Program\"\norganization = \"Anytown Public Library\"\nstarts = 2016-01-01\nends = 2016-10-31\ntimezone = \"America/Chicago\"\n\n[completion]\nmin_attendance = 0.75\ndeliverables = [\"career-plan\", \"resume\"]\n",
    )
    .unwrap();
    let departments = [
        "Circulation",
        "Technical Services",
        "Youth Services",
        "Adult Services",
    ];
    let mbti = ["ISFJ", "ENFP", "INTP", "ESTJ"];
    let mut ids = Vec::with_capacity(mentees);
    for i in 0..mentees {
        let id = format!("mentee-{i:04}");
        let dept = departments[i % departments.len()];
        let mut y = String::new();
        writeln!(y, "name: Mentee {i:04} Example").unwrap();
        writeln!(y, "email: mentee{i}@anytownlibrary.org").unwrap();
        writeln!(
            y,
            "role: mentee\ndepartment: {dept}\nposition: Library Assistant {}",
            i % 3 + 1
        )
        .unwrap();
        writeln!(
            y,
            "branch: Branch {}\nhired: 2012-0{}-15\napplied: 2015-11-0{}",
            i % 7,
            i % 9 + 1,
            i % 9 + 1
        )
        .unwrap();
        writeln!(
            y,
            "competencies: [leadership, public speaking]\navailability: [tue-pm, thu-am]"
        )
        .unwrap();
        writeln!(
            y,
            "career_goal: Become a supervisor in {dept} within three years."
        )
        .unwrap();
        writeln!(
            y,
            "motivation: I want a plan <and> a path, not a wish & a hope."
        )
        .unwrap();
        writeln!(
            y,
            "mission_statement: I help every patron leave with what they came for."
        )
        .unwrap();
        writeln!(
            y,
            "assessments:\n  mbti: {}\n  holland: [S, E, C]",
            mbti[i % 4]
        )
        .unwrap();
        writeln!(y, "swot:\n  strengths: [patron service, training staff]\n  weaknesses: [public speaking]\n  opportunities: [retirements]\n  threats: [self-checkout]").unwrap();
        writeln!(y, "smart_goals:\n  - goal: Lead two staff trainings\n    measure: trainings delivered\n    target: 2016-06-30\n    status: done\n  - goal: Apply for the supervisor opening\n    measure: application submitted\n    target: 2016-12-31\n    status: in-progress").unwrap();
        writeln!(y, "experience:\n  - title: Library Assistant II\n    organization: Anytown Public Library\n    start: 2013\n    end: present\n    highlights: [Trains new staff, Handles account disputes]").unwrap();
        writeln!(y, "education:\n  - degree: AA, General Studies\n    institution: Anytown Community College\n    year: 2009").unwrap();
        writeln!(y, "skills: [ILS circulation, Spanish, conflict resolution]").unwrap();
        writeln!(
            y,
            "deliverables:\n  career-plan: done\n  resume: {}",
            if i % 5 == 0 { "draft" } else { "done" }
        )
        .unwrap();
        writeln!(
            y,
            "surveys:\n  pre: {{confidence: 2, clarity: 2}}\n  post: {{confidence: 4, clarity: 4}}"
        )
        .unwrap();
        fs::write(root.join("participants").join(format!("{id}.yaml")), y).unwrap();
        ids.push(id);
    }
    for m in 0..10 {
        fs::write(
            root.join("participants").join(format!("mentor-{m}.yaml")),
            format!("name: Mentor {m}\nemail: mentor{m}@anytownlibrary.org\nrole: mentor\ndepartment: Administration\ncapacity: 100\navailability: [tue-pm]\n"),
        )
        .unwrap();
    }
    let attendance = ids.join(", ");
    for month in 1..=9 {
        fs::write(
            root.join("sessions").join(format!("2016-{month:02}-12-workshop.yaml")),
            format!("title: Workshop {month}\ndate: 2016-{month:02}-12\ntime: \"14:00\"\nduration: 2h30m\nattendance: [{attendance}]\n"),
        )
        .unwrap();
    }
}

/// Loading and validating the whole folder (the reference time).
#[divan::bench(sample_count = 10)]
fn load_folder(bencher: divan::Bencher) {
    let root = FOLDER.path();
    bencher.bench(|| mentorkit::store::load(root).unwrap());
}

/// Contexts for 1,000 career plans, each rendered as Markdown and HTML.
#[divan::bench(sample_count = 10)]
fn render_1000_career_plans(bencher: divan::Bencher) {
    let folder = mentorkit::store::load(FOLDER.path()).unwrap();
    bencher.bench(|| {
        let facts = Cohort::derive(Inputs {
            folder: &folder,
            screening: None,
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        });
        let roster = facts.roster();
        assert_eq!(roster.len(), MENTEES);
        let docs = Reports::new(&facts, None).career_plans(&roster).unwrap();
        let renderer = Renderer::new(&[]).unwrap();
        let mut bytes = 0;
        for doc in &docs {
            for format in [Format::Md, Format::Html] {
                bytes += renderer.render(doc, format).unwrap().len();
            }
        }
        bytes
    });
}
