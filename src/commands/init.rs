//! `mentorkit init DIR --template NAME`: a new program folder from one of the
//! starter programs embedded from `program-templates/`.

use crate::output::say;
use std::fs;
use std::path::Path;

use super::Ctx;
use crate::cli::{InitArgs, Template};
use crate::error::{Error, Result};
use crate::store::write_atomic;

const GITIGNORE: &str = include_str!("../../program-templates/gitignore");
const APPLICATIONS_MAP: &str = include_str!("../../program-templates/applications-map.toml");

fn program_toml(template: Template) -> &'static str {
    match template {
        Template::CareerDevelopment => {
            include_str!("../../program-templates/career-development/program.toml")
        }
        Template::Peer => include_str!("../../program-templates/peer/program.toml"),
        Template::Reverse => include_str!("../../program-templates/reverse/program.toml"),
        Template::Group => include_str!("../../program-templates/group/program.toml"),
    }
}

/// The files of a new folder, relative paths and contents.
pub fn files(template: Template) -> Vec<(&'static str, &'static str)> {
    vec![
        ("program.toml", program_toml(template)),
        (".gitignore", GITIGNORE),
        ("applications-map.toml", APPLICATIONS_MAP),
        ("participants/.gitkeep", ""),
        ("sessions/.gitkeep", ""),
        ("private/.gitkeep", ""),
    ]
}

/// Runs the command.
pub fn run(_ctx: &Ctx, args: InitArgs) -> Result<()> {
    let dir = &args.dir;
    refuse_unless_empty(dir)?;
    for (rel, contents) in files(args.template) {
        write_atomic(&dir.join(rel), contents.as_bytes())?;
    }
    // What we wrote must pass `check`; a failure here is a bug in the template.
    crate::store::load(dir)?;
    say!(
        "created {} from the {} template\nnext: edit program.toml, then add people with `mentorkit -C {} apply`",
        dir.display(),
        args.template_name(),
        dir.display()
    );
    Ok(())
}

fn refuse_unless_empty(dir: &Path) -> Result<()> {
    match fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Error::InitTarget {
                    dir: dir.to_path_buf(),
                    is_file: false,
                });
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Err(Error::InitTarget {
            dir: dir.to_path_buf(),
            is_file: true,
        }),
        Err(e) => Err(Error::io(dir, "reading", e)),
    }
}

impl InitArgs {
    fn template_name(&self) -> &'static str {
        match self.template {
            Template::CareerDevelopment => "career-development",
            Template::Peer => "peer",
            Template::Reverse => "reverse",
            Template::Group => "group",
        }
    }
}
