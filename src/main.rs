//! The command line: check, report, export, or the interactive view.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use styr::app::App;
use styr::cli::{self, EXIT_REFUSED};
use styr::model::Date;
use styr::model::progress::{Progress, Stage};
use styr::text::Lang;
use styr::ui::{Theme, ThemeName};

#[derive(Parser, Clone)]
#[command(
    name = "styr",
    version,
    propagate_version = true,
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
    /// Colours: default, contrast (for projectors) or mono. NO_COLOR=1 gives mono.
    #[arg(long, value_parser = parse_theme)]
    theme: Option<ThemeName>,
    /// The meeting's date (YYYY-MM-DD); evaluations made in this session get it. Default: today.
    #[arg(long, value_parser = parse_date)]
    date: Option<Date>,
    /// Time meant for each project in triage, e.g. 3m or 90s (shown, never enforced).
    #[arg(long, value_parser = parse_timebox)]
    timebox: Option<std::time::Duration>,
    /// Who records what this meeting makes (the `by` of evaluations, follow-ups and
    /// changes). Default: the secretary in the file's record of the day, else the login name.
    #[arg(long)]
    by: Option<String>,
    /// How long the meeting is meant to take, e.g. 90m or 1h30m: the status line shows
    /// the meeting clock against it.
    #[arg(long, value_parser = parse_length)]
    length: Option<std::time::Duration>,
    /// Mark what moved since another version: a date (the file's last git commit on or
    /// before it), a file, or a git revision (HEAD~1). Default: the file as it was at the
    /// previous meeting, when it is in git.
    #[arg(long)]
    since: Option<String>,
    /// Follow along without changing anything: no edits, no save, no journal.
    #[arg(long)]
    read_only: bool,
    /// Clicks and the wheel (tabs, panes, rows, matrix cells, picker entries). Off by
    /// default, so the terminal's own text selection keeps working; `:mouse` toggles it.
    #[arg(long)]
    mouse: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Clone)]
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
        /// Only the projects with overdue follow-ups (open past their due date).
        #[arg(long)]
        overdue: bool,
        /// One self-contained HTML page with charts (no network; prints on A4).
        #[arg(long)]
        html: bool,
    },
    /// The minutes of one meeting (Markdown): who was there, each project dealt with in
    /// agenda order (scores, decision, note, every change of the day, follow-ups raised and
    /// done), all open follow-ups, and the projects not reviewed.
    Minutes {
        /// The portfolio file.
        file: String,
        /// The meeting's date (YYYY-MM-DD). Default: the latest meeting in the file (the
        /// latest date of an evaluation or a meeting record).
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
    },
    /// What changed between two versions of a portfolio (Markdown): OLD and NEW are files
    /// or git revisions of one (HEAD~3:plan.ron); with --since DATE, FILE against its last
    /// commit on or before that date.
    Diff {
        /// OLD NEW, or with --since only FILE.
        #[arg(required = true, num_args = 1..=2)]
        files: Vec<String>,
        /// Compare FILE with its last git commit on or before this date (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        since: Option<Date>,
    },
    /// Rewrite a file in the canonical layout (comments and hand layout go). Saving
    /// never does this; only this command, when asked.
    Fmt {
        /// The portfolio file.
        file: String,
        /// Change nothing; exit status 1 if the file would change.
        #[arg(long)]
        check: bool,
    },
    /// One row per project with its derived figures, for spreadsheets.
    Export {
        /// The portfolio file.
        file: String,
        /// Write CSV (RFC 4180) to stdout, the same in every language: the default.
        #[arg(long, default_value_t = true)]
        csv: bool,
        /// With --csv: the spreadsheet dialect of --lang (Norwegian: `;`, decimal commas,
        /// Norwegian headers and words, a byte-order mark), as Excel in that language reads it.
        #[arg(long)]
        excel: bool,
        /// Write an Excel workbook to this new file (sheets for projects, risks,
        /// evaluations, follow-ups and funding; headers in --lang).
        #[arg(long, value_name = "OUT.xlsx")]
        xlsx: Option<String>,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language `{s}`; use nb or en"))
}

fn parse_theme(s: &str) -> Result<ThemeName, String> {
    ThemeName::parse(s).ok_or_else(|| format!("unknown theme `{s}`; use default, contrast or mono"))
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("`{s}` is not a date; write YYYY-MM-DD"))
}

fn parse_timebox(s: &str) -> Result<std::time::Duration, String> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a duration; write e.g. 3m or 90s"))?;
    match unit {
        "" | "m" | "min" => Ok(std::time::Duration::from_secs(n * 60)),
        "s" => Ok(std::time::Duration::from_secs(n)),
        _ => Err(format!("`{s}` is not a duration; write e.g. 3m or 90s")),
    }
}

