//! Files mentorkit writes itself, at sizes a large library system reaches,
//! must read back; a stale generated file must not block what does not need
//! it; work with a size bound must say so before it starts.

use std::fs;

use super::{assert_checks, cmd, person, program, read, write};
use crate::support::Test;

/// Applicants `screen` decides on: past the size whose `screening.yaml` the
/// loader's alias-bomb budget refused.
const SCREEN_APPLICANTS: usize = 2_500;

/// Mentees `match` pairs (with a quarter as many mentors taking four each):
/// past the size whose `matches.yaml` the loader refused (about 900).
const MATCH_MENTEES: usize = 1_000;

/// Attendees of one session once `attend` has added the last few.
const SESSION_ATTENDEES: usize = 20_000;

/// The size of group matching (mentee–mentor pairs that share a slot)
/// that mentorkit declares it handles; past it, `match` must say so before
/// it starts. The tool must print this figure: if the budget in src/ moves,
/// move it here too.
const GROUP_PAIR_BUDGET: usize = 2_000_000;

// Broke: `screen` with 2,500 applicants wrote a screening.yaml that every
// later command refused ("expands to too many values (aliases or
// repetition)", though it has no alias), and `screen` again said "unchanged".
#[test]
fn screening_yaml_written_for_2500_applicants_reads_back() {
    let t = Test::new();
    let dir = t.path();
    write(
        dir,
        "program.toml",
        program("[eligibility]\nmin_years_of_service = 1\ncapacity = 100\n"),
    );
    for i in 0..SCREEN_APPLICANTS {
        write(
            dir,
            &format!("participants/p-{i}.yaml"),
            person(&format!("Person {i}"), &format!("p{i}@x.org"), "mentee", ""),
        );
    }
    cmd(dir, &["screen"]).ok();
    assert!(read(dir, "screening.yaml").contains("p-2499:"));
    assert_checks(dir);
    cmd(dir, &["list", "participants", "--format", "json"]).ok();
    cmd(dir, &["progress"]).ok();
    cmd(dir, &["screen"]).ok();
}

/// `n` people of `role` in `dir`, `participants/{prefix}-{i}.yaml`, each
/// with `extra` fields.
fn people(dir: &std::path::Path, prefix: &str, role: &str, n: usize, extra: &str) {
    let name = if role == "mentor" { "Mentor" } else { "Mentee" };
    for i in 0..n {
        write(
            dir,
            &format!("participants/{prefix}-{i}.yaml"),
            person(
                &format!("{name} {i}"),
                &format!("{prefix}{i}@x.org"),
                role,
                extra,
            ),
        );
    }
}

/// A one-to-one folder of `mentees` mentees and a quarter as many mentors
/// (capacity 4), all free on Tuesday afternoons.
fn big_one_to_one(dir: &std::path::Path, mentees: usize) {
    write(
        dir,
        "program.toml",
        program(&format!(
            "[eligibility]\ncapacity = {mentees}\n\n[matching]\nmode = \"one-to-one\"\n"
        )),
    );
    let slot = "availability: [tue-pm]\ncompetencies: [leadership]\n";
    people(dir, "e", "mentee", mentees, slot);
    people(
        dir,
        "t",
        "mentor",
        mentees / 4,
        &format!("{slot}capacity: 4\n"),
    );
}

// Broke: `match` on about 900 matched mentees wrote a matches.yaml that
// `check` (and `list matches`) refused as an alias bomb.
#[test]
fn matches_yaml_written_for_1000_mentees_reads_back() {
    let t = Test::new();
    let dir = t.path();
    big_one_to_one(dir, MATCH_MENTEES);
    cmd(dir, &["screen"]).ok();
    cmd(dir, &["match"]).ok();
    assert!(read(dir, "matches.yaml").contains("e-999"));
    assert_checks(dir);
    cmd(dir, &["list", "matches", "--format", "json"]).ok();
    cmd(dir, &["match", "--explain", "e-0"]).ok();
}

