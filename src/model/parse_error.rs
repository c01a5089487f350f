//! ron's parse errors as messages that say where, which field, what it expected, what was
//! found and how to fix it.
//!
//! ron gives a place and a bare word ("Expected string"); [`super::error_context::context`] finds the
//! field whose value stands at that place and the token found there, and FORMAT.md's
//! table ([`super::schema`]) says what the field takes and shows it written right
//! ([`fix`]). Every message is in English and bokmål ([`super::msg`]); ron's own words
//! are kept, quoted, where styr has nothing better, and the messages of styr's own types
//! that come back inside ron's error are known again and translated ([`custom`]).

pub(super) mod custom;
mod fix;

use ron::error::{Error as RonError, SpannedError};

use super::diagnostic::{Diagnostic, Pos, nearest, quoted_list};
use super::error_context::{self as syntax, Context, TokenKind};
use super::load::{MAX_GOAL_DEPTH, MAX_NESTING};
use super::locate::pos_of;
use super::msg::{Msg, msg};
use custom::DUPLICATE_KEY;
use fix::{field_name_expected, found, missing_comma, too_large, wrong_kind};

fn ends_early() -> Msg {
    msg!(
        "the file ends too early; a closing `)`, `]` or `}}` is probably missing",
        "filen slutter for tidlig; en avsluttende `)`, `]` eller `}}` mangler trolig"
    )
}

