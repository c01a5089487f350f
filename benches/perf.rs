//! Criterion benchmarks at 1,000, 10,000 and 100,000 projects (see BENCHMARKS.md).
//!
//! ```text
//! cargo bench --bench perf                          # all sizes (about 10 minutes)
//! STYR_BENCH_SIZES=1000,10000 cargo bench --bench perf
//! cargo bench --bench perf -- search                # one group
//! ```
//!
//! The portfolios are generated in memory (benches/common/portfolio_gen.rs, the same
//! generator as `examples/gen_portfolio.rs`) and written to a temporary folder for the
//! benchmarks that read a file. Nothing here runs under `cargo test`.

#[path = "common/portfolio_gen.rs"]
mod portfolio_gen;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use styr::app::update::update;
use styr::app::{Action, App, Pane, SortKey};
use styr::model::{Date, Portfolio};
use styr::text::Lang;
use styr::ui::{self, Theme, ThemeName};

const W: u16 = 120;
const H: u16 = 40;

fn sizes() -> Vec<usize> {
    std::env::var("STYR_BENCH_SIZES")
        .ok()
        .map(|s| {
            s.split(',')
                .filter_map(|n| n.trim().replace('_', "").parse().ok())
                .collect()
        })
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

/// One generated portfolio: its text, the file holding it, and the parsed portfolio.
struct Case {
    n: usize,
    text: String,
    file: PathBuf,
    portfolio: Portfolio,
}

fn cases(dir: &Path) -> Vec<Case> {
    sizes()
        .into_iter()
        .map(|n| {
            let text = portfolio_gen::text(n, 7);
            let file = dir.join(format!("p{n}.ron"));
            std::fs::write(&file, &text).expect("the temporary folder is writable");
            let loaded = styr::model::load_str(&text);
            assert_eq!(loaded.errors(), 0, "the generated file loads");
            let portfolio = loaded.portfolio.expect("no errors, so a portfolio");
            Case {
                n,
                text,
                file,
                portfolio,
            }
        })
        .collect()
}

fn meeting_date() -> Date {
    Date::parse("2026-11-26").expect("a valid date")
}

fn new_app(p: &Portfolio) -> App {
    let mut app = App::new(p.clone(), "bench.ron".into(), Lang::Nb, meeting_date());
    update(&mut app, Action::Resize(W, H));
    app
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(W, H)).expect("the test backend never fails")
}

fn draw(t: &mut Terminal<TestBackend>, app: &App, theme: &Theme) {
    t.draw(|f| ui::draw(f, app, theme))
        .expect("the test backend never fails");
}

