//! Writing the rendered documents: every document rendered in every format
//! before the first is written (a template error writes nothing), then all
//! written on a few threads under a note that names an interrupted run,
//! then listed.

use std::fs;
use std::path::{Path, PathBuf};

use crate::cli::{DocFormat, ReportArgs, ReportKind};
use crate::error::{Error, Result, count, dry_run};
use crate::output::say;
use crate::render::{Document, Format, Override, Renderer};
use crate::store::journal::Journal;
use crate::store::write_atomic;

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
    let mut rendered = Vec::with_capacity(docs.len() * formats.len());
    for doc in docs {
        for format in formats {
            let text = renderer
                .render(doc, *format)
                .map_err(|p| Error::Invalid(vec![p]))?;
            rendered.push((out.join(format!("{}.{}", doc.name, format.ext())), text));
        }
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
            let unchanged = write_all(&rendered)?;
            journal.finish()?;
            unchanged
        }
        (false, _) => write_all(&rendered)?,
    };
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

/// Writes every file atomically, on a few threads (each write waits for
/// the disk); returns how many were unchanged. On an error, each file is
/// still old or new, never half-written, and the first error is reported.
fn write_all(files: &[(PathBuf, String)]) -> Result<usize> {
    const THREADS: usize = 4;
    if files.len() < 16 {
        let mut unchanged = 0;
        for (path, text) in files {
            unchanged += usize::from(!write_atomic(path, text.as_bytes())?);
        }
        return Ok(unchanged);
    }
    // Folders first, so that threads do not race to create them.
    let mut dirs: Vec<&Path> = files.iter().filter_map(|(p, _)| p.parent()).collect();
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, "creating the folder", e))?;
    }
    let chunk = files.len().div_ceil(THREADS);
    std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || -> Result<usize> {
                    let mut unchanged = 0;
                    for (path, text) in part {
                        unchanged += usize::from(!write_atomic(path, text.as_bytes())?);
                    }
                    Ok(unchanged)
                })
            })
            .collect();
        let mut unchanged = 0;
        for h in handles {
            unchanged += h
                .join()
                .map_err(|_| Error::Bug("a writing thread stopped unexpectedly".into()))??;
        }
        Ok(unchanged)
    })
}

/// A path as the user can find it: relative to the current folder when inside it.
fn shown(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
}
