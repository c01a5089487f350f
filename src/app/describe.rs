//! An edit in words, for the status line: "HA-10 note", "HA-10 R2 probability". Undo,
//! redo and an edit that changed nothing say what they were about.

use crate::model::edit::Edit;
use crate::sanitize::clean;
use crate::text::Lang;

use super::App;

/// What `e` changes, named for the user: the project (and risk) and the field.
pub fn edit(app: &App, e: &Edit) -> String {
    let l = app.lang;
    let field = field(app, l, e);
    match (e.project_id(), e.risk_id(), e.goal_id()) {
        (Some(p), Some(r), _) => format!("{} {} {field}", clean(p), clean(r)),
        (Some(p), None, _) => format!("{} {field}", clean(p)),
        (None, _, Some(g)) => format!("{} {} {field}", l.pick("mål", "goal"), clean(g)),
        _ => field,
    }
}

fn field(app: &App, l: Lang, e: &Edit) -> String {
    match e {
        Edit::Score { criterion, .. } => {
            let name = app
                .portfolio
                .criteria
                .iter()
                .find(|c| &c.id == criterion)
                .map_or(criterion.as_str(), |c| c.name.as_str());
            format!("{} {}", l.pick("score", "score"), clean(name))
        }
        Edit::Decision { .. } => l.pick("vedtak", "decision").into(),
        Edit::Note { .. } => l.pick("notat", "note").into(),
        Edit::Ratings { ratings, .. } => format!(
            "{} ({})",
            l.pick("medlemmenes score", "the seats' scores"),
            ratings.len()
        ),
        Edit::Health { .. } => l.pick("helse", "health").into(),
        Edit::Status { .. } => "status".into(),
        Edit::RiskProbability { .. } => l.pick("sannsynlighet", "probability").into(),
        Edit::RiskConsequence { .. } => l.pick("konsekvens", "consequence").into(),
        Edit::RiskStatus { .. } => l.pick("risikostatus", "risk status").into(),
        Edit::RiskMitigation { .. } => l.pick("tiltak mot risikoen", "mitigation").into(),
        Edit::FollowUpAdd { .. } => l.pick("nytt oppfølgingspunkt", "new follow-up").into(),
        Edit::FollowUpSet { follow_up, .. } if follow_up.done.is_some() => {
            l.pick("oppfølgingspunkt utført", "follow-up done").into()
        }
        Edit::FollowUpSet { .. } => l.pick("oppfølgingspunkt", "follow-up").into(),
        Edit::Meeting(r) => format!("{} {}", l.pick("møtereferat", "meeting record"), r.date),
        Edit::ProjectSet { field, .. } => project_field(l, field.name()).into(),
        Edit::ProjectAdd { .. } => l.pick("nytt prosjekt", "new project").into(),
        Edit::ProjectRemove { .. } => l.pick("prosjekt fjernet", "project removed").into(),
        Edit::ProjectRename { to, .. } | Edit::GoalRename { to, .. } => {
            format!("{} → {}", l.pick("ny id", "new id"), clean(to))
        }
        Edit::RiskAdd { .. } => l.pick("ny risiko", "new risk").into(),
        Edit::RiskSet { field, .. } => risk_field(l, field.name()).into(),
        Edit::RiskRemove { .. } => l.pick("risiko fjernet", "risk removed").into(),
        Edit::ResultAdd { .. } => l.pick("nytt resultat", "new result").into(),
        Edit::ResultSet { name, .. } => format!("{} {}", l.pick("resultat", "result"), clean(name)),
        Edit::ResultRemove { .. } => l.pick("resultat fjernet", "result removed").into(),
        Edit::FundingAdd { .. } => l.pick("ny finansiering", "new funding").into(),
        Edit::FundingSet { source, .. } => {
            format!("{} {}", l.pick("finansiering", "funding"), clean(source))
        }
        Edit::FundingRemove { .. } => l.pick("finansiering fjernet", "funding removed").into(),
        Edit::FollowUpRemove { .. } => l
            .pick("oppfølgingspunkt fjernet", "follow-up removed")
            .into(),
        Edit::GoalAdd { .. } => l.pick("nytt mål", "new goal").into(),
        Edit::GoalSet { field, .. } => goal_field(l, field.name()).into(),
        Edit::GoalRemove { .. } => l.pick("mål fjernet", "goal removed").into(),
        Edit::Batch(parts) => {
            let names: Vec<String> = parts.iter().map(|p| field(app, l, p)).collect();
            names.join(", ")
        }
    }
}

/// A project's field by its name in the file, in words.
pub fn project_field(l: Lang, name: &str) -> &'static str {
    match name {
        "id" => "id",
        "name" => l.pick("navn", "name"),
        "owner" => l.pick("ansvarlig", "owner"),
        "unit" => l.pick("enhet", "unit"),
        "instrument" => l.pick("virkemiddel", "instrument"),
        "level" => l.pick("nivå", "level"),
        "start" => "start",
        "end" => l.pick("slutt", "end"),
        "goals" => l.pick("mål som tjenes", "goals served"),
        "tags" => l.pick("stikkord", "tags"),
        "budget.planned" => l.pick("planlagt budsjett", "planned budget"),
        "budget.spent" => l.pick("brukt", "spent"),
        "health" => l.pick("helse", "health"),
        "status" => "status",
        _ => l.pick("felt", "field"),
    }
}

/// A risk's field by its name in the file, in words.
pub fn risk_field(l: Lang, name: &str) -> &'static str {
    match name {
        "id" => "id",
        "title" => l.pick("tittel", "title"),
        "cause" => l.pick("årsak", "cause"),
        "owner" => l.pick("eier", "owner"),
        "probability" => l.pick("sannsynlighet", "probability"),
        "consequence" => l.pick("konsekvens", "consequence"),
        "mitigation" => l.pick("tiltak", "mitigation"),
        "status" => "status",
        _ => l.pick("felt", "field"),
    }
}

/// A goal's field by its name in the file, in words.
pub fn goal_field(l: Lang, name: &str) -> &'static str {
    match name {
        "title" => l.pick("tittel", "title"),
        "description" => l.pick("beskrivelse", "description"),
        "sdgs" => l.pick("bærekraftsmål", "SDGs"),
        _ => l.pick("felt", "field"),
    }
}
