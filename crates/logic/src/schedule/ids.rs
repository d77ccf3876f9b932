//! Session ids: the date, then the slug of the title, so that file names
//! sort by date.

use std::collections::BTreeSet;

use chrono::NaiveDate;

/// `2016-01-12-career-personality-assessments`, with `-2`, `-3` … when taken.
pub(super) fn unique_id(taken: &mut BTreeSet<String>, date: NaiveDate, title: &str) -> String {
    let base = session_id(date, title);
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// A session id: the date, then the slug of the title (`workshop` if it has none).
pub fn session_id(date: NaiveDate, title: &str) -> String {
    let slug = slug(title, 60);
    let slug = if slug.is_empty() {
        "workshop".to_owned()
    } else {
        slug
    };
    format!("{}-{slug}", date.format("%Y-%m-%d"))
}

/// Lowercase ASCII letters and digits joined by single dashes, cut at a dash
/// to at most `max` characters.
pub fn slug(text: &str, max: usize) -> String {
    let ascii = deunicode::deunicode(text).to_ascii_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        let extra = word.len() + usize::from(!out.is_empty());
        if !out.is_empty() && out.len() + extra > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out.truncate(max);
    out
}
