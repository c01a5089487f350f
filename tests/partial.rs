//! Partial scores are shown as partial: a weighted total computed from fewer criteria
//! than the file has says so ("4,0 · 1 av 3") in the score sheet, triage, the detail and
//! the project list; the ranking lists it after the complete ones, apart and without a
//! rank; and triage asks once before going on from a project the meeting scored only in
//! part. Driven as a user drives it: keys through the key map and `update`, the screen
//! drawn on ratatui's `TestBackend`.

mod common;
use common::ev;

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use styr::app::keymap::key_to_action;
use styr::app::update::update;
use styr::app::{Action, App, Overlay, Pane, Question};
use styr::model::{Date, Portfolio, load_str};
use styr::text::Lang;
use styr::ui::{self, Theme, ThemeName};

const FIXTURE: &str = include_str!("fixtures/small.ron");
const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn meeting_date() -> Date {
    Date::parse("2026-11-22").expect("a valid date")
}

fn portfolio() -> Portfolio {
    load_str(FIXTURE).portfolio.expect("the fixture loads")
}

fn app_with(p: Portfolio, lang: Lang, w: u16, h: u16) -> App {
    let mut app = App::new(p, "small.ron".into(), lang, meeting_date());
    update(&mut app, Action::Resize(w, h));
    app
}

fn app_at(lang: Lang, w: u16, h: u16) -> App {
    app_with(portfolio(), lang, w, h)
}

/// The fixture with T-01's latest evaluation (2026-09-17, before the meeting) scored on
/// Måloppnåelse alone: 4 of weight 40, so 4,0 from one criterion of three.
fn app_t01_partial(lang: Lang, w: u16, h: u16) -> App {
    let mut p = portfolio();
    let t01 = p.projects.iter_mut().find(|p| p.id == "T-01").unwrap();
    let ev = t01.evaluations.last_mut().unwrap();
    ev.scores.retain(|k, _| k == "goals");
    app_with(p, lang, w, h)
}

fn press(app: &mut App, code: KeyCode) {
    let action = key_to_action(app, &ev(code));
    update(app, action);
}

fn ch(c: char) -> KeyCode {
    KeyCode::Char(c)
}

fn pi(app: &App, id: &str) -> usize {
    app.portfolio
        .projects
        .iter()
        .position(|p| p.id == id)
        .unwrap()
}

/// Select project `id` in the list (Shift-Tab back to it, then `g` and `j`), and come
/// back to the pane that had the focus.
fn select(app: &mut App, id: &str) {
    let target = pi(app, id);
    let back = app.pane;
    while app.pane != Pane::Projects {
        press(app, KeyCode::BackTab);
    }
    press(app, ch('g'));
    for _ in 0..app.visible.len() {
        if app.selected() == Some(target) {
            break;
        }
        press(app, ch('j'));
    }
    assert_eq!(app.selected(), Some(target), "{id} is not in the list");
    while app.pane != back {
        press(app, KeyCode::Tab);
    }
}

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = Theme::new(ThemeName::Default);
    terminal.draw(|f| ui::draw(f, app, &theme)).unwrap();
    terminal
}

/// The screen, one string per row, no-break spaces as plain ones (wide symbols are not
/// in these screens, so every cell is one column).
fn rows(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .replace('\u{a0}', " ")
        })
        .collect()
}

#[track_caller]
fn row_with(t: &Terminal<TestBackend>, needle: &str) -> String {
    rows(t)
        .into_iter()
        .find(|r| r.contains(needle))
        .unwrap_or_else(|| panic!("no row with {needle:?}:\n{}", rows(t).join("\n")))
}

/// The ranking's lines in the evaluation pane, top to bottom, from its header on: the
/// pane's own text between its borders.
fn ranking_lines(t: &Terminal<TestBackend>, lang: Lang) -> Vec<String> {
    let header = lang.pick("Rangert etter vektet sum", "Ranked by weighted total");
    let all = rows(t);
    let at = all
        .iter()
        .position(|r| r.contains(header))
        .unwrap_or_else(|| panic!("no ranking:\n{}", all.join("\n")));
    // The column the header's line starts in (it starts with a space); a cell is a
    // character here.
    let byte = all[at].find(header).unwrap();
    let x = all[at][..byte].chars().count() - 1;
    all[at..]
        .iter()
        .map(|r| {
            let tail: String = r.chars().skip(x).collect();
            tail.split(['┃', '│'])
                .next()
                .unwrap_or("")
                .trim_end()
                .to_string()
        })
        .take_while(|r| !r.is_empty() && !r.starts_with(['━', '─']))
        .collect()
}

