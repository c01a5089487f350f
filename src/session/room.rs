//! The meeting's files while styr runs (issue 12). The chair says where it is and what
//! round is open (`.FILE.styr-chair`) and reads the seats' files; a seat follows the
//! chair's journal and state, and writes its own scores to its own file — appended and
//! synced before its screen shows them.
//!
//! Nothing here waits for another process: files are read as they are, so a stopped
//! or hung seat cannot slow the chair, nor a dead chair the seats.

use std::time::{Duration, Instant};

use super::{Session, io_brief, watch::Watch};
use crate::app::room::{Role, go_where_the_chair_is};
use crate::app::{App, JournalEntry, Pane};
use crate::model::Date;
use crate::model::round::Round;
use crate::model::types::Rating;
use crate::store::chair::{self, ChairState, RoundState};
use crate::store::follow::{Grown, Tail};
use crate::store::seat::{self, JoinOutcome, SeatEntry};
use crate::store::{self, Document};

/// What the session keeps of the meeting.
#[derive(Default)]
pub(super) struct Meeting {
    pub watch: Option<Watch>,
    /// A seat: where it is in the chair's journal.
    pub tail: Option<Tail>,
    /// A seat: its own file, while it may rate.
    pub seat: Option<seat::Seat>,
    /// A seat: what its file holds (read back at a rejoin, and what it appended since).
    pub mine: Vec<SeatEntry>,
    /// A seat: the chair's state as last read.
    pub chair_seen: Option<ChairState>,
    /// The chair: its state as last written.
    pub published: Option<ChairState>,
    /// The chair: it could not write its state (said once).
    pub told_publish: bool,
    /// When the files were last looked at without a watcher's word (liveness, and a
    /// watcher that missed something).
    pub looked: Option<Instant>,
}

/// The name this styr takes as a seat: `--by`, else the login name (never the meeting's
/// secretary: that is the chair's).
pub fn seat_name(by: Option<&str>) -> String {
    by.map(str::trim)
        .filter(|b| !b.is_empty())
        .map(str::to_string)
        .unwrap_or_else(store::sidecar::my_user_name)
}

/// A pane as the chair's file says it (1–5), and back.
fn pane_number(p: Pane) -> u8 {
    p.index() as u8 + 1
}
fn pane_of(n: u8) -> Option<Pane> {
    Pane::ALL.get(usize::from(n).checked_sub(1)?).copied()
}

/// How often the files are looked at without the watcher's word.
const LOOK_EVERY: Duration = Duration::from_millis(1000);

impl Session {
    /// In a meeting (chair or seat): the event loop wakes often to look at the files.
    pub fn in_meeting(&self) -> bool {
        self.meeting_files.watch.is_some() || self.meeting_files.tail.is_some()
    }

    /// The chair (this styr holds the lock): watch for seats, and take up a round a
    /// chair before it left open (its state file says so; the seats' scores are in
    /// their files).
    pub(super) fn chair_starts(&mut self, app: &mut App, doc: &Document) {
        app.room.role = Role::Chair;
        app.room.me = app.by.clone().unwrap_or_else(|| seat_name(None));
        self.meeting_files.watch = Watch::start(doc.path(), watch_filter(doc, true));
        if let Ok(Some(st)) = chair::read_chair(doc.path())
            && let Some(r) = st.round
        {
            app.room
                .open(Round::from_ratings(r.project, r.date, &[], r.revealed));
        }
        self.look_as_chair(app);
    }

