//! End to end, one meeting with many seats (issue 12): a chair and seats, each the built
//! binary in its own pseudo-terminal, on one file. The chair's edits reach the seats'
//! screens; `F` follows; a scoring round keeps every seat's scores hidden until the
//! chair reveals them; killed seats and a killed chair lose nothing.
//!
//! Every terminal is read while the test waits on one of them: a styr whose terminal is
//! not read would block writing its frame.
//!
//! Where no pty can be had, each test prints "skipped: no pty (…)" and passes.

#![cfg(unix)]

#[path = "common/pty.rs"]
mod pty;
use pty::*;

use std::path::Path;
use std::time::{Duration, Instant};

use styr::model::{Date, parse};

const DATE: &str = "2026-11-26";
/// The project the round is on: the first of the list in hamar.ron.
const FILE: &str = "hamar.ron";

fn args<'a>(file: &'a str, by: &'a str) -> Vec<&'a str> {
    vec![file, "--date", DATE, "--lang", "en", "--by", by]
}

/// A meeting: the chair first, then seats, every terminal read while any is waited on.
struct Meeting {
    tuis: Vec<Tui>,
}

impl Meeting {
    /// Wait until terminal `i` satisfies `ok`, reading every terminal meanwhile.
    fn wait(&mut self, i: usize, what: &str, ok: impl Fn(&Tui) -> bool) {
        let t0 = Instant::now();
        loop {
            for (k, t) in self.tuis.iter_mut().enumerate() {
                if k != i {
                    t.pump(Duration::ZERO);
                }
            }
            self.tuis[i].pump(Duration::from_millis(20));
            if ok(&self.tuis[i]) {
                return;
            }
            if t0.elapsed() > STEP {
                panic!(
                    "terminal {i}: waited for {what}; the screen is:\n{}",
                    self.tuis[i].text()
                );
            }
        }
    }
    fn wait_text(&mut self, i: usize, s: &str) {
        self.wait(i, s, |t| t.text().contains(s));
    }
    fn wait_status(&mut self, i: usize, s: &str) {
        self.wait(i, s, |t| t.status_line().contains(s));
    }
    /// Read every terminal for a while (nothing more is expected).
    fn idle(&mut self, d: Duration) {
        let t0 = Instant::now();
        while t0.elapsed() < d {
            for t in self.tuis.iter_mut() {
                t.pump(Duration::from_millis(5));
            }
        }
    }
    fn send(&mut self, i: usize, keys: &str) {
        self.tuis[i].send(keys);
    }
}

/// The chair (Kari) and seats by the names given, on a copy of hamar.ron; `None` where
/// no pty can be had.
fn meeting(dir: &Path, file: &str, seats: &[&str]) -> Option<Meeting> {
    let chair = Run::new(dir, &args(file, "Kari")).start()?;
    let mut m = Meeting { tuis: vec![chair] };
    m.wait_text(0, "Hamar");
    for (k, by) in seats.iter().enumerate() {
        let t = Run::new(dir, &args(file, by)).size(80, 24).start()?;
        m.tuis.push(t);
        m.wait_status(k + 1, "chair Kari");
    }
    Some(m)
}