/// Turn ron's error into a message that says what, where and how to fix it.
pub fn describe(text: &str, e: SpannedError) -> Diagnostic {
    let start = Pos {
        line: e.span.start.line,
        col: e.span.start.col,
    };
    let end = Pos {
        line: e.span.end.line,
        col: e.span.end.col,
    };
    let at = syntax::offset_of(text, start.line, start.col);
    let cx = syntax::context(text, at);
    let place = |offset: usize| pos_of(text, offset);
    let in_outer = |outer: &Option<String>| match outer.as_deref() {
        Some(o) => msg!(" in `{o}`", " i `{o}`"),
        None => Msg::default(),
    };
    let looks_like_json = text.trim_start().starts_with('{');
    let trimmed = text.trim_end();
    let last_char = trimmed.len() - trimmed.chars().last().map_or(0, char::len_utf8);
    let at_end = end > pos_of(text, last_char);
    if let Some(d) = unclosed_string(text, &cx, &e.code) {
        return d;
    }
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
            (end, ends_early())
        }
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let hint = match nearest(found, expected.iter().copied()) {
                Some(n) => msg!("did you mean `{n}`?", "mente du `{n}`?"),
                None => {
                    let list = quoted_list(expected.iter().copied());
                    msg!("known fields: {list}", "kjente felt: {list}")
                }
            };
            let within = in_outer(outer);
            (
                start,
                msg!(
                    "unknown field `{found}`{within}; {hint}",
                    "ukjent felt `{found}`{within}; {hint}";
                    within, hint
                ),
            )
        }
        RonError::MissingStructField { field, outer } => {
            let within = in_outer(outer);
            (
                start,
                msg!(
                    "missing required field `{field}`{within}; add `{field}: …` before the closing `)`",
                    "det påkrevde feltet `{field}` mangler{within}; legg til `{field}: …` før den avsluttende `)`";
                    within
                ),
            )
        }
        RonError::DuplicateStructField { field, outer } => {
            let within = in_outer(outer);
            (
                start,
                msg!(
                    "field `{field}` is written twice{within}; keep one of them",
                    "feltet `{field}` er skrevet to ganger{within}; behold ett av dem";
                    within
                ),
            )
        }
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let what = match outer.as_deref() {
                Some(o) => Msg::same(o),
                None => msg!("value", "gyldig verdi"),
            };
            let hint = match nearest(found, expected.iter().copied()) {
                Some(n) => msg!("did you mean `{n}`? ", "mente du `{n}`? "),
                None => Msg::default(),
            };
            let field = match (cx.in_value, cx.subject()) {
                (true, Some(s)) => s.map(|_, s| format!("{s}: ")),
                _ => Msg::default(),
            };
            let list = quoted_list(expected.iter().copied());
            (
                start,
                msg!(
                    "{field}`{found}` is not a {what}; {hint}use one of {list}",
                    "{field}`{found}` er ikke en {what}; {hint}bruk en av {list}";
                    field, what, hint
                ),
            )
        }
        RonError::ExpectedDifferentStructName { expected, found } => (
            start,
            msg!(
                "found `{found}(` where `{expected}(…)` belongs; write `{expected}(` or leave the name out",
                "fant `{found}(` der `{expected}(…)` hører hjemme; skriv `{expected}(` eller utelat navnet"
            ),
        ),
        RonError::ExceededRecursionLimit => (
            start,
            msg!(
                "the file nests deeper than {MAX_NESTING} levels here; flatten the goal tree (styr reads goal trees up to {MAX_GOAL_DEPTH} levels)",
                "filen er nøstet dypere enn {MAX_NESTING} nivåer her; gjør måltreet flatere (styr leser måltrær med opptil {MAX_GOAL_DEPTH} nivåer)"
            ),
        ),
        RonError::IntegerOutOfBounds => (start, too_large(&cx)),
        RonError::Eof => (end, ends_early()),
        RonError::TrailingCharacters => {
            // ron stands where the portfolio ended; the extra text may be far below.
            let first = syntax::skip_ws(text, at);
            let what = syntax::token_at(text, first)
                .map(|t| found(text, Some(t)))
                .unwrap_or_default();
            (
                place(first),
                msg!(
                    "text after the end of the portfolio ({what}); remove it, or check for an extra `)` before it",
                    "tekst etter slutten av porteføljen ({what}); fjern den, eller se etter en `)` for mye foran den";
                    what
                ),
            )
        }
        RonError::ExpectedComma => {
            let inside_number = cx
                .token
                .is_some_and(|t| t.kind == TokenKind::Number && t.start < at);
            match wrong_kind(text, &cx, msg!("a value", "en verdi")).filter(|_| inside_number) {
                Some((offset, m)) => (place(offset), m),
                None => missing_comma(text, &cx, start),
            }
        }
        RonError::ExpectedStringEnd => {
            let what = match cx.subject() {
                Some(s) if cx.in_value => msg!("the string for {s}", "teksten for {s}"; s),
                _ => msg!("a string", "en tekst"),
            };
            (
                start,
                msg!(
                    "{what} is not closed; add the missing `\"`",
                    "{what} er ikke avsluttet; legg til den manglende `\"`";
                    what
                ),
            )
        }
        RonError::UnclosedBlockComment => (
            start,
            msg!(
                "a `/*` comment is never closed; add `*/`",
                "en `/*`-kommentar blir aldri avsluttet; legg til `*/`"
            ),
        ),
        RonError::ExpectedMapColon => {
            let what = match cx.subject() {
                Some(s) => msg!("the map of {s}", "tabellen for {s}"; s),
                None => msg!("a map", "en tabell"),
            };
            let example = cx.field().map_or("scores: {\"goals\": 4}", |f| f.example);
            let found = found(text, cx.token);
            (
                start,
                msg!(
                    "expected a `:` after a key in {what}, but found {found}; write it like `{example}`",
                    "ventet `:` etter en nøkkel i {what}, men fant {found}; skriv det som `{example}`";
                    what, found
                ),
            )
        }
        RonError::ExpectedStructLikeEnd
        | RonError::ExpectedOptionEnd
        | RonError::ExpectedArrayEnd
        | RonError::ExpectedMapEnd => {
            let close = match e.code {
                RonError::ExpectedArrayEnd => ']',
                RonError::ExpectedMapEnd => '}',
                _ => ')',
            };
            let after = match cx.subject() {
                Some(s) if cx.in_value => {
                    msg!(" after the value of {s}", " etter verdien av {s}"; s)
                }
                _ => Msg::default(),
            };
            let found = found(text, cx.token);
            (
                start,
                msg!(
                    "expected a closing `{close}`{after}, but found {found}; add the `{close}` or remove what is extra",
                    "ventet en avsluttende `{close}`{after}, men fant {found}; legg til `{close}` eller fjern det som er for mye";
                    after, found
                ),
            )
        }
        RonError::Message(m) if m.starts_with(DUPLICATE_KEY) => {
            // ron stands inside the second key's quotes: place it at the key itself.
            let key_at = cx
                .token
                .filter(|t| t.kind == TokenKind::Str)
                .map_or(start, |t| place(t.start));
            (key_at, with_subject(&cx, m))
        }
        RonError::Message(m) => (start, with_subject(&cx, m)),
        RonError::InvalidEscape(what) => {
            let subject = cx
                .subject()
                .filter(|_| cx.in_value)
                .unwrap_or_else(|| msg!("a string", "en tekst"));
            let what = what.to_lowercase();
            let what = what.trim_end_matches(" in a string");
            (
                start,
                msg!(
                    "{subject}: {what} in a string; write a backslash as `\\\\` (e.g. \"C:\\\\Mapper\"), a quote as `\\\"`",
                    "{subject}: ugyldig `\\` i en tekst («{what}»); skriv en omvendt skråstrek som `\\\\` (f.eks. \"C:\\\\Mapper\"), et anførselstegn som `\\\"`";
                    subject
                ),
            )
        }
        RonError::ExpectedNamedStructLike(_) | RonError::ExpectedStructLike
            if looks_like_json && start.line == 1 =>
        {
            (
                start,
                msg!(
                    "this looks like JSON; styr reads RON: `Portfolio(name: \"…\", …)` — see docs/FORMAT-GUIDE.md",
                    "dette ser ut som JSON; styr leser RON: `Portfolio(name: \"…\", …)` — se docs/FORMAT-GUIDE.md"
                ),
            )
        }
        RonError::ExpectedIdentifier
        | RonError::UnexpectedChar(_)
        | RonError::SuggestRawIdentifier(_)
        | RonError::InvalidIdentifier(_)
            if !cx.in_value && cx.within.is_some() =>
        {
            field_name_expected(text, &cx, start)
        }
        RonError::ExpectedAttribute
        | RonError::ExpectedAttributeEnd
        | RonError::NoSuchExtension(_) => (
            // ron stands where it gave up, perhaps lines below: point at the `#`.
            Some(syntax::skip_ws(text, 0))
                .filter(|&i| text[i..].starts_with('#'))
                .map_or(start, place),
            msg!(
                "a `#` before the portfolio starts an attribute such as `#![enable(implicit_some)]`, and this one is not complete; remove the `#` line (styr needs no attribute)",
                "en `#` foran porteføljen starter et attributt som `#![enable(implicit_some)]`, og dette er ikke fullstendig; fjern `#`-linjen (styr trenger ingen attributter)"
            ),
        ),
        RonError::UnexpectedChar(_) if cx.within.is_none() && cx.open.is_none() => {
            let found = found(text, cx.token);
            (
                start,
                msg!(
                    "expected `Portfolio(…)` here, but found {found}; a portfolio starts with `Portfolio(name: \"…\", organisation: \"…\", goals: [], projects: [])`",
                    "ventet `Portfolio(…)` her, men fant {found}; en portefølje begynner med `Portfolio(name: \"…\", organisation: \"…\", goals: [], projects: [])`";
                    found
                ),
            )
        }
        RonError::ExpectedNamedStructLike(name) if cx.token.is_none() || !cx.in_value => (
            start,
            msg!(
                "expected `{name}(…)` here (the name may be left out: `(…)`)",
                "ventet `{name}(…)` her (navnet kan utelates: `(…)`)"
            ),
        ),
        RonError::InvalidValueForType { expected, .. } => {
            match wrong_kind(text, &cx, ron_words(expected)) {
                Some((offset, m)) => (place(offset), m),
                None => (start, ron_says(&e.code)),
            }
        }
        other => match wrong_kind(text, &cx, ron_expects(other)) {
            Some((offset, m)) => (place(offset), m),
            None => (start, ron_says(other)),
        },
    };
    Diagnostic::error(Some(pos), msg)
}

