//! `mentorkit match`: being built; see the open issue.

use super::Ctx;
use crate::cli::MatchArgs;
use crate::error::{Error, Result};

/// Runs the command.
pub fn run(_ctx: &Ctx, _args: MatchArgs) -> Result<()> {
    Err(Error::Refused(
        "`match` is not available in this build yet".into(),
    ))
}
