//! The what-if on portfolios: what counts as a value, pins, the goals that lose their last
//! measure, and the choice against every subset on random small portfolios.

use std::collections::HashMap;

use proptest::prelude::*;

use super::*;
use crate::model::figures::compute;
use crate::model::load::parse;

const GOALS: &str = r#"goals: [
    (id: "a", title: "A", children: [(id: "a.1", title: "A1"), (id: "a.2", title: "A2")]),
    (id: "b", title: "B", children: [(id: "b.1", title: "B1")]),
    (id: "c", title: "C"),
]"#;

/// Tree indices: a 0, a.1 1, a.2 2, b 3, b.1 4, c 5.
const A: usize = 0;
const A1: usize = 1;
const A2: usize = 2;
const B: usize = 3;
const B1: usize = 4;

fn portfolio(projects: &str) -> Portfolio {
    parse(&format!(
        r#"(name: "T", organisation: "O", as_of: "2026-06-01", {GOALS}, projects: [{projects}])"#
    ))
    .unwrap_or_else(|e| panic!("{e:?}"))
}

const FILE: &str = r#"
    (id: "P0", name: "good and dear", status: Active, goals: ["a.1"], budget: (planned: 600,
     funding: [(source: "Interreg", amount: 200)]),
     evaluations: [(date: "2026-01-01", scores: {"goals": 5, "results": 5, "budget": 5})]),
    (id: "P1", name: "good and cheap", status: Active, goals: ["a.2", "b.1"], budget: (planned: 300),
     evaluations: [(date: "2026-01-01", scores: {"goals": 4, "results": 4, "budget": 4})]),
    (id: "P2", name: "weak", status: Proposed, goals: ["b.1"], budget: (planned: 300),
     evaluations: [(date: "2026-01-01", scores: {"goals": 1, "results": 2, "budget": 1})]),
    (id: "P3", name: "partly scored", goals: ["c"], budget: (planned: 100),
     evaluations: [(date: "2026-01-01", scores: {"goals": 5})]),
    (id: "P4", name: "completed", status: Completed, goals: ["a.1"], budget: (planned: 50),
     evaluations: [(date: "2026-01-01", scores: {"goals": 5, "results": 5, "budget": 5})]),
    (id: "P5", name: "never scored", status: Active, budget: (planned: 10)),
"#;

fn no_pins() -> HashMap<usize, Pin> {
    HashMap::new()
}

#[test]
fn items_value_only_complete_totals_and_close_finished_projects() {
    let p = portfolio(FILE);
    let it = items(&p, None, &[0, 1, 2, 3, 4, 5, 5, 42], Measure::Planned);
    assert_eq!(it.len(), 6);
    // Weights 40/35/25 over their divisor 5: 8/7/5, so all fives are 100 points.
    assert_eq!(it[0].value.map(|v| v.points), Some(100));
    assert_eq!(it[0].value.map(|v| v.total), Some(5.0));
    assert_eq!(it[2].value.map(|v| v.points), Some(8 + 14 + 5));
    assert_eq!(it[3].value, None, "partial");
    assert_eq!(it[5].value, None, "unscored");
    assert!(it[4].closed && !it[0].closed);
    assert_eq!(it[0].goals, [A, A1]);
    assert_eq!(it[1].goals, [A, A2, B, B1]);
    assert_eq!(it[0].cost, 600);
    let own = items(&p, Some(&compute(&p)), &[0], Measure::OwnShare);
    assert_eq!(own[0].cost, 400);
    // The scenario: the live projects with a value (P3 and P5 are set apart).
    assert_eq!(current_total(&it, &no_pins()), 600 + 300 + 300);
    let pins = HashMap::from([(5, Pin::In), (4, Pin::In)]);
    assert_eq!(
        current_total(&it, &pins),
        1210,
        "P5 pinned in; P4 stays closed"
    );
}

