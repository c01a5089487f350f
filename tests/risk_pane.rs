//! The risks pane agrees with itself (issue 13, point 5): the title's counts are the
//! matrix's and the register's, the first move over the matrix goes one cell from a
//! cursor the user can see, one `Esc` lets go of a chosen cell, and `Esc` goes back to
//! where the user came from — from a project opened from the register to the register.
//!
//! Keys go through the real key map and `update`; screens are drawn on `TestBackend`.

mod common;

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

use common::keys::{SIZES, app_at, pair, press, register_on, risk_at, text, typ};
use styr::app::update::update;
use styr::app::{Action, App, Pane, RiskFocus};
use styr::model::{Date, RiskStatus, load_str};
use styr::text::Lang;
use styr::ui::{self, Theme, ThemeName};

/// The number after `label` in `screen`: "alle celler: 6 åpne" → 6 after "alle celler: ".
fn number_after(screen: &str, label: &str) -> Option<usize> {
    let at = screen.find(label)? + label.len();
    let digits: String = screen[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

#[test]
fn the_title_says_which_count_is_the_matrixs_and_which_the_registers() {
    // The fixture: six open risks in the matrix, one mitigated one in the register.
    for lang in [Lang::Nb, Lang::En] {
        for (w, h) in SIZES {
            let mut a = app_at(lang, w, h);
            press(&mut a, KeyCode::Char('3'));
            let screen = text(&a, w, h);
            let (title, heading) = match lang {
                Lang::Nb => ("alle celler: 6 åpne + 1 redusert", "Åpne risikoer (6)"),
                Lang::En => ("all cells: 6 open + 1 mitigated", "Open risks (6)"),
            };
            assert!(screen.contains(title), "{lang:?} {w}x{h}:\n{screen}");
            assert!(screen.contains(heading), "{lang:?} {w}x{h}:\n{screen}");
            // A chosen cell: its open risks, as many as the cell shows.
            typ(&mut a, "jk"); // P4 × C4
            let screen = text(&a, w, h);
            let one = lang.pick("P4 × K4: 1 åpen", "P4 × C4: 1 open");
            assert!(screen.contains(one), "{lang:?} {w}x{h}:\n{screen}");
        }
    }
}

#[test]
fn on_every_sample_portfolio_the_open_count_is_the_same_in_the_title_and_the_matrix() {
    let files = [
        ("hamar", include_str!("../data/hamar.ron")),
        ("lillestrom", include_str!("../data/lillestrom.ron")),
        ("akershus", include_str!("../data/akershus.ron")),
        ("fredrikstad", include_str!("../data/fredrikstad.ron")),
    ];
    for (name, src) in files {
        let p = load_str(src).portfolio.expect("the sample loads");
        let mitigated = p
            .projects
            .iter()
            .flat_map(|pr| &pr.risks)
            .filter(|r| r.status == RiskStatus::Mitigated)
            .count();
        for lang in [Lang::Nb, Lang::En] {
            let date = Date::parse("2026-11-26").unwrap();
            let mut a = App::new(p.clone(), format!("{name}.ron"), lang, date);
            update(&mut a, Action::Resize(80, 24));
            press(&mut a, KeyCode::Char('3'));
            let screen = text(&a, 80, 24);
            let scope = lang.pick("alle celler: ", "all cells: ");
            let heading = lang.pick("Åpne risikoer (", "Open risks (");
            let open = number_after(&screen, scope).expect("the title counts");
            let in_matrix = number_after(&screen, heading).expect("the heading counts");
            assert_eq!(open, in_matrix, "{name} {lang:?}:\n{screen}");
            assert_eq!(open + mitigated, a.risk_rows.len(), "{name}");
            if mitigated > 0 {
                let word = match (lang, mitigated) {
                    (Lang::Nb, 1) => "1 redusert".to_string(),
                    (Lang::Nb, n) => format!("{n} reduserte"),
                    (Lang::En, n) => format!("{n} mitigated"),
                };
                assert!(
                    screen.contains(&format!("{open} {} + {word}", lang.pick("åpne", "open"))),
                    "{name} {lang:?}: the mitigated ones are named:\n{screen}"
                );
            }
        }
    }
}

/// The matrix cell P`p` × C`c` as drawn at 80×24 (the pane alone), and whether its
/// count is drawn reversed (the cursor).
fn cell(a: &App, p: i64, c: i64) -> (String, bool) {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| ui::draw(f, a, &Theme::new(ThemeName::Default)))
        .unwrap();
    let buf = t.backend().buffer();
    // Rows: the heading at 2, P5 at 3 … P1 at 7; each cell five columns from x = 4.
    let y = 3 + (5 - p) as u16;
    let x0 = 4 + (c as u16 - 1) * 5;
    let s: String = (x0..x0 + 5).map(|x| buf[(x, y)].symbol()).collect();
    let reversed = buf[(x0 + 1, y)].modifier.contains(Modifier::REVERSED);
    (s.trim().to_string(), reversed)
}

#[test]
fn the_first_move_goes_one_cell_from_the_cursor_the_matrix_shows() {
    // The cursor starts on the top risk's cell, P4 × C4 (T-01 R1, 4 × 4 = 16), drawn
    // as the cursor but not chosen: no brackets, the register lists every cell.
    let mut a = app_at(Lang::Nb, 80, 24);
    press(&mut a, KeyCode::Char('3'));
    assert_eq!(a.risk_cell, (4, 4));
    assert!(!a.risk_cell_active);
    assert_eq!(cell(&a, 4, 4), ("■ 1".to_string(), true));
    assert!(!cell(&a, 5, 5).1, "no cursor in the corner");
    for (key, to) in [('l', (4, 5)), ('k', (5, 4)), ('h', (4, 3)), ('j', (3, 4))] {
        let mut a = app_at(Lang::Nb, 80, 24);
        press(&mut a, KeyCode::Char('3'));
        press(&mut a, KeyCode::Char(key));
        assert_eq!(a.risk_cell, to, "the first {key}: one cell");
        assert!(a.risk_cell_active, "{key} chooses the cell");
        let (text, reversed) = cell(&a, to.0, to.1);
        assert!(text.starts_with('[') && reversed, "{key}: {text:?}");
    }
    // At an edge the cursor stays (and chooses the cell it is on).
    let mut a = app_at(Lang::En, 80, 24);
    press(&mut a, KeyCode::Char('3'));
    typ(&mut a, "kk");
    assert_eq!(a.risk_cell, (5, 4));
}

#[test]
fn one_esc_lets_go_of_the_chosen_cell_from_the_register_and_from_the_matrix() {
    for (w, h) in SIZES {
        // From the register: Enter on a chosen cell lists its risks; one Esc shows
        // every cell again, back on the matrix, the cursor where it was.
        let mut a = app_at(Lang::En, w, h);
        press(&mut a, KeyCode::Char('3'));
        typ(&mut a, "jk"); // P4 × C4
        press(&mut a, KeyCode::Enter);
        assert_eq!(a.risk_focus, RiskFocus::Register);
        assert_eq!(a.risk_rows.len(), 1);
        press(&mut a, KeyCode::Esc);
        assert!(!a.risk_cell_active, "{w}x{h}: one Esc");
        assert_eq!(a.risk_focus, RiskFocus::Matrix);
        assert_eq!(a.risk_rows.len(), 7);
        assert_eq!(a.risk_cell, (4, 4));
        assert_eq!(
            risk_at(&a),
            pair("T-01", "R1"),
            "the register's cursor kept"
        );
        assert!(text(&a, w, h).contains("all cells: 6 open + 1 mitigated"));
        // From the matrix: one Esc too.
        press(&mut a, KeyCode::Char('h'));
        assert!(a.risk_cell_active);
        press(&mut a, KeyCode::Esc);
        assert!(!a.risk_cell_active);
        // With no cell chosen, Esc goes on to what else is open (here: nothing).
        press(&mut a, KeyCode::Esc);
        assert_eq!(a.pane, Pane::Risks);
    }
}

#[test]
fn esc_from_a_project_opened_from_the_register_goes_back_to_the_register() {
    for (w, h) in SIZES {
        let mut a = app_at(Lang::Nb, w, h);
        register_on(&mut a, "T-04", "R1");
        let row = a.risk_cursor;
        press(&mut a, KeyCode::Enter);
        assert_eq!(a.pane, Pane::Projects);
        assert!(a.detail);
        assert!(text(&a, w, h).contains("T-04"));
        press(&mut a, KeyCode::Esc);
        assert_eq!(a.pane, Pane::Risks, "{w}x{h}: back where Enter was pressed");
        assert!(!a.detail);
        assert_eq!(a.risk_focus, RiskFocus::Register);
        assert_eq!(a.risk_cursor, row);
        assert_eq!(risk_at(&a), pair("T-04", "R1"));
        assert!(text(&a, w, h).contains("▶ Risikoregister"));

        // From a chosen cell's register: back to it, still narrowed.
        typ(&mut a, "gjk");
        press(&mut a, KeyCode::Esc); // to the matrix, every cell
        typ(&mut a, "jk"); // P4 × C4
        press(&mut a, KeyCode::Enter);
        press(&mut a, KeyCode::Enter); // T-01's detail
        assert!(a.detail);
        press(&mut a, KeyCode::Esc);
        assert_eq!((a.pane, a.risk_focus), (Pane::Risks, RiskFocus::Register));
        assert!(a.risk_cell_active);
        assert_eq!(risk_at(&a), pair("T-01", "R1"));

        // A detail opened in the list goes back to the list, as before.
        press(&mut a, KeyCode::Char('2'));
        press(&mut a, KeyCode::Enter);
        press(&mut a, KeyCode::Esc);
        assert_eq!(a.pane, Pane::Projects);
        assert!(!a.detail);
    }
}

#[test]
fn choosing_a_pane_forgets_where_the_detail_came_from() {
    let mut a = app_at(Lang::En, 120, 40);
    register_on(&mut a, "T-04", "R1");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('2')); // the list, chosen
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Esc);
    assert_eq!(
        a.pane,
        Pane::Projects,
        "the detail was opened from the list"
    );
}

#[test]
fn a_search_started_in_another_pane_goes_back_there_when_cancelled() {
    let mut a = app_at(Lang::En, 80, 24);
    press(&mut a, KeyCode::Char('1'));
    press(&mut a, KeyCode::Char('/'));
    assert_eq!(a.pane, Pane::Projects);
    typ(&mut a, "kli");
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.pane, Pane::Goals, "cancelled: back to the goals");
    assert!(a.filters.search.is_empty());
    // Kept with Enter, the list is where the user now works.
    press(&mut a, KeyCode::Char('/'));
    typ(&mut a, "kli");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.pane, Pane::Projects);
    press(&mut a, KeyCode::Esc); // clears the filter
    assert_eq!(a.pane, Pane::Projects);
}
