//! A generated portfolio of any size, for benchmarks and the pty script.
//!
//! Shared by `examples/gen_portfolio.rs` (writes a file) and `benches/perf.rs` (generates
//! in memory), included by `#[path]` in both. Deterministic: the same `n` and seed give
//! the same portfolio, byte for byte, on every machine.
//!
//! The shape follows the seed portfolios: a goal tree of three levels with about `n / 50`
//! goals, every leaf served; projects with Norwegian names, units, owners and funding
//! sources; up to three risks and up to three evaluations each. The file is valid (no
//! errors) and, like a real portfolio before a meeting, has a few warnings (an active
//! project past its end, one spent above planned, a proposal without a budget).

#![allow(dead_code)]

use indexmap::IndexMap;
use styr::model::{
    Budget, Date, Decision, Evaluation, Funding, FundingStatus, Goal, Health, MeasuredResult,
    Number, Portfolio, Project, Risk, RiskStatus, RiskThresholds, Status, default_criteria,
};

/// SplitMix64: small, fast and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

const FOCUS: &[&str] = &[
    "Klima og miljø",
    "Folkehelse og livskvalitet",
    "Oppvekst og utdanning",
    "Næringsutvikling og verdiskaping",
    "Kultur, idrett og frivillighet",
    "Digitalisering og innovasjon",
    "Samferdsel og mobilitet",
    "Bærekraftig arealbruk",
    "Inkludering og mangfold",
    "Samfunnssikkerhet og beredskap",
    "Internasjonalt samarbeid",
    "Levende lokalsamfunn",
];

const VERBS: &[&str] = &[
    "Styrke",
    "Redusere",
    "Utvikle",
    "Øke",
    "Sikre",
    "Fremme",
    "Forbedre",
    "Bygge opp",
    "Ta vare på",
    "Legge til rette for",
];

const OBJECTS: &[&str] = &[
    "klimagassutslipp fra transport",
    "det biologiske mangfoldet",
    "barn og unges psykiske helse",
    "kompetansen i kommunale tjenester",
    "samarbeidet med næringslivet",
    "energibruken i kommunale bygg",
    "deltakelsen i arbeidslivet",
    "digitale innbyggertjenester",
    "kulturtilbudet i distriktene",
    "frivillige organisasjoner",
    "gjenbruk og sirkulær økonomi",
    "beredskapen mot flom og skred",
    "kollektivtilbudet",
    "trygge skoleveier",
    "internasjonale partnerskap",
    "klimatilpasning i sentrum",
    "lokal matproduksjon",
    "integrering av nyankomne",
    "sysselsettingen blant unge",
    "tilgangen til friluftsområder",
];

const STEMS: &[&str] = &[
    "Klimatilpasning",
    "Klimavennlig byggeplass",
    "Klimaregnskap",
    "Grønn omstilling",
    "Digital kompetanseheving",
    "Folkehelseløft",
    "Ungdomsmedvirkning",
    "Sirkulær økonomi",
    "Energieffektivisering",
    "Lokalmat og reiseliv",
    "Kulturarv i bruk",
    "Vennskapsbysamarbeid",
    "Språkopplæring",
    "Inkludering i arbeidslivet",
    "Friluftsliv for alle",
    "Naturrestaurering",
    "Smart by",
    "Grønn mobilitet",
    "Velferdsteknologi",
    "Entreprenørskap i skolen",
    "Trygg skolevei",
    "Kystkultur",
    "Leseløft",
    "Fossilfri kommune",
    "Aktiv aldring",
];

const PLACES: &[&str] = &[
    "Hamar",
    "Lillestrøm",
    "Fredrikstad",
    "Tromsø",
    "Bodø",
    "Ålesund",
    "Kristiansand",
    "Drammen",
    "Gjøvik",
    "Lillehammer",
    "Steinkjer",
    "Molde",
    "Arendal",
    "Tønsberg",
    "Harstad",
    "Kongsvinger",
    "Elverum",
    "Sarpsborg",
    "Halden",
    "Røros",
];