// Broke: `attend` on a session of about 20,000 attendees wrote a session
// file that every later command refused as an alias bomb, and exited 0.
#[test]
fn session_attend_writes_at_20000_attendees_reads_back() {
    let t = Test::new();
    let dir = t.path();
    write(dir, "program.toml", program(""));
    for i in 0..SESSION_ATTENDEES {
        write(
            dir,
            &format!("participants/p-{i}.yaml"),
            format!("name: P {i}\nemail: p{i}@x.org\nrole: mentee\ndepartment: Circulation\n"),
        );
    }
    let already = SESSION_ATTENDEES - 1;
    let mut session = String::from(
        "title: Big\nkind: workshop\ndate: 2016-02-01\ntime: \"14:00\"\nduration: 60\nattendance:\n",
    );
    for i in 0..already {
        session.push_str(&format!("  - p-{i}\n"));
    }
    // 19,999 already there: `attend` must read them (the loader refused
    // that too) and write the 20,000th so that the next command reads it.
    write(dir, "sessions/big.yaml", session);
    let late: Vec<String> = (already..SESSION_ATTENDEES)
        .map(|i| format!("p-{i}"))
        .collect();
    let mut args = vec!["attend", "big"];
    args.extend(late.iter().map(String::as_str));
    cmd(dir, &args).within(60).ok();
    assert!(read(dir, "sessions/big.yaml").contains("- p-19999"));
    assert_checks(dir);
    // Broke too: each id cost a pass over the list (20,000 ids ran for more
    // than ten minutes). All of them move from attendance to absent in one
    // run now.
    let all: Vec<String> = (0..SESSION_ATTENDEES).map(|i| format!("p-{i}")).collect();
    let mut args = vec!["attend", "big", "--absent"];
    args.extend(all.iter().map(String::as_str));
    cmd(dir, &args).within(60).ok();
    let text = read(dir, "sessions/big.yaml");
    assert!(!text.contains("attendance:"), "attendance left behind");
    assert_eq!(text.matches("- p-").count(), SESSION_ATTENDEES);
    assert_checks(dir);
}

// Broke: a screening.yaml that names a person since deleted blocked every
// command ("no participant `daniel-reyes`"), not only the ones that need
// the screening; only `screen` itself could run.
#[test]
fn stale_screening_naming_a_deleted_person_blocks_no_unrelated_command() {
    let t = Test::example("career-development");
    let dir = t.path();
    cmd(dir, &["screen"]).ok();
    assert!(read(dir, "screening.yaml").contains("daniel-reyes:"));
    fs::remove_file(dir.join("participants/daniel-reyes.yaml")).unwrap();
    cmd(dir, &["list", "participants"]).ok();
    cmd(dir, &["list", "sessions"]).ok();
    cmd(dir, &["progress"]).ok();
    cmd(dir, &["report", "cohort", "--format", "md"]).ok();
    cmd(
        dir,
        &["attend", "2016-10-11-reflections-celebration", "tom-nguyen"],
    )
    .ok();
    cmd(dir, &["screen"]).ok();
    assert!(!read(dir, "screening.yaml").contains("daniel-reyes"));
    assert_checks(dir);
}

// Broke: group matching on 100,000 mentees ran for minutes at 7 GB with no
// word. Just past its declared budget, `match` must say so before it starts
// (with the size it found and the budget), then refuse or fall back.
#[test]
fn group_matching_past_its_budget_says_so_before_it_starts() {
    let mentors = 1_000;
    let mentees = GROUP_PAIR_BUDGET / mentors + 1;
    let pairs = mentees * mentors;
    let t = Test::new();
    let dir = t.path();
    write(
        dir,
        "program.toml",
        program(&format!(
            "[eligibility]\ncapacity = {mentees}\n\n[matching]\nmode = \"group\"\ngroup_size = 3\n"
        )),
    );
    let slot = "availability: [tue-pm]\ncompetencies: [leadership]\n";
    people(dir, "e", "mentee", mentees, slot);
    people(dir, "t", "mentor", mentors, slot);
    cmd(dir, &["screen"]).ok();
    let run = cmd(dir, &["match"]).within(20).finished();
    let first = run.stderr.lines().next().unwrap_or_default().to_string();
    assert!(
        first.contains(&pairs.to_string()) && first.contains(&GROUP_PAIR_BUDGET.to_string()),
        "the first line on stderr must give the size ({pairs} pairs) and the budget \
         ({GROUP_PAIR_BUDGET}):\n{}",
        run.stderr
    );
    match run.code {
        Some(1) => assert!(!dir.join("matches.yaml").exists(), "refused, yet written"),
        Some(0) => assert_checks(dir),
        other => panic!("exit {other:?}:\n{}", run.stderr),
    }
}

