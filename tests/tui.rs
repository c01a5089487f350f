//! The interactive view as a user meets it: key presses go through the real key map
//! (`key_to_action`) and `update`, and the screen is drawn by `ui::draw` on ratatui's
//! `TestBackend`. Four kinds of test:
//!
//! - snapshots (insta) of every pane, overlay and the too-small screen at 80×24 and
//!   120×40, in Norwegian and English, and once without colour;
//! - key sequences with assertions on both the state and the drawn buffer;
//! - hostile strings from the file come out inert;
//! - colour: none at all with the mono theme, never colour alone with the default one.
//!
//! The fixture is tests/fixtures/small.ron (`as_of` fixed) and the meeting date is fixed,
//! so nothing depends on today. The one clock on screen, triage's timer, is redacted
//! before snapshotting (see [`redact_timer`]).

mod common;
use common::ev;

use std::collections::BTreeSet;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use styr::app::keymap::{BINDINGS, key_to_action};
use styr::app::update::update;
use styr::app::view::{matcher, search_score};
use styr::app::{Action, App, Effect, FilterKind, Overlay, Pane, PickerKind, Question, SortKey};
use styr::model::{Date, Health, Portfolio, Status, load_str};
use styr::text::Lang;
use styr::ui::{self, Theme, ThemeName};

// ---------------------------------------------------------------------------------------
// Set-up
// ---------------------------------------------------------------------------------------

const FIXTURE: &str = include_str!("fixtures/small.ron");
const LABEL: &str = "tests/fixtures/small.ron";

use ThemeName::{Default as Plain, Mono};

fn meeting_date() -> Date {
    Date::parse("2026-11-22").expect("a valid date")
}

fn portfolio() -> Portfolio {
    let loaded = load_str(FIXTURE);
    assert_eq!(
        loaded.errors(),
        0,
        "the fixture loads: {:?}",
        loaded.diagnostics
    );
    loaded.portfolio.expect("no errors, so a portfolio")
}

/// A fresh app on the fixture, as `styr tests/fixtures/small.ron --date 2026-11-22`
/// opens it in a `w`×`h` terminal.
fn app_at(lang: Lang, w: u16, h: u16) -> App {
    let mut app = App::new(portfolio(), LABEL.to_string(), lang, meeting_date());
    update(&mut app, Action::Resize(w, h));
    app
}

fn app(lang: Lang) -> App {
    app_at(lang, 80, 24)
}

/// A terminal of `w`×`h` on the test backend (oxker's `test_setup`).
fn test_setup(w: u16, h: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(w, h)).expect("the test backend never fails")
}

/// One frame of the app, drawn as the event loop draws it.
fn render(app: &App, w: u16, h: u16, theme: ThemeName) -> Terminal<TestBackend> {
    let mut terminal = test_setup(w, h);
    let theme = Theme::new(theme);
    terminal
        .draw(|f| ui::draw(f, app, &theme))
        .expect("the test backend never fails");
    terminal
}

/// Press one key: key map, then update — the event loop's path.
fn press(app: &mut App, code: KeyCode) {
    let action = key_to_action(app, &ev(code));
    update(app, action);
}

fn press_ctrl(app: &mut App, c: char) {
    let action = key_to_action(app, &KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    update(app, action);
}

/// Type characters one key at a time.
fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn ch(c: char) -> KeyCode {
    KeyCode::Char(c)
}

/// The index of project `id` in the file.
fn pi(app: &App, id: &str) -> usize {
    app.portfolio
        .projects
        .iter()
        .position(|p| p.id == id)
        .unwrap_or_else(|| panic!("no project {id} in the fixture"))
}

/// Select project `id` in the list the way a user does: with `j`/`k`.
fn select(app: &mut App, id: &str) {
    let target = pi(app, id);
    press(app, ch('g'));
    for _ in 0..app.visible.len() {
        if app.selected() == Some(target) {
            return;
        }
        press(app, ch('j'));
    }
    assert_eq!(app.selected(), Some(target), "{id} is not in the list");
}

/// The ids of the visible projects, in order.
fn visible_ids(app: &App) -> Vec<String> {
    app.visible
        .iter()
        .map(|&i| app.portfolio.projects[i].id.clone())
        .collect()
}

fn id_set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

fn goal_index(app: &App, id: &str) -> usize {
    app.goal_by_id[id]
}

// ---------------------------------------------------------------------------------------
// Reading the buffer
// ---------------------------------------------------------------------------------------

/// The cells of row `y` that are drawn (the columns hidden under a wide symbol are left
/// out, as `TestBackend`'s own view does), with their x.
fn row_cells(buf: &Buffer, y: u16) -> Vec<(u16, &str)> {
    let mut out = Vec::new();
    let mut skip = 0usize;
    for x in 0..buf.area.width {
        let cell = &buf[(x, y)];
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let sym = cell.symbol();
        out.push((x, sym));
        skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
    }
    out
}

/// The screen as text, one string per row.
fn lines(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| row_cells(buf, y).into_iter().map(|(_, s)| s).collect())
        .collect()
}

fn text(t: &Terminal<TestBackend>) -> String {
    lines(t.backend().buffer()).join("\n")
}

/// The bottom row: the status line.
fn status_line(t: &Terminal<TestBackend>) -> String {
    lines(t.backend().buffer()).pop().unwrap_or_default()
}

/// Where `needle` starts on screen: (x, y) of its first cell, top to bottom.
fn locate(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    locate_all(buf, needle).into_iter().next()
}

fn locate_all(buf: &Buffer, needle: &str) -> Vec<(u16, u16)> {
    let mut found = Vec::new();
    for y in 0..buf.area.height {
        let cells = row_cells(buf, y);
        let mut s = String::new();
        let mut at = Vec::new(); // byte offset → x
        for (x, sym) in &cells {
            at.push((s.len(), *x));
            s.push_str(sym);
        }
        for (byte, _) in s.match_indices(needle) {
            if let Some(&(_, x)) = at.iter().find(|(b, _)| *b == byte) {
                found.push((x, y));
            }
        }
    }
    found
}

/// The triage timer ticks; every `d:dd` (and `dd:dd:dd`) on screen becomes `#:##` of the
/// same width, so a snapshot taken a second later is the same.
fn redact_timer(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = chars.clone();
    let mut i = 0;
    while i < chars.len() {
        // A run of digits and colons that starts with a digit and has "d:dd" in it.
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let mut j = i;
            while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == ':') {
                j += 1;
            }
            let run: String = chars[i..j].iter().collect();
            let is_clock = run.contains(':')
                && run
                    .split(':')
                    .skip(1)
                    .all(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_digit()))
                && !run.ends_with(':');
            if is_clock {
                for c in out.iter_mut().take(j).skip(i) {
                    if c.is_ascii_digit() {
                        *c = '#';
                    }
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out.into_iter().collect()
}

// ---------------------------------------------------------------------------------------
// Snapshots
// ---------------------------------------------------------------------------------------

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Snapshot `app` at both sizes as `{name}_{w}x{h}`.
fn snap_both(name: &str, app: &App, theme: ThemeName) {
    for (w, h) in SIZES {
        let t = render(app, w, h, theme);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

#[test]
fn snapshot_goals() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch('1'));
    snap_both("goals_nb", &a, Plain);
    let mut a = app(Lang::En);
    press(&mut a, ch('1'));
    snap_both("goals_en", &a, Plain);
}

#[test]
fn snapshot_projects() {
    let a = app(Lang::Nb);
    snap_both("projects_nb", &a, Plain);
    let a = app(Lang::En);
    snap_both("projects_en", &a, Plain);
}

#[test]
fn snapshot_projects_zoomed_wide() {
    // Zoomed at 120 columns the list has room for the unit column.
    let mut a = app_at(Lang::Nb, 120, 40);
    press(&mut a, ch('z'));
    insta::assert_snapshot!(
        "projects_zoom_nb_120x40",
        render(&a, 120, 40, Plain).backend()
    );
}

#[test]
fn snapshot_projects_mono() {
    // NO_COLOR: the text must carry everything on its own.
    let a = app(Lang::Nb);
    snap_both("projects_mono_nb", &a, Mono);
}

#[test]
fn snapshot_search_typing() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch('/'));
    typ(&mut a, "kli");
    snap_both("search_kli_nb", &a, Plain);
}

#[test]
fn snapshot_detail() {
    let mut a = app(Lang::Nb);
    select(&mut a, "T-01");
    press(&mut a, KeyCode::Enter);
    assert!(a.detail);
    snap_both("detail_nb", &a, Plain);
    let mut a = app(Lang::En);
    select(&mut a, "T-01");
    press(&mut a, KeyCode::Enter);
    snap_both("detail_en", &a, Plain);
}

#[test]
fn snapshot_detail_hostile() {
    let mut a = app(Lang::Nb);
    select(&mut a, "T-05");
    press(&mut a, KeyCode::Enter);
    snap_both("detail_hostile_nb", &a, Plain);
}

#[test]
fn snapshot_risks() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch('3'));
    snap_both("risks_nb", &a, Plain);
    let mut a = app(Lang::En);
    press(&mut a, ch('3'));
    snap_both("risks_en", &a, Plain);
}

#[test]
fn snapshot_risks_cell_chosen() {
    // The red cell P4 × C4 chosen: the register lists its risk.
    let mut a = app(Lang::Nb);
    press(&mut a, ch('3'));
    for k in [ch('j'), ch('k')] {
        press(&mut a, k);
    }
    assert_eq!(a.risk_cell, (4, 4));
    press(&mut a, KeyCode::Enter);
    snap_both("risks_cell_4x4_nb", &a, Plain);
}

#[test]
fn snapshot_evaluation() {
    let mut a = app(Lang::Nb);
    select(&mut a, "T-01");
    press(&mut a, ch('4'));
    snap_both("evaluation_nb", &a, Plain);
    let mut a = app(Lang::En);
    select(&mut a, "T-01");
    press(&mut a, ch('4'));
    snap_both("evaluation_en", &a, Plain);
}

#[test]
fn snapshot_evaluation_scored() {
    // The meeting's own evaluation: two scores, a decision and a note.
    let mut a = app(Lang::Nb);
    select(&mut a, "T-01");
    press(&mut a, ch('4'));
    press(&mut a, KeyCode::Enter);
    typ(&mut a, "53d2n");
    typ(&mut a, "Ny framdriftsplan godkjent, følges opp i mars");
    press(&mut a, KeyCode::Enter);
    snap_both("evaluation_scored_nb", &a, Plain);
}

#[test]
fn snapshot_triage() {
    for (w, h) in SIZES {
        let mut a = app_at(Lang::Nb, w, h);
        select(&mut a, "T-01");
        press(&mut a, ch('t'));
        let t = a.triage.as_mut().expect("triage started");
        // Drawn at once, so the timer reads (close to) zero; redacted all the same.
        t.item_started = Instant::now();
        let shown = redact_timer(&render(&a, w, h, Plain).backend().to_string());
        insta::assert_snapshot!(format!("triage_nb_{w}x{h}"), shown);
    }
}

#[test]
fn snapshot_help() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch('?'));
    snap_both("help_nb", &a, Plain);
    let mut a = app(Lang::En);
    press(&mut a, ch('?'));
    snap_both("help_en", &a, Plain);
}

#[test]
fn snapshot_palette() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch(':'));
    snap_both("palette_nb", &a, Plain);
    typ(&mut a, "sort");
    insta::assert_snapshot!("palette_sort_nb_80x24", render(&a, 80, 24, Plain).backend());
    let mut a = app(Lang::En);
    press(&mut a, ch(':'));
    insta::assert_snapshot!("palette_en_80x24", render(&a, 80, 24, Plain).backend());
}

#[test]
fn snapshot_filter_menu() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch('f'));
    insta::assert_snapshot!("filter_menu_nb_80x24", render(&a, 80, 24, Plain).backend());
    press(&mut a, ch('1'));
    insta::assert_snapshot!(
        "filter_status_nb_80x24",
        render(&a, 80, 24, Plain).backend()
    );
}

#[test]
fn snapshot_quit_question() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch('H'));
    press(&mut a, ch('1')); // T-03 Red → Green (Red again would change nothing)
    press(&mut a, ch('q'));
    insta::assert_snapshot!("quit_unsaved_nb_80x24", render(&a, 80, 24, Plain).backend());
}

#[test]
fn snapshot_too_small() {
    let a = app(Lang::Nb);
    insta::assert_snapshot!("too_small_nb_79x24", render(&a, 79, 24, Plain).backend());
    insta::assert_snapshot!("too_small_nb_80x23", render(&a, 80, 23, Plain).backend());
    let a = app(Lang::En);
    insta::assert_snapshot!("too_small_en_40x10", render(&a, 40, 10, Plain).backend());
}

// ---------------------------------------------------------------------------------------
// Key sequences: state and screen
// ---------------------------------------------------------------------------------------

#[test]
fn search_narrows_highlights_keeps_best_match_and_esc_clears() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch('G')); // the cursor somewhere else first
    let before = a.selected();

    press(&mut a, ch('/'));
    assert!(a.searching.is_some());
    typ(&mut a, "kli");
    assert_eq!(a.filters.search, "kli");
    let shown: BTreeSet<String> = visible_ids(&a).into_iter().collect();
    assert_eq!(shown, id_set(&["T-01", "T-02", "T-06"]));

    let t = render(&a, 80, 24, Plain);
    let screen = text(&t);
    for name in ["Klimavennlige", "Klimatilpasning", "Klimaklinikk"] {
        assert!(screen.contains(name), "{name} is listed:\n{screen}");
    }
    for name in ["Bysykler", "Nordisk", "Farlig"] {
        assert!(!screen.contains(name), "{name} is filtered out:\n{screen}");
    }
    assert!(screen.contains("Prosjekter (3/6 i utvalget)"), "{screen}");
    let status = status_line(&t);
    assert!(
        status.starts_with(" / ") && status.contains("kli") && status.contains("3 treff"),
        "{status}"
    );

    // The matched letters of every listed name are highlighted, and only those.
    let buf = t.backend().buffer();
    let theme = Theme::new(Plain);
    for name in ["Klimavennlige", "Klimatilpasning", "Klimaklinikk"] {
        let (x0, y) = locate(buf, name).expect("the name is on screen");
        let row = row_cells(buf, y);
        let marked: String = row
            .iter()
            .filter(|(x, _)| *x >= x0 && *x < x0 + 30)
            .filter(|(x, _)| {
                let c = &buf[(*x, y)];
                c.modifier.contains(Modifier::UNDERLINED) && c.fg == theme.matched.fg.unwrap()
            })
            .map(|(_, s)| s.to_lowercase())
            .collect();
        assert_eq!(marked, "kli", "highlighted letters in the row of {name}");
    }

    // Enter keeps the filter and selects the best match.
    press(&mut a, KeyCode::Enter);
    assert!(a.searching.is_none());
    assert_eq!(a.filters.search, "kli");
    assert_eq!(a.visible.len(), 3);
    assert_eq!(a.project_cursor, 0);
    let m = matcher();
    let best = a
        .visible
        .iter()
        .map(|&i| search_score(&m, &a.portfolio.projects[i], "kli").unwrap_or(i64::MIN))
        .max()
        .unwrap();
    let sel = a.selected().expect("a selection");
    assert_ne!(Some(sel), before);
    assert_eq!(
        search_score(&m, &a.portfolio.projects[sel], "kli"),
        Some(best)
    );
    let status = status_line(&render(&a, 80, 24, Plain));
    assert!(status.contains("Filter: søk «kli»"), "{status}");

    // Esc clears it.
    press(&mut a, KeyCode::Esc);
    assert!(a.filters.is_empty());
    assert_eq!(a.visible.len(), 6);
    let t = render(&a, 80, 24, Plain);
    assert!(!status_line(&t).contains("Filter:"), "{}", status_line(&t));
    assert!(text(&t).contains("Prosjekter (6)"));
}

