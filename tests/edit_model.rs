//! Issue 17's model: every field of a project, a goal and their items added, changed
//! and removed by an `Edit` through the history. For each: the state after it, the
//! change log's entry, the journal (the edit written as a line and read back replays to
//! the same state), the saved text (spliced into a file with a comment on every line:
//! every comment outside what was removed is kept, in order, and the file loads with no
//! error), and undo (back to the file as loaded, nothing unsaved).

use std::collections::HashSet;

use styr::model::edit::{Edit, GoalField, History, ProjectField, RiskField, Stamp};
use styr::model::splice::save_text;
use styr::model::syntax::index;
use styr::model::{
    Budget, Change, Date, Funding, FundingStatus, Goal, Level, MeasuredResult, Number, Portfolio,
    Project, Risk, RiskStatus, Status, Time, load_str, parse,
};
use styr::store::{JournalEntry, replay};

const SMALL: &str = include_str!("fixtures/small.ron");

/// The fixture with a numbered comment at the end of every line that ends with a comma,
/// and one on a line of its own above every project, risk, result and goal.
fn commented() -> String {
    let mut n = 0;
    let mut out = String::new();
    for l in SMALL.lines() {
        let t = l.trim_start();
        if ["Project(", "Risk(", "Result(", "Goal(", "Funding("]
            .iter()
            .any(|s| t.starts_with(s))
        {
            n += 1;
            let indent = &l[..l.len() - t.len()];
            out.push_str(&format!("{indent}// above {n}\n"));
        }
        if l.trim_end().ends_with(',') && !l.contains("//") {
            n += 1;
            out.push_str(&format!("{l} // c{n}\n"));
        } else {
            out.push_str(l);
            out.push('\n');
        }
    }
    assert!(parse(&out).is_ok());
    out
}

fn comments(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.find("// ").map(|i| l[i..].to_string()))
        .filter(|c| c.starts_with("// c") || c.starts_with("// above"))
        .collect()
}

fn stamp() -> Stamp {
    Stamp {
        date: Date::parse("2026-11-22").unwrap(),
        at: Time::parse("14:05").unwrap(),
        by: Some("Kari".into()),
        agenda: Vec::new(),
    }
}

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// What the edits made of the commented fixture.
struct Case {
    text: String,
    old: Portfolio,
    new: Portfolio,
    saved: String,
}

impl Case {
    /// The change log of the day.
    fn changes(&self) -> &[Change] {
        self.new
            .meetings
            .iter()
            .find(|m| m.date == stamp().date)
            .map_or(&[], |m| m.changes.as_slice())
    }

    fn project(&self, id: &str) -> &Project {
        self.new
            .projects
            .iter()
            .find(|p| p.id == id)
            .unwrap_or_else(|| panic!("no {id}"))
    }

    /// The saved text has every comment of the loaded one, in order, except those in
    /// the items at `removed` (paths in the loaded text).
    fn keeps_comments(&self, removed: &[&str]) {
        let wanted: HashSet<String> = removed.iter().map(|s| s.to_string()).collect();
        let nodes = index(&self.text, &wanted);
        let gone: Vec<std::ops::Range<usize>> =
            removed.iter().map(|p| nodes[*p].span.clone()).collect();
        let mut expected = Vec::new();
        let mut at = 0;
        for l in self.text.split_inclusive('\n') {
            if let Some(i) = l.find("// ")
                && !gone.iter().any(|r| r.contains(&(at + i)))
            {
                let c = l[i..].trim_end().to_string();
                if c.starts_with("// c") || c.starts_with("// above") {
                    expected.push(c);
                }
            }
            at += l.len();
        }
        let got = comments(&self.saved);
        let missing: Vec<&String> = expected.iter().filter(|c| !got.contains(c)).collect();
        let extra: Vec<&String> = got.iter().filter(|c| !expected.contains(c)).collect();
        assert_eq!(got, expected, "missing {missing:?}, extra {extra:?}");
    }

