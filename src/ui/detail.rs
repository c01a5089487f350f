//! The project detail view (in the projects pane): everything the file holds about the
//! selected project — who and what, the latest decision, goals served, budget and
//! funding, results against targets, risks, and the evaluation history.
//!
//! The text is wrapped here, line by line, so the view knows its own length: scrolling
//! stops at the last line (the drawn maximum is kept in `ScrollMemo::detail_max`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::{band_symbol, health_symbol};
use super::width::{clusters, pad, width};
use super::{Theme, clean, fit, pane_block};
use crate::app::{App, Pane};
use crate::model::figures::{results_reached, risk_band, risk_score, score_total};
use crate::model::{Evaluation, FundingStatus, Project, RiskStatus};

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
    let lines = detail_lines(app, pi, t, inner.width as usize);
    let height = inner.height as usize;
    let max = lines.len().saturating_sub(height);
    app.scroll.detail_max.set(Some(max));
    let scroll = app.detail_scroll.min(max);
    if max > 0 {
        let last = (scroll + height).min(lines.len());
        let pos = format!(
            " {} {}–{last} {} {} · j/k ",
            l.pick("linje", "lines"),
            scroll + 1,
            l.pick("av", "of"),
            lines.len()
        );
        block = block.title_bottom(Line::styled(pos, t.dim).right_aligned());
    }
    f.render_widget(block, area);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    f.render_widget(Paragraph::new(shown), inner);
}

/// Every line of the detail of project `pi`, wrapped to `width` columns.
pub fn detail_lines(app: &App, pi: usize, t: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut push = |spans: Vec<Span<'static>>, indent: usize| {
        out.extend(wrap(spans, width, indent));
    };
    let l = app.lang;
    let pr = &app.portfolio.projects[pi];
    for (spans, indent) in header(app, pr, pi, t)
        .into_iter()
        .chain(moved(app, pr, t))
        .chain(goals(app, pr, t))
        .chain(budget(app, pr, pi, t, width))
        .chain(results(app, pr, t))
        .chain(risks(app, pr, t))
        .chain(follow_ups(app, pr, t, width))
        .chain(evaluations(app, pr, t))
    {
        push(spans, indent);
    }
    if out.is_empty() {
        out.push(Line::styled(l.pick("(tomt)", "(empty)"), t.dim));
    }
    out
}

/// A logical line (before wrapping): its spans and the indent of its continuation lines.
type Logical = (Vec<Span<'static>>, usize);

/// A label, kept on the same line as the first word of what follows it.
fn label(s: &str, t: &Theme) -> Span<'static> {
    Span::styled(format!("{}{NBSP}", glue(s)), t.dim)
}

/// A no-break space: the wrapping below breaks lines only at plain spaces.
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
    (vec![Span::styled(format!("  {s}"), t.dim)], 4)
}

/// What moved since the version `--since` compares with, each change marked "Δ".
fn moved(app: &App, pr: &Project, t: &Theme) -> Vec<Logical> {
    let Some((heading, lines)) = super::since::changes(app, pr) else {
        return Vec::new();
    };
    let mut out = section(heading, t);
    for l in lines {
        out.push((vec![Span::styled("  Δ ", t.warn), text(l)], 4));
    }
    out
}

/// The follow-ups: open ones first (overdue first), then those done.
fn follow_ups(app: &App, pr: &Project, t: &Theme, width: usize) -> Vec<Logical> {
    let l = app.lang;
    if pr.follow_ups.is_empty() {
        return Vec::new(); // `a` adds one: the status line says so
    }
    let open = crate::model::follow_up::open(pr, app.meeting_date).len();
    let mut out = section(
        format!(
            "{} ({open} {})",
            l.pick("Oppfølgingspunkter", "Follow-ups"),
            l.pick("åpne", "open")
        ),
        t,
    );
    for i in crate::model::follow_up::ordered(pr, app.meeting_date) {
        let mut spans = vec![Span::raw("  ")];
        spans.extend(super::form::line(app, pr, i, t, width.saturating_sub(2)).spans);
        out.push((spans, 4));
    }
    out
}

fn section(title: String, t: &Theme) -> Vec<Logical> {
    vec![(vec![], 0), (vec![Span::styled(title, t.header)], 2)]
}

