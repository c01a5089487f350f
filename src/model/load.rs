//! Reading a portfolio file: bytes → text → RON → [`Portfolio`], then validation.
//!
//! Every failure becomes a [`Diagnostic`] with its place and a way to fix it; nothing
//! here panics on any input.

use ron::Options;
use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;

use super::diagnostic::{Diagnostic, Pos, nearest, quoted_list};
use super::locate::{first_long_token, pos_of};
use super::types::Portfolio;
use super::validate::validate;

/// Files above this size are refused rather than risk a very long parse.
pub const MAX_FILE_BYTES: usize = 512 * 1024 * 1024;
/// No string or number in a portfolio needs to be this long; ron is slow on such tokens.
pub const MAX_TOKEN_BYTES: usize = 1024 * 1024;
/// The deepest goal tree FORMAT.md allows.
pub const MAX_GOAL_DEPTH: usize = 31;
/// How deep values may nest (ron's own guard against stack overflow), set so that a goal
/// tree of [`MAX_GOAL_DEPTH`] levels fits and one level more does not: each level of goals
/// takes five of ron's levels (the field, the optional `children`, the list, its item, the
/// goal), and the deepest goal's own `sdgs: [..]` four more. 159, a little above ron's
/// default of 128; tests/robustness.rs runs the deepest file in a 1 MiB stack.
pub const MAX_NESTING: usize = 5 * MAX_GOAL_DEPTH + 4;

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
    let bom = if file.starts_with("\u{feff}".as_bytes()) {
        BOM.len_utf8()
    } else {
        0
    };
    let bytes = &file[bom..];
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(text),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // The valid prefix is UTF-8 by definition.
            let pos = std::str::from_utf8(good)
                .map(|t| pos_of(t, t.len()))
                .unwrap_or(Pos { line: 1, col: 1 });
            Loaded {
                portfolio: None,
                diagnostics: vec![Diagnostic::error(
                    Some(pos),
                    format!(
                        "the file is not valid UTF-8 (byte {}); save it as UTF-8 text",
                        bom + e.valid_up_to()
                    ),
                )],
            }
        }
    }
}

/// Load and validate a file's text.
pub fn load_str(text: &str) -> Loaded {
    let text = without_bom(text);
    match parse(text) {
        Ok(portfolio) => {
            let diagnostics = validate(&portfolio, text);
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
pub fn parse(text: &str) -> Result<Portfolio, Diagnostic> {
    let text = without_bom(text);
    if text.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            None,
            format!(
                "the file is {} MiB; styr reads portfolios up to {} MiB — split it into smaller portfolios",
                text.len() >> 20,
                MAX_FILE_BYTES >> 20
            ),
        ));
    }
    if text.trim().is_empty() {
        return Err(Diagnostic::error(
            None,
            "the file is empty; a portfolio starts with `Portfolio(name: \"…\", organisation: \"…\", goals: [], projects: [])`",
        ));
    }
    if let Some(pos) = first_long_token(text, MAX_TOKEN_BYTES) {
        return Err(Diagnostic::error(
            Some(pos),
            format!(
                "a string or number longer than {} KiB starts here; shorten it (or close a missing `\"`)",
                MAX_TOKEN_BYTES >> 10
            ),
        ));
    }
    ron_options()
        .from_str::<Portfolio>(text)
        .map_err(|e| describe(text, e))
}

