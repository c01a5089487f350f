//! `styr report FILE`: the goal-achievement report for the politicians, in Markdown
//! ("Det skal rapporteres til politikken på måloppnåelse", seed 000).

use std::fmt::Write;

use crate::model::figures::{Figures, compute_with, ranking};
use crate::model::tree::GoalTree;
use crate::model::{Portfolio, Project};
use crate::text::{Lang, Noun};

use super::{md, tables};
use crate::model::balance::Dimension;

/// `p` with only the projects that have overdue follow-ups on its `as_of` (`--overdue`).
pub fn only_overdue(p: &Portfolio) -> Portfolio {
    let as_of = crate::model::figures::effective_as_of(p);
    let mut only = p.clone();
    only.projects
        .retain(|pr| crate::model::follow_up::overdue(pr, as_of) > 0);
    only
}

/// The report on the projects with overdue follow-ups only (`--overdue`), saying so.
pub fn report_overdue(p: &Portfolio, lang: Lang) -> String {
    let as_of = crate::model::figures::effective_as_of(p);
    let only = only_overdue(p);
    let body = report(&only, lang);
    // The selection is said under the title.
    let (title, rest) = body.split_once("\n\n").unwrap_or((&body, ""));
    format!(
        "{title}\n\n_{} ({} {} {}, {as_of})._\n\n{rest}",
        lang.pick(
            "Utvalg: prosjekter med forfalte oppfølgingspunkter",
            "Selection: projects with overdue follow-ups"
        ),
        only.projects.len(),
        lang.pick("av", "of"),
        p.projects.len(),
    )
}

