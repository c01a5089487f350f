//! The lock sidecar `.FILE.styr-lock`, so that a second styr on the same file can warn.
//!
//! The lock is on a stable sidecar, not on the portfolio file (a save renames a new file
//! into place, so a lock on the file itself would protect nothing). It is an advisory
//! `flock`-style lock (`File::try_lock`): the system releases it when the holder dies, even
//! by SIGKILL, so it never goes stale. Advisory locks are unreliable on network file
//! systems: a lock is a warning to show, not a guarantee.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::{canonical_new, sidecar, sidecar_path};

/// `.FILE.styr-lock` beside `doc_path`.
pub fn lock_path(doc_path: &Path) -> PathBuf {
    sidecar_path(doc_path, ".styr-lock")
}

/// A held lock; released (and its file removed) when dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    file: Option<File>,
}

impl Lock {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Release the lock now.
    pub fn release(mut self) {
        self.unlock();
    }

    fn unlock(&mut self) {
        if let Some(f) = self.file.take() {
            // Remove the file while still holding the lock, so whoever locks next finds
            // either this file locked or a new one (see `acquire`'s inode check).
            let _ = fs::remove_file(&self.path);
            let _ = f.unlock();
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        self.unlock();
    }
}

/// The answer of [`acquire`].
#[derive(Debug)]
pub enum LockState {
    Acquired(Lock),
    /// Another process holds the lock: another styr has the file open. `pid` and `host`
    /// are what it wrote into the lock file (`None` if it had not written them yet).
    HeldByOther {
        pid: Option<u32>,
        host: Option<String>,
        /// Who chairs the meeting: the name the holder locked as ([`acquire_as`]); `None`
        /// when it gave none. Text from a file: clean it before it is shown.
        by: Option<String>,
    },
}

/// Try to lock the sidecar of `doc_path`. Never waits. [`acquire_as`] with no name.
pub fn acquire(doc_path: impl AsRef<Path>) -> io::Result<LockState> {
    acquire_as(doc_path, "")
}

/// Try to lock the sidecar of `doc_path` as the chair `by` (written as a `by=NAME` line
/// unless empty, so the seats can say who chairs). Never waits.
///
/// The sidecar is never opened through a link, and another user's is never written into
/// (see [`sidecar`]): a stale lock of another user (nobody holds it) is removed and a new
/// one made. The lock's text (`pid=…`, `host=…`) is written completely or not at all: if
/// writing it fails (a full disk), the lock file is removed again and the error returned.
/// It takes the read permissions of the portfolio file ([`sidecar::meeting_mode`]).
pub fn acquire_as(doc_path: impl AsRef<Path>, by: &str) -> io::Result<LockState> {
    let doc = canonical_new(doc_path.as_ref())?;
    let path = lock_path(&doc);
    let mode = sidecar::meeting_mode(&doc);
    // A holder that is just letting go removes the file; then lock the new one instead.
    for _ in 0..8 {
        let mut f = match sidecar::create_new_exact(&path, mode) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                match sidecar::open(&path, sidecar::Access::Write) {
                    Ok(f) => f,
                    // Another user's lock: open it to read, and to see if it is held.
                    Err(e)
                        if e.kind() == io::ErrorKind::PermissionDenied
                            && !sidecar::is_link(&path) =>
                    {
                        sidecar::open(&path, sidecar::Access::Read)?
                    }
                    Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                    Err(e) => return Err(e),
                }
            }
            Err(e) => return Err(e),
        };
        match f.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = (&f).take(4096).read_to_string(&mut text);
                let (pid, host, by) = parse_owner(&text);
                return Ok(LockState::HeldByOther { pid, host, by });
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
        if !same_file(&f, &path) {
            continue;
        }
        let meta = f.metadata()?;
        if sidecar::names(&meta) > 1 {
            // A hard link planted at the lock's name: take the name away (the file it
            // links is left as it is) and make a lock of our own.
            fs::remove_file(&path)?;
            continue;
        }
        if sidecar::owner_if_not_me(&meta).is_some() {
            // Left by another user's styr that is gone (nobody holds it): make our own.
            fs::remove_file(&path).map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!(
                        "{} is a stale lock of another user and cannot be removed: {}",
                        sidecar::name_of(&path),
                        sidecar::brief(&e)
                    ),
                )
            })?;
            continue;
        }
        let mut text = format!("pid={}\nhost={}\n", std::process::id(), host_name());
        if !by.is_empty() {
            text.push_str(&format!("by={}\n", escape_by(by)));
        }
        if let Err(e) = sidecar::set_mode(&f, mode)
            .and_then(|()| f.set_len(0))
            .and_then(|()| f.write_all(text.as_bytes()))
            .and_then(|()| f.sync_data())
        {
            // Not a half-written lock: none at all.
            let _ = fs::remove_file(&path);
            return Err(io::Error::new(
                e.kind(),
                format!("{}: {}", sidecar::name_of(&path), sidecar::brief(&e)),
            ));
        }
        return Ok(LockState::Acquired(Lock {
            path,
            file: Some(f),
        }));
    }
    Err(io::Error::other(format!(
        "{} keeps being replaced; cannot lock it",
        sidecar::name_of(&path)
    )))
}

