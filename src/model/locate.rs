//! Finding where a value stands in the text.
//!
//! serde gives us the data but not the place of each value. Once a file has parsed, this
//! small scanner walks the same text and records the line and column of the values that
//! validation found something to say about. It is only run when there is something to
//! place, and it records only the paths asked for, so it costs one pass over the text.
//!
//! Paths look like `.projects[3].goals[1]` (a field, then a list index); a map value is
//! `.scores{goals}` and the key itself `.scores{goals}@`.

use std::collections::{HashMap, HashSet};

/// A place in the file: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// Builders for the paths the scanner records.
pub fn field(path: &str, name: &str) -> String {
    format!("{path}.{name}")
}
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}
pub fn map_value(path: &str, key: &str) -> String {
    format!("{path}{{{key}}}")
}
pub fn map_key(path: &str, key: &str) -> String {
    format!("{path}{{{key}}}@")
}

/// Positions of the wanted paths in `text`. Paths not found are absent.
///
/// Only the parts of the text that lead to a wanted path are scanned value by value; every
/// other value (a project with nothing to say about it) is skipped by a byte scan that only
/// matches brackets, strings and comments. Lines and columns are counted once, at the end,
/// for the places found. So a file of 100,000 projects with a few thousand warnings costs
/// about one quick pass over its bytes.
pub fn locate(text: &str, wanted: &HashSet<String>) -> HashMap<String, Pos> {
    if wanted.is_empty() {
        return HashMap::new();
    }
    let mut s = Scanner {
        text,
        bytes: text.as_bytes(),
        at: 0,
        path: String::new(),
        wanted,
        descend: descend_set(wanted),
        found: HashMap::new(),
        depth: 0,
    };
    s.skip_ws();
    while s.peek() == Some('#') {
        // an attribute like #![enable(implicit_some)]
        s.skip_until_after(b']');
        s.skip_ws();
    }
    let _ = s.value();
    positions(text, s.found)
}

/// Every path that stands strictly above a wanted path (`.projects`, `.projects[3]` for
/// `.projects[3].end`; `X` for the map key `X{k}@`): the scanner walks into these and
/// skips every other value whole.
fn descend_set(wanted: &HashSet<String>) -> HashSet<String> {
    let mut out = HashSet::new();
    for w in wanted {
        let w = w.strip_suffix('@').unwrap_or(w);
        // A map key may hold `.` or `[` itself: that only adds a prefix too many, which
        // costs a little skipping, never a place.
        for (i, b) in w.bytes().enumerate() {
            if matches!(b, b'.' | b'[' | b'{') {
                out.insert(w[..i].to_string());
            }
        }
    }
    out
}

/// Byte offsets to lines and columns, in one pass over the text up to the last offset.
fn positions(text: &str, found: HashMap<String, usize>) -> HashMap<String, Pos> {
    let mut order: Vec<(usize, String)> = found.into_iter().map(|(k, v)| (v, k)).collect();
    order.sort_unstable();
    let bytes = text.as_bytes();
    let (mut line, mut line_start, mut done) = (1usize, 0usize, 0usize);
    let mut out = HashMap::with_capacity(order.len());
    for (at, path) in order {
        let part = &bytes[done..at];
        line += count_newlines(part);
        if let Some(k) = part.iter().rposition(|&b| b == b'\n') {
            line_start = done + k + 1;
        }
        done = at;
        let col = 1 + text.get(line_start..at).map_or(0, |s| s.chars().count());
        out.insert(path, Pos { line, col });
    }
    out
}

/// How many `\n` bytes `b` holds. Counted in 32 byte-sized lanes that cannot overflow
/// within a block of 255 rounds, which the compiler turns into vector instructions.
fn count_newlines(b: &[u8]) -> usize {
    let mut n = 0usize;
    let mut blocks = b.chunks_exact(32 * 255);
    for block in &mut blocks {
        let mut lanes = [0u8; 32];
        for c in block.chunks_exact(32) {
            for (lane, &byte) in lanes.iter_mut().zip(c) {
                *lane += u8::from(byte == b'\n');
            }
        }
        n += lanes.iter().map(|&l| l as usize).sum::<usize>();
    }
    n + blocks.remainder().iter().filter(|&&c| c == b'\n').count()
}

