//! What changed between two versions of a portfolio ("what has moved since last time?"),
//! per project and for the goals: the domain side of `styr diff`, in the file's own
//! values. The words are the caller's (see `cli::diff`).

use super::types::{
    Date, Decision, Evaluation, FollowUp, Funding, FundingStatus, Goal, Health, Number, Portfolio,
    Project, Risk, RiskStatus, Status,
};

/// One change to a project.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Name(String, String),
    Owner(Option<String>, Option<String>),
    Unit(Option<String>, Option<String>),
    Health(Option<Health>, Option<Health>),
    Status(Status, Status),
    Start(Option<Date>, Option<Date>),
    End(Option<Date>, Option<Date>),
    Planned(i64, i64),
    Spent(i64, i64),
    FundingAdded(Funding),
    FundingRemoved(Funding),
    FundingAmount {
        source: String,
        from: i64,
        to: i64,
    },
    FundingStatus {
        source: String,
        from: FundingStatus,
        to: FundingStatus,
    },
    ResultAdded(String),
    ResultRemoved(String),
    /// A result's actual value (its target as it is now, for "2 → 4 of 8").
    ResultActual {
        name: String,
        from: Number,
        to: Number,
        target: Number,
    },
    ResultTarget {
        name: String,
        from: Number,
        to: Number,
    },
    RiskAdded(Risk),
    RiskRemoved {
        id: String,
        title: String,
    },
    RiskProbability {
        id: String,
        title: String,
        from: i64,
        to: i64,
    },
    RiskConsequence {
        id: String,
        title: String,
        from: i64,
        to: i64,
    },
    RiskStatus {
        id: String,
        title: String,
        from: RiskStatus,
        to: RiskStatus,
    },
    RiskMitigation {
        id: String,
        title: String,
        from: Option<String>,
        to: Option<String>,
    },
    /// An evaluation of a date the old version did not have.
    Evaluated(Evaluation),
    /// An evaluation of the same date whose decision changed.
    Decided {
        date: Date,
        from: Option<Decision>,
        to: Option<Decision>,
    },
    FollowUpAdded(FollowUp),
    FollowUpDone(FollowUp),
    GoalsServed {
        added: Vec<String>,
        removed: Vec<String>,
    },
}

/// What happened to one project.
#[derive(Debug, Clone, PartialEq)]
pub enum ProjectDiff {
    Added(Project),
    Removed(Project),
    Changed {
        project: Project,
        changes: Vec<Change>,
    },
}

/// What happened to one goal.
#[derive(Debug, Clone, PartialEq)]
pub enum GoalDiff {
    Added {
        id: String,
        title: String,
    },
    Removed {
        id: String,
        title: String,
    },
    Retitled {
        id: String,
        from: String,
        to: String,
    },
}

/// Everything that changed, projects in the new file's order (removed ones last).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Since {
    pub projects: Vec<ProjectDiff>,
    pub goals: Vec<GoalDiff>,
}

impl Since {
    pub fn is_empty(&self) -> bool {
        self.projects.is_empty() && self.goals.is_empty()
    }
}

/// What changed from `old` to `new`.
pub fn since(old: &Portfolio, new: &Portfolio) -> Since {
    let mut out = Since::default();
    let before: std::collections::HashMap<&str, &Project> =
        old.projects.iter().map(|p| (p.id.as_str(), p)).collect();
    for p in &new.projects {
        match before.get(p.id.as_str()) {
            None => out.projects.push(ProjectDiff::Added(p.clone())),
            Some(o) if *o != p => {
                let changes = project(o, p);
                if !changes.is_empty() {
                    out.projects.push(ProjectDiff::Changed {
                        project: p.clone(),
                        changes,
                    });
                }
            }
            Some(_) => {}
        }
    }
    for o in &old.projects {
        if !new.projects.iter().any(|p| p.id == o.id) {
            out.projects.push(ProjectDiff::Removed(o.clone()));
        }
    }
    out.goals = goals(&flat(&old.goals), &flat(&new.goals));
    out
}

fn flat(goals: &[Goal]) -> Vec<(&str, &str)> {
    let mut v = Vec::new();
    fn walk<'a>(g: &'a [Goal], v: &mut Vec<(&'a str, &'a str)>) {
        for x in g {
            v.push((x.id.as_str(), x.title.as_str()));
            walk(&x.children, v);
        }
    }
    walk(goals, &mut v);
    v
}

fn goals(old: &[(&str, &str)], new: &[(&str, &str)]) -> Vec<GoalDiff> {
    let mut out = Vec::new();
    for &(id, title) in new {
        match old.iter().find(|(o, _)| *o == id) {
            None => out.push(GoalDiff::Added {
                id: id.into(),
                title: title.into(),
            }),
            Some((_, t)) if *t != title => out.push(GoalDiff::Retitled {
                id: id.into(),
                from: t.to_string(),
                to: title.into(),
            }),
            Some(_) => {}
        }
    }
    for &(id, title) in old {
        if !new.iter().any(|(n, _)| *n == id) {
            out.push(GoalDiff::Removed {
                id: id.into(),
                title: title.into(),
            });
        }
    }
    out
}

