//! The `mentorkit` binary: parse the command line, run, map the result to an
//! exit status (0 done, 1 refused, 2 wrong usage).

use clap::Parser;

fn main() {
    let cli = mentorkit::cli::Cli::parse();
    if let Err(e) = mentorkit::run(cli) {
        // Through the one terminal-safe printer: a refusal quotes record
        // text (a source line, an answer), and a closed stderr is no panic.
        match &e {
            mentorkit::Error::Invalid(_) => mentorkit::output::say_text(&format!("{e}\n")),
            _ => mentorkit::output::say_text(&format!("error: {e}\n")),
        }
        std::process::exit(e.exit_code());
    }
}
