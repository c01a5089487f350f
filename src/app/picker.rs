//! What a picker or a text field changes, and its value now: the picker's title names
//! the project (and the risk), the field and the current value ("HA-10 R2 Kostnadene …
//! · sannsynlighet, nå 4"), its cursor starts on the current value and the entry is
//! marked. Pure data here; `crate::ui::overlay` fits it to the width.

use super::panes::step;
use super::update::{current_project, refuse_read_only, update as update_app};
use super::view::filter_values;
use super::{Action, App, FilterKind, Overlay, PickerKind};
use crate::model::{Decision, Health, RiskStatus, Status};

/// What a picker or a text field changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The ids, shown whole: "HA-10" or "HA-10 R2". Empty for the filter menu.
    pub ids: String,
    /// The project's name or the risk's title, cut to what fits.
    pub name: String,
    /// The field and its value now: "sannsynlighet, nå 4".
    pub what: String,
}

/// The project a picker or the note changes: triage's item, else the selection.
fn project_target(app: &App, what: String) -> Option<Target> {
    let pr = app.portfolio.projects.get(current_project(app)?)?;
    Some(Target {
        ids: pr.id.clone(),
        name: pr.name.clone(),
        what,
    })
}

/// The risk under the register's cursor, as a target.
fn risk_target(app: &App, what: impl Fn(&crate::model::Risk) -> String) -> Option<Target> {
    let (pi, ri) = app.selected_risk()?;
    let pr = app.portfolio.projects.get(pi)?;
    let r = pr.risks.get(ri)?;
    Some(Target {
        ids: format!("{} {}", pr.id, r.id),
        name: r.title.clone(),
        what: what(r),
    })
}

/// This meeting's evaluation of the current project, if there is one yet.
fn meeting_evaluation(app: &App) -> Option<&crate::model::Evaluation> {
    let pr = app.portfolio.projects.get(current_project(app)?)?;
    pr.evaluations.last().filter(|e| e.date == app.meeting_date)
}

/// What the picker changes, or `None` when it changes nothing (the filter menu's first
/// step) or has nothing to change.
pub fn target(app: &App, kind: PickerKind) -> Option<Target> {
    let l = app.lang;
    let value = |i: Option<usize>| {
        i.and_then(|i| picker_entries(app, kind).get(i).map(|e| e.0.clone()))
            .unwrap_or_else(|| "–".to_string())
    };
    match kind {
        PickerKind::Decision => {
            let d = meeting_evaluation(app).and_then(|e| e.decision);
            let now = d.map_or(l.pick("intet", "none"), |d| l.decision(d));
            project_target(
                app,
                l.now(l.pick("møtets vedtak", "meeting's decision"), now),
            )
        }
        PickerKind::Health => project_target(
            app,
            l.now(l.pick("helse", "health"), &value(current(app, kind))),
        ),
        PickerKind::Status => project_target(app, l.now("status", &value(current(app, kind)))),
        PickerKind::RiskStatus => risk_target(app, |r| {
            l.now(
                l.pick("risikostatus", "risk status"),
                l.risk_status(r.status),
            )
        }),
        PickerKind::RiskProbability => risk_target(app, |r| {
            l.now(
                l.pick("sannsynlighet", "probability"),
                &r.probability.to_string(),
            )
        }),
        PickerKind::RiskConsequence => risk_target(app, |r| {
            l.now(
                l.pick("konsekvens", "consequence"),
                &r.consequence.to_string(),
            )
        }),
        PickerKind::FilterKind => None,
        PickerKind::FilterValue(k) => Some(Target {
            ids: String::new(),
            name: String::new(),
            what: format!(
                "{} {}",
                l.pick("Filtrer på", "Filter by"),
                l.now(
                    &k.label(l).to_lowercase(),
                    &match current(app, kind) {
                        Some(i) if i > 0 => value(Some(i)),
                        _ => l.pick("alle", "all").to_string(),
                    }
                )
            ),
        }),
    }
}

