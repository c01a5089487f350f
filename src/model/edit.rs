//! Edits a meeting makes, and their undo history.
//!
//! An edit names its project (and risk) by id, not by position, so a journal of edits
//! can be replayed on the file after a crash, and re-applied after the file was
//! reloaded from disk, wherever the project still exists.

use serde::{Deserialize, Serialize};

use super::types::{Date, Decision, Evaluation, Health, Portfolio, Project, RiskStatus, Status};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Set (or with `None` clear) a criterion's score in the meeting's evaluation.
    Score {
        project: String,
        date: Date,
        criterion: String,
        score: Option<i64>,
    },
    Decision {
        project: String,
        date: Date,
        decision: Option<Decision>,
    },
    Note {
        project: String,
        date: Date,
        note: Option<String>,
    },
    Health {
        project: String,
        health: Option<Health>,
    },
    Status {
        project: String,
        status: Status,
    },
    RiskProbability {
        project: String,
        risk: String,
        value: i64,
    },
    RiskConsequence {
        project: String,
        risk: String,
        value: i64,
    },
    RiskStatus {
        project: String,
        risk: String,
        status: RiskStatus,
    },
    RiskMitigation {
        project: String,
        risk: String,
        mitigation: Option<String>,
    },
}

/// Why an edit could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("project `{0}` is not in the portfolio")]
    NoProject(String),
    #[error("risk `{1}` is not in project `{0}`")]
    NoRisk(String, String),
    #[error("criterion `{0}` is not in the portfolio")]
    NoCriterion(String),
    #[error("{0} must be between 1 and 5")]
    OutOfRange(&'static str),
}

impl Edit {
    pub fn project_id(&self) -> &str {
        match self {
            Edit::Score { project, .. }
            | Edit::Decision { project, .. }
            | Edit::Note { project, .. }
            | Edit::Health { project, .. }
            | Edit::Status { project, .. }
            | Edit::RiskProbability { project, .. }
            | Edit::RiskConsequence { project, .. }
            | Edit::RiskStatus { project, .. }
            | Edit::RiskMitigation { project, .. } => project,
        }
    }

    /// The field the edit sets, named as in the file: `health`, `status`,
    /// `risks.R2.probability`, `evaluations.2026-11-22.scores.goals`.
    pub fn field(&self) -> String {
        match self {
            Edit::Score {
                date, criterion, ..
            } => format!("evaluations.{date}.scores.{criterion}"),
            Edit::Decision { date, .. } => format!("evaluations.{date}.decision"),
            Edit::Note { date, .. } => format!("evaluations.{date}.note"),
            Edit::Health { .. } => "health".into(),
            Edit::Status { .. } => "status".into(),
            Edit::RiskProbability { risk, .. } => format!("risks.{risk}.probability"),
            Edit::RiskConsequence { risk, .. } => format!("risks.{risk}.consequence"),
            Edit::RiskStatus { risk, .. } => format!("risks.{risk}.status"),
            Edit::RiskMitigation { risk, .. } => format!("risks.{risk}.mitigation"),
        }
    }

    /// The value the edit sets, as the file writes it (`Red`, `4`, `"a note"`); `None`
    /// when it clears the field.
    pub fn value(&self) -> Option<String> {
        let text = |s: &Option<String>| s.as_ref().map(|s| format!("{s:?}"));
        match self {
            Edit::Score { score, .. } => score.map(|s| s.to_string()),
            Edit::Decision { decision, .. } => decision.map(|d| format!("{d:?}")),
            Edit::Note { note, .. } => text(note),
            Edit::Health { health, .. } => health.map(|h| format!("{h:?}")),
            Edit::Status { status, .. } => Some(format!("{status:?}")),
            Edit::RiskProbability { value, .. } | Edit::RiskConsequence { value, .. } => {
                Some(value.to_string())
            }
            Edit::RiskStatus { status, .. } => Some(format!("{status:?}")),
            Edit::RiskMitigation { mitigation, .. } => text(mitigation),
        }
    }

