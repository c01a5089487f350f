//! The risks pane: the 5×5 matrix (probability × consequence) with the count of open
//! risks per cell, coloured by the file's thresholds, and the register sorted by score.
//!
//! Every cell carries its band as a symbol (● ▲ ■) as well as colour, the selected cell
//! sits in brackets, and mitigated risks say so in words (or with ↓ where the register is
//! narrow), so the pane reads the same without colour.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use super::theme::band_symbol;
use super::width::width;
use super::{Theme, clean, fit, pane_block};
use crate::app::hits::Hit;
use crate::app::{App, Pane, RiskFocus, ScrollMemo};
use crate::model::RiskStatus;
use crate::model::figures::{risk_band, risk_score};
use crate::text::Lang;

/// Rows of the matrix block: heading, five probability rows, the consequence labels.
const MATRIX_H: u16 = 7;
/// Beside the matrix only when the register has this many columns there (or the pane is
/// short); otherwise below it, at full width.
const REGISTER_FULL_W: u16 = 100;
/// From this many rows on, the register goes below the matrix instead of beside it.
const STACK_MIN_H: u16 = 18;

/// The letter of the consequence axis: K (konsekvens) in Norwegian, C in English.
fn c_letter(l: Lang) -> &'static str {
    l.pick("K", "C")
}

/// What the register lists, by status: "6 åpne + 1 redusert" / "6 open + 1 mitigated"
/// (the matrix counts the open ones; the register also lists the mitigated).
fn register_count(app: &App) -> String {
    let l = app.lang;
    let mitigated = app.risk_rows_mitigated;
    let open = app.risk_rows.len() - mitigated;
    let open_w = if open == 1 {
        l.pick("åpen", "open")
    } else {
        l.pick("åpne", "open")
    };
    let mut s = format!("{open} {open_w}");
    if mitigated > 0 {
        let w = if mitigated == 1 {
            l.pick("redusert", "mitigated")
        } else {
            l.pick("reduserte", "mitigated")
        };
        s.push_str(&format!(" + {mitigated} {w}"));
    }
    s
}

/// The pane's title: whether the register is narrowed to a cell, and what it lists — the
/// open risks (as many as the matrix counts there) and the mitigated ones.
pub fn title(app: &App) -> String {
    let l = app.lang;
    let count = register_count(app);
    if app.risk_cell_active {
        let (p, c) = app.risk_cell;
        format!(
            "{} · P{p} × {}{c}: {count}",
            Pane::Risks.title(l),
            c_letter(l)
        )
    } else {
        format!(
            "{} · {}: {count}",
            Pane::Risks.title(l),
            l.pick("alle celler", "all cells")
        )
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: &Theme, focused: bool) {
    let block = pane_block(super::numbered(app, Pane::Risks), title(app), focused, t);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let mw = matrix_width(app);
    let side_by_side = inner.width >= mw + 2 + REGISTER_FULL_W || inner.height < STACK_MIN_H;
    if side_by_side && inner.width >= mw + 2 + 16 {
        // Matrix and its key on the left, the register on the right.
        let left = Rect::new(inner.x, inner.y, mw, inner.height);
        let right = Rect::new(
            inner.x + mw + 2,
            inner.y,
            inner.width - mw - 2,
            inner.height,
        );
        let narrow = register_columns(app, right.width).narrow;
        let mut lines = matrix_lines(app, t, focused);
        lines.extend(legend_lines(app, t, narrow));
        f.render_widget(Paragraph::new(lines), left);
        matrix_hits(app, left);
        register(f, right, app, t, focused);
    } else {
        // The matrix on top with its key beside it, the register below.
        let h = MATRIX_H.min(inner.height);
        let top = Rect::new(inner.x, inner.y, inner.width, h);
        let rest = Rect::new(
            inner.x,
            inner.y + h,
            inner.width,
            inner.height.saturating_sub(h),
        );
        let narrow = register_columns(app, rest.width).narrow;
        f.render_widget(Paragraph::new(matrix_lines(app, t, focused)), top);
        matrix_hits(app, top);
        if top.width > mw + 4 {
            let key = Rect::new(
                top.x + mw + 3,
                top.y + 1,
                top.width - mw - 3,
                top.height.saturating_sub(1),
            );
            f.render_widget(Paragraph::new(legend_lines(app, t, narrow)), key);
        }
        if rest.height > 0 {
            register(f, rest, app, t, focused);
        }
    }
}

/// Record where each cell of the matrix drawn in `area` is, for the mouse.
fn matrix_hits(app: &App, area: Rect) {
    let cell_w = count_digits(app) as u16 + 3;
    for p in 1..=5i64 {
        let y = area.y + 1 + (5 - p) as u16;
        for c in 1..=5i64 {
            let x = area.x + 3 + (c - 1) as u16 * cell_w;
            if y < area.bottom() && x < area.right() {
                let w = cell_w.min(area.right() - x);
                app.hits.add(x, y, w, 1, Hit::Cell(p, c));
            }
        }
    }
}

/// Digits a cell's count gets: two, or more for a crowded cell.
fn count_digits(app: &App) -> usize {
    let max = app.matrix.iter().flatten().copied().max().unwrap_or(0);
    max.to_string().len().max(2)
}

/// Width of the matrix block: the row labels and five cells.
fn matrix_width(app: &App) -> u16 {
    3 + 5 * (count_digits(app) as u16 + 3)
}

/// A part's heading: "▶ " and emphasis when it has the cursor.
fn heading(text: String, has_focus: bool, pane_focused: bool, t: &Theme) -> Line<'static> {
    let (marker, style) = match (has_focus, pane_focused) {
        (true, true) => ("▶ ", t.header),
        (true, false) => ("▶ ", t.title),
        _ => ("  ", t.dim),
    };
    Line::styled(format!("{marker}{text}"), style)
}

