//! `mentorkit attend SESSION ID…`: records who came (or, with `--absent` and
//! `--excused`, who did not) in the session's file, in place: one value
//! changes, comments and order stay, and a second run changes nothing.

use super::Ctx;
use crate::attendance::{Edit, Mark, Roll, record};
use crate::cli::AttendArgs;
use crate::error::{Error, Kind, Result, Unknown};
use crate::output::say;
use crate::store::edit::YamlDoc;
use crate::store::{Access, Folder, parse_session, write_atomic};

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
        say!("{}: already {mark}: {}", rel.display(), args.ids.join(", "));
        return Ok(());
    }
    let text = folder.sources.get(&rel).cloned().unwrap_or_default();
    let text = edited(&rel, &text, &edits)?;
    crate::store::record_fits(&rel, &text)?;
    // Re-check what is about to be written: it must read back as a session
    // that `check` accepts, or nothing is written.
    let session = parse_session(&rel, &text).map_err(|p| Error::EditInvalid {
        file: rel.clone(),
        message: p.message,
    })?;
    folder.sessions.insert(id.to_string(), session);
    folder.sources.insert(rel.clone(), text.clone());
    if let Some(p) = crate::store::session_problems(&folder, id)
        .into_iter()
        .next()
    {
        return Err(Error::EditInvalid {
            file: rel,
            message: p.to_string(),
        });
    }
    if !args.dry_run {
        write_atomic(&folder.root.join(&rel), text.as_bytes())?;
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

/// The session's text with `edits` made in place: the removals from each
/// list, then the additions, each list in one pass.
fn edited(rel: &std::path::Path, text: &str, edits: &[Edit]) -> Result<String> {
    let doc = YamlDoc::parse(rel, text)?;
    let ids = |list: Mark, add: bool| -> Vec<String> {
        edits
            .iter()
            .filter_map(|e| match e {
                Edit::Add { list: l, id } if add && *l == list => Some(id.clone()),
                Edit::Remove { list: l, id } if !add && *l == list => Some(id.clone()),
                _ => None,
            })
            .collect()
    };
    for list in Mark::ALL {
        let gone = ids(list, false);
        if !gone.is_empty() {
            doc.remove_all_from_list(list.key(), &gone)?;
        }
    }
    for list in Mark::ALL {
        let new = ids(list, true);
        if !new.is_empty() {
            doc.add_all_to_list(list.key(), &new)?;
        }
    }
    Ok(doc.finish().0)
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
