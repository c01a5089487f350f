//! The recovery journal, `.FILE.styr-journal` beside the file, like vim's swap file.
//!
//! Every edit is appended as one line of RON and synced to disk before [`Journal::append`]
//! returns, so the screen confirms only what is on disk and even SIGKILL loses nothing.
//! The first line is a [`JournalHeader`] (which file, its fingerprint, who and when); each
//! further line is one [`JournalEntry`]. A crash in the middle of a write leaves a torn
//! last line, which [`read_journal`] drops.
//!
//! The journal is created at the first entry (opening a file writes nothing) and removed
//! after a clean save ([`Journal::saved`]) or when the user discards it ([`Journal::discard`],
//! [`discard_journal`]).
//!
//! The entries replay on the file the header names, through [`History`] ([`replay`]), so
//! undo and redo replay exactly. One case is not exact: an undo that reaches back past a
//! save (the edit it undoes is in the saved file, not in the new journal) has nothing to
//! undo on replay and is counted as skipped.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::lines::{line_of, parse_lines};
use super::{Document, Fingerprint, atomic, canonical_new, sidecar, sidecar_path};
use crate::model::edit::{Edit, History, Stamp};
use crate::model::{Date, Portfolio};

/// The journal format's version, written in every header.
pub const VERSION: u32 = 1;

/// One line of the journal after the header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum JournalEntry {
    /// An edit without the meeting's stamp (journals of earlier versions).
    Edit(Edit),
    /// An edit and who made it when (entered in the meeting's change log).
    Stamped(Edit, Stamp),
    Undo,
    Redo,
}

/// The journal's first line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalHeader {
    /// Format version ([`VERSION`]).
    pub styr_journal: u32,
    /// The portfolio file the entries apply to.
    pub file: String,
    /// That file as it was when the first entry was made: the entries apply to this.
    pub fingerprint: Fingerprint,
    /// The styr process that wrote the journal.
    pub pid: u32,
    pub host: String,
    /// When the journal was started (local time, RFC 3339).
    pub started: String,
    /// The meeting date edits were recorded under.
    pub meeting: Option<Date>,
}

/// `.FILE.styr-journal` beside `doc_path`.
pub fn journal_path(doc_path: &Path) -> PathBuf {
    sidecar_path(doc_path, ".styr-journal")
}

/// The journal of one open document.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    doc_path: PathBuf,
    fingerprint: Fingerprint,
    meeting: Option<Date>,
    /// Open for appending once the journal exists.
    file: Option<File>,
    /// The length of the journal up to its last complete line.
    good_len: u64,
    /// Everything appended since the journal was (re)started, in order.
    entries: Vec<JournalEntry>,
}

impl Journal {
    /// A journal for `doc`; nothing is written until the first [`append`](Self::append).
    pub fn new(doc: &Document, meeting: Option<Date>) -> Journal {
        Journal {
            path: doc.journal_path(),
            doc_path: doc.path().to_path_buf(),
            fingerprint: doc.fingerprint(),
            meeting,
            file: None,
            good_len: 0,
            entries: Vec::new(),
        }
    }

