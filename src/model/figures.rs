//! Derived figures: pure functions over the model, computed once per load or change.

pub mod incremental;
mod score;
mod totals;

pub use score::{Ranking, ScoreTotal, criteria_scored, ranking, score_total};
pub use totals::Totals;

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
    // In i128, so that weights near i64::MAX neither overflow nor saturate into a wrong mean.
    let (mut sum, mut weights) = (0i128, 0i128);
    for c in criteria {
        // A scan of the few scores rather than a hash look-up: no hashing, and the scores
        // are next to each other in memory.
        if let Some((_, &s)) = ev.scores.iter().find(|(k, _)| **k == c.id) {
            let w = i128::from(c.weight);
            sum = sum.saturating_add(i128::from(s) * w);
            weights = weights.saturating_add(w);
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
    pr.results.iter().filter(|r| r.is_reached()).count()
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
    /// The latest evaluation's weighted total (`latest_total`'s value).
    pub latest_score: Option<f64>,
    /// The one before it (`previous_total`'s value).
    pub previous_score: Option<f64>,
    /// The latest total with how many of the file's criteria it was computed from.
    pub latest_total: Option<ScoreTotal>,
    pub previous_total: Option<ScoreTotal>,
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

pub fn project_figures(
    p: &Portfolio,
    tree: &impl Goals,
    pr: &Project,
    as_of: Date,
) -> ProjectFigures {
    let n = pr.evaluations.len();
    let latest_total = pr
        .evaluations
        .last()
        .and_then(|e| score_total(e, &p.criteria));
    let previous_total = n
        .checked_sub(2)
        .and_then(|i| score_total(&pr.evaluations[i], &p.criteria));
    ProjectFigures {
        latest_score: latest_total.map(|t| t.value),
        previous_score: previous_total.map(|t| t.value),
        latest_total,
        previous_total,
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
    /// What each of `projects` brings to the three above, side by side: an edit makes
    /// the rollup again from this compact list, not from thousands of projects spread
    /// over memory.
    shares: Vec<Share>,
}

/// All derived figures of a portfolio. Indices follow `portfolio.projects` and the goal
/// tree's order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    pub as_of: Option<Date>,
    pub projects: Vec<ProjectFigures>,
    pub goals: Vec<GoalRollup>,
    /// Leaf goals no project serves (tree indices), ascending.
    pub unserved_leaves: Vec<usize>,
    /// Projects that serve no goal in the tree, ascending.
    pub goalless_projects: Vec<usize>,
    pub totals: Totals,
    /// The exact sums behind `totals`, for [`incremental`] to take a project out of.
    sums: totals::Sums,
}

pub fn compute(p: &Portfolio) -> Figures {
    let tree = GoalTree::new(p);
    compute_with(p, &tree)
}

/// What the figures need of the goal tree: where a goal id stands, and each goal's
/// parent. [`GoalTree`] has it; so has anything that keeps the tree's shape (the
/// interactive view does, and an edit need not build the tree again).
pub trait Goals {
    /// The tree index of the first goal with this id.
    fn index_of(&self, id: &str) -> Option<usize>;
    fn parent(&self, i: usize) -> Option<usize>;
    fn is_leaf(&self, i: usize) -> bool;
    /// How many goals the tree has.
    fn count(&self) -> usize;
}

impl Goals for GoalTree<'_> {
    fn index_of(&self, id: &str) -> Option<usize> {
        GoalTree::index_of(self, id)
    }
    fn parent(&self, i: usize) -> Option<usize> {
        self.nodes[i].parent
    }
    fn is_leaf(&self, i: usize) -> bool {
        GoalTree::is_leaf(self, i)
    }
    fn count(&self) -> usize {
        GoalTree::len(self)
    }
}

/// The goals project `pr` counts for, into `out`: those it names that are in the tree,
/// and their ancestors; ascending, each once.
fn marks(tree: &impl Goals, pr: &Project, out: &mut Vec<usize>) {
    out.clear();
    for gid in &pr.goals {
        if let Some(gi) = tree.index_of(gid) {
            out.extend(std::iter::successors(Some(gi), |&j| tree.parent(j)));
        }
    }
    out.sort_unstable();
    out.dedup();
}

/// What one project brings to the rollups of the goals it serves.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Share {
    planned: i64,
    health: Option<Health>,
    score: Option<f64>,
}

