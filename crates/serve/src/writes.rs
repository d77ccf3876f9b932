//! What each form changes, through the store as the commands do: the form
//! token is checked, the folder lock taken and the folder read again under
//! it (so two tablets at one door serialise, and each sees the other's
//! marks; a file unchanged since the last request is not parsed again, see
//! `store::open_cached`), then one in-place edit from `store::change`,
//! written atomically.
//! Without the page's script a form gets a 303 back to its page; with it,
//! JSON.

use chrono::NaiveDate;
use serde_json::json;

use crate::error::Result;
use crate::form::Fields;
use crate::guard::Shared;
use crate::logic::attendance::{Mark, record};
use crate::logic::cohort::{Cohort, Inputs};
use crate::model::{DeliverableStatus, Folder, GoalStatus};
use crate::site::{Answer, bad_field, today};
use crate::store::change::{self, OutcomeChange, OutcomeField};
use crate::store::{Access, Guard};
use crate::whatif;

/// Checks the form's token, then locks and reads the folder.
fn open(shared: &Shared, form: &Fields) -> Result<(Folder, Guard)> {
    form.check_token(shared)?;
    let access = Access::Write { dry_run: false };
    Ok(crate::store::open_cached(&shared.root, access, &shared.cache)?.into_parts())
}

/// Back to `page` (at `anchor`), or JSON for the script.
fn done(json: bool, page: String, body: serde_json::Value) -> Answer {
    if json {
        Answer::Json(body)
    } else {
        Answer::SeeOther(page)
    }
}

fn word<T: std::str::FromStr>(form: &Fields, field: &str, words: &[&str]) -> Result<T> {
    form.require(field)?
        .parse::<T>()
        .map_err(|_| bad_field(field, format!("must be one of: {}", words.join(", "))))
}

fn date(form: &Fields, field: &str) -> Result<Option<NaiveDate>> {
    form.get(field)
        .map(|s| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| bad_field(field, "must be a date written YYYY-MM-DD"))
        })
        .transpose()
}

/// `POST /people/{id}/goal`: `number`, `status`, and or `target`.
pub(crate) fn goal(shared: &Shared, id: &str, form: &Fields, json: bool) -> Result<Answer> {
    let (folder, _lock) = open(shared, form)?;
    let p = change::participant(&folder, id)?;
    let number: usize = form
        .require("number")?
        .parse()
        .ok()
        .filter(|n| (1..=p.smart_goals.len()).contains(n))
        .ok_or_else(|| {
            bad_field(
                "number",
                format!("must be a goal number from 1 to {}", p.smart_goals.len()),
            )
        })?;
    let status: Option<GoalStatus> = match form.get("status") {
        Some(_) => Some(word(form, "status", GoalStatus::WORDS)?),
        None => None,
    };
    let target = date(form, "target")?;
    let edited = change::edit_participant(&folder, id, |doc| {
        change::set_goal(doc, number - 1, status, target)
    })?;
    let written = change::write_participant(&folder, &edited)?;
    Ok(done(
        json,
        format!("/people/{id}#goal-{number}"),
        json!({ "ok": true, "written": written }),
    ))
}

/// `POST /people/{id}/deliverable`: `name` and `status`.
pub(crate) fn deliverable(shared: &Shared, id: &str, form: &Fields, json: bool) -> Result<Answer> {
    let (folder, _lock) = open(shared, form)?;
    let p = change::participant(&folder, id)?;
    let status: DeliverableStatus = word(form, "status", DeliverableStatus::WORDS)?;
    let name =
        crate::logic::cohort::deliverables::resolve(p, &folder.program, form.require("name")?)?;
    let edited = change::edit_participant(&folder, id, |doc| {
        change::set_deliverable(doc, &name, status)
    })?;
    let written = change::write_participant(&folder, &edited)?;
    Ok(done(
        json,
        format!("/people/{id}#deliverables"),
        json!({ "ok": true, "written": written }),
    ))
}

