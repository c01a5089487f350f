//! Edits a meeting makes. Their undo history is [`History`] (in `history.rs`), and what
//! the meeting records beside each (who, when, the change log) is in `record.rs`.
//!
//! An edit names its project (and risk) by id, not by position, so a journal of edits
//! can be replayed on the file after a crash, and re-applied after the file was
//! reloaded from disk, wherever the project still exists.

use serde::{Deserialize, Serialize};

pub use super::history::History;
pub use super::record::{MeetingRecord, Stamp};
use super::types::{
    Date, Decision, Evaluation, FollowUp, Funding, Goal, Health, MeasuredResult, Portfolio,
    Project, Rating, Risk, RiskStatus, Status,
};
pub use fields::{GoalField, ProjectField, RiskField};

mod error;
pub(crate) mod fields;
mod items;
mod ratings;
pub mod structure;

pub use error::EditError;

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
    /// Set the members' own scores from a scoring round in the meeting's evaluation
    /// (its `ratings`; an empty list clears them). Kept sorted by name, one per person.
    Ratings {
        project: String,
        date: Date,
        ratings: Vec<Rating>,
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
    /// Add a follow-up action to the project (at the end of its list).
    FollowUpAdd {
        project: String,
        follow_up: FollowUp,
    },
    /// Replace the project's follow-up `index`, whose text was `text` when it was
    /// chosen (marking it done is setting its `done`).
    FollowUpSet {
        project: String,
        index: usize,
        text: String,
        follow_up: FollowUp,
    },
    /// The meeting record of a day: who chaired, kept the record, came, sent apologies.
    Meeting(MeetingRecord),
    /// One of a project's own fields: name, owner, unit, instrument, level, dates,
    /// goals, tags, the budget's planned and spent.
    ProjectSet {
        project: String,
        field: ProjectField,
    },
    /// A new project, at the end of the list.
    ProjectAdd {
        project: Box<Project>,
    },
    /// A project taken out of the portfolio (the meeting records keep naming it).
    ProjectRemove {
        project: String,
    },
    /// A project's id, and every reference to it: the meeting records' agenda and
    /// change log. Its evaluations are its own and go with it.
    ProjectRename {
        from: String,
        to: String,
    },
    /// A new risk, at the end of the project's list.
    RiskAdd {
        project: String,
        risk: Risk,
    },
    /// A risk's id, title, cause or owner.
    RiskSet {
        project: String,
        risk: String,
        field: RiskField,
    },
    RiskRemove {
        project: String,
        risk: String,
    },
    /// A new measurable result, at the end of the project's list.
    ResultAdd {
        project: String,
        result: MeasuredResult,
    },
    /// Replace result `index`, whose name was `name` when it was chosen.
    ResultSet {
        project: String,
        index: usize,
        name: String,
        result: MeasuredResult,
    },
    ResultRemove {
        project: String,
        index: usize,
        name: String,
    },
    /// A new funding line in the project's budget (a budget of 0 is made if it has none).
    FundingAdd {
        project: String,
        funding: Funding,
    },
    /// Replace funding line `index`, whose source was `source` when it was chosen.
    FundingSet {
        project: String,
        index: usize,
        source: String,
        funding: Funding,
    },
    FundingRemove {
        project: String,
        index: usize,
        source: String,
    },
    /// Take follow-up `index` (whose text was `text`) out of the project's list.
    FollowUpRemove {
        project: String,
        index: usize,
        text: String,
    },
    /// A new goal: a child of `parent` (at the top with `None`), after its sibling
    /// `after` (at the end of the siblings with `None`, or if `after` is gone).
    GoalAdd {
        parent: Option<String>,
        after: Option<String>,
        goal: Goal,
    },
    /// A goal's title, description or SDGs.
    GoalSet {
        goal: String,
        field: GoalField,
    },
    /// A goal taken out with the goals below it. The projects that served one of them
    /// serve its parent instead with `to_parent` (and a parent to go to); otherwise
    /// they lose that goal.
    GoalRemove {
        goal: String,
        to_parent: bool,
    },
    /// A goal's id, and every reference to it: the goals projects serve and the meeting
    /// records' change log.
    GoalRename {
        from: String,
        to: String,
    },
    /// Several edits made as one (a form that changed several fields): one step to undo,
    /// each logged on its own. Adding or removing a project is not among them.
    Batch(Vec<Edit>),
}

