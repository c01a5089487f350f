//! Undo and redo over a meeting's edits, and what differs from the file on disk.
//!
//! Each step keeps a copy of the one project it changed (and of the meeting records, when
//! the edit wrote to them: the change log, the agenda, the record of who was there), so
//! the cost does not grow with the portfolio.

use std::collections::HashMap;

use super::differ;
use super::edit::{Edit, EditError};
use super::record::{self, Stamp};
use super::types::{Meeting, Portfolio, Project};

/// One step of history: what it changed, before and after.
#[derive(Debug, Clone)]
struct Step {
    edit: Edit,
    project: Option<(usize, Project, Project)>,
    meetings: Option<(Vec<Meeting>, Vec<Meeting>)>,
}

/// What an undo or redo changed: the edit (so it can be named) and its project.
#[derive(Debug, Clone, PartialEq)]
pub struct Stepped {
    pub edit: Edit,
    /// The changed project's index; `None` for the meeting record alone.
    pub project: Option<usize>,
}

/// Undo and redo over edits, back to the state at load.
#[derive(Debug, Clone, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
    /// The projects as they are on disk, for each one changed since the last save (or
    /// load): what [`History::unsaved`] compares with.
    disk: HashMap<usize, Project>,
    /// The meeting records as they are on disk, once anything changed them.
    disk_meetings: Option<Vec<Meeting>>,
    /// The project the last apply, undo or redo replaced, as it was: what the figures
    /// were computed from (see [`History::take_replaced`]).
    replaced: Option<(usize, Project)>,
}

impl History {
    /// Every project index an edit, undo or redo in this history has changed: a
    /// superset of the projects that differ from the state at load (or at a save).
    pub fn touched(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .done
            .iter()
            .chain(&self.undone)
            .filter_map(|s| s.project.as_ref().map(|p| p.0))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Apply `edit` to `p` and remember how to undo it. Returns the changed project's
    /// index (`None` for the meeting record).
    pub fn apply(&mut self, p: &mut Portfolio, edit: &Edit) -> Result<Option<usize>, EditError> {
        self.apply_stamped(p, edit, None)
    }

    /// [`apply`](Self::apply), with the meeting's stamp: who and when, so the edit is
    /// entered in the meeting's change log (and the evaluation it starts names who made
    /// it). An edit that changes nothing leaves no step and no log entry.
    pub fn apply_stamped(
        &mut self,
        p: &mut Portfolio,
        edit: &Edit,
        stamp: Option<&Stamp>,
    ) -> Result<Option<usize>, EditError> {
        self.replaced = None;
        let before = edit
            .project_id()
            .and_then(|pid| p.projects.iter().position(|x| x.id == pid))
            .map(|i| (i, p.projects[i].clone()));
        let meetings_before = p.meetings.clone();
        let index = edit.apply(p)?;
        let project = match (index, before) {
            (Some(i), Some((_, before))) if before != p.projects[i] => {
                if let Some(s) = stamp {
                    record::stamped(p, i, &before, edit, s);
                }
                Some((i, before, p.projects[i].clone()))
            }
            _ => None,
        };
        let changed_record = index.is_none() && p.meetings != meetings_before;
        if project.is_none() && !changed_record {
            return Ok(index);
        }
        if let Some(s) = stamp
            && !s.agenda.is_empty()
        {
            record::agenda(p, s);
        }
        let meetings =
            (p.meetings != meetings_before).then(|| (meetings_before.clone(), p.meetings.clone()));
        if let Some((i, before, _)) = &project {
            self.disk.entry(*i).or_insert_with(|| before.clone());
            self.replaced = Some((*i, before.clone()));
        }
        if meetings.is_some() {
            self.disk_meetings.get_or_insert(meetings_before);
        }
        self.done.push(Step {
            edit: edit.clone(),
            project,
            meetings,
        });
        self.undone.clear();
        Ok(index)
    }

    /// Undo the last edit; says which it was and where.
    pub fn undo(&mut self, p: &mut Portfolio) -> Option<Stepped> {
        self.replaced = None;
        let step = self.done.pop()?;
        let out = self.put(p, &step, false);
        self.undone.push(step);
        Some(out)
    }

    /// Redo the last undone edit; says which it was and where.
    pub fn redo(&mut self, p: &mut Portfolio) -> Option<Stepped> {
        self.replaced = None;
        let step = self.undone.pop()?;
        let out = self.put(p, &step, true);
        self.done.push(step);
        Some(out)
    }

    /// Put a step's before (undo) or after (redo) state in place.
    fn put(&mut self, p: &mut Portfolio, step: &Step, after: bool) -> Stepped {
        let pick = |b: &(usize, Project, Project)| if after { b.2.clone() } else { b.1.clone() };
        if let Some(b) = &step.project
            && let Some(slot) = p.projects.get_mut(b.0)
        {
            let was = std::mem::replace(slot, pick(b));
            self.disk.entry(b.0).or_insert_with(|| was.clone());
            self.replaced = Some((b.0, was));
        }
        if let Some((before, later)) = &step.meetings {
            self.disk_meetings.get_or_insert_with(|| p.meetings.clone());
            p.meetings = if after { later.clone() } else { before.clone() };
        }
        Stepped {
            edit: step.edit.clone(),
            project: step.project.as_ref().map(|b| b.0),
        }
    }

    /// The project the last [`apply`](Self::apply), [`apply_stamped`](Self::apply_stamped),
    /// [`undo`](Self::undo) or [`redo`](Self::redo) changed: its index and the project
    /// as it was before. `None` when that step changed no project (the meeting record
    /// alone, or nothing), or when it was taken already.
    pub fn take_replaced(&mut self) -> Option<(usize, Project)> {
        self.replaced.take()
    }

    /// How many items differ from the file on disk (a score, a decision, a health, a
    /// follow-up, a name in the meeting record): what "unsaved" counts. Undoing back to
    /// the loaded state gives 0.
    pub fn unsaved(&self, p: &Portfolio) -> usize {
        let projects: usize = self
            .disk
            .iter()
            .filter_map(|(&i, disk)| Some(differ::project(disk, p.projects.get(i)?)))
            .sum();
        let meetings = self
            .disk_meetings
            .as_ref()
            .map_or(0, |disk| differ::meetings(disk, &p.meetings));
        projects + meetings
    }

    /// The file on disk now holds `p` (after a save): nothing is unsaved. Undo still
    /// goes back past it.
    pub fn mark_saved(&mut self) {
        self.disk.clear();
        self.disk_meetings = None;
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// How many edits are in effect (not undone).
    pub fn len(&self) -> usize {
        self.done.len()
    }

    pub fn is_empty(&self) -> bool {
        self.done.is_empty()
    }

    /// Forget everything (after a reload).
    pub fn clear(&mut self) {
        *self = History::default();
    }
}