fn on_disk(path: &Path) -> styr::model::Portfolio {
    parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The ratings in the meeting's evaluation of the first project, by name.
fn ratings(path: &Path) -> Vec<(String, Vec<i64>)> {
    let p = on_disk(path);
    let date = Date::parse(DATE).unwrap();
    p.projects
        .iter()
        .flat_map(|pr| pr.evaluations.iter())
        .filter(|e| e.date == date)
        .flat_map(|e| e.ratings.iter())
        .map(|r| (r.by.clone(), r.scores.values().copied().collect()))
        .collect()
}

#[test]
fn seats_follow_the_chair_and_score_a_round_hidden_until_revealed() {
    let (dir, file) = copy_of(FILE);
    let name = file.to_str().unwrap();
    let Some(mut m) = meeting(dir.path(), name, &["Yngve", "Zara"]) else {
        return;
    };
    m.wait_status(0, "2 seats: Yngve, Zara");

    // The chair's edit reaches both seats before any save: a note on the first project,
    // seen in pane 4 where the seats follow the chair.
    m.send(0, "4");
    m.send(0, "n");
    m.wait_text(0, "note for the meeting");
    m.send(0, "Seatene ser dette\r");
    m.wait_status(0, "unsaved (1)");
    m.wait_text(1, "Seatene ser dette");
    m.wait_text(2, "Seatene ser dette");

    // A move of its own ends following; F follows again, to where the chair is.
    m.send(1, "1");
    m.wait_status(1, "Stopped following");
    m.send(0, "2");
    m.send(0, "j");
    m.idle(Duration::from_millis(300));
    m.send(1, "F");
    m.wait_status(1, "following");
    m.wait(1, "pane 2 as the chair", |t| t.text().contains("▶ 2"));

    // The round: the chair opens it in pane 4 on its project; both seats get the sheet.
    m.send(0, "4");
    m.send(0, "R");
    m.wait_text(0, "Scoring round");
    m.wait_text(1, "Scoring round");
    m.wait_text(2, "Scoring round");
    m.send(1, "345");
    m.send(2, "553");
    // The chair sees who has scored, never a value.
    m.wait(0, "both seats ✓", |t| {
        let s = t.text();
        s.contains("Yngve ✓") && s.contains("Zara ✓")
    });
    let chair = m.tuis[0].text();
    assert!(
        !chair.contains("mean"),
        "values shown before the reveal:\n{chair}"
    );
    // A seat sees its own scores, not the other's.
    m.wait_text(1, "[5]");
    assert!(!m.tuis[1].text().contains("Zara"), "{}", m.tuis[1].text());

    // The reveal: every screen shows the scores, the mean and the spread.
    m.send(0, "R");
    for i in 0..3 {
        m.wait_text(i, "spread");
    }
    m.wait_text(1, "⚠ 2");
    // The chair takes the median of each criterion as the group's score, and saves.
    m.send(0, "\r\r\r");
    m.wait_text(0, "[4]");
    // And decides, from the sheet.
    m.send(0, "d");
    m.wait_text(0, "1 Continue");
    m.send(0, "1");
    m.wait_status(0, "unsaved (11)");
    m.send(0, "s");
    m.wait_status(0, "Saved");
    let p = on_disk(&file);
    let ev = p
        .projects
        .iter()
        .flat_map(|pr| pr.evaluations.iter())
        .find(|e| e.date == Date::parse(DATE).unwrap() && !e.ratings.is_empty())
        .unwrap();
    let group: Vec<i64> = ev.scores.values().copied().collect();
    assert_eq!(group, [4, 5, 4], "the medians, rounded half up");
    assert_eq!(ev.decision, Some(styr::model::Decision::Continue));
    let mut r = ratings(&file);
    r.sort();
    assert_eq!(
        r,
        [
            ("Yngve".to_string(), vec![3, 4, 5]),
            ("Zara".to_string(), vec![5, 5, 3])
        ]
    );
}

#[test]
fn a_killed_seat_still_counts_and_a_killed_chair_loses_nothing() {
    let (dir, file) = copy_of(FILE);
    let name = file.to_str().unwrap();
    let Some(mut m) = meeting(dir.path(), name, &["Yngve", "Zara"]) else {
        return;
    };
    m.send(0, "4");
    m.send(0, "R");
    m.wait_text(1, "Scoring round");
    m.wait_text(2, "Scoring round");
    m.send(1, "444");
    m.wait(0, "Yngve ✓", |t| t.text().contains("Yngve ✓"));
    // Yngve's connection drops mid-round: his scores are on disk and still count.
    m.tuis[1].signal(libc::SIGKILL);
    m.tuis[1].wait_exit();
    m.wait_status(0, "1 seat: Zara");
    m.send(2, "2");
    m.wait(0, "Zara 1/3", |t| t.text().contains("Zara 1/3"));

    // The chair dies: the seat keeps its view and says so.
    m.tuis[0].signal(libc::SIGKILL);
    m.tuis[0].wait_exit();
    m.wait_status(2, "the chair has left");
    m.send(2, "22");

    // The next styr on the file is the chair: it takes up the round with every seat's
    // scores, reveals and records them.
    let Some(chair) = Run::new(dir.path(), &args(name, "Kari")).start() else {
        return;
    };
    m.tuis[0] = chair;
    m.wait_text(0, "Scoring round");
    m.wait(0, "both scored", |t| {
        let s = t.text();
        s.contains("Yngve ✓") && s.contains("Zara ✓")
    });
    m.wait_status(2, "chair Kari");
    m.send(0, "R");
    m.wait_text(0, "spread");
    m.wait_text(2, "spread");
    m.send(0, "s");
    m.wait_status(0, "Saved");
    let mut r = ratings(&file);
    r.sort();
    assert_eq!(
        r,
        [
            ("Yngve".to_string(), vec![4, 4, 4]),
            ("Zara".to_string(), vec![2, 2, 2])
        ]
    );
}

#[test]
fn a_name_already_in_the_meeting_is_refused() {
    let (dir, file) = copy_of(FILE);
    let name = file.to_str().unwrap();
    let Some(mut m) = meeting(dir.path(), name, &["Yngve"]) else {
        return;
    };
    let again = start!(Run::new(dir.path(), &args(name, "Yngve")).size(80, 24));
    m.tuis.push(again);
    m.wait_text(2, "is already in the");
    // The chair counts one Yngve.
    m.wait_status(0, "1 seat: Yngve");
}

#[test]
fn a_seat_of_another_login_scores_and_a_stopped_seat_does_not_hold_up_the_chair() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 || !Path::new("/usr/bin/setpriv").exists() {
        eprintln!("skipped: needs root and setpriv to run a seat as another user");
        return;
    }
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let (dir, file) = copy_of(FILE);
    // A shared folder (sticky, as /tmp) and a file its group and others may read.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o1777)).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let name = file.to_str().unwrap();
    let Some(mut m) = meeting(dir.path(), name, &["Zara"]) else {
        return;
    };
    let nora = start!(
        Run::new(dir.path(), &args(name, "Nora"))
            .user(65534)
            .size(80, 24)
    );
    m.tuis.push(nora);
    m.wait_status(2, "chair Kari");
    m.wait_status(0, "2 seats: Nora, Zara");
    // Zara's terminal stops (SIGSTOP, as a suspended ssh client's styr would): the
    // chair goes on at once.
    m.tuis[1].signal(libc::SIGSTOP);
    m.send(0, "4");
    m.send(0, "\r");
    m.send(0, "3");
    m.wait_status(0, "unsaved (1)");
    m.send(0, "\x1b");
    m.send(0, "R");
    m.wait_text(2, "Scoring round");
    m.send(2, "234");
    m.wait(0, "Nora ✓", |t| t.text().contains("Nora ✓"));
    // Nora's scores are in a file of her own, which the chair only reads.
    let seat_file = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap())
        .find(|e| e.file_name().to_string_lossy().contains("styr-seat-Nora"))
        .expect("Nora's seat file");
    assert_eq!(seat_file.metadata().unwrap().uid(), 65534);
    m.tuis[1].signal(libc::SIGCONT);
    m.send(0, "R");
    m.wait_text(2, "spread");
    m.send(0, "s");
    m.wait_status(0, "Saved");
    assert_eq!(ratings(&file), [("Nora".to_string(), vec![2, 3, 4])]);
}