impl Edit {
    /// The project the edit changes; `None` for the meeting record.
    pub fn project_id(&self) -> Option<&str> {
        match self {
            Edit::Score { project, .. }
            | Edit::Decision { project, .. }
            | Edit::Note { project, .. }
            | Edit::Ratings { project, .. }
            | Edit::Health { project, .. }
            | Edit::Status { project, .. }
            | Edit::RiskProbability { project, .. }
            | Edit::RiskConsequence { project, .. }
            | Edit::RiskStatus { project, .. }
            | Edit::RiskMitigation { project, .. }
            | Edit::FollowUpAdd { project, .. }
            | Edit::FollowUpSet { project, .. }
            | Edit::ProjectSet { project, .. }
            | Edit::ProjectRemove { project }
            | Edit::RiskAdd { project, .. }
            | Edit::RiskSet { project, .. }
            | Edit::RiskRemove { project, .. }
            | Edit::ResultAdd { project, .. }
            | Edit::ResultSet { project, .. }
            | Edit::ResultRemove { project, .. }
            | Edit::FundingAdd { project, .. }
            | Edit::FundingSet { project, .. }
            | Edit::FundingRemove { project, .. }
            | Edit::FollowUpRemove { project, .. } => Some(project),
            Edit::ProjectAdd { project } => Some(&project.id),
            Edit::ProjectRename { from, .. } => Some(from),
            Edit::Batch(parts) => parts.iter().find_map(Edit::project_id),
            Edit::Meeting(_)
            | Edit::GoalAdd { .. }
            | Edit::GoalSet { .. }
            | Edit::GoalRemove { .. }
            | Edit::GoalRename { .. } => None,
        }
    }

    /// The goal the edit changes, if it is a goal edit.
    pub fn goal_id(&self) -> Option<&str> {
        match self {
            Edit::GoalAdd { goal, .. } => Some(&goal.id),
            Edit::GoalSet { goal, .. } | Edit::GoalRemove { goal, .. } => Some(goal),
            Edit::GoalRename { from, .. } => Some(from),
            Edit::Batch(parts) => parts.iter().find_map(Edit::goal_id),
            _ => None,
        }
    }

    /// The edits this one is made of: a batch's parts, or itself.
    pub fn parts(&self) -> &[Edit] {
        match self {
            Edit::Batch(parts) => parts,
            e => std::slice::from_ref(e),
        }
    }

    /// Whether it adds or removes a project, changes the goal tree or renames an id:
    /// what the views that hold places by index must see anew.
    pub fn changes_structure(&self) -> bool {
        self.parts().iter().any(|e| {
            e.reshapes()
                || e.goal_id().is_some()
                || matches!(e, Edit::ProjectRename { .. } | Edit::GoalRemove { .. })
        })
    }

    /// Whether it adds or removes a project (which moves the projects after it).
    pub fn reshapes(&self) -> bool {
        matches!(self, Edit::ProjectAdd { .. } | Edit::ProjectRemove { .. })
    }

    /// The risk the edit changes, if it is a risk edit.
    pub fn risk_id(&self) -> Option<&str> {
        match self {
            Edit::RiskProbability { risk, .. }
            | Edit::RiskConsequence { risk, .. }
            | Edit::RiskStatus { risk, .. }
            | Edit::RiskMitigation { risk, .. }
            | Edit::RiskSet { risk, .. }
            | Edit::RiskRemove { risk, .. } => Some(risk),
            Edit::RiskAdd { risk, .. } => Some(&risk.id),
            Edit::Batch(parts) => parts.iter().find_map(Edit::risk_id),
            _ => None,
        }
    }

