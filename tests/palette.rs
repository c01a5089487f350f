//! Issue 13, point 4 — the command palette (`:`) has every command and only those that
//! apply where the cursor is, each once and with its key; and it writes the command
//! line's outputs (minutes, report, export) beside the file as new files, never over one.

mod common;

use std::fs;

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use styr::app::keymap::{BINDINGS, applies, contexts_now};
use styr::app::output::Output;
use styr::app::palette::commands;
use styr::app::{Action, App, Overlay};
use styr::text::Lang;
use styr::ui::{self, Theme, ThemeName};

use common::keys::{app, press, typ};

fn render(a: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("the test backend");
    let theme = Theme::new(ThemeName::Default);
    t.draw(|f| ui::draw(f, a, &theme)).expect("drawn");
    t
}

/// The app in each place the palette can open: (what, keys pressed).
const PLACES: [(&str, &str); 7] = [
    ("projects", ""),
    ("goals", "1"),
    ("risks", "3"),
    ("evaluation", "4"),
    ("scoring", "4\r"),
    ("detail", "2\r"),
    ("triage", "t"),
];

fn at(lang: Lang, keys: &str) -> App {
    let mut a = app(lang);
    for k in keys.chars() {
        press(
            &mut a,
            if k == '\r' {
                KeyCode::Enter
            } else {
                KeyCode::Char(k)
            },
        );
    }
    a
}

/// The screen as text, the triage timer's "0:00" as "#:##" (it ticks).
fn shown(a: &App) -> String {
    let t = render(a, 80, 24);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..24 {
        let row: String = (0..80).map(|x| buf[(x, y)].symbol().to_string()).collect();
        let c: Vec<char> = row.chars().collect();
        let mut r = c.clone();
        for i in 0..c.len().saturating_sub(3) {
            if c[i].is_ascii_digit() && c[i + 1] == ':' && c[i + 2].is_ascii_digit() {
                r[i] = '#';
                r[i + 2] = '#';
                if c[i + 3].is_ascii_digit() {
                    r[i + 3] = '#';
                }
            }
        }
        out.extend(r);
        out.push('\n');
    }
    out
}

fn labels(a: &App) -> Vec<String> {
    commands(a).into_iter().map(|c| c.label).collect()
}

#[test]
fn snapshot_palette_outside_and_inside_triage() {
    let mut a = at(Lang::Nb, "1");
    press(&mut a, KeyCode::Char(':'));
    insta::assert_snapshot!("palette_goals_nb_80x24", render(&a, 80, 24).backend());
    let mut a = at(Lang::Nb, "t");
    press(&mut a, KeyCode::Char(':'));
    insta::assert_snapshot!("palette_triage_nb_80x24", shown(&a));
    let mut a = at(Lang::En, "t");
    press(&mut a, KeyCode::Char(':'));
    insta::assert_snapshot!("palette_triage_en_80x24", shown(&a));
}

#[test]
fn triage_commands_only_in_triage_and_each_command_once() {
    for lang in [Lang::Nb, Lang::En] {
        for (place, keys) in PLACES {
            let a = at(lang, keys);
            let cmds = commands(&a);
            let triage = a.triage.is_some();
            for c in &cmds {
                let is_triage = matches!(c.action, Action::TriageNext | Action::TriagePrev);
                assert_eq!(is_triage, triage && is_triage, "{place}: {}", c.label);
                assert_eq!(
                    cmds.iter().filter(|d| d.label == c.label).count(),
                    1,
                    "{lang:?} {place}: `{}` once",
                    c.label
                );
                assert_eq!(
                    cmds.iter().filter(|d| d.action == c.action).count(),
                    1,
                    "{lang:?} {place}: {:?} once",
                    c.action
                );
            }
            let next = lang.pick("neste prosjekt", "next project");
            assert!(
                cmds.iter().filter(|c| c.label == next).count() <= 1,
                "{place}"
            );
        }
    }
}

