//! Outputs are inert: hostile text in every text field of a portfolio (terminal escapes,
//! OSC 52 and title sequences, C1 controls, DEL, NUL, tab, CR, bidi controls, and
//! spreadsheet formulas) reaches no output raw — not the CSV of `export`, the Markdown of
//! `report` and `minutes`, the messages of `check`, nor the warnings and errors on
//! stderr — whether or not stdout is a terminal (here it is a pipe). And no CSV cell
//! of text from the file starts a formula, while the program's own numbers stay numbers.
//!
//! The checks below are their own oracle: they do not call `styr::sanitize`.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};

use styr::model::save::to_ron;
use styr::model::{Goal, Portfolio, load_bytes, parse};

const SMALL: &str = include_str!("fixtures/small.ron");

/// What a spreadsheet takes for a formula, and what a terminal takes for a command.
const PREFIXES: [&str; 8] = [
    "=HYPERLINK(\"http://evil.example\",\"klikk\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "=1+1",
];
const BAD: &str = "\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[31m\u{0}\u{8}\t\r\u{b}\u{c}\
\u{7f}\u{80}\u{85}\u{9b}31m\u{9d}0;t\u{9c}\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\
\u{2066}\u{2067}\u{2068}\u{2069}\u{200e}\u{200f}\u{61c}";

/// A new hostile text each time: a formula start, every unsafe character, a `;` that
/// starts a cell in a semicolon locale, a line break — and a number, so ids stay unique.
struct Hostile(usize);

impl Hostile {
    fn next(&mut self) -> String {
        let i = self.0;
        self.0 += 1;
        format!("{}{BAD} #{i};=2+2\n-linje 2", PREFIXES[i % PREFIXES.len()])
    }
}

fn goals(gs: &mut [Goal], h: &mut Hostile, ids: &mut HashMap<String, String>) {
    for g in gs {
        let id = h.next();
        ids.insert(g.id.clone(), id.clone());
        g.id = id;
        g.title = h.next();
        g.description = Some(h.next());
        goals(&mut g.children, h, ids);
    }
}

/// tests/fixtures/small.ron with every text field replaced by hostile text; ids and the
/// references to them (project goals, score keys) replaced alike, so it still loads.
fn hostile_portfolio() -> Portfolio {
    let mut p = parse(SMALL).expect("small.ron parses");
    let h = &mut Hostile(0);
    p.name = h.next();
    p.organisation = h.next();
    p.currency = h.next();
    for l in &mut p.levels {
        *l = h.next();
    }
    let mut criteria = HashMap::new();
    for c in &mut p.criteria {
        let id = h.next();
        criteria.insert(c.id.clone(), id.clone());
        c.id = id;
        c.name = h.next();
        c.description = Some(h.next());
    }
    let mut goal_ids = HashMap::new();
    goals(&mut p.goals, h, &mut goal_ids);
    for pr in &mut p.projects {
        pr.id = h.next();
        pr.name = h.next();
        pr.owner = Some(h.next());
        pr.unit = Some(h.next());
        pr.instrument = Some(h.next());
        pr.goals = pr.goals.iter().map(|g| goal_ids[g].clone()).collect();
        pr.tags = vec![h.next(), h.next()];
        if let Some(b) = &mut pr.budget {
            for f in &mut b.funding {
                f.source = h.next();
            }
        }
        for r in &mut pr.results {
            r.name = h.next();
            r.unit = Some(h.next());
        }
        for r in &mut pr.risks {
            r.id = h.next();
            r.title = h.next();
            r.cause = Some(h.next());
            r.mitigation = Some(h.next());
            r.owner = Some(h.next());
        }
        for e in &mut pr.evaluations {
            e.scores = e
                .scores
                .iter()
                .map(|(k, v)| (criteria[k].clone(), *v))
                .collect();
            e.note = Some(h.next());
            e.by = Some(h.next());
        }
    }
    p
}

