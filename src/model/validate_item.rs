//! What `styr check` says about one item, while it is being edited: a project (with its
//! risks, results and funding) or a goal. The same rules as [`super::validate`], run on
//! a portfolio that holds only what the item needs (the goal tree, the criteria, the
//! thresholds, the item), so a keystroke costs one item's check and not the file's;
//! what needs the other items (a duplicate id, a goal no project serves) is asked of
//! them directly.

use super::diagnostic::Severity;
use super::msg::Msg;
use super::tree::GoalTree;
use super::types::{Portfolio, Project};
use super::validate::{unplaced, unplaced_projects};
use super::validate_words as w;

/// One finding about the item being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// Where in the item, as a path below it: `` (the item itself), `.budget.spent`,
    /// `.risks[1].probability`, `.goals[0]`.
    pub path: String,
    pub message: Msg,
}

impl Finding {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Whether it is about the field `field` (`.budget.spent`, `.risks[1]`) or below it.
    pub fn at(&self, field: &str) -> bool {
        self.path == field
            || self
                .path
                .strip_prefix(field)
                .is_some_and(|rest| rest.starts_with(['.', '[', '{']))
    }
}

/// A portfolio with the header, criteria and goals of `p` and nothing else.
fn frame(p: &Portfolio) -> Portfolio {
    Portfolio {
        goals: p.goals.clone(),
        ..frame_without_goals(p)
    }
}

fn frame_without_goals(p: &Portfolio) -> Portfolio {
    Portfolio {
        name: p.name.clone(),
        organisation: p.organisation.clone(),
        currency: p.currency.clone(),
        as_of: p.as_of,
        levels: Vec::new(),
        criteria: p.criteria.clone(),
        risk_thresholds: p.risk_thresholds,
        goals: Vec::new(),
        projects: Vec::new(),
        meetings: Vec::new(),
    }
}

/// Findings under `prefix` in `mini`, with paths made relative to it (its children's
/// own findings left out when `skip` names the field that holds them).
fn under(mini: &Portfolio, prefix: &str, skip: Option<&str>) -> Vec<Finding> {
    relative(unplaced(mini), prefix, skip)
}

fn relative(found: Vec<(Severity, String, Msg)>, prefix: &str, skip: Option<&str>) -> Vec<Finding> {
    let mut out: Vec<Finding> = found
        .into_iter()
        .filter_map(|(severity, path, message)| {
            let rest = path.strip_prefix(prefix)?;
            if !(rest.is_empty() || rest.starts_with(['.', '[', '{'])) {
                return None; // `.goals[10]` is not under `.goals[1]`
            }
            if skip.is_some_and(|s| rest.starts_with(s)) {
                return None;
            }
            Some(Finding {
                severity,
                path: rest.to_string(),
                message,
            })
        })
        .collect();
    out.sort_by_key(|f| f.severity);
    out
}

/// What check says about `candidate` as project `at` of `p` (`None`: a new one).
pub fn project(p: &Portfolio, at: Option<usize>, candidate: &Project) -> Vec<Finding> {
    project_with(p, at, candidate, true)
}

/// [`project`], looking for another project with the same id only when `ids` (an edit
/// that cannot change the project's id, a score say, need not: the search reads every
/// project's id, which at 100,000 projects is most of an edit's time).
fn project_with(p: &Portfolio, at: Option<usize>, candidate: &Project, ids: bool) -> Vec<Finding> {
    // The project alone, with the file's goal tree (borrowed: not copied per keystroke).
    let mut mini = Portfolio {
        goals: Vec::new(),
        ..frame_without_goals(p)
    };
    mini.projects.push(candidate.clone());
    let tree = GoalTree::new(p);
    let mut out = relative(unplaced_projects(&mini, &tree), ".projects[0]", None);
    // The warnings about the project as a whole that one field answers.
    for f in out.iter_mut().filter(|f| f.path.is_empty()) {
        if f.message == w::no_goal(candidate) {
            f.path = ".goals".into();
        } else if f.message == w::no_budget(candidate) {
            f.path = ".budget".into();
        } else if f.message == w::no_result(candidate) {
            f.path = ".results".into();
        }
    }
    if ids
        && !candidate.id.is_empty()
        && let Some(other) = p
            .projects
            .iter()
            .enumerate()
            .find(|(j, x)| Some(*j) != at && x.id == candidate.id)
            .map(|(_, x)| x)
    {
        out.insert(
            0,
            Finding {
                severity: Severity::Error,
                path: ".id".into(),
                message: w::duplicate_project(&candidate.id, &other.name),
            },
        );
    }
    out
}

/// What check says about goal `id` of `p` itself (not the goals below it).
pub fn goal(p: &Portfolio, id: &str) -> Vec<Finding> {
    goal_in(p, p.goals.clone(), id)
}

