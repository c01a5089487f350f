//! An edit recomputes only what it changes (`model::figures::incremental`, `App::edited`);
//! these properties hold it to what recomputing everything gives.
//!
//! - In the domain: any change to one project (its goals, budget and funding, health,
//!   status, scores, risks), one after the other, leaves the figures equal, to the bit,
//!   to `figures::compute` of the changed portfolio.
//! - In the interactive view: the same random meeting (scores, decisions, health, status,
//!   risk fields, undo and redo, between sorts, filters, searches and matrix cells) on
//!   two apps, one updating only what each edit touched and one recomputing everything
//!   (`App::recompute_all`), gives the same figures, ranking, list, register, cursors,
//!   messages and screen after every step.
//!
//! Bounded so that it runs in seconds in a debug build.

#[path = "../benches/common/portfolio_gen.rs"]
mod portfolio_gen;

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use styr::app::update::update;
use styr::app::{Action, App, Pane, RiskFocus, SortKey};
use styr::model::figures::{self, incremental};
use styr::model::tree::GoalTree;
use styr::model::{
    Budget, Date, Decision, Evaluation, Funding, FundingStatus, Health, Portfolio, Project, Risk,
    RiskStatus, Status, Time,
};
use styr::text::Lang;
use styr::ui::{self, Theme, ThemeName};

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Keep a clean checkout clean: a failure prints its minimal input instead.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A generated portfolio: a three-level goal tree, risks, evaluations, funding.
fn portfolio(n: usize, seed: u64) -> Portfolio {
    portfolio_gen::portfolio(n, seed)
}

// ---- the domain ----

/// (source, amount, status) of a funding, each an index or a number.
type Fund = (usize, i64, usize);

/// One change to a project, as data (applied by [`change`]).
#[derive(Debug, Clone)]
enum Change {
    /// Serve these goals (indices into the tree, modulo its size), and maybe one the
    /// tree does not have.
    Goals(Vec<usize>, bool),
    /// A new budget: planned, spent, and (source, amount, status) per funding.
    Budget(Option<(i64, i64, Vec<Fund>)>),
    Health(Option<usize>),
    Status(usize),
    /// A new latest evaluation with these (criterion, score) pairs.
    Evaluate(Vec<(usize, i64)>),
    /// The latest evaluation taken away.
    Unevaluate,
    /// Risk (modulo the count): probability, consequence, status.
    Risk(usize, i64, i64, usize),
    AddRisk(i64, i64),
    RemoveRisk(usize),
}

/// Sources few and shared, and one a single project names (it leaves the totals'
/// list when that funding goes), and amounts at the ends of i64.
const SOURCES: [&str; 4] = ["Interreg", "Erasmus+", "Nordisk Råd", "Bare én"];

fn amount() -> impl Strategy<Value = i64> {
    prop_oneof![
        4 => -1_000i64..1_000_000,
        1 => Just(i64::MAX),
        1 => Just(i64::MIN),
    ]
}

fn a_change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (prop::collection::vec(0usize..400, 0..4), any::<bool>())
            .prop_map(|(g, x)| Change::Goals(g, x)),
        prop::option::of((
            amount(),
            amount(),
            prop::collection::vec((0usize..4, amount(), 0usize..3), 0..4)
        ))
        .prop_map(Change::Budget),
        prop::option::of(0usize..3).prop_map(Change::Health),
        (0usize..5).prop_map(Change::Status),
        prop::collection::vec((0usize..4, 1i64..=5), 0..4).prop_map(Change::Evaluate),
        Just(Change::Unevaluate),
        (0usize..8, 1i64..=5, 1i64..=5, 0usize..3)
            .prop_map(|(r, p, c, s)| Change::Risk(r, p, c, s)),
        (1i64..=5, 1i64..=5).prop_map(|(p, c)| Change::AddRisk(p, c)),
        (0usize..8).prop_map(Change::RemoveRisk),
    ]
}

