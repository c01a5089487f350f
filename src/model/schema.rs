//! FORMAT.md's tables as data: every struct's fields, what each takes, and an example of
//! it written right. Parse errors use it to say what a field expected and how to fix it;
//! a test checks it against the serde types field by field and variant by variant.

use super::msg::{Msg, msg};

/// What a field's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Date,
    Time,
    /// A whole number; the words say its range ("1–5", "0 or more", "").
    Int(&'static str),
    /// A whole number of the portfolio's currency, 0 to 10^15.
    Amount,
    /// A number, decimals allowed.
    Number,
    /// One of these names, written without quotes.
    Variant(&'static [&'static str]),
    /// A list of texts; the words say what they are ("goal ids").
    Texts(&'static str),
    /// A list of whole numbers in a range.
    Ints(&'static str),
    /// A list of these structs.
    Structs(&'static str),
    /// One struct.
    Struct(&'static str),
    /// `{ criterion id: int 1–5 }`.
    Scores,
}

impl Kind {
    /// "text in double quotes", "a whole number 1–5", … / "tekst i doble anførselstegn", …
    pub fn expects(self) -> Msg {
        match self {
            Kind::Text => msg!("text in double quotes", "tekst i doble anførselstegn"),
            Kind::Date => msg!(
                "a date in double quotes, \"YYYY-MM-DD\"",
                "en dato i doble anførselstegn, \"YYYY-MM-DD\""
            ),
            Kind::Time => msg!(
                "a time of day in double quotes, \"HH:MM\"",
                "et klokkeslett i doble anførselstegn, \"HH:MM\""
            ),
            Kind::Int("") => msg!("a whole number", "et heltall"),
            Kind::Int(range) => {
                let nb = nb_words(range);
                msg!("a whole number {range}", "et heltall {nb}")
            }
            Kind::Amount => msg!(
                "an amount, a whole number from 0 to 10^15",
                "et beløp, et heltall fra 0 til 10^15"
            ),
            Kind::Number => msg!("a number", "et tall"),
            Kind::Variant(names) => {
                let list = super::diagnostic::quoted_list(names.iter().copied());
                msg!(
                    "one of {list} (without quotes)",
                    "en av {list} (uten anførselstegn)"
                )
            }
            Kind::Texts(what) => {
                let nb = nb_words(what);
                msg!(
                    "a list of {what} in double quotes",
                    "en liste med {nb} i doble anførselstegn"
                )
            }
            Kind::Ints(range) => msg!(
                "a list of whole numbers {range}",
                "en liste med heltall {range}"
            ),
            Kind::Structs(name) => msg!(
                "a list of `{name}(…)` records",
                "en liste med `{name}(…)`-poster"
            ),
            Kind::Struct(name) => msg!("a `{name}(…)` record", "en `{name}(…)`-post"),
            Kind::Scores => msg!(
                "a map of criterion ids to whole numbers 1–5",
                "en tabell fra kriterie-id-er til heltall 1–5"
            ),
        }
    }

    /// Whole numbers, one or a list of them.
    pub fn is_whole(self) -> bool {
        matches!(
            self,
            Kind::Int(_) | Kind::Amount | Kind::Ints(_) | Kind::Scores
        )
    }

    pub fn is_list(self) -> bool {
        matches!(self, Kind::Texts(_) | Kind::Ints(_) | Kind::Structs(_))
    }
}

/// The table's words (`Texts`, `Int`) in bokmål.
fn nb_words(en: &str) -> &str {
    match en {
        "level names" => "nivånavn",
        "goal ids" => "mål-id-er",
        "tags" => "stikkord",
        "names" => "navn",
        "project ids" => "prosjekt-id-er",
        "0 or more" => "0 eller mer",
        other => other,
    }
}

/// One field of a struct.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    /// The field written right, e.g. `planned: 2_400_000`.
    pub example: &'static str,
}

/// One struct, by the name the file may write before its `(`.
#[derive(Debug)]
pub struct Struct {
    pub name: &'static str,
    pub fields: &'static [Field],
}

impl Struct {
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

pub fn lookup(name: &str) -> Option<&'static Struct> {
    STRUCTS.iter().find(|s| s.name == name)
}

/// The top-level struct.
pub fn portfolio() -> &'static Struct {
    &STRUCTS[0]
}

pub const STATUS: &[&str] = &["Proposed", "Active", "OnHold", "Completed", "Stopped"];
pub const HEALTH: &[&str] = &["Green", "Amber", "Red"];
pub const FUNDING_STATUS: &[&str] = &["Applied", "Granted", "Rejected"];
pub const RISK_STATUS: &[&str] = &["Open", "Mitigated", "Closed"];
pub const DECISION: &[&str] = &["Continue", "Adjust", "Pause", "Stop", "Approve", "Complete"];
pub const LEVEL: &[&str] = &["Local", "Regional", "National", "International"];

const fn f(name: &'static str, kind: Kind, example: &'static str) -> Field {
    Field {
        name,
        kind,
        example,
    }
}

use Kind::*;

pub static STRUCTS: &[Struct] = &[
    Struct {
        name: "Portfolio",
        fields: &[
            f("name", Text, "name: \"Internasjonalt arbeid 2026\""),
            f("organisation", Text, "organisation: \"Lillestrøm kommune\""),
            f("currency", Text, "currency: \"NOK\""),
            f("as_of", Date, "as_of: \"2026-11-22\""),
            f(
                "levels",
                Texts("level names"),
                "levels: [\"Satsingsområde\", \"Hovedmål\", \"Delmål\"]",
            ),
            f(
                "criteria",
                Structs("Criterion"),
                "criteria: [(id: \"goals\", name: \"Måloppnåelse\", weight: 40)]",
            ),
            f(
                "risk_thresholds",
                Struct("RiskThresholds"),
                "risk_thresholds: (amber: 5, red: 10)",
            ),
            f(
                "goals",
                Structs("Goal"),
                "goals: [(id: \"klima\", title: \"Klima og miljø\")]",
            ),
            f(
                "projects",
                Structs("Project"),
                "projects: [(id: \"P-01\", name: \"Grønn omstilling\")]",
            ),
            f(
                "meetings",
                Structs("Meeting"),
                "meetings: [(date: \"2026-11-22\")]",
            ),
        ],
    },
    Struct {
        name: "Criterion",
        fields: &[
            f("id", Text, "id: \"goals\""),
            f("name", Text, "name: \"Måloppnåelse\""),
            f("weight", Int("0 or more"), "weight: 40"),
            f(
                "description",
                Text,
                "description: \"1: bidrar ikke … 5: avgjørende\"",
            ),
        ],
    },
    Struct {
        name: "RiskThresholds",
        fields: &[
            f("amber", Int(""), "amber: 5"),
            f("red", Int(""), "red: 10"),
        ],
    },
    Struct {
        name: "Goal",
        fields: &[
            f("id", Text, "id: \"klima.d1\""),
            f("title", Text, "title: \"Lavere utslipp\""),
            f("description", Text, "description: \"…\""),
            f("sdgs", Ints("1–17"), "sdgs: [13, 15]"),
            f(
                "children",
                Structs("Goal"),
                "children: [(id: \"klima.d1\", title: \"Lavere utslipp\")]",
            ),
        ],
    },
    Struct {
        name: "Project",
        fields: &[
            f("id", Text, "id: \"P-01\""),
            f("name", Text, "name: \"Grønn omstilling\""),
            f("owner", Text, "owner: \"Kari Nordmann\""),
            f("unit", Text, "unit: \"Kultur\""),
            f("instrument", Text, "instrument: \"EU-prosjekt\""),
            f("status", Variant(STATUS), "status: Active"),
            f("health", Variant(HEALTH), "health: Amber"),
            f("start", Date, "start: \"2025-03-01\""),
            f("end", Date, "end: \"2027-06-30\""),
            f("goals", Texts("goal ids"), "goals: [\"klima.d1\"]"),
            f(
                "budget",
                Struct("Budget"),
                "budget: (planned: 2_400_000, spent: 900_000)",
            ),
            f(
                "results",
                Structs("Result"),
                "results: [(name: \"Workshops\", target: 12)]",
            ),
            f(
                "risks",
                Structs("Risk"),
                "risks: [(id: \"R1\", title: \"…\", probability: 3, consequence: 4)]",
            ),
            f(
                "evaluations",
                Structs("Evaluation"),
                "evaluations: [(date: \"2026-10-15\", scores: {\"goals\": 4})]",
            ),
            f("tags", Texts("tags"), "tags: [\"Interreg\"]"),
            f("level", Variant(LEVEL), "level: Regional"),
            f(
                "follow_ups",
                Structs("FollowUp"),
                "follow_ups: [(text: \"Ny framdriftsplan\", raised: \"2026-10-15\")]",
            ),
        ],
    },
    Struct {
        name: "Budget",
        fields: &[
            f("planned", Amount, "planned: 2_400_000"),
            f("spent", Amount, "spent: 900_000"),
            f(
                "funding",
                Structs("Funding"),
                "funding: [(source: \"Erasmus+\", amount: 300_000)]",
            ),
        ],
    },
    Struct {
        name: "Funding",
        fields: &[
            f("source", Text, "source: \"Erasmus+\""),
            f("amount", Amount, "amount: 300_000"),
            f("status", Variant(FUNDING_STATUS), "status: Granted"),
        ],
    },
    Struct {
        name: "Result",
        fields: &[
            f("name", Text, "name: \"Workshops med bedrifter\""),
            f("unit", Text, "unit: \"stk\""),
            f("target", Number, "target: 12"),
            f("actual", Number, "actual: 5"),
            f("due", Date, "due: \"2026-12-31\""),
        ],
    },
    Struct {
        name: "Risk",
        fields: &[
            f("id", Text, "id: \"R1\""),
            f("title", Text, "title: \"Partner trekker seg\""),
            f("cause", Text, "cause: \"…\""),
            f("probability", Int("1–5"), "probability: 3"),
            f("consequence", Int("1–5"), "consequence: 4"),
            f("mitigation", Text, "mitigation: \"…\""),
            f("owner", Text, "owner: \"Kari Nordmann\""),
            f("status", Variant(RISK_STATUS), "status: Open"),
        ],
    },
    Struct {
        name: "Evaluation",
        fields: &[
            f("date", Date, "date: \"2026-10-15\""),
            f("scores", Scores, "scores: {\"goals\": 4, \"results\": 3}"),
            f("decision", Variant(DECISION), "decision: Adjust"),
            f("note", Text, "note: \"…\""),
            f("by", Text, "by: \"Kari Nordmann\""),
            f(
                "ratings",
                Structs("Rating"),
                "ratings: [(by: \"Kari Nordmann\", scores: {\"goals\": 4})]",
            ),
        ],
    },
    Struct {
        name: "Rating",
        fields: &[
            f("by", Text, "by: \"Kari Nordmann\""),
            f("scores", Scores, "scores: {\"goals\": 4, \"results\": 3}"),
        ],
    },
    Struct {
        name: "FollowUp",
        fields: &[
            f("text", Text, "text: \"Ny framdriftsplan\""),
            f("owner", Text, "owner: \"Kari Nordmann\""),
            f("due", Date, "due: \"2026-12-01\""),
            f("raised", Date, "raised: \"2026-10-15\""),
            f("done", Date, "done: \"2026-11-22\""),
            f("by", Text, "by: \"Kari Nordmann\""),
        ],
    },
    Struct {
        name: "Meeting",
        fields: &[
            f("date", Date, "date: \"2026-11-22\""),
            f("chair", Text, "chair: \"Kari Nordmann\""),
            f("secretary", Text, "secretary: \"Ola Nordmann\""),
            f(
                "attendees",
                Texts("names"),
                "attendees: [\"Kari Nordmann\", \"Ola Nordmann\"]",
            ),
            f("absent", Texts("names"), "absent: [\"Per Hansen\"]"),
            f("note", Text, "note: \"…\""),
            f(
                "agenda",
                Texts("project ids"),
                "agenda: [\"P-01\", \"P-02\"]",
            ),
            f(
                "changes",
                Structs("Change"),
                "changes: [(at: \"10:05\", project: \"P-01\", what: \"health\", to: \"Amber\")]",
            ),
        ],
    },
    Struct {
        name: "Change",
        fields: &[
            f("at", Time, "at: \"10:05\""),
            f("by", Text, "by: \"Kari Nordmann\""),
            f("project", Text, "project: \"P-01\""),
            f("goal", Text, "goal: \"klima.d1\""),
            f("what", Text, "what: \"health\""),
            f("from", Text, "from: \"Green\""),
            f("to", Text, "to: \"Amber\""),
        ],
    },
];

#[cfg(test)]
mod tests {
    //! The table against the serde types: a deserializer that answers every request with
    //! an error, after noting the struct's fields or the enum's variants it was asked for.

    use std::fmt;

    use serde::Deserialize;
    use serde::de::{self, Visitor};

    use super::*;
    use crate::model::types::*;

    #[derive(Debug)]
    struct Asked(&'static str, &'static [&'static str]);
    impl fmt::Display for Asked {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "{}", self.0)
        }
    }
    impl std::error::Error for Asked {}
    impl de::Error for Asked {
        fn custom<T: fmt::Display>(_: T) -> Self {
            Asked("", &[])
        }
    }

    struct Probe;
    impl<'de> de::Deserializer<'de> for Probe {
        type Error = Asked;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Asked> {
            Err(Asked("", &[]))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            name: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Asked> {
            Err(Asked(name, fields))
        }
        fn deserialize_enum<V: Visitor<'de>>(
            self,
            name: &'static str,
            variants: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Asked> {
            Err(Asked(name, variants))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map identifier ignored_any
        }
    }

    fn asked<'de, T: Deserialize<'de>>() -> (&'static str, &'static [&'static str]) {
        match T::deserialize(Probe) {
            Err(Asked(name, list)) => (name, list),
            Ok(_) => panic!("the probe gives nothing"),
        }
    }

    #[test]
    fn the_table_has_every_struct_and_field_of_the_types_in_order() {
        let serde_side = [
            asked::<Portfolio>(),
            asked::<Criterion>(),
            asked::<RiskThresholds>(),
            asked::<Goal>(),
            asked::<Project>(),
            asked::<Budget>(),
            asked::<Funding>(),
            asked::<MeasuredResult>(),
            asked::<Risk>(),
            asked::<Evaluation>(),
            asked::<Rating>(),
            asked::<FollowUp>(),
            asked::<Meeting>(),
            asked::<Change>(),
        ];
        assert_eq!(serde_side.len(), STRUCTS.len());
        for ((name, fields), s) in serde_side.iter().zip(STRUCTS) {
            assert_eq!(*name, s.name);
            let ours: Vec<&str> = s.fields.iter().map(|f| f.name).collect();
            assert_eq!(*fields, ours.as_slice(), "{name}");
            for f in s.fields {
                assert!(
                    f.example.starts_with(&format!("{}: ", f.name)),
                    "{name}.{}",
                    f.name
                );
                if let Kind::Struct(n) | Kind::Structs(n) = f.kind {
                    assert!(lookup(n).is_some(), "{name}.{}: {n}", f.name);
                }
            }
        }
    }

    #[test]
    fn the_variants_are_the_enums() {
        assert_eq!(asked::<Status>(), ("Status", STATUS));
        assert_eq!(asked::<Health>(), ("Health", HEALTH));
        assert_eq!(asked::<FundingStatus>(), ("FundingStatus", FUNDING_STATUS));
        assert_eq!(asked::<RiskStatus>(), ("RiskStatus", RISK_STATUS));
        assert_eq!(asked::<Decision>(), ("Decision", DECISION));
        assert_eq!(asked::<Level>(), ("Level", LEVEL));
    }

    #[test]
    fn every_example_parses_as_its_field() {
        // Each example, put in a file of its own where it stands, loads.
        let project = |extra: &str| {
            format!(
                "(name: \"n\", organisation: \"o\", goals: [], projects: [(id: \"P\", name: \"N\", {extra})])"
            )
        };
        for f in lookup("Project").map_or(&[][..], |s| s.fields) {
            if matches!(f.name, "id" | "name") {
                continue;
            }
            let text = project(f.example);
            assert!(crate::model::parse(&text).is_ok(), "{text}");
        }
        for f in portfolio().fields {
            if matches!(f.name, "name" | "organisation" | "goals" | "projects") {
                continue;
            }
            let text = format!(
                "(name: \"n\", organisation: \"o\", goals: [], projects: [], {})",
                f.example
            );
            assert!(crate::model::parse(&text).is_ok(), "{text}");
        }
    }
}
