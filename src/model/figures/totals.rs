//! Totals over the whole portfolio, kept as exact sums so that an edit can take one
//! project out and put it back in without visiting the others (see [`super::incremental`]).
//!
//! The money is summed in i128 and only the shown total is brought into i64: a sum
//! saturated on the way would depend on the order the projects were added in, and could
//! not be taken apart again. (No file reaches the i128 range: 2^63 per amount times
//! fewer than 2^32 amounts.)

use std::collections::BTreeMap;

use super::BudgetFigures;
use crate::model::types::{FundingStatus, Project, Status};

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

/// The exact sums behind [`Totals`]' money.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Sums {
    /// planned, spent, granted, applied, rejected, own share.
    money: [i128; 6],
    /// Per source: (granted, applied, rejected), and how many fundings name it (the
    /// source is listed while one does, whatever its amounts).
    by_source: BTreeMap<String, ([i128; 3], usize)>,
}

/// `v` within i64: what a saturating sum would show at its ends.
fn clamp(v: i128) -> i64 {
    v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// One up (`add`) or down.
fn step(n: &mut usize, add: bool) {
    *n = if add { *n + 1 } else { n.saturating_sub(1) };
}

impl Sums {
    /// Count project `pr` in (`add`) or out of the sums and of `t`'s counts. Its
    /// budget's figures are `bf` (those of `pr.budget`). The money in `t` is settled by
    /// [`Sums::settle`].
    pub(super) fn count(
        &mut self,
        t: &mut Totals,
        pr: &Project,
        bf: Option<&BudgetFigures>,
        add: bool,
    ) {
        let status = t.by_status.entry(pr.status).or_default();
        step(status, add);
        if !add && *status == 0 {
            t.by_status.remove(&pr.status);
        }
        step(&mut t.by_health[pr.health.map_or(3, |h| h as usize)], add);
        let (Some(b), Some(bf)) = (&pr.budget, bf) else {
            return;
        };
        let sign: i128 = if add { 1 } else { -1 };
        let money = [
            bf.planned,
            bf.spent,
            bf.granted,
            bf.applied,
            bf.rejected,
            bf.own_share,
        ];
        for (sum, v) in self.money.iter_mut().zip(money) {
            *sum += sign * i128::from(v);
        }
        for fu in &b.funding {
            // Clone the source's name only the first time it is seen.
            let e = match self.by_source.get_mut(fu.source.as_str()) {
                Some(e) => e,
                None => self.by_source.entry(fu.source.clone()).or_default(),
            };
            let slot = match fu.status {
                FundingStatus::Granted => 0,
                FundingStatus::Applied => 1,
                FundingStatus::Rejected => 2,
            };
            e.0[slot] += sign * i128::from(fu.amount);
            step(&mut e.1, add);
        }
    }

    /// Put the money sums into `t`, and the sources named: all of them (`None`) or
    /// only these (a source no funding names any longer leaves the list).
    pub(super) fn settle<'a>(
        &mut self,
        t: &mut Totals,
        sources: Option<impl Iterator<Item = &'a str>>,
    ) {
        let m = self.money.map(clamp);
        (
            t.planned,
            t.spent,
            t.granted,
            t.applied,
            t.rejected,
            t.own_share,
        ) = (m[0], m[1], m[2], m[3], m[4], m[5]);
        let shown =
            |(sums, _): &([i128; 3], usize)| (clamp(sums[0]), clamp(sums[1]), clamp(sums[2]));
        let Some(sources) = sources else {
            self.by_source.retain(|_, e| e.1 > 0);
            t.by_source = self
                .by_source
                .iter()
                .map(|(k, e)| (k.clone(), shown(e)))
                .collect();
            return;
        };
        for s in sources {
            match self.by_source.get(s) {
                Some(e) if e.1 > 0 => {
                    let v = shown(e);
                    match t.by_source.get_mut(s) {
                        Some(slot) => *slot = v,
                        None => {
                            t.by_source.insert(s.to_string(), v);
                        }
                    }
                }
                _ => {
                    self.by_source.remove(s);
                    t.by_source.remove(s);
                }
            }
        }
    }
}

/// The totals of all `projects`, whose budgets' figures are `budgets`.
pub(super) fn totals<'a>(
    projects: impl Iterator<Item = (&'a Project, Option<&'a BudgetFigures>)>,
) -> (Totals, Sums) {
    let (mut t, mut s) = (Totals::default(), Sums::default());
    for (pr, bf) in projects {
        s.count(&mut t, pr, bf, true);
    }
    s.settle(&mut t, None::<std::iter::Empty<&str>>);
    (t, s)
}
