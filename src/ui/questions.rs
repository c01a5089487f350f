//! The questions styr asks before it goes on: quit with unsaved changes, recover an
//! interrupted session's edits, a file changed on disk, the edits that no longer fit
//! the file after a recovery or a reload, saving before the editor, a file the editor
//! left with errors, and triage going on from a project scored on only some criteria.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::overlay::{centered, popup};
use super::{Theme, clean};
use crate::app::{App, Question};

pub fn draw(f: &mut Frame, area: Rect, app: &App, t: &Theme, q: Question) {
    let l = app.lang;
    let owned;
    let (title, mut text, keys): (&str, Vec<String>, &str) = match q {
        Question::Remove => {
            let (lines, keys) = crate::app::remove::question(app);
            owned = keys;
            (l.pick("Fjerne?", "Remove?"), lines, owned.as_str())
        }
        Question::GoalPlace => {
            let here = app
                .goal_rows
                .get(app.goal_cursor)
                .and_then(|&gi| app.goals.get(gi))
                .map(|g| format!("{} {}", clean(&g.id), clean(&g.title)))
                .unwrap_or_default();
            (
                l.pick("Nytt mål", "New goal"),
                vec![format!(
                    "{} {here}?",
                    l.pick(
                        "Det nye målet under eller ved siden av",
                        "The new goal under or beside"
                    )
                )],
                l.pick(
                    "u under (et delmål) · s ved siden av · Esc avbryt",
                    "u under (a sub-goal) · s beside it · Esc cancel",
                ),
            )
        }
        Question::QuitUnsaved => (
            l.pick("Ulagrede endringer", "Unsaved changes"),
            vec![
                l.pick("Lagre før du avslutter?", "Save before quitting?")
                    .into(),
            ],
            l.pick(
                "j lagre og avslutt · n avslutt uten å lagre · Esc bli",
                "y save and quit · n quit without saving · Esc stay",
            ),
        ),
        Question::Recover => (
            l.pick(
                "Ulagrede endringer fra forrige økt",
                "Unsaved changes from an earlier session",
            ),
            recovery_lines(app),
            l.pick("j gjenopprett · n forkast", "y recover · n discard"),
        ),
        Question::Conflict => (
            l.pick("Filen er endret på disk", "The file changed on disk"),
            vec![
                l.pick(
                    "Noen andre har lagret filen etter at du åpnet den. Ingenting er overskrevet.",
                    "Someone else saved the file after you opened it. Nothing was overwritten.",
                )
                .into(),
            ],
            l.pick(
                "r last inn på nytt og legg dine endringer oppå · a lagre som ny fil · Esc avbryt",
                "r reload and re-apply your edits · a save under another name · Esc cancel",
            ),
        ),
        Question::NotApplied => (
            l.pick(
                "Endringer som ikke passet lenger",
                "Edits that no longer fit",
            ),
            not_applied_lines(app),
            l.pick(
                "d forkast dem for godt · Enter/Esc lukk (de vises igjen ved neste start)",
                "d dismiss them for good · Enter/Esc close (shown again at the next start)",
            ),
        ),
        Question::SaveBeforeEdit => (
            l.pick("Ulagrede endringer", "Unsaved changes"),
            vec![
                l.pick("Lagre før du redigerer?", "Save before editing?").into(),
                l.pick(
                    "Editoren åpner filen på disk, så endringene herfra må være lagret i den først.",
                    "The editor opens the file on disk, so the edits made here must be saved in it first.",
                )
                .into(),
            ],
            l.pick("j lagre og rediger · Esc avbryt", "y save and edit · Esc cancel"),
        ),
        Question::PartlyScored { scored, of } => (
            l.pick("Delvis vurdert", "Partly scored"),
            vec![match l {
                crate::text::Lang::Nb => format!("{scored} av {of} vurdert — gå videre?"),
                crate::text::Lang::En => format!("{scored} of {of} scored — go on?"),
            }],
            l.pick(
                "Space/j/Enter gå videre · Esc bli og vurder resten",
                "Space/y/Enter go on · Esc stay and score the rest",
            ),
        ),
        Question::EditedFileBroken => (
            l.pick("Filen har feil", "The file has errors"),
            broken_lines(app),
            l.pick(
                "e rediger igjen · Esc behold siste gode versjon på skjermen",
                "e edit again · Esc keep the last good state on screen",
            ),
        ),
    };
    text.push(String::new());
    let width = 66.min(area.width.saturating_sub(4));
    let inner_w = width.saturating_sub(2).max(1) as usize;
    // Room for every line as it wraps, within the screen.
    let rows: usize = text
        .iter()
        .chain(std::iter::once(&keys.to_string()))
        .map(|s| super::width::width(s).div_ceil(inner_w).max(1))
        .sum();
    let height = (rows as u16 + 2).max(9).min(area.height.saturating_sub(2));
    let mut lines: Vec<Line> = text.into_iter().map(Line::from).collect();
    lines.push(Line::styled(keys, t.key));
    let rect = centered(area, width, height);
    let block = popup(title, t);
    let inner = block.inner(rect);
    f.render_widget(Clear, rect);
    f.render_widget(block, rect);
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .alignment(Alignment::Left)
            .style(t.text),
        inner,
    );
}

