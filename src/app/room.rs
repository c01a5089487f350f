//! One meeting, many seats (issue 12): who this styr is in the meeting, who else is in
//! it, and the scoring round.
//!
//! The first styr that may write the file is the *chair*: it edits, and its journal is
//! what the seats follow. Every later styr on the file is a *seat*: it follows the chair
//! live, may move about on its own (`F` follows the chair again), and in a scoring round
//! scores the project on its own. Nobody — the chair included — sees another's scores
//! until the chair reveals them (`R`); then every screen shows each seat's scores, the
//! mean and the spread, and the chair scores the group's result (`Enter` takes the
//! median) and decides.
//!
//! This is the state and its rules; `session` carries the files (the seats' own files,
//! the chair's state) and `ui::round` draws the sheet.

use crate::model::edit::Edit;
use crate::model::round::{Round, Tally, median, tally_of};

use super::update::{current_project, edit};
use super::{Action, App, Effect, Pane};
use crate::text::Lang;

/// Who this styr is in the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// Nobody else has the file open (or it has no file).
    #[default]
    Alone,
    /// It holds the lock: it edits, the seats follow it.
    Chair,
    /// It follows the chair and scores in rounds.
    Seat,
}

/// The meeting as this styr knows it.
#[derive(Debug, Default)]
pub struct Room {
    pub role: Role,
    /// This styr's name in the meeting (the seat's `--by` or login name; the chair's).
    pub me: String,
    /// A seat that may not rate: why (started `--read-only`, or it cannot write beside
    /// the file). `None` when it rates.
    pub no_rating: Option<String>,
    /// A seat: the chair's name, while the chair is there (`None`: it has left).
    pub chair: Option<String>,
    /// A seat: the chair is there.
    pub chair_here: bool,
    /// The chair: the seats in the meeting now, by name.
    pub seats: Vec<String>,
    /// A seat: its cursor follows the chair's pane and project.
    pub following: bool,
    /// A seat: where the chair is (its pane and project id), as it last said.
    pub chair_at: Option<(Pane, Option<String>)>,
    /// The scoring round, while one is open. The chair's holds every seat's scores as
    /// the seats' files have them; a seat's holds its own.
    pub round: Option<Round>,
    /// The round's sheet is hidden (`Esc`); `R` shows it again.
    pub hidden: bool,
    /// The criterion the sheet's cursor is on.
    pub cursor: usize,
}

impl Room {
    /// The round's sheet is on screen and takes the keys.
    pub fn sheet_shown(&self) -> bool {
        self.round.is_some()
            && !self.hidden
            && (self.role == Role::Chair
                || self.no_rating.is_none()
                || self.round.as_ref().is_some_and(Round::is_revealed))
    }

    pub fn is_seat(&self) -> bool {
        self.role == Role::Seat
    }

    /// "You cannot score: why", for a seat that may not rate.
    pub fn cannot_score(&self, l: Lang) -> Option<String> {
        let why = self.no_rating.as_ref()?;
        Some(format!(
            "{}: {why}",
            l.pick("Du kan ikke gi score", "You cannot score")
        ))
    }

    /// A round was opened (or moved to another project) by the chair: the sheet opens
    /// at its first criterion. A seat's own scores for it (read back from its file) are
    /// kept.
    pub fn open(&mut self, round: Round) {
        let same = self
            .round
            .as_ref()
            .is_some_and(|r| r.project == round.project && r.date == round.date);
        if !same {
            self.cursor = 0;
            self.hidden = false;
        }
        self.round = Some(round);
    }

    /// The round's scores as every screen shows them after the reveal (from the ratings
    /// the chair recorded in the meeting's evaluation).
    pub fn tally(&self, app: &App) -> Option<Vec<Tally>> {
        let r = self.round.as_ref().filter(|r| r.is_revealed())?;
        let pr = &app.portfolio.projects[app.project_index(&r.project)?];
        let ev = pr.evaluations.iter().find(|e| e.date == r.date)?;
        Some(tally_of(&app.portfolio.criteria, &ev.ratings))
    }
}

/// What the round's sheet does with an action before the rest of `update`, and `R` and
/// `F` anywhere. True when the action is done with.
pub(super) fn intercept(app: &mut App, action: Action) -> bool {
    match action {
        Action::Round => {
            round_key(app);
            true
        }
        Action::Follow => {
            follow_key(app);
            true
        }
        _ if app.room.sheet_shown() => sheet(app, action),
        Action::TakeMedian => true,
        _ => false,
    }
}

