//! A shared folder is hostile (issue 14, RELIABILITY.md): links planted at the names of
//! styr's sidecars, files of other users, write-protected files, hard links, extended
//! attributes, saves killed half-way, damaged journals, edits that no longer fit, a full
//! disk. Each through the real session (key map, update, effects) or the store, on real
//! files.
//!
//! Tests that need another user's files make them with `chown`, which needs root (as CI
//! runs); elsewhere they say "skipped: not root" and pass.

#![cfg(unix)]

mod common;
use common::session::{folder, keys, names, open, press, select};

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use styr::app::{App, Overlay, Question};
use styr::model::parse;
use styr::store::{self, SaveError};
use styr::ui::{Theme, ThemeName};

const FIXTURE: &str = include_str!("fixtures/small.ron");
const NOBODY: u32 = 65534;

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    if !root {
        eprintln!("skipped: not root (chown to another user needs root)");
    }
    root
}

fn journal_of(path: &Path) -> PathBuf {
    store::journal::journal_path(&fs::canonicalize(path).unwrap())
}

fn lock_of(path: &Path) -> PathBuf {
    store::lock::lock_path(&fs::canonicalize(path).unwrap())
}

/// The whole screen at `w`×`h` as text, one line per row.
fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = Theme::new(ThemeName::Default);
    t.draw(|f| styr::ui::draw(f, app, &theme)).unwrap();
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a person sees of `app.message` at `w`×`h`: the screen, with the message's words
/// all there in order (wrapped, never cut).
fn assert_message_shown_whole(app: &App, w: u16, h: u16) {
    let msg = app.message.clone().expect("a message");
    let text = screen(app, w, h);
    let words: Vec<&str> = text.split_whitespace().collect();
    let want: Vec<String> = styr::sanitize::clean(&msg)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let found = words
        .windows(want.len())
        .any(|win| win.iter().zip(&want).all(|(a, b)| a == b));
    assert!(
        found,
        "{w}x{h}: the message {msg:?} is not whole on\n{text}"
    );
}

// ---- 1. Sidecars never follow links -------------------------------------------------

#[test]
fn a_link_planted_as_the_lock_is_refused_and_its_target_stays_as_it_was() {
    let (dir, path) = folder(FIXTURE);
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "the victim's file").unwrap();
    symlink(&victim, lock_of(&path)).unwrap();

    let (mut app, mut s) = open(&path, false);
    let msg = app.message.clone().unwrap();
    assert!(msg.contains(".plan.ron.styr-lock"), "{msg}");
    assert!(msg.contains("symbolic link"), "{msg}");
    assert_message_shown_whole(&app, 80, 24);
    // Editing and saving still work (the journal is a file of its own), and nothing
    // is ever written through the link.
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3s");
    assert!(app.message.as_deref().unwrap().starts_with("Saved"));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "the victim's file");
    assert!(fs::symlink_metadata(lock_of(&path)).unwrap().is_symlink());
}

#[test]
fn a_link_planted_as_the_journal_makes_the_session_read_only_and_writes_nothing() {
    let (dir, path) = folder(FIXTURE);
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "the victim's file").unwrap();
    symlink(&victim, journal_of(&path)).unwrap();

    let (mut app, mut s) = open(&path, false);
    assert!(app.read_only);
    let msg = app.message.clone().unwrap();
    assert!(msg.contains(".plan.ron.styr-journal"), "{msg}");
    assert!(msg.contains("symbolic link"), "{msg}");
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3s");
    assert_eq!(app.unsaved, 0);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "the victim's file");
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXTURE);
}

#[test]
fn a_dangling_link_as_the_journal_never_creates_its_target() {
    let (dir, path) = folder(FIXTURE);
    let target = dir.path().join("created-through-the-link");
    symlink(&target, journal_of(&path)).unwrap();
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3");
    assert!(!target.exists());
}

#[test]
fn links_at_temporary_names_are_neither_followed_nor_removed() {
    let (dir, path) = folder(FIXTURE);
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "keep").unwrap();
    // Names like styr's own temporary files, of a process that is gone.
    let planted: Vec<PathBuf> = (0..20)
        .map(|i| {
            dir.path()
                .join(format!(".plan.ron.deadbeef-{}.x{i}.styr-tmp", u32::MAX - 7))
        })
        .collect();
    for p in &planted {
        symlink(&victim, p).unwrap();
    }
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3s");
    assert!(app.message.as_deref().unwrap().starts_with("Saved"));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
    for p in &planted {
        assert!(fs::symlink_metadata(p).unwrap().is_symlink());
    }
}

