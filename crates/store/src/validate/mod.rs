//! Rules that span fields or files, checked after every record has parsed:
//! unique emails, references to people who exist, capacities, the schedule's
//! rule and time zone, survey scales, dates that make sense together.

mod sessions;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use sessions::session_problems;

use super::{Folder, PARTICIPANTS_DIR, PROGRAM_FILE, problem_at};
use crate::error::{Problem, nearest};
use crate::model::{Role, is_valid_id};

/// Every cross-field and cross-file problem in the folder.
pub(crate) fn validate(folder: &Folder) -> Vec<Problem> {
    let mut problems = Vec::new();
    let known = super::Known::of(folder);
    program_rules(folder, &known, &mut problems);
    participant_rules(folder, &known, &mut problems);
    sessions::session_rules(folder, &known, &mut problems);
    outcome_rules(folder, &mut problems);
    problems.extend(super::comparison::problems(folder));
    problems.extend(super::bounds::problems(folder));
    problems
}

/// Outcome dates that contradict each other or the person's record
/// (`progress::outcome_issues`).
fn outcome_rules(folder: &Folder, problems: &mut Vec<Problem>) {
    for (id, p) in &folder.participants {
        for issue in crate::model::outcome_rules::outcome_issues(p) {
            let rel = participant_rel(id);
            problems
                .push(problem_at(folder, &rel, issue.field, None, issue.message).help(issue.help));
        }
    }
}

fn participant_rel(id: &str) -> PathBuf {
    Path::new(PARTICIPANTS_DIR).join(format!("{id}.yaml"))
}

/// A problem for an id that names nobody, with the nearest id suggested.
pub(super) fn unknown_person(folder: &Folder, rel: &Path, key: &str, id: &str) -> Problem {
    let (message, help) = if !is_valid_id(id) {
        (
            format!("`{id}` is not a participant id"),
            "ids are file names in participants/ without .yaml: lowercase letters, digits and dashes"
                .to_string(),
        )
    } else {
        let help = match nearest(id, folder.participants.keys().map(String::as_str)) {
            Some(near) => crate::error::did_you_mean(near),
            None => "add the person with `mentorkit apply`, or correct the id".to_string(),
        };
        (format!("no participant `{id}`"), help)
    };
    problem_at(folder, rel, key, Some(id), message).help(help)
}

fn program_rules(folder: &Folder, known: &super::Known<'_>, problems: &mut Vec<Problem>) {
    let rel = Path::new(PROGRAM_FILE);
    let pf = &folder.program;
    let p = &pf.program;
    if p.timezone.parse::<chrono_tz::Tz>().is_err() {
        let help = match nearest(&p.timezone, chrono_tz::TZ_VARIANTS.iter().map(|t| t.name())) {
            Some(near) => crate::error::did_you_mean(near),
            None => "use an IANA zone name such as America/Chicago or Europe/London".to_string(),
        };
        problems.push(
            problem_at(
                folder,
                rel,
                "timezone",
                None,
                format!("`{}` is not a time zone", p.timezone),
            )
            .help(help),
        );
    }
    if let (Some(s), Some(e)) = (p.starts, p.ends)
        && e < s
    {
        problems.push(problem_at(
            folder,
            rel,
            "ends",
            None,
            format!("the program ends ({e}) before it starts ({s})"),
        ));
    }
    let el = &pf.eligibility;
    if el.capacity == Some(0) {
        problems.push(
            problem_at(folder, rel, "capacity", None, "capacity must be at least 1")
                .help("leave it out for no limit"),
        );
    }
    if !(el.min_years_of_service >= 0.0 && el.min_years_of_service <= 100.0) {
        problems.push(problem_at(
            folder,
            rel,
            "min_years_of_service",
            None,
            "min_years_of_service must be between 0 and 100",
        ));
    }
    let m = &pf.matching;
    if m.group_size < 2 {
        problems.push(problem_at(
            folder,
            rel,
            "group_size",
            None,
            "group_size must be at least 2",
        ));
    }
    for (key, list) in [("pins", &m.pins), ("forbid", &m.forbid)] {
        for pair in list {
            if pair.len() != 2 {
                problems.push(
                    problem_at(
                        folder,
                        rel,
                        key,
                        None,
                        format!("each entry of {key} names exactly two ids"),
                    )
                    .help(format!("write {key} = [[\"mentee-id\", \"mentor-id\"]]")),
                );
                continue;
            }
            for id in pair {
                if !known.person(id) {
                    problems.push(unknown_person(folder, rel, key, id));
                }
            }
        }
    }
    let c = &pf.completion;
    if !(0.0..=1.0).contains(&c.min_attendance) {
        problems.push(
            problem_at(
                folder,
                rel,
                "min_attendance",
                None,
                "min_attendance is a share from 0 to 1",
            )
            .help("write 0.75 for three quarters of the workshops"),
        );
    }
    if let Some(s) = &pf.schedule {
        if let Err(why) = check_rrule(&s.repeat, s.first, &p.timezone) {
            problems.push(
                problem_at(
                    folder,
                    rel,
                    "repeat",
                    None,
                    format!(
                        "`{}` is not a recurrence rule rrule accepts: {why}",
                        s.repeat
                    ),
                )
                .help("write an RFC 5545 RRULE such as FREQ=MONTHLY;BYDAY=2TU"),
            );
        }
        if let Some(meetings) = &s.meetings
            && let Err(why) = check_rrule(meetings, s.first, &p.timezone)
        {
            problems.push(problem_at(
                folder,
                rel,
                "meetings",
                None,
                format!("`{meetings}` is not a recurrence rule rrule accepts: {why}"),
            ));
        }
    }
}

