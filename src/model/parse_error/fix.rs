//! What stands where ron stopped, and how to write it right: the parts of a parse error
//! that look at the text and at FORMAT.md's table ([`schema`]), in both languages.

use crate::model::diagnostic::{Pos, quoted_list};
use crate::model::error_context::{self as syntax, Context, Token, TokenKind};
use crate::model::load::MAX_AMOUNT;
use crate::model::locate::pos_of;
use crate::model::msg::{Msg, msg};
use crate::model::save::amount;
use crate::model::schema::{self, Kind};
use crate::model::types::{Date, Time};

/// The field at the place takes something else than what is there: say what it takes,
/// what was found, and how to write it.
pub(super) fn wrong_kind(text: &str, cx: &Context, expects: Msg) -> Option<(usize, Msg)> {
    if !cx.in_value {
        return None;
    }
    let subject = cx.subject()?;
    let field = cx.field();
    let takes = field.map_or(expects, |f| f.kind.expects());
    let at = cx.token.map_or(text.len(), |t| t.start);
    let fix = match field {
        Some(f) => fix(text, cx, f),
        None => msg!(
            "see docs/FORMAT-GUIDE.md for how it is written",
            "se docs/FORMAT-GUIDE.md for hvordan det skrives"
        ),
    };
    // A bare word or number is shown to the end of the value: `Kari Nordmann`, `2026-11-22`.
    let what = match cx.token {
        Some(t) if t.kind == TokenKind::Ident && next_is_open(text, t) => {
            Msg::same(format!("`{}(…)`", text.get(t.start..t.end).unwrap_or("")))
        }
        Some(t) if matches!(t.kind, TokenKind::Ident | TokenKind::Number) && !cx.in_map => {
            Msg::same(format!("`{}`", rest_of_value(text, t)))
        }
        tok => found(text, tok),
    };
    Some((
        at,
        msg!(
            "{subject} takes {takes}, but found {what}; {fix}",
            "{subject} skal være {takes}, men fant {what}; {fix}";
            subject, takes, what, fix
        ),
    ))
}

