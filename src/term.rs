//! The terminal: set-up, restore (always: on quit, error, panic and signals), and the
//! event loop that turns keys into actions and runs the effects.

mod progress;
pub mod wire;

use std::cell::RefCell;
use std::io::{self, BufWriter, IsTerminal, Stdout, Write};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossterm::cursor::Show;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor::Hide, execute};

use crate::app::keymap::{key_to_action, unjoin};
use crate::app::update::update;
use crate::app::{Action, App};
use crate::model::progress::Progress;
use crate::session::{EditorCall, Session};
use crate::text::Lang;
use crate::ui::{self, Theme};

use wire::{Term, Wire};

/// Standard output, buffered and written once per frame: the wire ([`wire::Wire`]) puts a
/// frame's bytes in, and the event loop sends them with [`FrameOut::send`] (through a
/// second handle to the same buffer) after drawing it, so that a frame is one write, not
/// a packet per cursor command over SSH. Its own `flush` does nothing. Dropping the last
/// handle sends what is left.
#[derive(Clone)]
pub struct FrameOut(Rc<RefCell<BufWriter<Stdout>>>);

impl FrameOut {
    /// Send the frame, unless the terminal was restored meanwhile (a signal): then the
    /// frame is dropped, so nothing is drawn over the restored terminal.
    fn send(&self) -> io::Result<()> {
        let _out = out_lock();
        let mut w = self.0.borrow_mut();
        if !ACTIVE.load(Ordering::SeqCst) {
            discard(&mut w);
            return Ok(());
        }
        w.flush()
    }
}

/// Throw away what is buffered (after a restore): a BufWriter cannot be emptied in
/// place, so a new one replaces it and the old one is taken apart unsent.
fn discard(w: &mut BufWriter<Stdout>) {
    let fresh = BufWriter::with_capacity(w.capacity(), io::stdout());
    let (_stdout, _unsent) = std::mem::replace(w, fresh).into_parts();
}

impl Write for FrameOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // A write larger than the buffer goes straight to the terminal: it waits for a
        // restore under way, and is dropped after one.
        let _out = out_lock();
        if !ACTIVE.load(Ordering::SeqCst) {
            return Ok(buf.len());
        }
        self.0.borrow_mut().write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Held while a frame goes to the terminal and while the terminal is restored: a signal's
/// restore waits for the frame being sent, and no frame follows it. One place, so the
/// cursor can never be left hidden by a frame sent after the restore.
static OUT: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The output lock, even if a panic poisoned it.
fn out_lock() -> std::sync::MutexGuard<'static, ()> {
    OUT.lock().unwrap_or_else(|e| e.into_inner())
}
/// The user's editor has the terminal (see [`hand_over`]).
static EDITING: AtomicBool = AtomicBool::new(false);
/// The terminal reports the mouse to styr now: [`restore`] turns that off.
static MOUSE_CAPTURED: AtomicBool = AtomicBool::new(false);
/// The user wants the mouse (`--mouse`, `:mouse`): taken back after the editor.
static MOUSE_WANTED: AtomicBool = AtomicBool::new(false);

/// Turn the terminal's mouse reporting on or off, as the user asked (`app.mouse`).
/// Marked as captured before it is asked for, so a restore never leaves it on.
fn set_mouse(on: bool) -> io::Result<()> {
    MOUSE_WANTED.store(on, Ordering::SeqCst);
    if on == MOUSE_CAPTURED.load(Ordering::SeqCst) {
        return Ok(());
    }
    let _out = out_lock();
    if !ACTIVE.load(Ordering::SeqCst) {
        return Ok(());
    }
    let mut out = io::stdout();
    if on {
        MOUSE_CAPTURED.store(true, Ordering::SeqCst);
        execute!(out, EnableMouseCapture)
    } else {
        MOUSE_CAPTURED.store(false, Ordering::SeqCst);
        execute!(out, DisableMouseCapture)
    }
}

/// Put the terminal back as it was. Safe to call more than once and from any thread;
/// write errors are ignored (the terminal may be gone).
pub fn restore() {
    // Wait for a frame being sent, but not for ever: a panic while the lock is held
    // (on this thread) must still restore.
    let mut guard = None;
    for _ in 0..50 {
        match OUT.try_lock() {
            Ok(g) => {
                guard = Some(g);
                break;
            }
            Err(std::sync::TryLockError::Poisoned(e)) => {
                guard = Some(e.into_inner());
                break;
            }
            Err(std::sync::TryLockError::WouldBlock) => {
                std::thread::sleep(Duration::from_millis(10))
            }
        }
    }
    let _guard = guard;
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = disable_raw_mode();
        let mut out = io::stdout();
        if MOUSE_CAPTURED.swap(false, Ordering::SeqCst) {
            // Before leaving the alternate screen: the shell gets no mouse reports.
            let _ = execute!(out, DisableMouseCapture);
        }
        let _ = execute!(out, LeaveAlternateScreen, Show);
        let _ = out.flush();
    }
}

