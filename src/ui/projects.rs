//! The project list: a sortable, filterable table with fuzzy search highlights.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

use super::theme::{band_symbol, health_symbol};
use super::width::{clusters, width};
use super::{Theme, clean, fit, pane_block};
use crate::app::hits::Hit;
use crate::app::view::matcher;
use crate::app::{App, Pane, ScrollMemo, SortKey};
use crate::model::figures::ScoreTotal;

/// Text with the characters at `positions` (char indices) highlighted. A grapheme
/// cluster is styled as one (an accent takes its letter's style): highlighted when any of
/// its characters is.
pub fn highlighted(text: &str, positions: &[usize], base: Style, hl: Style) -> Line<'static> {
    if positions.is_empty() {
        return Line::styled(text.to_string(), base);
    }
    let mut spans: Vec<Span> = Vec::new();
    let mut at = 0; // the char index of the cluster
    for (_, g, _) in clusters(text) {
        let n = g.chars().count();
        let on = positions.iter().any(|p| (at..at + n).contains(p));
        let style = if on { hl } else { base };
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(g),
            _ => spans.push(Span::styled(g.to_string(), style)),
        }
        at += n;
    }
    Line::from(spans)
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: &Theme, focused: bool) {
    let l = app.lang;
    let total = app.portfolio.projects.len();
    let title = if app.visible.len() == total {
        format!("{} ({total})", Pane::Projects.title(l))
    } else {
        format!(
            "{} ({}/{total} {})",
            Pane::Projects.title(l),
            app.visible.len(),
            l.pick("i utvalget", "shown")
        )
    };
    let title = format!(
        "{title} · {} {}",
        l.pick("budsjett: plan/brukt, mill.", "budget: planned/spent, M"),
        clean(&app.portfolio.currency)
    );
    let block = pane_block(super::numbered(app, Pane::Projects), title, focused, t);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if app.visible.is_empty() {
        let msg = if total == 0 {
            l.pick(
                "Porteføljen har ingen prosjekter.",
                "The portfolio has no projects.",
            )
        } else {
            l.pick(
                "Ingen prosjekter passer filteret — Esc fjerner det.",
                "No project matches the filter — Esc clears it.",
            )
        };
        f.render_widget(Line::styled(msg, t.dim), inner);
        return;
    }

    let height = inner.height.saturating_sub(1) as usize;
    let off = ScrollMemo::follow(
        &app.scroll.projects,
        app.project_cursor,
        height,
        app.visible.len(),
    );
    // The id column is as wide as the longest id on screen (7 to 14): ids like
    // "HA-01" and "FRE-2026-014" both read whole; a longer one ends in "…".
    let id_w = app
        .visible
        .iter()
        .skip(off)
        .take(height)
        .map(|&pi| width(&clean(&app.portfolio.projects[pi].id)))
        .max()
        .unwrap_or(0)
        .clamp(7, 14);
    // With `--since`, a project that moved carries "Δ" after its id.
    let marks = app.since.is_some();
    let id_w = if marks { id_w + 2 } else { id_w };
    let with_unit = inner.width >= 110;
    // A partial total (fewer criteria scored than the file has) reads "4,0 1/3": the
    // Score column widens for it only while the portfolio has one (a glance at the
    // ranking, not a pass over the projects).
    let partial_scores = !app.ranking.partial.is_empty();
    let score_w = if partial_scores {
        let digits = app.portfolio.criteria.len().to_string().len() as u16;
        4 + 1 + 2 * digits + 1
    } else {
        5
    };
    // Below 90 columns the health shows as its symbol alone (the shape carries it).
    let health_w: u16 = if inner.width >= 90 { 7 } else { 2 };
    let mut cols: Vec<(SortKey, &str, Constraint)> = vec![
        (SortKey::Id, "Id", Constraint::Length(id_w as u16)),
        (SortKey::Name, l.pick("Navn", "Name"), Constraint::Min(14)),
    ];
    if with_unit {
        cols.push((
            SortKey::Unit,
            l.pick("Enhet", "Unit"),
            Constraint::Length(14),
        ));
    }
    cols.extend([
        (SortKey::Status, "Status", Constraint::Length(9)),
        (
            SortKey::Health,
            if health_w > 2 {
                l.pick("Helse", "Health")
            } else {
                "H"
            },
            Constraint::Length(health_w),
        ),
        (
            SortKey::Planned,
            l.pick("Budsjett", "Budget"),
            Constraint::Length(9),
        ),
        (SortKey::Score, "Score", Constraint::Length(score_w)),
        (
            SortKey::Risk,
            l.pick("Risiko", "Risk"),
            Constraint::Length(5),
        ),
        (SortKey::End, l.pick("Slutt", "End"), Constraint::Length(7)),
    ]);
    // Every header has room for its label and the sort arrow: never "Risik", never a
    // sort without its ▲/▼.
    for c in &mut cols {
        if let Constraint::Length(n) = c.2 {
            let label_w = width(c.1) as u16;
            c.2 = Constraint::Length(n.max(label_w + 1));
        }
    }
    let dir = if app.sort_desc { "▼" } else { "▲" };
    let header = Row::new(cols.iter().map(|(k, label, _)| {
        if *k == app.sort || (*k == SortKey::Planned && app.sort == SortKey::Spent) {
            Cell::from(format!("{label}{dir}"))
        } else if *k == SortKey::Name && app.sort == SortKey::Unit && !with_unit {
            // Sorted by a column too wide to show: say so beside the name.
            Cell::from(format!("{label} · {}{dir}", SortKey::Unit.label(l)))
        } else {
            Cell::from(label.to_string())
        }
    }))
    .style(t.header);
    let widths: Vec<Constraint> = cols.iter().map(|c| c.2).collect();

    let query = app.filters.search.trim();
    let m = matcher();
    // Name column width, for truncation: what is left after the fixed columns.
    let fixed: u16 = cols
        .iter()
        .map(|c| match c.2 {
            Constraint::Length(n) => n + 1,
            _ => 1,
        })
        .sum();
    let name_w = inner.width.saturating_sub(fixed) as usize;

    let rows = app
        .visible
        .iter()
        .enumerate()
        .skip(off)
        .take(height)
        .map(|(row, &pi)| {
            let pr = &app.portfolio.projects[pi];
            let pf = &app.figures.projects[pi];
            let selected = row == app.project_cursor;
            let moved = app.since.as_ref().is_some_and(|s| s.is_moved(pr));
            let id = fit(&clean(&pr.id), if marks { id_w - 2 } else { id_w });
            let name = fit(&clean(&pr.name), name_w);
            // Match positions only for the rows on screen.
            let (id_pos, name_pos) = if query.is_empty() {
                (Vec::new(), Vec::new())
            } else {
                (
                    crate::app::fold::match_positions(&m, &id, query),
                    crate::app::fold::match_positions(&m, &name, query),
                )
            };
            let mut id_line = highlighted(&id, &id_pos, Style::default(), t.matched);
            if moved {
                let pad = " ".repeat(id_w - 2 - width(&id) + 1);
                id_line.spans.push(Span::styled(format!("{pad}Δ"), t.warn));
            }
            let mut cells = vec![
                Cell::from(id_line),
                Cell::from(highlighted(&name, &name_pos, Style::default(), t.matched)),
            ];
            if with_unit {
                cells.push(Cell::from(fit(
                    &clean(pr.unit.as_deref().unwrap_or("")),
                    14,
                )));
            }
            let health = Span::styled(
                if health_w > 2 {
                    format!(
                        "{} {}",
                        health_symbol(pr.health),
                        fit(l.health(pr.health), 5)
                    )
                } else {
                    health_symbol(pr.health).to_string()
                },
                t.health(pr.health),
            );
            let budget = pf
                .budget
                .map(|b| format!("{}/{}", short(l, b.planned), short(l, b.spent)))
                .unwrap_or_else(|| "–".into());
            let risk = match pf.top_risk {
                Some((_, s, band)) => {
                    Span::styled(format!("{} {s:>2}", band_symbol(band)), t.band(band))
                }
                None => Span::raw("–"),
            };
            let end = pr
                .end
                .map(|d| d.to_string()[..7].to_string())
                .unwrap_or_default();
            let end_style = if pf.overdue { t.warn } else { Style::default() };
            cells.extend([
                Cell::from(fit(l.status(pr.status), 9)),
                Cell::from(health),
                Cell::from(format!("{budget:>9}")),
                Cell::from(score_cell(l, pf.latest_total, partial_scores, t)),
                Cell::from(risk),
                Cell::from(Span::styled(end, end_style)),
            ]);
            let style = if selected && focused {
                t.selected
            } else if selected {
                t.title
            } else {
                t.text
            };
            Row::new(cells).style(style)
        });
    let table = Table::new(rows, widths).header(header).column_spacing(1);
    f.render_widget(table, inner);
    let body = Rect::new(inner.x, inner.y + 1, inner.width, height as u16);
    super::hit_rows(app, body, off, app.visible.len(), Hit::Project);
}

/// The Score cell: the latest total, right-aligned in five columns; while the portfolio
/// has partial totals, the value in four and, for a partial one, "k/n" after it (the
/// criteria scored of the file's), so the values stay one under the other.
fn score_cell(
    l: crate::text::Lang,
    total: Option<ScoreTotal>,
    partial_scores: bool,
    t: &Theme,
) -> Line<'static> {
    let value = l.decimal(total.map(|x| x.value));
    match total {
        Some(x) if x.is_partial() => Line::from(vec![
            Span::raw(format!("{value:>4} ")),
            Span::styled(format!("{}/{}", x.scored, x.of), t.warn),
        ]),
        _ if partial_scores => Line::raw(format!("{value:>4}")),
        _ => Line::raw(format!("{value:>5}")),
    }
}

/// Amounts in millions with one decimal, no unit: "5,8" — the column header says so.
fn short(l: crate::text::Lang, v: i64) -> String {
    let s = format!("{:.1}", v as f64 / 1e6);
    match l {
        crate::text::Lang::Nb => s.replace('.', ","),
        crate::text::Lang::En => s,
    }
}
