//! Issue 11, point 1 — no key records by accident: `1`–`4` switch panes in every pane;
//! the digits score only in triage and in pane 4 after `Enter`, and the tab bar, the
//! pane's title, the status line and help say which. Keys go through the real key map and
//! `update`; screens are drawn on ratatui's `TestBackend`.

mod common;
use common::keys::*;

use crossterm::event::KeyCode;

use styr::app::keymap::key_to_action;
use styr::app::update::update;
use styr::app::{Action, App, Overlay, Pane};
use styr::text::Lang;

// ---------------------------------------------------------------------------------------
// Point 1: no key records by accident
// ---------------------------------------------------------------------------------------

#[test]
fn four_then_one_goes_to_goals_and_records_nothing() {
    let mut a = app(Lang::Nb);
    let before = a.portfolio.clone();
    press(&mut a, KeyCode::Char('4'));
    assert_eq!(a.pane, Pane::Evaluation);
    press(&mut a, KeyCode::Char('1'));
    assert_eq!(a.pane, Pane::Goals);
    assert_nothing_recorded(&a, &before, "4 then 1");
}

#[test]
fn the_digits_switch_panes_from_every_pane_and_the_detail() {
    let mut a = app(Lang::Nb);
    let before = a.portfolio.clone();
    for from in ['1', '2', '3', '4', '5'] {
        for (to, pane) in [
            ('1', Pane::Goals),
            ('2', Pane::Projects),
            ('3', Pane::Risks),
            ('4', Pane::Evaluation),
            ('5', Pane::Balance),
            ('6', Pane::Balance), // no pane 6: nothing happens
        ] {
            press(&mut a, KeyCode::Char(from));
            let start = a.pane;
            press(&mut a, KeyCode::Char(to));
            let want = if to == '6' { start } else { pane };
            assert_eq!(a.pane, want, "{from} then {to}");
        }
    }
    // From the detail view too; the detail closes.
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Enter);
    assert!(a.detail);
    press(&mut a, KeyCode::Char('4'));
    assert_eq!(a.pane, Pane::Evaluation);
    assert!(!a.detail);
    // And 0 or Backspace in the sheet clear nothing.
    press(&mut a, KeyCode::Char('0'));
    press(&mut a, KeyCode::Backspace);
    assert_nothing_recorded(&a, &before, "digits in every pane");
}

#[test]
fn enter_in_the_sheet_scores_until_esc_and_leaving_the_pane_leaves_scoring() {
    let mut a = app(Lang::Nb);
    select(&mut a, "T-04");
    let t04 = pi(&a, "T-04");
    press(&mut a, KeyCode::Char('4'));
    press(&mut a, KeyCode::Enter);
    assert!(a.is_scoring());
    press(&mut a, KeyCode::Char('3'));
    assert_eq!(a.pane, Pane::Evaluation, "3 scores here");
    let ev = a.portfolio.projects[t04]
        .evaluations
        .last()
        .expect("scored");
    assert_eq!(ev.scores.get("goals"), Some(&3));
    assert_eq!(a.criterion_cursor, 1, "on to the next criterion");
    assert_eq!(a.unsaved, 1);

    // Esc leaves scoring: 3 goes to Risks and scores nothing.
    press(&mut a, KeyCode::Esc);
    assert!(!a.is_scoring());
    press(&mut a, KeyCode::Char('3'));
    assert_eq!(a.pane, Pane::Risks);
    assert_eq!(a.unsaved, 1);

    // Tab (and Shift-Tab) leave the pane and scoring with it.
    press(&mut a, KeyCode::Char('4'));
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.pane, Pane::Balance);
    press(&mut a, KeyCode::BackTab);
    assert_eq!(a.pane, Pane::Evaluation);
    assert!(!a.is_scoring(), "back in the pane, not scoring");
    press(&mut a, KeyCode::Char('2'));
    assert_eq!(a.pane, Pane::Projects);
    assert_eq!(a.unsaved, 1);

    // j/k move over the criteria while scoring; 0 clears (Backspace does nothing here:
    // it is triage's "previous project").
    press(&mut a, KeyCode::Char('4'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        a.criterion_cursor, 0,
        "scoring starts on the first criterion"
    );
    typ(&mut a, "j5");
    let ev = a.portfolio.projects[t04]
        .evaluations
        .last()
        .expect("scored");
    assert_eq!(ev.scores.get("results"), Some(&5));
    press(&mut a, KeyCode::Char('k'));
    press(&mut a, KeyCode::Char('0'));
    let ev = a.portfolio.projects[t04]
        .evaluations
        .last()
        .expect("scored");
    assert_eq!(ev.scores.get("results"), None);
}

