//! Writing the rendered documents: every document rendered in every format
//! before the first is written (a template error writes nothing), then all
//! written as one batch (written all, synced once, renamed) under a note
//! that names an interrupted run, then listed.

use std::fs;
use std::path::{Path, PathBuf};

use crate::cli::{DocFormat, ReportArgs, ReportKind};
use crate::error::{Error, Result, count, dry_run};
use crate::meter::Meter;
use crate::output::say;
use crate::render::{Document, Format, Override, Renderer};
use crate::store::journal::Journal;

/// Renders every document in every requested format, then writes them
/// (or, with --dry-run, lists them); a note in the program folder `root`
/// says, if the run is killed, that it was interrupted.
pub(super) fn publish(
    overrides: &[Override],
    docs: &[Document],
    args: &ReportArgs,
    out: &Path,
    root: Option<&Path>,
) -> Result<()> {
    let formats: &[Format] = match args.format {
        Some(DocFormat::Md) => &[Format::Md],
        Some(DocFormat::Html) => &[Format::Html],
        None => &[Format::Md, Format::Html],
    };
    let renderer = Renderer::new(overrides).map_err(Error::Invalid)?;
    if docs.is_empty() {
        let why = match args.kind {
            ReportKind::Handouts => "no sessions yet, and nobody has completed the program",
            _ => "nobody is in the cohort yet",
        };
        say!("nothing to write: {why}");
        return Ok(());
    }
    let mut meter = Meter::new(docs.len() * formats.len(), "rendering");
    let mut rendered = Vec::with_capacity(docs.len() * formats.len());
    for doc in docs {
        for format in formats {
            let text = renderer
                .render(doc, *format)
                .map_err(|p| Error::Invalid(vec![p]))?;
            rendered.push((out.join(format!("{}.{}", doc.name, format.ext())), text));
            meter.tick();
        }
    }
    if !args.dry_run {
        meter.stage(rendered.len(), "writing");
    }
    let unchanged = match (args.dry_run, root) {
        (true, _) => 0,
        (false, Some(root)) if rendered.len() > 1 => {
            let journal = Journal::begin(
                root,
                "report",
                &crate::commands::command_line(),
                rendered.len(),
            )?;
            let unchanged = write_all(out, &rendered, &mut meter)?;
            journal.finish()?;
            unchanged
        }
        (false, _) => write_all(out, &rendered, &mut meter)?,
    };
    drop(meter);
    let mut listing = String::new();
    for (path, _) in &rendered {
        listing.push_str(&shown(path).display().to_string());
        listing.push('\n');
    }
    crate::output::print_out(&listing)?;
    let files = count(rendered.len(), "file", "files");
    if args.dry_run {
        say!(
            "{}",
            dry_run(&format!("write {files} in {}", shown(out).display()))
        );
    } else if unchanged > 0 {
        say!(
            "wrote {files} in {} ({unchanged} unchanged)",
            shown(out).display()
        );
    } else {
        say!("wrote {files} in {}", shown(out).display());
    }
    Ok(())
}

/// Writes every file as one batch (written all, synced once, renamed);
/// returns how many were unchanged. On an error, each file is still old or
/// new, never half-written.
fn write_all(out: &Path, files: &[(PathBuf, String)], meter: &mut Meter) -> Result<usize> {
    fs::create_dir_all(out).map_err(|e| Error::io(out, "creating the folder", e))?;
    let written = crate::store::write_batch(out, None, files, &mut || meter.tick())?;
    Ok(files.len() - written)
}

/// A path as the user can find it: relative to the current folder when inside it.
fn shown(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
}
