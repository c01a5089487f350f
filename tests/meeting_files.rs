//! A meeting's files on disk (issue 12), through the real file system: the chair's state,
//! who chairs, the permissions every meeting file takes from the portfolio file, which
//! names a watcher should look at; and, as root, a real second user (uid 65534, through
//! `setpriv`) who follows the meeting and joins it as a seat of their own.

#![cfg(unix)]

#[path = "common/meeting.rs"]
mod meeting;

use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use meeting::*;
use styr::store::{self, JoinOutcome, Journal, LockState, RoundState, chair_path, seat_path};

// ---- The permissions follow the portfolio file ------------------------------------------

#[test]
fn every_meeting_file_takes_the_read_permissions_of_the_portfolio_file() {
    for (doc_mode, want) in [
        (0o644, 0o644),
        (0o640, 0o640),
        (0o600, 0o600),
        (0o664, 0o644),
        (0o604, 0o604),
    ] {
        let (_dir, doc) = doc(doc_mode);
        let (_, d) = store::open(&doc).unwrap();
        let mut j = Journal::new(&d, Some(date("2026-11-22")));
        j.append(&score_entry(4)).unwrap();
        assert_eq!(mode_of(j.path()), want, "journal of a {doc_mode:o} file");
        // Rewritten (after a recovery) it keeps them.
        let j = Journal::recovered(&d, None, vec![score_entry(4), score_entry(5)]).unwrap();
        assert_eq!(
            mode_of(j.path()),
            want,
            "rewritten journal of a {doc_mode:o} file"
        );
        let LockState::Acquired(lock) = store::acquire_as(&doc, "Ida").unwrap() else {
            panic!("not locked");
        };
        assert_eq!(mode_of(lock.path()), want, "lock of a {doc_mode:o} file");
        let (seat, _) = joined(&doc, "Knut");
        assert_eq!(mode_of(seat.path()), want, "seat of a {doc_mode:o} file");
        store::write_chair(&doc, &state(1, None), false).unwrap();
        assert_eq!(
            mode_of(&chair_path(&doc)),
            want,
            "chair of a {doc_mode:o} file"
        );
        store::write_chair(&doc, &state(2, None), true).unwrap();
        assert_eq!(
            mode_of(&chair_path(&doc)),
            want,
            "chair of a {doc_mode:o} file"
        );
    }
}

#[test]
fn the_umask_does_not_hide_the_meeting_from_those_who_may_read_the_file() {
    let (_dir, doc) = doc(0o644);
    // SAFETY: umask only sets this process's mask; the tests of this binary that make
    // files all set their modes themselves.
    let old = unsafe { libc::umask(0o077) };
    let (seat, _) = joined(&doc, "Ida");
    store::write_chair(&doc, &state(1, None), false).unwrap();
    // SAFETY: as above.
    unsafe { libc::umask(old) };
    assert_eq!(mode_of(seat.path()), 0o644);
    assert_eq!(mode_of(&chair_path(&doc)), 0o644);
}

// ---- The chair ------------------------------------------------------------------------

#[test]
fn the_chairs_state_is_replaced_whole_and_read_tolerantly() {
    let (dir, doc) = doc(0o644);
    assert_eq!(store::read_chair(&doc).unwrap(), None);
    let round = RoundState {
        project: "T-01".into(),
        date: date("2026-11-22"),
        revealed: false,
    };
    store::write_chair(&doc, &state(4, Some(round.clone())), true).unwrap();
    assert_eq!(
        store::read_chair(&doc).unwrap(),
        Some(state(4, Some(round)))
    );
    store::write_chair(&doc, &state(2, None), false).unwrap();
    assert_eq!(store::read_chair(&doc).unwrap(), Some(state(2, None)));
    // Nothing but the chair file itself is left beside the portfolio.
    assert_eq!(names(dir.path()), [".plan.ron.styr-chair", "plan.ron"]);
    // Whatever else is in it is no state, and no error.
    for junk in [&b"garbage("[..], b"", b"\xff\xfe", b"(by:\"x\")"] {
        fs::write(chair_path(&doc), junk).unwrap();
        assert_eq!(store::read_chair(&doc).unwrap(), None);
    }
    store::remove_chair(&doc).unwrap();
    assert!(!chair_path(&doc).exists());
    store::remove_chair(&doc).unwrap();
}

