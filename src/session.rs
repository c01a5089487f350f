//! The session's I/O: it carries out the effects `update` asks for (journal, save,
//! reload, recover) against the file on disk.

use crate::app::{App, Effect};

/// Everything the interactive session keeps about the file on disk.
#[derive(Default)]
pub struct Session {
    pub should_quit: bool,
}

impl Session {
    /// Called once before the first frame.
    pub fn start(&mut self, _app: &mut App) {}

    /// Carry out the effects `update` queued, in order.
    pub fn run_effects(&mut self, app: &mut App) {
        let effects = std::mem::take(&mut app.effects);
        for e in effects {
            if let Effect::Quit = e {
                self.should_quit = true;
            }
        }
    }
}
