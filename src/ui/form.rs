//! The follow-up form, the meeting-record form and the follow-up list, drawn over the
//! panes (see `app::form` and `app::followups`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::overlay::{centered, place_cursor_at, popup};
use super::width::{pad, width};
use super::{Theme, clean, fit};
use crate::app::form::{Control, Form, FormKind, OWNER, form_suggestions};
use crate::app::{App, TextField};
use crate::model::Project;
use crate::model::follow_up::{is_overdue, open, ordered};
use crate::text::Lang;

/// A form: its fields, the focused one's suggestions from the file, and (for the forms
/// of issue 17) what `styr check` says at each field as it is typed.
pub fn draw_form(f: &mut Frame, area: Rect, app: &App, t: &Theme, form: &Form) {
    let l = app.lang;
    let title = match &form.kind {
        FormKind::FollowUp { project, index } => {
            let pr = &app.portfolio.projects[*project];
            format!(
                "{} · {} {}",
                if index.is_some() {
                    l.pick("Oppfølgingspunkt", "Follow-up")
                } else {
                    l.pick("Nytt oppfølgingspunkt", "New follow-up")
                },
                clean(&pr.id),
                clean(&pr.name)
            )
        }
        FormKind::Meeting => format!(
            "{} {}",
            l.pick("Møtereferat", "Meeting record"),
            app.meeting_date
        ),
        FormKind::Item(kind) => crate::app::forms::title(app, kind),
    };
    let checked = matches!(form.kind, FormKind::Item(_));
    let check = checked.then(|| crate::app::forms::check(app, form));
    let labels = form.labels(l);
    let mark_w = if checked { 2 } else { 0 };
    let label_w = labels.iter().map(|s| width(s)).max().unwrap_or(0) + 2 + mark_w;
    let suggestions = form_suggestions(app, form);
    let width_all = area.width.saturating_sub(8).min(90);
    let inner_w = width_all.saturating_sub(2) as usize;
    let room = inner_w.saturating_sub(label_w + 1);
    // What check says: at the focused field in full, about the item below the fields.
    // A finding wrapped to `room` columns (at most three lines), `indent` in from the
    // left.
    let said = |s: &crate::app::forms::Said, indent: usize, room: usize| -> Vec<Line<'static>> {
        let (mark, style) = if s.error {
            ("✗", t.bad)
        } else {
            ("!", t.warn)
        };
        let text = format!("{mark} {}", clean(s.message.get(l)));
        let mut lines = super::detail::wrap(vec![Span::styled(text, style)], room, 2);
        if lines.len() > 3 {
            lines.truncate(3);
            let last = lines[2].to_string();
            lines[2] = Line::styled(fit(&format!("{last} …"), room), style);
        }
        lines
            .into_iter()
            .map(|mut line| {
                line.spans.insert(0, Span::raw(" ".repeat(indent)));
                line
            })
            .collect()
    };
    let at_focus: Vec<Line> = check
        .as_ref()
        .map(|c| {
            c.at[form.focus]
                .iter()
                .flat_map(|s| said(s, label_w, room))
                .collect()
        })
        .unwrap_or_default();
    let general: Vec<Line> = check
        .as_ref()
        .map(|c| {
            c.general
                .iter()
                .take(2)
                .flat_map(|s| said(s, 0, inner_w))
                .collect()
        })
        .unwrap_or_default();
    let rows = labels.len() + suggestions.len() + at_focus.len() + general.len() + 2;
    let height = (rows as u16 + 2).min(area.height.saturating_sub(2).max(5));
    let rect = centered(area, width_all, height);
    let block = popup(&fit(&title, rect.width.saturating_sub(6) as usize), t);
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let mut lines = Vec::new();
    let mut cursor_row = 0;
    for (i, (label, field)) in labels.iter().zip(&form.fields).enumerate() {
        let focused = i == form.focus;
        if focused {
            cursor_row = lines.len();
        }
        let mark = match check.as_ref().map(|c| &c.at[i]) {
            Some(s) if s.iter().any(|x| x.error) => Span::styled("✗ ", t.bad),
            Some(s) if !s.is_empty() => Span::styled("! ", t.warn),
            Some(_) => Span::raw("  "),
            None => Span::raw(""),
        };
        let value = match &form.spec[i].control {
            Control::Choice(options) => {
                // With its number: the digit chooses it.
                let at = form.choice(i);
                let (nb, en) = options.get(at).copied().unwrap_or(("", ""));
                let shown = format!("{} {}", at + 1, l.pick(nb, en));
                if focused {
                    format!("‹ {shown} ›")
                } else {
                    shown
                }
            }
            _ => clean(&tail(field, room).text),
        };
        lines.push(Line::from(vec![
            mark,
            Span::styled(
                pad(label, label_w - mark_w),
                if focused { t.key } else { t.dim },
            ),
            Span::styled(value, if focused { t.selected } else { t.text }),
        ]));
        if focused {
            for (j, s) in suggestions.iter().enumerate() {
                let chosen = form.suggestion == Some(j);
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(label_w)),
                    Span::styled(
                        fit(
                            &format!("{} {}", if chosen { "▸" } else { " " }, clean(&s.shown)),
                            room,
                        ),
                        if chosen { t.selected } else { t.dim },
                    ),
                ]));
            }
            lines.extend(at_focus.iter().cloned());
        }
    }
    lines.push(Line::raw(""));
    lines.extend(general);
    if let Some(e) = &form.error {
        lines.push(Line::styled(e.clone(), t.warn));
    } else {
        lines.push(Line::styled(hint(l, form), t.dim));
    }
    f.render_widget(Paragraph::new(lines), inner);
    if matches!(form.spec[form.focus].control, Control::Choice(_)) {
        return;
    }
    let field = &form.fields[form.focus];
    let shown = tail(field, room);
    let row = Rect {
        y: inner.y + cursor_row as u16,
        ..inner
    };
    place_cursor_at(f, row, label_w as u16, &shown);
}

