//! A scoring round's sheet (issue 12), over the panes while it is shown: the project, one
//! row per criterion with the file's evidence, and
//! - before the reveal, on a seat its own scores; on the chair who has scored (✓), never
//!   a value;
//! - after it, on every screen each seat's score, the mean, the spread (⚠ from 2: the
//!   seats disagree), the median and the group's score the chair gives.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::Theme;
use super::evaluation::{Evidence, criterion_row, evidence};
use super::overlay::{centered, popup};
use super::width::{fit, pad, pad_left, spans_width, width};
use crate::app::App;
use crate::app::room::Role;
use crate::model::round::{DISAGREEMENT, Tally};
use crate::sanitize::clean;

/// The widest the sheet is drawn.
const MAX_WIDTH: u16 = 110;
/// Columns for the criterion's name.
const NAME: usize = 20;

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: &Theme) {
    let Some(round) = app.room.round.as_ref() else {
        return;
    };
    let l = app.lang;
    let Some(pi) = app.project_index(&round.project) else {
        return;
    };
    let pr = &app.portfolio.projects[pi];
    let rect = centered(area, MAX_WIDTH.min(area.width), area.height);
    let w = (rect.width as usize).saturating_sub(2);
    let title = fit(
        &format!(
            "{} · {} {}",
            l.pick("Vurderingsrunde", "Scoring round"),
            clean(&pr.id),
            clean(&pr.name)
        ),
        w.saturating_sub(2),
    );
    let mut lines: Vec<Line<'static>> = Vec::new();
    let tally = app.room.tally(app);
    lines.push(state_line(app, t, w, tally.is_some()));
    lines.push(Line::raw(""));
    match &tally {
        None => lines.extend(hidden_rows(app, t, pi, w)),
        Some(tally) => lines.extend(revealed_rows(app, t, pi, tally, w)),
    }
    // As high as what it shows (within the panes' area).
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, rect.width, h);
    f.render_widget(Clear, rect);
    f.render_widget(Paragraph::new(lines).block(popup(&title, t)), rect);
}

/// What the round is at: who has scored, or what to do now.
fn state_line(app: &App, t: &Theme, w: usize, revealed: bool) -> Line<'static> {
    let l = app.lang;
    let spans = if revealed {
        vec![
            Span::styled(
                format!(
                    " {} ",
                    l.pick("Alle scorene er vist", "Every score revealed")
                ),
                t.title,
            ),
            Span::styled(
                format!(
                    "· {} {DISAGREEMENT} {} ⚠",
                    l.pick("sprik fra", "a spread from"),
                    l.pick("er uenighet", "is disagreement")
                ),
                t.dim,
            ),
        ]
    } else if app.room.role == Role::Chair {
        let n = app.portfolio.criteria.len();
        let mut spans = vec![Span::styled(
            format!(" {}: ", l.pick("Har gitt score", "Scored")),
            t.title,
        )];
        let progress = app
            .room
            .round
            .as_ref()
            .map(|r| r.progress(&app.portfolio.criteria))
            .unwrap_or_default();
        let mut names: Vec<(String, usize)> = progress;
        for s in &app.room.seats {
            if !names.iter().any(|(b, _)| b == s) {
                names.push((s.clone(), 0));
            }
        }
        names.sort();
        if names.is_empty() {
            spans.push(Span::styled(
                l.pick("ingen deltakere ennå", "no seats yet").to_string(),
                t.dim,
            ));
        }
        for (i, (by, k)) in names.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" · ", t.dim));
            }
            let (mark, style) = if *k >= n && n > 0 {
                ("✓".to_string(), t.good)
            } else if *k == 0 {
                ("–".to_string(), t.dim)
            } else {
                (format!("{k}/{n}"), t.amber)
            };
            spans.push(Span::styled(format!("{} ", clean(by)), t.text));
            spans.push(Span::styled(mark, style));
        }
        spans.push(Span::styled(
            format!(" · R {}", l.pick("viser alle", "reveals")),
            t.dim,
        ));
        spans
    } else {
        vec![Span::styled(
            format!(
                " {} ",
                l.pick(
                    "Gi score 1–5 · ingen ser dine før ordstyreren viser alle",
                    "Score 1–5 · nobody sees yours until the chair reveals them"
                )
            ),
            t.title,
        )]
    };
    Line::from(super::width::fit_spans(spans, w))
}

