//! Scoring mode in pane 4. Outside it the digits go to the panes, in every pane, so no key
//! records a score by accident: `Enter` on the score sheet starts scoring (the pane's
//! title, the tab bar, the status line and help say so), the digits score until `Esc`,
//! and leaving the pane leaves scoring. Triage is the other mode where digits score.

use super::update::{current_project, refuse_read_only};
use super::{Action, App, Pane};

impl App {
    /// Pane 4 is scoring: the digits score the sheet (see [`super::keymap::Ctx::Scoring`]).
    pub fn is_scoring(&self) -> bool {
        self.scoring && self.pane == Pane::Evaluation && self.triage.is_none()
    }

    /// The digits score now (triage or pane 4's scoring) rather than switch panes.
    pub fn digits_score(&self) -> bool {
        self.triage.is_some() || self.is_scoring()
    }
}

/// What scoring mode does with an action before `update` does the rest. True when the
/// action is done with.
pub(super) fn intercept(app: &mut App, action: Action) -> bool {
    match action {
        Action::StartScoring => {
            start(app);
            true
        }
        Action::Back if app.is_scoring() => {
            app.scoring = false;
            app.message = Some(
                app.lang
                    .pick("Vurderingen avsluttet", "Left scoring")
                    .to_string(),
            );
            true
        }
        // A score only where the digits visibly score: triage, or pane 4 after Enter
        // (the palette and anything else that sends one are held to the same).
        Action::Score(_) | Action::ClearScore if !app.digits_score() => {
            app.message = Some(
                app.lang
                    .pick(
                        "Enter i Evaluering (4) starter vurderingen; så gir 1–5 score",
                        "Enter in Evaluation (4) starts scoring; then 1–5 score",
                    )
                    .to_string(),
            );
            true
        }
        // Leaving the pane (or for triage, or the search in pane 2) leaves scoring.
        Action::NextPane
        | Action::PrevPane
        | Action::Focus(_)
        | Action::StartTriage
        | Action::StartSearch => {
            app.scoring = false;
            false
        }
        // The next project is scored from its first criterion.
        Action::NextProject | Action::PrevProject if app.is_scoring() => {
            app.criterion_cursor = 0;
            false
        }
        _ => false,
    }
}

/// `Enter` on the score sheet (or the palette's command, from any pane): score the
/// selected project, from its first criterion.
fn start(app: &mut App) {
    if refuse_read_only(app) {
        return;
    }
    if app.triage.is_some() {
        return; // triage scores already
    }
    app.pane = Pane::Evaluation;
    app.detail = false;
    if scorable_project(app).is_none() {
        return;
    }
    app.scoring = true;
    app.criterion_cursor = 0;
}

/// The project there is to score (the selected one, or triage's), or `None` and the
/// status line says why: none is selected, or the portfolio has no criteria. Scoring
/// mode and a scoring round (see [`super::room`]) both start from it.
pub(super) fn scorable_project(app: &mut App) -> Option<usize> {
    let l = app.lang;
    let Some(pi) = current_project(app) else {
        app.message = Some(
            l.pick(
                "Ingen prosjekt valgt — velg et i Prosjekter (2)",
                "No project selected — choose one in Projects (2)",
            )
            .to_string(),
        );
        return None;
    };
    if app.portfolio.criteria.is_empty() {
        app.message = Some(
            l.pick(
                "Porteføljen har ingen kriterier å score etter",
                "The portfolio has no criteria to score against",
            )
            .to_string(),
        );
        return None;
    }
    Some(pi)
}
