//! Pane 5, the balance (issue 15): the matrix by two dimensions chosen with `r` and `c`,
//! every value of a dimension shown, `b` for own share, `Enter` on a cell filtering the
//! other panes to its projects, and the funding table's programmes likewise. Keys go
//! through the real key map and `update`; screens are drawn on `TestBackend`.

mod common;

use crossterm::event::KeyCode;

use common::keys::{SIZES, app_at, press, text, typ};
use styr::app::{App, Pane};
use styr::text::Lang;

/// The ids of the visible projects, sorted.
fn visible_ids(a: &App) -> Vec<String> {
    let mut v: Vec<String> = a
        .visible
        .iter()
        .map(|&i| a.portfolio.projects[i].id.clone())
        .collect();
    v.sort();
    v
}

/// The ids of the projects with this unit and instrument, sorted.
fn ids_where(a: &App, unit: &str, instrument: &str) -> Vec<String> {
    let mut v: Vec<String> = a
        .portfolio
        .projects
        .iter()
        .filter(|p| p.unit.as_deref() == Some(unit) && p.instrument.as_deref() == Some(instrument))
        .map(|p| p.id.clone())
        .collect();
    v.sort();
    v
}

/// The screen line that starts (after the frame) with `label`.
fn line_with<'a>(screen: &'a str, label: &str) -> Option<&'a str> {
    screen
        .lines()
        .find(|l| l.trim_start_matches(['┃', '│']).starts_with(label))
}

#[test]
fn five_opens_the_balance_by_unit_and_instrument_with_every_unit_shown() {
    for lang in [Lang::Nb, Lang::En] {
        for (w, h) in SIZES {
            let mut a = app_at(lang, w, h);
            press(&mut a, KeyCode::Char('5'));
            assert_eq!(a.pane, Pane::Balance);
            let screen = text(&a, w, h);
            let (title, total) = match lang {
                Lang::Nb => ("5 Balanse · Ansvar × Virkemiddel · planlagt", "Sum"),
                Lang::En => ("5 Balance · Unit × Instrument · planned", "Total"),
            };
            assert!(screen.contains(title), "{lang:?} {w}x{h}:\n{screen}");
            // Every unit in the file is a row, with its projects counted.
            let mut units: Vec<&str> = a
                .portfolio
                .projects
                .iter()
                .filter_map(|p| p.unit.as_deref())
                .collect();
            units.sort();
            units.dedup();
            for u in units {
                let n = a
                    .portfolio
                    .projects
                    .iter()
                    .filter(|p| p.unit.as_deref() == Some(u))
                    .count();
                let row = line_with(&screen, u).unwrap_or_else(|| panic!("row {u}:\n{screen}"));
                assert!(row.contains(&format!("{n} · ")), "{u} counts {n}: {row}");
            }
            // The total row counts every project once.
            let all = a.portfolio.projects.len();
            let row = line_with(&screen, total).expect("the total row");
            assert!(row.contains(&format!("{all} · ")), "{row}");
        }
    }
}

#[test]
fn r_once_gives_level_by_instrument_with_every_level_shown_even_empty() {
    for lang in [Lang::Nb, Lang::En] {
        let (w, h) = (80, 24);
        let mut a = app_at(lang, w, h);
        typ(&mut a, "5r");
        let screen = text(&a, w, h);
        let (title, levels) = match lang {
            Lang::Nb => (
                "Nivå × Virkemiddel",
                ["Lokalt", "Regionalt", "Nasjonalt", "Internasjonalt"],
            ),
            Lang::En => (
                "Level × Instrument",
                ["Local", "Regional", "National", "International"],
            ),
        };
        assert!(screen.contains(title), "{screen}");
        for level in levels {
            assert!(line_with(&screen, level).is_some(), "{level}:\n{screen}");
        }
        // `c` moves the columns on, never onto the rows' dimension; `x` swaps.
        typ(&mut a, "x");
        assert_eq!(
            (a.balance.rows, a.balance.cols),
            (
                styr::model::balance::Dimension::Instrument,
                styr::model::balance::Dimension::Level
            )
        );
        for _ in 0..10 {
            typ(&mut a, "c");
            assert_ne!(a.balance.rows, a.balance.cols);
        }
    }
}