fn parse_length(s: &str) -> Result<std::time::Duration, String> {
    let bad = || format!("`{s}` is not a length; write e.g. 90m, 2h or 1h30m");
    let t = s.trim();
    let (hours, rest) = match t.split_once('h') {
        Some((h, rest)) => (h.parse::<u64>().map_err(|_| bad())?, rest),
        None => (0, t),
    };
    let minutes = match rest.trim_end_matches("min").trim_end_matches('m') {
        "" if hours > 0 => 0,
        m => m.parse::<u64>().map_err(|_| bad())?,
    };
    let total = hours * 60 + minutes;
    if total == 0 {
        return Err(bad());
    }
    Ok(std::time::Duration::from_secs(total * 60))
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            // clap quotes what was typed; it may hold escapes (`--date "$(cat f)"`).
            let text = e.render().to_string();
            let text = styr::sanitize::clean_keep_lines(&text);
            if e.use_stderr() {
                eprint!("{text}");
            } else {
                print!("{text}");
            }
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let lang = args.lang.unwrap_or_else(Lang::from_env);
    let code = match &args.command {
        Some(Command::Check { files }) => {
            let r = cli::check::check_in(files, lang);
            print_lines(&r.lines);
            if r.errors > 0 { EXIT_REFUSED } else { 0 }
        }
        Some(Command::Fmt { file, check }) => match cli::fmt::fmt(file, *check, lang) {
            Ok(cli::fmt::Formatted::Unchanged) => 0,
            Ok(cli::fmt::Formatted::Written) => {
                eprintln!(
                    "{}: {}",
                    styr::sanitize::clean(file),
                    lang.pick(
                        "skrevet om i standardoppsettet",
                        "rewritten in the canonical layout"
                    )
                );
                0
            }
            Ok(cli::fmt::Formatted::WouldChange) => {
                eprintln!(
                    "{}: {}",
                    styr::sanitize::clean(file),
                    lang.pick(
                        "ville blitt skrevet om (kjør `styr fmt` på den)",
                        "would be rewritten (run `styr fmt` on it)"
                    )
                );
                1
            }
            Err(messages) => {
                for m in messages {
                    eprintln!("{}", styr::sanitize::clean(&m));
                }
                EXIT_REFUSED
            }
        },
        Some(Command::Report {
            file,
            overdue,
            html,
        }) => with_portfolio(file, lang, |p| {
            if *html && *overdue {
                cli::html::report_html(&cli::report::only_overdue(p), lang)
            } else if *html {
                cli::html::report_html(p, lang)
            } else if *overdue {
                cli::report::report_overdue(p, lang)
            } else {
                cli::report::report(p, lang)
            }
        }),
        Some(Command::Minutes { file, date }) => {
            with_portfolio(file, lang, |p| cli::minutes::minutes(p, *date, lang))
        }
        Some(Command::Diff { files, since }) => diff(files, *since, lang),
        // Each output cleans the file's text itself, terminal or not: a piped file is
        // `cat` to a terminal later. The CSV is for machines: the same in every language
        // (only the warnings on stderr follow it).
        Some(Command::Export {
            file,
            xlsx: Some(out),
            ..
        }) => export_xlsx(file, out, lang),
        Some(Command::Export {
            file, excel: true, ..
        }) => with_portfolio(file, lang, |p| cli::export::export_csv_excel(p, lang)),
        Some(Command::Export { file, .. }) => with_portfolio(file, lang, cli::export::export_csv),
        None => interactive(&args, lang),
    };
    ExitCode::from(code as u8)
}

fn print_lines(lines: &[String]) {
    let mut out = std::io::stdout().lock();
    for l in lines {
        let _ = writeln!(out, "{l}");
    }
}

/// Load `file`, print its warnings (in `lang`) to stderr and `make(p)` to stdout; exit 2
/// if refused.
fn with_portfolio(
    file: &str,
    lang: Lang,
    make: impl FnOnce(&styr::model::Portfolio) -> String,
) -> i32 {
    match cli::open(file, lang) {
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

/// `styr export FILE --xlsx OUT`: the workbook, written to a new file (never over one).
fn export_xlsx(file: &str, out: &str, lang: Lang) -> i32 {
    let p = match cli::open(file, lang) {
        Ok((p, warnings)) => {
            for w in warnings {
                eprintln!("{w}");
            }
            p
        }
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            return EXIT_REFUSED;
        }
    };
    let shown = styr::sanitize::clean(out).into_owned();
    let bytes = match cli::xlsx::workbook(&p, lang) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "styr: {}: {e}",
                lang.pick(
                    "arbeidsboken kunne ikke lages",
                    "the workbook could not be made"
                )
            );
            return 1;
        }
    };
    match styr::store::atomic::write_new(std::path::Path::new(out), &bytes, None) {
        Ok(true) => {
            eprintln!("{shown}: {}", lang.pick("skrevet", "written"));
            0
        }
        Ok(false) => {
            eprintln!(
                "styr: {shown} {}",
                lang.pick(
                    "finnes allerede; velg et annet navn eller fjern den først",
                    "exists; choose another name or remove it first"
                )
            );
            EXIT_REFUSED
        }
        Err(e) => {
            eprintln!("styr: {shown}: {}", cli::io_message(&e).get(lang));
            EXIT_REFUSED
        }
    }
}