    /// Another styr holds the lock: join as a seat (or, with `--read-only`, follow
    /// without a seat file of one's own).
    pub(super) fn seat_joins(&mut self, app: &mut App, doc: &Document, read_only: bool) {
        let l = app.lang;
        app.read_only = true;
        app.room.role = Role::Seat;
        let name = seat_name(self.seat_by.as_deref());
        app.room.me = name.clone();
        if read_only {
            app.room.no_rating = Some(
                l.pick("startet med --read-only", "started with --read-only")
                    .into(),
            );
        } else {
            match seat::join(doc.path(), &name, true) {
                Ok(JoinOutcome::Joined { seat, earlier }) => {
                    self.meeting_files.seat = Some(seat);
                    self.meeting_files.mine = earlier;
                }
                Ok(JoinOutcome::InUse) => {
                    app.room.no_rating = Some(format!(
                        "{} «{}» {}",
                        l.pick("navnet", "the name"),
                        crate::sanitize::clean(&name),
                        l.pick(
                            "er allerede i møtet — start igjen med --by NAVN",
                            "is already in the meeting — start again with --by NAME"
                        )
                    ));
                }
                Ok(JoinOutcome::NotYours { owner }) => {
                    app.room.no_rating = Some(format!(
                        "{} «{}» {} {} — {}",
                        l.pick("navnet", "the name"),
                        crate::sanitize::clean(&name),
                        l.pick("tilhører", "belongs to"),
                        crate::sanitize::clean(&owner),
                        l.pick("start med --by NAVN", "start with --by NAME")
                    ));
                }
                Err(e) => {
                    app.room.no_rating = Some(format!(
                        "{}: {}",
                        l.pick(
                            "kan ikke skrive ved siden av filen",
                            "cannot write beside the file"
                        ),
                        io_brief(l, &e)
                    ));
                }
            }
        }
        self.meeting_files.tail = Tail::new(doc.path()).ok();
        self.meeting_files.watch = Watch::start(doc.path(), watch_filter(doc, false));
        // Following is where a seat starts: on the chair's pane and project.
        app.room.following = true;
        self.look_as_seat(app);
        app.message = Some(match &app.room.no_rating {
            None => format!(
                "{} {} · {}",
                l.pick("Du er med i møtet som", "You are in the meeting as"),
                crate::sanitize::clean(&name),
                l.pick(
                    "du følger ordstyreren (F) og gir score i vurderingsrunder",
                    "you follow the chair (F) and score in scoring rounds"
                )
            ),
            Some(why) => format!(
                "{} · {}: {why}",
                l.pick("Du følger møtet", "You follow the meeting"),
                l.pick("du kan ikke gi score", "you cannot score")
            ),
        });
    }

    /// Called each time the event loop wakes: look at the meeting's files if the
    /// watcher saw a change, or a while has passed. True when the screen must be drawn
    /// again.
    pub fn look(&mut self, app: &mut App) -> bool {
        let changed = self
            .meeting_files
            .watch
            .as_ref()
            .is_some_and(Watch::changed);
        let due = self
            .meeting_files
            .looked
            .is_none_or(|t| t.elapsed() >= LOOK_EVERY);
        if !changed && !due {
            return false;
        }
        self.meeting_files.looked = Some(Instant::now());
        match app.room.role {
            Role::Chair => self.look_as_chair(app),
            Role::Seat => self.look_as_seat(app),
            Role::Alone => false,
        }
    }

    /// The chair: who is in the meeting, and who has scored the open round.
    fn look_as_chair(&mut self, app: &mut App) -> bool {
        let Some(doc) = &self.doc else { return false };
        let Ok(seen) = seat::seats(doc.path()) else {
            return false;
        };
        let seats: Vec<String> = seen
            .iter()
            .filter(|s| s.present)
            .map(|s| s.by.clone())
            .collect();
        let mut redraw = seats != app.room.seats;
        app.room.seats = seats;
        if let Some(r) = &app.room.round
            && !r.is_revealed()
        {
            // Every seat's scores, present or not: a seat that was killed mid-round
            // still counts.
            let ratings: Vec<Rating> = seen
                .iter()
                .filter(|s| s.rates)
                .filter_map(|s| rating_of(&s.by, &s.entries, &r.project, r.date))
                .collect();
            let next = Round::from_ratings(r.project.clone(), r.date, &ratings, false);
            if &next != r {
                app.room.round = Some(next);
                redraw = true;
            }
        }
        self.publish(app);
        redraw
    }

    /// The chair, after each key: say where it is and what round is open, if it
    /// changed. Durable (synced) when the round changed; a move need not survive a
    /// crash.
    pub fn publish(&mut self, app: &mut App) {
        if app.room.role != Role::Chair {
            return;
        }
        let Some(doc) = &self.doc else { return };
        let m = &mut self.meeting_files;
        // Nobody to tell, and nothing told before: write nothing beside the file.
        if app.room.seats.is_empty() && app.room.round.is_none() && m.published.is_none() {
            return;
        }
        let project = crate::app::update::current_project(app)
            .map(|pi| app.portfolio.projects[pi].id.clone());
        let pane = if app.triage.is_some() {
            Pane::Evaluation
        } else {
            app.pane
        };
        let state = ChairState {
            by: app.room.me.clone(),
            pid: std::process::id(),
            host: store::lock::host_name(),
            pane: pane_number(pane),
            project,
            round: app.room.round.as_ref().map(|r| RoundState {
                project: r.project.clone(),
                date: r.date,
                revealed: r.is_revealed(),
            }),
        };
        if m.published.as_ref() == Some(&state) {
            return;
        }
        let durable = m.published.as_ref().map(|p| &p.round) != Some(&state.round);
        match chair::write_chair(doc.path(), &state, durable) {
            Ok(()) => m.published = Some(state),
            Err(e) => {
                if !m.told_publish {
                    m.told_publish = true;
                    app.message = Some(format!(
                        "{}: {}",
                        app.lang.pick(
                            "Deltakerne kan ikke se hvor du er",
                            "The seats cannot see where you are"
                        ),
                        io_brief(app.lang, &e)
                    ));
                }
            }
        }
    }

