//! A `Problem`: one thing wrong in the program folder, placed as precisely
//! as we can (file, line, column, field), with the source line and a caret.

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
}
