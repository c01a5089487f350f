//! A project's risk, result and funding line, added (`+`) or changed (`i`) in a form.
//! A result opens at its actual value, a funding line at its amount: what a meeting
//! changes most.

use super::{Check, ItemKind, Then, amount, choice, date, entries, number, opt_text, required};
use crate::app::App;
use crate::app::detail::Stop;
use crate::app::form::{Control, FieldSpec, Form, field};
use crate::app::suggest::Source;
use crate::model::edit::{Edit, RiskField};
use crate::model::msg::Msg;
use crate::model::{
    Funding, FundingStatus, MeasuredResult, Number, Project, Risk, RiskStatus, validate_item,
};
use crate::text::Lang;

/// The project an item form is for: the detail's, the risk register's, or triage's.
fn project_of(app: &App) -> Option<usize> {
    super::super::update::current_project(app)
}

fn scale(words: fn(Lang, i64) -> Option<&'static str>) -> Control {
    entries(|l| (1..=5).map(|v| words(l, v).unwrap_or("")).collect())
}

const RISK_STATUS: [RiskStatus; 3] = [RiskStatus::Open, RiskStatus::Mitigated, RiskStatus::Closed];
const FUNDING_STATUS: [FundingStatus; 3] = [
    FundingStatus::Granted,
    FundingStatus::Applied,
    FundingStatus::Rejected,
];

fn risk_spec() -> Vec<FieldSpec> {
    vec![
        field("Id", "Id", Control::Text),
        field("Tittel", "Title", Control::Text),
        field("Årsak", "Cause", Control::Text),
        field(
            "Sannsynlighet",
            "Probability",
            scale(|l, v| l.probability(v)),
        ),
        field("Konsekvens", "Consequence", scale(|l, v| l.consequence(v))),
        field("Tiltak", "Mitigation", Control::Text),
        field("Eier", "Owner", Control::Pick(Source::Owners)),
        field(
            "Status",
            "Status",
            entries(|l| RISK_STATUS.iter().map(|&s| l.risk_status(s)).collect()),
        ),
    ]
}

/// `+` or `i` on a risk: the form, for project `pi`'s risk `index` (or a new one with
/// the next id).
pub fn open_risk_of(app: &mut App, pi: usize, index: Option<usize>) {
    let pr = &app.portfolio.projects[pi];
    let values = match index.and_then(|i| pr.risks.get(i)) {
        Some(r) => vec![
            r.id.clone(),
            r.title.clone(),
            r.cause.clone().unwrap_or_default(),
            (r.probability - 1).clamp(0, 4).to_string(),
            (r.consequence - 1).clamp(0, 4).to_string(),
            r.mitigation.clone().unwrap_or_default(),
            r.owner.clone().unwrap_or_default(),
            RISK_STATUS
                .iter()
                .position(|&s| s == r.status)
                .unwrap_or(0)
                .to_string(),
        ],
        None => vec![
            crate::model::ids::next_id(pr.risks.iter().map(|r| r.id.as_str()))
                .unwrap_or_else(|| "R1".into()),
            String::new(),
            String::new(),
            "2".into(),
            "2".into(),
            String::new(),
            pr.owner.clone().unwrap_or_default(),
            "0".into(),
        ],
    };
    let kind = ItemKind::Risk { project: pi, index };
    super::open(app, kind, risk_spec(), values, 1);
}

pub fn open_risk(app: &mut App, index: Option<usize>) {
    if let Some(pi) = project_of(app) {
        open_risk_of(app, pi, index);
    }
}

pub fn open_result(app: &mut App, index: Option<usize>) {
    let Some(pi) = project_of(app) else { return };
    let pr = &app.portfolio.projects[pi];
    let values = match index.and_then(|i| pr.results.get(i)) {
        Some(r) => vec![
            r.name.clone(),
            r.unit.clone().unwrap_or_default(),
            app.lang.number(r.target),
            app.lang.number(r.actual),
            r.due.map(|d| d.to_string()).unwrap_or_default(),
        ],
        None => vec![
            String::new(),
            String::new(),
            String::new(),
            "0".into(),
            String::new(),
        ],
    };
    let spec = vec![
        field("Navn", "Name", Control::Text),
        field("Enhet", "Unit", Control::Text),
        field("Mål", "Target", Control::Number),
        field("Faktisk", "Actual", Control::Number),
        field("Frist", "Due", Control::Date),
    ];
    let focus = if index.is_some() { 3 } else { 0 };
    super::open(
        app,
        ItemKind::Result { project: pi, index },
        spec,
        values,
        focus,
    );
}

