//! Derived view data: which goal rows and projects are visible, in which order, and the
//! risk matrix. Computed when a filter, the search, the sort or the data changes — never
//! while drawing.

use std::cmp::Ordering;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::figures::risk_score;
use crate::model::{Project, RiskStatus};

use super::{App, FilterKind, Filters, GoalInfo, SortKey, fuzzy};

mod changed;
pub(super) use changed::Register;

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

/// All scored projects, best latest weighted score first: the complete totals ranked,
/// the partial ones apart (see [`crate::model::figures::Ranking`]).
pub use crate::model::figures::ranking;

/// The fuzzy matcher used for `/` search.
pub fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// The best fuzzy score of `query` over a project's id, name, owner and unit, folded
/// (see [`super::fold`]).
pub fn search_score(m: &SkimMatcherV2, pr: &Project, query: &str) -> Option<i64> {
    let query = super::fold::fold(query);
    [
        Some(pr.id.as_str()),
        Some(pr.name.as_str()),
        pr.owner.as_deref(),
        pr.unit.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter_map(|s| m.fuzzy_match(&super::fold::fold(s), &query))
    .max()
}

/// Does a project pass a filter value?
pub fn filter_matches(pr: &Project, kind: FilterKind, value: &str) -> bool {
    match kind {
        FilterKind::Unit => pr.unit.as_deref() == Some(value),
        FilterKind::Instrument => pr.instrument.as_deref() == Some(value),
        FilterKind::Tag => pr.tags.iter().any(|t| t == value),
        FilterKind::Status | FilterKind::Health | FilterKind::FollowUps => true,
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
        FilterKind::Status | FilterKind::Health | FilterKind::FollowUps => Vec::new(),
    };
    v.sort();
    v.dedup();
    v
}

/// What the view keeps between refilters so that a keystroke does not redo the work of
/// the one before: the projects in the chosen order, the risk register's order, the
/// distinct owners and units, and the last searches with their hits. Cleared by
/// [`App::data_changed`]; everything in it follows from the data, the sort and the
/// filters, and is rebuilt when any of them changes. It also notices a portfolio put in
/// place of the old one (a reload) by itself: see [`ViewCache::follow_data`].
#[derive(Debug, Default, Clone)]
pub struct ViewCache {
    /// The project list this cache was built for: its address and length.
    data: Option<(usize, usize)>,
    /// All projects in the chosen order (ties by index), for `order_for`.
    order: Vec<usize>,
    /// `rank[pi]`: where project `pi` stands in `order`.
    rank: Vec<usize>,
    order_for: Option<(SortKey, bool)>,
    /// Every risk that is not closed, in register order (highest score first); `None`
    /// until first needed.
    risk_order: Option<Vec<RiskRef>>,
    /// Distinct owners and units, and each project's index into them.
    search_index: Option<SearchIndex>,
    /// The last searches (newest last): a longer query narrows the hits of a shorter one,
    /// and Backspace finds its earlier result here.
    searches: Vec<SearchRun>,
}

/// What the search reads, laid out for it: every project's id and name side by side in
/// one string (so scoring 100,000 projects reads a few megabytes in order instead of
/// chasing 200,000 pointers), and owners and units as indices into their distinct values.
#[derive(Debug, Clone)]
struct SearchIndex {
    /// Ids and names, one project after the other.
    text: String,
    /// Per project: where its id starts, where its name starts, where the name ends.
    spans: Vec<(usize, usize, usize)>,
    owners: Vec<String>,
    units: Vec<String>,
    /// Per project: index into `owners` and `units` (`NONE` when absent).
    owner_of: Vec<u32>,
    unit_of: Vec<u32>,
}

const NONE: u32 = u32::MAX;

/// A risk in the kept register order, with what the matrix and the cell filter read, so
/// that picking the visible ones does not visit every project.
#[derive(Debug, Clone, Copy)]
struct RiskRef {
    project: u32,
    risk: u32,
    /// Probability and consequence, each 1–5 (0 when out of range, which a loaded file
    /// cannot have).
    probability: u8,
    consequence: u8,
    open: bool,
}

/// One search: its query, the filters and sort it ran under, its hits in sort order.
#[derive(Debug, Clone)]
struct SearchRun {
    query: String,
    filters: Filters,
    sort: (SortKey, bool),
    /// (project, score), in the order of `rank`.
    hits: Vec<(usize, i64)>,
}

/// How many searches are kept for Backspace and narrowing.
const KEPT_SEARCHES: usize = 12;

/// The cores to score on (asked once: the answer reads cgroup files).
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Below this many candidates a search runs on one thread: starting threads costs more.
const PARALLEL_FROM: usize = 4096;

impl ViewCache {
    /// Forget everything (the data changed).
    pub fn clear(&mut self) {
        *self = ViewCache::default();
    }

    /// Start afresh if the project list is not the one the cache was built for. A
    /// portfolio loaded in place of another lives at another address (both exist while
    /// it is put in place), so a reload is seen even without [`ViewCache::clear`]; an
    /// edit in place keeps the address and goes through `App::data_changed`, which clears.
    fn follow_data(&mut self, app: &App) {
        let projects = &app.portfolio.projects;
        let data = Some((projects.as_ptr() as usize, projects.len()));
        if self.data != data {
            self.clear();
            self.data = data;
        }
    }

    /// Build the search's index now rather than at the first keystroke.
    pub fn warm(&mut self, app: &App) {
        self.follow_data(app);
        if self.search_index.is_none() {
            self.search_index = Some(SearchIndex::new(&app.portfolio.projects));
        }
    }

    fn ensure_order(&mut self, app: &App) {
        let n = app.portfolio.projects.len();
        let key = (app.sort, app.sort_desc);
        if self.order_for == Some(key) && self.order.len() == n {
            return;
        }
        let mut order: Vec<usize> = (0..n).collect();
        match app.sort {
            // Names compare case-blind: lower-case each once, not once per comparison.
            SortKey::Name => {
                let keys: Vec<String> = app
                    .portfolio
                    .projects
                    .iter()
                    .map(|p| p.name.to_lowercase())
                    .collect();
                order.sort_by(|&a, &b| {
                    let o = keys[a].cmp(&keys[b]);
                    let o = if app.sort_desc { o.reverse() } else { o };
                    o.then(a.cmp(&b))
                });
            }
            _ => order.sort_by(|&a, &b| compare(app, a, b).then(a.cmp(&b))),
        }
        let mut rank = vec![0; n];
        for (r, &pi) in order.iter().enumerate() {
            rank[pi] = r;
        }
        self.order = order;
        self.rank = rank;
        self.order_for = Some(key);
        // Kept searches hold hits in the old order.
        self.searches.clear();
    }
}

impl SearchIndex {
    fn new(projects: &[Project]) -> SearchIndex {
        fn intern<'a>(values: impl Iterator<Item = Option<&'a str>>) -> (Vec<String>, Vec<u32>) {
            let mut seen: std::collections::HashMap<&str, u32> = Default::default();
            let mut distinct = Vec::new();
            let of = values
                .map(|v| match v {
                    None => NONE,
                    Some(s) => *seen.entry(s).or_insert_with(|| {
                        distinct.push(s.to_string());
                        (distinct.len() - 1) as u32
                    }),
                })
                .collect();
            (distinct, of)
        }
        let fold_all = |v: Vec<String>| -> Vec<String> {
            v.into_iter()
                .map(|s| super::fold::fold(&s).into_owned())
                .collect()
        };
        let (owners, owner_of) = intern(projects.iter().map(|p| p.owner.as_deref()));
        let (units, unit_of) = intern(projects.iter().map(|p| p.unit.as_deref()));
        let (owners, units) = (fold_all(owners), fold_all(units));
        let mut text =
            String::with_capacity(projects.iter().map(|p| p.id.len() + p.name.len()).sum());
        let spans = projects
            .iter()
            .map(|p| {
                let start = text.len();
                text.push_str(&super::fold::fold(&p.id));
                let name = text.len();
                text.push_str(&super::fold::fold(&p.name));
                (start, name, text.len())
            })
            .collect();
        SearchIndex {
            text,
            spans,
            owners,
            units,
            owner_of,
            unit_of,
        }
    }
}

