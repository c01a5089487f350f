//! `i`, `+` and `-` where the cursor is: in the detail, its field or item (see
//! [`super::detail`]); in the project list, a new project or the one at the cursor; in
//! the goal tree, the goal (a new one under or beside it); in the risk register, the
//! risk (a new one for its project); in the follow-up list, the follow-up.

use super::update::{current_project, refuse_read_only};
use super::{App, Overlay, Pane, Question, RiskFocus};

/// The risk under the register's cursor, when the register has the cursor.
fn register_risk(app: &App) -> Option<(usize, usize)> {
    (app.risk_focus == RiskFocus::Register)
        .then(|| app.selected_risk())
        .flatten()
}

fn goal_at_cursor(app: &App) -> Option<String> {
    let gi = *app.goal_rows.get(app.goal_cursor)?;
    Some(app.goals.get(gi)?.id.clone())
}

/// `i`.
pub fn edit(app: &mut App) {
    if refuse_read_only(app) {
        return;
    }
    match app.pane {
        Pane::Projects if app.detail => super::detail::edit_here(app),
        Pane::Projects => {
            if app.selected().is_some() {
                super::panes::projects::open_detail(app);
            }
        }
        Pane::Goals => super::forms::goal::open_edit(app),
        Pane::Risks => match register_risk(app) {
            Some((pi, ri)) => super::forms::items::open_risk_of(app, pi, Some(ri)),
            None => say_register(app),
        },
        Pane::Evaluation | Pane::Balance => {}
    }
}

/// `+`.
pub fn add(app: &mut App) {
    if refuse_read_only(app) {
        return;
    }
    match app.pane {
        Pane::Projects if app.detail => super::detail::add_here(app),
        Pane::Projects => super::forms::project::open_new(app),
        Pane::Goals => {
            if app.goal_rows.is_empty() {
                super::forms::goal::open_new(app, false);
            } else {
                app.overlay = Some(Overlay::Question(Question::GoalPlace));
            }
        }
        Pane::Risks => {
            let pi = register_risk(app)
                .map(|(pi, _)| pi)
                .or_else(|| current_project(app));
            if let Some(pi) = pi {
                super::forms::items::open_risk_of(app, pi, None);
            }
        }
        Pane::Evaluation | Pane::Balance => {}
    }
}

/// `-`.
pub fn remove(app: &mut App) {
    if refuse_read_only(app) {
        return;
    }
    match app.pane {
        Pane::Projects if app.detail => super::detail::remove_here(app),
        Pane::Projects => {
            if let Some(pi) = app.selected() {
                super::remove::project(app, pi);
            }
        }
        Pane::Goals => {
            if let Some(id) = goal_at_cursor(app) {
                super::remove::goal(app, &id);
            }
        }
        Pane::Risks => match register_risk(app) {
            Some((pi, ri)) => super::remove::risk(app, pi, ri),
            None => say_register(app),
        },
        Pane::Evaluation | Pane::Balance => {}
    }
}

fn say_register(app: &mut App) {
    app.message = Some(
        app.lang
            .pick(
                "Velg en risiko i registeret først (Enter på en celle, eller Tab)",
                "Choose a risk in the register first (Enter on a cell, or Tab)",
            )
            .into(),
    );
}

/// The answers to [`Question::GoalPlace`]; whether `q` was it.
pub fn answer(app: &mut App, q: Question, c: char) -> bool {
    if q != Question::GoalPlace {
        return false;
    }
    match c {
        'u' | 'c' | 'b' => {
            app.overlay = None;
            super::forms::goal::open_new(app, true);
        }
        's' | 'v' => {
            app.overlay = None;
            super::forms::goal::open_new(app, false);
        }
        '\u{1b}' | 'n' => app.overlay = None,
        _ => {}
    }
    true
}