#[test]
fn the_best_set_within_the_budget_and_the_goals_it_loses() {
    let p = portfolio(FILE);
    let it = items(&p, None, &[0, 1, 2, 3, 4, 5], Measure::Planned);
    // 900: P0 + P1 (9.0) beats P1 + P2 (5.3) and P0 + P2 (6.3).
    let ch = what_if(&it, 900, &no_pins());
    assert!(ch.exact);
    assert_eq!(ch.kept, [0, 1]);
    assert_eq!(ch.cut, [2]);
    assert_eq!(ch.unvalued, [3, 5]);
    assert_eq!(ch.closed, [4]);
    assert_eq!((ch.money_kept, ch.money_before), (900, 1200));
    assert!((ch.value_kept - 9.0).abs() < 1e-9);
    assert!((ch.value_before - (5.0 + 4.0 + 1.35)).abs() < 1e-9);
    // c is served only by the partly scored P3, which is set apart: not lost by the cut.
    assert!(ch.lost_goals.is_empty());

    // 400: P1 alone is the best that fits; a.1 loses P0 (P4 is completed and does not
    // count), but a keeps P1 through a.2.
    let ch = what_if(&it, 400, &no_pins());
    assert_eq!(ch.kept, [1]);
    assert_eq!(ch.lost_goals, [A1]);

    // Nothing fits: every goal of the scenario is lost, parents included.
    let ch = what_if(&it, 0, &no_pins());
    assert!(ch.kept.is_empty());
    assert_eq!(ch.lost_goals, [A, A1, A2, B, B1]);
}

#[test]
fn pins_keep_cut_and_can_overrun_the_budget() {
    let p = portfolio(FILE);
    let it = items(&p, None, &[0, 1, 2, 3, 4, 5], Measure::Planned);
    // P2 pinned in and P1 out: 900 leaves 600 for P0.
    let pins = HashMap::from([(2, Pin::In), (1, Pin::Out)]);
    let ch = what_if(&it, 900, &pins);
    assert_eq!(ch.kept, [0, 2]);
    assert_eq!(ch.cut, [1]);
    assert!(!ch.over_budget);
    // An unvalued project pinned in is kept, at its cost; pinned out it stays apart.
    let pins = HashMap::from([(3, Pin::In), (5, Pin::Out), (4, Pin::In)]);
    let ch = what_if(&it, 900, &pins);
    assert_eq!(
        ch.kept,
        [1, 2, 3],
        "P3 costs 100 of the 900, P4 stays closed"
    );
    assert_eq!(ch.cut, [0]);
    assert_eq!(ch.unvalued, [5]);
    assert_eq!(ch.closed, [4]);
    // P3 now keeps c; only a.1 (P0's) is lost.
    assert_eq!(ch.lost_goals, [A1]);
    // Pins beyond the budget: kept, said.
    let pins = HashMap::from([(0, Pin::In), (1, Pin::In)]);
    let ch = what_if(&it, 500, &pins);
    assert!(ch.over_budget);
    assert_eq!(ch.kept, [0, 1]);
    assert_eq!(ch.money_kept, 900);
    let said = ch.caveat().expect("said");
    assert_eq!(
        said.en,
        "the projects pinned in cost 900, more than the budget of 500"
    );
    assert_eq!(
        said.nb,
        "prosjektene som er låst inn, koster 900, mer enn budsjettet på 500"
    );
    assert_eq!(what_if(&it, 900, &no_pins()).caveat(), None);
}

#[test]
fn a_search_stopped_early_says_how_far_it_may_be() {
    // Chvátal's instance: branch and bound cannot finish within a few nodes.
    let n = 30u32;
    let k = n.ilog2() + 1;
    let it: Vec<Item> = (0..n)
        .map(|j| {
            let c = (1i64 << (k + n + 1)) + (1i64 << (k + j)) + 1;
            Item {
                project: j as usize,
                cost: c,
                value: Some(Value {
                    total: c as f64 / 1e12,
                    points: c as u128,
                }),
                closed: false,
                goals: Vec::new(),
            }
        })
        .collect();
    let budget = current_total(&it, &no_pins()) / 2;
    let limits = knapsack::Limits {
        dp_cells: 0,
        nodes: 50,
    };
    let ch = what_if_with(&it, budget, &no_pins(), limits);
    assert!(!ch.exact);
    assert!(ch.bound > ch.value_kept);
    assert!(ch.money_kept <= budget);
    let said = ch.caveat().expect("said");
    assert!(
        said.en
            .starts_with("the search stopped early: the best set may score up to "),
        "{}",
        said.en
    );
    assert!(
        said.nb.starts_with("søket stoppet før det var ferdig"),
        "{}",
        said.nb
    );
}

