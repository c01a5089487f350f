use super::*;
use crate::model::parse;

fn sample() -> Portfolio {
    parse(include_str!("../../../tests/fixtures/example.ron")).unwrap()
}

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

#[test]
fn first_score_of_a_meeting_appends_an_evaluation_later_ones_change_it() {
    let mut p = sample();
    let mut h = History::default();
    let n = p.projects[0].evaluations.len();
    let score = |c: &str, s| Edit::Score {
        project: "P-01".into(),
        date: d("2026-11-22"),
        criterion: c.into(),
        score: Some(s),
    };
    h.apply(&mut p, &score("results", 4)).unwrap();
    h.apply(&mut p, &score("goals", 5)).unwrap();
    let evs = &p.projects[0].evaluations;
    assert_eq!(evs.len(), n + 1);
    let last = evs.last().unwrap();
    assert_eq!(last.date, d("2026-11-22"));
    // Stored in the criteria's order, not the order they were scored.
    assert_eq!(
        last.scores.iter().collect::<Vec<_>>(),
        [(&"goals".to_string(), &5), (&"results".to_string(), &4)]
    );
}

#[test]
fn undo_and_redo_walk_back_to_the_loaded_state() {
    let original = sample();
    let mut p = original.clone();
    let mut h = History::default();
    h.apply(
        &mut p,
        &Edit::Health {
            project: "P-01".into(),
            health: Some(Health::Red),
        },
    )
    .unwrap();
    h.apply(
        &mut p,
        &Edit::Decision {
            project: "P-01".into(),
            date: d("2026-11-22"),
            decision: Some(Decision::Pause),
        },
    )
    .unwrap();
    let edited = p.clone();
    assert_eq!(h.undo(&mut p).and_then(|s| s.project), Some(0));
    assert_eq!(h.undo(&mut p).and_then(|s| s.project), Some(0));
    assert_eq!(h.undo(&mut p), None);
    assert_eq!(p, original);
    h.redo(&mut p);
    h.redo(&mut p);
    assert_eq!(p, edited);
}

#[test]
fn risk_edits_check_range_and_ids() {
    let mut p = sample();
    let e = Edit::RiskProbability {
        project: "P-01".into(),
        risk: "R1".into(),
        value: 5,
    };
    e.apply(&mut p).unwrap();
    assert_eq!(p.projects[0].risks[0].probability, 5);
    let bad = Edit::RiskConsequence {
        project: "P-01".into(),
        risk: "R1".into(),
        value: 6,
    };
    assert_eq!(bad.apply(&mut p), Err(EditError::OutOfRange("consequence")));
    let missing = Edit::RiskStatus {
        project: "P-01".into(),
        risk: "R9".into(),
        status: RiskStatus::Closed,
    };
    assert!(matches!(missing.apply(&mut p), Err(EditError::NoRisk(..))));
    let nop = Edit::Status {
        project: "nope".into(),
        status: Status::Active,
    };
    assert!(matches!(nop.apply(&mut p), Err(EditError::NoProject(_))));
}

#[test]
fn clearing_the_only_score_of_the_day_takes_the_days_evaluation_away() {
    let original = sample();
    let mut p = original.clone();
    let mut h = History::default();
    let score = |s| Edit::Score {
        project: "P-01".into(),
        date: d("2026-11-22"),
        criterion: "goals".into(),
        score: s,
    };
    h.apply(&mut p, &score(Some(4))).unwrap();
    h.apply(&mut p, &score(None)).unwrap();
    assert_eq!(p, original);
    assert_eq!(h.unsaved(&p), 0);
    // A "no decision" on a day with nothing makes nothing either.
    let none = Edit::Decision {
        project: "P-01".into(),
        date: d("2026-11-22"),
        decision: None,
    };
    h.apply(&mut p, &none).unwrap();
    assert_eq!(p, original);
}

#[test]
fn a_no_op_edit_leaves_no_history() {
    let mut p = sample();
    let mut h = History::default();
    let health = p.projects[0].health;
    h.apply(
        &mut p,
        &Edit::Health {
            project: "P-01".into(),
            health,
        },
    )
    .unwrap();
    assert!(!h.can_undo());
}

fn rating(by: &str, scores: &[(&str, i64)]) -> crate::model::Rating {
    crate::model::Rating {
        by: by.into(),
        scores: scores.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
    }
}

fn ratings_edit(project: &str, date: &str, ratings: Vec<crate::model::Rating>) -> Edit {
    Edit::Ratings {
        project: project.into(),
        date: d(date),
        ratings,
    }
}

