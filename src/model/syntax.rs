//! The syntax index: where each value and item of a portfolio file stands in its text.
//!
//! serde gives the data but not the place of each value. This scanner walks the text of
//! a file that parsed and records, for the paths asked for, the span of each value and —
//! for a struct, list or map — the span of each of its entries, its brackets and its
//! struct name. Errors and warnings are placed with it ([`super::locate`]); edits are
//! spliced into the text with it ([`super::splice`]). One piece of code knows RON's shape.
//!
//! It only runs when there is something to place or splice, and it records only the
//! paths asked for: only the parts of the text that lead to a wanted path are scanned
//! value by value; every other value is skipped by a byte scan that only matches
//! brackets, strings and comments. So a file of 100,000 projects costs about one quick
//! pass over its bytes.
//!
//! Paths look like `.projects[3].goals[1]` (a field, then a list index); a map value is
//! `.scores{goals}` and the key itself `.scores{goals}@`. The portfolio itself is `` (the
//! empty path). A `Some(…)` is transparent: the value inside stands at the same path.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

mod skip;

/// Where a value stands, and for a container what it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Node {
    /// The value (inside a `Some(…)`): from its first byte to after its last.
    pub span: Range<usize>,
    /// A struct's name, when written (`Project(`).
    pub name: Option<Range<usize>>,
    /// A container's opening and closing bracket.
    pub open: Option<usize>,
    pub close: Option<usize>,
    /// A container's entries in order (only for a wanted container).
    pub entries: Vec<Entry>,
}

/// One field of a struct, item of a list or entry of a map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The field's name or the map's key; `None` for a list item.
    pub key: Option<String>,
    /// Where the entry starts (its key, or the item itself).
    pub start: usize,
    /// The value (a `Some(…)` wrapper included).
    pub value: Range<usize>,
    /// After its comma, or after its value when it has none.
    pub end: usize,
    /// Whether a comma follows it.
    pub comma: bool,
}

/// The nodes of the wanted paths in `text` (those not found are absent).
pub fn index(text: &str, wanted: &HashSet<String>) -> HashMap<String, Node> {
    if wanted.is_empty() {
        return HashMap::new();
    }
    let mut s = Scanner::new(text, wanted);
    s.run();
    s.found
}

/// [`index`], stepping over the value at `skip` (a span [`items`] found in the same
/// text, such as the `projects` list) in one jump instead of scanning it again, unless
/// a wanted path lies inside it.
pub fn index_skipping(
    text: &str,
    wanted: &HashSet<String>,
    skip: Range<usize>,
) -> HashMap<String, Node> {
    if wanted.is_empty() {
        return HashMap::new();
    }
    let mut s = Scanner::new(text, wanted);
    s.jump = Some(skip);
    s.run();
    s.found
}

/// The list at `path` (`.projects`): each item's span (from its first byte, a `Some(`
/// wrapper included, to after its value) handed to `each` as soon as the scan has stepped over it, so work on the
/// first items can start while the rest are still being found; then the list's node,
/// or `None` when it is not there or the scanner gave up on the text before its end.
pub fn items(text: &str, path: &str, each: &mut dyn FnMut(Range<usize>)) -> Option<Node> {
    let wanted = HashSet::from([path.to_string()]);
    let mut s = Scanner::new(text, &wanted);
    s.on_item = Some(each);
    s.run();
    s.found.remove(path)
}

/// Every path that stands strictly above a wanted path (`.projects`, `.projects[3]` for
/// `.projects[3].end`; `X` for the map key `X{k}@`): the scanner walks into these and
/// skips every other value whole. The root `` is above every path.
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

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// Byte offset, always on a character boundary.
    at: usize,
    path: String,
    wanted: &'a HashSet<String>,
    descend: HashSet<String>,
    /// Wanted paths found, complete.
    found: HashMap<String, Node>,
    depth: usize,
    /// Told each item of a wanted list as it is found ([`items`]).
    on_item: Option<&'a mut dyn FnMut(Range<usize>)>,
    /// A value known to span this range, stepped over in one jump ([`index_skipping`]).
    jump: Option<Range<usize>>,
}

/// The scanner gives up (returns `Err`) on anything it does not understand; the positions
/// found until then are kept.
type Scan = Result<(), ()>;