    /// After the user chose to recover: a journal holding the recovered `entries` (already
    /// replayed on `doc`), written at once so that a second crash loses nothing either.
    /// Replaces the old journal file.
    pub fn recovered(
        doc: &Document,
        meeting: Option<Date>,
        entries: Vec<JournalEntry>,
    ) -> io::Result<Journal> {
        let mut j = Journal::new(doc, meeting);
        j.entries = entries;
        j.rewrite()?;
        Ok(j)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The entries of this journal, oldest first (to re-apply after a reload).
    pub fn entries(&self) -> &[JournalEntry] {
        &self.entries
    }

    /// Whether the journal file exists (this session has unsaved, journaled edits).
    pub fn is_active(&self) -> bool {
        self.file.is_some()
    }

    /// Append one entry and sync it to disk. Only when this returns `Ok` is the edit safe;
    /// the screen confirms it after that. The first call creates the journal; it refuses
    /// (`AlreadyExists`) to take over a journal file this session did not write — the one
    /// of a crashed or a running session, which the UI deals with at start.
    pub fn append(&mut self, entry: &JournalEntry) -> io::Result<()> {
        let line = line_of(entry)?;
        if self.file.is_none() {
            let mut text = line_of(&self.header())?;
            text.push_str(&line);
            let mut f = sidecar::create_new_exact(&self.path, self.mode())?;
            if let Err(e) = f.write_all(text.as_bytes()).and_then(|()| f.sync_all()) {
                drop(f);
                let _ = fs::remove_file(&self.path);
                return Err(e);
            }
            atomic::sync_dir(&self.path);
            self.good_len = text.len() as u64;
            self.file = Some(f);
            self.entries.push(entry.clone());
            return Ok(());
        }
        let Some(f) = self.file.as_mut() else {
            return Err(io::Error::other("journal not open"));
        };
        match f.write_all(line.as_bytes()).and_then(|()| f.sync_data()) {
            Ok(()) => {
                self.good_len += line.len() as u64;
                self.entries.push(entry.clone());
                Ok(())
            }
            Err(e) => {
                // Cut a partly written line off, so the next entry starts on a line of
                // its own (the disk may be full now and have room later).
                let _ = f.set_len(self.good_len).and_then(|()| f.sync_data());
                Err(e)
            }
        }
    }

    /// Remove the journal (the user discarded the unsaved edits). The next append starts a
    /// new one.
    pub fn discard(&mut self) -> io::Result<()> {
        self.file = None;
        self.entries.clear();
        self.good_len = 0;
        remove_if_there(&self.path)
    }

    /// After a clean save (or save-as) of `doc`: remove the journal, and journal the next
    /// edits against the saved file.
    pub fn saved(&mut self, doc: &Document) -> io::Result<()> {
        let removed = self.discard();
        self.path = doc.journal_path();
        self.doc_path = doc.path().to_path_buf();
        self.fingerprint = doc.fingerprint();
        removed
    }

    /// After the file was reloaded from disk and this journal's entries re-applied on it:
    /// journal against the new content, keeping the entries.
    pub fn rebase(&mut self, doc: &Document) -> io::Result<()> {
        let old = self.path.clone();
        self.path = doc.journal_path();
        self.doc_path = doc.path().to_path_buf();
        self.fingerprint = doc.fingerprint();
        if old != self.path {
            self.file = None;
            remove_if_there(&old)?;
        }
        if self.entries.is_empty() {
            self.file = None;
            remove_if_there(&self.path)
        } else {
            self.rewrite()
        }
    }

    /// The journal's mode: it takes the read permissions of the portfolio file, so that
    /// whoever may read the file may follow the meeting (seats read the chair's journal).
    fn mode(&self) -> u32 {
        sidecar::meeting_mode(&self.doc_path)
    }

    fn header(&self) -> JournalHeader {
        JournalHeader {
            styr_journal: VERSION,
            file: self.doc_path.to_string_lossy().into_owned(),
            fingerprint: self.fingerprint,
            pid: std::process::id(),
            host: super::lock::host_name(),
            started: chrono::Local::now().to_rfc3339(),
            meeting: self.meeting,
        }
    }

    /// Write header and entries to a new file and rename it over the journal (never
    /// over a link or another user's journal).
    fn rewrite(&mut self) -> io::Result<()> {
        self.file = None;
        if let Ok(meta) = fs::symlink_metadata(&self.path) {
            sidecar::check_replaceable(&self.path, &meta)?;
        }
        let mut text = line_of(&self.header())?;
        for e in &self.entries {
            text.push_str(&line_of(e)?);
        }
        let written = atomic::replace_mode(&self.path, text.as_bytes(), self.mode(), true)?;
        // Append through a handle opened without following links, and make sure it is
        // the file just written (nobody swapped the name meanwhile).
        let f = sidecar::open(&self.path, sidecar::Access::Append)?;
        if !sidecar::same_inode(&written, &f) {
            return Err(io::Error::other(format!(
                "{} was replaced while it was written",
                sidecar::name_of(&self.path)
            )));
        }
        self.good_len = text.len() as u64;
        self.file = Some(f);
        Ok(())
    }

    /// Keep only these entries (after a replay left some out, see [`replay`]); written
    /// by the next [`rebase`](Self::rebase).
    pub fn keep_only(&mut self, entries: Vec<JournalEntry>) {
        self.entries = entries;
    }
}

/// Remove a journal (or a kept copy) of this user's. Another user's is theirs, and a
/// link is refused: neither is removed.
pub(crate) fn remove_if_there(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
        Ok(meta) => sidecar::check_replaceable(path, &meta)?,
    }
    match fs::remove_file(path) {
        Ok(()) => {
            atomic::sync_dir(path);
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Remove the journal beside `doc_path`, if there is one (the user chose not to recover).
pub fn discard_journal(doc_path: impl AsRef<Path>) -> io::Result<()> {
    let doc = canonical_new(doc_path.as_ref())?;
    remove_if_there(&journal_path(&doc))
}

/// What was found in a journal left behind.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    pub path: PathBuf,
    /// `None` when the first line cannot be read (the entries may still be good).
    pub header: Option<JournalHeader>,
    pub entries: Vec<JournalEntry>,
    /// The last line was incomplete (a crash while writing it) and was left out. That
    /// edit was never confirmed on screen.
    pub torn_tail: bool,
    /// Complete lines that could not be read, and were left out.
    pub unreadable: usize,
    /// The journal's length in bytes.
    pub len: u64,
    /// The journal belongs to another user (this uid): it is theirs to recover, and styr
    /// neither replaces nor removes it.
    pub owner: Option<u32>,
}

impl Recovered {
    /// Whether the entries were made on the file as it is now (`doc`). When not, the file
    /// changed since (someone saved it), and the entries re-apply where they still fit.
    pub fn matches(&self, doc: &Document) -> bool {
        self.header
            .as_ref()
            .is_some_and(|h| h.fingerprint.same_content(&doc.fingerprint()))
    }

    /// Not what styr writes: no readable header, lines that could not be read, or no
    /// edit at all. Such a journal is kept aside ([`super::kept::keep_damaged`]) before
    /// anything else is done with it.
    pub fn is_damaged(&self) -> bool {
        self.header.is_none() || self.unreadable > 0 || self.entries.is_empty()
    }
}

/// The most of a journal that is read: 16 MiB, some hundred thousand edits, far more
/// than any meeting makes. A larger one is damaged (only its start is read) and is set
/// aside whole, never read into memory or copied.
pub const MAX_JOURNAL_BYTES: u64 = 16 << 20;

/// Read the journal beside `doc_path`, if there is one. Tolerant: a torn last line is
/// dropped, an unreadable line is skipped and counted; only an I/O error fails — and a
/// link at the journal's name, which is refused.
pub fn read_journal(doc_path: impl AsRef<Path>) -> io::Result<Option<Recovered>> {
    let doc = canonical_new(doc_path.as_ref())?;
    let path = journal_path(&doc);
    let (bytes, meta) = match sidecar::read(&path, MAX_JOURNAL_BYTES) {
        Ok(Some(x)) => x,
        Ok(None) => return Ok(None),
        // Another user's journal (made private to them): say whose it is.
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            match fs::symlink_metadata(&path) {
                Ok(meta) if meta.is_file() && sidecar::owner_if_not_me(&meta).is_some() => {
                    let mut rec = parse_journal(path, &[]);
                    rec.len = meta.len();
                    rec.owner = sidecar::owner_if_not_me(&meta);
                    return Ok(Some(rec));
                }
                _ => return Err(e),
            }
        }
        Err(e) => return Err(e),
    };
    let mut rec = parse_journal(path, &bytes);
    rec.owner = sidecar::owner_if_not_me(&meta);
    if meta.len() > MAX_JOURNAL_BYTES {
        // Too large to be styr's: nothing in it is offered for recovery.
        rec.entries.clear();
        rec.unreadable += 1;
    }
    rec.len = meta.len();
    Ok(Some(rec))
}

fn parse_journal(path: PathBuf, bytes: &[u8]) -> Recovered {
    let lines = parse_lines::<JournalHeader, JournalEntry>(bytes);
    Recovered {
        path,
        header: lines.header,
        entries: lines.entries,
        torn_tail: lines.torn_tail,
        unreadable: lines.unreadable,
        len: bytes.len() as u64,
        owner: None,
    }
}

/// What a replay did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplayReport {
    pub applied: usize,
    pub skipped: usize,
    /// The indices (in the entries given) of the skipped ones.
    pub skipped_at: Vec<usize>,
}

