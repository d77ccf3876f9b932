//! The rules of sessions that span files: a title, a date inside the
//! program, and attendance, mentor and mentees that name people of the
//! folder, each listed once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::unknown_person;
use crate::error::Problem;
use crate::{Folder, Known, SESSIONS_DIR, problem_at};

fn session_rel(id: &str) -> PathBuf {
    Path::new(SESSIONS_DIR).join(format!("{id}.yaml"))
}

pub(super) fn session_rules(folder: &Folder, known: &Known<'_>, problems: &mut Vec<Problem>) {
    for (id, s) in &folder.sessions {
        one_session(folder, known, id, s, problems);
    }
}

/// The cross-file problems of one session of the folder (as it is in
/// memory), for a command that has just edited it.
pub fn session_problems(folder: &Folder, id: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(s) = folder.sessions.get(id) {
        one_session(folder, &Known::of(folder), id, s, &mut problems);
    }
    problems.sort();
    problems.dedup();
    problems
}

fn one_session(
    folder: &Folder,
    known: &Known<'_>,
    id: &str,
    s: &crate::model::Session,
    problems: &mut Vec<Problem>,
) {
    let program = &folder.program.program;
    {
        let rel = session_rel(id);
        if s.title.trim().is_empty() {
            problems.push(problem_at(
                folder,
                &rel,
                "title",
                None,
                "the title is empty",
            ));
        }
        let outside = program.starts.is_some_and(|st| s.date < st)
            || program.ends.is_some_and(|e| s.date > e);
        if outside {
            problems.push(
                problem_at(
                    folder,
                    &rel,
                    "date",
                    None,
                    format!(
                        "{} is outside the program ({} to {})",
                        s.date,
                        program.starts.map(|d| d.to_string()).unwrap_or_default(),
                        program.ends.map(|d| d.to_string()).unwrap_or_default()
                    ),
                )
                .help("correct the date, or the program's starts/ends in program.toml"),
            );
        }
        let lists: [(&str, &Vec<String>); 4] = [
            ("mentees", &s.mentees),
            ("attendance", &s.attendance),
            ("absent", &s.absent),
            ("excused", &s.excused),
        ];
        if let Some(mentor) = &s.mentor
            && !known.person(mentor)
        {
            problems.push(unknown_person(folder, &rel, "mentor", mentor));
        }
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for (key, ids) in lists {
            for pid in ids {
                if !known.person(pid) {
                    problems.push(unknown_person(folder, &rel, key, pid));
                }
                if key != "mentees"
                    && let Some(other) = seen.insert(pid, key)
                {
                    problems.push(problem_at(
                        folder,
                        &rel,
                        key,
                        Some(pid),
                        if other == key {
                            format!("`{pid}` is listed twice under {key}")
                        } else {
                            format!("`{pid}` is listed under both {other} and {key}")
                        },
                    ));
                }
            }
        }
    }
}
