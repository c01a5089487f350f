//! The interactive program's state. Keys become [`Action`]s (see [`keymap`]), and
//! [`update::update`] is the one place that changes an [`App`]. Drawing (`crate::ui`)
//! only reads it.

pub mod action;
mod cursor;
pub mod describe;
pub mod detail;
mod edited;
pub mod editor;
pub mod fold;
pub mod followups;
pub mod form;
pub mod forms;
pub mod fuzzy;
pub mod here;
pub mod hits;
mod jump;
mod keep;
pub mod keymap;
pub mod mouse;
pub mod origin;
pub mod output;
mod overlays;
pub mod palette;
pub mod panes;
mod partial;
pub mod picker;
pub mod remove;
pub mod room;
pub mod scoring;
pub mod since;
pub mod suggest;
pub mod update;
pub mod view;
pub mod wrap;

use std::cell::Cell;
use std::collections::HashMap;

pub use action::Action;
pub use panes::{Pane, PaneAction};

use crate::model::edit::History;
use crate::model::figures::{Figures, Ranking, compute_with};
use crate::model::tree::GoalTree;
use crate::model::{Date, Health, Portfolio, RiskStatus, Status};
pub use crate::store::JournalEntry;
use crate::text::Lang;

/// The project list's columns, each sortable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    Id,
    Name,
    Unit,
    Status,
    Health,
    Planned,
    Spent,
    Score,
    Risk,
    End,
}

impl SortKey {
    pub const ALL: [SortKey; 10] = [
        SortKey::Id,
        SortKey::Name,
        SortKey::Unit,
        SortKey::Status,
        SortKey::Health,
        SortKey::Planned,
        SortKey::Spent,
        SortKey::Score,
        SortKey::Risk,
        SortKey::End,
    ];

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            SortKey::Id => "Id",
            SortKey::Name => l.pick("Navn", "Name"),
            SortKey::Unit => l.pick("Enhet", "Unit"),
            SortKey::Status => "Status",
            SortKey::Health => l.pick("Helse", "Health"),
            SortKey::Planned => l.pick("Planlagt", "Planned"),
            SortKey::Spent => l.pick("Brukt", "Spent"),
            SortKey::Score => "Score",
            SortKey::Risk => l.pick("Risiko", "Risk"),
            SortKey::End => l.pick("Slutt", "End"),
        }
    }
}

/// What the project list can be filtered by (besides the goal and the search).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilterKind {
    Status,
    Health,
    Unit,
    Instrument,
    Tag,
    FollowUps,
}

/// The follow-up filter: projects with overdue ones, or with any open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FollowUpFilter {
    Overdue,
    Open,
}

impl FollowUpFilter {
    pub const ALL: [FollowUpFilter; 2] = [FollowUpFilter::Overdue, FollowUpFilter::Open];

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            FollowUpFilter::Overdue => {
                l.pick("har forfalte oppfølgingspunkter", "has overdue follow-ups")
            }
            FollowUpFilter::Open => l.pick("har åpne oppfølgingspunkter", "has open follow-ups"),
        }
    }

    /// Whether project `pr` passes on the meeting's day `as_of`.
    pub fn passes(self, pr: &crate::model::Project, as_of: Date) -> bool {
        match self {
            FollowUpFilter::Overdue => crate::model::follow_up::overdue(pr, as_of) > 0,
            FollowUpFilter::Open => pr.follow_ups.iter().any(|f| f.done.is_none()),
        }
    }
}

impl FilterKind {
    pub const ALL: [FilterKind; 6] = [
        FilterKind::Status,
        FilterKind::Health,
        FilterKind::Unit,
        FilterKind::Instrument,
        FilterKind::Tag,
        FilterKind::FollowUps,
    ];

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            FilterKind::Status => "Status",
            FilterKind::Health => l.pick("Helse", "Health"),
            FilterKind::Unit => l.pick("Enhet", "Unit"),
            FilterKind::Instrument => l.pick("Virkemiddel", "Instrument"),
            FilterKind::Tag => l.pick("Stikkord", "Tag"),
            FilterKind::FollowUps => l.pick("Oppfølging", "Follow-ups"),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// A goal (tree index): projects serving it or a goal below it.
    pub goal: Option<usize>,
    pub status: Option<Status>,
    /// `Some(None)` filters to projects whose health is not reported.
    pub health: Option<Option<Health>>,
    pub unit: Option<String>,
    pub instrument: Option<String>,
    pub tag: Option<String>,
    pub follow_ups: Option<FollowUpFilter>,
    /// Only the projects that moved since the version `--since` compares with.
    pub moved: bool,
    /// The fuzzy search query (empty: no search).
    pub search: String,
    /// Projects chosen as a set: a cell, a row or a programme of the balance pane.
    pub set: Option<ProjectSet>,
}

