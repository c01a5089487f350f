//! Forms of a few text fields: a follow-up action (text, owner, due date) and the
//! meeting record of the day (chair, secretary, attendees, absent, note). Tab and the
//! arrows move between fields, Enter keeps, Esc cancels. The owner field offers the
//! file's owners, fuzzy-matched as you type (↑/↓ choose one, Tab takes it).

use crate::model::edit::{Edit, MeetingRecord};
use crate::model::{Date, FollowUp};

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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub kind: FormKind,
    pub fields: Vec<TextField>,
    /// The field being typed in.
    pub focus: usize,
    /// The owner suggestion chosen with ↑/↓, if any.
    pub suggestion: Option<usize>,
    /// Why the last Enter was refused (a due date that is not one).
    pub error: Option<String>,
}

/// The follow-up form's fields.
pub const TEXT: usize = 0;
pub const OWNER: usize = 1;
pub const DUE: usize = 2;

impl Form {
    /// The fields' labels, in order.
    pub fn labels(&self, l: crate::text::Lang) -> Vec<&'static str> {
        match self.kind {
            FormKind::FollowUp { .. } => vec![
                l.pick("Hva", "What"),
                l.pick("Ansvarlig", "Owner"),
                l.pick("Frist", "Due"),
            ],
            FormKind::Meeting => vec![
                l.pick("Møteleder", "Chair"),
                l.pick("Referent", "Secretary"),
                l.pick("Til stede", "Attendees"),
                l.pick("Forfall", "Absent"),
                l.pick("Notat", "Note"),
            ],
        }
    }

    /// Whether the focused field offers the file's owners.
    pub fn suggests(&self) -> bool {
        matches!(self.kind, FormKind::FollowUp { .. }) && self.focus == OWNER
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
    let fields = vec![
        TextField::new(existing.map_or("", |f| f.text.as_str())),
        TextField::new(existing.and_then(|f| f.owner.as_deref()).unwrap_or("")),
        TextField::new(
            &existing
                .and_then(|f| f.due)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
    ];
    app.overlay = Some(Overlay::Form(Form {
        kind: FormKind::FollowUp { project: pi, index },
        fields,
        focus: TEXT,
        suggestion: None,
        error: None,
    }));
}

/// `M`: the meeting record of the day.
pub fn open_meeting(app: &mut App) {
    if super::update::refuse_read_only(app) {
        return;
    }
    let r = MeetingRecord::of(&app.portfolio, app.meeting_date);
    let fields = vec![
        TextField::new(r.chair.as_deref().unwrap_or("")),
        TextField::new(r.secretary.as_deref().or(app.by.as_deref()).unwrap_or("")),
        TextField::new(&r.attendees.join(", ")),
        TextField::new(&r.absent.join(", ")),
        TextField::new(r.note.as_deref().unwrap_or("")),
    ];
    app.overlay = Some(Overlay::Form(Form {
        kind: FormKind::Meeting,
        fields,
        focus: 0,
        suggestion: None,
        error: None,
    }));
}

/// The file's owners (of projects and of follow-ups) that match what is typed, best
/// first; at most `limit`.
pub fn owner_suggestions(app: &App, typed: &str, limit: usize) -> Vec<String> {
    use fuzzy_matcher::FuzzyMatcher;
    let mut owners: Vec<&str> = app
        .portfolio
        .projects
        .iter()
        .flat_map(|p| {
            p.owner
                .as_deref()
                .into_iter()
                .chain(p.follow_ups.iter().filter_map(|f| f.owner.as_deref()))
        })
        .collect();
    owners.sort_unstable();
    owners.dedup();
    let typed = typed.trim();
    if typed.is_empty() {
        return owners.into_iter().take(limit).map(String::from).collect();
    }
    let m = super::view::matcher();
    let mut scored: Vec<(i64, &str)> = owners
        .into_iter()
        .filter(|o| *o != typed)
        .filter_map(|o| m.fuzzy_match(o, typed).map(|s| (s, o)))
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    scored
        .into_iter()
        .take(limit)
        .map(|(_, o)| o.to_string())
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
    let choices = if form.suggests() {
        owner_suggestions(app, &form.fields[OWNER].text, SUGGESTIONS).len()
    } else {
        0
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
    let list = owner_suggestions(app, &form.fields[OWNER].text, SUGGESTIONS);
    if let Some(o) = form.suggestion.and_then(|s| list.get(s)) {
        form.fields[OWNER] = TextField::new(o);
    }
    form.suggestion = None;
}

fn accept(app: &mut App, mut form: Form) {
    let l = app.lang;
    let text = |i: usize| form.fields[i].text.clone();
    match form.kind.clone() {
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
