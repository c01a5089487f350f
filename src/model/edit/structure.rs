//! Edits that change the portfolio's shape: a project added or removed, a goal added,
//! changed or removed, and an id renamed with every reference to it.

use super::fields::clean_text;
use super::{Edit, EditError};
use crate::model::load::MAX_GOAL_DEPTH;
use crate::model::types::{Goal, Portfolio, Project};

/// The goal with `id`, anywhere in the tree.
pub fn find_goal<'a>(goals: &'a [Goal], id: &str) -> Option<&'a Goal> {
    let mut stack: Vec<&Goal> = goals.iter().collect();
    while let Some(g) = stack.pop() {
        if g.id == id {
            return Some(g);
        }
        stack.extend(&g.children);
    }
    None
}

fn find_goal_mut<'a>(goals: &'a mut [Goal], id: &str) -> Option<&'a mut Goal> {
    for g in goals.iter_mut() {
        if g.id == id {
            return Some(g);
        }
        if let Some(found) = find_goal_mut(&mut g.children, id) {
            return Some(found);
        }
    }
    None
}

/// Where goal `id` stands: its parent's id (`None` at the top) and its depth (0 at
/// the top). `None` when it is not in the tree.
pub fn goal_place(goals: &[Goal], id: &str) -> Option<(Option<String>, usize)> {
    let mut stack: Vec<(&Goal, Option<&str>, usize)> = goals.iter().map(|g| (g, None, 0)).collect();
    while let Some((g, parent, depth)) = stack.pop() {
        if g.id == id {
            return Some((parent.map(str::to_string), depth));
        }
        stack.extend(
            g.children
                .iter()
                .map(|c| (c, Some(g.id.as_str()), depth + 1)),
        );
    }
    None
}

/// The ids of `g` and every goal below it.
pub fn subtree_ids(g: &Goal) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![g];
    while let Some(x) = stack.pop() {
        out.push(x.id.clone());
        stack.extend(&x.children);
    }
    out
}

fn all_goal_ids(goals: &[Goal]) -> Vec<&str> {
    let mut out = Vec::new();
    let mut stack: Vec<&Goal> = goals.iter().collect();
    while let Some(g) = stack.pop() {
        out.push(g.id.as_str());
        stack.extend(&g.children);
    }
    out
}

/// The list `id` is in, and its index there.
fn siblings_mut<'a>(goals: &'a mut Vec<Goal>, id: &str) -> Option<(&'a mut Vec<Goal>, usize)> {
    if let Some(i) = goals.iter().position(|g| g.id == id) {
        return Some((goals, i));
    }
    for g in goals.iter_mut() {
        if let Some(found) = siblings_mut(&mut g.children, id) {
            return Some(found);
        }
    }
    None
}

fn fresh_id(id: &str) -> Result<String, EditError> {
    let id = id.trim();
    if id.is_empty() {
        return Err(EditError::EmptyId);
    }
    Ok(id.to_string())
}

/// Apply a structural edit. `Ok(None)` when `e` is not one; else the index of the
/// project it changed, if one.
pub(super) fn apply(e: &Edit, p: &mut Portfolio) -> Result<Option<Option<usize>>, EditError> {
    Ok(Some(match e {
        Edit::ProjectAdd { project } => Some(add_project(p, project)?),
        Edit::ProjectRemove { project } => {
            let i = index(p, project)?;
            p.projects.remove(i);
            None
        }
        Edit::ProjectRename { from, to } => Some(rename_project(p, from, to)?),
        Edit::GoalAdd {
            parent,
            after,
            goal,
        } => {
            add_goal(p, parent.as_deref(), after.as_deref(), goal)?;
            None
        }
        Edit::GoalSet { goal, field } => {
            let g =
                find_goal_mut(&mut p.goals, goal).ok_or_else(|| EditError::NoGoal(goal.clone()))?;
            field.apply(g)?;
            None
        }
        Edit::GoalRemove { goal, to_parent } => {
            remove_goal(p, goal, *to_parent)?;
            None
        }
        Edit::GoalRename { from, to } => {
            rename_goal(p, from, to)?;
            None
        }
        _ => return Ok(None),
    }))
}

fn index(p: &Portfolio, id: &str) -> Result<usize, EditError> {
    p.projects
        .iter()
        .position(|x| x.id == id)
        .ok_or_else(|| EditError::NoProject(id.to_string()))
}

