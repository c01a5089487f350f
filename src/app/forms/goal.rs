//! A goal's id, title, description and SDGs (`i` in the goal tree), and a new goal
//! under the one at the cursor or beside it (`+`), its id following its siblings'.

use super::{Check, ItemKind, Then, opt_text, required};
use crate::app::App;
use crate::app::form::{Control, FieldSpec, Form, field};
use crate::model::edit::structure::{find_goal, goal_place};
use crate::model::edit::{Edit, GoalField};
use crate::model::msg::{Msg, msg};
use crate::model::{Goal, Portfolio, validate_item};
use crate::text::Lang;

fn spec() -> Vec<FieldSpec> {
    vec![
        field("Id", "Id", Control::Text),
        field("Tittel", "Title", Control::Text),
        field("Beskrivelse", "Description", Control::Text),
        field("Bærekraftsmål", "SDGs", Control::Text),
    ]
}

fn sdgs_text(v: &[i64]) -> String {
    v.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
}

/// The goal under the tree's cursor.
fn at_cursor(app: &App) -> Option<String> {
    let gi = *app.goal_rows.get(app.goal_cursor)?;
    Some(app.goals.get(gi)?.id.clone())
}

/// `i` in the goal tree: the goal at the cursor.
pub fn open_edit(app: &mut App) {
    let Some(id) = at_cursor(app) else { return };
    let Some(g) = find_goal(&app.portfolio.goals, &id) else {
        return;
    };
    let values = vec![
        g.id.clone(),
        g.title.clone(),
        g.description.clone().unwrap_or_default(),
        sdgs_text(&g.sdgs),
    ];
    let kind = ItemKind::Goal {
        goal: Some(id),
        parent: None,
        after: None,
    };
    super::open(app, kind, spec(), values, 1);
}

/// A new goal: under the one at the cursor (`child`), or beside it; at the top of an
/// empty tree.
pub fn open_new(app: &mut App, child: bool) {
    let here = at_cursor(app);
    let p = &app.portfolio;
    let (parent, after) = match &here {
        None => (None, None),
        Some(id) if child => (Some(id.clone()), None),
        Some(id) => (
            goal_place(&p.goals, id).and_then(|(parent, _)| parent),
            Some(id.clone()),
        ),
    };
    let siblings: Vec<&str> = match &parent {
        Some(pid) => find_goal(&p.goals, pid)
            .map(|g| g.children.iter().map(|c| c.id.as_str()).collect())
            .unwrap_or_default(),
        None => p.goals.iter().map(|g| g.id.as_str()).collect(),
    };
    let id = crate::model::ids::next_id(siblings)
        .or_else(|| parent.as_ref().map(|pid| format!("{pid}.1")))
        .unwrap_or_default();
    // No pattern to follow (ids without numbers): the id is typed first.
    let focus = if id.is_empty() { 0 } else { 1 };
    let values = vec![id, String::new(), String::new(), String::new()];
    let kind = ItemKind::Goal {
        goal: None,
        parent,
        after,
    };
    super::open(app, kind, spec(), values, focus);
}

/// `12, 13` → the SDGs, each 1–17.
fn sdgs(c: &mut Check, form: &Form) -> Option<Vec<i64>> {
    let mut out = Vec::new();
    for s in crate::app::suggest::items(&form.fields[3].text) {
        match s.parse::<i64>() {
            Ok(v) if (1..=17).contains(&v) => out.push(v),
            _ => {
                let s = crate::sanitize::clean(&s).into_owned();
                c.error(
                    3,
                    msg!(
                        "`{s}` is not an SDG: the UN's goals are 1 to 17, written 12, 13",
                        "`{s}` er ikke et bærekraftsmål: FNs mål er 1 til 17, skrevet 12, 13"
                    ),
                );
                return None;
            }
        }
    }
    Some(out)
}

