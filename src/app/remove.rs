//! `-`: removing an item asks once, naming what goes ("Fjerne HA-07 R2 Lederne frigjør
//! ikke tid?"), and is one edit that `u` takes back. A goal that projects serve says
//! which, and offers to move them to its parent.

use super::update::{edit, refuse_read_only};
use super::{App, Overlay, Question};
use crate::model::edit::Edit;
use crate::model::edit::structure::{find_goal, goal_place, subtree_ids};
use crate::sanitize::clean;

/// What [`Question::Remove`] asks about.
#[derive(Debug, Clone, PartialEq)]
pub struct Removing {
    /// What goes, in words ("HA-07 R2 Lederne frigjør ikke tid"), cleaned.
    pub what: String,
    /// Goals below a goal that goes with it.
    pub below: usize,
    /// The projects that serve a goal being removed (or one below it), by id.
    pub serving: Vec<String>,
    /// The goal's parent, where they can move.
    pub parent: Option<String>,
    /// `j`/`y`: remove it.
    pub edit: Edit,
    /// `m`: remove it and move its projects to the parent.
    pub to_parent: Option<Edit>,
}

fn ask(app: &mut App, r: Removing) {
    if refuse_read_only(app) {
        return;
    }
    app.removing = Some(r);
    app.overlay = Some(Overlay::Question(Question::Remove));
}

fn plain(what: String, edit: Edit) -> Removing {
    Removing {
        what,
        below: 0,
        serving: Vec::new(),
        parent: None,
        edit,
        to_parent: None,
    }
}

pub fn risk(app: &mut App, pi: usize, ri: usize) {
    let pr = &app.portfolio.projects[pi];
    let Some(r) = pr.risks.get(ri) else { return };
    let what = format!("{} {} {}", clean(&pr.id), clean(&r.id), clean(&r.title));
    let e = Edit::RiskRemove {
        project: pr.id.clone(),
        risk: r.id.clone(),
    };
    ask(app, plain(what, e));
}

pub fn result(app: &mut App, pi: usize, i: usize) {
    let pr = &app.portfolio.projects[pi];
    let Some(r) = pr.results.get(i) else { return };
    let what = format!(
        "{} {} {}",
        clean(&pr.id),
        app.lang.pick("resultatet", "the result"),
        clean(&r.name)
    );
    let e = Edit::ResultRemove {
        project: pr.id.clone(),
        index: i,
        name: r.name.clone(),
    };
    ask(app, plain(what, e));
}

pub fn funding(app: &mut App, pi: usize, i: usize) {
    let pr = &app.portfolio.projects[pi];
    let Some(f) = pr.budget.as_ref().and_then(|b| b.funding.get(i)) else {
        return;
    };
    let what = format!(
        "{} {} {} ({})",
        clean(&pr.id),
        app.lang.pick("finansieringen fra", "the funding from"),
        clean(&f.source),
        app.lang.amount(f.amount)
    );
    let e = Edit::FundingRemove {
        project: pr.id.clone(),
        index: i,
        source: f.source.clone(),
    };
    ask(app, plain(what, e));
}

pub fn follow_up(app: &mut App, pi: usize, i: usize) {
    let pr = &app.portfolio.projects[pi];
    let Some(f) = pr.follow_ups.get(i) else {
        return;
    };
    let what = format!(
        "{} {} «{}»",
        clean(&pr.id),
        app.lang.pick("oppfølgingspunktet", "the follow-up"),
        clean(&f.text)
    );
    let e = Edit::FollowUpRemove {
        project: pr.id.clone(),
        index: i,
        text: f.text.clone(),
    };
    ask(app, plain(what, e));
}

pub fn project(app: &mut App, pi: usize) {
    let Some(pr) = app.portfolio.projects.get(pi) else {
        return;
    };
    let what = format!(
        "{} {} {}",
        app.lang.pick("prosjektet", "the project"),
        clean(&pr.id),
        clean(&pr.name)
    );
    let e = Edit::ProjectRemove {
        project: pr.id.clone(),
    };
    ask(app, plain(what, e));
}

pub fn goal(app: &mut App, id: &str) {
    let p = &app.portfolio;
    let Some(g) = find_goal(&p.goals, id) else {
        return;
    };
    let gone = subtree_ids(g);
    let serving: Vec<String> = p
        .projects
        .iter()
        .filter(|pr| pr.goals.iter().any(|x| gone.contains(x)))
        .map(|pr| pr.id.clone())
        .collect();
    let parent = goal_place(&p.goals, id).and_then(|(parent, _)| parent);
    let what = format!(
        "{} {} {}",
        app.lang.pick("målet", "the goal"),
        clean(id),
        clean(&g.title)
    );
    let to_parent = (!serving.is_empty() && parent.is_some()).then(|| Edit::GoalRemove {
        goal: id.to_string(),
        to_parent: true,
    });
    ask(
        app,
        Removing {
            what,
            below: gone.len() - 1,
            serving,
            parent,
            edit: Edit::GoalRemove {
                goal: id.to_string(),
                to_parent: false,
            },
            to_parent,
        },
    );
}

/// The answers to [`Question::Remove`]; whether `q` was it.
pub fn answer(app: &mut App, q: Question, c: char) -> bool {
    if q != Question::Remove {
        return false;
    }
    let Some(r) = app.removing.clone() else {
        app.overlay = None;
        return true;
    };
    let chosen = match c {
        'y' | 'j' => Some(r.edit),
        'm' => r.to_parent,
        '\u{1b}' | 'n' => {
            app.overlay = None;
            app.removing = None;
            return true;
        }
        _ => return true, // another key: the question stays
    };
    let Some(e) = chosen else { return true };
    app.overlay = None;
    app.removing = None;
    edit(app, e);
    true
}

/// The question's lines and its keys, in the user's language.
pub fn question(app: &App) -> (Vec<String>, String) {
    let l = app.lang;
    let Some(r) = &app.removing else {
        return (Vec::new(), String::new());
    };
    let mut lines = vec![format!("{} {}?", l.pick("Fjerne", "Remove"), r.what)];
    if r.below > 0 {
        lines.push(format!(
            "{} {}.",
            l.pick(
                "Med det går målene under det:",
                "With it go the goals below it:"
            ),
            r.below
        ));
    }
    if !r.serving.is_empty() {
        let shown: Vec<String> = r
            .serving
            .iter()
            .take(8)
            .map(|s| clean(s).into_owned())
            .collect();
        let more = r.serving.len().saturating_sub(shown.len());
        let more = if more > 0 {
            format!(" {} {more}", l.pick("og", "and"))
        } else {
            String::new()
        };
        lines.push(format!(
            "{} {}{more}.",
            l.pick("Det tjenes av", "It is served by"),
            shown.join(", ")
        ));
    }
    lines.push(
        l.pick("Det kan angres med u.", "It can be undone with u.")
            .into(),
    );
    let keys = match (&r.to_parent, &r.parent) {
        (Some(_), Some(parent)) => format!(
            "m {} {} · {} · Esc {}",
            l.pick(
                "fjern og flytt prosjektene til",
                "remove and move the projects to"
            ),
            clean(parent),
            l.pick("j fjern (de mister målet)", "y remove (they lose the goal)"),
            l.pick("avbryt", "cancel")
        ),
        _ if !r.serving.is_empty() => format!(
            "{} · Esc {}",
            l.pick("j fjern (de mister målet)", "y remove (they lose the goal)"),
            l.pick("avbryt", "cancel")
        ),
        _ => l
            .pick("j fjern · Esc avbryt", "y remove · Esc cancel")
            .into(),
    };
    (lines, keys)
}
