//! Property tests over the loader (`styr::model::load_bytes`): arbitrary bytes, and
//! tests/fixtures/small.ron broken the ways files break — flipped bytes, a cut anywhere,
//! a stray `(`, `"` or `Some(`, a huge number, deep nesting. Loading never panics, and
//! either gives a portfolio or refuses with errors; every place it names is a line:col
//! inside the file, and a parse error always has one (unless the file is blank).
//!
//! Bounded (200 cases a property, inputs of a few KiB) so it runs in a few seconds in a
//! debug build. tests/robustness.rs does the same over the seed portfolios.

mod common;

use proptest::prelude::*;
use styr::model::{Loaded, load_bytes, parse};

const SMALL: &[u8] = include_bytes!("fixtures/small.ron");

/// Insertions that RON gives meaning to, and numbers no field can hold.
const INSERTS: &[&str] = &[
    "(",
    ")",
    "\"",
    "Some(",
    "Some(Some(",
    "[",
    "{",
    ",",
    ":",
    "r#\"",
    "/*",
    "99999999999999999999999999999999",
    "-99999999999999999999999999999999",
    "1e400",
    "-1e400",
    "0x7fffffffffffffffffff",
    "1_000_000_000_000_000_000_000",
    "18446744073709551616",
    "-9223372036854775809",
    "NaN",
    "inf",
];

/// Load `bytes` and check what every answer must satisfy.
fn load_checked(bytes: &[u8]) -> Loaded {
    let loaded = load_bytes(bytes);
    assert_eq!(
        loaded.portfolio.is_some(),
        loaded.errors() == 0,
        "a portfolio exactly when there is no error: {:#?}",
        loaded.diagnostics
    );
    // Lines and columns (in characters) of the text; an invalid UTF-8 sequence counts as
    // one character, and the loader places that error within the valid prefix.
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<usize> = text.split('\n').map(|l| l.chars().count()).collect();
    for d in &loaded.diagnostics {
        assert!(!d.message.trim().is_empty(), "a message: {d:?}");
        if let Some(p) = d.pos {
            assert!(
                p.line >= 1 && p.line <= lines.len(),
                "line {} outside the file's {} lines: {d:?}",
                p.line,
                lines.len()
            );
            let len = lines[p.line - 1];
            assert!(
                p.col >= 1 && p.col <= len + 1,
                "column {} outside line {} of {len} characters: {d:?}",
                p.col,
                p.line
            );
        }
    }
    // A file that does not parse is refused with one error that says where, unless
    // there is no text to point into.
    match std::str::from_utf8(bytes) {
        Err(_) => {
            assert_eq!(loaded.errors(), 1);
            assert!(loaded.diagnostics[0].pos.is_some(), "{loaded:?}");
        }
        Ok(t) => {
            if let Err(d) = parse(t) {
                assert!(loaded.portfolio.is_none());
                assert_eq!(loaded.diagnostics, vec![d.clone()]);
                assert!(
                    d.pos.is_some() || t.trim().is_empty(),
                    "a parse error without a place: {d:?}"
                );
            }
        }
    }
    loaded
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 200,
        // Keep a clean checkout clean: a failure prints its minimal input instead.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Where the digit runs of small.ron are, to replace one with a huge number.
fn digit_runs() -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < SMALL.len() {
        if SMALL[i].is_ascii_digit() {
            let start = i;
            while i < SMALL.len() && (SMALL[i].is_ascii_digit() || SMALL[i] == b'_') {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    runs
}

#[test]
fn the_fixture_loads() {
    let loaded = load_checked(SMALL);
    assert!(loaded.portfolio.is_some(), "{:#?}", loaded.diagnostics);
}

#[test]
fn known_breakages_are_placed() {
    // Spot checks that the properties below are not vacuous: each of these is refused,
    // with a place.
    let text = std::str::from_utf8(SMALL).expect("UTF-8");
    for broken in [
        text.replacen("planned: 5_800_000", "planned: 99999999999999999999999", 1),
        text.replacen("Portfolio(", "Portfolio((", 1),
        text.replacen(
            "name: \"Testportefølje 2026\"",
            "name: \"Testportefølje 2026",
            1,
        ),
        text.replacen("owner: \"Siri Haugen\"", "owner: Some(\"Siri Haugen\"", 1),
        text.replacen("goals: [", &format!("goals: [{}", "[".repeat(500)), 1),
        text[..text.len() / 2].to_string(),
    ] {
        assert_ne!(broken, text);
        let loaded = load_checked(broken.as_bytes());
        assert!(loaded.portfolio.is_none());
        assert!(
            loaded.diagnostics.iter().all(|d| d.pos.is_some()),
            "{loaded:?}"
        );
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        load_checked(&bytes);
    }

    #[test]
    fn arbitrary_text(text in "[ -~\n\t\u{0}-\u{1f}ø\u{202e}]{0,1024}") {
        load_checked(text.as_bytes());
    }

    #[test]
    fn byte_flips(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut b = SMALL.to_vec();
        for (at, byte) in flips {
            let i = at.index(b.len());
            b[i] = byte;
        }
        load_checked(&b);
    }

    #[test]
    fn cut_anywhere(cut in any::<prop::sample::Index>()) {
        let cut = cut.index(SMALL.len() + 1);
        let loaded = load_checked(&SMALL[..cut]);
        // Cut before the final `)`, it cannot be a portfolio.
        let last = SMALL.iter().rposition(|&c| c == b')').unwrap_or(0);
        if cut <= last {
            prop_assert!(loaded.portfolio.is_none());
        }
    }

    #[test]
    fn insertions(edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(INSERTS)), 1..5)) {
        let mut b = SMALL.to_vec();
        for (at, token) in edits {
            let i = at.index(b.len() + 1);
            b.splice(i..i, token.bytes());
        }
        load_checked(&b);
    }

    #[test]
    fn a_number_made_huge(which in any::<prop::sample::Index>(), digits in 19..400usize, sign in any::<bool>(), exp in any::<bool>()) {
        let runs = digit_runs();
        let (start, end) = runs[which.index(runs.len())];
        let mut huge = if sign { "-".to_string() } else { String::new() };
        huge.push_str(&"9".repeat(digits));
        if exp {
            huge.push_str("e999");
        }
        let mut b = SMALL.to_vec();
        b.splice(start..end, huge.bytes());
        load_checked(&b);
    }

    #[test]
    fn deep_nesting(
        at in any::<prop::sample::Index>(),
        open in prop::sample::select(&["(", "[", "{", "Some(", "[(", "{\"k\": "][..]),
        depth in 1..3000usize,
        closed in any::<bool>(),
    ) {
        let mut b = SMALL.to_vec();
        let i = at.index(b.len() + 1);
        let nest = common::nesting(open, depth, closed);
        b.splice(i..i, nest.bytes());
        load_checked(&b);
    }
}
