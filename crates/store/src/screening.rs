//! `screening.yaml` on disk: reading it for `match` and `check`, writing it
//! for `screen` in a stable, readable shape.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::load::{MAX_RECORD_BYTES, parse_yaml, read_text};
use super::{Folder, write_generated};
use crate::error::{Error, Problem, Result};
use crate::model::Role;
use crate::model::screening::{Outcome, Screening};
use crate::yaml::{item, quoted};

/// The file `screen` writes, in the program folder.
pub const SCREENING_FILE: &str = "screening.yaml";

/// Reads `screening.yaml` from the program folder: `None` when there is none
/// (screening has not run), an error naming the place when it cannot be read.
pub fn load_screening(root: &Path) -> Result<Option<Screening>> {
    read_screening(root)
        .map(|r| r.map(|(s, _)| s))
        .map_err(Error::problem)
}

/// The screening and its text, or the problem with the file.
fn read_screening(root: &Path) -> Result<Option<(Screening, String)>, Problem> {
    let path = root.join(SCREENING_FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    let rel = PathBuf::from(SCREENING_FILE);
    let text = read_text(&path, &rel, MAX_RECORD_BYTES * 64)?;
    let screening = parse_yaml(&rel, &text, "screening")?;
    Ok(Some((screening, text)))
}

/// Writes `screening.yaml` (with the generated header); whether it changed.
pub fn write_screening(root: &Path, screening: &Screening) -> Result<bool> {
    write_generated(&root.join(SCREENING_FILE), &screening_text(screening))
}

/// The YAML of a screening, without the header: decisions sorted by id, the
/// fields of each in a fixed order, reasons quoted.
pub fn screening_text(screening: &Screening) -> String {
    let mut out = String::new();
    if let Some(as_of) = screening.as_of {
        let _ = writeln!(out, "as_of: {as_of}");
    }
    if screening.decisions.is_empty() {
        out.push_str("decisions: {}\n");
        return out;
    }
    out.push_str("decisions:\n");
    for (id, d) in &screening.decisions {
        let _ = writeln!(out, "  {}:", item(id));
        let _ = writeln!(out, "    decision: {}", d.decision);
        if !d.reasons.is_empty() {
            out.push_str("    reasons:\n");
            for r in &d.reasons {
                let _ = writeln!(out, "      - {}", quoted(r));
            }
        }
        if let Some(place) = d.waitlist {
            let _ = writeln!(out, "    waitlist: {place}");
        }
    }
    out
}

/// The problems of `screening.yaml`, if there is one: it must parse, and name
/// only mentees of the folder. Only `check` refuses a folder for them (and
/// `match` and `progress` warn): a stale screening blocks no command that
/// does not need it, and `screen` rewrites it whatever it holds.
pub fn screening_problems(folder: &Folder) -> Vec<Problem> {
    let mut problems = Vec::new();
    screening_rules(folder, &super::Known::of(folder), &mut problems);
    problems
}

fn screening_rules(folder: &Folder, known: &super::Known<'_>, problems: &mut Vec<Problem>) {
    let (screening, text) = match read_screening(&folder.root) {
        Ok(Some(found)) => found,
        Ok(None) => return,
        Err(p) => {
            problems.push(p.help("run `mentorkit screen` to write it again"));
            return;
        }
    };
    let rel = Path::new(SCREENING_FILE);
    let again = "the folder changed since screening; run `mentorkit screen` again";
    for (id, d) in &screening.decisions {
        let at = |message: String| {
            let p = Problem::file(rel, message).field(id.as_str()).help(again);
            match super::locate(&text, id, None) {
                Some((line, col)) => p.at(&text, line, col),
                None => p,
            }
        };
        match folder.participants.get(id) {
            None if known.person(id) => {}
            None => problems.push(at(format!("no participant `{id}`"))),
            Some(p) if p.role != Role::Mentee => {
                problems.push(at(format!("`{id}` is a mentor; only mentees are screened")));
            }
            Some(_) => {}
        }
        match (d.decision == Outcome::Waitlisted, d.waitlist.is_some()) {
            (true, false) => problems.push(at(format!(
                "`{id}` is waitlisted but has no `waitlist:` position"
            ))),
            (false, true) => problems.push(at(format!(
                "`{id}`: only the waitlisted have a waitlist position"
            ))),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::screening::Decision;

    #[test]
    fn text_round_trips() {
        let mut s = Screening {
            as_of: "2015-12-01".parse().ok(),
            ..Screening::default()
        };
        let decide = |decision, reasons: &[&str], waitlist| Decision {
            decision,
            reasons: reasons.iter().map(|r| r.to_string()).collect(),
            waitlist,
        };
        s.decisions
            .insert("ana-ruiz".into(), decide(Outcome::Accepted, &[], None));
        s.decisions.insert(
            "bo".into(),
            decide(
                Outcome::Ineligible,
                &["override: \"no\" # said: the director", "manager"],
                None,
            ),
        );
        s.decisions.insert(
            "2016".into(),
            decide(Outcome::Waitlisted, &["beyond the capacity of 8"], Some(1)),
        );
        s.decisions
            .insert("yes".into(), decide(Outcome::Accepted, &[], None));
        let text = screening_text(&s);
        assert_eq!(
            text,
            "as_of: 2015-12-01\ndecisions:\n  \"2016\":\n    decision: waitlisted\n    reasons:\n      - \"beyond the capacity of 8\"\n    waitlist: 1\n  ana-ruiz:\n    decision: accepted\n  bo:\n    decision: ineligible\n    reasons:\n      - \"override: \\\"no\\\" # said: the director\"\n      - \"manager\"\n  \"yes\":\n    decision: accepted\n"
        );
        let back: Screening = parse_yaml(Path::new("s"), &text, "screening").unwrap();
        assert_eq!(back, s);
        let empty = screening_text(&Screening::default());
        let back: Screening = parse_yaml(Path::new("s"), &empty, "screening").unwrap();
        assert_eq!(back, Screening::default());
    }
}
