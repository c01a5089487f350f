//! The mouse (issue 13, point 9): crossterm's mouse events go through the same path as
//! keys — `mouse::action` turns them into `Action`s, `update` does them — and a click
//! chooses what the last frame drew under it: a tab, a pane, a row, a matrix cell, a
//! picker's entry. Off (the default) nothing happens at all.

mod common;

use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use common::keys::{app_at, pi, press, screen, select, typ};
use styr::app::update::update;
use styr::app::{Action, App, Overlay, Pane, RiskFocus, mouse};
use styr::model::Health;
use styr::text::Lang;

fn event(kind: MouseEventKind, col: u16, row: u16) -> MouseEvent {
    MouseEvent {
        kind,
        column: col,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

/// Feed a mouse event the way the event loop does.
fn feed(a: &mut App, ev: MouseEvent) {
    if let Some(action) = mouse::action(a, &ev) {
        update(a, action);
    }
}

fn click(a: &mut App, col: u16, row: u16) {
    feed(a, event(MouseEventKind::Down(MouseButton::Left), col, row));
}

fn wheel(a: &mut App, col: u16, row: u16, up: bool) {
    let kind = if up {
        MouseEventKind::ScrollUp
    } else {
        MouseEventKind::ScrollDown
    };
    feed(a, event(kind, col, row));
}

/// Draw a frame (as the event loop does before it reads the next event) and find where
/// `text` is on screen: (column, row) of its first character.
fn find(a: &App, w: u16, h: u16, text: &str) -> (u16, u16) {
    let rows = screen(a, w, h);
    for (y, row) in rows.iter().enumerate() {
        if let Some(at) = row.find(text) {
            let col = unicode_width::UnicodeWidthStr::width(&row[..at]);
            return (col as u16, y as u16);
        }
    }
    panic!("{text:?} is not on screen:\n{}", rows.join("\n"));
}

fn mouse_on(w: u16, h: u16) -> App {
    let mut a = app_at(Lang::Nb, w, h);
    a.mouse = true;
    a
}

#[test]
fn a_click_on_a_tab_goes_to_its_pane() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = mouse_on(w, h);
        for (tab, pane) in [
            ("3 Risiko", Pane::Risks),
            ("1 Mål", Pane::Goals),
            ("4 Evaluering", Pane::Evaluation),
            ("2 Prosjekter", Pane::Projects),
        ] {
            // At 80 columns the tabs may show their numbers only.
            let number = &tab[..1];
            let rows = screen(&a, w, h);
            let (x, y) = if rows[0].contains(tab) {
                find(&a, w, h, tab)
            } else {
                let at = rows[0]
                    .find(&format!(" {number} "))
                    .expect("the tab's number")
                    + 1;
                (
                    unicode_width::UnicodeWidthStr::width(&rows[0][..at]) as u16,
                    0,
                )
            };
            assert_eq!(y, 0, "the tab bar");
            click(&mut a, x, y);
            assert_eq!(a.pane, pane, "{w}x{h}: {tab}");
        }
    }
}

#[test]
fn a_click_on_a_project_row_selects_it_and_a_second_opens_it() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = mouse_on(w, h);
        assert_ne!(a.selected(), Some(pi(&a, "T-05")));
        let (x, y) = find(&a, w, h, "T-05");
        click(&mut a, x, y);
        assert_eq!(a.selected(), Some(pi(&a, "T-05")), "{w}x{h}");
        assert!(!a.detail, "the first click selects");
        find(&a, w, h, "T-05"); // the next frame
        click(&mut a, x + 10, y);
        assert!(a.detail, "{w}x{h}: a click on the selected row opens it");
    }
}

#[test]
fn the_wheel_moves_the_list_under_the_pointer() {
    let (w, h) = (120, 40);
    let mut a = mouse_on(w, h);
    let (x, y) = find(&a, w, h, "T-05");
    let before = a.project_cursor;
    wheel(&mut a, x, y, false);
    assert_eq!(a.project_cursor, before + 1);
    find(&a, w, h, "T-05");
    wheel(&mut a, x, y, true);
    assert_eq!(a.project_cursor, before);
    // Over the goal tree (not focused): it takes the focus and moves there.
    let (gx, gy) = find(&a, w, h, "1 Mål (");
    let goal = a.goal_cursor;
    wheel(&mut a, gx, gy + 3, false);
    assert_eq!(a.pane, Pane::Goals);
    assert_eq!(a.goal_cursor, goal + 1);
    // Over help: it scrolls.
    press(&mut a, KeyCode::Char('?'));
    screen(&a, w, h);
    for _ in 0..2 {
        wheel(&mut a, 60, 20, false);
    }
    assert!(matches!(a.overlay, Some(Overlay::Help { scroll }) if scroll == 6));
}

