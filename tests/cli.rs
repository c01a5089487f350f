//! The binary, run as a user runs it: on the seed portfolios, on FORMAT.md's example and
//! on broken files written to a temporary folder. Each test asserts the exit status, the
//! message and, where the text has one, the exact LINE:COL.

use std::path::{Path, PathBuf};
use std::process::Command;

use styr::model::tree::GoalTree;

const EXAMPLE: &str = include_str!("fixtures/example.ron");

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The first line of stdout that starts with `prefix`.
    fn line(&self, prefix: &str) -> &str {
        self.stdout
            .lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no line starting {prefix:?} in:\n{}", self.stdout))
    }

    fn summary(&self) -> &str {
        self.stdout.lines().last().unwrap_or("")
    }
}

/// Run styr in `dir` (the crate root by default), with English program text.
fn styr_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_styr"))
        .args(args)
        .current_dir(dir)
        .env("LC_ALL", "en_GB.UTF-8")
        .env_remove("LANG")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run styr");
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "styr panicked on {args:?}:\n{}",
        run.stderr
    );
    run
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn styr(args: &[&str]) -> Run {
    styr_in(&root(), args)
}

/// A temporary folder holding `p.ron` with `content`.
fn file(content: impl AsRef<[u8]>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("p.ron"), content).expect("write p.ron");
    dir
}

/// `styr check p.ron` on `content`.
fn check(content: impl AsRef<[u8]>) -> Run {
    let dir = file(content);
    styr_in(dir.path(), &["check", "p.ron"])
}

/// The example with exactly one occurrence of `from` replaced by `to`.
fn example_with(from: &str, to: &str) -> String {
    assert_eq!(EXAMPLE.matches(from).count(), 1, "{from:?} must occur once");
    EXAMPLE.replacen(from, to, 1)
}

/// Assert a refused file: exit 2, one error line starting with `p.ron:LINE:COL: error: `
/// (or `p.ron: error: ` without a place) that contains every one of `words`.
#[track_caller]
fn assert_refused(r: &Run, place: Option<(usize, usize)>, words: &[&str]) {
    assert_eq!(
        r.code,
        Some(2),
        "exit status; output:\n{}{}",
        r.stdout,
        r.stderr
    );
    let prefix = match place {
        Some((line, col)) => format!("p.ron:{line}:{col}: error: "),
        None => "p.ron: error: ".to_string(),
    };
    let line = r.line(&prefix);
    for w in words {
        assert!(line.contains(w), "{line:?} lacks {w:?}");
    }
    assert!(
        r.summary().starts_with("checked 1 file: 1 error") && r.summary().ends_with("refused"),
        "summary: {:?}",
        r.summary()
    );
}

