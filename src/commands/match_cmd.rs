//! `mentorkit match`: pairs or groups the accepted mentees (with mentors, or
//! with each other) for the highest total score under `[matching.weights]`,
//! prints the matches and a summary, explains one person's match, compares
//! other weights, and writes `matches.yaml`.

use crate::output::{say, say_text};
use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{Value, json};

use super::Ctx;
use crate::cli::MatchArgs;
use crate::cohort::Cohort;
use crate::error::{Error, Result};
use crate::matching::plan::{Input, PinProblem, Plan, PlanError, plan};
use crate::model::Role;
use crate::model::matches::Matches;
use crate::model::screening::Screening;
use crate::output::{Table, print_out};
use crate::store::{Access, Folder, MATCHES_FILE, PROGRAM_FILE, load_screening, write_matches};

mod compare;

/// The JSON keys of the matches listing, in order (documented in the README).
pub const MATCH_KEYS: &[&str] = &[
    "mentor",
    "members",
    "slot",
    "score",
    "competency",
    "cross_department",
    "availability",
    "modality",
    "preference",
    "pinned",
];

/// How many unmatched people the summary names; the rest are in the file.
const LISTED: usize = 20;

/// Runs the command.
pub fn run(ctx: &Ctx, args: MatchArgs) -> Result<()> {
    let root = ctx.root()?;
    let writes = !(args.dry_run || args.compare || args.explain.is_some());
    let (folder, _guard) =
        crate::commands::open(&root, Access::Write { dry_run: !writes })?.into_parts();
    let screening = load_screening(&root)?;
    super::warn_stale_screening(&folder);
    let cohort = ctx.cohort(&folder, screening.as_ref(), None);
    let accepted = candidates(&cohort);
    let matching = &folder.program.matching;
    let other = match &args.weights {
        Some(path) => Some(compare::read_weights(
            &ctx.user_path(path),
            matching.weights,
        )?),
        None => None,
    };
    let weights = match (&other, args.compare) {
        (Some(w), false) => *w,
        _ => matching.weights,
    };
    let input = Input {
        participants: &folder.participants,
        matching,
        weights,
        accepted,
    };
    let plan = plan(&input).map_err(|e| plan_error(&folder, e))?;
    for note in &plan.cohort.notes {
        say!("note: {note}");
    }
    if let Some(id) = &args.explain {
        return explain(&folder, screening.as_ref(), &plan, id);
    }
    if let (Some(w), true) = (other, args.compare) {
        let alt = Input {
            weights: w,
            ..input.clone()
        };
        let alt_plan = crate::matching::plan::plan(&alt).map_err(|e| plan_error(&folder, e))?;
        return print_out(&compare::report(&plan, &alt_plan));
    }
    // The file first: what is printed after it may go to a closed pipe.
    let written = if args.dry_run {
        None
    } else {
        Some(write_matches(&root, &plan.matches)?)
    };
    table(&plan.matches).print(args.format)?;
    say_text(&summary(&plan));
    match written {
        None => say!(
            "{}",
            crate::error::dry_run(&format!("write {MATCHES_FILE}"))
        ),
        Some(true) => say!("wrote {MATCHES_FILE}"),
        Some(false) => say!("{MATCHES_FILE} is unchanged"),
    }
    Ok(())
}

/// Who is matched: the cohort's roster (the accepted mentees; before
/// screening every mentee, and a note on stderr says so).
fn candidates(cohort: &Cohort<'_>) -> Option<BTreeSet<String>> {
    if !cohort.unscreened.is_empty()
        && let Some(note) = cohort.roster_note()
    {
        say!("note: left out of the matching: {note}");
    } else if cohort.roster_note().is_some() {
        say!(
            "note: no screening.yaml, so every mentee is matched; run `mentorkit screen` first to match only the accepted ones"
        );
    }
    Some(cohort.roster().into_iter().map(String::from).collect())
}

/// Why no matching was made, as an error.
fn plan_error(folder: &Folder, e: PlanError) -> Error {
    match e {
        PlanError::Pin(p) => pin_error(folder, p),
        PlanError::TooLarge(t) => t.into(),
    }
}

/// A pin that cannot hold, placed at `pins` in program.toml.
fn pin_error(folder: &Folder, p: PinProblem) -> Error {
    let written: Vec<String> = p.pin.iter().map(|id| format!("\"{id}\"")).collect();
    let message = format!(
        "the pin [{}] cannot hold: {}",
        written.join(", "),
        p.message
    );
    let problem = crate::store::problem_at(folder, Path::new(PROGRAM_FILE), "pins", p.pin.first().map(String::as_str), message)
        .help("remove the pin or change what blocks it; `forbid`, availability and capacity apply to pins too");
    Error::problem(problem)
}