/// A criterion's name and weight, padded to the name column.
fn criterion_cell(app: &App, ci: usize, on: bool, t: &Theme) -> Vec<Span<'static>> {
    let c = &app.portfolio.criteria[ci];
    let mark = if on { "▸ " } else { "  " };
    vec![
        Span::styled(mark.to_string(), t.key),
        Span::styled(
            pad(
                &fit(&format!("{} ×{}", clean(&c.name), c.weight), NAME),
                NAME,
            ),
            t.text,
        ),
    ]
}

/// Before the reveal: the seat's own scores, the chair's rows without any.
fn hidden_rows(app: &App, t: &Theme, pi: usize, w: usize) -> Vec<Line<'static>> {
    let round = app.room.round.as_ref();
    let mine = round.and_then(|r| r.own(&app.room.me));
    app.portfolio
        .criteria
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let on = ci == app.room.cursor;
            let mut spans = criterion_cell(app, ci, on, t);
            let score = if app.room.role == Role::Chair {
                Span::styled("  ·  ", t.dim)
            } else {
                match mine.and_then(|m| m.get(&c.id)) {
                    Some(s) => Span::styled(format!(" [{s}] "), t.key),
                    None => Span::styled(" [ ] ", t.dim),
                }
            };
            spans.push(score);
            let room = w.saturating_sub(spans_width(&spans) + 1);
            if room > 4 {
                spans.push(Span::raw(" "));
                spans.push(evidence(app, t, pi, Evidence::of(c), room));
            }
            criterion_row(spans, on, w, t)
        })
        .collect()
}

/// After the reveal: a column per seat, then mean, spread, median and the group's score.
fn revealed_rows(app: &App, t: &Theme, pi: usize, tally: &[Tally], w: usize) -> Vec<Line<'static>> {
    let l = app.lang;
    let mut names: Vec<String> = tally
        .iter()
        .flat_map(|x| x.scores.iter().map(|(b, _)| b.clone()))
        .collect();
    names.sort();
    names.dedup();
    // The seats' columns take what the figures leave: as wide as the longest name
    // (within reason) where there is room.
    let fixed = 2 + NAME + 4 * 7;
    let longest = names.iter().map(|n| width(&clean(n))).max().unwrap_or(0);
    let mut col = (longest + 1).clamp(4, 9);
    while col > 4 && names.len() * col > w.saturating_sub(fixed) {
        col -= 1;
    }
    let fits = (w.saturating_sub(fixed) / col).min(names.len());
    let group = app.portfolio.projects[pi]
        .evaluations
        .iter()
        .find(|e| Some(e.date) == app.room.round.as_ref().map(|r| r.date));
    let mut head = vec![Span::raw(" ".repeat(2 + NAME))];
    for n in names.iter().take(fits) {
        head.push(Span::styled(
            pad_left(&fit(&clean(n), col - 1), col),
            t.header,
        ));
    }
    if fits < names.len() {
        head.push(Span::styled(format!(" +{}", names.len() - fits), t.dim));
    }
    for h in [
        l.pick("snitt", "mean"),
        l.pick("sprik", "spread"),
        l.pick("median", "median"),
        l.pick("gruppe", "group"),
    ] {
        head.push(Span::styled(pad_left(h, 7), t.header));
    }
    let mut out = vec![Line::from(super::width::fit_spans(head, w))];
    for (ci, c) in app.portfolio.criteria.iter().enumerate() {
        let on = ci == app.room.cursor;
        let mut spans = criterion_cell(app, ci, on, t);
        let x = tally.iter().find(|x| x.criterion == c.id);
        for n in names.iter().take(fits) {
            let s = x
                .and_then(|x| x.scores.iter().find(|(b, _)| b == n))
                .map_or("–".to_string(), |(_, s)| s.to_string());
            spans.push(Span::styled(pad_left(&s, col), t.text));
        }
        if fits < names.len() {
            spans.push(Span::raw("   "));
        }
        let mean = l.decimal(x.and_then(|x| x.mean));
        spans.push(Span::styled(pad_left(&mean, 7), t.text));
        let (spread, style) = match x.and_then(|x| x.spread) {
            Some(s) if x.is_some_and(|x| x.disagree) => (format!("⚠ {s}"), t.warn),
            Some(s) => (s.to_string(), t.text),
            None => ("–".into(), t.dim),
        };
        spans.push(Span::styled(pad_left(&spread, 7), style));
        let median = x
            .and_then(|x| x.median)
            .map_or("–".into(), |m| m.to_string());
        spans.push(Span::styled(pad_left(&median, 7), t.text));
        let g = group
            .and_then(|e| e.scores.get(&c.id))
            .map_or("[ ]".into(), |s| format!("[{s}]"));
        spans.push(Span::styled(pad_left(&g, 7), t.key));
        out.push(criterion_row(spans, on, w, t));
    }
    out
}
