//! Program folders for the evidence tests, written from a plain description
//! (or drawn at random from a seed): mentees, applicants screening did not
//! accept, a staff file with or without departments and certifications,
//! surveys with competencies. Every folder is valid (`check` passes): no
//! promotion before the start, after leaving or before being hired.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Days, NaiveDate};

use crate::support::Test;

/// The day every generated program starts.
pub(crate) const START: &str = "2020-01-01";

pub(crate) fn date(y: i32, m: u32, d: u32) -> String {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().to_string()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn shift(s: &str, days: i64) -> String {
    let d = day(s);
    let out = if days >= 0 {
        d.checked_add_days(Days::new(days as u64))
    } else {
        d.checked_sub_days(Days::new((-days) as u64))
    };
    out.unwrap().to_string()
}

/// One person of the folder or of the staff file.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub hired: Option<String>,
    pub promoted: Option<String>,
    pub left: Option<String>,
    pub department: String,
    pub certifications: Vec<String>,
    pub completed: Option<bool>,
    pub competencies: Vec<String>,
    pub pre: BTreeMap<String, u8>,
    pub post: BTreeMap<String, u8>,
    pub quote: Option<String>,
}

impl Person {
    pub(crate) fn hired(d: &str) -> Person {
        Person {
            hired: Some(d.to_string()),
            promoted: None,
            left: None,
            department: "Circulation".into(),
            certifications: Vec::new(),
            completed: Some(true),
            competencies: Vec::new(),
            pre: BTreeMap::new(),
            post: BTreeMap::new(),
            quote: None,
        }
    }

    pub(crate) fn promoted(mut self, d: &str) -> Person {
        self.promoted = Some(d.to_string());
        self
    }

    pub(crate) fn left(mut self, d: &str) -> Person {
        self.left = Some(d.to_string());
        self
    }

    /// The name of the `i`th person: two words that appear nowhere else.
    pub(crate) fn name(&self, i: usize) -> String {
        const GIVEN: [&str; 8] = [
            "Rosa", "Tomas", "Ines", "Omar", "Greta", "Yusuf", "Lena", "Kofi",
        ];
        const FAMILY: [&str; 6] = [
            "Quillby",
            "Marrowdale",
            "Fenwick",
            "Oakhurst",
            "Pellham",
            "Vantreece",
        ];
        format!("{} {}{}", GIVEN[i % 8], FAMILY[(i / 8) % 6], i / 48)
    }

