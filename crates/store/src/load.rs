//! Reads every file of the folder, each problem kept with its place, so that
//! `check` can report them all in one pass.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::diag::{directive_problem, toml_problem, yaml_problem};
use super::private::{Fence, Fenced};
use super::{Folder, PARTICIPANTS_DIR, PROGRAM_FILE, SESSIONS_DIR};
use crate::cache::{Cache, Cached, Stamp};
use crate::error::{Problem, Result};
use crate::model::{Participant, ProgramFile, Session, is_valid_id};

/// The largest record file read (1 MiB): one person or session is a few KiB.
pub const MAX_RECORD_BYTES: u64 = 1024 * 1024;

/// Reads a text file for parsing: refuses what is too large, not a regular
/// file, or not UTF-8; strips a byte order mark. `rel` names it in problems.
pub fn read_text(path: &Path, rel: &Path, limit: u64) -> Result<String, Problem> {
    let meta = fs::metadata(path).map_err(|e| {
        let why = match e.raw_os_error() {
            Some(40) => "a symbolic link that loops".to_string(),
            _ if e.kind() == std::io::ErrorKind::NotFound => {
                "cannot be read: it is missing, or a link to nothing".to_string()
            }
            _ => format!("cannot be read: {e}"),
        };
        Problem::file(rel, why)
    })?;
    if !meta.is_file() {
        return Err(Problem::file(rel, "is not a file"));
    }
    if meta.len() > limit {
        return Err(Problem::file(
            rel,
            format!(
                "is {} bytes, more than the {} a record may have; refused",
                meta.len(),
                limit
            ),
        )
        .help("a record file holds one person or session; check that the right file is here"));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| Problem::file(rel, format!("cannot be read: {e}")))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let before = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let (line, column) = super::diag::line_col(&before, before.len());
            let mut p = Problem::file(rel, "is not UTF-8 text").help(
                "save the file as UTF-8 (most editors offer it under \"Save with encoding\")",
            );
            p.line = Some(line);
            p.column = Some(column);
            return Err(p);
        }
    };
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// The parser's budget for a text of `bytes` bytes. An alias bomb is many
/// values from few bytes, a long list is many values from many bytes: so
/// aliases and anchors (and what their replay records) have small fixed
/// limits, while plain values and events grow with the length of the text
/// (no value takes less than two bytes without an alias). Whatever
/// mentorkit writes, at any size, it reads back.
fn yaml_options(bytes: usize) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = BASE_NODES.saturating_add(bytes);
    budget.max_events = BASE_NODES
        .saturating_mul(5)
        .saturating_add(bytes.saturating_mul(2));
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_recorded_anchor_events = BASE_NODES;
    budget.max_depth = 32;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.with_snippet = false;
    options
}

/// Values any text may hold, however short; past it, one per byte.
const BASE_NODES: usize = 20_000;

pub(super) fn parse_yaml<T: DeserializeOwned>(
    rel: &Path,
    text: &str,
    what: &str,
) -> Result<T, Problem> {
    if let Some(p) = directive_problem(rel, text) {
        return Err(p);
    }
    // Plain records are read by the fast reader; all else, and every
    // error, by the general parser.
    if let Some(value) = super::plain_yaml::read(text) {
        return Ok(value);
    }
    serde_saphyr::from_str_with_options(text, yaml_options(text.len()))
        .map_err(|e| yaml_problem(rel, text, &e, what))
}

/// Parses a participant record.
pub fn parse_participant(rel: &Path, text: &str) -> Result<Participant, Problem> {
    parse_yaml(rel, text, "participant")
}

/// Parses a session record.
pub fn parse_session(rel: &Path, text: &str) -> Result<Session, Problem> {
    parse_yaml(rel, text, "session")
}

/// Most problems a `program.toml` holds that one parse would stop at.
const MAX_PROGRAM_PROBLEMS: usize = 20;

