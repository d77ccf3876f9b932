//! `mentorkit report KIND`: renders the cohort report, career plans, resume
//! skeletons, handouts (agendas, sign-in sheets, certificates) or trends
//! across cohorts, as Markdown and print-ready HTML. Every document is
//! rendered before the first is written, so a template error writes nothing.

use crate::output::say;
use std::path::{Path, PathBuf};

use super::Ctx;
use crate::cli::{ReportArgs, ReportKind};
use crate::cohort::Member;
use crate::error::{Error, Kind, Looked, OutputOption, Problem, Result, Unknown};
use crate::model::match_groups::from_model;
use crate::render::{Document, Override, Reports};
use crate::store::{Access, Folder, PROGRAM_FILE, load_matches, load_screening};

/// Where documents go by default, in the program folder.
const OUT_DIR: &str = "out";

/// `--out DIR`, as its refusals name it.
const OUT_OPTION: OutputOption = OutputOption {
    flag: "--out",
    folder: true,
    example: "out",
};

mod publish;

use publish::publish;

/// Runs the command.
pub fn run(ctx: &Ctx, args: ReportArgs) -> Result<()> {
    check_usage(&args)?;
    if args.kind == ReportKind::Trends {
        return trends(ctx, &args);
    }
    let root = ctx.root()?;
    if let Some(dir) = &args.out {
        crate::store::check_output(&root, OUT_OPTION, &ctx.user_path(dir))?;
    }
    let (folder, _guard) = crate::commands::open(
        &root,
        Access::Write {
            dry_run: args.context || args.dry_run,
        },
    )?
    .into_parts();
    let screening = load_screening(&root)?;
    let matches = report_matches(&folder).as_ref().map(from_model);
    let facts = ctx.cohort(&folder, screening.as_ref(), None);
    if let Some(note) = facts.roster_note() {
        say!("note: {note}");
    }
    // The evidence of impact, as `progress --evidence` computes it.
    let evidence = match args.kind {
        ReportKind::Cohort => {
            let e = super::progress::evidence_for(&facts)?;
            Some(if args.anonymize { e.anonymized() } else { e })
        }
        _ => None,
    };
    let mut cohort = Reports::new(&facts, matches.as_ref());
    if let Some(e) = &evidence {
        cohort = cohort.with_evidence(e);
    }
    if args.anonymize {
        cohort = cohort.anonymized();
    }
    let docs = documents(&cohort, &args)?;
    if args.context {
        return print_context(&docs);
    }
    let out = match &args.out {
        Some(dir) => ctx.user_path(dir),
        None => root.join(OUT_DIR),
    };
    publish(
        &root_overrides(Some(&root))?,
        &docs,
        &args,
        &out,
        Some(&root),
    )
}

/// The matches the report shows: a stale `matches.yaml` is shown with a
/// warning, one that cannot be read is left out with a warning; neither
/// stops the report, which does without matches before `match` has run.
fn report_matches(folder: &Folder) -> Option<crate::model::matches::Matches> {
    let warn = |problems: Vec<Problem>| {
        for p in problems {
            say!("warning: {p}");
        }
    };
    match load_matches(&folder.root) {
        Ok(found) => {
            warn(crate::store::matches_problems(folder));
            found
        }
        Err(Error::Invalid(problems)) => {
            warn(problems);
            say!(
                "note: the report leaves the matches out until `mentorkit match` writes matches.yaml again"
            );
            None
        }
        Err(e) => {
            say!("warning: {e}");
            None
        }
    }
}