#[test]
fn scoring_is_refused_read_only_and_the_palette_cannot_score_outside_it() {
    let mut a = app(Lang::En);
    a.read_only = true;
    press(&mut a, KeyCode::Char('4'));
    press(&mut a, KeyCode::Enter);
    assert!(!a.is_scoring());
    assert!(a.message.as_deref().unwrap_or("").contains("Read-only"));

    let mut a = app(Lang::En);
    let before = a.portfolio.clone();
    press(&mut a, KeyCode::Char('4'));
    update(&mut a, Action::Score(3));
    update(&mut a, Action::ClearScore);
    assert_nothing_recorded(&a, &before, "a score sent outside scoring");
    assert!(
        a.message.as_deref().unwrap_or("").contains("Enter"),
        "{:?}",
        a.message
    );
}

#[test]
fn title_tab_bar_and_status_line_say_when_the_digits_score() {
    for lang in [Lang::Nb, Lang::En] {
        for (w, h) in SIZES {
            let mut a = app_at(lang, w, h);
            select(&mut a, "T-04");
            press(&mut a, KeyCode::Char('4'));
            let rows = screen(&a, w, h);
            let (top, status) = (&rows[0], &rows[rows.len() - 1]);
            // Not scoring: the tabs carry their numbers (at 80 columns only the numbers,
            // for the portfolio's name), the hint says Enter starts.
            assert!(top.contains(" 1 ") && top.contains(" 4 "), "{top}");
            assert!(!top.contains("1–5 score"), "{top}");
            assert!(
                status.contains(lang.pick("Enter start vurdering", "Enter start scoring")),
                "{lang:?} {w}x{h}: {status}"
            );

            press(&mut a, KeyCode::Enter);
            let rows = screen(&a, w, h);
            let all = rows.join("\n");
            let (top, status) = (&rows[0], &rows[rows.len() - 1]);
            assert!(
                !top.contains(" 1 ") && !top.contains(" 4 "),
                "{lang:?} {w}x{h}: no pane numbers while scoring: {top}"
            );
            assert!(top.contains("1–5 score"), "{top}");
            for pane in [" 1 ", " 2 ", " 3 ", " 4 "] {
                assert!(
                    !rows.iter().any(|r| r.starts_with(&format!("┌{pane}"))
                        || r.contains(&format!("┐┌{pane}"))
                        || r.contains(&format!("▶{pane}"))),
                    "{lang:?} {w}x{h}: no pane number on a frame while scoring:\n{all}"
                );
            }
            let title = lang.pick("Evaluering — vurderer T-04", "Evaluation — scoring T-04");
            assert!(all.contains(title), "{lang:?} {w}x{h}:\n{all}");
            let digits = lang.pick("1–5 gir score", "1–5 scores");
            assert!(all.contains(digits), "{lang:?} {w}x{h}:\n{all}");
            assert!(
                status.contains(lang.pick("1–5 gi score og gå videre", "1–5 score and move on")),
                "{lang:?} {w}x{h}: {status}"
            );
            assert!(
                status.contains(lang.pick("Esc avslutt vurderingen", "Esc leave scoring")),
                "{lang:?} {w}x{h}: {status}"
            );
        }
    }
}

#[test]
fn the_tab_bar_in_triage_has_no_pane_numbers() {
    for lang in [Lang::Nb, Lang::En] {
        for (w, h) in SIZES {
            let mut a = app_at(lang, w, h);
            press(&mut a, KeyCode::Char('t'));
            let top = screen(&a, w, h)[0].clone();
            assert!(!top.contains(lang.pick(" 1 Mål ", " 1 Goals ")), "{top}");
            assert!(top.contains("1–5 score"), "{top}");
            assert!(
                top.contains("2026-11-22"),
                "{w}x{h}: the date stays whole: {top}"
            );
        }
    }
}

