//! `apply --from FILE --map MAP.toml`: a whole Forms export at once, CSV or
//! workbook. Every row is read and checked, then the folder as it would be
//! after the import; only then is anything written, as one batch (all or
//! nothing, unless `--skip-bad` leaves the bad rows out). People already in
//! the folder (same email) are edited in place; new people get a new file.

mod report;

use crate::output::say;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::store::export::Table;

use super::Ctx;
use super::checked_text;
use crate::cli::ApplyArgs;
use crate::error::{Error, Problem, Result};
use crate::intake::map::{ImportMap, parse_map};
use crate::intake::place::cell_problem;
use crate::intake::rows::{Applicant, BadRow, Rows, read_rows};
use crate::intake::{Edit, Field, Value, new_id};
use crate::meter::Meter;
use crate::model::values::fold;
use crate::store::edit::{Scalar, YamlDoc};
use crate::store::export::{ReadExport, encoding_note, read_export};
use crate::store::{
    Access, Folder, MAX_RECORD_BYTES, PARTICIPANTS_DIR, parse_participant, read_text,
};

/// What the import does to one person.
#[derive(Debug)]
struct Change {
    id: String,
    /// The row whose answers are used.
    row: usize,
    what: What,
    /// The new text of the file (none when unchanged).
    text: Option<String>,
    person: crate::model::Participant,
}

#[derive(Debug, PartialEq)]
enum What {
    Added,
    Updated(Vec<Field>),
    Unchanged,
}

/// An export read through its map.
struct Export {
    map: ImportMap,
    /// The export's name in messages, as the user gave it.
    name: String,
    table: Table,
    rows: Rows,
}

/// Runs the import.
pub(super) fn run(ctx: &Ctx, args: &ApplyArgs, export_path: &Path) -> Result<()> {
    refuse_person_flags(args)?;
    let Some(map_path) = args.map.as_deref() else {
        return Err(Error::Usage(
            "--from needs --map MAP.toml, the file that says which column fills which field; `mentorkit init` writes one to start from (applications-map.toml)".into(),
        ));
    };
    let root = ctx.root()?;
    let map_path = ctx.user_path(map_path);
    let map_text = read_text(&map_path, &map_path, MAX_RECORD_BYTES).map_err(Error::problem)?;
    let map = parse_map(&map_path, &map_text).map_err(Error::Invalid)?;
    let how = ReadExport {
        sheet: args.sheet.as_deref(),
    };
    let table =
        read_export(&ctx.user_path(export_path), export_path, &how).map_err(Error::problem)?;
    if let Some(note) = encoding_note(&table) {
        say!("{note}");
    }
    let (folder, _guard) = crate::commands::open(
        &root,
        Access::Write {
            dry_run: args.dry_run,
        },
    )?
    .into_parts();
    let today = ctx.today(&folder.program);
    let tz = crate::model::recurrence::zone(&folder.program.program.timezone);
    let bound = map.bind(&map_path, &table).map_err(Error::Invalid)?;
    let rows = read_rows(&table, &map, &bound, tz);
    let export = Export {
        map,
        name: export_path.display().to_string(),
        table,
        rows,
    };
    let mut meter = Meter::new(export.rows.applicants.len(), "checking");
    let (mut changes, mut bad) = plan(&folder, &export, today, &mut meter);
    bad.extend(export.rows.bad.iter().cloned());
    if !bad.is_empty() && !args.skip_bad {
        return Err(Error::Invalid(nothing_written(row_problems(bad))));
    }
    settle(&folder, &mut changes, &mut bad, args.skip_bad, &export.name)?;
    if args.dry_run {
        drop(meter);
        report::report(&export, &changes, &bad, args.verbose);
        return report::dry_run(&changes);
    }
    let files: Vec<(PathBuf, &str)> = changes
        .iter()
        .filter_map(|c| Some((folder.participant_path(&c.id), c.text.as_deref()?)))
        .collect();
    // Never a record the loader would refuse for its size.
    for c in &changes {
        if let Some(text) = &c.text {
            let rel = PathBuf::from(PARTICIPANTS_DIR).join(format!("{}.yaml", c.id));
            crate::store::record_fits(&rel, text)?;
        }
    }
    meter.stage(files.len(), "writing");
    let what = format!("apply --from {}", export.name);
    crate::store::write_batch(&root, Some(&what), &files, &mut || meter.tick())?;
    drop(meter);
    report::report(&export, &changes, &bad, args.verbose);
    Ok(())
}

