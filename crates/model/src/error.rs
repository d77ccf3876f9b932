//! Error types: a `Problem` names one thing wrong in the program folder (file,
//! line, column, field), an `Error` is why a command stopped.

use std::fmt;
use std::path::PathBuf;

/// One thing wrong with the data, located as precisely as we can.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Path relative to the program folder (or as the user gave it).
    pub file: PathBuf,
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    /// 1-based column (in characters).
    pub column: Option<usize>,
    /// The field the problem is about, when there is one.
    pub field: Option<String>,
    /// What is wrong, in words.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The source line, for the caret display.
    pub source_line: Option<String>,
}

impl Problem {
    /// A problem with a whole file (no line).
    pub fn file(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            file: file.into(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    /// Adds the place in the file, taking the source line from `text`.
    pub fn at(mut self, text: &str, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column.max(1));
        self.source_line = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    /// Names the field.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Adds what to do.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `path:line:col` as an editor understands it.
    pub fn location(&self) -> String {
        let mut s = self.file.display().to_string();
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        s
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if let (Some(line), Some(src)) = (self.line, &self.source_line) {
            let (src, col) = clip(src, self.column.unwrap_or(1));
            let src = src.as_str();
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            // Width of the prefix before the caret, in characters, tabs kept as tabs.
            let lead: String = src
                .chars()
                .take(col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n {number} | {src}\n {pad} | {lead}^")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// At most 100 characters of a source line around the column, so a huge
/// line stays readable; the column is adjusted to the clipped text.
fn clip(src: &str, col: usize) -> (String, usize) {
    const WIDTH: usize = 100;
    let chars: Vec<char> = src.chars().collect();
    if chars.len() <= WIDTH {
        return (src.to_string(), col);
    }
    let start = col
        .saturating_sub(1)
        .saturating_sub(WIDTH / 2)
        .min(chars.len() - WIDTH);
    let mut out: String = chars[start..start + WIDTH].iter().collect();
    out.push('…');
    if start > 0 {
        out.insert(0, '…');
        (out, col - start + 1)
    } else {
        (out, col)
    }
}

/// Why a command stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The folder's data has problems; every one is listed.
    #[error("{}", render_problems(.0))]
    Invalid(Vec<Problem>),
    /// The request cannot be carried out (exit 1).
    #[error("{0}")]
    Refused(String),
    /// The command line is wrong (exit 2).
    #[error("{0}")]
    Usage(String),
    /// A file could not be read or written.
    #[error("{}: {action}: {source}", .path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        source: std::io::Error,
    },
    /// Another command holds the folder's lock.
    #[error(
        "another mentorkit command is writing to {} (waited {waited_secs} s); try again when it has finished",
        .path.display()
    )]
    Locked { path: PathBuf, waited_secs: u64 },
}

impl Error {
    /// The exit status this error maps to: 2 for usage, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }

    /// An I/O error with the path and what we were doing.
    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            action,
            source,
        }
    }

    /// One problem as an error.
    pub fn problem(problem: Problem) -> Self {
        Error::Invalid(vec![problem])
    }
}

fn render_problems(problems: &[Problem]) -> String {
    let mut out = String::new();
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("error: ");
        out.push_str(&p.to_string());
    }
    if problems.len() > 1 {
        out.push_str(&format!("\n{} problems found", problems.len()));
    }
    out
}

/// The result type of the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The known name closest to `word`, if any is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(&word, &k.to_lowercase()), k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(2))
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_shows_source_line_and_caret() {
        let p = Problem::file("participants/ana.yaml", "unknown field `departmnet`")
            .at("name: Ana\ndepartmnet: x\n", 2, 1)
            .help("did you mean `department`?");
        assert_eq!(
            p.to_string(),
            "participants/ana.yaml:2:1: unknown field `departmnet`\n 2 | departmnet: x\n   | ^\n  = help: did you mean `department`?"
        );
    }

    #[test]
    fn nearest_finds_typos_only() {
        let known = ["department", "degrees", "email"];
        assert_eq!(nearest("departmnet", known), Some("department"));
        assert_eq!(nearest("zzzzzzzzzz", known), None);
    }
}
