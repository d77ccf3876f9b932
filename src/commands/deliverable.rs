//! `mentorkit deliverable ID NAME STATUS`: sets how far one of a person's
//! deliverables has come, in place in their file.

use super::Ctx;
use super::person_edit::{self, dry};
use crate::cli::DeliverableArgs;
use crate::cohort::name_key;
use crate::error::{Error, Kind, Result, Unknown};
use crate::model::DeliverableStatus;
use crate::output::print_out;
use crate::store::edit::Scalar;

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
    // The person's own spelling of the name first, then the program's.
    let program = crate::cohort::deliverables::catalog(&folder.program);
    let known: Vec<&str> = p
        .deliverables
        .keys()
        .map(String::as_str)
        .chain(program.iter().map(|n| n.name.as_str()))
        .collect();
    let want = name_key(&args.name);
    let Some(name) = known
        .iter()
        .find(|k| name_key(k) == want)
        .map(|k| k.to_string())
    else {
        let otherwise = if known.is_empty() {
            "name the deliverables in program.toml ([[curriculum]] deliverables or [completion] deliverables)".to_string()
        } else {
            format!("the deliverables are: {}", sorted(&known).join(", "))
        };
        return Err(Error::Unknown(
            Unknown::new(Kind::Deliverable, &[&args.name], known.iter().copied())
                .scope(" in this program")
                .otherwise(otherwise),
        ));
    };
    let before = p.deliverables.get(&name).copied();
    let edited = person_edit::edit(folder, &args.id, |doc| {
        doc.set_scalar(&["deliverables"], &name, Scalar::Str(status.as_str()))
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

fn sorted<'a>(names: &[&'a str]) -> Vec<&'a str> {
    let mut v = names.to_vec();
    v.sort();
    v.dedup();
    v
}
