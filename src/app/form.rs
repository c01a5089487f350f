//! Forms: a follow-up action (text, owner, due date), the meeting record of the day
//! (chair, secretary, attendees, absent, note), and the forms that add and edit a
//! project, its fields, a risk, a result, a funding line and a goal ([`super::forms`]).
//! Each field has its control ([`Control`]): text, an amount (`2 400 000`, `2,4 mill`),
//! a number, a date (`2027-06-30`, `+3m`), a choice (←/→ or its number), or a
//! reference offered from the file as you type (one, or a list). Tab and the arrows
//! move between fields, Enter keeps, Esc cancels; what `styr check` would say about the
//! item shows at its field as you type, and an error keeps Enter from keeping it.

use crate::model::edit::{Edit, MeetingRecord};
use crate::model::{Date, FollowUp};

use super::suggest::{self, Source, Suggestion};
use super::update::{edit, edit_text};
use super::{Action, App, Overlay, TextField};

/// What a form records.
#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    /// A follow-up of project `project` (index into the portfolio): a new one, or the
    /// one at `index`.
    FollowUp {
        project: usize,
        index: Option<usize>,
    },
    Meeting,
    /// The forms of issue 17 (see [`super::forms`]).
    Item(super::forms::ItemKind),
}

/// How a field is typed in.
#[derive(Debug, Clone, PartialEq)]
pub enum Control {
    Text,
    /// An amount: `2 400 000`, `2.4m`, `2,4 mill` (see [`crate::model::amount`]).
    Amount,
    /// A number: `12`, `2,5`.
    Number,
    /// A date: `2027-06-30`, `+3d`, `+2w`, `+3m`; empty for none.
    Date,
    /// One of these (bokmål, English); the field holds the chosen one's number.
    Choice(Vec<(&'static str, &'static str)>),
    /// One value, offered from the file as you type (or a new one).
    Pick(Source),
    /// A comma-separated list, its last item offered from the file.
    Multi(Source),
}

/// A field: its label (bokmål, English) and its control.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    pub nb: &'static str,
    pub en: &'static str,
    pub control: Control,
}

pub fn field(nb: &'static str, en: &'static str, control: Control) -> FieldSpec {
    FieldSpec { nb, en, control }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub kind: FormKind,
    pub spec: Vec<FieldSpec>,
    pub fields: Vec<TextField>,
    /// The field being typed in.
    pub focus: usize,
    /// The suggestion chosen with ↑/↓, if any.
    pub suggestion: Option<usize>,
    /// Why the last Enter was refused (a due date that is not one).
    pub error: Option<String>,
}

/// The follow-up form's fields.
pub const TEXT: usize = 0;
pub const OWNER: usize = 1;
pub const DUE: usize = 2;

impl Form {
    /// A form of `spec`'s fields, holding `values`, the cursor in field `focus`.
    pub fn new(kind: FormKind, spec: Vec<FieldSpec>, values: Vec<String>, focus: usize) -> Form {
        let fields = values.iter().map(|v| TextField::new(v)).collect();
        Form {
            kind,
            spec,
            fields,
            focus,
            suggestion: None,
            error: None,
        }
    }

    /// The fields' labels, in order.
    pub fn labels(&self, l: crate::text::Lang) -> Vec<&'static str> {
        self.spec.iter().map(|s| l.pick(s.nb, s.en)).collect()
    }

    /// Where the focused field's suggestions come from, if it offers any.
    pub fn suggests(&self) -> Option<Source> {
        match self.spec.get(self.focus)?.control {
            Control::Pick(s) | Control::Multi(s) => Some(s),
            _ => None,
        }
    }

    /// The choice field `i`'s chosen entry.
    pub fn choice(&self, i: usize) -> usize {
        self.fields[i].text.parse().unwrap_or(0)
    }
}

/// The suggestions for the focused field as it is typed now.
pub fn form_suggestions(app: &App, form: &Form) -> Vec<Suggestion> {
    let Some(source) = form.suggests() else {
        return Vec::new();
    };
    let text = &form.fields[form.focus].text;
    match form.spec[form.focus].control {
        Control::Multi(_) => {
            let (typed, taken) = suggest::last_item(text);
            suggest::suggestions(app, source, typed, &taken, SUGGESTIONS)
        }
        _ => suggest::suggestions(app, source, text, &[], SUGGESTIONS),
    }
}

