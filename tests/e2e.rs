//! End to end: the built binary in a pseudo-terminal, driven by keys as a user types them,
//! with the screen read back through a terminal emulator (`vt100`).
//!
//! These tests assert what does not depend on how a pane is drawn: the status line, the
//! project list, the question popups, the files on disk, the exit status, and that the
//! terminal is given back as it was (alternate screen left, cursor shown, raw mode off).
//!
//! How the harness works: `portable-pty` opens the pty and starts styr as a session leader
//! with the pty as its controlling terminal (as a login shell would). The test reads and
//! writes the master side itself with poll(2), so it never blocks and the master has one
//! descriptor only: dropping it is a real hang-up. The test also keeps the slave side open,
//! so the pty's terminal settings survive styr's exit and can be compared with the ones it
//! started with (the kernel resets them when the last slave descriptor closes).
//!
//! Waiting: never a fixed sleep. A step waits until the screen shows what it should, then
//! until it settles (two identical parses with nothing new between them), with a generous
//! timeout so a loaded 2-core machine only makes the tests slower, not red.
//!
//! Where no pty can be had, each test prints "skipped: no pty (…)" and passes.

#![cfg(unix)]

use std::ffi::OsStr;
use std::fs;
use std::os::fd::RawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, SlavePty, native_pty_system};

use styr::model::{Date, Decision, Portfolio, parse};

const BIN: &str = env!("CARGO_BIN_EXE_styr");
const DATE: &str = "2026-11-26";
/// How long one step may take before the test fails (a loaded machine is slow, not wrong).
const STEP: Duration = Duration::from_secs(20);
/// Quiet time after which two identical parses count as a settled screen.
const QUIET: Duration = Duration::from_millis(120);

const ENTER_ALT: &str = "\x1b[?1049h";
const LEAVE_ALT: &str = "\x1b[?1049l";
const SHOW_CURSOR: &str = "\x1b[?25h";
const HIDE_CURSOR: &str = "\x1b[?25l";

/// styr running in a pseudo-terminal.
struct Tui {
    child: Box<dyn Child + Send + Sync>,
    /// `None` once dropped: the terminal hung up.
    master: Option<Box<dyn MasterPty + Send>>,
    /// Kept open so the terminal settings outlive the child (see the top of the file).
    _slave: Box<dyn SlavePty + Send>,
    /// Every byte styr wrote, from the start.
    out: Vec<u8>,
    parser: vt100::Parser,
    /// The terminal settings before styr started (cooked mode).
    before: libc::termios,
    eof: bool,
}

/// How to start styr: size, TERM, arguments, working folder.
struct Run<'a> {
    cols: u16,
    rows: u16,
    term: &'a str,
    args: Vec<&'a str>,
    dir: &'a Path,
    /// Start styr from a shell that ignores SIGHUP (as `nohup`, zsh's NO_HUP or a
    /// disowned job leave it): a hang-up then reaches the shell, never styr.
    shell_ignoring_hup: bool,
    /// Run styr as this user (with `setpriv`; needs root).
    uid: Option<u32>,
}

