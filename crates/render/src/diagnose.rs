//! Tera's errors as located problems: the template file, line and column,
//! the message and the source line, with every cause in the `source()`
//! chain, so a coordinator sees where their template went wrong and why.

use std::collections::BTreeMap;
use std::path::Path;

use tera::ErrorKind;

use crate::error::Problem;

/// The message of an error followed by each of its causes, `: `-separated.
pub fn with_causes(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = match e.downcast_ref::<tera::Error>() {
        Some(t) => headline(t),
        None => e.to_string(),
    };
    let mut cause = e.source();
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        cause = c.source();
    }
    text
}

/// A tera error's message without its source excerpt.
fn headline(e: &tera::Error) -> String {
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => r.message().to_string(),
        _ => e.to_string(),
    }
}

/// Tera's error as located problems: the template file, line and column, the
/// message, the source line. Reports that tera has already formatted
/// (`error: …\n --> name:line:col`) are read back into their parts.
pub(super) fn problems(
    sources: &BTreeMap<String, String>,
    e: &tera::Error,
    fallback: &Path,
) -> Vec<Problem> {
    let place = |name: &str, line: usize, col: usize, message: String| {
        let p = Problem::file(name, message);
        match sources.get(name) {
            Some(text) => p.at(text, line, col),
            None => p,
        }
    };
    let causes = {
        let full = with_causes(e);
        let head = headline(e);
        full.strip_prefix(&head).unwrap_or("").to_string()
    };
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let span = r.span();
            vec![place(
                r.filename(),
                span.start_line,
                span.start_col + 1,
                format!("{}{causes}", r.message()),
            )]
        }
        ErrorKind::Msg(text) => {
            let parsed: Vec<Problem> = text
                .split("\n\n")
                .filter_map(|report| {
                    let (message, name, line, col) = read_report(report)?;
                    Some(place(name, line, col, message.to_string()))
                })
                .collect();
            if parsed.is_empty() {
                vec![Problem::file(fallback, with_causes(e))]
            } else {
                parsed
            }
        }
        _ => vec![Problem::file(fallback, with_causes(e))],
    }
}

/// `error: MESSAGE\n --> NAME:LINE:COL …` → its parts.
fn read_report(report: &str) -> Option<(&str, &str, usize, usize)> {
    let mut lines = report.lines();
    let message = lines.next()?.trim().strip_prefix("error: ")?;
    let place = lines.next()?.trim().strip_prefix("--> ")?;
    let mut parts = place.rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let name = parts.next()?;
    Some((message, name, line, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_are_walked() {
        let inner = std::io::Error::other("disk on fire");
        let e = tera::Error::chain("cannot write", inner);
        assert_eq!(with_causes(&e), "cannot write: disk on fire");
    }

    #[test]
    fn tera_reports_are_read_back() {
        let report = "error: Unknown filter `shout`\n --> templates/a.md:3:8\n  |\n3 | {{ x | shout }}\n  |        ^^^^^";
        assert_eq!(
            read_report(report),
            Some(("Unknown filter `shout`", "templates/a.md", 3, 8))
        );
        assert_eq!(read_report("something else"), None);
    }
}
