//! End to end: the built binary in a pseudo-terminal, driven by keys as a user types them,
//! with the screen read back through a terminal emulator (`vt100`).
//!
//! These tests assert what does not depend on how a pane is drawn: the status line, the
//! project list, the question popups, the files on disk, the exit status, and that the
//! terminal is given back as it was (alternate screen left, cursor shown, raw mode off).
//!
//! The harness is tests/common/pty.rs.
//!
//! Where no pty can be had, each test prints "skipped: no pty (…)" and passes.

#![cfg(unix)]

#[path = "common/pty.rs"]
mod pty;
use pty::*;

use std::fs;
use std::path::Path;

use styr::model::{Date, Decision, Portfolio, parse};

const DATE: &str = "2026-11-26";

// ---------------------------------------------------------------------------------------
// The portfolio on disk.

fn on_disk(path: &Path) -> Portfolio {
    let text = fs::read_to_string(path).unwrap();
    parse(&text).unwrap_or_else(|d| panic!("{} does not load: {d:?}", path.display()))
}

fn date() -> Date {
    Date::parse(DATE).unwrap()
}

fn args(file: &str) -> Vec<&str> {
    vec![file, "--date", DATE, "--lang", "en"]
}

/// The meeting's record, typed as a chair would: to the score sheet, Enter to score,
/// three scores, decision "Adjust", a note; five edits, each confirmed in the status line.
fn record(t: &mut Tui) {
    t.send("4");
    t.wait_text("▶ 4");
    t.send("\r");
    t.wait_text("Evaluation — scoring");
    t.send("435");
    t.wait_status("unsaved (3)");
    t.send("d");
    t.wait_text("2 Adjust");
    t.send("2");
    t.wait_status("unsaved (4)");
    t.send("n");
    t.wait_text("note for the meeting");
    t.send("Ny plan æøå\r");
    t.wait_status("unsaved (5)");
}

/// The evaluation `record` makes, on project `id` in the file at `path`.
fn assert_recorded(path: &Path, id: &str) {
    let p = on_disk(path);
    let project = p.projects.iter().find(|p| p.id == id).unwrap();
    let e = project
        .evaluations
        .iter()
        .find(|e| e.date == date())
        .unwrap_or_else(|| panic!("{id} has no evaluation dated {DATE}"));
    let scores: Vec<(&str, i64)> = e.scores.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(scores, [("goals", 4), ("results", 3), ("budget", 5)]);
    assert_eq!(e.decision, Some(Decision::Adjust));
    assert_eq!(e.note.as_deref(), Some("Ny plan æøå"));
    // And on no other project.
    let others: Vec<&str> = p
        .projects
        .iter()
        .filter(|q| q.id != id && q.evaluations.iter().any(|e| e.date == date()))
        .map(|q| q.id.as_str())
        .collect();
    assert!(others.is_empty(), "also evaluated: {others:?}");
}

fn journal_exists(dir: &Path) -> bool {
    folder(dir)
        .iter()
        .any(|(n, _)| n.ends_with(".styr-journal"))
}

// ---------------------------------------------------------------------------------------
// The tests.

