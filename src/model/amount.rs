//! Amounts as people type them, in either language: `2 400 000`, `2400000`, `2_400_000`,
//! `2.400.000`, `2,400,000`, `2,4 mill`, `2.4m`, `2,4 M kr`, `950k`, `950 tusen`,
//! `1,2 mrd`. For the budget of a what-if also a share of the current total (`-20%`,
//! `+5 %`, `80%`) or a change to it (`-2m`, `+500k`).
//!
//! The rules, so that an amount never means something else than it says:
//!
//! - Digits may be grouped by spaces (any kind: plain, no-break, thin), `_`, `'`, `.` or
//!   `,`; every group after the first has three digits (`12 34` is refused).
//! - `.` and `,` are the decimal mark when a unit follows (`2,4 mill`, `2.4m`, `12,5%`),
//!   when both appear (the last one is the decimal mark: `1.234,5 k`, `1,234.5 k`), or
//!   when one appears once and is not followed by exactly three digits. So `2,400` and
//!   `2.400` are both two thousand four hundred; `2,5` alone is two and a half kroner,
//!   which is refused: amounts are whole, and the message says to write `2,5m`.
//! - Units, in any case, after an optional space: `k`, `tusen`, `thousand` (10³); `m`,
//!   `mill`, `mill.`, `million(s)`, `millioner`, `mln`, `mio` (10⁶); `mrd`, `milliard(er)`,
//!   `bn`, `billion(s)` (10⁹). Then, optionally, the currency: `kr`, `kr.`, `NOK`,
//!   `kroner` (`2m kr`, `12 mill. NOK`, `mnok` and `mkr` as one word). A fraction of the
//!   unit below one krone is rounded to the nearest krone.
//! - An amount is at most 10¹⁵ (the file's limit) and never negative.
//!
//! Errors say why in both languages and where: `at` is the character (counted from 0)
//! where the trouble starts, for the field to point at.

use crate::model::msg::{Msg, msg};

/// The largest amount a file may hold (FORMAT.md).
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;

/// Why typed text is not an amount, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountError {
    /// The character (from 0) where the trouble starts.
    pub at: usize,
    pub reason: Msg,
}

impl std::fmt::Display for AmountError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason.en)
    }
}

impl std::error::Error for AmountError {}

/// A budget as typed in the what-if: an amount, a share of the current total, or a change
/// to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetInput {
    /// `12m`, `12 000 000`.
    Amount(i64),
    /// `80%` (8000), `-20%` (8000), `+5%` (10500): the current total times this many
    /// hundredths of a percent.
    Share(i64),
    /// `-2m`, `+500k`: the current total changed by this much.
    Change(i64),
}

impl BudgetInput {
    /// The budget this input gives when the current total is `total`: never below 0,
    /// rounded to the krone.
    pub fn resolve(self, total: i64) -> i64 {
        let total = i128::from(total.max(0));
        let v = match self {
            BudgetInput::Amount(a) => i128::from(a),
            BudgetInput::Share(h) => (total * i128::from(h) + 5_000) / 10_000,
            BudgetInput::Change(d) => total + i128::from(d),
        };
        v.clamp(0, i128::from(i64::MAX)) as i64
    }
}

/// A whole amount, unsigned (the edit of a budget field, the what-if's budget).
pub fn parse_amount(s: &str) -> Result<i64, AmountError> {
    match parse(s)? {
        Parsed {
            percent: Some(at), ..
        } => Err(AmountError {
            at,
            reason: msg!(
                "a percentage is not an amount here; write the amount (2,4 mill)",
                "en prosent er ikke et beløp her; skriv beløpet (2,4 mill)"
            ),
        }),
        Parsed {
            sign: Some((at, '-')),
            ..
        } => Err(AmountError {
            at,
            reason: msg!(
                "an amount cannot be negative",
                "et beløp kan ikke være negativt"
            ),
        }),
        p => p.whole(),
    }
}

/// A what-if budget: an amount, a percentage of the current total, or a signed change.
pub fn parse_budget(s: &str) -> Result<BudgetInput, AmountError> {
    let p = parse(s)?;
    if p.percent.is_some() {
        // Hundredths of a percent, exactly: 12,5 % is 1250.
        let h = p.scaled(2).ok_or_else(|| too_large(p.start))?;
        let share = match p.sign {
            Some((_, '-')) => 10_000 - h,
            Some(_) => 10_000 + h,
            None => h,
        };
        if share < 0 {
            return Err(AmountError {
                at: p.start,
                reason: msg!(
                    "a cut cannot be more than 100 %",
                    "et kutt kan ikke være mer enn 100 %"
                ),
            });
        }
        return Ok(BudgetInput::Share(share));
    }
    let v = p.whole()?;
    Ok(match p.sign {
        Some((_, '-')) => BudgetInput::Change(-v),
        Some(_) => BudgetInput::Change(v),
        None => BudgetInput::Amount(v),
    })
}