/// `styr diff`: read both sides (files or git revisions), load them, print the changes.
fn diff(files: &[String], since: Option<Date>, lang: Lang) -> i32 {
    let sides = match (since, files) {
        (Some(d), [file]) => cli::diff::read_since(file, d, lang)
            .and_then(|old| cli::diff::read_side(file, lang).map(|new| (old, new))),
        (None, [old, new]) => cli::diff::read_side(old, lang)
            .and_then(|o| cli::diff::read_side(new, lang).map(|n| (o, n))),
        (Some(_), _) => Err(lang
            .pick(
                "med --since gir du én fil: styr diff --since 2026-10-29 plan.ron",
                "with --since, give one file: styr diff --since 2026-10-29 plan.ron",
            )
            .into()),
        (None, _) => Err(lang
            .pick(
                "gi to versjoner: styr diff GAMMEL.ron NY.ron (eller HEAD~1:plan.ron plan.ron)",
                "give two versions: styr diff OLD.ron NEW.ron (or HEAD~1:plan.ron plan.ron)",
            )
            .into()),
    };
    let (old, new) = match sides {
        Ok(s) => s,
        Err(e) => {
            eprintln!("styr: {e}");
            return EXIT_REFUSED;
        }
    };
    let load = |side: &cli::diff::Side| match cli::load(&side.label, &side.bytes, lang) {
        Ok((p, _warnings)) => Some(p),
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            None
        }
    };
    let (Some(o), Some(n)) = (load(&old), load(&new)) else {
        return EXIT_REFUSED;
    };
    let text = cli::diff::diff(&o, &n, &old.label, &new.label, lang);
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    0
}

/// What `--since` compares with: the version named, or by default the file as it was at
/// the previous meeting (the last meeting or evaluation before this one), when git has
/// it. Only a version named and not found is an error.
fn since_view(args: &Args, app: &App) -> Result<Option<styr::app::since::SinceView>, String> {
    let Some(file) = args.file.as_deref() else {
        return Ok(None);
    };
    let side = match args.since.as_deref() {
        Some(spec) => Some(match Date::parse(spec) {
            Some(d) => cli::diff::read_since(file, d, app.lang)?,
            None if std::path::Path::new(spec).exists() || spec.contains(':') => {
                cli::diff::read_side(spec, app.lang)?
            }
            // A bare revision (HEAD~1): of this file.
            None => cli::diff::read_side(&format!("{spec}:{file}"), app.lang)?,
        }),
        None => {
            // A national portfolio is not read twice unasked.
            let small = std::fs::metadata(file).is_ok_and(|m| m.len() <= 8 << 20);
            let p = &app.portfolio;
            let previous = p
                .meetings
                .iter()
                .map(|m| m.date)
                .chain(
                    p.projects
                        .iter()
                        .flat_map(|pr| pr.evaluations.iter().map(|e| e.date)),
                )
                .filter(|&d| d < app.meeting_date)
                .max();
            match previous {
                Some(d) if small => cli::diff::read_since(file, d, app.lang).ok(),
                _ => None,
            }
        }
    };
    let Some(side) = side else {
        return Ok(None);
    };
    match cli::load(&side.label, &side.bytes, app.lang) {
        Ok((old, _)) => Ok(Some(styr::app::since::SinceView::new(
            side.label,
            &old,
            &app.portfolio,
        ))),
        Err(errors) if args.since.is_some() => Err(errors.join("\n")),
        Err(_) => Ok(None),
    }
}

/// What the interactive view starts from: the view over the file, and the file.
struct Opened {
    app: App,
    doc: Option<styr::store::Document>,
}

/// What failed, as the lines to print on stderr, and the exit status.
type Failed = (Vec<String>, i32);

/// Read and load the file (or the bundled example), counting in `progress`: the
/// portfolio, its label and the file.
fn load_file(
    args: &Args,
    lang: Lang,
    progress: &Progress,
) -> Result<
    (
        styr::model::Portfolio,
        String,
        Option<styr::store::Document>,
    ),
    Failed,
