//! The text around a parse error: which field's value stands at the error, in which
//! struct, and what token was found there.
//!
//! ron says where it stopped and what it expected, not which field it was reading. This
//! scanner reads the text from the start up to that place, token by token, tolerating
//! anything (the text is known to be broken), and keeps a stack of the brackets open
//! there: for each `(` the struct it opens (followed through FORMAT.md's table, so that
//! `budget: (…)` is a `Budget`) and the last `field:` read in it. It only runs when a file
//! has failed to parse, and costs one pass over the text up to the error.

use super::msg::{Msg, msg};
use super::schema::{self, Kind, Struct};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Open(u8),
    Close(u8),
    Comma,
    Colon,
    /// A quoted string (`"…"`, `r#"…"#`, `b"…"`) or char; may run to the end of the text.
    Str,
    Number,
    Ident,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// Byte offsets into the text.
    pub start: usize,
    pub end: usize,
}

/// What stands at a place in the text.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The innermost struct open at the place, if FORMAT.md's table knows it.
    pub within: Option<&'static Struct>,
    /// The last `field:` read in that struct, and where its name starts.
    pub key: Option<(String, usize)>,
    /// The place is in that field's value (after its `:`, perhaps inside a list, a map or
    /// `Some(…)`), not where the next field's name belongs.
    pub in_value: bool,
    /// The place is inside a list in that value (`sdgs: [13.0]`).
    pub in_list: bool,
    /// The place is inside a map in that value (`scores: {"goals": 4.5}`).
    pub in_map: bool,
    /// The innermost bracket open at the place, and its offset.
    pub open: Option<(u8, usize)>,
    /// The token at the place (containing it, or the first one after it).
    pub token: Option<Token>,
    /// The token before that one.
    pub prev: Option<Token>,
}

impl Context {
    /// The field whose value stands at the place, as FORMAT.md's table describes it.
    pub fn field(&self) -> Option<&'static schema::Field> {
        let (name, _) = self.key.as_ref()?;
        self.within?.field(name)
    }

    /// "`planned` in `Budget`" / "`planned` i `Budget`", or "`planned`" for a struct the
    /// table does not know.
    pub fn subject(&self) -> Option<Msg> {
        let (name, _) = self.key.as_ref()?;
        Some(match self.within {
            Some(s) => {
                let s = s.name;
                msg!("`{name}` in `{s}`", "`{name}` i `{s}`")
            }
            None => Msg::same(format!("`{name}`")),
        })
    }
}

/// What a bracket opened.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// The top-level value: a portfolio.
    Root,
    /// A value of this kind.
    Kind(Kind),
    /// A struct of this name (an item of a list of structs).
    Named(&'static str),
    Unknown,
}

#[derive(Debug)]
enum Frame {
    Struct {
        of: Option<&'static Struct>,
        key: Option<(String, usize)>,
        in_value: bool,
    },
    List(Slot),
    Map,
    /// `Some(…)`: the value inside stands where `Some` stands.
    Some(Slot),
    Other,
}

/// The context at byte offset `at` of `text`.
pub fn context(text: &str, at: usize) -> Context {
    let mut stack: Vec<Frame> = Vec::new();
    let mut opens: Vec<(u8, usize)> = Vec::new();
    let mut prev: Option<Token> = None;
    let mut i = 0;
    let token = loop {
        i = skip_ws(text, i);
        let Some(tok) = token_at(text, i) else {
            break None;
        };
        if tok.end > at {
            break Some(tok);
        }
        apply(text, &mut stack, tok, prev);
        match tok.kind {
            TokenKind::Open(c) => opens.push((c, tok.start)),
            TokenKind::Close(_) => {
                opens.pop();
            }
            _ => {}
        }
        prev = Some(tok);
        i = tok.end;
    };
    let mut cx = Context {
        token,
        prev,
        open: opens.last().copied(),
        ..Context::default()
    };
    let mut nested = false;
    for frame in stack.iter().rev() {
        match frame {
            Frame::Struct { of, key, in_value } => {
                cx.within = *of;
                cx.key = key.clone();
                cx.in_value = *in_value || nested;
                break;
            }
            Frame::Other => break,
            Frame::List(_) => {
                cx.in_list = true;
                nested = true;
            }
            Frame::Map => {
                cx.in_map = true;
                nested = true;
            }
            Frame::Some(_) => nested = true,
        }
    }
    cx
}

/// What a value at the top of `stack` is expected to be.
fn slot(stack: &[Frame]) -> Slot {
    match stack.last() {
        None => Slot::Root,
        Some(Frame::Struct {
            of: Some(s),
            key: Some((k, _)),
            in_value: true,
        }) => s.field(k).map_or(Slot::Unknown, |f| Slot::Kind(f.kind)),
        Some(Frame::List(s) | Frame::Some(s)) => *s,
        Some(_) => Slot::Unknown,
    }
}

