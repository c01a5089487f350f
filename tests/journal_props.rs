//! Property tests over the journal reader (`store::read_journal`): whatever bytes lie at
//! the journal's name — random, zeros, a real journal cut anywhere or with a line broken
//! — reading never panics, never invents an edit, and keeps every complete line that is
//! good: a cut loses at most the line it cut, a broken line only itself.
//!
//! Bounded (128 cases a property, journals of a few dozen lines) to stay quick.

use std::fs;
use std::path::PathBuf;

use proptest::prelude::*;
use styr::model::Date;
use styr::model::edit::Edit;
use styr::store::{self, Journal, JournalEntry};

const FIXTURE: &str = include_str!("fixtures/small.ron");

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A folder with the fixture as `plan.ron` and a real journal of `n` entries beside it;
/// the journal's bytes and its entries.
fn journal(n: usize) -> (tempfile::TempDir, PathBuf, Vec<u8>, Vec<JournalEntry>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    fs::write(&path, FIXTURE).unwrap();
    let (_, doc) = store::open(&path).unwrap();
    let date = Date::parse("2026-11-22").unwrap();
    let mut j = Journal::new(&doc, Some(date));
    let entries: Vec<JournalEntry> = (0..n)
        .map(|i| match i % 4 {
            0 => JournalEntry::Edit(Edit::Note {
                project: format!("T-0{}", i % 6 + 1),
                date,
                note: Some(format!("notat {i}\nmed linjeskift «æøå» \u{1b}[2J")),
            }),
            1 => JournalEntry::Edit(Edit::Score {
                project: "T-01".into(),
                date,
                criterion: "goals".into(),
                score: Some((i % 5 + 1) as i64),
            }),
            2 => JournalEntry::Undo,
            _ => JournalEntry::Redo,
        })
        .collect();
    for e in &entries {
        j.append(e).unwrap();
    }
    // No entry, no journal (it is made at the first).
    let bytes = fs::read(j.path()).unwrap_or_default();
    (dir, path, bytes, entries)
}

fn journal_path(path: &std::path::Path) -> PathBuf {
    store::journal::journal_path(&fs::canonicalize(path).unwrap())
}

/// `small` is a subsequence of `big`, in order.
fn in_order(small: &[JournalEntry], big: &[JournalEntry]) -> bool {
    let mut it = big.iter();
    small.iter().all(|s| it.any(|b| b == s))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic_and_are_damaged_unless_they_are_a_journal(
        bytes in prop::collection::vec(any::<u8>(), 0..4096)
    ) {
        let (_dir, path, _, _) = journal(0);
        fs::write(journal_path(&path), &bytes).unwrap();
        let rec = store::read_journal(&path).unwrap().expect("a journal is there");
        prop_assert_eq!(rec.len, bytes.len() as u64);
        prop_assert!(rec.is_damaged() || !rec.entries.is_empty());
        let lines = bytes.split(|&b| b == b'\n').count();
        prop_assert!(rec.entries.len() + rec.unreadable <= lines);
    }

    #[test]
    fn a_cut_anywhere_loses_at_most_the_line_it_cuts(n in 1..40usize, cut in any::<prop::sample::Index>()) {
        let (_dir, path, bytes, entries) = journal(n);
        let at = cut.index(bytes.len() + 1);
        fs::write(journal_path(&path), &bytes[..at]).unwrap();
        let rec = store::read_journal(&path).unwrap().expect("a journal is there");
        let whole_lines = bytes[..at].iter().filter(|&&b| b == b'\n').count();
        // The header is the first line; every whole line after it is an entry.
        let expect = whole_lines.saturating_sub(1);
        prop_assert_eq!(&rec.entries[..], &entries[..expect]);
        prop_assert_eq!(rec.torn_tail, at > 0 && bytes[at - 1] != b'\n');
        prop_assert_eq!(rec.unreadable, 0);
        prop_assert_eq!(rec.header.is_some(), whole_lines >= 1);
    }

    #[test]
    fn a_broken_line_costs_only_itself(n in 2..40usize, which in any::<prop::sample::Index>(), junk in "[^\n]{0,40}") {
        let (_dir, path, bytes, entries) = journal(n);
        let text = String::from_utf8(bytes).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        // Break one entry line (never the header): replace it with junk.
        let i = 1 + which.index(lines.len() - 1);
        lines[i] = format!("{junk}(");
        let broken = lines.join("\n") + "\n";
        fs::write(journal_path(&path), &broken).unwrap();
        let rec = store::read_journal(&path).unwrap().expect("a journal is there");
        prop_assert!(rec.is_damaged());
        prop_assert!(rec.entries.len() >= n - 1);
        prop_assert!(in_order(&rec.entries, &entries));
        let mut without = entries.clone();
        without.remove(i - 1);
        prop_assert_eq!(&rec.entries, &without);
    }
}