impl<'a> Run<'a> {
    fn new(dir: &'a Path, args: &[&'a str]) -> Self {
        Run {
            cols: 120,
            rows: 40,
            term: "xterm-256color",
            args: args.to_vec(),
            dir,
            shell_ignoring_hup: false,
            uid: None,
        }
    }
    fn user(mut self, uid: u32) -> Self {
        self.uid = Some(uid);
        self
    }
    fn shell_ignoring_hup(mut self) -> Self {
        self.shell_ignoring_hup = true;
        self
    }
    fn size(mut self, cols: u16, rows: u16) -> Self {
        self.cols = cols;
        self.rows = rows;
        self
    }
    fn term(mut self, term: &'a str) -> Self {
        self.term = term;
        self
    }

    /// Start styr, or `None` (and say why) where no pty can be opened.
    fn start(self) -> Option<Tui> {
        let pair = match native_pty_system().openpty(PtySize {
            rows: self.rows,
            cols: self.cols,
            pixel_width: 0,
            pixel_height: 0,
        }) {
            Ok(p) => p,
            Err(e) => {
                // Straight to stderr, past the test harness's capture, so the skip is seen.
                use std::io::Write;
                let _ = writeln!(std::io::stderr(), "skipped: no pty ({e})");
                return None;
            }
        };
        let fd = pair.master.as_raw_fd().expect("a unix pty has a master fd");
        let before = termios(fd).expect("the pty's settings can be read");
        let mut cmd = if self.shell_ignoring_hup {
            let mut c = CommandBuilder::new("/bin/sh");
            c.args(["-c", r#"trap "" HUP; "$0" "$@"; exit $?"#, BIN]);
            c
        } else if let Some(uid) = self.uid {
            let mut c = CommandBuilder::new("setpriv");
            c.args([
                format!("--reuid={uid}"),
                format!("--regid={uid}"),
                "--clear-groups".to_string(),
                BIN.to_string(),
            ]);
            c
        } else {
            CommandBuilder::new(BIN)
        };
        cmd.args(self.args.iter().map(OsStr::new));
        cmd.cwd(self.dir);
        cmd.env("TERM", self.term);
        for v in ["NO_COLOR", "LC_ALL", "LC_MESSAGES", "COLORTERM"] {
            cmd.env_remove(v);
        }
        cmd.env("LANG", "C.UTF-8");
        let child = pair
            .slave
            .spawn_command(cmd)
            .expect("styr starts in the pty");
        Some(Tui {
            child,
            master: Some(pair.master),
            _slave: pair.slave,
            out: Vec::new(),
            parser: vt100::Parser::new(nonzero(self.rows), nonzero(self.cols), 0),
            before,
            eof: false,
        })
    }
}

/// Start styr or skip the test.
macro_rules! start {
    ($run:expr) => {
        match $run.start() {
            Some(t) => t,
            None => return,
        }
    };
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal size is not zero")
}

fn termios(fd: RawFd) -> Option<libc::termios> {
    // SAFETY: tcgetattr writes a termios into the zeroed value we own.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    (unsafe { libc::tcgetattr(fd, &mut t) } == 0).then_some(t)
}

impl Tui {
    fn fd(&self) -> RawFd {
        self.master
            .as_ref()
            .and_then(|m| m.as_raw_fd())
            .expect("the terminal is still open")
    }

    /// Read what styr wrote within `wait`; the number of bytes read.
    fn pump(&mut self, wait: Duration) -> usize {
        if self.eof || self.master.is_none() {
            return 0;
        }
        let fd = self.fd();
        let mut pfd = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = wait.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: one pollfd, owned here.
        let n = unsafe { libc::poll(&mut pfd, 1, ms) };
        if n <= 0 {
            return 0;
        }
        let mut buf = [0u8; 65536];
        // SAFETY: reading into a buffer we own, at most its length.
        let got = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if got <= 0 {
            // EIO or end of file: nothing more will come (EINTR: try again later).
            let err = std::io::Error::last_os_error();
            if got == 0 || err.kind() != std::io::ErrorKind::Interrupted {
                self.eof = true;
            }
            return 0;
        }
        let got = got as usize;
        self.out.extend_from_slice(&buf[..got]);
        self.parser.process(&buf[..got]);
        got
    }

    fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    fn text(&self) -> String {
        self.screen().contents()
    }

    /// The bottom line: file, unsaved state, filter, message or key hints.
    /// The status line (the last row), then the rows above it that a long message
    /// wrapped onto (those that are not a pane's frame), top first.
    fn status_line(&self) -> String {
        let (rows, cols) = self.screen().size();
        let (rows, cols) = (rows.get(), cols.get());
        let row = |r: u16| {
            self.screen()
                .contents_between(r, 0, r, cols)
                .trim_end()
                .to_string()
        };
        let mut out = row(rows - 1);
        let above: Vec<String> = (rows.saturating_sub(3)..rows - 1)
            .rev()
            .map(row)
            .take_while(|l| l.starts_with(' ') && !l.trim().is_empty())
            .collect();
        for l in above.iter().rev() {
            out.push('\n');
            out.push_str(l);
        }
        out
    }

    /// Until the screen stops changing: two identical parses with a quiet spell between.
    fn settle(&mut self) {
        let deadline = Instant::now() + STEP;
        let mut last = self.text();
        while Instant::now() < deadline {
            let got = self.pump(QUIET);
            let now = self.text();
            if got == 0 && now == last {
                return;
            }
            last = now;
        }
        panic!("the screen never settled:\n{}", self.text());
    }

    /// Until the screen shows what `ok` looks for, then until it settles.
    fn wait_for(&mut self, what: &str, ok: impl Fn(&Tui) -> bool) {
        let deadline = Instant::now() + STEP;
        while !ok(self) {
            if Instant::now() > deadline {
                panic!(
                    "waited {STEP:?} for {what}; the screen:\n{}\nstatus line: {:?}",
                    self.text(),
                    self.status_line()
                );
            }
            if self.pump(Duration::from_millis(50)) == 0 && self.exited() {
                panic!(
                    "styr ended while waiting for {what}; the screen:\n{}\nits output: {:?}",
                    self.text(),
                    String::from_utf8_lossy(&self.out)
                );
            }
        }
        self.settle();
    }

    /// Until `s` is on the screen.
    fn wait_text(&mut self, s: &str) {
        self.wait_for(&format!("{s:?} on the screen"), |t| t.text().contains(s));
    }

    /// Until the status line holds `s`.
    fn wait_status(&mut self, s: &str) {
        self.wait_for(&format!("{s:?} in the status line"), |t| {
            t.status_line().contains(s)
        });
    }

    /// Type `keys` (bytes as a terminal sends them: "\r" is Enter, "\x1b" Esc).
    fn send(&mut self, keys: &str) {
        let fd = self.fd();
        let mut rest = keys.as_bytes();
        while !rest.is_empty() {
            // SAFETY: writing from a slice we own, at most its length.
            let n = unsafe { libc::write(fd, rest.as_ptr().cast(), rest.len()) };
            assert!(
                n > 0,
                "writing to the pty: {}",
                std::io::Error::last_os_error()
            );
            rest = &rest[n as usize..];
        }
    }

    fn pid(&self) -> i32 {
        self.child.process_id().expect("styr has a pid") as i32
    }

    fn signal(&self, sig: i32) {
        // SAFETY: kill(2) on our own child's pid.
        assert_eq!(unsafe { libc::kill(self.pid(), sig) }, 0, "kill {sig}");
    }

    fn exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    /// Until styr ends; then read what it wrote last. Its exit status.
    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + STEP;
        loop {
            if let Some(status) = self.child.try_wait().expect("waiting for styr") {
                // Everything it wrote is in the pty's buffer already.
                while self.pump(QUIET) > 0 {}
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "styr did not end within {STEP:?}; the screen:\n{}",
                    self.text()
                );
            }
            self.pump(Duration::from_millis(50));
        }
    }

    /// Is the terminal in raw mode now (no line editing, no echo)?
    fn raw_mode(&self) -> bool {
        let t = termios(self.fd()).expect("the pty's settings can be read");
        t.c_lflag & (libc::ICANON | libc::ECHO) == 0
    }

    /// The terminal is as styr found it: alternate screen left, cursor shown, the pty's
    /// settings those from before the start (raw mode off), and nothing drawn after.
    fn assert_restored(&self) {
        let out = String::from_utf8_lossy(&self.out);
        assert!(
            out.contains(ENTER_ALT),
            "styr never entered the alternate screen"
        );
        // After leaving the alternate screen nothing but "show the cursor" (ratatui's
        // Terminal shows it once more when it is dropped).
        let leave = out
            .rfind(LEAVE_ALT)
            .expect("styr never left the alternate screen");
        let after = &out[leave + LEAVE_ALT.len()..];
        assert!(
            after.starts_with(SHOW_CURSOR) && after.replace(SHOW_CURSOR, "").is_empty(),
            "after leaving the alternate screen styr wrote {after:?}; its last output: {:?}",
            String::from_utf8_lossy(&self.out[self.out.len().saturating_sub(80)..])
        );
        assert!(out.rfind(ENTER_ALT) < out.rfind(LEAVE_ALT));
        assert!(out.rfind(HIDE_CURSOR) < out.rfind(SHOW_CURSOR));
        assert!(
            !self.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert!(!self.screen().hide_cursor(), "the cursor is still hidden");
        let now = termios(self.fd()).expect("the pty's settings can be read");
        let b = &self.before;
        assert_eq!(
            (now.c_iflag, now.c_oflag, now.c_cflag, now.c_lflag),
            (b.c_iflag, b.c_oflag, b.c_cflag, b.c_lflag),
            "the terminal settings differ from before styr started (raw mode left on?)"
        );
        assert_ne!(now.c_lflag & libc::ICANON, 0, "line editing is off");
        assert_ne!(now.c_lflag & libc::ECHO, 0, "echo is off");
    }

    /// Drop the terminal as a lost SSH connection does: the kernel hangs up the session.
    fn hang_up(&mut self) {
        self.master = None;
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // A failed test leaves no styr behind (nor a shell it was started from): the child
        // leads a process group of its own, so end that group.
        if matches!(self.child.try_wait(), Ok(None)) {
            // SAFETY: kill(2) on the group our own child leads.
            unsafe { libc::kill(-self.pid(), libc::SIGKILL) };
            let _ = self.child.wait();
        }
    }
}

