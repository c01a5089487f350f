//! Everything styr creates beside the portfolio file — the lock, the journal, temporary
//! files, kept copies — is opened here, and only here.
//!
//! A shared folder is hostile (RELIABILITY.md, CWE-59): whoever may write the folder can
//! plant `.plan.ron.styr-lock -> ~victim/.bashrc` and wait for the victim's styr to
//! write its pid into it. So:
//!
//! - nothing is opened through a symbolic link (`O_NOFOLLOW`), and new files are created
//!   with `O_EXCL`, which refuses a link at that name too;
//! - a sidecar that is a link, or not a plain file, is refused with a message that
//!   names it;
//! - a sidecar owned by another user may be read (several users follow one meeting) but
//!   is never written into.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// How a sidecar is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    /// Read and write, in place.
    Write,
    /// Append only.
    Append,
    /// Read, and append (a seat's own file: what it held is read through the handle that
    /// holds its lock).
    ReadAppend,
}

/// Open the existing sidecar at `path`, never through a link. For `Write` and `Append`,
/// one that belongs to another user is refused ([`io::ErrorKind::PermissionDenied`]).
pub fn open(path: &Path, access: Access) -> io::Result<File> {
    let mut o = OpenOptions::new();
    match access {
        Access::Read => o.read(true),
        Access::Write => o.read(true).write(true),
        Access::Append => o.append(true),
        Access::ReadAppend => o.read(true).append(true),
    };
    let f = with_flags(&mut o).open(path).map_err(|e| named(path, e))?;
    let meta = f.metadata()?;
    check_plain(path, &meta)?;
    if access != Access::Read {
        check_ours(path, &meta)?;
        check_one_name(path, &meta)?;
    }
    Ok(f)
}

/// How many names (hard links) the file of `meta` has.
pub fn names(meta: &Metadata) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(meta)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

/// Refuse to write into a sidecar that has other names: a hard link planted at its name
/// would carry the write into the file it links (as a symbolic link would).
fn check_one_name(path: &Path, meta: &Metadata) -> io::Result<()> {
    if names(meta) <= 1 {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!(
            "{} has other names (hard links), and styr never writes through one (remove it if it is not yours)",
            name_of(path)
        ),
    ))
}

/// Create a new sidecar at `path` with `mode`; fails with `AlreadyExists` if anything —
/// a file or a link — is there already. Opened for reading and appending.
pub fn create_new(path: &Path, mode: u32) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true).append(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    with_flags(&mut o).open(path).map_err(|e| named(path, e))
}

/// The mode of every file of a meeting beside `doc_path` — the chair's journal, its lock
/// and its state, each seat's file: the owner reads and writes, and group and others may
/// read where the portfolio file lets them (whoever may read the file may follow the
/// meeting). 0600 when the portfolio file cannot be looked at.
pub fn meeting_mode(doc_path: &Path) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(doc_path).map_or(0o600, |m| 0o600 | (m.permissions().mode() & 0o044))
    }
    #[cfg(not(unix))]
    {
        let _ = doc_path;
        0o600
    }
}

/// [`create_new`] with exactly `mode`: it is set on the open file after creation, so the
/// umask does not narrow what the portfolio file grants ([`meeting_mode`]).
pub fn create_new_exact(path: &Path, mode: u32) -> io::Result<File> {
    let f = create_new(path, mode)?;
    if let Err(e) = set_mode(&f, mode) {
        drop(f);
        let _ = std::fs::remove_file(path);
        return Err(named(path, e));
    }
    Ok(f)
}

/// Set the mode of an open file (`fchmod`: never through a name).
pub fn set_mode(f: &File, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (f, mode);
        Ok(())
    }
}

/// `s` with every character `keep` refuses written as `%XX` (its UTF-8 bytes), and `%`
/// itself too, so that [`percent_decode`] gives `s` back.
pub fn percent_encode(s: &str, keep: impl Fn(usize, char) -> bool) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if c != '%' && keep(i, c) {
            out.push(c);
        } else {
            for b in c.encode_utf8(&mut [0; 4]).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// The text [`percent_encode`] made; `None` if `s` is not such a text.
pub fn percent_decode(s: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(s.len());
    let mut rest = s.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            let hex = tail
                .get(..2)
                .filter(|h| h.iter().all(u8::is_ascii_hexdigit))?;
            let hex = std::str::from_utf8(hex).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

/// The bytes of the sidecar at `path` (at most `limit`), or `None` if there is none.
/// Refuses a link or anything but a plain file; another user's file may be read.
pub fn read(path: &Path, limit: u64) -> io::Result<Option<(Vec<u8>, Metadata)>> {
    let f = match open(path, Access::Read) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let meta = f.metadata()?;
    let mut bytes = Vec::new();
    f.take(limit).read_to_end(&mut bytes)?;
    Ok(Some((bytes, meta)))
}

/// May styr replace or remove the sidecar at `path` (whose `symlink_metadata` is
/// `meta`)? Not a link, and not another user's.
pub fn check_replaceable(path: &Path, meta: &Metadata) -> io::Result<()> {
    if meta.file_type().is_symlink() {
        return Err(link_error(path));
    }
    check_ours(path, meta)
}

/// Are two open files the same file?
pub fn same_inode(a: &File, b: &File) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (a.metadata(), b.metadata()) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        true
    }
}