/// Could `query` match `text` at all? The same test as the fuzzy matcher's own first step
/// (the query's letters in order, ASCII case ignored), on bytes: when it says no, the
/// matcher would say no; for an ASCII query its yes is the matcher's yes.
pub fn may_match(text: &str, query_lower: &[u8]) -> bool {
    let mut q = query_lower.iter();
    let Some(mut want) = q.next() else {
        return true;
    };
    for &b in text.as_bytes() {
        if b.to_ascii_lowercase() == *want {
            match q.next() {
                Some(next) => want = next,
                None => return true,
            }
        }
    }
    false
}

/// Scores of `query` over a list of distinct strings (owners or units), or `None` when
/// there are so many that scoring them per candidate is cheaper.
fn distinct_scores(
    m: &mut fuzzy::Scorer,
    values: &[String],
    query: &str,
    lower: &[u8],
    candidates: usize,
) -> Option<Vec<Option<i64>>> {
    (values.len() * 4 <= candidates).then(|| {
        values
            .iter()
            .map(|v| {
                if may_match(v, lower) {
                    m.score(v, query)
                } else {
                    None
                }
            })
            .collect()
    })
}

/// The best fuzzy score of the query over one project's id, name, owner and unit, with
/// owners' and units' scores looked up when they were scored once for all.
struct Scorer<'a> {
    index: &'a SearchIndex,
    owner_scores: Option<&'a [Option<i64>]>,
    unit_scores: Option<&'a [Option<i64>]>,
    query: &'a str,
    lower: &'a [u8],
}

