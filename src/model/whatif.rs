//! The budget what-if: with less money than proposals, which projects give the most
//! weighted score within the budget — and which goals would lose their last measure.
//! Nothing in the file changes.
//!
//! The pane builds the items once per change of the filter or the measure
//! ([`items`]) and asks [`what_if`] on every keystroke of the budget field.
//!
//! - **Cost**: the project's planned budget or its own share ([`Measure`]); no budget
//!   costs 0.
//! - **Value**: the project's latest *complete* weighted total (every criterion of the
//!   file scored, [`crate::model::figures::ScoreTotal`]). The choice compares the exact
//!   sums Σ score × weight (with the weights divided by their common divisor), which
//!   order the sets as the totals do, without rounding.
//! - **The scenario** is the live projects with a value, and those pinned in. A project
//!   with no complete total (unscored, or partly scored) is set apart
//!   ([`Choice::unvalued`]): not in the choice, not in the money, not in the goals,
//!   until it is pinned in (then it is kept at its cost) or scored. A share typed in the
//!   budget field (`-20%`) is of what the scenario costs ([`current_total`]).
//! - **Pins**: [`Pin::In`] keeps a project whatever it costs, [`Pin::Out`] cuts it,
//!   [`Pin::Free`] lets the choice decide. Completed and stopped projects are out of the
//!   scenario, whatever their pin.
//! - **The choice** is an exact 0/1 knapsack ([`knapsack`]): the most total value within
//!   what the budget leaves after the pinned-in projects; among equal values the
//!   cheaper set; among sets equal in both, the same one every time. It is exact except
//!   when branch and bound stops at its node limit (a file of thousands of projects
//!   whose values per krone are nearly all equal); then [`Choice::exact`] is false and
//!   [`Choice::bound`] says how much value any set could have.
//! - **Goals losing their last measure**: goals served (directly or through a goal
//!   below them) by a project of the scenario before, and by none kept after. A parent
//!   is among them only when its whole subtree loses every project. A goal served only
//!   by projects set apart is not among them: the cut does not decide their fate.

pub mod knapsack;

use std::collections::HashMap;

use super::balance::Measure;
use super::figures::{Figures, score_total};
use super::msg::{Msg, msg};
use super::tree::GoalTree;
use super::types::{Criterion, Evaluation, Portfolio, Status};

/// A project's pin in the what-if.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Pin {
    In,
    Out,
    #[default]
    Free,
}

impl Pin {
    /// The pin `Space` gives next: free → in → out → free.
    pub fn next(self) -> Pin {
        match self {
            Pin::Free => Pin::In,
            Pin::In => Pin::Out,
            Pin::Out => Pin::Free,
        }
    }
}

/// A project's value in the choice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Value {
    /// The weighted total as the views show it (1–5).
    pub total: f64,
    /// Σ score × weight / common divisor of the weights: the same order as `total`, exact.
    pub points: u128,
}

/// One project as the what-if sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Index into `portfolio.projects`.
    pub project: usize,
    /// Planned or own share, ≥ 0.
    pub cost: i64,
    /// `None` when the latest total is missing or partial.
    pub value: Option<Value>,
    /// Completed or stopped: out of the scenario.
    pub closed: bool,
    /// Goal tree indices the project serves, with their ancestors, ascending.
    pub goals: Vec<usize>,
}

/// The exact value of a complete evaluation, or `None` when it is missing or partial.
fn value(ev: Option<&Evaluation>, criteria: &[Criterion], divisor: i128) -> Option<Value> {
    let ev = ev?;
    let t = score_total(ev, criteria)?;
    if t.is_partial() {
        return None;
    }
    let mut points: u128 = 0;
    for c in criteria {
        let s = ev.scores.get(&c.id).copied().unwrap_or(0).max(0);
        let w = (i128::from(c.weight).max(0) / divisor) as u128;
        points = points.saturating_add((s as u128).saturating_mul(w));
    }
    Some(Value {
        total: t.value,
        points,
    })
}

