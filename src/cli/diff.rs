//! `styr diff OLD NEW` and `styr diff --since DATE FILE`: what changed between two
//! versions of a portfolio, in Markdown, per project and for the goals. OLD and NEW are
//! files or git revisions of a file (`HEAD~3:plan.ron`); `--since` takes the last commit
//! of FILE on or before the date. Git is read with the `git` command.

use std::fmt::Write;
use std::path::Path;
use std::process::Command;

use crate::model::figures::score_total;
use crate::model::since::{Change, GoalDiff, ProjectDiff, since};
use crate::model::{Date, Portfolio};
use crate::text::Lang;

use super::md;

/// One side of the comparison, read: its label (as typed) and its bytes.
pub struct Side {
    pub label: String,
    pub bytes: Vec<u8>,
}

/// Read `spec`: a file, or `REV:PATH` through git. The error says what and what to do.
pub fn read_side(spec: &str) -> Result<Side, String> {
    if Path::new(spec).exists() {
        return super::read(spec)
            .map(|bytes| Side {
                label: spec.to_string(),
                bytes,
            })
            .map_err(|d| d.render(spec));
    }
    let Some((rev, path)) = spec
        .split_once(':')
        .filter(|(r, p)| !r.is_empty() && !p.is_empty())
    else {
        return Err(format!(
            "{}: no such file; give a file, or a git revision of one as REV:PATH (HEAD~1:plan.ron)",
            crate::sanitize::clean(spec)
        ));
    };
    git_show(rev, path).map(|bytes| Side {
        label: spec.to_string(),
        bytes,
    })
}

/// The last commit of `file` on or before `date`, read through git.
pub fn read_since(file: &str, date: Date) -> Result<Side, String> {
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
    )?;
    let line = String::from_utf8_lossy(&out).trim().to_string();
    let Some((hash, day)) = line.split_once(' ') else {
        return Err(format!(
            "{}: git has no commit of this file on or before {date}; choose a later date, or compare with a file",
            crate::sanitize::clean(file)
        ));
    };
    let bytes = git(&dir, &["show", &format!("{hash}:./{name}")])?;
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

fn git_show(rev: &str, path: &str) -> Result<Vec<u8>, String> {
    let (dir, name) = split(Path::new(path));
    git(&dir, &["show", &format!("{rev}:./{name}")])
}

