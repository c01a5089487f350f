//! Issue 11, point 4 — edits keep the cursor on what was edited (a re-sorted register or
//! project list, a cell or filter that no longer holds the item), and every picker and
//! text field names what it changes and its value now.

mod common;
use common::keys::*;

use crossterm::event::KeyCode;

use styr::app::{Overlay, Pane, PickerKind};
use styr::model::{Health, RiskStatus};
use styr::text::Lang;

// ---------------------------------------------------------------------------------------
// Point 4: the cursor stays on what was edited
// ---------------------------------------------------------------------------------------

#[test]
fn a_risk_that_moves_in_the_register_keeps_the_cursor() {
    let mut a = app(Lang::Nb);
    // The register: T-01 R1 16, T-03 R1 15, T-05 R1 10, T-04 R1 9, T-02 R1 6,
    // T-01 R2 6 (mitigated), T-03 R2 2.
    register_on(&mut a, "T-03", "R1");
    assert_eq!(a.risk_cursor, 1);
    typ(&mut a, "p1"); // 1 × 3 = 3: down to row 5
    assert_eq!(
        risk_at(&a),
        pair("T-03", "R1"),
        "the cursor followed the risk"
    );
    assert_eq!(a.risk_cursor, 5);
    let r = &a.portfolio.projects[pi(&a, "T-03")].risks[0];
    assert_eq!(r.probability, 1);
    // So the next key changes the same risk.
    typ(&mut a, "c5");
    let r = &a.portfolio.projects[pi(&a, "T-03")].risks[0];
    assert_eq!((r.probability, r.consequence), (1, 5));
    assert_eq!(risk_at(&a), pair("T-03", "R1"));
    // And back up: 5 × 5 = 25 is the top of the register.
    typ(&mut a, "p5");
    assert_eq!(risk_at(&a), pair("T-03", "R1"));
    assert_eq!(a.risk_cursor, 0);
}

#[test]
fn a_risk_that_leaves_the_chosen_cell_is_followed_to_its_new_cell() {
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('3'));
    // From the cell the matrix cursor starts on (P4 × C4, the top risk's), up and left
    // to P5 × C3: T-03's theft risk.
    assert_eq!(a.risk_cell, (4, 4));
    typ(&mut a, "kh");
    assert_eq!(a.risk_cell, (5, 3));
    press(&mut a, KeyCode::Enter);
    assert_eq!(risk_at(&a), pair("T-03", "R1"));
    typ(&mut a, "p2");
    assert_eq!(a.risk_cell, (2, 3), "the chosen cell follows the risk");
    assert!(a.risk_cell_active);
    assert_eq!(risk_at(&a), pair("T-03", "R1"));
    let msg = a.message.clone().unwrap_or_default();
    assert!(msg.contains("T-03 R1 is now in cell P2 × C3"), "{msg}");
    // T-02 R1 is in that cell too.
    assert_eq!(a.risk_rows.len(), 2);
}

#[test]
fn a_closed_risk_leaves_the_register_and_the_cursor_keeps_its_row() {
    let mut a = app(Lang::Nb);
    register_on(&mut a, "T-03", "R1");
    typ(&mut a, "x3"); // Lukket
    let r = &a.portfolio.projects[pi(&a, "T-03")].risks[0];
    assert_eq!(r.status, RiskStatus::Closed);
    assert_eq!(a.risk_cursor, 1, "the same row");
    assert_eq!(
        risk_at(&a),
        pair("T-05", "R1"),
        "the next risk took its place"
    );
    let msg = a.message.clone().unwrap_or_default();
    assert!(msg.contains("T-03 R1 er lukket"), "{msg}");
}

#[test]
fn a_project_that_moves_in_the_list_keeps_the_cursor() {
    let mut a = app(Lang::Nb);
    // Sorted by health, worst first: T-03 (red) is at the top.
    press(&mut a, KeyCode::Char('g'));
    assert_eq!(a.selected(), Some(pi(&a, "T-03")));
    typ(&mut a, "H1"); // Grønn
    assert_eq!(
        a.portfolio.projects[pi(&a, "T-03")].health,
        Some(Health::Green)
    );
    assert_eq!(
        a.selected(),
        Some(pi(&a, "T-03")),
        "the cursor followed T-03"
    );
    assert_ne!(a.project_cursor, 0, "T-03 moved down the list");
    typ(&mut a, "H3"); // and the next edit is T-03's again
    assert_eq!(
        a.portfolio.projects[pi(&a, "T-03")].health,
        Some(Health::Red)
    );
    assert_eq!(a.project_cursor, 0);
}

