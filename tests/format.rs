//! FORMAT.md's language, field by field: every optional field of every struct may be
//! written plainly, as `Some(…)`, as `None` or left out, and the plain and `Some` forms
//! read the same; a file may start with a byte-order mark; tests/fixtures/full.ron, which
//! uses every field FORMAT.md lists, loads clean and survives a save.

use styr::model::save::to_ron;
use styr::model::{Portfolio, load_bytes, parse};

/// Every optional field of every struct, each written once and plainly, with a value
/// that is not its default (so a field that is read wrongly shows as a difference).
const PLAIN: &str = r#"Portfolio(
    name: "n",
    organisation: "o",
    currency: "EUR",
    as_of: "2026-11-22",
    levels: ["Satsingsområde", "Hovedmål"],
    criteria: [Criterion(id: "goals", name: "G", weight: 3, description: "1 … 5")],
    risk_thresholds: (amber: 4, red: 9),
    goals: [
        Goal(id: "g", title: "G", description: "Målet", sdgs: [13, 15],
             children: [Goal(id: "g.1", title: "G1")]),
    ],
    projects: [
        Project(
            id: "P",
            name: "N",
            owner: "Prosjekteier",
            unit: "Kultur",
            instrument: "EU-prosjekt",
            status: Active,
            health: Amber,
            start: "2026-01-01",
            end: "2026-12-31",
            goals: ["g.1"],
            budget: Budget(planned: 10, spent: 4,
                           funding: [Funding(source: "S", amount: 1, status: Applied)]),
            results: [Result(name: "r", unit: "stk", target: 5, actual: 2, due: "2026-06-30")],
            risks: [Risk(id: "R", title: "t", cause: "Årsak", probability: 2, consequence: 3,
                         mitigation: "Tiltak", owner: "Risikoeier", status: Mitigated)],
            evaluations: [Evaluation(date: "2026-05-01", scores: {"goals": 4}, decision: Adjust,
                                     note: "Notat", by: "Sekretær",
                                     ratings: [Rating(by: "Kari", scores: {"goals": 3})])],
            tags: ["Interreg"],
            level: Regional,
            follow_ups: [FollowUp(text: "Ny plan", owner: "Oppfølger", due: "2026-12-01",
                                  raised: "2026-05-01", done: "2026-06-01", by: "Ola")],
        ),
    ],
    meetings: [
        Meeting(date: "2026-05-01", chair: "Leder", secretary: "Skriver",
                attendees: ["Kari", "Ola"], absent: ["Per"], note: "Møtenotat",
                agenda: ["P"],
                changes: [Change(at: "10:05", by: "Endrer", project: "P", goal: "g.1",
                                 what: "health", from: "Green", to: "Amber")]),
    ],
)
"#;

