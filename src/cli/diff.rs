//! `styr diff OLD NEW` and `styr diff --since DATE FILE`: what changed between two
//! versions of a portfolio, in Markdown, per project and for the goals. OLD and NEW are
//! files or git revisions of a file (`HEAD~3:plan.ron`); `--since` takes the last commit
//! of FILE on or before the date. Git is read with the `git` command.

use std::fmt::Write;
use std::path::Path;
use std::process::Command;

use crate::model::since::{GoalDiff, ProjectDiff, since};
use crate::model::{Date, Portfolio};
use crate::text::Lang;

use super::md;

/// One side of the comparison, read: its label (as typed) and its bytes.
pub struct Side {
    pub label: String,
    pub bytes: Vec<u8>,
}

/// Read `spec`: a file, or `REV:PATH` through git. The error says what and what to do.
pub fn read_side(spec: &str, l: Lang) -> Result<Side, String> {
    if Path::new(spec).exists() {
        return super::read(spec)
            .map(|bytes| Side {
                label: spec.to_string(),
                bytes,
            })
            .map_err(|d| d.render_in(spec, l));
    }
    let Some((rev, path)) = spec
        .split_once(':')
        .filter(|(r, p)| !r.is_empty() && !p.is_empty())
    else {
        return Err(format!(
            "{}: {}",
            crate::sanitize::clean(spec),
            l.pick(
                "filen finnes ikke; gi en fil, eller en git-revisjon av en som REV:STI (HEAD~1:plan.ron)",
                "no such file; give a file, or a git revision of one as REV:PATH (HEAD~1:plan.ron)"
            )
        ));
    };
    git_show(rev, path, l).map(|bytes| Side {
        label: spec.to_string(),
        bytes,
    })
}

/// The last commit of `file` on or before `date`, read through git.
pub fn read_since(file: &str, date: Date, l: Lang) -> Result<Side, String> {
    let path = Path::new(file);
    let (dir, name) = split(path);
    let out = git(
        &dir,
        &[
            "log",
            "-1",
            "--format=%H %cs",
            &format!("--before={date} 23:59:59"),
            "--",
            &name,
        ],
        l,
    )?;
    let line = String::from_utf8_lossy(&out).trim().to_string();
    let Some((hash, day)) = line.split_once(' ') else {
        return Err(format!(
            "{}: {} {date}; {}",
            crate::sanitize::clean(file),
            l.pick(
                "git har ingen versjon av filen på eller før",
                "git has no commit of this file on or before"
            ),
            l.pick(
                "velg en senere dato, eller sammenlign med en fil",
                "choose a later date, or compare with a file"
            )
        ));
    };
    let bytes = git(&dir, &["show", &format!("{hash}:./{name}")], l)?;
    Ok(Side {
        label: format!("{} @ {day} ({})", file, &hash[..hash.len().min(10)]),
        bytes,
    })
}

fn split(path: &Path) -> (std::path::PathBuf, String) {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| std::path::PathBuf::from("."), Path::to_path_buf);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (dir, name)
}

fn git_show(rev: &str, path: &str, l: Lang) -> Result<Vec<u8>, String> {
    let (dir, name) = split(Path::new(path));
    git(&dir, &["show", &format!("{rev}:./{name}")], l)
}

/// Run git in `dir`; its output, or what went wrong in words.
fn git(dir: &Path, args: &[&str], l: Lang) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| {
            format!(
                "{} ({e}); {}",
                l.pick("git kunne ikke kjøres", "git could not be run"),
                l.pick(
                    "uten git sammenligner du to filer: styr diff GAMMEL.ron NY.ron",
                    "without git, compare two files: styr diff OLD.ron NEW.ron"
                )
            )
        })?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        let why = crate::sanitize::clean(why.lines().next().unwrap_or("").trim()).into_owned();
        return Err(format!(
            "{}: {why}; {}",
            l.pick("git kunne ikke lese den", "git could not read it"),
            l.pick(
                "gi en fil, eller en revisjon av en fil i et git-depot (HEAD~1:plan.ron)",
                "give a file, or a revision of a file in a git repository (HEAD~1:plan.ron)"
            )
        ));
    }
    if out.stdout.len() > crate::model::load::MAX_FILE_BYTES {
        return Err(l
            .pick(
                "revisjonen er større enn styr leser; sammenlign mindre filer",
                "the revision is larger than styr reads; compare smaller files",
            )
            .into());
    }
    Ok(out.stdout)
}

/// The changes from `old` to `new` in Markdown.
pub fn diff(old: &Portfolio, new: &Portfolio, old_label: &str, new_label: &str, l: Lang) -> String {
    let s = since(old, new);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# {}: {}\n",
        l.pick("Endringer", "Changes"),
        md(&new.name)
    );
    let _ = writeln!(o, "{} → {}\n", md(old_label), md(new_label));
    if s.is_empty() {
        let _ = writeln!(o, "_{}_", l.pick("Ingen endringer.", "No changes."));
        return o;
    }
    if !s.projects.is_empty() {
        let _ = writeln!(
            o,
            "## {} ({})\n",
            l.pick("Prosjekter", "Projects"),
            s.projects.len()
        );
    }
    for d in &s.projects {
        match d {
            ProjectDiff::Added(p) => {
                let _ = writeln!(
                    o,
                    "### {} {} — {}\n",
                    md(&p.id),
                    md(&p.name),
                    l.pick("nytt", "new")
                );
            }
            ProjectDiff::Removed(p) => {
                let _ = writeln!(
                    o,
                    "### {} {} — {}\n",
                    md(&p.id),
                    md(&p.name),
                    l.pick("fjernet", "removed")
                );
            }
            ProjectDiff::Changed { project, changes } => {
                let _ = writeln!(o, "### {} {}\n", md(&project.id), md(&project.name));
                for c in changes {
                    let _ = writeln!(o, "- {}", crate::since_text::line(c, new, l, &md));
                }
                o.push('\n');
            }
        }
    }
    if !s.goals.is_empty() {
        let _ = writeln!(o, "## {} ({})\n", l.pick("Mål", "Goals"), s.goals.len());
        for g in &s.goals {
            let _ = writeln!(
                o,
                "- {}",
                match g {
                    GoalDiff::Added { id, title } =>
                        format!("{} {} «{}»", l.pick("Nytt", "New"), md(id), md(title)),
                    GoalDiff::Removed { id, title } => format!(
                        "{} {} «{}»",
                        l.pick("Fjernet", "Removed"),
                        md(id),
                        md(title)
                    ),
                    GoalDiff::Retitled { id, from, to } => format!(
                        "{} {}: «{}» → «{}»",
                        l.pick("Ny tittel", "Retitled"),
                        md(id),
                        md(from),
                        md(to)
                    ),
                }
            );
        }
        o.push('\n');
    }
    o
}