/// Is the thing at `path` a symbolic link? (Looked at, not followed.)
pub fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Refuse anything but a plain file.
fn check_plain(path: &Path, meta: &Metadata) -> io::Result<()> {
    if meta.is_file() {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is not a plain file; styr leaves it alone (remove it if it is not yours)",
                name_of(path)
            ),
        ))
    }
}

/// Refuse to write into another user's file.
fn check_ours(path: &Path, meta: &Metadata) -> io::Result<()> {
    match owner_if_not_me(meta) {
        None => Ok(()),
        Some(uid) => Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{} belongs to {}; styr does not write into another user's file",
                name_of(path),
                user_name(uid)
            ),
        )),
    }
}

/// The owner of `meta`'s file when that is not this process's user.
pub fn owner_if_not_me(meta: &Metadata) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        (meta.uid() != me).then_some(meta.uid())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// The login name of this process's user ([`user_name`] of its effective uid).
pub fn my_user_name() -> String {
    #[cfg(unix)]
    {
        // SAFETY: geteuid has no preconditions and cannot fail.
        user_name(unsafe { libc::geteuid() })
    }
    #[cfg(not(unix))]
    {
        std::env::var("USERNAME").unwrap_or_default()
    }
}

/// The login name of `uid` from /etc/passwd, or `uid 1234` when it is not there.
pub fn user_name(uid: u32) -> String {
    std::fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|text| {
            text.lines().find_map(|line| {
                let mut f = line.split(':');
                let name = f.next()?;
                let id: u32 = f.nth(1)?.parse().ok()?;
                (id == uid).then(|| name.to_string())
            })
        })
        .map(|n| crate::sanitize::clean(&n).into_owned())
        .unwrap_or_else(|| format!("uid {uid}"))
}

fn with_flags(o: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: a fifo planted at a sidecar's name must not hang styr at open.
        o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC);
    }
    o
}

/// Put the sidecar's name into an error, and say plainly what a link found there means.
fn named(path: &Path, e: io::Error) -> io::Error {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return link_error(path);
    }
    match e.kind() {
        io::ErrorKind::NotFound | io::ErrorKind::AlreadyExists => e,
        kind => io::Error::new(kind, format!("{}: {}", name_of(path), brief(&e))),
    }
}

/// The refusal of a link at a sidecar's name.
fn link_error(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!(
            "{} is a symbolic link, and styr never writes through one (remove it if it is not yours)",
            name_of(path)
        ),
    )
}

/// A sidecar's name without its folder (it is always beside the file), cleaned for
/// display: messages must fit the status line.
pub fn name_of(path: &Path) -> String {
    let name = path.file_name().unwrap_or(path.as_os_str());
    crate::sanitize::clean(&name.to_string_lossy()).into_owned()
}

/// A short, plain wording of an I/O error, for messages that must fit a status line.
pub fn brief(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::QuotaExceeded => "the disk quota is used up".into(),
        io::ErrorKind::PermissionDenied if e.raw_os_error().is_some() => "permission denied".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".into(),
        io::ErrorKind::NotFound if e.raw_os_error().is_some() => "not found".into(),
        _ => match e.raw_os_error() {
            // The system's words without the "(os error N)" tail.
            Some(_) => {
                let s = e.to_string();
                match s.rfind(" (os error") {
                    Some(i) => s[..i].to_string(),
                    None => s,
                }
            }
            None => e.to_string(),
        },
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::io::Write;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_link_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let side = dir.path().join(".p.ron.styr-lock");
        symlink(&victim, &side).unwrap();
        for access in [Access::Write, Access::Append, Access::Read] {
            let e = open(&side, access).unwrap_err();
            assert!(e.to_string().contains("symbolic link"), "{e}");
            assert!(e.to_string().contains(".p.ron.styr-lock"), "{e}");
        }
        let e = create_new(&side, 0o600).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert!(read(&side, 100).is_err());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        // A dangling link is not followed to create its target either.
        let gone = dir.path().join("not-there.txt");
        let side2 = dir.path().join(".p.ron.styr-journal");
        symlink(&gone, &side2).unwrap();
        assert!(create_new(&side2, 0o600).is_err());
        assert!(!gone.exists());
    }

    #[test]
    fn a_plain_sidecar_of_ours_opens() {
        let dir = tempfile::tempdir().unwrap();
        let side = dir.path().join(".p.ron.styr-journal");
        let mut f = create_new(&side, 0o600).unwrap();
        f.write_all(b"line\n").unwrap();
        drop(f);
        let mut f = open(&side, Access::Append).unwrap();
        f.write_all(b"two\n").unwrap();
        let (bytes, _) = read(&side, 100).unwrap().unwrap();
        assert_eq!(bytes, b"line\ntwo\n");
        assert_eq!(read(&side, 4).unwrap().unwrap().0, b"line");
        assert!(read(&dir.path().join("none"), 4).unwrap().is_none());
        // A folder is not a sidecar.
        let e = open(dir.path(), Access::Read).unwrap_err();
        assert!(e.to_string().contains("not a plain file"), "{e}");
    }

    #[test]
    fn errors_are_brief() {
        let full = io::Error::from_raw_os_error(libc::ENOSPC);
        assert_eq!(brief(&full), "the disk is full");
        let other = io::Error::from_raw_os_error(libc::EIO);
        assert!(!brief(&other).contains("os error"), "{}", brief(&other));
    }
}
