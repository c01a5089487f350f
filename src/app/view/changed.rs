//! After an edit to one project: that project moved in the kept orders, the kept
//! searches and the register order, and in the visible list and the register, rather
//! than everything sorted and filtered again. Each step gives exactly what the full one
//! gives (`tests/figures_incremental.rs`), or says it cannot and the caller does the
//! full one.
//!
//! A move is a removal and an insertion found by binary search in the current order:
//! the orders are total (ties broken by index), so the place is the one a fresh sort
//! would give it.

use std::cmp::Ordering;

use crate::model::figures::risk_score;
use crate::model::{Project, Risk, RiskStatus};

use super::{App, Filters, RiskRef, Scorer, ViewCache, compare, fuzzy, passes};

/// A risk's level (1–5) as the matrix counts it; 0 when out of range.
fn level(v: i64) -> u8 {
    if (1..=5).contains(&v) { v as u8 } else { 0 }
}

/// The register's order: higher score first, open before mitigated, then by place.
fn register_key(r: &Risk, pi: usize, ri: usize) -> (std::cmp::Reverse<i64>, u8, usize, usize) {
    (std::cmp::Reverse(risk_score(r)), r.status as u8, pi, ri)
}

/// Does project `pi` pass the goal filter of `f` (the other filters aside)?
fn in_goal(app: &App, f: &Filters, pi: usize) -> bool {
    f.goal
        .and_then(|g| app.figures.goals.get(g))
        .is_none_or(|r| r.projects.binary_search(&pi).is_ok())
}

impl ViewCache {
    /// Project `pi` changed from `before` to what `app` holds, and `app.figures` are up
    /// to date: move it in the kept order, the kept searches and the register order.
    /// What cannot be kept is dropped (it is made again when next needed).
    pub(in crate::app) fn project_changed(&mut self, app: &App, pi: usize, before: &Project) {
        let projects = &app.portfolio.projects;
        if self.data != Some((projects.as_ptr() as usize, projects.len())) || pi >= projects.len() {
            self.clear();
            return;
        }
        let pr = &projects[pi];
        fn searched(p: &Project) -> (&str, &str, Option<&str>, Option<&str>) {
            (&p.id, &p.name, p.owner.as_deref(), p.unit.as_deref())
        }
        if searched(before) != searched(pr) {
            self.search_index = None;
            self.searches.clear();
        }
        if !self.move_in_order(app, pi) {
            self.order_for = None;
            self.searches.clear();
        }
        self.move_in_searches(app, pi);
        if let Some(order) = &mut self.risk_order {
            // Every risk that is not closed is in the register order.
            let listed = |r: &Risk| r.status != RiskStatus::Closed;
            let entry = |ri: usize| {
                let r = &pr.risks[ri];
                RiskRef {
                    project: pi as u32,
                    risk: ri as u32,
                    probability: level(r.probability),
                    consequence: level(r.consequence),
                    open: r.status == RiskStatus::Open,
                }
            };
            let at = |e: &RiskRef| (e.project as usize, e.risk as usize);
            let keys = Keys::new(pi, before, pr, listed, listed);
            keys.apply(order, projects, at, entry);
        }
    }

    /// Where `pi` stands in the kept order of the current sort, if it is kept.
    fn rank_of(&self, app: &App, pi: usize) -> Option<usize> {
        let n = app.portfolio.projects.len();
        let current = self.order_for == Some((app.sort, app.sort_desc));
        (current && self.order.len() == n && self.rank.len() == n)
            .then(|| self.rank[pi])
            .filter(|&r| self.order.get(r) == Some(&pi))
    }

    /// Take `pi` out of the kept order and insert it where the sort puts it now. False
    /// when there is no kept order to move it in.
    fn move_in_order(&mut self, app: &App, pi: usize) -> bool {
        let Some(from) = self.rank_of(app, pi) else {
            return false;
        };
        let to = relocate(&mut self.order, Some(from), Some(pi), |&x| {
            compare(app, x, pi).then(x.cmp(&pi)) == Ordering::Less
        })
        .unwrap_or(from);
        for r in from.min(to)..=from.max(to) {
            self.rank[self.order[r]] = r;
        }
        true
    }

