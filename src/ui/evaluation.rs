//! The evaluation pane: the score sheet of the selected project — one row per criterion
//! with its latest score, the previous one beside it and the evidence the file holds —
//! the weighted total, the meeting's decision and note, and below it the portfolio ranked
//! by weighted total.
//!
//! [`score_sheet`] is the one piece of code that draws a sheet: triage draws the same one
//! for the project on its screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::ranking;
use super::theme::band_symbol;
use super::width::{clusters, fit, fit_spans, pad, spans_width, width};
use super::{Theme, clean, pane_block};
use crate::app::{App, Pane};
use crate::model::figures::results_reached;
use crate::model::{Criterion, Evaluation};

/// What the file holds as evidence for a criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// Share of the project's goals that are adopted goals in the tree.
    Goals,
    /// Results reached against their targets.
    Results,
    /// Spent against planned, and against the time elapsed.
    Budget,
    /// The highest open risk.
    Risks,
    /// Nothing in the file speaks to this criterion.
    None,
}

impl Evidence {
    /// The evidence for a criterion: by its id for the default criteria, otherwise by the
    /// words in its id and name.
    pub fn of(c: &Criterion) -> Evidence {
        match c.id.as_str() {
            "goals" => return Evidence::Goals,
            "results" => return Evidence::Results,
            "budget" => return Evidence::Budget,
            _ => {}
        }
        let words = format!("{} {}", c.id, c.name).to_lowercase();
        let has = |keys: &[&str]| keys.iter().any(|k| words.contains(k));
        if has(&["goal", "mål", "maal", "strateg"]) {
            Evidence::Goals
        } else if has(&[
            "result", "resultat", "target", "output", "outcome", "effekt",
        ]) {
            Evidence::Results
        } else if has(&[
            "budget", "budsjett", "økonomi", "okonomi", "econom", "cost", "kostnad", "finans",
            "financ",
        ]) {
            Evidence::Budget
        } else if has(&["risk", "risiko"]) {
            Evidence::Risks
        } else {
            Evidence::None
        }
    }
}

/// A line of `required` spans (cut to fit), then each `optional` group that fits whole.
pub(super) fn fill(
    required: Vec<Span<'static>>,
    optional: Vec<Vec<Span<'static>>>,
    room: usize,
) -> Line<'static> {
    let mut spans = fit_spans(required, room);
    let mut used = spans_width(&spans);
    for group in optional {
        let w = spans_width(&group);
        if used + w <= room {
            used += w;
            spans.extend(group);
        }
    }
    Line::from(spans)
}

/// Word-wrap `text` into at most `max` lines of `room` columns; the last one ends with an
/// ellipsis when text is left over.
pub(super) fn wrap(text: &str, room: usize, max: usize) -> Vec<String> {
    wrap_rooms(text, room, room, max)
}