// ---------------------------------------------------------------------------------------
// The portfolio on disk.

/// A temporary folder with a copy of data/NAME.
fn copy_of(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name);
    let dst = dir.path().join(name);
    fs::copy(&src, &dst).unwrap();
    (dir, dst)
}

fn on_disk(path: &Path) -> Portfolio {
    let text = fs::read_to_string(path).unwrap();
    parse(&text).unwrap_or_else(|d| panic!("{} does not load: {d:?}", path.display()))
}

/// Every file in `dir` with its bytes.
fn folder(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn date() -> Date {
    Date::parse(DATE).unwrap()
}

fn args(file: &str) -> Vec<&str> {
    vec![file, "--date", DATE, "--lang", "en"]
}

/// The meeting's record, typed as a chair would: to the score sheet, three scores,
/// decision "Adjust", a note; five edits, each confirmed in the status line.
fn record(t: &mut Tui) {
    t.send("4");
    t.wait_text("▶ 4");
    t.send("435");
    t.wait_status("unsaved (3)");
    t.send("d");
    t.wait_text("2 Adjust");
    t.send("2");
    t.wait_status("unsaved (4)");
    t.send("n");
    t.wait_text("Meeting note");
    t.send("Ny plan æøå\r");
    t.wait_status("unsaved (5)");
}

/// The evaluation `record` makes, on project `id` in the file at `path`.
fn assert_recorded(path: &Path, id: &str) {
    let p = on_disk(path);
    let project = p.projects.iter().find(|p| p.id == id).unwrap();
    let e = project
        .evaluations
        .iter()
        .find(|e| e.date == date())
        .unwrap_or_else(|| panic!("{id} has no evaluation dated {DATE}"));
    let scores: Vec<(&str, i64)> = e.scores.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(scores, [("goals", 4), ("results", 3), ("budget", 5)]);
    assert_eq!(e.decision, Some(Decision::Adjust));
    assert_eq!(e.note.as_deref(), Some("Ny plan æøå"));
    // And on no other project.
    let others: Vec<&str> = p
        .projects
        .iter()
        .filter(|q| q.id != id && q.evaluations.iter().any(|e| e.date == date()))
        .map(|q| q.id.as_str())
        .collect();
    assert!(others.is_empty(), "also evaluated: {others:?}");
}

fn journal_exists(dir: &Path) -> bool {
    folder(dir)
        .iter()
        .any(|(n, _)| n.ends_with(".styr-journal"))
}

// ---------------------------------------------------------------------------------------
// The tests.

#[test]
fn opens_a_portfolio_at_120x40_and_80x24_and_q_gives_the_terminal_back() {
    for (cols, rows) in [(120, 40), (80, 24)] {
        let (dir, _) = copy_of("hamar.ron");
        let mut t = start!(Run::new(dir.path(), &args("hamar.ron")).size(cols, rows));
        t.wait_text("HA-01");
        let screen = t.text();
        // The project list: ids and names from the file, sixteen of them.
        for id in ["HA-01", "HA-10", "HA-16"] {
            assert!(screen.contains(id), "{cols}x{rows}: no {id} in\n{screen}");
        }
        assert!(screen.contains("Internasjonal uke"), "{screen}");
        assert!(screen.contains("Projects"), "{screen}");
        assert!(screen.contains("meeting 2026-11-26"), "{screen}");
        // The status line: the file, and the keys that matter here.
        let status = t.status_line();
        assert!(status.starts_with(" hamar.ron"), "{status:?}");
        assert!(status.contains("? help"), "{status:?}");
        assert!(t.screen().alternate_screen());
        assert!(t.raw_mode(), "styr runs the terminal in raw mode");

        t.send("q");
        let status = t.wait_exit();
        assert!(status.success(), "{cols}x{rows}: {status}");
        t.assert_restored();
        // Opening and quitting writes nothing: no lock, journal or backup left behind.
        let names: Vec<String> = folder(dir.path()).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["hamar.ron"]);
    }
}