/// A set of projects a filter keeps, and the words that name it ("Kultur × Kompetanse").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProjectSet {
    /// As built from the file's words: clean it before showing it.
    pub label: String,
    /// Indices into `portfolio.projects`, sorted.
    pub projects: Vec<usize>,
}

impl ProjectSet {
    pub fn new(label: String, mut projects: Vec<usize>) -> ProjectSet {
        projects.sort_unstable();
        projects.dedup();
        ProjectSet { label, projects }
    }

    pub fn contains(&self, pi: usize) -> bool {
        self.projects.binary_search(&pi).is_ok()
    }
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// A goal as the interactive view needs it (the goal tree does not change in a session).
#[derive(Debug, Clone)]
pub struct GoalInfo {
    pub id: String,
    pub title: String,
    pub sdgs: Vec<i64>,
    pub depth: usize,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

/// Which part of the risks pane has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskFocus {
    Matrix,
    Register,
}

/// A one-line text field (search, note, palette).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextField {
    pub text: String,
    /// Cursor position in characters.
    pub cursor: usize,
}

impl TextField {
    pub fn new(text: &str) -> Self {
        TextField {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }
}

/// What a picker chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    Decision,
    Health,
    Status,
    RiskStatus,
    RiskProbability,
    RiskConsequence,
    /// First step of the filter menu: which filter.
    FilterKind,
    /// Second step: a value of this filter.
    FilterValue(FilterKind),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Palette {
        field: TextField,
        cursor: usize,
    },
    Picker {
        kind: PickerKind,
        cursor: usize,
    },
    /// Editing a text: the meeting note or a risk's mitigation.
    Note {
        field: TextField,
        mitigation: bool,
    },
    /// A yes/no question (recovery, unsaved changes on quit, conflict).
    Question(Question),
    /// The file name to save under (after a conflict, or for the bundled example).
    SaveAs {
        field: TextField,
    },
    /// A follow-up action or the meeting record being written (see [`form`]).
    Form(form::Form),
    /// A project's follow-up list (index into the portfolio), row `cursor`.
    FollowUps {
        project: usize,
        cursor: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    QuitUnsaved,
    Recover,
    Conflict,
    /// Edits that no longer fit the file (after a recovery or a reload): shown until
    /// dismissed, kept beside the file meanwhile. See [`App::not_applied`].
    NotApplied,
    /// `e` with unsaved edits: save them first (the editor works on the file).
    SaveBeforeEdit,
    /// The file as the editor left it does not load: edit again, or keep the last good
    /// state on screen. See [`App::editor`].
    EditedFileBroken,
    /// Triage's `Space` on a project the meeting scored on `scored` of the `of`
    /// criteria: go on? See [`App::partial_asked`].
    PartlyScored {
        scored: usize,
        of: usize,
    },
    /// Remove what [`App::removing`] names? Asked once, and undoable.
    Remove,
    /// `+` in the goal tree: the new goal under the one at the cursor, or beside it?
    GoalPlace,
}

/// The interactive program's whole state.
pub struct App {
    pub portfolio: Portfolio,
    pub figures: Figures,
    pub goals: Vec<GoalInfo>,
    pub goal_by_id: HashMap<String, usize>,
    /// The file as shown in the status line.
    pub file_label: String,
    pub lang: Lang,
    pub meeting_date: Date,

    pub pane: Pane,
    pub zoom: bool,
    pub overlay: Option<Overlay>,
    /// The project detail view is open in the projects pane.
    pub detail: bool,
    /// Where the open view was opened from, for `Esc` to go back to (see [`origin`]).
    pub origin: Option<origin::Origin>,
    /// The detail's field cursor: which of its stops (see [`detail::stops`]).
    pub detail_field: usize,

