//! Kills, leftovers and a full disk: a multi-file command is all-or-nothing
//! or resumable with a word of what was done, temporary files of a killed run
//! do not pile up, and a failed write names the file it was for.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use super::{assert_checks, cmd, write};
use crate::support::{Test, copy_tree};

/// Rows of the import that gets killed (the 3,000 break the same
/// way; fewer keep the test quick while fsyncs are one per file).
const IMPORT_ROWS: usize = 300;

const IMPORT: &[&str] = &["apply", "--from-csv", "big.csv", "--map", "big-map.toml"];

/// The example with a Forms export of `IMPORT_ROWS` new applicants.
fn import_folder() -> Test {
    let t = Test::example("career-development");
    let mut csv = String::from(
        "Timestamp,Email Address,Full name,Department,Date you started at the library\n",
    );
    for i in 0..IMPORT_ROWS {
        csv.push_str(&format!(
            "11/20/2015 10:00:00,imported{i}@x.org,Imported Person {i},Circulation,1/4/2010\n"
        ));
    }
    write(t.path(), "big.csv", csv);
    write(
        t.path(),
        "big-map.toml",
        "name = \"Full name\"\nemail = \"Email Address\"\ndepartment = \"Department\"\nhired = \"Date you started at the library\"\napplied = \"Timestamp\"\n",
    );
    t
}

/// How many imported people are in the folder.
fn imported(dir: &Path) -> usize {
    fs::read_dir(dir.join("participants"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.starts_with("imported-person-") && name.ends_with(".yaml")
        })
        .count()
}

/// When the test kills the import.
#[derive(Debug, Clone, Copy)]
enum Moment {
    /// As soon as the first imported person's file appears.
    FirstFile,
    /// After this many thirds of a whole run's time.
    Thirds(u32),
}

// Broke: a kill during a 3,000-row import left any number of the people in,
// and the next run said nothing of it. After a kill the folder must hold
// none or all of them, or the next run must say the last one was
// interrupted (and finish it).
#[test]
fn a_killed_import_leaves_nothing_or_a_resumable_state() {
    let base = import_folder();
    let scratch = tempfile::tempdir().unwrap();
    let full = scratch.path().join("full");
    copy_tree(base.path(), &full);
    let started = Instant::now();
    cmd(&full, IMPORT).within(120).ok();
    let took = started.elapsed();
    assert_eq!(imported(&full), IMPORT_ROWS);
    let mut mid_import = 0;
    for (i, moment) in [Moment::FirstFile, Moment::Thirds(1), Moment::Thirds(2)]
        .into_iter()
        .enumerate()
    {
        let dir = scratch.path().join(format!("kill-{i}"));
        copy_tree(base.path(), &dir);
        let mut child = cmd(&dir, IMPORT).spawn();
        match moment {
            Moment::FirstFile => {
                let deadline = Instant::now() + took * 2 + Duration::from_secs(5);
                while imported(&dir) == 0
                    && child.try_wait().unwrap().is_none()
                    && Instant::now() < deadline
                {
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
            Moment::Thirds(k) => std::thread::sleep(took * k / 3),
        }
        let _ = child.kill();
        let _ = child.wait();
        let left = imported(&dir);
        let partial = left > 0 && left < IMPORT_ROWS;
        mid_import += usize::from(partial);
        let rerun = cmd(&dir, IMPORT).within(120).ok();
        if partial {
            assert!(
                rerun.stderr.contains("interrupted"),
                "killed at {moment:?} with {left} of {IMPORT_ROWS} people written; the next run \
                 does not say the last one was interrupted:\n{}",
                super::clip(&rerun.stderr)
            );
        }
        assert_eq!(imported(&dir), IMPORT_ROWS, "after the rerun ({moment:?})");
        assert_checks(&dir);
    }
    eprintln!("{mid_import} of 3 kills left part of the import written");
}

/// Every `.mentorkit-*` temporary file below `dir`, as relative paths.
fn temporary_files(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".mentorkit-"))
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
        .collect()
}

// Broke: the temporary files of a killed run (`.mentorkit-XXXXXX.tmp`, a
// half-written file each) were never removed: they piled up beside the
// records.
#[test]
fn stale_temp_files_are_removed_by_the_next_writing_command() {
    let t = Test::example("career-development");
    let dir = t.path();
    let two_days_ago = SystemTime::now() - Duration::from_secs(2 * 24 * 3600);
    for rel in [
        ".mentorkit-a1B2c3.tmp",
        "participants/.mentorkit-d4E5f6.tmp",
        "sessions/.mentorkit-g7H8i9.tmp",
    ] {
        write(dir, rel, "name: half a fi");
        let f = fs::File::options().write(true).open(dir.join(rel)).unwrap();
        f.set_modified(two_days_ago).unwrap();
    }
    cmd(
        dir,
        &["attend", "2016-10-11-reflections-celebration", "tom-nguyen"],
    )
    .ok();
    let left = temporary_files(dir);
    assert!(left.is_empty(), "stale temporary files left: {left:?}");
}

/// A small tmpfs mounted for the length of a test.
struct Mounted(std::path::PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Mounts a tmpfs of `size` at `at`, or says why it cannot.
fn tmpfs(at: &Path, size: &str) -> Result<Mounted, String> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Err("not root, so no tmpfs can be mounted".into());
    }
    fs::create_dir_all(at).unwrap();
    let out = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(at)
        .output()
        .map_err(|e| format!("cannot run mount: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "mount -t tmpfs failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(Mounted(at.to_path_buf()))
}

// Broke: on a full disk the error named only the temporary file
// (".mentorkit-Xy12ab.tmp: writing: No space left on device"), not the file
// being written. Needs a tiny tmpfs (root); elsewhere it says it was skipped,
// and fails under CI.
#[test]
fn a_full_disk_names_the_real_file() {
    let scratch = tempfile::tempdir().unwrap();
    let at = scratch.path().join("disk");
    let _mounted = match tmpfs(&at, "512k") {
        Ok(m) => m,
        Err(why) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "a_full_disk_names_the_real_file cannot run under CI: {why}"
            );
            eprintln!("SKIPPED a_full_disk_names_the_real_file: {why}");
            return;
        }
    };
    let dir = at.join("program");
    copy_tree(
        &crate::support::repo().join("examples/career-development"),
        &dir,
    );
    // The example ships screened: `screen` must have a file to write.
    fs::remove_file(dir.join("screening.yaml")).unwrap();
    let mut filler = fs::File::create(at.join("filler")).unwrap();
    let block = vec![b'x'; 4096];
    while std::io::Write::write_all(&mut filler, &block).is_ok() {}
    drop(filler);
    let run = cmd(&dir, &["screen"]).code(1);
    assert!(
        run.stderr.contains("screening.yaml") && run.stderr.contains("No space left on device"),
        "the error must name screening.yaml and the full disk:\n{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains(".mentorkit-"),
        "the error names the temporary file:\n{}",
        run.stderr
    );
    let left = temporary_files(&dir);
    assert!(left.is_empty(), "temporary files left: {left:?}");
}