/// Arguments that do not fit together are wrong usage (exit 2).
fn check_usage(args: &ReportArgs) -> Result<()> {
    let kind = kind_word(args.kind);
    if args.kind == ReportKind::Trends && args.folders.is_empty() {
        return Err(Error::Usage(
            "`report trends` compares cohort folders; name them: mentorkit report trends FOLDER FOLDER…".into(),
        ));
    }
    if args.kind != ReportKind::Trends && !args.folders.is_empty() {
        return Err(Error::Usage(format!(
            "`report {kind}` takes no folders (only `report trends` does); use -C DIR for the program folder"
        )));
    }
    if args.anonymize && !matches!(args.kind, ReportKind::Cohort | ReportKind::Trends) {
        return Err(Error::Usage(format!(
            "--anonymize applies to `report cohort` and `report trends` only: the documents of `report {kind}` are about named people"
        )));
    }
    if args.person.is_some() && matches!(args.kind, ReportKind::Cohort | ReportKind::Trends) {
        return Err(Error::Usage(format!(
            "--person does not apply to `report {kind}`; it selects one person's career plan, resume or certificate"
        )));
    }
    Ok(())
}

fn kind_word(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::Cohort => "cohort",
        ReportKind::CareerPlan => "career-plan",
        ReportKind::Resume => "resume",
        ReportKind::Handouts => "handouts",
        ReportKind::Trends => "trends",
    }
}

/// The documents of a folder for the requested kind and person.
fn documents(cohort: &Reports<'_>, args: &ReportArgs) -> Result<Vec<Document>> {
    let person = match &args.person {
        Some(id) => Some(known_person(cohort, id)?),
        None => None,
    };
    let people: Vec<&str> = match person {
        Some(id) => vec![id],
        None => cohort.facts.roster(),
    };
    let docs = match args.kind {
        ReportKind::Cohort => cohort.cohort_report().map(|d| vec![d]),
        ReportKind::CareerPlan => cohort.career_plans(&people),
        ReportKind::Resume => cohort.resumes(&people),
        ReportKind::Handouts => {
            if let Some(id) = person {
                match cohort.facts.member(id) {
                    Some(m) if m.completion.is_completed() => {}
                    m => {
                        return Err(Error::NoCertificate {
                            id: id.to_string(),
                            why: no_certificate(id, m),
                        });
                    }
                }
            }
            let completed: Vec<&str> = people
                .into_iter()
                .filter(|id| {
                    cohort
                        .facts
                        .member(id)
                        .is_some_and(|m| m.completion.is_completed())
                })
                .collect();
            cohort.handouts(person.is_none(), &completed)
        }
        ReportKind::Trends => Ok(Vec::new()),
    };
    docs.map_err(Error::Bug)
}

/// The id as the folder has it, or a refusal naming the nearest id.
fn known_person<'a>(cohort: &Reports<'a>, id: &str) -> Result<&'a str> {
    if let Some((known, _)) = cohort.folder.participants.get_key_value(id) {
        return Ok(known.as_str());
    }
    Err(Error::Unknown(Unknown::new(
        Kind::Participant,
        &[id],
        cohort.folder.participants.keys().map(String::as_str),
    )))
}

/// Why a person gets no certificate, in words.
fn no_certificate(id: &str, m: Option<&Member<'_>>) -> String {
    let Some(m) = m else {
        return "they are not in the cohort".to_string();
    };
    let c = &m.completion;
    match (c.basis, c.completed) {
        (crate::cohort::Basis::Recorded, _) if c.rule.met => format!(
            "their record has outcome.completed: false, though by the [completion] rule they completed; run `mentorkit outcome {id} --clear completed` to let the rule decide"
        ),
        (crate::cohort::Basis::Recorded, _) => format!(
            "their record has outcome.completed: false, and the [completion] rule agrees ({})",
            c.rule_words(&m.attendance)
        ),
        (_, None) => {
            "the program has not ended, and their record has no outcome.completed".to_string()
        }
        _ => format!(
            "not completed by the [completion] rule in program.toml ({})",
            c.rule_words(&m.attendance)
        ),
    }
}

/// Prints the contexts: one object for a single document, else an array.
fn print_context(docs: &[Document]) -> Result<()> {
    let value = match docs {
        [one] => one.context.clone(),
        many => serde_json::Value::Array(many.iter().map(|d| d.context.clone()).collect()),
    };
    crate::output::print_json(&value)
}

