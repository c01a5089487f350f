//! External funding by programme (the funding source): what was applied for, granted and
//! rejected, how often each programme says yes, and what its projects leave to the
//! organisation. Computed once per change of the filter ([`funding`]).
//!
//! Counts are of applications (funding entries): a project with two Interreg entries
//! counts two. The success rate is granted ÷ decided (granted + rejected), by amount
//! and by count; applications still open are not decided and do not count. A project
//! is listed under every programme it has an entry with; the [`FundingTable::total`]
//! counts each project and its money once.

use super::collate;
use super::figures::{Figures, budget_figures};
use super::types::{FundingStatus, Portfolio};

/// A number of applications and their amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub count: usize,
    pub amount: i64,
}

impl Tally {
    fn add(&mut self, amount: i64) {
        self.count += 1;
        self.amount = self.amount.saturating_add(amount);
    }

    fn plus(self, o: Tally) -> Tally {
        Tally {
            count: self.count + o.count,
            amount: self.amount.saturating_add(o.amount),
        }
    }
}

/// One programme's applications, or (in [`FundingTable::total`]) all of them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Programme {
    /// The source as written in the file (trimmed); empty in the total. Clean it before
    /// showing it.
    pub source: String,
    pub applied: Tally,
    pub granted: Tally,
    pub rejected: Tally,
    /// The projects with an application here, each once, in the order given (indices
    /// into `portfolio.projects`).
    pub projects: Vec<usize>,
    /// Their planned budgets, each project once.
    pub planned: i64,
    /// What those projects leave to the organisation: planned − granted from every
    /// source (the project's own share), each project once.
    pub own_share: i64,
}

impl Programme {
    /// Granted and rejected: the applications the programme has answered.
    pub fn decided(&self) -> Tally {
        self.granted.plus(self.rejected)
    }

    /// Granted ÷ decided by amount, 0–1; `None` while nothing (or only 0) is decided.
    pub fn success_by_amount(&self) -> Option<f64> {
        let d = self.decided().amount;
        (d > 0).then(|| self.granted.amount as f64 / d as f64)
    }

    /// Granted ÷ decided by the number of applications, 0–1; `None` while none is
    /// decided.
    pub fn success_by_count(&self) -> Option<f64> {
        let d = self.decided().count;
        (d > 0).then(|| self.granted.count as f64 / d as f64)
    }

    fn add_project(&mut self, pi: usize, planned: i64, own_share: i64) {
        if self.projects.last() != Some(&pi) {
            self.projects.push(pi);
            self.planned = self.planned.saturating_add(planned);
            self.own_share = self.own_share.saturating_add(own_share);
        }
    }
}

/// Every programme the projects applied to, in Norwegian alphabetical order, and the
/// total.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FundingTable {
    pub programmes: Vec<Programme>,
    /// All applications; its projects are those with any, each once.
    pub total: Programme,
}

