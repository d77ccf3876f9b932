//! `mentorkit check`: validates the whole folder and reports every problem.

use super::Ctx;
use crate::cli::CheckArgs;
use crate::error::{Error, Result};
use crate::model::Role;
use crate::store::Folder;

/// Runs the command: a one-line summary on success, every problem otherwise.
pub fn run(ctx: &Ctx, _args: CheckArgs) -> Result<()> {
    let root = ctx.root()?;
    let (folder, mut problems) = crate::store::load_all(&root)?;
    if let Some(folder) = &folder {
        problems.extend(crate::store::screening_problems(folder));
        problems.sort();
        problems.dedup();
        problems.extend(crate::store::matches_problems(folder));
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
    if !cohort.unscreened.is_empty()
        && let Some(note) = cohort.roster_note()
    {
        crate::output::say!("note: {note}");
    }
    // The process ends here: freeing thousands of records one by one
    // would only delay the exit.
    std::mem::forget(cohort);
    std::mem::forget(folder);
    Ok(())
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
