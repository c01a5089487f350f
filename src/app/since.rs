//! "Since the last meeting": the version of the portfolio a meeting compares with
//! (`--since`), kept for the projects that differ from it, so the list, the detail view
//! and triage can mark what moved. Only the projects that differed at load are kept (at
//! 100,000 projects the old version is not held twice).

use std::collections::{HashMap, HashSet};

use crate::model::since::{Change, project};
use crate::model::{Portfolio, Project};

#[derive(Debug, Clone, Default)]
pub struct SinceView {
    /// What the comparison is against, as the user named it ("plan.ron @ 2026-10-29").
    pub label: String,
    /// The old version of each project that differed (by id).
    old: HashMap<String, Project>,
    /// Projects the old version did not have.
    new: HashSet<String>,
}

/// What moved in one project.
#[derive(Debug, Clone, PartialEq)]
pub enum Moved {
    New,
    Changed(Vec<Change>),
}

impl SinceView {
    pub fn new(label: String, old: &Portfolio, now: &Portfolio) -> SinceView {
        let by_id: HashMap<&str, &Project> =
            old.projects.iter().map(|p| (p.id.as_str(), p)).collect();
        let mut view = SinceView {
            label,
            ..SinceView::default()
        };
        for p in &now.projects {
            match by_id.get(p.id.as_str()) {
                None => {
                    view.new.insert(p.id.clone());
                }
                Some(o) if *o != p => {
                    view.old.insert(p.id.clone(), (*o).clone());
                }
                Some(_) => {}
            }
        }
        view
    }

    /// What moved in `pr` since then; `None` when nothing did.
    pub fn moved(&self, pr: &Project) -> Option<Moved> {
        if self.new.contains(&pr.id) {
            return Some(Moved::New);
        }
        let changes = project(self.old.get(&pr.id)?, pr);
        (!changes.is_empty()).then_some(Moved::Changed(changes))
    }

    pub fn is_moved(&self, pr: &Project) -> bool {
        self.new.contains(&pr.id) || self.old.get(&pr.id).is_some_and(|o| o != pr)
    }

    /// How many projects moved (at load).
    pub fn count(&self) -> usize {
        self.old.len() + self.new.len()
    }
}
