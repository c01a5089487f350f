//! The note field (`n`: the meeting's note; `m`: a risk's mitigation), wrapped over as
//! many rows as the text needs, so a long note can be read back before `Enter` keeps
//! it. Up to a third of the screen; a longer note scrolls with the cursor, and the line
//! under it says which row the cursor is on. Where the rows break and where the cursor
//! goes is `crate::app::wrap`'s, shared with the keys that move by rows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::overlay::{centered, popup, target_title};
use super::{Theme, fit};
use crate::app::wrap::{Wrapped, popup_width, room};
use crate::app::{App, ScrollMemo, TextField, picker};

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: &Theme, field: &TextField, mitigation: bool) {
    let l = app.lang;
    // The text as drawn: each cluster cleaned (a note from the file is untrusted).
    let wrapped = Wrapped::new(&field.text, room(area.width));
    let (row, col) = wrapped.position(field.cursor);
    let total = wrapped.rows_with_cursor(field.cursor);
    let most = usize::from(area.height / 3).max(1);
    let shown = total.min(most);
    // The text's rows, the frame, and the line of keys.
    let rect = centered(area, popup_width(area.width), shown as u16 + 3);
    // What the field changes: the project (or the risk) and the field; the text in it is
    // the value now.
    let title = match picker::text_target(app, mitigation) {
        Some(tg) => target_title(&tg, (rect.width as usize).saturating_sub(4)),
        None if mitigation => l.pick("Tiltak mot risikoen", "Mitigation").to_string(),
        None => l.pick("Notat for møtet", "Meeting note").to_string(),
    };
    let block = popup(&title, t);
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let shown = shown.min(inner.height as usize);
    let off = ScrollMemo::follow(&app.scroll.note, row, shown, total);
    let lines: Vec<Line> = (off..off + shown)
        .map(|i| {
            let lead = if i == 0 { "› " } else { "  " };
            Line::from(vec![
                Span::styled(lead, t.key),
                Span::raw(wrapped.row_text(i)),
            ])
        })
        .collect();
    let text_area = Rect::new(inner.x, inner.y, inner.width, shown as u16);
    f.render_widget(Paragraph::new(lines), text_area);

    let keys = if field.text.is_empty() {
        l.pick(
            "tomt nå · Enter lagrer · Esc avbryter",
            "empty now · Enter keeps · Esc cancels",
        )
        .to_string()
    } else if total > 1 {
        let at = if total > shown {
            format!("{} {}/{total} · ", l.pick("linje", "line"), row + 1)
        } else {
            String::new()
        };
        format!(
            "{at}{}",
            l.pick(
                "↑/↓ linje · Enter lagrer · Esc avbryter",
                "↑/↓ line · Enter keeps · Esc cancels"
            )
        )
    } else {
        l.pick("Enter lagrer · Esc avbryter", "Enter keeps · Esc cancels")
            .to_string()
    };
    if inner.height as usize > shown {
        let keys_row = Rect::new(inner.x, inner.y + shown as u16, inner.width, 1);
        f.render_widget(
            Paragraph::new(Line::styled(fit(&keys, inner.width as usize), t.dim)),
            keys_row,
        );
    }
    let x = inner.x.saturating_add(2).saturating_add(col as u16);
    let y = inner.y + (row - off) as u16;
    f.set_cursor_position((x.min(inner.right().saturating_sub(1)), y));
}
