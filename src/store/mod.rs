//! The portfolio file on disk: opening, safe saving, the recovery journal and the lock.
//! No terminal code here.
//!
//! The promises (see RELIABILITY.md):
//!
//! - **Nothing is written on open.** A read-only session simply never calls [`save`],
//!   [`journal::Journal::append`] or [`lock::acquire`].
//! - **Never overwrite an outside change.** [`open`] remembers a [`Fingerprint`] (length,
//!   mtime, content hash); [`save`] hashes the file again first and answers
//!   [`SaveOutcome::Conflict`] when the content differs. A `touch` or a checkout that
//!   leaves the content as it was is not a conflict.
//! - **Never a half-written file.** A save writes a temporary file in the same folder,
//!   syncs it, renames it over the original (keeping its permissions and extended
//!   attributes) and syncs the folder. A symlink is followed: its target is saved, the
//!   link stays a link. A file with several hard links is written in place instead,
//!   through a synced copy, so the links stay (and the user is told).
//! - **Nothing beside the file follows a link.** Lock, journal, temporary files, kept
//!   copies, the chair's state and the seats' files are opened through [`sidecar`] only:
//!   `O_NOFOLLOW`, `O_EXCL` on creation, never into another user's file. Temporary files
//!   left by a process that died mid-save are removed at the next start or save.
//! - **Whoever may read the file may follow the meeting.** Journal, lock, [`chair`] and
//!   [`seat`] files take its read permissions ([`sidecar::meeting_mode`]); kept copies not.
//! - **The file's own protection counts.** A file this user may not write opens
//!   read-only ([`Document::write_protected`]) and [`save`] refuses it.
//! - **The file stays the user's.** A save writes into the text styr loaded only what
//!   changed ([`crate::model::splice`]): comments, layout and the rest stay byte for
//!   byte, and the new text must load back to exactly what is on screen or nothing is
//!   written. Only a file styr makes itself ([`create`]) is written in the canonical
//!   form.
//!
//! What it cannot promise: the check and the rename are not one atomic step, so a writer
//! that changes the file in between (microseconds) is not seen; a save replaces the
//! file with a new one, so the owner becomes the saving user where the system does not
//! allow keeping it.

pub mod atomic;
pub mod chair;
pub mod follow;
pub mod journal;
pub mod kept;
mod lines;
pub mod lock;
pub mod read;
pub mod seat;
pub mod sidecar;
mod xattr;

use std::fs::{self, Metadata};
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::model::Portfolio;
use crate::model::progress::{NOBODY, Progress, Stage};
use crate::model::save::to_ron;
use crate::model::splice::{self, SpliceError};

pub use chair::{
    ChairState, RoundState, chair_path, chair_present, read_chair, remove_chair, write_chair,
};
pub use journal::{
    Journal, JournalEntry, JournalHeader, Recovered, ReplayReport, discard_journal, read_journal,
    replay,
};
pub use lock::{Lock, LockState, acquire, acquire_as};
pub use seat::{
    JoinOutcome, SEAT_VERSION, Seat, SeatEntry, SeatSeen, is_meeting_file, join, seat_path, seats,
};

/// FNV-1a, 64 bits: a stable content hash (the same on every machine and every run).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A stable 64-bit hash of a file's content, eight bytes at a time (FNV-1a's constants
/// over words, then the length): the same on every machine and every run, and fast
/// enough for a 200 MB file to be hashed in a few tens of milliseconds, where FNV-1a
/// byte by byte took a quarter of a second. It tells changes apart, not attackers: who
/// can write the file can change it anyway.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        h = (h ^ w).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(29);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h ^ bytes.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// What a file was at one moment: enough to tell whether it changed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fingerprint {
    /// Length in bytes.
    pub len: u64,
    /// Modification time in nanoseconds since 1970 (negative before); `None` where the
    /// system does not tell.
    pub mtime_ns: Option<i64>,
    /// [`content_hash`] of the content.
    pub hash: u64,
}