/// The matrix: a heading, probability 5 at the top down to 1, consequence 1 to 5 from the
/// left, then the consequence labels.
fn matrix_lines(app: &App, t: &Theme, focused: bool) -> Vec<Line<'static>> {
    let l = app.lang;
    let digits = count_digits(app);
    let cell_w = digits + 3;
    let open: usize = app.matrix.iter().flatten().sum();
    let on_matrix = app.risk_focus == RiskFocus::Matrix;
    let mut head = format!("{} ({open})", l.pick("Åpne risikoer", "Open risks"));
    // Open risks whose probability or consequence is off the 1–5 scale are in the
    // register but in no cell: said, so the title's count and this one agree.
    let listed_open = app.risk_rows.len() - app.risk_rows_mitigated;
    if !app.risk_cell_active && listed_open > open {
        head.push_str(&format!(
            " + {} {}",
            listed_open - open,
            l.pick("utenfor skalaen", "off the scale")
        ));
    }
    let mut lines = vec![heading(head, on_matrix, focused, t)];
    // The chosen cell, in brackets: the one the register is narrowed to. Until one is
    // chosen (by moving over the matrix) the register lists every cell. The cursor is
    // drawn while the matrix has the focus, chosen or not: the first move starts there.
    let marked = app.risk_cell_active;
    let cursor_shown = on_matrix && focused;
    let th = app.portfolio.risk_thresholds;
    for p in (1..=5i64).rev() {
        let mut spans = vec![Span::styled(format!("P{p} "), t.header)];
        for c in 1..=5i64 {
            let n = app.matrix[(p - 1) as usize][(c - 1) as usize];
            let band = risk_band(p * c, th);
            let count = if n == 0 {
                format!("{:>digits$}", "·")
            } else {
                format!("{n:>digits$}")
            };
            let mut style = t.band(band);
            if n > 0 {
                style = style.add_modifier(Modifier::BOLD);
            }
            let here = app.risk_cell == (p, c);
            let selected = marked && here;
            let (open_b, close_b) = if selected { ("[", "]") } else { (" ", " ") };
            if here && cursor_shown {
                style = style.patch(t.selected);
            }
            let bracket = if selected && cursor_shown {
                t.selected
            } else {
                t.text
            };
            spans.push(Span::styled(open_b, bracket));
            spans.push(Span::styled(format!("{}{count}", band_symbol(band)), style));
            spans.push(Span::styled(close_b, bracket));
        }
        lines.push(Line::from(spans));
    }
    let mut labels = String::from("   ");
    for c in 1..=5 {
        labels.push_str(&format!("{:^cell_w$}", format!("{}{c}", c_letter(l))));
    }
    lines.push(Line::styled(labels, t.header));
    lines
}

