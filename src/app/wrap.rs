//! The note field (a meeting note, a risk's mitigation) shown over as many rows as it
//! needs: where its rows break, where its cursor is drawn, and the keys that move by
//! rows. The text itself stays one line (a note has no line breaks); only its display
//! wraps.
//!
//! Rows break after a space where they can, inside a word only when the word is longer
//! than a row. Spaces at a row's end hang past its edge (as in a word processor), so a
//! row never starts with the space that ended the one before. Widths are those of the
//! text as drawn: each grapheme cluster cleaned ([`crate::sanitize::clean`]) and measured
//! as ratatui measures it ([`crate::ui::width`]). A cursor past a row's edge is drawn at
//! the start of the next row.
//!
//! The keys: `↑`/`↓` move a row up or down, to the column nearest the one the cursor is
//! on (from the first row `↑` goes to the start of the text, from the last `↓` to its
//! end); `Home`/`End` (and `Ctrl-A`/`Ctrl-E`) go to the start or end of the row, and
//! pressed there, to the start or end of the whole text. `←`/`→` and the deleting keys
//! work on the text as before, across rows.
//!
//! The layout is worked out from the terminal's width alone ([`room`]), by the drawing
//! code (`crate::ui::note`) and by the keys alike, so they always agree.

use std::ops::Range;

use super::{Action, TextField};

/// The note popup's width on a terminal `screen_w` columns wide.
pub fn popup_width(screen_w: u16) -> u16 {
    screen_w.saturating_sub(8).min(100)
}

/// Columns for the text in the note popup: its width less the borders and the "› "
/// before the text.
pub fn room(screen_w: u16) -> usize {
    usize::from(popup_width(screen_w)).saturating_sub(4).max(1)
}

/// One grapheme cluster of the text.
#[derive(Debug, Clone)]
struct Piece {
    /// Its first character's index in the text.
    at: usize,
    /// Its width as drawn.
    width: usize,
    /// It as drawn (cleaned).
    shown: String,
    space: bool,
}

/// A text laid out in rows of at most `room` columns.
#[derive(Debug, Clone)]
pub struct Wrapped {
    pieces: Vec<Piece>,
    /// The rows, as ranges of pieces. Always at least one (an empty text has one, empty).
    rows: Vec<Range<usize>>,
    room: usize,
    /// The text's length in characters.
    chars: usize,
}

impl Wrapped {
    pub fn new(text: &str, room: usize) -> Wrapped {
        use unicode_segmentation::UnicodeSegmentation;
        let room = room.max(1);
        let mut pieces = Vec::new();
        let mut at = 0;
        for g in text.graphemes(true) {
            let shown = crate::sanitize::clean(g).into_owned();
            pieces.push(Piece {
                at,
                width: crate::ui::width::width(&shown),
                space: shown == " ",
                shown,
            });
            at += g.chars().count();
        }
        let rows = break_rows(&pieces, room);
        Wrapped {
            pieces,
            rows,
            room,
            chars: at,
        }
    }

    /// The rows the text takes (not counting a row the cursor may need after it).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars == 0
    }

    /// Row `i` as drawn (cleaned), hanging spaces included.
    pub fn row_text(&self, i: usize) -> String {
        self.rows
            .get(i)
            .map(|r| self.pieces[r.clone()].iter().map(|p| &*p.shown).collect())
            .unwrap_or_default()
    }

    /// Where the cursor at character `cursor` is drawn: (row, column). Inside a cluster
    /// it is drawn at the cluster's start.
    pub fn position(&self, cursor: usize) -> (usize, usize) {
        // The cluster the cursor is before (or inside): drawn at its start.
        let k = if cursor >= self.chars {
            self.pieces.len()
        } else {
            self.pieces
                .partition_point(|p| p.at <= cursor)
                .saturating_sub(1)
        };
        let r = self
            .rows
            .iter()
            .position(|r| r.contains(&k))
            .unwrap_or(self.rows.len() - 1);
        let row = &self.rows[r];
        let col: usize = self.pieces[row.start..k.max(row.start)]
            .iter()
            .map(|p| p.width)
            .sum();
        if col >= self.room {
            (r + 1, 0)
        } else {
            (r, col)
        }
    }

    /// The rows to draw with the cursor at `cursor`: the text's, and one more when the
    /// cursor is past the last row's edge.
    pub fn rows_with_cursor(&self, cursor: usize) -> usize {
        self.len().max(self.position(cursor).0 + 1)
    }

    /// Every place between clusters, with where it is drawn.
    fn stops(&self) -> impl Iterator<Item = (usize, (usize, usize))> + '_ {
        self.pieces
            .iter()
            .map(|p| p.at)
            .chain([self.chars])
            .map(|at| (at, self.position(at)))
    }

    /// The stops on display row `row`.
    fn on_row(&self, row: usize) -> Vec<(usize, usize)> {
        self.stops()
            .filter(|(_, (r, _))| *r == row)
            .map(|(at, (_, col))| (at, col))
            .collect()
    }

    /// The cursor one row up (`up`) or down, at the column nearest `cursor`'s.
    pub fn vertical(&self, cursor: usize, up: bool) -> usize {
        let (row, col) = self.position(cursor);
        let target = if up {
            row.checked_sub(1)
        } else {
            Some(row + 1)
        };
        let stops = target.map(|t| self.on_row(t)).unwrap_or_default();
        if stops.is_empty() {
            return if up { 0 } else { self.chars };
        }
        stops
            .iter()
            .rev()
            .find(|(_, c)| *c <= col)
            .or(stops.first())
            .map_or(cursor, |(at, _)| *at)
    }

    /// The start (`start`) or end of the cursor's row; there already, of the text.
    pub fn row_edge(&self, cursor: usize, start: bool) -> usize {
        let stops = self.on_row(self.position(cursor).0);
        let edge = if start { stops.first() } else { stops.last() };
        match edge {
            Some(&(at, _)) if at != cursor => at,
            _ if start => 0,
            _ => self.chars,
        }
    }
}