/// Checks the folder as it would be after the changes. Without
/// `skip_bad`, any problem refuses the import; with it, the rows whose
/// person has a problem are left out, until the rest is clean.
fn settle(
    folder: &Folder,
    changes: &mut Vec<Change>,
    bad: &mut Vec<BadRow>,
    skip_bad: bool,
    csv_name: &str,
) -> Result<()> {
    loop {
        let (problems, rejected) = check_after(folder, changes, csv_name);
        if problems.is_empty() {
            return Ok(());
        }
        if !skip_bad || rejected.is_empty() {
            return Err(Error::Invalid(nothing_written(problems)));
        }
        for (row, problems) in rejected {
            bad.push(BadRow { row, problems });
        }
        let rejected_rows: BTreeSet<usize> = bad.iter().map(|b| b.row).collect();
        changes.retain(|c| !rejected_rows.contains(&c.row));
    }
}

/// The one-person flags make no sense with an export.
fn refuse_person_flags(args: &ApplyArgs) -> Result<()> {
    let given = args.name.is_some()
        || args.email.is_some()
        || args.role.is_some()
        || args.department.is_some()
        || args.position.is_some()
        || args.branch.is_some()
        || args.hired.is_some()
        || args.manager.is_some()
        || args.applied.is_some()
        || args.modality.is_some()
        || args.capacity.is_some()
        || args.career_goal.is_some()
        || args.motivation.is_some()
        || !args.degrees.is_empty()
        || !args.competencies.is_empty()
        || !args.availability.is_empty()
        || !args.skills.is_empty()
        || !args.prefers.is_empty();
    if given {
        return Err(Error::Usage(
            "--from imports everyone from the export; the one-person flags (--name, --email, …) cannot be used with it; to set a value for everyone, use [options] in the map".into(),
        ));
    }
    Ok(())
}

/// What to do for each applicant: update the person with that email, or add
/// a new one. Applicants that cannot be carried out are bad rows.
fn plan(
    folder: &Folder,
    export: &Export,
    today: chrono::NaiveDate,
    meter: &mut Meter,
) -> (Vec<Change>, Vec<BadRow>) {
    let by_email: BTreeMap<String, &String> = folder
        .participants
        .iter()
        .map(|(id, p)| (fold(&p.email), id))
        .collect();
    let mut taken: BTreeSet<String> = folder.participants.keys().cloned().collect();
    let mut changes = Vec::new();
    let mut bad = Vec::new();
    for a in &export.rows.applicants {
        meter.tick();
        let result = match by_email.get(&fold(&a.email)) {
            Some(id) => update(folder, id, a),
            None => {
                let r = add(export, a, &taken, today);
                if let Ok(c) = &r {
                    taken.insert(c.id.clone());
                }
                r
            }
        };
        match result {
            Ok(c) => changes.push(c),
            Err(problems) => bad.push(BadRow {
                row: a.row,
                problems: problems
                    .into_iter()
                    .map(|mut p| {
                        if p.file != Path::new(&export.name) {
                            p.message =
                                format!("{} (from row {} of {})", p.message, a.row, export.name);
                        }
                        p
                    })
                    .collect(),
            }),
        }
    }
    let failed = new_texts(&mut changes);
    let rows: BTreeSet<usize> = failed.iter().map(|b| b.row).collect();
    changes.retain(|c| !rows.contains(&c.row));
    bad.extend(failed);
    (changes, bad)
}

fn add(
    export: &Export,
    a: &Applicant,
    taken: &BTreeSet<String>,
    today: chrono::NaiveDate,
) -> Result<Change, Vec<Problem>> {
    let person = a
        .answers
        .new_participant(Some(export.map.role), Some(today))
        .map_err(|missing| {
            missing
                .into_iter()
                .map(|f| {
                    let message = format!(
                        "empty; {} is new to the folder, and a new person needs a {}",
                        a.email,
                        f.key()
                    );
                    match (a.places.get(&f), export.table.rows().get(a.index)) {
                        (Some(col), Some(row)) => {
                            cell_problem(&export.table, row, *col, &message).field(f.key())
                        }
                        _ => Problem::file(&export.name, message).field(f.key()),
                    }
                })
                .collect::<Vec<_>>()
        })?;
    let id = new_id(&person.name, &person.email, |id| taken.contains(id));
    // The text comes in `new_texts`, on every core.
    Ok(Change {
        id,
        row: a.row,
        what: What::Added,
        text: None,
        person,
    })
}

