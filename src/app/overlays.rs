//! The overlays that take the keys while they are open: help, the palette, the note
//! and save-as fields, the search field and the questions. Each gets the action `update`
//! was given and leaves the overlay open, changed, or closed.

use super::update::{current_project, edit, refuse_read_only, update};
use super::{Action, App, Effect, NotApplied, Overlay, Question, TextField};
use crate::model::edit::Edit;

pub(super) fn help(app: &mut App, action: Action, scroll: usize) {
    // `G` asks for "the end"; what that is, the last frame knows.
    let limit = app.scroll.help_max.get().unwrap_or(usize::MAX / 2);
    let scroll = scroll.min(limit);
    let scroll = match action {
        Action::Down => scroll + 1,
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll + app.page,
        Action::PageUp => scroll.saturating_sub(app.page),
        Action::Top => 0,
        Action::Bottom => usize::MAX / 2,
        Action::Quit | Action::ForceQuit => {
            app.overlay = None;
            return update(app, action);
        }
        Action::Noop | Action::Resize(..) => scroll,
        _ => {
            app.overlay = None;
            return;
        }
    };
    app.overlay = Some(Overlay::Help {
        scroll: scroll.min(limit),
    });
}

/// Apply a text-editing action to a field. Returns false for actions that are not editing.
pub fn edit_text(f: &mut TextField, action: Action) -> bool {
    let len = f.text.chars().count();
    let byte = |t: &str, c: usize| t.char_indices().nth(c).map_or(t.len(), |(b, _)| b);
    match action {
        Action::TextInput(c) => {
            let at = byte(&f.text, f.cursor);
            f.text.insert(at, c);
            f.cursor += 1;
        }
        Action::TextBackspace if f.cursor > 0 => {
            let at = byte(&f.text, f.cursor - 1);
            f.text.remove(at);
            f.cursor -= 1;
        }
        Action::TextDelete if f.cursor < len => {
            let at = byte(&f.text, f.cursor);
            f.text.remove(at);
        }
        Action::TextLeft => f.cursor = f.cursor.saturating_sub(1),
        Action::TextRight => f.cursor = (f.cursor + 1).min(len),
        Action::TextHome => f.cursor = 0,
        Action::TextEnd => f.cursor = len,
        Action::TextDeleteWord => {
            // Back over spaces, then over the word before them.
            let chars: Vec<char> = f.text.chars().collect();
            let mut from = f.cursor;
            while from > 0 && chars[from - 1].is_whitespace() {
                from -= 1;
            }
            while from > 0 && !chars[from - 1].is_whitespace() {
                from -= 1;
            }
            f.text = chars[..from].iter().chain(&chars[f.cursor..]).collect();
            f.cursor = from;
        }
        Action::TextDeleteToStart => {
            f.text = f.text.chars().skip(f.cursor).collect();
            f.cursor = 0;
        }
        Action::TextDeleteToEnd => f.text = f.text.chars().take(f.cursor).collect(),
        Action::TextBackspace | Action::TextDelete => {}
        _ => return false,
    }
    true
}

pub(super) fn search(app: &mut App, action: Action, mut field: TextField) {
    match action {
        Action::TextAccept => {
            app.searching = None;
            // The search is kept: the list is where the user now works.
            app.forget_origin(super::origin::Opened::Search);
            app.project_cursor = 0; // the best match
            if app.visible.is_empty() {
                app.message = Some(app.lang.pick("Ingen treff", "No match").to_string());
            }
        }
        Action::TextCancel => {
            app.searching = None;
            app.filters.search.clear();
            app.refilter();
            app.return_from(super::origin::Opened::Search);
        }
        Action::ForceQuit => update_quit(app),
        a => {
            if edit_text(&mut field, a) {
                app.filters.search = field.text.clone();
                app.project_cursor = 0;
                app.refilter();
            }
            app.searching = Some(field);
        }
    }
}

fn update_quit(app: &mut App) {
    app.searching = None;
    app.overlay = None;
    update(app, Action::ForceQuit);
}

pub(super) fn palette(app: &mut App, action: Action, mut field: TextField, cursor: usize) {
    match action {
        Action::TextCancel => app.overlay = None,
        Action::TextAccept => {
            let chosen = super::palette::matches(app, &field.text)
                .get(cursor)
                .map(|c| c.action);
            app.overlay = None;
            if let Some(a) = chosen {
                update(app, a);
            }
        }
        Action::Up | Action::Down => {
            let n = super::palette::matches(app, &field.text).len();
            app.overlay = Some(Overlay::Palette {
                field,
                cursor: super::panes::step(cursor, n, action, 1),
            });
        }
        Action::ForceQuit => update_quit(app),
        a => {
            let changed = edit_text(&mut field, a);
            app.overlay = Some(Overlay::Palette {
                field,
                cursor: if changed { 0 } else { cursor },
            });
        }
    }
}

