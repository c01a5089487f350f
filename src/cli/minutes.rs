//! `styr minutes FILE [--date D]`: the minutes of one meeting, in Markdown — the meeting's
//! whole record, from the file alone:
//!
//! 1. who chaired, kept the record, came and sent apologies, and the meeting's note;
//! 2. each project the meeting dealt with, in the agenda's order (then the rest in file
//!    order): its evaluation of the day (scores, weighted total, the members' own scores
//!    from a scoring round, decision, note, who recorded it), every field the day's
//!    change log changed (health, status, risks) as first → last, and the follow-ups it
//!    raised, changed and reported done;
//! 3. the changes that name a goal or no project;
//! 4. every follow-up open at the meeting, overdue ones first;
//! 5. the projects the meeting did not deal with.
//!
//! A project is dealt with when it has an evaluation of the day, is on its agenda, is
//! named by a change in its log, or has a follow-up raised or done that day.

mod day;
mod words;

use std::fmt::Write;

use crate::model::figures::score_total;
use crate::model::round;
use crate::model::{Change, Date, Evaluation, Goal, Portfolio};
use crate::text::{Lang, Noun};

use super::md;
use day::{Day, FollowUpNote, Item};
use words::{follow_up_word, goal_word, project_field, quoted, recorded_by, steps, who};

/// The last meeting: the latest date an evaluation or a meeting record carries.
pub fn latest_meeting(p: &Portfolio) -> Option<Date> {
    p.projects
        .iter()
        .flat_map(|pr| pr.evaluations.iter().map(|e| e.date))
        .chain(p.meetings.iter().map(|m| m.date))
        .max()
}

/// The minutes of the meeting on `date` (default: the latest meeting in the file).
pub fn minutes(p: &Portfolio, date: Option<Date>, lang: Lang) -> String {
    let l = lang;
    let mut o = String::new();
    let Some(date) = date.or_else(|| latest_meeting(p)) else {
        let _ = writeln!(
            o,
            "# {}: {}\n\n_{}_",
            l.pick("Referat", "Minutes"),
            md(&p.name),
            l.pick(
                "Porteføljen har ingen møter og ingen evalueringer ennå, så det finnes ikke noe møte å skrive referat fra.",
                "The portfolio has no meetings and no evaluations yet, so there is no meeting to write minutes of."
            )
        );
        return o;
    };
    let day = day::gather(p, date);
    header(&mut o, p, &day, l);
    let secretary = day.meeting.and_then(|m| m.secretary.as_deref());

    let _ = writeln!(
        o,
        "## {} ({})\n",
        l.pick("Behandlet", "Reviewed"),
        l.count(day.items.len() as i64, Noun::PROJECT)
    );
    if day.items.is_empty() {
        let _ = writeln!(
            o,
            "_{}_\n",
            l.pick(
                "Møtet behandlet ingen prosjekter denne dagen.",
                "No project was dealt with on this day."
            )
        );
    }
    for it in &day.items {
        item(&mut o, p, it, secretary, l);
    }
    others(&mut o, p, &day, secretary, l);
    open_follow_ups(&mut o, p, date, l);

    let _ = writeln!(
        o,
        "## {} ({})\n",
        l.pick("Ikke behandlet på møtet", "Not reviewed at the meeting"),
        l.count(day.not_dealt.len() as i64, Noun::PROJECT)
    );
    if day.not_dealt.is_empty() {
        let _ = writeln!(
            o,
            "{}\n",
            l.pick(
                "Alle prosjektene ble behandlet.",
                "Every project was reviewed."
            )
        );
    }
    for pr in &day.not_dealt {
        let _ = writeln!(
            o,
            "- {} {} ({})",
            md(&pr.id),
            md(&pr.name),
            l.status(pr.status)
        );
    }
    if o.ends_with("\n\n") {
        o.pop();
    }
    o
}

/// Text from the file that may span lines: each line stays inside its list item.
fn lines(s: &str) -> String {
    md(s).replace('␊', "\n  ")
}