fn change(p: &Portfolio, pr: &mut Project, c: &Change) {
    let tree = GoalTree::new(p);
    match c {
        Change::Goals(g, unknown) => {
            pr.goals = g
                .iter()
                .filter(|_| !tree.is_empty())
                .map(|&i| tree.goals[i % tree.len()].id.clone())
                .collect();
            if *unknown {
                pr.goals.push("finnes-ikke".into());
            }
        }
        Change::Budget(b) => {
            pr.budget = b.as_ref().map(|(planned, spent, funding)| Budget {
                planned: *planned,
                spent: *spent,
                funding: funding
                    .iter()
                    .map(|&(s, amount, st)| Funding {
                        source: SOURCES[s].into(),
                        amount,
                        status: [
                            FundingStatus::Granted,
                            FundingStatus::Applied,
                            FundingStatus::Rejected,
                        ][st],
                    })
                    .collect(),
            })
        }
        Change::Health(h) => pr.health = h.map(|h| Health::ALL[h]),
        Change::Status(s) => pr.status = Status::ALL[*s],
        Change::Evaluate(scores) => pr.evaluations.push(Evaluation {
            date: Date::parse("2026-11-26").expect("a date"),
            scores: scores
                .iter()
                .map(|&(c, s)| {
                    // The fourth is a criterion the file does not have.
                    let id = p
                        .criteria
                        .get(c)
                        .map_or("ukjent".to_string(), |c| c.id.clone());
                    (id, s)
                })
                .collect(),
            decision: None,
            note: None,
            by: None,
            ratings: Vec::new(),
        }),
        Change::Unevaluate => {
            pr.evaluations.pop();
        }
        Change::Risk(r, prob, cons, s) => {
            let n = pr.risks.len();
            if let Some(r) = pr.risks.get_mut(r % n.max(1)) {
                r.probability = *prob;
                r.consequence = *cons;
                r.status = RiskStatus::ALL[*s];
            }
        }
        Change::AddRisk(prob, cons) => pr.risks.push(Risk {
            id: format!("R{}", pr.risks.len() + 10),
            title: "Ny".into(),
            cause: None,
            probability: *prob,
            consequence: *cons,
            mitigation: None,
            owner: None,
            status: RiskStatus::Open,
        }),
        Change::RemoveRisk(r) => {
            if !pr.risks.is_empty() {
                let n = pr.risks.len();
                pr.risks.remove(r % n);
            }
        }
    }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn one_project_changed_gives_what_a_full_computation_gives(
        seed in 0u64..4,
        // Often the same few projects, so that one change undoes or builds on another.
        changes in prop::collection::vec((prop_oneof![0usize..4, 0usize..1000], a_change()), 1..24),
    ) {
        let mut p = portfolio(150, seed);
        let mut f = figures::compute(&p);
        for (k, c) in &changes {
            let pi = k % p.projects.len();
            let before = p.projects[pi].clone();
            let mut pr = before.clone();
            change(&p, &mut pr, c);
            p.projects[pi] = pr;
            let tree = GoalTree::new(&p);
            let old = incremental::project_changed(&mut f, &p, &tree, pi, &before);
            prop_assert!(old.is_some(), "the figures fit the portfolio");
            let full = figures::compute(&p);
            prop_assert_eq!(&f.projects, &full.projects, "after {:?}", c);
            prop_assert_eq!(&f.goals, &full.goals, "after {:?}", c);
            prop_assert_eq!(&f.unserved_leaves, &full.unserved_leaves);
            prop_assert_eq!(&f.goalless_projects, &full.goalless_projects);
            prop_assert_eq!(&f.totals, &full.totals, "after {:?}", c);
            prop_assert_eq!(&f, &full);
        }
    }
}

#[test]
fn figures_that_do_not_fit_are_refused_untouched() {
    let p = portfolio(60, 1);
    let f = figures::compute(&p);
    let tree = GoalTree::new(&p);
    let mut fewer = p.clone();
    fewer.projects.pop();
    let mut g = f.clone();
    let before = p.projects[0].clone();
    assert!(incremental::project_changed(&mut g, &fewer, &tree, 0, &before).is_none());
    assert!(incremental::project_changed(&mut g, &p, &tree, 60, &before).is_none());
    let mut later = p.clone();
    later.as_of = Date::parse("2031-01-01");
    assert!(incremental::project_changed(&mut g, &later, &tree, 0, &before).is_none());
    assert_eq!(g, f);
}

