//! The members' ratings of a scoring round, as [`Edit::Ratings`](super::Edit::Ratings)
//! sets them: checked as the loader checks them, so a file styr saves always loads again.

use indexmap::IndexMap;

use super::EditError;
use crate::model::collate;
use crate::model::types::{Criterion, Rating};

/// `ratings` as the evaluation keeps them: each name trimmed and given once, each score
/// 1–5 for a criterion of the portfolio and in the portfolio's criterion order, sorted
/// by name (Norwegian order, as [`crate::model::round`] lists members). A rating with no
/// scores is left out. Refused, with nothing changed, otherwise.
pub(super) fn checked(
    ratings: &[Rating],
    criteria: &[Criterion],
) -> Result<Vec<Rating>, EditError> {
    let mut out: Vec<Rating> = Vec::with_capacity(ratings.len());
    for r in ratings {
        let by = r.by.trim();
        if by.is_empty() {
            return Err(EditError::Empty("a rating's name"));
        }
        if out.iter().any(|x| x.by == by) {
            return Err(EditError::RatesTwice(by.to_string()));
        }
        for (c, s) in &r.scores {
            if !criteria.iter().any(|k| &k.id == c) {
                return Err(EditError::NoCriterion(c.clone()));
            }
            if !(1..=5).contains(s) {
                return Err(EditError::OutOfRange("a score"));
            }
        }
        let scores: IndexMap<String, i64> = criteria
            .iter()
            .filter_map(|c| r.scores.get(&c.id).map(|&s| (c.id.clone(), s)))
            .collect();
        out.push(Rating {
            by: by.to_string(),
            scores,
        });
    }
    out.retain(|r| !r.scores.is_empty());
    out.sort_by(|a, b| collate::cmp(&a.by, &b.by));
    Ok(out)
}

/// The ratings as the file writes them, for where an edit's value is shown:
/// `[(by: "Ida", scores: {"goals": 4})]`.
pub(super) fn written(ratings: &[Rating]) -> String {
    let one = |r: &Rating| {
        let scores: Vec<String> = r
            .scores
            .iter()
            .map(|(k, v)| format!("{k:?}: {v}"))
            .collect();
        format!("(by: {:?}, scores: {{{}}})", r.by, scores.join(", "))
    };
    let all: Vec<String> = ratings.iter().map(one).collect();
    format!("[{}]", all.join(", "))
}
