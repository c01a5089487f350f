//! What the tests of a meeting's files (issue 12) share: a portfolio file of a given
//! mode in a folder of its own, a joined seat, a score, the chair's state.

#![allow(dead_code)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use styr::model::Date;
use styr::model::edit::Edit;
use styr::store::{self, ChairState, JoinOutcome, JournalEntry, RoundState, Seat, SeatEntry};

pub const FIXTURE: &str = include_str!("../fixtures/small.ron");
pub const NOBODY: u32 = 65534;

pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    if !root {
        eprintln!("skipped: not root (chown to another user needs root)");
    }
    root
}

pub fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// A folder with `plan.ron` (mode `mode`) in it: the folder and the file's canonical path.
pub fn doc(mode: u32) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    fs::write(&path, FIXTURE).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
    let path = fs::canonicalize(&path).unwrap();
    (dir, path)
}

pub fn joined(doc: &Path, by: &str) -> (Seat, Vec<SeatEntry>) {
    match store::join(doc, by, true).unwrap() {
        JoinOutcome::Joined { seat, earlier } => (seat, earlier),
        other => panic!("{by} was not let in: {other:?}"),
    }
}

pub fn rate(project: &str, criterion: &str, score: i64) -> SeatEntry {
    SeatEntry::Rate {
        project: project.into(),
        date: date("2026-11-22"),
        criterion: criterion.into(),
        score: Some(score),
    }
}

pub fn mode_of(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
}

pub fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

pub fn state(pane: u8, round: Option<RoundState>) -> ChairState {
    ChairState {
        by: "Ida".into(),
        pid: std::process::id(),
        host: store::lock::host_name(),
        pane,
        project: Some("T-01".into()),
        round,
    }
}

pub fn score_entry(s: i64) -> JournalEntry {
    JournalEntry::Edit(Edit::Score {
        project: "T-01".into(),
        date: date("2026-11-22"),
        criterion: "goals".into(),
        score: Some(s),
    })
}
