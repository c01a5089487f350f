//! The semantic rules of FORMAT.md: errors refuse a file, warnings point at gaps.
//!
//! Rules speak in paths (`.projects[3].goals[1]`); one pass of [`locate`] turns the paths
//! into places at the end, so a clean file costs no scan at all.

use std::collections::HashSet;

use indexmap::IndexMap;
use rayon::prelude::*;

use super::diagnostic::{Diagnostic, Severity, nearest};
use super::figures::effective_as_of;
use super::locate::{self, field, index, map_key, map_value};
use super::msg::Msg;
use super::progress::{NOBODY, Progress};
use super::split::Split;
use super::tree::GoalTree;
use super::types::{Portfolio, Project, Status};
use super::validate_words as w;
use super::{validate_record, validate_values};

struct Finding {
    severity: Severity,
    path: String,
    message: Msg,
}

/// What the rules found, each at a [`locate`] path; placed in the text at the end.
#[derive(Default)]
pub(super) struct Findings(Vec<Finding>);

impl Findings {
    pub(super) fn error(&mut self, path: String, message: Msg) {
        self.0.push(Finding {
            severity: Severity::Error,
            path,
            message,
        });
    }
    pub(super) fn warning(&mut self, path: String, message: Msg) {
        self.0.push(Finding {
            severity: Severity::Warning,
            path,
            message,
        });
    }

    /// `check` on every project, on every core, with what it finds added in the order
    /// of one pass over the projects; `progress` counts the projects checked.
    pub(super) fn per_project(
        &mut self,
        p: &Portfolio,
        progress: &Progress,
        check: impl Fn(usize, &Project, &mut Findings) + Sync,
    ) {
        let found: Vec<Finding> = p
            .projects
            .par_iter()
            .enumerate()
            .flat_map_iter(|(pi, pr)| {
                let mut f = Findings::default();
                check(pi, pr, &mut f);
                progress.advance(1);
                f.0
            })
            .collect();
        self.0.extend(found);
    }
}

/// Every error and warning about a parsed portfolio, placed in `text`, in file order.
pub fn validate(p: &Portfolio, text: &str) -> Vec<Diagnostic> {
    validate_split(p, text, None, &NOBODY)
}

/// [`validate`] for a portfolio read from `text`, with where its projects stand when it
/// was split ([`super::split`]): the findings are then placed on every core.
/// `progress` counts the projects checked.
pub fn validate_split(
    p: &Portfolio,
    text: &str,
    split: Option<&Split>,
    progress: &Progress,
) -> Vec<Diagnostic> {
    place(run(p, progress), text, split)
}

fn run(p: &Portfolio, progress: &Progress) -> Findings {
    let mut f = Findings::default();
    let tree = GoalTree::new(p);
    check_criteria(p, &mut f);
    check_goals(p, &tree, &mut f);
    check_projects(p, &tree, &mut f, progress);
    validate_values::check(p, &tree, &mut f);
    validate_record::check(p, &tree, &mut f);
    f
}

/// The findings about `p`'s projects (and their items), not placed, with `tree` for the
/// goal tree they name (the whole file's, while `p` holds only the project being
/// edited): what [`super::validate_item`] asks for a project.
pub(super) fn unplaced_projects(p: &Portfolio, tree: &GoalTree) -> Vec<(Severity, String, Msg)> {
    let mut f = Findings::default();
    check_projects(p, tree, &mut f, &NOBODY);
    validate_values::check(p, tree, &mut f);
    validate_record::check(p, tree, &mut f);
    f.0.into_iter()
        .map(|x| (x.severity, x.path, x.message))
        .collect()
}

/// Every finding with its path, not placed in a text: what [`super::validate_item`]
/// picks one item's findings from.
pub(super) fn unplaced(p: &Portfolio) -> Vec<(Severity, String, Msg)> {
    run(p, &NOBODY)
        .0
        .into_iter()
        .map(|x| (x.severity, x.path, x.message))
        .collect()
}