/// What ron expected, for a field the table does not know.
fn ron_expects(code: &RonError) -> Msg {
    match code {
        RonError::ExpectedString => msg!("text in double quotes", "tekst i doble anførselstegn"),
        RonError::ExpectedIdentifier => {
            msg!("a name without quotes", "et navn uten anførselstegn")
        }
        RonError::ExpectedInteger => msg!("a whole number", "et heltall"),
        RonError::ExpectedFloat => msg!("a number", "et tall"),
        RonError::ExpectedBoolean => msg!("`true` or `false`", "`true` eller `false`"),
        RonError::ExpectedArray => msg!("a list `[…]`", "en liste `[…]`"),
        RonError::ExpectedMap => msg!("a map `{{…}}`", "en tabell `{{…}}`"),
        RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_) => {
            msg!("a record `(…)`", "en post `(…)`")
        }
        other => {
            let words = other.to_string();
            ron_words(words.strip_prefix("Expected ").unwrap_or(&words))
        }
    }
}

/// ron's own words, quoted where they stand in a Norwegian sentence.
fn ron_words(words: &str) -> Msg {
    Msg::new(words, format!("«{words}»"))
}

/// ron's error as ron words it, when styr has nothing better to say.
fn ron_says(code: &RonError) -> Msg {
    let words = code.to_string();
    Msg::new(&words, format!("feil i RON-teksten: «{words}»"))
}