#[test]
fn search_narrows_the_list_and_enter_selects_the_best_match_which_is_scored_and_saved() {
    let (dir, path) = copy_of("hamar.ron");
    // At 80x24 only the project list is drawn, so the ids on screen are its rows.
    let mut t = start!(Run::new(dir.path(), &args("hamar.ron")).size(80, 24));
    t.wait_text("HA-01");
    t.send("/");
    t.wait_status("matches");
    t.send("verts");
    t.wait_status("2 matches");
    let screen = t.text();
    assert!(screen.contains("HA-04"), "{screen}");
    assert!(screen.contains("HA-11"), "{screen}");
    for gone in ["HA-01", "HA-10", "HA-16"] {
        assert!(
            !screen.contains(gone),
            "{gone} should be filtered out:\n{screen}"
        );
    }
    // Enter keeps the filter (said in the status line) and selects the best match.
    t.send("\r");
    t.wait_status("Filter: search «verts»");
    assert!(t.text().contains("HA-04"));
    assert!(!t.text().contains("HA-01"));

    record(&mut t);
    t.send("s");
    t.wait_status("Saved hamar.ron");
    assert!(!t.status_line().contains("unsaved"));
    // The best match for "verts" is HA-04 ("Videreutvikle vertskapsrollen …").
    assert_recorded(&path, "HA-04");
    // The file keeps its comments (nothing kept beside it); the journal is gone.
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("// Hamar kommune")
    );
    assert!(!dir.path().join("hamar.ron.orig").exists());
    assert!(!journal_exists(dir.path()));

    t.send("q");
    let status = t.wait_exit();
    assert!(status.success(), "{status}");
    t.assert_restored();
}

