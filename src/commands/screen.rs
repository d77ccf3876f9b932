//! `mentorkit screen`: applies `[eligibility]`, overrides and capacity,
//! writes `screening.yaml` and prints the funnel.

use crate::output::{say, say_text};

use chrono::NaiveDate;
use serde_json::json;

use super::Ctx;
use crate::cli::ScreenArgs;
use crate::error::Result;
use crate::model::screening::{Outcome, Screening};
use crate::output::Table;
use crate::screen::{self, AsOfSource, FunnelRow};
use crate::store::{Access, SCREENING_FILE, write_screening};

/// The JSON keys of the funnel, in order (documented in the README).
pub const FUNNEL_KEYS: &[&str] = &[
    "department",
    "applied",
    "eligible",
    "accepted",
    "waitlisted",
    "ineligible",
];

/// How many people each list on stderr shows; the rest are in the file.
const LISTED: usize = 20;

/// The `department` of the funnel's total row.
pub const ALL_DEPARTMENTS: &str = "All departments";

/// Runs the command.
pub fn run(ctx: &Ctx, args: ScreenArgs) -> Result<()> {
    let root = ctx.root()?;
    // A stale screening.yaml does not stop the command that rewrites it.
    let (folder, _guard) = crate::commands::open_rewriting(
        &root,
        Access::Write {
            dry_run: args.dry_run,
        },
        Some(SCREENING_FILE),
    )?
    .into_parts();
    let (as_of, source) = screen::as_of(&folder.program, ctx.today(&folder.program));
    let screening = screen::screen(&folder.program.eligibility, as_of, &folder.participants);
    let rows = screen::funnel(&screening, &folder.participants);
    // The file first: what is printed after it may go to a closed pipe.
    let written = if args.dry_run {
        None
    } else {
        Some(write_screening(&root, &screening)?)
    };
    funnel_table(&rows).print(args.format)?;
    say_text(&summary(&screening, &rows, as_of, source, args.dry_run));
    match written {
        None => say!(
            "{}",
            crate::error::dry_run(&format!("write {SCREENING_FILE}"))
        ),
        Some(true) => say!("wrote {SCREENING_FILE}"),
        Some(false) => say!("{SCREENING_FILE} is unchanged"),
    }
    Ok(())
}

/// The funnel as a table: a row per department, then the total.
pub fn funnel_table(rows: &[FunnelRow]) -> Table {
    let mut t = Table::new(FUNNEL_KEYS);
    for r in rows {
        t.push(vec![
            json!(r.department.as_deref().unwrap_or(ALL_DEPARTMENTS)),
            json!(r.applied),
            json!(r.eligible),
            json!(r.accepted),
            json!(r.waitlisted),
            json!(r.ineligible),
        ]);
    }
    t
}

/// What screening decided, in words, for stderr: the ineligible with their
/// reasons, the waitlist in order (with `all`, the accepted too), the funnel.
fn summary(
    screening: &Screening,
    rows: &[FunnelRow],
    as_of: NaiveDate,
    source: AsOfSource,
    all: bool,
) -> String {
    let from = match source {
        AsOfSource::Setting => "as_of in program.toml",
        AsOfSource::ProgramStart => "the program's start; set as_of in [eligibility] to change it",
        AsOfSource::Today => "today; set as_of in [eligibility] to fix it",
    };
    let mut out = format!("years of service counted to {as_of} ({from})\n");
    let line = |id: &str, reasons: &[String]| {
        if reasons.is_empty() {
            format!("  {id}\n")
        } else {
            format!("  {id}: {}\n", reasons.join("; "))
        }
    };
    let mut lists: Vec<(Outcome, &str)> = vec![
        (Outcome::Ineligible, "ineligible"),
        (Outcome::Waitlisted, "waitlisted, in order"),
    ];
    if all {
        lists.insert(0, (Outcome::Accepted, "accepted"));
    }
    for (outcome, title) in lists {
        let ids: Vec<&str> = match outcome {
            Outcome::Waitlisted => screening.waitlist(),
            other => screening.with(other).collect(),
        };
        if ids.is_empty() {
            continue;
        }
        out.push_str(&format!("{title}:\n"));
        let more = ids.len().saturating_sub(LISTED);
        for id in ids.into_iter().take(LISTED) {
            let reasons = screening
                .decisions
                .get(id)
                .map(|d| d.reasons.as_slice())
                .unwrap_or_default();
            out.push_str(&line(id, reasons));
        }
        if more > 0 {
            out.push_str(&format!("  … and {more} more in {SCREENING_FILE}\n"));
        }
    }
    if let Some(total) = rows.last() {
        out.push_str(&format!(
            "{} applied → {} eligible → {} accepted",
            total.applied, total.eligible, total.accepted
        ));
        if total.waitlisted > 0 {
            out.push_str(&format!(" → {} waitlisted", total.waitlisted));
        }
        out.push('\n');
    }
    out
}
