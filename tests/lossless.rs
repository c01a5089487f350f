//! The file stays the user's (issue 10): saving writes only what the meeting changed.
//!
//! - A property test over every file in data/ and the fixtures, and variants of them
//!   (CRLF, no struct names, a comment on every line, `Some(…)` around optional values,
//!   projects on one line each): a random sequence of styr's edits, saved, (a) loads to
//!   exactly the edited portfolio, (b) keeps every comment in order, (c) leaves every
//!   project the edits did not touch, and the text before the projects, byte for byte,
//!   (d) an edit followed by its undo saves the original bytes, and no change writes
//!   the same text.
//! - A meeting recorded on a data/ file under git: `git diff --numstat` shows only the
//!   new evaluation's lines.
//! - `styr fmt` and `styr fmt --check`.

mod common;
use common::session::{folder, keys, open, press, select};

use std::collections::HashSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use crossterm::event::KeyCode;
use proptest::prelude::*;
use styr::model::edit::{Edit, History};
use styr::model::splice::save_text;
use styr::model::syntax::index;
use styr::model::{Date, Decision, Health, Portfolio, RiskStatus, Status, parse};

const ONE_LINE: &str = r#"// Projects one line each, no struct names.
(
    name: "En linje", organisation: "Kommune",
    goals: [(id: "g", title: "Mål")],
    projects: [
        (id: "A", name: "a", goals: ["g"], risks: [(id: "R1", title: "r", probability: 2, consequence: 3)]), // A
        (id: "B", name: "b", status: Active, health: Amber, goals: ["g"], evaluations: [(date: "2026-01-01", scores: {"goals": 2})]),
        (id: "C", name: "c", goals: ["g"]) /* the last */
    ]
)
"#;

