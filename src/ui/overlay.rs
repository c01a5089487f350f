//! What opens over the panes: help, the command palette, pickers, the note field and
//! questions.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::width::{clusters, pad, pad_left, width};
use super::{Theme, clean, fit};
use crate::app::hits::Hit;
use crate::app::picker::{self, Target};
use crate::app::update::{palette_matches, picker_entries};
use crate::app::{App, Overlay, PickerKind, TextField};

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: &Theme) {
    match &app.overlay {
        None => {}
        Some(Overlay::Help { scroll }) => super::help::draw(f, area, app, t, *scroll),
        Some(Overlay::Palette { field, cursor }) => palette(f, area, app, t, field, *cursor),
        Some(Overlay::Picker { kind, cursor }) => picker(f, area, app, t, *kind, *cursor),
        Some(Overlay::Note { field, mitigation }) => {
            super::note::draw(f, area, app, t, field, *mitigation)
        }
        Some(Overlay::Question(q)) => super::questions::draw(f, area, app, t, *q),
        Some(Overlay::Form(form)) => super::form::draw_form(f, area, app, t, form),
        Some(Overlay::FollowUps { project, cursor }) => {
            super::form::draw_list(f, area, app, t, *project, *cursor);
        }
        Some(Overlay::SaveAs { field }) => {
            text_popup(
                f,
                area,
                t,
                app.lang.pick(
                    "Lagre som (Enter lagrer, Esc avbryter)",
                    "Save as (Enter saves, Esc cancels)",
                ),
                field,
            );
        }
    }
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

pub(super) fn popup<'a>(title: &str, t: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(t.border_focus)
        .title(Span::styled(format!(" {title} "), t.title))
}

fn field_line<'a>(field: &TextField, t: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled("› ", t.key),
        // A note from the file may hold control characters: shown as placeholders
        // (one for one, so the cursor stays where it is).
        Span::raw(clean(&field.text)),
    ])
}

/// Put the terminal's cursor in a text field drawn `x` columns into `inner`.
pub fn place_cursor_at(f: &mut Frame, inner: Rect, x: u16, field: &TextField) {
    // Measured on the text as drawn: a control character shows as one placeholder, and
    // so does a cluster whose width terminals disagree on.
    let before: String = field.text.chars().take(field.cursor).collect();
    let w = u16::try_from(width(&clean(&before))).unwrap_or(u16::MAX);
    f.set_cursor_position((
        inner
            .x
            .saturating_add(x)
            .saturating_add(w)
            .min(inner.right().saturating_sub(1)),
        inner.y,
    ));
}

/// How many characters at the front of `field` to leave out so that the text before its
/// cursor, as drawn, fits in `room` columns: as few whole clusters as will do.
fn scroll_to_cursor(field: &TextField, room: usize) -> usize {
    let before: String = field.text.chars().take(field.cursor).collect();
    let (mut used, mut keep) = (0, 0);
    for (_, g, _) in clusters(&before).rev() {
        let w = width(&clean(g));
        if used + w > room {
            break;
        }
        used += w;
        keep += g.chars().count();
    }
    before.chars().count() - keep
}

fn place_cursor(f: &mut Frame, inner: Rect, field: &TextField) {
    place_cursor_at(f, inner, 2, field);
}

fn palette(f: &mut Frame, area: Rect, app: &App, t: &Theme, field: &TextField, cursor: usize) {
    let l = app.lang;
    let rect = centered(area, 64, 16);
    let block = popup(l.pick("Kommandoer", "Commands"), t);
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let matches = palette_matches(app, &field.text);
    let mut lines = vec![field_line(field, t)];
    let room = inner.height.saturating_sub(1) as usize;
    let off = cursor.saturating_sub(room.saturating_sub(1));
    // The key column as wide as the longest key listed, the label in the rest.
    let keys_w = matches.iter().map(|c| width(c.keys)).max().unwrap_or(0);
    let label_w = (inner.width as usize).saturating_sub(keys_w + 2);
    for (i, c) in matches.iter().enumerate().skip(off).take(room) {
        let style = if i == cursor { t.selected } else { t.text };
        lines.push(Line::from(vec![
            Span::styled(pad(&fit(&c.label, label_w), label_w), style),
            Span::styled(format!(" {} ", pad_left(c.keys, keys_w)), t.key),
        ]));
    }
    if matches.is_empty() {
        lines.push(Line::styled(
            l.pick("Ingen kommando passer", "No command matches"),
            t.dim,
        ));
    }
    f.render_widget(Paragraph::new(lines), inner);
    let listed = Rect::new(inner.x, inner.y + 1, inner.width, room as u16);
    super::hit_rows(app, listed, off, matches.len(), Hit::Entry);
    place_cursor(f, inner, field);
}

