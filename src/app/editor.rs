//! `e` (and `:edit`): the item under the cursor in the user's own editor, like lazygit
//! and k9s. `update` only decides *what* to open, and asks to save first; the session
//! finds its line and reloads the file after, and the terminal hands itself over
//! (`crate::term`).

use super::update::{current_project, refuse_read_only};
use super::{App, Effect, Overlay, Pane, Question};

/// What `e` opens the file at, by id (the file on disk may have moved it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    Project(String),
    Goal(String),
    Risk { project: String, risk: String },
}

/// What the editor's questions need.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditorState {
    /// The item to open once the question is answered (or again, after errors).
    pub target: Option<EditTarget>,
    /// The file's errors as the editor left it, each `FILE:LINE:COL: error: …`, cleaned
    /// (see [`Question::EditedFileBroken`]).
    pub errors: Vec<String>,
}

/// The item under the cursor: a goal in the goal tree, a risk in the risk pane, else
/// the project (triage's, the list's, the detail's, the score sheet's).
pub fn target(app: &App) -> Option<EditTarget> {
    if app.triage.is_none() {
        match app.pane {
            Pane::Goals => {
                let gi = *app.goal_rows.get(app.goal_cursor)?;
                return Some(EditTarget::Goal(app.goals.get(gi)?.id.clone()));
            }
            Pane::Risks => {
                let &(pi, ri) = app.risk_rows.get(app.risk_cursor)?;
                let pr = app.portfolio.projects.get(pi)?;
                return Some(EditTarget::Risk {
                    project: pr.id.clone(),
                    risk: pr.risks.get(ri)?.id.clone(),
                });
            }
            _ => {}
        }
    }
    let pi = current_project(app)?;
    Some(EditTarget::Project(
        app.portfolio.projects.get(pi)?.id.clone(),
    ))
}

/// `e`: open the editor at the item, once the edits made here are saved.
pub(super) fn open(app: &mut App) {
    if refuse_read_only(app) {
        return;
    }
    let Some(t) = target(app) else {
        app.message = Some(
            app.lang
                .pick("Ingenting å redigere her", "Nothing to edit here")
                .to_string(),
        );
        return;
    };
    ask_or_open(app, t);
}

fn ask_or_open(app: &mut App, t: EditTarget) {
    if app.unsaved > 0 {
        // The editor works on the file: the edits made here must be in it first.
        app.editor.target = Some(t);
        app.overlay = Some(Overlay::Question(Question::SaveBeforeEdit));
    } else {
        app.effects.push(Effect::Editor(t));
    }
}

/// The answers to the editor's two questions. Whether `q` was one of them.
pub(super) fn answer(app: &mut App, q: Question, c: char) -> bool {
    match (q, c) {
        (Question::SaveBeforeEdit, 'y' | 'j') => {
            app.overlay = None;
            if let Some(t) = app.editor.target.take() {
                // The session opens the editor only if the save went through (no
                // conflict, no error): it looks at `unsaved` again.
                app.effects.push(Effect::Save);
                app.effects.push(Effect::Editor(t));
            }
        }
        (Question::SaveBeforeEdit, 'n' | '\u{1b}') => {
            app.overlay = None;
            app.editor.target = None;
        }
        (Question::EditedFileBroken, 'e') => {
            app.overlay = None;
            app.editor.errors.clear();
            if let Some(t) = app.editor.target.take() {
                ask_or_open(app, t);
            }
        }
        (Question::EditedFileBroken, '\u{1b}') => {
            app.overlay = None;
            app.editor.errors.clear();
            app.editor.target = None;
            app.message = Some(
                app.lang
                    .pick(
                        "Viser siste gode versjon; filen på disk er slik du lot den være (med feil)",
                        "Showing the last good state; the file on disk stays as you left it (with errors)",
                    )
                    .to_string(),
            );
        }
        (Question::SaveBeforeEdit | Question::EditedFileBroken, _) => {}
        _ => return false,
    }
    true
}