const GROUPS: &[&str] = &[
    "eldre",
    "unge",
    "nyankomne",
    "småbedrifter",
    "lærere",
    "frivillige",
    "bønder",
    "pendlere",
    "barnefamilier",
    "helsearbeidere",
];

const FIRST: &[&str] = &[
    "Kari", "Ola", "Ingrid", "Lars", "Sigrid", "Bjørn", "Astrid", "Håkon", "Marit", "Per",
    "Solveig", "Knut", "Ragnhild", "Tor", "Liv", "Øystein", "Nora", "Emil", "Hanne", "Jørgen",
    "Ida", "Magnus", "Silje", "Eirik", "Åse",
];

const LAST: &[&str] = &[
    "Nordmann",
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Berg",
    "Haugen",
    "Hagen",
    "Bakken",
    "Solberg",
    "Strand",
    "Lie",
    "Dahl",
    "Lunde",
    "Sæther",
    "Holm",
    "Myhre",
    "Aas",
    "Eide",
    "Bråten",
];

const UNITS: &[&str] = &[
    "Kultur",
    "Helse og omsorg",
    "Oppvekst",
    "Teknisk drift",
    "Plan og miljø",
    "Næring",
    "Samfunnsutvikling",
    "Digitalisering",
    "Eiendom",
    "Strategi og styring",
    "NAV kommune",
    "Brann og redning",
];

const INSTRUMENTS: &[&str] = &[
    "EU-prosjekt",
    "Nettverk",
    "Kompetanseheving",
    "Vennskapsby",
    "Politikkoppfølging",
    "Bilateralt samarbeid",
];

const SOURCES: &[&str] = &[
    "Interreg Sverige-Norge",
    "Interreg Øresund-Kattegat-Skagerrak",
    "Erasmus+",
    "Horisont Europa",
    "Kreativt Europa",
    "EØS-midlene",
    "Nordisk Råd",
    "Statsforvalteren",
    "Miljødirektoratet (Klimasats)",
];

const RESULTS: &[(&str, &str)] = &[
    ("Workshops med bedrifter", "stk"),
    ("Deltakere på kurs", "deltakere"),
    ("Reduserte utslipp", "tonn CO2"),
    ("Ansatte med ny kompetanse", "ansatte"),
    ("Andel fornøyde brukere", "%"),
    ("Nye partnerskap", "stk"),
    ("Utvekslinger", "stk"),
    ("Energisparing", "MWh"),
];

const RISKS: &[&str] = &[
    "Partner trekker seg",
    "Forsinket utbetaling fra programmet",
    "For få deltakere",
    "Nøkkelperson slutter",
    "Kostnadene øker mer enn planlagt",
    "Manglende politisk forankring",
    "Leverandør leverer for sent",
    "Valutakursen endrer budsjettet",
    "Lav svarprosent i kartleggingen",
    "Avslag på søknad om medfinansiering",
];

const NOTES: &[&str] = &[
    "Ny framdriftsplan til neste møte",
    "Godt i rute; fortsett som planlagt",
    "Be om oppdatert budsjett",
    "Vurder å slå sammen med beslektet tiltak",
    "Rapporter resultater til formannskapet",
];

const TAGS: &[&str] = &[
    "handlingsplan",
    "økonomiplan",
    "klima",
    "ungdom",
    "EU",
    "region",
    "pilot",
];

fn date(days_from_2020: i64) -> Date {
    let base = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("a valid date");
    Date(base + chrono::Duration::days(days_from_2020))
}

/// The review date of every generated portfolio (fixed, so figures do not move with today).
pub const AS_OF: &str = "2026-11-15";

fn as_of_days() -> i64 {
    // 2020-01-01 .. 2026-11-15
    Date::parse(AS_OF)
        .map(|d| date(0).days_until(d))
        .unwrap_or(2510)
}