impl Scorer<'_> {
    fn score(&self, m: &mut fuzzy::Scorer, pi: usize) -> Option<i64> {
        let (at, name_at, end) = self.index.spans[pi];
        let (id, name) = (
            &self.index.text[at..name_at],
            &self.index.text[name_at..end],
        );
        let mut direct = |s: &str| {
            if may_match(s, self.lower) {
                m.score(s, self.query)
            } else {
                None
            }
        };
        let (id, name) = (direct(id), direct(name));
        let mut looked_up =
            |table: Option<&[Option<i64>]>, of: &[u32], values: &[String]| match (table, of[pi]) {
                (_, NONE) => None,
                (Some(t), i) => t[i as usize],
                (None, i) => direct(&values[i as usize]),
            };
        let owner = looked_up(self.owner_scores, &self.index.owner_of, &self.index.owners);
        let unit = looked_up(self.unit_scores, &self.index.unit_of, &self.index.units);
        [id, name, owner, unit].into_iter().flatten().max()
    }

    /// Hits among `candidates`, in their order; on all cores when there are many.
    fn hits(&self, candidates: &[usize]) -> Vec<(usize, i64)> {
        let run = |part: &[usize]| -> Vec<(usize, i64)> {
            let mut m = fuzzy::Scorer::default();
            part.iter()
                .filter_map(|&pi| self.score(&mut m, pi).map(|s| (pi, s)))
                .collect()
        };
        let threads = cores().min(candidates.len() / PARALLEL_FROM + 1);
        if threads <= 1 {
            return run(candidates);
        }
        let chunk = candidates.len().div_ceil(threads);
        let mut parts = candidates.chunks(chunk);
        let mine = parts.next().unwrap_or(&[]);
        std::thread::scope(|scope| {
            let others: Vec<_> = parts.map(|part| scope.spawn(move || run(part))).collect();
            // This thread takes the first part while the others take the rest.
            let mut out = run(mine);
            for h in others {
                // A scorer thread cannot panic on any input; should it, search on one.
                match h.join() {
                    Ok(part) => out.extend(part),
                    Err(_) => return run(candidates),
                }
            }
            out
        })
    }
}

