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
