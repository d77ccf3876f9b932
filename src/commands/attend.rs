//! `mentorkit attend SESSION ID…`: records who came (or, with `--absent` and
//! `--excused`, who did not) in the session's file, in place: one value
//! changes, comments and order stay, and a second run changes nothing.

use super::Ctx;
use crate::attendance::{Edit, Mark, record};
use crate::cli::AttendArgs;
use crate::error::{Error, Kind, Result, Unknown};
use crate::output::say;
use crate::store::{Access, Folder, change};

/// Runs the command.
pub fn run(ctx: &Ctx, args: AttendArgs) -> Result<()> {
    let root = ctx.root()?;
    let (mut folder, _guard) = crate::commands::open(
        &root,
        Access::Write {
            dry_run: args.dry_run,
        },
    )?
    .into_parts();
    let id = session_id(&args.session);
    let session = change::session(&folder, id)?;
    check_people(&folder, &args.ids)?;

    let mark = if args.absent {
        Mark::Absent
    } else if args.excused {
        Mark::Excused
    } else {
        Mark::Present
    };
    let edits = record(&change::roll(session), &args.ids, mark);
    let rel = change::session_rel(id);
    if edits.is_empty() {
        say!("{}: already {mark}: {}", rel.display(), args.ids.join(", "));
        return Ok(());
    }
    let edited = change::edit_session(&mut folder, id, &edits)?;
    if !args.dry_run {
        change::write_session(&folder, &edited)?;
    }
    let added: Vec<&str> = edits
        .iter()
        .filter_map(|e| match e {
            Edit::Add { id, .. } => Some(id.as_str()),
            Edit::Remove { .. } => None,
        })
        .collect();
    say!(
        "{}: {}recorded {mark}: {}",
        rel.display(),
        if args.dry_run { "would have " } else { "" },
        added.join(", ")
    );
    Ok(())
}

/// `2016-01-12-x`, also when given as `sessions/2016-01-12-x.yaml`.
fn session_id(arg: &str) -> &str {
    let name = arg.rsplit(['/', '\\']).next().unwrap_or(arg);
    name.strip_suffix(".yaml").unwrap_or(name)
}

/// Refuses unknown ids, all of them at once, each with its nearest match.
fn check_people(folder: &Folder, ids: &[String]) -> Result<()> {
    let unknown: Vec<&str> = ids
        .iter()
        .filter(|id| !folder.participants.contains_key(*id))
        .map(String::as_str)
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    Err(Error::Unknown(
        Unknown::new(
            Kind::Participant,
            &unknown,
            folder.participants.keys().map(String::as_str),
        )
        .then("nothing was recorded"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_ids_from_paths() {
        assert_eq!(session_id("2016-01-12-x"), "2016-01-12-x");
        assert_eq!(session_id("sessions/2016-01-12-x.yaml"), "2016-01-12-x");
        assert_eq!(session_id("2016-01-12-x.yaml"), "2016-01-12-x");
    }
}