/// Parses `program.toml` and reports every problem in it, not only the
/// first: after each error on a `key = value` line, that line is set aside
/// (made a comment, so that places stay where they are) and the parse
/// runs again, until it passes, a table header or the syntax is at fault,
/// or the same error comes back. The program returned is the one without
/// the lines set aside, or else what can be read of it
/// (`ProgramFile::partial`), so that the records can be checked against it.
pub(crate) fn parse_program_all(rel: &Path, text: &str) -> (ProgramFile, Vec<Problem>) {
    let mut problems: Vec<Problem> = Vec::new();
    let mut trial = text.to_string();
    for _ in 0..MAX_PROGRAM_PROBLEMS {
        let syntax_ok = trial.parse::<toml::Table>().is_ok();
        if !syntax_ok && !problems.is_empty() {
            break;
        }
        let err = match toml::from_str::<ProgramFile>(&trial) {
            Ok(program) => return (program, problems),
            Err(e) => e,
        };
        let problem = toml_problem(rel, &trial, &err);
        if problems.contains(&problem) {
            break;
        }
        problems.push(problem);
        let Some(span) = err.span() else { break };
        let start = trial[..span.start.min(trial.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        if !syntax_ok || trial[start..].trim_start().starts_with('[') {
            break;
        }
        trial.insert(start, '#');
    }
    let table = trial
        .parse::<toml::Table>()
        .or_else(|_| text.parse::<toml::Table>())
        .unwrap_or_default();
    (ProgramFile::partial(&table), problems)
}

/// What to do about a record that leads where mentorkit never reads.
fn fenced_help(why: &Fenced) -> &'static str {
    match why {
        Fenced::Outside => "move the file into the program folder instead of linking to it",
        _ => "remove the link: what is in private/ stays there",
    }
}

/// A record file found in its folder.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Record {
    id: String,
    rel: PathBuf,
    is_link: bool,
}

/// The `.yaml` files of a record folder, sorted, with problems for anything
/// else in it, and for a folder that leads into private/ or out of the
/// folder (each file is fenced as it is read).
fn record_files(root: &Path, dir: &str, fence: &Fence, problems: &mut Vec<Problem>) -> Vec<Record> {
    let path = root.join(dir);
    if let Err(why) = fence.check(&path) {
        problems.push(why.problem(Path::new(dir), "mentorkit", fenced_help(&why)));
        return Vec::new();
    }
    let entries = match fs::read_dir(&path) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            problems.push(Problem::file(dir, format!("cannot be read: {e}")));
            return Vec::new();
        }
    };
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = PathBuf::from(dir).join(&name);
        if name.starts_with('.') {
            continue;
        }
        let Some(stem) = name.strip_suffix(".yaml") else {
            let help = match name.strip_suffix(".yml") {
                Some(stem) => format!("rename it to {stem}.yaml"),
                None => format!("{dir}/ holds only <id>.yaml files; move it elsewhere"),
            };
            problems.push(Problem::file(rel, "is not a .yaml record").help(help));
            continue;
        };
        if !is_valid_id(stem) {
            let suggestion = crate::model::slug(stem);
            let help = if suggestion.is_empty() {
                "ids are lowercase letters, digits and dashes".to_string()
            } else {
                format!(
                    "ids are lowercase letters, digits and dashes; rename it to {suggestion}.yaml"
                )
            };
            problems.push(Problem::file(rel, format!("`{stem}` is not a valid id")).help(help));
            continue;
        }
        let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
        files.push(Record {
            id: stem.to_string(),
            rel,
            is_link,
        });
    }
    files.sort();
    files
}

type Parsed<T> = Vec<(String, PathBuf, Result<(T, String), Problem>)>;

