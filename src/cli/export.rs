//! `styr export FILE --csv`: one RFC 4180 row per project with its derived figures.

use crate::model::Portfolio;
use crate::model::figures::{Band, compute};

pub const HEADER: [&str; 26] = [
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
];

/// A field quoted when it must be (comma, quote, CR or LF), quotes doubled.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn ratio(v: Option<f64>, decimals: usize) -> String {
    v.map(|v| format!("{v:.decimals$}")).unwrap_or_default()
}

/// The CSV text, CRLF line endings, header first. Amounts are plain integers and
/// ratios use a dot, so spreadsheets in any locale read them.
pub fn export_csv(p: &Portfolio) -> String {
    let fig = compute(p);
    let mut out = String::new();
    let mut row = |fields: Vec<String>| {
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    };
    row(HEADER.iter().map(|s| s.to_string()).collect());
    for (pr, f) in p.projects.iter().zip(&fig.projects) {
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        let date = |d: Option<crate::model::Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let amount = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        let b = f.budget;
        row(vec![
            pr.id.clone(),
            pr.name.clone(),
            opt(&pr.owner),
            opt(&pr.unit),
            opt(&pr.instrument),
            format!("{:?}", pr.status),
            pr.health.map(|h| format!("{h:?}")).unwrap_or_default(),
            date(pr.start),
            date(pr.end),
            pr.goals.join(";"),
            pr.tags.join(";"),
            amount(b.map(|b| b.planned)),
            amount(b.map(|b| b.spent)),
            amount(b.map(|b| b.granted)),
            amount(b.map(|b| b.applied)),
            amount(b.map(|b| b.rejected)),
            amount(b.map(|b| b.own_share)),
            ratio(b.and_then(|b| b.burn), 3),
            ratio(f.elapsed, 3),
            ratio(f.achievement, 3),
            ratio(f.latest_score, 2),
            ratio(f.previous_score, 2),
            f.top_risk.map(|t| t.1.to_string()).unwrap_or_default(),
            f.top_risk
                .map(|t| match t.2 {
                    Band::Green => "Green",
                    Band::Amber => "Amber",
                    Band::Red => "Red",
                })
                .unwrap_or_default()
                .to_string(),
            f.open_risks.to_string(),
            pr.evaluations
                .last()
                .and_then(|e| e.decision)
                .map(|d| format!("{d:?}"))
                .unwrap_or_default(),
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
}
