//! Amounts as people type them: `2 400 000`, `2_400_000`, `2,400,000`, `2.4m`,
//! `2,4 mill`, `12m`, `950k`, `1,5 mrd`, `300 000 kr`. The result is whole units of the
//! portfolio's currency, 0 to [`MAX_AMOUNT`] (FORMAT.md); anything else is an error that
//! says what was expected, in both languages.

use super::load::MAX_AMOUNT;
use super::msg::{Msg, msg};

/// Words after the number and what they multiply by (lower case, longest first where
/// one starts another).
const SUFFIXES: [(&str, i64); 20] = [
    ("milliarder", 1_000_000_000),
    ("milliard", 1_000_000_000),
    ("billion", 1_000_000_000),
    ("mrd", 1_000_000_000),
    ("bn", 1_000_000_000),
    ("millioner", 1_000_000),
    ("million", 1_000_000),
    ("mill", 1_000_000),
    ("mln", 1_000_000),
    ("mio", 1_000_000),
    ("m", 1_000_000),
    ("thousand", 1_000),
    ("tusen", 1_000),
    ("k", 1_000),
    ("t", 1_000),
    ("nok", 1),
    ("kr", 1),
    ("eur", 1),
    ("sek", 1),
    ("dkk", 1),
];

/// An amount as typed, in whole units.
pub fn parse_amount(s: &str) -> Result<i64, Msg> {
    let typed = s.trim();
    let bad = || {
        let t = crate::sanitize::clean(typed);
        msg!(
            "`{t}` is not an amount: write 2 400 000, 2.4m or 2,4 mill",
            "`{t}` er ikke et beløp: skriv 2 400 000, 2,4m eller 2,4 mill"
        )
    };
    if typed.is_empty() {
        return Err(msg!("an amount is needed", "beløpet mangler"));
    }
    // Spaces of every kind and `_` group digits; they carry no meaning.
    let mut compact: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '\u{a0}' | '\u{202f}'))
        .collect::<String>()
        .to_lowercase();
    if compact.starts_with('-') {
        let t = crate::sanitize::clean(typed);
        return Err(msg!(
            "`{t}`: an amount cannot be negative",
            "`{t}`: et beløp kan ikke være negativt"
        ));
    }
    let mut mult = 1i64;
    // A currency after a multiplier: `2,4 mill kr`.
    for _ in 0..2 {
        if compact.ends_with('.') && compact[..compact.len() - 1].ends_with(char::is_alphabetic) {
            compact.pop(); // `mill.`
        }
        if let Some((word, m)) = SUFFIXES.iter().find(|(w, _)| compact.ends_with(w)) {
            let rest = &compact[..compact.len() - word.len()];
            let before_ok =
                |c: char| c.is_ascii_digit() || c == '.' || (*m == 1 && c.is_alphabetic());
            if rest.is_empty() || !rest.ends_with(before_ok) {
                break;
            }
            if *m > 1 && mult > 1 {
                return Err(bad());
            }
            mult = mult.max(*m);
            compact = rest.to_string();
        }
    }
    let compact = compact.strip_suffix('.').unwrap_or(&compact);
    if compact.is_empty()
        || !compact
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return Err(bad());
    }
    let (whole, frac) = split_number(compact, mult > 1).ok_or_else(bad)?;
    let value = scaled(&whole, &frac, mult).ok_or_else(|| too_large(typed))?;
    if value > MAX_AMOUNT {
        return Err(too_large(typed));
    }
    Ok(value)
}

fn too_large(typed: &str) -> Msg {
    let t = crate::sanitize::clean(typed);
    let max = Msg::amount(MAX_AMOUNT);
    msg!(
        "`{t}` is above the largest amount, {max}",
        "`{t}` er over det største beløpet, {max}";
        max
    )
}

