//! `mentorkit deliverable ID NAME STATUS`: sets how far one of a person's
//! deliverables has come, in place in their file.

use super::Ctx;
use super::person_edit::{self, dry};
use crate::cli::DeliverableArgs;
use crate::error::{Error, Result};
use crate::model::DeliverableStatus;
use crate::output::print_out;

/// Runs the command.
pub fn run(ctx: &Ctx, args: DeliverableArgs) -> Result<()> {
    let (folder, _guard) = person_edit::open(ctx, args.dry_run)?.into_parts();
    let folder = &folder;
    let p = person_edit::person(folder, &args.id)?;
    let status: DeliverableStatus = args.status.parse().map_err(|_| Error::NotAllowed {
        what: "a deliverable status",
        value: args.status.clone(),
        allowed: DeliverableStatus::WORDS,
    })?;
    let name = crate::cohort::deliverables::resolve(p, &folder.program, &args.name)?;
    let before = p.deliverables.get(&name).copied();
    let edited = person_edit::edit(folder, &args.id, |doc| {
        crate::store::change::set_deliverable(doc, &name, status)
    })?;
    person_edit::write(folder, &edited, args.dry_run)?;
    let message = match before {
        Some(b) if b == status => {
            format!("{}: deliverable {name} is already {status}\n", args.id)
        }
        Some(b) => format!(
            "{}: deliverable {name}: {b} → {status}{}\n",
            args.id,
            dry(args.dry_run)
        ),
        None => format!(
            "{}: deliverable {name}: {status}{}\n",
            args.id,
            dry(args.dry_run)
        ),
    };
    print_out(&message)
}
