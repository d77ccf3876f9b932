//! The README as a newcomer meets it: its opening commands run as written,
//! every code fence is closed, every shell block has something in it, the
//! tour and every other ```sh block run as copied (on a fresh copy of the
//! examples, with the built binary on PATH as `mentorkit`), and the output
//! it shows for `check` is what `check` prints. Blocks tagged ```text,
//! ```console, ```toml or ```yaml are shown, not run.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::support::{copy_tree, repo};

/// One fenced block: the section it is in, its language tag, its text.
#[derive(Debug, Clone)]
struct Block {
    file: String,
    line: usize,
    section: String,
    lang: String,
    text: String,
}

/// The fenced blocks of a Markdown file, or where a fence is left open.
fn blocks(file: &str, text: &str) -> Result<Vec<Block>, String> {
    let mut out = Vec::new();
    let mut section = String::new();
    let mut open: Option<(usize, String, String, usize)> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        match &mut open {
            None => {
                if let Some(lang) = trimmed.strip_prefix("```") {
                    let indent = line.len() - trimmed.len();
                    open = Some((i + 1, lang.trim().to_string(), String::new(), indent));
                } else if let Some(title) = line.strip_prefix("## ") {
                    section = title.trim().to_string();
                }
            }
            Some((start, lang, body, indent)) => {
                if trimmed.trim_end() == "```" {
                    out.push(Block {
                        file: file.to_string(),
                        line: *start,
                        section: section.clone(),
                        lang: lang.clone(),
                        text: std::mem::take(body),
                    });
                    open = None;
                } else {
                    let cut = line.len() - line.trim_start().len();
                    body.push_str(&line[cut.min(*indent)..]);
                    body.push('\n');
                }
            }
        }
    }
    match open {
        Some((start, ..)) => Err(format!("{file}:{start}: this code block is never closed")),
        None => Ok(out),
    }
}

fn readme() -> Vec<Block> {
    let text = fs::read_to_string(repo().join("README.md")).unwrap();
    blocks("README.md", &text).unwrap()
}

