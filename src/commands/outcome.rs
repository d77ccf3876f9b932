//! `mentorkit outcome ID [--completed yes|no] [--promoted DATE]
//! [--new-position TEXT] [--left DATE] [--clear FIELD]`: records what became
//! of a person, in place in their file; without a change, shows it.

use super::Ctx;
use super::person_edit::{self, dry};
use crate::cli::{OutcomeArgs, OutcomeField};
use crate::error::{Error, Result};
use crate::model::{Outcome, Participant};
use crate::output::print_out;
use crate::store::edit::Scalar;

/// Runs the command.
pub fn run(ctx: &Ctx, args: OutcomeArgs) -> Result<()> {
    let (folder, _guard) = person_edit::open(ctx, args.dry_run)?.into_parts();
    let folder = &folder;
    let p = person_edit::person(folder, &args.id)?;
    let nothing = args.completed.is_none()
        && args.promoted.is_none()
        && args.new_position.is_none()
        && args.left.is_none()
        && args.clear.is_empty();
    if nothing {
        return print_out(&format!("{}: {}\n", args.id, describe(p.outcome.as_ref())));
    }
    if let Some(text) = &args.new_position {
        if text.trim().is_empty() {
            return Err(Error::Argument {
                flag: "--new-position",
                why: "is empty; to remove it, use --clear new-position",
            });
        }
        if text.chars().any(char::is_control) {
            return Err(Error::Argument {
                flag: "--new-position",
                why: "is a job title on one line; remove the line breaks and tabs",
            });
        }
    }
    for field in &args.clear {
        let given = match field {
            OutcomeField::Completed => args.completed.is_some(),
            OutcomeField::Promoted => args.promoted.is_some(),
            OutcomeField::NewPosition => args.new_position.is_some(),
            OutcomeField::Left => args.left.is_some(),
        };
        if given {
            return Err(Error::Usage(format!(
                "--clear {} and a new value for it at once; give one of them",
                key(*field).replace('_', "-")
            )));
        }
    }
    let edited = person_edit::edit(folder, &args.id, |doc| {
        let at = &["outcome"];
        if let Some(c) = args.completed {
            doc.set_scalar(at, "completed", Scalar::Bool(c))?;
        }
        if let Some(d) = args.promoted {
            doc.set_scalar(at, "promoted", Scalar::Raw(&d.to_string()))?;
        }
        if let Some(t) = &args.new_position {
            doc.set_scalar(at, "new_position", Scalar::Str(t.trim()))?;
        }
        if let Some(d) = args.left {
            doc.set_scalar(at, "left", Scalar::Raw(&d.to_string()))?;
        }
        for field in &args.clear {
            doc.remove(at, key(*field))?;
        }
        if cleared_all(p.outcome.as_ref(), &args) {
            doc.remove(&[], "outcome")?;
        }
        Ok(())
    })?;
    check(folder, &edited.record)?;
    person_edit::write(folder, &edited, args.dry_run)?;
    let now = describe(edited.record.outcome.as_ref());
    let message = if edited.changed {
        format!("{}: {now}{}\n", args.id, dry(args.dry_run))
    } else {
        format!("{}: already {now}; nothing to change\n", args.id)
    };
    print_out(&message)
}

/// Whether `--clear` leaves nothing of the outcome.
fn cleared_all(old: Option<&Outcome>, args: &OutcomeArgs) -> bool {
    let o = old.cloned().unwrap_or_default();
    let kept = |field: OutcomeField, present: bool| present && !args.clear.contains(&field);
    !args.clear.is_empty()
        && args.completed.is_none()
        && args.promoted.is_none()
        && args.new_position.is_none()
        && args.left.is_none()
        && !kept(OutcomeField::Completed, o.completed.is_some())
        && !kept(OutcomeField::Promoted, o.promoted.is_some())
        && !kept(OutcomeField::NewPosition, o.new_position.is_some())
        && !kept(OutcomeField::Left, o.left.is_some())
}

fn key(field: OutcomeField) -> &'static str {
    match field {
        OutcomeField::Completed => "completed",
        OutcomeField::Promoted => "promoted",
        OutcomeField::NewPosition => "new_position",
        OutcomeField::Left => "left",
    }
}

/// Refuses an outcome that `check` would report.
fn check(folder: &crate::store::Folder, p: &Participant) -> Result<()> {
    let mut why: Vec<String> = crate::model::outcome_rules::outcome_issues(p)
        .into_iter()
        .map(|i| i.message)
        .collect();
    if let (Some(promoted), Some(starts)) = (
        p.outcome.as_ref().and_then(|o| o.promoted),
        folder.program.program.starts,
    ) && promoted < starts
    {
        why.insert(
            0,
            format!("promoted {promoted}, before the program started ({starts})"),
        );
    }
    match why.is_empty() {
        true => Ok(()),
        false => Err(Error::Outcome { reasons: why }),
    }
}

/// The outcome in words: `completed, promoted 2017-02-01 (Circulation Supervisor)`.
fn describe(o: Option<&Outcome>) -> String {
    let Some(o) = o else {
        return "no outcome recorded".to_string();
    };
    let mut parts = Vec::new();
    match o.completed {
        Some(true) => parts.push("completed".to_string()),
        Some(false) => parts.push("did not complete".to_string()),
        None => {}
    }
    if let Some(d) = o.promoted {
        parts.push(format!("promoted {d}"));
    }
    if let Some(t) = &o.new_position {
        parts.push(format!("new position {t}"));
    }
    if let Some(d) = o.left {
        parts.push(format!("left {d}"));
    }
    if parts.is_empty() {
        "no outcome recorded".to_string()
    } else {
        parts.join(", ")
    }
}
