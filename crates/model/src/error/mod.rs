//! Why a command stopped, as typed values rendered in one place: a
//! `Problem` names one thing wrong in the folder (file, line, column,
//! field); an `Error` is the whole reason, with structured fields, and its
//! `Display` is the only place its words are written.

mod edit;
mod problem;
mod serve;
mod target;
mod words;

use std::fmt;
use std::path::PathBuf;

pub use edit::EditMiss;
pub use problem::Problem;
pub use serve::ServeMiss;
pub use target::{FileKind, NO_OUTPUT_FOLDERS, OutputMiss, OutputOption};
use target::{not_regular, output_refusal, too_large};
pub use words::{count, did_you_mean, did_you_mean_quoted, dry_run, nearest, suggestion};

/// What kind of thing an unknown id was meant to name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Participant,
    Session,
    Deliverable,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Participant => "participant",
            Kind::Session => "session",
            Kind::Deliverable => "deliverable",
        }
    }
}

/// One id that names nothing, with the nearest that does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    pub id: String,
    pub near: Option<String>,
}

impl Miss {
    /// `id`, and its nearest among `known`.
    pub fn of<'a>(id: &str, known: impl IntoIterator<Item = &'a str>) -> Miss {
        Miss {
            id: id.to_string(),
            near: nearest(id, known).map(str::to_string),
        }
    }
}

/// Ids that name nothing of their kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub kind: Kind,
    /// One id (`no participant `x`; did you mean …`) or several, listed.
    pub misses: Vec<Miss>,
    /// Where the ids were looked for, e.g. ` in this program`.
    pub scope: &'static str,
    /// What the command did not do because of it, e.g. `nothing was recorded`.
    pub then: Option<&'static str>,
    /// What to do when there is no near miss.
    pub otherwise: String,
}

impl Unknown {
    /// Unknown ids of `kind` among `known`; `otherwise` says where the real
    /// ones are listed.
    pub fn new<'a>(
        kind: Kind,
        ids: &[&str],
        known: impl IntoIterator<Item = &'a str> + Clone,
    ) -> Unknown {
        Unknown {
            kind,
            misses: ids.iter().map(|id| Miss::of(id, known.clone())).collect(),
            scope: "",
            then: None,
            otherwise: match kind {
                Kind::Participant => "see `mentorkit list participants`".into(),
                Kind::Session => "see `mentorkit list sessions`".into(),
                Kind::Deliverable => "see `[[curriculum]] deliverables` in program.toml".into(),
            },
        }
    }

    /// What the command left undone.
    pub fn then(mut self, then: &'static str) -> Unknown {
        self.then = Some(then);
        self
    }

    /// Where the ids were looked for.
    pub fn scope(mut self, scope: &'static str) -> Unknown {
        self.scope = scope;
        self
    }

    /// What to do when there is no near miss.
    pub fn otherwise(mut self, otherwise: impl Into<String>) -> Unknown {
        self.otherwise = otherwise.into();
        self
    }
}

impl fmt::Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let noun = self.kind.noun();
        match (self.misses.as_slice(), self.then) {
            ([one], None) => {
                write!(f, "no {noun} `{}`{}; ", one.id, self.scope)?;
                match &one.near {
                    Some(near) => f.write_str(&did_you_mean(near)),
                    None => f.write_str(&self.otherwise),
                }
            }
            (misses, then) => {
                let list: Vec<String> = misses
                    .iter()
                    .map(|m| match &m.near {
                        Some(near) => format!("`{}` ({})", m.id, did_you_mean(near)),
                        None => format!("`{}`", m.id),
                    })
                    .collect();
                write!(f, "no {noun} {}{}; ", list.join(", "), self.scope)?;
                match then {
                    Some(then) => write!(f, "{then} ({})", self.otherwise),
                    None => f.write_str(&self.otherwise),
                }
            }
        }
    }
}

/// Where a program folder was looked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Looked {
    /// In the folder `-C` named.
    Here(PathBuf),
    /// From the current folder upwards.
    Upwards(PathBuf),
    /// A folder named for `report trends`.
    Trends(PathBuf),
}

/// Why a goal cannot be picked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoalMiss {
    /// The person has none.
    NoGoals,
    /// A number past the last goal.
    NoNumber { n: usize, count: usize },
    /// No goal's words contain the text.
    NoMatch { text: String },
    /// Several goals' words contain the text.
    Several { text: String, count: usize },
}

