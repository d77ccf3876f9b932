//! `mentorkit check`: validates the whole folder and reports every problem.

use super::Ctx;
use crate::cli::CheckArgs;
use crate::error::{Error, Result};
use crate::model::Role;
use crate::store::Folder;

/// Runs the command: a one-line summary on success, every problem otherwise.
pub fn run(ctx: &Ctx, _args: CheckArgs) -> Result<()> {
    let root = ctx.root()?;
    let (folder, problems) = Folder::load_all(&root)?;
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let Some(folder) = folder else {
        return Err(Error::Refused("program.toml could not be read".into()));
    };
    crate::output::print_out(&format!("{}\n", summary(&folder)))
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
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "ok: {}, {}, {}",
        plural(count(Role::Mentee), "mentee", "mentees"),
        plural(count(Role::Mentor), "mentor", "mentors"),
        plural(folder.sessions.len(), "session", "sessions"),
    )
}