#[test]
fn enter_on_a_cell_filters_the_other_panes_to_its_projects_and_esc_clears() {
    let (w, h) = (120, 40);
    let mut a = app_at(Lang::Nb, w, h);
    let all = a.portfolio.projects.len();
    press(&mut a, KeyCode::Char('5'));
    // The first cell with projects: walk the cursor to it through the real keys.
    let (r, c) = {
        let comp = a.balance.computed(&a);
        let m = &comp.matrix;
        (0..m.row_keys.len())
            .flat_map(|r| (0..m.col_keys.len()).map(move |c| (r, c)))
            .find(|&(r, c)| m.cell(r, c).count > 0)
            .expect("a cell with projects")
    };
    for _ in 0..r {
        press(&mut a, KeyCode::Char('j'));
    }
    for _ in 0..c {
        press(&mut a, KeyCode::Char('l'));
    }
    let (unit, instrument) = {
        let comp = a.balance.computed(&a);
        let m = &comp.matrix;
        (
            m.row_keys[r].label(m.rows, Lang::Nb),
            m.col_keys[c].label(m.cols, Lang::Nb),
        )
    };
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.pane, Pane::Projects, "the list shows the cell's projects");
    assert_eq!(visible_ids(&a), ids_where(&a, &unit, &instrument));
    let screen = text(&a, w, h);
    assert!(
        screen.contains(&format!("{unit} × {instrument}")),
        "the status line names the cell:\n{screen}"
    );
    // Back in the balance, the matrix counts the filter's projects, and says so.
    press(&mut a, KeyCode::Char('5'));
    let screen = text(&a, w, h);
    let n = a.visible.len();
    assert!(
        screen.contains(&format!("· {n} av {all} prosjekter")),
        "{screen}"
    );
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.visible.len(), all, "Esc clears the filter");
}

#[test]
fn b_sums_the_own_share_instead_of_the_planned_budget() {
    let (w, h) = (120, 40);
    let mut a = app_at(Lang::En, w, h);
    typ(&mut a, "5");
    let planned = a.balance.computed(&a).matrix.total.amount;
    typ(&mut a, "b");
    let screen = text(&a, w, h);
    assert!(screen.contains("Unit × Instrument · own share"), "{screen}");
    let own = a.balance.computed(&a).matrix.total.amount;
    let expected: i64 = a
        .portfolio
        .projects
        .iter()
        .filter_map(|p| p.budget.as_ref())
        .map(|b| styr::model::figures::budget_figures(b).own_share)
        .sum();
    assert_eq!(own, expected);
    assert!(own < planned, "granted funding makes the own share smaller");
}

#[test]
fn enter_on_a_programme_filters_to_the_projects_funded_by_it() {
    let (w, h) = (120, 40);
    let mut a = app_at(Lang::En, w, h);
    press(&mut a, KeyCode::Char('5'));
    // Down past the matrix's rows and its total onto the first programme.
    let (rows, first) = {
        let comp = a.balance.computed(&a);
        (
            comp.matrix.row_keys.len(),
            comp.funding.programmes[0].source.clone(),
        )
    };
    for _ in 0..=rows {
        press(&mut a, KeyCode::Char('j'));
    }
    let screen = text(&a, w, h);
    assert!(screen.contains("External funding by programme"), "{screen}");
    press(&mut a, KeyCode::Enter);
    let mut expected: Vec<String> = a
        .portfolio
        .projects
        .iter()
        .filter(|p| {
            p.budget
                .as_ref()
                .is_some_and(|b| b.funding.iter().any(|f| f.source == first))
        })
        .map(|p| p.id.clone())
        .collect();
    expected.sort();
    assert_eq!(visible_ids(&a), expected, "{first}");
}

#[test]
fn the_balance_is_drawn_the_same_way_each_time() {
    for lang in [Lang::Nb, Lang::En] {
        for (w, h) in SIZES {
            let mut a = app_at(lang, w, h);
            press(&mut a, KeyCode::Char('5'));
            let name = format!("balance_{lang:?}_{w}x{h}").to_lowercase();
            insta::assert_snapshot!(name, text(&a, w, h));
        }
    }
}

#[test]
fn an_edit_elsewhere_shows_in_the_matrix_at_once() {
    use styr::model::Health;
    use styr::model::balance::{Dimension, Key};
    let (w, h) = (120, 40);
    let mut a = app_at(Lang::En, w, h);
    press(&mut a, KeyCode::Char('5'));
    while a.balance.rows != Dimension::Health {
        typ(&mut a, "r");
    }
    let reds = |a: &App| {
        let c = a.balance.computed(a);
        let m = &c.matrix;
        let r = m
            .row_keys
            .iter()
            .position(|k| *k == Key::Health(Health::Red))
            .expect("a row for red");
        m.row_totals[r].count
    };
    let before = reds(&a);
    // In the list, a project that is not red: health → red (3 in the health picker).
    press(&mut a, KeyCode::Char('2'));
    while a
        .selected()
        .is_some_and(|pi| a.portfolio.projects[pi].health == Some(Health::Red))
    {
        press(&mut a, KeyCode::Char('j'));
    }
    typ(&mut a, "H3");
    press(&mut a, KeyCode::Char('5'));
    assert_eq!(reds(&a), before + 1, "the matrix counts the edit");
    let screen = text(&a, w, h);
    assert!(screen.contains("Health × Instrument"), "{screen}");
}
