//! Reading the chair's journal as it grows: a seat of the meeting follows the chair live
//! (issue 12). The chair appends and syncs each edit before its own screen shows it; a
//! seat reads what was added since it last looked — only the new complete lines, so an
//! edit at 100,000 projects costs the seat one line, not the whole journal.
//!
//! When the journal is not the one read before (the chair saved and started a new one,
//! recovered a crashed one, or rewrote it after a reload), or it is gone (the chair
//! saved, or discarded its edits), the seat starts again from the file on disk: see
//! [`Tail::read`]'s [`Grown`].

use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::journal::{JournalEntry, JournalHeader, MAX_JOURNAL_BYTES, journal_path};
use super::lines::{Lines, parse_lines};
use super::{canonical_new, sidecar};

/// Where a seat is in the chair's journal.
#[derive(Debug, Default, Clone)]
pub struct Tail {
    path: PathBuf,
    /// The journal read last: its device and inode (a rewrite is a new inode).
    id: Option<(u64, u64)>,
    /// Bytes read up to the last complete line.
    offset: u64,
    /// Its first line.
    header: Option<JournalHeader>,
}

/// What [`Tail::read`] found.
#[derive(Debug, PartialEq)]
pub enum Grown {
    /// Nothing new.
    Same,
    /// The same journal, with these entries added.
    More(Vec<JournalEntry>),
    /// Another journal (or the first): start from the file and apply all of these. Its
    /// header says which state of the file they apply to.
    Restarted(Option<JournalHeader>, Vec<JournalEntry>),
    /// There was a journal and now there is none: the chair saved or discarded.
    Gone,
}

impl Tail {
    /// Follow the journal of the portfolio at `doc_path`.
    pub fn new(doc_path: &Path) -> io::Result<Tail> {
        Ok(Tail {
            path: journal_path(&canonical_new(doc_path)?),
            ..Tail::default()
        })
    }

    /// The header of the journal followed now.
    pub fn header(&self) -> Option<&JournalHeader> {
        self.header.as_ref()
    }

    /// Whether a journal is being followed.
    pub fn following(&self) -> bool {
        self.id.is_some()
    }

    /// Forget the journal read so far: the next [`read`](Self::read) gives all of it
    /// again (after the seat loaded the file afresh).
    pub fn restart(&mut self) {
        self.id = None;
        self.offset = 0;
        self.header = None;
    }

    /// Look at the journal now. Never through a link; another user's journal is read
    /// (a seat may be another login than the chair).
    pub fn read(&mut self) -> io::Result<Grown> {
        let mut f = match sidecar::open(&self.path, sidecar::Access::Read) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let had = self.id.is_some();
                self.restart();
                return Ok(if had { Grown::Gone } else { Grown::Same });
            }
            Err(e) => return Err(e),
        };
        let meta = f.metadata()?;
        let id = file_id(&meta);
        let len = meta.len().min(MAX_JOURNAL_BYTES);
        if self.id == Some(id) && len == self.offset {
            return Ok(Grown::Same);
        }
        if self.id != Some(id) || len < self.offset {
            let read: Lines<JournalHeader, JournalEntry> =
                parse_lines(&read_range(&mut f, 0, len)?);
            self.id = Some(id);
            self.offset = read.good_len;
            self.header = read.header.clone();
            return Ok(Grown::Restarted(read.header, read.entries));
        }
        // A line the chair is still writing is left for the next look; a line that does
        // not read is left out (the chair's recovery deals with a damaged journal).
        let read: Lines<JournalHeader, JournalEntry> =
            parse_lines(&read_range(&mut f, self.offset, len)?);
        self.offset += read.good_len;
        Ok(if read.entries.is_empty() {
            Grown::Same
        } else {
            Grown::More(read.entries)
        })
    }
}

fn file_id(meta: &fs::Metadata) -> (u64, u64) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        (0, meta.len())
    }
}

fn read_range(f: &mut File, from: u64, to: u64) -> io::Result<Vec<u8>> {
    f.seek(SeekFrom::Start(from))?;
    let mut bytes = Vec::with_capacity(to.saturating_sub(from) as usize);
    f.take(to.saturating_sub(from)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;
    use crate::model::edit::Edit;
    use std::io::Write;

    fn note(s: &str) -> JournalEntry {
        JournalEntry::Edit(Edit::Note {
            project: "P-01".into(),
            date: Date::parse("2026-12-02").unwrap(),
            note: Some(s.into()),
        })
    }

    fn line(e: &JournalEntry) -> String {
        format!("{}\n", ron::to_string(e).unwrap())
    }

    #[test]
    fn a_seat_reads_only_what_was_added_and_waits_for_a_whole_line() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("p.ron");
        fs::write(&doc, "x").unwrap();
        let mut tail = Tail::new(&doc).unwrap();
        assert_eq!(tail.read().unwrap(), Grown::Same);
        let path = journal_path(&fs::canonicalize(&doc).unwrap());
        fs::write(&path, format!("not a header\n{}", line(&note("a")))).unwrap();
        assert_eq!(
            tail.read().unwrap(),
            Grown::Restarted(None, vec![note("a")])
        );
        assert_eq!(tail.read().unwrap(), Grown::Same);
        let mut f = fs::OpenOptions::new().append(true).open(&path).unwrap();
        let b = line(&note("b"));
        // Half a line: nothing yet.
        f.write_all(&b.as_bytes()[..5]).unwrap();
        assert_eq!(tail.read().unwrap(), Grown::Same);
        f.write_all(&b.as_bytes()[5..]).unwrap();
        f.write_all(line(&JournalEntry::Undo).as_bytes()).unwrap();
        assert_eq!(
            tail.read().unwrap(),
            Grown::More(vec![note("b"), JournalEntry::Undo])
        );
        // A rewrite (a new file at the name) starts again.
        let new = dir.path().join("new");
        fs::write(&new, line(&note("c"))).unwrap();
        fs::rename(&new, &path).unwrap();
        assert_eq!(
            tail.read().unwrap(),
            Grown::Restarted(None, vec![note("c")])
        );
        fs::remove_file(&path).unwrap();
        assert_eq!(tail.read().unwrap(), Grown::Gone);
        assert_eq!(tail.read().unwrap(), Grown::Same);
    }

    #[test]
    fn a_link_at_the_journals_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("p.ron");
        fs::write(&doc, "x").unwrap();
        let secret = dir.path().join("secret");
        fs::write(&secret, line(&note("secret"))).unwrap();
        let path = journal_path(&fs::canonicalize(&doc).unwrap());
        std::os::unix::fs::symlink(&secret, &path).unwrap();
        let mut tail = Tail::new(&doc).unwrap();
        assert!(tail.read().is_err());
    }
}
