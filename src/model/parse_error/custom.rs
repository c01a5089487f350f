//! The messages styr's own types give serde when a value does not fit (a date that is
//! no date, a key written twice). They reach the loader inside ron's error as English
//! text; [`translate`] knows each of them again and says it in both languages.

use crate::model::msg::{Msg, msg};

const NOT_A_DATE: &str = "` is not a date; write dates as \"YYYY-MM-DD\", e.g. \"2026-03-31\"";
const NOT_A_TIME: &str = "` is not a time of day; write times as \"HH:MM\", e.g. \"14:05\"";
const NOT_FINITE: &str = "a number must be finite (not NaN or inf)";
/// How the error for a key written twice in a map begins; the loader places it at the
/// second key.
pub(in crate::model) const DUPLICATE_KEY: &str = "the key `";
const TWICE: &str = "` is written twice (the first time with ";
const KEEP_ONE: &str = "); keep one of them";

/// `s` is already cleaned of control characters.
pub(in crate::model) fn not_a_date(s: &str) -> String {
    format!("`{s}{NOT_A_DATE}")
}

pub(in crate::model) fn not_a_time(s: &str) -> String {
    format!("`{s}{NOT_A_TIME}")
}

pub(in crate::model) fn not_finite() -> &'static str {
    NOT_FINITE
}

pub(in crate::model) fn key_twice(key: &str, first: i64) -> String {
    format!("{DUPLICATE_KEY}{key}{TWICE}{first}{KEEP_ONE}")
}

/// One of the messages above in both languages; any other message (serde's, ron's) as
/// it is, in both.
pub(super) fn translate(m: &str) -> Msg {
    let between = |prefix: &str, suffix: &str| {
        m.strip_prefix(prefix)
            .and_then(|r| r.strip_suffix(suffix))
            .map(str::to_string)
    };
    if let Some(v) = between("`", NOT_A_DATE) {
        return msg!(
            "`{v}` is not a date; write dates as \"YYYY-MM-DD\", e.g. \"2026-03-31\"",
            "`{v}` er ikke en dato; skriv datoer som \"YYYY-MM-DD\", f.eks. \"2026-03-31\""
        );
    }
    if let Some(v) = between("`", NOT_A_TIME) {
        return msg!(
            "`{v}` is not a time of day; write times as \"HH:MM\", e.g. \"14:05\"",
            "`{v}` er ikke et klokkeslett; skriv klokkeslett som \"HH:MM\", f.eks. \"14:05\""
        );
    }
    if m == NOT_FINITE {
        return msg!(
            "a number must be finite (not NaN or inf)",
            "et tall må være endelig (ikke NaN eller inf)"
        );
    }
    if let Some((key, first)) = between(DUPLICATE_KEY, KEEP_ONE)
        .as_deref()
        .and_then(|r| r.rsplit_once(TWICE))
    {
        return msg!(
            "the key `{key}` is written twice (the first time with {first}); keep one of them",
            "nøkkelen `{key}` er skrevet to ganger (første gang med {first}); behold én av dem"
        );
    }
    Msg::same(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_message_is_known_again_and_english_stays_as_made() {
        for m in [
            not_a_date("2027-02-30"),
            not_a_time("25:00"),
            not_finite().to_string(),
            key_twice("goals", 4),
        ] {
            let t = translate(&m);
            assert_eq!(t.en, m);
            assert_ne!(t.nb, m, "{m}");
        }
        assert_eq!(
            translate(&key_twice("a`b", 3)).nb,
            "nøkkelen `a`b` er skrevet to ganger (første gang med 3); behold én av dem"
        );
        assert_eq!(translate("invalid type").nb, "invalid type");
    }
}
