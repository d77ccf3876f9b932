//! `mentorkit serve [--port P] [--read-only] [--bind ADDR --token T]`: the
//! folder as a local web dashboard. Only the arguments are handled here; the
//! server is the mentorkit-serve crate, the one crate with an HTTP stack.

use super::Ctx;
use crate::cli::ServeArgs;
use crate::error::Result;

/// Runs the command: prints the address, then serves until stopped.
pub fn run(ctx: &Ctx, args: ServeArgs) -> Result<()> {
    let mut options = mentorkit_serve::Options::new(ctx.root()?);
    options.port = args.port;
    options.bind = args.bind;
    options.read_only = args.read_only;
    options.token = args.token;
    options.today = ctx.today;
    mentorkit_serve::serve(options)
}
