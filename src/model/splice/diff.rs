//! What changed between what was loaded and what is on screen, as the smallest parts
//! that differ: a value to set, an optional field to clear, items added to a list or
//! taken out of it. Lists are aligned item by item ([`crate::model::align`]), so a risk
//! removed from the middle is one item taken out, not every item after it rewritten.

use super::super::align::{Pair, align};
use super::super::types::Portfolio;
use super::super::value::Value;

/// A place in both trees: its path in the text as loaded (`old`, which the syntax index
/// finds) and in the tree on screen (`new`, where its new value is). They differ only
/// in list indices, below an item added or removed before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    pub old: String,
    pub new: String,
}

impl At {
    pub fn same(path: &str) -> At {
        At {
            old: path.to_string(),
            new: path.to_string(),
        }
    }

    fn field(&self, key: &str) -> At {
        At {
            old: format!("{}.{key}", self.old),
            new: format!("{}.{key}", self.new),
        }
    }

    fn item(&self, i: usize, j: usize) -> At {
        At {
            old: format!("{}[{i}]", self.old),
            new: format!("{}[{j}]", self.new),
        }
    }

    fn key(&self, key: &str) -> At {
        At {
            old: format!("{}{{{key}}}", self.old),
            new: format!("{}{{{key}}}", self.new),
        }
    }
}

/// What changed, at which place.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// The value at the place is now this.
    Set(At, Value),
    /// The optional field at the place is now absent.
    Clear(At),
    /// These items were added at the end of the list at the place.
    Append(At, Vec<Value>),
    /// These items were added before item `.1` (as loaded) of the list at the place.
    Insert(At, usize, Vec<Value>),
    /// Item `.1` (as loaded) of the list at the place was taken out.
    Remove(At, usize),
}

impl Op {
    /// The place in the text as loaded.
    pub fn path(&self) -> &str {
        match self {
            Op::Set(a, _)
            | Op::Clear(a)
            | Op::Append(a, _)
            | Op::Insert(a, ..)
            | Op::Remove(a, _) => &a.old,
        }
    }
}

/// An item's identity in a list: its `id` (a project, a risk, a goal), or a scalar
/// itself (a goal id in `goals`, a tag).
fn key(v: &Value) -> Option<&Value> {
    match v {
        Value::Struct(_, fields) => fields.iter().find(|(k, _)| *k == "id").map(|(_, v)| v),
        Value::Scalar(_) => Some(v),
        _ => None,
    }
}

/// What tells items apart when their ids do not: a name or title (a renamed risk keeps
/// its title), or the first field (a funding's source, a follow-up's text, an
/// evaluation's date, a change's time).
fn second(v: &Value) -> Option<&Value> {
    match v {
        Value::Struct(_, fields) => fields
            .iter()
            .find(|(k, _)| matches!(*k, "name" | "title"))
            .or_else(|| fields.first())
            .map(|(_, v)| v),
        _ => None,
    }
}

/// The smallest changes that turn `old` into `new`, both standing at `at`.
pub fn diff(at: &At, old: &Value, new: &Value, ops: &mut Vec<Op>) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Struct(a, fa), Value::Struct(b, fb))
            if a == b && fa.len() == fb.len() && fa.iter().zip(fb).all(|(x, y)| x.0 == y.0) =>
        {
            for ((k, o), (_, n)) in fa.iter().zip(fb) {
                let p = at.field(k);
                match n {
                    Value::None if *o != Value::None => ops.push(Op::Clear(p)),
                    _ => diff(&p, o, n, ops),
                }
            }
        }
        (Value::Seq(a), Value::Seq(b)) if !a.is_empty() => items(at, a, b, ops),
        (Value::Map(a), Value::Map(b))
            if a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.0 == y.0) =>
        {
            for ((k, o), (_, n)) in a.iter().zip(b) {
                diff(&at.key(&unquote(k)), o, n, ops);
            }
        }
        _ => ops.push(Op::Set(at.clone(), new.clone())),
    }
}

