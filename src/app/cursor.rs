//! The cursors stay on what they were on when a list is re-sorted or narrowed: after an
//! edit that moves a risk in the register (its score changed) or a project in the list
//! (its health, status, score or top risk changed), the next key changes the same item.
//! Where the item is no longer in the list, the cursor stays on the same row (the next
//! item takes its place) and the status line says why; a risk that leaves the matrix
//! cell the register is narrowed to is followed into its new cell.

use super::App;
use crate::model::RiskStatus;

/// The row of `keep` in `rows`; when it is not there, row `row` (the item that took its
/// place), within the list.
pub(super) fn place<T: PartialEq>(rows: &[T], keep: Option<T>, row: usize) -> usize {
    keep.and_then(|k| rows.iter().position(|r| *r == k))
        .unwrap_or(row)
        .min(rows.len().saturating_sub(1))
}

/// What the cursors were on before the data changed.
pub(super) struct Held {
    project: Option<usize>,
    risk: Option<(usize, usize)>,
}

impl App {
    /// The risk under the register's cursor: (project, risk) indices.
    pub fn selected_risk(&self) -> Option<(usize, usize)> {
        self.risk_rows.get(self.risk_cursor).copied()
    }

    pub(super) fn hold(&self) -> Held {
        Held {
            project: self.selected(),
            risk: self.selected_risk(),
        }
    }

    /// After the data changed (and the lists were made again, each keeping its item
    /// where it still is): what to do where it is not.
    pub(super) fn follow(&mut self, held: Held) {
        let l = self.lang;
        let mut hidden = false;
        if let Some(pi) = held.project
            && self.selected() != Some(pi)
            && self.triage.is_none()
        {
            // The filter hides it now. Neither the detail nor the score sheet may go on
            // with the project that took its place.
            self.detail = false;
            self.scoring = false;
            hidden = true;
            if let Some(pr) = self.portfolio.projects.get(pi) {
                self.message = Some(format!(
                    "{} {}",
                    pr.id,
                    l.pick(
                        "vises ikke lenger: filteret skjuler det (Esc fjerner filteret)",
                        "is no longer shown: the filter hides it (Esc clears the filter)",
                    )
                ));
            }
        }
        let Some((pi, ri)) = held.risk else {
            return;
        };
        // Its project hidden, the risk is too: that message says it.
        if self.selected_risk() == Some((pi, ri)) || hidden {
            return;
        }
        let Some(pr) = self.portfolio.projects.get(pi) else {
            return;
        };
        let Some(r) = pr.risks.get(ri) else {
            return;
        };
        let name = format!("{} {}", pr.id, r.id);
        let (p, c) = (r.probability, r.consequence);
        if r.status == RiskStatus::Closed {
            self.message = Some(format!(
                "{name} {}",
                l.pick(
                    "er lukket og står ikke lenger i registeret",
                    "is closed and no longer in the register",
                )
            ));
        } else if self.risk_cell_active && (1..=5).contains(&p) && (1..=5).contains(&c) {
            // Moved out of the chosen cell: the register follows it to its new one.
            self.risk_cell = (p, c);
            self.refresh_risks();
            if let Some(at) = self.risk_rows.iter().position(|&x| x == (pi, ri)) {
                self.risk_cursor = at;
                self.message = Some(format!(
                    "{name} {} P{p} × {}{c}",
                    l.pick("er nå i cellen", "is now in cell"),
                    l.pick("K", "C"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::place;

    #[test]
    fn place_finds_the_item_or_keeps_the_row() {
        let rows = [10, 20, 30];
        assert_eq!(place(&rows, Some(30), 0), 2);
        assert_eq!(place(&rows, Some(99), 1), 1, "gone: the same row");
        assert_eq!(place(&rows, Some(99), 7), 2, "within the list");
        assert_eq!(place(&rows, None, usize::MAX), 2);
        assert_eq!(place::<i32>(&[], Some(1), 3), 0);
    }
}
