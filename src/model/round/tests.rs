use super::*;
use crate::model::types::default_criteria;

fn day() -> Date {
    Date::parse("2026-11-22").unwrap()
}

fn round() -> Round {
    Round::new("P-01".into(), day())
}

/// A round where Knut, Ida and Aisha scored (given in that order), not revealed.
fn scored() -> Round {
    let mut r = round();
    for (by, c, s) in [
        ("Knut", "goals", 5),
        ("Knut", "results", 3),
        ("Ida", "goals", 4),
        ("Ida", "results", 3),
        ("Ida", "budget", 2),
        ("Aisha", "goals", 3),
    ] {
        r.rate(by, c, Some(s)).unwrap();
    }
    r
}

#[test]
fn nothing_is_shown_before_the_reveal_but_who_has_scored_and_how_much() {
    let criteria = default_criteria();
    let mut r = scored();
    assert!(!r.is_revealed());
    assert_eq!(r.tally(&criteria), None, "no values before the reveal");
    assert_eq!(
        r.progress(&criteria),
        [
            ("Aisha".to_string(), 1),
            ("Ida".to_string(), 3),
            ("Knut".to_string(), 2)
        ]
    );
    r.reveal();
    assert!(r.is_revealed());
    assert!(r.tally(&criteria).is_some());
}

#[test]
fn ones_own_scores_are_always_visible_to_oneself() {
    let mut r = scored();
    let ida = r.own("Ida").unwrap();
    assert_eq!(ida.get("goals"), Some(&4));
    assert_eq!(ida.get("budget"), Some(&2));
    assert_eq!(r.own(" Ida "), r.own("Ida"), "the same name, spaces or not");
    assert_eq!(r.own("Ola"), None, "Ola has not scored");
    r.reveal();
    assert_eq!(r.own("Knut").unwrap().get("goals"), Some(&5));
}

#[test]
fn a_score_is_changed_and_taken_back_until_the_reveal_then_refused() {
    let criteria = default_criteria();
    let mut r = scored();
    r.rate("Aisha", "goals", Some(2)).unwrap();
    assert_eq!(r.own("Aisha").unwrap().get("goals"), Some(&2));
    // Aisha takes her one score back: she has no scores, and is not listed.
    r.rate("Aisha", "goals", None).unwrap();
    assert_eq!(r.own("Aisha"), None);
    assert_eq!(r.progress(&criteria).len(), 2);
    // Taking back what is not there changes nothing.
    let before = r.clone();
    r.rate("Ola", "goals", None).unwrap();
    assert_eq!(r, before);

    r.reveal();
    let before = r.clone();
    assert_eq!(r.rate("Ida", "goals", Some(1)), Err(RoundError::Revealed));
    assert_eq!(r.rate("Ida", "goals", None), Err(RoundError::Revealed));
    assert_eq!(r.rate("Ola", "goals", Some(3)), Err(RoundError::Revealed));
    assert_eq!(r, before, "nothing changed after the reveal");
}

#[test]
fn a_score_outside_1_to_5_or_without_a_name_is_refused() {
    let mut r = round();
    for bad in [0, 6, -1, i64::MAX, i64::MIN] {
        assert_eq!(
            r.rate("Ida", "goals", Some(bad)),
            Err(RoundError::OutOfRange(bad))
        );
    }
    assert_eq!(r.rate("", "goals", Some(3)), Err(RoundError::NoName));
    assert_eq!(r.rate("  \t", "goals", Some(3)), Err(RoundError::NoName));
    assert_eq!(r, round(), "nothing recorded");
    // Both languages say why.
    let m = RoundError::OutOfRange(7).msg();
    assert_eq!(m.en, "a score must be between 1 and 5, not 7");
    assert_eq!(m.nb, "en score må være mellom 1 og 5, ikke 7");
    assert_eq!(
        RoundError::Revealed.to_string(),
        RoundError::Revealed.msg().en
    );
    assert!(RoundError::NoName.msg().nb.contains("navnet"));
}

#[test]
fn the_tally_gives_scores_by_name_mean_spread_median_and_disagreement() {
    let criteria = default_criteria();
    let mut r = scored();
    r.reveal();
    let t = r.tally(&criteria).unwrap();
    assert_eq!(
        t.iter().map(|t| t.criterion.as_str()).collect::<Vec<_>>(),
        ["goals", "results", "budget"],
        "the portfolio's criterion order"
    );
    let goals = &t[0];
    assert_eq!(
        goals.scores,
        [
            ("Aisha".to_string(), 3),
            ("Ida".to_string(), 4),
            ("Knut".to_string(), 5)
        ]
    );
    assert_eq!(goals.mean, Some(4.0));
    assert_eq!(goals.spread, Some(2));
    assert_eq!(goals.median, Some(4));
    assert!(goals.disagree, "a spread of 2 is disagreement");
    let results = &t[1];
    assert_eq!(results.spread, Some(0));
    assert_eq!(results.median, Some(3));
    assert!(!results.disagree);
    let budget = &t[2];
    assert_eq!(budget.scores, [("Ida".to_string(), 2)]);
    assert_eq!((budget.spread, budget.disagree), (Some(0), false));
}

