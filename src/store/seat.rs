//! A seat's own file, `.FILE.styr-seat-NAME` beside the portfolio: one per person in the
//! meeting who is not the chair, written only by that seat.
//!
//! The first line is a header (`(styr_seat: 1, by: "Ida")`), then one [`SeatEntry`] a
//! line, each appended and synced before [`Seat::append`] returns, so what the screen
//! confirms is on disk. The seat holds an exclusive `flock` on its file for its whole life:
//! a second `styr` under the same name is refused ([`JoinOutcome::InUse`]), so ratings
//! stay one per person; the kernel lets go when the seat dies, even by SIGKILL, and the
//! same name then rejoins where it was ([`JoinOutcome::Joined::earlier`]).
//!
//! Like every file beside the portfolio, it is made with `O_EXCL` and `O_NOFOLLOW`, never
//! written through a link or into another user's file ([`JoinOutcome::NotYours`]), and it
//! takes the portfolio file's read permissions ([`sidecar::meeting_mode`]). Anyone who may
//! read the folder may read every seat's file ([`seats`]).

use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::lines::{Lines, line_of, parse_lines};
use super::{atomic, canonical_new, lock, sidecar, sidecar_path};
use crate::model::Date;

/// The seat file format's version, written in every header.
pub const SEAT_VERSION: u32 = 1;

/// The most of a seat's file that is read: 4 MiB, tens of thousands of scores.
pub const MAX_SEAT_BYTES: u64 = 4 << 20;

/// What a seat's file name holds after the portfolio's: `.FILE.styr-seat-NAME`.
const SEAT_INFIX: &str = ".styr-seat-";

/// The most bytes of a name kept as it is in a file name; a longer one is cut and ends
/// in `~` and a hash of the whole name (the header keeps the name itself).
const MAX_NAME_BYTES: usize = 96;

/// One line of a seat's file after the header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SeatEntry {
    /// The seat (re)joined: which process, where, as which user, when (local time,
    /// RFC 3339), and whether it rates (`--read-only` seats follow without rating).
    Joined {
        pid: u32,
        host: String,
        user: String,
        started: String,
        rates: bool,
    },
    /// The seat scored one criterion in a scoring round (`None`: took the score back).
    Rate {
        project: String,
        date: Date,
        criterion: String,
        score: Option<i64>,
    },
    /// The seat left cleanly.
    Left,
}

/// A seat file's first line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SeatHeader {
    styr_seat: u32,
    by: String,
}

/// `.FILE.styr-seat-NAME` beside `doc_path`, NAME being `by` made safe for a file name:
/// letters, digits and `-_.@+` stay (a leading `.` does not), anything else is written as
/// `%XX`; an empty name is `%`; a long one is cut and ends in `~` and a hash of the whole.
/// Different names give different files.
pub fn seat_path(doc_path: &Path, by: &str) -> PathBuf {
    let doc_name = doc_path.file_name().unwrap_or(doc_path.as_os_str());
    // The whole name must fit the 255 bytes most file systems allow.
    let room = 255usize.saturating_sub(1 + doc_name.len() + SEAT_INFIX.len());
    let part = name_part(by, room.clamp(24, MAX_NAME_BYTES));
    sidecar_path(doc_path, &format!("{SEAT_INFIX}{part}"))
}

