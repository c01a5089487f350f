//! Triage's `Space` on a project the meeting has scored on some of the criteria but not
//! all: it asks once, "2 av 3 vurdert — gå videre?", before going on. A second `Space`
//! (or `y`, `Enter`) goes on; `Esc` stays. Asked once per visit of a project: the visit
//! is known by the moment it started ([`super::Triage::item_started`], which every move
//! through the agenda sets anew).

use super::update::{current_project, update};
use super::{Action, App, Overlay, Question};
use crate::model::figures::criteria_scored;

/// Before `Action::TriageNext`: whether to stop and ask (the question is then open).
pub(super) fn ask_before_next(app: &mut App) -> bool {
    let Some(t) = &app.triage else {
        return false;
    };
    let (visit, last) = (t.item_started, t.pos + 1 >= t.agenda.len());
    // On the last project there is nothing to go on to; asked already on this visit.
    if last || app.partial_asked == Some(visit) {
        return false;
    }
    let Some((scored, of)) = meeting_count(app) else {
        return false;
    };
    if scored == 0 || scored >= of {
        return false;
    }
    app.partial_asked = Some(visit);
    app.overlay = Some(Overlay::Question(Question::PartlyScored { scored, of }));
    true
}

/// (criteria scored, criteria in the file) in the meeting's evaluation of triage's
/// project; `None` when the meeting has not evaluated it.
fn meeting_count(app: &App) -> Option<(usize, usize)> {
    let pr = app.portfolio.projects.get(current_project(app)?)?;
    let ev = pr
        .evaluations
        .iter()
        .rev()
        .find(|e| e.date == app.meeting_date)?;
    Some(criteria_scored(ev, &app.portfolio.criteria))
}

/// The answers to [`Question::PartlyScored`]. Whether `q` was it.
pub(super) fn answer(app: &mut App, q: Question, c: char) -> bool {
    if !matches!(q, Question::PartlyScored { .. }) {
        return false;
    }
    match c {
        ' ' | '\r' | 'y' | 'j' => {
            app.overlay = None;
            update(app, Action::TriageNext);
        }
        '\u{1b}' | 'n' => app.overlay = None,
        _ => {}
    }
    true
}