#[test]
fn another_users_stale_lock_is_not_written_into() {
    if !is_root() {
        return;
    }
    let (dir, path) = folder(FIXTURE);
    let lock = lock_of(&path);
    fs::write(&lock, "pid=1\nhost=elsewhere\n").unwrap();
    std::os::unix::fs::chown(&lock, Some(NOBODY), Some(NOBODY)).unwrap();
    // A second name for the same file, to see that its content stays as it was.
    let witness = dir.path().join("witness");
    fs::hard_link(&lock, &witness).unwrap();
    let (app, _s) = open(&path, false);
    assert!(!app.read_only, "{:?}", app.message);
    assert_eq!(
        fs::read_to_string(&witness).unwrap(),
        "pid=1\nhost=elsewhere\n"
    );
    let now = fs::metadata(&lock).unwrap();
    assert_eq!(now.uid(), 0, "a lock of our own took its place");
}

#[test]
fn another_users_journal_is_left_to_them_and_the_session_follows_read_only() {
    if !is_root() {
        return;
    }
    let (dir, path) = folder(FIXTURE);
    // Their styr was killed with edits in its journal.
    {
        let (mut app, mut s) = open(&path, false);
        select(&mut app, &mut s, "T-01");
        keys(&mut app, &mut s, "H3");
    }
    let journal = journal_of(&path);
    std::os::unix::fs::chown(&journal, Some(NOBODY), Some(NOBODY)).unwrap();
    let before = fs::read(&journal).unwrap();

    let (mut app, mut s) = open(&path, false);
    assert!(app.read_only);
    assert_eq!(app.overlay, None, "not ours to recover");
    let msg = app.message.clone().unwrap();
    assert!(msg.contains("nobody") || msg.contains("uid 65534"), "{msg}");
    keys(&mut app, &mut s, "q");
    assert!(app.quit);
    assert_eq!(fs::read(&journal).unwrap(), before);
    assert!(names(dir.path()).contains(".plan.ron.styr-journal"));
}

// ---- 4. The file's own protection counts ---------------------------------------------