#[test]
fn scoring_then_q_asks_and_y_saves_and_quits() {
    let (dir, path) = copy_of("fredrikstad.ron");
    let before = on_disk(&path);
    let mut t = start!(Run::new(dir.path(), &args("fredrikstad.ron")));
    t.wait_status("fredrikstad.ron");
    let first = before.projects[0].id.clone();
    t.send(&format!("/{first}\r"));
    t.wait_status(&format!("search «{first}»"));
    record(&mut t);
    t.send("q");
    t.wait_text("y save and quit");
    t.send("y");
    let status = t.wait_exit();
    assert!(status.success(), "{status}");
    t.assert_restored();
    assert_recorded(&path, &first);
    assert!(!journal_exists(dir.path()));
}

#[test]
fn sigterm_sighup_and_sigint_exit_with_128_plus_n_and_restore_the_terminal() {
    for (sig, name) in [
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGHUP, "SIGHUP"),
        (libc::SIGINT, "SIGINT"),
    ] {
        let (dir, _) = copy_of("akershus.ron");
        let mut t = start!(Run::new(dir.path(), &args("akershus.ron")));
        t.wait_status("akershus.ron");
        t.signal(sig);
        let status = t.wait_exit();
        assert_eq!(
            (status.exit_code(), status.signal()),
            (128 + sig as u32, None),
            "{name}: {status}"
        );
        t.assert_restored();
    }
}

