//! Getting written data onto the disk: one folder's entries, or a whole
//! batch of new files at once. On Linux a batch is one `syncfs` of the
//! file system that holds the program folder (what `sync` does, for one
//! file system), with any file on another file system synced on its own;
//! elsewhere every file is synced in turn.

use std::fs::File;
use std::path::Path;

/// Syncs a folder, so that a rename or a new entry in it survives a crash.
/// Best effort: some file systems refuse to sync a folder.
pub(crate) fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}

/// Makes the contents of the closed files at `paths` durable. `root` is
/// the program folder.
pub(crate) fn sync_files(root: &Path, paths: &[&Path]) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        use std::os::unix::io::AsRawFd;
        let dir = File::open(root)?;
        let device = dir.metadata()?.dev();
        // SAFETY: syncfs takes an open descriptor and touches no memory.
        let rc = unsafe { libc::syncfs(dir.as_raw_fd()) };
        if rc != 0 {
            return Err(std::io::Error::last_os_error());
        }
        let mut elsewhere: Option<&Path> = None;
        let mut other_device = false;
        for path in paths {
            // Files of one folder share its file system: look once per folder.
            let folder = path.parent().unwrap_or(root);
            if elsewhere != Some(folder) {
                other_device = std::fs::metadata(folder)?.dev() != device;
                elsewhere = Some(folder);
            }
            if other_device {
                File::open(path)?.sync_all()?;
            }
        }
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = root;
        for path in paths {
            File::open(path)?.sync_all()?;
        }
        Ok(())
    }
}
