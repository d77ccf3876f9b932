//! mentorkit: run library staff mentorship programs from a folder of YAML and
//! TOML files. This crate is the command line: it parses arguments (`cli`),
//! and each command (`commands`) reads the folder through the store, asks the
//! logic, and prints (`output`). The layers below are their own crates:
//! `mentorkit-model` (records as values), `mentorkit-store` (the folder on
//! disk), `mentorkit-logic`, `mentorkit-matching` and `mentorkit-render`.

pub use mentorkit_logic as logic;
pub use mentorkit_logic::{attendance, cohort, evidence, ics, intake, schedule, screen, survey};
pub use mentorkit_matching as matching;
pub use mentorkit_model as model;
pub use mentorkit_model::error;
pub use mentorkit_render as render;
pub use mentorkit_store as store;

pub mod cli;
pub mod commands;
pub mod meter;
pub mod output;

pub use error::{Error, Result};

/// Runs one parsed command line, writing data to stdout and messages to stderr.
pub fn run(cli: cli::Cli) -> Result<()> {
    commands::dispatch(cli)
}
