//! The hostile corpus (issue 15): what an attacker or an unlucky user does to
//! a program folder — files mentorkit wrote itself at large sizes, closed
//! pipes, FIFOs, links and devices, output paths that land on records,
//! terminal escapes, spreadsheet formulas, YAML anchors, private files, huge
//! numbers and kills. Every test is named after what broke and runs the real
//! binary with a time limit, so a hang fails instead of blocking the suite,
//! and with a memory limit, so an unbounded read fails instead of eating the
//! machine.

mod bounds;
mod crash;
mod edits;
mod pipes;
mod private;
mod sizes;
mod targets;
mod terminal;

use std::fs;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The day every hostile run takes as today.
pub(crate) const TODAY: &str = "2016-01-05";

/// The most address space a hostile run may take (an unbounded read of
/// `/dev/zero` aborts at this size instead of filling the machine).
const MEMORY_LIMIT: u64 = 1 << 30;

/// The time a run gets unless a test says otherwise.
const DEFAULT_LIMIT: Duration = Duration::from_secs(30);

/// Where a child's output stream goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sink {
    /// Captured by the test.
    Captured,
    /// A pipe whose reading end is closed before the child starts
    /// (`mentorkit … | true`).
    Closed,
}

/// One run of the binary under construction.
pub(crate) struct Cmd {
    inner: Command,
    shown: String,
    stdout: Sink,
    stderr: Sink,
    limit: Duration,
}

/// A run of the binary in `dir` with `args`: today pinned, no colour, stdin
/// empty, the memory limit set.
pub(crate) fn cmd(dir: &Path, args: &[&str]) -> Cmd {
    let mut inner = Command::new(env!("CARGO_BIN_EXE_mentorkit"));
    inner
        .current_dir(dir)
        .args(args)
        .env("MENTORKIT_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    // SAFETY: setrlimit is async-signal-safe and touches no memory of ours.
    unsafe {
        inner.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: MEMORY_LIMIT,
                rlim_max: MEMORY_LIMIT,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut shown = format!("mentorkit {}", args.join(" "));
    if shown.len() > 200 {
        // 20,000 ids on one command line help no one read a failure.
        let cut = (0..=200)
            .rev()
            .find(|&i| shown.is_char_boundary(i))
            .unwrap_or(0);
        shown = format!("{} … ({} arguments)", &shown[..cut], args.len());
    }
    Cmd {
        inner,
        shown,
        stdout: Sink::Captured,
        stderr: Sink::Captured,
        limit: DEFAULT_LIMIT,
    }
}

/// What a run came to.
pub(crate) struct Outcome {
    /// The command, for messages.
    pub shown: String,
    /// The exit status; `None` when a signal ended it (or the time limit).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
    /// Killed by the test at the time limit.
    pub timed_out: bool,
}

impl Cmd {
    /// The run must end within `secs` seconds; it is killed then.
    pub(crate) fn within(mut self, secs: u64) -> Cmd {
        self.limit = Duration::from_secs(secs);
        self
    }

    /// Standard output is a pipe nobody reads (`| true`).
    pub(crate) fn closed_stdout(mut self) -> Cmd {
        self.stdout = Sink::Closed;
        self
    }

    /// Standard error is a pipe nobody reads (`2>&1 | head -2` once head is gone).
    pub(crate) fn closed_stderr(mut self) -> Cmd {
        self.stderr = Sink::Closed;
        self
    }

    fn sink(kind: Sink) -> Stdio {
        match kind {
            Sink::Captured => Stdio::piped(),
            Sink::Closed => {
                let (reader, writer) = std::io::pipe().expect("a pipe");
                drop(reader);
                Stdio::from(writer)
            }
        }
    }

    /// Starts the run without waiting (for kills).
    pub(crate) fn spawn(mut self) -> Child {
        self.inner
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start mentorkit")
    }

    /// Runs; it must end by itself, without a panic or a signal.
    #[track_caller]
    pub(crate) fn finished(self) -> Outcome {
        self.run().finished()
    }

    /// Runs; it must end by itself with this exit status.
    #[track_caller]
    pub(crate) fn code(self, want: i32) -> Outcome {
        self.run().code(want)
    }

    /// Runs; it must succeed.
    #[track_caller]
    pub(crate) fn ok(self) -> Outcome {
        self.run().ok()
    }

    /// Runs to the end or to the time limit.
    pub(crate) fn run(mut self) -> Outcome {
        self.inner.stdout(Cmd::sink(self.stdout));
        self.inner.stderr(Cmd::sink(self.stderr));
        let started = Instant::now();
        let mut child = self.inner.spawn().expect("start mentorkit");
        let drain = |s: Option<Box<dyn Read + Send>>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                if let Some(mut s) = s {
                    let _ = s.read_to_end(&mut bytes);
                }
                String::from_utf8_lossy(&bytes).into_owned()
            })
        };
        let out = drain(
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn Read + Send>),
        );
        let err = drain(
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn Read + Send>),
        );
        let mut timed_out = false;
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for mentorkit") {
                break status;
            }
            if started.elapsed() > self.limit {
                timed_out = true;
                let _ = child.kill();
                break child.wait().expect("wait for mentorkit");
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let elapsed = started.elapsed();
        Outcome {
            shown: self.shown,
            code: status.code(),
            stdout: out.join().unwrap_or_default(),
            stderr: err.join().unwrap_or_default(),
            elapsed,
            timed_out,
        }
    }
}

