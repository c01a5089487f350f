//! End to end, the mouse: the built binary in a pseudo-terminal. With `--mouse` styr
//! asks the terminal for mouse reports, a click (as a terminal sends it, SGR encoded)
//! on a tab switches the pane, the keys work as ever, and quitting turns the reports off
//! again before the terminal is given back. Without it styr asks for none, and `:mouse`
//! turns them on.
//!
//! Where no pty can be had, each test prints "skipped: no pty (…)" and passes.

#![cfg(unix)]

#[path = "common/pty.rs"]
mod pty;
use pty::*;

use vt100::MouseProtocolMode;

/// Mouse reporting asked for (crossterm's EnableMouseCapture starts with this one).
const MOUSE_ON: &str = "\x1b[?1000h";
const MOUSE_OFF: &str = "\x1b[?1000l";

/// A left click at screen column `col`, row `row` (0-based), as xterm sends it (SGR).
fn click(col: usize, row: usize) -> String {
    format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        col + 1,
        row + 1,
        col + 1,
        row + 1
    )
}

/// The column of `text` in the top row.
fn tab_column(t: &Tui, text: &str) -> usize {
    let top = t.text().lines().next().unwrap_or_default().to_string();
    // At 80 columns the tabs may show their numbers only.
    let number = text.split(' ').next().unwrap_or(text);
    let at = top
        .find(text)
        .or_else(|| top.find(&format!(" {number} ")).map(|i| i + 1))
        .unwrap_or_else(|| panic!("no {text:?} in {top:?}"));
    top[..at].chars().count()
}

fn reporting(t: &Tui) -> bool {
    t.screen().mouse_protocol_mode() != MouseProtocolMode::None
}

/// Quit, and the terminal is as it was: no mouse reports left on either.
fn quit_and_check(t: &mut Tui) {
    t.send("q");
    let status = t.wait_exit();
    assert!(status.success(), "{status}");
    t.assert_restored();
    assert!(!reporting(t), "mouse reporting left on");
    let out = String::from_utf8_lossy(&t.out);
    assert!(out.rfind(MOUSE_ON) < out.rfind(MOUSE_OFF));
}

#[test]
fn with_mouse_a_click_on_a_tab_switches_the_pane_and_quitting_turns_reporting_off() {
    for (cols, rows) in [(80, 24), (120, 40)] {
        let (dir, _) = copy_of("hamar.ron");
        let args = ["hamar.ron", "--lang", "en", "--mouse"];
        let mut t = start!(Run::new(dir.path(), &args).size(cols, rows));
        t.wait_text("HA-01");
        t.wait_for("mouse reporting", reporting);
        let col = tab_column(&t, "3 Risks");
        t.send(&click(col, 0));
        t.wait_text("▶ 3 Risks");
        // The keys work as ever.
        t.send("2");
        t.wait_text("▶ 2 Projects");
        quit_and_check(&mut t);
    }
}

#[test]
fn without_mouse_nothing_is_reported_until_the_palettes_mouse_command() {
    let (dir, _) = copy_of("hamar.ron");
    let args = ["hamar.ron", "--lang", "en"];
    let mut t = start!(Run::new(dir.path(), &args).size(80, 24));
    t.wait_text("HA-01");
    assert!(!reporting(&t), "off by default: the terminal selects text");
    assert!(!String::from_utf8_lossy(&t.out).contains(MOUSE_ON));
    t.send(":");
    t.wait_text("Commands");
    t.send("mouse\r");
    t.wait_status("Mouse on");
    t.wait_for("mouse reporting", reporting);
    let col = tab_column(&t, "4 Evaluation");
    t.send(&click(col, 0));
    t.wait_text("▶ 4 Evaluation");
    quit_and_check(&mut t);
}