/// Is process `pid` on this machine alive? Where that cannot be known, yes.
pub(crate) fn alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

/// Is the open file still the one at `path` (not removed or replaced meanwhile)?
fn same_file(f: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (f.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (f, path);
        true
    }
}

/// The holder's pid, host and name, as [`acquire_as`] wrote them.
pub(crate) fn parse_owner(text: &str) -> (Option<u32>, Option<String>, Option<String>) {
    let mut pid = None;
    let mut host = None;
    let mut by = None;
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("pid=") {
            pid = v.trim().parse().ok();
        } else if let Some(v) = line.strip_prefix("host=") {
            host = Some(v.trim().to_string()).filter(|h| !h.is_empty());
        } else if let Some(v) = line.strip_prefix("by=") {
            by = sidecar::percent_decode(v).filter(|b| !b.is_empty());
        }
    }
    (pid, host, by)
}

/// The chair's name on one line of the lock: control characters (a line break would
/// make a `pid=` line of its own) and `%` are written as `%XX`.
fn escape_by(by: &str) -> String {
    sidecar::percent_encode(by, |_, c| !c.is_control())
}

/// The lock of `doc_path` (canonical) as its holder wrote it: pid, host and name, when
/// that process is alive on this host; `None` when there is no lock, or its holder is gone.
pub(crate) fn holder(doc_path: &Path) -> Option<(u32, String, Option<String>)> {
    let (bytes, _) = sidecar::read(&lock_path(doc_path), 4096).ok().flatten()?;
    let (pid, host, by) = parse_owner(&String::from_utf8_lossy(&bytes));
    let (pid, host) = (pid?, host?);
    (host == host_name() && alive(pid)).then_some((pid, host, by))
}

/// This machine's name, for the lock and the journal header ("unknown" if not found).
pub fn host_name() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .filter_map(|p| fs::read_to_string(p).ok())
        .chain(std::env::var("HOSTNAME").ok())
        .map(|s| s.trim().to_string())
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_in_the_same_process_is_refused_until_released() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("p.ron");
        fs::write(&doc, "x").unwrap();
        let LockState::Acquired(lock) = acquire(&doc).unwrap() else {
            panic!("first lock refused");
        };
        assert!(lock.path().exists());
        match acquire(&doc).unwrap() {
            LockState::HeldByOther { pid, host, by } => {
                assert_eq!(pid, Some(std::process::id()));
                assert_eq!(host, Some(host_name()));
                assert_eq!(by, None, "acquire gives no name");
            }
            LockState::Acquired(_) => panic!("locked twice"),
        }
        lock.release();
        assert!(!lock_path(&fs::canonicalize(&doc).unwrap()).exists());
        assert!(matches!(acquire(&doc).unwrap(), LockState::Acquired(_)));
    }

    #[test]
    fn owner_lines_are_read_tolerantly() {
        assert_eq!(
            parse_owner("pid=12\nhost=a\n"),
            (Some(12), Some("a".into()), None)
        );
        assert_eq!(parse_owner(""), (None, None, None));
        assert_eq!(parse_owner("pid=x\nhost=\nby=\n"), (None, None, None));
        assert_eq!(
            parse_owner("by=%ZZ\npid=3\n"),
            (Some(3), None, None),
            "a name that is not one styr wrote is no name"
        );
    }

    #[test]
    fn the_lock_says_who_chairs_even_a_name_with_a_line_break() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("p.ron");
        fs::write(&doc, "x").unwrap();
        let name = "Ida\npid=1\n100%";
        let LockState::Acquired(lock) = acquire_as(&doc, name).unwrap() else {
            panic!("first lock refused");
        };
        let text = fs::read_to_string(lock.path()).unwrap();
        assert_eq!(
            text.lines().filter(|l| l.starts_with("pid=")).count(),
            1,
            "{text}"
        );
        match acquire_as(&doc, "Knut").unwrap() {
            LockState::HeldByOther { pid, by, .. } => {
                assert_eq!(pid, Some(std::process::id()));
                assert_eq!(by.as_deref(), Some(name));
            }
            LockState::Acquired(_) => panic!("locked twice"),
        }
        let doc = fs::canonicalize(&doc).unwrap();
        assert_eq!(
            holder(&doc),
            Some((std::process::id(), host_name(), Some(name.to_string())))
        );
        drop(lock);
        assert_eq!(holder(&doc), None, "released: nobody chairs");
        // A lock a dead process left (SIGKILL) names nobody either.
        fs::write(
            lock_path(&doc),
            format!("pid={}\nhost={}\nby=Ida\n", u32::MAX - 1, host_name()),
        )
        .unwrap();
        assert_eq!(holder(&doc), None);
    }
}
