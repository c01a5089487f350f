//! Values FORMAT.md bounds: amounts are 0 to 10^15 and every sum of them can be counted;
//! ids are not empty.

use super::load::MAX_AMOUNT;
use super::locate::{field, index};
use super::progress::NOBODY;
use super::save::amount;
use super::tree::GoalTree;
use super::types::Portfolio;
use super::validate::Findings;
use super::validate_words::{self as w, Unnamed};

pub(super) fn check(p: &Portfolio, tree: &GoalTree, f: &mut Findings) {
    check_ids(p, tree, f);
    check_amounts(p, f);
}

fn check_ids(p: &Portfolio, tree: &GoalTree, f: &mut Findings) {
    for (i, c) in p.criteria.iter().enumerate() {
        if c.id.is_empty() {
            f.error(
                field(&index(".criteria", i), "id"),
                w::empty_id(Unnamed::Criterion(&c.name), "goals"),
            );
        }
    }
    for (g, node) in tree.goals.iter().zip(&tree.nodes) {
        if g.id.is_empty() {
            f.error(
                field(&node.path, "id"),
                w::empty_id(Unnamed::Goal(&g.title), "klima.d1"),
            );
        }
    }
    f.per_project(p, &NOBODY, |pi, pr, f| {
        // Paths and names are built only for a finding: most projects have none.
        let path = || index(".projects", pi);
        if pr.id.is_empty() {
            f.error(
                field(&path(), "id"),
                w::empty_id(Unnamed::Project(&pr.name), "P-01"),
            );
        }
        for (ri, r) in pr.risks.iter().enumerate() {
            if r.id.is_empty() {
                f.error(
                    field(&index(&field(&path(), "risks"), ri), "id"),
                    w::empty_id(
                        Unnamed::Risk {
                            title: &r.title,
                            project: &pr.name,
                        },
                        "R1",
                    ),
                );
            }
        }
    });
}

/// One amount of a budget: which, for its path and its name in a message.
#[derive(Clone, Copy)]
pub(super) enum Amount {
    Planned,
    Spent,
    Funding(usize),
}

