//! What a form's reference fields offer as you type: the owners, units, instruments,
//! funders and tags in the file, and the goals by id or title, fuzzy-matched (best
//! first). A value not among them is taken as typed: a new owner, a new unit.

use fuzzy_matcher::FuzzyMatcher;

use super::App;

/// Where a field's suggestions come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// People: projects' owners, risks' owners, follow-ups' owners.
    Owners,
    Units,
    Instruments,
    /// Funding sources ("Interreg Sverige-Norge").
    Funders,
    Tags,
    /// Goals, by id or title; the id is what is taken.
    Goals,
}

/// One suggestion: the value taken, and how it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub value: String,
    pub shown: String,
}

fn values(app: &App, source: Source) -> Vec<(String, String)> {
    let p = &app.portfolio;
    let mut v: Vec<String> = match source {
        Source::Owners => p
            .projects
            .iter()
            .flat_map(|pr| {
                pr.owner
                    .iter()
                    .chain(pr.risks.iter().filter_map(|r| r.owner.as_ref()))
                    .chain(pr.follow_ups.iter().filter_map(|f| f.owner.as_ref()))
                    .cloned()
            })
            .collect(),
        Source::Units => p.projects.iter().filter_map(|pr| pr.unit.clone()).collect(),
        Source::Instruments => p
            .projects
            .iter()
            .filter_map(|pr| pr.instrument.clone())
            .collect(),
        Source::Funders => p
            .projects
            .iter()
            .filter_map(|pr| pr.budget.as_ref())
            .flat_map(|b| b.funding.iter().map(|f| f.source.clone()))
            .collect(),
        Source::Tags => p.projects.iter().flat_map(|pr| pr.tags.clone()).collect(),
        Source::Goals => {
            return app
                .goals
                .iter()
                .map(|g| (g.id.clone(), format!("{}  {}", g.id, g.title)))
                .collect();
        }
    };
    v.sort_unstable();
    v.dedup();
    v.into_iter().map(|s| (s.clone(), s)).collect()
}

/// The suggestions for `typed` (for a list, its last item), best first, at most
/// `limit`; what is typed already exactly, and `taken` (the list's other items), left
/// out.
pub fn suggestions(
    app: &App,
    source: Source,
    typed: &str,
    taken: &[String],
    limit: usize,
) -> Vec<Suggestion> {
    let typed = typed.trim();
    let all = values(app, source);
    let free = |v: &String| v != typed && !taken.contains(v);
    let picked: Vec<(String, String)> = if typed.is_empty() {
        all.into_iter()
            .filter(|(v, _)| free(v))
            .take(limit)
            .collect()
    } else {
        let m = super::view::matcher();
        let mut scored: Vec<(i64, (String, String))> = all
            .into_iter()
            .filter(|(v, _)| free(v))
            .filter_map(|x| m.fuzzy_match(&x.1, typed).map(|s| (s, x)))
            .collect();
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        scored.into_iter().take(limit).map(|(_, x)| x).collect()
    };
    picked
        .into_iter()
        .map(|(value, shown)| Suggestion { value, shown })
        .collect()
}

/// A comma-separated list's items, trimmed, empty ones left out.
pub fn items(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// What is typed of a list's last item, and the items before it.
pub fn last_item(s: &str) -> (&str, Vec<String>) {
    match s.rfind([',', ';']) {
        Some(i) => (&s[i + 1..], items(&s[..i])),
        None => (s, Vec::new()),
    }
}

/// `s` with its last item replaced by `value`, ready for the next (`a, b, `).
pub fn take_last(s: &str, value: &str) -> String {
    let (_, before) = last_item(s);
    let mut all = before;
    all.push(value.to_string());
    format!("{}, ", all.join(", "))
}
