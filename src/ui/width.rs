//! One way to measure text and one way to cut it: by grapheme cluster, the unit a
//! terminal draws in one go ("e" plus a combining accent is one cluster, one column).
//!
//! A cluster is as wide as unicode-width measures it, cluster by cluster — as ratatui
//! does when it puts text in the buffer, so what is measured here is what is drawn.
//! (Measuring a whole string at once can differ: unicode-width counts some pairs of
//! clusters, like Arabic lam-alef, as one column.) Text is cut only between clusters,
//! never inside one, so an accent is never cut off its letter.
//!
//! Text from the file is cleaned first ([`crate::sanitize::clean`]): every cluster left
//! is then as wide in any terminal as it is here.

use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The width of one grapheme cluster, in columns.
pub fn cluster_width(g: &str) -> usize {
    match g.as_bytes() {
        [b] => usize::from(!b.is_ascii_control()),
        // ratatui draws no cluster with a control character in it (cleaned text has none).
        _ if g.chars().any(char::is_control) => 0,
        _ => UnicodeWidthStr::width(g),
    }
}

/// The grapheme clusters of `s`, each with its byte offset and width.
pub fn clusters(s: &str) -> impl DoubleEndedIterator<Item = (usize, &str, usize)> {
    s.grapheme_indices(true)
        .map(|(b, g)| (b, g, cluster_width(g)))
}

/// Display width of `s`, in columns.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    s.graphemes(true).map(cluster_width).sum()
}

/// The longest head of `s` that fits in `room` columns, cut between clusters.
pub fn head(s: &str, room: usize) -> &str {
    let mut used = 0;
    for (b, _, w) in clusters(s) {
        if used + w > room {
            return &s[..b];
        }
        used += w;
    }
    s
}

/// `s` cut to `room` columns, with an ellipsis when cut.
pub fn fit(s: &str, room: usize) -> String {
    if width(s) <= room {
        return s.to_string();
    }
    if room == 0 {
        return String::new();
    }
    format!("{}…", head(s, room - 1))
}

/// `s` in `room` columns, cut after a whole word with an ellipsis (a dash or other mark
/// left at the end goes too); a first word too long for the room is cut inside.
pub fn fit_words(s: &str, room: usize) -> String {
    if width(s) <= room {
        return s.to_string();
    }
    let mut kept = String::new();
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        let next = if kept.is_empty() {
            word.to_string()
        } else {
            format!("{kept} {word}")
        };
        if width(&next) + 1 > room {
            break;
        }
        kept = next;
    }
    let kept = kept.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')');
    if kept.is_empty() {
        return fit(s, room);
    }
    format!("{}…", kept.trim_end())
}

/// `s` padded with spaces to `w` columns (`format!` pads by characters, not columns).
pub fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// `s` right-aligned in `w` columns (by columns, as [`pad`]); never cut.
pub fn pad_left(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(width(s))))
}

/// Spans cut to `room` columns; the span that does not fit ends with an ellipsis.
pub fn fit_spans(spans: Vec<Span<'static>>, room: usize) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut used = 0;
    for s in spans {
        let w = width(&s.content);
        if used + w <= room {
            used += w;
            out.push(s);
        } else {
            let cut = fit(&s.content, room - used);
            if !cut.is_empty() {
                out.push(Span::styled(cut, s.style));
            }
            break;
        }
    }
    out
}

/// Width of a line made of `spans`.
pub fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| width(&s.content)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_cut_after_a_word() {
        let name = "Internasjonal strategi – handlingsplan 2025–2028";
        assert_eq!(fit_words(name, 80), name);
        assert_eq!(fit_words(name, 26), "Internasjonal strategi…");
        assert_eq!(
            fit_words(name, 40),
            "Internasjonal strategi – handlingsplan…"
        );
        assert_eq!(fit_words("Kommunedelplanen", 8), "Kommune…");
    }
    use crate::sanitize::clean;
    use crate::sanitize::tests::tricky_text;
    use proptest::prelude::*;
    use ratatui::buffer::CellWidth;

    #[test]
    fn width_counts_columns_not_characters() {
        assert_eq!(width("Grønn"), 5);
        assert_eq!(width("e\u{301}"), 1); // e + combining acute: one column
        assert_eq!(width("漢字"), 4);
        assert_eq!(width(""), 0);
    }

    #[test]
    fn width_is_per_cluster_as_ratatui_draws() {
        // unicode-width counts lam-alef as one column for the whole string; ratatui
        // draws the two clusters in two cells.
        let lam_alef = "\u{644}\u{627}";
        assert_eq!(width(lam_alef), 2);
        assert_eq!(
            width(lam_alef),
            lam_alef
                .graphemes(true)
                .map(|g| g.cell_width() as usize)
                .sum::<usize>()
        );
    }

    #[test]
    fn head_cuts_between_clusters() {
        assert_eq!(head("Kafe\u{301}en", 4), "Kafe\u{301}");
        assert_eq!(head("Kafe\u{301}en", 3), "Kaf");
        assert_eq!(head("漢字", 3), "漢");
        assert_eq!(head("漢字", 1), "");
        assert_eq!(head("abc", 9), "abc");
    }

    #[test]
    fn fit_keeps_short_text_and_ends_cut_text_with_an_ellipsis() {
        assert_eq!(fit("Ås", 2), "Ås");
        assert_eq!(fit("Åsgård", 4), "Åsg…");
        assert_eq!(fit("Kafe\u{301}en", 5), "Kafe\u{301}…");
        assert_eq!(fit("漢字漢", 4), "漢…");
        assert_eq!(fit("abc", 1), "…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn pad_pads_to_columns() {
        assert_eq!(pad("e\u{301}", 3), "e\u{301}  ");
        assert_eq!(pad("漢", 3), "漢 ");
        assert_eq!(pad("long", 2), "long");
    }

    #[test]
    fn fit_spans_cuts_the_span_that_does_not_fit() {
        let spans = vec![Span::raw("ab"), Span::raw("漢字"), Span::raw("x")];
        let out = fit_spans(spans, 5);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].content, "漢…");
        assert_eq!(spans_width(&out), 5);
    }

    proptest! {
        /// On cleaned text the helpers agree with ratatui, cluster by cluster, and a cut
        /// is never wider than its room.
        #[test]
        fn helpers_agree_with_ratatui_on_cleaned_text(s in tricky_text(), room in 0usize..30) {
            let s = clean(&s);
            let drawn: usize = s.graphemes(true).map(|g| g.cell_width() as usize).sum();
            prop_assert_eq!(width(&s), drawn);
            prop_assert!(width(&fit(&s, room)) <= room);
            prop_assert!(width(head(&s, room)) <= room);
            prop_assert!(s.starts_with(head(&s, room)));
        }
    }
}
