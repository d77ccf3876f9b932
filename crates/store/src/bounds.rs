//! Numbers and dates bounded to what a program can mean: a year from 1900 to
//! 2200, a weight up to 1,000, a group of at most 50, a mentor with at most
//! 100 mentees. Past these a value is a typo or an attack, and it would only
//! show up later as an overflow, a calendar no one can read or a solver that
//! never ends. (A session's length is bounded where it is read: `Minutes`.)

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use super::{Folder, PARTICIPANTS_DIR, PROGRAM_FILE, SESSIONS_DIR, problem_at};
use crate::error::Problem;

/// The years a date of a program may fall in.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;
/// The largest weight of `[matching.weights]`: only their ratios matter.
pub const MAX_WEIGHT: u32 = 1_000;
/// The largest `group_size`.
pub const MAX_GROUP_SIZE: u32 = 50;
/// The most mentees one mentor takes.
pub const MAX_MENTOR_CAPACITY: u32 = 100;

/// Every value of the folder past its bound.
pub(crate) fn problems(folder: &Folder) -> Vec<Problem> {
    let mut out = Vec::new();
    program(folder, &mut out);
    for (id, p) in &folder.participants {
        let rel = Path::new(PARTICIPANTS_DIR).join(format!("{id}.yaml"));
        let mut dates = vec![("hired", p.hired), ("applied", p.applied)];
        if let Some(o) = &p.outcome {
            dates.extend([("promoted", o.promoted), ("left", o.left)]);
        }
        dates.extend(p.smart_goals.iter().map(|g| ("target", g.target)));
        years(folder, &rel, &dates, &mut out);
        if let Some(c) = p.capacity
            && c > MAX_MENTOR_CAPACITY
        {
            out.push(
                problem_at(
                    folder,
                    &rel,
                    "capacity",
                    None,
                    format!("capacity {c} is more than the {MAX_MENTOR_CAPACITY} mentees one mentor can take"),
                )
                .help("give the number of mentees this mentor can see regularly"),
            );
        }
    }
    for (id, s) in &folder.sessions {
        let rel = Path::new(SESSIONS_DIR).join(format!("{id}.yaml"));
        years(folder, &rel, &[("date", Some(s.date))], &mut out);
    }
    out
}

fn program(folder: &Folder, out: &mut Vec<Problem>) {
    let rel = PathBuf::from(PROGRAM_FILE);
    let pf = &folder.program;
    let mut dates = vec![
        ("starts", pf.program.starts),
        ("ends", pf.program.ends),
        ("as_of", pf.eligibility.as_of),
    ];
    if let Some(s) = &pf.schedule {
        dates.push(("first", Some(s.first)));
        dates.extend(s.skip.iter().map(|d| ("skip", Some(*d))));
    }
    years(folder, &rel, &dates, out);
    let m = &pf.matching;
    if m.group_size > MAX_GROUP_SIZE {
        out.push(
            problem_at(
                folder,
                &rel,
                "group_size",
                None,
                format!(
                    "group_size {} is more than the largest group, {MAX_GROUP_SIZE}",
                    m.group_size
                ),
            )
            .help("a group meets around one table; give the number that fits"),
        );
    }
    let w = &m.weights;
    for (key, value) in [
        ("competency", w.competency),
        ("cross_department", w.cross_department),
        ("availability", w.availability),
        ("modality", w.modality),
        ("preference", w.preference),
    ] {
        if value > MAX_WEIGHT {
            out.push(
                problem_at(
                    folder,
                    &rel,
                    key,
                    None,
                    format!("the weight {key} = {value} is more than the largest, {MAX_WEIGHT}"),
                )
                .help("only the ratios of the weights matter: divide them all by the same number"),
            );
        }
    }
}

/// A problem for each date outside `YEARS`, at its key.
fn years(folder: &Folder, rel: &Path, dates: &[(&str, Option<NaiveDate>)], out: &mut Vec<Problem>) {
    for (key, date) in dates {
        let Some(date) = date else { continue };
        if !YEARS.contains(&date.year()) {
            out.push(
                problem_at(
                    folder,
                    rel,
                    key,
                    Some(&date.year().to_string()),
                    format!(
                        "{date} is not a date a program can mean: the year is outside {} to {}",
                        YEARS.start(),
                        YEARS.end()
                    ),
                )
                .help("check the year"),
            );
        }
    }
}
