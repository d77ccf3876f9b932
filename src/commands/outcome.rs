//! `mentorkit outcome ID [--completed yes|no] [--promoted DATE]
//! [--new-position TEXT] [--left DATE] [--clear FIELD]`: records what became
//! of a person, in place in their file; without a change, shows it.

use super::Ctx;
use super::person_edit::{self, dry};
use crate::cli::{OutcomeArgs, OutcomeField};
use crate::error::Result;
use crate::model::Outcome;
use crate::output::print_out;
use crate::store::change::{OutcomeChange, OutcomeField as Field, change_outcome, check_outcome};

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
    let change = OutcomeChange {
        completed: args.completed,
        promoted: args.promoted,
        new_position: args.new_position.clone(),
        left: args.left,
        clear: args.clear.iter().map(|f| field(*f)).collect(),
    };
    change.check()?;
    let edited = person_edit::edit(folder, &args.id, |doc| {
        change_outcome(doc, p.outcome.as_ref(), &change)
    })?;
    check_outcome(folder, &edited.record)?;
    person_edit::write(folder, &edited, args.dry_run)?;
    let now = describe(edited.record.outcome.as_ref());
    let message = if edited.changed {
        format!("{}: {now}{}\n", args.id, dry(args.dry_run))
    } else {
        format!("{}: already {now}; nothing to change\n", args.id)
    };
    print_out(&message)
}

/// The store's name of a field `--clear` names.
fn field(f: OutcomeField) -> Field {
    match f {
        OutcomeField::Completed => Field::Completed,
        OutcomeField::Promoted => Field::Promoted,
        OutcomeField::NewPosition => Field::NewPosition,
        OutcomeField::Left => Field::Left,
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
