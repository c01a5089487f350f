//! Issue 17 through the keys, as a coordinator preparing a meeting would type them: add
//! a project, a risk, a result; change an actual value, an amount typed `2,4 mill`, a
//! date typed `+3m`; remove with the one question; rename a goal's id with its
//! references. Each asserts the state, the journal (the entries the loop would write,
//! read back and replayed on the file as loaded give the same state) and the saved text
//! (spliced into the file, which has a comment on every line: comments kept, the file
//! loads with no error). And the forms' snapshots at 80×24.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use styr::app::detail::{Stop, current};
use styr::app::keymap::key_to_action;
use styr::app::update::update;
use styr::app::{Action, App, Effect, JournalEntry, Overlay, Pane};
use styr::model::edit::History;
use styr::model::splice::save_text;
use styr::model::{Date, Level, Number, Portfolio, Time, load_str, parse};
use styr::store::replay;
use styr::text::Lang;

use common::keys::{press, select, text, typ};

const SMALL: &str = include_str!("fixtures/small.ron");

/// The fixture with a numbered comment at the end of every line ending in a comma.
fn commented() -> String {
    let mut n = 0;
    SMALL
        .lines()
        .map(|l| {
            if l.trim_end().ends_with(',') && !l.contains("//") {
                n += 1;
                format!("{l} // c{n}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

fn comments(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.find("// c").map(|i| l[i..].to_string()))
        .collect()
}

fn meeting() -> Date {
    Date::parse("2026-11-22").unwrap()
}

fn open(lang: Lang) -> (App, String, Portfolio) {
    let text = commented();
    let p = parse(&text).unwrap();
    let mut a = App::new(p.clone(), "plan.ron".into(), lang, meeting());
    a.fixed_time = Time::parse("10:15");
    a.set_by(Some("Kari".into()));
    update(&mut a, Action::Resize(80, 24));
    (a, text, p)
}

fn ctrl(a: &mut App, c: char) {
    let action = key_to_action(a, &KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    update(a, action);
}

/// Empty the focused field and type `s`.
fn retype(a: &mut App, s: &str) {
    ctrl(a, 'e');
    ctrl(a, 'u');
    typ(a, s);
}

/// The detail's cursor onto `stop`.
fn to_stop(a: &mut App, stop: Stop) {
    press(a, KeyCode::Char('g'));
    for _ in 0..200 {
        if current(a) == Some(stop) {
            return;
        }
        press(a, KeyCode::Char('j'));
    }
    panic!("{stop:?} is not in the detail");
}

/// What the session would do with the effects: the journal replayed on the file as
/// loaded gives the state on screen, and the saved text loads to it, comments kept.
fn saved(a: &App, text: &str, loaded: &Portfolio) -> String {
    let entries: Vec<JournalEntry> = a
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::Journal(j) => Some(j.clone()),
            _ => None,
        })
        .collect();
    assert!(!entries.is_empty(), "something was journaled");
    let lines: Vec<String> = entries.iter().map(|e| ron::to_string(e).unwrap()).collect();
    let back: Vec<JournalEntry> = lines
        .iter()
        .map(|l| styr::model::load::ron_options().from_str(l).unwrap())
        .collect();
    let mut q = loaded.clone();
    let report = replay(&mut q, &mut History::default(), &back);
    assert_eq!(report.skipped, 0);
    assert_eq!(q, a.portfolio, "the journal replays to what is on screen");
    let out = save_text(text, loaded, &a.portfolio).unwrap_or_else(|e| panic!("{e}"));
    let l = load_str(&out);
    assert_eq!(l.errors(), 0, "{:?}", l.diagnostics);
    assert_eq!(l.portfolio.as_ref(), Some(&a.portfolio));
    out
}

fn project<'a>(a: &'a App, id: &str) -> &'a styr::model::Project {
    a.portfolio
        .projects
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

fn form_open(a: &App) -> bool {
    matches!(a.overlay, Some(Overlay::Form(_)))
}

#[test]
fn a_project_is_added_from_the_list_with_the_next_id_and_a_goal_picked_by_title() {
    let (mut a, text, loaded) = open(Lang::Nb);
    press(&mut a, KeyCode::Char('+'));
    assert!(form_open(&a));
    let screen = text_of(&a);
    assert!(
        screen.contains("T-07"),
        "the id follows the file's pattern\n{screen}"
    );
    // Enter with no name: refused, said at the field.
    press(&mut a, KeyCode::Enter);
    assert!(form_open(&a), "an error keeps the form open");
    assert!(text_of(&a).contains("et navn mangler"), "{}", text_of(&a));
    typ(&mut a, "Vennskapsby Sundsvall");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "Næ");
    press(&mut a, KeyCode::Down); // the unit from the file
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab); // owner: left empty
    press(&mut a, KeyCode::Tab); // instrument
    typ(&mut a, "Vennskapsby");
    press(&mut a, KeyCode::Tab); // level
    typ(&mut a, "3"); // Regionalt
    press(&mut a, KeyCode::Tab); // goals, by title
    typ(&mut a, "mobilitet");
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab); // budget
    typ(&mut a, "2,4 mill");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "2027-06-01");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "+3m");
    // The end before the start: an error at the field; Enter does nothing.
    press(&mut a, KeyCode::Enter);
    assert!(form_open(&a));
    assert!(text_of(&a).contains("✗ Slutt"), "{}", text_of(&a));
    retype(&mut a, "2028-12-31");
    press(&mut a, KeyCode::Enter);
    assert!(!form_open(&a), "{}", text_of(&a));
    let pr = project(&a, "T-07");
    assert_eq!(pr.name, "Vennskapsby Sundsvall");
    assert_eq!(pr.unit.as_deref(), Some("Næring"));
    assert_eq!(pr.instrument.as_deref(), Some("Vennskapsby"));
    assert_eq!(pr.level, Some(Level::Regional));
    assert_eq!(pr.goals, ["by.d1"]);
    assert_eq!(pr.budget.as_ref().map(|b| b.planned), Some(2_400_000));
    assert_eq!(
        a.selected().map(|i| a.portfolio.projects[i].id.as_str()),
        Some("T-07")
    );
    let out = saved(&a, &text, &loaded);
    assert_eq!(comments(&out), comments(&text), "every comment kept");
    assert!(out.contains("        Project(\n            id: \"T-07\",\n            name: \"Vennskapsby Sundsvall\",\n"), "{out}");
    // Undone: the file as it was.
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(a.portfolio, loaded);
    assert_eq!(a.unsaved, 0);
}