/// A fresh copy of the repository's examples under `examples/` of a new
/// temporary folder, a home folder beside it, and `mentorkit` on a PATH.
struct Sandbox {
    tmp: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let tmp = tempfile::tempdir().unwrap();
        copy_tree(&repo().join("examples"), &tmp.path().join("examples"));
        fs::create_dir_all(tmp.path().join("home")).unwrap();
        let bin = tmp.path().join("bin");
        fs::create_dir_all(&bin).unwrap();
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_mentorkit"), bin.join("mentorkit")).unwrap();
        Sandbox { tmp }
    }

    fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// Runs a shell block with bash (`-e`, `-o pipefail`) in `dir`.
    fn run(&self, script: &str, dir: &Path) -> Output {
        let path = format!(
            "{}:{}",
            self.root().join("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        Command::new("bash")
            .args([
                "--noprofile",
                "--norc",
                "-e",
                "-o",
                "pipefail",
                "-c",
                script,
            ])
            .current_dir(dir)
            .env("PATH", path)
            .env("HOME", self.root().join("home"))
            .env("NO_COLOR", "1")
            .env("GIT_AUTHOR_NAME", "Coordinator")
            .env("GIT_AUTHOR_EMAIL", "coordinator@example.org")
            .env("GIT_COMMITTER_NAME", "Coordinator")
            .env("GIT_COMMITTER_EMAIL", "coordinator@example.org")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }
}

fn assert_ran(block: &Block, out: &Output) {
    assert!(
        out.status.success(),
        "{}:{} (section {:?}) fails as copied:\n{}\n--- stdout\n{}\n--- stderr\n{}",
        block.file,
        block.line,
        block.section,
        block.text,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every file under `dir`, by relative path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
            out.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    out
}

#[test]
fn every_fence_is_closed_and_every_shell_block_has_commands() {
    let mut files = vec![repo().join("README.md"), repo().join("ARCHITECTURE.md")];
    for entry in fs::read_dir(repo().join("docs")).unwrap() {
        files.push(entry.unwrap().path());
    }
    for path in files {
        let name = path.strip_prefix(repo()).unwrap().display().to_string();
        let text = fs::read_to_string(&path).unwrap();
        let found = blocks(&name, &text).unwrap_or_else(|e| panic!("{e}"));
        for b in found {
            assert!(
                !b.lang.is_empty(),
                "{}:{}: a block without a language tag",
                b.file,
                b.line
            );
            if b.lang == "sh" {
                assert!(
                    b.text
                        .lines()
                        .any(|l| !l.trim().is_empty() && !l.trim().starts_with('#')),
                    "{}:{}: an empty shell block",
                    b.file,
                    b.line
                );
            }
        }
    }
}

/// A broken fence is found, with its line.
#[test]
fn an_unclosed_fence_is_found() {
    let text = "# x\n\n```sh\nmentorkit check\n```\n\n## Later\n\n```\nnever closed\n";
    assert_eq!(
        blocks("x.md", text).unwrap_err(),
        "x.md:9: this code block is never closed"
    );
}

/// Regression: the README opened with a command that wrote
/// `examples/career-development/out/` into the clone, which the tests then
/// copied, and a report that showed "—" for eligible and accepted. The
/// opening block runs as written (the built binary standing in for
/// `cargo run --release --`), writes only under `target/`, and gives a
/// screened, matched report.
#[test]
fn the_opening_commands_run_as_written_and_write_only_under_target() {
    let first = readme().into_iter().next().unwrap();
    assert_eq!(first.lang, "sh");
    let lines: Vec<&str> = first.text.lines().collect();
    assert_eq!(
        lines,
        [
            "cargo run --release -- -C examples/career-development report cohort --out target/example-report",
            "cargo test --locked",
        ],
        "the README's opening commands changed; update this test with them"
    );
    // The second line is the command that runs this test.
    let command = lines[0].replacen("cargo run --release --", "mentorkit", 1);
    let sandbox = Sandbox::new();
    let before = snapshot(&sandbox.root().join("examples"));
    let out = sandbox.run(&command, sandbox.root());
    assert_ran(&first, &out);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "wrote 2 files in target/example-report\n"
    );
    assert_eq!(snapshot(&sandbox.root().join("examples")), before);
    let report =
        fs::read_to_string(sandbox.root().join("target/example-report/cohort.html")).unwrap();
    assert!(
        sandbox
            .root()
            .join("target/example-report/cohort.md")
            .is_file()
    );
    for piece in [
        "Career Development Mentorship Program",
        "<td class=\"num\">7</td>",
        "Patricia Wells",
    ] {
        assert!(report.contains(piece), "the report lacks {piece:?}");
    }
    assert!(
        !report.contains("mentorkit screen"),
        "the report asks for screening"
    );
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    assert!(readme.contains("`target/example-report/cohort.html`"));
    // target/ is what git ignores in the repository.
    let gitignore = fs::read_to_string(repo().join(".gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == "/target"), "{gitignore}");
}

/// Regression: the tour's `attend` changed nothing ("already present") and
/// its closing `git diff` showed nothing (the copy was never put under git).
#[test]
fn the_tour_runs_and_its_diff_shows_what_changed() {
    let tour: Vec<Block> = readme()
        .into_iter()
        .filter(|b| b.section == "A tour" && b.lang == "sh")
        .collect();
    assert_eq!(tour.len(), 1, "the tour is one shell block");
    let sandbox = Sandbox::new();
    let out = sandbox.run(&tour[0].text, sandbox.root());
    assert_ran(&tour[0], &out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    for piece in [
        "diff --git a/participants/robert-olsen.yaml b/participants/robert-olsen.yaml",
        "-  resume: draft\n+  resume: done\n",
        "-  completed: false\n+  completed: true\n",
        "diff --git a/sessions/2016-10-11-reflections-celebration.yaml",
        "+  - tom-nguyen\n",
        "-absent: [tom-nguyen]\n",
    ] {
        assert!(
            stdout.contains(piece),
            "the tour's diff lacks {piece:?}:\n{stdout}"
        );
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("recorded present: tom-nguyen"), "{stderr}");
    let spring = sandbox.root().join("spring");
    assert!(spring.join("out/cohort.html").is_file());
    assert!(spring.join("out/certificates/robert-olsen.html").is_file());
}

/// Every other ```sh block runs as copied: in a fresh copy of the career
/// example (`examples/tech-mentoring` beside it), with a home folder of its
/// own.
#[test]
fn every_shell_block_runs_as_copied() {
    let all = readme();
    let runnable: Vec<&Block> = all
        .iter()
        .skip(1)
        .filter(|b| b.lang == "sh" && b.section != "A tour")
        .collect();
    assert!(runnable.len() >= 15, "{} runnable blocks", runnable.len());
    for block in runnable {
        let sandbox = Sandbox::new();
        let dir = sandbox.root().join("examples/career-development");
        let out = sandbox.run(&block.text, &dir);
        assert_ran(block, &out);
    }
}

/// The output the README shows for `check` is what `check` prints, for the
/// three mistakes it describes.
#[test]
fn the_check_example_is_what_check_prints() {
    let all = readme();
    let shown = all
        .iter()
        .find(|b| b.section == "Checking a folder" && b.lang == "console")
        .expect("the README shows check's output");
    let want = shown
        .text
        .strip_prefix("$ mentorkit check\n")
        .expect("the block starts with the command");
    let sandbox = Sandbox::new();
    let dir = sandbox.root().join("examples/career-development");
    let edit = |rel: &str, from: &str, to: &str| {
        let path = dir.join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} lacks {from:?}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit("participants/aisha-khan.yaml", "department:", "departmnet:");
    edit("program.toml", "capacity = 8", "capcity = 8");
    edit(
        "sessions/2016-03-08-smart-goal-setting.yaml",
        "  - tom-nguyen\n",
        "  - tom-ngyuen\n",
    );
    let out = sandbox.run("mentorkit check", &dir);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), want);
}
