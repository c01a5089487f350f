//! Changed cells to bytes: the shortest cursor move to each run of changes (or the few
//! unchanged cells between two runs written again, when that is shorter), and one
//! graphic-rendition sequence per change of style, from the style the terminal has to
//! the one wanted (never a reset after every cell).
//!
//! The named colours go as the short codes every terminal knows (`33`, `93`, `43`),
//! except a dark one on bold text: some terminals draw bold text in the short dark codes
//! brighter ("bold is bright"), so that one keeps the long form (`38;5;3`) that ratatui
//! wrote before, and bold text looks as it did.

use std::cmp::Ordering;

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// At most this many unchanged cells are written again to join two runs of changes.
const MAX_FILL: u16 = 8;

/// A few bytes on the stack: an escape sequence, or a move of a few of them (none is
/// longer: the longest SGR, every attribute and three RGB colours, is 75 bytes).
#[derive(Clone, Copy)]
struct Seq {
    buf: [u8; 96],
    len: usize,
}

impl Seq {
    fn new() -> Seq {
        Seq {
            buf: [0; 96],
            len: 0,
        }
    }
    fn push(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }
    fn extend(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.push(b);
        }
    }
    fn num(&mut self, n: u32) {
        let mut digits = [0u8; 10];
        let mut i = digits.len();
        let mut n = n;
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.extend(&digits[i..]);
    }
    /// `ESC [ n final`, n left out when it is 1 (the default of every move).
    fn csi(&mut self, n: u32, fin: u8) {
        self.extend(b"\x1b[");
        if n != 1 {
            self.num(n);
        }
        self.push(fin);
    }
    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
    fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The terminal's graphic rendition as the bytes so far have left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Pen {
    fg: Color,
    /// The foreground went as `38;5;n` (a dark named colour on bold text).
    fg_long: bool,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    pub(super) fn of(cell: &Cell) -> Pen {
        let long = cell.modifier.contains(Modifier::BOLD) && matches!(ansi(cell.fg), Some(0..=7));
        Pen {
            fg: cell.fg,
            fg_long: long,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }

    fn plain(self) -> bool {
        self == Pen::default()
    }

    /// Without colour (`NO_COLOR`, as crossterm honours it): attributes only.
    fn colourless(self) -> Pen {
        Pen {
            modifier: self.modifier,
            ..Pen::default()
        }
    }
}

/// The 16 named colours as the terminal's palette numbers, as crossterm numbers them.
pub(super) fn ansi(c: Color) -> Option<u8> {
    Some(match c {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        _ => return None,
    })
}

/// `base` 30 (text), 40 (background) or 50 (underline, long forms only).
fn colour(params: &mut Seq, c: Color, base: u8, long: bool) {
    let base = u32::from(base);
    sep(params);
    match (c, ansi(c)) {
        (Color::Reset, _) => params.num(base + 9),
        (_, Some(n)) if base < 50 && !long => {
            let n = u32::from(n);
            params.num(if n < 8 { base + n } else { base + 52 + n });
        }
        (_, Some(n)) | (Color::Indexed(n), None) => {
            params.num(base + 8);
            params.extend(b";5;");
            params.num(u32::from(n));
        }
        (Color::Rgb(r, g, b), None) => {
            params.num(base + 8);
            for v in [2, r, g, b] {
                params.push(b';');
                params.num(u32::from(v));
            }
        }
        // Every other colour is one of the above.
        _ => params.num(base + 9),
    }
}

fn sep(params: &mut Seq) {
    if !params.is_empty() {
        params.push(b';');
    }
}

const ON: [(Modifier, &[u8]); 9] = [
    (Modifier::BOLD, b"1"),
    (Modifier::DIM, b"2"),
    (Modifier::ITALIC, b"3"),
    (Modifier::UNDERLINED, b"4"),
    (Modifier::SLOW_BLINK, b"5"),
    (Modifier::RAPID_BLINK, b"6"),
    (Modifier::REVERSED, b"7"),
    (Modifier::HIDDEN, b"8"),
    (Modifier::CROSSED_OUT, b"9"),
];

