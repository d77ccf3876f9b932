//! What `goal`, `deliverable`, `outcome` and `survey import` share: find a
//! person by id (or say whom the id nearly names), change their file in
//! place under the folder lock, re-parse the result, write it atomically.

use std::path::PathBuf;

use super::Ctx;
use crate::error::{Error, Kind, Result, Unknown};
use crate::model::Participant;
use crate::store::edit::YamlDoc;
use crate::store::{Access, Folder, Opened, PARTICIPANTS_DIR, parse_participant, write_atomic};

/// Takes the lock (unless this is a dry run), then loads and validates
/// the folder.
pub(crate) fn open(ctx: &Ctx, dry_run: bool) -> Result<Opened> {
    crate::commands::open(&ctx.root()?, Access::Write { dry_run })
}

/// The participant `id`, or a refusal that suggests the nearest id.
pub(crate) fn person<'f>(folder: &'f Folder, id: &str) -> Result<&'f Participant> {
    folder.participants.get(id).ok_or_else(|| {
        Error::Unknown(Unknown::new(
            Kind::Participant,
            &[id],
            folder.participants.keys().map(String::as_str),
        ))
    })
}

/// The file of `id` relative to the folder.
pub(crate) fn rel(id: &str) -> PathBuf {
    PathBuf::from(PARTICIPANTS_DIR).join(format!("{id}.yaml"))
}

/// A person's file after an edit: the new text, the record it parses to,
/// and whether anything changed.
pub(crate) struct Edited {
    pub id: String,
    pub text: String,
    pub record: Participant,
    pub changed: bool,
}

/// Applies `change` to the file of `id` as it was read under the lock and
/// re-parses the result, so an edit never writes an invalid file.
pub(crate) fn edit(
    folder: &Folder,
    id: &str,
    change: impl FnOnce(&YamlDoc) -> Result<()>,
) -> Result<Edited> {
    let rel = rel(id);
    let original = match folder.sources.get(&rel) {
        Some(text) => text.clone(),
        None => crate::store::read_text(
            &folder.root.join(&rel),
            &rel,
            crate::store::MAX_RECORD_BYTES,
        )
        .map_err(Error::problem)?,
    };
    let doc = YamlDoc::parse(&rel, &original)?;
    change(&doc)?;
    let (text, changed) = doc.finish();
    crate::store::record_fits(&rel, &text)?;
    let record = parse_participant(&rel, &text).map_err(|p| Error::EditInvalid {
        file: rel.clone(),
        message: p.message,
    })?;
    Ok(Edited {
        id: id.to_string(),
        text,
        record,
        changed,
    })
}

/// Writes an edited file, unless nothing changed or this is a dry run.
pub(crate) fn write(folder: &Folder, edited: &Edited, dry_run: bool) -> Result<()> {
    if edited.changed && !dry_run {
        write_atomic(&folder.root.join(rel(&edited.id)), edited.text.as_bytes())?;
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