#[test]
fn esc_while_typing_a_search_cancels_it() {
    let mut a = app(Lang::En);
    press(&mut a, ch('/'));
    typ(&mut a, "bysy");
    assert_eq!(visible_ids(&a), ["T-03"]);
    press(&mut a, KeyCode::Backspace);
    assert_eq!(a.filters.search, "bys");
    press(&mut a, KeyCode::Esc);
    assert!(a.searching.is_none());
    assert!(a.filters.is_empty());
    assert_eq!(a.visible.len(), 6);
    let t = render(&a, 80, 24, Plain);
    assert!(text(&t).contains("Projects (6)"));
}

#[test]
fn search_without_match_says_so() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch('/'));
    typ(&mut a, "zzzz");
    assert!(a.visible.is_empty());
    press(&mut a, KeyCode::Enter);
    let t = render(&a, 80, 24, Plain);
    let screen = text(&t);
    assert!(
        screen.contains("Ingen prosjekter passer filteret"),
        "{screen}"
    );
    assert!(
        status_line(&t).contains("Ingen treff"),
        "{}",
        status_line(&t)
    );
}

#[test]
fn search_from_another_pane_goes_to_the_projects() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch('3'));
    press(&mut a, ch('/'));
    assert_eq!(a.pane, Pane::Projects);
    // ("nord" alone also matches n-o-r-d in the owner "Nora Lund" of T-06: fuzzy.)
    typ(&mut a, "nordisk");
    assert_eq!(visible_ids(&a), ["T-04"]);
}

#[test]
fn choosing_a_goal_filters_to_it_and_its_sub_goals() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch('1'));
    assert_eq!(a.pane, Pane::Goals);
    // Rows: klima, klima.h, klima.d1, klima.d2, by, by.h, by.d1, by.d2.
    press(&mut a, ch('j'));
    assert_eq!(a.goal_rows[a.goal_cursor], goal_index(&a, "klima.h"));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.filters.goal, Some(goal_index(&a, "klima.h")));
    let shown: BTreeSet<String> = visible_ids(&a).into_iter().collect();
    assert_eq!(shown, id_set(&["T-01", "T-02", "T-04", "T-05", "T-06"]));

    // The other panes follow: the risk register holds only these projects' risks.
    assert!(a.risk_rows.iter().all(|(p, _)| a.visible.contains(p)));
    let open_in_matrix: usize = a.matrix.iter().flatten().sum();
    assert_eq!(
        open_in_matrix, 4,
        "open risks: R1 of T-01, T-02, T-04 and T-05"
    );

    let t = render(&a, 80, 24, Plain);
    let screen = text(&t);
    assert!(
        screen.contains("◆ klima.h"),
        "the chosen goal is marked:\n{screen}"
    );
    let status = status_line(&t);
    assert!(status.contains("Filter: mål klima.h"), "{status}");

    // In the grid at 120×40 the projects pane says how many are shown.
    let t = render(&a, 120, 40, Plain);
    assert!(
        text(&t).contains("Prosjekter (5/6 i utvalget)"),
        "{}",
        text(&t)
    );

    press(&mut a, KeyCode::Esc);
    assert_eq!(a.filters.goal, None);
    assert_eq!(a.visible.len(), 6);
    let t = render(&a, 80, 24, Plain);
    assert!(!status_line(&t).contains("Filter:"), "{}", status_line(&t));
    assert!(!text(&t).contains('◆'));
}

#[test]
fn choosing_a_leaf_goal_filters_to_its_projects() {
    let mut a = app(Lang::En);
    press(&mut a, ch('1'));
    let target = goal_index(&a, "by.d1");
    while a.goal_rows[a.goal_cursor] != target {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Enter);
    let shown: BTreeSet<String> = visible_ids(&a).into_iter().collect();
    assert_eq!(shown, id_set(&["T-03", "T-04"]));
    let t = render(&a, 80, 24, Plain);
    assert!(
        status_line(&t).contains("Filter: goal by.d1"),
        "{}",
        status_line(&t)
    );
}

#[test]
fn the_unserved_goal_is_marked() {
    let a = {
        let mut a = app(Lang::Nb);
        press(&mut a, ch('1'));
        a
    };
    let gi = goal_index(&a, "by.d2");
    assert_eq!(a.figures.unserved_leaves, vec![gi]);
    let t = render(&a, 80, 24, Plain);
    let screen = text(&t);
    assert!(screen.contains("Mål (8) · 1 uten tiltak"), "{screen}");
    let row = lines(t.backend().buffer())
        .into_iter()
        .find(|l| l.contains("by.d2"))
        .expect("by.d2 is shown");
    assert!(row.contains("○ ingen"), "{row}");
}

#[test]
fn goals_collapse_and_expand() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch('1'));
    assert_eq!(a.goal_rows.len(), 8);
    press(&mut a, ch('h')); // collapse "klima"
    assert_eq!(a.goal_rows.len(), 5);
    assert!(!text(&render(&a, 80, 24, Plain)).contains("klima.d1"));
    press(&mut a, KeyCode::Right);
    assert_eq!(a.goal_rows.len(), 8);
    assert!(text(&render(&a, 80, 24, Plain)).contains("klima.d1"));
}

/// The projects pane's header cells, as drawn.
fn header_row(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let (_, y) = locate(buf, "Id").expect("a header row");
    lines(buf)[y as usize].clone()
}

#[test]
fn sort_cycles_columns_reverses_and_shows_the_direction() {
    let mut a = app(Lang::Nb);
    assert_eq!((a.sort, a.sort_desc), (SortKey::Health, true));
    assert!(header_row(&render(&a, 80, 24, Plain)).contains("H▼"));

    press(&mut a, ch('o'));
    assert_eq!((a.sort, a.sort_desc), (SortKey::Planned, true));
    assert_eq!(
        visible_ids(&a),
        ["T-01", "T-02", "T-03", "T-05", "T-06", "T-04"]
    );
    let t = render(&a, 80, 24, Plain);
    assert!(header_row(&t).contains("Budsjett▼"), "{}", header_row(&t));
    assert!(
        status_line(&t).contains("Sortert etter Planlagt"),
        "{}",
        status_line(&t)
    );

    press(&mut a, ch('O'));
    assert_eq!((a.sort, a.sort_desc), (SortKey::Planned, false));
    assert_eq!(
        visible_ids(&a),
        ["T-04", "T-06", "T-05", "T-03", "T-02", "T-01"]
    );
    assert!(header_row(&render(&a, 80, 24, Plain)).contains("Budsjett▲"));

    // Every column in turn; zoomed at 120 columns every one has its arrow in the header.
    press(&mut a, ch('z'));
    let labels = [
        (SortKey::Spent, "Budsjett"), // planned/spent share a column
        (SortKey::Score, "Score"),
        (SortKey::Risk, "Risiko"),
        (SortKey::End, "Slutt"),
        (SortKey::Id, "Id"),
        (SortKey::Name, "Navn"),
        (SortKey::Unit, "Enhet"),
        (SortKey::Status, "Status"),
        (SortKey::Health, "Helse"),
        (SortKey::Planned, "Budsjett"),
    ];
    for (key, label) in labels {
        press(&mut a, ch('o'));
        assert_eq!(a.sort, key);
        let arrow = if a.sort_desc { '▼' } else { '▲' };
        let header = header_row(&render(&a, 120, 40, Plain));
        assert!(
            header.contains(&format!("{label}{arrow}")),
            "{key:?}: {header}"
        );
        assert_eq!(header.matches(['▲', '▼']).count(), 1, "{header}");
    }

    // The order follows the column: by name, A→Z.
    while a.sort != SortKey::Name {
        press(&mut a, ch('o'));
    }
    assert!(!a.sort_desc);
    let names: Vec<String> = a
        .visible
        .iter()
        .map(|&i| a.portfolio.projects[i].name.to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn zoom_shows_the_current_pane_alone() {
    let mut a = app_at(Lang::Nb, 120, 40);
    let titles_below_bar = |t: &Terminal<TestBackend>| {
        lines(t.backend().buffer())
            .into_iter()
            .skip(1)
            .filter(|l| l.contains("1 Mål (8)") || l.contains("2 Prosjekter (6)"))
            .count()
    };
    let t = render(&a, 120, 40, Plain);
    let grid = text(&t);
    assert!(
        grid.contains("1 Mål (8)") && grid.contains("2 Prosjekter (6)"),
        "{grid}"
    );

    press(&mut a, ch('z'));
    assert!(a.zoom);
    let t = render(&a, 120, 40, Plain);
    let zoomed = text(&t);
    assert!(!zoomed.contains("1 Mål (8)"), "{zoomed}");
    assert!(zoomed.contains("▶ 2 Prosjekter (6)"), "{zoomed}");
    // Zoomed, the list is wide enough for the unit column.
    assert!(header_row(&t).contains("Enhet"), "{}", header_row(&t));

    press(&mut a, ch('z'));
    assert!(!a.zoom);
    assert!(titles_below_bar(&render(&a, 120, 40, Plain)) >= 1);

    press(&mut a, ch('z'));
    press(&mut a, KeyCode::Esc);
    assert!(!a.zoom, "Esc leaves zoom too");
}

#[test]
fn help_lists_every_binding() {
    for lang in [Lang::Nb, Lang::En] {
        let (w, h) = (80, 24);
        let mut a = app_at(lang, w, h);
        press(&mut a, ch('?'));
        assert!(matches!(a.overlay, Some(Overlay::Help { .. })));
        let first = text(&render(&a, w, h, Plain));
        assert!(
            first.contains(lang.pick("Hjelp — alle taster", "Help — every key")),
            "{first}"
        );

        // Scroll to the end one line at a time, collecting what is shown.
        let mut seen: Vec<String> = Vec::new();
        for _ in 0..(BINDINGS.len() + 20) {
            seen.extend(lines(render(&a, w, h, Plain).backend().buffer()));
            press(&mut a, ch('j'));
        }
        // Each key, at least a space, then the start of its text (long ones wrap).
        for b in BINDINGS.iter() {
            let what = b.describe(lang);
            let start: String = what.chars().take(20).collect();
            assert!(
                seen.iter().any(|l| {
                    l.match_indices(b.shown).any(|(i, _)| {
                        let rest = &l[i + b.shown.len()..];
                        let text = rest.trim_start_matches(' ');
                        text.len() < rest.len() && text.starts_with(start.trim_end())
                    })
                }),
                "{lang:?}: help shows `{}  {what}`",
                b.shown
            );
        }

        // Any other key closes help without doing anything else.
        press(&mut a, KeyCode::Esc);
        assert!(a.overlay.is_none());
        assert!(!a.quit);
    }
}

#[test]
fn help_scrolls_back_up_from_the_bottom() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch('?'));
    press(&mut a, ch('G'));
    let bottom = text(&render(&a, 80, 24, Plain));
    press(&mut a, ch('k'));
    let one_up = text(&render(&a, 80, 24, Plain));
    assert_ne!(bottom, one_up, "k after G scrolls up a line");
}

