use std::os::unix::fs::{PermissionsExt, symlink};

use super::*;

/// The process's umask, as the kernel reports it (read, never changed,
/// since tests run side by side).
fn umask() -> u32 {
    let status = fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("Umask:")).unwrap();
    u32::from_str_radix(line.trim_start_matches("Umask:").trim(), 8).unwrap()
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn writes_replace_whole_files_and_leave_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/screening.yaml");
    assert!(write_generated(&path, "a: 1\n").unwrap());
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!("{GENERATED_HEADER}\na: 1\n")
    );
    assert!(
        !write_generated(&path, "a: 1\n").unwrap(),
        "unchanged is not rewritten"
    );
    assert!(write_atomic(&path, b"b: 2\n").unwrap());
    let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["screening.yaml"]);
}

#[test]
fn new_files_follow_the_umask_and_replaced_files_keep_their_mode() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.yaml");
    write_atomic(&new, b"a: 1\n").unwrap();
    assert_eq!(mode(&new), 0o666 & !umask());
    let shared = dir.path().join("shared.yaml");
    fs::write(&shared, "a: 1\n").unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o664)).unwrap();
    write_atomic(&shared, b"a: 2\n").unwrap();
    assert_eq!(mode(&shared), 0o664);
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o640)).unwrap();
    let files = vec![
        (shared.clone(), b"a: 3\n".to_vec()),
        (dir.path().join("b.yaml"), b"b\n".to_vec()),
    ];
    assert_eq!(
        write_batch(dir.path(), Some("test"), &files, &mut || {}).unwrap(),
        2
    );
    assert_eq!(mode(&shared), 0o640, "a batch keeps the mode too");
    assert_eq!(mode(&dir.path().join("b.yaml")), 0o666 & !umask());
}

#[test]
fn a_linked_record_is_written_through_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("shared")).unwrap();
    let real = dir.path().join("shared/ana.yaml");
    fs::write(&real, "a: 1\n").unwrap();
    let link = dir.path().join("ana.yaml");
    symlink("shared/ana.yaml", &link).unwrap();
    write_atomic(&link, b"a: 2\n").unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&real).unwrap(), "a: 2\n");
    let files = vec![(link.clone(), b"a: 3\n".to_vec())];
    write_batch(dir.path(), Some("test"), &files, &mut || {}).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&real).unwrap(), "a: 3\n");

    let dangling = dir.path().join("gone.yaml");
    symlink("nowhere/gone.yaml", &dangling).unwrap();
    let err = write_atomic(&dangling, b"x\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: is a link to nowhere/gone.yaml, which does not exist; mentorkit writes through links to their file but does not create it: fix or remove the link",
            dangling.display()
        )
    );
    assert!(
        fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_fifo_or_a_folder_is_refused_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.yaml");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let err = write_atomic(&fifo, b"x\n").unwrap_err();
    assert!(err.to_string().ends_with(": is a FIFO, not a regular file; mentorkit writes only regular files: remove it or choose another path"), "{err}");
    fs::create_dir(dir.path().join("folder.yaml")).unwrap();
    let files = vec![(dir.path().join("folder.yaml"), b"x\n".to_vec())];
    let err = write_batch(dir.path(), Some("test"), &files, &mut || {}).unwrap_err();
    assert!(
        err.to_string().contains("is a folder, not a regular file"),
        "{err}"
    );
}

#[test]
fn a_batch_lands_whole_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<(PathBuf, Vec<u8>)> = (0..50)
        .map(|i| {
            (
                dir.path().join(format!("p/{i}.yaml")),
                format!("n: {i}\n").into_bytes(),
            )
        })
        .collect();
    let mut ticks = 0;
    assert_eq!(
        write_batch(dir.path(), Some("test"), &files, &mut || ticks += 1).unwrap(),
        50
    );
    assert_eq!(ticks, 50);
    assert_eq!(
        fs::read_to_string(dir.path().join("p/7.yaml")).unwrap(),
        "n: 7\n"
    );
    assert_eq!(
        write_batch(dir.path(), Some("test"), &files, &mut || {}).unwrap(),
        0,
        "unchanged"
    );
    let left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .chain(fs::read_dir(dir.path().join("p")).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(recover(dir.path()).unwrap(), None);
}

// Broke: the progress of a batch moved only with the renames, after the
// one sync, so a 5,000-file import sat at 1/5000 ("86m left") while it
// wrote, then jumped. Each file counts as it is written.
#[test]
fn a_batch_counts_each_file_as_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<(PathBuf, String)> = (0..3)
        .map(|i| (dir.path().join(format!("p/{i}.yaml")), format!("n: {i}\n")))
        .collect();
    let mut seen_in_place = Vec::new();
    write_batch(dir.path(), Some("test"), &files, &mut || {
        seen_in_place.push(files.iter().filter(|(p, _)| p.exists()).count());
    })
    .unwrap();
    assert_eq!(seen_in_place, [0, 0, 0], "ticks came with the renames");
    assert!(files.iter().all(|(p, _)| p.exists()));
}

#[test]
fn an_interrupted_batch_is_finished_by_recover() {
    // The state a kill leaves after the journal is in place: one file
    // already renamed, two still temporary.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut files = Vec::new();
    for i in 0..3 {
        let tmp = root.join(format!(".mentorkit-batch-{i}.tmp"));
        fs::write(&tmp, format!("new {i}\n")).unwrap();
        files.push((tmp, root.join(format!("{i}.yaml"))));
    }
    fs::write(root.join("0.yaml"), "old 0\n").unwrap();
    fs::rename(&files[1].0, &files[1].1).unwrap();
    let journal = Journal {
        what: "apply --from big.csv".into(),
        files,
    };
    fs::write(root.join(JOURNAL), serde_json::to_vec(&journal).unwrap()).unwrap();
    let done = recover(root).unwrap().unwrap();
    assert_eq!(
        done.to_string(),
        "`apply --from big.csv` was interrupted while putting its 3 files in place; finished it (2 files put in place now)"
    );
    for i in 0..3 {
        assert_eq!(
            fs::read_to_string(root.join(format!("{i}.yaml"))).unwrap(),
            format!("new {i}\n")
        );
    }
    assert!(!root.join(JOURNAL).exists());
    assert_eq!(recover(root).unwrap(), None, "once");
}
