//! Pane 5's budget what-if: the budget field, what the budget keeps and cuts, the goals
//! that would lose their last measure, and the projects, kept first. The state and keys
//! are in [`crate::app::panes::whatif`].

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::overlay::place_cursor_at;
use super::width::{pad, pad_left, width};
use super::{Theme, clean, fit, pane_block};
use crate::app::panes::whatif::{Answer, Row, WhatIf};
use crate::app::{App, Pane, ScrollMemo};
use crate::model::whatif::Pin;
use crate::text::Lang;

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: &Theme, focused: bool) {
    let l = app.lang;
    let Some(w) = &app.balance.whatif else {
        return;
    };
    let title = format!(
        "{} › {} · {}",
        Pane::Balance.title(l),
        l.pick("Hva om", "What-if"),
        match app.balance.measure {
            crate::model::balance::Measure::Planned =>
                l.pick("planlagt budsjett", "planned budget"),
            crate::model::balance::Measure::OwnShare => l.pick("egenandel", "own share"),
        }
    );
    let block = pane_block(super::numbered(app, Pane::Balance), title, focused, t);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let a = w.answer(app);
    let head = head_lines(app, w, &a, inner.width as usize, t);
    let [top, list, keys] = Layout::vertical([
        Constraint::Length(head.len() as u16),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    f.render_widget(Paragraph::new(head), top);
    if !w.in_list && focused {
        let label = width(l.pick("Budsjett: ", "Budget: ")) as u16;
        place_cursor_at(f, top, label, &w.field);
    }
    draw_list(f, list, app, w, &a, t);
    let hint = l.pick(
        "Tab felt/liste · Space fest inn/ut · Enter vedtak · b egenandel · Esc lukk",
        "Tab field/list · Space pin in/out · Enter decision · b own share · Esc close",
    );
    f.render_widget(Line::styled(fit(hint, keys.width as usize), t.dim), keys);
}

/// The field, the summary, and the goals that lose their last measure.
fn head_lines(app: &App, w: &WhatIf, a: &Answer, cols: usize, t: &Theme) -> Vec<Line<'static>> {
    let l = app.lang;
    let field_style = if w.in_list { t.text } else { t.title };
    let mut field = vec![
        Span::styled(l.pick("Budsjett: ", "Budget: ").to_string(), t.header),
        Span::styled(clean(&w.field.text), field_style),
    ];
    match &a.budget {
        None => field.push(Span::styled(
            format!(
                "   {} {} · {}",
                l.pick("i dag", "today"),
                l.amount(a.total),
                l.pick(
                    "skriv f.eks. 12m, 12 000 000 eller -20 %",
                    "type e.g. 12m, 12 000 000 or -20%"
                )
            ),
            t.dim,
        )),
        Some(Ok(b)) => field.push(Span::styled(
            format!(
                "   = {} · {} {}",
                l.amount(*b),
                l.pick("i dag", "today"),
                l.amount(a.total)
            ),
            t.dim,
        )),
        Some(Err(e)) => field.push(Span::styled(format!("   {}", e.reason.get(l)), t.warn)),
    }
    let mut out = vec![Line::from(field)];
    let Some(c) = &a.choice else {
        out.push(Line::raw(""));
        return out;
    };
    let scenario = c.kept.len() + c.cut.len() + c.unvalued.len();
    let summary = format!(
        "{} {} {} {} · {} {} {} · {} {} {} {}",
        l.pick("Beholder", "Keeps"),
        c.kept.len(),
        l.pick("av", "of"),
        l.count(scenario as i64, crate::text::Noun::PROJECT),
        l.short_amount(c.money_kept),
        l.pick("av", "of"),
        l.short_amount(c.money_before),
        l.pick("score", "score"),
        l.decimal(Some(c.value_kept)),
        l.pick("av", "of"),
        l.decimal(Some(c.value_before)),
    );
    let exact = match c.caveat() {
        None => l
            .pick("beste mulige valg", "the best possible choice")
            .to_string(),
        Some(m) => m.get(l).to_string(),
    };
    // On one line where it fits, else on two: never cut.
    if width(&summary) + 3 + width(&exact) <= cols {
        out.push(Line::styled(format!("{summary} · {exact}"), t.text));
    } else {
        out.push(Line::styled(summary, t.text));
        let style = if c.caveat().is_some() { t.warn } else { t.dim };
        out.push(Line::styled(exact, style));
    }
    let lost: Vec<String> = c
        .lost_goals
        .iter()
        .filter_map(|&g| app.goals.get(g))
        .map(|g| format!("{} {}", clean(&g.id), clean(&g.title)))
        .collect();
    out.push(if lost.is_empty() {
        Line::styled(
            l.pick(
                "Ingen mål mister sitt siste tiltak",
                "No goal loses its last measure",
            ),
            t.good,
        )
    } else {
        Line::from(vec![
            Span::styled(
                format!(
                    "○ {} ({}): ",
                    l.pick("Mister siste tiltak", "Lose their last measure"),
                    lost.len()
                ),
                t.bad,
            ),
            Span::styled(
                fit(
                    &lost.join("; "),
                    cols.saturating_sub(width(l.pick(
                        "○ Mister siste tiltak (99): ",
                        "○ Lose their last measure (99): ",
                    ))),
                ),
                t.text,
            ),
        ])
    });
    out
}

fn draw_list(f: &mut Frame, area: Rect, app: &App, w: &WhatIf, a: &Answer, t: &Theme) {
    let l = app.lang;
    let rows = a.rows();
    let cols = area.width as usize;
    let (cost_w, score_w, pin_w) = (9, 6, 5);
    let name_w = cols.saturating_sub(2 + cost_w + score_w + pin_w + 3);
    let header = format!(
        "  {}{} {} {}",
        pad(l.pick("Prosjekt", "Project"), name_w),
        pad_left(l.pick("Kostnad", "Cost"), cost_w),
        pad_left(l.pick("Score", "Score"), score_w),
        pad(l.pick(" Fest", " Pin"), pin_w)
    );
    let mut lines = vec![Line::styled(header, t.header)];
    let height = area.height.saturating_sub(1) as usize;
    let off = ScrollMemo::follow(&app.balance.scroll, w.cursor, height, rows.len());
    for (i, &(pi, row)) in rows.iter().enumerate().skip(off).take(height) {
        let Some(pr) = app.portfolio.projects.get(pi) else {
            continue;
        };
        let item = a.items.iter().find(|it| it.project == pi);
        let (mark, style) = match row {
            Row::Kept => ("✓", t.good),
            Row::Cut => ("✗", t.bad),
            Row::Unvalued => ("?", t.amber),
            Row::Closed => ("–", t.dim),
        };
        let score = match (row, item.and_then(|it| it.value)) {
            (_, Some(v)) => l.decimal(Some(v.total)),
            (Row::Unvalued, None) => l.pick("ufullst.", "partial").to_string(),
            _ => "–".to_string(),
        };
        let pin = match w.pins.get(&pi) {
            Some(Pin::In) => l.pick("inn", "in"),
            Some(Pin::Out) => l.pick("ut", "out"),
            _ => "",
        };
        let name = format!("{} {}", clean(&pr.id), clean(&pr.name));
        let text = format!(
            "{} {}{} {} {}",
            mark,
            pad(&fit(&name, name_w), name_w),
            pad_left(&l.short_amount(item.map_or(0, |it| it.cost)), cost_w),
            pad_left(&score, score_w),
            pad(&format!(" {pin}"), pin_w)
        );
        let line_style = if w.in_list && i == w.cursor {
            t.selected
        } else {
            style
        };
        lines.push(Line::styled(text, line_style));
    }
    if rows.is_empty() {
        lines.push(Line::styled(
            l.pick(
                "Ingen prosjekter i utvalget.",
                "No projects in the selection.",
            ),
            t.dim,
        ));
    }
    f.render_widget(Paragraph::new(lines), area);
}

/// "○ etter kuttet": the goal tree's mark for a goal the what-if would leave without a
/// measure.
pub fn lost_mark(l: Lang) -> &'static str {
    l.pick("○ etter kuttet", "○ after the cut")
}