#[test]
fn every_command_applies_where_it_is_offered_and_shows_its_key() {
    let keyless = |a: Action| {
        matches!(
            a,
            Action::Sort(_)
                | Action::ClearFilters
                | Action::OpenSaveAs
                | Action::WriteOutput(_)
                | Action::ToggleMouse
        )
    };
    for (place, keys) in PLACES {
        let a = at(Lang::En, keys);
        let ctxs = contexts_now(&a);
        for c in commands(&a) {
            if keyless(c.action) {
                continue;
            }
            let b = BINDINGS
                .iter()
                .find(|b| b.action == c.action && ctxs.contains(&b.ctx) && applies(&ctxs, b))
                .unwrap_or_else(|| panic!("{place}: `{}` applies here", c.label));
            assert_eq!(c.keys, b.shown, "{place}: `{}` shows its key", c.label);
        }
        // And every binding that applies here is offered (but the digits' scores).
        for b in BINDINGS
            .iter()
            .filter(|b| ctxs.contains(&b.ctx) && applies(&ctxs, b))
        {
            if matches!(b.action, Action::Score(_)) {
                continue;
            }
            assert!(
                commands(&a).iter().any(|c| c.action == b.action),
                "{place}: `{} {}` is in the palette",
                b.shown,
                b.en
            );
        }
        // Nothing from a pane the cursor is not in: sorting is the project list's.
        if place != "projects" {
            assert!(
                !commands(&a).iter().any(|c| matches!(
                    c.action,
                    Action::CycleSort | Action::ReverseSort | Action::Sort(_)
                )),
                "{place}: no sorting"
            );
        }
    }
}

#[test]
fn the_palette_has_save_as_edit_meeting_and_the_outputs_everywhere() {
    for lang in [Lang::Nb, Lang::En] {
        for (place, keys) in PLACES {
            let a = at(lang, keys);
            let cmds = commands(&a);
            for action in [
                Action::OpenSaveAs,
                Action::EditInEditor,
                Action::OpenMeeting,
                Action::Save,
                Action::WriteOutput(Output::Minutes),
                Action::WriteOutput(Output::Report),
                Action::WriteOutput(Output::Export),
            ] {
                assert!(
                    cmds.iter().any(|c| c.action == action),
                    "{lang:?} {place}: {action:?} in {:?}",
                    labels(&a)
                );
            }
            let edit = cmds.iter().find(|c| c.action == Action::EditInEditor);
            assert_eq!(edit.map(|c| c.keys), Some("e"));
            let meeting = cmds.iter().find(|c| c.action == Action::OpenMeeting);
            assert_eq!(meeting.map(|c| c.keys), Some("M"));
        }
    }
}

#[test]
fn typing_finds_save_as_and_the_outputs_in_either_language() {
    for (lang, query, action) in [
        (Lang::En, "save as", Action::OpenSaveAs),
        (Lang::Nb, "lagre som", Action::OpenSaveAs),
        (Lang::En, "minutes", Action::WriteOutput(Output::Minutes)),
        (Lang::Nb, "minutes", Action::WriteOutput(Output::Minutes)),
        (Lang::Nb, "referat", Action::WriteOutput(Output::Minutes)),
        (Lang::Nb, "report", Action::WriteOutput(Output::Report)),
        (Lang::En, "csv", Action::WriteOutput(Output::Export)),
    ] {
        let mut a = app(lang);
        press(&mut a, KeyCode::Char(':'));
        typ(&mut a, query);
        let first = styr::app::update::palette_matches(&a, query)
            .first()
            .map(|c| c.action);
        assert_eq!(first, Some(action), "{lang:?} `{query}`");
    }
    // Save as from the palette asks for a name.
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char(':'));
    typ(&mut a, "save as");
    press(&mut a, KeyCode::Enter);
    assert!(matches!(a.overlay, Some(Overlay::SaveAs { .. })));
}