/// The place of the first string or number longer than `limit` bytes, if any.
/// Such tokens are refused before parsing: ron's handling of them is slow.
pub fn first_long_token(text: &str, limit: usize) -> Option<Pos> {
    if no_long_token_quick(text.as_bytes(), limit) {
        return None;
    }
    long_token_scan(text, limit)
}

/// A sufficient test that no token is longer than `limit`, looking at a few bytes per
/// `limit / 2`: every stretch of `limit / 2` bytes holds an unescaped `"` (so no string
/// can run longer than `limit`) and starts with neither a digit nor a `.` (so no number
/// can). When it says no, [`long_token_scan`] decides.
fn no_long_token_quick(b: &[u8], limit: usize) -> bool {
    let step = limit / 2;
    if step < 64 {
        return false;
    }
    let mut start = 0;
    while start < b.len() {
        let end = (start + step).min(b.len());
        let in_number = |i: usize| b[i].is_ascii_digit() || b[i] == b'.';
        if in_number(start) {
            // Measure the run of digits around this byte.
            let back = b[..start]
                .iter()
                .rev()
                .take_while(|&&c| c.is_ascii_digit() || c == b'.');
            let ahead = b[start..]
                .iter()
                .take_while(|&&c| c.is_ascii_digit() || c == b'.');
            if back.count() + ahead.count() > limit {
                return false;
            }
        }
        let unescaped_quote = (start..end).any(|q| {
            b[q] == b'"' && b[..q].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 0
        });
        if !unescaped_quote && end - start == step {
            return false;
        }
        start = end;
    }
    true
}

/// [`first_long_token`], byte by byte.
fn long_token_scan(text: &str, limit: usize) -> Option<Pos> {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        match b[i] {
            b'"' => {
                let s = i;
                // The closing quote: the next `"` not escaped by an odd run of `\`.
                let mut from = i + 1;
                let close = loop {
                    match text.get(from..).and_then(|t| t.find('"')) {
                        None => break None,
                        Some(k) => {
                            let q = from + k;
                            let slashes = b[..q].iter().rev().take_while(|&&c| c == b'\\');
                            if slashes.count() % 2 == 0 {
                                break Some(q);
                            }
                            from = q + 1;
                        }
                    }
                };
                let last = close.map_or(n, |q| q) - 1;
                if last - s > limit {
                    return Some(pos_of(text, s));
                }
                match close {
                    Some(q) => i = q + 1,
                    None => return None,
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = text
                    .get(i..)
                    .and_then(|t| t.find('\n'))
                    .map_or(n, |k| i + k + 1);
            }
            c if c.is_ascii_digit() || c == b'.' => {
                let s = i;
                while i < n && (b[i].is_ascii_digit() || b[i] == b'.') {
                    i += 1;
                }
                if i - 1 - s > limit {
                    return Some(pos_of(text, s));
                }
            }
            _ => {
                i += 1;
                while i < n && !matches!(b[i], b'"' | b'/' | b'.' | b'0'..=b'9') {
                    i += 1;
                }
            }
        }
    }
    None
}

/// Line and column of byte offset `at` (clamped to a character boundary).
pub fn pos_of(text: &str, at: usize) -> Pos {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = 1 + before.bytes().filter(|&b| b == b'\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Pos {
        line,
        col: 1 + before[line_start..].chars().count(),
    }
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// Byte offset, always on a character boundary.
    at: usize,
    path: String,
    wanted: &'a HashSet<String>,
    descend: HashSet<String>,
    /// Wanted paths found, at their byte offsets.
    found: HashMap<String, usize>,
    depth: usize,
}

/// The scanner gives up (returns `Err`) on anything it does not understand; the positions
/// found until then are kept.
type Scan = Result<(), ()>;

const MAX_DEPTH: usize = 512;

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

