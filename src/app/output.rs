//! The command line's outputs from the palette: the minutes of the meeting, the
//! goal-achievement report and the CSV export, written as new files beside the portfolio
//! (`hamar-referat-2026-11-22.md`), never over a file that is there. The writing is the
//! session's ([`Effect::WriteOutput`]); here is what is asked for and what it is called.

use crate::model::Date;
use crate::text::Lang;

use super::{App, Effect};

/// What `styr minutes`, `styr report` and `styr export --csv` print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Minutes,
    Report,
    Export,
}

impl Output {
    pub const ALL: [Output; 3] = [Output::Minutes, Output::Report, Output::Export];

    /// The palette's words for it; the command line's word stands in brackets, so
    /// typing it finds the command in either language.
    pub fn label(self, l: Lang) -> &'static str {
        match self {
            Output::Minutes => l.pick(
                "skriv referatet fra møtet til fil (minutes)",
                "write the meeting's minutes to a file",
            ),
            Output::Report => l.pick(
                "skriv rapporten om måloppnåelse til fil (report)",
                "write the goal-achievement report to a file",
            ),
            Output::Export => l.pick(
                "eksporter prosjektene til CSV-fil (export)",
                "export the projects to a CSV file",
            ),
        }
    }

    /// The command line that prints the same, for where nothing may be written.
    pub fn command(self, file: &str, date: Date) -> String {
        match self {
            Output::Minutes => format!("styr minutes {file} --date {date}"),
            Output::Report => format!("styr report {file}"),
            Output::Export => format!("styr export {file} --csv"),
        }
    }

    /// The name of the `n`th try (from 1) beside the portfolio `stem`.ron:
    /// `stem-referat-DATE.md`, then `stem-referat-DATE-2.md`, …
    pub fn file_name(self, stem: &str, date: Date, l: Lang, n: usize) -> String {
        let (what, ext) = match self {
            Output::Minutes => (l.pick("referat", "minutes"), "md"),
            Output::Report => (l.pick("rapport", "report"), "md"),
            Output::Export => (l.pick("eksport", "export"), "csv"),
        };
        let again = if n > 1 {
            format!("-{n}")
        } else {
            String::new()
        };
        format!("{stem}-{what}-{date}{again}.{ext}")
    }
}

/// The palette's command: ask the session to write it, unless nothing may be written
/// here (then say how to get it from the command line).
pub(super) fn request(app: &mut App, o: Output) {
    if app.read_only {
        app.message = Some(format!(
            "{} {}",
            app.lang.pick(
                "Skrivebeskyttet: ingen fil skrives — på kommandolinjen:",
                "Read-only: no file is written — on the command line:"
            ),
            o.command(&app.file_name(), app.meeting_date)
        ));
        return;
    }
    app.effects.push(Effect::WriteOutput(o));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_kind_the_day_and_a_number_from_the_second_on() {
        let d = Date::parse("2026-11-22").unwrap();
        assert_eq!(
            Output::Minutes.file_name("hamar", d, Lang::Nb, 1),
            "hamar-referat-2026-11-22.md"
        );
        assert_eq!(
            Output::Export.file_name("hamar", d, Lang::En, 3),
            "hamar-export-2026-11-22-3.csv"
        );
    }
}
