//! What one day holds, gathered before a word is written: the projects the meeting dealt
//! with and in what order, each field's changes of the day collapsed, the follow-ups it
//! raised, changed and reported done, and the changes that name no project.
//!
//! The sources are the ones FORMAT.md gives: the day's `Meeting` (agenda, change log),
//! each project's evaluation of that date, and its `follow_ups` (`raised`, `done`).

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::{Change, Date, Evaluation, FollowUp, Meeting, Portfolio, Project};

/// One field's changes of the day, in the log's order (never empty).
#[derive(Debug)]
pub struct Field<'a> {
    pub what: &'a str,
    pub steps: Vec<&'a Change>,
}

impl<'a> Field<'a> {
    /// The values to show, as the file writes them: first → last, the steps in between
    /// left out; every step when the field ended where it began (so the record neither
    /// claims a change nor hides one). Empty when the day changed nothing.
    pub fn values(&self) -> Vec<Option<&'a str>> {
        let mut v: Vec<Option<&'a str>> = Vec::with_capacity(self.steps.len() + 1);
        v.push(self.steps.first().and_then(|c| c.from.as_deref()));
        v.extend(self.steps.iter().map(|c| c.to.as_deref()));
        v.dedup();
        match v.len() {
            0 | 1 => Vec::new(),
            _ if v.first() == v.last() => v,
            n => vec![v[0], v[n - 1]],
        }
    }
}

/// Group changes by field, in the order each field first appears.
fn fields<'a>(changes: impl IntoIterator<Item = &'a Change>) -> Vec<Field<'a>> {
    let mut out: Vec<Field<'a>> = Vec::new();
    let mut at: HashMap<&'a str, usize> = HashMap::new();
    for c in changes {
        match at.get(c.what.as_str()) {
            Some(&i) => out[i].steps.push(c),
            None => {
                at.insert(&c.what, out.len());
                out.push(Field {
                    what: &c.what,
                    steps: vec![c],
                });
            }
        }
    }
    out
}

/// `risks.R2.probability` → ("R2", "probability"). A risk id may hold dots.
pub fn risk_field(what: &str) -> Option<(&str, &str)> {
    what.strip_prefix("risks.")?.rsplit_once('.')
}

/// `follow_ups[3].done` → (3, "done").
pub fn follow_up_field(what: &str) -> Option<(usize, &str)> {
    let (n, field) = what.strip_prefix("follow_ups[")?.split_once("].")?;
    Some((n.parse().ok()?, field))
}

/// What the meeting did with a follow-up.
#[derive(Debug)]
pub enum FollowUpNote<'a> {
    /// Raised at the meeting: from the project's list (as it is now, the day's edits to
    /// it included), or known only from the log (`follow_up` is `None`).
    New {
        text: &'a str,
        follow_up: Option<&'a FollowUp>,
        logged: Option<&'a Change>,
        /// Reported done the same day.
        done: bool,
    },
    /// Reported done at the meeting.
    Done {
        follow_up: &'a FollowUp,
        logged: Vec<&'a Change>,
    },
    /// Changed at the meeting (owner, due date, text; done taken back). `number` counts
    /// from 1 in the project's list; `text` is `None` when the list has no such item.
    Changed {
        text: Option<&'a str>,
        number: usize,
        fields: Vec<Field<'a>>,
    },
}

/// A project the meeting dealt with, or an id its record names that is no longer in the file.
#[derive(Debug)]
pub struct Item<'a> {
    pub id: &'a str,
    pub project: Option<&'a Project>,
    pub evaluation: Option<&'a Evaluation>,
    /// Health, status, other fields, then the risks (each risk's fields together).
    pub fields: Vec<Field<'a>>,
    /// New, then done, then changed.
    pub follow_ups: Vec<FollowUpNote<'a>>,
    /// Items added to or removed from its lists (the project itself, a risk, a result,
    /// a funding line, a follow-up taken out), in the log's order.
    pub events: Vec<&'a Change>,
}

