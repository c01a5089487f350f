//! Watching the portfolio's folder for the meeting's files (the chair's journal and
//! state, the seats' files, the file itself), so that a seat sees the chair's edit
//! within a frame or two and the chair sees a seat's score as it is made.
//!
//! The `notify` crate watches: inotify on Linux, and its polling watcher where that
//! cannot be had (a network file system, inotify's limits used up). Its callback only
//! says "something of ours changed"; the event loop looks at [`Watch::changed`] each
//! time it wakes and reads the files itself, so nothing here ever waits on another
//! process — a stopped or hung seat cannot slow the chair.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use notify::{Config, Event, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

/// How often the polling fallback looks.
const POLL_EVERY: Duration = Duration::from_millis(100);

pub struct Watch {
    /// Kept alive: dropping it stops the watch. (In a mutex only so that the session
    /// may be shared with the loading threads; nothing locks it.)
    _watcher: std::sync::Mutex<Box<dyn Watcher + Send>>,
    changed: Arc<AtomicBool>,
}

impl Watch {
    /// Watch the folder of `doc_path` for the names `ours` accepts (a file name in the
    /// folder). `None` when neither watcher could be started: the event loop's own
    /// wake-ups then look now and then instead.
    pub fn start(
        doc_path: &Path,
        ours: impl Fn(&std::ffi::OsStr) -> bool + Send + Sync + 'static,
    ) -> Option<Watch> {
        let dir: PathBuf = doc_path.parent()?.to_path_buf();
        let doc_name: OsString = doc_path.file_name()?.to_owned();
        let changed = Arc::new(AtomicBool::new(true));
        let flag = changed.clone();
        let handler = move |res: notify::Result<Event>| {
            let Ok(event) = res else {
                // An error (an overflowed queue, say): look at everything.
                flag.store(true, Ordering::Release);
                return;
            };
            let relevant = event.paths.is_empty()
                || event.paths.iter().any(|p| {
                    p.file_name()
                        .is_some_and(|n| n == doc_name.as_os_str() || ours(n))
                });
            if relevant {
                flag.store(true, Ordering::Release);
            }
        };
        let handler = Arc::new(handler);
        let h = handler.clone();
        let native = RecommendedWatcher::new(move |e| h(e), Config::default()).and_then(|mut w| {
            w.watch(&dir, RecursiveMode::NonRecursive)?;
            Ok(w)
        });
        if let Ok(w) = native {
            return Some(Watch {
                _watcher: std::sync::Mutex::new(Box::new(w)),
                changed,
            });
        }
        let h = handler.clone();
        let mut poll = PollWatcher::new(
            move |e| h(e),
            Config::default().with_poll_interval(POLL_EVERY),
        )
        .ok()?;
        poll.watch(&dir, RecursiveMode::NonRecursive).ok()?;
        Some(Watch {
            _watcher: std::sync::Mutex::new(Box::new(poll)),
            changed,
        })
    }

    /// Whether something of ours changed since the last call.
    pub fn changed(&self) -> bool {
        self.changed.swap(false, Ordering::AcqRel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_change_to_one_of_our_files_is_seen_and_others_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("p.ron");
        std::fs::write(&doc, "x").unwrap();
        let w = Watch::start(&doc, |n| n.to_string_lossy().starts_with(".p.ron.styr-")).unwrap();
        // The first look is always a look.
        assert!(w.changed());
        std::fs::write(dir.path().join("other.txt"), "y").unwrap();
        std::thread::sleep(Duration::from_millis(300));
        assert!(!w.changed(), "a file that is not ours is not a change");
        std::fs::write(dir.path().join(".p.ron.styr-journal"), "z").unwrap();
        let t = Instant::now();
        while !w.changed() {
            assert!(t.elapsed() < Duration::from_secs(5), "not seen");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}
