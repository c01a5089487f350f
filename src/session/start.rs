//! Opening a file for the meeting: who may write it, the lock, and what an earlier
//! session left beside it (a journal, perhaps damaged; edits that no longer fitted).
//! Nothing found is thrown away unseen, and nothing another user left is touched.

use super::{Session, io_brief};
use crate::app::{App, NotApplied, Overlay, Question, RecoveryInfo};
use crate::store::{self, Journal, LockState, kept, sidecar};

impl Session {
    /// Called once before the first frame: lock the file, look for a journal left
    /// behind, and say what the user should know before editing.
    pub fn start(&mut self, app: &mut App) {
        let l = app.lang;
        let Some(doc) = self.doc.clone() else {
            return;
        };
        let doc = &doc;
        let name = sidecar::name_of(doc.path());
        if let Some(mode) = doc.write_protected() {
            // Another's file this user may not write: in a meeting, a seat (scores go
            // to the seat's own file, not into the portfolio).
            if store::chair::chair_present(doc.path()).is_some() {
                self.seat_joins(app, doc, app.read_only);
                return;
            }
            app.read_only = true;
            app.protected = true;
            app.message = Some(format!(
                "{name} {} ({}): {}",
                l.pick("er skrivebeskyttet", "is write-protected"),
                store::mode_string(mode),
                l.pick(
                    "bare lesing · s lagrer en kopi under et annet navn",
                    "read-only · s saves a copy under another name"
                )
            ));
            return;
        }
        if app.read_only {
            if store::chair::chair_present(doc.path()).is_some() {
                self.seat_joins(app, doc, true);
                return;
            }
            if let Ok(Some(rec)) = store::read_journal(doc.path())
                && !rec.entries.is_empty()
            {
                app.message = Some(
                    l.pick(
                        "En avbrutt økt har ulagrede endringer i denne filen; åpne uten --read-only for å gjenopprette dem",
                        "An interrupted session left unsaved changes to this file; open it without --read-only to recover them",
                    )
                    .into(),
                );
            }
            return;
        }
        let chair = app.by.clone().unwrap_or_else(|| super::seat_name(None));
        match store::lock::acquire_as(doc.path(), &chair) {
            Ok(LockState::Acquired(lock)) => {
                self.lock = Some(lock);
                self.chair_starts(app, doc);
            }
            Ok(LockState::HeldByOther { .. }) => {
                // The chair has the file: this styr is a seat of its meeting.
                self.seat_joins(app, doc, false);
                return;
            }
            Err(e) => {
                app.message = Some(format!(
                    "{} ({}); {}",
                    l.pick("Ikke låst", "Not locked"),
                    io_brief(l, &e),
                    l.pick(
                        "en annen styr blir ikke varslet",
                        "another styr will not be warned"
                    )
                ));
            }
        }
        // Temporary files of a save (or of a journal's rewrite) that was killed half-way
        // are of no use to anyone.
        for p in [
            doc.path().to_path_buf(),
            doc.journal_path(),
            kept::not_applied_path(doc.path()),
            store::chair::chair_path(doc.path()),
        ] {
            store::atomic::remove_stale(&p);
        }
        self.journal = Some(Journal::new(doc, self.meeting));
        match store::read_journal(doc.path()) {
            Ok(Some(rec)) if rec.owner.is_some() => {
                // Another user's unsaved edits are theirs to recover: follow read-only
                // rather than journal over them.
                let who = sidecar::user_name(rec.owner.unwrap_or_default());
                self.follow_read_only(app);
                app.message = Some(if rec.entries.is_empty() {
                    // Not edits (empty, or unreadable to us), but still theirs: styr
                    // cannot journal at that name, so it does not edit.
                    format!(
                        "{} {} {who} ({} {}): {}",
                        sidecar::name_of(&rec.path),
                        l.pick("tilhører", "belongs to"),
                        rec.len,
                        l.pick(
                            "byte, ingen endringer styr kan lese",
                            "bytes, no edits styr can read"
                        ),
                        l.pick(
                            "bare lesing til den er fjernet",
                            "read-only until it is removed"
                        )
                    )
                } else {
                    format!(
                        "{who} {}",
                        l.pick(
                            "har ulagrede endringer i denne filen fra en avbrutt økt; du følger med skrivebeskyttet",
                            "has unsaved edits to this file from an interrupted session; you follow read-only"
                        )
                    )
                });
                return;
            }
            Ok(Some(rec)) if rec.entries.is_empty() => {
                // Nothing in it to recover, but it is not thrown away unseen.
                let kept = kept::keep_damaged(doc.path(), true);
                match kept {
                    Ok(p) => {
                        app.message = Some(format!(
                            "{} ({} {}); {} {}",
                            l.pick(
                                "Fant en skadet journal uten lesbare endringer",
                                "Found a damaged journal with no readable edits"
                            ),
                            rec.len,
                            l.pick("byte", "bytes"),
                            l.pick("tatt vare på som", "kept as"),
                            sidecar::name_of(&p)
                        ));
                    }
                    Err(e) => {
                        self.follow_read_only(app);
                        app.message = Some(format!(
                            "{} ({}): {}",
                            l.pick(
                                "Fant en skadet journal som ikke kunne settes til side",
                                "Found a damaged journal that could not be set aside"
                            ),
                            io_brief(l, &e),
                            l.pick("bare lesing", "read-only")
                        ));
                    }
                }
                return;
            }
            Ok(Some(rec)) => {
                let damaged_copy = rec
                    .is_damaged()
                    .then(|| kept::keep_damaged(doc.path(), false).ok())
                    .flatten()
                    .map(|p| sidecar::name_of(&p));
                let header = rec.header.as_ref();
                app.recovery = Some(RecoveryInfo {
                    edits: rec.entries.len(),
                    started: header.map(|h| h.started.clone()),
                    pid: header.map(|h| h.pid),
                    host: header.map(|h| h.host.clone()),
                    file_changed: !rec.matches(doc),
                    unreadable: rec.unreadable,
                    torn_tail: rec.torn_tail,
                    damaged_copy,
                });
                app.overlay = Some(Overlay::Question(Question::Recover));
                self.recovered = Some(rec);
                return;
            }
            Ok(None) => {}
            Err(e) => {
                // A link or something else at the journal's name: nothing is written
                // through it, so no edit could be journaled.
                self.follow_read_only(app);
                app.message = Some(format!(
                    "{} ({}): {}",
                    l.pick("Journalen kan ikke brukes", "The journal cannot be used"),
                    io_brief(l, &e),
                    l.pick("bare lesing", "read-only")
                ));
                return;
            }
        }
        self.show_not_applied(app);
    }

    /// Edits an earlier session could not re-apply, kept until the user dismissed them:
    /// show them again (unless a question is open already).
    fn show_not_applied(&self, app: &mut App) {
        let Some(doc) = &self.doc else { return };
        if app.overlay.is_some() {
            return;
        }
        match kept::read_not_applied(doc.path()) {
            Ok(edits) if !edits.is_empty() => {
                app.not_applied = Some(NotApplied {
                    edits,
                    kept: Ok(sidecar::name_of(&kept::not_applied_path(doc.path()))),
                });
                app.overlay = Some(Overlay::Question(Question::NotApplied));
            }
            _ => {}
        }
    }

    /// Go on read-only: no journal, and the lock (if taken) let go for whoever may edit.
    fn follow_read_only(&mut self, app: &mut App) {
        app.read_only = true;
        app.room.role = crate::app::room::Role::Alone;
        self.meeting_files = Default::default();
        self.journal = None;
        self.lock = None;
    }
}
