//! `styr export --xlsx`: the workbook read back (calamine) and compared cell by cell with
//! the portfolio's figures: real numbers and dates, headers in the language, text from
//! the file as text (never a formula).

use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};

use styr::model::figures::compute;
use styr::model::parse;

fn export(file: &str, lang: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xlsx");
    let status = Command::new(env!("CARGO_BIN_EXE_styr"))
        .args(["export", file, "--xlsx"])
        .arg(&out)
        .args(["--lang", lang])
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    (dir, out)
}

fn num(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

#[test]
fn the_projects_sheet_holds_the_figures_as_numbers() {
    let text = std::fs::read_to_string("data/hamar.ron").unwrap();
    let p = parse(&text).unwrap();
    let fig = compute(&p);
    let (_dir, out) = export("data/hamar.ron", "en");
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["Projects", "Risks", "Evaluations", "Follow-ups", "Funding"]
    );
    let r = wb.worksheet_range("Projects").unwrap();
    let header: Vec<String> = r
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (planned, spent, total, id, start) = (
        col("Planned"),
        col("Spent"),
        col("Weighted total"),
        col("Id"),
        col("Start"),
    );
    assert_eq!(r.height(), p.projects.len() + 1);
    for (row, (pr, pf)) in r.rows().skip(1).zip(p.projects.iter().zip(&fig.projects)) {
        assert_eq!(row[id].to_string(), pr.id);
        let b = pf.budget.unwrap();
        assert_eq!(num(&row[planned]), Some(b.planned as f64), "{}", pr.id);
        assert_eq!(num(&row[spent]), Some(b.spent as f64), "{}", pr.id);
        assert_eq!(
            num(&row[total]),
            pf.latest_total.map(|t| t.value),
            "{}",
            pr.id
        );
        if let Some(s) = pr.start {
            let Data::DateTime(d) = &row[start] else {
                panic!("{}: start is a date cell, not {:?}", pr.id, row[start]);
            };
            // Excel counts days from 1899-12-30.
            let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
            assert_eq!(d.as_f64(), (s.0 - epoch).num_days() as f64, "{}", pr.id);
        }
    }
    // One row per score in the evaluations sheet.
    let scores: usize = p
        .projects
        .iter()
        .flat_map(|pr| &pr.evaluations)
        .map(|e| e.scores.len())
        .sum();
    assert_eq!(
        wb.worksheet_range("Evaluations").unwrap().height(),
        scores + 1
    );
}

#[test]
fn headers_in_norwegian_and_formulas_from_the_file_stay_text() {
    let text = std::fs::read_to_string("tests/fixtures/small.ron")
        .unwrap()
        .replacen(
            "Klimavennlige formålsbygg",
            "=HYPERLINK(\\\"x\\\",\\\"y\\\")",
            1,
        );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.ron");
    std::fs::write(&file, text).unwrap();
    let (_d, out) = export(file.to_str().unwrap(), "nb");
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names()[0], "Prosjekter");
    let r = wb.worksheet_range("Prosjekter").unwrap();
    let header: Vec<String> = r
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(header.contains(&"Planlagt".to_string()), "{header:?}");
    let cell = r
        .rows()
        .skip(1)
        .map(|row| &row[1])
        .find(|c| c.to_string().contains("HYPERLINK"))
        .unwrap();
    assert!(matches!(cell, Data::String(_)), "{cell:?}");
    let formulas = wb.worksheet_formula("Prosjekter").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula"
    );
}

#[test]
fn the_projects_sheet_has_each_projects_level_in_words() {
    let p = parse(&std::fs::read_to_string("data/lillestrom.ron").unwrap()).unwrap();
    for (lang, l, sheet, name) in [
        ("nb", styr::text::Lang::Nb, "Prosjekter", "Nivå"),
        ("en", styr::text::Lang::En, "Projects", "Level"),
    ] {
        let (_dir, out) = export("data/lillestrom.ron", lang);
        let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
        let r = wb.worksheet_range(sheet).unwrap();
        let header: Vec<String> = r
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        let col = header.iter().position(|h| h == name).expect(name);
        assert_eq!(header[col - 1], l.pick("Virkemiddel", "Instrument"));
        for (row, pr) in r.rows().skip(1).zip(&p.projects) {
            assert_eq!(
                row[col].to_string(),
                l.level(pr.level.unwrap()),
                "{}",
                pr.id
            );
        }
    }
}

#[test]
fn an_existing_file_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xlsx");
    std::fs::write(&out, b"mine").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_styr"))
        .args(["export", "data/hamar.ron", "--xlsx"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&out).unwrap(), b"mine");
    assert!(String::from_utf8_lossy(&o.stderr).contains("exists"));
}

fn csv(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_styr"))
        .args(["export", "data/hamar.ron"])
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn csv_for_machines_is_one_in_every_language_and_excel_gets_its_dialect() {
    assert_eq!(
        csv(&["--csv", "--lang", "nb"]),
        csv(&["--csv", "--lang", "en"])
    );
    let nb = csv(&["--csv", "--excel", "--lang", "nb"]);
    assert!(
        nb.starts_with("\u{feff}Id;Navn;Ansvarlig;"),
        "{}",
        &nb[..60]
    );
    let ha01 = nb.lines().find(|l| l.starts_with("HA-01;")).unwrap();
    assert!(ha01.contains(";Aktiv;Gul;"), "{ha01}");
    assert!(ha01.contains(";1,107;"), "decimal comma: {ha01}");
    let en = csv(&["--csv", "--excel", "--lang", "en"]);
    assert!(en.starts_with("\u{feff}Id,Name,Owner,"));
    assert!(
        en.lines()
            .any(|l| l.starts_with("HA-01,") && l.contains(",1.107,"))
    );
}
