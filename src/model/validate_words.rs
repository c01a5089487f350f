//! What the rules of [`super::validate`] say, in English and bokmål: one function per
//! finding, so the rules read as rules and the words are in one place.
//!
//! The English is the text `styr check` has always printed (tests assert it); the
//! Norwegian says the same in the words the views use. Ids, field names and the fixes
//! written as RON stay as the file writes them, in backticks; names and titles from the
//! file are quoted ("…" / «…»); amounts for people are written as the views write them.

use super::diagnostic::quoted_list;
use super::msg::{Msg, msg};
use super::types::{Date, Project, Time};
use crate::text::Noun;

/// `project `P1` ("One")` / `prosjektet `P1` («One»)`.
pub fn who(pr: &Project) -> Msg {
    let (id, name) = (&pr.id, &pr.name);
    msg!(
        "project `{id}` (\"{name}\")",
        "prosjektet `{id}` («{name}»)"
    )
}

/// Whose scores: `project … 's evaluation of 2026-05-01` / `evaluering fra … av prosjektet …`.
pub fn evaluation_of(pr: &Project, date: Date) -> Msg {
    let who = who(pr);
    msg!("{who}'s evaluation of {date}", "evalueringen fra {date} av {who}"; who)
}

/// A member's scores in an evaluation.
pub fn rating_of(by: &str, pr: &Project, date: Date) -> Msg {
    let who = who(pr);
    msg!(
        "{by}'s rating in {who}'s evaluation of {date}",
        "vurderingen til {by} i evalueringen fra {date} av {who}";
        who
    )
}

/// "12 days" / "12 dager".
fn days(n: i64) -> Msg {
    Msg::each(|l| l.count(n, Noun::DAY))
}

pub fn duplicate_criterion(id: &str) -> Msg {
    msg!(
        "duplicate criterion id `{id}`; each criterion needs its own id",
        "kriterie-id-en `{id}` er brukt to ganger; hvert kriterium trenger sin egen id"
    )
}

pub fn negative_weight(id: &str, weight: i64) -> Msg {
    msg!(
        "criterion `{id}` has weight {weight}; weights are whole numbers 0 or above",
        "kriteriet `{id}` har vekt {weight}; vekter er hele tall fra 0 og oppover"
    )
}

pub fn no_weight() -> Msg {
    msg!(
        "every criterion has weight 0 (or there are none), so no score can be weighted; give at least one criterion a weight above 0",
        "alle kriteriene har vekt 0 (eller det finnes ingen), så ingen score kan vektes; gi minst ett kriterium en vekt over 0"
    )
}

pub fn duplicate_goal(id: &str, first_title: &str) -> Msg {
    msg!(
        "duplicate goal id `{id}` (also used by \"{first_title}\"); goal ids must be unique across the whole tree",
        "mål-id-en `{id}` er brukt to ganger (også av «{first_title}»); mål-id-er må være unike i hele måltreet"
    )
}

pub fn bad_sdg(sdg: i64, goal: &str) -> Msg {
    msg!(
        "SDG {sdg} on goal `{goal}` does not exist; the UN Sustainable Development Goals are numbered 1–17",
        "bærekraftsmål {sdg} på målet `{goal}` finnes ikke; FNs bærekraftsmål er nummerert 1–17"
    )
}

pub fn unserved_goal(id: &str, title: &str) -> Msg {
    msg!(
        "goal `{id}` (\"{title}\") has no project serving it; add a measure for it or list it in a project's `goals`",
        "målet `{id}` («{title}») har ingen prosjekter som tjener det; legg til et tiltak for det, eller før det opp i et prosjekts `goals`"
    )
}

/// A goal id that is not in the tree, and the ids under its known prefix; `near` is a
/// likely typo further down.
pub fn unknown_goal_under(id: &str, prefix: &str, kids: &[&str], near: Option<&str>) -> Msg {
    let kids = quoted_list(kids.iter().copied());
    let also = match near {
        Some(n) => msg!("; did you mean `{n}`?", "; mente du `{n}`?"),
        None => Msg::default(),
    };
    msg!(
        "goal `{id}` does not exist; known goals under `{prefix}`: {kids}{also}",
        "målet `{id}` finnes ikke; kjente mål under `{prefix}`: {kids}{also}";
        also
    )
}

