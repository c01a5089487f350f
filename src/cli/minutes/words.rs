//! A change in the reader's words: the field's name, and its values translated from the
//! file's (`Red` → "Rød"/"Red", `Open` → "Åpen"/"Open"); a value the program does not
//! know is shown as written. Every string from the file goes through [`md`].

use std::fmt::Debug;

use crate::model::{Change, Decision, FundingStatus, Health, Level, Project, RiskStatus, Status};
use crate::text::Lang;

use super::super::md;
use super::day::{Field, follow_up_field, risk_field};

/// How a field's values read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Health,
    Status,
    RiskStatus,
    Decision,
    /// Free text, quoted.
    Text,
    /// A person.
    Name,
    /// A due date; none is "no due date".
    Due,
    /// The date done; none is "open".
    Done,
    /// An amount (`2400000`): grouped as the language writes it.
    Amount,
    /// A measure's level (`Regional`).
    Level,
    FundingStatus,
    /// Numbers, dates and anything else: as written.
    Plain,
}

fn kind(what: &str) -> Kind {
    if let Some((_, f)) = risk_field(what) {
        return match f {
            "status" => Kind::RiskStatus,
            "mitigation" | "title" | "cause" => Kind::Text,
            "owner" => Kind::Name,
            _ => Kind::Plain,
        };
    }
    if let Some((_, f)) = follow_up_field(what) {
        return match f {
            "text" => Kind::Text,
            "owner" | "by" => Kind::Name,
            "due" => Kind::Due,
            "done" => Kind::Done,
            _ => Kind::Plain,
        };
    }
    if let Some((_, f)) = indexed_field(what) {
        return match f {
            "name" | "source" => Kind::Text,
            "amount" => Kind::Amount,
            "status" => Kind::FundingStatus,
            _ => Kind::Plain,
        };
    }
    match what.rsplit('.').next().unwrap_or(what) {
        "health" => Kind::Health,
        "status" => Kind::Status,
        "planned" | "spent" => Kind::Amount,
        "level" => Kind::Level,
        "decision" => Kind::Decision,
        "note" | "title" | "name" | "description" | "mitigation" | "follow_ups" => Kind::Text,
        "owner" | "by" => Kind::Name,
        _ => Kind::Plain,
    }
}

/// The variant of `all` the file names `s` (the names the file and the change log write).
fn named<T: Copy + Debug>(all: &[T], s: &str) -> Option<T> {
    all.iter().copied().find(|x| format!("{x:?}") == s)
}

const FUNDING: [FundingStatus; 3] = [
    FundingStatus::Applied,
    FundingStatus::Granted,
    FundingStatus::Rejected,
];

/// `results[2].actual` → ("results", 2, "actual"); `budget.funding[0].amount` likewise.
fn indexed(what: &str) -> Option<(&str, usize, &str)> {
    let (list, rest) = what.split_once('[')?;
    let (n, field) = rest.split_once("].")?;
    matches!(list, "results" | "budget.funding").then_some(())?;
    Some((list, n.parse().ok()?, field))
}

fn indexed_field(what: &str) -> Option<(usize, &str)> {
    indexed(what).map(|(_, i, f)| (i, f))
}

/// Free text from the file, quoted for the language.
pub fn quoted(l: Lang, s: &str) -> String {
    match l {
        Lang::Nb => format!("«{}»", md(s)),
        Lang::En => format!("“{}”", md(s)),
    }
}

fn value(l: Lang, kind: Kind, v: Option<&str>) -> String {
    let Some(s) = v else {
        return match kind {
            Kind::Health => l.health(None).to_string(),
            Kind::Decision => l.pick("(intet vedtak)", "(no decision)").to_string(),
            Kind::Text => l.pick("(ingen)", "(none)").to_string(),
            Kind::Name => l.pick("ingen", "none").to_string(),
            Kind::Due => l.pick("ingen frist", "no due date").to_string(),
            Kind::Done => l.pick("åpen", "open").to_string(),
            Kind::Status
            | Kind::RiskStatus
            | Kind::Plain
            | Kind::Amount
            | Kind::Level
            | Kind::FundingStatus => "–".to_string(),
        };
    };
    let known = match kind {
        Kind::Health => named(&Health::ALL, s).map(|h| l.health(Some(h))),
        Kind::Status => named(&Status::ALL, s).map(|x| l.status(x)),
        Kind::RiskStatus => named(&RiskStatus::ALL, s).map(|x| l.risk_status(x)),
        Kind::Decision => named(&Decision::ALL, s).map(|x| l.decision(x)),
        Kind::FundingStatus => named(&FUNDING, s).map(|x| l.funding_status(x)),
        Kind::Level => named(&Level::ALL, s).map(|x| l.level(x)),
        Kind::Amount => return s.parse::<i64>().map_or_else(|_| md(s), |v| l.amount(v)),
        Kind::Text => return quoted(l, s),
        Kind::Name | Kind::Due | Kind::Done | Kind::Plain => None,
    };
    known.map_or_else(|| md(s), str::to_string)
}

/// "Grønn → Rød": the field's values of the day, translated.
pub fn steps(l: Lang, f: &Field) -> String {
    let k = kind(f.what);
    f.values()
        .into_iter()
        .map(|v| value(l, k, v))
        .collect::<Vec<_>>()
        .join(" → ")
}

