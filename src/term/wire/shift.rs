//! A list that scrolled by a few rows: find the band of rows that moved up or down
//! together, move it on the terminal with a scroll region (as `less` does), and move it
//! in the mirror of the screen too, so that the diff after writes only the rows that came
//! in and the highlight that moved.
//!
//! A terminal's scroll region spans whole rows (left and right margins, DECSLRM, are not
//! widely supported). A full-width list (zoomed, or below 120 columns) moves whole: the
//! diff after the scroll is the new row and the highlight. In the four-pane grid the list
//! shares its rows with the goal tree; moving both and writing again the cells of the
//! tree that then differ can still be the shorter way (a tree row differs from the next
//! in a few cells, a list row in most), and the wire takes the scroll only when the
//! frame with it is shorter.
//!
//! The scroll is the VT100's own: DECSTBM for the region, line feeds at its bottom (up)
//! or reverse index at its top (down), then the region reset. Every terminal since the
//! VT100 has them, the Linux console included (which lacks `CSI S`/`CSI T`).

use std::hash::Hasher;

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::style::Color;

use super::encode::ansi;

/// What a scroll costs, in the units of [`row_cost`]: its bytes.
const SCROLL_COST: i32 = 20;
/// What a cursor move to a run of changes costs, about (`ESC[12C`, less a byte).
const RUN_COST: i32 = 4;
/// Shifts by up to this many rows are weighed cell by cell (rows that only resemble the
/// rows they replace count for what they save); longer ones by whole rows that match.
const NEAR: usize = 3;
/// How many of the shifts the plan weighs best the wire writes out to compare (the
/// plan's costs are estimates: multi-byte symbols and styles are not in them).
const CANDIDATES: usize = 2;

/// Rows `top..bottom` of the screen move by `by` rows, up or down; the rows that come in
/// are blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Shift {
    pub top: u16,
    pub bottom: u16,
    pub by: u16,
    pub up: bool,
}