    /// How many lines of the loaded text are not in the saved one, and the new lines
    /// (before the meeting records, which the change log adds to).
    fn line_diff(&self) -> (usize, Vec<String>) {
        let until_meetings = |t: &str| -> Vec<String> {
            let mut v: Vec<String> = t
                .lines()
                .take_while(|l| l.trim() != "meetings: [")
                .map(str::to_string)
                .collect();
            if v.last().is_some_and(|l| l == ")") {
                v.pop();
            }
            v
        };
        let (b, a) = (until_meetings(&self.text), until_meetings(&self.saved));
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
        (bi - i, a[j..aj].to_vec())
    }
}

/// Apply `edits` (stamped) to the commented fixture and check what every edit must
/// hold: the journal replays to the same state, the saved text loads to it with no
/// error, and undoing every step gives the file as loaded back.
fn case(edits: &[Edit]) -> Case {
    let text = commented();
    let old = parse(&text).unwrap();
    let mut p = old.clone();
    let mut h = History::default();
    for e in edits {
        h.apply_stamped(&mut p, e, Some(&stamp()))
            .unwrap_or_else(|err| panic!("{e:?}: {err}"));
    }
    // The journal: each entry as a line of RON, read back and replayed.
    let lines: Vec<String> = edits
        .iter()
        .map(|e| ron::to_string(&JournalEntry::Stamped(e.clone(), stamp())).unwrap())
        .collect();
    let back: Vec<JournalEntry> = lines
        .iter()
        .map(|l| styr::model::load::ron_options().from_str(l).unwrap())
        .collect();
    let mut q = old.clone();
    let report = replay(&mut q, &mut History::default(), &back);
    assert_eq!(report.skipped, 0);
    assert_eq!(q, p, "the journal replays to the same state");
    // The saved text.
    let saved = save_text(&text, &old, &p).unwrap_or_else(|e| panic!("{e}"));
    let loaded = load_str(&saved);
    assert_eq!(loaded.errors(), 0, "{:?}\n{saved}", loaded.diagnostics);
    assert_eq!(loaded.portfolio.as_ref(), Some(&p));
    // Undo, all the way.
    assert!(h.unsaved(&p) > 0);
    let new = p.clone();
    while h.undo(&mut p).is_some() {}
    assert_eq!(p, old, "undone back to the file");
    assert_eq!(h.unsaved(&p), 0);
    while h.redo(&mut p).is_some() {}
    assert_eq!(p, new, "redone");
    Case {
        text,
        old,
        new,
        saved,
    }
}

fn set(project: &str, field: ProjectField) -> Edit {
    Edit::ProjectSet {
        project: project.into(),
        field,
    }
}