fn break_rows(pieces: &[Piece], room: usize) -> Vec<Range<usize>> {
    let mut rows = Vec::new();
    let (mut start, mut used) = (0, 0);
    // Where the row can break: after the last space, and the width up to there.
    let mut after_space: Option<(usize, usize)> = None;
    for (i, p) in pieces.iter().enumerate() {
        if p.space {
            used += p.width;
            after_space = Some((i + 1, used));
            continue;
        }
        if used + p.width > room && i > start {
            match after_space.take() {
                Some((b, upto)) if b > start => {
                    rows.push(start..b);
                    start = b;
                    used -= upto;
                }
                _ => {
                    rows.push(start..i);
                    start = i;
                    used = 0;
                }
            }
            // The word carried over is itself longer than a row: cut it here.
            if used + p.width > room && i > start {
                rows.push(start..i);
                start = i;
                used = 0;
            }
        }
        used += p.width;
    }
    rows.push(start..pieces.len());
    rows
}

/// Move the cursor of a wrapped field on a terminal of `screen` (columns, rows): `↑`,
/// `↓`, `Home`, `End`. False for every other action (they edit the text as in any field).
pub fn motion(field: &mut TextField, action: Action, screen: (u16, u16)) -> bool {
    let w = || Wrapped::new(&field.text, room(screen.0));
    field.cursor = match action {
        Action::Up | Action::Down => w().vertical(field.cursor, action == Action::Up),
        Action::TextHome | Action::TextEnd => {
            w().row_edge(field.cursor, action == Action::TextHome)
        }
        _ => return false,
    };
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, room: usize) -> Vec<String> {
        let w = Wrapped::new(text, room);
        (0..w.len()).map(|i| w.row_text(i)).collect()
    }

    #[test]
    fn rows_break_after_spaces_and_inside_words_only_when_they_must() {
        assert_eq!(rows("", 10), [""]);
        assert_eq!(rows("kort", 10), ["kort"]);
        assert_eq!(
            rows("en lang setning om budsjettet", 10),
            ["en lang ", "setning om ", "budsjettet"]
        );
        // A word longer than a row is cut; the spaces that end a row hang past it.
        assert_eq!(rows("abcdefghijklmno", 6), ["abcdef", "ghijkl", "mno"]);
        assert_eq!(rows("abcdef   gh", 6), ["abcdef   ", "gh"]);
        assert_eq!(rows("ab abcdefghij", 4), ["ab ", "abcd", "efgh", "ij"]);
        // Wide clusters count two columns, an accent none; a control character shows as
        // its placeholder.
        assert_eq!(rows("漢字漢字", 5), ["漢字", "漢字"]);
        assert_eq!(
            rows("e\u{301}e\u{301}e\u{301}", 2),
            ["e\u{301}e\u{301}", "e\u{301}"]
        );
        assert_eq!(rows("a\u{1b}b", 10), ["a\u{241b}b"]);
    }

    #[test]
    fn the_cursor_is_drawn_on_its_row_and_past_a_full_row_on_the_next() {
        let w = Wrapped::new("en lang setning", 8);
        assert_eq!(w.position(0), (0, 0));
        assert_eq!(w.position(3), (0, 3));
        assert_eq!(w.position(8), (1, 0), "the start of the second row");
        assert_eq!(w.position(15), (1, 7));
        let full = Wrapped::new("abcdefgh", 8);
        assert_eq!(full.position(8), (1, 0), "past the edge: the next row");
        assert_eq!(full.rows_with_cursor(8), 2);
        assert_eq!(full.rows_with_cursor(3), 1);
        // Inside a cluster (between a letter and its accent): at the cluster's start.
        let accent = Wrapped::new("ae\u{301}b", 8);
        assert_eq!(accent.position(2), (0, 1));
        assert_eq!(accent.position(3), (0, 2));
        let wide = Wrapped::new("漢字x", 8);
        assert_eq!(wide.position(2), (0, 4));
    }

    #[test]
    fn up_and_down_move_a_row_home_and_end_go_to_the_row_then_the_text() {
        // Rows: "en lang " | "setning " | "om".
        let t = "en lang setning om";
        let w = Wrapped::new(t, 8);
        assert_eq!(w.position(11), (1, 3));
        assert_eq!(w.vertical(11, true), 3, "up: the same column");
        assert_eq!(w.vertical(11, false), 18, "down to a shorter row: its end");
        assert_eq!(w.vertical(3, true), 0, "up from the first row: the start");
        assert_eq!(w.vertical(17, false), 18, "down from the last row: the end");
        assert_eq!(w.row_edge(11, true), 8);
        assert_eq!(w.row_edge(8, true), 0, "at the row's start: the text's");
        assert_eq!(
            w.row_edge(11, false),
            15,
            "the row's end, before its hanging space"
        );
        assert_eq!(w.row_edge(15, false), 18, "at the row's end: the text's");

        let mut f = TextField::new(t);
        // On a 16-column terminal the note has 4 columns a row: "om" is the last.
        assert!(motion(&mut f, Action::TextHome, (16, 24)));
        assert_eq!(f.cursor, 16);
        assert!(!motion(&mut f, Action::TextLeft, (16, 24)));
    }
}