/// The key to the matrix: the axes, the bands under the file's thresholds, and ↓ when the
/// register marks mitigated risks with it.
fn legend_lines(app: &App, t: &Theme, arrow: bool) -> Vec<Line<'static>> {
    let l = app.lang;
    let mut lines = vec![
        Line::styled(
            format!("P {}", l.pick("sannsynlighet ↑", "probability ↑")),
            t.dim,
        ),
        Line::styled(
            format!(
                "{} {}",
                c_letter(l),
                l.pick("konsekvens →", "consequence →")
            ),
            t.dim,
        ),
    ];
    let th = app.portfolio.risk_thresholds;
    let mut bands: Vec<Span> = Vec::new();
    let low_end = th.amber.min(th.red);
    if low_end > 1 {
        bands.push(Span::styled(format!("● <{low_end}"), t.good));
    }
    let amber_lo = th.amber.max(1);
    if th.amber < th.red && amber_lo < th.red {
        let hi = th.red - 1;
        let range = if hi == amber_lo {
            format!("▲ {amber_lo}")
        } else {
            format!("▲ {amber_lo}–{hi}")
        };
        if !bands.is_empty() {
            bands.push(Span::raw("  "));
        }
        bands.push(Span::styled(range, t.amber));
    }
    if !bands.is_empty() {
        bands.push(Span::raw("  "));
    }
    bands.push(Span::styled(format!("■ ≥{}", th.red), t.bad));
    lines.push(Line::from(bands));
    if app.pane == Pane::Risks && app.risk_focus == RiskFocus::Matrix {
        lines.push(Line::styled(
            l.pick("h/j/k/l velger celle", "h/j/k/l choose a cell"),
            t.dim,
        ));
    }
    if arrow {
        lines.push(Line::styled(
            format!("↓ {}", l.pick("redusert", "mitigated")),
            t.dim,
        ));
    }
    lines
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Project,
    Risk,
    P,
    C,
    Score,
    Status,
    Owner,
    Mitigation,
}

struct Columns {
    /// Shown columns, in display order, with their widths.
    cols: Vec<(Col, u16)>,
    /// No status column: mitigated risks carry ↓ before their title.
    narrow: bool,
    /// Digits of the largest score, for aligning the scores.
    digits: usize,
    /// Width of the longest "risk id + title": the id shows when the column has it.
    full_w: u16,
}