impl Fingerprint {
    /// The fingerprint of `bytes`, with the modification time from `meta`.
    pub fn of(bytes: &[u8], meta: Option<&Metadata>) -> Fingerprint {
        Fingerprint {
            len: bytes.len() as u64,
            mtime_ns: meta.and_then(mtime_ns),
            hash: content_hash(bytes),
        }
    }

    /// Same content (length and hash), whatever the times say.
    pub fn same_content(&self, other: &Fingerprint) -> bool {
        self.len == other.len && self.hash == other.hash
    }
}

fn mtime_ns(meta: &Metadata) -> Option<i64> {
    let t = meta.modified().ok()?;
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).ok(),
        Err(e) => i64::try_from(e.duration().as_nanos()).ok().map(|n| -n),
    }
}

/// An open portfolio file: where it is and what it was when styr last read or wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    path: PathBuf,
    fingerprint: Fingerprint,
    /// The text as styr last read or wrote it: what a save splices into.
    text: std::sync::Arc<str>,
    /// What `text` loads to, when the caller has it ([`Document::set_base`]): a save
    /// then need not parse the text again before splicing into it.
    base: Option<std::sync::Arc<Portfolio>>,
    /// The file's mode when this user may not write it (see [`Document::write_protected`]).
    protected: Option<u32>,
}

/// How the file on disk compares with what styr last read or wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskState {
    /// Same content and same modification time.
    Unchanged,
    /// Same content, new metadata (a `touch`, a checkout of the same version).
    Touched,
    /// Different content: someone else saved.
    Changed(Fingerprint),
    /// The file is gone.
    Missing,
}

impl Document {
    /// Tell the document what its text loads to (the portfolio the caller loaded from
    /// the bytes [`open`] gave), so that a save splices without parsing it again.
    pub fn set_base(&mut self, p: Portfolio) {
        self.base = Some(std::sync::Arc::new(p));
    }

    /// The canonical path (symlinks resolved): the file that is read and saved.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file as styr last read or wrote it.
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    /// `Some(mode)` when this user may not write the file: its mode or owner says so
    /// (no write permission for this user, or no write bit at all, which even root
    /// respects here), or the file system is read-only. Such a file opens read-only,
    /// and [`save`] refuses it.
    pub fn write_protected(&self) -> Option<u32> {
        self.protected
    }

    /// `.FILE.styr-journal`, the recovery journal beside the file.
    pub fn journal_path(&self) -> PathBuf {
        journal::journal_path(&self.path)
    }

    /// `.FILE.styr-lock`, the lock sidecar beside the file.
    pub fn lock_path(&self) -> PathBuf {
        lock::lock_path(&self.path)
    }

    /// Look at the file on disk now (reads and hashes it; writes nothing).
    pub fn disk_state(&self) -> io::Result<DiskState> {
        match read_file(&self.path) {
            Ok((bytes, meta)) => {
                let now = Fingerprint::of(&bytes, Some(&meta));
                Ok(if !now.same_content(&self.fingerprint) {
                    DiskState::Changed(now)
                } else if now.mtime_ns != self.fingerprint.mtime_ns {
                    DiskState::Touched
                } else {
                    DiskState::Unchanged
                })
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(DiskState::Missing),
            Err(e) => Err(e),
        }
    }
}

/// Open a portfolio file: resolve the path, read the bytes, remember the fingerprint.
/// Writes nothing. The bytes go to [`crate::model::load_bytes`].
pub fn open(path: impl AsRef<Path>) -> io::Result<(Vec<u8>, Document)> {
    let path = fs::canonicalize(path.as_ref())?;
    let (bytes, meta) = read_file(&path)?;
    let doc = document(path, &bytes, &meta);
    Ok((bytes, doc))
}

/// [`open`], handing the bytes to `load` while the document is made alongside on
/// another core (hashing and copying 200 MB takes a third of a second).
pub fn open_with<T: Send>(
    path: impl AsRef<Path>,
    load: impl FnOnce(&[u8]) -> T + Send,
) -> io::Result<(T, Document)> {
    let path = fs::canonicalize(path.as_ref())?;
    let (bytes, meta) = read_file(&path)?;
    let (doc, loaded) = rayon::join(|| document(path, &bytes, &meta), || load(&bytes));
    Ok((loaded, doc))
}

/// The document of the file at `path` that was read as `bytes`.
fn document(path: PathBuf, bytes: &[u8], meta: &Metadata) -> Document {
    Document {
        fingerprint: Fingerprint::of(bytes, Some(meta)),
        text: text_of(bytes),
        base: None,
        protected: protection(&path, meta),
        path,
    }
}

/// Read a regular file and its metadata through one handle, refusing absurd sizes.
fn read_file(path: &Path) -> io::Result<(Vec<u8>, Metadata)> {
    read::read_portfolio_file(path)
}

/// `Some(mode)` when this user may not write the file at `path` (see
/// [`Document::write_protected`]).
fn protection(path: &Path, meta: &Metadata) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode();
        let c = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
        // SAFETY: `c` is a NUL-terminated path; faccessat only looks at it.
        let may =
            unsafe { libc::faccessat(libc::AT_FDCWD, c.as_ptr(), libc::W_OK, libc::AT_EACCESS) }
                == 0;
        (!may || mode & 0o222 == 0).then_some(mode & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        meta.permissions().readonly().then_some(0o444)
    }
}