    /// A seat: the chair's edits since the last look, the chair's place and round.
    fn look_as_seat(&mut self, app: &mut App) -> bool {
        let Some(doc) = self.doc.clone() else {
            return false;
        };
        let mut redraw = false;
        // Who chairs, and whether it is still there.
        let present = chair::chair_present(doc.path());
        let here = present.is_some();
        let name = present.and_then(|(_, _, by)| by);
        if here != app.room.chair_here || (here && name != app.room.chair) {
            redraw = true;
            app.room.chair_here = here;
            if here {
                app.room.chair = name;
            } else {
                app.message = Some(
                    app.lang
                        .pick(
                            "Ordstyreren har gått; du beholder visningen og scorene dine er lagret",
                            "The chair has left; your view stays and your scores are on disk",
                        )
                        .into(),
                );
            }
        }
        // The file itself changed (the chair saved, someone else changed it): load it
        // and take the journal from the start.
        let on_disk_changed = self.file_changed(&doc);
        let grown = match self.meeting_files.tail.as_mut() {
            Some(t) if on_disk_changed => {
                t.restart();
                Some(Grown::Gone)
            }
            Some(t) => t.read().ok(),
            None => None,
        };
        match grown {
            None | Some(Grown::Same) => {}
            Some(Grown::More(entries)) => {
                apply_chairs(app, &entries);
                redraw = true;
            }
            Some(Grown::Restarted(_, entries)) if app.history.is_empty() => {
                apply_chairs(app, &entries);
                redraw = true;
            }
            Some(Grown::Restarted(..) | Grown::Gone) => {
                self.reload_for_seat(app);
                redraw = true;
            }
        }
        redraw |= self.read_chair_state(app, &doc);
        redraw
    }

    /// Whether the file on disk is no longer the one loaded: its length and time first
    /// (cheap, every look), its content only when those moved.
    fn file_changed(&mut self, doc: &Document) -> bool {
        let Some(seen) = self.meta_moved() else {
            return false;
        };
        self.hashed_meta = Some(seen);
        matches!(doc.disk_state(), Ok(store::DiskState::Changed(_)))
    }

    /// A seat starts again from the file on disk and the chair's whole journal.
    fn reload_for_seat(&mut self, app: &mut App) {
        if let Some(super::reload::OnDisk::Loads(p, d)) = self.read_disk(app) {
            let moved = self
                .doc
                .as_ref()
                .is_none_or(|old| !old.fingerprint().same_content(&d.fingerprint()));
            self.take_in(app, *p, d);
            if moved {
                app.message = Some(
                    app.lang
                        .pick(
                            "Lastet inn på nytt: endret på disk",
                            "Reloaded: changed on disk",
                        )
                        .into(),
                );
            }
        }
        if let Some(t) = self.meeting_files.tail.as_mut() {
            t.restart();
            if let Ok(Grown::Restarted(_, entries)) = t.read() {
                apply_chairs(app, &entries);
            }
        }
    }

    /// The chair's place and round as its file says; true when something changed.
    fn read_chair_state(&mut self, app: &mut App, doc: &Document) -> bool {
        let st = chair::read_chair(doc.path()).ok().flatten();
        if st == self.meeting_files.chair_seen {
            return false;
        }
        self.meeting_files.chair_seen = st.clone();
        let Some(st) = st else {
            return true;
        };
        if app.room.chair.is_none() && app.room.chair_here {
            app.room.chair = Some(st.by.clone());
        }
        app.room.chair_at = pane_of(st.pane).map(|p| (p, st.project.clone()));
        match st.round {
            None => {
                if app.room.round.take().is_some() {
                    app.room.hidden = false;
                }
            }
            Some(rs) => {
                let same = app
                    .room
                    .round
                    .as_ref()
                    .is_some_and(|r| r.project == rs.project && r.date == rs.date);
                if !same {
                    let mine: Vec<Rating> =
                        rating_of(&app.room.me, &self.meeting_files.mine, &rs.project, rs.date)
                            .into_iter()
                            .collect();
                    app.room.open(Round::from_ratings(
                        rs.project.clone(),
                        rs.date,
                        &mine,
                        rs.revealed,
                    ));
                } else if let Some(r) = app.room.round.as_mut()
                    && rs.revealed
                    && !r.is_revealed()
                {
                    r.reveal();
                    // Everyone sees the spread together.
                    app.room.hidden = false;
                    app.room.cursor = 0;
                }
            }
        }
        if app.room.following {
            go_where_the_chair_is(app);
        }
        true
    }

