//! Output paths given on the command line: never over a record, a file
//! mentorkit reads, a template, a private file or a device.

use std::fs;
use std::os::unix::fs::{FileTypeExt, symlink};

use super::{assert_checks, cmd, mkfifo, not_regular};
use crate::support::Test;

/// Where output never lands, as the refusals name it.
const PLACES: &str = "participants/, sessions/, templates/ and private/";

// Broke: `schedule --ics program.toml` replaced the program's settings
// with a calendar (and `--ics screening.yaml`, `--ics matches.yaml` the
// files mentorkit reads back). The refusal comes before anything is written.
#[test]
fn ics_over_program_toml_or_a_generated_file_is_refused() {
    for target in ["program.toml", "screening.yaml", "matches.yaml"] {
        let t = Test::example("career-development");
        let dir = t.path();
        fs::remove_dir_all(dir.join("sessions")).unwrap();
        // The example ships screened and matched: without those files, a
        // write over them shows.
        fs::remove_file(dir.join("screening.yaml")).unwrap();
        fs::remove_file(dir.join("matches.yaml")).unwrap();
        let before = fs::read(dir.join("program.toml")).unwrap();
        cmd(dir, &["schedule", "--ics", target])
            .code(1)
            .stderr_is(&format!(
                "error: --ics {target}: refused: mentorkit never writes output over {target}; \
                 choose a new file, such as calendar.ics\n"
            ));
        assert_eq!(fs::read(dir.join("program.toml")).unwrap(), before);
        assert!(
            !dir.join("sessions").exists(),
            "--ics {target}: refused after writing sessions/"
        );
        if target != "program.toml" {
            assert!(!dir.join(target).exists(), "--ics {target} wrote it");
        }
    }
}

// Broke: `schedule --ics participants/x.yaml` wrote a calendar among the
// records (and `check` then refused the folder); the same inside sessions/,
// templates/ and private/.
#[test]
fn ics_inside_a_record_folder_is_refused() {
    for target in [
        "participants/x.yaml",
        "sessions/calendar.ics",
        "templates/calendar.ics",
        "private/calendar.ics",
    ] {
        let t = Test::example("career-development");
        let dir = t.path();
        let folder = target.split('/').next().unwrap();
        cmd(dir, &["schedule", "--ics", target])
            .code(1)
            .stderr_is(&format!(
                "error: --ics {target}: refused: it leads into {folder}/, where output never \
                 lands; choose a file outside {PLACES}, such as calendar.ics\n"
            ));
        assert!(!dir.join(target).exists(), "--ics {target} wrote it");
        assert_checks(dir);
    }
}

/// `report cohort --out OUT` is refused as landing in `folder`.
fn out_refused(dir: &std::path::Path, out: &str, folder: &str) {
    cmd(dir, &["report", "cohort", "--out", out])
        .code(1)
        .stderr_is(&format!(
            "error: --out {out}: refused: it leads into {folder}/, where output never lands; \
             choose a folder outside {PLACES}, such as out\n"
        ));
}

// Broke: `report --out participants` wrote cohort.md and cohort.html among
// the records, and every later command refused the folder. The path is
// judged by where it really leads: absolute, below, or through a link.
#[test]
fn report_out_participants_is_refused() {
    let t = Test::example("career-development");
    let dir = t.path();
    symlink("participants", dir.join("outlink")).unwrap();
    let absolute = dir.join("participants").display().to_string();
    for out in ["participants", "participants/reports", "outlink", &absolute] {
        out_refused(dir, out, "participants");
    }
    out_refused(dir, "sessions", "sessions");
    out_refused(dir, "private", "private");
    assert!(!dir.join("participants/cohort.md").exists());
    assert!(!dir.join("participants/reports").exists());
    assert_checks(dir);
}

// Broke: `report --out templates` wrote cohort.md into templates/, and the
// next report ran it as the cohort template: a person's text became
// template code.
#[test]
fn report_out_templates_is_refused() {
    let t = Test::example("career-development");
    let dir = t.path();
    out_refused(dir, "templates", "templates");
    assert!(!dir.join("templates/cohort.md").exists());
    assert!(!dir.join("templates/cohort.html").exists());
}

/// Makes a character device like /dev/null at `path` (root may); else a
/// link to /dev/null, which must be refused just the same.
fn device_at(path: &std::path::Path) -> &'static str {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mknod touches no memory of ours.
    let rc = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
    if rc == 0 {
        "a device node"
    } else {
        eprintln!(
            "note: cannot make a device node here ({}); trying a link to /dev/null instead",
            std::io::Error::last_os_error()
        );
        symlink("/dev/null", path).unwrap();
        "a link to /dev/null"
    }
}

// Broke: as root, `schedule --ics /dev/null` replaced the device with a
// regular file (the rename of the temporary file went over it). The test
// makes its own device node in the folder, never touching /dev.
#[test]
fn ics_onto_a_device_is_refused_and_the_device_kept() {
    let t = Test::example("career-development");
    let dir = t.path();
    let node = dir.join("dev-null");
    let what = device_at(&node);
    cmd(dir, &["schedule", "--ics", "dev-null"])
        .within(10)
        .code(1)
        .stderr_is(&not_regular("dev-null", "character device"));
    let kept = match what {
        "a device node" => fs::symlink_metadata(&node)
            .unwrap()
            .file_type()
            .is_char_device(),
        _ => fs::symlink_metadata(&node)
            .unwrap()
            .file_type()
            .is_symlink(),
    };
    assert!(kept, "{what} at dev-null was replaced");
}

// Broke: `schedule --ics` onto a FIFO hung, reading the FIFO first.
#[test]
fn ics_onto_a_fifo_is_refused_quickly() {
    let t = Test::example("career-development");
    mkfifo(&t.path().join("calendar.fifo"));
    cmd(t.path(), &["schedule", "--ics", "calendar.fifo"])
        .within(10)
        .code(1)
        .stderr_is(&not_regular("calendar.fifo", "FIFO"));
}
