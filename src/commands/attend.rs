//! `mentorkit attend SESSION ID…`: records who came (or, with `--absent` and
//! `--excused`, who did not) in the session's file, in place: one value
//! changes, comments and order stay, and a second run changes nothing.

use super::Ctx;
use crate::attendance::{Edit, Mark, Roll, record};
use crate::cli::AttendArgs;
use crate::error::{Error, Kind, Result, Unknown};
use crate::store::edit::YamlDoc;
use crate::store::{Access, Folder, write_atomic};

/// Runs the command.
pub fn run(ctx: &Ctx, args: AttendArgs) -> Result<()> {
    let root = ctx.root()?;
    let (folder, _guard) = crate::store::open(
        &root,
        Access::Write {
            dry_run: args.dry_run,
        },
    )?
    .into_parts();
    let id = session_id(&args.session);
    let Some(session) = folder.sessions.get(id) else {
        return Err(Error::Unknown(Unknown::new(
            Kind::Session,
            &[id],
            folder.sessions.keys().map(String::as_str),
        )));
    };
    check_people(&folder, &args.ids)?;

    let mark = if args.absent {
        Mark::Absent
    } else if args.excused {
        Mark::Excused
    } else {
        Mark::Present
    };
    let roll = Roll {
        attendance: session.attendance.clone(),
        absent: session.absent.clone(),
        excused: session.excused.clone(),
    };
    let edits = record(&roll, &args.ids, mark);
    let rel = super::schedule::rel_path(id);
    if edits.is_empty() {
        eprintln!("{}: already {mark}: {}", rel.display(), args.ids.join(", "));
        return Ok(());
    }
    let text = folder.sources.get(&rel).cloned().unwrap_or_default();
    let doc = YamlDoc::parse(&rel, &text)?;
    for edit in &edits {
        match edit {
            Edit::Add { list, id } => doc.add_to_list(list.key(), id)?,
            Edit::Remove { list, id } => doc.remove_from_list(list.key(), id)?,
        };
    }
    let (text, changed) = doc.finish();
    if changed && !args.dry_run {
        write_atomic(&folder.root.join(&rel), text.as_bytes())?;
    }
    let added: Vec<&str> = edits
        .iter()
        .filter_map(|e| match e {
            Edit::Add { id, .. } => Some(id.as_str()),
            Edit::Remove { .. } => None,
        })
        .collect();
    eprintln!(
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