> {
    // The file is read once, through the store, so the fingerprint that guards saving
    // is of exactly the bytes that were loaded.
    Ok(match args.file.as_deref() {
        Some(f) => {
            progress.begin(Stage::File, 0);
            let (loaded, mut doc) =
                styr::store::open_with(f, |bytes| cli::load_counting(f, bytes, lang, progress))
                    .map_err(|e| {
                        let d = styr::model::Diagnostic::error(None, cli::io_message(&e));
                        (vec![d.render_in(f, lang)], EXIT_REFUSED)
                    })?;
            let (p, _warnings) = loaded.map_err(|errors| (errors, EXIT_REFUSED))?;
            progress.begin(Stage::Preparing, 0);
            // A save splices into this text; it need not parse it again.
            doc.set_base(styr::model::split::clone_on_every_core(&p));
            (p, f.to_string(), Some(doc))
        }
        None => match styr::model::parse(styr::EXAMPLE) {
            Ok(p) => (p, styr::EXAMPLE_NAME.to_string(), None),
            Err(d) => {
                return Err((vec![d.render_in(styr::EXAMPLE_NAME, lang)], EXIT_REFUSED));
            }
        },
    })
}

/// [`load_file`], and everything the view derives before its first frame.
fn open_view(args: &Args, lang: Lang, progress: &Progress) -> Result<Opened, Failed> {
    let (portfolio, label, doc) = load_file(args, lang, progress)?;
    let date = args
        .date
        .unwrap_or_else(|| Date(chrono::Local::now().date_naive()));
    let mut app = App::new(portfolio, label, lang, date);
    app.read_only = args.read_only;
    app.mouse = args.mouse;
    app.timebox = args.timebox;
    app.meeting_length = args.length;
    app.set_by(args.by.clone());
    match since_view(args, &app) {
        Ok(view) => app.since = view,
        Err(e) => return Err((vec![format!("styr: --since: {e}")], EXIT_REFUSED)),
    }
    if doc.is_none() {
        // The bundled example is saved under a name of the user's choosing.
        app.save_as_default = "lillestrom.ron".to_string();
    }
    Ok(Opened { app, doc })
}

/// The interactive view. On a terminal, the terminal is set up first and the file is
/// loaded on a thread of its own, so a large file's progress is on screen at once.
fn interactive(args: &Args, lang: Lang) -> i32 {
    let fail = |(lines, code): Failed| {
        for l in lines {
            eprintln!("{l}");
        }
        code
    };
    let terminal_error = |e: std::io::Error| {
        eprintln!(
            "styr: {}: {e}",
            lang.pick("feil i terminalen", "terminal error")
        );
        1
    };
    let progress = Arc::new(Progress::new());
    cli::progress::test_pace(&progress);
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        // What is wrong with the file comes first, as it would on a terminal.
        if let Err(failed) = load_file(args, lang, &progress) {
            return fail(failed);
        }
        eprintln!(
            "styr: {}",
            lang.pick(
                "den interaktive visningen trenger en terminal; for utdata til en fil eller et rør, bruk `styr report`, `styr export --csv` eller `styr check`",
                "the interactive view needs a terminal; for output to a file or pipe use `styr report`, `styr export --csv` or `styr check`"
            )
        );
        return EXIT_REFUSED;
    }
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = match (args.theme, no_color) {
        (Some(t), false) => t,
        (_, true) => ThemeName::Mono,
        (None, false) => ThemeName::Default,
    };
    let mut screen = match styr::term::Screen::open() {
        Ok(s) => s,
        Err(e) => {
            styr::term::restore();
            return terminal_error(e);
        }
    };
    let work = {
        let (args, progress) = (args.clone(), progress.clone());
        std::thread::spawn(move || open_view(&args, lang, &progress))
    };
    let file = args.file.as_deref().unwrap_or(styr::EXAMPLE_NAME);
    let name = std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.into(), |n| n.to_string_lossy());
    let name = styr::sanitize::clean(&name).into_owned();
    let opened = match screen.wait_for(work, &progress, &name, lang) {
        Ok(Some(Ok(opened))) => opened,
        Ok(Some(Err(failed))) => {
            styr::term::restore();
            return fail(failed);
        }
        // Left while it was loading.
        Ok(None) => {
            styr::term::restore();
            return 0;
        }
        Err(e) => {
            styr::term::restore();
            return terminal_error(e);
        }
    };
    progress.finish();
    let date = opened.app.meeting_date;
    let session = styr::session::Session::new(opened.doc, date)
        .with_progress(progress)
        .with_seat_name(args.by.clone());
    match screen.run(opened.app, Theme::new(theme), session) {
        Ok(()) => 0,
        Err(e) => terminal_error(e),
    }
}
