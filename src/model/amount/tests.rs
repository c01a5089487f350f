//! Amounts in both languages' forms, and bad input refused with a reason and a place.

use super::*;

#[track_caller]
fn amount(s: &str) -> i64 {
    parse_amount(s).unwrap_or_else(|e| panic!("{s:?}: {}", e.reason.en))
}

#[track_caller]
fn refused(s: &str) -> AmountError {
    match parse_amount(s) {
        Ok(v) => panic!("{s:?} gave {v}"),
        Err(e) => e,
    }
}

#[test]
fn plain_and_grouped_amounts() {
    for (s, want) in [
        ("2400000", 2_400_000),
        ("2 400 000", 2_400_000),
        ("2\u{a0}400\u{a0}000", 2_400_000),
        ("2\u{202f}400\u{202f}000", 2_400_000),
        ("2_400_000", 2_400_000),
        ("2.400.000", 2_400_000),
        ("2,400,000", 2_400_000),
        ("2'400'000", 2_400_000),
        ("2,400", 2_400),
        ("2.400", 2_400),
        ("  12 000 000 kr ", 12_000_000),
        ("12 000 000 NOK", 12_000_000),
        ("0", 0),
        ("1 000 000 000 000 000", MAX_AMOUNT),
    ] {
        assert_eq!(amount(s), want, "{s:?}");
    }
}

#[test]
fn units_in_both_languages() {
    for (s, want) in [
        ("12m", 12_000_000),
        ("12M", 12_000_000),
        ("2.4m", 2_400_000),
        ("2,4m", 2_400_000),
        ("2,4 mill", 2_400_000),
        ("2,4 mill.", 2_400_000),
        ("12,5 mill", 12_500_000),
        ("12,5 millioner kr", 12_500_000),
        ("2.5 million", 2_500_000),
        ("3 mnok", 3_000_000),
        ("3 MNOK", 3_000_000),
        ("1,5 mill. kr", 1_500_000),
        ("950k", 950_000),
        ("950 tusen", 950_000),
        ("1.5 thousand", 1_500),
        ("1,2 mrd", 1_200_000_000),
        ("1.2bn", 1_200_000_000),
        ("1 234,5 k", 1_234_500),
        ("1.234,5 k", 1_234_500),
        ("1,234.5 k", 1_234_500),
        ("2,400 m", 2_400_000),
        // Below one krone: rounded.
        ("1,2345678m", 1_234_568),
    ] {
        assert_eq!(amount(s), want, "{s:?}");
    }
}

#[test]
fn bad_input_is_refused_with_a_reason_and_a_place() {
    let e = refused("");
    assert!(e.reason.en.starts_with("type an amount"), "{}", e.reason.en);
    assert!(e.reason.nb.starts_with("skriv et beløp"), "{}", e.reason.nb);

    let e = refused("12 34");
    assert_eq!(e.at, 2);
    assert_eq!(e.reason.en, "digits are grouped in threes: 12 000 000");
    assert_eq!(e.reason.nb, "sifrene grupperes tre og tre: 12 000 000");
    assert_eq!(refused("1234 567").at, 4);
    assert_eq!(refused("1.23.456").at, 1);

    let e = refused("2,5");
    assert!(
        e.reason.en.starts_with("not a whole amount"),
        "{}",
        e.reason.en
    );
    assert!(
        e.reason.nb.starts_with("ikke et helt beløp"),
        "{}",
        e.reason.nb
    );

    let e = refused("12 xyz");
    assert_eq!(e.at, 3);
    assert_eq!(e.reason.en, "`xyz` is not a unit; use k, m (mill) or mrd");
    assert_eq!(
        e.reason.nb,
        "`xyz` er ikke en enhet; bruk k, m (mill) eller mrd"
    );

    let e = refused("abc");
    assert_eq!(
        (e.at, e.reason.en.as_str()),
        (0, "`a` is not part of an amount")
    );
    assert_eq!(e.reason.nb, "`a` hører ikke til et beløp");

    let e = refused("-2m");
    assert_eq!(e.reason.en, "an amount cannot be negative");
    assert_eq!(e.reason.nb, "et beløp kan ikke være negativt");

    let e = refused("-20%");
    assert!(e.reason.en.starts_with("a percentage is not an amount"));

    let e = refused("1 000 000 000 000 001");
    assert_eq!(e.reason.en, "above the largest amount, 10^15");
    assert_eq!(e.reason.nb, "over det største beløpet, 10^15");
    assert!(
        refused("99999999999999999999999999999999999999")
            .reason
            .en
            .starts_with("above")
    );

    // Two units, a unit after the currency, a control character from a paste.
    assert!(refused("2 m k").reason.en.contains("`k` is not a unit"));
    assert!(refused("2 kr m").reason.en.contains("`m` is not a unit"));
    let e = refused("2\u{1b}[2Jm");
    assert!(!e.reason.en.contains('\u{1b}'), "{:?}", e.reason.en);
    assert!(refused("-").reason.en.starts_with("a number is missing"));
    assert!(refused("m").reason.en.contains("`m` is not part"));
}

#[test]
fn a_budget_is_an_amount_a_share_or_a_change() {
    assert_eq!(parse_budget("12m"), Ok(BudgetInput::Amount(12_000_000)));
    assert_eq!(parse_budget("-20%"), Ok(BudgetInput::Share(8_000)));
    assert_eq!(parse_budget("- 20 %"), Ok(BudgetInput::Share(8_000)));
    assert_eq!(
        parse_budget("\u{2212}12,5 %"),
        Ok(BudgetInput::Share(8_750))
    );
    assert_eq!(parse_budget("+5%"), Ok(BudgetInput::Share(10_500)));
    assert_eq!(parse_budget("80%"), Ok(BudgetInput::Share(8_000)));
    assert_eq!(parse_budget("-2m"), Ok(BudgetInput::Change(-2_000_000)));
    assert_eq!(parse_budget("+500k"), Ok(BudgetInput::Change(500_000)));
    let e = parse_budget("-120%").unwrap_err();
    assert_eq!(e.reason.en, "a cut cannot be more than 100 %");
    assert_eq!(e.reason.nb, "et kutt kan ikke være mer enn 100 %");
    assert!(parse_budget("20 % kr").is_err());

    let total = 12_345_678;
    assert_eq!(BudgetInput::Share(8_000).resolve(total), 9_876_542);
    assert_eq!(BudgetInput::Share(10_000).resolve(total), total);
    assert_eq!(BudgetInput::Change(-2_000_000).resolve(total), 10_345_678);
    assert_eq!(BudgetInput::Change(-20_000_000).resolve(total), 0);
    assert_eq!(BudgetInput::Amount(5).resolve(total), 5);
    assert_eq!(BudgetInput::Share(0).resolve(total), 0);
}