/// Whether an RRULE parses and can be expanded from `first` in `zone`: the
/// model's one reading of a rule.
pub fn check_rrule(rule: &str, first: chrono::NaiveDate, zone: &str) -> Result<(), String> {
    crate::model::recurrence::rule_set(
        rule,
        first,
        chrono::NaiveTime::MIN,
        crate::model::recurrence::zone(zone),
    )
    .map(|_| ())
    .map_err(|e| e.to_string())
}

fn participant_rules(folder: &Folder, known: &super::Known<'_>, problems: &mut Vec<Problem>) {
    let mut emails: BTreeMap<String, &String> = BTreeMap::new();
    let starts = folder.program.program.starts;
    for (id, p) in &folder.participants {
        let rel = participant_rel(id);
        let at =
            |key: &str, value: Option<&str>, msg: String| problem_at(folder, &rel, key, value, msg);
        if p.name.trim().is_empty() {
            problems.push(at("name", None, "the name is empty".into()));
        }
        let email = p.email.trim().to_lowercase();
        if !email.contains('@') || email.contains(char::is_whitespace) {
            problems.push(
                at(
                    "email",
                    None,
                    format!("`{}` is not an email address", p.email),
                )
                .help("write it as name@example.org"),
            );
        } else if let Some(first) = emails.get(&email) {
            problems.push(
                at(
                    "email",
                    None,
                    format!("{} is also the email of `{first}`", p.email),
                )
                .help(format!(
                    "each person has one file; merge this one into participants/{first}.yaml"
                )),
            );
        } else {
            emails.insert(email, id);
        }
        if p.department.trim().is_empty() {
            problems.push(at("department", None, "the department is empty".into()));
        }
        if p.capacity == Some(0) {
            problems.push(
                at("capacity", None, "capacity must be at least 1".into())
                    .help("a mentor who can take no one should not be in this cohort"),
            );
        }
        if p.capacity.is_some() && p.role == Role::Mentee {
            problems.push(
                at(
                    "capacity",
                    None,
                    "capacity is for mentors; this person is a mentee".into(),
                )
                .help("remove it, or set role: mentor"),
            );
        }
        for (survey, answers) in &p.surveys {
            for (question, &value) in answers {
                if !(1..=5).contains(&value) {
                    problems.push(at(
                        question,
                        None,
                        format!(
                            "survey `{survey}`, `{question}`: {value} is outside the 1–5 scale"
                        ),
                    ));
                }
            }
        }
        for pref in &p.prefers {
            match folder.participants.get(pref) {
                None if known.person(pref) => {}
                None => problems.push(unknown_person(folder, &rel, "prefers", pref)),
                Some(t)
                    if t.role != Role::Mentor
                        && folder.program.matching.mode != crate::model::MatchMode::Peer =>
                {
                    problems.push(at(
                        "prefers",
                        Some(pref),
                        format!("`{pref}` is not a mentor"),
                    ));
                }
                _ => {}
            }
        }
        if let (Some(promoted), Some(starts)) =
            (p.outcome.as_ref().and_then(|o| o.promoted), starts)
            && promoted < starts
        {
            problems.push(
                at(
                    "promoted",
                    None,
                    format!("promoted {promoted}, before the program started ({starts})"),
                )
                .help("an outcome is what happened after the program began; check the date"),
            );
        }
        certification_rules(p, &at, problems);
        if let (Some(hired), Some(applied)) = (p.hired, p.applied)
            && applied < hired
        {
            problems.push(at(
                "applied",
                None,
                format!("applied {applied}, before being hired ({hired})"),
            ));
        }
    }
}

/// Each certification has a name, and is listed once.
fn certification_rules(
    p: &crate::model::Participant,
    at: &dyn Fn(&str, Option<&str>, String) -> Problem,
    problems: &mut Vec<Problem>,
) {
    let mut seen: BTreeMap<(String, chrono::NaiveDate), usize> = BTreeMap::new();
    for (i, c) in p.certifications.iter().enumerate() {
        let name = c.name.trim();
        let date = c.date.to_string();
        if name.is_empty() {
            problems.push(
                at(
                    "certifications",
                    Some(&date),
                    format!("certification {} ({}) has no name", i + 1, c.date),
                )
                .help(
                    "write it as `- {name: ALA Certified Library Support Staff, date: 2017-05-12}`",
                ),
            );
            continue;
        }
        let key = (crate::model::values::fold(name), c.date);
        if let Some(first) = seen.get(&key) {
            problems.push(
                at(
                    "certifications",
                    Some(name),
                    format!(
                        "certification {} ({name}, {}) repeats certification {first}",
                        i + 1,
                        c.date
                    ),
                )
                .help("list each certification once; remove the repeat"),
            );
        } else {
            seen.insert(key, i + 1);
        }
    }
}
