//! Write a generated portfolio of N projects to FILE (for benchmarks and the pty script).
//!
//! ```text
//! cargo run --release --example gen_portfolio -- 100000 target/perf/p100k.ron [--seed 7]
//! ```
//!
//! The same N and seed give the same file on every machine. See BENCHMARKS.md.

#[path = "../benches/common/portfolio_gen.rs"]
mod portfolio_gen;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_portfolio N FILE [--seed S]";
    let (Some(n), Some(file)) = (args.first(), args.get(1)) else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    let Ok(n) = n.replace('_', "").parse::<usize>() else {
        eprintln!("N must be a whole number; {usage}");
        return ExitCode::from(2);
    };
    let seed = match args.iter().position(|a| a == "--seed") {
        Some(i) => match args.get(i + 1).and_then(|s| s.parse::<u64>().ok()) {
            Some(s) => s,
            None => {
                eprintln!("--seed takes a whole number; {usage}");
                return ExitCode::from(2);
            }
        },
        None => 7,
    };
    let text = portfolio_gen::text(n, seed);
    if let Some(dir) = std::path::Path::new(file).parent()
        && !dir.as_os_str().is_empty()
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("cannot create {}: {e}", dir.display());
        return ExitCode::from(1);
    }
    if let Err(e) = std::fs::write(file, &text) {
        eprintln!("cannot write {file}: {e}");
        return ExitCode::from(1);
    }
    eprintln!("wrote {file}: {n} projects, {} bytes", text.len());
    ExitCode::SUCCESS
}