/// The title, the organisation and the meeting's record: chair, secretary, who came and
/// who sent apologies, its note.
fn header(o: &mut String, p: &Portfolio, day: &Day, l: Lang) {
    let _ = writeln!(
        o,
        "# {} {}: {}\n",
        l.pick(
            "Referat fra styringsmøtet",
            "Minutes of the steering meeting"
        ),
        day.date,
        md(&p.name)
    );
    let _ = writeln!(o, "{}\n", md(&p.organisation));
    let Some(m) = day.meeting else { return };
    let given = |s: &Option<String>| s.as_deref().filter(|s| !s.trim().is_empty()).map(md);
    let names = |v: &[String]| {
        let v: Vec<String> = v
            .iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| md(s))
            .collect();
        (!v.is_empty()).then(|| v.join(", "))
    };
    let rows = [
        (l.pick("Møteleder", "Chair"), given(&m.chair)),
        (l.pick("Referent", "Secretary"), given(&m.secretary)),
        (l.pick("Til stede", "Present"), names(&m.attendees)),
        (l.pick("Forfall", "Absent"), names(&m.absent)),
        (
            l.pick("Notat", "Note"),
            m.note
                .as_deref()
                .filter(|n| !n.trim().is_empty())
                .map(lines),
        ),
    ];
    let mut any = false;
    for (label, value) in rows {
        if let Some(v) = value {
            let _ = writeln!(o, "- {label}: {v}");
            any = true;
        }
    }
    if any {
        o.push('\n');
    }
}

/// One project's part of the day.
fn item(o: &mut String, p: &Portfolio, it: &Item, secretary: Option<&str>, l: Lang) {
    match it.project {
        Some(pr) => {
            let _ = writeln!(o, "### {} {}\n", md(&pr.id), md(&pr.name));
        }
        None => {
            let _ = writeln!(
                o,
                "### {} {}\n",
                md(it.id),
                l.pick("(ikke lenger i fila)", "(no longer in the file)")
            );
        }
    }
    if let Some(ev) = it.evaluation {
        evaluation(o, p, ev, l);
    }
    for f in &it.fields {
        let _ = writeln!(
            o,
            "- {}: {}{}",
            project_field(l, it.project, f.what),
            steps(l, f),
            who(&f.steps, secretary)
        );
    }
    for c in &it.events {
        let _ = writeln!(o, "- {}{}", event(l, c), who(&[c], secretary));
    }
    for n in &it.follow_ups {
        follow_up(o, n, secretary, l);
    }
    if it.evaluation.is_none()
        && it.fields.is_empty()
        && it.follow_ups.is_empty()
        && it.events.is_empty()
    {
        let _ = writeln!(
            o,
            "_{}_",
            l.pick(
                "Tatt opp; ingenting ble ført.",
                "Taken up; nothing was recorded."
            )
        );
    }
    o.push('\n');
}

/// Scores per criterion, the weighted total (and how many criteria it is of), the
/// decision, the note and who recorded it.
fn evaluation(o: &mut String, p: &Portfolio, ev: &Evaluation, l: Lang) {
    let scores: Vec<String> = p
        .criteria
        .iter()
        .map(|c| {
            let s = ev
                .scores
                .get(&c.id)
                .map_or_else(|| "–".to_string(), |s| s.to_string());
            format!("{} {s}", md(&c.name))
        })
        .collect();
    let _ = writeln!(
        o,
        "- {}: {}",
        l.pick("Score", "Scores"),
        if scores.is_empty() {
            "–".to_string()
        } else {
            scores.join(" · ")
        }
    );
    // "2.1 · 2 of 3" when not every criterion was scored: one form everywhere.
    let total = l.total(score_total(ev, &p.criteria));
    let _ = writeln!(o, "- {}: {total}", l.pick("Vektet sum", "Weighted total"));
    ratings(o, p, ev, l);
    let _ = writeln!(
        o,
        "- **{}: {}**",
        l.pick("Vedtak", "Decision"),
        ev.decision
            .map_or(l.pick("(intet vedtak)", "(no decision)"), |d| l.decision(d))
    );
    if let Some(note) = ev.note.as_deref().filter(|n| !n.trim().is_empty()) {
        let _ = writeln!(o, "- {}: {}", l.pick("Notat", "Note"), lines(note));
    }
    if let Some(by) = &ev.by {
        let _ = writeln!(o, "- {}: {}", l.pick("Ført av", "Recorded by"), md(by));
    }
}

