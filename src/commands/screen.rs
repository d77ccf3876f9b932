//! `mentorkit screen`: being built; see the open issue.

use super::Ctx;
use crate::cli::ScreenArgs;
use crate::error::{Error, Result};

/// Runs the command.
pub fn run(_ctx: &Ctx, _args: ScreenArgs) -> Result<()> {
    Err(Error::Refused(
        "`screen` is not available in this build yet".into(),
    ))
}
