//! `styr diff`: what changed between two versions of a portfolio, from files and from git
//! revisions, in both languages, with text from the file inert.

use std::fs;
use std::path::Path;
use std::process::Command;

use styr::model::save::to_ron;
use styr::model::since::{Change, GoalDiff, ProjectDiff, since};
use styr::model::{
    Date, Decision, Evaluation, FollowUp, Funding, FundingStatus, Health, Number, Portfolio, Risk,
    RiskStatus, Status, parse,
};

const SMALL: &str = include_str!("fixtures/small.ron");

fn old() -> Portfolio {
    parse(SMALL).unwrap()
}

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// Every kind of change, on T-01 and the goals; T-06 removed, T-07 added.
fn changed() -> Portfolio {
    let mut p = old();
    let t1 = p.projects.iter_mut().find(|x| x.id == "T-01").unwrap();
    t1.name = "Klimavennlige bygg".into();
    t1.owner = Some("Ny Eier".into());
    t1.health = Some(Health::Red);
    t1.status = Status::OnHold;
    t1.end = Some(d("2029-06-30"));
    let b = t1.budget.as_mut().unwrap();
    b.planned += 1_000_000;
    b.spent += 300_000;
    b.funding[0].status = FundingStatus::Rejected;
    b.funding.push(Funding {
        source: "Enova".into(),
        amount: 250_000,
        status: FundingStatus::Applied,
    });
    t1.results[0].actual = Number(t1.results[0].actual.0 + 1.0);
    t1.risks[0].probability = if t1.risks[0].probability == 5 { 4 } else { 5 };
    t1.risks[0].status = RiskStatus::Closed;
    t1.risks.push(Risk {
        id: "R9".into(),
        title: "Ny risiko".into(),
        cause: None,
        probability: 3,
        consequence: 4,
        mitigation: None,
        owner: None,
        status: RiskStatus::Open,
    });
    t1.evaluations.push(Evaluation {
        date: d("2026-11-22"),
        scores: [("goals".to_string(), 4)].into_iter().collect(),
        decision: Some(Decision::Adjust),
        note: None,
        by: None,
        ratings: Vec::new(),
    });
    t1.follow_ups.push(FollowUp {
        text: "Send \u{1b}[31m# budsjett".into(),
        owner: Some("Ola".into()),
        due: Some(d("2026-12-10")),
        raised: d("2026-11-22"),
        done: None,
        by: None,
    });
    t1.goals.push("by.d2".into());
    p.goals[0].title = "Klima".into();
    p.projects.retain(|x| x.id != "T-06");
    let mut t7 = p.projects[0].clone();
    t7.id = "T-07".into();
    p.projects.push(t7);
    p
}

#[test]
fn every_kind_of_change_is_found() {
    let s = since(&old(), &changed());
    let t1 = s
        .projects
        .iter()
        .find_map(|d| match d {
            ProjectDiff::Changed { project, changes } if project.id == "T-01" => Some(changes),
            _ => None,
        })
        .expect("T-01 changed");
    let kinds: Vec<&str> = t1
        .iter()
        .map(|c| match c {
            Change::Name(..) => "name",
            Change::Owner(..) => "owner",
            Change::Health(..) => "health",
            Change::Status(..) => "status",
            Change::End(..) => "end",
            Change::Planned(..) => "planned",
            Change::Spent(..) => "spent",
            Change::FundingStatus { .. } => "funding status",
            Change::FundingAdded(..) => "funding added",
            Change::ResultActual { .. } => "result",
            Change::RiskProbability { .. } => "risk p",
            Change::RiskStatus { .. } => "risk status",
            Change::RiskAdded(..) => "risk added",
            Change::Evaluated(..) => "evaluated",
            Change::FollowUpAdded(..) => "follow-up",
            Change::GoalsServed { .. } => "goals",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "name",
            "owner",
            "health",
            "status",
            "end",
            "planned",
            "spent",
            "funding status",
            "funding added",
            "result",
            "risk p",
            "risk status",
            "risk added",
            "evaluated",
            "follow-up",
            "goals"
        ]
    );
    assert!(matches!(s.projects.last(), Some(ProjectDiff::Removed(p)) if p.id == "T-06"));
    assert!(
        s.projects
            .iter()
            .any(|d| matches!(d, ProjectDiff::Added(p) if p.id == "T-07"))
    );
    assert_eq!(
        s.goals,
        [GoalDiff::Retitled {
            id: "klima".into(),
            from: "Klima og miljø".into(),
            to: "Klima".into()
        }]
    );
    assert!(since(&old(), &old()).is_empty());
}

