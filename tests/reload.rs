//! A file someone else changes while styr is open: with nothing unsaved it is shown by
//! itself (also read-only, and in a second styr following the first), the cursor and
//! the filter kept; with unsaved edits the conflict question stays the way; a file that
//! does not load (someone is half-way through an edit) leaves the last good state on
//! screen, said once, until it loads again. Real files in a temporary folder, keys
//! through the key map, and `Session::tick` as the idle event loop calls it.

mod common;
use common::session::{folder, keys, names, open, press, select};

use crossterm::event::KeyCode;

use std::fs;
use std::path::Path;

use styr::app::{App, Overlay, Pane, Question};
use styr::model::{Health, parse};

const FIXTURE: &str = include_str!("fixtures/small.ron");

fn selected_id(app: &App) -> Option<String> {
    app.selected()
        .map(|pi| app.portfolio.projects[pi].id.clone())
}

fn name_of(app: &App, id: &str) -> String {
    let p = app.portfolio.projects.iter().find(|p| p.id == id);
    p.map(|p| p.name.clone()).unwrap_or_default()
}

/// The fixture without its first project (T-01): every project after it moves up one.
fn without_t01(text: &str) -> String {
    let from = text
        .find("        Project(\n            id: \"T-01\"")
        .unwrap();
    let to = text
        .find("        Project(\n            id: \"T-02\"")
        .unwrap();
    format!("{}{}", &text[..from], &text[to..])
}

fn no_sidecars(dir: &Path) -> bool {
    !names(dir).iter().any(|n| n.contains(".styr-journal"))
}

#[test]
fn with_nothing_unsaved_an_outside_change_is_reloaded_keeping_the_cursor_and_the_filter() {
    let (dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-06");
    app.message = None;
    // Someone removes T-01: T-06 is now the fifth project in the file, not the sixth.
    let outside = without_t01(FIXTURE).replace("Bysykler og gange", "Bysykler og gange (ny)");
    fs::write(&path, &outside).unwrap();
    s.tick(&mut app);
    assert_eq!(
        app.message.as_deref(),
        Some("Reloaded: changed on disk"),
        "{:?}",
        app.message
    );
    assert!(app.portfolio.projects.iter().all(|p| p.id != "T-01"));
    assert_eq!(
        selected_id(&app).as_deref(),
        Some("T-06"),
        "the cursor by id"
    );
    assert_eq!(name_of(&app, "T-03"), "Bysykler og gange (ny)");
    assert_eq!(app.unsaved, 0);
    // Said once, done once: the next idle tick has nothing to do.
    app.message = None;
    s.tick(&mut app);
    assert_eq!(app.message, None);

    // With a search: the filter stays, and so does the project under the cursor.
    keys(&mut app, &mut s, "/gange");
    press(&mut app, &mut s, KeyCode::Enter);
    assert_eq!(app.filters.search, "gange");
    let outside = outside.replace("(ny)", "(nyere)");
    fs::write(&path, &outside).unwrap();
    s.tick(&mut app);
    assert_eq!(app.message.as_deref(), Some("Reloaded: changed on disk"));
    assert_eq!(app.filters.search, "gange");
    assert_eq!(selected_id(&app).as_deref(), Some("T-03"));
    assert_eq!(name_of(&app, "T-03"), "Bysykler og gange (nyere)");

    // Reloading wrote nothing: the file is the other writer's, and no journal.
    assert_eq!(fs::read_to_string(&path).unwrap(), outside);
    assert!(no_sidecars(dir.path()));
    // And edits from here on are journaled against the new file, and saved over it.
    select(&mut app, &mut s, "T-03");
    keys(&mut app, &mut s, "H1s");
    assert_eq!(app.overlay, None, "no conflict: {:?}", app.message);
    let saved = parse(&fs::read_to_string(&path).unwrap()).unwrap();
    let t03 = saved.projects.iter().find(|p| p.id == "T-03").unwrap();
    assert_eq!(t03.name, "Bysykler og gange (nyere)");
    assert_eq!(t03.health, Some(Health::Green));
}

#[test]
fn the_goal_and_the_risk_under_the_cursor_are_kept_by_id() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    // The risk register, on T-03's R2 ("Lav bruk om vinteren"), low in the register.
    keys(&mut app, &mut s, "3");
    assert_eq!(app.pane, Pane::Risks);
    press(&mut app, &mut s, KeyCode::Enter);
    let wanted = ("T-03".to_string(), "R2".to_string());
    let risk_at = |app: &App| {
        app.risk_rows.get(app.risk_cursor).map(|&(pi, ri)| {
            let p = &app.portfolio.projects[pi];
            (p.id.clone(), p.risks[ri].id.clone())
        })
    };
    while risk_at(&app).as_ref() != Some(&wanted) {
        let before = app.risk_cursor;
        keys(&mut app, &mut s, "j");
        assert_ne!(before, app.risk_cursor, "T-03 R2 is not in the register");
    }
    fs::write(&path, without_t01(FIXTURE)).unwrap();
    s.tick(&mut app);
    assert_eq!(app.message.as_deref(), Some("Reloaded: changed on disk"));
    assert_eq!(risk_at(&app), Some(wanted));
    // The goal tree, on "by.d1".
    keys(&mut app, &mut s, "1G");
    let goal_at = |app: &App| app.goals[app.goal_rows[app.goal_cursor]].id.clone();
    while goal_at(&app) != "by.d1" {
        keys(&mut app, &mut s, "k");
    }
    // A goal before it gains a sub-goal: every later goal moves down one.
    let outside = without_t01(FIXTURE).replace(
        r#"Goal(id: "klima.d2", title: "Klimatilpasning i planleggingen", sdgs: [13]),"#,
        r#"Goal(id: "klima.d2", title: "Klimatilpasning i planleggingen", sdgs: [13]),
                        Goal(id: "klima.d3", title: "Ny", sdgs: [13]),"#,
    );
    assert_ne!(outside, without_t01(FIXTURE));
    fs::write(&path, outside).unwrap();
    s.tick(&mut app);
    assert_eq!(app.message.as_deref(), Some("Reloaded: changed on disk"));
    assert!(app.goal_by_id.contains_key("klima.d3"));
    assert_eq!(goal_at(&app), "by.d1");
}