    pub expanded: Vec<bool>,
    /// Visible goal rows (tree indices), in tree order.
    pub goal_rows: Vec<usize>,
    pub goal_cursor: usize,

    pub filters: Filters,
    /// The search field is being typed in.
    pub searching: Option<TextField>,
    pub sort: SortKey,
    pub sort_desc: bool,
    /// Projects shown (indices into `portfolio.projects`), filtered and sorted.
    pub visible: Vec<usize>,
    pub project_cursor: usize,

    pub risk_focus: RiskFocus,
    /// The matrix cursor: (probability, consequence), 1–5 each. It starts on the
    /// highest-scoring cell that holds an open risk (see [`risks`]).
    pub risk_cell: (i64, i64),
    /// Whether the register is narrowed to the selected cell.
    pub risk_cell_active: bool,
    /// Open risks per cell `[probability - 1][consequence - 1]`, over the visible projects.
    pub matrix: [[usize; 5]; 5],
    /// The register: (project, risk) pairs, highest score first.
    pub risk_rows: Vec<(usize, usize)>,
    /// How many of the register's risks are mitigated (the others are open).
    pub risk_rows_mitigated: usize,
    pub risk_cursor: usize,

    pub criterion_cursor: usize,
    /// Pane 5: the balance matrix's dimensions and cursor (see [`panes::balance`]).
    pub balance: panes::balance::State,
    /// Pane 4 is scoring (after `Enter`, until `Esc`): the digits score. See [`scoring`].
    pub scoring: bool,
    /// All projects with a latest weighted score, best first: complete ones ranked,
    /// partial ones apart.
    pub ranking: Ranking,

    /// A one-off message for the status line.
    pub message: Option<String>,
    /// Lines per page for PgUp/PgDn, set from the terminal's size.
    pub page: usize,
    /// The terminal's size (columns, rows), from the last resize.
    pub screen: (u16, u16),
    /// Clicks and the wheel act (`--mouse`, `:mouse`); off, the terminal selects text.
    pub mouse: bool,
    /// What the last frame drew where, for the mouse (drawing state only).
    pub hits: hits::HitMap,
    pub quit: bool,

    /// Scroll offsets remembered between frames (drawing state only).
    pub scroll: ScrollMemo,

