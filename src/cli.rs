//! The command tree (clap derive). Each subcommand has its own Args struct;
//! doc comments are the help text, and completions and the man page come from
//! the same definition.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Run a library staff mentorship program from a folder of YAML and TOML files.
#[derive(Debug, Parser)]
#[command(name = "mentorkit", version, about, max_term_width = 100)]
pub struct Cli {
    /// Run in this program folder instead of looking upwards from the current one
    #[arg(short = 'C', long = "dir", global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Count as if today were this day (YYYY-MM-DD), for reproducible runs;
    /// without it, today in the program's time zone
    #[arg(long, global = true, value_name = "DATE", env = "MENTORKIT_TODAY", value_parser = parse_date)]
    pub today: Option<chrono::NaiveDate>,

    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run
pub enum Command {
    /// Create a new program folder from a template
    Init(InitArgs),
    /// Add an applicant or mentor, or import a Forms export of applications
    Apply(ApplyArgs),
    /// Apply the eligibility rules and capacity; write screening.yaml
    Screen(ScreenArgs),
    /// Pair or group mentees and mentors for the highest total score; write matches.yaml
    Match(MatchArgs),
    /// Lay out the sessions from [schedule] and the curriculum; export a calendar
    Schedule(ScheduleArgs),
    /// Record who attended a session
    Attend(AttendArgs),
    /// Render documents: the cohort report, career plans, resumes, handouts, trends
    Report(ReportArgs),
    /// Show each mentee's attendance, deliverables, goals and surveys, and who is at risk
    Progress(ProgressArgs),
    /// Import survey answers from a Forms export
    Survey(SurveyArgs),
    /// Show a person's SMART goals, or change one goal's status or target date
    Goal(GoalArgs),
    /// Set how far one of a person's deliverables has come
    Deliverable(DeliverableArgs),
    /// Record what became of a person: completed, promoted, new position, left
    Outcome(OutcomeArgs),
    /// Validate the whole folder and report every problem
    Check(CheckArgs),
    /// List participants, sessions or matches
    List(ListArgs),
    /// Serve the folder as a local web dashboard (overview, people, matching, sign-in, documents)
    Serve(ServeArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write a page per command with --out
    Man(ManArgs),
}

/// How a listing is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// An aligned table for people
    #[default]
    Table,
    /// JSON with stable keys, for scripts
    Json,
    /// CSV, safe to open in a spreadsheet
    Csv,
}

/// The starter programs `init` can copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Template {
    /// A nine-month group career development program for support staff
    CareerDevelopment,
    /// Peer mentoring: colleagues of equal rank pair up
    Peer,
    /// Reverse mentoring: junior, tech-fluent staff guide senior staff
    Reverse,
    /// Group mentoring: a mentor with a small group
    Group,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (it must not exist, or be empty)
    pub dir: PathBuf,
    /// The starter program to copy
    #[arg(long, value_enum, default_value = "career-development")]
    pub template: Template,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// Full name
    #[arg(long)]
    pub name: Option<String>,
    /// Email address (unique in the folder)
    #[arg(long)]
    pub email: Option<String>,
    /// mentee or mentor
    #[arg(long)]
    pub role: Option<String>,
    /// Department, e.g. Circulation
    #[arg(long)]
    pub department: Option<String>,
    /// Position or job title
    #[arg(long)]
    pub position: Option<String>,
    /// Branch
    #[arg(long)]
    pub branch: Option<String>,
    /// Date hired (YYYY-MM-DD)
    #[arg(long)]
    pub hired: Option<String>,
    /// Whether the person is a manager (yes/no)
    #[arg(long)]
    pub manager: Option<String>,
    /// Degrees held (repeat or separate with commas)
    #[arg(long, value_delimiter = ',')]
    pub degrees: Vec<String>,
    /// Date applied (YYYY-MM-DD; default today)
    #[arg(long)]
    pub applied: Option<String>,
    /// Competencies to develop (mentee) or offer (mentor)
    #[arg(long, value_delimiter = ',')]
    pub competencies: Vec<String>,
    /// Weekly slots such as tue-pm (repeat or separate with commas)
    #[arg(long, value_delimiter = ',')]
    pub availability: Vec<String>,
    /// in-person, virtual or hybrid
    #[arg(long)]
    pub modality: Option<String>,
    /// Mentors: most mentees at once
    #[arg(long)]
    pub capacity: Option<u32>,
    /// Career goal
    #[arg(long)]
    pub career_goal: Option<String>,
    /// Why the person applies
    #[arg(long)]
    pub motivation: Option<String>,
    /// Skills the person has
    #[arg(long, value_delimiter = ',')]
    pub skills: Vec<String>,
    /// Mentors the mentee would like (ids)
    #[arg(long, value_delimiter = ',')]
    pub prefers: Vec<String>,
    /// Import a Forms export instead of one person from flags: CSV (UTF-8,
    /// UTF-16 or Windows-1252; comma, semicolon or tab) or an .xlsx/.ods
    /// workbook
    #[arg(long = "from", visible_alias = "from-csv", value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// The import map: which column fills which field
    #[arg(long, value_name = "FILE", requires = "from")]
    pub map: Option<PathBuf>,
    /// The sheet of a workbook to read (the first unless given)
    #[arg(long, value_name = "NAME", requires = "from")]
    pub sheet: Option<String>,
    /// With --from: skip bad rows (and report them) instead of refusing the whole import
    #[arg(long, requires = "from")]
    pub skip_bad: bool,
    /// With --from: a line per person added or updated, not only the summary
    #[arg(long, short = 'v', requires = "from")]
    pub verbose: bool,
    /// Never ask at the terminal; refuse when a field is missing
    #[arg(long)]
    pub no_input: bool,
    /// Show what would be written, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// How to print the funnel
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Show the decisions, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Show the parts of this person's score and the alternatives they lost to
    #[arg(long, value_name = "ID")]
    pub explain: Option<String>,
    /// A TOML file of other weights ([matching.weights] keys) to try
    #[arg(long, value_name = "FILE")]
    pub weights: Option<PathBuf>,
    /// With --weights: show how the matches and total would change, write nothing
    #[arg(long, requires = "weights")]
    pub compare: bool,
    /// How to print the matches
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Print the matches, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    #[command(subcommand)]
    pub action: Option<ScheduleAction>,
    /// Also export every session as an iCalendar file
    #[arg(long, value_name = "FILE")]
    pub ics: Option<PathBuf>,
    /// Also lay out each pair's or group's meetings from matches.yaml
    #[arg(long)]
    pub meetings: bool,
    /// Report what would change, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum ScheduleAction {
    /// Rank the weekly slots by how many can attend
    Suggest(SuggestArgs),
}

