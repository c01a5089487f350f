//! Lossless saving: the text styr loaded, with only what the meeting changed written into
//! it (FORMAT.md "Saving").
//!
//! 1. [`diff`] compares what was loaded with what is on screen as value trees
//!    ([`Value`]) and names the smallest parts that differ: a value to set, an optional
//!    field to clear, items to append to a list.
//! 2. The syntax index ([`super::syntax`]) finds those parts (and their parents) in the
//!    text.
//! 3. Each change becomes one splice: a value's text replaced, a field or item inserted
//!    in the style of its neighbours (their indentation, one line or many, struct names,
//!    trailing commas, the file's line ending), or a field taken out with its line.
//!    Everything else — comments, blank lines, field order, `Some(…)`, number forms,
//!    defaults written out — stays byte for byte.
//! 4. The new text is parsed again and must give exactly the portfolio on screen
//!    ([`verify`]); if not, nothing is saved.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::progress::{NOBODY, Progress};
use super::syntax::{Node, index};
use super::types::Portfolio;
use super::value::Value;
pub use diff::{At, Op, diff, portfolio_ops};
use layout::{
    Layout, Style, fields_on_own_lines, line_end, line_indent, line_start, newline_len,
    starts_line, starts_with_name,
};

/// Why a save could not be made by splicing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpliceError {
    /// The text styr loaded no longer parses (it should: it was loaded from it).
    #[error("the file as loaded cannot be read again: {0}")]
    Unreadable(String),
    /// The spliced text does not load to the portfolio on screen. Never expected.
    #[error("the saved text would not load back to what is on screen ({0}); nothing was saved")]
    Verify(String),
}

/// One part of a path: `.field`, `[index]`, `{key}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    Field(&'a str),
    Index(usize),
    Key(&'a str),
}

/// The first segment of `path` and the rest.
pub fn first_segment(path: &str) -> Option<(Seg<'_>, &str)> {
    let rest = path.get(1..)?;
    match path.as_bytes().first()? {
        b'.' => {
            let end = rest.find(['.', '[', '{']).unwrap_or(rest.len());
            Some((Seg::Field(&rest[..end]), &rest[end..]))
        }
        b'[' => {
            let end = rest.find(']')?;
            Some((Seg::Index(rest[..end].parse().ok()?), &rest[end + 1..]))
        }
        b'{' => {
            let end = rest.find('}')?;
            Some((Seg::Key(&rest[..end]), &rest[end + 1..]))
        }
        _ => None,
    }
}

/// The path above `path` and `path`'s last segment.
fn split_last(path: &str) -> Option<(&str, Seg<'_>)> {
    let mut rest = path;
    let mut last = None;
    while !rest.is_empty() {
        let (seg, tail) = first_segment(rest)?;
        last = Some((&path[..path.len() - rest.len()], seg));
        rest = tail;
    }
    last
}

/// `text` (which loads to `old`) with the changes to `new` written into it, checked.
pub fn save_text(text: &str, old: &Portfolio, new: &Portfolio) -> Result<String, SpliceError> {
    save_checked(text, old, new, None).map(|(t, _)| t)
}

/// [`save_text`], and the portfolio the new text was checked to load to (equal to
/// `new`; `None` when nothing changed): what the next save splices against, had for
/// the price of the check.
pub fn save_checked(
    text: &str,
    old: &Portfolio,
    new: &Portfolio,
    touched: Option<&[usize]>,
) -> Result<(String, Option<Portfolio>), SpliceError> {
    save_checked_with(text, old, new, touched, &NOBODY)
}

/// [`save_checked`], counting the projects of the check in `progress`.
pub fn save_checked_with(
    text: &str,
    old: &Portfolio,
    new: &Portfolio,
    touched: Option<&[usize]>,
    progress: &Progress,
) -> Result<(String, Option<Portfolio>), SpliceError> {
    if old == new {
        // `text` loads to `old`: nothing to write, nothing to check.
        return Ok((text.to_string(), None));
    }
    let out = splice_touched(text, old, new, touched);
    let loaded = verify_with(&out, new, progress)?;
    Ok((out, Some(loaded)))
}

/// Does `text` load to exactly `expected`? Then what it loads to.
pub fn verify(text: &str, expected: &Portfolio) -> Result<Portfolio, SpliceError> {
    verify_with(text, expected, &NOBODY)
}