/// Why a command stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The folder's data has problems; every one is listed.
    #[error("{}", render_problems(.0))]
    Invalid(Vec<Problem>),
    /// The command line is wrong (exit 2).
    #[error("{0}")]
    Usage(String),
    /// A file could not be read or written.
    #[error("{}: {action}: {source}", .path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        source: std::io::Error,
    },
    /// An output path given on the command line that leads where output
    /// never lands; nothing was written.
    #[error("{}", output_refusal(.option, .given, .why))]
    Output {
        option: OutputOption,
        given: PathBuf,
        why: OutputMiss,
    },
    /// Something other than a regular file (a FIFO, a device, a folder)
    /// where mentorkit writes a file, or a file where it wants a folder.
    #[error("{}", not_regular(.path, *.kind, *.want))]
    NotRegular {
        path: PathBuf,
        kind: FileKind,
        want: FileKind,
    },
    /// A record that is a link to nothing: written through, a link would
    /// need its target made, which mentorkit does not do.
    #[error(
        "{}: is a link to {}, which does not exist; mentorkit writes through links to their file but does not create it: fix or remove the link",
        .path.display(), .target.display()
    )]
    DanglingLink { path: PathBuf, target: PathBuf },
    /// A many-file write that stopped part-way through putting its files in
    /// place: each file is old or new.
    #[error(
        "{}: replacing: {source}; {done} of {total} files were put in place before it, each complete; correct the cause and run the command again to finish",
        .path.display()
    )]
    PartWritten {
        path: PathBuf,
        source: std::io::Error,
        done: usize,
        total: usize,
    },
    /// Another command holds the folder's lock.
    #[error(
        "another mentorkit command is writing to {} (waited {waited_secs} s); try again when it has finished",
        .path.display()
    )]
    Locked { path: PathBuf, waited_secs: u64 },
    /// No `program.toml` where one was looked for.
    #[error("{}", no_program(.0))]
    NoProgram(Looked),
    /// Ids that name nothing.
    #[error("{0}")]
    Unknown(Unknown),
    /// A word that is not one of those allowed.
    #[error("`{value}` is not {what}; use one of: {}", .allowed.join(", "))]
    NotAllowed {
        what: &'static str,
        value: String,
        allowed: &'static [&'static str],
    },
    /// A name that breaks its rule.
    #[error("`{value}` cannot be {what}; {rule}")]
    BadName {
        what: &'static str,
        value: String,
        rule: &'static str,
    },
    /// A file a command needs has not been written yet.
    #[error("{}", needs(.noun, .file, *.by, .run))]
    Needs {
        /// `matches`
        noun: &'static str,
        /// `matches.yaml`
        file: &'static str,
        /// The option that needs it, when only that option does.
        by: Option<&'static str>,
        /// The command that writes it.
        run: &'static str,
    },
    /// A goal that cannot be picked out; `goals` lists them, one per line.
    #[error("{}", goal_miss(.id, .why, .goals))]
    Goal {
        id: String,
        why: GoalMiss,
        goals: String,
    },
    /// An in-place edit that cannot be made.
    #[error("{}: {why}", .file.display())]
    Edit { file: PathBuf, why: EditMiss },
    /// An edit whose result would not pass `check`; nothing was written.
    #[error("{}: the change would make the file invalid, so nothing was written: {message}", .file.display())]
    EditInvalid { file: PathBuf, message: String },
    /// What `--explain` cannot explain.
    #[error("{0}")]
    NotMatched(String),
    /// No certificate for a person, and why, in words.
    #[error("no certificate for `{id}`: {why}")]
    NoCertificate { id: String, why: String },
    /// An email already in the folder.
    #[error("{email} is already in {}; edit that file, or import a form export to update it", .file.display())]
    Duplicate { email: String, file: PathBuf },
    /// A field left unanswered at the prompt.
    #[error("no answer for {field}; nothing written")]
    NoAnswer { field: &'static str },
    /// `init` into a folder that is not new.
    #[error("{}", init_target(.dir, *.is_file))]
    InitTarget { dir: PathBuf, is_file: bool },
    /// An option's value cannot be used.
    #[error("{flag} {why}")]
    Argument {
        flag: &'static str,
        why: &'static str,
    },
    /// Outcome dates that cannot all be true; nothing was written.
    #[error("{}; nothing was written", .reasons.join("; "))]
    Outcome { reasons: Vec<String> },
    /// A weights file for `match --weights` that cannot be used.
    #[error("{}: {why}", .file.display())]
    Weights { file: PathBuf, why: String },
    /// Output that could not be encoded.
    #[error("cannot write {format}: {why}")]
    Encode { format: &'static str, why: String },
    /// `serve` will not start, or refuses a request.
    #[error("{0}")]
    Serve(ServeMiss),
    /// `serve` cannot listen on the address.
    #[error("cannot serve on {addr}: {source}; choose another --port (0 picks a free one)")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    /// A matching past the size its solver is made for, refused before it
    /// starts.
    #[error("{}", too_large(.mode, *.mentees, *.mentors, *.pairs, *.budget))]
    TooLarge {
        mode: String,
        mentees: usize,
        mentors: usize,
        /// The pairs the solver would look at.
        pairs: u64,
        budget: u64,
    },
    /// Something mentorkit itself got wrong.
    #[error("{0}; this is a bug in mentorkit, please report it")]
    Bug(String),
}

fn no_program(looked: &Looked) -> String {
    match looked {
        Looked::Here(dir) => format!(
            "{}: no program.toml here; give -C the program folder, or run `mentorkit init {}`",
            dir.display(),
            dir.display()
        ),
        Looked::Upwards(cwd) => format!(
            "no program.toml in {} or any folder above it; run this inside a program folder, give -C DIR, or start one with `mentorkit init DIR`",
            cwd.display()
        ),
        Looked::Trends(dir) => format!(
            "{}: no program.toml here; `report trends` takes program folders",
            dir.display()
        ),
    }
}

fn needs(noun: &str, file: &str, by: Option<&str>, run: &str) -> String {
    match by {
        Some(by) => format!("{by} needs {file}; run `{run}` first"),
        None => format!("no {noun} yet; run `{run}` first"),
    }
}

fn goal_miss(id: &str, why: &GoalMiss, goals: &str) -> String {
    let goals = goals.trim_end();
    match why {
        GoalMiss::NoGoals => {
            format!("{id} has no SMART goals yet; add them under smart_goals: in their file")
        }
        GoalMiss::NoNumber { n, count } => {
            format!("{id} has no goal {n}; give a number from 1 to {count}:\n{goals}")
        }
        GoalMiss::NoMatch { text } => {
            format!("no goal of {id} mentions `{text}`; the goals are:\n{goals}")
        }
        GoalMiss::Several { text, count } => {
            format!("`{text}` is in {count} goals of {id}; give the number:\n{goals}")
        }
    }
}

fn init_target(dir: &std::path::Path, is_file: bool) -> String {
    if is_file {
        format!("{} is a file, not a folder", dir.display())
    } else {
        format!(
            "{} is not empty; init writes only into a new or empty folder",
            dir.display()
        )
    }
}

impl Error {
    /// The exit status this error maps to: 2 for usage, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }

    /// An I/O error with the path and what we were doing.
    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            action,
            source,
        }
    }

    /// One problem as an error.
    pub fn problem(problem: Problem) -> Self {
        Error::Invalid(vec![problem])
    }

    /// JSON that could not be written.
    pub fn json(e: impl fmt::Display) -> Self {
        Error::Encode {
            format: "JSON",
            why: e.to_string(),
        }
    }

    /// CSV that could not be written.
    pub fn csv(e: impl fmt::Display) -> Self {
        Error::Encode {
            format: "CSV",
            why: e.to_string(),
        }
    }
}