/// The entry of the picker that is the value now (its cursor starts there).
pub fn current(app: &App, kind: PickerKind) -> Option<usize> {
    match kind {
        PickerKind::Decision => {
            let d = meeting_evaluation(app).and_then(|e| e.decision);
            match d {
                Some(d) => Decision::ALL.iter().position(|&x| x == d),
                None => Some(Decision::ALL.len()),
            }
        }
        PickerKind::Health => {
            let pr = app.portfolio.projects.get(current_project(app)?)?;
            match pr.health {
                Some(h) => Health::ALL.iter().position(|&x| x == h),
                None => Some(Health::ALL.len()),
            }
        }
        PickerKind::Status => {
            let pr = app.portfolio.projects.get(current_project(app)?)?;
            Status::ALL.iter().position(|&x| x == pr.status)
        }
        PickerKind::RiskStatus | PickerKind::RiskProbability | PickerKind::RiskConsequence => {
            let (pi, ri) = app.selected_risk()?;
            let r = app.portfolio.projects.get(pi)?.risks.get(ri)?;
            match kind {
                PickerKind::RiskStatus => RiskStatus::ALL.iter().position(|&x| x == r.status),
                PickerKind::RiskProbability => level(r.probability),
                _ => level(r.consequence),
            }
        }
        PickerKind::FilterKind => None,
        PickerKind::FilterValue(k) => {
            let f = &app.filters;
            Some(match k {
                FilterKind::FollowUps => f
                    .follow_ups
                    .and_then(|k| super::FollowUpFilter::ALL.iter().position(|&x| x == k))
                    .map_or(0, |i| i + 1),
                FilterKind::Status => f
                    .status
                    .and_then(|s| Status::ALL.iter().position(|&x| x == s))
                    .map_or(0, |i| i + 1),
                FilterKind::Health => match f.health {
                    None => 0,
                    Some(None) => Health::ALL.len() + 1,
                    Some(Some(h)) => Health::ALL
                        .iter()
                        .position(|&x| x == h)
                        .map_or(0, |i| i + 1),
                },
                FilterKind::Unit | FilterKind::Instrument | FilterKind::Tag => {
                    let set = match k {
                        FilterKind::Unit => &f.unit,
                        FilterKind::Instrument => &f.instrument,
                        _ => &f.tag,
                    };
                    set.as_ref()
                        .and_then(|v| filter_values(app, k).iter().position(|x| x == v))
                        .map_or(0, |i| i + 1)
                }
            })
        }
    }
}

/// Choosing entry `i` would change nothing (it is the value now): the picker closes
/// without an edit, saying so, so that `Enter` on the value the cursor starts on records
/// nothing (no empty evaluation of the day, no unsaved change).
pub fn unchanged(app: &mut App, kind: PickerKind, i: usize) -> bool {
    if current(app, kind) != Some(i) {
        return false;
    }
    if let Some(t) = target(app, kind) {
        app.message = Some(format!(
            "{} · {} — {}",
            t.ids,
            t.what,
            app.lang.pick("uendret", "unchanged")
        ));
    }
    true
}

/// The number of a picker's first entry. A value has the same number in every picker:
/// the filters start with "(all)" as 0, so Green is 1 in the filter as in `H`, Proposed 1
/// in the filter as in `S`; the others start at 1.
pub fn first_number(kind: PickerKind) -> usize {
    match kind {
        PickerKind::FilterValue(_) => 0,
        _ => 1,
    }
}

/// 1–5 → entry 0–4.
fn level(v: i64) -> Option<usize> {
    (1..=5).contains(&v).then(|| (v - 1) as usize)
}

/// What the note or mitigation field changes (its current value is the text in it).
pub fn text_target(app: &App, mitigation: bool) -> Option<Target> {
    let l = app.lang;
    if mitigation {
        risk_target(app, |_| {
            l.pick("tiltak mot risikoen", "mitigation").to_string()
        })
    } else {
        project_target(
            app,
            format!(
                "{} {}",
                l.pick("notat for møtet", "note for the meeting"),
                app.meeting_date
            ),
        )
    }
}

pub(super) fn open_picker(app: &mut App, kind: PickerKind) {
    if refuse_read_only(app) {
        return;
    }
    if current_project(app).is_none() {
        return;
    }
    let cursor = current(app, kind).unwrap_or(0);
    app.overlay = Some(Overlay::Picker { kind, cursor });
}

