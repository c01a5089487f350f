//! Undo and redo over a meeting's edits, and what differs from the file on disk.
//!
//! Each step keeps a copy of the projects it changed (one, for most edits), of the goal
//! tree when a goal edit changed it, of a project added or removed, and of the meeting
//! records when the edit wrote to them (the change log, the agenda, the record of who was
//! there), so the cost does not grow with the portfolio.
//!
//! An edit is refused, and leaves everything as it was, when it would give the file an
//! error `styr check` refuses (a goal that does not exist, an end before the start):
//! a file styr saved always loads again.

use std::collections::{BTreeSet, HashMap};

use super::changelog::{self, Before};
use super::differ;
use super::edit::structure::{find_goal, subtree_ids};
use super::edit::{Edit, EditError};
use super::record::{self, Stamp};
use super::types::{Goal, Meeting, Portfolio, Project};
use super::validate_item;

/// A project added to the list, or removed from it: where, and which.
#[derive(Debug, Clone)]
enum Reshape {
    Added(usize, Project),
    Removed(usize, Project),
}

/// One step of history: what it changed, before and after.
#[derive(Debug, Clone)]
struct Step {
    edit: Edit,
    /// Projects changed in place: (index, before, after).
    projects: Vec<(usize, Project, Project)>,
    reshape: Option<Reshape>,
    /// The place on disk of the project the step last took out of the list (added,
    /// then undone; or removed), and the save it was counted from.
    taken: Option<(u64, Option<usize>)>,
    goals: Option<(Vec<Goal>, Vec<Goal>)>,
    meetings: Option<(Vec<Meeting>, Vec<Meeting>)>,
}

/// What an undo or redo changed: the edit (so it can be named) and its project.
#[derive(Debug, Clone, PartialEq)]
pub struct Stepped {
    pub edit: Edit,
    /// The changed project's index; `None` for the meeting record or a goal alone.
    pub project: Option<usize>,
}

/// Undo and redo over edits, back to the state at load.
#[derive(Debug, Clone, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
    /// The projects as they are on disk, for each one changed since the last save (or
    /// load), by its place on disk: what [`History::unsaved`] compares with.
    disk: HashMap<usize, Project>,
    /// Once a project was added or removed since the last save: for each project in the
    /// list, its place on disk (`None`: added since). Without, every project is where it
    /// is on disk. Places, not copies: 100,000 projects cost 800 kB, not the file.
    origin: Option<Vec<Option<usize>>>,
    /// The places on disk of the projects taken out of the list since the last save.
    gone: BTreeSet<usize>,
    /// How many saves (`mark_saved`) there have been.
    saves: u64,
    /// The goal tree as on disk, once anything changed it.
    disk_goals: Option<Vec<Goal>>,
    /// The meeting records as they are on disk, once anything changed them.
    disk_meetings: Option<Vec<Meeting>>,
    /// The project the last apply, undo or redo replaced, as it was: what the figures
    /// were computed from (see [`History::take_replaced`]).
    replaced: Option<Replaced>,
}

/// What the last step changed, for the view to bring up to date.
#[derive(Debug, Clone, PartialEq)]
pub enum Replaced {
    /// One project, changed in place: its index and what it was.
    One(usize, Box<Project>),
    /// More: several projects, one added or removed, or the goal tree.
    Many,
}

/// What an edit may change in place, found before it is made.
struct Scope {
    projects: Vec<usize>,
    goals: bool,
}

fn scope(e: &Edit, p: &Portfolio) -> Scope {
    let mut s = Scope {
        projects: Vec::new(),
        goals: false,
    };
    let serving = |ids: &[String]| -> Vec<usize> {
        p.projects
            .iter()
            .enumerate()
            .filter(|(_, pr)| pr.goals.iter().any(|g| ids.contains(g)))
            .map(|(i, _)| i)
            .collect()
    };
    for part in e.parts() {
        match part {
            Edit::ProjectAdd { .. } | Edit::ProjectRemove { .. } | Edit::Meeting(_) => {}
            Edit::GoalAdd { .. } | Edit::GoalSet { .. } => s.goals = true,
            Edit::GoalRemove { goal, .. } => {
                s.goals = true;
                let gone = find_goal(&p.goals, goal)
                    .map(subtree_ids)
                    .unwrap_or_default();
                s.projects.extend(serving(&gone));
            }
            Edit::GoalRename { from, .. } => {
                s.goals = true;
                s.projects.extend(serving(std::slice::from_ref(from)));
            }
            e => s.projects.extend(
                e.project_id()
                    .and_then(|id| p.projects.iter().position(|x| x.id == id)),
            ),
        }
    }
    s.projects.sort_unstable();
    s.projects.dedup();
    s
}