#[test]
fn the_lock_says_who_chairs_while_the_chair_is_alive() {
    let (_dir, doc) = doc(0o644);
    assert_eq!(store::chair_present(&doc), None);
    let LockState::Acquired(lock) = store::acquire_as(&doc, "Ida").unwrap() else {
        panic!("not locked");
    };
    assert_eq!(
        store::chair_present(&doc),
        Some((
            std::process::id(),
            store::lock::host_name(),
            Some("Ida".into())
        ))
    );
    match store::acquire_as(&doc, "Knut").unwrap() {
        LockState::HeldByOther { by, .. } => assert_eq!(by.as_deref(), Some("Ida")),
        LockState::Acquired(_) => panic!("two chairs"),
    }
    drop(lock);
    assert_eq!(store::chair_present(&doc), None, "the chair has left");
    // `acquire` still works, and names nobody.
    let LockState::Acquired(_lock) = store::acquire(&doc).unwrap() else {
        panic!("not locked");
    };
    assert_eq!(store::chair_present(&doc).map(|(_, _, by)| by), Some(None));
}

#[test]
fn the_meeting_files_are_told_from_the_rest_of_the_folder() {
    let (_dir, doc) = doc(0o644);
    let name = |p: PathBuf| p.file_name().unwrap().to_os_string();
    for p in [
        store::journal::journal_path(&doc),
        store::lock::lock_path(&doc),
        chair_path(&doc),
        seat_path(&doc, "Ida"),
        seat_path(&doc, ""),
        seat_path(&doc, &"x".repeat(300)),
    ] {
        assert!(store::is_meeting_file(&doc, &name(p.clone())), "{p:?}");
    }
    for n in [
        "plan.ron",
        ".plan.ron.styr-seat-",
        ".plan.ron.styr-journal.damaged",
        ".plan.ron.ab12-3.xyz.styr-tmp",
        ".other.ron.styr-journal",
        ".plan.ron.styr-chair.x",
        "notes.txt",
    ] {
        assert!(!store::is_meeting_file(&doc, OsStr::new(n)), "{n}");
    }
}

/// The chair writes its state on each of its moves: what one write costs without a sync.
#[test]
fn writing_the_chairs_state_is_cheap() {
    let (_dir, doc) = doc(0o644);
    let s = state(2, None);
    let n = 200;
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        store::write_chair(&doc, &s, false).unwrap();
        times.push(t.elapsed());
    }
    times.sort();
    let median = times[n / 2];
    println!(
        "write_chair (no fsync): median {median:?}, max {:?}",
        times[n - 1]
    );
    // Generous for a debug build on a busy machine; the number is in the report.
    assert!(median.as_millis() < 20, "median {median:?}");
    // For comparison: a round opened or revealed, synced.
    let mut times: Vec<_> = (0..20)
        .map(|_| {
            let t = Instant::now();
            store::write_chair(&doc, &s, true).unwrap();
            t.elapsed()
        })
        .collect();
    times.sort();
    println!("write_chair (durable): median {:?}", times[10]);
}

// ---- A real second user ---------------------------------------------------------------

/// Not a test of its own: the other user's side of the test below, run as uid 65534
/// with `STYR_SEATS_CHILD` set. Without it, it does nothing.
#[test]
fn second_user_helper() {
    let Ok(doc) = std::env::var("STYR_SEATS_CHILD") else {
        return;
    };
    let doc = PathBuf::from(doc);
    let private = PathBuf::from(std::env::var("STYR_SEATS_PRIVATE").unwrap());
    let closed = PathBuf::from(std::env::var("STYR_SEATS_CLOSED").unwrap());
    println!();
    let rec = store::read_journal(&doc).unwrap().unwrap();
    println!(
        "journal entries {} owner {}",
        rec.entries.len(),
        rec.owner.is_some()
    );
    let chair = store::read_chair(&doc).unwrap().unwrap();
    println!("chair pane {}", chair.pane);
    let (_, _, by) = store::chair_present(&doc).unwrap();
    println!("chair by {}", by.unwrap());
    for s in store::seats(&doc).unwrap() {
        println!("seat {} owner {:?} present {}", s.by, s.owner, s.present);
    }
    match store::join(&doc, "Knut", true).unwrap() {
        JoinOutcome::NotYours { owner } => println!("Knut not mine: {owner}"),
        other => println!("Knut: {other:?}"),
    }
    let JoinOutcome::Joined { mut seat, .. } = store::join(&doc, "Aisha", true).unwrap() else {
        panic!("Aisha refused");
    };
    seat.append(&rate("T-01", "goals", 5)).unwrap();
    println!("Aisha rated");
    let rec = store::read_journal(&private).unwrap().unwrap();
    println!(
        "private journal entries {} owner {}",
        rec.entries.len(),
        rec.owner.is_some()
    );
    match store::read_chair(&private) {
        Err(e) => println!("private chair: {:?}", e.kind()),
        Ok(c) => println!("private chair read: {c:?}"),
    }
    match store::join(&closed, "Aisha", true) {
        Err(e) => println!("closed folder: {:?}", e.kind()),
        Ok(o) => println!("closed folder joined: {o:?}"),
    }
    std::mem::forget(seat); // exits without leaving, as a killed seat does
}

