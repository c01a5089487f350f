//! Pane 4, the evaluation: the score sheet, and scoring it (`Enter`, then `1`–`5`, until
//! `Esc`; see [`crate::app::scoring`]). Drawn by [`crate::ui::evaluation`].

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Pane, PaneKind, step};
use crate::app::keymap::{Binding, Ctx, ch, key};
use crate::app::{Action, App};
use crate::text::Lang;
use crate::ui::Theme;

pub struct Evaluation;

const CTX: Ctx = Ctx::Pane(Pane::Evaluation);

use Action as A;
use crossterm::event::KeyCode as K;

#[rustfmt::skip]
static KEYS: &[Binding] = &[
    // Scoring (after Enter): the digits score, nothing else does.
    crate::b!(Ctx::Scoring, [ch('1'), ch('2'), ch('3'), ch('4'), ch('5')], "1–5", A::Score(0), "gi score og gå videre", "score and move on", true),
    crate::b!(Ctx::Scoring, [key(K::Esc)], "Esc", A::Back, "avslutt vurderingen", "leave scoring", true),
    crate::b!(Ctx::Scoring, [ch('0')], "0", A::ClearScore, "fjern score", "clear score", false),
    crate::b!(Ctx::Scoring, [ch('j'), key(K::Down)], "j/↓", A::Down, "neste kriterium", "next criterion", false),
    crate::b!(Ctx::Scoring, [ch('k'), key(K::Up)], "k/↑", A::Up, "forrige kriterium", "previous criterion", false),
    crate::b!(Ctx::Scoring, [ch('d')], "d", A::OpenDecisionPicker, "vedtak", "decision", true),
    crate::b!(Ctx::Scoring, [ch('n')], "n", A::EditNote, "notat", "note", true),
    crate::b!(Ctx::Scoring, [ch('H')], "H", A::OpenHealthPicker, "helse", "health", false),
    crate::b!(Ctx::Scoring, [ch('S')], "S", A::OpenStatusPicker, "status", "status", false),
    crate::b!(Ctx::Scoring, [ch('a')], "a", A::AddFollowUp, "nytt oppfølgingspunkt", "add a follow-up", false),
    crate::b!(Ctx::Scoring, [ch('A')], "A", A::OpenFollowUps, "oppfølgingspunktene", "the follow-ups", false),
    // The score sheet. The digits go to the panes here, as everywhere.
    crate::b!(CTX, [key(K::Enter)], "Enter", A::StartScoring, "start vurdering: 1–5 gir score", "start scoring: 1–5 scores", true),
    crate::b!(CTX, [ch('d')], "d", A::OpenDecisionPicker, "vedtak", "decision", true),
    crate::b!(CTX, [ch('n')], "n", A::EditNote, "notat", "note", true),
    crate::b!(CTX, [ch('H')], "H", A::OpenHealthPicker, "helse", "health", false),
    crate::b!(CTX, [ch('S')], "S", A::OpenStatusPicker, "status", "status", false),
    crate::b!(CTX, [ch('a')], "a", A::AddFollowUp, "nytt oppfølgingspunkt", "add a follow-up", false),
    crate::b!(CTX, [ch('A')], "A", A::OpenFollowUps, "oppfølgingspunktene", "the follow-ups", false),
    crate::b!(Ctx::Global, [ch('4')], "4", A::Focus(Pane::Evaluation), "gå til Evaluering", "go to Evaluation", false),
];

impl PaneKind for Evaluation {
    fn title(&self, l: Lang) -> &'static str {
        l.pick("Evaluering", "Evaluation")
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn contexts(&self, app: &App) -> Vec<Ctx> {
        vec![if app.is_scoring() { Ctx::Scoring } else { CTX }]
    }

    fn movement(&self, app: &mut App, action: Action) {
        let n = app.portfolio.criteria.len();
        app.criterion_cursor = step(app.criterion_cursor, n, action, app.page);
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, t: &Theme, focused: bool) {
        crate::ui::evaluation::draw(f, area, app, t, focused)
    }
}