/// Every file the property runs on: name and text.
fn files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut base: Vec<(String, String)> = Vec::new();
    for dir in ["data", "tests/fixtures"] {
        let mut names: Vec<_> = fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        names.sort();
        for p in names {
            let text = fs::read_to_string(&p).unwrap();
            base.push((p.file_name().unwrap().to_string_lossy().into_owned(), text));
        }
    }
    let mut out = base.clone();
    for (name, text) in &base {
        out.push((format!("{name} (CRLF)"), text.replace('\n', "\r\n")));
        let mut bare = text.clone();
        for s in [
            "Portfolio(",
            "Goal(",
            "Project(",
            "Budget(",
            "Funding(",
            "Result(",
            "Risk(",
            "Evaluation(",
            "Criterion(",
        ] {
            bare = bare.replace(s, "(");
        }
        out.push((format!("{name} (no names)"), bare));
        let commented: String = text
            .lines()
            .map(|l| {
                if l.trim_end().ends_with(',') && !l.contains("//") {
                    format!("{l} // c\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        out.push((format!("{name} (comments)"), commented));
        let some = text
            .replace("health: Amber", "health: Some(Amber)")
            .replace("health: Green", "health: Some(Green)")
            .replace("health: Red", "health: Some(Red)");
        out.push((format!("{name} (Some)"), some));
    }
    out.push(("one line".into(), ONE_LINE.into()));
    for (name, text) in &out {
        assert!(parse(text).is_ok(), "{name} does not load");
    }
    out
}

/// One of styr's edits on the portfolio, from three numbers.
fn edit_of(p: &Portfolio, (a, b, c): (usize, usize, usize)) -> Edit {
    let pr = &p.projects[a % p.projects.len()];
    let project = pr.id.clone();
    let day = Date::parse(["2026-11-26", "2026-12-03"][c % 2]).unwrap();
    let risk = (!pr.risks.is_empty()).then(|| pr.risks[b % pr.risks.len()].id.clone());
    let notes = [
        "kort",
        "«æøå» \"sitat\" \\ og\nny linje",
        "\u{1b}[2J\u{202e}",
        "",
    ];
    match (b % 9, risk) {
        (0, _) => Edit::Health {
            project,
            health: [
                None,
                Some(Health::Green),
                Some(Health::Amber),
                Some(Health::Red),
            ][c % 4],
        },
        (1, _) => Edit::Status {
            project,
            status: [
                Status::Proposed,
                Status::Active,
                Status::OnHold,
                Status::Completed,
            ][c % 4],
        },
        (2, _) => Edit::Decision {
            project,
            date: day,
            decision: [None, Some(Decision::Adjust), Some(Decision::Stop)][c % 3],
        },
        (3, _) => Edit::Note {
            project,
            date: day,
            note: Some(notes[c % notes.len()].to_string()).filter(|n| !n.is_empty()),
        },
        (4, Some(risk)) => Edit::RiskProbability {
            project,
            risk,
            value: (c % 5 + 1) as i64,
        },
        (5, Some(risk)) => Edit::RiskStatus {
            project,
            risk,
            status: [RiskStatus::Open, RiskStatus::Mitigated, RiskStatus::Closed][c % 3],
        },
        (6, Some(risk)) => Edit::RiskMitigation {
            project,
            risk,
            mitigation: Some(notes[c % notes.len()].to_string()).filter(|n| !n.is_empty()),
        },
        _ => Edit::Score {
            project,
            date: day,
            criterion: p.criteria[c % p.criteria.len()].id.clone(),
            score: [None, Some(1), Some(3), Some(5)][c % 4],
        },
    }
}

/// The comments of a text, in order (good enough: `//` to the end of a line).
fn comments(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| l.find("//").map(|i| l[i..].trim_end_matches('\r')))
        .filter(|c| !c.contains('"'))
        .collect()
}

/// The text of each project and the text before the first.
fn project_texts(text: &str, n: usize) -> (String, Vec<String>) {
    let wanted: HashSet<String> = (0..n).map(|i| format!(".projects[{i}]")).collect();
    let nodes = index(text, &wanted);
    let spans: Vec<_> = (0..n)
        .map(|i| nodes[&format!(".projects[{i}]")].span.clone())
        .collect();
    let head = spans.first().map_or(text.len(), |s| s.start);
    (
        text[..head].to_string(),
        spans.iter().map(|s| text[s.clone()].to_string()).collect(),
    )
}

fn check_file(
    name: &str,
    text: &str,
    edits: &[(usize, usize, usize)],
) -> Result<(), TestCaseError> {
    let old = parse(text).unwrap();
    if old.projects.is_empty() {
        return Ok(());
    }
    // (d) nothing changed: the same text.
    prop_assert_eq!(save_text(text, &old, &old).unwrap(), text);
    let mut new = old.clone();
    let mut h = History::default();
    let mut touched = HashSet::new();
    for &e in edits {
        let edit = edit_of(&new, e);
        if let Ok(Some(i)) = h.apply(&mut new, &edit) {
            touched.insert(i);
        }
    }
    let out =
        save_text(text, &old, &new).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
    // (a) it loads to what was edited.
    prop_assert_eq!(&parse(&out).unwrap(), &new, "{}", name);
    // (b) every comment, in order.
    prop_assert_eq!(comments(&out), comments(text), "{}", name);
    // (c) the text before the projects, and every project not edited, as it was.
    let (head, before) = project_texts(text, old.projects.len());
    let (head_after, after) = project_texts(&out, new.projects.len());
    if !touched.is_empty() {
        prop_assert_eq!(&head, &head_after, "{}", name);
    }
    for i in 0..old.projects.len() {
        if !touched.contains(&i) {
            prop_assert_eq!(&before[i], &after[i], "{}: project {}", name, i);
        }
    }
    // (d) undo every edit: the original bytes.
    while h.undo(&mut new).is_some() {}
    prop_assert_eq!(&new, &old);
    prop_assert_eq!(save_text(text, &old, &new).unwrap(), text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_save_losslessly(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec((0..1000usize, 0..1000usize, 0..1000usize), 1..12),
    ) {
        let files = files();
        let (name, text) = &files[which.index(files.len())];
        check_file(name, text, &edits)?;
    }
}

#[test]
fn an_edit_and_its_undo_save_the_original_bytes() {
    for (name, text) in files() {
        let old = parse(&text).unwrap();
        let mut new = old.clone();
        let mut h = History::default();
        for e in [(0, 0, 3), (0, 7, 2), (1, 3, 1), (0, 4, 4)] {
            let edit = edit_of(&new, e);
            let _ = h.apply(&mut new, &edit);
        }
        let edited = save_text(&text, &old, &new).unwrap();
        while h.undo(&mut new).is_some() {}
        // Saved again from the edited text, back to where it started.
        let back = save_text(&edited, &parse(&edited).unwrap(), &new).unwrap();
        assert_eq!(parse(&back).unwrap(), old, "{name}");
        // And straight from the original: nothing to write.
        assert_eq!(save_text(&text, &old, &new).unwrap(), text, "{name}");
    }
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_meeting_recorded_and_saved_shows_in_git_diff_as_the_new_evaluation_only() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: no git");
        return;
    }
    let text = include_str!("../data/hamar.ron");
    let (dir, path) = folder(text);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "plan.ron"]);
    git(dir.path(), &["commit", "-qm", "before the meeting"]);

    let (mut app, mut s) = open(&path, false);
    select(&mut app, &mut s, "HA-03");
    keys(&mut app, &mut s, "4");
    press(&mut app, &mut s, KeyCode::Enter);
    keys(&mut app, &mut s, "435d2n");
    keys(&mut app, &mut s, "Ny framdriftsplan");
    press(&mut app, &mut s, KeyCode::Enter);
    keys(&mut app, &mut s, "s");
    assert!(
        app.message.as_deref().unwrap().starts_with("Saved"),
        "{:?}",
        app.message
    );

    let numstat = git(dir.path(), &["diff", "--numstat"]);
    let (added, removed): (usize, usize) = {
        let mut f = numstat.split_whitespace();
        (
            f.next().unwrap().parse().unwrap(),
            f.next().unwrap().parse().unwrap(),
        )
    };
    let diff = git(dir.path(), &["diff"]);
    // The evaluation: `Evaluation(`, date, scores, decision, note, `),` — and nothing else.
    assert!(added <= 6 + 1, "{numstat}\n{diff}");
    assert_eq!(removed, 0, "{diff}");
    assert!(
        diff.contains("+                    decision: Adjust,"),
        "{diff}"
    );
    assert!(
        diff.contains("+                    note: \"Ny framdriftsplan\","),
        "{diff}"
    );
}

