//! What a meeting records beside each edit: who made it and when, in the meeting's change
//! log (`Meeting.changes`), the agenda it took the projects in, and who was there
//! (FORMAT.md, `Meeting` and `Change`). The minutes are written from this and the
//! evaluations alone.

use serde::{Deserialize, Serialize};

use super::edit::Edit;
use super::types::{Change, Date, Meeting, Portfolio, Project, Time};

/// The meeting's stamp on an edit: the day, the time it was made, who recorded it, and
/// the project triage is at (empty outside triage), which joins the day's agenda.
/// Journaled with the edit, so a replay after a crash records the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stamp {
    pub date: Date,
    pub at: Time,
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub agenda: Vec<String>,
}

/// Who chaired a meeting, kept its record, came and sent apologies, and a note: the
/// header of the meeting of `date` (its agenda and change log are kept as they are).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingRecord {
    pub date: Date,
    #[serde(default)]
    pub chair: Option<String>,
    #[serde(default)]
    pub secretary: Option<String>,
    #[serde(default)]
    pub attendees: Vec<String>,
    #[serde(default)]
    pub absent: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

impl MeetingRecord {
    /// The record of the meeting on `date` in `p`, empty if there is none yet.
    pub fn of(p: &Portfolio, date: Date) -> MeetingRecord {
        match p.meetings.iter().find(|m| m.date == date) {
            Some(m) => MeetingRecord {
                date,
                chair: m.chair.clone(),
                secretary: m.secretary.clone(),
                attendees: m.attendees.clone(),
                absent: m.absent.clone(),
                note: m.note.clone(),
            },
            None => MeetingRecord {
                date,
                chair: None,
                secretary: None,
                attendees: Vec::new(),
                absent: Vec::new(),
                note: None,
            },
        }
    }

    /// Write this header into the meeting of its date (made if there is none).
    pub fn apply(&self, p: &mut Portfolio) {
        let clean = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
        let names = |v: &[String]| -> Vec<String> {
            v.iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        let (chair, secretary, note) = (
            clean(&self.chair),
            clean(&self.secretary),
            clean(&self.note),
        );
        let (attendees, absent) = (names(&self.attendees), names(&self.absent));
        let empty = chair.is_none()
            && secretary.is_none()
            && note.is_none()
            && attendees.is_empty()
            && absent.is_empty();
        if empty && !p.meetings.iter().any(|m| m.date == self.date) {
            return; // nothing to record, and no meeting to clear
        }
        let m = meeting_mut(p, self.date);
        m.chair = chair;
        m.secretary = secretary;
        m.attendees = attendees;
        m.absent = absent;
        m.note = note;
    }
}

/// The meeting of `date`, made (in date order, as the file keeps them) if there is none.
pub fn meeting_mut(p: &mut Portfolio, date: Date) -> &mut Meeting {
    let at = match p.meetings.iter().position(|m| m.date == date) {
        Some(i) => i,
        None => {
            let i = p.meetings.partition_point(|m| m.date < date);
            p.meetings.insert(
                i,
                Meeting {
                    date,
                    chair: None,
                    secretary: None,
                    attendees: Vec::new(),
                    absent: Vec::new(),
                    note: None,
                    agenda: Vec::new(),
                    changes: Vec::new(),
                },
            );
            i
        }
    };
    &mut p.meetings[at]
}

/// After `edit` changed project `i` (which was `before`): the evaluation it started
/// names who made it, and any other edit is entered in the meeting's change log.
pub fn stamped(p: &mut Portfolio, i: usize, before: &Project, edit: &Edit, s: &Stamp) {
    let pr = &mut p.projects[i];
    if edit.is_evaluation() {
        let started = pr.evaluations.len() > before.evaluations.len();
        if started && let Some(ev) = pr.evaluations.last_mut() {
            ev.by = ev.by.take().or_else(|| s.by.clone());
        }
        return;
    }
    let (from, to) = match edit {
        Edit::FollowUpAdd { follow_up, .. } => (None, Some(follow_up.text.clone())),
        Edit::FollowUpSet { index, .. } => {
            return follow_up_changes(p, i, before, *index, s);
        }
        _ => (edit.read(before), edit.read(pr)),
    };
    let change = Change {
        at: s.at,
        by: s.by.clone(),
        project: Some(pr.id.clone()),
        goal: None,
        what: edit.field(),
        from,
        to,
    };
    meeting_mut(p, s.date).changes.push(change);
}

/// A follow-up changed: one change per field that differs (`follow_ups[2].done`). The
/// follow-up is the one that changed (the edit may have found it by its text elsewhere
/// than at `index`, if the file changed since it was chosen).
fn follow_up_changes(p: &mut Portfolio, i: usize, before: &Project, index: usize, s: &Stamp) {
    let pr = &p.projects[i];
    let index = (0..before.follow_ups.len())
        .find(|&j| before.follow_ups.get(j) != pr.follow_ups.get(j))
        .unwrap_or(index);
    let (Some(old), Some(new)) = (before.follow_ups.get(index), pr.follow_ups.get(index)) else {
        return;
    };
    let date = |d: &Option<Date>| d.map(|d| d.to_string());
    let fields = [
        ("text", Some(old.text.clone()), Some(new.text.clone())),
        ("owner", old.owner.clone(), new.owner.clone()),
        ("due", date(&old.due), date(&new.due)),
        ("done", date(&old.done), date(&new.done)),
    ];
    let id = pr.id.clone();
    let changes: Vec<Change> = fields
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(f, from, to)| Change {
            at: s.at,
            by: s.by.clone(),
            project: Some(id.clone()),
            goal: None,
            what: format!("follow_ups[{index}].{f}"),
            from,
            to,
        })
        .collect();
    meeting_mut(p, s.date).changes.extend(changes);
}