/// The entries of a picker, as (label, action).
pub fn picker_entries(app: &App, kind: PickerKind) -> Vec<(String, Action)> {
    let l = app.lang;
    match kind {
        PickerKind::Decision => {
            let mut v: Vec<(String, Action)> = Decision::ALL
                .iter()
                .map(|&d| (l.decision(d).to_string(), Action::SetDecision(Some(d))))
                .collect();
            v.push((
                l.pick("(intet vedtak)", "(no decision)").to_string(),
                Action::SetDecision(None),
            ));
            v
        }
        PickerKind::Health => {
            let mut v: Vec<(String, Action)> = Health::ALL
                .iter()
                .map(|&h| (l.health(Some(h)).to_string(), Action::SetHealth(Some(h))))
                .collect();
            v.push((l.health(None).to_string(), Action::SetHealth(None)));
            v
        }
        PickerKind::Status => Status::ALL
            .iter()
            .map(|&s| (l.status(s).to_string(), Action::SetStatus(s)))
            .collect(),
        PickerKind::RiskStatus => RiskStatus::ALL
            .iter()
            .map(|&s| (l.risk_status(s).to_string(), Action::SetRiskStatus(s)))
            .collect(),
        PickerKind::RiskProbability => (1..=5)
            .map(|v| {
                (
                    l.probability(v).unwrap_or("").into(),
                    Action::RiskProbability(v),
                )
            })
            .collect(),
        PickerKind::RiskConsequence => (1..=5)
            .map(|v| {
                (
                    l.consequence(v).unwrap_or("").into(),
                    Action::RiskConsequence(v),
                )
            })
            .collect(),
        PickerKind::FilterKind => FilterKind::ALL
            .iter()
            .map(|&k| (k.label(l).to_string(), Action::Noop))
            .collect(),
        PickerKind::FilterValue(k) => {
            let mut v = vec![(l.pick("(alle)", "(all)").to_string(), Action::Noop)];
            match k {
                FilterKind::Status => v.extend(
                    Status::ALL
                        .iter()
                        .map(|&s| (l.status(s).to_string(), Action::Noop)),
                ),
                FilterKind::Health => {
                    v.extend(
                        Health::ALL
                            .iter()
                            .map(|&h| (l.health(Some(h)).to_string(), Action::Noop)),
                    );
                    v.push((l.health(None).to_string(), Action::Noop));
                }
                FilterKind::FollowUps => v.extend(
                    super::FollowUpFilter::ALL
                        .iter()
                        .map(|&k| (k.label(l).to_string(), Action::Noop)),
                ),
                _ => v.extend(filter_values(app, k).into_iter().map(|s| (s, Action::Noop))),
            }
            v
        }
    }
}

pub(super) fn update(app: &mut App, action: Action, kind: PickerKind, cursor: usize) {
    let entries = picker_entries(app, kind);
    let n = entries.len();
    let choose = |app: &mut App, i: usize| {
        app.overlay = None;
        match kind {
            PickerKind::FilterKind => {
                if let Some(&k) = FilterKind::ALL.get(i) {
                    let kind = PickerKind::FilterValue(k);
                    let cursor = current(app, kind).unwrap_or(0);
                    app.overlay = Some(Overlay::Picker { kind, cursor });
                }
            }
            PickerKind::FilterValue(k) => {
                set_filter(app, k, i, &entries);
            }
            _ if super::picker::unchanged(app, kind, i) => {}
            _ => {
                if let Some((_, a)) = entries.get(i) {
                    update_app(app, *a);
                }
            }
        }
    };
    match action {
        Action::Pick(i) if i < n => choose(app, i),
        Action::Enter => choose(app, cursor),
        Action::Up | Action::Down => {
            app.overlay = Some(Overlay::Picker {
                kind,
                cursor: step(cursor, n, action, 1),
            })
        }
        Action::Back => app.overlay = None,
        // `q` quits here as everywhere (asking first when something is unsaved).
        Action::Quit | Action::ForceQuit => {
            app.overlay = None;
            update_app(app, action);
        }
        _ => {}
    }
}

fn set_filter(app: &mut App, k: FilterKind, i: usize, entries: &[(String, Action)]) {
    let f = &mut app.filters;
    // Entry 0 is "(all)": clears this filter.
    let value = (i > 0)
        .then(|| entries.get(i).map(|e| e.0.clone()))
        .flatten();
    match k {
        FilterKind::Status => f.status = i.checked_sub(1).and_then(|j| Status::ALL.get(j).copied()),
        FilterKind::Health => {
            f.health = match i {
                0 => None,
                1..=3 => Some(Some(Health::ALL[i - 1])),
                _ => Some(None),
            }
        }
        FilterKind::Unit => f.unit = value,
        FilterKind::Instrument => f.instrument = value,
        FilterKind::Tag => f.tag = value,
        FilterKind::FollowUps => {
            f.follow_ups = i
                .checked_sub(1)
                .and_then(|j| super::FollowUpFilter::ALL.get(j).copied())
        }
    }
    app.project_cursor = 0;
    app.refilter();
}
