//! Which item of a list before is which item after, when items were added, removed or
//! changed in between: what lossless saving writes ([`super::splice`]) and what
//! "unsaved" counts ([`super::differ`]) both need.
//!
//! Items are matched by a key (a project's or a risk's id) where they have one, in
//! order; an item without a match is paired, where it can be, with one that stands
//! between the same matched neighbours and has the same second key (a risk renamed keeps
//! its title, a result its name), and items without a key then by place. What is left
//! was removed or added.

use std::collections::HashMap;
use std::hash::Hash;

/// One step through both lists, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pair {
    /// Item `.0` before is item `.1` after (perhaps changed).
    Both(usize, usize),
    /// Item `.0` before is gone.
    Old(usize),
    /// Item `.0` after is new.
    New(usize),
}

/// Align `a` with `b`: `key` must be equal for the same item (`None`: the item has
/// none), `second` is tried for the items left between matches.
pub fn align<'a, T, K: Eq + Hash, S: Eq>(
    a: &'a [T],
    b: &'a [T],
    key: impl Fn(&'a T) -> Option<K>,
    second: impl Fn(&'a T) -> Option<S>,
) -> Vec<Pair> {
    // The common case: the same length and every item where it was.
    if a.len() == b.len() && a.iter().zip(b).all(|(x, y)| key(x) == key(y)) {
        return (0..a.len()).map(|i| Pair::Both(i, i)).collect();
    }
    let mut by_key: HashMap<K, Vec<usize>> = HashMap::new();
    for (i, x) in a.iter().enumerate() {
        if let Some(k) = key(x) {
            by_key.entry(k).or_default().push(i);
        }
    }
    // Matches by key, in increasing order on both sides (greedy).
    let mut matches: Vec<(usize, usize)> = Vec::new();
    let mut next_old = 0;
    for (j, y) in b.iter().enumerate() {
        let Some(olds) = key(y).and_then(|k| by_key.get_mut(&k)) else {
            continue;
        };
        olds.retain(|&i| i >= next_old);
        if let Some(&i) = olds.first() {
            olds.remove(0);
            matches.push((i, j));
            next_old = i + 1;
        }
    }
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    for (mi, mj) in matches.into_iter().chain([(a.len(), b.len())]) {
        gap(a, b, i..mi, j..mj, &key, &second, &mut out);
        if mi < a.len() {
            out.push(Pair::Both(mi, mj));
        }
        (i, j) = (mi + 1, mj + 1);
    }
    out
}

/// The items between two matches: paired by the second key, then those without a key
/// by place.
fn gap<'a, T, K, S: Eq>(
    a: &'a [T],
    b: &'a [T],
    olds: std::ops::Range<usize>,
    news: std::ops::Range<usize>,
    key: &impl Fn(&'a T) -> Option<K>,
    second: &impl Fn(&'a T) -> Option<S>,
    out: &mut Vec<Pair>,
) {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut from = olds.start;
    for j in news.clone() {
        let Some(s) = second(&b[j]) else { continue };
        if let Some(i) = (from..olds.end).find(|&i| second(&a[i]).as_ref() == Some(&s)) {
            pairs.push((i, j));
            from = i + 1;
        }
    }
    let (mut i, mut j) = (olds.start, news.start);
    for (pi, pj) in pairs.into_iter().chain([(olds.end, news.end)]) {
        // Between these: those without a key paired by place, the rest removed or added.
        let (mut x, mut y) = (i, j);
        while x < pi && y < pj && key(&a[x]).is_none() && key(&b[y]).is_none() {
            out.push(Pair::Both(x, y));
            (x, y) = (x + 1, y + 1);
        }
        out.extend((x..pi).map(Pair::Old));
        out.extend((y..pj).map(Pair::New));
        if pi < olds.end {
            out.push(Pair::Both(pi, pj));
        }
        (i, j) = (pi + 1, pj + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(a: &[(&str, &str)], b: &[(&str, &str)]) -> Vec<Pair> {
        align(a, b, |x| (!x.0.is_empty()).then_some(x.0), |x| Some(x.1))
    }

    #[test]
    fn the_same_list_pairs_every_item_with_itself() {
        let a = [("a", "1"), ("b", "2")];
        assert_eq!(run(&a, &a), [Pair::Both(0, 0), Pair::Both(1, 1)]);
    }

    #[test]
    fn an_item_removed_in_the_middle_and_one_added_at_the_end() {
        let a = [("a", ""), ("b", ""), ("c", "")];
        let b = [("a", ""), ("c", ""), ("d", "")];
        assert_eq!(
            run(&a, &b),
            [
                Pair::Both(0, 0),
                Pair::Old(1),
                Pair::Both(2, 1),
                Pair::New(2)
            ]
        );
    }

    #[test]
    fn a_renamed_item_keeps_its_place_and_another_one_is_another() {
        let a = [("a", ""), ("b", "t"), ("c", "")];
        let b = [("a", ""), ("B", "t"), ("c", "")];
        assert_eq!(
            run(&a, &b),
            [Pair::Both(0, 0), Pair::Both(1, 1), Pair::Both(2, 2)]
        );
        let b = [("a", ""), ("x", "u"), ("c", "")];
        assert_eq!(
            run(&a, &b),
            [
                Pair::Both(0, 0),
                Pair::Old(1),
                Pair::New(1),
                Pair::Both(2, 2)
            ]
        );
    }

    #[test]
    fn items_without_a_key_are_found_by_their_second_key() {
        // Result "y" removed, "z" changed.
        let a = [("", "x"), ("", "y"), ("", "z")];
        let b = [("", "x"), ("", "z")];
        assert_eq!(
            run(&a, &b),
            [Pair::Both(0, 0), Pair::Old(1), Pair::Both(2, 1)]
        );
    }

    #[test]
    fn an_inserted_item_stands_before_its_old_neighbour() {
        let a = [("a", ""), ("c", "")];
        let b = [("a", ""), ("b", ""), ("c", "")];
        assert_eq!(
            run(&a, &b),
            [Pair::Both(0, 0), Pair::New(1), Pair::Both(1, 2)]
        );
    }
}
