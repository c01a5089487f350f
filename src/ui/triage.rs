//! Triage: one project per screen, with what the meeting needs to judge it — who runs
//! it, status and health, results against targets, money spent against time gone, the
//! top risks, the previous evaluation — and the live score sheet for this meeting.
//! A count ("3/12") and the item's timer against the timebox sit in the frame.
//!
//! Every line has a priority: at 80×24 the less important ones (result by result, more
//! risks, funding, goals) give way; what matters is always drawn. At 120×40 the facts and
//! the sheet stand side by side.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::evaluation::{
    Evidence, SheetOpts, description, evidence, fill, score_sheet, wrap, wrap_rooms,
};
use super::theme::{band_symbol, health_symbol};
use super::width::{fit_spans, pad, spans_width, width};
use super::{Theme, clean, fit, pane_block};
use crate::app::update::current_project;
use crate::app::{App, Triage};
use crate::model::figures::{risk_band, risk_score, score_total};
use crate::model::{Evaluation, RiskStatus};
use crate::text::Lang;

/// Below this width the screen is one column.
const WIDE: u16 = 110;

/// "1:42": minutes and seconds (minutes run past 59).
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}", s / 60, s % 60)
}

/// The timer in the frame: time on this item, against the timebox if there is one. Shown,
/// never enforced; over the timebox it turns to the warning style and says so.
fn timer(tr: &Triage, l: Lang, t: &Theme) -> Line<'static> {
    let spent = tr.item_started.elapsed();
    let label = l.pick("tid", "time");
    match tr.timebox {
        Some(tb) if spent > tb => Line::from(Span::styled(
            format!(
                " ▲ {label} {} / {} {} ",
                clock(spent),
                clock(tb),
                l.pick("over tida", "over time")
            ),
            t.warn,
        )),
        Some(tb) => Line::from(Span::styled(
            format!(" {label} {} / {} ", clock(spent), clock(tb)),
            t.title,
        )),
        None => Line::from(Span::styled(format!(" {label} {} ", clock(spent)), t.title)),
    }
    .right_aligned()
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: &Theme) {
    let Some(tr) = &app.triage else {
        return;
    };
    let l = app.lang;
    let title = format!(
        "{} {}/{}",
        l.pick("Gjennomgang", "Triage"),
        (tr.pos + 1).min(tr.agenda.len()),
        tr.agenda.len()
    );
    let block = pane_block(None, title, true, t).title_top(timer(tr, l, t));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let Some(pi) = current_project(app).filter(|&p| p < app.portfolio.projects.len()) else {
        f.render_widget(
            Line::styled(
                l.pick(
                    "Prosjektet finnes ikke lenger i filen — Space går videre.",
                    "The project is no longer in the file — Space moves on.",
                ),
                t.dim,
            ),
            inner,
        );
        return;
    };
    let s = Screen { app, t, pi };
    let w = inner.width as usize;
    if inner.width >= WIDE && inner.height >= 24 {
        // The project across the top; results and money on the left, risks and the
        // previous evaluation on the right; the sheet across the bottom.
        let mut top = s.heading(w);
        top.extend(s.moved(w));
        top.extend(s.who(w));
        top.extend(s.goals(w).into_iter().map(|(_, l)| (0, l)));
        top.push((0, Line::raw("")));
        let half = w.saturating_sub(3) / 2;
        let rw = w.saturating_sub(half + 3);
        let mut left = s.results(half, true);
        left.push((8, Line::raw("")));
        left.extend(s.budget(half, true));
        let mut right = s.risks(rw, true);
        right.extend(s.follow_ups(rw));
        right.push((1, Line::raw("")));
        right.extend(s.previous(rw, 3));
        right.extend(s.history(rw));
        let mut bottom = vec![(0, Line::styled("─".repeat(w), t.border))];
        bottom.extend(s.sheet(w, 3));
        bottom.extend(s.next_on_agenda(tr, w));

        let avail = (inner.height as usize).saturating_sub(top.len());
        let bottom_needs = bottom.iter().filter(|(p, _)| *p == 0).count();
        let middle_h = left
            .len()
            .max(right.len())
            .min(avail.saturating_sub(bottom_needs))
            .max(1);
        let [head, middle, foot] = Layout::vertical([
            Constraint::Length(top.len() as u16),
            Constraint::Length(middle_h as u16),
            Constraint::Min(1),
        ])
        .areas(inner);
        let [l_area, _, r_area] = Layout::horizontal([
            Constraint::Length(half as u16),
            Constraint::Length(3),
            Constraint::Min(10),
        ])
        .areas(middle);
        let top_h = top.len();
        f.render_widget(Paragraph::new(allocate(top, top_h)), head);
        f.render_widget(Paragraph::new(allocate(left, middle_h)), l_area);
        f.render_widget(Paragraph::new(allocate(right, middle_h)), r_area);
        f.render_widget(Paragraph::new(allocate(bottom, foot.height as usize)), foot);
    } else {
        let mut all = s.heading(w);
        all.extend(s.moved(w));
        all.extend(s.who(w));
        all.extend(s.goals(w));
        all.extend(s.results(w, false));
        all.extend(s.budget(w, false));
        all.extend(s.risks(w, false));
        all.extend(s.follow_ups(w));
        all.extend(s.previous(w, 1));
        all.push((2, Line::styled("─".repeat(w), t.border)));
        all.extend(s.sheet(w, 2));
        all.extend(s.next_on_agenda(tr, w));
        f.render_widget(Paragraph::new(allocate(all, inner.height as usize)), inner);
    }
}

