//! `A`: the project's follow-up list. `j`/`k` move, `x` marks the one under the cursor
//! done (dated the meeting's day; again reopens it), `Enter` edits it, `a` adds one,
//! `Esc` closes.

use crate::model::FollowUp;
use crate::model::edit::Edit;
use crate::model::follow_up::ordered;

use super::update::{current_project, edit, refuse_read_only};
use super::{Action, App, Overlay};

/// Open the list for the current project.
pub fn open(app: &mut App) {
    if let Some(project) = current_project(app) {
        app.overlay = Some(Overlay::FollowUps { project, cursor: 0 });
    }
}

/// The index (into the project's follow-ups) of list row `cursor`.
pub fn at(app: &App, project: usize, cursor: usize) -> Option<usize> {
    let pr = app.portfolio.projects.get(project)?;
    ordered(pr, app.meeting_date).get(cursor).copied()
}

pub fn update(app: &mut App, action: Action, project: usize, cursor: usize) {
    let n = app
        .portfolio
        .projects
        .get(project)
        .map_or(0, |p| p.follow_ups.len());
    let keep = |app: &mut App, cursor: usize| {
        app.overlay = Some(Overlay::FollowUps {
            project,
            cursor: cursor.min(n.saturating_sub(1)),
        })
    };
    match action {
        Action::Down => keep(app, (cursor + 1).min(n.saturating_sub(1))),
        Action::Up => keep(app, cursor.saturating_sub(1)),
        Action::Top => keep(app, 0),
        Action::Bottom => keep(app, n.saturating_sub(1)),
        Action::ToggleDone => {
            let Some(i) = at(app, project, cursor) else {
                return keep(app, cursor);
            };
            if refuse_read_only(app) {
                return keep(app, cursor);
            }
            let pr = &app.portfolio.projects[project];
            let old = &pr.follow_ups[i];
            let done = if old.done.is_some() {
                None
            } else {
                Some(app.meeting_date)
            };
            let e = Edit::FollowUpSet {
                project: pr.id.clone(),
                index: i,
                text: old.text.clone(),
                follow_up: FollowUp {
                    done,
                    ..old.clone()
                },
            };
            edit(app, e);
            // The list re-sorts (done ones go last): stay on the same follow-up.
            let row = ordered(&app.portfolio.projects[project], app.meeting_date)
                .iter()
                .position(|&j| j == i)
                .unwrap_or(cursor);
            keep(app, row);
        }
        Action::Enter => match at(app, project, cursor) {
            Some(i) => super::form::open_follow_up(app, Some(i)),
            None => super::form::open_follow_up(app, None),
        },
        Action::AddFollowUp => super::form::open_follow_up(app, None),
        Action::RemoveHere => match at(app, project, cursor) {
            Some(i) => super::remove::follow_up(app, project, i),
            None => keep(app, cursor),
        },
        Action::Back => app.overlay = None,
        Action::Quit | Action::ForceQuit => {
            app.overlay = None;
            super::update::update(app, action);
        }
        _ => keep(app, cursor),
    }
}