/// `a`: a new follow-up for the current project.
pub fn open_follow_up(app: &mut App, index: Option<usize>) {
    if super::update::refuse_read_only(app) {
        return;
    }
    let Some(pi) = super::update::current_project(app) else {
        return;
    };
    let existing = index.and_then(|i| app.portfolio.projects[pi].follow_ups.get(i));
    let values = vec![
        existing.map_or("", |f| f.text.as_str()).to_string(),
        existing
            .and_then(|f| f.owner.as_deref())
            .unwrap_or("")
            .to_string(),
        existing
            .and_then(|f| f.due)
            .map(|d| d.to_string())
            .unwrap_or_default(),
    ];
    let spec = vec![
        field("Hva", "What", Control::Text),
        field("Ansvarlig", "Owner", Control::Pick(Source::Owners)),
        field("Frist", "Due", Control::Date),
    ];
    let kind = FormKind::FollowUp { project: pi, index };
    app.overlay = Some(Overlay::Form(Form::new(kind, spec, values, TEXT)));
}

/// `M`: the meeting record of the day.
pub fn open_meeting(app: &mut App) {
    if super::update::refuse_read_only(app) {
        return;
    }
    let r = MeetingRecord::of(&app.portfolio, app.meeting_date);
    let values = vec![
        r.chair.clone().unwrap_or_default(),
        r.secretary
            .clone()
            .or_else(|| app.by.clone())
            .unwrap_or_default(),
        r.attendees.join(", "),
        r.absent.join(", "),
        r.note.clone().unwrap_or_default(),
    ];
    let spec = vec![
        field("Møteleder", "Chair", Control::Text),
        field("Referent", "Secretary", Control::Text),
        field("Til stede", "Attendees", Control::Text),
        field("Forfall", "Absent", Control::Text),
        field("Notat", "Note", Control::Text),
    ];
    app.overlay = Some(Overlay::Form(Form::new(FormKind::Meeting, spec, values, 0)));
}

/// The file's owners (of projects, risks and follow-ups) that match what is typed,
/// best first; at most `limit`.
pub fn owner_suggestions(app: &App, typed: &str, limit: usize) -> Vec<String> {
    suggest::suggestions(app, Source::Owners, typed, &[], limit)
        .into_iter()
        .map(|s| s.value)
        .collect()
}

/// How many suggestions the form shows.
pub const SUGGESTIONS: usize = 5;

/// A due date that is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotADate;

/// A due date as typed: `2026-12-14`, `+3d`, `+2w`, `+1m` (from the meeting's date), or
/// nothing. `Err` for anything else.
pub fn parse_due(s: &str, today: Date) -> Result<Option<Date>, NotADate> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if let Some(rel) = s.strip_prefix('+') {
        let (n, unit) = rel.split_at(rel.len().saturating_sub(1));
        let n: u32 = n.parse().map_err(|_| NotADate)?;
        let d = today.0;
        let due = match unit {
            "d" => d.checked_add_days(chrono::Days::new(n.into())),
            "w" => d.checked_add_days(chrono::Days::new(u64::from(n) * 7)),
            "m" => d.checked_add_months(chrono::Months::new(n)),
            _ => None,
        };
        return due.map(|d| Some(Date(d))).ok_or(NotADate);
    }
    Date::parse(s).map(Some).ok_or(NotADate)
}