/// What the outcome form asks for, against what the record has: a field
/// changed is set, a field sent empty is removed, a field not sent (or
/// unchanged) is left alone.
fn outcome_change(form: &Fields, old: &crate::model::Outcome) -> Result<OutcomeChange> {
    let mut c = OutcomeChange::default();
    // Whether to set a field sent with `now`, or to clear it when it was set.
    let mut decide = |f: OutcomeField, was: bool, now: bool, same: bool| -> bool {
        if !form.has(f.key()) {
            return false;
        }
        if was && !now {
            c.clear.push(f);
        }
        now && !same
    };
    let completed = match form.get("completed") {
        None => None,
        Some("yes") => Some(true),
        Some("no") => Some(false),
        Some(_) => return Err(bad_field("completed", "must be yes, no or left blank")),
    };
    let set_completed = decide(
        OutcomeField::Completed,
        old.completed.is_some(),
        completed.is_some(),
        completed == old.completed,
    );
    let promoted = date(form, "promoted")?;
    let set_promoted = decide(
        OutcomeField::Promoted,
        old.promoted.is_some(),
        promoted.is_some(),
        promoted == old.promoted,
    );
    let position = form.get("new_position").map(str::to_string);
    let set_position = decide(
        OutcomeField::NewPosition,
        old.new_position.is_some(),
        position.is_some(),
        position.as_deref() == old.new_position.as_deref().map(str::trim),
    );
    let left = date(form, "left")?;
    let set_left = decide(
        OutcomeField::Left,
        old.left.is_some(),
        left.is_some(),
        left == old.left,
    );
    if set_completed {
        c.completed = completed;
    }
    if set_promoted {
        c.promoted = promoted;
    }
    if set_position {
        c.new_position = position;
    }
    if set_left {
        c.left = left;
    }
    Ok(c)
}

/// `POST /people/{id}/outcome`: `completed`, `promoted`, `new_position`, `left`.
pub(crate) fn outcome(shared: &Shared, id: &str, form: &Fields, json: bool) -> Result<Answer> {
    let (folder, _lock) = open(shared, form)?;
    let p = change::participant(&folder, id)?;
    let old = p.outcome.clone().unwrap_or_default();
    let c = outcome_change(form, &old)?;
    c.check()?;
    let edited = change::edit_participant(&folder, id, |doc| {
        change::change_outcome(doc, p.outcome.as_ref(), &c)
    })?;
    change::check_outcome(&folder, &edited.record)?;
    let written = change::write_participant(&folder, &edited)?;
    Ok(done(
        json,
        format!("/people/{id}#outcome"),
        json!({ "ok": true, "written": written }),
    ))
}

/// `POST /sessions/{id}/mark`: `person` and `mark`. The roll is read from
/// the file as it is under the lock, so a mark another tablet made a moment
/// ago stays.
pub(crate) fn mark(shared: &Shared, session: &str, form: &Fields, json: bool) -> Result<Answer> {
    let (mut folder, _lock) = open(shared, form)?;
    let mut roll = change::roll(change::session(&folder, session)?);
    let person = form.require("person")?;
    change::participant(&folder, person)?;
    let mark: Mark = word(form, "mark", &["present", "absent", "excused"])?;
    let edits = record(&roll, &[person.to_string()], mark);
    let edited = change::edit_session(&mut folder, session, &edits)?;
    let written = change::write_session(&folder, &edited)?;
    roll.apply(&edits);
    Ok(done(
        json,
        format!("/sessions/{session}#person-{person}"),
        json!({
            "ok": true,
            "person": person,
            "mark": mark.to_string(),
            "written": written,
            "present": roll.attendance.len(),
        }),
    ))
}

/// `POST /matching/save`: the what-if's exact optimum, planned again under
/// the lock from the folder as it is now, written to matches.yaml.
pub(crate) fn save_matches(shared: &Shared, form: &Fields, json: bool) -> Result<Answer> {
    let (folder, _lock) = open(shared, form)?;
    let settings = whatif::settings(&folder, form)?;
    let screening = crate::store::load_screening(&shared.root)?;
    let cohort = Cohort::derive(Inputs {
        folder: &folder,
        screening: screening.as_ref(),
        as_of: today(shared, &folder),
    });
    let matches = whatif::plan_with(&folder, &settings, &cohort, |planned, _| {
        planned.map(|plan| plan.matches).map_err(whatif::plan_error)
    })?;
    let written = crate::store::write_matches(&shared.root, &matches)?;
    if written {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            format!(
                "wrote {} (total score {})\n",
                crate::store::MATCHES_FILE,
                matches.total
            )
            .as_bytes(),
        );
    }
    let back = format!("/matching?{}&saved=1", settings.query());
    Ok(done(
        json,
        back,
        json!({ "ok": true, "written": written, "total": matches.total }),
    ))
}
