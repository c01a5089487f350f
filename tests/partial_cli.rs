//! Partial scores in the commands' output: `styr report` and `styr minutes` write a total
//! computed from fewer criteria than the file has as "4.0 · 1 of 3", the report ranks
//! only the complete ones and lists the partial ones apart, and `styr export --csv`
//! keeps the score a plain number and says how many criteria it has in two columns.

use std::process::Command;

/// Three criteria (the default ones); A complete at 4,0, B scored on one criterion (4,0
/// · 1 of 3), C complete at 2,0, D never scored. All on the meeting of 2026-11-22.
const FILE: &str = r#"(
    name: "Plan",
    organisation: "Kommune",
    as_of: "2026-11-22",
    goals: [(id: "g", title: "Mål")],
    projects: [
        (id: "A", name: "Alfa", goals: ["g"], evaluations: [
            (date: "2026-11-22", scores: {"goals": 4, "results": 4, "budget": 4}, decision: Continue),
        ]),
        (id: "B", name: "Beta", goals: ["g"], evaluations: [
            (date: "2026-11-22", scores: {"goals": 4}),
        ]),
        (id: "C", name: "Gamma", goals: ["g"], evaluations: [
            (date: "2026-11-22", scores: {"goals": 2, "results": 2, "budget": 2}),
        ]),
        (id: "D", name: "Delta", goals: ["g"]),
    ],
)"#;

/// `styr ARGS… p.ron` on [`FILE`]; its stdout.
fn styr(args: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("p.ron"), FILE).expect("write p.ron");
    let out = Command::new(env!("CARGO_BIN_EXE_styr"))
        .args(args)
        .current_dir(dir.path())
        .env("LC_ALL", "en_GB.UTF-8")
        .env_remove("LANG")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run styr");
    assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The lines of `text` from the one starting with `from` up to the next blank one.
fn block<'a>(text: &'a str, from: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| !l.starts_with(from))
        .take_while(|l| !l.is_empty())
        .collect()
}

#[test]
fn the_report_marks_a_partial_total_and_ranks_only_the_complete_ones() {
    let md = styr(&["report", "p.ron", "--lang", "en"]);
    // In the goal's project table.
    assert!(
        md.contains("| B | Beta | Proposed | not reported | 4.0 · 1 of 3 |"),
        "{md}"
    );
    assert!(
        md.contains("| A | Alfa | Proposed | not reported | 4.0 |"),
        "{md}"
    );
    // The ranking: A and C ranked, B apart and after them.
    let ranked = block(&md, "| Rank |");
    assert_eq!(
        ranked,
        [
            "| Rank | Id | Project | Weighted total |",
            "|---:|---|---|---:|",
            "| 1 | A | Alfa | 4.0 |",
            "| 2 | C | Gamma | 2.0 |",
        ],
        "{md}"
    );
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s:?} missing:\n{md}"));
    assert!(at("### Partly scored (not ranked)") > at("| 2 | C | Gamma |"));
    let partial = block(&md, "| Id | Project | Weighted total |");
    assert_eq!(partial[2..], ["| B | Beta | 4.0 · 1 of 3 |"], "{md}");
    assert!(
        !md.contains("| D | Delta | –"),
        "never scored: not in the ranking"
    );

    let md = styr(&["report", "p.ron", "--lang", "nb"]);
    assert!(md.contains("| 4,0 · 1 av 3 |"), "{md}");
    assert!(md.contains("### Delvis vurdert (ikke rangert)"), "{md}");
    assert!(md.contains("| 1 | A | Alfa | 4,0 |"), "{md}");
}

#[test]
fn the_minutes_total_line_says_1_of_3() {
    // A project's part of the minutes: from its heading to the next.
    fn section<'a>(md: &'a str, heading: &str) -> &'a str {
        let at = md
            .find(heading)
            .unwrap_or_else(|| panic!("{heading:?}:\n{md}"));
        let rest = &md[at + heading.len()..];
        &rest[..rest.find("\n#").unwrap_or(rest.len())]
    }
    let md = styr(&["minutes", "p.ron", "--lang", "en"]);
    let b = section(&md, "### B Beta");
    assert!(b.contains("- Weighted total: 4.0 · 1 of 3\n"), "{md}");
    let a = section(&md, "### A Alfa");
    assert!(a.contains("- Weighted total: 4.0\n"), "{md}");

    let md = styr(&["minutes", "p.ron", "--lang", "nb"]);
    assert!(
        section(&md, "### B Beta").contains("- Vektet sum: 4,0 · 1 av 3\n"),
        "{md}"
    );
}

#[test]
fn the_csv_has_criteria_scored_and_total_and_a_plain_score() {
    let csv = styr(&["export", "p.ron", "--csv"]);
    let rows: Vec<Vec<&str>> = csv
        .trim_end_matches("\r\n")
        .split("\r\n")
        .map(|l| l.split(',').collect())
        .collect();
    let col = |name: &str| {
        rows[0]
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("no column {name}: {:?}", rows[0]))
    };
    let (score, scored, total) = (
        col("latest_score"),
        col("criteria_scored"),
        col("criteria_total"),
    );
    let cells = |id: &str| {
        let r = rows.iter().find(|r| r[0] == id).expect("a row");
        (r[score], r[scored], r[total])
    };
    assert_eq!(cells("A"), ("4.00", "3", "3"));
    assert_eq!(cells("B"), ("4.00", "1", "3"), "the number stays a number");
    assert_eq!(cells("C"), ("2.00", "3", "3"));
    assert_eq!(cells("D"), ("", "", ""), "no score, no count");
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
}
