//! Placeholder while this pane is being written.
use ratatui::Frame;
use ratatui::layout::Rect;

use super::Theme;
use crate::app::App;

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: &Theme) {
    let b = super::pane_block(None, String::new(), true, t);
    let _ = app;
    f.render_widget(b, area);
}
