//! What each template sees: the records turned into plain, printable values.
//! Pure: a loaded folder (and the screening and matches, when there are any)
//! in, documents out, each with the JSON context its template renders and
//! `report --context` prints. Lists are arrays in a stable order; maps have
//! fixed keys; missing values are `null`, never left out, so a template can
//! test any key. Nothing here reads a file, and nothing people keep private
//! (testimonials without consent, overrides, journals) is ever put in.

mod cells;
mod cohort;
mod impact;
mod people;
mod sessions;
mod trends;

use serde::Serialize;

use crate::logic::cohort::Cohort;
use crate::logic::cohort::pseudonyms::Pseudonyms;
use crate::logic::evidence::Evidence;
use crate::model::match_groups::Matches;
use crate::model::{Folder, Participant};

pub use trends::trends;

/// One document to render: which template, where it goes, what it sees.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The template's name without extension, e.g. `career-plan`.
    pub template: &'static str,
    /// The output path under the out folder, without extension, e.g.
    /// `career-plans/maria-gonzalez`.
    pub name: String,
    /// The context the template sees.
    pub context: serde_json::Value,
}

impl Document {
    fn new(
        template: &'static str,
        name: String,
        context: impl Serialize,
    ) -> Result<Document, String> {
        let context = serde_json::to_value(context)
            .map_err(|e| format!("cannot build the context of {name}: {e}"))?;
        Ok(Document {
            template,
            name,
            context,
        })
    }
}

/// Where the documents' contexts start: the template and the output name.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentInfo {
    /// The template, e.g. `career-plan`.
    pub kind: &'static str,
    /// The output path without extension, e.g. `career-plans/maria-gonzalez`.
    pub name: String,
}

/// `[program]`, as the templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct ProgramCtx {
    pub name: String,
    pub organization: Option<String>,
    pub kind: Option<&'static str>,
    pub starts: Option<String>,
    pub ends: Option<String>,
    pub timezone: String,
    /// How times print: `12h` or `24h` (`[program] clock`, else from the
    /// time zone); the `clock` filter reads it.
    pub clock: &'static str,
}

impl ProgramCtx {
    fn of(folder: &Folder) -> ProgramCtx {
        let p = &folder.program.program;
        ProgramCtx {
            name: p.name.clone(),
            organization: p.organization.clone(),
            kind: p.kind.map(|k| k.as_str()),
            starts: p.starts.map(|d| d.to_string()),
            ends: p.ends.map(|d| d.to_string()),
            timezone: p.timezone.clone(),
            clock: p.clock().as_str(),
        }
    }
}

/// A person named in another record: id and name.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct PersonRef {
    pub id: String,
    pub name: String,
}

/// The documents of one folder: the cohort's facts, derived once by the
/// logic, the evidence computed from them, and the matches. Every document
/// reads its figures from `facts` and `evidence`.
#[derive(Debug)]
pub struct Reports<'a> {
    pub facts: &'a Cohort<'a>,
    pub folder: &'a Folder,
    pub matches: Option<&'a Matches>,
    /// The evidence of impact (as `progress --evidence` prints it).
    pub evidence: Option<&'a Evidence>,
    /// For sharing outside: pseudonyms, no quotes, counts under 5 suppressed.
    pub anonymize: bool,
    pseudonyms: Pseudonyms,
}

impl<'a> Reports<'a> {
    /// The documents of a derived cohort.
    pub fn new(facts: &'a Cohort<'a>, matches: Option<&'a Matches>) -> Reports<'a> {
        Reports {
            facts,
            folder: facts.folder,
            matches,
            evidence: None,
            anonymize: false,
            pseudonyms: Pseudonyms::default(),
        }
    }

    /// With the evidence of impact (anonymized already, when anonymizing).
    pub fn with_evidence(self, evidence: &'a Evidence) -> Reports<'a> {
        Reports {
            evidence: Some(evidence),
            ..self
        }
    }

    /// For sharing outside the library.
    pub fn anonymized(self) -> Reports<'a> {
        Reports {
            anonymize: true,
            pseudonyms: Pseudonyms::of(self.folder),
            ..self
        }
    }

    /// The roster's records, by id.
    pub fn members(&self) -> impl Iterator<Item = (&'a str, &'a Participant)> + '_ {
        self.facts.members.iter().map(|m| (m.id, m.person))
    }

    /// Id and name of a person; the id alone when nobody has it. When
    /// anonymizing, both are the pseudonym (`participant-3`, `Participant 3`).
    pub fn person_ref(&self, id: &str) -> PersonRef {
        if self.anonymize {
            let name = self.pseudonyms.of_id(id);
            return PersonRef {
                id: crate::model::slug(&name),
                name,
            };
        }
        PersonRef {
            id: id.to_string(),
            name: self
                .folder
                .participants
                .get(id)
                .map_or_else(|| id.to_string(), |p| p.name.clone()),
        }
    }

    fn program(&self) -> ProgramCtx {
        ProgramCtx::of(self.folder)
    }

    /// The cohort report.
    pub fn cohort_report(&self) -> Result<Document, String> {
        cohort::document(self)
    }

    /// A career plan per person in `ids`.
    pub fn career_plans(&self, ids: &[&str]) -> Result<Vec<Document>, String> {
        people::career_plans(self, ids)
    }

    /// A resume skeleton per person in `ids`.
    pub fn resumes(&self, ids: &[&str]) -> Result<Vec<Document>, String> {
        people::resumes(self, ids)
    }

    /// Agendas and sign-in sheets for every session, and a certificate per
    /// person in `certificates` (each must have completed).
    pub fn handouts(&self, sessions: bool, certificates: &[&str]) -> Result<Vec<Document>, String> {
        let mut docs = Vec::new();
        if sessions {
            docs.extend(sessions::handouts(self)?);
        }
        docs.extend(people::certificates(self, certificates)?);
        Ok(docs)
    }
}

/// Sorts people by name as a reader looks them up (accents folded, case
/// ignored, a trailing number by its value: Participant 2 before
/// Participant 10), then by id.
pub fn by_name(a: &PersonRef, b: &PersonRef) -> std::cmp::Ordering {
    let key = |p: &PersonRef| {
        let folded = deunicode::deunicode(&p.name).to_lowercase();
        let stem = folded.trim_end_matches(|c: char| c.is_ascii_digit());
        let number: u64 = folded[stem.len()..].parse().unwrap_or(0);
        (stem.to_string(), number)
    };
    key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
}
