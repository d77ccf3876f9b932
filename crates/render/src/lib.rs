//! Rendering documents with tera: the built-in templates (embedded from
//! `program-templates/documents/`), a program folder's overrides, the
//! filters, the charts and the contexts. `.html` templates are escaped for
//! HTML, `.md` templates for Markdown (see [`escape`]); a template error
//! names the template file and line and carries the whole chain of causes.

use mentorkit_logic as logic;
use mentorkit_model as model;
use mentorkit_model::error;

pub mod charts;
pub mod context;
mod diagnose;
pub mod escape;
pub mod filters;

use std::collections::BTreeMap;
use std::path::PathBuf;

use tera::Tera;

use crate::error::Problem;
pub use context::{Document, Reports};
use diagnose::problems;
pub use diagnose::with_causes;

/// Where overrides live in a program folder.
pub const OVERRIDES_DIR: &str = "templates";
/// The name prefix of built-in templates in error messages.
const BUILT_IN_PREFIX: &str = "built-in/";
const OVERRIDE_PREFIX: &str = "templates/";

/// The built-in templates, by name.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../../program-templates/documents/base.html"),
    ),
    (
        "cohort.md",
        include_str!("../../../program-templates/documents/cohort.md"),
    ),
    (
        "cohort.html",
        include_str!("../../../program-templates/documents/cohort.html"),
    ),
    (
        "career-plan.md",
        include_str!("../../../program-templates/documents/career-plan.md"),
    ),
    (
        "career-plan.html",
        include_str!("../../../program-templates/documents/career-plan.html"),
    ),
    (
        "resume.md",
        include_str!("../../../program-templates/documents/resume.md"),
    ),
    (
        "resume.html",
        include_str!("../../../program-templates/documents/resume.html"),
    ),
    (
        "agenda.md",
        include_str!("../../../program-templates/documents/agenda.md"),
    ),
    (
        "agenda.html",
        include_str!("../../../program-templates/documents/agenda.html"),
    ),
    (
        "sign-in.md",
        include_str!("../../../program-templates/documents/sign-in.md"),
    ),
    (
        "sign-in.html",
        include_str!("../../../program-templates/documents/sign-in.html"),
    ),
    (
        "certificate.md",
        include_str!("../../../program-templates/documents/certificate.md"),
    ),
    (
        "certificate.html",
        include_str!("../../../program-templates/documents/certificate.html"),
    ),
    (
        "trends.md",
        include_str!("../../../program-templates/documents/trends.md"),
    ),
    (
        "trends.html",
        include_str!("../../../program-templates/documents/trends.html"),
    ),
];

/// A document format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Md,
    Html,
}

impl Format {
    /// The file extension, without the dot.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
        }
    }

    fn of_name(name: &str) -> Option<Format> {
        if name.ends_with(".md") {
            Some(Format::Md)
        } else if name.ends_with(".html") {
            Some(Format::Html)
        } else {
            None
        }
    }
}

/// A template from a program folder's `templates/`: its file name and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub name: String,
    pub text: String,
}

/// The templates, ready to render.
pub struct Renderer {
    md: Tera,
    html: Tera,
    /// The text of every template, by its registered name, to show the line
    /// of an error.
    sources: BTreeMap<String, String>,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer")
            .field("templates", &self.sources.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Renderer {
    /// The built-in templates, with `overrides` taking their place by name.
    /// Files that are neither `.md` nor `.html` are ignored.
    pub fn new(overrides: &[Override]) -> Result<Renderer, Vec<Problem>> {
        let mut sources = BTreeMap::new();
        for (name, text) in BUILT_IN {
            sources.insert(format!("{BUILT_IN_PREFIX}{name}"), (*text).to_string());
        }
        for o in overrides {
            if Format::of_name(&o.name).is_some() {
                sources.insert(format!("{OVERRIDE_PREFIX}{}", o.name), o.text.clone());
            }
        }
        let md = build(&sources, Format::Md)?;
        let html = build(&sources, Format::Html)?;
        Ok(Renderer { md, html, sources })
    }

    /// Renders a document in a format. The text ends with one newline, and
    /// runs of blank lines are folded into one.
    pub fn render(&self, doc: &Document, format: Format) -> Result<String, Problem> {
        let tera = match format {
            Format::Md => &self.md,
            Format::Html => &self.html,
        };
        let name = format!("{}.{}", doc.template, format.ext());
        let ctx = tera::Context::from_serialize(&doc.context)
            .map_err(|e| Problem::file(self.file_of(&name), with_causes(&e)))?;
        match tera.render(&name, &ctx) {
            Ok(text) => Ok(tidy(&text)),
            Err(e) => Err(self
                .problems(&e, &name)
                .into_iter()
                .next()
                .unwrap_or_else(|| Problem::file(self.file_of(&name), with_causes(&e)))),
        }
    }

    /// The file a template name comes from, as errors show it.
    fn file_of(&self, name: &str) -> PathBuf {
        let over = format!("{OVERRIDE_PREFIX}{name}");
        if self.sources.contains_key(&over) {
            PathBuf::from(over)
        } else {
            PathBuf::from(format!("{BUILT_IN_PREFIX}{name}"))
        }
    }

    fn problems(&self, e: &tera::Error, name: &str) -> Vec<Problem> {
        problems(&self.sources, e, &self.file_of(name))
    }
}

fn build(sources: &BTreeMap<String, String>, format: Format) -> Result<Tera, Vec<Problem>> {
    let mut tera = Tera::new();
    let fallback = tera.set_fallback_prefixes([OVERRIDE_PREFIX, BUILT_IN_PREFIX]);
    let mut found = Vec::new();
    if let Err(e) = fallback {
        found.push(Problem::file(OVERRIDES_DIR, with_causes(&e)));
    }
    filters::register(&mut tera);
    match format {
        Format::Md => {
            tera.set_escape_fn(escape::escape_markdown);
            tera.autoescape_on([".md"]);
        }
        Format::Html => tera.autoescape_on([".html"]),
    }
    let mine: Vec<(&str, &str)> = sources
        .iter()
        .filter(|(name, _)| Format::of_name(name) == Some(format))
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    if let Err(e) = tera.add_raw_templates(mine) {
        found.extend(problems(sources, &e, &PathBuf::from(OVERRIDES_DIR)));
    }
    if found.is_empty() {
        Ok(tera)
    } else {
        Err(found)
    }
}

/// Trailing spaces dropped, runs of blank lines folded into one, one final newline.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if blank > 0 && !out.is_empty() {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(template: &'static str, context: serde_json::Value) -> Document {
        Document {
            template,
            name: "x".into(),
            context,
        }
    }

