//! The status line: the file, unsaved state, filter, and the keys that matter where the
//! cursor is, or a message (wrapped onto the rows above when it is long). The top bar is
//! [`super::title`].

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::width::{fit_words, head, spans_width, width};
use super::{Theme, clean, fit};
use crate::app::App;
use crate::app::keymap::{hint_contexts, hints};

/// A short description of the active filters, e.g. "mål klima.d1 · Aktiv · søk «kli»".
pub fn filter_summary(app: &App) -> Option<String> {
    let l = app.lang;
    let f = &app.filters;
    let mut parts = Vec::new();
    if let Some(g) = f.goal {
        parts.push(format!(
            "{} {}",
            l.pick("mål", "goal"),
            clean(&app.goals[g].id)
        ));
    }
    if let Some(s) = f.status {
        parts.push(l.status(s).to_string());
    }
    if let Some(h) = f.health {
        parts.push(format!("{} {}", l.pick("helse", "health"), l.health(h)));
    }
    for v in [&f.unit, &f.instrument, &f.tag].into_iter().flatten() {
        parts.push(clean(v));
    }
    if let Some(k) = f.follow_ups {
        parts.push(k.label(l).to_string());
    }
    if f.moved {
        parts.push(format!("Δ {}", l.pick("endret", "moved")));
    }
    if let Some(set) = &f.set {
        parts.push(clean(&set.label));
    }
    if !f.search.is_empty() {
        parts.push(format!(
            "{} «{}»",
            l.pick("søk", "search"),
            clean(&f.search)
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

pub fn status_line(f: &mut Frame, area: Rect, app: &App, t: &Theme) {
    let l = app.lang;
    let cols = area.width as usize;
    if let Some(field) = &app.searching {
        let n = app.visible.len();
        // Hits the list cannot show why: matched in the owner or the unit only.
        let hidden = hidden_hits(app, &field.text)
            .filter(|&k| k > 0)
            .map(|k| {
                format!(
                    " ({k} {})",
                    l.pick("i ansvarlig eller enhet", "in owner or unit")
                )
            })
            .unwrap_or_default();
        let line = Line::from(vec![
            Span::styled(" / ", t.tab_active),
            Span::raw(format!(" {} ", clean(&field.text))),
            Span::styled(
                format!(
                    " {n} {}{hidden} · Enter {} · Esc {}",
                    l.pick("treff", "matches"),
                    l.pick("velger beste", "selects the best"),
                    l.pick("avbryter", "cancels")
                ),
                t.dim,
            ),
        ]);
        f.render_widget(Paragraph::new(line).style(t.text), area);
        super::overlay::place_cursor_at(f, area, 4, field);
        return;
    }

    let mut left = left_parts(app, t, cols);
    let used = spans_width(&left);
    let room = cols.saturating_sub(used + 1);
    let mut message = app.message.as_deref().map(clean);
    let mut area = area;
    if let Some(lines) = long_message(app, cols, t) {
        // Too long for what is left beside the file's name: the message goes on the
        // rows above, wrapped at words, and the last row stays as it is without one.
        let above = Rect {
            height: area.height.saturating_sub(1),
            ..area
        };
        let n = above.height as usize;
        let rows: Vec<Line> = lines
            .iter()
            .enumerate()
            .take(n)
            .map(|(i, l)| {
                // More than the rows hold: the last row ends after a whole word.
                let cut = i + 1 == n && lines.len() > n;
                let l = if cut {
                    fit_words(&lines[i..].join(" "), cols.saturating_sub(2))
                } else {
                    l.clone()
                };
                Line::styled(format!(" {l}"), t.title)
            })
            .collect();
        f.render_widget(Paragraph::new(rows), above);
        area.y += above.height;
        area.height = 1;
        message = None;
    }
    let right: Vec<Span> = if let Some(msg) = &message {
        vec![Span::styled(format!(" {}", fit(msg, room)), t.title)]
    } else {
        let ctxs = hint_contexts(app);
        let mut spans = Vec::new();
        // Room is kept for "? help" at the end, so help is always one key away.
        let mut w = 10;
        let all = hints(&ctxs);
        let (help, rest): (
            Vec<&crate::app::keymap::Binding>,
            Vec<&crate::app::keymap::Binding>,
        ) = all
            .into_iter()
            .partition(|b| b.action == crate::app::Action::ToggleHelp);
        // What this styr may not do is not offered: a read-only styr's or a seat's edits
        // (a seat's own scores on the round's sheet are its to give).
        let on_sheet = ctxs.first() == Some(&crate::app::keymap::Ctx::Round);
        let offered = |b: &&crate::app::keymap::Binding| {
            !app.read_only
                || !b.action.changes_the_file()
                || (on_sheet
                    && app.room.is_seat()
                    && matches!(b.action, crate::app::Action::Score(_)))
        };
        for b in rest.into_iter().filter(offered).chain(help) {
            if b.action == crate::app::Action::ToggleHelp {
                w -= 10;
            }
            let item = format!(" {} {} ", b.shown, b.describe(l));
            let iw = width(&item);
            if w + iw > room {
                // Too long for what is left: a shorter hint after it may still fit.
                continue;
            }
            w += iw;
            spans.push(Span::styled(format!(" {}", b.shown), t.key));
            spans.push(Span::styled(format!(" {} ", b.describe(l)), t.dim));
        }
        spans
    };
    left.push(Span::raw(" "));
    left.extend(right);
    f.render_widget(Paragraph::new(Line::from(left)), area);
}

/// What stands at the left of the status line: the file's name, read-only or unsaved,
/// the filter (cut at a word to leave room for `? help` in `cols` columns).
fn left_parts(app: &App, t: &Theme, cols: usize) -> Vec<Span<'static>> {
    let l = app.lang;
    let mut left = vec![Span::styled(
        // The file's name, not its whole path: the hints need the room at 80 columns.
        format!(" {} ", fit(&app.file_name(), 24)),
        t.bar,
    )];
    left.extend(room_part(app, t));
    if app.room.is_seat() {
        // A seat's own part says what it is; the chair's unsaved edits are the chair's.
    } else if app.read_only {
        left.push(Span::styled(
            format!(" {} ", l.pick("skrivebeskyttet", "read-only")),
            t.warn,
        ));
    } else if app.unsaved > 0 {
        left.push(Span::styled(
            format!(" ● {} ({}) ", l.pick("ulagret", "unsaved"), app.unsaved),
            t.warn,
        ));
    }
    left.extend(super::clock::span(app, t));
    if let Some(s) = filter_summary(app) {
        let label = format!(" {}: ", l.pick("Filter", "Filter"));
        let room = cols.saturating_sub(spans_width(&left) + width(&label) + 7 + 10);
        left.push(Span::styled(
            format!("{label}{} · Esc ", fit_words(&s, room)),
            t.amber,
        ));
    }
    left
}

/// Who is in the meeting: on the chair, its seats ("3 seats: Ida, Knut, Aisha"); on a
/// seat, its name and the chair's (or that the chair has left), and whether it follows.
fn room_part(app: &App, t: &Theme) -> Option<Span<'static>> {
    use crate::app::room::Role;
    let l = app.lang;
    let r = &app.room;
    match r.role {
        Role::Alone => None,
        Role::Chair if r.seats.is_empty() => None,
        Role::Chair => {
            let names: Vec<String> = r.seats.iter().map(|s| clean(s)).collect();
            let noun = match (l, r.seats.len()) {
                (crate::text::Lang::Nb, 1) => "deltaker",
                (crate::text::Lang::Nb, _) => "deltakere",
                (crate::text::Lang::En, 1) => "seat",
                (crate::text::Lang::En, _) => "seats",
            };
            Some(Span::styled(
                format!(" {} {noun}: {} ", r.seats.len(), fit(&names.join(", "), 30)),
                t.amber,
            ))
        }
        Role::Seat => {
            let chair = match (&r.chair, r.chair_here) {
                (_, false) => l
                    .pick("ordstyreren har gått", "the chair has left")
                    .to_string(),
                (Some(c), true) => {
                    format!("{} {}", l.pick("ordstyrer", "chair"), fit(&clean(c), 16))
                }
                (None, true) => l.pick("ordstyrer", "chair").to_string(),
            };
            let follow = if r.following {
                l.pick(" · ▶ følger", " · ▶ following")
            } else {
                ""
            };
            let style = if r.chair_here { t.amber } else { t.warn };
            Some(Span::styled(
                format!(" {} · {chair}{follow} ", fit(&clean(&r.me), 16)),
                style,
            ))
        }
    }
}

/// The message in wrapped lines when it does not fit beside [`left_parts`] on one row.
fn long_message(app: &App, cols: usize, t: &Theme) -> Option<Vec<String>> {
    let msg = clean(app.message.as_deref()?);
    if app.searching.is_some() {
        return None;
    }
    let used = spans_width(&left_parts(app, t, cols));
    let room = cols.saturating_sub(used + 2);
    (width(&msg) > room).then(|| wrap_message(&msg, cols))
}

/// The most rows the status line takes for a long message: three rows of message (at
/// 80 columns some 230 characters, more than any message styr has) and the status line.
pub const MAX_STATUS_ROWS: u16 = 4;

/// How many rows the status line needs at `cols` columns: one, or one more for each line of a
/// message that does not fit beside the file's name (at most [`MAX_STATUS_ROWS`]).
pub fn rows(app: &App, cols: u16, t: &Theme) -> u16 {
    long_message(app, cols as usize, t).map_or(1, |lines| {
        (lines.len() as u16 + 1).clamp(1, MAX_STATUS_ROWS)
    })
}

/// `text` in lines of at most `cols - 2` columns (one for the leading space), broken
/// between words; a word longer than a line is cut into pieces.
pub fn wrap_message(text: &str, cols: usize) -> Vec<String> {
    let room = cols.saturating_sub(2).max(1);
    let w = width;
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|s| !s.is_empty()) {
        let mut word = word.to_string();
        loop {
            let need = if line.is_empty() { 0 } else { 1 } + w(&word);
            if w(&line) + need <= room {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than a whole line: as much as fits, the rest goes on.
            // At least one cluster, so a line always moves on.
            let mut cut = head(&word, room).len();
            if cut == 0 {
                cut = word.chars().next().map_or(word.len(), char::len_utf8);
            }
            let rest = word[cut..].to_string();
            lines.push(word[..cut].to_string());
            if rest.is_empty() {
                break;
            }
            word = rest;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// How many of the search's hits matched only in the owner or the unit, which the list
/// does not show (the owner never, the unit only when wide): so the user knows why they
/// are there. `None` for very many hits (counting them would cost a keystroke's time).
fn hidden_hits(app: &App, query: &str) -> Option<usize> {
    use fuzzy_matcher::FuzzyMatcher;
    let query = query.trim();
    if query.is_empty() || app.visible.len() > 2_000 {
        return None;
    }
    let m = crate::app::view::matcher();
    let q = crate::app::fold::fold(query);
    let shown = |s: &str| m.fuzzy_match(&crate::app::fold::fold(s), &q).is_some();
    Some(
        app.visible
            .iter()
            .filter(|&&pi| {
                let pr = &app.portfolio.projects[pi];
                !shown(&pr.id) && !shown(&pr.name)
            })
            .count(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_message_wraps_between_words() {
        let msg =
            "Not locked (.plan.ron.styr-lock: the disk is full); another styr will not be warned";
        let lines = wrap_message(msg, 40);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(width(l) <= 38, "{l}");
        }
        assert_eq!(lines.join(" "), msg);
        let long = "x".repeat(100);
        let lines = wrap_message(&long, 40);
        assert_eq!(lines.concat(), long);
    }
}