fn hint(l: Lang, form: &Form) -> String {
    let keep = l.pick("Enter lagrer · Esc avbryter", "Enter keeps · Esc cancels");
    let first = match (&form.kind, &form.spec[form.focus].control) {
        (FormKind::FollowUp { .. }, _) if form.focus == OWNER => l.pick(
            "↓ velg fra filen, Tab tar den",
            "↓ pick from the file, Tab takes it",
        ),
        (FormKind::FollowUp { .. }, _) if form.focus == crate::app::form::DUE => {
            "2026-12-14 · +3d · +2w · +1m"
        }
        (FormKind::Meeting, _) if matches!(form.focus, 2 | 3) => {
            l.pick("navn skilt med komma", "names separated by commas")
        }
        (FormKind::Item(_), Control::Amount) => "2 400 000 · 2,4m · 2,4 mill",
        (FormKind::Item(_), Control::Number) => l.pick("12 · 2,5", "12 · 2.5"),
        (FormKind::Item(_), Control::Date) => "2027-06-30 · +3d · +2w · +3m",
        (FormKind::Item(_), Control::Choice(_)) => {
            l.pick("←/→ eller tallet velger", "←/→ or its number chooses")
        }
        (FormKind::Item(_), Control::Pick(_)) => l.pick(
            "↓ velg fra filen, Tab tar den, eller skriv en ny",
            "↓ pick from the file, Tab takes it, or type a new one",
        ),
        (FormKind::Item(_), Control::Multi(_)) => l.pick(
            "skilt med komma · ↓ velg fra filen, Tab tar den",
            "separated by commas · ↓ pick from the file, Tab takes it",
        ),
        _ => l.pick("Tab/↑↓ neste felt", "Tab/↑↓ next field"),
    };
    format!("{first} · {keep}")
}

/// The end of a field that fits in `room` columns, with its cursor.
fn tail(field: &TextField, room: usize) -> TextField {
    let before: String = field.text.chars().take(field.cursor).collect();
    let mut skip = 0;
    while width(&clean(&before.chars().skip(skip).collect::<String>())) + 1 > room.max(2) {
        skip += 1;
    }
    TextField {
        text: field.text.chars().skip(skip).collect(),
        cursor: field.cursor - skip,
    }
}

