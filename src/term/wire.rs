//! What goes over the wire for a frame: as few bytes as make the terminal show it.
//!
//! ratatui renders each frame into its [`Terminal`] as usual, but through [`Sink`], a
//! backend that writes nothing: it keeps the cursor ratatui asks for and notes a clear.
//! [`Wire`] then compares the finished frame with its own mirror of what the terminal
//! shows, and writes the difference:
//!
//! - when a band of rows moved (a list that scrolled), it moves them on the terminal with
//!   a scroll region and in the mirror, so that the diff after writes the rows that came
//!   in, not every row of the list; in the grid, where the list shares its rows with the
//!   goal tree, it does so when mending the tree after is shorter (`shift`);
//! - the changed cells go with the shortest cursor moves, and the few unchanged cells
//!   between two runs of changes are written again when that is shorter than a move;
//!   styles change by one sequence from the terminal's style to the next cell's,
//!   named colours in their short codes (`encode`);
//! - the cursor is hidden or shown only when that changes.
//!
//! The mirror is exact because it is changed only as the terminal changes: by the bytes
//! written and by the scroll, whose effect on a VT100 is fully defined. A clear (a resize,
//! a redraw after the editor or after a progress line painted over the screen) forgets
//! it, and the next frame is drawn whole.

mod encode;
mod shift;

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Size};
use ratatui::{CompletedFrame, Frame};

use encode::Encoder;

/// What ratatui told the backend during a frame, shared by [`Sink`] and [`Wire`].
#[derive(Debug, Default)]
struct Told {
    /// The screen was cleared (the mirror is void).
    cleared: bool,
    cursor: Position,
    visible: bool,
    /// The size to report, for a terminal of a fixed size (tests); else the real one.
    fixed: Option<Size>,
}

/// ratatui's backend: writes nothing, remembers the cursor and the clears.
pub struct Sink(Rc<RefCell<Told>>);

/// The bytes for each frame, from the difference between the frame and what the
/// terminal shows.
pub struct Wire {
    told: Rc<RefCell<Told>>,
    /// What the terminal shows, as far as styr's bytes put it there; `None` before the
    /// first frame and after a clear.
    shown: Option<Buffer>,
    /// Whether the terminal's cursor is visible (`None`: not known).
    visible: Option<bool>,
    /// Colour on (crossterm's rule: off when `NO_COLOR` is set and not empty).
    colour: bool,
    bytes: Vec<u8>,
    /// The cells of `shown` as keys (`shift::key`), when `keyed`; room for the frame's.
    keys: Vec<u64>,
    keyed: bool,
    want_keys: Vec<u64>,
}

/// ratatui's terminal for [`Wire`].
pub type Term = Terminal<Sink>;

impl Wire {
    /// A terminal that renders into nothing and the wire that sends its frames: of the
    /// real terminal's size, or of `size` (tests).
    pub fn open(size: Option<(u16, u16)>) -> io::Result<(Term, Wire)> {
        let told = Rc::new(RefCell::new(Told {
            fixed: size.map(|(w, h)| Size::new(w, h)),
            ..Told::default()
        }));
        let terminal = Terminal::new(Sink(told.clone()))?;
        let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let wire = Wire {
            told,
            shown: None,
            visible: None,
            colour,
            bytes: Vec::with_capacity(16 * 1024),
            keys: Vec::new(),
            keyed: false,
            want_keys: Vec::new(),
        };
        Ok((terminal, wire))
    }

    /// With colour or without, whatever `NO_COLOR` says (tests).
    pub fn with_colour(mut self, on: bool) -> Wire {
        self.colour = on;
        self
    }

    /// Make the fixed size another (tests: a resize).
    pub fn set_size(&self, w: u16, h: u16) {
        self.told.borrow_mut().fixed = Some(Size::new(w, h));
    }

    /// Render a frame with `render` and write what changes on screen to `out`.
    pub fn draw<W: Write>(
        &mut self,
        terminal: &mut Term,
        out: &mut W,
        render: impl FnOnce(&mut Frame),
    ) -> io::Result<()> {
        let frame: CompletedFrame = terminal.draw(render)?;
        self.bytes.clear();
        self.frame(frame.buffer);
        out.write_all(&self.bytes)
    }