/// As [`wrap`], with a first line of `first` columns and the others of `room`.
pub(super) fn wrap_rooms(text: &str, first: usize, room: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() && lines.len() < max {
        let r = if lines.is_empty() { first } else { room }.max(1);
        if width(rest) <= r {
            lines.push(rest.to_string());
            rest = "";
            break;
        }
        // The longest head that fits, broken after a word when there is one; a cluster
        // wider than the line goes on a line of its own.
        let (mut end, mut used, mut space) = (0, 0, None);
        for (b, g, gw) in clusters(rest) {
            if used + gw > r {
                if end == 0 {
                    end = b + g.len();
                }
                break;
            }
            used += gw;
            end = b + g.len();
            if g == " " && b > 0 {
                space = Some(b);
            }
        }
        let cut = space.unwrap_or(end);
        lines.push(rest[..cut].trim_end().to_string());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() {
        let r = if lines.len() <= 1 { first } else { room };
        if let Some(last) = lines.last_mut() {
            *last = fit(&format!("{last} {rest}"), r);
        }
    }
    lines
}

/// The evidence the file holds for a criterion of project `pi`: a long form when it fits
/// in `room` columns, else a short one, cut to `room`.
pub fn evidence(app: &App, t: &Theme, pi: usize, kind: Evidence, room: usize) -> Span<'static> {
    let l = app.lang;
    let pr = &app.portfolio.projects[pi];
    let pf = &app.figures.projects[pi];
    let (long, short, style) = match kind {
        Evidence::Goals => match pf.goal_share {
            None => {
                let s = l.pick("tjener ingen mål", "serves no goal").to_string();
                (s.clone(), s, t.warn)
            }
            Some(share) => {
                let n = pr.goals.len();
                let k = ((share * n as f64).round() as usize).min(n);
                let pct = l.percent(Some(share));
                let style = if k < n { t.warn } else { t.text };
                match l {
                    crate::text::Lang::Nb => (
                        format!("{k} av {n} mål er vedtatte mål i treet ({pct})"),
                        format!("{k}/{n} mål i treet"),
                        style,
                    ),
                    crate::text::Lang::En => (
                        format!("{k} of {n} goals are adopted goals in the tree ({pct})"),
                        format!("{k}/{n} goals in the tree"),
                        style,
                    ),
                }
            }
        },
        Evidence::Results => {
            let n = pr.results.len();
            if n == 0 {
                let s = l
                    .pick("ingen målbare resultater", "no measurable results")
                    .to_string();
                (s.clone(), s, t.warn)
            } else {
                let k = results_reached(pr);
                let pct = l.percent(pf.achievement);
                match l {
                    crate::text::Lang::Nb => (
                        format!("{k} av {n} resultater nådd · {pct} av målene"),
                        format!("{k}/{n} nådd · {pct}"),
                        t.text,
                    ),
                    crate::text::Lang::En => (
                        format!("{k} of {n} results reached · {pct} of targets"),
                        format!("{k}/{n} reached · {pct}"),
                        t.text,
                    ),
                }
            }
        }
        Evidence::Budget => match pf.budget {
            None => {
                let s = l.pick("intet budsjett", "no budget").to_string();
                (s.clone(), s, t.warn)
            }
            Some(b) => {
                let burn = l.percent(b.burn);
                let time = l.percent(pf.elapsed);
                let over = b.spent > b.planned;
                let mark = if over { "▲ " } else { "" };
                let style = if over { t.warn } else { t.text };
                match l {
                    crate::text::Lang::Nb => (
                        format!("{mark}brukt {burn} av planlagt · {time} av tiden gått"),
                        format!("{mark}brukt {burn} · tid {time}"),
                        style,
                    ),
                    crate::text::Lang::En => (
                        format!("{mark}spent {burn} of planned · {time} of the time gone"),
                        format!("{mark}spent {burn} · time {time}"),
                        style,
                    ),
                }
            }
        },
        Evidence::Risks => match pf.top_risk {
            None => {
                let s = l.pick("ingen åpne risikoer", "no open risks").to_string();
                (s.clone(), s, t.text)
            }
            Some((_, score, band)) => {
                let sym = band_symbol(band);
                let open = pf.open_risks;
                match l {
                    crate::text::Lang::Nb => (
                        format!(
                            "høyeste risiko {sym} {score} ({}) · {open} åpne",
                            l.band(band)
                        ),
                        format!("{sym} {score} · {open} åpne"),
                        t.band(band),
                    ),
                    crate::text::Lang::En => (
                        format!("top risk {sym} {score} ({}) · {open} open", l.band(band)),
                        format!("{sym} {score} · {open} open"),
                        t.band(band),
                    ),
                }
            }
        },
        Evidence::None => ("–".to_string(), "–".to_string(), t.dim),
    };
    let text = if width(&long) <= room { long } else { short };
    Span::styled(fit(&text, room), style)
}

