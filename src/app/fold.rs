//! Search as Norwegian users type on a foreign keyboard: letters folded to plain ones on
//! both sides, so `overby` finds Øverby, `hogskole` Høgskole and `aarhus` (or `arhus`)
//! Århus. `æ`, `ø`, `å` fold to `ae`, `o`, `aa` (the fuzzy match skips a letter, so `a`
//! for `æ` or `å` finds it too); other accented letters to their base letter. The fold
//! keeps case, so the matcher's case bonuses stay as they were, and it keeps, for each
//! folded character, the original it came from, so highlights land on the right letters.

use std::borrow::Cow;

/// What one character folds to, if it folds.
fn folded(c: char) -> Option<&'static str> {
    Some(match c {
        'æ' => "ae",
        'Æ' => "Ae",
        'ø' | 'ö' | 'ó' | 'ò' | 'ô' | 'õ' => "o",
        'Ø' | 'Ö' | 'Ó' | 'Ò' | 'Ô' | 'Õ' => "O",
        'å' => "aa",
        'Å' => "Aa",
        'ä' | 'á' | 'à' | 'â' | 'ã' => "a",
        'Ä' | 'Á' | 'À' | 'Â' | 'Ã' => "A",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'É' | 'È' | 'Ê' | 'Ë' => "E",
        'í' | 'ì' | 'î' | 'ï' => "i",
        'Í' | 'Ì' | 'Î' | 'Ï' => "I",
        'ú' | 'ù' | 'û' | 'ü' => "u",
        'Ú' | 'Ù' | 'Û' | 'Ü' => "U",
        'ñ' | 'ŋ' => "n",
        'Ñ' | 'Ŋ' => "N",
        'ç' | 'č' => "c",
        'Ç' | 'Č' => "C",
        'š' => "s",
        'Š' => "S",
        'ž' => "z",
        'Ž' => "Z",
        'đ' => "d",
        'Đ' => "D",
        'ŧ' => "t",
        'Ŧ' => "T",
        'ß' => "ss",
        _ => return None,
    })
}

/// `s` folded; borrowed when there is nothing to fold (plain ASCII, the common case).
pub fn fold(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || !s.chars().any(|c| folded(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match folded(c) {
            Some(f) => out.push_str(f),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The characters of `s` (by index) that the fuzzy match of `query` highlights, found on
/// the folded forms and mapped back to `s`.
pub fn match_positions(m: &fuzzy_matcher::skim::SkimMatcherV2, s: &str, query: &str) -> Vec<usize> {
    use fuzzy_matcher::FuzzyMatcher;
    let (text, q) = (fold(s), fold(query));
    let Some((_, at)) = m.fuzzy_indices(&text, &q) else {
        return Vec::new();
    };
    if matches!(text, Cow::Borrowed(_)) {
        return at;
    }
    // Folded character index → original character index.
    let mut origin = Vec::with_capacity(text.len());
    for (i, c) in s.chars().enumerate() {
        let n = folded(c).map_or(1, |f| f.chars().count());
        origin.extend(std::iter::repeat_n(i, n));
    }
    let mut out: Vec<usize> = at
        .into_iter()
        .filter_map(|j| origin.get(j).copied())
        .collect();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::view::matcher;

    #[test]
    fn norwegian_letters_fold_as_typed_on_a_foreign_keyboard() {
        assert_eq!(fold("Øverby"), "Overby");
        assert_eq!(fold("Høgskole"), "Hogskole");
        assert_eq!(fold("Århus"), "Aarhus");
        assert_eq!(fold("Hæhre"), "Haehre");
        assert_eq!(fold("Čáhcesuolu"), "Cahcesuolu");
        assert!(matches!(fold("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn highlights_land_on_the_original_letters() {
        let m = matcher();
        // "aarhus" matches both folded a's: both are the one Å.
        assert_eq!(match_positions(&m, "Århus", "aarhus"), [0, 1, 2, 3, 4]);
        assert_eq!(
            match_positions(&m, "Lars Øverby", "overby"),
            [5, 6, 7, 8, 9, 10]
        );
        assert_eq!(match_positions(&m, "Høgskole", "hog"), [0, 1, 2]);
        assert!(match_positions(&m, "Høgskole", "xyz").is_empty());
    }
}
