//! The semantic rules of FORMAT.md: errors refuse a file, warnings point at gaps.
//!
//! Rules speak in paths (`.projects[3].goals[1]`); one pass of [`locate`] turns the paths
//! into places at the end, so a clean file costs no scan at all.

use std::collections::{HashMap, HashSet};

use super::diagnostic::{Diagnostic, Severity, nearest, quoted_list};
use super::figures::effective_as_of;
use super::locate::{self, field, index, map_key, map_value};
use super::tree::GoalTree;
use super::types::{Portfolio, Status};

struct Finding {
    severity: Severity,
    path: String,
    message: String,
}

#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    fn error(&mut self, path: String, message: String) {
        self.0.push(Finding {
            severity: Severity::Error,
            path,
            message,
        });
    }
    fn warning(&mut self, path: String, message: String) {
        self.0.push(Finding {
            severity: Severity::Warning,
            path,
            message,
        });
    }
}

/// Every error and warning about a parsed portfolio, placed in `text`, in file order.
pub fn validate(p: &Portfolio, text: &str) -> Vec<Diagnostic> {
    let mut f = Findings::default();
    let tree = GoalTree::new(p);
    check_criteria(p, &mut f);
    check_goals(p, &tree, &mut f);
    check_projects(p, &tree, &mut f);
    place(f, text)
}

fn place(f: Findings, text: &str) -> Vec<Diagnostic> {
    if f.0.is_empty() {
        return Vec::new();
    }
    let wanted: HashSet<String> = f.0.iter().map(|x| x.path.clone()).collect();
    let found = locate::locate(text, &wanted);
    let mut out: Vec<Diagnostic> =
        f.0.into_iter()
            .map(|x| Diagnostic {
                severity: x.severity,
                pos: found.get(&x.path).copied(),
                message: x.message,
            })
            .collect();
    out.sort_by_key(|d| (d.pos, d.severity));
    out
}

fn check_criteria(p: &Portfolio, f: &mut Findings) {
    let mut seen = HashSet::new();
    for (i, c) in p.criteria.iter().enumerate() {
        let path = index(".criteria", i);
        if !seen.insert(c.id.as_str()) {
            f.error(
                field(&path, "id"),
                format!(
                    "duplicate criterion id `{}`; each criterion needs its own id",
                    c.id
                ),
            );
        }
        if c.weight < 0 {
            f.error(
                field(&path, "weight"),
                format!(
                    "criterion `{}` has weight {}; weights are whole numbers 0 or above",
                    c.id, c.weight
                ),
            );
        }
    }
    if p.criteria.iter().all(|c| c.weight <= 0) {
        f.error(
            ".criteria".to_string(),
            "every criterion has weight 0 (or there are none), so no score can be weighted; give at least one criterion a weight above 0".to_string(),
        );
    }
}

fn check_goals(p: &Portfolio, tree: &GoalTree, f: &mut Findings) {
    for (i, g) in tree.goals.iter().enumerate() {
        let path = &tree.nodes[i].path;
        if tree.index_of(&g.id) != Some(i) {
            let first = tree.goals[tree.index_of(&g.id).unwrap_or(0)];
            f.error(
                field(path, "id"),
                format!(
                    "duplicate goal id `{}` (also used by \"{}\"); goal ids must be unique across the whole tree",
                    g.id, first.title
                ),
            );
        }
        for (si, sdg) in g.sdgs.iter().enumerate() {
            if !(1..=17).contains(sdg) {
                f.error(
                    index(&field(path, "sdgs"), si),
                    format!(
                        "SDG {sdg} on goal `{}` does not exist; the UN Sustainable Development Goals are numbered 1–17",
                        g.id
                    ),
                );
            }
        }
    }
    // Leaf goals that no project serves.
    let mut served = vec![false; tree.len()];
    for project in &p.projects {
        for gid in &project.goals {
            if let Some(gi) = tree.index_of(gid) {
                served[gi] = true;
            }
        }
    }
    for (i, g) in tree.goals.iter().enumerate() {
        if tree.is_leaf(i) && !served[i] {
            f.warning(
                tree.nodes[i].path.clone(),
                format!(
                    "goal `{}` (\"{}\") has no project serving it; add a measure for it or list it in a project's `goals`",
                    g.id, g.title
                ),
            );
        }
    }
}

/// "goal `c.9` does not exist; known goals under `c`: `c.1`, `c.2`" — or the nearest id.
fn unknown_goal_message(id: &str, tree: &GoalTree) -> String {
    let mut prefix = id;
    while let Some(cut) = prefix.rfind(['.', '-', '_', '/']) {
        prefix = &prefix[..cut];
        if let Some(pi) = tree.index_of(prefix) {
            let kids = tree.nodes[pi]
                .children
                .iter()
                .map(|&c| tree.goals[c].id.as_str());
            if tree.nodes[pi].children.is_empty() {
                break;
            }
            return format!(
                "goal `{id}` does not exist; known goals under `{prefix}`: {}",
                quoted_list(kids)
            );
        }
    }
    if let Some(n) = nearest(id, tree.goals.iter().map(|g| g.id.as_str())) {
        return format!("goal `{id}` does not exist; did you mean `{n}`?");
    }
    let top: Vec<&str> = tree
        .goals
        .iter()
        .zip(&tree.nodes)
        .filter(|(_, n)| n.depth == 0)
        .map(|(g, _)| g.id.as_str())
        .take(12)
        .collect();
    if top.is_empty() {
        format!("goal `{id}` does not exist; the goal tree is empty — add the goal under `goals`")
    } else {
        format!(
            "goal `{id}` does not exist; add it to the goal tree or use a known goal (top level: {})",
            quoted_list(top)
        )
    }
}

