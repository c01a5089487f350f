//! `styr export FILE --xlsx OUT.xlsx`: a workbook for finance staff, with rust_xlsxwriter.
//! Sheets for projects (with the derived figures, the latest decision and note), risks,
//! evaluations (one row per score), follow-ups and funding; real numbers and dates, amounts
//! in the currency's format, headers frozen and filtered, column widths set, headers in
//! `--lang`.
//!
//! Text from the file is written as string cells, which a spreadsheet never evaluates, so
//! a name like `=HYPERLINK(…)` stays text; it is also cleaned of control and bidi
//! characters, as in every output.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::model::figures::{compute, score_total};
use crate::model::{Date, Portfolio};
use crate::text::Lang;

/// One cell.
enum C {
    Text(String),
    Amount(i64),
    Number(f64),
    Ratio(f64),
    Date(Date),
    Int(i64),
    Empty,
}

fn text(s: &str) -> C {
    C::Text(crate::sanitize::clean_keep_lines(s).into_owned())
}

fn opt(s: &Option<String>) -> C {
    s.as_deref().map_or(C::Empty, text)
}

fn date(d: Option<Date>) -> C {
    d.map_or(C::Empty, C::Date)
}

struct Formats {
    header: Format,
    amount: Format,
    ratio: Format,
    date: Format,
    number: Format,
}

/// Write one sheet: headers in the language, then the rows.
fn sheet(
    ws: &mut Worksheet,
    name: &str,
    headers: &[(&'static str, &'static str)],
    rows: &[Vec<C>],
    l: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let mut widths: Vec<usize> = headers
        .iter()
        .map(|h| l.pick(h.0, h.1).chars().count())
        .collect();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, l.pick(h.0, h.1), &f.header)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            let w = match cell {
                C::Text(s) => {
                    ws.write_string(r, col, s)?;
                    s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
                }
                C::Amount(v) => {
                    ws.write_number_with_format(r, col, *v as f64, &f.amount)?;
                    14
                }
                C::Number(v) => {
                    ws.write_number_with_format(r, col, *v, &f.number)?;
                    8
                }
                C::Ratio(v) => {
                    ws.write_number_with_format(r, col, *v, &f.ratio)?;
                    7
                }
                C::Date(d) => {
                    let x = ExcelDateTime::parse_from_str(&d.to_string())?;
                    ws.write_datetime_with_format(r, col, &x, &f.date)?;
                    10
                }
                C::Int(v) => {
                    ws.write_number(r, col, *v as f64)?;
                    4
                }
                C::Empty => 0,
            };
            if let Some(m) = widths.get_mut(c) {
                *m = (*m).max(w);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).clamp(6, 50) as f64 + 2.0)?;
    }
    ws.set_freeze_panes(1, 0)?;
    if !headers.is_empty() {
        ws.autofilter(0, 0, rows.len() as u32, headers.len() as u16 - 1)?;
    }
    Ok(())
}