/// Turn ron's error into a message that says what, where and how to fix it.
fn describe(text: &str, e: SpannedError) -> Diagnostic {
    let start = Pos {
        line: e.span.start.line,
        col: e.span.start.col,
    };
    let end = Pos {
        line: e.span.end.line,
        col: e.span.end.col,
    };
    let in_outer = |outer: &Option<String>| {
        outer
            .as_deref()
            .map(|o| format!(" in `{o}`"))
            .unwrap_or_default()
    };
    let looks_like_json = text.trim_start().starts_with('{');
    let trimmed = text.trim_end();
    let last_char = trimmed.len() - trimmed.chars().last().map_or(0, char::len_utf8);
    let at_end = end > pos_of(text, last_char);
    let (pos, msg) = match &e.code {
        // The parser ran into the end of the text: whatever it expected (a comma, a
        // field's colon, the rest of `Amber`), the file was cut short. Errors that have a
        // better message of their own, or that stand at a complete file's last `)`, keep it.
        code if at_end
            && !matches!(
                code,
                RonError::MissingStructField { .. }
                    | RonError::TrailingCharacters
                    | RonError::ExceededRecursionLimit
                    | RonError::ExpectedStringEnd
                    | RonError::UnclosedBlockComment
            ) =>
        {
            (
                end,
                "the file ends too early; a closing `)`, `]` or `}` is probably missing".to_string(),
            )
        }
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let hint = match nearest(found, expected.iter().copied()) {
                Some(n) => format!("did you mean `{n}`?"),
                None => format!("known fields: {}", quoted_list(expected.iter().copied())),
            };
            (
                start,
                format!("unknown field `{found}`{}; {hint}", in_outer(outer)),
            )
        }
        RonError::MissingStructField { field, outer } => (
            start,
            format!(
                "missing required field `{field}`{}; add `{field}: …` before the closing `)`",
                in_outer(outer)
            ),
        ),
        RonError::DuplicateStructField { field, outer } => (
            start,
            format!(
                "field `{field}` is written twice{}; keep one of them",
                in_outer(outer)
            ),
        ),
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let what = outer.as_deref().unwrap_or("value");
            let hint = match nearest(found, expected.iter().copied()) {
                Some(n) => format!("did you mean `{n}`? "),
                None => String::new(),
            };
            (
                start,
                format!(
                    "`{found}` is not a {what}; {hint}use one of {}",
                    quoted_list(expected.iter().copied())
                ),
            )
        }
        RonError::ExpectedDifferentStructName { expected, found } => (
            start,
            format!("found `{found}(` where a `{expected}` belongs; write `{expected}(` or leave the name out"),
        ),
        RonError::ExceededRecursionLimit => (
            start,
            format!(
                "the file nests deeper than {MAX_NESTING} levels here; flatten the goal tree (styr reads goal trees up to {MAX_GOAL_DEPTH} levels)"
            ),
        ),
        RonError::IntegerOutOfBounds => (
            start,
            "this number is too large (amounts must fit in 64 bits); check for a missing separator or extra digits".to_string(),
        ),
        RonError::Eof => (
            end,
            "the file ends too early; a closing `)`, `]` or `}` is probably missing".to_string(),
        ),
        RonError::TrailingCharacters => (
            start,
            "text after the end of the portfolio; remove it or check for an extra `)`".to_string(),
        ),
        RonError::ExpectedComma => (start, "expected a `,` between two values or fields".to_string()),
        RonError::ExpectedStringEnd => (
            start,
            "a string is not closed; add the missing `\"`".to_string(),
        ),
        RonError::UnclosedBlockComment => (
            start,
            "a `/*` comment is never closed; add `*/`".to_string(),
        ),
        RonError::InvalidValueForType { expected, found } => (
            start,
            format!("expected {expected} but found {found}"),
        ),
        RonError::Message(m) => (start, m.clone()),
        RonError::ExpectedNamedStructLike(_) | RonError::ExpectedStructLike
            if looks_like_json && start.line == 1 =>
        {
            (
                start,
                "this looks like JSON; styr reads RON: `Portfolio(name: \"…\", …)` — see docs/FORMAT-GUIDE.md".to_string(),
            )
        }
        RonError::ExpectedNamedStructLike(name) => (
            start,
            format!("expected `{name}(…)` here (the name may be left out: `(…)`)"),
        ),
        other => (start, format!("{other}")),
    };
    Diagnostic::error(Some(pos), msg)
}
