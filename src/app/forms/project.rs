//! A new project (`+` in the list: its id suggested from the file's pattern), one of a
//! project's fields in place (`i` in the detail), and its budget (`B`).

use super::{Check, ItemKind, Then, amount, choice, date, entries, list, opt_text, required};
use crate::app::App;
use crate::app::detail::Stop;
use crate::app::form::{Control, FieldSpec, Form, field};
use crate::app::suggest::Source;
use crate::model::edit::{Edit, ProjectField};
use crate::model::msg::Msg;
use crate::model::{Budget, Level, Project, Status, validate_item};
use crate::text::Lang;

/// A level's words, `(ingen)` first.
fn levels() -> Control {
    entries(|l| {
        let mut v = vec![l.pick("(ingen)", "(none)")];
        v.extend(Level::ALL.iter().map(|&x| l.level(x)));
        v
    })
}

fn level_of(i: usize) -> Option<Level> {
    i.checked_sub(1).and_then(|i| Level::ALL.get(i).copied())
}

fn level_index(l: Option<Level>) -> usize {
    l.and_then(|l| Level::ALL.iter().position(|&x| x == l))
        .map_or(0, |i| i + 1)
}

const ID: usize = 0;
const NAME: usize = 1;
const UNIT: usize = 2;
const OWNER: usize = 3;
const INSTRUMENT: usize = 4;
const LEVEL: usize = 5;
const GOALS: usize = 6;
const PLANNED: usize = 7;
const START: usize = 8;
const END: usize = 9;

fn new_spec() -> Vec<FieldSpec> {
    vec![
        field("Id", "Id", Control::Text),
        field("Navn", "Name", Control::Text),
        field("Enhet", "Unit", Control::Pick(Source::Units)),
        field("Ansvarlig", "Owner", Control::Pick(Source::Owners)),
        field(
            "Virkemiddel",
            "Instrument",
            Control::Pick(Source::Instruments),
        ),
        field("Nivå", "Level", levels()),
        field("Mål", "Goals", Control::Multi(Source::Goals)),
        field("Budsjett", "Budget", Control::Amount),
        field("Start", "Start", Control::Date),
        field("Slutt", "End", Control::Date),
    ]
}

/// `+` in the project list: a new project, its id the next in the file's pattern, its
/// goal the one the list is filtered to.
pub fn open_new(app: &mut App) {
    let id = crate::model::ids::next_id(app.portfolio.projects.iter().map(|p| p.id.as_str()))
        .unwrap_or_else(|| "P-01".into());
    let goal = app
        .filters
        .goal
        .and_then(|g| app.goals.get(g))
        .map(|g| format!("{}, ", g.id))
        .unwrap_or_default();
    let mut values = vec![String::new(); 10];
    values[ID] = id;
    values[LEVEL] = "0".into();
    values[GOALS] = goal;
    super::open(app, ItemKind::NewProject, new_spec(), values, NAME);
}

/// The field a stop edits: its label and control, and its value now.
fn field_spec(stop: Stop) -> Option<FieldSpec> {
    Some(match stop {
        Stop::Id => field("Id", "Id", Control::Text),
        Stop::Name => field("Navn", "Name", Control::Text),
        Stop::Owner => field("Ansvarlig", "Owner", Control::Pick(Source::Owners)),
        Stop::Unit => field("Enhet", "Unit", Control::Pick(Source::Units)),
        Stop::Instrument => field(
            "Virkemiddel",
            "Instrument",
            Control::Pick(Source::Instruments),
        ),
        Stop::Level => field("Nivå", "Level", levels()),
        Stop::Start => field("Start", "Start", Control::Date),
        Stop::End => field("Slutt", "End", Control::Date),
        Stop::Goals => field(
            "Mål som tjenes",
            "Goals served",
            Control::Multi(Source::Goals),
        ),
        Stop::Tags => field("Stikkord", "Tags", Control::Multi(Source::Tags)),
        Stop::Planned => field("Planlagt", "Planned", Control::Amount),
        Stop::Spent => field("Brukt", "Spent", Control::Amount),
        _ => return None,
    })
}

fn field_value(l: Lang, pr: &Project, stop: Stop) -> String {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let list = |v: &[String]| {
        if v.is_empty() {
            String::new()
        } else {
            format!("{}, ", v.join(", "))
        }
    };
    let budget = |f: fn(&Budget) -> i64| pr.budget.as_ref().map(|b| l.amount(f(b)));
    match stop {
        Stop::Id => pr.id.clone(),
        Stop::Name => pr.name.clone(),
        Stop::Owner => opt(&pr.owner),
        Stop::Unit => opt(&pr.unit),
        Stop::Instrument => opt(&pr.instrument),
        Stop::Level => level_index(pr.level).to_string(),
        Stop::Start => pr.start.map(|d| d.to_string()).unwrap_or_default(),
        Stop::End => pr.end.map(|d| d.to_string()).unwrap_or_default(),
        Stop::Goals => list(&pr.goals),
        Stop::Tags => list(&pr.tags),
        Stop::Planned => budget(|b| b.planned).unwrap_or_default(),
        Stop::Spent => budget(|b| b.spent).unwrap_or_default(),
        _ => String::new(),
    }
}

