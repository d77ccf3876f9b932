//! mentorkit: run library staff mentorship programs from a folder of YAML and
//! TOML files. The binary's `main` parses the command line and calls [`run`].

pub mod attendance;
pub mod cli;
pub mod commands;
pub mod error;
pub mod evidence;
#[cfg(test)]
mod fuzz;
pub mod ics;
pub mod intake;
pub mod matching;
pub mod metrics;
pub mod model;
pub mod output;
pub mod progress;
pub mod render;
pub mod schedule;
pub mod screen;
pub mod store;
pub mod survey;

pub use error::{Error, Result};

/// Runs one parsed command line, writing data to stdout and messages to stderr.
pub fn run(cli: cli::Cli) -> Result<()> {
    commands::dispatch(cli)
}