fn place(f: Findings, text: &str, split: Option<&Split>) -> Vec<Diagnostic> {
    if f.0.is_empty() {
        return Vec::new();
    }
    let wanted: HashSet<String> = f.0.iter().map(|x| x.path.clone()).collect();
    let found = match split {
        Some(split) => locate::locate_split(text, &wanted, split),
        None => locate::locate(text, &wanted),
    };
    let mut out: Vec<Diagnostic> =
        f.0.into_iter()
            .map(|x| Diagnostic {
                severity: x.severity,
                pos: found.get(&x.path).copied(),
                message: x.message,
            })
            .collect();
    out.sort_by_key(|d| (d.pos, d.severity));
    out
}

fn check_criteria(p: &Portfolio, f: &mut Findings) {
    let mut seen = HashSet::new();
    for (i, c) in p.criteria.iter().enumerate() {
        let path = index(".criteria", i);
        if !c.id.is_empty() && !seen.insert(c.id.as_str()) {
            f.error(field(&path, "id"), w::duplicate_criterion(&c.id));
        }
        if c.weight < 0 {
            f.error(field(&path, "weight"), w::negative_weight(&c.id, c.weight));
        }
    }
    if p.criteria.iter().all(|c| c.weight <= 0) {
        f.error(".criteria".to_string(), w::no_weight());
    }
}

fn check_goals(p: &Portfolio, tree: &GoalTree, f: &mut Findings) {
    for (i, g) in tree.goals.iter().enumerate() {
        let path = &tree.nodes[i].path;
        if !g.id.is_empty() && tree.index_of(&g.id) != Some(i) {
            let first = tree.goals[tree.index_of(&g.id).unwrap_or(0)];
            f.error(field(path, "id"), w::duplicate_goal(&g.id, &first.title));
        }
        for (si, sdg) in g.sdgs.iter().enumerate() {
            if !(1..=17).contains(sdg) {
                f.error(index(&field(path, "sdgs"), si), w::bad_sdg(*sdg, &g.id));
            }
        }
    }
    // Leaf goals that no project serves (the projects looked at on every core).
    let served = p
        .projects
        .par_iter()
        .fold(
            || vec![false; tree.len()],
            |mut served, project| {
                for gid in &project.goals {
                    if let Some(gi) = tree.index_of(gid) {
                        served[gi] = true;
                    }
                }
                served
            },
        )
        .reduce(
            || vec![false; tree.len()],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(a, b)| *a |= b);
                a
            },
        );
    for (i, g) in tree.goals.iter().enumerate() {
        if tree.is_leaf(i) && !served[i] {
            f.warning(
                tree.nodes[i].path.clone(),
                w::unserved_goal(&g.id, &g.title),
            );
        }
    }
}

/// "goal `c.9` does not exist; known goals under `c`: `c.1`, `c.2`" — or the nearest id.
fn unknown_goal_message(id: &str, tree: &GoalTree) -> Msg {
    let near = nearest(id, tree.goals.iter().map(|g| g.id.as_str()));
    let mut prefix = id;
    while let Some(cut) = prefix.rfind(['.', '-', '_', '/']) {
        prefix = &prefix[..cut];
        if let Some(pi) = tree.index_of(prefix) {
            let kids: Vec<&str> = tree.nodes[pi]
                .children
                .iter()
                .map(|&c| tree.goals[c].id.as_str())
                .collect();
            if kids.is_empty() {
                break;
            }
            // `klima.d3` when `klima.d1` sits one level further down: name it too.
            let also = near.filter(|n| !kids.contains(n));
            return w::unknown_goal_under(id, prefix, &kids, also);
        }
    }
    if let Some(n) = near {
        return w::unknown_goal_near(id, n);
    }
    let top: Vec<&str> = tree
        .goals
        .iter()
        .zip(&tree.nodes)
        .filter(|(_, n)| n.depth == 0)
        .map(|(g, _)| g.id.as_str())
        .take(12)
        .collect();
    if top.is_empty() {
        w::unknown_goal_empty_tree(id)
    } else {
        w::unknown_goal_top(id, &top)
    }
}

