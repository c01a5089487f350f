//! Help (`?`): every key, grouped by where it applies, from the one key table. The key
//! column is as wide as its longest key, so no key runs into its text; a description
//! longer than the rest of the row wraps under itself.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::Theme;
use super::overlay::{centered, popup};
use super::status::wrap_message;
use super::width::{pad, width};
use crate::app::App;
use crate::app::keymap::{BINDINGS, Ctx, applies, contexts_now, help_order};
use crate::text::Lang;

/// The columns before the key column.
const INDENT: usize = 2;
/// The spaces between the key column and the text.
const GAP: usize = 2;

/// One row of help before it is laid out: a heading, or keys and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(String),
    Keys(String, String),
}

/// Every binding, grouped by where it applies. The contexts that apply now (`now`, most
/// specific first) come first, marked; a binding that does nothing here (in scoring, `1`
/// scores instead of going to Goals; in triage, `Tab`) says so.
pub fn help_lines(l: Lang, now: &[Ctx]) -> Vec<HelpLine> {
    let mut out = Vec::new();
    for ctx in help_order(now) {
        let here = now.contains(&ctx) && ctx != Ctx::Global;
        out.push(HelpLine::Heading(if here {
            format!("{} — {}", ctx.title(l), l.pick("her nå", "here now"))
        } else {
            ctx.title(l).to_string()
        }));
        for b in BINDINGS.iter().filter(|b| b.ctx == ctx) {
            let what = if now.contains(&ctx) && !applies(now, b) {
                format!("{} ({})", b.describe(l), l.pick("ikke her", "not here"))
            } else {
                b.describe(l).to_string()
            };
            out.push(HelpLine::Keys(b.shown.to_string(), what));
        }
    }
    // How the what-if chooses (issue 15: help says whether it is exact).
    out.push(HelpLine::Heading(
        l.pick("Budsjett: hva om (w)", "Budget what-if (w)")
            .to_string(),
    ));
    out.push(HelpLine::Keys(
        "w".to_string(),
        crate::model::whatif::method_note().get(l).to_string(),
    ));
    // The text fields have the editing keys of a shell (`keymap::text_key`).
    out.push(HelpLine::Heading(
        l.pick(
            "Tekstfelt (søk, notat, palett, skjema, lagre som)",
            "Text fields (search, note, palette, forms, save as)",
        )
        .to_string(),
    ));
    for (keys, nb, en) in [
        ("Enter", "behold", "keep"),
        ("Esc", "avbryt", "cancel"),
        ("←/→", "flytt markøren", "move the cursor"),
        ("Home/Ctrl-A", "til starten", "to the start"),
        ("End/Ctrl-E", "til slutten", "to the end"),
        ("Backspace/Delete", "slett tegn", "delete a character"),
        ("Ctrl-W", "slett ordet før", "delete the word before"),
        (
            "Ctrl-U / Ctrl-K",
            "slett til starten / slutten",
            "delete to the start / end",
        ),
        (
            "↑/↓",
            "paletten: velg kommando · skjema: forslag eller felt",
            "palette: choose a command · form: a suggestion or field",
        ),
        (
            "Tab/Shift-Tab",
            "skjema: neste / forrige felt (Tab tar forslaget)",
            "form: next / previous field (Tab takes the suggestion)",
        ),
    ] {
        out.push(HelpLine::Keys(keys.to_string(), l.pick(nb, en).to_string()));
    }
    out
}

/// The width of the key column: the longest key.
pub fn key_column(lines: &[HelpLine]) -> usize {
    lines
        .iter()
        .filter_map(|h| match h {
            HelpLine::Keys(k, _) => Some(width(k)),
            HelpLine::Heading(_) => None,
        })
        .max()
        .unwrap_or(0)
}

/// The help lines laid out in `cols` columns: (is a heading, keys, text) a row, the text
/// wrapped under itself.
pub fn layout(lines: &[HelpLine], cols: usize) -> Vec<(bool, String, String)> {
    let keys_w = key_column(lines);
    let room = cols.saturating_sub(INDENT + keys_w + GAP).max(10);
    let mut out = Vec::new();
    for h in lines {
        match h {
            HelpLine::Heading(t) => out.push((true, String::new(), t.clone())),
            HelpLine::Keys(k, what) => {
                // wrap_message keeps one column for a leading space: give it one more.
                for (i, part) in wrap_message(what, room + 2).into_iter().enumerate() {
                    let keys = if i == 0 { k.as_str() } else { "" };
                    out.push((
                        false,
                        format!("{}{}", " ".repeat(INDENT), pad(keys, keys_w + GAP)),
                        part,
                    ));
                }
            }
        }
    }
    out
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: &Theme, scroll: usize) {
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
    let rows = layout(&help_lines(l, &contexts_now(app)), inner.width as usize);
    let lines: Vec<Line> = rows
        .into_iter()
        .map(|(heading, keys, what)| {
            if heading {
                Line::styled(what, t.header)
            } else {
                Line::from(vec![Span::styled(keys, t.key), Span::raw(what)])
            }
        })
        .collect();
    let max = lines.len().saturating_sub(inner.height as usize);
    app.scroll.help_max.set(Some(max));
    let scroll = scroll.min(max);
    f.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}
