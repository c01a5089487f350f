//! The session's I/O: it carries out the effects `update` asks for (journal, save,
//! reload, recover) against the file on disk, and tells the user what happened.
//!
//! `update` decides *what* should happen; this is the one place that touches the disk
//! while styr runs. Every journal entry is on disk before the event loop draws the next
//! frame, so the screen never confirms an edit that a crash could lose.

mod editor;
mod output;
mod reload;
mod room;
mod start;
mod watch;

pub use room::seat_name;

pub use editor::{EditorCall, editor_words, line_args, line_of};

use std::io;
use std::sync::Arc;

use crate::app::update::open_save_as;
use crate::app::{App, Effect, JournalEntry, NotApplied, Overlay, Question};
use crate::model::Date;
use crate::model::progress::Progress;
use crate::store::{
    self, Conflict, Document, Journal, Lock, LockState, Recovered, SaveError, SaveOutcome,
};
use crate::text::Lang;

/// Everything the interactive session keeps about the file on disk. Without a document
/// (the bundled example) edits live in memory until saved under a name.
#[derive(Default)]
pub struct Session {
    pub should_quit: bool,
    doc: Option<Document>,
    journal: Option<Journal>,
    lock: Option<Lock>,
    /// A journal left behind, while the recovery question is open.
    recovered: Option<Recovered>,
    meeting: Option<Date>,
    /// Outside changes already reported (each is said once).
    told_changed: Option<store::Fingerprint>,
    /// Length and modification time of the file when `tick` last hashed it, so an
    /// outside change is hashed once, not every few seconds.
    hashed_meta: Option<(u64, Option<i64>)>,
    /// The file on disk does not load, and the user was told (said once, until it
    /// loads again).
    told_broken: bool,
    /// The editor `e` asked for, until the event loop takes it (see [`EditorCall`]).
    editor_call: Option<EditorCall>,
    /// An editor command to use instead of `$VISUAL`/`$EDITOR`.
    editor_command: Option<String>,
    /// What a save or a reload counts as it goes, for the event loop to show.
    progress: Arc<Progress>,
    /// The meeting of many seats: the watcher, a seat's place in the chair's journal
    /// and its own file, the chair's state (see [`room`]).
    meeting_files: room::Meeting,
    /// The name a seat takes (`--by`; else the login name).
    seat_by: Option<String>,
}

impl Session {
    /// A session on `doc` (as [`store::open`] read it), or on no file.
    pub fn new(doc: Option<Document>, meeting: Date) -> Session {
        Session {
            doc,
            meeting: Some(meeting),
            ..Session::default()
        }
    }

    /// Count saves and reloads in `progress` (the one the file was loaded with).
    pub fn with_progress(mut self, progress: Arc<Progress>) -> Session {
        self.progress = progress;
        self
    }

    /// The name to take as a seat of a meeting (`--by`).
    pub fn with_seat_name(mut self, by: Option<String>) -> Session {
        self.seat_by = by;
        self
    }

    /// What a save or a reload counts as it goes.
    pub fn progress(&self) -> Arc<Progress> {
        self.progress.clone()
    }

    /// Carry out the effects `update` queued, in order.
    pub fn run_effects(&mut self, app: &mut App) {
        let effects = std::mem::take(&mut app.effects);
        for e in effects {
            match e {
                Effect::Journal(entry) => self.journal_entry(app, entry),
                Effect::Save => self.save(app),
                Effect::SaveAs(name) => self.save_as(app, &name),
                Effect::Reload => self.reload(app),
                Effect::Recover => self.recover(app),
                Effect::DiscardJournal => self.discard(app),
                Effect::DismissNotApplied => self.dismiss_not_applied(app),
                Effect::Editor(target) => self.editor(app, target),
                Effect::WriteOutput(o) => self.write_output(app, o),
                Effect::Rate {
                    project,
                    date,
                    criterion,
                    score,
                } => self.rate(app, project, date, criterion, score),
                Effect::Quit => {
                    self.leave(app);
                    self.should_quit = true;
                }
            }
        }
    }

