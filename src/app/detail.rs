//! The project detail's field cursor: every field and every item of the detail is a
//! stop the cursor reaches with `j`/`k` (the view scrolls to keep it in sight, see
//! `crate::ui::detail`); `i` edits what it is on, `+` adds an item where it is, `-`
//! removes the item it is on (see [`super::forms`] and [`super::remove`]).

use super::{App, PickerKind};
use crate::model::Project;

/// A place the detail's cursor can be: a field, or an item of a section (`None`: the
/// section itself, where `+` adds one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stop {
    Id,
    Name,
    Status,
    Health,
    Start,
    End,
    Owner,
    Unit,
    Instrument,
    Level,
    Tags,
    /// What moved since the version `--since` compares with (nothing to edit).
    Moved,
    Goals,
    Planned,
    Spent,
    /// A funding line (index into the budget's funding).
    Funding(Option<usize>),
    /// A result (index into the project's results).
    Results(Option<usize>),
    /// A risk (index into the project's risks).
    Risks(Option<usize>),
    /// A follow-up (index into the project's follow-ups).
    FollowUps(Option<usize>),
    /// An evaluation (its place among the evaluations oldest first; nothing to edit
    /// here: pane 4 and triage score and decide).
    Evaluations(Option<usize>),
}

/// Every stop of project `pr`'s detail, in the order the detail shows them.
pub fn stops(app: &App, pr: &Project) -> Vec<Stop> {
    use Stop::*;
    let mut v = vec![
        Id, Name, Status, Health, Start, End, Owner, Unit, Instrument, Level, Tags,
    ];
    if app.since.as_ref().and_then(|s| s.moved(pr)).is_some() {
        v.push(Moved);
    }
    v.push(Goals);
    v.push(Planned);
    if let Some(b) = &pr.budget {
        v.push(Spent);
        v.push(Funding(None));
        v.extend((0..b.funding.len()).map(|i| Funding(Some(i))));
    }
    v.push(Results(None));
    v.extend((0..pr.results.len()).map(|i| Results(Some(i))));
    v.push(Risks(None));
    v.extend((0..pr.risks.len()).map(|i| Risks(Some(i))));
    if !pr.follow_ups.is_empty() {
        v.push(FollowUps(None));
        let order = crate::model::follow_up::ordered(pr, app.meeting_date);
        v.extend(order.into_iter().map(|i| FollowUps(Some(i))));
    }
    v.push(Evaluations(None));
    v.extend((0..pr.evaluations.len()).map(|k| Evaluations(Some(k))));
    v
}

/// The stop the cursor is on, in the selected project's detail.
pub fn current(app: &App) -> Option<Stop> {
    let pr = app.portfolio.projects.get(app.selected()?)?;
    let all = stops(app, pr);
    all.get(app.detail_field.min(all.len().saturating_sub(1)))
        .copied()
}

/// Put the cursor on `stop` (after an edit added it), if the detail has it.
pub fn focus(app: &mut App, stop: Stop) {
    let Some(pr) = app.selected().and_then(|pi| app.portfolio.projects.get(pi)) else {
        return;
    };
    if let Some(i) = stops(app, pr).iter().position(|&s| s == stop) {
        app.detail_field = i;
    }
}

/// `j` `k` `g` `G` and the page keys in the detail. A page moves the view a page (as
/// the last frame laid it out) and the cursor to the first stop in it.
pub fn movement(app: &mut App, action: super::Action) {
    use super::Action as A;
    let Some(pr) = app.selected().and_then(|pi| app.portfolio.projects.get(pi)) else {
        return;
    };
    let n = stops(app, pr).len();
    let at = app.detail_field.min(n.saturating_sub(1));
    let starts = app.scroll.detail_stops.borrow().clone();
    if matches!(action, A::PageDown | A::PageUp) && starts.len() == n && n > 0 {
        let max = app.scroll.detail_max.get().unwrap_or(0);
        let top = app.scroll.detail.get();
        let top = if action == A::PageDown {
            (top + app.page).min(max)
        } else {
            top.saturating_sub(app.page)
        };
        app.scroll.detail.set(top);
        let first = (0..n).find(|&i| starts[i] >= top).unwrap_or(n - 1);
        // At the end already: the last stop.
        let end = action == A::PageDown && top == max && first <= at;
        app.detail_field = if end { n - 1 } else { first };
        return;
    }
    app.detail_field = super::panes::step(at, n, action, app.page).min(n.saturating_sub(1));
}