/// The what-if's items for `projects` (indices into `p.projects`; unknown and repeated
/// ones skipped), costing `measure`. `fig`, when given, supplies the budget figures.
pub fn items(
    p: &Portfolio,
    fig: Option<&Figures>,
    projects: &[usize],
    measure: Measure,
) -> Vec<Item> {
    let tree = GoalTree::new(p);
    let divisor = p
        .criteria
        .iter()
        .fold(0i128, |g, c| gcd(g, i128::from(c.weight).max(0)))
        .max(1);
    let mut seen = vec![false; p.projects.len()];
    let mut out = Vec::with_capacity(projects.len());
    for &pi in projects {
        if pi >= seen.len() || std::mem::replace(&mut seen[pi], true) {
            continue;
        }
        let pr = &p.projects[pi];
        let mut goals: Vec<usize> = pr
            .goals
            .iter()
            .filter_map(|g| tree.index_of(g))
            .flat_map(|gi| tree.ancestors_and_self(gi))
            .collect();
        goals.sort_unstable();
        goals.dedup();
        out.push(Item {
            project: pi,
            cost: measure.of_project(p, fig, pi).max(0),
            value: value(pr.evaluations.last(), &p.criteria, divisor),
            closed: matches!(pr.status, Status::Completed | Status::Stopped),
            goals,
        });
    }
    out
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Is the item in the scenario: live, and with a value or pinned in?
fn in_scenario(it: &Item, pin: Pin) -> bool {
    !it.closed && (it.value.is_some() || pin == Pin::In)
}

fn pin_of(pins: &HashMap<usize, Pin>, it: &Item) -> Pin {
    pins.get(&it.project).copied().unwrap_or_default()
}

/// What the scenario costs today (see the module): a share typed in the budget field
/// (`-20%`) is of this.
pub fn current_total(items: &[Item], pins: &HashMap<usize, Pin>) -> i64 {
    items
        .iter()
        .filter(|it| in_scenario(it, pin_of(pins, it)))
        .fold(0i64, |s, it| s.saturating_add(it.cost))
}

/// The what-if's answer. Projects are indices into `portfolio.projects`, in the order
/// of the items.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Choice {
    pub budget: i64,
    /// Chosen or pinned in.
    pub kept: Vec<usize>,
    /// In the scenario and not kept.
    pub cut: Vec<usize>,
    /// Live, with no complete total, not pinned in: set apart, not in the scenario.
    pub unvalued: Vec<usize>,
    /// Completed or stopped: not in the scenario.
    pub closed: Vec<usize>,
    /// What the kept projects cost, and what the scenario costs ([`current_total`]).
    pub money_kept: i64,
    pub money_before: i64,
    /// Σ weighted totals of the kept projects, and of the scenario's.
    pub value_kept: f64,
    pub value_before: f64,
    /// The pinned-in projects alone cost more than the budget.
    pub over_budget: bool,
    /// The choice is proven the best (see the module for when it is not).
    pub exact: bool,
    /// How it was found.
    pub method: Option<knapsack::Method>,
    /// The most Σ weighted total any set within the budget could have: `value_kept`
    /// when exact.
    pub bound: f64,
    /// Goal tree indices served before and by no kept project after, ascending.
    pub lost_goals: Vec<usize>,
}

/// What the help says of the choice, in both languages.
pub fn method_note() -> Msg {
    msg!(
        "The choice is exact: of the projects with a complete score, the set with the highest total weighted score that fits the budget, the cheaper of equal ones (dynamic programming over the cost, or branch and bound). Only a search of unusual numbers can stop early; the pane then says so and how far from the best it can be.",
        "Valget er eksakt: av prosjektene med full vurdering, settet med høyest samlet vektet sum som får plass i budsjettet, det billigste av like gode (dynamisk programmering over kostnaden, eller forgren og avgrens). Bare et søk i uvanlige tall kan stoppe før det er ferdig; da sier ruten det, og hvor langt fra det beste svaret det kan være."
    )
}