#[test]
fn pane_keys_tab_and_shift_tab_switch_panes() {
    let mut a = app(Lang::Nb);
    let theme = Theme::new(Plain);
    let active_tab = |a: &App| {
        let t = render(a, 80, 24, Plain);
        let buf = t.backend().buffer();
        // At 80 columns the tabs are the numbers (the portfolio's name needs the room).
        Pane::ALL
            .into_iter()
            .filter(|p| {
                let label = format!(" {} ", p.index() + 1);
                let (x, y) = locate(buf, &label).expect("every pane has a tab");
                y == 0 && buf[(x + 1, y)].bg == theme.tab_active.bg.unwrap()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(a.pane, Pane::Projects);
    assert_eq!(active_tab(&a), [Pane::Projects]);

    for (key, pane) in [
        (ch('1'), Pane::Goals),
        (ch('3'), Pane::Risks),
        (ch('2'), Pane::Projects),
        (ch('5'), Pane::Balance),
        (ch('4'), Pane::Evaluation),
    ] {
        press(&mut a, key);
        assert_eq!(a.pane, pane);
        assert_eq!(active_tab(&a), [pane]);
    }
    // In the score sheet, digits score; Tab still moves on.
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.pane, Pane::Balance);
    for pane in [
        Pane::Goals,
        Pane::Projects,
        Pane::Risks,
        Pane::Evaluation,
        Pane::Balance,
        Pane::Goals,
    ] {
        press(&mut a, KeyCode::Tab);
        assert_eq!(a.pane, pane);
    }
    for pane in [
        Pane::Balance,
        Pane::Evaluation,
        Pane::Risks,
        Pane::Projects,
        Pane::Goals,
    ] {
        press(&mut a, KeyCode::BackTab);
        assert_eq!(a.pane, pane);
        assert_eq!(active_tab(&a), [pane]);
    }
}

#[test]
fn digits_in_the_score_sheet_score_only_after_enter() {
    // In the sheet the digits go to the panes, as everywhere (more in tests/keys.rs).
    let mut a = app(Lang::Nb);
    select(&mut a, "T-04");
    press(&mut a, ch('4'));
    press(&mut a, ch('1'));
    assert_eq!(a.pane, Pane::Goals);
    assert_eq!(a.unsaved, 0);
    // Enter starts scoring: now 1 scores.
    press(&mut a, ch('4'));
    press(&mut a, KeyCode::Enter);
    press(&mut a, ch('1'));
    assert_eq!(a.pane, Pane::Evaluation);
    assert_eq!(a.unsaved, 1);
    let ev = a.portfolio.projects[pi(&a, "T-04")]
        .evaluations
        .last()
        .cloned();
    let ev = ev.expect("an evaluation for the meeting");
    assert_eq!(ev.date, meeting_date());
    assert_eq!(ev.scores.get("goals"), Some(&1));
}

#[test]
fn filter_menu_status_active() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch('f'));
    assert_eq!(
        a.overlay,
        Some(Overlay::Picker {
            kind: PickerKind::FilterKind,
            cursor: 0
        })
    );
    let screen = text(&render(&a, 80, 24, Plain));
    assert!(screen.contains("Filtrer på"), "{screen}");
    for k in FilterKind::ALL {
        assert!(screen.contains(k.label(Lang::Nb)), "{screen}");
    }

    press(&mut a, KeyCode::Enter); // Status, the first entry
    assert!(matches!(
        a.overlay,
        Some(Overlay::Picker {
            kind: PickerKind::FilterValue(FilterKind::Status),
            ..
        })
    ));
    let screen = text(&render(&a, 80, 24, Plain));
    assert!(
        screen.contains("(alle)") && screen.contains("Aktiv"),
        "{screen}"
    );
    press(&mut a, ch('j'));
    press(&mut a, ch('j'));
    press(&mut a, KeyCode::Enter); // (alle), Foreslått, Aktiv
    assert!(a.overlay.is_none());
    assert_eq!(a.filters.status, Some(Status::Active));
    let shown: BTreeSet<String> = visible_ids(&a).into_iter().collect();
    assert_eq!(shown, id_set(&["T-01", "T-02", "T-03"]));
    let t = render(&a, 80, 24, Plain);
    assert!(
        status_line(&t).contains("Filter: Aktiv"),
        "{}",
        status_line(&t)
    );
    assert!(text(&t).contains("Prosjekter (3/6 i utvalget)"));

    // A second filter by digit: health Red, 3 as in the H picker ("(alle)" is 0).
    typ(&mut a, "f2");
    press(&mut a, ch('3')); // 0 (alle), 1 Grønn, 2 Gul, 3 Rød
    assert_eq!(a.filters.health, Some(Some(Health::Red)));
    assert_eq!(visible_ids(&a), ["T-03"]);
    let t = render(&a, 80, 24, Plain);
    assert!(
        status_line(&t).contains("Aktiv · helse Rød"),
        "{}",
        status_line(&t)
    );

    press(&mut a, KeyCode::Esc);
    assert!(a.filters.is_empty());
}

#[test]
fn palette_finds_help_in_both_languages() {
    for (lang, query) in [(Lang::Nb, "hjelp"), (Lang::En, "help")] {
        let mut a = app(lang);
        press(&mut a, ch(':'));
        assert!(matches!(a.overlay, Some(Overlay::Palette { .. })));
        typ(&mut a, query);
        let screen = text(&render(&a, 80, 24, Plain));
        assert!(screen.contains(&format!("› {query}")), "{screen}");
        press(&mut a, KeyCode::Enter);
        assert!(matches!(a.overlay, Some(Overlay::Help { .. })), "{lang:?}");
        let screen = text(&render(&a, 80, 24, Plain));
        assert!(screen.contains(lang.pick("Hjelp", "Help")), "{screen}");
    }
}

#[test]
fn palette_runs_a_sort_command() {
    let mut a = app(Lang::En);
    press(&mut a, ch(':'));
    typ(&mut a, "sort by end");
    press(&mut a, KeyCode::Enter);
    assert!(a.overlay.is_none());
    assert_eq!(a.sort, SortKey::End);
}

#[test]
fn q_quits_when_nothing_is_unsaved() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch('q'));
    assert!(a.quit);
    assert_eq!(a.effects, [Effect::Quit]);
}

#[test]
fn q_asks_first_when_there_are_unsaved_changes() {
    let mut a = app(Lang::Nb);
    select(&mut a, "T-04");
    press(&mut a, ch('H'));
    press(&mut a, ch('3')); // Grønn, Gul, Rød
    assert_eq!(
        a.portfolio.projects[pi(&a, "T-04")].health,
        Some(Health::Red)
    );
    assert_eq!(a.unsaved, 1);
    let t = render(&a, 80, 24, Plain);
    assert!(
        status_line(&t).contains("● ulagret (1)"),
        "{}",
        status_line(&t)
    );

    press(&mut a, ch('q'));
    assert!(!a.quit);
    assert_eq!(a.overlay, Some(Overlay::Question(Question::QuitUnsaved)));
    assert!(text(&render(&a, 80, 24, Plain)).contains("Ulagrede endringer"));
    press(&mut a, KeyCode::Esc);
    assert!(a.overlay.is_none());
    assert!(!a.quit);
}

#[test]
fn ctrl_c_quits_even_while_typing() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch('/'));
    typ(&mut a, "kl");
    press_ctrl(&mut a, 'c');
    assert!(a.quit);
}

#[test]
fn enter_opens_the_detail_and_esc_closes_it() {
    let mut a = app(Lang::Nb);
    select(&mut a, "T-02");
    press(&mut a, KeyCode::Enter);
    assert!(a.detail);
    assert_eq!(a.selected(), Some(pi(&a, "T-02")));
    press(&mut a, KeyCode::Esc);
    assert!(!a.detail);
    assert_eq!(a.selected(), Some(pi(&a, "T-02")));
}

// ---------------------------------------------------------------------------------------
// Evaluation pane and triage
// ---------------------------------------------------------------------------------------

/// The screen's text with no-break spaces (in "37 %") as plain spaces.
fn plain_text(t: &Terminal<TestBackend>) -> String {
    text(t).replace('\u{a0}', " ")
}

/// The drawn row that holds `needle` (first from the top), no-break spaces made plain.
fn row_with(t: &Terminal<TestBackend>, needle: &str) -> String {
    lines(t.backend().buffer())
        .into_iter()
        .map(|l| l.replace('\u{a0}', " "))
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no row with {needle:?}:\n{}", text(t)))
}