/// The lines to draw in `height` rows, in their order: every line of priority 0, then
/// the others by priority (lower first) while there is room.
fn allocate(items: Vec<(u8, Line<'static>)>, height: usize) -> Vec<Line<'static>> {
    let mut keep = vec![false; items.len()];
    let mut used = 0;
    let max = items.iter().map(|(p, _)| *p).max().unwrap_or(0);
    for prio in 0..=max {
        for (i, (p, _)) in items.iter().enumerate() {
            if *p == prio && (prio == 0 || used < height) {
                keep[i] = true;
                used += 1;
            }
        }
    }
    items
        .into_iter()
        .zip(keep)
        .filter_map(|((_, line), k)| k.then_some(line))
        .collect()
}

struct Screen<'a> {
    app: &'a App,
    t: &'a Theme,
    pi: usize,
}

impl Screen<'_> {
    fn lang(&self) -> Lang {
        self.app.lang
    }

    /// "Resultater  " — the label column of the facts.
    fn label(&self, nb: &'static str, en: &'static str) -> Span<'static> {
        let l = self.lang();
        let w = [
            l.pick("Resultater", "Results"),
            l.pick("Økonomi", "Budget"),
            l.pick("Risiko", "Risks"),
            l.pick("Sist", "Last time"),
            l.pick("Mål", "Goals"),
            l.pick("Tidligere", "Earlier"),
        ]
        .iter()
        .map(|s| width(s))
        .max()
        .unwrap_or(10);
        Span::styled(format!("{}  ", pad(l.pick(nb, en), w)), self.t.header)
    }

    fn indent(&self) -> usize {
        width(&self.label("Resultater", "Results").content)
    }

    /// Id and name.
    fn heading(&self, w: usize) -> Vec<(u8, Line<'static>)> {
        let pr = &self.app.portfolio.projects[self.pi];
        let id = clean(&pr.id);
        let id = fit(&id, w / 3);
        let lead = width(&id) + 2;
        // A long name wraps (two lines) rather than being cut.
        wrap_rooms(
            &clean(&pr.name),
            w.saturating_sub(lead),
            w.saturating_sub(lead),
            2,
        )
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let head = if i == 0 {
                format!("{id}  ")
            } else {
                " ".repeat(lead)
            };
            (
                0,
                Line::from(vec![
                    Span::styled(head, self.t.title),
                    Span::styled(part, self.t.title),
                ]),
            )
        })
        .collect()
    }

    /// Status and health, unit and owner (on a second line when they do not fit beside),
    /// then the period and the instrument where there is room.
    fn who(&self, w: usize) -> Vec<(u8, Line<'static>)> {
        let (app, t, l) = (self.app, self.t, self.lang());
        let pr = &app.portfolio.projects[self.pi];
        let pf = &app.figures.projects[self.pi];
        let mut first = vec![
            Span::raw(l.status(pr.status)),
            Span::raw(" · "),
            Span::styled(
                format!("{} {}", health_symbol(pr.health), l.health(pr.health)),
                t.health(pr.health),
            ),
        ];
        if pf.overdue {
            first.push(Span::styled(
                format!(" · ▲ {}", l.pick("over sluttdato", "past its end")),
                t.warn,
            ));
        }
        let who: Vec<String> = [&pr.unit, &pr.owner]
            .into_iter()
            .flatten()
            .map(|s| clean(s))
            .collect();
        let mut lines: Vec<Vec<Span<'static>>> = vec![first];
        if !who.is_empty() {
            let joined = who.join(" · ");
            let used = spans_width(&lines[0]);
            if used + 3 + width(&joined) <= w {
                lines[0].push(Span::raw(" · "));
                lines[0].push(Span::raw(joined));
            } else {
                lines.push(vec![Span::raw(joined)]);
            }
        }
        let mut opt = Vec::new();
        if let (Some(s), Some(e)) = (pr.start, pr.end) {
            opt.push(vec![Span::styled(format!(" · {s} → {e}"), t.dim)]);
        } else if let Some(e) = pr.end {
            opt.push(vec![Span::styled(
                format!(" · {} {e}", l.pick("slutt", "end")),
                t.dim,
            )]);
        }
        if let Some(i) = &pr.instrument {
            opt.push(vec![Span::styled(format!(" · {}", clean(i)), t.dim)]);
        }
        let last = lines.len() - 1;
        lines
            .into_iter()
            .enumerate()
            .map(|(i, spans)| {
                let line = if i == last {
                    fill(spans, std::mem::take(&mut opt), w)
                } else {
                    Line::from(fit_spans(spans, w))
                };
                (0, line)
            })
            .collect()
    }

    /// The goals the project serves (ids, and titles where there is room).
    fn goals(&self, w: usize) -> Vec<(u8, Line<'static>)> {
        let (app, l) = (self.app, self.lang());
        let pr = &app.portfolio.projects[self.pi];
        let room = w.saturating_sub(self.indent());
        let parts: Vec<String> = pr
            .goals
            .iter()
            .map(|g| match app.goal_by_id.get(g) {
                Some(&gi) => format!("{} {}", clean(g), clean(&app.goals[gi].title)),
                None => format!(
                    "{} ({})",
                    clean(g),
                    l.pick("ikke i treet", "not in the tree")
                ),
            })
            .collect();
        let text = if parts.is_empty() {
            l.pick("tjener ingen mål", "serves no goal").to_string()
        } else if width(&parts.join(" · ")) <= room {
            parts.join(" · ")
        } else {
            pr.goals
                .iter()
                .map(|g| clean(g))
                .collect::<Vec<_>>()
                .join(" · ")
        };
        let style = if app.figures.projects[self.pi].goal_share == Some(1.0) {
            self.t.text
        } else {
            self.t.warn
        };
        vec![(
            5,
            Line::from(vec![
                self.label("Mål", "Goals"),
                Span::styled(fit(&text, room), style),
            ]),
        )]
    }

    /// Results against targets: the summary always, result by result when there is room.
    fn results(&self, w: usize, wide: bool) -> Vec<(u8, Line<'static>)> {
        let (app, t, l) = (self.app, self.t, self.lang());
        let pr = &app.portfolio.projects[self.pi];
        let room = w.saturating_sub(self.indent());
        let pad = " ".repeat(self.indent());
        let mut out = vec![(
            0,
            Line::from(vec![
                self.label("Resultater", "Results"),
                evidence(app, t, self.pi, Evidence::Results, room),
            ]),
        )];
        for r in pr.results.iter().take(if wide { 8 } else { 4 }) {
            let reached = r.is_reached();
            let share = if r.target.0 <= 0.0 {
                1.0
            } else {
                (r.actual.0 / r.target.0).clamp(0.0, 9.99)
            };
            let unit = r
                .unit
                .as_deref()
                .map(|u| format!(" {}", clean(u)))
                .unwrap_or_default();
            let figures = format!(
                " {}/{}{unit} ({}){}",
                l.number(r.actual),
                l.number(r.target),
                l.percent(Some(share)),
                if reached { " ✓" } else { "" }
            );
            let name = clean(&r.name);
            let base = 2 + width(&name) + width(&figures);
            // The due date only when the name need not give way for it.
            let due = r
                .due
                .map(|d| format!(" · {} {d}", l.pick("frist", "due")))
                .filter(|d| base + width(d) <= room)
                .unwrap_or_default();
            let fig_style = if reached { t.good } else { t.text };
            let name_room = room.saturating_sub(2 + width(&figures)).max(8);
            if wide && width(&name) > name_room {
                // Wide: the name wraps onto a second line, which ends with the figures.
                let mut parts = wrap_rooms(&name, room.saturating_sub(2), name_room, 2);
                if parts.len() == 1 {
                    // The whole name on the first line: the figures on their own.
                    parts.push(String::new());
                }
                for (i, part) in parts.iter().enumerate() {
                    let mut spans = vec![
                        Span::raw(format!("{pad}{}", if i == 0 { "· " } else { " " })),
                        Span::raw(part.clone()),
                    ];
                    if i + 1 == parts.len() {
                        spans.push(Span::styled(figures.clone(), fig_style));
                    }
                    out.push((3, Line::from(fit_spans(spans, w))));
                }
                continue;
            }
            out.push((
                3,
                Line::from(fit_spans(
                    vec![
                        Span::raw(format!("{pad}· ")),
                        Span::raw(fit(&name, name_room)),
                        Span::styled(figures, fig_style),
                        Span::styled(due, t.dim),
                    ],
                    w,
                )),
            ));
        }
        out
    }

    /// Money spent against the time gone; the funding when there is room.
    fn budget(&self, w: usize, wide: bool) -> Vec<(u8, Line<'static>)> {
        let (app, t, l) = (self.app, self.t, self.lang());
        let pf = &app.figures.projects[self.pi];
        let room = w.saturating_sub(self.indent());
        let pad = " ".repeat(self.indent());
        let mut out = Vec::new();
        let Some(b) = pf.budget else {
            out.push((
                0,
                Line::from(vec![
                    self.label("Økonomi", "Budget"),
                    Span::styled(l.pick("intet budsjett", "no budget"), t.warn),
                ]),
            ));
            return out;
        };
        let over = b.spent > b.planned;
        let spent = |amount: &dyn Fn(i64) -> String| {
            format!(
                "{}{} {} {} {} ({})",
                if over { "▲ " } else { "" },
                l.pick("brukt", "spent"),
                amount(b.spent),
                l.pick("av", "of"),
                amount(b.planned),
                l.percent(b.burn)
            )
        };
        let time_long = format!(
            " · {} {}",
            l.percent(pf.elapsed),
            l.pick("av tiden gått", "of the time gone")
        );
        let time_short = format!(" · {} {}", l.pick("tid", "time"), l.percent(pf.elapsed));
        // Whole amounts when they fit, else short ones ("5,8 M"); the time likewise.
        let long = spent(&|v| l.amount(v));
        let text = if wide && width(&long) + width(&time_long) <= room {
            long
        } else {
            spent(&|v| l.short_amount(v))
        };
        let time = if width(&text) + width(&time_long) <= room {
            time_long
        } else {
            time_short
        };
        out.push((
            0,
            Line::from(fit_spans(
                vec![
                    self.label("Økonomi", "Budget"),
                    Span::styled(text, if over { t.warn } else { t.text }),
                    Span::raw(time),
                ],
                w,
            )),
        ));
        let amount = |v| l.short_amount(v);
        let mut parts = vec![
            format!("{} {}", l.pick("innvilget", "granted"), amount(b.granted)),
            format!("{} {}", l.pick("søkt", "applied"), amount(b.applied)),
        ];
        if b.rejected > 0 {
            parts.push(format!(
                "{} {}",
                l.pick("avslått", "rejected"),
                amount(b.rejected)
            ));
        }
        parts.push(format!(
            "{} {}",
            l.pick("egen andel", "own share"),
            amount(b.own_share)
        ));
        // Whole parts to a line ("egen andel 1,8 M" is never split).
        let mut rows: Vec<String> = Vec::new();
        for p in parts {
            match rows.last_mut() {
                Some(last) if width(last) + 3 + width(&p) <= room => {
                    last.push_str(" · ");
                    last.push_str(&p);
                }
                _ => rows.push(p),
            }
        }
        for (i, row) in rows.into_iter().enumerate() {
            out.push((
                if i == 0 { 4 } else { 5 },
                Line::from(vec![
                    Span::raw(pad.clone()),
                    Span::styled(fit(&row, room), t.dim),
                ]),
            ));
        }
        out
    }

    /// What moved since the last meeting (`--since`), on one line first: "Δ Siden … ·
    /// Helse: Gul → Rød · Brukt: …".
    fn moved(&self, w: usize) -> Vec<(u8, Line<'static>)> {
        let pr = &self.app.portfolio.projects[self.pi];
        let Some((heading, lines)) = super::since::changes(self.app, pr) else {
            return Vec::new();
        };
        let text = format!("{heading}: {}", lines.join(" · "));
        vec![(
            0,
            Line::from(vec![
                Span::styled("Δ ", self.t.warn),
                Span::styled(super::fit(&text, w.saturating_sub(2)), self.t.warn),
            ]),
        )]
    }

    /// The project's open follow-ups, overdue first: the first always shows.
    fn follow_ups(&self, w: usize) -> Vec<(u8, Line<'static>)> {
        let pr = &self.app.portfolio.projects[self.pi];
        let room = w.saturating_sub(self.indent());
        let lines = super::form::open_lines(self.app, pr, self.t, room, 4);
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let mut spans = vec![if i == 0 {
                    self.label("Oppfølging", "Follow-ups")
                } else {
                    Span::raw(" ".repeat(self.indent()))
                }];
                spans.extend(line.spans);
                (if i == 0 { 1 } else { 5 }, Line::from(spans))
            })
            .collect()
    }

    /// The open risks by score, each with its band's symbol; the top one always shows.
    fn risks(&self, w: usize, wide: bool) -> Vec<(u8, Line<'static>)> {
        let (app, t, l) = (self.app, self.t, self.lang());
        let pr = &app.portfolio.projects[self.pi];
        let room = w.saturating_sub(self.indent());
        let pad = " ".repeat(self.indent());
        let thresholds = app.portfolio.risk_thresholds;
        let mut open: Vec<(usize, i64)> = pr
            .risks
            .iter()
            .enumerate()
            .filter(|(_, r)| r.status == RiskStatus::Open)
            .map(|(i, r)| (i, risk_score(r)))
            .collect();
        open.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut out = Vec::new();
        if open.is_empty() {
            out.push((
                0,
                Line::from(vec![
                    self.label("Risiko", "Risks"),
                    Span::styled(l.pick("ingen åpne risikoer", "no open risks"), t.dim),
                ]),
            ));
        }
        let shown = if wide { 5 } else { 3 };
        for (n, &(ri, score)) in open.iter().take(shown).enumerate() {
            let r = &pr.risks[ri];
            let band = risk_band(score, thresholds);
            let first = if n == 0 {
                self.label("Risiko", "Risks")
            } else {
                Span::raw(pad.clone())
            };
            // The title (and in the wide layout the mitigation) wraps rather than being cut;
            // the lines after the first give way first.
            let text_room = room.saturating_sub(5).max(8);
            let title = format!("{} {}", clean(&r.id), clean(&r.title));
            let prio = if n == 0 { 0 } else { 2 };
            for (i, part) in wrap(&title, text_room, if wide { 2 } else { 1 })
                .into_iter()
                .enumerate()
            {
                let head = if i == 0 {
                    vec![
                        first.clone(),
                        Span::styled(format!("{} {score:>2} ", band_symbol(band)), t.band(band)),
                    ]
                } else {
                    vec![Span::raw(format!("{pad}     "))]
                };
                let mut spans = head;
                spans.push(Span::raw(part));
                out.push((if i == 0 { prio } else { prio + 2 }, Line::from(spans)));
            }
            if let Some(m) = r.mitigation.as_deref().filter(|_| wide) {
                let text = format!("{}: {}", l.pick("tiltak", "mitigation"), clean(m));
                for (i, part) in wrap(&text, text_room, 2).into_iter().enumerate() {
                    out.push((
                        if i > 0 {
                            5
                        } else if n == 0 {
                            3
                        } else {
                            4
                        },
                        Line::from(vec![
                            Span::raw(format!("{pad}     ")),
                            Span::styled(part, t.dim),
                        ]),
                    ));
                }
            }
        }
        if open.len() > shown {
            out.push((
                4,
                Line::styled(
                    format!(
                        "{pad}+ {} {}",
                        open.len() - shown,
                        l.pick("flere åpne", "more open")
                    ),
                    t.dim,
                ),
            ));
        }
        out
    }

    /// The evaluation before this meeting: date, scores, weighted total, decision, note.
    fn previous(&self, w: usize, note_lines: usize) -> Vec<(u8, Line<'static>)> {
        let (app, t, l) = (self.app, self.t, self.lang());
        let pr = &app.portfolio.projects[self.pi];
        let criteria = &app.portfolio.criteria;
        let before: Option<&Evaluation> = pr
            .evaluations
            .iter()
            .rev()
            .find(|e| e.date < app.meeting_date);
        let label = self.label("Sist", "Last time");
        let room = w.saturating_sub(self.indent());
        let Some(e) = before else {
            return vec![(
                0,
                Line::from(vec![
                    label,
                    Span::styled(
                        l.pick("ingen tidligere evaluering", "no earlier evaluation"),
                        t.dim,
                    ),
                ]),
            )];
        };
        let score = |c: &crate::model::Criterion| {
            e.scores
                .get(&c.id)
                .map_or("–".to_string(), |s| s.to_string())
        };
        let named: Vec<String> = criteria
            .iter()
            .map(|c| format!("{} {}", clean(&c.name), score(c)))
            .collect();
        let slashed: Vec<String> = criteria.iter().map(score).collect();
        let total = l.total(score_total(e, criteria));
        let decision = e.decision.map_or("–", |d| l.decision(d));
        let head = format!("{} · {total} ", e.date);
        let tail = format!(" · {decision}");
        let scores = if width(&head) + width(&named.join(" · ")) + width(&tail) + 2 <= room {
            format!("({})", named.join(" · "))
        } else {
            format!("({})", slashed.join("/"))
        };
        let mut out = vec![(
            0,
            fill(
                vec![
                    label,
                    Span::styled(head, t.title),
                    Span::raw(scores),
                    Span::styled(tail, t.title),
                ],
                e.by.as_deref()
                    .map(|b| {
                        vec![Span::styled(
                            format!(" · {} {}", l.pick("ved", "by"), clean(b)),
                            t.dim,
                        )]
                    })
                    .into_iter()
                    .collect(),
                w,
            ),
        )];
        if let Some(n) = e.note.as_deref() {
            let pad = " ".repeat(self.indent());
            for (i, part) in wrap(&format!("«{}»", clean(n)), room, note_lines)
                .into_iter()
                .enumerate()
            {
                out.push((
                    if i == 0 { 0 } else { 6 },
                    Line::from(vec![Span::raw(pad.clone()), Span::styled(part, t.text)]),
                ));
            }
        }
        out
    }

    /// The evaluations before the last one, newest first: date, total, decision, note.
    fn history(&self, w: usize) -> Vec<(u8, Line<'static>)> {
        let (app, t, l) = (self.app, self.t, self.lang());
        let pr = &app.portfolio.projects[self.pi];
        let mut earlier = pr
            .evaluations
            .iter()
            .rev()
            .filter(|e| e.date < app.meeting_date)
            .skip(1)
            .take(4)
            .peekable();
        if earlier.peek().is_none() {
            return Vec::new();
        }
        let pad = " ".repeat(self.indent());
        let mut out = vec![(8, Line::raw(""))];
        for (i, e) in earlier.enumerate() {
            let first = if i == 0 {
                self.label("Tidligere", "Earlier")
            } else {
                Span::raw(pad.clone())
            };
            let mut text = format!(
                "{} · {} · {}",
                e.date,
                l.total(score_total(e, &app.portfolio.criteria)),
                e.decision.map_or("–", |d| l.decision(d))
            );
            if let Some(n) = e.note.as_deref() {
                text.push_str(&format!(" · «{}»", clean(n)));
            }
            out.push((
                6,
                Line::from(fit_spans(vec![first, Span::styled(text, t.dim)], w)),
            ));
        }
        out
    }

    /// The live score sheet for this meeting, and what a 1 and a 5 mean.
    fn sheet(&self, w: usize, note_lines: usize) -> Vec<(u8, Line<'static>)> {
        let mut out: Vec<(u8, Line<'static>)> = score_sheet(
            self.app,
            self.t,
            self.pi,
            SheetOpts {
                width: w,
                active: true,
                note_lines,
            },
        )
        .into_iter()
        .map(|l| (0, l))
        .collect();
        for (i, d) in description(self.app, self.t, w, 2).into_iter().enumerate() {
            out.push((if i == 0 { 1 } else { 5 }, d));
        }
        out
    }

    /// What comes next on the agenda.
    fn next_on_agenda(&self, tr: &Triage, w: usize) -> Vec<(u8, Line<'static>)> {
        let l = self.lang();
        let Some(&next) = tr.agenda.get(tr.pos + 1) else {
            return vec![(
                7,
                Line::styled(
                    l.pick(" Siste på agendaen.", " Last on the agenda."),
                    self.t.dim,
                ),
            )];
        };
        let Some(pr) = self.app.portfolio.projects.get(next) else {
            return Vec::new();
        };
        vec![(
            7,
            Line::styled(
                fit(
                    &format!(
                        " {}: {} {}",
                        l.pick("Neste", "Next"),
                        clean(&pr.id),
                        clean(&pr.name)
                    ),
                    w,
                ),
                self.t.dim,
            ),
        )]
    }
}