/// The projects that pass every filter, in the chosen order (by search score while
/// searching, then in the chosen order).
///
/// Cost at 100,000 projects: without a search, one pass over the projects in the kept
/// order (no sort). With a search, the query is scored against the candidates only:
/// the previous search's hits when the query grew, all filtered projects otherwise;
/// owners and units are scored once per distinct value; a byte test rules out most
/// non-matches before the fuzzy matcher runs; the scoring is split across the cores.
pub fn visible_projects(app: &App, cache: &mut ViewCache) -> Vec<usize> {
    cache.follow_data(app);
    cache.ensure_order(app);
    let f = &app.filters;
    let n = app.portfolio.projects.len();
    let passes = |i: usize| passes(app, f, i);
    // The goal filter's projects, in the kept order.
    let goal_set: Option<&[usize]> = f
        .goal
        .and_then(|g| app.figures.goals.get(g))
        .map(|r| r.projects.as_slice());
    let in_order = |cache: &ViewCache| -> Vec<usize> {
        match goal_set {
            Some(set) if set.len() * 16 < n => {
                let mut v: Vec<usize> = set
                    .iter()
                    .copied()
                    .filter(|&i| i < n && passes(i))
                    .collect();
                v.sort_by_key(|&i| cache.rank[i]);
                v
            }
            Some(set) => {
                let mut member = vec![false; n];
                for &i in set {
                    if let Some(m) = member.get_mut(i) {
                        *m = true;
                    }
                }
                cache
                    .order
                    .iter()
                    .copied()
                    .filter(|&i| member[i] && passes(i))
                    .collect()
            }
            None => cache.order.iter().copied().filter(|&i| passes(i)).collect(),
        }
    };

    let query = f.search.trim();
    if query.is_empty() {
        return in_order(cache);
    }
    let hits = search_hits(app, cache, query, in_order);
    let mut rows = hits;
    // Stable: equal scores keep the chosen order.
    rows.sort_by_key(|&(_, s)| std::cmp::Reverse(s));
    rows.into_iter().map(|(i, _)| i).collect()
}

/// Does project `i` pass filters `f`, the goal and the search aside?
fn passes(app: &App, f: &Filters, i: usize) -> bool {
    let pr = &app.portfolio.projects[i];
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
        && f.follow_ups.is_none_or(|k| k.passes(pr, app.meeting_date))
        && (!f.moved || app.since.as_ref().is_some_and(|s| s.is_moved(pr)))
        && f.set.as_ref().is_none_or(|s| s.contains(i))
}

