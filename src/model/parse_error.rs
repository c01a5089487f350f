//! ron's parse errors as messages that say where, which field, what it expected, what was
//! found and how to fix it.
//!
//! ron gives a place and a bare word ("Expected string"); [`super::error_context::context`] finds the
//! field whose value stands at that place and the token found there, and FORMAT.md's
//! table ([`schema`]) says what the field takes and shows it written right.

use ron::error::{Error as RonError, SpannedError};

use super::diagnostic::{Diagnostic, Pos, nearest, quoted_list};
use super::error_context::{self as syntax, Context, Token, TokenKind};
use super::load::{MAX_AMOUNT, MAX_GOAL_DEPTH, MAX_NESTING};
use super::locate::pos_of;
use super::optional::DUPLICATE_KEY;
use super::save::amount;
use super::schema::{self, Kind};
use super::types::{Date, Time};

const ENDS_EARLY: &str = "the file ends too early; a closing `)`, `]` or `}` is probably missing";

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
            (end, ENDS_EARLY.to_string())
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
            let field = match (cx.in_value, cx.subject()) {
                (true, Some(s)) => format!("{s}: "),
                _ => String::new(),
            };
            (
                start,
                format!(
                    "{field}`{found}` is not a {what}; {hint}use one of {}",
                    quoted_list(expected.iter().copied())
                ),
            )
        }
        RonError::ExpectedDifferentStructName { expected, found } => (
            start,
            format!("found `{found}(` where `{expected}(…)` belongs; write `{expected}(` or leave the name out"),
        ),
        RonError::ExceededRecursionLimit => (
            start,
            format!(
                "the file nests deeper than {MAX_NESTING} levels here; flatten the goal tree (styr reads goal trees up to {MAX_GOAL_DEPTH} levels)"
            ),
        ),
        RonError::IntegerOutOfBounds => (start, too_large(&cx)),
        RonError::Eof => (end, ENDS_EARLY.to_string()),
        RonError::TrailingCharacters => {
            // ron stands where the portfolio ended; the extra text may be far below.
            let first = syntax::skip_ws(text, at);
            let what = syntax::token_at(text, first).map(|t| found(text, Some(t)));
            (
                place(first),
                format!(
                    "text after the end of the portfolio ({}); remove it, or check for an extra `)` before it",
                    what.unwrap_or_default()
                ),
            )
        }
        RonError::ExpectedComma => {
            let inside_number = cx
                .token
                .is_some_and(|t| t.kind == TokenKind::Number && t.start < at);
            match wrong_kind(text, &cx, "a value").filter(|_| inside_number) {
                Some((offset, m)) => (place(offset), m),
                None => missing_comma(text, &cx, start),
            }
        }
        RonError::ExpectedStringEnd => {
            let what = match cx.subject() {
                Some(s) if cx.in_value => format!("the string for {s}"),
                _ => "a string".to_string(),
            };
            (start, format!("{what} is not closed; add the missing `\"`"))
        }
        RonError::UnclosedBlockComment => (
            start,
            "a `/*` comment is never closed; add `*/`".to_string(),
        ),
        RonError::ExpectedMapColon => {
            let what = cx.subject().map_or("a map".to_string(), |s| format!("the map of {s}"));
            let example = cx.field().map_or("scores: {\"goals\": 4}", |f| f.example);
            (
                start,
                format!(
                    "expected a `:` after a key in {what}, but found {}; write it like `{example}`",
                    found(text, cx.token)
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
                Some(s) if cx.in_value => format!(" after the value of {s}"),
                _ => String::new(),
            };
            (
                start,
                format!(
                    "expected a closing `{close}`{after}, but found {}; add the `{close}` or remove what is extra",
                    found(text, cx.token)
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
        RonError::InvalidEscape(what) => (
            start,
            format!(
                "{}: {} in a string; write a backslash as `\\\\` (e.g. \"C:\\\\Mapper\"), a quote as `\\\"`",
                cx.subject().filter(|_| cx.in_value).unwrap_or_else(|| "a string".to_string()),
                what.to_lowercase().trim_end_matches(" in a string"),
            ),
        ),
        RonError::ExpectedNamedStructLike(_) | RonError::ExpectedStructLike
            if looks_like_json && start.line == 1 =>
        {
            (
                start,
                "this looks like JSON; styr reads RON: `Portfolio(name: \"…\", …)` — see docs/FORMAT-GUIDE.md".to_string(),
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
            "a `#` before the portfolio starts an attribute such as `#![enable(implicit_some)]`, and this one is not complete; remove the `#` line (styr needs no attribute)".to_string(),
        ),
        RonError::UnexpectedChar(_) if cx.within.is_none() && cx.open.is_none() => (
            start,
            format!(
                "expected `Portfolio(…)` here, but found {}; a portfolio starts with `Portfolio(name: \"…\", organisation: \"…\", goals: [], projects: [])`",
                found(text, cx.token)
            ),
        ),
        RonError::ExpectedNamedStructLike(name) if cx.token.is_none() || !cx.in_value => (
            start,
            format!("expected `{name}(…)` here (the name may be left out: `(…)`)"),
        ),
        RonError::InvalidValueForType { expected, .. } => {
            match wrong_kind(text, &cx, expected) {
                Some((offset, m)) => (place(offset), m),
                None => (start, format!("{}", e.code)),
            }
        }
        other => match wrong_kind(text, &cx, &ron_expects(other)) {
            Some((offset, m)) => (place(offset), m),
            None => (start, format!("{other}")),
        },
    };
    Diagnostic::error(Some(pos), msg)
}

/// ron's own words for what it expected, for a field the table does not know.
fn ron_expects(code: &RonError) -> String {
    match code {
        RonError::ExpectedString => "text in double quotes".to_string(),
        RonError::ExpectedIdentifier => "a name without quotes".to_string(),
        RonError::ExpectedInteger => "a whole number".to_string(),
        RonError::ExpectedFloat => "a number".to_string(),
        RonError::ExpectedBoolean => "`true` or `false`".to_string(),
        RonError::ExpectedArray => "a list `[…]`".to_string(),
        RonError::ExpectedMap => "a map `{…}`".to_string(),
        RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_) => {
            "a record `(…)`".to_string()
        }
        other => {
            let words = other.to_string();
            words
                .strip_prefix("Expected ")
                .map_or(words.clone(), str::to_string)
        }
    }
}

/// "`end` in `Project`: `2027-02-30` is not a date; …" — a message from the types, with
/// the field it is about.
fn with_subject(cx: &Context, m: &str) -> String {
    match cx.subject() {
        Some(s) if cx.in_value => format!("{s}: {m}"),
        _ => m.to_string(),
    }
}

/// The field at the place takes something else than what is there: say what it takes,
/// what was found, and how to write it.
fn wrong_kind(text: &str, cx: &Context, expects: &str) -> Option<(usize, String)> {
    if !cx.in_value {
        return None;
    }
    let subject = cx.subject()?;
    let field = cx.field();
    let takes = field.map_or(expects.to_string(), |f| f.kind.expects());
    let at = cx.token.map_or(text.len(), |t| t.start);
    let fix = match field {
        Some(f) => fix(text, cx, f),
        None => "see docs/FORMAT-GUIDE.md for how it is written".to_string(),
    };
    // A bare word or number is shown to the end of the value: `Kari Nordmann`, `2026-11-22`.
    let what = match cx.token {
        Some(t) if t.kind == TokenKind::Ident && next_is_open(text, t) => {
            format!("`{}(…)`", text.get(t.start..t.end).unwrap_or(""))
        }
        Some(t) if matches!(t.kind, TokenKind::Ident | TokenKind::Number) && !cx.in_map => {
            format!("`{}`", rest_of_value(text, t))
        }
        tok => found(text, tok),
    };
    Some((
        at,
        format!("{subject} takes {takes}, but found {what}; {fix}"),
    ))
}

/// How to write the field right, as near to what was written as can be.
fn fix(text: &str, cx: &Context, f: &schema::Field) -> String {
    let like = format!("write it like `{}`", f.example);
    let Some(tok) = cx.token else {
        return like;
    };
    let word = text.get(tok.start..tok.end).unwrap_or("");
    let name = f.name;
    let unquoted = word
        .strip_prefix('"')
        .and_then(|w| w.strip_suffix('"'))
        .filter(|w| !w.contains(['"', '\\', '\n']));
    match (f.kind, tok.kind) {
        (_, TokenKind::Ident) if word == "Some" && next_is_open(text, tok) => {
            format!(
                "`{name}` is required: write it without `Some(…)`, e.g. `{}`",
                f.example
            )
        }
        (Kind::Scores, TokenKind::Ident) if cx.in_map => {
            format!("put the key in double quotes: `{{\"{word}\": …}}`")
        }
        (Kind::Variant(names), TokenKind::Str) => {
            match unquoted.and_then(|w| names.iter().find(|n| n.eq_ignore_ascii_case(w.trim()))) {
                Some(v) => format!("remove the quotes: `{name}: {v}`"),
                None => like,
            }
        }
        (kind, TokenKind::Number) if kind.is_whole() => {
            let whole = word
                .replace('_', "")
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && v.fract() == 0.0 && v.abs() <= MAX_AMOUNT as f64);
            match whole {
                Some(v) if cx.in_list || cx.in_map => {
                    format!("write whole numbers (`{}` for `{word}`)", v as i64)
                }
                Some(v) => format!("write it as a whole number: `{name}: {}`", amount(v as i64)),
                None => format!("write a whole number, e.g. `{}`", f.example),
            }
        }
        (Kind::Int(_) | Kind::Amount | Kind::Number, TokenKind::Str)
            if unquoted.is_some_and(|w| w.replace('_', "").parse::<f64>().is_ok()) =>
        {
            format!("remove the quotes: `{name}: {}`", unquoted.unwrap_or(""))
        }
        (kind, TokenKind::Str | TokenKind::Number)
            if kind.is_list() && !cx.in_list && rest_of_value(text, tok) == word =>
        {
            format!(
                "put it in square brackets: `{name}: [{}]`",
                rest_of_value(text, tok)
            )
        }
        (kind @ (Kind::Text | Kind::Date | Kind::Time), TokenKind::Ident | TokenKind::Number) => {
            let value = rest_of_value(text, tok);
            let fits = match kind {
                Kind::Date => Date::parse(&value).is_some(),
                Kind::Time => Time::parse(&value).is_some(),
                _ => !value.contains(['"', '\\']),
            };
            if fits {
                format!("put it in double quotes: `{name}: \"{value}\"`")
            } else {
                like
            }
        }
        (Kind::Texts(_), TokenKind::Ident | TokenKind::Number) if cx.in_list => {
            format!("put each item in double quotes, e.g. `{}`", f.example)
        }
        _ => like,
    }
}

/// `tok` is followed by `(`: `Some(`, `Budget(`.
fn next_is_open(text: &str, tok: Token) -> bool {
    text.as_bytes().get(syntax::skip_ws(text, tok.end)) == Some(&b'(')
}

/// The value as written from `tok` to the end of the line or the next `,`, `)`, `]`, `}`:
/// `Kari Nordmann` in `owner: Kari Nordmann,`. At most 60 characters.
fn rest_of_value(text: &str, tok: Token) -> String {
    let rest = text.get(tok.start..).unwrap_or("");
    let end = rest
        .find([',', ')', ']', '}', '\n', '\r'])
        .unwrap_or(rest.len());
    let value = rest[..end].split("//").next().unwrap_or("").trim_end();
    clip(value, 60)
}

/// How a token reads in a message: "`42`", "a list `[…]`", "the end of the file".
fn found(text: &str, tok: Option<Token>) -> String {
    let Some(t) = tok else {
        return "the end of the file".to_string();
    };
    match t.kind {
        TokenKind::Open(b'(') => "a record `(…)`".to_string(),
        TokenKind::Open(b'[') => "a list `[…]`".to_string(),
        TokenKind::Open(b'{') => "a map `{…}`".to_string(),
        _ => format!("`{}`", clip(text.get(t.start..t.end).unwrap_or(""), 40)),
    }
}

/// The first line of `s`, at most `max` characters, with `…` where it was cut.
fn clip(s: &str, max: usize) -> String {
    let line = s.lines().next().unwrap_or("");
    let mut out: String = line.chars().take(max).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// A number too large to read: amounts have their limit; other numbers their range.
fn too_large(cx: &Context) -> String {
    match (cx.subject().filter(|_| cx.in_value), cx.field()) {
        (Some(s), Some(f)) if f.kind == Kind::Amount => format!(
            "{s} is too large: amounts are at most 10^15 ({}); check for a missing separator or extra digits",
            amount(MAX_AMOUNT)
        ),
        (Some(s), Some(f)) => format!(
            "{s} takes {}, but this number is too large; check for extra digits",
            f.kind.expects()
        ),
        _ => "this number is too large (amounts are at most 10^15); check for a missing separator or extra digits".to_string(),
    }
}

/// ron wanted a `,` between two values: say between which, at the end of the first.
fn missing_comma(text: &str, cx: &Context, start: Pos) -> (Pos, String) {
    let Some(prev) = cx.prev else {
        return (
            start,
            "expected a `,` between two values or fields".to_string(),
        );
    };
    // A closing bracket of another kind than the one open: that one was never closed.
    if let (
        Some(Token {
            kind: TokenKind::Close(c),
            ..
        }),
        Some((open, open_at)),
    ) = (cx.token, cx.open)
        && c != closing(open)
    {
        let opened = pos_of(text, open_at);
        let what = match (open, cx.within) {
            (b'(', Some(s)) => format!("`{}(…)`", s.name),
            _ => format!("the `{}`", open as char),
        };
        return (
            pos_of(text, prev.end),
            format!(
                "found `{}` while {what} opened at {}:{} is still open; a closing `{}` is probably missing here",
                c as char,
                opened.line,
                opened.col,
                closing(open) as char
            ),
        );
    }
    let after = match cx.subject() {
        Some(s) if cx.in_list => format!("between two items of {s}"),
        Some(s) if cx.in_value => format!("after the value of {s}"),
        _ => format!("after {}", found(text, Some(prev))),
    };
    let numbers = prev.kind == TokenKind::Number
        && cx.token.is_some_and(|t| t.kind == TokenKind::Number)
        && !cx.in_list;
    let hint = if numbers {
        "; write a number without spaces (`2_400_000`), or add a `,` between two numbers"
    } else {
        "; add a `,` there"
    };
    (
        pos_of(text, prev.end),
        format!(
            "a `,` is missing {after}, before {}{hint}",
            found(text, cx.token)
        ),
    )
}

fn closing(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

/// Where a field's name belongs, something else stands (`"title": …`, `5`).
fn field_name_expected(text: &str, cx: &Context, start: Pos) -> (Pos, String) {
    let within = cx.within.map_or("Portfolio", |s| s.name);
    let tok_text = cx
        .token
        .and_then(|t| text.get(t.start..t.end))
        .unwrap_or("");
    let named = tok_text
        .strip_prefix('"')
        .and_then(|w| w.strip_suffix('"'))
        .and_then(|w| cx.within.and_then(|s| s.field(w)));
    let fix = match (named, cx.within) {
        (Some(f), _) => format!("write field names without quotes: `{}`", f.example),
        (None, Some(s)) => format!(
            "a field of `{within}` is one of {}",
            quoted_list(s.fields.iter().map(|f| f.name))
        ),
        (None, None) => "write `name: value`".to_string(),
    };
    (
        cx.token.map_or(start, |t| pos_of(text, t.start)),
        format!(
            "expected a field name in `{within}` here, but found {}; {fix}",
            found(text, cx.token)
        ),
    )
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
        Some(subject) => format!("the string for {subject}"),
        None => "this string".to_string(),
    };
    Some(Diagnostic::error(
        Some(opened),
        format!(
            "{what} runs on from line {} to line {}: its closing `\"` is probably missing on line {}; add it (if the text is meant to run over several lines, a `,` is missing after it)",
            opened.line, closed.line, opened.line
        ),
    ))
}