/// `by` as the NAME of a seat's file, at most `room` bytes.
fn name_part(by: &str, room: usize) -> String {
    if by.is_empty() {
        return "%".into();
    }
    let safe = |i: usize, c: char| {
        (c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@' | '+')) && !(i == 0 && c == '.')
    };
    let mut part = sidecar::percent_encode(by, safe);
    if part.len() > room {
        let hash = format!("~{:016x}", super::fnv1a64(by.as_bytes()));
        let mut cut = room.saturating_sub(hash.len());
        while !part.is_char_boundary(cut) {
            cut -= 1;
        }
        part.truncate(cut);
        part.push_str(&hash);
    }
    part
}

/// A joined seat: its file, open and locked for as long as this value lives.
#[derive(Debug)]
pub struct Seat {
    path: PathBuf,
    file: File,
    by: String,
    /// The file's length up to its last complete line.
    good_len: u64,
}

/// The answer of [`join`].
#[derive(Debug)]
pub enum JoinOutcome {
    /// Joined. `earlier`: what this name's file held before (a rejoin after a crash or a
    /// dropped connection), oldest first; empty for a new seat.
    Joined { seat: Seat, earlier: Vec<SeatEntry> },
    /// A live seat holds that name: refused, so ratings stay one per person.
    InUse,
    /// That name's file belongs to another user (this user name): refused.
    NotYours { owner: String },
}

/// Join the meeting on `doc_path` as `by`: create (or, if it is this user's and nobody
/// holds it, reopen) the seat's file, take its lock, and append `Joined` synced.
///
/// An error is what stops this seat from writing beside the file (a folder it may not
/// write, a full disk, a link planted at the name, a file styr did not write there): it
/// can follow but not rate.
pub fn join(doc_path: &Path, by: &str, rates: bool) -> io::Result<JoinOutcome> {
    let doc = canonical_new(doc_path)?;
    let path = seat_path(&doc, by);
    let mode = sidecar::meeting_mode(&doc);
    // A seat that is just leaving removes its file; then make a new one instead.
    for _ in 0..8 {
        match sidecar::create_new_exact(&path, mode) {
            Ok(file) => return new_seat(path, file, by, rates),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() => {
                if let Some(uid) = sidecar::owner_if_not_me(&meta) {
                    return Ok(JoinOutcome::NotYours {
                        owner: sidecar::user_name(uid),
                    });
                }
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        }
        // Refuses a link, anything but a plain file, a file with other names.
        let file = match sidecar::open(&path, sidecar::Access::ReadAppend) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Ok(JoinOutcome::InUse),
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
        if !same_file(&file, &path) {
            // Its seat left and removed it meanwhile.
            continue;
        }
        return rejoin(path, file, by, rates);
    }
    Err(io::Error::other(format!(
        "{} keeps being replaced; cannot join as {}",
        sidecar::name_of(&path),
        crate::sanitize::clean(by)
    )))
}

/// A seat in the file just made at `path`.
fn new_seat(path: PathBuf, file: File, by: &str, rates: bool) -> io::Result<JoinOutcome> {
    let mut seat = Seat {
        path,
        file,
        by: by.to_string(),
        good_len: 0,
    };
    let made = (|| {
        // Made with O_EXCL just now, so nobody else holds it.
        seat.file.try_lock().map_err(|e| match e {
            fs::TryLockError::Error(e) => e,
            fs::TryLockError::WouldBlock => io::Error::other("a new seat file is locked"),
        })?;
        seat.write_line(&line_of(&header(by))?)?;
        atomic::sync_dir(&seat.path);
        seat.append(&joined(rates))
    })();
    if let Err(e) = made {
        // Not half a seat: none at all.
        let _ = fs::remove_file(&seat.path);
        return Err(e);
    }
    Ok(JoinOutcome::Joined {
        seat,
        earlier: Vec::new(),
    })
}

/// A seat in the file this user's seat of the same name left at `path` (now locked).
fn rejoin(path: PathBuf, mut file: File, by: &str, rates: bool) -> io::Result<JoinOutcome> {
    let len = file.metadata()?.len();
    if len > MAX_SEAT_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{} is larger than a seat's file can be ({len} bytes); remove it to join",
                sidecar::name_of(&path)
            ),
        ));
    }
    let mut bytes = Vec::new();
    (&mut file).take(MAX_SEAT_BYTES).read_to_end(&mut bytes)?;
    let lines: Lines<SeatHeader, SeatEntry> = parse_lines(&bytes);
    let mut seat = Seat {
        path,
        file,
        by: by.to_string(),
        good_len: lines.good_len,
    };
    let not_styrs = |what: &str| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{} {what}; styr leaves it alone (remove it to join as {})",
                sidecar::name_of(&seat.path),
                crate::sanitize::clean(by)
            ),
        )
    };
    match &lines.header {
        Some(h) if h.by == by => {
            if lines.torn_tail {
                // A line whose write never finished was never confirmed: cut it off, so
                // the next entry starts on a line of its own.
                seat.file.set_len(seat.good_len)?;
            }
        }
        Some(_) => return Err(not_styrs("is the seat of another name")),
        None if lines.entries.is_empty() && lines.unreadable == 0 => {
            // Left empty (or with a torn header) by a seat that died as it was made.
            seat.file.set_len(0)?;
            seat.good_len = 0;
            seat.write_line(&line_of(&header(by))?)?;
        }
        None => return Err(not_styrs("is not a seat's file")),
    }
    seat.append(&joined(rates))?;
    Ok(JoinOutcome::Joined {
        seat,
        earlier: lines.entries,
    })
}

fn header(by: &str) -> SeatHeader {
    SeatHeader {
        styr_seat: SEAT_VERSION,
        by: by.to_string(),
    }
}