/// [`verify`], counting the projects read in `progress`.
pub fn verify_with(
    text: &str,
    expected: &Portfolio,
    progress: &Progress,
) -> Result<Portfolio, SpliceError> {
    match super::load::parse_with(text, progress).map(|(p, _)| p) {
        Ok(p) if p == *expected => Ok(p),
        Ok(_) => Err(SpliceError::Verify("it loads to something else".into())),
        Err(d) => Err(SpliceError::Verify(d.render("the new text"))),
    }
}

/// The text with the changes written in (unchecked: see [`save_text`]).
pub fn splice(text: &str, old: &Portfolio, new: &Portfolio) -> String {
    splice_touched(text, old, new, None)
}

/// [`splice`], comparing only the `touched` projects (see [`portfolio_ops`]).
pub fn splice_touched(
    text: &str,
    old: &Portfolio,
    new: &Portfolio,
    touched: Option<&[usize]>,
) -> String {
    let ops = portfolio_ops(old, new, touched);
    if ops.is_empty() {
        return text.to_string();
    }
    let mut wanted = HashSet::new();
    for op in &ops {
        let mut p = op.path();
        wanted.insert(p.to_string());
        while let Some((parent, _)) = split_last(p) {
            wanted.insert(parent.to_string());
            p = parent;
        }
    }
    let nodes = index(text, &wanted);
    let mut s = Splicer {
        text,
        nodes: &nodes,
        new,
        style: Style::of(text),
        edits: Vec::new(),
        values: HashMap::new(),
        rewritten: HashSet::new(),
    };
    for op in &ops {
        s.op(op);
    }
    s.apply()
}

struct Splicer<'a> {
    text: &'a str,
    nodes: &'a HashMap<String, Node>,
    new: &'a Portfolio,
    style: Style,
    /// (range replaced, new text), in the order made.
    edits: Vec<(Range<usize>, String)>,
    /// Trees of the new projects, made once each.
    values: HashMap<usize, Value>,
    /// The lists written again whole.
    rewritten: HashSet<String>,
}

