//! What the interactive tests share.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key as crossterm reports it (Shift for capitals and Shift-Tab, as terminals send them).
pub fn ev(code: KeyCode) -> KeyEvent {
    let shift = match code {
        KeyCode::Char(c) => c.is_uppercase(),
        KeyCode::BackTab => true,
        _ => false,
    };
    KeyEvent::new(
        code,
        if shift {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        },
    )
}

pub mod session;
