//! The matrix's sums: one-valued dimensions count a project once per axis, many-valued
//! ones in every cell it belongs to, totals count distinct projects and money once.

use super::*;
use crate::model::figures::compute;
use crate::model::load::parse;

const FILE: &str = r#"(name: "T", organisation: "O", as_of: "2026-06-01",
    levels: ["Satsingsområde", "Hovedmål"],
    goals: [
        (id: "a", title: "A", children: [(id: "a.1", title: "A1"), (id: "a.2", title: "A2")]),
        (id: "b", title: "B"),
        (id: "c", title: "C, served by nobody"),
    ],
    projects: [
        (id: "P0", name: "two top goals, two sources", unit: "Kultur", instrument: "EU-prosjekt",
         level: International, status: Active, health: Green, goals: ["a.1", "b"],
         budget: (planned: 100, funding: [
            (source: "Interreg", amount: 30),
            (source: "Erasmus+", amount: 20, status: Applied),
         ])),
        (id: "P1", name: "two goals under one top goal", unit: "Kultur", instrument: "Nettverk",
         level: Regional, status: Active, health: Red, goals: ["a.1", "a.2"],
         budget: (planned: 50, funding: [(source: "Interreg", amount: 10, status: Rejected)])),
        (id: "P2", name: "one of each", unit: "Oppvekst", instrument: "EU-prosjekt",
         level: International, goals: ["b"],
         budget: (planned: 200, funding: [(source: "Erasmus+", amount: 150)])),
        (id: "P3", name: "nothing set", instrument: "Nettverk", status: OnHold),
        (id: "P4", name: "an unknown goal", unit: " Økonomi ", instrument: "EU-prosjekt",
         level: Local, goals: ["nowhere"], budget: (planned: 10)),
    ],
)"#;

fn file() -> Portfolio {
    parse(FILE).unwrap()
}

const ALL: [usize; 5] = [0, 1, 2, 3, 4];

fn labels(keys: &[Key], dim: Dimension, lang: Lang) -> Vec<String> {
    keys.iter().map(|k| k.label(dim, lang)).collect()
}

/// (count, amount, projects) of a cell.
fn cell(c: &Cell) -> (usize, i64, &[usize]) {
    (c.count, c.amount, &c.projects)
}

#[test]
fn unit_by_instrument_counts_each_project_once() {
    let p = file();
    let m = balance(
        &p,
        None,
        &ALL,
        Dimension::Unit,
        Dimension::Instrument,
        Measure::Planned,
    );
    assert_eq!(
        labels(&m.row_keys, m.rows, Lang::Nb),
        ["Kultur", "Oppvekst", "Økonomi", "(uten ansvar)"]
    );
    assert_eq!(
        labels(&m.col_keys, m.cols, Lang::En),
        ["EU-prosjekt", "Nettverk"]
    );
    assert_eq!(cell(m.cell(0, 0)), (1, 100, &[0][..]));
    assert_eq!(cell(m.cell(0, 1)), (1, 50, &[1][..]));
    assert_eq!(cell(m.cell(1, 0)), (1, 200, &[2][..]));
    assert_eq!(cell(m.cell(1, 1)), (0, 0, &[][..]));
    assert_eq!(cell(m.cell(2, 0)), (1, 10, &[4][..]));
    assert_eq!(cell(m.cell(3, 1)), (1, 0, &[3][..]));
    assert_eq!(cell(&m.row_totals[0]), (2, 150, &[0, 1][..]));
    assert_eq!(cell(&m.col_totals[0]), (3, 310, &[0, 2, 4][..]));
    assert_eq!(cell(&m.total), (5, 360, &ALL[..]));
    // Outside the matrix: empty, never a panic.
    assert_eq!(m.cell(9, 0).count, 0);
    assert_eq!(m.cell(0, 9).count, 0);
}

