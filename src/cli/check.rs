//! `styr check FILE...`: one line per finding, then a summary.

use crate::model::load_bytes;

use super::read;

/// The report for all files and whether any had an error.
pub struct CheckReport {
    pub lines: Vec<String>,
    pub errors: usize,
    pub warnings: usize,
}

pub fn check(paths: &[String]) -> CheckReport {
    let mut r = CheckReport {
        lines: Vec::new(),
        errors: 0,
        warnings: 0,
    };
    for path in paths {
        let diagnostics = match read(path) {
            Ok(bytes) => load_bytes(&bytes).diagnostics,
            Err(d) => vec![d],
        };
        for d in &diagnostics {
            if d.is_error() {
                r.errors += 1;
            } else {
                r.warnings += 1;
            }
            r.lines.push(d.render(path));
        }
        if diagnostics.iter().any(|d| d.is_error()) {
            r.lines.extend(super::interrupted_save(path));
        }
    }
    let files = match paths.len() {
        1 => "1 file".to_string(),
        n => format!("{n} files"),
    };
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    r.lines.push(format!(
        "checked {files}: {}, {}{}",
        plural(r.errors, "error"),
        plural(r.warnings, "warning"),
        if r.errors > 0 {
            " — refused"
        } else {
            " — ok"
        }
    ));
    r
}
