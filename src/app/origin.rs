//! `Esc` goes back to where the user came from. A view opened from another pane
//! remembers that pane: a project's detail opened from the risk register (`Enter` on a
//! risk) goes back to the register, its cursor on the same risk; a search started in
//! another pane (`/` jumps to the project list) goes back there when it is cancelled.
//! Choosing a pane oneself (`Tab`, the digits, a click) forgets the origin: the user is
//! where they meant to be.

use super::{App, Pane, RiskFocus};

/// What was opened from another pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// A project's detail in pane 2.
    Detail,
    /// The search (in pane 2).
    Search,
}

/// The place a view was opened from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub opened: Opened,
    pub pane: Pane,
    pub risk_focus: RiskFocus,
}

impl App {
    /// `opened` is being opened from here: remember the place.
    pub(super) fn remember_origin(&mut self, opened: Opened) {
        self.origin = Some(Origin {
            opened,
            pane: self.pane,
            risk_focus: self.risk_focus,
        });
    }

    /// `opened` stays: the user works where it was opened now.
    pub(super) fn forget_origin(&mut self, opened: Opened) {
        if self.origin.is_some_and(|o| o.opened == opened) {
            self.origin = None;
        }
    }

    /// `opened` was closed: go back to where it was opened from, if that was elsewhere.
    /// The lists' cursors were not moved meanwhile, so they are as they were.
    pub(super) fn return_from(&mut self, opened: Opened) {
        match self.origin.take() {
            Some(o) if o.opened == opened => {
                self.pane = o.pane;
                self.risk_focus = o.risk_focus;
            }
            // Something else was opened from elsewhere: it still is.
            other => self.origin = other,
        }
    }
}
