//! Issue 18, point 4 — fewer bytes per keystroke, and never a wrong screen for it: the
//! bytes styr writes for each frame (scroll regions, short moves, cells written again
//! between changes, one style change at a time) are replayed into a terminal emulator
//! (`vt100`), and the screen it shows must be the frame ratatui drew into a `TestBackend`,
//! cell for cell — symbol, colours, bold, dim, italic, underline, reverse — after every
//! key of a sequence of moves, scrolls, pages, zooms, a search and a resize, at 80×24 and
//! 120×40. And the bytes are few: a scrolled row move in a full-width list is a scroll
//! region and a row or two, not the whole list again.

mod common;

#[path = "../benches/common/portfolio_gen.rs"]
mod portfolio_gen;

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use styr::app::keymap::key_to_action;
use styr::app::update::update;
use styr::app::{Action, App};
use styr::model::Date;
use styr::term::wire::{Term, Wire};
use styr::text::Lang;
use styr::ui::{self, Theme, ThemeName};

/// 150 generated projects, some with names a terminal draws two cells wide (CJK) or with
/// a combining accent, so that rows with wide symbols scroll too.
fn app(w: u16, h: u16) -> App {
    let mut p = portfolio_gen::portfolio(150, 3);
    for (i, pr) in p.projects.iter_mut().enumerate() {
        match i % 7 {
            2 => pr.name = format!("東京 {}", pr.name),
            5 => pr.name = format!("Cafe\u{301} {}", pr.name),
            _ => {}
        }
    }
    let date = Date::parse("2026-11-22").expect("a date");
    let mut a = App::new(p, "gen.ron".into(), Lang::Nb, date);
    update(&mut a, Action::Resize(w, h));
    a
}

fn press(a: &mut App, code: KeyCode) {
    let action = key_to_action(a, &common::ev(code));
    update(a, action);
}

/// styr's way to the terminal (ratatui into the sink, the wire's bytes into an emulator)
/// beside ratatui's own (a `TestBackend`).
struct Both {
    term: Term,
    wire: Wire,
    vt: vt100::Parser,
    reference: Terminal<TestBackend>,
    theme: Theme,
    /// Bytes of the last frame.
    last: Vec<u8>,
}

impl Both {
    fn new(w: u16, h: u16, theme: ThemeName) -> Both {
        let (term, wire) = Wire::open(Some((w, h))).expect("the sink");
        Both {
            term,
            wire: wire.with_colour(true),
            vt: vt100::Parser::new(nz(h), nz(w), 0),
            reference: Terminal::new(TestBackend::new(w, h)).expect("the test backend"),
            theme: Theme::new(theme),
            last: Vec::new(),
        }
    }

    fn resize(&mut self, a: &mut App, w: u16, h: u16) {
        self.wire.set_size(w, h);
        self.vt.screen_mut().set_size(nz(h), nz(w));
        self.reference.backend_mut().resize(w, h);
        update(a, Action::Resize(w, h));
    }

    /// Draw `a` into the `TestBackend`, send that frame through the wire, and compare
    /// the emulator's screen with it. One frame for both: triage and the meeting clock
    /// show seconds, and two draws could fall on either side of one.
    fn frame(&mut self, a: &App, step: &str) {
        let theme = self.theme;
        // The frame as drawn, not the TestBackend's buffer: that one applies ratatui's
        // diffs without what a terminal does when a wide symbol covers the next cell (it
        // wipes it), so after a wide symbol it can keep a letter no terminal shows.
        let want = self
            .reference
            .draw(|f| ui::draw(f, a, &theme))
            .expect("drawn")
            .buffer
            .clone();
        let b = self.reference.backend();
        let cursor = b.cursor_visible().then(|| b.cursor_position());
        let mut bytes = Vec::new();
        self.wire
            .draw(&mut self.term, &mut bytes, |f| {
                f.buffer_mut().clone_from(&want);
                if let Some(p) = cursor {
                    f.set_cursor_position(p);
                }
            })
            .expect("drawn");
        self.vt.process(&bytes);
        self.last = bytes;
        same_screen(self.vt.screen(), &want, step);
        let screen = self.vt.screen();
        assert_eq!(
            !screen.hide_cursor(),
            cursor.is_some(),
            "{step}: cursor shown"
        );
        if let Some(p) = cursor {
            assert_eq!(screen.cursor_position(), (p.y, p.x), "{step}: cursor");
        }
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a size")
}

fn vt_colour(c: Color) -> vt100::Color {
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Black => vt100::Color::Idx(0),
        Color::Red => vt100::Color::Idx(1),
        Color::Green => vt100::Color::Idx(2),
        Color::Yellow => vt100::Color::Idx(3),
        Color::Blue => vt100::Color::Idx(4),
        Color::Magenta => vt100::Color::Idx(5),
        Color::Cyan => vt100::Color::Idx(6),
        Color::Gray => vt100::Color::Idx(7),
        Color::DarkGray => vt100::Color::Idx(8),
        Color::LightRed => vt100::Color::Idx(9),
        Color::LightGreen => vt100::Color::Idx(10),
        Color::LightYellow => vt100::Color::Idx(11),
        Color::LightBlue => vt100::Color::Idx(12),
        Color::LightMagenta => vt100::Color::Idx(13),
        Color::LightCyan => vt100::Color::Idx(14),
        Color::White => vt100::Color::Idx(15),
        Color::Indexed(n) => vt100::Color::Idx(n),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
    }
}

