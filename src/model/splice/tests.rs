use super::*;
use crate::model::edit::Edit;
use crate::model::{Date, Decision, Health, RiskStatus, Status, parse};

fn day() -> Date {
    Date::parse("2026-11-26").unwrap()
}

/// `text` saved after `edits`: the new text, which must load to the edited portfolio.
fn saved(text: &str, edits: &[Edit]) -> String {
    let old = parse(text).unwrap();
    let mut new = old.clone();
    for e in edits {
        e.apply(&mut new).unwrap();
    }
    save_text(text, &old, &new).unwrap_or_else(|e| panic!("{e}\n{}", splice(text, &old, &new)))
}

/// The lines of `after` that are not in `before` (in order), and how many of
/// `before`'s lines are gone: a line diff good enough for small changes.
fn changed_lines(before: &str, after: &str) -> (Vec<String>, usize) {
    let b: Vec<&str> = before.split_inclusive('\n').collect();
    let a: Vec<&str> = after.split_inclusive('\n').collect();
    let (mut i, mut j) = (0, 0);
    while i < b.len() && j < a.len() && b[i] == a[j] {
        i += 1;
        j += 1;
    }
    let (mut bi, mut aj) = (b.len(), a.len());
    while bi > i && aj > j && b[bi - 1] == a[aj - 1] {
        bi -= 1;
        aj -= 1;
    }
    (a[j..aj].iter().map(|s| s.to_string()).collect(), bi - i)
}

fn record(project: &str) -> Vec<Edit> {
    let mut v: Vec<Edit> = [("goals", 4), ("results", 3), ("budget", 5)]
        .into_iter()
        .map(|(c, s)| Edit::Score {
            project: project.into(),
            date: day(),
            criterion: c.into(),
            score: Some(s),
        })
        .collect();
    v.push(Edit::Decision {
        project: project.into(),
        date: day(),
        decision: Some(Decision::Adjust),
    });
    v.push(Edit::Note {
        project: project.into(),
        date: day(),
        note: Some("Ny plan «æøå» \"sitat\"\nlinje to".into()),
    });
    v
}

const HAMAR: &str = include_str!("../../../data/hamar.ron");