/// The log's entries that add an item to a list or take one out (`to` only: added;
/// `from` only: removed), as opposed to a field's value changing.
pub const EVENTS: [&str; 5] = ["project", "risks", "results", "budget.funding", "goal"];

/// Whether `c` adds or removes an item rather than changing a value.
pub fn is_event(c: &Change) -> bool {
    EVENTS.contains(&c.what.as_str()) || (c.what == "follow_ups" && c.to.is_none())
}

/// A change that names a goal, or nothing the minutes can place.
#[derive(Debug)]
pub struct Other<'a> {
    pub goal: Option<&'a str>,
    pub field: Field<'a>,
}

#[derive(Debug)]
pub struct Day<'a> {
    pub date: Date,
    pub meeting: Option<&'a Meeting>,
    /// In the agenda's order, then the rest in file order, then ids no longer in the file.
    pub items: Vec<Item<'a>>,
    pub others: Vec<Other<'a>>,
    pub not_dealt: Vec<&'a Project>,
}

/// The evaluation a project got on `date` (the last, if the file has several).
pub fn evaluation_of(pr: &Project, date: Date) -> Option<&Evaluation> {
    pr.evaluations.iter().rev().find(|e| e.date == date)
}

pub fn gather(p: &Portfolio, date: Date) -> Day<'_> {
    let meeting = p.meetings.iter().find(|m| m.date == date);
    let (agenda, changes): (&[String], &[Change]) =
        meeting.map_or((&[], &[]), |m| (&m.agenda, &m.changes));
    let mut by_project: HashMap<&str, Vec<&Change>> = HashMap::new();
    let mut rest = Vec::new();
    for c in changes {
        match &c.project {
            Some(id) => by_project.entry(id).or_default().push(c),
            None => rest.push(c),
        }
    }
    let projects: HashMap<&str, &Project> =
        p.projects.iter().map(|pr| (pr.id.as_str(), pr)).collect();

    // The order: the agenda, the rest dealt with in file order, then the ids the log
    // names that are gone from the file.
    let mut order: Vec<&str> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    fn take<'a>(id: &'a str, order: &mut Vec<&'a str>, seen: &mut HashSet<&'a str>) {
        if seen.insert(id) {
            order.push(id);
        }
    }
    for id in agenda {
        take(id.as_str(), &mut order, &mut seen);
    }
    let mut not_dealt = Vec::new();
    for pr in &p.projects {
        let dealt = evaluation_of(pr, date).is_some()
            || by_project.contains_key(pr.id.as_str())
            || pr
                .follow_ups
                .iter()
                .any(|f| f.raised == date || f.done == Some(date));
        if dealt {
            take(pr.id.as_str(), &mut order, &mut seen);
        } else if !seen.contains(pr.id.as_str()) {
            not_dealt.push(pr);
        }
    }
    for c in changes {
        if let Some(id) = c.project.as_deref()
            && !projects.contains_key(id)
        {
            take(id, &mut order, &mut seen);
        }
    }

    let items = order
        .into_iter()
        .map(|id| {
            let project = projects.get(id).copied();
            let logged = by_project.remove(id).unwrap_or_default();
            item(id, project, logged, date)
        })
        .collect();
    let mut others: Vec<Other> = Vec::new();
    let mut at: HashMap<(Option<&str>, &str), usize> = HashMap::new();
    for c in rest {
        if is_event(c) {
            // A goal added or removed: told on its own, never folded into a field.
            others.push(Other {
                goal: c.goal.as_deref(),
                field: Field {
                    what: &c.what,
                    steps: vec![c],
                },
            });
            continue;
        }
        let key = (c.goal.as_deref(), c.what.as_str());
        match at.get(&key) {
            Some(&i) => others[i].field.steps.push(c),
            None => {
                at.insert(key, others.len());
                others.push(Other {
                    goal: c.goal.as_deref(),
                    field: Field {
                        what: &c.what,
                        steps: vec![c],
                    },
                });
            }
        }
    }
    others.retain(|o| o.field.steps.iter().any(|c| is_event(c)) || !o.field.values().is_empty());
    Day {
        date,
        meeting,
        items,
        others,
        not_dealt,
    }
}