fn check_projects(p: &Portfolio, tree: &GoalTree, f: &mut Findings) {
    let as_of = effective_as_of(p);
    let criteria: HashSet<&str> = p.criteria.iter().map(|c| c.id.as_str()).collect();
    let mut ids: HashMap<&str, usize> = HashMap::with_capacity(p.projects.len());
    for (pi, pr) in p.projects.iter().enumerate() {
        let path = index(".projects", pi);
        let who = format!("project `{}` (\"{}\")", pr.id, pr.name);
        if let Some(first) = ids.insert(pr.id.as_str(), pi) {
            ids.insert(pr.id.as_str(), first);
            f.error(
                field(&path, "id"),
                format!(
                    "duplicate project id `{}` (also used by \"{}\"); project ids must be unique",
                    pr.id, p.projects[first].name
                ),
            );
        }
        for (gi, gid) in pr.goals.iter().enumerate() {
            if tree.index_of(gid).is_none() {
                f.error(
                    index(&field(&path, "goals"), gi),
                    unknown_goal_message(gid, tree),
                );
            }
        }
        if let (Some(start), Some(end)) = (pr.start, pr.end) {
            if end < start {
                f.error(
                    field(&path, "end"),
                    format!(
                        "{who} ends {end}, before it starts {start}; correct `start` or `end`"
                    ),
                );
            }
        }
        let mut risk_ids = HashSet::new();
        for (ri, r) in pr.risks.iter().enumerate() {
            let rpath = index(&field(&path, "risks"), ri);
            if !risk_ids.insert(r.id.as_str()) {
                f.error(
                    field(&rpath, "id"),
                    format!(
                        "duplicate risk id `{}` in {who}; risk ids must be unique within their project",
                        r.id
                    ),
                );
            }
            for (name, v) in [("probability", r.probability), ("consequence", r.consequence)] {
                if !(1..=5).contains(&v) {
                    f.error(
                        field(&rpath, name),
                        format!(
                            "{name} {v} of risk `{}` in {who} is outside 1–5; use 1 (lowest) to 5 (highest)",
                            r.id
                        ),
                    );
                }
            }
        }
        for (ei, ev) in pr.evaluations.iter().enumerate() {
            let spath = field(&index(&field(&path, "evaluations"), ei), "scores");
            for (key, &score) in &ev.scores {
                if !criteria.contains(key.as_str()) {
                    let hint = match nearest(key, criteria.iter().copied()) {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => format!(
                            "the criteria are {}",
                            quoted_list(p.criteria.iter().map(|c| c.id.as_str()))
                        ),
                    };
                    f.error(
                        map_key(&spath, key),
                        format!(
                            "score for unknown criterion `{key}` in {who}'s evaluation of {}; {hint}",
                            ev.date
                        ),
                    );
                }
                if !(1..=5).contains(&score) {
                    f.error(
                        map_value(&spath, key),
                        format!(
                            "score {score} for `{key}` in {who}'s evaluation of {} is outside 1–5; use 1 (poor) to 5 (excellent), or leave the criterion out",
                            ev.date
                        ),
                    );
                }
            }
        }

        // Warnings: gaps a coordinator should close before the meeting.
        if pr.goals.is_empty() {
            f.warning(
                path.clone(),
                format!("{who} serves no goal; every measure must serve an adopted goal — add `goals: [\"…\"]`"),
            );
        }
        match &pr.budget {
            None => f.warning(
                path.clone(),
                format!("{who} has no budget; add `budget: (planned: …)`"),
            ),
            Some(b) if b.spent > b.planned => f.warning(
                field(&field(&path, "budget"), "spent"),
                format!(
                    "{who} has spent {} of {} planned ({} over)",
                    b.spent,
                    b.planned,
                    b.spent - b.planned
                ),
            ),
            Some(_) => {}
        }
        if pr.results.is_empty() {
            f.warning(
                path.clone(),
                format!("{who} has no measurable result; add `results: [(name: \"…\", target: …)]`"),
            );
        }
        if pr.status == Status::Active {
            if pr.evaluations.is_empty() {
                f.warning(
                    path.clone(),
                    format!("{who} is active but has never been evaluated"),
                );
            }
            if let Some(end) = pr.end {
                if end < as_of {
                    f.warning(
                        field(&path, "end"),
                        format!(
                            "{who} is active but ended {end} ({} days before {as_of}); complete it or move `end`",
                            end.days_until(as_of)
                        ),
                    );
                }
            }
        }
    }
    if p.risk_thresholds.amber > p.risk_thresholds.red {
        f.warning(
            ".risk_thresholds".to_string(),
            format!(
                "risk_thresholds: amber ({}) is above red ({}), so no risk is ever amber",
                p.risk_thresholds.amber, p.risk_thresholds.red
            ),
        );
    }
}
