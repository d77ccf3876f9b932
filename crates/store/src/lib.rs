//! The program folder on disk: finding it, loading and validating every file,
//! and writing safely (atomic replace, a folder lock, in-place YAML edits).
//! It knows the records (the model crate), never the logic; only this crate
//! and the binary's commands touch the file system.

use mentorkit_model as model;
use mentorkit_model::error;

mod bounds;
pub mod cache;
pub mod change;
pub mod comparison;
mod diag;
pub mod edit;
mod emit;
pub mod export;
mod ics_sequence;
pub mod journal;
mod known;
mod load;
mod lock;
pub mod matches;
mod open;
mod plain_yaml;
pub mod private;
pub mod screening;
mod session_yaml;
mod sweep;
mod target;
pub mod templates;
mod validate;
mod write;
pub mod yaml;

#[cfg(test)]
mod fuzz;

use std::path::{Path, PathBuf};

use crate::error::{Error, Looked, Problem, Result};
pub use crate::model::{Folder, PARTICIPANTS_DIR, PROGRAM_FILE, SESSIONS_DIR};

pub use bounds::{MAX_GROUP_SIZE, MAX_MENTOR_CAPACITY, MAX_WEIGHT, YEARS};
pub use diag::locate;
pub use emit::participant_yaml;
pub use ics_sequence::{parse_sequence, sequence_text};
pub use known::Known;
pub use load::{MAX_RECORD_BYTES, parse_participant, parse_session, read_text};
pub use lock::Lock;
pub use matches::{MATCHES_FILE, load_matches, matches_problems, matches_text, write_matches};
pub use open::{Access, Guard, Opened, open, open_cached, open_rewriting};
pub use private::PRIVATE_DIR;
pub use screening::{
    SCREENING_FILE, load_screening, screening_problems, screening_text, write_screening,
};
pub use session_yaml::session_yaml;
pub use target::{ICS_SEQUENCE_FILE, check_output};
pub use templates::{TEMPLATES_DIR, TemplateFile, template_overrides};
pub use validate::{check_rrule, session_problems};
pub use write::{
    GENERATED_HEADER, Recovered, generated, recover, write_atomic, write_batch, write_generated,
};

/// Refuses a record text that the loader would refuse for its size, so
/// that mentorkit never writes a record it cannot read back.
pub fn record_fits(rel: &Path, text: &str) -> Result<()> {
    if text.len() as u64 <= MAX_RECORD_BYTES {
        return Ok(());
    }
    Err(Error::problem(
        Problem::file(
            rel,
            format!(
                "would be {} bytes, more than the {MAX_RECORD_BYTES} a record may have; nothing was written",
                text.len()
            ),
        )
        .help("a record holds one person or session; split what makes it this long"),
    ))
}

/// Loads and validates the folder; any problem is an error listing them all.
pub fn load(root: &Path) -> Result<Folder> {
    let (folder, problems) = load_all(root)?;
    match folder {
        Some(f) if problems.is_empty() => Ok(f),
        _ => Err(Error::Invalid(problems)),
    }
}

/// As [`load`], for a process that loads one folder again and again (the
/// dashboard): records whose files are unchanged since the last load with
/// this cache are not read or parsed again; the rest, and the validation of
/// the whole folder, are as [`load`] does them.
pub fn load_cached(root: &Path, cache: &cache::Cache) -> Result<Folder> {
    let (folder, problems) = load_all_with(root, Some(cache))?;
    match folder {
        Some(f) if problems.is_empty() => Ok(f),
        _ => Err(Error::Invalid(problems)),
    }
}

/// Loads what can be loaded and returns every problem found; `None` when
/// `program.toml` itself cannot be read.
pub fn load_all(root: &Path) -> Result<(Option<Folder>, Vec<Problem>)> {
    load_all_with(root, None)
}

fn load_all_with(
    root: &Path,
    cache: Option<&cache::Cache>,
) -> Result<(Option<Folder>, Vec<Problem>)> {
    let (loaded, mut problems) = load::load(root, cache)?;
    let Some(folder) = loaded else {
        problems.sort();
        return Ok((None, problems));
    };
    problems.extend(validate::validate(&folder));
    problems.sort();
    problems.dedup();
    Ok((Some(folder), problems))
}

/// The cross-field and cross-file problems of the folder as it is in
/// memory: a command that changed records checks them before writing.
pub fn problems(folder: &Folder) -> Vec<Problem> {
    let mut problems = validate::validate(folder);
    problems.sort();
    problems.dedup();
    problems
}

/// A problem placed at `key` (and `value` after it) in a loaded record.
pub fn problem_at(
    folder: &Folder,
    rel: &Path,
    key: &str,
    value: Option<&str>,
    message: impl Into<String>,
) -> Problem {
    let p = Problem::file(rel, message).field(key);
    match folder
        .sources
        .get(rel)
        .and_then(|text| locate(text, key, value).map(|(l, c)| (text, l, c)))
    {
        Some((text, line, col)) => p.at(text, line, col),
        None => p,
    }
}

/// Finds the program folder: `dir` itself when given (it must hold
/// `program.toml`), else the nearest folder upwards from the current one.
pub fn find_root(dir: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = dir {
        if dir.join(PROGRAM_FILE).is_file() {
            return Ok(dir.to_path_buf());
        }
        return Err(Error::NoProgram(Looked::Here(dir.to_path_buf())));
    }
    let cwd =
        std::env::current_dir().map_err(|e| Error::io(".", "reading the current folder", e))?;
    let mut here = cwd.as_path();
    loop {
        if here.join(PROGRAM_FILE).is_file() {
            return Ok(here.to_path_buf());
        }
        match here.parent() {
            Some(parent) => here = parent,
            None => return Err(Error::NoProgram(Looked::Upwards(cwd))),
        }
    }
}
