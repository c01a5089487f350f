//! Files of RON lines — the journal, a seat's file: a header on the first line, then one
//! entry a line, appended and synced one at a time. A crash in the middle of a write
//! leaves a torn last line, which is dropped when read; a line that cannot be read is
//! skipped and counted, and never stops the rest from being read.

use std::io;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// One value as one line of RON (ron escapes newlines in strings, so it stays one line).
pub(crate) fn line_of<T: Serialize>(value: &T) -> io::Result<String> {
    let mut s = ron::to_string(value).map_err(io::Error::other)?;
    if s.contains('\n') {
        return Err(io::Error::other("an entry would span lines"));
    }
    s.push('\n');
    Ok(s)
}

/// What a file of lines held.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Lines<H, E> {
    /// The first line, when it reads as a header.
    pub header: Option<H>,
    pub entries: Vec<E>,
    /// The last line was incomplete (a crash while writing it) and was left out.
    pub torn_tail: bool,
    /// Complete lines that could not be read, and were left out.
    pub unreadable: usize,
    /// The length up to the end of the last complete line: where the next line goes.
    pub good_len: u64,
}

/// Read `bytes` as a header line and entry lines. Lines of nothing but blanks or zeros
/// (which a crash can leave where the file grew) are not entries.
pub(crate) fn parse_lines<H: DeserializeOwned, E: DeserializeOwned>(bytes: &[u8]) -> Lines<H, E> {
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    // After the last '\n' is either nothing or a line whose write never finished.
    let tail = lines.pop().unwrap_or_default();
    let mut out = Lines {
        header: None,
        entries: Vec::new(),
        torn_tail: !tail.is_empty(),
        unreadable: 0,
        good_len: (bytes.len() - tail.len()) as u64,
    };
    // As the file is read: a project, a risk or a budget in an entry (issue 17) has
    // fields that take a plain value for an optional one. Older lines read the same.
    let opts = crate::model::load::ron_options();
    for (i, raw) in lines.iter().enumerate() {
        let Ok(text) = std::str::from_utf8(raw) else {
            out.unreadable += 1;
            continue;
        };
        if text
            .trim_matches(|c: char| c.is_whitespace() || c == '\0')
            .is_empty()
        {
            continue;
        }
        if i == 0
            && let Ok(h) = opts.from_str::<H>(text)
        {
            out.header = Some(h);
            continue;
        }
        match opts.from_str::<E>(text) {
            Ok(e) => out.entries.push(e),
            Err(_) => out.unreadable += 1,
        }
    }
    out
}
