//! `mentorkit progress`: a row per accepted mentee (attendance, deliverables,
//! goals, the latest survey, who is at risk and why), or with `--evidence`
//! the figures of impact; as of today or `--as-of DATE`.

mod evidence_view;

use crate::output::say;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};

use super::Ctx;
use crate::cli::{Format, ProgressArgs};
use crate::cohort::{
    Attendance, Cohort, Deliverables, Flag, GoalCounts, Member, SurveySummary, Warning,
};
use crate::error::{Error, Result};
use crate::evidence::{self, Evidence, Staff};
use crate::output::{Table, print_out};

/// Runs the command.
pub fn run(ctx: &Ctx, args: ProgressArgs) -> Result<()> {
    let root = ctx.root()?;
    let folder = crate::store::load(&root)?;
    let screening = crate::store::load_screening(&root)?;
    super::warn_stale_screening(&folder);
    let cohort = ctx.cohort(&folder, screening.as_ref(), args.as_of);
    if args.evidence {
        let e = evidence_for(&cohort)?;
        let e = if args.anonymize { e.anonymized() } else { e };
        return evidence_view::run(&e, args.format);
    }
    let mut rows: Vec<ProgressRow> = cohort.members.iter().map(ProgressRow::of).collect();
    if args.at_risk {
        rows.retain(|r| r.at_risk);
    }
    match args.format {
        Format::Json => {
            crate::output::print_json(&rows)?;
        }
        Format::Csv => flat(&rows).print(Format::Csv)?,
        Format::Table => {
            let mut text = table(&rows, &cohort)?;
            if cohort.meetings_untracked {
                text.push_str(&format!("\nNote: {UNTRACKED}\n"));
            }
            print_out(&text)?;
        }
    }
    print_warnings(&folder, &cohort.warnings);
    Ok(())
}

/// Warnings about the cohort (a recorded outcome that contradicts the
/// rule), on stderr, each placed at its field in the person's file.
pub fn print_warnings(folder: &crate::model::Folder, warnings: &[Warning]) {
    for w in warnings {
        let rel =
            std::path::Path::new(crate::model::PARTICIPANTS_DIR).join(format!("{}.yaml", w.id));
        let key = w.field.rsplit('.').next().unwrap_or(w.field);
        let p = crate::store::problem_at(folder, &rel, key, None, w.message.clone())
            .field(w.field)
            .help(w.help.clone());
        say!("warning: {p}");
    }
}

/// Every figure of impact for a derived cohort: its members against the
/// comparison group that `[evaluation] comparison` names, and the
/// applicants screening did not accept. `report cohort` reads the same.
pub fn evidence_for(cohort: &Cohort<'_>) -> Result<Evidence> {
    let staff = crate::store::comparison::load_noted(cohort.folder).map_err(Error::Invalid)?;
    let careers: Option<(String, Vec<crate::model::Career>)> = staff.map(|(name, rows, note)| {
        if let Some(note) = note {
            say!("note: {note}");
        }
        (name, rows.iter().map(|r| r.career()).collect())
    });
    let staff = careers
        .as_ref()
        .map(|(file, careers)| Staff { file, careers });
    Ok(evidence::evidence(cohort, staff))
}

/// A note for a program whose meetings are not recorded.
const UNTRACKED: &str = "[schedule] meetings is set, but no meeting's attendance is recorded yet, so no one is flagged for missing meetings; record meetings with `mentorkit attend`";

/// One mentee's progress as `progress` prints it (its JSON keys are
/// documented in the README): a view of the cohort's member facts.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressRow {
    pub id: String,
    pub name: String,
    pub attendance: Attendance,
    pub deliverables: Deliverables,
    pub goals: GoalCounts,
    pub latest_survey: Option<SurveySummary>,
    pub last_meeting: Option<NaiveDate>,
    pub left: Option<NaiveDate>,
    /// Completed as it stands: recorded, else by the rule once the program
    /// has ended; `null` while not known.
    pub completed: Option<bool>,
    pub at_risk: bool,
    pub flags: Vec<Flag>,
}

impl ProgressRow {
    fn of(m: &Member<'_>) -> ProgressRow {
        ProgressRow {
            id: m.id.to_string(),
            name: m.person.name.clone(),
            attendance: m.attendance,
            deliverables: m.done_of_due(),
            goals: m.goals,
            latest_survey: m.latest_survey.clone(),
            last_meeting: m.last_meeting,
            left: m.left,
            completed: m.completion.completed,
            at_risk: m.at_risk(),
            flags: m.flags.clone(),
        }
    }
}

const FLAT_KEYS: &[&str] = &[
    "id",
    "name",
    "attended",
    "held",
    "excused",
    "missed",
    "attendance_rate",
    "deliverables_done",
    "deliverables_due",
    "deliverables_overdue",
    "goals_not_started",
    "goals_in_progress",
    "goals_done",
    "goals_dropped",
    "latest_survey",
    "latest_survey_mean",
    "last_meeting",
    "left",
    "completed",
    "at_risk",
    "flags",
];

