//! The store through the real file system: lossless saving, conflicts, the journal (with a
//! child process SIGKILLed while appending) and the lock (held by another process).

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use styr::model::edit::{Edit, History};
use styr::model::{Date, Decision, Health, Portfolio, parse};
use styr::store::{
    self, Conflict, DiskState, Journal, JournalEntry, LockState, SaveError, SaveOutcome,
};

const EXAMPLE: &str = include_str!("fixtures/example.ron");

fn seeds() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut out: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    assert!(out.len() >= 4, "the seed portfolios are in data/");
    out
}

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// A folder with `name` holding `text`.
fn file_with(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, text).unwrap();
    (dir, path)
}

fn saved(outcome: SaveOutcome) -> store::Saved {
    match outcome {
        SaveOutcome::Saved(s) => s,
        SaveOutcome::Conflict(c) => panic!("unexpected conflict: {c:?}"),
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn on_disk(path: &Path) -> Portfolio {
    parse(&fs::read_to_string(path).unwrap()).unwrap()
}

fn set_mtime(path: &Path, t: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

/// The comments of `text`, in order (a line's `//` part or a whole `/* */`).
fn comments(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| l.find("//").map(|i| &l[i..]))
        .collect()
}

#[test]
fn saving_every_seed_keeps_its_text_and_writes_only_what_changed() {
    for (name, text) in seeds() {
        let (dir, path) = file_with(&name, &text);
        let (bytes, mut doc) = store::open(&path).unwrap();
        let mut p = parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
        // Nothing changed: nothing written, the file exactly as it was.
        let first = saved(store::save(&mut doc, &p).unwrap());
        assert!(!first.written, "{name}");
        assert_eq!(fs::read_to_string(&path).unwrap(), text, "{name}");

        // One change: the file loads to it, keeps every comment, and differs in one line.
        p.projects[0].health = Some(Health::Red);
        p.projects[0].status = styr::model::Status::OnHold;
        let second = saved(store::save(&mut doc, &p).unwrap());
        assert!(second.written, "{name}");
        let on_disk = fs::read_to_string(&path).unwrap();
        assert_eq!(parse(&on_disk).unwrap(), p, "{name}");
        assert_eq!(comments(&on_disk), comments(&text), "{name}");
        let differ = text
            .lines()
            .zip(on_disk.lines())
            .filter(|(a, b)| a != b)
            .count();
        assert!(differ <= 2, "{name}: {differ} lines changed");
        // Saving again through the same document rewrites nothing.
        assert!(!saved(store::save(&mut doc, &p).unwrap()).written, "{name}");
        // No temporary files, no .orig.
        assert_eq!(names_in(dir.path()), std::slice::from_ref(&name), "{name}");
    }
}

#[test]
fn an_edit_saved_shows_as_exactly_that_change() {
    let (_dir, path) = file_with("p.ron", EXAMPLE);
    let (bytes, mut doc) = store::open(&path).unwrap();
    let mut p = parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
    let before = fs::read_to_string(&path).unwrap();
    let mut h = History::default();
    h.apply(
        &mut p,
        &Edit::Score {
            project: "P-01".into(),
            date: date("2026-10-15"),
            criterion: "budget".into(),
            score: Some(5),
        },
    )
    .unwrap();
    saved(store::save(&mut doc, &p).unwrap());
    let after = fs::read_to_string(&path).unwrap();
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(changed.len(), 1, "{changed:?}");
    let (was, now) = changed[0];
    assert_eq!(now, was.replace(r#""budget": 2"#, r#""budget": 5"#));
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    for mode in [0o640, 0o600, 0o664] {
        let (_dir, path) = file_with("p.ron", EXAMPLE);
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
        let (bytes, mut doc) = store::open(&path).unwrap();
        let mut p = parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
        p.projects[0].health = Some(Health::Red);
        assert!(saved(store::save(&mut doc, &p).unwrap()).written);
        let got = fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
        assert_eq!(got, mode);
    }
}

#[cfg(unix)]
#[test]
fn a_symlinks_target_is_saved_and_the_link_stays() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("p.ron");
    fs::write(&real, EXAMPLE).unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    let (bytes, mut doc) = store::open(&link).unwrap();
    assert_eq!(doc.path(), fs::canonicalize(&real).unwrap());
    let mut p = parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
    p.projects[0].health = Some(Health::Green);
    saved(store::save(&mut doc, &p).unwrap());
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(on_disk(&real), p);
    assert_eq!(names_in(&real_dir), ["p.ron"]);
}

#[test]
fn an_outside_change_is_a_conflict_and_is_not_overwritten() {
    let (dir, path) = file_with("p.ron", EXAMPLE);
    let (bytes, mut doc) = store::open(&path).unwrap();
    let mut p = parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
    p.projects[0].health = Some(Health::Red);

    // Someone else saves a different version (here: same length, same mtime, so only
    // the content hash can tell).
    let other = EXAMPLE.replace("Amber", "Green");
    assert_eq!(other.len(), EXAMPLE.len(), "same length: Green vs Amber");
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    fs::write(&path, &other).unwrap();
    set_mtime(&path, mtime);
    assert!(matches!(doc.disk_state().unwrap(), DiskState::Changed(_)));

    let before = doc.clone();
    match store::save(&mut doc, &p).unwrap() {
        SaveOutcome::Conflict(Conflict::Changed { on_disk }) => {
            assert_eq!(on_disk.len, other.len() as u64);
        }
        o => panic!("expected a conflict, got {o:?}"),
    }
    assert_eq!(doc, before, "a refused save changes nothing");
    assert_eq!(fs::read_to_string(&path).unwrap(), other);
    assert!(!dir.path().join("p.ron.orig").exists());

    // Save-as never replaces an existing file...
    match store::save_as(&mut doc, &p, &path) {
        Err(SaveError::Exists(_)) => {}
        o => panic!("expected Exists, got {o:?}"),
    }
    // ...and writes a new one, which is then the document.
    let new = dir.path().join("p-mine.ron");
    let s = saved(store::save_as(&mut doc, &p, &new).unwrap());
    assert_eq!(s.path, fs::canonicalize(&new).unwrap());
    assert_eq!(doc.path(), s.path);
    // The copy is our version of the text: the comments are in it too.
    assert_eq!(on_disk(&new), p);
    assert_eq!(
        comments(&fs::read_to_string(&new).unwrap()),
        comments(EXAMPLE)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), other);
    p.projects[0].health = None;
    saved(store::save(&mut doc, &p).unwrap());
    assert_eq!(on_disk(&new), p);
}

#[test]
fn a_touch_alone_is_not_a_conflict() {
    let (_dir, path) = file_with("p.ron", EXAMPLE);
    let (bytes, mut doc) = store::open(&path).unwrap();
    let mut p = parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
    assert_eq!(doc.disk_state().unwrap(), DiskState::Unchanged);
    set_mtime(&path, SystemTime::now() + Duration::from_secs(3600));
    assert_eq!(doc.disk_state().unwrap(), DiskState::Touched);
    p.projects[0].status = styr::model::Status::OnHold;
    let s = saved(store::save(&mut doc, &p).unwrap());
    assert!(s.written);
    assert_eq!(on_disk(&path), p);
    assert_eq!(doc.disk_state().unwrap(), DiskState::Unchanged);
}

#[test]
fn a_deleted_file_is_a_conflict() {
    let (_dir, path) = file_with("p.ron", EXAMPLE);
    let (bytes, mut doc) = store::open(&path).unwrap();
    let p = parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
    fs::remove_file(&path).unwrap();
    assert_eq!(doc.disk_state().unwrap(), DiskState::Missing);
    assert_eq!(
        store::save(&mut doc, &p).unwrap(),
        SaveOutcome::Conflict(Conflict::Missing)
    );
    assert!(!path.exists());
}

#[test]
fn opening_and_reading_write_nothing() {
    let (dir, path) = file_with("p.ron", EXAMPLE);
    let before = names_in(dir.path());
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    let (_, doc) = store::open(&path).unwrap();
    let _ = doc.disk_state().unwrap();
    assert!(store::read_journal(&path).unwrap().is_none());
    let _journal = Journal::new(&doc, Some(date("2026-11-22")));
    assert_eq!(names_in(dir.path()), before);
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), mtime);
}

