//! Pane 3, the risks: the matrix and the register, and the risk edits (probability,
//! consequence, status, mitigation). Drawn by [`crate::ui::risks`].
//!
//! The matrix always has a cursor, drawn while the matrix has the focus: it starts on
//! the highest-scoring cell that holds an open risk (the register's top risk is there),
//! so the first `h` `j` `k` `l` moves one cell from a cell the user can see, never from
//! a hidden corner. A move chooses the cell it lands on (the register lists its risks,
//! the cell is drawn in brackets). One `Esc` lets go of the cell, from the matrix or
//! from the register, and the cursor stays where it was.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Pane, PaneKind, step};
use crate::app::keymap::{Binding, Ctx, ch, key};
use crate::app::update::{edit, refuse_read_only};
use crate::app::{Action, App, Overlay, PickerKind, RiskFocus, TextField};
use crate::model::edit::Edit;
use crate::text::Lang;
use crate::ui::Theme;

pub struct Risks;

const CTX: Ctx = Ctx::Pane(Pane::Risks);

use Action as A;
use crossterm::event::KeyCode as K;

#[rustfmt::skip]
static KEYS: &[Binding] = &[
    crate::b!(CTX, [ch('h'), key(K::Left)], "h/←", A::Left, "celle til venstre", "cell to the left", false),
    crate::b!(CTX, [ch('l'), key(K::Right)], "l/→", A::Right, "celle til høyre", "cell to the right", false),
    crate::b!(CTX, [key(K::Enter)], "Enter", A::Enter, "vis cellens risikoer / åpne prosjektet", "list the cell's risks / open its project", true),
    crate::b!(CTX, [ch('p')], "p", A::OpenProbabilityPicker, "sannsynlighet", "probability", true),
    crate::b!(CTX, [ch('c')], "c", A::OpenConsequencePicker, "konsekvens", "consequence", true),
    crate::b!(CTX, [ch('x')], "x", A::OpenRiskStatusPicker, "risikostatus", "risk status", true),
    crate::b!(CTX, [ch('m')], "m", A::EditMitigation, "tiltak mot risikoen", "mitigation", false),
    crate::b!(CTX, [ch('i')], "i", A::EditHere, "endre risikoen (tittel, årsak, eier …)", "edit the risk (title, cause, owner …)", false),
    crate::b!(CTX, [ch('+')], "+", A::AddHere, "ny risiko for prosjektet (legg til)", "new risk for the project (add)", false),
    crate::b!(CTX, [ch('-')], "-", A::RemoveHere, "fjern risikoen", "remove the risk", false),
    crate::b!(Ctx::Global, [ch('3')], "3", A::Focus(Pane::Risks), "gå til Risiko", "go to Risks", false),
];

impl PaneKind for Risks {
    fn title(&self, l: Lang) -> &'static str {
        l.pick("Risiko", "Risks")
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn contexts(&self, _app: &App) -> Vec<Ctx> {
        vec![CTX]
    }

    fn movement(&self, app: &mut App, action: Action) {
        match app.risk_focus {
            RiskFocus::Register => {
                app.risk_cursor = step(app.risk_cursor, app.risk_rows.len(), action, app.page)
            }
            RiskFocus::Matrix => move_cell(app, action),
        }
    }

    fn sideways(&self, app: &mut App, right: bool) {
        if app.risk_focus == RiskFocus::Matrix {
            move_cell(app, if right { Action::Right } else { Action::Left })
        }
    }

    fn enter(&self, app: &mut App) {
        match app.risk_focus {
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
                    app.remember_origin(crate::app::origin::Opened::Detail);
                    super::projects::open_detail(app);
                }
            }
        }
    }

    fn back(&self, app: &mut App) -> bool {
        back_out(app)
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, t: &Theme, focused: bool) {
        crate::ui::risks::draw(f, area, app, t, focused)
    }
}

