//! Reading a large file on every core: the `projects` list cut at its items, each item
//! parsed by itself, in parallel (rayon), while the syntax index's quick scan is still
//! finding the next ones.
//!
//! The result is the sequential parse's or nothing: the text around the list (the
//! skeleton, with an empty list) and every item are parsed by ron with styr's options,
//! and the text between the items is checked to be what ron reads between list items
//! (whitespace, comments and one comma). When anything is out of the ordinary (no
//! `projects` list, an attribute at the top, a character between items ron might read
//! otherwise, or any error at all) the caller parses the whole text sequentially, so
//! every error is ron's own at its own place, exactly as before.
//!
//! Each item is parsed with ron's nesting limit counted from the item rather than from
//! the file: only a project nested more than 150 levels deep could pass here and fail
//! there, and no project is (its types nest a dozen levels at most; deeper text is an
//! error either way, and errors are the sequential parse's).

use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use super::load::ron_options;
use super::progress::Progress;
use super::syntax;
use super::types::{Portfolio, Project};

/// Where the projects stand in the text the portfolio was split from: what validation
/// needs to place its findings on every core ([`super::locate::locate_split`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The `projects` list, from its `[` to after its `]`.
    pub list: Range<usize>,
    /// Each project, from its first byte to after its last, in order.
    pub items: Vec<Range<usize>>,
}

/// Items parsed by one task: a few hundred, so the scan hands work over early and the
/// tasks are few.
const BATCH: usize = 256;
/// Projects read are counted this many at a time.
const COUNT_EVERY: usize = 32;

/// The portfolio read from `text` (without a byte-order mark) with the projects parsed
/// in parallel, and where they stand; `None` when the text is not split safely or does
/// not parse (the caller then parses it whole). `progress` counts the projects read.
pub fn parse_split(text: &str, progress: &Progress) -> Option<(Portfolio, Split)> {
    if text.trim_start().starts_with('#') {
        // An attribute (`#![enable(…)]`) would apply to the items too.
        return None;
    }
    let opts = ron_options();
    let failed = AtomicBool::new(false);
    let parsed: Mutex<Vec<(usize, Vec<Project>)>> = Mutex::new(Vec::new());
    let parse_batch = |first: usize, batch: Vec<Range<usize>>| {
        let mut out = Vec::with_capacity(batch.len());
        for r in batch {
            if failed.load(Ordering::Relaxed) {
                return;
            }
            match opts.from_str::<Project>(&text[r]) {
                Ok(p) => out.push(p),
                Err(_) => {
                    failed.store(true, Ordering::Relaxed);
                    return;
                }
            }
            // Counted in steps, so the cores do not take turns at one counter.
            if out.len() % COUNT_EVERY == 0 {
                progress.advance(COUNT_EVERY);
            }
        }
        progress.advance(out.len() % COUNT_EVERY);
        if let Ok(mut all) = parsed.lock() {
            all.push((first, out));
        }
    };
    let mut items: Vec<Range<usize>> = Vec::new();
    let mut skeleton = None;
    let mut list = None;
    let parse_batch = &parse_batch;
    rayon::scope(|s| {
        let mut sent = 0;
        let mut each = |r: Range<usize>| {
            // The text between two items is looked at while the scan has it at hand.
            if let Some(last) = items.last()
                && (r.start < last.end || !gap(text.as_bytes(), last.end, r.start, 1..=1))
            {
                failed.store(true, Ordering::Relaxed);
            }
            items.push(r);
            if items.len() - sent == BATCH {
                let batch = items[sent..].to_vec();
                let first = sent;
                s.spawn(move |_| parse_batch(first, batch));
                sent = items.len();
            }
        };
        let node = syntax::items(text, ".projects", &mut each);
        if items.len() > sent {
            let batch = items[sent..].to_vec();
            s.spawn(move |_| parse_batch(sent, batch));
        }
        progress.set_total(items.len());
        let Some((open, close)) = node.and_then(|n| Some((n.open?, n.close?))) else {
            failed.store(true, Ordering::Relaxed);
            return;
        };
        list = Some(open..close + 1);
        if !around_items_as_ron_reads(text, open, close, &items) {
            failed.store(true, Ordering::Relaxed);
            return;
        }
        // The rest of the portfolio, with an empty list, alongside the last items.
        let mut rest = String::with_capacity(text.len() - (close - open) + 1);
        rest.push_str(&text[..=open]);
        rest.push_str(&text[close..]);
        skeleton = Some(opts.from_str::<Portfolio>(&rest));
    });
    if failed.load(Ordering::Relaxed) {
        return None;
    }
    let mut portfolio = skeleton?.ok()?;
    if !portfolio.projects.is_empty() {
        return None;
    }
    let mut batches = parsed.into_inner().ok()?;
    batches.sort_unstable_by_key(|(first, _)| *first);
    let mut projects = Vec::with_capacity(items.len());
    for (first, batch) in batches {
        if first != projects.len() {
            return None;
        }
        projects.extend(batch);
    }
    if projects.len() != items.len() {
        return None;
    }
    portfolio.projects = projects;
    Some((portfolio, Split { list: list?, items }))
}