fn styr(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_styr"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn fmt_rewrites_in_the_canonical_layout_only_when_asked() {
    let text = include_str!("../data/hamar.ron");
    let (dir, path) = folder(text);
    let d = dir.path();
    // --check: exit 1, and the file untouched.
    let (code, err) = styr(d, &["fmt", "plan.ron", "--check"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("would be rewritten"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    // fmt: the canonical text, which loads to the same portfolio.
    let (code, err) = styr(d, &["fmt", "plan.ron"]);
    assert_eq!(code, 0, "{err}");
    let formatted = fs::read_to_string(&path).unwrap();
    assert_eq!(formatted, styr::model::save::to_ron(&parse(text).unwrap()));
    assert_eq!(parse(&formatted).unwrap(), parse(text).unwrap());
    // And then --check passes, and fmt again changes nothing.
    assert_eq!(styr(d, &["fmt", "plan.ron", "--check"]).0, 0);
    assert_eq!(styr(d, &["fmt", "plan.ron"]).0, 0);
    assert_eq!(fs::read_to_string(&path).unwrap(), formatted);
    // A broken file: placed errors, exit 2, untouched.
    fs::write(&path, "Portfolio(name: 42)").unwrap();
    let (code, err) = styr(d, &["fmt", "plan.ron"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("plan.ron:1:"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "Portfolio(name: 42)");
    // Nothing left beside it.
    let names: Vec<String> = fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["plan.ron"]);
}
