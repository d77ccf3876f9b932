//! `apply --from-csv FILE --map MAP.toml`: a whole Forms export at once.
//! Every row is read and checked, then the folder as it would be after the
//! import; only then is anything written (all or nothing, unless
//! `--skip-bad` leaves the bad rows out). People already in the folder
//! (same email) are edited in place; new people get a new file.

use crate::output::say;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::Ctx;
use super::checked_text;
use crate::cli::ApplyArgs;
use crate::error::{Error, Problem, Result};
use crate::intake::map::{ImportMap, parse_map};
use crate::intake::rows::{Applicant, BadRow, Rows, read_rows};
use crate::intake::{Edit, Field, Value, csv, new_id};
use crate::model::values::fold;
use crate::store::edit::{Scalar, YamlDoc};
use crate::store::journal::Journal;
use crate::store::{
    Access, Folder, MAX_RECORD_BYTES, PARTICIPANTS_DIR, parse_participant, read_text, write_atomic,
};

/// The largest export read: 64 MiB is several hundred thousand answers.
const MAX_EXPORT_BYTES: u64 = 64 * MAX_RECORD_BYTES;

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
    path: PathBuf,
    /// The export's name in messages, as the user gave it.
    name: String,
    text: String,
    rows: Rows,
    /// How many records follow the header.
    records: usize,
}

/// Runs the import.
pub(super) fn run(ctx: &Ctx, args: &ApplyArgs, csv_path: &Path) -> Result<()> {
    refuse_person_flags(args)?;
    let Some(map_path) = args.map.as_deref() else {
        return Err(Error::Usage(
            "--from-csv needs --map MAP.toml, the file that says which column fills which field; `mentorkit init` writes one to start from (applications-map.toml)".into(),
        ));
    };
    let root = ctx.root()?;
    let export = read_export(&ctx.user_path(map_path), &ctx.user_path(csv_path))?;
    let (folder, _guard) = crate::commands::open(
        &root,
        Access::Write {
            dry_run: args.dry_run,
        },
    )?
    .into_parts();
    let today = ctx.today(&folder.program);
    let (mut changes, mut bad) = plan(&folder, &export, today);
    bad.extend(export.rows.bad.iter().cloned());
    if !bad.is_empty() && !args.skip_bad {
        return Err(Error::Invalid(nothing_written(row_problems(bad))));
    }
    settle(&folder, &mut changes, &mut bad, args.skip_bad, &export.name)?;
    if args.dry_run {
        report(&export, &changes, &bad);
        for c in &changes {
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
        say!(
            "{}",
            crate::error::dry_run(&format!(
                "write {}",
                crate::error::count(changes.len(), "file", "files")
            ))
        );
        return Ok(());
    }
    // A note in the folder while the files are written: a kill in between
    // leaves it, and the next run says the import was interrupted (and,
    // run again, writes what is missing).
    let writes: Vec<(&str, &str)> = changes
        .iter()
        .filter_map(|c| c.text.as_deref().map(|t| (c.id.as_str(), t)))
        .collect();
    for (id, text) in &writes {
        let rel = PathBuf::from(PARTICIPANTS_DIR).join(format!("{id}.yaml"));
        crate::store::record_fits(&rel, text)?;
    }
    let journal = Journal::begin(&root, "apply", &super::super::command_line(), writes.len())?;
    for (id, text) in writes {
        write_atomic(&folder.participant_path(id), text.as_bytes())?;
    }
    journal.finish()?;
    report(&export, &changes, &bad);
    Ok(())
}

/// Reads the map and the export, finds the mapped columns and reads every
/// row. Problems with the map or the file's syntax stop here.
fn read_export(map_path: &Path, csv_path: &Path) -> Result<Export> {
    let map_text = read_text(map_path, map_path, MAX_RECORD_BYTES).map_err(Error::problem)?;
    let map = parse_map(map_path, &map_text).map_err(Error::Invalid)?;
    let text = read_text(csv_path, csv_path, MAX_EXPORT_BYTES).map_err(Error::problem)?;
    let records = csv::parse(&text).map_err(|e| {
        Error::problem(Problem::file(csv_path, e.message).at(&text, e.line, e.column))
    })?;
    let name = csv_path.display().to_string();
    let Some((header, data)) = records.split_first() else {
        return Err(Error::EmptyExport {
            file: name.to_string(),
        });
    };
    let bound = map
        .bind(map_path, &header.cells, &name)
        .map_err(Error::Invalid)?;
    let rows = read_rows(csv_path, &text, &map, &bound, header.cells.len(), data);
    Ok(Export {
        map,
        path: csv_path.to_path_buf(),
        name,
        records: data.len(),
        text,
        rows,
    })
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
            "--from-csv imports everyone from the export; the one-person flags (--name, --email, …) cannot be used with it; to set a value for everyone, use [options] in the map".into(),
        ));
    }
    Ok(())
}

