//! `styr minutes` writes the meeting's whole record (issue 11 point 8), run as a user runs
//! it: on tests/fixtures/meeting.ron (a meeting as styr records it: header, agenda, change
//! log, evaluations, follow-ups) in both languages, and on a meeting recorded here through
//! styr's own edits and saved, so the minutes read what the recorder writes.

use std::path::Path;
use std::process::Command;

use styr::model::edit::{Edit, History, MeetingRecord, Stamp};
use styr::model::splice::save_text;
use styr::model::{Date, Decision, FollowUp, Health, Status, Time, parse};

const MEETING: &str = "tests/fixtures/meeting.ron";
const SMALL: &str = include_str!("fixtures/small.ron");

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Run styr in `dir` with English program text (`--lang` overrides it).
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
        "{args:?}:\n{}",
        run.stderr
    );
    run
}

fn styr(args: &[&str]) -> Run {
    styr_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn minutes(lang: &str) -> String {
    let r = styr(&["minutes", MEETING, "--lang", lang]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    r.stdout
}

/// The text from the line `from` up to the next heading of any level.
fn section<'a>(m: &'a str, from: &str) -> &'a str {
    let start = m
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} is not in\n{m}"));
    let rest = &m[start + from.len()..];
    &rest[..rest.find("\n#").map_or(rest.len(), |i| i + 1)]
}

#[test]
fn the_fixture_loads() {
    let r = styr(&["check", MEETING]);
    assert_eq!(r.code, Some(0), "{}", r.stdout);
    assert!(r.stdout.contains("0 errors"), "{}", r.stdout);
}

#[test]
fn minutes_of_the_meeting_in_english() {
    insta::assert_snapshot!("meeting_en", minutes("en"));
}

#[test]
fn minutes_of_the_meeting_in_norwegian() {
    insta::assert_snapshot!("meeting_nb", minutes("nb"));
}

#[test]
fn the_latest_meeting_is_the_default_and_can_be_named() {
    let named = styr(&["minutes", MEETING, "--lang", "en", "--date", "2026-11-22"]);
    assert_eq!(named.stdout, minutes("en"));
    // An earlier meeting has none of this day's record, and the follow-ups open then.
    let early = styr(&["minutes", MEETING, "--lang", "en", "--date", "2026-09-17"]);
    assert!(!early.stdout.contains("Anne Lie"), "{}", early.stdout);
    assert!(
        early.stdout.contains(
            "- Due 2026-11-20 · T-01 Klimavennlige formålsbygg: Legg fram ny framdriftsplan — Siri Haugen\n"
        ),
        "{}",
        early.stdout
    );
}

#[test]
fn the_header_lists_who_chaired_kept_the_record_came_and_sent_apologies() {
    let m = minutes("en");
    assert!(
        m.contains(
            "Testkommune\n\n- Chair: Anne Lie\n- Secretary: Marte Aas\n\
             - Present: Anne Lie, Siri Haugen, Per Ivar Sund, Kari Nordmann\n\
             - Absent: Ola Berg\n\
             - Note: Budsjettrevisjon før årsskiftet.\n  Neste møte 20. januar.\n\n## Reviewed"
        ),
        "{m}"
    );
    let n = minutes("nb");
    assert!(
        n.contains("- Møteleder: Anne Lie\n- Referent: Marte Aas\n- Til stede: Anne Lie, Siri Haugen, Per Ivar Sund, Kari Nordmann\n- Forfall: Ola Berg\n"),
        "{n}"
    );
}

#[test]
fn projects_come_in_agenda_order_and_one_with_only_a_health_change_is_dealt_with() {
    let m = minutes("en");
    let at = |h: &str| m.find(h).unwrap_or_else(|| panic!("{h:?} in\n{m}"));
    // The agenda (T-03, T-01, T-05), then T-02 (not on it) in file order.
    let order = [
        at("### T-03 "),
        at("### T-01 "),
        at("### T-05 "),
        at("### T-02 "),
        at("## Open follow-ups"),
    ];
    assert!(order.is_sorted(), "{m}");
    assert_eq!(
        section(&m, "### T-02 Klimatilpasning i ravinene\n"),
        "\n- Health: Green → Amber\n\n"
    );
    let not = section(&m, "## Not reviewed at the meeting (2 projects)\n");
    assert!(!not.contains("T-02"), "{m}");
    assert_eq!(
        not,
        "\n- T-04 Nordisk nettverk for byer (On hold)\n- T-06 Klimaklinikk for næringslivet (Completed)\n"
    );
}

