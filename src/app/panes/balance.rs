//! Pane 5, the balance (seed 000's "virkemiddelmatrise"): the projects in the current
//! filter by two dimensions (`r` rows, `c` columns, `x` swaps them), counted with their
//! planned budget or own share (`b`), and below it the external funding by programme.
//! `Enter` on a cell, a row's total or a programme filters the other panes to its
//! projects; `Esc` clears the filter. The budget what-if (`w`) is in [`super::whatif`].
//! Drawn by [`crate::ui::balance`].
//!
//! The matrix and the funding table are computed when the pane is drawn after the
//! projects or the filter changed (see [`State::computed`]), not on every refilter.

use std::cell::{Cell, Ref, RefCell};

use ratatui::Frame;
use ratatui::layout::Rect;

use super::whatif::{self, WhatIf};
use super::{Pane, PaneAction, PaneKind, step};
use crate::app::keymap::{Binding, Ctx, ch, key};
use crate::app::{Action, App, ProjectSet};
use crate::model::balance::{Dimension, Matrix, Measure, balance};
use crate::model::funding::{FundingTable, funding};
use crate::text::Lang;
use crate::ui::Theme;

pub struct Balance;

const CTX: Ctx = Ctx::Pane(Pane::Balance);

/// The balance pane's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// `r`: the rows by the next dimension (not the columns').
    NextRows,
    /// `c`: the columns by the next dimension (not the rows').
    NextCols,
    /// `x`: rows and columns change places.
    Swap,
    /// `b`: planned budget or own share.
    ToggleMeasure,
    /// `w`: the budget what-if (see [`super::whatif`]).
    WhatIf,
    /// `Space` in the what-if's list: the next pin.
    Pin,
}

use Action as A;
use crossterm::event::KeyCode as K;

const fn act(a: Act) -> Action {
    Action::Pane(PaneAction::Balance(a))
}

#[rustfmt::skip]
static KEYS: &[Binding] = &[
    crate::b!(CTX, [ch('r')], "r", act(Act::NextRows), "rader: neste dimensjon", "rows: next dimension", true),
    crate::b!(CTX, [ch('c')], "c", act(Act::NextCols), "kolonner: neste", "columns: next", true),
    crate::b!(CTX, [ch('x')], "x", act(Act::Swap), "bytt rader og kolonner", "swap rows and columns", false),
    crate::b!(CTX, [ch('b')], "b", act(Act::ToggleMeasure), "planlagt / egenandel", "planned / own share", true),
    crate::b!(CTX, [ch('h'), key(K::Left)], "h/←", A::Left, "kolonne til venstre", "column to the left", false),
    crate::b!(CTX, [ch('l'), key(K::Right)], "l/→", A::Right, "kolonne til høyre", "column to the right", false),
    crate::b!(CTX, [key(K::Enter)], "Enter", A::Enter, "filtrer på cellen", "filter to the cell", true),
    crate::b!(CTX, [ch(' ')], "Space", act(Act::Pin), "hva om: fest prosjektet inn / ut / fritt", "what-if: pin the project in / out / free", false),
    crate::b!(Ctx::Global, [ch('5')], "5", A::Focus(Pane::Balance), "gå til Balanse", "go to Balance", false),
    crate::b!(Ctx::Global, [ch('w')], "w", act(Act::WhatIf), "budsjett: hva om … (det eksakt beste valget, og hva kuttet koster i mål)", "budget what-if (the exact best choice, and what the cut costs in goals)", false),
];

/// The pane's state: the dimensions, the measure and the cursor, and what was computed
/// from them.
#[derive(Debug)]
pub struct State {
    pub rows: Dimension,
    pub cols: Dimension,
    pub measure: Measure,
    /// The cursor's line: a matrix row (`0..rows`), its total row (`rows`), then a
    /// programme of the funding table.
    pub line: usize,
    /// The cursor's column in the matrix; the last (`cols`) is the row's total.
    pub col: usize,
    /// The first line and the first matrix column drawn (drawing state only).
    pub scroll: Cell<usize>,
    pub col_scroll: Cell<usize>,
    /// The budget what-if, while it is open.
    pub whatif: Option<WhatIf>,
    computed: RefCell<Option<Computed>>,
}

impl Default for State {
    fn default() -> Self {
        // Seed 001: the instruments by department.
        State {
            rows: Dimension::Unit,
            cols: Dimension::Instrument,
            measure: Measure::Planned,
            line: 0,
            col: 0,
            scroll: Cell::new(0),
            col_scroll: Cell::new(0),
            whatif: None,
            computed: RefCell::new(None),
        }
    }
}

/// The matrix and the funding table of the projects in the filter.
#[derive(Debug)]
pub struct Computed {
    pub matrix: Matrix,
    pub funding: FundingTable,
}

/// What the cursor is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// A cell (`c` < columns) or a row's total (`c` = columns).
    Cell(usize, usize),
    /// The column totals' row, at column `c` (the grand total at `c` = columns).
    Total(usize),
    Programme(usize),
    Nothing,
}

