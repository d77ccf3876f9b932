//! Where output may go and what a path is: the refusals of an output path
//! that leads onto what mentorkit reads, of a file that is not a regular
//! one, and of work past the size it is made for.

use super::count;

/// What a path is, when mentorkit needs a regular file (or a folder) there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Regular,
    Folder,
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
    /// Anything else the system has.
    Other,
}

impl FileKind {
    /// `a FIFO`, `a character device`, …
    pub fn words(self) -> &'static str {
        match self {
            FileKind::Regular => "a regular file",
            FileKind::Folder => "a folder",
            FileKind::Fifo => "a FIFO",
            FileKind::CharDevice => "a character device",
            FileKind::BlockDevice => "a block device",
            FileKind::Socket => "a socket",
            FileKind::Other => "a special file",
        }
    }
}

/// An option that names where output goes (`--ics FILE`, `--out DIR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputOption {
    /// `--ics`
    pub flag: &'static str,
    /// Whether it names a folder (else a file).
    pub folder: bool,
    /// A good choice, for the refusal: `calendar.ics`, `out`.
    pub example: &'static str,
}

/// Why an output path is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputMiss {
    /// It is `program.toml` or a file mentorkit generates and reads back.
    Protected { file: &'static str },
    /// It leads into a folder of records, templates or private notes.
    Inside { folder: &'static str },
}

/// The folders where output never lands, as refusals list them.
pub const NO_OUTPUT_FOLDERS: &str = "participants/, sessions/, templates/ and private/";

pub(super) fn output_refusal(
    option: &OutputOption,
    given: &std::path::Path,
    why: &OutputMiss,
) -> String {
    let noun = if option.folder { "folder" } else { "file" };
    let example = option.example;
    match why {
        OutputMiss::Protected { file } => format!(
            "{} {}: refused: mentorkit never writes output over {file}; choose a new {noun}, such as {example}",
            option.flag,
            given.display()
        ),
        OutputMiss::Inside { folder } => format!(
            "{} {}: refused: it leads into {folder}/, where output never lands; choose a {noun} outside {NO_OUTPUT_FOLDERS}, such as {example}",
            option.flag,
            given.display()
        ),
    }
}

pub(super) fn not_regular(path: &std::path::Path, kind: FileKind, want: FileKind) -> String {
    match want {
        FileKind::Folder => format!(
            "{}: is {}, not a folder; name a folder for the output, or a new one",
            path.display(),
            kind.words()
        ),
        _ => format!(
            "{}: is {}, not a regular file; mentorkit writes only regular files: remove it or choose another path",
            path.display(),
            kind.words()
        ),
    }
}

pub(super) fn too_large(
    mode: &str,
    mentees: usize,
    mentors: usize,
    pairs: u64,
    budget: u64,
) -> String {
    let who = if mentors > 0 {
        format!(
            "{} and {}: {pairs} pairs share a slot",
            count(mentees, "mentee", "mentees"),
            count(mentors, "mentor", "mentors")
        )
    } else {
        format!("{}: {pairs} pairs", count(mentees, "mentee", "mentees"))
    };
    format!(
        "{mode} matching of {who}, more than the {budget} it is made for; past that it runs for many minutes and needs gigabytes (the time grows faster than the pairs), so nothing was matched and nothing written; match smaller cohorts (a folder per branch or department), or give fewer shared slots"
    )
}
