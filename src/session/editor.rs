//! `e`: which editor, at which line, and what to do with the file it leaves.
//!
//! The session only prepares the call ([`EditorCall`]) and takes the file back after
//! ([`Session::editor_done`]); handing the terminal over is `crate::term`'s.

use std::ffi::OsString;
use std::io;
use std::path::Path;
use std::process::{Command, ExitStatus};

use super::reload::OnDisk;
use super::{Session, io_brief};
use crate::app::editor::EditTarget;
use crate::app::{App, Overlay, Question};
use crate::model::load_bytes;
use crate::model::locate::{self, field, index};
use crate::model::tree::GoalTree;
use crate::store::{self, Fingerprint};

/// The editor to run: a program, its arguments (the file last), and the line it opens
/// at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorCall {
    pub program: String,
    pub args: Vec<OsString>,
    pub line: Option<usize>,
}

impl EditorCall {
    /// The command, sharing styr's terminal, environment and process group (so it is
    /// the terminal's foreground job, as styr is).
    pub fn command(&self) -> Command {
        let mut c = Command::new(&self.program);
        c.args(&self.args);
        c
    }
}

/// `$VISUAL`, else `$EDITOR`, else `vi`, split on whitespace (`EDITOR="code -w"`).
pub fn editor_words(visual: Option<&str>, editor: Option<&str>) -> Vec<String> {
    [visual, editor]
        .into_iter()
        .flatten()
        .map(|s| s.split_whitespace().map(String::from).collect::<Vec<_>>())
        .find(|w| !w.is_empty())
        .unwrap_or_else(|| vec!["vi".to_string()])
}