/// Apply journal entries to `p` through `h`, as the session did: edits that no longer fit
/// (the project or risk is gone) and undo/redo with nothing to act on are skipped.
pub fn replay(p: &mut Portfolio, h: &mut History, entries: &[JournalEntry]) -> ReplayReport {
    let mut report = ReplayReport::default();
    for (i, e) in entries.iter().enumerate() {
        let ok = match e {
            JournalEntry::Edit(edit) => h.apply(p, edit).is_ok(),
            JournalEntry::Stamped(edit, stamp) => h.apply_stamped(p, edit, Some(stamp)).is_ok(),
            JournalEntry::Undo => h.undo(p).is_some(),
            JournalEntry::Redo => h.redo(p).is_some(),
        };
        if ok {
            report.applied += 1;
        } else {
            report.skipped += 1;
            report.skipped_at.push(i);
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(project: &str, criterion: &str, s: i64) -> JournalEntry {
        JournalEntry::Edit(Edit::Score {
            project: project.into(),
            date: Date::parse("2026-11-22").unwrap(),
            criterion: criterion.into(),
            score: Some(s),
        })
    }

    #[test]
    fn entries_are_single_lines_even_with_newlines_in_notes() {
        let e = JournalEntry::Edit(Edit::Note {
            project: "P\"1".into(),
            date: Date::parse("2026-11-22").unwrap(),
            note: Some("a\nb\r\n\u{1b}[2J\\ æøå \u{202e}".into()),
        });
        let line = line_of(&e).unwrap();
        assert_eq!(line.matches('\n').count(), 1);
        let back: JournalEntry = ron::from_str(line.trim_end()).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn torn_and_broken_lines_are_left_out() {
        let a = line_of(&score("P-01", "goals", 4)).unwrap();
        let b = line_of(&JournalEntry::Undo).unwrap();
        let text = format!("not a header\n{a}garbage(\n{b}{}", &a[..a.len() / 2]);
        let r = parse_journal(PathBuf::from("j"), text.as_bytes());
        assert_eq!(r.header, None);
        assert_eq!(r.entries, [score("P-01", "goals", 4), JournalEntry::Undo]);
        assert!(r.torn_tail);
        assert_eq!(r.unreadable, 2);
        let clean = parse_journal(PathBuf::from("j"), format!("{a}{b}").as_bytes());
        assert!(!clean.torn_tail);
        assert_eq!(clean.entries.len(), 2);
        // A crash can leave zeros where the file grew; that is not an entry.
        let zeros = parse_journal(PathBuf::from("j"), format!("{a}\0\0\0\0\n").as_bytes());
        assert_eq!((zeros.entries.len(), zeros.unreadable), (1, 0));
    }
}
