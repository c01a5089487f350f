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

pub mod keys;
pub mod session;

/// `open` `depth` times, and with `closed` the brackets that close it: a deeply nested
/// value for the loader's property tests.
#[allow(dead_code)]
pub fn nesting(open: &str, depth: usize, closed: bool) -> String {
    let mut nest = open.repeat(depth);
    if closed {
        let close: String = open
            .chars()
            .rev()
            .filter_map(|c| match c {
                '(' => Some(')'),
                '[' => Some(']'),
                '{' => Some('}'),
                _ => None,
            })
            .collect();
        nest.push_str(&close.repeat(depth));
    }
    nest
}