fn check_projects(p: &Portfolio, tree: &GoalTree, f: &mut Findings, progress: &Progress) {
    let as_of = effective_as_of(p);
    let criteria: HashSet<&str> = p.criteria.iter().map(|c| c.id.as_str()).collect();
    // Each project whose id an earlier one has, with the first one that has it: the
    // ids sorted on every core, and each run of one id read off.
    let mut ids: Vec<(&str, usize)> = p
        .projects
        .par_iter()
        .enumerate()
        .map(|(pi, pr)| (pr.id.as_str(), pi))
        .collect();
    ids.par_sort_unstable();
    let mut duplicates: Vec<(usize, usize)> = ids
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1 && !run[0].0.is_empty())
        .flat_map(|run| run[1..].iter().map(|&(_, pi)| (pi, run[0].1)))
        .collect();
    duplicates.sort_unstable();
    // Everything else is the project's own: on every core.
    f.per_project(p, progress, |pi, pr, f| {
        // Paths and names are built only for a finding: most projects have none.
        let path = || index(".projects", pi);
        if let Ok(k) = duplicates.binary_search_by_key(&pi, |d| d.0) {
            let first = duplicates[k].1;
            f.error(
                field(&path(), "id"),
                w::duplicate_project(&pr.id, &p.projects[first].name),
            );
        }
        for (gi, gid) in pr.goals.iter().enumerate() {
            if tree.index_of(gid).is_none() {
                f.error(
                    index(&field(&path(), "goals"), gi),
                    unknown_goal_message(gid, tree),
                );
            }
        }
        if let (Some(start), Some(end)) = (pr.start, pr.end)
            && end < start
        {
            f.error(field(&path(), "end"), w::ends_before_start(pr, start, end));
        }
        let mut risk_ids = HashSet::new();
        for (ri, r) in pr.risks.iter().enumerate() {
            let rpath = || index(&field(&path(), "risks"), ri);
            if !r.id.is_empty() && !risk_ids.insert(r.id.as_str()) {
                f.error(field(&rpath(), "id"), w::duplicate_risk(&r.id, pr));
            }
            for (name, v) in [
                ("probability", r.probability),
                ("consequence", r.consequence),
            ] {
                if !(1..=5).contains(&v) {
                    f.error(field(&rpath(), name), w::risk_scale(name, v, &r.id, pr));
                }
            }
        }
        for (ei, ev) in pr.evaluations.iter().enumerate() {
            let spath = || field(&index(&field(&path(), "evaluations"), ei), "scores");
            let whose = || w::evaluation_of(pr, ev.date);
            check_scores(p, &criteria, &ev.scores, spath, whose, f);
        }

        // Warnings: gaps a coordinator should close before the meeting.
        if pr.goals.is_empty() {
            f.warning(path(), w::no_goal(pr));
        }
        match &pr.budget {
            None => f.warning(path(), w::no_budget(pr)),
            Some(b) if b.spent > b.planned => f.warning(
                field(&field(&path(), "budget"), "spent"),
                w::overspent(pr, b.spent, b.planned),
            ),
            Some(_) => {}
        }
        if pr.results.is_empty() {
            f.warning(path(), w::no_result(pr));
        }
        if pr.status == Status::Active {
            if pr.evaluations.is_empty() {
                f.warning(path(), w::never_evaluated(pr));
            }
            if let Some(end) = pr.end
                && end < as_of
            {
                f.warning(field(&path(), "end"), w::past_end(pr, end, as_of));
            }
        }
    });
    let th = p.risk_thresholds;
    if th.amber > th.red {
        f.warning(
            ".risk_thresholds".to_string(),
            w::thresholds_crossed(th.amber, th.red),
        );
    }
}

/// A map of scores (an evaluation's, a rating's): every key a criterion, every score 1–5.
/// `whose` says whose scores they are: "project `P1` (\"One\")'s evaluation of 2026-05-01"
/// ([`w::evaluation_of`], [`w::rating_of`]).
pub(super) fn check_scores(
    p: &Portfolio,
    criteria: &HashSet<&str>,
    scores: &IndexMap<String, i64>,
    path: impl Fn() -> String,
    whose: impl Fn() -> Msg,
    f: &mut Findings,
) {
    for (key, &score) in scores {
        if !criteria.contains(key.as_str()) {
            let near = nearest(key, criteria.iter().copied());
            let all: Vec<&str> = p.criteria.iter().map(|c| c.id.as_str()).collect();
            f.error(
                map_key(&path(), key),
                w::unknown_criterion(key, &whose(), near, &all),
            );
        }
        if !(1..=5).contains(&score) {
            f.error(
                map_value(&path(), key),
                w::score_scale(score, key, &whose()),
            );
        }
    }
}