fn total_in(lang: Lang) -> &'static str {
    lang.pick("Vektet sum", "Weighted total")
}

#[test]
fn scoring_one_criterion_of_three_shows_1_of_3_on_the_sheet_and_unranks_it() {
    for lang in [Lang::Nb, Lang::En] {
        for (w, h) in SIZES {
            let what = format!("{lang:?} {w}x{h}");
            let mut a = app_at(lang, w, h);
            select(&mut a, "T-01");
            press(&mut a, ch('4'));
            // Complete before the meeting: ranked third of five.
            let t = render(&a, w, h);
            let rank = lang.pick("nr. 3 av 5", "rank 3 of 5");
            assert!(row_with(&t, total_in(lang)).contains(rank), "{what}");

            press(&mut a, KeyCode::Enter); // into scoring mode: the digits score
            press(&mut a, ch('5')); // Måloppnåelse 5, the meeting's first score
            let t = render(&a, w, h);
            let total = row_with(&t, total_in(lang));
            let of = lang.pick("1 av 3", "1 of 3");
            let not_ranked = lang.pick("ikke rangert", "not ranked");
            assert!(total.contains("5") && total.contains(of), "{what}: {total}");
            assert!(total.contains(not_ranked), "{what}: {total}");
            assert!(
                !total.contains(lang.pick("nr. ", "rank ")),
                "{what}: {total}"
            );

            // The ranking: the four complete ones ranked 1–4, then the heading, then
            // T-01 with no rank.
            let r = ranking_lines(&t, lang);
            let heading = lang.pick("Delvis vurdert", "Partly scored");
            let split = r
                .iter()
                .position(|l| l.contains(heading))
                .unwrap_or_else(|| panic!("{what}: no heading in {r:#?}"));
            let ranked: Vec<&String> = r[1..split].iter().collect();
            assert_eq!(ranked.len(), 4, "{what}: {r:#?}");
            for (i, l) in ranked.iter().enumerate() {
                assert!(l.starts_with(&format!(" {}.", i + 1)), "{what}: {l}");
                assert!(!l.contains("T-01"), "{what}: {l}");
            }
            let after = &r[split + 1..];
            assert_eq!(after.len(), 1, "{what}: {r:#?}");
            let row = &after[0];
            assert!(row.contains("T-01") && row.contains(of), "{what}: {row}");
            // Marked, and blank where the others have their rank.
            let value = lang.pick("5,0", "5.0");
            let before = &row[..row.find(value).expect("the value")];
            assert_eq!(before.trim_end(), "▶", "{what}: no rank: {row}");

            // Another project's rank counts only the complete ones.
            select(&mut a, "T-02");
            let t = render(&a, w, h);
            let rank = lang.pick("nr. 2 av 4", "rank 2 of 4");
            assert!(row_with(&t, total_in(lang)).contains(rank), "{what}");

            // Scored on all three, T-01 is ranked again, and the heading is gone.
            select(&mut a, "T-01");
            press(&mut a, KeyCode::Enter); // leaving the pane left scoring mode
            while a.criterion_cursor > 1 {
                press(&mut a, ch('k'));
            }
            while a.criterion_cursor < 1 {
                press(&mut a, ch('j'));
            }
            assert_eq!(a.criterion_cursor, 1, "{what}");
            press(&mut a, ch('5'));
            press(&mut a, ch('5'));
            let t = render(&a, w, h);
            let rank = lang.pick("nr. 1 av 5", "rank 1 of 5");
            assert!(row_with(&t, total_in(lang)).contains(rank), "{what}");
            assert!(
                !ranking_lines(&t, lang).iter().any(|l| l.contains(heading)),
                "{what}"
            );
        }
    }
}

