//! Pane 2, the project list, and the project detail it opens (`Enter`): the cursor, the
//! sort, the detail's scroll. Drawn by [`crate::ui::projects`] and [`crate::ui::detail`].

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Pane, PaneKind, step};
use crate::app::keymap::{Binding, Ctx, ch, key};
use crate::app::{Action, App, SortKey};
use crate::text::Lang;
use crate::ui::Theme;

pub struct Projects;

const CTX: Ctx = Ctx::Pane(Pane::Projects);

use Action as A;
use crossterm::event::KeyCode as K;

#[rustfmt::skip]
static KEYS: &[Binding] = &[
    // The detail.
    crate::b!(Ctx::Detail, [key(K::Enter), key(K::Esc)], "Enter/Esc", A::Back, "lukk detaljer", "close detail", true),
    crate::b!(Ctx::Detail, [ch('i')], "i", A::EditHere, "endre feltet", "edit the field", true),
    crate::b!(Ctx::Detail, [ch('+')], "+", A::AddHere, "legg til her (risiko, resultat, finansiering)", "add here (risk, result, funding)", false),
    crate::b!(Ctx::Detail, [ch('H')], "H", A::OpenHealthPicker, "helse", "health", true),
    crate::b!(Ctx::Detail, [ch('S')], "S", A::OpenStatusPicker, "status", "status", true),
    crate::b!(Ctx::Detail, [ch('a')], "a", A::AddFollowUp, "nytt oppfølgingspunkt", "add a follow-up", true),
    crate::b!(Ctx::Detail, [ch('A')], "A", A::OpenFollowUps, "oppfølgingspunktene", "the follow-ups", false),
    crate::b!(Ctx::Detail, [ch('j'), key(K::Down)], "j/↓", A::Down, "neste felt", "next field", false),
    crate::b!(Ctx::Detail, [ch('k'), key(K::Up)], "k/↑", A::Up, "forrige felt", "previous field", false),
    crate::b!(Ctx::Detail, [ch('-')], "-", A::RemoveHere, "fjern det markøren står på", "remove what the cursor is on", false),
    crate::b!(Ctx::Detail, [ch('B')], "B", A::EditBudget, "budsjett: planlagt og brukt", "budget: planned and spent", false),
    // The list.
    crate::b!(CTX, [key(K::Enter)], "Enter", A::Enter, "detaljer", "detail", true),
    crate::b!(CTX, [ch('o')], "o", A::CycleSort, "sorter etter neste kolonne", "sort by the next column", true),
    crate::b!(CTX, [ch('O')], "O", A::ReverseSort, "snu sorteringen", "reverse the sort", false),
    crate::b!(CTX, [ch('H')], "H", A::OpenHealthPicker, "helse", "health", false),
    crate::b!(CTX, [ch('S')], "S", A::OpenStatusPicker, "status", "status", false),
    crate::b!(CTX, [ch('a')], "a", A::AddFollowUp, "nytt oppfølgingspunkt", "add a follow-up", false),
    crate::b!(CTX, [ch('A')], "A", A::OpenFollowUps, "oppfølgingspunktene", "the follow-ups", false),
    crate::b!(CTX, [ch('+')], "+", A::AddHere, "nytt prosjekt (legg til)", "new project (add)", false),
    crate::b!(CTX, [ch('-')], "-", A::RemoveHere, "fjern prosjektet", "remove the project", false),
    crate::b!(CTX, [ch('B')], "B", A::EditBudget, "budsjett: planlagt og brukt", "budget: planned and spent", false),
    crate::b!(Ctx::Global, [ch('2')], "2", A::Focus(Pane::Projects), "gå til Prosjekter", "go to Projects", false),
];

impl PaneKind for Projects {
    fn title(&self, l: Lang) -> &'static str {
        l.pick("Prosjekter", "Projects")
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn contexts(&self, app: &App) -> Vec<Ctx> {
        vec![if app.detail { Ctx::Detail } else { CTX }]
    }

    fn movement(&self, app: &mut App, action: Action) {
        if app.detail {
            crate::app::detail::movement(app, action);
        } else {
            app.project_cursor = step(app.project_cursor, app.visible.len(), action, app.page);
        }
    }

    fn enter(&self, app: &mut App) {
        if app.selected().is_some() {
            app.origin = None;
            open_detail(app);
        }
    }

    fn back(&self, app: &mut App) -> bool {
        if !app.detail {
            return false;
        }
        app.detail = false;
        app.return_from(crate::app::origin::Opened::Detail);
        true
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, t: &Theme, focused: bool) {
        if app.detail {
            crate::ui::detail::draw(f, area, app, t, focused)
        } else {
            crate::ui::projects::draw(f, area, app, t, focused)
        }
    }
}

/// Open the selected project's detail at its top.
pub fn open_detail(app: &mut App) {
    app.pane = Pane::Projects;
    app.detail = true;
    crate::app::detail::reset(app);
}

/// Sort by column `k`; the same column again reverses the order. Amounts, scores, risk
/// and health start with the largest (the worst health) first.
pub fn sort(app: &mut App, k: SortKey) {
    if app.sort == k {
        app.sort_desc = !app.sort_desc;
    } else {
        app.sort = k;
        app.sort_desc = matches!(
            k,
            SortKey::Health | SortKey::Score | SortKey::Risk | SortKey::Planned | SortKey::Spent
        );
    }
    app.refilter();
}

/// `o`: sort by the next column, and say which.
pub fn cycle_sort(app: &mut App) {
    let i = SortKey::ALL
        .iter()
        .position(|&k| k == app.sort)
        .unwrap_or(0);
    sort(app, SortKey::ALL[(i + 1) % SortKey::ALL.len()]);
    app.message = Some(format!(
        "{} {}",
        app.lang.pick("Sortert etter", "Sorted by"),
        app.sort.label(app.lang)
    ));
}

/// `O`: the same column the other way.
pub fn reverse_sort(app: &mut App) {
    app.sort_desc = !app.sort_desc;
    app.refilter();
}

/// `[` and `]`: the previous or next project in the list; its detail opens at its top.
pub fn next_project(app: &mut App, forward: bool) {
    let n = app.visible.len();
    if n > 0 {
        app.project_cursor = if forward {
            (app.project_cursor + 1).min(n - 1)
        } else {
            app.project_cursor.saturating_sub(1)
        };
        crate::app::detail::reset(app);
    }
}
