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
pub fn locate(text: &str, wanted: &HashSet<String>) -> HashMap<String, Pos> {
    let mut s = Scanner {
        text,
        at: 0,
        line: 1,
        col: 1,
        path: String::new(),
        wanted,
        found: HashMap::new(),
        depth: 0,
    };
    s.skip_ws();
    while s.peek() == Some('#') {
        // an attribute like #![enable(implicit_some)]
        s.skip_until_after(']');
        s.skip_ws();
    }
    let _ = s.value();
    s.found
}

/// The place of the first string or number longer than `limit` bytes, if any.
/// Such tokens are refused before parsing: ron's handling of them is slow.
pub fn first_long_token(text: &str, limit: usize) -> Option<Pos> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut start = None;
    let mut in_string = false;
    while i < b.len() {
        let c = b[i];
        if in_string {
            if c == b'\\' {
                i += 1;
            } else if c == b'"' {
                in_string = false;
                start = None;
            }
        } else if c == b'"' {
            in_string = true;
            start = Some(i);
        } else if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c.is_ascii_digit() || c == b'.' {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            start = None;
        }
        if let Some(s) = start
            && i - s > limit
        {
            return Some(pos_of(text, s));
        }
        i += 1;
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
    at: usize,
    line: usize,
    col: usize,
    path: String,
    wanted: &'a HashSet<String>,
    found: HashMap<String, Pos>,
    depth: usize,
}

/// The scanner gives up (returns `Err`) on anything it does not understand; the positions
/// found until then are kept.
type Scan = Result<(), ()>;

const MAX_DEPTH: usize = 512;

impl Scanner<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn peek2(&self) -> Option<char> {
        let mut it = self.text[self.at..].chars();
        it.next();
        it.next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn skip_until_after(&mut self, end: char) {
        while let Some(c) = self.bump() {
            if c == end {
                break;
            }
        }
    }

    fn skip_ws(&mut self) {
        loop {
            match (self.peek(), self.peek2()) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => self.skip_until_after('\n'),
                (Some('/'), Some('*')) => {
                    self.bump();
                    self.bump();
                    let mut level = 1;
                    while level > 0 {
                        match (self.bump(), self.peek()) {
                            (None, _) => return,
                            (Some('*'), Some('/')) => {
                                self.bump();
                                level -= 1;
                            }
                            (Some('/'), Some('*')) => {
                                self.bump();
                                level += 1;
                            }
                            _ => {}
                        }
                    }
                }
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
            self.found.insert(
                self.path.clone(),
                Pos {
                    line: self.line,
                    col: self.col,
                },
            );
        }
    }

    fn ident(&mut self) -> String {
        let start = self.at;
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                self.bump();
            } else {
                break;
            }
        }
        self.text[start..self.at].to_string()
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
                        for _ in 0..hashes {
                            self.bump();
                        }
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

    fn with_segment(&mut self, seg: &str, f: impl FnOnce(&mut Self) -> Scan) -> Scan {
        let len = self.path.len();
        self.path.push_str(seg);
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
                let name = self.ident();
                self.skip_ws();
                if self.peek() == Some('(') {
                    self.bump();
                    if name == "Some" {
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
        let save = (self.at, self.line, self.col);
        let named = match self.peek() {
            Some(c) if c.is_alphabetic() || c == '_' => {
                self.ident();
                self.skip_ws();
                self.peek() == Some(':') && self.peek2() != Some(':')
            }
            _ => false,
        };
        (self.at, self.line, self.col) = save;
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
                    let name = self.ident();
                    self.expect(':')?;
                    self.with_segment(&format!(".{name}"), |s| s.value())?;
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
            self.with_segment(&format!("[{i}]"), |s| s.value())?;
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
            let key_pos = Pos {
                line: self.line,
                col: self.col,
            };
            let key = match self.peek() {
                Some('"' | '\'' | 'r') => self.string()?,
                Some(c) if c.is_alphanumeric() || c == '_' => self.ident(),
                _ => return Err(()),
            };
            let key_path = format!("{}{{{key}}}@", self.path);
            if self.wanted.contains(&key_path) {
                self.found.insert(key_path, key_pos);
            }
            self.expect(':')?;
            self.with_segment(&format!("{{{key}}}"), |s| s.value())?;
            self.skip_ws();
            if self.peek() == Some(',') {
                self.bump();
            }
        }
    }
}

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
