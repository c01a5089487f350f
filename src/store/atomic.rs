//! Writing a file so that a crash leaves either the old or the new content, never a mix:
//! temporary file in the same folder → write → `sync_all` → rename → sync the folder.
//!
//! `tempfile` makes the temporary file (a fresh random name, created with `O_EXCL`, so a
//! link planted at that name is refused, and removed again if anything fails before the
//! rename) and does the rename, including the no-clobber rename that save-as needs; the
//! syncs, the permissions and the extended attributes are done here.
//!
//! Temporary files are named `.FILE.<host>-<pid>.<random>.styr-tmp`, so that styr knows
//! its own: one left by a process that died mid-save (SIGKILL) is removed at the next
//! start or save ([`remove_stale`]).

use std::fs::{File, Metadata, Permissions};
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};

use tempfile::{Builder, NamedTempFile};

const TMP_SUFFIX: &str = ".styr-tmp";

/// Replace `path` with `bytes` atomically. With `like`, the new file gets the old one's
/// permissions, extended attributes and (where the system allows) owner and group.
/// Returns the new file, open.
pub fn replace(path: &Path, bytes: &[u8], like: Option<&Metadata>) -> io::Result<File> {
    let tmp = prepared(path, bytes, like.map(Metadata::permissions), like, true)?;
    let f = tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(path);
    Ok(f)
}

/// Replace `path` with `bytes` atomically, the new file made with exactly `mode` (a
/// meeting's file, see [`super::sidecar::meeting_mode`]). With `durable`, the new file and
/// the folder are synced, as [`replace`] does; without, the rename is still all or nothing
/// but a crash of the machine (not of styr) may lose it — for what is written often and
/// matters little, such as the chair's cursor. Returns the new file, open.
pub fn replace_mode(path: &Path, bytes: &[u8], mode: u32, durable: bool) -> io::Result<File> {
    #[cfg(unix)]
    let perms = {
        use std::os::unix::fs::PermissionsExt;
        Some(Permissions::from_mode(mode))
    };
    #[cfg(not(unix))]
    let perms = {
        let _ = mode;
        None
    };
    let tmp = prepared(path, bytes, perms, None, durable)?;
    let f = tmp.persist(path).map_err(|e| e.error)?;
    if durable {
        sync_dir(path);
    }
    Ok(f)
}

/// `.FILE.styr-saving`: the whole new text, kept while a file with several names is
/// written in place. Left behind only if styr died in the middle of that write; then it
/// is the text to put back (`cli::load` says so when the file no longer loads).
pub fn saving_copy_path(path: &Path) -> PathBuf {
    super::sidecar_path(path, ".styr-saving")
}

/// Write `bytes` over the file at `path` in place, keeping its inode (and so its hard
/// links, owner and attributes); `old` is what the file holds now. A synced copy of
/// `bytes` is kept first as [`saving_copy_path`], and removed once the overwrite is on
/// disk. If the overwrite fails half-way, `old` is written back; if even that fails, the
/// copy stays and its name is in the error.
pub fn overwrite_in_place(path: &Path, bytes: &[u8], old: &[u8]) -> io::Result<()> {
    let copy = saving_copy_path(path);
    // One left by an earlier save that died: the file loaded since, so it is obsolete.
    super::journal::remove_if_there(&copy)?;
    let mut c = super::sidecar::create_new(&copy, 0o600)?;
    if let Err(e) = c.write_all(bytes).and_then(|()| c.sync_all()) {
        let _ = std::fs::remove_file(&copy);
        return Err(e);
    }
    sync_dir(&copy);
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .custom_nofollow()
        .open(path)?;
    let write = |f: &mut File, b: &[u8]| -> io::Result<()> {
        f.rewind()?;
        f.write_all(b)?;
        f.set_len(b.len() as u64)?;
        f.sync_all()
    };
    if let Err(e) = write(&mut f, bytes) {
        if write(&mut f, old).is_err() {
            return Err(io::Error::new(
                e.kind(),
                format!(
                    "{e}; the new text is kept in {}",
                    super::sidecar::name_of(&copy)
                ),
            ));
        }
        let _ = std::fs::remove_file(&copy);
        return Err(e);
    }
    std::fs::remove_file(&copy)?;
    sync_dir(path);
    Ok(())
}