// Broke: an `ics-sequence.yaml` that could not be read (cut short, edited
// by hand) stopped `schedule --ics`, the very command that rewrites it.
#[test]
fn a_broken_calendar_memory_does_not_block_the_export_that_rewrites_it() {
    let t = Test::example("career-development");
    let dir = t.path();
    write(
        dir,
        "ics-sequence.yaml",
        "# Generated by mentorkit\nevents: [unclosed\n",
    );
    let run = cmd(dir, &["schedule", "--ics", "calendar.ics"]).ok();
    assert!(
        run.stderr.contains("warning: ics-sequence.yaml:")
            && run.stderr.contains("is written again now"),
        "no word of the broken file:\n{}",
        run.stderr
    );
    assert!(read(dir, "calendar.ics").starts_with("BEGIN:VCALENDAR"));
    cmd(dir, &["schedule", "--ics", "calendar.ics"])
        .ok()
        .stderr_lacks("warning");
    assert_checks(dir);
}

/// The size of peer matching (pairs of peers that share a slot) that
/// mentorkit declares it handles: as for groups, past it `match` must say so
/// before it starts. If the budget in src/ moves, move it here too.
const PEER_PAIR_BUDGET: usize = 500_000;

// Broke: peer matching (and peer circles) look at every pair of mentees;
// on tens of thousands they ran without end and without a word.
#[test]
fn peer_matching_past_its_budget_says_so_before_it_starts() {
    // The smallest cohort past the budget: n(n-1)/2 > PEER_PAIR_BUDGET.
    let mut n = 2;
    while n * (n - 1) / 2 <= PEER_PAIR_BUDGET {
        n += 1;
    }
    let pairs = n * (n - 1) / 2;
    let t = Test::new();
    let dir = t.path();
    write(
        dir,
        "program.toml",
        program("[matching]\nmode = \"peer\"\n"),
    );
    people(dir, "e", "mentee", n, "availability: [tue-pm]\n");
    cmd(dir, &["screen"]).ok();
    let run = cmd(dir, &["match"]).within(20).code(1);
    let first = run.stderr.lines().next().unwrap_or_default().to_string();
    assert!(
        first.contains(&pairs.to_string()) && first.contains(&PEER_PAIR_BUDGET.to_string()),
        "the first line on stderr must give the size ({pairs} pairs) and the budget:\n{}",
        run.stderr
    );
    assert!(!dir.join("matches.yaml").exists(), "refused, yet written");
}

// Broke: a matches.yaml that could not be read stopped `report cohort`,
// which does without matches before `match` has run; a stale one (naming
// someone no longer in the folder) was shown without a word, and `schedule
// --meetings` laid out meetings for that person.
#[test]
fn a_stale_or_broken_matches_yaml_blocks_only_what_needs_it() {
    let t = Test::example("career-development");
    let dir = t.path();
    cmd(dir, &["screen"]).ok();
    cmd(dir, &["match"]).ok();
    let text = read(dir, "matches.yaml");
    assert!(text.contains("robert-olsen"));
    write(
        dir,
        "matches.yaml",
        text.replace("robert-olsen", "ghost-person"),
    );
    cmd(dir, &["report", "cohort", "--format", "md"])
        .ok()
        .stderr_has("warning: matches.yaml:")
        .stderr_has("no participant `ghost-person`");
    cmd(dir, &["schedule", "--meetings"])
        .code(1)
        .stderr_has("no participant `ghost-person`");
    write(dir, "matches.yaml", "mode: [\n");
    cmd(dir, &["report", "cohort", "--format", "md"])
        .ok()
        .stderr_has("note: the report leaves the matches out");
    cmd(dir, &["list", "participants"]).ok();
    cmd(dir, &["progress"]).ok();
    cmd(dir, &["match"]).ok();
    assert_checks(dir);
}
