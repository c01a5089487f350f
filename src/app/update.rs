//! `update(app, action)`: the one place where the state changes.

use std::time::Instant;

use crate::model::edit::Edit;

use super::overlays;
pub use super::overlays::{edit_text, open_save_as};
pub use super::palette::matches as palette_matches;
use super::panes::{projects, risks, step};
pub use super::picker::picker_entries;
use super::{
    Action, App, Effect, JournalEntry, Overlay, Pane, PickerKind, Question, TextField, Triage,
};

/// Apply one action to the state.
pub fn update(app: &mut App, action: Action) {
    // A seat's own move ends following the chair (see `room`).
    let before = app.room.following.then(|| (app.pane, app.selected()));
    apply(app, action);
    if let Some(before) = before
        && !matches!(action, Action::Follow | Action::Resize(..) | Action::Noop)
    {
        super::room::after_own_move(app, before);
    }
}

fn apply(app: &mut App, action: Action) {
    if let Action::Resize(w, h) = action {
        // Whatever is open: the note field wraps to the width, pages follow the height.
        app.screen = (w, h);
        app.page = (h as usize).saturating_sub(8).max(1);
    }
    if !matches!(action, Action::Noop | Action::Resize(..)) {
        app.message = None;
    }
    if let Action::Click { .. } | Action::Scroll { .. } = action {
        return super::mouse::handle(app, action);
    }
    match app.overlay.clone() {
        Some(Overlay::Help { scroll }) => return overlays::help(app, action, scroll),
        Some(Overlay::Palette { field, cursor }) => {
            return overlays::palette(app, action, field, cursor);
        }
        Some(Overlay::Picker { kind, cursor }) => {
            return super::picker::update(app, action, kind, cursor);
        }
        Some(Overlay::Note { field, mitigation }) => {
            return overlays::note(app, action, field, mitigation);
        }
        Some(Overlay::Question(q)) => return overlays::question(app, action, q),
        Some(Overlay::SaveAs { field }) => return overlays::save_as(app, action, field),
        Some(Overlay::Form(form)) => return super::form::update(app, action, form),
        Some(Overlay::FollowUps { project, cursor }) => {
            return super::followups::update(app, action, project, cursor);
        }
        None => {}
    }
    if let Some(field) = app.searching.clone() {
        return overlays::search(app, action, field);
    }
    if super::room::intercept(app, action) {
        return;
    }
    if super::scoring::intercept(app, action) {
        return;
    }
    if app.triage.is_none() && app.pane.kind().intercept(app, action) {
        return;
    }
    match action {
        Action::Noop => {}
        Action::Resize(..) | Action::Click { .. } | Action::Scroll { .. } => {}
        Action::ToggleMouse => super::mouse::toggle(app),
        // The meeting's keys are `room`'s (see its `intercept`).
        Action::Round | Action::Follow | Action::TakeMedian => {}
        Action::Quit => {
            if app.unsaved > 0 && !app.read_only {
                app.overlay = Some(Overlay::Question(Question::QuitUnsaved));
            } else {
                if !app.history.is_empty() || app.history.can_redo() {
                    // Edits undone back to the file: the journal holds nothing to keep.
                    app.effects.push(Effect::DiscardJournal);
                }
                app.effects.push(Effect::Quit);
                app.quit = true;
            }
        }
        Action::ForceQuit => {
            app.effects.push(Effect::Quit);
            app.quit = true;
        }
        Action::NextPane => focus(app, app.pane.next(true)),
        Action::PrevPane => focus(app, app.pane.next(false)),
        Action::Focus(p) => focus(app, p),
        Action::ToggleZoom => app.zoom = !app.zoom,
        Action::ToggleHelp => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::OpenPalette => {
            app.overlay = Some(Overlay::Palette {
                field: TextField::default(),
                cursor: 0,
            })
        }
        Action::StartSearch => {
            app.searching = Some(TextField::new(&app.filters.search));
            if app.pane != Pane::Projects {
                // A search cancelled goes back to the pane it was started in.
                app.remember_origin(super::origin::Opened::Search);
                let origin = app.origin;
                focus(app, Pane::Projects);
                app.origin = origin;
            }
        }
        Action::OpenFilterMenu => {
            app.overlay = Some(Overlay::Picker {
                kind: PickerKind::FilterKind,
                cursor: 0,
            })
        }
        Action::ClearFilters => clear_filters(app),
        Action::Sort(k) => projects::sort(app, k),
        Action::CycleSort => projects::cycle_sort(app),
        Action::ReverseSort => projects::reverse_sort(app),
        Action::Back => back(app),
        Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown => movement(app, action),
        Action::Left | Action::Right => app.pane.kind().sideways(app, action == Action::Right),
        Action::Enter => app.pane.kind().enter(app),
        Action::NextProject | Action::PrevProject => {
            projects::next_project(app, action == Action::NextProject)
        }
        Action::Score(s) => score(app, Some(s)),
        Action::ClearScore => score(app, None),
        Action::OpenDecisionPicker => super::picker::open_picker(app, PickerKind::Decision),
        Action::OpenHealthPicker => super::picker::open_picker(app, PickerKind::Health),
        Action::OpenStatusPicker => super::picker::open_picker(app, PickerKind::Status),
        Action::OpenRiskStatusPicker => risks::open_picker(app, PickerKind::RiskStatus),
        Action::OpenProbabilityPicker => risks::open_picker(app, PickerKind::RiskProbability),
        Action::OpenConsequencePicker => risks::open_picker(app, PickerKind::RiskConsequence),
        Action::SetDecision(d) => {
            if let Some(pi) = current_project(app) {
                let e = Edit::Decision {
                    project: app.portfolio.projects[pi].id.clone(),
                    date: app.meeting_date,
                    decision: d,
                };
                edit(app, e);
            }
        }
        Action::SetHealth(h) => {
            if let Some(pi) = current_project(app) {
                let e = Edit::Health {
                    project: app.portfolio.projects[pi].id.clone(),
                    health: h,
                };
                edit(app, e);
            }
        }
        Action::SetStatus(s) => {
            if let Some(pi) = current_project(app) {
                let e = Edit::Status {
                    project: app.portfolio.projects[pi].id.clone(),
                    status: s,
                };
                edit(app, e);
            }
        }
        Action::SetRiskStatus(_) | Action::RiskProbability(_) | Action::RiskConsequence(_) => {
            risks::set(app, action, None)
        }
        Action::EditNote => {
            if refuse_read_only(app) {
                return;
            }
            if let Some(pi) = current_project(app) {
                let pr = &app.portfolio.projects[pi];
                let current = pr
                    .evaluations
                    .last()
                    .filter(|e| e.date == app.meeting_date)
                    .and_then(|e| e.note.clone())
                    .unwrap_or_default();
                app.overlay = Some(Overlay::Note {
                    field: TextField::new(&current),
                    mitigation: false,
                });
            }
        }
        Action::EditMitigation => risks::edit_mitigation(app),
        Action::Pane(a) => super::panes::act(app, a),
        Action::Undo => super::jump::undo_redo(app, false),
        Action::Redo => super::jump::undo_redo(app, true),
        Action::Save => {
            if app.protected {
                // The file is not this user's to write: save a copy elsewhere.
                open_save_as(app);
            } else if !refuse_read_only(app) {
                app.effects.push(Effect::Save);
            }
        }
        Action::StartTriage => start_triage(app),
        Action::AddFollowUp => super::form::open_follow_up(app, None),
        Action::OpenFollowUps => super::followups::open(app),
        Action::OpenMeeting => super::form::open_meeting(app),
        Action::EditHere => super::here::edit(app),
        Action::AddHere => super::here::add(app),
        Action::RemoveHere => super::here::remove(app),
        Action::EditBudget => {
            if !refuse_read_only(app) {
                super::forms::project::open_budget(app)
            }
        }
        Action::ShowMoved => show_moved(app),
        Action::ToggleDone => {}
        Action::EditInEditor => super::editor::open(app),
        Action::OpenSaveAs => open_save_as(app),
        Action::WriteOutput(o) => super::output::request(app, o),
        Action::TriageNext | Action::TriagePrev => {
            if action == Action::TriageNext && super::partial::ask_before_next(app) {
                return;
            }
            if let Some(t) = &mut app.triage {
                let n = t.agenda.len();
                let next = action == Action::TriageNext;
                if next && t.pos + 1 >= n {
                    app.message = Some(
                        app.lang
                            .pick(
                                "Siste prosjekt på agendaen — Esc avslutter",
                                "Last project on the agenda — Esc leaves",
                            )
                            .to_string(),
                    );
                } else if next {
                    t.pos += 1;
                } else {
                    t.pos = t.pos.saturating_sub(1);
                }
                t.item_started = Instant::now();
                app.criterion_cursor = 0;
            }
        }
        Action::Answer(_) | Action::Pick(_) | Action::StartScoring => {}
        Action::TextInput(_)
        | Action::TextBackspace
        | Action::TextDelete
        | Action::TextLeft
        | Action::TextRight
        | Action::TextHome
        | Action::TextEnd
        | Action::TextDeleteWord
        | Action::TextDeleteToStart
        | Action::TextDeleteToEnd
        | Action::TextAccept
        | Action::TextCancel => {}
    }
}

