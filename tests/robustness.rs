//! Property tests: take the valid portfolios (data/*.ron and FORMAT.md's example), break
//! them in the ways files get broken — flipped bytes, a cut anywhere, stray bytes and
//! tokens, deep nesting — and check that loading gives an error or a portfolio, never a
//! panic or a stack overflow, and that every place it names is inside the text.
//!
//! These run in the test harness's threads (2 MiB of stack), in a debug build: a smaller
//! budget than the program's main thread, so an overflow would show here first.

mod common;

use proptest::prelude::*;
use styr::model::{Loaded, load_bytes};

const FILES: [(&str, &[u8]); 6] = [
    ("example", include_bytes!("fixtures/example.ron")),
    ("full", include_bytes!("fixtures/full.ron")),
    ("akershus", include_bytes!("../data/akershus.ron")),
    ("fredrikstad", include_bytes!("../data/fredrikstad.ron")),
    ("hamar", include_bytes!("../data/hamar.ron")),
    ("lillestrom", include_bytes!("../data/lillestrom.ron")),
];

/// Tokens that mean something to RON, or to a file's reader, or to a terminal.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "'",
    "//",
    "/*",
    "*/",
    "#",
    "r#\"",
    "\\",
    "Some(",
    "None",
    "Goal(",
    "Project(",
    "id: \"x\",",
    "goals: [\"nowhere\"],",
    "children: [",
    "-",
    "_",
    "0x",
    "1e999",
    "-1e999",
    "NaN",
    "inf",
    "99999999999999999999",
    "-9223372036854775809",
    "9223372036854775807",
    "1.5",
    "true",
    "()",
    "\u{0}",
    "\u{1b}[2J",
    "\u{202e}",
    "\u{feff}",
    "ø",
    "\r",
    "\n",
    "\t",
    " ",
];

/// Load, and check what any answer must satisfy.
fn load_checked(bytes: &[u8]) -> Loaded {
    let loaded = load_bytes(bytes);
    let errors = loaded.errors();
    assert_eq!(
        loaded.portfolio.is_some(),
        errors == 0,
        "a portfolio exactly when there is no error: {:#?}",
        loaded.diagnostics
    );
    if let Ok(text) = std::str::from_utf8(bytes) {
        let lines: Vec<&str> = text.split('\n').collect();
        for d in &loaded.diagnostics {
            if let Some(p) = d.pos {
                assert!(
                    p.line >= 1 && p.line <= lines.len(),
                    "line out of range: {d:?}"
                );
                let len = lines[p.line - 1].chars().count();
                assert!(p.col >= 1 && p.col <= len + 1, "column out of range: {d:?}");
            }
            assert!(!d.message.is_empty());
        }
    }
    loaded
}

fn file() -> impl Strategy<Value = (usize, &'static [u8])> {
    (0..FILES.len()).prop_map(|i| (i, FILES[i].1))
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Keep a clean checkout clean: a failure prints its minimal input instead.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

#[test]
fn the_valid_files_load() {
    for (name, bytes) in FILES {
        let loaded = load_checked(bytes);
        assert!(
            loaded.portfolio.is_some(),
            "{name}: {:#?}",
            loaded.diagnostics
        );
    }
}

proptest! {
    #![proptest_config(config(120))]

    #[test]
    fn byte_flips((_, bytes) in file(), flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut b = bytes.to_vec();
        for (at, byte) in flips {
            let i = at.index(b.len());
            b[i] = byte;
        }
        load_checked(&b);
    }

    #[test]
    fn bit_flips((_, bytes) in file(), flips in prop::collection::vec((any::<prop::sample::Index>(), 0..8u8), 1..4)) {
        let mut b = bytes.to_vec();
        for (at, bit) in flips {
            let i = at.index(b.len());
            b[i] ^= 1 << bit;
        }
        load_checked(&b);
    }

    #[test]
    fn truncation_anywhere((_, bytes) in file(), cut in any::<prop::sample::Index>()) {
        let cut = cut.index(bytes.len() + 1);
        let loaded = load_checked(&bytes[..cut]);
        // A file cut before its final `)` cannot be a portfolio.
        let last = bytes.iter().rposition(|&c| c == b')').unwrap();
        if cut <= last {
            prop_assert!(loaded.portfolio.is_none());
        }
    }

    #[test]
    fn random_bytes_inserted((_, bytes) in file(), at in any::<prop::sample::Index>(), junk in prop::collection::vec(any::<u8>(), 1..32)) {
        let mut b = bytes.to_vec();
        let i = at.index(b.len() + 1);
        b.splice(i..i, junk);
        load_checked(&b);
    }

    #[test]
    fn tokens_inserted((_, bytes) in file(), edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(TOKENS)), 1..6)) {
        let mut b = bytes.to_vec();
        for (at, token) in edits {
            let i = at.index(b.len() + 1);
            b.splice(i..i, token.bytes());
        }
        load_checked(&b);
    }

    #[test]
    fn deep_nesting_inserted(
        (_, bytes) in file(),
        at in any::<prop::sample::Index>(),
        open in prop::sample::select(&["(", "[", "{", "Some(", "(id: \"x\", title: \"t\", children: [", "{\"k\": ", "[("][..]),
        depth in 100..5000usize,
        closed in any::<bool>(),
    ) {
        let mut b = bytes.to_vec();
        let i = at.index(b.len() + 1);
        let nest = common::nesting(open, depth, closed);
        b.splice(i..i, nest.bytes());
        load_checked(&b);
    }
}

/// The deepest nesting ron lets through, in the shape that recurses the furthest (goals
/// within goals, every optional field written `Some(…)`), with every goal unserved so that
/// validation places a warning on each.
#[test]
fn the_deepest_file_that_loads_fits_in_a_test_threads_stack() {
    let depth = styr::model::load::MAX_GOAL_DEPTH;
    assert_eq!(depth, 31, "FORMAT.md's limit");
    let mut s = String::from("(name: \"n\", organisation: \"o\", projects: [], goals: [");
    for i in 0..depth {
        s.push_str(&format!(
            "(id: \"g{i}\", title: \"t\", description: Some(\"d\"), sdgs: Some([99]), children: Some(["
        ));
    }
    s.push_str(&"]))".repeat(depth));
    s.push_str("])");
    let loaded = load_checked(s.as_bytes());
    // Parsed, then refused for the SDGs: validation and placing ran over the whole depth.
    assert_eq!(loaded.errors(), depth, "{:#?}", loaded.diagnostics);
    assert!(loaded.diagnostics.iter().all(|d| d.pos.is_some()));

    // One level more is refused by the parser.
    let s = s.replacen(
        "goals: [",
        "goals: [(id: \"top\", title: \"t\", children: [",
        1,
    ) + "])";
    let loaded = load_checked(s.as_bytes());
    assert_eq!(loaded.errors(), 1);
    assert!(loaded.diagnostics[0].message.contains("nests deeper"));
}

/// The same, in a thread with half the test thread's stack: there is room to spare.
#[test]
fn the_deepest_file_leaves_room_on_the_stack() {
    let t = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(the_deepest_file_that_loads_fits_in_a_test_threads_stack)
        .unwrap();
    t.join().unwrap();
}
