//! The import map (`apply --from-csv FILE --map MAP.toml`): which column of
//! the form export fills which participant field, and how to read dates.
//!
//! ```toml
//! name = "Full name"
//! availability = ["When could you meet? [Tuesday]", "When could you meet? [Thursday]"]
//! [options]
//! dates = "mdy"      # mdy | dmy | ymd
//! role = "mentee"    # when no column gives the role
//! ```

use std::path::Path;

use mentorkit_sheet::Table;

use super::values::DateOrder;
use super::{Field, values};
use crate::error::{Problem, nearest};
use crate::model::participant::PARTICIPANT_FIELDS;
use crate::model::values::{Role, fold};

/// A parsed import map.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportMap {
    /// Each mapped field with its column titles (several for a list field).
    pub columns: Vec<(Field, Vec<String>)>,
    pub dates: DateOrder,
    /// The role of everyone imported when no column gives it.
    pub role: Role,
    /// The map's text, to place problems found later.
    text: String,
}

/// The keys of `[options]`.
const OPTIONS: &[&str] = &["dates", "role"];

/// The fields a map must fill.
const MAP_REQUIRED: [Field; 3] = [Field::Name, Field::Email, Field::Department];

/// Reads a map; every problem in it is reported together.
pub fn parse_map(rel: &Path, text: &str) -> Result<ImportMap, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
        vec![
            Problem::file(rel, e.message().trim().trim_end_matches('.').to_string())
                .at(text, line, col),
        ]
    })?;
    let mut problems = Vec::new();
    let mut map = ImportMap {
        columns: Vec::new(),
        dates: DateOrder::default(),
        role: Role::Mentee,
        text: text.to_string(),
    };
    let at = |section: Option<&str>, key: &str, message: String| {
        let p = Problem::file(rel, message).field(key);
        match key_place(text, section, key) {
            Some((line, col)) => p.at(text, line, col),
            None => p,
        }
    };
    for (key, value) in &table {
        if key == "options" {
            read_options(value, &mut map, &mut problems, &at);
            continue;
        }
        let Some(field) = Field::from_key(key) else {
            let fillable = Field::ALL.map(Field::key);
            let p = if PARTICIPANT_FIELDS.contains(&key.as_str()) {
                at(None, key, format!("`{key}` cannot be filled from a form"))
                    .help("fill it in the person's file, or with its own command")
            } else {
                let help = match nearest(key, fillable.iter().copied().chain(["options"])) {
                    Some(near) => crate::error::did_you_mean(near),
                    None => format!("the fields a form can fill: {}", fillable.join(", ")),
                };
                at(None, key, format!("unknown field `{key}`")).help(help)
            };
            problems.push(p);
            continue;
        };
        let columns: Option<Vec<String>> = match value {
            toml::Value::String(s) => Some(vec![s.clone()]),
            toml::Value::Array(items) if field.is_list() && !items.is_empty() => items
                .iter()
                .map(|i| i.as_str().map(str::to_string))
                .collect(),
            _ => None,
        };
        match columns {
            Some(c) if c.iter().all(|s| !s.trim().is_empty()) => map.columns.push((field, c)),
            _ => {
                let want = if field.is_list() {
                    "a column title, or a list of them"
                } else {
                    "one column title"
                };
                problems.push(at(None, key, format!("`{key}` takes {want}")).help(format!(
                    "write {key} = \"<the question as the form shows it>\""
                )));
            }
        }
    }
    map.columns.sort_by_key(|(f, _)| *f);
    for f in MAP_REQUIRED {
        if !map.columns.iter().any(|(g, _)| *g == f) {
            problems.push(
                Problem::file(
                    rel,
                    format!("the map does not say which column holds `{}`", f.key()),
                )
                .field(f.key())
                .help(format!(
                    "add {} = \"<the question as the form shows it>\"",
                    f.key()
                )),
            );
        }
    }
    if problems.is_empty() {
        Ok(map)
    } else {
        Err(problems)
    }
}