pub fn report(p: &Portfolio, lang: Lang) -> String {
    let tree = GoalTree::new(p);
    let fig = compute_with(p, &tree);
    let l = lang;
    let cur = md(&p.currency);
    let mut o = String::new();
    let as_of = fig.as_of.map(|d| d.to_string()).unwrap_or_default();

    let _ = writeln!(
        o,
        "# {}: {}\n",
        l.pick("Rapport om måloppnåelse", "Goal achievement report"),
        md(&p.name)
    );
    let _ = writeln!(
        o,
        "{} · {} {} · {}\n",
        md(&p.organisation),
        l.pick("per", "as of"),
        as_of,
        l.count(p.projects.len() as i64, Noun::PROJECT_OR_MEASURE)
    );

    // Goals, in tree order.
    let _ = writeln!(o, "## {}\n", l.pick("Mål", "Goals"));
    if tree.is_empty() {
        let _ = writeln!(
            o,
            "_{}_\n",
            l.pick("Porteføljen har ingen mål.", "The portfolio has no goals.")
        );
    }
    for (gi, g) in tree.goals.iter().enumerate() {
        let depth = tree.nodes[gi].depth;
        let level = p
            .levels
            .get(depth)
            .map(|s| format!("{}: ", md(s)))
            .unwrap_or_default();
        let hashes = "#".repeat((3 + depth).min(6));
        let _ = writeln!(o, "{hashes} {level}{} {}\n", md(&g.id), md(&g.title));
        let r = &fig.goals[gi];
        let mut facts = Vec::new();
        if !g.sdgs.is_empty() {
            let sdgs: Vec<String> = g.sdgs.iter().map(|s| s.to_string()).collect();
            facts.push(format!(
                "{} {}",
                l.pick("Bærekraftsmål", "SDGs"),
                sdgs.join(", ")
            ));
        }
        facts.push(format!(
            "{} {}",
            l.count(r.projects.len() as i64, Noun::PROJECT),
            l.pick("(med undermål)", "(incl. sub-goals)")
        ));
        facts.push(format!(
            "{} {} {cur}",
            l.pick("planlagt", "planned"),
            l.amount(r.planned)
        ));
        facts.push(format!(
            "{} {}",
            l.pick("snittscore", "mean score"),
            l.decimal(r.mean_score)
        ));
        facts.push(format!(
            "{} {}",
            l.pick("dårligste helse", "worst health"),
            l.health(r.worst_health)
        ));
        let _ = writeln!(o, "{}\n", facts.join(" · "));

        let direct: Vec<usize> = r
            .projects
            .iter()
            .copied()
            .filter(|&pi| p.projects[pi].goals.contains(&g.id))
            .collect();
        if direct.is_empty() {
            if tree.is_leaf(gi) {
                let _ = writeln!(
                    o,
                    "**{}**\n",
                    l.pick(
                        "Ingen tiltak tjener dette målet.",
                        "No measure serves this goal."
                    )
                );
            }
            continue;
        }
        project_table(&mut o, p, &fig, &direct, l);
    }

    // Gaps.
    let _ = writeln!(
        o,
        "## {}\n",
        l.pick("Mål uten tiltak", "Goals without measures")
    );
    if fig.unserved_leaves.is_empty() {
        let _ = writeln!(
            o,
            "{}\n",
            l.pick(
                "Alle mål har minst ett tiltak.",
                "Every goal has at least one measure."
            )
        );
    } else {
        for &gi in &fig.unserved_leaves {
            let g = tree.goals[gi];
            let _ = writeln!(o, "- {} {}", md(&g.id), md(&g.title));
        }
        o.push('\n');
    }
    if !fig.goalless_projects.is_empty() {
        let _ = writeln!(
            o,
            "## {}\n",
            l.pick("Tiltak uten mål", "Measures serving no goal")
        );
        for &pi in &fig.goalless_projects {
            let pr = &p.projects[pi];
            let _ = writeln!(o, "- {} {}", md(&pr.id), md(&pr.name));
        }
        o.push('\n');
    }

    ranking_section(&mut o, p, &fig, l);

    // Totals.
    let t = &fig.totals;
    let _ = writeln!(
        o,
        "## {}\n",
        l.pick("Porteføljen samlet", "Portfolio totals")
    );
    let _ = writeln!(o, "| | {cur} |\n|---|---:|");
    for (label, v) in [
        (l.pick("Planlagt", "Planned"), t.planned),
        (l.pick("Brukt", "Spent"), t.spent),
        (
            l.pick(
                "Ekstern finansiering, innvilget",
                "External funding, granted",
            ),
            t.granted,
        ),
        (
            l.pick("Ekstern finansiering, søkt", "External funding, applied"),
            t.applied,
        ),
        (
            l.pick(
                "Ekstern finansiering, avslått",
                "External funding, rejected",
            ),
            t.rejected,
        ),
        (l.pick("Egenandel", "Own share"), t.own_share),
    ] {
        let _ = writeln!(o, "| {label} | {} |", l.amount(v));
    }
    o.push('\n');
    let statuses: Vec<String> = t
        .by_status
        .iter()
        .map(|(s, n)| format!("{} {n}", l.status(*s)))
        .collect();
    let _ = writeln!(
        o,
        "{}: {}\n",
        l.pick("Status", "Status"),
        statuses.join(", ")
    );
    let _ = writeln!(
        o,
        "{}: {} {}, {} {}, {} {}, {} {}\n",
        l.pick("Helse", "Health"),
        l.health(Some(crate::model::Health::Green)),
        t.by_health[0],
        l.health(Some(crate::model::Health::Amber)),
        t.by_health[1],
        l.health(Some(crate::model::Health::Red)),
        t.by_health[2],
        l.health(None),
        t.by_health[3],
    );

    // The balance: which unit uses which instrument, at which level (seeds 000, 001).
    for (rows, cols) in [
        (Dimension::Unit, Dimension::Instrument),
        (Dimension::Level, Dimension::Instrument),
    ] {
        grid_table(
            &mut o,
            &tables::balance_grid(p, &fig, rows, cols, l, tables::Amounts::Full),
            l,
        );
    }

    let _ = writeln!(
        o,
        "## {}\n",
        l.pick(
            "Ekstern finansiering etter kilde",
            "External funding by source"
        )
    );
    let tables::FundingRows { header, rows, .. } = tables::funding_rows(p, &fig, l);
    if rows.is_empty() {
        let _ = writeln!(
            o,
            "{}",
            l.pick("Ingen ekstern finansiering.", "No external funding.")
        );
    } else {
        let head: Vec<String> = header.iter().map(|h| md(h)).collect();
        let _ = writeln!(o, "| {} |\n|---|{}", head.join(" | "), "---:|".repeat(7));
        let last = rows.len() - 1;
        for (i, r) in rows.iter().enumerate() {
            let cells: Vec<String> = r.iter().map(|c| md(c)).collect();
            let _ = if i == last {
                writeln!(o, "| **{}** |", cells.join("** | **"))
            } else {
                writeln!(o, "| {} |", cells.join(" | "))
            };
        }
        let _ = writeln!(o, "\n_{}_", md(tables::funding_note(l)));
    }
    o
}

