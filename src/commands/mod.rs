//! One module per subcommand: the glue between the command line, the store
//! and the pure logic.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::cli::{Cli, Command};
use crate::error::Result;
use crate::logic::cohort::{Cohort, Inputs};
use crate::model::screening::Screening;
use crate::model::{Folder, ProgramFile};

pub mod apply;
pub mod attend;
pub mod check;
pub mod deliverable;
pub mod goal;
pub mod init;
pub mod list;
pub mod match_cmd;
pub mod meta;
pub mod outcome;
mod person_edit;
pub mod progress;
pub mod report;
pub mod schedule;
pub mod screen;
pub mod serve;
pub mod survey;

/// What every command knows before it starts: where the folder is, and
/// what day it is.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// `-C DIR`, when given.
    pub dir: Option<PathBuf>,
    /// `--today` or `MENTORKIT_TODAY`, when given.
    pub today: Option<NaiveDate>,
}

impl Ctx {
    /// The program folder: `-C DIR`, or the nearest upwards with a program.toml.
    pub fn root(&self) -> Result<PathBuf> {
        crate::store::find_root(self.dir.as_deref())
    }

    /// The one clock of a run: `--today` (or `MENTORKIT_TODAY`) when given,
    /// else today in the program's time zone.
    pub fn today(&self, program: &ProgramFile) -> NaiveDate {
        self.today.unwrap_or_else(|| {
            let tz = crate::model::recurrence::zone(&program.program.timezone);
            chrono::Utc::now().with_timezone(&tz).date_naive()
        })
    }

    /// The cohort's facts as of a day, derived once from the loaded folder
    /// and its screening.
    pub fn cohort<'a>(
        &self,
        folder: &'a Folder,
        screening: Option<&'a Screening>,
        as_of: Option<NaiveDate>,
    ) -> Cohort<'a> {
        Cohort::derive(Inputs {
            folder,
            screening,
            as_of: as_of.unwrap_or_else(|| self.today(&folder.program)),
        })
    }

    /// A path given on the command line, relative to the current folder.
    pub fn user_path(&self, p: &Path) -> PathBuf {
        p.to_path_buf()
    }
}

/// Opens the folder through the store (locked for a write), and says
/// which earlier run was interrupted before it wrote all its files, if any.
pub(crate) fn open(root: &Path, access: crate::store::Access) -> Result<crate::store::Opened> {
    open_rewriting(root, access, None)
}

/// `open`, for a command that rewrites the generated file `rewrites`.
pub(crate) fn open_rewriting(
    root: &Path,
    access: crate::store::Access,
    rewrites: Option<&str>,
) -> Result<crate::store::Opened> {
    let opened = crate::store::open_rewriting(root, access, rewrites)?;
    say_recovered(opened.recovered());
    if opened.locked() {
        for run in crate::store::journal::interrupted(root) {
            crate::output::say!("warning: {run}");
        }
    }
    Ok(opened)
}

/// Says which batch an interrupted command left half renamed, now finished.
pub(crate) fn say_recovered(recovered: Option<&crate::store::Recovered>) {
    if let Some(done) = recovered {
        crate::output::say!("note: {done}");
    }
}

/// The command line of this run, for the note of a many-file write.
pub(crate) fn command_line() -> String {
    let mut words: Vec<String> = std::env::args().skip(1).collect();
    words.insert(0, "mentorkit".into());
    words.join(" ")
}

/// Warns of a stale `screening.yaml` (one that names people no longer in
/// the folder, or mentors): the command goes on with the mentees it names,
/// and `mentorkit screen` rewrites it.
pub(crate) fn warn_stale_screening(folder: &Folder) {
    for p in crate::store::screening_problems(folder) {
        crate::output::say!("warning: {p}");
    }
}

/// Runs the parsed command.
pub fn dispatch(cli: Cli) -> Result<()> {
    let ctx = Ctx {
        dir: cli.dir,
        today: cli.today,
    };
    match cli.command {
        Command::Init(a) => init::run(&ctx, a),
        Command::Apply(a) => apply::run(&ctx, a),
        Command::Screen(a) => screen::run(&ctx, a),
        Command::Match(a) => match_cmd::run(&ctx, a),
        Command::Schedule(a) => schedule::run(&ctx, a),
        Command::Attend(a) => attend::run(&ctx, a),
        Command::Report(a) => report::run(&ctx, a),
        Command::Progress(a) => progress::run(&ctx, a),
        Command::Survey(a) => survey::run(&ctx, a),
        Command::Goal(a) => goal::run(&ctx, a),
        Command::Deliverable(a) => deliverable::run(&ctx, a),
        Command::Outcome(a) => outcome::run(&ctx, a),
        Command::Check(a) => check::run(&ctx, a),
        Command::List(a) => list::run(&ctx, a),
        Command::Serve(a) => serve::run(&ctx, a),
        Command::Completions(a) => meta::completions(a),
        Command::Man(a) => meta::man(&ctx, a),
    }
}
