//! The fields one edit sets: a project's own, a risk's and a goal's. Each knows its
//! name in the file (the change log's `what`) and its value as the file writes it (the
//! change log's `from` and `to`: `Local`, `2026-06-30`, `2400000`, the text itself).

use serde::{Deserialize, Serialize};

use super::EditError;
use crate::model::load::MAX_AMOUNT;
use crate::model::types::{Budget, Date, Goal, Level, Project, Risk};

/// One of a project's own fields, with its new value (`None` clears it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ProjectField {
    Name(String),
    Owner(Option<String>),
    Unit(Option<String>),
    Instrument(Option<String>),
    Level(Option<Level>),
    Start(Option<Date>),
    End(Option<Date>),
    /// The goals served, by id.
    Goals(Vec<String>),
    Tags(Vec<String>),
    /// The budget's planned total (a budget is made if the project has none).
    Planned(i64),
    /// Spent so far (a budget planned at 0 is made if the project has none).
    Spent(i64),
}

/// A risk's text fields (its numbers and status have edits of their own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RiskField {
    Id(String),
    Title(String),
    Cause(Option<String>),
    Owner(Option<String>),
}

/// A goal's own fields (its id has [`super::Edit::GoalRename`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum GoalField {
    Title(String),
    Description(Option<String>),
    Sdgs(Vec<i64>),
}

/// An optional text as it is kept: trimmed, and empty is none.
pub(crate) fn clean_text(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// A list of names as it is kept: each trimmed, none empty, each once.
pub(crate) fn clean_list(v: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(v.len());
    for s in v.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    }
    out
}

/// A list as the change log writes it: `klima.d1, klima.d2`; none when empty.
pub(crate) fn list_value<T: ToString>(v: &[T]) -> Option<String> {
    (!v.is_empty()).then(|| v.iter().map(T::to_string).collect::<Vec<_>>().join(", "))
}

fn debug<T: std::fmt::Debug>(v: &Option<T>) -> Option<String> {
    v.as_ref().map(|x| format!("{x:?}"))
}

fn quoted(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|t| format!("{t:?}"))
}

impl ProjectField {
    /// The value it sets, as the file writes it (`"Kari"`, `Local`, `2400000`).
    pub fn value(&self) -> Option<String> {
        match self {
            ProjectField::Name(s) => Some(format!("{s:?}")),
            ProjectField::Owner(v) | ProjectField::Unit(v) | ProjectField::Instrument(v) => {
                quoted(v)
            }
            ProjectField::Level(v) => debug(v),
            ProjectField::Start(d) | ProjectField::End(d) => d.map(|d| d.to_string()),
            ProjectField::Goals(v) | ProjectField::Tags(v) => list_value(v),
            ProjectField::Planned(v) | ProjectField::Spent(v) => Some(v.to_string()),
        }
    }

    /// The field's name in the file, as the change log writes it.
    pub fn name(&self) -> &'static str {
        match self {
            ProjectField::Name(_) => "name",
            ProjectField::Owner(_) => "owner",
            ProjectField::Unit(_) => "unit",
            ProjectField::Instrument(_) => "instrument",
            ProjectField::Level(_) => "level",
            ProjectField::Start(_) => "start",
            ProjectField::End(_) => "end",
            ProjectField::Goals(_) => "goals",
            ProjectField::Tags(_) => "tags",
            ProjectField::Planned(_) => "budget.planned",
            ProjectField::Spent(_) => "budget.spent",
        }
    }

    /// This field's value in `pr`, as the change log writes it.
    pub fn read(&self, pr: &Project) -> Option<String> {
        let budget = |f: fn(&Budget) -> i64| pr.budget.as_ref().map(|b| f(b).to_string());
        match self {
            ProjectField::Name(_) => Some(pr.name.clone()),
            ProjectField::Owner(_) => pr.owner.clone(),
            ProjectField::Unit(_) => pr.unit.clone(),
            ProjectField::Instrument(_) => pr.instrument.clone(),
            ProjectField::Level(_) => debug(&pr.level),
            ProjectField::Start(_) => pr.start.map(|d| d.to_string()),
            ProjectField::End(_) => pr.end.map(|d| d.to_string()),
            ProjectField::Goals(_) => list_value(&pr.goals),
            ProjectField::Tags(_) => list_value(&pr.tags),
            ProjectField::Planned(_) => budget(|b| b.planned),
            ProjectField::Spent(_) => budget(|b| b.spent),
        }
    }

    /// Set it in `pr`.
    pub(super) fn apply(&self, pr: &mut Project) -> Result<(), EditError> {
        match self {
            ProjectField::Name(n) => {
                let n = n.trim();
                if n.is_empty() {
                    return Err(EditError::Empty("a project's name"));
                }
                pr.name = n.to_string();
            }
            ProjectField::Owner(v) => pr.owner = clean_text(v),
            ProjectField::Unit(v) => pr.unit = clean_text(v),
            ProjectField::Instrument(v) => pr.instrument = clean_text(v),
            ProjectField::Level(v) => pr.level = *v,
            ProjectField::Start(d) | ProjectField::End(d) => {
                let (start, end) = match self {
                    ProjectField::Start(_) => (*d, pr.end),
                    _ => (pr.start, *d),
                };
                if let (Some(s), Some(e)) = (start, end)
                    && e < s
                {
                    return Err(EditError::EndBeforeStart);
                }
                (pr.start, pr.end) = (start, end);
            }
            ProjectField::Goals(v) => pr.goals = clean_list(v),
            ProjectField::Tags(v) => pr.tags = clean_list(v),
            ProjectField::Planned(v) | ProjectField::Spent(v) if *v < 0 => {
                return Err(EditError::Negative("an amount"));
            }
            ProjectField::Planned(v) | ProjectField::Spent(v) if *v > MAX_AMOUNT => {
                return Err(EditError::TooLarge);
            }
            ProjectField::Planned(v) => budget(pr).planned = *v,
            ProjectField::Spent(v) => budget(pr).spent = *v,
        }
        Ok(())
    }
}