/// Fences, reads and parses every record, on a few threads; a record
/// unchanged since it was cached (the dashboard's) is not parsed again.
fn read_all<T: Cached>(
    root: &Path,
    fence: &Fence,
    files: Vec<Record>,
    parse: fn(&Path, &str) -> Result<T, Problem>,
    cache: Option<&Cache>,
) -> Parsed<T> {
    if let Some(c) = cache {
        let seen: Vec<PathBuf> = files.iter().map(|r| r.rel.clone()).collect();
        crate::cache::keep_only::<T>(c, &seen);
    }
    let work = |Record { id, rel, is_link }: Record| {
        let path = root.join(&rel);
        // The fence first, so that a cached record now behind a link into
        // private/ is refused like any other.
        if let Err(why) = fence.check_entry(&path, is_link) {
            let p = why.problem(&rel, "mentorkit", fenced_help(&why));
            return (id, rel, Err(p));
        }
        // The stamp is taken before the read: a file changed meanwhile is
        // read again next time.
        let stamp = cache.and_then(|_| fs::metadata(&path).ok().map(|m| Stamp::of(&m)));
        if let (Some(c), Some(stamp)) = (cache, stamp)
            && let Some(hit) = crate::cache::get::<T>(c, &rel, stamp)
        {
            return (id, rel, Ok(hit));
        }
        let r = read_text(&path, &rel, MAX_RECORD_BYTES)
            .map_err(|p| match p.message.as_str() {
                "is not a file" => p.help("record folders hold only .yaml files"),
                _ => p,
            })
            .and_then(|text| parse(&rel, &text).map(|v| (v, text)));
        if let (Some(c), Some(stamp), Ok((v, text))) = (cache, stamp, &r) {
            crate::cache::put(c, rel.clone(), stamp, text, v);
        }
        (id, rel, r)
    };
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    if threads <= 1 || files.len() < 64 {
        return files.into_iter().map(work).collect();
    }
    let chunk = files.len().div_ceil(threads);
    let mut chunks: Vec<Vec<Record>> = Vec::new();
    let mut it = files.into_iter().peekable();
    while it.peek().is_some() {
        chunks.push(it.by_ref().take(chunk).collect());
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|c| s.spawn(move || c.into_iter().map(work).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// Loads the folder, and every problem found. A `program.toml` that does
/// not parse is reported, and what can be read of it stands in (see
/// `ProgramFile::partial`), so the records are checked in the same pass;
/// `None` only when it cannot be read at all. With a cache, records whose
/// files have not changed are not parsed again.
pub(crate) fn load(root: &Path, cache: Option<&Cache>) -> Result<(Option<Folder>, Vec<Problem>)> {
    let mut problems = Vec::new();
    let mut sources = BTreeMap::new();
    let program_rel = PathBuf::from(PROGRAM_FILE);
    let fence = Fence::of(root);
    // The settings may be a link (to a shared file), never into private/.
    let fenced = match fence.check(&root.join(PROGRAM_FILE)) {
        Err(why @ (Fenced::IntoPrivate | Fenced::SameAs(_))) => {
            Err(why.problem(&program_rel, "mentorkit", fenced_help(&why)))
        }
        _ => Ok(()),
    };
    let program = match fenced
        .and_then(|()| read_text(&root.join(PROGRAM_FILE), &program_rel, MAX_RECORD_BYTES))
    {
        Ok(text) => {
            let (program, found) = parse_program_all(&program_rel, &text);
            problems.extend(found);
            sources.insert(program_rel, text);
            Some(program)
        }
        Err(p) => {
            problems.push(p);
            None
        }
    };
    let participant_files = record_files(root, PARTICIPANTS_DIR, &fence, &mut problems);
    let session_files = record_files(root, SESSIONS_DIR, &fence, &mut problems);
    let mut participants = BTreeMap::new();
    for (id, rel, r) in read_all(root, &fence, participant_files, parse_participant, cache) {
        match r {
            Ok((p, text)) => {
                participants.insert(id, p);
                sources.insert(rel, text);
            }
            Err(p) => problems.push(p),
        }
    }
    let mut sessions = BTreeMap::new();
    for (id, rel, r) in read_all(root, &fence, session_files, parse_session, cache) {
        match r {
            Ok((s, text)) => {
                sessions.insert(id, s);
                sources.insert(rel, text);
            }
            Err(p) => problems.push(p),
        }
    }
    let folder = program.map(|program| Folder {
        root: root.to_path_buf(),
        program,
        participants,
        sessions,
        sources,
    });
    Ok((folder, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<serde_json::Value, Problem> {
        parse_yaml(Path::new("x.yaml"), text, "record")
    }

    #[test]
    fn a_long_list_reads_at_any_size_and_a_bomb_does_not() {
        let mut list = String::from("ids:\n");
        for i in 0..30_000 {
            list.push_str(&format!("  - p-{i}\n"));
        }
        assert!(parse(&list).is_ok());
        let flow = format!("ids: [{}]\n", vec!["a"; 30_000].join(","));
        assert!(parse(&flow).is_ok());
        let mut bomb = String::from("a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n");
        for i in 1..9 {
            let refs = vec![format!("*a{}", i - 1); 10].join(",");
            bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let refused = parse(&bomb).unwrap_err();
        assert!(
            refused.message.contains("anchors and aliases"),
            "{}",
            refused.message
        );
    }
}
