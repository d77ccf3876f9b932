//! What an import did (or would do), on stderr: the warnings and skipped
//! rows always, then one summary line; with `--verbose`, a line per person
//! added or updated and per resubmission too.

use std::collections::BTreeSet;

use crate::output::say;

use super::{Change, Export, What};
use crate::error::{Result, count};
use crate::intake::rows::BadRow;
use crate::store::PARTICIPANTS_DIR;

/// Says what was done, after it was done.
pub(super) fn report(export: &Export, changes: &[Change], bad: &[BadRow], verbose: bool) {
    let (rows, blank) = (export.table.rows().len(), export.rows.blank.len());
    let written: BTreeSet<usize> = changes.iter().map(|c| c.row).collect();
    for a in export
        .rows
        .applicants
        .iter()
        .filter(|a| written.contains(&a.row))
    {
        for w in &a.warnings {
            say!("warning: {w}");
        }
    }
    let resent: Vec<_> = export
        .rows
        .applicants
        .iter()
        .filter(|a| a.rows.len() > 1)
        .collect();
    if verbose {
        for a in &resent {
            let list: Vec<String> = a.rows.iter().map(usize::to_string).collect();
            say!(
                "{} sent the form {} times (rows {}); row {}, the latest, is used",
                a.email,
                a.rows.len(),
                list.join(", "),
                a.row
            );
        }
    }
    let mut bad: Vec<&BadRow> = bad.iter().collect();
    bad.sort_by_key(|b| b.row);
    for b in &bad {
        for p in &b.problems {
            say!("skipped: {p}");
        }
    }
    let (mut added, mut updated, mut unchanged) = (0, 0, 0);
    for c in changes {
        match &c.what {
            What::Added => {
                added += 1;
                if verbose {
                    say!("added {} (row {})", c.id, c.row);
                }
            }
            What::Updated(fields) => {
                updated += 1;
                if verbose {
                    let keys: Vec<&str> = fields.iter().map(|f| f.key()).collect();
                    say!("updated {} (row {}): {}", c.id, c.row, keys.join(", "));
                }
            }
            What::Unchanged => unchanged += 1,
        }
    }
    let mut line = format!(
        "{}: {added} added, {updated} updated, {unchanged} unchanged",
        count(rows, "row", "rows")
    );
    if !bad.is_empty() {
        let skipped: BTreeSet<usize> = bad.iter().map(|b| b.row).collect();
        line.push_str(&format!(", {} skipped", skipped.len()));
    }
    if blank > 0 {
        line.push_str(&format!(", {blank} blank"));
    }
    if !verbose && !resent.is_empty() {
        line.push_str(&format!(
            "; {} sent the form more than once, the latest answers used (--verbose lists them)",
            count(resent.len(), "person", "people")
        ));
    }
    say!("{line}");
}

/// `--dry-run`: the files that would be written, on stdout.
pub(super) fn dry_run(changes: &[Change]) -> Result<()> {
    for c in changes {
        if let Some(text) = &c.text {
            let state = if c.what == What::Added {
                "new"
            } else {
                "updated"
            };
            crate::output::print_out(&format!(
                "# {PARTICIPANTS_DIR}/{}.yaml ({state})\n{text}\n",
                c.id
            ))?;
        }
    }
    let files = changes.iter().filter(|c| c.text.is_some()).count();
    say!(
        "{}",
        crate::error::dry_run(&format!("write {}", count(files, "file", "files")))
    );
    Ok(())
}
