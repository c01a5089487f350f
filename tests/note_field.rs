//! The note field wraps (issue 13, point 6): a long meeting note or mitigation shows
//! over as many rows as it needs, up to a third of the screen, so it can be read back
//! before `Enter` keeps it; the cursor is drawn at its wrapped row and column (measured
//! by grapheme cluster), and ↑ ↓ Home End move by the rows.

mod common;

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Position;

use common::keys::{SIZES, app_at, press, register_on, select, typ};
use styr::app::update::update;
use styr::app::{Action, App, Overlay};
use styr::text::Lang;
use styr::ui::{self, Theme, ThemeName};

const NOTE: &str = "Styringsgruppen ber om en revidert framdriftsplan før neste møte, \
med milepæler for anbudet, en oppdatert risikovurdering og en avklaring av egenandelen \
fra enhetene som deltar i prosjektet.";

/// The screen's rows and where the terminal's cursor is.
fn draw(a: &App, w: u16, h: u16) -> (Vec<String>, Position) {
    let (screen, at, _) = draw_before(a, w, h);
    (screen, at)
}

/// The screen's rows, the cursor, and what is drawn on its row before it (by columns:
/// a wide character's second cell is skipped).
fn draw_before(a: &App, w: u16, h: u16) -> (Vec<String>, Position, String) {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, a, &Theme::new(ThemeName::Default)))
        .unwrap();
    let at = t.get_cursor_position().unwrap();
    let buf = t.backend().buffer();
    let mut before = String::new();
    let mut skip = 0;
    for x in 0..at.x {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let s = buf[(x, at.y)].symbol();
        before.push_str(s);
        skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
    }
    (common::keys::screen(a, w, h), at, before)
}

fn field(a: &App) -> (String, usize) {
    match &a.overlay {
        Some(Overlay::Note { field, .. }) => (field.text.clone(), field.cursor),
        other => panic!("no note open: {other:?}"),
    }
}

/// The note field open on T-01 in pane 4, with `text` typed.
fn note_with(text: &str, w: u16, h: u16) -> App {
    let mut a = app_at(Lang::Nb, w, h);
    select(&mut a, "T-01");
    press(&mut a, KeyCode::Char('4'));
    press(&mut a, KeyCode::Char('n'));
    typ(&mut a, text);
    a
}

/// The rows of the note's text as drawn: from the row under the popup's top edge, each
/// row's text between the frame's sides, to the key line.
fn note_rows(screen: &[String]) -> (usize, Vec<String>) {
    let first = 1 + screen
        .iter()
        .position(|r| r.contains('╔'))
        .expect("the note field is drawn");
    let mut rows = Vec::new();
    for r in &screen[first..] {
        let inside: String = r.split('║').nth(1).unwrap_or("").to_string();
        if inside.contains("Enter lagrer") || inside.contains("Enter keeps") {
            break;
        }
        rows.push(
            inside
                .trim_end()
                .trim_start_matches("› ")
                .trim()
                .to_string(),
        );
    }
    (first, rows)
}

#[test]
fn a_long_note_is_wrapped_over_several_rows_and_reads_back_whole() {
    for (w, h) in SIZES {
        let a = note_with(NOTE, w, h);
        let (screen, at) = draw(&a, w, h);
        let (first, rows) = note_rows(&screen);
        assert!(
            rows.len() >= 2,
            "{w}x{h}: one row only:\n{}",
            screen.join("\n")
        );
        // Every word is there, in order, none cut: the rows joined are the note.
        assert_eq!(rows.join(" "), NOTE, "{w}x{h}:\n{}", screen.join("\n"));
        // Rows break between words.
        for r in &rows {
            assert!(NOTE.contains(r.as_str()), "{r:?}");
        }
        // The cursor after the last character, on the last row.
        let last = first + rows.len() - 1;
        assert_eq!(at.y as usize, last, "{w}x{h}: the cursor's row");
        let (_, _, before) = draw_before(&a, w, h);
        assert!(before.ends_with("prosjektet."), "{w}x{h}: {before:?}");
    }
}