/// A score sheet row as words after the criterion's name: weight, latest, previous, and
/// the evidence.
fn sheet_row(t: &Terminal<TestBackend>, criterion: &str) -> Vec<String> {
    let row = lines(t.backend().buffer())
        .into_iter()
        .map(|l| l.replace('\u{a0}', " "))
        .find(|l| {
            // The criterion's name, then its weight (not a facts line or a description).
            // In the grid another pane may stand to the left of the sheet.
            l.split_once(criterion)
                .filter(|(before, _)| before.ends_with(['┃', '│', ' ', '▸']) || before.is_empty())
                .map(|(_, rest)| rest)
                .is_some_and(|rest| {
                    // Weight (or total), then a score or a dash.
                    let mut words = rest.split_whitespace();
                    let number = |w: &str| w.chars().next().is_some_and(|c| c.is_ascii_digit());
                    words.next().is_some_and(number)
                        && words.next().is_some_and(|w| w == "–" || number(w))
                })
        })
        .unwrap_or_else(|| panic!("no sheet row for {criterion}:\n{}", text(t)));
    let after = row
        .split_once(criterion)
        .map(|(_, rest)| rest.to_string())
        .unwrap_or_default();
    after
        .trim_end_matches(['┃', '│', ' '])
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// The ranking row of project `id`, as drawn in the pane: "▶3.  3,0  T-01  Klimaven…".
fn ranking_row(t: &Terminal<TestBackend>, id: &str) -> String {
    lines(t.backend().buffer())
        .into_iter()
        .flat_map(|l| {
            l.split(['┃', '│'])
                .map(|s| s.trim_end().to_string())
                .collect::<Vec<_>>()
        })
        .find(|seg| {
            let mut words = seg.trim_start_matches(['▶', ' ']).split_whitespace();
            let rank = words.next().is_some_and(|r| r.ends_with('.'));
            rank && words.nth(1) == Some(id)
        })
        .unwrap_or_else(|| panic!("{id} is not in the ranking:\n{}", text(t)))
}

fn meeting_eval(app: &App, id: &str) -> styr::model::Evaluation {
    let ev = app.portfolio.projects[pi(app, id)]
        .evaluations
        .last()
        .cloned()
        .expect("an evaluation");
    assert_eq!(
        ev.date,
        meeting_date(),
        "{id}'s last evaluation is the meeting's"
    );
    ev
}

#[test]
fn evaluation_pane_shows_latest_and_previous_scores_side_by_side() {
    let mut a = app(Lang::Nb);
    select(&mut a, "T-01");
    press(&mut a, ch('4'));
    let t = render(&a, 80, 24, Plain);
    // T-01: 2026-09-17 {4, 2, 3} after 2026-03-12 {4, 3, 4}.
    assert_eq!(sheet_row(&t, "Måloppnåelse")[..3], ["40", "4", "4"]);
    assert_eq!(sheet_row(&t, "Resultater")[..3], ["35", "2↓", "3"]);
    assert_eq!(sheet_row(&t, "Økonomi")[..3], ["25", "3↓", "4"]);
    // Those are an older evaluation's, and the sheet says so.
    let state = row_with(&t, "Siste 2026-09-17");
    assert!(state.contains("eldre, ikke møtets"), "{state}");
    assert!(state.contains("forrige 2026-03-12"), "{state}");
    let header = row_with(&t, "Kriterium");
    assert!(
        header.contains("Vekt Siste Forr.") && header.contains("Grunnlag"),
        "{header}"
    );
    // The weighted totals: 3,0 (4·40 + 2·35 + 3·25) / 100 and 3,6 before.
    assert_eq!(sheet_row(&t, "Vektet sum")[..2], ["3,0", "3,6"]);
    // The older evaluation's decision is not taken for the meeting's.
    assert!(row_with(&t, "Møtet: vedtak").contains("Møtet: vedtak – · notat –"));
    assert!(row_with(&t, "2026-09-17: vedtak").contains("Juster"));

    // English, and in the grid at 120×40.
    let mut a = app_at(Lang::En, 120, 40);
    select(&mut a, "T-01");
    press(&mut a, ch('4'));
    let t = render(&a, 120, 40, Plain);
    assert_eq!(sheet_row(&t, "Resultater")[..3], ["35", "2↓", "3"]);
    assert!(row_with(&t, "Latest 2026-09-17").contains("older, not this meeting's"));
    assert_eq!(sheet_row(&t, "Weighted total")[..2], ["3.0", "3.6"]);
}

#[test]
fn evaluation_pane_shows_the_evidence_for_t01() {
    // T-01: goal klima.d1 is in the tree (1 of 1); results 5/12 and 20/20 (1 reached,
    // mean 71 %); spent 2 150 000 of 5 800 000 (37 %) with 683 of 1 276 days gone (54 %).
    let mut a = app(Lang::Nb);
    select(&mut a, "T-01");
    press(&mut a, ch('4'));
    let t = render(&a, 80, 24, Plain);
    let evidence = |c: &str| sheet_row(&t, c)[3..].join(" ");
    assert_eq!(
        evidence("Måloppnåelse"),
        "1 av 1 mål er vedtatte mål i treet (100 %)"
    );
    assert_eq!(
        evidence("Resultater"),
        "1 av 2 resultater nådd · 71 % av målene"
    );
    assert_eq!(
        evidence("Økonomi"),
        "brukt 37 % av planlagt · 54 % av tiden gått"
    );

    // In the grid pane (58 columns) the short forms, with the same figures.
    let mut a = app_at(Lang::En, 120, 40);
    select(&mut a, "T-01");
    press(&mut a, ch('4'));
    let t = render(&a, 120, 40, Plain);
    let evidence = |c: &str| sheet_row(&t, c)[3..].join(" ");
    assert_eq!(evidence("Måloppnåelse"), "1/1 goals in the tree");
    assert_eq!(evidence("Resultater"), "1/2 reached · 71 %");
    assert_eq!(evidence("Økonomi"), "spent 37 % · time 54 %");

    // Over budget is marked with a symbol, not colour alone (T-03 spent 1,7 M of 1,5 M).
    let mut a = app(Lang::Nb);
    select(&mut a, "T-03");
    press(&mut a, ch('4'));
    let t = render(&a, 80, 24, Plain);
    assert_eq!(
        sheet_row(&t, "Økonomi")[3..].join(" "),
        "▲ brukt 113 % · tid 100 %"
    );
}

#[test]
fn criteria_of_other_ids_get_the_evidence_that_fits_or_a_dash() {
    let mut p = portfolio();
    p.criteria = vec![
        styr::model::Criterion {
            id: "forankring".into(),
            name: "Strategisk forankring".into(),
            weight: 2,
            description: None,
        },
        styr::model::Criterion {
            id: "risk".into(),
            name: "Risikostyring".into(),
            weight: 1,
            description: None,
        },
        styr::model::Criterion {
            id: "x".into(),
            name: "Samarbeid".into(),
            weight: 1,
            description: None,
        },
    ];
    let mut a = App::new(p, LABEL.into(), Lang::Nb, meeting_date());
    update(&mut a, Action::Resize(80, 24));
    select(&mut a, "T-01");
    press(&mut a, ch('4'));
    let t = render(&a, 80, 24, Plain);
    assert_eq!(
        sheet_row(&t, "Strategisk forankring")[3..].join(" "),
        "1/1 mål i treet"
    );
    assert_eq!(
        sheet_row(&t, "Risikostyring")[3..].join(" "),
        "høyeste risiko ■ 16 (Rød) · 1 åpne"
    );
    assert_eq!(sheet_row(&t, "Samarbeid")[1..], ["–", "–", "–"]);
    // Scores for these criteria work as for any other.
    press(&mut a, KeyCode::Enter);
    press(&mut a, ch('2'));
    press(&mut a, ch('4'));
    assert_eq!(meeting_eval(&a, "T-01").scores.get("risk"), Some(&4));
    let t = render(&a, 80, 24, Plain);
    assert_eq!(sheet_row(&t, "Vektet sum")[0], "2,7"); // (2·2 + 4·1) / 3
}

#[test]
fn scoring_shows_the_score_moves_on_and_updates_total_and_ranking() {
    let theme = Theme::new(Plain);
    let mut a = app(Lang::Nb);
    select(&mut a, "T-01");
    press(&mut a, ch('4'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.criterion_cursor, 0);
    let t = render(&a, 80, 24, Plain);
    assert!(ranking_row(&t, "T-01").starts_with("▶3.  3,0  T-01"));
    // The cursor's row is highlighted while the pane has the focus.
    let (x, y) = locate(t.backend().buffer(), "▸Måloppnåelse").expect("the cursor row");
    assert!(
        t.backend().buffer()[(x + 1, y)]
            .modifier
            .contains(Modifier::REVERSED)
    );
    assert_eq!(theme.selected.add_modifier, Modifier::REVERSED);

    press(&mut a, ch('5'));
    assert_eq!(a.unsaved, 1);
    assert_eq!(a.criterion_cursor, 1, "the cursor moves on");
    let ev = meeting_eval(&a, "T-01");
    assert_eq!(ev.scores.get("goals"), Some(&5));
    assert_eq!(ev.scores.len(), 1);
    let t = render(&a, 80, 24, Plain);
    // Now the sheet is the meeting's, the old latest is the previous.
    let state = row_with(&t, "Møtet 2026-11-22");
    assert!(
        state.contains("redigeres") && state.contains("forrige 2026-09-17"),
        "{state}"
    );
    assert!(row_with(&t, "Kriterium").contains("Vekt Møtet Forr."));
    assert_eq!(sheet_row(&t, "Måloppnåelse")[..3], ["40", "5↑", "4"]);
    assert_eq!(sheet_row(&t, "Resultater")[..3], ["35", "–", "2"]);
    assert!(row_with(&t, "▸Resultater").contains("Resultater"));
    // Weighted total over what is scored: 5,0, but of one criterion of three, so not
    // ranked: T-06 (5,0, complete) is first.
    assert_eq!(sheet_row(&t, "Vektet sum")[..2], ["5,0", "3,0"]);
    assert!(row_with(&t, "Vektet sum").contains("1 av 3 vurdert · ikke rangert"));
    assert!(ranking_row(&t, "T-06").starts_with(" 1.  5,0  T-06"));
    assert_eq!(a.ranking.partial[0].0, pi(&a, "T-01"));

    press(&mut a, ch('1'));
    press(&mut a, ch('1'));
    assert_eq!(
        a.criterion_cursor, 2,
        "the cursor stays on the last criterion"
    );
    let t = render(&a, 80, 24, Plain);
    // (5·40 + 1·35 + 1·25) / 100 = 2,6: third, behind T-06 and T-02.
    assert_eq!(sheet_row(&t, "Vektet sum")[..2], ["2,6", "3,0"]);
    assert!(ranking_row(&t, "T-01").starts_with("▶3.  2,6  T-01"));
    assert!(ranking_row(&t, "T-05").starts_with(" 4.  2,4  T-05"));
    assert_eq!(a.ranking.complete[2].0, pi(&a, "T-01"));

    // 0 clears the criterion under the cursor (Økonomi); Backspace does nothing here.
    press(&mut a, KeyCode::Backspace);
    assert_eq!(meeting_eval(&a, "T-01").scores.get("budget"), Some(&1));
    press(&mut a, ch('0'));
    assert_eq!(meeting_eval(&a, "T-01").scores.get("budget"), None);
    assert_eq!(a.criterion_cursor, 2, "clearing does not move on");
    let t = render(&a, 80, 24, Plain);
    assert_eq!(sheet_row(&t, "Økonomi")[..3], ["25", "–", "3"]);
    assert_eq!(sheet_row(&t, "Vektet sum")[0], "3,1"); // (5·40 + 1·35) / 75
    press(&mut a, ch('k'));
    press(&mut a, ch('0'));
    assert_eq!(meeting_eval(&a, "T-01").scores.len(), 1);

    // Undo puts the score back, and the sheet follows.
    press(&mut a, ch('u'));
    assert_eq!(meeting_eval(&a, "T-01").scores.get("results"), Some(&1));
}

#[test]
fn the_cursor_is_not_shown_when_the_pane_has_no_focus() {
    let mut a = app_at(Lang::Nb, 120, 40);
    select(&mut a, "T-01");
    let t = render(&a, 120, 40, Plain);
    assert!(!text(&t).contains("▸Måloppnåelse"), "{}", text(&t));
    assert!(text(&t).contains(" Måloppnåelse"));
    press(&mut a, ch('4'));
    assert!(text(&render(&a, 120, 40, Plain)).contains("▸Måloppnåelse"));
}

#[test]
fn decision_and_note_show_on_the_sheet() {
    for lang in [Lang::Nb, Lang::En] {
        let mut a = app(lang);
        select(&mut a, "T-01");
        press(&mut a, ch('4'));
        press(&mut a, ch('d'));
        press(&mut a, ch('2')); // 1 Continue, 2 Adjust
        press(&mut a, ch('n'));
        typ(&mut a, "Ny plan i desember");
        press(&mut a, KeyCode::Enter);
        let ev = meeting_eval(&a, "T-01");
        assert_eq!(ev.decision, Some(styr::model::Decision::Adjust));
        assert_eq!(ev.note.as_deref(), Some("Ny plan i desember"));
        assert!(ev.scores.is_empty());
        for (w, h) in SIZES {
            let t = render(&a, w, h, Plain);
            let row = row_with(&t, lang.pick("Møtet: vedtak", "Meeting: decision"));
            let want = match lang {
                Lang::Nb => "Møtet: vedtak Juster · notat Ny plan i desember",
                Lang::En => "Meeting: decision Adjust · note Ny plan i desember",
            };
            assert!(row.contains(want), "{lang:?} {w}x{h}: {row}");
            // The sheet is the meeting's now, with no scores yet.
            assert!(
                plain_text(&t).contains(lang.pick("Møtet 2026-11-22", "This meeting 2026-11-22")),
                "{}",
                text(&t)
            );
        }
    }
}

#[test]
fn ranking_marks_the_selection_and_scrolls_to_it() {
    // Thirty more scored projects: the ranking no longer fits the grid's pane.
    let mut p = portfolio();
    let template = p.projects[0].clone();
    for i in 0..30 {
        let mut pr = template.clone();
        pr.id = format!("X-{i:02}");
        pr.name = format!("Ekstra {i}");
        let ev = pr.evaluations.last_mut().expect("T-01 has evaluations");
        ev.scores.insert("goals".into(), 1 + (i % 5));
        p.projects.push(pr);
    }
    let mut a = App::new(p, LABEL.into(), Lang::Nb, meeting_date());
    update(&mut a, Action::Resize(120, 40));
    assert_eq!(a.ranking.len(), 35);
    let last = a.ranking.complete.last().expect("ranked").0;
    let last_id = a.portfolio.projects[last].id.clone();
    select(&mut a, &last_id);
    let t = render(&a, 120, 40, Plain);
    let row = ranking_row(&t, &last_id);
    assert!(row.starts_with("▶35."), "{row}");
    assert!(!text(&t).contains("▶ 1."));

    let first = a.ranking.complete[0].0;
    let first_id = a.portfolio.projects[first].id.clone();
    select(&mut a, &first_id);
    let t = render(&a, 120, 40, Plain);
    assert!(ranking_row(&t, &first_id).starts_with("▶ 1."));
}

/// Everything triage must show for the current project, checked on screen.
fn assert_triage_complete(a: &App, w: u16, h: u16) {
    let l = a.lang;
    let t = render(a, w, h, Plain);
    let screen = plain_text(&t);
    let tr = a.triage.as_ref().expect("in triage");
    let pi = tr.agenda[tr.pos];
    let pr = &a.portfolio.projects[pi];
    let what = format!("{} {l:?} {w}x{h}", pr.id);
    let must = |s: &str| assert!(screen.contains(s), "{what}: {s:?} missing:\n{screen}");
    must(&format!(
        "{} {}/{}",
        l.pick("Gjennomgang", "Triage"),
        tr.pos + 1,
        tr.agenda.len()
    ));
    must(&format!("{} ", l.pick("tid", "time")));
    // Id and the whole name, status, health with its symbol, unit and owner.
    must(&format!("{}  {}", ui::clean(&pr.id), ui::clean(&pr.name)));
    must(&format!("{} · ", l.status(pr.status)));
    must(&format!(
        "{} {}",
        ui::theme::health_symbol(pr.health),
        l.health(pr.health)
    ));
    for s in [&pr.unit, &pr.owner].into_iter().flatten() {
        must(&ui::clean(s));
    }
    // Results, burn against time, the top risk, the previous evaluation.
    must(if pr.results.is_empty() {
        l.pick("ingen målbare resultater", "no measurable results")
    } else {
        l.pick("resultater nådd", "results reached")
    });
    must(l.pick("Økonomi", "Budget"));
    must(l.pick("brukt ", "spent "));
    let pf = &a.figures.projects[pi];
    must(&l.percent(pf.elapsed).replace('\u{a0}', " "));
    match pf.top_risk {
        Some((ri, score, band)) => must(&format!(
            "{} {score:>2} {}",
            ui::theme::band_symbol(band),
            ui::clean(&pr.risks[ri].id)
        )),
        None => must(l.pick("ingen åpne risikoer", "no open risks")),
    }
    match pr
        .evaluations
        .iter()
        .rev()
        .find(|e| e.date < meeting_date())
    {
        Some(e) => {
            must(&format!("{}", e.date));
            if let Some(d) = e.decision {
                must(l.decision(d));
            }
        }
        None => must(l.pick("ingen tidligere evaluering", "no earlier evaluation")),
    }
    // The live sheet: every criterion, the total, the meeting's decision and note.
    for c in &a.portfolio.criteria {
        sheet_row(&t, &c.name);
    }
    must(l.pick("Vektet sum", "Weighted total"));
    must(l.pick("Møtet: vedtak", "Meeting: decision"));
}

#[test]
fn triage_shows_a_count_and_space_and_backspace_move_through_the_agenda() {
    for lang in [Lang::Nb, Lang::En] {
        for (w, h) in SIZES {
            let mut a = app_at(lang, w, h);
            press(&mut a, ch('g'));
            press(&mut a, ch('t'));
            let tr = a.triage.as_ref().expect("triage started");
            // The agenda is the list as shown: red first.
            assert_eq!(tr.agenda, a.visible);
            assert_eq!(tr.pos, 0);
            let first = tr.agenda[0];
            assert_eq!(a.portfolio.projects[first].id, "T-03");
            assert_triage_complete(&a, w, h);
            let title = |a: &App| {
                lang.pick("Gjennomgang", "Triage").to_string()
                    + &format!(" {}/6", a.triage.as_ref().map_or(0, |t| t.pos + 1))
            };
            assert!(text(&render(&a, w, h, Plain)).contains(&title(&a)));

            // Through the whole agenda: every screen complete.
            for n in 1..6 {
                press(&mut a, ch(' '));
                assert_eq!(a.triage.as_ref().map(|t| t.pos), Some(n));
                assert_triage_complete(&a, w, h);
            }
            // Past the last: stays, and says so.
            press(&mut a, KeyCode::Enter);
            assert_eq!(a.triage.as_ref().map(|t| t.pos), Some(5));
            let t = render(&a, w, h, Plain);
            assert!(
                status_line(&t).contains(lang.pick("Siste prosjekt", "Last project")),
                "{}",
                status_line(&t)
            );
            press(&mut a, KeyCode::Backspace);
            assert_eq!(a.triage.as_ref().map(|t| t.pos), Some(4));
            assert!(text(&render(&a, w, h, Plain)).contains(&title(&a)));
            press(&mut a, KeyCode::Esc);
            assert!(a.triage.is_none());
        }
    }
}

#[test]
fn triage_records_scores_decision_and_note_in_eight_keystrokes() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch('g'));
    press(&mut a, ch('t'));
    let t03 = pi(&a, "T-03");
    let before: Vec<_> = a.portfolio.projects.clone();
    // 3 digits, d + digit, n + text + Enter, Space.
    typ(&mut a, "345");
    typ(&mut a, "d2");
    press(&mut a, ch('n'));
    typ(&mut a, "Tiltaksplan");
    press(&mut a, KeyCode::Enter);
    let t = render(&a, 80, 24, Plain);
    assert!(row_with(&t, "Møtet 2026-11-22").contains("redigeres"));
    assert_eq!(sheet_row(&t, "Måloppnåelse")[..3], ["40", "3", "3"]);
    assert_eq!(sheet_row(&t, "Resultater")[..3], ["35", "4↑", "1"]);
    assert_eq!(sheet_row(&t, "Økonomi")[..3], ["25", "5↑", "1"]);
    assert!(row_with(&t, "Møtet: vedtak").contains("Møtet: vedtak Juster · notat Tiltaksplan"));
    press(&mut a, ch(' '));

    let ev = meeting_eval(&a, "T-03");
    assert_eq!(
        ev.scores
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect::<Vec<_>>(),
        [("goals", 3), ("results", 4), ("budget", 5)]
    );
    assert_eq!(ev.decision, Some(styr::model::Decision::Adjust));
    assert_eq!(ev.note.as_deref(), Some("Tiltaksplan"));
    assert_eq!(a.unsaved, 5);
    // Nothing else changed.
    for (i, (now, then)) in a.portfolio.projects.iter().zip(&before).enumerate() {
        if i != t03 {
            assert_eq!(now, then, "{} is untouched", now.id);
        }
    }
    // On to the next, with the cursor back on the first criterion.
    let tr = a.triage.as_ref().expect("still in triage");
    assert_eq!(tr.pos, 1);
    assert_eq!(a.portfolio.projects[tr.agenda[1]].id, "T-01");
    assert_eq!(a.criterion_cursor, 0);
    let t = render(&a, 80, 24, Plain);
    assert!(text(&t).contains("Gjennomgang 2/6"));
    assert!(text(&t).contains("T-01  Klimavennlige formålsbygg"));
    // Backspace goes back to T-03, which shows what was recorded.
    press(&mut a, KeyCode::Backspace);
    let t = render(&a, 120, 40, Plain);
    assert!(row_with(&t, "Møtet: vedtak").contains("Juster · notat Tiltaksplan"));
    assert!(row_with(&t, "Sist ").contains("2026-09-17"));
}

