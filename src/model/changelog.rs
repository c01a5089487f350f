//! The change log's entries for each edit (FORMAT.md, `Meeting.changes`): what was
//! added (`to` only), removed (`from` only) or changed (`from` → `to`), with the project
//! or goal it touched. The edits of scores, health, status, risks' numbers and
//! follow-ups are entered by [`super::record::stamped`]; this covers the others and
//! sends those there.

use super::edit::fields::list_value as fields_list;
use super::edit::structure::{find_goal, subtree_ids};
use super::edit::{Edit, RiskField};
use super::record::{Stamp, meeting_mut, stamped};
use super::types::{Change, Goal, Portfolio, Project};

/// What one edit touches, as it was before it: what its entries compare with.
#[derive(Debug, Clone, Default)]
pub struct Before {
    /// The project the edit names, and where it stood.
    pub project: Option<(usize, Project)>,
    /// The goal tree, for a goal edit.
    pub goals: Option<Vec<Goal>>,
    /// The goals served by each project a goal's removal touches.
    pub serving: Vec<(usize, Vec<String>)>,
}

impl Before {
    pub fn take(e: &Edit, p: &Portfolio) -> Before {
        let project = e.project_id().and_then(|id| {
            let i = p.projects.iter().position(|x| x.id == id)?;
            Some((i, p.projects[i].clone()))
        });
        let goals = e.goal_id().map(|_| p.goals.clone());
        let serving = match e {
            Edit::GoalRemove { goal, .. } => {
                let gone = find_goal(&p.goals, goal)
                    .map(subtree_ids)
                    .unwrap_or_default();
                p.projects
                    .iter()
                    .enumerate()
                    .filter(|(_, pr)| pr.goals.iter().any(|g| gone.contains(g)))
                    .map(|(i, pr)| (i, pr.goals.clone()))
                    .collect()
            }
            _ => Vec::new(),
        };
        Before {
            project,
            goals,
            serving,
        }
    }
}

/// Enter `e` (just applied to `p`, which was `b` before) in the log of the stamp's
/// meeting. An edit that changed nothing is not entered.
pub fn log(p: &mut Portfolio, e: &Edit, b: &Before, s: &Stamp) {
    let change = |project: Option<&str>, goal: Option<&str>, what: &str, from, to| Change {
        at: s.at,
        by: s.by.clone(),
        project: project.map(str::to_string),
        goal: goal.map(str::to_string),
        what: what.to_string(),
        from,
        to,
    };
    let mut out: Vec<Change> = Vec::new();
    match e {
        Edit::ProjectAdd { project } => {
            if let Some(pr) = p.projects.iter().find(|x| x.id == project.id.trim()) {
                out.push(change(
                    Some(&pr.id),
                    None,
                    "project",
                    None,
                    Some(pr.name.clone()),
                ));
            }
        }
        Edit::ProjectRemove { project } => {
            let name = b.project.as_ref().map(|(_, pr)| pr.name.clone());
            out.push(change(Some(project), None, "project", name, None));
        }
        Edit::ProjectRename { from, to } if from != to.trim() => {
            let to = to.trim();
            out.push(change(
                Some(to),
                None,
                "id",
                Some(from.clone()),
                Some(to.into()),
            ));
        }
        Edit::GoalRename { from, to } if from != to.trim() => {
            let to = to.trim();
            out.push(change(
                None,
                Some(to),
                "id",
                Some(from.clone()),
                Some(to.into()),
            ));
        }
        Edit::GoalAdd { goal, .. } => {
            let id = goal.id.trim();
            let title = find_goal(&p.goals, id).map(|g| g.title.clone());
            out.push(change(None, Some(id), "goal", None, title));
        }
        Edit::GoalRemove { goal, .. } => {
            let title = b
                .goals
                .as_deref()
                .and_then(|gs| find_goal(gs, goal))
                .map(|g| g.title.clone());
            out.push(change(None, Some(goal), "goal", title, None));
            for (i, was) in &b.serving {
                let Some(pr) = p.projects.get(*i) else {
                    continue;
                };
                if &pr.goals != was {
                    let (from, to) = (fields_list(was), fields_list(&pr.goals));
                    out.push(change(Some(&pr.id), None, "goals", from, to));
                }
            }
        }
        Edit::GoalSet { goal, field } => {
            let from = b.goals.as_deref().and_then(|gs| find_goal(gs, goal));
            let to = find_goal(&p.goals, goal);
            let (from, to) = (
                from.and_then(|g| field.read(g)),
                to.and_then(|g| field.read(g)),
            );
            if from != to {
                out.push(change(None, Some(goal), field.name(), from, to));
            }
        }
        Edit::Batch(_) | Edit::Meeting(_) => {}
        _ => {
            let Some((i, before)) = &b.project else {
                return;
            };
            if p.projects.get(*i).is_none_or(|pr| pr == before) {
                return;
            }
            if !project_item(p, *i, before, e, s, &mut out) {
                return stamped(p, *i, before, e, s);
            }
        }
    }
    if !out.is_empty() {
        meeting_mut(p, s.date).changes.extend(out);
    }
}