/// Fewer samples for the big sizes: a 100k load takes seconds.
fn tune(g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, n: usize) {
    if n >= 100_000 {
        g.sample_size(10)
            .sampling_mode(criterion::SamplingMode::Flat)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(4));
    } else if n >= 10_000 {
        g.sample_size(20)
            .sampling_mode(criterion::SamplingMode::Flat)
            .measurement_time(Duration::from_secs(4));
    } else {
        g.sample_size(50).measurement_time(Duration::from_secs(3));
    }
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let cases = cases(dir.path());
    let theme = Theme::new(ThemeName::Default);

    // Load: the bare serde + ron parse against `styr check` (read, parse, validate,
    // place the findings) on the same file, side by side.
    for case in &cases {
        let mut g = c.benchmark_group(format!("load/{}", case.n));
        tune(&mut g, case.n);
        g.bench_function("bare_parse", |b| {
            b.iter(|| {
                let bytes = std::fs::read(&case.file).expect("readable");
                let text = std::str::from_utf8(&bytes).expect("UTF-8");
                let p: Portfolio = styr::model::load::ron_options()
                    .from_str(text)
                    .expect("parses");
                black_box(p.projects.len())
            })
        });
        let path = case.file.to_string_lossy().into_owned();
        g.bench_function("check", |b| {
            b.iter(|| black_box(styr::cli::check::check(std::slice::from_ref(&path)).errors))
        });
        g.bench_function("load_and_validate", |b| {
            b.iter(|| black_box(styr::model::load_str(&case.text).warnings()))
        });
        g.finish();
    }

    // Derived figures, and everything App::new derives (figures, goal rows, sort order,
    // risk register, search index).
    for case in &cases {
        let mut g = c.benchmark_group(format!("derive/{}", case.n));
        tune(&mut g, case.n);
        g.bench_function("figures", |b| {
            b.iter(|| {
                black_box(
                    styr::model::figures::compute(&case.portfolio)
                        .projects
                        .len(),
                )
            })
        });
        g.bench_function("app_new", |b| {
            b.iter_batched(
                || case.portfolio.clone(),
                |p| black_box(App::new(p, "bench.ron".into(), Lang::Nb, meeting_date())),
                criterion::BatchSize::PerIteration,
            )
        });
        g.bench_function("sort_by_name", |b| {
            let mut app = new_app(&case.portfolio);
            b.iter(|| {
                // Name ascending, then back to health: two full re-sorts per iteration.
                update(&mut app, Action::Sort(SortKey::Name));
                update(&mut app, Action::Sort(SortKey::Health));
                black_box(app.visible.len())
            })
        });
        g.finish();
    }

    // One frame of each pane, zoomed, and of the four-pane grid, at 120×40.
    for case in &cases {
        let mut g = c.benchmark_group(format!("draw/{}", case.n));
        tune(&mut g, case.n);
        let mut app = new_app(&case.portfolio);
        let frames: [(&str, Option<Pane>, bool); 6] = [
            ("grid", None, false),
            ("goals", Some(Pane::Goals), false),
            ("projects", Some(Pane::Projects), false),
            ("detail", Some(Pane::Projects), true),
            ("risks", Some(Pane::Risks), false),
            ("evaluation", Some(Pane::Evaluation), false),
        ];
        for (name, pane, detail) in frames {
            app.zoom = pane.is_some();
            app.pane = pane.unwrap_or(Pane::Projects);
            app.detail = detail;
            g.bench_function(name, |b| {
                b.iter(|| {
                    // A fresh terminal: the whole frame is drawn and diffed.
                    let mut t = terminal();
                    draw(&mut t, &app, &theme);
                    black_box(t.backend().buffer().area)
                })
            });
        }
        app.zoom = false;
        app.detail = false;
        app.pane = Pane::Projects;
        update(&mut app, Action::StartTriage);
        if app.triage.is_some() {
            g.bench_function("triage", |b| {
                b.iter(|| {
                    let mut t = terminal();
                    draw(&mut t, &app, &theme);
                    black_box(t.backend().buffer().area)
                })
            });
        }
        g.finish();
    }

    // One row move in the project list: action, update, draw (diffed against the frame
    // before, as in the terminal).
    for case in &cases {
        let mut g = c.benchmark_group(format!("row_move/{}", case.n));
        tune(&mut g, case.n);
        let mut app = new_app(&case.portfolio);
        let mut t = terminal();
        draw(&mut t, &app, &theme);
        let mut down = true;
        g.bench_function("j_or_k", |b| {
            b.iter(|| {
                update(&mut app, if down { Action::Down } else { Action::Up });
                down = !down;
                draw(&mut t, &app, &theme);
                black_box(app.project_cursor)
            })
        });
        g.finish();
    }

    // One edit: a score (pane 4 scoring, the digit's action) and a decision (the
    // picker's digit), each through `update` and a diffed draw of the grid at 120x40.
    // Each against the same edit with `App::recompute_all` (every figure, order and
    // list made again, as before #18): "before" and "after" from one run.
    for case in &cases {
        let mut g = c.benchmark_group(format!("edit/{}", case.n));
        tune(&mut g, case.n);
        for (name, all) in [
            ("score", false),
            ("score_recompute_all", true),
            ("decision", false),
            ("decision_recompute_all", true),
            ("score_sorted_by_score", false),
            ("score_sorted_by_score_recompute_all", true),
        ] {
            let mut app = new_app(&case.portfolio);
            app.recompute_all = all;
            if name.contains("sorted_by_score") {
                // The edited project moves in the list.
                update(&mut app, Action::Sort(SortKey::Score));
            }
            update(&mut app, Action::Focus(Pane::Evaluation));
            let scoring = name.starts_with("score");
            if scoring {
                update(&mut app, Action::StartScoring);
            }
            let mut t = terminal();
            draw(&mut t, &app, &theme);
            let mut round = 0usize;
            g.bench_function(name, |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        // Untimed: a bounded history, the journal entries the session
                        // would take, the first criterion, the picker open.
                        if app.history.len() > 64 {
                            app.history.clear();
                        }
                        app.effects.clear();
                        round += 1;
                        let action = if scoring {
                            app.criterion_cursor = 0;
                            Action::Score(3 + (round % 2) as i64)
                        } else {
                            update(&mut app, Action::OpenDecisionPicker);
                            draw(&mut t, &app, &theme);
                            Action::Pick(round % 2)
                        };
                        let steps = app.history.len();
                        let start = Instant::now();
                        update(&mut app, action);
                        draw(&mut t, &app, &theme);
                        total += start.elapsed();
                        assert_eq!(app.history.len(), steps + 1, "{name}: an edit each time");
                    }
                    black_box(app.unsaved);
                    total
                })
            });
        }
        g.finish();
    }

    // One search keystroke: with `/` open and the query one letter short (its search
    // done, as when typing), type the next letter: update (search) and draw.
    for case in &cases {
        let mut g = c.benchmark_group(format!("search/{}", case.n));
        tune(&mut g, case.n);
        let word = "klima";
        let mut app = new_app(&case.portfolio);
        for len in 1..=word.len() {
            let (before, typed) = (&word[..len - 1], &word[len - 1..len]);
            g.bench_function(BenchmarkId::from_parameter(&word[..len]), |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        // Untimed: back to no search, with no kept searches, then `/` and
                        // the letters before (each searched, as when typing).
                        update(&mut app, Action::TextCancel);
                        app.view_cache.clear();
                        app.refilter();
                        let mut cache = std::mem::take(&mut app.view_cache);
                        cache.warm(&app);
                        app.view_cache = cache;
                        let mut t = terminal();
                        update(&mut app, Action::StartSearch);
                        for ch in before.chars() {
                            update(&mut app, Action::TextInput(ch));
                        }
                        draw(&mut t, &app, &theme);
                        let ch = typed.chars().next().unwrap_or('k');
                        let start = Instant::now();
                        update(&mut app, Action::TextInput(ch));
                        draw(&mut t, &app, &theme);
                        total += start.elapsed();
                        black_box(app.visible.len());
                    }
                    total
                })
            });
        }
        g.finish();
    }

    // Save: the stable text and the safe write (temporary file, sync, rename).
    for case in &cases {
        let mut g = c.benchmark_group(format!("save/{}", case.n));
        tune(&mut g, case.n);
        g.bench_function("to_ron", |b| {
            b.iter(|| black_box(styr::model::save::to_ron(&case.portfolio).len()))
        });
        let file = dir.path().join(format!("save{}.ron", case.n));
        std::fs::write(&file, &case.text).expect("writable");
        let (_, mut doc) = styr::store::open(&file).expect("opens");
        doc.set_base(case.portfolio.clone());
        g.bench_function("store_save_unchanged", |b| {
            b.iter(|| black_box(styr::store::save(&mut doc, &case.portfolio).is_ok()))
        });
        // One edit, saved as the session saves it (the history says which project it
        // touched): the splice, its check, the safe write. Each round flips the first
        // project's health, so every save writes.
        let mut edited = case.portfolio.clone();
        let mut red = false;
        g.bench_function("store_save_one_edit", |b| {
            b.iter(|| {
                red = !red;
                edited.projects[0].health = Some(if red {
                    styr::model::Health::Red
                } else {
                    styr::model::Health::Green
                });
                black_box(styr::store::save_touched(&mut doc, &edited, Some(&[0])).is_ok())
            })
        });
        g.finish();
    }
}

criterion_group!(perf, benches);
criterion_main!(perf);
