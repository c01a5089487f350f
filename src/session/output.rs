//! The palette's minutes, report and export ([`Effect::WriteOutput`]): the same text the
//! command line prints, of the portfolio as it is on screen, written beside the file as
//! a new file. A name that is taken is never written over (the file is created only if
//! it is not there, as every file styr makes); the next number is tried instead. The
//! message names the file, not its folder: it is beside the portfolio.
//!
//! [`Effect::WriteOutput`]: crate::app::Effect::WriteOutput

use super::{Session, io_brief};
use crate::app::App;
use crate::app::output::Output;
use crate::store::atomic;

/// How many numbered names are tried before giving up.
const TRIES: usize = 99;

impl Session {
    pub(super) fn write_output(&mut self, app: &mut App, o: Output) {
        let l = app.lang;
        let Some(doc) = self.doc.as_ref() else {
            app.message = Some(
                l.pick(
                    "Eksempelet har ingen fil å skrive ved siden av — lagre det først (s)",
                    "The example has no file to write beside — save it first (s)",
                )
                .into(),
            );
            return;
        };
        let path = doc.path();
        let dir = path.parent().unwrap_or(std::path::Path::new("."));
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "styr".into());
        let date = app.meeting_date;
        let text = match o {
            Output::Minutes => crate::cli::minutes::minutes(&app.portfolio, Some(date), l),
            Output::Report => crate::cli::report::report(&app.portfolio, l),
            Output::Export => crate::cli::export::export_csv(&app.portfolio),
        };
        for n in 1..=TRIES {
            let name = o.file_name(&stem, date, l, n);
            match atomic::write_new(&dir.join(&name), text.as_bytes(), None) {
                Ok(false) => continue, // taken: never written over
                Ok(true) => {
                    let unsaved = if app.unsaved > 0 {
                        format!(
                            " ({} {} {})",
                            l.pick("med", "with"),
                            app.unsaved,
                            l.pick("ulagrede endringer", "unsaved changes")
                        )
                    } else {
                        String::new()
                    };
                    app.message = Some(format!(
                        "{} {}{unsaved}",
                        l.pick("Skrevet ved siden av filen:", "Written beside the file:"),
                        crate::sanitize::clean(&name)
                    ));
                    return;
                }
                Err(e) => {
                    app.message = Some(format!(
                        "{} {}: {}",
                        l.pick("Kunne ikke skrive", "Could not write"),
                        crate::sanitize::clean(&name),
                        io_brief(l, &e)
                    ));
                    return;
                }
            }
        }
        app.message = Some(format!(
            "{} {}",
            l.pick(
                "Ingen fil skrevet: alle navnene er tatt, til og med",
                "Nothing written: every name is taken, up to"
            ),
            crate::sanitize::clean(&o.file_name(&stem, date, l, TRIES))
        ));
    }
}