/// A folder with the hostile portfolio as `p.ron` (loads, with warnings), a broken one
/// as `broken.ron` (errors that quote hostile text), one with a hostile date as
/// `date.ron`, and the good one again under a hostile file name.
fn hostile_files() -> (tempfile::TempDir, Portfolio) {
    let p = hostile_portfolio();
    let text = to_ron(&p);
    let loaded = load_bytes(text.as_bytes());
    assert_eq!(loaded.errors(), 0, "{:#?}", loaded.diagnostics);
    assert_eq!(
        loaded.portfolio.as_ref(),
        Some(&p),
        "hostile text survives a round trip"
    );
    assert!(loaded.warnings() > 0, "some warnings quote hostile text");

    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("p.ron"), &text).expect("write");
    std::fs::write(dir.path().join(hostile_name()), &text).expect("write");
    let mut broken = p.clone();
    let h = &mut Hostile(10_000);
    broken.projects[0].goals.push(h.next());
    broken.projects[0].evaluations[0].scores.insert(h.next(), 9);
    std::fs::write(dir.path().join("broken.ron"), to_ron(&broken)).expect("write");
    let date = text.replacen("\"2026-03-12\"", "\"\\u{1b}]0;pwned\\u{7}\\u{9b}2J\"", 1);
    assert_ne!(date, text);
    std::fs::write(dir.path().join("date.ron"), date).expect("write");
    (dir, p)
}

fn hostile_name() -> String {
    "\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}\t.ron".to_string()
}

struct Out {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// Run styr in `dir` with stdout and stderr piped, as in `styr export f | cat`.
fn styr(dir: &Path, args: &[&str]) -> Out {
    let out = Command::new(env!("CARGO_BIN_EXE_styr"))
        .args(args)
        .current_dir(dir)
        .env("LC_ALL", "en_GB.UTF-8")
        .stdin(Stdio::null())
        .output()
        .expect("run styr");
    Out {
        code: out.status.code(),
        stdout: out.stdout,
        stderr: out.stderr,
    }
}

fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}'
        )
}

/// No control character but the line feed (and, with `crlf`, a CR right before one),
/// no DEL, no C1, no bidi control.
#[track_caller]
fn assert_inert(what: &str, bytes: &[u8], crlf: bool) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let allowed = match c {
            '\n' => true,
            '\r' => crlf && chars.get(i + 1) == Some(&'\n'),
            c => !forbidden(c),
        };
        if !allowed {
            let around: String = chars[i.saturating_sub(30)..(i + 30).min(chars.len())]
                .iter()
                .collect();
            panic!(
                "{what}: U+{:04X} reached the output at char {i}: {around:?}",
                c as u32
            );
        }
    }
}

/// RFC 4180 records: CRLF after every record, `"` quoting with doubled quotes.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut cell) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut cell)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR only before LF");
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("a bare LF ends a record: {cell:?}"),
            (false, c) => cell.push(c),
        }
    }
    assert!(
        !quoted && cell.is_empty() && record.is_empty(),
        "CRLF after the last record"
    );
    records
}

/// Does a spreadsheet take `s` for a formula?
fn formula(s: &str) -> bool {
    s.starts_with(['\t', '\r'])
        || s.trim_start()
            .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
}

const TEXT_COLUMNS: [&str; 7] = ["id", "name", "owner", "unit", "instrument", "goals", "tags"];

/// Every cell of text from the file is defused (also each part after a `;` or a line
/// break, where a semicolon locale starts a cell); any other cell that looks like a formula is a number.
#[track_caller]
fn assert_no_formula(records: &[Vec<String>]) {
    let header = &records[0];
    for row in &records[1..] {
        assert_eq!(row.len(), header.len(), "{row:?}");
        for (col, cell) in header.iter().zip(row) {
            assert!(!cell.contains('\r'), "{col}: CR inside a cell: {cell:?}");
            if TEXT_COLUMNS.contains(&col.as_str()) {
                for part in cell.split([';', '\n']) {
                    assert!(
                        !formula(part),
                        "{col}: {part:?} starts a formula in {cell:?}"
                    );
                }
            } else if formula(cell) {
                assert!(cell.parse::<f64>().is_ok(), "{col}: {cell:?} is no number");
            }
        }
    }
}

#[test]
fn export_is_inert_in_a_pipe() {
    let (dir, p) = hostile_files();
    let r = styr(dir.path(), &["export", "p.ron", "--csv"]);
    assert_eq!(r.code, Some(0));
    assert_inert("export stdout", &r.stdout, true);
    assert_inert("export stderr", &r.stderr, false);
    let csv = String::from_utf8(r.stdout).expect("UTF-8");
    let records = parse_csv(&csv);
    assert_eq!(records.len(), p.projects.len() + 1);
    assert_no_formula(&records);
    // The hostile text is there, made visible and defused, not dropped.
    for want in [
        "'=HYPERLINK(",
        "'+cmd|",
        "'-2+3",
        "'@SUM(1+1)",
        "' =1+1",
        "'␍=1+1",
        "␛]52;c;",
    ] {
        assert!(csv.contains(want), "{want:?} in\n{csv}");
    }
    assert!(csv.contains(";'=2+2\n'-linje 2"), "{csv}");
}

