//! Pane 1, the goal tree: fold and unfold (`h` `l`), filter the other panes to a goal
//! (`Enter`). Drawn by [`crate::ui::goals`].

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Pane, PaneKind, step};
use crate::app::keymap::{Binding, Ctx, ch, key};
use crate::app::{Action, App};
use crate::text::Lang;
use crate::ui::Theme;

pub struct Goals;

const CTX: Ctx = Ctx::Pane(Pane::Goals);

use Action as A;
use crossterm::event::KeyCode as K;

#[rustfmt::skip]
static KEYS: &[Binding] = &[
    crate::b!(CTX, [ch('h'), key(K::Left)], "h/←", A::Left, "lukk", "collapse", true),
    crate::b!(CTX, [ch('l'), key(K::Right)], "l/→", A::Right, "åpne", "expand", true),
    crate::b!(CTX, [key(K::Enter)], "Enter", A::Enter, "filtrer på målet", "filter by this goal", true),
    crate::b!(CTX, [ch('i')], "i", A::EditHere, "endre målet: id, tittel, beskrivelse, bærekraftsmål", "edit the goal: id, title, description, SDGs", true),
    crate::b!(CTX, [ch('+')], "+", A::AddHere, "nytt mål (legg til under eller ved siden av)", "new goal (add under or beside)", false),
    crate::b!(CTX, [ch('-')], "-", A::RemoveHere, "fjern målet", "remove the goal", false),
    crate::b!(Ctx::Global, [ch('1')], "1", A::Focus(Pane::Goals), "gå til Mål", "go to Goals", false),
];

impl PaneKind for Goals {
    fn title(&self, l: Lang) -> &'static str {
        l.pick("Mål", "Goals")
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn contexts(&self, _app: &App) -> Vec<Ctx> {
        vec![CTX]
    }

    fn movement(&self, app: &mut App, action: Action) {
        app.goal_cursor = step(app.goal_cursor, app.goal_rows.len(), action, app.page);
    }

    fn sideways(&self, app: &mut App, right: bool) {
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

    fn enter(&self, app: &mut App) {
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

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, t: &Theme, focused: bool) {
        crate::ui::goals::draw(f, area, app, t, focused)
    }
}

/// Put the tree's cursor on goal `id`, its ancestors opened (after an edit made or
/// renamed it).
pub fn show(app: &mut App, id: &str) {
    let Some(&gi) = app.goal_by_id.get(id) else {
        return;
    };
    let mut up = app.goals[gi].parent;
    while let Some(p) = up {
        app.expanded[p] = true;
        up = app.goals[p].parent;
    }
    app.rebuild_goal_rows();
    if let Some(row) = app.goal_rows.iter().position(|&r| r == gi) {
        app.goal_cursor = row;
    }
}
