//! How complete a weighted total is, and the ranking that follows from it.
//!
//! A total computed from fewer criteria than the file has is *partial*: every view says
//! so ("4,0 · 1 av 3"), and the ranking lists it apart, after the complete ones, without
//! a rank among them. This is the one place that counts.

use super::{Figures, weighted_score};
use crate::model::types::{Criterion, Evaluation};

/// A weighted total and how many of the file's criteria it was computed from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreTotal {
    /// Σ score × weight / Σ weight over the criteria scored (see [`weighted_score`]).
    pub value: f64,
    /// The file's criteria this evaluation scores (weight 0 included).
    pub scored: usize,
    /// The file's criteria, all of them (weight 0 included).
    pub of: usize,
}

impl ScoreTotal {
    /// Computed from fewer criteria than the file has.
    pub fn is_partial(&self) -> bool {
        self.scored < self.of
    }
}

/// (criteria scored, criteria in the file): a score for a criterion the file does not
/// define is not counted; a criterion of weight 0 is counted, in both.
pub fn criteria_scored(ev: &Evaluation, criteria: &[Criterion]) -> (usize, usize) {
    let scored = criteria
        .iter()
        .filter(|c| ev.scores.contains_key(&c.id))
        .count();
    (scored, criteria.len())
}

/// The weighted total of an evaluation with its count of criteria; `None` when nothing
/// with a weight is scored.
pub fn score_total(ev: &Evaluation, criteria: &[Criterion]) -> Option<ScoreTotal> {
    let value = weighted_score(ev, criteria)?;
    let (scored, of) = criteria_scored(ev, criteria);
    Some(ScoreTotal { value, scored, of })
}

/// The portfolio by the weighted total of each project's latest evaluation: the complete
/// ones ranked, the partial ones apart. Each list best first, ties in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ranking {
    /// (project index, total) of the complete totals: these are ranked.
    pub complete: Vec<(usize, ScoreTotal)>,
    /// (project index, total) of the partial ones: shown after, never given a rank.
    pub partial: Vec<(usize, ScoreTotal)>,
}

impl Ranking {
    /// Where project `pi` stands among the complete ones, 0 for the first; `None` when it
    /// is partial or has no total.
    pub fn rank_of(&self, pi: usize) -> Option<usize> {
        self.complete.iter().position(|&(p, _)| p == pi)
    }

    /// Projects with a total, complete or partial.
    pub fn len(&self) -> usize {
        self.complete.len() + self.partial.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Project `pi`'s total changed from `old` to `new` (nothing else did): take it out
    /// of its list and put it where it now belongs, as [`ranking`] would.
    pub fn update(&mut self, pi: usize, old: Option<ScoreTotal>, new: Option<ScoreTotal>) {
        let from = old.and_then(|t| {
            let list = self.list(t);
            let at = list.partition_point(|e| before(e, (pi, t)));
            match list.get(at) {
                Some(&(p, _)) if p == pi => Some(at),
                // Not where its old total says: look for it (a list made from other figures).
                _ => {
                    list.retain(|&(p, _)| p != pi);
                    None
                }
            }
        });
        let x = new.map(|t| (pi, t));
        match (old, from, x) {
            // In the same list: only the entries between its old and new place move.
            (Some(o), Some(from), Some(x)) if o.is_partial() == x.1.is_partial() => {
                let list = self.list(o);
                let to = list.partition_point(|e| before(e, x));
                if from < to {
                    list[from..to].rotate_left(1);
                    list[to - 1] = x;
                } else {
                    list[to..=from].rotate_right(1);
                    list[to] = x;
                }
            }
            _ => {
                if let (Some(o), Some(from)) = (old, from) {
                    self.list(o).remove(from);
                }
                if let Some(x) = x {
                    let list = self.list(x.1);
                    let at = list.partition_point(|e| before(e, x));
                    list.insert(at, x);
                }
            }
        }
    }

    fn list(&mut self, t: ScoreTotal) -> &mut Vec<(usize, ScoreTotal)> {
        if t.is_partial() {
            &mut self.partial
        } else {
            &mut self.complete
        }
    }
}

/// The ranking's order: the higher total first, ties in file order.
fn order(a: &(usize, ScoreTotal), b: &(usize, ScoreTotal)) -> std::cmp::Ordering {
    b.1.value.total_cmp(&a.1.value).then(a.0.cmp(&b.0))
}

/// `e` comes before `x` in the ranking.
fn before(e: &(usize, ScoreTotal), x: (usize, ScoreTotal)) -> bool {
    order(e, &x) == std::cmp::Ordering::Less
}

/// Rank the projects by their latest total (see [`Ranking`]).
pub fn ranking(f: &Figures) -> Ranking {
    let mut r = Ranking::default();
    for (i, pf) in f.projects.iter().enumerate() {
        if let Some(t) = pf.latest_total {
            let list = if t.is_partial() {
                &mut r.partial
            } else {
                &mut r.complete
            };
            list.push((i, t));
        }
    }
    for list in [&mut r.complete, &mut r.partial] {
        list.sort_by(order);
    }
    r
}

#[cfg(test)]
mod tests {
    use indexmap::IndexMap;

