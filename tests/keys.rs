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
    for from in ['1', '2', '3', '4'] {
        for (to, pane) in [
            ('1', Pane::Goals),
            ('2', Pane::Projects),
            ('3', Pane::Risks),
            ('4', Pane::Evaluation),
            ('5', Pane::Evaluation), // no pane 5: nothing happens
        ] {
            press(&mut a, KeyCode::Char(from));
            let start = a.pane;
            press(&mut a, KeyCode::Char(to));
            let want = if to == '5' { start } else { pane };
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
    assert_eq!(a.pane, Pane::Goals);
    press(&mut a, KeyCode::BackTab);
    assert_eq!(a.pane, Pane::Evaluation);
    assert!(!a.is_scoring(), "back in the pane, not scoring");
    press(&mut a, KeyCode::Char('2'));
    assert_eq!(a.pane, Pane::Projects);
    assert_eq!(a.unsaved, 1);

    // j/k move over the criteria while scoring; 0 and Backspace clear.
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
    press(&mut a, KeyCode::Backspace);
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
            // Not scoring: the tabs carry their numbers, the hint says Enter starts.
            assert!(top.contains(lang.pick(" 1 Mål ", " 1 Goals ")), "{top}");
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
                !top.contains(lang.pick(" 1 Mål ", " 1 Goals ")),
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
        let score = format!(
            "{:<14}{}",
            "1–5",
            lang.pick("gi score og gå videre", "score and move on")
        );
        assert!(
            first.contains(&score),
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
        let enter = format!(
            "{:<14}{}",
            "Enter",
            lang.pick(
                "start vurdering: 1–5 gir score",
                "start scoring: 1–5 scores"
            )
        );
        assert!(seen.contains(&enter), "{seen}");
        let goals = format!("{:<14}{}", "1", lang.pick("gå til Mål", "go to Goals"));
        assert!(seen.contains(&goals), "{seen}");
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