impl Share {
    fn of(pr: &Project, f: &ProjectFigures) -> Share {
        Share {
            planned: pr.budget.as_ref().map_or(0, |b| b.planned),
            health: pr.health,
            score: f.latest_score,
        }
    }
}

/// A goal's planned sum, mean score and worst health, from its projects' shares (in
/// the projects' order, so that the sums come out the same however the list was made).
fn settle_rollup(g: &mut GoalRollup) {
    let (mut planned, mut worst) = (0i64, None);
    let (mut sum, mut n) = (0.0f64, 0usize);
    for &s in &g.shares {
        planned = planned.saturating_add(s.planned);
        worst = worst.max(s.health);
        if let Some(v) = s.score {
            sum += v;
            n += 1;
        }
    }
    g.planned = planned;
    g.worst_health = worst;
    g.mean_score = (n > 0).then(|| sum / n as f64);
}

pub fn compute_with(p: &Portfolio, tree: &GoalTree) -> Figures {
    let as_of = effective_as_of(p);
    let projects: Vec<ProjectFigures> = p
        .projects
        .iter()
        .map(|pr| project_figures(p, tree, pr, as_of))
        .collect();

    let mut goals = vec![GoalRollup::default(); tree.len()];
    let mut goalless = Vec::new();
    let mut marked: Vec<usize> = Vec::new();
    for (pi, pr) in p.projects.iter().enumerate() {
        marks(tree, pr, &mut marked);
        if marked.is_empty() {
            goalless.push(pi);
        }
        let share = Share::of(pr, &projects[pi]);
        for &gi in &marked {
            goals[gi].projects.push(pi);
            goals[gi].shares.push(share);
        }
    }
    for g in &mut goals {
        settle_rollup(g);
    }
    // A leaf's rollup holds exactly the projects naming it: none, and it is unserved.
    let unserved_leaves = (0..tree.len())
        .filter(|&i| tree.is_leaf(i) && goals[i].projects.is_empty())
        .collect();
    let (totals, sums) = totals::totals(
        p.projects
            .iter()
            .zip(&projects)
            .map(|(pr, f)| (pr, f.budget.as_ref())),
    );
    Figures {
        as_of: Some(as_of),
        projects,
        goals,
        unserved_leaves,
        goalless_projects: goalless,
        totals,
        sums,
    }
}

#[cfg(test)]
mod tests {
    //! One test per derived figure, at the edges where a wrong comparison would show.

    use indexmap::IndexMap;

    use super::*;
    use crate::model::load::{parse, ron_options};

    #[track_caller]
    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("a figure, not None");
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn criteria(list: &[(&str, i64)]) -> Vec<Criterion> {
        list.iter()
            .map(|&(id, weight)| Criterion {
                id: id.to_string(),
                name: id.to_uppercase(),
                weight,
                description: None,
            })
            .collect()
    }

    fn evaluation(scores: &[(&str, i64)]) -> Evaluation {
        Evaluation {
            date: date("2026-01-01"),
            scores: scores
                .iter()
                .map(|&(k, v)| (k.to_string(), v))
                .collect::<IndexMap<_, _>>(),
            decision: None,
            note: None,
            by: None,
            ratings: Vec::new(),
        }
    }

    fn project(ron: &str) -> Project {
        ron_options()
            .from_str(ron)
            .unwrap_or_else(|e| panic!("test project does not parse: {e}"))
    }

    // ---- weighted score ----

    #[test]
    fn weighted_score_over_all_criteria() {
        let c = criteria(&[("goals", 40), ("results", 35), ("budget", 25)]);
        let e = evaluation(&[("goals", 4), ("results", 3), ("budget", 2)]);
        // (4·40 + 3·35 + 2·25) / 100
        close(weighted_score(&e, &c), 3.15);
    }