impl Choice {
    /// What to say beside the answer when it is not the plain best within the budget:
    /// pins above the budget, or a search that stopped early (with its gap).
    pub fn caveat(&self) -> Option<Msg> {
        if self.over_budget {
            let (kept, budget) = (Msg::amount(self.money_kept), Msg::amount(self.budget));
            return Some(msg!(
                "the projects pinned in cost {kept}, more than the budget of {budget}",
                "prosjektene som er låst inn, koster {kept}, mer enn budsjettet på {budget}";
                kept, budget
            ));
        }
        if !self.exact {
            let gap = Msg::each(|l| l.decimal(Some(self.bound - self.value_kept)));
            return Some(msg!(
                "the search stopped early: the best set may score up to {gap} more",
                "søket stoppet før det var ferdig: det beste settet kan ha inntil {gap} mer";
                gap
            ));
        }
        None
    }
}

/// The best set of `items` within `budget`, with `pins` (by project index; a project
/// not in it is free). See the module.
pub fn what_if(items: &[Item], budget: i64, pins: &HashMap<usize, Pin>) -> Choice {
    what_if_with(items, budget, pins, knapsack::Limits::default())
}

/// [`what_if`] with the knapsack's limits given (tests reach both of its methods).
pub fn what_if_with(
    items: &[Item],
    budget: i64,
    pins: &HashMap<usize, Pin>,
    limits: knapsack::Limits,
) -> Choice {
    let budget = budget.max(0);
    let mut ch = Choice {
        budget,
        exact: true,
        ..Default::default()
    };
    let pin = |it: &Item| pin_of(pins, it);
    let mut kept = vec![false; items.len()];
    let mut free: Vec<usize> = Vec::new();
    let mut pinned_cost: i64 = 0;
    for (k, it) in items.iter().enumerate() {
        if !in_scenario(it, pin(it)) {
            continue;
        }
        ch.money_before = ch.money_before.saturating_add(it.cost);
        ch.value_before += it.value.map_or(0.0, |v| v.total);
        match pin(it) {
            Pin::In => {
                kept[k] = true;
                pinned_cost = pinned_cost.saturating_add(it.cost);
            }
            Pin::Out => {}
            Pin::Free => free.push(k),
        }
    }
    ch.over_budget = pinned_cost > budget;
    let capacity = (budget - pinned_cost).max(0) as u64;
    let costs: Vec<u64> = free.iter().map(|&k| items[k].cost as u64).collect();
    let values: Vec<u128> = free
        .iter()
        .map(|&k| items[k].value.map_or(0, |v| v.points))
        .collect();
    let sol = knapsack::solve(&costs, &values, capacity, limits);
    for (j, &k) in free.iter().enumerate() {
        kept[k] = sol.take[j];
    }
    ch.exact = sol.exact;
    ch.method = Some(sol.method);

    let goal_count = items
        .iter()
        .flat_map(|it| it.goals.last())
        .max()
        .map_or(0, |&g| g + 1);
    let mut before = vec![false; goal_count];
    let mut after = vec![false; goal_count];
    // Points per total, to say the bound in the totals' scale.
    let mut scale: Option<f64> = None;
    for (k, it) in items.iter().enumerate() {
        if it.closed {
            ch.closed.push(it.project);
            continue;
        }
        if !in_scenario(it, pin(it)) {
            ch.unvalued.push(it.project);
            continue;
        }
        for &g in &it.goals {
            before[g] = true;
        }
        if let Some(v) = it.value
            && v.points > 0
        {
            scale.get_or_insert(v.total / v.points as f64);
        }
        if kept[k] {
            ch.kept.push(it.project);
            ch.money_kept = ch.money_kept.saturating_add(it.cost);
            ch.value_kept += it.value.map_or(0.0, |v| v.total);
            for &g in &it.goals {
                after[g] = true;
            }
        } else {
            ch.cut.push(it.project);
        }
    }
    // What the search could not rule out, in the totals' scale.
    let gap = sol.bound.saturating_sub(sol.value) as f64;
    ch.bound = ch.value_kept + gap * scale.unwrap_or(0.0);
    ch.lost_goals = (0..goal_count)
        .filter(|&g| before[g] && !after[g])
        .collect();
    ch
}

#[cfg(test)]
mod tests;
