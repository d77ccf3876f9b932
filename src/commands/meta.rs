//! `completions` and `man`: generated from the clap definition. `man`
//! prints one page that describes every command, or with `--out DIR`
//! writes a page per command, so a page never names one that is not there.

use std::path::PathBuf;

use clap::CommandFactory;

use super::Ctx;
use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::error::{Error, Result};
use crate::output::print_out;
use crate::store::write_atomic;

/// Prints the completion script for a shell.
pub fn completions(args: CompletionsArgs) -> Result<()> {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "mentorkit", &mut buf);
    print_out(&String::from_utf8_lossy(&buf))
}

/// The command tree as the man pages see it: built, so that each command
/// knows its full name (`mentorkit-schedule-suggest`), without `help`.
fn tree() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// Prints the man page, or writes one per command into `--out`.
pub fn man(ctx: &Ctx, args: ManArgs) -> Result<()> {
    match &args.out {
        None => print_out(&single_page(&tree())?),
        Some(dir) => write_pages(&ctx.user_path(dir), args.dry_run),
    }
}

/// Every page of the tree: `(file name, roff)`, the main page first, then
/// each command in the order of the tree (a command before its own).
fn pages(cmd: &clap::Command) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut buf = Vec::new();
    man.render(&mut buf)
        .map_err(|e| Error::io(man.get_filename(), "rendering the man page", e))?;
    out.push((
        man.get_filename(),
        String::from_utf8_lossy(&buf).into_owned(),
    ));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        out.extend(pages(sub)?);
    }
    Ok(out)
}

/// Writes every page into `dir` (made if missing), or lists them.
fn write_pages(dir: &std::path::Path, dry_run: bool) -> Result<()> {
    let pages = pages(&tree())?;
    if !dry_run {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "creating the folder", e))?;
    }
    let mut listing = String::new();
    for (name, text) in &pages {
        let path: PathBuf = dir.join(name);
        if !dry_run {
            write_atomic(&path, text.as_bytes())?;
        }
        listing.push_str(&path.display().to_string());
        listing.push('\n');
    }
    print_out(&listing)?;
    let n = pages.len();
    if dry_run {
        eprintln!(
            "would write {n} man pages in {}; nothing written",
            dir.display()
        );
    } else {
        eprintln!("wrote {n} man pages in {}", dir.display());
    }
    Ok(())
}

/// One page for the whole tool: the main page, with each command's usage
/// and summary in place of references to pages of their own.
fn single_page(cmd: &clap::Command) -> Result<String> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut buf = Vec::new();
    let io = |e| Error::io("mentorkit.1", "rendering the man page", e);
    man.render_title(&mut buf).map_err(io)?;
    man.render_name_section(&mut buf).map_err(io)?;
    man.render_synopsis_section(&mut buf).map_err(io)?;
    man.render_description_section(&mut buf).map_err(io)?;
    man.render_options_section(&mut buf).map_err(io)?;
    let mut text = String::from_utf8_lossy(&buf).into_owned();
    text.push_str(".SH COMMANDS\n");
    commands_section(cmd, &mut text);
    text.push_str(
        ".PP\nRun \\fBmentorkit\\fR \\fIcommand\\fR \\fB\\-\\-help\\fR for a command's options, \
         or \\fBmentorkit man \\-\\-out\\fR \\fIdir\\fR to write a page for each command.\n",
    );
    let mut tail = Vec::new();
    man.render_version_section(&mut tail).map_err(io)?;
    text.push_str(&String::from_utf8_lossy(&tail));
    Ok(text)
}

/// `.TP` entries: each command's usage line and its summary, nested
/// commands after their parent.
fn commands_section(cmd: &clap::Command, out: &mut String) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let mut sub = sub.clone();
        let usage = sub.render_usage().to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        out.push_str(".TP\n");
        out.push_str(&format!("\\fB{}\\fR\n", roff_text(usage)));
        if let Some(about) = sub.get_about() {
            out.push_str(&roff_text(&about.to_string()));
            out.push('\n');
        }
        commands_section(&sub, out);
    }
}

/// Text escaped for roff: backslashes and dashes, and a line that would
/// start with a control character.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_a_page_names_is_written() {
        let pages = pages(&tree()).unwrap();
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "mentorkit.1");
        assert!(names.contains(&"mentorkit-schedule-suggest.1"), "{names:?}");
        for (name, text) in &pages {
            for line in text.lines() {
                // clap_mangen names another page as `mentorkit\-init(1)`.
                if let Some(page) = line.strip_suffix("(1)") {
                    let file = format!("{}.1", page.replace("\\-", "-"));
                    assert!(names.contains(&file.as_str()), "{name} names {file}");
                }
            }
        }
    }

    #[test]
    fn the_single_page_names_no_other_page() {
        let text = single_page(&tree()).unwrap();
        assert!(text.starts_with(".ie"), "{}", &text[..80]);
        assert!(text.contains(".TH mentorkit 1"));
        assert!(!text.contains("(1)\n"), "{text}");
        assert!(text.contains("\\fBmentorkit schedule suggest"), "{text}");
        assert!(text.contains("Record who attended a session\n"));
        assert!(!text.contains("mentorkit help"), "{text}");
    }

    #[test]
    fn roff_text_escapes() {
        assert_eq!(roff_text("a-b \\x"), "a\\-b \\ex");
        assert_eq!(roff_text(".TH x"), "\\&.TH x");
    }
}
