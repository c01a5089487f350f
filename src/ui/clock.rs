//! The meeting clock in the status line: time since the meeting began against
//! `--length`, and in triage the end the pace so far points to ("ends ≈ 15:40").

use std::time::Duration;

use ratatui::text::Span;

use super::Theme;
use crate::app::App;

/// "1:05": hours and minutes.
fn hm(d: Duration) -> String {
    let m = d.as_secs() / 60;
    format!("{}:{:02}", m / 60, m % 60)
}

/// The clock's span, if there is one to show: with `--length`, and in triage once one
/// project is behind.
pub fn span(app: &App, t: &Theme) -> Option<Span<'static>> {
    let l = app.lang;
    let elapsed = app.meeting_started.elapsed();
    let mut parts = Vec::new();
    let mut over = false;
    if let Some(len) = app.meeting_length {
        over = elapsed > len;
        parts.push(format!("⏱ {}/{}", hm(elapsed), hm(len)));
    }
    if let Some(tr) = &app.triage
        && tr.pos > 0
    {
        let pace = tr.started.elapsed() / tr.pos as u32;
        let left = tr.agenda.len().saturating_sub(tr.pos) as u32;
        let to_go = pace * left;
        let end = chrono::Local::now() + chrono::Duration::from_std(to_go).unwrap_or_default();
        if let Some(len) = app.meeting_length {
            over |= elapsed + to_go > len;
        }
        parts.push(format!(
            "{} ≈ {}",
            l.pick("slutt", "ends"),
            end.format("%H:%M")
        ));
    }
    if parts.is_empty() {
        return None;
    }
    Some(Span::styled(
        format!(" {} ", parts.join(" · ")),
        if over { t.warn } else { t.dim },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_and_minutes() {
        assert_eq!(hm(Duration::from_secs(0)), "0:00");
        assert_eq!(hm(Duration::from_secs(65 * 60 + 59)), "1:05");
    }
}
