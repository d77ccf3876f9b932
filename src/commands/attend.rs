//! `mentorkit attend`: being built; see the open issue.

use super::Ctx;
use crate::cli::AttendArgs;
use crate::error::{Error, Result};

/// Runs the command.
pub fn run(_ctx: &Ctx, _args: AttendArgs) -> Result<()> {
    Err(Error::Refused(
        "`attend` is not available in this build yet".into(),
    ))
}
