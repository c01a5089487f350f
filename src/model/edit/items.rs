//! The items of a project's lists: risks, results, funding lines and follow-ups, added,
//! changed and removed. An item without an id (a result, a funding line, a follow-up) is
//! named by its place and its name when it was chosen, so an edit finds it again after
//! the file changed (see [`find_named`]).

use super::fields::{budget, clean_text};
use super::{Edit, EditError};
use crate::model::load::MAX_AMOUNT;
use crate::model::types::{Funding, MeasuredResult, Project, Risk};

/// The item an edit means: at `index` if its name there is still `name`, else the
/// first with that name.
pub(super) fn find_named<T>(
    items: &[T],
    index: usize,
    name: &str,
    name_of: impl Fn(&T) -> &str,
    what: &'static str,
) -> Result<usize, EditError> {
    if items.get(index).is_some_and(|x| name_of(x) == name) {
        return Ok(index);
    }
    items
        .iter()
        .position(|x| name_of(x) == name)
        .ok_or_else(|| EditError::NoItem(what, name.to_string()))
}

fn risk_index(pr: &Project, id: &str) -> Result<usize, EditError> {
    pr.risks
        .iter()
        .position(|r| r.id == id)
        .ok_or_else(|| EditError::NoRisk(pr.id.clone(), id.to_string()))
}

/// A risk as it is kept: id and title trimmed and not empty, the scales 1–5, unique.
fn checked_risk(pr: &Project, r: &Risk) -> Result<Risk, EditError> {
    let id = r.id.trim();
    if id.is_empty() {
        return Err(EditError::EmptyId);
    }
    if pr.risks.iter().any(|x| x.id == id) {
        return Err(EditError::Taken(id.to_string()));
    }
    if r.title.trim().is_empty() {
        return Err(EditError::Empty("a risk's title"));
    }
    for (what, v) in [
        ("probability", r.probability),
        ("consequence", r.consequence),
    ] {
        if !(1..=5).contains(&v) {
            return Err(EditError::OutOfRange(what));
        }
    }
    Ok(Risk {
        id: id.to_string(),
        title: r.title.trim().to_string(),
        cause: clean_text(&r.cause),
        mitigation: clean_text(&r.mitigation),
        owner: clean_text(&r.owner),
        ..r.clone()
    })
}

fn checked_result(r: &MeasuredResult) -> Result<MeasuredResult, EditError> {
    if r.name.trim().is_empty() {
        return Err(EditError::Empty("a result's name"));
    }
    if !(r.target.0.is_finite() && r.actual.0.is_finite()) {
        return Err(EditError::NotFinite);
    }
    Ok(MeasuredResult {
        name: r.name.trim().to_string(),
        unit: clean_text(&r.unit),
        ..r.clone()
    })
}

fn checked_funding(f: &Funding) -> Result<Funding, EditError> {
    if f.source.trim().is_empty() {
        return Err(EditError::Empty("a funding line's source"));
    }
    if f.amount < 0 {
        return Err(EditError::Negative("an amount"));
    }
    if f.amount > MAX_AMOUNT {
        return Err(EditError::TooLarge);
    }
    Ok(Funding {
        source: f.source.trim().to_string(),
        ..f.clone()
    })
}

fn funding_of(pr: &Project) -> &[Funding] {
    pr.budget.as_ref().map_or(&[], |b| b.funding.as_slice())
}

/// Apply an item edit to its project. `Ok(false)`: not an item edit.
pub(super) fn apply(e: &Edit, pr: &mut Project) -> Result<bool, EditError> {
    match e {
        Edit::RiskAdd { risk, .. } => {
            let r = checked_risk(pr, risk)?;
            pr.risks.push(r);
        }
        Edit::RiskSet { risk, field, .. } => {
            let ri = risk_index(pr, risk)?;
            field.apply(pr, ri)?;
        }
        Edit::RiskRemove { risk, .. } => {
            let ri = risk_index(pr, risk)?;
            pr.risks.remove(ri);
        }
        Edit::ResultAdd { result, .. } => {
            let r = checked_result(result)?;
            pr.results.push(r);
        }
        Edit::ResultSet {
            index,
            name,
            result,
            ..
        } => {
            let i = find_named(&pr.results, *index, name, |r| &r.name, "result")?;
            pr.results[i] = checked_result(result)?;
        }
        Edit::ResultRemove { index, name, .. } => {
            let i = find_named(&pr.results, *index, name, |r| &r.name, "result")?;
            pr.results.remove(i);
        }
        Edit::FundingAdd { funding, .. } => {
            let f = checked_funding(funding)?;
            budget(pr).funding.push(f);
        }
        Edit::FundingSet {
            index,
            source,
            funding,
            ..
        } => {
            let i = find_named(funding_of(pr), *index, source, |f| &f.source, "funding")?;
            let f = checked_funding(funding)?;
            budget(pr).funding[i] = f;
        }
        Edit::FundingRemove { index, source, .. } => {
            let i = find_named(funding_of(pr), *index, source, |f| &f.source, "funding")?;
            budget(pr).funding.remove(i);
        }
        Edit::FollowUpRemove { index, text, .. } => {
            let i = find_named(&pr.follow_ups, *index, text, |f| &f.text, "follow-up")?;
            pr.follow_ups.remove(i);
        }
        _ => return Ok(false),
    }
    Ok(true)
}