#[test]
fn a_score_reaches_every_goal_above_the_project() {
    // The chain from the project's leaf to the top: each level's mean moves.
    let mut p = portfolio(150, 2);
    let tree = GoalTree::new(&p);
    let pi = (0..p.projects.len())
        .find(|&i| {
            let g = &p.projects[i].goals;
            g.len() == 1
                && tree
                    .index_of(&g[0])
                    .is_some_and(|gi| tree.nodes[gi].depth == 2)
        })
        .expect("a project serving one leaf");
    let leaf = tree
        .index_of(&p.projects[pi].goals[0])
        .expect("in the tree");
    let chain: Vec<usize> = tree.ancestors_and_self(leaf).collect();
    assert_eq!(chain.len(), 3);
    drop(tree);
    let mut f = figures::compute(&p);
    let before = p.projects[pi].clone();
    // All ones or all fives, whichever moves the project's total furthest.
    let v = if f.projects[pi].latest_score.unwrap_or(0.0) >= 3.0 {
        1
    } else {
        5
    };
    let mut pr = before.clone();
    change(&p, &mut pr, &Change::Evaluate(vec![(0, v), (1, v), (2, v)]));
    p.projects[pi] = pr;
    let means = |f: &figures::Figures| {
        chain
            .iter()
            .map(|&g| f.goals[g].mean_score)
            .collect::<Vec<_>>()
    };
    let was = means(&f);
    let tree = GoalTree::new(&p);
    incremental::project_changed(&mut f, &p, &tree, pi, &before).expect("fits");
    let full = figures::compute(&p);
    assert_eq!(means(&f), means(&full));
    for (g, (a, b)) in chain.iter().zip(was.iter().zip(means(&f))) {
        assert_ne!(
            *a, b,
            "goal {} (depth {})",
            tree.goals[*g].id, tree.nodes[*g].depth
        );
    }
}

// ---- the interactive view ----

/// One thing the chair does.
#[derive(Debug, Clone)]
enum Step {
    Select(usize),
    SelectRisk(usize),
    Criterion(usize),
    Score(i64),
    ClearScore,
    Decision(Option<usize>),
    Health(Option<usize>),
    Status(usize),
    RiskStatus(usize),
    RiskProbability(i64),
    RiskConsequence(i64),
    Undo,
    Redo,
    Sort(usize),
    FilterStatus(Option<usize>),
    FilterHealth(Option<Option<usize>>),
    FilterGoal(Option<usize>),
    Search(usize),
    Cell(Option<(i64, i64)>),
}

const QUERIES: [&str; 6] = ["", "k", "kl", "grønn", "a", "p-00"];

fn a_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0usize..1000).prop_map(Step::Select),
        2 => (0usize..1000).prop_map(Step::SelectRisk),
        1 => (0usize..4).prop_map(Step::Criterion),
        4 => (1i64..=5).prop_map(Step::Score),
        1 => Just(Step::ClearScore),
        2 => prop::option::of(0usize..6).prop_map(Step::Decision),
        3 => prop::option::of(0usize..3).prop_map(Step::Health),
        2 => (0usize..5).prop_map(Step::Status),
        2 => (0usize..3).prop_map(Step::RiskStatus),
        2 => (1i64..=5).prop_map(Step::RiskProbability),
        2 => (1i64..=5).prop_map(Step::RiskConsequence),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
        2 => (0usize..SortKey::ALL.len()).prop_map(Step::Sort),
        1 => prop::option::of(0usize..5).prop_map(Step::FilterStatus),
        1 => prop::option::of(prop::option::of(0usize..3)).prop_map(Step::FilterHealth),
        1 => prop::option::of(0usize..40).prop_map(Step::FilterGoal),
        2 => (0usize..QUERIES.len()).prop_map(Step::Search),
        1 => prop::option::of((1i64..=5, 1i64..=5)).prop_map(Step::Cell),
    ]
}

fn app(p: &Portfolio, recompute_all: bool) -> App {
    let date = Date::parse("2026-11-26").expect("a date");
    let mut a = App::new(p.clone(), "p.ron".into(), Lang::Nb, date);
    a.recompute_all = recompute_all;
    a.fixed_time = Time::parse("10:00");
    a.by = Some("Kari".into());
    update(&mut a, Action::Resize(120, 40));
    a
}