#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// Rank for these people only (a pair or group)
    #[arg(long = "for", value_name = "ID", num_args = 1..)]
    pub for_ids: Vec<String>,
    /// How to print the ranking
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct AttendArgs {
    /// The session (its id, the file name without .yaml)
    pub session: String,
    /// The participants (ids)
    #[arg(required = true)]
    pub ids: Vec<String>,
    /// Record them as absent
    #[arg(long, conflicts_with = "excused")]
    pub absent: bool,
    /// Record them as excused
    #[arg(long)]
    pub excused: bool,
    /// Show what would change, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// The documents `report` renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportKind {
    /// The cohort report for the director
    Cohort,
    /// A career plan per person
    CareerPlan,
    /// A resume skeleton per person
    Resume,
    /// Agendas, sign-in sheets and certificates
    Handouts,
    /// Trends across several cohort folders
    Trends,
}

/// The document formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    /// Markdown
    Md,
    /// Print-ready HTML
    Html,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// What to render
    #[arg(value_enum)]
    pub kind: ReportKind,
    /// For trends: the cohort folders to compare
    pub folders: Vec<PathBuf>,
    /// Markdown or HTML (default: both)
    #[arg(long, value_enum)]
    pub format: Option<DocFormat>,
    /// Where to write (default: out/ in the program folder)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Only this person's documents
    #[arg(long, value_name = "ID")]
    pub person: Option<String>,
    /// Print the JSON the templates see, write nothing
    #[arg(long)]
    pub context: bool,
    /// For sharing outside (cohort, trends): people as "Participant 1…", no quotes, counts under 5 suppressed
    #[arg(long)]
    pub anonymize: bool,
    /// List what would be written, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// How to print the rows
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Count as of this day instead of today (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
    /// Only the mentees at risk
    #[arg(long, conflicts_with = "evidence")]
    pub at_risk: bool,
    /// Show the evidence of impact (retention, promotion, certifications, completion, survey change) instead
    #[arg(long)]
    pub evidence: bool,
    /// With --evidence: for sharing outside, suppress every count under 5 people
    #[arg(long, requires = "evidence")]
    pub anonymize: bool,
}