/// The `Joined` entry of this process.
fn joined(rates: bool) -> SeatEntry {
    SeatEntry::Joined {
        pid: std::process::id(),
        host: lock::host_name(),
        user: sidecar::my_user_name(),
        started: chrono::Local::now().to_rfc3339(),
        rates,
    }
}

impl Seat {
    /// The name the seat joined as.
    pub fn by(&self) -> &str {
        &self.by
    }

    /// The seat's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Append one entry and sync it to disk before returning: only then may the screen
    /// confirm it. A failed write is cut off, so the file stays whole lines.
    pub fn append(&mut self, e: &SeatEntry) -> io::Result<()> {
        self.write_line(&line_of(e)?)
    }

    fn write_line(&mut self, line: &str) -> io::Result<()> {
        match self
            .file
            .write_all(line.as_bytes())
            .and_then(|()| self.file.sync_data())
        {
            Ok(()) => {
                self.good_len += line.len() as u64;
                Ok(())
            }
            Err(e) => {
                // The disk may be full now and have room later.
                let _ = self
                    .file
                    .set_len(self.good_len)
                    .and_then(|()| self.file.sync_data());
                Err(io::Error::new(
                    e.kind(),
                    format!("{}: {}", sidecar::name_of(&self.path), sidecar::brief(&e)),
                ))
            }
        }
    }

    /// A clean leave: append `Left`, and remove the file if `remove` (when every rating
    /// in it is recorded elsewhere). The lock is let go last, so whoever joins under this
    /// name next finds either this file locked or none.
    pub fn leave(mut self, remove: bool) -> io::Result<()> {
        let left = self.append(&SeatEntry::Left);
        if remove && same_file(&self.file, &self.path) {
            fs::remove_file(&self.path)?;
            atomic::sync_dir(&self.path);
        }
        left
    }
}

/// A seat as its file shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatSeen {
    /// The name it joined as (from the file: clean it before it is shown).
    pub by: String,
    pub path: PathBuf,
    /// Its last `Joined` is a live process on this host, and it has not left since.
    pub present: bool,
    /// Its last `Joined` said it rates.
    pub rates: bool,
    /// Everything in its file, oldest first.
    pub entries: Vec<SeatEntry>,
    /// The file's owner (user name) when that is not this user.
    pub owner: Option<String>,
    /// Complete lines of the file that could not be read, and were left out.
    pub unreadable: usize,
}

/// Every seat's file beside `doc_path` (any user's), read: only plain files with a
/// seat's header, never through a link, at most [`MAX_SEAT_BYTES`] each. A file that
/// cannot be read (another user's, private to them) is left out. Sorted by name.
pub fn seats(doc_path: &Path) -> io::Result<Vec<SeatSeen>> {
    let doc = canonical_new(doc_path)?;
    let prefix = seat_prefix(&doc);
    let folder = doc.parent().unwrap_or(Path::new("."));
    let me = lock::host_name();
    let mut out = Vec::new();
    for entry in fs::read_dir(folder)? {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name();
        let Some(part) = name.as_encoded_bytes().strip_prefix(prefix.as_slice()) else {
            continue;
        };
        if part.is_empty() {
            continue;
        }
        let path = entry.path();
        if !fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            continue;
        }
        let Ok(Some((bytes, meta))) = sidecar::read(&path, MAX_SEAT_BYTES) else {
            continue;
        };
        let lines: Lines<SeatHeader, SeatEntry> = parse_lines(&bytes);
        let Some(header) = lines.header else { continue };
        let (present, rates) = presence(&lines.entries, &me);
        out.push(SeatSeen {
            by: header.by,
            path,
            present,
            rates,
            entries: lines.entries,
            owner: sidecar::owner_if_not_me(&meta).map(sidecar::user_name),
            unreadable: lines.unreadable,
        });
    }
    out.sort_by(|a, b| a.by.cmp(&b.by).then_with(|| a.path.cmp(&b.path)));
    Ok(out)
}

/// Is the seat of these entries here (its last `Joined` is a live process on host `me`,
/// and no `Left` came after), and does it rate?
fn presence(entries: &[SeatEntry], me: &str) -> (bool, bool) {
    let last = entries.iter().enumerate().rev().find_map(|(i, e)| match e {
        SeatEntry::Joined {
            pid, host, rates, ..
        } => Some((i, *pid, host, *rates)),
        _ => None,
    });
    let Some((i, pid, host, rates)) = last else {
        return (false, false);
    };
    let left = entries[i + 1..]
        .iter()
        .any(|e| matches!(e, SeatEntry::Left));
    (!left && host == me && lock::alive(pid), rates)
}

