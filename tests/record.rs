//! The meeting's record as a secretary makes it, through the key map, `update` and the
//! session's effects (journal, save, recovery): follow-ups, the meeting record, who and
//! when, undo that says what it took back, and "unsaved" that means different from
//! the file.

mod common;

use std::fs;

use crossterm::event::KeyCode;

use common::session::{date, folder, keys, open, press, select};
use styr::app::{Overlay, Pane, Question};
use styr::model::{Date, Portfolio, Time, load_str};

const FIXTURE: &str = include_str!("fixtures/small.ron");

fn on_disk(path: &std::path::Path) -> Portfolio {
    load_str(&fs::read_to_string(path).unwrap())
        .portfolio
        .expect("the saved file loads")
}

fn project<'a>(p: &'a Portfolio, id: &str) -> &'a styr::model::Project {
    p.projects.iter().find(|x| x.id == id).unwrap()
}

fn type_text(app: &mut styr::app::App, s: &mut styr::session::Session, text: &str) {
    keys(app, s, text);
}

/// `a`, then the three fields: text, owner (with ↓ Tab taking the first suggestion
/// when `pick`), due.
fn add_follow_up(
    app: &mut styr::app::App,
    s: &mut styr::session::Session,
    text: &str,
    owner: &str,
    pick: bool,
    due: &str,
) {
    keys(app, s, "a");
    assert!(
        matches!(app.overlay, Some(Overlay::Form(_))),
        "a opens the form"
    );
    type_text(app, s, text);
    press(app, s, KeyCode::Tab);
    type_text(app, s, owner);
    if pick {
        press(app, s, KeyCode::Down);
    }
    press(app, s, KeyCode::Tab);
    if pick {
        press(app, s, KeyCode::Tab); // the suggestion taken, on to the due date
    }
    type_text(app, s, due);
    press(app, s, KeyCode::Enter);
}

#[test]
fn undo_back_to_the_loaded_state_is_clean_and_q_quits_without_asking() {
    let (dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3");
    assert_eq!(app.unsaved, 1);
    keys(&mut app, &mut s, "u");
    assert_eq!(app.unsaved, 0, "undone back to the file");
    assert_eq!(app.message.as_deref(), Some("Undone: T-01 health"));
    keys(&mut app, &mut s, "q");
    assert!(app.quit, "q quits without asking");
    assert_eq!(app.overlay, None);
    assert!(
        !dir.path().join(".plan.ron.styr-journal").exists(),
        "nothing is left to recover"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXTURE);
}

#[test]
fn setting_a_value_to_what_it_already_is_records_nothing() {
    let (dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-02"); // Green
    keys(&mut app, &mut s, "H1");
    assert_eq!(app.unsaved, 0);
    assert!(!app.history.can_undo());
    let msg = app.message.clone().unwrap_or_default();
    assert!(msg.contains("T-02") && msg.ends_with("unchanged"), "{msg}");
    assert!(!dir.path().join(".plan.ron.styr-journal").exists());
}

#[test]
fn undo_names_the_change_and_goes_where_it_was() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "tn");
    type_text(&mut app, &mut s, "Budsjettet må revideres");
    press(&mut app, &mut s, KeyCode::Enter);
    press(&mut app, &mut s, KeyCode::Esc); // leave triage
    select(&mut app, &mut s, "T-03");
    keys(&mut app, &mut s, "H1");
    select(&mut app, &mut s, "T-02");
    keys(&mut app, &mut s, "u");
    assert_eq!(app.message.as_deref(), Some("Undone: T-03 health"));
    assert_eq!(app.portfolio.projects[app.selected().unwrap()].id, "T-03");
    assert_eq!(app.pane, Pane::Projects);
    keys(&mut app, &mut s, "u");
    assert_eq!(app.message.as_deref(), Some("Undone: T-01 note"));
    assert_eq!(app.portfolio.projects[app.selected().unwrap()].id, "T-01");
    assert_eq!(app.pane, Pane::Evaluation, "the note is on the score sheet");
    let redo = styr::app::keymap::key_to_action(
        &app,
        &crossterm::event::KeyEvent::new(
            KeyCode::Char('r'),
            crossterm::event::KeyModifiers::CONTROL,
        ),
    );
    styr::app::update::update(&mut app, redo);
    s.run_effects(&mut app);
    assert_eq!(app.message.as_deref(), Some("Redone: T-01 note"));
    assert_eq!(app.unsaved, 1);
}

