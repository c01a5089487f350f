//! The command line in the reader's language: `check`, `report`, `minutes` and the
//! warnings of every command follow `--lang` (or the locale), with amounts and counts as
//! the views write them; `export --csv` is for machines and the same in every language.

use std::path::{Path, PathBuf};
use std::process::Command;

use styr::model::{Severity, load_bytes};

const EXAMPLE: &str = include_str!("fixtures/example.ron");

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run styr in `dir` with the locale `locale` (LC_ALL) and nothing else set.
fn styr_in(dir: &Path, locale: &str, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_styr"))
        .args(args)
        .current_dir(dir)
        .env("LC_ALL", locale)
        .env_remove("LANG")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run styr");
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
    run
}

fn styr(args: &[&str]) -> Run {
    styr_in(&root(), "en_GB.UTF-8", args)
}

/// A temporary folder holding `p.ron`.
fn file(content: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("p.ron"), content).expect("write p.ron");
    dir
}

/// FORMAT.md's example with its project overspent and serving an unknown goal, and a
/// second project that serves no goal and has no budget.
fn errors_and_warnings() -> String {
    EXAMPLE
        .replace("spent: 900_000", "spent: 465_000")
        .replace("planned: 2_400_000", "planned: 420_000")
        .replace(
            "goals: [\"klima.d1\"],",
            "goals: [\"klima.d1\", \"klima.d3\"],",
        )
        .replace(
            "    ],\n)",
            "        Project(id: \"P-02\", name: \"Vennskapsby\", results: [(name: \"Besøk\", target: 2)]),\n    ],\n)",
        )
}

#[test]
fn check_speaks_norwegian_with_places_and_grouped_amounts() {
    let dir = file(&errors_and_warnings());
    let nb = styr_in(
        dir.path(),
        "en_GB.UTF-8",
        &["check", "p.ron", "--lang", "nb"],
    );
    assert_eq!(nb.code, Some(2), "{}", nb.stdout);
    let lines: Vec<&str> = nb.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "p.ron:18:25: advarsel: målet `klima.d2` («Redusere fotavtrykket fra egen virksomhet») har ingen prosjekter som tjener det; legg til et tiltak for det, eller før det opp i et prosjekts `goals`",
            "p.ron:35:33: feil: målet `klima.d3` finnes ikke; kjente mål under `klima`: `klima.h`; mente du `klima.d1`?",
            "p.ron:38:24: advarsel: prosjektet `P-01` («Grønn omstilling i kulturnæringen») har brukt 465\u{a0}000 av 420\u{a0}000 planlagt (45\u{a0}000 over budsjett)",
            "p.ron:51:9: advarsel: prosjektet `P-02` («Vennskapsby») tjener ingen mål; hvert tiltak skal tjene et vedtatt mål — legg til `goals: [\"…\"]`",
            "p.ron:51:9: advarsel: prosjektet `P-02` («Vennskapsby») har ikke noe budsjett; legg til `budget: (planned: …)`",
            "sjekket 1 fil: 1 feil, 4 advarsler — avvist",
        ]
    );

    // English as it has always been, but for the amounts, which are grouped as the views
    // group them; the same exit status.
    let en = styr_in(
        dir.path(),
        "nb_NO.UTF-8",
        &["check", "p.ron", "--lang", "en"],
    );
    assert_eq!(en.code, Some(2));
    let lines: Vec<&str> = en.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "p.ron:18:25: warning: goal `klima.d2` (\"Redusere fotavtrykket fra egen virksomhet\") has no project serving it; add a measure for it or list it in a project's `goals`",
            "p.ron:35:33: error: goal `klima.d3` does not exist; known goals under `klima`: `klima.h`; did you mean `klima.d1`?",
            "p.ron:38:24: warning: project `P-01` (\"Grønn omstilling i kulturnæringen\") has spent 465,000 of 420,000 planned (45,000 over)",
            "p.ron:51:9: warning: project `P-02` (\"Vennskapsby\") serves no goal; every measure must serve an adopted goal — add `goals: [\"…\"]`",
            "p.ron:51:9: warning: project `P-02` (\"Vennskapsby\") has no budget; add `budget: (planned: …)`",
            "checked 1 file: 1 error, 4 warnings — refused",
        ]
    );

    // Without --lang, the locale decides.
    let by_locale = styr_in(dir.path(), "nb_NO.UTF-8", &["check", "p.ron"]);
    assert_eq!(by_locale.stdout, nb.stdout);
    assert_eq!(by_locale.code, Some(2));
}

