//! The balance matrix (seed 000's "virkemiddelmatrise", seed 001's instruments by
//! department): the projects counted by two dimensions at once, with their money.
//!
//! Computed once per change of the filter, the dimensions or the measure
//! ([`balance`]); drawing it is then a look-up.
//!
//! **One-valued and many-valued dimensions.** Unit, instrument, level, status and health
//! give each project one value (or none), so a project is in exactly one row (or
//! column) and the cells of a row add up to its total. A top-level goal and a funding
//! source can be several per project: a project serving two top-level goals, or funded
//! by Interreg and by Erasmus+, is counted in **every** cell it belongs to, so those
//! cells add up to more than the total. The totals never double count: every row total,
//! column total and the grand total counts **distinct projects, and each project's money
//! once** ([`Matrix::total`] is always the projects given, once each).
//!
//! **Every value the dimension knows is a row**, used or not: every [`Level`],
//! [`Status`] and [`Health`], every unit, instrument and funding source named anywhere in
//! the file (not only in the projects given), every top-level goal. A project with no
//! value (no unit, no level, not reported, no goal in the tree, no external funding) is
//! counted under "(none)", the last row, which is there only when some project is.

use std::collections::HashMap;

use super::collate;
use super::figures::{BudgetFigures, Figures, budget_figures};
use super::msg::{Msg, msg};
use super::tree::GoalTree;
use super::types::{FundingStatus, Health, Level, Portfolio, Project, Status};
use crate::text::Lang;

/// What the rows or the columns of the matrix count by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Dimension {
    /// The responsible unit ("Ansvar").
    #[default]
    Unit,
    Instrument,
    Level,
    /// The top level of the goal tree; named by the file's first `levels` name.
    Goal,
    /// The external funding programme: sources the project has money granted or applied
    /// for from (a rejected application does not fund it).
    Source,
    Status,
    Health,
}

impl Dimension {
    /// In the order `r` and `c` cycle through them.
    pub const ALL: [Dimension; 7] = [
        Dimension::Unit,
        Dimension::Instrument,
        Dimension::Level,
        Dimension::Goal,
        Dimension::Source,
        Dimension::Status,
        Dimension::Health,
    ];

    /// The next one in [`Dimension::ALL`], after the last the first.
    pub fn next(self) -> Dimension {
        let i = Self::ALL.iter().position(|&d| d == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// The one before in [`Dimension::ALL`].
    pub fn prev(self) -> Dimension {
        let i = Self::ALL.iter().position(|&d| d == self).unwrap_or(0);
        Self::ALL[(i + Self::ALL.len() - 1) % Self::ALL.len()]
    }

    /// Can a project have several values (and so be counted in several cells)?
    pub fn is_many_valued(self) -> bool {
        matches!(self, Dimension::Goal | Dimension::Source)
    }

    /// The dimension's name. For [`Dimension::Goal`] the file's first level name
    /// ("Satsingsområde"), as written in the file (clean it before showing it).
    pub fn name(self, p: &Portfolio) -> Msg {
        match self {
            Dimension::Unit => msg!("Unit", "Ansvar"),
            Dimension::Instrument => msg!("Instrument", "Virkemiddel"),
            Dimension::Level => msg!("Level", "Nivå"),
            Dimension::Goal => match p.levels.first().filter(|s| !s.trim().is_empty()) {
                Some(name) => Msg::same(name.clone()),
                None => msg!("Top-level goal", "Øverste mål"),
            },
            Dimension::Source => msg!("Funding source", "Finansieringskilde"),
            Dimension::Status => msg!("Status", "Status"),
            Dimension::Health => msg!("Health", "Helse"),
        }
    }

    /// What "(none)" means on this dimension.
    pub fn none_label(self) -> Msg {
        match self {
            Dimension::Unit => msg!("(no unit)", "(uten ansvar)"),
            Dimension::Instrument => msg!("(no instrument)", "(uten virkemiddel)"),
            Dimension::Level => msg!("(no level)", "(uten nivå)"),
            Dimension::Goal => msg!("(no goal)", "(uten mål)"),
            Dimension::Source => msg!("(no external funding)", "(uten ekstern finansiering)"),
            // Every project has a status; health not given is "not reported".
            Dimension::Status => msg!("(none)", "(ingen)"),
            Dimension::Health => Msg::each(|l| l.health(None).to_string()),
        }
    }
}

/// What money a cell sums: the planned budget, or the organisation's own share of it
/// (planned − granted). A project without a budget counts 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Measure {
    #[default]
    Planned,
    OwnShare,
}

impl Measure {
    pub fn toggle(self) -> Measure {
        match self {
            Measure::Planned => Measure::OwnShare,
            Measure::OwnShare => Measure::Planned,
        }
    }

    pub fn name(self) -> Msg {
        match self {
            Measure::Planned => msg!("planned", "planlagt"),
            Measure::OwnShare => msg!("own share", "egenandel"),
        }
    }