#[test]
fn a_follow_up_is_journaled_recovered_after_a_crash_and_saved_with_its_change() {
    let (_dir, path) = folder(FIXTURE);
    {
        let (mut app, mut s) = open(&path, false);
        app.by = Some("Kari".into());
        app.fixed_time = Time::parse("14:05");
        select(&mut app, &mut s, "T-01");
        add_follow_up(
            &mut app,
            &mut s,
            "Send revidert budsjett",
            "Siri",
            true,
            "+2w",
        );
        assert_eq!(app.overlay, None, "{:?}", app.message);
        let f = &project(&app.portfolio, "T-01").follow_ups[0];
        assert_eq!(f.text, "Send revidert budsjett");
        assert_eq!(
            f.owner.as_deref(),
            Some("Siri Haugen"),
            "picked from the file"
        );
        assert_eq!(f.due, Date::parse("2026-12-06"));
        assert_eq!(f.raised, date());
        assert_eq!(f.by.as_deref(), Some("Kari"));
        assert_eq!(app.unsaved, 1);
        // The session ends without a save (as a crash would leave it).
    }
    let (mut app, mut s) = open(&path, false);
    assert_eq!(app.overlay, Some(Overlay::Question(Question::Recover)));
    keys(&mut app, &mut s, "y");
    keys(&mut app, &mut s, "s");
    let saved = on_disk(&path);
    let f = &project(&saved, "T-01").follow_ups;
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].owner.as_deref(), Some("Siri Haugen"));
    let m = saved.meetings.iter().find(|m| m.date == date()).unwrap();
    assert_eq!(m.changes.len(), 1);
    let c = &m.changes[0];
    assert_eq!(
        (
            c.at,
            c.by.as_deref(),
            c.project.as_deref(),
            c.what.as_str(),
            c.to.as_deref()
        ),
        (
            Time::parse("14:05").unwrap(),
            Some("Kari"),
            Some("T-01"),
            "follow_ups",
            Some("Send revidert budsjett")
        ),
        "the change keeps the time it was made, not the time of the recovery"
    );
    // Only what changed: the rest of the file is as it was.
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with(&FIXTURE[..FIXTURE.find("projects:").unwrap()]));
}

#[test]
fn a_due_date_that_is_not_one_is_refused_in_place() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-01");
    add_follow_up(&mut app, &mut s, "Noe", "", false, "neste uke");
    let Some(Overlay::Form(form)) = &app.overlay else {
        panic!("the form stays open");
    };
    assert!(form.error.as_deref().unwrap().contains("+2w"));
    assert!(project(&app.portfolio, "T-01").follow_ups.is_empty());
    press(&mut app, &mut s, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    assert_eq!(app.unsaved, 0);
}

#[test]
fn the_follow_up_list_marks_done_and_open_again_and_the_filter_finds_overdue_ones() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-02");
    add_follow_up(
        &mut app,
        &mut s,
        "Avklar egenandel",
        "Ola",
        false,
        "2026-11-01",
    );
    select(&mut app, &mut s, "T-01");
    add_follow_up(&mut app, &mut s, "Ny søknad", "", false, "");
    // The filter: projects with overdue follow-ups (due before the meeting's day).
    keys(&mut app, &mut s, "f61"); // 0 (all), 1 overdue, 2 open
    let ids: Vec<&str> = app
        .visible
        .iter()
        .map(|&i| app.portfolio.projects[i].id.as_str())
        .collect();
    assert_eq!(ids, ["T-02"]);
    keys(&mut app, &mut s, "A");
    assert!(matches!(app.overlay, Some(Overlay::FollowUps { .. })));
    keys(&mut app, &mut s, "x");
    let f = &project(&app.portfolio, "T-02").follow_ups[0];
    assert_eq!(f.done, Some(date()));
    let m = app.portfolio.meetings.last().unwrap();
    let last = m.changes.last().unwrap();
    assert_eq!(last.what, "follow_ups[0].done");
    assert_eq!(last.to.as_deref(), Some("2026-11-22"));
    keys(&mut app, &mut s, "x");
    assert_eq!(project(&app.portfolio, "T-02").follow_ups[0].done, None);
    press(&mut app, &mut s, KeyCode::Esc);
    assert_eq!(app.overlay, None);
}