/// The changes to one project, in the order a reader takes them: what it is, how it
/// goes, money, results, risks, evaluations, follow-ups, goals.
pub fn project(o: &Project, n: &Project) -> Vec<Change> {
    let mut c = Vec::new();
    if o.name != n.name {
        c.push(Change::Name(o.name.clone(), n.name.clone()));
    }
    if o.owner != n.owner {
        c.push(Change::Owner(o.owner.clone(), n.owner.clone()));
    }
    if o.unit != n.unit {
        c.push(Change::Unit(o.unit.clone(), n.unit.clone()));
    }
    if o.health != n.health {
        c.push(Change::Health(o.health, n.health));
    }
    if o.status != n.status {
        c.push(Change::Status(o.status, n.status));
    }
    if o.start != n.start {
        c.push(Change::Start(o.start, n.start));
    }
    if o.end != n.end {
        c.push(Change::End(o.end, n.end));
    }
    money(o, n, &mut c);
    results(o, n, &mut c);
    risks(o, n, &mut c);
    for e in &n.evaluations {
        match o.evaluations.iter().find(|x| x.date == e.date) {
            None => c.push(Change::Evaluated(e.clone())),
            Some(x) if x.decision != e.decision => c.push(Change::Decided {
                date: e.date,
                from: x.decision,
                to: e.decision,
            }),
            Some(_) => {}
        }
    }
    for f in &n.follow_ups {
        let was = o
            .follow_ups
            .iter()
            .find(|x| x.text == f.text && x.raised == f.raised);
        match was {
            None => c.push(Change::FollowUpAdded(f.clone())),
            Some(x) if x.done.is_none() && f.done.is_some() => {
                c.push(Change::FollowUpDone(f.clone()))
            }
            Some(_) => {}
        }
    }
    let added: Vec<String> = n
        .goals
        .iter()
        .filter(|g| !o.goals.contains(g))
        .cloned()
        .collect();
    let removed: Vec<String> = o
        .goals
        .iter()
        .filter(|g| !n.goals.contains(g))
        .cloned()
        .collect();
    if !added.is_empty() || !removed.is_empty() {
        c.push(Change::GoalsServed { added, removed });
    }
    c
}

fn money(o: &Project, n: &Project, c: &mut Vec<Change>) {
    let (ob, nb) = (o.budget.as_ref(), n.budget.as_ref());
    let planned = |b: Option<&super::types::Budget>| b.map_or(0, |b| b.planned);
    let spent = |b: Option<&super::types::Budget>| b.map_or(0, |b| b.spent);
    if planned(ob) != planned(nb) {
        c.push(Change::Planned(planned(ob), planned(nb)));
    }
    if spent(ob) != spent(nb) {
        c.push(Change::Spent(spent(ob), spent(nb)));
    }
    let empty = Vec::new();
    let of = ob.map_or(&empty, |b| &b.funding);
    let nf = nb.map_or(&empty, |b| &b.funding);
    // Funding lines pair by source, in order (a source may appear twice).
    let mut used = vec![false; of.len()];
    for f in nf {
        let was = (0..of.len()).find(|&i| !used[i] && of[i].source == f.source);
        match was {
            None => c.push(Change::FundingAdded(f.clone())),
            Some(i) => {
                used[i] = true;
                let w = &of[i];
                if w.amount != f.amount {
                    c.push(Change::FundingAmount {
                        source: f.source.clone(),
                        from: w.amount,
                        to: f.amount,
                    });
                }
                if w.status != f.status {
                    c.push(Change::FundingStatus {
                        source: f.source.clone(),
                        from: w.status,
                        to: f.status,
                    });
                }
            }
        }
    }
    for (i, w) in of.iter().enumerate() {
        if !used[i] {
            c.push(Change::FundingRemoved(w.clone()));
        }
    }
}

fn results(o: &Project, n: &Project, c: &mut Vec<Change>) {
    for r in &n.results {
        match o.results.iter().find(|x| x.name == r.name) {
            None => c.push(Change::ResultAdded(r.name.clone())),
            Some(x) => {
                if x.actual != r.actual {
                    c.push(Change::ResultActual {
                        name: r.name.clone(),
                        from: x.actual,
                        to: r.actual,
                        target: r.target,
                    });
                }
                if x.target != r.target {
                    c.push(Change::ResultTarget {
                        name: r.name.clone(),
                        from: x.target,
                        to: r.target,
                    });
                }
            }
        }
    }
    for x in &o.results {
        if !n.results.iter().any(|r| r.name == x.name) {
            c.push(Change::ResultRemoved(x.name.clone()));
        }
    }
}

fn risks(o: &Project, n: &Project, c: &mut Vec<Change>) {
    for r in &n.risks {
        let Some(x) = o.risks.iter().find(|x| x.id == r.id) else {
            c.push(Change::RiskAdded(r.clone()));
            continue;
        };
        let (id, title) = (r.id.clone(), r.title.clone());
        if x.probability != r.probability {
            c.push(Change::RiskProbability {
                id: id.clone(),
                title: title.clone(),
                from: x.probability,
                to: r.probability,
            });
        }
        if x.consequence != r.consequence {
            c.push(Change::RiskConsequence {
                id: id.clone(),
                title: title.clone(),
                from: x.consequence,
                to: r.consequence,
            });
        }
        if x.status != r.status {
            c.push(Change::RiskStatus {
                id: id.clone(),
                title: title.clone(),
                from: x.status,
                to: r.status,
            });
        }
        if x.mitigation != r.mitigation {
            c.push(Change::RiskMitigation {
                id,
                title,
                from: x.mitigation.clone(),
                to: r.mitigation.clone(),
            });
        }
    }
    for x in &o.risks {
        if !n.risks.iter().any(|r| r.id == x.id) {
            c.push(Change::RiskRemoved {
                id: x.id.clone(),
                title: x.title.clone(),
            });
        }
    }
}