#[test]
fn opens_a_portfolio_at_120x40_and_80x24_and_q_gives_the_terminal_back() {
    for (cols, rows) in [(120, 40), (80, 24)] {
        let (dir, _) = copy_of("hamar.ron");
        let mut t = start!(Run::new(dir.path(), &args("hamar.ron")).size(cols, rows));
        t.wait_text("HA-01");
        let screen = t.text();
        // The project list: ids and names from the file, sixteen of them.
        for id in ["HA-01", "HA-10", "HA-16"] {
            assert!(screen.contains(id), "{cols}x{rows}: no {id} in\n{screen}");
        }
        assert!(screen.contains("Internasjonal uke"), "{screen}");
        assert!(screen.contains("Projects"), "{screen}");
        // The title bar: the organisation and the meeting's date whole (at 80 columns
        // without the word "meeting", which gives way to the portfolio's name).
        assert!(screen.contains("Hamar kommune"), "{screen}");
        assert!(screen.contains("2026-11-26"), "{screen}");
        if cols >= 120 {
            assert!(screen.contains("meeting 2026-11-26"), "{screen}");
        }
        // The status line: the file, and the keys that matter here.
        let status = t.status_line();
        assert!(status.starts_with(" hamar.ron"), "{status:?}");
        assert!(status.contains("? help"), "{status:?}");
        assert!(t.screen().alternate_screen());
        assert!(t.raw_mode(), "styr runs the terminal in raw mode");

        t.send("q");
        let status = t.wait_exit();
        assert!(status.success(), "{cols}x{rows}: {status}");
        t.assert_restored();
        // Opening and quitting writes nothing: no lock, journal or backup left behind.
        let names: Vec<String> = folder(dir.path()).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["hamar.ron"]);
    }
}

#[test]
fn search_narrows_the_list_and_enter_selects_the_best_match_which_is_scored_and_saved() {
    let (dir, path) = copy_of("hamar.ron");
    // At 80x24 only the project list is drawn, so the ids on screen are its rows.
    let mut t = start!(Run::new(dir.path(), &args("hamar.ron")).size(80, 24));
    t.wait_text("HA-01");
    t.send("/");
    t.wait_status("matches");
    t.send("verts");
    t.wait_status("2 matches");
    let screen = t.text();
    assert!(screen.contains("HA-04"), "{screen}");
    assert!(screen.contains("HA-11"), "{screen}");
    for gone in ["HA-01", "HA-10", "HA-16"] {
        assert!(
            !screen.contains(gone),
            "{gone} should be filtered out:\n{screen}"
        );
    }
    // Enter keeps the filter (said in the status line) and selects the best match.
    t.send("\r");
    t.wait_status("Filter: search «verts»");
    assert!(t.text().contains("HA-04"));
    assert!(!t.text().contains("HA-01"));

    record(&mut t);
    t.send("s");
    t.wait_status("Saved hamar.ron");
    assert!(!t.status_line().contains("unsaved"));
    // The best match for "verts" is HA-04 ("Videreutvikle vertskapsrollen …").
    assert_recorded(&path, "HA-04");
    // The file keeps its comments (nothing kept beside it); the journal is gone.
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("// Hamar kommune")
    );
    assert!(!dir.path().join("hamar.ron.orig").exists());
    assert!(!journal_exists(dir.path()));

    t.send("q");
    let status = t.wait_exit();
    assert!(status.success(), "{status}");
    t.assert_restored();
}

#[test]
fn scoring_then_q_asks_and_y_saves_and_quits() {
    let (dir, path) = copy_of("fredrikstad.ron");
    let before = on_disk(&path);
    let mut t = start!(Run::new(dir.path(), &args("fredrikstad.ron")));
    t.wait_status("fredrikstad.ron");
    let first = before.projects[0].id.clone();
    t.send(&format!("/{first}\r"));
    t.wait_status(&format!("search «{first}»"));
    record(&mut t);
    t.send("q");
    t.wait_text("y save and quit");
    t.send("y");
    let status = t.wait_exit();
    assert!(status.success(), "{status}");
    t.assert_restored();
    assert_recorded(&path, &first);
    assert!(!journal_exists(dir.path()));
}

#[test]
fn sigterm_sighup_and_sigint_exit_with_128_plus_n_and_restore_the_terminal() {
    for (sig, name) in [
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGHUP, "SIGHUP"),
        (libc::SIGINT, "SIGINT"),
    ] {
        let (dir, _) = copy_of("akershus.ron");
        let mut t = start!(Run::new(dir.path(), &args("akershus.ron")));
        t.wait_status("akershus.ron");
        t.signal(sig);
        let status = t.wait_exit();
        assert_eq!(
            (status.exit_code(), status.signal()),
            (128 + sig as u32, None),
            "{name}: {status}"
        );
        t.assert_restored();
    }
}

