use super::*;
use crate::model::parse;

const FILE: &str = r#"(name: "Plan", organisation: "Kommune",
    projects: [
        (id: "A", name: "Alfa", status: Active, evaluations: [
            (date: "2026-10-01", scores: {"goals": 2}, decision: Continue),
            (date: "2026-11-22", scores: {"goals": 4, "results": 3, "budget": 2},
             decision: Adjust, note: "Ny plan\nneste møte", by: "Sekretær"),
        ]),
        (id: "B", name: "Beta | *fet*", evaluations: [(date: "2026-10-01", scores: {"goals": 5})]),
        (id: "C", name: "Gamma"),
    ],
    goals: [],
)"#;

#[test]
fn the_latest_meeting_is_the_default() {
    let p = parse(FILE).unwrap();
    assert_eq!(latest_meeting(&p), Date::parse("2026-11-22"));
    let m = minutes(&p, None, Lang::Nb);
    assert!(
        m.starts_with("# Referat fra styringsmøtet 2026-11-22: Plan\n"),
        "{m}"
    );
    assert!(
        m.contains("## Behandlet (1 prosjekt)\n\n### A Alfa\n"),
        "{m}"
    );
    assert!(
        m.contains("- Score: Måloppnåelse 4 · Resultater 3 · Økonomi 2\n"),
        "{m}"
    );
    // (4×40 + 3×35 + 2×25) / 100 = 3.15, which as a float lies just below 3.15.
    assert!(m.contains("- Vektet sum: 3,1\n"), "{m}");
    assert!(m.contains("- **Vedtak: Juster**\n"), "{m}");
    assert!(m.contains("- Notat: Ny plan\n  neste møte\n"), "{m}");
    assert!(m.contains("- Ført av: Sekretær\n"), "{m}");
    assert!(
        m.contains("## Ikke behandlet på møtet (2 prosjekter)\n"),
        "{m}"
    );
    assert!(m.contains("- B Beta \\| \\*fet\\* (Foreslått)\n"), "{m}");
    assert!(m.contains("- C Gamma (Foreslått)"), "{m}");
    assert!(!m.contains("2026-10-01"), "{m}");
}

#[test]
fn an_earlier_meeting_can_be_chosen() {
    let p = parse(FILE).unwrap();
    let m = minutes(&p, Date::parse("2026-10-01"), Lang::En);
    assert!(m.contains("## Reviewed (2 projects)"), "{m}");
    assert!(m.contains("- **Decision: Continue**"), "{m}");
    assert!(m.contains("- **Decision: (no decision)**"), "{m}");
    assert!(
        m.contains("## Not reviewed at the meeting (1 project)\n\n- C Gamma (Proposed)"),
        "{m}"
    );
}

