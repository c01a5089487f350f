//! Reading a portfolio file: bytes → text → RON → [`Portfolio`], then validation.
//!
//! Every failure becomes a [`Diagnostic`] with its place and a way to fix it; nothing
//! here panics on any input.

use ron::Options;
use ron::extensions::Extensions;

use super::diagnostic::{Diagnostic, Pos};
use super::locate::{first_long_token, pos_of};
use super::msg::msg;
use super::parse_error::describe;
use super::progress::{NOBODY, Progress, Stage};
use super::split::{Split, parse_split};
use super::types::Portfolio;
use super::validate::validate_split;

/// Files above this size are refused rather than risk a very long parse.
pub const MAX_FILE_BYTES: usize = 512 * 1024 * 1024;
/// No string or number in a portfolio needs to be this long; ron is slow on such tokens.
pub const MAX_TOKEN_BYTES: usize = 1024 * 1024;
/// The deepest goal tree FORMAT.md allows.
pub const MAX_GOAL_DEPTH: usize = 31;
/// The largest amount (`planned`, `spent`, a funding's `amount`): 10^15, so that the sums
/// of any file's amounts fit in 64 bits with room to spare.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;
/// How deep values may nest (ron's own guard against stack overflow), set so that a goal
/// tree of [`MAX_GOAL_DEPTH`] levels fits and one level more does not: each level of goals
/// takes five of ron's levels (the field, the optional `children`, the list, its item, the
/// goal), and the deepest goal's own `sdgs: [..]` four more. 159, a little above ron's
/// default of 128; tests/robustness.rs runs the deepest file in a 1 MiB stack.
pub const MAX_NESTING: usize = 5 * MAX_GOAL_DEPTH + 4;
/// Files from this size up are read on every core ([`super::split`]); a smaller one
/// is read in one pass, which is as fast there.
pub const SPLIT_FROM_BYTES: usize = 32 * 1024;

/// What loading a file gave: the portfolio (when there was no error) and every finding.
#[derive(Debug)]
pub struct Loaded {
    pub portfolio: Option<Portfolio>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// The UTF-8 byte-order mark some editors (Notepad) write at the start of a file.
const BOM: char = '\u{feff}';

/// `text` without a leading byte-order mark: places count from the character after it.
fn without_bom(text: &str) -> &str {
    text.strip_prefix(BOM).unwrap_or(text)
}

/// Load and validate a file's bytes.
pub fn load_bytes(file: &[u8]) -> Loaded {
    load_bytes_with(file, &NOBODY)
}

/// [`load_bytes`], counting the projects read and checked in `progress`.
pub fn load_bytes_with(file: &[u8], progress: &Progress) -> Loaded {
    let bom = if file.starts_with("\u{feff}".as_bytes()) {
        BOM.len_utf8()
    } else {
        0
    };
    let bytes = &file[bom..];
    match super::split::utf8(bytes) {
        Ok(text) => load_str_with(text, progress),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // The valid prefix is UTF-8 by definition.
            let pos = std::str::from_utf8(good)
                .map(|t| pos_of(t, t.len()))
                .unwrap_or(Pos { line: 1, col: 1 });
            Loaded {
                portfolio: None,
                diagnostics: vec![Diagnostic::error(Some(pos), {
                    let byte = bom + e.valid_up_to();
                    msg!(
                        "the file is not valid UTF-8 (byte {byte}); save it as UTF-8 text",
                        "filen er ikke gyldig UTF-8 (byte {byte}); lagre den som UTF-8-tekst"
                    )
                })],
            }
        }
    }
}

/// Load and validate a file's text.
pub fn load_str(text: &str) -> Loaded {
    load_str_with(text, &NOBODY)
}

/// [`load_str`], counting the projects read ([`Stage::Reading`]) and checked
/// ([`Stage::Checking`]) in `progress`.
pub fn load_str_with(text: &str, progress: &Progress) -> Loaded {
    let text = without_bom(text);
    progress.begin(Stage::Reading, 0);
    match parse_with(text, progress) {
        Ok((portfolio, split)) => {
            progress.begin(Stage::Checking, portfolio.projects.len());
            let diagnostics = validate_split(&portfolio, text, split.as_ref(), progress);
            let ok = !diagnostics.iter().any(Diagnostic::is_error);
            Loaded {
                portfolio: ok.then_some(portfolio),
                diagnostics,
            }
        }
        Err(d) => Loaded {
            portfolio: None,
            diagnostics: vec![d],
        },
    }
}

/// The RON options styr reads with: `implicit_some`, ron's nesting limit.
pub fn ron_options() -> Options {
    let mut o = Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    o.recursion_limit = Some(MAX_NESTING);
    o
}

/// Parse text into a portfolio, without validation. A leading byte-order mark is skipped.
/// A large file is read on every core; the result, and every error, is
/// [`parse_sequential`]'s.
pub fn parse(text: &str) -> Result<Portfolio, Diagnostic> {
    parse_with(text, &NOBODY).map(|(p, _)| p)
}

/// [`parse`], counting the projects read in `progress` (when the file is split), and
/// where they stand when it was.
pub fn parse_with(
    text: &str,
    progress: &Progress,
) -> Result<(Portfolio, Option<Split>), Diagnostic> {
    let text = without_bom(text);
    if let Some(refused) = refusal(text) {
        return Err(refused);
    }
    if text.len() >= SPLIT_FROM_BYTES
        && let Some((p, split)) = parse_split(text, progress)
    {
        return Ok((p, Some(split)));
    }
    whole(text).map(|p| (p, None))
}

/// [`parse`] in one pass of ron over the whole text, on one core.
pub fn parse_sequential(text: &str) -> Result<Portfolio, Diagnostic> {
    let text = without_bom(text);
    match refusal(text) {
        Some(refused) => Err(refused),
        None => whole(text),
    }
}

fn whole(text: &str) -> Result<Portfolio, Diagnostic> {
    ron_options()
        .from_str::<Portfolio>(text)
        .map_err(|e| describe(text, e))
}

/// Why `text` is not parsed at all: too large, empty, or a token too long.
fn refusal(text: &str) -> Option<Diagnostic> {
    if text.len() > MAX_FILE_BYTES {
        let (size, max) = (text.len() >> 20, MAX_FILE_BYTES >> 20);
        return Some(Diagnostic::error(
            None,
            msg!(
                "the file is {size} MiB; styr reads portfolios up to {max} MiB — split it into smaller portfolios",
                "filen er på {size} MiB; styr leser porteføljer på opptil {max} MiB — del den i mindre porteføljer"
            ),
        ));
    }
    if text.trim().is_empty() {
        return Some(Diagnostic::error(
            None,
            msg!(
                "the file is empty; a portfolio starts with `Portfolio(name: \"…\", organisation: \"…\", goals: [], projects: [])`",
                "filen er tom; en portefølje begynner med `Portfolio(name: \"…\", organisation: \"…\", goals: [], projects: [])`"
            ),
        ));
    }
    first_long_token(text, MAX_TOKEN_BYTES).map(|pos| {
        let kib = MAX_TOKEN_BYTES >> 10;
        Diagnostic::error(
            Some(pos),
            msg!(
                "a string or number longer than {kib} KiB starts here; shorten it (or close a missing `\"`)",
                "en tekst eller et tall på over {kib} KiB begynner her; gjør det kortere (eller sett inn en manglende `\"`)"
            ),
        )
    })
}