/// "`end` in `Project`: `2027-02-30` is not a date; …" — a message from the types, with
/// the field it is about.
fn with_subject(cx: &Context, m: &str) -> Msg {
    let m = custom::translate(m);
    match cx.subject() {
        Some(s) if cx.in_value => msg!("{s}: {m}", "{s}: {m}"; s, m),
        _ => m,
    }
}

/// A string that runs over a line end, right before an error that a string closed where
/// it should have been would not have: most likely its closing `"` is missing, and the
/// string swallowed text up to the next `"`. Placed at the string's opening quote.
fn unclosed_string(text: &str, cx: &Context, code: &RonError) -> Option<Diagnostic> {
    let syntax_error = matches!(
        code,
        RonError::ExpectedComma
            | RonError::ExpectedStructLikeEnd
            | RonError::ExpectedArrayEnd
            | RonError::ExpectedMapEnd
            | RonError::ExpectedMapColon
            | RonError::ExpectedOptionEnd
            | RonError::ExpectedIdentifier
            | RonError::TrailingCharacters
            | RonError::UnexpectedChar(_)
    );
    let s = cx.prev.filter(|t| t.kind == TokenKind::Str)?;
    let body = text.get(s.start..s.end)?;
    if !syntax_error || !body.contains('\n') {
        return None;
    }
    let opened = pos_of(text, s.start);
    let closed = pos_of(text, s.end);
    let what = match cx.subject() {
        Some(s) => msg!("the string for {s}", "teksten for {s}"; s),
        None => msg!("this string", "denne teksten"),
    };
    let (from, to) = (opened.line, closed.line);
    Some(Diagnostic::error(
        Some(opened),
        msg!(
            "{what} runs on from line {from} to line {to}: its closing `\"` is probably missing on line {from}; add it (if the text is meant to run over several lines, a `,` is missing after it)",
            "{what} går fra linje {from} til linje {to}: den avsluttende `\"` mangler trolig på linje {from}; legg den til (hvis teksten skal gå over flere linjer, mangler det en `,` etter den)";
            what
        ),
    ))
}
