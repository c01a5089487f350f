//! A scoring round (issue 12): every member of the meeting scores a project's criteria
//! 1–5 on their own, and no one — the chair included — sees another's scores until the
//! chair reveals them. Then each member's scores, their mean and spread per criterion
//! are shown (a spread of [`DISAGREEMENT`] or more is disagreement), and the chair
//! scores the group's result, the median offered as the default.
//!
//! The round's rules only: who sends the scores and how they reach the chair is the
//! session's business. The members' scores are kept in the meeting's evaluation as
//! `ratings` (FORMAT.md, `Rating`); [`Round::ratings`] gives them in that form and
//! [`Round::from_ratings`] takes a round up again from them.
//!
//! Members are kept, listed and written in Norwegian alphabetical order
//! ([`super::collate`]); a name is the same name with or without spaces around it.

use std::cmp::Ordering;

use indexmap::IndexMap;

use super::collate;
use super::msg::{Msg, msg};
use super::types::{Criterion, Date, Rating};
use crate::text::Lang;

/// A spread (highest score less lowest) of this or more is disagreement.
pub const DISAGREEMENT: i64 = 2;

/// The lowest and the highest score.
const SCALE: std::ops::RangeInclusive<i64> = 1..=5;

/// One project's scoring round at one meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    pub project: String,
    pub date: Date,
    revealed: bool,
    /// Each member who has scored, in name order, with their scores by criterion id
    /// (in the order given). A member whose last score was taken back is not here.
    members: Vec<(String, IndexMap<String, i64>)>,
}

/// Why a score was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoundError {
    #[error("the scores are revealed; the round takes no more")]
    Revealed,
    #[error("a score must be between 1 and 5, not {0}")]
    OutOfRange(i64),
    #[error("a score needs the name of who gives it")]
    NoName,
}

impl RoundError {
    /// Why, in both languages.
    pub fn msg(&self) -> Msg {
        match self {
            RoundError::Revealed => msg!(
                "the scores are revealed; the round takes no more",
                "scorene er vist fram; runden tar ikke imot flere"
            ),
            RoundError::OutOfRange(n) => msg!(
                "a score must be between 1 and 5, not {n}",
                "en score må være mellom 1 og 5, ikke {n}"
            ),
            RoundError::NoName => msg!(
                "a score needs the name of who gives it",
                "en score trenger navnet på den som gir den"
            ),
        }
    }
}

/// Members by name: Norwegian alphabetical order.
fn by_name(a: &str, b: &str) -> Ordering {
    collate::cmp(a, b)
}

impl Round {
    pub fn new(project: String, date: Date) -> Round {
        Round {
            project,
            date,
            revealed: false,
            members: Vec::new(),
        }
    }

    pub fn is_revealed(&self) -> bool {
        self.revealed
    }

    /// Where member `by` stands in the list, or where they would go.
    fn find(&self, by: &str) -> Result<usize, usize> {
        self.members.binary_search_by(|(n, _)| by_name(n, by))
    }

    /// A member's score (None clears it). Refused (Err) after the reveal, for a score
    /// outside 1–5, or an empty name. Clearing a score that is not there is no change.
    pub fn rate(
        &mut self,
        by: &str,
        criterion: &str,
        score: Option<i64>,
    ) -> Result<(), RoundError> {
        if self.revealed {
            return Err(RoundError::Revealed);
        }
        let by = by.trim();
        if by.is_empty() {
            return Err(RoundError::NoName);
        }
        if let Some(s) = score
            && !SCALE.contains(&s)
        {
            return Err(RoundError::OutOfRange(s));
        }
        match (self.find(by), score) {
            (Ok(i), Some(s)) => {
                self.members[i].1.insert(criterion.to_string(), s);
            }
            (Ok(i), None) => {
                self.members[i].1.shift_remove(criterion);
                if self.members[i].1.is_empty() {
                    self.members.remove(i);
                }
            }
            (Err(i), Some(s)) => {
                let scores = IndexMap::from([(criterion.to_string(), s)]);
                self.members.insert(i, (by.to_string(), scores));
            }
            (Err(_), None) => {}
        }
        Ok(())
    }

    /// One's own scores: always visible to oneself. `None` for one who has not scored.
    pub fn own(&self, by: &str) -> Option<&IndexMap<String, i64>> {
        self.find(by.trim()).ok().map(|i| &self.members[i].1)
    }

    /// Before the reveal, what the chair may see: each member who has rated and how
    /// many of `criteria` they scored (names sorted). No values. After the reveal too.
    pub fn progress(&self, criteria: &[Criterion]) -> Vec<(String, usize)> {
        self.members
            .iter()
            .map(|(by, scores)| {
                let n = criteria
                    .iter()
                    .filter(|c| scores.contains_key(&c.id))
                    .count();
                (by.clone(), n)
            })
            .collect()
    }

    /// The chair shows everyone's scores; the round takes no more.
    pub fn reveal(&mut self) {
        self.revealed = true;
    }

    /// Only after the reveal (None before): per criterion, in the portfolio's
    /// criterion order.
    pub fn tally(&self, criteria: &[Criterion]) -> Option<Vec<Tally>> {
        self.revealed
            .then(|| tally_of(criteria, &self.ratings(criteria)))
    }