#[test]
fn a_day_without_evaluations_says_so() {
    let p = parse(FILE).unwrap();
    let m = minutes(&p, Date::parse("2025-01-01"), Lang::En);
    assert!(m.contains("No project was dealt with on this day."), "{m}");
    let empty = parse(r#"(name: "P", organisation: "O", goals: [], projects: [])"#).unwrap();
    assert!(minutes(&empty, None, Lang::En).contains("no evaluations yet"));
}

/// A day's record: a meeting with an agenda out of file order, a change log, follow-ups.
const DAY: &str = r#"(name: "Plan", organisation: "Kommune",
    as_of: "2026-12-01",
    goals: [(id: "g", title: "Mål", children: [(id: "g.1", title: "Delmål")])],
    projects: [
        (id: "A", name: "Alfa", status: Active, health: Red,
         risks: [(id: "R1", title: "Forsinkelse", probability: 4, consequence: 3, mitigation: "Ny plan")],
         evaluations: [(date: "2026-11-22", scores: {"goals": 4}, decision: Adjust, by: "Kari")],
         follow_ups: [
            (text: "Gammel sak", owner: "Per", due: "2026-11-01", raised: "2026-09-01"),
            (text: "Ferdig sak", owner: "Ola", raised: "2026-09-01", done: "2026-11-22"),
         ]),
        (id: "B", name: "Beta", health: Amber),
        (id: "C", name: "Gamma", status: OnHold,
         follow_ups: [(text: "Ny sak", owner: "Liv", due: "2026-12-14", raised: "2026-11-22", by: "Ola")]),
        (id: "D", name: "Delta"),
    ],
    meetings: [(
        date: "2026-11-22", chair: "Ordfører", secretary: "Sekretær",
        attendees: ["Kari", "Per"], absent: ["Liv"], note: "Budsjettmøte",
        agenda: ["C", "A"],
        changes: [
            (at: "10:00", by: "Sekretær", project: "B", what: "health", from: "Green", to: "Red"),
            (at: "10:05", by: "Kari", project: "B", what: "health", from: "Red", to: "Amber"),
            (at: "10:10", by: "Sekretær", project: "A", what: "risks.R1.mitigation", from: "Gammel plan", to: "Ny plan"),
            (at: "10:11", by: "Sekretær", project: "A", what: "risks.R1.probability", from: "3", to: "4"),
            (at: "10:12", by: "Sekretær", project: "A", what: "status", from: "OnHold", to: "Active"),
            (at: "10:13", by: "Sekretær", project: "A", what: "health", from: "Amber", to: "Red"),
            (at: "10:14", by: "Sekretær", project: "A", what: "follow_ups[1].done", to: "2026-11-22"),
            (at: "10:20", by: "Ola", project: "C", what: "follow_ups", to: "Ny sak"),
            (at: "10:21", project: "C", what: "status", from: "Active", to: "Paused"),
            (at: "10:22", project: "C", what: "health", from: "Green", to: "Red"),
            (at: "10:23", project: "C", what: "health", from: "Red", to: "Green"),
            (at: "10:30", goal: "g.1", what: "title", from: "Delmål", to: "Nytt delmål"),
        ],
    )],
)"#;

fn day(lang: Lang) -> String {
    minutes(&parse(DAY).unwrap(), None, lang)
}

/// The text between the heading `from` and the next heading of any level.
fn section<'a>(m: &'a str, from: &str) -> &'a str {
    let start = m.find(from).unwrap_or_else(|| panic!("{from:?} in\n{m}"));
    let rest = &m[start + from.len()..];
    &rest[..rest.find("\n#").map_or(rest.len(), |i| i + 1)]
}

#[test]
fn the_latest_meeting_counts_meeting_records_too() {
    let mut p = parse(DAY).unwrap();
    p.meetings[0].date = Date::parse("2026-12-03").unwrap();
    assert_eq!(latest_meeting(&p), Date::parse("2026-12-03"));
}

#[test]
fn the_header_names_chair_secretary_attendees_absent_and_note() {
    let m = day(Lang::En);
    assert!(
        m.contains(
            "Kommune\n\n- Chair: Ordfører\n- Secretary: Sekretær\n- Present: Kari, Per\n- Absent: Liv\n- Note: Budsjettmøte\n\n## Reviewed (3 projects)\n"
        ),
        "{m}"
    );
    let n = day(Lang::Nb);
    assert!(
        n.contains(
            "- Møteleder: Ordfører\n- Referent: Sekretær\n- Til stede: Kari, Per\n- Forfall: Liv\n"
        ),
        "{n}"
    );
}

#[test]
fn projects_come_in_agenda_order_then_file_order() {
    let m = day(Lang::En);
    let (c, a, b) = (
        m.find("### C Gamma").unwrap(),
        m.find("### A Alfa").unwrap(),
        m.find("### B Beta").unwrap(),
    );
    assert!(c < a && a < b, "{m}");
}

#[test]
fn a_project_with_only_a_health_change_is_dealt_with() {
    let m = day(Lang::En);
    let b = section(&m, "### B Beta\n");
    // First → last, the step between left out; who made the last step, not the secretary.
    assert_eq!(b, "\n- Health: Green → Amber (Kari, 10:05)\n\n", "{m}");
    let not = section(&m, "## Not reviewed at the meeting (1 project)\n");
    assert_eq!(not, "\n- D Delta (Proposed)\n", "{m}");
}

