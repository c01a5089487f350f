//! The chair's state for the seats, `.FILE.styr-chair` beside the portfolio: which pane
//! and project the chair is on, and the scoring round, if one is open. The seats read it
//! to follow the chair (`F`) and to open and reveal a round.
//!
//! It is replaced whole on every change (a new file, renamed over the old one), so a seat
//! reads either the old state or the new, never half of one. Never through a link, never
//! over another user's file (a previous chair's of another login: that is said). It takes
//! the portfolio file's read permissions ([`sidecar::meeting_mode`]).
//!
//! Who chairs is the lock's to say ([`chair_present`]): a chair file left by a chair that
//! died still reads, but nobody holds the lock.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::lines::line_of;
use super::{atomic, canonical_new, lock, sidecar, sidecar_path};
use crate::model::Date;

/// The chair's state as the seats see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChairState {
    /// Who chairs (from the file: clean it before it is shown).
    pub by: String,
    pub pid: u32,
    pub host: String,
    /// The chair's pane, 1..=5.
    pub pane: u8,
    /// The id of the chair's selected project.
    pub project: Option<String>,
    /// The scoring round, while one is open.
    pub round: Option<RoundState>,
}

/// An open scoring round: on which project's evaluation of which date, and whether the
/// chair has revealed the seats' scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundState {
    pub project: String,
    pub date: Date,
    pub revealed: bool,
}

/// The most of a chair file that is read.
const MAX_CHAIR_BYTES: u64 = 64 << 10;

/// `.FILE.styr-chair` beside `doc_path`.
pub fn chair_path(doc_path: &Path) -> PathBuf {
    sidecar_path(doc_path, ".styr-chair")
}

/// Write the chair's state for the seats, replacing what was there. With `durable` it is
/// synced to disk before this returns (a round opened or revealed must survive a crash);
/// without (a cursor move) it is not, and takes tens of microseconds.
pub fn write_chair(doc_path: &Path, state: &ChairState, durable: bool) -> io::Result<()> {
    let doc = canonical_new(doc_path)?;
    let path = chair_path(&doc);
    if let Ok(meta) = fs::symlink_metadata(&path) {
        if let (true, Some(uid)) = (meta.is_file(), sidecar::owner_if_not_me(&meta)) {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "{} was left by {}'s styr (an earlier chair), and styr does not replace another user's file; ask them to remove it",
                    sidecar::name_of(&path),
                    sidecar::user_name(uid)
                ),
            ));
        }
        sidecar::check_replaceable(&path, &meta)?;
    }
    let text = line_of(state)?;
    atomic::replace_mode(&path, text.as_bytes(), sidecar::meeting_mode(&doc), durable).map_err(
        |e| {
            io::Error::new(
                e.kind(),
                format!("{}: {}", sidecar::name_of(&path), sidecar::brief(&e)),
            )
        },
    )?;
    Ok(())
}

/// The chair's state beside `doc_path`, if there is one. Tolerant: content that does not
/// read as a state is `Ok(None)`; only an I/O error fails — and a link at its name, or
/// anything but a plain file, which is refused.
pub fn read_chair(doc_path: &Path) -> io::Result<Option<ChairState>> {
    let doc = canonical_new(doc_path)?;
    let Some((bytes, _)) = sidecar::read(&chair_path(&doc), MAX_CHAIR_BYTES)? else {
        return Ok(None);
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Ok(None);
    };
    Ok(crate::model::load::ron_options()
        .from_str::<ChairState>(text.trim_end())
        .ok())
}

/// Remove the chair's state beside `doc_path` (the chair leaves). Only this user's: a link
/// or another user's file is refused and left.
pub fn remove_chair(doc_path: &Path) -> io::Result<()> {
    let doc = canonical_new(doc_path)?;
    super::journal::remove_if_there(&chair_path(&doc))
}

/// Who holds the chair now: the lock's pid, host and name (see [`lock::acquire_as`]) when
/// that process is alive on this host; `None` when nobody does ("the chair has left").
pub fn chair_present(doc_path: &Path) -> Option<(u32, String, Option<String>)> {
    let doc = canonical_new(doc_path).ok()?;
    lock::holder(&doc)
}
