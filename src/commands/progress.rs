//! `mentorkit progress`: being built; see the open issue.

use super::Ctx;
use crate::cli::ProgressArgs;
use crate::error::{Error, Result};

/// Runs the command.
pub fn run(_ctx: &Ctx, _args: ProgressArgs) -> Result<()> {
    Err(Error::Refused(
        "`progress` is not available in this build yet".into(),
    ))
}
