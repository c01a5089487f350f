//! `styr minutes FILE [--date D]`: the minutes of one meeting, in Markdown — every
//! evaluation made that day (scores, weighted total, decision, note) and the projects
//! the meeting did not get to.

use std::fmt::Write;

use crate::model::figures::score_total;
use crate::model::{Date, Portfolio};
use crate::text::Lang;

use super::md;

/// The latest date any evaluation in the portfolio carries: the last meeting.
pub fn latest_meeting(p: &Portfolio) -> Option<Date> {
    p.projects
        .iter()
        .flat_map(|pr| pr.evaluations.iter().map(|e| e.date))
        .max()
}

/// The minutes of the meeting on `date` (default: the latest meeting in the file).
pub fn minutes(p: &Portfolio, date: Option<Date>, lang: Lang) -> String {
    let l = lang;
    let mut o = String::new();
    let Some(date) = date.or_else(|| latest_meeting(p)) else {
        let _ = writeln!(
            o,
            "# {}: {}\n\n_{}_",
            l.pick("Referat", "Minutes"),
            md(&p.name),
            l.pick(
                "Porteføljen har ingen evalueringer ennå, så det finnes ikke noe møte å skrive referat fra.",
                "The portfolio has no evaluations yet, so there is no meeting to write minutes of."
            )
        );
        return o;
    };
    let _ = writeln!(
        o,
        "# {} {date}: {}\n",
        l.pick(
            "Referat fra styringsmøtet",
            "Minutes of the steering meeting"
        ),
        md(&p.name)
    );
    let _ = writeln!(o, "{}\n", md(&p.organisation));

    let mut done = Vec::new();
    let mut not_done = Vec::new();
    for pr in &p.projects {
        match pr.evaluations.iter().rev().find(|e| e.date == date) {
            Some(ev) => done.push((pr, ev)),
            None => not_done.push(pr),
        }
    }

    let _ = writeln!(
        o,
        "## {} ({})\n",
        l.pick("Behandlet", "Reviewed"),
        done.len()
    );
    if done.is_empty() {
        let _ = writeln!(
            o,
            "_{}_\n",
            l.pick(
                "Ingen prosjekter ble evaluert denne dagen.",
                "No project was evaluated on this day."
            )
        );
    }
    for (pr, ev) in &done {
        let _ = writeln!(o, "### {} {}\n", md(&pr.id), md(&pr.name));
        let scores: Vec<String> = p
            .criteria
            .iter()
            .map(|c| {
                let s = ev
                    .scores
                    .get(&c.id)
                    .map_or_else(|| "–".to_string(), |s| s.to_string());
                format!("{} {s}", md(&c.name))
            })
            .collect();
        let _ = writeln!(
            o,
            "- {}: {}",
            l.pick("Score", "Scores"),
            if scores.is_empty() {
                "–".to_string()
            } else {
                scores.join(" · ")
            }
        );
        let _ = writeln!(
            o,
            "- {}: {}",
            l.pick("Vektet sum", "Weighted total"),
            l.total(score_total(ev, &p.criteria))
        );
        let _ = writeln!(
            o,
            "- **{}: {}**",
            l.pick("Vedtak", "Decision"),
            ev.decision
                .map_or(l.pick("(intet vedtak)", "(no decision)"), |d| l.decision(d))
        );
        if let Some(note) = ev.note.as_deref().filter(|n| !n.trim().is_empty()) {
            // A note may span lines: each line stays inside the list item.
            let note = md(note).replace('␊', "\n  ");
            let _ = writeln!(o, "- {}: {note}", l.pick("Notat", "Note"));
        }
        if let Some(by) = &ev.by {
            let _ = writeln!(o, "- {}: {}", l.pick("Ført av", "Recorded by"), md(by));
        }
        o.push('\n');
    }

    let _ = writeln!(
        o,
        "## {} ({})\n",
        l.pick("Ikke behandlet på møtet", "Not reviewed at the meeting"),
        not_done.len()
    );
    if not_done.is_empty() {
        let _ = writeln!(
            o,
            "{}\n",
            l.pick(
                "Alle prosjektene ble behandlet.",
                "Every project was reviewed."
            )
        );
    }
    for pr in not_done {
        let _ = writeln!(
            o,
            "- {} {} ({})",
            md(&pr.id),
            md(&pr.name),
            l.status(pr.status)
        );
    }
    if o.ends_with("\n\n") {
        o.pop();
    }
    o
}

#[cfg(test)]
mod tests {
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
        assert!(m.contains("## Behandlet (1)\n\n### A Alfa\n"), "{m}");
        assert!(
            m.contains("- Score: Måloppnåelse 4 · Resultater 3 · Økonomi 2\n"),
            "{m}"
        );
        // (4×40 + 3×35 + 2×25) / 100 = 3.15, which as a float lies just below 3.15.
        assert!(m.contains("- Vektet sum: 3,1\n"), "{m}");
        assert!(m.contains("- **Vedtak: Juster**\n"), "{m}");
        assert!(m.contains("- Notat: Ny plan\n  neste møte\n"), "{m}");
        assert!(m.contains("- Ført av: Sekretær\n"), "{m}");
        assert!(m.contains("## Ikke behandlet på møtet (2)\n"), "{m}");
        assert!(m.contains("- B Beta \\| \\*fet\\* (Foreslått)\n"), "{m}");
        assert!(m.contains("- C Gamma (Foreslått)"), "{m}");
        assert!(!m.contains("2026-10-01"), "{m}");
    }

    #[test]
    fn an_earlier_meeting_can_be_chosen() {
        let p = parse(FILE).unwrap();
        let m = minutes(&p, Date::parse("2026-10-01"), Lang::En);
        assert!(m.contains("## Reviewed (2)"), "{m}");
        assert!(m.contains("- **Decision: Continue**"), "{m}");
        assert!(m.contains("- **Decision: (no decision)**"), "{m}");
        assert!(
            m.contains("## Not reviewed at the meeting (1)\n\n- C Gamma (Proposed)"),
            "{m}"
        );
    }

    #[test]
    fn a_day_without_evaluations_says_so() {
        let p = parse(FILE).unwrap();
        let m = minutes(&p, Date::parse("2025-01-01"), Lang::En);
        assert!(m.contains("No project was evaluated on this day."), "{m}");
        let empty = parse(r#"(name: "P", organisation: "O", goals: [], projects: [])"#).unwrap();
        assert!(minutes(&empty, None, Lang::En).contains("no evaluations yet"));
    }
}