#[test]
fn triage_timer_runs_against_the_timebox_and_warns_when_over() {
    let theme = Theme::new(Plain);
    for lang in [Lang::Nb, Lang::En] {
        let mut a = app(lang);
        a.timebox = Some(std::time::Duration::from_secs(180));
        press(&mut a, ch('t'));
        let label = lang.pick("tid", "time");
        let t = render(&a, 80, 24, Plain);
        let shown = redact_timer(&text(&t));
        assert!(shown.contains(&format!(" {label} #:## / #:## ")), "{shown}");
        assert!(text(&t).contains("/ 3:00"), "{}", text(&t));

        // Four minutes on this item: over the timebox, said in words and a symbol too.
        let tr = a.triage.as_mut().expect("triage");
        tr.item_started = Instant::now()
            .checked_sub(std::time::Duration::from_secs(240))
            .expect("the clock is past four minutes");
        let t = render(&a, 80, 24, Plain);
        let over = format!(
            "▲ {label} 4:00 / 3:00 {}",
            lang.pick("over tida", "over time")
        );
        let (x, y) = locate(t.backend().buffer(), &over)
            .unwrap_or_else(|| panic!("{over:?} in the frame:\n{}", text(&t)));
        assert_eq!(y, 1, "the timer is in the frame's top line");
        assert_eq!(t.backend().buffer()[(x + 2, y)].fg, theme.warn.fg.unwrap());
        // Never enforced: the keys still work.
        press(&mut a, ch(' '));
        assert_eq!(a.triage.as_ref().map(|t| t.pos), Some(1));
        let t = render(&a, 80, 24, Plain);
        assert!(!text(&t).contains("▲ tid") && !text(&t).contains("▲ time"));
    }
}

#[test]
fn triage_hints_leave_out_keys_triage_takes_over() {
    let mut a = app_at(Lang::Nb, 240, 40);
    press(&mut a, ch('t'));
    let status = status_line(&render(&a, 240, 40, Plain));
    assert!(status.contains("Esc/t avslutt gjennomgang"), "{status}");
    assert!(!status.contains("t gjennomgang (triage)"), "{status}");
    assert!(status.contains("1–5 gi score og gå videre"), "{status}");
    // Outside triage, t starts it.
    let a = app_at(Lang::Nb, 240, 40);
    let status = status_line(&render(&a, 240, 40, Plain));
    assert!(status.contains("t gjennomgang (triage)"), "{status}");
}

#[test]
fn odd_data_draws_without_panic() {
    // No criteria, no budget, nothing planned, no dates, huge numbers, no projects.
    let mut p = portfolio();
    p.criteria.clear();
    let t04 = p
        .projects
        .iter()
        .position(|x| x.id == "T-04")
        .expect("T-04");
    p.projects[t04].budget = Some(styr::model::Budget {
        planned: 0,
        spent: i64::MAX,
        funding: Vec::new(),
    });
    p.projects[t04].start = None;
    p.projects[t04].end = None;
    p.projects[0].budget = None;
    p.projects[0].name = "N".repeat(500);
    let mut a = App::new(p, LABEL.into(), Lang::Nb, meeting_date());
    for id in ["T-01", "T-04"] {
        update(&mut a, Action::Focus(Pane::Projects));
        select(&mut a, id);
        press(&mut a, ch('4'));
        press(&mut a, KeyCode::Enter);
        assert!(!a.is_scoring(), "nothing to score");
        assert!(
            a.message
                .as_deref()
                .unwrap_or("")
                .contains("ingen kriterier")
        );
        press(&mut a, ch('3'));
        assert_eq!(a.unsaved, 0, "nothing to score");
        press(&mut a, ch('4'));
        for (w, h) in SIZES {
            let t = render(&a, w, h, Plain);
            assert!(text(&t).contains("ingen kriterier"), "{}", text(&t));
        }
        press(&mut a, ch('t'));
        for (w, h) in SIZES {
            render(&a, w, h, Plain);
        }
        press(&mut a, KeyCode::Esc);
    }

    let mut p = portfolio();
    p.projects.clear();
    let mut a = App::new(p, LABEL.into(), Lang::En, meeting_date());
    press(&mut a, ch('4'));
    let t = render(&a, 80, 24, Plain);
    assert!(text(&t).contains("No project selected"), "{}", text(&t));
    assert!(
        text(&t).contains("No project is scored yet."),
        "{}",
        text(&t)
    );
    press(&mut a, ch('t'));
    assert!(a.triage.is_none());
}

// ---------------------------------------------------------------------------------------
// Risks: the matrix and the register
// ---------------------------------------------------------------------------------------

/// The open risks of the fixture by cell (probability, consequence): T-01 R1, T-02 R1,
/// T-03 R1 and R2, T-04 R1, T-05 R1. T-01 R2 (P3 × C2) is mitigated and T-02 R2
/// (P2 × C3) and T-06 R1 are closed: none of those is counted.
const OPEN_CELLS: [(i64, i64); 6] = [(4, 4), (2, 3), (5, 3), (1, 2), (3, 3), (2, 5)];

/// The text of matrix cell P`p` × C`c` as drawn, e.g. "■ 1", or "[■ 1]" when chosen.
fn matrix_cell(t: &Terminal<TestBackend>, p: i64, c: i64) -> String {
    matrix_cell_at(t, p, c).2
}

/// Matrix cell P`p` × C`c`: the x of its band symbol, its row, and its text.
fn matrix_cell_at(t: &Terminal<TestBackend>, p: i64, c: i64) -> (u16, u16, String) {
    let buf = t.backend().buffer();
    let (x, y) = locate_all(buf, &format!("P{p} "))
        .into_iter()
        .find(|&(x, y)| x > 0 && matches!(buf[(x - 1, y)].symbol(), "┃" | "│"))
        .unwrap_or_else(|| panic!("matrix row P{p} is drawn:\n{}", text(t)));
    let x0 = x + 3 + (c as u16 - 1) * 5;
    let cell: String = (x0..x0 + 5).map(|x| buf[(x, y)].symbol()).collect();
    (x0 + 1, y, cell.trim().to_string())
}

/// Row `y` of the screen, cut to the columns `x0..x1` (one pane of the grid).
fn row_part(t: &Terminal<TestBackend>, y: u16, x0: u16, x1: u16) -> String {
    row_cells(t.backend().buffer(), y)
        .into_iter()
        .filter(|(x, _)| *x >= x0 && *x < x1)
        .map(|(_, s)| s)
        .collect()
}

#[test]
fn matrix_counts_open_risks_in_their_cells() {
    for lang in [Lang::Nb, Lang::En] {
        for (w, h) in SIZES {
            let mut a = app_at(lang, w, h);
            press(&mut a, ch('3'));
            for p in 1..=5i64 {
                for c in 1..=5i64 {
                    let want = usize::from(OPEN_CELLS.contains(&(p, c)));
                    assert_eq!(
                        a.matrix[p as usize - 1][c as usize - 1],
                        want,
                        "P{p} × C{c}"
                    );
                }
            }
            let t = render(&a, w, h, Plain);
            for p in 1..=5i64 {
                for c in 1..=5i64 {
                    let cell = matrix_cell(&t, p, c);
                    let want = if OPEN_CELLS.contains(&(p, c)) {
                        "1"
                    } else {
                        "·"
                    };
                    assert!(
                        cell.ends_with(want),
                        "{lang:?} {w}x{h}: P{p} × C{c} shows {cell:?}, not {want}\n{}",
                        text(&t)
                    );
                }
            }
            let screen = text(&t);
            let (title, heading) = match lang {
                Lang::Nb => (
                    "3 Risiko · alle celler: 6 åpne + 1 redusert",
                    "Åpne risikoer (6)",
                ),
                Lang::En => (
                    "3 Risks · all cells: 6 open + 1 mitigated",
                    "Open risks (6)",
                ),
            };
            assert!(screen.contains(title), "{w}x{h}:\n{screen}");
            assert!(screen.contains(heading), "{w}x{h}:\n{screen}");
            // The axes are named in the pane's language.
            for word in [
                lang.pick("sannsynlighet", "probability"),
                lang.pick("konsekvens", "consequence"),
            ] {
                assert!(screen.contains(word), "{lang:?} {w}x{h}:\n{screen}");
            }
            let c5 = format!("{}5", lang.pick("K", "C"));
            assert!(screen.contains(&c5), "{w}x{h}:\n{screen}");
        }
    }
}

#[test]
fn matrix_cells_carry_their_band_as_a_symbol_and_in_colour() {
    use styr::model::figures::{Band, risk_band};
    let plain = Theme::new(Plain);
    for (w, h) in SIZES {
        let mut a = app_at(Lang::Nb, w, h);
        press(&mut a, ch('3'));
        let th = a.portfolio.risk_thresholds;
        for theme in [Plain, Mono] {
            let t = render(&a, w, h, theme);
            let buf = t.backend().buffer();
            for p in 1..=5i64 {
                for c in 1..=5i64 {
                    let band = risk_band(p * c, th);
                    let symbol = match band {
                        Band::Green => "●",
                        Band::Amber => "▲",
                        Band::Red => "■",
                    };
                    let (x, y, cell) = matrix_cell_at(&t, p, c);
                    assert!(cell.starts_with(symbol), "P{p} × C{c}: {cell:?}");
                    if theme == Plain {
                        assert_eq!(buf[(x, y)].fg, plain.band(band).fg.unwrap(), "P{p}×C{c}");
                    }
                }
            }
            // The key states the file's thresholds.
            assert!(text(&t).contains("● <5  ▲ 5–9  ■ ≥10"), "{}", text(&t));
        }
    }
}

#[test]
fn matrix_key_follows_the_files_thresholds() {
    let mut p = portfolio();
    p.risk_thresholds = styr::model::RiskThresholds { amber: 8, red: 15 };
    let mut a = App::new(p, LABEL.to_string(), Lang::En, meeting_date());
    update(&mut a, Action::Resize(80, 24));
    press(&mut a, ch('3'));
    let t = render(&a, 80, 24, Plain);
    assert!(text(&t).contains("● <8  ▲ 8–14  ■ ≥15"), "{}", text(&t));
    // P4 × C4 = 16 is red, P3 × C3 = 9 amber, P2 × C3 = 6 green now.
    assert!(matrix_cell(&t, 4, 4).starts_with('■'));
    assert!(matrix_cell(&t, 3, 3).starts_with('▲'));
    assert!(matrix_cell(&t, 2, 3).starts_with('●'));
}

#[test]
fn moving_over_the_matrix_chooses_a_cell_and_enter_lists_its_risks() {
    for lang in [Lang::Nb, Lang::En] {
        let k = lang.pick("K", "C");
        let one = lang.pick("1 åpen", "1 open");
        let mut a = app(lang);
        press(&mut a, ch('3'));
        assert!(!a.risk_cell_active);
        assert_eq!(a.risk_rows.len(), 7);
        let t = render(&a, 80, 24, Plain);
        assert!(!text(&t).contains('['), "no cell chosen yet:\n{}", text(&t));

        // The cursor starts on the top risk's cell, P4 × C4: down one, and up again.
        press(&mut a, ch('j'));
        assert_eq!(a.risk_cell, (3, 4));
        press(&mut a, ch('k'));
        assert_eq!(a.risk_cell, (4, 4));
        assert!(a.risk_cell_active);
        assert_eq!(a.risk_rows, [(pi(&a, "T-01"), 0)]);
        for (w, h) in SIZES {
            let t = render(&a, w, h, Plain);
            let screen = text(&t);
            assert!(
                screen.contains(&format!("P4 × {k}4: {one}")),
                "{w}x{h}:\n{screen}"
            );
            assert_eq!(matrix_cell(&t, 4, 4), "[■ 1]", "{w}x{h}: the chosen cell");
            assert!(screen.contains("Forsinket"), "{w}x{h}:\n{screen}");
            assert!(!screen.contains("Tyveri"), "{w}x{h}:\n{screen}");
        }

        // Enter goes into the register; its row under the cursor is highlighted.
        press(&mut a, KeyCode::Enter);
        assert_eq!(a.risk_focus, styr::app::RiskFocus::Register);
        let t = render(&a, 80, 24, Plain);
        let screen = text(&t);
        let register = lang.pick("▶ Risikoregister", "▶ Risk register");
        assert!(screen.contains(register), "{screen}");
        let buf = t.backend().buffer();
        let (x, y) = locate(buf, "Forsinket").expect("the risk is listed");
        assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));

        // One Esc: back to the matrix, every cell again, the cursor where it was.
        press(&mut a, KeyCode::Esc);
        assert_eq!(a.risk_focus, styr::app::RiskFocus::Matrix);
        assert!(!a.risk_cell_active);
        assert_eq!(a.risk_cell, (4, 4));
        // One step right: an empty cell says so.
        press(&mut a, ch('l'));
        assert_eq!(a.risk_cell, (4, 5));
        assert!(a.risk_rows.is_empty());
        let screen = text(&render(&a, 80, 24, Plain));
        let none = lang.pick("Ingen risikoer i denne cellen", "No risks in this cell");
        assert!(screen.contains(none), "{screen}");
        assert!(screen.contains(&format!("P4 × {k}5: 0")), "{screen}");

        // Up and two left: P5 × C3 holds T-03's theft risk.
        typ(&mut a, "khh");
        assert_eq!(a.risk_cell, (5, 3));
        assert_eq!(a.risk_rows, [(pi(&a, "T-03"), 0)]);
        let t = render(&a, 120, 40, Plain);
        assert!(text(&t).contains("Tyveri"), "{}", text(&t));
        assert_eq!(matrix_cell(&t, 5, 3), "[■ 1]");

        // Esc lets go of the cell: the register lists every cell again.
        press(&mut a, KeyCode::Esc);
        assert!(!a.risk_cell_active);
        assert_eq!(a.risk_rows.len(), 7);
        let screen = text(&render(&a, 80, 24, Plain));
        assert!(
            screen.contains(lang.pick(
                "alle celler: 6 åpne + 1 redusert",
                "all cells: 6 open + 1 mitigated"
            )),
            "{screen}"
        );
        assert_eq!(matrix_cell(&render(&a, 80, 24, Plain), 5, 3), "■ 1");
    }
}