    /// Now and then (the event loop calls it when idle): when someone else changed the
    /// file, show their version if nothing here is unsaved (also read-only), else say
    /// so once.
    pub fn tick(&mut self, app: &mut App) {
        let l = app.lang;
        // A seat's file and journal are followed by `look`.
        if app.room.is_seat() {
            return;
        }
        let Some(seen) = self.meta_moved() else {
            return;
        };
        let Some(doc) = &self.doc else {
            return;
        };
        let quiet = app.unsaved == 0;
        // A question open (recovery, the editor's errors, …) decides about the file
        // first: look again at the next tick.
        if quiet && (self.recovered.is_some() || matches!(app.overlay, Some(Overlay::Question(_))))
        {
            return;
        }
        self.hashed_meta = Some(seen);
        match doc.disk_state() {
            Ok(store::DiskState::Changed(_)) if quiet => self.reload_quietly(app),
            Ok(store::DiskState::Changed(now)) if self.told_changed != Some(now) => {
                self.told_changed = Some(now);
                app.message = Some(
                    l.pick(
                        "Filen er endret på disk av noen andre; s lar deg laste inn på nytt eller lagre som ny fil",
                        "The file changed on disk; s lets you reload it or save under another name",
                    )
                    .into(),
                );
            }
            _ => {}
        }
    }

    /// The file's length and modification time, when they are not the loaded file's nor
    /// those last hashed: only then is the file worth hashing (see [`tick`](Self::tick)).
    fn meta_moved(&self) -> Option<(u64, Option<i64>)> {
        let doc = self.doc.as_ref()?;
        let meta = std::fs::metadata(doc.path()).ok()?;
        let fp = doc.fingerprint();
        let seen = (
            meta.len(),
            store::Fingerprint::of(&[], Some(&meta)).mtime_ns,
        );
        (seen != (fp.len, fp.mtime_ns) && self.hashed_meta != Some(seen)).then_some(seen)
    }

    /// Append one entry to the journal, synced. If that fails the edit is taken back:
    /// the screen must never show an edit a crash could lose.
    fn journal_entry(&mut self, app: &mut App, entry: JournalEntry) {
        let Some(journal) = self.journal.as_mut() else {
            return; // no file (the bundled example), or read-only
        };
        let Err(e) = journal.append(&entry) else {
            return;
        };
        match entry {
            JournalEntry::Edit(_) | JournalEntry::Stamped(..) | JournalEntry::Redo => {
                app.history.undo(&mut app.portfolio);
            }
            JournalEntry::Undo => {
                app.history.redo(&mut app.portfolio);
            }
        }
        app.unsaved = app.history.unsaved(&app.portfolio);
        // The edit taken back may have added a project or changed the goal tree: the
        // views made again, not only the figures.
        app.history.take_replaced();
        app.structure_changed();
        app.message = Some(format!(
            "{} ({}): {}",
            app.lang
                .pick("Journalen kunne ikke skrives", "Could not journal it"),
            io_brief(app.lang, &e),
            app.lang
                .pick("endringen er ikke gjort", "the change was not made")
        ));
    }

    fn save(&mut self, app: &mut App) {
        let l = app.lang;
        let Some(doc) = self.doc.as_mut() else {
            // The bundled example has no file of its own: ask for a name.
            open_save_as(app);
            return;
        };
        // After a project was added or removed, every project is compared.
        let touched = (!app.history.reshaped()).then(|| app.history.touched());
        match store::save_touched_with(doc, &app.portfolio, touched.as_deref(), &self.progress) {
            Ok(SaveOutcome::Saved(saved)) => {
                let journal_note = self
                    .journal
                    .as_mut()
                    .and_then(|j| j.saved(doc).err())
                    .map(|e| {
                        format!(
                            " · {}: {e}",
                            l.pick(
                                "journalen kunne ikke fjernes",
                                "the journal could not be removed"
                            )
                        )
                    })
                    .unwrap_or_default();
                app.unsaved = 0;
                app.history.mark_saved();
                let links = saved
                    .in_place_links
                    .map(|n| {
                        format!(
                            " · {n} {}",
                            l.pick(
                                "harde lenker: skrevet på stedet, alle navnene har den nye teksten",
                                "hard links: written in place, every name has the new text"
                            )
                        )
                    })
                    .unwrap_or_default();
                app.message = Some(format!(
                    "{} {}{links}{journal_note}",
                    l.pick("Lagret", "Saved"),
                    app.file_name()
                ));
                if app.quit_after_save {
                    self.should_quit = true;
                }
            }
            Ok(SaveOutcome::Conflict(Conflict::Changed { .. })) => {
                app.overlay = Some(Overlay::Question(Question::Conflict));
            }
            Ok(SaveOutcome::Conflict(Conflict::Missing)) => {
                app.message = Some(
                    l.pick(
                        "Filen er slettet eller flyttet; lagre under et navn",
                        "The file was deleted or moved; save it under a name",
                    )
                    .into(),
                );
                app.save_as_default = app.file_label.clone();
                open_save_as(app);
            }
            Err(e) => {
                app.quit_after_save = false;
                app.message = Some(save_error(l, &e));
            }
        }
    }