#[test]
fn one_valued_cells_add_up_to_their_totals() {
    let p = file();
    let one = [
        Dimension::Unit,
        Dimension::Instrument,
        Dimension::Level,
        Dimension::Status,
        Dimension::Health,
    ];
    for rows in one {
        for cols in one {
            let m = balance(&p, None, &ALL, rows, cols, Measure::Planned);
            for (r, total) in m.row_totals.iter().enumerate() {
                let n: usize = (0..m.col_keys.len()).map(|c| m.cell(r, c).count).sum();
                let a: i64 = (0..m.col_keys.len()).map(|c| m.cell(r, c).amount).sum();
                assert_eq!(
                    (n, a),
                    (total.count, total.amount),
                    "{rows:?} × {cols:?} row {r}"
                );
            }
            for (c, total) in m.col_totals.iter().enumerate() {
                let n: usize = (0..m.row_keys.len()).map(|r| m.cell(r, c).count).sum();
                assert_eq!(n, total.count, "{rows:?} × {cols:?} column {c}");
            }
            let rows_sum: usize = m.row_totals.iter().map(|t| t.count).sum();
            assert_eq!(rows_sum, 5, "{rows:?} × {cols:?}");
            assert_eq!((m.total.count, m.total.amount), (5, 360));
        }
    }
}

#[test]
fn empty_rows_the_dimension_knows_are_shown() {
    let p = file();
    let m = balance(
        &p,
        None,
        &ALL,
        Dimension::Level,
        Dimension::Instrument,
        Measure::Planned,
    );
    assert_eq!(
        labels(&m.row_keys, m.rows, Lang::Nb),
        [
            "Lokalt",
            "Regionalt",
            "Nasjonalt",
            "Internasjonalt",
            "(uten nivå)"
        ]
    );
    // No national measure: the row is there, empty.
    assert_eq!(m.row_totals[2].count, 0);
    assert_eq!(cell(&m.row_totals[3]), (2, 300, &[0, 2][..]));

    let m = balance(
        &p,
        None,
        &ALL,
        Dimension::Status,
        Dimension::Health,
        Measure::Planned,
    );
    assert_eq!(
        labels(&m.row_keys, m.rows, Lang::En),
        ["Proposed", "Active", "On hold", "Completed", "Stopped"]
    );
    assert_eq!(
        labels(&m.col_keys, m.cols, Lang::En),
        ["Green", "Amber", "Red", "not reported"]
    );
    assert_eq!(m.row_totals[3].count, 0);
    assert_eq!(m.col_totals[1].count, 0);

    // A filter keeps the file's units and instruments as rows; "(none)" only when used.
    let m = balance(
        &p,
        None,
        &[2],
        Dimension::Unit,
        Dimension::Instrument,
        Measure::Planned,
    );
    assert_eq!(
        labels(&m.row_keys, m.rows, Lang::Nb),
        ["Kultur", "Oppvekst", "Økonomi"]
    );
    assert_eq!(m.col_keys.len(), 2);
    assert_eq!(cell(&m.total), (1, 200, &[2][..]));
}

#[test]
fn a_many_valued_dimension_counts_in_every_cell_and_the_totals_once() {
    let p = file();
    let m = balance(
        &p,
        None,
        &ALL,
        Dimension::Goal,
        Dimension::Level,
        Measure::Planned,
    );
    assert_eq!(m.rows.name(&p).get(Lang::En), "Satsingsområde");
    assert_eq!(
        labels(&m.row_keys, m.rows, Lang::En),
        ["A", "B", "C, served by nobody", "(no goal)"]
    );
    // P0 serves A and B; P1 serves A through two goals, counted once.
    assert_eq!(cell(&m.row_totals[0]), (2, 150, &[0, 1][..]));
    assert_eq!(cell(&m.row_totals[1]), (2, 300, &[0, 2][..]));
    assert_eq!(cell(&m.row_totals[2]), (0, 0, &[][..]));
    assert_eq!(cell(&m.row_totals[3]), (2, 10, &[3, 4][..]));
    // The rows add up to more than the portfolio; the total is each project once.
    let rows_sum: usize = m.row_totals.iter().map(|t| t.count).sum();
    assert_eq!(rows_sum, 6);
    assert_eq!((m.total.count, m.total.amount), (5, 360));
    // The one-valued columns still count each project once.
    let cols_sum: usize = m.col_totals.iter().map(|t| t.count).sum();
    assert_eq!(cols_sum, 5);
    let international = 3;
    assert_eq!(cell(m.cell(0, international)), (1, 100, &[0][..]));
    assert_eq!(cell(m.cell(1, international)), (2, 300, &[0, 2][..]));
}

