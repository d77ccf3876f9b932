//! `mentorkit goal ID [GOAL] [STATUS] [--target DATE]`: lists a person's
//! SMART goals, numbered, or changes one goal's status or target date in
//! place in their file. A goal is named by its number or by words from it.

use super::Ctx;
use super::person_edit::{self, dry};
use crate::cli::GoalArgs;
use crate::error::{Error, GoalMiss, Result};
use crate::model::{GoalStatus, Participant, SmartGoal};
use crate::output::print_out;
use crate::store::edit::Scalar;

/// Runs the command.
pub fn run(ctx: &Ctx, args: GoalArgs) -> Result<()> {
    let (folder, _guard) = person_edit::open(ctx, args.dry_run)?.into_parts();
    let folder = &folder;
    let p = person_edit::person(folder, &args.id)?;
    let Some(which) = &args.goal else {
        return print_out(&listing(&args.id, p));
    };
    let index = find_goal(&args.id, p, which)?;
    let status = args
        .status
        .as_deref()
        .map(|s| {
            s.parse::<GoalStatus>().map_err(|_| Error::NotAllowed {
                what: "a goal status",
                value: s.to_string(),
                allowed: GoalStatus::WORDS,
            })
        })
        .transpose()?;
    if status.is_none() && args.target.is_none() {
        return Err(Error::Usage(format!(
            "give goal {} a new status ({}) or --target DATE",
            index + 1,
            GoalStatus::WORDS.join(", ")
        )));
    }
    let goal = &p.smart_goals[index];
    let edited = person_edit::edit(folder, &args.id, |doc| {
        if let Some(s) = status {
            doc.set_in_item("smart_goals", index, "status", Scalar::Str(s.as_str()))?;
        }
        if let Some(t) = args.target {
            doc.set_in_item("smart_goals", index, "target", Scalar::Raw(&t.to_string()))?;
        }
        Ok(())
    })?;
    person_edit::write(folder, &edited, args.dry_run)?;
    let mut changes = Vec::new();
    if let Some(s) = status {
        changes.push(format!("status {} → {s}", goal.status()));
    }
    if let Some(t) = args.target {
        let old = goal.target.map_or("none".to_string(), |d| d.to_string());
        changes.push(format!("target {old} → {t}"));
    }
    let message = if edited.changed {
        format!(
            "{}: goal {} \"{}\": {}{}\n",
            args.id,
            index + 1,
            goal.goal.trim(),
            changes.join(", "),
            dry(args.dry_run)
        )
    } else {
        format!(
            "{}: goal {} \"{}\" is already so; nothing to change\n",
            args.id,
            index + 1,
            goal.goal.trim()
        )
    };
    print_out(&message)
}

fn line(i: usize, g: &SmartGoal) -> String {
    let target = g
        .target
        .map(|t| format!(", target {t}"))
        .unwrap_or_default();
    format!("  {}. {} — {}{target}\n", i + 1, g.goal.trim(), g.status())
}

/// The goals, numbered.
fn listing(id: &str, p: &Participant) -> String {
    let n = p.smart_goals.len();
    let mut out = match n {
        0 => format!("{id} has no SMART goals yet; add them under smart_goals: in their file\n"),
        1 => format!("{id}: 1 SMART goal\n"),
        n => format!("{id}: {n} SMART goals\n"),
    };
    for (i, g) in p.smart_goals.iter().enumerate() {
        out.push_str(&line(i, g));
    }
    out
}

/// The index of the goal named by its number or by words from it.
fn find_goal(id: &str, p: &Participant, which: &str) -> Result<usize> {
    let goals = &p.smart_goals;
    let miss = |why, goals| Error::Goal {
        id: id.to_string(),
        why,
        goals,
    };
    let all = || {
        goals
            .iter()
            .enumerate()
            .map(|(i, g)| line(i, g))
            .collect::<String>()
    };
    if goals.is_empty() {
        return Err(miss(GoalMiss::NoGoals, String::new()));
    }
    if let Ok(n) = which.trim().parse::<usize>() {
        return match n {
            1.. if n <= goals.len() => Ok(n - 1),
            _ => Err(miss(
                GoalMiss::NoNumber {
                    n,
                    count: goals.len(),
                },
                all(),
            )),
        };
    }
    let words = which.trim().to_lowercase();
    let hits: Vec<usize> = goals
        .iter()
        .enumerate()
        .filter(|(_, g)| g.goal.to_lowercase().contains(&words))
        .map(|(i, _)| i)
        .collect();
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => Err(miss(
            GoalMiss::NoMatch {
                text: which.to_string(),
            },
            all(),
        )),
        many => Err(miss(
            GoalMiss::Several {
                text: which.to_string(),
                count: many.len(),
            },
            many.iter().map(|&i| line(i, &goals[i])).collect(),
        )),
    }
}