fn picker_title(app: &App, kind: PickerKind) -> String {
    let l = app.lang;
    match kind {
        PickerKind::Decision => l.pick("Vedtak", "Decision").into(),
        PickerKind::Health => l.pick("Helse", "Health").into(),
        PickerKind::Status => "Status".into(),
        PickerKind::RiskStatus => l.pick("Risikostatus", "Risk status").into(),
        PickerKind::RiskProbability => l.pick("Sannsynlighet", "Probability").into(),
        PickerKind::RiskConsequence => l.pick("Konsekvens", "Consequence").into(),
        PickerKind::FilterKind => l.pick("Filtrer på", "Filter by").into(),
        PickerKind::FilterValue(k) => k.label(l).into(),
    }
}

/// A target's title in `room` columns: the ids and the field whole, the name cut to what
/// is left (and left out when too little is).
pub fn target_title(target: &Target, room: usize) -> String {
    let ids = clean(&target.ids);
    let what = clean(&target.what);
    if ids.is_empty() {
        return fit(&what, room);
    }
    let fixed = width(&ids) + width(&what) + 4; // "ids name · what"
    let name = clean(&target.name);
    let left = room.saturating_sub(fixed);
    if name.is_empty() || left < 6 {
        return fit(&format!("{ids} · {what}"), room);
    }
    format!("{ids} {} · {what}", fit(&name, left))
}

/// The widest a picker grows to for its title.
const PICKER_MAX: usize = 72;

fn picker(f: &mut Frame, area: Rect, app: &App, t: &Theme, kind: PickerKind, cursor: usize) {
    let entries = picker_entries(app, kind);
    let h = (entries.len() as u16 + 3).min(area.height.saturating_sub(2));
    let target = picker::target(app, kind);
    // As wide as the title wants (ids, name, field and value), within the screen.
    let wanted = target.as_ref().map_or(0, |tg| {
        width(&clean(&tg.ids)) + width(&clean(&tg.name)) + width(&clean(&tg.what)) + 4 + 4
    });
    let w = wanted
        .clamp(44, PICKER_MAX)
        .min(area.width.saturating_sub(4) as usize);
    let rect = centered(area, w as u16, h);
    let room = (rect.width as usize).saturating_sub(4);
    let title = match &target {
        Some(tg) => target_title(tg, room),
        // The filter menu's first step: which filters are on now.
        None if kind == PickerKind::FilterKind => {
            let now = super::status::filter_summary(app)
                .unwrap_or_else(|| app.lang.pick("ingen", "none").to_string());
            let label = app.lang.pick("nå", "now");
            fit(
                &format!("{} ({label}: {now})", picker_title(app, kind)),
                room,
            )
        }
        None => picker_title(app, kind),
    };
    let block = popup(&title, t);
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let room = inner.height.saturating_sub(1) as usize;
    let off = cursor.saturating_sub(room.saturating_sub(1));
    let now = picker::current(app, kind).filter(|_| target.is_some());
    let mark = format!(" ◂ {}", app.lang.pick("nå", "now"));
    let mut lines: Vec<Line> = entries
        .iter()
        .enumerate()
        .skip(off)
        .take(room)
        .map(|(i, (label, _))| {
            let key = match i + picker::first_number(kind) {
                n @ 0..=9 => format!("{n} "),
                _ => "  ".into(),
            };
            let style = if i == cursor { t.selected } else { t.text };
            let here = now == Some(i);
            let room =
                (inner.width as usize).saturating_sub(3 + if here { width(&mark) } else { 0 });
            let mut spans = vec![
                Span::styled(key, t.key),
                Span::styled(fit(&clean(label), room), style),
            ];
            if here {
                spans.push(Span::styled(mark.clone(), t.key));
            }
            Line::from(spans)
        })
        .collect();
    lines.push(Line::styled(
        if picker::first_number(kind) == 0 {
            app.lang.pick(
                "tall/Enter velger · 0 alle · Esc avbryter",
                "digit/Enter chooses · 0 all · Esc cancels",
            )
        } else {
            app.lang.pick(
                "tall/Enter velger · Esc avbryter",
                "digit/Enter chooses · Esc cancels",
            )
        },
        t.dim,
    ));
    f.render_widget(Paragraph::new(lines), inner);
    let listed = Rect::new(inner.x, inner.y, inner.width, room as u16);
    super::hit_rows(app, listed, off, entries.len(), Hit::Entry);
}

fn text_rect(area: Rect) -> Rect {
    centered(area, crate::app::wrap::popup_width(area.width), 4)
}

/// A one-line text field in a popup (the file name to save under), scrolled sideways so
/// the cursor stays visible. The note's field wraps instead (`super::note`).
fn text_popup(f: &mut Frame, area: Rect, t: &Theme, title: &str, field: &TextField) {
    let rect = text_rect(area);
    let block = popup(title, t);
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let room = inner.width.saturating_sub(3) as usize;
    let skip = scroll_to_cursor(field, room);
    let shown = TextField {
        text: field.text.chars().skip(skip).collect(),
        cursor: field.cursor - skip,
    };
    f.render_widget(Paragraph::new(field_line(&shown, t)), inner);
    place_cursor(f, inner, &shown);
}