/// The file text of every person added, each read back to make sure it
/// holds exactly the person; a text that does not is a bad row. Done on
/// every core: reading back is most of an import's own work.
fn new_texts(changes: &mut [Change]) -> Vec<BadRow> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let chunk = changes.len().div_ceil(threads).max(256);
    let fill = |part: &mut [Change]| -> Vec<BadRow> {
        let mut bad = Vec::new();
        for c in part.iter_mut().filter(|c| c.what == What::Added) {
            match checked_text(&c.id, &c.person) {
                Ok(text) => c.text = Some(text),
                Err(e) => bad.push(BadRow {
                    row: c.row,
                    problems: vec![as_problem(&c.id, e)],
                }),
            }
        }
        bad
    };
    std::thread::scope(|s| {
        let handles: Vec<_> = changes
            .chunks_mut(chunk)
            .map(|part| s.spawn(move || fill(part)))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

/// Edits an existing person's file in place: comments, key order and every
/// field the map does not fill stay as they are.
fn update(folder: &Folder, id: &str, a: &Applicant) -> Result<Change, Vec<Problem>> {
    let rel = PathBuf::from(PARTICIPANTS_DIR).join(format!("{id}.yaml"));
    let existing = &folder.participants[id];
    let edits = a.answers.edits(existing);
    if edits.is_empty() {
        return Ok(Change {
            id: id.to_string(),
            row: a.row,
            what: What::Unchanged,
            text: None,
            person: existing.clone(),
        });
    }
    let original = folder.sources.get(&rel).cloned().unwrap_or_default();
    let wrap = |e: Error| vec![as_problem(id, e)];
    let doc = YamlDoc::parse(&rel, &original).map_err(wrap)?;
    for edit in &edits {
        match edit {
            Edit::Set(field, value) => {
                let date;
                let scalar = match value {
                    Value::Text(s) => Scalar::Str(s),
                    Value::Bool(b) => Scalar::Bool(*b),
                    Value::Count(n) => Scalar::Int(i64::from(*n)),
                    Value::Date(d) => {
                        date = d.to_string();
                        Scalar::Raw(&date)
                    }
                    Value::Role(r) => Scalar::Raw(r.as_str()),
                    Value::Modality(m) => Scalar::Raw(m.as_str()),
                    Value::List(_) | Value::Slots(_) => continue,
                };
                doc.set_scalar(&[], field.key(), scalar).map_err(wrap)?;
            }
            Edit::Add(field, items) => {
                doc.add_all_to_list(field.key(), items).map_err(wrap)?;
            }
        }
    }
    let (text, _) = doc.finish();
    let person = parse_participant(&rel, &text).map_err(|p| vec![p])?;
    Ok(Change {
        id: id.to_string(),
        row: a.row,
        what: What::Updated(edits.iter().map(Edit::field).collect()),
        text: Some(text),
        person,
    })
}

/// An error about one person's file as a problem.
fn as_problem(id: &str, e: Error) -> Problem {
    match e {
        Error::Invalid(mut ps) if !ps.is_empty() => ps.remove(0),
        Error::Edit { file, why } => Problem::file(file, why.to_string()),
        other => Problem::file(
            PathBuf::from(PARTICIPANTS_DIR).join(format!("{id}.yaml")),
            other.to_string(),
        ),
    }
}

/// The folder's problems after the changes: those in a changed person's
/// file are laid at that row's door (returned by row too); others stand.
fn check_after(
    folder: &Folder,
    changes: &[Change],
    csv_name: &str,
) -> (Vec<Problem>, BTreeMap<usize, Vec<Problem>>) {
    let mut after = folder.clone();
    // Keyed by the path's bytes: compared as paths, thousands of lookups
    // cost more than the check itself.
    let mut row_of: BTreeMap<std::ffi::OsString, usize> = BTreeMap::new();
    for c in changes {
        let rel = PathBuf::from(PARTICIPANTS_DIR).join(format!("{}.yaml", c.id));
        if let Some(text) = &c.text {
            after.sources.insert(rel.clone(), text.clone());
        }
        after.participants.insert(c.id.clone(), c.person.clone());
        if c.what != What::Unchanged {
            row_of.insert(rel.into_os_string(), c.row);
        }
    }
    let mut problems = Vec::new();
    let mut by_row: BTreeMap<usize, Vec<Problem>> = BTreeMap::new();
    for mut p in crate::store::problems(&after) {
        if let Some(row) = row_of.get(p.file.as_os_str()) {
            p.message = format!("{} (from row {row} of {csv_name})", p.message);
            by_row.entry(*row).or_default().push(p.clone());
        }
        problems.push(p);
    }
    let only_rows = problems
        .iter()
        .all(|p| row_of.contains_key(p.file.as_os_str()));
    if !only_rows {
        by_row.clear();
    }
    (problems, by_row)
}

/// Says on the last problem that nothing was written, and how to go on.
fn nothing_written(mut problems: Vec<Problem>) -> Vec<Problem> {
    if let Some(last) = problems.last_mut() {
        let more = "nothing was written; correct the rows (or the map) and run the import again, or give --skip-bad to import the good rows";
        last.help = Some(match last.help.take() {
            Some(h) => format!("{h}\n  = help: {more}"),
            None => more.to_string(),
        });
    }
    problems
}

/// Every problem of the bad rows, in row order.
fn row_problems(mut bad: Vec<BadRow>) -> Vec<Problem> {
    bad.sort_by_key(|b| b.row);
    bad.into_iter().flat_map(|b| b.problems).collect()
}