    fn save_as(&mut self, app: &mut App, name: &str) {
        let l = app.lang;
        let result = match self.doc.as_mut() {
            Some(doc) => store::save_as_with(doc, &app.portfolio, name, &self.progress).map(|_| ()),
            None => store::create(&app.portfolio, name).map(|doc| {
                self.doc = Some(doc);
            }),
        };
        if let Err(e) = result {
            app.message = Some(save_error(l, &e));
            app.save_as_default = name.to_string();
            open_save_as(app);
            return;
        }
        let Some(doc) = self.doc.as_ref() else {
            return;
        };
        // The new file gets its own lock and journal; the old ones go.
        self.lock = None;
        if let Ok(LockState::Acquired(lock)) = store::acquire(doc.path()) {
            self.lock = Some(lock);
        }
        match self.journal.as_mut() {
            Some(j) => {
                let _ = j.saved(doc);
            }
            None => self.journal = Some(Journal::new(doc, self.meeting)),
        }
        app.file_label = name.to_string();
        // A copy of a write-protected file is the user's own: it can be edited.
        if app.protected {
            app.protected = false;
            app.read_only = false;
        }
        app.save_as_default = crate::app::suggest_save_as(name, app.meeting_date);
        app.unsaved = 0;
        app.history.mark_saved();
        app.message = Some(format!(
            "{} {}",
            l.pick("Lagret som", "Saved as"),
            app.file_name()
        ));
        if app.quit_after_save {
            self.should_quit = true;
        }
    }

    fn recover(&mut self, app: &mut App) {
        let l = app.lang;
        let (Some(rec), Some(doc)) = (self.recovered.take(), self.doc.as_ref()) else {
            return;
        };
        let report = store::replay(&mut app.portfolio, &mut app.history, &rec.entries);
        app.unsaved = app.history.unsaved(&app.portfolio);
        // The journal may add projects and goals, or rename them: the views made again.
        app.structure_changed();
        let mut msg = format!(
            "{} {} {}{}",
            l.pick("Gjenopprettet", "Recovered"),
            report.applied,
            l.pick("endringer — s lagrer dem", "changes — s saves them"),
            skipped_note(l, &report)
        );
        // Write the journal again at once, against the file as it is now, so a second
        // crash loses nothing either; the edits that did not fit are kept aside, so a
        // clean quit leaves no journal that asks again at every start.
        let applied = set_aside(app, doc, &rec.entries, &report);
        let journal = if applied.is_empty() {
            store::journal::remove_if_there(&rec.path).map(|()| Journal::new(doc, self.meeting))
        } else {
            Journal::recovered(doc, self.meeting, applied)
        };
        match journal {
            Ok(j) => self.journal = Some(j),
            Err(e) => msg.push_str(&format!(
                " · {}: {}",
                l.pick(
                    "journalen kunne ikke skrives",
                    "the journal could not be written"
                ),
                io_brief(l, &e)
            )),
        }
        app.message = Some(msg);
    }

    fn discard(&mut self, app: &mut App) {
        let l = app.lang;
        let result: io::Result<()> = if let Some(rec) = self.recovered.take() {
            store::journal::remove_if_there(&rec.path)
        } else if let Some(j) = self.journal.as_mut() {
            j.discard()
        } else {
            Ok(())
        };
        if let Err(e) = result {
            app.message = Some(format!(
                "{}: {e}",
                l.pick(
                    "Kunne ikke fjerne journalen",
                    "Could not remove the journal"
                )
            ));
        }
    }

    fn dismiss_not_applied(&mut self, app: &mut App) {
        let Some(doc) = &self.doc else { return };
        if let Err(e) = store::kept::dismiss_not_applied(doc.path()) {
            app.message = Some(format!(
                "{}: {}",
                app.lang.pick("Kunne ikke fjerne", "Could not remove"),
                io_brief(app.lang, &e)
            ));
        }
    }
}

