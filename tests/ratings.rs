//! A scoring round's ratings in the record (issue 12): recorded through styr's own edit
//! (`Edit::Ratings`), journaled and read back, saved and checked, and then shown where
//! the record is read — `styr minutes`, run as a user runs it, in both languages, and
//! the evaluation history in the project's detail, drawn as the user sees it at 80 and
//! 120 columns.

mod common;

use std::path::Path;
use std::process::Command;

use crossterm::event::KeyCode;

use common::keys::{press, select, text};
use styr::app::update::update;
use styr::app::{Action, App};
use styr::model::edit::{Edit, History, Stamp};
use styr::model::splice::save_text;
use styr::model::{Date, Decision, Portfolio, Rating, Time, load_str, parse};
use styr::store::{self, Journal, JournalEntry};
use styr::text::Lang;

const SMALL: &str = include_str!("fixtures/small.ron");

fn day() -> Date {
    Date::parse("2026-11-22").unwrap()
}

fn rating(by: &str, scores: &[(&str, i64)]) -> Rating {
    Rating {
        by: by.into(),
        scores: scores.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
    }
}

/// Three seats' scores of T-03: the goals far apart (3, 4, 5), the results close.
fn three_seats() -> Vec<Rating> {
    vec![
        rating("Knut Lie", &[("goals", 5), ("results", 2)]),
        rating("Aisha Noor", &[("goals", 3), ("results", 2)]),
        rating("Ida Berg", &[("goals", 4), ("results", 3)]),
    ]
}

fn stamp(at: &str) -> Stamp {
    Stamp {
        date: day(),
        at: Time::parse(at).unwrap(),
        by: Some("Marte Aas".into()),
        agenda: vec!["T-03".into()],
    }
}

/// The round recorded as the chair records it: the seats' ratings, the group's result
/// (the medians, 4 and 2) and a decision.
fn meeting() -> Vec<(Edit, Stamp)> {
    let score = |c: &str, s| Edit::Score {
        project: "T-03".into(),
        date: day(),
        criterion: c.into(),
        score: Some(s),
    };
    vec![
        (
            Edit::Ratings {
                project: "T-03".into(),
                date: day(),
                ratings: three_seats(),
            },
            stamp("13:02"),
        ),
        (score("goals", 4), stamp("13:03")),
        (score("results", 2), stamp("13:03")),
        (
            Edit::Decision {
                project: "T-03".into(),
                date: day(),
                decision: Some(Decision::Adjust),
            },
            stamp("13:04"),
        ),
    ]
}

fn recorded() -> Portfolio {
    let mut p = parse(SMALL).unwrap();
    let mut h = History::default();
    for (e, s) in meeting() {
        h.apply_stamped(&mut p, &e, Some(&s))
            .unwrap_or_else(|err| panic!("{e:?}: {err}"));
    }
    p
}

fn styr_in(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_styr"))
        .args(args)
        .current_dir(dir)
        .env("LC_ALL", "en_GB.UTF-8")
        .env_remove("LANG")
        .output()
        .expect("run styr");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn the_ratings_are_journaled_and_a_replay_records_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    std::fs::write(&path, SMALL).unwrap();
    let (_, doc) = store::open(&path).unwrap();
    let mut j = Journal::new(&doc, Some(day()));
    let entries: Vec<JournalEntry> = meeting()
        .into_iter()
        .map(|(e, s)| JournalEntry::Stamped(e, s))
        .collect();
    for e in &entries {
        j.append(e).unwrap();
    }
    let back = store::read_journal(&path).unwrap().expect("a journal");
    assert_eq!(back.entries, entries);
    assert_eq!((back.unreadable, back.torn_tail), (0, false));
    let mut p = parse(SMALL).unwrap();
    let report = store::replay(&mut p, &mut History::default(), &back.entries);
    assert_eq!(report.skipped, 0, "{report:?}");
    assert_eq!(p, recorded());
}

