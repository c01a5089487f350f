//! Undo and redo, and the cursor going to what they changed, as an editor's undo jumps
//! to the change: the project (and pane, and risk) where the edit was.

use crate::model::edit::Edit;
use crate::model::history::Stepped;

use super::{App, Effect, JournalEntry, Pane, RiskFocus};

/// `u` (`redo` false) or Ctrl-R: step the history, journal it, say what it was and go
/// there.
pub fn undo_redo(app: &mut App, redo: bool) {
    if super::update::refuse_read_only(app) {
        return;
    }
    let l = app.lang;
    let stepped = if redo {
        app.history.redo(&mut app.portfolio)
    } else {
        app.history.undo(&mut app.portfolio)
    };
    let Some(stepped) = stepped else {
        app.message = Some(
            if redo {
                l.pick("Ingenting å gjøre om", "Nothing to redo")
            } else {
                l.pick("Ingenting å angre", "Nothing to undo")
            }
            .to_string(),
        );
        return;
    };
    app.effects.push(Effect::Journal(if redo {
        JournalEntry::Redo
    } else {
        JournalEntry::Undo
    }));
    app.unsaved = app.history.unsaved(&app.portfolio);
    if stepped.edit.changes_structure() {
        app.history.take_replaced();
        app.structure_changed();
    } else {
        app.edited();
    }
    let what = super::describe::edit(app, &stepped.edit);
    let shown = go_to(app, &stepped);
    let verb = if redo {
        l.pick("Gjort om", "Redone")
    } else {
        l.pick("Angret", "Undone")
    };
    app.message = Some(if shown {
        format!("{verb}: {what}")
    } else {
        format!(
            "{verb}: {what} ({})",
            l.pick("ikke i utvalget", "not in the selection")
        )
    });
}

/// Put the cursor on what `s` changed; false if the filter hides it.
fn go_to(app: &mut App, s: &Stepped) -> bool {
    let Some(pi) = s.project else {
        return true; // the meeting record: nothing to point at
    };
    // Triage stays open: go to the project on its agenda, if it is there.
    if let Some(t) = &mut app.triage {
        if let Some(pos) = t.agenda.iter().position(|&a| a == pi) {
            t.pos = pos;
            if let Edit::Score { criterion, .. } = &s.edit
                && let Some(ci) = app
                    .portfolio
                    .criteria
                    .iter()
                    .position(|c| &c.id == criterion)
            {
                app.criterion_cursor = ci;
            }
            return true;
        }
        return false;
    }
    if let Some(rid) = s.edit.risk_id() {
        let ri = app.portfolio.projects[pi]
            .risks
            .iter()
            .position(|r| r.id == rid);
        let row = ri.and_then(|ri| app.risk_rows.iter().position(|&x| x == (pi, ri)));
        let Some(row) = row else {
            return false;
        };
        app.pane = Pane::Risks;
        app.detail = false;
        app.risk_focus = RiskFocus::Register;
        app.risk_cursor = row;
        app.select_project(pi);
        return true;
    }
    if !app.select_project(pi) {
        return false;
    }
    match &s.edit {
        Edit::Score { criterion, .. } => {
            app.pane = Pane::Evaluation;
            app.detail = false;
            if let Some(ci) = app
                .portfolio
                .criteria
                .iter()
                .position(|c| &c.id == criterion)
            {
                app.criterion_cursor = ci;
            }
        }
        Edit::Decision { .. } | Edit::Note { .. } | Edit::Ratings { .. } => {
            app.pane = Pane::Evaluation;
            app.detail = false;
        }
        // Health, status, follow-ups: the project in the list (its detail if open).
        _ => {
            if app.pane != Pane::Projects {
                app.pane = Pane::Projects;
                app.detail = false;
            }
        }
    }
    true
}