fn render_problems(problems: &[Problem]) -> String {
    let mut out = String::new();
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("error: ");
        out.push_str(&p.to_string());
    }
    if problems.len() > 1 {
        out.push_str(&format!("\n{} problems found", problems.len()));
    }
    out
}

/// The result type of the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_ids_are_worded_one_way() {
        let known = ["maria-gonzalez", "james-carter"];
        let one = Unknown::new(Kind::Participant, &["maria-gonzales"], known);
        assert_eq!(
            one.to_string(),
            "no participant `maria-gonzales`; did you mean `maria-gonzalez`?"
        );
        let none = Unknown::new(Kind::Session, &["zzz"], []);
        assert_eq!(
            none.to_string(),
            "no session `zzz`; see `mentorkit list sessions`"
        );
        let many = Unknown::new(Kind::Participant, &["jmes-carter", "nobody"], known)
            .then("nothing was recorded");
        assert_eq!(
            many.to_string(),
            "no participant `jmes-carter` (did you mean `james-carter`?), `nobody`; nothing was recorded (see `mentorkit list participants`)"
        );
    }

    #[test]
    fn needs_says_what_to_run() {
        let e = Error::Needs {
            noun: "matches",
            file: "matches.yaml",
            by: None,
            run: "mentorkit match",
        };
        assert_eq!(e.to_string(), "no matches yet; run `mentorkit match` first");
        let e = Error::Needs {
            noun: "matches",
            file: "matches.yaml",
            by: Some("--meetings"),
            run: "mentorkit match",
        };
        assert_eq!(
            e.to_string(),
            "--meetings needs matches.yaml; run `mentorkit match` first"
        );
    }
}
