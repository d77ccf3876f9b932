//! A progress bar for work that can take more than about a second (an
//! import of thousands of rows, a report of a thousand documents, a year of
//! sessions): on stderr, only when stderr is a terminal, and only once the
//! work has gone on for a second, so that quick runs and scripts see
//! nothing of it. Data never goes near it: stdout stays clean.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long work goes on before its bar is shown, unless
/// `MENTORKIT_PROGRESS_AFTER` gives another number of seconds (0: at once).
const DELAY: Duration = Duration::from_secs(1);

/// The delay before a bar is shown.
fn delay() -> Duration {
    std::env::var("MENTORKIT_PROGRESS_AFTER")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && (0.0..=3600.0).contains(s))
        .map_or(DELAY, Duration::from_secs_f64)
}

/// A bar over `len` steps of one kind of work.
pub struct Meter {
    bar: ProgressBar,
    started: Instant,
    delay: Duration,
    /// Whether the bar may be drawn at all (stderr is a terminal).
    terminal: bool,
    shown: bool,
}

impl Meter {
    /// A hidden bar over `len` steps, `what` being done (`importing`).
    pub fn new(len: usize, what: &'static str) -> Meter {
        let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta} left)")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what);
        Meter {
            bar,
            started: Instant::now(),
            delay: delay(),
            terminal: std::io::stderr().is_terminal(),
            shown: false,
        }
    }

    /// One step done.
    pub fn tick(&mut self) {
        self.bar.inc(1);
        if self.terminal && !self.shown && self.started.elapsed() >= self.delay {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
    }

    /// Now doing `what` over `len` steps, on the same bar.
    pub fn stage(&mut self, len: usize, what: &'static str) {
        self.bar.set_length(len as u64);
        self.bar.set_position(0);
        // The time left is this stage's: the pace of the last one (reading
        // rows, say) says nothing of this one's (writing files).
        self.bar.reset_eta();
        self.bar.set_message(what);
    }

    /// The work is done: the bar is cleared from the terminal.
    pub fn finish(self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Meter {
    fn drop(&mut self) {
        if !self.bar.is_finished() {
            self.bar.finish_and_clear();
        }
    }
}