#[test]
fn pins_cycle_free_in_out() {
    assert_eq!(Pin::default(), Pin::Free);
    assert_eq!(Pin::Free.next(), Pin::In);
    assert_eq!(Pin::In.next(), Pin::Out);
    assert_eq!(Pin::Out.next(), Pin::Free);
}

// ---- against every subset ----

/// One random project: cost, scores (None: unscored; fewer than three: partial),
/// status, goals (leaf ids or a parent), pin.
#[derive(Debug, Clone)]
struct Gen {
    planned: i64,
    granted: i64,
    scores: Option<Vec<i64>>,
    status: &'static str,
    goals: Vec<&'static str>,
    pin: Pin,
}

fn gen_project() -> impl Strategy<Value = Gen> {
    (
        prop_oneof![0i64..=5, 1i64..=30].prop_map(|x| x * 100),
        0i64..=3,
        prop::option::weighted(0.8, prop::collection::vec(1i64..=5, 1..=3)),
        prop::sample::select(vec!["Active", "Proposed", "OnHold", "Completed", "Stopped"]),
        prop::sample::subsequence(vec!["a", "a.1", "a.2", "b.1", "c"], 0..=2),
        prop::sample::select(vec![Pin::Free, Pin::Free, Pin::Free, Pin::In, Pin::Out]),
    )
        .prop_map(|(planned, g, scores, status, goals, pin)| Gen {
            planned,
            granted: planned * g / 4,
            scores,
            status,
            goals,
            pin,
        })
}

fn ron(i: usize, g: &Gen) -> String {
    let goals: Vec<String> = g.goals.iter().map(|s| format!("\"{s}\"")).collect();
    let evaluations = g.scores.as_ref().map_or(String::new(), |s| {
        let names = ["goals", "results", "budget"];
        let scores: Vec<String> = s
            .iter()
            .zip(names)
            .map(|(v, n)| format!("\"{n}\": {v}"))
            .collect();
        format!(
            r#"evaluations: [(date: "2026-01-01", scores: {{{}}})],"#,
            scores.join(", ")
        )
    });
    format!(
        r#"(id: "P{i}", name: "n", status: {}, goals: [{}], {evaluations}
           budget: (planned: {}, funding: [(source: "S", amount: {})])),"#,
        g.status,
        goals.join(", "),
        g.planned,
        g.granted
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_choice_is_the_best_subset_at_the_least_cost(
        gens in prop::collection::vec(gen_project(), 0..=10),
        budget_share in 0i64..=110,
        own_share in any::<bool>(),
        dp in any::<bool>(),
    ) {
        let text: String = gens.iter().enumerate().map(|(i, g)| ron(i, g)).collect();
        let p = portfolio(&text);
        let tree = GoalTree::new(&p);
        let measure = if own_share { Measure::OwnShare } else { Measure::Planned };
        let cost = |g: &Gen| if own_share { g.planned - g.granted } else { g.planned };
        let all: Vec<usize> = (0..gens.len()).collect();
        let it = items(&p, None, &all, measure);
        let pins: HashMap<usize, Pin> = gens.iter().enumerate().map(|(i, g)| (i, g.pin)).collect();
        let budget = current_total(&it, &pins) * budget_share / 100;
        let limits = if dp {
            knapsack::Limits { dp_cells: u64::MAX, nodes: 0 }
        } else {
            knapsack::Limits { dp_cells: 0, nodes: u64::MAX }
        };
        let ch = what_if_with(&it, budget, &pins, limits);

        // The oracle, from the generated projects alone.
        let live = |g: &Gen| !matches!(g.status, "Completed" | "Stopped");
        let total = |g: &Gen| -> Option<f64> {
            let s = g.scores.as_ref()?;
            (s.len() == 3).then(|| (s[0] * 40 + s[1] * 35 + s[2] * 25) as f64 / 100.0)
        };
        let fixed: Vec<usize> = all.iter().copied().filter(|&i| live(&gens[i]) && gens[i].pin == Pin::In).collect();
        let free: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| live(&gens[i]) && gens[i].pin == Pin::Free && total(&gens[i]).is_some())
            .collect();
        let fixed_cost: i64 = fixed.iter().map(|&i| cost(&gens[i])).sum();
        let fixed_value: f64 = fixed.iter().filter_map(|&i| total(&gens[i])).sum();
        let room = (budget - fixed_cost).max(0);
        let mut best = (0.0f64, 0i64);
        for mask in 0u32..(1 << free.len()) {
            let pick = free.iter().enumerate().filter(|(b, _)| mask >> b & 1 == 1).map(|(_, &i)| i);
            let (v, c) = pick.fold((0.0, 0), |(v, c), i| (v + total(&gens[i]).unwrap(), c + cost(&gens[i])));
            if c <= room && (v > best.0 + 1e-9 || ((v - best.0).abs() <= 1e-9 && c < best.1)) {
                best = (v, c);
            }
        }
        prop_assert!(ch.exact);
        prop_assert_eq!(ch.money_kept, fixed_cost + best.1);
        prop_assert!((ch.value_kept - (fixed_value + best.0)).abs() < 1e-9,
            "{} vs {}", ch.value_kept, fixed_value + best.0);
        prop_assert_eq!(ch.over_budget, fixed_cost > budget);
        // Every live project is kept, cut or apart; the closed ones are closed.
        let mut every: Vec<usize> = [&ch.kept[..], &ch.cut, &ch.unvalued, &ch.closed].concat();
        every.sort_unstable();
        prop_assert_eq!(every, all.clone());
        // The scenario: live, with a value or pinned in; the other live ones apart.
        let scenario = |i: usize| live(&gens[i]) && (total(&gens[i]).is_some() || gens[i].pin == Pin::In);
        for &i in &all {
            prop_assert_eq!(ch.unvalued.contains(&i), live(&gens[i]) && !scenario(i));
        }
        let before: i64 = all.iter().filter(|&&i| scenario(i)).map(|&i| cost(&gens[i])).sum();
        prop_assert_eq!(ch.money_before, before);
        for &i in &fixed {
            prop_assert!(ch.kept.contains(&i));
        }

        // Goals lost: served (with the goals below) by a project of the scenario, by no
        // kept one.
        let serves = |i: usize, gi: usize| {
            gens[i].goals.iter().any(|id| tree.index_of(id).is_some_and(|g| tree.is_within(g, gi)))
        };
        let want: Vec<usize> = (0..tree.len())
            .filter(|&gi| all.iter().any(|&i| scenario(i) && serves(i, gi)))
            .filter(|&gi| !ch.kept.iter().any(|&i| serves(i, gi)))
            .collect();
        prop_assert_eq!(&ch.lost_goals, &want);
    }
}

