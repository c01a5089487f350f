//! The balance pane's figures at 1,000 and 10,000 projects: the what-if's answer (per
//! keystroke of the budget field: target one frame, 16 ms, at 1,000; 100 ms at 10,000),
//! and what is computed once per change of the filter (the what-if's items, the balance
//! matrix, the funding table).
//!
//! ```text
//! cargo bench --bench whatif
//! STYR_BENCH_SIZES=1000 cargo bench --bench whatif -- choose
//! ```
//!
//! Two portfolios per size, both from the generator (benches/common/portfolio_gen.rs):
//! as generated (proposals unscored, some evaluations partial: about half the projects
//! have a value), and "all scored", where every project's latest evaluation scores every
//! criterion, so the choice has every live project to weigh. Budgets: 20 % and 50 % cut
//! of the planned total, and 20 % of the own share.

#[path = "common/portfolio_gen.rs"]
mod portfolio_gen;

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use styr::model::balance::{Dimension, Measure, balance};
use styr::model::figures::compute;
use styr::model::funding::funding;
use styr::model::whatif::{self, Pin, current_total, items, what_if};
use styr::model::{Evaluation, Level, Portfolio};

fn sizes() -> Vec<usize> {
    std::env::var("STYR_BENCH_SIZES")
        .ok()
        .map(|s| {
            s.split(',')
                .filter_map(|n| n.trim().replace('_', "").parse().ok())
                .collect()
        })
        .unwrap_or_else(|| vec![1_000, 10_000])
}

/// The generated portfolio with a level on every project (the generator leaves it out).
fn generated(n: usize) -> Portfolio {
    let mut p = portfolio_gen::portfolio(n, 7);
    for (i, pr) in p.projects.iter_mut().enumerate() {
        pr.level = Some(Level::ALL[(i * 7 + i / 3) % 4]);
    }
    p
}

/// Every project's latest evaluation scores every criterion (1–5, from its index).
fn all_scored(mut p: Portfolio) -> Portfolio {
    let ids: Vec<String> = p.criteria.iter().map(|c| c.id.clone()).collect();
    for (i, pr) in p.projects.iter_mut().enumerate() {
        if pr.evaluations.is_empty() {
            pr.evaluations.push(Evaluation {
                date: styr::model::Date::parse("2026-01-01").expect("a date"),
                scores: Default::default(),
                decision: None,
                note: None,
                by: None,
                ratings: Vec::new(),
            });
        }
        if let Some(ev) = pr.evaluations.last_mut() {
            for (k, id) in ids.iter().enumerate() {
                ev.scores
                    .entry(id.clone())
                    .or_insert(((i * 31 + k * 17) % 5 + 1) as i64);
            }
        }
    }
    p
}

fn choose(c: &mut Criterion) {
    let mut g = c.benchmark_group("whatif/choose");
    g.sample_size(20).measurement_time(Duration::from_secs(4));
    for n in sizes() {
        for (label, p) in [
            ("generated", generated(n)),
            ("all_scored", all_scored(generated(n))),
        ] {
            let fig = compute(&p);
            let all: Vec<usize> = (0..p.projects.len()).collect();
            for (budget_label, measure, keep) in [
                ("planned_-20%", Measure::Planned, 80),
                ("planned_-50%", Measure::Planned, 50),
                ("own_share_-20%", Measure::OwnShare, 80),
            ] {
                let it = items(&p, Some(&fig), &all, measure);
                // A few pins, as a meeting sets them.
                let pins: HashMap<usize, Pin> = (0..n)
                    .step_by(97)
                    .map(|i| (i, if i % 2 == 0 { Pin::In } else { Pin::Out }))
                    .collect();
                let budget = current_total(&it, &pins) / 100 * keep;
                let ch = what_if(&it, budget, &pins);
                eprintln!(
                    "{n} {label} {budget_label}: {} items, {} kept, {} cut, {} apart, exact {} \
                     ({:?}), value {:.2} of {:.2} (bound {:.2}), {} goals lost",
                    it.len(),
                    ch.kept.len(),
                    ch.cut.len(),
                    ch.unvalued.len(),
                    ch.exact,
                    ch.method,
                    ch.value_kept,
                    ch.value_before,
                    ch.bound,
                    ch.lost_goals.len()
                );
                g.bench_with_input(
                    BenchmarkId::new(format!("{label}/{budget_label}"), n),
                    &(it, budget, pins),
                    |b, (it, budget, pins)| b.iter(|| what_if(black_box(it), *budget, pins)),
                );
            }
        }
    }
    g.finish();
}

