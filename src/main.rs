//! The `mentorkit` binary: parse the command line, run, map the result to an
//! exit status (0 done, 1 refused, 2 wrong usage).

use clap::Parser;

fn main() {
    let cli = mentorkit::cli::Cli::parse();
    if let Err(e) = mentorkit::run(cli) {
        match &e {
            mentorkit::Error::Invalid(_) => eprintln!("{e}"),
            _ => eprintln!("error: {e}"),
        }
        std::process::exit(e.exit_code());
    }
}