const MAX_DEPTH: usize = 512;

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, wanted: &'a HashSet<String>) -> Scanner<'a> {
        Scanner {
            text,
            bytes: text.as_bytes(),
            at: 0,
            path: String::new(),
            wanted,
            descend: descend_set(wanted),
            found: HashMap::new(),
            depth: 0,
            on_item: None,
            jump: None,
        }
    }

    /// From the top of the text: the portfolio (or, for a part of a text, its value).
    fn run(&mut self) {
        if self.text.starts_with('\u{feff}') {
            // A byte-order mark: offsets still count from the file's first byte.
            self.at = '\u{feff}'.len_utf8();
        }
        self.skip_ws();
        while self.peek() == Some('#') {
            // an attribute like #![enable(implicit_some)]
            self.skip_until_after(b']');
            self.skip_ws();
        }
        let _ = self.value();
    }
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

    fn with_segment<T>(
        &mut self,
        seg: std::fmt::Arguments,
        f: impl FnOnce(&mut Self) -> Result<T, ()>,
    ) -> Result<T, ()> {
        use std::fmt::Write;
        let len = self.path.len();
        let _ = self.path.write_fmt(seg);
        let r = f(self);
        self.path.truncate(len);
        r
    }

    /// One value at the current path; its span (inside a `Some(…)`, which is
    /// transparent: the value inside stands at the same path).
    fn value(&mut self) -> Result<Range<usize>, ()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(());
        }
        self.skip_ws();
        if self.at_some() {
            self.ident();
            self.skip_ws();
            self.bump(); // (
            let inner = self.value()?;
            self.skip_ws();
            if self.peek() == Some(',') {
                self.bump();
            }
            self.expect(')')?;
            self.depth -= 1;
            return Ok(inner);
        }
        let start = self.at;
        let want = self.wanted.contains(self.path.as_str());
        if !want && !self.descend.contains(self.path.as_str()) {
            self.depth -= 1;
            match &self.jump {
                Some(j) if j.start == start && j.end <= self.bytes.len() => self.at = j.end,
                _ => self.skip_value()?,
            }
            return Ok(start..self.at);
        }
        let mut node = Node {
            span: start..start,
            ..Node::default()
        };
        let r = match (self.peek(), self.peek2()) {
            (Some('"'), _) | (Some('\''), _) => self.string().map(|_| ()),
            (Some('r'), Some('"' | '#')) | (Some('b'), Some('"')) => self.string().map(|_| ()),
            (Some('('), _) => self.body(&mut node, want),
            (Some('['), _) => self.list(']', &mut node, want),
            (Some('{'), _) => self.map(&mut node, want),
            (Some(c), _) if c.is_alphabetic() || c == '_' => {
                let name = self.at;
                self.ident();
                let name = name..self.at;
                self.skip_ws();
                if self.peek() == Some('(') {
                    node.name = Some(name);
                    self.body(&mut node, want)
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
        r?;
        node.span = start..self.at;
        if want {
            self.found.insert(self.path.clone(), node);
        }
        Ok(start..self.at)
    }

    /// At `(`: named fields or a tuple.
    fn body(&mut self, node: &mut Node, want: bool) -> Scan {
        let open = self.at;
        node.open = Some(open);
        self.bump();
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
            self.at = open;
            return self.list(')', node, want);
        }
        loop {
            self.skip_ws();
            match self.peek() {
                Some(')') => {
                    node.close = Some(self.at);
                    self.bump();
                    return Ok(());
                }
                Some(c) if c.is_alphabetic() || c == '_' => {
                    let start = self.at;
                    self.ident();
                    let end = self.at;
                    self.expect(':')?;
                    let text = self.text;
                    let key = &text[start..end];
                    let value = self.with_segment(format_args!(".{key}"), |s| s.value())?;
                    self.entry_end(node, want, Some(key), start, value);
                }
                _ => return Err(()),
            }
        }
    }

    /// After an entry's value: past its comma, and the entry noted when the container
    /// is wanted.
    fn entry_end(
        &mut self,
        node: &mut Node,
        want: bool,
        key: Option<&str>,
        start: usize,
        value: Range<usize>,
    ) -> bool {
        // The value's own end (a `Some(…)` wrapper closes after the inner span).
        let after_value = self.at;
        self.skip_ws();
        let comma = self.peek() == Some(',');
        if comma {
            self.bump();
        } else {
            self.at = after_value;
        }
        if want {
            if let Some(each) = self.on_item.as_mut()
                && key.is_none()
            {
                each(start..after_value);
            }
            node.entries.push(Entry {
                key: key.map(str::to_string),
                start,
                value,
                end: if comma { self.at } else { after_value },
                comma,
            });
        }
        comma
    }

    /// At `[` (or a tuple's `(`): items up to `close`.
    fn list(&mut self, close: char, node: &mut Node, want: bool) -> Scan {
        node.open = Some(self.at);
        self.bump();
        let mut i = 0;
        loop {
            self.skip_ws();
            if self.peek() == Some(close) {
                node.close = Some(self.at);
                self.bump();
                return Ok(());
            }
            let start = self.at;
            let value = self.with_segment(format_args!("[{i}]"), |s| s.value())?;
            if self.done() {
                return Err(());
            }
            i += 1;
            let comma = self.entry_end(node, want, None, start, value);
            self.skip_ws();
            if !comma && self.peek() != Some(close) {
                return Err(());
            }
        }
    }

    /// At `{`: key: value entries.
    fn map(&mut self, node: &mut Node, want: bool) -> Scan {
        node.open = Some(self.at);
        self.bump();
        loop {
            self.skip_ws();
            if self.peek() == Some('}') {
                node.close = Some(self.at);
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
                self.found.insert(
                    key_path,
                    Node {
                        span: key_at..self.at,
                        ..Node::default()
                    },
                );
            }
            self.expect(':')?;
            let value = self.with_segment(format_args!("{{{key}}}"), |s| s.value())?;
            self.entry_end(node, want, Some(&key), key_at, value);
        }
    }
}