#[test]
fn a_click_on_a_picker_entry_chooses_it() {
    for lang in [Lang::Nb, Lang::En] {
        let (w, h) = (80, 24);
        let mut a = app_at(lang, w, h);
        a.mouse = true;
        select(&mut a, "T-03");
        press(&mut a, KeyCode::Char('H'));
        assert!(matches!(a.overlay, Some(Overlay::Picker { .. })));
        let green = lang.pick("Grønn", "Green");
        let (x, y) = find(&a, w, h, green);
        // A click beside the picker reaches nothing below it.
        click(&mut a, 0, y);
        assert!(a.overlay.is_some());
        click(&mut a, x, y);
        assert!(a.overlay.is_none(), "chosen and closed");
        assert_eq!(
            a.portfolio.projects[pi(&a, "T-03")].health,
            Some(Health::Green)
        );
        assert_eq!(a.unsaved, 1);
    }
}

#[test]
fn clicks_choose_matrix_cells_register_rows_and_panes_in_the_grid() {
    let (w, h) = (120, 40);
    let mut a = mouse_on(w, h);
    // The matrix row P5: its third cell is P5 × C3 (T-03's theft risk).
    let (x, y) = find(&a, w, h, "P5 ");
    click(&mut a, x + 3 + 2 * 5 + 1, y);
    assert_eq!(a.pane, Pane::Risks, "the click gave the pane the focus");
    assert_eq!(a.risk_cell, (5, 3));
    assert!(a.risk_cell_active);
    assert_eq!(a.risk_rows, [(pi(&a, "T-03"), 0)]);
    // Again: Enter, to the register.
    screen(&a, w, h);
    click(&mut a, x + 3 + 2 * 5 + 1, y);
    assert_eq!(a.risk_focus, RiskFocus::Register);
    // Esc (one) and a click on a register row.
    press(&mut a, KeyCode::Esc);
    let (rx, ry) = find(&a, w, h, "Partnerne");
    click(&mut a, rx, ry);
    assert_eq!(a.risk_focus, RiskFocus::Register);
    let (p, _) = a.selected_risk().unwrap();
    assert_eq!(p, pi(&a, "T-04"));
    // A click anywhere in pane 4 gives it the focus; on a criterion, chooses it.
    let (ex, ey) = find(&a, w, h, "4 Evaluering ·");
    click(&mut a, ex, ey + 12);
    assert_eq!(a.pane, Pane::Evaluation);
    let crit = &a.portfolio.criteria[1].name.clone();
    let (cx, cy) = find(&a, w, h, crit);
    click(&mut a, cx, cy);
    assert_eq!(a.criterion_cursor, 1);
}

#[test]
fn the_palettes_mouse_command_turns_the_mouse_on_and_off() {
    let mut a = app_at(Lang::En, 80, 24);
    assert!(!a.mouse, "off by default");
    press(&mut a, KeyCode::Char(':'));
    typ(&mut a, "mouse");
    press(&mut a, KeyCode::Enter);
    assert!(a.mouse);
    assert!(a.message.as_deref().unwrap_or("").contains("Mouse on"));
    let top = screen(&a, 80, 24).remove(0);
    let x = top.find(" 3 ").expect("the tab's number") + 1;
    click(&mut a, x as u16, 0);
    assert_eq!(a.pane, Pane::Risks);
    press(&mut a, KeyCode::Char(':'));
    typ(&mut a, "mouse");
    press(&mut a, KeyCode::Enter);
    assert!(!a.mouse);
    // A click on a palette entry chooses it.
    a.mouse = true;
    press(&mut a, KeyCode::Char(':'));
    typ(&mut a, "help");
    let (_, field_row) = find(&a, 80, 24, "› help");
    let row = field_row + 1; // the best match, under the field
    click(&mut a, 20, row);
    assert!(
        matches!(a.overlay, Some(Overlay::Help { .. })),
        "{:?}",
        a.overlay
    );
}

#[test]
fn with_the_mouse_off_nothing_happens() {
    let (w, h) = (120, 40);
    let mut a = app_at(Lang::Nb, w, h);
    let (tx, ty) = find(&a, w, h, "3 Risiko");
    let (px, py) = find(&a, w, h, "T-05");
    let before = (a.pane, a.project_cursor, a.goal_cursor, a.detail);
    for (x, y) in [(tx, ty), (px, py), (px, py)] {
        click(&mut a, x, y);
        wheel(&mut a, x, y, false);
    }
    // Not even as an action sent some other way.
    update(&mut a, Action::Click { col: tx, row: ty });
    update(
        &mut a,
        Action::Scroll {
            col: px,
            row: py,
            up: false,
        },
    );
    assert_eq!((a.pane, a.project_cursor, a.goal_cursor, a.detail), before);
    // And over a picker: nothing chosen.
    press(&mut a, KeyCode::Char('H'));
    let (x, y) = find(&a, w, h, "Grønn");
    click(&mut a, x, y);
    assert!(matches!(a.overlay, Some(Overlay::Picker { .. })));
    assert_eq!(a.unsaved, 0);
    // And the keys work as ever.
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('3'));
    assert_eq!(a.pane, Pane::Risks);
}
