//! `mentorkit report`: being built; see the open issue.

use super::Ctx;
use crate::cli::ReportArgs;
use crate::error::{Error, Result};

/// Runs the command.
pub fn run(_ctx: &Ctx, _args: ReportArgs) -> Result<()> {
    Err(Error::Refused(
        "`report` is not available in this build yet".into(),
    ))
}
