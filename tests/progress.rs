//! Progress, as the user sees it: a load that takes a while shows the interactive
//! view's progress line with the count ("Leser prosjekter · 41 000 / 100 000") before
//! the portfolio, and a save that takes a while shows its own over the status line; on
//! the command line a bar on stderr when stderr is a terminal, and not a byte of it when
//! it is not.
//!
//! The load is made slow with `STYR_TEST_PACE_US` (debug builds only: each project read,
//! checked or saved waits that long; see `cli::progress::test_pace`), on a generated
//! portfolio of 300 projects, so these tests need no large file.

#![cfg(unix)]

#[path = "common/pty.rs"]
mod pty;
use pty::*;

#[path = "../benches/common/portfolio_gen.rs"]
mod portfolio_gen;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

const DATE: &str = "2026-11-26";
/// Each project waits this long (µs) when read, checked or saved: 300 projects take
/// about half a second a stage on two cores.
const PACE: &str = "3000";

/// A generated portfolio of 300 projects in a folder of its own.
fn portfolio() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    std::fs::write(&path, portfolio_gen::text(300, 5)).unwrap();
    (dir, path)
}

/// Until `ok` holds for the screen (not waiting for it to settle: progress moves).
fn until(t: &mut Tui, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + STEP;
    loop {
        let text = t.text();
        if ok(&text) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "waited {STEP:?} for {what}; the screen:\n{text}"
        );
        t.pump(Duration::from_millis(10));
    }
}

/// The count on the progress line `lead · N / 300`, when the screen shows it.
fn count(text: &str, lead: &str) -> Option<usize> {
    let line = text.lines().find(|l| l.contains(lead))?;
    let rest = line.split(lead).nth(1)?;
    let (done, total) = rest.split_once(" / ")?;
    (total.trim() == "300").then_some(())?;
    done.replace(['\u{a0}', ' ', ','], "").parse().ok()
}

#[test]
fn a_slow_load_and_save_show_their_progress_in_the_users_language() {
    for (lang, reading, checking, saving, saved) in [
        (
            "nb",
            "Leser prosjekter · ",
            "Sjekker prosjekter · ",
            "Lagrer prosjekter · ",
            "Lagret p.ron",
        ),
        (
            "en",
            "Reading projects · ",
            "Checking projects · ",
            "Saving projects · ",
            "Saved p.ron",
        ),
    ] {
        let (dir, path) = portfolio();
        let run = Run::new(dir.path(), &["p.ron", "--date", DATE, "--lang", lang])
            .env("STYR_TEST_PACE_US", PACE);
        let mut t = start!(run);
        let shown = until(&mut t, "the progress line", |s| count(s, reading).is_some());
        assert!(shown.contains("styr · p.ron"), "{shown}");
        let first = count(&shown, reading).unwrap();
        assert!(first < 300, "seen while reading: {shown}");
        // The count moves on, then the checking, then the portfolio itself.
        until(&mut t, "a later count", |s| {
            count(s, reading).is_some_and(|n| n > first) || count(s, checking).is_some()
        });
        t.wait_status("p.ron");
        assert!(!t.text().contains(reading), "{}", t.text());

        // A score, then a save: its progress over the status line, then the message.
        t.send("4");
        t.wait_text("▶ 4");
        t.send("\r4");
        t.wait_status(if lang == "nb" { "ulagret" } else { "unsaved" });
        t.send("s");
        let during = until(&mut t, "the save's progress", |s| {
            count(s, saving).is_some()
        });
        assert!(
            t.status_line().contains(saving),
            "on the bottom row: {during}"
        );
        t.wait_status(saved);
        assert!(!t.text().contains(saving), "gone once saved: {}", t.text());
        t.send("q");
        let status = t.wait_exit();
        assert!(status.success(), "{status}");
        t.assert_restored();
        let on_disk = std::fs::read_to_string(&path).unwrap();
        assert!(styr::model::parse(&on_disk).is_ok());
    }
}

#[test]
fn q_while_loading_leaves_at_once_and_gives_the_terminal_back() {
    let (dir, _path) = portfolio();
    let run = Run::new(dir.path(), &["p.ron", "--date", DATE, "--lang", "en"])
        .env("STYR_TEST_PACE_US", "20000");
    let mut t = start!(run);
    until(&mut t, "the progress line", |s| {
        s.contains("Reading projects")
    });
    let asked = Instant::now();
    t.send("q");
    let status = t.wait_exit();
    assert!(status.success(), "{status}");
    // 300 projects at 20 ms each would take three seconds on two cores.
    assert!(
        asked.elapsed() < Duration::from_secs(2),
        "{:?}",
        asked.elapsed()
    );
    t.assert_restored();
}

#[test]
fn the_command_line_shows_a_bar_only_on_a_terminal() {
    let (dir, path) = portfolio();
    let plain = Command::new(BIN)
        .args(["check", "--lang", "nb"])
        .arg(&path)
        .output()
        .unwrap();
    // Slow, with stderr captured: the same output, and nothing on stderr.
    for command in [&["check"][..], &["report"], &["export", "--csv"]] {
        let slow = Command::new(BIN)
            .args(command)
            .args(["--lang", "nb"])
            .arg(&path)
            .env("STYR_TEST_PACE_US", PACE)
            .output()
            .unwrap();
        let quick = Command::new(BIN)
            .args(command)
            .args(["--lang", "nb"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(slow.stdout, quick.stdout, "{command:?}");
        assert_eq!(
            String::from_utf8_lossy(&slow.stderr),
            String::from_utf8_lossy(&quick.stderr),
            "{command:?}: no bar on a captured stderr"
        );
        assert!(!String::from_utf8_lossy(&slow.stderr).contains("prosjekter"));
    }
    assert!(String::from_utf8_lossy(&plain.stdout).contains("sjekket 1 fil"));

    // On a terminal: the bar, with the file's name and the count, then the summary.
    let run =
        Run::new(dir.path(), &["check", "p.ron", "--lang", "nb"]).env("STYR_TEST_PACE_US", PACE);
    let mut t = start!(run);
    let status = t.wait_exit();
    assert!(status.success(), "{status}");
    let out = String::from_utf8_lossy(&t.out).into_owned();
    assert!(out.contains("p.ron: Leser prosjekter · "), "{out:?}");
    assert!(out.contains("/ 300"), "{out:?}");
    assert!(t.text().contains("sjekket 1 fil"), "{}", t.text());
    assert!(
        !t.text().contains("Leser prosjekter"),
        "cleared: {}",
        t.text()
    );
}
