//! Putting a new version of the portfolio in place (a reload from disk: after a
//! conflict, after the editor, or a change someone else made) without losing one's
//! place: the project, goal and risk under the cursor, triage's agenda and the filter are
//! kept by id, since the file may have moved, added or removed any of them.

use crate::model::Portfolio;
use crate::model::edit::History;

use super::{App, goal_view};

/// Where the cursors were, by id.
struct Place {
    project: Option<String>,
    goal: Option<String>,
    risk: Option<(String, String)>,
    /// Triage's agenda and the item it is at.
    agenda: Option<(Vec<String>, Option<String>)>,
}

impl App {
    /// Put a new version of the portfolio in place, with the history that led to it and
    /// replayed on it. Cursors, triage and the goal filter stay on the same
    /// ids where those are still there; the other filters and the sort stay as they are.
    pub fn replace_portfolio(&mut self, portfolio: Portfolio, history: History) {
        let place = self.place();
        self.unsaved = history.unsaved(&portfolio);
        self.portfolio = portfolio;
        self.history = history;
        self.criterion_cursor = self
            .criterion_cursor
            .min(self.portfolio.criteria.len().saturating_sub(1));
        self.rebuild(place);
    }

    /// After an edit (or its undo) that added or removed a project or changed the goal
    /// tree or an id: the goal view made again, and the cursors kept by id.
    pub fn structure_changed(&mut self) {
        let place = self.place();
        self.rebuild(place);
    }

    fn rebuild(&mut self, place: Place) {
        let goal_filter = self
            .filters
            .goal
            .and_then(|g| self.goals.get(g))
            .map(|g| g.id.clone());
        let (goals, goal_by_id, figures) = goal_view(&self.portfolio);
        self.expanded = goals
            .iter()
            .map(|g| match self.goal_by_id.get(&g.id) {
                Some(&old) => self.expanded.get(old).copied().unwrap_or(false),
                None => g.depth < 2,
            })
            .collect();
        self.filters.goal = goal_filter.and_then(|id| goal_by_id.get(&id).copied());
        self.goals = goals;
        self.goal_by_id = goal_by_id;
        self.figures = figures;
        self.view_cache.clear();
        self.rebuild_goal_rows();
        self.refresh_ranking();
        // The old selection's index means nothing in the new file: refilter must not
        // carry it over, so the cursor is put back by id below.
        self.project_cursor = usize::MAX;
        self.refilter();
        self.return_to(place);
    }

    fn project_id(&self, pi: usize) -> Option<String> {
        self.portfolio.projects.get(pi).map(|p| p.id.clone())
    }

    /// Where the project of this id is in the portfolio.
    pub(crate) fn project_index(&self, id: &str) -> Option<usize> {
        self.portfolio.projects.iter().position(|p| p.id == id)
    }

    fn place(&self) -> Place {
        let risk = self.risk_rows.get(self.risk_cursor).and_then(|&(pi, ri)| {
            let pr = self.portfolio.projects.get(pi)?;
            Some((pr.id.clone(), pr.risks.get(ri)?.id.clone()))
        });
        let agenda = self.triage.as_ref().map(|t| {
            let ids = t.agenda.iter().filter_map(|&pi| self.project_id(pi));
            let at = t.agenda.get(t.pos).and_then(|&pi| self.project_id(pi));
            (ids.collect(), at)
        });
        Place {
            project: self.selected().and_then(|pi| self.project_id(pi)),
            goal: self
                .goal_rows
                .get(self.goal_cursor)
                .and_then(|&gi| self.goals.get(gi))
                .map(|g| g.id.clone()),
            risk,
            agenda,
        }
    }

    fn return_to(&mut self, place: Place) {
        let project = place
            .project
            .as_deref()
            .and_then(|id| self.project_index(id));
        match project {
            Some(pi) if self.select_project(pi) => {}
            _ => {
                // Gone (or filtered out): the first row, and no detail of another project.
                self.project_cursor = 0;
                if place.project.is_some() {
                    self.detail = false;
                }
            }
        }
        if let Some(gi) = place.goal.and_then(|id| self.goal_by_id.get(&id).copied())
            && let Some(row) = self.goal_rows.iter().position(|&r| r == gi)
        {
            self.goal_cursor = row;
        }
        if let Some((p, r)) = place.risk {
            let at = self.risk_rows.iter().position(|&(pi, ri)| {
                let pr = &self.portfolio.projects[pi];
                pr.id == p && pr.risks.get(ri).is_some_and(|x| x.id == r)
            });
            if let Some(at) = at {
                self.risk_cursor = at;
            }
        }
        if let Some((ids, at)) = place.agenda {
            let agenda: Vec<usize> = ids.iter().filter_map(|id| self.project_index(id)).collect();
            let at_id = at.and_then(|id| self.project_index(&id));
            match self.triage.as_mut() {
                Some(t) if !agenda.is_empty() => {
                    t.pos = at_id
                        .and_then(|pi| agenda.iter().position(|&a| a == pi))
                        .unwrap_or(t.pos)
                        .min(agenda.len() - 1);
                    t.agenda = agenda;
                }
                _ => self.triage = None,
            }
        }
    }
}
