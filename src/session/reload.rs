//! Reading the file again: after a conflict (with this session's edits put back on
//! top), after the editor, and by itself when someone else changed it and nothing here
//! is unsaved. Whatever happens, what is on screen is only replaced by a file that loads.

use std::io;

use super::{Session, set_aside, skipped_note};
use crate::app::{App, JournalEntry};
use crate::model::edit::History;
use crate::model::progress::Stage;
use crate::model::{Portfolio, load_bytes_with};
use crate::store::{self, Document, Journal};
use crate::text::Lang;

/// The file on disk as it is now.
pub(super) enum OnDisk {
    Loads(Box<Portfolio>, Document),
    /// It does not load: its errors, each `FILE:LINE:COL: error: …`, cleaned.
    Broken(Vec<String>),
    Unreadable(io::Error),
}

/// At most this many errors are listed; the rest are counted.
const ERRORS_SHOWN: usize = 6;

impl Session {
    /// Read and load the file (nothing is written). `None` without a file.
    pub(super) fn read_disk(&self, app: &App) -> Option<OnDisk> {
        let doc = self.doc.as_ref()?;
        self.progress.begin(Stage::File, 0);
        let (loaded, new_doc) =
            match store::open_with(doc.path(), |bytes| load_bytes_with(bytes, &self.progress)) {
                Ok(x) => x,
                Err(e) => return Some(OnDisk::Unreadable(e)),
            };
        Some(match loaded.portfolio {
            Some(p) => OnDisk::Loads(Box::new(p), new_doc),
            None => OnDisk::Broken(rendered_errors(app.lang, &loaded, &app.file_label)),
        })
    }

    /// Put `portfolio` (just read as `new_doc`) on screen with this session's journaled
    /// edits on top, where they still fit; the journal follows the new file. The
    /// replay's report, and a journal error if there was one.
    pub(super) fn take_in(
        &mut self,
        app: &mut App,
        mut portfolio: Portfolio,
        mut new_doc: Document,
    ) -> (store::ReplayReport, Option<io::Error>) {
        // A save splices into the new text without parsing it again.
        new_doc.set_base(crate::model::split::clone_on_every_core(&portfolio));
        let entries: Vec<JournalEntry> = self
            .journal
            .as_ref()
            .map(|j| j.entries().to_vec())
            .unwrap_or_default();
        let mut history = History::default();
        let report = store::replay(&mut portfolio, &mut history, &entries);
        app.replace_portfolio(portfolio, history);
        let applied = set_aside(app, &new_doc, &entries, &report);
        let journal_err = match self.journal.as_mut() {
            // Nothing journaled: nothing to write or remove, only a new file to follow.
            Some(j) if applied.is_empty() && !j.is_active() => {
                *j = Journal::new(&new_doc, self.meeting);
                None
            }
            Some(j) => {
                j.keep_only(applied);
                j.rebase(&new_doc).err()
            }
            None => None,
        };
        self.doc = Some(new_doc);
        self.told_broken = false;
        (report, journal_err)
    }

    /// Load the file again from disk and put this session's edits on top, where they
    /// still fit (the project or risk may be gone). The conflict question's `r`.
    pub(super) fn reload(&mut self, app: &mut App) {
        let l = app.lang;
        app.quit_after_save = false;
        let (portfolio, new_doc) = match self.read_disk(app) {
            None => return,
            Some(OnDisk::Loads(p, d)) => (*p, d),
            Some(OnDisk::Unreadable(e)) => {
                app.message = Some(format!(
                    "{}: {e}",
                    l.pick("Kunne ikke lese filen", "Could not read the file")
                ));
                return;
            }
            Some(OnDisk::Broken(errors)) => {
                app.message = Some(format!(
                    "{} {}",
                    l.pick(
                        "Filen på disk har feil og ble ikke lastet; dine endringer er urørt:",
                        "The file on disk has errors and was not loaded; your edits are untouched:"
                    ),
                    errors.first().map_or("", String::as_str)
                ));
                return;
            }
        };
        let (report, journal_err) = self.take_in(app, portfolio, new_doc);
        let mut msg = format!(
            "{}: {} {}{}",
            l.pick("Lastet inn på nytt", "Reloaded"),
            report.applied,
            l.pick("endringer lagt på igjen", "edits re-applied"),
            skipped_note(l, &report)
        );
        if let Some(e) = journal_err {
            msg.push_str(&format!(
                " · {}: {e}",
                l.pick("journalfeil", "journal error")
            ));
        }
        app.message = Some(msg);
    }

    /// Someone else changed the file and nothing here is unsaved: show their version.
    /// A file that does not load (someone is half-way through an edit) leaves the last
    /// good state on screen, said once, until it loads again.
    pub(super) fn reload_quietly(&mut self, app: &mut App) {
        let l = app.lang;
        match self.read_disk(app) {
            None | Some(OnDisk::Unreadable(_)) => {}
            Some(OnDisk::Loads(p, d)) => {
                let (_, journal_err) = self.take_in(app, *p, d);
                let mut msg = l
                    .pick(
                        "Lastet inn på nytt: endret på disk",
                        "Reloaded: changed on disk",
                    )
                    .to_string();
                if let Some(e) = journal_err {
                    msg.push_str(&format!(
                        " · {}: {e}",
                        l.pick("journalfeil", "journal error")
                    ));
                }
                app.message = Some(msg);
            }
            Some(OnDisk::Broken(errors)) => {
                if !self.told_broken {
                    self.told_broken = true;
                    app.message = Some(broken_message(l, &errors));
                }
            }
        }
    }
}

/// "The file on disk has errors: FILE:LINE:COL: …; showing the last good state".
pub(super) fn broken_message(l: Lang, errors: &[String]) -> String {
    format!(
        "{}: {}; {}",
        l.pick("Filen på disk har feil", "The file on disk has errors"),
        errors.first().map_or("?", String::as_str),
        l.pick("viser siste gode versjon", "showing the last good state")
    )
}

/// The errors of a file that does not load, placed and cleaned, the first few of them.
fn rendered_errors(l: Lang, loaded: &crate::model::Loaded, label: &str) -> Vec<String> {
    let errors: Vec<&crate::model::Diagnostic> =
        loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    let mut out: Vec<String> = errors
        .iter()
        .take(ERRORS_SHOWN)
        .map(|d| d.render_in(label, l))
        .collect();
    if errors.len() > ERRORS_SHOWN {
        out.push(format!(
            "… {} {}",
            errors.len() - ERRORS_SHOWN,
            l.pick("feil til", "more errors")
        ));
    }
    if out.is_empty() {
        out.push(l.pick("(ukjent feil)", "(unknown error)").to_string());
    }
    out
}