/// The n-th entry of a deterministic meeting: scores, decisions, hostile notes, undo, redo.
fn entry(i: usize) -> JournalEntry {
    let day = date("2026-11-22");
    match i % 7 {
        5 => JournalEntry::Undo,
        6 if i.is_multiple_of(2) => JournalEntry::Redo,
        0..=2 => JournalEntry::Edit(Edit::Score {
            project: "P-01".into(),
            date: day,
            criterion: ["goals", "results", "budget"][i % 3].into(),
            score: Some((i % 5) as i64 + 1),
        }),
        3 => JournalEntry::Edit(Edit::Decision {
            project: "P-01".into(),
            date: day,
            decision: Some(Decision::ALL[i % Decision::ALL.len()]),
        }),
        _ => JournalEntry::Edit(Edit::Note {
            project: "P-01".into(),
            date: day,
            note: Some(format!("note {i}: \"sitat\" \\ æøå\n\u{1b}[2J ny linje")),
        }),
    }
}

/// The state after the first `n` entries, applied in memory.
fn expected_after(n: usize) -> (Portfolio, History) {
    let mut p = parse(EXAMPLE).unwrap();
    let mut h = History::default();
    for i in 0..n {
        match entry(i) {
            JournalEntry::Edit(e) => {
                h.apply(&mut p, &e).unwrap();
            }
            JournalEntry::Stamped(e, s) => {
                h.apply_stamped(&mut p, &e, Some(&s)).unwrap();
            }
            JournalEntry::Undo => {
                h.undo(&mut p);
            }
            JournalEntry::Redo => {
                h.redo(&mut p);
            }
        }
    }
    (p, h)
}

