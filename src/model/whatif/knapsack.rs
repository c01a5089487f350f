//! An exact 0/1 knapsack: the set of items with the most value whose cost fits the
//! capacity, and among those the cheapest; among sets equal in both, the same one every
//! time for the same input.
//!
//! Two exact methods, the cheaper one for the numbers at hand:
//!
//! 1. After the easy items are settled (an item costing nothing is taken, one costing
//!    more than the capacity or worth nothing is left, and when everything fits it is
//!    all taken), the costs are divided by their greatest common divisor. When
//!    items × (capacity + 1) is at most [`Limits::dp_cells`], **dynamic programming over
//!    the cost**: the best value for every exact cost, then the best value at the lowest
//!    cost. Time and memory are bounded by that product.
//! 2. Otherwise **branch and bound**: depth first over the items by value per cost, with
//!    the bound of the LP relaxation (Dantzig's bound, computed exactly in integers) and,
//!    where a branch could at best equal the best value, a lower bound on the cost it
//!    would take. Identical items are not tried in both orders. This is exact when it
//!    finishes; it stops after [`Limits::nodes`] nodes, and then the answer is the best
//!    set found, marked not exact, with the most value any set could have
//!    ([`Solution::bound`]) so the gap can be said.
//!
//! Values are integers (u128) so that equal totals compare equal; costs are u64.

/// How far each method may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest items × (capacity + 1) for the dynamic programme.
    pub dp_cells: u64,
    /// Branch-and-bound nodes before the search stops.
    pub nodes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            dp_cells: 4_000_000,
            nodes: 2_000_000,
        }
    }
}

/// Which method gave the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Settled without search (everything fits, or nothing can).
    Trivial,
    DynamicProgramme,
    BranchAndBound,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    /// Per item: taken?
    pub take: Vec<bool>,
    pub value: u128,
    pub cost: u128,
    /// Proven best. False only when branch and bound hit its node limit.
    pub exact: bool,
    /// The most value any set within the capacity could have (= `value` when exact).
    pub bound: u128,
    pub method: Method,
    /// Branch-and-bound nodes searched (0 for the other methods).
    pub nodes: u64,
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The best set of items (`costs[i]`, `values[i]`) within `capacity`.
pub fn solve(costs: &[u64], values: &[u128], capacity: u64, limits: Limits) -> Solution {
    let n = costs.len().min(values.len());
    let mut take = vec![false; n];
    let (mut value, mut cost) = (0u128, 0u128);
    // The easy ones first.
    let mut open: Vec<usize> = Vec::new();
    for i in 0..n {
        if costs[i] == 0 {
            take[i] = true;
            value = value.saturating_add(values[i]);
        } else if costs[i] <= capacity && values[i] > 0 {
            open.push(i);
        }
    }
    let all_cost: u128 = open.iter().map(|&i| u128::from(costs[i])).sum();
    let trivial = |take: Vec<bool>, value: u128, cost: u128| Solution {
        take,
        value,
        cost,
        exact: true,
        bound: value,
        method: Method::Trivial,
        nodes: 0,
    };
    if all_cost <= u128::from(capacity) {
        for &i in &open {
            take[i] = true;
            value = value.saturating_add(values[i]);
        }
        return trivial(take, value, all_cost);
    }
    let g = open.iter().fold(0, |g, &i| gcd(g, costs[i])).max(1);
    let c: Vec<u64> = open.iter().map(|&i| costs[i] / g).collect();
    let v: Vec<u128> = open.iter().map(|&i| values[i]).collect();
    let cap = capacity / g;
    let cells = (open.len() as u64).saturating_mul(cap.saturating_add(1));
    // The table holds a value per cost (16 bytes each): at most 4 MB of it.
    let sub = if cells <= limits.dp_cells && cap < 250_000 {
        dp(&c, &v, cap)
    } else {
        branch_and_bound(&c, &v, cap, limits.nodes)
    };
    for (k, &i) in open.iter().enumerate() {
        if sub.take[k] {
            take[i] = true;
        }
    }
    cost = cost.saturating_add(sub.cost.saturating_mul(u128::from(g)));
    Solution {
        take,
        value: value.saturating_add(sub.value),
        cost,
        exact: sub.exact,
        bound: value.saturating_add(sub.bound),
        method: sub.method,
        nodes: sub.nodes,
    }
}