#[test]
fn the_meeting_record_is_written_counted_and_undone() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    keys(&mut app, &mut s, "M");
    type_text(&mut app, &mut s, "Per Leder");
    press(&mut app, &mut s, KeyCode::Tab);
    press(&mut app, &mut s, KeyCode::Tab);
    type_text(&mut app, &mut s, "Per Leder, Kari, Ola");
    press(&mut app, &mut s, KeyCode::Tab);
    type_text(&mut app, &mut s, "Lise");
    press(&mut app, &mut s, KeyCode::Enter);
    let m = app.portfolio.meetings.iter().find(|m| m.date == date());
    let m = m.expect("the day's meeting");
    assert_eq!(m.chair.as_deref(), Some("Per Leder"));
    assert_eq!(m.attendees, ["Per Leder", "Kari", "Ola"]);
    assert_eq!(m.absent, ["Lise"]);
    // Chair, three attendees, one absent (and the secretary, from the login name).
    assert!(app.unsaved >= 5, "{}", app.unsaved);
    keys(&mut app, &mut s, "s");
    let saved = on_disk(&path);
    assert_eq!(saved.meetings, app.portfolio.meetings);
    keys(&mut app, &mut s, "u");
    assert!(app.portfolio.meetings.is_empty());
    assert!(app.unsaved >= 5, "the file has the record, the screen not");
}

#[test]
fn triage_enters_the_projects_on_the_agenda_in_the_order_they_were_taken() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    keys(&mut app, &mut s, "t");
    let agenda: Vec<String> = app
        .triage
        .as_ref()
        .unwrap()
        .agenda
        .iter()
        .map(|&i| app.portfolio.projects[i].id.clone())
        .collect();
    // An edit on the second item, then on the first: the order they were taken in.
    press(&mut app, &mut s, KeyCode::Char(' '));
    keys(&mut app, &mut s, "nandre");
    press(&mut app, &mut s, KeyCode::Enter);
    press(&mut app, &mut s, KeyCode::Backspace);
    keys(&mut app, &mut s, "nforste");
    press(&mut app, &mut s, KeyCode::Enter);
    let m = app.portfolio.meetings.iter().find(|m| m.date == date());
    assert_eq!(m.unwrap().agenda, [agenda[1].clone(), agenda[0].clone()]);
}

#[test]
fn who_records_is_by_else_the_days_secretary() {
    let text = FIXTURE.replacen(
        "    goals: [",
        "    meetings: [Meeting(date: \"2026-11-22\", secretary: \"Ida Referent\")],\n    goals: [",
        1,
    );
    let (_dir, path) = folder(&text);
    let (mut app, _s) = open(&path, false);
    app.set_by(None);
    assert_eq!(app.by.as_deref(), Some("Ida Referent"));
    app.set_by(Some("  Kari  ".into()));
    assert_eq!(app.by.as_deref(), Some("Kari"));
}

#[test]
fn a_reload_after_someone_else_saved_keeps_the_follow_up_and_its_change() {
    let (_dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    app.fixed_time = Time::parse("09:30");
    select(&mut app, &mut s, "T-01");
    add_follow_up(&mut app, &mut s, "Avklar egenandel", "Ola", false, "+1m");
    keys(&mut app, &mut s, "M");
    type_text(&mut app, &mut s, "Per Leder");
    press(&mut app, &mut s, KeyCode::Enter);
    fs::write(
        &path,
        FIXTURE.replace("Testkommune", "Testkommune (endret)"),
    )
    .unwrap();
    keys(&mut app, &mut s, "s");
    assert_eq!(app.overlay, Some(Overlay::Question(Question::Conflict)));
    keys(&mut app, &mut s, "r");
    assert_eq!(app.portfolio.organisation, "Testkommune (endret)");
    let f = project(&app.portfolio, "T-01").follow_ups.clone();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].due, Date::parse("2026-12-22"));
    let m = app
        .portfolio
        .meetings
        .iter()
        .find(|m| m.date == date())
        .unwrap();
    assert_eq!(m.chair.as_deref(), Some("Per Leder"));
    assert_eq!(m.changes.len(), 1);
    keys(&mut app, &mut s, "s");
    let saved = on_disk(&path);
    assert_eq!(saved.organisation, "Testkommune (endret)");
    assert_eq!(saved.meetings, app.portfolio.meetings);
    assert_eq!(project(&saved, "T-01").follow_ups, f);
}