#[test]
fn after_sigkill_the_next_start_asks_to_recover_and_y_then_s_saves_the_edits() {
    let (dir, path) = copy_of("hamar.ron");
    let untouched = fs::read(&path).unwrap();
    {
        let mut t = start!(Run::new(dir.path(), &args("hamar.ron")));
        t.wait_text("HA-01");
        t.send("/HA-07\r");
        t.wait_status("search «HA-07»");
        record(&mut t);
        // Every edit shown as made is in the journal already: SIGKILL loses none of them.
        t.signal(libc::SIGKILL);
        let status = t.wait_exit();
        assert!(status.signal().is_some(), "killed: {status}");
    }
    assert_eq!(fs::read(&path).unwrap(), untouched, "nothing was saved");
    assert!(journal_exists(dir.path()));

    let mut t = start!(Run::new(dir.path(), &args("hamar.ron")));
    t.wait_text("Unsaved changes from an earlier session");
    assert!(t.text().contains("y recover"), "{}", t.text());
    t.send("y");
    t.wait_status("Recovered 5 changes");
    assert!(
        t.status_line().contains("unsaved (5)"),
        "{}",
        t.status_line()
    );
    t.send("s");
    t.wait_status("Saved hamar.ron");
    assert_recorded(&path, "HA-07");
    assert!(!journal_exists(dir.path()));
    t.send("q");
    assert!(t.wait_exit().success());
    t.assert_restored();
}

#[test]
fn a_dropped_connection_ends_styr_and_keeps_every_edit_for_the_next_start() {
    let (dir, path) = copy_of("hamar.ron");
    {
        let mut t = start!(Run::new(dir.path(), &args("hamar.ron")));
        t.wait_text("HA-01");
        t.send("/HA-02\r");
        t.wait_status("search «HA-02»");
        record(&mut t);
        // The SSH connection drops: the terminal hangs up. styr must notice (crossterm's
        // event loop would spin) and end with 128 + SIGHUP.
        t.hang_up();
        let status = t.wait_exit();
        assert_eq!(status.exit_code(), 129, "{status}");
    }
    assert!(journal_exists(dir.path()));
    // The lock went with the process: the next start may write, and offers the edits.
    let mut t = start!(Run::new(dir.path(), &args("hamar.ron")));
    t.wait_text("Unsaved changes from an earlier session");
    t.send("y");
    t.wait_status("Recovered 5 changes");
    assert!(!t.status_line().contains("read-only"));
    t.send("s");
    t.wait_status("Saved hamar.ron");
    assert_recorded(&path, "HA-02");
    t.send("q");
    assert!(t.wait_exit().success());
}

#[test]
fn a_hang_up_that_never_sends_sighup_to_styr_still_ends_it() {
    // The terminal goes away but the signal goes to a shell that ignores it: crossterm's
    // event loop would spin at full CPU for ever, holding the lock (crossterm #793).
    let (dir, path) = copy_of("hamar.ron");
    {
        let mut t = start!(Run::new(dir.path(), &args("hamar.ron")).shell_ignoring_hup());
        t.wait_text("HA-01");
        t.send("/HA-03\r");
        t.wait_status("search «HA-03»");
        record(&mut t);
        t.hang_up();
        let status = t.wait_exit();
        assert_eq!(status.exit_code(), 129, "{status}");
    }
    let mut t = start!(Run::new(dir.path(), &args("hamar.ron")));
    t.wait_text("Unsaved changes from an earlier session");
    t.send("y");
    t.wait_status("Recovered 5 changes");
    t.send("s");
    t.wait_status("Saved hamar.ron");
    assert_recorded(&path, "HA-03");
    t.send("q");
    assert!(t.wait_exit().success());
}