pub(super) fn note(app: &mut App, action: Action, mut field: TextField, mitigation: bool) {
    match action {
        Action::TextCancel => app.overlay = None,
        Action::TextAccept => {
            app.overlay = None;
            let text = field.text.trim().to_string();
            let value = (!text.is_empty()).then_some(text);
            if mitigation {
                super::panes::risks::set(app, Action::EditMitigation, Some(value));
            } else if let Some(pi) = current_project(app) {
                let e = Edit::Note {
                    project: app.portfolio.projects[pi].id.clone(),
                    date: app.meeting_date,
                    note: value,
                };
                edit(app, e);
            }
        }
        Action::ForceQuit => update_quit(app),
        a => {
            // Up, Down, Home and End go by the rows the note is wrapped into.
            if !super::wrap::motion(&mut field, a, app.screen) {
                edit_text(&mut field, a);
            }
            app.overlay = Some(Overlay::Note { field, mitigation });
        }
    }
}

pub(super) fn question(app: &mut App, action: Action, q: Question) {
    let Action::Answer(c) = action else {
        if action == Action::ForceQuit {
            app.overlay = None;
            update(app, action);
        }
        return;
    };
    if super::editor::answer(app, q, c)
        || super::partial::answer(app, q, c)
        || super::remove::answer(app, q, c)
        || super::here::answer(app, q, c)
    {
        return;
    }
    match (q, c) {
        (Question::QuitUnsaved, 'y' | 'j') => {
            // Quit only once the save has succeeded (the session sees to that).
            app.overlay = None;
            app.quit_after_save = true;
            app.effects.push(Effect::Save);
        }
        (Question::QuitUnsaved, 'n') => {
            app.overlay = None;
            app.effects.push(Effect::DiscardJournal);
            app.effects.push(Effect::Quit);
            app.quit = true;
        }
        (Question::QuitUnsaved, '\u{1b}') => app.overlay = None,
        (Question::Recover, 'y' | 'j') => {
            app.overlay = None;
            app.recovery = None;
            app.effects.push(Effect::Recover);
        }
        (Question::Recover, 'n') => {
            app.overlay = None;
            app.recovery = None;
            app.effects.push(Effect::DiscardJournal);
        }
        (Question::Conflict, 'r') => {
            app.overlay = None;
            app.effects.push(Effect::Reload);
        }
        (Question::Conflict, 'a') => open_save_as(app),
        (Question::NotApplied, 'd') => {
            app.overlay = None;
            app.not_applied = None;
            app.effects.push(Effect::DismissNotApplied);
        }
        (Question::NotApplied, '\u{1b}' | '\r' | ' ') => {
            app.overlay = None;
            if let Some(NotApplied { kept: Ok(name), .. }) = app.not_applied.take() {
                app.message = Some(format!(
                    "{} {name}",
                    app.lang.pick(
                        "Endringene som ikke passet, er tatt vare på i",
                        "The edits that did not fit are kept in"
                    )
                ));
            }
        }
        (Question::Conflict, '\u{1b}') => {
            app.overlay = None;
            app.quit_after_save = false;
        }
        _ => {}
    }
}

/// Ask for a file name to save under, starting from [`App::save_as_default`].
pub fn open_save_as(app: &mut App) {
    if !app.protected && refuse_read_only(app) {
        return;
    }
    app.overlay = Some(Overlay::SaveAs {
        field: TextField::new(&app.save_as_default),
    });
}

pub(super) fn save_as(app: &mut App, action: Action, mut field: TextField) {
    match action {
        Action::TextCancel => {
            app.overlay = None;
            app.quit_after_save = false;
        }
        Action::TextAccept => {
            let name = field.text.trim().to_string();
            if name.is_empty() {
                app.message = Some(
                    app.lang
                        .pick("Skriv et filnavn", "Type a file name")
                        .to_string(),
                );
                app.overlay = Some(Overlay::SaveAs { field });
                return;
            }
            app.overlay = None;
            app.effects.push(Effect::SaveAs(name));
        }
        Action::ForceQuit => update_quit(app),
        a => {
            edit_text(&mut field, a);
            app.overlay = Some(Overlay::SaveAs { field });
        }
    }
}
