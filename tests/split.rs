//! Reading a file on every core (`styr::model::split`) gives exactly what one pass of
//! ron over the whole text gives: the same portfolio, the same findings with the same
//! messages at the same LINE:COL, and for a broken file the same first error — for
//! generated portfolios as styr writes them and laid out by hand (comments between the
//! projects, unnamed records), whole and broken in the ways files break.
//!
//! Bounded (a few dozen projects, 64 cases a property) so it runs in seconds in a debug
//! build.

#[path = "../benches/common/portfolio_gen.rs"]
mod portfolio_gen;

use proptest::prelude::*;
use styr::model::load::{SPLIT_FROM_BYTES, parse_sequential, parse_with};
use styr::model::progress::{NOBODY, Progress, Stage};
use styr::model::split::parse_split;
use styr::model::validate::{validate, validate_split};
use styr::model::{Diagnostic, Portfolio, load_str, load_str_with};

/// What loading `text` gave before there was a parallel path: one ron parse of the
/// whole text, then the rules, placed by one scan.
fn one_pass(text: &str) -> (Option<Portfolio>, Vec<Diagnostic>) {
    match parse_sequential(text) {
        Ok(p) => {
            let d = validate(&p, text);
            let ok = !d.iter().any(Diagnostic::is_error);
            (ok.then_some(p), d)
        }
        Err(d) => (None, vec![d]),
    }
}

#[track_caller]
fn same_as_one_pass(text: &str) {
    let loaded = load_str(text);
    let (portfolio, diagnostics) = one_pass(text);
    assert_eq!(loaded.diagnostics, diagnostics);
    assert!(loaded.portfolio == portfolio, "the same portfolio");
}

/// A generated portfolio of `n` projects, as styr saves it.
fn generated(n: usize) -> String {
    portfolio_gen::text(n, 11)
}

/// The same, laid out by hand: comments between the projects, some records without
/// their name, a project on one line.
fn by_hand(n: usize) -> String {
    let text = generated(n);
    let mut out = String::new();
    for (i, part) in text.split("\n    Project(").enumerate() {
        if i > 0 {
            out.push_str(match i % 3 {
                0 => "\n    // the next one\n    (",
                1 => "\n    /* a block, with ] and ) inside */ Project(",
                _ => "\n\t\r\n    Project(",
            });
        }
        out.push_str(part);
    }
    out
}

#[test]
fn a_generated_file_is_split_and_reads_the_same() {
    for text in [generated(30), by_hand(30)] {
        assert!(text.len() >= SPLIT_FROM_BYTES, "large enough to be split");
        let (p, split) = parse_with(&text, &NOBODY).expect("parses");
        let split = split.expect("split");
        assert_eq!(split.items.len(), 30);
        assert_eq!(Some(p), parse_sequential(&text).ok());
        same_as_one_pass(&text);
        // The generator leaves warnings in every file: they are placed the same.
        assert!(!load_str(&text).diagnostics.is_empty());
    }
}

#[test]
fn findings_inside_projects_are_placed_where_one_pass_places_them() {
    let text = generated(40)
        .replacen("\"goals\": 4", "\"goals\": 9", 3)
        .replacen("probability: 2", "probability: 0", 2)
        .replacen("id: \"P-0007\"", "id: \"P-0003\"", 1)
        .replacen("goals: [\"", "goals: [\"no.such.goal\", \"", 2);
    let p = parse_sequential(&text).expect("still parses");
    let (_, split) = parse_with(&text, &NOBODY).expect("parses");
    let split = split.expect("split");
    let one = validate(&p, &text);
    assert!(one.iter().filter(|d| d.is_error()).count() >= 8, "{one:#?}");
    assert_eq!(validate_split(&p, &text, Some(&split), &NOBODY), one);
    same_as_one_pass(&text);
}

