//! The forms of issue 17, on the form machinery of [`super::form`]: a new project, one
//! of a project's fields in place, its budget, a risk, a result, a funding line and a
//! goal. Each form is checked as it is typed ([`check`]): the fields parsed (an amount,
//! a number, a date), the item they make checked by the rules of `styr check`
//! ([`crate::model::validate_item`]), each finding shown at its field; an error keeps
//! Enter from keeping it, a warning does not. What Enter keeps is one [`Edit`].

pub mod goal;
pub mod items;
pub mod project;

use super::detail::Stop;
use super::form::{Control, Form, FormKind};
use super::update::{edit, refuse_read_only};
use super::{App, Overlay};
use crate::model::edit::Edit;
use crate::model::msg::{Msg, msg};
use crate::model::validate_item::Finding;
use crate::model::{Date, Number};

/// Which item a form of issue 17 makes or changes.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    NewProject,
    /// One of project `project`'s fields, in place (`i` in the detail).
    Field {
        project: usize,
        stop: Stop,
    },
    /// The budget's planned and spent.
    Budget {
        project: usize,
    },
    Risk {
        project: usize,
        index: Option<usize>,
    },
    Result {
        project: usize,
        index: Option<usize>,
    },
    Funding {
        project: usize,
        index: Option<usize>,
    },
    /// A goal: `goal` to change it, or a new one under `parent` after `after`.
    Goal {
        goal: Option<String>,
        parent: Option<String>,
        after: Option<String>,
    },
}

/// Something a form's check says: an error or a warning, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub error: bool,
    pub message: Msg,
}

/// Where the cursor goes once the edit is made.
#[derive(Debug, Clone, PartialEq)]
pub enum Then {
    Stay,
    /// The detail's cursor to this stop.
    Stop(Stop),
    /// The new project, selected (its id).
    Project(String),
    /// The goal, at the goal tree's cursor (its id).
    Goal(String),
}

/// What a form says as it is now.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// At each field, errors first.
    pub at: Vec<Vec<Said>>,
    /// About the item as a whole.
    pub general: Vec<Said>,
    /// What Enter makes; `None` when a field cannot be read (its error says why).
    pub edit: Option<Edit>,
    pub then: Then,
}

impl Check {
    pub fn new(fields: usize) -> Check {
        Check {
            at: vec![Vec::new(); fields],
            general: Vec::new(),
            edit: None,
            then: Then::Stay,
        }
    }

    /// An error at field `i`.
    pub fn error(&mut self, i: usize, message: Msg) {
        self.at[i].insert(
            0,
            Said {
                error: true,
                message,
            },
        );
    }

    /// The findings of the item, each at the first field whose path it is under
    /// (`map`: path below the item → field), else about the item. With `before` (the
    /// item's findings before the edit) only what the edit changes is said about the
    /// item as a whole.
    pub fn place(&mut self, found: &[Finding], map: &[(&str, usize)], before: Option<&[Finding]>) {
        for f in found {
            let said = Said {
                error: f.is_error(),
                message: f.message.clone(),
            };
            match map.iter().find(|(path, _)| f.at(path)) {
                Some(&(_, i)) => {
                    let at = &mut self.at[i];
                    if said.error {
                        at.insert(0, said);
                    } else {
                        at.push(said);
                    }
                }
                None if before.is_some_and(|b| b.iter().any(|x| x.message == f.message)) => {}
                None => self.general.push(said),
            }
        }
    }

    pub fn has_error(&self) -> bool {
        self.at
            .iter()
            .flatten()
            .chain(&self.general)
            .any(|s| s.error)
    }
}

/// A form's title: what it adds or changes.
pub fn title(app: &App, kind: &ItemKind) -> String {
    let l = app.lang;
    match kind {
        ItemKind::NewProject | ItemKind::Field { .. } | ItemKind::Budget { .. } => {
            project::title(l, kind, app)
        }
        ItemKind::Goal { .. } => goal::title(l, kind),
        _ => items::title(l, kind, app),
    }
}

/// The check of an issue-17 form.
pub fn check(app: &App, form: &Form) -> Check {
    let FormKind::Item(kind) = &form.kind else {
        return Check::new(form.fields.len());
    };
    match kind {
        ItemKind::NewProject | ItemKind::Field { .. } | ItemKind::Budget { .. } => {
            project::check(app, form, kind)
        }
        ItemKind::Risk { .. } | ItemKind::Result { .. } | ItemKind::Funding { .. } => {
            items::check(app, form, kind)
        }
        ItemKind::Goal { .. } => goal::check(app, form, kind),
    }
}

