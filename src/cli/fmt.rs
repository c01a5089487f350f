//! `styr fmt FILE [--check]`: the file rewritten in the canonical layout (pretty, fixed
//! field order, defaults left out, comments gone) — only when asked to, like `cargo fmt`.
//! A save never does this; it keeps the file as the user wrote it.

use crate::model::msg::msg;
use crate::model::progress::Stage;
use crate::model::save::to_ron;
use crate::store::{self, LockState};
use crate::text::Lang;

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
/// already with the file's name, in `lang`; exit status 2.
pub fn fmt(path: &str, check: bool, lang: Lang) -> Result<Formatted, Vec<String>> {
    let bar = super::progress::Bar::start(path, lang);
    bar.progress().begin(Stage::File, 0);
    let (bytes, doc) = store::open(path).map_err(|e| {
        vec![crate::model::Diagnostic::error(None, super::io_message(&e)).render_in(path, lang)]
    })?;
    let (p, _warnings) = super::load_counting(path, &bytes, lang, bar.progress())?;
    bar.progress().begin(Stage::Writing, 0);
    let text = to_ron(&p);
    if text.as_bytes() == bytes.as_slice() {
        return Ok(Formatted::Unchanged);
    }
    if check {
        return Ok(Formatted::WouldChange);
    }
    let refuse = |why: crate::model::Msg| vec![format!("{path}: {}", why.get(lang))];
    if let Some(mode) = doc.write_protected() {
        let mode = store::mode_string(mode);
        return Err(refuse(msg!(
            "write-protected ({mode}); not rewritten",
            "skrivebeskyttet ({mode}); ikke skrevet om"
        )));
    }
    // A styr with the file open would find it changed under its edits: not now.
    let _lock = match store::acquire(doc.path()) {
        Ok(LockState::Acquired(lock)) => Some(lock),
        Ok(LockState::HeldByOther { .. }) => {
            return Err(refuse(msg!(
                "the file is open in styr; close it there first",
                "filen er åpen i styr; lukk den der først"
            )));
        }
        Err(_) => None,
    };
    let meta = std::fs::metadata(doc.path()).ok();
    store::atomic::replace(doc.path(), text.as_bytes(), meta.as_ref()).map_err(|e| {
        refuse(msg!(
            "cannot rewrite it: {e}",
            "kan ikke skrive den om: {e}"
        ))
    })?;
    Ok(Formatted::Written)
}
