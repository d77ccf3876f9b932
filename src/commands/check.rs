//! `mentorkit check`: validates the whole folder and reports every problem.

use super::Ctx;
use crate::cli::CheckArgs;
use crate::error::{Error, Problem, Result};
use crate::model::Role;
use crate::store::{Folder, load_matches};

const MATCHES: &str = "matches.yaml";

/// Runs the command: a one-line summary on success, every problem otherwise.
pub fn run(ctx: &Ctx, _args: CheckArgs) -> Result<()> {
    let root = ctx.root()?;
    let (folder, mut problems) = crate::store::load_all(&root)?;
    if let Some(folder) = &folder {
        problems.extend(matches_problems(folder));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let Some(folder) = folder else {
        return Err(Error::Bug(
            "program.toml could not be read, yet no problem was found".into(),
        ));
    };
    let screening = crate::store::load_screening(&root)?;
    let cohort = ctx.cohort(&folder, screening.as_ref(), None);
    crate::output::print_out(&format!("{}\n", summary(&folder)))?;
    super::progress::print_warnings(&folder, &cohort.warnings);
    Ok(())
}

/// Problems with `matches.yaml`: a file that does not parse, or names people
/// who are not in the folder (it is stale: `mentorkit match` rewrites it).
/// Only `check` looks; other commands read matches only when they need them.
fn matches_problems(folder: &Folder) -> Vec<Problem> {
    let matches = match load_matches(&folder.root) {
        Ok(Some(m)) => m,
        Ok(None) => return Vec::new(),
        Err(Error::Invalid(problems)) => return problems,
        Err(e) => return vec![Problem::file(MATCHES, e.to_string())],
    };
    let known = crate::store::Known::of(folder);
    let mut names: Vec<&str> = Vec::new();
    for m in &matches.matches {
        names.extend(m.mentor.as_deref());
        names.extend(m.mentees.iter().map(String::as_str));
        names.extend(m.members.iter().map(String::as_str));
    }
    names.extend(matches.idle_mentors.iter().map(String::as_str));
    names.extend(matches.unmatched.iter().map(|u| u.id.as_str()));
    names.sort_unstable();
    names.dedup();
    let text = std::fs::read_to_string(folder.root.join(MATCHES)).unwrap_or_default();
    names
        .into_iter()
        .filter(|id| !known.person(id))
        .map(|id| {
            let p = Problem::file(MATCHES, format!("no participant `{id}`"))
                .help("the folder changed since matching; run `mentorkit match` again");
            let place = text.lines().enumerate().find_map(|(i, l)| {
                l.match_indices(id)
                    .find(|(at, _)| {
                        let before = l[..*at].chars().last();
                        let after = l[at + id.len()..].chars().next();
                        let edge =
                            |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || c == '-');
                        edge(before) && edge(after)
                    })
                    .map(|(at, _)| (i + 1, l[..at].chars().count() + 1))
            });
            match place {
                Some((line, col)) => p.at(&text, line, col),
                None => p,
            }
        })
        .collect()
}

/// `ok: 8 mentees, 0 mentors, 9 sessions`.
pub fn summary(folder: &Folder) -> String {
    let count = |role| {
        folder
            .participants
            .values()
            .filter(|p| p.role == role)
            .count()
    };
    let plural = crate::error::count;
    format!(
        "ok: {}, {}, {}",
        plural(count(Role::Mentee), "mentee", "mentees"),
        plural(count(Role::Mentor), "mentor", "mentors"),
        plural(folder.sessions.len(), "session", "sessions"),
    )
}
