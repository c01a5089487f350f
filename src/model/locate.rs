//! Finding where a value stands in the text, as a line and column: the places of errors
//! and warnings, from the syntax index ([`super::syntax`]).
//!
//! Paths look like `.projects[3].goals[1]` (a field, then a list index); a map value is
//! `.scores{goals}` and the key itself `.scores{goals}@`.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::split::Split;

/// A place in the file: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// Builders for the paths the scanner records.
pub fn field(path: &str, name: &str) -> String {
    format!("{path}.{name}")
}
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}
pub fn map_value(path: &str, key: &str) -> String {
    format!("{path}{{{key}}}")
}
pub fn map_key(path: &str, key: &str) -> String {
    format!("{path}{{{key}}}@")
}

/// Positions of the wanted paths in `text`. Paths not found are absent.
///
/// Only the parts of the text that lead to a wanted path are scanned value by value; every
/// other value (a project with nothing to say about it) is skipped by a byte scan that only
/// matches brackets, strings and comments. Lines and columns are counted once, at the end,
/// for the places found. So a file of 100,000 projects with a few thousand warnings costs
/// about one quick pass over its bytes.
pub fn locate(text: &str, wanted: &HashSet<String>) -> HashMap<String, Pos> {
    let found = super::syntax::index(text, wanted)
        .into_iter()
        .map(|(path, node)| (path, node.span.start))
        .collect();
    positions(text, found)
}

/// [`locate`] in a text whose projects stand where `split` says: the paths into a
/// project are looked for in that project's own text, on every core, and the others in
/// one pass that steps over the whole `projects` list in one jump.
pub fn locate_split(text: &str, wanted: &HashSet<String>, split: &Split) -> HashMap<String, Pos> {
    let mut per_project: HashMap<usize, HashSet<String>> = HashMap::new();
    let mut rest = HashSet::new();
    for w in wanted {
        match in_project(w) {
            Some((i, within)) if i < split.items.len() => {
                per_project.entry(i).or_default().insert(within.to_string());
            }
            _ => {
                rest.insert(w.clone());
            }
        }
    }
    let per_project: Vec<(usize, HashSet<String>)> = per_project.into_iter().collect();
    let mut found: HashMap<String, usize> = per_project
        .par_iter()
        .flat_map_iter(|(i, within)| {
            let item = split.items[*i].clone();
            super::syntax::index(&text[item.clone()], within)
                .into_iter()
                .map(move |(path, node)| {
                    (index(".projects", *i) + &path, item.start + node.span.start)
                })
        })
        .collect();
    found.extend(
        super::syntax::index_skipping(text, &rest, split.list.clone())
            .into_iter()
            .map(|(path, node)| (path, node.span.start)),
    );
    positions(text, found)
}

/// `.projects[12].goals[1]` → 12 and `.goals[1]`.
fn in_project(path: &str) -> Option<(usize, &str)> {
    let rest = path.strip_prefix(".projects[")?;
    let end = rest.find(']')?;
    let digits = &rest[..end];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, &rest[end + 1..]))
}

/// Byte offsets to lines and columns: the text up to the last offset is cut into pieces
/// of [`PIECE`] bytes, and each piece's lines are counted on any core, up to each offset
/// in it and to its end; the pieces' counts add up to each offset's line.
fn positions(text: &str, found: HashMap<String, usize>) -> HashMap<String, Pos> {
    const PIECE: usize = 1 << 20;
    let mut order: Vec<(usize, String)> = found.into_iter().map(|(k, v)| (v, k)).collect();
    order.sort_unstable();
    let bytes = text.as_bytes();
    let end = order.last().map_or(0, |(at, _)| (*at).min(bytes.len()));
    let pieces = end / PIECE + 1;
    // Where each piece's offsets begin in `order`.
    let firsts: Vec<usize> = (0..=pieces)
        .map(|k| order.partition_point(|(at, _)| *at < k * PIECE))
        .collect();
    let counted: Vec<(usize, Vec<usize>)> = (0..pieces)
        .into_par_iter()
        .map(|k| {
            let (mut done, to) = (k * PIECE, ((k + 1) * PIECE).min(bytes.len()));
            let mut lines = 0;
            let mut before = Vec::with_capacity(firsts[k + 1] - firsts[k]);
            for (at, _) in &order[firsts[k]..firsts[k + 1]] {
                let at = (*at).min(bytes.len());
                lines += count_newlines(&bytes[done..at]);
                done = at;
                before.push(lines);
            }
            (lines + count_newlines(&bytes[done..to]), before)
        })
        .collect();
    let mut out = HashMap::with_capacity(order.len());
    let mut lines_before_piece = 0;
    let mut next = order.into_iter();
    for (in_piece, before) in counted {
        for lines in before {
            let Some((at, path)) = next.next() else { break };
            let at = at.min(bytes.len());
            let line_start = bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |k| k + 1);
            let col = 1 + text.get(line_start..at).map_or(0, |s| s.chars().count());
            let line = 1 + lines_before_piece + lines;
            out.insert(path, Pos { line, col });
        }
        lines_before_piece += in_piece;
    }
    out
}