fn text_of(a: &App) -> String {
    text(a, 80, 24)
}

#[test]
fn a_risk_and_a_result_are_added_in_the_detail() {
    let (mut a, text, loaded) = open(Lang::Nb);
    select(&mut a, "T-02");
    press(&mut a, KeyCode::Enter);
    to_stop(&mut a, Stop::Risks(None));
    press(&mut a, KeyCode::Char('+'));
    assert!(text_of(&a).contains("R3"), "the next risk id");
    typ(&mut a, "Lederne frigjør ikke tid");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "Travle ledere");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "4"); // probability 4
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Right); // consequence 3 → 4
    press(&mut a, KeyCode::Enter);
    assert!(!form_open(&a), "{}", text_of(&a));
    let r = project(&a, "T-02").risks.last().unwrap().clone();
    assert_eq!(
        (r.id.as_str(), r.title.as_str()),
        ("R3", "Lederne frigjør ikke tid")
    );
    assert_eq!((r.probability, r.consequence), (4, 4));
    assert_eq!(
        current(&a),
        Some(Stop::Risks(Some(2))),
        "the cursor on the new risk"
    );

    to_stop(&mut a, Stop::Results(None));
    press(&mut a, KeyCode::Char('+'));
    typ(&mut a, "Workshops");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "stk");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "8");
    press(&mut a, KeyCode::Tab);
    retype(&mut a, "4");
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "+3m");
    press(&mut a, KeyCode::Enter);
    assert!(!form_open(&a), "{}", text_of(&a));
    let res = project(&a, "T-02").results.last().unwrap().clone();
    assert_eq!(res.name, "Workshops");
    assert_eq!((res.target, res.actual), (Number(8.0), Number(4.0)));
    assert_eq!(res.due, Date::parse("2027-02-22"), "+3m from the meeting");
    let log = &a.portfolio.meetings[0].changes;
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].to.as_deref(), Some("R3 Lederne frigjør ikke tid"));
    assert_eq!(log[1].to.as_deref(), Some("Workshops"));
    assert_eq!(log[1].by.as_deref(), Some("Kari"));
    let out = saved(&a, &text, &loaded);
    assert_eq!(comments(&out), comments(&text));
    assert!(
        out.contains(
            r#"Result(name: "Workshops", unit: "stk", target: 8, actual: 4, due: "2027-02-22"),"#
        ),
        "{out}"
    );
}