/// The hits of `query` under the current filters and sort, in the kept order, from the
/// kept searches where possible.
fn search_hits(
    app: &App,
    cache: &mut ViewCache,
    query: &str,
    in_order: impl Fn(&ViewCache) -> Vec<usize>,
) -> Vec<(usize, i64)> {
    // Both sides folded (`overby` finds Øverby): the index holds folded text.
    let folded = super::fold::fold(query);
    let query: &str = &folded;
    let mut filters = app.filters.clone();
    filters.search.clear();
    let sort = (app.sort, app.sort_desc);
    let same_view = |r: &SearchRun| r.filters == filters && r.sort == sort;
    if let Some(r) = cache
        .searches
        .iter()
        .rev()
        .find(|r| same_view(r) && r.query == query)
    {
        return r.hits.clone();
    }
    // A query that extends an earlier one can only match what that one matched: every
    // match of "klim" is a match of "kli" (its letters in order are there).
    let narrowed: Option<Vec<usize>> = cache
        .searches
        .iter()
        .rev()
        .filter(|r| same_view(r) && query.starts_with(r.query.as_str()))
        .max_by_key(|r| r.query.len())
        .map(|r| r.hits.iter().map(|&(i, _)| i).collect());
    let candidates = narrowed.unwrap_or_else(|| in_order(cache));

    let lower: Vec<u8> = query.bytes().map(|b| b.to_ascii_lowercase()).collect();
    let mut m = fuzzy::Scorer::default();
    let index = cache
        .search_index
        .take()
        .unwrap_or_else(|| SearchIndex::new(&app.portfolio.projects));
    let owner_scores = distinct_scores(&mut m, &index.owners, query, &lower, candidates.len());
    let unit_scores = distinct_scores(&mut m, &index.units, query, &lower, candidates.len());
    let scorer = Scorer {
        index: &index,
        owner_scores: owner_scores.as_deref(),
        unit_scores: unit_scores.as_deref(),
        query,
        lower: &lower,
    };
    let hits = scorer.hits(&candidates);
    cache.search_index = Some(index);
    if cache.searches.len() >= KEPT_SEARCHES {
        cache.searches.remove(0);
    }
    cache.searches.push(SearchRun {
        query: query.to_string(),
        filters,
        sort,
        hits: hits.clone(),
    });
    hits
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
///
/// The register's order over all projects is sorted once and kept; each refilter only
/// picks the visible projects' risks from it, in one pass.
pub fn risks(app: &App, cache: &mut ViewCache) -> ([[usize; 5]; 5], Vec<(usize, usize)>) {
    cache.follow_data(app);
    let p = &app.portfolio;
    let order = cache.risk_order.get_or_insert_with(|| {
        let mut all: Vec<(i64, u8, RiskRef)> = p
            .projects
            .iter()
            .enumerate()
            .flat_map(|(pi, pr)| {
                pr.risks
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.status != RiskStatus::Closed)
                    .map(move |(ri, r)| {
                        let level = |v: i64| if (1..=5).contains(&v) { v as u8 } else { 0 };
                        let at = RiskRef {
                            project: pi as u32,
                            risk: ri as u32,
                            probability: level(r.probability),
                            consequence: level(r.consequence),
                            open: r.status == RiskStatus::Open,
                        };
                        (risk_score(r), r.status as u8, at)
                    })
            })
            .collect();
        all.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then((a.2.project, a.2.risk).cmp(&(b.2.project, b.2.risk)))
        });
        all.into_iter().map(|(_, _, r)| r).collect()
    });
    let mut visible = vec![false; p.projects.len()];
    for &pi in &app.visible {
        if let Some(v) = visible.get_mut(pi) {
            *v = true;
        }
    }
    let mut matrix = [[0usize; 5]; 5];
    let mut rows = Vec::new();
    for r in order.iter() {
        if !visible.get(r.project as usize).copied().unwrap_or(false) {
            continue;
        }
        let (p, c) = (r.probability, r.consequence);
        if r.open && p > 0 && c > 0 {
            matrix[(p - 1) as usize][(c - 1) as usize] += 1;
        }
        let in_cell = !app.risk_cell_active || (i64::from(p), i64::from(c)) == app.risk_cell;
        if in_cell {
            rows.push((r.project as usize, r.risk as usize));
        }
    }
    (matrix, rows)
}

#[cfg(test)]
mod tests {
    //! The kept orders and searches give what computing everything afresh gives: the
    //! reference functions below are the straightforward versions (filter, score with
    //! skim, sort) that the cache replaces.

    use super::*;
    use crate::app::update::update;
    use crate::app::{Action, App};
    use crate::model::{Date, Health, Portfolio, Status, load_str};
    use crate::text::Lang;

    fn portfolio(text: &str) -> Portfolio {
        let loaded = load_str(text);
        loaded.portfolio.expect("the file loads")
    }

    fn app(text: &str) -> App {
        let date = Date::parse("2026-11-22").expect("a date");
        App::new(portfolio(text), "t.ron".into(), Lang::Nb, date)
    }

    /// Every project that passes the filters, scored with skim, sorted by score, then
    /// the chosen column, then index.
    fn reference_visible(app: &App) -> Vec<usize> {
        let f = &app.filters;
        let m = matcher();
        let q = f.search.trim();
        let goal = f.goal.map(|g| &app.figures.goals[g].projects);
        let mut rows: Vec<(usize, i64)> = (0..app.portfolio.projects.len())
            .filter(|i| goal.is_none_or(|set| set.contains(i)))
            .filter(|&i| {
                let pr = &app.portfolio.projects[i];
                f.status.is_none_or(|s| pr.status == s)
                    && f.health.is_none_or(|h| pr.health == h)
                    && f.unit
                        .as_deref()
                        .is_none_or(|u| pr.unit.as_deref() == Some(u))
            })
            .filter_map(|i| {
                if q.is_empty() {
                    Some((i, 0))
                } else {
                    search_score(&m, &app.portfolio.projects[i], q).map(|s| (i, s))
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| compare(app, a.0, b.0))
                .then(a.0.cmp(&b.0))
        });
        rows.into_iter().map(|(i, _)| i).collect()
    }

