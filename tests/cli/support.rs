//! A small test builder: a temporary folder, files, arguments, then the exit
//! status, stdout, stderr and the files left behind.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The repository root (where `examples/` lives).
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder tree, leaving out the git-ignored `out/` of a program
/// folder: documents someone rendered into the repository's examples are not
/// part of the example.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() == "out" && from.join("program.toml").is_file() {
                continue;
            }
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A test case under construction.
pub(crate) struct Test {
    pub tmp: TempDir,
    args: Vec<String>,
    stdin: Option<String>,
    env: Vec<(String, String)>,
    cwd: Option<PathBuf>,
}

/// What a run produced.
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub tmp: TempDir,
}

impl Test {
    /// An empty temporary folder.
    pub(crate) fn new() -> Test {
        Test {
            tmp: TempDir::new().unwrap(),
            args: Vec::new(),
            stdin: None,
            env: Vec::new(),
            cwd: None,
        }
    }

    /// A copy of `examples/<name>` as the folder.
    pub(crate) fn example(name: &str) -> Test {
        let t = Test::new();
        copy_tree(&repo().join("examples").join(name), t.tmp.path());
        t
    }

    /// A copy of `examples/<name>` as it was before `screen` and `match`:
    /// the example ships screened and matched, and tests of the first run
    /// of those commands start from here.
    pub(crate) fn unscreened_example(name: &str) -> Test {
        let t = Test::example(name);
        for generated in ["screening.yaml", "matches.yaml"] {
            let path = t.tmp.path().join(generated);
            if path.exists() {
                fs::remove_file(path).unwrap();
            }
        }
        t
    }

    /// A minimal valid program folder.
    pub(crate) fn program() -> Test {
        Test::new().file(
            "program.toml",
            "[program]\nname = \"Test Program\"\nstarts = 2016-01-01\nends = 2016-12-31\ntimezone = \"America/Chicago\"\n",
        )
    }

    /// The folder's path.
    pub(crate) fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// Writes a file (parents created).
    pub(crate) fn file(self, rel: &str, contents: impl AsRef<[u8]>) -> Test {
        let p = self.tmp.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, contents).unwrap();
        self
    }

    /// Removes a file.
    pub(crate) fn remove(self, rel: &str) -> Test {
        fs::remove_file(self.tmp.path().join(rel)).unwrap();
        self
    }

    /// Adds arguments.
    pub(crate) fn args<I, S>(mut self, args: I) -> Test
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Standard input for the command.
    pub(crate) fn stdin(mut self, s: &str) -> Test {
        self.stdin = Some(s.to_string());
        self
    }

    /// An environment variable for the command.
    pub(crate) fn env(mut self, k: &str, v: &str) -> Test {
        self.env.push((k.into(), v.into()));
        self
    }

    /// Runs in this subfolder of the temporary folder.
    pub(crate) fn cwd(mut self, rel: &str) -> Test {
        self.cwd = Some(self.tmp.path().join(rel));
        self
    }

    /// Runs the binary in the folder.
    pub(crate) fn run(self) -> Run {
        let out = output(
            self.cwd.as_deref().unwrap_or(self.tmp.path()),
            &self.args,
            &self.env,
            self.stdin.as_deref(),
        );
        Run {
            code: out.code,
            stdout: out.stdout,
            stderr: out.stderr,
            tmp: self.tmp,
        }
    }
}

/// What one run of the binary printed.
pub(crate) struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The one place the binary is started for a test that waits for it: in
/// `dir`, with `args`, the environment additions and standard input.
fn output(dir: &Path, args: &[String], env: &[(String, String)], stdin: Option<&str>) -> Output {
    let mut cmd = Command::cargo_bin("mentorkit").unwrap();
    cmd.current_dir(dir);
    cmd.args(args);
    cmd.env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.write_stdin(stdin.unwrap_or_default().as_bytes().to_vec());
    let out = cmd
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The binary as a process to start and control (kill, run several at
/// once), for the tests that need more than a finished run; output is
/// discarded unless the caller sets it.
pub(crate) fn process(dir: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_mentorkit"));
    c.current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    c
}

impl Run {
    /// Another command on the same folder, keeping this run to read from.
    pub(crate) fn again(&self, args: &[&str]) -> Output {
        let args: Vec<String> = args.iter().map(|a| (*a).to_string()).collect();
        output(self.tmp.path(), &args, &[], None)
    }
}

impl Run {
    /// A second command on the same folder, after this one: the folder as
    /// this run left it, no arguments yet.
    pub(crate) fn then(self) -> Test {
        Test {
            tmp: self.tmp,
            args: Vec::new(),
            stdin: None,
            env: Vec::new(),
            cwd: None,
        }
    }

    /// Asserts the exit status, showing the output when it differs.
    pub(crate) fn code(self, want: i32) -> Run {
        assert_eq!(
            self.code, want,
            "exit status\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts success.
    pub(crate) fn ok(self) -> Run {
        self.code(0)
    }

    /// Asserts stderr exactly.
    pub(crate) fn stderr_is(self, want: &str) -> Run {
        assert_eq!(self.stderr, want, "stderr");
        self
    }

    /// Asserts stdout exactly.
    pub(crate) fn stdout_is(self, want: &str) -> Run {
        assert_eq!(self.stdout, want, "stdout");
        self
    }

    /// Asserts stderr contains a piece of text.
    pub(crate) fn stderr_has(self, piece: &str) -> Run {
        assert!(
            self.stderr.contains(piece),
            "stderr lacks {piece:?}:\n{}",
            self.stderr
        );
        self
    }

    /// Asserts stdout contains a piece of text.
    pub(crate) fn stdout_has(self, piece: &str) -> Run {
        assert!(
            self.stdout.contains(piece),
            "stdout lacks {piece:?}:\n{}",
            self.stdout
        );
        self
    }

    /// The contents of a file left in the folder.
    pub(crate) fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.tmp.path().join(rel))
            .unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    /// Whether a file exists in the folder.
    pub(crate) fn exists(&self, rel: &str) -> bool {
        self.tmp.path().join(rel).exists()
    }

    /// The folder.
    pub(crate) fn path(&self) -> &Path {
        self.tmp.path()
    }
}

/// Every file below `dir` (relative path → bytes), leftover temporary files apart.
pub(crate) fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && !name.starts_with(".mentorkit-") {
            let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
            out.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    out
}