fn apply(text: &str, stack: &mut Vec<Frame>, tok: Token, prev: Option<Token>) {
    let word = |t: Option<Token>| t.and_then(|t| text.get(t.start..t.end));
    match tok.kind {
        TokenKind::Open(b'(') => {
            let here = slot(stack);
            let after_some =
                prev.is_some_and(|p| p.kind == TokenKind::Ident) && word(prev) == Some("Some");
            let frame = if after_some {
                Frame::Some(here)
            } else {
                let of = match here {
                    Slot::Root => Some(schema::portfolio()),
                    Slot::Named(n) | Slot::Kind(Kind::Struct(n)) => schema::lookup(n),
                    _ => None,
                };
                Frame::Struct {
                    of,
                    key: None,
                    in_value: false,
                }
            };
            stack.push(frame);
        }
        TokenKind::Open(b'[') => {
            let item = match slot(stack) {
                Slot::Kind(Kind::Structs(n)) => Slot::Named(n),
                _ => Slot::Unknown,
            };
            stack.push(Frame::List(item));
        }
        TokenKind::Open(b'{') => stack.push(Frame::Map),
        TokenKind::Open(_) => stack.push(Frame::Other),
        TokenKind::Close(_) => {
            stack.pop();
        }
        TokenKind::Colon => {
            if let Some(Frame::Struct { key, in_value, .. }) = stack.last_mut()
                && let Some(p) = prev.filter(|p| p.kind == TokenKind::Ident)
                && !*in_value
            {
                *key = text.get(p.start..p.end).map(|w| (w.to_string(), p.start));
                *in_value = true;
            }
        }
        TokenKind::Comma => {
            if let Some(Frame::Struct { in_value, .. }) = stack.last_mut() {
                *in_value = false;
            }
        }
        _ => {}
    }
}

/// Past whitespace and comments from `i`.
pub fn skip_ws(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    loop {
        match (b.get(i), b.get(i + 1)) {
            (Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c), _) => i += 1,
            (Some(b'/'), Some(b'/')) => {
                i = b[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |k| i + k + 1);
            }
            (Some(b'/'), Some(b'*')) => {
                let mut level = 1usize;
                i += 2;
                while level > 0 && i < b.len() {
                    match (b[i], b.get(i + 1)) {
                        (b'*', Some(b'/')) => {
                            level -= 1;
                            i += 2;
                        }
                        (b'/', Some(b'*')) => {
                            level += 1;
                            i += 2;
                        }
                        _ => i += 1,
                    }
                }
            }
            (Some(&c), _) if c >= 0x80 => match text.get(i..).and_then(|t| t.chars().next()) {
                Some(ch) if ch.is_whitespace() => i += ch.len_utf8(),
                _ => return i,
            },
            _ => return i,
        }
    }
}

/// The token that starts at `i` (which is past whitespace), or `None` at the end.
pub fn token_at(text: &str, i: usize) -> Option<Token> {
    let b = text.as_bytes();
    let c = *b.get(i)?;
    let tok = |kind, end: usize| {
        Some(Token {
            kind,
            start: i,
            end: end.min(b.len()),
        })
    };
    let digit_at = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    match c {
        b'(' | b'[' | b'{' => tok(TokenKind::Open(c), i + 1),
        b')' | b']' | b'}' => tok(TokenKind::Close(c), i + 1),
        b',' => tok(TokenKind::Comma, i + 1),
        b':' => tok(TokenKind::Colon, i + 1),
        b'"' | b'\'' => tok(TokenKind::Str, quoted_end(b, i)),
        b'b' if matches!(b.get(i + 1), Some(b'"' | b'\'')) => {
            tok(TokenKind::Str, quoted_end(b, i + 1))
        }
        b'r' if raw_start(b, i).is_some() => tok(TokenKind::Str, raw_end(b, i)),
        b'0'..=b'9' => tok(TokenKind::Number, number_end(b, i)),
        b'+' | b'-' | b'.' if digit_at(i + 1) => tok(TokenKind::Number, number_end(b, i + 1)),
        _ => {
            let ch = text.get(i..)?.chars().next()?;
            if ch.is_alphabetic() || ch == '_' {
                let len = text[i..]
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(text.len() - i);
                tok(TokenKind::Ident, i + len)
            } else {
                tok(TokenKind::Other, i + ch.len_utf8())
            }
        }
    }
}