#[test]
fn help_in_scoring_mode_lists_the_digits_as_scoring() {
    for lang in [Lang::Nb, Lang::En] {
        let mut a = app(lang);
        press(&mut a, KeyCode::Char('4'));
        press(&mut a, KeyCode::Enter);
        press(&mut a, KeyCode::Char('?'));
        let first = text(&a, 80, 24);
        let heading = lang.pick(
            "Evaluering — vurdering (etter Enter) — her nå",
            "Evaluation — scoring (after Enter) — here now",
        );
        assert!(first.contains(heading), "{first}");
        assert!(
            has_key_row(
                &first,
                "1–5",
                lang.pick("gi score og gå videre", "score and move on")
            ),
            "the first page says 1–5 scores:\n{first}"
        );
        // Further down, the pane keys say they do not apply here.
        let mut seen = String::new();
        for _ in 0..20 {
            seen.push_str(&text(&a, 80, 24));
            press(&mut a, KeyCode::PageDown);
        }
        let goals = lang.pick("gå til Mål (ikke her)", "go to Goals (not here)");
        assert!(seen.contains(goals), "{seen}");

        // Outside scoring, pane 4's help says Enter starts it, and 1 goes to Goals.
        let mut a = app(lang);
        press(&mut a, KeyCode::Char('4'));
        press(&mut a, KeyCode::Char('?'));
        let mut seen = String::new();
        for _ in 0..20 {
            seen.push_str(&text(&a, 80, 24));
            press(&mut a, KeyCode::PageDown);
        }
        let enter = lang.pick(
            "start vurdering: 1–5 gir score",
            "start scoring: 1–5 scores",
        );
        assert!(has_key_row(&seen, "Enter", enter), "{seen}");
        let goals = lang.pick("gå til Mål", "go to Goals");
        assert!(has_key_row(&seen, "1", goals), "{seen}");
        assert!(
            !seen.contains(lang.pick("(ikke her)", "(not here)")),
            "{seen}"
        );
    }
}

#[test]
fn the_next_project_is_scored_from_its_first_criterion() {
    let mut a = app(Lang::Nb);
    select(&mut a, "T-04");
    press(&mut a, KeyCode::Char('4'));
    press(&mut a, KeyCode::Enter);
    typ(&mut a, "44");
    assert_eq!(a.criterion_cursor, 2);
    press(&mut a, KeyCode::Char('[')); // T-04 is last in the list
    assert!(a.is_scoring());
    assert_eq!(a.criterion_cursor, 0);
    assert_ne!(a.selected(), Some(pi(&a, "T-04")));
}

