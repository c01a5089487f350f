//! A criterion's scores across meetings as a sparkline: one block per evaluation, oldest
//! first, its height the score (1 ▁ … 5 █); `·` where that meeting did not score it.

use crate::model::Project;

/// The block for a score of 1–5.
fn block(s: i64) -> char {
    match s {
        1 => '▁',
        2 => '▃',
        3 => '▄',
        4 => '▆',
        5 => '█',
        _ => '?',
    }
}

/// The sparkline of `criterion` over the project's evaluations in date order, and the
/// scores in numbers ("3 4 4 5"), or `None` with fewer than two evaluations that scored it.
pub fn history(pr: &Project, criterion: &str) -> Option<(String, String)> {
    let mut evs: Vec<_> = pr.evaluations.iter().collect();
    evs.sort_by_key(|e| e.date);
    let scores: Vec<Option<i64>> = evs
        .iter()
        .map(|e| e.scores.get(criterion).copied())
        .collect();
    if scores.iter().flatten().count() < 2 {
        return None;
    }
    let line = scores.iter().map(|s| s.map_or('·', block)).collect();
    let numbers = scores
        .iter()
        .map(|s| s.map_or("–".to_string(), |s| s.to_string()))
        .collect::<Vec<_>>()
        .join(" ");
    Some((line, numbers))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oldest_first_with_gaps() {
        let pr: Project = crate::model::load::ron_options()
            .from_str(
                r#"(id: "P", name: "P", evaluations: [
                (date: "2026-09-01", scores: {"goals": 4}),
                (date: "2026-03-01", scores: {"goals": 2, "budget": 5}),
                (date: "2026-11-01", scores: {"goals": 5}),
            ])"#,
            )
            .unwrap();
        assert_eq!(
            history(&pr, "goals"),
            Some(("▃▆█".to_string(), "2 4 5".to_string()))
        );
        assert_eq!(history(&pr, "budget"), None, "scored once: no line");
    }
}
