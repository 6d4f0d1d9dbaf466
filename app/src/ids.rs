//! Identifiers of records. Each kind of record has its own type so that a young person's id
//! can never be passed where a cohort's is expected. They are random (UUID v4), so a web
//! address reveals nothing about how many records exist or which came first.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! record_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// Parses an id from a web address or form; anything else is "not found".
            pub fn parse(raw: &str) -> Option<Self> {
                Uuid::parse_str(raw.trim()).ok().map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }
    };
}

record_id!(
    /// A person of any role: young person, parent/carer, worker, manager.
    PersonId
);
record_id!(
    /// One run of a programme with its members.
    CohortId
);
record_id!(
    /// A team of workers and their manager.
    TeamId
);
record_id!(
    /// A phone or browser a young person or carer has signed in on.
    DeviceId
);
record_id!(
    /// A programme template: its sessions, topics and objectives.
    ProgrammeId
);
record_id!(
    /// One recorded score (scores are never overwritten; a correction is a new one).
    ScoreId
);

record_id!(
    /// One published version of a question set (never changed once published).
    VersionId
);
record_id!(
    /// One set of answers to a questionnaire.
    ResponseId
);
record_id!(
    /// One "What I think" entry.
    EntryId
);

/// A session's place in its programme, counted from 1 as people say it ("session 3").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SessionNumber(u16);

impl SessionNumber {
    pub fn new(value: u16) -> Option<Self> {
        (value >= 1).then_some(SessionNumber(value))
    }

    pub fn parse(raw: &str) -> Option<Self> {
        raw.trim().parse().ok().and_then(Self::new)
    }

    pub fn value(self) -> u16 {
        self.0
    }
}

impl fmt::Display for SessionNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_only_uuids() {
        let id = PersonId(Uuid::from_u128(42));
        assert_eq!(PersonId::parse(&id.to_string()), Some(id));
        assert_eq!(PersonId::parse("42"), None);
        assert_eq!(PersonId::parse("'; drop table people; --"), None);
    }

    #[test]
    fn session_numbers_start_at_one() {
        assert_eq!(SessionNumber::parse("0"), None);
        assert_eq!(SessionNumber::parse("-2"), None);
        assert_eq!(SessionNumber::parse("3").map(SessionNumber::value), Some(3));
    }
}

record_id!(
    /// One press of "I don't understand this", until the worker has explained it.
    ExplainId
);
