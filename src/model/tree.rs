//! The goal tree flattened into tree order, with parents and an id index.

use std::collections::HashMap;

use super::locate;
use super::types::{Goal, Portfolio};

/// One goal in tree order.
#[derive(Debug, Clone)]
pub struct GoalNode {
    pub depth: usize,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Where the goal stands in the file, as a [`locate`] path (`.goals[0].children[2]`).
    pub path: String,
}

/// The goal tree in tree (pre-)order. `nodes[i]` belongs to `goals[i]`.
#[derive(Debug, Clone, Default)]
pub struct GoalTree<'a> {
    pub goals: Vec<&'a Goal>,
    pub nodes: Vec<GoalNode>,
    /// First index of each id (duplicates are a validation error).
    pub by_id: HashMap<&'a str, usize>,
}

impl<'a> GoalTree<'a> {
    pub fn new(p: &'a Portfolio) -> Self {
        let mut t = GoalTree::default();
        // Iterative walk: the tree's depth is bounded by the parser, but keep the stack flat.
        let mut stack: Vec<(&'a Goal, Option<usize>, usize, String)> = p
            .goals
            .iter()
            .enumerate()
            .rev()
            .map(|(i, g)| (g, None, 0, locate::index(".goals", i)))
            .collect();
        while let Some((g, parent, depth, path)) = stack.pop() {
            let i = t.goals.len();
            t.goals.push(g);
            t.by_id.entry(g.id.as_str()).or_insert(i);
            if let Some(pi) = parent {
                t.nodes[pi].children.push(i);
            }
            for (ci, c) in g.children.iter().enumerate().rev() {
                let cpath = locate::index(&locate::field(&path, "children"), ci);
                stack.push((c, Some(i), depth + 1, cpath));
            }
            t.nodes.push(GoalNode {
                depth,
                parent,
                children: Vec::new(),
                path,
            });
        }
        t
    }

    pub fn len(&self) -> usize {
        self.goals.len()
    }

    pub fn is_empty(&self) -> bool {
        self.goals.is_empty()
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn is_leaf(&self, i: usize) -> bool {
        self.nodes[i].children.is_empty()
    }

    /// `i` and its ancestors, nearest first.
    pub fn ancestors_and_self(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(i), move |&j| self.nodes[j].parent)
    }

    /// Is `i` equal to `ancestor` or below it?
    pub fn is_within(&self, i: usize, ancestor: usize) -> bool {
        self.ancestors_and_self(i).any(|j| j == ancestor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::parse;

    #[test]
    fn flattens_in_tree_order_with_parents() {
        let p = parse(
            r#"(name: "n", organisation: "o", projects: [], goals: [
                (id: "a", title: "A", children: [(id: "a.1", title: "A1"), (id: "a.2", title: "A2")]),
                (id: "b", title: "B"),
            ])"#,
        )
        .unwrap();
        let t = GoalTree::new(&p);
        let ids: Vec<&str> = t.goals.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(ids, ["a", "a.1", "a.2", "b"]);
        assert_eq!(t.nodes[2].parent, Some(0));
        assert_eq!(t.nodes[2].depth, 1);
        assert_eq!(t.nodes[2].path, ".goals[0].children[1]");
        assert_eq!(t.nodes[0].children, [1, 2]);
        assert!(t.is_within(2, 0));
        assert!(!t.is_within(3, 0));
    }
}