/// After a replay of `entries` on `doc`: keep the edits it had to leave out beside the
/// file and show them (`Question::NotApplied`); return the entries that applied, which
/// replay alone to the same state (a skipped entry changed nothing).
fn set_aside(
    app: &mut App,
    doc: &Document,
    entries: &[JournalEntry],
    report: &store::ReplayReport,
) -> Vec<JournalEntry> {
    let skipped: Vec<crate::model::edit::Edit> = report
        .skipped_at
        .iter()
        .filter_map(|&i| match entries.get(i) {
            Some(JournalEntry::Edit(e) | JournalEntry::Stamped(e, _)) => Some(e.clone()),
            _ => None,
        })
        .collect();
    if !skipped.is_empty() {
        let kept = store::kept::keep_not_applied(doc.path(), &skipped)
            .map(|p| store::sidecar::name_of(&p))
            .map_err(|e| io_brief(app.lang, &e));
        app.not_applied = Some(NotApplied {
            edits: skipped,
            kept,
        });
        app.overlay = Some(Overlay::Question(Question::NotApplied));
    }
    entries
        .iter()
        .enumerate()
        .filter(|(i, _)| !report.skipped_at.contains(i))
        .map(|(_, e)| e.clone())
        .collect()
}

/// An I/O error in few words, in the user's language where it is a common one: the
/// status line has room for little.
pub(crate) fn io_brief(l: Lang, e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::StorageFull => l.pick("disken er full", "the disk is full").into(),
        io::ErrorKind::QuotaExceeded => {
            l.pick("kvoten er brukt opp", "the quota is used up").into()
        }
        io::ErrorKind::ReadOnlyFilesystem => l
            .pick(
                "filsystemet er skrivebeskyttet",
                "the file system is read-only",
            )
            .into(),
        _ => crate::sanitize::clean(&store::sidecar::brief(e)).into_owned(),
    }
}

/// ", 2 no longer fit" after a replay that had to skip edits (their project or risk is
/// gone); nothing when all fitted.
fn skipped_note(l: Lang, report: &store::ReplayReport) -> String {
    if report.skipped == 0 {
        return String::new();
    }
    format!(
        ", {} {}",
        report.skipped,
        l.pick("passet ikke lenger", "no longer fit")
    )
}

/// Why a save failed, in the user's language (the file on disk is as it was).
fn save_error(l: Lang, e: &SaveError) -> String {
    use store::sidecar::name_of;
    let why = match (l, e) {
        (Lang::En, e) => e.to_string(),
        (Lang::Nb, SaveError::Check { path, source }) => format!(
            "kan ikke lese {} for å sjekke den før lagring: {}",
            name_of(path),
            io_brief(l, source)
        ),
        (Lang::Nb, SaveError::Write { path, source }) => format!(
            "kan ikke lagre {}: {}; filen er uendret (lagre som kan legge den et annet sted)",
            name_of(path),
            io_brief(l, source)
        ),
        (Lang::Nb, SaveError::Splice(crate::model::splice::SpliceError::Unreadable(_))) => {
            "filen slik den ble lest inn, kan ikke leses igjen; ingenting er lagret".into()
        }
        (Lang::Nb, SaveError::Splice(crate::model::splice::SpliceError::Verify(why))) => format!(
            "den lagrede teksten ville ikke lest inn til det som vises ({}); ingenting er lagret",
            crate::sanitize::clean(why)
        ),
        (Lang::Nb, SaveError::Exists(path)) => {
            format!("{} finnes allerede; velg et annet navn", name_of(path))
        }
        (Lang::Nb, SaveError::BadPath(path)) => format!(
            "{} er ikke et filnavn",
            crate::sanitize::clean(&path.display().to_string())
        ),
        (Lang::Nb, SaveError::Protected { path, mode }) => format!(
            "{} er skrivebeskyttet ({}); ingenting er lagret: lagre under et annet navn",
            name_of(path),
            store::mode_string(*mode)
        ),
    };
    format!("{}: {why}", l.pick("Ikke lagret", "Not saved"))
}

#[cfg(test)]
mod save_error_tests {
    use super::*;

    #[test]
    fn a_failed_save_is_said_in_the_users_language() {
        let e = SaveError::Exists(std::path::PathBuf::from("/some/folder/plan.ron"));
        assert_eq!(
            save_error(Lang::Nb, &e),
            "Ikke lagret: plan.ron finnes allerede; velg et annet navn"
        );
        assert_eq!(
            save_error(Lang::En, &e),
            "Not saved: plan.ron already exists; choose another name"
        );
        let full = SaveError::Write {
            path: "plan.ron".into(),
            source: io::Error::from(io::ErrorKind::StorageFull),
        };
        assert!(save_error(Lang::Nb, &full).contains("disken er full"));
    }
}