#[test]
fn a_fifth_less_on_every_seed_is_the_best_subset() {
    use crate::model::amount::parse_budget;
    for (name, text) in [
        ("akershus", include_str!("../../../data/akershus.ron")),
        ("fredrikstad", include_str!("../../../data/fredrikstad.ron")),
        ("hamar", include_str!("../../../data/hamar.ron")),
        ("lillestrom", include_str!("../../../data/lillestrom.ron")),
    ] {
        let p = parse(text).unwrap();
        let all: Vec<usize> = (0..p.projects.len()).collect();
        for measure in [Measure::Planned, Measure::OwnShare] {
            let it = items(&p, None, &all, measure);
            let budget = parse_budget("-20 %")
                .unwrap()
                .resolve(current_total(&it, &no_pins()));
            let ch = what_if(&it, budget, &no_pins());
            assert!(ch.exact, "{name}");
            // A dozen projects in whole thousands: the dynamic programme's table is small.
            assert_eq!(
                ch.method,
                Some(knapsack::Method::DynamicProgramme),
                "{name} {measure:?}"
            );
            assert!(ch.money_kept <= budget, "{name}");
            // Every subset of the valued live projects.
            let free: Vec<&Item> = it
                .iter()
                .filter(|i| !i.closed && i.value.is_some())
                .collect();
            assert!(free.len() <= 16, "{name}: {} to try", free.len());
            let mut best = (0.0f64, 0i64);
            for mask in 0u32..(1 << free.len()) {
                let (mut v, mut c) = (0.0, 0i64);
                for (b, i) in free.iter().enumerate() {
                    if mask >> b & 1 == 1 {
                        v += i.value.unwrap().total;
                        c += i.cost;
                    }
                }
                if c <= budget && (v > best.0 + 1e-9 || ((v - best.0).abs() <= 1e-9 && c < best.1))
                {
                    best = (v, c);
                }
            }
            assert!((ch.value_kept - best.0).abs() < 1e-9, "{name} {measure:?}");
            assert_eq!(ch.money_kept, best.1, "{name} {measure:?}");
        }
    }
}
