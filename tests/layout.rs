//! Issue 13, points 1 and 3 — what is on screen fits the width it has: a long message
//! wraps at words onto the rows above the status line (never cut inside a word), the
//! title bar keeps the portfolio's name and organisation readable at 80×24, and help's
//! key column is as wide as its longest key, so no key runs into its text.

mod common;
use common::keys::{app_at, press, screen};

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

use styr::app::App;
use styr::text::Lang;
use styr::ui::{self, Theme, ThemeName};

fn render(a: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("the test backend");
    let theme = Theme::new(ThemeName::Default);
    t.draw(|f| ui::draw(f, a, &theme)).expect("drawn");
    t
}

// ---------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------

/// A message as long as styr's longest (a save into a file with several names whose
/// journal could not be removed, and more): three lines at 80 columns.
const LONG: &str = "Lagret small.ron · 3 harde lenker: skrevet på stedet, alle navnene har den nye \
teksten · journalen kunne ikke fjernes: filsystemet er skrivebeskyttet · en annen styr følger \
med i filen skrivebeskyttet (pid 4242, sekretær-maskinen)";

#[test]
fn a_long_message_wraps_at_words_and_shows_every_word() {
    let mut a = app_at(Lang::Nb, 80, 24);
    a.message = Some(LONG.to_string());
    let t = render(&a, 80, 24);
    insta::assert_snapshot!("status_long_message_nb_80x24", t.backend());
    let rows = screen(&a, 80, 24);
    let shown = rows[rows.len() - 4..rows.len() - 1].join(" ");
    for word in LONG.split(' ') {
        assert!(
            shown.split(' ').any(|w| w == word),
            "`{word}` shows whole:\n{}",
            rows.join("\n")
        );
    }
    // The status line itself stays: the file's name.
    assert!(rows[23].contains("small.ron"), "{}", rows[23]);
}

#[test]
fn a_message_longer_than_the_rows_ends_after_a_whole_word() {
    let mut a = app_at(Lang::En, 80, 24);
    let long = format!("{LONG} · {LONG}");
    a.message = Some(long.clone());
    let rows = screen(&a, 80, 24);
    let shown = rows[rows.len() - 4..rows.len() - 1].join(" ");
    assert!(shown.trim_end().ends_with('…'), "{shown}");
    for w in shown.split_whitespace() {
        let w = w.trim_end_matches('…');
        assert!(
            w.is_empty() || long.split(' ').any(|x| x == w),
            "`{w}` is a whole word of the message:\n{}",
            rows.join("\n")
        );
    }
}

// ---------------------------------------------------------------------------------------
// The title bar
// ---------------------------------------------------------------------------------------

#[test]
fn the_title_bar_keeps_the_portfolios_name_and_organisation_at_80x24() {
    for lang in [Lang::Nb, Lang::En] {
        let a = app_at(lang, 80, 24);
        let top = screen(&a, 80, 24)[0].clone();
        insta::assert_snapshot!(format!("title_bar_{lang:?}_80x24").to_lowercase(), top);
        assert!(top.contains("Testportefølje 2026 · Testkommune"), "{top}");
        assert!(top.contains("2026-11-22"), "{top}");
        // Wide enough, the tabs are spelled out.
        let top = screen(&a, 120, 40)[0].clone();
        assert!(
            top.contains(lang.pick(" 2 Prosjekter ", " 2 Projects ")),
            "{top}"
        );
        assert!(top.contains("Testportefølje 2026 · Testkommune"), "{top}");
    }
}

#[test]
fn a_long_portfolio_name_is_cut_at_a_word_and_the_organisation_stays_whole() {
    // Hamar's: the longest in data/.
    let mut a = app_at(Lang::Nb, 80, 24);
    a.portfolio.name = "Internasjonal strategi – handlingsplan 2025–2028".into();
    a.portfolio.organisation = "Hamar kommune".into();
    let top = screen(&a, 80, 24)[0].clone();
    insta::assert_snapshot!("title_bar_long_name_nb_80x24", top);
    assert!(top.contains("Internasjonal strategi"), "{top}");
    assert!(top.contains("… · Hamar kommune · "), "{top}");
    assert!(top.contains("2026-11-22"), "{top}");
    // Lillestrøm's fits whole beside the numbered tabs.
    a.portfolio.name = "Internasjonalt arbeid 2025–2028".into();
    a.portfolio.organisation = "Lillestrøm kommune".into();
    let top = screen(&a, 80, 24)[0].clone();
    assert!(
        top.contains("Internasjonalt arbeid 2025–2028 · Lillestrøm kommune"),
        "{top}"
    );
    // In triage too.
    press(&mut a, KeyCode::Char('t'));
    let top = screen(&a, 80, 24)[0].clone();
    assert!(top.contains("Lillestrøm kommune"), "{top}");
    assert!(top.contains("1–5 score"), "{top}");
}