fn read_options(
    value: &toml::Value,
    map: &mut ImportMap,
    problems: &mut Vec<Problem>,
    at: &dyn Fn(Option<&str>, &str, String) -> Problem,
) {
    let Some(options) = value.as_table() else {
        problems.push(at(
            None,
            "options",
            "`options` is a table: write [options]".into(),
        ));
        return;
    };
    for (key, v) in options {
        let word = v.as_str().unwrap_or_default();
        match key.as_str() {
            "dates" => match DateOrder::from_word(word) {
                Some(d) => map.dates = d,
                None => problems.push(at(
                    Some("options"),
                    key,
                    format!("dates takes one of: {}", DateOrder::WORDS.join(", ")),
                )),
            },
            "role" => match word.parse::<Role>() {
                Ok(r) => map.role = r,
                Err(e) => problems.push(at(
                    Some("options"),
                    key,
                    e.replace("`` ", "an empty value "),
                )),
            },
            other => {
                let help = match nearest(other, OPTIONS.iter().copied()) {
                    Some(near) => crate::error::did_you_mean(near),
                    None => format!("[options] takes: {}", OPTIONS.join(", ")),
                };
                problems.push(
                    at(Some("options"), other, format!("unknown option `{other}`")).help(help),
                );
            }
        }
    }
}

/// A mapped column found in the export's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub field: Field,
    /// Index of the column in each record.
    pub index: usize,
    /// The column's title as the export writes it.
    pub title: String,
    /// The day a grid column names (`… [Tuesday]`), for availability.
    pub day: Option<u8>,
}

impl ImportMap {
    /// Finds every mapped column in the export's header (titles compared
    /// ignoring case and surrounding spaces). `rel` names the map.
    pub fn bind(&self, rel: &Path, table: &Table) -> Result<Vec<Bound>, Vec<Problem>> {
        let mut bound = Vec::new();
        let mut problems = Vec::new();
        let csv_name = table.file();
        let titles: Vec<&str> = table.header_texts().collect();
        for (field, columns) in &self.columns {
            for column in columns {
                let found: Vec<usize> = titles
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| fold(t) == fold(column))
                    .map(|(i, _)| i)
                    .collect();
                let place = |p: Problem| match value_place(&self.text, field.key(), column) {
                    Some((line, col)) => p.at(&self.text, line, col),
                    None => p,
                };
                match found.as_slice() {
                    [i] => bound.push(Bound {
                        field: *field,
                        index: *i,
                        title: titles[*i].to_string(),
                        day: if *field == Field::Availability {
                            values::header_day(titles[*i])
                        } else {
                            None
                        },
                    }),
                    [] => {
                        let help = match nearest(column, titles.iter().copied()) {
                            Some(near) => crate::error::did_you_mean_quoted(near),
                            None => format!(
                                "the columns are: {}",
                                titles
                                    .iter()
                                    .map(|t| format!("\"{t}\""))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        };
                        problems.push(
                            place(Problem::file(
                                rel,
                                format!("no column \"{column}\" in {csv_name}"),
                            ))
                            .field(field.key())
                            .help(help),
                        );
                    }
                    _ => problems.push(
                        place(Problem::file(
                            rel,
                            format!("{csv_name} has {} columns titled \"{column}\"", found.len()),
                        ))
                        .field(field.key())
                        .help("give the form's questions different titles, or rename one column in the export"),
                    ),
                }
            }
        }
        if problems.is_empty() {
            Ok(bound)
        } else {
            Err(problems)
        }
    }
}

/// The place of `key = …` in a TOML text: in `section` when given,
/// else before the first table header. The column is the value's.
fn key_place(text: &str, section: Option<&str>, key: &str) -> Option<(usize, usize)> {
    let mut current: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix('[') {
            current = Some(rest.split(']').next().unwrap_or("").trim().to_string());
            continue;
        }
        if current.as_deref() != section {
            continue;
        }
        let k = t.split('=').next().unwrap_or("").trim().trim_matches('"');
        if k == key && t.contains('=') {
            let eq = line.find('=').unwrap_or(0);
            let after = &line[eq + 1..];
            let skip = after.len() - after.trim_start().len();
            return Some((i + 1, line[..eq + 1 + skip].chars().count() + 1));
        }
    }
    None
}

