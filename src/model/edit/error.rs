//! Why an edit could not be applied, in both languages.

/// Why an edit could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("project `{0}` is not in the portfolio")]
    NoProject(String),
    #[error("risk `{1}` is not in project `{0}`")]
    NoRisk(String, String),
    #[error("criterion `{0}` is not in the portfolio")]
    NoCriterion(String),
    #[error("{0} must be between 1 and 5")]
    OutOfRange(&'static str),
    #[error("follow-up `{1}` is not in project `{0}`")]
    NoFollowUp(String, String),
    #[error("a follow-up needs a text")]
    EmptyFollowUp,
    #[error("{0} `{1}` is not there any more")]
    NoItem(&'static str, String),
    #[error("goal `{0}` is not in the goal tree")]
    NoGoal(String),
    #[error("the id `{0}` is taken")]
    Taken(String),
    #[error("an id cannot be empty")]
    EmptyId,
    #[error("{0} cannot be empty")]
    Empty(&'static str),
    #[error("{0} cannot be negative")]
    Negative(&'static str),
    #[error("`end` cannot be before `start`")]
    EndBeforeStart,
    #[error("an amount can be at most 10^15")]
    TooLarge,
    #[error("a number must be finite")]
    NotFinite,
    #[error("the goal tree can be at most 31 levels deep")]
    TooDeep,
    /// The edit would give the file an error `styr check` refuses.
    #[error("{0}")]
    Invalid(crate::model::Msg),
    #[error("an SDG must be between 1 and 17")]
    BadSdg,
    #[error("a project is added or removed on its own, not with other edits")]
    Reshape,
    #[error("{0} rates twice; keep one rating per person")]
    RatesTwice(String),
}

/// The words an [`EditError`] names a field with, in bokmål.
fn nb_what(what: &str) -> &'static str {
    match what {
        "a score" => "en score",
        "probability" => "sannsynligheten",
        "consequence" => "konsekvensen",
        "a project's name" => "et prosjekts navn",
        "a risk's title" => "en risikos tittel",
        "a result's name" => "et resultats navn",
        "a funding line's source" => "en finansierings kilde",
        "a goal's title" => "et måls tittel",
        "a rating's name" => "navnet i en vurdering",
        _ => "feltet",
    }
}

impl EditError {
    /// Why, in both languages (the status line says it in the user's).
    pub fn msg(&self) -> crate::model::Msg {
        use crate::model::msg::msg;
        let c = |s: &str| crate::sanitize::clean(s).into_owned();
        match self {
            EditError::NoProject(p) => {
                let p = c(p);
                msg!(
                    "project `{p}` is not in the portfolio",
                    "prosjektet `{p}` finnes ikke i porteføljen"
                )
            }
            EditError::NoRisk(p, r) => {
                let (p, r) = (c(p), c(r));
                msg!(
                    "risk `{r}` is not in project `{p}`",
                    "risikoen `{r}` finnes ikke i prosjektet `{p}`"
                )
            }
            EditError::NoCriterion(k) => {
                let k = c(k);
                msg!(
                    "criterion `{k}` is not in the portfolio",
                    "kriteriet `{k}` finnes ikke i porteføljen"
                )
            }
            EditError::OutOfRange(what) => {
                let nb = nb_what(what);
                msg!(
                    "{what} must be between 1 and 5",
                    "{nb} må være mellom 1 og 5"
                )
            }
            EditError::NoFollowUp(_, t) | EditError::NoItem(_, t) => {
                let t = c(t);
                msg!("`{t}` is not there any more", "`{t}` finnes ikke lenger")
            }
            EditError::EmptyFollowUp => msg!(
                "a follow-up needs a text",
                "et oppfølgingspunkt trenger en tekst"
            ),
            EditError::NoGoal(g) => {
                let g = c(g);
                msg!(
                    "goal `{g}` is not in the goal tree",
                    "målet `{g}` finnes ikke i måltreet"
                )
            }
            EditError::Taken(id) => {
                let id = c(id);
                msg!("the id `{id}` is taken", "id-en `{id}` er i bruk")
            }
            EditError::EmptyId => msg!("an id cannot be empty", "en id kan ikke være tom"),
            EditError::Empty(what) => {
                let nb = nb_what(what);
                msg!("{what} cannot be empty", "{nb} kan ikke være tom")
            }
            EditError::Negative(_) => msg!(
                "an amount cannot be negative",
                "et beløp kan ikke være negativt"
            ),
            EditError::Reshape => msg!(
                "a project is added or removed on its own, not with other edits",
                "et prosjekt legges til eller fjernes alene, ikke sammen med andre endringer"
            ),
            EditError::EndBeforeStart => msg!(
                "`end` cannot be before `start`",
                "slutt kan ikke være før start"
            ),
            EditError::TooLarge => msg!(
                "an amount can be at most 10^15",
                "et beløp kan være høyst 10^15"
            ),
            EditError::NotFinite => msg!("a number must be finite", "et tall må være endelig"),
            EditError::TooDeep => msg!(
                "the goal tree can be at most 31 levels deep",
                "måltreet kan ha høyst 31 nivåer"
            ),
            EditError::Invalid(m) => m.clone(),
            EditError::RatesTwice(by) => {
                let by = c(by);
                msg!(
                    "{by} rates twice; keep one rating per person",
                    "{by} har to vurderinger; behold én vurdering per person"
                )
            }
            EditError::BadSdg => msg!(
                "an SDG must be between 1 and 17",
                "et bærekraftsmål må være mellom 1 og 17"
            ),
        }
    }
}
