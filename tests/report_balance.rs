//! The report's balance (unit × instrument, level × instrument) and funding tables, in
//! both languages and both forms, against sums made here from the file; and the `level`
//! column of `styr export`.

use std::collections::BTreeMap;
use std::process::Command;

use styr::model::{FundingStatus, Level, Portfolio, parse};
use styr::text::Lang;

fn styr(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_styr"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn portfolio(file: &str) -> Portfolio {
    parse(&std::fs::read_to_string(file).unwrap()).unwrap()
}

const SEEDS: [&str; 4] = [
    "data/akershus.ron",
    "data/fredrikstad.ron",
    "data/hamar.ron",
    "data/lillestrom.ron",
];

/// The Markdown table under `heading`: the header's cells, then each row's.
fn table(md: &str, heading: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let start = md
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("no {heading:?} in\n{md}"));
    let lines: Vec<Vec<String>> = md[start + heading.len() + 2..]
        .lines()
        .skip_while(|l| l.is_empty())
        .take_while(|l| l.starts_with('|'))
        .filter(|l| !l.starts_with("|---"))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().trim_matches('*').replace('\\', ""))
                .collect()
        })
        .collect();
    (lines[0].clone(), lines[1..].to_vec())
}

/// (count, planned) by (row label, column label), with totals under "Total".
type Sums = BTreeMap<(String, String), (usize, i64)>;

fn sums(p: &Portfolio, row: impl Fn(&styr::model::Project) -> String, l: Lang) -> Sums {
    let mut s = Sums::new();
    let total = styr::cli::tables::total_word(l).to_string();
    for pr in &p.projects {
        let r = row(pr);
        let c = pr.instrument.clone().unwrap_or_default();
        let planned = pr.budget.as_ref().map_or(0, |b| b.planned);
        for key in [
            (r.clone(), c.clone()),
            (r, total.clone()),
            (total.clone(), c),
            (total.clone(), total.clone()),
        ] {
            let e = s.entry(key).or_default();
            e.0 += 1;
            e.1 += planned;
        }
    }
    s
}

#[track_caller]
fn assert_matches(header: &[String], rows: &[Vec<String>], want: &Sums, l: Lang, what: &str) {
    let mut shown = std::collections::BTreeSet::new();
    for r in rows {
        for (c, cell) in r.iter().enumerate().skip(1) {
            let key = (r[0].clone(), header[c].clone());
            let text = match want.get(&key) {
                Some((n, a)) => format!("{n} · {}", l.amount(*a)),
                None => "–".to_string(),
            };
            assert_eq!(cell, &text, "{what}: {key:?}");
            shown.insert(key);
        }
    }
    // Every pair with a project has its cell.
    for key in want.keys() {
        assert!(shown.contains(key), "{what}: no cell for {key:?}");
    }
}

#[test]
fn unit_and_level_by_instrument_count_every_project_once() {
    for file in SEEDS {
        let p = portfolio(file);
        for (lang, l) in [("en", Lang::En), ("nb", Lang::Nb)] {
            let md = styr(&["report", file, "--lang", lang]);
            let (unit, level) = match l {
                Lang::En => (
                    "## Balance: Unit × Instrument",
                    "## Balance: Level × Instrument",
                ),
                Lang::Nb => (
                    "## Balanse: Ansvar × Virkemiddel",
                    "## Balanse: Nivå × Virkemiddel",
                ),
            };
            let (header, rows) = table(&md, unit);
            assert_eq!(header[0], l.pick("Ansvar", "Unit"));
            let want = sums(&p, |pr| pr.unit.clone().unwrap_or_default(), l);
            assert_matches(&header, &rows, &want, l, &format!("{file} {lang} unit"));

            let (header, rows) = table(&md, level);
            let labels: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
            // Every level is a row, used or not, then the total.
            let mut expected: Vec<&str> = Level::ALL.iter().map(|&v| l.level(v)).collect();
            expected.push(styr::cli::tables::total_word(l));
            assert_eq!(labels, expected, "{file} {lang}");
            let want = sums(
                &p,
                |pr| pr.level.map(|v| l.level(v).to_string()).unwrap_or_default(),
                l,
            );
            assert_matches(&header, &rows, &want, l, &format!("{file} {lang} level"));
        }
    }
}

/// A source's applications: (applied, granted, rejected amounts; granted and decided
/// counts; project ids).
type Applications<'a> = ([i64; 3], [usize; 2], Vec<&'a str>);