/// [`goal`], with `goals` for the goal tree of `p` (the tree as a form would leave it).
pub fn goal_in(p: &Portfolio, goals: Vec<super::types::Goal>, id: &str) -> Vec<Finding> {
    let mut mini = frame(p);
    mini.goals = goals;
    let tree = super::tree::GoalTree::new(&mini);
    // The last goal with the id: a new one is added after the goal it copies.
    let Some(i) = (0..tree.len()).rev().find(|&i| tree.goals[i].id == id) else {
        return Vec::new();
    };
    let path = tree.nodes[i].path.clone();
    let mut out = under(&mini, &path, Some(".children"));
    // The frame has no projects: "no project serves it" only if none does.
    if p.projects.iter().any(|pr| pr.goals.iter().any(|g| g == id)) {
        out.retain(|f| !(f.severity == Severity::Warning && f.path.is_empty()));
    }
    // A second goal with the id reads as a duplicate at either; say it at this one.
    if tree.index_of(id) != Some(i) && !out.iter().any(|f| f.path == ".id") {
        let first = tree.goals[tree.index_of(id).unwrap_or(0)];
        out.insert(
            0,
            Finding {
                severity: Severity::Error,
                path: ".id".into(),
                message: w::duplicate_goal(id, &first.title),
            },
        );
    }
    out
}

/// The errors of project `i` of `p`, as check would give them.
pub fn project_errors(p: &Portfolio, i: usize) -> Vec<Msg> {
    let Some(pr) = p.projects.get(i) else {
        return Vec::new();
    };
    errors(project(p, Some(i), pr))
}

/// The errors `candidate` would have as project `i` of `p`.
pub fn errors_of(p: &Portfolio, i: usize, candidate: &Project) -> Vec<Msg> {
    errors(project(p, Some(i), candidate))
}

/// [`project_errors`] and [`errors_of`] after an edit: the search for a duplicate id only
/// when the edit could have changed the project's id (`ids`).
pub fn edited_errors(p: &Portfolio, i: usize, candidate: Option<&Project>, ids: bool) -> Vec<Msg> {
    match candidate.or_else(|| p.projects.get(i)) {
        Some(pr) => errors(project_with(p, Some(i), pr, ids)),
        None => Vec::new(),
    }
}

/// The errors of the goal tree, as check would give them.
pub fn goal_errors(p: &Portfolio) -> Vec<Msg> {
    errors(under(&frame(p), ".goals", None))
}

/// The errors of `goals` as the goal tree of `p`.
pub fn goal_errors_in(p: &Portfolio, goals: Vec<super::types::Goal>) -> Vec<Msg> {
    let mini = Portfolio {
        goals,
        ..frame_without_goals(p)
    };
    errors(under(&mini, ".goals", None))
}

fn errors(f: Vec<Finding>) -> Vec<Msg> {
    f.into_iter()
        .filter(Finding::is_error)
        .map(|f| f.message)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse;

    fn sample() -> Portfolio {
        parse(include_str!("../../tests/fixtures/example.ron")).unwrap()
    }

    #[test]
    fn a_project_is_told_its_own_errors_and_warnings_at_their_fields() {
        let p = sample();
        let mut pr = p.projects[0].clone();
        assert!(project(&p, Some(0), &pr).iter().all(|f| !f.is_error()));
        pr.budget.as_mut().unwrap().spent = 9_000_000;
        pr.goals.push("nope".into());
        pr.risks[0].probability = 9;
        let f = project(&p, Some(0), &pr);
        let at = |path: &str| f.iter().find(|x| x.path == path).expect(path);
        assert!(at(".goals[1]").is_error());
        assert!(at(".goals[1]").message.nb.contains("nope"));
        assert!(at(".risks[0].probability").is_error());
        assert!(!at(".budget.spent").is_error(), "overspending is a warning");
        assert!(f[0].is_error(), "errors first");
    }

    #[test]
    fn a_new_project_with_a_taken_id_is_an_error_and_one_without_a_budget_a_warning() {
        let p = sample();
        let mut pr = p.projects[0].clone();
        pr.budget = None;
        let f = project(&p, None, &pr);
        assert!(f.iter().any(|x| x.path == ".id" && x.is_error()));
        assert!(
            f.iter()
                .any(|x| x.path == ".budget" && !x.is_error() && x.message.contains("budget"))
        );
    }

    #[test]
    fn a_goal_is_told_about_itself_only() {
        let mut p = sample();
        assert!(goal(&p, "klima.d1").is_empty(), "served, fine");
        let f = goal(&p, "klima.d2");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(!f[0].is_error(), "no project serves it: a warning");
        p.goals[0].children[0].children[1].sdgs = vec![18];
        let f = goal(&p, "klima.d2");
        assert!(f.iter().any(|x| x.path == ".sdgs[0]" && x.is_error()));
        assert!(goal(&p, "klima").iter().all(|x| x.path != ".sdgs[0]"));
        assert_eq!(goal_errors(&p).len(), 1);
    }
}
