//! The meeting's promises, end to end through the real key map, `update` and the session
//! that does the I/O — the path the event loop takes, on real files in a temporary folder:
//! what is recorded is saved exactly, survives a session that ends without saving,
//! never overwrites an outside change, and `--read-only` writes nothing.

mod common;
use common::session::{date, folder, keys, names, open, open_as, press, select};

use std::fs;
use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use styr::app::keymap::key_to_action;
use styr::app::update::update;
use styr::app::{App, Overlay, Pane, Question};
use styr::model::{Decision, Evaluation, Portfolio, parse};
use styr::session::Session;
use styr::store;
use styr::text::Lang;

const FIXTURE: &str = include_str!("fixtures/small.ron");

fn on_disk(path: &Path) -> Portfolio {
    parse(&fs::read_to_string(path).unwrap()).unwrap()
}

/// Score T-02 4, 3, 5, decide Adjust, note "Ny plan æøå": the meeting's record.
fn record_t02(app: &mut App, s: &mut Session) {
    select(app, s, "T-02");
    keys(app, s, "4");
    assert_eq!(app.pane, Pane::Evaluation);
    press(app, s, KeyCode::Enter); // score: the digits score until Esc
    keys(app, s, "435d2n");
    // The note field starts with today's note (none yet).
    keys(app, s, "Ny plan æøå");
    press(app, s, KeyCode::Enter);
}

/// Project `id` of `p`.
fn project<'a>(p: &'a Portfolio, id: &str) -> &'a styr::model::Project {
    p.projects
        .iter()
        .find(|pr| pr.id == id)
        .unwrap_or_else(|| panic!("no project {id}"))
}

/// `before` with the meeting's record of T-02 added: what the file should hold after it
/// is saved.
fn with_t02_recorded(mut before: Portfolio) -> Portfolio {
    let t02 = before.projects.iter_mut().find(|p| p.id == "T-02").unwrap();
    t02.evaluations.push(expected_t02());
    before
}

fn expected_t02() -> Evaluation {
    Evaluation {
        date: date(),
        scores: [("goals", 4), ("results", 3), ("budget", 5)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        decision: Some(Decision::Adjust),
        note: Some("Ny plan æøå".into()),
        by: None,
        ratings: Vec::new(),
    }
}

#[test]
fn a_recorded_evaluation_is_saved_exactly_and_nothing_else_changes() {
    let (dir, path) = folder(FIXTURE);
    let before = on_disk(&path);
    let (mut app, mut s) = open(&path, false);
    record_t02(&mut app, &mut s);
    assert_eq!(app.unsaved, 5);
    keys(&mut app, &mut s, "s");
    assert_eq!(app.unsaved, 0);
    assert!(
        app.message.as_deref().unwrap().starts_with("Saved"),
        "{:?}",
        app.message
    );

    assert_eq!(on_disk(&path), with_t02_recorded(before.clone()));
    // The fixture's comments are all still there, nothing is kept beside it, and the
    // journal is gone.
    let text = fs::read_to_string(&path).unwrap();
    for line in FIXTURE.lines().filter(|l| l.contains("//")) {
        assert!(text.contains(line), "lost: {line}");
    }
    assert!(!dir.path().join("plan.ron.orig").exists());
    assert!(
        !names(dir.path())
            .iter()
            .any(|n| n.ends_with(".styr-journal"))
    );

    // A second edit and save is one small diff: the changed line only. (The cursor
    // stayed on the last criterion; `k` goes up to "results".)
    let first = fs::read_to_string(&path).unwrap();
    keys(&mut app, &mut s, "k2s");
    let second = fs::read_to_string(&path).unwrap();
    let changed: Vec<(&str, &str)> = first
        .lines()
        .zip(second.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(first.lines().count(), second.lines().count());
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.contains(r#""results": 2"#), "{changed:?}");
}

#[test]
fn edits_survive_a_session_that_ends_without_saving_and_are_recovered() {
    let (dir, path) = folder(FIXTURE);
    let before = on_disk(&path);
    {
        let (mut app, mut s) = open(&path, false);
        record_t02(&mut app, &mut s);
        // Every edit is in the journal, on disk, before the next key is read.
        let rec = store::read_journal(&path).unwrap().expect("a journal");
        assert_eq!(rec.entries.len(), 5);
        // The session ends here without saving, as after SIGHUP (the lock goes with it).
    }
    assert_eq!(on_disk(&path), before, "nothing was saved");

    let (mut app, mut s) = open(&path, false);
    assert_eq!(app.overlay, Some(Overlay::Question(Question::Recover)));
    let info = app.recovery.clone().expect("what was found");
    assert_eq!(info.edits, 5);
    assert!(!info.file_changed);
    keys(&mut app, &mut s, "y");
    assert_eq!(app.unsaved, 5);
    let t02 = project(&app.portfolio, "T-02");
    assert_eq!(t02.evaluations.last(), Some(&expected_t02()));
    // Recovered edits are journaled again at once: a second crash loses nothing either.
    assert_eq!(
        store::read_journal(&path).unwrap().unwrap().entries.len(),
        5
    );
    keys(&mut app, &mut s, "s");
    assert_eq!(on_disk(&path), with_t02_recorded(before.clone()));
    assert!(
        !names(dir.path())
            .iter()
            .any(|n| n.ends_with(".styr-journal"))
    );
}

#[test]
fn discarding_at_the_recovery_question_removes_the_journal() {
    let (dir, path) = folder(FIXTURE);
    {
        let (mut app, mut s) = open(&path, false);
        record_t02(&mut app, &mut s);
    }
    let (mut app, mut s) = open(&path, false);
    keys(&mut app, &mut s, "n");
    assert_eq!(app.overlay, None);
    assert_eq!(app.unsaved, 0);
    assert!(
        !names(dir.path())
            .iter()
            .any(|n| n.ends_with(".styr-journal"))
    );
    // And the session journals its own edits from here on.
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3");
    assert_eq!(
        store::read_journal(&path).unwrap().unwrap().entries.len(),
        1
    );
}

#[test]
fn an_outside_change_is_never_overwritten_and_reload_keeps_both() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    record_t02(&mut app, &mut s);
    // Someone else saves the file meanwhile (a colleague, a git pull).
    let outside = fs::read_to_string(&path)
        .unwrap()
        .replace("Bysykler og gange", "Bysykler og gange (endret)");
    fs::write(&path, &outside).unwrap();

    keys(&mut app, &mut s, "s");
    assert_eq!(app.overlay, Some(Overlay::Question(Question::Conflict)));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        outside,
        "not overwritten"
    );

    keys(&mut app, &mut s, "r");
    assert_eq!(app.unsaved, 5, "the edits are put on top of the new file");
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("5 edits re-applied"),
        "{:?}",
        app.message
    );
    keys(&mut app, &mut s, "s");
    let saved = on_disk(&path);
    let t03 = project(&saved, "T-03");
    assert_eq!(t03.name, "Bysykler og gange (endret)");
    let t02 = project(&saved, "T-02");
    assert_eq!(t02.evaluations.last(), Some(&expected_t02()));
}