#[test]
fn the_programs_own_numbers_stay_numbers() {
    // Granted above planned: a negative own share, computed by styr, stays a number.
    let text = SMALL.replace(
        "Funding(source: \"Horizon Europe\", amount: 4_000_000",
        "Funding(source: \"Horizon Europe\", amount: 6_000_000",
    );
    assert_ne!(text, SMALL);
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("p.ron"), text).expect("write");
    let r = styr(dir.path(), &["export", "p.ron"]);
    assert_eq!(r.code, Some(0), "{}", String::from_utf8_lossy(&r.stderr));
    let records = parse_csv(std::str::from_utf8(&r.stdout).expect("UTF-8"));
    let col = |name: &str| records[0].iter().position(|c| c == name).expect(name);
    let row = &records[1];
    assert_eq!(row[col("id")], "T-01");
    assert_eq!(row[col("planned")], "5800000");
    assert_eq!(row[col("own_share")], "-200000");
    assert_eq!(row[col("burn")], "0.371");
    assert_eq!(row[col("start")], "2025-01-01");
    assert_no_formula(&records);
}

#[test]
fn report_and_minutes_are_inert() {
    let (dir, p) = hostile_files();
    let mut dates: Vec<String> = p
        .projects
        .iter()
        .flat_map(|pr| pr.evaluations.iter().map(|e| e.date.to_string()))
        .collect();
    dates.sort();
    dates.dedup();
    let mut runs: Vec<Vec<String>> = vec![
        vec![
            "report".into(),
            "p.ron".into(),
            "--lang".into(),
            "en".into(),
        ],
        vec![
            "report".into(),
            "p.ron".into(),
            "--lang".into(),
            "nb".into(),
        ],
        vec!["minutes".into(), "p.ron".into()],
    ];
    for d in dates {
        runs.push(vec!["minutes".into(), "p.ron".into(), "--date".into(), d]);
    }
    let mut all = String::new();
    for args in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = styr(dir.path(), &args);
        assert_eq!(r.code, Some(0), "{args:?}");
        assert_inert(&format!("{args:?} stdout"), &r.stdout, false);
        assert_inert(&format!("{args:?} stderr"), &r.stderr, false);
        all.push_str(&String::from_utf8_lossy(&r.stdout));
    }
    // Every project, note and recorder made it into some output, made visible.
    for pr in &p.projects {
        let tail = |s: &str| {
            s.split(" #")
                .nth(1)
                .unwrap_or("")
                .split(';')
                .next()
                .unwrap_or("")
                .to_string()
        };
        assert!(
            all.contains(&format!("#{};", tail(&pr.name))),
            "{}",
            pr.name
        );
        for e in &pr.evaluations {
            for s in [e.note.as_deref(), e.by.as_deref()].into_iter().flatten() {
                assert!(all.contains(&format!("#{};", tail(s))), "{s:?}");
            }
        }
    }
    assert!(all.contains("␛\\]0;pwned␇"), "{all}");
}

#[test]
fn check_and_errors_are_inert() {
    let (dir, _) = hostile_files();
    let name = hostile_name();
    let files = ["p.ron", "broken.ron", "date.ron", name.as_str()];
    let r = styr(dir.path(), &[&["check"][..], &files].concat());
    assert_eq!(r.code, Some(2));
    assert_inert("check stdout", &r.stdout, false);
    assert_inert("check stderr", &r.stderr, false);
    let out = String::from_utf8(r.stdout).expect("UTF-8");
    assert!(
        out.contains("broken.ron:") && out.contains("does not exist"),
        "{out}"
    );
    assert!(
        out.contains("date.ron:") && out.contains("not a date"),
        "{out}"
    );
    assert!(out.contains("␛]0;pwned␇\u{FFFD}2J\u{FFFD} .ron:"), "{out}");
    assert!(out.contains("warning:") && out.contains("␛[2J"), "{out}");

    // The same refusals and warnings on stderr from every other command and the view.
    for args in [
        &["report", "broken.ron"][..],
        &["export", "date.ron"],
        &["minutes", "broken.ron"],
        &["broken.ron"],
        &["date.ron"],
        &["report", name.as_str()],
        &[name.as_str()],
    ] {
        let r = styr(dir.path(), args);
        assert!(!r.stderr.is_empty(), "{args:?} says something");
        assert_inert(&format!("{args:?} stdout"), &r.stdout, false);
        assert_inert(&format!("{args:?} stderr"), &r.stderr, false);
    }
}
