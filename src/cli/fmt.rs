//! `styr fmt FILE [--check]`: the file rewritten in the canonical layout (pretty, fixed
//! field order, defaults left out, comments gone) — only when asked to, like `cargo fmt`.
//! A save never does this; it keeps the file as the user wrote it.

use crate::model::save::to_ron;
use crate::store::{self, LockState};

/// What `fmt` did, and the exit status it means.
#[derive(Debug, PartialEq, Eq)]
pub enum Formatted {
    /// Already in the canonical layout (exit 0).
    Unchanged,
    /// Rewritten (exit 0).
    Written,
    /// `--check`: it would change (exit 1).
    WouldChange,
}

/// Format the file at `path` (with `check`, only tell). Errors: the messages to print,
/// already with the file's name; exit status 2.
pub fn fmt(path: &str, check: bool) -> Result<Formatted, Vec<String>> {
    let (bytes, doc) = store::open(path).map_err(|e| {
        vec![crate::model::Diagnostic::error(None, super::io_message(&e)).render(path)]
    })?;
    let (p, _warnings) = super::load(path, &bytes)?;
    let text = to_ron(&p);
    if text.as_bytes() == bytes.as_slice() {
        return Ok(Formatted::Unchanged);
    }
    if check {
        return Ok(Formatted::WouldChange);
    }
    let refuse = |why: String| vec![format!("{path}: {why}")];
    if let Some(mode) = doc.write_protected() {
        return Err(refuse(format!(
            "write-protected ({}); not rewritten",
            store::mode_string(mode)
        )));
    }
    // A styr with the file open would find it changed under its edits: not now.
    let _lock = match store::acquire(doc.path()) {
        Ok(LockState::Acquired(lock)) => Some(lock),
        Ok(LockState::HeldByOther { .. }) => {
            return Err(refuse(
                "the file is open in styr; close it there first".to_string(),
            ));
        }
        Err(_) => None,
    };
    let meta = std::fs::metadata(doc.path()).ok();
    store::atomic::replace(doc.path(), text.as_bytes(), meta.as_ref())
        .map_err(|e| refuse(format!("cannot rewrite it: {e}")))?;
    Ok(Formatted::Written)
}