/// Dynamic programming over the exact cost: `best[w]` is the most value of a set costing
/// exactly `w`, so the cheapest of the best sets is the lowest `w` with the most value.
fn dp(c: &[u64], v: &[u128], cap: u64) -> Solution {
    const NONE: u128 = u128::MAX;
    let width = cap as usize + 1;
    let mut best = vec![NONE; width];
    best[0] = 0;
    let mut keep = vec![0u64; (c.len() * width).div_ceil(64)];
    for (i, (&ci, &vi)) in c.iter().zip(v).enumerate() {
        let ci = ci as usize;
        for w in (ci..width).rev() {
            let from = best[w - ci];
            if from == NONE {
                continue;
            }
            let cand = from.saturating_add(vi);
            // Strictly better only: a tie keeps the set without this item.
            if best[w] == NONE || cand > best[w] {
                best[w] = cand;
                let bit = i * width + w;
                keep[bit / 64] |= 1 << (bit % 64);
            }
        }
    }
    let (mut w, value) =
        best.iter()
            .enumerate()
            .filter(|(_, b)| **b != NONE)
            .fold(
                (0, 0u128),
                |acc, (w, &b)| if b > acc.1 { (w, b) } else { acc },
            );
    let cost = w as u128;
    let mut take = vec![false; c.len()];
    for i in (0..c.len()).rev() {
        let bit = i * width + w;
        if keep[bit / 64] >> (bit % 64) & 1 == 1 {
            take[i] = true;
            w -= c[i] as usize;
        }
    }
    Solution {
        take,
        value,
        cost,
        exact: true,
        bound: value,
        method: Method::DynamicProgramme,
        nodes: 0,
    }
}

/// `a × b` as (high, low) halves of 256 bits.
fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    let mask = u128::from(u64::MAX);
    let (a1, a0) = (a >> 64, a & mask);
    let (b1, b0) = (b >> 64, b & mask);
    let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
    let mid = (p00 >> 64) + (p01 & mask) + (p10 & mask);
    let lo = (p00 & mask) | (mid << 64);
    let hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (hi, lo)
}

/// ⌊r × v / c⌋ for r < c, exactly (r, c < 2⁶⁴).
fn fraction(r: u64, v: u128, c: u64) -> u128 {
    let (r, c) = (u128::from(r), u128::from(c));
    r * (v / c) + r * (v % c) / c
}

/// ⌈d × c / v⌉ when it fits, else a smaller number (still a lower bound).
fn cost_for(d: u128, c: u64, v: u128) -> u128 {
    match d.checked_mul(u128::from(c)) {
        Some(x) => x.div_ceil(v),
        None => ((d as f64) * (c as f64) / (v as f64) * (1.0 - 1e-9)) as u128,
    }
}

struct Search<'a> {
    c: &'a [u64],
    v: &'a [u128],
    /// Prefix sums of cost and value: `pc[k]` is the cost of items `0..k`.
    pc: Vec<u128>,
    pv: Vec<u128>,
    best_value: u128,
    best_cost: u128,
    best: Vec<usize>,
}

impl Search<'_> {
    fn offer(&mut self, value: u128, cost: u128, path: &[usize], run: std::ops::Range<usize>) {
        if value > self.best_value || (value == self.best_value && cost < self.best_cost) {
            self.best_value = value;
            self.best_cost = cost;
            self.best.clear();
            self.best.extend_from_slice(path);
            self.best.extend(run);
        }
    }

    /// The first item from `i` on that no longer fits when `i..` are taken in order
    /// with `r` left.
    fn break_item(&self, i: usize, r: u64) -> usize {
        let limit = self.pc[i] + u128::from(r);
        i + self.pc[i + 1..].partition_point(|&s| s <= limit)
    }

    /// The LP bound on the value items `i..` can add with `r` left, and the break item.
    fn bound(&self, i: usize, r: u64) -> (u128, usize) {
        let b = self.break_item(i, r);
        let full = self.pv[b] - self.pv[i];
        if b == self.c.len() {
            return (full, b);
        }
        let left = (u128::from(r) - (self.pc[b] - self.pc[i])) as u64;
        (full.saturating_add(fraction(left, self.v[b], self.c[b])), b)
    }

    /// The least cost (LP relaxation) at which items `i..` add value `d`; `None` when
    /// they cannot.
    fn least_cost(&self, i: usize, d: u128) -> Option<u128> {
        if d == 0 {
            return Some(0);
        }
        let limit = self.pv[i] + d;
        // The first k with pv[k + 1] >= limit.
        let k = i + self.pv[i + 1..].partition_point(|&s| s < limit);
        if k >= self.c.len() {
            return None;
        }
        let got = self.pv[k] - self.pv[i];
        Some(self.pc[k] - self.pc[i] + cost_for(d - got, self.c[k], self.v[k]))
    }
}

/// Is `a` worth more per cost than `b` (exactly: v_a × c_b > v_b × c_a)?
fn ratio_cmp(va: u128, ca: u64, vb: u128, cb: u64) -> std::cmp::Ordering {
    mul_wide(va, u128::from(cb)).cmp(&mul_wide(vb, u128::from(ca)))
}