fn styr(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_styr"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn two_files_in_both_languages_with_the_files_text_inert() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("old.ron"), SMALL).unwrap();
    fs::write(dir.path().join("new.ron"), to_ron(&changed())).unwrap();
    let (code, en, _) = styr(dir.path(), &["diff", "old.ron", "new.ron", "--lang", "en"]);
    assert_eq!(code, 0);
    for want in [
        "Health: Amber → Red",
        "Status: Active → On hold",
        "New risk R9",
        "Evaluated 2026-11-22: 4.0 · 1 of 3 · Adjust",
        "New follow-up: Send",
        "— Ola, due 2026-12-10",
        "Goals served: +by.d2",
        "T-06",
        "removed",
        "Retitled klima",
    ] {
        assert!(en.contains(want), "{want}:\n{en}");
    }
    assert!(!en.contains('\u{1b}'), "escapes are inert");
    assert!(
        en.contains("\\# budsjett"),
        "Markdown from the file is escaped"
    );
    let (_, nb, _) = styr(dir.path(), &["diff", "old.ron", "new.ron", "--lang", "nb"]);
    assert!(nb.contains("Helse: Gul → Rød"), "{nb}");
    assert!(nb.contains("Ny risiko R9"), "{nb}");
    let (code, same, _) = styr(dir.path(), &["diff", "old.ron", "old.ron", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(same.contains("No changes."));
}

fn git(dir: &Path, args: &[&str], date: &str) {
    let ok = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(ok, "git {args:?}");
}

#[test]
fn git_revisions_and_since_a_date() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: no git");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    git(p, &["init", "-q"], "2026-09-01T10:00:00");
    let commit = |text: &str, date: &str| {
        fs::write(p.join("plan.ron"), text).unwrap();
        git(p, &["add", "plan.ron"], date);
        git(p, &["commit", "-q", "-m", date], date);
    };
    commit(SMALL, "2026-09-01T10:00:00");
    let second = SMALL.replacen("health: Amber", "health: Red", 1);
    commit(&second, "2026-10-01T10:00:00");
    let third = second.replacen("health: Green", "health: Amber", 1);
    commit(&third, "2026-11-01T10:00:00");

    let (code, out, err) = styr(p, &["diff", "HEAD~2:plan.ron", "plan.ron", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Health: Amber → Red"), "{out}");
    assert!(out.contains("Health: Green → Amber"), "{out}");
    // Since 2026-10-15: the commit of 2026-10-01, so only the third commit's change.
    let (code, out, err) = styr(
        p,
        &["diff", "--since", "2026-10-15", "plan.ron", "--lang", "en"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("@ 2026-10-01"), "{out}");
    assert!(!out.contains("Amber → Red"), "{out}");
    assert!(out.contains("Health: Green → Amber"), "{out}");
    // Before the first commit: said, exit 2.
    let (code, _, err) = styr(p, &["diff", "--since", "2026-01-01", "plan.ron"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no commit of this file on or before 2026-01-01"),
        "{err}"
    );
    // A revision that is not there.
    let (code, _, err) = styr(p, &["diff", "nope:plan.ron", "plan.ron"]);
    assert_eq!(code, 2);
    assert!(err.contains("git could not read it"), "{err}");
}
