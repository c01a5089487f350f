//! Input is bounded before it is read: every command (`check`, `report`, `export`,
//! `minutes`) and the interactive view's entry (`styr FILE`) refuse a device, a fifo, a
//! socket and a file over the size limit at once, with a message naming what it is, exit
//! status 2, and little memory.
//!
//! Each child runs with a deadline (it is killed if it hangs, so the suite never hangs)
//! and an address-space limit (so a reader without a bound fails here instead of eating
//! the machine's memory); its peak memory comes from `wait4`'s resource usage.

#![cfg(unix)]

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The commands that read a portfolio file; `[]` is `styr FILE`, the interactive view.
const COMMANDS: [&[&str]; 5] = [
    &["check"],
    &["report"],
    &["export", "--csv"],
    &["minutes"],
    &[],
];

/// How long a refusal may take before the child is killed.
const DEADLINE: Duration = Duration::from_secs(3);
/// Peak resident memory allowed for a refusal.
const MAX_RSS_KB: i64 = 100 * 1024;
/// The child's address space: far above what styr needs, far below the machine's memory.
const ADDRESS_SPACE: u64 = 2 << 30;

struct Outcome {
    /// Exit status; `None` when killed (by the deadline or a signal).
    code: Option<i32>,
    timed_out: bool,
    /// stdout and stderr together.
    output: String,
    max_rss_kb: i64,
}

/// Run styr with `args` in `dir`, stdin not a terminal, killed after [`DEADLINE`].
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its resource usage"
)]
fn run(dir: &Path, args: &[&str]) -> Outcome {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_styr"));
    cmd.args(args)
        .current_dir(dir)
        .env("LC_ALL", "en_GB.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe and touches no memory of the parent.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: ADDRESS_SPACE,
                rlim_max: ADDRESS_SPACE,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("run styr");
    let pid = child.id() as libc::pid_t;
    let drain = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut s = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut s);
            }
            s
        })
    };
    let out = drain(
        child
            .stdout
            .take()
            .map(|r| Box::new(r) as Box<dyn Read + Send>),
    );
    let err = drain(
        child
            .stderr
            .take()
            .map(|r| Box::new(r) as Box<dyn Read + Send>),
    );

    let start = Instant::now();
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data, filled in by wait4.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut timed_out = false;
    loop {
        // SAFETY: pid is our own unreaped child; the pointers are to live locals.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        assert_eq!(r, 0, "wait4: {}", std::io::Error::last_os_error());
        if start.elapsed() > DEADLINE {
            timed_out = true;
            // Not yet reaped, so the pid is still this child's.
            let _ = child.kill();
            // SAFETY: as above; blocks until the killed child is gone.
            let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
            assert_eq!(r, pid, "wait4: {}", std::io::Error::last_os_error());
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let mut output = String::from_utf8_lossy(&out.join().unwrap_or_default()).into_owned();
    output.push_str(&String::from_utf8_lossy(&err.join().unwrap_or_default()));
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Outcome {
        code,
        timed_out,
        output,
        max_rss_kb: usage.ru_maxrss,
    }
}

/// Every command on `path` answers quickly, exit 2, with a line `PATH: error: WORDS…`,
/// in bounded memory.
#[track_caller]
fn assert_refused_everywhere(dir: &Path, path: &str, words: &str) {
    for cmd in COMMANDS {
        let args: Vec<&str> = cmd.iter().copied().chain([path]).collect();
        let o = run(dir, &args);
        assert!(
            !o.timed_out,
            "styr {args:?} hung; killed after {DEADLINE:?}"
        );
        assert_eq!(o.code, Some(2), "styr {args:?}:\n{}", o.output);
        let want = format!("{path}: error: {words}");
        assert!(
            o.output.lines().any(|l| l.starts_with(&want)),
            "styr {args:?}: no line starting {want:?} in:\n{}",
            o.output
        );
        assert!(
            o.max_rss_kb > 0 && o.max_rss_kb < MAX_RSS_KB,
            "styr {args:?} peaked at {} KiB (budget {MAX_RSS_KB} KiB)",
            o.max_rss_kb
        );
    }
}

#[test]
fn endless_devices_are_refused_without_reading() {
    let dir = std::env::temp_dir();
    for dev in ["/dev/zero", "/dev/urandom", "/dev/null"] {
        assert_refused_everywhere(&dir, dev, "is a character device, not a regular file;");
    }
}

#[test]
fn a_fifo_without_a_writer_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("p.ron");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("no NUL");
    // SAFETY: c is a valid C string for the duration of the call.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    assert_refused_everywhere(
        dir.path(),
        "p.ron",
        "is a fifo (named pipe), not a regular file;",
    );
}

#[test]
fn a_socket_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let _listener = std::os::unix::net::UnixListener::bind(dir.path().join("p.ron")).expect("bind");
    assert_refused_everywhere(dir.path(), "p.ron", "is a socket, not a regular file;");
}

#[test]
fn a_folder_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("p.ron")).expect("mkdir");
    assert_refused_everywhere(dir.path(), "p.ron", "is a folder;");
}

#[test]
fn a_sparse_file_over_the_limit_is_refused_from_its_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = std::fs::File::create(dir.path().join("p.ron")).expect("create");
    // 600 MiB of holes: no disk used, and above the 512 MiB limit.
    f.set_len(600 << 20).expect("set_len");
    drop(f);
    assert_refused_everywhere(
        dir.path(),
        "p.ron",
        "the file is 600 MiB; styr reads portfolios up to 512 MiB — split it",
    );
}

#[test]
fn a_regular_file_is_still_read() {
    // The measurement itself works: a good file loads (exit 0, or 2 for the view with no
    // terminal, after loading) and its memory is counted.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = run(root, &["check", "tests/fixtures/small.ron"]);
    assert_eq!(o.code, Some(0), "{}", o.output);
    assert!(o.max_rss_kb > 0);
    let o = run(root, &["tests/fixtures/small.ron"]);
    assert_eq!(o.code, Some(2), "{}", o.output);
    assert!(o.output.contains("needs a terminal"), "{}", o.output);
}