#[test]
fn journal_append_read_and_replay_give_the_edited_state() {
    let (dir, path) = file_with("p.ron", EXAMPLE);
    let (bytes, doc) = store::open(&path).unwrap();
    let mut j = Journal::new(&doc, Some(date("2026-11-22")));
    assert!(!j.is_active());
    let n = 40;
    for i in 0..n {
        j.append(&entry(i)).unwrap();
    }
    assert!(j.is_active());
    assert_eq!(j.entries().len(), n);
    assert!(dir.path().join(".p.ron.styr-journal").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(j.path()).unwrap().permissions().mode() & 0o777;
        let doc_mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode,
            0o600 | (doc_mode & 0o044),
            "the journal is readable by whoever may read the file"
        );
    }

    let rec = store::read_journal(&path).unwrap().expect("a journal");
    let header = rec.header.clone().expect("a header");
    assert_eq!(header.pid, std::process::id());
    assert_eq!(header.meeting, Some(date("2026-11-22")));
    assert_eq!(header.fingerprint, doc.fingerprint());
    assert!(rec.matches(&doc));
    assert!(!rec.torn_tail);
    assert_eq!(rec.unreadable, 0);
    assert_eq!(rec.entries, (0..n).map(entry).collect::<Vec<_>>());

    let mut p = parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
    let mut h = History::default();
    let report = store::replay(&mut p, &mut h, &rec.entries);
    let (want, want_h) = expected_after(n);
    assert_eq!(p, want);
    assert_eq!(h.len(), want_h.len());
    assert_eq!(report.applied + report.skipped, n);
    // Undo all the way back reaches the file as loaded.
    while h.undo(&mut p).is_some() {}
    assert_eq!(p, parse(EXAMPLE).unwrap());

    // A second journal for the same file is refused rather than mixed in.
    let mut other = Journal::new(&doc, None);
    let err = other.append(&entry(0)).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);

    // A clean save removes it; the next edit starts a new one against the saved file.
    let mut doc = doc;
    saved(store::save(&mut doc, &want).unwrap());
    j.saved(&doc).unwrap();
    assert!(store::read_journal(&path).unwrap().is_none());
    assert!(j.entries().is_empty());
    j.append(&entry(0)).unwrap();
    let rec = store::read_journal(&path).unwrap().unwrap();
    assert!(rec.matches(&doc));
    assert_eq!(rec.entries.len(), 1);
    j.discard().unwrap();
    assert!(store::read_journal(&path).unwrap().is_none());
}

