//! Follow-up actions ("oppfølgingspunkter"): which are open, which are overdue, and the
//! order they are shown in (overdue first, then by due date, then the rest).

use super::types::{Date, FollowUp, Project};

/// Open and past its due date on `as_of`.
pub fn is_overdue(f: &FollowUp, as_of: Date) -> bool {
    f.done.is_none() && f.due.is_some_and(|d| d < as_of)
}

/// The project's follow-ups in the order they are shown: open ones first (overdue
/// first, then by due date, those without one last), then the done ones, latest first.
pub fn ordered(pr: &Project, as_of: Date) -> Vec<usize> {
    let mut v: Vec<usize> = (0..pr.follow_ups.len()).collect();
    v.sort_by_key(|&i| {
        let f = &pr.follow_ups[i];
        (
            f.done.is_some(),
            !is_overdue(f, as_of),
            f.due.is_none(),
            f.due,
            std::cmp::Reverse(f.done),
            i,
        )
    });
    v
}

/// The open ones, in [`ordered`]'s order.
pub fn open(pr: &Project, as_of: Date) -> Vec<usize> {
    ordered(pr, as_of)
        .into_iter()
        .filter(|&i| pr.follow_ups[i].done.is_none())
        .collect()
}

/// How many of the project's follow-ups are overdue on `as_of`.
pub fn overdue(pr: &Project, as_of: Date) -> usize {
    pr.follow_ups
        .iter()
        .filter(|f| is_overdue(f, as_of))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(text: &str, due: Option<&str>, done: Option<&str>) -> FollowUp {
        FollowUp {
            text: text.into(),
            owner: None,
            due: due.and_then(Date::parse),
            raised: Date::parse("2026-01-01").unwrap(),
            done: done.and_then(Date::parse),
            by: None,
        }
    }

    #[test]
    fn overdue_first_then_by_due_then_undated_then_done() {
        let mut pr: Project = ron::from_str(r#"(id: "P", name: "P")"#).unwrap();
        pr.follow_ups = vec![
            f("done", Some("2026-01-10"), Some("2026-02-01")),
            f("undated", None, None),
            f("later", Some("2026-12-20"), None),
            f("overdue", Some("2026-11-01"), None),
            f("soon", Some("2026-12-05"), None),
        ];
        let today = Date::parse("2026-11-30").unwrap();
        let texts: Vec<&str> = ordered(&pr, today)
            .into_iter()
            .map(|i| pr.follow_ups[i].text.as_str())
            .collect();
        assert_eq!(texts, ["overdue", "soon", "later", "undated", "done"]);
        assert_eq!(open(&pr, today).len(), 4);
        assert_eq!(overdue(&pr, today), 1);
    }
}
