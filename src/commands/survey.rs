//! `mentorkit survey import NAME --from FILE --map MAP.toml`: reads a Forms
//! export of a survey (CSV or workbook) into each person's `surveys.NAME`,
//! matched by email; rows that match nobody are reported, and a cell the
//! map cannot read stops the whole import before anything is written.

use crate::output::say;
use std::collections::BTreeMap;
use std::path::Path;

use super::Ctx;
use super::person_edit::{self, Edited, dry};
use crate::cli::{SurveyAction, SurveyArgs, SurveyImportArgs};
use crate::error::{Error, Problem, Result, nearest};
use crate::meter::Meter;
use crate::model::values::fold;
use crate::output::print_out;
use crate::store::MAX_RECORD_BYTES;
use crate::store::edit::Scalar;
use crate::store::export::{ReadExport, encoding_note, read_export};
use crate::survey::{self, MAP_KEYS, SurveyMap};

/// Runs the command.
pub fn run(ctx: &Ctx, args: SurveyArgs) -> Result<()> {
    match args.action {
        SurveyAction::Import(a) => import(ctx, a),
    }
}

fn import(ctx: &Ctx, args: SurveyImportArgs) -> Result<()> {
    let name = args.name.trim().to_string();
    if !survey::is_key(&name) {
        return Err(Error::BadName {
            what: "a survey name",
            value: args.name.clone(),
            rule: "use letters, digits, - and _, such as pre or post",
        });
    }
    let map = read_map(&ctx.user_path(&args.map), &args.map)?;
    let scales = map.scales().map_err(|v| on_file(&args.map, v))?;
    let (folder, _guard) = person_edit::open(ctx, args.dry_run)?.into_parts();
    let folder = &folder;
    let how = ReadExport {
        sheet: args.sheet.as_deref(),
    };
    let table =
        read_export(&ctx.user_path(&args.from), &args.from, &how).map_err(Error::problem)?;
    if let Some(note) = encoding_note(&table) {
        say!("{note}");
    }
    let (email_col, questions) =
        survey::columns(&map, &table).map_err(|v| on_file(&args.map, v))?;
    let rows = survey::read_rows(&scales, &table, email_col, &questions);
    if !rows.problems.is_empty() {
        return Err(Error::Invalid(rows.problems));
    }
    let ids: BTreeMap<String, &str> = folder
        .participants
        .iter()
        .map(|(id, p)| (fold(&p.email), id.as_str()))
        .collect();
    let noun = table.row_noun();
    let mut warnings = Vec::new();
    for at in &rows.no_email {
        warnings.push(format!("{at}: no email; row skipped"));
    }
    for (email, earlier, later) in &rows.replaced {
        warnings.push(format!(
            "{earlier}: {email} answered again on {noun} {later}; the later answers count"
        ));
    }
    let mut matched: BTreeMap<&str, &survey::RowAnswers> = BTreeMap::new();
    for (key, row) in &rows.by_email {
        match ids.get(key) {
            Some(id) => {
                matched.insert(id, row);
            }
            None => warnings.push(format!(
                "{}: no participant has the email {}; row skipped",
                row.at, row.email
            )),
        }
    }
    // Every edit is made and re-parsed before the first file is written.
    let mut edits: Vec<(Edited, &survey::RowAnswers)> = Vec::new();
    for (id, row) in &matched {
        let edited = person_edit::edit(folder, id, |doc| {
            for (q, v) in &row.answers {
                doc.set_scalar(&["surveys", &name], q, Scalar::Int(i64::from(*v)))?;
            }
            Ok(())
        })?;
        edits.push((edited, row));
    }
    let files: Vec<(std::path::PathBuf, Vec<u8>)> = edits
        .iter()
        .filter(|(e, _)| e.changed)
        .map(|(e, _)| {
            (
                folder
                    .root
                    .join(crate::store::change::participant_rel(&e.id)),
                e.text.clone().into_bytes(),
            )
        })
        .collect();
    if !args.dry_run {
        let mut meter = Meter::new(files.len(), "writing");
        let what = format!("survey import {name} --from {}", args.from.display());
        crate::store::write_batch(&folder.root, Some(&what), &files, &mut || meter.tick())?;
    }
    let mut out = String::new();
    let mut updated = 0;
    for (edited, row) in &edits {
        if edited.changed {
            updated += 1;
            if args.verbose {
                let answers: Vec<String> = row
                    .answers
                    .iter()
                    .map(|(q, v)| format!("{q} {v}"))
                    .collect();
                out.push_str(&format!("{}: {name}: {}\n", edited.id, answers.join(", ")));
            }
        }
    }
    let same = edits.len() - updated;
    let unmatched = rows.by_email.len() - matched.len() + rows.no_email.len();
    out.push_str(&format!(
        "survey {name}: {} updated, {same} already up to date, {} not matched{}\n",
        people(updated),
        crate::error::count(unmatched, "row", "rows"),
        dry(args.dry_run)
    ));
    for w in &warnings {
        say!("warning: {w}");
    }
    print_out(&out)
}

fn people(n: usize) -> String {
    match n {
        1 => "1 person".to_string(),
        n => format!("{n} people"),
    }
}

/// Problems with the map, as one error naming its file.
fn on_file(file: &Path, messages: Vec<String>) -> Error {
    Error::Invalid(
        messages
            .into_iter()
            .map(|m| Problem::file(file, m))
            .collect(),
    )
}

/// Reads and parses the map, problems placed at their line.
fn read_map(path: &Path, shown: &Path) -> Result<SurveyMap> {
    let text = crate::store::read_text(path, shown, MAX_RECORD_BYTES).map_err(|mut p| {
        p.help = None;
        Error::problem(p)
    })?;
    toml::from_str(&text).map_err(|e| {
        let message = e.message().trim().trim_end_matches('.').to_string();
        let mut p = Problem::file(shown, message.clone());
        if let Some(rest) = message.strip_prefix("unknown field `")
            && let Some(field) = rest.split('`').next()
        {
            p.message = format!("unknown field `{field}`");
            p = match nearest(field, MAP_KEYS.iter().copied()) {
                Some(near) => p.help(crate::error::did_you_mean(near)),
                None => p.help(format!("a map has: {}", MAP_KEYS.join(", "))),
            };
        } else if let Some(rest) = message.strip_prefix("missing field `")
            && let Some(field) = rest.split('`').next()
        {
            p.message = format!("missing field `{field}`");
            p = p.help(match field {
                "email" => "add email = \"<the column header of the email address>\"",
                _ => "add [questions] with one line per question: key = \"<column header>\"",
            });
        }
        if let Some(span) = e.span() {
            let (line, col) = line_col(&text, span.start);
            p = p.at(&text, line, col);
        }
        Error::problem(p)
    })
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