    /// Apply to `p`; returns the index of the changed project.
    pub fn apply(&self, p: &mut Portfolio) -> Result<usize, EditError> {
        let pid = self.project_id();
        let pi = p
            .projects
            .iter()
            .position(|x| x.id == pid)
            .ok_or_else(|| EditError::NoProject(pid.to_string()))?;
        if let Edit::Score { criterion, .. } = self
            && !p.criteria.iter().any(|c| &c.id == criterion)
        {
            return Err(EditError::NoCriterion(criterion.clone()));
        }
        let criteria_order: Vec<String> = p.criteria.iter().map(|c| c.id.clone()).collect();
        let pr = &mut p.projects[pi];
        match self {
            Edit::Score {
                date,
                criterion,
                score,
                ..
            } => {
                if let Some(s) = score
                    && !(1..=5).contains(s)
                {
                    return Err(EditError::OutOfRange("a score"));
                }
                let ev = meeting_evaluation(pr, *date);
                match score {
                    Some(s) => {
                        ev.scores.insert(criterion.clone(), *s);
                        // Keep scores in the criteria's order: stable, readable files.
                        ev.scores.sort_by_cached_key(|k, _| {
                            criteria_order
                                .iter()
                                .position(|c| c == k)
                                .unwrap_or(usize::MAX)
                        });
                    }
                    None => {
                        ev.scores.shift_remove(criterion);
                    }
                }
            }
            Edit::Decision { date, decision, .. } => {
                meeting_evaluation(pr, *date).decision = *decision;
            }
            Edit::Note { date, note, .. } => {
                meeting_evaluation(pr, *date).note = note.clone().filter(|n| !n.is_empty());
            }
            Edit::Health { health, .. } => pr.health = *health,
            Edit::Status { status, .. } => pr.status = *status,
            Edit::RiskProbability { risk, value, .. }
            | Edit::RiskConsequence { risk, value, .. } => {
                if !(1..=5).contains(value) {
                    return Err(EditError::OutOfRange(
                        if matches!(self, Edit::RiskProbability { .. }) {
                            "probability"
                        } else {
                            "consequence"
                        },
                    ));
                }
                let r = find_risk(pr, risk)?;
                if matches!(self, Edit::RiskProbability { .. }) {
                    r.probability = *value;
                } else {
                    r.consequence = *value;
                }
            }
            Edit::RiskStatus { risk, status, .. } => find_risk(pr, risk)?.status = *status,
            Edit::RiskMitigation {
                risk, mitigation, ..
            } => {
                find_risk(pr, risk)?.mitigation = mitigation.clone().filter(|m| !m.is_empty());
            }
        }
        Ok(pi)
    }
}

fn find_risk<'a>(pr: &'a mut Project, id: &str) -> Result<&'a mut crate::model::Risk, EditError> {
    let pid = pr.id.clone();
    pr.risks
        .iter_mut()
        .find(|r| r.id == id)
        .ok_or_else(|| EditError::NoRisk(pid, id.to_string()))
}

/// The evaluation of the meeting on `date`: the project's last evaluation if it has that
/// date, otherwise a new one appended to the history.
pub fn meeting_evaluation(pr: &mut Project, date: Date) -> &mut Evaluation {
    if pr.evaluations.last().is_none_or(|e| e.date != date) {
        pr.evaluations.push(Evaluation {
            date,
            scores: Default::default(),
            decision: None,
            note: None,
            by: None,
            ratings: Vec::new(),
        });
    }
    let last = pr.evaluations.len() - 1;
    &mut pr.evaluations[last]
}

/// One step of history: the changed project before and after.
#[derive(Debug, Clone)]
struct Step {
    index: usize,
    before: Project,
    after: Project,
}

/// Undo and redo over edits, back to the state at load. Each step keeps a copy of the one
/// project it changed, so the cost does not grow with the portfolio.
#[derive(Debug, Clone, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
}