/// The templates in `root/templates/`, if any (see `store::templates`).
fn root_overrides(root: Option<&Path>) -> Result<Vec<Override>> {
    let Some(root) = root else {
        return Ok(Vec::new());
    };
    Ok(crate::store::template_overrides(root)?
        .into_iter()
        .map(|t| Override {
            name: t.name,
            text: t.text,
        })
        .collect())
}

/// A problem in another folder, placed under that folder.
fn in_folder(dir: &Path, e: Error) -> Error {
    match e {
        Error::Invalid(problems) => Error::Invalid(
            problems
                .into_iter()
                .map(|mut p| {
                    p.file = dir.join(&p.file);
                    p
                })
                .collect(),
        ),
        other => other,
    }
}

/// `report trends A B C`: one table and one chart across cohort folders.
fn trends(ctx: &Ctx, args: &ReportArgs) -> Result<()> {
    struct Loaded {
        label: String,
        folder: Folder,
        screening: Option<crate::model::screening::Screening>,
        matches: Option<crate::model::match_groups::Matches>,
    }
    let mut loaded = Vec::new();
    for given in &args.folders {
        let dir = ctx.user_path(given);
        if !dir.join(PROGRAM_FILE).is_file() {
            return Err(Error::NoProgram(Looked::Trends(given.clone())));
        }
        let folder = crate::store::load(&dir).map_err(|e| in_folder(given, e))?;
        let screening = load_screening(&dir).map_err(|e| in_folder(given, e))?;
        let matches = load_matches(&dir)
            .map_err(|e| in_folder(given, e))?
            .as_ref()
            .map(from_model);
        loaded.push(Loaded {
            label: given.display().to_string(),
            folder,
            screening,
            matches,
        });
    }
    let facts: Vec<crate::cohort::Cohort<'_>> = loaded
        .iter()
        .map(|l| ctx.cohort(&l.folder, l.screening.as_ref(), None))
        .collect();
    // Trends show the participants' own figures, aligned on equal windows:
    // no comparison group is read.
    let evidence: Vec<crate::evidence::Evidence> = facts
        .iter()
        .map(|f| {
            let e = crate::evidence::evidence(f, None);
            if args.anonymize { e.anonymized() } else { e }
        })
        .collect();
    let cohorts: Vec<(String, Reports<'_>)> = loaded
        .iter()
        .zip(&facts)
        .zip(&evidence)
        .map(|((l, f), e)| {
            let r = Reports::new(f, l.matches.as_ref()).with_evidence(e);
            let r = if args.anonymize { r.anonymized() } else { r };
            (l.label.clone(), r)
        })
        .collect();
    let doc = crate::render::context::trends(&cohorts).map_err(Error::Bug)?;
    if args.context {
        return print_context(&[doc]);
    }
    // Templates and the default out/ come from the program folder we are in,
    // when there is one (-C must name one).
    let root = match &ctx.dir {
        Some(_) => Some(ctx.root()?),
        None => ctx.root().ok(),
    };
    let out = match (&args.out, &root) {
        (Some(dir), _) => ctx.user_path(dir),
        (None, Some(root)) => root.join(OUT_DIR),
        (None, None) => PathBuf::from(OUT_DIR),
    };
    if args.out.is_some() {
        // Output lands in none of the folders compared, nor in this one.
        for dir in root.iter().chain(&args.folders) {
            crate::store::check_output(dir, OUT_OPTION, &out)?;
        }
    }
    let lock = match &root {
        Some(root) if !args.dry_run => Some(crate::store::Lock::acquire(root)?),
        _ => None,
    };
    super::say_recovered(lock.as_ref().and_then(crate::store::Lock::recovered));
    publish(
        &root_overrides(root.as_deref())?,
        &[doc],
        args,
        &out,
        root.as_deref(),
    )
}