#[test]
fn sorting_is_offered_in_the_project_list_and_clearing_only_with_a_filter() {
    let sorts = |a: &App| {
        commands(a)
            .iter()
            .filter(|c| matches!(c.action, Action::Sort(_)))
            .count()
    };
    let clear = |a: &App| commands(a).iter().any(|c| c.action == Action::ClearFilters);
    let mut a = app(Lang::En);
    assert!(sorts(&a) > 0);
    assert!(!clear(&a));
    typ(&mut a, "f2");
    press(&mut a, KeyCode::Char('3')); // health Red
    assert!(clear(&a));
    press(&mut a, KeyCode::Char('3'));
    assert_eq!(sorts(&a), 0, "not in the risks pane");
}

// ---------------------------------------------------------------------------------------
// The outputs, written beside the file
// ---------------------------------------------------------------------------------------

const FIXTURE: &str = include_str!("fixtures/small.ron");

fn run(app: &mut App, s: &mut styr::session::Session, query: &str) {
    use common::session::{keys, press};
    keys(app, s, ":");
    keys(app, s, query);
    press(app, s, KeyCode::Enter);
}

#[test]
fn minutes_report_and_export_are_written_beside_the_file_never_over_one() {
    use common::session::{folder, names, open};
    let (dir, path) = folder(FIXTURE);
    let (mut app, mut s) = open(&path, false);
    let p = app.portfolio.clone();
    let date = app.meeting_date;

    run(&mut app, &mut s, "minutes");
    let first = dir.path().join("plan-minutes-2026-11-22.md");
    assert_eq!(
        fs::read_to_string(&first).unwrap(),
        styr::cli::minutes::minutes(&p, Some(date), Lang::En)
    );
    let msg = app.message.clone().unwrap_or_default();
    assert!(msg.contains("plan-minutes-2026-11-22.md"), "{msg}");
    assert!(
        !msg.contains(&dir.path().display().to_string()),
        "the file's name, not its folder: {msg}"
    );

    // Again: a new file, the first untouched.
    fs::write(&first, "kept").unwrap();
    run(&mut app, &mut s, "minutes");
    assert_eq!(fs::read_to_string(&first).unwrap(), "kept");
    let second = dir.path().join("plan-minutes-2026-11-22-2.md");
    assert!(second.exists(), "{:?}", names(dir.path()));

    // A link planted at the next name is not written through.
    #[cfg(unix)]
    {
        let target = dir.path().join("elsewhere.txt");
        fs::write(&target, "theirs").unwrap();
        std::os::unix::fs::symlink(&target, dir.path().join("plan-minutes-2026-11-22-3.md"))
            .unwrap();
        run(&mut app, &mut s, "minutes");
        assert_eq!(fs::read_to_string(&target).unwrap(), "theirs");
        assert!(dir.path().join("plan-minutes-2026-11-22-4.md").exists());
    }

    run(&mut app, &mut s, "report");
    assert_eq!(
        fs::read_to_string(dir.path().join("plan-report-2026-11-22.md")).unwrap(),
        styr::cli::report::report(&p, Lang::En)
    );
    run(&mut app, &mut s, "csv");
    assert_eq!(
        fs::read_to_string(dir.path().join("plan-export-2026-11-22.csv")).unwrap(),
        styr::cli::export::export_csv(&p)
    );
    // The portfolio itself is untouched.
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXTURE);
}

#[test]
fn read_only_writes_no_output_and_says_how_to_get_it() {
    use common::session::{folder, names, open};
    let (dir, path) = folder(FIXTURE);
    let before = names(dir.path());
    let (mut app, mut s) = open(&path, true);
    run(&mut app, &mut s, "minutes");
    let msg = app.message.clone().unwrap_or_default();
    assert!(
        msg.contains("styr minutes plan.ron --date 2026-11-22"),
        "{msg}"
    );
    drop(s);
    assert_eq!(names(dir.path()), before);
}