pub fn open_funding(app: &mut App, index: Option<usize>) {
    let Some(pi) = project_of(app) else { return };
    let pr = &app.portfolio.projects[pi];
    let line = index.and_then(|i| pr.budget.as_ref()?.funding.get(i));
    let values = match line {
        Some(f) => vec![
            f.source.clone(),
            app.lang.amount(f.amount),
            FUNDING_STATUS
                .iter()
                .position(|&s| s == f.status)
                .unwrap_or(0)
                .to_string(),
        ],
        None => vec![String::new(), String::new(), "0".into()],
    };
    let spec = vec![
        field("Kilde", "Source", Control::Pick(Source::Funders)),
        field("Beløp", "Amount", Control::Amount),
        field(
            "Status",
            "Status",
            entries(|l| {
                FUNDING_STATUS
                    .iter()
                    .map(|&s| l.funding_status(s))
                    .collect()
            }),
        ),
    ];
    let focus = if line.is_some() { 1 } else { 0 };
    super::open(
        app,
        ItemKind::Funding { project: pi, index },
        spec,
        values,
        focus,
    );
}

pub(super) fn check(app: &App, form: &Form, kind: &ItemKind) -> Check {
    let mut c = Check::new(form.fields.len());
    let (ItemKind::Risk { project, index }
    | ItemKind::Result { project, index }
    | ItemKind::Funding { project, index }) = kind
    else {
        return c;
    };
    let Some(pr) = app.portfolio.projects.get(*project) else {
        return c;
    };
    let mut cand = pr.clone();
    let made = match kind {
        ItemKind::Risk { .. } => risk(form, &mut c, pr, &mut cand, *index),
        ItemKind::Result { .. } => result(app, form, &mut c, pr, &mut cand, *index),
        _ => funding(form, &mut c, pr, &mut cand, *index),
    };
    let Some((list, at, map, e)) = made else {
        return c;
    };
    let prefix = format!("{list}[{at}]");
    let map: Vec<(String, usize)> = map
        .iter()
        .map(|(p, i)| (format!("{prefix}{p}"), *i))
        .collect();
    let map: Vec<(&str, usize)> = map.iter().map(|(p, i)| (p.as_str(), *i)).collect();
    let before = validate_item::project(&app.portfolio, Some(*project), pr);
    let found: Vec<_> = validate_item::project(&app.portfolio, Some(*project), &cand)
        .into_iter()
        .filter(|f| f.at(&prefix) || !before.iter().any(|b| b.message == f.message))
        .collect();
    c.place(&found, &map, Some(&before));
    if !c.has_error() {
        c.then = Then::Stop(match kind {
            ItemKind::Risk { .. } => Stop::Risks(Some(at)),
            ItemKind::Result { .. } => Stop::Results(Some(at)),
            _ => Stop::Funding(Some(at)),
        });
        c.edit = e;
    }
    c
}

/// What an item form makes: the list and the item's place in it (in the candidate),
/// where its fields' findings are (path below the item → field), and the edit.
type Made = (
    &'static str,
    usize,
    Vec<(&'static str, usize)>,
    Option<Edit>,
);

fn risk(
    form: &Form,
    c: &mut Check,
    pr: &Project,
    cand: &mut Project,
    index: Option<usize>,
) -> Option<Made> {
    let id = required(c, form, 0, Msg::new("an id", "en id"));
    let title = required(c, form, 1, Msg::new("a title", "en tittel"));
    let r = Risk {
        id,
        title,
        cause: opt_text(form, 2),
        probability: choice(form, 3) as i64 + 1,
        consequence: choice(form, 4) as i64 + 1,
        mitigation: opt_text(form, 5),
        owner: opt_text(form, 6),
        status: RISK_STATUS[choice(form, 7)],
    };
    let old = index.and_then(|i| pr.risks.get(i));
    let at = match index.filter(|&i| i < cand.risks.len()) {
        Some(i) => {
            cand.risks[i] = r.clone();
            i
        }
        None => {
            cand.risks.push(r.clone());
            cand.risks.len() - 1
        }
    };
    let project = pr.id.clone();
    let e = match old {
        None => Edit::RiskAdd { project, risk: r },
        Some(old) => {
            let rid = old.id.clone();
            let set = |field| Edit::RiskSet {
                project: project.clone(),
                risk: rid.clone(),
                field,
            };
            let mut parts = Vec::new();
            if r.title != old.title {
                parts.push(set(RiskField::Title(r.title.clone())));
            }
            if r.cause != old.cause {
                parts.push(set(RiskField::Cause(r.cause.clone())));
            }
            if r.owner != old.owner {
                parts.push(set(RiskField::Owner(r.owner.clone())));
            }
            if r.probability != old.probability {
                parts.push(Edit::RiskProbability {
                    project: project.clone(),
                    risk: rid.clone(),
                    value: r.probability,
                });
            }
            if r.consequence != old.consequence {
                parts.push(Edit::RiskConsequence {
                    project: project.clone(),
                    risk: rid.clone(),
                    value: r.consequence,
                });
            }
            if r.mitigation != old.mitigation {
                parts.push(Edit::RiskMitigation {
                    project: project.clone(),
                    risk: rid.clone(),
                    mitigation: r.mitigation.clone(),
                });
            }
            if r.status != old.status {
                parts.push(Edit::RiskStatus {
                    project: project.clone(),
                    risk: rid.clone(),
                    status: r.status,
                });
            }
            // The id last: the parts before it name the risk by its old one.
            if r.id != old.id {
                parts.push(set(RiskField::Id(r.id.clone())));
            }
            one(parts)?
        }
    };
    let map = vec![
        (".id", 0),
        (".title", 1),
        (".probability", 3),
        (".consequence", 4),
    ];
    Some(("risks", at, map, Some(e)))
}

/// One edit of the parts, or none when nothing changed.
fn one(mut parts: Vec<Edit>) -> Option<Edit> {
    match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(Edit::Batch(parts)),
    }
}