#[test]
fn a_torn_last_line_is_left_out_and_the_rest_recovered() {
    let (_dir, path) = file_with("p.ron", EXAMPLE);
    let (_, doc) = store::open(&path).unwrap();
    let mut j = Journal::new(&doc, None);
    for i in 0..5 {
        j.append(&entry(i)).unwrap();
    }
    // A crash in the middle of writing the sixth line.
    let mut f = fs::OpenOptions::new().append(true).open(j.path()).unwrap();
    f.write_all(b"Edit(Score(project:\"P-01\",da").unwrap();
    drop(f);
    let rec = store::read_journal(&path).unwrap().unwrap();
    assert!(rec.torn_tail);
    assert_eq!(rec.unreadable, 0);
    assert_eq!(rec.entries, (0..5).map(entry).collect::<Vec<_>>());

    // Recovering writes a clean journal with those entries; the torn line is gone.
    let recovered = Journal::recovered(&doc, None, rec.entries.clone()).unwrap();
    let again = store::read_journal(&path).unwrap().unwrap();
    assert!(!again.torn_tail);
    assert_eq!(again.entries, rec.entries);
    assert_eq!(recovered.entries(), &rec.entries[..]);

    // Discarding (the user answered "n") removes it.
    store::discard_journal(&path).unwrap();
    assert!(store::read_journal(&path).unwrap().is_none());
}

#[test]
fn after_a_reload_the_journal_is_rebased_on_the_new_file() {
    let (_dir, path) = file_with("p.ron", EXAMPLE);
    let (_, doc) = store::open(&path).unwrap();
    let mut j = Journal::new(&doc, None);
    for i in 0..3 {
        j.append(&entry(i)).unwrap();
    }
    // Someone else saves; styr reloads and re-applies its edits.
    fs::write(&path, EXAMPLE.replace("Kari Nordmann", "Ola Nordmann")).unwrap();
    let (bytes, doc2) = store::open(&path).unwrap();
    let rec = store::read_journal(&path).unwrap().unwrap();
    assert!(!rec.matches(&doc2));
    let mut p = parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
    let report = store::replay(&mut p, &mut History::default(), j.entries());
    assert_eq!(report.applied, 3);
    j.rebase(&doc2).unwrap();
    let rec = store::read_journal(&path).unwrap().unwrap();
    assert!(rec.matches(&doc2));
    assert_eq!(rec.entries, (0..3).map(entry).collect::<Vec<_>>());
}

/// Run `helper` of this test binary in a child process (see `child_process_helper`).
fn child(helper: &str, doc: &Path) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_process_helper",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("STYR_STORE_CHILD", helper)
        .env("STYR_STORE_DOC", doc)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Not a test of its own: the child side of the two tests below, which run this binary