pub fn unknown_goal_near(id: &str, near: &str) -> Msg {
    msg!(
        "goal `{id}` does not exist; did you mean `{near}`?",
        "målet `{id}` finnes ikke; mente du `{near}`?"
    )
}

pub fn unknown_goal_empty_tree(id: &str) -> Msg {
    msg!(
        "goal `{id}` does not exist; the goal tree is empty — add the goal under `goals`",
        "målet `{id}` finnes ikke; måltreet er tomt — legg til målet under `goals`"
    )
}

pub fn unknown_goal_top(id: &str, top: &[&str]) -> Msg {
    let top = quoted_list(top.iter().copied());
    msg!(
        "goal `{id}` does not exist; add it to the goal tree or use a known goal (top level: {top})",
        "målet `{id}` finnes ikke; legg det til i måltreet eller bruk et kjent mål (øverste nivå: {top})"
    )
}

pub fn duplicate_project(id: &str, first_name: &str) -> Msg {
    msg!(
        "duplicate project id `{id}` (also used by \"{first_name}\"); project ids must be unique",
        "prosjekt-id-en `{id}` er brukt to ganger (også av «{first_name}»); prosjekt-id-er må være unike"
    )
}

pub fn ends_before_start(pr: &Project, start: Date, end: Date) -> Msg {
    let who = who(pr);
    msg!(
        "{who} ends {end}, before it starts {start}; correct `start` or `end`",
        "{who} slutter {end}, før det starter {start}; rett `start` eller `end`";
        who
    )
}

pub fn duplicate_risk(id: &str, pr: &Project) -> Msg {
    let who = who(pr);
    msg!(
        "duplicate risk id `{id}` in {who}; risk ids must be unique within their project",
        "risiko-id-en `{id}` er brukt to ganger i {who}; risiko-id-er må være unike innenfor prosjektet";
        who
    )
}

/// `field` is `probability` or `consequence`.
pub fn risk_scale(field: &str, v: i64, risk: &str, pr: &Project) -> Msg {
    let who = who(pr);
    let word = Msg::new(
        field,
        if field == "probability" {
            "sannsynligheten"
        } else {
            "konsekvensen"
        },
    );
    msg!(
        "{word} {v} of risk `{risk}` in {who} is outside 1–5; use 1 (lowest) to 5 (highest)",
        "{word} {v} for risikoen `{risk}` i {who} er utenfor 1–5; bruk 1 (lavest) til 5 (høyest)";
        word, who
    )
}

pub fn no_goal(pr: &Project) -> Msg {
    let who = who(pr);
    msg!(
        "{who} serves no goal; every measure must serve an adopted goal — add `goals: [\"…\"]`",
        "{who} tjener ingen mål; hvert tiltak skal tjene et vedtatt mål — legg til `goals: [\"…\"]`";
        who
    )
}

pub fn no_budget(pr: &Project) -> Msg {
    let who = who(pr);
    msg!(
        "{who} has no budget; add `budget: (planned: …)`",
        "{who} har ikke noe budsjett; legg til `budget: (planned: …)`";
        who
    )
}

pub fn overspent(pr: &Project, spent: i64, planned: i64) -> Msg {
    let who = who(pr);
    let over = Msg::amount(spent.saturating_sub(planned));
    let (spent, planned) = (Msg::amount(spent), Msg::amount(planned));
    msg!(
        "{who} has spent {spent} of {planned} planned ({over} over)",
        "{who} har brukt {spent} av {planned} planlagt ({over} over budsjett)";
        who, spent, planned, over
    )
}

pub fn no_result(pr: &Project) -> Msg {
    let who = who(pr);
    msg!(
        "{who} has no measurable result; add `results: [(name: \"…\", target: …)]`",
        "{who} har ingen målbare resultater; legg til `results: [(name: \"…\", target: …)]`";
        who
    )
}

pub fn never_evaluated(pr: &Project) -> Msg {
    let who = who(pr);
    msg!(
        "{who} is active but has never been evaluated",
        "{who} er aktivt, men er aldri blitt evaluert";
        who
    )
}

pub fn past_end(pr: &Project, end: Date, as_of: Date) -> Msg {
    let who = who(pr);
    let days = days(end.days_until(as_of));
    msg!(
        "{who} is active but ended {end} ({days} before {as_of}); complete it or move `end`",
        "{who} er aktivt, men sluttet {end} ({days} før {as_of}); avslutt det eller flytt `end`";
        who, days
    )
}

