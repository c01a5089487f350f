//! Derived figures: pure functions over the model, computed once per load or change.

use std::collections::BTreeMap;

use super::tree::GoalTree;
use super::types::{
    Budget, Criterion, Date, Evaluation, FundingStatus, Health, Portfolio, Project, Risk,
    RiskStatus, RiskThresholds, Status,
};

/// The review date: the file's `as_of`, or today.
pub fn effective_as_of(p: &Portfolio) -> Date {
    p.as_of
        .unwrap_or_else(|| Date(chrono::Local::now().date_naive()))
}

/// Σ score × weight / Σ weight over the criteria that are scored (and known).
/// `None` when nothing with a weight is scored.
pub fn weighted_score(ev: &Evaluation, criteria: &[Criterion]) -> Option<f64> {
    let (mut sum, mut weights) = (0i64, 0i64);
    for c in criteria {
        if let Some(&s) = ev.scores.get(&c.id) {
            sum = sum.saturating_add(s.saturating_mul(c.weight));
            weights = weights.saturating_add(c.weight);
        }
    }
    (weights > 0).then(|| sum as f64 / weights as f64)
}

/// The weighted score of a project's latest evaluation.
pub fn latest_score(pr: &Project, criteria: &[Criterion]) -> Option<f64> {
    pr.evaluations
        .last()
        .and_then(|e| weighted_score(e, criteria))
}

/// A risk's band (and a project's top risk): ordered so that `max` is the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Band {
    Green,
    Amber,
    Red,
}

/// Probability × consequence.
pub fn risk_score(r: &Risk) -> i64 {
    r.probability.saturating_mul(r.consequence)
}

/// The band of a risk score under the file's thresholds.
pub fn risk_band(score: i64, t: RiskThresholds) -> Band {
    if score >= t.red {
        Band::Red
    } else if score >= t.amber {
        Band::Amber
    } else {
        Band::Green
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BudgetFigures {
    pub planned: i64,
    pub spent: i64,
    pub granted: i64,
    pub applied: i64,
    pub rejected: i64,
    /// planned − granted: what the organisation pays itself.
    pub own_share: i64,
    /// spent / planned; `None` when nothing is planned.
    pub burn: Option<f64>,
}

pub fn budget_figures(b: &Budget) -> BudgetFigures {
    let mut f = BudgetFigures {
        planned: b.planned,
        spent: b.spent,
        ..Default::default()
    };
    for fu in &b.funding {
        let slot = match fu.status {
            FundingStatus::Granted => &mut f.granted,
            FundingStatus::Applied => &mut f.applied,
            FundingStatus::Rejected => &mut f.rejected,
        };
        *slot = slot.saturating_add(fu.amount);
    }
    f.own_share = b.planned.saturating_sub(f.granted);
    f.burn = (b.planned > 0).then(|| b.spent as f64 / b.planned as f64);
    f
}

/// Share of the project's time that has passed at `as_of`, 0–1; `None` without both dates.
pub fn time_elapsed(pr: &Project, as_of: Date) -> Option<f64> {
    let (start, end) = (pr.start?, pr.end?);
    let total = start.days_until(end);
    if total <= 0 {
        return Some(if as_of >= end { 1.0 } else { 0.0 });
    }
    Some((start.days_until(as_of) as f64 / total as f64).clamp(0.0, 1.0))
}

/// Mean of min(actual / target, 1) over the results; `None` without results.
/// A result with a target of 0 or less counts as reached.
pub fn results_achievement(pr: &Project) -> Option<f64> {
    if pr.results.is_empty() {
        return None;
    }
    let sum: f64 = pr
        .results
        .iter()
        .map(|r| {
            if r.target.0 <= 0.0 {
                1.0
            } else {
                (r.actual.0 / r.target.0).clamp(0.0, 1.0)
            }
        })
        .sum();
    Some(sum / pr.results.len() as f64)
}

/// Results whose actual has reached the target.
pub fn results_reached(pr: &Project) -> usize {
    pr.results
        .iter()
        .filter(|r| r.actual.0 >= r.target.0)
        .count()
}

/// The highest-scoring open risk: (index in `risks`, score, band).
pub fn top_risk(pr: &Project, t: RiskThresholds) -> Option<(usize, i64, Band)> {
    pr.risks
        .iter()
        .enumerate()
        .filter(|(_, r)| r.status == RiskStatus::Open)
        .map(|(i, r)| (i, risk_score(r)))
        .max_by_key(|&(i, s)| (s, std::cmp::Reverse(i)))
        .map(|(i, s)| (i, s, risk_band(s, t)))
}

/// Everything derived about one project.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProjectFigures {
    pub latest_score: Option<f64>,
    pub previous_score: Option<f64>,
    pub budget: Option<BudgetFigures>,
    pub elapsed: Option<f64>,
    pub achievement: Option<f64>,
    pub top_risk: Option<(usize, i64, Band)>,
    pub open_risks: usize,
    /// Share of the project's goal references that are goals in the tree.
    pub goal_share: Option<f64>,
    /// Active and past its end date.
    pub overdue: bool,
}

pub fn project_figures(p: &Portfolio, tree: &GoalTree, pr: &Project, as_of: Date) -> ProjectFigures {
    let n = pr.evaluations.len();
    ProjectFigures {
        latest_score: latest_score(pr, &p.criteria),
        previous_score: n
            .checked_sub(2)
            .and_then(|i| weighted_score(&pr.evaluations[i], &p.criteria)),
        budget: pr.budget.as_ref().map(budget_figures),
        elapsed: time_elapsed(pr, as_of),
        achievement: results_achievement(pr),
        top_risk: top_risk(pr, p.risk_thresholds),
        open_risks: pr
            .risks
            .iter()
            .filter(|r| r.status == RiskStatus::Open)
            .count(),
        goal_share: (!pr.goals.is_empty()).then(|| {
            pr.goals
                .iter()
                .filter(|g| tree.index_of(g).is_some())
                .count() as f64
                / pr.goals.len() as f64
        }),
        overdue: pr.status == Status::Active && pr.end.is_some_and(|e| e < as_of),
    }
}

/// What a goal gathers from the projects serving it or any goal below it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GoalRollup {
    /// Indices into `portfolio.projects`, ascending.
    pub projects: Vec<usize>,
    pub planned: i64,
    pub mean_score: Option<f64>,
    pub worst_health: Option<Health>,
}

