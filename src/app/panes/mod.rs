//! The panes: each one place — its keys, what `update` does for it, and its drawing (which
//! lives beside it in `crate::ui`). A new pane is its own files here and in `ui`, plus one
//! line in each shared table below: [`Pane`], [`PANES`] and, if it has actions of its own,
//! [`PaneAction`]. The key table ([`super::keymap::BINDINGS`]) takes each pane's
//! [`PaneKind::keys`], its number key included.

pub mod balance;
pub mod evaluation;
pub mod goals;
pub mod projects;
pub mod risks;
pub mod whatif;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::keymap::{Binding, Ctx};
use super::{Action, App};
use crate::text::Lang;
use crate::ui::Theme;

/// The panes, in the order of their numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Goals,
    Projects,
    Risks,
    Evaluation,
    Balance,
}

/// Each pane's behaviour, by [`Pane::index`].
static PANES: [&(dyn PaneKind + Sync); 5] = [
    &goals::Goals,
    &projects::Projects,
    &risks::Risks,
    &evaluation::Evaluation,
    &balance::Balance,
];

/// What a pane does of its own, beyond the keys every pane shares. Each is one of a
/// pane's own actions (see [`PaneKind::act`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneAction {
    Balance(balance::Act),
}

impl PaneAction {
    /// The pane whose action this is.
    pub fn pane(self) -> Pane {
        match self {
            PaneAction::Balance(_) => Pane::Balance,
        }
    }
}

impl Pane {
    pub const ALL: [Pane; 5] = [
        Pane::Goals,
        Pane::Projects,
        Pane::Risks,
        Pane::Evaluation,
        Pane::Balance,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The pane's behaviour.
    pub fn kind(self) -> &'static (dyn PaneKind + Sync) {
        PANES[self.index()]
    }

    pub fn title(self, l: Lang) -> &'static str {
        self.kind().title(l)
    }

    /// The pane after (or before) this one, round the end.
    pub fn next(self, forward: bool) -> Pane {
        let n = Self::ALL.len();
        let step = if forward { 1 } else { n - 1 };
        Self::ALL[(self.index() + step) % n]
    }
}

/// A pane: how it is named, which keys it has, what the shared actions do in it, and how
/// it is drawn. The defaults do nothing, so a pane says only what it does.
pub trait PaneKind {
    fn title(&self, l: Lang) -> &'static str;

    /// Its key bindings, in the order help lists them: its own context's, and its number
    /// key in [`Ctx::Global`].
    fn keys(&self) -> &'static [Binding];

    /// The key contexts while it has the focus, most specific first (before
    /// [`Ctx::Global`]).
    fn contexts(&self, app: &App) -> Vec<Ctx>;

    /// Whether it takes its place in the four-pane grid; otherwise it has the whole
    /// screen while it has the focus.
    fn in_grid(&self) -> bool {
        true
    }

    /// The projects or the filter changed: forget what was computed from them.
    fn refresh(&self, _app: &mut App) {}

    /// `j` `k` `g` `G` and the page keys.
    fn movement(&self, _app: &mut App, _action: Action) {}

    /// `h` and `l` (`right`).
    fn sideways(&self, _app: &mut App, _right: bool) {}

    fn enter(&self, _app: &mut App) {}

    /// `Esc`: close what the pane has open. False when it had nothing of its own.
    fn back(&self, _app: &mut App) -> bool {
        false
    }

    /// Whether it has a text field with the keys now (they are typed, not looked up).
    fn takes_text(&self, _app: &App) -> bool {
        false
    }

    /// What it does with an action before `update` does: true when done with.
    fn intercept(&self, _app: &mut App, _action: Action) -> bool {
        false
    }

    /// One of its own actions.
    fn act(&self, _app: &mut App, _action: PaneAction) {}

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, t: &Theme, focused: bool);
}

/// `Action::Pane`: to the pane whose action it is.
pub fn act(app: &mut App, action: PaneAction) {
    action.pane().kind().act(app, action)
}

/// The cursor's next position in a list of `len` after a movement key.
pub fn step(cursor: usize, len: usize, action: Action, page: usize) -> usize {
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
