//! The meeting record's rules: meetings, their agendas and change logs, follow-ups and
//! the members' ratings.

use std::collections::{HashMap, HashSet};

use super::figures::effective_as_of;
use super::locate::{field, index};
use super::progress::NOBODY;
use super::tree::GoalTree;
use super::types::Portfolio;
use super::validate::{Findings, check_scores};
use super::validate_words as w;

pub(super) fn check(p: &Portfolio, tree: &GoalTree, f: &mut Findings) {
    check_meetings(p, tree, f);
    check_projects(p, f);
}

fn check_meetings(p: &Portfolio, tree: &GoalTree, f: &mut Findings) {
    // Every project's id, when a meeting names a project (a national portfolio's
    // 100,000 ids are not hashed for a file without a record).
    let names_a_project = p
        .meetings
        .iter()
        .any(|m| !m.agenda.is_empty() || m.changes.iter().any(|c| c.project.is_some()));
    let projects: HashSet<&str> = if names_a_project {
        p.projects.iter().map(|pr| pr.id.as_str()).collect()
    } else {
        HashSet::new()
    };
    let mut dates = HashMap::new();
    for (mi, m) in p.meetings.iter().enumerate() {
        let path = || index(".meetings", mi);
        if let Some(first) = dates.insert(m.date, mi) {
            dates.insert(m.date, first);
            f.error(
                field(&path(), "date"),
                w::two_meetings(m.date, first + 1, mi + 1),
            );
        }
        for (ai, id) in m.agenda.iter().enumerate() {
            if !projects.contains(id.as_str()) {
                f.warning(
                    index(&field(&path(), "agenda"), ai),
                    w::agenda_gone(m.date, id),
                );
            }
        }
        for (ci, c) in m.changes.iter().enumerate() {
            let cpath = || index(&field(&path(), "changes"), ci);
            if let Some(id) = &c.project
                && !projects.contains(id.as_str())
            {
                f.warning(
                    field(&cpath(), "project"),
                    w::change_gone(c.at, m.date, false, id),
                );
            }
            if let Some(id) = &c.goal
                && tree.index_of(id).is_none()
            {
                f.warning(
                    field(&cpath(), "goal"),
                    w::change_gone(c.at, m.date, true, id),
                );
            }
        }
    }
}