#[test]
fn after_a_conflict_the_edits_can_be_saved_under_another_name() {
    let (dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    record_t02(&mut app, &mut s);
    fs::write(&path, FIXTURE.replace("Testportefølje", "Endret")).unwrap();
    keys(&mut app, &mut s, "s");
    keys(&mut app, &mut s, "a");
    assert!(matches!(app.overlay, Some(Overlay::SaveAs { .. })));
    // Offered: a dated name beside the file; replace it with our own.
    if let Some(Overlay::SaveAs { field }) = &app.overlay {
        assert!(
            field.text.ends_with("plan-2026-11-22.ron"),
            "{}",
            field.text
        );
    }
    for _ in 0..200 {
        press(&mut app, &mut s, KeyCode::Backspace);
    }
    let other = dir.path().join("mine.ron");
    keys(&mut app, &mut s, &other.display().to_string());
    press(&mut app, &mut s, KeyCode::Enter);
    assert_eq!(app.overlay, None, "{:?}", app.message);
    assert_eq!(app.unsaved, 0);
    let mine = on_disk(&other);
    assert_eq!(mine.name, "Testportefølje 2026");
    let t02 = project(&mine, "T-02");
    assert_eq!(t02.evaluations.last(), Some(&expected_t02()));
    assert_eq!(
        on_disk(&path).name,
        "Endret 2026",
        "the outside change is untouched"
    );
    // From now on the session saves to the new file.
    keys(&mut app, &mut s, "H1s");
    assert_eq!(app.unsaved, 0);
    assert_eq!(on_disk(&path).name, "Endret 2026");
}

#[test]
fn read_only_writes_nothing_at_all() {
    let (dir, path) = folder(FIXTURE);
    let before = names(dir.path());
    let (mut app, mut s) = open(&path, true);
    select(&mut app, &mut s, "T-02");
    // Enter is refused (no scoring read-only), so the digits only switch panes.
    keys(&mut app, &mut s, "4");
    press(&mut app, &mut s, KeyCode::Enter);
    assert!(!app.is_scoring());
    keys(&mut app, &mut s, "435d2nHSs");
    press(&mut app, &mut s, KeyCode::Char('u'));
    assert_eq!(app.unsaved, 0);
    assert!(
        app.message.as_deref().unwrap().contains("Read-only"),
        "{:?}",
        app.message
    );
    keys(&mut app, &mut s, "q");
    assert!(s.should_quit, "quits without asking");
    drop(s);
    assert_eq!(names(dir.path()), before);
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXTURE);
}

