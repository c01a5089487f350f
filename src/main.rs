//! The command line: check, report, export, or the interactive view.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use styr::cli::{self, EXIT_REFUSED};
use styr::text::Lang;

#[derive(Parser)]
#[command(
    name = "styr",
    version,
    about = "Portfolio review meetings in the terminal: goals, projects, risks and evaluation",
    long_about = "styr opens a portfolio file (RON, see docs/FORMAT-GUIDE.md) for a steering \
meeting. Without FILE it opens the bundled example portfolio (Lillestrøm kommune)."
)]
struct Args {
    /// The portfolio file to open (default: the bundled example).
    file: Option<String>,
    /// Language of the program's own text: nb (Norwegian bokmål) or en. Default: from the locale.
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Validate files: errors and warnings as FILE:LINE:COL; exit status 2 on any error.
    Check {
        /// One or more portfolio files.
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// The goal-achievement report for the politicians, as Markdown on stdout.
    Report {
        /// The portfolio file.
        file: String,
    },
    /// One row per project with its derived figures, for spreadsheets.
    Export {
        /// The portfolio file.
        file: String,
        /// Write CSV (RFC 4180). The only format for now, and the default.
        #[arg(long, default_value_t = true)]
        csv: bool,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language `{s}`; use nb or en"))
}

fn main() -> ExitCode {
    let args = Args::parse();
    let lang = args.lang.unwrap_or_else(Lang::from_env);
    let code = match args.command {
        Some(Command::Check { files }) => {
            let r = cli::check::check(&files);
            print_lines(&r.lines);
            if r.errors > 0 { EXIT_REFUSED } else { 0 }
        }
        Some(Command::Report { file }) => with_portfolio(&file, |p| cli::report::report(p, lang)),
        Some(Command::Export { file, .. }) => {
            with_portfolio(&file, |p| {
                let csv = cli::export::export_csv(p);
                if std::io::stdout().is_terminal() {
                    styr::sanitize::clean(&csv).replace('␍', "\r").replace('␊', "\n")
                } else {
                    csv
                }
            })
        }
        None => summary(args.file.as_deref(), lang),
    };
    ExitCode::from(code as u8)
}

fn print_lines(lines: &[String]) {
    let mut out = std::io::stdout().lock();
    for l in lines {
        let _ = writeln!(out, "{l}");
    }
}

/// Load `file`, print its warnings to stderr and `make(p)` to stdout; exit 2 if refused.
fn with_portfolio(file: &str, make: impl FnOnce(&styr::model::Portfolio) -> String) -> i32 {
    match cli::open(file) {
        Ok((p, warnings)) => {
            for w in warnings {
                eprintln!("{w}");
            }
            let _ = std::io::stdout().lock().write_all(make(&p).as_bytes());
            0
        }
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            EXIT_REFUSED
        }
    }
}

/// Until the interactive view lands: a short summary of the portfolio.
fn summary(file: Option<&str>, lang: Lang) -> i32 {
    let (p, name) = match file {
        Some(f) => match cli::open(f) {
            Ok((p, _)) => (p, f.to_string()),
            Err(errors) => {
                for e in errors {
                    eprintln!("{e}");
                }
                return EXIT_REFUSED;
            }
        },
        None => match styr::model::parse(styr::EXAMPLE) {
            Ok(p) => (p, styr::EXAMPLE_NAME.to_string()),
            Err(d) => {
                eprintln!("{}", d.render(styr::EXAMPLE_NAME));
                return EXIT_REFUSED;
            }
        },
    };
    let f = styr::model::figures::compute(&p);
    println!(
        "{}: {} — {} ({} {}, {} {})",
        styr::sanitize::clean(&name),
        styr::sanitize::clean(&p.name),
        styr::sanitize::clean(&p.organisation),
        p.projects.len(),
        lang.pick("prosjekter", "projects"),
        f.unserved_leaves.len(),
        lang.pick("mål uten tiltak", "goals without measures"),
    );
    0
}