/// Is the text between the list's brackets and its first and last items what ron reads
/// there (see [`gap`]): no comma before the first, at most one after the last. (The text
/// between two items is checked as the scan finds them: exactly one comma.)
fn around_items_as_ron_reads(
    text: &str,
    open: usize,
    close: usize,
    items: &[Range<usize>],
) -> bool {
    let b = text.as_bytes();
    match (items.first(), items.last()) {
        (Some(first), Some(last)) => {
            open < first.start
                && last.end <= close
                && gap(b, open + 1, first.start, 0..=0)
                && gap(b, last.end, close, 0..=1)
        }
        _ => open < close && gap(b, open + 1, close, 0..=0),
    }
}

/// `b[from..to]` holds only what ron reads between list items, and nothing it might
/// read otherwise: spaces, tabs, line ends, `//` comments ended by a line end, `/* */`
/// comments without a `/*` inside; and a number of commas within `commas`.
fn gap(b: &[u8], from: usize, to: usize, commas: std::ops::RangeInclusive<usize>) -> bool {
    let mut i = from;
    let mut seen = 0;
    while i < to {
        let next = if i + 1 < to { b[i + 1] } else { 0 };
        match (b[i], next) {
            (b' ' | b'\t' | b'\n' | b'\r', _) => i += 1,
            (b',', _) => {
                seen += 1;
                i += 1;
            }
            (b'/', b'/') => match b[i..to].iter().position(|&c| c == b'\n') {
                Some(k) => i += k + 1,
                None => return false,
            },
            (b'/', b'*') => {
                let body = &b[i + 2..to];
                match body.windows(2).position(|w| w == b"*/") {
                    Some(k) if !body[..k + 1].windows(2).any(|w| w == b"/*") => i += 2 + k + 2,
                    _ => return false,
                }
            }
            _ => return false,
        }
    }
    commas.contains(&seen)
}

/// `bytes` as text, or the error [`std::str::from_utf8`] gives: a large file is
/// checked on every core, in pieces cut before a character's first byte.
pub fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    use rayon::prelude::*;
    const PIECE: usize = 4 << 20;
    if bytes.len() < 2 * PIECE {
        return std::str::from_utf8(bytes);
    }
    let mut cuts = vec![0];
    let mut at = PIECE;
    while at < bytes.len() {
        // Back to a character's first byte: UTF-8 has at most three bytes after it.
        let mut cut = at;
        while cut > at - 3 && (bytes[cut] & 0xc0) == 0x80 {
            cut -= 1;
        }
        cuts.push(cut);
        at += PIECE;
    }
    cuts.push(bytes.len());
    let valid = cuts
        .par_windows(2)
        .all(|w| std::str::from_utf8(&bytes[w[0]..w[1]]).is_ok());
    if !valid {
        // Where it goes wrong, exactly as one pass says.
        return std::str::from_utf8(bytes);
    }
    // SAFETY: the pieces cover `bytes` end to end and each one is valid UTF-8; valid
    // UTF-8 sequences one after another are valid UTF-8.
    Ok(unsafe { std::str::from_utf8_unchecked(bytes) })
}

