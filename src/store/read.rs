//! The one way a portfolio file is read, by every command and by the interactive view.
//!
//! A shared folder is hostile (RELIABILITY.md): the path may name a device that never
//! ends (`/dev/zero`), a fifo that nobody writes, a socket, a folder, or a sparse file
//! of gigabytes. So:
//!
//! - only a regular file (or a symlink to one) is read; anything else is refused and
//!   named, from the path's metadata before it is opened and again from the open handle;
//! - the file is opened with `O_NONBLOCK` and `O_NOCTTY`, so that opening a fifo with no
//!   writer returns at once and a terminal device never becomes the controlling terminal;
//! - the size is checked with `fstat` on the open handle before a byte is read: a file
//!   over the limit is refused from its metadata and costs no memory;
//! - at most limit + 1 bytes are read, so a file that grows meanwhile (or lies about its
//!   size, as `/proc` files do) is still bounded.

use std::fs::{self, File, FileType, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use crate::model::load::MAX_FILE_BYTES;

/// Read the portfolio file at `path` and its metadata (from the same handle), refusing
/// anything that is not a regular file of at most [`MAX_FILE_BYTES`].
///
/// Errors: `NotFound` and `PermissionDenied` as the system says; `IsADirectory` for a
/// folder; `InvalidInput` for any other kind of file and `InvalidData` for one that is
/// too large, each with a message that says what it is and what to do.
pub fn read_portfolio_file(path: &Path) -> io::Result<(Vec<u8>, Metadata)> {
    read_bounded(path, MAX_FILE_BYTES as u64)
}

/// [`read_portfolio_file`] with another limit (for tests).
pub fn read_bounded(path: &Path, limit: u64) -> io::Result<(Vec<u8>, Metadata)> {
    // Refuse a device, fifo or socket without opening it: opening some devices has
    // effects of its own. The check on the open handle below is the one that counts.
    regular(&fs::metadata(path)?, limit)?;
    let f = open_nonblocking(path)?;
    let meta = f.metadata()?;
    regular(&meta, limit)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok((bytes, meta))
}

/// Open for reading without waiting: a fifo with no writer, a modem line without
/// carrier, would otherwise block in `open` itself.
fn open_nonblocking(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    o.open(path)
}

/// `Ok` for a regular file within the limit; otherwise the refusal.
fn regular(meta: &Metadata, limit: u64) -> io::Result<()> {
    let t = meta.file_type();
    if t.is_dir() {
        // Said in words by the caller (`cli::io_message`), as for any other read.
        return Err(io::ErrorKind::IsADirectory.into());
    }
    if !t.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "is {}, not a regular file; styr reads a portfolio only from a file — \
                 save it to a .ron file and give that file's path",
                kind(t)
            ),
        ));
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    Ok(())
}

fn too_large(len: u64, limit: u64) -> io::Error {
    let size = if len > limit + 1 {
        format!("{} MiB", len >> 20)
    } else {
        format!("more than {} MiB", limit >> 20)
    };
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "the file is {size}; styr reads portfolios up to {} MiB — split it into smaller portfolios",
            limit >> 20
        ),
    )
}

/// What a file that is neither a folder nor a regular file is, in words.
fn kind(t: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_fifo() {
            return "a fifo (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    #[cfg(not(unix))]
    let _ = t;
    "not a file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        fs::write(&p, b"0123456789").unwrap();
        let (bytes, meta) = read_bounded(&p, 10).unwrap();
        assert_eq!(bytes, b"0123456789");
        assert_eq!(meta.len(), 10);
    }

    #[test]
    fn a_file_over_the_limit_is_refused_by_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.ron");
        fs::write(&p, b"01234567890").unwrap();
        let e = read_bounded(&p, 10).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        assert!(e.to_string().contains("up to 0 MiB"), "{e}");
        // A sparse file far over the limit: refused from its metadata, so at once.
        let big = dir.path().join("big.ron");
        File::create(&big).unwrap().set_len(3 << 30).unwrap();
        let e = read_portfolio_file(&big).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the file is 3072 MiB; styr reads portfolios up to 512 MiB — split it into smaller portfolios"
        );
    }

    #[test]
    fn a_folder_is_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_portfolio_file(dir.path()).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::IsADirectory);
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_named() {
        let e = read_portfolio_file(Path::new("/dev/null")).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
        assert!(
            e.to_string()
                .starts_with("is a character device, not a regular file")
        );
    }
}