impl Outcome {
    fn context(&self) -> String {
        format!(
            "`{}` (after {:.1} s)\n--- stdout\n{}\n--- stderr\n{}",
            self.shown,
            self.elapsed.as_secs_f64(),
            clip(&self.stdout),
            clip(&self.stderr)
        )
    }

    /// It ended by itself, without a panic (exit 101) or a signal.
    #[track_caller]
    pub(crate) fn finished(self) -> Outcome {
        assert!(
            !self.timed_out,
            "it hangs: killed at the time limit: {}",
            self.context()
        );
        assert!(
            self.code.is_some(),
            "ended by a signal (an abort or the memory limit?): {}",
            self.context()
        );
        assert_ne!(self.code, Some(101), "it panicked: {}", self.context());
        self
    }

    /// It ended by itself with this exit status.
    #[track_caller]
    pub(crate) fn code(self, want: i32) -> Outcome {
        let me = self.finished();
        assert_eq!(me.code, Some(want), "exit status of {}", me.context());
        me
    }

    /// Exit 0.
    #[track_caller]
    pub(crate) fn ok(self) -> Outcome {
        self.code(0)
    }

    /// Standard error is exactly this.
    #[track_caller]
    pub(crate) fn stderr_is(self, want: &str) -> Outcome {
        assert_eq!(self.stderr, want, "stderr of `{}`", self.shown);
        self
    }

    /// Standard error holds this piece.
    #[track_caller]
    pub(crate) fn stderr_has(self, piece: &str) -> Outcome {
        assert!(
            self.stderr.contains(piece),
            "stderr lacks {piece:?}: {}",
            self.context()
        );
        self
    }

    /// Standard error holds none of this piece.
    #[track_caller]
    pub(crate) fn stderr_lacks(self, piece: &str) -> Outcome {
        assert!(
            !self.stderr.contains(piece),
            "stderr has {piece:?}: {}",
            self.context()
        );
        self
    }

    /// It ended within `secs` seconds.
    #[track_caller]
    pub(crate) fn quicker_than(self, secs: u64) -> Outcome {
        assert!(
            self.elapsed < Duration::from_secs(secs),
            "took {:.1} s, more than {secs} s: {}",
            self.elapsed.as_secs_f64(),
            self.context()
        );
        self
    }
}

/// A long output cut to its first and last lines, for failure messages.
pub(crate) fn clip(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= 40 {
        return text.to_string();
    }
    format!(
        "{}\n… {} lines left out …\n{}",
        lines[..25].join("\n"),
        lines.len() - 35,
        lines[lines.len() - 10..].join("\n")
    )
}

/// `mentorkit check` passes in `dir`.
#[track_caller]
pub(crate) fn assert_checks(dir: &Path) {
    cmd(dir, &["check"]).ok();
}

/// Writes `text` to `dir/rel`, creating folders.
pub(crate) fn write(dir: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
    fs::write(&path, text).unwrap_or_else(|e| panic!("writing {rel}: {e}"));
}

/// The text of `dir/rel`.
pub(crate) fn read(dir: &Path, rel: &str) -> String {
    fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
}

/// Makes a FIFO at `path`.
pub(crate) fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("a C path");
    // SAFETY: a valid NUL-terminated path; mkfifo touches no memory of ours.
    let rc = unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
    assert_eq!(rc, 0, "mkfifo {}", path.display());
}

/// The refusal of an output path that is not a regular file (`kind`: FIFO,
/// character device, …), named as the user gave it or relative to the folder.
pub(crate) fn not_regular(rel: &str, kind: &str) -> String {
    format!(
        "error: {rel}: is a {kind}, not a regular file; mentorkit writes only regular files: \
         remove it or choose another path\n"
    )
}

/// A participant record with the fields every check needs.
pub(crate) fn person(name: &str, email: &str, role: &str, extra: &str) -> String {
    format!(
        "name: {name}\nemail: {email}\nrole: {role}\ndepartment: Circulation\nhired: 2010-01-04\napplied: 2015-11-01\n{extra}"
    )
}

/// A `program.toml` with these sections after `[program]`.
pub(crate) fn program(sections: &str) -> String {
    format!(
        "[program]\nname = \"Hostile\"\nstarts = 2016-01-01\nends = 2016-12-31\ntimezone = \"America/Chicago\"\n\n{sections}"
    )
}

/// A character that must never reach a terminal as it is: C0 and C1
/// controls (a newline and a tab apart), DEL, and the bidirectional
/// overrides, embeddings, isolates and marks.
pub(crate) fn is_unsafe_for_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// `text` (a terminal stream) holds no unsafe character, shows one visibly
/// (U+FFFD or a `\u{…}` escape), and still holds `around`, the text next to
/// the payload (so the line was not dropped instead).
#[track_caller]
pub(crate) fn assert_shown_visibly(text: &str, around: &str, what: &str) {
    let bad: Vec<String> = text
        .chars()
        .filter(|&c| is_unsafe_for_terminal(c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: raw {bad:?} reached the terminal:\n{}",
        text.escape_debug()
    );
    assert!(
        text.contains(around),
        "{what}: the line with the payload is gone ({around:?} missing):\n{text}"
    );
    assert!(
        text.contains('\u{fffd}') || text.contains("\\u{"),
        "{what}: the payload is not shown visibly (no U+FFFD, no \\u{{…}}):\n{}",
        text.escape_debug()
    );
}
