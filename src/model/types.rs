//! The portfolio file's types, field for field as FORMAT.md describes them.
//!
//! Plain serde data: no `flatten`, no untagged enums, so RON round trips hold. Every
//! field is serialized, defaults too: lossless saving compares whole trees
//! ([`super::value`]); the canonical writer ([`super::save`]) decides what to leave out.

use std::fmt;

use chrono::{NaiveDate, NaiveTime};
use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date, written `"YYYY-MM-DD"` in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn parse(s: &str) -> Option<Date> {
        // Exactly YYYY-MM-DD: chrono alone would also take "2026-1-5".
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return None;
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(Date)
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        (other.0 - self.0).num_days()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(super::parse_error::custom::not_a_date(
                &crate::sanitize::clean(&s),
            ))
        })
    }
}

/// A time of day, written `"HH:MM"` in the file (when a meeting made a change).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub NaiveTime);

impl Time {
    pub fn parse(s: &str) -> Option<Time> {
        // Exactly HH:MM, 00:00 to 23:59.
        let b = s.as_bytes();
        if b.len() != 5 || b[2] != b':' || ![0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit()) {
            return None;
        }
        let (h, m) = (s.get(..2)?.parse().ok()?, s.get(3..)?.parse().ok()?);
        NaiveTime::from_hms_opt(h, m, 0).map(Time)
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%H:%M"))
    }
}

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Time::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(super::parse_error::custom::not_a_time(
                &crate::sanitize::clean(&s),
            ))
        })
    }
}

/// A measured quantity (result target and actual). Whole numbers are written without
/// a decimal point so that `target: 12` stays `12` when the file is saved.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Number(pub f64);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            s.serialize_i64(v as i64)
        } else {
            s.serialize_f64(v)
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        if v.is_finite() {
            Ok(Number(v))
        } else {
            Err(serde::de::Error::custom(
                super::parse_error::custom::not_finite(),
            ))
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.fract() == 0.0 && self.0.abs() < 9.0e15 {
            write!(f, "{}", self.0 as i64)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

pub(super) fn default_currency() -> String {
    "NOK".to_string()
}

/// The three criteria used when a file names none (seed 004: goal achievement, results, economy).
pub fn default_criteria() -> Vec<Criterion> {
    [
        ("goals", "Måloppnåelse", 40),
        ("results", "Resultater", 35),
        ("budget", "Økonomi", 25),
    ]
    .into_iter()
    .map(|(id, name, weight)| Criterion {
        id: id.to_string(),
        name: name.to_string(),
        weight,
        description: None,
    })
    .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Portfolio {
    pub name: String,
    pub organisation: String,
    #[serde(
        default = "default_currency",
        deserialize_with = "super::optional::currency_or_some"
    )]
    pub currency: String,
    #[serde(default)]
    pub as_of: Option<Date>,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub levels: Vec<String>,
    #[serde(
        default = "default_criteria",
        deserialize_with = "super::optional::criteria_or_some"
    )]
    pub criteria: Vec<Criterion>,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub risk_thresholds: RiskThresholds,
    pub goals: Vec<Goal>,
    pub projects: Vec<Project>,
    /// The record of each steering meeting, oldest first.
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub meetings: Vec<Meeting>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub weight: i64,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskThresholds {
    pub amber: i64,
    pub red: i64,
}

impl Default for RiskThresholds {
    fn default() -> Self {
        RiskThresholds { amber: 5, red: 10 }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub sdgs: Vec<i64>,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub children: Vec<Goal>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub enum Status {
    #[default]
    Proposed,
    Active,
    OnHold,
    Completed,
    Stopped,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Proposed,
        Status::Active,
        Status::OnHold,
        Status::Completed,
        Status::Stopped,
    ];
}

/// The project's own traffic light. Ordered so that `max` is the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Health {
    Green,
    Amber,
    Red,
}

impl Health {
    pub const ALL: [Health; 3] = [Health::Green, Health::Amber, Health::Red];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum FundingStatus {
    Applied,
    #[default]
    Granted,
    Rejected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum RiskStatus {
    #[default]
    Open,
    Mitigated,
    Closed,
}

impl RiskStatus {
    pub const ALL: [RiskStatus; 3] = [RiskStatus::Open, RiskStatus::Mitigated, RiskStatus::Closed];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Decision {
    Continue,
    Adjust,
    Pause,
    Stop,
    Approve,
    Complete,
}

impl Decision {
    pub const ALL: [Decision; 6] = [
        Decision::Continue,
        Decision::Adjust,
        Decision::Pause,
        Decision::Stop,
        Decision::Approve,
        Decision::Complete,
    ];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub instrument: Option<String>,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub status: Status,
    #[serde(default)]
    pub health: Option<Health>,
    #[serde(default)]
    pub start: Option<Date>,
    #[serde(default)]
    pub end: Option<Date>,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub goals: Vec<String>,
    #[serde(default)]
    pub budget: Option<Budget>,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub results: Vec<MeasuredResult>,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub risks: Vec<Risk>,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub evaluations: Vec<Evaluation>,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub tags: Vec<String>,
    #[serde(default)]
    pub level: Option<Level>,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub follow_ups: Vec<FollowUp>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    pub planned: i64,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub spent: i64,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub funding: Vec<Funding>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    pub source: String,
    pub amount: i64,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub status: FundingStatus,
}

/// A measurable result (`Result(...)` in the file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Result", deny_unknown_fields)]
pub struct MeasuredResult {
    pub name: String,
    #[serde(default)]
    pub unit: Option<String>,
    pub target: Number,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub actual: Number,
    #[serde(default)]
    pub due: Option<Date>,
}

impl MeasuredResult {
    /// The target is reached: `actual` at or above `target`.
    pub fn is_reached(&self) -> bool {
        self.actual.0 >= self.target.0
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub cause: Option<String>,
    pub probability: i64,
    pub consequence: i64,
    #[serde(default)]
    pub mitigation: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub status: RiskStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    pub date: Date,
    #[serde(default, deserialize_with = "super::optional::scores_or_some")]
    pub scores: IndexMap<String, i64>,
    #[serde(default)]
    pub decision: Option<Decision>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub by: Option<String>,
    /// Each member's own scores from a scoring round; `scores` holds the group's result.
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub ratings: Vec<Rating>,
}

/// One member's scores in a scoring round (`Rating(by: "…", scores: {…})`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub by: String,
    #[serde(deserialize_with = "super::optional::scores")]
    pub scores: IndexMap<String, i64>,
}

/// The level a measure works at (seed 000: local, regional, national, international).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    Local,
    Regional,
    National,
    International,
}

impl Level {
    pub const ALL: [Level; 4] = [
        Level::Local,
        Level::Regional,
        Level::National,
        Level::International,
    ];
}

/// An action the steering group asked for; open until `done` is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    pub text: String,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub due: Option<Date>,
    pub raised: Date,
    #[serde(default)]
    pub done: Option<Date>,
    #[serde(default)]
    pub by: Option<String>,
}

/// The record of one steering meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub date: Date,
    #[serde(default)]
    pub chair: Option<String>,
    #[serde(default)]
    pub secretary: Option<String>,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub attendees: Vec<String>,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub absent: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Project ids, in the order the meeting took them.
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub agenda: Vec<String>,
    #[serde(default, deserialize_with = "super::optional::plain_or_some")]
    pub changes: Vec<Change>,
}

/// One change a meeting made, to a project or a goal: `what` names the field, `from` and
/// `to` hold the values as the file writes them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub at: Time,
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub project: Option<String>,
    #[serde(default)]
    pub goal: Option<String>,
    pub what: String,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}
