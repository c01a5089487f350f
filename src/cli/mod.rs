//! The non-interactive commands: check, report, minutes, export. Each returns its output as a
//! string (or its findings), so `main` alone decides what goes to stdout and the exit code.

pub mod check;
pub mod diff;
pub mod export;
pub mod fmt;
pub mod html;
pub mod minutes;
pub mod report;
pub mod xlsx;

use crate::model::{Diagnostic, Portfolio, load_bytes};

/// Exit status for a file that is refused (or cannot be read).
pub const EXIT_REFUSED: i32 = 2;

/// Read and load a file for a command that needs a good portfolio. On failure, the
/// messages to print (already rendered with the file name).
pub fn open(path: &str) -> Result<(Portfolio, Vec<String>), Vec<String>> {
    let bytes = read(path).map_err(|d| vec![d.render(path)])?;
    load(path, &bytes)
}

/// Load a file's bytes; the findings rendered with the file name `path`.
pub fn load(path: &str, bytes: &[u8]) -> Result<(Portfolio, Vec<String>), Vec<String>> {
    let loaded = load_bytes(bytes);
    let mut messages: Vec<String> = loaded.diagnostics.iter().map(|d| d.render(path)).collect();
    match loaded.portfolio {
        Some(p) => Ok((p, messages)),
        None => {
            messages.extend(interrupted_save(path));
            Err(messages)
        }
    }
}

/// When a file does not load: a save of a file with several names that died half-way
/// kept the whole new text beside it. Where it is, and what to do.
pub fn interrupted_save(path: &str) -> Option<String> {
    let copy = crate::store::atomic::saving_copy_path(&std::fs::canonicalize(path).ok()?);
    copy.is_file().then(|| {
        format!(
            "{path}: a save was interrupted while writing this file; the whole saved text is in {} — check it with `styr check` and move it over the file",
            copy.display()
        )
    })
}

/// Read a file's bytes through the store's one bounded reader (regular files only, size
/// checked before reading); a failure is a finding without a place.
pub fn read(path: &str) -> Result<Vec<u8>, Diagnostic> {
    crate::store::read::read_portfolio_file(std::path::Path::new(path))
        .map(|(bytes, _)| bytes)
        .map_err(|e| Diagnostic::error(None, io_message(&e)))
}

/// What a failure to read a file means, and what to do.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file; check the path".to_string(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied; check the file's permissions".to_string()
        }
        std::io::ErrorKind::IsADirectory => {
            "is a folder; give the path of a portfolio file (.ron)".to_string()
        }
        // Our own refusals (not a regular file, too large) say it all.
        std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData => e.to_string(),
        _ => format!("cannot read the file: {e}"),
    }
}

/// Escape text for a Markdown table cell or line: untrusted text is cleaned, and `|`,
/// `*`, `_`, `` ` ``, `[`, `<` are escaped so a name cannot break the layout.
pub fn md(s: &str) -> String {
    let clean = crate::sanitize::inert(s);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        if matches!(
            c,
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
