//! Writing a portfolio back as text: the stable form of FORMAT.md "Saving".
//!
//! A small hand-written emitter rather than ron's `PrettyConfig`, so that every layout
//! choice is explicit and fixed:
//!
//! - 4-space indentation; struct names written (`Portfolio(`, `Goal(`, `Project(`, ...);
//!   every struct one field per line, in FORMAT.md's field order, except
//!   `risk_thresholds: (amber: 5, red: 10)`.
//! - Optional fields left out when absent or at their default (as types.rs's serde
//!   attributes say); `health: Amber`, never `Some(Amber)`.
//! - Amounts with `_` thousands separators (`2_400_000`); dates `"YYYY-MM-DD"`, times `"HH:MM"`; whole
//!   numbers without `.0`; other numbers in Rust's shortest round-trip form.
//! - Lists of scalars (`levels`, `sdgs`, `goals`, `tags`, `attendees`, `absent`, `agenda`)
//!   on one line while that line stays within [`WIDTH`] characters, one item per line
//!   otherwise; scores (an evaluation's, a rating's) always as one line,
//!   `scores: {"goals": 4, "results": 3}`.
//! - Strings escaped for RON: `\"`, `\\`, `\n`, `\r`, `\t`, `\0`, and `\u{..}` for other
//!   control characters and for bidi/invisible format characters (so a diff shows them);
//!   all other text kept as UTF-8.
//!
//! So one change in a meeting is one small diff, and `to_ron(parse(to_ron(p))) ==
//! to_ron(p)` byte for byte. The structs are destructured field by field below: a field
//! added to types.rs without a place here is a compile error, not a field silently lost.
//!
//! Values that cannot be in a loaded file are written as well as they can be, but will
//! not load back: a non-finite number, or a date outside the years 0000–9999.

use indexmap::IndexMap;

use super::types::{
    Budget, Change, Criterion, Date, Decision, Evaluation, FollowUp, Funding, FundingStatus, Goal,
    Health, Level, MeasuredResult, Meeting, Number, Portfolio, Project, Rating, Risk, RiskStatus,
    RiskThresholds, Status, default_criteria,
};

/// Lists of scalars stay on one line up to this many characters (indentation included).
pub const WIDTH: usize = 100;

const INDENT: &str = "    ";

/// The portfolio as the text styr saves: pretty, stable, ending in a newline.
pub fn to_ron(p: &Portfolio) -> String {
    let mut w = Writer::default();
    w.portfolio(p);
    w.out.push('\n');
    w.out
}

#[derive(Default)]
struct Writer {
    out: String,
    depth: usize,
}