/// The arguments that open `path` at `line` in `program`: `+LINE FILE` for vi, vim,
/// nvim, nano, emacs, micro, kak, helix and any editor not known here (the common
/// convention); VS Code's `-g FILE:LINE`; `FILE:LINE` for Sublime Text and Zed.
pub fn line_args(program: &str, path: &Path, line: Option<usize>) -> Vec<OsString> {
    let name = Path::new(program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(program);
    let with_line = |line: usize| {
        let mut s = path.as_os_str().to_owned();
        s.push(format!(":{line}"));
        s
    };
    match (name, line) {
        (_, None) => vec![path.into()],
        ("code" | "code-insiders" | "codium" | "vscodium", Some(n)) => {
            vec!["-g".into(), with_line(n)]
        }
        ("subl" | "zed" | "zeditor", Some(n)) => vec![with_line(n)],
        (_, Some(n)) => vec![format!("+{n}").into(), path.into()],
    }
}

/// The line of `target` in the file's `text`. A file that does not load opens at its
/// first error instead (that is what needs editing); `None` when neither has a place.
pub fn line_of(text: &[u8], target: &EditTarget) -> Option<usize> {
    let loaded = load_bytes(text);
    let Some(p) = loaded.portfolio else {
        return loaded
            .diagnostics
            .iter()
            .find(|d| d.is_error())
            .and_then(|d| d.pos)
            .map(|pos| pos.line);
    };
    let project = |id: &str| p.projects.iter().position(|x| x.id == id);
    let path = match target {
        EditTarget::Project(id) => index(".projects", project(id)?),
        EditTarget::Goal(id) => {
            let tree = GoalTree::new(&p);
            tree.nodes.get(tree.index_of(id)?)?.path.clone()
        }
        EditTarget::Risk { project: pid, risk } => {
            let pi = project(pid)?;
            let ri = p.projects[pi].risks.iter().position(|r| r.id == *risk)?;
            index(&field(&index(".projects", pi), "risks"), ri)
        }
    };
    let text = std::str::from_utf8(text).ok()?;
    let found = locate::locate(text, &std::iter::once(path.clone()).collect());
    found.get(&path).map(|pos| pos.line)
}

impl Session {
    /// Use this editor command instead of `$VISUAL`/`$EDITOR` (tests).
    pub fn set_editor(&mut self, command: &str) {
        self.editor_command = Some(command.to_string());
    }

    /// The editor `update` asked for, once: the event loop hands it the terminal and
    /// then calls [`Session::editor_done`].
    pub fn take_editor_call(&mut self) -> Option<EditorCall> {
        self.editor_call.take()
    }

    /// `Effect::Editor`: find the item's line in the file as it is on disk and prepare
    /// the call.
    pub(super) fn editor(&mut self, app: &mut App, target: EditTarget) {
        let l = app.lang;
        if app.unsaved > 0 {
            // The save before it did not go through: its question or message stands.
            return;
        }
        let Some(doc) = &self.doc else {
            app.message = Some(
                l.pick(
                    "Eksempelet har ingen egen fil: s lagrer det under et navn først",
                    "The bundled example has no file of its own: s saves it under a name first",
                )
                .into(),
            );
            return;
        };
        let (bytes, _) = match store::open(doc.path()) {
            Ok(x) => x,
            Err(e) => {
                app.message = Some(format!(
                    "{}: {}",
                    l.pick("Kunne ikke lese filen", "Could not read the file"),
                    io_brief(l, &e)
                ));
                return;
            }
        };
        let line = line_of(&bytes, &target);
        let words = match &self.editor_command {
            Some(c) => editor_words(Some(c), None),
            None => editor_words(
                std::env::var("VISUAL").ok().as_deref(),
                std::env::var("EDITOR").ok().as_deref(),
            ),
        };
        let (program, rest) = words
            .split_first()
            .map_or(("vi", &[][..]), |(p, r)| (p.as_str(), r));
        let mut args: Vec<OsString> = rest.iter().map(OsString::from).collect();
        args.extend(line_args(program, doc.path(), line));
        self.editor_call = Some(EditorCall {
            program: program.to_string(),
            args,
            line,
        });
        app.editor.target = Some(target);
    }

    /// The editor has ended (or could not start): take the file back. A file that
    /// loads is shown, cursors kept by id; one that does not is left as it is on disk,
    /// its errors shown, and the last good state stays on screen (the next save then
    /// meets a conflict: the fingerprint is still the old file's).
    pub fn editor_done(&mut self, app: &mut App, call: &EditorCall, ran: io::Result<ExitStatus>) {
        let l = app.lang;
        let status = match ran {
            Ok(s) => s,
            Err(e) => {
                app.editor.target = None;
                app.message = Some(format!(
                    "{} «{}»: {}; {}",
                    l.pick("Kunne ikke starte editoren", "Could not start the editor"),
                    crate::sanitize::clean(&call.program),
                    io_brief(l, &e),
                    l.pick("sett $VISUAL eller $EDITOR", "set $VISUAL or $EDITOR")
                ));
                return;
            }
        };
        let ended = match status.code() {
            Some(0) => String::new(),
            Some(n) => format!(
                " ({} {n})",
                l.pick(
                    "editoren avsluttet med status",
                    "the editor ended with status"
                )
            ),
            None => format!(
                " ({})",
                l.pick("editoren ble avbrutt", "the editor was interrupted")
            ),
        };
        match self.read_disk(app) {
            None => {}
            Some(OnDisk::Unreadable(e)) => {
                app.message = Some(format!(
                    "{}: {}{ended}",
                    l.pick(
                        "Kunne ikke lese filen etter redigeringen",
                        "Could not read the file after editing"
                    ),
                    io_brief(l, &e)
                ));
            }
            Some(OnDisk::Loads(p, d)) => {
                app.editor.target = None;
                let shown = self.doc.as_ref().map(|x| x.fingerprint());
                if shown.is_some_and(|f| f.same_content(&d.fingerprint())) {
                    // As on screen already: untouched, or put back after errors.
                    let what = if std::mem::take(&mut self.told_broken) {
                        l.pick(
                            "Filen kan lastes igjen, og er som vist",
                            "The file loads again, and is as shown",
                        )
                    } else {
                        l.pick(
                            "Uendret: filen er som før",
                            "Unchanged: the file is as it was",
                        )
                    };
                    app.message = Some(format!("{what}{ended}"));
                    return;
                }
                let (_, journal_err) = self.take_in(app, *p, d);
                app.message = Some(format!(
                    "{}{ended}{}",
                    l.pick(
                        "Lastet inn på nytt etter redigeringen",
                        "Reloaded after editing"
                    ),
                    journal_err
                        .map(|e| format!(" · {}: {e}", l.pick("journalfeil", "journal error")))
                        .unwrap_or_default()
                ));
            }
            Some(OnDisk::Broken(errors)) => {
                // Shown here: the idle check must not say it again.
                self.told_broken = true;
                self.hashed_meta = None;
                if let Some(doc) = &self.doc
                    && let Ok(meta) = std::fs::metadata(doc.path())
                {
                    self.hashed_meta =
                        Some((meta.len(), Fingerprint::of(&[], Some(&meta)).mtime_ns));
                }
                app.editor.errors = errors;
                app.overlay = Some(Overlay::Question(Question::EditedFileBroken));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strs(v: &[OsString]) -> Vec<&str> {
        v.iter().map(|s| s.to_str().unwrap()).collect()
    }

    #[test]
    fn visual_first_then_editor_then_vi_split_on_whitespace() {
        assert_eq!(editor_words(Some("nvim"), Some("nano")), ["nvim"]);
        assert_eq!(editor_words(None, Some("code  -w")), ["code", "-w"]);
        assert_eq!(editor_words(Some("  "), Some("nano")), ["nano"]);
        assert_eq!(editor_words(None, None), ["vi"]);
        assert_eq!(editor_words(Some(""), Some("")), ["vi"]);
    }

    #[test]
    fn the_line_goes_where_each_editor_takes_it() {
        let p = Path::new("/tmp/plan.ron");
        for ed in [
            "vi",
            "/usr/bin/vim",
            "nvim",
            "nano",
            "emacs",
            "micro",
            "kak",
            "hx",
            "ed2",
        ] {
            assert_eq!(
                strs(&line_args(ed, p, Some(12))),
                ["+12", "/tmp/plan.ron"],
                "{ed}"
            );
        }
        assert_eq!(
            strs(&line_args("code", p, Some(3))),
            ["-g", "/tmp/plan.ron:3"]
        );
        assert_eq!(strs(&line_args("subl", p, Some(3))), ["/tmp/plan.ron:3"]);
        assert_eq!(strs(&line_args("vi", p, None)), ["/tmp/plan.ron"]);
    }

    const FILE: &str = r#"(name: "n", organisation: "o",
    criteria: [(id: "c", name: "C", weight: 1)],
    goals: [
        (id: "a", title: "A", children: [
            (id: "a.1", title: "A1"),
        ]),
    ],
    projects: [
        (id: "P-1", name: "One", goals: ["a.1"], status: Active),
        (id: "P-2", name: "Two", goals: ["a.1"], status: Active,
            risks: [
                (id: "r1", title: "R", probability: 2, consequence: 3, status: Open),
            ]),
    ],
)"#;

    #[test]
    fn projects_goals_and_risks_are_found_at_their_lines() {
        let b = FILE.as_bytes();
        assert_eq!(line_of(b, &EditTarget::Project("P-2".into())), Some(10));
        assert_eq!(line_of(b, &EditTarget::Goal("a".into())), Some(4));
        assert_eq!(line_of(b, &EditTarget::Goal("a.1".into())), Some(5));
        let risk = EditTarget::Risk {
            project: "P-2".into(),
            risk: "r1".into(),
        };
        assert_eq!(line_of(b, &risk), Some(12));
        assert_eq!(line_of(b, &EditTarget::Project("P-9".into())), None);
        // A file that does not load opens at its first error.
        let broken = FILE.replace("status: Open", "status: Opne");
        assert_eq!(line_of(broken.as_bytes(), &risk), Some(12));
    }
}
