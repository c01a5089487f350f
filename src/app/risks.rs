//! The risks pane's own part of `update`: the matrix cursor and the cell the register
//! is narrowed to.
//!
//! The matrix always has a cursor, drawn while the matrix has the focus: it starts on
//! the highest-scoring cell that holds an open risk (the register's top risk is there),
//! so the first `h` `j` `k` `l` moves one cell from a cell the user can see, never from
//! a hidden corner. A move chooses the cell it lands on (the register lists its risks,
//! the cell is drawn in brackets). One `Esc` lets go of the cell, from the matrix or
//! from the register, and the cursor stays where it was.

use super::{Action, App, RiskFocus};

impl App {
    /// The cell the matrix cursor starts on: the highest-scoring cell (probability ×
    /// consequence, the higher probability first) that holds an open risk; the middle
    /// of an empty matrix.
    pub(super) fn first_cell(&self) -> (i64, i64) {
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
    pub(super) fn choose_cell(&mut self, p: i64, c: i64) {
        self.risk_cell = (p.clamp(1, 5), c.clamp(1, 5));
        self.risk_cell_active = true;
        self.risk_cursor = 0;
        self.refresh_risks();
    }
}

/// A move over the matrix: one cell up (probability + 1), down, left (consequence − 1)
/// or right; to the top or bottom row. From the cursor, which is always on a cell.
pub(super) fn move_cell(app: &mut App, action: Action) {
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
pub(super) fn back(app: &mut App) -> bool {
    let was_register = app.risk_focus == RiskFocus::Register;
    app.risk_focus = RiskFocus::Matrix;
    if app.risk_cell_active {
        app.risk_cell_active = false;
        app.refresh_risks();
        return true;
    }
    was_register
}
