//! Pane 5's budget what-if (`w`, and the palette's "what-if"): the user types a budget
//! (`12m`, `12 000 000`, `-20%`), and the pane shows, live, the projects in the filter that
//! fit it with the highest total weighted score, those cut, the money and score kept,
//! and the goals that would lose their last measure (marked in the goal tree too). The
//! choice is exact (see [`crate::model::whatif`]). Nothing in the file changes; `Enter`
//! on a project opens the decision picker for it, so the group can record Pause or Stop.
//!
//! `Tab` moves between the budget field and the list; in the list `Space` cycles a
//! project's pin (in, out, free); `b` costs by own share instead of planned; `Esc`
//! closes the what-if.

use std::cell::{Ref, RefCell};
use std::collections::HashMap;

use crate::app::{Action, App, Pane, PickerKind, TextField};
use crate::model::amount::{AmountError, parse_budget};
use crate::model::whatif::{Choice, Item, Pin, current_total, items, what_if};

/// The what-if while it is open.
#[derive(Debug, Default)]
pub struct WhatIf {
    pub field: TextField,
    /// The list has the keys (else the budget field).
    pub in_list: bool,
    pub pins: HashMap<usize, Pin>,
    /// The list's cursor (see [`Answer::rows`]).
    pub cursor: usize,
    answer: RefCell<Option<Answer>>,
}

/// The what-if's answer for the field as it is.
#[derive(Debug)]
pub struct Answer {
    /// What the scenario costs today (the share of a `-20%` is of this).
    pub total: i64,
    /// The budget, or why the field does not say one (nothing typed: `None`).
    pub budget: Option<Result<i64, AmountError>>,
    pub choice: Option<Choice>,
    pub items: Vec<Item>,
}

impl Answer {
    /// The list's rows: kept, cut, unvalued, closed (the first three choosable).
    pub fn rows(&self) -> Vec<(usize, Row)> {
        let Some(c) = &self.choice else {
            return self
                .items
                .iter()
                .map(|it| (it.project, Row::Kept))
                .collect();
        };
        let tag = |v: &[usize], r: Row| v.iter().map(move |&p| (p, r)).collect::<Vec<_>>();
        let mut out = tag(&c.kept, Row::Kept);
        out.extend(tag(&c.cut, Row::Cut));
        out.extend(tag(&c.unvalued, Row::Unvalued));
        out.extend(tag(&c.closed, Row::Closed));
        out
    }
}

/// Where a project is in the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Kept,
    Cut,
    Unvalued,
    Closed,
}

impl WhatIf {
    /// The answer for the field, the pins and the projects in the filter, computed now if
    /// any of them changed.
    pub fn answer(&self, app: &App) -> Ref<'_, Answer> {
        if self.answer.borrow().is_none() {
            let items = items(
                &app.portfolio,
                Some(&app.figures),
                &app.visible,
                app.balance.measure,
            );
            let total = current_total(&items, &self.pins);
            let text = self.field.text.trim();
            let budget = (!text.is_empty()).then(|| parse_budget(text).map(|b| b.resolve(total)));
            let choice = match &budget {
                Some(Ok(b)) => Some(what_if(&items, *b, &self.pins)),
                _ => None,
            };
            *self.answer.borrow_mut() = Some(Answer {
                total,
                budget,
                choice,
                items,
            });
        }
        Ref::map(self.answer.borrow(), |a| {
            a.as_ref().expect("computed above")
        })
    }

    pub fn invalidate(&mut self) {
        *self.answer.get_mut() = None;
    }

    /// The goals (tree indices) that would lose their last measure.
    pub fn lost_goals(&self, app: &App) -> Vec<usize> {
        self.answer(app)
            .choice
            .as_ref()
            .map(|c| c.lost_goals.clone())
            .unwrap_or_default()
    }
}

/// `w`: open the what-if in pane 5 (or go back to it).
pub fn open(app: &mut App) {
    app.pane = Pane::Balance;
    app.detail = false;
    app.zoom = false;
    let w = app.balance.whatif.get_or_insert_with(WhatIf::default);
    w.in_list = false;
}

/// What the what-if does with an action while it is open and pane 5 has the focus. True
/// when the action is done with.
pub fn intercept(app: &mut App, action: Action) -> bool {
    let Some(w) = app.balance.whatif.as_mut() else {
        return false;
    };
    match action {
        Action::NextPane | Action::PrevPane => {
            w.in_list = !w.in_list;
            true
        }
        Action::Back | Action::TextCancel => {
            app.balance.whatif = None;
            app.message = Some(
                app.lang
                    .pick(
                        "Hva om-et lukket: ingenting er endret",
                        "What-if closed: nothing was changed",
                    )
                    .to_string(),
            );
            true
        }
        Action::TextAccept if !w.in_list => {
            w.in_list = true;
            true
        }
        a if !w.in_list => {
            if crate::app::update::edit_text(&mut w.field, a) {
                w.invalidate();
                w.cursor = 0;
                return true;
            }
            // The field has the keys; Ctrl-C still quits.
            !matches!(a, Action::ForceQuit | Action::Noop | Action::Resize(..))
        }
        Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown => {
            let n = app
                .balance
                .whatif
                .as_ref()
                .map_or(0, |w| w.answer(app).rows().len());
            let page = app.page;
            if let Some(w) = app.balance.whatif.as_mut() {
                w.cursor = super::step(w.cursor, n, action, page);
            }
            true
        }
        Action::Pane(crate::app::PaneAction::Balance(super::balance::Act::Pin)) => {
            pin(app);
            true
        }
        Action::Enter => {
            decide(app);
            true
        }
        _ => false,
    }
}

/// The project under the list's cursor, and where it is.
fn under_cursor(app: &App) -> Option<(usize, Row)> {
    let w = app.balance.whatif.as_ref()?;
    w.answer(app).rows().get(w.cursor).copied()
}

/// `Space`: the next pin (free → in → out); closed projects stay out.
fn pin(app: &mut App) {
    let Some((pi, row)) = under_cursor(app) else {
        return;
    };
    if row == Row::Closed {
        app.message = Some(
            app.lang
                .pick(
                    "Fullførte og stoppede prosjekter er utenfor",
                    "Completed and stopped projects are out",
                )
                .to_string(),
        );
        return;
    }
    let Some(w) = app.balance.whatif.as_mut() else {
        return;
    };
    let next = w.pins.get(&pi).copied().unwrap_or_default().next();
    if next == Pin::Free {
        w.pins.remove(&pi);
    } else {
        w.pins.insert(pi, next);
    }
    w.invalidate();
    // The cursor stays on the project as it moves between kept and cut.
    let rows = app
        .balance
        .whatif
        .as_ref()
        .map(|w| w.answer(app).rows())
        .unwrap_or_default();
    if let (Some(pos), Some(w)) = (
        rows.iter().position(|&(p, _)| p == pi),
        app.balance.whatif.as_mut(),
    ) {
        w.cursor = pos;
    }
}

/// `Enter` on a project: the decision picker for it (Pause or Stop, if the group so
/// decides), the what-if left as it is.
fn decide(app: &mut App) {
    let Some((pi, _)) = under_cursor(app) else {
        return;
    };
    if app.select_project(pi) {
        crate::app::picker::open_picker(app, PickerKind::Decision);
    }
}
