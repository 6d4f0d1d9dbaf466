//! Programmes and their runs: the three programme-scaling measures, the idempotency key a
//! phone attaches to anything it may resend, and the shapes of the worker's cohort pages.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::ids::{CohortId, PersonId, ProgrammeId, SessionNumber};
use crate::scaling::{Score, SessionScores, Stage};

/// What a young person scales at the start and at the end of a whole programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// What they learned across the sessions.
    Learning,
    /// How likely they are to take risks in future.
    RiskTaking,
    /// How well they understand what would happen if they offended again.
    Consequences,
}

impl Measure {
    pub const ALL: [Measure; 3] = [
        Measure::Learning,
        Measure::RiskTaking,
        Measure::Consequences,
    ];

    /// Fewer risks is better; more learning and understanding is better.
    pub fn good_end(self) -> crate::scaling::GoodEnd {
        match self {
            Measure::RiskTaking => crate::scaling::GoodEnd::Low,
            Measure::Learning | Measure::Consequences => crate::scaling::GoodEnd::High,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Learning => "learning",
            Measure::RiskTaking => "risk_taking",
            Measure::Consequences => "consequences",
        }
    }
}

impl FromStr for Measure {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Measure::ALL
            .into_iter()
            .find(|m| m.as_str() == s.trim())
            .ok_or(())
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A young person's latest programme-scaling answers at one stage, one per measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureScores {
    pub learning: Option<Score>,
    pub risk_taking: Option<Score>,
    pub consequences: Option<Score>,
}

impl MeasureScores {
    pub fn get(&self, measure: Measure) -> Option<Score> {
        match measure {
            Measure::Learning => self.learning,
            Measure::RiskTaking => self.risk_taking,
            Measure::Consequences => self.consequences,
        }
    }

    pub fn slot(&mut self, measure: Measure) -> &mut Option<Score> {
        match measure {
            Measure::Learning => &mut self.learning,
            Measure::RiskTaking => &mut self.risk_taking,
            Measure::Consequences => &mut self.consequences,
        }
    }

    pub fn is_complete(&self) -> bool {
        Measure::ALL.iter().all(|m| self.get(*m).is_some())
    }
}