#[test]
fn esc_joined_to_a_digit_leaves_scoring_before_the_digit() {
    use crossterm::event::{KeyEvent, KeyModifiers};
    use styr::app::keymap::unjoin;
    // `Esc 3` typed fast (or over a slow link) reaches styr as Alt+3.
    let alt = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT);
    let run = |a: &mut App, ev: KeyEvent| {
        for k in unjoin(a, &ev) {
            let action = key_to_action(a, &k);
            update(a, action);
        }
    };
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('4'));
    press(&mut a, KeyCode::Enter);
    assert!(a.is_scoring());
    let before = a.portfolio.clone();
    run(&mut a, alt('3'));
    assert!(!a.is_scoring());
    assert_eq!(a.pane, Pane::Risks, "Esc, then 3: to Risks");
    assert_eq!(a.portfolio, before, "nothing scored");
    // In a text field Alt+key is typed as the key, as before.
    typ(&mut a, "4n");
    run(&mut a, alt('x'));
    match &a.overlay {
        Some(Overlay::Note { field, .. }) => assert_eq!(field.text, "x"),
        other => panic!("the note is still open: {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// Issue 13, point 2: one meaning per key, the same in every place
// ---------------------------------------------------------------------------------------

#[test]
fn enter_on_a_goal_filters_and_does_not_fold() {
    for lang in [Lang::Nb, Lang::En] {
        let mut a = app(lang);
        press(&mut a, KeyCode::Char('1'));
        // Rows: klima, klima.h, …: klima.h has sub-goals and is open.
        press(&mut a, KeyCode::Char('j'));
        let gi = a.goal_rows[a.goal_cursor];
        assert_eq!(a.goals[gi].id, "klima.h");
        let rows = a.goal_rows.clone();
        press(&mut a, KeyCode::Enter);
        assert_eq!(a.filters.goal, Some(gi), "Enter filters");
        assert_eq!(a.goal_rows, rows, "Enter does not fold");
        assert!(a.expanded[gi]);
        // The status line says the filter once.
        let status = screen(&a, 80, 24).pop().unwrap_or_default();
        let goal = lang.pick("mål klima.h", "goal klima.h");
        assert_eq!(status.matches(goal).count(), 1, "{status}");
        assert_eq!(status.matches("Esc").count(), 1, "{status}");
        assert!(
            status.contains(lang.pick("5 av 6 prosjekter vises", "5 of 6 projects shown")),
            "{status}"
        );
        // h and l fold.
        press(&mut a, KeyCode::Char('h'));
        assert!(!a.expanded[gi]);
        press(&mut a, KeyCode::Char('l'));
        assert!(a.expanded[gi]);
    }
}

#[test]
fn backspace_in_pane_4_records_nothing_and_0_clears() {
    let mut a = app(Lang::Nb);
    select(&mut a, "T-04");
    let t04 = pi(&a, "T-04");
    press(&mut a, KeyCode::Char('4'));
    // Outside scoring, and while scoring: Backspace does nothing.
    let before = a.portfolio.clone();
    press(&mut a, KeyCode::Backspace);
    assert_nothing_recorded(&a, &before, "Backspace in the sheet");
    press(&mut a, KeyCode::Enter);
    typ(&mut a, "5k");
    let scored = a.portfolio.clone();
    let steps = a.history.len();
    press(&mut a, KeyCode::Backspace);
    assert_eq!(
        a.portfolio, scored,
        "Backspace while scoring clears nothing"
    );
    assert_eq!(a.history.len(), steps);
    assert!(a.is_scoring(), "and does not leave scoring");
    press(&mut a, KeyCode::Char('0'));
    // The only score cleared: the day's evaluation goes with it.
    let ev = a.portfolio.projects[t04].evaluations.last();
    assert_eq!(ev.and_then(|e| e.scores.get("goals")), None, "0 clears");
    assert_eq!(a.portfolio, before, "back to the file");
    assert_eq!(a.unsaved, 0);
    // Help says 0 clears, and not Backspace.
    press(&mut a, KeyCode::Char('?'));
    let help = text(&a, 80, 24);
    assert!(!help.contains("0/Backspace"), "{help}");
}

/// The labels of the open picker's rows as drawn: "1 Grønn", …
fn picker_rows(a: &App) -> Vec<String> {
    screen(a, 80, 24)
        .into_iter()
        .filter_map(|r| {
            let inner = r.split('║').nth(1)?.trim().to_string();
            let first = inner.chars().next()?;
            first.is_ascii_digit().then_some(inner)
        })
        .collect()
}

#[test]
fn a_value_has_the_same_number_in_every_picker() {
    for lang in [Lang::Nb, Lang::En] {
        let (green, amber, red) = (
            lang.pick("Grønn", "Green"),
            lang.pick("Gul", "Amber"),
            lang.pick("Rød", "Red"),
        );
        let mut a = app(lang);
        select(&mut a, "T-04");
        press(&mut a, KeyCode::Char('H'));
        let h = picker_rows(&a);
        press(&mut a, KeyCode::Esc);
        typ(&mut a, "f2"); // Filter → Health
        let f = picker_rows(&a);
        for (n, word) in [(1, green), (2, amber), (3, red)] {
            let want = format!("{n} {word}");
            assert!(h.iter().any(|r| r.starts_with(&want)), "H: {h:?}");
            assert!(f.iter().any(|r| r.starts_with(&want)), "filter: {f:?}");
        }
        assert!(
            f[0].starts_with(&format!("0 {}", lang.pick("(alle)", "(all)"))),
            "{f:?}"
        );
        // And the keys do what the numbers say: 3 is Red in both.
        press(&mut a, KeyCode::Char('3'));
        assert_eq!(a.filters.health, Some(Some(styr::model::Health::Red)));
        typ(&mut a, "f2");
        press(&mut a, KeyCode::Char('0'));
        assert_eq!(a.filters.health, None, "0 is (all)");
        select(&mut a, "T-04");
        press(&mut a, KeyCode::Char('H'));
        press(&mut a, KeyCode::Char('3'));
        assert_eq!(
            a.portfolio.projects[pi(&a, "T-04")].health,
            Some(styr::model::Health::Red)
        );
        // 0 means nothing in a picker without "(all)".
        press(&mut a, KeyCode::Char('S'));
        press(&mut a, KeyCode::Char('0'));
        assert!(matches!(a.overlay, Some(Overlay::Picker { .. })));
        press(&mut a, KeyCode::Esc);
        // The status filter the same: 1 is Proposed in both.
        typ(&mut a, "f1");
        let f = picker_rows(&a);
        press(&mut a, KeyCode::Esc);
        press(&mut a, KeyCode::Char('S'));
        let s = picker_rows(&a);
        let proposed = lang.pick("1 Foreslått", "1 Proposed");
        assert!(f.iter().any(|r| r.starts_with(proposed)), "{f:?}");
        assert!(s.iter().any(|r| r.starts_with(proposed)), "{s:?}");
    }
}

#[test]
fn brackets_are_the_next_and_previous_project_in_triage_too() {
    let mut a = app(Lang::Nb);
    press(&mut a, KeyCode::Char('t'));
    let pos = |a: &App| a.triage.as_ref().map(|t| t.pos);
    assert_eq!(pos(&a), Some(0));
    press(&mut a, KeyCode::Char(']'));
    assert_eq!(pos(&a), Some(1));
    press(&mut a, KeyCode::Char('['));
    assert_eq!(pos(&a), Some(0));
    // Keys triage has no use for do nothing there (and help says so).
    let pane = a.pane;
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.pane, pane);
    press(&mut a, KeyCode::Char('/'));
    assert!(a.searching.is_none());
    press(&mut a, KeyCode::Char('?'));
    let mut seen = String::new();
    for _ in 0..20 {
        seen.push_str(&text(&a, 80, 24));
        press(&mut a, KeyCode::PageDown);
    }
    assert!(has_key_row(&seen, "Tab", "neste rute (ikke her)"), "{seen}");
}

#[test]
fn a_and_capital_a_work_in_pane_4_while_scoring_as_outside_it() {
    let mut a = app(Lang::En);
    select(&mut a, "T-04");
    press(&mut a, KeyCode::Char('4'));
    press(&mut a, KeyCode::Enter);
    assert!(a.is_scoring());
    press(&mut a, KeyCode::Char('A'));
    assert!(matches!(a.overlay, Some(Overlay::FollowUps { .. })));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('a'));
    assert!(matches!(a.overlay, Some(Overlay::Form(_))));
}

#[test]
fn alt_and_a_key_in_a_form_types_the_key_and_keeps_the_form() {
    use crossterm::event::{KeyEvent, KeyModifiers};
    use styr::app::keymap::unjoin;
    // Split into Esc and the key, it would cancel the form and lose what was typed.
    let mut a = app(Lang::En);
    select(&mut a, "T-04");
    press(&mut a, KeyCode::Char('a'));
    assert!(matches!(a.overlay, Some(Overlay::Form(_))));
    typ(&mut a, "Ny");
    let ev = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT);
    for k in unjoin(&a, &ev) {
        let action = key_to_action(&a, &k);
        update(&mut a, action);
    }
    assert!(
        matches!(a.overlay, Some(Overlay::Form(_))),
        "{:?}",
        a.overlay
    );
    assert!(text(&a, 80, 24).contains("Nyx"), "{}", text(&a, 80, 24));
}