/// Every cell of the emulator's screen is the cell of `want`.
fn same_screen(screen: &vt100::Screen, want: &Buffer, step: &str) {
    let area = want.area;
    for y in 0..area.height {
        for x in 0..area.width {
            let cell = &want[(x, y)];
            let got = screen.cell(y, x).expect("a cell on screen");
            if got.is_wide_continuation() {
                // The second half of a wide symbol: ratatui keeps a blank there.
                let head = screen.cell(y, x - 1).expect("the symbol's first half");
                assert!(head.is_wide(), "{step}: ({x}, {y}) continues a wide symbol");
                continue;
            }
            let symbol = match got.contents() {
                "" => " ",
                s => s,
            };
            let m = cell.modifier;
            let seen = (
                symbol,
                got.fgcolor(),
                got.bgcolor(),
                [
                    got.bold(),
                    got.dim(),
                    got.italic(),
                    got.underline(),
                    got.inverse(),
                ],
            );
            let meant = (
                cell.symbol(),
                vt_colour(cell.fg),
                vt_colour(cell.bg),
                [
                    m.contains(Modifier::BOLD),
                    m.contains(Modifier::DIM),
                    m.contains(Modifier::ITALIC),
                    m.contains(Modifier::UNDERLINED),
                    m.contains(Modifier::REVERSED),
                ],
            );
            assert_eq!(
                seen,
                meant,
                "{step}: cell ({x}, {y}); the frame's row:\n{}\nthe screen:\n{}",
                frame_row(want, y),
                screen.contents()
            );
        }
    }
}

fn frame_row(want: &Buffer, y: u16) -> String {
    (0..want.area.width)
        .map(|x| want[(x, y)].symbol())
        .collect()
}

/// Keys and what they are, for the messages.
fn keys() -> Vec<(KeyCode, &'static str)> {
    let mut k = Vec::new();
    k.extend([(KeyCode::Char('j'), "j"); 30]);
    k.extend([(KeyCode::Char('k'), "k"); 25]);
    k.extend([
        (KeyCode::PageDown, "PgDn"),
        (KeyCode::PageDown, "PgDn"),
        (KeyCode::Char('j'), "j"),
        (KeyCode::PageUp, "PgUp"),
        (KeyCode::Char('G'), "G"),
        (KeyCode::Char('k'), "k"),
        (KeyCode::Char('g'), "g"),
        (KeyCode::Char('z'), "z"),
    ]);
    k.extend([(KeyCode::Char('j'), "j (zoomed)"); 40]);
    k.extend([(KeyCode::Char('k'), "k (zoomed)"); 3]);
    k.extend([
        (KeyCode::PageDown, "PgDn (zoomed)"),
        (KeyCode::Char('z'), "z"),
        (KeyCode::Tab, "Tab"),
        (KeyCode::Char('j'), "j (next pane)"),
        (KeyCode::Char('j'), "j (next pane)"),
        (KeyCode::BackTab, "Shift-Tab"),
        (KeyCode::Char('/'), "/"),
        (KeyCode::Char('k'), "/k"),
        (KeyCode::Char('l'), "/kl"),
        (KeyCode::Backspace, "/k"),
        (KeyCode::Enter, "Enter"),
        (KeyCode::Char('j'), "j (filtered)"),
        (KeyCode::Esc, "Esc"),
        (KeyCode::Char('?'), "?"),
        (KeyCode::Char('j'), "j (help)"),
        (KeyCode::Esc, "Esc"),
        (KeyCode::Char('5'), "5 (balance)"),
        (KeyCode::Char('j'), "j (balance)"),
        (KeyCode::Char('3'), "3 (risks)"),
        (KeyCode::Char('j'), "j (risks)"),
        (KeyCode::Char('2'), "2 (projects)"),
        (KeyCode::Char('t'), "t (triage)"),
        (KeyCode::Enter, "Enter (next in triage)"),
        (KeyCode::Esc, "Esc"),
    ]);
    k
}