fn act(a: &mut App, s: &Step) {
    let risk_pane = |a: &mut App| {
        a.pane = Pane::Risks;
        a.risk_focus = RiskFocus::Register;
    };
    match *s {
        Step::Select(k) => a.project_cursor = k % a.visible.len().max(1),
        Step::SelectRisk(k) => a.risk_cursor = k % a.risk_rows.len().max(1),
        Step::Criterion(k) => a.criterion_cursor = k % a.portfolio.criteria.len().max(1),
        Step::Score(v) => {
            a.pane = Pane::Evaluation;
            a.scoring = true;
            update(a, Action::Score(v));
        }
        Step::ClearScore => {
            a.pane = Pane::Evaluation;
            a.scoring = true;
            update(a, Action::ClearScore);
        }
        Step::Decision(d) => update(a, Action::SetDecision(d.map(|d| Decision::ALL[d]))),
        Step::Health(h) => update(a, Action::SetHealth(h.map(|h| Health::ALL[h]))),
        Step::Status(st) => update(a, Action::SetStatus(Status::ALL[st])),
        Step::RiskStatus(st) => {
            risk_pane(a);
            update(a, Action::SetRiskStatus(RiskStatus::ALL[st]));
        }
        Step::RiskProbability(v) => {
            risk_pane(a);
            update(a, Action::RiskProbability(v));
        }
        Step::RiskConsequence(v) => {
            risk_pane(a);
            update(a, Action::RiskConsequence(v));
        }
        Step::Undo => update(a, Action::Undo),
        Step::Redo => update(a, Action::Redo),
        Step::Sort(k) => update(a, Action::Sort(SortKey::ALL[k])),
        Step::FilterStatus(st) => {
            a.filters.status = st.map(|st| Status::ALL[st]);
            a.refilter();
        }
        Step::FilterHealth(h) => {
            a.filters.health = h.map(|h| h.map(|h| Health::ALL[h]));
            a.refilter();
        }
        Step::FilterGoal(g) => {
            a.filters.goal = g.filter(|_| !a.goals.is_empty()).map(|g| g % a.goals.len());
            a.refilter();
        }
        Step::Search(q) => {
            a.filters.search = QUERIES[q].into();
            a.refilter();
        }
        Step::Cell(c) => {
            a.risk_cell_active = c.is_some();
            if let Some(c) = c {
                a.risk_cell = c;
            }
            a.refresh_risks();
        }
    }
    // The journal is the session's; here the effects are only dropped.
    a.effects.clear();
}

fn screen(a: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(120, 40)).expect("the test backend");
    t.draw(|f| ui::draw(f, a, &Theme::new(ThemeName::Default)))
        .expect("the test backend");
    format!("{:?}", t.backend().buffer())
}

fn same(part: &App, full: &App, after: &[Step]) -> Result<(), TestCaseError> {
    let last = after.last();
    prop_assert_eq!(&part.portfolio, &full.portfolio, "after {:?}", last);
    prop_assert_eq!(&part.figures, &full.figures, "figures after {:?}", last);
    prop_assert_eq!(&part.figures, &figures::compute(&part.portfolio));
    prop_assert_eq!(&part.ranking, &full.ranking, "ranking after {:?}", last);
    prop_assert_eq!(&part.visible, &full.visible, "list after {:?}", last);
    prop_assert_eq!(part.project_cursor, full.project_cursor, "after {:?}", last);
    prop_assert_eq!(part.matrix, full.matrix, "matrix after {:?}", last);
    prop_assert_eq!(
        &part.risk_rows,
        &full.risk_rows,
        "register after {:?}",
        last
    );
    prop_assert_eq!(part.risk_rows_mitigated, full.risk_rows_mitigated);
    prop_assert_eq!(part.risk_cursor, full.risk_cursor, "after {:?}", last);
    prop_assert_eq!(part.risk_cell, full.risk_cell);
    prop_assert_eq!(&part.message, &full.message, "after {:?}", last);
    prop_assert_eq!(part.unsaved, full.unsaved);
    prop_assert_eq!((part.detail, part.scoring), (full.detail, full.scoring));
    Ok(())
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn a_meeting_updated_in_part_shows_what_recomputing_everything_shows(
        seed in 0u64..3,
        steps in prop::collection::vec(a_step(), 1..40),
    ) {
        let p = portfolio(120, seed);
        let (mut part, mut full) = (app(&p, false), app(&p, true));
        for (i, s) in steps.iter().enumerate() {
            act(&mut part, s);
            act(&mut full, s);
            same(&part, &full, &steps[..=i])?;
        }
        prop_assert_eq!(screen(&part), screen(&full));
        // The kept orders and searches: a change of view after the edits still gives
        // what a fresh one gives.
        for key in [SortKey::Score, SortKey::Risk, SortKey::Health] {
            update(&mut part, Action::Sort(key));
            update(&mut full, Action::Sort(key));
            for q in ["", "k"] {
                part.filters.search = q.into();
                full.filters.search = q.into();
                part.refilter();
                full.refilter();
                same(&part, &full, &steps)?;
            }
        }
    }
}
