//! Everything the user can do, as data. Keys, the command palette, triage and tests all
//! go through [`Action`] into [`super::update`].

use crate::model::{Decision, Health, RiskStatus, Status};

use super::{Pane, PaneAction, SortKey};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    ForceQuit,
    NextPane,
    PrevPane,
    Focus(Pane),
    /// One of a pane's own actions (see [`super::panes::PaneKind::act`]).
    Pane(PaneAction),
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    /// Collapse a goal; in the risk matrix, move left.
    Left,
    /// Expand a goal; in the risk matrix, move right.
    Right,
    /// Choose: a goal as filter, a project's detail view, a matrix cell's risks.
    Enter,
    /// Close what is open, or clear the filter.
    Back,
    NextProject,
    PrevProject,
    ToggleZoom,
    ToggleHelp,
    OpenPalette,
    StartSearch,
    OpenFilterMenu,
    ClearFilters,
    /// Sort the project list by this column; again reverses it.
    Sort(SortKey),
    CycleSort,
    // Meeting edits.
    /// Pane 4's `Enter`: the digits score the sheet until `Esc` (see `app::scoring`).
    StartScoring,
    Score(i64),
    ClearScore,
    OpenDecisionPicker,
    SetDecision(Option<Decision>),
    EditNote,
    OpenHealthPicker,
    SetHealth(Option<Health>),
    OpenStatusPicker,
    SetStatus(Status),
    OpenRiskStatusPicker,
    OpenProbabilityPicker,
    OpenConsequencePicker,
    /// Reverse the sort direction.
    ReverseSort,
    SetRiskStatus(RiskStatus),
    RiskProbability(i64),
    RiskConsequence(i64),
    EditMitigation,
    /// `a`: add a follow-up action to the current project.
    AddFollowUp,
    /// `A`: the current project's follow-up list.
    OpenFollowUps,
    /// In the follow-up list: mark the one under the cursor done (or open again).
    ToggleDone,
    /// `C`: only the projects that moved since the version `--since` compares with
    /// (again: all).
    ShowMoved,
    /// `M`: the meeting record of the day (who chaired, came, sent apologies).
    OpenMeeting,
    /// `i`: edit what the cursor is on (see `app::here`).
    EditHere,
    /// `+`: add an item where the cursor is.
    AddHere,
    /// `-`: remove the item the cursor is on (after asking).
    RemoveHere,
    /// `B`: the current project's budget, planned and spent.
    EditBudget,
    Undo,
    Redo,
    Save,
    StartTriage,
    /// Open the item under the cursor in `$VISUAL`/`$EDITOR`, then reload the file.
    EditInEditor,
    /// The palette's "save as …": ask for a name (as `s` does on a protected file).
    OpenSaveAs,
    /// The palette's minutes, report and export: a new file beside the portfolio.
    WriteOutput(super::output::Output),
    TriageNext,
    TriagePrev,
    /// Answer a question (recovery, quit, conflict).
    Answer(char),
    /// Choose entry N (0-based) of the open picker.
    Pick(usize),
    // Text fields (search, note, palette).
    TextInput(char),
    TextBackspace,
    TextDelete,
    TextLeft,
    TextRight,
    TextHome,
    TextEnd,
    /// Ctrl-W: delete the word before the cursor.
    TextDeleteWord,
    /// Ctrl-U: delete everything before the cursor.
    TextDeleteToStart,
    /// Ctrl-K: delete everything after the cursor.
    TextDeleteToEnd,
    TextAccept,
    TextCancel,
    /// The terminal's size changed: rows available for a page.
    Resize(u16, u16),
    /// A left click at a column and row of the screen (with `--mouse` or `:mouse`): what
    /// the last frame drew there is chosen. See `app::mouse`.
    Click {
        col: u16,
        row: u16,
    },
    /// The mouse wheel over a column and row of the screen: the list there moves.
    Scroll {
        col: u16,
        row: u16,
        up: bool,
    },
    /// `:mouse`: turn clicks and the wheel on or off.
    ToggleMouse,
    /// `R`: the chair opens a scoring round on the project, reveals it, closes it; a seat
    /// brings the round's sheet back (see [`super::room`]).
    Round,
    /// `F`: a seat follows the chair's pane and project (again: stops).
    Follow,
    /// In a revealed round, the chair takes the median as the group's score.
    TakeMedian,
    /// Nothing (a key that means nothing here).
    Noop,
}

impl Action {
    /// Whether the action changes the portfolio (or saves it): what a read-only styr or a
    /// seat of a meeting refuses, so the hints do not offer it there.
    pub fn changes_the_file(self) -> bool {
        matches!(
            self,
            Action::StartScoring
                | Action::Score(_)
                | Action::ClearScore
                | Action::OpenDecisionPicker
                | Action::EditNote
                | Action::OpenHealthPicker
                | Action::OpenStatusPicker
                | Action::OpenRiskStatusPicker
                | Action::OpenProbabilityPicker
                | Action::OpenConsequencePicker
                | Action::EditMitigation
                | Action::AddFollowUp
                | Action::ToggleDone
                | Action::EditHere
                | Action::AddHere
                | Action::RemoveHere
                | Action::EditBudget
                | Action::Undo
                | Action::Redo
                | Action::Save
                | Action::EditInEditor
                | Action::TakeMedian
        )
    }
}
