//! The project detail view (in the projects pane): everything the file holds about the
//! selected project — who and what, the latest decision, goals served, budget and
//! funding, results against targets, risks, and the evaluation history.
//!
//! Every field and item is a stop of the field cursor ([`crate::app::detail`]): its
//! value is drawn selected, and the view scrolls to keep the cursor's lines in sight.
//! The text is wrapped here, line by line, so the view knows its own length and where
//! each stop stands (kept in `ScrollMemo::detail_stops` for the page keys).

mod sections;
mod wrap;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::health_symbol;
use super::width::{pad, width};
use super::{Theme, clean, fit, pane_block};
use crate::app::detail::{Stop, current, stops};
use crate::app::{App, Pane};
use crate::model::Project;
use crate::model::figures::score_total;
pub use wrap::wrap;

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: &Theme, focused: bool) {
    let l = app.lang;
    let Some(pi) = app.selected() else {
        let block = pane_block(
            super::numbered(app, Pane::Projects),
            Pane::Projects.title(l).into(),
            focused,
            t,
        );
        let inner = block.inner(area);
        f.render_widget(block, area);
        f.render_widget(
            Line::styled(
                l.pick("Ingen prosjekt valgt.", "No project selected."),
                t.dim,
            ),
            inner,
        );
        app.scroll.detail_max.set(Some(0));
        return;
    };
    let pr = &app.portfolio.projects[pi];
    let title = format!("{} › {}", Pane::Projects.title(l), fit(&clean(&pr.id), 20));
    let mut block = pane_block(super::numbered(app, Pane::Projects), title, focused, t);
    let inner = block.inner(area);
    let cur = current(app);
    let laid = lay_out(app, pi, t, inner.width as usize, cur);
    let height = inner.height as usize;
    let n = laid.lines.len();
    let max = n.saturating_sub(height);
    app.scroll.detail_max.set(Some(max));
    // The cursor's lines in sight, moving as little as possible.
    let region: Vec<usize> = (0..n)
        .filter(|&i| cur.is_some_and(|c| laid.stops[i].contains(&c)))
        .collect();
    let mut top = app.scroll.detail.get().min(max);
    if let (Some(&a), Some(&b)) = (region.first(), region.last()) {
        if a < top {
            top = a;
        } else if b >= top + height {
            top = (b + 1 - height).min(a);
        }
    }
    app.scroll.detail.set(top);
    *app.scroll.detail_stops.borrow_mut() = stops(app, pr)
        .iter()
        .map(|s| (0..n).find(|&i| laid.stops[i].contains(s)).unwrap_or(0))
        .collect();
    if max > 0 {
        let last = (top + height).min(n);
        let pos = format!(
            " {} {}–{last} {} {n} · j/k ",
            l.pick("linje", "lines"),
            top + 1,
            l.pick("av", "of"),
        );
        block = block.title_bottom(Line::styled(pos, t.dim).right_aligned());
    }
    f.render_widget(block, area);
    let shown: Vec<Line> = laid.lines.into_iter().skip(top).take(height).collect();
    f.render_widget(Paragraph::new(shown), inner);
}

/// The detail wrapped: its lines, and the stops each line belongs to.
pub struct Laid {
    pub lines: Vec<Line<'static>>,
    pub stops: Vec<Vec<Stop>>,
}

/// Every line of the detail of project `pi`, wrapped to `width` columns.
pub fn detail_lines(app: &App, pi: usize, t: &Theme, width: usize) -> Vec<Line<'static>> {
    lay_out(app, pi, t, width, None).lines
}

/// The detail of project `pi`, wrapped to `width` columns, with the cursor on `cur`.
pub fn lay_out(app: &App, pi: usize, t: &Theme, width: usize, cur: Option<Stop>) -> Laid {
    let cx = Cx { app, t, cur };
    let pr = &app.portfolio.projects[pi];
    let mut out = Laid {
        lines: Vec::new(),
        stops: Vec::new(),
    };
    for lg in header(&cx, pr, pi)
        .into_iter()
        .chain(moved(&cx, pr))
        .chain(goals(&cx, pr))
        .chain(sections::budget(&cx, pr, pi, width))
        .chain(sections::results(&cx, pr))
        .chain(sections::risks(&cx, pr))
        .chain(follow_ups(&cx, pr, width))
        .chain(sections::evaluations(&cx, pr, width))
    {
        for line in wrap(lg.spans, width, lg.indent) {
            out.lines.push(line);
            out.stops.push(lg.stops.clone());
        }
    }
    if out.lines.is_empty() {
        out.lines
            .push(Line::styled(app.lang.pick("(tomt)", "(empty)"), t.dim));
        out.stops.push(Vec::new());
    }
    out
}

/// What the sections are drawn with: the app, the theme, the stop the cursor is on.
struct Cx<'a> {
    app: &'a App,
    t: &'a Theme,
    cur: Option<Stop>,
}

