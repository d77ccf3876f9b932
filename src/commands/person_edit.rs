//! What `goal`, `deliverable`, `outcome` and `survey import` share: open
//! the folder under its lock, find a person, and change their file in place
//! through `store::change` (which the dashboard uses too).

use super::Ctx;
use crate::error::Result;
use crate::store::{Access, Folder, Opened};

/// Takes the lock (unless this is a dry run), then loads and validates
/// the folder.
pub(crate) fn open(ctx: &Ctx, dry_run: bool) -> Result<Opened> {
    crate::commands::open(&ctx.root()?, Access::Write { dry_run })
}

/// The participant `id`, or a refusal that suggests the nearest id.
pub(crate) use crate::store::change::participant as person;
pub(crate) use crate::store::change::{Edited, edit_participant as edit};

/// Writes an edited file, unless nothing changed or this is a dry run.
pub(crate) fn write(folder: &Folder, edited: &Edited, dry_run: bool) -> Result<()> {
    if !dry_run {
        crate::store::change::write_participant(folder, edited)?;
    }
    Ok(())
}

/// ` (dry run: nothing written)` after a message, when it is one.
pub(crate) fn dry(dry_run: bool) -> &'static str {
    if dry_run {
        " (dry run: nothing written)"
    } else {
        ""
    }
}