#[test]
fn check_in_norwegian_passes_a_good_file_with_exit_zero() {
    let r = styr(&["check", "tests/fixtures/example.ron", "--lang", "nb"]);
    assert_eq!(r.code, Some(0));
    assert_eq!(
        r.stdout.lines().last(),
        Some("sjekket 1 fil: 0 feil, 1 advarsel — i orden")
    );
    let r = styr(&[
        "check",
        "tests/fixtures/example.ron",
        "data/hamar.ron",
        "--lang",
        "nb",
    ]);
    assert_eq!(
        r.stdout.lines().last(),
        Some("sjekket 2 filer: 0 feil, 3 advarsler — i orden")
    );
}

#[test]
fn a_file_that_cannot_be_read_is_said_in_the_language() {
    let r = styr(&["check", "no-such-file.ron", "--lang", "nb"]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stdout
            .starts_with("no-such-file.ron: feil: filen finnes ikke; sjekk stien\n"),
        "{}",
        r.stdout
    );
    let r = styr(&["report", "no-such-file.ron", "--lang", "nb"]);
    assert_eq!(r.code, Some(2));
    assert_eq!(
        r.stderr,
        "no-such-file.ron: feil: filen finnes ikke; sjekk stien\n"
    );
}

/// A portfolio of one project.
const ONE: &str = r#"(name: "Én", organisation: "Kommune", as_of: "2026-11-22",
    goals: [(id: "a", title: "A")],
    projects: [(id: "P1", name: "Alene", goals: ["a"], budget: (planned: 1), results: [(name: "r", target: 1)],
                evaluations: [(date: "2026-11-22", decision: Continue)])],
)"#;

#[test]
fn the_report_and_the_minutes_count_one_project_as_one() {
    let dir = file(ONE);
    let report = |lang| {
        styr_in(
            dir.path(),
            "en_GB.UTF-8",
            &["report", "p.ron", "--lang", lang],
        )
    };
    let en = report("en");
    assert!(
        en.stdout
            .contains("Kommune · as of 2026-11-22 · 1 project or measure\n"),
        "{}",
        en.stdout
    );
    assert!(en.stdout.contains("\n1 project (incl. sub-goals) · "));
    assert!(!en.stdout.contains("1 projects"), "{}", en.stdout);
    let nb = report("nb");
    assert!(
        nb.stdout
            .contains("Kommune · per 2026-11-22 · 1 prosjekt eller tiltak\n"),
        "{}",
        nb.stdout
    );
    assert!(nb.stdout.contains("\n1 prosjekt (med undermål) · "));
    assert!(!nb.stdout.contains("1 prosjekter"), "{}", nb.stdout);

    let minutes = |lang| {
        styr_in(
            dir.path(),
            "en_GB.UTF-8",
            &["minutes", "p.ron", "--lang", lang],
        )
    };
    let en = minutes("en");
    assert!(
        en.stdout.contains("## Reviewed (1 project)\n"),
        "{}",
        en.stdout
    );
    assert!(
        en.stdout
            .contains("## Not reviewed at the meeting (0 projects)\n"),
        "{}",
        en.stdout
    );
    let nb = minutes("nb");
    assert!(
        nb.stdout.contains("## Behandlet (1 prosjekt)\n"),
        "{}",
        nb.stdout
    );
    assert!(
        nb.stdout
            .contains("## Ikke behandlet på møtet (0 prosjekter)\n"),
        "{}",
        nb.stdout
    );
}