fn add_project(p: &mut Portfolio, project: &Project) -> Result<usize, EditError> {
    let id = fresh_id(&project.id)?;
    if p.projects.iter().any(|x| x.id == id) {
        return Err(EditError::Taken(id));
    }
    if project.name.trim().is_empty() {
        return Err(EditError::Empty("a project's name"));
    }
    p.projects.push(Project {
        id,
        name: project.name.trim().to_string(),
        owner: clean_text(&project.owner),
        unit: clean_text(&project.unit),
        instrument: clean_text(&project.instrument),
        goals: super::fields::clean_list(&project.goals),
        tags: super::fields::clean_list(&project.tags),
        ..project.clone()
    });
    Ok(p.projects.len() - 1)
}

fn rename_project(p: &mut Portfolio, from: &str, to: &str) -> Result<usize, EditError> {
    let i = index(p, from)?;
    let to = fresh_id(to)?;
    if to == from {
        return Ok(i);
    }
    if p.projects.iter().any(|x| x.id == to) {
        return Err(EditError::Taken(to));
    }
    p.projects[i].id = to.clone();
    for m in &mut p.meetings {
        for a in m.agenda.iter_mut().filter(|a| *a == from) {
            *a = to.clone();
        }
        for c in &mut m.changes {
            if c.project.as_deref() == Some(from) {
                c.project = Some(to.clone());
            }
        }
    }
    Ok(i)
}

fn add_goal(
    p: &mut Portfolio,
    parent: Option<&str>,
    after: Option<&str>,
    goal: &Goal,
) -> Result<(), EditError> {
    let id = fresh_id(&goal.id)?;
    let taken = all_goal_ids(&p.goals);
    if let Some(t) = subtree_ids(goal)
        .into_iter()
        .map(|x| if x == goal.id { id.clone() } else { x })
        .find(|x| taken.contains(&x.as_str()))
    {
        return Err(EditError::Taken(t));
    }
    if goal.title.trim().is_empty() {
        return Err(EditError::Empty("a goal's title"));
    }
    if goal.sdgs.iter().any(|s| !(1..=17).contains(s)) {
        return Err(EditError::BadSdg);
    }
    let new = Goal {
        id,
        title: goal.title.trim().to_string(),
        description: clean_text(&goal.description),
        ..goal.clone()
    };
    let list = match parent {
        None => &mut p.goals,
        Some(pid) => {
            let (_, depth) =
                goal_place(&p.goals, pid).ok_or_else(|| EditError::NoGoal(pid.to_string()))?;
            if depth + 2 > MAX_GOAL_DEPTH {
                return Err(EditError::TooDeep);
            }
            &mut find_goal_mut(&mut p.goals, pid)
                .ok_or_else(|| EditError::NoGoal(pid.to_string()))?
                .children
        }
    };
    let at = after
        .and_then(|a| list.iter().position(|g| g.id == a))
        .map_or(list.len(), |i| i + 1);
    list.insert(at, new);
    Ok(())
}

fn remove_goal(p: &mut Portfolio, id: &str, to_parent: bool) -> Result<(), EditError> {
    let (parent, _) = goal_place(&p.goals, id).ok_or_else(|| EditError::NoGoal(id.to_string()))?;
    let (list, i) = siblings_mut(&mut p.goals, id).ok_or_else(|| EditError::NoGoal(id.into()))?;
    let gone = subtree_ids(&list.remove(i));
    let instead = parent.filter(|_| to_parent);
    for pr in &mut p.projects {
        if !pr.goals.iter().any(|g| gone.contains(g)) {
            continue;
        }
        let mut goals: Vec<String> = Vec::with_capacity(pr.goals.len());
        for g in &pr.goals {
            let g = match &instead {
                Some(up) if gone.contains(g) => up,
                _ if gone.contains(g) => continue,
                _ => g,
            };
            if !goals.contains(g) {
                goals.push(g.clone());
            }
        }
        pr.goals = goals;
    }
    Ok(())
}

fn rename_goal(p: &mut Portfolio, from: &str, to: &str) -> Result<(), EditError> {
    let to = fresh_id(to)?;
    if find_goal(&p.goals, from).is_none() {
        return Err(EditError::NoGoal(from.to_string()));
    }
    if to == from {
        return Ok(());
    }
    if find_goal(&p.goals, &to).is_some() {
        return Err(EditError::Taken(to));
    }
    if let Some(g) = find_goal_mut(&mut p.goals, from) {
        g.id = to.clone();
    }
    for pr in &mut p.projects {
        for g in pr.goals.iter_mut().filter(|g| *g == from) {
            *g = to.clone();
        }
    }
    for m in &mut p.meetings {
        for c in &mut m.changes {
            if c.goal.as_deref() == Some(from) {
                c.goal = Some(to.clone());
            }
        }
    }
    Ok(())
}