#[test]
fn register_is_sorted_by_score_and_marks_mitigated_risks() {
    use styr::model::figures::risk_score;
    let mut a = app(Lang::Nb);
    press(&mut a, ch('3'));
    let listed: Vec<(String, String, i64)> = a
        .risk_rows
        .iter()
        .map(|&(p, r)| {
            let pr = &a.portfolio.projects[p];
            (
                pr.id.clone(),
                pr.risks[r].id.clone(),
                risk_score(&pr.risks[r]),
            )
        })
        .collect();
    let want = [
        ("T-01", "R1", 16),
        ("T-03", "R1", 15),
        ("T-05", "R1", 10),
        ("T-04", "R1", 9),
        ("T-02", "R1", 6),
        ("T-01", "R2", 6), // mitigated: after the open risk of the same score
        ("T-03", "R2", 2),
    ];
    let want: Vec<(String, String, i64)> = want
        .iter()
        .map(|(p, r, s)| (p.to_string(), r.to_string(), *s))
        .collect();
    assert_eq!(listed, want);

    // Drawn in that order, at both sizes; closed risks are not in the register.
    let titles = [
        "Forsinket",
        "Tyveri",
        "Tittel",
        "Partnerne",
        "Grunneiere",
        "Ulike",
        "Lav bruk",
    ];
    for (w, h) in SIZES {
        let t = render(&a, w, h, Plain);
        let buf = t.backend().buffer();
        let ys: Vec<u16> = titles
            .iter()
            .map(|s| {
                locate(buf, s)
                    .unwrap_or_else(|| panic!("{s} listed:\n{}", text(&t)))
                    .1
            })
            .collect();
        assert!(ys.windows(2).all(|p| p[0] < p[1]), "{w}x{h}: {ys:?}");
        let screen = text(&t);
        assert!(!screen.contains("Partner uten"), "closed:\n{screen}");
        assert!(!screen.contains("Få påmeldte"), "closed:\n{screen}");
    }

    // Zoomed at 120×40 every column fits, and the status is a word.
    press(&mut a, ch('z'));
    let t = render(&a, 120, 40, Plain);
    let lines = lines(t.backend().buffer());
    let header = lines
        .iter()
        .find(|l| l.contains("Score") && l.contains("Status"))
        .unwrap_or_else(|| panic!("a header:\n{}", lines.join("\n")));
    for col in [
        "Prosjekt", "Risiko", "P", "K", "Score", "Status", "Eier", "Tiltak",
    ] {
        assert!(header.contains(col), "{header}");
    }
    let row = |s: &str| {
        lines
            .iter()
            .find(|l| l.contains(s))
            .cloned()
            .unwrap_or_default()
    };
    let top = row("R1 Forsinket installasjon");
    for cell in [
        "T-01",
        "4 4",
        "■ 16",
        "Åpen",
        "Siri Haugen",
        "Rammeavtale med to leverandører",
    ] {
        assert!(top.contains(cell), "{cell} in {top}");
    }
    assert!(row("Ulike").contains("Redusert"), "{}", row("Ulike"));
    press(&mut a, ch('z'));

    // At 80×24 the status word gives way first: the title keeps its room, the owner and
    // the mitigation stay, and a mitigated risk is marked ↓ (explained in the key).
    let t = render(&a, 80, 24, Plain);
    let lines = self::lines(t.backend().buffer());
    let top = lines
        .iter()
        .find(|l| l.contains("Forsinket installasjon"))
        .expect("the title whole");
    for cell in ["T-01", "4 4", "■ 16", "Siri Haugen", "Rammeavtale"] {
        assert!(top.contains(cell), "{cell} in {top}");
    }
    let mitigated = lines.iter().find(|l| l.contains("Ulike")).expect("listed");
    assert!(mitigated.contains("↓ Ulike"), "{mitigated}");
    assert!(text(&t).contains("↓ redusert"), "{}", text(&t));

    // In the grid the pane is narrow: owner and mitigation give way, the risk and its
    // score stay, and a mitigated risk is marked ↓ (explained in the key).
    let t = render(&a, 120, 40, Plain);
    let buf = t.backend().buffer();
    let (_, y) = locate(buf, "Ulike").expect("listed");
    let row = row_part(&t, y, 0, 60);
    assert!(row.contains("↓ Ulike") && row.contains("▲  6"), "{row}");
    let (_, y) = locate(buf, "Forsinket").expect("listed");
    let row = row_part(&t, y, 0, 60);
    assert!(row.contains("T-01") && row.contains("■ 16"), "{row}");
    assert!(!row.contains("Siri"), "{row}");
    assert!(text(&t).contains("↓ redusert"), "{}", text(&t));
}

#[test]
fn register_scrolls_to_keep_the_cursor_in_view() {
    // Many risks in one project: the register must scroll in the grid's small pane.
    let mut p = portfolio();
    let template = p.projects[0].risks[0].clone();
    for i in 0..30 {
        let mut r = template.clone();
        r.id = format!("X{i}");
        r.title = format!("Ekstra {i:02}");
        r.probability = 1 + (i % 5);
        r.consequence = 1;
        p.projects[0].risks.push(r);
    }
    let mut a = App::new(p, LABEL.to_string(), Lang::Nb, meeting_date());
    update(&mut a, Action::Resize(120, 40));
    press(&mut a, ch('3'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.risk_rows.len(), 37);
    press(&mut a, ch('G'));
    assert_eq!(a.risk_cursor, 36);
    for (w, h) in SIZES {
        let t = render(&a, w, h, Plain);
        let (pp, rr) = a.risk_rows[36];
        let last = a.portfolio.projects[pp].risks[rr].title.clone();
        let buf = t.backend().buffer();
        let (x, y) = locate(buf, &last).unwrap_or_else(|| panic!("{w}x{h}:\n{}", text(&t)));
        assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED), "{w}x{h}");
        // The top of the list has scrolled away.
        assert!(!text(&t).contains("Forsinket"), "{w}x{h}:\n{}", text(&t));
    }
    press(&mut a, ch('g'));
    let t = render(&a, 120, 40, Plain);
    assert!(text(&t).contains("Forsinket"), "{}", text(&t));
}

#[test]
fn enter_on_a_register_row_opens_the_projects_detail() {
    for (w, h) in SIZES {
        let mut a = app_at(Lang::Nb, w, h);
        press(&mut a, ch('3'));
        press(&mut a, KeyCode::Enter); // no cell chosen: the whole register
        assert_eq!(a.risk_focus, styr::app::RiskFocus::Register);
        assert_eq!(a.risk_rows.len(), 7);
        typ(&mut a, "jjj"); // T-04's partner risk, score 9
        assert_eq!(a.risk_rows[a.risk_cursor].0, pi(&a, "T-04"));
        let t = render(&a, w, h, Plain);
        let buf = t.backend().buffer();
        let (x, y) = locate(buf, "Partnerne").expect("listed");
        assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED), "{w}x{h}");

        press(&mut a, KeyCode::Enter);
        assert_eq!(a.pane, Pane::Projects);
        assert!(a.detail);
        assert_eq!(a.selected(), Some(pi(&a, "T-04")));
        let screen = text(&render(&a, w, h, Plain));
        assert!(screen.contains("Prosjekter › T-04"), "{w}x{h}:\n{screen}");
        assert!(
            screen.contains("Nordisk nettverk for byer"),
            "{w}x{h}:\n{screen}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// The project detail
// ---------------------------------------------------------------------------------------

/// Every screen of project `id`'s detail from the top to the end, one PgDn at a time.
fn detail_pages(app: &mut App, id: &str, w: u16, h: u16) -> Vec<String> {
    select(app, id);
    press(app, KeyCode::Enter);
    assert!(app.detail);
    let mut pages: Vec<String> = Vec::new();
    for _ in 0..40 {
        let t = render(app, w, h, Plain);
        assert_inert(&t, &format!("detail of {id} {w}x{h}"));
        let page = text(&t);
        if pages.last() == Some(&page) {
            return pages;
        }
        pages.push(page);
        press(app, KeyCode::PageDown);
    }
    panic!("the detail of {id} never reaches its end");
}

/// No-break spaces (in amounts, and where the detail keeps a phrase on one line) read as
/// spaces here.
fn norm(s: &str) -> String {
    s.replace('\u{a0}', " ")
}

/// The detail's lines, as one list over all pages (repeats where pages overlap), with
/// no-break spaces as plain ones.
fn detail_lines(app: &mut App, id: &str, w: u16, h: u16) -> Vec<String> {
    detail_pages(app, id, w, h)
        .iter()
        .flat_map(|p| p.lines().map(norm).collect::<Vec<_>>())
        .collect()
}

#[track_caller]
fn line_with<'a>(lines: &'a [String], needle: &str) -> &'a str {
    let needle = norm(needle);
    lines
        .iter()
        .find(|l| l.contains(&needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}:\n{}", lines.join("\n")))
}

#[test]
fn detail_shows_everything_about_the_project() {
    use styr::model::figures::weighted_score;
    for lang in [Lang::Nb, Lang::En] {
        for (w, h) in SIZES {
            let mut a = app_at(lang, w, h);
            let lines = detail_lines(&mut a, "T-01", w, h);
            let all = lines.join("\n");
            let has = |s: &str| {
                let s = norm(s);
                assert!(all.contains(&s), "{lang:?} {w}x{h}: {s:?} in\n{all}")
            };
            let l = lang;
            // Who and what.
            has("T-01 · Klimavennlige formålsbygg");
            has(&format!(
                "{} ▲ {}",
                l.pick("Helse", "Health"),
                l.health(Some(Health::Amber))
            ));
            has(&format!("Status {}", l.status(Status::Active)));
            has("2025-01-01 – 2028-06-30");
            has(&format!("{} Siri Haugen", l.pick("Ansvarlig", "Owner")));
            has(&format!("{} Miljø og klima", l.pick("Enhet", "Unit")));
            has(&format!(
                "{} EU-prosjekt",
                l.pick("Virkemiddel", "Instrument")
            ));
            has(&format!("{} EU, energi", l.pick("Stikkord", "Tags")));
            // Goals served, with their titles.
            has("klima.d1  Mindre ressursbruk og lavere utslipp");
            // Budget: planned, spent, burn against time, own share, funding.
            let budget = line_with(&lines, &l.amount(5_800_000));
            for s in [
                l.amount(2_150_000),
                l.percent(Some(0.37)),
                l.pick("tid gått", "time elapsed").to_string(),
                l.percent(Some(0.54)),
            ] {
                assert!(budget.contains(&norm(&s)), "{s:?} in {budget}");
            }
            has(&format!(
                "{} {} ({})",
                l.pick("Egenandel", "Own share"),
                l.amount(1_800_000),
                l.percent(Some(0.31))
            ));
            let horizon = line_with(&lines, "Horizon Europe");
            assert!(horizon.contains(&norm(&l.amount(4_000_000))), "{horizon}");
            assert!(
                horizon.contains(l.pick("innvilget", "granted")),
                "{horizon}"
            );
            let enova = line_with(&lines, "Enova");
            assert!(enova.contains(&norm(&l.amount(600_000))), "{enova}");
            assert!(enova.contains(l.pick("søkt", "applied")), "{enova}");
            // Results against targets.
            has(&format!(
                "{} (1 {} 2 {})",
                l.pick("Resultater", "Results"),
                l.pick("av", "of"),
                l.pick("nådd", "reached")
            ));
            let bygg = line_with(&lines, "Bygg med styrt energibruk");
            assert!(bygg.contains("5 / 12 bygg") && bygg.contains("○"), "{bygg}");
            assert!(bygg.contains("2027-12-31"), "{bygg}");
            let energi = line_with(&lines, "Redusert energibruk");
            assert!(
                energi.contains("20 / 20 %") && energi.contains("✓"),
                "{energi}"
            );
            // Risks, with score, band, status, owner, cause and mitigation.
            let r1 = line_with(&lines, "R1 Forsinket installasjon");
            for s in [
                "■ 16",
                "P4 × ",
                l.risk_status(styr::model::RiskStatus::Open),
                "Siri Haugen",
            ] {
                assert!(r1.contains(s), "{s:?} in {r1}");
            }
            has("Rammeavtale med to leverandører");
            has("Lange leveringstider");
            let r2 = line_with(&lines, "R2 Ulike driftsrutiner");
            assert!(
                r2.contains(l.risk_status(styr::model::RiskStatus::Mitigated)),
                "{r2}"
            );
            // The evaluation history: date, scores per criterion, weighted, decision, note.
            let pr = &a.portfolio.projects[pi(&a, "T-01")];
            for ev in &pr.evaluations {
                let score = l.decimal(weighted_score(ev, &a.portfolio.criteria));
                let head = lines
                    .iter()
                    .find(|x| x.contains(&format!("  {} · Score {score}", ev.date)))
                    .unwrap_or_else(|| panic!("{lang:?} {w}x{h}: {} with {score}\n{all}", ev.date));
                let decision = l.decision(ev.decision.expect("the fixture decides"));
                assert!(head.contains(decision), "{head}");
                assert!(head.contains("Marte Aas"), "{head}");
            }
            has("Måloppnåelse 4 · Resultater 3 · Økonomi 4");
            has("Måloppnåelse 4 · Resultater 2 · Økonomi 3");
            has("«God oppstart.»");
            has("«Ny framdriftsplan i november.»");
        }
    }
}

#[test]
fn detail_history_runs_oldest_to_newest() {
    // Tall enough to show the whole detail at once (one pane: narrower than the grid).
    let mut a = app_at(Lang::Nb, 80, 60);
    select(&mut a, "T-01");
    press(&mut a, KeyCode::Enter);
    let t = render(&a, 80, 60, Plain);
    let screen = text(&t);
    let history = screen
        .find("Evalueringer (2, eldste først)")
        .expect("a history");
    let first = screen[history..]
        .find("2026-03-12")
        .expect("the first round");
    let second = screen[history..]
        .find("2026-09-17")
        .expect("the second round");
    assert!(first < second, "{screen}");
    // The sections in order: goals, budget, results, risks, evaluations.
    let order: Vec<usize> = [
        "Mål som tjenes",
        "Budsjett (NOK)",
        "Resultater (",
        "Risikoer (",
        "Evalueringer (",
    ]
    .iter()
    .map(|s| screen.find(s).unwrap_or_else(|| panic!("{s}:\n{screen}")))
    .collect();
    assert!(order.windows(2).all(|p| p[0] < p[1]), "{screen}");
    assert_eq!(
        a.scroll.detail_max.get(),
        Some(0),
        "all of it fits: no scrolling"
    );
}