/// (struct, field, the field as PLAIN writes it). Every optional field FORMAT.md lists.
const OPTIONAL: &[(&str, &str, &str)] = &[
    ("Portfolio", "currency", "currency: \"EUR\""),
    ("Portfolio", "as_of", "as_of: \"2026-11-22\""),
    (
        "Portfolio",
        "levels",
        "levels: [\"Satsingsområde\", \"Hovedmål\"]",
    ),
    (
        "Portfolio",
        "criteria",
        "criteria: [Criterion(id: \"goals\", name: \"G\", weight: 3, description: \"1 … 5\")]",
    ),
    (
        "Portfolio",
        "risk_thresholds",
        "risk_thresholds: (amber: 4, red: 9)",
    ),
    (
        "Portfolio",
        "meetings",
        "meetings: [\n        Meeting(date: \"2026-05-01\", chair: \"Leder\", secretary: \"Skriver\",\n                attendees: [\"Kari\", \"Ola\"], absent: [\"Per\"], note: \"Møtenotat\",\n                agenda: [\"P\"],\n                changes: [Change(at: \"10:05\", by: \"Endrer\", project: \"P\", goal: \"g.1\",\n                                 what: \"health\", from: \"Green\", to: \"Amber\")]),\n    ]",
    ),
    ("Criterion", "description", "description: \"1 … 5\""),
    ("Goal", "description", "description: \"Målet\""),
    ("Goal", "sdgs", "sdgs: [13, 15]"),
    (
        "Goal",
        "children",
        "children: [Goal(id: \"g.1\", title: \"G1\")]",
    ),
    ("Project", "owner", "owner: \"Prosjekteier\""),
    ("Project", "unit", "unit: \"Kultur\""),
    ("Project", "instrument", "instrument: \"EU-prosjekt\""),
    ("Project", "status", "status: Active"),
    ("Project", "health", "health: Amber"),
    ("Project", "start", "start: \"2026-01-01\""),
    ("Project", "end", "end: \"2026-12-31\""),
    ("Project", "goals", "goals: [\"g.1\"]"),
    (
        "Project",
        "budget",
        "budget: Budget(planned: 10, spent: 4,\n                           funding: [Funding(source: \"S\", amount: 1, status: Applied)])",
    ),
    (
        "Project",
        "results",
        "results: [Result(name: \"r\", unit: \"stk\", target: 5, actual: 2, due: \"2026-06-30\")]",
    ),
    (
        "Project",
        "risks",
        "risks: [Risk(id: \"R\", title: \"t\", cause: \"Årsak\", probability: 2, consequence: 3,\n                         mitigation: \"Tiltak\", owner: \"Risikoeier\", status: Mitigated)]",
    ),
    (
        "Project",
        "evaluations",
        "evaluations: [Evaluation(date: \"2026-05-01\", scores: {\"goals\": 4}, decision: Adjust,\n                                     note: \"Notat\", by: \"Sekretær\",\n                                     ratings: [Rating(by: \"Kari\", scores: {\"goals\": 3})])]",
    ),
    ("Project", "tags", "tags: [\"Interreg\"]"),
    ("Project", "level", "level: Regional"),
    (
        "Project",
        "follow_ups",
        "follow_ups: [FollowUp(text: \"Ny plan\", owner: \"Oppfølger\", due: \"2026-12-01\",\n                                  raised: \"2026-05-01\", done: \"2026-06-01\", by: \"Ola\")]",
    ),
    ("Budget", "spent", "spent: 4"),
    (
        "Budget",
        "funding",
        "funding: [Funding(source: \"S\", amount: 1, status: Applied)]",
    ),
    ("Funding", "status", "status: Applied"),
    ("Result", "unit", "unit: \"stk\""),
    ("Result", "actual", "actual: 2"),
    ("Result", "due", "due: \"2026-06-30\""),
    ("Risk", "cause", "cause: \"Årsak\""),
    ("Risk", "mitigation", "mitigation: \"Tiltak\""),
    ("Risk", "owner", "owner: \"Risikoeier\""),
    ("Risk", "status", "status: Mitigated"),
    ("Evaluation", "scores", "scores: {\"goals\": 4}"),
    ("Evaluation", "decision", "decision: Adjust"),
    ("Evaluation", "note", "note: \"Notat\""),
    ("Evaluation", "by", "by: \"Sekretær\""),
    (
        "Evaluation",
        "ratings",
        "ratings: [Rating(by: \"Kari\", scores: {\"goals\": 3})]",
    ),
    ("FollowUp", "owner", "owner: \"Oppfølger\""),
    ("FollowUp", "due", "due: \"2026-12-01\""),
    ("FollowUp", "done", "done: \"2026-06-01\""),
    ("FollowUp", "by", "by: \"Ola\""),
    ("Meeting", "chair", "chair: \"Leder\""),
    ("Meeting", "secretary", "secretary: \"Skriver\""),
    ("Meeting", "attendees", "attendees: [\"Kari\", \"Ola\"]"),
    ("Meeting", "absent", "absent: [\"Per\"]"),
    ("Meeting", "note", "note: \"Møtenotat\""),
    ("Meeting", "agenda", "agenda: [\"P\"]"),
    (
        "Meeting",
        "changes",
        "changes: [Change(at: \"10:05\", by: \"Endrer\", project: \"P\", goal: \"g.1\",\n                                 what: \"health\", from: \"Green\", to: \"Amber\")]",
    ),
    ("Change", "by", "by: \"Endrer\""),
    ("Change", "project", "project: \"P\""),
    ("Change", "goal", "goal: \"g.1\""),
    ("Change", "from", "from: \"Green\""),
    ("Change", "to", "to: \"Amber\""),
];

