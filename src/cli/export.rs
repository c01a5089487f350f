//! `styr export FILE --csv`: one RFC 4180 row per project with its derived figures.
//!
//! The CSV is inert wherever it goes. Every cell is cleaned of control and bidi
//! characters ([`crate::sanitize::clean_keep_lines`]: a line feed inside a quoted cell
//! stays), so `styr export f | cat` cannot drive a terminal. And a cell of text from the
//! file — id, name, owner, unit, instrument, goals, tags — that a spreadsheet would take
//! for a formula gets a leading `'` ([`defuse`]). The program's own cells (status,
//! health, dates, amounts, ratios, scores, band, decision) are left as they are, so
//! spreadsheets still read the numbers, a negative one included.

use crate::model::Portfolio;
use crate::model::figures::{Band, compute};

/// The columns. `level` came last, after the others were in use, so that a sheet or
/// script that reads columns by position still finds them where they were.
pub const HEADER: [&str; 29] = [
    "id",
    "name",
    "owner",
    "unit",
    "instrument",
    "status",
    "health",
    "start",
    "end",
    "goals",
    "tags",
    "planned",
    "spent",
    "granted",
    "applied",
    "rejected",
    "own_share",
    "burn",
    "time_elapsed",
    "results_achievement",
    "latest_score",
    "previous_score",
    "top_risk_score",
    "top_risk_band",
    "open_risks",
    "last_decision",
    "criteria_scored",
    "criteria_total",
    "level",
];

/// A field quoted when it must be (comma, quote, CR or LF), quotes doubled.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Does a spreadsheet read `s` as a formula? It does when it starts with `=`, `+`, `-`
/// or `@` (OWASP "CSV Injection"; also after leading spaces, and in the full-width forms
/// some spreadsheets fold to these), or with a tab or carriage return.
fn starts_formula(s: &str) -> bool {
    if s.starts_with(['\t', '\r']) {
        return true;
    }
    // White space and the invisible format characters a spreadsheet may skip too.
    s.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
    })
    .starts_with([
        '=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
    ])
}

/// A text cell from the file, made inert for a spreadsheet: a `'` before it when it
/// would start a formula. The same before any part after a `;` or a line break: Excel
/// with a Norwegian (or other semicolon) locale opens a .csv split at semicolons, and
/// reads quotes only at the start of a field, so there each such part can start a cell.
pub fn defuse(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 1);
    let mut part_starts = true;
    for (i, c) in s.char_indices() {
        if part_starts && starts_formula(&s[i..]) {
            out.push('\'');
        }
        out.push(c);
        part_starts = matches!(c, ';' | '\n');
    }
    out
}

fn ratio(v: Option<f64>, decimals: usize) -> String {
    v.map(|v| format!("{v:.decimals$}")).unwrap_or_default()
}

/// The CSV text, CRLF line endings, header first. Amounts are plain integers and
/// ratios use a dot, so spreadsheets in any locale read them.
pub fn export_csv(p: &Portfolio) -> String {
    let mut out = String::new();
    write_rows(
        &mut out,
        ',',
        HEADER.iter().map(|s| s.to_string()).collect(),
    );
    for r in rows(p) {
        write_rows(&mut out, ',', r.into_iter().map(|c| c.plain()).collect());
    }
    out
}

/// `--csv --excel`: the spreadsheet dialect of the user's language. For Norwegian: `;`
/// between fields, decimal commas, Norwegian headers and words; for English: `,` and
/// dots. Both start with a byte-order mark, which Excel needs to read UTF-8.
pub fn export_csv_excel(p: &Portfolio, l: crate::text::Lang) -> String {
    let sep = l.pick(";", ",").chars().next().unwrap_or(',');
    let mut out = String::from("\u{feff}");
    write_rows(
        &mut out,
        sep,
        HEADER_WORDS
            .iter()
            .map(|h| l.pick(h.0, h.1).to_string())
            .collect(),
    );
    for r in rows(p) {
        write_rows(&mut out, sep, r.into_iter().map(|c| c.local(l)).collect());
    }
    out
}

/// The header in words, in the order of [`HEADER`].
const HEADER_WORDS: [(&str, &str); 29] = [
    ("Id", "Id"),
    ("Navn", "Name"),
    ("Ansvarlig", "Owner"),
    ("Enhet", "Unit"),
    ("Virkemiddel", "Instrument"),
    ("Status", "Status"),
    ("Helse", "Health"),
    ("Start", "Start"),
    ("Slutt", "End"),
    ("Mål", "Goals"),
    ("Stikkord", "Tags"),
    ("Planlagt", "Planned"),
    ("Brukt", "Spent"),
    ("Innvilget", "Granted"),
    ("Søkt", "Applied"),
    ("Avslått", "Rejected"),
    ("Egen andel", "Own share"),
    ("Forbruk", "Burn"),
    ("Tid gått", "Time elapsed"),
    ("Resultatoppnåelse", "Results achievement"),
    ("Siste score", "Latest score"),
    ("Forrige score", "Previous score"),
    ("Høyeste risiko", "Top risk score"),
    ("Risikonivå", "Top risk band"),
    ("Åpne risikoer", "Open risks"),
    ("Siste vedtak", "Last decision"),
    ("Kriterier vurdert", "Criteria scored"),
    ("Kriterier i alt", "Criteria total"),
    ("Nivå", "Level"),
];

