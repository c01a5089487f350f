//! Below the score sheet: the portfolio ranked by weighted total. The complete totals
//! are ranked; the partial ones (fewer criteria scored than the file has) follow under
//! a heading of their own, without a rank, each with how many criteria it has.

use ratatui::text::{Line, Span};

use super::width::{fit, fit_spans, pad, width};
use super::{Theme, clean};
use crate::app::{App, ScrollMemo};
use crate::model::figures::ScoreTotal;

/// A row of the ranking list.
#[derive(Debug, Clone, Copy)]
enum Row {
    /// The n-th complete total (0 first).
    Ranked(usize),
    /// The heading above the partial ones.
    Partial,
    /// The n-th partial total.
    Unranked(usize),
}

fn rows(app: &App) -> Vec<Row> {
    let r = &app.ranking;
    let mut out: Vec<Row> = (0..r.complete.len()).map(Row::Ranked).collect();
    if !r.partial.is_empty() {
        out.push(Row::Partial);
        out.extend((0..r.partial.len()).map(Row::Unranked));
    }
    out
}

/// The rows the list takes below its header when all are shown.
pub fn len(app: &App) -> usize {
    let r = &app.ranking;
    r.len() + usize::from(!r.partial.is_empty())
}

/// The ranking in `height` rows, its header first, the selected project marked and kept
/// in view.
pub fn lines(
    app: &App,
    t: &Theme,
    selected: Option<usize>,
    w: usize,
    height: usize,
) -> Vec<Line<'static>> {
    let l = app.lang;
    let n = app.portfolio.projects.len();
    let ranking = &app.ranking;
    let k = ranking.len();
    let mut out = vec![Line::from(fit_spans(
        vec![
            Span::raw(" "),
            Span::styled(
                l.pick("Rangert etter vektet sum", "Ranked by weighted total")
                    .to_string(),
                t.header,
            ),
            Span::styled(
                match l {
                    crate::text::Lang::Nb => format!(" ({k} av {n} scoret)"),
                    crate::text::Lang::En => format!(" ({k} of {n} scored)"),
                },
                t.dim,
            ),
        ],
        w,
    ))];
    if height <= 1 {
        return out;
    }
    if ranking.is_empty() {
        out.push(Line::styled(
            fit(
                l.pick(
                    "Ingen prosjekter er scoret ennå.",
                    "No project is scored yet.",
                ),
                w,
            ),
            t.dim,
        ));
        return out;
    }
    let all = rows(app);
    let entry = |row: Row| -> Option<(usize, ScoreTotal)> {
        match row {
            Row::Ranked(i) => ranking.complete.get(i).copied(),
            Row::Unranked(i) => ranking.partial.get(i).copied(),
            Row::Partial => None,
        }
    };
    let visible = height - 1;
    let pos = selected.and_then(|s| all.iter().position(|&r| entry(r).is_some_and(|e| e.0 == s)));
    let off = ScrollMemo::follow(
        &app.scroll.ranking,
        pos.unwrap_or(app.scroll.ranking.get()),
        visible,
        all.len(),
    );
    let shown = &all[off..(off + visible).min(all.len())];
    let w_id = shown
        .iter()
        .filter_map(|&r| entry(r))
        .map(|(p, _)| width(&clean(&app.portfolio.projects[p].id)))
        .max()
        .unwrap_or(4)
        .min(12);
    let w_rank = ranking.complete.len().max(1).to_string().len();
    for &row in shown {
        let Some((p, total)) = entry(row) else {
            out.push(Line::from(fit_spans(
                vec![
                    Span::raw(" "),
                    Span::styled(
                        l.pick("Delvis vurdert", "Partly scored").to_string(),
                        t.header,
                    ),
                    Span::styled(
                        format!(
                            " · {} ({})",
                            l.pick("ikke rangert", "not ranked"),
                            ranking.partial.len()
                        ),
                        t.dim,
                    ),
                ],
                w,
            )));
            continue;
        };
        let pr = &app.portfolio.projects[p];
        let here = Some(p) == selected;
        let style = if here { t.title } else { t.text };
        let rank = match row {
            Row::Ranked(i) => format!("{:>w_rank$}.", i + 1),
            _ => " ".repeat(w_rank + 1),
        };
        let head = format!(
            "{}{rank} {:>4}  {}  ",
            if here { "▶" } else { " " },
            l.decimal(Some(total.value)),
            pad(&fit(&clean(&pr.id), w_id), w_id),
        );
        let mut spans = vec![Span::styled(head, style)];
        if total.is_partial() {
            spans.push(Span::styled(
                format!("{} · ", l.criteria_of(total.scored, total.of)),
                t.warn,
            ));
        }
        let room = w.saturating_sub(super::width::spans_width(&spans));
        spans.push(Span::styled(fit(&clean(&pr.name), room), style));
        out.push(Line::from(spans));
    }
    out
}
