//! `e` and `:edit` through the key map, `update` and the session, on real files: which
//! line the editor is asked to open, saving first, and what styr does with the file the
//! editor leaves. The test plays the editor (it changes the file itself and reports the
//! exit status); tests/editor_e2e.rs runs a real one in a terminal.

#![cfg(unix)]

mod common;
use common::session::{folder, keys, names, open, press, select};

use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::ExitStatus;

use crossterm::event::KeyCode;

use styr::app::{App, Overlay, Pane, Question};
use styr::model::{Health, parse};
use styr::session::{EditorCall, Session};
use styr::text::Lang;

const FIXTURE: &str = include_str!("fixtures/small.ron");

fn line_with(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

/// `e` pressed: the editor call the session prepared (`Some`), with `$VISUAL` replaced
/// by a fixed command.
fn press_e(app: &mut App, s: &mut Session) -> Option<EditorCall> {
    s.set_editor("myeditor --wait");
    keys(app, s, "e");
    s.take_editor_call()
}

fn args(call: &EditorCall) -> Vec<String> {
    call.args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

/// The editor ends (status 0) having left `text` in the file.
fn editor_leaves(app: &mut App, s: &mut Session, call: &EditorCall, path: &Path, text: &str) {
    fs::write(path, text).unwrap();
    s.editor_done(app, call, Ok(ExitStatus::from_raw(0)));
}

fn selected_id(app: &App) -> String {
    app.selected()
        .map(|pi| app.portfolio.projects[pi].id.clone())
        .unwrap_or_default()
}

#[test]
fn e_opens_the_project_goal_or_risk_at_its_line() {
    let (_dir, path) = folder(FIXTURE);
    let file = fs::canonicalize(&path).unwrap().display().to_string();
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-03");
    let call = press_e(&mut app, &mut s).expect("the editor is asked for");
    assert_eq!(call.program, "myeditor");
    let project = line_with(FIXTURE, r#"id: "T-03""#) - 1; // the line of `Project(`
    assert_eq!(args(&call), ["--wait", &format!("+{project}"), &file]);
    // The detail view and the score sheet open the same project.
    press(&mut app, &mut s, KeyCode::Enter);
    assert!(app.detail);
    assert_eq!(press_e(&mut app, &mut s).unwrap().line, Some(project));
    keys(&mut app, &mut s, "4");
    assert_eq!(app.pane, Pane::Evaluation);
    assert_eq!(press_e(&mut app, &mut s).unwrap().line, Some(project));

    // A goal in the goal tree.
    press(&mut app, &mut s, KeyCode::Tab); // from the score sheet to the goal tree
    keys(&mut app, &mut s, "1G");
    let goal = app.goals[app.goal_rows[app.goal_cursor]].id.clone();
    assert_eq!(goal, "by.d2");
    let call = press_e(&mut app, &mut s).unwrap();
    assert_eq!(call.line, Some(line_with(FIXTURE, r#"Goal(id: "by.d2""#)));

    // A risk in the register.
    keys(&mut app, &mut s, "3");
    press(&mut app, &mut s, KeyCode::Enter);
    let &(pi, ri) = app.risk_rows.get(app.risk_cursor).unwrap();
    let risk = &app.portfolio.projects[pi].risks[ri];
    let needle = format!(r#"Risk(id: "{}", title: "{}""#, risk.id, risk.title);
    let call = press_e(&mut app, &mut s).unwrap();
    assert_eq!(call.line, Some(line_with(FIXTURE, &needle)), "{needle}");
}

#[test]
fn after_the_editor_the_file_is_reloaded_on_the_same_project_and_nothing_else_is_written() {
    let (dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-04");
    press(&mut app, &mut s, KeyCode::Enter);
    let call = press_e(&mut app, &mut s).unwrap();
    // The editor changes T-04 and removes T-01 before it (every index moves).
    let from = FIXTURE
        .find("        Project(\n            id: \"T-01\"")
        .unwrap();
    let to = FIXTURE
        .find("        Project(\n            id: \"T-02\"")
        .unwrap();
    let edited = format!("{}{}", &FIXTURE[..from], &FIXTURE[to..]).replacen(
        "id: \"T-04\",\n",
        "id: \"T-04\",\n            health: Red,\n",
        1,
    );
    assert!(parse(&edited).is_ok());
    editor_leaves(&mut app, &mut s, &call, &path, &edited);
    assert_eq!(app.message.as_deref(), Some("Reloaded after editing"));
    assert_eq!(app.overlay, None);
    assert_eq!(selected_id(&app), "T-04");
    assert!(app.detail, "still in T-04's detail");
    let pi = app.selected().unwrap();
    assert_eq!(app.portfolio.projects[pi].health, Some(Health::Red));
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);
    assert!(
        !names(dir.path())
            .iter()
            .any(|n| n.contains(".styr-journal"))
    );
    // An editor that changed nothing (or ended with an error) changes nothing.
    let call = press_e(&mut app, &mut s).unwrap();
    s.editor_done(&mut app, &call, Ok(ExitStatus::from_raw(1 << 8)));
    assert_eq!(
        app.message.as_deref(),
        Some("Unchanged: the file is as it was (the editor ended with status 1)")
    );
    // An editor that cannot be started is said so.
    let call = press_e(&mut app, &mut s).unwrap();
    let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
    s.editor_done(&mut app, &call, Err(missing));
    let msg = app.message.clone().unwrap();
    assert!(
        msg.starts_with("Could not start the editor «myeditor»"),
        "{msg}"
    );
    assert!(msg.contains("$VISUAL or $EDITOR"), "{msg}");
}

#[test]
fn with_unsaved_edits_e_asks_to_save_first_and_esc_loses_nothing() {
    for lang in [Lang::En, Lang::Nb] {
        let (_dir, path) = folder(FIXTURE);
        let (mut app, mut s) = open(&path, false);
        app.lang = lang;
        select(&mut app, &mut s, "T-01");
        keys(&mut app, &mut s, "H3");
        assert_eq!(app.unsaved, 1);
        assert!(press_e(&mut app, &mut s).is_none(), "not before saving");
        assert_eq!(
            app.overlay,
            Some(Overlay::Question(Question::SaveBeforeEdit))
        );
        press(&mut app, &mut s, KeyCode::Esc);
        assert_eq!(app.overlay, None);
        assert!(s.take_editor_call().is_none());
        assert_eq!(app.unsaved, 1, "the edit is kept");
        assert_eq!(fs::read_to_string(&path).unwrap(), FIXTURE);
        // `y`: saved, then the editor.
        assert!(press_e(&mut app, &mut s).is_none());
        keys(&mut app, &mut s, "y");
        assert_eq!(app.unsaved, 0);
        let t01 = parse(&fs::read_to_string(&path).unwrap()).unwrap().projects[0].clone();
        assert_eq!(t01.health, Some(Health::Red));
        assert!(s.take_editor_call().is_some(), "{lang:?}");
    }
}

#[test]
fn when_the_save_before_the_editor_meets_a_conflict_the_editor_waits() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3");
    let outside = FIXTURE.replace("Testportefølje", "Endret");
    fs::write(&path, &outside).unwrap();
    press_e(&mut app, &mut s);
    keys(&mut app, &mut s, "y");
    assert_eq!(app.overlay, Some(Overlay::Question(Question::Conflict)));
    assert!(s.take_editor_call().is_none());
    assert_eq!(fs::read_to_string(&path).unwrap(), outside);
    assert_eq!(app.unsaved, 1);
}

#[test]
fn a_file_left_broken_shows_its_errors_e_edits_again_and_esc_keeps_the_last_good_state() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    let good = app.portfolio.clone();
    select(&mut app, &mut s, "T-02");
    let call = press_e(&mut app, &mut s).unwrap();
    let broken = FIXTURE.replacen("health: Green", "health: Gren", 1);
    let bad = line_with(&broken, "health: Gren");
    editor_leaves(&mut app, &mut s, &call, &path, &broken);
    assert_eq!(
        app.overlay,
        Some(Overlay::Question(Question::EditedFileBroken))
    );
    let first = app.editor.errors.first().cloned().unwrap_or_default();
    assert!(first.contains(&format!("plan.ron:{bad}:")), "{first}");
    assert!(first.contains("Gren"), "{first}");
    assert_eq!(app.portfolio, good);
    // `e`: the editor again, at the error this time.
    keys(&mut app, &mut s, "e");
    let call = s.take_editor_call().expect("edit again");
    assert_eq!(call.line, Some(bad));
    s.editor_done(&mut app, &call, Ok(ExitStatus::from_raw(0)));
    assert_eq!(
        app.overlay,
        Some(Overlay::Question(Question::EditedFileBroken))
    );
    // Esc: the last good state, on the same project; the file as the editor left it.
    press(&mut app, &mut s, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("Showing the last good state"),
        "{:?}",
        app.message
    );
    assert_eq!(app.portfolio, good);
    assert_eq!(selected_id(&app), "T-02");
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
    // The idle check does not say it all again.
    app.message = None;
    s.tick(&mut app);
    assert_eq!(app.message, None);
    // An edit here (T-02 Green → Red), then a save: a conflict, not an overwrite of the
    // user's file.
    keys(&mut app, &mut s, "H3s");
    assert_eq!(app.overlay, Some(Overlay::Question(Question::Conflict)));
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
    press(&mut app, &mut s, KeyCode::Esc);
    // Fixed by hand later: reloading now keeps the edit on top.
    fs::write(&path, FIXTURE.replacen("health: Green", "health: Amber", 1)).unwrap();
    keys(&mut app, &mut s, "sr");
    assert_eq!(app.unsaved, 1);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("1 edits re-applied"),
        "{:?}",
        app.message
    );
}

#[test]
fn read_only_and_the_bundled_example_say_why_there_is_no_editor() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, true);
    assert!(press_e(&mut app, &mut s).is_none());
    assert_eq!(
        app.message.as_deref(),
        Some("Read-only: nothing is changed")
    );

    let p = parse(styr::EXAMPLE).unwrap();
    let mut app = App::new(
        p,
        styr::EXAMPLE_NAME.into(),
        Lang::Nb,
        common::session::date(),
    );
    let mut s = Session::new(None, common::session::date());
    s.start(&mut app);
    assert!(press_e(&mut app, &mut s).is_none());
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("Eksempelet har ingen egen fil"),
        "{:?}",
        app.message
    );
}

#[test]
fn the_palette_has_edit_in_both_languages() {
    for lang in [Lang::En, Lang::Nb] {
        let (_dir, path) = folder(FIXTURE);
        let (mut app, mut s) = open(&path, false);
        app.lang = lang;
        s.set_editor("myeditor");
        keys(&mut app, &mut s, ":edit");
        press(&mut app, &mut s, KeyCode::Enter);
        assert!(
            s.take_editor_call().is_some(),
            "{lang:?}: {:?}",
            app.message
        );
    }
}

#[test]
fn a_file_put_back_as_it_was_after_errors_loads_again() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    let call = press_e(&mut app, &mut s).unwrap();
    let broken = FIXTURE.replacen("health: Green", "health: Gren", 1);
    editor_leaves(&mut app, &mut s, &call, &path, &broken);
    keys(&mut app, &mut s, "e");
    let call = s.take_editor_call().expect("edit again");
    editor_leaves(&mut app, &mut s, &call, &path, FIXTURE);
    assert_eq!(app.overlay, None);
    assert_eq!(
        app.message.as_deref(),
        Some("The file loads again, and is as shown")
    );
    // And a broken file later is said again by the idle check.
    fs::write(&path, &broken).unwrap();
    s.tick(&mut app);
    assert!(app.message.as_deref().unwrap().contains("has errors"));
}
