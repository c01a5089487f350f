//! The search's fuzzy score, fast: skim's V2 algorithm (fuzzy-matcher's `SkimMatcherV2`,
//! case ignored) computed without its per-call allocations and thread-local look-ups.
//!
//! The score is the one `SkimMatcherV2::default().ignore_case().use_cache(false)
//! .fuzzy_match(choice, pattern)` gives, for every choice and pattern: the same affine-gap
//! alignment over two rows of cells, the same bonuses (word heads, camel case, separators,
//! the first character doubled, consecutive letters), the same penalty for a case
//! mismatch, and the same order of reads and writes, so that where skim reads a cell's
//! bonus before this call wrote it, the value read is the same. The tests below check
//! the two against each other on many thousands of pairs. Matched positions (for the
//! highlights) still come from fuzzy-matcher itself.

use std::cmp::max;

const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const PENALTY_CASE_MISMATCH: i32 = GAP_EXTENSION * 2;
const NEG_INFINITY: i32 = i16::MIN as i32;

#[derive(Clone, Copy, PartialEq)]
enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

fn char_type(c: char) -> CharType {
    match c {
        '\0' => CharType::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
        '0'..='9' => CharType::Number,
        'A'..='Z' => CharType::Upper,
        _ => CharType::Lower,
    }
}

