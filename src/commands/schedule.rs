//! `mentorkit schedule`: lays out the workshops from `[schedule]` and the
//! curriculum (with `--meetings`, each pair's or group's meetings too) as
//! `sessions/<id>.yaml`, keeps every edit in the files that are there, and
//! exports `--ics FILE`. `schedule suggest` ranks the weekly slots.

mod export;
mod files;
mod meetings;
mod suggest;

use crate::output::say;
use std::path::Path;

use chrono::NaiveTime;
use chrono_tz::Tz;

use super::Ctx;
use crate::cli::{ScheduleAction, ScheduleArgs};
use crate::error::{Error, Problem, Result};
use crate::model::{Schedule, Session, SessionKind};
use crate::schedule::{
    CurriculumItem, Plan, PlannedSession, Recurrence, WorkshopDefaults, plan_workshops,
};
use crate::store::journal::Journal;
use crate::store::{Access, Folder, PROGRAM_FILE};

/// Runs the command.
pub fn run(ctx: &Ctx, args: ScheduleArgs) -> Result<()> {
    if let Some(ScheduleAction::Suggest(suggest)) = args.action {
        return suggest::run(ctx, suggest);
    }
    let root = ctx.root()?;
    if let Some(target) = &args.ics
        && !export::is_stdout(target)
    {
        crate::store::check_output(&root, export::ICS_OPTION, &ctx.user_path(target))?;
    }
    let (folder, _guard) = crate::commands::open(
        &root,
        Access::Write {
            dry_run: args.dry_run,
        },
    )?
    .into_parts();
    let schedule = schedule_of(&folder)?;
    let zone = zone_of(&folder)?;

    let plan = workshops(&folder, schedule, zone)?;
    say_plan(&plan);
    let mut wanted: Vec<(String, Session)> = plan
        .sessions
        .iter()
        .map(|p| (p.id.clone(), workshop_session(p)))
        .collect();
    if args.meetings {
        let workshops = meetings::workshops(&folder, schedule, &wanted);
        wanted.extend(meetings::plan(&folder, schedule, zone, workshops)?);
    }
    // A note while the files are written: a killed run is reported by the
    // next, which lays out the same files again.
    let journal = match args.dry_run {
        false => Some(Journal::begin(
            &root,
            "schedule",
            &super::command_line(),
            wanted.len() + usize::from(args.ics.is_some()),
        )?),
        true => None,
    };
    let sessions = files::lay_out(&folder, &wanted, args.dry_run)?;
    if let Some(path) = &args.ics {
        export::write(ctx, &folder, &sessions, zone, path, args.dry_run)?;
    }
    if let Some(journal) = journal {
        journal.finish()?;
    }
    Ok(())
}

/// `[schedule]`, or a refusal that says what to add.
fn schedule_of(folder: &Folder) -> Result<&Schedule> {
    folder.program.schedule.as_ref().ok_or_else(|| {
        Error::problem(
            Problem::file(PROGRAM_FILE, "has no [schedule]")
                .help("add one with first, repeat, time and duration"),
        )
    })
}

/// The program's time zone (checked when the folder was loaded).
pub(crate) fn zone_of(folder: &Folder) -> Result<Tz> {
    let name = &folder.program.program.timezone;
    name.parse::<Tz>().map_err(|_| {
        Error::problem(crate::store::problem_at(
            folder,
            Path::new(PROGRAM_FILE),
            "timezone",
            None,
            format!("`{name}` is not an IANA time zone such as America/Chicago"),
        ))
    })
}

pub(crate) fn clock(t: crate::model::ClockTime) -> NaiveTime {
    NaiveTime::from_hms_opt(u32::from(t.hour), u32::from(t.minute), 0).unwrap_or(NaiveTime::MIN)
}

/// The workshops of the curriculum on the dates of the rule.
fn workshops(folder: &Folder, schedule: &Schedule, zone: Tz) -> Result<Plan> {
    let recurrence = Recurrence {
        first: schedule.first,
        rule: schedule.repeat.clone(),
        time: clock(schedule.time),
        timezone: zone,
        skip: schedule.skip.clone(),
        ends: folder.program.program.ends,
    };
    let defaults = WorkshopDefaults {
        duration_minutes: schedule.duration.0,
        location: schedule.location.clone(),
        online: schedule.online.clone(),
    };
    let curriculum: Vec<CurriculumItem> = folder
        .program
        .curriculum
        .iter()
        .map(|c| CurriculumItem {
            title: c.title.clone(),
            topics: c.topics.clone(),
            activities: c.activities.clone(),
            speakers: c.speakers.clone(),
            facilitator: c.facilitator.clone(),
        })
        .collect();
    plan_workshops(&recurrence, &defaults, &curriculum).map_err(|e| {
        Error::problem(crate::store::problem_at(
            folder,
            Path::new(PROGRAM_FILE),
            "repeat",
            None,
            format!("[schedule] {e}"),
        ))
    })
}

/// Tells what the layout came to, on stderr.
fn say_plan(plan: &Plan) {
    match (plan.sessions.first(), plan.sessions.last()) {
        (Some(first), Some(last)) => say!(
            "{}, {} to {}: {}",
            crate::error::count(plan.sessions.len(), "workshop", "workshops"),
            first.date,
            last.date,
            plan.end
        ),
        _ => say!("no workshops: {}", plan.end),
    }
    for closure in &plan.closures {
        say!("closure {closure}: its workshop moves to the next date of the rule");
    }
    for note in &plan.notes {
        let level = if note.is_warning() { "warning" } else { "note" };
        say!("{level}: {note}");
    }
}

/// A clock time as the model writes it.
pub(crate) fn model_time(t: NaiveTime) -> crate::model::ClockTime {
    use chrono::Timelike;
    crate::model::ClockTime {
        hour: u8::try_from(t.hour()).unwrap_or(0),
        minute: u8::try_from(t.minute()).unwrap_or(0),
    }
}

/// A planned workshop as a session record.
fn workshop_session(p: &PlannedSession) -> Session {
    Session {
        title: p.title.clone(),
        kind: Some(SessionKind::Workshop),
        date: p.date,
        time: Some(model_time(p.time)),
        duration: Some(crate::model::Minutes(p.duration_minutes)),
        location: p.location.clone(),
        online: p.online.clone(),
        facilitator: p.facilitator.clone(),
        speakers: p.speakers.clone(),
        topics: p.topics.clone(),
        activities: p.activities.clone(),
        ..Session::default()
    }
}

/// `sessions/<id>.yaml`, relative to the root.
pub(crate) fn rel_path(id: &str) -> std::path::PathBuf {
    Path::new(crate::store::SESSIONS_DIR).join(format!("{id}.yaml"))
}