/// FxHash: a multiply and a rotate a word, enough to tell rows apart (a collision costs
/// bytes, never correctness: the diff after the scroll compares cells).
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u16(&mut self, i: u16) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl Fx {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A cell as one word, for comparing rows fast: its symbol, colours, modifiers and diff
/// option mixed, and in the low three bits the bytes of its symbol (what writing it
/// costs). Equal cells have equal keys; unequal ones almost always differ (when not, a
/// plan is a little off, never the screen: the diff compares cells).
pub(super) fn key(c: &Cell) -> u64 {
    let s = c.symbol().as_bytes();
    let symbol = if s.len() <= 8 {
        let mut word = [0u8; 8];
        word[..s.len()].copy_from_slice(s);
        u64::from_le_bytes(word)
    } else {
        let mut h = Fx(0);
        h.write(s);
        h.finish()
    };
    let style = colour(c.fg) | colour(c.bg) << 25 | u64::from(c.modifier.bits()) << 50;
    let diff = match c.diff_option {
        CellDiffOption::None => 0,
        CellDiffOption::Skip => 1,
        CellDiffOption::AlwaysUpdate => 2,
        CellDiffOption::ForcedWidth(n) => 3 | u64::from(n.get()) << 2,
    };
    #[allow(deprecated)]
    let extra = colour(c.underline_color) | (diff << 1 | u64::from(c.skip)) << 25;
    let mixed = symbol.wrapping_mul(0x9e37_79b9_7f4a_7c15)
        ^ style.wrapping_mul(0xc2b2_ae3d_27d4_eb4f).rotate_left(21)
        ^ extra.wrapping_mul(0x1656_67b1_9e37_79f9).rotate_left(42);
    (mixed & !7) | s.len().min(7) as u64
}

fn colour(c: Color) -> u64 {
    match (c, ansi(c)) {
        (Color::Reset, _) => 0,
        (_, Some(n)) => 1 + u64::from(n),
        (Color::Indexed(n), None) => 0x100 | u64::from(n),
        (Color::Rgb(r, g, b), None) => {
            0x100_0000 | u64::from(r) << 16 | u64::from(g) << 8 | u64::from(b)
        }
        _ => 0x1ff_ffff,
    }
}

/// The keys of `b`'s cells, row after row, into `out`.
pub(super) fn keys(b: &Buffer, out: &mut Vec<u64>) {
    out.clear();
    out.extend(b.content.iter().map(key));
}

fn row_hash(keys: &[u64]) -> u64 {
    let mut h = Fx(0);
    for &k in keys {
        h.add(k);
    }
    h.finish()
}

/// What it costs to turn row `from` into row `to`, about: the symbol's bytes a changed
/// cell and [`RUN_COST`] a run of them.
fn row_cost(from: &[u64], to: &[u64]) -> i32 {
    let mut cost = 0;
    let mut inside = false;
    for (a, b) in from.iter().zip(to) {
        let differs = a != b;
        if differs {
            cost += (b & 7) as i32 + if inside { 0 } else { RUN_COST };
        }
        inside = differs;
    }
    cost
}

/// The shifts that make the diff after them cheapest, best first, when they save more
/// than they cost: rows that match a row `d` away, and for short shifts also rows that
/// only resemble it (the goal tree beside a list in the grid: its rows differ from their
/// neighbours in a few cells, the list's in most). `shown` and `want` are the [`keys`]
/// of the screen and of the frame, `width` cells a row.
pub(super) fn plan(shown: &[u64], want: &[u64], width: usize) -> Vec<Shift> {
    if width == 0 || shown.len() != want.len() || want.len() < 3 * width {
        return Vec::new();
    }
    let h = want.len() / width;
    let (old, new): (Vec<&[u64]>, Vec<&[u64]>) =
        (shown.chunks(width).collect(), want.chunks(width).collect());
    // What each row costs as it is; a scroll needs rows to win.
    let base: Vec<i32> = (0..h).map(|y| row_cost(old[y], new[y])).collect();
    if base.iter().filter(|&&c| c > 0).count() < 3 {
        return Vec::new();
    }
    let hs: Vec<u64> = old.iter().map(|r| row_hash(r)).collect();
    let hw: Vec<u64> = new.iter().map(|r| row_hash(r)).collect();
    let blank_row = vec![key(&Cell::EMPTY); width];
    // What a row gains by coming in blank.
    let b: Vec<i32> = (0..h)
        .map(|y| base[y] - row_cost(&blank_row, new[y]))
        .collect();
    let pb = prefix(&b);
    // What row y gains from the row `from` of the screen.
    let gain_from = |y: usize, from: usize, d: usize| {
        if hw[y] == hs[from] {
            base[y]
        } else if d <= NEAR {
            base[y] - row_cost(old[from], new[y])
        } else {
            // Far, and no match: about what writing it whole costs, at least.
            b[y].min(0)
        }
    };
    let mut best: Vec<(i32, Shift)> = Vec::with_capacity(CANDIDATES + 1);
    let mut consider = |gain: i32, s: Shift| {
        let room = best.len() < CANDIDATES || best.last().is_some_and(|&(g, _)| gain > g);
        if gain > SCROLL_COST && room {
            let at = best.partition_point(|&(g, _)| g >= gain);
            best.insert(at, (gain, s));
            best.truncate(CANDIDATES);
        }
    };
    for d in 1..h {
        // Up by d: rows top..e take the rows d below them, rows e..e+d come in blank.
        let a: Vec<i32> = (0..h - d).map(|y| gain_from(y, y + d, d)).collect();
        let pa = prefix(&a);
        let mut low = (pa[0], 0);
        for e in 1..=h - d {
            let gain = pa[e] - low.0 + pb[e + d] - pb[e];
            consider(gain, shift(low.1, e + d, d, true));
            if pa[e] < low.0 {
                low = (pa[e], e);
            }
        }
        // Down by d: rows top..top+d come in blank, rows s..bottom take the rows d above.
        let c: Vec<i32> = (0..h)
            .map(|y| if y < d { 0 } else { gain_from(y, y - d, d) })
            .collect();
        let pc = prefix(&c);
        let mut high = (pc[h], h);
        for s in (d..h).rev() {
            let top = s - d;
            let gain = pb[s] - pb[top] + high.0 - pc[s];
            consider(gain, shift(top, high.1, d, false));
            if pc[s] > high.0 {
                high = (pc[s], s);
            }
        }
    }
    best.into_iter().map(|(_, s)| s).collect()
}

fn shift(top: usize, bottom: usize, by: usize, up: bool) -> Shift {
    // Within the screen's rows, so within u16.
    Shift {
        top: top as u16,
        bottom: bottom as u16,
        by: by as u16,
        up,
    }
}

fn prefix(v: &[i32]) -> Vec<i32> {
    let mut p = Vec::with_capacity(v.len() + 1);
    p.push(0);
    for x in v {
        p.push(p.last().copied().unwrap_or(0) + x);
    }
    p
}

/// Move the rows of the mirror as the terminal moves them; the rows that went out, for
/// [`undo`].
pub(super) fn apply(shown: &mut Buffer, s: Shift) -> Vec<Cell> {
    let Some((band, by)) = band(shown, s) else {
        return Vec::new();
    };
    let n = band.len();
    let gone = if s.up { 0..by } else { n - by..n };
    let out = band[gone].to_vec();
    if s.up {
        band.rotate_left(by);
        band[n - by..].fill(Cell::EMPTY);
    } else {
        band.rotate_right(by);
        band[..by].fill(Cell::EMPTY);
    }
    out
}

/// Put the rows back as they were before [`apply`] moved them.
pub(super) fn undo(shown: &mut Buffer, s: Shift, gone: &[Cell]) {
    let Some((band, by)) = band(shown, s) else {
        return;
    };
    let n = band.len();
    if gone.len() != by {
        return;
    }
    if s.up {
        band[n - by..].clone_from_slice(gone);
        band.rotate_right(by);
    } else {
        band[..by].clone_from_slice(gone);
        band.rotate_left(by);
    }
}

/// The cells of the rows `s` moves, and how many cells it moves them by.
fn band(b: &mut Buffer, s: Shift) -> Option<(&mut [Cell], usize)> {
    let w = usize::from(b.area.width);
    let (top, bottom) = (usize::from(s.top) * w, usize::from(s.bottom) * w);
    let band = b.content.get_mut(top..bottom)?;
    let by = (usize::from(s.by) * w).min(band.len());
    Some((band, by))
}

/// How many rows of `s`'s band still differ from the frame's after it moved them (the
/// rows it brought in, and those it moved with a neighbour that did not move).
pub(super) fn mended(shown: &[u64], want: &[u64], width: usize, s: Shift) -> usize {
    let blank = vec![key(&Cell::EMPTY); width];
    fn row(keys: &[u64], width: usize, y: usize) -> &[u64] {
        keys.get(y * width..(y + 1) * width).unwrap_or(&[])
    }
    let (top, bottom, by) = (usize::from(s.top), usize::from(s.bottom), usize::from(s.by));
    (top..bottom)
        .filter(|&y| {
            let from = if s.up {
                (y + by < bottom).then(|| row(shown, width, y + by))
            } else {
                (y >= top + by).then(|| row(shown, width, y - by))
            };
            from.unwrap_or(&blank) != row(want, width, y)
        })
        .count()
}

/// The bytes that move the rows on the terminal. The style must be the plain one (the
/// rows that come in take its background), and the cursor is anywhere after.
pub(super) fn write(out: &mut Vec<u8>, s: Shift) {
    out.extend_from_slice(format!("\x1b[{};{}r", s.top + 1, s.bottom).as_bytes());
    if s.up {
        out.extend_from_slice(format!("\x1b[{}H", s.bottom).as_bytes());
        out.extend(std::iter::repeat_n(b'\n', usize::from(s.by)));
    } else {
        out.extend_from_slice(format!("\x1b[{}H", s.top + 1).as_bytes());
        for _ in 0..s.by {
            out.extend_from_slice(b"\x1bM");
        }
    }
    out.extend_from_slice(b"\x1b[r");
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn screen(lines: &[&str]) -> Buffer {
        Buffer::with_lines(lines.iter().copied())
    }

    fn plan(shown: &Buffer, want: &Buffer) -> Vec<Shift> {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        keys(shown, &mut a);
        keys(want, &mut b);
        if shown.area != want.area {
            return Vec::new();
        }
        super::plan(&a, &b, usize::from(want.area.width))
    }

    #[test]
    fn a_list_that_scrolled_up_by_one_moves_its_rows_and_only_those() {
        let shown = screen(&[
            "title   ", "a aaaaa ", "b bbbbb ", "c ccccc ", "d ddddd ", "e eeeee ", "foot    ",
        ]);
        let want = screen(&[
            "title   ", "b bbbbb ", "c ccccc ", "d ddddd ", "e eeeee ", "f fffff ", "foot    ",
        ]);
        let s = plan(&shown, &want)[0];
        assert_eq!(
            s,
            Shift {
                top: 1,
                bottom: 6,
                by: 1,
                up: true
            }
        );
        let mut moved = shown.clone();
        let gone = apply(&mut moved, s);
        assert_eq!(moved.diff(&want).len(), 6, "only the new row's letters");
        undo(&mut moved, s, &gone);
        assert_eq!(moved, shown, "put back as it was");
        let mut bytes = Vec::new();
        write(&mut bytes, s);
        assert_eq!(bytes, b"\x1b[2;6r\x1b[6H\n\x1b[r");
    }

    #[test]
    fn a_list_that_scrolled_down_by_two_moves_its_rows_down() {
        let shown = screen(&["c c c", "d d d", "e e e", "f f f", "g g g", "x x x"]);
        let want = screen(&["a a a", "b b b", "c c c", "d d d", "e e e", "x x x"]);
        let s = plan(&shown, &want)[0];
        assert_eq!((s.top, s.bottom, s.by, s.up), (0, 5, 2, false));
        let mut moved = shown.clone();
        let gone = apply(&mut moved, s);
        assert_eq!(moved.diff(&want).len(), 6, "the two new rows");
        undo(&mut moved, s, &gone);
        assert_eq!(moved, shown, "put back as it was");
    }

    #[test]
    fn rows_beside_the_list_that_resemble_their_neighbours_move_with_it() {
        // The grid: the tree on the left differs from the row below in a cell, the list
        // on the right in all of them; moving both and mending the tree is shorter.
        let shown = screen(&[
            "t1 |aaaaaaaaaaaaaaaa",
            "t2 |bbbbbbbbbbbbbbbb",
            "t3 |cccccccccccccccc",
            "t4 |dddddddddddddddd",
            "t5 |eeeeeeeeeeeeeeee",
        ]);
        let want = screen(&[
            "t1 |bbbbbbbbbbbbbbbb",
            "t2 |cccccccccccccccc",
            "t3 |dddddddddddddddd",
            "t4 |eeeeeeeeeeeeeeee",
            "t5 |ffffffffffffffff",
        ]);
        let s = plan(&shown, &want)[0];
        assert_eq!((s.top, s.bottom, s.by, s.up), (0, 5, 1, true));
        let mut moved = shown.clone();
        apply(&mut moved, s);
        assert_eq!(
            moved.diff(&want).len(),
            4 + 19,
            "a digit a row, and the new row"
        );
    }

    #[test]
    fn rows_that_did_not_move_whole_are_left_alone() {
        // The grid: the list moved, its neighbour on the same rows did not.
        let shown = screen(&["1|a", "2|b", "3|c", "4|d", "5|e"]);
        let want = screen(&["1|b", "2|c", "3|d", "4|e", "5|f"]);
        assert_eq!(plan(&shown, &want), []);
        // A highlight that moved by a row is no scroll either.
        let shown = screen(&["a", "B", "c", "d"]);
        let want = screen(&["a", "b", "C", "d"]);
        assert_eq!(plan(&shown, &want), []);
        assert_eq!(plan(&Buffer::empty(Rect::new(0, 0, 3, 3)), &want), []);
    }
}