fn focus(app: &mut App, p: Pane) {
    app.pane = p;
    app.detail = false;
    app.origin = None;
}

/// The project edits and the evaluation apply to: triage's current item, else the selection.
pub fn current_project(app: &App) -> Option<usize> {
    match &app.triage {
        Some(t) => t.agenda.get(t.pos).copied(),
        None => app.selected(),
    }
}

pub(crate) fn refuse_read_only(app: &mut App) -> bool {
    if app.read_only && app.room.is_seat() {
        app.message = Some(
            app.lang
                .pick(
                    "Du er deltaker: bare ordstyreren endrer porteføljen (du gir score i vurderingsrunder)",
                    "You are a seat: only the chair changes the portfolio (you score in scoring rounds)",
                )
                .to_string(),
        );
    } else if app.read_only {
        app.message = Some(
            app.lang
                .pick(
                    "Skrivebeskyttet: ingenting endres",
                    "Read-only: nothing is changed",
                )
                .to_string(),
        );
    }
    app.read_only
}

/// Apply an edit through the history, stamped with who and when; ask the loop to
/// journal it. An edit that changes nothing records nothing.
pub(crate) fn edit(app: &mut App, e: Edit) {
    if refuse_read_only(app) {
        return;
    }
    let stamp = app.stamp();
    let steps = app.history.len();
    match app
        .history
        .apply_stamped(&mut app.portfolio, &e, Some(&stamp))
    {
        Ok(_) if app.history.len() == steps => {
            app.message = Some(format!(
                "{} — {}",
                super::describe::edit(app, &e),
                app.lang.pick("uendret", "unchanged")
            ));
        }
        Ok(_) => {
            let structural = e.changes_structure();
            app.effects
                .push(Effect::Journal(JournalEntry::Stamped(e, stamp)));
            app.unsaved = app.history.unsaved(&app.portfolio);
            if structural {
                // The goal view and every place held by index made again (a goal filter
                // by index into the old tree must not meet the new one's figures).
                app.history.take_replaced();
                app.structure_changed();
            } else {
                app.edited();
            }
        }
        Err(err) => app.message = Some(err.msg().get(app.lang).to_string()),
    }
}