/// Write `bytes` to `path` atomically unless a file is already there. `Ok(false)` when
/// there was one (it is left untouched).
pub fn write_new(path: &Path, bytes: &[u8], perms: Option<Permissions>) -> io::Result<bool> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Ok(false);
    }
    let perms = new_file_permissions(perms);
    let tmp = prepared(path, bytes, perms, None, true)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => {
            sync_dir(path);
            Ok(true)
        }
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e.error),
    }
}

/// The permissions of a file styr creates: those asked for (a copy keeps its original's)
/// or else 0666, less the user's umask, as `cp` and an editor would make it; never the
/// temporary file's 0600, which would hide a new file from colleagues on a shared server.
fn new_file_permissions(asked: Option<Permissions>) -> Option<Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = asked.map_or(0o666, |p| p.mode() & 0o7777);
        Some(Permissions::from_mode(mode & !umask()))
    }
    #[cfg(not(unix))]
    {
        asked
    }
}

/// This process's umask, read where it can be without changing it (Linux shows it in
/// /proc/self/status); 022 where it cannot.
#[cfg(unix)]
fn umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022)
}

/// `O_NOFOLLOW` on an [`std::fs::OpenOptions`], where the system has it.
trait NoFollow {
    fn custom_nofollow(&mut self) -> &mut Self;
}

impl NoFollow for std::fs::OpenOptions {
    fn custom_nofollow(&mut self) -> &mut Self {
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            self.custom_flags(libc::O_NOFOLLOW);
        }
        self
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// `.FILE.` — what every temporary name of `path` starts with.
fn tmp_prefix(path: &Path) -> std::ffi::OsString {
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(path.file_name().unwrap_or_default());
    prefix.push(".");
    prefix
}

/// `<host>-<pid>`: whose temporary file it is.
fn owner_tag(pid: u32) -> String {
    format!(
        "{:08x}-{pid}",
        super::fnv1a64(super::lock::host_name().as_bytes()) as u32
    )
}

/// A temporary file beside `path` holding `bytes`, synced if `sync`.
fn prepared(
    path: &Path,
    bytes: &[u8],
    perms: Option<Permissions>,
    like: Option<&Metadata>,
    sync: bool,
) -> io::Result<NamedTempFile> {
    let mut prefix = tmp_prefix(path);
    prefix.push(owner_tag(std::process::id()));
    prefix.push(".");
    let mut tmp = Builder::new()
        .prefix(&prefix)
        .suffix(TMP_SUFFIX)
        .tempfile_in(folder_of(path))?;
    if let Some(perms) = perms {
        tmp.as_file().set_permissions(perms)?;
    }
    #[cfg(unix)]
    if let Some(meta) = like {
        use std::os::unix::fs::MetadataExt;
        // Keep the owner and group where allowed; an ordinary user usually may keep the
        // group only, and that is fine: the permissions were kept above.
        let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()));
        let _ = std::os::unix::fs::fchown(tmp.as_file(), None, Some(meta.gid()));
        super::xattr::copy(path, tmp.as_file());
    }
    #[cfg(not(unix))]
    let _ = like;
    tmp.write_all(bytes)?;
    if sync {
        tmp.as_file().sync_all()?;
    }
    Ok(tmp)
}