/// How many `\n` bytes `b` holds. Counted in 32 byte-sized lanes that cannot overflow
/// within a block of 255 rounds, which the compiler turns into vector instructions.
fn count_newlines(b: &[u8]) -> usize {
    let mut n = 0usize;
    let mut blocks = b.chunks_exact(32 * 255);
    for block in &mut blocks {
        let mut lanes = [0u8; 32];
        for c in block.chunks_exact(32) {
            for (lane, &byte) in lanes.iter_mut().zip(c) {
                *lane += u8::from(byte == b'\n');
            }
        }
        n += lanes.iter().map(|&l| l as usize).sum::<usize>();
    }
    n + blocks.remainder().iter().filter(|&&c| c == b'\n').count()
}

/// The place of the first string or number longer than `limit` bytes, if any.
/// Such tokens are refused before parsing: ron's handling of them is slow.
pub fn first_long_token(text: &str, limit: usize) -> Option<Pos> {
    if no_long_token_quick(text.as_bytes(), limit) {
        return None;
    }
    long_token_scan(text, limit)
}

/// A sufficient test that no token is longer than `limit`, looking at a few bytes per
/// `limit / 2`: every stretch of `limit / 2` bytes holds an unescaped `"` (so no string
/// can run longer than `limit`) and starts with neither a digit nor a `.` (so no number
/// can). When it says no, [`long_token_scan`] decides.
fn no_long_token_quick(b: &[u8], limit: usize) -> bool {
    let step = limit / 2;
    if step < 64 {
        return false;
    }
    let mut start = 0;
    while start < b.len() {
        let end = (start + step).min(b.len());
        let in_number = |i: usize| b[i].is_ascii_digit() || b[i] == b'.';
        if in_number(start) {
            // Measure the run of digits around this byte.
            let back = b[..start]
                .iter()
                .rev()
                .take_while(|&&c| c.is_ascii_digit() || c == b'.');
            let ahead = b[start..]
                .iter()
                .take_while(|&&c| c.is_ascii_digit() || c == b'.');
            if back.count() + ahead.count() > limit {
                return false;
            }
        }
        let unescaped_quote = (start..end).any(|q| {
            b[q] == b'"' && b[..q].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 0
        });
        if !unescaped_quote && end - start == step {
            return false;
        }
        start = end;
    }
    true
}

/// [`first_long_token`], byte by byte.
fn long_token_scan(text: &str, limit: usize) -> Option<Pos> {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        match b[i] {
            b'"' => {
                let s = i;
                // The closing quote: the next `"` not escaped by an odd run of `\`.
                let mut from = i + 1;
                let close = loop {
                    match text.get(from..).and_then(|t| t.find('"')) {
                        None => break None,
                        Some(k) => {
                            let q = from + k;
                            let slashes = b[..q].iter().rev().take_while(|&&c| c == b'\\');
                            if slashes.count() % 2 == 0 {
                                break Some(q);
                            }
                            from = q + 1;
                        }
                    }
                };
                let last = close.map_or(n, |q| q) - 1;
                if last - s > limit {
                    return Some(pos_of(text, s));
                }
                match close {
                    Some(q) => i = q + 1,
                    None => return None,
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = text
                    .get(i..)
                    .and_then(|t| t.find('\n'))
                    .map_or(n, |k| i + k + 1);
            }
            c if c.is_ascii_digit() || c == b'.' => {
                let s = i;
                while i < n && (b[i].is_ascii_digit() || b[i] == b'.') {
                    i += 1;
                }
                if i - 1 - s > limit {
                    return Some(pos_of(text, s));
                }
            }
            _ => {
                i += 1;
                while i < n && !matches!(b[i], b'"' | b'/' | b'.' | b'0'..=b'9') {
                    i += 1;
                }
            }
        }
    }
    None
}