    /// The amount of one project's budget figures.
    pub fn of(self, b: &BudgetFigures) -> i64 {
        match self {
            Measure::Planned => b.planned,
            Measure::OwnShare => b.own_share,
        }
    }

    /// Project `pi`'s amount: from `fig` when given, else from its budget.
    pub fn of_project(self, p: &Portfolio, fig: Option<&Figures>, pi: usize) -> i64 {
        let from_fig = fig.and_then(|f| f.projects.get(pi)).and_then(|f| f.budget);
        match from_fig {
            Some(b) => self.of(&b),
            None => p
                .projects
                .get(pi)
                .and_then(|pr| pr.budget.as_ref())
                .map_or(0, |b| self.of(&budget_figures(b))),
        }
    }
}

/// One row or column: a value of the dimension.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    /// A unit, an instrument or a funding source, as written in the file (trimmed).
    Text(String),
    Level(Level),
    /// A top-level goal: its index in the [`GoalTree`], its id and title from the file.
    Goal {
        index: usize,
        id: String,
        title: String,
    },
    Status(Status),
    Health(Health),
    /// The project has no value on this dimension.
    None,
}

impl Key {
    /// The row's or column's label. Text from the file is as written: clean it before
    /// showing it.
    pub fn label(&self, dim: Dimension, lang: Lang) -> String {
        match self {
            Key::Text(s) => s.clone(),
            Key::Level(l) => lang.level(*l).to_string(),
            Key::Goal { title, .. } => title.clone(),
            Key::Status(s) => lang.status(*s).to_string(),
            Key::Health(h) => lang.health(Some(*h)).to_string(),
            Key::None => dim.none_label().get(lang).to_string(),
        }
    }
}

/// The projects of a cell or a total, with their number and money.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    /// How many projects (the length of `projects`).
    pub count: usize,
    /// Their money in the matrix's [`Measure`], each project once.
    pub amount: i64,
    /// Indices into `portfolio.projects`, in the order they were given.
    pub projects: Vec<usize>,
}

impl Cell {
    fn add(&mut self, pi: usize, amount: i64) {
        self.count += 1;
        self.amount = self.amount.saturating_add(amount);
        self.projects.push(pi);
    }
}

/// The projects by two dimensions (see the module for how they are counted).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Matrix {
    pub rows: Dimension,
    pub cols: Dimension,
    pub measure: Measure,
    pub row_keys: Vec<Key>,
    pub col_keys: Vec<Key>,
    /// Row by row, `row_keys.len() × col_keys.len()`.
    cells: Vec<Cell>,
    /// Distinct projects of each row, each one's money once.
    pub row_totals: Vec<Cell>,
    /// Distinct projects of each column, each one's money once.
    pub col_totals: Vec<Cell>,
    /// Every project given, once.
    pub total: Cell,
}

impl Matrix {
    /// The cell at row `r`, column `c`; an empty one outside the matrix.
    pub fn cell(&self, r: usize, c: usize) -> &Cell {
        static EMPTY: Cell = Cell {
            count: 0,
            amount: 0,
            projects: Vec::new(),
        };
        if c >= self.col_keys.len() {
            return &EMPTY;
        }
        self.cells
            .get(r * self.col_keys.len() + c)
            .unwrap_or(&EMPTY)
    }

    /// A cell's (or a total's) share of the grand total, 0–1, for shading: by money, or
    /// by the number of projects when the total money is 0. A many-valued dimension's
    /// shares add up to more than 1.
    pub fn share(&self, cell: &Cell) -> f64 {
        if self.total.amount > 0 {
            (cell.amount.max(0) as f64 / self.total.amount as f64).min(1.0)
        } else if self.total.count > 0 {
            cell.count as f64 / self.total.count as f64
        } else {
            0.0
        }
    }
}

/// One dimension's keys and each project's place among them.
struct Axis {
    keys: Vec<Key>,
    /// Per project given (in order): the key indices it belongs to, `keys.len()` for
    /// "(none)" before that key is added.
    of: Vec<Vec<usize>>,
}