/// Which register columns fit in `cols` columns, and how wide each is. Project, risk and score
/// always show. The risk's title matters most: P and C, the owner, the mitigation and
/// the status word each show only while the title keeps room enough (without the word,
/// a mitigated risk is marked ↓).
fn register_columns(app: &App, cols: u16) -> Columns {
    let l = app.lang;
    let p = &app.portfolio;
    let w = |s: &str| width(&clean(s)) as u16;
    let (mut id_w, mut title_w, mut full_w, mut owner_w, mut mitig_w) = (2u16, 0, 0, 0, 0);
    for &(pi, ri) in measured_rows(app) {
        let pr = &p.projects[pi];
        let r = &pr.risks[ri];
        id_w = id_w.max(w(&pr.id));
        title_w = title_w.max(w(&r.title) + 2); // room for "↓ "
        full_w = full_w.max(w(&r.id) + 1 + w(&r.title));
        owner_w = owner_w.max(w(r.owner.as_deref().unwrap_or("")));
        mitig_w = mitig_w.max(w(r.mitigation.as_deref().unwrap_or("")));
    }
    let id_w = id_w.min(10);
    // The score: its band symbol, a space and the digits (P × C, 25 at most in range).
    let score_w = measured_rows(app)
        .map(|&(pi, ri)| risk_score(&p.projects[pi].risks[ri]).to_string().len() as u16)
        .max()
        .unwrap_or(2)
        .max(2)
        + 2;
    let status_w = [RiskStatus::Open, RiskStatus::Mitigated]
        .iter()
        .map(|&s| width(l.risk_status(s)) as u16)
        .max()
        .unwrap_or(8)
        .max(6);
    // Widths of everything but the title, and the spaces between the columns.
    let others = |c: &[(Col, u16)]| {
        c.iter()
            .filter(|x| x.0 != Col::Risk)
            .map(|x| x.1 + 1)
            .sum::<u16>()
    };
    let mut chosen = vec![(Col::Project, id_w), (Col::Risk, 0), (Col::Score, score_w)];
    // (column, its width, the least the title must keep beside it)
    for (col, min, floor) in [
        (Col::P, 1, 16),
        (Col::Owner, 10, 22),
        (Col::Mitigation, 16, 24),
        (Col::Status, status_w, 28),
    ] {
        // Owner and mitigation only when the file has them for these risks.
        let empty = match col {
            Col::Owner => owner_w == 0,
            Col::Mitigation => mitig_w == 0,
            _ => false,
        };
        // P and C come as a pair.
        let extra = if col == Col::P { 2 } else { 0 };
        if !empty && others(&chosen) + min + 1 + extra + floor <= cols {
            chosen.push((col, min));
            if col == Col::P {
                chosen.push((Col::C, 1));
            }
        }
    }
    let has = |c: &[(Col, u16)], k: Col| c.iter().any(|x| x.0 == k);
    let has_mitigation = has(&chosen, Col::Mitigation);
    let mut room = cols.saturating_sub(others(&chosen));
    // What is left goes to the owner's name (up to 14), the words "Score" and "Prosjekt"
    // over their columns, then the title up to what it needs (at most 40), and the rest
    // to the mitigation.
    if has(&chosen, Col::Owner) {
        let grow = owner_w.clamp(10, 14) - 10;
        if room >= grow + 30 {
            room -= grow;
            set(&mut chosen, Col::Owner, 10 + grow);
        }
    }
    if has_mitigation && score_w < 5 && room >= 5 - score_w + 40 {
        room -= 5 - score_w;
        set(&mut chosen, Col::Score, 5);
    }
    let proj_label = width(l.pick("Prosjekt", "Project")) as u16;
    if has_mitigation && id_w < proj_label && room >= proj_label - id_w + 40 {
        room -= proj_label - id_w;
        set(&mut chosen, Col::Project, proj_label);
    }
    if has_mitigation {
        // (The mitigation's least width is counted already.)
        let title = title_w.max(full_w).clamp(24, 40).min(room);
        set(&mut chosen, Col::Risk, title.max(1));
        set(&mut chosen, Col::Mitigation, 16 + room - title);
    } else {
        set(&mut chosen, Col::Risk, room.max(1));
    }
    let narrow = !has(&chosen, Col::Status);
    let order = [
        Col::Project,
        Col::Risk,
        Col::P,
        Col::C,
        Col::Score,
        Col::Status,
        Col::Owner,
        Col::Mitigation,
    ];
    chosen.sort_by_key(|(c, _)| order.iter().position(|o| o == c));
    Columns {
        cols: chosen,
        narrow,
        digits: score_w as usize - 2,
        full_w,
    }
}

/// The register rows the column widths are measured on: the top of the register and the
/// rows around the cursor (every row that can be on screen). Not all of them: a register
/// of 200,000 risks would cost a scan per frame, and what does not fit is cut with an
/// ellipsis all the same.
fn measured_rows(app: &App) -> impl Iterator<Item = &(usize, usize)> {
    const TOP: usize = 256;
    const AROUND: usize = 128;
    let rows = &app.risk_rows;
    let from = app
        .risk_cursor
        .saturating_sub(AROUND)
        .max(TOP)
        .min(rows.len());
    let to = (app.risk_cursor + AROUND).max(from).min(rows.len());
    rows.iter().take(TOP).chain(&rows[from..to])
}

fn set(cols: &mut [(Col, u16)], k: Col, w: u16) {
    if let Some(c) = cols.iter_mut().find(|c| c.0 == k) {
        c.1 = w;
    }
}