#[test]
fn a_spread_of_one_is_agreement_and_no_scores_have_no_figures() {
    let criteria = default_criteria();
    let mut r = round();
    r.rate("A", "goals", Some(3)).unwrap();
    r.rate("B", "goals", Some(4)).unwrap();
    r.reveal();
    let t = r.tally(&criteria).unwrap();
    assert_eq!((t[0].spread, t[0].disagree), (Some(1), false));
    assert_eq!(t[0].mean, Some(3.5));
    assert_eq!(t[0].median, Some(4), "3 and 4: rounded half up");
    let none = &t[1];
    assert!(none.scores.is_empty());
    assert_eq!((none.mean, none.spread, none.median), (None, None, None));
    assert!(!none.disagree);
}

#[test]
fn the_median_is_a_whole_score_for_odd_and_even_counts() {
    assert_eq!(median(&[]), None);
    assert_eq!(median(&[4]), Some(4));
    assert_eq!(median(&[5, 1, 3]), Some(3), "odd: the middle one");
    assert_eq!(median(&[1, 1, 5, 5, 2]), Some(2));
    assert_eq!(median(&[3, 4]), Some(4), "even: half up");
    assert_eq!(median(&[2, 3]), Some(3));
    assert_eq!(median(&[5, 2]), Some(4), "3.5 → 4");
    assert_eq!(median(&[1, 2, 4, 5]), Some(3));
    assert_eq!(median(&[1, 1, 1, 2]), Some(1));
    // A hostile file's values never give a score outside 1–5, nor overflow.
    assert_eq!(median(&[i64::MAX, i64::MAX]), Some(5));
    assert_eq!(median(&[i64::MIN, i64::MIN, 0]), Some(1));
}

#[test]
fn ratings_are_sorted_by_name_unique_and_in_the_criteria_order() {
    let criteria = default_criteria();
    let mut r = round();
    for (by, c, s) in [
        ("Øystein", "budget", 2),
        ("Åse", "goals", 5),
        ("Ida", "budget", 1),
        ("Ida", "goals", 4),
        ("Aisha", "results", 3),
        ("Ida", "goals", 3), // changed: still one rating for Ida
        ("Ola", "unknown", 3),
    ] {
        r.rate(by, c, Some(s)).unwrap();
    }
    let ratings = r.ratings(&criteria);
    let names: Vec<&str> = ratings.iter().map(|x| x.by.as_str()).collect();
    // Norwegian order (Ø before Å), and Ola, with only an unknown criterion, left out.
    assert_eq!(names, ["Aisha", "Ida", "Øystein", "Åse"]);
    let ida: Vec<(&str, i64)> = ratings[1]
        .scores
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(ida, [("goals", 3), ("budget", 1)], "criteria in file order");
    // Ola is still in the round: his own score is his.
    assert_eq!(r.own("Ola").unwrap().get("unknown"), Some(&3));
}

#[test]
fn a_round_taken_up_from_its_ratings_is_the_same_round() {
    let criteria = default_criteria();
    let mut r = scored();
    let ratings = r.ratings(&criteria);
    let back = Round::from_ratings("P-01".into(), day(), &ratings, false);
    assert_eq!(back, r);
    assert_eq!(back.ratings(&criteria), ratings);
    r.reveal();
    let back = Round::from_ratings("P-01".into(), day(), &ratings, true);
    assert_eq!(back, r);
    assert_eq!(back.tally(&criteria), r.tally(&criteria));
    // Revealed, it takes no more.
    let mut back = back;
    assert_eq!(
        back.rate("Ida", "goals", Some(1)),
        Err(RoundError::Revealed)
    );
}

