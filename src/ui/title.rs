//! The top bar: styr, the panes, and the portfolio — its name, its organisation and the
//! meeting's date. The portfolio's name and organisation must stay readable at 80
//! columns, so the rest gives way first, in this order: the tabs' words (the numbers
//! stay, the active pane keeps its name; then only the numbers), the word "meeting",
//! the "styr" badge; only then is the name cut, at a word. The organisation and the
//! date stay whole.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::width::{fit, fit_words, spans_width, width};
use super::{Theme, clean};
use crate::app::{App, Pane};

/// How much of the tab bar is spelled out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tabs {
    /// " 1 Mål  2 Prosjekter  3 Risiko  4 Evaluering ".
    Full,
    /// " 1  2 Prosjekter  3  4 ": the active pane named.
    Active,
    /// " 1 2 3 4 5 ".
    Numbers,
}

/// One way of drawing the bar, from the most spelled out to the least.
struct Shape {
    tabs: Tabs,
    meeting_word: bool,
    badge: bool,
}

const SHAPES: [Shape; 5] = [
    Shape {
        tabs: Tabs::Full,
        meeting_word: true,
        badge: true,
    },
    Shape {
        tabs: Tabs::Active,
        meeting_word: true,
        badge: true,
    },
    Shape {
        tabs: Tabs::Numbers,
        meeting_word: true,
        badge: true,
    },
    Shape {
        tabs: Tabs::Numbers,
        meeting_word: false,
        badge: true,
    },
    Shape {
        tabs: Tabs::Numbers,
        meeting_word: false,
        badge: false,
    },
];

pub fn top_bar(f: &mut Frame, area: Rect, app: &App, t: &Theme) {
    let spans = bar(app, t, area.width as usize);
    // A click on a tab goes to its pane (see `crate::app::mouse`): each tab's place, as
    // drawn in whichever shape the bar took.
    let l = app.lang;
    let mut x = area.x;
    for s in &spans {
        let w = width(&s.content) as u16;
        let c = s.content.trim();
        let tab = crate::app::Pane::ALL.into_iter().find(|p| {
            let n = (p.index() + 1).to_string();
            c == n || c == p.title(l) || c == format!("{n} {}", p.title(l))
        });
        if let Some(p) = tab {
            app.hits.add(x, area.y, w, 1, crate::app::hits::Hit::Tab(p));
        }
        x = x.saturating_add(w);
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The bar's spans in `cols` columns.
fn bar(app: &App, t: &Theme, cols: usize) -> Vec<Span<'static>> {
    let name = clean(&app.portfolio.name);
    let org = clean(&app.portfolio.organisation);
    for shape in &SHAPES {
        let left = left(app, t, shape);
        let right = portfolio(&name, &org, &date(app, shape.meeting_word));
        // A space before the portfolio and one at the end.
        if spans_width(&left) + width(&right) + 2 <= cols {
            return join(left, right, cols, t.title);
        }
    }
    // Still too long: the name gives way, cut after a word; the organisation and the
    // date stay whole. The name is cut as it must be in the barest shape, and then the
    // most spelled-out shape that shows as much of it is drawn.
    let cut = |shape: &Shape| {
        let left = left(app, t, shape);
        let date = date(app, shape.meeting_word);
        let room = cols.saturating_sub(spans_width(&left) + 2);
        let fixed = if org.is_empty() {
            date.clone()
        } else {
            format!(" · {org}{date}")
        };
        let right = if room >= width(&fixed) + 8 {
            format!("{}{fixed}", fit_words(&name, room - width(&fixed)))
        } else {
            fit(&portfolio(&name, &org, &date), room)
        };
        (left, right, fixed)
    };
    let barest = cut(&SHAPES[SHAPES.len() - 1]);
    let shown = width(&barest.1) - width(&barest.2);
    let (left, right, _) = SHAPES
        .iter()
        .map(cut)
        .find(|(_, r, f)| r.ends_with(f.as_str()) && width(r) - width(f) >= shown)
        .unwrap_or(barest);
    join(left, right, cols, t.title)
}

/// " · møte 2026-11-22": the meeting's date, with or without its word.
fn date(app: &App, word: bool) -> String {
    if word {
        format!(
            " · {} {}",
            app.lang.pick("møte", "meeting"),
            app.meeting_date
        )
    } else {
        format!(" · {}", app.meeting_date)
    }
}

/// "Name · Organisation · møte DATE".
fn portfolio(name: &str, org: &str, date: &str) -> String {
    if org.is_empty() {
        format!("{name}{date}")
    } else {
        format!("{name} · {org}{date}")
    }
}

/// The left spans and the right text with the space between them.
fn join(
    mut left: Vec<Span<'static>>,
    right: String,
    cols: usize,
    style: Style,
) -> Vec<Span<'static>> {
    // One space at the end, as at the start.
    let right = format!("{right} ");
    let gap = cols
        .saturating_sub(spans_width(&left) + width(&right))
        .max(1);
    left.push(Span::raw(" ".repeat(gap)));
    left.push(Span::styled(right, style));
    left
}

/// The badge and the tabs.
fn left(app: &App, t: &Theme, shape: &Shape) -> Vec<Span<'static>> {
    let l = app.lang;
    let mut spans = Vec::new();
    if shape.badge {
        spans.push(Span::styled(" styr ", t.tab_active));
        spans.push(Span::raw(" "));
    }
    // Where the digits score (triage, pane 4 after Enter) the tabs lose their numbers:
    // the bar must not say `1` goes to Goals when it scores. Short, only the pane (or
    // triage) at hand is named.
    let scoring = app.digits_score();
    for p in Pane::ALL {
        let active = p == app.pane && app.triage.is_none();
        let label = match (scoring, shape.tabs) {
            (true, Tabs::Full) => format!(" {} ", p.title(l)),
            (true, _) if active => format!(" {} ", p.title(l)),
            (true, _) => continue,
            (false, Tabs::Full) => format!(" {} {} ", p.index() + 1, p.title(l)),
            (false, Tabs::Active) if active => format!(" {} {} ", p.index() + 1, p.title(l)),
            (false, Tabs::Active) => format!(" {} ", p.index() + 1),
            // Only numbers: one space between them (the five fit beside a long name).
            (false, Tabs::Numbers) => format!(" {}", p.index() + 1),
        };
        let style = if active {
            t.tab_active
        } else if scoring {
            t.dim
        } else {
            t.text
        };
        spans.push(Span::styled(label, style));
    }
    if shape.tabs == Tabs::Numbers && !scoring {
        spans.push(Span::raw(" "));
    }
    if app.triage.is_some() {
        spans.push(Span::styled(
            format!(" {} ", l.pick("Gjennomgang", "Triage")),
            t.tab_active,
        ));
    }
    if scoring {
        spans.push(Span::styled(" 1–5 score ", t.key));
    }
    spans
}