/// Remove the temporary files of `path` that styr processes on this machine left when
/// they died mid-save. Only this user's plain files with styr's name are touched; a
/// running process's are left alone. Returns how many were removed.
pub fn remove_stale(path: &Path) -> usize {
    let prefix = tmp_prefix(path);
    let prefix = prefix.to_string_lossy();
    let host = owner_tag(0);
    let host = host.split('-').next().unwrap_or_default();
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(pid) = stale_pid(name, &prefix, host) else {
            continue;
        };
        if pid == std::process::id() || super::lock::alive(pid) {
            continue;
        }
        let p: PathBuf = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if meta.is_file()
            && super::sidecar::owner_if_not_me(&meta).is_none()
            && std::fs::remove_file(&p).is_ok()
        {
            removed += 1;
        }
    }
    if removed > 0 {
        sync_dir(path);
    }
    removed
}

/// The pid in a temporary name `PREFIX<host>-<pid>.<random>.styr-tmp` of this host.
fn stale_pid(name: &str, prefix: &str, host: &str) -> Option<u32> {
    let rest = name.strip_prefix(prefix)?.strip_suffix(TMP_SUFFIX)?;
    let (tag, _random) = rest.split_once('.')?;
    let (h, pid) = tag.split_once('-')?;
    (h == host).then_some(())?;
    pid.parse().ok()
}

/// Make a rename or a new file in `path`'s folder durable. Best effort: the rename has
/// already happened, and some file systems refuse to sync a folder.
pub fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(folder_of(path)) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_umasks_permissions_and_a_copy_keeps_its_originals() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mask = super::umask();
        let new = dir.path().join("new.ron");
        assert!(super::write_new(&new, b"x", None).unwrap());
        let mode = std::fs::metadata(&new).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !mask);
        let copy = dir.path().join("copy.ron");
        let asked = std::fs::Permissions::from_mode(0o640);
        assert!(super::write_new(&copy, b"x", Some(asked)).unwrap());
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640 & !mask);
    }

    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

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
        assert_eq!(names(dir.path()), ["a.txt"]);
    }

    #[test]
    fn in_place_keeps_the_inode_and_its_links() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        let link = dir.path().join("b.txt");
        std::fs::write(&p, "a long old text").unwrap();
        std::fs::hard_link(&p, &link).unwrap();
        // A copy an earlier, interrupted save left is obsolete once the file loaded.
        std::fs::write(saving_copy_path(&p), "stale").unwrap();
        overwrite_in_place(&p, b"new", b"a long old text").unwrap();
        assert_eq!(std::fs::read(&link).unwrap(), b"new");
        assert_eq!(names(dir.path()), ["a.txt", "b.txt"]);
    }

    #[test]
    fn stale_temporary_files_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.ron");
        std::fs::write(&p, "x").unwrap();
        let host = owner_tag(0);
        let host = host.split('-').next().unwrap();
        let dead = format!(".big.ron.{host}-{}.ab12CD.styr-tmp", u32::MAX - 3);
        let live = format!(".big.ron.{host}-{}.ef34GH.styr-tmp", std::process::id());
        let other_host = format!(".big.ron.00000000-{}.ij56KL.styr-tmp", u32::MAX - 3);
        let not_ours = ".big.ron.notes.txt".to_string();
        let other_file = format!(".other.ron.{host}-{}.mn78OP.styr-tmp", u32::MAX - 3);
        for n in [&dead, &live, &other_host, &not_ours, &other_file] {
            std::fs::write(dir.path().join(n), "tmp").unwrap();
        }
        assert_eq!(remove_stale(&p), 1);
        let left = names(dir.path());
        assert!(!left.contains(&dead), "{left:?}");
        for n in [&live, &other_host, &not_ours, &other_file] {
            assert!(left.contains(n), "{n} was removed: {left:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_stale_name_that_is_a_link_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.ron");
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let host = owner_tag(0);
        let host = host.split('-').next().unwrap().to_string();
        let planted = dir
            .path()
            .join(format!(".big.ron.{host}-{}.zz99ZZ.styr-tmp", u32::MAX - 3));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        assert_eq!(remove_stale(&p), 0);
        assert!(planted.exists());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    }
}