/// `R`: a hidden sheet comes back; else the chair opens, reveals and ends the round.
fn round_key(app: &mut App) {
    let l = app.lang;
    if app.room.round.is_some() && app.room.hidden {
        app.room.hidden = false;
        return;
    }
    match app.room.role {
        Role::Alone => {
            app.message = Some(
                l.pick(
                    "Vurderingsrunder er for møter med flere deltakere: start styr på samme fil i en annen terminal",
                    "Scoring rounds are for meetings with seats: start styr on the same file in another terminal",
                )
                .into(),
            );
        }
        Role::Seat => {
            app.message = Some(match (&app.room.round, &app.room.no_rating) {
                (None, _) => l
                    .pick(
                        "Ingen vurderingsrunde er åpen; ordstyreren starter den med R",
                        "No scoring round is open; the chair starts one with R",
                    )
                    .into(),
                (Some(_), Some(_)) => app.room.cannot_score(l).unwrap_or_default(),
                (Some(_), None) => l
                    .pick(
                        "Bare ordstyreren viser alle scorene",
                        "Only the chair reveals the scores",
                    )
                    .into(),
            });
        }
        Role::Chair => match app.room.round.as_mut() {
            None => open_round(app),
            Some(r) if !r.is_revealed() => reveal(app),
            Some(_) => {
                app.room.round = None;
                app.message = Some(
                    l.pick("Vurderingsrunden er avsluttet", "The scoring round is over")
                        .into(),
                );
            }
        },
    }
}

/// The chair's `R` on a project in triage or pane 4.
fn open_round(app: &mut App) {
    let l = app.lang;
    if app.triage.is_none() && app.pane != Pane::Evaluation {
        app.message = Some(
            l.pick(
                "R i gjennomgangen eller i Evaluering (4) starter en vurderingsrunde på prosjektet",
                "R in triage or in Evaluation (4) starts a scoring round on the project",
            )
            .into(),
        );
        return;
    }
    if super::update::refuse_read_only(app) {
        return;
    }
    let Some(pi) = super::scoring::scorable_project(app) else {
        return;
    };
    app.scoring = false;
    let project = app.portfolio.projects[pi].id.clone();
    app.room.open(Round::new(project, app.meeting_date));
    app.message = Some(
        l.pick(
            "Vurderingsrunde åpnet: deltakerne gir score hver for seg · R viser alle",
            "Scoring round open: the seats score on their own · R reveals",
        )
        .into(),
    );
}

/// The chair's second `R`: every seat's scores are shown, and kept in the meeting's
/// evaluation as `ratings` (journaled like any edit).
fn reveal(app: &mut App) {
    let l = app.lang;
    let Some(r) = app.room.round.as_mut() else {
        return;
    };
    let ratings = r.ratings(&app.portfolio.criteria);
    r.reveal();
    let (project, date) = (r.project.clone(), r.date);
    app.room.hidden = false;
    app.room.cursor = 0;
    if ratings.is_empty() {
        app.message = Some(
            l.pick(
                "Ingen deltaker hadde gitt score; runden er åpen for gruppens score",
                "No seat had scored; the round is open for the group's score",
            )
            .into(),
        );
        return;
    }
    let n = ratings.len();
    edit(
        app,
        Edit::Ratings {
            project,
            date,
            ratings,
        },
    );
    app.message = Some(format!(
        "{} {n} · {}",
        l.pick("Scorene vist: deltakere", "Scores revealed: seats"),
        l.pick(
            "1–5 eller Enter (medianen) gir gruppens score · R avslutter",
            "1–5 or Enter (the median) score the group · R ends the round"
        )
    ));
}

/// `F`: a seat follows the chair (again: stops).
fn follow_key(app: &mut App) {
    let l = app.lang;
    if !app.room.is_seat() {
        app.message = Some(
            l.pick(
                "F følger ordstyreren — det er bare for deltakere",
                "F follows the chair — that is for seats",
            )
            .into(),
        );
        return;
    }
    app.room.following = !app.room.following;
    if app.room.following {
        go_where_the_chair_is(app);
        app.message = Some(
            l.pick(
                "Følger ordstyreren · en bevegelse av din egen avslutter",
                "Following the chair · a move of your own stops it",
            )
            .into(),
        );
    } else {
        app.message = Some(l.pick("Følger ikke lenger", "Stopped following").into());
    }
}

/// Put the seat's cursor where the chair is (its pane and project).
pub fn go_where_the_chair_is(app: &mut App) {
    let Some((pane, project)) = app.room.chair_at.clone() else {
        return;
    };
    app.detail = false;
    app.pane = pane;
    if let Some(id) = project
        && let Some(pi) = app.project_index(&id)
        && !app.select_project(pi)
    {
        // Filtered out here: the seat's own filter gives way to the chair's project.
        app.filters = Default::default();
        app.refilter();
        app.select_project(pi);
    }
}

/// A seat's own move ends following, as in a shared document: called by `update` with
/// where the cursor was before the action.
pub(super) fn after_own_move(app: &mut App, before: (Pane, Option<usize>)) {
    if app.room.following && (app.pane, app.selected()) != before {
        app.room.following = false;
        app.message = Some(
            app.lang
                .pick(
                    "Følger ikke lenger ordstyreren · F følger igjen",
                    "Stopped following the chair · F follows again",
                )
                .into(),
        );
    }
}