#[test]
fn changes_are_translated_grouped_and_the_secretarys_go_unsigned() {
    let m = day(Lang::En);
    let a = section(&m, "### A Alfa\n");
    assert_eq!(
        a,
        "\n- Scores: Måloppnåelse 4 · Resultater – · Økonomi –\n\
         - Weighted total: 4.0 · 1 of 3\n\
         - **Decision: Adjust**\n\
         - Recorded by: Kari\n\
         - Health: Amber → Red\n\
         - Status: On hold → Active\n\
         - Risk R1 Forsinkelse, probability: 3 → 4\n\
         - Risk R1 Forsinkelse, mitigation: “Gammel plan” → “Ny plan”\n\
         - Follow-up done: Ferdig sak — Ola (raised 2026-09-01)\n\n",
        "{m}"
    );
    let n = day(Lang::Nb);
    let a = section(&n, "### A Alfa\n");
    assert!(a.contains("- Vektet sum: 4,0 · 1 av 3\n"), "{n}");
    assert!(
        a.contains("- Helse: Gul → Rød\n- Status: På vent → Aktiv\n"),
        "{n}"
    );
    assert!(
        a.contains("- Risiko R1 Forsinkelse, tiltak: «Gammel plan» → «Ny plan»\n"),
        "{n}"
    );
    assert!(
        a.contains("- Oppfølgingspunkt utført: Ferdig sak — Ola (fra møtet 2026-09-01)\n"),
        "{n}"
    );
}

#[test]
fn a_new_follow_up_is_told_once_an_unknown_value_as_written_and_a_round_trip_step_by_step() {
    let m = day(Lang::En);
    let c = section(&m, "### C Gamma\n");
    assert_eq!(
        c,
        "\n- Health: Green → Red → Green\n\
         - Status: Active → Paused\n\
         - New follow-up: Ny sak — Liv, due 2026-12-14 (Ola, 10:20)\n\n",
        "{m}"
    );
}

#[test]
fn goal_changes_have_a_section_of_their_own() {
    let m = day(Lang::En);
    assert!(
        m.contains("## Other changes (1)\n\n- Goal g.1 Delmål, title: “Delmål” → “Nytt delmål”\n"),
        "{m}"
    );
}

#[test]
fn every_open_follow_up_is_listed_overdue_first() {
    let m = day(Lang::En);
    let open = section(&m, "## Open follow-ups (2)\n");
    assert_eq!(
        open,
        "\n- **Overdue, due 2026-11-01** · A Alfa: Gammel sak — Per\n\
         - Due 2026-12-14 · C Gamma: Ny sak — Liv\n\n",
        "{m}"
    );
    // At an earlier meeting: what was open then (the one raised later is not).
    let p = parse(DAY).unwrap();
    let early = minutes(&p, Date::parse("2026-10-01"), Lang::Nb);
    let open = section(&early, "## Åpne oppfølgingspunkter (2)\n");
    assert_eq!(
        open,
        "\n- Frist 2026-11-01 · A Alfa: Gammel sak — Per\n- Ingen frist · A Alfa: Ferdig sak — Ola\n\n",
        "{early}"
    );
    assert!(
        early.contains("Møtet behandlet ingen prosjekter denne dagen."),
        "{early}"
    );
}