fn round(x: f64) -> Value {
    json!((x * 10_000.0).round() / 10_000.0)
}

fn date(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| json!(d.to_string()))
}

/// Every figure in its own column, for a spreadsheet.
fn flat(rows: &[ProgressRow]) -> Table {
    let mut t = Table::new(FLAT_KEYS);
    for r in rows {
        let a = &r.attendance;
        let s = r.latest_survey.as_ref();
        t.push(vec![
            json!(r.id),
            json!(r.name),
            json!(a.attended),
            json!(a.held),
            json!(a.excused),
            json!(a.missed),
            a.rate.map_or(Value::Null, round),
            json!(r.deliverables.done),
            json!(r.deliverables.due),
            json!(r.deliverables.overdue.join("; ")),
            json!(r.goals.not_started),
            json!(r.goals.in_progress),
            json!(r.goals.done),
            json!(r.goals.dropped),
            s.map_or(Value::Null, |s| json!(s.name)),
            s.and_then(|s| s.mean).map_or(Value::Null, round),
            date(r.last_meeting),
            date(r.left),
            r.completed
                .map_or(Value::Null, |c| json!(if c { "yes" } else { "no" })),
            json!(if r.at_risk { "yes" } else { "no" }),
            json!(
                r.flags
                    .iter()
                    .map(|f| f.text.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        ]);
    }
    t
}

/// The terminal view: one short line per mentee, then each flag in words.
fn table(rows: &[ProgressRow], c: &Cohort<'_>) -> Result<String> {
    let (cohort, as_of) = (c.members.len(), c.as_of);
    let at_risk = c.members.iter().filter(|m| m.at_risk()).count();
    let mut out = match cohort {
        0 => format!("Progress as of {as_of}: no accepted mentees\n"),
        1 => format!("Progress as of {as_of}: 1 mentee, {at_risk} at risk\n"),
        n => format!("Progress as of {as_of}: {n} mentees, {at_risk} at risk\n"),
    };
    if let Some(note) = c.roster_note() {
        out.push_str(&format!("Note: {note}\n"));
    }
    if cohort == 0 {
        return Ok(out);
    }
    out.push('\n');
    let mut t = Table::new(&[
        "id",
        "attendance",
        "deliverables",
        "goals",
        "survey",
        "at_risk",
    ]);
    for r in rows {
        t.push(vec![
            json!(r.id),
            json!(attendance_cell(r)),
            json!(match r.deliverables.due {
                0 => "—".to_string(),
                due => format!("{}/{due}", r.deliverables.done),
            }),
            json!(goals_cell(r)),
            json!(
                r.latest_survey
                    .as_ref()
                    .map_or("—".to_string(), |s| match s.mean {
                        Some(m) => format!("{} {m:.1}", s.name),
                        None => s.name.clone(),
                    })
            ),
            json!(risk_cell(r)),
        ]);
    }
    out.push_str(&t.render(Format::Table)?);
    let flagged: Vec<&ProgressRow> = rows.iter().filter(|r| r.at_risk).collect();
    if !flagged.is_empty() {
        out.push_str("\nAt risk:\n");
        for r in flagged {
            for f in &r.flags {
                out.push_str(&format!("  {}: {}\n", r.id, f.text));
            }
        }
    }
    Ok(out)
}

fn attendance_cell(r: &ProgressRow) -> String {
    let a = &r.attendance;
    if a.held == 0 {
        return "—".to_string();
    }
    match a.excused {
        0 => format!("{}/{}", a.attended, a.held),
        e => format!("{}/{} ({e} excused)", a.attended, a.held),
    }
}

fn goals_cell(r: &ProgressRow) -> String {
    let g = &r.goals;
    let parts: Vec<String> = [
        (g.done, "done"),
        (g.in_progress, "in progress"),
        (g.not_started, "not started"),
        (g.dropped, "dropped"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, w)| format!("{n} {w}"))
    .collect();
    if parts.is_empty() {
        "—".to_string()
    } else {
        parts.join(", ")
    }
}

fn risk_cell(r: &ProgressRow) -> String {
    if let Some(d) = r.left {
        return format!("(left {d})");
    }
    let count = |kind: &str| r.flags.iter().filter(|f| f.kind == kind).count();
    let mut parts = Vec::new();
    if count("missed-in-a-row") > 0 {
        parts.push("missed sessions".to_string());
    }
    if count("low-attendance") > 0 {
        parts.push("low attendance".to_string());
    }
    match count("goal-overdue") {
        0 => {}
        1 => parts.push("goal overdue".to_string()),
        n => parts.push(format!("{n} goals overdue")),
    }
    if count("no-meeting") > 0 {
        parts.push("no meeting".to_string());
    }
    parts.join(", ")
}