impl Writer {
    fn pad(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str(INDENT);
        }
    }

    /// `Name(` and a newline; fields follow one level deeper.
    fn open(&mut self, name: &str) {
        self.out.push_str(name);
        self.out.push_str("(\n");
        self.depth += 1;
    }

    /// The closing `)` at the struct's own level (the caller adds `,` if it needs one).
    fn close(&mut self) {
        self.depth -= 1;
        self.pad();
        self.out.push(')');
    }

    /// `key: value,` on a line of its own.
    fn field(&mut self, key: &str, value: &str) {
        self.pad();
        self.out.push_str(key);
        self.out.push_str(": ");
        self.out.push_str(value);
        self.out.push_str(",\n");
    }

    fn opt_str(&mut self, key: &str, value: &Option<String>) {
        if let Some(v) = value {
            self.field(key, &string(v));
        }
    }

    fn opt_date(&mut self, key: &str, value: &Option<Date>) {
        if let Some(d) = value {
            self.field(key, &date(*d));
        }
    }

    /// A list of scalars: one line when it fits in [`WIDTH`], else one item per line.
    fn scalars(&mut self, key: &str, items: &[String]) {
        let inline = format!("[{}]", items.join(", "));
        let width =
            self.depth * INDENT.len() + key.chars().count() + 2 + inline.chars().count() + 1;
        if items.is_empty() || width <= WIDTH {
            self.field(key, &inline);
            return;
        }
        self.pad();
        self.out.push_str(key);
        self.out.push_str(": [\n");
        self.depth += 1;
        for item in items {
            self.pad();
            self.out.push_str(item);
            self.out.push_str(",\n");
        }
        self.depth -= 1;
        self.pad();
        self.out.push_str("],\n");
    }

    /// A list of structs, each written by `item` starting at the current position.
    fn structs<T>(&mut self, key: &str, items: &[T], mut item: impl FnMut(&mut Self, &T)) {
        self.pad();
        self.out.push_str(key);
        if items.is_empty() {
            self.out.push_str(": [],\n");
            return;
        }
        self.out.push_str(": [\n");
        self.depth += 1;
        for it in items {
            self.pad();
            item(self, it);
            self.out.push_str(",\n");
        }
        self.depth -= 1;
        self.pad();
        self.out.push_str("],\n");
    }

    fn portfolio(&mut self, p: &Portfolio) {
        let Portfolio {
            name,
            organisation,
            currency,
            as_of,
            levels,
            criteria,
            risk_thresholds,
            goals,
            projects,
            meetings,
        } = p;
        self.open("Portfolio");
        self.field("name", &string(name));
        self.field("organisation", &string(organisation));
        if currency != "NOK" {
            self.field("currency", &string(currency));
        }
        self.opt_date("as_of", as_of);
        if !levels.is_empty() {
            self.scalars("levels", &strings(levels));
        }
        if *criteria != default_criteria() {
            self.structs("criteria", criteria, Self::criterion);
        }
        if *risk_thresholds != RiskThresholds::default() {
            let RiskThresholds { amber, red } = risk_thresholds;
            self.field("risk_thresholds", &format!("(amber: {amber}, red: {red})"));
        }
        self.structs("goals", goals, Self::goal);
        self.structs("projects", projects, Self::project);
        if !meetings.is_empty() {
            self.structs("meetings", meetings, Self::meeting);
        }
        self.close();
    }

    fn criterion(&mut self, c: &Criterion) {
        let Criterion {
            id,
            name,
            weight,
            description,
        } = c;
        self.open("Criterion");
        self.field("id", &string(id));
        self.field("name", &string(name));
        self.field("weight", &weight.to_string());
        self.opt_str("description", description);
        self.close();
    }

    fn goal(&mut self, g: &Goal) {
        let Goal {
            id,
            title,
            description,
            sdgs,
            children,
        } = g;
        self.open("Goal");
        self.field("id", &string(id));
        self.field("title", &string(title));
        self.opt_str("description", description);
        if !sdgs.is_empty() {
            let sdgs: Vec<String> = sdgs.iter().map(i64::to_string).collect();
            self.scalars("sdgs", &sdgs);
        }
        if !children.is_empty() {
            self.structs("children", children, Self::goal);
        }
        self.close();
    }

    fn project(&mut self, pr: &Project) {
        let Project {
            id,
            name,
            owner,
            unit,
            instrument,
            status,
            health,
            start,
            end,
            goals,
            budget,
            results,
            risks,
            evaluations,
            tags,
            level,
            follow_ups,
        } = pr;
        self.open("Project");
        self.field("id", &string(id));
        self.field("name", &string(name));
        self.opt_str("owner", owner);
        self.opt_str("unit", unit);
        self.opt_str("instrument", instrument);
        if *status != Status::default() {
            self.field("status", status_name(*status));
        }
        if let Some(h) = health {
            self.field("health", health_name(*h));
        }
        self.opt_date("start", start);
        self.opt_date("end", end);
        if !goals.is_empty() {
            self.scalars("goals", &strings(goals));
        }
        if let Some(b) = budget {
            self.pad();
            self.out.push_str("budget: ");
            self.budget(b);
            self.out.push_str(",\n");
        }
        if !results.is_empty() {
            self.structs("results", results, Self::result);
        }
        if !risks.is_empty() {
            self.structs("risks", risks, Self::risk);
        }
        if !evaluations.is_empty() {
            self.structs("evaluations", evaluations, Self::evaluation);
        }
        if !tags.is_empty() {
            self.scalars("tags", &strings(tags));
        }
        if let Some(l) = level {
            self.field("level", level_name(*l));
        }
        if !follow_ups.is_empty() {
            self.structs("follow_ups", follow_ups, Self::follow_up);
        }
        self.close();
    }

    fn budget(&mut self, b: &Budget) {
        let Budget {
            planned,
            spent,
            funding,
        } = b;
        self.open("Budget");
        self.field("planned", &amount(*planned));
        if *spent != 0 {
            self.field("spent", &amount(*spent));
        }
        if !funding.is_empty() {
            self.structs("funding", funding, Self::funding);
        }
        self.close();
    }

    fn funding(&mut self, f: &Funding) {
        let Funding {
            source,
            amount: sum,
            status,
        } = f;
        self.open("Funding");
        self.field("source", &string(source));
        self.field("amount", &amount(*sum));
        if *status != FundingStatus::default() {
            self.field("status", funding_status_name(*status));
        }
        self.close();
    }

    fn result(&mut self, r: &MeasuredResult) {
        let MeasuredResult {
            name,
            unit,
            target,
            actual,
            due,
        } = r;
        self.open("Result");
        self.field("name", &string(name));
        self.opt_str("unit", unit);
        self.field("target", &number(*target));
        if *actual != Number::default() {
            self.field("actual", &number(*actual));
        }
        self.opt_date("due", due);
        self.close();
    }

    fn risk(&mut self, r: &Risk) {
        let Risk {
            id,
            title,
            cause,
            probability,
            consequence,
            mitigation,
            owner,
            status,
        } = r;
        self.open("Risk");
        self.field("id", &string(id));
        self.field("title", &string(title));
        self.opt_str("cause", cause);
        self.field("probability", &probability.to_string());
        self.field("consequence", &consequence.to_string());
        self.opt_str("mitigation", mitigation);
        self.opt_str("owner", owner);
        if *status != RiskStatus::default() {
            self.field("status", risk_status_name(*status));
        }
        self.close();
    }

    fn evaluation(&mut self, e: &Evaluation) {
        let Evaluation {
            date: day,
            scores: marks,
            decision,
            note,
            by,
            ratings,
        } = e;
        self.open("Evaluation");
        self.field("date", &date(*day));
        if !marks.is_empty() {
            self.field("scores", &scores(marks));
        }
        if let Some(d) = decision {
            self.field("decision", decision_name(*d));
        }
        self.opt_str("note", note);
        self.opt_str("by", by);
        if !ratings.is_empty() {
            self.structs("ratings", ratings, Self::rating);
        }
        self.close();
    }

    fn rating(&mut self, r: &Rating) {
        let Rating { by, scores: marks } = r;
        self.open("Rating");
        self.field("by", &string(by));
        self.field("scores", &scores(marks));
        self.close();
    }

    fn follow_up(&mut self, f: &FollowUp) {
        let FollowUp {
            text,
            owner,
            due,
            raised,
            done,
            by,
        } = f;
        self.open("FollowUp");
        self.field("text", &string(text));
        self.opt_str("owner", owner);
        self.opt_date("due", due);
        self.field("raised", &date(*raised));
        self.opt_date("done", done);
        self.opt_str("by", by);
        self.close();
    }

    fn meeting(&mut self, m: &Meeting) {
        let Meeting {
            date: day,
            chair,
            secretary,
            attendees,
            absent,
            note,
            agenda,
            changes,
        } = m;
        self.open("Meeting");
        self.field("date", &date(*day));
        self.opt_str("chair", chair);
        self.opt_str("secretary", secretary);
        if !attendees.is_empty() {
            self.scalars("attendees", &strings(attendees));
        }
        if !absent.is_empty() {
            self.scalars("absent", &strings(absent));
        }
        self.opt_str("note", note);
        if !agenda.is_empty() {
            self.scalars("agenda", &strings(agenda));
        }
        if !changes.is_empty() {
            self.structs("changes", changes, Self::change);
        }
        self.close();
    }

    fn change(&mut self, c: &Change) {
        let Change {
            at,
            by,
            project,
            goal,
            what,
            from,
            to,
        } = c;
        self.open("Change");
        self.field("at", &format!("\"{at}\""));
        self.opt_str("by", by);
        self.opt_str("project", project);
        self.opt_str("goal", goal);
        self.field("what", &string(what));
        self.opt_str("from", from);
        self.opt_str("to", to);
        self.close();
    }
}

