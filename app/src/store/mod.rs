//! The boundary between the application and the server. Server functions talk only to
//! [`Store`], which stores and fetches (one implementation per database engine, from one
//! set of queries), and to [`Accounts`], which holds the sign-in rules and mints secrets
//! (one implementation, over the store). Neither is visible to a component.

use std::sync::Arc;

use async_trait::async_trait;

use crate::api::score_session::ScoreSessionView;
use crate::error::AppError;
use crate::ids::{CohortId, PersonId, ScoreId, SessionNumber};
use crate::scaling::{Score, Stage};

mod casework;
mod identity;
mod plans;
mod programmes;
mod questionnaires;
mod reports;
mod voice;

pub use casework::*;
pub use identity::*;
pub use plans::*;
pub use programmes::*;
pub use questionnaires::*;
pub use reports::*;
pub use voice::*;

pub type SharedStore = Arc<dyn Store>;

/// Everything the application asks of its database, in three parts so each engine's
/// implementation can be read one concern at a time.
pub trait Store:
    Scoring
    + Access
    + Casework
    + Programmes
    + Questionnaires
    + Plans
    + Voice
    + Reports
    + Send
    + Sync
    + 'static
{
}
impl<
        T: Scoring
            + Access
            + Casework
            + Programmes
            + Questionnaires
            + Plans
            + Voice
            + Reports
            + Send
            + Sync
            + 'static,
    > Store for T
{
}

#[async_trait]
pub trait Scoring {
    /// Cheap round trip to the database, for the health check.
    async fn ping(&self) -> Result<(), StoreError>;

    async fn score_session(
        &self,
        young_person: PersonId,
        cohort: CohortId,
        session: SessionNumber,
        language: crate::language::Language,
    ) -> Result<Lookup<ScoreSessionView>, StoreError>;

    /// Appends a score. Earlier scores for the same stage stay in the history; the latest
    /// one counts. Writes its audit row in the same transaction. A resend under the same
    /// idempotency key returns the first score's id; different content under it is refused.
    async fn record_session_score(&self, score: NewSessionScore) -> Outcome<ScoreId>;
}

/// The outcome of looking up a record on behalf of a person.
#[derive(Debug)]
pub enum Lookup<T> {
    Found(T),
    /// The person exists and so does the record, but they are not part of it.
    NotMember,
    NotFound,
}

#[derive(Clone, Debug)]
pub struct NewSessionScore {
    pub young_person: PersonId,
    pub cohort: CohortId,
    pub session: SessionNumber,
    pub stage: Stage,
    pub score: Score,
    /// Who pressed the button: the young person, or a worker on their behalf.
    pub entered_by: PersonId,
    pub entered_by_role: crate::identity::Role,
    pub key: Option<crate::programme::IdempotencyKey>,
}

/// A failure inside the store. Its text may name tables and constraints, so it is logged,
/// never shown: [`AppError::from`] turns it into an id the person can quote.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StoreError(pub String);

/// Lets the store write `?` after a query: the database's words become the error's text,
/// which is logged with an id and never shown.
#[cfg(feature = "ssr")]
impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError(e.to_string())
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::internal(&e)
    }
}