/// The entries of an edit of a project's list items; false when `e` is not one.
fn project_item(
    p: &Portfolio,
    i: usize,
    before: &Project,
    e: &Edit,
    s: &Stamp,
    out: &mut Vec<Change>,
) -> bool {
    let pr = &p.projects[i];
    let mut push = |what: String, from: Option<String>, to: Option<String>| {
        out.push(Change {
            at: s.at,
            by: s.by.clone(),
            project: Some(pr.id.clone()),
            goal: None,
            what,
            from,
            to,
        })
    };
    let risk = |r: &super::types::Risk| format!("{} {}", r.id, r.title);
    match e {
        Edit::RiskAdd { .. } => {
            push("risks".into(), None, pr.risks.last().map(risk));
        }
        Edit::RiskRemove { risk: id, .. } => {
            let was = before.risks.iter().find(|r| &r.id == id).map(risk);
            push("risks".into(), was, None);
        }
        Edit::RiskSet {
            risk: id,
            field: RiskField::Id(to),
            ..
        } => push(
            format!("risks.{}.id", to.trim()),
            Some(id.clone()),
            Some(to.trim().to_string()),
        ),
        Edit::ResultAdd { .. } => push(
            "results".into(),
            None,
            pr.results.last().map(|r| r.name.clone()),
        ),
        Edit::FundingAdd { .. } => {
            let added = pr.budget.as_ref().and_then(|b| b.funding.last());
            push(
                "budget.funding".into(),
                None,
                added.map(|f| f.source.clone()),
            );
        }
        Edit::FollowUpRemove { .. } | Edit::ResultRemove { .. } | Edit::FundingRemove { .. } => {
            let (what, gone) = match e {
                Edit::FollowUpRemove { .. } => (
                    "follow_ups",
                    removed(&before.follow_ups, &pr.follow_ups).map(|f| f.text.clone()),
                ),
                Edit::ResultRemove { .. } => (
                    "results",
                    removed(&before.results, &pr.results).map(|r| r.name.clone()),
                ),
                _ => (
                    "budget.funding",
                    removed(funding(before), funding(pr)).map(|f| f.source.clone()),
                ),
            };
            push(what.into(), gone, None);
        }
        Edit::ResultSet { .. } => {
            for (j, f, from, to) in changed_fields(&before.results, &pr.results, result_fields) {
                push(format!("results[{j}].{f}"), from, to);
            }
        }
        Edit::FundingSet { .. } => {
            for (j, f, from, to) in changed_fields(funding(before), funding(pr), funding_fields) {
                push(format!("budget.funding[{j}].{f}"), from, to);
            }
        }
        _ => return false,
    }
    true
}

fn funding(pr: &Project) -> &[super::types::Funding] {
    pr.budget.as_ref().map_or(&[], |b| b.funding.as_slice())
}

/// The item of `before` that is not in `after` (one was removed).
fn removed<'a, T: PartialEq>(before: &'a [T], after: &[T]) -> Option<&'a T> {
    let at = (0..before.len())
        .find(|&i| before.get(i) != after.get(i))
        .unwrap_or(before.len().saturating_sub(1));
    before.get(at)
}

/// Each field that differs in the one item that changed in place: (index, field, from,
/// to).
fn changed_fields<T: PartialEq>(
    before: &[T],
    after: &[T],
    fields: impl Fn(&T) -> Vec<(&'static str, Option<String>)>,
) -> Vec<(usize, &'static str, Option<String>, Option<String>)> {
    let Some(j) = (0..before.len().min(after.len())).find(|&j| before[j] != after[j]) else {
        return Vec::new();
    };
    fields(&before[j])
        .into_iter()
        .zip(fields(&after[j]))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((f, a), (_, b))| (j, f, a, b))
        .collect()
}

fn result_fields(r: &super::types::MeasuredResult) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("name", Some(r.name.clone())),
        ("unit", r.unit.clone()),
        ("target", Some(r.target.to_string())),
        ("actual", Some(r.actual.to_string())),
        ("due", r.due.map(|d| d.to_string())),
    ]
}

fn funding_fields(f: &super::types::Funding) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("source", Some(f.source.clone())),
        ("amount", Some(f.amount.to_string())),
        ("status", Some(format!("{:?}", f.status))),
    ]
}