/// The agenda the meeting takes, kept in its record: the ids not there yet are added
/// in the stamp's order.
pub fn agenda(p: &mut Portfolio, s: &Stamp) {
    let m = meeting_mut(p, s.date);
    for id in &s.agenda {
        if !m.agenda.contains(id) {
            m.agenda.push(id.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::History;
    use crate::model::{FollowUp, Health, parse};

    fn sample() -> Portfolio {
        parse(include_str!("../../tests/fixtures/example.ron")).unwrap()
    }

    fn stamp(at: &str, agenda: &[&str]) -> Stamp {
        Stamp {
            date: Date::parse("2026-11-30").unwrap(),
            at: Time::parse(at).unwrap(),
            by: Some("Kari".into()),
            agenda: agenda.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_health_change_is_logged_with_from_to_who_and_when_and_undo_takes_it_back() {
        let mut p = sample();
        let was = p.projects[0].health;
        let mut h = History::default();
        let e = Edit::Health {
            project: "P-01".into(),
            health: Some(Health::Red),
        };
        h.apply_stamped(&mut p, &e, Some(&stamp("14:05", &["P-01"])))
            .unwrap();
        let m = p
            .meetings
            .iter()
            .find(|m| m.date == stamp("00:00", &[]).date);
        let m = m.expect("the day's meeting is made");
        assert_eq!(m.agenda, ["P-01"]);
        assert_eq!(
            m.changes,
            [Change {
                at: Time::parse("14:05").unwrap(),
                by: Some("Kari".into()),
                project: Some("P-01".into()),
                goal: None,
                what: "health".into(),
                from: was.map(|h| format!("{h:?}")),
                to: Some("Red".into()),
            }]
        );
        h.undo(&mut p);
        assert_eq!(p, sample());
    }

    #[test]
    fn an_evaluation_the_meeting_starts_names_who_and_scores_are_not_logged() {
        let mut p = sample();
        let mut h = History::default();
        let e = Edit::Score {
            project: "P-01".into(),
            date: stamp("00:00", &[]).date,
            criterion: "goals".into(),
            score: Some(4),
        };
        h.apply_stamped(&mut p, &e, Some(&stamp("10:00", &[])))
            .unwrap();
        let ev = p.projects[0].evaluations.last().unwrap();
        assert_eq!(ev.by.as_deref(), Some("Kari"));
        assert!(p.meetings.iter().all(|m| m.changes.is_empty()));
    }

    #[test]
    fn follow_ups_are_logged_when_added_and_per_field_when_changed() {
        let mut p = sample();
        let mut h = History::default();
        let f = FollowUp {
            text: "Send revidert budsjett".into(),
            owner: Some("Ola".into()),
            due: Date::parse("2026-12-14"),
            raised: stamp("00:00", &[]).date,
            done: None,
            by: Some("Kari".into()),
        };
        let add = Edit::FollowUpAdd {
            project: "P-01".into(),
            follow_up: f.clone(),
        };
        h.apply_stamped(&mut p, &add, Some(&stamp("10:00", &[])))
            .unwrap();
        let index = p.projects[0].follow_ups.len() - 1;
        let done = Edit::FollowUpSet {
            project: "P-01".into(),
            index,
            text: f.text.clone(),
            follow_up: FollowUp {
                done: Date::parse("2026-11-30"),
                ..f.clone()
            },
        };
        h.apply_stamped(&mut p, &done, Some(&stamp("10:07", &[])))
            .unwrap();
        let m = p.meetings.last().unwrap();
        let what: Vec<(&str, Option<&str>)> = m
            .changes
            .iter()
            .map(|c| (c.what.as_str(), c.to.as_deref()))
            .collect();
        assert_eq!(
            what,
            [
                ("follow_ups", Some("Send revidert budsjett")),
                (&*format!("follow_ups[{index}].done"), Some("2026-11-30")),
            ]
        );
        assert_eq!(h.unsaved(&p), 1, "one follow-up added");
    }

    #[test]
    fn a_follow_up_found_by_its_text_elsewhere_is_logged_at_its_place() {
        let mut p = sample();
        let f = |text: &str| FollowUp {
            text: text.into(),
            owner: None,
            due: None,
            raised: Date::parse("2026-01-01").unwrap(),
            done: None,
            by: None,
        };
        p.projects[0].follow_ups = vec![f("a"), f("b")];
        let mut h = History::default();
        // Chosen when "b" was first; the file has "a" before it now.
        let e = Edit::FollowUpSet {
            project: "P-01".into(),
            index: 0,
            text: "b".into(),
            follow_up: FollowUp {
                done: Date::parse("2026-11-30"),
                ..f("b")
            },
        };
        h.apply_stamped(&mut p, &e, Some(&stamp("10:00", &[])))
            .unwrap();
        assert_eq!(p.projects[0].follow_ups[1].done, Date::parse("2026-11-30"));
        let c = &p.meetings.last().unwrap().changes;
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].what, "follow_ups[1].done");
    }

    #[test]
    fn the_meeting_record_is_made_in_date_order_and_an_empty_one_makes_nothing() {
        let mut p = sample();
        let mut h = History::default();
        let date = Date::parse("2000-01-01").unwrap();
        let mut r = MeetingRecord::of(&p, date);
        h.apply(&mut p, &Edit::Meeting(r.clone())).unwrap();
        assert!(!h.can_undo(), "an empty record changes nothing");
        r.chair = Some("Per".into());
        r.attendees = vec!["Per".into(), " Kari ".into(), "".into()];
        h.apply(&mut p, &Edit::Meeting(r)).unwrap();
        assert_eq!(p.meetings[0].date, date);
        assert_eq!(p.meetings[0].attendees, ["Per", "Kari"]);
        assert_eq!(h.unsaved(&p), 3);
        h.undo(&mut p);
        assert_eq!(p, sample());
    }
}