/// How to write the field right, as near to what was written as can be.
fn fix(text: &str, cx: &Context, f: &schema::Field) -> Msg {
    let example = f.example;
    let like = msg!("write it like `{example}`", "skriv det som `{example}`");
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
        (_, TokenKind::Ident) if word == "Some" && next_is_open(text, tok) => msg!(
            "`{name}` is required: write it without `Some(…)`, e.g. `{example}`",
            "`{name}` er påkrevd: skriv det uten `Some(…)`, f.eks. `{example}`"
        ),
        (Kind::Scores, TokenKind::Ident) if cx.in_map => msg!(
            "put the key in double quotes: `{{\"{word}\": …}}`",
            "sett nøkkelen i doble anførselstegn: `{{\"{word}\": …}}`"
        ),
        (Kind::Variant(names), TokenKind::Str) => {
            match unquoted.and_then(|w| names.iter().find(|n| n.eq_ignore_ascii_case(w.trim()))) {
                Some(v) => msg!(
                    "remove the quotes: `{name}: {v}`",
                    "fjern anførselstegnene: `{name}: {v}`"
                ),
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
                    let v = v as i64;
                    msg!(
                        "write whole numbers (`{v}` for `{word}`)",
                        "skriv hele tall (`{v}` for `{word}`)"
                    )
                }
                Some(v) => {
                    let v = amount(v as i64);
                    msg!(
                        "write it as a whole number: `{name}: {v}`",
                        "skriv det som et heltall: `{name}: {v}`"
                    )
                }
                None => msg!(
                    "write a whole number, e.g. `{example}`",
                    "skriv et heltall, f.eks. `{example}`"
                ),
            }
        }
        (Kind::Int(_) | Kind::Amount | Kind::Number, TokenKind::Str)
            if unquoted.is_some_and(|w| w.replace('_', "").parse::<f64>().is_ok()) =>
        {
            let v = unquoted.unwrap_or("");
            msg!(
                "remove the quotes: `{name}: {v}`",
                "fjern anførselstegnene: `{name}: {v}`"
            )
        }
        (kind, TokenKind::Str | TokenKind::Number)
            if kind.is_list() && !cx.in_list && rest_of_value(text, tok) == word =>
        {
            let v = rest_of_value(text, tok);
            msg!(
                "put it in square brackets: `{name}: [{v}]`",
                "sett det i hakeparenteser: `{name}: [{v}]`"
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
                msg!(
                    "put it in double quotes: `{name}: \"{value}\"`",
                    "sett det i doble anførselstegn: `{name}: \"{value}\"`"
                )
            } else {
                like
            }
        }
        (Kind::Texts(_), TokenKind::Ident | TokenKind::Number) if cx.in_list => msg!(
            "put each item in double quotes, e.g. `{example}`",
            "sett hvert element i doble anførselstegn, f.eks. `{example}`"
        ),
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
pub(super) fn found(text: &str, tok: Option<Token>) -> Msg {
    let Some(t) = tok else {
        return msg!("the end of the file", "slutten av filen");
    };
    match t.kind {
        TokenKind::Open(b'(') => msg!("a record `(…)`", "en post `(…)`"),
        TokenKind::Open(b'[') => msg!("a list `[…]`", "en liste `[…]`"),
        TokenKind::Open(b'{') => msg!("a map `{{…}}`", "en tabell `{{…}}`"),
        _ => Msg::same(format!(
            "`{}`",
            clip(text.get(t.start..t.end).unwrap_or(""), 40)
        )),
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
pub(super) fn too_large(cx: &Context) -> Msg {
    match (cx.subject().filter(|_| cx.in_value), cx.field()) {
        (Some(s), Some(f)) if f.kind == Kind::Amount => {
            let max = amount(MAX_AMOUNT);
            msg!(
                "{s} is too large: amounts are at most 10^15 ({max}); check for a missing separator or extra digits",
                "{s} er for stort: beløp er høyst 10^15 ({max}); se etter et manglende skilletegn eller sifre for mye";
                s
            )
        }
        (Some(s), Some(f)) => {
            let takes = f.kind.expects();
            msg!(
                "{s} takes {takes}, but this number is too large; check for extra digits",
                "{s} skal være {takes}, men dette tallet er for stort; se etter sifre for mye";
                s, takes
            )
        }
        _ => msg!(
            "this number is too large (amounts are at most 10^15); check for a missing separator or extra digits",
            "dette tallet er for stort (beløp er høyst 10^15); se etter et manglende skilletegn eller sifre for mye"
        ),
    }
}

/// ron wanted a `,` between two values: say between which, at the end of the first.
pub(super) fn missing_comma(text: &str, cx: &Context, start: Pos) -> (Pos, Msg) {
    let Some(prev) = cx.prev else {
        return (
            start,
            msg!(
                "expected a `,` between two values or fields",
                "ventet en `,` mellom to verdier eller felt"
            ),
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
        let bracket = open as char;
        let what = match (open, cx.within) {
            (b'(', Some(s)) => Msg::same(format!("`{}(…)`", s.name)),
            _ => msg!("the `{bracket}`", "`{bracket}`"),
        };
        let (c, close, line, col) = (c as char, closing(open) as char, opened.line, opened.col);
        return (
            pos_of(text, prev.end),
            msg!(
                "found `{c}` while {what} opened at {line}:{col} is still open; a closing `{close}` is probably missing here",
                "fant `{c}` mens {what} fra {line}:{col} fortsatt er åpen; en avsluttende `{close}` mangler trolig her";
                what
            ),
        );
    }
    let after = match cx.subject() {
        Some(s) if cx.in_list => msg!("between two items of {s}", "mellom to elementer i {s}"; s),
        Some(s) if cx.in_value => msg!("after the value of {s}", "etter verdien av {s}"; s),
        _ => {
            let prev = found(text, Some(prev));
            msg!("after {prev}", "etter {prev}"; prev)
        }
    };
    let numbers = prev.kind == TokenKind::Number
        && cx.token.is_some_and(|t| t.kind == TokenKind::Number)
        && !cx.in_list;
    let hint = if numbers {
        msg!(
            "; write a number without spaces (`2_400_000`), or add a `,` between two numbers",
            "; skriv tall uten mellomrom (`2_400_000`), eller sett inn en `,` mellom to tall"
        )
    } else {
        msg!("; add a `,` there", "; sett inn en `,` der")
    };
    let found = found(text, cx.token);
    (
        pos_of(text, prev.end),
        msg!(
            "a `,` is missing {after}, before {found}{hint}",
            "det mangler en `,` {after}, foran {found}{hint}";
            after, found, hint
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
pub(super) fn field_name_expected(text: &str, cx: &Context, start: Pos) -> (Pos, Msg) {
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
        (Some(f), _) => {
            let example = f.example;
            msg!(
                "write field names without quotes: `{example}`",
                "skriv feltnavn uten anførselstegn: `{example}`"
            )
        }
        (None, Some(s)) => {
            let list = quoted_list(s.fields.iter().map(|f| f.name));
            msg!(
                "a field of `{within}` is one of {list}",
                "et felt i `{within}` er ett av {list}"
            )
        }
        (None, None) => msg!("write `name: value`", "skriv `felt: verdi`"),
    };
    let found = found(text, cx.token);
    (
        cx.token.map_or(start, |t| pos_of(text, t.start)),
        msg!(
            "expected a field name in `{within}` here, but found {found}; {fix}",
            "ventet et feltnavn i `{within}` her, men fant {found}; {fix}";
            found, fix
        ),
    )
}