#[test]
fn a_broken_project_gives_the_one_pass_error_and_place() {
    let text = generated(40);
    let at = text
        .match_indices("    Project(")
        .nth(20)
        .expect("a 21st project")
        .0;
    let mut broken = text.clone();
    broken.insert_str(at + "    Project(".len(), "nmae: \"x\", ");
    assert!(parse_split(&broken, &NOBODY).is_none());
    let loaded = load_str(&broken);
    let first = parse_sequential(&broken).expect_err("broken");
    assert_eq!(loaded.diagnostics, vec![first.clone()]);
    assert!(
        first.message.en.contains("unknown field `nmae`"),
        "{first:?}"
    );
    // Two broken projects: the first one in the file is the one reported.
    let later = broken
        .match_indices("    Project(")
        .nth(35)
        .expect("a 36th")
        .0;
    broken.insert_str(later + "    Project(".len(), "status: Actve, ");
    let earlier = broken
        .match_indices("    Project(")
        .nth(5)
        .expect("a 6th")
        .0;
    broken.insert_str(earlier, "    \"stray\",\n");
    same_as_one_pass(&broken);
    let d = &load_str(&broken).diagnostics[0];
    assert_eq!(d, &parse_sequential(&broken).expect_err("broken"));
    // …at the stray string, on its own line before the 6th project.
    let line = 1 + broken[..earlier].matches('\n').count();
    let col = earlier - broken[..earlier].rfind('\n').map_or(0, |n| n + 1) + 5;
    assert_eq!(d.pos.map(|p| (p.line, p.col)), Some((line, col)), "{d:?}");
}

#[test]
fn the_projects_are_counted_as_they_are_read_and_checked() {
    let text = generated(30);
    let progress = Progress::new();
    let loaded = load_str_with(&text, &progress);
    assert!(loaded.portfolio.is_some());
    let now = progress.get();
    assert_eq!((now.stage, now.done, now.total), (Stage::Checking, 30, 30));
    progress.begin(Stage::Reading, 0);
    parse_with(&text, &progress).expect("parses");
    assert_eq!((progress.get().done, progress.get().total), (30, 30));
}

/// Insertions that RON gives meaning to.
const INSERTS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\"",
    ",",
    ":",
    "Some(",
    "r#\"",
    "/*",
    "*/",
    "//",
    "\n",
    "Project(",
    "(id: \"Q\", name: \"q\"),",
    "0",
    "-1",
    "\u{a0}",
    "#",
    "'",
];

/// What may stand between two projects, or look as if it might: whitespace ron skips
/// and whitespace it does not, comments, nested comments, commas.
const BETWEEN: &[&str] = &[
    ",",
    ",,",
    "\u{a0}",
    "\u{2000}",
    "\u{3000}",
    "\u{feff}",
    "\u{b}",
    "\u{c}",
    "\u{85}",
    "\u{2028}",
    "\u{200e}",
    "/* c */",
    "/* /* nested */ */",
    "/*/ odd */",
    "// c\n",
    "//",
    ";",
    "Some(",
    ")",
    "\t\r\n",
];

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn broken_by_insertions(
        hand in any::<bool>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(INSERTS)), 1..4),
    ) {
        let mut text = if hand { by_hand(20) } else { generated(20) };
        for (at, token) in edits {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            text.insert_str(i, token);
        }
        same_as_one_pass(&text);
    }

    #[test]
    fn between_the_projects(
        hand in any::<bool>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<bool>(), prop::sample::select(BETWEEN)), 1..3),
    ) {
        let mut text = if hand { by_hand(20) } else { generated(20) };
        for (which, after_comma, token) in edits {
            // Right before a project's record, or right after the comma before it.
            let starts: Vec<usize> = text
                .match_indices("Project(")
                .map(|(i, _)| i)
                .chain(text.match_indices("    (id:").map(|(i, _)| i + 4))
                .collect();
            let mut at = starts[which.index(starts.len())];
            if after_comma {
                at = text[..at].rfind(',').map_or(at, |c| c + 1);
            }
            text.insert_str(at, token);
        }
        same_as_one_pass(&text);
    }

    #[test]
    fn broken_by_deletions(
        cuts in prop::collection::vec((any::<prop::sample::Index>(), 1..40usize), 1..4),
    ) {
        let mut text = generated(20);
        for (at, len) in cuts {
            let mut i = at.index(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            let mut j = (i + len).min(text.len());
            while !text.is_char_boundary(j) {
                j += 1;
            }
            text.replace_range(i..j, "");
        }
        same_as_one_pass(&text);
    }

    #[test]
    fn values_changed_within_the_rules_or_not(
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0..10u8), 1..12),
    ) {
        // Digits changed: scores and scales out of range, dates that do not exist,
        // amounts over planned — the file still parses and the rules speak.
        let mut bytes = generated(20).into_bytes();
        let digits: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i].is_ascii_digit()).collect();
        for (at, d) in edits {
            bytes[digits[at.index(digits.len())]] = b'0' + d;
        }
        let text = String::from_utf8(bytes).expect("digits for digits");
        same_as_one_pass(&text);
    }
}