#[test]
fn read_only_leaves_the_folder_exactly_as_it_was() {
    let (dir, _) = copy_of("lillestrom.ron");
    let before = folder(dir.path());
    let mut a = args("lillestrom.ron");
    a.push("--read-only");
    let mut t = start!(Run::new(dir.path(), &a));
    t.wait_status("read-only");
    // Everything that would change the file, then save.
    t.send("4\r");
    t.settle();
    t.send("35");
    t.settle();
    t.send("d");
    t.settle();
    t.send("2");
    t.settle();
    t.send("s");
    t.settle();
    assert!(!t.status_line().contains("unsaved"), "{}", t.status_line());
    t.send("q");
    let status = t.wait_exit();
    assert!(status.success(), "{status}");
    t.assert_restored();
    assert_eq!(folder(dir.path()), before, "--read-only changed the folder");
}

#[test]
fn every_common_term_value_starts_draws_and_quits_cleanly() {
    let (dir, _) = copy_of("hamar.ron");
    for term in [
        "xterm-256color",
        "screen-256color",
        "tmux-256color",
        "linux",
        "vt100",
    ] {
        for (cols, rows) in [(80, 24), (120, 40)] {
            let mut t = start!(
                Run::new(dir.path(), &args("hamar.ron"))
                    .size(cols, rows)
                    .term(term)
            );
            t.wait_text("HA-01");
            let screen = t.text();
            assert!(
                screen.contains("Internasjonal uke"),
                "TERM={term}:\n{screen}"
            );
            assert!(t.status_line().starts_with(" hamar.ron"), "TERM={term}");
            // Box drawing arrived as such (the frame of the focused pane).
            assert!(screen.contains('━') || screen.contains('─'), "TERM={term}");
            // The help overlay opens over everything, and Esc closes it.
            t.send("?");
            t.wait_text("Help — every key");
            t.send("\x1b");
            t.wait_for("the help to close", |t| {
                !t.text().contains("Help — every key")
            });
            t.send("q");
            let status = t.wait_exit();
            assert!(status.success(), "TERM={term} {cols}x{rows}: {status}");
            t.assert_restored();
        }
    }
}

#[test]
fn another_users_write_protected_file_opens_read_only_and_is_never_replaced() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 || !Path::new("/usr/bin/setpriv").exists() {
        eprintln!("skipped: needs root and setpriv to run styr as another user");
        return;
    }
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let (dir, path) = copy_of("hamar.ron");
    // A folder everyone may write (as a shared folder is), a file only its owner reads
    // and nobody writes.
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&path).unwrap();
    for lang in ["en", "nb"] {
        let a = vec!["hamar.ron", "--date", DATE, "--lang", lang];
        let mut t = start!(Run::new(dir.path(), &a).user(65534).size(80, 24));
        t.wait_text("HA-01");
        let status = t.status_line();
        let (protected, ro) = match lang {
            "en" => ("is write-protected (r--r--r--)", "read-only"),
            _ => ("er skrivebeskyttet (r--r--r--)", "skrivebeskyttet"),
        };
        assert!(status.contains(protected), "{status}");
        assert!(status.contains(ro), "{status}");
        // An edit is refused; `s` offers save-as, and Esc leaves it.
        t.send("4\r");
        t.settle();
        t.send("5");
        t.settle();
        t.send("s");
        t.wait_text(if lang == "en" { "Save as" } else { "Lagre som" });
        t.send("\x1b");
        t.settle();
        t.send("q");
        let exit = t.wait_exit();
        assert!(exit.success(), "{exit}");
        t.assert_restored();
    }
    let meta = fs::metadata(&path).unwrap();
    assert_eq!(fs::read(&path).unwrap(), before, "the file was changed");
    assert_eq!(meta.uid(), 0, "the file was replaced by another user's");
    assert_eq!(meta.permissions().mode() & 0o777, 0o444);
    let left: Vec<String> = folder(dir.path()).into_iter().map(|(n, _)| n).collect();
    assert_eq!(left, ["hamar.ron"], "styr left files behind");
}