fn strings(items: &[String]) -> Vec<String> {
    items.iter().map(|s| string(s)).collect()
}

/// `{"goals": 4, "results": 3}`, in the map's own order.
fn scores(m: &IndexMap<String, i64>) -> String {
    let parts: Vec<String> = m
        .iter()
        .map(|(k, v)| format!("{}: {v}", string(k)))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

/// A RON string literal. Quotes, backslashes and control characters are escaped, and so
/// are bidi and invisible format characters; everything else stays as UTF-8.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if needs_unicode_escape(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters a reader of the file (or of a diff) should see as escapes, not raw.
fn needs_unicode_escape(c: char) -> bool {
    crate::sanitize::is_unsafe(c)
        || matches!(
            c,
            '\u{200B}'
                ..='\u{200D}' // zero-width space, non-joiner, joiner
                | '\u{2028}' | '\u{2029}' // line and paragraph separators
                | '\u{FEFF}' // byte order mark / zero-width no-break space
        )
}

/// `2_400_000`, `-950`, `0`.
pub fn amount(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if v < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    out
}

/// Whole numbers as integers (`12`), others in the shortest form that reads back to the
/// same value (`0.5`, `1e-7`, `1e300`).
pub fn number(n: Number) -> String {
    let v = n.0;
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        (v as i64).to_string()
    } else {
        format!("{v:?}")
    }
}

