//! `mentorkit survey`: being built; see the open issue.

use super::Ctx;
use crate::cli::SurveyArgs;
use crate::error::{Error, Result};

/// Runs the command.
pub fn run(_ctx: &Ctx, _args: SurveyArgs) -> Result<()> {
    Err(Error::Refused(
        "`survey` is not available in this build yet".into(),
    ))
}