#[test]
fn quitting_with_unsaved_changes_asks_and_y_saves_first() {
    let (dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3q");
    assert_eq!(app.overlay, Some(Overlay::Question(Question::QuitUnsaved)));
    assert!(!s.should_quit);
    press(&mut app, &mut s, KeyCode::Esc);
    assert_eq!(app.overlay, None, "Esc stays");
    keys(&mut app, &mut s, "qy");
    assert!(s.should_quit);
    assert_eq!(
        project(&on_disk(&path), "T-01").health,
        Some(styr::model::Health::Red)
    );
    drop(s);
    assert!(!names(dir.path()).iter().any(|n| n.contains(".styr-")));
}

#[test]
fn quitting_with_y_does_not_quit_when_the_save_meets_a_conflict() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3");
    fs::write(&path, FIXTURE.replace("Testportefølje", "Endret")).unwrap();
    keys(&mut app, &mut s, "qy");
    assert!(!s.should_quit, "quitting now would lose the edit");
    assert_eq!(app.overlay, Some(Overlay::Question(Question::Conflict)));
}

#[test]
fn quitting_without_saving_discards_the_journal() {
    let (dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3qn");
    assert!(s.should_quit);
    drop(s);
    assert!(!names(dir.path()).iter().any(|n| n.contains(".styr-")));
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXTURE);
}

#[test]
fn undo_goes_back_to_the_state_at_load_and_is_journaled() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    let at_load = app.portfolio.clone();
    record_t02(&mut app, &mut s);
    keys(&mut app, &mut s, "uuuuu");
    assert_eq!(app.portfolio, at_load);
    keys(&mut app, &mut s, "u");
    assert_eq!(app.message.as_deref(), Some("Nothing to undo"));
    let action = key_to_action(
        &app,
        &KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL),
    );
    update(&mut app, action);
    s.run_effects(&mut app);
    let rec = store::read_journal(&path).unwrap().unwrap();
    assert_eq!(rec.entries.len(), 5 + 5 + 1);
    // Replaying the journal gives what is on screen.
    let mut p = at_load;
    store::replay(&mut p, &mut Default::default(), &rec.entries);
    assert_eq!(p, app.portfolio);
}

#[test]
fn a_second_styr_on_the_same_file_joins_the_meeting_as_a_seat_and_both_are_told() {
    let (dir, path) = folder(FIXTURE);
    let (mut first, mut s1) = open(&path, false);
    let (mut second, mut s2) = open_as(&path, "Ida");
    assert!(second.read_only);
    assert!(second.room.is_seat());
    assert!(
        second
            .message
            .as_deref()
            .unwrap()
            .contains("You are in the meeting as Ida"),
        "{:?}",
        second.message
    );
    // A seat changes nothing in the portfolio.
    select(&mut second, &mut s2, "T-01");
    keys(&mut second, &mut s2, "H3");
    assert_eq!(second.unsaved, 0);
    keys(&mut second, &mut s2, "u");
    assert!(
        second
            .message
            .as_deref()
            .unwrap()
            .contains("You are a seat"),
        "{:?}",
        second.message
    );
    // The chair sees who is in the meeting.
    s1.look(&mut first);
    assert_eq!(first.room.seats, ["Ida"]);
    // Both leave cleanly: nothing of the meeting is left beside the file.
    keys(&mut second, &mut s2, "q");
    keys(&mut first, &mut s1, "q");
    drop((s1, s2));
    assert!(
        !names(dir.path()).iter().any(|n| n.contains(".styr-")),
        "{:?}",
        names(dir.path())
    );
}