/// Totals over the whole portfolio.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Totals {
    pub planned: i64,
    pub spent: i64,
    pub granted: i64,
    pub applied: i64,
    pub rejected: i64,
    pub own_share: i64,
    /// Per funding source: (granted, applied, rejected).
    pub by_source: BTreeMap<String, (i64, i64, i64)>,
    pub by_status: BTreeMap<Status, usize>,
    /// Green, Amber, Red, not reported.
    pub by_health: [usize; 4],
}

/// All derived figures of a portfolio. Indices follow `portfolio.projects` and the goal
/// tree's order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    pub as_of: Option<Date>,
    pub projects: Vec<ProjectFigures>,
    pub goals: Vec<GoalRollup>,
    /// Leaf goals no project serves (tree indices).
    pub unserved_leaves: Vec<usize>,
    /// Projects that serve no goal in the tree.
    pub goalless_projects: Vec<usize>,
    pub totals: Totals,
}

pub fn compute(p: &Portfolio) -> Figures {
    let tree = GoalTree::new(p);
    compute_with(p, &tree)
}

pub fn compute_with(p: &Portfolio, tree: &GoalTree) -> Figures {
    let as_of = effective_as_of(p);
    let projects: Vec<ProjectFigures> = p
        .projects
        .iter()
        .map(|pr| project_figures(p, tree, pr, as_of))
        .collect();

    let mut goals = vec![GoalRollup::default(); tree.len()];
    let mut score_sum = vec![(0.0f64, 0usize); tree.len()];
    let mut directly = vec![false; tree.len()];
    let mut goalless = Vec::new();
    let mut marks: Vec<usize> = Vec::new();
    for (pi, pr) in p.projects.iter().enumerate() {
        marks.clear();
        for gid in &pr.goals {
            if let Some(gi) = tree.index_of(gid) {
                directly[gi] = true;
                marks.extend(tree.ancestors_and_self(gi));
            }
        }
        if marks.is_empty() {
            goalless.push(pi);
            continue;
        }
        marks.sort_unstable();
        marks.dedup();
        let planned = pr.budget.as_ref().map_or(0, |b| b.planned);
        for &gi in &marks {
            let g = &mut goals[gi];
            g.projects.push(pi);
            g.planned = g.planned.saturating_add(planned);
            g.worst_health = g.worst_health.max(pr.health);
            if let Some(s) = projects[pi].latest_score {
                score_sum[gi].0 += s;
                score_sum[gi].1 += 1;
            }
        }
    }
    for (g, (sum, n)) in goals.iter_mut().zip(&score_sum) {
        g.mean_score = (*n > 0).then(|| sum / *n as f64);
    }
    let unserved_leaves = (0..tree.len())
        .filter(|&i| tree.is_leaf(i) && !directly[i])
        .collect();

    let mut t = Totals::default();
    for (pr, f) in p.projects.iter().zip(&projects) {
        *t.by_status.entry(pr.status).or_default() += 1;
        t.by_health[pr.health.map_or(3, |h| h as usize)] += 1;
        if let (Some(b), Some(bf)) = (&pr.budget, &f.budget) {
            t.planned = t.planned.saturating_add(bf.planned);
            t.spent = t.spent.saturating_add(bf.spent);
            t.granted = t.granted.saturating_add(bf.granted);
            t.applied = t.applied.saturating_add(bf.applied);
            t.rejected = t.rejected.saturating_add(bf.rejected);
            t.own_share = t.own_share.saturating_add(bf.own_share);
            for fu in &b.funding {
                let e = t.by_source.entry(fu.source.clone()).or_default();
                match fu.status {
                    FundingStatus::Granted => e.0 = e.0.saturating_add(fu.amount),
                    FundingStatus::Applied => e.1 = e.1.saturating_add(fu.amount),
                    FundingStatus::Rejected => e.2 = e.2.saturating_add(fu.amount),
                }
            }
        }
    }

    Figures {
        as_of: Some(as_of),
        projects,
        goals,
        unserved_leaves,
        goalless_projects: goalless,
        totals: t,
    }
}
