//! What moved in a project since the version `--since` compares with, for the detail
//! view (a section) and triage (one line first).

use crate::app::App;
use crate::app::since::Moved;
use crate::model::Project;
use crate::since_text::line;

use super::clean;

/// The heading ("Siden plan.ron @ 2026-10-29") and each change in words; `None` when
/// there is no comparison or nothing moved.
pub fn changes(app: &App, pr: &Project) -> Option<(String, Vec<String>)> {
    let since = app.since.as_ref()?;
    let l = app.lang;
    let heading = format!("{} {}", l.pick("Siden", "Since"), clean(&since.label));
    let lines = match since.moved(pr)? {
        Moved::New => vec![l.pick("nytt prosjekt", "a new project").to_string()],
        Moved::Changed(cs) => cs
            .iter()
            .map(|c| line(c, &app.portfolio, l, &|s: &str| clean(s)))
            .collect(),
    };
    Some((heading, lines))
}