    /// A seat's score: on disk (appended and synced to its own file) before the screen
    /// shows it.
    pub(super) fn rate(
        &mut self,
        app: &mut App,
        project: String,
        date: Date,
        criterion: String,
        score: Option<i64>,
    ) {
        let l = app.lang;
        let Some(seat) = self.meeting_files.seat.as_mut() else {
            app.message = app.room.cannot_score(l);
            return;
        };
        let entry = SeatEntry::Rate {
            project,
            date,
            criterion: criterion.clone(),
            score,
        };
        if let Err(e) = seat.append(&entry) {
            app.message = Some(format!(
                "{} ({}): {}",
                l.pick("Scoren kunne ikke lagres", "The score could not be kept"),
                io_brief(l, &e),
                l.pick("den er ikke gitt", "it is not given")
            ));
            return;
        }
        self.meeting_files.mine.push(entry);
        let me = app.room.me.clone();
        let Some(r) = app.room.round.as_mut() else {
            return;
        };
        match r.rate(&me, &criterion, score) {
            Ok(()) => {
                let n = app.portfolio.criteria.len();
                if score.is_some() {
                    app.room.cursor = (app.room.cursor + 1).min(n.saturating_sub(1));
                }
            }
            Err(e) => app.message = Some(e.msg().get(l).to_string()),
        }
    }

    /// A clean quit: a seat leaves (its file goes when everything in it is recorded in
    /// the meeting's evaluations; else it stays for the chair to count); the chair
    /// takes its state away unless a round is still open.
    pub(super) fn leave(&mut self, app: &App) {
        let Some(doc) = &self.doc else { return };
        if let Some(seat) = self.meeting_files.seat.take() {
            let remove = all_recorded(app, &self.meeting_files.mine);
            let _ = seat.leave(remove);
        }
        if app.room.role == Role::Chair
            && self.meeting_files.published.is_some()
            && app.room.round.as_ref().is_none_or(Round::is_revealed)
        {
            let _ = chair::remove_chair(doc.path());
        }
    }
}

/// The names in the folder a member of the meeting looks at when they change: the chair
/// the seats' files (not its own journal and state); a seat the chair's journal, state
/// and lock (and, in `Watch`, the file itself).
fn watch_filter(
    doc: &Document,
    chair: bool,
) -> impl Fn(&std::ffi::OsStr) -> bool + Send + Sync + 'static {
    let path = doc.path().to_path_buf();
    move |name| {
        seat::is_meeting_file(&path, name)
            && name
                .as_encoded_bytes()
                .windows(11)
                .any(|w| w == b".styr-seat-")
                == chair
    }
}

/// Apply the chair's journal entries on a seat, as the chair applied them.
fn apply_chairs(app: &mut App, entries: &[JournalEntry]) {
    if entries.is_empty() {
        return;
    }
    let structural = entries.iter().any(|e| match e {
        JournalEntry::Edit(ed) | JournalEntry::Stamped(ed, _) => ed.changes_structure(),
        JournalEntry::Undo | JournalEntry::Redo => true,
    });
    store::replay(&mut app.portfolio, &mut app.history, entries);
    app.unsaved = app.history.unsaved(&app.portfolio);
    if structural {
        app.history.take_replaced();
        app.structure_changed();
    } else {
        app.edited();
    }
}

/// A member's scores for one project's evaluation of one day, as their entries have
/// them: replayed through the round's own rules (the last score of a criterion counts, a
/// cleared one is left out, one outside 1–5 is not taken).
fn rating_of(by: &str, entries: &[SeatEntry], project: &str, date: Date) -> Option<Rating> {
    let mut round = Round::new(project.to_string(), date);
    for e in entries {
        if let SeatEntry::Rate {
            project: p,
            date: d,
            criterion,
            score,
        } = e
            && p == project
            && *d == date
        {
            let _ = round.rate(by, criterion, *score);
        }
    }
    round.own(by).map(|scores| Rating {
        by: by.to_string(),
        scores: scores.clone(),
    })
}

/// Whether every rating in a seat's entries is in the meeting's evaluations as it made it.
fn all_recorded(app: &App, entries: &[SeatEntry]) -> bool {
    let mut rounds: Vec<(String, Date)> = entries
        .iter()
        .filter_map(|e| match e {
            SeatEntry::Rate { project, date, .. } => Some((project.clone(), *date)),
            _ => None,
        })
        .collect();
    rounds.sort();
    rounds.dedup();
    rounds.iter().all(|(project, date)| {
        let Some(mine) = rating_of(&app.room.me, entries, project, *date) else {
            return true;
        };
        app.portfolio
            .projects
            .iter()
            .find(|p| &p.id == project)
            .and_then(|p| p.evaluations.iter().find(|e| e.date == *date))
            .is_some_and(|e| {
                e.ratings
                    .iter()
                    .any(|r| r.by == mine.by && r.scores == mine.scores)
            })
    })
}