#[test]
fn detail_flags_what_is_unknown_missing_or_late() {
    let mut p = portfolio();
    let t04 = p.projects.iter().position(|x| x.id == "T-04").unwrap();
    p.projects[t04].goals.push("finnes.ikke".into());
    p.projects[t04].budget = None;
    for lang in [Lang::Nb, Lang::En] {
        let mut a = App::new(p.clone(), LABEL.to_string(), lang, meeting_date());
        update(&mut a, Action::Resize(80, 24));
        let lines = detail_lines(&mut a, "T-04", 80, 24);
        let unknown = line_with(&lines, "finnes.ikke");
        assert!(
            unknown.contains(lang.pick("! ukjent mål", "! unknown goal")),
            "{unknown}"
        );
        // The known goals keep their titles.
        let known = line_with(&lines, "by.d1");
        assert!(known.contains("Bærekraftig mobilitet"), "{known}");
        line_with(
            &lines,
            lang.pick("ingen budsjett i filen", "no budget in the file"),
        );
        line_with(&lines, lang.pick("Ikke evaluert ennå", "Not evaluated yet"));
        line_with(
            &lines,
            lang.pick("Ingen måltall i filen", "No targets in the file"),
        );
        // Health not reported says so in words.
        line_with(&lines, &format!("○ {}", lang.health(None)));
    }

    // T-03 is active past its end date, its result is past due, and it has spent more
    // than its time allows.
    let mut a = app(Lang::Nb);
    let lines = detail_lines(&mut a, "T-03", 80, 24);
    // (At 80 columns the warnings go whole onto the next line.)
    line_with(&lines, "2025-02-01 – 2026-10-31");
    line_with(&lines, "▲ passert sluttdato");
    line_with(&lines, "12 / 40 stk · frist 2026-10-31");
    line_with(&lines, "▲ ikke nådd, fristen er passert");
    line_with(&lines, &format!("tid gått {}", Lang::Nb.percent(Some(1.0))));
    line_with(&lines, "▲ forbruket ligger foran tiden");
    let rejected = line_with(&lines, "Belønningsordningen");
    assert!(rejected.contains("avslått"), "{rejected}");
}

#[test]
fn detail_wraps_a_long_note_instead_of_cutting_it() {
    let mut p = portfolio();
    let words: Vec<String> = (1..=40).map(|i| format!("ord{i:02}")).collect();
    let t01 = p.projects.iter().position(|x| x.id == "T-01").unwrap();
    let last = p.projects[t01].evaluations.len() - 1;
    p.projects[t01].evaluations[last].note = Some(format!("{}\tslutt", words.join(" ")));
    for (w, h) in SIZES {
        let mut a = App::new(p.clone(), LABEL.to_string(), Lang::Nb, meeting_date());
        update(&mut a, Action::Resize(w, h));
        let all = detail_lines(&mut a, "T-01", w, h).join("\n");
        for word in words.iter().chain([&"slutt".to_string()]) {
            assert!(all.contains(word.as_str()), "{w}x{h}: {word} shown\n{all}");
        }
        assert!(!all.contains("ord4…"), "{all}");
    }
}

#[test]
fn the_detail_cursor_goes_field_by_field_and_the_view_follows_it_to_the_end() {
    use styr::app::detail::{Stop, current};
    for (w, h) in SIZES {
        let mut a = app_at(Lang::Nb, w, h);
        select(&mut a, "T-01");
        press(&mut a, KeyCode::Enter);
        let top = text(&render(&a, w, h, Plain));
        assert!(
            top.contains("linje 1–"),
            "{w}x{h}: the position is shown\n{top}"
        );
        assert_eq!(
            current(&a),
            Some(Stop::Id),
            "the detail opens at its first field"
        );
        press(&mut a, ch('j'));
        assert_eq!(current(&a), Some(Stop::Name));

        press(&mut a, ch('G'));
        let bottom = text(&render(&a, w, h, Plain));
        let max = a.scroll.detail_max.get().expect("drawn");
        assert!(max > 0, "{w}x{h}: T-01's detail is longer than the pane");
        assert_eq!(
            a.scroll.detail.get(),
            max,
            "{w}x{h}: the last field is at the end"
        );
        assert!(
            bottom.contains("«Ny framdriftsplan i november.»"),
            "{bottom}"
        );
        let last = a.detail_field;

        // More j's, PgDn's and G's stay at the end: the next k moves at once.
        for key in [ch('j'), ch('j'), KeyCode::PageDown, ch('G'), KeyCode::Down] {
            press(&mut a, key);
            assert_eq!(a.detail_field, last, "{w}x{h}: {key:?} past the end");
            assert_eq!(text(&render(&a, w, h, Plain)), bottom);
        }
        press(&mut a, ch('k'));
        assert_eq!(a.detail_field, last - 1);
        press(&mut a, ch('g'));
        assert_eq!(a.detail_field, 0);
        assert_eq!(text(&render(&a, w, h, Plain)), top);

        // j one field at a time reaches the same end and stops there, the view
        // never leaving the cursor behind.
        for _ in 0..200 {
            press(&mut a, ch('j'));
            render(&a, w, h, Plain);
            let at = a.scroll.detail_stops.borrow()[a.detail_field];
            let shown = a.scroll.detail.get();
            assert!(
                at >= shown && at < shown + h as usize,
                "{w}x{h}: the cursor in sight"
            );
        }
        assert_eq!(a.detail_field, last);
        assert_eq!(a.scroll.detail.get(), max);
    }
}

#[test]
fn detail_scroll_starts_at_the_top_for_the_next_project() {
    let mut a = app(Lang::Nb);
    select(&mut a, "T-01");
    press(&mut a, KeyCode::Enter);
    render(&a, 80, 24, Plain);
    press(&mut a, ch('G'));
    render(&a, 80, 24, Plain);
    press(&mut a, KeyCode::Esc);
    select(&mut a, "T-02");
    press(&mut a, KeyCode::Enter);
    assert_eq!((a.detail_field, a.scroll.detail.get()), (0, 0));
    let screen = text(&render(&a, 80, 24, Plain));
    assert!(
        screen.contains("T-02 · Klimatilpasning i ravinene"),
        "{screen}"
    );

    // ] and [ step to the next project in the list, its detail from the top.
    press(&mut a, ch('G'));
    render(&a, 80, 24, Plain);
    assert!(a.scroll.detail.get() > 0);
    let next = a.visible[a.project_cursor + 1];
    press(&mut a, ch(']'));
    assert!(a.detail);
    assert_eq!(a.selected(), Some(next));
    assert_eq!((a.detail_field, a.scroll.detail.get()), (0, 0));
    let id = a.portfolio.projects[next].id.clone();
    let screen = text(&render(&a, 80, 24, Plain));
    assert!(screen.contains(&format!("Prosjekter › {id}")), "{screen}");
    assert!(screen.contains("linje 1–"), "{screen}");
}

#[test]
fn odd_data_draws_the_risks_and_the_detail_without_panic() {
    use styr::model::{Number, RiskThresholds};
    let mut p = portfolio();
    p.criteria.clear();
    p.risk_thresholds = RiskThresholds { amber: 30, red: 2 };
    let pr = &mut p.projects[0];
    pr.start = None;
    pr.end = None;
    pr.goals = vec!["".into(), "x".repeat(300)];
    pr.risks[0].probability = 0;
    pr.risks[0].consequence = 99;
    pr.risks[1].probability = i64::MAX;
    pr.risks[1].consequence = i64::MAX;
    pr.risks[1].title = "y".repeat(500);
    if let Some(b) = pr.budget.as_mut() {
        b.planned = 0;
        b.spent = i64::MAX;
        b.funding[0].amount = i64::MIN;
        b.funding[0].source = "z".repeat(400);
    }
    pr.results[0].target = Number(0.0);
    pr.results[0].actual = Number(1e300);
    pr.evaluations[0].decision = None;
    pr.evaluations[0].note = Some("å".repeat(700));
    pr.evaluations[1].scores.insert("ukjent".into(), 9);
    for lang in [Lang::Nb, Lang::En] {
        for (w, h) in [(80, 24), (120, 40), (100, 30), (200, 60)] {
            let mut a = App::new(p.clone(), LABEL.to_string(), lang, meeting_date());
            update(&mut a, Action::Resize(w, h));
            press(&mut a, ch('3'));
            assert_inert(&render(&a, w, h, Plain), "odd risks");
            press(&mut a, KeyCode::Enter);
            typ(&mut a, "jG");
            assert_inert(&render(&a, w, h, Mono), "odd register");
            press(&mut a, ch('z'));
            assert_inert(&render(&a, w, h, Plain), "odd register zoomed");
            let mut a = App::new(p.clone(), LABEL.to_string(), lang, meeting_date());
            update(&mut a, Action::Resize(w, h));
            for page in detail_pages(&mut a, "T-01", w, h) {
                assert!(page.contains("T-01"), "{page}");
            }
        }
    }
    // No projects at all: the matrix is empty and the register says why.
    let mut empty = portfolio();
    empty.projects.clear();
    let mut a = App::new(empty, LABEL.to_string(), Lang::Nb, meeting_date());
    update(&mut a, Action::Resize(80, 24));
    press(&mut a, ch('3'));
    typ(&mut a, "jl");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Enter);
    for (w, h) in SIZES {
        let screen = text(&render(&a, w, h, Plain));
        assert!(screen.contains("Ingen risikoer i denne"), "{screen}");
        assert!(screen.contains("Åpne risikoer (0)"), "{screen}");
    }
}

// ---------------------------------------------------------------------------------------
// Hostile strings
// ---------------------------------------------------------------------------------------

/// A character that must never reach the terminal from the data.
fn is_dangerous(c: char) -> bool {
    c.is_control() // C0, DEL, C1
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn assert_inert(t: &Terminal<TestBackend>, what: &str) {
    let buf = t.backend().buffer();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            assert!(
                !sym.chars().any(is_dangerous),
                "{what}: cell ({x}, {y}) holds {sym:?}\n{}",
                text(t)
            );
        }
    }
}

/// Every screen the hostile project T-05 appears on.
fn hostile_screens(lang: Lang) -> Vec<(String, App)> {
    let mut out = Vec::new();
    let mut a = app(lang);
    select(&mut a, "T-05");
    out.push(("projects".to_string(), a));

    let mut a = app(lang);
    select(&mut a, "T-05");
    press(&mut a, KeyCode::Enter);
    out.push(("detail".into(), a));

    let mut a = app(lang);
    press(&mut a, ch('/'));
    typ(&mut a, "farlig");
    out.push(("search".into(), a));

    let mut a = app(lang);
    select(&mut a, "T-05");
    press(&mut a, ch('4'));
    out.push(("evaluation".into(), a));

    let mut a = app(lang);
    press(&mut a, ch('3'));
    press(&mut a, KeyCode::Enter); // the register
    out.push(("risks".into(), a));

    let mut a = app(lang);
    select(&mut a, "T-05");
    press(&mut a, ch('t'));
    out.push(("triage".into(), a));

    let mut a = app(lang);
    select(&mut a, "T-05");
    press(&mut a, ch('4'));
    press(&mut a, ch('n')); // the note field holds the hostile note
    out.push(("note".into(), a));

    let mut a = app(lang);
    press(&mut a, ch('f'));
    press(&mut a, ch('3')); // Status, Helse, Enhet: the list of units from the file
    out.push(("filter".into(), a));
    out
}

#[test]
fn hostile_strings_come_out_inert() {
    for lang in [Lang::Nb, Lang::En] {
        for (what, a) in hostile_screens(lang) {
            for (w, h) in SIZES {
                for theme in [Plain, Mono] {
                    let t = render(&a, w, h, theme);
                    assert_inert(&t, &format!("{what} {lang:?} {w}x{h} {theme:?}"));
                }
            }
        }
    }
}

#[test]
fn hostile_strings_show_their_placeholders_in_triage_and_the_ranking() {
    let mut a = app(Lang::Nb);
    select(&mut a, "T-05");
    press(&mut a, ch('t'));
    for (w, h) in SIZES {
        let t = render(&a, w, h, Plain);
        assert_inert(&t, &format!("triage {w}x{h}"));
        let screen = text(&t);
        assert!(
            screen.contains("T-05  Farlig␛[2J␇navn �31mrødt �snudd"),
            "{w}x{h}:\n{screen}"
        );
        assert!(screen.contains("Eva� Dahl"), "{w}x{h}:\n{screen}");
        assert!(
            screen.contains("«Notat␛[31m i rødt␇␀ med tab␊og"),
            "{w}x{h}:\n{screen}"
        );
        assert!(
            screen.contains("R1 Tittel␛]0;overtatt␇"),
            "{w}x{h}:\n{screen}"
        );
    }
    // The evaluation pane's ranking and title.
    press(&mut a, KeyCode::Esc);
    press(&mut a, ch('4'));
    let t = render(&a, 80, 24, Plain);
    assert_inert(&t, "evaluation");
    assert!(ranking_row(&t, "T-05").contains("Farlig␛[2J␇navn"));
}

#[test]
fn hostile_name_shows_its_placeholders() {
    let mut a = app(Lang::Nb);
    select(&mut a, "T-05");
    for (w, h) in SIZES {
        let t = render(&a, w, h, Plain);
        let screen = text(&t);
        // ESC and BEL become their control pictures; the C1 CSI and the bidi override
        // become U+FFFD, so the text after them reads as written.
        assert!(screen.contains("Farlig␛[2J␇navn"), "{w}x{h}:\n{screen}");
    }
    // Zoomed, the name has room to be shown whole.
    press(&mut a, ch('z'));
    let t = render(&a, 120, 40, Plain);
    assert!(
        text(&t).contains("Farlig␛[2J␇navn �31mrødt �snudd"),
        "{}",
        text(&t)
    );
}

#[test]
fn hostile_note_shows_its_placeholders_in_the_detail() {
    let mut a = app(Lang::Nb);
    select(&mut a, "T-05");
    press(&mut a, KeyCode::Enter);
    let t = render(&a, 120, 40, Plain);
    let screen = text(&t);
    assert!(screen.contains("Notat␛[31m i rødt␇␀"), "{screen}");
}

// ---------------------------------------------------------------------------------------
// Text whose width terminals disagree on
// ---------------------------------------------------------------------------------------