fn seed_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join("data"))
        .expect("data/")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .map(|p| format!("data/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "the seed portfolios are in data/");
    files
}

// ---- good files ----

#[test]
fn every_seed_portfolio_passes_check() {
    for f in seed_files() {
        let r = styr(&["check", &f]);
        assert_eq!(r.code, Some(0), "{f}:\n{}", r.stdout);
        assert!(!r.stdout.contains(": error: "), "{f}:\n{}", r.stdout);
        assert!(
            r.summary().starts_with("checked 1 file: 0 errors, ") && r.summary().ends_with("ok"),
            "{f}: {}",
            r.summary()
        );
    }
}

#[test]
fn every_seed_portfolio_has_what_the_meeting_needs() {
    // At least 8 projects, each with a budget, results, risks and an evaluation.
    for f in seed_files() {
        let text = std::fs::read_to_string(root().join(&f)).unwrap();
        let p = styr::model::parse(&text).unwrap_or_else(|d| panic!("{f}: {d}"));
        assert!(p.projects.len() >= 8, "{f}: {} projects", p.projects.len());
        for pr in &p.projects {
            assert!(pr.budget.is_some(), "{f}: {} has no budget", pr.id);
            assert!(!pr.results.is_empty(), "{f}: {} has no results", pr.id);
        }
        assert!(p.projects.iter().any(|pr| !pr.risks.is_empty()), "{f}");
        assert!(
            p.projects.iter().any(|pr| !pr.evaluations.is_empty()),
            "{f}"
        );
    }
}

#[test]
fn the_format_example_passes_with_one_warning() {
    let r = styr(&["check", "tests/fixtures/example.ron"]);
    assert_eq!(r.code, Some(0));
    assert_eq!(
        r.stdout,
        "tests/fixtures/example.ron:18:25: warning: goal `klima.d2` (\"Redusere fotavtrykket fra egen virksomhet\") \
has no project serving it; add a measure for it or list it in a project's `goals`\n\
checked 1 file: 0 errors, 1 warning — ok\n"
    );
}

#[test]
fn the_bundled_example_is_the_lillestrom_portfolio() {
    assert_eq!(
        styr::EXAMPLE,
        std::fs::read_to_string(root().join("data/lillestrom.ron")).unwrap()
    );
}

#[test]
fn a_file_that_leaves_out_every_optional_field_loads() {
    let r = check(r#"(name: "Minst mulig", organisation: "Kommune", goals: [], projects: [])"#);
    assert_eq!(r.code, Some(0), "{}", r.stdout);
    assert_eq!(r.stdout, "checked 1 file: 0 errors, 0 warnings — ok\n");

    // Every type, each with only its required fields.
    let r = check(
        r#"Portfolio(
    name: "Minst mulig",
    organisation: "Kommune",
    goals: [Goal(id: "g", title: "Mål")],
    projects: [
        Project(
            id: "P",
            name: "Tiltak",
            goals: ["g"],
            budget: Budget(planned: 10, funding: [Funding(source: "Erasmus+", amount: 5)]),
            results: [Result(name: "Deltakere", target: 3)],
            risks: [Risk(id: "R", title: "Risiko", probability: 2, consequence: 2)],
            evaluations: [Evaluation(date: "2026-01-31")],
        ),
    ],
)"#,
    );
    assert_eq!(r.code, Some(0), "{}", r.stdout);
    assert_eq!(r.stdout, "checked 1 file: 0 errors, 0 warnings — ok\n");
}

#[test]
fn a_file_without_any_struct_names_loads() {
    let mut text = EXAMPLE.to_string();
    for name in [
        "Portfolio",
        "Goal",
        "Project",
        "Budget",
        "Funding",
        "Result",
        "Risk",
        "Evaluation",
    ] {
        text = text.replace(&format!("{name}("), "(");
    }
    assert!(!text.contains("Goal(") && !text.contains("Portfolio("));
    let r = check(&text);
    assert_eq!(r.code, Some(0), "{}", r.stdout);
    // The same single warning, at the same place: `(` stands where `Goal(` began.
    assert!(
        r.stdout
            .starts_with("p.ron:18:25: warning: goal `klima.d2`"),
        "{}",
        r.stdout
    );
    assert_eq!(r.summary(), "checked 1 file: 0 errors, 1 warning — ok");
}

#[test]
fn some_and_a_plain_optional_value_mean_the_same() {
    let plain = file(example_with("health: Amber", "health: Amber"));
    let some = file(
        example_with("health: Amber", "health: Some(Amber)")
            .replace("start: \"2025-03-01\"", "start: Some(\"2025-03-01\")")
            .replace(
                "owner: \"Kari Nordmann\",\n",
                "owner: Some(\"Kari Nordmann\"),\n",
            ),
    );
    let a = styr_in(plain.path(), &["export", "p.ron", "--csv"]);
    let b = styr_in(some.path(), &["export", "p.ron", "--csv"]);
    assert_eq!((a.code, b.code), (Some(0), Some(0)), "{}", b.stderr);
    assert_eq!(a.stdout, b.stdout);
    assert!(
        a.stdout.contains(",Active,Amber,2025-03-01,"),
        "{}",
        a.stdout
    );
    assert!(a.stdout.contains(",Kari Nordmann,"), "{}", a.stdout);
}

#[test]
fn amounts_may_have_underscore_separators() {
    let r = styr(&["export", "tests/fixtures/example.ron", "--csv"]);
    assert_eq!(r.code, Some(0));
    // planned 2_400_000, spent 900_000, granted 1_200_000, own share 1 200 000
    assert!(
        r.stdout.contains(",2400000,900000,1200000,0,0,1200000,"),
        "{}",
        r.stdout
    );
}

#[test]
fn comments_of_both_kinds_are_allowed() {
    let r = check(
        "// a line comment\n/* a block /* nested */ comment */\n(name: \"n\", // after a field\n organisation: /* inside */ \"o\", goals: [], projects: [])\n",
    );
    assert_eq!(r.code, Some(0), "{}", r.stdout);
}

#[test]
fn a_file_with_a_byte_order_mark_passes_check() {
    let r = check(format!("\u{feff}{EXAMPLE}"));
    assert_eq!(r.code, Some(0), "{}", r.stdout);
    assert!(
        r.stdout
            .starts_with("p.ron:18:25: warning: goal `klima.d2`"),
        "{}",
        r.stdout
    );
}

// ---- broken files ----

#[test]
fn unknown_field_names_the_nearest_one() {
    let r = check(example_with("health: Amber", "helth: Amber"));
    assert_refused(
        &r,
        Some((32, 13)),
        &["unknown field `helth` in `Project`; did you mean `health`?"],
    );
}

#[test]
fn unknown_field_far_from_any_lists_the_known_ones() {
    let r = check(r#"(name: "n", organisation: "o", goals: [], projects: [], colour: Red)"#);
    assert_refused(
        &r,
        Some((1, 57)),
        &[
            "unknown field `colour` in `Portfolio`",
            "`organisation`",
            "`risk_thresholds`",
        ],
    );
}

#[test]
fn missing_required_field() {
    let r = check(example_with(
        "            name: \"Grønn omstilling i kulturnæringen\",\n",
        "",
    ));
    assert_refused(
        &r,
        Some((49, 9)),
        &[
            "missing required field `name` in `Project`",
            "add `name: …`",
        ],
    );
}

#[test]
fn missing_required_field_at_the_end_of_the_file() {
    let r = check("(name: \"n\", organisation: \"o\",\n goals: [],\n)");
    assert_refused(
        &r,
        Some((3, 1)),
        &["missing required field `projects` in `Portfolio`"],
    );
}

#[test]
fn bad_enum_variant() {
    let r = check(example_with("status: Active", "status: Aktiv"));
    assert_refused(
        &r,
        Some((31, 21)),
        &[
            "`Aktiv` is not a Status; did you mean `Active`?",
            "`Proposed`, `Active`, `OnHold`, `Completed`, `Stopped`",
        ],
    );
}

#[test]
fn bad_dates() {
    let r = check(example_with("end: \"2027-06-30\"", "end: \"2027-02-30\""));
    // ron places a string's own errors at its first character, inside the quote.
    assert_refused(
        &r,
        Some((34, 19)),
        &["`2027-02-30` is not a date", "\"YYYY-MM-DD\""],
    );
    let r = check(example_with(
        "as_of: \"2026-11-22\"",
        "as_of: \"22.11.2026\"",
    ));
    assert_refused(&r, Some((5, 13)), &["`22.11.2026` is not a date"]);
    let r = check(example_with("as_of: \"2026-11-22\"", "as_of: \"2026-1-5\""));
    assert_refused(&r, Some((5, 13)), &["`2026-1-5` is not a date"]);
}

#[test]
fn a_semantic_error_in_the_example_is_placed() {
    let r = check(example_with(
        "goals: [\"klima.d1\"]",
        "goals: [\"klima.d3\"]",
    ));
    assert_refused(
        &r,
        Some((35, 21)),
        &["goal `klima.d3` does not exist; known goals under `klima`: `klima.h`"],
    );
}

#[test]
fn empty_file() {
    for content in ["", "\n\n   \n\t"] {
        let r = check(content);
        assert_refused(
            &r,
            None,
            &[
                "the file is empty",
                "Portfolio(name: \"…\", organisation: \"…\", goals: [], projects: [])",
            ],
        );
    }
}

#[test]
fn invalid_utf8_is_placed_at_the_first_bad_byte() {
    let mut bytes = b"(name: \"n\",\n organisation: \"Lillestr".to_vec();
    bytes.push(0xF8); // ø in Latin-1
    bytes.extend_from_slice(b"m\", goals: [], projects: [])");
    let r = check(bytes);
    assert_refused(
        &r,
        Some((2, 25)),
        &["not valid UTF-8 (byte 36)", "save it as UTF-8"],
    );
}

#[test]
fn binary_garbage() {
    // A PNG signature, then every byte value: no panic, one placed error.
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend(0..=255u8);
    let r = check(&bytes);
    assert_refused(&r, Some((1, 1)), &["not valid UTF-8 (byte 0)"]);

    // Valid UTF-8 that is still garbage: control characters.
    let garbage: String = (1..32u8).map(char::from).cycle().take(300).collect();
    let r = check(&garbage);
    assert_eq!(r.code, Some(2), "{}", r.stdout);
    assert!(r.stdout.starts_with("p.ron:1:1: error: "), "{}", r.stdout);
    // Control characters from the file never reach the terminal.
    assert!(!r.stdout.contains('\u{1b}') && !r.stdout.contains('\u{7}'));
}

#[test]
fn json_is_recognised() {
    let r = check(
        r#"{"name": "Internasjonalt arbeid", "organisation": "Lillestrøm kommune", "goals": [], "projects": []}"#,
    );
    assert_refused(
        &r,
        Some((1, 1)),
        &["this looks like JSON; styr reads RON", "Portfolio(name:"],
    );
}

/// A goal tree `depth` levels deep, one goal per line.
fn nested_goals(depth: usize) -> String {
    let mut s = String::from("(name: \"n\", organisation: \"o\", projects: [], goals: [\n");
    for i in 0..depth {
        s.push_str(&format!("(id: \"g{i}\", title: \"t\", children: [\n"));
    }
    for _ in 0..depth {
        s.push_str("])");
    }
    s.push_str("])\n");
    s
}

#[test]
fn thousands_of_nested_goals_are_refused_with_a_message() {
    let r = check(nested_goals(5000));
    // Goal g31 on line 33 is the first one too deep.
    assert_refused(
        &r,
        Some((33, 1)),
        &[
            "nests deeper than 159 levels",
            "flatten the goal tree",
            "up to 31 levels",
        ],
    );
}

#[test]
fn the_deepest_goal_tree_that_loads() {
    let r = check(nested_goals(31));
    assert_eq!(r.code, Some(0), "{}", r.stdout);
    assert!(
        r.stdout.starts_with("p.ron:32:1: warning: goal `g30`"),
        "{}",
        r.stdout
    );
    let r = check(nested_goals(32));
    assert_refused(&r, Some((33, 1)), &["up to 31 levels"]);
}

#[test]
fn deep_brackets_anywhere_are_refused() {
    for open in ["(", "[", "{", "Some("] {
        let r = check(format!(
            "(name: \"n\", organisation: \"o\", goals: [], projects: {})",
            open.repeat(100_000)
        ));
        assert_eq!(r.code, Some(2), "{open}: {}", r.stdout);
        assert!(r.stdout.starts_with("p.ron:1:"), "{open}: {}", r.stdout);
    }
}

#[test]
fn integer_overflow() {
    let r = check(example_with(
        "planned: 2_400_000",
        "planned: 92_233_720_368_547_758_070",
    ));
    assert_refused(
        &r,
        Some((37, 26)),
        &[
            "`planned` in `Budget` is too large: amounts are at most 10^15 (1_000_000_000_000_000)",
            "missing separator or extra digits",
        ],
    );
    let r = check(example_with(
        "probability: 3",
        "probability: -99999999999999999999",
    ));
    // Placed at the digits, after the sign.
    assert_refused(
        &r,
        Some((43, 76)),
        &["`probability` in `Risk` takes a whole number 1–5, but this number is too large"],
    );
    // The largest amount FORMAT.md allows loads; one more is refused, where it stands.
    let r = check(example_with(
        "planned: 2_400_000",
        "planned: 1_000_000_000_000_000",
    ));
    assert_eq!(r.code, Some(0), "{}", r.stdout);
    let r = check(example_with(
        "planned: 2_400_000",
        "planned: 9_223_372_036_854_775_807",
    ));
    assert_refused(
        &r,
        Some((37, 26)),
        &[
            "the planned cost of project `P-01`",
            "is 9_223_372_036_854_775_807, above the limit of 10^15",
        ],
    );
}

#[test]
fn negative_amounts_empty_ids_and_a_second_meeting_on_a_date_are_refused() {
    let r = check(example_with("amount: 1_200_000", "amount: -1_200_000"));
    assert_refused(
        &r,
        Some((39, 90)),
        &[
            "the funding from \"Interreg Øresund-Kattegat-Skagerrak\" of project `P-01`",
            "is -1_200_000, below 0",
        ],
    );
    assert!(
        !r.stdout.contains("spent"),
        "not a warning about overspending: {}",
        r.stdout
    );
    let r = check(example_with("id: \"R1\"", "id: \"\""));
    assert_refused(
        &r,
        Some((43, 26)),
        &[
            "risk \"Partner trekker seg\" in project \"Grønn omstilling i kulturnæringen\" has an empty id",
        ],
    );
    let r = check(example_with(
        "    ],\n)",
        "    ],\n    meetings: [(date: \"2026-10-15\"), Meeting(date: \"2026-10-15\")],\n)",
    ));
    assert_refused(
        &r,
        Some((52, 52)),
        &["two meetings on 2026-10-15 (meetings 1 and 2)"],
    );
}

#[test]
fn a_truncated_file_says_it_ends_too_early() {
    let cut = EXAMPLE.find("    projects: [").unwrap() + "    projects: [".len();
    let r = check(&EXAMPLE[..cut]);
    assert_refused(
        &r,
        Some((24, 16)),
        &["the file ends too early; a closing `)`, `]` or `}` is probably missing"],
    );
    // Cut inside a string.
    let cut = EXAMPLE.find("Grønn omstilling").unwrap();
    let r = check(&EXAMPLE[..cut]);
    assert_refused(
        &r,
        Some((27, 19)),
        &["the string for `name` in `Project` is not closed; add the missing `\"`"],
    );
}

#[test]
fn a_truncated_file_never_crashes() {
    // Every 40th character boundary; the property test covers every byte.
    let mut cuts: Vec<usize> = (0..EXAMPLE.len())
        .filter(|&i| EXAMPLE.is_char_boundary(i))
        .step_by(40)
        .collect();
    cuts.push(EXAMPLE.trim_end().len() - 1);
    for cut in cuts {
        let r = check(&EXAMPLE[..cut]);
        assert_eq!(r.code, Some(2), "cut at {cut}: {}", r.stdout);
        assert!(r.stdout.starts_with("p.ron:") && r.stdout.contains(": error: "));
    }
}

#[test]
fn trailing_text_after_the_portfolio() {
    // Placed at the text itself, past blank lines and comments: it may be far below.
    let r = check(format!("{EXAMPLE})\n"));
    assert_refused(
        &r,
        Some((53, 1)),
        &["text after the end of the portfolio (`)`); remove it, or check for an extra `)`"],
    );
    let r = check(format!(
        "{EXAMPLE}\n// a comment\n/* and\nanother */   Goal(id: \"x\")\n"
    ));
    assert_refused(
        &r,
        Some((56, 14)),
        &["text after the end of the portfolio (`Goal`)"],
    );
}

#[test]
fn a_key_twice_in_a_map_is_refused_at_the_second_key() {
    let r = check(example_with("\"results\": 3", "\"goals\": 5"));
    assert_refused(
        &r,
        Some((47, 69)),
        &[
            "`scores` in `Evaluation`: the key `goals` is written twice (the first time with 4); keep one of them",
        ],
    );
    // In a rating too.
    let r = check(example_with(
        "decision: Adjust,",
        "decision: Adjust, ratings: [(by: \"Kari\", scores: {\"budget\": 2,\n \"budget\": 3})],",
    ));
    assert_refused(
        &r,
        Some((49, 2)),
        &["`scores` in `Rating`: the key `budget` is written twice (the first time with 2)"],
    );
}

/// A file with the one criterion `c` written as `criterion`.
fn with_criterion(criterion: &str) -> String {
    example_with(
        "    levels: [",
        &format!("    criteria: [{criterion}],\n    levels: ["),
    )
}

#[test]
fn wrong_values_name_the_field_what_it_takes_what_was_found_and_the_fix() {
    // (file, place, the whole message after `error: `)
    let cases: Vec<(String, (usize, usize), &str)> = vec![
        (
            example_with("name: \"Grønn omstilling i kulturnæringen\"", "name: 42"),
            (27, 19),
            "`name` in `Project` takes text in double quotes, but found `42`; put it in double quotes: `name: \"42\"`",
        ),
        (
            example_with("health: Amber", "health: \"Amber\""),
            (32, 21),
            "`health` in `Project` takes one of `Green`, `Amber`, `Red` (without quotes), but found `\"Amber\"`; remove the quotes: `health: Amber`",
        ),
        (
            with_criterion("(id: \"goals\", name: \"G\", weight: 4.5)"),
            (6, 49),
            "`weight` in `Criterion` takes a whole number 0 or more, but found `4.5`; write a whole number, e.g. `weight: 40`",
        ),
        (
            example_with("planned: 2_400_000", "planned: 2.4e6"),
            (37, 26),
            "`planned` in `Budget` takes an amount, a whole number from 0 to 10^15, but found `2.4e6`; write it as a whole number: `planned: 2_400_000`",
        ),
        (
            example_with("sdgs: [12, 13, 15]", "sdgs: [13.0]"),
            (11, 20),
            "`sdgs` in `Goal` takes a list of whole numbers 1–17, but found `13.0`; write whole numbers (`13` for `13.0`)",
        ),
        (
            example_with("probability: 3", "probability: \"3\""),
            (43, 75),
            "`probability` in `Risk` takes a whole number 1–5, but found `\"3\"`; remove the quotes: `probability: 3`",
        ),
        (
            example_with("goals: [\"klima.d1\"]", "goals: \"klima.d1\""),
            (35, 20),
            "`goals` in `Project` takes a list of goal ids in double quotes, but found `\"klima.d1\"`; put it in square brackets: `goals: [\"klima.d1\"]`",
        ),
        (
            example_with("owner: \"Kari Nordmann\",\n", "owner: Kari Nordmann,\n"),
            (28, 20),
            "`owner` in `Project` takes text in double quotes, but found `Kari Nordmann`; put it in double quotes: `owner: \"Kari Nordmann\"`",
        ),
        (
            example_with("as_of: \"2026-11-22\"", "as_of: 2026-11-22"),
            (5, 12),
            "`as_of` in `Portfolio` takes a date in double quotes, \"YYYY-MM-DD\", but found `2026-11-22`; put it in double quotes: `as_of: \"2026-11-22\"`",
        ),
        (
            example_with("scores: {\"goals\": 4", "scores: {goals: 4"),
            (47, 57),
            "`scores` in `Evaluation` takes a map of criterion ids to whole numbers 1–5, but found `goals`; put the key in double quotes: `{\"goals\": …}`",
        ),
        (
            example_with("budget: Budget(", "budget: 5, x: ("),
            (36, 21),
            "`budget` in `Project` takes a `Budget(…)` record, but found `5`; write it like `budget: (planned: 2_400_000, spent: 900_000)`",
        ),
        (
            example_with("end: \"2027-06-30\"", "end: \"2027-02-30\""),
            (34, 19),
            "`end` in `Project`: `2027-02-30` is not a date; write dates as \"YYYY-MM-DD\", e.g. \"2026-03-31\"",
        ),
        (
            example_with("status: Active", "status: Some(Aktiv)"),
            (31, 26),
            "`status` in `Project`: `Aktiv` is not a Status; did you mean `Active`? use one of `Proposed`, `Active`, `OnHold`, `Completed`, `Stopped`",
        ),
    ];
    for (text, place, message) in cases {
        let r = check(&text);
        assert_refused(&r, Some(place), &[message]);
        let line = r.line("p.ron:");
        assert!(line.ends_with(message), "{line:?} should end {message:?}");
    }
}

#[test]
fn broken_syntax_names_the_field_and_the_fix() {
    let mut cases: Vec<(String, (usize, usize), &str)> = vec![
        // The string on line 27 swallows the text up to the next quote, on line 28.
        (
            example_with("kulturnæringen\",", "kulturnæringen,"),
            (27, 19),
            "the string for `name` in `Project` runs on from line 27 to line 28: its closing `\"` is probably missing on line 27",
        ),
        // The `,` belongs at the end of line 38.
        (
            example_with("spent: 900_000,", "spent: 900_000"),
            (38, 31),
            "a `,` is missing after the value of `spent` in `Budget`, before `funding`; add a `,` there",
        ),
        (
            example_with("spent: 900_000,", "spent: 900 000,"),
            (38, 27),
            "a `,` is missing after the value of `spent` in `Budget`, before `000`; write a number without spaces (`2_400_000`)",
        ),
        (
            example_with("amount: 1_200_000)]", "amount: 1_200_000]"),
            (39, 99),
            "found `]` while `Funding(…)` opened at 39:34 is still open; a closing `)` is probably missing here",
        ),
        (
            example_with("title: \"Klima og miljø\"", "\"title\": \"Klima og miljø\""),
            (10, 13),
            "expected a field name in `Goal` here, but found `\"title\"`; write field names without quotes: `title: ",
        ),
        (
            example_with("scores: {\"goals\": 4", "scores: {\"goals\" 4"),
            (47, 64),
            "expected a `:` after a key in the map of `scores` in `Evaluation`, but found `4`",
        ),
        (
            example_with("unit: \"Kultur\"", "unit: \"C:\\Kultur\""),
            (29, 20),
            "`unit` in `Project`: unknown escape character in a string; write a backslash as `\\\\`",
        ),
    ];
    // Where a field name belongs, and before the portfolio.
    cases.extend([
        (
            example_with("unit: \"Kultur\"", "4unit: \"Kultur\""),
            (29, 13),
            "expected a field name in `Project` here, but found `4unit`; a field of `Project` is one of `id`, `name`, `owner`,",
        ),
        (
            example_with("// Internasjonalt", "/@* Internasjonalt"),
            (1, 1),
            "expected `Portfolio(…)` here, but found `/`",
        ),
        (
            format!("#// a comment\n{EXAMPLE}"),
            (1, 1),
            "a `#` before the portfolio starts an attribute such as `#![enable(implicit_some)]`, and this one is not complete",
        ),
    ]);
    for (text, place, words) in cases {
        let r = check(&text);
        assert_refused(&r, Some(place), &[words]);
    }
}

#[test]
fn several_files_at_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.ron"), EXAMPLE).unwrap();
    std::fs::write(
        dir.path().join("bad.ron"),
        example_with("probability: 3", "probability: 7"),
    )
    .unwrap();
    let r = styr_in(dir.path(), &["check", "good.ron", "bad.ron", "gone.ron"]);
    assert_eq!(r.code, Some(2));
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", r.stdout);
    assert!(lines[0].starts_with("good.ron:18:25: warning: goal `klima.d2`"));
    assert!(lines[1].starts_with("bad.ron:18:25: warning: goal `klima.d2`"));
    assert!(
        lines[2].starts_with("bad.ron:43:75: error: probability 7 of risk `R1` in project `P-01`"),
        "{}",
        lines[2]
    );
    assert_eq!(lines[3], "gone.ron: error: no such file; check the path");
    assert_eq!(
        r.summary(),
        "checked 3 files: 2 errors, 2 warnings — refused"
    );

    // Only good files: exit 0.
    let r = styr_in(dir.path(), &["check", "good.ron", "good.ron"]);
    assert_eq!(r.code, Some(0));
    assert_eq!(r.summary(), "checked 2 files: 0 errors, 2 warnings — ok");
}

#[test]
fn all_seed_portfolios_at_once() {
    let files = seed_files();
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let r = styr(&args);
    assert_eq!(r.code, Some(0), "{}", r.stdout);
    assert!(
        r.summary()
            .starts_with(&format!("checked {} files: 0 errors, ", files.len())),
        "{}",
        r.summary()
    );
}

#[test]
fn missing_file_and_folder() {
    let r = check("");
    assert_eq!(r.code, Some(2));
    let dir = tempfile::tempdir().unwrap();
    let r = styr_in(dir.path(), &["check", "nowhere.ron"]);
    assert_eq!(r.code, Some(2));
    assert_eq!(
        r.stdout,
        "nowhere.ron: error: no such file; check the path\ncheck\
ed 1 file: 1 error, 0 warnings — refused\n"
    );
    let r = styr_in(dir.path(), &["check", "."]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stdout.starts_with(".: error: is a folder"),
        "{}",
        r.stdout
    );
    for cmd in ["report", "export"] {
        let r = styr_in(dir.path(), &[cmd, "nowhere.ron"]);
        assert_eq!(r.code, Some(2), "{cmd}");
        assert_eq!(r.stdout, "", "{cmd}");
        assert_eq!(
            r.stderr,
            "nowhere.ron: error: no such file; check the path\n"
        );
    }
}

#[test]
fn check_needs_a_file() {
    let r = styr(&["check"]);
    assert_eq!(r.code, Some(2), "clap's usage error");
    assert!(r.stderr.contains("<FILES>..."), "{}", r.stderr);
}

// ---- report ----

#[test]
fn report_has_goals_in_tree_order_gaps_totals_and_funding() {
    let r = styr(&["report", "tests/fixtures/example.ron", "--lang", "en"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let md = &r.stdout;
    assert!(md.starts_with("# Goal achievement report: Internasjonalt arbeid 2025–2027\n"));
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        headings,
        [
            "# Goal achievement report: Internasjonalt arbeid 2025–2027",
            "## Goals",
            "### Satsingsområde: klima Klima og miljø",
            "#### Hovedmål: klima.h Omstille til lavutslippssamfunnet, forhindre tap av naturverdier og håndtere klimaendringer",
            "##### Delmål: klima.d1 Mindre ressursbruk og lavere utslipp gjennom kostnadseffektive tiltak",
            "##### Delmål: klima.d2 Redusere fotavtrykket fra egen virksomhet",
            "## Goals without measures",
            "## Ranking by weighted total",
            "## Portfolio totals",
            "## Balance: Unit × Instrument",
            "## Balance: Level × Instrument",
            "## External funding by source",
        ]
    );
    // The project under the goal it serves, with status, health, score, planned and spent.
    assert!(md.contains(
        "| P-01 | Grønn omstilling i kulturnæringen | Active | Amber | 3.1 | 2,400,000 | 900,000 |"
    ));
    assert!(md.contains("**No measure serves this goal.**"));
    assert!(md.contains(
        "## Goals without measures\n\n- klima.d2 Redusere fotavtrykket fra egen virksomhet\n"
    ));
    assert!(md.contains("| Planned | 2,400,000 |"));
    assert!(md.contains("| Own share | 1,200,000 |"));
    // Funding: applied, granted, rejected, the success rates, the own share left.
    assert!(md.contains(
        "| Interreg Øresund-Kattegat-Skagerrak | 1 | 0 | 1,200,000 | 0 | 100\u{a0}% | 100\u{a0}% (1 of 1) | 1,200,000 |"
    ), "{md}");
    // The balance: the one unit and instrument; every level, and the project without one.
    assert!(md.contains(
        "| Unit | EU-prosjekt | Total |\n|---|---:|---:|\n| Kultur | 1 · 2,400,000 | 1 · 2,400,000 |\n| **Total** | **1 · 2,400,000** | **1 · 2,400,000** |\n"
    ), "{md}");
    assert!(md.contains(
        "| Local | – | – |\n| Regional | – | – |\n| National | – | – |\n| International | – | – |\n| (no level) | 1 · 2,400,000 | 1 · 2,400,000 |\n"
    ), "{md}");
    // The warning goes to stderr, not into the report.
    assert!(r.stderr.contains("warning: goal `klima.d2`"));
    assert!(!md.contains("warning"));
}

#[test]
fn report_in_norwegian() {
    let r = styr(&["report", "tests/fixtures/example.ron", "--lang", "nb"]);
    assert_eq!(r.code, Some(0));
    assert!(r.stdout.starts_with("# Rapport om måloppnåelse: "));
    assert!(r.stdout.contains("## Mål uten tiltak"));
    assert!(r.stdout.contains("| Planlagt | 2\u{a0}400\u{a0}000 |"));
}

#[test]
fn report_on_every_seed_follows_the_goal_tree() {
    for f in seed_files() {
        let text = std::fs::read_to_string(root().join(&f)).unwrap();
        let p = styr::model::parse(&text).unwrap();
        let tree = GoalTree::new(&p);
        let r = styr(&["report", &f, "--lang", "en"]);
        assert_eq!(r.code, Some(0), "{f}: {}", r.stderr);
        let goal_headings: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("###")).collect();
        assert_eq!(goal_headings.len(), tree.len(), "{f}");
        for (i, (h, g)) in goal_headings.iter().zip(&tree.goals).enumerate() {
            let depth = tree.nodes[i].depth;
            let level = p
                .levels
                .get(depth)
                .map(|l| format!("{}: ", styr::cli::md(l)))
                .unwrap_or_default();
            let want = format!(
                "{} {level}{} ",
                "#".repeat((3 + depth).min(6)),
                styr::cli::md(&g.id)
            );
            assert!(h.starts_with(&want), "{f}: {h:?} should start {want:?}");
        }
        assert!(r.stdout.contains("## Portfolio totals"), "{f}");
        assert!(r.stdout.contains("## External funding by source"), "{f}");
    }
}

#[test]
fn report_refuses_a_broken_file() {
    let dir = file(example_with("consequence: 4", "consequence: 0"));
    let r = styr_in(dir.path(), &["report", "p.ron"]);
    assert_eq!(r.code, Some(2));
    assert_eq!(r.stdout, "", "no half report");
    assert!(
        r.stderr
            .contains("p.ron:43:91: error: consequence 0 of risk `R1` in project `P-01`"),
        "{}",
        r.stderr
    );
}

// ---- export ----

fn csv_lines(csv: &str) -> Vec<&str> {
    assert!(csv.ends_with("\r\n"), "CRLF after the last row");
    csv.strip_suffix("\r\n").unwrap().split("\r\n").collect()
}

#[test]
fn export_has_a_header_and_one_row_per_project() {
    for f in seed_files() {
        let text = std::fs::read_to_string(root().join(&f)).unwrap();
        let projects = styr::model::parse(&text).unwrap().projects;
        let r = styr(&["export", &f, "--csv"]);
        assert_eq!(r.code, Some(0), "{f}: {}", r.stderr);
        // Every line ends in CRLF: no bare LF anywhere.
        assert_eq!(
            r.stdout.matches('\n').count(),
            r.stdout.matches("\r\n").count(),
            "{f}"
        );
        let lines = csv_lines(&r.stdout);
        assert_eq!(lines[0], styr::cli::export::HEADER.join(","), "{f}");
        assert_eq!(lines.len(), projects.len() + 1, "{f}");
        for (line, pr) in lines[1..].iter().zip(&projects) {
            assert!(line.starts_with(&format!("{},", pr.id)), "{f}: {line}");
        }
    }
}

#[test]
fn export_quotes_by_rfc_4180() {
    let dir = file(
        example_with(
            "name: \"Grønn omstilling i kulturnæringen\"",
            r#"name: "Grønn omstilling, \"fase 2\"""#,
        )
        .replace("unit: \"Kultur\"", "unit: \"Kultur\\nog idrett\""),
    );
    let r = styr_in(dir.path(), &["export", "p.ron", "--csv"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("id,name,owner,unit,instrument,status,health,"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "\r\nP-01,\"Grønn omstilling, \"\"fase 2\"\"\",Kari Nordmann,\"Kultur\nog idrett\",EU-prosjekt,Active,Amber,2025-03-01,2027-06-30,klima.d1,,2400000,900000,1200000,0,0,1200000,0.375,"
        ),
        "{}",
        r.stdout
    );
    // The last decision, the criteria of the latest score, and no level.
    assert!(r.stdout.ends_with(",1,Adjust,3,3,\r\n"), "{}", r.stdout);
}

#[test]
fn export_refuses_a_broken_file() {
    let dir = file(example_with("sdgs: [12, 13, 15]", "sdgs: [12, 13, 18]"));
    let r = styr_in(dir.path(), &["export", "p.ron", "--csv"]);
    assert_eq!(r.code, Some(2));
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .contains("p.ron:11:28: error: SDG 18 on goal `klima`"),
        "{}",
        r.stderr
    );
}

// ---- help and version ----

/// The subcommands `styr --help` lists (so a new one is covered as soon as it exists).
fn subcommands() -> Vec<String> {
    let help = styr(&["--help"]).stdout;
    let list: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect();
    for known in ["check", "report", "minutes", "export"] {
        assert!(list.iter().any(|c| c == known), "{known} in {list:?}");
    }
    list
}

#[test]
fn help_everywhere() {
    let r = styr(&["--help"]);
    assert_eq!(r.code, Some(0));
    assert!(r.stdout.contains("Usage: styr"), "{}", r.stdout);
    for cmd in subcommands() {
        for flag in ["--help", "-h"] {
            let r = styr(&[&cmd, flag]);
            assert_eq!(r.code, Some(0), "styr {cmd} {flag}: {}", r.stderr);
            assert!(
                r.stdout.contains(&format!("Usage: styr {cmd}")),
                "styr {cmd} {flag}: {}",
                r.stdout
            );
        }
    }
}

#[test]
fn version_at_the_top() {
    let want = format!("styr {}\n", env!("CARGO_PKG_VERSION"));
    for flag in ["--version", "-V"] {
        let r = styr(&[flag]);
        assert_eq!(r.code, Some(0));
        assert_eq!(r.stdout, want);
    }
}

#[test]
fn version_for_every_subcommand() {
    let want = env!("CARGO_PKG_VERSION");
    for cmd in subcommands() {
        let r = styr(&[&cmd, "--version"]);
        assert_eq!(r.code, Some(0), "styr {cmd} --version: {}", r.stderr);
        assert!(
            r.stdout.contains(want),
            "styr {cmd} --version: {}",
            r.stdout
        );
    }
}