/// Enter: the edit, unless the check finds an error (then the form stays, at it).
pub fn accept(app: &mut App, mut form: Form) {
    let c = check(app, &form);
    let first_error = c.at.iter().position(|s| s.iter().any(|x| x.error));
    if c.has_error() || c.edit.is_none() {
        let said =
            c.at.iter()
                .flatten()
                .chain(&c.general)
                .find(|s| s.error)
                .map(|s| s.message.get(app.lang).to_string());
        form.error = Some(said.unwrap_or_else(|| {
            app.lang
                .pick("Ingenting å lagre", "Nothing to keep")
                .to_string()
        }));
        if let Some(i) = first_error {
            form.focus = i;
        }
        app.overlay = Some(Overlay::Form(form));
        return;
    }
    app.overlay = None;
    let Some(e) = c.edit else { return };
    let steps = app.history.len();
    edit(app, e);
    if app.history.len() == steps {
        return; // unchanged, or refused: the status line says which
    }
    match c.then {
        Then::Stay => {}
        Then::Stop(s) => super::detail::focus(app, s),
        Then::Project(id) => {
            if let Some(pi) = app.portfolio.projects.iter().position(|p| p.id == id)
                && !app.select_project(pi)
            {
                app.message = Some(format!(
                    "{} {} — {}",
                    app.lang.pick("Lagt til", "Added"),
                    crate::sanitize::clean(&id),
                    app.lang.pick("ikke i utvalget", "not in the selection")
                ));
            }
        }
        Then::Goal(id) => super::panes::goals::show(app, &id),
    }
}

/// Open a form, unless the file is read-only.
pub fn open(
    app: &mut App,
    kind: ItemKind,
    spec: Vec<super::form::FieldSpec>,
    values: Vec<String>,
    focus: usize,
) {
    if refuse_read_only(app) {
        return;
    }
    let focus = focus.min(spec.len().saturating_sub(1));
    app.overlay = Some(Overlay::Form(Form::new(
        FormKind::Item(kind),
        spec,
        values,
        focus,
    )));
}

// Reading the fields.

pub fn text(form: &Form, i: usize) -> String {
    form.fields[i].text.trim().to_string()
}

pub fn opt_text(form: &Form, i: usize) -> Option<String> {
    Some(text(form, i)).filter(|t| !t.is_empty())
}

/// A field that must not be empty.
pub fn required(c: &mut Check, form: &Form, i: usize, what: Msg) -> String {
    let t = text(form, i);
    if t.is_empty() {
        c.error(i, msg!("{what} is needed", "{what} mangler"; what));
    }
    t
}

pub fn amount(c: &mut Check, form: &Form, i: usize) -> Option<i64> {
    match crate::model::amount::parse_amount(&form.fields[i].text) {
        Ok(v) => Some(v),
        Err(e) => {
            c.error(i, e.reason);
            None
        }
    }
}

/// A number: `12`, `2,5`, `2.5`, `1 200`.
pub fn number(c: &mut Check, form: &Form, i: usize) -> Option<Number> {
    let t: String = text(form, i)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && t.chars().all(|c| c.is_ascii_digit() || "-.".contains(c)) => {
            Some(Number(v))
        }
        _ => {
            let typed = crate::sanitize::clean(&form.fields[i].text).into_owned();
            c.error(
                i,
                msg!(
                    "`{typed}` is not a number: write 12 or 2.5",
                    "`{typed}` er ikke et tall: skriv 12 eller 2,5"
                ),
            );
            None
        }
    }
}

/// A date, `+3m` and the like from the meeting's date, or none.
pub fn date(c: &mut Check, form: &Form, i: usize, today: Date) -> Option<Option<Date>> {
    match super::form::parse_due(&form.fields[i].text, today) {
        Ok(d) => Some(d),
        Err(_) => {
            c.error(
                i,
                msg!(
                    "a date is 2027-06-30, or +3d, +2w, +3m from the meeting",
                    "en dato er 2027-06-30, eller +3d, +2w, +3m fra møtet"
                ),
            );
            None
        }
    }
}

pub fn list(form: &Form, i: usize) -> Vec<String> {
    super::suggest::items(&form.fields[i].text)
}

/// The choice field `i`'s entry, for a control of `n` entries.
pub fn choice(form: &Form, i: usize) -> usize {
    let n = match &form.spec[i].control {
        Control::Choice(o) => o.len(),
        _ => 1,
    };
    form.choice(i).min(n.saturating_sub(1))
}

/// A choice's entries from a language's words.
pub fn entries(words: impl Fn(crate::text::Lang) -> Vec<&'static str>) -> Control {
    let (nb, en) = (words(crate::text::Lang::Nb), words(crate::text::Lang::En));
    Control::Choice(nb.into_iter().zip(en).collect())
}