fn item<'a>(
    id: &'a str,
    project: Option<&'a Project>,
    logged: Vec<&'a Change>,
    date: Date,
) -> Item<'a> {
    let (events, logged): (Vec<&Change>, Vec<&Change>) =
        logged.into_iter().partition(|c| is_event(c));
    let (follow, other): (Vec<&Change>, Vec<&Change>) = logged
        .into_iter()
        .partition(|c| c.what == "follow_ups" || follow_up_field(&c.what).is_some());
    let mut fields = fields(other);
    fields.retain(|f| !f.values().is_empty());
    sort_fields(&mut fields);
    let follow_ups = match project {
        Some(pr) => follow_up_notes(pr, follow, date),
        None => orphan_follow_ups(follow),
    };
    Item {
        id,
        project,
        evaluation: project.and_then(|pr| evaluation_of(pr, date)),
        fields,
        follow_ups,
        events,
    }
}

/// Health, status, any other field, then the risks: each risk's fields together (in the
/// order the risks were first changed), probability, consequence, status, mitigation.
fn sort_fields(fields: &mut Vec<Field>) {
    let risk = |f: &Field| risk_field(f.what).map(|(r, _)| r.to_string());
    let first: HashMap<String, usize> = fields
        .iter()
        .enumerate()
        .rev()
        .filter_map(|(i, f)| Some((risk(f)?, i)))
        .collect();
    let keys: Vec<(usize, usize, usize)> = fields
        .iter()
        .enumerate()
        .map(
            |(i, f)| match (f.what, risk(f).and_then(|r| first.get(&r))) {
                ("health", _) => (0, i, 0),
                ("status", _) => (1, i, 0),
                (what, Some(&at)) => {
                    let rank = ["probability", "consequence", "status", "mitigation"]
                        .iter()
                        .position(|n| risk_field(what).is_some_and(|(_, f)| f == *n))
                        .unwrap_or(4);
                    (3, at, rank)
                }
                _ => (2, i, 0),
            },
        )
        .collect();
    let mut keyed: Vec<_> = keys.into_iter().zip(fields.drain(..)).collect();
    keyed.sort_by_key(|(k, _)| *k);
    fields.extend(keyed.into_iter().map(|(_, f)| f));
}