#[test]
fn hostile_follow_up_text_owner_and_by_come_out_inert() {
    for lang in ["en", "nb"] {
        let r = styr(&["minutes", MEETING, "--lang", lang]);
        for (what, text) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
            let bad = text
                .chars()
                .find(|&c| c != '\n' && styr::sanitize::is_unsafe(c));
            assert_eq!(bad, None, "{what}: {text:?}");
        }
        let m = &r.stdout;
        // The follow-up's text, its owner, and the `by` of the change to T-05's health.
        for shown in [
            ": \\# Overskrift␛\\[2J \\[x\\](javascript:alert(1)) \\<b\\>\\*fet\\*\\</b\\> — ",
            "— Eva␛\\]0;overtatt␇ \\[x\\](javascript:alert(1))\n",
            " (Eva␛\\[31m Dahl \\[x\\](javascript:alert(1)), 13:40)\n",
        ] {
            assert!(m.contains(shown), "{shown:?} in\n{m}");
        }
        for line in m.lines() {
            let heading = line.starts_with('#');
            assert!(
                !heading
                    || line.starts_with("# Minutes")
                    || line.starts_with("# Referat")
                    || line.starts_with("## ")
                    || line.starts_with("### T-"),
                "{line}"
            );
            // No link: every bracket is escaped.
            assert!(!line.replace("\\]", "").contains("]("), "{line}");
            assert!(!line.replace("\\<", "").contains('<'), "{line}");
        }
    }
}

#[test]
fn the_canonical_layout_keeps_the_record() {
    let text = std::fs::read_to_string(MEETING).unwrap();
    let p = parse(&text).unwrap();
    let formatted = styr::model::save::to_ron(&p);
    assert_eq!(parse(&formatted).unwrap(), p);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.ron"), &formatted).unwrap();
    assert_eq!(
        styr_in(dir.path(), &["fmt", "p.ron", "--check"]).code,
        Some(0)
    );
    let r = styr_in(dir.path(), &["minutes", "p.ron", "--lang", "en"]);
    assert_eq!(r.stdout, minutes("en"));
}

