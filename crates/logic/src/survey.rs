//! Survey answers from a Forms export: the map (which column is the email,
//! which columns are the questions, which words mean which number on the 1–5
//! scale) and the reading of each row into answers. Pure: an export's table
//! (CSV or workbook, read by mentorkit-sheet) and a map in, answers by email
//! and every problem out.

use std::collections::BTreeMap;

use mentorkit_sheet::{Row, Table, squash};
use serde::Deserialize;

use crate::error::Problem;

/// The import map (`--map MAP.toml`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyMap {
    /// The column header of the email address.
    pub email: String,
    /// Question key (as written under `surveys.NAME`) → column header.
    pub questions: BTreeMap<String, String>,
    /// Answer words → 1–5, for every question; a table under a question's
    /// key gives words for that question only.
    #[serde(default)]
    pub answers: BTreeMap<String, AnswerEntry>,
}

/// An entry of `[answers]`: a word's number, or a question's own words.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum AnswerEntry {
    Number(i64),
    Scale(BTreeMap<String, i64>),
}

/// The keys a map may have, for near-miss suggestions.
pub const MAP_KEYS: &[&str] = &["email", "questions", "answers"];

/// The answer words, checked: every number on the 1–5 scale.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scales {
    common: BTreeMap<String, u8>,
    own: BTreeMap<String, BTreeMap<String, u8>>,
}

/// Whether a survey or question name can be written as a key: letters,
/// digits, `-` and `_`.
pub fn is_key(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 60
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

impl SurveyMap {
    /// The answer words, or what is wrong with them and the question keys.
    pub fn scales(&self) -> Result<Scales, Vec<String>> {
        let mut problems = Vec::new();
        let mut scales = Scales::default();
        let number = |word: &str, n: i64, problems: &mut Vec<String>| {
            if (1..=5).contains(&n) {
                Some(n as u8)
            } else {
                problems.push(format!(
                    "[answers] \"{word}\" = {n} is outside the 1–5 scale"
                ));
                None
            }
        };
        for q in self.questions.keys() {
            if !is_key(q) {
                problems.push(format!(
                    "[questions] `{q}` cannot be a question key; use letters, digits, - and _"
                ));
            }
        }
        for (key, entry) in &self.answers {
            match entry {
                AnswerEntry::Number(n) => {
                    if let Some(v) = number(key, *n, &mut problems) {
                        scales.common.insert(squash(key), v);
                    }
                }
                AnswerEntry::Scale(words) => {
                    if !self.questions.contains_key(key) {
                        let near =
                            crate::error::nearest(key, self.questions.keys().map(String::as_str));
                        problems.push(format!(
                            "[answers.{key}] names no question of [questions]{}",
                            near.map(|n| format!("; {}", crate::error::did_you_mean(n)))
                                .unwrap_or_default()
                        ));
                        continue;
                    }
                    let own = scales.own.entry(key.clone()).or_default();
                    for (word, n) in words {
                        if let Some(v) = number(word, *n, &mut problems) {
                            own.insert(squash(word), v);
                        }
                    }
                }
            }
        }
        if problems.is_empty() {
            Ok(scales)
        } else {
            Err(problems)
        }
    }
}

impl Scales {
    /// The number an answer means: a whole number 1–5 as it is, a word as
    /// the map says; `Ok(None)` for no answer.
    pub fn value(&self, question: &str, cell: &str) -> Result<Option<u8>, String> {
        let text = cell.trim();
        if text.is_empty() {
            return Ok(None);
        }
        if let Ok(n) = text.parse::<i64>() {
            return match n {
                1..=5 => Ok(Some(n as u8)),
                _ => Err(format!("{n} is outside the 1–5 scale")),
            };
        }
        let word = squash(text);
        if let Some(v) = self.own.get(question).and_then(|m| m.get(&word)) {
            return Ok(Some(*v));
        }
        if let Some(v) = self.common.get(&word) {
            return Ok(Some(*v));
        }
        Err(format!("`{text}` is not an answer the map knows"))
    }

    /// The words known for a question, for the help of a refusal.
    pub fn words(&self, question: &str) -> Vec<String> {
        let mut v: Vec<(u8, String)> = self
            .own
            .get(question)
            .into_iter()
            .flatten()
            .chain(self.common.iter())
            .map(|(w, n)| (*n, w.clone()))
            .collect();
        v.sort();
        v.dedup();
        v.into_iter()
            .map(|(n, w)| format!("\"{w}\" = {n}"))
            .collect()
    }
}

/// One person's answers, from one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowAnswers {
    /// Where the row is, file included (`post.csv:7`, or
    /// `post.xlsx: sheet "Form1", row 7`).
    pub at: String,
    /// The row's first line (a text file) or its sheet row (a workbook).
    pub number: usize,
    /// As written in the export.
    pub email: String,
    pub answers: BTreeMap<String, u8>,
}