fn parsed(text: &str, what: &str) -> Portfolio {
    parse(text).unwrap_or_else(|d| panic!("{what}: {d}\n{text}"))
}

/// PLAIN with the one occurrence of `field` replaced.
fn with(field: &str, by: &str) -> String {
    assert_eq!(PLAIN.matches(field).count(), 1, "{field:?} must occur once");
    PLAIN.replacen(field, by, 1)
}

/// PLAIN with `field` left out, and the comma that went with it.
fn without(field: &str) -> String {
    assert_eq!(PLAIN.matches(field).count(), 1, "{field:?} must occur once");
    let at = PLAIN.find(field).unwrap_or(0);
    let end = at + field.len();
    if PLAIN[end..].starts_with(',') {
        format!("{}{}", &PLAIN[..at], &PLAIN[end + 1..])
    } else {
        // The last field of its struct: the comma before it goes.
        let before = PLAIN[..at].trim_end();
        let before = before.strip_suffix(',').unwrap_or(before);
        format!("{before}{}", &PLAIN[end..])
    }
}

#[test]
fn the_table_lists_every_optional_field_once() {
    // 36 fields FORMAT.md had, and the 20 optional ones of `meetings`, `level`,
    // `follow_ups` and `ratings`.
    assert_eq!(OPTIONAL.len(), 56);
    let mut seen = std::collections::HashSet::new();
    for (s, f, text) in OPTIONAL {
        assert!(seen.insert((s, f)), "{s}.{f} twice");
        assert!(text.starts_with(&format!("{f}: ")), "{s}.{f}: {text}");
    }
}

#[test]
fn some_on_every_optional_field_reads_as_the_plain_value() {
    let plain = parsed(PLAIN, "the plain file");
    for (s, f, text) in OPTIONAL {
        let value = &text[f.len() + 2..];
        let some = with(text, &format!("{f}: Some({value})"));
        assert_eq!(
            parsed(&some, &format!("{s}.{f}: Some(…)")),
            plain,
            "{s}.{f}"
        );
        // With spaces and a comment inside, as a hand-written file may have them.
        let spaced = with(text, &format!("{f}: Some ( /* c */ {value} , )"));
        assert_eq!(
            parsed(&spaced, &format!("{s}.{f}: Some ( … )")),
            plain,
            "{s}.{f}"
        );
    }
}

#[test]
fn none_and_leaving_a_field_out_mean_the_same() {
    let plain = parsed(PLAIN, "the plain file");
    for (s, f, text) in OPTIONAL {
        let none = parsed(
            &with(text, &format!("{f}: None")),
            &format!("{s}.{f}: None"),
        );
        let absent = parsed(&without(text), &format!("{s}.{f} left out"));
        assert_eq!(none, absent, "{s}.{f}");
        assert_ne!(
            none, plain,
            "{s}.{f}: the plain value must differ from the default"
        );
    }
}

#[test]
fn the_plain_file_survives_a_save() {
    let p = parsed(PLAIN, "the plain file");
    let saved = to_ron(&p);
    assert_eq!(parsed(&saved, "saved"), p, "{saved}");
    assert!(!saved.contains("Some("), "{saved}");
}

// ---- a byte-order mark ----

const EXAMPLE: &[u8] = include_bytes!("fixtures/example.ron");

fn with_bom(text: &[u8]) -> Vec<u8> {
    let mut b = "\u{feff}".as_bytes().to_vec();
    b.extend_from_slice(text);
    b
}

#[test]
fn a_file_starting_with_a_byte_order_mark_loads_with_the_same_places() {
    let plain = load_bytes(EXAMPLE);
    let marked = load_bytes(&with_bom(EXAMPLE));
    assert_eq!(marked.errors(), 0, "{:#?}", marked.diagnostics);
    assert_eq!(marked.portfolio, plain.portfolio);
    // The one warning stands where it stands without the mark: line 1 column 1 is the
    // character after it.
    assert_eq!(marked.diagnostics, plain.diagnostics);
    assert_eq!(
        marked.diagnostics[0].pos.map(|p| (p.line, p.col)),
        Some((18, 25))
    );
}

