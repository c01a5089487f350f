//! What opens over the panes: help, the command palette, pickers, the note field and
//! questions.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::width::{clusters, pad, width};
use super::{Theme, clean, fit};
use crate::app::hits::Hit;
use crate::app::keymap::{BINDINGS, Ctx, contexts_now, help_order, shadowed};
use crate::app::picker::{self, Target};
use crate::app::update::{palette_matches, picker_entries};
use crate::app::{App, Overlay, PickerKind, TextField};
use crate::text::Lang;

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: &Theme) {
    match &app.overlay {
        None => {}
        Some(Overlay::Help { scroll }) => help(f, area, app, t, *scroll),
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

/// Every binding, grouped by where it applies, from the one key table. The contexts
/// that apply now (`now`, most specific first) come first, marked; a binding they shadow
/// (in scoring, `1` scores instead of going to Goals) says it does not apply here.
pub fn help_lines(l: Lang, now: &[Ctx]) -> Vec<(Option<String>, String, String)> {
    let mut out = Vec::new();
    for ctx in help_order(now) {
        let here = now.contains(&ctx) && ctx != Ctx::Global;
        let title = if here {
            format!("{} — {}", ctx.title(l), l.pick("her nå", "here now"))
        } else {
            ctx.title(l).to_string()
        };
        out.push((Some(title), String::new(), String::new()));
        for b in BINDINGS.iter().filter(|b| b.ctx == ctx) {
            let what = if shadowed(now, b) {
                format!("{} ({})", b.describe(l), l.pick("ikke her", "not here"))
            } else {
                b.describe(l).to_string()
            };
            out.push((None, b.shown.to_string(), what));
        }
    }
    // The text fields (search, note, palette, save as) have the editing keys of a shell.
    out.push((
        Some(
            l.pick(
                "Tekstfelt (søk, notat, lagre som)",
                "Text fields (search, note, save as)",
            )
            .to_string(),
        ),
        String::new(),
        String::new(),
    ));
    for (keys, nb, en) in [
        ("Enter", "behold", "keep"),
        ("Esc", "avbryt", "cancel"),
        ("←/→", "flytt markøren", "move the cursor"),
        (
            "Home/End, Ctrl-A/E",
            "til start / slutt",
            "to the start / end",
        ),
        ("Backspace/Delete", "slett tegn", "delete a character"),
        ("Ctrl-W", "slett ordet før", "delete the word before"),
        (
            "Ctrl-U / Ctrl-K",
            "slett til start / slutt",
            "delete to the start / end",
        ),
    ] {
        out.push((None, keys.to_string(), l.pick(nb, en).to_string()));
    }
    out
}

fn help(f: &mut Frame, area: Rect, app: &App, t: &Theme, scroll: usize) {
    let l = app.lang;
    let rect = centered(area, 72, area.height.saturating_sub(2));
    let block = popup(
        l.pick(
            "Hjelp — alle taster (j/k blar, Esc lukker)",
            "Help — every key (j/k scroll, Esc closes)",
        ),
        t,
    );
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    let lines: Vec<Line> = help_lines(l, &contexts_now(app))
        .into_iter()
        .map(|(heading, keys, what)| match heading {
            Some(h) => Line::styled(h, t.header),
            None => Line::from(vec![
                Span::styled(format!("  {}", pad(&keys, 14)), t.key),
                Span::raw(what),
            ]),
        })
        .collect();
    let max = lines.len().saturating_sub(inner.height as usize);
    app.scroll.help_max.set(Some(max));
    let scroll = scroll.min(max);
    f.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
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
    for (i, c) in matches.iter().enumerate().skip(off).take(room) {
        let style = if i == cursor { t.selected } else { t.text };
        let label_w = inner.width.saturating_sub(14) as usize;
        lines.push(Line::from(vec![
            Span::styled(pad(&fit(&c.label, label_w), label_w), style),
            Span::styled(format!(" {:>12}", c.keys), t.key),
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
            let key = if i < 9 {
                format!("{} ", i + 1)
            } else {
                "  ".into()
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
        app.lang.pick(
            "tall/Enter velger · Esc avbryter",
            "digit/Enter chooses · Esc cancels",
        ),
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