impl Cx<'_> {
    /// `span`, drawn selected when the cursor is on `stop`.
    fn mark(&self, span: Span<'static>, stop: Stop) -> Span<'static> {
        if self.cur == Some(stop) {
            span.style(self.t.selected)
        } else {
            span
        }
    }

    /// A section's heading (after a blank line), at `stop`.
    fn section(&self, title: String, stop: Stop) -> Vec<Logical> {
        vec![
            Logical::new(vec![], 0),
            Logical::new(vec![self.mark(Span::styled(title, self.t.header), stop)], 2).at(stop),
        ]
    }
}

/// A logical line (before wrapping): its spans, the indent of its continuation lines,
/// and the stops it shows.
struct Logical {
    spans: Vec<Span<'static>>,
    indent: usize,
    stops: Vec<Stop>,
}

impl Logical {
    fn new(spans: Vec<Span<'static>>, indent: usize) -> Logical {
        Logical {
            spans,
            indent,
            stops: Vec::new(),
        }
    }

    fn at(mut self, stop: Stop) -> Logical {
        self.stops.push(stop);
        self
    }
}

/// A label, kept on the same line as the first word of what follows it.
fn label(s: &str, t: &Theme) -> Span<'static> {
    Span::styled(format!("{}{NBSP}", glue(s)), t.dim)
}

/// A no-break space: the wrapping breaks lines only at plain spaces.
const NBSP: char = '\u{a0}';

/// A short phrase that must not be split over two lines ("not reached yet", "P4 × C3").
fn glue(s: &str) -> String {
    s.replace(' ', "\u{a0}")
}

fn text(s: impl Into<String>) -> Span<'static> {
    Span::raw(s.into())
}

fn sep(t: &Theme) -> Span<'static> {
    Span::styled(" · ", t.dim)
}

/// An indented line in dim: what a section says when the file holds nothing for it
/// ("No risks in the file"), or a sub-heading.
fn dim_line(s: &str, t: &Theme) -> Logical {
    Logical::new(vec![Span::styled(format!("  {s}"), t.dim)], 4)
}

/// What moved since the version `--since` compares with, each change marked "Δ".
fn moved(cx: &Cx, pr: &Project) -> Vec<Logical> {
    let Some((heading, lines)) = super::since::changes(cx.app, pr) else {
        return Vec::new();
    };
    let mut out = cx.section(heading, Stop::Moved);
    for l in lines {
        out.push(Logical::new(vec![Span::styled("  Δ ", cx.t.warn), text(l)], 4).at(Stop::Moved));
    }
    out
}

/// The follow-ups: open ones first (overdue first), then those done.
fn follow_ups(cx: &Cx, pr: &Project, width: usize) -> Vec<Logical> {
    let (app, l) = (cx.app, cx.app.lang);
    if pr.follow_ups.is_empty() {
        return Vec::new(); // `a` adds one: the status line says so
    }
    let open = crate::model::follow_up::open(pr, app.meeting_date).len();
    let mut out = cx.section(
        format!(
            "{} ({open} {})",
            l.pick("Oppfølgingspunkter", "Follow-ups"),
            l.pick("åpne", "open")
        ),
        Stop::FollowUps(None),
    );
    for i in crate::model::follow_up::ordered(pr, app.meeting_date) {
        let stop = Stop::FollowUps(Some(i));
        let mut spans = vec![Span::raw("  ")];
        let line = super::form::line(app, pr, i, cx.t, width.saturating_sub(2));
        spans.extend(line.spans.into_iter().map(|s| cx.mark(s, stop)));
        out.push(Logical::new(spans, 4).at(stop));
    }
    out
}