/// `r--r--r--` for 0o444: a mode as `ls -l` shows it.
pub fn mode_string(mode: u32) -> String {
    let bits = [(0o400, 'r'), (0o200, 'w'), (0o100, 'x')];
    (0..3)
        .flat_map(|who| {
            bits.iter().map(move |&(bit, c)| {
                if mode & (bit >> (3 * who)) != 0 {
                    c
                } else {
                    '-'
                }
            })
        })
        .collect()
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    Saved(Saved),
    /// Nothing was written: the file is not what styr read. Offer reload or save-as.
    Conflict(Conflict),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The file that was saved.
    pub path: PathBuf,
    /// False when the file already held exactly this text (nothing was rewritten).
    pub written: bool,
    /// The file has this many hard links, so it was written in place (through a synced
    /// copy beside it) to keep them: the other names see the saved text too.
    pub in_place_links: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// Someone else changed the file since styr read it.
    Changed { on_disk: Fingerprint },
    /// The file was deleted or moved away.
    Missing,
}

/// Why a save failed. In every case the file on disk is as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot read {} to check it before saving: {source}", sidecar::name_of(.path))]
    Check { path: PathBuf, source: io::Error },
    #[error(
        "cannot save {}: {}; the file is unchanged (save-as can put it elsewhere)",
        sidecar::name_of(.path),
        sidecar::brief(.source)
    )]
    Write { path: PathBuf, source: io::Error },
    #[error("{0}")]
    Splice(SpliceError),
    #[error("{} already exists; choose another name", sidecar::name_of(.0))]
    Exists(PathBuf),
    #[error("{} is not a file name", .0.display())]
    BadPath(PathBuf),
    #[error(
        "{} is write-protected ({}); nothing was saved: save under another name",
        sidecar::name_of(.path),
        mode_string(*.mode)
    )]
    Protected { path: PathBuf, mode: u32 },
}

/// Save `p` over the document's file, unless the file changed on disk since it was read
/// (then [`SaveOutcome::Conflict`], and nothing is written).
pub fn save(doc: &mut Document, p: &Portfolio) -> Result<SaveOutcome, SaveError> {
    save_touched(doc, p, None)
}

/// [`save`], comparing only the `touched` projects with the saved ones (the undo
/// history's, [`crate::model::edit::History::touched`]): at 100,000 projects that is most
/// of the work of finding what changed. A project left out that changed after all makes
/// the check after the splice refuse the save; nothing is lost.
pub fn save_touched(
    doc: &mut Document,
    p: &Portfolio,
    touched: Option<&[usize]>,
) -> Result<SaveOutcome, SaveError> {
    save_touched_with(doc, p, touched, &NOBODY)
}

