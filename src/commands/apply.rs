//! `mentorkit apply`: being built; see the open issue.

use super::Ctx;
use crate::cli::ApplyArgs;
use crate::error::{Error, Result};

/// Runs the command.
pub fn run(_ctx: &Ctx, _args: ApplyArgs) -> Result<()> {
    Err(Error::Refused(
        "`apply` is not available in this build yet".into(),
    ))
}
