//! Every user-facing word, in Norwegian bokmål and English: one plain table.
//!
//! The data stays in the language it was written in; this is the program's own text.

use crate::model::figures::{Band, ScoreTotal};
use crate::model::{Decision, FundingStatus, Health, Number, RiskStatus, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nb,
    En,
}

/// A noun in both languages, in the singular and the plural, for [`Lang::count`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Noun {
    /// Bokmål: singular, plural ("prosjekt", "prosjekter").
    pub nb: (&'static str, &'static str),
    /// English: singular, plural ("project", "projects").
    pub en: (&'static str, &'static str),
}

impl Noun {
    pub const PROJECT: Noun = Noun {
        nb: ("prosjekt", "prosjekter"),
        en: ("project", "projects"),
    };
    /// What the report counts: "prosjekter og tiltak".
    pub const PROJECT_OR_MEASURE: Noun = Noun {
        nb: ("prosjekt eller tiltak", "prosjekter og tiltak"),
        en: ("project or measure", "projects and measures"),
    };
    pub const FILE: Noun = Noun {
        nb: ("fil", "filer"),
        en: ("file", "files"),
    };
    pub const ERROR: Noun = Noun {
        nb: ("feil", "feil"),
        en: ("error", "errors"),
    };
    pub const WARNING: Noun = Noun {
        nb: ("advarsel", "advarsler"),
        en: ("warning", "warnings"),
    };
    pub const DAY: Noun = Noun {
        nb: ("dag", "dager"),
        en: ("day", "days"),
    };
}

