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

use std::hash::{Hash, Hasher};

use ratatui::buffer::{Buffer, Cell};

/// What a scroll costs, in the units of [`row_cost`]: its bytes.
const SCROLL_COST: i32 = 20;
/// What a cursor move to a run of changes costs, about (`ESC[12C`).
const RUN_COST: i32 = 5;
/// Shifts by up to this many rows are weighed cell by cell (rows that only resemble the
/// rows they replace count for what they save); longer ones by whole rows that match.
const NEAR: usize = 3;

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

fn hash(cells: &[Cell]) -> u64 {
    let mut h = Fx(0);
    cells.hash(&mut h);
    h.finish()
}

fn rows(b: &Buffer) -> impl Iterator<Item = &[Cell]> {
    b.content.chunks(usize::from(b.area.width.max(1)))
}

/// Row `y` of `b`'s cells (empty past its end).
pub(super) fn row(b: &Buffer, y: u16) -> &[Cell] {
    let w = usize::from(b.area.width);
    let start = usize::from(y) * w;
    b.content.get(start..start + w).unwrap_or(&[])
}

/// What it costs to turn row `from` into row `to`, about: a byte a changed cell and
/// [`RUN_COST`] a run of them.
fn row_cost(from: &[Cell], to: &[Cell]) -> i32 {
    let mut cost = 0;
    let mut inside = false;
    for (a, b) in from.iter().zip(to) {
        let differs = a != b;
        if differs {
            cost += if inside { 1 } else { 1 + RUN_COST };
        }
        inside = differs;
    }
    cost
}

/// How many of the shifts the plan weighs best the wire writes out to compare (the
/// plan's costs are estimates: multi-byte symbols and styles are not in them).
const CANDIDATES: usize = 4;

/// The shifts that make the diff after them cheapest, best first, when they save more
/// than they cost:
/// rows that match a row `d` away, and for short shifts also rows that only resemble it
/// (the goal tree beside a list in the grid: its rows differ from their neighbours in a
/// few cells, the list's rows in most).
pub(super) fn plan(shown: &Buffer, want: &Buffer) -> Vec<Shift> {
    if shown.area != want.area || shown.area.width == 0 || shown.area.height < 3 {
        return Vec::new();
    }
    let h = usize::from(want.area.height);
    let (old, new): (Vec<&[Cell]>, Vec<&[Cell]>) = (rows(shown).collect(), rows(want).collect());
    // What each row costs as it is; a scroll needs rows to win.
    let base: Vec<i32> = (0..h).map(|y| row_cost(old[y], new[y])).collect();
    if base.iter().filter(|&&c| c > 0).count() < 3 {
        return Vec::new();
    }
    let hs: Vec<u64> = old.iter().map(|r| hash(r)).collect();
    let hw: Vec<u64> = new.iter().map(|r| hash(r)).collect();
    let blank_row = vec![Cell::EMPTY; usize::from(want.area.width)];
    // What a row gains by coming in blank.
    let b: Vec<i32> = (0..h)
        .map(|y| base[y] - row_cost(&blank_row, new[y]))
        .collect();
    let pb = prefix(&b);
    // What row y gains from the row `from` of the screen.
    let gain_from = |y: usize, from: usize, d: usize| {
        if hw[y] == hs[from] && new[y] == old[from] {
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

/// Move the rows in the mirror as the terminal moves them.
pub(super) fn apply(shown: &mut Buffer, s: Shift) {
    let w = usize::from(shown.area.width);
    let (top, bottom, by) = (
        usize::from(s.top) * w,
        usize::from(s.bottom) * w,
        usize::from(s.by) * w,
    );
    let Some(band) = shown.content.get_mut(top..bottom) else {
        return;
    };
    let by = by.min(band.len());
    if s.up {
        band.rotate_left(by);
        let n = band.len();
        band[n - by..].fill(Cell::EMPTY);
    } else {
        band.rotate_right(by);
        band[..by].fill(Cell::EMPTY);
    }
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

    #[test]
    fn a_list_that_scrolled_up_by_one_moves_its_rows_and_only_those() {
        let shown = screen(&[
            "title", "a    ", "b    ", "c    ", "d    ", "e    ", "foot ",
        ]);
        let want = screen(&[
            "title", "b    ", "c    ", "d    ", "e    ", "f    ", "foot ",
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
        apply(&mut moved, s);
        assert_eq!(moved.diff(&want).len(), 1, "only the new row's letter");
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
        apply(&mut moved, s);
        assert_eq!(moved.diff(&want).len(), 6, "the two new rows");
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
