//! The budget what-if in pane 5 (issue 15, point 3): `w`, a budget typed into the field,
//! the choice live, pins, the goals that lose their last measure marked in the goal
//! tree, nothing changed in the file, and `Enter` opening the decision picker. Keys go
//! through the real key map and `update`; screens are drawn on `TestBackend`.

mod common;

use crossterm::event::KeyCode;

use common::keys::{app_at, press, text, typ};
use styr::app::{Overlay, Pane, PickerKind};
use styr::model::Decision;
use styr::model::whatif::Pin;
use styr::text::Lang;

#[test]
fn a_budget_of_nothing_cuts_every_measure_and_the_goal_tree_says_which_goals_lose_theirs() {
    for lang in [Lang::Nb, Lang::En] {
        let (w, h) = (120, 40);
        let mut a = app_at(lang, w, h);
        let before = a.portfolio.clone();
        press(&mut a, KeyCode::Char('w'));
        assert_eq!(a.pane, Pane::Balance);
        typ(&mut a, "0");
        let lost = a.balance.whatif.as_ref().expect("open").lost_goals(&a);
        assert!(
            !lost.is_empty(),
            "with no money, the served goals lose their measures"
        );
        let screen = text(&a, w, h);
        let words = match lang {
            Lang::Nb => "Mister siste tiltak",
            Lang::En => "Lose their last measure",
        };
        assert!(screen.contains(words), "{screen}");
        // The goal tree marks them while the what-if is open (from the list: in the
        // field, `1` is typed).
        press(&mut a, KeyCode::Tab);
        press(&mut a, KeyCode::Char('1'));
        let screen = text(&a, w, h);
        let mark = match lang {
            Lang::Nb => format!("{} ○ etter kuttet", lost.len()),
            Lang::En => format!("{} ○ after the cut", lost.len()),
        };
        assert!(screen.contains(&mark), "{screen}");
        let leaf = &a.goals[*lost.last().expect("one")];
        assert!(
            screen.contains(&format!("○ {}", leaf.id)),
            "{} marked:\n{screen}",
            leaf.id
        );
        // Back to the what-if and out: nothing in the file changed, no mark is left.
        press(&mut a, KeyCode::Char('w'));
        press(&mut a, KeyCode::Esc);
        assert!(a.balance.whatif.is_none());
        assert_eq!(a.portfolio, before);
        assert_eq!(a.unsaved, 0);
        press(&mut a, KeyCode::Char('1'));
        assert!(!text(&a, w, h).contains("○ etter kuttet"));
    }
}

#[test]
fn the_whole_budget_keeps_every_valued_project_and_a_bad_one_says_why() {
    let (w, h) = (80, 24);
    let mut a = app_at(Lang::En, w, h);
    typ(&mut a, "w");
    typ(&mut a, "100%");
    {
        let wi = a.balance.whatif.as_ref().expect("open");
        let ans = wi.answer(&a);
        let c = ans.choice.as_ref().expect("a budget");
        assert!(c.cut.is_empty(), "everything fits: {c:?}");
        assert!(c.lost_goals.is_empty());
        assert!(c.exact);
    }
    assert!(text(&a, w, h).contains("No goal loses its last measure"));
    // Backspace it to "100" and type a letter that is no amount.
    press(&mut a, KeyCode::Backspace);
    typ(&mut a, "q");
    let screen = text(&a, w, h);
    assert!(
        a.balance
            .whatif
            .as_ref()
            .expect("open")
            .answer(&a)
            .choice
            .is_none()
    );
    assert!(!a.quit, "q is typed into the field");
    assert!(screen.contains("Budget: 100q"), "{screen}");
}

#[test]
fn space_pins_a_cut_project_in_and_enter_opens_its_decision_picker() {
    let (w, h) = (120, 40);
    let mut a = app_at(Lang::Nb, w, h);
    typ(&mut a, "w");
    typ(&mut a, "-50%");
    let (cut, kept) = {
        let wi = a.balance.whatif.as_ref().expect("open");
        let ans = wi.answer(&a);
        let c = ans.choice.as_ref().expect("a budget").clone();
        (c.cut.clone(), c.kept.len())
    };
    let first_cut = *cut.first().expect("half the money cuts something");
    // Tab to the list, down to the first cut project (after the kept ones).
    press(&mut a, KeyCode::Tab);
    for _ in 0..kept {
        press(&mut a, KeyCode::Char('j'));
    }
    press(&mut a, KeyCode::Char(' '));
    {
        let wi = a.balance.whatif.as_ref().expect("open");
        assert_eq!(wi.pins.get(&first_cut), Some(&Pin::In));
        let ans = wi.answer(&a);
        assert!(
            ans.choice
                .as_ref()
                .expect("a budget")
                .kept
                .contains(&first_cut)
        );
    }
    let id = a.portfolio.projects[first_cut].id.clone();
    let screen = text(&a, w, h);
    let row = screen
        .lines()
        .find(|l| l.contains(&format!("✓ {id} ")))
        .unwrap_or_else(|| panic!("{id} kept:\n{screen}"));
    assert!(row.contains("inn"), "{row}");
    // Enter: the decision picker for that project; 3 records a pause on it.
    press(&mut a, KeyCode::Enter);
    assert!(matches!(
        a.overlay,
        Some(Overlay::Picker {
            kind: PickerKind::Decision,
            ..
        })
    ));
    press(&mut a, KeyCode::Char('3'));
    let ev = a.portfolio.projects[first_cut]
        .evaluations
        .last()
        .expect("the meeting's evaluation");
    assert_eq!(ev.decision, Some(Decision::Pause));
    assert!(a.balance.whatif.is_some(), "the what-if stays open");
}

#[test]
fn the_what_if_is_drawn_the_same_way_each_time() {
    for lang in [Lang::Nb, Lang::En] {
        for (w, h) in common::keys::SIZES {
            let mut a = app_at(lang, w, h);
            typ(&mut a, "w");
            typ(&mut a, "-20%");
            let name = format!("whatif_{lang:?}_{w}x{h}").to_lowercase();
            insta::assert_snapshot!(name, text(&a, w, h));
        }
    }
}
