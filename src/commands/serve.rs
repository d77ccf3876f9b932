//! `mentorkit serve [--port P] [--read-only] [--bind ADDR --token T]`: the
//! folder as a local web dashboard. Only the arguments are handled here; the
//! server is the mentorkit-serve crate, the one crate with an HTTP stack.

use super::Ctx;
use crate::cli::ServeArgs;
use crate::error::Result;
use crate::output::{print_out, say};

/// Runs the command: listens, prints the address on stdout (through the
/// terminal-safe printer, as the folder's name may hold anything), then
/// serves until stopped.
pub fn run(ctx: &Ctx, args: ServeArgs) -> Result<()> {
    let root = ctx.root()?;
    let mut options = mentorkit_serve::Options::new(root.clone());
    options.port = args.port;
    options.bind = args.bind;
    options.read_only = args.read_only;
    options.token = args.token;
    options.today = ctx.today;
    let bound = mentorkit_serve::bind(options)?;
    print_out(&format!("{}\n", bound.url()))?;
    say!("serving {} (press Ctrl-C to stop)", root.display());
    bound.run()
}