    /// Each kept search holds its hits in the kept order: take `pi` out, and put it in
    /// again where it passes that search's filters and matches its query.
    fn move_in_searches(&mut self, app: &App, pi: usize) {
        let (Some(index), Some(rank)) = (&self.search_index, self.rank_of(app, pi)) else {
            self.searches.clear();
            return;
        };
        let sort = (app.sort, app.sort_desc);
        self.searches.retain(|r| r.sort == sort);
        let mut m = fuzzy::Scorer::default();
        for run in &mut self.searches {
            let from = run.hits.iter().position(|&(x, _)| x == pi);
            let hit = (passes(app, &run.filters, pi) && in_goal(app, &run.filters, pi))
                .then(|| {
                    let lower: Vec<u8> =
                        run.query.bytes().map(|b| b.to_ascii_lowercase()).collect();
                    let scorer = Scorer {
                        index,
                        owner_scores: None,
                        unit_scores: None,
                        query: &run.query,
                        lower: &lower,
                    };
                    scorer.score(&mut m, pi)
                })
                .flatten()
                .map(|s| (pi, s));
            relocate(&mut run.hits, from, hit, |&(x, _)| self.rank[x] < rank);
        }
    }

    /// Move `pi` in `visible` (the current view's list, made before `pi` changed) to
    /// where [`super::visible_projects`] would put it now. Returns whether it was
    /// visible before and is now; `None` when the kept order or search does not allow
    /// it (then make the list afresh).
    pub(in crate::app) fn move_in_visible(
        &self,
        app: &App,
        visible: &mut Vec<usize>,
        pi: usize,
    ) -> Option<(bool, bool)> {
        let rank = self.rank_of(app, pi)?;
        let f = &app.filters;
        let query = f.search.trim();
        let passes = passes(app, f, pi) && in_goal(app, f, pi);
        let was = visible.iter().position(|&x| x == pi);
        if query.is_empty() {
            let now = passes.then_some(pi);
            relocate(visible, was, now, |&x| self.rank[x] < rank);
            return Some((was.is_some(), passes));
        }
        // Searching: the list is the current search's hits by score, then in the kept
        // order. That search's hits (moved already) give each project's score.
        let folded = super::super::fold::fold(query);
        let mut filters = f.clone();
        filters.search.clear();
        let run = self.searches.iter().rev().find(|r| {
            r.filters == filters && r.sort == (app.sort, app.sort_desc) && r.query == *folded
        })?;
        let score_of = |x: usize| -> Option<i64> {
            let at = run
                .hits
                .partition_point(|&(h, _)| self.rank[h] < self.rank[x]);
            run.hits.get(at).filter(|h| h.0 == x).map(|h| h.1)
        };
        let now = score_of(pi);
        let key = (std::cmp::Reverse(now.unwrap_or(i64::MIN)), rank);
        relocate(visible, was, now.map(|_| pi), |&x| {
            (
                std::cmp::Reverse(score_of(x).unwrap_or(i64::MIN)),
                self.rank[x],
            ) < key
        });
        Some((was.is_some(), now.is_some()))
    }
}

/// Take the entry at `from` out of `v` (if there is one) and put `item` in (if there is
/// one) where `before` says: after the entries it holds for. Among the entries but the
/// one at `from`, those it holds for must come first. Only the entries between the old
/// place and the new one move. Returns the new place.
fn relocate<T>(
    v: &mut Vec<T>,
    from: Option<usize>,
    item: Option<T>,
    before: impl Fn(&T) -> bool,
) -> Option<usize> {
    match (from, item) {
        (None, None) => None,
        (Some(f), None) => {
            v.remove(f);
            None
        }
        (None, Some(x)) => {
            let at = v.partition_point(before);
            v.insert(at, x);
            Some(at)
        }
        (Some(f), Some(x)) => {
            // Its place among the others: left of where it was, or right.
            let to = if f > 0 && !before(&v[f - 1]) {
                v[..f].partition_point(&before)
            } else {
                f + v[f + 1..].partition_point(&before)
            };
            if to < f {
                v[to..=f].rotate_right(1);
            } else {
                v[f..=to].rotate_left(1);
            }
            v[to] = x;
            Some(to)
        }
    }
}

/// The register and the matrix after project `pi` changed from `before`: its risks
/// taken out where it was visible, put in where it is.
pub(in crate::app) struct Register<'a> {
    pub matrix: &'a mut [[usize; 5]; 5],
    pub rows: &'a mut Vec<(usize, usize)>,
    pub mitigated: &'a mut usize,
}

