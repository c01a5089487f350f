//! The command line's progress bar (indicatif): for a load, a check or a rewrite that
//! takes longer than [`SHOW_AFTER`], on stderr, and only when stderr is a terminal —
//! piped or captured, nothing at all is written. stdout is never touched.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::model::progress::{Progress, Stage};
use crate::text::Lang;

/// Work quicker than this shows no bar.
pub const SHOW_AFTER: Duration = Duration::from_millis(300);
/// How often the bar is brought up to date.
const EVERY: Duration = Duration::from_millis(100);

/// The counts the work updates, and the bar that shows them while it lasts. Dropping it
/// takes the bar away (the line is cleared).
pub struct Bar {
    progress: Arc<Progress>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Bar {
    /// Counts for work on `file` (its name leads the bar's line), shown on stderr in
    /// `lang` once the work has taken [`SHOW_AFTER`], if stderr is a terminal.
    pub fn start(file: &str, lang: Lang) -> Bar {
        let progress = Arc::new(Progress::new());
        test_pace(&progress);
        let stop = Arc::new(AtomicBool::new(false));
        let thread = std::io::stderr().is_terminal().then(|| {
            let (progress, stop) = (progress.clone(), stop.clone());
            let name = crate::sanitize::clean(file).into_owned();
            std::thread::spawn(move || show(&name, lang, &progress, &stop))
        });
        Bar {
            progress,
            stop,
            thread,
        }
    }

    /// The counts to hand to the work.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            t.thread().unpark();
            let _ = t.join();
        }
    }
}

/// The bar's thread: wait, then draw the counts until told to stop.
fn show(name: &str, lang: Lang, progress: &Progress, stop: &AtomicBool) {
    // Parked, not asleep: the drop wakes the thread at once, so quick work waits for
    // nothing.
    let started = Instant::now();
    while let Some(left) = SHOW_AFTER.checked_sub(started.elapsed()) {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        std::thread::park_timeout(left);
    }
    let style = ProgressStyle::with_template("{prefix}: {msg:40} {wide_bar}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr())
        .with_style(style)
        .with_prefix(name.to_string());
    while !stop.load(Ordering::SeqCst) {
        let now = progress.get();
        if now.stage != Stage::Idle {
            bar.set_message(now.line(lang));
            bar.set_length(now.total as u64);
            bar.set_position(now.done as u64);
        }
        std::thread::park_timeout(EVERY);
    }
    bar.finish_and_clear();
}

/// In a debug build, `STYR_TEST_PACE_US=N` makes each project of a load, a check or a
/// save take at least N µs, so that the tests can watch the progress of a small file
/// (tests/progress.rs). A release build never reads it.
pub fn test_pace(progress: &Progress) {
    if cfg!(debug_assertions)
        && let Some(us) = std::env::var("STYR_TEST_PACE_US")
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
    {
        progress.set_pace(Duration::from_micros(us));
    }
}