    fn over(name: &str, text: &str) -> Override {
        Override {
            name: name.into(),
            text: text.into(),
        }
    }

    #[test]
    fn every_built_in_template_parses() {
        assert!(Renderer::new(&[]).is_ok());
        for (name, _) in BUILT_IN {
            assert!(Format::of_name(name).is_some(), "{name}");
        }
    }

    #[test]
    fn escaping_follows_the_file_type() {
        let r = Renderer::new(&[over("t.md", "{{ v }}"), over("t.html", "{{ v }}")]).unwrap();
        let d = doc("t", serde_json::json!({"v": "<b>*Liu*</b>"}));
        assert_eq!(
            r.render(&d, Format::Md).unwrap(),
            "&lt;b&gt;\\*Liu\\*&lt;/b&gt;\n"
        );
        assert_eq!(
            r.render(&d, Format::Html).unwrap(),
            "&lt;b&gt;*Liu*&lt;/b&gt;\n"
        );
    }

    #[test]
    fn an_override_wins_and_the_built_in_layout_still_serves() {
        let r = Renderer::new(&[over(
            "resume.html",
            "{% extends \"base.html\" %}{% block body %}mine{% endblock %}",
        )])
        .unwrap();
        let out = r
            .render(
                &doc(
                    "resume",
                    serde_json::json!({"document": {"kind": "resume"}, "program": {"name": "P"}}),
                ),
                Format::Html,
            )
            .unwrap();
        assert!(out.contains("mine"), "{out}");
        assert!(out.contains("@page"), "{out}");
    }

    #[test]
    fn a_rendering_error_names_the_file_and_line() {
        let r = Renderer::new(&[over("cohort.md", "# Report\n{{ program.nope }}\n")]).unwrap();
        let p = r
            .render(
                &doc("cohort", serde_json::json!({"program": {"name": "P"}})),
                Format::Md,
            )
            .unwrap_err();
        assert_eq!(p.file, PathBuf::from("templates/cohort.md"));
        assert_eq!((p.line, p.column), (Some(2), Some(12)));
        assert_eq!(
            p.message,
            "Field `nope` is not defined. Available fields: name"
        );
        assert_eq!(p.source_line.as_deref(), Some("{{ program.nope }}"));
    }

    #[test]
    fn a_syntax_error_and_an_unknown_filter_name_the_file_and_line() {
        let err = Renderer::new(&[over("cohort.md", "ok\n{% if %}\n")]).unwrap_err();
        assert_eq!(err[0].file, PathBuf::from("templates/cohort.md"));
        assert_eq!(err[0].line, Some(2));
        let err = Renderer::new(&[over("resume.md", "a\n\n{{ x | shout }}")]).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].file, PathBuf::from("templates/resume.md"));
        assert_eq!((err[0].line, err[0].column), (Some(3), Some(8)));
        assert_eq!(err[0].message, "Unknown filter `shout`");
    }

    #[test]
    fn tidy_folds_blank_lines() {
        assert_eq!(tidy("\n\na  \n\n\n\nb\n\n"), "a\n\nb\n");
        assert_eq!(tidy(""), "");
    }
}