#[test]
fn an_actual_value_an_amount_and_a_date_are_changed_in_place() {
    let (mut a, text, loaded) = open(Lang::En);
    select(&mut a, "T-01");
    press(&mut a, KeyCode::Enter);
    // "They have done 8 of the 12 buildings now."
    to_stop(&mut a, Stop::Results(Some(0)));
    press(&mut a, KeyCode::Char('i'));
    assert!(text_of(&a).contains("Actual"), "{}", text_of(&a));
    retype(&mut a, "8");
    press(&mut a, KeyCode::Enter);
    assert_eq!(project(&a, "T-01").results[0].actual, Number(8.0));
    // The planned budget, typed as people say it.
    to_stop(&mut a, Stop::Planned);
    press(&mut a, KeyCode::Char('i'));
    retype(&mut a, "2,4 mill");
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        project(&a, "T-01").budget.as_ref().unwrap().planned,
        2_400_000
    );
    // Spent above planned is a warning: shown, and the form still keeps it.
    to_stop(&mut a, Stop::Spent);
    press(&mut a, KeyCode::Char('i'));
    retype(&mut a, "2.5m");
    assert!(text_of(&a).contains("! "), "{}", text_of(&a));
    press(&mut a, KeyCode::Enter);
    assert!(!form_open(&a));
    assert_eq!(
        project(&a, "T-01").budget.as_ref().unwrap().spent,
        2_500_000
    );
    // The end, three months on from the meeting.
    to_stop(&mut a, Stop::End);
    press(&mut a, KeyCode::Char('i'));
    retype(&mut a, "+3m");
    press(&mut a, KeyCode::Enter);
    assert_eq!(project(&a, "T-01").end, Date::parse("2027-02-22"));
    let whats: Vec<&str> = a.portfolio.meetings[0]
        .changes
        .iter()
        .map(|c| c.what.as_str())
        .collect();
    assert_eq!(
        whats,
        ["results[0].actual", "budget.planned", "budget.spent", "end"]
    );
    let out = saved(&a, &text, &loaded);
    assert_eq!(comments(&out), comments(&text));
    assert!(
        out.contains("                planned: 2_400_000, // c"),
        "{out}"
    );
    assert!(
        out.contains("            end: \"2027-02-22\", // c"),
        "{out}"
    );
    // An amount that is not one: said at the field, in the user's language.
    press(&mut a, KeyCode::Char('i'));
    assert!(form_open(&a));
    press(&mut a, KeyCode::Esc);
    to_stop(&mut a, Stop::Planned);
    press(&mut a, KeyCode::Char('i'));
    retype(&mut a, "lots");
    assert!(text_of(&a).contains("part of an amount"), "{}", text_of(&a));
    press(&mut a, KeyCode::Enter);
    assert!(form_open(&a), "an error is not kept");
}