#[test]
fn export_csv_is_the_same_in_every_language() {
    for f in ["tests/fixtures/meeting.ron", "data/hamar.ron"] {
        let en = styr(&["export", f, "--csv", "--lang", "en"]);
        let nb = styr(&["export", f, "--csv", "--lang", "nb"]);
        let by_locale = styr_in(&root(), "nb_NO.UTF-8", &["export", f, "--csv"]);
        assert_eq!(en.code, Some(0), "{}", en.stderr);
        assert!(en.stdout.starts_with("id,name,owner,"), "{}", en.stdout);
        assert_eq!(en.stdout, nb.stdout, "{f}");
        assert_eq!(en.stdout, by_locale.stdout, "{f}");
        // Only the warnings (both files have some), meant for people, follow the language.
        assert!(en.stderr.contains(": warning: "), "{}", en.stderr);
        assert!(nb.stderr.contains(": advarsel: "), "{}", nb.stderr);
        assert!(!nb.stderr.contains(": warning: "), "{}", nb.stderr);
    }
}

/// Broken and doubtful variants of FORMAT.md's example, one per kind of finding.
fn variants() -> Vec<String> {
    let with = |from: &str, to: &str| {
        assert!(EXAMPLE.contains(from), "{from}");
        EXAMPLE.replacen(from, to, 1)
    };
    let mut v = vec![
        with("health: Amber", "helth: Amber"),
        with("health: Amber", "colourful: Amber"),
        with("name: \"Grønn", "nam: \"Grønn"),
        with("owner: \"Kari Nordmann\",", "owner: \"Kari\", owner: \"Ola\","),
        with("status: Active", "status: Aktiv"),
        with("status: Active", "status: \"Active\""),
        with("end: \"2027-06-30\"", "end: \"2027-02-30\""),
        with("end: \"2027-06-30\"", "end: 2027-06-30"),
        with("planned: 2_400_000", "planned: 2.5"),
        with("planned: 2_400_000", "planned: \"2400000\""),
        with("planned: 2_400_000", "planned: 99999999999999999999999"),
        with("probability: 3", "probability: 99999999999999999999999"),
        with("spent: 900_000", "spent: 900 000"),
        with("spent: 900_000,", "spent: 900_000"),
        with("owner: \"Kari Nordmann\",", "owner: Kari Nordmann,"),
        with("owner: \"Kari Nordmann\",", "owner: 5,"),
        with("\"goals\": 4,", "\"goals\": 4, \"goals\": 3,"),
        with("\"goals\": 4,", "goals: 4,"),
        with("\"goals\": 4,", "\"goals\" 4,"),
        with("sdgs: [12, 13, 15]", "sdgs: 13"),
        with("sdgs: [12, 13, 15]", "sdgs: [12, 13, 15)"),
        with("goals: [\"klima.d1\"]", "goals: klima"),
        with("title: \"Klima og miljø\",", "title: \"Klima og miljø,"),
        with("title: \"Klima og miljø\",", "\"title\": \"Klima og miljø\","),
        with("title: \"Klima og miljø\",", "title: \"C:\\Mapper\","),
        with("budget: Budget(", "budget: Funding("),
        with("target: 12", "target: NaN"),
        with("Portfolio(", "#![enable(nothing)]\nPortfolio("),
        with("Portfolio(", "x Portfolio("),
        EXAMPLE[..600].to_string(),
        format!("{EXAMPLE})"),
        format!("{EXAMPLE}\n/* never closed"),
        "{\"name\": \"x\"}".to_string(),
        "(name: \"x\", organisation: \"o\", goals: [], projects: [], \"x\"".to_string(),
        String::new(),
        // Every rule of validation at once.
        r#"(name: "T", organisation: "O", as_of: "2026-06-10",
    criteria: [(id: "q", name: "Q", weight: 0), (id: "q", name: "R", weight: -1), (id: "", name: "Tom", weight: 0)],
    risk_thresholds: (amber: 12, red: 8),
    goals: [(id: "a", title: "A", sdgs: [0]), (id: "a", title: "B"), (id: "", title: "C")],
    projects: [
        (id: "P1", name: "One", status: Active, start: "2026-05-01", end: "2026-04-30", goals: ["zz", "b"],
         budget: (planned: -1, spent: 1_000_000_000_000_001, funding: [(source: "S", amount: 5)]),
         risks: [(id: "R", title: "x", probability: 0, consequence: 6), (id: "R", title: "y", probability: 1, consequence: 1), (id: "", title: "z", probability: 1, consequence: 1)],
         evaluations: [(date: "2026-01-01", scores: {"qq": 9}, ratings: [(by: "Kari", scores: {"q": 7}), (by: "Kari", scores: {"x": 1})])],
         follow_ups: [(text: "Plan", raised: "2026-05-01", done: "2026-04-01"), (text: "Sen", raised: "2026-05-01", due: "2026-05-02")]),
        (id: "P1", name: "Two", status: Active, end: "2026-06-01", budget: (planned: 1, spent: 2)),
        (id: "", name: "Three"),
    ],
    meetings: [
        (date: "2026-05-01", agenda: ["P9"], changes: [(at: "10:00", project: "P8", what: "health"), (at: "10:01", goal: "g", what: "title")]),
        (date: "2026-05-01"),
    ],
)"#
        .to_string(),
        r#"(name: "T", organisation: "O", goals: [], projects: [], meetings: [(date: "2026-05-01", changes: [(at: "25:00", what: "x")])])"#.to_string(),
    ];
    v.push(EXAMPLE.replacen("\"Kultur\"", &format!("\"{}\"", "x".repeat(1_100_000)), 1));
    v
}