pub fn thresholds_crossed(amber: i64, red: i64) -> Msg {
    msg!(
        "risk_thresholds: amber ({amber}) is above red ({red}), so no risk is ever amber",
        "risk_thresholds: `amber` ({amber}) er høyere enn `red` ({red}), så ingen risiko blir noen gang gul"
    )
}

/// A score for a criterion the file does not have; `near` is a likely typo, else the
/// criteria are listed.
pub fn unknown_criterion(key: &str, whose: &Msg, near: Option<&str>, criteria: &[&str]) -> Msg {
    let hint = match near {
        Some(n) => msg!("did you mean `{n}`?", "mente du `{n}`?"),
        None => {
            let list = quoted_list(criteria.iter().copied());
            msg!("the criteria are {list}", "kriteriene er {list}")
        }
    };
    msg!(
        "score for unknown criterion `{key}` in {whose}; {hint}",
        "score for ukjent kriterium `{key}` i {whose}; {hint}";
        whose, hint
    )
}

pub fn score_scale(score: i64, key: &str, whose: &Msg) -> Msg {
    msg!(
        "score {score} for `{key}` in {whose} is outside 1–5; use 1 (poor) to 5 (excellent), or leave the criterion out",
        "scoren {score} for `{key}` i {whose} er utenfor 1–5; bruk 1 (svak) til 5 (utmerket), eller utelat kriteriet";
        whose
    )
}

// ---- validate_values ----