fn check_projects(p: &Portfolio, f: &mut Findings) {
    let as_of = effective_as_of(p);
    let criteria: HashSet<&str> = p.criteria.iter().map(|c| c.id.as_str()).collect();
    f.per_project(p, &NOBODY, |pi, pr, f| {
        let path = || index(".projects", pi);
        for (ei, ev) in pr.evaluations.iter().enumerate() {
            let epath = || index(&field(&path(), "evaluations"), ei);
            let mut by = HashSet::new();
            for (ri, r) in ev.ratings.iter().enumerate() {
                let rpath = || index(&field(&epath(), "ratings"), ri);
                if !by.insert(r.by.as_str()) {
                    f.error(field(&rpath(), "by"), w::rates_twice(&r.by, pr, ev.date));
                }
                check_scores(
                    p,
                    &criteria,
                    &r.scores,
                    || field(&rpath(), "scores"),
                    || w::rating_of(&r.by, pr, ev.date),
                    f,
                );
            }
        }
        for (ui, u) in pr.follow_ups.iter().enumerate() {
            let upath = || index(&field(&path(), "follow_ups"), ui);
            match (u.done, u.due) {
                (Some(done), _) if done < u.raised => f.error(
                    field(&upath(), "done"),
                    w::done_before_raised(&u.text, pr, done, u.raised),
                ),
                (None, Some(due)) if due < as_of => f.warning(
                    field(&upath(), "due"),
                    w::follow_up_overdue(&u.text, pr, due, as_of),
                ),
                _ => {}
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::validate::testing::*;

    /// A clean file with one project, to which the tests add the record.
    fn file(project_extra: &str, meetings: &str) -> String {
        format!(
            r#"(name: "T", organisation: "O", as_of: "2026-06-01",
    goals: [(id: "a", title: "A")],
    projects: [
        (id: "P1", name: "One", goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)],
{project_extra}),
    ],
    meetings: [
{meetings}
    ],
)"#
        )
    }

    #[test]
    fn a_full_record_is_clean() {
        let text = file(
            r#"         evaluations: [(date: "2026-05-01", scores: {"goals": 4},
                        ratings: [(by: "Kari", scores: {"goals": 4, "budget": 1}), (by: "Ola", scores: {"goals": 5})])],
         follow_ups: [(text: "Plan", raised: "2026-05-01", due: "2026-05-15", done: "2026-05-01"),
                      (text: "Rapport", raised: "2026-05-01", due: "2026-06-01")]"#,
            r#"        (date: "2026-05-01", agenda: ["P1"], changes: [(at: "10:00", project: "P1", goal: "a", what: "health", to: "Red")]),
        (date: "2026-05-02")"#,
        );
        assert_eq!(run(&text), []);
    }

    #[test]
    fn two_meetings_on_one_date() {
        let text = file(
            "",
            r#"        (date: "2026-05-01"),
        (date: "2026-05-08"),
        (date: "2026-05-01", note: "x"),"#,
        );
        let d = only(&text, Severity::Error);
        assert_at(
            &d,
            10,
            16,
            &[
                "two meetings on 2026-05-01 (meetings 1 and 3)",
                "merge their records or correct the date",
            ],
        );
    }

    #[test]
    fn two_ratings_by_one_person() {
        let text = file(
            r#"         evaluations: [(date: "2026-05-01", ratings: [
            (by: "Kari", scores: {"goals": 4}),
            (by: "Kari", scores: {"goals": 3}),
         ])]"#,
            "",
        );
        let d = only(&text, Severity::Error);
        assert_at(
            &d,
            7,
            18,
            &[
                "Kari rates twice in project `P1` (\"One\")'s evaluation of 2026-05-01; keep one rating per person",
            ],
        );
    }

    #[test]
    fn a_rating_score_outside_one_to_five_or_for_an_unknown_criterion() {
        let text = file(
            r#"         evaluations: [(date: "2026-05-01", ratings: [(by: "Kari", scores: {"goals": 6, "reslts": 3})])]"#,
            "",
        );
        let e = of(&text, Severity::Error);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_at(
            &e[0],
            5,
            86,
            &[
                "score 6 for `goals` in Kari's rating in project `P1` (\"One\")'s evaluation of 2026-05-01 is outside 1–5",
            ],
        );
        assert_at(
            &e[1],
            5,
            89,
            &[
                "score for unknown criterion `reslts` in Kari's rating",
                "did you mean `results`?",
            ],
        );
    }

    #[test]
    fn a_follow_up_done_before_it_was_raised() {
        let text = file(
            r#"         follow_ups: [(text: "Ny plan", raised: "2026-05-01", done: "2026-04-30")]"#,
            "",
        );
        let d = only(&text, Severity::Error);
        assert_at(
            &d,
            5,
            69,
            &[
                "the follow-up \"Ny plan\" of project `P1` (\"One\") is marked done 2026-04-30, before it was raised 2026-05-01",
            ],
        );
    }

    #[test]
    fn an_open_follow_up_past_its_due_date() {
        let text = file(
            r#"         follow_ups: [
            (text: "Ny plan", raised: "2026-05-01", due: "2026-05-20"),
            (text: "Levert", raised: "2026-05-01", due: "2026-05-20", done: "2026-05-25"),
            (text: "I dag", raised: "2026-05-01", due: "2026-06-01"),
         ]"#,
            "",
        );
        let d = only(&text, Severity::Warning);
        assert_at(
            &d,
            6,
            58,
            &[
                "the follow-up \"Ny plan\" of project `P1` (\"One\") was due 2026-05-20 (12 days before 2026-06-01) and is still open",
            ],
        );
    }

    #[test]
    fn the_record_names_a_project_or_goal_no_longer_in_the_file() {
        let text = file(
            "",
            r#"        (date: "2026-05-01", agenda: ["P1", "P9"],
         changes: [(at: "10:05", project: "P8", what: "health"), (at: "10:07", goal: "b", what: "title")]),"#,
        );
        let w = of(&text, Severity::Warning);
        assert_eq!(w.len(), 3, "{w:#?}");
        assert_at(
            &w[0],
            8,
            45,
            &[
                "the agenda of the meeting on 2026-05-01 names project `P9`, which is no longer in the file (kept as recorded)",
            ],
        );
        assert_at(
            &w[1],
            9,
            43,
            &["the change at 10:05 in the meeting on 2026-05-01 names project `P8`"],
        );
        assert_at(
            &w[2],
            9,
            86,
            &["the change at 10:07 in the meeting on 2026-05-01 names goal `b`"],
        );
        assert!(of(&text, Severity::Error).is_empty());
    }
}