impl Scanner<'_> {
    fn peek(&self) -> Option<char> {
        self.text.get(self.at..)?.chars().next()
    }

    fn peek_byte(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn peek2(&self) -> Option<char> {
        let mut it = self.text.get(self.at..)?.chars();
        it.next();
        it.next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        Some(c)
    }

    /// Past the next `end` byte (ASCII), or to the end of the text.
    fn skip_until_after(&mut self, end: u8) {
        self.at = match self.bytes[self.at..].iter().position(|&b| b == end) {
            Some(k) => self.at + k + 1,
            None => self.bytes.len(),
        };
    }

    /// After `/*`: past the matching `*/` (block comments nest).
    fn skip_block_comment(&mut self) {
        let mut level = 1;
        let b = self.bytes;
        while level > 0 {
            match (b.get(self.at), b.get(self.at + 1)) {
                (None, _) => return,
                (Some(b'*'), Some(b'/')) => {
                    self.at += 2;
                    level -= 1;
                }
                (Some(b'/'), Some(b'*')) => {
                    self.at += 2;
                    level += 1;
                }
                _ => self.at += 1,
            }
        }
        // A multi-byte character cannot contain `*` or `/`, so `at` is on a boundary.
    }

    fn skip_ws(&mut self) {
        loop {
            match (self.peek_byte(), self.bytes.get(self.at + 1)) {
                (Some(b' ' | b'\n' | b'\r' | b'\t'), _) => self.at += 1,
                (Some(b'/'), Some(b'/')) => self.skip_until_after(b'\n'),
                (Some(b'/'), Some(b'*')) => {
                    self.at += 2;
                    self.skip_block_comment();
                }
                (Some(b), _) if b >= 0x80 => match self.peek() {
                    Some(c) if c.is_whitespace() => self.at += c.len_utf8(),
                    _ => return,
                },
                (Some(0x0b | 0x0c), _) => self.at += 1,
                _ => return,
            }
        }
    }

    fn expect(&mut self, c: char) -> Scan {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.bump();
            Ok(())
        } else {
            Err(())
        }
    }

    fn mark(&mut self) {
        if self.wanted.contains(self.path.as_str()) {
            self.found.insert(self.path.clone(), self.at);
        }
    }

    /// Every wanted path has its place: the rest of the text need not be read.
    fn done(&self) -> bool {
        self.found.len() == self.wanted.len()
    }

    fn ident(&mut self) -> &str {
        let start = self.at;
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                self.at += c.len_utf8();
            } else {
                break;
            }
        }
        &self.text[start..self.at]
    }

    /// A quoted string; returns its (roughly unescaped) contents.
    fn string(&mut self) -> Result<String, ()> {
        let mut out = String::new();
        if self.peek() == Some('r') {
            self.bump();
            let mut hashes = 0;
            while self.peek() == Some('#') {
                self.bump();
                hashes += 1;
            }
            if self.bump() != Some('"') {
                return Err(());
            }
            loop {
                let c = self.bump().ok_or(())?;
                if c == '"' {
                    let rest = &self.text[self.at..];
                    if rest.bytes().take(hashes).filter(|&b| b == b'#').count() == hashes {
                        self.at += hashes;
                        return Ok(out);
                    }
                }
                out.push(c);
            }
        }
        if self.peek() == Some('b') {
            self.bump();
        }
        let quote = self.bump().ok_or(())?;
        loop {
            let c = self.bump().ok_or(())?;
            if c == '\\' {
                let e = self.bump().ok_or(())?;
                out.push(match e {
                    'n' => '\n',
                    't' => '\t',
                    other => other,
                });
            } else if c == quote {
                return Ok(out);
            } else {
                out.push(c);
            }
        }
    }

    /// Past a quoted string or char whose opening quote is at `at`.
    fn skip_quoted(&mut self) -> Scan {
        let quote = self.bytes[self.at];
        let b = self.bytes;
        let mut i = self.at + 1;
        loop {
            // Eight bytes at a time while none of them is the quote or a backslash.
            while let Some(w) = word_at(b, i) {
                if has_byte(w, quote) || has_byte(w, b'\\') {
                    break;
                }
                i += 8;
            }
            while i < b.len() && b[i] != quote && b[i] != b'\\' {
                i += 1;
            }
            match b.get(i) {
                None => return Err(()),
                Some(b'\\') => i += 2,
                Some(_) => {
                    self.at = i + 1;
                    return Ok(());
                }
            }
        }
    }

    /// `r"…"` or `r#"…"#` at `at`: past it. `Ok(false)` if `r` does not start a raw string.
    fn skip_raw(&mut self) -> Result<bool, ()> {
        let b = self.bytes;
        let mut i = self.at + 1;
        while b.get(i) == Some(&b'#') {
            i += 1;
        }
        if b.get(i) != Some(&b'"') {
            return Ok(false);
        }
        let hashes = i - self.at - 1;
        i += 1;
        loop {
            match b[i..].iter().position(|&c| c == b'"') {
                None => return Err(()),
                Some(k) => {
                    let q = i + k;
                    let end = q + 1 + hashes;
                    if b.get(q + 1..end)
                        .is_some_and(|h| h.iter().all(|&c| c == b'#'))
                    {
                        self.at = end;
                        return Ok(true);
                    }
                    i = q + 1;
                }
            }
        }
    }

    /// Past one whole value without recording anything: brackets are matched, strings and
    /// comments stepped over.
    fn skip_value(&mut self) -> Scan {
        let b = self.bytes;
        match self.peek_byte().ok_or(())? {
            b'"' | b'\'' => return self.skip_quoted(),
            b'b' if b.get(self.at + 1) == Some(&b'"') => {
                self.at += 1;
                return self.skip_quoted();
            }
            b'r' if matches!(b.get(self.at + 1), Some(b'"' | b'#')) && self.skip_raw()? => {
                return Ok(());
            }
            b'(' | b'[' | b'{' => {}
            c if is_ident_byte(c) && !c.is_ascii_digit() => {
                if self.ident().is_empty() {
                    return Err(());
                }
                self.skip_ws();
                if self.peek_byte() != Some(b'(') {
                    return Ok(());
                }
            }
            c if c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.') => {
                while self.peek_byte().is_some_and(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-' | b'+')
                }) {
                    self.at += 1;
                }
                return Ok(());
            }
            _ => return Err(()),
        }
        // Brackets, from the opening one at `at`.
        let mut depth = 0usize;
        loop {
            let c = *b.get(self.at).ok_or(())?;
            match c {
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    self.at += 1;
                }
                b')' | b']' | b'}' => {
                    self.at += 1;
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                b'"' => match self.raw_start() {
                    Some(r) => {
                        self.at = r;
                        if !self.skip_raw()? {
                            return Err(());
                        }
                    }
                    None => self.skip_quoted()?,
                },
                b'\'' => self.skip_quoted()?,
                b'/' if b.get(self.at + 1) == Some(&b'/') => self.skip_until_after(b'\n'),
                b'/' if b.get(self.at + 1) == Some(&b'*') => {
                    self.at += 2;
                    self.skip_block_comment();
                }
                _ => {
                    // Step over the rest of a plain run in one go.
                    let mut i = self.at + 1;
                    // Indentation: eight spaces at a time.
                    while word_at(b, i) == Some(u64::from_le_bytes([b' '; 8])) {
                        i += 8;
                    }
                    while i < b.len() && !SPECIAL[b[i] as usize] {
                        i += 1;
                    }
                    self.at = i;
                }
            }
        }
    }

    /// At `Some(`: transparent, so the value inside is where a wanted path stands.
    fn at_some(&self) -> bool {
        let rest = &self.bytes[self.at..];
        rest.starts_with(b"Some")
            && !rest.get(4).is_some_and(|&b| is_ident_byte(b))
            && rest[4..]
                .iter()
                .find(|b| !b.is_ascii_whitespace())
                .is_some_and(|&b| b == b'(')
    }

    /// At a `"`: if it opens a raw string (`r"`, `r#"` with `r` not ending a longer
    /// identifier), the offset of its `r`. Raw strings take no escapes, so they must not
    /// be skipped as plain ones.
    fn raw_start(&self) -> Option<usize> {
        let b = self.bytes;
        let mut p = self.at;
        while p > 0 && b[p - 1] == b'#' {
            p -= 1;
        }
        let r = p.checked_sub(1)?;
        (b[r] == b'r' && !r.checked_sub(1).is_some_and(|q| is_ident_byte(b[q]))).then_some(r)
    }

    fn with_segment(
        &mut self,
        seg: std::fmt::Arguments,
        f: impl FnOnce(&mut Self) -> Scan,
    ) -> Scan {
        use std::fmt::Write;
        let len = self.path.len();
        let _ = self.path.write_fmt(seg);
        let r = f(self);
        self.path.truncate(len);
        r
    }

    fn value(&mut self) -> Scan {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(());
        }
        self.skip_ws();
        self.mark();
        if !self.descend.contains(self.path.as_str()) && !self.at_some() {
            self.depth -= 1;
            return self.skip_value();
        }
        let r = match (self.peek(), self.peek2()) {
            (Some('"'), _) | (Some('\''), _) => self.string().map(|_| ()),
            (Some('r'), Some('"' | '#')) | (Some('b'), Some('"')) => self.string().map(|_| ()),
            (Some('('), _) => {
                self.bump();
                self.body()
            }
            (Some('['), _) => {
                self.bump();
                self.list(']')
            }
            (Some('{'), _) => {
                self.bump();
                self.map()
            }
            (Some(c), _) if c.is_alphabetic() || c == '_' => {
                let is_some = self.ident() == "Some";
                self.skip_ws();
                if self.peek() == Some('(') {
                    self.bump();
                    if is_some {
                        // Some(x) is transparent: x stands at the same path.
                        self.value()?;
                        self.skip_ws();
                        if self.peek() == Some(',') {
                            self.bump();
                        }
                        self.expect(')')
                    } else {
                        self.body()
                    }
                } else {
                    Ok(())
                }
            }
            (Some(c), _) if c.is_ascii_digit() || matches!(c, '-' | '+' | '.') => {
                while let Some(c) = self.peek() {
                    if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '+') {
                        self.bump();
                    } else {
                        break;
                    }
                }
                Ok(())
            }
            _ => Err(()),
        };
        self.depth -= 1;
        r
    }

    /// After `(`: named fields or a tuple.
    fn body(&mut self) -> Scan {
        self.skip_ws();
        // Named fields if an identifier is followed by a single `:`.
        let save = self.at;
        let named = match self.peek() {
            Some(c) if c.is_alphabetic() || c == '_' => {
                self.ident();
                self.skip_ws();
                self.peek() == Some(':') && self.peek2() != Some(':')
            }
            _ => false,
        };
        self.at = save;
        if !named {
            return self.list(')');
        }
        loop {
            self.skip_ws();
            match self.peek() {
                Some(')') => {
                    self.bump();
                    return Ok(());
                }
                Some(c) if c.is_alphabetic() || c == '_' => {
                    let start = self.at;
                    self.ident();
                    let end = self.at;
                    self.expect(':')?;
                    let text = self.text;
                    self.with_segment(format_args!(".{}", &text[start..end]), |s| s.value())?;
                    self.skip_ws();
                    if self.peek() == Some(',') {
                        self.bump();
                    }
                }
                _ => return Err(()),
            }
        }
    }

    fn list(&mut self, close: char) -> Scan {
        let mut i = 0;
        loop {
            self.skip_ws();
            if self.peek() == Some(close) {
                self.bump();
                return Ok(());
            }
            self.with_segment(format_args!("[{i}]"), |s| s.value())?;
            if self.done() {
                return Err(());
            }
            i += 1;
            self.skip_ws();
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some(c) if c == close => {}
                _ => return Err(()),
            }
        }
    }

    fn map(&mut self) -> Scan {
        loop {
            self.skip_ws();
            if self.peek() == Some('}') {
                self.bump();
                return Ok(());
            }
            let key_at = self.at;
            let key = match self.peek() {
                Some('"' | '\'' | 'r') => self.string()?,
                Some(c) if c.is_alphanumeric() || c == '_' => self.ident().to_string(),
                _ => return Err(()),
            };
            let key_path = format!("{}{{{key}}}@", self.path);
            if self.wanted.contains(&key_path) {
                self.found.insert(key_path, key_at);
            }
            self.expect(':')?;
            self.with_segment(format_args!("{{{key}}}"), |s| s.value())?;
            self.skip_ws();
            if self.peek() == Some(',') {
                self.bump();
            }
        }
    }
}

