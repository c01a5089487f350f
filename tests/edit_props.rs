//! Issue 17's property: random sequences of adds, changes and removes of every kind,
//! saved by splicing into a file with comments, then read back: the same portfolio, no
//! error `styr check` refuses, every comment outside what was removed still there, and
//! undoing them all saves the file's own bytes. A second round of edits is saved into
//! the text the first round wrote.

use proptest::prelude::*;
use styr::model::edit::{Edit, GoalField, History, ProjectField, RiskField};
use styr::model::splice::save_text;
use styr::model::{
    Date, FollowUp, Funding, FundingStatus, Goal, Level, MeasuredResult, Number, Portfolio,
    Project, Risk, RiskStatus, load_str, parse,
};

const SMALL: &str = include_str!("fixtures/small.ron");
const HAMAR: &str = include_str!("../data/hamar.ron");

fn commented(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.trim_end().ends_with(',') && !l.contains("//") {
                format!("{l} // c\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

fn goal_ids(goals: &[Goal], out: &mut Vec<String>) {
    for g in goals {
        out.push(g.id.clone());
        goal_ids(&g.children, out);
    }
}

fn text_of(n: usize) -> String {
    ["Ny tekst", "«æøå» \"sitat\"", "  mellomrom  ", "", "x\ny"][n % 5].to_string()
}

fn opt(n: usize) -> Option<String> {
    Some(text_of(n)).filter(|t| !t.trim().is_empty())
}

/// One edit of any kind, from four numbers, against the portfolio as it is now.
fn edit_of(p: &Portfolio, (k, a, b, c): (usize, usize, usize, usize)) -> Edit {
    let mut goals = Vec::new();
    goal_ids(&p.goals, &mut goals);
    let some_goal = |n: usize| goals.get(n % goals.len().max(1)).cloned();
    let Some(pr) = (!p.projects.is_empty()).then(|| &p.projects[a % p.projects.len()]) else {
        return Edit::ProjectAdd {
            project: Box::new(new_project(c, some_goal(b))),
        };
    };
    let project = pr.id.clone();
    let day = Date::parse(["2026-11-22", "2027-01-05"][c % 2]).unwrap();
    let field = |f| Edit::ProjectSet {
        project: project.clone(),
        field: f,
    };
    match k % 24 {
        0 => field(ProjectField::Name(text_of(b))),
        1 => field(ProjectField::Owner(opt(b))),
        2 => field(ProjectField::Unit(opt(c))),
        3 => field(ProjectField::Instrument(opt(b + c))),
        4 => field(ProjectField::Level(
            [None, Some(Level::Local), Some(Level::International)][b % 3],
        )),
        5 => field(ProjectField::Start(Some(day))),
        6 => field(ProjectField::End([None, Some(day)][b % 2])),
        7 => field(ProjectField::Goals(
            (0..b % 3).filter_map(|i| some_goal(c + i)).collect(),
        )),
        8 => field(ProjectField::Tags(
            (0..b % 3).map(|i| format!("t{}", c + i)).collect(),
        )),
        9 => field(ProjectField::Planned(
            [0, 950, 2_400_000, 1_000_000_000_000_000][b % 4],
        )),
        10 => field(ProjectField::Spent([0, 1_700_000][b % 2])),
        11 => Edit::ProjectAdd {
            project: Box::new(new_project(c, some_goal(b))),
        },
        12 => Edit::ProjectRemove { project },
        13 => Edit::ProjectRename {
            from: project.clone(),
            to: format!("{project}-{}", c % 3),
        },
        14 => Edit::RiskAdd {
            project,
            risk: Risk {
                id: format!("R{}", 3 + c % 4),
                title: text_of(b),
                cause: opt(c),
                probability: (b % 6) as i64,
                consequence: (c % 5 + 1) as i64,
                mitigation: opt(b + 1),
                owner: None,
                status: [RiskStatus::Open, RiskStatus::Closed][c % 2],
            },
        },
        15 => match pr.risks.get(b % pr.risks.len().max(1)) {
            Some(r) => Edit::RiskSet {
                project,
                risk: r.id.clone(),
                field: [
                    RiskField::Title(text_of(c)),
                    RiskField::Cause(opt(c)),
                    RiskField::Owner(opt(c + 1)),
                    RiskField::Id(format!("R{}", c % 5)),
                ][c % 4]
                    .clone(),
            },
            None => field(ProjectField::Name(text_of(c))),
        },
        16 => match pr.risks.get(b % pr.risks.len().max(1)) {
            Some(r) => Edit::RiskRemove {
                project,
                risk: r.id.clone(),
            },
            None => field(ProjectField::Owner(None)),
        },
        17 => Edit::ResultAdd {
            project,
            result: MeasuredResult {
                name: text_of(b),
                unit: opt(c),
                target: Number((c % 30) as f64),
                actual: Number((b % 7) as f64 * 0.5),
                due: [None, Some(day)][c % 2],
            },
        },
        18 => match pr.results.get(b % pr.results.len().max(1)) {
            Some(r) => Edit::ResultSet {
                project,
                index: b % pr.results.len(),
                name: r.name.clone(),
                result: MeasuredResult {
                    actual: Number((c % 40) as f64),
                    ..r.clone()
                },
            },
            None => field(ProjectField::Tags(Vec::new())),
        },
        19 => match pr.results.get(b % pr.results.len().max(1)) {
            Some(r) => Edit::ResultRemove {
                project,
                index: b % pr.results.len(),
                name: r.name.clone(),
            },
            None => field(ProjectField::Unit(None)),
        },
        20 => {
            let f = pr.budget.as_ref().map_or(&[][..], |b| b.funding.as_slice());
            match (f.get(b % f.len().max(1)), c % 3) {
                (Some(x), 0) => Edit::FundingRemove {
                    project,
                    index: b % f.len(),
                    source: x.source.clone(),
                },
                (Some(x), 1) => Edit::FundingSet {
                    project,
                    index: b % f.len(),
                    source: x.source.clone(),
                    funding: Funding {
                        amount: (c * 100_000) as i64,
                        status: FundingStatus::Applied,
                        ..x.clone()
                    },
                },
                _ => Edit::FundingAdd {
                    project,
                    funding: Funding {
                        source: text_of(c),
                        amount: (b * 50_000) as i64,
                        status: [FundingStatus::Granted, FundingStatus::Rejected][b % 2],
                    },
                },
            }
        }
        21 => match (pr.follow_ups.first(), c % 2) {
            (Some(f), 0) => Edit::FollowUpRemove {
                project,
                index: 0,
                text: f.text.clone(),
            },
            _ => Edit::FollowUpAdd {
                project,
                follow_up: FollowUp {
                    text: text_of(b),
                    owner: opt(c),
                    due: None,
                    raised: day,
                    done: None,
                    by: None,
                },
            },
        },
        22 => {
            let target = some_goal(b);
            match c % 4 {
                0 => Edit::GoalAdd {
                    parent: target,
                    after: None,
                    goal: new_goal(c),
                },
                1 => Edit::GoalSet {
                    goal: target.unwrap_or_default(),
                    field: [
                        GoalField::Title(text_of(b)),
                        GoalField::Description(opt(c)),
                        GoalField::Sdgs(vec![(b % 19) as i64]),
                    ][b % 3]
                        .clone(),
                },
                2 => Edit::GoalRename {
                    from: target.unwrap_or_default(),
                    to: format!("g{}", c % 7),
                },
                _ => Edit::GoalAdd {
                    parent: None,
                    after: target,
                    goal: new_goal(c + 1),
                },
            }
        }
        _ => Edit::GoalRemove {
            goal: some_goal(b).unwrap_or_default(),
            to_parent: c % 2 == 0,
        },
    }
}

fn new_project(n: usize, goal: Option<String>) -> Project {
    let mut pr = parse(SMALL).unwrap().projects[3].clone();
    pr.id = format!("N-{}", n % 5);
    pr.name = text_of(n);
    pr.goals = goal.into_iter().collect();
    pr.risks = vec![];
    pr
}

fn new_goal(n: usize) -> Goal {
    Goal {
        id: format!("ny{}", n % 6),
        title: text_of(n),
        description: opt(n + 2),
        sdgs: vec![(n % 17 + 1) as i64],
        children: Vec::new(),
    }
}

/// Apply what applies (an edit the history refuses changes nothing), then check the
/// saved text.
fn round(text: &str, edits: &[(usize, usize, usize, usize)]) -> Result<String, TestCaseError> {
    let old = parse(text).unwrap();
    let mut p = old.clone();
    let mut h = History::default();
    for &e in edits {
        let e = edit_of(&p, e);
        let before = p.clone();
        if h.apply(&mut p, &e).is_err() {
            prop_assert_eq!(&p, &before, "a refused edit changed something: {:?}", e);
        }
    }
    let saved = save_text(text, &old, &p).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let loaded = load_str(&saved);
    prop_assert_eq!(loaded.errors(), 0, "{:?}\n{}", loaded.diagnostics, saved);
    prop_assert_eq!(loaded.portfolio.as_ref(), Some(&p));
    prop_assert!(comments_kept(text, &saved), "{}", saved);
    // All undone: the file's own bytes.
    let mut q = p.clone();
    while h.undo(&mut q).is_some() {}
    prop_assert_eq!(&q, &old);
    prop_assert_eq!(h.unsaved(&q), 0, "undone back to the file: nothing unsaved");
    prop_assert_eq!(save_text(text, &old, &q).unwrap(), text);
    while h.redo(&mut q).is_some() {}
    prop_assert_eq!(&q, &p);
    prop_assert_eq!(h.unsaved(&q) > 0, q != old);
    Ok(saved)
}

/// Every comment of `after` was in `before`, in the same order (nothing invented or
/// moved); the ones taken out went with what was removed.
fn comments_kept(before: &str, after: &str) -> bool {
    let all = |t: &str| -> Vec<String> {
        t.lines()
            .filter_map(|l| l.find("// ").map(|i| l[i..].to_string()))
            .collect()
    };
    let (b, a) = (all(before), all(after));
    let mut it = b.iter();
    a.iter().all(|c| it.any(|x| x == c))
        && before.lines().take_while(|l| l.starts_with("//")).count()
            == after.lines().take_while(|l| l.starts_with("//")).count()
}

fn edits() -> impl Strategy<Value = Vec<(usize, usize, usize, usize)>> {
    prop::collection::vec((0..24usize, 0..50usize, 0..50usize, 0..50usize), 1..14)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn edits_of_every_kind_save_and_load_back_with_no_new_error(
        first in edits(),
        second in edits(),
        hamar in any::<bool>(),
    ) {
        let text = commented(if hamar { HAMAR } else { SMALL });
        let saved = round(&text, &first)?;
        // Again, on what the first round wrote.
        round(&saved, &second)?;
    }
}