/// What the rules' tests share: a file is parsed, validated, and its findings checked by
/// message and exact LINE:COL.
#[cfg(test)]
pub(super) mod testing {
    pub use super::super::diagnostic::{Diagnostic, Severity};
    use super::validate;
    use crate::model::load::parse;
    use crate::model::locate::Pos;

    pub fn run(text: &str) -> Vec<Diagnostic> {
        let p = parse(text).unwrap_or_else(|d| panic!("test file does not parse: {d}"));
        validate(&p, text)
    }

    pub fn of(text: &str, severity: Severity) -> Vec<Diagnostic> {
        run(text)
            .into_iter()
            .filter(|d| d.severity == severity)
            .collect()
    }

    /// The one finding of `severity`; fails if there are none or several.
    pub fn only(text: &str, severity: Severity) -> Diagnostic {
        let found = of(text, severity);
        assert_eq!(found.len(), 1, "expected one {severity:?}, got {found:#?}");
        found.into_iter().next().unwrap()
    }

    #[track_caller]
    pub fn assert_at(d: &Diagnostic, line: usize, col: usize, words: &[&str]) {
        assert_eq!(d.pos, Some(Pos { line, col }), "place of {:?}", d.message);
        for w in words {
            assert!(d.message.contains(w), "{:?} lacks {w:?}", d.message);
        }
    }
}

#[cfg(test)]
mod tests {
    //! One test per rule. Each file below is clean except for the one thing the test is
    //! about; the test asserts the message (what, which ids) and its exact LINE:COL.

    use super::testing::*;