/// The eight bytes at `i`, if there are eight.
fn word_at(b: &[u8], i: usize) -> Option<u64> {
    let w: [u8; 8] = b.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(w))
}

/// Does any byte of `w` equal `c`?
fn has_byte(w: u64, c: u8) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let x = w ^ (ONES * u64::from(c));
    (x.wrapping_sub(ONES) & !x & (ONES << 7)) != 0
}

/// Bytes the bracket skipper must look at: brackets, quotes and `/` (comments).
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let specials = *b"()[]{}\"'/";
    let mut i = 0;
    while i < specials.len() {
        t[specials[i] as usize] = true;
        i += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, paths: &[&str]) -> HashMap<String, Pos> {
        let wanted = paths.iter().map(|p| p.to_string()).collect();
        locate(text, &wanted)
    }

    #[test]
    fn finds_fields_list_items_and_map_entries() {
        let text = "// c\nPortfolio(\n  name: \"x\", // y\n  projects: [\n    (id: \"a\", goals: [\"g1\", \"g2\"],\n     evaluations: [Evaluation(date: \"2026-01-01\", scores: {\"goals\": 7})]),\n  ],\n)";
        let f = find(
            text,
            &[
                ".name",
                ".projects[0].goals[1]",
                ".projects[0].evaluations[0].scores{goals}",
                ".projects[0].evaluations[0].scores{goals}@",
            ],
        );
        assert_eq!(f[".name"], Pos { line: 3, col: 9 });
        assert_eq!(f[".projects[0].goals[1]"], Pos { line: 5, col: 29 });
        assert_eq!(
            f[".projects[0].evaluations[0].scores{goals}@"],
            Pos { line: 6, col: 60 }
        );
        assert_eq!(
            f[".projects[0].evaluations[0].scores{goals}"],
            Pos { line: 6, col: 69 }
        );
    }

    #[test]
    fn some_is_transparent_and_block_comments_nest() {
        let text = "(a: Some(/* x /* y */ */ 3), b: r#\"q\"\"#, c: 4)";
        let f = find(text, &[".a", ".c"]);
        assert_eq!(f[".a"].col, 26); // the value inside Some(…)
        assert_eq!(f[".c"].col, 45);
    }

    #[test]
    fn skipped_values_step_over_strings_comments_and_raw_strings() {
        let text = "(a: [r#\"x\")]\"#, \"y\\\"]\", '(', /* ) /* ] */ */ // ]\n (z: 1)],\n b: r\"q\\\", c: 5)";
        let at = |needle: &str| pos_of(text, text.find(needle).expect("in the text"));
        // Only `.c` wanted: `.a` and `.b` are skipped whole.
        let f = find(text, &[".c"]);
        assert_eq!(f[".c"], at("5)"));
        // Inside `.a`, items 0–2 are skipped and item 3 is walked into.
        let f = find(text, &[".a[3].z", ".c"]);
        assert_eq!(f[".a[3].z"], at("1)]"));
        assert_eq!(f[".c"], at("5)"));
    }

    #[test]
    fn long_tokens_are_found_past_the_quick_test() {
        let short = format!("\"{}\", ", "x".repeat(900));
        let many = format!("(a: [{}])", short.repeat(20));
        assert_eq!(first_long_token(&many, 1000), None);
        // Escaped quotes inside a long string do not hide it.
        let escaped = format!("(a: [{}\"{}\"])", short.repeat(3), "x\\\"".repeat(600));
        assert_eq!(
            first_long_token(&escaped, 1000),
            Some(pos_of(&escaped, 4 + 3 * short.len() + 1))
        );
        let number = format!("(a: [{}{}])", short.repeat(3), "9".repeat(1500));
        assert_eq!(
            first_long_token(&number, 1000),
            Some(pos_of(&number, 5 + 3 * short.len()))
        );
        let unterminated = format!("(a: [{}\"{}", short.repeat(3), "y".repeat(1500));
        assert!(first_long_token(&unterminated, 1000).is_some());
        assert_eq!(count_newlines(b"a\nb\n\n0123456789\n\n"), 5);
    }

    #[test]
    fn pos_of_counts_characters() {
        assert_eq!(pos_of("æøå\nab", 8), Pos { line: 2, col: 2 });
    }

    #[test]
    fn long_tokens_are_found() {
        let long = format!("(a: \"{}\")", "x".repeat(50));
        assert_eq!(first_long_token(&long, 10), Some(Pos { line: 1, col: 5 }));
        assert_eq!(first_long_token("(a: 1_000)", 10), None);
    }
}