#[test]
fn every_field_of_a_project_is_set_logged_and_spliced_where_it_stands() {
    let edits = [
        set(
            "T-02",
            ProjectField::Name("Klimatilpasning langs elva".into()),
        ),
        set("T-02", ProjectField::Owner(Some("Kari Nordmann".into()))),
        set("T-02", ProjectField::Unit(Some("Plan".into()))),
        set("T-02", ProjectField::Instrument(None)),
        set("T-02", ProjectField::Level(Some(Level::Regional))),
        set("T-02", ProjectField::Start(Some(d("2024-10-01")))),
        set("T-02", ProjectField::End(Some(d("2027-11-30")))),
        set(
            "T-02",
            ProjectField::Goals(vec!["klima.d2".into(), "by.d2".into()]),
        ),
        set(
            "T-02",
            ProjectField::Tags(vec!["Interreg".into(), "vann".into()]),
        ),
        set("T-02", ProjectField::Planned(3_400_000)),
        set("T-02", ProjectField::Spent(2_400_000)),
    ];
    let c = case(&edits);
    let pr = c.project("T-02");
    assert_eq!(pr.name, "Klimatilpasning langs elva");
    assert_eq!(pr.owner.as_deref(), Some("Kari Nordmann"));
    assert_eq!(pr.instrument, None);
    assert_eq!(pr.level, Some(Level::Regional));
    assert_eq!(pr.end, Some(d("2027-11-30")));
    assert_eq!(pr.goals, ["klima.d2", "by.d2"]);
    let b = pr.budget.as_ref().unwrap();
    assert_eq!((b.planned, b.spent), (3_400_000, 2_400_000));
    let log: Vec<(&str, Option<&str>, Option<&str>)> = c
        .changes()
        .iter()
        .map(|x| (x.what.as_str(), x.from.as_deref(), x.to.as_deref()))
        .collect();
    assert_eq!(
        log[0],
        (
            "name",
            Some("Klimatilpasning i ravinene"),
            Some("Klimatilpasning langs elva")
        )
    );
    assert_eq!(log[3], ("instrument", Some("EU-prosjekt"), None));
    assert_eq!(log[4], ("level", None, Some("Regional")));
    assert_eq!(log[7], ("goals", Some("klima.d2"), Some("klima.d2, by.d2")));
    assert_eq!(log[10], ("budget.spent", Some("1950000"), Some("2400000")));
    assert!(
        c.changes()
            .iter()
            .all(|x| x.project.as_deref() == Some("T-02"))
    );
    c.keeps_comments(&[]);
    assert!(
        c.saved.contains("                planned: 3_400_000, // c"),
        "{}",
        c.saved
    );
    assert!(
        c.saved
            .contains(r#"            goals: ["klima.d2", "by.d2"], // c"#)
    );
    // The instrument's line went; a level came after the tags (FORMAT.md's order).
    assert!(!c.saved.contains(r#"instrument: "EU-prosjekt", // c31"#));
    let (gone, added) = c.line_diff();
    assert!(gone < 40, "{gone} {added:?}");
}

#[test]
fn an_edit_that_would_give_the_file_an_error_is_refused_and_changes_nothing() {
    let mut p = parse(SMALL).unwrap();
    let old = p.clone();
    let mut h = History::default();
    for bad in [
        set("T-01", ProjectField::Goals(vec!["finnes.ikke".into()])),
        set("T-01", ProjectField::End(Some(d("2020-01-01")))),
        set("T-01", ProjectField::Planned(-5)),
        set("T-01", ProjectField::Name("  ".into())),
        Edit::ProjectRename {
            from: "T-01".into(),
            to: "T-02".into(),
        },
        Edit::GoalRename {
            from: "by".into(),
            to: "klima".into(),
        },
        Edit::GoalSet {
            goal: "by".into(),
            field: GoalField::Sdgs(vec![18]),
        },
        Edit::Batch(vec![
            set("T-01", ProjectField::Name("Nytt navn".into())),
            set("T-01", ProjectField::Goals(vec!["nope".into()])),
        ]),
    ] {
        assert!(
            h.apply_stamped(&mut p, &bad, Some(&stamp())).is_err(),
            "{bad:?}"
        );
        assert_eq!(p, old, "{bad:?} left the portfolio as it was");
    }
    assert!(!h.can_undo());
}

fn new_project() -> Project {
    let mut pr = parse(SMALL).unwrap().projects[3].clone();
    pr.id = "T-07".into();
    pr.name = "Ny vennskapsavtale".into();
    pr.status = Status::Proposed;
    pr.health = None;
    pr.risks.clear();
    pr.evaluations.clear();
    pr.tags.clear();
    pr.budget = Some(Budget {
        planned: 2_400_000,
        spent: 0,
        funding: Vec::new(),
    });
    pr
}

#[test]
fn a_project_is_added_in_the_style_of_its_neighbours_and_removed_with_its_lines() {
    let c = case(&[Edit::ProjectAdd {
        project: Box::new(new_project()),
    }]);
    assert_eq!(c.new.projects.len(), c.old.projects.len() + 1);
    assert_eq!(c.new.projects.last().unwrap().id, "T-07");
    assert_eq!(c.changes()[0].what, "project");
    assert_eq!(c.changes()[0].to.as_deref(), Some("Ny vennskapsavtale"));
    c.keeps_comments(&[]);
    let (gone, added) = c.line_diff();
    assert_eq!(gone, 0, "{added:?}");
    let added = added.join("\n");
    assert!(
        added.starts_with("        Project(\n            id: \"T-07\","),
        "{added}"
    );
    assert!(
        added.contains("                planned: 2_400_000,"),
        "{added}"
    );

    let c = case(&[Edit::ProjectRemove {
        project: "T-03".into(),
    }]);
    assert!(c.new.projects.iter().all(|p| p.id != "T-03"));
    assert_eq!(c.changes()[0].from.as_deref(), Some("Bysykler og gange"));
    c.keeps_comments(&[".projects[2]"]);
    assert!(!c.saved.contains(r#"id: "T-03""#));
    assert!(c.saved.contains("T-02") && c.saved.contains("T-04"));
}

#[test]
fn a_project_renamed_takes_its_references_along_in_one_step() {
    let mut s = stamp();
    s.agenda = vec!["T-03".into()];
    let text = commented();
    let mut p = parse(&text).unwrap();
    let old = p.clone();
    let mut h = History::default();
    let health = Edit::Health {
        project: "T-03".into(),
        health: Some(styr::model::Health::Amber),
    };
    h.apply_stamped(&mut p, &health, Some(&s)).unwrap();
    let rename = Edit::ProjectRename {
        from: "T-03".into(),
        to: "T-03b".into(),
    };
    h.apply_stamped(&mut p, &rename, Some(&stamp())).unwrap();
    let m = &p.meetings[0];
    assert_eq!(m.agenda, ["T-03b"]);
    assert!(
        m.changes
            .iter()
            .all(|c| c.project.as_deref() == Some("T-03b"))
    );
    assert_eq!(m.changes[1].what, "id");
    assert_eq!(m.changes[1].from.as_deref(), Some("T-03"));
    let pr = p.projects.iter().find(|x| x.id == "T-03b").unwrap();
    assert_eq!(pr.evaluations.len(), 1, "its evaluations go with it");
    let saved = save_text(&text, &old, &p).unwrap();
    assert!(
        saved.contains(r#"            id: "T-03b", // c"#),
        "{saved}"
    );
    assert_eq!(load_str(&saved).errors(), 0);
    h.undo(&mut p);
    assert!(p.projects.iter().any(|x| x.id == "T-03"));
    assert_eq!(p.meetings[0].agenda, ["T-03"]);
    h.undo(&mut p);
    assert_eq!(p, old);
}

fn risk(id: &str, title: &str) -> Risk {
    Risk {
        id: id.into(),
        title: title.into(),
        cause: None,
        probability: 3,
        consequence: 4,
        mitigation: Some("Tett oppfølging".into()),
        owner: None,
        status: RiskStatus::Open,
    }
}

#[test]
fn risks_are_added_changed_and_removed() {
    let c = case(&[
        Edit::RiskAdd {
            project: "T-01".into(),
            risk: risk("R3", "Lederne frigjør ikke tid"),
        },
        Edit::RiskSet {
            project: "T-01".into(),
            risk: "R1".into(),
            field: RiskField::Title("Forsinket levering".into()),
        },
        Edit::RiskSet {
            project: "T-01".into(),
            risk: "R1".into(),
            field: RiskField::Cause(None),
        },
        Edit::RiskRemove {
            project: "T-01".into(),
            risk: "R2".into(),
        },
    ]);
    let ids: Vec<&str> = c
        .project("T-01")
        .risks
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids, ["R1", "R3"]);
    let log: Vec<(&str, Option<&str>, Option<&str>)> = c
        .changes()
        .iter()
        .map(|x| (x.what.as_str(), x.from.as_deref(), x.to.as_deref()))
        .collect();
    assert_eq!(
        log,
        [
            ("risks", None, Some("R3 Lederne frigjør ikke tid")),
            (
                "risks.R1.title",
                Some("Forsinket installasjon"),
                Some("Forsinket levering")
            ),
            ("risks.R1.cause", Some("Lange leveringstider"), None),
            ("risks", Some("R2 Ulike driftsrutiner"), None),
        ]
    );
    c.keeps_comments(&[".projects[0].risks[1]"]);
    // The new risk is written as its neighbour is: on lines of its own, named.
    assert!(
        c.saved
            .contains("                Risk(\n                    id: \"R3\",")
            || c.saved
                .contains("                Risk(id: \"R3\", title: \"Lederne frigjør ikke tid\""),
        "{}",
        c.saved
    );
}

#[test]
fn results_are_added_their_actual_changed_and_removed() {
    let mut r = parse(SMALL).unwrap().projects[0].results[0].clone();
    r.actual = Number(8.0);
    let c = case(&[
        Edit::ResultSet {
            project: "T-01".into(),
            index: 0,
            name: r.name.clone(),
            result: r.clone(),
        },
        Edit::ResultAdd {
            project: "T-01".into(),
            result: MeasuredResult {
                name: "Workshops".into(),
                unit: Some("stk".into()),
                target: Number(8.0),
                actual: Number(4.0),
                due: Some(d("2027-06-30")),
            },
        },
        Edit::ResultRemove {
            project: "T-01".into(),
            index: 1,
            name: "Redusert energibruk".into(),
        },
    ]);
    let names: Vec<&str> = c
        .project("T-01")
        .results
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(names, ["Bygg med styrt energibruk", "Workshops"]);
    assert_eq!(c.project("T-01").results[0].actual, Number(8.0));
    let log: Vec<(&str, Option<&str>, Option<&str>)> = c
        .changes()
        .iter()
        .map(|x| (x.what.as_str(), x.from.as_deref(), x.to.as_deref()))
        .collect();
    assert_eq!(
        log,
        [
            ("results[0].actual", Some("5"), Some("8")),
            ("results", None, Some("Workshops")),
            ("results", Some("Redusert energibruk"), None),
        ]
    );
    c.keeps_comments(&[".projects[0].results[1]"]);
    assert!(
        c.saved
            .contains(r#"target: 12, actual: 8, due: "2027-12-31"), // c"#),
        "{}",
        c.saved
    );
}

#[test]
fn funding_lines_are_added_changed_and_removed() {
    let c = case(&[
        Edit::FundingSet {
            project: "T-01".into(),
            index: 1,
            source: "Enova".into(),
            funding: Funding {
                source: "Enova".into(),
                amount: 650_000,
                status: FundingStatus::Granted,
            },
        },
        Edit::FundingRemove {
            project: "T-01".into(),
            index: 0,
            source: "Horizon Europe".into(),
        },
        Edit::FundingAdd {
            project: "T-04".into(),
            funding: Funding {
                source: "Nordisk Råd".into(),
                amount: 200_000,
                status: FundingStatus::Applied,
            },
        },
    ]);
    let f = &c.project("T-01").budget.as_ref().unwrap().funding;
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].amount, f[0].status),
        (650_000, FundingStatus::Granted)
    );
    assert_eq!(
        c.project("T-04").budget.as_ref().unwrap().funding[0].source,
        "Nordisk Råd"
    );
    let whats: Vec<&str> = c.changes().iter().map(|x| x.what.as_str()).collect();
    assert_eq!(
        whats,
        [
            "budget.funding[1].amount",
            "budget.funding[1].status",
            "budget.funding",
            "budget.funding"
        ]
    );
    c.keeps_comments(&[".projects[0].budget.funding[0]"]);
    assert!(
        c.saved
            .contains("Funding(source: \"Nordisk Råd\", amount: 200_000, status: Applied)"),
        "{}",
        c.saved
    );
}

#[test]
fn a_follow_up_is_removed_and_logged() {
    let text = commented();
    let mut p = parse(&text).unwrap();
    let mut h = History::default();
    let f = styr::model::FollowUp {
        text: "Send revidert budsjett".into(),
        owner: None,
        due: None,
        raised: stamp().date,
        done: None,
        by: None,
    };
    h.apply_stamped(
        &mut p,
        &Edit::FollowUpAdd {
            project: "T-02".into(),
            follow_up: f.clone(),
        },
        Some(&stamp()),
    )
    .unwrap();
    let saved_once = save_text(&text, &parse(&text).unwrap(), &p).unwrap();
    let before_remove = parse(&saved_once).unwrap();
    let mut q = before_remove.clone();
    let mut h2 = History::default();
    h2.apply_stamped(
        &mut q,
        &Edit::FollowUpRemove {
            project: "T-02".into(),
            index: 0,
            text: f.text.clone(),
        },
        Some(&stamp()),
    )
    .unwrap();
    assert!(q.projects[1].follow_ups.is_empty());
    let last = q.meetings[0].changes.last().unwrap();
    assert_eq!(
        (last.what.as_str(), last.from.as_deref(), last.to.as_deref()),
        ("follow_ups", Some("Send revidert budsjett"), None)
    );
    let saved = save_text(&saved_once, &before_remove, &q).unwrap();
    assert_eq!(parse(&saved).unwrap(), q);
    assert_eq!(comments(&saved), comments(&text));
}

fn goal(id: &str, title: &str) -> Goal {
    Goal {
        id: id.into(),
        title: title.into(),
        description: None,
        sdgs: vec![11],
        children: Vec::new(),
    }
}

#[test]
fn goals_are_added_as_children_and_siblings_changed_and_renamed_with_their_references() {
    let c = case(&[
        Edit::GoalAdd {
            parent: Some("by.h".into()),
            after: Some("by.d1".into()),
            goal: goal("by.d1b", "Trygge skoleveier"),
        },
        Edit::GoalAdd {
            parent: Some("by.d2".into()),
            after: None,
            goal: goal("by.d2.a", "Kulturhus"),
        },
        Edit::GoalSet {
            goal: "by".into(),
            field: GoalField::Title("By, sted og kultur".into()),
        },
        Edit::GoalSet {
            goal: "by".into(),
            field: GoalField::Description(Some("Hele kommunen".into())),
        },
        Edit::GoalSet {
            goal: "klima.d2".into(),
            field: GoalField::Sdgs(vec![13, 6]),
        },
        Edit::GoalRename {
            from: "klima.d1".into(),
            to: "klima.utslipp".into(),
        },
    ]);
    let by_h = &c.new.goals[1].children[0];
    let ids: Vec<&str> = by_h.children.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ["by.d1", "by.d1b", "by.d2"]);
    assert_eq!(by_h.children[2].children[0].id, "by.d2.a");
    // Every project that served klima.d1 serves it under its new id.
    for id in ["T-01", "T-04", "T-06"] {
        assert!(
            c.project(id).goals.contains(&"klima.utslipp".to_string()),
            "{id}"
        );
    }
    let log: Vec<(Option<&str>, &str)> = c
        .changes()
        .iter()
        .map(|x| (x.goal.as_deref(), x.what.as_str()))
        .collect();
    assert_eq!(
        log,
        [
            (Some("by.d1b"), "goal"),
            (Some("by.d2.a"), "goal"),
            (Some("by"), "title"),
            (Some("by"), "description"),
            (Some("klima.d2"), "sdgs"),
            (Some("klima.utslipp"), "id"),
        ]
    );
    c.keeps_comments(&[]);
    assert!(
        c.saved
            .contains(r#"Goal(id: "by.d1b", title: "Trygge skoleveier", sdgs: [11]),"#),
        "{}",
        c.saved
    );
    assert!(
        c.saved
            .contains(r#"goals: ["by.d1", "klima.utslipp"], // c"#),
        "{}",
        c.saved
    );
}

#[test]
fn a_goal_removed_moves_its_projects_to_its_parent_or_lets_them_go() {
    let c = case(&[Edit::GoalRemove {
        goal: "klima.d1".into(),
        to_parent: true,
    }]);
    assert_eq!(c.project("T-01").goals, ["klima.h"]);
    assert_eq!(c.project("T-04").goals, ["by.d1", "klima.h"]);
    let log: Vec<(Option<&str>, Option<&str>, &str)> = c
        .changes()
        .iter()
        .map(|x| (x.goal.as_deref(), x.project.as_deref(), x.what.as_str()))
        .collect();
    assert_eq!(log[0], (Some("klima.d1"), None, "goal"));
    assert_eq!(log[1], (None, Some("T-01"), "goals"));
    assert_eq!(log.len(), 4, "the goal and its three projects");
    c.keeps_comments(&[".goals[0].children[0].children[0]"]);

    // Without moving: the projects lose it (T-01 then serves no goal: a warning only).
    let c = case(&[Edit::GoalRemove {
        goal: "klima".into(),
        to_parent: false,
    }]);
    assert!(c.project("T-01").goals.is_empty());
    assert_eq!(c.project("T-04").goals, ["by.d1"]);
    c.keeps_comments(&[".goals[0]"]);
}

#[test]
fn a_batch_is_one_step_and_each_part_is_logged() {
    let text = commented();
    let mut p = parse(&text).unwrap();
    let old = p.clone();
    let mut h = History::default();
    let e = Edit::Batch(vec![
        set("T-04", ProjectField::Name("Nordisk bynettverk".into())),
        set("T-04", ProjectField::Owner(None)),
        Edit::ProjectRename {
            from: "T-04".into(),
            to: "T-04N".into(),
        },
    ]);
    h.apply_stamped(&mut p, &e, Some(&stamp())).unwrap();
    assert_eq!(p.meetings[0].changes.len(), 3);
    assert_eq!(h.len(), 1);
    h.undo(&mut p);
    assert_eq!(p, old);
}

#[test]
fn the_minutes_list_what_was_added_removed_and_changed_in_both_languages() {
    let mut r = parse(SMALL).unwrap().projects[0].results[0].clone();
    r.actual = Number(8.0);
    let c = case(&[
        Edit::ProjectAdd {
            project: Box::new(new_project()),
        },
        Edit::RiskAdd {
            project: "T-01".into(),
            risk: risk("R3", "Lederne frigjør ikke tid"),
        },
        Edit::RiskRemove {
            project: "T-01".into(),
            risk: "R2".into(),
        },
        Edit::ResultSet {
            project: "T-01".into(),
            index: 0,
            name: r.name.clone(),
            result: r,
        },
        set("T-01", ProjectField::Spent(2_400_000)),
        set("T-01", ProjectField::Level(Some(Level::International))),
        Edit::GoalAdd {
            parent: Some("by.h".into()),
            after: None,
            goal: goal("by.d3", "Trygge skoleveier"),
        },
        Edit::GoalRename {
            from: "by.d2".into(),
            to: "by.kultur".into(),
        },
    ]);
    let nb = styr::cli::minutes::minutes(&c.new, Some(stamp().date), styr::text::Lang::Nb);
    for line in [
        "- Nytt prosjekt: «Ny vennskapsavtale»",
        "- Ny risiko: «R3 Lederne frigjør ikke tid»",
        "- Risiko fjernet: «R2 Ulike driftsrutiner»",
        "- Resultat «Bygg med styrt energibruk», faktisk: 5 → 8",
        "- Budsjett, brukt: 2\u{a0}150\u{a0}000 → 2\u{a0}400\u{a0}000",
        "- Nivå: – → Internasjonalt",
        "- Nytt mål by.d3: «Trygge skoleveier»",
        "- Mål by.kultur Møteplasser og kulturliv, id: by.d2 → by.kultur",
    ] {
        assert!(nb.contains(line), "{line}\n{nb}");
    }
    let en = styr::cli::minutes::minutes(&c.new, Some(stamp().date), styr::text::Lang::En);
    for line in [
        "- New project: “Ny vennskapsavtale”",
        "- Risk removed: “R2 Ulike driftsrutiner”",
        "- Result “Bygg med styrt energibruk”, actual: 5 → 8",
        "- Budget, spent: 2,150,000 → 2,400,000",
        "- New goal by.d3: “Trygge skoleveier”",
    ] {
        assert!(en.contains(line), "{line}\n{en}");
    }
}

#[test]
fn unsaved_counts_projects_added_removed_and_changed_across_a_save() {
    let mut p = parse(SMALL).unwrap();
    let mut h = History::default();
    let add = Edit::ProjectAdd {
        project: Box::new(new_project()),
    };
    let remove = Edit::ProjectRemove {
        project: "T-02".into(),
    };
    let health = Edit::Health {
        project: "T-05".into(),
        health: Some(styr::model::Health::Red),
    };
    h.apply(&mut p, &add).unwrap();
    assert_eq!(h.unsaved(&p), 1);
    h.apply(&mut p, &remove).unwrap();
    assert_eq!(h.unsaved(&p), 2);
    h.apply(&mut p, &health).unwrap();
    assert_eq!(
        h.unsaved(&p),
        3,
        "T-05 stands one place up now and is still counted"
    );
    h.mark_saved();
    assert_eq!(h.unsaved(&p), 0);
    // Undone past the save: the file has all three, the screen none.
    h.undo(&mut p);
    assert_eq!(h.unsaved(&p), 1);
    h.undo(&mut p);
    assert_eq!(h.unsaved(&p), 2, "T-02 back: not in the file");
    h.undo(&mut p);
    assert_eq!(h.unsaved(&p), 3, "T-07 gone: still in the file");
    assert_eq!(p, parse(SMALL).unwrap());
    while h.redo(&mut p).is_some() {}
    assert_eq!(h.unsaved(&p), 0, "redone: as saved");
}