/// A project's trimmed text value, `None` when empty.
fn text(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The funding sources a project counts on (granted or applied), trimmed, each once.
fn sources(pr: &Project) -> Vec<&str> {
    let mut v: Vec<&str> = pr
        .budget
        .iter()
        .flat_map(|b| &b.funding)
        .filter(|f| f.status != FundingStatus::Rejected)
        .map(|f| f.source.trim())
        .filter(|s| !s.is_empty())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn axis(p: &Portfolio, tree: Option<&GoalTree>, dim: Dimension, given: &[usize]) -> Axis {
    let mut keys: Vec<Key> = match dim {
        Dimension::Level => Level::ALL.iter().map(|&l| Key::Level(l)).collect(),
        Dimension::Status => Status::ALL.iter().map(|&s| Key::Status(s)).collect(),
        Dimension::Health => Health::ALL.iter().map(|&h| Key::Health(h)).collect(),
        Dimension::Goal => tree.map_or_else(Vec::new, |t| {
            (0..t.len())
                .filter(|&i| t.nodes[i].parent.is_none())
                .map(|i| Key::Goal {
                    index: i,
                    id: t.goals[i].id.clone(),
                    title: t.goals[i].title.clone(),
                })
                .collect()
        }),
        Dimension::Unit | Dimension::Instrument | Dimension::Source => {
            // The distinct names first, then their order: few names, many projects.
            let mut seen: std::collections::HashSet<&str> = Default::default();
            for pr in &p.projects {
                match dim {
                    Dimension::Unit => seen.extend(text(&pr.unit)),
                    Dimension::Instrument => seen.extend(text(&pr.instrument)),
                    _ => seen.extend(
                        pr.budget
                            .iter()
                            .flat_map(|b| &b.funding)
                            .map(|f| f.source.trim())
                            .filter(|s| !s.is_empty()),
                    ),
                }
            }
            let mut names: Vec<&str> = seen.into_iter().collect();
            collate::sort(&mut names);
            names
                .into_iter()
                .map(|s| Key::Text(s.to_string()))
                .collect()
        }
    };
    let none = keys.len();
    let by_text: HashMap<&str, usize> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| match k {
            Key::Text(s) => Some((s.as_str(), i)),
            _ => None,
        })
        .collect();
    // Tree index of a top-level goal → its key.
    let mut top_key: HashMap<usize, usize> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Key::Goal { index, .. } = k {
            top_key.insert(*index, i);
        }
    }
    let of_text = |s: Option<&str>| vec![s.and_then(|s| by_text.get(s).copied()).unwrap_or(none)];
    let mut used_none = false;
    let of: Vec<Vec<usize>> = given
        .iter()
        .map(|&pi| {
            let pr = &p.projects[pi];
            let mut v = match dim {
                Dimension::Unit => of_text(text(&pr.unit)),
                Dimension::Instrument => of_text(text(&pr.instrument)),
                Dimension::Level => vec![pr.level.map_or(none, |l| l as usize)],
                Dimension::Status => vec![pr.status as usize],
                Dimension::Health => vec![pr.health.map_or(none, |h| h as usize)],
                Dimension::Source => sources(pr)
                    .into_iter()
                    .filter_map(|s| by_text.get(s).copied())
                    .collect(),
                Dimension::Goal => {
                    let mut v: Vec<usize> = tree.map_or_else(Vec::new, |t| {
                        pr.goals
                            .iter()
                            .filter_map(|g| t.index_of(g))
                            .filter_map(|gi| t.ancestors_and_self(gi).last())
                            .filter_map(|top| top_key.get(&top).copied())
                            .collect()
                    });
                    v.sort_unstable();
                    v.dedup();
                    v
                }
            };
            if v.is_empty() {
                v.push(none);
            }
            used_none |= v.contains(&none);
            v
        })
        .collect();
    if used_none {
        keys.push(Key::None);
    }
    Axis { keys, of }
}

/// The projects `projects` (indices into `p.projects`; out-of-range and repeated ones are
/// skipped) by `rows` × `cols`, summing `measure`. `fig`, when given, supplies the budget
/// figures (else they are computed from each budget). See the module for how
/// many-valued dimensions and the totals count.
pub fn balance(
    p: &Portfolio,
    fig: Option<&Figures>,
    projects: &[usize],
    rows: Dimension,
    cols: Dimension,
    measure: Measure,
) -> Matrix {
    let mut seen = vec![false; p.projects.len()];
    let given: Vec<usize> = projects
        .iter()
        .copied()
        .filter(|&pi| pi < seen.len() && !std::mem::replace(&mut seen[pi], true))
        .collect();
    let tree = (rows == Dimension::Goal || cols == Dimension::Goal).then(|| GoalTree::new(p));
    let r = axis(p, tree.as_ref(), rows, &given);
    let c = axis(p, tree.as_ref(), cols, &given);
    let (nr, nc) = (r.keys.len(), c.keys.len());
    let mut m = Matrix {
        rows,
        cols,
        measure,
        cells: vec![Cell::default(); nr * nc],
        row_totals: vec![Cell::default(); nr],
        col_totals: vec![Cell::default(); nc],
        total: Cell::default(),
        row_keys: r.keys,
        col_keys: c.keys,
    };
    for (k, &pi) in given.iter().enumerate() {
        let amount = measure.of_project(p, fig, pi);
        m.total.add(pi, amount);
        for &ri in &r.of[k] {
            m.row_totals[ri].add(pi, amount);
            for &ci in &c.of[k] {
                m.cells[ri * nc + ci].add(pi, amount);
            }
        }
        for &ci in &c.of[k] {
            m.col_totals[ci].add(pi, amount);
        }
    }
    m
}

#[cfg(test)]
mod tests;