    pub history: History,
    /// Edits, undos and redos since the last save.
    pub unsaved: usize,
    pub read_only: bool,
    pub triage: Option<Triage>,
    /// `--timebox`: the time each triage item is meant to take (shown, never enforced).
    pub timebox: Option<std::time::Duration>,
    /// Work for the event loop (I/O), in order. See [`Effect`].
    pub effects: Vec<Effect>,
    /// Orders and search results kept between refilters (see [`view::ViewCache`]).
    pub view_cache: view::ViewCache,
    /// What was found in a recovery journal, while the recovery question is open.
    pub recovery: Option<RecoveryInfo>,
    /// Quit once the save under way succeeds (`y` at the quit question).
    pub quit_after_save: bool,
    /// The name offered when saving under another name.
    pub save_as_default: String,
    /// Read-only because this user may not write the file: `s` saves a copy under
    /// another name instead.
    pub protected: bool,
    /// Edits that no longer fit the file, while they are shown (see
    /// [`Question::NotApplied`]).
    pub not_applied: Option<NotApplied>,
    /// `e`: the item waiting for the editor, and the errors it left (see [`editor`]).
    pub editor: editor::EditorState,
    /// Who records what this meeting makes (`--by`, else the meeting's secretary, else
    /// the login name): the `by` of evaluations, follow-ups and changes.
    pub by: Option<String>,
    /// The time of day edits are stamped with; `None`: the clock's (tests fix it).
    pub fixed_time: Option<crate::model::Time>,
    /// When the meeting began (styr was started) and `--length`: the meeting clock.
    pub meeting_started: std::time::Instant,
    pub meeting_length: Option<std::time::Duration>,
    /// `--since`: the version this meeting compares with, and what moved since.
    pub since: Option<since::SinceView>,
    /// The triage visit (its [`Triage::item_started`]) on which
    /// [`Question::PartlyScored`] was asked: it is asked once per visit.
    pub partial_asked: Option<std::time::Instant>,
    /// What [`Question::Remove`] asks about (see [`remove`]).
    pub removing: Option<remove::Removing>,
    /// Every edit recomputes everything, as a load does, instead of what the edited
    /// project touches (see [`App::edited`]): the reference the tests and benchmarks
    /// hold the partial update to. Off in use.
    pub recompute_all: bool,
    /// The meeting of many seats: chair or seat, who else is there, the scoring round.
    pub room: room::Room,
}

/// Edits a replay had to leave out (their project or risk is gone), and the file
/// beside the portfolio that keeps them until the user dismisses them.
#[derive(Debug, Clone, PartialEq)]
pub struct NotApplied {
    pub edits: Vec<crate::model::edit::Edit>,
    /// The keeping file's name (`.FILE.styr-journal.not-applied`), or why it could
    /// not be written.
    pub kept: Result<String, String>,
}

/// A journal left behind by a session that ended without saving, as the recovery
/// question shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryInfo {
    /// Entries (edits, undos, redos) in the journal.
    pub edits: usize,
    /// When that session started its journal (RFC 3339, local time), if readable.
    pub started: Option<String>,
    pub pid: Option<u32>,
    pub host: Option<String>,
    /// The file was changed since (someone saved it): the edits re-apply where they fit.
    pub file_changed: bool,
    /// Complete lines of the journal that could not be read (left out).
    pub unreadable: usize,
    /// The last line was cut off by the crash (an edit never confirmed on screen).
    pub torn_tail: bool,
    /// Where a copy of the damaged journal was kept, if it was damaged.
    pub damaged_copy: Option<String>,
}

/// Triage: an agenda of projects, one per screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Triage {
    pub agenda: Vec<usize>,
    pub pos: usize,
    /// When the current item was opened (for the timer against the timebox).
    pub item_started: std::time::Instant,
    /// When triage began: the pace so far, and the projected end.
    pub started: std::time::Instant,
    pub timebox: Option<std::time::Duration>,
}

/// What `update` asks the event loop to do: everything that touches the disk. A journal
/// entry is written and flushed before the screen shows the edit.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Journal(JournalEntry),
    Save,
    /// Reload the file from disk and re-apply this session's edits where they fit.
    Reload,
    /// Save under this name (after a conflict, or for the bundled example).
    SaveAs(String),
    Recover,
    DiscardJournal,
    /// The user has seen the edits that no longer fit: remove the file keeping them.
    DismissNotApplied,
    /// Hand the terminal to the user's editor at this item, then reload the file.
    Editor(editor::EditTarget),
    /// Write the minutes, the report or the export beside the file, as a new file.
    WriteOutput(output::Output),
    /// A seat's own score in the scoring round: appended to its seat file and synced,
    /// then shown (see [`room`]).
    Rate {
        project: String,
        date: Date,
        criterion: String,
        score: Option<i64>,
    },
    Quit,
}

/// First visible row of each scrolling list, kept by the drawing code so the view does not
/// jump. Not part of the model: a `Cell` so drawing can stay `&App`.
#[derive(Debug, Default)]
pub struct ScrollMemo {
    pub goals: Cell<usize>,
    pub projects: Cell<usize>,
    pub risks: Cell<usize>,
    pub ranking: Cell<usize>,
    /// The help overlay's largest useful scroll at the last frame (`None` before it was
    /// drawn), so scrolling past the end does not pile up lines `k` must undo.
    pub help_max: Cell<Option<usize>>,
    /// The project detail's largest useful scroll at the last frame, likewise.
    pub detail_max: Cell<Option<usize>>,
    /// The project detail's first line shown (it follows the field cursor).
    pub detail: Cell<usize>,
    /// The line each of the detail's stops starts on, at the last frame (the page
    /// keys go by it).
    pub detail_stops: std::cell::RefCell<Vec<usize>>,
    /// The first row of the note field shown, when the note is longer than its box.
    pub note: Cell<usize>,
}

