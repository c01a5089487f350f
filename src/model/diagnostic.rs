//! Findings about a file: errors refuse it, warnings do not.

use std::fmt;

pub use super::locate::Pos;
pub use super::msg::Msg;
use crate::text::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding: what is wrong, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Where in the file; `None` when the finding has no place (an empty file, say).
    pub pos: Option<Pos>,
    /// In both languages; it reads as the English text (`d.message.contains(…)`).
    pub message: Msg,
}

impl Diagnostic {
    pub fn error(pos: Option<Pos>, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Error,
            pos,
            message,
        }
    }

    pub fn warning(pos: Option<Pos>, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            pos,
            message,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// [`Diagnostic::render_in`] English.
    pub fn render(&self, file: &str) -> String {
        self.render_in(file, Lang::En)
    }

    /// `FILE:LINE:COL: error: message` (or `FILE: …` with no place), in `lang`:
    /// `FILE:LINE:COL: feil: …`. The message is sanitised: it may quote the file.
    pub fn render_in(&self, file: &str, lang: Lang) -> String {
        let kind = match self.severity {
            Severity::Error => lang.pick("feil", "error"),
            Severity::Warning => lang.pick("advarsel", "warning"),
        };
        let msg = crate::sanitize::clean(self.message.get(lang));
        let file = crate::sanitize::clean(file);
        match self.pos {
            Some(p) => format!("{file}:{}:{}: {kind}: {msg}", p.line, p.col),
            None => format!("{file}: {kind}: {msg}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pos {
            Some(p) => write!(f, "{}:{}: {}", p.line, p.col, self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidate nearest to `word`, if it is near enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let len = lower.chars().count();
    candidates
        .into_iter()
        .filter_map(|c| {
            let limit = (c.chars().count() / 2).max(2);
            let c_lower = c.to_lowercase();
            // The distance is at least the difference in length: skip the quadratic
            // comparison when that alone rules `c` out (a megabyte-long typo, say).
            if len.abs_diff(c_lower.chars().count()) > limit {
                return None;
            }
            let d = edit_distance(&lower, &c_lower);
            (d <= limit).then_some((d, c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// `a`, `b` and `c` as "`a`, `b`, `c`".
pub fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_only() {
        let fields = ["health", "status", "owner"];
        assert_eq!(nearest("helth", fields), Some("health"));
        assert_eq!(nearest("Status", fields), Some("status"));
        assert_eq!(nearest("xyzzy_long", fields), None);
    }

    #[test]
    fn nearest_is_quick_on_a_huge_word() {
        // Ruled out by length alone; the edit distance would take seconds.
        let huge = "h".repeat(2_000_000);
        let start = std::time::Instant::now();
        assert_eq!(nearest(&huge, ["health", "status", "owner"]), None);
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
        assert_eq!(nearest("healthh", ["health"]), Some("health"));
    }

    #[test]
    fn render_places_and_cleans() {
        let d = Diagnostic::error(
            Some(Pos { line: 3, col: 7 }),
            Msg::new("bad \u{1b}[2J", "dårlig \u{1b}[2J"),
        );
        assert_eq!(d.render("a.ron"), "a.ron:3:7: error: bad ␛[2J");
        assert_eq!(
            d.render_in("a.ron", Lang::Nb),
            "a.ron:3:7: feil: dårlig ␛[2J"
        );
        let w = Diagnostic::warning(None, Msg::new("empty", "tom"));
        assert_eq!(w.render("a.ron"), "a.ron: warning: empty");
        assert_eq!(w.render_in("a.ron", Lang::Nb), "a.ron: advarsel: tom");
    }
}
