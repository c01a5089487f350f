//! The one function every string from a portfolio file passes through before it is shown,
//! in the TUI and in the output of `styr check`, `report`, `minutes` and `export`.
//!
//! Two kinds of text must not reach a terminal as they are. The data itself is never
//! changed: only what is displayed.
//!
//! **Control characters** (C0, DEL, C1) and bidirectional overrides could clear, recolour
//! or reorder the terminal. They become visible placeholders (ESC shows as `␛`, BEL as
//! `␇`, C1 and bidi controls as U+FFFD); a tab becomes a space.
//!
//! **Grapheme clusters whose width terminals disagree on.** A terminal draws a cluster
//! (what a reader sees as one character, e.g. "e" plus a combining accent) at the width
//! it believes in; when that is not the width styr and ratatui measured, everything after
//! it on the row shifts and a stray glyph is left between columns. A cluster is shown as
//! it is when
//!
//! 1. its first character is one or two columns wide (unicode-width) and is not a
//!    regional indicator;
//! 2. every further character is zero-width, as a combining mark is, and none is VS16
//!    (U+FE0F), a zero-width joiner (U+200D) or a tag character (U+E0000–U+E007F);
//! 3. unicode-width measures the whole cluster as wide as its first character; and
//! 4. it cannot join the text drawn beside it: it does not start with a spacing mark
//!    nor end with a prepended character, and has no halfwidth katakana sound mark
//!    (U+FF9E, U+FF9F, which ratatui counts a column wider than unicode-width does).
//!
//! Such a cluster is equally wide everywhere: a terminal that advances character by
//! character (xterm, VTE, tmux) adds nothing for the marks, one that measures clusters
//! takes the first character's width, and ratatui measures it as unicode-width does. So
//! "e\u{301}", "å", Hangul built from jamo and CJK (two columns) show as written.
//!
//! Every other cluster becomes **one U+FFFD** (one column): a flag (a pair of regional
//! indicators: one, two or four columns depending on the terminal and its version), an
//! emoji made wide by VS16 (❤️ is one column in tmux, two in ratatui), a keycap, a tag
//! sequence (🏴 with tags: tmux 3.3 keeps the first few tags of a cell and drops the
//! rest, terminals without tag support show each tag), a skin-tone or ZWJ sequence (two
//! columns to a terminal that knows it, four to eight to one that does not), a combining
//! mark with no base before it (it lands on whatever was drawn before), a zero-width
//! character standing alone (U+200B–U+200D, U+2060, U+FEFF, the soft hyphen U+00AD: zero
//! columns here, one in some terminals), an emoji narrowed by VS15, and a cluster with a
//! spacing mark, such as Thai กำ (SARA AM) or Devanagari कि: two columns character by
//! character, one in a terminal that measures clusters. The cost is that scripts built
//! on spacing marks (Tamil, Devanagari) show many placeholders; Norwegian, Sámi and the
//! other Latin, Cyrillic, Greek, Arabic, Hebrew and CJK scripts do not.
//!
//! U+FFFD is the placeholder because it is already the one for C1 and bidi controls, so
//! one symbol means "something here is not drawn as written"; every terminal font has
//! it; it is one column wide wherever ambiguous-width characters are narrow, as styr
//! already assumes for `…`, `·` and `▶`; and it looks like none of styr's own symbols
//! (`◆` would read as a risk band).

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What a cluster whose width terminals disagree on is shown as.
pub const PLACEHOLDER: char = '\u{FFFD}';

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
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or(PLACEHOLDER),
        '\u{7f}' => '\u{2421}', // ␡
        _ => PLACEHOLDER,       // C1 and bidi controls
    }
}