impl ScrollMemo {
    /// The offset that keeps `cursor` visible in `height` rows, moving as little as possible.
    pub fn follow(memo: &Cell<usize>, cursor: usize, height: usize, len: usize) -> usize {
        let height = height.max(1);
        let mut off = memo.get();
        if cursor < off {
            off = cursor;
        } else if cursor >= off + height {
            off = cursor + 1 - height;
        }
        off = off.min(len.saturating_sub(height));
        memo.set(off);
        off
    }
}

/// `plan.ron` → `plan-2026-11-22.ron`: a name beside the file for saving under another
/// name, dated by the meeting.
pub fn suggest_save_as(label: &str, date: Date) -> String {
    let (stem, ext) = match label.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') && !stem.is_empty() => (stem, ext),
        _ => (label, "ron"),
    };
    format!("{stem}-{date}.{ext}")
}

/// The goal tree as the view needs it, an index by id, and the figures.
fn goal_view(portfolio: &Portfolio) -> (Vec<GoalInfo>, HashMap<String, usize>, Figures) {
    let tree = GoalTree::new(portfolio);
    let goals: Vec<GoalInfo> = tree
        .goals
        .iter()
        .zip(&tree.nodes)
        .map(|(g, n)| GoalInfo {
            id: g.id.clone(),
            title: g.title.clone(),
            sdgs: g.sdgs.clone(),
            depth: n.depth,
            parent: n.parent,
            children: n.children.clone(),
        })
        .collect();
    // The first goal of an id, as the tree's own index has it (last in, so it stays).
    let goal_by_id = goals
        .iter()
        .enumerate()
        .rev()
        .map(|(i, g)| (g.id.clone(), i))
        .collect();
    let figures = compute_with(portfolio, &tree);
    (goals, goal_by_id, figures)
}

impl App {
    pub fn new(portfolio: Portfolio, file_label: String, lang: Lang, meeting_date: Date) -> App {
        let (goals, goal_by_id, figures) = goal_view(&portfolio);
        // Open the top two levels: the shape of the tree at a glance.
        let expanded = goals.iter().map(|g| g.depth < 2).collect();
        let mut app = App {
            portfolio,
            figures,
            goals,
            goal_by_id,
            file_label,
            lang,
            meeting_date,
            pane: Pane::Projects,
            zoom: false,
            overlay: None,
            detail: false,
            origin: None,
            detail_field: 0,
            expanded,
            goal_rows: Vec::new(),
            goal_cursor: 0,
            filters: Filters::default(),
            searching: None,
            sort: SortKey::Health,
            sort_desc: true,
            visible: Vec::new(),
            project_cursor: 0,
            risk_focus: RiskFocus::Matrix,
            risk_cell: (5, 5),
            risk_cell_active: false,
            matrix: [[0; 5]; 5],
            risk_rows: Vec::new(),
            risk_rows_mitigated: 0,
            risk_cursor: 0,
            criterion_cursor: 0,
            balance: Default::default(),
            scoring: false,
            ranking: Ranking::default(),
            message: None,
            page: 10,
            screen: (80, 24),
            mouse: false,
            hits: hits::HitMap::default(),
            quit: false,
            scroll: ScrollMemo::default(),
            history: History::default(),
            unsaved: 0,
            read_only: false,
            triage: None,
            timebox: None,
            effects: Vec::new(),
            recovery: None,
            quit_after_save: false,
            save_as_default: String::new(),
            protected: false,
            not_applied: None,
            editor: editor::EditorState::default(),
            by: None,
            fixed_time: None,
            meeting_started: std::time::Instant::now(),
            meeting_length: None,
            since: None,
            partial_asked: None,
            removing: None,
            recompute_all: false,
            room: room::Room::default(),
            view_cache: view::ViewCache::default(),
        };
        app.save_as_default = suggest_save_as(&app.file_label, app.meeting_date);
        app.rebuild_goal_rows();
        app.refresh_ranking();
        app.refilter();
        app.risk_cell = app.first_cell();
        let mut cache = std::mem::take(&mut app.view_cache);
        cache.warm(&app);
        app.view_cache = cache;
        app
    }

