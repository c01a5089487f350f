//! The report's balance and funding tables, made once for both of its forms (Markdown
//! and HTML): each cell's text in the reader's language. Labels from the file (units,
//! instruments, sources, goal titles) are as written; each form escapes every label
//! and cell the way it escapes the rest of the file's text.

use crate::model::Portfolio;
use crate::model::balance::{Dimension, Measure, balance};
use crate::model::figures::Figures;
use crate::model::funding::{Programme, funding};
use crate::text::Lang;

/// One cell: its text and its share of the grand total (0–1), for shading.
#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    pub text: String,
    pub share: f64,
}

/// One row: its label, a cell per column, and the row's total last.
#[derive(Debug, Clone, PartialEq)]
pub struct GridRow {
    pub label: String,
    pub cells: Vec<GridCell>,
}

/// A balance matrix as a table: the columns' labels with "Total" last, the rows with the
/// totals row last.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// "Ansvar × Virkemiddel".
    pub title: String,
    /// The row dimension's name, above the row labels.
    pub corner: String,
    pub cols: Vec<String>,
    pub rows: Vec<GridRow>,
    /// How to read it: what a cell holds, that totals count each project once.
    pub note: String,
}

/// "I alt" / "Total".
pub fn total_word(l: Lang) -> &'static str {
    l.pick("I alt", "Total")
}

/// How a grid writes its amounts: in full ("2 400 000"), or short for a page that must fit
/// many columns ("2,4 M", "950 k").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amounts {
    Full,
    Short,
}

/// The projects of `p` by `rows` × `cols`, planned budget.
pub fn balance_grid(
    p: &Portfolio,
    fig: &Figures,
    rows: Dimension,
    cols: Dimension,
    l: Lang,
    amounts: Amounts,
) -> Grid {
    let all: Vec<usize> = (0..p.projects.len()).collect();
    let m = balance(p, Some(fig), &all, rows, cols, Measure::Planned);
    let cell = |c: &crate::model::balance::Cell| GridCell {
        text: if c.count == 0 {
            "–".to_string()
        } else {
            let a = match amounts {
                Amounts::Full => l.amount(c.amount),
                Amounts::Short => l.short_amount(c.amount),
            };
            format!("{} · {a}", c.count)
        },
        share: m.share(c),
    };
    let mut out_rows: Vec<GridRow> = m
        .row_keys
        .iter()
        .enumerate()
        .map(|(r, k)| GridRow {
            label: k.label(rows, l),
            cells: (0..m.col_keys.len())
                .map(|c| cell(m.cell(r, c)))
                .chain([cell(&m.row_totals[r])])
                .collect(),
        })
        .collect();
    out_rows.push(GridRow {
        label: total_word(l).to_string(),
        cells: m.col_totals.iter().chain([&m.total]).map(cell).collect(),
    });
    let (rn, cn) = (rows.name(p), cols.name(p));
    let many = rows.is_many_valued() || cols.is_many_valued();
    Grid {
        title: format!("{} × {}", rn.get(l), cn.get(l)),
        corner: rn.get(l).to_string(),
        cols: m
            .col_keys
            .iter()
            .map(|k| k.label(cols, l))
            .chain([total_word(l).to_string()])
            .collect(),
        rows: out_rows,
        note: format!(
            "{} ({}).{}",
            l.pick(
                "Hver celle: antall prosjekter · planlagt budsjett",
                "Each cell: number of projects · planned budget"
            ),
            match amounts {
                Amounts::Full => p.currency.clone(),
                Amounts::Short => format!(
                    "{}; {}",
                    p.currency,
                    l.pick("k = tusen, M = millioner", "k = thousand, M = million")
                ),
            },
            if many {
                l.pick(
                    " Et prosjekt med flere verdier telles i hver av dem; summene teller hvert prosjekt én gang.",
                    " A project with several values is counted in each; the totals count each project once.",
                )
            } else {
                ""
            }
        ),
    }
}

/// The funding table in words: the header, a row per programme and the total row (no
/// rows without external funding), eight cells each; a programme's row starts with its
/// source. `table` holds the numbers, programme by programme in the same order.
pub struct FundingRows {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub table: crate::model::funding::FundingTable,
}