/// The workbook's bytes.
pub fn workbook(p: &Portfolio, l: Lang) -> Result<Vec<u8>, XlsxError> {
    let fig = compute(p);
    let cur = p.currency.replace('"', "");
    let f = Formats {
        header: Format::new().set_bold(),
        amount: Format::new().set_num_format(format!("#,##0 \"{cur}\"")),
        ratio: Format::new().set_num_format("0%"),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        number: Format::new().set_num_format("0.0"),
    };
    let mut wb = Workbook::new();

    // Projects, with their figures.
    let rows: Vec<Vec<C>> = p
        .projects
        .iter()
        .zip(&fig.projects)
        .map(|(pr, pf)| {
            let b = pf.budget;
            let last = pr.evaluations.iter().max_by_key(|e| e.date);
            vec![
                text(&pr.id),
                text(&pr.name),
                opt(&pr.owner),
                opt(&pr.unit),
                opt(&pr.instrument),
                pr.level.map_or(C::Empty, |v| C::Text(l.level(v).into())),
                C::Text(l.status(pr.status).into()),
                C::Text(l.health(pr.health).into()),
                date(pr.start),
                date(pr.end),
                text(&pr.goals.join(", ")),
                b.map_or(C::Empty, |b| C::Amount(b.planned)),
                b.map_or(C::Empty, |b| C::Amount(b.spent)),
                b.map_or(C::Empty, |b| C::Amount(b.granted)),
                b.map_or(C::Empty, |b| C::Amount(b.own_share)),
                b.and_then(|b| b.burn).map_or(C::Empty, C::Ratio),
                pf.elapsed.map_or(C::Empty, C::Ratio),
                pf.achievement.map_or(C::Empty, C::Ratio),
                pf.latest_total.map_or(C::Empty, |t| C::Number(t.value)),
                pf.latest_total
                    .map_or(C::Empty, |t| C::Int(t.scored as i64)),
                C::Int(pf.open_risks as i64),
                last.and_then(|e| e.decision)
                    .map_or(C::Empty, |d| C::Text(l.decision(d).into())),
                last.and_then(|e| e.note.as_deref()).map_or(C::Empty, text),
            ]
        })
        .collect();
    sheet(
        wb.add_worksheet(),
        l.pick("Prosjekter", "Projects"),
        &[
            ("Id", "Id"),
            ("Navn", "Name"),
            ("Ansvarlig", "Owner"),
            ("Enhet", "Unit"),
            ("Virkemiddel", "Instrument"),
            ("Nivå", "Level"),
            ("Status", "Status"),
            ("Helse", "Health"),
            ("Start", "Start"),
            ("Slutt", "End"),
            ("Mål", "Goals"),
            ("Planlagt", "Planned"),
            ("Brukt", "Spent"),
            ("Innvilget", "Granted"),
            ("Egen andel", "Own share"),
            ("Forbruk", "Burn"),
            ("Tid gått", "Time elapsed"),
            ("Resultatoppnåelse", "Results achievement"),
            ("Vektet sum", "Weighted total"),
            ("Kriterier vurdert", "Criteria scored"),
            ("Åpne risikoer", "Open risks"),
            ("Siste vedtak", "Latest decision"),
            ("Siste notat", "Latest note"),
        ],
        &rows,
        l,
        &f,
    )?;

    // Risks.
    let rows: Vec<Vec<C>> = p
        .projects
        .iter()
        .flat_map(|pr| {
            pr.risks.iter().map(move |r| {
                vec![
                    text(&pr.id),
                    text(&r.id),
                    text(&r.title),
                    C::Int(r.probability),
                    C::Int(r.consequence),
                    C::Int(r.probability * r.consequence),
                    C::Text(l.risk_status(r.status).into()),
                    opt(&r.owner),
                    opt(&r.mitigation),
                ]
            })
        })
        .collect();
    sheet(
        wb.add_worksheet(),
        l.pick("Risikoer", "Risks"),
        &[
            ("Prosjekt", "Project"),
            ("Risiko", "Risk"),
            ("Tittel", "Title"),
            ("Sannsynlighet", "Probability"),
            ("Konsekvens", "Consequence"),
            ("Score", "Score"),
            ("Status", "Status"),
            ("Ansvarlig", "Owner"),
            ("Tiltak", "Mitigation"),
        ],
        &rows,
        l,
        &f,
    )?;

    // Evaluations: one row per score.
    let mut rows: Vec<Vec<C>> = Vec::new();
    for pr in &p.projects {
        for e in &pr.evaluations {
            let total = score_total(e, &p.criteria).map(|t| t.value);
            for (criterion, s) in &e.scores {
                let name = p
                    .criteria
                    .iter()
                    .find(|c| &c.id == criterion)
                    .map_or(criterion.as_str(), |c| c.name.as_str());
                rows.push(vec![
                    text(&pr.id),
                    C::Date(e.date),
                    text(name),
                    C::Int(*s),
                    total.map_or(C::Empty, C::Number),
                    e.decision
                        .map_or(C::Empty, |d| C::Text(l.decision(d).into())),
                    opt(&e.by),
                ]);
            }
        }
    }
    sheet(
        wb.add_worksheet(),
        l.pick("Evalueringer", "Evaluations"),
        &[
            ("Prosjekt", "Project"),
            ("Dato", "Date"),
            ("Kriterium", "Criterion"),
            ("Score", "Score"),
            ("Vektet sum", "Weighted total"),
            ("Vedtak", "Decision"),
            ("Ført av", "Recorded by"),
        ],
        &rows,
        l,
        &f,
    )?;

    // Follow-ups.
    let rows: Vec<Vec<C>> = p
        .projects
        .iter()
        .flat_map(|pr| {
            pr.follow_ups.iter().map(move |fu| {
                vec![
                    text(&pr.id),
                    text(&fu.text),
                    opt(&fu.owner),
                    date(fu.due),
                    C::Date(fu.raised),
                    date(fu.done),
                ]
            })
        })
        .collect();
    sheet(
        wb.add_worksheet(),
        l.pick("Oppfølging", "Follow-ups"),
        &[
            ("Prosjekt", "Project"),
            ("Hva", "What"),
            ("Ansvarlig", "Owner"),
            ("Frist", "Due"),
            ("Reist", "Raised"),
            ("Utført", "Done"),
        ],
        &rows,
        l,
        &f,
    )?;

    // Funding.
    let rows: Vec<Vec<C>> = p
        .projects
        .iter()
        .flat_map(|pr| {
            pr.budget.iter().flat_map(move |b| {
                b.funding.iter().map(move |fu| {
                    vec![
                        text(&pr.id),
                        text(&fu.source),
                        C::Amount(fu.amount),
                        C::Text(l.funding_status(fu.status).into()),
                    ]
                })
            })
        })
        .collect();
    sheet(
        wb.add_worksheet(),
        l.pick("Finansiering", "Funding"),
        &[
            ("Prosjekt", "Project"),
            ("Kilde", "Source"),
            ("Beløp", "Amount"),
            ("Status", "Status"),
        ],
        &rows,
        l,
        &f,
    )?;
    wb.save_to_buffer()
}