#[test]
fn a_write_protected_file_opens_read_only_says_why_and_offers_save_as() {
    let (dir, path) = folder(FIXTURE);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let (mut app, mut s) = open(&path, false);
    assert!(app.read_only && app.protected);
    let msg = app.message.clone().unwrap();
    assert!(msg.contains("write-protected (r--r--r--)"), "{msg}");
    assert_message_shown_whole(&app, 80, 24);
    // Edits are refused; `s` offers to save a copy under another name.
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3");
    assert_eq!(app.unsaved, 0);
    keys(&mut app, &mut s, "s");
    assert!(matches!(app.overlay, Some(Overlay::SaveAs { .. })));
    for _ in 0..40 {
        press(&mut app, &mut s, KeyCode::Backspace);
    }
    let copy = dir.path().join("copy.ron");
    keys(&mut app, &mut s, &copy.display().to_string());
    press(&mut app, &mut s, KeyCode::Enter);
    assert!(
        app.message.as_deref().unwrap().starts_with("Saved as"),
        "{:?}",
        app.message
    );
    // The copy is the user's to edit.
    assert!(!app.read_only);
    assert_ne!(fs::metadata(&copy).unwrap().permissions().mode() & 0o200, 0);
    // (The refused `H` left `3` to switch to pane 3.)
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3s");
    assert_eq!(
        parse(&fs::read_to_string(&copy).unwrap()).unwrap().projects[0].health,
        Some(styr::model::Health::Red)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXTURE);
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[test]
fn a_file_made_write_protected_while_open_is_not_replaced() {
    let (_dir, path) = folder(FIXTURE);
    let (bytes, mut doc) = store::open(&path).unwrap();
    let mut p = parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
    p.projects[0].health = Some(styr::model::Health::Red);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    match store::save(&mut doc, &p) {
        Err(SaveError::Protected { mode, .. }) => assert_eq!(mode & 0o777, 0o444),
        other => panic!("saved over a write-protected file: {other:?}"),
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXTURE);
}

#[test]
fn a_file_with_hard_links_is_written_in_place_and_the_user_is_told() {
    let (dir, path) = folder(FIXTURE);
    let other = dir.path().join("other-name.ron");
    fs::hard_link(&path, &other).unwrap();
    let ino = fs::metadata(&path).unwrap().ino();
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3s");
    let msg = app.message.clone().unwrap();
    assert!(msg.contains("2 hard links"), "{msg}");
    assert_eq!(fs::metadata(&path).unwrap().ino(), ino);
    let seen = parse(&fs::read_to_string(&other).unwrap()).unwrap();
    assert_eq!(seen.projects[0].health, Some(styr::model::Health::Red));
    assert!(!names(dir.path()).iter().any(|n| n.ends_with(".styr-tmp")));
}

#[test]
fn extended_attributes_are_kept_on_save() {
    let (_dir, path) = folder(FIXTURE);
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    let name = c"user.styr.test";
    let value = b"kept";
    // SAFETY: NUL-terminated strings and a live buffer of its length.
    let set = unsafe {
        libc::setxattr(
            c.as_ptr(),
            name.as_ptr(),
            value.as_ptr().cast(),
            value.len(),
            0,
        )
    };
    if set != 0 {
        eprintln!("skipped: this file system has no user extended attributes");
        return;
    }
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3s");
    assert!(app.message.as_deref().unwrap().starts_with("Saved"));
    let mut buf = [0u8; 16];
    // SAFETY: as above; `buf` has room for its length.
    let n = unsafe {
        libc::getxattr(
            c.as_ptr(),
            name.as_ptr(),
            buf.as_mut_ptr().cast(),
            buf.len(),
        )
    };
    assert_eq!(n, value.len() as isize, "the attribute was lost");
    assert_eq!(&buf[..value.len()], value);
}

// ---- 5. Nothing is left behind --------------------------------------------------------

#[test]
fn temporary_files_of_a_save_killed_half_way_are_removed_at_the_next_start() {
    let (dir, path) = folder(FIXTURE);
    // What a SIGKILLed save leaves: a temporary file named by a process that is gone.
    let host = format!(
        "{:08x}",
        store::fnv1a64(store::lock::host_name().as_bytes()) as u32
    );
    let stale = dir
        .path()
        .join(format!(".plan.ron.{host}-{}.Ab3dEf.styr-tmp", u32::MAX - 5));
    fs::write(&stale, vec![b'x'; 1 << 20]).unwrap();
    let (_app, _s) = open(&path, false);
    assert!(!stale.exists(), "left: {:?}", names(dir.path()));
}

#[test]
fn a_process_killed_while_saving_leaves_nothing_the_next_start_keeps() {
    use std::process::{Command, Stdio};
    let (dir, path) = folder(FIXTURE);
    for trial in 0..6 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "saving_child", "--nocapture", "--test-threads=1"])
            .env("STYR_HOSTILE_CHILD", &path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(150 + 40 * trial));
        child.kill().unwrap(); // SIGKILL, wherever it is
        child.wait().unwrap();
        let (_app, _s) = open(&path, false);
        let left: Vec<String> = names(dir.path())
            .into_iter()
            .filter(|n| n.contains(".styr-tmp"))
            .collect();
        assert!(left.is_empty(), "trial {trial}: {left:?}");
        // The file is whole: one of the saved versions.
        assert!(parse(&fs::read_to_string(&path).unwrap()).is_ok());
    }
}

/// Not a test of its own: the child of the test above, which saves a large portfolio
/// over and over until it is killed.
#[test]
fn saving_child() {
    let Ok(path) = std::env::var("STYR_HOSTILE_CHILD") else {
        return;
    };
    let (bytes, mut doc) = store::open(&path).unwrap();
    let mut p = parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
    for i in 0.. {
        // Near the 1 MiB a string may have, so that a save takes a while.
        p.projects[0].name = format!("{}{i}", "x".repeat(1_000_000));
        store::save(&mut doc, &p).unwrap();
    }
}

// ---- 6. No journal is thrown away unseen ----------------------------------------------