    /// A file with nothing to say about it: the baseline every test departs from.
    const CLEAN: &str = r#"(name: "T", organisation: "O", as_of: "2026-06-01",
    goals: [
        (id: "a", title: "A", sdgs: [1, 17], children: [(id: "a.1", title: "A1"), (id: "a.2", title: "A2")]),
    ],
    projects: [
        (id: "P1", name: "One", status: Active, start: "2026-01-01", end: "2026-12-31",
         goals: ["a.1", "a.2"], budget: (planned: 100, spent: 100),
         results: [(name: "r", target: 1)],
         risks: [(id: "R1", title: "t", probability: 1, consequence: 5), (id: "R2", title: "t", probability: 5, consequence: 1)],
         evaluations: [(date: "2026-05-01", scores: {"goals": 1, "results": 5})]),
    ],
)"#;

    #[test]
    fn clean_file_has_no_findings() {
        assert_eq!(run(CLEAN), []);
    }

    // ---- errors ----

    #[test]
    fn duplicate_goal_id() {
        let text = r#"(name: "T", organisation: "O",
    goals: [
        (id: "a", title: "A", children: [(id: "a.1", title: "First")]),
        (id: "b", title: "B", children: [(id: "a.1", title: "Second")]),
    ],
    projects: [(id: "P1", name: "One", goals: ["a.1"], budget: (planned: 1), results: [(name: "r", target: 1)])],
)"#;
        let d = only(text, Severity::Error);
        assert_at(
            &d,
            4,
            47,
            &[
                "duplicate goal id `a.1`",
                "\"First\"",
                "unique across the whole tree",
            ],
        );
    }

    #[test]
    fn duplicate_project_id() {
        let text = r#"(name: "T", organisation: "O",
    goals: [(id: "a", title: "A")],
    projects: [
        (id: "P1", name: "One", goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)]),
        (id: "P1", name: "Two", goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)]),
    ],
)"#;
        let d = only(text, Severity::Error);
        assert_at(
            &d,
            5,
            14,
            &["duplicate project id `P1`", "\"One\"", "must be unique"],
        );
    }

    #[test]
    fn duplicate_risk_id() {
        let text = r#"(name: "T", organisation: "O",
    goals: [(id: "a", title: "A")],
    projects: [
        (id: "P1", name: "One", goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)],
         risks: [
            (id: "R1", title: "x", probability: 1, consequence: 1),
            (id: "R1", title: "y", probability: 1, consequence: 1),
         ]),
    ],
)"#;
        let d = only(text, Severity::Error);
        assert_at(
            &d,
            7,
            18,
            &[
                "duplicate risk id `R1`",
                "project `P1`",
                "within their project",
            ],
        );
    }

    #[test]
    fn same_risk_id_in_two_projects_is_fine() {
        let text = r#"(name: "T", organisation: "O",
    goals: [(id: "a", title: "A")],
    projects: [
        (id: "P1", name: "One", goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)],
         risks: [(id: "R1", title: "x", probability: 1, consequence: 1)]),
        (id: "P2", name: "Two", goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)],
         risks: [(id: "R1", title: "x", probability: 1, consequence: 1)]),
    ],
)"#;
        assert_eq!(run(text), []);
    }

    #[test]
    fn duplicate_criterion_id() {
        let text = r#"(name: "T", organisation: "O",
    criteria: [
        (id: "q", name: "Quality", weight: 1),
        (id: "q", name: "Quality again", weight: 1),
    ],
    goals: [],
    projects: [],
)"#;
        let d = only(text, Severity::Error);
        assert_at(&d, 4, 14, &["duplicate criterion id `q`", "its own id"]);
    }

    #[test]
    fn unknown_goal_lists_the_known_goals_under_its_parent() {
        let text = r#"(name: "T", organisation: "O",
    goals: [(id: "a", title: "A", children: [(id: "a.1", title: "A1"), (id: "a.2", title: "A2")])],
    projects: [
        (id: "P1", name: "One", goals: ["a.1", "a.2", "a.9"], budget: (planned: 1), results: [(name: "r", target: 1)]),
    ],
)"#;
        let d = only(text, Severity::Error);
        assert_at(
            &d,
            4,
            55,
            &["goal `a.9` does not exist; known goals under `a`: `a.1`, `a.2`"],
        );
    }

    #[test]
    fn unknown_goal_under_a_known_prefix_also_suggests_a_deeper_near_id() {
        let text = r#"(name: "T", organisation: "O",
    goals: [(id: "klima", title: "K", children: [(id: "klima.h", title: "H", children: [
        (id: "klima.d1", title: "D1"),
    ])])],
    projects: [
        (id: "P1", name: "One", goals: ["klima.d1", "klima.d3"], budget: (planned: 1), results: [(name: "r", target: 1)]),
    ],
)"#;
        let d = only(text, Severity::Error);
        assert_at(
            &d,
            6,
            53,
            &[
                "goal `klima.d3` does not exist; known goals under `klima`: `klima.h`; did you mean `klima.d1`?",
            ],
        );
    }

    #[test]
    fn unknown_goal_suggests_the_nearest_id() {
        let text = r#"(name: "T", organisation: "O",
    goals: [(id: "klima", title: "Klima"), (id: "kultur", title: "Kultur")],
    projects: [
        (id: "P1", name: "One", goals: ["kultur", "klma"], budget: (planned: 1), results: [(name: "r", target: 1)]),
    ],
)"#;
        let d = only(text, Severity::Error);
        assert_at(
            &d,
            4,
            51,
            &["goal `klma` does not exist; did you mean `klima`?"],
        );
    }

    #[test]
    fn unknown_goal_far_from_any_names_the_top_level() {
        let text = r#"(name: "T", organisation: "O",
    goals: [(id: "klima", title: "Klima"), (id: "kultur", title: "Kultur")],
    projects: [
        (id: "P1", name: "One", goals: ["klima", "kultur", "zzzzzzzzzz"], budget: (planned: 1), results: [(name: "r", target: 1)]),
    ],
)"#;
        let d = only(text, Severity::Error);
        assert_at(
            &d,
            4,
            60,
            &[
                "goal `zzzzzzzzzz` does not exist",
                "top level: `klima`, `kultur`",
            ],
        );
    }

    #[test]
    fn unknown_goal_in_an_empty_tree() {
        let text = r#"(name: "T", organisation: "O", goals: [],
    projects: [(id: "P1", name: "One", goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)])],
)"#;
        let d = only(text, Severity::Error);
        assert_at(
            &d,
            2,
            48,
            &["goal `a` does not exist", "the goal tree is empty"],
        );
    }

    #[test]
    fn score_outside_one_to_five() {
        let text = r#"(name: "T", organisation: "O",
    goals: [(id: "a", title: "A")],
    projects: [
        (id: "P1", name: "One", goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)],
         evaluations: [
            (date: "2026-01-01", scores: {"goals": 0}),
            (date: "2026-02-01", scores: {"goals": 5, "results": 6}),
         ]),
    ],
)"#;
        let errors = of(text, Severity::Error);
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert_at(
            &errors[0],
            6,
            52,
            &[
                "score 0 for `goals`",
                "project `P1`",
                "2026-01-01",
                "outside 1–5",
            ],
        );
        assert_at(
            &errors[1],
            7,
            66,
            &[
                "score 6 for `results`",
                "project `P1`",
                "2026-02-01",
                "outside 1–5",
            ],
        );
    }

    #[test]
    fn score_for_unknown_criterion() {
        let text = r#"(name: "T", organisation: "O",
    goals: [(id: "a", title: "A")],
    projects: [
        (id: "P1", name: "One", goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)],
         evaluations: [(date: "2026-01-01", scores: {"goals": 3, "reslts": 4})]),
    ],
)"#;
        let d = only(text, Severity::Error);
        assert_at(
            &d,
            5,
            66,
            &[
                "unknown criterion `reslts`",
                "project `P1`",
                "did you mean `results`?",
            ],
        );
    }

    #[test]
    fn score_for_unknown_criterion_lists_the_criteria() {
        let text = r#"(name: "T", organisation: "O",
    criteria: [(id: "q", name: "Q", weight: 1), (id: "r", name: "R", weight: 1)],
    goals: [(id: "a", title: "A")],
    projects: [
        (id: "P1", name: "One", goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)],
         evaluations: [(date: "2026-01-01", scores: {"economy": 3})]),
    ],
)"#;
        let d = only(text, Severity::Error);
        assert_at(
            &d,
            6,
            54,
            &["unknown criterion `economy`", "the criteria are `q`, `r`"],
        );
    }

    #[test]
    fn probability_and_consequence_outside_one_to_five() {
        let text = r#"(name: "T", organisation: "O",
    goals: [(id: "a", title: "A")],
    projects: [
        (id: "P1", name: "One", goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)],
         risks: [
            (id: "R1", title: "x", probability: 0, consequence: 6),
            (id: "R2", title: "y", probability: 6, consequence: 0),
         ]),
    ],
)"#;
        let e = of(text, Severity::Error);
        assert_eq!(e.len(), 4, "{e:#?}");
        assert_at(
            &e[0],
            6,
            49,
            &["probability 0 of risk `R1`", "project `P1`", "outside 1–5"],
        );
        assert_at(&e[1], 6, 65, &["consequence 6 of risk `R1`", "outside 1–5"]);
        assert_at(&e[2], 7, 49, &["probability 6 of risk `R2`", "outside 1–5"]);
        assert_at(&e[3], 7, 65, &["consequence 0 of risk `R2`", "outside 1–5"]);
    }

    #[test]
    fn sdg_outside_one_to_seventeen() {
        let text = r#"(name: "T", organisation: "O",
    goals: [
        (id: "a", title: "A", sdgs: [0, 13]),
        (id: "b", title: "B", sdgs: [17, 18]),
    ],
    projects: [(id: "P1", name: "One", goals: ["a", "b"], budget: (planned: 1), results: [(name: "r", target: 1)])],
)"#;
        let e = of(text, Severity::Error);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_at(&e[0], 3, 38, &["SDG 0 on goal `a`", "numbered 1–17"]);
        assert_at(&e[1], 4, 42, &["SDG 18 on goal `b`", "numbered 1–17"]);
    }

    #[test]
    fn end_before_start() {
        let text = r#"(name: "T", organisation: "O",
    goals: [(id: "a", title: "A")],
    projects: [
        (id: "P1", name: "One", goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)],
         start: "2026-05-01",
         end: "2026-04-30"),
    ],
)"#;
        let d = only(text, Severity::Error);
        assert_at(
            &d,
            6,
            15,
            &[
                "project `P1`",
                "ends 2026-04-30, before it starts 2026-05-01",
            ],
        );
    }

    #[test]
    fn end_on_start_day_is_fine() {
        let text = r#"(name: "T", organisation: "O", goals: [(id: "a", title: "A")],
    projects: [(id: "P1", name: "One", goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)],
                start: "2026-05-01", end: "2026-05-01")],
)"#;
        assert_eq!(run(text), []);
    }

    #[test]
    fn all_weights_zero() {
        let text = r#"(name: "T", organisation: "O",
    criteria: [(id: "q", name: "Q", weight: 0), (id: "r", name: "R", weight: 0)],
    goals: [],
    projects: [],
)"#;
        let d = only(text, Severity::Error);
        assert_at(
            &d,
            2,
            15,
            &[
                "every criterion has weight 0",
                "at least one criterion a weight above 0",
            ],
        );
    }

    #[test]
    fn no_criteria_at_all_is_the_same_error() {
        let text = "(name: \"T\", organisation: \"O\", criteria: [], goals: [], projects: [])";
        let d = only(text, Severity::Error);
        assert_at(
            &d,
            1,
            42,
            &["every criterion has weight 0 (or there are none)"],
        );
    }

    #[test]
    fn negative_weight() {
        let text = r#"(name: "T", organisation: "O",
    criteria: [
        (id: "q", name: "Q", weight: 3),
        (id: "r", name: "R", weight: -2),
    ],
    goals: [],
    projects: [],
)"#;
        let d = only(text, Severity::Error);
        assert_at(&d, 4, 38, &["criterion `r` has weight -2", "0 or above"]);
    }

    // ---- warnings ----

    #[test]
    fn project_serving_no_goal() {
        let text = r#"(name: "T", organisation: "O",
    goals: [],
    projects: [
        Project(id: "P1", name: "One", budget: (planned: 1), results: [(name: "r", target: 1)]),
    ],
)"#;
        let d = only(text, Severity::Warning);
        assert_at(
            &d,
            4,
            9,
            &["project `P1` (\"One\") serves no goal", "add `goals:"],
        );
    }

    #[test]
    fn project_without_budget() {
        let text = r#"(name: "T", organisation: "O",
    goals: [(id: "a", title: "A")],
    projects: [
        (id: "P1", name: "One", goals: ["a"], results: [(name: "r", target: 1)]),
    ],
)"#;
        let d = only(text, Severity::Warning);
        assert_at(
            &d,
            4,
            9,
            &["project `P1` (\"One\") has no budget", "budget: (planned:"],
        );
    }

    #[test]
    fn project_without_results() {
        let text = r#"(name: "T", organisation: "O",
    goals: [(id: "a", title: "A")],
    projects: [
        (id: "P1", name: "One", goals: ["a"], budget: (planned: 1)),
    ],
)"#;
        let d = only(text, Severity::Warning);
        assert_at(
            &d,
            4,
            9,
            &[
                "project `P1` (\"One\") has no measurable result",
                "results: [",
            ],
        );
    }

    #[test]
    fn active_project_without_evaluation() {
        let text = r#"(name: "T", organisation: "O",
    goals: [(id: "a", title: "A")],
    projects: [
        (id: "P0", name: "Zero", goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)]),
        (id: "P1", name: "One", status: Active, goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)]),
    ],
)"#;
        let d = only(text, Severity::Warning);
        assert_at(
            &d,
            5,
            9,
            &["project `P1` (\"One\") is active but has never been evaluated"],
        );
    }

    #[test]
    fn unserved_leaf_goal() {
        let text = r#"(name: "T", organisation: "O",
    goals: [
        (id: "a", title: "A", children: [
            (id: "a.1", title: "Served"),
            (id: "a.2", title: "Forgotten"),
        ]),
        (id: "b", title: "B"),
    ],
    projects: [(id: "P1", name: "One", goals: ["a.1", "b"], budget: (planned: 1), results: [(name: "r", target: 1)])],
)"#;
        let d = only(text, Severity::Warning);
        assert_at(
            &d,
            5,
            13,
            &["goal `a.2` (\"Forgotten\") has no project serving it"],
        );
    }

    #[test]
    fn a_parent_goal_served_directly_still_leaves_its_leaves_unserved() {
        let text = r#"(name: "T", organisation: "O",
    goals: [(id: "a", title: "A", children: [(id: "a.1", title: "Leaf")])],
    projects: [(id: "P1", name: "One", goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)])],
)"#;
        let d = only(text, Severity::Warning);
        assert_at(
            &d,
            2,
            46,
            &["goal `a.1` (\"Leaf\") has no project serving it"],
        );
    }

    #[test]
    fn spent_above_planned() {
        let text = r#"(name: "T", organisation: "O",
    goals: [(id: "a", title: "A")],
    projects: [
        (id: "P1", name: "One", goals: ["a"], results: [(name: "r", target: 1)],
         budget: (planned: 1_000, spent: 1_250)),
    ],
)"#;
        let d = only(text, Severity::Warning);
        assert_at(
            &d,
            5,
            42,
            &["project `P1` (\"One\") has spent 1,250 of 1,000 planned (250 over)"],
        );
    }

    #[test]
    fn spent_above_planned_at_the_largest_amount() {
        let text = r#"(name: "T", organisation: "O", goals: [(id: "a", title: "A")],
    projects: [(id: "P1", name: "One", goals: ["a"], results: [(name: "r", target: 1)],
                budget: (planned: 0, spent: 1_000_000_000_000_000))],
)"#;
        let d = only(text, Severity::Warning);
        assert_at(
            &d,
            3,
            45,
            &["has spent 1,000,000,000,000,000 of 0 planned (1,000,000,000,000,000 over)"],
        );
    }

    #[test]
    fn active_project_past_its_end_date() {
        let text = r#"(name: "T", organisation: "O", as_of: "2026-06-10",
    goals: [(id: "a", title: "A")],
    projects: [
        (id: "P1", name: "One", status: Active, goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)],
         evaluations: [(date: "2026-01-01")],
         end: "2026-06-01"),
        (id: "P2", name: "Done", status: Completed, goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)],
         end: "2026-06-01"),
        (id: "P3", name: "Ends today", status: Active, goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)],
         evaluations: [(date: "2026-01-01")],
         end: "2026-06-10"),
    ],
)"#;
        let d = only(text, Severity::Warning);
        assert_at(
            &d,
            6,
            15,
            &[
                "project `P1` (\"One\") is active but ended 2026-06-01",
                "9 days before 2026-06-10",
            ],
        );
    }

    #[test]
    fn amber_threshold_above_red() {
        let text = r#"(name: "T", organisation: "O",
    risk_thresholds: (amber: 12, red: 8),
    goals: [],
    projects: [],
)"#;
        let d = only(text, Severity::Warning);
        assert_at(
            &d,
            2,
            22,
            &["amber (12) is above red (8)", "no risk is ever amber"],
        );
    }

    #[test]
    fn findings_come_in_file_order_with_errors_first_at_one_place() {
        let text = r#"(name: "T", organisation: "O", as_of: "2026-06-01",
    goals: [(id: "a", title: "A")],
    projects: [
        (id: "P1", name: "One", goals: ["a"]),
        (id: "P2", name: "Two", status: Active, goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)],
         evaluations: [(date: "2026-01-01")], start: "2026-03-01", end: "2026-02-01"),
    ],
)"#;
        let d = run(text);
        let places: Vec<(usize, usize, Severity)> = d
            .iter()
            .map(|d| (d.pos.unwrap().line, d.pos.unwrap().col, d.severity))
            .collect();
        assert_eq!(
            places,
            [
                (4, 9, Severity::Warning),
                (4, 9, Severity::Warning),
                (6, 73, Severity::Error),
                (6, 73, Severity::Warning),
            ]
        );
        assert!(d[2].message.contains("before it starts"));
        assert!(d[3].message.contains("is active but ended"));
    }
}
