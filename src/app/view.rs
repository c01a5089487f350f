//! Derived view data: which goal rows and projects are visible, in which order, and the
//! risk matrix. Computed when a filter, the search, the sort or the data changes — never
//! while drawing.

use std::cmp::Ordering;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::figures::{Figures, risk_score};
use crate::model::{Project, RiskStatus};

use super::{App, FilterKind, GoalInfo, SortKey};

/// Visible goal rows in tree order: a goal shows when all its ancestors are expanded.
pub fn goal_rows(goals: &[GoalInfo], expanded: &[bool]) -> Vec<usize> {
    let mut rows = Vec::with_capacity(goals.len());
    let mut hidden_below: Option<usize> = None; // depth under which rows are hidden
    for (i, g) in goals.iter().enumerate() {
        if let Some(d) = hidden_below {
            if g.depth > d {
                continue;
            }
            hidden_below = None;
        }
        rows.push(i);
        if !g.children.is_empty() && !expanded.get(i).copied().unwrap_or(false) {
            hidden_below = Some(g.depth);
        }
    }
    rows
}

/// All scored projects, best latest weighted score first.
pub fn ranking(f: &Figures) -> Vec<(usize, f64)> {
    let mut r: Vec<(usize, f64)> = f
        .projects
        .iter()
        .enumerate()
        .filter_map(|(i, pf)| pf.latest_score.map(|s| (i, s)))
        .collect();
    r.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    r
}

/// The fuzzy matcher used for `/` search.
pub fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// The best fuzzy score of `query` over a project's id, name, owner and unit.
pub fn search_score(m: &SkimMatcherV2, pr: &Project, query: &str) -> Option<i64> {
    [
        Some(pr.id.as_str()),
        Some(pr.name.as_str()),
        pr.owner.as_deref(),
        pr.unit.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter_map(|s| m.fuzzy_match(s, query))
    .max()
}

/// Does a project pass a filter value?
pub fn filter_matches(pr: &Project, kind: FilterKind, value: &str) -> bool {
    match kind {
        FilterKind::Unit => pr.unit.as_deref() == Some(value),
        FilterKind::Instrument => pr.instrument.as_deref() == Some(value),
        FilterKind::Tag => pr.tags.iter().any(|t| t == value),
        FilterKind::Status | FilterKind::Health => true,
    }
}

/// The distinct values a filter can take in this portfolio, sorted.
pub fn filter_values(app: &App, kind: FilterKind) -> Vec<String> {
    let mut v: Vec<String> = match kind {
        FilterKind::Unit => app
            .portfolio
            .projects
            .iter()
            .filter_map(|p| p.unit.clone())
            .collect(),
        FilterKind::Instrument => app
            .portfolio
            .projects
            .iter()
            .filter_map(|p| p.instrument.clone())
            .collect(),
        FilterKind::Tag => app
            .portfolio
            .projects
            .iter()
            .flat_map(|p| p.tags.iter().cloned())
            .collect(),
        FilterKind::Status | FilterKind::Health => Vec::new(),
    };
    v.sort();
    v.dedup();
    v
}

/// The projects that pass every filter, in the chosen order (by search score while
/// searching).
pub fn visible_projects(app: &App) -> Vec<usize> {
    let f = &app.filters;
    let p = &app.portfolio;
    let goal_set: Option<&[usize]> = f
        .goal
        .and_then(|g| app.figures.goals.get(g))
        .map(|r| r.projects.as_slice());
    let candidates: Box<dyn Iterator<Item = usize>> = match goal_set {
        Some(set) => Box::new(set.iter().copied()),
        None => Box::new(0..p.projects.len()),
    };
    let m = matcher();
    let query = f.search.trim();
    let mut rows: Vec<(usize, i64)> = candidates
        .filter(|&i| {
            let pr = &p.projects[i];
            f.status.is_none_or(|s| pr.status == s)
                && f.health.is_none_or(|h| pr.health == h)
                && f.unit
                    .as_deref()
                    .is_none_or(|u| filter_matches(pr, FilterKind::Unit, u))
                && f.instrument
                    .as_deref()
                    .is_none_or(|u| filter_matches(pr, FilterKind::Instrument, u))
                && f.tag
                    .as_deref()
                    .is_none_or(|u| filter_matches(pr, FilterKind::Tag, u))
        })
        .filter_map(|i| {
            if query.is_empty() {
                Some((i, 0))
            } else {
                search_score(&m, &p.projects[i], query).map(|s| (i, s))
            }
        })
        .collect();
    let searching = !query.is_empty();
    rows.sort_by(|a, b| {
        let by_score = if searching {
            b.1.cmp(&a.1)
        } else {
            Ordering::Equal
        };
        by_score
            .then_with(|| compare(app, a.0, b.0))
            .then(a.0.cmp(&b.0))
    });
    rows.into_iter().map(|(i, _)| i).collect()
}

/// Order of two projects by the chosen column and direction.
fn compare(app: &App, a: usize, b: usize) -> Ordering {
    let (pa, pb) = (&app.portfolio.projects[a], &app.portfolio.projects[b]);
    let (fa, fb) = (&app.figures.projects[a], &app.figures.projects[b]);
    let o = match app.sort {
        SortKey::Id => pa.id.cmp(&pb.id),
        SortKey::Name => pa.name.to_lowercase().cmp(&pb.name.to_lowercase()),
        SortKey::Unit => pa.unit.cmp(&pb.unit),
        SortKey::Status => pa.status.cmp(&pb.status),
        SortKey::Health => pa.health.cmp(&pb.health),
        SortKey::Planned => fa
            .budget
            .map(|x| x.planned)
            .cmp(&fb.budget.map(|x| x.planned)),
        SortKey::Spent => fa.budget.map(|x| x.spent).cmp(&fb.budget.map(|x| x.spent)),
        SortKey::Score => fa
            .latest_score
            .partial_cmp(&fb.latest_score)
            .unwrap_or(Ordering::Equal),
        SortKey::Risk => fa.top_risk.map(|t| t.1).cmp(&fb.top_risk.map(|t| t.1)),
        SortKey::End => pa.end.cmp(&pb.end),
    };
    if app.sort_desc { o.reverse() } else { o }
}

/// The risk matrix (open risks per cell) and the register (open and mitigated risks of the
/// visible projects, highest score first; narrowed to the chosen cell if one is active).
pub fn risks(app: &App) -> ([[usize; 5]; 5], Vec<(usize, usize)>) {
    let mut matrix = [[0usize; 5]; 5];
    let mut rows = Vec::new();
    for &pi in &app.visible {
        for (ri, r) in app.portfolio.projects[pi].risks.iter().enumerate() {
            let in_range = (1..=5).contains(&r.probability) && (1..=5).contains(&r.consequence);
            if r.status == RiskStatus::Open && in_range {
                matrix[(r.probability - 1) as usize][(r.consequence - 1) as usize] += 1;
            }
            let in_cell = !app.risk_cell_active || (r.probability, r.consequence) == app.risk_cell;
            if r.status != RiskStatus::Closed && in_cell {
                rows.push((pi, ri));
            }
        }
    }
    let p = &app.portfolio;
    rows.sort_by(|a, b| {
        let (ra, rb) = (&p.projects[a.0].risks[a.1], &p.projects[b.0].risks[b.1]);
        risk_score(rb)
            .cmp(&risk_score(ra))
            .then((ra.status as u8).cmp(&(rb.status as u8)))
            .then(a.cmp(b))
    });
    (matrix, rows)
}