#[test]
fn an_empty_random_or_zeroed_journal_is_kept_aside_and_said() {
    for (what, bytes) in [
        ("empty", Vec::new()),
        ("zeros", vec![0u8; 4096]),
        (
            "random",
            (0..3000u32).map(|i| (i * 7919 % 251) as u8).collect(),
        ),
    ] {
        let (dir, path) = folder(FIXTURE);
        fs::write(journal_of(&path), &bytes).unwrap();
        let (app, _s) = open(&path, false);
        let msg = app.message.clone().unwrap_or_default();
        assert!(msg.contains("damaged journal"), "{what}: {msg}");
        assert!(
            msg.contains(".plan.ron.styr-journal.damaged"),
            "{what}: {msg}"
        );
        assert!(!app.read_only, "{what}");
        let kept = dir.path().join(".plan.ron.styr-journal.damaged");
        assert_eq!(fs::read(&kept).unwrap(), bytes, "{what}");
        assert!(!journal_of(&path).exists(), "{what}");
        assert_message_shown_whole(&app, 80, 24);
    }
}

#[test]
fn a_damaged_line_and_a_cut_last_line_are_said_and_the_journal_kept() {
    let (dir, path) = folder(FIXTURE);
    {
        let (mut app, mut s) = open(&path, false);
        select(&mut app, &mut s, "T-01");
        keys(&mut app, &mut s, "H3");
        select(&mut app, &mut s, "T-02");
        keys(&mut app, &mut s, "H3"); // Green → Red
    }
    let journal = journal_of(&path);
    let text = fs::read_to_string(&journal).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "a header and two edits");
    let damaged = format!(
        "{}\nthis line is garbage(\n{}\n{}",
        lines[0],
        lines[1],
        &lines[2][..lines[2].len() / 2]
    );
    fs::write(&journal, &damaged).unwrap();

    let (app, _s) = open(&path, false);
    assert_eq!(app.overlay, Some(Overlay::Question(Question::Recover)));
    let info = app.recovery.clone().unwrap();
    assert_eq!((info.edits, info.unreadable, info.torn_tail), (1, 1, true));
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("1 lines of the journal were damaged"),
        "{shown}"
    );
    assert!(shown.contains("The last line was cut off"), "{shown}");
    assert!(shown.contains(".plan.ron.styr-journal.damaged"), "{shown}");
    let kept = dir.path().join(".plan.ron.styr-journal.damaged");
    assert_eq!(fs::read_to_string(kept).unwrap(), damaged);
}