#[test]
fn saved_the_file_has_the_ratings_and_the_minutes_show_them_in_both_languages() {
    let p = recorded();
    let saved = save_text(SMALL, &parse(SMALL).unwrap(), &p).expect("saves");
    // The comments at the top of the file are all still there.
    for line in SMALL.lines().filter(|l| l.starts_with("//")) {
        assert!(saved.contains(line), "lost: {line}");
    }
    assert!(
        saved.contains(r#"Rating(by: "Aisha Noor", scores: {"goals": 3, "results": 2})"#),
        "{saved}"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.ron"), &saved).unwrap();
    let (code, out) = styr_in(dir.path(), &["check", "p.ron"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains(" 0 errors"), "{out}");
    assert_eq!(
        load_str(&saved).portfolio.unwrap(),
        p,
        "read back as recorded"
    );

    let (code, en) = styr_in(dir.path(), &["minutes", "p.ron", "--lang", "en"]);
    assert_eq!(code, Some(0));
    assert!(
        en.contains(
            "### T-03 Bysykler og gange\n\n\
             - Scores: Måloppnåelse 4 · Resultater 2 · Økonomi –\n\
             - Weighted total: 3.1 · 2 of 3\n\
             - Scoring round, 3 seats:\n  \
             - Måloppnåelse 4 · seats 3, 4, 5 · spread 2 · **disagreement**\n  \
             - Resultater 2 · seats 2, 3, 2 · spread 1\n\
             - **Decision: Adjust**\n\
             - Recorded by: Marte Aas\n"
        ),
        "{en}"
    );
    let (code, nb) = styr_in(dir.path(), &["minutes", "p.ron", "--lang", "nb"]);
    assert_eq!(code, Some(0));
    assert!(
        nb.contains(
            "- Vurderingsrunde, 3 medlemmer:\n  \
             - Måloppnåelse 4 · medlemmene 3, 4, 5 · sprik 2 · **uenighet**\n  \
             - Resultater 2 · medlemmene 2, 3, 2 · sprik 1\n\
             - **Vedtak: Juster**\n"
        ),
        "{nb}"
    );
    // The names are in the file, not in the minutes' lines.
    assert!(!en.contains("Aisha"), "{en}");
}

/// The app on `p`, at `w`×`h`, with T-03's detail open: every screen of it from the top
/// to the end, one PgDn at a time (no-break spaces as plain ones).
fn detail(p: Portfolio, lang: Lang, w: u16, h: u16) -> String {
    let mut a = App::new(p, "plan.ron".into(), lang, day());
    update(&mut a, Action::Resize(w, h));
    select(&mut a, "T-03");
    press(&mut a, KeyCode::Enter);
    assert!(a.detail);
    let mut pages: Vec<String> = Vec::new();
    for _ in 0..40 {
        let page = text(&a, w, h).replace('\u{a0}', " ");
        if pages.last() == Some(&page) {
            return pages.join("\n");
        }
        pages.push(page);
        press(&mut a, KeyCode::PageDown);
    }
    panic!("the detail never reaches its end");
}

#[track_caller]
fn row_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no row with {needle:?}:\n{screen}"))
}

#[test]
fn the_evaluation_history_shows_the_round_one_line_per_criterion() {
    for (w, h) in [(80, 24), (120, 40)] {
        let nb = detail(recorded(), Lang::Nb, w, h);
        let goals = row_with(
            &nb,
            "Måloppnåelse 4 · medlemmene 3, 4, 5 · sprik 2 ▲ uenighet",
        );
        assert!(
            goals.contains("        Måloppnåelse 4"),
            "under the scores: {goals}"
        );
        let results = row_with(&nb, "Resultater 2 · medlemmene 2, 3, 2 · sprik 1");
        assert!(!results.contains("uenighet"), "{results}");
        assert!(
            !nb.contains("Økonomi – · medlemmene"),
            "{w}: no one scored it, no line\n{nb}"
        );
        let en = detail(recorded(), Lang::En, w, h);
        row_with(
            &en,
            "Måloppnåelse 4 · seats 3, 4, 5 · spread 2 ▲ disagreement",
        );
    }
}

#[test]
fn twenty_seats_and_a_long_name_are_cut_to_one_line_keeping_the_spread() {
    let mut p = recorded();
    let long = "Måloppnåelse for hele kommunens internasjonale arbeid \u{1b}[31m";
    p.criteria[0].name = long.into();
    let many: Vec<Rating> = (0..20)
        .map(|i| rating(&format!("Medlem {i:02}"), &[("goals", i % 5 + 1)]))
        .collect();
    Edit::Ratings {
        project: "T-03".into(),
        date: day(),
        ratings: many,
    }
    .apply(&mut p)
    .unwrap();
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = detail(p.clone(), Lang::Nb, w, h);
        let row = row_with(&screen, "medlemmene 1, 2");
        assert!(row.contains("· sprik 4 ▲ uenighet"), "{w}: {row}\n{screen}");
        assert!(
            row.contains(", … · sprik"),
            "{w}: the list cut between scores: {row}"
        );
        assert!(row.contains("Måloppn"), "{w}: {row}");
        assert!(
            !screen.contains('\u{1b}'),
            "the name's escape is made inert"
        );
        // Nothing of it went onto the next row.
        let next = screen
            .lines()
            .skip_while(|l| !l.contains("medlemmene 1, 2"))
            .nth(1)
            .unwrap();
        assert!(!next.contains(", 5"), "{w}: {next}");
    }
}
