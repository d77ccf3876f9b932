//! Survey answers across the cohort: per question, the change from the `pre`
//! to the `post` survey over the people who answered it both times (paired,
//! so that someone who answered only once cannot move the figure), with
//! counts of those who answered only before or only after; and each
//! person's latest survey.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::Participant;
use crate::model::values::fold;

/// The survey taken at the start.
pub const BEFORE: &str = "pre";
/// The survey taken at the end.
pub const AFTER: &str = "post";

/// One question before and after, paired.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionChange {
    pub question: String,
    /// People who answered it on both surveys.
    pub n: usize,
    /// Their mean answer before, and after.
    pub pre_mean: Option<f64>,
    pub post_mean: Option<f64>,
    /// The mean of their changes (after − before).
    pub change: Option<f64>,
    /// Each paired person's change, in id order.
    pub diffs: Vec<i32>,
    /// Answered it on the first survey only, or the second only.
    pub only_pre: usize,
    pub only_post: usize,
}

/// Paired changes per question (sorted by question) over `people`.
pub fn paired_changes<'a>(
    people: impl IntoIterator<Item = &'a Participant>,
) -> Vec<QuestionChange> {
    let people: Vec<&Participant> = people.into_iter().collect();
    let mut questions: BTreeSet<&str> = BTreeSet::new();
    for p in &people {
        for name in [BEFORE, AFTER] {
            if let Some(a) = p.surveys.get(name) {
                questions.extend(a.keys().map(String::as_str));
            }
        }
    }
    questions
        .into_iter()
        .map(|q| {
            let mut c = paired_change(people.iter().copied(), |answers| answers.get(q).copied());
            c.question = q.to_string();
            c
        })
        .collect()
}

/// The paired change of one question over `people`, the answer read from
/// each survey by `answer` (`question` is left empty for the caller).
pub fn paired_change<'a>(
    people: impl IntoIterator<Item = &'a Participant>,
    answer: impl Fn(&BTreeMap<String, u8>) -> Option<u8>,
) -> QuestionChange {
    let mut c = QuestionChange {
        question: String::new(),
        n: 0,
        pre_mean: None,
        post_mean: None,
        change: None,
        diffs: Vec::new(),
        only_pre: 0,
        only_post: 0,
    };
    let (mut pre_sum, mut post_sum) = (0i64, 0i64);
    for p in people {
        let pre = p.surveys.get(BEFORE).and_then(&answer);
        let post = p.surveys.get(AFTER).and_then(&answer);
        match (pre, post) {
            (Some(a), Some(b)) => {
                c.n += 1;
                pre_sum += i64::from(a);
                post_sum += i64::from(b);
                c.diffs.push(i32::from(b) - i32::from(a));
            }
            (Some(_), None) => c.only_pre += 1,
            (None, Some(_)) => c.only_post += 1,
            (None, None) => {}
        }
    }
    if c.n > 0 {
        let n = c.n as f64;
        c.pre_mean = Some(pre_sum as f64 / n);
        c.post_mean = Some(post_sum as f64 / n);
        c.change = Some((post_sum - pre_sum) as f64 / n);
    }
    c
}

/// The mean of the questions' paired changes, `None` when there is none.
pub fn mean_change(changes: &[QuestionChange]) -> Option<f64> {
    let known: Vec<f64> = changes.iter().filter_map(|c| c.change).collect();
    (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64)
}

/// A survey's name, how many questions were answered and their mean.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveySummary {
    pub name: String,
    pub answered: u32,
    pub mean: Option<f64>,
}

/// The order surveys are taken in: `pre` first, `post` last, any other name
/// between them, alphabetically.
pub fn survey_rank(name: &str) -> (u8, String) {
    match fold(name).as_str() {
        BEFORE => (0, String::new()),
        AFTER => (2, String::new()),
        other => (1, other.to_string()),
    }
}

/// The most recent survey a person answered.
pub fn latest_survey(p: &Participant) -> Option<SurveySummary> {
    let (name, answers) = p
        .surveys
        .iter()
        .filter(|(_, a)| !a.is_empty())
        .max_by_key(|(n, _)| survey_rank(n))?;
    summary(name, answers)
}

fn summary(name: &str, answers: &BTreeMap<String, u8>) -> Option<SurveySummary> {
    let answered = answers.len() as u32;
    let sum: u32 = answers.values().map(|&v| u32::from(v)).sum();
    Some(SurveySummary {
        name: name.to_string(),
        answered,
        mean: (answered > 0).then(|| f64::from(sum) / f64::from(answered)),
    })
}