fn date(d: Date) -> String {
    format!("\"{d}\"")
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Proposed => "Proposed",
        Status::Active => "Active",
        Status::OnHold => "OnHold",
        Status::Completed => "Completed",
        Status::Stopped => "Stopped",
    }
}

fn health_name(h: Health) -> &'static str {
    match h {
        Health::Green => "Green",
        Health::Amber => "Amber",
        Health::Red => "Red",
    }
}

fn funding_status_name(s: FundingStatus) -> &'static str {
    match s {
        FundingStatus::Applied => "Applied",
        FundingStatus::Granted => "Granted",
        FundingStatus::Rejected => "Rejected",
    }
}

fn risk_status_name(s: RiskStatus) -> &'static str {
    match s {
        RiskStatus::Open => "Open",
        RiskStatus::Mitigated => "Mitigated",
        RiskStatus::Closed => "Closed",
    }
}

fn level_name(l: Level) -> &'static str {
    match l {
        Level::Local => "Local",
        Level::Regional => "Regional",
        Level::National => "National",
        Level::International => "International",
    }
}

fn decision_name(d: Decision) -> &'static str {
    match d {
        Decision::Continue => "Continue",
        Decision::Adjust => "Adjust",
        Decision::Pause => "Pause",
        Decision::Stop => "Stop",
        Decision::Approve => "Approve",
        Decision::Complete => "Complete",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse;

    fn seeds() -> [(&'static str, &'static str); 5] {
        [
            ("akershus", include_str!("../../data/akershus.ron")),
            ("fredrikstad", include_str!("../../data/fredrikstad.ron")),
            ("hamar", include_str!("../../data/hamar.ron")),
            ("lillestrom", include_str!("../../data/lillestrom.ron")),
            ("example", include_str!("../../tests/fixtures/example.ron")),
        ]
    }

    #[test]
    fn every_seed_round_trips_and_is_byte_stable() {
        for (name, text) in seeds() {
            let p = parse(text).unwrap_or_else(|d| panic!("{name}: {}", d.message));
            let once = to_ron(&p);
            let back = parse(&once).unwrap_or_else(|d| panic!("{name}: {}\n{once}", d.message));
            assert_eq!(back, p, "{name}: data changed on the way");
            assert_eq!(
                to_ron(&back),
                once,
                "{name}: bytes changed on the second save"
            );
        }
    }

    #[test]
    fn the_format_example_is_written_in_the_stable_form() {
        let p = parse(include_str!("../../tests/fixtures/example.ron")).unwrap();
        let expected = r#"Portfolio(
    name: "Internasjonalt arbeid 2025–2027",
    organisation: "Lillestrøm kommune",
    as_of: "2026-11-22",
    levels: ["Satsingsområde", "Hovedmål", "Delmål"],
    goals: [
        Goal(
            id: "klima",
            title: "Klima og miljø",
            sdgs: [12, 13, 15],
            children: [
                Goal(
                    id: "klima.h",
                    title: "Omstille til lavutslippssamfunnet, forhindre tap av naturverdier og håndtere klimaendringer",
                    children: [
                        Goal(
                            id: "klima.d1",
                            title: "Mindre ressursbruk og lavere utslipp gjennom kostnadseffektive tiltak",
                        ),
                        Goal(
                            id: "klima.d2",
                            title: "Redusere fotavtrykket fra egen virksomhet",
                        ),
                    ],
                ),
            ],
        ),
    ],
    projects: [
        Project(
            id: "P-01",
            name: "Grønn omstilling i kulturnæringen",
            owner: "Kari Nordmann",
            unit: "Kultur",
            instrument: "EU-prosjekt",
            status: Active,
            health: Amber,
            start: "2025-03-01",
            end: "2027-06-30",
            goals: ["klima.d1"],
            budget: Budget(
                planned: 2_400_000,
                spent: 900_000,
                funding: [
                    Funding(
                        source: "Interreg Øresund-Kattegat-Skagerrak",
                        amount: 1_200_000,
                    ),
                ],
            ),
            results: [
                Result(
                    name: "Workshops med bedrifter",
                    unit: "stk",
                    target: 12,
                    actual: 5,
                    due: "2026-12-31",
                ),
            ],
            risks: [
                Risk(
                    id: "R1",
                    title: "Partner trekker seg",
                    probability: 3,
                    consequence: 4,
                    mitigation: "Avtale med reservepartner",
                    owner: "Kari Nordmann",
                ),
            ],
            evaluations: [
                Evaluation(
                    date: "2026-10-15",
                    scores: {"goals": 4, "results": 3, "budget": 2},
                    decision: Adjust,
                    note: "Ny framdriftsplan til neste møte",
                ),
            ],
        ),
    ],
)
"#;
        assert_eq!(to_ron(&p), expected);
    }

    /// Lines of `b` that are not at the same place in `a` (both have the same line count).
    fn changed_lines(a: &str, b: &str) -> Vec<(usize, String, String)> {
        let (la, lb): (Vec<_>, Vec<_>) = (a.lines().collect(), b.lines().collect());
        assert_eq!(la.len(), lb.len(), "the line count changed");
        la.iter()
            .zip(&lb)
            .enumerate()
            .filter(|(_, (x, y))| x != y)
            .map(|(i, (x, y))| (i + 1, x.to_string(), y.to_string()))
            .collect()
    }

    #[test]
    fn one_changed_score_changes_one_line() {
        let p = parse(include_str!("../../data/lillestrom.ron")).unwrap();
        let before = to_ron(&p);
        let mut q = p.clone();
        let (pi, ei) = q
            .projects
            .iter()
            .enumerate()
            .find_map(|(i, pr)| (pr.evaluations.len() > 1).then_some((i, 0)))
            .expect("a project with more than one evaluation");
        let ev = &mut q.projects[pi].evaluations[ei];
        let (_, v) = ev.scores.first_mut().expect("a scored evaluation");
        *v = if *v == 5 { 1 } else { *v + 1 };
        let after = to_ron(&q);
        let diff = changed_lines(&before, &after);
        assert_eq!(diff.len(), 1, "{diff:?}");
        assert!(diff[0].2.trim_start().starts_with("scores: {"), "{diff:?}");
    }

    #[test]
    fn a_new_decision_adds_one_line() {
        let p = parse(include_str!("../../tests/fixtures/example.ron")).unwrap();
        let before = to_ron(&p);
        let mut q = p.clone();
        q.projects[0].evaluations[0].decision = Some(Decision::Stop);
        let after = to_ron(&q);
        assert_eq!(changed_lines(&before, &after).len(), 1);
        q.projects[0].evaluations[0].by = Some("Ola".into());
        let with_by = to_ron(&q);
        assert_eq!(with_by.lines().count(), after.lines().count() + 1);
    }

    #[test]
    fn strings_are_escaped_for_ron() {
        assert_eq!(string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(string("x\ny\r\tz\0"), r#""x\ny\r\tz\0""#);
        assert_eq!(
            string("\u{1b}[2J\u{7f}\u{9b}"),
            r#""\u{1b}[2J\u{7f}\u{9b}""#
        );
        assert_eq!(string("a\u{202e}b\u{200b}"), r#""a\u{202e}b\u{200b}""#);
        assert_eq!(
            string("æøå – “quotes” 🙂 // /* */"),
            "\"æøå – “quotes” 🙂 // /* */\""
        );
    }

    #[test]
    fn amounts_get_thousands_separators() {
        assert_eq!(amount(0), "0");
        assert_eq!(amount(950), "950");
        assert_eq!(amount(1_000), "1_000");
        assert_eq!(amount(-2_400_000), "-2_400_000");
        assert_eq!(amount(i64::MIN), "-9_223_372_036_854_775_808");
        assert_eq!(amount(i64::MAX), "9_223_372_036_854_775_807");
    }

    #[test]
    fn numbers_are_whole_when_they_can_be() {
        assert_eq!(number(Number(12.0)), "12");
        assert_eq!(number(Number(-3.0)), "-3");
        assert_eq!(number(Number(-0.0)), "0");
        assert_eq!(number(Number(0.5)), "0.5");
        assert_eq!(number(Number(1e-7)), "1e-7");
        assert_eq!(number(Number(1e300)), "1e300");
    }

    #[test]
    fn long_scalar_lists_go_one_per_line() {
        let mut p = parse(include_str!("../../tests/fixtures/example.ron")).unwrap();
        p.projects[0].tags = (0..20).map(|i| format!("tag-{i}")).collect();
        let text = to_ron(&p);
        assert!(text.contains("            tags: [\n                \"tag-0\",\n"));
        assert_eq!(parse(&text).unwrap(), p);
    }

    #[test]
    fn defaults_are_left_out_and_others_written() {
        let mut p = parse(include_str!("../../tests/fixtures/example.ron")).unwrap();
        let text = to_ron(&p);
        for absent in ["currency", "criteria", "risk_thresholds", "Some("] {
            assert!(!text.contains(absent), "{absent} in\n{text}");
        }
        p.currency = "EUR".into();
        p.risk_thresholds = RiskThresholds { amber: 4, red: 12 };
        p.criteria.truncate(2);
        p.projects[0].budget.as_mut().unwrap().funding[0].status = FundingStatus::Applied;
        p.projects[0].risks[0].status = RiskStatus::Closed;
        p.projects[0].results[0].actual = Number(0.0);
        let text = to_ron(&p);
        assert!(text.contains("    currency: \"EUR\",\n"));
        assert!(text.contains("    risk_thresholds: (amber: 4, red: 12),\n"));
        assert!(text.contains("    criteria: [\n        Criterion(\n            id: \"goals\",\n"));
        assert!(text.contains("status: Applied,"));
        assert!(text.contains("status: Closed,"));
        assert!(!text.contains("actual:"));
        assert_eq!(parse(&text).unwrap(), p);
    }

    #[test]
    fn empty_required_lists_are_written() {
        let p = parse(r#"(name: "n", organisation: "o", goals: [], projects: [])"#).unwrap();
        assert_eq!(
            to_ron(&p),
            "Portfolio(\n    name: \"n\",\n    organisation: \"o\",\n    goals: [],\n    projects: [],\n)\n"
        );
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::to_ron;
    use crate::model::parse;
    use crate::model::save_strategy::portfolio;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn saved_text_loads_back_to_the_same_portfolio(p in portfolio()) {
            let text = to_ron(&p);
            let back = parse(&text).map_err(|d| {
                TestCaseError::fail(format!("{}\n{text}", d.message))
            })?;
            prop_assert_eq!(&back, &p);
            prop_assert_eq!(to_ron(&back), text);
        }
    }
}
