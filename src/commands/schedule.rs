//! `mentorkit schedule`: being built; see the open issue.

use super::Ctx;
use crate::cli::ScheduleArgs;
use crate::error::{Error, Result};

/// Runs the command.
pub fn run(_ctx: &Ctx, _args: ScheduleArgs) -> Result<()> {
    Err(Error::Refused(
        "`schedule` is not available in this build yet".into(),
    ))
}