/// The funding table of all of `p`'s projects (see [`FundingRows`]).
pub fn funding_rows(p: &Portfolio, fig: &Figures, l: Lang) -> FundingRows {
    let all: Vec<usize> = (0..p.projects.len()).collect();
    let t = funding(p, Some(fig), &all);
    let header = vec![
        l.pick("Kilde", "Source").to_string(),
        l.pick("Prosjekter", "Projects").to_string(),
        l.pick("Søkt", "Applied").to_string(),
        l.pick("Innvilget", "Granted").to_string(),
        l.pick("Avslått", "Rejected").to_string(),
        l.pick("Tilslag etter beløp", "Success by amount")
            .to_string(),
        l.pick("Tilslag etter antall", "Success by count")
            .to_string(),
        l.pick("Egenandel", "Own share").to_string(),
    ];
    let row = |label: &str, g: &Programme| {
        let count_rate = match g.success_by_count() {
            Some(r) => format!(
                "{} ({} {} {})",
                l.percent(Some(r)),
                g.granted.count,
                l.pick("av", "of"),
                g.decided().count
            ),
            None => "–".to_string(),
        };
        vec![
            label.to_string(),
            g.projects.len().to_string(),
            l.amount(g.applied.amount),
            l.amount(g.granted.amount),
            l.amount(g.rejected.amount),
            l.percent(g.success_by_amount()),
            count_rate,
            l.amount(g.own_share),
        ]
    };
    let mut rows: Vec<Vec<String>> = t.programmes.iter().map(|g| row(&g.source, g)).collect();
    if !rows.is_empty() {
        rows.push(row(total_word(l), &t.total));
    }
    FundingRows {
        header,
        rows,
        table: t,
    }
}

/// How to read the funding table.
pub fn funding_note(l: Lang) -> &'static str {
    l.pick(
        "Tilslag = innvilget ÷ avgjort (innvilget + avslått); søknader som ikke er avgjort, telles ikke. Egenandel = planlagt − innvilget for prosjektene med søknader hos kilden; summen teller hvert prosjekt én gang.",
        "Success = granted ÷ decided (granted + rejected); applications not yet decided do not count. Own share = planned − granted of the projects that applied there; the total counts each project once.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::figures::compute;
    use crate::model::load::parse;

    const FILE: &str = r#"(name: "T", organisation: "O", goals: [], projects: [
        (id: "P0", name: "n", unit: "Kultur", instrument: "EU-prosjekt", level: International,
         budget: (planned: 1000, funding: [
            (source: "Interreg", amount: 300), (source: "Interreg", amount: 100, status: Rejected)])),
        (id: "P1", name: "n", unit: "Kultur", instrument: "Nettverk", level: Regional,
         budget: (planned: 500, funding: [(source: "Erasmus+", amount: 50, status: Applied)])),
    ])"#;

    #[test]
    fn a_grid_has_every_level_a_total_column_and_a_total_row() {
        let p = parse(FILE).unwrap();
        let g = balance_grid(
            &p,
            &compute(&p),
            Dimension::Level,
            Dimension::Instrument,
            Lang::Nb,
            Amounts::Full,
        );
        assert_eq!(g.title, "Nivå × Virkemiddel");
        assert_eq!(g.cols, ["EU-prosjekt", "Nettverk", "I alt"]);
        let labels: Vec<&str> = g.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Lokalt",
                "Regionalt",
                "Nasjonalt",
                "Internasjonalt",
                "I alt"
            ]
        );
        let texts: Vec<Vec<&str>> = g
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(texts[0], ["–", "–", "–"]);
        assert_eq!(texts[1], ["–", "1 · 500", "1 · 500"]);
        assert_eq!(texts[3], ["1 · 1\u{a0}000", "–", "1 · 1\u{a0}000"]);
        assert_eq!(texts[4], ["1 · 1\u{a0}000", "1 · 500", "2 · 1\u{a0}500"]);
        assert!((g.rows[3].cells[0].share - 1000.0 / 1500.0).abs() < 1e-12);
        assert!(!g.note.contains("flere verdier"));
        // Short amounts for a page; a many-valued dimension says how it counts.
        let g = balance_grid(
            &p,
            &compute(&p),
            Dimension::Source,
            Dimension::Level,
            Lang::En,
            Amounts::Short,
        );
        let all = g.rows.last().expect("the total row");
        assert_eq!(all.cells.last().map(|c| c.text.as_str()), Some("2 · 1.5 k"));
        assert_eq!(
            g.note,
            "Each cell: number of projects · planned budget (NOK; k = thousand, M = million). A project with several values is counted in each; the totals count each project once."
        );
    }

    #[test]
    fn funding_rows_say_the_rate_and_its_counts() {
        let p = parse(FILE).unwrap();
        let f = funding_rows(&p, &compute(&p), Lang::En);
        let (header, rows) = (f.header, f.rows);
        assert_eq!(header.len(), 8);
        assert_eq!(f.table.programmes.len(), 2);
        assert_eq!(
            rows[1],
            [
                "Interreg",
                "1",
                "0",
                "300",
                "100",
                "75\u{a0}%",
                "50\u{a0}% (1 of 2)",
                "700"
            ]
        );
        assert_eq!(rows[0][5..7], ["–", "–"]);
        assert_eq!(rows[2][0], "Total");
        assert_eq!(rows[2][1], "2");
        assert_eq!(rows[2][7], "1,200");
    }
}
