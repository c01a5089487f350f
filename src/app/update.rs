//! `update(app, action)`: the one place where the state changes.

use std::time::Instant;

use crate::model::edit::Edit;
use crate::model::{Decision, Health, RiskStatus, Status};

use super::view::filter_values;
use super::{
    Action, App, Effect, FilterKind, JournalEntry, NotApplied, Overlay, Pane, PickerKind, Question,
    RiskFocus, SortKey, TextField, Triage,
};

/// Apply one action to the state.
pub fn update(app: &mut App, action: Action) {
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
        Some(Overlay::Help { scroll }) => return help(app, action, scroll),
        Some(Overlay::Palette { field, cursor }) => return palette(app, action, field, cursor),
        Some(Overlay::Picker { kind, cursor }) => return picker(app, action, kind, cursor),
        Some(Overlay::Note { field, mitigation }) => return note(app, action, field, mitigation),
        Some(Overlay::Question(q)) => return question(app, action, q),
        Some(Overlay::SaveAs { field }) => return save_as(app, action, field),
        Some(Overlay::Form(form)) => return super::form::update(app, action, form),
        Some(Overlay::FollowUps { project, cursor }) => {
            return super::followups::update(app, action, project, cursor);
        }
        None => {}
    }
    if let Some(field) = app.searching.clone() {
        return search(app, action, field);
    }
    if super::scoring::intercept(app, action) {
        return;
    }
    match action {
        Action::Noop => {}
        Action::Resize(..) | Action::Click { .. } | Action::Scroll { .. } => {}
        Action::ToggleMouse => super::mouse::toggle(app),
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
        Action::NextPane => focus(app, Pane::ALL[(app.pane.index() + 1) % 4]),
        Action::PrevPane => focus(app, Pane::ALL[(app.pane.index() + 3) % 4]),
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
        Action::Sort(k) => {
            if app.sort == k {
                app.sort_desc = !app.sort_desc;
            } else {
                app.sort = k;
                app.sort_desc = matches!(
                    k,
                    SortKey::Health
                        | SortKey::Score
                        | SortKey::Risk
                        | SortKey::Planned
                        | SortKey::Spent
                );
            }
            app.refilter();
        }
        Action::CycleSort => {
            let i = SortKey::ALL
                .iter()
                .position(|&k| k == app.sort)
                .unwrap_or(0);
            update(
                app,
                Action::Sort(SortKey::ALL[(i + 1) % SortKey::ALL.len()]),
            );
            app.message = Some(format!(
                "{} {}",
                app.lang.pick("Sortert etter", "Sorted by"),
                app.sort.label(app.lang)
            ));
        }
        Action::ReverseSort => {
            app.sort_desc = !app.sort_desc;
            app.refilter();
        }
        Action::Back => back(app),
        Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown => movement(app, action),
        Action::Left | Action::Right => sideways(app, action == Action::Right),
        Action::Enter => enter(app),
        Action::NextProject | Action::PrevProject => {
            let n = app.visible.len();
            if n > 0 {
                app.project_cursor = if action == Action::NextProject {
                    (app.project_cursor + 1).min(n - 1)
                } else {
                    app.project_cursor.saturating_sub(1)
                };
                // The next project's detail opens at its top.
                app.detail_scroll = 0;
                app.scroll.detail_max.set(None);
            }
        }
        Action::Score(s) => score(app, Some(s)),
        Action::ClearScore => score(app, None),
        Action::OpenDecisionPicker => open_picker(app, PickerKind::Decision),
        Action::OpenHealthPicker => open_picker(app, PickerKind::Health),
        Action::OpenStatusPicker => open_picker(app, PickerKind::Status),
        Action::OpenRiskStatusPicker => open_risk_picker(app, PickerKind::RiskStatus),
        Action::OpenProbabilityPicker => open_risk_picker(app, PickerKind::RiskProbability),
        Action::OpenConsequencePicker => open_risk_picker(app, PickerKind::RiskConsequence),
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
        Action::SetRiskStatus(s) => {
            if let Some((project, risk)) = current_risk_ids(app) {
                edit(
                    app,
                    Edit::RiskStatus {
                        project,
                        risk,
                        status: s,
                    },
                );
            }
        }
        Action::RiskProbability(v) => {
            if let Some((project, risk)) = current_risk_ids(app) {
                edit(
                    app,
                    Edit::RiskProbability {
                        project,
                        risk,
                        value: v,
                    },
                );
            }
        }
        Action::RiskConsequence(v) => {
            if let Some((project, risk)) = current_risk_ids(app) {
                edit(
                    app,
                    Edit::RiskConsequence {
                        project,
                        risk,
                        value: v,
                    },
                );
            }
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
        Action::EditMitigation => {
            if refuse_read_only(app) {
                return;
            }
            if let Some(&(pi, ri)) = app.risk_rows.get(app.risk_cursor) {
                let m = app.portfolio.projects[pi].risks[ri]
                    .mitigation
                    .clone()
                    .unwrap_or_default();
                app.risk_focus = RiskFocus::Register;
                app.overlay = Some(Overlay::Note {
                    field: TextField::new(&m),
                    mitigation: true,
                });
            }
        }
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

fn current_risk_ids(app: &App) -> Option<(String, String)> {
    let &(pi, ri) = app.risk_rows.get(app.risk_cursor)?;
    let pr = &app.portfolio.projects[pi];
    Some((pr.id.clone(), pr.risks[ri].id.clone()))
}

pub(super) fn refuse_read_only(app: &mut App) -> bool {
    if app.read_only {
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
pub(super) fn edit(app: &mut App, e: Edit) {
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
            app.effects
                .push(Effect::Journal(JournalEntry::Stamped(e, stamp)));
            app.unsaved = app.history.unsaved(&app.portfolio);
            app.edited();
        }
        Err(err) => app.message = Some(err.to_string()),
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
    if app.detail {
        app.detail = false;
        app.return_from(super::origin::Opened::Detail);
        return;
    }
    if app.pane == Pane::Risks && super::risks::back(app) {
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

fn step(cursor: usize, len: usize, action: Action, page: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    match action {
        Action::Up => cursor.saturating_sub(1),
        Action::Down => (cursor + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageUp => cursor.saturating_sub(page),
        Action::PageDown => (cursor + page).min(last),
        _ => cursor,
    }
    .min(last)
}

fn movement(app: &mut App, action: Action) {
    let page = app.page;
    if app.triage.is_some() {
        let n = app.portfolio.criteria.len();
        app.criterion_cursor = step(app.criterion_cursor, n, action, page);
        return;
    }
    match app.pane {
        Pane::Goals => app.goal_cursor = step(app.goal_cursor, app.goal_rows.len(), action, page),
        Pane::Projects if app.detail => {
            // Stop at the end the last frame drew (as help does).
            let limit = app.scroll.detail_max.get().unwrap_or(usize::MAX / 2);
            app.detail_scroll = step(app.detail_scroll.min(limit), limit + 1, action, page);
        }
        Pane::Projects => {
            app.project_cursor = step(app.project_cursor, app.visible.len(), action, page)
        }
        Pane::Risks => match app.risk_focus {
            RiskFocus::Register => {
                app.risk_cursor = step(app.risk_cursor, app.risk_rows.len(), action, page)
            }
            RiskFocus::Matrix => super::risks::move_cell(app, action),
        },
        Pane::Evaluation => {
            let n = app.portfolio.criteria.len();
            app.criterion_cursor = step(app.criterion_cursor, n, action, page);
        }
    }
}

fn sideways(app: &mut App, right: bool) {
    match app.pane {
        Pane::Goals => {
            let Some(&gi) = app.goal_rows.get(app.goal_cursor) else {
                return;
            };
            if right {
                if !app.goals[gi].children.is_empty() {
                    if app.expanded[gi] {
                        app.goal_cursor += 1; // step into the first child
                    } else {
                        app.expanded[gi] = true;
                    }
                }
            } else if app.expanded[gi] && !app.goals[gi].children.is_empty() {
                app.expanded[gi] = false;
            } else if let Some(parent) = app.goals[gi].parent {
                // Collapse from a child: go to its parent.
                if let Some(pos) = app.goal_rows.iter().position(|&r| r == parent) {
                    app.goal_cursor = pos;
                }
            }
            app.rebuild_goal_rows();
        }
        Pane::Risks if app.risk_focus == RiskFocus::Matrix => {
            super::risks::move_cell(app, if right { Action::Right } else { Action::Left })
        }
        _ => {}
    }
}

fn enter(app: &mut App) {
    match app.pane {
        Pane::Goals => {
            let Some(&gi) = app.goal_rows.get(app.goal_cursor) else {
                return;
            };
            // Filter only: `h`/`l` fold. The status line's filter names the goal.
            app.filters.goal = Some(gi);
            app.project_cursor = 0;
            app.refilter();
            let all = app.portfolio.projects.len();
            app.message = Some(format!(
                "{} {} {all} {}",
                app.visible.len(),
                app.lang.pick("av", "of"),
                match all {
                    1 => app.lang.pick("prosjekt vises", "project shown"),
                    _ => app.lang.pick("prosjekter vises", "projects shown"),
                }
            ));
        }
        Pane::Projects => {
            if app.selected().is_some() {
                app.origin = None;
                app.detail = true;
                app.detail_scroll = 0;
                app.scroll.detail_max.set(None);
            }
        }
        Pane::Risks => match app.risk_focus {
            RiskFocus::Matrix => {
                // A chosen cell (moving over the matrix chooses one): the register lists
                // its risks. No cell chosen: the whole register.
                app.risk_focus = RiskFocus::Register;
                app.risk_cursor = 0;
            }
            RiskFocus::Register => {
                // Jump to the risk's project.
                if let Some(&(pi, _)) = app.risk_rows.get(app.risk_cursor)
                    && app.select_project(pi)
                {
                    // Esc in the detail comes back here, to the same risk.
                    app.remember_origin(super::origin::Opened::Detail);
                    app.pane = Pane::Projects;
                    app.detail = true;
                    app.detail_scroll = 0;
                    app.scroll.detail_max.set(None);
                }
            }
        },
        Pane::Evaluation => {}
    }
}

fn open_picker(app: &mut App, kind: PickerKind) {
    if refuse_read_only(app) {
        return;
    }
    if current_project(app).is_none() {
        return;
    }
    let cursor = super::picker::current(app, kind).unwrap_or(0);
    app.overlay = Some(Overlay::Picker { kind, cursor });
}

fn open_risk_picker(app: &mut App, kind: PickerKind) {
    if refuse_read_only(app) {
        return;
    }
    if app.risk_rows.get(app.risk_cursor).is_none() {
        app.message = Some(
            app.lang
                .pick("Ingen risiko valgt", "No risk selected")
                .to_string(),
        );
        return;
    }
    app.risk_focus = RiskFocus::Register;
    let cursor = super::picker::current(app, kind).unwrap_or(0);
    app.overlay = Some(Overlay::Picker { kind, cursor });
}

/// The entries of a picker, as (label, action).
pub fn picker_entries(app: &App, kind: PickerKind) -> Vec<(String, Action)> {
    let l = app.lang;
    match kind {
        PickerKind::Decision => {
            let mut v: Vec<(String, Action)> = Decision::ALL
                .iter()
                .map(|&d| (l.decision(d).to_string(), Action::SetDecision(Some(d))))
                .collect();
            v.push((
                l.pick("(intet vedtak)", "(no decision)").to_string(),
                Action::SetDecision(None),
            ));
            v
        }
        PickerKind::Health => {
            let mut v: Vec<(String, Action)> = Health::ALL
                .iter()
                .map(|&h| (l.health(Some(h)).to_string(), Action::SetHealth(Some(h))))
                .collect();
            v.push((l.health(None).to_string(), Action::SetHealth(None)));
            v
        }
        PickerKind::Status => Status::ALL
            .iter()
            .map(|&s| (l.status(s).to_string(), Action::SetStatus(s)))
            .collect(),
        PickerKind::RiskStatus => RiskStatus::ALL
            .iter()
            .map(|&s| (l.risk_status(s).to_string(), Action::SetRiskStatus(s)))
            .collect(),
        PickerKind::RiskProbability => (1..=5)
            .map(|v| {
                (
                    l.probability(v).unwrap_or("").into(),
                    Action::RiskProbability(v),
                )
            })
            .collect(),
        PickerKind::RiskConsequence => (1..=5)
            .map(|v| {
                (
                    l.consequence(v).unwrap_or("").into(),
                    Action::RiskConsequence(v),
                )
            })
            .collect(),
        PickerKind::FilterKind => FilterKind::ALL
            .iter()
            .map(|&k| (k.label(l).to_string(), Action::Noop))
            .collect(),
        PickerKind::FilterValue(k) => {
            let mut v = vec![(l.pick("(alle)", "(all)").to_string(), Action::Noop)];
            match k {
                FilterKind::Status => v.extend(
                    Status::ALL
                        .iter()
                        .map(|&s| (l.status(s).to_string(), Action::Noop)),
                ),
                FilterKind::Health => {
                    v.extend(
                        Health::ALL
                            .iter()
                            .map(|&h| (l.health(Some(h)).to_string(), Action::Noop)),
                    );
                    v.push((l.health(None).to_string(), Action::Noop));
                }
                FilterKind::FollowUps => v.extend(
                    super::FollowUpFilter::ALL
                        .iter()
                        .map(|&k| (k.label(l).to_string(), Action::Noop)),
                ),
                _ => v.extend(filter_values(app, k).into_iter().map(|s| (s, Action::Noop))),
            }
            v
        }
    }
}

fn picker(app: &mut App, action: Action, kind: PickerKind, cursor: usize) {
    let entries = picker_entries(app, kind);
    let n = entries.len();
    let choose = |app: &mut App, i: usize| {
        app.overlay = None;
        match kind {
            PickerKind::FilterKind => {
                if let Some(&k) = FilterKind::ALL.get(i) {
                    let kind = PickerKind::FilterValue(k);
                    let cursor = super::picker::current(app, kind).unwrap_or(0);
                    app.overlay = Some(Overlay::Picker { kind, cursor });
                }
            }
            PickerKind::FilterValue(k) => {
                set_filter(app, k, i, &entries);
            }
            _ if super::picker::unchanged(app, kind, i) => {}
            _ => {
                if let Some((_, a)) = entries.get(i) {
                    update(app, *a);
                }
            }
        }
    };
    match action {
        Action::Pick(i) if i < n => choose(app, i),
        Action::Enter => choose(app, cursor),
        Action::Up | Action::Down => {
            app.overlay = Some(Overlay::Picker {
                kind,
                cursor: step(cursor, n, action, 1),
            })
        }
        Action::Back => app.overlay = None,
        // `q` quits here as everywhere (asking first when something is unsaved).
        Action::Quit | Action::ForceQuit => {
            app.overlay = None;
            update(app, action);
        }
        _ => {}
    }
}

fn set_filter(app: &mut App, k: FilterKind, i: usize, entries: &[(String, Action)]) {
    let f = &mut app.filters;
    // Entry 0 is "(all)": clears this filter.
    let value = (i > 0)
        .then(|| entries.get(i).map(|e| e.0.clone()))
        .flatten();
    match k {
        FilterKind::Status => f.status = i.checked_sub(1).and_then(|j| Status::ALL.get(j).copied()),
        FilterKind::Health => {
            f.health = match i {
                0 => None,
                1..=3 => Some(Some(Health::ALL[i - 1])),
                _ => Some(None),
            }
        }
        FilterKind::Unit => f.unit = value,
        FilterKind::Instrument => f.instrument = value,
        FilterKind::Tag => f.tag = value,
        FilterKind::FollowUps => {
            f.follow_ups = i
                .checked_sub(1)
                .and_then(|j| super::FollowUpFilter::ALL.get(j).copied())
        }
    }
    app.project_cursor = 0;
    app.refilter();
}

fn help(app: &mut App, action: Action, scroll: usize) {
    // `G` asks for "the end"; what that is, the last frame knows.
    let limit = app.scroll.help_max.get().unwrap_or(usize::MAX / 2);
    let scroll = scroll.min(limit);
    let scroll = match action {
        Action::Down => scroll + 1,
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll + app.page,
        Action::PageUp => scroll.saturating_sub(app.page),
        Action::Top => 0,
        Action::Bottom => usize::MAX / 2,
        Action::Quit | Action::ForceQuit => {
            app.overlay = None;
            return update(app, action);
        }
        Action::Noop | Action::Resize(..) => scroll,
        _ => {
            app.overlay = None;
            return;
        }
    };
    app.overlay = Some(Overlay::Help {
        scroll: scroll.min(limit),
    });
}

/// Apply a text-editing action to a field. Returns false for actions that are not editing.
pub(super) fn edit_text(f: &mut TextField, action: Action) -> bool {
    let len = f.text.chars().count();
    let byte = |t: &str, c: usize| t.char_indices().nth(c).map_or(t.len(), |(b, _)| b);
    match action {
        Action::TextInput(c) => {
            let at = byte(&f.text, f.cursor);
            f.text.insert(at, c);
            f.cursor += 1;
        }
        Action::TextBackspace if f.cursor > 0 => {
            let at = byte(&f.text, f.cursor - 1);
            f.text.remove(at);
            f.cursor -= 1;
        }
        Action::TextDelete if f.cursor < len => {
            let at = byte(&f.text, f.cursor);
            f.text.remove(at);
        }
        Action::TextLeft => f.cursor = f.cursor.saturating_sub(1),
        Action::TextRight => f.cursor = (f.cursor + 1).min(len),
        Action::TextHome => f.cursor = 0,
        Action::TextEnd => f.cursor = len,
        Action::TextDeleteWord => {
            // Back over spaces, then over the word before them.
            let chars: Vec<char> = f.text.chars().collect();
            let mut from = f.cursor;
            while from > 0 && chars[from - 1].is_whitespace() {
                from -= 1;
            }
            while from > 0 && !chars[from - 1].is_whitespace() {
                from -= 1;
            }
            f.text = chars[..from].iter().chain(&chars[f.cursor..]).collect();
            f.cursor = from;
        }
        Action::TextDeleteToStart => {
            f.text = f.text.chars().skip(f.cursor).collect();
            f.cursor = 0;
        }
        Action::TextDeleteToEnd => f.text = f.text.chars().take(f.cursor).collect(),
        Action::TextBackspace | Action::TextDelete => {}
        _ => return false,
    }
    true
}

fn search(app: &mut App, action: Action, mut field: TextField) {
    match action {
        Action::TextAccept => {
            app.searching = None;
            // The search is kept: the list is where the user now works.
            app.forget_origin(super::origin::Opened::Search);
            app.project_cursor = 0; // the best match
            if app.visible.is_empty() {
                app.message = Some(app.lang.pick("Ingen treff", "No match").to_string());
            }
        }
        Action::TextCancel => {
            app.searching = None;
            app.filters.search.clear();
            app.refilter();
            app.return_from(super::origin::Opened::Search);
        }
        Action::ForceQuit => update_quit(app),
        a => {
            if edit_text(&mut field, a) {
                app.filters.search = field.text.clone();
                app.project_cursor = 0;
                app.refilter();
            }
            app.searching = Some(field);
        }
    }
}

fn update_quit(app: &mut App) {
    app.searching = None;
    app.overlay = None;
    update(app, Action::ForceQuit);
}

pub use super::palette::matches as palette_matches;

fn palette(app: &mut App, action: Action, mut field: TextField, cursor: usize) {
    match action {
        Action::TextCancel => app.overlay = None,
        Action::TextAccept => {
            let chosen = palette_matches(app, &field.text)
                .get(cursor)
                .map(|c| c.action);
            app.overlay = None;
            if let Some(a) = chosen {
                update(app, a);
            }
        }
        Action::Up | Action::Down => {
            let n = palette_matches(app, &field.text).len();
            app.overlay = Some(Overlay::Palette {
                field,
                cursor: step(cursor, n, action, 1),
            });
        }
        Action::ForceQuit => update_quit(app),
        a => {
            let changed = edit_text(&mut field, a);
            app.overlay = Some(Overlay::Palette {
                field,
                cursor: if changed { 0 } else { cursor },
            });
        }
    }
}

fn note(app: &mut App, action: Action, mut field: TextField, mitigation: bool) {
    match action {
        Action::TextCancel => app.overlay = None,
        Action::TextAccept => {
            app.overlay = None;
            let text = field.text.trim().to_string();
            let value = (!text.is_empty()).then_some(text);
            if mitigation {
                if let Some((project, risk)) = current_risk_ids(app) {
                    edit(
                        app,
                        Edit::RiskMitigation {
                            project,
                            risk,
                            mitigation: value,
                        },
                    );
                }
            } else if let Some(pi) = current_project(app) {
                let e = Edit::Note {
                    project: app.portfolio.projects[pi].id.clone(),
                    date: app.meeting_date,
                    note: value,
                };
                edit(app, e);
            }
        }
        Action::ForceQuit => update_quit(app),
        a => {
            // Up, Down, Home and End go by the rows the note is wrapped into.
            if !super::wrap::motion(&mut field, a, app.screen) {
                edit_text(&mut field, a);
            }
            app.overlay = Some(Overlay::Note { field, mitigation });
        }
    }
}

fn question(app: &mut App, action: Action, q: Question) {
    let Action::Answer(c) = action else {
        if action == Action::ForceQuit {
            app.overlay = None;
            update(app, action);
        }
        return;
    };
    if super::editor::answer(app, q, c) || super::partial::answer(app, q, c) {
        return;
    }
    match (q, c) {
        (Question::QuitUnsaved, 'y' | 'j') => {
            // Quit only once the save has succeeded (the session sees to that).
            app.overlay = None;
            app.quit_after_save = true;
            app.effects.push(Effect::Save);
        }
        (Question::QuitUnsaved, 'n') => {
            app.overlay = None;
            app.effects.push(Effect::DiscardJournal);
            app.effects.push(Effect::Quit);
            app.quit = true;
        }
        (Question::QuitUnsaved, '\u{1b}') => app.overlay = None,
        (Question::Recover, 'y' | 'j') => {
            app.overlay = None;
            app.recovery = None;
            app.effects.push(Effect::Recover);
        }
        (Question::Recover, 'n') => {
            app.overlay = None;
            app.recovery = None;
            app.effects.push(Effect::DiscardJournal);
        }
        (Question::Conflict, 'r') => {
            app.overlay = None;
            app.effects.push(Effect::Reload);
        }
        (Question::Conflict, 'a') => open_save_as(app),
        (Question::NotApplied, 'd') => {
            app.overlay = None;
            app.not_applied = None;
            app.effects.push(Effect::DismissNotApplied);
        }
        (Question::NotApplied, '\u{1b}' | '\r' | ' ') => {
            app.overlay = None;
            if let Some(NotApplied { kept: Ok(name), .. }) = app.not_applied.take() {
                app.message = Some(format!(
                    "{} {name}",
                    app.lang.pick(
                        "Endringene som ikke passet, er tatt vare på i",
                        "The edits that did not fit are kept in"
                    )
                ));
            }
        }
        (Question::Conflict, '\u{1b}') => {
            app.overlay = None;
            app.quit_after_save = false;
        }
        _ => {}
    }
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

/// Ask for a file name to save under, starting from [`App::save_as_default`].
pub fn open_save_as(app: &mut App) {
    if !app.protected && refuse_read_only(app) {
        return;
    }
    app.overlay = Some(Overlay::SaveAs {
        field: TextField::new(&app.save_as_default),
    });
}

fn save_as(app: &mut App, action: Action, mut field: TextField) {
    match action {
        Action::TextCancel => {
            app.overlay = None;
            app.quit_after_save = false;
        }
        Action::TextAccept => {
            let name = field.text.trim().to_string();
            if name.is_empty() {
                app.message = Some(
                    app.lang
                        .pick("Skriv et filnavn", "Type a file name")
                        .to_string(),
                );
                app.overlay = Some(Overlay::SaveAs { field });
                return;
            }
            app.overlay = None;
            app.effects.push(Effect::SaveAs(name));
        }
        Action::ForceQuit => update_quit(app),
        a => {
            edit_text(&mut field, a);
            app.overlay = Some(Overlay::SaveAs { field });
        }
    }
}