/// What to do for each applicant: update the person with that email, or add
/// a new one. Applicants that cannot be carried out are bad rows.
fn plan(folder: &Folder, export: &Export, today: chrono::NaiveDate) -> (Vec<Change>, Vec<BadRow>) {
    let by_email: BTreeMap<String, &String> = folder
        .participants
        .iter()
        .map(|(id, p)| (fold(&p.email), id))
        .collect();
    let mut taken: BTreeSet<String> = folder.participants.keys().cloned().collect();
    let mut changes = Vec::new();
    let mut bad = Vec::new();
    for a in &export.rows.applicants {
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
                        if p.file != export.path {
                            p.message =
                                format!("{} (from row {} of {})", p.message, a.row, export.name);
                        }
                        p
                    })
                    .collect(),
            }),
        }
    }
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
                    let title = a.titles.get(&f).cloned().unwrap_or_default();
                    let p = Problem::file(
                        &export.path,
                        format!(
                            "row {}, \"{title}\": empty; {} is new to the folder, and a new person needs a {}",
                            a.row,
                            a.email,
                            f.key()
                        ),
                    )
                    .field(f.key());
                    match a.places.get(&f) {
                        Some((line, col)) => p.at(&export.text, *line, *col),
                        None => p,
                    }
                })
                .collect::<Vec<_>>()
        })?;
    let id = new_id(&person.name, &person.email, |id| taken.contains(id));
    let text = checked_text(&id, &person).map_err(|e| vec![as_problem(&id, e)])?;
    Ok(Change {
        id,
        row: a.row,
        what: What::Added,
        text: Some(text),
        person,
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
    let mut row_of: BTreeMap<PathBuf, usize> = BTreeMap::new();
    for c in changes {
        let rel = PathBuf::from(PARTICIPANTS_DIR).join(format!("{}.yaml", c.id));
        if let Some(text) = &c.text {
            after.sources.insert(rel.clone(), text.clone());
        }
        after.participants.insert(c.id.clone(), c.person.clone());
        if c.what != What::Unchanged {
            row_of.insert(rel, c.row);
        }
    }
    let mut problems = Vec::new();
    let mut by_row: BTreeMap<usize, Vec<Problem>> = BTreeMap::new();
    for mut p in crate::store::problems(&after) {
        if let Some(row) = row_of.get(&p.file) {
            p.message = format!("{} (from row {row} of {csv_name})", p.message);
            by_row.entry(*row).or_default().push(p.clone());
        }
        problems.push(p);
    }
    let only_rows = problems.iter().all(|p| row_of.contains_key(&p.file));
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

/// What the import did (or would do), on stderr.
fn report(export: &Export, changes: &[Change], bad: &[BadRow]) {
    let (rows, blank) = (export.records, export.rows.blank.len());
    for a in export.rows.applicants.iter().filter(|a| a.rows.len() > 1) {
        let list: Vec<String> = a.rows.iter().map(usize::to_string).collect();
        say!(
            "{} sent the form {} times (rows {}); row {}, the latest, is used",
            a.email,
            a.rows.len(),
            list.join(", "),
            a.row
        );
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
                say!("added {} (row {})", c.id, c.row);
            }
            What::Updated(fields) => {
                updated += 1;
                let keys: Vec<&str> = fields.iter().map(|f| f.key()).collect();
                say!("updated {} (row {}): {}", c.id, c.row, keys.join(", "));
            }
            What::Unchanged => unchanged += 1,
        }
    }
    let mut line = format!(
        "{}: {added} added, {updated} updated, {unchanged} unchanged",
        crate::error::count(rows, "row", "rows")
    );
    if !bad.is_empty() {
        let skipped: BTreeSet<usize> = bad.iter().map(|b| b.row).collect();
        line.push_str(&format!(", {} skipped", skipped.len()));
    }
    if blank > 0 {
        line.push_str(&format!(", {blank} blank"));
    }
    say!("{line}");
}