#[test]
fn ratings_read_back_from_an_untrusted_file_keep_only_what_is_valid() {
    let criteria = default_criteria();
    let rating = |by: &str, scores: &[(&str, i64)]| Rating {
        by: by.into(),
        scores: scores.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
    };
    let ratings = [
        rating("Ida", &[("goals", 9), ("results", 3)]),
        rating("", &[("goals", 4)]),
        rating(" Knut ", &[("goals", 2)]),
        rating("Ida", &[("results", 4), ("budget", 5)]),
    ];
    let r = Round::from_ratings("P".into(), day(), &ratings, false);
    assert_eq!(
        r.ratings(&criteria),
        [
            rating("Ida", &[("results", 4), ("budget", 5)]),
            rating("Knut", &[("goals", 2)]),
        ]
    );
    // The tally of the same ratings as recorded shows what the file holds, but not the 9
    // (nor the 9 in the spread).
    let t = tally_of(&criteria, &ratings);
    assert_eq!(
        t[0].scores,
        [(String::new(), 4), ("Knut".to_string(), 2)],
        "{t:?}"
    );
    assert_eq!((t[0].spread, t[0].median), (Some(2), Some(3)));
    assert_eq!(
        t[1].scores,
        [("Ida".to_string(), 3), ("Ida".to_string(), 4)],
        "twice, in the file's order"
    );
}

#[test]
fn the_short_form_reads_in_both_languages() {
    let criteria = default_criteria();
    let mut r = scored();
    r.reveal();
    let t = r.tally(&criteria).unwrap();
    assert_eq!(
        t[0].short("Måloppnåelse", Some(4), Lang::En),
        "Måloppnåelse 4 · seats 3, 4, 5 · spread 2"
    );
    assert_eq!(
        t[0].short("Måloppnåelse", Some(4), Lang::Nb),
        "Måloppnåelse 4 · medlemmene 3, 4, 5 · sprik 2"
    );
    assert_eq!(
        t[2].short("Økonomi", None, Lang::Nb),
        "Økonomi – · medlemmene 2 · sprik 0"
    );
    assert_eq!(Words::of(Lang::Nb).disagreement, "uenighet");
}

mod props {
    use super::*;
    use crate::model::edit::Edit;
    use proptest::prelude::*;

    /// One member's score or its taking back: names with and without spaces around them,
    /// Norwegian letters; the portfolio's criteria and one it does not have; scores in
    /// and out of range.
    fn op() -> impl Strategy<Value = (String, String, Option<i64>)> {
        (
            prop::sample::select(vec![
                "Ida", " Ida", "Åse", "Øystein", "aisha", "Aisha", "", "Knut",
            ]),
            prop::sample::select(vec!["goals", "results", "budget", "unknown"]),
            prop::option::of(-1i64..8),
        )
            .prop_map(|(b, c, s)| (b.to_string(), c.to_string(), s))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever the members do, the ratings are one per name, sorted, 1–5, for the
        /// portfolio's criteria in its order; a round taken up from them gives them
        /// again; and the evaluation takes them as they are.
        #[test]
        fn the_ratings_a_round_gives_are_always_valid_and_kept_as_given(
            ops in prop::collection::vec(op(), 0..40),
            reveal_at in 0usize..40,
        ) {
            let criteria = default_criteria();
            let mut r = round();
            for (i, (by, c, s)) in ops.iter().enumerate() {
                if i == reveal_at {
                    r.reveal();
                }
                let before = r.clone();
                if r.rate(by, c, *s).is_err() {
                    prop_assert_eq!(&r, &before, "a refused score changes nothing");
                }
            }
            let ratings = r.ratings(&criteria);
            for w in ratings.windows(2) {
                prop_assert_eq!(collate::cmp(&w[0].by, &w[1].by), Ordering::Less);
            }
            for x in &ratings {
                prop_assert!(!x.by.trim().is_empty() && x.by == x.by.trim());
                prop_assert!(!x.scores.is_empty());
                prop_assert!(x.scores.values().all(|s| (1..=5).contains(s)));
                let order: Vec<usize> = x
                    .scores
                    .keys()
                    .map(|k| criteria.iter().position(|c| &c.id == k).unwrap())
                    .collect();
                prop_assert!(order.windows(2).all(|w| w[0] < w[1]));
            }
            // Before the reveal, the chair sees counts only; after, the tally's scores
            // are the ratings'.
            match r.tally(&criteria) {
                None => prop_assert!(!r.is_revealed()),
                Some(t) => {
                    let n: usize = t.iter().map(|t| t.scores.len()).sum();
                    let m: usize = ratings.iter().map(|x| x.scores.len()).sum();
                    prop_assert_eq!(n, m);
                }
            }
            let back = Round::from_ratings("P-01".into(), day(), &ratings, r.is_revealed());
            prop_assert_eq!(back.ratings(&criteria), ratings.clone());

            let mut p = crate::model::parse(include_str!("../../../tests/fixtures/example.ron")).unwrap();
            let e = Edit::Ratings { project: "P-01".into(), date: day(), ratings: ratings.clone() };
            prop_assert!(e.apply(&mut p).is_ok());
            let kept = p.projects[0]
                .evaluations
                .iter()
                .find(|x| x.date == day())
                .map(|x| x.ratings.clone())
                .unwrap_or_default();
            prop_assert_eq!(kept, ratings);
        }
    }
}
