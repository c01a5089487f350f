//! proptest strategies for arbitrary portfolios, hostile strings included: what
//! save.rs's round-trip property runs over.

use chrono::{NaiveDate, NaiveTime};
use indexmap::IndexMap;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

use crate::model::types::*;

/// Characters that have broken emitters before: quotes, backslashes, control
/// characters, bidi overrides, comment starts, multi-byte UTF-8.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range('a', 'z'),
        2 => prop::sample::select(vec![
            '"', '\\', '\n', '\r', '\t', '\0', '\u{1b}', '\u{7}', '\u{7f}', '\u{85}',
            '\u{9b}', '\u{202e}', '\u{2066}', '\u{200b}', '\u{feff}', '\u{2028}', 'æ', 'ø',
            'Å', '–', '🙂', '/', '*', '#', '{', '}', '(', ')', ',', ':', ' ', 'r', '\'',
            '\u{301}',
        ]),
        1 => any::<char>(),
    ]
}

pub fn text() -> impl Strategy<Value = String> {
    vec(hostile_char(), 0..12).prop_map(|cs| cs.into_iter().collect())
}

pub fn date() -> impl Strategy<Value = Date> {
    (0i32..=9999, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| Date(NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)))
}

fn number() -> impl Strategy<Value = Number> {
    prop_oneof![
        (-1_000_000i64..1_000_000).prop_map(|v| Number(v as f64)),
        any::<f64>()
            .prop_filter("finite", |v| v.is_finite())
            .prop_map(Number),
        Just(Number(0.0)),
        Just(Number(-0.0)),
        Just(Number(1e16)),
    ]
}

fn int() -> impl Strategy<Value = i64> {
    prop_oneof![0i64..10, any::<i64>()]
}

fn criterion() -> impl Strategy<Value = Criterion> {
    (text(), text(), int(), option::of(text())).prop_map(|(id, name, weight, description)| {
        Criterion {
            id,
            name,
            weight,
            description,
        }
    })
}

fn goal() -> impl Strategy<Value = Goal> {
    let leaf = (text(), text(), option::of(text()), vec(int(), 0..4)).prop_map(
        |(id, title, description, sdgs)| Goal {
            id,
            title,
            description,
            sdgs,
            children: Vec::new(),
        },
    );
    leaf.prop_recursive(3, 12, 3, |inner| {
        (
            text(),
            text(),
            option::of(text()),
            vec(int(), 0..4),
            vec(inner, 0..3),
        )
            .prop_map(|(id, title, description, sdgs, children)| Goal {
                id,
                title,
                description,
                sdgs,
                children,
            })
    })
}

fn budget() -> impl Strategy<Value = Budget> {
    let funding = (
        text(),
        int(),
        prop::sample::select(vec![
            FundingStatus::Applied,
            FundingStatus::Granted,
            FundingStatus::Rejected,
        ]),
    )
        .prop_map(|(source, amount, status)| Funding {
            source,
            amount,
            status,
        });
    (int(), int(), vec(funding, 0..3)).prop_map(|(planned, spent, funding)| Budget {
        planned,
        spent,
        funding,
    })
}

fn result() -> impl Strategy<Value = MeasuredResult> {
    (
        text(),
        option::of(text()),
        number(),
        number(),
        option::of(date()),
    )
        .prop_map(|(name, unit, target, actual, due)| MeasuredResult {
            name,
            unit,
            target,
            actual,
            due,
        })
}

fn risk() -> impl Strategy<Value = Risk> {
    (
        (text(), text(), option::of(text()), int(), int()),
        (
            option::of(text()),
            option::of(text()),
            prop::sample::select(RiskStatus::ALL.to_vec()),
        ),
    )
        .prop_map(
            |((id, title, cause, probability, consequence), (mitigation, owner, status))| Risk {
                id,
                title,
                cause,
                probability,
                consequence,
                mitigation,
                owner,
                status,
            },
        )
}

pub fn time() -> impl Strategy<Value = Time> {
    (0u32..24, 0u32..60)
        .prop_map(|(h, m)| Time(NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)))
}