/// Run git in `dir`; its output, or what went wrong in words.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| {
            format!(
                "git could not be run ({e}); without git, compare two files: styr diff OLD.ron NEW.ron"
            )
        })?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        let why = crate::sanitize::clean(why.lines().next().unwrap_or("").trim()).into_owned();
        return Err(format!(
            "git could not read it: {why}; give a file, or a revision of a file in a git repository (HEAD~1:plan.ron)"
        ));
    }
    if out.stdout.len() > crate::model::load::MAX_FILE_BYTES {
        return Err("the revision is larger than styr reads; compare smaller files".into());
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
                    let _ = writeln!(o, "- {}", line(c, new, l));
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

fn opt(s: &Option<String>) -> String {
    s.as_deref().map_or_else(|| "–".to_string(), md)
}

fn date(d: &Option<Date>) -> String {
    d.map_or_else(|| "–".to_string(), |d| d.to_string())
}

/// "+300 000" / "−120 000": the change in an amount.
fn delta(l: Lang, from: i64, to: i64) -> String {
    let d = to.saturating_sub(from);
    if d >= 0 {
        format!("+{}", l.amount(d))
    } else {
        format!("−{}", l.amount(d.saturating_neg()))
    }
}

fn line(c: &Change, p: &Portfolio, l: Lang) -> String {
    let cur = md(&p.currency);
    match c {
        Change::Name(a, b) => format!("{}: «{}» → «{}»", l.pick("Navn", "Name"), md(a), md(b)),
        Change::Owner(a, b) => format!("{}: {} → {}", l.pick("Eier", "Owner"), opt(a), opt(b)),
        Change::Unit(a, b) => format!("{}: {} → {}", l.pick("Enhet", "Unit"), opt(a), opt(b)),
        Change::Health(a, b) => format!(
            "{}: {} → {}",
            l.pick("Helse", "Health"),
            l.health(*a),
            l.health(*b)
        ),
        Change::Status(a, b) => format!("Status: {} → {}", l.status(*a), l.status(*b)),
        Change::Start(a, b) => format!("Start: {} → {}", date(a), date(b)),
        Change::End(a, b) => format!("{}: {} → {}", l.pick("Slutt", "End"), date(a), date(b)),
        Change::Planned(a, b) => format!(
            "{}: {} → {} {cur} ({})",
            l.pick("Planlagt", "Planned"),
            l.amount(*a),
            l.amount(*b),
            delta(l, *a, *b)
        ),
        Change::Spent(a, b) => format!(
            "{}: {} → {} {cur} ({})",
            l.pick("Brukt", "Spent"),
            l.amount(*a),
            l.amount(*b),
            delta(l, *a, *b)
        ),
        Change::FundingAdded(f) => format!(
            "{} {}: {} {cur}, {}",
            l.pick("Ny finansiering", "New funding"),
            md(&f.source),
            l.amount(f.amount),
            l.funding_status(f.status)
        ),
        Change::FundingRemoved(f) => format!(
            "{} {}: {} {cur}",
            l.pick("Finansiering fjernet", "Funding removed"),
            md(&f.source),
            l.amount(f.amount)
        ),
        Change::FundingAmount { source, from, to } => format!(
            "{} {}: {} → {} {cur}",
            l.pick("Finansiering", "Funding"),
            md(source),
            l.amount(*from),
            l.amount(*to)
        ),
        Change::FundingStatus { source, from, to } => format!(
            "{} {}: {} → {}",
            l.pick("Finansiering", "Funding"),
            md(source),
            l.funding_status(*from),
            l.funding_status(*to)
        ),
        Change::ResultAdded(n) => format!("{} «{}»", l.pick("Nytt resultat", "New result"), md(n)),
        Change::ResultRemoved(n) => format!(
            "{} «{}»",
            l.pick("Resultat fjernet", "Result removed"),
            md(n)
        ),
        Change::ResultActual {
            name,
            from,
            to,
            target,
        } => format!(
            "{} «{}»: {} → {} {} {}",
            l.pick("Resultat", "Result"),
            md(name),
            l.number(*from),
            l.number(*to),
            l.pick("av", "of"),
            l.number(*target)
        ),
        Change::ResultTarget { name, from, to } => format!(
            "{} «{}»: {} → {}",
            l.pick("Resultatmål", "Result target"),
            md(name),
            l.number(*from),
            l.number(*to)
        ),
        Change::RiskAdded(r) => format!(
            "{} {} «{}» (P{} × {}{})",
            l.pick("Ny risiko", "New risk"),
            md(&r.id),
            md(&r.title),
            r.probability,
            l.pick("K", "C"),
            r.consequence
        ),
        Change::RiskRemoved { id, title } => format!(
            "{} {} «{}»",
            l.pick("Risiko fjernet", "Risk removed"),
            md(id),
            md(title)
        ),
        Change::RiskProbability {
            id,
            title,
            from,
            to,
        } => format!(
            "{} {} «{}», {}: {from} → {to}",
            l.pick("Risiko", "Risk"),
            md(id),
            md(title),
            l.pick("sannsynlighet", "probability")
        ),
        Change::RiskConsequence {
            id,
            title,
            from,
            to,
        } => format!(
            "{} {} «{}», {}: {from} → {to}",
            l.pick("Risiko", "Risk"),
            md(id),
            md(title),
            l.pick("konsekvens", "consequence")
        ),
        Change::RiskStatus {
            id,
            title,
            from,
            to,
        } => format!(
            "{} {} «{}», status: {} → {}",
            l.pick("Risiko", "Risk"),
            md(id),
            md(title),
            l.risk_status(*from),
            l.risk_status(*to)
        ),
        Change::RiskMitigation {
            id,
            title,
            from,
            to,
        } => format!(
            "{} {} «{}», {}: {} → {}",
            l.pick("Risiko", "Risk"),
            md(id),
            md(title),
            l.pick("tiltak", "mitigation"),
            opt(from),
            opt(to)
        ),
        Change::Evaluated(e) => {
            let mut s = format!(
                "{} {}: {}",
                l.pick("Evaluert", "Evaluated"),
                e.date,
                l.total(score_total(e, &p.criteria))
            );
            if let Some(d) = e.decision {
                let _ = write!(s, " · {}", l.decision(d));
            }
            s
        }
        Change::Decided { date, from, to } => format!(
            "{} {date}: {} → {}",
            l.pick("Vedtak", "Decision"),
            from.map_or("–", |d| l.decision(d)),
            to.map_or("–", |d| l.decision(d))
        ),
        Change::FollowUpAdded(f) => {
            let mut s = format!(
                "{}: {}",
                l.pick("Nytt oppfølgingspunkt", "New follow-up"),
                md(&f.text)
            );
            if let Some(o) = &f.owner {
                let _ = write!(s, " — {}", md(o));
            }
            if let Some(d) = f.due {
                let _ = write!(s, ", {} {d}", l.pick("frist", "due"));
            }
            s
        }
        Change::FollowUpDone(f) => format!(
            "{}: {}",
            l.pick("Oppfølgingspunkt utført", "Follow-up done"),
            md(&f.text)
        ),
        Change::GoalsServed { added, removed } => {
            let mut parts: Vec<String> = added.iter().map(|g| format!("+{}", md(g))).collect();
            parts.extend(removed.iter().map(|g| format!("−{}", md(g))));
            format!("{}: {}", l.pick("Mål", "Goals served"), parts.join(", "))
        }
    }
}
