//! The session tests' way of driving styr as the event loop does: open a file as main
//! does, press keys through the key map, `update` and the session's effects.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crossterm::event::KeyCode;

use styr::app::keymap::key_to_action;
use styr::app::update::update;
use styr::app::{App, Pane};
use styr::model::{Date, load_bytes};
use styr::session::Session;
use styr::store;
use styr::text::Lang;

use super::ev;

pub fn date() -> Date {
    Date::parse("2026-11-22").unwrap()
}

/// A folder with `plan.ron` holding `text`.
pub fn folder(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    fs::write(&path, text).unwrap();
    (dir, path)
}

/// `styr FILE --date 2026-11-22` as main starts it: read through the store, load, start
/// the session (lock, journal, recovery question).
pub fn open(path: &Path, read_only: bool) -> (App, Session) {
    let (bytes, mut doc) = store::open(path).unwrap();
    let p = load_bytes(&bytes).portfolio.expect("the file loads");
    doc.set_base(p.clone());
    let mut app = App::new(p, path.display().to_string(), Lang::En, date());
    app.read_only = read_only;
    let mut s = Session::new(Some(doc), date());
    s.start(&mut app);
    (app, s)
}

/// `open`, as a seat named `by` (`--by`) when another styr has the file.
#[allow(dead_code)]
pub fn open_as(path: &Path, by: &str) -> (App, Session) {
    let (bytes, mut doc) = store::open(path).unwrap();
    let p = load_bytes(&bytes).portfolio.expect("the file loads");
    doc.set_base(p.clone());
    let mut app = App::new(p, path.display().to_string(), Lang::En, date());
    let mut s = Session::new(Some(doc), date()).with_seat_name(Some(by.to_string()));
    s.start(&mut app);
    (app, s)
}

/// One key as the event loop handles it: key map, update, then the effects (I/O).
pub fn press(app: &mut App, s: &mut Session, code: KeyCode) {
    let action = key_to_action(app, &ev(code));
    update(app, action);
    s.run_effects(app);
}

pub fn keys(app: &mut App, s: &mut Session, keys: &str) {
    for c in keys.chars() {
        press(app, s, KeyCode::Char(c));
    }
}

pub fn select(app: &mut App, s: &mut Session, id: &str) {
    let target = app
        .portfolio
        .projects
        .iter()
        .position(|p| p.id == id)
        .unwrap();
    // Tab, not `2`: in the score sheet the digits score.
    while app.pane != Pane::Projects {
        press(app, s, KeyCode::Tab);
    }
    keys(app, s, "g");
    while app.selected() != Some(target) {
        let before = app.project_cursor;
        keys(app, s, "j");
        assert_ne!(before, app.project_cursor, "{id} is not in the list");
    }
}

pub fn names(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}