fn setup() -> io::Result<(Term, Wire, FrameOut)> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, Hide)?;
    let out = FrameOut(Rc::new(RefCell::new(BufWriter::with_capacity(
        256 * 1024,
        io::stdout(),
    ))));
    let (terminal, wire) = Wire::open(None)?;
    Ok((terminal, wire, out))
}

/// Restore on panic (before the message is printed, so it is readable) and on SIGTERM,
/// SIGHUP, SIGINT and SIGQUIT. A dropped SSH connection sends SIGHUP; crossterm's event
/// loop would not notice (it spins), so a thread of its own handles the signals. Every
/// edit is in the journal already, so nothing more needs saving: restore and exit with
/// 128 + signal.
///
/// While the user's editor has the terminal, Ctrl-C and Ctrl-\ are the editor's: the
/// terminal sends SIGINT and SIGQUIT to its whole foreground process group, styr
/// included, so styr lets them pass (as `system(3)` does) and waits for the editor. The
/// editor itself starts with the default handlers (handlers do not survive `exec`).
/// A hang-up or SIGTERM still ends styr.
fn install_guards() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
    {
        std::thread::spawn(move || {
            for sig in signals.forever() {
                if EDITING.load(Ordering::SeqCst) && matches!(sig, SIGINT | SIGQUIT) {
                    continue;
                }
                restore();
                std::process::exit(128 + sig);
            }
        });
    }
    // A hang-up does not always bring SIGHUP: the kernel sends it to the session leader
    // only, and a shell that ignores it (nohup, zsh's NO_HUP, a disowned job) passes
    // nothing on. The event loop would then spin for ever, holding the lock. So look at
    // the terminal itself: once it is hung up it is no terminal any more.
    std::thread::spawn(|| {
        loop {
            std::thread::sleep(Duration::from_secs(1));
            if ACTIVE.load(Ordering::SeqCst) && !io::stdin().is_terminal() {
                restore();
                std::process::exit(128 + SIGHUP);
            }
        }
    });
}

/// Run the interactive program until the user quits.
pub fn run(app: App, theme: Theme, session: Session) -> io::Result<()> {
    Screen::open()?.run(app, theme, session)
}

/// The terminal, set up for styr (raw mode, the alternate screen, hidden cursor, and
/// the guards that put it back): opened before a large file is loaded, so that the
/// load's progress is on screen at once.
pub struct Screen {
    terminal: Term,
    wire: Wire,
    out: FrameOut,
    /// Events that came while loading, for the event loop to take first.
    pending: Vec<Event>,
}

impl Screen {
    pub fn open() -> io::Result<Screen> {
        install_guards();
        let (terminal, wire, out) = setup()?;
        Ok(Screen {
            terminal,
            wire,
            out,
            pending: Vec::new(),
        })
    }

    /// Wait for `work` (a load on its own thread) and give its result, showing the
    /// loading screen with `progress` once it has taken a moment. `None` when the user
    /// left meanwhile (`q`, `Esc` or Ctrl-C); other keys are kept for the event loop.
    pub fn wait_for<T>(
        &mut self,
        work: JoinHandle<T>,
        progress: &Progress,
        name: &str,
        lang: Lang,
    ) -> io::Result<Option<T>> {
        let started = Instant::now();
        let mut drawn: Option<Instant> = None;
        while !work.is_finished() {
            let due = match drawn {
                None => started.elapsed() >= progress::SHOW_AFTER,
                Some(t) => t.elapsed() >= progress::EVERY,
            };
            if due {
                self.wire
                    .draw(&mut self.terminal, &mut self.out.clone(), |f| {
                        progress::loading(f, name, progress.get(), lang)
                    })?;
                self.out.send()?;
                drawn = Some(Instant::now());
            }
            // A short wait, so the first frame follows the end of the load closely.
            if event::poll(Duration::from_millis(5))? {
                let e = event::read()?;
                if leaves(&e) {
                    return Ok(None);
                }
                self.pending.push(e);
            }
        }
        match work.join() {
            Ok(t) => Ok(Some(t)),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }

    /// Run the interactive program on this terminal until the user quits; the terminal
    /// is put back after.
    pub fn run(mut self, mut app: App, theme: Theme, mut session: Session) -> io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        let result = event_loop(
            &mut self.terminal,
            &mut self.wire,
            &self.out,
            &mut app,
            &theme,
            &mut session,
            pending,
        );
        restore();
        result
    }
}

/// A key that leaves styr while a file is still loading.
fn leaves(e: &Event) -> bool {
    match e {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            matches!(k.code, KeyCode::Char('q') | KeyCode::Esc)
                || (k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL))
        }
        _ => false,
    }
}

