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
    match (e.project_id(), e.risk_id()) {
        (Some(p), Some(r)) => format!("{} {} {field}", clean(p), clean(r)),
        (Some(p), None) => format!("{} {field}", clean(p)),
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
    }
}