/// Those who scored in a scoring round, for the minutes' count.
const SEAT: Noun = Noun {
    nb: ("medlem", "medlemmer"),
    en: ("seat", "seats"),
};

/// The members' own scores from a scoring round, per criterion with any: the group's
/// score, theirs in name order and the spread, a disagreement in bold.
fn ratings(o: &mut String, p: &Portfolio, ev: &Evaluation, l: Lang) {
    if ev.ratings.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "- {}, {}:",
        l.pick("Vurderingsrunde", "Scoring round"),
        l.count(ev.ratings.len() as i64, SEAT)
    );
    let words = round::Words::of(l);
    for (c, t) in p
        .criteria
        .iter()
        .zip(round::tally_of(&p.criteria, &ev.ratings))
    {
        if t.scores.is_empty() {
            continue;
        }
        let mark = if t.disagree {
            format!(" · **{}**", words.disagreement)
        } else {
            String::new()
        };
        let line = t.short(&md(&c.name), ev.scores.get(&c.id).copied(), l);
        let _ = writeln!(o, "  - {line}{mark}");
    }
}

/// A follow-up raised, done or changed at the meeting.
fn follow_up(o: &mut String, n: &FollowUpNote, secretary: Option<&str>, l: Lang) {
    match n {
        FollowUpNote::New {
            text,
            follow_up,
            logged,
            done,
        } => {
            let mut line = format!(
                "- {}: {}",
                l.pick("Nytt oppfølgingspunkt", "New follow-up"),
                md(text)
            );
            if let Some(f) = follow_up {
                let owner = f
                    .owner
                    .as_deref()
                    .filter(|s| !s.trim().is_empty())
                    .map_or_else(|| l.pick("ingen ansvarlig", "no owner").to_string(), md);
                let due = f.due.map_or_else(
                    || l.pick("ingen frist", "no due date").to_string(),
                    |d| format!("{} {d}", l.pick("frist", "due")),
                );
                let _ = write!(line, " — {owner}, {due}");
                if *done {
                    let _ = write!(
                        line,
                        ", {}",
                        l.pick("utført på møtet", "done at the meeting")
                    );
                }
            }
            let by = match (logged, follow_up) {
                (Some(c), _) => who(&[c], secretary),
                (None, Some(f)) => recorded_by(f.by.as_deref(), secretary),
                (None, None) => String::new(),
            };
            let _ = writeln!(o, "{line}{by}");
        }
        FollowUpNote::Done { follow_up, logged } => {
            let owner = follow_up
                .owner
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(|s| format!(" — {}", md(s)))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "- {}: {}{owner} ({} {}){}",
                l.pick("Oppfølgingspunkt utført", "Follow-up done"),
                md(&follow_up.text),
                l.pick("fra møtet", "raised"),
                follow_up.raised,
                who(logged, secretary)
            );
        }
        FollowUpNote::Changed {
            text,
            number,
            fields,
        } => {
            let which = match text {
                Some(t) => quoted(l, t),
                None => format!("{} {number}", l.pick("nr.", "no.")),
            };
            let parts: Vec<String> = fields
                .iter()
                .map(|f| format!("{} {}", follow_up_word(l, f.what), steps(l, f)))
                .collect();
            let all: Vec<_> = fields
                .iter()
                .flat_map(|f| f.steps.iter().copied())
                .collect();
            let _ = writeln!(
                o,
                "- {} {which}: {}{}",
                l.pick("Oppfølgingspunkt", "Follow-up"),
                parts.join("; "),
                who(&all, secretary)
            );
        }
    }
}

/// Changes to goals, and any the log holds without a project or goal.
fn others(o: &mut String, p: &Portfolio, day: &Day, secretary: Option<&str>, l: Lang) {
    if day.others.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "## {} ({})\n",
        l.pick("Andre endringer", "Other changes"),
        day.others.len()
    );
    for x in &day.others {
        if let [c] = x.field.steps[..]
            && day::is_event(c)
        {
            let id = x.goal.map(|g| format!(" {}", md(g))).unwrap_or_default();
            let _ = writeln!(
                o,
                "- {}{id}: {}{}",
                event_word(l, c),
                event_value(l, c),
                who(&[c], secretary)
            );
            continue;
        }
        let subject = match x.goal {
            Some(id) => {
                let title = find_goal(&p.goals, id)
                    .map(|g| format!(" {}", md(&g.title)))
                    .unwrap_or_default();
                format!(
                    "{} {}{title}, {}",
                    l.pick("Mål", "Goal"),
                    md(id),
                    goal_word(l, x.field.what)
                )
            }
            None => md(x.field.what),
        };
        let _ = writeln!(
            o,
            "- {subject}: {}{}",
            steps(l, &x.field),
            who(&x.field.steps, secretary)
        );
    }
    o.push('\n');
}