pub(super) fn check(app: &App, form: &Form, kind: &ItemKind) -> Check {
    let mut c = Check::new(4);
    let ItemKind::Goal {
        goal,
        parent,
        after,
    } = kind
    else {
        return c;
    };
    let id = required(&mut c, form, 0, Msg::new("an id", "en id"));
    let title = required(&mut c, form, 1, Msg::new("a title", "en tittel"));
    let description = opt_text(form, 2);
    let Some(sdgs) = sdgs(&mut c, form) else {
        return c;
    };
    let p = &app.portfolio;
    // The tree as the form would leave it, for the check.
    let mut tree = Portfolio {
        name: String::new(),
        organisation: String::new(),
        currency: p.currency.clone(),
        as_of: None,
        levels: Vec::new(),
        criteria: Vec::new(),
        risk_thresholds: p.risk_thresholds,
        goals: p.goals.clone(),
        projects: Vec::new(),
        meetings: Vec::new(),
    };
    let renamed = goal.as_ref().is_none_or(|g| *g != id);
    if renamed && !id.is_empty() && find_goal(&p.goals, &id).is_some() {
        c.error(0, msg!("the id `{id}` is taken", "id-en `{id}` er i bruk"));
        return c;
    }
    let (e, old) = match goal {
        Some(gid) => {
            let Some(old) = find_goal(&p.goals, gid) else {
                return c;
            };
            let set = |field| Edit::GoalSet {
                goal: gid.clone(),
                field,
            };
            let mut parts = Vec::new();
            if title != old.title {
                parts.push(set(GoalField::Title(title.clone())));
            }
            if description != old.description {
                parts.push(set(GoalField::Description(description.clone())));
            }
            if sdgs != old.sdgs {
                parts.push(set(GoalField::Sdgs(sdgs.clone())));
            }
            if id != old.id {
                parts.push(Edit::GoalRename {
                    from: gid.clone(),
                    to: id.clone(),
                });
            }
            let e = match parts.len() {
                0 => None,
                1 => parts.pop(),
                _ => Some(Edit::Batch(parts)),
            };
            (e, Some(old))
        }
        None => (
            Some(Edit::GoalAdd {
                parent: parent.clone(),
                after: after.clone(),
                goal: Goal {
                    id: id.clone(),
                    title: title.clone(),
                    description: description.clone(),
                    sdgs: sdgs.clone(),
                    children: Vec::new(),
                },
            }),
            None,
        ),
    };
    if let Some(e) = &e {
        // Made on the tree alone, for the check below.
        for part in e.parts() {
            if let Err(crate::model::edit::EditError::TooDeep) = part.apply(&mut tree) {
                c.error(
                    0,
                    msg!(
                        "the goal tree can be at most 31 levels deep",
                        "måltreet kan ha høyst 31 nivåer"
                    ),
                );
                return c;
            }
        }
    }
    let found = validate_item::goal_in(p, tree.goals, &id);
    let before = old.map(|g| validate_item::goal(p, &g.id));
    c.place(
        &found,
        &[(".id", 0), (".title", 1), (".sdgs", 3)],
        before.as_deref(),
    );
    if !c.has_error() {
        c.edit = e;
        c.then = Then::Goal(id);
    }
    c
}

pub fn title(l: Lang, kind: &ItemKind) -> String {
    match kind {
        ItemKind::Goal { goal: Some(id), .. } => {
            format!("{} {}", l.pick("Mål", "Goal"), crate::sanitize::clean(id))
        }
        ItemKind::Goal {
            parent: Some(p),
            after: None,
            ..
        } => format!(
            "{} {}",
            l.pick("Nytt mål under", "New goal under"),
            crate::sanitize::clean(p)
        ),
        ItemKind::Goal { after: Some(a), .. } => format!(
            "{} {}",
            l.pick("Nytt mål etter", "New goal after"),
            crate::sanitize::clean(a)
        ),
        _ => l.pick("Nytt mål", "New goal").into(),
    }
}
