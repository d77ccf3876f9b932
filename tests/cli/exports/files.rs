//! What an import leaves on disk: new files follow the umask, a replaced
//! file keeps its mode, a linked record is written through its link; and
//! an import killed at any moment leaves each file old or new, and the next
//! command finishes what it had started to put in place.

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::MAP;
use crate::support::{Test, copy_tree, process, snapshot};

const IMPORT: &[&str] = &["apply", "--from", "responses.csv", "--map", "m.toml"];

/// Applicants in the import that is killed.
const ROWS: usize = 500;

/// An export of `n` new applicants.
fn applicants(n: usize) -> String {
    let mut csv = String::from("Timestamp,Email,Name,Department,Hired,Manager,Availability\n");
    for i in 0..n {
        csv.push_str(&format!(
            "11/3/2026 9:41,person{i}@x.org,Imported Person {i},Circulation,2012-04-02,No,Tuesday afternoon\n"
        ));
    }
    csv
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// Runs `mentorkit args` in `dir` under `umask`.
fn with_umask(dir: &Path, umask: &str, args: &[&str]) {
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\" 2>/dev/null"))
        .arg(env!("CARGO_BIN_EXE_mentorkit"))
        .args(args)
        .current_dir(dir)
        .env("MENTORKIT_TODAY", "2026-12-01")
        .status()
        .unwrap();
    assert!(status.success(), "mentorkit {args:?} under umask {umask}");
}

// Broke: every file mentorkit wrote came out 0600 whatever the umask, and
// an edited 0664 file became 0600: a colleague sharing the folder lost it.
#[test]
fn new_files_follow_the_umask_and_a_replaced_file_keeps_its_mode() {
    let t = Test::program()
        .file("responses.csv", applicants(2))
        .file("m.toml", MAP)
        .file(
            "participants/shared.yaml",
            "name: Shared Person\nemail: person0@x.org\nrole: mentee\ndepartment: Circulation\n",
        );
    let dir = t.path();
    let shared = dir.join("participants/shared.yaml");
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o664)).unwrap();
    with_umask(dir, "027", IMPORT);
    assert_eq!(
        mode(&dir.join("participants/imported-person-1.yaml")),
        0o640
    );
    assert!(
        fs::read_to_string(&shared)
            .unwrap()
            .contains("hired: 2012-04-02")
    );
    assert_eq!(mode(&shared), 0o664, "an edited file keeps its mode");
    fs::remove_file(dir.join("participants/imported-person-1.yaml")).unwrap();
    with_umask(dir, "002", IMPORT);
    assert_eq!(
        mode(&dir.join("participants/imported-person-1.yaml")),
        0o664
    );
}

// Broke: a record that is a link to a shared file was replaced by a copy,
// and the shared file never saw the change.
#[test]
fn a_linked_record_is_written_through_its_link() {
    let t = Test::program()
        .file("responses.csv", applicants(1))
        .file("m.toml", MAP)
        .file(
            "shared/person0.yaml",
            "# kept in the shared folder\nname: Person Zero\nemail: person0@x.org\nrole: mentee\ndepartment: Circulation\n",
        );
    let dir = t.path();
    fs::create_dir_all(dir.join("participants")).unwrap();
    symlink(
        "../shared/person0.yaml",
        dir.join("participants/person0.yaml"),
    )
    .unwrap();
    let run = t.args(IMPORT.iter().copied()).run().ok();
    let link = run.path().join("participants/person0.yaml");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let real = run.read("shared/person0.yaml");
    assert!(
        real.starts_with("# kept in the shared folder\n") && real.contains("hired: 2012-04-02\n"),
        "{real}"
    );
}

fn bin(dir: &Path) -> Command {
    let mut c = process(dir);
    c.env("MENTORKIT_TODAY", "2026-12-01");
    c
}

// Broke: a kill during a 3,000-row import left any number of the people
// in, and the next run said nothing of it. Now a batch is put in place
// from a journal: after a kill each file is old or new, `check` passes,
// and the next command finishes the batch (saying the last one was
// interrupted) before the import runs again, which then ends exactly as an
// uninterrupted one.
#[test]
fn a_killed_import_leaves_old_or_new_files_and_the_next_run_finishes_it() {
    let kills: usize = std::env::var("MENTORKIT_CRASH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let base = Test::program()
        .file("responses.csv", applicants(ROWS))
        .file("m.toml", MAP);
    let before = snapshot(base.path());
    let scratch = tempfile::tempdir().unwrap();
    let full = scratch.path().join("full");
    copy_tree(base.path(), &full);
    let started = Instant::now();
    assert!(bin(&full).args(IMPORT).status().unwrap().success());
    let took = started.elapsed();
    let after = snapshot(&full);
    let mut seed = 0x9e37_79b9_u64;
    let (mut partial, mut finished) = (0, 0);
    for i in 0..kills {
        let dir = scratch.path().join(format!("kill-{i}"));
        copy_tree(base.path(), &dir);
        let mut child = bin(&dir).args(IMPORT).spawn().unwrap();
        if i % 2 == 0 {
            // At a random moment of the run.
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let at = (seed >> 33) % (took.as_micros() as u64 * 11 / 10).max(1);
            std::thread::sleep(Duration::from_micros(at));
        } else {
            // As soon as the journal is in place: while files are renamed.
            let deadline = Instant::now() + took * 3 + Duration::from_secs(5);
            while !dir.join(".mentorkit-batch.journal").exists()
                && child.try_wait().unwrap().is_none()
                && Instant::now() < deadline
            {
                std::thread::sleep(Duration::from_micros(50));
            }
            // Then a little later, into the renames.
            std::thread::sleep(Duration::from_millis(3 * (i as u64 / 2)));
        }
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&dir);
        for (rel, bytes) in &now {
            assert!(
                before.get(rel) == Some(bytes) || after.get(rel) == Some(bytes),
                "kill {i}: {} is neither old nor new",
                rel.display()
            );
        }
        let people = now.keys().filter(|p| p.starts_with("participants")).count();
        partial += usize::from(people > 0 && people < ROWS);
        let journal = dir.join(".mentorkit-batch.journal").exists();
        assert!(
            bin(&dir).arg("check").status().unwrap().success(),
            "kill {i}: check"
        );
        let rerun = bin(&dir)
            .args(IMPORT)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        assert!(rerun.status.success());
        let said = String::from_utf8_lossy(&rerun.stderr);
        assert_eq!(
            said.contains("was interrupted while putting its"),
            journal,
            "kill {i}: {said}"
        );
        finished += usize::from(journal);
        assert_eq!(
            snapshot(&dir),
            after,
            "kill {i}: the rerun ends as a whole run"
        );
        assert!(!dir.join(".mentorkit-batch.journal").exists());
        let _ = fs::remove_dir_all(&dir);
    }
    eprintln!(
        "{kills} kills: {partial} left part of the people in place, {finished} were finished by the next run"
    );
}
