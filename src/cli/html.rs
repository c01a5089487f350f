//! `styr report FILE --html`: the goal-achievement report as one self-contained page for
//! the politicians: no network, inline SVG and CSS, readable printed on A4. The page is
//! well-formed XML (XHTML served as HTML), so a test parses it strictly.
//!
//! The charts are a few rectangles and lines each, drawn here: bars for budget, spending,
//! achievement and results, a heat map for the risk matrix, a small line for each
//! project's score over its evaluations. A chart crate (plotters) would bring fonts and a
//! larger page for what is, here, twenty lines of SVG.

use std::fmt::Write;

use crate::model::balance::Dimension;
use crate::model::figures::{Figures, compute_with, risk_band, score_total};
use crate::model::tree::GoalTree;
use crate::model::{Portfolio, Project, RiskStatus};
use crate::text::Lang;

use super::tables;

/// Text from the file, made inert and escaped for XML.
fn x(s: &str) -> String {
    let clean = crate::sanitize::inert(s);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Controls that survive `inert` (tab, newline) read as spaces; XML 1.0 refuses
            // the others.
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:10.5pt;color:#111;max-width:180mm;margin:12mm auto;line-height:1.35}
h1{font-size:18pt;margin:0 0 2mm}h2{font-size:13.5pt;margin:8mm 0 2mm;border-bottom:1px solid #999}
h3{font-size:11.5pt;margin:5mm 0 1mm}p.meta{color:#444;margin:0 0 4mm}
table{border-collapse:collapse;width:100%;margin:1mm 0 3mm}th,td{text-align:left;padding:1px 4px;vertical-align:middle}
th{border-bottom:1px solid #666;font-weight:600}td.n{text-align:right;white-space:nowrap}td.b{white-space:nowrap}
tr{page-break-inside:avoid}svg{vertical-align:middle}.dim{color:#555}
tr.t td{border-top:1px solid #666;font-weight:600}td.s{-webkit-print-color-adjust:exact;print-color-adjust:exact}
table.bal{font-size:8.5pt}table.bal th{font-size:7.5pt}table.bal td,table.bal th{padding:1px 2px}
table.wide{font-size:7pt}table.wide th{font-size:6.5pt;overflow-wrap:anywhere}
.g{color:#0a7d32}.a{color:#9a6700}.r{color:#b3261e;font-weight:600}
@page{size:A4;margin:14mm}@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}}
";

/// A bar of `share` (0–1, more is clipped and marked) in `w`×10 px, with a grey track.
fn bar(share: Option<f64>, w: u32, color: &str) -> String {
    let Some(s) = share else {
        return String::new();
    };
    let over = s > 1.0;
    let fill = (s.clamp(0.0, 1.0) * f64::from(w)).round() as u32;
    format!(
        "<svg width=\"{w}\" height=\"10\" role=\"img\"><rect width=\"{w}\" height=\"10\" fill=\"#e4e4e4\"/><rect width=\"{fill}\" height=\"10\" fill=\"{}\"/></svg>",
        if over { "#b3261e" } else { color }
    )
}

fn health_class(h: Option<crate::model::Health>) -> &'static str {
    match h {
        Some(crate::model::Health::Green) => "g",
        Some(crate::model::Health::Amber) => "a",
        Some(crate::model::Health::Red) => "r",
        None => "dim",
    }
}

/// The report as an XHTML page.
pub fn report_html(p: &Portfolio, l: Lang) -> String {
    let tree = GoalTree::new(p);
    let fig = compute_with(p, &tree);
    let mut o = String::new();
    let lang = l.pick("nb", "en");
    let title = format!(
        "{}: {}",
        l.pick("Rapport om måloppnåelse", "Goal achievement report"),
        x(&p.name)
    );
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"/><meta name=\"viewport\" content=\"width=device-width\"/><title>{title}</title><style>{STYLE}</style></head><body>\n<h1>{title}</h1>\n<p class=\"meta\">{} · {} {} · {} {}</p>\n",
        x(&p.organisation),
        l.pick("per", "as of"),
        fig.as_of.map(|d| d.to_string()).unwrap_or_default(),
        p.projects.len(),
        l.pick("prosjekter og tiltak", "projects and measures"),
    );
    goals(&mut o, p, &tree, &fig, l);
    results(&mut o, p, l);
    money(&mut o, p, &fig, l);
    balance_section(&mut o, p, &fig, l);
    matrix(&mut o, p, l);
    scores(&mut o, p, l);
    o.push_str("</body></html>\n");
    o
}

fn goals(o: &mut String, p: &Portfolio, tree: &GoalTree, fig: &Figures, l: Lang) {
    let _ = writeln!(o, "<h2>{}</h2>", l.pick("Mål", "Goals"));
    for (gi, g) in tree.goals.iter().enumerate() {
        let depth = tree.nodes[gi].depth;
        let r = &fig.goals[gi];
        let level = p
            .levels
            .get(depth)
            .map(|s| format!("{}: ", x(s)))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "<h3 style=\"margin-left:{}mm\">{level}{} {}</h3>",
            depth * 5,
            x(&g.id),
            x(&g.title)
        );
        let direct: Vec<usize> = r
            .projects
            .iter()
            .copied()
            .filter(|&pi| p.projects[pi].goals.contains(&g.id))
            .collect();
        if direct.is_empty() {
            let _ = writeln!(
                o,
                "<p class=\"dim\" style=\"margin-left:{}mm\">{} · {} {}</p>",
                depth * 5,
                if r.projects.is_empty() {
                    l.pick("Ingen tiltak", "No measures")
                } else {
                    l.pick("Tiltak under delmålene", "Measures under its sub-goals")
                },
                r.projects.len(),
                l.pick("prosjekter i alt", "projects in all"),
            );
            continue;
        }
        let _ = writeln!(
            o,
            "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>Score</th></tr>",
            l.pick("Prosjekt", "Project"),
            l.pick("Helse", "Health"),
            l.pick("Planlagt", "Planned"),
            l.pick("Brukt", "Spent"),
            l.pick("Resultater", "Results"),
        );
        for pi in direct {
            project_row(o, p, fig, pi, l);
        }
        o.push_str("</table>\n");
    }
}

fn project_row(o: &mut String, p: &Portfolio, fig: &Figures, pi: usize, l: Lang) {
    let pr = &p.projects[pi];
    let pf = &fig.projects[pi];
    let (planned, burn) = pf.budget.map_or((String::from("–"), None), |b| {
        (l.amount(b.planned), b.burn)
    });
    let _ = writeln!(
        o,
        "<tr><td>{} {}</td><td class=\"{}\">{}</td><td class=\"n\">{planned}</td><td class=\"b\">{} {}</td><td class=\"b\">{} {}</td><td class=\"n\">{}</td></tr>",
        x(&pr.id),
        x(&pr.name),
        health_class(pr.health),
        l.health(pr.health),
        bar(burn, 60, "#3465a4"),
        l.percent(burn),
        bar(pf.achievement, 60, "#0a7d32"),
        l.percent(pf.achievement),
        l.total(pf.latest_total),
    );
}

fn results(o: &mut String, p: &Portfolio, l: Lang) {
    let _ = writeln!(
        o,
        "<h2>{}</h2>",
        l.pick("Resultater mot mål", "Results against targets")
    );
    let mut any = false;
    for pr in p.projects.iter().filter(|pr| !pr.results.is_empty()) {
        any = true;
        let _ = writeln!(
            o,
            "<h3>{} {}</h3><table><tr><th>{}</th><th>{}</th><th></th></tr>",
            x(&pr.id),
            x(&pr.name),
            l.pick("Resultat", "Result"),
            l.pick("Nådd av mål", "Reached of target"),
        );
        for r in &pr.results {
            let share = (r.target.0 > 0.0).then(|| r.actual.0 / r.target.0);
            let unit = r
                .unit
                .as_deref()
                .map(|u| format!(" {}", x(u)))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td class=\"n\">{} / {}{unit}</td><td>{}</td></tr>",
                x(&r.name),
                l.number(r.actual),
                l.number(r.target),
                bar(share.or(Some(1.0)), 120, "#0a7d32"),
            );
        }
        o.push_str("</table>\n");
    }
    if !any {
        let _ = writeln!(
            o,
            "<p class=\"dim\">{}</p>",
            l.pick("Ingen målbare resultater.", "No measurable results.")
        );
    }
}

fn money(o: &mut String, p: &Portfolio, fig: &Figures, l: Lang) {
    let t = &fig.totals;
    let cur = x(&p.currency);
    let _ = writeln!(
        o,
        "<h2>{}</h2><table><tr><td>{}</td><td class=\"n\">{} {cur}</td></tr><tr><td>{}</td><td class=\"n\">{} {cur}</td><td>{}</td></tr><tr><td>{}</td><td class=\"n\">{} {cur}</td></tr><tr><td>{}</td><td class=\"n\">{} {cur}</td></tr></table>",
        l.pick(
            "Budsjett og ekstern finansiering",
            "Budget and external funding"
        ),
        l.pick("Planlagt", "Planned"),
        l.amount(t.planned),
        l.pick("Brukt", "Spent"),
        l.amount(t.spent),
        bar(
            (t.planned > 0).then(|| t.spent as f64 / t.planned as f64),
            120,
            "#3465a4"
        ),
        l.pick("Innvilget eksternt", "Granted externally"),
        l.amount(t.granted),
        l.pick("Egen andel", "Own share"),
        l.amount(t.own_share),
    );
    let f = tables::funding_rows(p, fig, l);
    let (header, rows) = (&f.header, &f.rows);
    if rows.is_empty() {
        return;
    }
    let max = f
        .table
        .programmes
        .iter()
        .map(|g| {
            g.granted
                .amount
                .saturating_add(g.applied.amount)
                .saturating_add(g.rejected.amount)
        })
        .max()
        .unwrap_or(1)
        .max(1);
    let head: String = header
        .iter()
        .map(|h| format!("<th>{}</th>", x(h)))
        .collect();
    let _ = writeln!(o, "<table><tr>{head}<th></th></tr>");
    let last = rows.len() - 1;
    for (i, r) in rows.iter().enumerate() {
        // The bar: granted, applied, rejected, on the scale of the largest source.
        let bar = match f.table.programmes.get(i) {
            Some(g) => {
                let w = |v: i64| ((v as f64 / max as f64) * 120.0).round() as i64;
                let (wg, wa, wr) = (
                    w(g.granted.amount),
                    w(g.applied.amount),
                    w(g.rejected.amount),
                );
                format!(
                    "<svg width=\"120\" height=\"10\" role=\"img\"><rect width=\"{wg}\" height=\"10\" fill=\"#0a7d32\"/><rect x=\"{wg}\" width=\"{wa}\" height=\"10\" fill=\"#c8a400\"/><rect x=\"{}\" width=\"{wr}\" height=\"10\" fill=\"#b3261e\"/></svg>",
                    wg + wa
                )
            }
            None => String::new(),
        };
        let cells: String = r
            .iter()
            .enumerate()
            .map(|(k, c)| {
                if k == 0 {
                    format!("<td>{}</td>", x(c))
                } else {
                    format!("<td class=\"n\">{}</td>", x(c))
                }
            })
            .collect();
        let class = if i == last { " class=\"t\"" } else { "" };
        let _ = writeln!(o, "<tr{class}>{cells}<td>{bar}</td></tr>");
    }
    let _ = writeln!(
        o,
        "</table><p class=\"dim\">{}</p>",
        x(tables::funding_note(l))
    );
}

/// The balance matrices (unit × instrument, level × instrument), each cell shaded by
/// its share of the money.
fn balance_section(o: &mut String, p: &Portfolio, fig: &Figures, l: Lang) {
    for (rows, cols) in [
        (Dimension::Unit, Dimension::Instrument),
        (Dimension::Level, Dimension::Instrument),
    ] {
        let g = tables::balance_grid(p, fig, rows, cols, l, tables::Amounts::Short);
        // Past seven columns the names give way (smaller, broken where they must be), never
        // the numbers: the page is A4.
        let class = if g.cols.len() > 7 { "bal wide" } else { "bal" };
        let head: String = g
            .cols
            .iter()
            .map(|c| format!("<th>{}</th>", x(c)))
            .collect();
        let _ = writeln!(
            o,
            "<h2>{}: {}</h2><table class=\"{class}\"><tr><th>{}</th>{head}</tr>",
            l.pick("Balanse", "Balance"),
            x(&g.title),
            x(&g.corner)
        );
        let last = g.rows.len().saturating_sub(1);
        for (i, r) in g.rows.iter().enumerate() {
            let cells: String = r
                .cells
                .iter()
                .map(|c| {
                    // Blue behind black text, at most 45 % strong so it stays readable.
                    let alpha = (c.share.clamp(0.0, 1.0) * 0.45 * 100.0).round() / 100.0;
                    if alpha > 0.0 {
                        format!(
                            "<td class=\"n s\" style=\"background:rgba(52,101,164,{alpha})\">{}</td>",
                            x(&c.text)
                        )
                    } else {
                        format!("<td class=\"n\">{}</td>", x(&c.text))
                    }
                })
                .collect();
            let class = if i == last { " class=\"t\"" } else { "" };
            let _ = writeln!(o, "<tr{class}><td>{}</td>{cells}</tr>", x(&r.label));
        }
        let _ = writeln!(o, "</table><p class=\"dim\">{}</p>", x(&g.note));
    }
}

fn matrix(o: &mut String, p: &Portfolio, l: Lang) {
    let mut cells = [[0usize; 5]; 5];
    for r in p.projects.iter().flat_map(|pr| &pr.risks) {
        if r.status == RiskStatus::Open
            && (1..=5).contains(&r.probability)
            && (1..=5).contains(&r.consequence)
        {
            cells[(r.probability - 1) as usize][(r.consequence - 1) as usize] += 1;
        }
    }
    let _ = writeln!(
        o,
        "<h2>{}</h2><svg width=\"330\" height=\"250\" role=\"img\">",
        l.pick("Risikomatrise (åpne risikoer)", "Risk matrix (open risks)")
    );
    for pi in 0..5 {
        let row = cells[4 - pi];
        for (ci, &n) in row.iter().enumerate() {
            let (prob, cons) = (5 - pi as i64, ci as i64 + 1);
            let band = risk_band(prob * cons, p.risk_thresholds);
            let fill = match band {
                crate::model::figures::Band::Green => "#cfe8d5",
                crate::model::figures::Band::Amber => "#f3e2a9",
                crate::model::figures::Band::Red => "#efb8b3",
            };
            let (xp, yp) = (30 + ci * 58, pi * 44);
            let _ = write!(
                o,
                "<rect x=\"{xp}\" y=\"{yp}\" width=\"56\" height=\"42\" fill=\"{fill}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"14\">{}</text>",
                xp + 28,
                yp + 26,
                if n == 0 { String::new() } else { n.to_string() }
            );
        }
        let _ = write!(
            o,
            "<text x=\"12\" y=\"{}\" font-size=\"11\">P{}</text>",
            pi * 44 + 26,
            5 - pi
        );
    }
    for ci in 0..5 {
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"236\" text-anchor=\"middle\" font-size=\"11\">{}{}</text>",
            30 + ci * 58 + 28,
            l.pick("K", "C"),
            ci + 1
        );
    }
    let _ = writeln!(
        o,
        "</svg><p class=\"dim\">{}</p>",
        l.pick(
            "P = sannsynlighet, K = konsekvens; tallet er antall åpne risikoer i cellen.",
            "P = probability, C = consequence; the number is the open risks in the cell."
        )
    );
}

