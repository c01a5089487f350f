//! Search as a Norwegian user types on a foreign keyboard: `overby` finds Øverby, and the
//! highlighted letters are the ones that matched.

mod common;

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use common::session::{folder, keys, open, press};
use styr::ui::{self, Theme, ThemeName};

const HAMAR: &str = include_str!("../data/hamar.ron");

#[test]
fn folded_letters_find_the_same_projects_as_the_letters_themselves() {
    let (_dir, path) = folder(HAMAR);
    let (mut app, mut s) = open(&path, false);
    let mut found = |q: &str| {
        keys(&mut app, &mut s, "/");
        keys(&mut app, &mut s, q);
        let ids: Vec<String> = app
            .visible
            .iter()
            .map(|&i| app.portfolio.projects[i].id.clone())
            .collect();
        press(&mut app, &mut s, KeyCode::Esc);
        ids
    };
    let plain = found("overby");
    assert!(!plain.is_empty(), "overby finds Øverby's projects");
    assert_eq!(plain, found("øverby"));
    assert_eq!(found("festivalstotte"), found("festivalstøtte"));
    assert!(!found("festivalstotte").is_empty());
}

#[test]
fn the_highlight_is_on_the_letters_that_matched() {
    let (_dir, path) = folder(HAMAR);
    let (mut app, mut s) = open(&path, false);
    keys(&mut app, &mut s, "/festivalstotte");
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let theme = Theme::new(ThemeName::Default);
    t.draw(|f| ui::draw(f, &app, &theme)).unwrap();
    let buf = t.backend().buffer().clone();
    // Find the row with "Festivalstøtte" and check the ø is drawn highlighted.
    let (w, h) = (buf.area.width, buf.area.height);
    let mut seen = false;
    for y in 0..h {
        let row: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
        if let Some(at) = row.find("Festivalstøtte") {
            let col = row[..at].chars().count() as u16 + "Festivalst".len() as u16;
            assert_eq!(buf[(col, y)].symbol(), "ø");
            assert_eq!(
                buf[(col, y)].style().fg,
                theme.matched.fg,
                "ø is highlighted"
            );
            seen = true;
            break;
        }
    }
    assert!(seen, "a row shows Festivalstøtte");
}

#[test]
fn hits_in_a_column_the_list_does_not_show_are_said() {
    let (_dir, path) = folder(HAMAR);
    let (mut app, mut s) = open(&path, false);
    keys(&mut app, &mut s, "/overby");
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let theme = Theme::new(ThemeName::Default);
    t.draw(|f| ui::draw(f, &app, &theme)).unwrap();
    let buf = t.backend().buffer().clone();
    let last: String = (0..80).map(|x| buf[(x, 23)].symbol().to_string()).collect();
    // Lars Øverby owns them: no id or name says so.
    assert!(last.contains("in owner or unit"), "{last}");
}