#[test]
fn removing_asks_once_naming_what_goes_and_undo_brings_it_back() {
    for lang in [Lang::Nb, Lang::En] {
        let (mut a, text, loaded) = open(lang);
        select(&mut a, "T-01");
        press(&mut a, KeyCode::Enter);
        to_stop(&mut a, Stop::Risks(Some(1)));
        press(&mut a, KeyCode::Char('-'));
        let screen = text_of(&a);
        let asked = lang.pick(
            "Fjerne T-01 R2 Ulike driftsrutiner?",
            "Remove T-01 R2 Ulike driftsrutiner?",
        );
        assert!(screen.contains(asked), "{screen}");
        // Another key does nothing; Esc keeps it.
        press(&mut a, KeyCode::Char('x'));
        assert!(matches!(a.overlay, Some(Overlay::Question(_))));
        press(&mut a, KeyCode::Esc);
        assert_eq!(a.portfolio, loaded);
        press(&mut a, KeyCode::Char('-'));
        press(
            &mut a,
            KeyCode::Char(lang.pick("j", "y").chars().next().unwrap()),
        );
        assert_eq!(project(&a, "T-01").risks.len(), 1);
        let out = saved(&a, &text, &loaded);
        assert!(
            !out.contains(r#"Risk(id: "R2", title: "Ulike driftsrutiner""#),
            "{out}"
        );
        press(&mut a, KeyCode::Char('u'));
        assert_eq!(a.portfolio, loaded);
    }
}

#[test]
fn a_goal_that_projects_serve_offers_to_move_them_to_its_parent() {
    let (mut a, text, loaded) = open(Lang::Nb);
    press(&mut a, KeyCode::Char('1'));
    while a
        .goal_rows
        .get(a.goal_cursor)
        .map(|&g| a.goals[g].id.as_str())
        != Some("klima.d1")
    {
        let before = a.goal_cursor;
        press(&mut a, KeyCode::Char('j'));
        if a.goal_cursor == before {
            press(&mut a, KeyCode::Char('l'));
        }
    }
    press(&mut a, KeyCode::Char('-'));
    let screen = text_of(&a);
    assert!(
        screen.contains("Det tjenes av T-01, T-04, T-06"),
        "{screen}"
    );
    assert!(
        screen.contains("m fjern og flytt prosjektene til klima.h"),
        "{screen}"
    );
    press(&mut a, KeyCode::Char('m'));
    assert_eq!(project(&a, "T-04").goals, ["by.d1", "klima.h"]);
    assert!(
        a.goals.iter().all(|g| g.id != "klima.d1"),
        "the tree view follows"
    );
    let out = saved(&a, &text, &loaded);
    assert!(!out.contains(r#"id: "klima.d1""#), "{out}");
    assert!(!out.contains(r#"goals: ["klima.d1"]"#), "{out}");
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(a.portfolio, loaded);
    assert!(a.goals.iter().any(|g| g.id == "klima.d1"));
}

#[test]
fn a_goals_id_is_renamed_with_every_reference_in_one_undoable_edit() {
    let (mut a, text, loaded) = open(Lang::En);
    // A change of the day that names the goal.
    press(&mut a, KeyCode::Char('1'));
    let row = a
        .goal_rows
        .iter()
        .position(|&g| a.goals[g].id == "klima.h")
        .expect("shown");
    a.goal_cursor = row;
    press(&mut a, KeyCode::Char('l')); // into its first child, klima.d1
    assert_eq!(a.goals[a.goal_rows[a.goal_cursor]].id, "klima.d1");
    press(&mut a, KeyCode::Char('i'));
    // Title first.
    retype(&mut a, "Less use of resources");
    press(&mut a, KeyCode::BackTab); // to the id
    retype(&mut a, "klima.d2");
    assert!(text_of(&a).contains("taken"), "{}", text_of(&a));
    retype(&mut a, "klima.utslipp");
    press(&mut a, KeyCode::Enter);
    assert!(!form_open(&a), "{}", text_of(&a));
    for id in ["T-01", "T-04", "T-06"] {
        assert!(
            project(&a, id).goals.contains(&"klima.utslipp".to_string()),
            "{id}"
        );
    }
    assert_eq!(
        a.goals[a.goal_rows[a.goal_cursor]].id, "klima.utslipp",
        "the cursor stays on it"
    );
    let log = &a.portfolio.meetings[0].changes;
    assert_eq!(log.len(), 2);
    assert_eq!(
        (log[0].goal.as_deref(), log[0].what.as_str()),
        (Some("klima.utslipp"), "title")
    );
    assert_eq!(
        (log[1].from.as_deref(), log[1].to.as_deref()),
        (Some("klima.d1"), Some("klima.utslipp"))
    );
    let out = saved(&a, &text, &loaded);
    assert_eq!(comments(&out), comments(&text));
    assert!(
        out.contains(r#"goals: ["by.d1", "klima.utslipp"], // c"#),
        "{out}"
    );
    assert_eq!(a.history.len(), 1, "one edit");
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(a.portfolio, loaded);
}

#[test]
fn a_new_goal_goes_under_or_beside_the_one_at_the_cursor() {
    let (mut a, text, loaded) = open(Lang::Nb);
    press(&mut a, KeyCode::Char('1'));
    let row = a
        .goal_rows
        .iter()
        .position(|&g| a.goals[g].id == "by.h")
        .unwrap();
    a.goal_cursor = row;
    press(&mut a, KeyCode::Char('+'));
    assert!(text_of(&a).contains("u under"), "{}", text_of(&a));
    press(&mut a, KeyCode::Char('u'));
    // The id after by.h's children's: by.d3.
    assert!(text_of(&a).contains("by.d3"), "{}", text_of(&a));
    typ(&mut a, "Trygge skoleveier");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    typ(&mut a, "11, 3");
    press(&mut a, KeyCode::Enter);
    assert!(!form_open(&a), "{}", text_of(&a));
    let by_h = &a.portfolio.goals[1].children[0];
    assert_eq!(by_h.children.last().map(|g| g.id.as_str()), Some("by.d3"));
    assert_eq!(
        by_h.children.last().map(|g| g.sdgs.clone()),
        Some(vec![11, 3])
    );
    let out = saved(&a, &text, &loaded);
    assert!(
        out.contains(r#"Goal(id: "by.d3", title: "Trygge skoleveier", sdgs: [11, 3]),"#),
        "{out}"
    );
}

#[test]
fn the_palette_finds_add_new_budget_and_remove_in_either_language() {
    for lang in [Lang::Nb, Lang::En] {
        let (mut a, _, _) = open(lang);
        for (query, action) in [
            ("add", Action::AddHere),
            ("legg til", Action::AddHere),
            ("new", Action::AddHere),
            ("ny", Action::AddHere),
            ("budget", Action::EditBudget),
            ("budsjett", Action::EditBudget),
            ("remove", Action::RemoveHere),
            ("fjern", Action::RemoveHere),
        ] {
            let found = styr::app::update::palette_matches(&a, query);
            assert!(
                found.iter().take(3).any(|c| c.action == action),
                "{lang:?} {query}: {:?}",
                found.iter().map(|c| &c.label).collect::<Vec<_>>()
            );
        }
        // And through it: `:` budget, Enter, opens the budget of the project.
        press(&mut a, KeyCode::Char(':'));
        typ(&mut a, "budsjett");
        press(&mut a, KeyCode::Enter);
        assert!(form_open(&a), "{}", text_of(&a));
    }
}

#[test]
fn read_only_edits_nothing() {
    let (mut a, _, loaded) = open(Lang::Nb);
    a.read_only = true;
    for k in ['+', '-', 'i', 'B'] {
        press(&mut a, KeyCode::Char(k));
        assert!(a.overlay.is_none(), "{k}");
    }
    assert_eq!(a.portfolio, loaded);
    assert_eq!(a.pane, Pane::Projects);
}

#[test]
fn snapshots_of_the_new_forms_at_80x24() {
    let (mut a, _, _) = open(Lang::Nb);
    press(&mut a, KeyCode::Char('+'));
    typ(&mut a, "Vennskapsby");
    insta::assert_snapshot!("form_new_project_nb", text_of(&a));
    press(&mut a, KeyCode::Esc);
    select(&mut a, "T-01");
    press(&mut a, KeyCode::Enter);
    to_stop(&mut a, Stop::Risks(Some(0)));
    press(&mut a, KeyCode::Char('i'));
    insta::assert_snapshot!("form_risk_nb", text_of(&a));
    press(&mut a, KeyCode::Esc);
    to_stop(&mut a, Stop::Results(Some(0)));
    press(&mut a, KeyCode::Char('i'));
    retype(&mut a, "tolv");
    insta::assert_snapshot!("form_result_error_nb", text_of(&a));
    press(&mut a, KeyCode::Esc);
    to_stop(&mut a, Stop::Funding(Some(1)));
    press(&mut a, KeyCode::Char('i'));
    insta::assert_snapshot!("form_funding_nb", text_of(&a));
    press(&mut a, KeyCode::Esc);
    to_stop(&mut a, Stop::Goals);
    press(&mut a, KeyCode::Char('i'));
    typ(&mut a, "by");
    insta::assert_snapshot!("form_goals_field_nb", text_of(&a));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('1'));
    press(&mut a, KeyCode::Char('i'));
    insta::assert_snapshot!("form_goal_nb", text_of(&a));

    let (mut a, _, _) = open(Lang::En);
    press(&mut a, KeyCode::Char('B'));
    retype(&mut a, "9m");
    insta::assert_snapshot!("form_budget_warning_en", text_of(&a));
}

#[test]
fn a_new_project_and_goal_survive_a_session_that_ends_without_saving() {
    use common::session::{folder, keys, open as open_file, press as hit};
    let text = commented();
    let (_dir, path) = folder(&text);
    {
        let (mut app, mut s) = open_file(&path, false);
        hit(&mut app, &mut s, KeyCode::Char('+'));
        keys(&mut app, &mut s, "Ny vennskapsavtale");
        hit(&mut app, &mut s, KeyCode::Enter);
        assert!(app.portfolio.projects.iter().any(|p| p.id == "T-07"));
        hit(&mut app, &mut s, KeyCode::Char('1'));
        hit(&mut app, &mut s, KeyCode::Char('+'));
        hit(&mut app, &mut s, KeyCode::Char('s')); // beside klima
        keys(&mut app, &mut s, "int"); // no pattern: the id first
        hit(&mut app, &mut s, KeyCode::Tab);
        keys(&mut app, &mut s, "Internasjonalt samarbeid");
        hit(&mut app, &mut s, KeyCode::Enter);
        let rec = styr::store::read_journal(&path)
            .unwrap()
            .expect("a journal");
        assert_eq!(
            rec.entries.len(),
            2,
            "each edit on disk before the next key"
        );
        // The session ends without saving, as after SIGKILL.
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "nothing saved"
    );
    let (mut app, mut s) = open_file(&path, false);
    keys(&mut app, &mut s, "y");
    assert!(app.portfolio.projects.iter().any(|p| p.id == "T-07"));
    let goal = app
        .goals
        .iter()
        .find(|g| g.title == "Internasjonalt samarbeid");
    assert!(
        goal.is_some(),
        "the goal tree's view has the recovered goal"
    );
    // Drawing it all is fine (the views were made again for the new tree).
    let _ = text_of(&app);
    keys(&mut app, &mut s, "s");
    let out = std::fs::read_to_string(&path).unwrap();
    assert_eq!(comments(&out), comments(&text));
    let l = load_str(&out);
    assert_eq!(l.errors(), 0);
    let p = l.portfolio.unwrap();
    assert_eq!(p.goals.len(), 3);
    assert!(
        p.projects
            .iter()
            .any(|x| x.id == "T-07" && x.name == "Ny vennskapsavtale")
    );
}

#[test]
fn removing_the_goal_the_list_is_filtered_by_or_the_last_project_draws_fine_and_undoes() {
    let (mut a, _, loaded) = open(Lang::Nb);
    // Filtered by the last goal of the tree, then that goal removed.
    press(&mut a, KeyCode::Char('1'));
    press(&mut a, KeyCode::Char('G'));
    let last = a.goals[a.goal_rows[a.goal_cursor]].id.clone();
    press(&mut a, KeyCode::Enter);
    assert!(a.filters.goal.is_some());
    press(&mut a, KeyCode::Char('-'));
    press(&mut a, KeyCode::Char('j'));
    assert!(a.goals.iter().all(|g| g.id != last), "{last} gone");
    assert_eq!(a.filters.goal, None, "the filter went with it");
    let _ = text_of(&a);
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(a.portfolio, loaded);
    let _ = text_of(&a);
    // The last project of the file, selected in its detail, removed.
    press(&mut a, KeyCode::Char('2'));
    select(&mut a, "T-06");
    press(&mut a, KeyCode::Char('-'));
    press(&mut a, KeyCode::Char('j'));
    assert!(a.portfolio.projects.iter().all(|p| p.id != "T-06"));
    let _ = text_of(&a);
    press(&mut a, KeyCode::Char('3'));
    let _ = text_of(&a);
    press(&mut a, KeyCode::Char('4'));
    let _ = text_of(&a);
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(a.portfolio, loaded);
    for pane in ['1', '2', '3', '4'] {
        press(&mut a, KeyCode::Char(pane));
        let _ = text_of(&a);
    }
}

/// The lines taken out of `a` and the lines put into `b`, by a longest common
/// subsequence of lines: what `git diff` shows.
fn line_diff(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
    let (x, y): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let mut lcs = vec![vec![0u32; y.len() + 1]; x.len() + 1];
    for i in (0..x.len()).rev() {
        for j in (0..y.len()).rev() {
            lcs[i][j] = if x[i] == y[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut gone, mut new) = (Vec::new(), Vec::new());
    while i < x.len() || j < y.len() {
        if i < x.len() && j < y.len() && x[i] == y[j] {
            (i, j) = (i + 1, j + 1);
        } else if j < y.len() && (i == x.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            new.push(y[j].to_string());
            j += 1;
        } else {
            gone.push(x[i].to_string());
            i += 1;
        }
    }
    (gone, new)
}

/// Issue 17's "done when": a coordinator prepares the next meeting entirely in styr —
/// a new risk, a result and the spending brought up to date, a new measure under the
/// right goal — and the file's diff is exactly those changes.
#[test]
fn a_meeting_prepared_in_styr_is_exactly_its_changes_in_the_file() {
    let text = include_str!("../data/hamar.ron");
    let loaded = parse(text).unwrap();
    let mut a = App::new(loaded.clone(), "hamar.ron".into(), Lang::Nb, meeting());
    a.fixed_time = Time::parse("09:30");
    a.set_by(Some("Ida Kristiansen".into()));
    update(&mut a, Action::Resize(80, 24));
    let ha07 = a
        .portfolio
        .projects
        .iter()
        .position(|p| p.id == "HA-07")
        .unwrap();
    assert!(a.select_project(ha07));
    press(&mut a, KeyCode::Enter);
    // A risk that came up.
    to_stop(&mut a, Stop::Risks(None));
    press(&mut a, KeyCode::Char('+'));
    typ(&mut a, "Vikarmidlene kommer ikke med i budsjettet");
    press(&mut a, KeyCode::Enter);
    // "They have done 12 of the 24 now."
    to_stop(&mut a, Stop::Results(Some(0)));
    press(&mut a, KeyCode::Char('i'));
    retype(&mut a, "12");
    press(&mut a, KeyCode::Enter);
    // The spending.
    press(&mut a, KeyCode::Char('B'));
    retype(&mut a, "260 000");
    press(&mut a, KeyCode::Enter);
    // A new measure under the goal it serves: filter by it, then +.
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('1'));
    let row = a
        .goal_rows
        .iter()
        .position(|&g| a.goals[g].id == "a2.m1")
        .unwrap();
    a.goal_cursor = row;
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('+'));
    assert!(text_of(&a).contains("HA-17"), "{}", text_of(&a));
    typ(&mut a, "Språkkafé for ansatte");
    for _ in 0..6 {
        press(&mut a, KeyCode::Tab);
    }
    typ(&mut a, "450k");
    press(&mut a, KeyCode::Enter);
    assert!(!form_open(&a), "{}", text_of(&a));
    let ha17 = project(&a, "HA-17");
    assert_eq!(ha17.goals, ["a2.m1"]);
    assert_eq!(ha17.budget.as_ref().map(|b| b.planned), Some(450_000));

    let out = saved(&a, text, &loaded);
    let (gone, new) = line_diff(text, &out);
    assert_eq!(
        gone,
        [
            "                spent: 210_000,",
            r#"                Result(name: "Ansatte på jobbskygging i Europa", unit: "ansatte", target: 24, actual: 8, due: "2027-06-30"),"#,
        ]
        .map(String::from),
        "only the two values that changed are taken out"
    );
    let new = new.join("\n");
    for line in [
        "                spent: 260_000,",
        r#"                Result(name: "Ansatte på jobbskygging i Europa", unit: "ansatte", target: 24, actual: 12, due: "2027-06-30"),"#,
        "                Risk(\n                    id: \"R2\",\n                    title: \"Vikarmidlene kommer ikke med i budsjettet\",",
        "        Project(\n            id: \"HA-17\",\n            name: \"Språkkafé for ansatte\",",
        "    meetings: [\n        Meeting(\n            date: \"2026-11-22\",",
    ] {
        assert!(new.contains(line), "{line}\n---\n{new}");
    }
    let comments_before = text
        .lines()
        .filter(|l| l.trim_start().starts_with("//"))
        .count();
    let comments_after = out
        .lines()
        .filter(|l| l.trim_start().starts_with("//"))
        .count();
    assert_eq!(comments_before, comments_after);
}