impl State {
    /// The matrix and funding table, computed now if the projects or the filter changed.
    pub fn computed(&self, app: &App) -> Ref<'_, Computed> {
        if self.computed.borrow().is_none() {
            let p = &app.portfolio;
            let fig = Some(&app.figures);
            let matrix = balance(p, fig, &app.visible, self.rows, self.cols, self.measure);
            let funding = funding(p, fig, &app.visible);
            *self.computed.borrow_mut() = Some(Computed { matrix, funding });
        }
        Ref::map(self.computed.borrow(), |c| {
            c.as_ref().expect("computed above")
        })
    }

    /// Forget what was computed (the projects, the filter or the dimensions changed).
    pub fn invalidate(&mut self) {
        *self.computed.get_mut() = None;
        if let Some(w) = &mut self.whatif {
            w.invalidate();
        }
    }

    /// What the cursor is on, the cursor kept inside the tables.
    pub fn at(&self, app: &App) -> At {
        let c = self.computed(app);
        let (nr, nc) = (c.matrix.row_keys.len(), c.matrix.col_keys.len());
        let col = self.col.min(nc);
        if self.line < nr {
            At::Cell(self.line, col)
        } else if self.line == nr {
            At::Total(col)
        } else if self.line - nr - 1 < c.funding.programmes.len() {
            At::Programme(self.line - nr - 1)
        } else {
            At::Nothing
        }
    }

    /// The lines the cursor moves over: the matrix's rows, its total, the programmes.
    fn lines(&self, app: &App) -> (usize, usize) {
        let c = self.computed(app);
        (
            c.matrix.row_keys.len() + 1 + c.funding.programmes.len(),
            c.matrix.col_keys.len() + 1,
        )
    }
}

/// The next dimension after `d` that is not `other`.
fn next_besides(d: Dimension, other: Dimension) -> Dimension {
    let n = d.next();
    if n == other { n.next() } else { n }
}

impl PaneKind for Balance {
    fn title(&self, l: Lang) -> &'static str {
        l.pick("Balanse", "Balance")
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn contexts(&self, _app: &App) -> Vec<Ctx> {
        vec![CTX]
    }

    fn in_grid(&self) -> bool {
        false
    }

    fn refresh(&self, app: &mut App) {
        app.balance.invalidate();
    }

    fn movement(&self, app: &mut App, action: Action) {
        let (n, _) = app.balance.lines(app);
        app.balance.line = step(app.balance.line, n, action, app.page);
    }

    fn sideways(&self, app: &mut App, right: bool) {
        let (_, cols) = app.balance.lines(app);
        let b = &mut app.balance;
        b.col = if right {
            (b.col + 1).min(cols - 1)
        } else {
            b.col.min(cols - 1).saturating_sub(1)
        };
    }

    fn enter(&self, app: &mut App) {
        let l = app.lang;
        let chosen = {
            let at = app.balance.at(app);
            let c = app.balance.computed(app);
            let m = &c.matrix;
            let row = |r: usize| m.row_keys[r].label(m.rows, l);
            let col = |k: usize| m.col_keys[k].label(m.cols, l);
            let nc = m.col_keys.len();
            match at {
                At::Cell(r, k) if k < nc => Some((
                    format!("{} × {}", row(r), col(k)),
                    m.cell(r, k).projects.clone(),
                )),
                At::Cell(r, _) => Some((row(r), m.row_totals[r].projects.clone())),
                At::Total(k) if k < nc => Some((col(k), m.col_totals[k].projects.clone())),
                At::Programme(i) => c
                    .funding
                    .programmes
                    .get(i)
                    .map(|pr| (pr.source.clone(), pr.projects.clone())),
                At::Total(_) | At::Nothing => None,
            }
        };
        let Some((label, projects)) = chosen else {
            return;
        };
        if projects.is_empty() {
            app.message = Some(
                l.pick("Ingen prosjekter her", "No projects here")
                    .to_string(),
            );
            return;
        }
        app.filters.set = Some(ProjectSet::new(label, projects));
        app.project_cursor = 0;
        app.refilter();
        // The other panes show the cell's projects: the list first.
        app.pane = Pane::Projects;
        app.detail = false;
        app.message = Some(format!(
            "{} · {} · {}",
            l.count(app.visible.len() as i64, crate::text::Noun::PROJECT),
            l.pick("5: tilbake til balansen", "5: back to the balance"),
            l.pick("Esc: alle", "Esc: all")
        ));
    }

    fn takes_text(&self, app: &App) -> bool {
        app.balance.whatif.as_ref().is_some_and(|w| !w.in_list)
    }

    fn intercept(&self, app: &mut App, action: Action) -> bool {
        whatif::intercept(app, action)
    }

    fn act(&self, app: &mut App, action: PaneAction) {
        let PaneAction::Balance(a) = action;
        let b = &mut app.balance;
        match a {
            Act::WhatIf => return whatif::open(app),
            // Outside the what-if's list, Space has nothing to pin.
            Act::Pin => return,
            Act::NextRows => b.rows = next_besides(b.rows, b.cols),
            Act::NextCols => b.cols = next_besides(b.cols, b.rows),
            Act::Swap => std::mem::swap(&mut b.rows, &mut b.cols),
            Act::ToggleMeasure => b.measure = b.measure.toggle(),
        }
        if matches!(a, Act::NextRows | Act::NextCols | Act::Swap) {
            b.line = 0;
            b.col = 0;
        }
        b.invalidate();
        let l = app.lang;
        let p = &app.portfolio;
        app.message = Some(format!(
            "{} × {} · {}",
            crate::ui::clean(app.balance.rows.name(p).get(l)),
            crate::ui::clean(app.balance.cols.name(p).get(l)),
            app.balance.measure.name().get(l)
        ));
    }

    fn draw(&self, f: &mut Frame, area: Rect, app: &App, t: &Theme, focused: bool) {
        if app.balance.whatif.is_some() {
            crate::ui::whatif::draw(f, area, app, t, focused)
        } else {
            crate::ui::balance::draw(f, area, app, t, focused)
        }
    }
}