fn score(app: &mut App, s: Option<i64>) {
    let Some(pi) = current_project(app) else {
        return;
    };
    let n = app.portfolio.criteria.len();
    if n == 0 {
        return;
    }
    let ci = app.criterion_cursor.min(n - 1);
    let e = Edit::Score {
        project: app.portfolio.projects[pi].id.clone(),
        date: app.meeting_date,
        criterion: app.portfolio.criteria[ci].id.clone(),
        score: s,
    };
    let before = app.history.len();
    edit(app, e);
    if s.is_some() && app.history.len() > before {
        app.criterion_cursor = (ci + 1).min(n - 1);
    }
}

/// `C`: filter to the projects that moved since the compared version, or back to all.
fn show_moved(app: &mut App) {
    let l = app.lang;
    let Some(since) = &app.since else {
        app.message = Some(
            l.pick(
                "Ingen sammenligning: start med --since DATO, en fil eller en git-revisjon",
                "Nothing to compare with: start with --since DATE, a file or a git revision",
            )
            .into(),
        );
        return;
    };
    let label = crate::sanitize::clean(&since.label).into_owned();
    app.filters.moved = !app.filters.moved;
    app.project_cursor = 0;
    app.refilter();
    if app.filters.moved {
        app.message = Some(format!(
            "{} {} {label} · {} {}",
            l.count(app.visible.len() as i64, crate::text::Noun::PROJECT),
            l.pick("endret siden", "moved since"),
            l.pick("C eller Esc:", "C or Esc:"),
            l.pick("alle", "all")
        ));
    }
}

fn clear_filters(app: &mut App) {
    app.filters = Default::default();
    app.risk_cell_active = false;
    app.refilter();
}

fn back(app: &mut App) {
    if app.triage.is_some() {
        app.triage = None;
        return;
    }
    if app.pane.kind().back(app) {
        return;
    }
    if app.zoom {
        app.zoom = false;
        return;
    }
    if !app.filters.is_empty() {
        clear_filters(app);
        app.message = Some(
            app.lang
                .pick("Filter fjernet", "Filter cleared")
                .to_string(),
        );
    }
}

fn movement(app: &mut App, action: Action) {
    if app.triage.is_some() {
        let n = app.portfolio.criteria.len();
        app.criterion_cursor = step(app.criterion_cursor, n, action, app.page);
        return;
    }
    app.pane.kind().movement(app, action)
}

/// Triage: the projects in the current filter; with the default sort, red first, then
/// amber, then the rest.
fn start_triage(app: &mut App) {
    if app.visible.is_empty() {
        app.message = Some(
            app.lang
                .pick(
                    "Ingen prosjekter i utvalget",
                    "No projects in the selection",
                )
                .to_string(),
        );
        return;
    }
    let agenda = app.visible.clone();
    let pos = app.project_cursor.min(agenda.len() - 1);
    app.triage = Some(Triage {
        agenda,
        pos: if app.pane == Pane::Projects { pos } else { 0 },
        item_started: Instant::now(),
        started: Instant::now(),
        timebox: app.triage.as_ref().and_then(|t| t.timebox).or(app.timebox),
    });
    app.criterion_cursor = 0;
    app.zoom = false;
}