    /// Whether the edit is held by the meeting's evaluation (score, decision, note,
    /// the members' ratings) rather than by the change log.
    pub fn is_evaluation(&self) -> bool {
        matches!(
            self,
            Edit::Score { .. } | Edit::Decision { .. } | Edit::Note { .. } | Edit::Ratings { .. }
        )
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
            Edit::Ratings { date, .. } => format!("evaluations.{date}.ratings"),
            Edit::Health { .. } => "health".into(),
            Edit::Status { .. } => "status".into(),
            Edit::RiskProbability { risk, .. } => format!("risks.{risk}.probability"),
            Edit::RiskConsequence { risk, .. } => format!("risks.{risk}.consequence"),
            Edit::RiskStatus { risk, .. } => format!("risks.{risk}.status"),
            Edit::RiskMitigation { risk, .. } => format!("risks.{risk}.mitigation"),
            Edit::FollowUpAdd { .. } => "follow_ups".into(),
            Edit::FollowUpSet { index, .. } => format!("follow_ups[{index}]"),
            Edit::Meeting(r) => format!("meetings.{}", r.date),
            Edit::ProjectSet { field, .. } => field.name().into(),
            Edit::ProjectAdd { .. } | Edit::ProjectRemove { .. } => "project".into(),
            Edit::ProjectRename { .. } | Edit::GoalRename { .. } => "id".into(),
            Edit::RiskAdd { .. } | Edit::RiskRemove { .. } => "risks".into(),
            Edit::RiskSet { risk, field, .. } => format!("risks.{risk}.{}", field.name()),
            Edit::ResultAdd { .. } | Edit::ResultRemove { .. } => "results".into(),
            Edit::ResultSet { index, .. } => format!("results[{index}]"),
            Edit::FundingAdd { .. } | Edit::FundingRemove { .. } => "budget.funding".into(),
            Edit::FundingSet { index, .. } => format!("budget.funding[{index}]"),
            Edit::FollowUpRemove { .. } => "follow_ups".into(),
            Edit::GoalAdd { .. } | Edit::GoalRemove { .. } => "goal".into(),
            Edit::GoalSet { field, .. } => field.name().into(),
            Edit::Batch(parts) => parts.first().map_or_else(String::new, Edit::field),
        }
    }

    /// The value of the field this edit sets, as it is in `pr` now and as the file
    /// writes it (`Red`, `4`, the text itself): a change's `from` and `to`. `None` when
    /// the field is empty, or the edit is not one the change log holds.
    pub fn read(&self, pr: &Project) -> Option<String> {
        let risk = |id: &str| pr.risks.iter().find(|r| r.id == id);
        match self {
            Edit::Health { .. } => pr.health.map(|h| format!("{h:?}")),
            Edit::Status { .. } => Some(format!("{:?}", pr.status)),
            Edit::RiskProbability { risk: id, .. } => risk(id).map(|r| r.probability.to_string()),
            Edit::RiskConsequence { risk: id, .. } => risk(id).map(|r| r.consequence.to_string()),
            Edit::RiskStatus { risk: id, .. } => risk(id).map(|r| format!("{:?}", r.status)),
            Edit::RiskMitigation { risk: id, .. } => risk(id).and_then(|r| r.mitigation.clone()),
            Edit::ProjectSet { field, .. } => field.read(pr),
            Edit::RiskSet {
                risk: id, field, ..
            } => risk(id).and_then(|r| field.read(r)),
            _ => None,
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
            Edit::Ratings { ratings: r, .. } => (!r.is_empty()).then(|| ratings::written(r)),
            Edit::Health { health, .. } => health.map(|h| format!("{h:?}")),
            Edit::Status { status, .. } => Some(format!("{status:?}")),
            Edit::RiskProbability { value, .. } | Edit::RiskConsequence { value, .. } => {
                Some(value.to_string())
            }
            Edit::RiskStatus { status, .. } => Some(format!("{status:?}")),
            Edit::RiskMitigation { mitigation, .. } => text(mitigation),
            Edit::FollowUpAdd { follow_up, .. } | Edit::FollowUpSet { follow_up, .. } => {
                Some(format!("{:?}", follow_up.text))
            }
            Edit::ProjectSet { field, .. } => field.value(),
            Edit::RiskSet { field, .. } => field.value(),
            Edit::GoalSet { field, .. } => field.value(),
            Edit::ProjectRename { to, .. } | Edit::GoalRename { to, .. } => Some(format!("{to:?}")),
            Edit::ProjectAdd { project } => Some(format!("{:?}", project.name)),
            Edit::RiskAdd { risk, .. } => Some(format!("{:?}", risk.title)),
            Edit::ResultAdd { result, .. } | Edit::ResultSet { result, .. } => {
                Some(format!("{:?}", result.name))
            }
            Edit::FundingAdd { funding, .. } | Edit::FundingSet { funding, .. } => {
                Some(format!("{:?}", funding.source))
            }
            Edit::GoalAdd { goal, .. } => Some(format!("{:?}", goal.title)),
            Edit::Meeting(_)
            | Edit::ProjectRemove { .. }
            | Edit::RiskRemove { .. }
            | Edit::ResultRemove { .. }
            | Edit::FundingRemove { .. }
            | Edit::FollowUpRemove { .. }
            | Edit::GoalRemove { .. }
            | Edit::Batch(_) => None,
        }
    }

    /// Apply to `p`; returns the index of the changed project (`None` for the meeting
    /// record, which changes `p.meetings`).
    ///
    /// An edit that fails leaves `p` as it was, except a batch, whose parts before the
    /// failing one stay made ([`History`] puts everything back).
    pub fn apply(&self, p: &mut Portfolio) -> Result<Option<usize>, EditError> {
        if let Edit::Batch(parts) = self {
            let mut changed = None;
            for e in parts {
                if e.reshapes() {
                    return Err(EditError::Reshape);
                }
                changed = e.apply(p)?.or(changed);
            }
            return Ok(changed);
        }
        if let Some(done) = structure::apply(self, p)? {
            return Ok(done);
        }
        let Some(pid) = self.project_id() else {
            if let Edit::Meeting(r) = self {
                r.apply(p);
            }
            return Ok(None);
        };
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
        let kept = match self {
            Edit::Ratings { ratings: r, .. } => Some(ratings::checked(r, &p.criteria)?),
            _ => None,
        };
        let criteria_order: Vec<String> = p.criteria.iter().map(|c| c.id.clone()).collect();
        let pr = &mut p.projects[pi];
        if items::apply(self, pr)? {
            return Ok(Some(pi));
        }
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
            Edit::Ratings { date, .. } => {
                meeting_evaluation(pr, *date).ratings = kept.unwrap_or_default();
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
            Edit::FollowUpAdd { follow_up, .. } => {
                if follow_up.text.trim().is_empty() {
                    return Err(EditError::EmptyFollowUp);
                }
                pr.follow_ups.push(follow_up.clone());
            }
            Edit::FollowUpSet {
                index,
                text,
                follow_up,
                ..
            } => {
                if follow_up.text.trim().is_empty() {
                    return Err(EditError::EmptyFollowUp);
                }
                let i = find_follow_up(pr, *index, text)?;
                pr.follow_ups[i] = follow_up.clone();
            }
            Edit::ProjectSet { field, .. } => field.apply(pr)?,
            // Handled above: structural edits, items, and the meeting record (no project).
            _ => return Ok(Some(pi)),
        }
        // Cleared back to nothing (a score taken back, no decision, no note, no ratings):
        // the day's evaluation goes, so the file is as it was and nothing counts as unsaved.
        if let Edit::Score { date, .. }
        | Edit::Decision { date, .. }
        | Edit::Note { date, .. }
        | Edit::Ratings { date, .. } = self
            && pr.evaluations.last().is_some_and(|e| {
                e.date == *date
                    && e.scores.is_empty()
                    && e.decision.is_none()
                    && e.note.is_none()
                    && e.ratings.is_empty()
            })
        {
            pr.evaluations.pop();
        }
        Ok(Some(pi))
    }
}

fn find_risk<'a>(pr: &'a mut Project, id: &str) -> Result<&'a mut crate::model::Risk, EditError> {
    let pid = pr.id.clone();
    pr.risks
        .iter_mut()
        .find(|r| r.id == id)
        .ok_or_else(|| EditError::NoRisk(pid, id.to_string()))
}

/// The follow-up an edit means: at `index` if its text is still `text` (the file may
/// have changed since it was chosen), else the first one with that text.
fn find_follow_up(pr: &Project, index: usize, text: &str) -> Result<usize, EditError> {
    if pr.follow_ups.get(index).is_some_and(|f| f.text == text) {
        return Ok(index);
    }
    pr.follow_ups
        .iter()
        .position(|f| f.text == text)
        .ok_or_else(|| EditError::NoFollowUp(pr.id.clone(), text.to_string()))
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

#[cfg(test)]
mod tests;