/// Every amount 0 to [`MAX_AMOUNT`]; and all of them together within what an `i64`
/// holds, so that no total styr shows (planned, spent, granted, own share, per goal, per
/// source) can overflow or saturate. That takes more than 9,000 amounts at the limit.
fn check_amounts(p: &Portfolio, f: &mut Findings) {
    use rayon::prelude::*;
    // Most files have nothing to say here: every amount within bounds and their sum
    // far from the limit, seen on every core. Otherwise one pass finds the first place.
    let fine = p
        .projects
        .par_iter()
        .filter_map(|pr| pr.budget.as_ref())
        .try_fold(
            || 0i128,
            |sum, b| {
                let mut amounts = [b.planned, b.spent]
                    .into_iter()
                    .chain(b.funding.iter().map(|fu| fu.amount));
                amounts.try_fold(sum, |s, v| {
                    (0..=MAX_AMOUNT).contains(&v).then(|| s + i128::from(v))
                })
            },
        )
        .try_reduce(|| 0, |a, b| Some(a + b))
        .is_some_and(|total| total <= i128::from(i64::MAX));
    if fine {
        return;
    }
    let mut total: i128 = 0;
    let mut counted = true;
    for (pi, pr) in p.projects.iter().enumerate() {
        let Some(b) = &pr.budget else { continue };
        let budget = || field(&index(".projects", pi), "budget");
        let place = |a: Amount| match a {
            Amount::Planned => field(&budget(), "planned"),
            Amount::Spent => field(&budget(), "spent"),
            Amount::Funding(i) => field(&index(&field(&budget(), "funding"), i), "amount"),
        };
        let what = |a: Amount| {
            let source = match a {
                Amount::Funding(i) => b.funding.get(i).map_or("", |fu| fu.source.as_str()),
                _ => "",
            };
            w::budget_amount(a, source, pr)
        };
        let amounts = [(Amount::Planned, b.planned), (Amount::Spent, b.spent)]
            .into_iter()
            .chain(
                b.funding
                    .iter()
                    .enumerate()
                    .map(|(i, fu)| (Amount::Funding(i), fu.amount)),
            );
        for (a, v) in amounts {
            if v < 0 {
                f.error(place(a), w::negative_amount(&what(a), &amount(v)));
                counted = false;
            } else if v > MAX_AMOUNT {
                f.error(
                    place(a),
                    w::amount_above_limit(&what(a), &amount(v), &amount(MAX_AMOUNT)),
                );
                counted = false;
            } else if counted {
                total += i128::from(v);
                if total > i128::from(i64::MAX) {
                    f.error(place(a), w::sum_too_large(&amount(i64::MAX)));
                    counted = false;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::validate::testing::*;

    #[test]
    fn negative_amounts_are_errors_at_their_place() {
        let text = r#"(name: "T", organisation: "O", goals: [(id: "a", title: "A")],
    projects: [(id: "P1", name: "One", goals: ["a"], results: [(name: "r", target: 1)],
                budget: (planned: -5, spent: -1_000,
                         funding: [(source: "Erasmus+", amount: -300_000)]))],
)"#;
        let e = of(text, Severity::Error);
        assert_eq!(e.len(), 3, "{e:#?}");
        assert_at(
            &e[0],
            3,
            35,
            &[
                "the planned cost of project `P1` (\"One\") is -5, below 0; amounts are whole numbers from 0 to 10^15",
            ],
        );
        assert_at(
            &e[1],
            3,
            46,
            &["the amount spent of project `P1` (\"One\") is -1_000, below 0"],
        );
        assert_at(
            &e[2],
            4,
            65,
            &["the funding from \"Erasmus+\" of project `P1` (\"One\") is -300_000, below 0"],
        );
        // Not a warning about overspending.
        assert!(of(text, Severity::Warning).is_empty(), "{:#?}", run(text));
    }

    #[test]
    fn amounts_above_ten_to_the_fifteenth_are_errors() {
        let text = r#"(name: "T", organisation: "O", goals: [(id: "a", title: "A")],
    projects: [(id: "P1", name: "One", goals: ["a"], results: [(name: "r", target: 1)],
                budget: (planned: 1_000_000_000_000_000,
                         funding: [(source: "S", amount: 9_223_372_036_854_775_807),
                                   (source: "S", amount: 1_000_000_000_000_001)]))],
)"#;
        let e = of(text, Severity::Error);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_at(
            &e[0],
            4,
            58,
            &[
                "the funding from \"S\" of project `P1` (\"One\") is 9_223_372_036_854_775_807, above the limit of 10^15 (1_000_000_000_000_000)",
            ],
        );
        assert_at(&e[1], 5, 58, &["is 1_000_000_000_000_001, above the limit"]);
    }

    #[test]
    fn sums_that_would_not_fit_are_refused() {
        // 9,224 amounts at the limit add up past i64::MAX (9,223.37… × 10^15).
        let funding = "(source: \"S\", amount: 1_000_000_000_000_000),\n".repeat(9_223);
        let text = format!(
            "(name: \"T\", organisation: \"O\", goals: [(id: \"a\", title: \"A\")],\n projects: [(id: \"P1\", name: \"One\", goals: [\"a\"], results: [(name: \"r\", target: 1)],\n budget: (planned: 1_000_000_000_000_000, funding: [\n{funding}]))])"
        );
        let e = of(&text, Severity::Error);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_at(
            &e[0],
            4 + 9_222,
            23,
            &[
                "the amounts up to here add up to more than 9_223_372_036_854_775_807, more than styr can total",
            ],
        );
        // One fewer fits.
        let text = text.replacen("(source: \"S\", amount: 1_000_000_000_000_000),\n", "", 1);
        assert!(of(&text, Severity::Error).is_empty());
    }

    #[test]
    fn empty_ids_are_errors() {
        let text = r#"(name: "T", organisation: "O",
    criteria: [(id: "", name: "Mål", weight: 1)],
    goals: [(id: "a", title: "A", children: [(id: "", title: "Tom")])],
    projects: [
        (id: "", name: "Uten id", goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)],
         risks: [(id: "", title: "Risiko", probability: 1, consequence: 1)]),
    ],
)"#;
        let e = of(text, Severity::Error);
        assert_eq!(e.len(), 4, "{e:#?}");
        assert_at(
            &e[0],
            2,
            21,
            &["criterion \"Mål\" has an empty id; give it one, e.g. `id: \"goals\"`"],
        );
        assert_at(&e[1], 3, 51, &["goal \"Tom\" has an empty id"]);
        assert_at(
            &e[2],
            5,
            14,
            &["project \"Uten id\" has an empty id", "`id: \"P-01\"`"],
        );
        assert_at(
            &e[3],
            6,
            23,
            &["risk \"Risiko\" in project \"Uten id\" has an empty id"],
        );
    }

    #[test]
    fn two_empty_ids_are_two_empty_ids_not_a_duplicate() {
        let text = r#"(name: "T", organisation: "O", goals: [],
    projects: [(id: "", name: "A"), (id: "", name: "B")],
)"#;
        let e = of(text, Severity::Error);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(
            e.iter().all(|d| d.message.contains("has an empty id")),
            "{e:#?}"
        );
    }
}