fn explain(
    folder: &Folder,
    screening: Option<&Screening>,
    plan: &Plan<'_>,
    id: &str,
) -> Result<()> {
    if let Some(text) = plan.explain(id) {
        return print_out(&text);
    }
    let decision = screening.and_then(|s| s.outcome(id));
    let why = match folder.participants.get(id) {
        None => match crate::error::nearest(id, folder.participants.keys().map(String::as_str)) {
            Some(near) => format!("no participant `{id}`; did you mean `{near}`?"),
            None => format!("no participant `{id}`; `mentorkit list participants` shows the ids"),
        },
        Some(p) if p.role == Role::Mentor => {
            format!(
                "`{id}` is a mentor, and {} mode matches no mentors",
                plan.cohort.mode
            )
        }
        Some(_) => match decision {
            Some(d) => format!("`{id}` is not matched: screening.yaml has them {d}"),
            None => format!(
                "`{id}` is not matched: screening.yaml does not list them; run `mentorkit screen`"
            ),
        },
    };
    Err(Error::NotMatched(why))
}

/// A row per entry of the matches: a mentor (or peers), the members, the
/// slot, the score and its parts, and who is pinned.
pub fn table(m: &Matches) -> Table {
    let mut t = Table::new(MATCH_KEYS).brief(&["mentor", "members", "slot", "score", "pinned"]);
    for e in &m.matches {
        let mut row: Vec<Value> = vec![
            e.mentor.as_ref().map_or(Value::Null, |x| json!(x)),
            json!(e.people()),
            e.slot.map_or(Value::Null, |s| json!(s.to_string())),
            json!(e.score),
        ];
        row.extend(e.parts.values().iter().map(|v| json!(v)));
        row.push(json!(e.pinned));
        t.push(row);
    }
    t
}

/// What matching did, in words, for stderr.
fn summary(plan: &Plan<'_>) -> String {
    let c = &plan.cohort;
    let m = &plan.matches;
    let people = m.matches.iter().map(|e| e.people().len()).sum::<usize>();
    let total = m.total;
    let mode = if c.circles() {
        "group (peer circles)".to_string()
    } else {
        c.mode.to_string()
    };
    let mut out = if c.with_mentors() {
        let busy = m.matches.len();
        format!(
            "{mode}: {people} of {} matched with {busy} of {}",
            count(c.mentees, "mentee"),
            count(c.mentors(), "mentor")
        )
    } else if c.circles() {
        format!(
            "{mode}: {people} of {} in {}",
            count(c.mentees, "mentee"),
            count(m.matches.len(), "circle")
        )
    } else {
        format!(
            "{mode}: {people} of {} in {}",
            count(c.mentees, "mentee"),
            count(m.matches.len(), "pair")
        )
    };
    out.push_str(&format!("; total score {total}\n"));
    match m.bound {
        _ if m.optimal => {
            out.push_str("optimal: no other matching scores more under these weights\n")
        }
        Some(bound) => {
            let gap = if bound > 0 {
                (bound - total) as f64 * 100.0 / bound as f64
            } else {
                0.0
            };
            out.push_str(&format!(
                "not proven optimal: no arrangement scores more than {bound} ({gap:.1}% above this one); the exact optimum is out of reach at this size\n"
            ));
        }
        None => {}
    }
    if !m.idle_mentors.is_empty() {
        let shown: Vec<&str> = m
            .idle_mentors
            .iter()
            .take(LISTED)
            .map(String::as_str)
            .collect();
        let more = m.idle_mentors.len().saturating_sub(LISTED);
        let more = if more > 0 {
            format!(", … and {more} more")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "mentors without mentees: {}{more}\n",
            shown.join(", ")
        ));
    }
    if !m.unmatched.is_empty() {
        out.push_str("unmatched:\n");
        for u in m.unmatched.iter().take(LISTED) {
            out.push_str(&format!("  {}: {}\n", u.id, u.reason));
        }
        let more = m.unmatched.len().saturating_sub(LISTED);
        if more > 0 {
            out.push_str(&format!("  … and {more} more in {MATCHES_FILE}\n"));
        }
    }
    out
}

/// `1 mentee`, `2 mentees`.
fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
