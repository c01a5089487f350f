//! What the tests of tests/keys.rs and tests/edit_targets.rs share: the fixture opened
//! at a size, keys through the real key map and `update`, the screen as text.
#![allow(dead_code)]

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use styr::app::keymap::key_to_action;
use styr::app::update::update;
use styr::app::{Action, App, Effect, RiskFocus};
use styr::model::{Date, load_str};
use styr::text::Lang;
use styr::ui::{self, Theme, ThemeName};

use super::ev;

const FIXTURE: &str = include_str!("../fixtures/small.ron");
pub const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

pub fn app_at(lang: Lang, w: u16, h: u16) -> App {
    let loaded = load_str(FIXTURE);
    let p = loaded.portfolio.expect("the fixture loads");
    let date = Date::parse("2026-11-22").expect("a date");
    let mut a = App::new(p, "tests/fixtures/small.ron".into(), lang, date);
    update(&mut a, Action::Resize(w, h));
    a
}

pub fn app(lang: Lang) -> App {
    app_at(lang, 80, 24)
}

pub fn press(a: &mut App, code: KeyCode) {
    let action = key_to_action(a, &ev(code));
    update(a, action);
}

pub fn typ(a: &mut App, keys: &str) {
    for c in keys.chars() {
        press(a, KeyCode::Char(c));
    }
}

pub fn screen(a: &App, w: u16, h: u16) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("the test backend");
    let theme = Theme::new(ThemeName::Default);
    t.draw(|f| ui::draw(f, a, &theme)).expect("drawn");
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in 0..w {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let s = buf[(x, y)].symbol();
                row.push_str(s);
                skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
            }
            row
        })
        .collect()
}

pub fn text(a: &App, w: u16, h: u16) -> String {
    screen(a, w, h).join("\n")
}

pub fn pi(a: &App, id: &str) -> usize {
    a.portfolio
        .projects
        .iter()
        .position(|p| p.id == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

pub fn select(a: &mut App, id: &str) {
    let target = pi(a, id);
    press(a, KeyCode::Char('g'));
    while a.selected() != Some(target) {
        let before = a.project_cursor;
        press(a, KeyCode::Char('j'));
        assert_ne!(before, a.project_cursor, "{id} is not in the list");
    }
}

/// The (project id, risk id) under the register's cursor.
pub fn risk_at(a: &App) -> Option<(String, String)> {
    let (p, r) = a.selected_risk()?;
    let pr = &a.portfolio.projects[p];
    Some((pr.id.clone(), pr.risks[r].id.clone()))
}

pub fn pair(p: &str, r: &str) -> Option<(String, String)> {
    Some((p.to_string(), r.to_string()))
}

/// Nothing recorded: no edit in the history, nothing journaled, nothing unsaved.
pub fn assert_nothing_recorded(a: &App, before: &styr::model::Portfolio, what: &str) {
    assert_eq!(a.unsaved, 0, "{what}");
    assert!(a.history.touched().is_empty(), "{what}: history is empty");
    assert!(
        !a.effects.iter().any(|e| matches!(e, Effect::Journal(_))),
        "{what}: nothing journaled"
    );
    assert_eq!(&a.portfolio, before, "{what}: the portfolio is unchanged");
}

/// The whole register, cursor on `(project, risk)`.
pub fn register_on(a: &mut App, project: &str, risk: &str) {
    press(a, KeyCode::Char('3'));
    if a.risk_focus == RiskFocus::Matrix {
        press(a, KeyCode::Enter);
    }
    assert_eq!(a.risk_focus, RiskFocus::Register);
    press(a, KeyCode::Char('g'));
    while risk_at(a) != pair(project, risk) {
        let before = a.risk_cursor;
        press(a, KeyCode::Char('j'));
        assert_ne!(
            before, a.risk_cursor,
            "{project} {risk} not in the register"
        );
    }
}

/// Whether a row of `screen` shows `key`, then one space or more, then `what` (help's
/// rows: the key column is as wide as its longest key).
pub fn has_key_row(screen: &str, key: &str, what: &str) -> bool {
    screen.lines().any(|row| {
        row.match_indices(key).any(|(i, _)| {
            let rest = &row[i + key.len()..];
            let text = rest.trim_start_matches(' ');
            text.len() < rest.len() && text.starts_with(what)
        })
    })
}