    fn yaml(&self, id: &str, name: &str) -> String {
        let mut out = format!(
            "name: {name}\nemail: {id}@example.org\nrole: mentee\ndepartment: {}\n",
            self.department
        );
        if let Some(h) = &self.hired {
            let _ = writeln!(out, "hired: {h}");
        }
        if !self.competencies.is_empty() {
            let _ = writeln!(out, "competencies: [{}]", self.competencies.join(", "));
        }
        if !self.certifications.is_empty() {
            out.push_str("certifications:\n");
            for (i, d) in self.certifications.iter().enumerate() {
                let _ = writeln!(out, "  - {{name: Certificate {}, date: {d}}}", i + 1);
            }
        }
        let answers = |m: &BTreeMap<String, u8>| {
            m.iter()
                .map(|(q, v)| format!("{q}: {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !self.pre.is_empty() || !self.post.is_empty() {
            out.push_str("surveys:\n");
            if !self.pre.is_empty() {
                let _ = writeln!(out, "  pre: {{{}}}", answers(&self.pre));
            }
            if !self.post.is_empty() {
                let _ = writeln!(out, "  post: {{{}}}", answers(&self.post));
            }
        }
        if let Some(q) = &self.quote {
            let _ = writeln!(out, "testimonial: {{quote: \"{q}\", consent: true}}");
        }
        let mut outcome = Vec::new();
        if let Some(c) = self.completed {
            outcome.push(format!("completed: {c}"));
        }
        if let Some(p) = &self.promoted {
            outcome.push(format!("promoted: {p}"));
        }
        if let Some(l) = &self.left {
            outcome.push(format!("left: {l}"));
        }
        if !outcome.is_empty() {
            let _ = writeln!(out, "outcome: {{{}}}", outcome.join(", "));
        }
        out
    }
}

/// The staff file of `[evaluation] comparison`.
#[derive(Debug, Clone)]
pub(crate) struct Staff {
    pub rows: Vec<Person>,
    pub departments: bool,
    pub certifications: bool,
}

impl Staff {
    pub(crate) fn rows(rows: Vec<Person>) -> Staff {
        Staff {
            rows,
            departments: true,
            certifications: false,
        }
    }

    fn csv(&self) -> String {
        let mut out = String::from("name,email,hired,promoted,left");
        if self.departments {
            out.push_str(",department");
        }
        if self.certifications {
            out.push_str(",certifications");
        }
        out.push('\n');
        for (i, p) in self.rows.iter().enumerate() {
            let _ = write!(
                out,
                "Staff {i},staff{i}@example.org,{},{},{}",
                p.hired.clone().unwrap_or_default(),
                p.promoted.clone().unwrap_or_default(),
                p.left.clone().unwrap_or_default()
            );
            if self.departments {
                let _ = write!(out, ",{}", p.department);
            }
            if self.certifications {
                let cells: Vec<String> = p
                    .certifications
                    .iter()
                    .enumerate()
                    .map(|(k, d)| format!("Certificate {}: {d}", k + 1))
                    .collect();
                let _ = write!(out, ",{}", cells.join("; "));
            }
            out.push('\n');
        }
        out
    }
}

/// A program folder to write.
#[derive(Debug, Clone)]
pub(crate) struct Folder {
    pub name: String,
    pub as_of: String,
    pub mentees: Vec<Person>,
    /// With `waitlisted` or `ineligible`.
    pub applicants: Vec<(Person, &'static str)>,
    pub staff: Option<Staff>,
}

impl Folder {
    pub(crate) fn new(name: &str, as_of: &str) -> Folder {
        Folder {
            name: name.to_string(),
            as_of: as_of.to_string(),
            mentees: Vec::new(),
            applicants: Vec::new(),
            staff: None,
        }
    }

    pub(crate) fn mentees(self, mentees: Vec<Person>) -> Folder {
        Folder { mentees, ..self }
    }

    pub(crate) fn staff(self, staff: Staff) -> Folder {
        Folder {
            staff: Some(staff),
            ..self
        }
    }

    /// The folder on disk, ready for a command.
    pub(crate) fn write(&self) -> Test {
        let mut program = format!(
            "[program]\nname = \"Generated {}\"\nstarts = {START}\nends = 2020-10-31\ntimezone = \"America/Chicago\"\n\n[eligibility]\nseed = 11\n",
            self.name
        );
        if self.staff.is_some() {
            program.push_str("\n[evaluation]\ncomparison = \"staff.csv\"\n");
        }
        let mut t = Test::new().file("program.toml", program);
        let mut screening = String::from("decisions:\n");
        for (i, p) in self.mentees.iter().enumerate() {
            let id = format!("m{i:03}");
            t = t.file(&format!("participants/{id}.yaml"), p.yaml(&id, &p.name(i)));
            let _ = writeln!(screening, "  {id}: {{decision: accepted}}");
        }
        let mut waitlist = 0;
        for (i, (p, decision)) in self.applicants.iter().enumerate() {
            let id = format!("a{i:03}");
            let name = p.name(i + 500);
            t = t.file(&format!("participants/{id}.yaml"), p.yaml(&id, &name));
            if *decision == "waitlisted" {
                waitlist += 1;
                let _ = writeln!(
                    screening,
                    "  {id}: {{decision: {decision}, waitlist: {waitlist}}}"
                );
            } else {
                let _ = writeln!(screening, "  {id}: {{decision: {decision}}}");
            }
        }
        if !self.applicants.is_empty() {
            t = t.file("screening.yaml", screening);
        }
        if let Some(s) = &self.staff {
            t = t.file("staff.csv", s.csv());
        }
        t
    }
}

/// xorshift64*: the same folders on every run.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `0..n`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

const DEPARTMENTS: [&str; 3] = ["Circulation", "Technical Services", "Youth Services"];
const QUESTIONS: [&str; 4] = ["clarity", "confidence", "public_speaking", "cataloging"];
const COMPETENCIES: [&str; 3] = ["Public Speaking", "Cataloging", "Grant Writing"];

/// One person drawn at random: hired up to 15 years before the start (or
/// not known), perhaps promoted, perhaps gone, perhaps certified.
fn person(rng: &mut Rng, staff: bool) -> Person {
    let hired = if !staff && rng.chance(0.1) {
        None
    } else if staff && rng.chance(0.05) {
        // Hired after the start: not compared.
        Some(shift(START, 1 + rng.below(300) as i64))
    } else {
        Some(shift(START, -(rng.below(15 * 365) as i64)))
    };
    let floor = hired
        .clone()
        .map_or(START.to_string(), |h| h.max(START.to_string()));
    let left = rng
        .chance(0.35)
        .then(|| shift(&floor, rng.below(6 * 365) as i64));
    let promoted = rng
        .chance(0.3)
        .then(|| shift(&floor, rng.below(5 * 365) as i64));
    let promoted = match (&promoted, &left) {
        (Some(p), Some(l)) if p > l => None,
        _ => promoted,
    };
    let certifications = (0..rng.below(3))
        .map(|_| shift(START, rng.below(3 * 365) as i64 - 365))
        .collect();
    let mut p = Person {
        hired,
        promoted,
        left,
        department: DEPARTMENTS[rng.below(3) as usize].to_string(),
        certifications,
        completed: Some(rng.chance(0.7)),
        competencies: Vec::new(),
        pre: BTreeMap::new(),
        post: BTreeMap::new(),
        quote: None,
    };
    if !staff {
        for c in COMPETENCIES {
            if rng.chance(0.4) {
                p.competencies.push(c.to_string());
            }
        }
        let (answers_pre, answers_post) = (rng.chance(0.85), rng.chance(0.75));
        for q in QUESTIONS {
            if answers_pre && rng.chance(0.9) {
                p.pre.insert(q.to_string(), 1 + rng.below(5) as u8);
            }
            if answers_post && rng.chance(0.9) {
                p.post.insert(q.to_string(), 1 + rng.below(5) as u8);
            }
        }
    }
    p
}

/// A folder drawn from `rng`: 1 to 40 mentees, up to 8 applicants not
/// accepted, up to 300 staff (or no staff file), as of up to six years
/// after the start (now and then before it).
pub(crate) fn random(rng: &mut Rng, name: &str) -> Folder {
    let as_of = if rng.chance(0.1) {
        shift(START, -(1 + rng.below(200) as i64))
    } else {
        shift(START, 100 + rng.below(6 * 365) as i64)
    };
    let mentees = (0..1 + rng.below(40)).map(|_| person(rng, false)).collect();
    let applicants = (0..rng.below(9))
        .map(|_| {
            let p = person(rng, false);
            (
                p,
                if rng.chance(0.6) {
                    "waitlisted"
                } else {
                    "ineligible"
                },
            )
        })
        .collect();
    let staff = rng.chance(0.8).then(|| Staff {
        rows: (0..5 + rng.below(296)).map(|_| person(rng, true)).collect(),
        departments: rng.chance(0.7),
        certifications: rng.chance(0.5),
    });
    Folder {
        name: name.to_string(),
        as_of,
        mentees,
        applicants,
        staff,
    }
}
