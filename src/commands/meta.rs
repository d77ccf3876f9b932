//! `completions` and `man`: generated from the clap definition.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::{Error, Result};
use crate::output::print_out;

/// Prints the completion script for a shell.
pub fn completions(args: CompletionsArgs) -> Result<()> {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "mentorkit", &mut buf);
    print_out(&String::from_utf8_lossy(&buf))
}

/// Prints the man page in roff.
pub fn man() -> Result<()> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut buf)
        .map_err(|e| Error::io("<stdout>", "rendering the man page", e))?;
    print_out(&String::from_utf8_lossy(&buf))
}