/// [`save_touched`], counting in `progress` the projects of the new text checked to
/// load back ([`Stage::Saving`]), then the write ([`Stage::Writing`]).
pub fn save_touched_with(
    doc: &mut Document,
    p: &Portfolio,
    touched: Option<&[usize]>,
    progress: &Progress,
) -> Result<SaveOutcome, SaveError> {
    progress.begin(Stage::Saving, 0);
    let check_err = |source| SaveError::Check {
        path: doc.path.clone(),
        source,
    };
    let (on_disk, meta) = match read_file(&doc.path) {
        Ok(x) => x,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(SaveOutcome::Conflict(Conflict::Missing));
        }
        Err(e) => return Err(check_err(e)),
    };
    let now = Fingerprint::of(&on_disk, Some(&meta));
    if !now.same_content(&doc.fingerprint) {
        return Ok(SaveOutcome::Conflict(Conflict::Changed { on_disk: now }));
    }
    if let Some(mode) = protection(&doc.path, &meta) {
        doc.protected = Some(mode);
        return Err(SaveError::Protected {
            path: doc.path.clone(),
            mode,
        });
    }
    atomic::remove_stale(&doc.path);
    let (text, loaded) = spliced(doc, p, touched, progress)?;
    progress.begin(Stage::Writing, 0);
    if text.as_bytes() == on_disk.as_slice() {
        doc.fingerprint = now;
        return Ok(SaveOutcome::Saved(Saved {
            path: doc.path.clone(),
            written: false,
            in_place_links: None,
        }));
    }

    let links = sidecar::names(&meta);
    let written = if links > 1 {
        atomic::overwrite_in_place(&doc.path, text.as_bytes(), &on_disk)
    } else {
        atomic::replace(&doc.path, text.as_bytes(), Some(&meta)).map(drop)
    };
    written.map_err(|source| SaveError::Write {
        path: doc.path.clone(),
        source,
    })?;
    let meta = fs::metadata(&doc.path).ok();
    doc.fingerprint = Fingerprint::of(text.as_bytes(), meta.as_ref());
    let old_text = std::mem::replace(&mut doc.text, text.into());
    let old_base = loaded.and_then(|l| doc.base.replace(std::sync::Arc::new(l)));
    // Freeing the old text and portfolio (100,000 projects: a fifth of a second) need
    // not keep the user waiting.
    std::thread::spawn(move || drop((old_text, old_base)));
    Ok(SaveOutcome::Saved(Saved {
        path: doc.path.clone(),
        written: true,
        in_place_links: (links > 1).then_some(links),
    }))
}

/// Save `p` under a new name (after a conflict, say). Never replaces an existing file:
/// [`SaveError::Exists`] if one is there. On success the document is the new file (its
/// journal and lock are the new file's; the caller moves them, see [`journal::Journal::saved`]).
pub fn save_as(
    doc: &mut Document,
    p: &Portfolio,
    new_path: impl AsRef<Path>,
) -> Result<SaveOutcome, SaveError> {
    save_as_with(doc, p, new_path, &NOBODY)
}

/// [`save_as`], counting as [`save_touched_with`] does.
pub fn save_as_with(
    doc: &mut Document,
    p: &Portfolio,
    new_path: impl AsRef<Path>,
    progress: &Progress,
) -> Result<SaveOutcome, SaveError> {
    progress.begin(Stage::Saving, 0);
    let new_path = new_path.as_ref();
    if fs::symlink_metadata(new_path).is_ok() {
        return Err(SaveError::Exists(new_path.to_path_buf()));
    }
    let target = canonical_new(new_path).map_err(|source| SaveError::Write {
        path: new_path.to_path_buf(),
        source,
    })?;
    let (text, loaded) = spliced(doc, p, None, progress)?;
    progress.begin(Stage::Writing, 0);
    // The copy of a write-protected file is the user's to write: it gets the owner's
    // write bit.
    let perms = fs::metadata(&doc.path).ok().map(|m| {
        let mut perms = m.permissions();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            perms.set_mode(perms.mode() | 0o200);
        }
        #[cfg(not(unix))]
        perms.set_readonly(false);
        perms
    });
    let written =
        atomic::write_new(&target, text.as_bytes(), perms).map_err(|source| SaveError::Write {
            path: target.clone(),
            source,
        })?;
    if !written {
        return Err(SaveError::Exists(target));
    }
    let meta = fs::metadata(&target).ok();
    doc.fingerprint = Fingerprint::of(text.as_bytes(), meta.as_ref());
    doc.path = target;
    let old_text = std::mem::replace(&mut doc.text, text.into());
    let old_base = loaded.and_then(|l| doc.base.replace(std::sync::Arc::new(l)));
    // Freeing the old text and portfolio (100,000 projects: a fifth of a second) need
    // not keep the user waiting.
    std::thread::spawn(move || drop((old_text, old_base)));
    doc.protected = None;
    Ok(SaveOutcome::Saved(Saved {
        path: doc.path.clone(),
        written: true,
        in_place_links: None,
    }))
}