    #[test]
    fn weighted_score_counts_only_the_criteria_scored() {
        let c = criteria(&[("goals", 40), ("results", 35), ("budget", 25)]);
        let e = evaluation(&[("goals", 4), ("budget", 2)]);
        // (4·40 + 2·25) / (40 + 25): an unscored criterion is not a zero.
        close(weighted_score(&e, &c), 210.0 / 65.0);
    }

    #[test]
    fn weighted_score_ignores_unknown_criteria() {
        let c = criteria(&[("goals", 40), ("results", 35), ("budget", 25)]);
        let e = evaluation(&[("goals", 4), ("budget", 2), ("other", 5)]);
        close(weighted_score(&e, &c), 210.0 / 65.0);
        assert_eq!(weighted_score(&evaluation(&[("other", 5)]), &c), None);
    }

    #[test]
    fn weighted_score_with_zero_weights() {
        let c = criteria(&[("a", 0), ("b", 2)]);
        close(weighted_score(&evaluation(&[("a", 5), ("b", 3)]), &c), 3.0);
        // Only a weightless criterion scored: nothing to weigh.
        assert_eq!(weighted_score(&evaluation(&[("a", 5)]), &c), None);
        assert_eq!(weighted_score(&evaluation(&[]), &c), None);
        let all_zero = criteria(&[("a", 0), ("b", 0)]);
        assert_eq!(
            weighted_score(&evaluation(&[("a", 5), ("b", 3)]), &all_zero),
            None
        );
    }

    #[test]
    fn weighted_score_with_huge_weights() {
        let c = criteria(&[("a", i64::MAX), ("b", i64::MAX), ("c", 1)]);
        close(weighted_score(&evaluation(&[("a", 5), ("b", 3)]), &c), 4.0);
    }

