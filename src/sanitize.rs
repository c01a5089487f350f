//! The one function every string from a portfolio file passes through before it is shown.
//!
//! Control characters (C0, DEL, C1) and bidirectional overrides could clear, recolour or
//! reorder the terminal. They become visible placeholders; a tab becomes a space.
//! The data itself is never changed: only what is displayed.

use std::borrow::Cow;

/// Is `c` a character that must not reach a terminal as it is?
pub fn is_unsafe(c: char) -> bool {
    c.is_control() // C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F)
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The visible stand-in for an unsafe character.
fn placeholder(c: char) -> char {
    match c {
        '\t' => ' ',
        // U+2400..U+241F are the "SYMBOL FOR NULL" … "SYMBOL FOR UNIT SEPARATOR" glyphs.
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7f}' => '\u{2421}', // ␡
        _ => '\u{FFFD}',        // C1 and bidi controls
    }
}

/// Make `s` safe to draw: control and bidi characters become visible placeholders
/// (ESC shows as `␛`, BEL as `␇`), tabs become spaces. Borrowed when nothing changes.
///
/// The same function makes every output safe — the screen, check's messages, the
/// Markdown of `report` and `minutes` (through [`crate::cli::md`]) and each CSV cell —
/// whether or not it goes to a terminal: a piped file is `cat` to one later.
pub fn clean(s: &str) -> Cow<'_, str> {
    clean_with(s, false)
}

/// [`clean`], but a line feed stays a line feed: for a value whose line breaks are its
/// own and whose output has room for them (a quoted CSV cell). Everything else unsafe,
/// carriage return included, becomes its placeholder.
pub fn clean_keep_lines(s: &str) -> Cow<'_, str> {
    clean_with(s, true)
}

fn clean_with(s: &str, keep_lf: bool) -> Cow<'_, str> {
    let unsafe_here = |c: char| is_unsafe(c) && !(keep_lf && c == '\n');
    if !s.chars().any(unsafe_here) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if unsafe_here(c) { placeholder(c) } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(clean("Grønn omstilling"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_become_inert() {
        let out = clean("\u{1b}[2Jhei\u{7}");
        assert_eq!(out, "␛[2Jhei␇");
        assert!(!out.chars().any(is_unsafe));
    }

    #[test]
    fn c1_del_and_bidi_are_replaced() {
        let out = clean("a\u{9b}31mb\u{7f}c\u{202E}d\u{2066}e");
        assert_eq!(out, "a\u{FFFD}31mb␡c\u{FFFD}d\u{FFFD}e");
    }

    #[test]
    fn tab_becomes_space_and_newline_is_visible() {
        assert_eq!(clean("a\tb\nc"), "a b␊c");
    }

    #[test]
    fn keeping_lines_keeps_only_the_line_feed() {
        assert!(matches!(clean_keep_lines("two\nlines"), Cow::Borrowed(_)));
        assert_eq!(
            clean_keep_lines("a\r\nb\t\u{1b}]0;x\u{7}\u{202e}"),
            "a␍\nb ␛]0;x␇\u{FFFD}"
        );
    }
}