    fn reference_risks(app: &App) -> ([[usize; 5]; 5], Vec<(usize, usize)>) {
        let p = &app.portfolio;
        let mut matrix = [[0usize; 5]; 5];
        let mut rows = Vec::new();
        for &pi in &app.visible {
            for (ri, r) in p.projects[pi].risks.iter().enumerate() {
                let in_range = (1..=5).contains(&r.probability) && (1..=5).contains(&r.consequence);
                if r.status == RiskStatus::Open && in_range {
                    matrix[(r.probability - 1) as usize][(r.consequence - 1) as usize] += 1;
                }
                let in_cell =
                    !app.risk_cell_active || (r.probability, r.consequence) == app.risk_cell;
                if r.status != RiskStatus::Closed && in_cell {
                    rows.push((pi, ri));
                }
            }
        }
        rows.sort_by(|a, b| {
            let (ra, rb) = (&p.projects[a.0].risks[a.1], &p.projects[b.0].risks[b.1]);
            risk_score(rb)
                .cmp(&risk_score(ra))
                .then((ra.status as u8).cmp(&(rb.status as u8)))
                .then(a.cmp(b))
        });
        (matrix, rows)
    }

    #[track_caller]
    fn same_as_reference(app: &App) {
        assert_eq!(
            app.visible,
            reference_visible(app),
            "filters {:?}",
            app.filters
        );
        let (matrix, rows) = reference_risks(app);
        assert_eq!(app.matrix, matrix);
        assert_eq!(app.risk_rows, rows);
    }

    fn typ(app: &mut App, text: &str) {
        for c in text.chars() {
            update(app, Action::TextInput(c));
        }
    }

    #[test]
    fn typing_a_query_gives_what_a_fresh_search_gives() {
        for text in [
            crate::EXAMPLE,
            include_str!("../../tests/fixtures/small.ron"),
        ] {
            let mut a = app(text);
            update(&mut a, Action::StartSearch);
            for word in ["klima", "nordm", "p-0", "øk", "e"] {
                for (n, c) in word.chars().enumerate() {
                    typ(&mut a, &c.to_string());
                    assert_eq!(a.filters.search.chars().count(), n + 1);
                    same_as_reference(&a);
                }
                // Backspace finds the shorter query's kept result.
                for _ in 0..word.chars().count() {
                    update(&mut a, Action::TextBackspace);
                    same_as_reference(&a);
                }
            }
        }
    }

    #[test]
    fn every_sort_and_filter_with_and_without_a_search() {
        let mut a = app(crate::EXAMPLE);
        for key in SortKey::ALL {
            for _ in 0..2 {
                update(&mut a, Action::Sort(key)); // second time: reversed
                a.filters.search.clear();
                a.refilter();
                same_as_reference(&a);
                a.filters.search = "a".into();
                a.refilter();
                same_as_reference(&a);
                a.filters.search = "an".into();
                a.refilter();
                same_as_reference(&a);
            }
        }
        a.filters.search = "e".into();
        a.filters.status = Some(Status::Active);
        a.refilter();
        same_as_reference(&a);
        a.filters.health = Some(Some(Health::Amber));
        a.refilter();
        same_as_reference(&a);
        a.filters = Filters::default();
        for g in 0..a.goals.len() {
            a.filters.goal = Some(g);
            a.refilter();
            same_as_reference(&a);
        }
        a.risk_cell_active = true;
        for p in 1..=5 {
            for c in 1..=5 {
                a.risk_cell = (p, c);
                a.refresh_risks();
                same_as_reference(&a);
            }
        }
    }

    #[test]
    fn an_edit_and_a_portfolio_put_in_place_are_seen() {
        let mut a = app(crate::EXAMPLE);
        a.filters.search = "a".into();
        a.refilter();
        same_as_reference(&a);
        // An edit: data_changed clears the cache.
        a.portfolio.projects[0].risks.clear();
        a.portfolio.projects[1].name = "Akkurat annerledes".into();
        a.data_changed();
        same_as_reference(&a);
        // A portfolio put in place of the old one without data_changed (a reload does
        // this): fewer projects and different risks must not use the old orders.
        let mut other = portfolio(include_str!("../../tests/fixtures/small.ron"));
        other.projects.truncate(4);
        a.portfolio = other;
        a.figures = crate::model::figures::compute(&a.portfolio);
        a.filters = Filters::default();
        a.refilter();
        same_as_reference(&a);
        a.filters.search = "a".into();
        a.refilter();
        same_as_reference(&a);
    }

