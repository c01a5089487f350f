//! Pane 5, the balance: the matrix of the projects in the filter by two dimensions, and
//! the external funding by programme. The state and keys are in
//! [`crate::app::panes::balance`].
//!
//! Numbers are never cut: a column is as wide as its widest number, and when the columns
//! do not fit the matrix scrolls sideways (the row labels and the total column stay);
//! labels are what gives way (cut with "…").

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::width::{pad, pad_left, width};
use super::{Theme, clean, fit, pane_block};
use crate::app::panes::balance::{At, Computed};
use crate::app::{App, Pane, ScrollMemo};
use crate::model::balance::{Cell, Matrix};
use crate::model::funding::Programme;
use crate::text::Lang;

/// The gap between columns.
const GAP: usize = 2;

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: &Theme, focused: bool) {
    let l = app.lang;
    let b = &app.balance;
    let c = b.computed(app);
    let p = &app.portfolio;
    let mut title = format!(
        "{} · {} × {} · {}",
        Pane::Balance.title(l),
        clean(b.rows.name(p).get(l)),
        clean(b.cols.name(p).get(l)),
        b.measure.name().get(l)
    );
    if app.visible.len() < p.projects.len() {
        // The matrix counts the projects in the filter.
        title.push_str(&format!(
            " · {} {} {}",
            app.visible.len(),
            l.pick("av", "of"),
            l.count(p.projects.len() as i64, crate::text::Noun::PROJECT)
        ));
    }
    let block = pane_block(super::numbered(app, Pane::Balance), title, focused, t);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if app.visible.is_empty() {
        let none = l.pick(
            "Ingen prosjekter i utvalget.",
            "No projects in the selection.",
        );
        f.render_widget(Line::styled(none, t.dim), inner);
        return;
    }
    let at = b.at(app);
    let (lines, cursor) = lines(app, &c, at, inner.width as usize, t);
    let off = ScrollMemo::follow(&b.scroll, cursor, inner.height as usize, lines.len());
    let shown: Vec<Line> = lines.into_iter().skip(off).collect();
    f.render_widget(Paragraph::new(shown), inner);
}

/// Every line of the pane, and the one the cursor is on.
fn lines(app: &App, c: &Computed, at: At, cols: usize, t: &Theme) -> (Vec<Line<'static>>, usize) {
    let l = app.lang;
    let m = &c.matrix;
    let mut out = Vec::new();
    let mut cursor = 0;
    if m.rows.is_many_valued() || m.cols.is_many_valued() {
        out.push(Line::styled(
            fit(
                l.pick(
                    "Et prosjekt med flere verdier telles i hver celle; summene teller hvert prosjekt én gang.",
                    "A project with several values counts in each cell; the totals count each project once.",
                ),
                cols,
            ),
            t.dim,
        ));
    }
    let grid = MatrixLayout::new(app, m, at, cols);
    out.push(grid.header(app, m, t));
    for r in 0..=m.row_keys.len() {
        if matches!(at, At::Cell(ar, _) if ar == r)
            || (r == m.row_keys.len() && matches!(at, At::Total(_)))
        {
            cursor = out.len();
        }
        out.push(grid.row(app, m, r, at, t));
    }
    out.push(Line::raw(""));
    let (heading, rows) = funding_lines(l, c, at, cols, t);
    out.push(heading);
    for (i, line) in rows.into_iter().enumerate() {
        if at == At::Programme(i.wrapping_sub(1)) {
            cursor = out.len();
        }
        out.push(line);
    }
    (out, cursor)
}

/// The matrix's columns as they fit: the row label's width, each column's width, the
/// first column shown.
struct MatrixLayout {
    label: usize,
    widths: Vec<usize>,
    total: usize,
    first: usize,
    last: usize,
}

/// A cell's text: "3 · 1,2 M", or "–" with no projects.
fn cell_text(l: Lang, c: &Cell) -> String {
    if c.count == 0 {
        "–".to_string()
    } else {
        format!("{} · {}", c.count, l.short_amount(c.amount))
    }
}

