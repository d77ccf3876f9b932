//! One person's answers, however they were given: a new participant from
//! them, or the edits that bring an existing participant's file up to date.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Field, Value};
use crate::model::Participant;
use crate::model::values::{Role, fold};

/// The answers of one person: a value per field given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub values: BTreeMap<Field, Value>,
}

impl Answers {
    /// Adds a value; list values add to what the field already has.
    pub fn put(&mut self, field: Field, value: Value) {
        match (self.values.get_mut(&field), value) {
            (Some(Value::List(have)), Value::List(more)) => {
                for m in more {
                    if !have.iter().any(|h| fold(h) == fold(&m)) {
                        have.push(m);
                    }
                }
            }
            (Some(Value::Slots(have)), Value::Slots(more)) => {
                have.extend(more);
                have.sort();
                have.dedup();
            }
            (_, v) => {
                self.values.insert(field, v);
            }
        }
    }

    /// The text of a text field, if given.
    pub fn text(&self, field: Field) -> Option<&str> {
        match self.values.get(&field) {
            Some(Value::Text(s)) => Some(s),
            _ => None,
        }
    }

    /// The required fields that are missing (role counts as given when a
    /// default is known).
    pub fn missing(&self, default_role: Option<Role>) -> Vec<Field> {
        Field::REQUIRED
            .into_iter()
            .filter(|f| {
                !(self.values.contains_key(f) || (*f == Field::Role && default_role.is_some()))
            })
            .collect()
    }

    /// A new participant from the answers; `Err` lists the missing fields.
    pub fn new_participant(
        &self,
        default_role: Option<Role>,
        applied: Option<NaiveDate>,
    ) -> Result<Participant, Vec<Field>> {
        let missing = self.missing(default_role);
        if !missing.is_empty() {
            return Err(missing);
        }
        let mut p = Participant {
            role: default_role.unwrap_or_default(),
            applied,
            ..Participant::default()
        };
        for (field, value) in &self.values {
            set(&mut p, *field, value.clone());
        }
        Ok(p)
    }

    /// What to change in an existing person's file so that it holds these
    /// answers: each scalar that differs, and the list items it lacks
    /// (compared ignoring case). Lists only grow, so what the coordinator
    /// added by hand stays; `applied` only moves earlier, so a correction
    /// sent later does not cost a place on a first-come waitlist.
    pub fn edits(&self, existing: &Participant) -> Vec<Edit> {
        let mut edits = Vec::new();
        for (field, value) in &self.values {
            if field.is_list() {
                let have: Vec<String> = get(existing, *field)
                    .items()
                    .iter()
                    .map(|s| fold(s))
                    .collect();
                let new: Vec<String> = value
                    .items()
                    .into_iter()
                    .filter(|i| !have.contains(&fold(i)))
                    .collect();
                if !new.is_empty() {
                    edits.push(Edit::Add(*field, new));
                }
                continue;
            }
            if *field == Field::Applied
                && let (Value::Date(new), Some(old)) = (value, existing.applied)
                && old <= *new
            {
                continue;
            }
            let current = get(existing, *field);
            let same = match (&current, value) {
                (Value::Text(a), Value::Text(b)) if *field == Field::Email => {
                    a.trim().eq_ignore_ascii_case(b.trim())
                }
                (a, b) => a == b,
            };
            if !same {
                edits.push(Edit::Set(*field, value.clone()));
            }
        }
        edits
    }
}

/// One change to an existing participant file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Set a scalar field.
    Set(Field, Value),
    /// Add these items to a list field.
    Add(Field, Vec<String>),
}

impl Edit {
    /// The field changed.
    pub fn field(&self) -> Field {
        match self {
            Edit::Set(f, _) | Edit::Add(f, _) => *f,
        }
    }
}

/// Sets one field of a participant.
fn set(p: &mut Participant, field: Field, value: Value) {
    let text = |v: Value| match v {
        Value::Text(s) => s,
        other => other.to_text(),
    };
    let list = |v: Value| match v {
        Value::List(l) => l,
        other => other.items(),
    };
    match (field, value) {
        (Field::Name, v) => p.name = text(v),
        (Field::Email, v) => p.email = text(v),
        (Field::Role, Value::Role(r)) => p.role = r,
        (Field::Department, v) => p.department = text(v),
        (Field::Position, v) => p.position = Some(text(v)),
        (Field::Branch, v) => p.branch = Some(text(v)),
        (Field::Hired, Value::Date(d)) => p.hired = Some(d),
        (Field::Manager, Value::Bool(b)) => p.manager = Some(b),
        (Field::Degrees, v) => p.degrees = list(v),
        (Field::Applied, Value::Date(d)) => p.applied = Some(d),
        (Field::Competencies, v) => p.competencies = list(v),
        (Field::Availability, Value::Slots(s)) => p.availability = s,
        (Field::AvailabilityNote, v) => p.availability_note = Some(text(v)),
        (Field::Modality, Value::Modality(m)) => p.modality = Some(m),
        (Field::Capacity, Value::Count(n)) => p.capacity = Some(n),
        (Field::CareerGoal, v) => p.career_goal = Some(text(v)),
        (Field::Motivation, v) => p.motivation = Some(text(v)),
        (Field::MissionStatement, v) => p.mission_statement = Some(text(v)),
        (Field::Skills, v) => p.skills = list(v),
        (Field::Prefers, v) => p.prefers = list(v),
        _ => {}
    }
}

/// One field of a participant as a value (empty text or list when unset).
fn get(p: &Participant, field: Field) -> Value {
    let text = |s: &Option<String>| Value::Text(s.clone().unwrap_or_default());
    match field {
        Field::Name => Value::Text(p.name.clone()),
        Field::Email => Value::Text(p.email.clone()),
        Field::Role => Value::Role(p.role),
        Field::Department => Value::Text(p.department.clone()),
        Field::Position => text(&p.position),
        Field::Branch => text(&p.branch),
        Field::Hired => p.hired.map_or(Value::Text(String::new()), Value::Date),
        Field::Manager => p.manager.map_or(Value::Text(String::new()), Value::Bool),
        Field::Degrees => Value::List(p.degrees.clone()),
        Field::Applied => p.applied.map_or(Value::Text(String::new()), Value::Date),
        Field::Competencies => Value::List(p.competencies.clone()),
        Field::Availability => Value::Slots(p.availability.clone()),
        Field::AvailabilityNote => text(&p.availability_note),
        Field::Modality => p
            .modality
            .map_or(Value::Text(String::new()), Value::Modality),
        Field::Capacity => p.capacity.map_or(Value::Text(String::new()), Value::Count),
        Field::CareerGoal => text(&p.career_goal),
        Field::Motivation => text(&p.motivation),
        Field::MissionStatement => text(&p.mission_statement),
        Field::Skills => Value::List(p.skills.clone()),
        Field::Prefers => Value::List(p.prefers.clone()),
    }
}