fn header(app: &App, pr: &Project, pi: usize, t: &Theme) -> Vec<Logical> {
    let l = app.lang;
    let pf = &app.figures.projects[pi];
    let mut out: Vec<Logical> = vec![(
        vec![
            Span::styled(clean(&pr.id), t.title),
            Span::styled(" · ", t.dim),
            Span::styled(clean(&pr.name), t.title),
        ],
        2,
    )];

    let date = |d: Option<crate::model::Date>| d.map_or("–".to_string(), |d| d.to_string());
    let mut state = vec![
        label("Status", t),
        text(glue(l.status(pr.status))),
        sep(t),
        label(l.pick("Helse", "Health"), t),
        Span::styled(
            format!(
                "{}{NBSP}{}",
                health_symbol(pr.health),
                glue(l.health(pr.health))
            ),
            t.health(pr.health),
        ),
        sep(t),
        label(l.pick("Periode", "Period"), t),
        text(glue(&format!("{} – {}", date(pr.start), date(pr.end)))),
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
    out.push((state, 2));

    let opt = |s: &Option<String>| s.as_deref().map_or("–".to_string(), clean);
    out.push((
        vec![
            label(l.pick("Ansvarlig", "Owner"), t),
            text(glue(&opt(&pr.owner))),
            sep(t),
            label(l.pick("Enhet", "Unit"), t),
            text(opt(&pr.unit)),
            sep(t),
            label(l.pick("Virkemiddel", "Instrument"), t),
            text(opt(&pr.instrument)),
        ],
        2,
    ));
    if !pr.tags.is_empty() {
        let tags: Vec<String> = pr.tags.iter().map(|s| clean(s)).collect();
        out.push((
            vec![label(l.pick("Stikkord", "Tags"), t), text(tags.join(", "))],
            2,
        ));
    }

    // Where the meeting left off: the latest evaluation, its decision and note.
    match pr.evaluations.iter().max_by_key(|e| e.date) {
        None => out.push((
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
            out.push((spans, 2));
            if let Some(note) = ev.note.as_deref().filter(|n| !n.trim().is_empty()) {
                out.push((vec![text(format!("  «{}»", clean(note)))], 3));
            }
        }
    }
    out
}

fn goals(app: &App, pr: &Project, t: &Theme) -> Vec<Logical> {
    let l = app.lang;
    let mut out = section(
        format!(
            "{} ({})",
            l.pick("Mål som tjenes", "Goals served"),
            pr.goals.len()
        ),
        t,
    );
    if pr.goals.is_empty() {
        out.push((
            vec![Span::styled(
                format!("  ! {}", l.pick("tjener ingen mål", "serves no goal")),
                t.warn,
            )],
            4,
        ));
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
        match app.goal_by_id.get(gid) {
            Some(&gi) => out.push((
                vec![
                    Span::styled(format!("  {id}  "), t.key),
                    text(clean(&app.goals[gi].title)),
                ],
                id_w + 4,
            )),
            None => out.push((
                vec![
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
                id_w + 4,
            )),
        }
    }
    out
}

fn budget(app: &App, pr: &Project, pi: usize, t: &Theme, room: usize) -> Vec<Logical> {
    let l = app.lang;
    let mut out = section(
        format!(
            "{} ({})",
            l.pick("Budsjett", "Budget"),
            clean(&app.portfolio.currency)
        ),
        t,
    );
    let pf = &app.figures.projects[pi];
    let (Some(b), Some(bf)) = (&pr.budget, pf.budget) else {
        out.push((
            vec![Span::styled(
                format!(
                    "  ! {}",
                    l.pick("ingen budsjett i filen", "no budget in the file")
                ),
                t.warn,
            )],
            4,
        ));
        return out;
    };
    let share = |v: i64| (bf.planned > 0).then(|| v as f64 / bf.planned as f64);
    // Burn against time: spent of planned beside the share of the period gone.
    let mut burn = vec![
        text("  "),
        label(l.pick("Planlagt", "Planned"), t),
        text(l.amount(bf.planned)),
        sep(t),
        label(l.pick("brukt", "spent"), t),
        text(format!("{} ({})", l.amount(bf.spent), l.percent(bf.burn))),
        sep(t),
        label(l.pick("tid gått", "time elapsed"), t),
        text(l.percent(pf.elapsed)),
    ];
    if let (Some(b), Some(e)) = (bf.burn, pf.elapsed)
        && b > e
    {
        burn.push(Span::styled(
            format!(
                " ▲{NBSP}{}",
                glue(l.pick("forbruket ligger foran tiden", "spending ahead of time"))
            ),
            t.warn,
        ));
    }
    out.push((burn, 4));
    out.push((
        vec![
            text("  "),
            label(l.pick("Egenandel", "Own share"), t),
            text(format!(
                "{} ({})",
                l.amount(bf.own_share),
                l.percent(share(bf.own_share))
            )),
            Span::styled(
                format!(
                    " — {}",
                    l.pick("planlagt minus innvilget", "planned minus granted")
                ),
                t.dim,
            ),
        ],
        4,
    ));
    if b.funding.is_empty() {
        out.push(dim_line(
            l.pick("Ingen ekstern finansiering", "No external funding"),
            t,
        ));
        return out;
    }
    out.push(dim_line(l.pick("Finansiering", "Funding"), t));
    let src_w = b
        .funding
        .iter()
        .map(|fu| width(&clean(&fu.source)))
        .max()
        .unwrap_or(0)
        // Whole where the line has room; cut only in a narrow pane.
        .min(room.saturating_sub(30).max(16));
    let amt_w = b
        .funding
        .iter()
        .map(|fu| width(&l.amount(fu.amount)))
        .max()
        .unwrap_or(0);
    for fu in &b.funding {
        let style = match fu.status {
            FundingStatus::Granted => t.good,
            FundingStatus::Applied => t.amber,
            FundingStatus::Rejected => t.dim,
        };
        let amount = l.amount(fu.amount);
        out.push((
            vec![
                text(format!(
                    "    {}  ",
                    pad(&fit(&clean(&fu.source), src_w), src_w)
                )),
                text(format!(
                    "{}{amount}  ",
                    " ".repeat(amt_w.saturating_sub(width(&amount)))
                )),
                Span::styled(glue(l.funding_status(fu.status)), style),
            ],
            6,
        ));
    }
    out
}

fn results(app: &App, pr: &Project, t: &Theme) -> Vec<Logical> {
    let l = app.lang;
    let reached = results_reached(pr);
    let mut out = section(
        format!(
            "{} ({reached} {} {} {})",
            l.pick("Resultater", "Results"),
            l.pick("av", "of"),
            pr.results.len(),
            l.pick("nådd", "reached")
        ),
        t,
    );
    if pr.results.is_empty() {
        out.push(dim_line(
            l.pick("Ingen måltall i filen", "No targets in the file"),
            t,
        ));
    }
    let as_of = app.figures.as_of;
    for r in &pr.results {
        let done = r.is_reached();
        let unit = r
            .unit
            .as_deref()
            .map(|u| format!(" {}", clean(u)))
            .unwrap_or_default();
        let mut spans = vec![
            Span::styled(
                if done { "  ✓ " } else { "  ○ " },
                if done { t.good } else { t.text },
            ),
            text(format!("{}: ", clean(&r.name))),
            Span::styled(
                glue(&format!(
                    "{} / {}{unit}",
                    l.number(r.actual),
                    l.number(r.target)
                )),
                t.title,
            ),
        ];
        if let Some(due) = r.due {
            spans.push(sep(t));
            spans.push(label(l.pick("frist", "due"), t));
            spans.push(text(due.to_string()));
        }
        spans.push(sep(t));
        if done {
            spans.push(Span::styled(l.pick("nådd", "reached"), t.good));
        } else if r.due.zip(as_of).is_some_and(|(d, a)| d < a) {
            spans.push(Span::styled(
                format!(
                    "▲{NBSP}{}",
                    glue(l.pick("ikke nådd, fristen er passert", "not reached, past due"))
                ),
                t.warn,
            ));
        } else {
            spans.push(text(glue(l.pick("ikke nådd ennå", "not reached yet"))));
        }
        out.push((spans, 4));
    }
    out
}

fn risks(app: &App, pr: &Project, t: &Theme) -> Vec<Logical> {
    let l = app.lang;
    let open = pr
        .risks
        .iter()
        .filter(|r| r.status == RiskStatus::Open)
        .count();
    let mut out = section(
        format!(
            "{} ({open} {} {})",
            l.pick("Risikoer", "Risks"),
            if open == 1 {
                l.pick("åpen av", "open of")
            } else {
                l.pick("åpne av", "open of")
            },
            pr.risks.len()
        ),
        t,
    );
    if pr.risks.is_empty() {
        out.push(dim_line(
            l.pick("Ingen risikoer i filen", "No risks in the file"),
            t,
        ));
    }
    let th = app.portfolio.risk_thresholds;
    for r in &pr.risks {
        let score = risk_score(r);
        let band = risk_band(score, th);
        let closed = r.status == RiskStatus::Closed;
        let base = if closed { t.dim } else { t.text };
        let mut spans = vec![
            text("  "),
            Span::styled(
                glue(&format!("{} {score:>2}", band_symbol(band))),
                t.band(band),
            ),
            Span::styled(format!("  {} {}", clean(&r.id), clean(&r.title)), base),
            sep(t),
            text(format!(
                "P{}{NBSP}×{NBSP}{}{}",
                r.probability,
                l.pick("K", "C"),
                r.consequence
            )),
            sep(t),
            Span::styled(
                glue(l.risk_status(r.status)),
                if r.status == RiskStatus::Open {
                    t.title
                } else {
                    t.dim
                },
            ),
        ];
        if let Some(owner) = &r.owner {
            spans.push(sep(t));
            spans.push(label(l.pick("eier", "owner"), t));
            spans.push(text(glue(&clean(owner))));
        }
        out.push((spans, 8));
        for (what, value) in [
            (l.pick("Årsak", "Cause"), &r.cause),
            (l.pick("Tiltak", "Mitigation"), &r.mitigation),
        ] {
            if let Some(v) = value {
                out.push((vec![text("        "), label(what, t), text(clean(v))], 10));
            }
        }
    }
    out
}

fn evaluations(app: &App, pr: &Project, t: &Theme) -> Vec<Logical> {
    let l = app.lang;
    let mut out = section(
        format!(
            "{} ({}, {})",
            l.pick("Evalueringer", "Evaluations"),
            pr.evaluations.len(),
            l.pick("eldste først", "oldest first")
        ),
        t,
    );
    if pr.evaluations.is_empty() {
        out.push(dim_line(
            l.pick("Ikke evaluert ennå", "Not evaluated yet"),
            t,
        ));
    }
    let criteria = &app.portfolio.criteria;
    // Each criterion over time, oldest first: where it is going at a glance.
    for c in criteria {
        if let Some((line, numbers)) = super::spark::history(pr, &c.id) {
            out.push((
                vec![
                    text("  "),
                    label(&clean(&c.name), t),
                    Span::styled(line, t.key),
                    Span::styled(format!("  {numbers}"), t.dim),
                ],
                4,
            ));
        }
    }
    let mut evs: Vec<&Evaluation> = pr.evaluations.iter().collect();
    evs.sort_by_key(|e| e.date); // stable: same-day rounds keep the file's order
    for ev in evs {
        let mut head = vec![
            Span::styled(format!("  {}", ev.date), t.key),
            sep(t),
            label("Score", t),
            Span::styled(glue(&l.total(score_total(ev, criteria))), t.title),
            sep(t),
            label(l.pick("Vedtak", "Decision"), t),
            match ev.decision {
                Some(d) => Span::styled(glue(l.decision(d)), t.title),
                None => Span::styled(l.pick("intet", "none"), t.dim),
            },
        ];
        if let Some(by) = &ev.by {
            head.push(sep(t));
            head.push(label(l.pick("av", "by"), t));
            head.push(text(clean(by)));
        }
        out.push((head, 6));
        let mut scores: Vec<Span> = vec![text("      ")];
        for (i, c) in criteria.iter().enumerate() {
            if i > 0 {
                scores.push(sep(t));
            }
            scores.push(label(&clean(&c.name), t));
            scores.push(text(
                ev.scores
                    .get(&c.id)
                    .map_or("–".to_string(), |s| s.to_string()),
            ));
        }
        // Scores for criteria the file does not define: shown, and flagged.
        for (id, s) in ev
            .scores
            .iter()
            .filter(|(id, _)| !criteria.iter().any(|c| &c.id == *id))
        {
            if scores.len() > 1 {
                scores.push(sep(t));
            }
            scores.push(Span::styled(
                format!(
                    "{} {s} (! {})",
                    clean(id),
                    l.pick("ukjent kriterium", "unknown criterion")
                ),
                t.warn,
            ));
        }
        if scores.len() > 1 {
            out.push((scores, 6));
        }
        if let Some(note) = ev.note.as_deref().filter(|n| !n.trim().is_empty()) {
            out.push((vec![text(format!("      «{}»", clean(note)))], 7));
        }
    }
    out
}

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