/// A meeting recorded through styr's own edits, stamped as the interactive view stamps
/// them, saved, and its minutes written by the binary.
#[test]
fn a_recorded_meeting_s_minutes_hold_what_was_recorded() {
    let day = Date::parse("2026-11-22").unwrap();
    let secretary = "Marte Aas";
    let stamp = |at: &str, by: &str, agenda: &[&str]| Stamp {
        date: day,
        at: Time::parse(at).unwrap(),
        by: Some(by.to_string()),
        agenda: agenda.iter().map(|s| s.to_string()).collect(),
    };
    // small.ron, with a follow-up T-01 was given at the meeting before.
    let anchor = "            tags: [\"EU\", \"energi\"],\n";
    assert_eq!(SMALL.matches(anchor).count(), 1);
    let text = SMALL.replacen(
        anchor,
        &format!(
            "{anchor}            follow_ups: [(text: \"Legg fram ny framdriftsplan\", owner: \"Siri Haugen\", due: \"2026-11-20\", raised: \"2026-09-17\")],\n"
        ),
        1,
    );
    let old = parse(&text).unwrap();
    let mut p = old.clone();
    let mut h = History::default();
    let score = |c: &str, s| Edit::Score {
        project: "T-03".into(),
        date: day,
        criterion: c.into(),
        score: Some(s),
    };
    let health = |id: &str, h| Edit::Health {
        project: id.into(),
        health: Some(h),
    };
    let meeting = [
        (
            Edit::Meeting(MeetingRecord {
                date: day,
                chair: Some("Anne Lie".into()),
                secretary: Some(secretary.into()),
                attendees: vec!["Anne Lie".into(), "Kari Nordmann".into()],
                absent: vec!["Ola Berg".into()],
                note: None,
            }),
            stamp("13:00", secretary, &[]),
        ),
        (
            score("goals", 3),
            stamp("13:02", "Kari Nordmann", &["T-03"]),
        ),
        (
            score("results", 1),
            stamp("13:02", "Kari Nordmann", &["T-03"]),
        ),
        (
            Edit::Decision {
                project: "T-03".into(),
                date: day,
                decision: Some(Decision::Adjust),
            },
            stamp("13:03", secretary, &["T-03"]),
        ),
        (
            Edit::Status {
                project: "T-03".into(),
                status: Status::OnHold,
            },
            stamp("13:05", secretary, &["T-03"]),
        ),
        (
            Edit::RiskProbability {
                project: "T-03".into(),
                risk: "R1".into(),
                value: 4,
            },
            stamp("13:08", secretary, &["T-03"]),
        ),
        (
            Edit::RiskMitigation {
                project: "T-03".into(),
                risk: "R1".into(),
                mitigation: Some("Kameraovervåking".into()),
            },
            stamp("13:09", secretary, &["T-03"]),
        ),
        (
            Edit::FollowUpAdd {
                project: "T-03".into(),
                follow_up: FollowUp {
                    text: "Legg fram revidert budsjett".into(),
                    owner: Some("Per Ivar Sund".into()),
                    due: Date::parse("2026-12-15"),
                    raised: day,
                    done: None,
                    by: Some(secretary.into()),
                },
            },
            stamp("13:11", secretary, &["T-03"]),
        ),
        // T-01: health to red and on to green; the follow-up from before reported done.
        (
            health("T-01", Health::Red),
            stamp("13:20", secretary, &["T-01"]),
        ),
        (
            health("T-01", Health::Green),
            stamp("13:24", "Siri Haugen", &["T-01"]),
        ),
        (
            Edit::FollowUpSet {
                project: "T-01".into(),
                index: 0,
                text: "Legg fram ny framdriftsplan".into(),
                follow_up: FollowUp {
                    done: Some(day),
                    ..old.projects[0].follow_ups[0].clone()
                },
            },
            stamp("13:26", secretary, &["T-01"]),
        ),
        // T-02: only its health, off the agenda.
        (
            health("T-02", Health::Amber),
            stamp("13:52", secretary, &[]),
        ),
    ];
    for (e, s) in &meeting {
        h.apply_stamped(&mut p, e, Some(s))
            .unwrap_or_else(|err| panic!("{e:?}: {err}"));
    }

    let saved = save_text(&text, &old, &p).expect("saves");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.ron"), &saved).unwrap();
    let check = styr_in(dir.path(), &["check", "p.ron"]);
    assert!(check.stdout.contains(" 0 errors"), "{}", check.stdout);
    let r = styr_in(dir.path(), &["minutes", "p.ron", "--lang", "en"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let m = r.stdout;
    assert!(
        m.starts_with(
            "# Minutes of the steering meeting 2026-11-22: Testportefølje 2026\n\nTestkommune\n\n\
             - Chair: Anne Lie\n- Secretary: Marte Aas\n- Present: Anne Lie, Kari Nordmann\n- Absent: Ola Berg\n\n\
             ## Reviewed (3 projects)\n\n### T-03 Bysykler og gange\n"
        ),
        "{m}"
    );
    assert_eq!(
        section(&m, "### T-03 Bysykler og gange\n"),
        "\n- Scores: Måloppnåelse 3 · Resultater 1 · Økonomi –\n\
         - Weighted total: 2.1 · 2 of 3\n\
         - **Decision: Adjust**\n\
         - Recorded by: Kari Nordmann\n\
         - Status: Active → On hold\n\
         - Risk R1 Tyveri og hærverk, probability: 5 → 4\n\
         - Risk R1 Tyveri og hærverk, mitigation: “Låsbare stativer” → “Kameraovervåking”\n\
         - New follow-up: Legg fram revidert budsjett — Per Ivar Sund, due 2026-12-15\n\n",
        "{m}"
    );
    assert_eq!(
        section(&m, "### T-01 Klimavennlige formålsbygg\n"),
        "\n- Health: Amber → Green (Siri Haugen, 13:24)\n\
         - Follow-up done: Legg fram ny framdriftsplan — Siri Haugen (raised 2026-09-17)\n\n",
        "{m}"
    );
    assert_eq!(
        section(&m, "### T-02 Klimatilpasning i ravinene\n"),
        "\n- Health: Green → Amber\n\n",
        "{m}"
    );
    assert!(
        m.contains("## Open follow-ups (1)\n\n- Due 2026-12-15 · T-03 Bysykler og gange: Legg fram revidert budsjett — Per Ivar Sund\n"),
        "{m}"
    );
}
