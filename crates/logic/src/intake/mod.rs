//! Intake: turning answers — from `apply`'s flags, or a Google or Microsoft
//! Forms export read through an import map — into participant records.
//! Pure: an export's table (read by mentorkit-sheet) in, values and
//! problems out; `commands::apply` does the files.

mod answers;
pub mod map;
pub mod place;
pub mod rows;
pub mod values;

use chrono::NaiveDate;

use crate::model::slug;
use crate::model::values::{Modality, Role, Slot};

pub use answers::{Answers, Edit};
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
    AvailabilityNote,
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
    pub const ALL: [Field; 20] = [
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
        Field::AvailabilityNote,
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
            Field::AvailabilityNote => "availability_note",
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