#[test]
fn up_down_home_and_end_move_by_the_wrapped_rows() {
    let (w, h) = (80, 24);
    let mut a = note_with(NOTE, w, h);
    let (screen, end) = draw(&a, w, h);
    let (first, rows) = note_rows(&screen);
    assert!(rows.len() >= 3, "{}", screen.join("\n"));
    // ↑: the row above, at the column nearest the cursor's (the row may be shorter).
    press(&mut a, KeyCode::Up);
    let (_, at) = draw(&a, w, h);
    assert_eq!(at.y, end.y - 1);
    assert!(at.x <= end.x && at.x + 12 > end.x, "{at:?} under {end:?}");
    // ↓: back down to the last row.
    press(&mut a, KeyCode::Down);
    assert_eq!(draw(&a, w, h).1.y, end.y);
    press(&mut a, KeyCode::Up);
    // Home: the start of the row; again: the start of the text.
    press(&mut a, KeyCode::Home);
    let (_, at) = draw(&a, w, h);
    assert_eq!(at.y, end.y - 1);
    let (_, cursor) = field(&a);
    let row_text = &rows[rows.len() - 2];
    assert_eq!(
        &NOTE[NOTE.char_indices().nth(cursor).unwrap().0..][..row_text.len()],
        row_text
    );
    press(&mut a, KeyCode::Home);
    let (_, at) = draw(&a, w, h);
    assert_eq!(at.y as usize, first);
    assert_eq!(field(&a).1, 0);
    // ↓ twice: the third row; End: its end, where typing goes on the same row.
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::End);
    let (_, at) = draw(&a, w, h);
    assert_eq!(at.y as usize, first + 2);
    typ(&mut a, "X");
    let (screen, _) = draw(&a, w, h);
    let (_, rows_now) = note_rows(&screen);
    assert!(rows_now[2].ends_with('X'), "{:?}", rows_now);
    // ↓ from the last row: the end of the text; ↑ from the first: its start.
    for _ in 0..10 {
        press(&mut a, KeyCode::Down);
    }
    assert_eq!(field(&a).1, field(&a).0.chars().count());
    for _ in 0..10 {
        press(&mut a, KeyCode::Up);
    }
    assert_eq!(field(&a).1, 0);
    // Enter keeps the whole note, one line.
    press(&mut a, KeyCode::Enter);
    let e = a.portfolio.projects[common::keys::pi(&a, "T-01")]
        .evaluations
        .last()
        .unwrap();
    assert!(e.note.as_deref().unwrap().contains("X"));
    assert!(!e.note.as_deref().unwrap().contains('\n'));
}

#[test]
fn wide_text_wraps_by_columns_and_the_cursor_follows_it() {
    // 100 CJK characters (200 columns) and "x": rows of whole characters, the cursor
    // after the x.
    let text = format!("{}x", "漢字".repeat(50));
    for (w, h) in SIZES {
        let a = note_with(&text, w, h);
        let (screen, at, before) = draw_before(&a, w, h);
        let (first, rows) = note_rows(&screen);
        assert!(rows.len() >= 3, "{}", screen.join("\n"));
        assert_eq!(rows.concat(), text);
        assert_eq!(at.y as usize, first + rows.len() - 1);
        assert!(before.ends_with("字x"), "{w}x{h}: {before:?}");
    }
}

#[test]
fn a_very_long_note_takes_a_third_of_the_screen_and_scrolls_with_the_cursor() {
    let long = NOTE.repeat(8);
    for (w, h) in SIZES {
        let mut a = note_with(&long, w, h);
        let (screen, at) = draw(&a, w, h);
        let (first, rows) = note_rows(&screen);
        assert_eq!(
            rows.len(),
            usize::from(h / 3),
            "{w}x{h}:\n{}",
            screen.join("\n")
        );
        let keys = &screen[first + rows.len()];
        assert!(keys.contains("linje"), "{keys}");
        assert_eq!(at.y as usize, first + rows.len() - 1, "the cursor is shown");
        // To the start: the first row shows.
        press(&mut a, KeyCode::Home);
        press(&mut a, KeyCode::Home);
        let (screen, at) = draw(&a, w, h);
        assert_eq!(at.y as usize, first);
        assert!(screen[first].contains("› Styringsgruppen"));
    }
}

#[test]
fn a_mitigation_wraps_too_and_untrusted_text_is_drawn_inert() {
    let (w, h) = (80, 24);
    let mut a = app_at(Lang::En, w, h);
    register_on(&mut a, "T-01", "R1");
    press(&mut a, KeyCode::Char('m'));
    update(&mut a, Action::TextInput('\u{1b}'));
    typ(&mut a, &" ]0;title".repeat(12));
    let (screen, _) = draw(&a, w, h);
    let all = screen.join("\n");
    assert!(!all.contains('\u{1b}'), "no raw escape is drawn");
    assert!(
        all.contains('\u{241b}'),
        "the escape shows as its symbol:\n{all}"
    );
    let first = screen.iter().position(|r| r.contains("║› ")).unwrap();
    assert!(screen[first + 1].contains("]0;title"), "wrapped:\n{all}");
}