impl MatrixLayout {
    fn new(app: &App, m: &Matrix, at: At, cols: usize) -> MatrixLayout {
        let l = app.lang;
        let nr = m.row_keys.len();
        let full: Vec<usize> = m
            .col_keys
            .iter()
            .map(|k| width(&clean(&k.label(m.cols, l))))
            .collect();
        let mut widths: Vec<usize> = (0..m.col_keys.len())
            .map(|k| {
                let numbers = (0..nr)
                    .map(|r| width(&cell_text(l, m.cell(r, k))))
                    .chain([width(&cell_text(l, &m.col_totals[k]))])
                    .max()
                    .unwrap_or(1);
                numbers.max(full[k].min(14)).max(4)
            })
            .collect();
        let total = m
            .row_totals
            .iter()
            .chain([&m.total])
            .map(|c| width(&cell_text(l, c)))
            .max()
            .unwrap_or(1)
            .max(width(l.pick("Sum", "Total")));
        let longest = m
            .row_keys
            .iter()
            .map(|k| width(&clean(&k.label(m.rows, l))))
            .max()
            .unwrap_or(0);
        let mut label = longest.clamp(8, 24).min(cols / 3);
        // The columns from `first` that fit beside the labels and the total; the first
        // moves so the cursor's column is among them.
        let room = cols.saturating_sub(label + GAP + total + GAP);
        // When every column fits, the room left spells out the labels that were cut:
        // the columns' first, then the rows'.
        let used: usize = widths.iter().map(|w| w + GAP).sum();
        if used <= room {
            let mut spare = room - used;
            for (w, &f) in widths.iter_mut().zip(&full) {
                let more = f.saturating_sub(*w).min(spare);
                *w += more;
                spare -= more;
            }
            let more = longest.saturating_sub(label).min(spare);
            label += more;
        }
        let room = cols.saturating_sub(label + GAP + total + GAP);
        let want = match at {
            At::Cell(_, k) | At::Total(k) => k.min(widths.len().saturating_sub(1)),
            _ => 0,
        };
        let fits = |first: usize| {
            let mut used = 0;
            let mut last = first;
            while last < widths.len() && used + widths[last] + GAP <= room.max(widths[first] + GAP)
            {
                used += widths[last] + GAP;
                last += 1;
            }
            last
        };
        let mut first = app.balance.col_scroll.get().min(want);
        while fits(first) <= want && first < want {
            first += 1;
        }
        app.balance.col_scroll.set(first);
        let last = fits(first);
        MatrixLayout {
            label,
            widths,
            total,
            first,
            last,
        }
    }

    fn header(&self, app: &App, m: &Matrix, t: &Theme) -> Line<'static> {
        let l = app.lang;
        let corner = format!(
            "{} ╲ {}",
            clean(m.rows.name(&app.portfolio).get(l)),
            clean(m.cols.name(&app.portfolio).get(l))
        );
        let mut spans = vec![Span::styled(
            pad(&fit(&corner, self.label), self.label + GAP),
            t.header,
        )];
        let more_left = self.first > 0;
        for k in self.first..self.last {
            let label = clean(&m.col_keys[k].label(m.cols, l));
            let mark = if k == self.first && more_left {
                "‹"
            } else {
                ""
            };
            let text = format!("{mark}{}", fit(&label, self.widths[k] - width(mark)));
            spans.push(Span::styled(
                pad(&pad_left(&text, self.widths[k]), self.widths[k] + GAP),
                t.header,
            ));
        }
        let total = l.pick("Sum", "Total");
        if self.last < self.widths.len() {
            // More columns to the right: `l` scrolls to them.
            spans.pop();
            let k = self.last - 1;
            let label = clean(&m.col_keys[k].label(m.cols, l));
            let text = format!("{}›", fit(&label, self.widths[k] - 1));
            spans.push(Span::styled(
                pad(&pad_left(&text, self.widths[k]), self.widths[k] + GAP),
                t.header,
            ));
        }
        spans.push(Span::styled(pad_left(total, self.total), t.header));
        Line::from(spans)
    }

    /// Row `r`, or the totals' row at `r` = rows.
    fn row(&self, app: &App, m: &Matrix, r: usize, at: At, t: &Theme) -> Line<'static> {
        let l = app.lang;
        let nr = m.row_keys.len();
        let nc = m.col_keys.len();
        let is_total = r == nr;
        let label = if is_total {
            l.pick("Sum", "Total").to_string()
        } else {
            clean(&m.row_keys[r].label(m.rows, l))
        };
        let here = |k: usize| match at {
            At::Cell(ar, ak) => ar == r && ak == k,
            At::Total(ak) => is_total && ak == k,
            _ => false,
        };
        let on_row =
            matches!(at, At::Cell(ar, _) if ar == r) || (is_total && matches!(at, At::Total(_)));
        let label_style = if on_row {
            t.title
        } else if is_total {
            t.header
        } else {
            t.text
        };
        let mut spans = vec![Span::styled(
            pad(&fit(&label, self.label), self.label + GAP),
            label_style,
        )];
        for k in self.first..self.last {
            let cell = if is_total {
                &m.col_totals[k]
            } else {
                m.cell(r, k)
            };
            // The totals are not shaded: the shading is the cells' share of them.
            let style = if here(k) {
                t.selected
            } else if is_total {
                t.header
            } else {
                shade(m, cell, t)
            };
            spans.push(Span::styled(
                pad_left(&cell_text(l, cell), self.widths[k]),
                style,
            ));
            spans.push(Span::raw(" ".repeat(GAP)));
        }
        let total = if is_total { &m.total } else { &m.row_totals[r] };
        let style = if here(nc) { t.selected } else { t.header };
        spans.push(Span::styled(
            pad_left(&cell_text(l, total), self.total),
            style,
        ));
        Line::from(spans)
    }
}

