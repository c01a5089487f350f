//! The goal tree: each goal with what serves it (itself and below).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

use super::theme::health_symbol;
use super::{Theme, clean, fit, pane_block};
use crate::app::hits::Hit;
use crate::app::{App, Pane, ScrollMemo};

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: &Theme, focused: bool) {
    let l = app.lang;
    let unserved = app.figures.unserved_leaves.len();
    let mut title = format!("{} ({})", Pane::Goals.title(l), app.goals.len());
    // The budget what-if, while open: the goals it would leave without a measure. Its
    // count takes the place of the unserved ones while it is open.
    let lost = app
        .balance
        .whatif
        .as_ref()
        .map(|w| w.lost_goals(app))
        .unwrap_or_default();
    if !lost.is_empty() {
        title.push_str(&format!(
            " · {} {}",
            lost.len(),
            super::whatif::lost_mark(l)
        ));
    } else if unserved > 0 {
        title.push_str(&format!(
            " · {unserved} {}",
            l.pick("uten tiltak", "without measures")
        ));
    }
    let block = pane_block(super::numbered(app, Pane::Goals), title, focused, t);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if app.goals.is_empty() {
        f.render_widget(
            Line::styled(
                l.pick("Porteføljen har ingen mål.", "The portfolio has no goals."),
                t.dim,
            ),
            inner,
        );
        return;
    }

    let wide = inner.width >= 70;
    let height = inner.height.saturating_sub(1) as usize;
    let off = ScrollMemo::follow(
        &app.scroll.goals,
        app.goal_cursor,
        height,
        app.goal_rows.len(),
    );
    let fixed: u16 = if wide {
        3 + 1 + 7 + 1 + 5 + 1 + 7 + 1 + 9
    } else {
        3 + 1 + 5 + 1 + 3
    };
    let label_w = inner.width.saturating_sub(fixed + 1) as usize;

    let rows = app
        .goal_rows
        .iter()
        .enumerate()
        .skip(off)
        .take(height)
        .map(|(row, &gi)| {
            let g = &app.goals[gi];
            let r = &app.figures.goals[gi];
            let marker = if g.children.is_empty() {
                "  "
            } else if app.expanded[gi] {
                "▾ "
            } else {
                "▸ "
            };
            let filter = if app.filters.goal == Some(gi) {
                "◆ "
            } else {
                ""
            };
            let is_lost = lost.binary_search(&gi).is_ok();
            let cut = if is_lost { "○ " } else { "" };
            let indent = "  ".repeat(g.depth.min(8));
            let label = fit(
                &format!(
                    "{indent}{marker}{filter}{cut}{} {}",
                    clean(&g.id),
                    clean(&g.title)
                ),
                label_w,
            );
            let is_unserved =
                g.children.is_empty() && app.figures.unserved_leaves.binary_search(&gi).is_ok();
            let mut cells = vec![Cell::from(label)];
            if is_unserved {
                // No project: say so where the health would be.
                cells.push(Cell::from(format!("{:>3}", 0)));
                if wide {
                    cells.push(Cell::from(format!("{:>7}", "–")));
                }
                cells.push(Cell::from(format!("{:>5}", "–")));
                cells.push(Cell::from(Span::styled(
                    if wide {
                        l.pick("○ ingen", "○ none")
                    } else {
                        "○"
                    },
                    t.warn,
                )));
            } else {
                cells.push(Cell::from(format!("{:>3}", r.projects.len())));
                if wide {
                    cells.push(Cell::from(format!("{:>7}", l.short_amount(r.planned))));
                }
                cells.push(Cell::from(format!("{:>5}", l.decimal(r.mean_score))));
                let h = r.worst_health;
                cells.push(Cell::from(if is_lost {
                    // The what-if would cut its last measure: say so where the health is.
                    Span::styled(
                        if wide {
                            l.pick("○ kutt", "○ cut")
                        } else {
                            "○"
                        },
                        t.bad,
                    )
                } else {
                    Span::styled(
                        if wide {
                            format!("{} {}", health_symbol(h), fit(l.health(h), 5))
                        } else {
                            health_symbol(h).to_string()
                        },
                        t.health(h),
                    )
                }));
            }
            if wide {
                let sdgs: Vec<String> = g.sdgs.iter().map(|s| s.to_string()).collect();
                cells.push(Cell::from(Span::styled(fit(&sdgs.join(","), 9), t.dim)));
            }
            let style = if row == app.goal_cursor && focused {
                t.selected
            } else if is_unserved {
                t.warn
            } else {
                t.text
            };
            Row::new(cells).style(style)
        });

    let header: Vec<&str> = if wide {
        vec![
            l.pick("Mål", "Goal"),
            l.pick("Ant", "No."),
            "   Plan",
            "Score",
            l.pick("Helse", "Health"),
            l.pick("Bærekr.", "SDGs"),
        ]
    } else {
        vec![l.pick("Mål", "Goal"), l.pick("Ant", "No."), "Score", "H"]
    };
    let widths: Vec<Constraint> = if wide {
        vec![
            Constraint::Min(10),
            Constraint::Length(3),
            Constraint::Length(7),
            Constraint::Length(5),
            Constraint::Length(7),
            Constraint::Length(9),
        ]
    } else {
        vec![
            Constraint::Min(10),
            Constraint::Length(3),
            Constraint::Length(5),
            Constraint::Length(3),
        ]
    };
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(t.header))
        .column_spacing(1);
    f.render_widget(table, inner);
    let body = Rect::new(inner.x, inner.y + 1, inner.width, height as u16);
    super::hit_rows(app, body, off, app.goal_rows.len(), Hit::Goal);
}