/// A criterion's row of a sheet, cut to `w` columns; on the cursor's row the bar spans
/// the whole row (the score sheet's and a scoring round's).
pub fn criterion_row(spans: Vec<Span<'static>>, on: bool, w: usize, t: &Theme) -> Line<'static> {
    let mut spans = fit_spans(spans, w);
    if !on {
        return Line::from(spans);
    }
    let used = spans_width(&spans);
    spans.push(Span::raw(" ".repeat(w.saturating_sub(used))));
    Line::from(spans).style(t.selected)
}

/// How a score sheet is drawn.
#[derive(Debug, Clone, Copy)]
pub struct SheetOpts {
    /// Columns available.
    pub width: usize,
    /// The cursor is shown (the pane has the focus, or triage).
    pub active: bool,
    /// Lines the meeting's note may take.
    pub note_lines: usize,
}

/// The project's evaluation history as the sheet reads it: the latest evaluation, the one
/// before it, and whether the latest is this meeting's (the one edits go to).
pub fn latest_and_previous(
    app: &App,
    pi: usize,
) -> (Option<&Evaluation>, Option<&Evaluation>, bool) {
    let evs = &app.portfolio.projects[pi].evaluations;
    let latest = evs.last();
    let prev = evs.len().checked_sub(2).and_then(|i| evs.get(i));
    let is_meeting = latest.is_some_and(|e| e.date == app.meeting_date);
    (latest, prev, is_meeting)
}

/// The score sheet of project `pi`: which evaluation is shown, one row per criterion
/// (latest score, previous score, evidence), the weighted totals, and the meeting's
/// decision and note.
pub fn score_sheet(app: &App, t: &Theme, pi: usize, o: SheetOpts) -> Vec<Line<'static>> {
    let l = app.lang;
    let w = o.width;
    let pf = &app.figures.projects[pi];
    let criteria = &app.portfolio.criteria;
    let (latest, prev, is_meeting) = latest_and_previous(app, pi);
    let mut out = Vec::new();

    // Which evaluation the scores are: this meeting's (being edited) or an older one.
    let prev_date = prev.map(|e| {
        vec![Span::styled(
            format!(" · {} {}", l.pick("forrige", "prev."), e.date),
            t.dim,
        )]
    });
    // Which keys start the meeting's evaluation: the digits where they score (triage,
    // scoring), else Enter first.
    let keys = if app.digits_score() {
        "1–5"
    } else {
        l.pick("Enter, så 1–5,", "Enter, then 1–5,")
    };
    let state = match latest {
        Some(e) if is_meeting => fill(
            vec![
                Span::styled(" ● ", t.key),
                Span::styled(
                    format!("{} {}", l.pick("Møtet", "This meeting"), e.date),
                    t.title,
                ),
                Span::styled(format!(" · {}", l.pick("redigeres", "being edited")), t.key),
            ],
            prev_date.into_iter().collect(),
            w,
        ),
        Some(e) => fill(
            vec![
                Span::styled(
                    format!(" {} {}", l.pick("Siste", "Latest"), e.date),
                    t.title,
                ),
                Span::styled(
                    format!(
                        " ({})",
                        l.pick("eldre, ikke møtets", "older, not this meeting's")
                    ),
                    t.warn,
                ),
            ],
            prev_date
                .into_iter()
                .chain([vec![Span::styled(
                    format!(
                        " · {keys} {}",
                        l.pick("starter møtets", "starts this meeting's")
                    ),
                    t.dim,
                )]])
                .collect(),
            w,
        ),
        None => fill(
            vec![Span::styled(
                format!(" {}", l.pick("Ikke evaluert ennå", "Not evaluated yet")),
                t.title,
            )],
            vec![vec![Span::styled(
                format!(
                    " · {keys} {}",
                    l.pick(
                        "starter møtets evaluering",
                        "starts this meeting's evaluation"
                    )
                ),
                t.dim,
            )]],
            w,
        ),
    };
    out.push(state);

    if criteria.is_empty() {
        out.push(Line::styled(
            fit(
                l.pick(
                    "Porteføljen har ingen kriterier å score etter.",
                    "The portfolio has no criteria to score against.",
                ),
                w,
            ),
            t.dim,
        ));
        return out;
    }

    // Columns: cursor mark, criterion, weight, latest, previous, evidence.
    let h_name = l.pick("Kriterium", "Criterion");
    let h_weight = l.pick("Vekt", "Weight");
    let h_latest = if is_meeting {
        l.pick("Møtet", "Meeting")
    } else {
        l.pick("Siste", "Latest")
    };
    let h_prev = l.pick("Forr.", "Prev.");
    let h_evidence = l.pick("Grunnlag i filen", "Evidence in the file");
    let cap = if w >= 70 { 24 } else { 14 };
    let w_name = criteria
        .iter()
        .map(|c| width(&clean(&c.name)))
        .chain([width(h_name)])
        .max()
        .unwrap_or(8)
        .min(cap);
    let w_weight = criteria
        .iter()
        .map(|c| c.weight.to_string().len())
        .chain([width(h_weight)])
        .max()
        .unwrap_or(4)
        .min(6);
    let w_latest = width(h_latest).max(3);
    let w_prev = width(h_prev).max(3);
    let fixed = 1 + w_name + 1 + w_weight + 1 + w_latest + 1 + w_prev + 2;
    let room = w.saturating_sub(fixed);

    out.push(Line::from(fit_spans(
        vec![Span::styled(
            format!(
                " {:<w_name$} {:>w_weight$} {:>w_latest$} {:>w_prev$}  {}",
                fit(h_name, w_name),
                h_weight,
                h_latest,
                h_prev,
                fit(h_evidence, room)
            ),
            t.header,
        )],
        w,
    )));

    let cursor = app.criterion_cursor.min(criteria.len() - 1);
    let latest_style = if is_meeting { t.title } else { t.dim };
    for (i, c) in criteria.iter().enumerate() {
        let now = latest.and_then(|e| e.scores.get(&c.id)).copied();
        let before = prev.and_then(|e| e.scores.get(&c.id)).copied();
        let trend = match (now, before) {
            (Some(a), Some(b)) if a > b => "↑",
            (Some(a), Some(b)) if a < b => "↓",
            (Some(_), Some(_)) => " ",
            _ => " ",
        };
        let now_s = now.map_or("– ".to_string(), |s| format!("{s}{trend}"));
        let before_s = before.map_or("–".to_string(), |s| s.to_string());
        let on = o.active && i == cursor;
        let mut spans = vec![
            Span::raw(if on { "▸" } else { " " }),
            Span::raw(format!(
                "{} {:>w_weight$} ",
                pad(&fit(&clean(&c.name), w_name), w_name),
                fit(&c.weight.to_string(), w_weight)
            )),
            Span::styled(format!("{now_s:>w_latest$}"), latest_style),
            Span::raw(format!(" {before_s:>w_prev$}  ")),
        ];
        if room > 0 {
            spans.push(evidence(app, t, pi, Evidence::of(c), room));
        }
        out.push(criterion_row(spans, on, w, t));
    }

    // The weighted totals, and where the latest puts the project in the ranking: a
    // partial total says how many criteria it has, and has no rank.
    let w_label = w_name + 1 + w_weight;
    out.push(Line::from(fit_spans(
        [
            vec![
                Span::raw(" "),
                Span::styled(
                    format!(
                        "{:<w_label$} ",
                        fit(l.pick("Vektet sum", "Weighted total"), w_label)
                    ),
                    t.title,
                ),
                Span::styled(
                    format!("{:>w_latest$}", format!("{} ", l.decimal(pf.latest_score))),
                    latest_style,
                ),
                Span::raw(format!(" {:>w_prev$}  ", l.decimal(pf.previous_score))),
            ],
            standing(app, t, pi, room),
        ]
        .concat(),
        w,
    )));

    // The meeting's decision and note (set with d and n).
    let meeting = latest.filter(|_| is_meeting);
    let decision = meeting
        .and_then(|e| e.decision)
        .map_or("–".to_string(), |d| l.decision(d).to_string());
    let note = meeting
        .and_then(|e| e.note.as_deref())
        .map(clean)
        .unwrap_or_else(|| "–".to_string());
    let head = vec![
        Span::styled(
            format!(" {} ", l.pick("Møtet: vedtak", "Meeting: decision")),
            t.dim,
        ),
        Span::styled(decision, t.title),
        Span::styled(format!(" · {} ", l.pick("notat", "note")), t.dim),
    ];
    let head_w = spans_width(&head);
    let indent = 3;
    // The first line holds what fits after the labels; the rest wraps below, indented.
    let note_lines = wrap_rooms(
        &note,
        w.saturating_sub(head_w),
        w.saturating_sub(indent),
        o.note_lines.max(1),
    );
    let mut lines = note_lines.into_iter();
    let mut first = head;
    first.push(Span::styled(lines.next().unwrap_or_default(), t.text));
    out.push(Line::from(fit_spans(first, w)));
    for rest in lines {
        out.push(Line::from(vec![
            Span::raw(" ".repeat(indent)),
            Span::styled(rest, t.text),
        ]));
    }
    out
}