/// What turns a modifier off, and the modifiers that code turns off with it.
const OFF: [(Modifier, &[u8]); 7] = [
    (Modifier::BOLD.union(Modifier::DIM), b"22"),
    (Modifier::ITALIC, b"23"),
    (Modifier::UNDERLINED, b"24"),
    (Modifier::SLOW_BLINK.union(Modifier::RAPID_BLINK), b"25"),
    (Modifier::REVERSED, b"27"),
    (Modifier::HIDDEN, b"28"),
    (Modifier::CROSSED_OUT, b"29"),
];

fn modifiers_on(params: &mut Seq, m: Modifier) {
    for (bit, code) in ON {
        if m.contains(bit) {
            sep(params);
            params.extend(code);
        }
    }
}

/// The parameters of one SGR sequence from `from` to `to`: the change itself, or a reset
/// and `to` whole, whichever is shorter. Empty when nothing changes.
fn sgr_params(from: Pen, to: Pen) -> Seq {
    if from == to {
        return Seq::new();
    }
    // From scratch: `ESC[m` alone resets; else `0;` and what `to` has.
    let mut fresh = Seq::new();
    if !to.plain() {
        fresh.push(b'0');
        modifiers_on(&mut fresh, to.modifier);
        push_colours(&mut fresh, Pen::default(), to);
    }
    let mut step = Seq::new();
    let mut add = to.modifier - from.modifier;
    for (bits, code) in OFF {
        let gone = from.modifier.intersection(bits) - to.modifier;
        if !gone.is_empty() {
            sep(&mut step);
            step.extend(code);
            // The code turned off what `to` keeps of the same group: on again.
            add |= to.modifier.intersection(bits);
        }
    }
    modifiers_on(&mut step, add);
    push_colours(&mut step, from, to);
    if fresh.len < step.len { fresh } else { step }
}

fn push_colours(params: &mut Seq, from: Pen, to: Pen) {
    if (from.fg, from.fg_long) != (to.fg, to.fg_long) {
        colour(params, to.fg, 30, to.fg_long);
    }
    if from.bg != to.bg {
        colour(params, to.bg, 40, false);
    }
    if from.underline != to.underline {
        colour(params, to.underline, 50, true);
    }
}

/// Bytes of the SGR sequence from `from` to `to` (0 when nothing changes).
fn sgr_len(from: Pen, to: Pen) -> usize {
    if from == to {
        0
    } else {
        sgr_params(from, to).len + 3
    }
}

/// Writes cells, moves and styles, knowing where the cursor is and which style is set.
pub(super) struct Encoder<'a> {
    out: &'a mut Vec<u8>,
    width: u16,
    colour: bool,
    pen: Pen,
    /// Where the cursor is: `None` when not known (a column is not known after the last
    /// column was written: terminals disagree about the pending wrap).
    x: Option<u16>,
    y: Option<u16>,
}

