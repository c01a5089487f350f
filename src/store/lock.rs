//! The lock sidecar `.FILE.styr-lock`, so that a second styr on the same file can warn.
//!
//! The lock is on a stable sidecar, not on the portfolio file (a save renames a new file
//! into place, so a lock on the file itself would protect nothing). It is an advisory
//! `flock`-style lock (`File::try_lock`): the system releases it when the holder dies, even
//! by SIGKILL, so it never goes stale. Advisory locks are unreliable on network file
//! systems: a lock is a warning to show, not a guarantee.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::{canonical_new, sidecar};

/// `.FILE.styr-lock` beside `doc_path`.
pub fn lock_path(doc_path: &Path) -> PathBuf {
    sidecar(doc_path, ".styr-lock")
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
    },
}

/// Try to lock the sidecar of `doc_path`. Never waits.
pub fn acquire(doc_path: impl AsRef<Path>) -> io::Result<LockState> {
    let doc = canonical_new(doc_path.as_ref())?;
    let path = lock_path(&doc);
    // A holder that is just letting go removes the file; then lock the new one instead.
    for _ in 0..8 {
        let mut o = OpenOptions::new();
        o.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            o.mode(0o644);
        }
        let mut f = o.open(&path)?;
        match f.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = f.read_to_string(&mut text);
                let (pid, host) = parse_owner(&text);
                return Ok(LockState::HeldByOther { pid, host });
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
        if !same_file(&f, &path) {
            continue;
        }
        f.set_len(0)?;
        f.write_all(format!("pid={}\nhost={}\n", std::process::id(), host_name()).as_bytes())?;
        f.sync_data()?;
        return Ok(LockState::Acquired(Lock {
            path,
            file: Some(f),
        }));
    }
    Err(io::Error::other(format!(
        "{} keeps being replaced; cannot lock it",
        path.display()
    )))
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

fn parse_owner(text: &str) -> (Option<u32>, Option<String>) {
    let mut pid = None;
    let mut host = None;
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("pid=") {
            pid = v.trim().parse().ok();
        } else if let Some(v) = line.strip_prefix("host=") {
            host = Some(v.trim().to_string()).filter(|h| !h.is_empty());
        }
    }
    (pid, host)
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
            LockState::HeldByOther { pid, host } => {
                assert_eq!(pid, Some(std::process::id()));
                assert_eq!(host, Some(host_name()));
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
            (Some(12), Some("a".into()))
        );
        assert_eq!(parse_owner(""), (None, None));
        assert_eq!(parse_owner("pid=x\nhost=\n"), (None, None));
    }
}