    #[test]
    fn an_empty_portfolio_and_projects_without_owner_or_unit() {
        let mut a = app(r#"(name: "T", organisation: "O", goals: [], projects: [])"#);
        update(&mut a, Action::StartSearch);
        typ(&mut a, "kl");
        assert!(a.visible.is_empty());
        same_as_reference(&a);
        let mut a = app(r#"(name: "T", organisation: "O", goals: [], projects: [
                (id: "K1", name: "Kl"), (id: "x", name: "y", owner: "Kari", unit: "Kultur"),
                (id: "z", name: "z", unit: "Klima")])"#);
        update(&mut a, Action::StartSearch);
        for q in ["k", "kl", "kli", "x"] {
            a.filters.search = q.into();
            a.refilter();
            same_as_reference(&a);
        }
        // Many projects, few owners and units: their scores come from the per-value table.
        let projects: Vec<String> = (0..60)
            .map(|i| {
                let owner = ["Kari Nordmann", "Ola Klemetsen", "Liv Berg"][i % 3];
                let unit = ["Kultur", "Helse"][i % 2];
                let unit = if i % 7 == 0 {
                    String::new()
                } else {
                    format!(", unit: \"{unit}\"")
                };
                format!("(id: \"P{i}\", name: \"Tiltak {i}\", owner: \"{owner}\"{unit})")
            })
            .collect();
        let text = format!(
            "(name: \"T\", organisation: \"O\", goals: [], projects: [{}])",
            projects.join(", ")
        );
        let mut a = app(&text);
        for q in ["k", "kl", "ku", "he", "nord", "p1", "tiltak 1"] {
            a.filters.search = q.into();
            a.refilter();
            same_as_reference(&a);
        }
    }

    #[test]
    fn a_search_split_over_threads_keeps_the_order() {
        // More candidates than PARALLEL_FROM, so the scoring runs on every core.
        let mut p = portfolio(r#"(name: "T", organisation: "O", goals: [], projects: [])"#);
        let stems = ["Klima", "Kultur", "Helse", "Skole", "Kyst", "Vei"];
        for i in 0..PARALLEL_FROM + 1500 {
            p.projects.push(Project {
                id: format!("P{i}"),
                name: format!("{} {}", stems[i % stems.len()], i % 97),
                owner: Some(["Kari", "Ola", "Liv"][i % 3].to_string()),
                unit: None,
                instrument: None,
                status: Status::ALL[i % 5],
                health: None,
                start: None,
                end: None,
                goals: Vec::new(),
                budget: None,
                results: Vec::new(),
                risks: Vec::new(),
                evaluations: Vec::new(),
                tags: Vec::new(),
                level: None,
                follow_ups: Vec::new(),
            });
        }
        let date = Date::parse("2026-11-22").expect("a date");
        let mut a = App::new(p, "t.ron".into(), Lang::Nb, date);
        update(&mut a, Action::Sort(SortKey::Name));
        // "k" and "e" score all projects (two threads); "kl" and "kli" narrow.
        for q in ["k", "kl", "kli", "e"] {
            a.filters.search = q.into();
            a.refilter();
            same_as_reference(&a);
        }
    }

    #[test]
    fn may_match_is_the_matchers_own_test_for_ascii_queries() {
        let m = matcher();
        for text in [
            "Klimatilpasning i Hamar",
            "Grønn omstilling",
            "P-0012",
            "",
            "ÆØÅ æøå",
        ] {
            for q in ["k", "kl", "ham", "GRØ", "p0", "x", "æ", "12", " i "] {
                let lower: Vec<u8> = q.bytes().map(|b| b.to_ascii_lowercase()).collect();
                let skim = m.fuzzy_match(text, q).is_some();
                if q.is_ascii() {
                    assert_eq!(may_match(text, &lower), skim, "{text:?} {q:?}");
                } else if skim {
                    assert!(may_match(text, &lower), "{text:?} {q:?}");
                }
            }
        }
    }
}