/// `.FILE.styr-seat-`: what every seat file's name of `doc_path` starts with.
fn seat_prefix(doc_path: &Path) -> Vec<u8> {
    let doc_name = doc_path.file_name().unwrap_or(doc_path.as_os_str());
    let mut p = b".".to_vec();
    p.extend_from_slice(doc_name.as_encoded_bytes());
    p.extend_from_slice(SEAT_INFIX.as_bytes());
    p
}

/// Is `file_name` (a name in the portfolio's folder, as a watcher reports it) one of the
/// meeting files of `doc_path`: its journal, its chair file, its lock, or a seat's file?
pub fn is_meeting_file(doc_path: &Path, file_name: &OsStr) -> bool {
    let Some(doc_name) = doc_path.file_name() else {
        return false;
    };
    let Some(rest) = file_name
        .as_encoded_bytes()
        .strip_prefix(b".")
        .and_then(|n| n.strip_prefix(doc_name.as_encoded_bytes()))
    else {
        return false;
    };
    matches!(rest, b".styr-journal" | b".styr-chair" | b".styr-lock")
        || rest
            .strip_prefix(SEAT_INFIX.as_bytes())
            .is_some_and(|part| !part.is_empty())
}

/// Is the open file still the one at `path` (not removed or replaced meanwhile)?
fn same_file(f: &File, path: &Path) -> bool {
    match sidecar::open(path, sidecar::Access::Read) {
        Ok(g) => sidecar::same_inode(f, &g),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_safe_reversible_file_names() {
        let cases = [
            ("Ida", "Ida"),
            ("Åse Ødegård", "Åse%20Ødegård"),
            ("a/b", "a%2Fb"),
            (".hidden", "%2Ehidden"),
            ("a.b", "a.b"),
            ("", "%"),
            ("100%", "100%25"),
            ("\u{1b}[2J", "%1B%5B2J"),
            ("\u{202e}x", "%E2%80%AEx"),
        ];
        for (by, part) in cases {
            assert_eq!(name_part(by, 96), part, "{by:?}");
            if !by.is_empty() {
                assert_eq!(sidecar::percent_decode(part).as_deref(), Some(by));
            }
        }
        // Long ones are cut, and still told apart by the hash of the whole name.
        let a = name_part(&"å".repeat(200), 96);
        let b = name_part(&format!("{}b", "å".repeat(199)), 96);
        assert!(a.len() <= 96 && b.len() <= 96, "{a} {b}");
        assert_ne!(a, b);
        assert!(a.contains('~'));
        // Not reversible from the name (the header keeps it), and never mistaken for it.
        assert_eq!(sidecar::percent_decode("%ZZ"), None);
        assert_eq!(sidecar::percent_decode("%+1"), None);
        assert_eq!(sidecar::percent_decode("%4"), None);
    }

    #[test]
    fn a_long_portfolio_name_still_gives_a_seat_name_that_fits() {
        let doc = PathBuf::from(format!("/x/{}.ron", "p".repeat(200)));
        let name = seat_path(&doc, &"n".repeat(300));
        assert!(name.file_name().unwrap().len() <= 255);
    }

    fn joined_as(pid: u32, host: &str) -> SeatEntry {
        SeatEntry::Joined {
            pid,
            host: host.into(),
            user: "u".into(),
            started: String::new(),
            rates: true,
        }
    }

    #[test]
    fn a_seat_is_present_while_its_last_join_lives_here_and_has_not_left() {
        let me = lock::host_name();
        let pid = std::process::id();
        let dead = u32::MAX - 1;
        let rate = SeatEntry::Rate {
            project: "P".into(),
            date: Date::parse("2026-11-22").unwrap(),
            criterion: "c".into(),
            score: Some(3),
        };
        assert_eq!(presence(&[], &me), (false, false));
        assert_eq!(
            presence(&[joined_as(pid, &me), rate.clone()], &me),
            (true, true)
        );
        assert!(!presence(&[joined_as(pid, &me), SeatEntry::Left], &me).0);
        assert!(!presence(&[joined_as(dead, &me)], &me).0, "killed");
        assert!(!presence(&[joined_as(pid, "elsewhere")], &me).0);
        let back = [joined_as(pid, &me), SeatEntry::Left, joined_as(pid, &me)];
        assert!(presence(&back, &me).0, "rejoined after leaving");
        let crashed_then_back = [joined_as(dead, &me), rate, joined_as(pid, &me)];
        assert!(presence(&crashed_then_back, &me).0);
    }
}