#[test]
fn errors_in_a_file_with_a_byte_order_mark_are_placed_after_it() {
    let loaded = load_bytes(&with_bom(
        b"(name: \"n\", organisation: \"o\", goals: [], projects: [], colour: Red)",
    ));
    assert_eq!(loaded.errors(), 1);
    let d = &loaded.diagnostics[0];
    assert_eq!(d.pos.map(|p| (p.line, p.col)), Some((1, 57)), "{d:?}");
    assert!(d.message.contains("unknown field `colour`"), "{d:?}");
    // Bad UTF-8 after the mark: the byte is counted in the file, the place after the mark.
    let loaded = load_bytes(&with_bom(b"(name: \"\xff\")"));
    let d = &loaded.diagnostics[0];
    assert_eq!(d.pos.map(|p| (p.line, p.col)), Some((1, 9)), "{d:?}");
    assert!(d.message.contains("not valid UTF-8 (byte 11)"), "{d:?}");
    // A mark anywhere else is not skipped.
    let loaded =
        load_bytes(b"\n\xef\xbb\xbf(name: \"n\", organisation: \"o\", goals: [], projects: [])");
    assert_eq!(loaded.errors(), 1, "{:#?}", loaded.diagnostics);
    // And `parse`, given the text, skips it as well.
    let text = String::from_utf8(with_bom(EXAMPLE)).unwrap_or_default();
    assert!(parse(&text).is_ok());
}

// ---- every field at once ----

const FULL: &str = include_str!("fixtures/full.ron");

#[test]
fn the_full_fixture_writes_every_field_and_loads_clean() {
    for (s, f, _) in OPTIONAL {
        assert!(
            FULL.contains(&format!("{f}: ")),
            "{s}.{f} is not in full.ron"
        );
    }
    // Both forms of an optional value, and comments of both kinds.
    for form in [
        "status: Some(",
        "status: Rejected",
        "children: Some([",
        "// ",
        "/* ",
    ] {
        assert!(FULL.contains(form), "{form}");
    }
    let loaded = load_bytes(FULL.as_bytes());
    assert_eq!(loaded.diagnostics, [], "no error and no warning");
    let p = loaded.portfolio.expect("a portfolio");
    assert_eq!(p.meetings.len(), 2);
    assert_eq!(p.meetings[1].changes.len(), 3);
    assert_eq!(p.projects[0].evaluations[1].ratings.len(), 2);
    assert_eq!(p.projects[0].follow_ups.len(), 2);
    assert_eq!(p.projects[1].level, Some(styr::model::Level::International));
    assert_eq!(p.risk_thresholds.amber, 6);
}

/// `words` stand in `text` in this order, each after the one before.
#[track_caller]
fn in_order(text: &str, words: &[&str]) {
    let mut from = 0;
    for w in words {
        match text[from..].find(w) {
            Some(k) => from += k + w.len(),
            None => panic!("{w:?} is not after byte {from} in\n{text}"),
        }
    }
}

#[test]
fn the_full_fixture_survives_a_save() {
    let p = parsed(FULL, "full.ron");
    let saved = to_ron(&p);
    assert_eq!(parsed(&saved, "saved full.ron"), p, "{saved}");
    assert_eq!(
        to_ron(&parsed(&saved, "saved full.ron")),
        saved,
        "byte-stable"
    );
    assert_eq!(load_bytes(saved.as_bytes()).diagnostics, []);
    // The new fields in FORMAT.md's order, written plainly.
    in_order(&saved, &["tags: [", "level: Regional", "follow_ups: ["]);
    in_order(
        &saved,
        &[
            "date: \"2026-10-15\",\n            chair:",
            "secretary:",
            "note: \"Høstmøtet\"",
            "agenda:",
            "changes: [",
        ],
    );
    assert!(
        saved.contains("                    at: \"09:40\",\n"),
        "{saved}"
    );
    assert!(!saved.contains("Some("), "{saved}");
}