/// What the recovery question says about the journal that was found.
fn recovery_lines(app: &App) -> Vec<String> {
    let l = app.lang;
    let mut out = vec![
        l.pick(
            "styr ble avbrutt før endringene ble lagret.",
            "styr was interrupted before the changes were saved.",
        )
        .to_string(),
    ];
    if let Some(r) = &app.recovery {
        let when = r
            .started
            .as_deref()
            .map(|s| clean(s.get(..16).unwrap_or(s)).replace('T', " "))
            .unwrap_or_else(|| "?".into());
        let who = match (&r.pid, &r.host) {
            (Some(pid), Some(host)) => format!(" (pid {pid}, {})", clean(host)),
            _ => String::new(),
        };
        out.push(format!(
            "{} {} {when}{who}.",
            r.edits,
            l.pick("endringer, påbegynt", "changes, started")
        ));
        if r.unreadable > 0 {
            out.push(format!(
                "{} {}",
                r.unreadable,
                l.pick(
                    "linjer i journalen var skadet og kunne ikke leses.",
                    "lines of the journal were damaged and could not be read."
                )
            ));
        }
        if r.torn_tail {
            out.push(
                l.pick(
                    "Siste linje ble kuttet av avbruddet (den endringen ble aldri bekreftet).",
                    "The last line was cut off by the interruption (that edit was never confirmed).",
                )
                .into(),
            );
        }
        if let Some(copy) = &r.damaged_copy {
            out.push(format!(
                "{} {copy}.",
                l.pick(
                    "Journalen slik den var, er tatt vare på som",
                    "The journal as it was is kept as"
                )
            ));
        }
        if r.file_changed {
            out.push(
                l.pick(
                    "Filen er endret siden; endringene legges på der de fortsatt passer.",
                    "The file changed since; the changes are re-applied where they still fit.",
                )
                .into(),
            );
        }
    }
    out.push(l.pick("Gjenopprette dem?", "Recover them?").into());
    out
}

/// The edits a replay had to leave out: which project, which field, what value.
fn not_applied_lines(app: &App) -> Vec<String> {
    let l = app.lang;
    let Some(na) = &app.not_applied else {
        return Vec::new();
    };
    let mut out = vec![format!(
        "{} {}",
        na.edits.len(),
        l.pick(
            "endringer gjelder prosjekter, risikoer eller kriterier som ikke finnes i filen lenger:",
            "edits are for projects, risks or criteria no longer in the file:"
        )
    )];
    for e in &na.edits {
        let value = e
            .value()
            .unwrap_or_else(|| l.pick("(tømt)", "(cleared)").into());
        out.push(format!(
            "  {} · {} → {}",
            clean(e.project_id().unwrap_or("—")),
            clean(&e.field()),
            clean(&value)
        ));
    }
    out.push(match &na.kept {
        Ok(name) => format!("{} {name}.", l.pick("Tatt vare på i", "Kept in")),
        Err(e) => format!(
            "{} ({e}).",
            l.pick(
                "Kunne ikke tas vare på i en fil",
                "Could not be kept in a file"
            )
        ),
    });
    out
}

/// The errors of the file as the editor left it (already placed and cleaned), and what
/// either answer means: nothing is lost.
fn broken_lines(app: &App) -> Vec<String> {
    let l = app.lang;
    let mut out = vec![
        l.pick(
            "Filen slik editoren forlot den, kan ikke lastes:",
            "The file as the editor left it does not load:",
        )
        .to_string(),
    ];
    out.extend(app.editor.errors.iter().cloned());
    out.push(
        l.pick(
            "Filen på disk blir slik du lot den være; styr viser siste gode versjon til den lastes igjen, og lagrer ikke over den uten å spørre.",
            "The file on disk stays as you left it; styr shows the last good state until it loads again, and does not save over it without asking.",
        )
        .to_string(),
    );
    out
}