impl<'a> Encoder<'a> {
    /// With the style reset and the cursor anywhere.
    pub(super) fn new(out: &'a mut Vec<u8>, width: u16, colour: bool) -> Encoder<'a> {
        Encoder {
            out,
            width,
            colour,
            pen: Pen::default(),
            x: None,
            y: None,
        }
    }

    fn pen_of(&self, cell: &Cell) -> Pen {
        let p = Pen::of(cell);
        if self.colour { p } else { p.colourless() }
    }

    /// Write `updates` (a diff of `want`, in row order) onto the terminal.
    pub(super) fn cells(&mut self, want: &Buffer, updates: &[(u16, u16, &Cell)]) {
        for &(x, y, cell) in updates {
            let pen = self.pen_of(cell);
            if !self.fill_to(want, x, y, pen) {
                self.goto(x, y);
            }
            self.put(cell, pen);
        }
    }

    /// Reach (x, y) by writing again the unchanged cells before it on the cursor's row,
    /// when that is shorter than a move (and the style change it leads to). False when a
    /// move is needed.
    fn fill_to(&mut self, want: &Buffer, x: u16, y: u16, next: Pen) -> bool {
        let (Some(cx), Some(cy)) = (self.x, self.y) else {
            return false;
        };
        if cy != y || x <= cx || x - cx > MAX_FILL {
            return false;
        }
        let area = want.area;
        let gap = || (cx..x).map(|gx| want.cell((area.x + gx, area.y + y)));
        let mut pen = self.pen;
        let mut cost = 0;
        for cell in gap() {
            let Some(cell) = cell else {
                return false;
            };
            #[allow(deprecated)]
            let plain = cell.diff_option == CellDiffOption::None && !cell.skip;
            if !plain || cell.symbol().width() != 1 {
                return false;
            }
            let p = self.pen_of(cell);
            cost += sgr_len(pen, p) + cell.symbol().len();
            pen = p;
        }
        cost += sgr_len(pen, next);
        let moved = self.move_len(x, y) + sgr_len(self.pen, next);
        if cost >= moved {
            return false;
        }
        for cell in gap().flatten() {
            let p = self.pen_of(cell);
            self.put(cell, p);
        }
        true
    }

    fn put(&mut self, cell: &Cell, pen: Pen) {
        self.style(pen);
        let sym = cell.symbol();
        self.out.extend_from_slice(sym.as_bytes());
        let w = sym.width() as u16;
        // A symbol wider than one cell: where the terminal leaves the cursor is its own
        // business (an emoji's width differs from one terminal to the next).
        self.x = match self.x {
            Some(x) if w == 1 && x + 1 < self.width => Some(x + 1),
            _ => None,
        };
    }

    /// Set the style to `pen`.
    pub(super) fn style(&mut self, pen: Pen) {
        if pen == self.pen {
            return;
        }
        let params = sgr_params(self.pen, pen);
        self.out.extend_from_slice(b"\x1b[");
        self.out.extend_from_slice(params.bytes());
        self.out.push(b'm');
        self.pen = pen;
    }

    /// The plain style, so what comes after (a clear, a scroll, another writer) starts from it.
    pub(super) fn reset(&mut self) {
        self.style(Pen::default());
    }

    /// Move the cursor to (x, y) by the shortest of the moves every terminal knows.
    pub(super) fn goto(&mut self, x: u16, y: u16) {
        if self.x == Some(x) && self.y == Some(y) {
            return;
        }
        let path = self.path(x, y);
        self.out.extend_from_slice(path.bytes());
        self.x = Some(x);
        self.y = Some(y);
    }

    fn move_len(&self, x: u16, y: u16) -> usize {
        if self.x == Some(x) && self.y == Some(y) {
            0
        } else {
            self.path(x, y).len
        }
    }

    /// The bytes of the shortest way to (x, y).
    fn path(&self, x: u16, y: u16) -> Seq {
        let mut best = cup(x, y);
        let Some(cy) = self.y else {
            return best;
        };
        // Down by line feeds (never past the last row, so never a scroll), else by
        // CUU/CUD.
        let mut vertical = Seq::new();
        match y.cmp(&cy) {
            Ordering::Equal => {}
            Ordering::Greater if y - cy <= 2 => {
                for _ in cy..y {
                    vertical.push(b'\n');
                }
            }
            Ordering::Greater => vertical.csi(u32::from(y - cy), b'B'),
            Ordering::Less => vertical.csi(u32::from(cy - y), b'A'),
        }
        let mut consider = |p: Seq| {
            if p.len < best.len {
                best = p;
            }
        };
        // From the first column: a carriage return first (it also ends a pending wrap).
        let mut from_cr = Seq::new();
        from_cr.push(b'\r');
        from_cr.extend(vertical.bytes());
        horizontal(&mut from_cr, 0, x);
        consider(from_cr);
        if let Some(cx) = self.x {
            let mut rel = vertical;
            horizontal(&mut rel, cx, x);
            consider(rel);
            let mut cha = vertical;
            cha.csi(u32::from(x) + 1, b'G');
            consider(cha);
        }
        best
    }
}

/// Absolute: `ESC[row;colH`, the column left out when it is the first.
fn cup(x: u16, y: u16) -> Seq {
    let mut s = Seq::new();
    s.extend(b"\x1b[");
    s.num(u32::from(y) + 1);
    if x > 0 {
        s.push(b';');
        s.num(u32::from(x) + 1);
    }
    s.push(b'H');
    s
}

/// Along the row from column `from` to `to`.
fn horizontal(s: &mut Seq, from: u16, to: u16) {
    match to.cmp(&from) {
        Ordering::Equal => {}
        Ordering::Greater => s.csi(u32::from(to - from), b'C'),
        Ordering::Less if from - to == 1 => s.push(8),
        Ordering::Less => s.csi(u32::from(from - to), b'D'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pen(fg: Color, bg: Color, m: Modifier) -> Pen {
        let mut c = Cell::EMPTY;
        c.fg = fg;
        c.bg = bg;
        c.modifier = m;
        Pen::of(&c)
    }

    fn sgr(from: Pen, to: Pen) -> String {
        String::from_utf8(sgr_params(from, to).bytes().to_vec()).unwrap()
    }

    #[test]
    fn named_colours_take_their_short_codes_except_dark_ones_on_bold_text() {
        let plain = Pen::default();
        let e = Modifier::empty();
        assert_eq!(sgr(plain, pen(Color::Yellow, Color::Reset, e)), "33");
        assert_eq!(sgr(plain, pen(Color::LightYellow, Color::Reset, e)), "93");
        assert_eq!(sgr(plain, pen(Color::Reset, Color::Cyan, e)), "46");
        assert_eq!(sgr(plain, pen(Color::Reset, Color::White, e)), "107");
        assert_eq!(
            sgr(plain, pen(Color::Indexed(237), Color::Reset, e)),
            "38;5;237"
        );
        assert_eq!(
            sgr(plain, pen(Color::Rgb(1, 2, 3), Color::Reset, e)),
            "38;2;1;2;3"
        );
        let bold = Modifier::BOLD;
        assert_eq!(sgr(plain, pen(Color::Red, Color::Reset, bold)), "1;38;5;1");
        assert_eq!(sgr(plain, pen(Color::LightRed, Color::Reset, bold)), "1;91");
        // Bold on a dark colour written short: the colour goes again in its long form.
        assert_eq!(
            sgr(
                pen(Color::Cyan, Color::Reset, e),
                pen(Color::Cyan, Color::Reset, bold)
            ),
            "1;38;5;6"
        );
    }

    #[test]
    fn a_change_says_only_what_changes_or_resets_when_that_is_shorter() {
        let e = Modifier::empty();
        let rev = pen(Color::Reset, Color::Reset, Modifier::REVERSED);
        assert_eq!(sgr(rev, Pen::default()), "");
        assert_eq!(sgr(Pen::default(), rev), "7");
        let warn = pen(Color::Yellow, Color::Reset, e);
        assert_eq!(sgr(warn, Pen::default()), "");
        assert_eq!(sgr(warn, pen(Color::Green, Color::Reset, e)), "32");
        // Bold and dim share their "off": dim stays on.
        let both = pen(Color::Reset, Color::Reset, Modifier::BOLD | Modifier::DIM);
        assert_eq!(
            sgr(both, pen(Color::Reset, Color::Reset, Modifier::DIM)),
            "0;2"
        );
        let bold_dim_red = pen(
            Color::LightRed,
            Color::Reset,
            Modifier::BOLD | Modifier::DIM,
        );
        assert_eq!(
            sgr(
                bold_dim_red,
                pen(Color::LightRed, Color::Reset, Modifier::DIM)
            ),
            "22;2"
        );
        let matched = pen(
            Color::Yellow,
            Color::Reset,
            Modifier::BOLD | Modifier::UNDERLINED,
        );
        assert_eq!(sgr(matched, rev), "0;7");
    }
}
