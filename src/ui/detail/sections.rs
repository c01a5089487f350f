//! The detail's sections below its goals: budget and funding, results, risks, and the
//! evaluation history, each line at its stop.

use ratatui::text::Span;

use super::super::theme::band_symbol;
use super::super::width::{fit_spans, pad, width};
use super::super::{clean, fit};
use super::{Cx, Logical, NBSP, dim_line, glue, label, sep, text};
use crate::app::detail::Stop;
use crate::model::figures::{results_reached, risk_band, risk_score, score_total};
use crate::model::round;
use crate::model::{Evaluation, FundingStatus, Project, RiskStatus};

pub(super) fn budget(cx: &Cx, pr: &Project, pi: usize, room: usize) -> Vec<Logical> {
    let (app, t, l) = (cx.app, cx.t, cx.app.lang);
    let mut out = cx.section(
        format!(
            "{} ({})",
            l.pick("Budsjett", "Budget"),
            clean(&app.portfolio.currency)
        ),
        Stop::Planned,
    );
    let pf = &app.figures.projects[pi];
    let (Some(b), Some(bf)) = (&pr.budget, pf.budget) else {
        out.push(
            Logical::new(
                vec![cx.mark(
                    Span::styled(
                        format!(
                            "  ! {}",
                            l.pick("ingen budsjett i filen", "no budget in the file")
                        ),
                        t.warn,
                    ),
                    Stop::Planned,
                )],
                4,
            )
            .at(Stop::Planned),
        );
        return out;
    };
    let share = |v: i64| (bf.planned > 0).then(|| v as f64 / bf.planned as f64);
    // Burn against time: spent of planned beside the share of the period gone.
    let mut burn = vec![
        text("  "),
        label(l.pick("Planlagt", "Planned"), t),
        cx.mark(text(l.amount(bf.planned)), Stop::Planned),
        sep(t),
        label(l.pick("brukt", "spent"), t),
        cx.mark(text(l.amount(bf.spent)), Stop::Spent),
        text(format!(" ({})", l.percent(bf.burn))),
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
    out.push(Logical::new(burn, 4).at(Stop::Planned).at(Stop::Spent));
    out.push(
        Logical::new(
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
        )
        .at(Stop::Spent),
    );
    let heading = if b.funding.is_empty() {
        l.pick("Ingen ekstern finansiering", "No external funding")
    } else {
        l.pick("Finansiering", "Funding")
    };
    let mut head = dim_line(heading, t).at(Stop::Funding(None));
    head.spans = head
        .spans
        .into_iter()
        .map(|s| cx.mark(s, Stop::Funding(None)))
        .collect();
    out.push(head);
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
    for (i, fu) in b.funding.iter().enumerate() {
        let stop = Stop::Funding(Some(i));
        let style = match fu.status {
            FundingStatus::Granted => t.good,
            FundingStatus::Applied => t.amber,
            FundingStatus::Rejected => t.dim,
        };
        let amount = l.amount(fu.amount);
        out.push(
            Logical::new(
                vec![
                    text("    "),
                    cx.mark(text(pad(&fit(&clean(&fu.source), src_w), src_w)), stop),
                    text(format!(
                        "  {}{amount}  ",
                        " ".repeat(amt_w.saturating_sub(width(&amount)))
                    )),
                    Span::styled(glue(l.funding_status(fu.status)), style),
                ],
                6,
            )
            .at(stop),
        );
    }
    out
}

pub(super) fn results(cx: &Cx, pr: &Project) -> Vec<Logical> {
    let (app, t, l) = (cx.app, cx.t, cx.app.lang);
    let reached = results_reached(pr);
    let mut out = cx.section(
        format!(
            "{} ({reached} {} {} {})",
            l.pick("Resultater", "Results"),
            l.pick("av", "of"),
            pr.results.len(),
            l.pick("nådd", "reached")
        ),
        Stop::Results(None),
    );
    if pr.results.is_empty() {
        out.push(
            dim_line(l.pick("Ingen måltall i filen", "No targets in the file"), t)
                .at(Stop::Results(None)),
        );
    }
    let as_of = app.figures.as_of;
    for (i, r) in pr.results.iter().enumerate() {
        let stop = Stop::Results(Some(i));
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
            cx.mark(text(clean(&r.name)), stop),
            text(": "),
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
        out.push(Logical::new(spans, 4).at(stop));
    }
    out
}

pub(super) fn risks(cx: &Cx, pr: &Project) -> Vec<Logical> {
    let (app, t, l) = (cx.app, cx.t, cx.app.lang);
    let open = pr
        .risks
        .iter()
        .filter(|r| r.status == RiskStatus::Open)
        .count();
    let mut out = cx.section(
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
        Stop::Risks(None),
    );
    if pr.risks.is_empty() {
        out.push(
            dim_line(l.pick("Ingen risikoer i filen", "No risks in the file"), t)
                .at(Stop::Risks(None)),
        );
    }
    let th = app.portfolio.risk_thresholds;
    for (i, r) in pr.risks.iter().enumerate() {
        let stop = Stop::Risks(Some(i));
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
            text("  "),
            cx.mark(
                Span::styled(format!("{} {}", clean(&r.id), clean(&r.title)), base),
                stop,
            ),
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
        out.push(Logical::new(spans, 8).at(stop));
        for (what, value) in [
            (l.pick("Årsak", "Cause"), &r.cause),
            (l.pick("Tiltak", "Mitigation"), &r.mitigation),
        ] {
            if let Some(v) = value {
                out.push(
                    Logical::new(vec![text("        "), label(what, t), text(clean(v))], 10)
                        .at(stop),
                );
            }
        }
    }
    out
}

/// The evaluation history, each line at most `room` columns wide where it is cut rather
/// than wrapped (a scoring round's lines).
pub(super) fn evaluations(cx: &Cx, pr: &Project, room: usize) -> Vec<Logical> {
    let (app, t, l) = (cx.app, cx.t, cx.app.lang);
    let mut out = cx.section(
        format!(
            "{} ({}, {})",
            l.pick("Evalueringer", "Evaluations"),
            pr.evaluations.len(),
            l.pick("eldste først", "oldest first")
        ),
        Stop::Evaluations(None),
    );
    if pr.evaluations.is_empty() {
        out.push(
            dim_line(l.pick("Ikke evaluert ennå", "Not evaluated yet"), t)
                .at(Stop::Evaluations(None)),
        );
    }
    let criteria = &app.portfolio.criteria;
    // Each criterion over time, oldest first: where it is going at a glance.
    for c in criteria {
        if let Some((line, numbers)) = super::super::spark::history(pr, &c.id) {
            out.push(
                Logical::new(
                    vec![
                        text("  "),
                        label(&clean(&c.name), t),
                        Span::styled(line, t.key),
                        Span::styled(format!("  {numbers}"), t.dim),
                    ],
                    4,
                )
                .at(Stop::Evaluations(None)),
            );
        }
    }
    let mut evs: Vec<&Evaluation> = pr.evaluations.iter().collect();
    evs.sort_by_key(|e| e.date); // stable: same-day rounds keep the file's order
    for (k, ev) in evs.into_iter().enumerate() {
        let stop = Stop::Evaluations(Some(k));
        let mut head = vec![
            cx.mark(Span::styled(format!("  {}", ev.date), t.key), stop),
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
        out.push(Logical::new(head, 6).at(stop));
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
            out.push(Logical::new(scores, 6).at(stop));
        }
        out.extend(ratings(cx, ev, room).into_iter().map(|lg| lg.at(stop)));
        if let Some(note) = ev.note.as_deref().filter(|n| !n.trim().is_empty()) {
            out.push(Logical::new(vec![text(format!("      «{}»", clean(note)))], 7).at(stop));
        }
    }
    out
}

/// A scoring round's members' scores, one line per criterion any of them scored, never
/// wider than `room`: "Måloppnåelse 4 · medlemmene 3, 4, 5 · sprik 2 ▲ uenighet". When
/// it does not fit, the criterion's name is cut to 16 columns, then the list of scores:
/// the group's score, the spread and the disagreement always show.
fn ratings(cx: &Cx, ev: &Evaluation, room: usize) -> Vec<Logical> {
    const INDENT: &str = "        ";
    let (app, t, l) = (cx.app, cx.t, cx.app.lang);
    if ev.ratings.is_empty() {
        return Vec::new();
    }
    let words = round::Words::of(l);
    let criteria = &app.portfolio.criteria;
    let mut out = Vec::new();
    for (c, tally) in criteria.iter().zip(round::tally_of(criteria, &ev.ratings)) {
        if tally.scores.is_empty() {
            continue;
        }
        let group = ev
            .scores
            .get(&c.id)
            .map_or_else(|| "–".to_string(), |s| s.to_string());
        let group = format!("{NBSP}{group}");
        let seats = format!(" · {} ", words.seats);
        let spread = format!(
            " · {}{NBSP}{}",
            words.spread,
            tally
                .spread
                .map_or_else(|| "–".to_string(), |s| s.to_string())
        );
        let mark = if tally.disagree {
            format!(" ▲{NBSP}{}", words.disagreement)
        } else {
            String::new()
        };
        let avail = room.saturating_sub(INDENT.len());
        let fixed = width(&group) + width(&seats) + width(&spread) + width(&mark);
        let name = clean(&c.name);
        // The list has the room it needs, unless that leaves the name (whole above, in
        // the scores' line) fewer than 16 columns; and always at least "3, …".
        let list = tally.list();
        let least = width(&list).min(4);
        let name_room = avail
            .saturating_sub(fixed + width(&list))
            .max(width(&name).min(16))
            .min(avail.saturating_sub(fixed + least))
            .max(1);
        let name = fit(&name, name_room);
        let list = list_in(&tally, avail.saturating_sub(width(&name) + fixed));
        let spans = vec![
            text(INDENT),
            Span::styled(glue(&name), t.dim),
            Span::styled(group, t.title),
            Span::styled(seats, t.dim),
            text(list),
            Span::styled(spread, t.dim),
            Span::styled(mark, t.warn),
        ];
        out.push(Logical::new(fit_spans(spans, room), 8));
    }
    out
}

/// The tally's scores in `room` columns: whole, or as many as fit and then "…" as one
/// more ("3, 4, 5, …"), so a cut never looks like a score.
fn list_in(tally: &round::Tally, room: usize) -> String {
    let all = tally.list();
    if width(&all) <= room {
        return all;
    }
    let mut kept = String::new();
    for (_, s) in &tally.scores {
        let next = format!("{kept}{s}, ");
        if width(&next) + 1 > room {
            break;
        }
        kept = next;
    }
    format!("{kept}…")
}