/// again with `STYR_STORE_CHILD` set. Without it, it does nothing.
#[test]
fn child_process_helper() {
    let Ok(role) = std::env::var("STYR_STORE_CHILD") else {
        return;
    };
    let doc_path = PathBuf::from(std::env::var("STYR_STORE_DOC").unwrap());
    let out = std::io::stdout();
    // libtest has written `test child_process_helper ... ` without a line end: start
    // on a line of our own, so the parent sees whole lines.
    writeln!(out.lock()).unwrap();
    match role.as_str() {
        "journal" => {
            let (_, doc) = store::open(&doc_path).unwrap();
            let mut j = Journal::new(&doc, Some(date("2026-11-22")));
            for i in 0..100_000 {
                j.append(&entry(i)).unwrap();
                // Confirmed only now, as the screen would.
                writeln!(out.lock(), "ok {i}").unwrap();
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        "lock" => {
            let LockState::Acquired(_lock) = store::acquire(&doc_path).unwrap() else {
                panic!("the child could not lock");
            };
            writeln!(out.lock(), "locked").unwrap();
            // Hold the lock until the parent closes stdin or kills us.
            let mut s = String::new();
            let _ = std::io::stdin().read_line(&mut s);
        }
        other => panic!("unknown child role {other}"),
    }
}

/// Read the child's stdout until a line satisfies `done`; return the lines that start
/// with `prefix`.
fn wait_for(child: &mut std::process::Child, done: impl Fn(&str) -> bool) -> Vec<String> {
    let stdout = child.stdout.take().unwrap();
    let mut lines = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        let stop = done(&line);
        lines.push(line);
        if stop {
            break;
        }
    }
    lines
}

#[cfg(unix)]
#[test]
fn a_child_killed_while_journaling_loses_no_confirmed_edit() {
    use std::os::unix::process::ExitStatusExt;
    let (_dir, path) = file_with("p.ron", EXAMPLE);
    let mut c = child("journal", &path);
    let confirmed = 150;
    let lines = wait_for(&mut c, |l| l == format!("ok {}", confirmed - 1));
    c.kill().unwrap(); // SIGKILL
    let status = c.wait().unwrap();
    assert_eq!(
        status.signal(),
        Some(9),
        "the child was killed, not finished"
    );
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("ok ")).count(),
        confirmed
    );

    let rec = store::read_journal(&path)
        .unwrap()
        .expect("the journal survived");
    assert_eq!(rec.header.as_ref().map(|h| h.pid), Some(c.id()));
    assert_eq!(rec.unreadable, 0);
    let n = rec.entries.len();
    assert!(
        n >= confirmed,
        "only {n} of {confirmed} confirmed edits recovered"
    );
    assert_eq!(rec.entries, (0..n).map(entry).collect::<Vec<_>>());

    let (bytes, doc) = store::open(&path).unwrap();
    assert!(rec.matches(&doc));
    let mut p = parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
    let mut h = History::default();
    let report = store::replay(&mut p, &mut h, &rec.entries);
    assert_eq!(report.applied + report.skipped, n);
    assert_eq!(p, expected_after(n).0);
}

#[cfg(unix)]
#[test]
fn a_lock_held_by_another_process_is_reported() {
    let (_dir, path) = file_with("p.ron", EXAMPLE);
    let mut c = child("lock", &path);
    wait_for(&mut c, |l| l == "locked");
    match store::acquire(&path).unwrap() {
        LockState::HeldByOther { pid, host, .. } => {
            assert_eq!(pid, Some(c.id()));
            assert!(host.is_some_and(|h| !h.is_empty()));
        }
        LockState::Acquired(_) => panic!("the other process's lock was not seen"),
    }
    // Killed, it cannot clean up; the lock goes with it all the same.
    c.kill().unwrap();
    c.wait().unwrap();
    match store::acquire(&path).unwrap() {
        LockState::Acquired(lock) => {
            let text = fs::read_to_string(lock.path()).unwrap();
            assert!(text.contains(&format!("pid={}", std::process::id())));
        }
        LockState::HeldByOther { .. } => panic!("a dead process's lock is stale"),
    }
}

#[test]
fn a_save_told_the_wrong_projects_refuses_rather_than_lose_a_change() {
    let small = include_str!("fixtures/small.ron");
    let (_dir, path) = file_with("p.ron", small);
    let (bytes, mut doc) = store::open(&path).unwrap();
    let mut p = parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
    let last = p.projects.len() - 1;
    assert!(last > 0);
    p.projects[last].health = Some(Health::Red);
    // The history says project 0 changed; it was another one: the check catches it.
    match store::save_touched(&mut doc, &p, Some(&[0])) {
        Err(SaveError::Splice(e)) => assert!(e.to_string().contains("nothing was saved"), "{e}"),
        other => panic!("saved a text that loses a change: {other:?}"),
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), small);
    // Told the right one, it saves.
    saved(store::save_touched(&mut doc, &p, Some(&[last])).unwrap());
    assert_eq!(on_disk(&path), p);
}