impl App {
    /// The cell the matrix cursor starts on: the highest-scoring cell (probability ×
    /// consequence, the higher probability first) that holds an open risk; the middle
    /// of an empty matrix.
    pub(crate) fn first_cell(&self) -> (i64, i64) {
        let mut best: Option<(i64, i64)> = None;
        for p in 1..=5i64 {
            for c in 1..=5i64 {
                if self.matrix[(p - 1) as usize][(c - 1) as usize] == 0 {
                    continue;
                }
                let better = best.is_none_or(|(bp, bc)| (p * c, p) > (bp * bc, bp));
                if better {
                    best = Some((p, c));
                }
            }
        }
        best.unwrap_or((3, 3))
    }

    /// Narrow the register to cell `(p, c)` (each clamped to 1–5), the cursor on it.
    pub(crate) fn choose_cell(&mut self, p: i64, c: i64) {
        self.risk_cell = (p.clamp(1, 5), c.clamp(1, 5));
        self.risk_cell_active = true;
        self.risk_cursor = 0;
        self.refresh_risks();
    }
}

/// A move over the matrix: one cell up (probability + 1), down, left (consequence − 1)
/// or right; to the top or bottom row. From the cursor, which is always on a cell.
pub(crate) fn move_cell(app: &mut App, action: Action) {
    let (p, c) = app.risk_cell;
    let (p, c) = match action {
        // Up raises probability (rows are drawn 5 at the top).
        Action::Up => (p + 1, c),
        Action::Down => (p - 1, c),
        Action::Top | Action::PageUp => (5, c),
        Action::Bottom | Action::PageDown => (1, c),
        Action::Left => (p, c - 1),
        Action::Right => (p, c + 1),
        _ => (p, c),
    };
    app.choose_cell(p, c);
}

/// `Esc` in the risks pane: from the register, back to the matrix; a chosen cell is let
/// go of at the same time, so one `Esc` always shows every cell again. False when there
/// was nothing of the pane's own to close.
fn back_out(app: &mut App) -> bool {
    let was_register = app.risk_focus == RiskFocus::Register;
    app.risk_focus = RiskFocus::Matrix;
    if app.risk_cell_active {
        app.risk_cell_active = false;
        app.refresh_risks();
        return true;
    }
    was_register
}

/// The risk under the register's cursor, as the ids an edit names.
pub fn current_risk_ids(app: &App) -> Option<(String, String)> {
    let &(pi, ri) = app.risk_rows.get(app.risk_cursor)?;
    let pr = &app.portfolio.projects[pi];
    Some((pr.id.clone(), pr.risks[ri].id.clone()))
}

/// `p`, `c`, `x`: a picker for the risk under the cursor (the register takes the focus,
/// so the risk being changed is the one shown).
pub fn open_picker(app: &mut App, kind: PickerKind) {
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
    let cursor = crate::app::picker::current(app, kind).unwrap_or(0);
    app.overlay = Some(Overlay::Picker { kind, cursor });
}

/// `m`: the mitigation of the risk under the cursor, in the note field.
pub fn edit_mitigation(app: &mut App) {
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

/// A risk edit the pickers and the mitigation field chose, to the risk under the cursor.
pub fn set(app: &mut App, action: Action, mitigation: Option<Option<String>>) {
    let Some((project, risk)) = current_risk_ids(app) else {
        return;
    };
    let e = match (action, mitigation) {
        (_, Some(mitigation)) => Edit::RiskMitigation {
            project,
            risk,
            mitigation,
        },
        (Action::SetRiskStatus(status), _) => Edit::RiskStatus {
            project,
            risk,
            status,
        },
        (Action::RiskProbability(value), _) => Edit::RiskProbability {
            project,
            risk,
            value,
        },
        (Action::RiskConsequence(value), _) => Edit::RiskConsequence {
            project,
            risk,
            value,
        },
        _ => return,
    };
    edit(app, e);
}
