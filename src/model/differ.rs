//! How many items differ between two versions of a project or of the meeting records:
//! the count "unsaved (n)" shows. An item is what a user changes with one action: a
//! score, a decision, a health, a risk's probability, a follow-up, a name in the meeting
//! record. The bookkeeping that goes with them (the change log, the agenda, the day's
//! evaluation's date and author) is not counted on its own.

use super::align::{Pair, align};
use super::types::{Goal, Meeting, Project};
use super::value::Value;

/// Items that differ between two versions of one project.
pub fn project(a: &Project, b: &Project) -> usize {
    if a == b {
        return 0;
    }
    count(&Value::of(a), &Value::of(b))
}

/// Items that differ between two goal trees: each field of a goal, each goal added or
/// removed (with the goals below it, one).
pub fn goals(a: &[Goal], b: &[Goal]) -> usize {
    if a == b {
        return 0;
    }
    align(a, b, |g| Some(g.id.as_str()), |g| Some(g.title.as_str()))
        .into_iter()
        .map(|pair| match pair {
            Pair::Both(i, j) if a[i] == b[j] => 0,
            Pair::Both(i, j) => {
                let own = |g: &Goal| Goal {
                    children: Vec::new(),
                    ..g.clone()
                };
                count(&Value::of(&own(&a[i])), &Value::of(&own(&b[j])))
                    + goals(&a[i].children, &b[j].children)
            }
            Pair::Old(_) | Pair::New(_) => 1,
        })
        .sum()
}

/// Items that differ in the meeting records' headers (chair, secretary, note, each
/// name among attendees and absent).
pub fn meetings(a: &[Meeting], b: &[Meeting]) -> usize {
    let mut dates: Vec<_> = a.iter().chain(b).map(|m| m.date).collect();
    dates.sort_unstable();
    dates.dedup();
    dates
        .into_iter()
        .map(|d| {
            let find = |v: &[Meeting]| v.iter().find(|m| m.date == d).cloned();
            header(find(a).as_ref(), find(b).as_ref())
        })
        .sum()
}

fn header(a: Option<&Meeting>, b: Option<&Meeting>) -> usize {
    let opt = |f: fn(&Meeting) -> &Option<String>| {
        usize::from(a.and_then(|m| f(m).as_ref()) != b.and_then(|m| f(m).as_ref()))
    };
    let names = |f: fn(&Meeting) -> &Vec<String>| {
        let empty = Vec::new();
        let (x, y) = (a.map_or(&empty, f), b.map_or(&empty, f));
        x.iter().filter(|n| !y.contains(n)).count() + y.iter().filter(|n| !x.contains(n)).count()
    };
    opt(|m| &m.chair)
        + opt(|m| &m.secretary)
        + opt(|m| &m.note)
        + names(|m| &m.attendees)
        + names(|m| &m.absent)
}

fn count(a: &Value, b: &Value) -> usize {
    if a == b {
        return 0;
    }
    match (a, b) {
        (Value::Struct(n, x), Value::Struct(m, y)) if n == m => {
            x.iter().zip(y).map(|((_, u), (_, v))| count(u, v)).sum()
        }
        (Value::Map(x), Value::Map(y)) => {
            let get = |v: &[(String, Value)], k: &str| {
                v.iter()
                    .find(|(key, _)| key == k)
                    .map_or(Value::None, |e| e.1.clone())
            };
            let mut keys: Vec<&String> = x.iter().chain(y).map(|(k, _)| k).collect();
            keys.sort_unstable();
            keys.dedup();
            keys.into_iter()
                .map(|k| count(&get(x, k), &get(y, k)))
                .sum()
        }
        (Value::Seq(x), Value::Seq(y)) => {
            let common: usize = x.iter().zip(y).map(|(u, v)| count(u, v)).sum();
            let extra = if x.len() > y.len() {
                &x[y.len()..]
            } else {
                &y[x.len()..]
            };
            common + extra.iter().map(item).sum::<usize>()
        }
        (Value::Scalar(_), Value::Scalar(_)) => 1,
        (Value::None, v) | (v, Value::None) => item(v),
        _ => 1,
    }
}

/// A whole item added or removed: one, except an evaluation, which counts what it
/// holds (two scores and a decision are three), and a member's rating, which counts its
/// scores.
fn item(v: &Value) -> usize {
    match v {
        Value::Struct("Evaluation" | "Rating", _) => leaves(v).max(1),
        Value::None => 0,
        _ => 1,
    }
}

fn leaves(v: &Value) -> usize {
    match v {
        Value::Scalar(_) => 1,
        Value::None => 0,
        Value::Seq(x) => x.iter().map(leaves).sum(),
        Value::Map(x) => x.iter().map(|(_, v)| leaves(v)).sum(),
        // Who and when are not items of their own: an evaluation's date and author, the
        // name a rating is by.
        Value::Struct(name, x) => x
            .iter()
            .filter(|(k, _)| {
                !matches!(
                    (*name, *k),
                    ("Evaluation", "date" | "by") | ("Rating", "by")
                )
            })
            .map(|(_, v)| leaves(v))
            .sum(),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::edit::{Edit, History};
    use crate::model::{Date, Health, parse};

    fn sample() -> crate::model::Portfolio {
        parse(include_str!("../../tests/fixtures/example.ron")).unwrap()
    }

    #[test]
    fn scores_count_one_each_and_undo_to_load_counts_none() {
        let mut p = sample();
        let mut h = History::default();
        let date = Date::parse("2026-11-30").unwrap();
        for (c, s) in [("goals", 4), ("results", 3)] {
            let e = Edit::Score {
                project: "P-01".into(),
                date,
                criterion: c.into(),
                score: Some(s),
            };
            h.apply(&mut p, &e).unwrap();
        }
        assert_eq!(h.unsaved(&p), 2);
        let e = Edit::Health {
            project: "P-01".into(),
            health: Some(Health::Red),
        };
        h.apply(&mut p, &e).unwrap();
        assert_eq!(h.unsaved(&p), 3);
        while h.undo(&mut p).is_some() {}
        assert_eq!(h.unsaved(&p), 0);
        h.redo(&mut p);
        assert_eq!(h.unsaved(&p), 1);
        h.mark_saved();
        assert_eq!(h.unsaved(&p), 0);
        // Undo past the save: the file now has the score, the screen does not.
        h.undo(&mut p);
        assert_eq!(h.unsaved(&p), 1);
    }
}
