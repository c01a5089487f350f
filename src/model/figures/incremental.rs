//! After an edit to one project, the figures it changes and no others: that project's
//! own figures, the rollups of the goals it serves and their ancestors, the totals, the
//! unserved leaves and the goalless projects. The result equals [`super::compute_with`]
//! on the edited portfolio, to the bit (`tests/figures_incremental.rs` holds it to that).
//!
//! Sums over the whole portfolio are kept exact ([`super::totals`]), so the project is
//! taken out as it was and put back in as it is. A goal's rollup is made again from the
//! compact list of its projects' shares, in the same order as a full computation: a
//! mean of floats taken apart by subtraction would drift from the sum made afresh, and a
//! maximum cannot be taken apart at all. (At 100,000 projects a top goal has about
//! 8,000; its list is read in a few microseconds.)

use super::{
    Figures, Goals, ProjectFigures, Share, effective_as_of, marks, project_figures, settle_rollup,
};
use crate::model::types::{Portfolio, Project};

/// Bring `f` (the figures of the portfolio as it was) up to date after project `pi`
/// changed from `before` to `p.projects[pi]`, nothing else having changed: not the goal
/// tree, the criteria, the thresholds, the review date nor the list of projects.
///
/// Returns the project's figures as they were; `None`, with `f` untouched, when `f`
/// does not fit `p` that way (another length, another review date, `pi` out of range):
/// then only [`super::compute_with`] will do.
pub fn project_changed(
    f: &mut Figures,
    p: &Portfolio,
    tree: &impl Goals,
    pi: usize,
    before: &Project,
) -> Option<ProjectFigures> {
    let as_of = effective_as_of(p);
    let fits = pi < p.projects.len()
        && f.projects.len() == p.projects.len()
        && f.goals.len() == tree.count()
        && f.as_of == Some(as_of);
    if !fits {
        return None;
    }
    let pr = &p.projects[pi];
    let new = project_figures(p, tree, pr, as_of);
    let old = std::mem::replace(&mut f.projects[pi], new);

    // The goals it counted for, and those it counts for now.
    let (mut was, mut is) = (Vec::new(), Vec::new());
    marks(tree, before, &mut was);
    marks(tree, pr, &mut is);
    let (share_was, share) = (Share::of(before, &old), Share::of(pr, &f.projects[pi]));
    if was != is || share_was != share {
        let mut affected = was.clone();
        affected.extend(&is);
        affected.sort_unstable();
        affected.dedup();
        for &gi in &affected {
            let g = &mut f.goals[gi];
            let at = g.projects.binary_search(&pi);
            match (at, is.binary_search(&gi).is_ok()) {
                (Ok(at), true) => g.shares[at] = share,
                (Ok(at), false) => {
                    g.projects.remove(at);
                    g.shares.remove(at);
                }
                (Err(at), true) => {
                    g.projects.insert(at, pi);
                    g.shares.insert(at, share);
                }
                (Err(_), false) => {}
            }
            settle_rollup(g);
            if tree.is_leaf(gi) {
                edit_sorted(&mut f.unserved_leaves, gi, g.projects.is_empty());
            }
        }
        if was != is {
            edit_sorted(&mut f.goalless_projects, pi, is.is_empty());
        }
    }

    let (t, sums) = (&mut f.totals, &mut f.sums);
    sums.count(t, before, old.budget.as_ref(), false);
    sums.count(t, pr, f.projects[pi].budget.as_ref(), true);
    let mut named: Vec<&str> = before
        .budget
        .iter()
        .chain(&pr.budget)
        .flat_map(|b| b.funding.iter().map(|fu| fu.source.as_str()))
        .collect();
    named.sort_unstable();
    named.dedup();
    sums.settle(t, Some(named.into_iter()));
    Some(old)
}

/// Put `x` into the ascending list `v` (`present`) or take it out.
fn edit_sorted(v: &mut Vec<usize>, x: usize, present: bool) {
    match (v.binary_search(&x), present) {
        (Err(at), true) => v.insert(at, x),
        (Ok(at), false) => {
            v.remove(at);
        }
        _ => {}
    }
}