/// How often the event loop wakes in a meeting of many seats, to look at the files
/// the chair and the seats write: well inside the 250 ms a chair's edit may take to
/// reach every seat.
const MEETING_WAKE: Duration = Duration::from_millis(40);

fn event_loop(
    terminal: &mut Term,
    wire: &mut Wire,
    out: &FrameOut,
    app: &mut App,
    theme: &Theme,
    session: &mut Session,
    pending: Vec<Event>,
) -> io::Result<()> {
    let size = terminal.size()?;
    update(app, Action::Resize(size.width, size.height));
    session.start(app);
    let painter = progress::Painter::start(session.progress(), app.lang);
    let mut pending = pending.into_iter();
    let mut draw = true;
    let mut ticked = Instant::now();
    loop {
        if draw {
            set_mouse(app.mouse)?;
            wire.draw(terminal, &mut out.clone(), |f| ui::draw(f, app, theme))?;
            out.send()?;
        }
        draw = true;
        if session.should_quit {
            return Ok(());
        }
        // Keys typed while the file was loading come first.
        let mut next = pending.next();
        if next.is_none() {
            // Wake up every second in triage (for the timer), else every few seconds to
            // look for an outside change to the file; in a meeting of many seats often,
            // to look at what the chair or a seat just wrote (drawn only when there is
            // something new).
            let every = if app.triage.is_some() {
                Duration::from_millis(1000)
            } else {
                Duration::from_secs(5)
            };
            let timeout = if session.in_meeting() {
                MEETING_WAKE
            } else {
                every
            };
            if !event::poll(timeout)? {
                painter.begin();
                draw = session.look(app);
                if ticked.elapsed() >= every {
                    ticked = Instant::now();
                    session.tick(app);
                    draw = true;
                }
                if painter.done() {
                    redraw_whole(terminal)?;
                }
                continue;
            }
        }
        // Take every event that is waiting before drawing again (but draw after a click
        // or the wheel: what is under the next one is what the next frame draws).
        loop {
            let mut moused = false;
            let event = match next.take() {
                Some(e) => e,
                None => event::read()?,
            };
            match event {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    for k in unjoin(app, &k) {
                        let action = key_to_action(app, &k);
                        update(app, action);
                    }
                }
                Event::Resize(w, h) => update(app, Action::Resize(w, h)),
                Event::Mouse(m) => {
                    if let Some(action) = crate::app::mouse::action(app, &m) {
                        update(app, action);
                        moused = true;
                    }
                }
                _ => {}
            }
            // A save or a reload that takes a while shows its progress meanwhile.
            painter.begin();
            session.run_effects(app);
            session.publish(app);
            if painter.done() {
                redraw_whole(terminal)?;
            }
            if let Some(call) = session.take_editor_call() {
                let ran = hand_over(terminal, out, &call)?;
                session.editor_done(app, &call, ran);
                let size = terminal.size()?;
                update(app, Action::Resize(size.width, size.height));
                break;
            }
            if moused || session.should_quit {
                break;
            }
            next = pending.next();
            if next.is_none() && !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
}

/// Forget what is on screen (something was painted past the wire's mirror of it), so
/// the next frame clears the screen and is drawn whole (see [`take_back`]).
fn redraw_whole(terminal: &mut Term) -> io::Result<()> {
    let area = terminal.size()?.into();
    terminal.resize(area)
}

/// Give the terminal to the user's editor and take it back (gitui's external editor):
/// leave the alternate screen, raw mode off, cursor shown; run the editor in styr's
/// terminal and process group and wait for it; then alternate screen and raw mode again,
/// and a full redraw. The outer result is the terminal's (it could not be taken back);
/// the inner one the editor's (it could not be started).
fn hand_over(
    terminal: &mut Term,
    out: &FrameOut,
    call: &EditorCall,
) -> io::Result<io::Result<std::process::ExitStatus>> {
    out.send()?;
    EDITING.store(true, Ordering::SeqCst);
    restore();
    // `status` waits for the child, retrying when a signal interrupts the wait.
    let ran = call.command().status();
    let back = take_back(terminal);
    EDITING.store(false, Ordering::SeqCst);
    back.map(|()| ran)
}

fn take_back(terminal: &mut Term) -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(io::stdout(), EnterAlternateScreen, Hide)?;
    if MOUSE_WANTED.load(Ordering::SeqCst) {
        set_mouse(true)?;
    }
    // The editor drew over everything (and the window may have changed size): forget
    // what is on screen, so the next frame clears it and is drawn whole. `resize` at the
    // terminal's size does that through the wire's sink (a clear voids its mirror);
    // `Terminal::clear` would first ask the backend where the cursor is.
    let area = terminal.size()?.into();
    terminal.resize(area)
}