    use super::*;
    use crate::model::load::parse;
    use crate::model::types::Date;

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
            date: Date::parse("2026-01-01").unwrap(),
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

    const THREE: [(&str, i64); 3] = [("goals", 40), ("results", 35), ("budget", 25)];

    #[test]
    fn counts_the_files_criteria_that_are_scored() {
        let c = criteria(&THREE);
        assert_eq!(criteria_scored(&evaluation(&[]), &c), (0, 3));
        assert_eq!(criteria_scored(&evaluation(&[("results", 2)]), &c), (1, 3));
        let all = evaluation(&[("goals", 4), ("results", 3), ("budget", 2)]);
        assert_eq!(criteria_scored(&all, &c), (3, 3));
        assert_eq!(criteria_scored(&all, &[]), (0, 0));
    }

    #[test]
    fn unknown_criteria_are_not_counted() {
        let c = criteria(&THREE);
        let e = evaluation(&[("goals", 4), ("other", 5), ("more", 1)]);
        assert_eq!(criteria_scored(&e, &c), (1, 3));
        let t = score_total(&e, &c).expect("goals is scored");
        assert_eq!((t.value, t.scored, t.of), (4.0, 1, 3));
        assert!(t.is_partial());
        // Only unknown ones scored: no total, nothing counted.
        assert_eq!(score_total(&evaluation(&[("other", 5)]), &c), None);
        assert_eq!(criteria_scored(&evaluation(&[("other", 5)]), &c), (0, 3));
    }

    #[test]
    fn criteria_of_weight_zero_count_in_both() {
        let c = criteria(&[("a", 0), ("b", 2)]);
        // b alone: the total is all b's, but a is a criterion of the file left unscored.
        let t = score_total(&evaluation(&[("b", 3)]), &c).unwrap();
        assert_eq!((t.value, t.scored, t.of), (3.0, 1, 2));
        assert!(t.is_partial());
        let t = score_total(&evaluation(&[("a", 5), ("b", 3)]), &c).unwrap();
        assert_eq!((t.value, t.scored, t.of), (3.0, 2, 2));
        assert!(!t.is_partial());
        // a alone is counted, though there is no total to show.
        assert_eq!(criteria_scored(&evaluation(&[("a", 5)]), &c), (1, 2));
        assert_eq!(score_total(&evaluation(&[("a", 5)]), &c), None);
    }

    #[test]
    fn figures_carry_the_latest_and_previous_totals() {
        let p = parse(
            r#"(name: "T", organisation: "O", goals: [], projects: [
                (id: "P", name: "N", evaluations: [
                    (date: "2026-01-01", scores: {"goals": 2}),
                    (date: "2026-02-01", scores: {"goals": 4, "results": 4, "budget": 4}),
                ]),
            ])"#,
        )
        .unwrap();
        let f = super::super::compute(&p);
        let pf = &f.projects[0];
        let latest = pf.latest_total.unwrap();
        assert_eq!((latest.value, latest.scored, latest.of), (4.0, 3, 3));
        let prev = pf.previous_total.unwrap();
        assert_eq!((prev.value, prev.scored, prev.of), (2.0, 1, 3));
        assert_eq!(pf.latest_score, Some(4.0));
        assert_eq!(pf.previous_score, Some(2.0));
    }

    #[test]
    fn the_ranking_puts_partial_totals_after_the_complete_ones_unranked() {
        let p = parse(
            r#"(name: "T", organisation: "O", goals: [], projects: [
                (id: "A", name: "one of three, the best number", evaluations: [
                    (date: "2026-01-01", scores: {"goals": 5})]),
                (id: "B", name: "complete", evaluations: [
                    (date: "2026-01-01", scores: {"goals": 2, "results": 2, "budget": 2})]),
                (id: "C", name: "never scored"),
                (id: "D", name: "complete, better", evaluations: [
                    (date: "2026-01-01", scores: {"goals": 4, "results": 4, "budget": 4})]),
                (id: "E", name: "two of three", evaluations: [
                    (date: "2026-01-01", scores: {"goals": 3, "budget": 3})]),
                (id: "F", name: "complete once, partial now", evaluations: [
                    (date: "2025-01-01", scores: {"goals": 5, "results": 5, "budget": 5}),
                    (date: "2026-01-01", scores: {"results": 1})]),
            ])"#,
        )
        .unwrap();
        let r = ranking(&super::super::compute(&p));
        let ids = |list: &[(usize, ScoreTotal)]| -> Vec<String> {
            list.iter()
                .map(|&(i, _)| p.projects[i].id.clone())
                .collect()
        };
        assert_eq!(ids(&r.complete), ["D", "B"]);
        assert_eq!(ids(&r.partial), ["A", "E", "F"]);
        assert_eq!(r.len(), 5);
        assert_eq!(r.rank_of(3), Some(0));
        assert_eq!(r.rank_of(1), Some(1));
        // A partial total has no rank, however high; nor has a project never scored.
        assert_eq!(r.rank_of(0), None);
        assert_eq!(r.rank_of(2), None);
        assert!(r.partial.iter().all(|(_, t)| t.is_partial()));
    }
}