/// What [`parse`] found: the digits and where the decimal mark was, the unit, the sign.
struct Parsed {
    /// Where the number's first digit is.
    start: usize,
    /// All the digits, grouping left out.
    digits: String,
    /// How many of `digits` come after the decimal mark.
    decimals: usize,
    /// The unit's power of ten.
    power: u32,
    sign: Option<(usize, char)>,
    /// Where `%` is, when there is one.
    percent: Option<usize>,
}

impl Parsed {
    /// `digits` × 10^(power + extra − decimals), rounded half up: the number in kroner
    /// (`extra` 0) or in hundredths (`extra` 2). `None` when it does not fit.
    fn scaled(&self, extra_power: u32) -> Option<i64> {
        let mut n: i128 = 0;
        for d in self.digits.bytes() {
            n = n.checked_mul(10)?.checked_add(i128::from(d - b'0'))?;
            if n > 10i128.pow(30) {
                return None;
            }
        }
        let up = (self.power + extra_power) as i64 - self.decimals as i64;
        let v = if up >= 0 {
            n.checked_mul(10i128.checked_pow(up as u32)?)?
        } else {
            let div = 10i128.checked_pow((-up) as u32)?;
            (n + div / 2) / div
        };
        i64::try_from(v).ok()
    }

    /// The amount in whole kroner.
    fn whole(&self) -> Result<i64, AmountError> {
        if self.power == 0 && self.decimals > 0 {
            return Err(AmountError {
                at: self.start,
                reason: msg!(
                    "not a whole amount; for millions write 2,5m (2 500 000)",
                    "ikke et helt beløp; for millioner skriv 2,5m (2 500 000)"
                ),
            });
        }
        match self.scaled(0) {
            Some(v) if v <= MAX_AMOUNT => Ok(v),
            _ => Err(too_large(self.start)),
        }
    }
}