#[test]
fn a_follow_up_known_only_from_the_log_and_a_project_gone_from_the_file() {
    let text = DAY.replace(
        r#"(at: "10:30", goal"#,
        r#"(at: "10:25", by: "Kari", project: "Z", what: "health", from: "Green", to: "Red"),
            (at: "10:26", project: "A", what: "follow_ups", to: "Slettet sak"),
            (at: "10:27", project: "A", what: "follow_ups[0].owner", from: "Ola", to: "Per"),
            (at: "10:30", goal"#,
    );
    let m = minutes(&parse(&text).unwrap(), None, Lang::En);
    assert!(m.contains("- New follow-up: Slettet sak\n"), "{m}");
    assert!(
        m.contains("- Follow-up “Gammel sak”: owner Ola → Per\n"),
        "{m}"
    );
    let z = section(&m, "### Z (no longer in the file)\n");
    assert_eq!(z, "\n- Health: Green → Red (Kari, 10:25)\n\n", "{m}");
    assert!(m.contains("## Reviewed (4 projects)"), "{m}");
}

#[test]
fn hostile_text_in_follow_ups_owners_and_by_comes_out_inert() {
    let evil = "\u{1b}]0;pwned\u{7}# Overskrift [x](javascript:alert(1)) <b>*fet*</b>\n# ny linje";
    let mut p = parse(DAY).unwrap();
    let e = evil.to_string();
    p.projects[2].follow_ups[0].text = e.clone();
    p.projects[2].follow_ups[0].owner = Some(e.clone());
    p.projects[0].evaluations[0].by = Some(e.clone());
    p.meetings[0].changes[7].by = Some(e.clone());
    p.meetings[0].changes[7].to = Some(e.clone());
    p.meetings[0].changes[1].by = Some(e.clone());
    p.meetings[0].changes[2].to = Some(e.clone());
    p.meetings[0].attendees.push(e.clone());
    for l in [Lang::En, Lang::Nb] {
        let m = minutes(&p, None, l);
        assert!(
            !m.chars()
                .any(|c| c != '\n' && crate::sanitize::is_unsafe(c)),
            "{m:?}"
        );
        let shown = "␛\\]0;pwned␇\\# Overskrift \\[x\\](javascript:alert(1)) \\<b\\>\\*fet\\*\\</b\\>␊\\# ny linje";
        // The follow-up's text and owner, the evaluation's and two changes' `by`, a risk's
        // new value and an attendee: each escaped where it stands.
        assert!(m.matches(shown).count() >= 7, "{m}");
        for line in m.lines() {
            assert!(
                !line.starts_with("# ")
                    || line.starts_with("# Minutes")
                    || line.starts_with("# Referat"),
                "{line}"
            );
            // No link: every bracket escaped.
            assert!(!line.replace("\\]", "").contains("]("), "{line}");
        }
    }
}

#[test]
fn a_follow_up_raised_and_done_at_the_same_meeting_says_so_and_is_not_open() {
    let text = DAY.replace(
        r#"raised: "2026-11-22", by: "Ola")"#,
        r#"raised: "2026-11-22", done: "2026-11-22", by: "Ola")"#,
    );
    let m = minutes(&parse(&text).unwrap(), None, Lang::En);
    assert!(
        m.contains(
            "- New follow-up: Ny sak — Liv, due 2026-12-14, done at the meeting (Ola, 10:20)\n"
        ),
        "{m}"
    );
    assert!(m.contains("## Open follow-ups (1)\n"), "{m}");
}

#[test]
fn a_scoring_round_is_written_per_criterion_with_its_spread_and_disagreement_marked() {
    let file = r#"(name: "Plan", organisation: "Kommune",
    criteria: [
        (id: "goals", name: "Måloppnåelse", weight: 40),
        (id: "x", name: "Fare *fet* | \u{1b}[2J", weight: 30),
        (id: "budget", name: "Økonomi", weight: 30),
    ],
    projects: [
        (id: "A", name: "Alfa", evaluations: [
            (date: "2026-11-22", scores: {"goals": 4}, decision: Continue, ratings: [
                (by: "Knut", scores: {"goals": 5, "x": 1}),
                (by: "Aisha", scores: {"goals": 3, "x": 2}),
                (by: "Ida", scores: {"goals": 4}),
            ]),
        ]),
    ],
    goals: [],
)"#;
    let p = parse(file).unwrap();
    let en = minutes(&p, None, Lang::En);
    assert!(
        en.contains(
            "- Weighted total: 4.0 · 1 of 3\n\
             - Scoring round, 3 seats:\n  \
             - Måloppnåelse 4 · seats 3, 4, 5 · spread 2 · **disagreement**\n  \
             - Fare \\*fet\\* \\| ␛\\[2J – · seats 2, 1 · spread 1\n\
             - **Decision: Continue**\n"
        ),
        "{en}"
    );
    let nb = minutes(&p, None, Lang::Nb);
    assert!(
        nb.contains(
            "- Vurderingsrunde, 3 medlemmer:\n  \
             - Måloppnåelse 4 · medlemmene 3, 4, 5 · sprik 2 · **uenighet**\n"
        ),
        "{nb}"
    );
    assert!(
        !nb.contains("Økonomi – · "),
        "no one scored it: no line\n{nb}"
    );
    assert!(!en.contains('\u{1b}'), "{en}");
}