#[test]
fn funding_sources_are_the_ones_counted_on() {
    let p = file();
    let m = balance(
        &p,
        None,
        &ALL,
        Dimension::Source,
        Dimension::Goal,
        Measure::Planned,
    );
    // Interreg is known (P1 applied there) though only P0 counts on it.
    assert_eq!(
        labels(&m.row_keys, m.rows, Lang::Nb),
        ["Erasmus+", "Interreg", "(uten ekstern finansiering)"]
    );
    assert_eq!(cell(&m.row_totals[0]), (2, 300, &[0, 2][..]));
    assert_eq!(cell(&m.row_totals[1]), (1, 100, &[0][..]));
    assert_eq!(cell(&m.row_totals[2]), (3, 60, &[1, 3, 4][..]));
    // Both many-valued: P0 is in four cells, the total still once.
    let p0_cells = (0..m.row_keys.len())
        .flat_map(|r| (0..m.col_keys.len()).map(move |c| (r, c)))
        .filter(|&(r, c)| m.cell(r, c).projects.contains(&0))
        .count();
    assert_eq!(p0_cells, 4);
    assert_eq!((m.total.count, m.total.amount), (5, 360));
}

#[test]
fn own_share_and_figures_give_the_same_money() {
    let p = file();
    let fig = compute(&p);
    let a = balance(
        &p,
        None,
        &ALL,
        Dimension::Unit,
        Dimension::Level,
        Measure::OwnShare,
    );
    let b = balance(
        &p,
        Some(&fig),
        &ALL,
        Dimension::Unit,
        Dimension::Level,
        Measure::OwnShare,
    );
    assert_eq!(a, b);
    // 70 + 50 + 50 + 0 + 10: granted money is not the organisation's.
    assert_eq!(a.total.amount, 180);
    assert_eq!(a.row_totals[0].amount, 120);
    let international = 3;
    assert!((a.share(a.cell(0, international)) - 70.0 / 180.0).abs() < 1e-12);
}

#[test]
fn repeated_and_unknown_indices_are_skipped() {
    let p = file();
    let m = balance(
        &p,
        None,
        &[0, 0, 99, 2],
        Dimension::Level,
        Dimension::Unit,
        Measure::Planned,
    );
    assert_eq!(cell(&m.total), (2, 300, &[0, 2][..]));
}

#[test]
fn an_empty_portfolio_has_the_enum_rows_and_no_others() {
    let p = parse(r#"(name: "T", organisation: "O", goals: [], projects: [])"#).unwrap();
    let m = balance(
        &p,
        None,
        &[],
        Dimension::Goal,
        Dimension::Level,
        Measure::Planned,
    );
    assert!(m.row_keys.is_empty());
    assert_eq!(m.col_keys.len(), 4);
    assert_eq!(m.share(&m.total), 0.0);
    assert_eq!(Dimension::Goal.name(&p).get(Lang::Nb), "Øverste mål");
    let m = balance(
        &p,
        None,
        &[],
        Dimension::Unit,
        Dimension::Source,
        Measure::Planned,
    );
    assert!(m.row_keys.is_empty() && m.col_keys.is_empty());
}

#[test]
fn shares_by_count_when_there_is_no_money() {
    let p = file();
    let m = balance(
        &p,
        None,
        &[3],
        Dimension::Status,
        Dimension::Level,
        Measure::Planned,
    );
    assert_eq!(m.total.amount, 0);
    assert_eq!(m.share(&m.row_totals[2]), 1.0);
}

#[test]
fn dimensions_cycle_both_ways() {
    for d in Dimension::ALL {
        assert_eq!(d.next().prev(), d);
    }
    assert_eq!(Dimension::Health.next(), Dimension::Unit);
    assert_eq!(Dimension::Unit.prev(), Dimension::Health);
    let many: Vec<Dimension> = Dimension::ALL
        .into_iter()
        .filter(|d| d.is_many_valued())
        .collect();
    assert_eq!(many, [Dimension::Goal, Dimension::Source]);
    assert_eq!(Measure::Planned.toggle(), Measure::OwnShare);
}