/// The follow-ups of a project's day: from its list (`raised`, `done`) and the log's
/// `follow_ups` (added) and `follow_ups[N].field` (changed) entries, each told once.
fn follow_up_notes<'a>(
    pr: &'a Project,
    logged: Vec<&'a Change>,
    date: Date,
) -> Vec<FollowUpNote<'a>> {
    let mut adds = Vec::new();
    let mut per_index: BTreeMap<usize, Vec<&Change>> = BTreeMap::new();
    for c in logged {
        match follow_up_field(&c.what) {
            Some((i, _)) => per_index.entry(i).or_default().push(c),
            None => adds.push(c),
        }
    }
    // A text changed later in the day: an added follow-up is found under its new text.
    let renames: Vec<(&str, &str)> = per_index
        .values()
        .flatten()
        .filter(|c| follow_up_field(&c.what).is_some_and(|(_, f)| f == "text"))
        .filter_map(|c| Some((c.from.as_deref()?, c.to.as_deref()?)))
        .collect();
    let resolve = |mut t: &'a str| {
        for _ in 0..renames.len() {
            match renames.iter().find(|(from, to)| *from == t && *to != t) {
                Some((_, to)) => t = to,
                None => break,
            }
        }
        t
    };
    let mut added: HashMap<usize, &Change> = HashMap::new();
    let mut unmatched = Vec::new();
    for c in adds {
        let text = resolve(c.to.as_deref().unwrap_or(""));
        let free = |i: &usize| !added.contains_key(i) && pr.follow_ups[*i].text == text;
        let found = (0..pr.follow_ups.len())
            .filter(free)
            .find(|&i| pr.follow_ups[i].raised == date)
            .or_else(|| (0..pr.follow_ups.len()).find(free));
        match found {
            Some(i) => {
                added.insert(i, c);
            }
            None => unmatched.push(c),
        }
    }

    let mut notes = Vec::new();
    for (i, f) in pr.follow_ups.iter().enumerate() {
        let logged = per_index.remove(&i).unwrap_or_default();
        if f.raised == date || added.contains_key(&i) {
            // What it is now already holds the day's edits to it.
            notes.push(FollowUpNote::New {
                text: &f.text,
                follow_up: Some(f),
                logged: added.get(&i).copied(),
                done: f.done == Some(date),
            });
            continue;
        }
        let (done, mut rest): (Vec<Field>, Vec<Field>) = fields(logged)
            .into_iter()
            .partition(|g| follow_up_field(g.what).is_some_and(|(_, n)| n == "done"));
        let done = done.into_iter().next();
        let done_now = f.done == Some(date)
            || done
                .as_ref()
                .is_some_and(|d| d.values().last().is_some_and(Option::is_some));
        match done {
            Some(d) if done_now => notes.push(FollowUpNote::Done {
                follow_up: f,
                logged: d.steps,
            }),
            None if done_now => notes.push(FollowUpNote::Done {
                follow_up: f,
                logged: Vec::new(),
            }),
            Some(d) => rest.push(d), // done taken back
            None => {}
        }
        changed(&mut notes, Some(&f.text), i, rest);
    }
    for c in unmatched {
        notes.push(FollowUpNote::New {
            text: c.to.as_deref().unwrap_or(""),
            follow_up: None,
            logged: Some(c),
            done: false,
        });
    }
    for (i, logged) in per_index {
        changed(&mut notes, None, i, fields(logged));
    }
    notes.sort_by_key(|n| match n {
        FollowUpNote::New { .. } => 0,
        FollowUpNote::Done { .. } => 1,
        FollowUpNote::Changed { .. } => 2,
    });
    notes
}

fn changed<'a>(
    notes: &mut Vec<FollowUpNote<'a>>,
    text: Option<&'a str>,
    index: usize,
    mut fields: Vec<Field<'a>>,
) {
    fields.retain(|f| !f.values().is_empty());
    let rank = |f: &Field| {
        ["text", "owner", "due", "done"]
            .iter()
            .position(|n| follow_up_field(f.what).is_some_and(|(_, g)| g == *n))
            .unwrap_or(4)
    };
    fields.sort_by_key(rank);
    if !fields.is_empty() {
        notes.push(FollowUpNote::Changed {
            text,
            number: index + 1,
            fields,
        });
    }
}

/// The follow-up entries of a project no longer in the file: only the log tells.
fn orphan_follow_ups(logged: Vec<&Change>) -> Vec<FollowUpNote<'_>> {
    let (adds, set): (Vec<&Change>, Vec<&Change>) =
        logged.into_iter().partition(|c| c.what == "follow_ups");
    let mut notes: Vec<FollowUpNote> = adds
        .into_iter()
        .map(|c| FollowUpNote::New {
            text: c.to.as_deref().unwrap_or(""),
            follow_up: None,
            logged: Some(c),
            done: false,
        })
        .collect();
    let mut per_index: BTreeMap<usize, Vec<&Change>> = BTreeMap::new();
    for c in set {
        if let Some((i, _)) = follow_up_field(&c.what) {
            per_index.entry(i).or_default().push(c);
        }
    }
    for (i, logged) in per_index {
        changed(&mut notes, None, i, fields(logged));
    }
    notes
}