/// One cell before it is written: the program's own values keep their kind, so each
/// dialect writes them its way.
enum Cell {
    /// Text from the file, already defused.
    Text(String),
    /// A value whose machine form is fixed (an enum name, a date, an integer), with its
    /// words for people when it has some.
    Word(String, Option<Box<dyn Fn(crate::text::Lang) -> String>>),
    /// A ratio or a score with its decimals.
    Decimal(Option<f64>, usize),
}

impl Cell {
    fn plain(self) -> String {
        match self {
            Cell::Text(s) | Cell::Word(s, _) => s,
            Cell::Decimal(v, d) => ratio(v, d),
        }
    }

    fn local(self, l: crate::text::Lang) -> String {
        match self {
            Cell::Text(s) | Cell::Word(s, None) => s,
            Cell::Word(s, Some(words)) if !s.is_empty() => words(l),
            Cell::Word(s, Some(_)) => s,
            Cell::Decimal(v, d) => {
                let s = ratio(v, d);
                if l.pick(",", ".") == "," {
                    s.replace('.', ",")
                } else {
                    s
                }
            }
        }
    }
}

fn write_rows(out: &mut String, sep: char, fields: Vec<String>) {
    let line: Vec<String> = fields
        .iter()
        .map(|f| field(&crate::sanitize::clean_keep_lines(f), sep))
        .collect();
    out.push_str(&line.join(&sep.to_string()));
    out.push_str("\r\n");
}

/// [`csv_field`] for a separator of choice.
fn field(s: &str, sep: char) -> String {
    if sep == ',' {
        return csv_field(s);
    }
    if s.contains([sep, '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Every project's cells, in the order of [`HEADER`].
fn rows(p: &Portfolio) -> Vec<Vec<Cell>> {
    use crate::text::Lang;
    let fig = compute(p);
    let mut out = Vec::new();
    for (pr, f) in p.projects.iter().zip(&fig.projects) {
        let opt = |s: &Option<String>| Cell::Text(s.as_deref().map(defuse).unwrap_or_default());
        let date = |d: Option<crate::model::Date>| {
            Cell::Word(d.map(|d| d.to_string()).unwrap_or_default(), None)
        };
        let amount =
            |v: Option<i64>| Cell::Word(v.map(|v| v.to_string()).unwrap_or_default(), None);
        let b = f.budget;
        let (status, health) = (pr.status, pr.health);
        let decision = pr.evaluations.last().and_then(|e| e.decision);
        let band = f.top_risk.map(|t| t.2);
        let level = pr.level;
        out.push(vec![
            Cell::Text(defuse(&pr.id)),
            Cell::Text(defuse(&pr.name)),
            opt(&pr.owner),
            opt(&pr.unit),
            opt(&pr.instrument),
            Cell::Word(
                format!("{status:?}"),
                Some(Box::new(move |l: Lang| l.status(status).to_string())),
            ),
            Cell::Word(
                health.map(|h| format!("{h:?}")).unwrap_or_default(),
                Some(Box::new(move |l: Lang| l.health(health).to_string())),
            ),
            date(pr.start),
            date(pr.end),
            Cell::Text(defuse(&pr.goals.join(";"))),
            Cell::Text(defuse(&pr.tags.join(";"))),
            amount(b.map(|b| b.planned)),
            amount(b.map(|b| b.spent)),
            amount(b.map(|b| b.granted)),
            amount(b.map(|b| b.applied)),
            amount(b.map(|b| b.rejected)),
            amount(b.map(|b| b.own_share)),
            Cell::Decimal(b.and_then(|b| b.burn), 3),
            Cell::Decimal(f.elapsed, 3),
            Cell::Decimal(f.achievement, 3),
            Cell::Decimal(f.latest_score, 2),
            Cell::Decimal(f.previous_score, 2),
            amount(f.top_risk.map(|t| t.1)),
            Cell::Word(
                band.map(|b| match b {
                    Band::Green => "Green",
                    Band::Amber => "Amber",
                    Band::Red => "Red",
                })
                .unwrap_or_default()
                .to_string(),
                Some(Box::new(move |l: Lang| {
                    band.map(|b| l.band(b)).unwrap_or("").to_string()
                })),
            ),
            amount(Some(f.open_risks as i64)),
            Cell::Word(
                decision.map(|d| format!("{d:?}")).unwrap_or_default(),
                Some(Box::new(move |l: Lang| {
                    decision.map(|d| l.decision(d)).unwrap_or("").to_string()
                })),
            ),
            // What latest_score was computed from: fewer scored than in total is a
            // partial score. Empty, like the score, without one.
            amount(f.latest_total.map(|t| t.scored as i64)),
            amount(f.latest_total.map(|t| t.of as i64)),
            Cell::Word(
                level.map(|v| format!("{v:?}")).unwrap_or_default(),
                Some(Box::new(move |l: Lang| {
                    level.map(|v| l.level(v)).unwrap_or("").to_string()
                })),
            ),
        ]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formulas_in_text_are_defused() {
        for (text, want) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(1+1)", "'@SUM(1+1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("  =1+1", "'  =1+1"),
            ("\u{FF1D}1+1", "'\u{FF1D}1+1"),
            ("\u{200B}=1+1", "'\u{200B}=1+1"),
            ("\u{FEFF}=1+1", "'\u{FEFF}=1+1"),
            ("EU;=1+1;-x", "EU;'=1+1;'-x"),
            ("two\n=lines;", "two\n'=lines;"),
            ("Grønn omstilling", "Grønn omstilling"),
            ("a=b, c-d", "a=b, c-d"),
            ("", ""),
        ] {
            assert_eq!(defuse(text), want, "{text:?}");
        }
    }
}
