//! After an edit, an undo or a redo: what is derived from the data, brought up to date.
//! An edit changes one project (or only the meeting record), so only what that project
//! touches is computed again — its figures, its goals' rollups, the totals, its place in
//! the ranking, the list and the register (see [`crate::model::figures::incremental`]
//! and [`super::view`]'s `changed`). At 100,000 projects that is well under a frame;
//! computing everything again takes a fifth of a second (BENCHMARKS.md, "Edits").

use crate::model::Project;
use crate::model::figures::incremental;
use crate::model::tree::GoalTree;

use super::{App, cursor, view};

impl App {
    /// The history just applied, undid or redid a step: bring the figures and the view
    /// up to date with what it changed.
    pub fn edited(&mut self) {
        // No project changed: the meeting record is read where it is drawn, and nothing
        // is derived from it.
        if let Some((pi, before)) = self.history.take_replaced() {
            self.project_changed(pi, &before);
        }
    }

    /// Project `pi` changed from `before` to what the portfolio holds now, and nothing
    /// else did: recompute what it touches. Falls back to [`App::data_changed`] where the
    /// figures or the view do not allow a partial update, and always with
    /// [`App::recompute_all`].
    pub fn project_changed(&mut self, pi: usize, before: &Project) {
        if self.recompute_all {
            return self.data_changed();
        }
        let tree = GoalTree::new(&self.portfolio);
        let old =
            incremental::project_changed(&mut self.figures, &self.portfolio, &tree, pi, before);
        drop(tree);
        let Some(old) = old else {
            return self.data_changed();
        };
        let held = self.hold();
        let keep = self.selected();
        let new = self.figures.projects[pi].latest_total;
        self.ranking.update(pi, old.latest_total, new);

        let mut cache = std::mem::take(&mut self.view_cache);
        cache.project_changed(self, pi, before);
        let mut visible = std::mem::take(&mut self.visible);
        let seen = cache.move_in_visible(self, &mut visible, pi);
        self.visible = visible;
        self.view_cache = cache;
        let Some(seen) = seen else {
            // The list is made afresh, and the register with it.
            self.refilter();
            return self.follow(held);
        };
        self.project_cursor = cursor::place(&self.visible, keep, self.project_cursor);

        let keep = self.selected_risk();
        let (mut matrix, mut rows, mut mitigated) = (
            self.matrix,
            std::mem::take(&mut self.risk_rows),
            self.risk_rows_mitigated,
        );
        view::Register {
            matrix: &mut matrix,
            rows: &mut rows,
            mitigated: &mut mitigated,
        }
        .project_changed(self, pi, before, seen);
        (self.matrix, self.risk_rows, self.risk_rows_mitigated) = (matrix, rows, mitigated);
        self.risk_cursor = cursor::place(&self.risk_rows, keep, self.risk_cursor);
        self.follow(held);
    }
}
