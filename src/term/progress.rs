//! Progress on screen: the loading screen drawn while a file is read before the first
//! frame, and the line painted over the status line while a save or a reload keeps
//! the event loop waiting. Both say [`Snapshot::line`] in the user's language.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossterm::cursor::MoveTo;
use crossterm::queue;
use crossterm::style::{Attribute, Print, SetAttribute};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{LineGauge, Paragraph};

use super::{ACTIVE, out_lock};
use crate::model::progress::{Progress, Snapshot, Stage};
use crate::text::Lang;

/// The loading screen is drawn once the load has taken this long (a small file opens
/// without it), and the progress line over a save or reload likewise: well within the
/// 100 ms in which a user should see that something is happening.
pub const SHOW_AFTER: Duration = Duration::from_millis(50);
/// How often the count is drawn again.
pub const EVERY: Duration = Duration::from_millis(50);

/// The loading screen: the file's name, the progress line and, once the total is
/// known, a gauge; in the terminal's own colours (every theme, `NO_COLOR` too).
pub fn loading(f: &mut Frame, name: &str, now: Snapshot, lang: Lang) {
    let area = f.area();
    let width = area.width.min(60);
    let [_, rows, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(3),
        Constraint::Fill(1),
    ])
    .areas(area);
    let column = Rect {
        x: area.x + (area.width - width) / 2,
        width,
        ..rows
    };
    let [title, line, gauge] = Layout::vertical([Constraint::Length(1); 3]).areas(column);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    f.render_widget(
        Paragraph::new(Line::styled(format!("styr · {name}"), bold)).alignment(Alignment::Center),
        title,
    );
    f.render_widget(
        Paragraph::new(now.line(lang)).alignment(Alignment::Center),
        line,
    );
    if now.total > 0 {
        f.render_widget(
            LineGauge::default()
                .ratio((now.done as f64 / now.total as f64).clamp(0.0, 1.0))
                .label("")
                .filled_style(bold)
                .unfilled_style(Style::default().add_modifier(Modifier::DIM)),
            gauge,
        );
    }
}

/// A thread that paints the progress line over the bottom row while the event loop is
/// busy with effects (a save, a reload) that count in `progress`: the event loop calls
/// [`Painter::begin`] before them and [`Painter::done`] after, which says whether the
/// screen must be drawn whole again.
pub struct Painter {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

struct Shared {
    progress: Arc<Progress>,
    lang: Lang,
    /// When the effects began; `None` while the event loop is not waiting for any.
    since: Mutex<Option<Instant>>,
    painted: AtomicBool,
    stop: AtomicBool,
}

impl Painter {
    pub fn start(progress: Arc<Progress>, lang: Lang) -> Painter {
        let shared = Arc::new(Shared {
            progress,
            lang,
            since: Mutex::new(None),
            painted: AtomicBool::new(false),
            stop: AtomicBool::new(false),
        });
        let thread = {
            let shared = shared.clone();
            std::thread::spawn(move || paint(&shared))
        };
        Painter {
            shared,
            thread: Some(thread),
        }
    }

    /// Effects are about to run: from [`SHOW_AFTER`] on, their progress is painted.
    pub fn begin(&self) {
        *lock(&self.shared.since) = Some(Instant::now());
        if let Some(t) = &self.thread {
            t.thread().unpark();
        }
    }

    /// The effects are done: nothing more is painted, and `true` when something was
    /// (ratatui does not know of it, so the next frame must be drawn whole).
    pub fn done(&self) -> bool {
        {
            // Under the output lock: a line being painted is finished first, and none
            // is painted after this.
            let _out = out_lock();
            *lock(&self.shared.since) = None;
            self.shared.progress.finish();
        }
        self.shared.painted.swap(false, Ordering::SeqCst)
    }
}

impl Drop for Painter {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            t.thread().unpark();
            let _ = t.join();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The painter's thread: asleep while no effect runs; while one does, the line is
/// painted every [`EVERY`] once it has run for [`SHOW_AFTER`], when the count changed.
fn paint(s: &Shared) {
    let mut last = String::new();
    while !s.stop.load(Ordering::SeqCst) {
        let since = *lock(&s.since);
        let Some(since) = since else {
            last.clear();
            std::thread::park();
            continue;
        };
        let waited = since.elapsed();
        if waited < SHOW_AFTER {
            std::thread::park_timeout(SHOW_AFTER - waited);
            continue;
        }
        {
            let _out = out_lock();
            // Looked at again under the lock: the effects may have ended meanwhile.
            let now = s.progress.get();
            let still = lock(&s.since).is_some();
            if still && now.stage != Stage::Idle && ACTIVE.load(Ordering::SeqCst) {
                let line = now.line(s.lang);
                if line != last && bottom_line(&line).is_ok() {
                    s.painted.store(true, Ordering::SeqCst);
                    last = line;
                }
            }
        }
        std::thread::park_timeout(EVERY);
    }
}

/// `line` over the whole bottom row, in reverse video, straight to the terminal.
fn bottom_line(line: &str) -> io::Result<()> {
    let (cols, rows) = crossterm::terminal::size()?;
    let cols = usize::from(cols);
    let mut text: String = format!(" {line}").chars().take(cols).collect();
    let pad = cols.saturating_sub(text.chars().count());
    text.extend(std::iter::repeat_n(' ', pad));
    let mut out = io::stdout().lock();
    queue!(
        out,
        MoveTo(0, rows.saturating_sub(1)),
        SetAttribute(Attribute::Reverse),
        Print(text),
        SetAttribute(Attribute::Reset)
    )?;
    out.flush()
}