/// A cell's shading by its share of the total.
fn shade(m: &Matrix, cell: &Cell, t: &Theme) -> Style {
    if cell.count == 0 {
        return t.dim;
    }
    match m.share(cell) {
        s if s > 0.25 => t.shade[2],
        s if s > 0.10 => t.shade[1],
        _ => t.shade[0],
    }
}

/// The funding table's heading, and its header, programme and total lines.
fn funding_lines(
    l: Lang,
    c: &Computed,
    at: At,
    cols: usize,
    t: &Theme,
) -> (Line<'static>, Vec<Line<'static>>) {
    let heading = Line::styled(
        l.pick(
            "Ekstern finansiering etter program · treff = innvilget ÷ avgjort",
            "External funding by programme · success = granted ÷ decided",
        ),
        t.title,
    );
    let fund = &c.funding;
    if fund.programmes.is_empty() {
        let none = l.pick(
            "Ingen ekstern finansiering i utvalget.",
            "No external funding in the selection.",
        );
        return (heading, vec![Line::raw(""), Line::styled(none, t.dim)]);
    }
    // Below 100 columns the headings are short and the gaps one: the programme's name
    // needs the room more than the words do (the heading line says what success is).
    let narrow = cols < 100;
    let heads = if narrow {
        [
            l.pick("Søkt", "Appl."),
            l.pick("Innv.", "Gran."),
            l.pick("Avsl.", "Rej."),
            l.pick("Treff", "Succ."),
            l.pick("Ant.", "No."),
            l.pick("Pr.", "Pr."),
            l.pick("Egen", "Own"),
        ]
    } else {
        [
            l.pick("Søkt", "Applied"),
            l.pick("Innvilget", "Granted"),
            l.pick("Avslått", "Rejected"),
            l.pick("Treff kr", "Succ. kr"),
            l.pick("Treff ant.", "Succ. no."),
            l.pick("Prosj.", "Proj."),
            l.pick("Egenandel", "Own share"),
        ]
    };
    let gap = if narrow { 1 } else { GAP };
    let numbers = |pr: &Programme| -> [String; 7] {
        let decided = pr.decided().count;
        let money = |v: i64| {
            if v == 0 {
                "–".to_string()
            } else {
                l.short_amount(v)
            }
        };
        [
            money(pr.applied.amount),
            money(pr.granted.amount),
            money(pr.rejected.amount),
            l.percent(pr.success_by_amount()),
            if decided == 0 {
                "–".to_string()
            } else {
                format!("{}/{decided}", pr.granted.count)
            },
            pr.projects.len().to_string(),
            l.short_amount(pr.own_share),
        ]
    };
    let all: Vec<[String; 7]> = fund
        .programmes
        .iter()
        .chain([&fund.total])
        .map(numbers)
        .collect();
    let widths: Vec<usize> = (0..7)
        .map(|i| {
            all.iter()
                .map(|r| width(&r[i]))
                .chain([width(heads[i])])
                .max()
                .unwrap_or(1)
        })
        .collect();
    let fixed: usize = widths.iter().map(|w| w + gap).sum();
    let longest = fund
        .programmes
        .iter()
        .map(|p| width(&clean(&p.source)))
        .max()
        .unwrap_or(0)
        .max(width(l.pick("Program", "Programme")));
    let label = cols.saturating_sub(fixed).min(longest).max(8);
    let line = |name: String, nums: &[String], style: Style, number_style: Style| {
        let mut spans = vec![Span::styled(pad(&fit(&name, label), label), style)];
        for (i, n) in nums.iter().enumerate() {
            spans.push(Span::raw(" ".repeat(gap)));
            spans.push(Span::styled(pad_left(n, widths[i]), number_style));
        }
        Line::from(spans)
    };
    let mut rows = vec![line(
        l.pick("Program", "Programme").to_string(),
        &heads.map(String::from),
        t.header,
        t.header,
    )];
    for (i, (pr, nums)) in fund.programmes.iter().zip(&all).enumerate() {
        let style = if at == At::Programme(i) {
            t.selected
        } else {
            t.text
        };
        rows.push(line(clean(&pr.source), nums, style, style));
    }
    rows.push(line(
        l.pick("Sum", "Total").to_string(),
        &all[all.len() - 1],
        t.header,
        t.header,
    ));
    (heading, rows)
}
