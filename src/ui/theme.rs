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
    /// The balance matrix's shading by a cell's share of the total: up to 10 %, to 25 %,
    /// above. Each a background with a text colour chosen for it.
    pub shade: [Style; 3],
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
                shade: [
                    plain.fg(Color::White).bg(Color::Indexed(237)),
                    plain.fg(Color::White).bg(Color::Indexed(24)),
                    plain
                        .fg(Color::White)
                        .bg(Color::Indexed(31))
                        .add_modifier(bold),
                ],
            },
            // For projectors, and legible on a light background as on a dark one: text
            // is in the terminal's own colours (whatever its background), emphasis is
            // weight, underline and reverse, and every colour comes as a background with
            // a text colour chosen for it — never coloured text on the terminal's own
            // background, which reads on one kind of background only (bright white and
            // yellow vanish on white, black and blue on black). A test holds it to that.
            ThemeName::Contrast => Theme {
                name,
                text: plain,
                dim: plain,
                title: plain.add_modifier(bold),
                border: plain,
                border_focus: plain.add_modifier(bold),
                header: plain.add_modifier(bold | Modifier::UNDERLINED),
                selected: plain
                    .fg(Color::Black)
                    .bg(Color::LightYellow)
                    .add_modifier(bold),
                matched: plain
                    .fg(Color::Black)
                    .bg(Color::LightCyan)
                    .add_modifier(bold | Modifier::UNDERLINED),
                bar: plain.add_modifier(bold | Modifier::REVERSED),
                tab_active: plain
                    .fg(Color::Black)
                    .bg(Color::LightYellow)
                    .add_modifier(bold),
                warn: plain.fg(Color::Black).bg(Color::Yellow).add_modifier(bold),
                good: plain.fg(Color::Black).bg(Color::Green).add_modifier(bold),
                amber: plain.fg(Color::Black).bg(Color::Yellow).add_modifier(bold),
                bad: plain.fg(Color::White).bg(Color::Red).add_modifier(bold),
                // Not underlined: key columns are padded, and a line under the padding
                // reads as noise.
                key: plain.add_modifier(bold),
                shade: [
                    plain.fg(Color::Black).bg(Color::Gray),
                    plain.fg(Color::Black).bg(Color::LightCyan),
                    plain.fg(Color::White).bg(Color::Blue).add_modifier(bold),
                ],
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
                shade: [
                    plain,
                    plain.add_modifier(bold),
                    plain.add_modifier(bold | Modifier::REVERSED),
                ],
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The 16 colours as two common terminals draw them: Visual Studio Code's palette
    /// (the screenshots' too) and xterm's defaults.
    const PALETTES: [[u32; 16]; 2] = [
        [
            0x1c1c1c, 0xcd3131, 0x0dbc79, 0xe5e510, 0x2472c8, 0xbc3fbc, 0x11a8cd, 0xe5e5e5,
            0x767676, 0xf14c4c, 0x23d18b, 0xf5f543, 0x3b8eea, 0xd670d6, 0x29b8db, 0xffffff,
        ],
        [
            0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
            0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
        ],
    ];
    /// A light terminal's background and a dark one's.
    const BACKGROUNDS: [u32; 2] = [0xffffff, 0x1e1e1e];
    /// WCAG's contrast for normal text (AA).
    const LEGIBLE: f64 = 4.5;

    fn index(c: Color) -> usize {
        use Color::*;
        match c {
            Black => 0,
            Red => 1,
            Green => 2,
            Yellow => 3,
            Blue => 4,
            Magenta => 5,
            Cyan => 6,
            Gray => 7,
            DarkGray => 8,
            LightRed => 9,
            LightGreen => 10,
            LightYellow => 11,
            LightBlue => 12,
            LightMagenta => 13,
            LightCyan => 14,
            White => 15,
            other => panic!("the contrast theme uses the 16 named colours only, not {other:?}"),
        }
    }

    fn luminance(rgb: u32) -> f64 {
        let channel = |shift: u32| {
            let c = f64::from((rgb >> shift) & 0xff) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }

    fn contrast(a: u32, b: u32) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// A colour that reads as text straight on the terminal's background, light or dark,
    /// in every palette above. (None of the 16 does: that is why the theme never writes
    /// coloured text without a background.)
    fn on_any_background(c: Color) -> bool {
        c == Color::Reset
            || PALETTES.iter().all(|p| {
                BACKGROUNDS
                    .iter()
                    .all(|&bg| contrast(p[index(c)], bg) >= LEGIBLE)
            })
    }

    /// Why `s` may not read on some background, if it may not.
    fn fault(s: Style) -> Option<String> {
        let set = |c: Option<Color>| c.filter(|&c| c != Color::Reset);
        match (set(s.fg), set(s.bg)) {
            (None, None) => None,
            (Some(fg), None) if on_any_background(fg) => None,
            (Some(fg), None) => Some(format!("{fg:?} text on the terminal's own background")),
            (None, Some(bg)) => Some(format!(
                "the terminal's own text colour on {bg:?}: light text on a light colour in a dark terminal"
            )),
            (Some(fg), Some(bg)) => PALETTES.iter().find_map(|p| {
                let c = contrast(p[index(fg)], p[index(bg)]);
                (c < LEGIBLE).then(|| format!("{fg:?} on {bg:?}: contrast {c:.1}"))
            }),
        }
    }

    fn styles(t: &Theme) -> Vec<(&'static str, Style)> {
        // Every field, named: a new one must be added here, or this does not compile.
        let Theme {
            name: _,
            text,
            dim,
            title,
            border,
            border_focus,
            header,
            selected,
            matched,
            bar,
            tab_active,
            warn,
            good,
            amber,
            bad,
            key,
            shade,
        } = *t;
        let mut v = vec![
            ("text", text),
            ("dim", dim),
            ("title", title),
            ("border", border),
            ("border_focus", border_focus),
            ("header", header),
            ("selected", selected),
            ("matched", matched),
            ("bar", bar),
            ("tab_active", tab_active),
            ("warn", warn),
            ("good", good),
            ("amber", amber),
            ("bad", bad),
            ("key", key),
        ];
        v.extend([
            ("shade[0]", shade[0]),
            ("shade[1]", shade[1]),
            ("shade[2]", shade[2]),
        ]);
        v
    }

    #[test]
    fn the_contrast_theme_reads_on_light_and_dark_backgrounds() {
        let t = Theme::new(ThemeName::Contrast);
        let all = styles(&t);
        for &(name, s) in &all {
            assert_eq!(fault(s), None, "contrast theme: `{name}` is {s:?}");
        }
        // Drawn one over another (a health word in the selected row, the selected cell
        // of the risk matrix), they still do.
        for &(under, a) in &all {
            for &(over, b) in &all {
                assert_eq!(fault(a.patch(b)), None, "`{over}` over `{under}`");
            }
        }
        // The states still differ without colour, by weight, underline or reverse.
        for (name, s) in [("selected", t.selected), ("bar", t.bar), ("bad", t.bad)] {
            assert!(!s.add_modifier.is_empty(), "{name}");
        }
    }

    #[test]
    fn the_test_knows_an_illegible_style_when_it_sees_one() {
        let plain = Style::default();
        for s in [
            plain.fg(Color::White),
            plain.fg(Color::LightYellow),
            plain.fg(Color::Yellow),
            plain.fg(Color::LightCyan),
            plain.fg(Color::Gray),
            plain.fg(Color::DarkGray),
            plain.fg(Color::Blue),
            plain.bg(Color::Yellow),
            plain.fg(Color::Gray).bg(Color::White),
        ] {
            assert!(fault(s).is_some(), "{s:?}");
        }
        assert_eq!(fault(plain.fg(Color::Black).bg(Color::LightYellow)), None);
        assert_eq!(fault(plain.add_modifier(Modifier::REVERSED)), None);
    }
}