fn replay(w: u16, h: u16, theme: ThemeName) {
    let mut a = app(w, h);
    let mut both = Both::new(w, h, theme);
    both.frame(&a, "first frame");
    for (i, (code, what)) in keys().into_iter().enumerate() {
        press(&mut a, code);
        both.frame(&a, &format!("{w}x{h} key {i} ({what})"));
    }
    // A resize to the other size and back: the screen is drawn whole, then diffed again.
    let (w2, h2) = if w == 80 { (120, 40) } else { (80, 24) };
    both.resize(&mut a, w2, h2);
    both.frame(&a, "resized");
    for _ in 0..20 {
        press(&mut a, KeyCode::Char('j'));
        both.frame(&a, &format!("{w2}x{h2} j after the resize"));
    }
    both.resize(&mut a, w, h);
    both.frame(&a, "resized back");
    press(&mut a, KeyCode::Char('k'));
    both.frame(&a, "k after resizing back");
}

#[test]
fn the_screen_is_the_frame_after_moves_scrolls_and_a_resize_at_80x24() {
    replay(80, 24, ThemeName::Default);
}

#[test]
fn the_screen_is_the_frame_after_moves_scrolls_and_a_resize_at_120x40() {
    replay(120, 40, ThemeName::Default);
}

#[test]
fn the_screen_is_the_frame_in_the_contrast_and_mono_themes() {
    // Backgrounds behind text (contrast) and reverse without colour (mono): the blank
    // rows a scroll brings in must not keep a colour.
    replay(80, 24, ThemeName::Contrast);
    replay(120, 40, ThemeName::Mono);
}

/// The bytes of the frame after `key`, once the list has scrolled (`moves` presses).
fn bytes_of_scrolled_move(w: u16, h: u16, zoom: bool) -> Vec<u8> {
    let mut a = app(w, h);
    let mut both = Both::new(w, h, ThemeName::Default);
    both.frame(&a, "first frame");
    if zoom {
        press(&mut a, KeyCode::Char('z'));
        both.frame(&a, "zoomed");
    }
    // Well past the last visible row: every move from here scrolls.
    for i in 0..h {
        press(&mut a, KeyCode::Char('j'));
        both.frame(&a, &format!("j {i}"));
    }
    press(&mut a, KeyCode::Char('j'));
    both.frame(&a, "the measured j");
    both.last
}

/// Whether `text` sets a scroll region (`ESC [ top ; bottom r`).
fn has_region(text: &str) -> bool {
    text.split("\x1b[").skip(1).any(|seq| {
        let end = seq.find(|c: char| !(c.is_ascii_digit() || c == ';'));
        end.is_some_and(|e| seq[e..].starts_with('r') && seq[..e].contains(';'))
    })
}

#[test]
fn a_scrolled_move_in_a_full_width_list_scrolls_the_terminal_and_writes_few_bytes() {
    for (w, h, zoom) in [(80, 24, false), (120, 40, true)] {
        let bytes = bytes_of_scrolled_move(w, h, zoom);
        let text = String::from_utf8_lossy(&bytes);
        // A scroll region around the list's rows, a line feed at its bottom, reset.
        assert!(has_region(&text), "{w}x{h}: a scroll region in {text:?}");
        assert!(
            text.contains("H\n\x1b[r"),
            "{w}x{h}: scrolled by a line feed: {text:?}"
        );
        assert!(
            bytes.len() <= 300,
            "{w}x{h}: a scrolled move writes {} bytes: {text:?}",
            bytes.len()
        );
    }
}

#[test]
fn a_scrolled_move_in_the_grid_writes_under_2000_bytes() {
    // The list shares its rows with the goal tree: only the rows where the tree is
    // blank move whole, and the rest of the list is written as cells.
    let bytes = bytes_of_scrolled_move(120, 40, false);
    let text = String::from_utf8_lossy(&bytes);
    assert!(bytes.len() <= 2000, "{} bytes: {text:?}", bytes.len());
}