fn in_place_bonus(prev: CharType, cur: CharType) -> i32 {
    match (prev, cur) {
        (CharType::Empty, _) | (CharType::HardSep, _) => BONUS_HEAD,
        (CharType::SoftSep, _) => BONUS_BREAK,
        (CharType::Lower, CharType::Upper) | (CharType::Number, CharType::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

#[derive(Clone, Copy)]
struct Cell {
    m_score: i32,
    p_score: i32,
    bonus: i32,
}

const FRESH: Cell = Cell {
    m_score: NEG_INFINITY,
    p_score: NEG_INFINITY,
    bonus: 0,
};

/// The score of a one-letter pattern: what skim's matrix gives for a single row, the best
/// place where the letter stands (`SCORE_MATCH` less the case penalty, plus the in-place
/// bonus, plus the first row's gap of `GAP_EXTENSION`), without building the matrix.
fn one_letter(choice: &str, p: char) -> Option<i64> {
    let mut best: Option<i32> = None;
    let mut prev = CharType::Empty;
    for (j, c) in choice.chars().enumerate() {
        let t = char_type(c);
        if c.eq_ignore_ascii_case(&p) {
            let mut bonus = in_place_bonus(prev, t);
            if j == 0 {
                bonus *= BONUS_FIRST_CHAR_MULTIPLIER;
            }
            let score_match = if p == c {
                SCORE_MATCH
            } else {
                max(0, SCORE_MATCH + PENALTY_CASE_MISMATCH)
            };
            let s = GAP_EXTENSION + bonus + score_match;
            best = Some(best.map_or(s, |b| max(b, s)));
        }
        prev = t;
    }
    best.map(i64::from)
}

/// A scorer with its working memory; one per thread.
#[derive(Default)]
pub struct Scorer {
    choice: Vec<char>,
    pattern: Vec<char>,
    bonus: Vec<i32>,
    first: Vec<usize>,
    rows: [Vec<Cell>; 2],
}

impl Scorer {
    /// skim's score of `pattern` in `choice` (case ignored), `None` when the pattern's
    /// letters are not all there in order.
    pub fn score(&mut self, choice: &str, pattern: &str) -> Option<i64> {
        if pattern.is_empty() {
            return Some(0);
        }
        let mut letters = pattern.chars();
        if let (Some(only), None) = (letters.next(), letters.next()) {
            return one_letter(choice, only);
        }
        self.pattern.clear();
        self.pattern.extend(pattern.chars());
        // One pass over the choice: its letters, each letter's in-place bonus, and the
        // first place each pattern letter can match, in order (skim's `cheap_matches`).
        self.choice.clear();
        self.bonus.clear();
        self.bonus.push(0);
        self.first.clear();
        let p = &self.pattern;
        let mut prev = CharType::Empty;
        let mut next = 0;
        for (j, ch) in choice.chars().enumerate() {
            let t = char_type(ch);
            self.choice.push(ch);
            self.bonus.push(in_place_bonus(prev, t));
            prev = t;
            if next < p.len() && ch.eq_ignore_ascii_case(&p[next]) {
                self.first.push(j);
                next += 1;
            }
        }
        if next < p.len() {
            return None;
        }
        if self.bonus.len() > 1 {
            self.bonus[1] *= BONUS_FIRST_CHAR_MULTIPLIER;
        }
        let c = &self.choice;
        let cols = c.len() + 1;

        // Columns before the first match are never read: start both rows there. Row 0 is
        // the empty pattern (nothing matched, a gap everywhere), row 1 untouched cells.
        let from = self.first[0];
        for (row, init) in self.rows.iter_mut().zip([
            Cell {
                p_score: GAP_EXTENSION,
                ..FRESH
            },
            FRESH,
        ]) {
            row.clear();
            row.resize(from, FRESH);
            row.resize(cols, init);
        }

        let bonus = &self.bonus[..];
        let [row0, row1] = &mut self.rows;
        for (i, &p_ch) in p.iter().enumerate() {
            // Pattern row i + 1 is written over row i − 1's cells, as skim's two rows are.
            let (cur, prev) = if i & 1 == 0 {
                (&mut row1[..], &row0[..])
            } else {
                (&mut row0[..], &row1[..])
            };
            let to_skip = self.first[i];
            let mut last = cur[to_skip];
            for col in to_skip + 1..cols {
                let c_ch = c[col - 1];
                let diag = prev[col - 1];
                let mut cell = cur[col];
                if c_ch.eq_ignore_ascii_case(&p_ch) {
                    let match_score = if p_ch == c_ch {
                        SCORE_MATCH
                    } else {
                        max(0, SCORE_MATCH + PENALTY_CASE_MISMATCH)
                    };
                    let in_place = bonus[col];
                    let consecutive = max(last.bonus, max(in_place, BONUS_CONSECUTIVE));
                    // skim keeps the bonus in the cell before the match.
                    cur[col - 1].bonus = consecutive;
                    cell.m_score =
                        max(diag.m_score + consecutive, diag.p_score + in_place) + match_score;
                    // A matched cell keeps the bonus it had, as in skim.
                } else {
                    cell.m_score = NEG_INFINITY;
                    cell.bonus = 0;
                }
                cell.p_score = max(
                    GAP_START + GAP_EXTENSION + last.m_score,
                    GAP_EXTENSION + last.p_score,
                );
                cur[col] = cell;
                last = cell;
            }
        }
        let last_row = &self.rows[p.len() & 1];
        let from = self.first[p.len() - 1];
        last_row[from..]
            .iter()
            .map(|cell| cell.m_score)
            .max()
            .map(i64::from)
    }
}

#[cfg(test)]
mod tests {
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;

    use super::*;

    /// skim with fresh working memory (its `use_cache(false)` panics in 0.3.7: a new
    /// matcher per call is the same thing).
    fn skim(choice: &str, pattern: &str) -> Option<i64> {
        SkimMatcherV2::default()
            .ignore_case()
            .fuzzy_match(choice, pattern)
    }

    /// Deterministic strings from an alphabet that exercises every character type.
    fn strings(seed: u64, count: usize, max_len: usize) -> Vec<String> {
        const ALPHABET: &[char] = &[
            'a', 'b', 'k', 'l', 'i', 'm', 'K', 'L', 'I', 'M', 'A', 'ø', 'Ø', 'å', 'æ', ' ', '-',
            '.', '_', '/', '(', ')', '1', '2', '0', 'é', '\'', ':', '~', 'x', 'X',
        ];
        let mut state = seed;
        let mut next = move || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) as usize
        };
        (0..count)
            .map(|_| {
                let len = next() % (max_len + 1);
                (0..len)
                    .map(|_| ALPHABET[next() % ALPHABET.len()])
                    .collect()
            })
            .collect()
    }

    #[track_caller]
    fn same(choice: &str, pattern: &str, fast: &mut Scorer) {
        assert_eq!(
            fast.score(choice, pattern),
            skim(choice, pattern),
            "choice {choice:?}, pattern {pattern:?}"
        );
    }

    #[test]
    fn same_scores_as_skim_on_names() {
        let mut fast = Scorer::default();
        let names = [
            "Klimatilpasning i Hamar",
            "Klimavennlig byggeplass – fase 2",
            "Grønn omstilling i kulturnæringen",
            "KlimaKlima klima",
            "P-000123",
            "Kari Nordmann",
            "Helse og omsorg",
            "kkkk llll",
            "aKlImA",
            "",
            "k",
            "Smart by Bodø–Tromsø",
        ];
        for name in names {
            for pattern in [
                "k", "kl", "kli", "klim", "klima", "K", "KL", "nord", "ø", "a a", "mm",
            ] {
                same(name, pattern, &mut fast);
            }
        }
    }

    #[test]
    fn same_scores_as_skim_on_many_generated_pairs() {
        let mut fast = Scorer::default();
        let choices = strings(1, 800, 40);
        let patterns = strings(2, 60, 4);
        for c in &choices {
            for p in &patterns {
                same(c, p, &mut fast);
            }
            // Patterns taken from the choice itself, so that most of them match.
            let chars: Vec<char> = c.chars().collect();
            for w in 1..=3.min(chars.len()) {
                for start in (0..chars.len() + 1 - w).step_by(3) {
                    let p: String = chars[start..start + w].iter().collect();
                    same(c, &p, &mut fast);
                    let spread: String = chars.iter().step_by(start + 2).take(w).collect();
                    same(c, &spread, &mut fast);
                }
            }
        }
    }
}
