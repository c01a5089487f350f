//! The end-to-end tests' harness: the built binary in a pseudo-terminal, driven by keys
//! as a user types them, with the screen read back through a terminal emulator (`vt100`).
//! Shared by tests/e2e.rs and tests/editor_e2e.rs (`#[path = "common/pty.rs"] mod pty;`).
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

#![allow(dead_code)]

use std::ffi::OsStr;
use std::fs;
use std::os::fd::RawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, SlavePty, native_pty_system};

pub const BIN: &str = env!("CARGO_BIN_EXE_styr");
/// How long one step may take before the test fails (a loaded machine is slow, not wrong).
pub const STEP: Duration = Duration::from_secs(20);
/// Quiet time after which two identical parses count as a settled screen.
pub const QUIET: Duration = Duration::from_millis(120);

pub const ENTER_ALT: &str = "\x1b[?1049h";
pub const LEAVE_ALT: &str = "\x1b[?1049l";
pub const SHOW_CURSOR: &str = "\x1b[?25h";
pub const HIDE_CURSOR: &str = "\x1b[?25l";

/// styr running in a pseudo-terminal.
pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    /// `None` once dropped: the terminal hung up.
    master: Option<Box<dyn MasterPty + Send>>,
    /// Kept open so the terminal settings outlive the child (see the top of the file).
    _slave: Box<dyn SlavePty + Send>,
    /// Every byte styr wrote, from the start.
    pub out: Vec<u8>,
    parser: vt100::Parser,
    /// The terminal settings before styr started (cooked mode).
    before: libc::termios,
    eof: bool,
}

/// How to start styr: size, TERM, arguments, working folder.
pub struct Run<'a> {
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
    /// Environment variables set for styr (after `VISUAL` and `EDITOR` are cleared).
    env: Vec<(&'a str, String)>,
}

impl<'a> Run<'a> {
    pub fn new(dir: &'a Path, args: &[&'a str]) -> Self {
        Run {
            cols: 120,
            rows: 40,
            term: "xterm-256color",
            args: args.to_vec(),
            dir,
            shell_ignoring_hup: false,
            uid: None,
            env: Vec::new(),
        }
    }
    pub fn env(mut self, name: &'a str, value: impl Into<String>) -> Self {
        self.env.push((name, value.into()));
        self
    }
    pub fn user(mut self, uid: u32) -> Self {
        self.uid = Some(uid);
        self
    }
    pub fn shell_ignoring_hup(mut self) -> Self {
        self.shell_ignoring_hup = true;
        self
    }
    pub fn size(mut self, cols: u16, rows: u16) -> Self {
        self.cols = cols;
        self.rows = rows;
        self
    }
    pub fn term(mut self, term: &'a str) -> Self {
        self.term = term;
        self
    }

    /// Start styr, or `None` (and say why) where no pty can be opened.
    pub fn start(self) -> Option<Tui> {
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
        for v in [
            "NO_COLOR",
            "LC_ALL",
            "LC_MESSAGES",
            "COLORTERM",
            "VISUAL",
            "EDITOR",
        ] {
            cmd.env_remove(v);
        }
        cmd.env("LANG", "C.UTF-8");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
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

pub fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal size is not zero")
}

pub fn termios(fd: RawFd) -> Option<libc::termios> {
    // SAFETY: tcgetattr writes a termios into the zeroed value we own.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    (unsafe { libc::tcgetattr(fd, &mut t) } == 0).then_some(t)
}

impl Tui {
    pub fn fd(&self) -> RawFd {
        self.master
            .as_ref()
            .and_then(|m| m.as_raw_fd())
            .expect("the terminal is still open")
    }

    /// Read what styr wrote within `wait`; the number of bytes read.
    pub fn pump(&mut self, wait: Duration) -> usize {
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

    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    pub fn text(&self) -> String {
        self.screen().contents()
    }

    /// The bottom line: file, unsaved state, filter, message or key hints.
    /// The status line (the last row), then the rows above it that a long message
    /// wrapped onto (those that are not a pane's frame), top first.
    pub fn status_line(&self) -> String {
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
    pub fn settle(&mut self) {
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
    pub fn wait_for(&mut self, what: &str, ok: impl Fn(&Tui) -> bool) {
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
    pub fn wait_text(&mut self, s: &str) {
        self.wait_for(&format!("{s:?} on the screen"), |t| t.text().contains(s));
    }

    /// Until the status line holds `s`.
    pub fn wait_status(&mut self, s: &str) {
        self.wait_for(&format!("{s:?} in the status line"), |t| {
            t.status_line().contains(s)
        });
    }

    /// Type `keys` (bytes as a terminal sends them: "\r" is Enter, "\x1b" Esc).
    pub fn send(&mut self, keys: &str) {
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

    pub fn pid(&self) -> i32 {
        self.child.process_id().expect("styr has a pid") as i32
    }

    pub fn signal(&self, sig: i32) {
        // SAFETY: kill(2) on our own child's pid.
        assert_eq!(unsafe { libc::kill(self.pid(), sig) }, 0, "kill {sig}");
    }

    pub fn exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    /// Until styr ends; then read what it wrote last. Its exit status.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
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
    pub fn raw_mode(&self) -> bool {
        let t = termios(self.fd()).expect("the pty's settings can be read");
        t.c_lflag & (libc::ICANON | libc::ECHO) == 0
    }

    /// The terminal is as styr found it: alternate screen left, cursor shown, the pty's
    /// settings those from before the start (raw mode off), and nothing drawn after.
    pub fn assert_restored(&self) {
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
    pub fn hang_up(&mut self) {
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

pub(crate) use start;

// ---------------------------------------------------------------------------------------
// The portfolio on disk.

/// A temporary folder with a copy of data/NAME.
pub fn copy_of(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name);
    let dst = dir.path().join(name);
    fs::copy(&src, &dst).unwrap();
    (dir, dst)
}

/// Every file in `dir` with its bytes.
pub fn folder(dir: &Path) -> Vec<(String, Vec<u8>)> {
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