impl History {
    /// Every project index an edit, undo or redo in this history has changed: a
    /// superset of the projects that differ from the state at load (or at a save).
    pub fn touched(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .done
            .iter()
            .chain(&self.undone)
            .map(|s| s.index)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Apply `edit` to `p` and remember how to undo it. Returns the changed project's index.
    pub fn apply(&mut self, p: &mut Portfolio, edit: &Edit) -> Result<usize, EditError> {
        let pid = edit.project_id();
        let before = p.projects.iter().find(|x| x.id == pid).cloned();
        let index = edit.apply(p)?;
        let after = p.projects[index].clone();
        let before = before.expect("apply succeeded, so the project exists");
        if before != after {
            self.done.push(Step {
                index,
                before,
                after,
            });
            self.undone.clear();
        }
        Ok(index)
    }

    /// Undo the last edit; returns the changed project's index.
    pub fn undo(&mut self, p: &mut Portfolio) -> Option<usize> {
        let step = self.done.pop()?;
        let i = step.index;
        if let Some(slot) = p.projects.get_mut(i) {
            *slot = step.before.clone();
        }
        self.undone.push(step);
        Some(i)
    }

    /// Redo the last undone edit; returns the changed project's index.
    pub fn redo(&mut self, p: &mut Portfolio) -> Option<usize> {
        let step = self.undone.pop()?;
        let i = step.index;
        if let Some(slot) = p.projects.get_mut(i) {
            *slot = step.after.clone();
        }
        self.done.push(step);
        Some(i)
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// How many edits are in effect (not undone).
    pub fn len(&self) -> usize {
        self.done.len()
    }

    pub fn is_empty(&self) -> bool {
        self.done.is_empty()
    }

    /// Forget everything (after a reload).
    pub fn clear(&mut self) {
        self.done.clear();
        self.undone.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse;

    fn sample() -> Portfolio {
        parse(include_str!("../../tests/fixtures/example.ron")).unwrap()
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn first_score_of_a_meeting_appends_an_evaluation_later_ones_change_it() {
        let mut p = sample();
        let mut h = History::default();
        let n = p.projects[0].evaluations.len();
        let score = |c: &str, s| Edit::Score {
            project: "P-01".into(),
            date: d("2026-11-22"),
            criterion: c.into(),
            score: Some(s),
        };
        h.apply(&mut p, &score("results", 4)).unwrap();
        h.apply(&mut p, &score("goals", 5)).unwrap();
        let evs = &p.projects[0].evaluations;
        assert_eq!(evs.len(), n + 1);
        let last = evs.last().unwrap();
        assert_eq!(last.date, d("2026-11-22"));
        // Stored in the criteria's order, not the order they were scored.
        assert_eq!(
            last.scores.iter().collect::<Vec<_>>(),
            [(&"goals".to_string(), &5), (&"results".to_string(), &4)]
        );
    }

    #[test]
    fn undo_and_redo_walk_back_to_the_loaded_state() {
        let original = sample();
        let mut p = original.clone();
        let mut h = History::default();
        h.apply(
            &mut p,
            &Edit::Health {
                project: "P-01".into(),
                health: Some(Health::Red),
            },
        )
        .unwrap();
        h.apply(
            &mut p,
            &Edit::Decision {
                project: "P-01".into(),
                date: d("2026-11-22"),
                decision: Some(Decision::Pause),
            },
        )
        .unwrap();
        let edited = p.clone();
        assert_eq!(h.undo(&mut p), Some(0));
        assert_eq!(h.undo(&mut p), Some(0));
        assert_eq!(h.undo(&mut p), None);
        assert_eq!(p, original);
        h.redo(&mut p);
        h.redo(&mut p);
        assert_eq!(p, edited);
    }

    #[test]
    fn risk_edits_check_range_and_ids() {
        let mut p = sample();
        let e = Edit::RiskProbability {
            project: "P-01".into(),
            risk: "R1".into(),
            value: 5,
        };
        e.apply(&mut p).unwrap();
        assert_eq!(p.projects[0].risks[0].probability, 5);
        let bad = Edit::RiskConsequence {
            project: "P-01".into(),
            risk: "R1".into(),
            value: 6,
        };
        assert_eq!(bad.apply(&mut p), Err(EditError::OutOfRange("consequence")));
        let missing = Edit::RiskStatus {
            project: "P-01".into(),
            risk: "R9".into(),
            status: RiskStatus::Closed,
        };
        assert!(matches!(missing.apply(&mut p), Err(EditError::NoRisk(..))));
        let nop = Edit::Status {
            project: "nope".into(),
            status: Status::Active,
        };
        assert!(matches!(nop.apply(&mut p), Err(EditError::NoProject(_))));
    }

    #[test]
    fn a_no_op_edit_leaves_no_history() {
        let mut p = sample();
        let mut h = History::default();
        let health = p.projects[0].health;
        h.apply(
            &mut p,
            &Edit::Health {
                project: "P-01".into(),
                health,
            },
        )
        .unwrap();
        assert!(!h.can_undo());
    }
}