/// What has an empty id: `criterion "Mål"` / `kriteriet «Mål»`, `risk "…" in project "…"`.
pub enum Unnamed<'a> {
    Criterion(&'a str),
    Goal(&'a str),
    Project(&'a str),
    Risk { title: &'a str, project: &'a str },
}

pub fn empty_id(what: Unnamed, example: &str) -> Msg {
    let what = match what {
        Unnamed::Criterion(n) => msg!("criterion \"{n}\"", "kriteriet «{n}»"),
        Unnamed::Goal(t) => msg!("goal \"{t}\"", "målet «{t}»"),
        Unnamed::Project(n) => msg!("project \"{n}\"", "prosjektet «{n}»"),
        Unnamed::Risk { title, project } => msg!(
            "risk \"{title}\" in project \"{project}\"",
            "risikoen «{title}» i prosjektet «{project}»"
        ),
    };
    msg!(
        "{what} has an empty id; give it one, e.g. `id: \"{example}\"`",
        "{what} har en tom id; skriv inn en id, f.eks. `id: \"{example}\"`";
        what
    )
}

/// Which amount of a budget, in words: `the planned cost of project …`.
pub fn budget_amount(which: super::validate_values::Amount, source: &str, pr: &Project) -> Msg {
    use super::validate_values::Amount;
    let who = who(pr);
    let name = match which {
        Amount::Planned => msg!("the planned cost", "den planlagte kostnaden"),
        Amount::Spent => msg!("the amount spent", "beløpet som er brukt"),
        Amount::Funding(_) => msg!(
            "the funding from \"{source}\"",
            "finansieringen fra «{source}»"
        ),
    };
    msg!("{name} of {who}", "{name} i {who}"; name, who)
}

/// `v` as the file writes it (`-1_000`): it is to be found and corrected there.
pub fn negative_amount(what: &Msg, v: &str) -> Msg {
    msg!(
        "{what} is {v}, below 0; amounts are whole numbers from 0 to 10^15 — write it without the sign, or 0",
        "{what} er {v}, under 0; beløp er hele tall fra 0 til 10^15 — skriv det uten fortegn, eller 0";
        what
    )
}

pub fn amount_above_limit(what: &Msg, v: &str, max: &str) -> Msg {
    msg!(
        "{what} is {v}, above the limit of 10^15 ({max}); check for extra digits",
        "{what} er {v}, over grensen på 10^15 ({max}); se etter sifre for mye";
        what
    )
}

pub fn sum_too_large(max: &str) -> Msg {
    msg!(
        "the amounts up to here add up to more than {max}, more than styr can total; split the portfolio into smaller ones",
        "beløpene hit til blir til sammen mer enn {max}, mer enn styr kan summere; del porteføljen i mindre porteføljer"
    )
}

// ---- validate_record ----

pub fn two_meetings(date: Date, first: usize, second: usize) -> Msg {
    msg!(
        "two meetings on {date} (meetings {first} and {second}); each meeting has a date of its own — merge their records or correct the date",
        "to møter {date} (møte nr. {first} og {second}); hvert møte har sin egen dato — slå sammen referatene eller rett datoen"
    )
}

pub fn agenda_gone(date: Date, id: &str) -> Msg {
    msg!(
        "the agenda of the meeting on {date} names project `{id}`, which is no longer in the file (kept as recorded)",
        "sakslisten for møtet {date} nevner prosjektet `{id}`, som ikke lenger er i filen (beholdt slik den ble ført)"
    )
}

/// A change in a meeting's log names a project (`goal` false) or goal no longer there.
pub fn change_gone(at: Time, date: Date, goal: bool, id: &str) -> Msg {
    let what = if goal {
        msg!("goal `{id}`", "målet `{id}`")
    } else {
        msg!("project `{id}`", "prosjektet `{id}`")
    };
    msg!(
        "the change at {at} in the meeting on {date} names {what}, which is no longer in the file (kept as recorded)",
        "endringen kl. {at} på møtet {date} nevner {what}, som ikke lenger er i filen (beholdt slik den ble ført)";
        what
    )
}

pub fn rates_twice(by: &str, pr: &Project, date: Date) -> Msg {
    let who = who(pr);
    msg!(
        "{by} rates twice in {who}'s evaluation of {date}; keep one rating per person",
        "{by} har to vurderinger i evalueringen fra {date} av {who}; behold én vurdering per person";
        who
    )
}

pub fn done_before_raised(text: &str, pr: &Project, done: Date, raised: Date) -> Msg {
    let who = who(pr);
    msg!(
        "the follow-up \"{text}\" of {who} is marked done {done}, before it was raised {raised}; correct `done` or `raised`",
        "oppfølgingspunktet «{text}» i {who} er merket utført {done}, før det ble tatt opp {raised}; rett `done` eller `raised`";
        who
    )
}

pub fn follow_up_overdue(text: &str, pr: &Project, due: Date, as_of: Date) -> Msg {
    let who = who(pr);
    let days = days(due.days_until(as_of));
    msg!(
        "the follow-up \"{text}\" of {who} was due {due} ({days} before {as_of}) and is still open; report it done (`done: \"…\"`) or move `due`",
        "oppfølgingspunktet «{text}» i {who} hadde frist {due} ({days} før {as_of}) og er fortsatt åpent; meld det utført (`done: \"…\"`) eller flytt `due`";
        who, days
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        crate::model::parse(
            r#"(name: "T", organisation: "O", goals: [], projects: [(id: "HA-01", name: "Internasjonal uke")])"#,
        )
        .expect("parses")
        .projects
        .remove(0)
    }

    #[test]
    fn amounts_are_written_as_the_views_write_them() {
        let m = overspent(&project(), 465_000, 420_000);
        assert_eq!(
            m.en,
            "project `HA-01` (\"Internasjonal uke\") has spent 465,000 of 420,000 planned (45,000 over)"
        );
        assert_eq!(
            m.nb,
            "prosjektet `HA-01` («Internasjonal uke») har brukt 465\u{a0}000 av 420\u{a0}000 planlagt (45\u{a0}000 over budsjett)"
        );
    }

    #[test]
    fn one_day_is_a_day() {
        let d = |s| Date::parse(s).expect("a date");
        let m = past_end(&project(), d("2026-06-01"), d("2026-06-02"));
        assert!(m.en.contains("(1 day before 2026-06-02)"), "{m:?}");
        assert!(m.nb.contains("(1 dag før 2026-06-02)"), "{m:?}");
        let m = past_end(&project(), d("2026-06-01"), d("2026-06-03"));
        assert!(m.nb.contains("(2 dager før"), "{m:?}");
    }

    #[test]
    fn every_part_is_in_the_language_of_its_sentence() {
        let whose = evaluation_of(&project(), Date::parse("2026-05-01").expect("a date"));
        let m = unknown_criterion("reslts", &whose, Some("results"), &[]);
        assert_eq!(
            m.nb,
            "score for ukjent kriterium `reslts` i evalueringen fra 2026-05-01 av prosjektet `HA-01` («Internasjonal uke»); mente du `results`?"
        );
    }
}