/// The digits before and after the decimal mark. With a multiplier (`2,4 mill`) a lone
/// `,` or `.` is the decimal mark; without one, `,` and `.` between groups of three are
/// thousands separators (`2,400,000`, `2.400.000`), and a decimal mark is refused
/// unless what follows it is zeros (`1500,00`).
fn split_number(s: &str, scaled: bool) -> Option<(String, String)> {
    let marks: Vec<(usize, char)> = s
        .char_indices()
        .filter(|(_, c)| !c.is_ascii_digit())
        .collect();
    if marks.is_empty() {
        return Some((s.to_string(), String::new()));
    }
    let groups: Vec<&str> = s.split([',', '.']).collect();
    let same_mark = marks.iter().all(|(_, c)| *c == marks[0].1);
    let grouped = same_mark
        && !groups[0].is_empty()
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3);
    if grouped && !(scaled && marks.len() == 1) {
        return Some((groups.concat(), String::new()));
    }
    // The last mark is the decimal one; any before it must group thousands.
    let (at, _) = *marks.last()?;
    let (int, frac) = (&s[..at], &s[at + 1..]);
    if !frac.chars().all(|c| c.is_ascii_digit()) || frac.is_empty() && int.is_empty() {
        return None;
    }
    let int = match split_number(int, false) {
        Some((i, f)) if f.is_empty() => i,
        _ if int.is_empty() => String::new(),
        _ => return None,
    };
    if !scaled && frac.chars().any(|c| c != '0') {
        return None; // `2,5` is not a whole amount
    }
    Some((int, frac.to_string()))
}

/// `whole.frac × mult`, rounded to a whole unit; `None` on overflow.
fn scaled(whole: &str, frac: &str, mult: i64) -> Option<i64> {
    let whole = whole.trim_start_matches('0');
    if whole.len() > 18 {
        return None;
    }
    let w: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let value = w.checked_mul(mult)?;
    // Digits past the 18th cannot move a whole unit of any multiplier here.
    let frac = &frac[..frac.len().min(18)];
    if frac.is_empty() {
        return Some(value);
    }
    let num: i128 = frac.parse::<i128>().ok()? * i128::from(mult);
    let denom = 10i128.pow(frac.len() as u32);
    let part = (num * 2 + denom) / (denom * 2); // rounded half up
    value.checked_add(i64::try_from(part).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_people_write_them() {
        for (typed, v) in [
            ("2400000", 2_400_000),
            ("2 400 000", 2_400_000),
            ("2\u{a0}400\u{a0}000", 2_400_000),
            ("2_400_000", 2_400_000),
            ("2,400,000", 2_400_000),
            ("2.400.000", 2_400_000),
            ("2.4m", 2_400_000),
            ("2,4m", 2_400_000),
            ("2,4 mill", 2_400_000),
            ("2,4 mill.", 2_400_000),
            ("2,4 millioner", 2_400_000),
            ("2.4 million", 2_400_000),
            ("12m", 12_000_000),
            ("12 M", 12_000_000),
            ("950k", 950_000),
            ("950 tusen", 950_000),
            ("1,5 mrd", 1_500_000_000),
            ("300 000 kr", 300_000),
            ("2,4 mill kr", 2_400_000),
            ("1500,00", 1_500),
            ("0", 0),
            ("1.2345m", 1_234_500),
            ("0,5k", 500),
            (",5m", 500_000),
            ("1.000", 1_000),
            ("1,000m", 1_000_000),
        ] {
            assert_eq!(parse_amount(typed), Ok(v), "{typed}");
        }
    }

    #[test]
    fn what_is_not_an_amount_says_so_in_both_languages() {
        for typed in [
            "",
            "abc",
            "2,5",
            "1.2.3",
            "m",
            "2 400 000 000 000 000 000",
            "-5",
            "12mm",
            "2,4,5 mill",
            "1e6",
        ] {
            let e = parse_amount(typed).expect_err(typed);
            assert!(
                !e.en.is_empty() && !e.nb.is_empty() && e.en != e.nb,
                "{typed}: {e:?}"
            );
        }
        assert!(parse_amount("-5").unwrap_err().en.contains("negative"));
        assert!(
            parse_amount("2000000000m")
                .unwrap_err()
                .en
                .contains("largest")
        );
        assert!(parse_amount("2,5").unwrap_err().nb.contains("2,4 mill"));
    }
}
