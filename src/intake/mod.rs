//! Intake: turning answers — from `apply`'s flags, or a Google or Microsoft
//! Forms export read through an import map — into participant records.
//! Pure: text in, values and text out; `commands::apply` does the files.

pub mod csv;
mod emit;
pub mod map;
pub mod rows;
pub mod values;

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::values::{Modality, Role, Slot, fold};
use crate::model::{Participant, slug};

pub use emit::participant_yaml;
pub use values::DateOrder;

/// A participant field that `apply` and imports can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Name,
    Email,
    Role,
    Department,
    Position,
    Branch,
    Hired,
    Manager,
    Degrees,
    Applied,
    Competencies,
    Availability,
    Modality,
    Capacity,
    CareerGoal,
    Motivation,
    MissionStatement,
    Skills,
    Prefers,
}

/// What kind of value a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Email,
    Date,
    Bool,
    List,
    Slots,
    Role,
    Modality,
    Count,
    Ids,
}

impl Field {
    /// Every fillable field, in the order of the participant table.
    pub const ALL: [Field; 19] = [
        Field::Name,
        Field::Email,
        Field::Role,
        Field::Department,
        Field::Position,
        Field::Branch,
        Field::Hired,
        Field::Manager,
        Field::Degrees,
        Field::Applied,
        Field::Competencies,
        Field::Availability,
        Field::Modality,
        Field::Capacity,
        Field::CareerGoal,
        Field::Motivation,
        Field::MissionStatement,
        Field::Skills,
        Field::Prefers,
    ];

    /// The fields a new person must have.
    pub const REQUIRED: [Field; 4] = [Field::Name, Field::Email, Field::Role, Field::Department];

    /// The key in participant files and import maps.
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Role => "role",
            Field::Department => "department",
            Field::Position => "position",
            Field::Branch => "branch",
            Field::Hired => "hired",
            Field::Manager => "manager",
            Field::Degrees => "degrees",
            Field::Applied => "applied",
            Field::Competencies => "competencies",
            Field::Availability => "availability",
            Field::Modality => "modality",
            Field::Capacity => "capacity",
            Field::CareerGoal => "career_goal",
            Field::Motivation => "motivation",
            Field::MissionStatement => "mission_statement",
            Field::Skills => "skills",
            Field::Prefers => "prefers",
        }
    }

    /// The field with this key.
    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The kind of value.
    pub fn kind(self) -> Kind {
        match self {
            Field::Email => Kind::Email,
            Field::Role => Kind::Role,
            Field::Hired | Field::Applied => Kind::Date,
            Field::Manager => Kind::Bool,
            Field::Degrees | Field::Competencies | Field::Skills => Kind::List,
            Field::Availability => Kind::Slots,
            Field::Modality => Kind::Modality,
            Field::Capacity => Kind::Count,
            Field::Prefers => Kind::Ids,
            _ => Kind::Text,
        }
    }

    /// Whether the field holds a list (filled from one or more columns).
    pub fn is_list(self) -> bool {
        matches!(self.kind(), Kind::List | Kind::Slots | Kind::Ids)
    }

    /// The words the field allows, to show when asking for it.
    pub fn allowed(self) -> Option<String> {
        match self.kind() {
            Kind::Role => Some(Role::WORDS.join(", ")),
            Kind::Modality => Some(Modality::WORDS.join(", ")),
            Kind::Bool => Some("yes, no".into()),
            Kind::Date => Some("YYYY-MM-DD".into()),
            Kind::Slots => Some("mon-am … sun-eve, or words like Tuesday afternoon".into()),
            _ => None,
        }
    }
}

/// One value read for a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Date(NaiveDate),
    Bool(bool),
    List(Vec<String>),
    Slots(Vec<Slot>),
    Role(Role),
    Modality(Modality),
    Count(u32),
}

impl Value {
    /// The value as it is written in a participant file.
    pub fn to_text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Date(d) => d.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::List(v) => v.join(", "),
            Value::Slots(v) => v.iter().map(Slot::to_string).collect::<Vec<_>>().join(", "),
            Value::Role(r) => r.to_string(),
            Value::Modality(m) => m.to_string(),
            Value::Count(n) => n.to_string(),
        }
    }

    /// The items of a list value, as written.
    pub fn items(&self) -> Vec<String> {
        match self {
            Value::List(v) => v.clone(),
            Value::Slots(v) => v.iter().map(Slot::to_string).collect(),
            other => vec![other.to_text()],
        }
    }
}

/// Reads one answer for `field`. `day` is the day a grid column names, for
/// availability. An empty answer is `Ok(None)`.
pub fn read_value(
    field: Field,
    raw: &str,
    order: DateOrder,
    day: Option<u8>,
) -> Result<Option<Value>, String> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let v = match field.kind() {
        Kind::Text => {
            let text = values::clean_text(t);
            if field == Field::Name {
                Value::Text(text.split_whitespace().collect::<Vec<_>>().join(" "))
            } else {
                Value::Text(text)
            }
        }
        Kind::Email => Value::Text(values::parse_email(t)?),
        Kind::Date => Value::Date(values::parse_date(t, order)?),
        Kind::Bool => Value::Bool(values::parse_bool(t)?),
        Kind::List => Value::List(values::split_list(t)),
        Kind::Ids => Value::List(
            values::split_list(t)
                .iter()
                .map(|s| slug(s))
                .filter(|s| !s.is_empty())
                .collect(),
        ),
        Kind::Slots => Value::Slots(values::parse_slots(t, day)?),
        Kind::Role => Value::Role(t.parse()?),
        Kind::Modality => Value::Modality(read_modality(t)?),
        Kind::Count => match t.parse::<u32>() {
            Ok(n) if n >= 1 => Value::Count(n),
            _ => return Err(format!("`{t}` is not a whole number of at least 1")),
        },
    };
    let empty = matches!(&v, Value::List(l) if l.is_empty())
        || matches!(&v, Value::Slots(s) if s.is_empty());
    Ok((!empty).then_some(v))
}

/// A modality in a form's words: `In person`, `Online` (virtual), `Either`
/// (hybrid) as well as the file's own words.
fn read_modality(t: &str) -> Result<Modality, String> {
    let w = t.trim().to_lowercase().replace([' ', '_'], "-");
    match w.as_str() {
        "online" | "remote" | "virtually" => Ok(Modality::Virtual),
        "either" | "both" | "no-preference" | "any" => Ok(Modality::Hybrid),
        "in-person-only" | "inperson" | "face-to-face" => Ok(Modality::InPerson),
        _ => w.parse().map_err(|_| {
            format!(
                "`{t}` is not allowed here; use one of: {}",
                Modality::WORDS.join(", ")
            )
        }),
    }
}

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

/// A new id from the name (`Ana Ruiz` → `ana-ruiz`, then `ana-ruiz-2`, …),
/// or from the email's local part when the name gives none.
pub fn new_id(name: &str, email: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut base = slug(name);
    if base.is_empty() {
        base = slug(email.split('@').next().unwrap_or(""));
    }
    if base.is_empty() {
        base = "person".to_string();
    }
    if !taken(&base) {
        return base;
    }
    (2u32..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests;
