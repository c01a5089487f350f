//! Writing a file so that a crash leaves either the old or the new content, never a mix:
//! temporary file in the same folder → write → `sync_all` → rename → sync the folder.
//!
//! `tempfile` makes the temporary file (a fresh random name, created exclusively, removed
//! again if anything fails before the rename) and does the rename, including the
//! no-clobber rename that `FILE.orig` and save-as need; the syncs and the permissions
//! are done here, since `persist` does neither.

use std::fs::{File, Metadata, Permissions};
use std::io::{self, Write};
use std::path::Path;

use tempfile::{Builder, NamedTempFile};

/// Replace `path` with `bytes` atomically. With `like`, the new file gets the old one's
/// permissions (and, where the system allows, its owner and group).
pub fn replace(path: &Path, bytes: &[u8], like: Option<&Metadata>) -> io::Result<()> {
    let tmp = prepared(path, bytes, like.map(Metadata::permissions), like)?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(path);
    Ok(())
}

/// Write `bytes` to `path` atomically unless a file is already there. `Ok(false)` when
/// there was one (it is left untouched).
pub fn write_new(path: &Path, bytes: &[u8], perms: Option<Permissions>) -> io::Result<bool> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Ok(false);
    }
    let tmp = prepared(path, bytes, perms, None)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => {
            sync_dir(path);
            Ok(true)
        }
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e.error),
    }
}

/// A synced temporary file beside `path` holding `bytes`.
fn prepared(
    path: &Path,
    bytes: &[u8],
    perms: Option<Permissions>,
    owner_of: Option<&Metadata>,
) -> io::Result<NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(path.file_name().unwrap_or_default());
    prefix.push(".");
    let mut tmp = Builder::new()
        .prefix(&prefix)
        .suffix(".styr-tmp")
        .tempfile_in(dir)?;
    if let Some(perms) = perms {
        tmp.as_file().set_permissions(perms)?;
    }
    #[cfg(unix)]
    if let Some(meta) = owner_of {
        use std::os::unix::fs::MetadataExt;
        // Keep the owner and group where allowed; an ordinary user usually may keep the
        // group only, and that is fine: the permissions were kept above.
        let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()));
        let _ = std::os::unix::fs::fchown(tmp.as_file(), None, Some(meta.gid()));
    }
    #[cfg(not(unix))]
    let _ = owner_of;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Make a rename or a new file in `path`'s folder durable. Best effort: the rename has
/// already happened, and some file systems refuse to sync a folder.
pub fn sync_dir(path: &Path) {
    #[cfg(unix)]
    {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_new_never_clobbers() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        assert!(write_new(&p, b"one", None).unwrap());
        assert!(!write_new(&p, b"two", None).unwrap());
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        replace(&p, b"three", None).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"three");
        // No temporary files are left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.txt"]);
    }
}