/// The place of a column title written as `key`'s value.
fn value_place(text: &str, key: &str, column: &str) -> Option<(usize, usize)> {
    let (line, col) = key_place(text, None, key)?;
    let l = text.lines().nth(line - 1)?;
    let quoted = format!("\"{column}\"");
    match l.find(&quoted) {
        Some(pos) => Some((line, l[..pos].chars().count() + 1)),
        None => Some((line, col)),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A CSV export with these titles and no rows, named `a.csv`.
    fn cells(titles: &[&str]) -> Table {
        let header: Vec<String> = titles.iter().map(|t| format!("\"{t}\"")).collect();
        mentorkit_sheet::read(
            format!("{}\n", header.join(",")).as_bytes(),
            "a.csv",
            &mentorkit_sheet::Options::default(),
        )
        .unwrap()
    }

    fn problems(text: &str) -> Vec<String> {
        parse_map(Path::new("map.toml"), text)
            .unwrap_err()
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn reads_columns_and_options() {
        let map = parse_map(
            Path::new("map.toml"),
            "name = \"Full name\"\nemail = \"Email\"\ndepartment = \"Dept\"\navailability = [\"Meet [Tue]\", \"Meet [Thu]\"]\n[options]\ndates = \"dmy\"\nrole = \"mentor\"\n",
        )
        .unwrap();
        assert_eq!(map.dates, DateOrder::Dmy);
        assert_eq!(map.role, Role::Mentor);
        assert_eq!(map.columns.len(), 4);
        let bound = map
            .bind(
                Path::new("map.toml"),
                &cells(&[
                    "Timestamp",
                    " full NAME ",
                    "Email",
                    "Dept",
                    "Meet [Tue]",
                    "Meet [Thu]",
                ]),
            )
            .unwrap();
        let idx: Vec<(usize, Option<u8>)> = bound.iter().map(|b| (b.index, b.day)).collect();
        assert_eq!(
            idx,
            [(1, None), (2, None), (3, None), (4, Some(1)), (5, Some(3))]
        );
    }

    #[test]
    fn every_problem_is_named_and_placed() {
        assert_eq!(
            problems(
                "name = \"Full name\"\nemial = \"Email\"\nhired = [\"A\", \"B\"]\nswot = \"S\"\n[options]\ndates = \"mdyy\"\nrol = \"mentee\"\n"
            ),
            [
                "map.toml:2:9: unknown field `emial`\n 2 | emial = \"Email\"\n   |         ^\n  = help: did you mean `email`?",
                "map.toml:3:9: `hired` takes one column title\n 3 | hired = [\"A\", \"B\"]\n   |         ^\n  = help: write hired = \"<the question as the form shows it>\"",
                "map.toml:6:9: dates takes one of: mdy, dmy, ymd\n 6 | dates = \"mdyy\"\n   |         ^",
                "map.toml:7:7: unknown option `rol`\n 7 | rol = \"mentee\"\n   |       ^\n  = help: did you mean `role`?",
                "map.toml:4:8: `swot` cannot be filled from a form\n 4 | swot = \"S\"\n   |        ^\n  = help: fill it in the person's file, or with its own command",
                "map.toml: the map does not say which column holds `email`\n  = help: add email = \"<the question as the form shows it>\"",
                "map.toml: the map does not say which column holds `department`\n  = help: add department = \"<the question as the form shows it>\"",
            ]
        );
        assert_eq!(
            problems("name = \"Full name\n"),
            [
                "map.toml:1:18: invalid basic string, expected `\"`\n 1 | name = \"Full name\n   |                  ^"
            ]
        );
    }

    #[test]
    fn missing_columns_suggest_the_nearest_title() {
        let map = parse_map(
            Path::new("map.toml"),
            "name = \"Full name\"\nemail = \"Email Adress\"\ndepartment = \"Dept\"\n",
        )
        .unwrap();
        let err = map
            .bind(
                Path::new("map.toml"),
                &cells(&["Full name", "Email Address", "Dept", "Dept"]),
            )
            .unwrap_err();
        let text: Vec<String> = err.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            text,
            [
                "map.toml:2:9: no column \"Email Adress\" in a.csv\n 2 | email = \"Email Adress\"\n   |         ^\n  = help: did you mean \"Email Address\"?",
                "map.toml:3:14: a.csv has 2 columns titled \"Dept\"\n 3 | department = \"Dept\"\n   |              ^\n  = help: give the form's questions different titles, or rename one column in the export",
            ]
        );
    }
}