/// After the totals on the sheet, in `room` columns: the latest's rank among the complete
/// totals, or, when it is partial, how many criteria it has and that it is not ranked;
/// and how many the previous one had, when that was partial.
fn standing(app: &App, t: &Theme, pi: usize, room: usize) -> Vec<Span<'static>> {
    let l = app.lang;
    let pf = &app.figures.projects[pi];
    let partial = |total: Option<crate::model::figures::ScoreTotal>| {
        total
            .filter(|x| x.is_partial())
            .map(|x| l.criteria_of(x.scored, x.of))
    };
    let mut out = Vec::new();
    if let Some(of) = partial(pf.latest_total) {
        let long = format!(
            "{of} {}",
            l.pick("vurdert · ikke rangert", "scored · not ranked")
        );
        let text = if width(&long) <= room {
            long
        } else {
            format!("{of} · {}", l.pick("ikke rangert", "not ranked"))
        };
        out.push(Span::styled(text, t.warn));
    } else if let Some(r) = app.ranking.rank_of(pi) {
        let k = app.ranking.complete.len();
        out.push(Span::styled(
            match l {
                crate::text::Lang::Nb => format!("nr. {} av {k}", r + 1),
                crate::text::Lang::En => format!("rank {} of {k}", r + 1),
            },
            t.dim,
        ));
    }
    if let Some(of) = partial(pf.previous_total) {
        let sep = if out.is_empty() { "" } else { " · " };
        out.push(Span::styled(
            format!("{sep}{} {of}", l.pick("forr.", "prev.")),
            t.dim,
        ));
    }
    out
}