#[test]
fn ratings_go_into_the_meeting_evaluation_sorted_by_name_and_undo_takes_them_back() {
    let original = sample();
    let mut p = original.clone();
    let mut h = History::default();
    let n = p.projects[0].evaluations.len();
    let e = ratings_edit(
        "P-01",
        "2026-11-22",
        vec![
            rating("Åse", &[("goals", 5)]),
            rating(" Ida ", &[("budget", 2), ("goals", 4)]),
            rating("Knut", &[("goals", 3), ("results", 3)]),
            rating("Ola", &[]),
        ],
    );
    assert_eq!(h.apply(&mut p, &e), Ok(Some(0)));
    let evs = &p.projects[0].evaluations;
    assert_eq!(evs.len(), n + 1, "the day's evaluation is made");
    let ev = evs.last().unwrap();
    assert_eq!(ev.date, d("2026-11-22"));
    assert!(
        ev.scores.is_empty(),
        "the group's result is the chair's to score"
    );
    assert_eq!(
        ev.ratings,
        [
            rating("Ida", &[("goals", 4), ("budget", 2)]),
            rating("Knut", &[("goals", 3), ("results", 3)]),
            rating("Åse", &[("goals", 5)]),
        ],
        "by name (Å last), trimmed, criteria in the file's order, no empty rating"
    );
    assert_eq!(h.unsaved(&p), 5, "five scores");
    // The chair then scores the group's result into the same evaluation.
    let score = Edit::Score {
        project: "P-01".into(),
        date: d("2026-11-22"),
        criterion: "goals".into(),
        score: Some(4),
    };
    h.apply(&mut p, &score).unwrap();
    let ev = p.projects[0].evaluations.last().unwrap();
    assert_eq!((ev.scores.get("goals"), ev.ratings.len()), (Some(&4), 3));
    h.undo(&mut p);
    h.undo(&mut p);
    assert_eq!(p, original);
    assert_eq!(h.unsaved(&p), 0);
    h.redo(&mut p);
    assert_eq!(p.projects[0].evaluations.last().unwrap().ratings.len(), 3);
    // Cleared again: the day's evaluation, with nothing else in it, goes.
    h.apply(&mut p, &ratings_edit("P-01", "2026-11-22", vec![]))
        .unwrap();
    assert_eq!(p, original);
}

#[test]
fn ratings_into_an_evaluation_already_there_keep_its_scores_and_decision() {
    let mut p = sample();
    let ev = p.projects[0].evaluations.last().unwrap().clone();
    let e = ratings_edit(
        "P-01",
        &ev.date.to_string(),
        vec![rating("Kari", &[("goals", 2)])],
    );
    e.apply(&mut p).unwrap();
    let now = p.projects[0].evaluations.last().unwrap();
    assert_eq!(now.scores, ev.scores);
    assert_eq!(now.decision, ev.decision);
    assert_eq!(now.ratings, [rating("Kari", &[("goals", 2)])]);
    assert_eq!(
        p.projects[0].evaluations.len(),
        sample().projects[0].evaluations.len()
    );
}

#[test]
fn ratings_that_would_make_an_invalid_file_are_refused_and_change_nothing() {
    let original = sample();
    let mut p = original.clone();
    let mut h = History::default();
    let day = "2026-11-22";
    let cases = [
        (
            ratings_edit(
                "P-01",
                day,
                vec![
                    rating("Ida", &[("goals", 4)]),
                    rating("Ida ", &[("budget", 1)]),
                ],
            ),
            EditError::RatesTwice("Ida".into()),
        ),
        (
            ratings_edit("P-01", day, vec![rating("Ida", &[("goals", 6)])]),
            EditError::OutOfRange("a score"),
        ),
        (
            ratings_edit("P-01", day, vec![rating("Ida", &[("goals", 0)])]),
            EditError::OutOfRange("a score"),
        ),
        (
            ratings_edit("P-01", day, vec![rating("Ida", &[("reslts", 3)])]),
            EditError::NoCriterion("reslts".into()),
        ),
        (
            ratings_edit("P-01", day, vec![rating("  ", &[("goals", 3)])]),
            EditError::Empty("a rating's name"),
        ),
        (
            ratings_edit("nope", day, vec![rating("Ida", &[("goals", 3)])]),
            EditError::NoProject("nope".into()),
        ),
    ];
    for (e, want) in cases {
        assert_eq!(h.apply(&mut p, &e), Err(want.clone()), "{e:?}");
        assert_eq!(p, original, "{e:?}");
    }
    assert!(!h.can_undo());
    // Said in both languages.
    let m = EditError::RatesTwice("Ida".into()).msg();
    assert_eq!(m.en, "Ida rates twice; keep one rating per person");
    assert_eq!(
        m.nb,
        "Ida har to vurderinger; behold én vurdering per person"
    );
    assert_eq!(
        EditError::Empty("a rating's name").msg().nb,
        "navnet i en vurdering kan ikke være tom"
    );
}

#[test]
fn ratings_are_held_by_the_evaluation_not_the_change_log() {
    use crate::model::Time;
    let mut p = sample();
    let mut h = History::default();
    let stamp = Stamp {
        date: d("2026-11-22"),
        at: Time::parse("13:05").unwrap(),
        by: Some("Marte Aas".into()),
        agenda: vec!["P-01".into()],
    };
    let e = ratings_edit("P-01", "2026-11-22", vec![rating("Ida", &[("goals", 4)])]);
    assert!(e.is_evaluation());
    assert_eq!(e.field(), "evaluations.2026-11-22.ratings");
    assert_eq!(
        e.value().as_deref(),
        Some(r#"[(by: "Ida", scores: {"goals": 4})]"#)
    );
    h.apply_stamped(&mut p, &e, Some(&stamp)).unwrap();
    let ev = p.projects[0].evaluations.last().unwrap();
    assert_eq!(
        ev.by.as_deref(),
        Some("Marte Aas"),
        "who recorded the evaluation"
    );
    let m = p.meetings.iter().find(|m| m.date == stamp.date).unwrap();
    assert!(m.changes.is_empty(), "{:?}", m.changes);
    assert_eq!(m.agenda, ["P-01"]);
}