impl History {
    /// Every project index an edit, undo or redo in this history has changed in place:
    /// a superset of the projects that differ from the state at load (or at a save),
    /// unless a project was added or removed ([`History::reshaped`]).
    pub fn touched(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .done
            .iter()
            .chain(&self.undone)
            .flat_map(|s| s.projects.iter().map(|p| p.0))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Whether a step in this history added or removed a project: the projects after
    /// it stand at other places than on disk, so [`History::touched`] says nothing.
    pub fn reshaped(&self) -> bool {
        self.done
            .iter()
            .chain(&self.undone)
            .any(|s| s.reshape.is_some())
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
        if matches!(edit, Edit::Batch(parts) if parts.iter().any(Edit::reshapes)) {
            return Err(EditError::Reshape);
        }
        let sc = scope(edit, p);
        let before: Vec<(usize, Project)> = sc
            .projects
            .iter()
            .map(|&i| (i, p.projects[i].clone()))
            .collect();
        let goals_before = sc.goals.then(|| p.goals.clone());
        let meetings_before = p.meetings.clone();
        let removed = match edit {
            Edit::ProjectRemove { project } => p
                .projects
                .iter()
                .position(|x| &x.id == project)
                .map(|i| (i, p.projects[i].clone())),
            _ => None,
        };
        let len = p.projects.len();
        // The projects the edit names are checked for new errors; those a goal's rename
        // or removal touches are not (it changes their goals to ones that exist). What
        // they had before is asked only when there is an error now (rarely).
        let named: Vec<usize> = edit
            .parts()
            .iter()
            .filter_map(|e| e.project_id())
            .filter_map(|id| p.projects.iter().position(|x| x.id == id))
            .collect();
        let result = apply_parts(p, edit, stamp).and_then(|index| {
            let new_error = |was: Vec<super::Msg>, now: Vec<super::Msg>| {
                now.into_iter().find(|m| !was.contains(m))
            };
            let mut found = None;
            // Only a new id can make a duplicate one.
            let ids = edit
                .parts()
                .iter()
                .any(|e| matches!(e, Edit::ProjectRename { .. } | Edit::ProjectAdd { .. }));
            for &i in &named {
                let now = validate_item::edited_errors(p, i, None, ids);
                if found.is_none() && !now.is_empty() {
                    let was = before
                        .iter()
                        .find(|(j, _)| *j == i)
                        .map(|(_, pr)| validate_item::edited_errors(p, i, Some(pr), ids))
                        .unwrap_or_default();
                    found = new_error(was, now);
                }
            }
            if p.projects.len() > len {
                found =
                    found.or_else(|| new_error(Vec::new(), validate_item::project_errors(p, len)));
            }
            if let Some(was) = &goals_before {
                let now = validate_item::goal_errors(p);
                if found.is_none() && !now.is_empty() {
                    found = new_error(validate_item::goal_errors_in(p, was.clone()), now);
                }
            }
            found.map_or(Ok(index), |m| Err(EditError::Invalid(m)))
        });
        let index = match result {
            Ok(i) => i,
            Err(e) => {
                // Put back what the edit (or the part of a batch before the failing one)
                // changed.
                if p.projects.len() > len {
                    p.projects.truncate(len);
                } else if let (true, Some((i, pr))) = (p.projects.len() < len, &removed) {
                    p.projects.insert(*i, pr.clone());
                }
                for (i, pr) in &before {
                    p.projects[*i] = pr.clone();
                }
                if let Some(g) = goals_before {
                    p.goals = g;
                }
                p.meetings = meetings_before;
                return Err(e);
            }
        };
        let reshape = if p.projects.len() > len {
            Some(Reshape::Added(len, p.projects[len].clone()))
        } else {
            removed
                .filter(|_| p.projects.len() < len)
                .map(|(i, pr)| Reshape::Removed(i, pr))
        };
        let projects: Vec<(usize, Project, Project)> = before
            .into_iter()
            .filter(|(i, pr)| p.projects.get(*i).is_some_and(|now| now != pr))
            .map(|(i, pr)| (i, pr, p.projects[i].clone()))
            .collect();
        let goals = goals_before
            .filter(|g| *g != p.goals)
            .map(|g| (g, p.goals.clone()));
        let changed_record = p.meetings != meetings_before;
        if projects.is_empty()
            && reshape.is_none()
            && goals.is_none()
            && !(changed_record && edit.project_id().is_none() && edit.goal_id().is_none())
        {
            // Nothing changed (a rename to the same id logs nothing either).
            p.meetings = meetings_before;
            return Ok(index);
        }
        if let Some(s) = stamp
            && !s.agenda.is_empty()
        {
            record::agenda(p, s);
        }
        let meetings =
            (p.meetings != meetings_before).then(|| (meetings_before.clone(), p.meetings.clone()));
        for (i, before, _) in &projects {
            if let Some(d) = self.disk_place(*i) {
                self.disk.entry(d).or_insert_with(|| before.clone());
            }
        }
        // One project changed in place: what the view can update alone (see
        // `take_replaced`); anything wider is computed again.
        self.replaced = match (&projects[..], &reshape, &goals) {
            ([(i, before, _)], None, None) => Some(Replaced::One(*i, Box::new(before.clone()))),
            ([], None, None) => None,
            _ => Some(Replaced::Many),
        };
        let taken = match &reshape {
            Some(Reshape::Added(i, _)) => {
                self.put_in(*i, len, None);
                None
            }
            Some(Reshape::Removed(i, _)) => Some((self.saves, self.take_out(*i, len))),
            None => None,
        };
        if let Some((g, _)) = &goals {
            self.disk_goals.get_or_insert_with(|| g.clone());
        }
        if meetings.is_some() {
            self.disk_meetings.get_or_insert(meetings_before);
        }
        self.done.push(Step {
            edit: edit.clone(),
            projects,
            reshape,
            taken,
            goals,
            meetings,
        });
        self.undone.clear();
        Ok(index)
    }

    /// Where project `i` of the list stands on disk (`None`: added since the save).
    fn disk_place(&self, i: usize) -> Option<usize> {
        match &self.origin {
            None => Some(i),
            Some(o) => o.get(i).copied().flatten(),
        }
    }

    /// The places on disk of a list of `len` projects, made when first needed.
    fn origin_of(&mut self, len: usize) -> &mut Vec<Option<usize>> {
        self.origin
            .get_or_insert_with(|| (0..len).map(Some).collect())
    }

    /// Project `i` of a list of `len` taken out: its place on disk, now gone.
    fn take_out(&mut self, i: usize, len: usize) -> Option<usize> {
        let o = self.origin_of(len);
        let d = if i < o.len() { o.remove(i) } else { None };
        if let Some(d) = d {
            self.gone.insert(d);
        }
        d
    }

    /// A project put in at `i` of a list of `len`, from its place on disk `d`.
    fn put_in(&mut self, i: usize, len: usize, d: Option<usize>) {
        let o = self.origin_of(len);
        let i = i.min(o.len());
        o.insert(i, d);
        if let Some(d) = d {
            self.gone.remove(&d);
        }
    }

    /// Undo the last edit; says which it was and where.
    pub fn undo(&mut self, p: &mut Portfolio) -> Option<Stepped> {
        self.replaced = None;
        let mut step = self.done.pop()?;
        let out = self.put(p, &mut step, false);
        self.undone.push(step);
        Some(out)
    }

    /// Redo the last undone edit; says which it was and where.
    pub fn redo(&mut self, p: &mut Portfolio) -> Option<Stepped> {
        self.replaced = None;
        let mut step = self.undone.pop()?;
        let out = self.put(p, &mut step, true);
        self.done.push(step);
        Some(out)
    }

    /// Put a step's before (undo) or after (redo) state in place.
    fn put(&mut self, p: &mut Portfolio, step: &mut Step, after: bool) -> Stepped {
        let mut shown = step.projects.first().map(|b| b.0);
        let len = p.projects.len();
        match (&step.reshape, after) {
            (Some(Reshape::Added(i, pr)), true) | (Some(Reshape::Removed(i, pr)), false) => {
                let i = (*i).min(len);
                p.projects.insert(i, pr.clone());
                // On disk where it was when taken out, unless a save came since.
                let d = step
                    .taken
                    .filter(|(saves, _)| *saves == self.saves)
                    .and_then(|(_, d)| d);
                self.put_in(i, len, d);
                shown = Some(i);
            }
            (Some(Reshape::Added(i, _)), false) | (Some(Reshape::Removed(i, _)), true) => {
                if *i < len {
                    p.projects.remove(*i);
                    step.taken = Some((self.saves, self.take_out(*i, len)));
                }
            }
            (None, _) => {}
        }
        let plain = step.reshape.is_none() && step.goals.is_none();
        let one = plain && step.projects.len() == 1;
        self.replaced = (!(plain && step.projects.is_empty())).then_some(Replaced::Many);
        for (i, before, later) in &step.projects {
            let d = self.disk_place(*i);
            if let Some(slot) = p.projects.get_mut(*i) {
                if let Some(d) = d {
                    self.disk.entry(d).or_insert_with(|| slot.clone());
                }
                let was =
                    std::mem::replace(slot, if after { later.clone() } else { before.clone() });
                if one {
                    self.replaced = Some(Replaced::One(*i, Box::new(was)));
                }
            }
        }
        if let Some((before, later)) = &step.goals {
            self.disk_goals.get_or_insert_with(|| p.goals.clone());
            p.goals = if after { later.clone() } else { before.clone() };
        }
        if let Some((before, later)) = &step.meetings {
            self.disk_meetings.get_or_insert_with(|| p.meetings.clone());
            p.meetings = if after { later.clone() } else { before.clone() };
        }
        Stepped {
            edit: step.edit.clone(),
            project: shown,
        }
    }

    /// The project the last [`apply`](Self::apply), [`apply_stamped`](Self::apply_stamped),
    /// [`undo`](Self::undo) or [`redo`](Self::redo) changed: its index and the project
    /// as it was before. `None` when that step changed no project (the meeting record
    /// alone, or nothing), or when it was taken already.
    pub fn take_replaced(&mut self) -> Option<Replaced> {
        self.replaced.take()
    }

    /// How many items differ from the file on disk (a score, a decision, a health, a
    /// follow-up, a name in the meeting record): what "unsaved" counts. Undoing back to
    /// the loaded state gives 0.
    pub fn unsaved(&self, p: &Portfolio) -> usize {
        // Each project changed in place (where it stands now), each one gone, each new.
        let at = |d: usize| match &self.origin {
            None => Some(d),
            Some(o) => o.iter().position(|&x| x == Some(d)),
        };
        let changed: usize = self
            .disk
            .iter()
            .filter(|(d, _)| !self.gone.contains(d))
            .filter_map(|(&d, disk)| Some(differ::project(disk, p.projects.get(at(d)?)?)))
            .sum();
        let added = self
            .origin
            .as_ref()
            .map_or(0, |o| o.iter().filter(|x| x.is_none()).count());
        let projects = changed + self.gone.len() + added;
        let goals = self
            .disk_goals
            .as_ref()
            .map_or(0, |disk| differ::goals(disk, &p.goals));
        let meetings = self
            .disk_meetings
            .as_ref()
            .map_or(0, |disk| differ::meetings(disk, &p.meetings));
        projects + goals + meetings
    }

    /// The file on disk now holds `p` (after a save): nothing is unsaved. Undo still
    /// goes back past it.
    pub fn mark_saved(&mut self) {
        self.disk.clear();
        self.origin = None;
        self.gone.clear();
        self.saves += 1;
        self.disk_goals = None;
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

/// Apply each part of `edit`, entering each in the change log as it is made.
fn apply_parts(
    p: &mut Portfolio,
    edit: &Edit,
    stamp: Option<&Stamp>,
) -> Result<Option<usize>, EditError> {
    let mut index = None;
    for part in edit.parts() {
        let before = stamp.map(|_| Before::take(part, p));
        index = part.apply(p)?.or(index);
        if let (Some(s), Some(b)) = (stamp, &before) {
            changelog::log(p, part, b, s);
        }
    }
    Ok(index)
}