/// The goal tree: (goals, leaf ids, mid-level ids), about `count` goals in three levels.
fn goal_tree(rng: &mut Rng, count: usize) -> (Vec<Goal>, Vec<String>, Vec<String>) {
    let count = count.max(6);
    let top = ((count as f64).cbrt().round() as usize).clamp(2, FOCUS.len());
    let mains = top;
    let subs = ((count.saturating_sub(top + top * mains)) / (top * mains)).max(1);
    let (mut leaves, mut mids) = (Vec::new(), Vec::new());
    let sdgs = |rng: &mut Rng| -> Vec<i64> {
        let mut v: Vec<i64> = (0..rng.range(0, 3)).map(|_| rng.range(1, 17)).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let goals = (0..top)
        .map(|t| {
            let id = format!("s{}", t + 1);
            let children = (0..mains)
                .map(|m| {
                    let mid = format!("{id}.h{}", m + 1);
                    mids.push(mid.clone());
                    let children = (0..subs)
                        .map(|s| {
                            let sid = format!("{mid}.d{}", s + 1);
                            leaves.push(sid.clone());
                            Goal {
                                id: sid,
                                title: format!("{} {}", rng.pick(VERBS), rng.pick(OBJECTS)),
                                description: None,
                                sdgs: sdgs(rng),
                                children: Vec::new(),
                            }
                        })
                        .collect();
                    Goal {
                        id: mid,
                        title: format!("{} {}", rng.pick(VERBS), rng.pick(OBJECTS)),
                        description: rng
                            .chance(30)
                            .then(|| "Hovedmål vedtatt i kommuneplanens samfunnsdel".into()),
                        sdgs: sdgs(rng),
                        children,
                    }
                })
                .collect();
            Goal {
                id,
                title: FOCUS[t % FOCUS.len()].to_string(),
                description: None,
                sdgs: sdgs(rng),
                children,
            }
        })
        .collect();
    (goals, leaves, mids)
}

fn name(rng: &mut Rng) -> String {
    let stem = rng.pick(STEMS);
    match rng.below(4) {
        0 => format!("{stem} i {}", rng.pick(PLACES)),
        1 => format!("{stem} for {}", rng.pick(GROUPS)),
        2 => format!("{stem} – fase {}", rng.range(1, 3)),
        _ => {
            let a = rng.below(PLACES.len());
            let b = (a + 1 + rng.below(PLACES.len() - 1)) % PLACES.len();
            format!("{stem} {}–{}", PLACES[a], PLACES[b])
        }
    }
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

fn project(rng: &mut Rng, i: usize, width: usize, leaves: &[String], mids: &[String]) -> Project {
    let today = as_of_days();
    let status = match rng.below(100) {
        0..=54 => Status::Active,
        55..=69 => Status::Proposed,
        70..=77 => Status::OnHold,
        78..=92 => Status::Completed,
        _ => Status::Stopped,
    };
    let health = match rng.below(100) {
        0..=50 => Some(Health::Green),
        51..=75 => Some(Health::Amber),
        76..=86 => Some(Health::Red),
        _ => None,
    };
    let start = rng.range(today - 1400, today + 60);
    let mut end = start + rng.range(180, 1460);
    // Active projects run past the review date, except the odd one (a warning).
    if status == Status::Active && end < today && !rng.chance(2) {
        end = today + rng.range(30, 700);
    }
    // Every leaf served at least once; then one to three goals, mostly leaves.
    let mut goals = vec![leaves[i % leaves.len()].clone()];
    for _ in 0..rng.below(3) {
        let g = if rng.chance(85) {
            &leaves[rng.below(leaves.len())]
        } else {
            &mids[rng.below(mids.len())]
        };
        if !goals.contains(g) {
            goals.push(g.clone());
        }
    }
    let budget = (status != Status::Proposed || rng.chance(97)).then(|| {
        let planned = rng.range(10, 2_000) * 10_000;
        let burn = if rng.chance(2) {
            rng.range(101, 130)
        } else {
            rng.range(0, 95)
        };
        let funding = (0..rng.below(3))
            .map(|_| Funding {
                source: rng.pick(SOURCES).to_string(),
                amount: planned / 100 * rng.range(10, 45),
                status: match rng.below(10) {
                    0..=6 => FundingStatus::Granted,
                    7..=8 => FundingStatus::Applied,
                    _ => FundingStatus::Rejected,
                },
            })
            .collect();
        Budget {
            planned,
            spent: planned / 100 * burn,
            funding,
        }
    });
    let results = (0..rng.range(1, 3))
        .map(|_| {
            let (name, unit) = RESULTS[rng.below(RESULTS.len())];
            let target = rng.range(5, 200);
            MeasuredResult {
                name: name.to_string(),
                unit: Some(unit.to_string()),
                target: Number(target as f64),
                actual: Number(rng.range(0, target + 10) as f64),
                due: Some(date(end)),
            }
        })
        .collect();
    let risks = (0..rng.below(4))
        .map(|r| Risk {
            id: format!("R{}", r + 1),
            title: rng.pick(RISKS).to_string(),
            cause: None,
            probability: rng.range(1, 5),
            consequence: rng.range(1, 5),
            mitigation: rng
                .chance(60)
                .then(|| "Tett oppfølging i styringsgruppen".into()),
            owner: rng.chance(50).then(|| person(rng)),
            status: match rng.below(10) {
                0..=6 => RiskStatus::Open,
                7..=8 => RiskStatus::Mitigated,
                _ => RiskStatus::Closed,
            },
        })
        .collect();
    let n_evals = match status {
        Status::Proposed => 0,
        Status::Active if !rng.chance(3) => rng.range(1, 3) as usize,
        _ => rng.below(4),
    };
    let mut day = start.min(today - 400);
    let evaluations = (0..n_evals)
        .map(|_| {
            day = (day + rng.range(60, 130)).min(today);
            let mut scores = IndexMap::new();
            for c in ["goals", "results", "budget"] {
                if rng.chance(92) {
                    scores.insert(c.to_string(), rng.range(1, 5));
                }
            }
            Evaluation {
                date: date(day),
                scores,
                decision: rng
                    .chance(60)
                    .then(|| Decision::ALL[rng.below(Decision::ALL.len())]),
                note: rng.chance(40).then(|| rng.pick(NOTES).to_string()),
                by: rng.chance(50).then(|| person(rng)),
                ratings: Vec::new(),
            }
        })
        .collect();
    let tags = (0..rng.below(3)).map(|_| rng.pick(TAGS).to_string()).fold(
        Vec::new(),
        |mut v: Vec<String>, t| {
            if !v.contains(&t) {
                v.push(t);
            }
            v
        },
    );
    Project {
        id: format!("P-{i:0width$}"),
        name: name(rng),
        owner: Some(person(rng)),
        unit: Some(rng.pick(UNITS).to_string()),
        instrument: rng.chance(80).then(|| rng.pick(INSTRUMENTS).to_string()),
        status,
        health,
        start: Some(date(start)),
        end: Some(date(end)),
        goals,
        budget,
        results,
        risks,
        evaluations,
        tags,
        level: None,
        follow_ups: Vec::new(),
    }
}

/// A portfolio of `n` projects and about `n / 50` goals.
pub fn portfolio(n: usize, seed: u64) -> Portfolio {
    let mut rng = Rng::new(seed);
    let (goals, leaves, mids) = goal_tree(&mut rng, n / 50);
    // P-0000 … P-9999, P-00000 … P-99999: seven characters up to 100,000 projects, the
    // width of the project list's id column.
    let width = n.saturating_sub(1).max(1).to_string().len().max(4);
    let projects = (0..n)
        .map(|i| project(&mut rng, i, width, &leaves, &mids))
        .collect();
    Portfolio {
        name: format!("Handlingsplan 2025–2028 ({n} tiltak)"),
        organisation: "Eksempel fylkeskommune".to_string(),
        currency: "NOK".to_string(),
        as_of: Date::parse(AS_OF),
        levels: vec![
            "Satsingsområde".to_string(),
            "Hovedmål".to_string(),
            "Delmål".to_string(),
        ],
        criteria: default_criteria(),
        risk_thresholds: RiskThresholds::default(),
        goals,
        projects,
        meetings: Vec::new(),
    }
}

/// The portfolio as the text styr itself saves (`model::save::to_ron`).
pub fn text(n: usize, seed: u64) -> String {
    styr::model::save::to_ron(&portfolio(n, seed))
}