    /// The members' ratings as the evaluation keeps them: sorted by name, each with
    /// its scores in the portfolio's criterion order. Scores for a criterion the
    /// portfolio does not have are left out (the file would not load with them), and so
    /// is a member left with no score.
    pub fn ratings(&self, criteria: &[Criterion]) -> Vec<Rating> {
        self.members
            .iter()
            .filter_map(|(by, scores)| {
                let scores: IndexMap<String, i64> = criteria
                    .iter()
                    .filter_map(|c| scores.get(&c.id).map(|&s| (c.id.clone(), s)))
                    .collect();
                (!scores.is_empty()).then(|| Rating {
                    by: by.clone(),
                    scores,
                })
            })
            .collect()
    }

    /// A round taken up again from ratings already recorded or read back (a seat's
    /// file, a recovered journal). What they hold is not trusted: a rating without a
    /// name and a score outside 1–5 are left out; a name given twice keeps the scores of
    /// both, the later one's where they overlap.
    pub fn from_ratings(project: String, date: Date, ratings: &[Rating], revealed: bool) -> Round {
        let mut round = Round::new(project, date);
        for r in ratings {
            for (c, &s) in &r.scores {
                // Refused only for a missing name or a score out of range: left out.
                let _ = round.rate(&r.by, c, Some(s));
            }
        }
        round.revealed = revealed;
        round
    }
}

/// One criterion's scores in a round, once revealed.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    pub criterion: String,
    /// Who gave which score, by name.
    pub scores: Vec<(String, i64)>,
    pub mean: Option<f64>,
    /// The highest score less the lowest.
    pub spread: Option<i64>,
    pub median: Option<i64>,
    /// The spread is [`DISAGREEMENT`] or more.
    pub disagree: bool,
}

impl Tally {
    /// The scores alone, in name order: "3, 4, 5".
    pub fn list(&self) -> String {
        let v: Vec<String> = self.scores.iter().map(|(_, s)| s.to_string()).collect();
        v.join(", ")
    }

    /// The short form the minutes and the evaluation history write, given the
    /// criterion's name (made safe by the caller, for its output) and the group's score
    /// (`–` when there is none): "Måloppnåelse 4 · seats 3, 4, 5 · spread 2". Whether
    /// it is a disagreement is for the caller to mark ([`Words::disagreement`]).
    pub fn short(&self, name: &str, group: Option<i64>, l: Lang) -> String {
        let w = Words::of(l);
        let group = group.map_or_else(|| "–".to_string(), |s| s.to_string());
        let spread = self
            .spread
            .map_or_else(|| "–".to_string(), |s| s.to_string());
        format!(
            "{name} {group} · {} {} · {} {spread}",
            w.seats,
            self.list(),
            w.spread
        )
    }
}

/// The words of a tally's short form, in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// Before the members' scores: "seats" / "medlemmene".
    pub seats: &'static str,
    /// Before the spread: "spread" / "sprik".
    pub spread: &'static str,
    /// A spread of [`DISAGREEMENT`] or more: "disagreement" / "uenighet".
    pub disagreement: &'static str,
}

impl Words {
    pub fn of(l: Lang) -> Words {
        Words {
            seats: l.pick("medlemmene", "seats"),
            spread: l.pick("sprik", "spread"),
            disagreement: l.pick("uenighet", "disagreement"),
        }
    }
}

/// The tally of ratings already recorded (an evaluation's `ratings`), for history and
/// minutes: one per criterion of `criteria`, in their order, each with the scores given
/// for it in name order, as recorded (a name twice is listed twice, in the order given).
/// A score outside 1–5 (a file with errors) is not counted.
pub fn tally_of(criteria: &[Criterion], ratings: &[Rating]) -> Vec<Tally> {
    let mut sorted: Vec<&Rating> = ratings.iter().collect();
    sorted.sort_by(|a, b| by_name(a.by.trim(), b.by.trim())); // stable: twice keeps its order
    criteria
        .iter()
        .map(|c| {
            let scores: Vec<(String, i64)> = sorted
                .iter()
                .filter_map(|r| {
                    let s = *r.scores.get(&c.id)?;
                    SCALE.contains(&s).then(|| (r.by.trim().to_string(), s))
                })
                .collect();
            let values: Vec<i64> = scores.iter().map(|(_, s)| *s).collect();
            let mean = (!values.is_empty())
                .then(|| values.iter().sum::<i64>() as f64 / values.len() as f64);
            let spread = values
                .iter()
                .max()
                .zip(values.iter().min())
                .map(|(hi, lo)| hi - lo);
            Tally {
                criterion: c.id.clone(),
                mean,
                spread,
                median: median(&values),
                disagree: spread.is_some_and(|s| s >= DISAGREEMENT),
                scores,
            }
        })
        .collect()
}

/// The median of `scores`, as a whole score 1–5: the middle one of an odd count; of an
/// even count, the mean of the two middle ones rounded half up (3 and 4 give 4, 2 and 3
/// give 3, 2 and 5 give 4). `None` for no scores. Scores outside 1–5 are counted as
/// given, and the result is then held to 1–5.
pub fn median(scores: &[i64]) -> Option<i64> {
    if scores.is_empty() {
        return None;
    }
    let mut v = scores.to_vec();
    v.sort_unstable();
    let n = v.len();
    let m = if n % 2 == 1 {
        v[n / 2]
    } else {
        // In i128: two scores from a hostile file cannot overflow.
        let sum = i128::from(v[n / 2 - 1]) + i128::from(v[n / 2]);
        (sum + 1).div_euclid(2).clamp(1, 5) as i64
    };
    Some(m.clamp(*SCALE.start(), *SCALE.end()))
}

#[cfg(test)]
mod tests;
