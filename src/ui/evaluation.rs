//! Placeholder while this pane is being written.
use ratatui::Frame;
use ratatui::layout::Rect;

use super::Theme;
use crate::app::App;

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: &Theme, focused: bool) {
    let b = super::pane_block(Some(app.pane), String::new(), focused, t);
    f.render_widget(b, area);
}