#[test]
fn with_unsaved_edits_an_outside_change_is_not_reloaded_and_saving_asks() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3");
    assert_eq!(app.unsaved, 1);
    let outside = FIXTURE.replace("Testportefølje", "Endret");
    fs::write(&path, &outside).unwrap();
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
    assert_eq!(app.unsaved, 1);
    keys(&mut app, &mut s, "s");
    assert_eq!(app.overlay, Some(Overlay::Question(Question::Conflict)));
    assert_eq!(fs::read_to_string(&path).unwrap(), outside);
    // `r` is still the way to both: their change and the edit on top.
    keys(&mut app, &mut s, "r");
    assert_eq!(app.portfolio.name, "Endret 2026");
    assert_eq!(app.unsaved, 1);
}

#[test]
fn a_read_only_styr_and_a_second_styr_following_the_first_reload_what_is_saved() {
    let (dir, path) = folder(FIXTURE);
    let (mut chair, mut s1) = open(&path, false);
    let (mut seat, mut s2) = open(&path, false);
    assert!(seat.read_only, "the second styr follows read-only");
    let (mut viewer, mut s3) = open(&path, true);
    select(&mut seat, &mut s2, "T-01");
    select(&mut viewer, &mut s3, "T-01");
    select(&mut chair, &mut s1, "T-01");
    keys(&mut chair, &mut s1, "H3s");
    assert_eq!(chair.unsaved, 0, "{:?}", chair.message);
    let saved = fs::read(&path).unwrap();
    for (app, s) in [(&mut seat, &mut s2), (&mut viewer, &mut s3)] {
        // Both are seats of the chair's meeting: they look at the chair's files (the
        // event loop does so whenever the watcher sees them change).
        assert!(app.room.is_seat());
        assert!(s.look(app));
        assert_eq!(app.message.as_deref(), Some("Reloaded: changed on disk"));
        let t01 = app.portfolio.projects.iter().find(|p| p.id == "T-01");
        assert_eq!(t01.unwrap().health, Some(Health::Red));
        assert_eq!(selected_id(app).as_deref(), Some("T-01"));
        assert!(app.read_only);
    }
    assert_eq!(
        fs::read(&path).unwrap(),
        saved,
        "the followers wrote nothing"
    );
    assert!(no_sidecars(dir.path()));
}

#[test]
fn a_file_that_does_not_load_leaves_the_last_good_state_said_once_until_it_loads() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-02");
    app.message = None;
    // Someone is half-way through an edit: T-02's health is no health.
    let broken = FIXTURE.replacen("health: Green", "health: Gren", 1);
    let line = broken.lines().position(|l| l.contains("Gren")).unwrap() + 1;
    fs::write(&path, &broken).unwrap();
    s.tick(&mut app);
    let msg = app.message.clone().unwrap_or_default();
    assert!(
        msg.starts_with("The file on disk has errors: ")
            && msg.contains("showing the last good state"),
        "{msg}"
    );
    assert!(
        msg.contains(&format!("plan.ron:{line}:")),
        "placed at line {line}: {msg}"
    );
    assert_eq!(
        app.portfolio,
        parse(FIXTURE).unwrap(),
        "the last good state"
    );
    // Said once, also while they go on editing.
    app.message = None;
    s.tick(&mut app);
    fs::write(&path, broken.replace("Gren", "Grenn")).unwrap();
    s.tick(&mut app);
    assert_eq!(app.message, None);
    // Fixed: it loads, and is shown.
    let fixed = FIXTURE.replacen("health: Green", "health: Red", 1);
    fs::write(&path, &fixed).unwrap();
    s.tick(&mut app);
    assert_eq!(app.message.as_deref(), Some("Reloaded: changed on disk"));
    assert_eq!(app.portfolio, parse(&fixed).unwrap());
    assert_eq!(selected_id(&app).as_deref(), Some("T-02"));
    // And broken again later is said again.
    fs::write(&path, &broken).unwrap();
    s.tick(&mut app);
    assert!(app.message.as_deref().unwrap().contains("has errors"));
}

#[test]
fn nothing_is_reloaded_while_the_recovery_question_is_open() {
    let (dir, path) = folder(FIXTURE);
    {
        let (mut app, mut s) = open(&path, false);
        select(&mut app, &mut s, "T-01");
        keys(&mut app, &mut s, "H3");
    } // ends without saving: the journal stays
    let (mut app, mut s) = open(&path, false);
    assert_eq!(app.overlay, Some(Overlay::Question(Question::Recover)));
    fs::write(&path, FIXTURE.replace("Testportefølje", "Endret")).unwrap();
    s.tick(&mut app);
    assert_eq!(app.portfolio.name, "Testportefølje 2026");
    assert!(
        !no_sidecars(dir.path()),
        "the journal is still there to recover"
    );
    keys(&mut app, &mut s, "y");
    assert_eq!(app.unsaved, 1);
}
