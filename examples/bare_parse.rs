//! The baseline for `styr check`: read a file and parse it with serde + ron into the same
//! types, with the same options, and nothing else (no validation, no figures).
//!
//! ```text
//! cargo run --release --example bare_parse -- FILE
//! ```
//!
//! BENCHMARKS.md compares `styr check FILE` against this, process against process.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(file) = std::env::args().nth(1) else {
        eprintln!("usage: bare_parse FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("cannot read {file}: {e}");
            return ExitCode::from(1);
        }
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        eprintln!("{file}: not UTF-8");
        return ExitCode::from(1);
    };
    match styr::model::load::ron_options().from_str::<styr::model::Portfolio>(text) {
        Ok(p) => {
            println!("{file}: {} projects", p.projects.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{file}: {e}");
            ExitCode::from(2)
        }
    }
}