/// External funding of `projects` (indices into `p.projects`; unknown and repeated ones
/// are skipped) by programme. `fig`, when given, supplies the budget figures.
pub fn funding(p: &Portfolio, fig: Option<&Figures>, projects: &[usize]) -> FundingTable {
    let mut seen = vec![false; p.projects.len()];
    let mut by_source: std::collections::HashMap<&str, Programme> = Default::default();
    let mut total = Programme::default();
    for &pi in projects {
        if pi >= seen.len() || std::mem::replace(&mut seen[pi], true) {
            continue;
        }
        let Some(b) = p.projects[pi].budget.as_ref() else {
            continue;
        };
        if b.funding.is_empty() {
            continue;
        }
        let bf = fig
            .and_then(|f| f.projects.get(pi))
            .and_then(|f| f.budget)
            .unwrap_or_else(|| budget_figures(b));
        for f in &b.funding {
            let source = f.source.trim();
            let prog = by_source.entry(source).or_insert_with(|| Programme {
                source: source.to_string(),
                ..Default::default()
            });
            for t in [&mut *prog, &mut total] {
                match f.status {
                    FundingStatus::Applied => t.applied.add(f.amount),
                    FundingStatus::Granted => t.granted.add(f.amount),
                    FundingStatus::Rejected => t.rejected.add(f.amount),
                }
                t.add_project(pi, bf.planned, bf.own_share);
            }
        }
    }
    let mut programmes: Vec<Programme> = by_source.into_values().collect();
    programmes.sort_by(|a, b| collate::cmp(&a.source, &b.source));
    FundingTable { programmes, total }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::figures::compute;
    use crate::model::load::parse;

    const FILE: &str = r#"(name: "T", organisation: "O", goals: [], projects: [
        (id: "P0", name: "n", budget: (planned: 1000, funding: [
            (source: "Interreg", amount: 300),
            (source: "Interreg", amount: 100, status: Rejected),
            (source: "Erasmus+", amount: 200, status: Applied),
        ])),
        (id: "P1", name: "n", budget: (planned: 500, funding: [
            (source: "Interreg ", amount: 100, status: Rejected),
            (source: "Nordisk Råd", amount: 50),
        ])),
        (id: "P2", name: "n", budget: (planned: 80, funding: [
            (source: "Erasmus+", amount: 40, status: Applied),
        ])),
        (id: "P3", name: "no funding", budget: (planned: 70)),
        (id: "P4", name: "no budget"),
    ])"#;

    fn table(projects: &[usize]) -> FundingTable {
        funding(&parse(FILE).unwrap(), None, projects)
    }

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("a rate");
        assert!((a - b).abs() < 1e-12, "{a} != {b}");
    }

    #[test]
    fn per_programme_applied_granted_rejected_and_rates() {
        let t = table(&[0, 1, 2, 3, 4]);
        let names: Vec<&str> = t.programmes.iter().map(|p| p.source.as_str()).collect();
        assert_eq!(names, ["Erasmus+", "Interreg", "Nordisk Råd"]);

        let interreg = &t.programmes[1];
        assert_eq!(
            interreg.granted,
            Tally {
                count: 1,
                amount: 300
            }
        );
        assert_eq!(
            interreg.rejected,
            Tally {
                count: 2,
                amount: 200
            }
        );
        assert_eq!(interreg.applied, Tally::default());
        // 300 of 500 decided; one application of three.
        close(interreg.success_by_amount(), 0.6);
        close(interreg.success_by_count(), 1.0 / 3.0);
        assert_eq!(interreg.projects, [0, 1]);
        assert_eq!(interreg.planned, 1500);
        // P0 keeps 1000 − 300, P1 500 − 50 (Nordisk Råd's grant).
        assert_eq!(interreg.own_share, 700 + 450);

        // Nothing decided yet: no rate, not 0 %.
        let erasmus = &t.programmes[0];
        assert_eq!(
            erasmus.applied,
            Tally {
                count: 2,
                amount: 240
            }
        );
        assert_eq!(erasmus.success_by_amount(), None);
        assert_eq!(erasmus.success_by_count(), None);
        assert_eq!(erasmus.projects, [0, 2]);

        let nordic = &t.programmes[2];
        close(nordic.success_by_amount(), 1.0);
        close(nordic.success_by_count(), 1.0);
    }

    #[test]
    fn the_total_counts_each_project_once() {
        let t = table(&[0, 1, 2, 3, 4]);
        let all = &t.total;
        assert_eq!(all.source, "");
        assert_eq!(all.projects, [0, 1, 2]);
        assert_eq!(all.planned, 1580);
        assert_eq!(all.own_share, 700 + 450 + 80);
        assert_eq!(
            all.granted,
            Tally {
                count: 2,
                amount: 350
            }
        );
        assert_eq!(
            all.rejected,
            Tally {
                count: 2,
                amount: 200
            }
        );
        assert_eq!(
            all.applied,
            Tally {
                count: 2,
                amount: 240
            }
        );
        close(all.success_by_amount(), 350.0 / 550.0);
        close(all.success_by_count(), 0.5);
    }

    #[test]
    fn a_filter_figures_and_repeats() {
        let p = parse(FILE).unwrap();
        let fig = compute(&p);
        assert_eq!(
            funding(&p, Some(&fig), &[2, 1, 2, 77]),
            funding(&p, None, &[2, 1])
        );
        let t = table(&[2]);
        assert_eq!(t.programmes.len(), 1);
        assert_eq!(t.total.projects, [2]);
        assert_eq!(table(&[3, 4]), FundingTable::default());
    }
}