/// `i` on one of the detail's fields: it alone, in a form, with its value now.
pub fn open_field(app: &mut App, stop: Stop) {
    let Some(project) = app.selected() else {
        return;
    };
    let Some(spec) = field_spec(stop) else { return };
    let value = field_value(app.lang, &app.portfolio.projects[project], stop);
    super::open(
        app,
        ItemKind::Field { project, stop },
        vec![spec],
        vec![value],
        0,
    );
}

/// `B`: the budget's planned and spent, the cursor on spent (what changes most).
pub fn open_budget(app: &mut App) {
    let Some(project) = super::super::update::current_project(app) else {
        return;
    };
    let pr = &app.portfolio.projects[project];
    let values = vec![
        field_value(app.lang, pr, Stop::Planned),
        field_value(app.lang, pr, Stop::Spent),
    ];
    let spec = vec![
        field("Planlagt", "Planned", Control::Amount),
        field("Brukt", "Spent", Control::Amount),
    ];
    super::open(app, ItemKind::Budget { project }, spec, values, 1);
}

pub(super) fn check(app: &App, form: &Form, kind: &ItemKind) -> Check {
    match kind {
        ItemKind::NewProject => check_new(app, form),
        ItemKind::Field { project, stop } => check_field(app, form, *project, *stop),
        ItemKind::Budget { project } => check_budget(app, form, *project),
        _ => Check::new(form.fields.len()),
    }
}

fn check_new(app: &App, form: &Form) -> Check {
    let mut c = Check::new(form.fields.len());
    let name = required(&mut c, form, NAME, Msg::new("a name", "et navn"));
    let typed = !super::text(form, PLANNED).is_empty();
    let planned = typed.then(|| amount(&mut c, form, PLANNED)).flatten();
    let unreadable = typed && planned.is_none();
    let (start, end) = (
        date(&mut c, form, START, app.meeting_date),
        date(&mut c, form, END, app.meeting_date),
    );
    let pr = Project {
        id: super::text(form, ID),
        name,
        owner: opt_text(form, OWNER),
        unit: opt_text(form, UNIT),
        instrument: opt_text(form, INSTRUMENT),
        status: Status::Proposed,
        health: None,
        start: start.flatten(),
        end: end.flatten(),
        goals: list(form, GOALS),
        budget: planned.map(|planned| Budget {
            planned,
            spent: 0,
            funding: Vec::new(),
        }),
        results: Vec::new(),
        risks: Vec::new(),
        evaluations: Vec::new(),
        tags: Vec::new(),
        level: level_of(choice(form, LEVEL)),
        follow_ups: Vec::new(),
    };
    let found = validate_item::project(&app.portfolio, None, &pr);
    c.place(
        &found,
        &[
            (".id", ID),
            (".name", NAME),
            (".goals", GOALS),
            (".budget", PLANNED),
            (".start", START),
            (".end", END),
        ],
        None,
    );
    if !(unreadable || start.is_none() || end.is_none()) {
        c.then = Then::Project(pr.id.clone());
        c.edit = Some(Edit::ProjectAdd {
            project: Box::new(pr),
        });
    }
    c
}

/// How an optional text field becomes its edit.
type TextField = fn(Option<String>) -> ProjectField;

/// The project as the field would leave it, and the edit that does it.
fn field_edit(
    app: &App,
    form: &Form,
    c: &mut Check,
    pr: &Project,
    stop: Stop,
) -> Option<(Project, Edit)> {
    let mut cand = pr.clone();
    let set = |f: ProjectField| Edit::ProjectSet {
        project: pr.id.clone(),
        field: f,
    };
    let budget = crate::model::edit::fields::budget;
    let e = match stop {
        Stop::Id => {
            let to = required(c, form, 0, Msg::new("an id", "en id"));
            cand.id = to.clone();
            Edit::ProjectRename {
                from: pr.id.clone(),
                to,
            }
        }
        Stop::Name => {
            let n = required(c, form, 0, Msg::new("a name", "et navn"));
            cand.name = n.clone();
            set(ProjectField::Name(n))
        }
        Stop::Owner | Stop::Unit | Stop::Instrument => {
            let v = opt_text(form, 0);
            let (slot, f): (&mut Option<String>, TextField) = match stop {
                Stop::Owner => (&mut cand.owner, ProjectField::Owner),
                Stop::Unit => (&mut cand.unit, ProjectField::Unit),
                _ => (&mut cand.instrument, ProjectField::Instrument),
            };
            *slot = v.clone();
            set(f(v))
        }
        Stop::Level => {
            cand.level = level_of(choice(form, 0));
            set(ProjectField::Level(cand.level))
        }
        Stop::Start | Stop::End => {
            let d = date(c, form, 0, app.meeting_date)?;
            if stop == Stop::Start {
                cand.start = d;
                set(ProjectField::Start(d))
            } else {
                cand.end = d;
                set(ProjectField::End(d))
            }
        }
        Stop::Goals => {
            cand.goals = list(form, 0);
            set(ProjectField::Goals(cand.goals.clone()))
        }
        Stop::Tags => {
            cand.tags = list(form, 0);
            set(ProjectField::Tags(cand.tags.clone()))
        }
        Stop::Planned => {
            let v = amount(c, form, 0)?;
            budget(&mut cand).planned = v;
            set(ProjectField::Planned(v))
        }
        Stop::Spent => {
            let v = amount(c, form, 0)?;
            budget(&mut cand).spent = v;
            set(ProjectField::Spent(v))
        }
        _ => return None,
    };
    Some((cand, e))
}