/// What the rows of an export hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    /// By folded email; a later row replaces an earlier one.
    pub by_email: BTreeMap<String, RowAnswers>,
    /// Where each row without an email is.
    pub no_email: Vec<String>,
    /// (email, where the earlier row is, the number of the later row that
    /// replaced it).
    pub replaced: Vec<(String, String, usize)>,
    /// Cells the map cannot read, each at its place.
    pub problems: Vec<Problem>,
}

/// The columns of the map in the export: (email column, question → column).
pub fn columns(
    map: &SurveyMap,
    table: &Table,
) -> Result<(usize, BTreeMap<String, usize>), Vec<String>> {
    let mut problems = Vec::new();
    let mut find = |what: &str, header: &str| {
        let found = table.columns_named(header).first().copied();
        if found.is_none() {
            let near = table
                .nearest_header(header)
                .map(|h| format!("; {}", crate::error::did_you_mean_quoted(h)))
                .unwrap_or_default();
            problems.push(format!(
                "{what} names the column \"{header}\", which the export does not have{near}"
            ));
        }
        found
    };
    let email = find("email", &map.email);
    let mut questions = BTreeMap::new();
    for (q, header) in &map.questions {
        if let Some(i) = find(&format!("[questions] {q}"), header) {
            questions.insert(q.clone(), i);
        }
    }
    match email {
        Some(e) if problems.is_empty() => Ok((e, questions)),
        _ => Err(problems),
    }
}

/// Reads every row into answers; unreadable cells become problems.
pub fn read_rows(
    scales: &Scales,
    table: &Table,
    email_col: usize,
    questions: &BTreeMap<String, usize>,
) -> Rows {
    let mut rows = Rows::default();
    for row in table.rows().iter().filter(|r| !r.is_blank()) {
        let email = row.text(email_col).into_owned();
        if email.is_empty() {
            rows.no_email.push(table.row_words(row));
            continue;
        }
        let mut answers = BTreeMap::new();
        for (q, &col) in questions {
            match scales.value(q, &row.text(col)) {
                Ok(Some(v)) => {
                    answers.insert(q.clone(), v);
                }
                Ok(None) => {}
                Err(message) => rows.problems.push(cell_problem(
                    scales,
                    table,
                    row,
                    col,
                    &format!("{q}: {message}"),
                    q,
                )),
            }
        }
        let key = crate::model::values::fold(&email);
        let new = RowAnswers {
            at: table.row_words(row),
            number: row.number(),
            email,
            answers,
        };
        let later = new.number;
        if let Some(old) = rows.by_email.insert(key, new) {
            rows.replaced.push((old.email, old.at, later));
        }
    }
    rows
}

/// A cell the map cannot read: at its line in a text file (`post.csv:4:
/// confidence: …`), at its sheet, row and column in a workbook, with the
/// words the map knows.
fn cell_problem(
    scales: &Scales,
    table: &Table,
    row: &Row,
    col: usize,
    message: &str,
    question: &str,
) -> Problem {
    let spot = table.spot(row, col);
    let header = spot.header.unwrap_or_default().to_string();
    let mut p = match spot.sheet_words {
        Some(words) => Problem::file(table.file(), format!("{words}: {message}")),
        None => Problem::file(table.file(), message.to_string()),
    }
    .field(header);
    p.line = spot.line;
    let words = scales.words(question);
    p.help(if words.is_empty() {
        "add the words to [answers] in the map, each with its number from 1 to 5".to_string()
    } else {
        format!(
            "add it to [answers] in the map; it knows {}",
            words.join(", ")
        )
    })
}

#[cfg(test)]
mod tests;