#[test]
fn funding_by_source_with_success_rates() {
    for file in SEEDS {
        let p = portfolio(file);
        let md = styr(&["report", file, "--lang", "en"]);
        let (header, rows) = table(&md, "## External funding by source");
        assert_eq!(
            header,
            [
                "Source",
                "Projects",
                "Applied",
                "Granted",
                "Rejected",
                "Success by amount",
                "Success by count",
                "Own share"
            ]
        );
        let mut want: BTreeMap<String, Applications> = BTreeMap::new();
        for pr in &p.projects {
            for f in pr.budget.iter().flat_map(|b| &b.funding) {
                let e = want.entry(f.source.trim().to_string()).or_default();
                let k = match f.status {
                    FundingStatus::Applied => 0,
                    FundingStatus::Granted => 1,
                    FundingStatus::Rejected => 2,
                };
                e.0[k] += f.amount;
                e.1[0] += usize::from(k == 1);
                e.1[1] += usize::from(k > 0);
                if e.2.last() != Some(&pr.id.as_str()) {
                    e.2.push(&pr.id);
                }
            }
        }
        assert_eq!(
            rows.len(),
            want.len() + 1,
            "{file}: a row per source and the total"
        );
        for r in &rows[..rows.len() - 1] {
            let (amounts, counts, projects) = &want[&r[0]];
            let l = Lang::En;
            assert_eq!(r[1], projects.len().to_string(), "{file} {}", r[0]);
            assert_eq!(r[2..5], amounts.map(|a| l.amount(a)), "{file} {}", r[0]);
            let decided = amounts[1] + amounts[2];
            let by_amount = (decided > 0).then(|| amounts[1] as f64 / decided as f64);
            assert_eq!(r[5], l.percent(by_amount), "{file} {}", r[0]);
            let by_count = if counts[1] == 0 {
                "–".to_string()
            } else {
                format!(
                    "{} ({} of {})",
                    l.percent(Some(counts[0] as f64 / counts[1] as f64)),
                    counts[0],
                    counts[1]
                )
            };
            assert_eq!(r[6], by_count, "{file} {}", r[0]);
        }
        let total = rows.last().unwrap();
        assert_eq!(total[0], "Total");
        let with_funding = p
            .projects
            .iter()
            .filter(|pr| pr.budget.as_ref().is_some_and(|b| !b.funding.is_empty()))
            .count();
        assert_eq!(
            total[1],
            with_funding.to_string(),
            "{file}: distinct projects"
        );
    }
}

#[test]
fn the_norwegian_funding_table_and_notes() {
    let md = styr(&["report", "data/fredrikstad.ron", "--lang", "nb"]);
    let (header, _) = table(&md, "## Ekstern finansiering etter kilde");
    assert_eq!(header[5], "Tilslag etter beløp");
    assert_eq!(header[6], "Tilslag etter antall");
    assert!(md.contains("Tilslag = innvilget ÷ avgjort"), "{md}");
    assert!(md.contains("Hver celle: antall prosjekter · planlagt budsjett (NOK)."));
    // Interreg Sverige-Norge: 1 600 000 granted, 900 000 rejected; one of two applications.
    let (_, rows) = table(&md, "## Ekstern finansiering etter kilde");
    let row = rows
        .iter()
        .find(|r| r[0] == "Interreg Sverige-Norge")
        .unwrap();
    assert_eq!(row[5], "64\u{a0}%");
    assert_eq!(row[6], "50\u{a0}% (1 av 2)");
}

#[test]
fn the_html_report_shades_the_balance_and_parses() {
    for (file, lang) in [("data/hamar.ron", "nb"), ("data/akershus.ron", "en")] {
        let page = styr(&["report", file, "--html", "--lang", lang]);
        let body = page.strip_prefix("<!DOCTYPE html>\n").unwrap();
        let doc = roxmltree::Document::parse(body).unwrap();
        let headings: Vec<&str> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "h2")
            .filter_map(|n| n.text())
            .collect();
        let want = match lang {
            "nb" => [
                "Balanse: Ansvar × Virkemiddel",
                "Balanse: Nivå × Virkemiddel",
            ],
            _ => ["Balance: Unit × Instrument", "Balance: Level × Instrument"],
        };
        for w in want {
            assert!(headings.contains(&w), "{file}: {w:?} in {headings:?}");
        }
        let shaded: Vec<f64> = doc
            .descendants()
            .filter_map(|n| n.attribute("style"))
            .filter_map(|s| s.strip_prefix("background:rgba(52,101,164,"))
            .map(|s| s.trim_end_matches(')').parse().unwrap())
            .collect();
        assert!(!shaded.is_empty(), "{file}");
        assert!(shaded.iter().all(|&a| a > 0.0 && a <= 0.45), "{shaded:?}");
        // The grand total holds all the money: the strongest shade.
        assert!(shaded.contains(&0.45), "{file}");
    }
}

#[test]
fn export_has_a_level_column_last() {
    for file in SEEDS {
        let p = portfolio(file);
        let csv = styr(&["export", file, "--csv"]);
        let lines: Vec<&str> = csv.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(lines[0].ends_with(",criteria_total,level"), "{}", lines[0]);
        for (line, pr) in lines[1..].iter().zip(&p.projects) {
            let level = pr.level.map(|l| format!("{l:?}")).unwrap_or_default();
            assert!(line.ends_with(&format!(",{level}")), "{file}: {line}");
            assert!(pr.level.is_some(), "{file}: {} has a level", pr.id);
        }
        let excel = styr(&["export", file, "--csv", "--excel", "--lang", "nb"]);
        let lines: Vec<&str> = excel.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(lines[0].ends_with(";Kriterier i alt;Nivå"), "{}", lines[0]);
        for (line, pr) in lines[1..].iter().zip(&p.projects) {
            let word = Lang::Nb.level(pr.level.unwrap());
            assert!(line.ends_with(&format!(";{word}")), "{file}: {line}");
        }
    }
}

#[test]
fn the_seeds_use_every_level_between_them() {
    let mut seen = std::collections::BTreeSet::new();
    for file in SEEDS {
        for pr in portfolio(file).projects {
            seen.extend(pr.level);
        }
    }
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), Level::ALL);
    // Seed 000: Lillestrøm's ORE membership is international.
    let p = portfolio("data/lillestrom.ron");
    let ore = p.projects.iter().find(|pr| pr.id == "LK-14").unwrap();
    assert_eq!(ore.level, Some(Level::International));
}