#[test]
fn the_project_list_marks_a_partial_score_compactly() {
    for lang in [Lang::Nb, Lang::En] {
        let mut a = app_t01_partial(lang, 80, 24);
        press(&mut a, ch('2'));
        let t = render(&a, 80, 24);
        let dec = |s: &str| match lang {
            Lang::Nb => s.replace('.', ","),
            Lang::En => s.to_string(),
        };
        assert!(
            row_with(&t, "T-01").contains(&format!("{} 1/3", dec("4.0"))),
            "{lang:?}: {}",
            row_with(&t, "T-01")
        );
        // A complete one keeps its plain number, in the same place.
        let t02 = row_with(&t, "T-02");
        let t01 = row_with(&t, "T-01");
        let at = |row: &str, v: &str| row[..row.find(&dec(v)).unwrap()].chars().count();
        assert!(!t02.contains("/3 "), "{t02}");
        assert_eq!(at(&t02, "4.4"), at(&t01, "4.0"), "{t01}\n{t02}");
    }
    // Without a partial score anywhere the column is as it always was.
    let a = app_at(Lang::Nb, 80, 24);
    let t = render(&a, 80, 24);
    assert!(!rows(&t).join("\n").contains("/3 "));
}

#[test]
fn the_detail_says_1_of_3() {
    for lang in [Lang::Nb, Lang::En] {
        for (w, h) in SIZES {
            let mut a = app_t01_partial(lang, w, h);
            select(&mut a, "T-01");
            press(&mut a, KeyCode::Enter);
            assert!(a.detail);
            let t = render(&a, w, h);
            let want = lang.pick("4,0 · 1 av 3", "4.0 · 1 of 3");
            let screen = rows(&t).join("\n");
            // The latest evaluation's line, and the history's.
            let latest = row_with(&t, lang.pick("Siste evaluering", "Latest evaluation"));
            assert!(latest.contains(want), "{lang:?} {w}x{h}: {latest}");
            // The evaluation before it was complete: its total is plain.
            assert!(
                latest.contains("3,6)") || latest.contains("3.6)"),
                "{latest}"
            );
            let mut pages = screen;
            for _ in 0..20 {
                press(&mut a, KeyCode::PageDown);
                pages.push_str(&rows(&render(&a, w, h)).join("\n"));
            }
            assert!(
                pages.contains(&format!("2026-09-17 · Score {want}")),
                "{lang:?} {w}x{h}: the history line"
            );
        }
    }
}

#[test]
fn triage_shows_1_of_3_for_the_sheet_and_the_last_evaluation() {
    for lang in [Lang::Nb, Lang::En] {
        for (w, h) in SIZES {
            let mut a = app_t01_partial(lang, w, h);
            select(&mut a, "T-01");
            press(&mut a, ch('t'));
            let t = render(&a, w, h);
            let want = lang.pick("4,0 · 1 av 3", "4.0 · 1 of 3");
            // "Sist/Last time 2026-09-17 · 4,0 · 1 av 3 (4/–/–) · Juster"
            let last = row_with(&t, "2026-09-17 · ");
            assert!(last.contains(want), "{lang:?} {w}x{h}: {last}");
            // The sheet: the older evaluation, partial and not ranked.
            let total = row_with(&t, total_in(lang));
            assert!(
                total.contains(lang.pick("1 av 3", "1 of 3")),
                "{lang:?} {w}x{h}: {total}"
            );
        }
    }
}

/// Where triage is on its agenda.
fn pos(a: &App) -> usize {
    a.triage.as_ref().expect("in triage").pos
}

fn asked(a: &App) -> Option<(usize, usize)> {
    match a.overlay {
        Some(Overlay::Question(Question::PartlyScored { scored, of })) => Some((scored, of)),
        _ => None,
    }
}

/// Triage from the top of the list (T-03 first, then T-01).
fn triage(lang: Lang) -> App {
    let mut a = app_at(lang, 80, 24);
    press(&mut a, ch('g'));
    press(&mut a, ch('t'));
    assert_eq!(pos(&a), 0);
    a
}