#[test]
fn the_bundled_example_is_saved_under_a_name_of_ones_choosing() {
    let dir = tempfile::tempdir().unwrap();
    let p = parse(styr::EXAMPLE).unwrap();
    let mut app = App::new(p, styr::EXAMPLE_NAME.into(), Lang::En, date());
    let mut s = Session::new(None, date());
    s.start(&mut app);
    keys(&mut app, &mut s, "4");
    press(&mut app, &mut s, KeyCode::Enter);
    keys(&mut app, &mut s, "5");
    assert_eq!(app.unsaved, 1);
    keys(&mut app, &mut s, "s");
    let Some(Overlay::SaveAs { field }) = &app.overlay else {
        panic!("s asks for a name: {:?}", app.overlay);
    };
    for _ in 0..field.text.chars().count() {
        press(&mut app, &mut s, KeyCode::Backspace);
    }
    let target = dir.path().join("lillestrom.ron");
    keys(&mut app, &mut s, &target.display().to_string());
    press(&mut app, &mut s, KeyCode::Enter);
    assert_eq!(app.unsaved, 0, "{:?}", app.message);
    assert_eq!(on_disk(&target), app.portfolio);
    // Saving the same name again never replaces a file that is there.
    let mut app2 = App::new(parse(styr::EXAMPLE).unwrap(), "x".into(), Lang::En, date());
    let mut s2 = Session::new(None, date());
    keys(&mut app2, &mut s2, "4");
    press(&mut app2, &mut s2, KeyCode::Enter);
    keys(&mut app2, &mut s2, "5s");
    for _ in 0..100 {
        press(&mut app2, &mut s2, KeyCode::Backspace);
    }
    keys(&mut app2, &mut s2, &target.display().to_string());
    press(&mut app2, &mut s2, KeyCode::Enter);
    assert!(matches!(app2.overlay, Some(Overlay::SaveAs { .. })));
    assert!(
        app2.message.as_deref().unwrap().contains("already exists"),
        "{:?}",
        app2.message
    );
    assert_eq!(on_disk(&target), app.portfolio);
}

#[test]
fn the_note_field_has_the_usual_editing_keys_and_takes_any_letters() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-03");
    keys(&mut app, &mut s, "4n");
    let ctrl = |app: &mut App, s: &mut Session, c: char| {
        let action = key_to_action(app, &KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        update(app, action);
        s.run_effects(app);
    };
    keys(&mut app, &mut s, "Første utkast ");
    ctrl(&mut app, &mut s, 'w'); // deletes "utkast "
    keys(&mut app, &mut s, "vedtak: «ja» ✓");
    ctrl(&mut app, &mut s, 'a');
    press(&mut app, &mut s, KeyCode::Delete);
    keys(&mut app, &mut s, "f");
    press(&mut app, &mut s, KeyCode::End);
    press(&mut app, &mut s, KeyCode::Backspace);
    press(&mut app, &mut s, KeyCode::Left);
    press(&mut app, &mut s, KeyCode::Left);
    ctrl(&mut app, &mut s, 'k'); // deletes "» "
    press(&mut app, &mut s, KeyCode::Enter);
    let t03 = project(&app.portfolio, "T-03");
    let ev = t03.evaluations.last().unwrap();
    assert_eq!(ev.date, date());
    assert_eq!(ev.note.as_deref(), Some("første vedtak: «ja"));
    // Esc leaves the note as it was; Ctrl-U clears what is before the cursor.
    keys(&mut app, &mut s, "n");
    ctrl(&mut app, &mut s, 'u');
    press(&mut app, &mut s, KeyCode::Esc);
    let t03 = project(&app.portfolio, "T-03");
    assert_eq!(
        t03.evaluations.last().unwrap().note.as_deref(),
        Some("første vedtak: «ja")
    );
}

#[test]
fn reload_says_which_edits_no_longer_fit() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    record_t02(&mut app, &mut s); // five edits on T-02
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3"); // one on T-01
    // Someone renames T-02 in the file meanwhile: our edits to it have no project now.
    fs::write(&path, FIXTURE.replace(r#"id: "T-02""#, r#"id: "T-02b""#)).unwrap();
    keys(&mut app, &mut s, "sr");
    assert_eq!(
        app.message.as_deref(),
        Some("Reloaded: 1 edits re-applied, 5 no longer fit")
    );
    assert_eq!(app.unsaved, 1);
    let t01 = project(&app.portfolio, "T-01");
    assert_eq!(t01.health, Some(styr::model::Health::Red));
    let t02b = project(&app.portfolio, "T-02b");
    assert!(t02b.evaluations.iter().all(|e| e.date != date()));
}

#[test]
fn with_unsaved_edits_an_outside_change_is_told_once_while_idle() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    // With nothing unsaved it would simply be reloaded (tests/reload.rs).
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3");
    app.message = None;
    s.tick(&mut app);
    assert_eq!(app.message, None, "nothing changed");
    fs::write(&path, FIXTURE.replace("Testportefølje", "Endret")).unwrap();
    s.tick(&mut app);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("s lets you reload it"),
        "{:?}",
        app.message
    );
    assert_eq!(app.portfolio.name, "Testportefølje 2026", "not reloaded");
    app.message = None;
    s.tick(&mut app);
    assert_eq!(app.message, None, "said once");
}
