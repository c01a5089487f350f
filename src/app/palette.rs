//! The command palette (`:`): every command that applies where the cursor is, each once,
//! with its key. A binding applies when its context is one of the contexts now
//! ([`contexts_now`]) and takes its key there ([`applies`]), the rule the status line's
//! hints and help follow too; so triage's commands are offered only in triage, and "next
//! project" once. Then the commands without a key: sorting (in the project list),
//! clearing the filters (when there are any), save as, and the command line's outputs.

use fuzzy_matcher::FuzzyMatcher;

use super::keymap::{BINDINGS, applies, contexts_now};
use super::output::Output;
use super::{Action, App, SortKey};

/// A command in the palette: its words, its key (empty when it has none) and its action.
#[derive(Debug, Clone)]
pub struct Command {
    pub label: String,
    /// The same words in the other language: the palette finds a command by either
    /// ("add" in Norwegian, "legg til" in English).
    pub other: String,
    pub keys: &'static str,
    pub action: Action,
}

/// Every command that applies now, most specific context first.
pub fn commands(app: &App) -> Vec<Command> {
    let l = app.lang;
    let ctxs = contexts_now(app);
    let mut out: Vec<Command> = Vec::new();
    for ctx in &ctxs {
        for b in BINDINGS
            .iter()
            .filter(|b| b.ctx == *ctx && applies(&ctxs, b))
        {
            // A score needs its digit: the digits are the command.
            if matches!(b.action, Action::Score(_)) || out.iter().any(|c| c.action == b.action) {
                continue;
            }
            let other = match l {
                crate::text::Lang::Nb => b.en,
                crate::text::Lang::En => b.nb,
            };
            out.push(Command {
                label: b.describe(l).to_string(),
                other: other.to_string(),
                keys: b.shown,
                action: b.action,
            });
        }
    }
    if ctxs.contains(&super::keymap::Ctx::Pane(super::Pane::Projects)) {
        for k in SortKey::ALL {
            out.push(Command {
                label: format!("{} {}", l.pick("sorter etter", "sort by"), k.label(l)),
                other: String::new(),
                keys: "",
                action: Action::Sort(k),
            });
        }
    }
    // Triage's agenda is fixed when it starts: its filters are not changed there.
    if !app.filters.is_empty() && app.triage.is_none() {
        out.push(Command {
            label: l.pick("fjern alle filtre", "clear all filters").to_string(),
            other: String::new(),
            keys: "",
            action: Action::ClearFilters,
        });
    }
    out.push(Command {
        label: l.pick("lagre som …", "save as …").to_string(),
        other: String::new(),
        keys: "",
        action: Action::OpenSaveAs,
    });
    for o in Output::ALL {
        out.push(Command {
            label: o.label(l).to_string(),
            other: String::new(),
            keys: "",
            action: Action::WriteOutput(o),
        });
    }
    out.push(Command {
        label: l
            .pick(
                "mus (mouse) av/på: klikk og rulling",
                "mouse on/off: clicks and the wheel",
            )
            .to_string(),
        other: String::new(),
        keys: ":mouse",
        action: Action::ToggleMouse,
    });
    out
}

/// The commands matching the query, best first.
pub fn matches(app: &App, query: &str) -> Vec<Command> {
    let all = commands(app);
    if query.trim().is_empty() {
        return all;
    }
    let m = super::view::matcher();
    let mut scored: Vec<(i64, Command)> = all
        .into_iter()
        .filter_map(|c| {
            let own = m.fuzzy_match(&c.label, query.trim());
            // The other language's words count a little less: the reader's come first.
            let other = m.fuzzy_match(&c.other, query.trim()).map(|s| s - 1);
            own.max(other).map(|s| (s, c))
        })
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    scored.into_iter().map(|(_, c)| c).collect()
}