/// A journal of edits to T-02, then T-02 renamed in the file by someone else.
fn journal_that_no_longer_fits() -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = folder(FIXTURE);
    {
        let (mut app, mut s) = open(&path, false);
        select(&mut app, &mut s, "T-02");
        keys(&mut app, &mut s, "H3");
        keys(&mut app, &mut s, "4");
        press(&mut app, &mut s, KeyCode::Enter);
        keys(&mut app, &mut s, "4");
    }
    fs::write(&path, FIXTURE.replace(r#"id: "T-02""#, r#"id: "T-02b""#)).unwrap();
    (dir, path)
}

#[test]
fn edits_that_no_longer_fit_are_shown_kept_and_a_clean_quit_asks_nothing_next_time() {
    let (dir, path) = journal_that_no_longer_fits();
    let (mut app, mut s) = open(&path, false);
    assert_eq!(app.overlay, Some(Overlay::Question(Question::Recover)));
    keys(&mut app, &mut s, "y");
    // Which project, which field, what value.
    assert_eq!(app.overlay, Some(Overlay::Question(Question::NotApplied)));
    for (w, h) in [(80, 24), (120, 40)] {
        let shown = screen(&app, w, h);
        assert!(shown.contains("Edits that no longer fit"), "{shown}");
        assert!(shown.contains("T-02 · health → Red"), "{shown}");
        assert!(
            shown.contains("T-02 · evaluations.2026-11-22.scores.goals → 4"),
            "{shown}"
        );
        assert!(
            shown.contains(".plan.ron.styr-journal.not-applied"),
            "{shown}"
        );
    }
    let kept = dir.path().join(".plan.ron.styr-journal.not-applied");
    assert_eq!(store::kept::read_not_applied(&path).unwrap().len(), 2);
    press(&mut app, &mut s, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    assert!(app.message.as_deref().unwrap().contains("not-applied"));
    // Nothing applied, nothing unsaved: q quits at once and leaves no journal behind.
    assert_eq!(app.unsaved, 0);
    keys(&mut app, &mut s, "q");
    assert!(app.quit);
    drop(s);
    assert!(!journal_of(&path).exists());

    // The next start asks nothing about an interruption, but shows the kept edits
    // again until they are dismissed.
    let (mut app, mut s) = open(&path, false);
    assert_eq!(app.recovery, None);
    assert_eq!(app.overlay, Some(Overlay::Question(Question::NotApplied)));
    keys(&mut app, &mut s, "d");
    assert_eq!(app.overlay, None);
    assert!(!kept.exists());
    drop(s);
    let (app, _s) = open(&path, false);
    assert_eq!(app.overlay, None);
}

#[test]
fn reload_after_a_conflict_shows_and_keeps_the_edits_that_no_longer_fit() {
    let (dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "T-02");
    keys(&mut app, &mut s, "H3");
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H1");
    fs::write(&path, FIXTURE.replace(r#"id: "T-02""#, r#"id: "T-02b""#)).unwrap();
    keys(&mut app, &mut s, "sr");
    assert_eq!(app.overlay, Some(Overlay::Question(Question::NotApplied)));
    assert_eq!(app.unsaved, 1);
    let kept = store::kept::read_not_applied(&path).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].project_id(), Some("T-02"));
    // The journal holds only what applied: a crash now recovers exactly the screen.
    let rec = store::read_journal(&path).unwrap().unwrap();
    assert_eq!(rec.entries.len(), 1);
    assert!(
        dir.path()
            .join(".plan.ron.styr-journal.not-applied")
            .exists()
    );
}

// ---- 7. A full disk ---------------------------------------------------------------------

/// A tiny file system of its own (tmpfs), mounted for the test and unmounted after.
struct TinyDisk(tempfile::TempDir);

impl TinyDisk {
    fn mount(kib: u32) -> Option<TinyDisk> {
        if !is_root() {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: cannot mount a tmpfs here");
            return None;
        }
        Some(TinyDisk(dir))
    }
    fn path(&self) -> &Path {
        self.0.path()
    }
    /// Fill what is left with one file.
    fn fill(&self) {
        use std::io::Write;
        let mut f = fs::File::create(self.path().join("filler")).unwrap();
        let block = vec![0u8; 4096];
        while f.write_all(&block).is_ok() {}
        let _ = f.sync_all();
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.0.path())
            .status();
    }
}

#[test]
fn on_a_full_disk_the_lock_is_written_whole_or_not_at_all_and_the_message_fits() {
    let Some(disk) = TinyDisk::mount(256) else {
        return;
    };
    let path = disk.path().join("plan.ron");
    fs::write(&path, FIXTURE).unwrap();
    disk.fill();
    match store::acquire(&path) {
        Err(e) => assert!(e.to_string().contains("disk is full"), "{e}"),
        Ok(store::LockState::Acquired(lock)) => {
            // Written in full, then: it names us.
            let text = fs::read_to_string(lock.path()).unwrap();
            assert!(
                text.contains(&format!("pid={}", std::process::id())),
                "{text:?}"
            );
            return;
        }
        Ok(other) => panic!("{other:?}"),
    }
    assert!(!lock_of(&path).exists(), "an empty lock was left");

    let (mut app, mut s) = open(&path, false);
    let msg = app.message.clone().unwrap();
    assert!(msg.contains("the disk is full"), "{msg}");
    assert_message_shown_whole(&app, 80, 24);
    assert_message_shown_whole(&app, 120, 40);
    // An edit that cannot be journaled is not made, and says so in words that fit.
    select(&mut app, &mut s, "T-01");
    keys(&mut app, &mut s, "H3");
    assert_eq!(app.unsaved, 0);
    let msg = app.message.clone().unwrap();
    assert!(msg.contains("the disk is full"), "{msg}");
    assert_message_shown_whole(&app, 80, 24);
}

// ---- The second red-team pass -----------------------------------------------------------

#[test]
fn a_hard_link_planted_as_the_lock_is_never_written_through() {
    let (dir, path) = folder(FIXTURE);
    let victim = dir.path().join("precious");
    fs::write(&victim, "the victim's own text").unwrap();
    fs::hard_link(&victim, lock_of(&path)).unwrap();
    let (app, _s) = open(&path, false);
    assert!(!app.read_only, "{:?}", app.message);
    assert_eq!(
        fs::read_to_string(&victim).unwrap(),
        "the victim's own text"
    );
    // The lock is a file of its own now, not a second name of the victim's.
    let lock = fs::metadata(lock_of(&path)).unwrap();
    assert_eq!(lock.nlink(), 1);
    assert_ne!(lock.ino(), fs::metadata(&victim).unwrap().ino());
}

#[test]
fn a_hard_linked_sidecar_is_refused_for_writing() {
    let (dir, _path) = folder(FIXTURE);
    let victim = dir.path().join("precious");
    fs::write(&victim, "keep").unwrap();
    let side = dir.path().join(".plan.ron.styr-lock");
    fs::hard_link(&victim, &side).unwrap();
    for access in [
        store::sidecar::Access::Write,
        store::sidecar::Access::Append,
    ] {
        let e = store::sidecar::open(&side, access).unwrap_err();
        assert!(e.to_string().contains("hard links"), "{e}");
    }
    assert!(store::sidecar::open(&side, store::sidecar::Access::Read).is_ok());
}

#[test]
fn a_huge_sparse_journal_is_set_aside_whole_without_reading_it() {
    let (dir, path) = folder(FIXTURE);
    let f = fs::File::create(journal_of(&path)).unwrap();
    f.set_len(2 << 30).unwrap();
    drop(f);
    let started = std::time::Instant::now();
    let (app, _s) = open(&path, false);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let msg = app.message.clone().unwrap();
    assert!(msg.contains(&(2u64 << 30).to_string()), "{msg}");
    let kept = dir.path().join(".plan.ron.styr-journal.damaged");
    let meta = fs::metadata(&kept).unwrap();
    assert_eq!(meta.len(), 2 << 30);
    assert!(
        meta.blocks() < 1024,
        "it was copied: {} blocks",
        meta.blocks()
    );
    assert!(!journal_of(&path).exists());
    assert!(!app.read_only);
}

#[test]
fn temporary_files_of_a_journal_rewrite_killed_half_way_are_removed_too() {
    let (dir, path) = folder(FIXTURE);
    let host = format!(
        "{:08x}",
        store::fnv1a64(store::lock::host_name().as_bytes()) as u32
    );
    let stale = dir.path().join(format!(
        "..plan.ron.styr-journal.{host}-{}.Zz9yX8.styr-tmp",
        u32::MAX - 9
    ));
    fs::write(&stale, "half a journal").unwrap();
    let (_app, _s) = open(&path, false);
    assert!(!stale.exists(), "left: {:?}", names(dir.path()));
}

#[test]
fn another_users_not_applied_file_is_not_shown_as_ones_own() {
    if !is_root() {
        return;
    }
    let (_dir, path) = folder(FIXTURE);
    let date = styr::model::Date::parse("2026-11-22").unwrap();
    let na = store::kept::keep_not_applied(
        &path,
        &[styr::model::edit::Edit::Note {
            project: "T-01".into(),
            date,
            note: Some("Vedtak: stans prosjektet".into()),
        }],
    )
    .unwrap();
    std::os::unix::fs::chown(&na, Some(NOBODY), Some(NOBODY)).unwrap();
    let (app, _s) = open(&path, false);
    assert_eq!(app.overlay, None);
    assert_eq!(app.not_applied, None);
}

#[test]
fn an_interrupted_in_place_save_says_where_the_whole_text_is() {
    let (dir, path) = folder(FIXTURE);
    // What a save of a hard-linked file that died half-way leaves: a torn file, and
    // the whole new text beside it.
    fs::write(dir.path().join(".plan.ron.styr-saving"), FIXTURE).unwrap();
    fs::write(&path, &FIXTURE[..FIXTURE.len() / 2]).unwrap();
    for cmd in ["check", "report"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_styr"))
            .args([cmd, "plan.ron"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(2), "{cmd}: {text}");
        assert!(text.contains("a save was interrupted"), "{cmd}: {text}");
        assert!(text.contains(".plan.ron.styr-saving"), "{cmd}: {text}");
    }
}