/// A copy of `p`, its projects copied on every core.
pub fn clone_on_every_core(p: &Portfolio) -> Portfolio {
    use rayon::prelude::*;
    let Portfolio {
        name,
        organisation,
        currency,
        as_of,
        levels,
        criteria,
        risk_thresholds,
        goals,
        projects,
        meetings,
    } = p;
    Portfolio {
        name: name.clone(),
        organisation: organisation.clone(),
        currency: currency.clone(),
        as_of: *as_of,
        levels: levels.clone(),
        criteria: criteria.clone(),
        risk_thresholds: *risk_thresholds,
        goals: goals.clone(),
        projects: projects.par_iter().cloned().collect(),
        meetings: meetings.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::parse_sequential;
    use crate::model::progress::NOBODY;

    fn project(i: usize) -> String {
        format!("Project(id: \"P{i}\", name: \"Prosjekt {i}\", goals: [\"g\"])")
    }

    fn file(items: &str) -> String {
        format!(
            "Portfolio(name: \"n\", organisation: \"o\", goals: [(id: \"g\", title: \"G\")], projects: [{items}], meetings: [])"
        )
    }

    #[test]
    fn a_split_file_reads_as_the_whole_file_does() {
        let items: Vec<String> = (0..600).map(project).collect();
        let text = file(&items.join(",\n  // a comment\n  "));
        let (p, split) = parse_split(&text, &NOBODY).expect("splits");
        assert_eq!(p, parse_sequential(&text).expect("parses"));
        assert_eq!(split.items.len(), 600);
        assert_eq!(&text[split.items[3].clone()], project(3));
        assert!(text[split.list.clone()].starts_with('[') && text[split.list].ends_with(']'));
    }

    #[test]
    fn anything_out_of_the_ordinary_is_left_to_the_whole_parse() {
        let two = format!("{}, {}", project(1), project(2));
        assert!(parse_split(&file(&two), &NOBODY).is_some());
        for odd in [
            format!("{} {}", project(1), project(2)),        // no comma
            format!("{},, {}", project(1), project(2)),      // two
            format!(", {}", project(1)),                     // one before the first
            format!("{}\u{a0}, {}", project(1), project(2)), // a space ron does not skip
            format!("{} /* /* */ */, {}", project(1), project(2)), // nested comment
            format!("{}, Some({})", project(1), project(2)), // not a project
            format!("{}, {}", project(1), project(2).replace("name", "nmae")),
        ] {
            assert!(parse_split(&file(&odd), &NOBODY).is_none(), "{odd}");
        }
        let attribute = format!("#![enable(implicit_some)]\n{}", file(&two));
        assert!(parse_split(&attribute, &NOBODY).is_none());
        assert!(parse_split("(name: \"n\")", &NOBODY).is_none());
    }

    #[test]
    fn a_copy_made_on_every_core_is_a_copy() {
        let items: Vec<String> = (0..300).map(project).collect();
        let p = parse_sequential(&file(&items.join(","))).expect("parses");
        assert_eq!(clone_on_every_core(&p), p);
    }

    #[test]
    fn text_checked_on_every_core_is_what_one_pass_says() {
        let text = "æøå 🙂 x".repeat(1 << 20).into_bytes();
        assert!(text.len() > 8 << 20);
        assert_eq!(utf8(&text).ok(), std::str::from_utf8(&text).ok());
        // A character across a piece's edge, and broken ones anywhere.
        for at in [
            4 << 20,
            (4 << 20) + 1,
            (4 << 20) + 2,
            9_000_001,
            text.len() - 1,
        ] {
            let mut broken = text.clone();
            broken[at] = 0xff;
            let one = std::str::from_utf8(&broken)
                .map(|_| ())
                .map_err(|e| e.valid_up_to());
            assert_eq!(utf8(&broken).map(|_| ()).map_err(|e| e.valid_up_to()), one);
            assert!(one.is_err());
        }
        let mut cut = text.clone();
        cut.truncate(text.len() - 1);
        assert_eq!(
            utf8(&cut).map_err(|e| e.valid_up_to()).map(|_| ()),
            std::str::from_utf8(&cut)
                .map_err(|e| e.valid_up_to())
                .map(|_| ())
        );
    }
}
