//! The 0–10 scale young people use to score themselves, and the two moments in a session
//! when they do it.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A self-rating on the 0–10 scale. Only values in range can exist, so everything that
/// holds a `Score` can trust it; raw input is parsed with [`Score::parse`] at the edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Score(u8);

impl Score {
    pub const MIN: u8 = 0;
    pub const MAX: u8 = 10;

    /// Every value on the scale, lowest first: the order the picker shows them in.
    pub fn all() -> impl Iterator<Item = Score> {
        (Self::MIN..=Self::MAX).map(Score)
    }

    pub fn new(value: u8) -> Result<Self, ScoreError> {
        if value <= Self::MAX {
            Ok(Score(value))
        } else {
            Err(ScoreError::OutOfRange)
        }
    }

    /// Parses what a form or an API client sent. A missing or blank value is its own error
    /// because the person simply has not chosen yet, which deserves a different message.
    pub fn parse(raw: Option<&str>) -> Result<Self, ScoreError> {
        let raw = raw.map(str::trim).unwrap_or_default();
        if raw.is_empty() {
            return Err(ScoreError::Missing);
        }
        let value: i64 = raw.parse().map_err(|_| ScoreError::OutOfRange)?;
        u8::try_from(value)
            .map_err(|_| ScoreError::OutOfRange)
            .and_then(Self::new)
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// Which of the seven faces (and their words) shows this score when the scale is shown
    /// as faces: 0 is the saddest, 6 the happiest. The stored value is the number either way.
    /// The face for this score on a scale whose good end is `good`: on a scale where high
    /// is bad ("how likely are you to take risks?") 10 gets the worried face, never a grin.
    pub fn face_for(self, good: GoodEnd) -> u8 {
        match good {
            GoodEnd::High => self.face(),
            GoodEnd::Low => 6 - self.face(),
        }
    }

    pub fn face(self) -> u8 {
        match self.0 {
            0 => 0,
            1..=2 => 1,
            3..=4 => 2,
            5 => 3,
            6..=7 => 4,
            8..=9 => 5,
            _ => 6,
        }
    }
}

impl TryFrom<u8> for Score {
    type Error = ScoreError;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Score> for u8 {
    fn from(score: Score) -> u8 {
        score.0
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    #[error("no score was chosen")]
    Missing,
    #[error("a score must be a whole number from 0 to 10")]
    OutOfRange,
}

/// When in a session a score was given: once before the session starts and once at its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Start,
    End,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Start => "start",
            Stage::End => "end",
        }
    }
}

impl FromStr for Stage {
    type Err = StageError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "start" => Ok(Stage::Start),
            "end" => Ok(Stage::End),
            _ => Err(StageError),
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the stage must be \"start\" or \"end\"")]
pub struct StageError;

/// A young person's latest start and end scores for one session.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionScores {
    pub start: Option<Score>,
    pub end: Option<Score>,
    /// A worker noted that the young person missed the start, so the end can be taken alone.
    #[serde(default)]
    pub start_missed: bool,
}

impl SessionScores {
    /// The question to ask next: the start until it is given, then the end.
    pub fn next_stage(&self) -> Stage {
        if self.start.is_none() && !self.start_missed {
            Stage::Start
        } else {
            Stage::End
        }
    }

    /// The score still to give, if any: the start (unless noted missed), then the end.
    pub fn still_to_give(&self) -> Option<Stage> {
        let next = self.next_stage();
        (next == Stage::Start || self.end.is_none()).then_some(next)
    }

    /// The end score only means something against a start score, so it waits for one.
    pub fn may_record(&self, stage: Stage) -> bool {
        match stage {
            Stage::Start => true,
            Stage::End => self.start.is_some() || self.start_missed,
        }
    }

    pub fn get(&self, stage: Stage) -> Option<Score> {
        match stage {
            Stage::Start => self.start,
            Stage::End => self.end,
        }
    }
}

/// Which end of a 0–10 scale is the hoped-for one. Faces and the "better" hint follow it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum GoodEnd {
    #[default]
    High,
    Low,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_from_zero_to_ten_is_a_score() {
        let values: Vec<u8> = Score::all().map(Score::value).collect();
        assert_eq!(values, (0..=10).collect::<Vec<u8>>());
    }

    #[test]
    fn faces_go_up_with_the_score_and_cover_both_ends() {
        let faces: Vec<u8> = Score::all().map(Score::face).collect();
        assert!(faces.windows(2).all(|w| w[0] <= w[1]), "{faces:?}");
        assert_eq!((faces[0], faces[10]), (0, 6));
    }

    #[test]
    fn faces_follow_the_good_end() {
        let ten = Score::new(10).expect("10");
        let zero = Score::new(0).expect("0");
        assert_eq!(ten.face_for(GoodEnd::High), 6, "a grin where high is good");
        assert_eq!(ten.face_for(GoodEnd::Low), 0, "worried where high is bad");
        assert_eq!(zero.face_for(GoodEnd::Low), 6);
    }

    #[test]
    fn values_above_ten_are_refused() {
        assert_eq!(Score::new(11), Err(ScoreError::OutOfRange));
        assert_eq!(Score::try_from(255u8), Err(ScoreError::OutOfRange));
    }

    #[test]
    fn parsing_tells_missing_apart_from_wrong() {
        assert_eq!(Score::parse(None), Err(ScoreError::Missing));
        assert_eq!(Score::parse(Some("  ")), Err(ScoreError::Missing));
        assert_eq!(Score::parse(Some("-1")), Err(ScoreError::OutOfRange));
        assert_eq!(Score::parse(Some("11")), Err(ScoreError::OutOfRange));
        assert_eq!(Score::parse(Some("7.5")), Err(ScoreError::OutOfRange));
        assert_eq!(Score::parse(Some("seven")), Err(ScoreError::OutOfRange));
        assert_eq!(
            Score::parse(Some("99999999999999999999")),
            Err(ScoreError::OutOfRange)
        );
        assert_eq!(Score::parse(Some(" 7 ")).map(Score::value), Ok(7));
        assert_eq!(Score::parse(Some("0")).map(Score::value), Ok(0));
        assert_eq!(Score::parse(Some("10")).map(Score::value), Ok(10));
    }

    #[test]
    fn deserialising_enforces_the_range() {
        let ok: Score = serde_json::from_str("10").expect("10 is a score");
        assert_eq!(ok.value(), 10);
        assert!(serde_json::from_str::<Score>("11").is_err());
    }

    #[test]
    fn stages_round_trip_through_text() {
        for stage in [Stage::Start, Stage::End] {
            assert_eq!(stage.as_str().parse::<Stage>(), Ok(stage));
        }
        assert_eq!("middle".parse::<Stage>(), Err(StageError));
    }

    #[test]
    fn the_end_score_waits_for_the_start_score() {
        let none = SessionScores::default();
        assert_eq!(none.next_stage(), Stage::Start);
        assert!(none.may_record(Stage::Start));
        assert!(!none.may_record(Stage::End));

        let started = SessionScores {
            start: Score::new(4).ok(),
            ..SessionScores::default()
        };
        assert_eq!(started.next_stage(), Stage::End);
        assert!(started.may_record(Stage::End));
        assert_eq!(started.get(Stage::Start).map(Score::value), Some(4));

        let late = SessionScores {
            start_missed: true,
            ..SessionScores::default()
        };
        assert_eq!(late.next_stage(), Stage::End);
        assert!(late.may_record(Stage::End));
    }
}