/// The project's budget, made (planned at 0) if it has none.
pub(crate) fn budget(pr: &mut Project) -> &mut Budget {
    pr.budget.get_or_insert_with(|| Budget {
        planned: 0,
        spent: 0,
        funding: Vec::new(),
    })
}

impl RiskField {
    pub fn value(&self) -> Option<String> {
        match self {
            RiskField::Id(s) | RiskField::Title(s) => Some(format!("{s:?}")),
            RiskField::Cause(v) | RiskField::Owner(v) => quoted(v),
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            RiskField::Id(_) => "id",
            RiskField::Title(_) => "title",
            RiskField::Cause(_) => "cause",
            RiskField::Owner(_) => "owner",
        }
    }

    pub fn read(&self, r: &Risk) -> Option<String> {
        match self {
            RiskField::Id(_) => Some(r.id.clone()),
            RiskField::Title(_) => Some(r.title.clone()),
            RiskField::Cause(_) => r.cause.clone(),
            RiskField::Owner(_) => r.owner.clone(),
        }
    }

    /// Set it in risk `ri` of `pr` (an id must stay unique in the project).
    pub(super) fn apply(&self, pr: &mut Project, ri: usize) -> Result<(), EditError> {
        match self {
            RiskField::Id(id) => {
                let id = id.trim();
                if id.is_empty() {
                    return Err(EditError::EmptyId);
                }
                if pr
                    .risks
                    .iter()
                    .enumerate()
                    .any(|(j, r)| j != ri && r.id == id)
                {
                    return Err(EditError::Taken(id.to_string()));
                }
                pr.risks[ri].id = id.to_string();
            }
            RiskField::Title(t) => {
                let t = t.trim();
                if t.is_empty() {
                    return Err(EditError::Empty("a risk's title"));
                }
                pr.risks[ri].title = t.to_string();
            }
            RiskField::Cause(v) => pr.risks[ri].cause = clean_text(v),
            RiskField::Owner(v) => pr.risks[ri].owner = clean_text(v),
        }
        Ok(())
    }
}

impl GoalField {
    pub fn value(&self) -> Option<String> {
        match self {
            GoalField::Title(s) => Some(format!("{s:?}")),
            GoalField::Description(v) => quoted(v),
            GoalField::Sdgs(v) => list_value(v),
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            GoalField::Title(_) => "title",
            GoalField::Description(_) => "description",
            GoalField::Sdgs(_) => "sdgs",
        }
    }

    pub fn read(&self, g: &Goal) -> Option<String> {
        match self {
            GoalField::Title(_) => Some(g.title.clone()),
            GoalField::Description(_) => g.description.clone(),
            GoalField::Sdgs(_) => list_value(&g.sdgs),
        }
    }

    pub(super) fn apply(&self, g: &mut Goal) -> Result<(), EditError> {
        match self {
            GoalField::Title(t) => {
                let t = t.trim();
                if t.is_empty() {
                    return Err(EditError::Empty("a goal's title"));
                }
                g.title = t.to_string();
            }
            GoalField::Description(d) => g.description = clean_text(d),
            GoalField::Sdgs(v) => {
                if v.iter().any(|s| !(1..=17).contains(s)) {
                    return Err(EditError::BadSdg);
                }
                let mut v = v.clone();
                v.dedup();
                g.sdgs = v;
            }
        }
        Ok(())
    }
}