impl Splicer<'_> {
    /// The new value at `path`.
    fn value_at(&mut self, path: &str) -> Option<Value> {
        if let Some(rest) = path.strip_prefix(".projects[") {
            let (i, tail) = rest.split_once(']')?;
            let i: usize = i.parse().ok()?;
            let project = self.new.projects.get(i)?;
            let v = self.values.entry(i).or_insert_with(|| Value::of(project));
            return v.at(tail).cloned();
        }
        if path == ".projects" {
            return Some(Value::of(&self.new.projects));
        }
        Value::of_top(self.new).at(path).cloned()
    }

    fn op(&mut self, op: &Op) {
        match op {
            Op::Set(at, v) => self.set(at, v),
            Op::Clear(at) => self.clear(&at.old),
            Op::Append(at, items) => self.append(at, items),
            Op::Insert(at, _, _) | Op::Remove(at, _) if self.inline(&at.old) => self.rewrite(at),
            Op::Insert(at, before, items) => self.insert(at, *before, items),
            Op::Remove(at, i) => self.remove(&at.old, *i),
        }
    }

    /// Whether the list at `path` has its items on shared lines (`[a, b]`).
    fn inline(&self, path: &str) -> bool {
        self.nodes
            .get(path)
            .and_then(|n| n.entries.first())
            .is_some_and(|e| !starts_line(self.text, e.start))
    }

    /// A list whose items share lines, with items added or taken out: written again
    /// whole, once (what is inside it is in the new value, and the changes to its
    /// items overlap it and are left out).
    fn rewrite(&mut self, at: &At) {
        if !self.rewritten.insert(at.old.clone()) {
            return;
        }
        if let Some(v) = self.value_at(&at.new) {
            self.set(at, &v);
        }
    }

    fn set(&mut self, at: &At, v: &Value) {
        if let Some(node) = self.nodes.get(&at.old) {
            let layout = self.layout_of(node);
            let text = layout.render(v);
            self.edits.push((node.span.clone(), text));
            return;
        }
        self.set_missing(at, v);
    }

    /// The path is not in the text and neither is a struct to put it in: write the
    /// nearest parent that is there whole.
    fn fallback(&mut self, at: &At) {
        let (mut old, mut new) = (at.old.as_str(), at.new.as_str());
        while let (Some((o, _)), Some((n, _))) = (split_last(old), split_last(new)) {
            if self.nodes.contains_key(o) {
                if let Some(v) = self.value_at(n) {
                    let parent = At {
                        old: o.to_string(),
                        new: n.to_string(),
                    };
                    self.set(&parent, &v);
                }
                return;
            }
            (old, new) = (o, n);
        }
    }

    /// The range an entry of `node` takes with what goes with it: its line when it is
    /// on one of its own; itself (its comments after it stay) when it starts a line;
    /// else itself and the comma that separates it from its neighbours.
    fn entry_range(&self, node: &Node, i: usize) -> Range<usize> {
        let e = &node.entries[i];
        let t = self.text;
        let ls = line_start(t, e.start);
        let le = line_end(t, e.end);
        let after = t[e.end..le].len() - t[e.end..le].trim_start_matches(' ').len();
        if t[ls..e.start].trim().is_empty() {
            if t[e.end..le].trim().is_empty() {
                // On a line of its own: the line goes.
                return ls..(le + newline_len(t, le)).min(t.len());
            }
            return e.start..e.end + after;
        }
        if !e.comma && i > 0 && node.entries[i - 1].comma {
            // The last, without a comma: take the comma before it instead.
            node.entries[i - 1].end - 1..e.end
        } else {
            e.start..e.end + after
        }
    }

    fn clear(&mut self, path: &str) {
        let Some((parent, Seg::Field(key))) = split_last(path) else {
            return;
        };
        let Some(node) = self.nodes.get(parent) else {
            return;
        };
        let Some(i) = node
            .entries
            .iter()
            .position(|e| e.key.as_deref() == Some(key))
        else {
            return; // not written: already absent
        };
        let range = self.entry_range(node, i);
        self.edits.push((range, String::new()));
    }

    /// Item `i` of the list at `path` taken out (a list whose items start their lines;
    /// see [`Splicer::rewrite`] for the others).
    fn remove(&mut self, path: &str, i: usize) {
        let Some(node) = self.nodes.get(path) else {
            return;
        };
        if i < node.entries.len() {
            let range = self.entry_range(node, i);
            self.edits.push((range, String::new()));
        }
    }

    fn append(&mut self, at: &At, items: &[Value]) {
        let Some(node) = self.nodes.get(&at.old).filter(|n| n.open.is_some()) else {
            // No list written yet: the field with the whole list.
            if let Some(v) = self.value_at(&at.new) {
                self.set_missing(at, &v);
            }
            return;
        };
        let Some(last) = node.entries.last() else {
            // `[]`: the whole list, laid out as a new one.
            if let Some(v) = self.value_at(&at.new) {
                let layout = self.layout_of(node);
                self.edits.push((node.span.clone(), layout.render(&v)));
            }
            return;
        };
        let layout = self.sibling_layout(last);
        let texts: Vec<String> = items.iter().map(|v| layout.render(v)).collect();
        self.insert_after(last, &texts);
    }

    /// Items put before item `before` of the list, in its layout.
    fn insert(&mut self, at: &At, before: usize, items: &[Value]) {
        let Some(e) = self.nodes.get(&at.old).and_then(|n| n.entries.get(before)) else {
            return self.fallback(&At {
                old: format!("{}[0]", at.old),
                new: format!("{}[0]", at.new),
            });
        };
        let layout = self.sibling_layout(e);
        let nl = self.style.newline;
        let texts: Vec<String> = items.iter().map(|v| layout.render(v)).collect();
        if starts_line(self.text, e.start) {
            let ls = line_start(self.text, e.start);
            let add: String = texts
                .iter()
                .map(|x| format!("{}{x},{nl}", layout.indent))
                .collect();
            self.edits.push((ls..ls, add));
        } else {
            let add: String = texts.iter().map(|x| format!("{x}, ")).collect();
            self.edits.push((e.start..e.start, add));
        }
    }

    /// How a new item is written beside the item `e`: as it is.
    fn sibling_layout(&self, e: &super::syntax::Entry) -> Layout<'_> {
        let sibling = self.text.get(e.value.clone()).unwrap_or_default();
        Layout {
            style: &self.style,
            indent: line_indent(self.text, e.start).to_string(),
            names: starts_with_name(sibling),
            multiline: fields_on_own_lines(sibling),
        }
    }

    /// A field not in the text, set: inserted into its struct.
    fn set_missing(&mut self, at: &At, v: &Value) {
        if let Some((parent, Seg::Field(key))) = split_last(&at.old)
            && let Some((new_parent, _)) = split_last(&at.new)
            && let Some(node) = self.nodes.get(parent)
            && node.open.is_some()
        {
            let order = match self.value_at(new_parent) {
                Some(Value::Struct(_, fields)) => fields.iter().map(|(k, _)| *k).collect(),
                _ => Vec::new(),
            };
            self.insert_field(node, &order, key, v);
        } else {
            self.fallback(at);
        }
    }

    /// Insert `key: v` into the struct `node`, after the last field that comes before it
    /// in `order` (FORMAT.md's order), in the layout of the fields around it.
    fn insert_field(&mut self, node: &Node, order: &[&str], key: &str, v: &Value) {
        let rank = |k: &str| order.iter().position(|o| *o == k);
        let mine = rank(key).unwrap_or(usize::MAX);
        let anchor = node
            .entries
            .iter()
            .rfind(|e| e.key.as_deref().and_then(rank).is_some_and(|r| r < mine));
        let own_lines = node
            .entries
            .first()
            .is_some_and(|e| starts_line(self.text, e.start));
        let indent = match node.entries.first() {
            Some(e) if own_lines => line_indent(self.text, e.start).to_string(),
            _ => format!(
                "{}{}",
                line_indent(self.text, node.span.start),
                self.style.unit
            ),
        };
        let layout = Layout {
            style: &self.style,
            indent: indent.clone(),
            names: self.style.names || node.name.is_some(),
            multiline: own_lines,
        };
        let field = format!("{key}: {}", layout.render(v));
        match anchor {
            Some(e) => self.insert_after(e, &[field]),
            None => self.insert_first(node, &indent, own_lines, field),
        }
    }

    /// New entries after `e`, in its layout: each on its own line when `e` is, else on
    /// its line; with commas as `e` has them.
    fn insert_after(&mut self, e: &super::syntax::Entry, texts: &[String]) {
        let t = self.text;
        let nl = self.style.newline;
        if starts_line(t, e.start) {
            let indent = line_indent(t, e.start);
            let at = line_end(t, e.end);
            let mut add = String::new();
            for (i, x) in texts.iter().enumerate() {
                let comma = e.comma || i + 1 < texts.len();
                add.push_str(&format!("{nl}{indent}{x}{}", if comma { "," } else { "" }));
            }
            if !e.comma {
                self.edits.push((e.end..e.end, ",".into()));
            }
            self.edits.push((at..at, add));
        } else if e.comma {
            let add: String = texts.iter().map(|x| format!(" {x},")).collect();
            self.edits.push((e.end..e.end, add));
        } else {
            let add: String = texts.iter().map(|x| format!(", {x}")).collect();
            self.edits.push((e.end..e.end, add));
        }
    }

    /// A field as the first of `node`'s entries.
    fn insert_first(&mut self, node: &Node, indent: &str, own_lines: bool, field: String) {
        let nl = self.style.newline;
        let (Some(open), Some(close)) = (node.open, node.close) else {
            return;
        };
        match node.entries.first() {
            Some(first) if own_lines => {
                let at = line_start(self.text, first.start);
                self.edits.push((at..at, format!("{indent}{field},{nl}")));
            }
            Some(first) => self
                .edits
                .push((first.start..first.start, format!("{field}, "))),
            None => {
                let outer = line_indent(self.text, node.span.start);
                self.edits
                    .push((open + 1..close, format!("{nl}{indent}{field},{nl}{outer}")));
            }
        }
    }

    /// How a value replacing `node` is written: as the node was.
    fn layout_of(&self, node: &Node) -> Layout<'_> {
        let old = self.text.get(node.span.clone()).unwrap_or_default();
        Layout {
            style: &self.style,
            indent: line_indent(self.text, node.span.start).to_string(),
            names: node.name.is_some() || (node.open.is_none() && self.style.names),
            multiline: old.contains('\n') || node.open.is_none(),
        }
    }

    /// The text with every edit made (from the end, so offsets hold).
    fn apply(mut self) -> String {
        let mut order: Vec<usize> = (0..self.edits.len()).collect();
        // An insertion before a range that starts where it is goes first.
        order.sort_by_key(|&i| (self.edits[i].0.start, self.edits[i].0.end, i));
        let mut out = String::with_capacity(self.text.len() + 1024);
        let mut at = 0;
        for i in order {
            let (range, new) = std::mem::take(&mut self.edits[i]);
            if range.start < at {
                continue; // overlaps an edit already made: the check will say so
            }
            out.push_str(&self.text[at..range.start]);
            out.push_str(&new);
            at = range.end;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

mod diff;
mod layout;

#[cfg(test)]
mod tests;