/// What a project's field is called: "Helse", "Risiko R2 Ulike driftsrutiner,
/// sannsynlighet"; a field the program does not know by its name in the file.
pub fn project_field(l: Lang, pr: Option<&Project>, what: &str) -> String {
    let own = match what {
        "health" => Some(l.pick("Helse", "Health")),
        "status" => Some("Status"),
        "id" => Some("Id"),
        "name" => Some(l.pick("Navn", "Name")),
        "owner" => Some(l.pick("Ansvarlig", "Owner")),
        "unit" => Some(l.pick("Enhet", "Unit")),
        "instrument" => Some(l.pick("Virkemiddel", "Instrument")),
        "level" => Some(l.pick("Nivå", "Level")),
        "start" => Some("Start"),
        "end" => Some(l.pick("Slutt", "End")),
        "goals" => Some(l.pick("Mål som tjenes", "Goals served")),
        "tags" => Some(l.pick("Stikkord", "Tags")),
        "budget.planned" => Some(l.pick("Budsjett, planlagt", "Budget, planned")),
        "budget.spent" => Some(l.pick("Budsjett, brukt", "Budget, spent")),
        _ => None,
    };
    if let Some(own) = own {
        return own.to_string();
    }
    if let Some((list, i, field)) = indexed(what) {
        let (noun, name) = match list {
            "results" => (
                l.pick("Resultat", "Result"),
                pr.and_then(|p| p.results.get(i)).map(|r| r.name.as_str()),
            ),
            _ => (
                l.pick("Finansiering", "Funding"),
                pr.and_then(|p| p.budget.as_ref()?.funding.get(i))
                    .map(|f| f.source.as_str()),
            ),
        };
        let name = name.map_or_else(
            || format!("{} {}", l.pick("nr.", "no."), i + 1),
            |n| quoted(l, n),
        );
        return format!("{noun} {name}, {}", item_word(l, field));
    }
    let Some((id, field)) = risk_field(what) else {
        return md(what);
    };
    let title = pr
        .and_then(|p| p.risks.iter().find(|r| r.id == id))
        .map(|r| format!(" {}", md(&r.title)))
        .unwrap_or_default();
    format!(
        "{} {}{title}, {}",
        l.pick("Risiko", "Risk"),
        md(id),
        risk_word(l, field)
    )
}

fn risk_word(l: Lang, field: &str) -> String {
    match field {
        "probability" => l.pick("sannsynlighet", "probability").into(),
        "consequence" => l.pick("konsekvens", "consequence").into(),
        "status" => "status".into(),
        "mitigation" => l.pick("tiltak", "mitigation").into(),
        "owner" => l.pick("eier", "owner").into(),
        "title" => l.pick("tittel", "title").into(),
        "cause" => l.pick("årsak", "cause").into(),
        "id" => "id".into(),
        other => md(other),
    }
}

/// A result's or a funding line's field: "faktisk", "beløp".
fn item_word(l: Lang, field: &str) -> String {
    match field {
        "name" => l.pick("navn", "name").into(),
        "unit" => l.pick("enhet", "unit").into(),
        "target" => l.pick("mål", "target").into(),
        "actual" => l.pick("faktisk", "actual").into(),
        "due" => l.pick("frist", "due").into(),
        "source" => l.pick("kilde", "source").into(),
        "amount" => l.pick("beløp", "amount").into(),
        "status" => "status".into(),
        other => md(other),
    }
}

/// A follow-up's field: "ansvarlig", "frist".
pub fn follow_up_word(l: Lang, what: &str) -> String {
    match follow_up_field(what).map_or(what, |(_, f)| f) {
        "text" => l.pick("tekst", "text").into(),
        "owner" => l.pick("ansvarlig", "owner").into(),
        "due" => l.pick("frist", "due").into(),
        "done" => l.pick("utført", "done").into(),
        other => md(other),
    }
}

/// A goal's field: "tittel".
pub fn goal_word(l: Lang, what: &str) -> String {
    match what {
        "title" => l.pick("tittel", "title").into(),
        "description" => l.pick("beskrivelse", "description").into(),
        "sdgs" => l.pick("bærekraftsmål", "SDGs").into(),
        "id" => "id".into(),
        other => md(other),
    }
}

/// " (Kari, 14:05)": who made a change and when, when it was someone other than the
/// meeting's secretary (whose record the minutes are); nothing otherwise.
pub fn who(steps: &[&Change], secretary: Option<&str>) -> String {
    let mut names: Vec<&str> = Vec::new();
    for c in steps {
        if let Some(by) =
            c.by.as_deref()
                .filter(|b| Some(*b) != secretary && !b.trim().is_empty())
            && !names.contains(&by)
        {
            names.push(by);
        }
    }
    match (names.is_empty(), steps.last()) {
        (false, Some(last)) => {
            let names: Vec<String> = names.into_iter().map(md).collect();
            format!(" ({}, {})", names.join(", "), last.at)
        }
        _ => String::new(),
    }
}

/// " (Kari)": who recorded an item, when not the secretary.
pub fn recorded_by(by: Option<&str>, secretary: Option<&str>) -> String {
    match by.filter(|b| Some(*b) != secretary && !b.trim().is_empty()) {
        Some(b) => format!(" ({})", md(b)),
        None => String::new(),
    }
}