/// Write `p` to a new file at `path` (never replacing one that is there) and open it:
/// for a portfolio that has no file yet, such as the bundled example.
pub fn create(p: &Portfolio, path: impl AsRef<Path>) -> Result<Document, SaveError> {
    let path = path.as_ref();
    let write_err = |source| SaveError::Write {
        path: path.to_path_buf(),
        source,
    };
    if fs::symlink_metadata(path).is_ok() {
        return Err(SaveError::Exists(path.to_path_buf()));
    }
    let target = canonical_new(path).map_err(write_err)?;
    let text = to_ron(p);
    if !atomic::write_new(&target, text.as_bytes(), None).map_err(write_err)? {
        return Err(SaveError::Exists(target));
    }
    let (_, doc) = open(&target).map_err(write_err)?;
    Ok(doc)
}

/// The canonical form of a path whose file may not exist yet: the folder resolved, the
/// name kept.
pub fn canonical_new(path: &Path) -> io::Result<PathBuf> {
    if let Ok(p) = fs::canonicalize(path) {
        return Ok(p);
    }
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} has no file name", path.display()),
        )
    })?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Ok(fs::canonicalize(parent)?.join(name))
}

/// `.FILE<suffix>` beside `FILE` (the journal's and the lock's names).
pub(crate) fn sidecar_path(path: &Path, suffix: &str) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or(path.as_os_str()));
    name.push(suffix);
    path.with_file_name(name)
}

/// The text of a file styr read (it loaded, so it is UTF-8; anything else is kept as
/// well as it can be, and a save from it fails its check rather than lose bytes).
fn text_of(bytes: &[u8]) -> std::sync::Arc<str> {
    String::from_utf8_lossy(bytes).into()
}

/// The document's text (as styr last read or wrote it) with the changes to `p` written
/// into it, checked to load back to exactly `p`; and what it was checked to load to.
fn spliced(
    doc: &Document,
    p: &Portfolio,
    touched: Option<&[usize]>,
    progress: &Progress,
) -> Result<(String, Option<Portfolio>), SaveError> {
    let parsed;
    let base = match &doc.base {
        Some(b) => b.as_ref(),
        None => {
            parsed = crate::model::parse(&doc.text)
                .map_err(|d| SaveError::Splice(SpliceError::Unreadable(d.render("the file"))))?;
            &parsed
        }
    };
    splice::save_checked_with(&doc.text, base, p, touched, progress).map_err(SaveError::Splice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn the_content_hash_tells_small_changes_apart() {
        let a = "x".repeat(1000);
        let mut seen = std::collections::HashSet::new();
        assert!(seen.insert(content_hash(a.as_bytes())));
        for i in 0..1000 {
            let mut b = a.clone().into_bytes();
            b[i] = b'y';
            assert!(seen.insert(content_hash(&b)), "{i}");
        }
        // Length counts: trailing zeros are not the same content.
        assert_ne!(content_hash(b"ab"), content_hash(b"ab\0"));
        assert_ne!(content_hash(&[0; 8]), content_hash(&[0; 16]));
    }

    #[test]
    fn sidecars_sit_beside_the_file() {
        let p = Path::new("/a/b/plan.ron");
        assert_eq!(
            sidecar_path(p, ".styr-journal"),
            Path::new("/a/b/.plan.ron.styr-journal")
        );
    }
}