/// Clusters that terminals draw at different widths (issue 14, point 8), with what styr
/// shows for each: one placeholder a cluster, so every column stays where it belongs.
const DISPUTED: [(&str, &str, &str); 10] = [
    ("a flag (two regional indicators)", "🇳🇴", "�"),
    ("Thai with a spacing mark", "กำ", "�"),
    ("an emoji with VS16", "❤\u{FE0F}", "�"),
    ("a zero-width space", "\u{200B}", "�"),
    (
        "a tag sequence",
        "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
        "�",
    ),
    ("a leading combining mark", "\u{301}abc", "�abc"),
    ("a ZWJ sequence", "👨\u{200D}👩\u{200D}👧", "�"),
    ("an emoji modifier", "👍🏽", "�"),
    ("a keycap", "1\u{FE0F}\u{20E3}", "�"),
    ("a word joiner and a BOM", "\u{2060}\u{FEFF}", "��"),
];

/// A character that makes the width of its cluster a matter of opinion among terminals.
fn is_disputed(c: char) -> bool {
    matches!(c,
        '\u{1F1E6}'..='\u{1F1FF}' // regional indicators
        | '\u{FE0F}' // VS16
        | '\u{E0000}'..='\u{E007F}' // tags
        | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' // zero-width
        | '\u{0E33}' // Thai SARA AM, a spacing mark
        | '\u{1F3FB}'..='\u{1F3FF}' // emoji modifiers
    )
}

/// Every cell of every row is as wide to ratatui as to a terminal that advances by each
/// character's width (tmux, xterm) and to one that measures the cluster by its first
/// character; so a row is exactly the screen's width there too, and the borders at both
/// edges are where the buffer has them.
fn assert_columns_agree(t: &Terminal<TestBackend>, what: &str) {
    use ratatui::buffer::CellWidth;
    use unicode_width::UnicodeWidthChar;
    let buf = t.backend().buffer();
    let (w, h) = (buf.area.width, buf.area.height);
    for y in 0..h {
        // Where a terminal that advances character by character has its cursor.
        let mut term_x = 0u16;
        let mut x = 0u16;
        while x < w {
            let sym = buf[(x, y)].symbol();
            let here = || format!("{what}: cell ({x}, {y}) holds {sym:?}\n{}", text(t));
            assert!(!sym.chars().any(is_disputed), "{}", here());
            let first = sym.chars().next().and_then(|c| c.width()).unwrap_or(0);
            let per_char: usize = sym.chars().filter_map(|c| c.width()).sum();
            let drawn = sym.cell_width() as usize;
            assert!(
                first >= 1 && per_char == first && drawn == first,
                "first {first}, per character {per_char}, ratatui {drawn} — {}",
                here()
            );
            assert_eq!(term_x, x, "{}", here());
            term_x += per_char as u16;
            x += drawn as u16;
        }
        assert_eq!(term_x, w, "{what}: row {y} is {term_x} wide\n{}", text(t));
        if y > 0 && y + 1 < h {
            for bx in [0, w - 1] {
                let s = buf[(bx, y)].symbol();
                assert!(
                    s.chars().all(|c| ('\u{2500}'..='\u{257F}').contains(&c)),
                    "{what}: no border at ({bx}, {y}) but {s:?}\n{}",
                    text(t)
                );
            }
        }
    }
}

/// The fixture with `raw` in T-01's name (at its start, middle and end), owner and unit.
fn app_with_disputed(raw: &str, lang: Lang, w: u16, h: u16) -> App {
    let mut p = portfolio();
    let pr = p
        .projects
        .iter_mut()
        .find(|p| p.id == "T-01")
        .expect("T-01 is in the fixture");
    pr.name = format!("{raw}Start {raw} midt{raw}slutt");
    pr.owner = Some(format!("{raw}Eier"));
    pr.unit = Some(raw.to_string());
    let mut a = App::new(p, LABEL.to_string(), lang, meeting_date());
    update(&mut a, Action::Resize(w, h));
    select(&mut a, "T-01");
    a
}

#[test]
fn disputed_clusters_keep_every_column_in_place() {
    for (kind, raw, shown) in DISPUTED {
        for (w, h) in SIZES {
            let a = app_with_disputed(raw, Lang::Nb, w, h);
            let t = render(&a, w, h, Plain);
            assert_columns_agree(&t, &format!("{kind}: list {w}x{h}"));
            assert!(
                text(&t).contains(&format!("{shown}Start")),
                "{kind}: list {w}x{h}\n{}",
                text(&t)
            );
            let mut screens = Vec::new();
            for keys in ["z", "\n", "4", "t"] {
                let mut b = app_with_disputed(raw, Lang::Nb, w, h);
                for k in keys.chars() {
                    press(&mut b, if k == '\n' { KeyCode::Enter } else { ch(k) });
                }
                screens.push((keys, b));
            }
            for (keys, b) in screens {
                let t = render(&b, w, h, Plain);
                assert_columns_agree(&t, &format!("{kind}: {keys:?} {w}x{h}"));
            }
        }
    }
}

#[test]
fn disputed_clusters_show_as_placeholders_in_the_detail() {
    for (kind, raw, shown) in DISPUTED {
        for (w, h) in SIZES {
            let mut a = app_with_disputed(raw, Lang::Nb, w, h);
            press(&mut a, KeyCode::Enter);
            assert!(a.detail);
            let screen = text(&render(&a, w, h, Plain)).replace('\u{a0}', " ");
            for want in [format!("{shown}Start"), format!("{shown}Eier")] {
                assert!(
                    screen.contains(&want),
                    "{kind} {w}x{h}: no {want:?}\n{screen}"
                );
            }
        }
    }
}

#[test]
fn plain_norwegian_and_wide_text_still_show_as_written() {
    // A combining mark after its base (e + U+0301), æøå, and CJK at width 2.
    let raw = "Kafe\u{301} på Ås 漢字";
    for (w, h) in SIZES {
        let mut a = app_with_disputed(raw, Lang::Nb, w, h);
        let t = render(&a, w, h, Plain);
        assert_columns_agree(&t, &format!("plain list {w}x{h}"));
        assert!(
            text(&t).contains("Kafe\u{301} på Ås 漢字Start"),
            "{}",
            text(&t)
        );
        press(&mut a, KeyCode::Enter);
        let t = render(&a, w, h, Plain);
        assert_columns_agree(&t, &format!("plain detail {w}x{h}"));
        // The detail glues a label to its value with no-break spaces.
        let screen = text(&t).replace('\u{a0}', " ");
        assert!(screen.contains("Kafe\u{301} på Ås 漢字Eier"), "{screen}");
    }
}

#[test]
fn a_long_note_of_wide_text_keeps_the_cursor_after_its_last_character() {
    for (w, h) in SIZES {
        let mut a = app_at(Lang::Nb, w, h);
        select(&mut a, "T-01");
        press(&mut a, ch('4'));
        press(&mut a, ch('n'));
        // 160 columns of CJK, a flag (one placeholder) and a letter: scrolled sideways.
        typ(&mut a, &"漢字".repeat(40));
        typ(&mut a, "🇳🇴x");
        let mut t = render(&a, w, h, Plain);
        assert_columns_agree(&t, &format!("note {w}x{h}"));
        let at = t
            .get_cursor_position()
            .expect("the test backend has a cursor");
        let buf = t.backend().buffer();
        let before = |n: u16| buf[(at.x - n, at.y)].symbol().to_string();
        assert_eq!(
            [before(1), before(2), before(4)],
            ["x", "\u{FFFD}", "字"],
            "{w}x{h}: cursor at {at:?}\n{}",
            text(&t)
        );
    }
}

// ---------------------------------------------------------------------------------------
// Colour
// ---------------------------------------------------------------------------------------

/// Screens with every kind of styled text: health, bands, highlights, overlays, triage.
fn colourful_screens() -> Vec<(String, App)> {
    let mut out = Vec::new();
    for pane in ['1', '2', '3', '4'] {
        let mut a = app(Lang::Nb);
        press(&mut a, ch(pane));
        out.push((format!("pane {pane}"), a));
    }
    let mut a = app(Lang::Nb);
    press(&mut a, ch('/'));
    typ(&mut a, "kli");
    out.push(("search".into(), a));
    let mut a = app(Lang::Nb);
    press(&mut a, KeyCode::Enter);
    out.push(("detail".into(), a));
    let mut a = app(Lang::Nb);
    press(&mut a, ch('t'));
    out.push(("triage".into(), a));
    for key in ['?', ':', 'f'] {
        let mut a = app(Lang::Nb);
        press(&mut a, ch(key));
        out.push((format!("overlay {key}"), a));
    }
    let mut a = app(Lang::Nb);
    press(&mut a, ch('1'));
    press(&mut a, KeyCode::Enter);
    out.push(("goal filter".into(), a));
    let mut a = app(Lang::Nb);
    press(&mut a, ch('H'));
    press(&mut a, ch('3'));
    out.push(("unsaved".into(), a));
    out
}

#[test]
fn mono_theme_has_no_colour_at_all() {
    for (what, a) in colourful_screens() {
        for (w, h) in SIZES {
            let t = render(&a, w, h, Mono);
            let buf = t.backend().buffer();
            for y in 0..buf.area.height {
                for x in 0..buf.area.width {
                    let c = &buf[(x, y)];
                    assert!(
                        c.fg == Color::Reset && c.bg == Color::Reset,
                        "{what} {w}x{h}: cell ({x}, {y}) {:?} has fg {:?} bg {:?}",
                        c.symbol(),
                        c.fg,
                        c.bg
                    );
                }
            }
        }
    }
}

#[test]
fn red_health_has_a_symbol_as_well_as_colour() {
    let theme = Theme::new(Plain);
    let red = theme.bad.fg.expect("red has a colour");
    for lang in [Lang::Nb, Lang::En] {
        let word = lang.health(Some(Health::Red));
        // Zoomed at 120 columns: symbol and word, both red.
        let mut a = app_at(lang, 120, 40);
        press(&mut a, ch('z'));
        let t = render(&a, 120, 40, Plain);
        let buf = t.backend().buffer();
        let (x, y) = locate(buf, &format!("■ {word}")).expect("red health is shown with ■");
        for dx in 0..(2 + word.chars().count() as u16) {
            assert_eq!(buf[(x + dx, y)].fg, red, "{lang:?}: cell {dx} of ■ {word}");
        }
        assert!(lines(buf)[y as usize].contains("T-03"));

        // At 80 columns the symbol alone carries it (and the colour).
        let t = render(&app(lang), 80, 24, Plain);
        let buf = t.backend().buffer();
        let (_, y) = locate(buf, "T-03").expect("T-03 is listed");
        let cells = row_cells(buf, y);
        let (x, _) = cells
            .iter()
            .find(|(_, s)| *s == "■")
            .copied()
            .expect("a ■ in T-03's row");
        assert_eq!(buf[(x, y)].fg, red);

        // No cell is red without a symbol or word beside it: every red run of cells in
        // the list holds ■ (health, or a red risk band) or the word.
        for (yy, _row) in lines(buf).iter().enumerate() {
            let red_text: String = row_cells(buf, yy as u16)
                .iter()
                .filter(|(x, _)| buf[(*x, yy as u16)].fg == red)
                .map(|(_, s)| *s)
                .collect();
            if !red_text.trim().is_empty() {
                assert!(
                    red_text.contains('■') || red_text.contains(word),
                    "{lang:?} row {yy}: red text {red_text:?} without a symbol"
                );
            }
        }
    }
}

#[test]
fn worst_health_in_the_goal_tree_has_a_symbol() {
    let mut a = app(Lang::Nb);
    press(&mut a, ch('1'));
    let t = render(&a, 80, 24, Plain);
    let row = lines(t.backend().buffer())
        .into_iter()
        .find(|l| l.contains("by.d1"))
        .expect("by.d1 is shown");
    assert!(row.contains("■ Rød"), "{row}");
}

#[test]
fn redaction_keeps_width_and_only_touches_clocks() {
    assert_eq!(
        redact_timer("tid 0:07 / 3:00 i 2026-11-22"),
        "tid #:## / #:## i 2026-11-22"
    );
    assert_eq!(redact_timer("12:34:56 x"), "##:##:## x");
    assert_eq!(redact_timer("R1 3×4 = 12: høy"), "R1 3×4 = 12: høy");
}

#[test]
fn long_project_ids_read_whole_or_end_in_an_ellipsis() {
    let text_of = |fixture: String, w: u16, h: u16| {
        let p = load_str(&fixture).portfolio.expect("loads");
        let mut a = App::new(p, LABEL.to_string(), Lang::En, meeting_date());
        update(&mut a, Action::Resize(w, h));
        text(&render(&a, w, h, Plain))
    };
    let fixture = FIXTURE
        .replace(r#"id: "T-01""#, r#"id: "FRE-2026-0001""#)
        .replace(r#"id: "T-02""#, r#"id: "FRE-2026-0002-TILLEGG""#);
    for (w, h) in SIZES {
        let screen = text_of(fixture.clone(), w, h);
        // Two ids that differ only at the end must not look the same.
        assert!(screen.contains("FRE-2026-0001 "), "{w}x{h}:\n{screen}");
        assert!(screen.contains("FRE-2026-0002…"), "{w}x{h}:\n{screen}");
        assert!(!screen.contains("FRE-2026-0002-"), "{w}x{h}:\n{screen}");
    }
}

#[test]
fn decimal_targets_are_written_the_languages_way_in_detail_and_triage() {
    let fixture = FIXTURE.replace("target: 12, actual: 5", "target: 12.5, actual: 5.5");
    for (lang, want) in [(Lang::Nb, "5,5/12,5"), (Lang::En, "5.5/12.5")] {
        let p = load_str(&fixture).portfolio.expect("loads");
        let mut a = App::new(p, LABEL.to_string(), lang, meeting_date());
        update(&mut a, Action::Resize(120, 40));
        select(&mut a, "T-01");
        press(&mut a, KeyCode::Enter);
        press(&mut a, ch('z')); // the whole screen, so the results are in view
        let detail = text(&render(&a, 120, 40, Plain)).replace([' ', '\u{a0}'], "");
        assert!(detail.contains(want), "detail, {lang:?}:\n{detail}");
        press(&mut a, KeyCode::Esc);
        press(&mut a, ch('t'));
        let triage = text(&render(&a, 120, 40, Plain)).replace([' ', '\u{a0}'], "");
        assert!(triage.contains(want), "triage, {lang:?}:\n{triage}");
    }
}