/// The paths of a field's findings.
fn field_path(stop: Stop) -> &'static str {
    match stop {
        Stop::Id => ".id",
        Stop::Name => ".name",
        Stop::Owner => ".owner",
        Stop::Unit => ".unit",
        Stop::Instrument => ".instrument",
        Stop::Level => ".level",
        Stop::Start => ".start",
        Stop::End => ".end",
        Stop::Goals => ".goals",
        Stop::Tags => ".tags",
        Stop::Planned => ".budget",
        _ => ".budget.spent",
    }
}

fn check_field(app: &App, form: &Form, project: usize, stop: Stop) -> Check {
    let mut c = Check::new(1);
    let Some(pr) = app.portfolio.projects.get(project) else {
        return c;
    };
    let Some((cand, e)) = field_edit(app, form, &mut c, pr, stop) else {
        return c;
    };
    let before = validate_item::project(&app.portfolio, Some(project), pr);
    let found = validate_item::project(&app.portfolio, Some(project), &cand);
    c.place(&found, &[(field_path(stop), 0)], Some(&before));
    // The field's own findings that were there before are said too: they are what
    // this field is about.
    c.then = Then::Stop(match stop {
        Stop::Planned if pr.budget.is_none() => Stop::Planned,
        s => s,
    });
    if c.at[0].iter().all(|s| !s.error) {
        c.edit = Some(e);
    }
    c
}

fn check_budget(app: &App, form: &Form, project: usize) -> Check {
    let mut c = Check::new(2);
    let Some(pr) = app.portfolio.projects.get(project) else {
        return c;
    };
    let (planned, spent) = (amount(&mut c, form, 0), amount(&mut c, form, 1));
    let (Some(planned), Some(spent)) = (planned, spent) else {
        return c;
    };
    let mut cand = pr.clone();
    let b = cand.budget.get_or_insert_with(|| Budget {
        planned: 0,
        spent: 0,
        funding: Vec::new(),
    });
    (b.planned, b.spent) = (planned, spent);
    let before = validate_item::project(&app.portfolio, Some(project), pr);
    let found = validate_item::project(&app.portfolio, Some(project), &cand);
    c.place(
        &found,
        &[(".budget.spent", 1), (".budget", 0)],
        Some(&before),
    );
    let was = pr.budget.as_ref().map(|b| (b.planned, b.spent));
    let set = |f| Edit::ProjectSet {
        project: pr.id.clone(),
        field: f,
    };
    let mut parts = Vec::new();
    if was.map(|w| w.0) != Some(planned) {
        parts.push(set(ProjectField::Planned(planned)));
    }
    if was.map(|w| w.1) != Some(spent) && !(was.is_none() && spent == 0) {
        parts.push(set(ProjectField::Spent(spent)));
    }
    c.then = Then::Stop(Stop::Spent);
    c.edit = Some(match parts.len() {
        1 => parts.remove(0),
        _ => Edit::Batch(parts),
    });
    c
}

/// A field's name in the status line and the form's title.
pub fn title(l: Lang, kind: &ItemKind, app: &App) -> String {
    let project = |i: usize| {
        app.portfolio
            .projects
            .get(i)
            .map(|p| {
                format!(
                    "{} {}",
                    crate::sanitize::clean(&p.id),
                    crate::sanitize::clean(&p.name)
                )
            })
            .unwrap_or_default()
    };
    match kind {
        ItemKind::NewProject => l.pick("Nytt prosjekt", "New project").into(),
        ItemKind::Field { project: p, .. } => project(*p),
        ItemKind::Budget { project: p } => {
            format!("{} · {}", l.pick("Budsjett", "Budget"), project(*p))
        }
        _ => String::new(),
    }
}