impl Register<'_> {
    pub(in crate::app) fn project_changed(
        &mut self,
        app: &App,
        pi: usize,
        before: &Project,
        (was, is): (bool, bool),
    ) {
        let in_cell = |r: &Risk| {
            !app.risk_cell_active
                || (
                    i64::from(level(r.probability)),
                    i64::from(level(r.consequence)),
                ) == app.risk_cell
        };
        // (open, in the matrix) and (listed, mitigated) of each risk.
        let count = |r: &Risk| {
            let (p, c) = (level(r.probability), level(r.consequence));
            let cell = (r.status == RiskStatus::Open && p > 0 && c > 0)
                .then(|| ((p - 1) as usize, (c - 1) as usize));
            let listed = r.status != RiskStatus::Closed && in_cell(r);
            (cell, listed, listed && r.status == RiskStatus::Mitigated)
        };
        if was {
            for r in &before.risks {
                let (cell, _, mitigated) = count(r);
                if let Some((p, c)) = cell {
                    self.matrix[p][c] = self.matrix[p][c].saturating_sub(1);
                }
                *self.mitigated -= usize::from(mitigated && *self.mitigated > 0);
            }
        }
        let projects = &app.portfolio.projects;
        let pr = &projects[pi];
        if is {
            for r in &pr.risks {
                let (cell, _, mitigated) = count(r);
                if let Some((p, c)) = cell {
                    self.matrix[p][c] += 1;
                }
                *self.mitigated += usize::from(mitigated);
            }
        }
        let keys = Keys::new(pi, before, pr, |r| was && count(r).1, |r| is && count(r).1);
        keys.apply(self.rows, projects, |&e| e, |ri| (pi, ri));
    }
}

/// Register keys of one project's risks, before and after a change (`None`: not in the
/// list), for moving them in a list kept in register order.
struct Keys {
    pi: usize,
    was: Vec<Option<Key>>,
    now: Vec<Option<Key>>,
}

type Key = (std::cmp::Reverse<i64>, u8, usize, usize);

impl Keys {
    fn new(
        pi: usize,
        before: &Project,
        pr: &Project,
        listed_was: impl Fn(&Risk) -> bool,
        listed_now: impl Fn(&Risk) -> bool,
    ) -> Keys {
        let keys = |p: &Project, listed: &dyn Fn(&Risk) -> bool| -> Vec<Option<Key>> {
            p.risks
                .iter()
                .enumerate()
                .map(|(ri, r)| listed(r).then(|| register_key(r, pi, ri)))
                .collect()
        };
        Keys {
            pi,
            was: keys(before, &listed_was),
            now: keys(pr, &listed_now),
        }
    }

    /// Move the project's entries in `list` (sorted by register key, each entry a risk
    /// that `at` names) from where their old keys put them to where the new ones do,
    /// `entry` making a risk's entry. Only the entries between a risk's old place and
    /// its new one move. Where the list does not hold what the old keys say (or the
    /// project has another number of risks), its entries are taken out and put in again.
    fn apply<T>(
        &self,
        list: &mut Vec<T>,
        projects: &[Project],
        at: impl Fn(&T) -> (usize, usize),
        entry: impl Fn(usize) -> T,
    ) {
        let pi = self.pi;
        // The keys the project's entries have in the list, as they move.
        let mut cur = self.was.clone();
        let moved = self.was.len() == self.now.len() && {
            let mut ok = true;
            for ri in 0..self.now.len() {
                let key_of = |cur: &[Option<Key>], e: &T| {
                    let (x, y) = at(e);
                    match cur.get(y) {
                        Some(&Some(k)) if x == pi => k,
                        _ => register_key(&projects[x].risks[y], x, y),
                    }
                };
                let place = |cur: &[Option<Key>], list: &[T], k: Key| {
                    list.partition_point(|e| key_of(cur, e) < k)
                };
                let from = cur[ri].map(|k| place(&cur, list, k));
                if let Some(f) = from
                    && list.get(f).map(&at) != Some((pi, ri))
                {
                    ok = false;
                    break;
                }
                match (from, self.now[ri]) {
                    (None, None) => {}
                    (Some(f), None) => {
                        list.remove(f);
                    }
                    (None, Some(k)) => {
                        let to = place(&cur, list, k);
                        list.insert(to, entry(ri));
                    }
                    (Some(f), Some(k)) => {
                        let to = place(&cur, list, k);
                        if f < to {
                            list[f..to].rotate_left(1);
                            list[to - 1] = entry(ri);
                        } else {
                            list[to..=f].rotate_right(1);
                            list[to] = entry(ri);
                        }
                    }
                }
                cur[ri] = self.now[ri];
            }
            ok
        };
        if moved {
            return;
        }
        list.retain(|e| at(e).0 != pi);
        for (ri, k) in self.now.iter().enumerate() {
            if let Some(k) = *k {
                let to = list.partition_point(|e| {
                    let (x, y) = at(e);
                    register_key(&projects[x].risks[y], x, y) < k
                });
                list.insert(to, entry(ri));
            }
        }
    }
}