fn scores() -> impl Strategy<Value = IndexMap<String, i64>> {
    vec((text(), int()), 0..4).prop_map(|s| s.into_iter().collect())
}

fn rating() -> impl Strategy<Value = Rating> {
    (text(), scores()).prop_map(|(by, scores)| Rating { by, scores })
}

pub fn evaluation() -> impl Strategy<Value = Evaluation> {
    (
        date(),
        scores(),
        option::of(prop::sample::select(Decision::ALL.to_vec())),
        option::of(text()),
        option::of(text()),
        vec(rating(), 0..3),
    )
        .prop_map(|(date, scores, decision, note, by, ratings)| Evaluation {
            date,
            scores,
            decision,
            note,
            by,
            ratings,
        })
}

fn follow_up() -> impl Strategy<Value = FollowUp> {
    (
        text(),
        option::of(text()),
        option::of(date()),
        date(),
        option::of(date()),
        option::of(text()),
    )
        .prop_map(|(text, owner, due, raised, done, by)| FollowUp {
            text,
            owner,
            due,
            raised,
            done,
            by,
        })
}

fn change() -> impl Strategy<Value = Change> {
    (
        time(),
        option::of(text()),
        option::of(text()),
        option::of(text()),
        text(),
        option::of(text()),
        option::of(text()),
    )
        .prop_map(|(at, by, project, goal, what, from, to)| Change {
            at,
            by,
            project,
            goal,
            what,
            from,
            to,
        })
}

fn meeting() -> impl Strategy<Value = Meeting> {
    (
        (date(), option::of(text()), option::of(text())),
        (vec(text(), 0..4), vec(text(), 0..3), option::of(text())),
        (vec(text(), 0..30), vec(change(), 0..3)),
    )
        .prop_map(
            |((date, chair, secretary), (attendees, absent, note), (agenda, changes))| Meeting {
                date,
                chair,
                secretary,
                attendees,
                absent,
                note,
                agenda,
                changes,
            },
        )
}

fn project() -> impl Strategy<Value = Project> {
    (
        (
            text(),
            text(),
            option::of(text()),
            option::of(text()),
            option::of(text()),
            prop::sample::select(Status::ALL.to_vec()),
            option::of(prop::sample::select(Health::ALL.to_vec())),
            option::of(date()),
            option::of(date()),
        ),
        (
            vec(text(), 0..4),
            option::of(budget()),
            vec(result(), 0..3),
            vec(risk(), 0..3),
            vec(evaluation(), 0..3),
            vec(text(), 0..30),
        ),
        (
            option::of(prop::sample::select(Level::ALL.to_vec())),
            vec(follow_up(), 0..3),
        ),
    )
        .prop_map(
            |(
                (id, name, owner, unit, instrument, status, health, start, end),
                (goals, budget, results, risks, evaluations, tags),
                (level, follow_ups),
            )| Project {
                id,
                name,
                owner,
                unit,
                instrument,
                status,
                health,
                start,
                end,
                goals,
                budget,
                results,
                risks,
                evaluations,
                tags,
                level,
                follow_ups,
            },
        )
}

pub fn portfolio() -> impl Strategy<Value = Portfolio> {
    (
        (text(), text(), prop_oneof![Just("NOK".to_string()), text()]),
        option::of(date()),
        vec(text(), 0..4),
        prop_oneof![Just(default_criteria()), vec(criterion(), 0..4)],
        prop_oneof![
            Just(RiskThresholds::default()),
            (int(), int()).prop_map(|(amber, red)| RiskThresholds { amber, red })
        ],
        vec(goal(), 0..3),
        vec(project(), 0..4),
        vec(meeting(), 0..3),
    )
        .prop_map(
            |(
                (name, organisation, currency),
                as_of,
                levels,
                criteria,
                risk_thresholds,
                goals,
                projects,
                meetings,
            )| Portfolio {
                name,
                organisation,
                currency,
                as_of,
                levels,
                criteria,
                risk_thresholds,
                goals,
                projects,
                meetings,
            },
        )
}