/// A list's items aligned: each pair compared, each one gone taken out, each new one
/// put before the item it now stands before (or at the end).
fn items(at: &At, a: &[Value], b: &[Value], ops: &mut Vec<Op>) {
    let pairs = align(a, b, key, second);
    let moved = pairs.iter().any(|p| !matches!(p, Pair::Both(..)));
    if moved && a.iter().chain(b).all(Value::is_scalar) {
        // `goals: ["a", "b"]`: written again whole, as one line.
        ops.push(Op::Set(at.clone(), Value::Seq(b.to_vec())));
        return;
    }
    let same = |i: usize, j: usize, ops: &mut Vec<Op>| diff(&at.item(i, j), &a[i], &b[j], ops);
    list_ops(at, &pairs, same, |j| b[j].clone(), ops);
}

/// The ops of an aligned list: `same(i, j)` compares a pair, `new(j)` is item `j` now.
fn list_ops(
    at: &At,
    pairs: &[Pair],
    mut same: impl FnMut(usize, usize, &mut Vec<Op>),
    new: impl Fn(usize) -> Value,
    ops: &mut Vec<Op>,
) {
    // In each run of items added and removed, the added ones first: put before the
    // first one removed (its place), never after one that goes.
    let mut pairs = pairs.to_vec();
    let mut k = 0;
    while k < pairs.len() {
        let end = (k..pairs.len())
            .find(|&e| matches!(pairs[e], Pair::Both(..)))
            .unwrap_or(pairs.len());
        pairs[k..end].sort_by_key(|p| matches!(p, Pair::Old(_)));
        k = end + 1;
    }
    let mut added: Vec<Value> = Vec::new();
    let flush = |added: &mut Vec<Value>, before: Option<usize>, ops: &mut Vec<Op>| {
        if added.is_empty() {
            return;
        }
        let items = std::mem::take(added);
        ops.push(match before {
            Some(i) => Op::Insert(at.clone(), i, items),
            None => Op::Append(at.clone(), items),
        });
    };
    for pair in &pairs {
        match *pair {
            Pair::New(j) => added.push(new(j)),
            Pair::Both(i, j) => {
                flush(&mut added, Some(i), ops);
                same(i, j, ops);
            }
            Pair::Old(i) => {
                flush(&mut added, Some(i), ops);
                ops.push(Op::Remove(at.clone(), i));
            }
        }
    }
    flush(&mut added, None, ops);
}

/// A map key as the syntax index names it: a string key without its quotes.
fn unquote(key: &str) -> String {
    match ron::from_str::<String>(key) {
        Ok(s) => s,
        Err(_) => key.to_string(),
    }
}

/// The changes between two portfolios: the top-level fields as trees, and only the
/// projects that differ (a national portfolio has 100,000; one edit touches one). With
/// `touched`, only those projects are compared (a superset of the ones that differ, as
/// the undo history knows them, when no project was added or removed); a project left
/// out that differs after all is caught by the check after the splice, and nothing is
/// saved.
pub fn portfolio_ops(old: &Portfolio, new: &Portfolio, touched: Option<&[usize]>) -> Vec<Op> {
    let mut ops = Vec::new();
    diff(
        &At::same(""),
        &Value::of_top(old),
        &Value::of_top(new),
        &mut ops,
    );
    let list = At::same(".projects");
    let compare = |i: usize, j: usize, ops: &mut Vec<Op>| {
        if old.projects[i] != new.projects[j] {
            let at = list.item(i, j);
            diff(
                &at,
                &Value::of(&old.projects[i]),
                &Value::of(&new.projects[j]),
                ops,
            );
        }
    };
    match touched {
        Some(only) if old.projects.len() == new.projects.len() => {
            for &i in only.iter().filter(|&&i| i < old.projects.len()) {
                compare(i, i, &mut ops);
            }
        }
        _ if old.projects.is_empty() && !new.projects.is_empty() => {
            ops.push(Op::Set(list.clone(), Value::of(&new.projects)));
        }
        _ => {
            let pairs = align(
                &old.projects,
                &new.projects,
                |pr| Some(pr.id.as_str()),
                |pr| Some(pr.name.as_str()),
            );
            list_ops(
                &list,
                &pairs,
                compare,
                |j| Value::of(&new.projects[j]),
                &mut ops,
            );
        }
    }
    ops
}
