//! Norwegian alphabetical order for names from the file (units, instruments, funding
//! sources): a–z, then æ, ø, å, letter case ignored. Accented letters sort with their
//! base letter (é as e, á as a, č as c), ä with æ, ö with ø and ü with y, as Norwegian
//! dictionaries have it; digits come before letters. Names that are equal in that order
//! (`EU` and `eu`) fall back to their plain text, so the order is total and the same on
//! every run.

use std::cmp::Ordering;

/// Where `c` sorts, first by letter; numbers chosen so that digits < letters < æøå <
/// anything else, and punctuation and spaces first.
fn primary(c: char) -> u32 {
    let base = match c.to_lowercase().next().unwrap_or(c) {
        'à' | 'á' | 'â' | 'ã' | 'ā' => 'a',
        'ç' | 'č' | 'ć' => 'c',
        'đ' | 'ð' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' | 'ŋ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' => 'o',
        'š' | 'ś' => 's',
        'ŧ' => 't',
        'ù' | 'ú' | 'û' => 'u',
        'ü' | 'ý' | 'ÿ' => 'y',
        'ž' | 'ź' | 'ż' => 'z',
        'ä' | 'æ' => return 1026,
        'ö' | 'ø' => return 1027,
        'å' => return 1028,
        other => other,
    };
    match base {
        'a'..='z' => 1000 + (base as u32 - 'a' as u32),
        '0'..='9' => 500 + (base as u32 - '0' as u32),
        c if c.is_alphanumeric() => 2000 + c as u32,
        c => c as u32,
    }
}

/// `a` against `b` in Norwegian alphabetical order (see the module).
pub fn cmp(a: &str, b: &str) -> Ordering {
    a.chars()
        .map(primary)
        .cmp(b.chars().map(primary))
        .then_with(|| a.cmp(b))
}

/// Sort names in Norwegian alphabetical order.
pub fn sort<S: AsRef<str>>(names: &mut [S]) {
    names.sort_by(|a, b| cmp(a.as_ref(), b.as_ref()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ae_oe_aa_come_after_z_and_case_is_ignored() {
        let mut v = vec![
            "Økonomi",
            "Åpen",
            "Ærlig",
            "zebra",
            "Kultur",
            "kommune",
            "EØS-midlene",
            "Erasmus+",
            "Énergie",
            "2024-midler",
        ];
        sort(&mut v);
        assert_eq!(
            v,
            [
                "2024-midler",
                "Énergie",
                "Erasmus+",
                "EØS-midlene",
                "kommune",
                "Kultur",
                "zebra",
                "Ærlig",
                "Økonomi",
                "Åpen",
            ]
        );
    }

    #[test]
    fn equal_names_in_the_order_fall_back_to_their_text() {
        assert_eq!(cmp("EU", "eu"), Ordering::Less);
        assert_eq!(cmp("eu", "EU"), Ordering::Greater);
        assert_eq!(cmp("Øst", "Öst"), "Øst".cmp("Öst"));
        assert_eq!(cmp("same", "same"), Ordering::Equal);
        // A prefix first.
        assert_eq!(cmp("Nett", "Nettverk"), Ordering::Less);
    }
}
