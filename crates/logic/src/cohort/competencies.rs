//! Proficiency per competency: a survey's questions may name competencies
//! (`public-speaking: 2`), and for each competency the mentees chose to
//! develop (`competencies`), their own answers to that question before and
//! after, paired. A question matches a competency when their names agree
//! letter for letter, case, accents and punctuation aside
//! (`Public Speaking` = `public_speaking`).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::surveys::{self, QuestionChange};
use crate::model::{Participant, slug};

/// One competency, pre → post over the mentees who chose it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompetencyChange {
    /// As the first mentee (by id) who chose it wrote it.
    pub competency: String,
    /// Mentees who chose it.
    pub chosen: usize,
    /// The survey question that asks about it, as first written; `None`
    /// when no survey asks.
    pub question: Option<String>,
    /// Their paired answers (`question` is the competency's name).
    pub change: QuestionChange,
}

/// Per competency any of `people` chose, sorted by its key.
pub fn proficiency<'a>(people: impl IntoIterator<Item = &'a Participant>) -> Vec<CompetencyChange> {
    let people: Vec<&Participant> = people.into_iter().collect();
    // key → (name as first written, who chose it)
    let mut chosen: BTreeMap<String, (String, Vec<&Participant>)> = BTreeMap::new();
    for p in &people {
        let mut own: Vec<String> = Vec::new();
        for c in &p.competencies {
            let key = slug(c);
            if key.is_empty() || own.contains(&key) {
                continue;
            }
            own.push(key.clone());
            chosen
                .entry(key)
                .or_insert_with(|| (c.trim().to_string(), Vec::new()))
                .1
                .push(p);
        }
    }
    // Each question's key, made once: the same few questions recur in
    // every person's surveys.
    let mut keys: HashMap<&str, String> = HashMap::new();
    for p in &people {
        for answers in p.surveys.values() {
            for q in answers.keys() {
                if !keys.contains_key(q.as_str()) {
                    keys.insert(q, slug(q));
                }
            }
        }
    }
    let key_of = |q: &str| keys.get(q).map_or("", String::as_str);
    chosen
        .into_iter()
        .map(|(key, (name, who))| {
            let question = who.iter().find_map(|p| question_for(p, &key, &key_of));
            let mut change = surveys::paired_change(who.iter().copied(), |answers| {
                answers
                    .iter()
                    .find(|(q, _)| key_of(q) == key)
                    .map(|(_, &v)| v)
            });
            change.question = name.clone();
            CompetencyChange {
                competency: name,
                chosen: who.len(),
                question,
                change,
            }
        })
        .collect()
}

/// The question of `p`'s surveys that asks about the competency `key`.
fn question_for<'k>(
    p: &Participant,
    key: &str,
    key_of: &impl Fn(&str) -> &'k str,
) -> Option<String> {
    [surveys::BEFORE, surveys::AFTER].iter().find_map(|name| {
        p.surveys
            .get(*name)?
            .keys()
            .find(|q| key_of(q) == key)
            .cloned()
    })
}
