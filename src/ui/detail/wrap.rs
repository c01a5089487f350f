//! Wrapping styled text at a width, breaking at spaces, as the detail view needs it.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::width::clusters;

/// Wrap styled text at `width` columns, breaking at spaces; continuation lines start with
/// `indent` spaces. A word longer than a line is broken where the line ends, between
/// grapheme clusters.
pub fn wrap(spans: Vec<Span<'static>>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let indent = indent.min(width / 2);
    // Each cluster with its width and style.
    let cells: Vec<Cell> = spans
        .iter()
        .flat_map(|s| clusters(&s.content).map(move |(_, g, w)| (g, w, s.style)))
        .collect();
    if cells.is_empty() {
        return vec![Line::default()];
    }
    let mut out = Lines {
        done: Vec::new(),
        cur: Vec::new(),
        cur_w: 0,
        content: false,
        indent,
    };
    let mut i = 0;
    while i < cells.len() {
        let space = cells[i].0 == " ";
        let mut j = i;
        while j < cells.len() && (cells[j].0 == " ") == space {
            j += 1;
        }
        let token = &cells[i..j];
        let tw: usize = token.iter().map(|c| c.1).sum();
        if space {
            // Leading spaces of a continuation line are the indent's business.
            if !(out.content || out.done.is_empty()) {
                i = j;
                continue;
            }
            for &cell in token {
                if out.cur_w + 1 > width {
                    out.new_line();
                    break;
                }
                out.push(cell);
            }
        } else if out.cur_w + tw <= width {
            out.push_word(token);
        } else if out.content && indent + tw <= width {
            out.new_line();
            out.push_word(token);
        } else {
            for &cell in token {
                if out.cur_w + cell.1 > width && out.content {
                    out.new_line();
                }
                out.push_word(&[cell]);
            }
        }
        i = j;
    }
    if out.content || out.done.is_empty() {
        out.new_line();
    }
    out.done.into_iter().map(to_line).collect()
}

/// The lines [`wrap`] has made, and the one it is making.
struct Lines<'a> {
    done: Vec<Vec<Cell<'a>>>,
    cur: Vec<Cell<'a>>,
    cur_w: usize,
    /// Whether the current line holds more than its indent.
    content: bool,
    indent: usize,
}

impl<'a> Lines<'a> {
    fn push(&mut self, cell: Cell<'a>) {
        self.cur.push(cell);
        self.cur_w += cell.1;
    }

    fn push_word(&mut self, word: &[Cell<'a>]) {
        for &cell in word {
            self.push(cell);
        }
        self.content = true;
    }

    /// End the current line (without its trailing spaces) and start an indented one.
    fn new_line(&mut self) {
        while self.cur.last().is_some_and(|(g, _, _)| *g == " ") {
            self.cur.pop();
        }
        self.done.push(std::mem::take(&mut self.cur));
        self.cur
            .extend(std::iter::repeat_n((" ", 1, Style::default()), self.indent));
        self.cur_w = self.indent;
        self.content = false;
    }
}

/// A grapheme cluster of the text being wrapped, its width and its style.
type Cell<'a> = (&'a str, usize, Style);

/// Clusters with their styles back into spans, one per run of the same style.
fn to_line(cells: Vec<Cell>) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut style: Option<Style> = None;
    for (g, _, s) in cells {
        if style.is_some_and(|st| st != s) {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                style.unwrap_or_default(),
            ));
        }
        style = Some(s);
        run.push_str(g);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, style.unwrap_or_default()));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn wrap_breaks_at_spaces_and_indents() {
        let out = wrap(vec![Span::raw("  aaa bbb ccc ddd")], 10, 4);
        assert_eq!(plain(&out), ["  aaa bbb", "    ccc", "    ddd"]);
    }

    #[test]
    fn wrap_breaks_a_long_word_and_keeps_styles() {
        let bold = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let out = wrap(
            vec![Span::raw("x "), Span::styled("abcdefghij", bold)],
            6,
            0,
        );
        assert_eq!(plain(&out), ["x abcd", "efghij"]);
        assert_eq!(out[1].spans[0].style, bold);
        for l in &out {
            assert!(l.width() <= 6);
        }
    }

    #[test]
    fn wrap_never_splits_a_cluster_and_counts_columns() {
        // "e" + combining acute is one column: "kafe\u{301}" fits in 4.
        let out = wrap(vec![Span::raw("kafe\u{301}kafe\u{301}")], 4, 0);
        assert_eq!(plain(&out), ["kafe\u{301}", "kafe\u{301}"]);
        // Wide characters: two columns each, never half a one on a line.
        let out = wrap(vec![Span::raw("漢字漢字漢")], 5, 0);
        assert_eq!(plain(&out), ["漢字", "漢字", "漢"]);
        for l in &out {
            assert!(l.width() <= 5);
        }
    }

    #[test]
    fn wrap_of_nothing_is_one_empty_line() {
        assert_eq!(wrap(vec![], 10, 2).len(), 1);
        assert_eq!(plain(&wrap(vec![Span::raw("ok")], 1, 0)), ["o", "k"]);
    }
}