// ---------------------------------------------------------------------------------------
// Help
// ---------------------------------------------------------------------------------------

/// The help box's inside at 80×24 (as `ui::help` places it): columns and rows.
const INNER_X: std::ops::Range<u16> = 5..75;
const INNER_Y: std::ops::Range<u16> = 2..22;

/// Every row of help at 80×24, scrolled through to the end, as (x, symbol, is the key's
/// style) cells.
fn help_rows(a: &mut App) -> Vec<Vec<(u16, String, bool)>> {
    let theme = Theme::new(ThemeName::Default);
    let is_key =
        |s: ratatui::style::Style| s.fg == theme.key.fg && s.add_modifier.contains(Modifier::BOLD);
    press(a, KeyCode::Char('?'));
    let mut rows = Vec::new();
    let mut last = None;
    // A page at a time until the end, where the page stays the same.
    for _ in 0..50 {
        let t = render(a, 80, 24);
        let buf = t.backend().buffer();
        let page: Vec<Vec<(u16, String, bool)>> = INNER_Y
            .map(|y| {
                INNER_X
                    .map(|x| {
                        let c = &buf[(x, y)];
                        (x, c.symbol().to_string(), is_key(c.style()))
                    })
                    .collect()
            })
            .collect();
        if last.as_ref() == Some(&page) {
            break;
        }
        rows.extend(page.iter().cloned());
        last = Some(page);
        press(a, KeyCode::PageDown);
    }
    press(a, KeyCode::Esc);
    rows
}

#[test]
fn no_help_line_runs_its_key_into_its_text_at_80x24() {
    for lang in [Lang::Nb, Lang::En] {
        // Help where it starts, in each pane, while scoring and in triage.
        for keys in ["", "1", "3", "4", "4\r", "t"] {
            let mut a = app_at(lang, 80, 24);
            for k in keys.chars() {
                press(
                    &mut a,
                    if k == '\r' {
                        KeyCode::Enter
                    } else {
                        KeyCode::Char(k)
                    },
                );
            }
            for row in help_rows(&mut a) {
                let text: String = row.iter().map(|c| c.1.as_str()).collect();
                // The key: the last drawn cell in the key's style; the text after it.
                let Some(end) = row.iter().rposition(|c| c.2 && c.1 != " ") else {
                    continue;
                };
                let Some(start) = row[end..].iter().position(|c| !c.2 && c.1 != " ") else {
                    continue; // a heading, or a key without text
                };
                assert!(
                    start >= 2,
                    "{lang:?} `{keys}`: the key runs into its text: {text}"
                );
            }
        }
    }
}

#[test]
fn help_has_the_lines_that_ran_together_and_enter_on_a_risk() {
    for lang in [Lang::Nb, Lang::En] {
        let mut a = app_at(lang, 80, 24);
        let rows: Vec<String> = help_rows(&mut a)
            .into_iter()
            .map(|r| r.into_iter().map(|c| c.1).collect())
            .collect();
        let all = rows.join("\n");
        for (key, what) in [
            ("Home/Ctrl-A", lang.pick("til starten", "to the start")),
            ("End/Ctrl-E", lang.pick("til slutten", "to the end")),
            (
                "Backspace/Delete",
                lang.pick("slett tegn", "delete a character"),
            ),
            (
                "Enter",
                lang.pick(
                    "vis cellens risikoer / åpne prosjektet",
                    "list the cell's risks / open its project",
                ),
            ),
            ("x", lang.pick("merk utført", "mark done")),
            (
                "1–9, 0",
                lang.pick("velg med tallet", "choose by its number"),
            ),
        ] {
            assert!(
                common::keys::has_key_row(&all, key, what),
                "{lang:?}: `{key}  {what}`:\n{all}"
            );
        }
    }
}

#[test]
fn snapshot_help_text_fields() {
    // The end of help: the text fields' keys, where the key column overflowed.
    for lang in [Lang::Nb, Lang::En] {
        let mut a = app_at(lang, 80, 24);
        press(&mut a, KeyCode::Char('?'));
        press(&mut a, KeyCode::Char('G'));
        let t = render(&a, 80, 24); // the frame that learns where the end is
        drop(t);
        press(&mut a, KeyCode::Char('G'));
        insta::assert_snapshot!(
            format!("help_end_{lang:?}_80x24").to_lowercase(),
            render(&a, 80, 24).backend()
        );
    }
}
