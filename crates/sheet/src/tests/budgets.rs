//! Budgets against hostile inputs: sizes, rows, unpacked parts, endless
//! devices.

use super::workbooks::forms_xlsx;
use super::{opts, texts};
use crate::*;

fn small(max_bytes: u64, max_rows: usize, max_unpacked_bytes: u64) -> Options {
    Options {
        budget: Budget {
            max_bytes,
            max_rows,
            max_unpacked_bytes,
        },
        ..Options::default()
    }
}

#[test]
fn budgets_refuse_what_is_too_big() {
    let text = b"h\n1\n2\n3\n";
    assert!(matches!(
        read(text, "x.csv", &small(4, 10, 1 << 20)),
        Err(SheetError::TooLarge { limit: 4, .. })
    ));
    assert_eq!(
        read(text, "x.csv", &small(100, 3, 1 << 20))
            .unwrap()
            .rows()
            .len(),
        3
    );
    assert!(matches!(
        read(text, "x.csv", &small(100, 2, 1 << 20)),
        Err(SheetError::TooManyRows { limit: 2, .. })
    ));
    let xlsx = forms_xlsx();
    assert!(matches!(
        read(&xlsx, "r.xlsx", &small(1 << 20, 1, 1 << 30)),
        Err(SheetError::TooManyRows { limit: 1, .. })
    ));
    assert!(matches!(
        read(&xlsx, "r.xlsx", &small(1 << 20, 10, 1000)),
        Err(SheetError::Unpacks { limit: 1000, .. })
    ));
}

#[test]
fn files_are_read_within_the_budget() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.csv");
    std::fs::write(&path, "Name,Email\nAna,a@x.org\n").unwrap();
    let t = read_path(&path, "r.csv", &opts()).unwrap();
    assert_eq!(t.file(), "r.csv");
    assert_eq!(texts(&t), [vec!["Ana", "a@x.org"]]);
    assert!(matches!(
        read_path(&path, "r.csv", &small(10, 10, 10)),
        Err(SheetError::TooLarge { limit: 10, .. })
    ));
    assert!(matches!(
        read_path(dir.path(), "dir", &opts()),
        Err(SheetError::NotAFile { .. })
    ));
    match read_path(&dir.path().join("missing.csv"), "missing.csv", &opts()) {
        Err(SheetError::Open { source, .. }) => {
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound)
        }
        other => panic!("{other:?}"),
    }
}

#[cfg(unix)]
#[test]
fn a_link_to_an_endless_device_stops_at_the_budget() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("responses.csv");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let started = std::time::Instant::now();
    assert!(matches!(
        read_bytes(&link, "responses.csv", 1 << 20),
        Err(SheetError::TooLarge { limit, .. }) if limit == 1 << 20
    ));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}
