//! After an edit, an undo or a redo: what is derived from the data, brought up to date.
//! An edit changes one project (or only the meeting record), so only what that project
//! touches is computed again — its figures, its goals' rollups, the totals, its place in
//! the ranking, the list and the register (see [`crate::model::figures::incremental`]
//! and [`super::view`]'s `changed`). At 100,000 projects that is well under a frame;
//! computing everything again takes a fifth of a second (BENCHMARKS.md, "Edits").

use std::collections::HashMap;

use crate::model::Project;
use crate::model::figures::{Goals, incremental};
use crate::model::history::Replaced;

use super::{App, GoalInfo, cursor, view};

/// The goal tree's shape as the view keeps it (the tree does not change in a session),
/// so that an edit need not build the tree again.
struct Shape<'a> {
    goals: &'a [GoalInfo],
    by_id: &'a HashMap<String, usize>,
}

impl Goals for Shape<'_> {
    fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }
    fn parent(&self, i: usize) -> Option<usize> {
        self.goals[i].parent
    }
    fn is_leaf(&self, i: usize) -> bool {
        self.goals[i].children.is_empty()
    }
    fn count(&self) -> usize {
        self.goals.len()
    }
}

impl App {
    /// The history just applied, undid or redid a step: bring the figures and the view
    /// up to date with what it changed.
    pub fn edited(&mut self) {
        // No project changed: the meeting record is read where it is drawn, and nothing
        // is derived from it.
        match self.history.take_replaced() {
            Some(Replaced::One(pi, before)) => self.project_changed(pi, &before),
            Some(Replaced::Many) => self.data_changed(),
            None => {}
        }
        // What a pane computes from the projects (the balance, the what-if) is computed
        // again when it is next drawn.
        for p in super::Pane::ALL {
            p.kind().refresh(self);
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
        let shape = Shape {
            goals: &self.goals,
            by_id: &self.goal_by_id,
        };
        let old =
            incremental::project_changed(&mut self.figures, &self.portfolio, &shape, pi, before);
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