/// Past the quoted string or char whose opening quote is at `i` (or to the end).
fn quoted_end(b: &[u8], i: usize) -> usize {
    let quote = b[i];
    let mut k = i + 1;
    while k < b.len() {
        match b[k] {
            b'\\' => k += 2,
            c if c == quote => return k + 1,
            _ => k += 1,
        }
    }
    b.len()
}

/// At `r`: the number of `#` if `r#…"` or `r"` starts a raw string here.
fn raw_start(b: &[u8], i: usize) -> Option<usize> {
    let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
    (b.get(i + 1 + hashes) == Some(&b'"')).then_some(hashes)
}

fn raw_end(b: &[u8], i: usize) -> usize {
    let hashes = raw_start(b, i).unwrap_or(0);
    let mut k = i + 2 + hashes;
    while k < b.len() {
        if b[k] == b'"'
            && b.get(k + 1..k + 1 + hashes)
                .is_some_and(|h| h.iter().all(|&c| c == b'#'))
        {
            return k + 1 + hashes;
        }
        k += 1;
    }
    b.len()
}

/// Past a number-like run from `i`: digits, letters (`e`, `x`, suffixes), `_`, `.`, and a
/// sign after an exponent's `e`.
fn number_end(b: &[u8], mut i: usize) -> usize {
    while let Some(&c) = b.get(i) {
        let sign_after_e = matches!(c, b'+' | b'-') && matches!(b[i - 1], b'e' | b'E');
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || sign_after_e {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Byte offset of a 1-based line and column (columns count characters), clamped to the
/// text.
pub fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(k) => start += k + 1,
            None => return text.len(),
        }
    }
    let rest = &text[start..];
    let line_len = rest.find('\n').unwrap_or(rest.len());
    let within = rest[..line_len]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line_len, |(k, _)| k);
    start + within
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> Context {
        context(text, text.find(needle).expect("needle in the text"))
    }

    fn key(cx: &Context) -> Option<&str> {
        cx.key.as_ref().map(|(k, _)| k.as_str())
    }

    #[test]
    fn the_field_and_its_struct_at_a_value() {
        let text = "(name: \"n\", projects: [Project(id: \"P\", budget: (planned: 2.4e6, spent: 1)), (id: \"Q\", goals: [\"a\", 42])])";
        let cx = at(text, ".4e6");
        assert_eq!(key(&cx), Some("planned"));
        assert_eq!(cx.within.map(|s| s.name), Some("Budget"));
        assert!(cx.in_value);
        let tok = cx.token.expect("a token");
        assert_eq!(&text[tok.start..tok.end], "2.4e6");
        let cx = at(text, "42");
        assert_eq!(key(&cx), Some("goals"));
        assert_eq!(cx.within.map(|s| s.name), Some("Project"));
        assert!(cx.in_value);
        let subject = cx.subject().expect("a subject");
        assert_eq!(&*subject, "`goals` in `Project`");
        assert_eq!(subject.nb, "`goals` i `Project`");
    }

    #[test]
    fn some_comments_and_strings_are_stepped_over() {
        let text =
            "(goals: [(id: \"a)\", /* ) ( */ title: r#\"b\"(\"#, children: Some([(id: 5)]))])";
        let cx = at(text, "5)");
        assert_eq!(key(&cx), Some("id"));
        assert_eq!(cx.within.map(|s| s.name), Some("Goal"));
        let cx = at(text, "r#");
        assert_eq!(key(&cx), Some("title"));
        assert_eq!(cx.token.map(|t| t.kind), Some(TokenKind::Str));
    }

    #[test]
    fn at_a_field_name_the_place_is_not_in_a_value() {
        let text = "(name: \"n\", \"organisation\": \"o\")";
        let cx = at(text, "\"organisation\"");
        assert!(!cx.in_value);
        assert_eq!(key(&cx), Some("name"));
        assert_eq!(cx.within.map(|s| s.name), Some("Portfolio"));
    }

    #[test]
    fn offsets_of_lines_and_columns() {
        let text = "æø\nab\ncd";
        assert_eq!(offset_of(text, 1, 2), 2);
        assert_eq!(offset_of(text, 2, 2), 6);
        assert_eq!(offset_of(text, 3, 9), text.len());
        assert_eq!(offset_of(text, 9, 1), text.len());
    }

    #[test]
    fn broken_text_never_panics() {
        for text in [
            "",
            "(",
            ")))",
            "\"",
            "r#\"",
            "/*",
            "(a: [b: {c: (",
            "é",
            "((x: r",
            "1e",
            "-",
        ] {
            for i in 0..=text.len() {
                let _ = context(text, i);
            }
        }
    }
}