fn header(cx: &Cx, pr: &Project, pi: usize) -> Vec<Logical> {
    let (app, t, l) = (cx.app, cx.t, cx.app.lang);
    let pf = &app.figures.projects[pi];
    let mut out: Vec<Logical> = vec![
        Logical::new(
            vec![
                cx.mark(Span::styled(clean(&pr.id), t.title), Stop::Id),
                Span::styled(" · ", t.dim),
                cx.mark(Span::styled(clean(&pr.name), t.title), Stop::Name),
            ],
            2,
        )
        .at(Stop::Id)
        .at(Stop::Name),
    ];

    let date = |d: Option<crate::model::Date>| d.map_or("–".to_string(), |d| d.to_string());
    let mut state = vec![
        label("Status", t),
        cx.mark(text(glue(l.status(pr.status))), Stop::Status),
        sep(t),
        label(l.pick("Helse", "Health"), t),
        cx.mark(
            Span::styled(
                format!(
                    "{}{NBSP}{}",
                    health_symbol(pr.health),
                    glue(l.health(pr.health))
                ),
                t.health(pr.health),
            ),
            Stop::Health,
        ),
        sep(t),
        label(l.pick("Periode", "Period"), t),
        cx.mark(text(date(pr.start)), Stop::Start),
        text(format!("{NBSP}–{NBSP}")),
        cx.mark(text(date(pr.end)), Stop::End),
    ];
    if pf.overdue {
        state.push(Span::styled(
            format!(
                " ▲{NBSP}{}",
                glue(l.pick("passert sluttdato", "past its end date"))
            ),
            t.warn,
        ));
    }
    let stopped = |lg: Logical, s: &[Stop]| s.iter().fold(lg, |lg, &s| lg.at(s));
    out.push(stopped(
        Logical::new(state, 2),
        &[Stop::Status, Stop::Health, Stop::Start, Stop::End],
    ));

    let opt = |s: &Option<String>| s.as_deref().map_or("–".to_string(), clean);
    out.push(stopped(
        Logical::new(
            vec![
                label(l.pick("Ansvarlig", "Owner"), t),
                cx.mark(text(glue(&opt(&pr.owner))), Stop::Owner),
                sep(t),
                label(l.pick("Enhet", "Unit"), t),
                cx.mark(text(opt(&pr.unit)), Stop::Unit),
                sep(t),
                label(l.pick("Virkemiddel", "Instrument"), t),
                cx.mark(text(opt(&pr.instrument)), Stop::Instrument),
            ],
            2,
        ),
        &[Stop::Owner, Stop::Unit, Stop::Instrument],
    ));
    let tags: Vec<String> = pr.tags.iter().map(|s| clean(s)).collect();
    let tags = if tags.is_empty() {
        "–".to_string()
    } else {
        tags.join(", ")
    };
    out.push(stopped(
        Logical::new(
            vec![
                label(l.pick("Nivå", "Level"), t),
                cx.mark(text(pr.level.map_or("–", |x| l.level(x))), Stop::Level),
                sep(t),
                label(l.pick("Stikkord", "Tags"), t),
                cx.mark(text(tags), Stop::Tags),
            ],
            2,
        ),
        &[Stop::Level, Stop::Tags],
    ));

    // Where the meeting left off: the latest evaluation, its decision and note.
    match pr.evaluations.iter().max_by_key(|e| e.date) {
        None => out.push(Logical::new(
            vec![
                label(l.pick("Siste evaluering", "Latest evaluation"), t),
                Span::styled(l.pick("ingen ennå", "none yet"), t.warn),
            ],
            2,
        )),
        Some(ev) => {
            let mut spans = vec![
                label(l.pick("Siste evaluering", "Latest evaluation"), t),
                text(ev.date.to_string()),
                sep(t),
                label("Score", t),
                text(glue(&l.total(score_total(ev, &app.portfolio.criteria)))),
            ];
            if let Some(prev) = pf.previous_total {
                spans.push(Span::styled(
                    format!(
                        " ({} {})",
                        l.pick("forrige", "previous"),
                        glue(&l.total(Some(prev)))
                    ),
                    t.dim,
                ));
            }
            spans.push(sep(t));
            spans.push(label(l.pick("Vedtak", "Decision"), t));
            spans.push(match ev.decision {
                Some(d) => Span::styled(glue(l.decision(d)), t.title),
                None => Span::styled(l.pick("intet", "none"), t.dim),
            });
            out.push(Logical::new(spans, 2));
            if let Some(note) = ev.note.as_deref().filter(|n| !n.trim().is_empty()) {
                out.push(Logical::new(vec![text(format!("  «{}»", clean(note)))], 3));
            }
        }
    }
    out
}

fn goals(cx: &Cx, pr: &Project) -> Vec<Logical> {
    let (app, t, l) = (cx.app, cx.t, cx.app.lang);
    let mut out = cx.section(
        format!(
            "{} ({})",
            l.pick("Mål som tjenes", "Goals served"),
            pr.goals.len()
        ),
        Stop::Goals,
    );
    if pr.goals.is_empty() {
        out.push(
            Logical::new(
                vec![Span::styled(
                    format!("  ! {}", l.pick("tjener ingen mål", "serves no goal")),
                    t.warn,
                )],
                4,
            )
            .at(Stop::Goals),
        );
    }
    let id_w = pr
        .goals
        .iter()
        .map(|g| width(&clean(g)))
        .max()
        .unwrap_or(0)
        .min(24);
    for gid in &pr.goals {
        let id = pad(&fit(&clean(gid), 24), id_w);
        let spans = match app.goal_by_id.get(gid) {
            Some(&gi) => vec![
                Span::styled(format!("  {id}  "), t.key),
                text(clean(&app.goals[gi].title)),
            ],
            None => vec![
                Span::styled(format!("  {id}  "), t.warn),
                Span::styled(
                    format!(
                        "! {}",
                        l.pick(
                            "ukjent mål (finnes ikke i måltreet)",
                            "unknown goal (not in the goal tree)"
                        )
                    ),
                    t.warn,
                ),
            ],
        };
        out.push(Logical::new(spans, id_w + 4).at(Stop::Goals));
    }
    out
}