impl Lang {
    /// From `--lang` (nb, nn, no → Norwegian; en → English).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.to_ascii_lowercase();
        if s.starts_with("nb") || s.starts_with("nn") || s.starts_with("no") {
            Some(Lang::Nb)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// From the locale: `LC_ALL`, then `LC_MESSAGES`, then `LANG`. Norwegian when the
    /// first one set starts with nb, nn or no; English otherwise.
    pub fn from_env() -> Lang {
        Self::from_locale_vars(|k| std::env::var(k).ok())
    }

    pub fn from_locale_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| get(k).filter(|v| !v.is_empty()))
            .next()
            .map_or(Lang::En, |v| {
                if Lang::parse(&v) == Some(Lang::Nb) {
                    Lang::Nb
                } else {
                    Lang::En
                }
            })
    }

    /// Pick the word for this language.
    pub fn pick(self, nb: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Nb => nb,
            Lang::En => en,
        }
    }

    pub fn status(self, s: Status) -> &'static str {
        match s {
            Status::Proposed => self.pick("Foreslått", "Proposed"),
            Status::Active => self.pick("Aktiv", "Active"),
            Status::OnHold => self.pick("På vent", "On hold"),
            Status::Completed => self.pick("Fullført", "Completed"),
            Status::Stopped => self.pick("Stoppet", "Stopped"),
        }
    }

    pub fn health(self, h: Option<Health>) -> &'static str {
        match h {
            Some(Health::Green) => self.pick("Grønn", "Green"),
            Some(Health::Amber) => self.pick("Gul", "Amber"),
            Some(Health::Red) => self.pick("Rød", "Red"),
            None => self.pick("ikke rapportert", "not reported"),
        }
    }

    pub fn band(self, b: Band) -> &'static str {
        match b {
            Band::Green => self.pick("Grønn", "Green"),
            Band::Amber => self.pick("Gul", "Amber"),
            Band::Red => self.pick("Rød", "Red"),
        }
    }

    pub fn decision(self, d: Decision) -> &'static str {
        match d {
            Decision::Continue => self.pick("Fortsett", "Continue"),
            Decision::Adjust => self.pick("Juster", "Adjust"),
            Decision::Pause => self.pick("Sett på pause", "Pause"),
            Decision::Stop => self.pick("Stopp", "Stop"),
            Decision::Approve => self.pick("Godkjenn", "Approve"),
            Decision::Complete => self.pick("Avslutt", "Complete"),
        }
    }

    pub fn funding_status(self, s: FundingStatus) -> &'static str {
        match s {
            FundingStatus::Applied => self.pick("søkt", "applied"),
            FundingStatus::Granted => self.pick("innvilget", "granted"),
            FundingStatus::Rejected => self.pick("avslått", "rejected"),
        }
    }

    /// The level a measure works at.
    pub fn level(self, x: crate::model::Level) -> &'static str {
        use crate::model::Level;
        match x {
            Level::Local => self.pick("Lokalt", "Local"),
            Level::Regional => self.pick("Regionalt", "Regional"),
            Level::National => self.pick("Nasjonalt", "National"),
            Level::International => self.pick("Internasjonalt", "International"),
        }
    }

    pub fn risk_status(self, s: RiskStatus) -> &'static str {
        match s {
            RiskStatus::Open => self.pick("Åpen", "Open"),
            RiskStatus::Mitigated => self.pick("Redusert", "Mitigated"),
            RiskStatus::Closed => self.pick("Lukket", "Closed"),
        }
    }

    /// What a risk's probability 1–5 means (the scale of a risk assessment).
    pub fn probability(self, v: i64) -> Option<&'static str> {
        Some(match v {
            1 => self.pick("svært lite sannsynlig", "very unlikely"),
            2 => self.pick("lite sannsynlig", "unlikely"),
            3 => self.pick("mulig", "possible"),
            4 => self.pick("sannsynlig", "likely"),
            5 => self.pick("svært sannsynlig", "very likely"),
            _ => return None,
        })
    }

    /// What a risk's consequence 1–5 means.
    pub fn consequence(self, v: i64) -> Option<&'static str> {
        Some(match v {
            1 => self.pick("ubetydelig", "negligible"),
            2 => self.pick("liten", "minor"),
            3 => self.pick("moderat", "moderate"),
            4 => self.pick("alvorlig", "serious"),
            5 => self.pick("svært alvorlig", "critical"),
            _ => return None,
        })
    }

    /// What a picker or a text field changes, and its value now: "sannsynlighet, nå 4".
    pub fn now(self, what: &str, value: &str) -> String {
        format!("{what}, {} {value}", self.pick("nå", "now"))
    }

    /// "1 prosjekt", "2 prosjekter" / "1 project", "0 projects": a count and its noun in
    /// the right number (the singular for 1 and -1 only, in both languages).
    pub fn count(self, n: i64, noun: Noun) -> String {
        format!("{n} {}", self.noun(n, noun))
    }

    /// The noun alone, in the number `n` asks for: "prosjekt" / "prosjekter".
    pub fn noun(self, n: i64, noun: Noun) -> &'static str {
        let (one, many) = match self {
            Lang::Nb => noun.nb,
            Lang::En => noun.en,
        };
        if n.unsigned_abs() == 1 { one } else { many }
    }

    /// 2400000 → "2 400 000" (nb, with no-break spaces) or "2,400,000" (en).
    pub fn amount(self, v: i64) -> String {
        let sep = self.pick("\u{a0}", ",");
        let digits = v.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(c);
        }
        if v < 0 { format!("-{out}") } else { out }
    }

    /// A short amount for narrow columns: "16,9 M" / "16.9 M", "950 k".
    pub fn short_amount(self, v: i64) -> String {
        let a = v.unsigned_abs() as f64;
        let sign = if v < 0 { "-" } else { "" };
        let (n, unit) = if a >= 1e9 {
            (a / 1e9, self.pick(" mrd", " bn"))
        } else if a >= 1e6 {
            (a / 1e6, " M")
        } else if a >= 1e3 {
            (a / 1e3, " k")
        } else {
            return v.to_string();
        };
        let digits = if n >= 100.0 { 0 } else { 1 };
        let s = format!("{sign}{n:.digits$}{unit}");
        match self {
            Lang::Nb => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// A score or ratio with one decimal, "3,4" (nb) or "3.4" (en); "–" for none.
    pub fn decimal(self, v: Option<f64>) -> String {
        match v {
            None => "–".to_string(),
            Some(v) => {
                let s = format!("{v:.1}");
                match self {
                    Lang::Nb => s.replace('.', ","),
                    Lang::En => s,
                }
            }
        }
    }

    /// "1 av 3" / "1 of 3": how many of the file's criteria a total was computed from.
    pub fn criteria_of(self, scored: usize, of: usize) -> String {
        format!("{scored} {} {of}", self.pick("av", "of"))
    }

    /// A weighted total as the views write it: "4,0", or "4,0 · 1 av 3" when it was
    /// computed from fewer criteria than the file has; "–" for none.
    pub fn total(self, t: Option<ScoreTotal>) -> String {
        match t {
            Some(t) if t.is_partial() => format!(
                "{} · {}",
                self.decimal(Some(t.value)),
                self.criteria_of(t.scored, t.of)
            ),
            _ => self.decimal(t.map(|t| t.value)),
        }
    }

    /// A number from the file as the language writes it: "2,5" (nb) or "2.5" (en), and
    /// a whole number without decimals.
    pub fn number(self, n: Number) -> String {
        let s = n.to_string();
        match self {
            Lang::Nb => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// A share as a whole percentage, "45 %"; "–" for none.
    pub fn percent(self, v: Option<f64>) -> String {
        match v {
            None => "–".to_string(),
            Some(v) => format!("{}\u{a0}%", (v * 100.0).round() as i64),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_norwegian_for_nb_nn_no() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "nb_NO.UTF-8")])),
            Lang::Nb
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "nn_NO.UTF-8")])),
            Lang::Nb
        );
        assert_eq!(Lang::from_locale_vars(env(&[("LANG", "no_NO")])), Lang::Nb);
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "en_GB.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "nb_NO")])),
            Lang::En
        );
        assert_eq!(Lang::from_locale_vars(env(&[])), Lang::En);
    }

    #[test]
    fn amounts_group_thousands() {
        assert_eq!(Lang::En.amount(2_400_000), "2,400,000");
        assert_eq!(Lang::Nb.amount(2_400_000), "2\u{a0}400\u{a0}000");
        assert_eq!(Lang::En.amount(-950), "-950");
        assert_eq!(Lang::En.amount(i64::MIN), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn counts_take_the_singular_for_one_only() {
        assert_eq!(Lang::En.count(1, Noun::PROJECT), "1 project");
        assert_eq!(Lang::En.count(0, Noun::PROJECT), "0 projects");
        assert_eq!(Lang::En.count(2, Noun::PROJECT), "2 projects");
        assert_eq!(Lang::Nb.count(1, Noun::PROJECT), "1 prosjekt");
        assert_eq!(Lang::Nb.count(2, Noun::PROJECT), "2 prosjekter");
        assert_eq!(Lang::Nb.count(1, Noun::WARNING), "1 advarsel");
        assert_eq!(Lang::Nb.count(3, Noun::ERROR), "3 feil");
        assert_eq!(Lang::En.count(-1, Noun::DAY), "-1 day");
        assert_eq!(Lang::Nb.noun(5, Noun::DAY), "dager");
    }

    #[test]
    fn decimals_use_the_languages_separator() {
        assert_eq!(Lang::Nb.decimal(Some(3.44)), "3,4");
        assert_eq!(Lang::En.decimal(Some(3.46)), "3.5");
        assert_eq!(Lang::En.decimal(None), "–");
    }

    #[test]
    fn a_partial_total_says_how_many_criteria_it_has() {
        let t = |scored| ScoreTotal {
            value: 4.0,
            scored,
            of: 3,
        };
        assert_eq!(Lang::En.total(Some(t(1))), "4.0 · 1 of 3");
        assert_eq!(Lang::Nb.total(Some(t(2))), "4,0 · 2 av 3");
        assert_eq!(Lang::Nb.total(Some(t(3))), "4,0");
        assert_eq!(Lang::En.total(None), "–");
    }
}