/// The detail opens (or moves to another project) at its top.
pub fn reset(app: &mut App) {
    app.detail_field = 0;
    app.scroll.detail.set(0);
    app.scroll.detail_max.set(None);
    app.scroll.detail_stops.borrow_mut().clear();
}

/// `i` on the stop: the picker or the form that edits it.
pub fn edit_here(app: &mut App) {
    let Some(stop) = current(app) else { return };
    match stop {
        Stop::Status => super::picker::open_picker(app, PickerKind::Status),
        Stop::Health => super::picker::open_picker(app, PickerKind::Health),
        Stop::Moved | Stop::Evaluations(_) => {
            app.message = Some(
                app.lang
                    .pick(
                        "Vurderinger, vedtak og notater føres i rute 4 eller i gjennomgangen (t)",
                        "Scores, decisions and notes are made in pane 4 or in triage (t)",
                    )
                    .into(),
            );
        }
        Stop::FollowUps(Some(i)) => super::form::open_follow_up(app, Some(i)),
        Stop::Funding(Some(i)) => super::forms::items::open_funding(app, Some(i)),
        Stop::Results(Some(i)) => super::forms::items::open_result(app, Some(i)),
        Stop::Risks(Some(i)) => super::forms::items::open_risk(app, Some(i)),
        Stop::Funding(None) | Stop::Results(None) | Stop::Risks(None) | Stop::FollowUps(None) => {
            add_here(app)
        }
        field => super::forms::project::open_field(app, field),
    }
}

/// `+` on the stop: a new item of its section (a funding line from the budget's own
/// fields, a follow-up anywhere in that section); elsewhere, says where `+` adds.
pub fn add_here(app: &mut App) {
    match current(app) {
        Some(Stop::Funding(_) | Stop::Planned | Stop::Spent) => {
            super::forms::items::open_funding(app, None)
        }
        Some(Stop::Results(_)) => super::forms::items::open_result(app, None),
        Some(Stop::Risks(_)) => super::forms::items::open_risk(app, None),
        Some(Stop::FollowUps(_)) => super::form::open_follow_up(app, None),
        _ => {
            app.message = Some(
                app.lang
                    .pick(
                        "+ legger til der markøren står: under resultater, risikoer, finansiering eller oppfølgingspunkter",
                        "+ adds where the cursor is: in results, risks, funding or follow-ups",
                    )
                    .into(),
            );
        }
    }
}

/// `-` on the stop: removes the item it is on, after asking.
pub fn remove_here(app: &mut App) {
    let Some(pi) = app.selected() else { return };
    match current(app) {
        Some(Stop::Funding(Some(i))) => super::remove::funding(app, pi, i),
        Some(Stop::Results(Some(i))) => super::remove::result(app, pi, i),
        Some(Stop::Risks(Some(i))) => super::remove::risk(app, pi, i),
        Some(Stop::FollowUps(Some(i))) => super::remove::follow_up(app, pi, i),
        _ => {
            app.message = Some(
                app.lang
                    .pick(
                        "- fjerner det markøren står på: et resultat, en risiko, en finansiering eller et oppfølgingspunkt (et felt tømmes med i)",
                        "- removes what the cursor is on: a result, a risk, a funding line or a follow-up (i empties a field)",
                    )
                    .into(),
            );
        }
    }
}