/// Does every terminal draw grapheme cluster `g` (free of unsafe characters) as wide as
/// unicode-width measures it? The rule is the module's.
pub fn is_undisputed(g: &str) -> bool {
    let mut chars = g.chars();
    let Some(first) = chars.next() else {
        return true;
    };
    if g.len() == 1 {
        return true; // printable ASCII
    }
    let w = first.width().unwrap_or(0);
    if w == 0 || is_regional_indicator(first) || is_sound_mark(first) {
        return false;
    }
    let mut last = first;
    for c in chars {
        if c.width() != Some(0)
            || is_sound_mark(c)
            || matches!(c, '\u{FE0F}' | '\u{200D}' | '\u{E0000}'..='\u{E007F}')
        {
            return false;
        }
        last = c;
    }
    if g.len() > first.len_utf8() && UnicodeWidthStr::width(g) != w {
        return false;
    }
    // A spacing mark with nothing before it (a base of its own, for the segmenter) would
    // join whatever is drawn before it, and a prepended character (Arabic number signs)
    // whatever is drawn after it. No such character comes before U+0300 or U+0600.
    let joins_before = first >= '\u{300}' && joins(first, Side::Before);
    let joins_after = last >= '\u{600}' && joins(last, Side::After);
    !(joins_before || joins_after)
}

enum Side {
    Before,
    After,
}

/// Does `c` make one cluster with a letter on `side` of it?
fn joins(c: char, side: Side) -> bool {
    let mut buf = [0u8; 8];
    let n = c.len_utf8();
    let s = match side {
        Side::Before => {
            buf[0] = b'a';
            c.encode_utf8(&mut buf[1..]);
            &buf[..1 + n]
        }
        Side::After => {
            c.encode_utf8(&mut buf);
            buf[n] = b'a';
            &buf[..n + 1]
        }
    };
    std::str::from_utf8(s).is_ok_and(|s| s.graphemes(true).nth(1).is_none())
}

/// Is `c` (when safe) an undisputed cluster of its own whatever is beside it? True of
/// the letters and punctuation most text is made of, so most text from a file is cleaned
/// without being split into clusters. (No character before U+0300 joins a neighbour but
/// the controls and the soft hyphen; the ranges below hold no combining mark.)
fn stands_alone(c: char) -> bool {
    matches!(c,
        '\u{20}'..='\u{2FF}' // Latin, with æøå and the Sámi letters
        | '\u{370}'..='\u{3FF}' // Greek
        | '\u{400}'..='\u{482}' | '\u{48A}'..='\u{52F}' // Cyrillic
        | '\u{2010}'..='\u{2027}' // dashes, quotes, bullets, …
        | '\u{2030}'..='\u{205E}' // ‰, ‹ ›, ⁄
        | '\u{20A0}'..='\u{20C0}' // currency signs, €
        | '\u{3041}'..='\u{3096}' | '\u{30A0}'..='\u{30FF}' // kana (two columns)
        | '\u{4E00}'..='\u{9FFF}' // CJK ideographs (two columns)
        | '\u{AC00}'..='\u{D7A3}' // Hangul syllables (two columns)
    ) && c != '\u{AD}'
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

/// The halfwidth katakana (han)dakuten: ratatui draws them a column wider than
/// unicode-width measures them.
fn is_sound_mark(c: char) -> bool {
    matches!(c, '\u{FF9E}' | '\u{FF9F}')
}

/// Make `s` safe to draw: control and bidi characters become visible placeholders
/// (ESC shows as `␛`, BEL as `␇`), tabs become spaces, and each cluster whose width
/// terminals disagree on becomes one [`PLACEHOLDER`]. Borrowed when nothing changes.
/// For what is drawn in the terminal's grid: the screen and check's messages.
pub fn clean(s: &str) -> Cow<'_, str> {
    // Printable ASCII, the common case, needs no look at clusters.
    if s.bytes().all(|b| matches!(b, 0x20..=0x7e)) {
        return Cow::Borrowed(s);
    }
    let (mut has_unsafe, mut all_alone) = (false, true);
    for c in s.chars() {
        has_unsafe |= is_unsafe(c);
        all_alone &= stands_alone(c);
    }
    if !has_unsafe && (all_alone || s.graphemes(true).all(is_undisputed)) {
        return Cow::Borrowed(s);
    }
    let safe: Cow<str> = if has_unsafe {
        Cow::Owned(
            s.chars()
                .map(|c| if is_unsafe(c) { placeholder(c) } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    };
    let mut out = String::with_capacity(safe.len());
    for g in safe.graphemes(true) {
        if is_undisputed(g) {
            out.push_str(g);
        } else {
            out.push(PLACEHOLDER);
        }
    }
    Cow::Owned(out)
}

/// Make text inert for an output that is not drawn in a grid — the Markdown of `report`
/// and `minutes` (through [`crate::cli::md`]) — whether or not it goes to a terminal (a
/// piped file is `cat` to one later): control and bidi characters become their
/// placeholders, as in [`clean`]; every other character stays, flags and emoji too.
pub fn inert(s: &str) -> Cow<'_, str> {
    controls_only(s, false)
}

/// [`inert`], but a line feed stays a line feed: for a value whose line breaks are its
/// own and whose output has room for them (a quoted CSV cell). Everything else unsafe,
/// carriage return included, becomes its placeholder.
pub fn clean_keep_lines(s: &str) -> Cow<'_, str> {
    controls_only(s, true)
}

