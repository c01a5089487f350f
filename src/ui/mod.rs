//! Drawing. Every function here reads the [`App`] and draws; none changes it.
//! One file per pane, plus the bars and the overlays.

pub mod balance;
mod clock;
pub mod detail;
pub mod evaluation;
pub mod form;
pub mod goals;
pub mod help;
mod note;
pub mod overlay;
pub mod projects;
mod questions;
mod ranking;
pub mod risks;
pub mod round;
pub mod since;
pub mod spark;
pub mod status;
pub mod theme;
pub mod title;
pub mod triage;
pub mod whatif;
pub mod width;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

use crate::app::hits::Hit;
use crate::app::{App, Pane};
pub use theme::{Theme, ThemeName};
pub use width::fit;

/// The smallest terminal styr draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;
/// From this size on, all four panes share the screen.
pub const GRID_WIDTH: u16 = 120;
pub const GRID_HEIGHT: u16 = 32;

/// Untrusted text from the file, made safe to draw.
pub fn clean(s: &str) -> String {
    crate::sanitize::clean(s).into_owned()
}

/// Draw the whole screen.
pub fn draw(f: &mut Frame, app: &App, t: &Theme) {
    let area = f.area();
    // What this frame draws where, for the mouse (see `crate::app::hits`).
    app.hits.clear();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return too_small(f, app, area);
    }
    let [top, main, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status::rows(app, area.width, t)),
    ])
    .areas(area);
    title::top_bar(f, top, app, t);
    status::status_line(f, bottom, app, t);

    if app.triage.is_some() {
        triage::draw(f, main, app, t);
    } else if app.zoom
        || !app.pane.kind().in_grid()
        || area.width < GRID_WIDTH
        || area.height < GRID_HEIGHT
    {
        draw_pane(f, main, app, t, app.pane);
    } else {
        let [upper, lower] =
            Layout::vertical([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(main);
        let [g, p] = Layout::horizontal([Constraint::Percentage(36), Constraint::Percentage(64)])
            .areas(upper);
        let [r, e] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(lower);
        // The grid's four places, in the order of the panes that take them.
        let grid = Pane::ALL.into_iter().filter(|p| p.kind().in_grid());
        for (pane, rect) in grid.zip([g, p, r, e]) {
            draw_pane(f, rect, app, t, pane);
        }
    }
    if app.room.sheet_shown() {
        round::draw(f, main, app, t);
    }
    overlay::draw(f, area, app, t);
}

fn draw_pane(f: &mut Frame, area: Rect, app: &App, t: &Theme, pane: Pane) {
    let focused = app.pane == pane;
    hit(app, area, Hit::Pane(pane));
    pane.kind().draw(f, area, app, t, focused)
}

/// Record that `hit` was drawn in `area` (see `crate::app::hits`).
pub fn hit(app: &App, area: Rect, hit: Hit) {
    app.hits.add(area.x, area.y, area.width, area.height, hit);
}

/// Record rows `off..` of a list drawn one a row from `area`'s top, `len` in all.
pub fn hit_rows(app: &App, area: Rect, off: usize, len: usize, make: impl Fn(usize) -> Hit) {
    for (y, i) in (area.y..area.bottom()).zip(off..len) {
        app.hits.add(area.x, y, area.width, 1, make(i));
    }
}

/// The pane's number for its frame, or none where the digits score (triage, pane 4's
/// scoring): a frame must not say `1` goes to Goals when it scores.
pub fn numbered(app: &App, pane: Pane) -> Option<Pane> {
    (!app.digits_score()).then_some(pane)
}

/// A pane's frame: its number and title, highlighted when it has the cursor.
pub fn pane_block<'a>(pane: Option<Pane>, title: String, focused: bool, t: &Theme) -> Block<'a> {
    let number = pane
        .map(|p| format!("{} ", p.index() + 1))
        .unwrap_or_default();
    let style = if focused { t.border_focus } else { t.border };
    let marker = if focused { "▶ " } else { "" };
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(style)
        .title(Span::styled(format!(" {marker}{number}{title} "), t.title))
}

fn too_small(f: &mut Frame, app: &App, area: Rect) {
    let l = app.lang;
    let msg = vec![
        Line::from(l.pick("Terminalen er for liten", "Terminal too small")),
        Line::from(format!("{}×{}", area.width, area.height)),
        Line::from(format!(
            "{} {MIN_WIDTH}×{MIN_HEIGHT}",
            l.pick("styr trenger minst", "styr needs at least")
        )),
        Line::from(l.pick("q avslutter", "q quits")),
    ];
    let y = area.height.saturating_sub(4) / 2;
    let rect = Rect::new(area.x, area.y + y, area.width, area.height.min(4));
    f.render_widget(
        Paragraph::new(msg)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}