fn branch_and_bound(c: &[u64], v: &[u128], cap: u64, node_limit: u64) -> Solution {
    let n = c.len();
    // By value per cost, best first; then cheaper first, then file order, so that
    // identical items stand together.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        ratio_cmp(v[b], c[b], v[a], c[a])
            .then(c[a].cmp(&c[b]))
            .then(a.cmp(&b))
    });
    let sc: Vec<u64> = order.iter().map(|&i| c[i]).collect();
    let sv: Vec<u128> = order.iter().map(|&i| v[i]).collect();
    let mut pc = vec![0u128; n + 1];
    let mut pv = vec![0u128; n + 1];
    for k in 0..n {
        pc[k + 1] = pc[k] + u128::from(sc[k]);
        pv[k + 1] = pv[k].saturating_add(sv[k]);
    }
    // The next item after `k` that differs from it.
    let mut next_distinct = vec![n; n];
    for k in (0..n.saturating_sub(1)).rev() {
        next_distinct[k] = if (sc[k + 1], sv[k + 1]) == (sc[k], sv[k]) {
            next_distinct[k + 1]
        } else {
            k + 1
        };
    }
    let mut s = Search {
        c: &sc,
        v: &sv,
        pc,
        pv,
        best_value: 0,
        best_cost: 0,
        best: Vec::new(),
    };
    // A first answer: greedy by ratio, every item that still fits.
    let mut left = cap;
    let mut greedy = Vec::new();
    for (k, &ck) in sc.iter().enumerate() {
        if ck <= left {
            left -= ck;
            greedy.push(k);
        }
    }
    let gv = greedy
        .iter()
        .map(|&k| sv[k])
        .fold(0u128, u128::saturating_add);
    let gc: u128 = greedy.iter().map(|&k| u128::from(sc[k])).sum();
    s.offer(gv, gc, &greedy, 0..0);
    let root_bound = s.bound(0, cap).0;

    // Depth first; a frame is (item, capacity left, value, cost, included yet?).
    let mut path: Vec<usize> = Vec::new();
    let mut stack: Vec<(usize, u64, u128, u128, bool)> = vec![(0, cap, 0, 0, false)];
    let mut nodes = 0u64;
    let mut finished = true;
    while let Some(&(i, r, val, cost, included)) = stack.last() {
        if included {
            // Back from taking item i (the frame holds what there was before it): now
            // leave it, and every identical one after it.
            path.pop();
            stack.pop();
            stack.push((next_distinct[i], r, val, cost, false));
            continue;
        }
        nodes += 1;
        if nodes > node_limit {
            finished = false;
            break;
        }
        if i >= n {
            s.offer(val, cost, &path, 0..0);
            stack.pop();
            continue;
        }
        let (ub, b) = s.bound(i, r);
        // Taking i..b in order fits: an answer to compare.
        let run_cost = s.pc[b] - s.pc[i];
        s.offer(val + (s.pv[b] - s.pv[i]), cost + run_cost, &path, i..b);
        let ub = val.saturating_add(ub);
        let prune = b == n
            || ub < s.best_value
            || (ub == s.best_value
                && s.least_cost(i, s.best_value - val)
                    .is_none_or(|lc| cost + lc >= s.best_cost));
        if prune {
            stack.pop();
            continue;
        }
        if sc[i] <= r {
            if let Some(top) = stack.last_mut() {
                top.4 = true;
            }
            path.push(i);
            stack.push((
                i + 1,
                r - sc[i],
                val + sv[i],
                cost + u128::from(sc[i]),
                false,
            ));
        } else {
            stack.pop();
            stack.push((next_distinct[i], r, val, cost, false));
        }
    }
    let mut take = vec![false; n];
    for &k in &s.best {
        take[order[k]] = true;
    }
    Solution {
        take,
        value: s.best_value,
        cost: s.best_cost,
        exact: finished,
        bound: if finished {
            s.best_value
        } else {
            root_bound.max(s.best_value)
        },
        method: Method::BranchAndBound,
        nodes,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Every subset: the most value, then the least cost.
    fn brute(c: &[u64], v: &[u128], cap: u64) -> (u128, u128) {
        let n = c.len();
        let mut best = (0u128, 0u128);
        for mask in 0u32..(1 << n) {
            let (mut cost, mut value) = (0u128, 0u128);
            for i in 0..n {
                if mask >> i & 1 == 1 {
                    cost += u128::from(c[i]);
                    value += v[i];
                }
            }
            if cost <= u128::from(cap) && (value > best.0 || (value == best.0 && cost < best.1)) {
                best = (value, cost);
            }
        }
        best
    }

    fn check(c: &[u64], v: &[u128], cap: u64, limits: Limits) -> Solution {
        let s = solve(c, v, cap, limits);
        // The set said is the set taken.
        let cost: u128 = (0..c.len())
            .filter(|&i| s.take[i])
            .map(|i| u128::from(c[i]))
            .sum();
        let value: u128 = (0..c.len()).filter(|&i| s.take[i]).map(|i| v[i]).sum();
        assert_eq!((value, cost), (s.value, s.cost));
        assert!(cost <= u128::from(cap));
        s
    }

    const DP_ONLY: Limits = Limits {
        dp_cells: u64::MAX,
        nodes: 0,
    };
    const BB_ONLY: Limits = Limits {
        dp_cells: 0,
        nodes: u64::MAX,
    };

    fn items() -> impl Strategy<Value = (Vec<u64>, Vec<u128>, u64)> {
        (1usize..=12).prop_flat_map(|n| {
            (
                // Small costs so that ties (equal value, equal cost) are common.
                prop::collection::vec(prop_oneof![0u64..=6, 1u64..=40, 1_000u64..=9_000], n),
                prop::collection::vec(prop_oneof![0u128..=5, 20u128..=100], n),
                0u64..=120,
            )
        })
    }

    /// Few values and costs: many sets of equal value at different costs.
    fn ties() -> impl Strategy<Value = (Vec<u64>, Vec<u128>, u64)> {
        (1usize..=12).prop_flat_map(|n| {
            (
                prop::collection::vec(1u64..=8, n),
                prop::collection::vec(1u128..=4, n),
                0u64..=30,
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn ties_go_to_the_cheapest_set((c, v, cap) in ties()) {
            let want = brute(&c, &v, cap);
            for limits in [DP_ONLY, BB_ONLY] {
                let s = check(&c, &v, cap, limits);
                prop_assert_eq!((s.value, s.cost), want, "{:?}", limits);
            }
        }

        #[test]
        fn both_methods_find_the_best_and_cheapest((c, v, cap) in items()) {
            let want = brute(&c, &v, cap);
            for limits in [DP_ONLY, BB_ONLY, Limits::default()] {
                let s = check(&c, &v, cap, limits);
                prop_assert!(s.exact);
                prop_assert_eq!((s.value, s.cost), want, "{:?}", limits);
            }
        }

        #[test]
        fn large_costs_and_values_stay_exact(
            c in prop::collection::vec(1u64..=u64::MAX / 64, 1..=10),
            v in prop::collection::vec(1u128..=u128::MAX >> 70, 1..=10),
            share in 0u64..=100,
        ) {
            let n = c.len().min(v.len());
            let (c, v) = (&c[..n], &v[..n]);
            let total: u128 = c.iter().map(|&x| u128::from(x)).sum();
            let cap = (total * u128::from(share) / 100).min(u128::from(u64::MAX)) as u64;
            let s = check(c, v, cap, BB_ONLY);
            prop_assert_eq!((s.value, s.cost), brute(c, v, cap));
        }
    }

    #[test]
    fn a_stopped_search_says_so_and_bounds_the_gap() {
        // Equal ratios everywhere: the LP bound cannot tell the sets apart.
        let c: Vec<u64> = (0..40).map(|i| 1_000 + 7 * i).collect();
        let v: Vec<u128> = c.iter().map(|&x| u128::from(x)).collect();
        let cap = c.iter().sum::<u64>() / 2 + 1;
        let s = check(
            &c,
            &v,
            cap,
            Limits {
                dp_cells: 0,
                nodes: 10,
            },
        );
        assert!(!s.exact);
        assert_eq!(s.method, Method::BranchAndBound);
        assert!(s.bound >= s.value);
        assert!(s.bound <= u128::from(cap));
    }

    #[test]
    fn the_easy_cases_need_no_search() {
        let s = solve(&[0, 5, 500], &[3, 4, 9], 100, Limits::default());
        assert_eq!(s.take, [true, true, false]);
        assert_eq!((s.value, s.cost, s.method), (7, 5, Method::Trivial));
        let s = solve(&[], &[], 0, Limits::default());
        assert!(s.take.is_empty() && s.exact);
        // Worth nothing: left out, it only costs.
        let s = solve(&[5, 5], &[0, 1], 100, Limits::default());
        assert_eq!(s.take, [false, true]);
    }

    #[test]
    fn wide_multiplication_is_exact() {
        assert_eq!(mul_wide(u128::MAX, u128::MAX), (u128::MAX - 1, 1));
        assert_eq!(mul_wide(1 << 64, 1 << 64), (1, 0));
        assert_eq!(mul_wide(12, 13), (0, 156));
        assert_eq!(fraction(3, 10, 4), 7);
    }
}