#[test]
fn space_on_a_partly_scored_project_asks_once_and_a_second_space_goes_on() {
    for lang in [Lang::Nb, Lang::En] {
        let mut a = triage(lang);
        press(&mut a, ch('4'));
        press(&mut a, ch('3')); // two of three scored today
        press(&mut a, ch(' '));
        assert_eq!(asked(&a), Some((2, 3)));
        assert_eq!(pos(&a), 0, "asking, not going on");
        let t = render(&a, 80, 24);
        let q = lang.pick("2 av 3 vurdert — gå videre?", "2 of 3 scored — go on?");
        assert!(rows(&t).iter().any(|r| r.contains(q)), "{lang:?}");
        press(&mut a, ch(' '));
        assert_eq!(asked(&a), None);
        assert_eq!(pos(&a), 1, "the second Space goes on");
        assert!(a.overlay.is_none());
    }
}

#[test]
fn y_and_enter_go_on_esc_stays_and_it_is_asked_once_per_visit() {
    for key in [ch('y'), KeyCode::Enter] {
        let mut a = triage(Lang::Nb);
        press(&mut a, ch('4'));
        press(&mut a, ch(' '));
        assert_eq!(asked(&a), Some((1, 3)));
        press(&mut a, key);
        assert_eq!((asked(&a), pos(&a)), (None, 1), "{key:?}");
    }

    let mut a = triage(Lang::En);
    press(&mut a, ch('4'));
    press(&mut a, ch(' '));
    assert_eq!(asked(&a), Some((1, 3)));
    press(&mut a, KeyCode::Esc);
    assert!(a.overlay.is_none());
    assert!(a.triage.is_some(), "Esc closes the question, not triage");
    assert_eq!(pos(&a), 0, "Esc stays");
    // Asked once on this visit: Space now goes on.
    press(&mut a, ch(' '));
    assert_eq!((asked(&a), pos(&a)), (None, 1));
    // Back to it is another visit: asked again.
    press(&mut a, KeyCode::Backspace);
    assert_eq!(pos(&a), 0);
    press(&mut a, ch(' '));
    assert_eq!(asked(&a), Some((1, 3)));
}

#[test]
fn space_does_not_ask_when_all_or_none_are_scored_today() {
    let mut a = triage(Lang::Nb);
    // Nothing scored today (the older evaluation is complete): no question.
    press(&mut a, ch(' '));
    assert_eq!((asked(&a), pos(&a)), (None, 1));
    // All three scored: no question.
    press(&mut a, ch('4'));
    press(&mut a, ch('4'));
    press(&mut a, ch('4'));
    press(&mut a, ch(' '));
    assert_eq!((asked(&a), pos(&a)), (None, 2));
    // Scored in part, then cleared again: nothing scored today, no question.
    press(&mut a, ch('4'));
    press(&mut a, ch('k'));
    press(&mut a, ch('0'));
    press(&mut a, ch(' '));
    assert_eq!((asked(&a), pos(&a)), (None, 3));
}

#[test]
fn a_partial_project_far_down_the_ranking_is_kept_in_view() {
    // Thirty more complete projects: the ranking scrolls in the grid's pane.
    let mut p = portfolio();
    let template = p.projects[0].clone();
    for i in 0..30 {
        let mut pr = template.clone();
        pr.id = format!("X-{i:02}");
        pr.name = format!("Ekstra {i}");
        p.projects.push(pr);
    }
    let t01 = p.projects.iter_mut().find(|p| p.id == "T-01").unwrap();
    t01.evaluations
        .last_mut()
        .unwrap()
        .scores
        .retain(|k, _| k == "goals");
    let mut a = app_with(p, Lang::Nb, 120, 40);
    assert_eq!(a.ranking.complete.len(), 34);
    assert_eq!(a.ranking.partial.len(), 1);
    select(&mut a, "T-01");
    let t = render(&a, 120, 40);
    let r = ranking_lines(&t, Lang::Nb);
    let here = r
        .iter()
        .position(|l| l.starts_with('▶'))
        .expect("T-01 shown");
    assert!(
        r[here].contains("T-01") && r[here].contains("1 av 3"),
        "{r:#?}"
    );
    assert!(r[here - 1].contains("Delvis vurdert"), "{r:#?}");
    assert!(
        r[here - 2].contains("34."),
        "the last ranked just above: {r:#?}"
    );
}