fn controls_only(s: &str, keep_lf: bool) -> Cow<'_, str> {
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
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        for s in [
            "Grønn omstilling",
            "ASCII only",
            "",
            "Kafe\u{301} på Ås", // a combining accent after its base
            "Čáhcesuodjalus",    // Sámi
            "漢字とかな",
            "Müller – «sitat» · 5 % ‹€›",
            "\u{1100}\u{1161}\u{11A8}", // Hangul from jamo
            "กิน",                       // Thai with a vowel mark above (not a spacing mark)
        ] {
            assert!(matches!(clean(s), Cow::Borrowed(_)), "{s:?}");
        }
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
        assert_eq!(clean("a\r\nb"), "a␍␊b");
    }

    #[test]
    fn each_disputed_cluster_becomes_one_placeholder() {
        for (kind, s) in [
            ("flag", "🇳🇴"),
            ("lone regional indicator", "🇳"),
            ("Thai SARA AM, a spacing mark", "กำ"),
            ("Devanagari spacing mark", "कि"),
            ("VS16", "❤\u{FE0F}"),
            ("VS16 on a wide emoji", "😀\u{FE0F}"),
            ("keycap", "1\u{FE0F}\u{20E3}"),
            (
                "tag sequence",
                "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
            ),
            ("skin tone", "👍🏽"),
            ("ZWJ sequence", "👨\u{200D}👩\u{200D}👧"),
            ("zero-width space", "\u{200B}"),
            ("word joiner", "\u{2060}"),
            ("byte order mark", "\u{FEFF}"),
            ("soft hyphen", "\u{AD}"),
            ("VS15 narrowing a wide emoji", "⌚\u{FE0E}"),
            ("halfwidth katakana with its mark", "\u{FF76}\u{FF9E}"),
        ] {
            assert_eq!(clean(&format!("a{s}b")), "a\u{FFFD}b", "{kind}");
            assert_eq!(clean(&format!("{s}b")), "\u{FFFD}b", "{kind} first");
        }
    }

    #[test]
    fn a_mark_or_joiner_with_no_base_becomes_a_placeholder() {
        for (kind, s) in [
            ("combining mark", "\u{301}"),
            ("zero-width non-joiner", "\u{200C}"),
            ("zero-width joiner", "\u{200D}"),
            ("VS16", "\u{FE0F}"),
            ("tag", "\u{E0067}"),
            ("halfwidth sound mark", "\u{FF9E}"),
        ] {
            assert_eq!(clean(&format!("{s}b")), "\u{FFFD}b", "{kind}");
        }
        // A zero-width joiner after a letter is dropped with it: one placeholder.
        assert_eq!(clean("a\u{200D}b"), "\u{FFFD}b");
        // A non-joiner after a letter is zero columns everywhere: shown as written.
        assert!(matches!(clean("a\u{200C}b"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_cluster_that_would_join_its_neighbour_is_replaced() {
        // A spacing mark with no base, after a character that is itself replaced: left
        // as it is, it would join the placeholder before it.
        assert_eq!(clean("\u{200B}\u{E33}"), "\u{FFFD}\u{FFFD}");
        assert_eq!(clean("\u{E33}x"), "\u{FFFD}x");
        // An Arabic number sign joins what follows it.
        assert_eq!(clean("\u{600}"), "\u{FFFD}");
        assert_eq!(clean("x\u{600}1 y"), "x\u{FFFD} y");
    }

    #[test]
    fn a_leading_mark_goes_but_the_text_after_it_stays() {
        assert_eq!(clean("\u{301}abc"), "\u{FFFD}abc");
        // After a space the mark has a base: shown as written.
        assert_eq!(clean("x \u{301}abc"), "x \u{301}abc");
        // A tab before it becomes a space, which is its base then.
        assert_eq!(clean("\t\u{301}"), " \u{301}");
    }

    #[test]
    fn wide_emoji_and_text_presentation_stay() {
        for s in ["😀", "❤", "☺\u{FE0E}", "\u{FFFD}"] {
            assert!(matches!(clean(s), Cow::Borrowed(_)), "{s:?}");
        }
    }

    /// Text rich in what terminals get wrong, mixed with ordinary characters.
    pub(crate) fn tricky_text() -> impl Strategy<Value = String> {
        let tricky = prop::sample::select(vec![
            'a',
            ' ',
            'å',
            'e',
            '\u{301}',
            '\u{308}',
            '\t',
            '\n',
            '\r',
            '\u{1b}',
            '\u{9b}',
            '\u{202E}',
            '\u{1F1F3}',
            '\u{1F1F4}',
            '\u{E0067}',
            '\u{E007F}',
            '🏴',
            '❤',
            '\u{FE0F}',
            '\u{FE0E}',
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{AD}',
            'ก',
            '\u{E33}',
            '\u{E34}',
            'क',
            '\u{93F}',
            '漢',
            '👍',
            '\u{1F3FD}',
            '⌚',
            '\u{1100}',
            '\u{1161}',
            '\u{11A8}',
            '\u{FF76}',
            '\u{FF9E}',
            '\u{20E3}',
            '1',
            '가',
            'か',
            '\u{3099}',
            'Ж',
            '\u{483}',
            'Ω',
            '\u{600}',
            '€',
            '–',
        ]);
        prop::collection::vec(prop_oneof![3 => tricky, 1 => any::<char>()], 0..24)
            .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        /// What comes out is safe and undisputed, so cleaning it again changes nothing;
        /// and it is as wide character by character as cluster by cluster.
        #[test]
        fn cleaned_text_is_undisputed_and_stays_as_it_is(s in tricky_text()) {
            let out = clean(&s);
            prop_assert!(!out.chars().any(is_unsafe));
            prop_assert!(out.graphemes(true).all(is_undisputed));
            prop_assert!(matches!(clean(&out), Cow::Borrowed(_)));
            // The shortcut for characters that stand alone says what the clusters say.
            if s.chars().all(|c| stands_alone(c) && !is_unsafe(c)) {
                prop_assert!(s.graphemes(true).all(|g| g.chars().count() == 1 && is_undisputed(g)));
            }
            let per_char: usize = out.chars().filter_map(|c| c.width()).sum();
            let per_cluster: usize = out.graphemes(true).map(UnicodeWidthStr::width).sum();
            prop_assert_eq!(per_char, per_cluster);
        }
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