/// A project's weighted total over its evaluations, oldest first, as a small line.
fn spark(pr: &Project, p: &Portfolio) -> Option<String> {
    let mut evs: Vec<_> = pr.evaluations.iter().collect();
    evs.sort_by_key(|e| e.date);
    let pts: Vec<f64> = evs
        .iter()
        .filter_map(|e| score_total(e, &p.criteria).map(|t| t.value))
        .collect();
    if pts.len() < 2 {
        return None;
    }
    let step = 100.0 / (pts.len() - 1) as f64;
    let coords: Vec<String> = pts
        .iter()
        .enumerate()
        .map(|(i, v)| {
            format!(
                "{:.1},{:.1}",
                i as f64 * step + 2.0,
                22.0 - (v - 1.0) / 4.0 * 20.0
            )
        })
        .collect();
    Some(format!(
        "<svg width=\"104\" height=\"24\" role=\"img\"><polyline points=\"{}\" fill=\"none\" stroke=\"#3465a4\" stroke-width=\"2\"/></svg>",
        coords.join(" ")
    ))
}

fn scores(o: &mut String, p: &Portfolio, l: Lang) {
    let _ = writeln!(
        o,
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        l.pick("Score over tid", "Score over time"),
        l.pick("Prosjekt", "Project"),
        l.pick("Utvikling", "Trend"),
        l.pick("Siste", "Latest"),
    );
    for pr in &p.projects {
        let Some(line) = spark(pr, p) else { continue };
        let latest = pr
            .evaluations
            .iter()
            .max_by_key(|e| e.date)
            .and_then(|e| score_total(e, &p.criteria));
        let _ = writeln!(
            o,
            "<tr><td>{} {}</td><td>{line}</td><td class=\"n\">{}</td></tr>",
            x(&pr.id),
            x(&pr.name),
            l.total(latest)
        );
    }
    o.push_str("</table>\n");
}