/// What a 1 and a 5 mean for the criterion under the cursor, from the file.
pub fn description(app: &App, t: &Theme, width: usize, max_lines: usize) -> Vec<Line<'static>> {
    let criteria = &app.portfolio.criteria;
    let Some(c) = criteria.get(app.criterion_cursor.min(criteria.len().saturating_sub(1))) else {
        return Vec::new();
    };
    let Some(d) = c.description.as_deref() else {
        return Vec::new();
    };
    let text = format!("▸ {}: {}", clean(&c.name), clean(d));
    wrap(&text, width.saturating_sub(1).max(1), max_lines)
        .into_iter()
        .map(|s| Line::styled(format!(" {s}"), t.dim))
        .collect()
}

/// The pane's title while it scores: which project, that the digits score, how to leave
/// ("Evaluering — vurderer HA-10 · 1–5 gir score · Esc avslutter"), as much as fits.
fn scoring_title(app: &App, pi: usize, room: usize) -> String {
    let l = app.lang;
    let pr = &app.portfolio.projects[pi];
    let head = format!(
        "{} — {} {}",
        Pane::Evaluation.title(l),
        l.pick("vurderer", "scoring"),
        clean(&pr.id)
    );
    let (digits, esc) = (
        l.pick("1–5 gir score", "1–5 scores"),
        l.pick("Esc avslutter", "Esc leaves"),
    );
    let name = clean(&pr.name);
    let tail = format!(" · {digits} · {esc}");
    let left = room.saturating_sub(width(&head) + width(&tail) + 1);
    [
        if left >= 6 {
            format!("{head} {}{tail}", fit(&name, left))
        } else {
            String::new()
        },
        format!("{head}{tail}"),
        format!("{head} · {digits} · Esc"),
        format!("{head} · {digits}"),
        format!("{head} · 1–5 · Esc"),
    ]
    .into_iter()
    .find(|c| !c.is_empty() && width(c) <= room)
    .unwrap_or_else(|| fit(&format!("{head} · 1–5"), room))
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: &Theme, focused: bool) {
    let l = app.lang;
    let selected = app.selected();
    let room = (area.width as usize).saturating_sub(10);
    let title = match selected {
        Some(pi) if app.is_scoring() => scoring_title(app, pi, room),
        Some(pi) => {
            let pr = &app.portfolio.projects[pi];
            fit(
                &format!(
                    "{} · {} {}",
                    Pane::Evaluation.title(l),
                    clean(&pr.id),
                    clean(&pr.name)
                ),
                room,
            )
        }
        None => Pane::Evaluation.title(l).to_string(),
    };
    let block = pane_block(super::numbered(app, Pane::Evaluation), title, focused, t);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let (w, height) = (inner.width as usize, inner.height as usize);

    let mut lines = match selected {
        Some(pi) => score_sheet(
            app,
            t,
            pi,
            SheetOpts {
                width: w,
                active: focused,
                // Zoomed (or at 80×24) there is room for a longer note.
                note_lines: if height >= 18 { 2 } else { 1 },
            },
        ),
        None => vec![Line::styled(
            fit(
                l.pick(
                    "Ingen prosjekt valgt — velg et i Prosjekter (2).",
                    "No project selected — choose one in Projects (2).",
                ),
                w,
            ),
            t.dim,
        )],
    };

    // Below the sheet: the ranking (it scrolls to the selection, so it can give up rows);
    // what a 1 and a 5 mean and the older evaluation's decision while the ranking keeps
    // its header and five rows, or all of them when it is shorter.
    let ranking_need = 1 + ranking::len(app).clamp(1, 5);
    let mut extras: Vec<Line<'static>> = Vec::new();
    if let Some(pi) = selected {
        if focused {
            extras.extend(description(app, t, w, 1));
        }
        // Each criterion over the meetings, oldest first (the detail has the numbers).
        let pr = &app.portfolio.projects[pi];
        let mut trend = vec![Span::styled(
            format!(" {}: ", l.pick("Over tid", "Over time")),
            t.dim,
        )];
        for c in &app.portfolio.criteria {
            if let Some((line, _)) = super::spark::history(pr, &c.id) {
                if trend.len() > 1 {
                    trend.push(Span::styled(" · ", t.dim));
                }
                trend.push(Span::styled(format!("{} ", clean(&c.name)), t.dim));
                trend.push(Span::styled(line, t.key));
            }
        }
        if trend.len() > 1 {
            extras.push(Line::from(fit_spans(trend, w)));
        }
        let (latest, _, is_meeting) = latest_and_previous(app, pi);
        let older = latest.filter(|e| !is_meeting && (e.decision.is_some() || e.note.is_some()));
        if let Some(e) = older {
            let decision = e.decision.map_or("–", |d| l.decision(d));
            let note = e.note.as_deref().map(clean).unwrap_or_default();
            extras.push(Line::from(fit_spans(
                vec![
                    Span::styled(
                        format!(" {}: {} ", e.date, l.pick("vedtak", "decision")),
                        t.dim,
                    ),
                    Span::styled(decision.to_string(), t.dim),
                    Span::styled(
                        if note.is_empty() {
                            String::new()
                        } else {
                            format!(" · «{note}»")
                        },
                        t.dim,
                    ),
                ],
                w,
            )));
        }
    }
    for e in extras {
        if height.saturating_sub(lines.len() + 1) > ranking_need {
            lines.push(e);
        }
    }
    if height.saturating_sub(lines.len()) > 1 + ranking::len(app).max(1) {
        lines.push(Line::raw(""));
    }
    let left = height.saturating_sub(lines.len());
    if left > 0 {
        lines.extend(ranking::lines(app, t, selected, w, left));
    }
    f.render_widget(Paragraph::new(lines).style(Style::default()), inner);
    // The sheet's criteria are its rows after the state and the column headers.
    let n = app.portfolio.criteria.len();
    if selected.is_some() && inner.height > 2 {
        let rows = Rect::new(inner.x, inner.y + 2, inner.width, inner.height - 2);
        super::hit_rows(app, rows, 0, n, crate::app::hits::Hit::Criterion);
    }
}