/// One follow-up as a line: mark, text, owner, due.
pub fn line(app: &App, pr: &Project, i: usize, t: &Theme, room: usize) -> Line<'static> {
    let l = app.lang;
    let fu = &pr.follow_ups[i];
    let (mark, style) = if fu.done.is_some() {
        ("✓", t.dim)
    } else if is_overdue(fu, app.meeting_date) {
        ("!", t.bad)
    } else {
        ("○", t.text)
    };
    let mut tail = Vec::new();
    if let Some(o) = &fu.owner {
        tail.push(clean(o));
    }
    match (fu.done, fu.due) {
        (Some(d), _) => tail.push(format!("{} {d}", l.pick("utført", "done"))),
        (None, Some(d)) if is_overdue(fu, app.meeting_date) => {
            tail.push(format!("{} {d}", l.pick("forfalt", "overdue since")))
        }
        (None, Some(d)) => tail.push(format!("{} {d}", l.pick("frist", "due"))),
        (None, None) => {}
    }
    let tail = if tail.is_empty() {
        String::new()
    } else {
        format!(" · {}", tail.join(" · "))
    };
    let text_room = room.saturating_sub(2 + width(&tail)).max(room / 2);
    Line::from(vec![
        Span::styled(format!("{mark} "), style),
        Span::styled(fit(&clean(&fu.text), text_room), style),
        Span::styled(fit(&tail, room.saturating_sub(text_room + 2)), t.dim),
    ])
}

/// The project's open follow-ups (overdue first), at most `limit` lines, the last
/// saying how many more there are.
pub fn open_lines(
    app: &App,
    pr: &Project,
    t: &Theme,
    room: usize,
    limit: usize,
) -> Vec<Line<'static>> {
    let open = open(pr, app.meeting_date);
    let mut out: Vec<Line<'static>> = Vec::new();
    let shown = if open.len() > limit {
        limit.saturating_sub(1)
    } else {
        open.len()
    };
    for &i in open.iter().take(shown) {
        out.push(line(app, pr, i, t, room));
    }
    if open.len() > shown {
        out.push(Line::styled(
            format!(
                "  … {} {} (A)",
                open.len() - shown,
                app.lang.pick("til", "more")
            ),
            t.dim,
        ));
    }
    out
}

/// `A`: the follow-up list of one project.
pub fn draw_list(f: &mut Frame, area: Rect, app: &App, t: &Theme, project: usize, cursor: usize) {
    let l = app.lang;
    let Some(pr) = app.portfolio.projects.get(project) else {
        return;
    };
    let order = ordered(pr, app.meeting_date);
    let h = (order.len().max(1) + 3).min(area.height.saturating_sub(2) as usize) as u16;
    let rect = centered(area, area.width.saturating_sub(8).min(100), h);
    let title = format!(
        "{} · {} {}",
        l.pick("Oppfølgingspunkter", "Follow-ups"),
        clean(&pr.id),
        clean(&pr.name)
    );
    let block = popup(&fit(&title, rect.width.saturating_sub(6) as usize), t);
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let room = inner.width as usize;
    let rows = (inner.height as usize).saturating_sub(1).max(1);
    let off = cursor.saturating_sub(rows - 1);
    let mut lines: Vec<Line> = order
        .iter()
        .enumerate()
        .skip(off)
        .take(rows)
        .map(|(row, &i)| {
            let mut line = line(app, pr, i, t, room);
            if row == cursor {
                line = line.style(t.selected);
            }
            line
        })
        .collect();
    if order.is_empty() {
        lines.push(Line::styled(
            l.pick("Ingen oppfølgingspunkter ennå.", "No follow-ups yet."),
            t.dim,
        ));
    }
    lines.push(Line::styled(
        l.pick(
            "j/k flytt · x utført/åpen · Enter endre · a nytt · - fjern · Esc lukk",
            "j/k move · x done/open · Enter edit · a add · - remove · Esc close",
        ),
        t.dim,
    ));
    f.render_widget(Paragraph::new(lines), inner);
    let listed = Rect::new(inner.x, inner.y, inner.width, rows as u16);
    super::hit_rows(app, listed, off, order.len(), crate::app::hits::Hit::Entry);
}