/// The register: heading, column headers, and the rows that fit, following the cursor.
fn register(f: &mut Frame, area: Rect, app: &App, t: &Theme, focused: bool) {
    let l = app.lang;
    let on_register = app.risk_focus == RiskFocus::Register;
    let head = heading(
        l.pick("Risikoregister", "Risk register").to_string(),
        on_register,
        focused,
        t,
    );
    f.render_widget(
        Paragraph::new(head),
        Rect::new(area.x, area.y, area.width, 1),
    );
    if area.height < 2 {
        return;
    }
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    if app.risk_rows.is_empty() {
        let msg = if app.risk_cell_active {
            l.pick(
                "Ingen risikoer i denne cellen — Esc viser alle.",
                "No risks in this cell — Esc shows them all.",
            )
        } else {
            l.pick(
                "Ingen åpne eller reduserte risikoer i utvalget.",
                "No open or mitigated risks in the selection.",
            )
        };
        f.render_widget(
            Paragraph::new(Line::styled(format!("  {msg}"), t.dim)).wrap(Wrap { trim: false }),
            body,
        );
        return;
    }
    let Columns {
        cols,
        narrow,
        digits,
        full_w,
    } = register_columns(app, body.width);
    let header = Row::new(cols.iter().map(|&(c, w)| {
        let label = match c {
            Col::Project if w >= 8 => l.pick("Prosjekt", "Project"),
            Col::Project => "Id",
            Col::Risk => l.pick("Risiko", "Risk"),
            Col::P => "P",
            Col::C => c_letter(l),
            Col::Score if w >= 5 => "Score",
            Col::Score => l.pick("P×K", "P×C"),
            Col::Status => "Status",
            Col::Owner => l.pick("Eier", "Owner"),
            Col::Mitigation => l.pick("Tiltak", "Mitigation"),
        };
        Cell::from(fit(label, w as usize))
    }))
    .style(t.header);

    let height = body.height.saturating_sub(1) as usize;
    let off = ScrollMemo::follow(
        &app.scroll.risks,
        app.risk_cursor,
        height,
        app.risk_rows.len(),
    );
    let th = app.portfolio.risk_thresholds;
    let rows = app
        .risk_rows
        .iter()
        .enumerate()
        .skip(off)
        .take(height)
        .map(|(row, &(pi, ri))| {
            let pr = &app.portfolio.projects[pi];
            let r = &pr.risks[ri];
            let mitigated = r.status == RiskStatus::Mitigated;
            let score = risk_score(r);
            let band = risk_band(score, th);
            let cells = cols.iter().map(|&(c, w)| {
                let w = w as usize;
                match c {
                    Col::Project => Cell::from(fit(&clean(&pr.id), w)),
                    Col::Risk => {
                        let mark = if narrow && mitigated { "↓ " } else { "" };
                        let text = if w >= full_w as usize {
                            format!("{mark}{} {}", clean(&r.id), clean(&r.title))
                        } else {
                            format!("{mark}{}", clean(&r.title))
                        };
                        Cell::from(fit(&text, w))
                    }
                    Col::P => Cell::from(fit(&r.probability.to_string(), w)),
                    Col::C => Cell::from(fit(&r.consequence.to_string(), w)),
                    Col::Score => Cell::from(Span::styled(
                        fit(&format!("{} {score:>digits$}", band_symbol(band)), w),
                        t.band(band),
                    )),
                    Col::Status => Cell::from(fit(l.risk_status(r.status), w)),
                    Col::Owner => Cell::from(fit(&clean(r.owner.as_deref().unwrap_or("–")), w)),
                    Col::Mitigation => {
                        Cell::from(fit(&clean(r.mitigation.as_deref().unwrap_or("–")), w))
                    }
                }
            });
            let selected = row == app.risk_cursor;
            let style = if selected && on_register && focused {
                t.selected
            } else if selected && on_register {
                t.title
            } else if mitigated {
                t.dim
            } else {
                t.text
            };
            Row::new(cells.collect::<Vec<_>>()).style(style)
        });
    let widths: Vec<Constraint> = cols.iter().map(|c| Constraint::Length(c.1)).collect();
    let table = Table::new(rows, widths).header(header).column_spacing(1);
    f.render_widget(table, body);
    let listed = Rect::new(body.x, body.y + 1, body.width, height as u16);
    super::hit_rows(app, listed, off, app.risk_rows.len(), Hit::Risk);
}