#[test]
fn a_project_the_filter_hides_after_an_edit_keeps_the_row_and_says_why() {
    let mut a = app(Lang::En);
    // Filter: health Amber (entries: 0 all, 1 Green, 2 Amber, 3 Red, 4 not reported).
    typ(&mut a, "f22");
    let amber: Vec<usize> = a.visible.clone();
    assert!(amber.len() >= 2, "{amber:?}");
    press(&mut a, KeyCode::Char('g'));
    let first = a.selected().expect("a project");
    press(&mut a, KeyCode::Enter);
    assert!(a.detail);
    typ(&mut a, "H1"); // Green: the filter hides it now
    assert!(!a.visible.contains(&first));
    assert_eq!(a.project_cursor, 0, "the same row");
    assert_eq!(
        a.selected(),
        Some(amber[1]),
        "the next project took its place"
    );
    assert!(!a.detail, "no detail of another project");
    let msg = a.message.clone().unwrap_or_default();
    let id = &a.portfolio.projects[first].id;
    assert!(msg.contains(&format!("{id} is no longer shown")), "{msg}");

    // In scoring, the sheet stops scoring rather than go on with the next project.
    let mut a = app(Lang::En);
    typ(&mut a, "f22g4"); // health Amber
    press(&mut a, KeyCode::Enter);
    assert!(a.is_scoring());
    typ(&mut a, "H1");
    assert!(!a.is_scoring());
    let before = a.portfolio.clone();
    press(&mut a, KeyCode::Char('3'));
    assert_eq!(a.pane, Pane::Risks);
    assert_eq!(a.portfolio, before);
}

// ---------------------------------------------------------------------------------------
// Point 4: pickers and text fields say what they change
// ---------------------------------------------------------------------------------------

#[test]
fn the_probability_picker_names_the_project_risk_and_value_now() {
    for lang in [Lang::Nb, Lang::En] {
        for (w, h) in SIZES {
            let mut a = app_at(lang, w, h);
            register_on(&mut a, "T-03", "R1");
            press(&mut a, KeyCode::Char('p'));
            assert_eq!(
                a.overlay,
                Some(Overlay::Picker {
                    kind: PickerKind::RiskProbability,
                    cursor: 4
                }),
                "the cursor starts on the value now (5)"
            );
            let shown = text(&a, w, h);
            let title = lang.pick(
                "T-03 R1 Tyveri og hærverk · sannsynlighet, nå 5",
                "T-03 R1 Tyveri og hærverk · probability, now 5",
            );
            assert!(shown.contains(title), "{lang:?} {w}x{h}:\n{shown}");
            let now = lang.pick("5 svært sannsynlig ◂ nå", "5 very likely ◂ now");
            assert!(shown.contains(now), "{lang:?} {w}x{h}:\n{shown}");
            let one = lang.pick("1 svært lite sannsynlig", "1 very unlikely");
            assert!(shown.contains(one), "{shown}");
            press(&mut a, KeyCode::Esc);

            press(&mut a, KeyCode::Char('c'));
            let shown = text(&a, w, h);
            let title = lang.pick("· konsekvens, nå 3", "· consequence, now 3");
            assert!(shown.contains(title), "{shown}");
            let now = lang.pick("3 moderat ◂ nå", "3 moderate ◂ now");
            assert!(shown.contains(now), "{shown}");
            assert!(shown.contains(lang.pick("5 svært alvorlig", "5 critical")));
            press(&mut a, KeyCode::Esc);

            press(&mut a, KeyCode::Char('x'));
            let shown = text(&a, w, h);
            let title = lang.pick("· risikostatus, nå Åpen", "· risk status, now Open");
            assert!(shown.contains(title), "{shown}");
        }
    }
}

#[test]
fn a_long_risk_title_is_cut_and_the_value_stays_whole() {
    let mut a = app(Lang::Nb);
    let t03 = pi(&a, "T-03");
    a.portfolio.projects[t03].risks[0].title = "Kostnadene ".repeat(20);
    a.data_changed();
    register_on(&mut a, "T-03", "R1");
    press(&mut a, KeyCode::Char('p'));
    let shown = text(&a, 80, 24);
    let row = shown
        .lines()
        .find(|l| l.contains("T-03 R1"))
        .expect("the title");
    assert!(row.contains("T-03 R1 Kostnadene"), "{row}");
    assert!(row.contains("… · sannsynlighet, nå 5"), "{row}");
}