/// The keys of the round's sheet.
fn sheet(app: &mut App, action: Action) -> bool {
    let n = app.portfolio.criteria.len();
    let revealed = app.room.round.as_ref().is_some_and(Round::is_revealed);
    match action {
        Action::Down => app.room.cursor = (app.room.cursor + 1).min(n.saturating_sub(1)),
        Action::Up => app.room.cursor = app.room.cursor.saturating_sub(1),
        Action::Back => app.room.hidden = true,
        Action::Score(s) => score(app, Some(s), revealed),
        Action::ClearScore => score(app, None, revealed),
        Action::TakeMedian => take_median(app),
        // The chair's decision and note on the round's project (the picker and the
        // note open over the sheet).
        Action::OpenDecisionPicker | Action::EditNote if app.room.role == Role::Chair => {
            focus_round_project(app);
            return false;
        }
        // What would move under the sheet waits until it is hidden; the rest (saving,
        // undoing, what a picker or the note sends, help, quitting) goes on.
        Action::NextPane
        | Action::PrevPane
        | Action::Focus(_)
        | Action::Left
        | Action::Right
        | Action::Enter
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown
        | Action::NextProject
        | Action::PrevProject
        | Action::StartSearch
        | Action::OpenFilterMenu
        | Action::StartTriage
        | Action::ToggleZoom
        | Action::Pane(_)
        | Action::StartScoring => {}
        _ => return false,
    }
    true
}

/// A digit on the sheet: a seat's own score (on disk before it shows: the session
/// appends it to the seat's file and then takes it into the round), or after the
/// reveal the chair's group score.
fn score(app: &mut App, s: Option<i64>, revealed: bool) {
    let l = app.lang;
    let n = app.portfolio.criteria.len();
    let ci = app.room.cursor.min(n.saturating_sub(1));
    let Some(criterion) = app.portfolio.criteria.get(ci).map(|c| c.id.clone()) else {
        return;
    };
    let Some(r) = app.room.round.as_ref() else {
        return;
    };
    let (project, date) = (r.project.clone(), r.date);
    match app.room.role {
        Role::Seat if revealed => {
            app.message = Some(
                l.pick(
                    "Scorene er vist; ordstyreren gir nå gruppens score",
                    "The scores are revealed; the chair now scores the group",
                )
                .into(),
            );
        }
        Role::Seat => {
            if let Some(m) = app.room.cannot_score(l) {
                app.message = Some(m);
                return;
            }
            app.effects.push(Effect::Rate {
                project,
                date,
                criterion,
                score: s,
            });
        }
        Role::Chair if revealed => {
            focus_round_project(app);
            edit(
                app,
                Edit::Score {
                    project,
                    date,
                    criterion,
                    score: s,
                },
            );
            // On to the next criterion, also when the score was already so (the
            // median the chair takes may be the score given before the round).
            if s.is_some() {
                app.room.cursor = (ci + 1).min(n - 1);
            }
        }
        _ => {
            app.message = Some(
                l.pick(
                    "Deltakerne gir score nå; R viser alle scorene",
                    "The seats are scoring; R reveals every score",
                )
                .into(),
            );
        }
    }
}

/// `Enter` after the reveal: the chair takes the median of the seats' scores as the
/// group's score for the criterion.
fn take_median(app: &mut App) {
    if app.room.role != Role::Chair {
        return;
    }
    let Some(tally) = app.room.tally(app) else {
        app.message = Some(
            app.lang
                .pick(
                    "Medianen finnes når scorene er vist (R)",
                    "The median is there once the scores are revealed (R)",
                )
                .into(),
        );
        return;
    };
    let ci = app.room.cursor;
    let m = tally.get(ci).and_then(|t| {
        let s: Vec<i64> = t.scores.iter().map(|(_, s)| *s).collect();
        median(&s)
    });
    match m {
        Some(m) => score(app, Some(m), true),
        None => {
            app.message = Some(
                app.lang
                    .pick(
                        "Ingen deltaker ga score på dette kriteriet",
                        "No seat scored this criterion",
                    )
                    .into(),
            );
        }
    }
}

/// The round's project is the one the chair's keys act on (its decision, its score).
fn focus_round_project(app: &mut App) {
    let Some(id) = app.room.round.as_ref().map(|r| r.project.clone()) else {
        return;
    };
    if current_project(app).is_some_and(|pi| app.portfolio.projects[pi].id == id) {
        return;
    }
    if app.triage.is_none()
        && let Some(pi) = app.project_index(&id)
    {
        app.pane = Pane::Evaluation;
        app.select_project(pi);
    }
}