#[test]
fn an_evaluation_is_added_as_its_siblings_are_and_nothing_else_changes() {
    let out = saved(HAMAR, &record("HA-01"));
    let (added, removed) = changed_lines(HAMAR, &out);
    assert_eq!(removed, 0, "{added:#?}");
    let added = added.concat();
    assert!(added.contains("Evaluation("), "{added}");
    assert!(added.contains(r#"date: "2026-11-26","#), "{added}");
    assert!(added.contains(r#"scores: {"goals": 4, "results": 3, "budget": 5},"#));
    assert!(added.contains("decision: Adjust,"), "{added}");
    assert!(added.contains(r#"note: "Ny plan «æøå» \"sitat\"\nlinje to","#));
    // Every comment is still there.
    for line in HAMAR.lines().filter(|l| l.trim_start().starts_with("//")) {
        assert!(out.contains(line), "lost: {line}");
    }
}

#[test]
fn nothing_changed_is_the_same_text() {
    let p = parse(HAMAR).unwrap();
    assert_eq!(save_text(HAMAR, &p, &p).unwrap(), HAMAR);
}

#[test]
fn a_changed_value_is_replaced_where_it_stands() {
    let edits = [
        Edit::Health {
            project: "HA-01".into(),
            health: Some(Health::Red),
        },
        Edit::Status {
            project: "HA-01".into(),
            status: Status::OnHold,
        },
    ];
    let out = saved(HAMAR, &edits);
    let (added, removed) = changed_lines(HAMAR, &out);
    assert!(removed <= 3, "{removed} {added:?}");
    assert!(added.concat().contains("health: Red,"), "{added:?}");
}

const SMALL: &str = r#"// top
Portfolio(
    name: "P", // the name
    organisation: "O",
    goals: [(id: "g", title: "G")],
    projects: [
        Project(
            id: "A",
            name: "a",
            status: Active, // running
            goals: ["g"],
            risks: [
                Risk(id: "R1", title: "r", probability: 2, consequence: 3),
            ],
        ),
        Project(id: "B", name: "b", health: Some(Green), goals: ["g"], evaluations: [Evaluation(date: "2026-01-01", scores: {"goals": 3})]),
    ],
)
"#;

#[test]
fn a_missing_field_is_inserted_in_its_place_in_the_style_around_it() {
    let out = saved(
        SMALL,
        &[Edit::Health {
            project: "A".into(),
            health: Some(Health::Amber),
        }],
    );
    // After `status` (FORMAT.md's order), on its own line, indented as its siblings.
    assert!(
        out.contains("            status: Active, // running\n            health: Amber,\n"),
        "{out}"
    );
}

#[test]
fn a_cleared_field_goes_with_its_line_and_inline_ones_with_their_comma() {
    let mut p = parse(SMALL).unwrap();
    let old = p.clone();
    p.projects[1].health = None;
    let out = save_text(SMALL, &old, &p).unwrap();
    assert!(
        out.contains(r#"Project(id: "B", name: "b", goals: ["g"], evaluations"#),
        "{out}"
    );
    let edits = [Edit::Health {
        project: "A".into(),
        health: Some(Health::Red),
    }];
    let with = saved(SMALL, &edits);
    let mut q = parse(&with).unwrap();
    let before = q.clone();
    q.projects[0].health = None;
    assert_eq!(save_text(&with, &before, &q).unwrap(), SMALL);
}

#[test]
fn some_stays_and_one_line_items_get_one_line_siblings() {
    let mut edits = vec![Edit::Health {
        project: "B".into(),
        health: Some(Health::Red),
    }];
    edits.extend(record("B"));
    let out = saved(SMALL, &edits);
    assert!(out.contains("health: Some(Red)"), "{out}");
    assert!(
        out.contains(r#"{"goals": 3})", Evaluation(date: "2026-11-26", scores: {"goals": 4, "results": 3, "budget": 5}, decision: Adjust"#)
            || out.contains(r#"{"goals": 3}), Evaluation(date: "2026-11-26", scores: {"goals": 4, "results": 3, "budget": 5}, decision: Adjust"#),
        "{out}"
    );
}

#[test]
fn a_first_evaluation_makes_the_list() {
    let out = saved(SMALL, &record("A"));
    assert!(out.contains("            evaluations: [\n                Evaluation(\n                    date: \"2026-11-26\",\n"), "{out}");
    assert!(out.contains("// running"), "{out}");
}

#[test]
fn risks_change_in_place() {
    let edits = [
        Edit::RiskProbability {
            project: "A".into(),
            risk: "R1".into(),
            value: 5,
        },
        Edit::RiskStatus {
            project: "A".into(),
            risk: "R1".into(),
            status: RiskStatus::Mitigated,
        },
        Edit::RiskMitigation {
            project: "A".into(),
            risk: "R1".into(),
            mitigation: Some("plan b".into()),
        },
    ];
    let out = saved(SMALL, &edits);
    assert!(
        out.contains(r#"Risk(id: "R1", title: "r", probability: 5, consequence: 3, mitigation: "plan b", status: Mitigated),"#),
        "{out}"
    );
}

#[test]
fn crlf_stays_crlf_and_no_names_stay_without_names() {
    let text = SMALL
        .replace("Project(", "(")
        .replace("Risk(", "(")
        .replace("Evaluation(", "(")
        .replace("Portfolio(", "(")
        .replace('\n', "\r\n");
    let out = saved(&text, &record("A"));
    assert!(
        !out.replace("\r\n", "").contains('\n'),
        "a bare LF: {out:?}"
    );
    assert!(!out.contains("Evaluation("), "{out}");
    assert!(
        out.contains("\r\n                (\r\n                    date: \"2026-11-26\","),
        "{out}"
    );
}

#[test]
fn the_check_catches_a_wrong_splice() {
    let old = parse(SMALL).unwrap();
    let mut new = old.clone();
    Edit::Health {
        project: "A".into(),
        health: Some(Health::Red),
    }
    .apply(&mut new)
    .unwrap();
    let right = splice(SMALL, &old, &new);
    assert!(verify(&right, &new).is_ok());
    // A splice that wrote the wrong value, or broke the syntax, is refused.
    let wrong = right.replace("health: Red", "health: Green");
    assert!(matches!(verify(&wrong, &new), Err(SpliceError::Verify(_))));
    let broken = right.replace("health: Red,", "health: Red,,");
    assert!(matches!(verify(&broken, &new), Err(SpliceError::Verify(_))));
}

#[test]
fn a_byte_order_mark_is_indexed_past_and_kept() {
    let text = format!("\u{feff}{SMALL}");
    let wanted: HashSet<String> = [".projects[0].status".to_string()].into();
    let nodes = index(&text, &wanted);
    let span = nodes[".projects[0].status"].span.clone();
    assert_eq!(&text[span], "Active");
}

#[test]
fn a_file_with_a_byte_order_mark_keeps_it_on_save() {
    let text = format!("\u{feff}{SMALL}");
    let out = saved(
        &text,
        &[Edit::Health {
            project: "A".into(),
            health: Some(Health::Red),
        }],
    );
    assert!(out.starts_with("\u{feff}// top\n"), "{out:?}");
    assert!(out.contains("health: Red,"));
}

fn ratings(project: &str, date: &str, by: &[(&str, &[(&str, i64)])]) -> Edit {
    Edit::Ratings {
        project: project.into(),
        date: Date::parse(date).unwrap(),
        ratings: by
            .iter()
            .map(|(name, scores)| crate::model::Rating {
                by: name.to_string(),
                scores: scores.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            })
            .collect(),
    }
}

#[test]
fn the_members_ratings_are_saved_losslessly_in_the_evaluation_they_belong_to() {
    // Into the evaluation B has (one line), and into a new one of A's (a list made).
    let edits = [
        ratings(
            "B",
            "2026-01-01",
            &[
                ("Ola «o»", &[("goals", 2)]),
                ("Kari", &[("goals", 4), ("results", 5)]),
            ],
        ),
        ratings("A", "2026-11-26", &[("Ida", &[("goals", 3)])]),
    ];
    let out = saved(SMALL, &edits);
    assert!(
        out.contains(
            r#"Evaluation(date: "2026-01-01", scores: {"goals": 3}, ratings: [Rating(by: "Kari", scores: {"goals": 4, "results": 5}), Rating(by: "Ola «o»", scores: {"goals": 2})])"#
        ),
        "{out}"
    );
    assert!(out.contains(r#"by: "Ida""#), "{out}");
    for c in ["// top", "// the name", "// running"] {
        assert!(out.contains(c), "lost {c}: {out}");
    }
    // Read back, it is what was recorded; and it checks clean.
    let back = crate::model::load_str(&out);
    assert_eq!(back.errors(), 0, "{:?}", back.diagnostics);
    let mut want = parse(SMALL).unwrap();
    for e in &edits {
        e.apply(&mut want).unwrap();
    }
    assert_eq!(back.portfolio.unwrap(), want);
    // Only B's evaluation line changed, and A's new evaluation was added.
    let (added, removed) = changed_lines(SMALL, &out);
    assert_eq!(
        removed, 2,
        "B's line, and A's closing `goals` line: {added:#?}"
    );
    // Taken back out, the file loads as it was (the lists stay, empty), comments kept.
    let clear = [
        ratings("B", "2026-01-01", &[]),
        ratings("A", "2026-11-26", &[]),
    ];
    let p = parse(&out).unwrap();
    let mut q = p.clone();
    for e in &clear {
        e.apply(&mut q).unwrap();
    }
    let cleared = save_text(&out, &p, &q).unwrap();
    assert_eq!(parse(&cleared).unwrap(), parse(SMALL).unwrap(), "{cleared}");
    assert!(!cleared.contains("Rating("), "{cleared}");
    assert!(cleared.contains("// running"), "{cleared}");
}
