//! `styr check FILE...`: one line per finding, then a summary.

use crate::model::progress::Stage;
use crate::model::{Loaded, load_bytes_with};
use crate::text::{Lang, Noun};

use super::progress::Bar;
use super::read;

/// The report for all files and whether any had an error.
pub struct CheckReport {
    pub lines: Vec<String>,
    pub errors: usize,
    pub warnings: usize,
}

/// [`check_in`] English.
pub fn check(paths: &[String]) -> CheckReport {
    check_in(paths, Lang::En)
}

/// Every finding in every file, in `lang`, and the summary: "checked 1 file: 0 errors,
/// 2 warnings — ok" / "sjekket 1 fil: 0 feil, 2 advarsler — i orden".
pub fn check_in(paths: &[String], lang: Lang) -> CheckReport {
    let mut r = CheckReport {
        lines: Vec::new(),
        errors: 0,
        warnings: 0,
    };
    for path in paths {
        let bar = Bar::start(path, lang);
        bar.progress().begin(Stage::File, 0);
        let diagnostics = match read(path) {
            Ok(bytes) => {
                let Loaded {
                    portfolio,
                    diagnostics,
                } = load_bytes_with(&bytes, bar.progress());
                // Only the findings are needed: 100,000 projects take a tenth of a
                // second to free, which need not keep the user waiting.
                std::thread::spawn(move || drop(portfolio));
                diagnostics
            }
            Err(d) => vec![d],
        };
        drop(bar);
        for d in &diagnostics {
            if d.is_error() {
                r.errors += 1;
            } else {
                r.warnings += 1;
            }
            r.lines.push(d.render_in(path, lang));
        }
        if diagnostics.iter().any(|d| d.is_error()) {
            r.lines.extend(super::interrupted_save(path, lang));
        }
    }
    let count = |n: usize, noun| lang.count(n as i64, noun);
    r.lines.push(format!(
        "{} {}: {}, {}{}",
        lang.pick("sjekket", "checked"),
        count(paths.len(), Noun::FILE),
        count(r.errors, Noun::ERROR),
        count(r.warnings, Noun::WARNING),
        if r.errors > 0 {
            lang.pick(" — avvist", " — refused")
        } else {
            lang.pick(" — i orden", " — ok")
        }
    ));
    r
}