#[test]
fn after_sigkill_the_next_start_asks_to_recover_and_y_then_s_saves_the_edits() {
    let (dir, path) = copy_of("hamar.ron");
    let untouched = fs::read(&path).unwrap();
    {
        let mut t = start!(Run::new(dir.path(), &args("hamar.ron")));
        t.wait_text("HA-01");
        t.send("/HA-07\r");
        t.wait_status("search «HA-07»");
        record(&mut t);
        // Every edit shown as made is in the journal already: SIGKILL loses none of them.
        t.signal(libc::SIGKILL);
        let status = t.wait_exit();
        assert!(status.signal().is_some(), "killed: {status}");
    }
    assert_eq!(fs::read(&path).unwrap(), untouched, "nothing was saved");
    assert!(journal_exists(dir.path()));

    let mut t = start!(Run::new(dir.path(), &args("hamar.ron")));
    t.wait_text("Unsaved changes from an earlier session");
    assert!(t.text().contains("y recover"), "{}", t.text());
    t.send("y");
    t.wait_status("Recovered 5 changes");
    assert!(
        t.status_line().contains("unsaved (5)"),
        "{}",
        t.status_line()
    );
    t.send("s");
    t.wait_status("Saved hamar.ron");
    assert_recorded(&path, "HA-07");
    assert!(!journal_exists(dir.path()));
    t.send("q");
    assert!(t.wait_exit().success());
    t.assert_restored();
}

#[test]
fn a_dropped_connection_ends_styr_and_keeps_every_edit_for_the_next_start() {
    let (dir, path) = copy_of("hamar.ron");
    {
        let mut t = start!(Run::new(dir.path(), &args("hamar.ron")));
        t.wait_text("HA-01");
        t.send("/HA-02\r");
        t.wait_status("search «HA-02»");
        record(&mut t);
        // The SSH connection drops: the terminal hangs up. styr must notice (crossterm's
        // event loop would spin) and end with 128 + SIGHUP.
        t.hang_up();
        let status = t.wait_exit();
        assert_eq!(status.exit_code(), 129, "{status}");
    }
    assert!(journal_exists(dir.path()));
    // The lock went with the process: the next start may write, and offers the edits.
    let mut t = start!(Run::new(dir.path(), &args("hamar.ron")));
    t.wait_text("Unsaved changes from an earlier session");
    t.send("y");
    t.wait_status("Recovered 5 changes");
    assert!(!t.status_line().contains("read-only"));
    t.send("s");
    t.wait_status("Saved hamar.ron");
    assert_recorded(&path, "HA-02");
    t.send("q");
    assert!(t.wait_exit().success());
}

#[test]
fn a_hang_up_that_never_sends_sighup_to_styr_still_ends_it() {
    // The terminal goes away but the signal goes to a shell that ignores it: crossterm's
    // event loop would spin at full CPU for ever, holding the lock (crossterm #793).
    let (dir, path) = copy_of("hamar.ron");
    {
        let mut t = start!(Run::new(dir.path(), &args("hamar.ron")).shell_ignoring_hup());
        t.wait_text("HA-01");
        t.send("/HA-03\r");
        t.wait_status("search «HA-03»");
        record(&mut t);
        t.hang_up();
        let status = t.wait_exit();
        assert_eq!(status.exit_code(), 129, "{status}");
    }
    let mut t = start!(Run::new(dir.path(), &args("hamar.ron")));
    t.wait_text("Unsaved changes from an earlier session");
    t.send("y");
    t.wait_status("Recovered 5 changes");
    t.send("s");
    t.wait_status("Saved hamar.ron");
    assert_recorded(&path, "HA-03");
    t.send("q");
    assert!(t.wait_exit().success());
}