#[derive(Debug, Args)]
pub struct GoalArgs {
    /// The participant (id)
    pub id: String,
    /// The goal: its number (1 for the first) or words from it; leave out to list the goals
    pub goal: Option<String>,
    /// The new status: not-started, in-progress, done or dropped
    pub status: Option<String>,
    /// A new target date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "goal")]
    pub target: Option<chrono::NaiveDate>,
    /// Show what would change, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct DeliverableArgs {
    /// The participant (id)
    pub id: String,
    /// The deliverable, as program.toml names it (e.g. resume)
    pub name: String,
    /// not-started, draft or done
    pub status: String,
    /// Show what would change, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// The fields of `outcome` that `--clear` removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutcomeField {
    Completed,
    Promoted,
    NewPosition,
    Left,
}

#[derive(Debug, Args)]
pub struct OutcomeArgs {
    /// The participant (id)
    pub id: String,
    /// Whether the person completed the program (yes or no)
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub completed: Option<bool>,
    /// The day the person was promoted (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub promoted: Option<chrono::NaiveDate>,
    /// The position the person moved to
    #[arg(long, value_name = "TEXT")]
    pub new_position: Option<String>,
    /// The day the person left the library (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub left: Option<chrono::NaiveDate>,
    /// Remove a field from the outcome (repeat for more)
    #[arg(long, value_enum, value_name = "FIELD")]
    pub clear: Vec<OutcomeField>,
    /// Show what would change, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// A date on the command line: `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date; write it as YYYY-MM-DD"))
}

/// yes/no (or true/false) on the command line.
pub fn parse_yes_no(s: &str) -> Result<bool, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" => Ok(true),
        "no" | "n" | "false" => Ok(false),
        _ => Err(format!("`{s}` is not yes or no")),
    }
}

#[derive(Debug, Args)]
pub struct SurveyArgs {
    #[command(subcommand)]
    pub action: SurveyAction,
}

#[derive(Debug, Subcommand)]
pub enum SurveyAction {
    /// Read a Forms export of a survey into each person's surveys.NAME
    Import(SurveyImportArgs),
}

#[derive(Debug, Args)]
pub struct SurveyImportArgs {
    /// The survey's name, e.g. pre or post
    pub name: String,
    /// The Forms export: CSV (UTF-8, UTF-16 or Windows-1252; comma,
    /// semicolon or tab) or an .xlsx/.ods workbook
    #[arg(long = "from", visible_alias = "from-csv", value_name = "FILE")]
    pub from: PathBuf,
    /// The sheet of a workbook to read (the first unless given)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The map: email column, questions and answer words
    #[arg(long, value_name = "FILE")]
    pub map: PathBuf,
    /// A line per person updated, not only the summary
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Show what would change, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {}

/// What `list` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ListWhat {
    #[default]
    Participants,
    Sessions,
    Matches,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// What to list
    #[arg(value_enum, default_value_t)]
    pub what: ListWhat,
    /// How to print it
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 8017)]
    pub port: u16,
    /// Refuse every change: a dashboard to look at, not to edit with
    #[arg(long)]
    pub read_only: bool,
    /// The address to listen on; any but this machine's own (127.0.0.1, ::1) needs --token
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// A secret every request must carry (16 or more letters, digits, - or _);
    /// the printed address carries it
    #[arg(
        long,
        value_name = "TOKEN",
        env = "MENTORKIT_SERVE_TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write mentorkit.1 and a page for every command (mentorkit-init.1, …)
    /// into this folder, made if missing, instead of printing one page
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// List the pages that would be written; write nothing
    #[arg(long, requires = "out")]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn command_tree_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