fn names(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

fn some(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// A key in an open form.
pub fn update(app: &mut App, action: Action, mut form: Form) {
    let n = form.fields.len();
    let choices = form_suggestions(app, &form).len();
    let choice = match &form.spec[form.focus].control {
        Control::Choice(options) => Some(options.len()),
        _ => None,
    };
    match action {
        Action::TextCancel => {
            app.overlay = None;
            return;
        }
        Action::ForceQuit => {
            app.overlay = None;
            return super::update::update(app, action);
        }
        Action::Up if choices > 0 && form.suggestion.is_some() => {
            form.suggestion = form.suggestion.and_then(|s| s.checked_sub(1));
        }
        Action::Down if choices > 0 => {
            form.suggestion = Some(form.suggestion.map_or(0, |s| (s + 1).min(choices - 1)));
        }
        Action::NextPane if form.suggestion.is_some() => take_suggestion(app, &mut form),
        Action::TextAccept if form.suggestion.is_some() => take_suggestion(app, &mut form),
        Action::NextPane | Action::Down => {
            form.focus = (form.focus + 1) % n;
            form.suggestion = None;
        }
        Action::PrevPane | Action::Up => {
            form.focus = (form.focus + n - 1) % n;
            form.suggestion = None;
        }
        Action::TextAccept => return accept(app, form),
        // A choice: ←/→ or Space go through it, a digit picks.
        a if choice.is_some() => {
            let len = choice.unwrap_or(1).max(1);
            let at = form.choice(form.focus);
            let next = match a {
                Action::TextRight | Action::TextInput(' ') => Some((at + 1) % len),
                Action::TextLeft => Some((at + len - 1) % len),
                Action::TextInput(c) => c
                    .to_digit(10)
                    .and_then(|d| (d as usize).checked_sub(1))
                    .filter(|&d| d < len),
                _ => None,
            };
            if let Some(i) = next {
                form.fields[form.focus] = TextField::new(&i.to_string());
                form.error = None;
            }
        }
        a => {
            if edit_text(&mut form.fields[form.focus], a) {
                form.suggestion = None;
                form.error = None;
            }
        }
    }
    app.overlay = Some(Overlay::Form(form));
}

fn take_suggestion(app: &App, form: &mut Form) {
    let list = form_suggestions(app, form);
    if let Some(s) = form.suggestion.and_then(|i| list.get(i)) {
        let f = form.focus;
        form.fields[f] = match form.spec[f].control {
            Control::Multi(_) => {
                TextField::new(&suggest::take_last(&form.fields[f].text, &s.value))
            }
            _ => TextField::new(&s.value),
        };
    }
    form.suggestion = None;
}

fn accept(app: &mut App, mut form: Form) {
    let l = app.lang;
    let text = |i: usize| form.fields[i].text.clone();
    match form.kind.clone() {
        FormKind::Item(_) => super::forms::accept(app, form),
        FormKind::FollowUp { project, index } => {
            let Ok(due) = parse_due(&text(DUE), app.meeting_date) else {
                form.error = Some(
                    l.pick(
                        "Fristen må være en dato (2026-12-14) eller +3d, +2w, +1m",
                        "The due date must be a date (2026-12-14) or +3d, +2w, +1m",
                    )
                    .into(),
                );
                form.focus = DUE;
                app.overlay = Some(Overlay::Form(form));
                return;
            };
            let Some(what) = some(&text(TEXT)) else {
                form.error = Some(
                    l.pick(
                        "Skriv hva som skal følges opp",
                        "Say what is to be followed up",
                    )
                    .into(),
                );
                form.focus = TEXT;
                app.overlay = Some(Overlay::Form(form));
                return;
            };
            app.overlay = None;
            let pr = &app.portfolio.projects[project];
            let pid = pr.id.clone();
            let e = match index.and_then(|i| pr.follow_ups.get(i).map(|f| (i, f))) {
                Some((i, old)) => Edit::FollowUpSet {
                    project: pid,
                    index: i,
                    text: old.text.clone(),
                    follow_up: FollowUp {
                        text: what,
                        owner: some(&text(OWNER)),
                        due,
                        ..old.clone()
                    },
                },
                None => Edit::FollowUpAdd {
                    project: pid,
                    follow_up: FollowUp {
                        text: what,
                        owner: some(&text(OWNER)),
                        due,
                        raised: app.meeting_date,
                        done: None,
                        by: app.by.clone(),
                    },
                },
            };
            edit(app, e);
        }
        FormKind::Meeting => {
            app.overlay = None;
            let r = MeetingRecord {
                date: app.meeting_date,
                chair: some(&text(0)),
                secretary: some(&text(1)),
                attendees: names(&text(2)),
                absent: names(&text(3)),
                note: some(&text(4)),
            };
            edit(app, Edit::Meeting(r));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_typed_or_relative_to_the_meeting() {
        let today = Date::parse("2026-11-30").unwrap();
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(parse_due("", today), Ok(None));
        assert_eq!(parse_due("2026-12-14", today), Ok(Some(d("2026-12-14"))));
        assert_eq!(parse_due("+3d", today), Ok(Some(d("2026-12-03"))));
        assert_eq!(parse_due("+2w", today), Ok(Some(d("2026-12-14"))));
        assert_eq!(parse_due(" +1m ", today), Ok(Some(d("2026-12-30"))));
        for bad in ["+", "+2", "+2y", "next week", "2026-13-01", "+-1d"] {
            assert_eq!(parse_due(bad, today), Err(NotADate), "{bad}");
        }
    }
}
