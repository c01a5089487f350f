//! What changed between two versions of a portfolio, in words: shared by `styr diff`
//! (Markdown) and the interactive view's "since the last meeting" marks (the screen).

use std::fmt::Write;

use crate::model::figures::score_total;
use crate::model::since::Change;
use crate::model::{Date, Portfolio};
use crate::text::Lang;

fn opt(s: &Option<String>, md: &dyn Fn(&str) -> String) -> String {
    s.as_deref().map_or_else(|| "–".to_string(), md)
}

fn date(d: &Option<Date>) -> String {
    d.map_or_else(|| "–".to_string(), |d| d.to_string())
}

/// "+300 000" / "−120 000": the change in an amount.
fn delta(l: Lang, from: i64, to: i64) -> String {
    let d = to.saturating_sub(from);
    if d >= 0 {
        format!("+{}", l.amount(d))
    } else {
        format!("−{}", l.amount(d.saturating_neg()))
    }
}

/// One change in words: "Health: Amber → Red", "Spent: 1 100 000 → 1 400 000 NOK
/// (+300 000)". `md` makes the file's text safe for where it goes (Markdown, the screen).
pub fn line(c: &Change, p: &Portfolio, l: Lang, md: &dyn Fn(&str) -> String) -> String {
    let cur = md(&p.currency);
    match c {
        Change::Name(a, b) => format!("{}: «{}» → «{}»", l.pick("Navn", "Name"), md(a), md(b)),
        Change::Owner(a, b) => format!(
            "{}: {} → {}",
            l.pick("Eier", "Owner"),
            opt(a, md),
            opt(b, md)
        ),
        Change::Unit(a, b) => format!(
            "{}: {} → {}",
            l.pick("Enhet", "Unit"),
            opt(a, md),
            opt(b, md)
        ),
        Change::Health(a, b) => format!(
            "{}: {} → {}",
            l.pick("Helse", "Health"),
            l.health(*a),
            l.health(*b)
        ),
        Change::Status(a, b) => format!("Status: {} → {}", l.status(*a), l.status(*b)),
        Change::Start(a, b) => format!("Start: {} → {}", date(a), date(b)),
        Change::End(a, b) => format!("{}: {} → {}", l.pick("Slutt", "End"), date(a), date(b)),
        Change::Planned(a, b) => format!(
            "{}: {} → {} {cur} ({})",
            l.pick("Planlagt", "Planned"),
            l.amount(*a),
            l.amount(*b),
            delta(l, *a, *b)
        ),
        Change::Spent(a, b) => format!(
            "{}: {} → {} {cur} ({})",
            l.pick("Brukt", "Spent"),
            l.amount(*a),
            l.amount(*b),
            delta(l, *a, *b)
        ),
        Change::FundingAdded(f) => format!(
            "{} {}: {} {cur}, {}",
            l.pick("Ny finansiering", "New funding"),
            md(&f.source),
            l.amount(f.amount),
            l.funding_status(f.status)
        ),
        Change::FundingRemoved(f) => format!(
            "{} {}: {} {cur}",
            l.pick("Finansiering fjernet", "Funding removed"),
            md(&f.source),
            l.amount(f.amount)
        ),
        Change::FundingAmount { source, from, to } => format!(
            "{} {}: {} → {} {cur}",
            l.pick("Finansiering", "Funding"),
            md(source),
            l.amount(*from),
            l.amount(*to)
        ),
        Change::FundingStatus { source, from, to } => format!(
            "{} {}: {} → {}",
            l.pick("Finansiering", "Funding"),
            md(source),
            l.funding_status(*from),
            l.funding_status(*to)
        ),
        Change::ResultAdded(n) => format!("{} «{}»", l.pick("Nytt resultat", "New result"), md(n)),
        Change::ResultRemoved(n) => format!(
            "{} «{}»",
            l.pick("Resultat fjernet", "Result removed"),
            md(n)
        ),
        Change::ResultActual {
            name,
            from,
            to,
            target,
        } => format!(
            "{} «{}»: {} → {} {} {}",
            l.pick("Resultat", "Result"),
            md(name),
            l.number(*from),
            l.number(*to),
            l.pick("av", "of"),
            l.number(*target)
        ),
        Change::ResultTarget { name, from, to } => format!(
            "{} «{}»: {} → {}",
            l.pick("Resultatmål", "Result target"),
            md(name),
            l.number(*from),
            l.number(*to)
        ),
        Change::RiskAdded(r) => format!(
            "{} {} «{}» (P{} × {}{})",
            l.pick("Ny risiko", "New risk"),
            md(&r.id),
            md(&r.title),
            r.probability,
            l.pick("K", "C"),
            r.consequence
        ),
        Change::RiskRemoved { id, title } => format!(
            "{} {} «{}»",
            l.pick("Risiko fjernet", "Risk removed"),
            md(id),
            md(title)
        ),
        Change::RiskProbability {
            id,
            title,
            from,
            to,
        } => format!(
            "{} {} «{}», {}: {from} → {to}",
            l.pick("Risiko", "Risk"),
            md(id),
            md(title),
            l.pick("sannsynlighet", "probability")
        ),
        Change::RiskConsequence {
            id,
            title,
            from,
            to,
        } => format!(
            "{} {} «{}», {}: {from} → {to}",
            l.pick("Risiko", "Risk"),
            md(id),
            md(title),
            l.pick("konsekvens", "consequence")
        ),
        Change::RiskStatus {
            id,
            title,
            from,
            to,
        } => format!(
            "{} {} «{}», status: {} → {}",
            l.pick("Risiko", "Risk"),
            md(id),
            md(title),
            l.risk_status(*from),
            l.risk_status(*to)
        ),
        Change::RiskMitigation {
            id,
            title,
            from,
            to,
        } => format!(
            "{} {} «{}», {}: {} → {}",
            l.pick("Risiko", "Risk"),
            md(id),
            md(title),
            l.pick("tiltak", "mitigation"),
            opt(from, md),
            opt(to, md)
        ),
        Change::Evaluated(e) => {
            let mut s = format!(
                "{} {}: {}",
                l.pick("Evaluert", "Evaluated"),
                e.date,
                l.total(score_total(e, &p.criteria))
            );
            if let Some(d) = e.decision {
                let _ = write!(s, " · {}", l.decision(d));
            }
            s
        }
        Change::Decided { date, from, to } => format!(
            "{} {date}: {} → {}",
            l.pick("Vedtak", "Decision"),
            from.map_or("–", |d| l.decision(d)),
            to.map_or("–", |d| l.decision(d))
        ),
        Change::FollowUpAdded(f) => {
            let mut s = format!(
                "{}: {}",
                l.pick("Nytt oppfølgingspunkt", "New follow-up"),
                md(&f.text)
            );
            if let Some(o) = &f.owner {
                let _ = write!(s, " — {}", md(o));
            }
            if let Some(d) = f.due {
                let _ = write!(s, ", {} {d}", l.pick("frist", "due"));
            }
            s
        }
        Change::FollowUpDone(f) => format!(
            "{}: {}",
            l.pick("Oppfølgingspunkt utført", "Follow-up done"),
            md(&f.text)
        ),
        Change::GoalsServed { added, removed } => {
            let mut parts: Vec<String> = added.iter().map(|g| format!("+{}", md(g))).collect();
            parts.extend(removed.iter().map(|g| format!("−{}", md(g))));
            format!("{}: {}", l.pick("Mål", "Goals served"), parts.join(", "))
        }
    }
}