/// The key a phone gives a submission so that sending it twice stores it once. Made by the
/// client (a UUID in practice); anything from 16 to 64 letters, digits and hyphens.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        let shape_ok = (16..=64).contains(&raw.len())
            && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        shape_ok.then(|| IdempotencyKey(raw.to_owned()))
    }

    /// An absent key is fine (a form posted without JavaScript is not retried by a queue);
    /// a present but malformed one is a client bug and is refused.
    pub fn parse_optional(raw: Option<&str>) -> Result<Option<Self>, crate::error::Problem> {
        match raw.map(str::trim).filter(|r| !r.is_empty()) {
            None => Ok(None),
            Some(r) => IdempotencyKey::parse(r)
                .map(Some)
                .ok_or(crate::error::Problem::KeyInvalid),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The worker's live view of one session of a cohort.
pub fn group_session_href(cohort: CohortId, session: SessionNumber) -> String {
    format!("/cohorts/{cohort}/sessions/{session}")
}

pub fn cohort_href(cohort: CohortId) -> String {
    format!("/cohorts/{cohort}")
}

/// A young person's programme scaling (start or end) for one cohort.
pub fn programme_scaling_href(young_person: PersonId, cohort: CohortId, stage: Stage) -> String {
    format!("/young-people/{young_person}/cohorts/{cohort}/programme/{stage}")
}

pub fn progress_href(young_person: PersonId, cohort: CohortId) -> String {
    format!("/young-people/{young_person}/cohorts/{cohort}/progress")
}

/// How a group or one-to-one programme is delivered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    Group,
    OneToOne,
}

impl Delivery {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "group" => Some(Delivery::Group),
            "one_to_one" => Some(Delivery::OneToOne),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeOption {
    pub id: ProgrammeId,
    pub name: String,
    pub delivery: Delivery,
    pub sessions: u16,
    pub summary: String,
}

/// A row of the worker's list of cohorts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortSummary {
    pub id: CohortId,
    pub name: String,
    pub programme: String,
    pub delivery: Delivery,
    pub starts_on: String,
    pub members: u32,
    pub workers: Vec<String>,
}

/// One session of a cohort's programme, as listed on the cohort page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionOutline {
    pub number: SessionNumber,
    pub topic: String,
    pub scored: bool,
    /// How many current members have given each score, and attended.
    pub starts: u32,
    pub ends: u32,
    pub attended: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortMember {
    pub id: PersonId,
    pub name: String,
    /// Sessions marked attended, out of the programme's sessions.
    pub attended: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortView {
    pub id: CohortId,
    pub name: String,
    pub programme: String,
    pub delivery: Delivery,
    pub starts_on: String,
    pub workers: Vec<String>,
    pub members: Vec<CohortMember>,
    pub sessions: Vec<SessionOutline>,
    /// Young people of the team who could join (not current members).
    pub could_join: Vec<(PersonId, String)>,
}

/// One member's row in the worker's live view of a session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRow {
    pub young_person: PersonId,
    pub name: String,
    /// None: the register has not been taken for them yet.
    pub attended: Option<bool>,
    pub scores: SessionScores,
    /// Whether the latest start or end score was typed in by a worker.
    pub entered_by_worker: bool,
}

impl GroupRow {
    /// What the worker may record on this young person's behalf next.
    pub fn next_stage(&self) -> Option<Stage> {
        self.scores.still_to_give()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSessionView {
    pub cohort: CohortId,
    pub cohort_name: String,
    pub programme: String,
    pub number: SessionNumber,
    pub topic: String,
    pub scored: bool,
    pub rows: Vec<GroupRow>,
}

impl GroupSessionView {
    pub fn count(&self, stage: Stage) -> usize {
        self.rows
            .iter()
            .filter(|r| r.scores.get(stage).is_some())
            .count()
    }
}

/// A young person's view of their own progress in one cohort.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub cohort: CohortId,
    pub programme: String,
    pub sessions: Vec<(SessionNumber, String, SessionScores)>,
    pub programme_start: MeasureScores,
    pub programme_end: MeasureScores,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_round_trip_through_text() {
        for m in Measure::ALL {
            assert_eq!(m.as_str().parse::<Measure>(), Ok(m));
        }
        assert!("courage".parse::<Measure>().is_err());
    }

    #[test]
    fn idempotency_keys_are_plain_and_bounded() {
        assert!(IdempotencyKey::parse("6f1c2a9e-0b7d-4c55-9a51-3f0e8d1b2c44").is_some());
        assert!(IdempotencyKey::parse("short").is_none());
        assert!(IdempotencyKey::parse(&"a".repeat(65)).is_none());
        assert!(IdempotencyKey::parse("aaaaaaaaaaaaaaaa'; --").is_none());
        assert_eq!(IdempotencyKey::parse_optional(None), Ok(None));
        assert_eq!(IdempotencyKey::parse_optional(Some("  ")), Ok(None));
        assert!(IdempotencyKey::parse_optional(Some("bad key")).is_err());
    }

    #[test]
    fn the_worker_is_offered_the_next_missing_score() {
        let mut row = GroupRow {
            young_person: PersonId(uuid::Uuid::nil()),
            name: "Test".into(),
            attended: Some(true),
            scores: SessionScores::default(),
            entered_by_worker: false,
        };
        assert_eq!(row.next_stage(), Some(Stage::Start));
        row.scores.start_missed = true;
        assert_eq!(row.next_stage(), Some(Stage::End));
        row.scores.end = Score::new(6).ok();
        assert_eq!(row.next_stage(), None);
    }

    #[test]
    fn programme_scaling_is_complete_with_all_three_measures() {
        let mut scores = MeasureScores::default();
        for m in Measure::ALL {
            assert!(!scores.is_complete());
            *scores.slot(m) = Score::new(5).ok();
        }
        assert!(scores.is_complete());
    }
}