#[test]
fn read_only_leaves_the_folder_exactly_as_it_was() {
    let (dir, _) = copy_of("lillestrom.ron");
    let before = folder(dir.path());
    let mut a = args("lillestrom.ron");
    a.push("--read-only");
    let mut t = start!(Run::new(dir.path(), &a));
    t.wait_status("read-only");
    // Everything that would change the file, then save.
    t.send("4");
    t.settle();
    t.send("35");
    t.settle();
    t.send("d");
    t.settle();
    t.send("2");
    t.settle();
    t.send("s");
    t.settle();
    assert!(!t.status_line().contains("unsaved"), "{}", t.status_line());
    t.send("q");
    let status = t.wait_exit();
    assert!(status.success(), "{status}");
    t.assert_restored();
    assert_eq!(folder(dir.path()), before, "--read-only changed the folder");
}

#[test]
fn every_common_term_value_starts_draws_and_quits_cleanly() {
    let (dir, _) = copy_of("hamar.ron");
    for term in [
        "xterm-256color",
        "screen-256color",
        "tmux-256color",
        "linux",
        "vt100",
    ] {
        for (cols, rows) in [(80, 24), (120, 40)] {
            let mut t = start!(
                Run::new(dir.path(), &args("hamar.ron"))
                    .size(cols, rows)
                    .term(term)
            );
            t.wait_text("HA-01");
            let screen = t.text();
            assert!(
                screen.contains("Internasjonal uke"),
                "TERM={term}:\n{screen}"
            );
            assert!(t.status_line().starts_with(" hamar.ron"), "TERM={term}");
            // Box drawing arrived as such (the frame of the focused pane).
            assert!(screen.contains('━') || screen.contains('─'), "TERM={term}");
            // The help overlay opens over everything, and Esc closes it.
            t.send("?");
            t.wait_text("Help — every key");
            t.send("\x1b");
            t.wait_for("the help to close", |t| {
                !t.text().contains("Help — every key")
            });
            t.send("q");
            let status = t.wait_exit();
            assert!(status.success(), "TERM={term} {cols}x{rows}: {status}");
            t.assert_restored();
        }
    }
}

#[test]
fn another_users_write_protected_file_opens_read_only_and_is_never_replaced() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 || !Path::new("/usr/bin/setpriv").exists() {
        eprintln!("skipped: needs root and setpriv to run styr as another user");
        return;
    }
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let (dir, path) = copy_of("hamar.ron");
    // A folder everyone may write (as a shared folder is), a file only its owner reads
    // and nobody writes.
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&path).unwrap();
    for lang in ["en", "nb"] {
        let a = vec!["hamar.ron", "--date", DATE, "--lang", lang];
        let mut t = start!(Run::new(dir.path(), &a).user(65534).size(80, 24));
        t.wait_text("HA-01");
        let status = t.status_line();
        let (protected, ro) = match lang {
            "en" => ("is write-protected (r--r--r--)", "read-only"),
            _ => ("er skrivebeskyttet (r--r--r--)", "skrivebeskyttet"),
        };
        assert!(status.contains(protected), "{status}");
        assert!(status.contains(ro), "{status}");
        // An edit is refused; `s` offers save-as, and Esc leaves it.
        t.send("4");
        t.settle();
        t.send("5");
        t.settle();
        t.send("s");
        t.wait_text(if lang == "en" { "Save as" } else { "Lagre som" });
        t.send("\x1b");
        t.settle();
        t.send("q");
        let exit = t.wait_exit();
        assert!(exit.success(), "{exit}");
        t.assert_restored();
    }
    let meta = fs::metadata(&path).unwrap();
    assert_eq!(fs::read(&path).unwrap(), before, "the file was changed");
    assert_eq!(meta.uid(), 0, "the file was replaced by another user's");
    assert_eq!(meta.permissions().mode() & 0o777, 0o444);
    let left: Vec<String> = folder(dir.path()).into_iter().map(|(n, _)| n).collect();
    assert_eq!(left, ["hamar.ron"], "styr left files behind");
}