/// Line and column of byte offset `at` (clamped to a character boundary).
pub fn pos_of(text: &str, at: usize) -> Pos {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = 1 + before.bytes().filter(|&b| b == b'\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Pos {
        line,
        col: 1 + before[line_start..].chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, paths: &[&str]) -> HashMap<String, Pos> {
        let wanted = paths.iter().map(|p| p.to_string()).collect();
        locate(text, &wanted)
    }

    #[test]
    fn finds_fields_list_items_and_map_entries() {
        let text = "// c\nPortfolio(\n  name: \"x\", // y\n  projects: [\n    (id: \"a\", goals: [\"g1\", \"g2\"],\n     evaluations: [Evaluation(date: \"2026-01-01\", scores: {\"goals\": 7})]),\n  ],\n)";
        let f = find(
            text,
            &[
                ".name",
                ".projects[0].goals[1]",
                ".projects[0].evaluations[0].scores{goals}",
                ".projects[0].evaluations[0].scores{goals}@",
            ],
        );
        assert_eq!(f[".name"], Pos { line: 3, col: 9 });
        assert_eq!(f[".projects[0].goals[1]"], Pos { line: 5, col: 29 });
        assert_eq!(
            f[".projects[0].evaluations[0].scores{goals}@"],
            Pos { line: 6, col: 60 }
        );
        assert_eq!(
            f[".projects[0].evaluations[0].scores{goals}"],
            Pos { line: 6, col: 69 }
        );
    }

    #[test]
    fn some_is_transparent_and_block_comments_nest() {
        let text = "(a: Some(/* x /* y */ */ 3), b: r#\"q\"\"#, c: 4)";
        let f = find(text, &[".a", ".c"]);
        assert_eq!(f[".a"].col, 26); // the value inside Some(…)
        assert_eq!(f[".c"].col, 45);
    }

    #[test]
    fn skipped_values_step_over_strings_comments_and_raw_strings() {
        let text = "(a: [r#\"x\")]\"#, \"y\\\"]\", '(', /* ) /* ] */ */ // ]\n (z: 1)],\n b: r\"q\\\", c: 5)";
        let at = |needle: &str| pos_of(text, text.find(needle).expect("in the text"));
        // Only `.c` wanted: `.a` and `.b` are skipped whole.
        let f = find(text, &[".c"]);
        assert_eq!(f[".c"], at("5)"));
        // Inside `.a`, items 0–2 are skipped and item 3 is walked into.
        let f = find(text, &[".a[3].z", ".c"]);
        assert_eq!(f[".a[3].z"], at("1)]"));
        assert_eq!(f[".c"], at("5)"));
    }

    #[test]
    fn long_tokens_are_found_past_the_quick_test() {
        let short = format!("\"{}\", ", "x".repeat(900));
        let many = format!("(a: [{}])", short.repeat(20));
        assert_eq!(first_long_token(&many, 1000), None);
        // Escaped quotes inside a long string do not hide it.
        let escaped = format!("(a: [{}\"{}\"])", short.repeat(3), "x\\\"".repeat(600));
        assert_eq!(
            first_long_token(&escaped, 1000),
            Some(pos_of(&escaped, 4 + 3 * short.len() + 1))
        );
        let number = format!("(a: [{}{}])", short.repeat(3), "9".repeat(1500));
        assert_eq!(
            first_long_token(&number, 1000),
            Some(pos_of(&number, 5 + 3 * short.len()))
        );
        let unterminated = format!("(a: [{}\"{}", short.repeat(3), "y".repeat(1500));
        assert!(first_long_token(&unterminated, 1000).is_some());
        assert_eq!(count_newlines(b"a\nb\n\n0123456789\n\n"), 5);
    }

    #[test]
    fn places_across_pieces_are_counted_as_one_pass_counts_them() {
        // Lines of every length, some longer than a piece, and offsets on either side
        // of the pieces' edges.
        let mut text = String::new();
        let mut len = 1;
        while text.len() < (3 << 20) + 5000 {
            text.push_str(&"æ".repeat(len % 700));
            text.push_str(&"x".repeat(len));
            text.push('\n');
            len = len * 7 % 1_300_001 + 1;
        }
        let mut offsets: Vec<usize> = (0..40).map(|i| i * 83_117).collect();
        for edge in [1 << 20, 2 << 20, 3 << 20] {
            offsets.extend([edge - 1, edge, edge + 1]);
        }
        offsets.push(text.len());
        let found: HashMap<String, usize> = offsets
            .iter()
            .map(|&at| {
                let mut at = at.min(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                (format!("@{at}"), at)
            })
            .collect();
        for (path, pos) in positions(&text, found.clone()) {
            assert_eq!(pos, pos_of(&text, found[&path]), "{path}");
        }
    }

    #[test]
    fn pos_of_counts_characters() {
        assert_eq!(pos_of("æøå\nab", 8), Pos { line: 2, col: 2 });
    }

    #[test]
    fn long_tokens_are_found() {
        let long = format!("(a: \"{}\")", "x".repeat(50));
        assert_eq!(first_long_token(&long, 10), Some(Pos { line: 1, col: 5 }));
        assert_eq!(first_long_token("(a: 1_000)", 10), None);
    }
}