#[test]
fn another_user_follows_the_meeting_and_joins_it_as_a_seat_of_their_own() {
    if !is_root() {
        return;
    }
    let setpriv = ["--reuid=65534", "--regid=65534", "--clear-groups"];
    let exe = std::env::current_exe().unwrap();
    let ok = Command::new("setpriv")
        .args(setpriv)
        .arg(&exe)
        .arg("--list")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!(
            "skipped: setpriv is missing, or uid 65534 cannot run {}",
            exe.display()
        );
        return;
    }
    // A shared folder: anyone may make files in it, nobody remove another's (as /tmp).
    let (dir, doc) = doc(0o644);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o1777)).unwrap();
    let (_, d) = store::open(&doc).unwrap();
    let LockState::Acquired(_lock) = store::acquire_as(&doc, "Ida").unwrap() else {
        panic!("not locked");
    };
    let mut j = Journal::new(&d, None);
    j.append(&score_entry(4)).unwrap();
    j.append(&score_entry(5)).unwrap();
    store::write_chair(&doc, &state(4, None), true).unwrap();
    let (knut, _) = joined(&doc, "Knut");
    // A portfolio only its owner may read: its meeting is theirs alone.
    let private = dir.path().join("private.ron");
    fs::write(&private, FIXTURE).unwrap();
    fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).unwrap();
    let (_, pd) = store::open(&private).unwrap();
    Journal::new(&pd, None).append(&score_entry(3)).unwrap();
    store::write_chair(&private, &state(1, None), true).unwrap();
    // A folder the other user may not write: they follow, but cannot rate.
    let closed_dir = dir.path().join("closed");
    fs::create_dir(&closed_dir).unwrap();
    fs::set_permissions(&closed_dir, fs::Permissions::from_mode(0o755)).unwrap();
    let closed = closed_dir.join("plan.ron");
    fs::write(&closed, FIXTURE).unwrap();
    fs::set_permissions(&closed, fs::Permissions::from_mode(0o644)).unwrap();

    let out = Command::new("setpriv")
        .args(setpriv)
        .arg(&exe)
        .args([
            "--exact",
            "second_user_helper",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("STYR_SEATS_CHILD", &doc)
        .env("STYR_SEATS_PRIVATE", &private)
        .env("STYR_SEATS_CLOSED", &closed)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let root = store::sidecar::user_name(0);
    for want in [
        "journal entries 2 owner true".to_string(),
        "chair pane 4".into(),
        "chair by Ida".into(),
        format!("seat Knut owner Some({root:?}) present true"),
        format!("Knut not mine: {root}"),
        "Aisha rated".into(),
        "private journal entries 0 owner true".into(),
        "private chair: PermissionDenied".into(),
        "closed folder: PermissionDenied".into(),
    ] {
        assert!(
            text.lines().any(|l| l == want),
            "missing {want:?} in:\n{text}"
        );
    }
    // Back as the chair: the other user's seat is theirs, readable, and refused to us.
    let nobody = store::sidecar::user_name(NOBODY);
    let aisha = store::seats(&doc)
        .unwrap()
        .into_iter()
        .find(|s| s.by == "Aisha")
        .expect("the other user's seat is seen");
    assert_eq!(aisha.owner.as_deref(), Some(nobody.as_str()));
    assert_eq!(aisha.entries.last(), Some(&rate("T-01", "goals", 5)));
    assert!(!aisha.present, "its process has ended");
    assert_eq!(mode_of(&aisha.path), 0o644);
    match store::join(&doc, "Aisha", true).unwrap() {
        JoinOutcome::NotYours { owner } => assert_eq!(owner, nobody),
        other => panic!("{other:?}"),
    }
    drop(knut);
}