/// A balance matrix as a Markdown table, the totals row in bold.
fn grid_table(o: &mut String, g: &tables::Grid, l: Lang) {
    let _ = writeln!(o, "## {}: {}\n", l.pick("Balanse", "Balance"), md(&g.title));
    let cols: Vec<String> = g.cols.iter().map(|c| md(c)).collect();
    let _ = writeln!(
        o,
        "| {} | {} |\n|---|{}",
        md(&g.corner),
        cols.join(" | "),
        "---:|".repeat(cols.len())
    );
    let last = g.rows.len().saturating_sub(1);
    for (i, r) in g.rows.iter().enumerate() {
        let cells: Vec<String> = r.cells.iter().map(|c| md(&c.text)).collect();
        let _ = if i == last {
            writeln!(
                o,
                "| **{}** | **{}** |",
                md(&r.label),
                cells.join("** | **")
            )
        } else {
            writeln!(o, "| {} | {} |", md(&r.label), cells.join(" | "))
        };
    }
    let _ = writeln!(o, "\n_{}_\n", md(&g.note));
}

fn project_table(o: &mut String, p: &Portfolio, fig: &Figures, which: &[usize], l: Lang) {
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---:|---:|---:|",
        l.pick("Id", "Id"),
        l.pick("Prosjekt", "Project"),
        l.pick("Status", "Status"),
        l.pick("Helse", "Health"),
        l.pick("Score", "Score"),
        l.pick("Planlagt", "Planned"),
        l.pick("Brukt", "Spent"),
    );
    for &pi in which {
        let pr: &Project = &p.projects[pi];
        let f = &fig.projects[pi];
        let (planned, spent) = f.budget.map_or(("–".to_string(), "–".to_string()), |b| {
            (l.amount(b.planned), l.amount(b.spent))
        });
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {planned} | {spent} |",
            md(&pr.id),
            md(&pr.name),
            l.status(pr.status),
            l.health(pr.health),
            l.total(f.latest_total),
        );
    }
    o.push('\n');
}

/// The portfolio by weighted total: the complete totals ranked, then the partial ones
/// (fewer criteria scored than the file has) apart, without a rank.
fn ranking_section(o: &mut String, p: &Portfolio, fig: &Figures, l: Lang) {
    let r = ranking(fig);
    let _ = writeln!(
        o,
        "## {}\n",
        l.pick("Rangering etter vektet sum", "Ranking by weighted total")
    );
    if r.is_empty() {
        let _ = writeln!(
            o,
            "_{}_\n",
            l.pick(
                "Ingen prosjekter er scoret ennå.",
                "No project is scored yet."
            )
        );
        return;
    }
    let (h_project, h_total) = (
        l.pick("Prosjekt", "Project"),
        l.pick("Vektet sum", "Weighted total"),
    );
    if !r.complete.is_empty() {
        let _ = writeln!(
            o,
            "| {} | Id | {h_project} | {h_total} |\n|---:|---|---|---:|",
            l.pick("Nr.", "Rank")
        );
        for (i, &(pi, total)) in r.complete.iter().enumerate() {
            let pr = &p.projects[pi];
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                i + 1,
                md(&pr.id),
                md(&pr.name),
                l.total(Some(total))
            );
        }
        o.push('\n');
    }
    if !r.partial.is_empty() {
        let _ = writeln!(
            o,
            "### {}\n\n{}\n\n| Id | {h_project} | {h_total} |\n|---|---|---:|",
            l.pick(
                "Delvis vurdert (ikke rangert)",
                "Partly scored (not ranked)"
            ),
            l.pick(
                "Vektet sum av bare de kriteriene som er vurdert, av alle kriteriene i filen.",
                "The weighted total of only the criteria scored, of all the criteria in the file."
            )
        );
        for &(pi, total) in &r.partial {
            let pr = &p.projects[pi];
            let _ = writeln!(
                o,
                "| {} | {} | {} |",
                md(&pr.id),
                md(&pr.name),
                l.total(Some(total))
            );
        }
        o.push('\n');
    }
}