fn result(
    app: &App,
    form: &Form,
    c: &mut Check,
    pr: &Project,
    cand: &mut Project,
    index: Option<usize>,
) -> Option<Made> {
    let name = required(c, form, 0, Msg::new("a name", "et navn"));
    let target = number(c, form, 2);
    let actual = if super::text(form, 3).is_empty() {
        Some(Number(0.0))
    } else {
        number(c, form, 3)
    };
    let due = date(c, form, 4, app.meeting_date);
    let r = MeasuredResult {
        name,
        unit: opt_text(form, 1),
        target: target?,
        actual: actual?,
        due: due?,
    };
    let project = pr.id.clone();
    let old = index.and_then(|i| pr.results.get(i).map(|o| (i, o)));
    let (at, e) = match old {
        Some((i, o)) => {
            cand.results[i] = r.clone();
            let e = (o != &r).then(|| Edit::ResultSet {
                project,
                index: i,
                name: o.name.clone(),
                result: r,
            });
            (i, e)
        }
        None => {
            cand.results.push(r.clone());
            (
                cand.results.len() - 1,
                Some(Edit::ResultAdd { project, result: r }),
            )
        }
    };
    Some((
        "results",
        at,
        vec![(".name", 0), (".target", 2), (".actual", 3), (".due", 4)],
        e,
    ))
}

fn funding(
    form: &Form,
    c: &mut Check,
    pr: &Project,
    cand: &mut Project,
    index: Option<usize>,
) -> Option<Made> {
    let source = required(c, form, 0, Msg::new("a source", "en kilde"));
    let f = Funding {
        source,
        amount: amount(c, form, 1)?,
        status: FUNDING_STATUS[choice(form, 2)],
    };
    let project = pr.id.clone();
    let b = cand.budget.get_or_insert_with(|| crate::model::Budget {
        planned: 0,
        spent: 0,
        funding: Vec::new(),
    });
    let old = index.and_then(|i| pr.budget.as_ref()?.funding.get(i).map(|o| (i, o)));
    let (at, e) = match old {
        Some((i, o)) => {
            b.funding[i] = f.clone();
            let e = (o != &f).then(|| Edit::FundingSet {
                project,
                index: i,
                source: o.source.clone(),
                funding: f,
            });
            (i, e)
        }
        None => {
            b.funding.push(f.clone());
            (
                b.funding.len() - 1,
                Some(Edit::FundingAdd {
                    project,
                    funding: f,
                }),
            )
        }
    };
    Some((
        "budget.funding",
        at,
        vec![(".source", 0), (".amount", 1)],
        e,
    ))
}

/// The form's title: what it adds or changes, and for which project.
pub fn title(l: Lang, kind: &ItemKind, app: &App) -> String {
    let (what, project) = match kind {
        ItemKind::Risk { project, index } => (
            match index {
                None => l.pick("Ny risiko", "New risk"),
                Some(_) => l.pick("Risiko", "Risk"),
            },
            project,
        ),
        ItemKind::Result { project, index } => (
            match index {
                None => l.pick("Nytt resultat", "New result"),
                Some(_) => l.pick("Resultat", "Result"),
            },
            project,
        ),
        ItemKind::Funding { project, index } => (
            match index {
                None => l.pick("Ny finansiering", "New funding line"),
                Some(_) => l.pick("Finansiering", "Funding line"),
            },
            project,
        ),
        _ => return String::new(),
    };
    let id = app
        .portfolio
        .projects
        .get(*project)
        .map(|p| crate::sanitize::clean(&p.id).into_owned())
        .unwrap_or_default();
    format!("{what} · {id}")
}