    #[test]
    fn latest_and_previous_scores_follow_the_evaluation_order() {
        let p = parse(
            r#"(name: "T", organisation: "O", as_of: "2026-06-01", goals: [], projects: [
                (id: "P1", name: "One", evaluations: [
                    (date: "2026-01-01", scores: {"goals": 1}),
                    (date: "2026-02-01", scores: {"goals": 2}),
                    (date: "2026-03-01", scores: {"goals": 4, "results": 4, "budget": 4}),
                ]),
                (id: "P2", name: "Two"),
            ])"#,
        )
        .unwrap();
        let f = compute(&p);
        close(f.projects[0].latest_score, 4.0);
        close(f.projects[0].previous_score, 2.0);
        assert_eq!(f.projects[1].latest_score, None);
        assert_eq!(f.projects[1].previous_score, None);
    }

    // ---- risks ----

    #[test]
    fn risk_score_is_probability_times_consequence() {
        let r = project(
            r#"(id: "P", name: "N", risks: [(id: "R", title: "t", probability: 3, consequence: 4)])"#,
        )
        .risks
        .remove(0);
        assert_eq!(risk_score(&r), 12);
    }

    #[test]
    fn risk_band_at_the_default_thresholds_edges() {
        let t = RiskThresholds::default(); // amber 5, red 10
        assert_eq!(risk_band(1, t), Band::Green);
        assert_eq!(risk_band(4, t), Band::Green);
        assert_eq!(risk_band(5, t), Band::Amber);
        assert_eq!(risk_band(9, t), Band::Amber);
        assert_eq!(risk_band(10, t), Band::Red);
        assert_eq!(risk_band(25, t), Band::Red);
    }

    #[test]
    fn risk_band_with_the_files_thresholds() {
        let t = RiskThresholds { amber: 8, red: 15 };
        assert_eq!(risk_band(7, t), Band::Green);
        assert_eq!(risk_band(8, t), Band::Amber);
        assert_eq!(risk_band(14, t), Band::Amber);
        assert_eq!(risk_band(15, t), Band::Red);
        // amber = red: there is no amber band.
        let t = RiskThresholds { amber: 6, red: 6 };
        assert_eq!(risk_band(5, t), Band::Green);
        assert_eq!(risk_band(6, t), Band::Red);
        // amber above red (a validation warning): red still wins.
        let t = RiskThresholds { amber: 12, red: 8 };
        assert_eq!(risk_band(10, t), Band::Red);
        assert_eq!(risk_band(7, t), Band::Green);
    }

    #[test]
    fn top_risk_is_the_highest_open_one() {
        let pr = project(
            r#"(id: "P", name: "N", risks: [
                (id: "R0", title: "t", probability: 2, consequence: 2),
                (id: "R1", title: "t", probability: 5, consequence: 5, status: Mitigated),
                (id: "R2", title: "t", probability: 5, consequence: 4, status: Closed),
                (id: "R3", title: "t", probability: 3, consequence: 4, status: Open),
                (id: "R4", title: "t", probability: 4, consequence: 3),
            ])"#,
        );
        // R1 and R2 score higher but are not open; R3 and R4 tie, the first one wins.
        assert_eq!(
            top_risk(&pr, RiskThresholds::default()),
            Some((3, 12, Band::Red))
        );
        assert_eq!(
            top_risk(&pr, RiskThresholds { amber: 5, red: 13 }),
            Some((3, 12, Band::Amber))
        );
    }

    #[test]
    fn no_top_risk_without_open_risks() {
        let pr = project(
            r#"(id: "P", name: "N", risks: [
                (id: "R1", title: "t", probability: 5, consequence: 5, status: Mitigated),
                (id: "R2", title: "t", probability: 5, consequence: 4, status: Closed),
            ])"#,
        );
        assert_eq!(top_risk(&pr, RiskThresholds::default()), None);
        assert_eq!(
            top_risk(
                &project(r#"(id: "P", name: "N")"#),
                RiskThresholds::default()
            ),
            None
        );
    }

    // ---- budget ----

    #[test]
    fn budget_own_share_is_planned_minus_granted() {
        let pr = project(
            r#"(id: "P", name: "N", budget: (planned: 1_000, spent: 250, funding: [
                (source: "Interreg", amount: 300),
                (source: "Erasmus+", amount: 100, status: Granted),
                (source: "Nordisk Råd", amount: 200, status: Applied),
                (source: "EØS-midlene", amount: 50, status: Rejected),
            ]))"#,
        );
        let f = budget_figures(pr.budget.as_ref().unwrap());
        assert_eq!(
            f,
            BudgetFigures {
                planned: 1_000,
                spent: 250,
                granted: 400,
                applied: 200,
                rejected: 50,
                // Applied and rejected money is not the organisation's to count on.
                own_share: 600,
                burn: Some(0.25),
            }
        );
    }

    #[test]
    fn budget_burn_is_none_when_nothing_is_planned() {
        let pr = project(r#"(id: "P", name: "N", budget: (planned: 0, spent: 10))"#);
        let f = budget_figures(pr.budget.as_ref().unwrap());
        assert_eq!(f.burn, None);
        assert_eq!(f.own_share, 0);
        let pr = project(r#"(id: "P", name: "N", budget: (planned: 100, spent: 150))"#);
        close(budget_figures(pr.budget.as_ref().unwrap()).burn, 1.5);
    }

    // ---- time ----

    #[test]
    fn time_elapsed_before_during_and_after() {
        let pr = project(r#"(id: "P", name: "N", start: "2026-01-01", end: "2026-01-11")"#);
        close(time_elapsed(&pr, date("2025-12-01")), 0.0);
        close(time_elapsed(&pr, date("2026-01-01")), 0.0);
        close(time_elapsed(&pr, date("2026-01-06")), 0.5);
        close(time_elapsed(&pr, date("2026-01-11")), 1.0);
        close(time_elapsed(&pr, date("2027-01-01")), 1.0);
    }

    #[test]
    fn time_elapsed_of_a_one_day_project() {
        let pr = project(r#"(id: "P", name: "N", start: "2026-01-01", end: "2026-01-01")"#);
        close(time_elapsed(&pr, date("2025-12-31")), 0.0);
        close(time_elapsed(&pr, date("2026-01-01")), 1.0);
        close(time_elapsed(&pr, date("2026-01-02")), 1.0);
    }

    #[test]
    fn time_elapsed_needs_both_dates() {
        let d = date("2026-01-01");
        assert_eq!(
            time_elapsed(&project(r#"(id: "P", name: "N", start: "2025-01-01")"#), d),
            None
        );
        assert_eq!(
            time_elapsed(&project(r#"(id: "P", name: "N", end: "2027-01-01")"#), d),
            None
        );
    }

    // ---- results ----

    #[test]
    fn results_achievement_caps_each_result_at_one() {
        let pr = project(
            r#"(id: "P", name: "N", results: [
                (name: "half", target: 10, actual: 5),
                (name: "double", target: 4, actual: 8),
                (name: "none yet", target: 3),
            ])"#,
        );
        // (0.5 + 1 + 0) / 3: overshooting one result does not make up for another.
        close(results_achievement(&pr), 1.5 / 3.0);
        assert_eq!(results_reached(&pr), 1);
    }

    #[test]
    fn results_achievement_with_target_zero_counts_as_reached() {
        let pr = project(
            r#"(id: "P", name: "N", results: [
                (name: "no incidents", target: 0),
                (name: "quarter", target: 2.0, actual: 0.5),
            ])"#,
        );
        close(results_achievement(&pr), (1.0 + 0.25) / 2.0);
        assert_eq!(results_reached(&pr), 1);
        assert_eq!(
            results_achievement(&project(r#"(id: "P", name: "N")"#)),
            None
        );
    }

    // ---- the portfolio ----

    const PORTFOLIO: &str = r#"(name: "T", organisation: "O", as_of: "2026-06-01",
        goals: [
            (id: "a", title: "A", children: [(id: "a.1", title: "A1"), (id: "a.2", title: "A2")]),
            (id: "b", title: "B"),
            (id: "c", title: "C, nobody serves it"),
            (id: "d", title: "D", children: [(id: "d.1", title: "served only through its parent")]),
        ],
        projects: [
            (id: "P0", name: "two goals under a", health: Amber, status: Active, end: "2026-05-31",
             goals: ["a.1", "a.2"],
             budget: (planned: 100, spent: 40, funding: [
                (source: "Interreg", amount: 30),
                (source: "Erasmus+", amount: 20, status: Applied),
             ]),
             risks: [(id: "R", title: "t", probability: 1, consequence: 1),
                     (id: "S", title: "t", probability: 1, consequence: 1, status: Closed)],
             evaluations: [(date: "2026-01-01", scores: {"goals": 4, "results": 4, "budget": 4})]),
            (id: "P1", name: "one goal", health: Red, status: Active, end: "2026-06-01", goals: ["a.1"],
             budget: (planned: 50, spent: 60, funding: [
                (source: "Interreg", amount: 10, status: Rejected),
                (source: "Interreg", amount: 5),
             ]),
             evaluations: [(date: "2026-01-01", scores: {"goals": 2, "results": 2, "budget": 2})]),
            (id: "P2", name: "b, never scored", health: Green, status: Completed, goals: ["b"],
             budget: (planned: 7)),
            (id: "P3", name: "no goals"),
            (id: "P4", name: "a parent and an unknown goal", goals: ["d", "nowhere"]),
            (id: "P5", name: "only an unknown goal", goals: ["nowhere"], status: OnHold),
        ],
    )"#;

    fn goal(p: &Portfolio, f: &Figures, id: &str) -> GoalRollup {
        let t = GoalTree::new(p);
        f.goals[t.index_of(id).unwrap()].clone()
    }

    #[test]
    fn goal_rollup_counts_a_project_once_per_goal() {
        let p = parse(PORTFOLIO).unwrap();
        let f = compute(&p);
        // P0 serves a.1 and a.2, both under a: it counts once for a.
        let a = goal(&p, &f, "a");
        assert_eq!(a.projects, [0, 1]);
        assert_eq!(a.planned, 150);
        close(a.mean_score, 3.0);
        assert_eq!(a.worst_health, Some(Health::Red));

        let a1 = goal(&p, &f, "a.1");
        assert_eq!(a1.projects, [0, 1]);
        assert_eq!(a1.planned, 150);

        let a2 = goal(&p, &f, "a.2");
        assert_eq!(a2.projects, [0]);
        assert_eq!(a2.planned, 100);
        close(a2.mean_score, 4.0);
        assert_eq!(a2.worst_health, Some(Health::Amber));
    }

    #[test]
    fn goal_rollup_without_scores_or_projects() {
        let p = parse(PORTFOLIO).unwrap();
        let f = compute(&p);
        let b = goal(&p, &f, "b");
        assert_eq!(b.projects, [2]);
        assert_eq!(b.planned, 7);
        assert_eq!(b.mean_score, None);
        assert_eq!(b.worst_health, Some(Health::Green));
        assert_eq!(goal(&p, &f, "c"), GoalRollup::default());
        // d is served by P4 (no budget, no health); its leaf d.1 is not.
        let d = goal(&p, &f, "d");
        assert_eq!(
            (d.projects.as_slice(), d.planned, d.worst_health),
            (&[4][..], 0, None)
        );
        assert_eq!(goal(&p, &f, "d.1"), GoalRollup::default());
    }

    #[test]
    fn unserved_leaves_are_leaves_no_project_names() {
        let p = parse(PORTFOLIO).unwrap();
        let f = compute(&p);
        let t = GoalTree::new(&p);
        let ids: Vec<&str> = f
            .unserved_leaves
            .iter()
            .map(|&i| t.goals[i].id.as_str())
            .collect();
        // Not a or d (not leaves), not b (served); d.1 although its parent is served.
        assert_eq!(ids, ["c", "d.1"]);
    }

    #[test]
    fn goalless_projects_serve_no_goal_in_the_tree() {
        let p = parse(PORTFOLIO).unwrap();
        let f = compute(&p);
        // P3 names no goal; P5 names only one that does not exist. P4 has one real goal.
        assert_eq!(f.goalless_projects, [3, 5]);
        close(f.projects[4].goal_share, 0.5);
        close(f.projects[5].goal_share, 0.0);
        assert_eq!(f.projects[3].goal_share, None);
    }

    #[test]
    fn project_figures_overdue_and_open_risks() {
        let p = parse(PORTFOLIO).unwrap();
        let f = compute(&p);
        assert_eq!(f.as_of, Some(date("2026-06-01")));
        // Active with an end before as_of is overdue; ending on as_of is not.
        assert!(f.projects[0].overdue);
        assert!(!f.projects[1].overdue);
        assert_eq!(f.projects[0].open_risks, 1);
        assert_eq!(f.projects[0].top_risk, Some((0, 1, Band::Green)));
        assert_eq!(f.projects[0].achievement, None);
    }

    #[test]
    fn totals_by_source_status_and_health() {
        let p = parse(PORTFOLIO).unwrap();
        let t = compute(&p).totals;
        let by_source: Vec<(&str, (i64, i64, i64))> =
            t.by_source.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        // (granted, applied, rejected), sources in name order.
        assert_eq!(
            by_source,
            [("Erasmus+", (0, 20, 0)), ("Interreg", (35, 0, 10))]
        );
        assert_eq!(
            (
                t.planned,
                t.spent,
                t.granted,
                t.applied,
                t.rejected,
                t.own_share
            ),
            (157, 100, 35, 20, 10, 122)
        );
        let by_status: Vec<(Status, usize)> = t.by_status.into_iter().collect();
        assert_eq!(
            by_status,
            [
                (Status::Proposed, 2),
                (Status::Active, 2),
                (Status::OnHold, 1),
                (Status::Completed, 1)
            ]
        );
        assert_eq!(t.by_health, [1, 1, 1, 3]);
    }
}