    /// Who records: `--by`, else the secretary in the file's record of the day, else
    /// the login name.
    pub fn set_by(&mut self, by: Option<String>) {
        let secretary = || {
            self.portfolio
                .meetings
                .iter()
                .find(|m| m.date == self.meeting_date)
                .and_then(|m| m.secretary.clone())
        };
        let login = || {
            ["USER", "LOGNAME"]
                .iter()
                .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        };
        self.by = by
            .map(|b| b.trim().to_string())
            .filter(|b| !b.is_empty())
            .or_else(secretary)
            .or_else(login);
    }

    /// The meeting's stamp for an edit made now: the day, the time, who, and in triage
    /// the project on the agenda.
    pub fn stamp(&self) -> crate::model::edit::Stamp {
        let at = self.fixed_time.unwrap_or_else(|| {
            use chrono::Timelike;
            let now = chrono::Local::now().time();
            crate::model::Time(
                chrono::NaiveTime::from_hms_opt(now.hour(), now.minute(), 0).unwrap_or_default(),
            )
        });
        // The project triage is at joins the day's agenda with its first edit: the
        // agenda is the order the meeting took the projects in.
        let agenda = self
            .triage
            .as_ref()
            .and_then(|t| t.agenda.get(t.pos))
            .map(|&i| vec![self.portfolio.projects[i].id.clone()])
            .unwrap_or_default();
        crate::model::edit::Stamp {
            date: self.meeting_date,
            at,
            by: self.by.clone(),
            agenda,
        }
    }

    /// The file's name without its folder, as messages name it (a folder's path would
    /// crowd out the message at 80 columns).
    pub fn file_name(&self) -> String {
        let name = std::path::Path::new(&self.file_label)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(&self.file_label);
        crate::sanitize::clean(name).into_owned()
    }

    /// The project under the cursor.
    pub fn selected(&self) -> Option<usize> {
        self.visible.get(self.project_cursor).copied()
    }

    /// Recompute everything derived from the data (after a change to many projects; an
    /// edit to one goes through [`App::edited`]).
    pub fn data_changed(&mut self) {
        let held = self.hold();
        let tree = GoalTree::new(&self.portfolio);
        self.figures = compute_with(&self.portfolio, &tree);
        self.view_cache.clear();
        self.refresh_ranking();
        self.refilter();
        self.follow(held);
    }

    pub fn rebuild_goal_rows(&mut self) {
        self.goal_rows = view::goal_rows(&self.goals, &self.expanded);
        self.goal_cursor = self.goal_cursor.min(self.goal_rows.len().saturating_sub(1));
    }

    fn refresh_ranking(&mut self) {
        self.ranking = view::ranking(&self.figures);
    }

    /// Recompute the visible projects, the matrix and the register (after a filter, the
    /// search or the sort changed, or the data). Keeps the selected project if it is
    /// still visible, else the row (see [`cursor`]).
    pub fn refilter(&mut self) {
        let keep = self.selected();
        let mut cache = std::mem::take(&mut self.view_cache);
        self.visible = view::visible_projects(self, &mut cache);
        self.view_cache = cache;
        self.project_cursor = cursor::place(&self.visible, keep, self.project_cursor);
        self.refresh_risks();
        for p in Pane::ALL {
            p.kind().refresh(self);
        }
    }

    /// Recompute the matrix and the register. Keeps the selected risk if it is still
    /// listed, else the row.
    pub fn refresh_risks(&mut self) {
        let keep = self.selected_risk();
        let mut cache = std::mem::take(&mut self.view_cache);
        let (matrix, rows) = view::risks(self, &mut cache);
        self.view_cache = cache;
        self.matrix = matrix;
        self.risk_rows_mitigated = rows
            .iter()
            .filter(|&&(p, r)| self.portfolio.projects[p].risks[r].status == RiskStatus::Mitigated)
            .count();
        self.risk_rows = rows;
        self.risk_cursor = cursor::place(&self.risk_rows, keep, self.risk_cursor);
    }

    /// Select project `pi` in the list if it is visible.
    pub fn select_project(&mut self, pi: usize) -> bool {
        match self.visible.iter().position(|&v| v == pi) {
            Some(pos) => {
                self.project_cursor = pos;
                true
            }
            None => false,
        }
    }
}