fn too_large(at: usize) -> AmountError {
    AmountError {
        at,
        reason: msg!(
            "above the largest amount, 10^15",
            "over det største beløpet, 10^15"
        ),
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// A unit word's power of ten (`mnok` and `mkr` hold the currency too).
fn unit(word: &str) -> Option<u32> {
    Some(match word {
        "k" | "tusen" | "thousand" | "thousands" => 3,
        "m" | "mill" | "million" | "millions" | "millioner" | "mln" | "mio" | "mnok" | "mkr" => 6,
        "mrd" | "milliard" | "milliarder" | "bn" | "billion" | "billions" => 9,
        _ => return None,
    })
}

fn currency(word: &str) -> bool {
    matches!(word, "kr" | "nok" | "kroner")
}

fn parse(s: &str) -> Result<Parsed, AmountError> {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let skip_space = |i: &mut usize| {
        while *i < chars.len() && is_space(chars[*i]) {
            *i += 1;
        }
    };
    skip_space(&mut i);
    if i == chars.len() {
        return Err(AmountError {
            at: 0,
            reason: msg!(
                "type an amount: 12m, 12 000 000, 2,5 mill or -20 %",
                "skriv et beløp: 12m, 12 000 000, 2,5 mill eller -20 %"
            ),
        });
    }
    let mut sign = None;
    if matches!(chars[i], '-' | '+' | '\u{2212}') {
        let c = if chars[i] == '+' { '+' } else { '-' };
        sign = Some((i, c));
        i += 1;
        skip_space(&mut i);
    }
    let start = i;
    // The number: digits and separators, a space only when a digit follows it.
    let mut raw: Vec<(usize, char)> = Vec::new();
    while i < chars.len() {
        let c = chars[i];
        let next_is_digit = chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
        if c.is_ascii_digit() || (matches!(c, '.' | ',' | '_' | '\'') && next_is_digit) {
            raw.push((i, c));
            i += 1;
        } else if is_space(c) && next_is_digit && !raw.is_empty() {
            raw.push((i, ' '));
            i += 1;
        } else {
            break;
        }
    }
    if raw.is_empty() {
        return Err(not_part(&chars, i));
    }
    if !raw[0].1.is_ascii_digit() {
        return Err(not_part(&chars, raw[0].0));
    }
    // The rest: an optional unit or %, then an optional currency.
    skip_space(&mut i);
    let mut power = 0;
    let mut percent = None;
    let mut words = 0;
    while i < chars.len() {
        if chars[i] == '%' && words == 0 && percent.is_none() {
            percent = Some(i);
            i += 1;
            skip_space(&mut i);
            continue;
        }
        let w0 = i;
        while i < chars.len() && chars[i].is_alphabetic() {
            i += 1;
        }
        if i == w0 {
            return Err(not_part(&chars, i));
        }
        let word: String = chars[w0..i].iter().collect::<String>().to_lowercase();
        if i < chars.len() && chars[i] == '.' {
            i += 1; // "mill.", "kr."
        }
        match (unit(&word), currency(&word)) {
            (Some(p), _) if words == 0 && percent.is_none() => {
                power = p;
                words = if word.ends_with("nok") || word.ends_with("kr") {
                    2
                } else {
                    1
                };
            }
            (_, true) if words < 2 && percent.is_none() => words = 2,
            _ => {
                return Err(AmountError {
                    at: w0,
                    reason: {
                        let w = crate::sanitize::clean(&chars[w0..i].iter().collect::<String>())
                            .into_owned();
                        msg!(
                            "`{w}` is not a unit; use k, m (mill) or mrd",
                            "`{w}` er ikke en enhet; bruk k, m (mill) eller mrd"
                        )
                    },
                });
            }
        }
        skip_space(&mut i);
    }
    let has_unit = power > 0 || percent.is_some();
    let (digits, decimals) = number(&raw, has_unit)?;
    Ok(Parsed {
        start,
        digits,
        decimals,
        power,
        sign,
        percent,
    })
}

fn not_part(chars: &[char], at: usize) -> AmountError {
    let c: String = chars
        .get(at)
        .map(|c| crate::sanitize::clean(&c.to_string()).into_owned())
        .unwrap_or_default();
    AmountError {
        at,
        reason: if c.is_empty() {
            msg!(
                "a number is missing: 12m, 12 000 000, 2,5 mill",
                "et tall mangler: 12m, 12 000 000, 2,5 mill"
            )
        } else {
            msg!(
                "`{c}` is not part of an amount",
                "`{c}` hører ikke til et beløp"
            )
        },
    }
}

/// The digits of the number and how many come after its decimal mark, the grouping
/// checked (see the module's rules).
fn number(raw: &[(usize, char)], has_unit: bool) -> Result<(String, usize), AmountError> {
    let last = |m: char| raw.iter().rposition(|&(_, c)| c == m);
    let count = |m: char| raw.iter().filter(|&&(_, c)| c == m).count();
    let digits_after = |pos: usize| {
        raw[pos + 1..]
            .iter()
            .take_while(|(_, c)| c.is_ascii_digit())
            .count()
    };
    let ends_at = |pos: usize| pos + 1 + digits_after(pos) == raw.len();
    let decimal = match (last('.'), last(',')) {
        (Some(d), Some(c)) => Some(d.max(c)),
        (Some(m), None) | (None, Some(m)) => {
            let one = count(raw[m].1) == 1;
            let three = digits_after(m) == 3 && ends_at(m);
            (one && (has_unit || !three)).then_some(m)
        }
        (None, None) => None,
    };
    if let Some(d) = decimal {
        if !ends_at(d) {
            return Err(AmountError {
                at: raw[d].0,
                reason: msg!(
                    "a decimal mark is followed by digits only",
                    "etter desimaltegnet kommer bare sifre"
                ),
            });
        }
        if raw[d + 1..].is_empty() {
            return Err(AmountError {
                at: raw[d].0,
                reason: msg!(
                    "digits are missing after the decimal mark",
                    "sifre mangler etter desimaltegnet"
                ),
            });
        }
    }
    let int_end = decimal.unwrap_or(raw.len());
    // Groups of the integer part: the first 1–3 digits (any number when ungrouped),
    // every further one exactly three.
    let mut groups: Vec<(usize, usize)> = vec![(raw[0].0, 0)];
    for &(at, c) in &raw[..int_end] {
        if c.is_ascii_digit() {
            if let Some(g) = groups.last_mut() {
                g.1 += 1;
            }
        } else {
            groups.push((at, 0));
        }
    }
    if groups.len() > 1 {
        if groups[0].1 > 3 {
            return Err(bad_group(groups[1].0));
        }
        if let Some(&(at, _)) = groups[1..].iter().find(|g| g.1 != 3) {
            return Err(bad_group(at));
        }
    }
    let digits: String = raw
        .iter()
        .map(|&(_, c)| c)
        .filter(char::is_ascii_digit)
        .collect();
    let decimals = decimal.map_or(0, |d| raw.len() - d - 1);
    Ok((digits, decimals))
}

fn bad_group(at: usize) -> AmountError {
    AmountError {
        at,
        reason: msg!(
            "digits are grouped in threes: 12 000 000",
            "sifrene grupperes tre og tre: 12 000 000"
        ),
    }
}

#[cfg(test)]
mod tests;
