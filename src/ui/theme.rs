//! Colours and emphasis. Built from the 16 named ANSI colours (they work over any SSH
//! link and on 16-colour terminals); `mono` has no colour at all, for `NO_COLOR`.
//! Meaning never rests on colour alone: every state also has a word or a symbol.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Health;
use crate::model::figures::Band;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    Default,
    /// High contrast, for projectors.
    Contrast,
    /// No colour (`NO_COLOR`, or `--theme mono`).
    Mono,
}

impl ThemeName {
    pub fn parse(s: &str) -> Option<ThemeName> {
        match s {
            "default" => Some(ThemeName::Default),
            "contrast" | "high-contrast" | "projector" => Some(ThemeName::Contrast),
            "mono" | "none" => Some(ThemeName::Mono),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub name: ThemeName,
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub border_focus: Style,
    pub header: Style,
    pub selected: Style,
    pub matched: Style,
    pub bar: Style,
    pub tab_active: Style,
    pub warn: Style,
    pub good: Style,
    pub amber: Style,
    pub bad: Style,
    pub key: Style,
}

impl Theme {
    pub fn new(name: ThemeName) -> Theme {
        let plain = Style::default();
        let bold = Modifier::BOLD;
        match name {
            ThemeName::Default => Theme {
                name,
                text: plain,
                dim: plain.fg(Color::DarkGray),
                title: plain.add_modifier(bold),
                border: plain.fg(Color::DarkGray),
                border_focus: plain.fg(Color::Cyan),
                header: plain.fg(Color::Cyan).add_modifier(bold),
                selected: plain.add_modifier(Modifier::REVERSED),
                matched: plain
                    .fg(Color::Yellow)
                    .add_modifier(bold | Modifier::UNDERLINED),
                bar: plain.fg(Color::Black).bg(Color::Gray),
                tab_active: plain.fg(Color::Black).bg(Color::Cyan).add_modifier(bold),
                warn: plain.fg(Color::Yellow),
                good: plain.fg(Color::Green),
                amber: plain.fg(Color::Yellow),
                bad: plain.fg(Color::Red).add_modifier(bold),
                key: plain.fg(Color::Cyan).add_modifier(bold),
            },
            ThemeName::Contrast => Theme {
                name,
                text: plain.fg(Color::White),
                dim: plain.fg(Color::White),
                title: plain.fg(Color::White).add_modifier(bold),
                border: plain.fg(Color::White),
                border_focus: plain.fg(Color::LightYellow).add_modifier(bold),
                header: plain.fg(Color::LightYellow).add_modifier(bold),
                selected: plain
                    .fg(Color::Black)
                    .bg(Color::LightYellow)
                    .add_modifier(bold),
                matched: plain
                    .fg(Color::LightCyan)
                    .add_modifier(bold | Modifier::UNDERLINED),
                bar: plain.fg(Color::Black).bg(Color::White).add_modifier(bold),
                tab_active: plain
                    .fg(Color::Black)
                    .bg(Color::LightYellow)
                    .add_modifier(bold),
                warn: plain.fg(Color::LightYellow).add_modifier(bold),
                good: plain.fg(Color::LightGreen).add_modifier(bold),
                amber: plain.fg(Color::LightYellow).add_modifier(bold),
                bad: plain.fg(Color::LightRed).add_modifier(bold),
                key: plain.fg(Color::LightCyan).add_modifier(bold),
            },
            ThemeName::Mono => Theme {
                name,
                text: plain,
                dim: plain,
                title: plain.add_modifier(bold),
                border: plain,
                border_focus: plain.add_modifier(bold),
                header: plain.add_modifier(bold | Modifier::UNDERLINED),
                selected: plain.add_modifier(Modifier::REVERSED),
                matched: plain.add_modifier(bold | Modifier::UNDERLINED),
                bar: plain.add_modifier(Modifier::REVERSED),
                tab_active: plain.add_modifier(bold),
                warn: plain.add_modifier(bold),
                good: plain,
                amber: plain.add_modifier(bold),
                bad: plain.add_modifier(bold | Modifier::UNDERLINED),
                key: plain.add_modifier(bold),
            },
        }
    }

    pub fn health(&self, h: Option<Health>) -> Style {
        match h {
            Some(Health::Green) => self.good,
            Some(Health::Amber) => self.amber,
            Some(Health::Red) => self.bad,
            None => self.dim,
        }
    }

    pub fn band(&self, b: Band) -> Style {
        match b {
            Band::Green => self.good,
            Band::Amber => self.amber,
            Band::Red => self.bad,
        }
    }
}

/// The symbol shown beside a health word, so it reads without colour.
pub fn health_symbol(h: Option<Health>) -> &'static str {
    match h {
        Some(Health::Green) => "●",
        Some(Health::Amber) => "▲",
        Some(Health::Red) => "■",
        None => "○",
    }
}

/// The symbol of a risk band: the same shapes as health (● low, ▲ amber, ■ red).
pub fn band_symbol(b: Band) -> &'static str {
    match b {
        Band::Green => "●",
        Band::Amber => "▲",
        Band::Red => "■",
    }
}