/// English words that a Norwegian message must not contain outside the file's own text
/// and code (backticks, quotes, «…»).
const ENGLISH: &[&str] = &[
    " the ", " is ", " does ", " did you", "found", "expected", "missing", " has ", " add ",
    "write", " of ", " and ", " not ", " with ", " before ", " after ",
];

/// The text of a message without what it quotes: `code`, «file text», "file text".
fn own_words(s: &str) -> String {
    let mut out = String::new();
    let mut until: Option<char> = None;
    for c in s.chars() {
        match until {
            Some(end) if c == end => until = None,
            Some(_) => {}
            None => match c {
                '`' => until = Some('`'),
                '«' => until = Some('»'),
                '"' => until = Some('"'),
                _ => out.push(c),
            },
        }
    }
    out
}

#[test]
fn every_finding_has_its_own_norwegian_words() {
    let mut seen = 0;
    for text in variants() {
        let loaded = load_bytes(text.as_bytes());
        assert!(!loaded.diagnostics.is_empty(), "no finding for:\n{text}");
        for d in &loaded.diagnostics {
            seen += 1;
            let (en, nb) = (&d.message.en, &d.message.nb);
            assert_ne!(en, nb, "not translated: {en}");
            let words = own_words(nb);
            for w in ENGLISH {
                assert!(
                    !words.contains(w),
                    "English {w:?} in the Norwegian {nb:?} (for {en:?})"
                );
            }
            // The rendering carries the place in both languages alike.
            let (r_en, r_nb) = (
                d.render_in("f.ron", styr::text::Lang::En),
                d.render_in("f.ron", styr::text::Lang::Nb),
            );
            let place = |r: &str| r.split(": ").next().map(str::to_string);
            assert_eq!(place(&r_en), place(&r_nb));
            let kind = if d.severity == Severity::Error {
                "feil"
            } else {
                "advarsel"
            };
            assert!(r_nb.contains(&format!(": {kind}: ")), "{r_nb}");
        }
    }
    assert!(seen > 60, "{seen} findings");
}