/// "Ny risiko: «R3 Lederne frigjør ikke tid»": an item added or removed.
fn event(l: Lang, c: &Change) -> String {
    format!("{}: {}", event_word(l, c), event_value(l, c))
}

fn event_word(l: Lang, c: &Change) -> &'static str {
    let added = c.from.is_none();
    match (c.what.as_str(), added) {
        ("project", true) => l.pick("Nytt prosjekt", "New project"),
        ("project", false) => l.pick("Prosjektet fjernet", "Project removed"),
        ("risks", true) => l.pick("Ny risiko", "New risk"),
        ("risks", false) => l.pick("Risiko fjernet", "Risk removed"),
        ("results", true) => l.pick("Nytt resultat", "New result"),
        ("results", false) => l.pick("Resultat fjernet", "Result removed"),
        ("budget.funding", true) => l.pick("Ny finansiering", "New funding"),
        ("budget.funding", false) => l.pick("Finansiering fjernet", "Funding removed"),
        ("goal", true) => l.pick("Nytt mål", "New goal"),
        ("goal", false) => l.pick("Mål fjernet", "Goal removed"),
        (_, _) => l.pick("Oppfølgingspunkt fjernet", "Follow-up removed"),
    }
}

fn event_value(l: Lang, c: &Change) -> String {
    c.to.as_deref()
        .or(c.from.as_deref())
        .map_or_else(|| "–".to_string(), |v| quoted(l, v))
}

fn find_goal<'a>(goals: &'a [Goal], id: &str) -> Option<&'a Goal> {
    // A loop, not recursion: a goal tree may be deep.
    let mut stack: Vec<&Goal> = goals.iter().collect();
    while let Some(g) = stack.pop() {
        if g.id == id {
            return Some(g);
        }
        stack.extend(g.children.iter());
    }
    None
}

/// Every follow-up open at the meeting (raised by then, not done by then), overdue ones
/// (due before the meeting) first, then by due date; those without one last.
fn open_follow_ups(o: &mut String, p: &Portfolio, date: Date, l: Lang) {
    let mut open: Vec<_> = p
        .projects
        .iter()
        .flat_map(|pr| pr.follow_ups.iter().map(move |f| (pr, f)))
        .filter(|(_, f)| f.raised <= date && f.done.is_none_or(|d| d > date))
        .collect();
    let overdue = |due: Option<Date>| due.is_some_and(|d| d < date);
    open.sort_by_key(|(_, f)| (!overdue(f.due), f.due.is_none(), f.due));
    let _ = writeln!(
        o,
        "## {} ({})\n",
        l.pick("Åpne oppfølgingspunkter", "Open follow-ups"),
        open.len()
    );
    if open.is_empty() {
        let _ = writeln!(
            o,
            "_{}_\n",
            l.pick("Ingen åpne oppfølgingspunkter.", "No open follow-ups.")
        );
        return;
    }
    for (pr, f) in open {
        let when = match f.due {
            Some(d) if overdue(f.due) => {
                format!("**{} {d}**", l.pick("Forfalt, frist", "Overdue, due"))
            }
            Some(d) => format!("{} {d}", l.pick("Frist", "Due")),
            None => l.pick("Ingen frist", "No due date").to_string(),
        };
        let owner = f
            .owner
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map_or_else(|| l.pick("ingen ansvarlig", "no owner").to_string(), md);
        let _ = writeln!(
            o,
            "- {when} · {} {}: {} — {owner}",
            md(&pr.id),
            md(&pr.name),
            md(&f.text)
        );
    }
    o.push('\n');
}

#[cfg(test)]
mod tests;
