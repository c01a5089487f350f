//! A message in both of the program's languages, made where the finding is made and
//! shown in the reader's language ([`super::Diagnostic::render_in`]).
//!
//! Both texts are made at once with `msg!`: an English and a Norwegian format string
//! over the same variables. A variable that is itself a [`Msg`] (a project named in
//! words, an amount) is listed after `;` and is put into each text in that text's
//! language:
//!
//! ```text
//! let who = who(pr);                // project `P1` ("One") / prosjektet `P1` («One»)
//! let spent = Msg::amount(b.spent); // 465,000 / 465 000
//! msg!("{who} has spent {spent}", "{who} har brukt {spent}"; who, spent)
//! ```

use std::fmt;
use std::ops::Deref;

use crate::text::Lang;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Msg {
    pub en: String,
    pub nb: String,
}

impl Msg {
    pub fn new(en: impl Into<String>, nb: impl Into<String>) -> Msg {
        Msg {
            en: en.into(),
            nb: nb.into(),
        }
    }

    /// The same text in both languages: code, an id, a number, ron's own words.
    pub fn same(s: impl Into<String>) -> Msg {
        let s = s.into();
        Msg {
            en: s.clone(),
            nb: s,
        }
    }

    /// The text made by `f` for each language.
    pub fn each(f: impl Fn(Lang) -> String) -> Msg {
        Msg {
            en: f(Lang::En),
            nb: f(Lang::Nb),
        }
    }

    /// An amount for people, as the views write it: `465,000` / `465 000`.
    pub fn amount(v: i64) -> Msg {
        Msg::each(|l| l.amount(v))
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Nb => &self.nb,
        }
    }

    /// Each text changed by `f`, which is told the text's language.
    pub fn map(self, f: impl Fn(Lang, String) -> String) -> Msg {
        Msg {
            en: f(Lang::En, self.en),
            nb: f(Lang::Nb, self.nb),
        }
    }
}

/// The English text: what tests and `Display` see.
impl Deref for Msg {
    type Target = str;
    fn deref(&self) -> &str {
        &self.en
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// `msg!("English {x}", "Norsk {x}")`, or with parts in both languages after `;`:
/// `msg!("{who} …", "{who} …"; who)`, where `who` is a [`Msg`].
macro_rules! msg {
    ($en:literal, $nb:literal $(; $($part:ident),+)? $(,)?) => {{
        let en = {
            $($(let $part = $part.get($crate::text::Lang::En);)+)?
            format!($en)
        };
        let nb = {
            $($(let $part = $part.get($crate::text::Lang::Nb);)+)?
            format!($nb)
        };
        $crate::model::msg::Msg::new(en, nb)
    }};
}
pub(crate) use msg;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_gets_its_own_parts() {
        let n = 3;
        let spent = Msg::amount(465_000);
        let m = msg!("{n}: spent {spent}", "{n}: brukt {spent}"; spent);
        assert_eq!(m.en, "3: spent 465,000");
        assert_eq!(m.nb, "3: brukt 465\u{a0}000");
        assert_eq!(&*m, "3: spent 465,000");
        assert_eq!(m.get(Lang::Nb), m.nb);
        let plain = msg!("a", "b");
        assert_eq!((plain.en.as_str(), plain.nb.as_str()), ("a", "b"));
    }
}
