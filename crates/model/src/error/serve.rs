//! Why `mentorkit serve` will not start, or refuses one request: typed, so
//! the dashboard maps each to its HTTP status in one place and words it here.

use std::fmt;

/// Why the dashboard refuses to start or to answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServeMiss {
    /// `--bind` names an address other machines can reach, and no `--token`.
    NeedsToken { addr: String },
    /// A `--token` too short to guess, or with characters a URL would change.
    WeakToken { min: usize },
    /// The dashboard was started with `--read-only`.
    ReadOnly,
    /// A request for a host name other than the address served (DNS rebinding).
    Host { host: String, served: String },
    /// A request without the token, or with another.
    Token,
    /// A form sent without this run's form token (CSRF), or from another site.
    Csrf,
    /// A form field that is missing or cannot be used.
    Form { field: String, why: String },
    /// A page that does not exist.
    NotFound { path: String },
}

impl fmt::Display for ServeMiss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeMiss::NeedsToken { addr } => write!(
                f,
                "--bind {addr} lets other machines reach the dashboard; give --token TOKEN as well (every request must then carry it)"
            ),
            ServeMiss::WeakToken { min } => write!(
                f,
                "--token must be at least {min} characters of letters, digits, `-` and `_`, so that it cannot be guessed and travels in a URL unchanged"
            ),
            ServeMiss::ReadOnly => f.write_str(
                "this dashboard was started with --read-only, so nothing can be changed; restart `mentorkit serve` without --read-only to make changes",
            ),
            ServeMiss::Host { host, served } => write!(
                f,
                "this dashboard serves {served}, not `{host}`; open http://{served}/ instead"
            ),
            ServeMiss::Token => f.write_str(
                "this dashboard needs its token: open the address `mentorkit serve` printed, which ends in ?token=…",
            ),
            ServeMiss::Csrf => f.write_str(
                "the form did not come from this dashboard as it runs now (it may have been restarted since the page was loaded); reload the page and try again",
            ),
            ServeMiss::Form { field, why } => write!(f, "the form's `{field}` {why}"),
            ServeMiss::NotFound { path } => {
                write!(f, "no page `{path}`; start again from the overview at /")
            }
        }
    }
}
