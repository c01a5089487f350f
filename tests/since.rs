//! `--since`: what moved since the version a meeting compares with is marked "Δ" in the
//! project list, listed in the detail view and said first in triage; `C` filters to it.

mod common;
use common::ev;

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use styr::app::keymap::key_to_action;
use styr::app::since::SinceView;
use styr::app::update::update;
use styr::app::{App, Pane};
use styr::model::{Date, parse};
use styr::text::Lang;
use styr::ui::{self, Theme, ThemeName};

const SMALL: &str = include_str!("fixtures/small.ron");

fn app(lang: Lang) -> App {
    let old = parse(SMALL).unwrap();
    let now = parse(
        &SMALL
            .replacen("health: Amber", "health: Red", 1) // T-01
            .replacen(r#"status: OnHold"#, r#"status: Active"#, 1),
    )
    .unwrap();
    let mut a = App::new(
        now,
        "plan.ron".into(),
        lang,
        Date::parse("2026-11-22").unwrap(),
    );
    let view = SinceView::new("plan.ron @ 2026-09-17".into(), &old, &a.portfolio);
    a.since = Some(view);
    update(&mut a, styr::app::Action::Resize(120, 40));
    a
}

fn press(a: &mut App, code: KeyCode) {
    let action = key_to_action(a, &ev(code));
    update(a, action);
}

fn screen(a: &App) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| ui::draw(f, a, &Theme::new(ThemeName::Default)))
        .unwrap();
    let b = t.backend().buffer();
    (0..b.area.height)
        .map(|y| (0..b.area.width).map(|x| b[(x, y)].symbol()).collect())
        .collect()
}

#[test]
fn the_list_marks_what_moved_and_c_filters_to_it() {
    let mut a = app(Lang::En);
    let moved: Vec<String> = screen(&a)
        .into_iter()
        .filter(|r| r.contains("T-0") && r.contains('Δ'))
        .collect();
    assert_eq!(moved.len(), 2, "{moved:#?}");
    assert!(moved.iter().any(|r| r.contains("T-01")));
    press(&mut a, KeyCode::Char('C'));
    let ids: Vec<&str> = a
        .visible
        .iter()
        .map(|&i| a.portfolio.projects[i].id.as_str())
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(ids.contains(&"T-01"));
    assert!(
        a.message
            .as_deref()
            .unwrap()
            .contains("2 projects moved since")
    );
    press(&mut a, KeyCode::Char('C'));
    assert_eq!(a.visible.len(), a.portfolio.projects.len());
}

#[test]
fn the_detail_lists_the_changes_and_triage_says_them_first() {
    for lang in [Lang::Nb, Lang::En] {
        let mut a = app(lang);
        let t1 = a
            .portfolio
            .projects
            .iter()
            .position(|p| p.id == "T-01")
            .unwrap();
        a.pane = Pane::Projects;
        assert!(a.select_project(t1));
        press(&mut a, KeyCode::Enter);
        let s = screen(&a).join("\n");
        let health = lang.pick("Helse: Gul → Rød", "Health: Amber → Red");
        assert!(s.contains(&format!("Δ {health}")), "{s}");
        assert!(
            s.contains(lang.pick("Siden plan.ron", "Since plan.ron")),
            "{s}"
        );
        press(&mut a, KeyCode::Esc);
        press(&mut a, KeyCode::Char('t'));
        let s = screen(&a).join("\n");
        let first = s
            .lines()
            .find(|l| l.contains('Δ'))
            .unwrap_or_else(|| panic!("triage says what moved:\n{s}"));
        assert!(first.contains(health), "{first}");
    }
}

#[test]
fn without_since_nothing_is_marked_and_c_says_how() {
    let mut a = App::new(
        parse(SMALL).unwrap(),
        "plan.ron".into(),
        Lang::En,
        Date::parse("2026-11-22").unwrap(),
    );
    update(&mut a, styr::app::Action::Resize(120, 40));
    assert!(!screen(&a).iter().any(|r| r.contains('Δ')));
    press(&mut a, KeyCode::Char('C'));
    assert!(a.message.as_deref().unwrap().contains("--since"));
    assert_eq!(a.visible.len(), a.portfolio.projects.len());
}