#[test]
fn project_pickers_and_the_note_name_the_project_and_value_now() {
    for lang in [Lang::Nb, Lang::En] {
        let mut a = app(lang);
        select(&mut a, "T-01");
        press(&mut a, KeyCode::Char('H'));
        assert!(matches!(
            a.overlay,
            Some(Overlay::Picker {
                kind: PickerKind::Health,
                cursor: 1
            })
        ));
        let shown = text(&a, 80, 24);
        let title = lang.pick(
            "T-01 Klimavennlige formålsbygg · helse, nå Gul",
            "T-01 Klimavennlige formålsbygg · health, now Amber",
        );
        assert!(shown.contains(title), "{shown}");
        assert!(
            shown.contains(lang.pick("2 Gul ◂ nå", "2 Amber ◂ now")),
            "{shown}"
        );
        press(&mut a, KeyCode::Esc);

        press(&mut a, KeyCode::Char('S'));
        let shown = text(&a, 80, 24);
        assert!(shown.contains(lang.pick("· status, nå Aktiv", "· status, now Active")));
        press(&mut a, KeyCode::Esc);

        press(&mut a, KeyCode::Char('4'));
        press(&mut a, KeyCode::Char('d'));
        let shown = text(&a, 80, 24);
        let title = lang.pick(
            "· møtets vedtak, nå intet",
            "· meeting's decision, now none",
        );
        assert!(shown.contains(title), "{shown}");
        press(&mut a, KeyCode::Char('2'));
        press(&mut a, KeyCode::Char('d'));
        let shown = text(&a, 80, 24);
        let title = lang.pick(
            "· møtets vedtak, nå Juster",
            "· meeting's decision, now Adjust",
        );
        assert!(shown.contains(title), "{shown}");
        press(&mut a, KeyCode::Esc);

        press(&mut a, KeyCode::Char('n'));
        let shown = text(&a, 80, 24);
        let title = lang.pick(
            "T-01 Klimavennlige formålsbygg · notat for møtet 2026-11-22",
            "T-01 Klimavennlige formålsbygg · note for the meeting 2026-11-22",
        );
        assert!(shown.contains(title), "{shown}");
        assert!(shown.contains(lang.pick("tomt nå", "empty now")), "{shown}");
        press(&mut a, KeyCode::Esc);

        register_on(&mut a, "T-01", "R1");
        press(&mut a, KeyCode::Char('m'));
        let shown = text(&a, 80, 24);
        let title = lang.pick(
            "T-01 R1 Forsinket installasjon · tiltak mot risikoen",
            "T-01 R1 Forsinket installasjon · mitigation",
        );
        assert!(shown.contains(title), "{shown}");
    }
}

#[test]
fn the_filter_picker_starts_on_the_filter_now() {
    let mut a = app(Lang::En);
    typ(&mut a, "f22"); // health Amber: 2, as in the H picker
    typ(&mut a, "f2");
    assert!(matches!(
        a.overlay,
        Some(Overlay::Picker {
            kind: PickerKind::FilterValue(_),
            cursor: 2
        })
    ));
    let shown = text(&a, 80, 24);
    assert!(shown.contains("Filter by health, now Amber"), "{shown}");
}

#[test]
fn choosing_the_value_now_records_nothing() {
    for lang in [Lang::Nb, Lang::En] {
        let mut a = app(lang);
        select(&mut a, "T-01");
        let before = a.portfolio.clone();
        // The cursor starts on the value now: Enter keeps it, and nothing is recorded.
        typ(&mut a, "H");
        press(&mut a, KeyCode::Enter);
        typ(&mut a, "S2"); // Aktiv, by its digit
        press(&mut a, KeyCode::Char('4'));
        typ(&mut a, "d");
        press(&mut a, KeyCode::Enter); // (no decision), as now: no evaluation of the day
        register_on(&mut a, "T-01", "R1");
        typ(&mut a, "p4c4x1");
        assert_nothing_recorded(&a, &before, "the values they have");
        let msg = a.message.clone().unwrap_or_default();
        let want = lang.pick(
            "T-01 R1 · risikostatus, nå Åpen — uendret",
            "T-01 R1 · risk status, now Open — unchanged",
        );
        assert_eq!(msg, want);
    }
}
