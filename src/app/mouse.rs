//! The mouse, for a presenter at a projector (as k9s and lazygit have it): a click on a
//! tab goes to that pane, on a pane gives it the focus, on a row of a list, a matrix
//! cell or a picker's entry chooses it; a click on the row (or cell) the cursor is
//! already on does what `Enter` does there. The wheel moves the list under the pointer
//! (help and the detail scroll by three rows).
//!
//! Off unless asked for (`--mouse`, or `:mouse` in the palette): while a program
//! captures the mouse the terminal's own text selection needs a modifier, and the people
//! at a shared screen copy a project's name with it. A terminal that reports no mouse
//! events loses nothing: every click has its key.
//!
//! Mouse events become [`Action::Click`] and [`Action::Scroll`] ([`action`]) and go
//! through `update` as keys do; what is under the pointer is what the last frame drew
//! there ([`super::hits`]).

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::hits::Hit;
use super::update::update;
use super::{Action, App, Overlay, Pane, RiskFocus};

/// What a mouse event means: a left click or the wheel, while the mouse is on.
pub fn action(app: &App, ev: &MouseEvent) -> Option<Action> {
    if !app.mouse {
        return None;
    }
    let (col, row) = (ev.column, ev.row);
    match ev.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { col, row }),
        MouseEventKind::ScrollUp => Some(Action::Scroll { col, row, up: true }),
        MouseEventKind::ScrollDown => Some(Action::Scroll {
            col,
            row,
            up: false,
        }),
        _ => None,
    }
}

/// `:mouse`: clicks and the wheel on or off (the event loop turns the terminal's mouse
/// reporting on or off to match).
pub(super) fn toggle(app: &mut App) {
    app.mouse = !app.mouse;
    let l = app.lang;
    app.message = Some(
        if app.mouse {
            l.pick(
                "Mus på: klikk velger, hjulet ruller (:mouse slår den av)",
                "Mouse on: a click chooses, the wheel scrolls (:mouse turns it off)",
            )
        } else {
            l.pick(
                "Mus av: terminalen markerer tekst igjen",
                "Mouse off: the terminal selects text again",
            )
        }
        .to_string(),
    );
}

/// A click or the wheel (from `update`).
pub(super) fn handle(app: &mut App, action: Action) {
    if !app.mouse {
        return;
    }
    match action {
        Action::Click { col, row } => click(app, col, row),
        Action::Scroll { col, row, up } => scroll(app, col, row, up),
        _ => {}
    }
}

fn click(app: &mut App, col: u16, row: u16) {
    let Some(hit) = app.hits.at(col, row) else {
        return;
    };
    if let Some(overlay) = app.overlay.clone() {
        return click_overlay(app, overlay, hit);
    }
    if app.triage.is_some() {
        return; // one project per screen: its keys do it all
    }
    if app.searching.is_some() {
        // Clicking into the list keeps the search, as Enter does.
        update(app, Action::TextAccept);
    }
    let pane = match hit {
        Hit::Tab(p) => return update(app, Action::Focus(p)),
        Hit::Pane(p) => p,
        Hit::Goal(_) => Pane::Goals,
        Hit::Project(_) => Pane::Projects,
        Hit::Risk(_) | Hit::Cell(..) => Pane::Risks,
        Hit::Criterion(_) => Pane::Evaluation,
        Hit::Entry(_) => return,
    };
    // The focus first: a click on another pane only chooses there.
    let focused = app.pane == pane;
    if !focused {
        update(app, Action::Focus(pane));
    }
    // On the row the cursor is on already (in the focused pane): Enter.
    let again = focused
        && match hit {
            Hit::Goal(i) => app.goal_cursor == i,
            Hit::Project(i) => app.project_cursor == i && !app.detail,
            Hit::Risk(i) => app.risk_focus == RiskFocus::Register && app.risk_cursor == i,
            Hit::Cell(p, c) => {
                app.risk_focus == RiskFocus::Matrix
                    && app.risk_cell_active
                    && app.risk_cell == (p, c)
            }
            Hit::Criterion(i) => app.criterion_cursor == i && !app.is_scoring(),
            _ => false,
        };
    if again {
        return update(app, Action::Enter);
    }
    match hit {
        Hit::Goal(i) if i < app.goal_rows.len() => app.goal_cursor = i,
        Hit::Project(i) if i < app.visible.len() => {
            app.project_cursor = i;
            super::detail::reset(app);
        }
        Hit::Risk(i) if i < app.risk_rows.len() => {
            app.risk_focus = RiskFocus::Register;
            app.risk_cursor = i;
        }
        Hit::Cell(p, c) => {
            app.risk_focus = RiskFocus::Matrix;
            app.choose_cell(p, c);
        }
        Hit::Criterion(i) if i < app.portfolio.criteria.len() => app.criterion_cursor = i,
        _ => {}
    }
}

/// A click while an overlay is open reaches only the overlay: an entry of a picker, the
/// palette or the follow-up list; anywhere on help closes it.
fn click_overlay(app: &mut App, overlay: Overlay, hit: Hit) {
    match (overlay, hit) {
        (Overlay::Picker { .. }, Hit::Entry(i)) => update(app, Action::Pick(i)),
        (Overlay::Palette { field, .. }, Hit::Entry(i)) => {
            app.overlay = Some(Overlay::Palette { field, cursor: i });
            update(app, Action::TextAccept);
        }
        (Overlay::FollowUps { cursor, .. }, Hit::Entry(i)) if i == cursor => {
            update(app, Action::Enter)
        }
        (Overlay::FollowUps { project, .. }, Hit::Entry(i)) => {
            app.overlay = Some(Overlay::FollowUps { project, cursor: i });
        }
        (Overlay::Help { .. }, _) => app.overlay = None,
        _ => {}
    }
}

fn scroll(app: &mut App, col: u16, row: u16, up: bool) {
    let step = if up { Action::Up } else { Action::Down };
    match &app.overlay {
        Some(Overlay::Help { .. }) => return repeat(app, step, 3),
        Some(Overlay::Picker { .. } | Overlay::Palette { .. } | Overlay::FollowUps { .. }) => {
            return update(app, step);
        }
        // A text field, a form or a question: the wheel has nothing to move.
        Some(_) => return,
        None => {}
    }
    if app.searching.is_some() {
        return;
    }
    if app.triage.is_none()
        && let Some(p) = app.hits.pane_at(col, row)
    {
        if p != app.pane {
            update(app, Action::Focus(p));
        }
        // In the risks pane the wheel goes through the register.
        if p == Pane::Risks {
            app.risk_focus = RiskFocus::Register;
        }
    }
    let rows = if app.pane == Pane::Projects && app.detail {
        3
    } else {
        1
    };
    repeat(app, step, rows);
}

fn repeat(app: &mut App, action: Action, n: usize) {
    for _ in 0..n {
        update(app, action);
    }
}