/// The hard case for branch and bound: every project worth nearly the same per krone
/// (cost = points × 10,000 plus up to 100 kr), so the LP bound barely tells sets apart.
/// Not a portfolio anyone has; it shows what the node limit costs in time.
fn near_equal_ratios(c: &mut Criterion) {
    let mut g = c.benchmark_group("whatif/near_equal_ratios");
    g.sample_size(10).measurement_time(Duration::from_secs(6));
    for n in sizes() {
        let it: Vec<whatif::Item> = (0..n)
            .map(|i| {
                let points = 20 + (i * 7_919 % 81) as u128;
                whatif::Item {
                    project: i,
                    cost: points as i64 * 10_000 + (i * 37 % 101) as i64,
                    value: Some(whatif::Value {
                        total: points as f64 / 20.0,
                        points,
                    }),
                    closed: false,
                    goals: Vec::new(),
                }
            })
            .collect();
        let pins = HashMap::new();
        let budget = current_total(&it, &pins) / 100 * 80;
        let t = std::time::Instant::now();
        let ch = what_if(&it, budget, &pins);
        eprintln!(
            "{n} near-equal ratios: exact {}, value {:.2}, bound {:.2}, {:?}",
            ch.exact,
            ch.value_kept,
            ch.bound,
            t.elapsed()
        );
        g.bench_with_input(BenchmarkId::new("planned_-20%", n), &(), |b, _| {
            b.iter(|| what_if(black_box(&it), budget, &pins))
        });
    }
    g.finish();
}

/// A search that cannot finish: Chvátal's instance (cost = value = 2^(k+n+1) + 2^(k+j) + 1,
/// half the total as the budget), which takes any branch and bound with the LP bound an
/// exponential number of nodes. It shows the time the node limit bounds the search to.
fn node_limit(c: &mut Criterion) {
    use styr::model::whatif::knapsack::{Limits, solve};
    let mut g = c.benchmark_group("whatif/node_limit");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    let n = 40u32;
    let k = n.ilog2() + 1;
    let costs: Vec<u64> = (0..n)
        .map(|j| (1u64 << (k + n + 1)) + (1u64 << (k + j)) + 1)
        .collect();
    let values: Vec<u128> = costs.iter().map(|&c| u128::from(c)).collect();
    let cap = costs.iter().sum::<u64>() / 2;
    let s = solve(&costs, &values, cap, Limits::default());
    eprintln!(
        "Chvátal n={n}: exact {}, {} nodes, value {} of bound {} ({:.2e} short)",
        s.exact,
        s.nodes,
        s.value,
        s.bound,
        (s.bound - s.value) as f64 / s.bound as f64
    );
    g.bench_function("chvatal_40", |b| {
        b.iter(|| solve(black_box(&costs), &values, cap, Limits::default()))
    });
    // The same among 9,960 cheap projects that always fit: every path of the search is
    // 10,000 deep.
    let (mut costs, mut values) = (costs, values);
    costs.extend(std::iter::repeat_n(1, 9_960));
    values.extend(std::iter::repeat_n(2, 9_960));
    let cap = cap + 9_960;
    let t = std::time::Instant::now();
    let s = solve(&costs, &values, cap, Limits::default());
    eprintln!(
        "Chvátal n=40 + 9,960: exact {}, {} nodes, {:?}",
        s.exact,
        s.nodes,
        t.elapsed()
    );
    g.bench_function("chvatal_40_among_10000", |b| {
        b.iter(|| solve(black_box(&costs), &values, cap, Limits::default()))
    });
    g.finish();
}

fn per_filter(c: &mut Criterion) {
    let mut g = c.benchmark_group("whatif/per_filter");
    g.sample_size(20).measurement_time(Duration::from_secs(4));
    for n in sizes() {
        let p = generated(n);
        let fig = compute(&p);
        let all: Vec<usize> = (0..p.projects.len()).collect();
        g.bench_with_input(BenchmarkId::new("items", n), &(), |b, _| {
            b.iter(|| whatif::items(&p, Some(&fig), black_box(&all), Measure::Planned))
        });
        for (name, rows, cols) in [
            (
                "balance_unit_x_instrument",
                Dimension::Unit,
                Dimension::Instrument,
            ),
            ("balance_goal_x_source", Dimension::Goal, Dimension::Source),
        ] {
            g.bench_with_input(BenchmarkId::new(name, n), &(), |b, _| {
                b.iter(|| {
                    balance(
                        &p,
                        Some(&fig),
                        black_box(&all),
                        rows,
                        cols,
                        Measure::Planned,
                    )
                })
            });
        }
        g.bench_with_input(BenchmarkId::new("funding", n), &(), |b, _| {
            b.iter(|| funding(&p, Some(&fig), black_box(&all)))
        });
    }
    g.finish();
}

criterion_group!(benches, choose, near_equal_ratios, node_limit, per_filter);
criterion_main!(benches);