    /// The bytes that turn the terminal from what it shows into `want`, into
    /// `self.bytes`; the mirror becomes `want`.
    fn frame(&mut self, want: &Buffer) {
        let cleared = std::mem::take(&mut self.told.borrow_mut().cleared);
        let mut shown = match self.shown.take() {
            Some(b) if !cleared && b.area == want.area => b,
            _ => {
                // The plain style first: a clear takes the style's background.
                self.bytes.extend_from_slice(b"\x1b[m\x1b[H\x1b[2J");
                self.visible = None;
                self.keyed = false;
                Buffer::empty(want.area)
            }
        };
        let (cursor, visible) = {
            let told = self.told.borrow();
            (told.visible.then_some(told.cursor), told.visible)
        };
        let mut cells = Vec::with_capacity(8 * 1024);
        let rows = self.cells(&shown, want, cursor, &mut cells);
        // Only when rows enough changed (a move of the highlight in a list changes two).
        let keyed = rows >= 3;
        if keyed {
            if !self.keyed {
                shift::keys(&shown, &mut self.keys);
            }
            shift::keys(want, &mut self.want_keys);
            self.scroll(&mut shown, want, cursor, &mut cells);
        }
        self.bytes.extend_from_slice(&cells);
        if self.visible != Some(visible) {
            self.bytes
                .extend_from_slice(if visible { b"\x1b[?25h" } else { b"\x1b[?25l" });
            self.visible = Some(visible);
        }
        shown.content.clone_from_slice(&want.content);
        self.shown = Some(shown);
        // The frame's keys are the screen's now (when they were made).
        if keyed {
            std::mem::swap(&mut self.keys, &mut self.want_keys);
        }
        self.keyed = keyed;
    }

    /// Replace `cells` (the bytes that turn `shown` into `want`) with a scroll and the
    /// bytes after it, when that is shorter: the plan's best few, each written out.
    fn scroll(
        &self,
        shown: &mut Buffer,
        want: &Buffer,
        cursor: Option<Position>,
        cells: &mut Vec<u8>,
    ) {
        let width = usize::from(want.area.width);
        for s in shift::plan(&self.keys, &self.want_keys, width) {
            // The mirror as the scroll leaves it, for the diff; put back after.
            let gone = shift::apply(shown, s);
            // Rows moved with a neighbour that did not move (the grid) are mended after
            // the scroll: a terminal that can hold the frame until its end (synchronized
            // output) shows no moment between; others ignore the mode.
            let sync = shift::mended(&self.keys, &self.want_keys, width, s) > 2;
            let mut scrolled = Vec::with_capacity(cells.len());
            if sync {
                scrolled.extend_from_slice(SYNC_BEGIN);
            }
            shift::write(&mut scrolled, s);
            self.cells(shown, want, cursor, &mut scrolled);
            if sync {
                scrolled.extend_from_slice(SYNC_END);
            }
            shift::undo(shown, s, &gone);
            if scrolled.len() < cells.len() {
                *cells = scrolled;
            }
        }
    }

    /// The cells that differ between `from` (the terminal) and `want`, the style reset
    /// after, and the cursor where it is wanted; how many rows they are on.
    fn cells(
        &self,
        from: &Buffer,
        want: &Buffer,
        cursor: Option<Position>,
        out: &mut Vec<u8>,
    ) -> usize {
        let area = want.area;
        // Positions relative to the frame (ratatui's are the screen's).
        let updates: Vec<(u16, u16, &Cell)> = from
            .diff(want)
            .into_iter()
            .map(|(x, y, c)| (x - area.x, y - area.y, c))
            .collect();
        let mut rows = 0;
        let mut last = None;
        for &(_, y, _) in &updates {
            if last != Some(y) {
                rows += 1;
                last = Some(y);
            }
        }
        let mut enc = Encoder::new(out, area.width, self.colour);
        enc.cells(want, &updates);
        enc.reset();
        if let Some(p) = cursor {
            enc.goto(p.x.saturating_sub(area.x), p.y.saturating_sub(area.y));
        }
        rows
    }
}

/// Synchronized output (DEC private mode 2026): the terminal draws the frame at its end.
const SYNC_BEGIN: &[u8] = b"\x1b[?2026h";
const SYNC_END: &[u8] = b"\x1b[?2026l";

impl Backend for Sink {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, _content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.0.borrow_mut().visible = false;
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.0.borrow_mut().visible = true;
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.0.borrow().cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.0.borrow_mut().cursor = position.into();
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.0.borrow_mut().cleared = true;
        Ok(())
    }

    /// Any clear voids the mirror: the next frame clears the whole screen and draws it
    /// whole (ratatui's own clears in a full-screen terminal are whole-screen ones).
    fn clear_region(&mut self, _clear_type: ClearType) -> io::Result<()> {
        self.clear()
    }

    fn size(&self) -> io::Result<Size> {
        match self.0.borrow().fixed {
            Some(s) => Ok(s),
            None => {
                let (w, h) = crossterm::terminal::size()?;
                Ok(Size::new(w, h))
            }
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        if self.0.borrow().fixed.is_none() {
            let ws = crossterm::terminal::window_size()?;
            return Ok(WindowSize {
                columns_rows: Size::new(ws.columns, ws.rows),
                pixels: Size::new(ws.width, ws.height),
            });
        }
        Ok(WindowSize {
            columns_rows: self.size()?,
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
