//! `styr report --html`: one self-contained page, well-formed XML (parsed strictly here),
//! with no control characters and no address outside itself, in the chosen language.

use std::process::Command;

fn html(file: &str, lang: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_styr"))
        .args(["report", file, "--html", "--lang", lang])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn parse(page: &str) -> roxmltree::Document<'_> {
    let body = page
        .strip_prefix("<!DOCTYPE html>\n")
        .expect("an HTML5 doctype first");
    roxmltree::Document::parse(body).unwrap_or_else(|e| panic!("not well-formed: {e}"))
}

#[test]
fn the_page_is_well_formed_self_contained_and_in_the_chosen_language() {
    for (file, lang, title) in [
        ("data/hamar.ron", "nb", "Rapport om måloppnåelse"),
        ("data/lillestrom.ron", "en", "Goal achievement report"),
        ("tests/fixtures/small.ron", "en", "Goal achievement report"),
    ] {
        let page = html(file, lang);
        let doc = parse(&page);
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "html");
        assert_eq!(root.attribute("lang"), Some(lang));
        let text: String = doc
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        assert!(text.contains(title), "{file}");
        // No address outside the page: nothing is fetched, and nothing links away.
        for n in doc.descendants().filter(|n| n.is_element()) {
            for a in n.attributes() {
                assert!(
                    !a.value().contains("://") && !a.value().starts_with("//"),
                    "{file}: {}={}",
                    a.name(),
                    a.value()
                );
            }
            assert!(
                !matches!(n.tag_name().name(), "script" | "link" | "img" | "iframe"),
                "{file}: <{}>",
                n.tag_name().name()
            );
        }
        assert!(!page.contains("://"), "{file}: an address in the page");
        assert!(
            !page.chars().any(|c| c.is_control() && c != '\n'),
            "{file}: a control character"
        );
        // Charts are inline SVG: the risk matrix has its 25 cells.
        let rects = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "rect")
            .count();
        assert!(rects >= 25, "{file}: {rects} rects");
    }
}

#[test]
fn hostile_text_from_the_file_comes_out_escaped_and_inert() {
    // small.ron's T-05 carries escapes, a bidi override and markup in its name and note.
    let page = html("tests/fixtures/small.ron", "nb");
    let _ = parse(&page);
    assert!(!page.contains('\u{1b}'));
    assert!(!page.contains('\u{202e}'));
    assert!(
        !page.contains("<b>"),
        "markup from the file is text, not markup"
    );
}

#[test]
fn the_pages_text_in_english() {
    let page = html("tests/fixtures/small.ron", "en");
    let doc = parse(&page);
    let text: Vec<&str> = doc
        .descendants()
        .filter(|n| n.is_text() && n.parent().is_some_and(|p| p.tag_name().name() != "style"))
        .filter_map(|n| n.text())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    insta::assert_snapshot!("report_html_small_en", text.join("\n"));
}
